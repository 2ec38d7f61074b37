"""Markdown and Jupyter cells: $$...$$, aligned, inline $...$ in bullets and lists, GitHub math."""
from harness import Case

S = "sigma(z)"
SD = "diff(sigma(z), z)"
TD = "1 - tanh(z)**2"
SP = "log(1 + exp(z))"
CASES = [
    Case("m01_jupyter_aligned_in_dollars_valid", "md", S, [
        "The sigmoid and its derivative:",
        "",
        "$$",
        r"\begin{aligned}",
        (r"\sigma(z) &= \frac{1}{1 + e^{-z}} \\", S, "g"),
        (r"\sigma'(z) &= \frac{e^{-z}}{(1 + e^{-z})^2} \\", SD, "d1"),
        (r"&= \sigma(z)\,(1 - \sigma(z))", SD, "d1"),
        r"\end{aligned}",
        "$$",
    ]),
    Case("m02_display_per_step_with_prose_valid", "md", "tanh(z)", [
        ("Let $g(z) = \\tanh(z)$.", "tanh(z)", "g"),
        "",
        "Then",
        "",
        (r"$$g'(z) = 1 - \tanh^2(z)$$", TD, "d1"),
        "",
        "and therefore",
        "",
        (r"$$g'(z) = 1 - g(z)^2.$$", TD, "d1"),
    ], note="the definition is inline in a sentence; no row of its own defines g"),
    Case("m03_bullets_inline_math_valid", "md", SP, [
        (r"- $g(z) = \ln(1+e^z)$", SP, "g"),
        (r"- $g'(z) = \frac{e^z}{1+e^z}$", "sigma(z)", "d1"),
        (r"- $g'(z) = \sigma(z)$", "sigma(z)", "d1"),
    ]),
    Case("m04_numbered_list_display_math_valid", "md", S, [
        (r"1. Define $$g(z) = \frac{1}{1+e^{-z}}$$", S, "g"),
        (r"2. Differentiate: $$g'(z) = \frac{e^{-z}}{(1+e^{-z})^2}$$", SD, "d1"),
        (r"3. Simplify: $$g'(z) = g(z)(1-g(z))$$", SD, "d1"),
    ]),
    Case("m05_one_line_aligned_in_dollars_valid", "md", "tanh(z)", [
        "**Derivative of tanh**",
        "",
        (r"$$\begin{aligned} g(z) &= \tanh z \\ g'(z) &= 1-\tanh^2 z \\ &= 1-g(z)^2 \end{aligned}$$", [("tanh(z)", "g"), (TD, "d1"), (TD, "d1")], "g"),
    ], note="all three steps on one Markdown line"),
    Case("m06_github_math_fence_valid", "md", S, [
        "The derivative of the sigmoid:",
        "",
        "```math",
        (r"\sigma(z) = \frac{1}{1+e^{-z}}", S, "g"),
        "```",
        "",
        "```math",
        (r"\sigma'(z) = \sigma(z)\bigl(1-\sigma(z)\bigr)", SD, "d1"),
        "```",
    ], note="GitHub renders a ```math fence as display math"),
    Case("m07_github_dollar_backtick_inline_valid", "md", "tanh(z)", [
        (r"1. $`g(z) = \tanh(z)`$", "tanh(z)", "g"),
        (r"2. $`g'(z) = 1 - \tanh^2(z)`$", TD, "d1"),
        (r"3. $`g'(z) = 1 - g(z)^2`$", TD, "d1"),
    ], note="GitHub's inline math $`...`$"),
    Case("m08_jupyter_tanh_derivative_wrong", "md", "tanh(z)", [
        "### tanh",
        "$$",
        r"\begin{aligned}",
        (r"g(z) &= \tanh(z) \\", "tanh(z)", "g"),
        (r"g'(z) &= 1 - \tanh(z) \\", "1 - tanh(z)", "d1"),
        (r"&= 1 - g(z)", "1 - tanh(z)", "d1"),
        r"\end{aligned}",
        "$$",
    ], kind="exponent"),
    Case("m09_mathjax_spacing_commands_valid", "md", S, [
        "$$",
        r"\begin{aligned}",
        (r"\sigma(z) &= \frac{1}{1+e^{-z}} \\[6pt]", S, "g"),
        (r"\sigma'(z) &= \frac{d}{dz}\!\left(1+e^{-z}\right)^{-1} \\[6pt]", SD, "d1"),
        (r"&= -\left(1+e^{-z}\right)^{-2}\;\cdot\;\left(-e^{-z}\right) \\[6pt]", SD, "d1"),
        (r"&= \sigma(z)\;\bigl(1-\sigma(z)\bigr)", SD, "d1"),
        r"\end{aligned}",
        "$$",
    ]),
    Case("m10_markdown_steps_with_bold_and_display_valid", "md", SP, [
        "**Step 1.** Write the function:",
        (r"$$g(z) = \log\left(1 + e^{z}\right)$$", SP, "g"),
        "**Step 2.** Apply the chain rule:",
        (r"$$g'(z) = \frac{1}{1 + e^{z}} \cdot e^{z} = \frac{1}{1 + e^{-z}} = \sigma(z)$$", ["sigma(z)", "sigma(z)", "sigma(z)"], "d1"),
    ]),
    Case("m11_jupyter_swish_chain_factor_wrong", "md", "z*sigma(b*z)", [
        "$$",
        r"\begin{aligned}",
        (r"f(z) &= z\,\sigma(\beta z) \\", "z*sigma(b*z)", "g"),
        (r"f'(z) &= \sigma(\beta z) + z\,\sigma(\beta z)\,\bigl(1-\sigma(\beta z)\bigr)", "sigma(b*z) + z*sigma(b*z)*(1-sigma(b*z))", "d1"),
        r"\end{aligned}",
        "$$",
    ], kind="chain_factor"),
    Case("m12_markdown_blockquote_display_valid", "md", "tanh(z)", [
        "> **Claim.** The derivative of tanh is",
        ">",
        (r"> $$\frac{d}{dz}\tanh(z) = 1 - \tanh^2(z)$$", TD, "d1"),
    ], args=["--function", "tanh"], note="a quoted block in Markdown (> before the math)"),
    Case("m13_align_env_in_double_dollar_tag_valid", "md", SP, [
        "$$",
        r"\begin{align}",
        (r"g(z) &= \ln(1+e^{z}) \tag{1}\\", SP, "g"),
        (r"g'(z) &= \frac{e^{z}}{1+e^{z}} \tag{2}\\", "sigma(z)", "d1"),
        (r"g''(z) &= \frac{e^{z}}{(1+e^{z})^{2}} \tag{3}", "diff(sigma(z), z)", "d2"),
        r"\end{align}",
        "$$",
    ]),
    Case("m14_inline_dollars_in_prose_chain_valid", "md", S, [
        (r"We have $\sigma(z) = (1+e^{-z})^{-1}$, so", S, "g"),
        (r"$\sigma'(z) = (1+e^{-z})^{-2}e^{-z}$, which is", SD, "d1"),
        (r"$\sigma(z)(1-\sigma(z))$.", SD, "d1"),
    ], note="inline maths in running prose: the last line goes on with the sentence's step, never with the definition"),
    Case("m15_softplus_second_wrong_in_md", "md", SP, [
        "$$",
        r"\begin{aligned}",
        (r"g(z) &= \ln(1+e^z)\\", SP, "g"),
        (r"g'(z) &= \sigma(z)\\", "sigma(z)", "d1"),
        (r"g''(z) &= \sigma(z)^2", "sigma(z)**2", "d2"),
        r"\end{aligned}",
        "$$",
    ], kind="table"),
    Case("m16_jupyter_sympy_latex_style_valid", "md", "tanh(z)", [
        "$$",
        (r"\frac{d}{d z} \tanh{\left(z \right)} = 1 - \tanh^{2}{\left(z \right)}", TD, "d1"),
        "$$",
    ], args=["--function", "tanh"], note="sympy's LaTeX printed in a notebook cell"),
]
