"""Mistakes dressed in the notation of c1-c3 (a label, a comment, a tag must never hide or
make a mistake), and a few more spellings."""
from harness import Case

S = "sigma(z)"
SD = "diff(sigma(z), z)"
TD = "1 - tanh(z)**2"
SP = "log(1 + exp(z))"
CASES = [
    Case("w01_tag_on_wrong_line", "tex", "tanh(z)", [
        r"\begin{align}",
        (r"g(z) &= \tanh z \label{eq:g}\\", "tanh(z)", "g"),
        (r"g'(z) &= 1 - \tanh z \tag{2}", "1 - tanh(z)", "d1"),
        r"\end{align}",
    ], kind="exponent"),
    Case("w02_latex_qquad_equation_number_valid", "tex", "tanh(z)", [
        r"\[",
        (r"g(z) = \tanh z \qquad (1)", "tanh(z)", "g"),
        r"\]",
        r"\[",
        (r"g'(z) = 1 - g(z)^2 \qquad (2)", TD, "d1"),
        r"\]",
    ], note="an equation number typed by hand after \\qquad: a label, never a factor"),
    Case("w03_percent_comment_holds_right_formula_wrong", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"g'(z) &= g(z)\bigl(1-g(z)\bigr)^2 % = g(z)(1-g(z))", "sigma(z)*(1-sigma(z))**2", "d1"),
        r"\end{align*}",
    ], kind="exponent"),
    Case("w04_text_column_wrong_line", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{1+e^{-z}} && \text{definition}\\", S, "g"),
        (r"g'(z) &= \frac{-e^{-z}}{(1+e^{-z})^2} && \text{quotient rule}", "-exp(-z)/(1+exp(-z))**2", "d1"),
        r"\end{align*}",
    ], kind="sign"),
    Case("w05_tanh_of_z_squared_convention", "tex", "tanh(z)", [
        r"\begin{align*}",
        (r"g(z) &= \tanh z\\", "tanh(z)", "g"),
        (r"g'(z) &= 1 - \tanh z^2", "1 - tanh(z**2)", "d1"),
        r"\end{align*}",
    ], kind="exponent", note="\\tanh z^2 is tanh(z^2) by convention (the power binds to z): wrong, or unreadable; never credited"),
    Case("w06_sigma_square_superscript_valid", "tex", S, [
        r"\begin{align*}",
        (r"\sigma(z) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\sigma'(z) &= \sigma(z) - \sigma^{2}(z)\\", SD, "d1"),
        (r"&= \sigma(z) - \sigma(z)^{2}", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("w07_f_of_x_square_misplaced", "tex", "sigma(x)", [
        r"\begin{align*}",
        (r"f(x) &= \frac{1}{1+e^{-x}}\\", "sigma(x)", "g"),
        (r"f'(x) &= \frac{e^{-x}}{\left(1+e^{-x}\right)^{2}}\\", "diff(sigma(x), x)", "d1"),
        (r"&= f(x)\left(1-f(x)\right)^{2}", "sigma(x)*(1-sigma(x))**2", "d1"),
        r"\end{align*}",
    ], var="x", kind="exponent"),
    Case("w08_operatorname_exp_valid", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{1+\operatorname{exp}(-z)}\\", S, "g"),
        (r"g'(z) &= \frac{\mathrm{exp}(-z)}{\left(1+\mathrm{exp}(-z)\right)^{2}}", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("w09_plain_equation_number_on_wrong_line", "txt", S, [
        ("g(z) = 1/(1 + e^-z)           (1)", S, "g"),
        ("g'(z) = g(z)(1 + g(z))        (2)", "sigma(z)*(1+sigma(z))", "d1"),
    ], kind="sign"),
    Case("w10_hash_comment_holds_right_formula_wrong", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1 - g(z)    # should be 1 - g(z)^2", "1 - tanh(z)", "d1"),
    ], kind="exponent"),
    Case("w11_step_word_labels_wrong", "txt", SP, [
        ("Step 1: g(z) = ln(1 + e^z)", SP, "g"),
        ("Step 2: g'(z) = e^z/(1 + e^z)", "sigma(z)", "d1"),
        ("Step 3: g''(z) = e^z/(1 + e^z)", "sigma(z)", "d2"),
    ], kind="unknown"),
    Case("w12_unicode_prime_second_wrong_factor", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g′(z) = 1 − g(z)²", TD, "d1"),
        ("g″(z) = −2g(z)", "-2*tanh(z)", "d2"),
    ], kind="chain_factor"),
    Case("w13_nbsp_wrong_sign", "txt", S, [
        ("g(z)\u00a0=\u00a01/(1\u00a0+\u00a0e^(−z))", S, "g"),
        ("g′(z)\u00a0=\u00a0−e^(−z)/(1\u00a0+\u00a0e^(−z))²", "-diff(sigma(z), z)", "d1"),
    ], kind="sign"),
    Case("w14_md_inline_bullets_wrong", "md", "tanh(z)", [
        (r"* $g(z) = \tanh(z)$", "tanh(z)", "g"),
        (r"* $g'(z) = \operatorname{sech}^2(z)$", TD, "d1"),
        (r"* $g'(z) = 1 - 2g(z)$", "1 - 2*tanh(z)", "d1"),
    ], kind="unknown"),
    Case("w15_leaky_relu_cases_dfrac_valid", "tex", "Piecewise((z, z > 0), (z/100, True))", [
        r"\begin{align*}",
        (r"g(z) &= \begin{cases} z, & z > 0,\\ 0.01\,z, & z \le 0, \end{cases}\\", "Piecewise((z, z > 0), (z/100, True))", "g"),
        (r"g'(z) &= \begin{cases} 1, & z > 0,\\ \dfrac{1}{100}, & z < 0. \end{cases}", "Piecewise((1, z > 0), (Rational(1, 100), True))", "d1"),
        r"\end{align*}",
    ], note="commas and a period inside cases, as in print"),
    Case("w16_sigma_bare_latex_valid", "tex", S, [
        r"\begin{align*}",
        (r"\sigma &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\sigma' &= \sigma\,(1-\sigma)", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("w17_matrix_style_cdot_wrong_exponent", "txt", S, [
        ("σ(z) = (1 + e^(−z))^(−1)", S, "g"),
        ("σ′(z) = −(1 + e^(−z))^(−2) · (−e^(−z))", SD, "d1"),
        ("     = e^(−z) · (1 + e^(−z))^(−1)", "exp(-z)/(1+exp(-z))", "d1"),
    ], kind="exponent"),
    Case("w18_latex_label_before_lhs_valid", "tex", "tanh(z)", [
        r"\begin{align*}",
        (r"\text{(a)}\quad g(z) &= \tanh z\\", "tanh(z)", "g"),
        (r"\text{(b)}\quad g'(z) &= 1-\tanh^2 z", TD, "d1"),
        r"\end{align*}",
    ]),
    Case("w19_softplus_log_base_e_ln_wrong_inner", "txt", SP, [
        ("g(z) = ln(1 + e^z)", SP, "g"),
        ("g'(z) = 1/(1 + e^z) · e^z", "sigma(z)", "d1"),
        ("      = 1/(1 + e^z)", "1/(1+exp(z))", "d1"),
    ], kind="algebra"),
    Case("w20_exp_bracket_power_valid", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= \left[1+\exp(-z)\right]^{-1}\\", S, "g"),
        (r"g'(z) &= \exp(-z)\,\left[1+\exp(-z)\right]^{-2}", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("w21_numbered_restated_after_wrong", "txt", "tanh(z)", [
        ("1) g(z) = tanh(z)", "tanh(z)", "g"),
        ("2) g'(z) = 1 + tanh(z)^2", "1 + tanh(z)**2", "d1"),
        ("3) g'(z) = 1 + g(z)^2", "1 + tanh(z)**2", "d1"),
        ("4) g'(z) = 1 - g(z)^2", "1 - tanh(z)**2", "d1"),
    ], kind="table", note="line 3 restates the wrong line 2 with its left side: the error carried, one mistake costs one line"),
]
