from harness import Case

SS = "z/(1 + Abs(z))"
GE = "z/2*(1 + erf(z/sqrt(2)))"
PHI = "exp(-z**2/2)/sqrt(2*pi)"
CASES = [
    Case("r140_softsign_second_valid", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + |z|)^2", "1/(1 + Abs(z))**2", "d1"),
        ("g''(z) = -2 sign(z)/(1 + |z|)^3", "-2*sign(z)/(1 + Abs(z))**3", "d2"),
        ("= -2 sign(z)(1 - |g(z)|)^3", "-2*sign(z)*(1 - Abs(g))**3", "d2"),
    ]),
    Case("r141_softsign_second_sign_dropped", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + |z|)^2", "1/(1 + Abs(z))**2", "d1"),
        ("g''(z) = -2/(1 + |z|)^3", "-2/(1 + Abs(z))**3", "d2"),
    ], note="|z|' = sign(z): right for z > 0 only", kind="elementary_derivative"),
    Case("r142_gelu_second_valid", "txt", GE, [
        ("g(z) = z Phi(z)", GE, "g"),
        ("g'(z) = Phi(z) + z phi(z)", f"(1 + erf(z/sqrt(2)))/2 + z*{PHI}", "d1"),
        ("g''(z) = 2 phi(z) + z phi'(z)", f"2*{PHI} - z**2*{PHI}", "d2"),
        ("= (2 - z^2) phi(z)", f"(2 - z**2)*{PHI}", "d2"),
    ]),
    Case("r143_gelu_second_phi_prime_sign", "txt", GE, [
        ("g(z) = z Phi(z)", GE, "g"),
        ("g'(z) = Phi(z) + z phi(z)", f"(1 + erf(z/sqrt(2)))/2 + z*{PHI}", "d1"),
        ("g''(z) = (2 + z^2) phi(z)", f"(2 + z**2)*{PHI}", "d2"),
    ], note="phi'(z) = -z phi(z): (2 - z^2) phi", kind="sign"),
    Case("r144_tanh_third_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1 - g(z)^2", "1 - g**2", "d1"),
        ("g''(z) = -2 g(z)(1 - g(z)^2)", "-2*g*(1 - g**2)", "d2"),
        ("g'''(z) = -2(1 - g(z)^2)^2 + 4 g(z)^2 (1 - g(z)^2)", "-2*(1 - g**2)**2 + 4*g**2*(1 - g**2)", "d3"),
        ("= (1 - g(z)^2)(6 g(z)^2 - 2)", "(1 - g**2)*(6*g**2 - 2)", "d3"),
    ]),
    Case("r145_softplus_beta_second_valid", "tex", "log(1 + exp(b*z))/b", [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{\beta}\ln\left(1 + e^{\beta z}\right) \\", "log(1 + exp(b*z))/b", "g"),
        (r"g'(z) &= \sigma(\beta z) \\", "sigma(b*z)", "d1"),
        (r"g''(z) &= \beta\,\sigma(\beta z)\left(1 - \sigma(\beta z)\right)", "b*sigma(b*z)*(1 - sigma(b*z))", "d2"),
        r"\end{align*}",
    ]),
    Case("r146_softplus_beta_second_beta_lost", "tex", "log(1 + exp(b*z))/b", [
        r"\begin{align*}",
        (r"g(z) &= \frac{1}{\beta}\ln\left(1 + e^{\beta z}\right) \\", "log(1 + exp(b*z))/b", "g"),
        (r"g'(z) &= \sigma(\beta z) \\", "sigma(b*z)", "d1"),
        (r"g''(z) &= \sigma(\beta z)\left(1 - \sigma(\beta z)\right)", "sigma(b*z)*(1 - sigma(b*z))", "d2"),
        r"\end{align*}",
    ], note="chain factor β missing", kind="chain_factor"),
    Case("r147_elu_second_in_g_wrong_piece", "txt", "Piecewise((z, z > 0), (a*(exp(z) - 1), True))", [
        ("g(z) = z if z > 0, α(e^z - 1) otherwise", "Piecewise((z, z > 0), (a*(exp(z) - 1), True))", "g"),
        ("g'(z) = 1 if z > 0, g(z) + α otherwise", "Piecewise((1, z > 0), (g + a, True))", "d1"),
        ("g''(z) = 1 if z > 0, g(z) + α otherwise", "Piecewise((1, z > 0), (g + a, True))", "d2"),
    ], note="for z > 0, g'' = 0 (the derivative of the constant 1)", kind="elementary_derivative"),
]
