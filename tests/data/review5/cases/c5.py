"""More spellings: MathJax delimiters in Markdown, braces around bases and names, Word's
double-struck d and e, one-line e-mails with ';', a domain with ∈ ℝ, arrows as comments."""
from harness import Case

S = "sigma(z)"
SD = "diff(sigma(z), z)"
TD = "1 - tanh(z)**2"
SP = "log(1 + exp(z))"
CASES = [
    Case("v01_md_mathjax_paren_bracket_delimiters_valid", "md", "tanh(z)", [
        ("We differentiate \\(g(z) = \\tanh z\\):", "tanh(z)", "g"),
        "",
        (r"\[ g'(z) = 1 - \tanh^2 z \]", TD, "d1"),
        "",
        (r"\[ g'(z) = 1 - g(z)^2 \]", TD, "d1"),
    ], note="MathJax's \\( \\) and \\[ \\] in a notebook"),
    Case("v02_md_equation_star_without_dollars_valid", "md", S, [
        r"\begin{equation*}",
        (r"\sigma(z) = \frac{1}{1+e^{-z}}", S, "g"),
        r"\end{equation*}",
        r"\begin{equation*}",
        (r"\sigma'(z) = \sigma(z)\left(1-\sigma(z)\right)", SD, "d1"),
        r"\end{equation*}",
    ]),
    Case("v03_braced_base_and_double_braces_valid", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= {\left(1+e^{-z}\right)}^{-1}\\", S, "g"),
        (r"g'(z) &= \frac{{e^{-z}}}{{\left(1+e^{-z}\right)}^{2}}", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("v04_exp_braces_argument_valid", "tex", S, [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{1+\exp{(-z)}}\\", S, "g"),
        (r"g'(z) &= \frac{\exp{(-z)}}{\left(1+\exp{(-z)}\right)^2}", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("v05_mathrm_sigmoid_name_valid", "tex", S, [
        r"\begin{align*}",
        (r"\mathrm{sigmoid}(z) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\mathrm{sigmoid}'(z) &= \mathrm{sigmoid}(z)\,\bigl(1-\mathrm{sigmoid}(z)\bigr)", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("v06_word_double_struck_d_valid", "txt", S, [
        ("σ(z) = 1/(1 + ⅇ^(−z))", S, "g"),
        ("ⅆσ/ⅆz = σ(z)(1 − σ(z))", SD, "d1"),
    ], note="Word's ⅆ (U+2146) and ⅇ (U+2147)"),
    Case("v07_email_semicolon_two_steps_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z); g'(z) = 1 - tanh(z)^2; g'(z) = 1 - g(z)^2", ["tanh(z)", (TD, "d1"), (TD, "d1")], "g"),
    ], note="three statements on one line, split by ';'"),
    Case("v08_domain_in_R_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z), z ∈ ℝ", S, "g"),
        ("g'(z) = g(z)(1 - g(z)) for all z ∈ ℝ", SD, "d1"),
    ]),
    Case("v09_arrow_comment_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = e^-z/(1 + e^-z)^2      <-- quotient rule", SD, "d1"),
        ("      = g(z)(1 - g(z))         <-- sigmoid identity", SD, "d1"),
    ]),
    Case("v10_sech_exponential_form_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = sech²(z) = 4/(e^z + e^(−z))²", [TD, TD], "d1"),
    ]),
    Case("v11_plain_braced_power_valid", "txt", S, [
        ("g(z) = 1/(1 + e^{-z})", S, "g"),
        ("g'(z) = e^{-z} / (1 + e^{-z})^{2}", SD, "d1"),
    ]),
    Case("v12_softplus_second_email_wrong", "txt", SP, [
        ("g = log(1+exp(z))", SP, "g"),
        ("g' = exp(z)/(1+exp(z))", "sigma(z)", "d1"),
        ("g'' = exp(z)/(1+exp(z))**3", "exp(z)/(1+exp(z))**3", "d2"),
    ], kind="exponent"),
    Case("v13_md_bullets_equation_numbers_wrong", "md", "tanh(z)", [
        (r"- $$g(z) = \tanh z \qquad (1)$$", "tanh(z)", "g"),
        (r"- $$g'(z) = 1 - \tanh z^{2} \qquad (2)$$", "1 - tanh(z**2)", "d1"),
    ], kind="exponent"),
    Case("v14_sigma_prime_left_right_valid", "tex", S, [
        r"\begin{align*}",
        (r"\sigma\left(z\right) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\sigma'\left(z\right) &= \sigma\left(z\right)\left[1-\sigma\left(z\right)\right]", SD, "d1"),
        r"\end{align*}",
    ]),
    Case("v15_gelu_phi_dot_valid", "txt", "z*(1 + erf(z/sqrt(2)))/2", [
        ("g(z) = z·Φ(z)", "z*(1 + erf(z/sqrt(2)))/2", "g"),
        ("g′(z) = Φ(z) + z·φ(z)", "diff(z*(1 + erf(z/sqrt(2)))/2, z)", "d1"),
    ]),
    Case("v16_swish_beta_unicode_wrong_chain", "txt", "z*sigma(b*z)", [
        ("g(z) = z·σ(βz)", "z*sigma(b*z)", "g"),
        ("g′(z) = σ(βz) + z·σ(βz)·(1 − σ(βz))", "sigma(b*z) + z*sigma(b*z)*(1-sigma(b*z))", "d1"),
    ], kind="chain_factor"),
]
