from harness import Case

S = "1/(1 + exp(-z))"
SP = "log(1 + exp(z))"
ELU = "Piecewise((z, z > 0), (a*(exp(z) - 1), True))"
HS = "Piecewise((0, z <= -3), (z/6 + Rational(1, 2), z < 3), (1, True))"
CASES = [
    Case("r80_sigmoid_abs_form_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = e^-z/(1 + e^-z)^2", "exp(-z)/(1 + exp(-z))**2", "d1"),
        ("= e^(-|z|)/(1 + e^(-|z|))^2", "exp(-Abs(z))/(1 + exp(-Abs(z)))**2", "d1"),
    ]),
    Case("r81_sigmoid_cosh_forms_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = 1/(e^z + 2 + e^-z)", "1/(exp(z) + 2 + exp(-z))", "d1"),
        ("= 1/(2 + 2 cosh(z))", "1/(2 + 2*cosh(z))", "d1"),
        ("= sech^2(z/2)/4", "sech(z/2)**2/4", "d1"),
    ]),
    Case("r82_sigmoid_sech_argument_not_halved", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = 1/(e^z + 2 + e^-z)", "1/(exp(z) + 2 + exp(-z))", "d1"),
        ("= sech^2(z)/4", "sech(z)**2/4", "d1"),
    ], note="e^z + 2 + e^-z = 4 cosh^2(z/2)", kind="algebra"),
    Case("r83_softplus_stable_form_valid", "txt", SP, [
        ("g(z) = ln(1 + e^z)", SP, "g"),
        ("= max(z, 0) + ln(1 + e^(-|z|))", "Max(z, 0) + log(1 + exp(-Abs(z)))", "g"),
        ("g'(z) = e^z/(1 + e^z)", "exp(z)/(1 + exp(z))", "d1"),
    ]),
    Case("r84_gaussian_in_g_sqrt_branch", "txt", "exp(-z**2)", [
        ("g(z) = e^(-z^2)", "exp(-z**2)", "g"),
        ("g'(z) = -2z e^(-z^2)", "-2*z*exp(-z**2)", "d1"),
        ("= -2 sqrt(-ln(g(z))) g(z)", "-2*sqrt(-log(g))*g", "d1"),
    ], note="sqrt(-ln g) = |z|: right for z > 0 only", kind="algebra"),
    Case("r85_elu_conditions_on_g_valid", "txt", ELU, [
        ("g(z) = z if z > 0, α(e^z - 1) otherwise", ELU, "g"),
        ("g'(z) = 1 if z > 0, α e^z otherwise", "Piecewise((1, z > 0), (a*exp(z), True))", "d1"),
        ("g'(z) = 1 if g(z) > 0, g(z) + α otherwise", "Piecewise((1, z > 0), (g + a, True))", "d1"),
    ]),
    Case("r86_hardsigmoid_conditions_on_g_valid", "txt", HS, [
        ("g(z) = max(0, min(1, z/6 + 1/2))", HS, "g"),
        ("g'(z) = 1/6 if 0 < g(z) < 1, 0 otherwise", "Piecewise((Rational(1, 6), (z > -3) & (z < 3)), (0, True))", "d1"),
    ]),
    Case("r87_tanh_tiny_constant_off", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1.000001 - tanh^2(z)", "Rational(1000001, 1000000) - tanh(z)**2", "d1"),
    ], note="a constant 1e-6 off", kind="constant"),
    Case("r88_tanh_tinier_constant_off", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1.0000000001 - tanh^2(z)", "Rational(10000000001, 10000000000) - tanh(z)**2", "d1"),
    ], note="a constant 1e-10 off", kind="constant"),
    Case("r89_sigmoid_sigma_minus_z_valid", "txt", S, [
        ("g(z) = e^z/(1 + e^z)", "exp(z)/(1 + exp(z))", "g"),
        ("g'(z) = e^z/(1 + e^z)^2", "exp(z)/(1 + exp(z))**2", "d1"),
        ("= σ(z) σ(-z)", "sigma(z)*sigma(-z)", "d1"),
        ("= g(z) g(-z)", "sigma(z)*sigma(-z)", "d1"),
    ]),
    Case("r90_sigmoid_large_z_form", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = e^-z/(1 + e^-z)^2", "exp(-z)/(1 + exp(-z))**2", "d1"),
        ("= e^-z", "exp(-z)", "d1"),
    ], note="an approximation for large z only", kind="algebra"),
    Case("r91_relu_second_valid", "txt", "Piecewise((z, z > 0), (0, True))", [
        ("g(z) = max(0, z)", "Piecewise((z, z > 0), (0, True))", "g"),
        ("g'(z) = 1 if z > 0, 0 otherwise", "Piecewise((1, z > 0), (0, True))", "d1"),
        ("g''(z) = 0", "0", "d2"),
    ]),
    Case("r92_softplus_second_wrong_one_minus", "txt", SP, [
        ("g(z) = ln(1 + e^z)", SP, "g"),
        ("g'(z) = 1 - e^(-g(z))", "1 - exp(-g)", "d1"),
        ("g''(z) = e^(-g(z)) g'(z)", "exp(-g)*(1 - exp(-g))", "d2"),
        ("= e^(-g(z)) - e^(-2g(z))", "exp(-g) - exp(-2*g)", "d2"),
        ("= e^(-g(z))(1 + e^(-g(z)))", "exp(-g)*(1 + exp(-g))", "d2"),
    ], note="line 5 factors with + instead of -", kind="sign"),
]
