from harness import Case

ELU = "Piecewise((z, z > 0), (a*(exp(z) - 1), True))"
CELU = "Piecewise((z, z > 0), (a*(exp(z/a) - 1), True))"
SELU = "lam*Piecewise((z, z > 0), (a*(exp(z) - 1), True))"
CASES = [
    Case("r01_elu_in_g_valid", "txt", ELU, [
        ("g(z) = z for z > 0, α(e^z - 1) for z <= 0", ELU, "g"),
        ("g'(z) = 1 for z > 0, α e^z for z <= 0", "Piecewise((1, z > 0), (a*exp(z), True))", "d1"),
        ("g'(z) = 1 for z > 0, g(z) + α for z <= 0", "Piecewise((1, z > 0), (g + a, True))", "d1"),
    ]),
    Case("r02_celu_elu_form_wrong", "txt", CELU, [
        ("g(z) = z for z > 0, α(e^(z/α) - 1) for z <= 0", CELU, "g"),
        ("g'(z) = 1 for z > 0, e^(z/α) for z <= 0", "Piecewise((1, z > 0), (exp(z/a), True))", "d1"),
        ("g'(z) = 1 for z > 0, g(z) + α for z <= 0", "Piecewise((1, z > 0), (g + a, True))", "d1"),
    ], note="CELU' in g is 1 + g/α; g + α is ELU's (equal only at α = 1)", kind="algebra"),
    Case("r03_celu_in_g_valid", "txt", CELU, [
        ("g(z) = z for z > 0, α(e^(z/α) - 1) for z <= 0", CELU, "g"),
        ("g'(z) = 1 for z > 0, e^(z/α) for z <= 0", "Piecewise((1, z > 0), (exp(z/a), True))", "d1"),
        ("g'(z) = 1 for z > 0, 1 + g(z)/α for z <= 0", "Piecewise((1, z > 0), (1 + g/a, True))", "d1"),
    ]),
    Case("r04_selu_lambda_dropped_in_g", "tex", SELU, [
        r"\begin{align*}",
        (r"g(z) &= \lambda \begin{cases} z & z > 0 \\ \alpha (e^z - 1) & z \le 0 \end{cases} \\", SELU, "g"),
        (r"g'(z) &= \begin{cases} \lambda & z > 0 \\ \lambda \alpha e^z & z \le 0 \end{cases} \\",
         "Piecewise((lam, z > 0), (lam*a*exp(z), True))", "d1"),
        (r"&= \begin{cases} \lambda & z > 0 \\ g(z) + \alpha & z \le 0 \end{cases}",
         "Piecewise((lam, z > 0), (g + a, True))", "d1"),
        r"\end{align*}",
    ], note="SELU' in g for z <= 0 is g + λα", kind="algebra"),
    Case("r05_selu_in_g_valid", "tex", SELU, [
        r"\begin{align*}",
        (r"g(z) &= \lambda \begin{cases} z & z > 0 \\ \alpha (e^z - 1) & z \le 0 \end{cases} \\", SELU, "g"),
        (r"g'(z) &= \begin{cases} \lambda & z > 0 \\ \lambda \alpha e^z & z \le 0 \end{cases} \\",
         "Piecewise((lam, z > 0), (lam*a*exp(z), True))", "d1"),
        (r"&= \begin{cases} \lambda & z > 0 \\ g(z) + \lambda\alpha & z \le 0 \end{cases}",
         "Piecewise((lam, z > 0), (g + lam*a, True))", "d1"),
        r"\end{align*}",
    ]),
    Case("r06_elu_second_valid", "txt", ELU, [
        ("g(z) = z for z > 0, α(e^z - 1) for z <= 0", ELU, "g"),
        ("g'(z) = 1 for z > 0, α e^z for z <= 0", "Piecewise((1, z > 0), (a*exp(z), True))", "d1"),
        ("g''(z) = 0 for z > 0, α e^z for z <= 0", "Piecewise((0, z > 0), (a*exp(z), True))", "d2"),
        ("g''(z) = 0 for z > 0, g(z) + α for z <= 0", "Piecewise((0, z > 0), (g + a, True))", "d2"),
    ]),
    Case("r07_leaky_slope_tenfold", "txt", "Piecewise((z, z > 0), (z/100, True))", [
        ("g(z) = z for z > 0, 0.01 z for z <= 0", "Piecewise((z, z > 0), (z/100, True))", "g"),
        ("g'(z) = 1 for z > 0, 0.1 for z <= 0", "Piecewise((1, z > 0), (sp_tenth, True))".replace("sp_tenth", "1/10"), "d1"),
    ], note="slope 0.01 written 0.1", kind="constant"),
    Case("r08_prelu_max_min_valid", "txt", "Piecewise((z, z > 0), (a*z, True))", [
        ("g(z) = max(0, z) + a min(0, z)", "Piecewise((z, z > 0), (a*z, True))", "g"),
        ("g'(z) = 1 for z > 0, a for z < 0", "Piecewise((1, z > 0), (a, True))", "d1"),
    ]),
    Case("r09_prelu_slope_swapped", "txt", "Piecewise((z, z > 0), (a*z, True))", [
        ("g(z) = max(0, z) + a min(0, z)", "Piecewise((z, z > 0), (a*z, True))", "g"),
        ("g'(z) = a for z > 0, 1 for z < 0", "Piecewise((a, z > 0), (1, True))", "d1"),
    ], note="pieces swapped", kind="unknown"),
    Case("r10_gelu_erf_valid", "tex", "z/2*(1 + erf(z/sqrt(2)))", [
        r"\begin{align*}",
        (r"g(z) &= \frac{z}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right) \\", "z/2*(1 + erf(z/sqrt(2)))", "g"),
        (r"g'(z) &= \frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right) + \frac{z}{2}\cdot\frac{2}{\sqrt{\pi}} e^{-z^2/2}\cdot\frac{1}{\sqrt{2}} \\",
         "(1 + erf(z/sqrt(2)))/2 + z/2*2/sqrt(pi)*exp(-z**2/2)/sqrt(2)", "d1"),
        (r"&= \frac{g(z)}{z} + \frac{z}{\sqrt{2\pi}} e^{-z^2/2}", "g/z + z/sqrt(2*pi)*exp(-z**2/2)", "d1"),
        r"\end{align*}",
    ]),
    Case("r11_gelu_erf_inner_factor_lost", "tex", "z/2*(1 + erf(z/sqrt(2)))", [
        r"\begin{align*}",
        (r"g(z) &= \frac{z}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right) \\", "z/2*(1 + erf(z/sqrt(2)))", "g"),
        (r"g'(z) &= \frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right) + \frac{z}{\sqrt{\pi}} e^{-z^2/2} \\",
         "(1 + erf(z/sqrt(2)))/2 + z/sqrt(pi)*exp(-z**2/2)", "d1"),
        r"\end{align*}",
    ], note="the inner derivative 1/sqrt(2) of erf(z/sqrt 2) is missing in the second term", kind="chain_factor"),
    Case("r12_gelu_erf_exponent_not_halved", "txt", "z/2*(1 + erf(z/sqrt(2)))", [
        ("g(z) = z/2 (1 + erf(z/sqrt(2)))", "z/2*(1 + erf(z/sqrt(2)))", "g"),
        ("g'(z) = (1 + erf(z/sqrt(2)))/2 + z/sqrt(2 pi) e^(-z^2)", "(1 + erf(z/sqrt(2)))/2 + z/sqrt(2*pi)*exp(-z**2)", "d1"),
    ], note="erf'(u) = 2/sqrt(pi) e^(-u^2) with u = z/sqrt 2: e^(-z^2/2), not e^(-z^2)", kind="chain_factor"),
    Case("r13_equals_pieces_row_vanishes", "txt", "Piecewise((z, z > 0), (0, True))", [
        ("g(z) = max(0, z)", "Piecewise((z, z > 0), (0, True))", "g"),
        ("g'(z) = 1 for z > 0, 0 for z < 0", "Piecewise((1, z > 0), (0, True))", "d1"),
        ("= 7 for z > 0, 0 for z < 0", "Piecewise((7, z > 0), (0, True))", "d1"),
    ], note="a '= ...' row stating pieces as a sentence is dropped as prose: never checked", kind="constant"),
    Case("r14_le_sign_unreadable_elu", "txt", ELU, [
        ("g(z) = z for z > 0, α(e^z - 1) for z ≤ 0", ELU, "g"),
        ("g'(z) = 1 for z > 0, α e^z for z ≤ 0", "Piecewise((1, z > 0), (a*exp(z), True))", "d1"),
    ]),
]
