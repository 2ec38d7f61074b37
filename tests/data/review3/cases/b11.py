from harness import Case

T = "tanh(z)"
CASES = [
    Case("r160_tanh_second_quotient_valid", "txt", T, [
        ("g(z) = tanh(z)", T, "g"),
        ("g'(z) = 4/(e^z + e^-z)^2", "4/(exp(z) + exp(-z))**2", "d1"),
        ("g''(z) = -8(e^z - e^-z)/(e^z + e^-z)^3", "-8*(exp(z) - exp(-z))/(exp(z) + exp(-z))**3", "d2"),
        ("= -2 g(z)(1 - g(z)^2)", "-2*g*(1 - g**2)", "d2"),
    ]),
    Case("r161_tanh_two_independent_slips", "txt", T, [
        ("g(z) = tanh(z)", T, "g"),
        ("g'(z) = 4/(e^z + e^-z)^2", "4/(exp(z) + exp(-z))**2", "d1"),
        ("= 4/(e^(2z) + e^(-2z))", "4/(exp(2*z) + exp(-2*z))", "d1"),
        ("= 1 - g(z)^2", "1 - g**2", "d1"),
        ("g''(z) = -2 g(z)", "-2*g", "d2"),
        ("= -2 g(z)(1 - g(z)^2)", "-2*g*(1 - g**2)", "d2"),
    ], note="line 3: the square expanded without the cross term 2; line 5: the chain factor g' missing", kind="algebra"),
    Case("r162_gaussian_third_valid", "txt", "exp(-z**2)", [
        ("g(z) = e^(-z^2)", "exp(-z**2)", "g"),
        ("g'(z) = -2z g(z)", "-2*z*g", "d1"),
        ("g''(z) = (4z^2 - 2) g(z)", "(4*z**2 - 2)*g", "d2"),
        ("g'''(z) = (12z - 8z^3) g(z)", "(12*z - 8*z**3)*g", "d3"),
    ]),
    Case("r163_gaussian_third_wrong", "txt", "exp(-z**2)", [
        ("g(z) = e^(-z^2)", "exp(-z**2)", "g"),
        ("g'(z) = -2z g(z)", "-2*z*g", "d1"),
        ("g''(z) = (4z^2 - 2) g(z)", "(4*z**2 - 2)*g", "d2"),
        ("g'''(z) = 8z g(z) + (4z^2 - 2) g(z)", "8*z*g + (4*z**2 - 2)*g", "d3"),
    ], note="the product rule's second term needs g' = -2z g: (4z^2 - 2)(-2z) g", kind="chain_factor"),
]
