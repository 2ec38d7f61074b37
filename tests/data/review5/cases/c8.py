"""Older LaTeX: a piecewise function as \\left\\{ \\begin{array} ... \\end{array} \\right., plain TeX's \\eqno."""
from harness import Case

RELU = "Piecewise((z, z > 0), (0, True))"
STEP = "Piecewise((1, z > 0), (0, True))"
CASES = [
    Case("z01_relu_left_brace_array_valid", "tex", RELU, [
        r"\begin{align*}",
        (r"g(z) &= \left\{ \begin{array}{ll} z & z > 0 \\ 0 & z \le 0 \end{array} \right.\\", RELU, "g"),
        (r"g'(z) &= \left\{ \begin{array}{ll} 1 & z > 0 \\ 0 & z < 0 \end{array} \right.", STEP, "d1"),
        r"\end{align*}",
    ], note="the piecewise function of LaTeX before amsmath's cases"),
    Case("z02_relu_left_brace_array_swapped", "tex", RELU, [
        r"\begin{align*}",
        (r"g(z) &= \max(0, z)\\", RELU, "g"),
        (r"g'(z) &= \left\{ \begin{array}{ll} 0, & \mbox{if } z > 0 \\ 1, & \mbox{if } z < 0 \end{array} \right.", "Piecewise((0, z > 0), (1, True))", "d1"),
        r"\end{align*}",
    ], kind="unknown"),
    Case("z03_plain_tex_eqno_valid", "tex", "tanh(z)", [
        (r"$$ g(z) = \tanh z \eqno(1) $$", "tanh(z)", "g"),
        (r"$$ g'(z) = 1 - g(z)^2 \eqno(2) $$", "1 - tanh(z)**2", "d1"),
    ]),
    Case("z04_markdown_table_cells_wrong", "md", "tanh(z)", [
        "| step | expression |",
        "|---|---|",
        (r"| 1 | $g(z) = \tanh z$ |", "tanh(z)", "g"),
        (r"| 2 | $g'(z) = 1 - \tanh^2 z$ |", "1 - tanh(z)**2", "d1"),
        (r"| 3 | $g'(z) = 1 + g(z)^2$ |", "1 + tanh(z)**2", "d1"),
    ], kind="sign", note="a derivation set as a Markdown table, one step a cell"),
    Case("z05_markdown_inline_code_valid", "md", "tanh(z)", [
        ("1. `g(z) = tanh(z)`", "tanh(z)", "g"),
        ("2. `g'(z) = 1 - tanh(z)^2`", "1 - tanh(z)**2", "d1"),
        ("3. `g'(z) = 1 - g(z)^2`", "1 - tanh(z)**2", "d1"),
    ], note="formulas in Markdown's inline code"),
]
