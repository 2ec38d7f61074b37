from harness import Case

RELU = "Piecewise((z, z > 0), (0, True))"
R6 = "Piecewise((0, z <= 0), (z, z < 6), (6, True))"
HT = "Piecewise((-1, z <= -1), (z, z < 1), (1, True))"
LK = "Piecewise((z, z > 0), (a*z, True))"
SW = "z*sigma(z)"
CASES = [
    Case("r150_relu_g_over_z_valid", "txt", RELU, [
        ("g(z) = max(0, z)", RELU, "g"),
        ("g'(z) = g(z)/z", "g/z", "d1"),
    ]),
    Case("r151_relu6_g_over_z_wrong_past_6", "txt", R6, [
        ("g(z) = min(max(0, z), 6)", R6, "g"),
        ("g'(z) = g(z)/z", "g/z", "d1"),
    ], note="6/z for z > 6, where g' = 0", kind="unknown"),
    Case("r152_leaky_g_over_z_valid", "txt", LK, [
        ("g(z) = max(0, z) + a min(0, z)", LK, "g"),
        ("g'(z) = g(z)/z", "g/z", "d1"),
    ]),
    Case("r153_hardtanh_in_g_valid", "txt", HT, [
        ("g(z) = max(-1, min(1, z))", HT, "g"),
        ("g'(z) = 1 if |g(z)| < 1, 0 otherwise", "Piecewise((1, (z > -1) & (z < 1)), (0, True))", "d1"),
    ]),
    Case("r154_hardtanh_in_g_1_minus_g2_wrong", "txt", HT, [
        ("g(z) = max(-1, min(1, z))", HT, "g"),
        ("g'(z) = 1 - g(z)^2", "1 - g**2", "d1"),
    ], note="tanh's form: 1 - z^2 inside, not 1", kind="unknown"),
    Case("r155_swish_second_valid_tex", "tex", SW, [
        r"\begin{align*}",
        (r"g(z) &= z\sigma(z) \\", SW, "g"),
        (r"g'(z) &= \sigma(z) + z\sigma(z)(1 - \sigma(z)) \\", "sigma(z) + z*sigma(z)*(1 - sigma(z))", "d1"),
        (r"g''(z) &= 2\sigma(z)(1 - \sigma(z)) + z\sigma(z)(1 - \sigma(z))(1 - 2\sigma(z)) \\",
         "2*sigma(z)*(1 - sigma(z)) + z*sigma(z)*(1 - sigma(z))*(1 - 2*sigma(z))", "d2"),
        (r"&= \sigma(z)(1 - \sigma(z))\left(2 + z(1 - 2\sigma(z))\right)",
         "sigma(z)*(1 - sigma(z))*(2 + z*(1 - 2*sigma(z)))", "d2"),
        r"\end{align*}",
    ]),
    Case("r156_swish_second_one_term_lost_tex", "tex", SW, [
        r"\begin{align*}",
        (r"g(z) &= z\sigma(z) \\", SW, "g"),
        (r"g'(z) &= \sigma(z) + z\sigma(z)(1 - \sigma(z)) \\", "sigma(z) + z*sigma(z)*(1 - sigma(z))", "d1"),
        (r"g''(z) &= \sigma(z)(1 - \sigma(z)) + z\sigma(z)(1 - \sigma(z))(1 - 2\sigma(z))",
         "sigma(z)*(1 - sigma(z)) + z*sigma(z)*(1 - sigma(z))*(1 - 2*sigma(z))", "d2"),
        r"\end{align*}",
    ], note="the product rule of z sigma(1 - sigma) gives sigma(1 - sigma) once more: 2 sigma(1 - sigma)", kind="product_rule"),
    Case("r157_elu_tex_in_g_valid", "tex", "Piecewise((z, z > 0), (a*(exp(z) - 1), True))", [
        r"\begin{align*}",
        (r"g(z) &= \begin{cases} z & z > 0 \\ \alpha(e^{z} - 1) & z \le 0 \end{cases} \\", "Piecewise((z, z > 0), (a*(exp(z) - 1), True))", "g"),
        (r"g'(z) &= \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0 \end{cases} \\", "Piecewise((1, z > 0), (a*exp(z), True))", "d1"),
        (r"&= \begin{cases} 1 & z > 0 \\ g(z) + \alpha & z \le 0 \end{cases}", "Piecewise((1, z > 0), (g + a, True))", "d1"),
        r"\end{align*}",
    ]),
    Case("r158_sigmoid_d2_leibniz_valid_tex", "tex", "1/(1 + exp(-z))", [
        r"\begin{align*}",
        (r"\sigma(z) &= \frac{1}{1 + e^{-z}} \\", "1/(1 + exp(-z))", "g"),
        (r"\frac{d\sigma}{dz} &= \sigma(z)\left(1 - \sigma(z)\right) \\", "sigma(z)*(1 - sigma(z))", "d1"),
        (r"\frac{d^2\sigma}{dz^2} &= \sigma(z)\left(1 - \sigma(z)\right)\left(1 - 2\sigma(z)\right)", "sigma(z)*(1 - sigma(z))*(1 - 2*sigma(z))", "d2"),
        r"\end{align*}",
    ]),
]
