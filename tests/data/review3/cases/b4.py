from harness import Case

S = "1/(1 + exp(-z))"
T = "tanh(z)"
CASES = [
    Case("r60_sigmoid_second_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = g(z)(1 - g(z))", "g*(1 - g)", "d1"),
        ("g''(z) = g'(z)(1 - g(z)) - g(z) g'(z)", "g*(1 - g)*(1 - g) - g*g*(1 - g)", "d2"),
        ("= g'(z)(1 - 2g(z))", "g*(1 - g)*(1 - 2*g)", "d2"),
        ("= g(z)(1 - g(z))(1 - 2g(z))", "g*(1 - g)*(1 - 2*g)", "d2"),
    ]),
    Case("r61_sigmoid_second_sign_in_last", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = g(z)(1 - g(z))", "g*(1 - g)", "d1"),
        ("g''(z) = g'(z)(1 - g(z)) - g(z) g'(z)", "g*(1 - g)*(1 - g) - g*g*(1 - g)", "d2"),
        ("= g(z)(1 - g(z))(2g(z) - 1)", "g*(1 - g)*(2*g - 1)", "d2"),
    ], note="(1 - 2g), not (2g - 1): the negative", kind="sign"),
    Case("r62_sigmoid_second_product_rule_one_term", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = g(z)(1 - g(z))", "g*(1 - g)", "d1"),
        ("g''(z) = g'(z)(1 - g(z))", "g*(1 - g)*(1 - g)", "d2"),
    ], note="product rule: the term -g g' missing", kind="product_rule"),
    Case("r63_tanh_second_valid_tex", "tex", T, [
        r"\begin{align*}",
        (r"g(z) &= \tanh(z) \\", T, "g"),
        (r"g'(z) &= 1 - \tanh^2(z) \\", "1 - tanh(z)**2", "d1"),
        (r"g''(z) &= -2\tanh(z)\,(1 - \tanh^2(z)) \\", "-2*tanh(z)*(1 - tanh(z)**2)", "d2"),
        (r"&= -2 g(z) (1 - g(z)^2)", "-2*g*(1 - g**2)", "d2"),
        r"\end{align*}",
    ]),
    Case("r64_tanh_second_chain_factor_missing", "tex", T, [
        r"\begin{align*}",
        (r"g(z) &= \tanh(z) \\", T, "g"),
        (r"g'(z) &= 1 - \tanh^2(z) \\", "1 - tanh(z)**2", "d1"),
        (r"g''(z) &= -2\tanh(z) \\", "-2*tanh(z)", "d2"),
        r"\end{align*}",
    ], note="d/dz tanh^2 = 2 tanh tanh': the factor (1 - tanh^2) missing", kind="chain_factor"),
    Case("r65_tanh_second_in_g_square_wrong", "txt", T, [
        ("g(z) = tanh(z)", T, "g"),
        ("g'(z) = 1 - g(z)^2", "1 - g**2", "d1"),
        ("g''(z) = -2 g(z) g'(z)", "-2*g*(1 - g**2)", "d2"),
        ("= -2 g(z)(1 - g(z))^2", "-2*g*(1 - g)**2", "d2"),
    ], note="g' = 1 - g^2, not (1 - g)^2", kind="algebra"),
    Case("r66_arctan_in_g_cos2_valid", "txt", "atan(z)", [
        ("g(z) = arctan(z)", "atan(z)", "g"),
        ("g'(z) = 1/(1 + z^2)", "1/(1 + z**2)", "d1"),
        ("= 1/(1 + tan^2(g(z)))", "1/(1 + z**2)", "d1"),
        ("= cos^2(g(z))", "cos(atan(z))**2", "d1"),
    ]),
    Case("r67_arctan_second_sign", "txt", "atan(z)", [
        ("g(z) = arctan(z)", "atan(z)", "g"),
        ("g'(z) = 1/(1 + z^2)", "1/(1 + z**2)", "d1"),
        ("g''(z) = 2z/(1 + z^2)^2", "2*z/(1 + z**2)**2", "d2"),
    ], note="-2z/(1+z^2)^2", kind="sign"),
    Case("r68_gaussian_second_valid", "txt", "exp(-z**2)", [
        ("g(z) = e^(-z^2)", "exp(-z**2)", "g"),
        ("g'(z) = -2z e^(-z^2)", "-2*z*exp(-z**2)", "d1"),
        ("= -2z g(z)", "-2*z*g", "d1"),
        ("g''(z) = -2 g(z) - 2z g'(z)", "-2*g - 2*z*(-2*z*g)", "d2"),
        ("= (4z^2 - 2) g(z)", "(4*z**2 - 2)*g", "d2"),
    ]),
    Case("r69_gaussian_second_product_sign", "txt", "exp(-z**2)", [
        ("g(z) = e^(-z^2)", "exp(-z**2)", "g"),
        ("g'(z) = -2z g(z)", "-2*z*g", "d1"),
        ("g''(z) = (4z^2 + 2) g(z)", "(4*z**2 + 2)*g", "d2"),
    ], note="(4z^2 - 2) g", kind="sign"),
    Case("r70_lisht_valid", "txt", "z*tanh(z)", [
        ("g(z) = z tanh(z)", "z*tanh(z)", "g"),
        ("g'(z) = tanh(z) + z sech^2(z)", "tanh(z) + z*sech(z)**2", "d1"),
        ("= tanh(z) + z(1 - tanh^2(z))", "tanh(z) + z*(1 - tanh(z)**2)", "d1"),
        ("= g(z)/z + z - g(z)^2/z", "g/z + z - g**2/z", "d1"),
    ]),
    Case("r71_lisht_product_sign", "txt", "z*tanh(z)", [
        ("g(z) = z tanh(z)", "z*tanh(z)", "g"),
        ("g'(z) = tanh(z) - z sech^2(z)", "tanh(z) - z*sech(z)**2", "d1"),
    ], note="product rule: +, not -", kind="product_rule"),
    Case("r72_bent_identity_half_lost", "txt", "(sqrt(z**2 + 1) - 1)/2 + z", [
        ("g(z) = (sqrt(z^2 + 1) - 1)/2 + z", "(sqrt(z**2 + 1) - 1)/2 + z", "g"),
        ("g'(z) = z/sqrt(z^2 + 1) + 1", "z/sqrt(z**2 + 1) + 1", "d1"),
    ], note="z/(2 sqrt(z^2+1)) + 1: the 1/2 dropped", kind="constant"),
    Case("r73_bent_identity_valid", "txt", "(sqrt(z**2 + 1) - 1)/2 + z", [
        ("g(z) = (sqrt(z^2 + 1) - 1)/2 + z", "(sqrt(z**2 + 1) - 1)/2 + z", "g"),
        ("g'(z) = (1/2)(1/(2 sqrt(z^2 + 1)))(2z) + 1", "z/(2*sqrt(z**2 + 1)) + 1", "d1"),
        ("= z/(2 sqrt(z^2 + 1)) + 1", "z/(2*sqrt(z**2 + 1)) + 1", "d1"),
    ]),
    Case("r74_isru_valid_in_g", "txt", "z/sqrt(1 + a*z**2)", [
        ("g(z) = z/sqrt(1 + α z^2)", "z/sqrt(1 + a*z**2)", "g"),
        ("g'(z) = (1 + α z^2)^(-3/2)", "(1 + a*z**2)**Rational(-3, 2)", "d1"),
        ("= (g(z)/z)^3", "(g/z)**3", "d1"),
    ]),
    Case("r75_isru_power_off", "txt", "z/sqrt(1 + a*z**2)", [
        ("g(z) = z/sqrt(1 + α z^2)", "z/sqrt(1 + a*z**2)", "g"),
        ("g'(z) = (1 + α z^2)^(-1/2) - α z^2 (1 + α z^2)^(-3/2)", "(1 + a*z**2)**Rational(-1, 2) - a*z**2*(1 + a*z**2)**Rational(-3, 2)", "d1"),
        ("= (1 + α z^2)^(-1)", "1/(1 + a*z**2)", "d1"),
    ], note="(1 + a z^2 - a z^2)/(1 + a z^2)^(3/2) = (1 + a z^2)^(-3/2)", kind="exponent"),
    Case("r76_squareplus_in_g_valid", "txt", "(z + sqrt(z**2 + b))/2", [
        ("g(z) = (z + sqrt(z^2 + β))/2", "(z + sqrt(z**2 + b))/2", "g"),
        ("g'(z) = (1 + z/sqrt(z^2 + β))/2", "(1 + z/sqrt(z**2 + b))/2", "d1"),
        ("= g(z)/sqrt(z^2 + β)", "g/sqrt(z**2 + b)", "d1"),
    ]),
    Case("r77_squareplus_sqrt_z2_as_z", "txt", "(z + sqrt(z**2 + b))/2", [
        ("g(z) = (z + sqrt(z^2 + β))/2", "(z + sqrt(z**2 + b))/2", "g"),
        ("g'(z) = (1 + z/sqrt(z^2 + β))/2", "(1 + z/sqrt(z**2 + b))/2", "d1"),
        ("= g(z)/(z + β)", "g/(z + b)", "d1"),
    ], note="sqrt(z^2 + β) is not z + β", kind="algebra"),
]
