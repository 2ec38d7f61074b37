from harness import Case

RELU = "Piecewise((z, z > 0), (0, True))"
SS = "z/(1 + Abs(z))"
BIP = "(1 - exp(-z))/(1 + exp(-z))"
CASES = [
    Case("r130_relu_exp_condition_wrong_beyond_6_9", "txt", RELU, [
        ("g(z) = max(0, z)", RELU, "g"),
        ("g'(z) = 1 if 1 < e^z < 1000, 0 otherwise", "Piecewise((1, (z > 0) & (z < log(1000))), (0, True))", "d1"),
    ], note="e^z < 1000 stops at z = ln 1000 = 6.91: wrong for z > 6.91 (a condition not linear in z)", kind="unknown"),
    Case("r131_softsign_wrong_piece_beyond_6", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + z^2) if z^3 > 216, 1/(1 + |z|)^2 otherwise",
         "Piecewise((1/(1 + z**2), z > 6), (1/(1 + Abs(z))**2, True))", "d1"),
    ], note="wrong for z > 6 (a condition not linear in z)", kind="unknown"),
    Case("r132_relu_exp_condition_valid", "txt", RELU, [
        ("g(z) = max(0, z)", RELU, "g"),
        ("g'(z) = 1 if e^z > 1, 0 otherwise", "Piecewise((1, z > 0), (0, True))", "d1"),
    ]),
    Case("r133_bipolar_half_lost", "txt", BIP, [
        ("g(z) = (1 - e^-z)/(1 + e^-z)", BIP, "g"),
        ("g'(z) = 2e^-z/(1 + e^-z)^2", "2*exp(-z)/(1 + exp(-z))**2", "d1"),
        ("= 1 - g(z)^2", "1 - g**2", "d1"),
    ], note="2e^-z/(1+e^-z)^2 = (1 - g^2)/2", kind="constant"),
    Case("r134_logistic_k_in_g_valid", "txt", "1/(1 + exp(-k*z))", [
        ("g(z) = 1/(1 + e^(-k z))", "1/(1 + exp(-k*z))", "g"),
        ("g'(z) = k e^(-k z)/(1 + e^(-k z))^2", "k*exp(-k*z)/(1 + exp(-k*z))**2", "d1"),
        ("= k g(z)(1 - g(z))", "k*g*(1 - g)", "d1"),
    ]),
    Case("r135_tanh_via_sigma_2z_valid", "txt", "tanh(z)", [
        ("g(z) = 2σ(2z) - 1", "2*sigma(2*z) - 1", "g"),
        ("g'(z) = 4σ(2z)(1 - σ(2z))", "4*sigma(2*z)*(1 - sigma(2*z))", "d1"),
        ("= 1 - g(z)^2", "1 - g**2", "d1"),
    ]),
    Case("r136_tanh_via_sigma_2z_chain_once", "txt", "tanh(z)", [
        ("g(z) = 2σ(2z) - 1", "2*sigma(2*z) - 1", "g"),
        ("g'(z) = 2σ(2z)(1 - σ(2z))", "2*sigma(2*z)*(1 - sigma(2*z))", "d1"),
    ], note="the inner 2 of σ(2z) missing: 4σ(2z)(1 - σ(2z))", kind="chain_factor"),
]
