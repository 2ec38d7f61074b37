from harness import Case

MISH = "z*tanh(log(1 + exp(z)))"
R6 = "Piecewise((0, z <= 0), (z, z < 6), (6, True))"
HS = "Piecewise((0, z <= -3), (z/6 + Rational(1, 2), z < 3), (1, True))"
CASES = [
    Case("r120_mish_omega_delta_plain_valid", "txt", MISH, [
        ("g(z) = z tanh(ln(1 + e^z))", MISH, "g"),
        ("g'(z) = e^z (4(z + 1) + 4e^(2z) + e^(3z) + e^z (4z + 6))/(2e^z + e^(2z) + 2)^2",
         "exp(z)*(4*(z + 1) + 4*exp(2*z) + exp(3*z) + exp(z)*(4*z + 6))/(2*exp(z) + exp(2*z) + 2)**2", "d1"),
    ]),
    Case("r121_mish_omega_delta_6_as_4", "txt", MISH, [
        ("g(z) = z tanh(ln(1 + e^z))", MISH, "g"),
        ("g'(z) = e^z (4(z + 1) + 4e^(2z) + e^(3z) + e^z (4z + 4))/(2e^z + e^(2z) + 2)^2",
         "exp(z)*(4*(z + 1) + 4*exp(2*z) + exp(3*z) + exp(z)*(4*z + 4))/(2*exp(z) + exp(2*z) + 2)**2", "d1"),
    ], note="omega has e^z(4z + 6)", kind="constant"),
    Case("r122_mish_tanh_softplus_rational_valid", "txt", MISH, [
        ("g(z) = z tanh(ln(1 + e^z))", MISH, "g"),
        ("= z ((1 + e^z)^2 - 1)/((1 + e^z)^2 + 1)", "z*((1 + exp(z))**2 - 1)/((1 + exp(z))**2 + 1)", "g"),
        ("= z (e^(2z) + 2e^z)/(e^(2z) + 2e^z + 2)", "z*(exp(2*z) + 2*exp(z))/(exp(2*z) + 2*exp(z) + 2)", "g"),
    ]),
    Case("r123_relu6_conditions_on_g_cap_forgotten", "txt", R6, [
        ("g(z) = min(max(0, z), 6)", R6, "g"),
        ("g'(z) = 1 if g(z) > 0, 0 otherwise", "Piecewise((1, z > 0), (0, True))", "d1"),
    ], note="wrong for z > 6 only", kind="unknown"),
    Case("r124_hardsigmoid_z_squared_condition", "txt", HS, [
        ("g(z) = max(0, min(1, z/6 + 1/2))", HS, "g"),
        ("g'(z) = 1/6 if z^2 < 16, 0 otherwise", "Piecewise((Rational(1, 6), (z > -4) & (z < 4)), (0, True))", "d1"),
    ], note="z^2 < 9: wrong for 3 < |z| < 4", kind="unknown"),
    Case("r125_relu6_z_times_condition", "txt", R6, [
        ("g(z) = min(max(0, z), 6)", R6, "g"),
        ("g'(z) = 1 if z(z - 8) < 0, 0 otherwise", "Piecewise((1, (z > 0) & (z < 8)), (0, True))", "d1"),
    ], note="z(z - 6) < 0: wrong for 6 < z < 8 only", kind="unknown"),
    Case("r126_hardtanh_abs_condition_5", "txt", "Piecewise((-1, z <= -1), (z, z < 1), (1, True))", [
        ("g(z) = max(-1, min(1, z))", "Piecewise((-1, z <= -1), (z, z < 1), (1, True))", "g"),
        ("g'(z) = 1 if |z| < 1, 0 otherwise", "Piecewise((1, (z > -1) & (z < 1)), (0, True))", "d1"),
    ]),
    Case("r127_relu6_min_form_derivative_wrong_far", "txt", R6, [
        ("g(z) = min(max(0, z), 6)", R6, "g"),
        ("g'(z) = heaviside(z) - heaviside(z - 7)", "Piecewise((0, z < 0), (1, z < 7), (0, True))", "d1"),
    ], note="cap at 6: wrong for 6 < z < 7", kind="unknown"),
    Case("r128_sigmoid_exp_large_cancellation_valid", "txt", "1/(1 + exp(-z))", [
        ("g(z) = 1/(1 + e^-z)", "1/(1 + exp(-z))", "g"),
        ("g'(z) = 1/(1 + e^-z) - 1/(1 + e^-z)^2", "1/(1 + exp(-z)) - 1/(1 + exp(-z))**2", "d1"),
        ("= e^(-z - 2 ln(1 + e^-z))", "exp(-z - 2*log(1 + exp(-z)))", "d1"),
        ("= e^(-softplus(z) - softplus(-z))", "exp(-log(1 + exp(z)) - log(1 + exp(-z)))", "d1"),
    ]),
    Case("r129_tanh_coth_csch_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = sech^2(z)", "sech(z)**2", "d1"),
        ("= 1/cosh^2(z)", "1/cosh(z)**2", "d1"),
        ("= 4/(e^z + e^-z)^2", "4/(exp(z) + exp(-z))**2", "d1"),
        ("= 1 - g(z)^2", "1 - g**2", "d1"),
    ]),
]
