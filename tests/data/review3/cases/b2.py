from harness import Case

GT = "z/2*(1 + tanh(sqrt(2/pi)*(z + Rational(44715, 1000000)*z**3)))"
U = "sqrt(2/pi)*(z + Rational(44715, 1000000)*z**3)"
GT_D = f"(1 + tanh({U}))/2 + z/2*sech({U})**2*sqrt(2/pi)*(1 + 3*Rational(44715, 1000000)*z**2)"
MISH = "z*tanh(log(1 + exp(z)))"
SS = "z/(1 + Abs(z))"
SPB = "log(1 + exp(b*z))/b"
SWB = "z*sigma(b*z)"
CASES = [
    Case("r20_gelu_tanh_valid", "txt", GT, [
        ("g(z) = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", GT, "g"),
        ("g'(z) = (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))/2 + z/2 sech^2(sqrt(2/pi) (z + 0.044715 z^3)) sqrt(2/pi) (1 + 0.134145 z^2)", GT_D, "d1"),
    ]),
    Case("r21_gelu_tanh_cubic_coefficient_rounded", "txt", GT, [
        ("g(z) = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", GT, "g"),
        ("g'(z) = (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))/2 + z/2 sech^2(sqrt(2/pi) (z + 0.044715 z^3)) sqrt(2/pi) (1 + 0.13415 z^2)",
         GT_D.replace("3*Rational(44715, 1000000)", "Rational(13415, 100000)"), "d1"),
    ], note="3 x 0.044715 = 0.134145, written 0.13415 (differs by 5e-6 z^2 in one factor)", kind="constant"),
    Case("r22_gelu_tanh_sqrt2pi_as_0_8", "txt", GT, [
        ("g(z) = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", GT, "g"),
        ("g'(z) = (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))/2 + z/2 sech^2(sqrt(2/pi) (z + 0.044715 z^3)) 0.8 (1 + 0.134145 z^2)",
         GT_D.replace("sech(" + U + ")**2*sqrt(2/pi)", "sech(" + U + ")**2*Rational(4, 5)"), "d1"),
    ], note="the chain factor sqrt(2/pi) = 0.79788... written 0.8", kind="constant"),
    Case("r23_gelu_tanh_coefficient_in_derivative_0_04472", "txt", GT, [
        ("g(z) = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", GT, "g"),
        ("g'(z) = (1 + tanh(sqrt(2/pi) (z + 0.04472 z^3)))/2 + z/2 sech^2(sqrt(2/pi) (z + 0.04472 z^3)) sqrt(2/pi) (1 + 0.13416 z^2)",
         GT_D.replace("Rational(44715, 1000000)*z**3", "Rational(4472, 100000)*z**3").replace("3*Rational(44715, 1000000)", "Rational(13416, 100000)"), "d1"),
    ], note="0.044715 rounded to 0.04472 inside the derivative (not g's constant)", kind="constant"),
    Case("r24_gelu_erf_def_tanh_derivative", "txt", "z/2*(1 + erf(z/sqrt(2)))", [
        ("g(z) = z/2 (1 + erf(z/sqrt(2)))", "z/2*(1 + erf(z/sqrt(2)))", "g"),
        ("g'(z) = (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))/2 + z/2 sech^2(sqrt(2/pi) (z + 0.044715 z^3)) sqrt(2/pi) (1 + 0.134145 z^2)", GT_D, "d1"),
    ], note="the tanh approximation's derivative given for exact GELU (off by up to ~1e-3)", kind="unknown"),
    Case("r25_mish_valid", "txt", MISH, [
        ("g(z) = z tanh(ln(1 + e^z))", MISH, "g"),
        ("g'(z) = tanh(ln(1 + e^z)) + z sech^2(ln(1 + e^z)) e^z/(1 + e^z)",
         "tanh(log(1 + exp(z))) + z*sech(log(1 + exp(z)))**2*exp(z)/(1 + exp(z))", "d1"),
        ("= g(z)/z + z sech^2(ln(1 + e^z)) σ(z)", "g/z + z*sech(log(1 + exp(z)))**2*sigma(z)", "d1"),
        ("= g(z)/z + z (1 - g(z)^2/z^2) σ(z)", "g/z + z*(1 - g**2/z**2)*sigma(z)", "d1"),
    ]),
    Case("r26_mish_sigma_factor_lost", "txt", MISH, [
        ("g(z) = z tanh(ln(1 + e^z))", MISH, "g"),
        ("g'(z) = tanh(ln(1 + e^z)) + z sech^2(ln(1 + e^z))", "tanh(log(1 + exp(z))) + z*sech(log(1 + exp(z)))**2", "d1"),
    ], note="softplus' = sigma(z) missing in the second term", kind="chain_factor"),
    Case("r27_softsign_abs_over_z_valid", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = ((1 + |z|) - z (|z|/z))/(1 + |z|)^2", "((1 + Abs(z)) - z*(Abs(z)/z))/(1 + Abs(z))**2", "d1"),
        ("= 1/(1 + |z|)^2", "1/(1 + Abs(z))**2", "d1"),
        ("= (1 - |g(z)|)^2", "(1 - Abs(g))**2", "d1"),
    ]),
    Case("r28_softsign_abs_dropped", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + z)^2", "1/(1 + z)**2", "d1"),
    ], note="right for z > 0 only", kind="elementary_derivative"),
    Case("r29_softsign_in_g_abs_dropped", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + |z|)^2", "1/(1 + Abs(z))**2", "d1"),
        ("= (1 - g(z))^2", "(1 - g)**2", "d1"),
    ], note="(1 - |g|)^2; (1 - g)^2 right for z > 0 only", kind="algebra"),
    Case("r30_softsign_g_over_z_squared_valid", "txt", SS, [
        ("g(z) = z/(1 + |z|)", SS, "g"),
        ("g'(z) = 1/(1 + |z|)^2", "1/(1 + Abs(z))**2", "d1"),
        ("= (g(z)/z)^2", "(g/z)**2", "d1"),
    ]),
    Case("r31_softplus_beta_in_g_valid", "txt", SPB, [
        ("g(z) = (1/β) ln(1 + e^(βz))", SPB, "g"),
        ("g'(z) = e^(βz)/(1 + e^(βz))", "exp(b*z)/(1 + exp(b*z))", "d1"),
        ("= 1 - e^(-β g(z))", "1 - exp(-b*g)", "d1"),
    ]),
    Case("r32_softplus_beta_in_g_beta_dropped", "txt", SPB, [
        ("g(z) = (1/β) ln(1 + e^(βz))", SPB, "g"),
        ("g'(z) = e^(βz)/(1 + e^(βz))", "exp(b*z)/(1 + exp(b*z))", "d1"),
        ("= 1 - e^(-g(z))", "1 - exp(-g)", "d1"),
    ], note="1 - e^(-βg)", kind="constant"),
    Case("r33_softplus_in_g_sign", "txt", "log(1 + exp(z))", [
        ("g(z) = ln(1 + e^z)", "log(1 + exp(z))", "g"),
        ("g'(z) = e^z/(1 + e^z)", "exp(z)/(1 + exp(z))", "d1"),
        ("= 1 - e^(g(z))", "1 - exp(g)", "d1"),
    ], note="1 - e^(-g)", kind="sign"),
    Case("r34_swish_beta_in_g_valid", "txt", SWB, [
        ("g(z) = z σ(βz)", SWB, "g"),
        ("g'(z) = σ(βz) + βz σ(βz)(1 - σ(βz))", "sigma(b*z) + b*z*sigma(b*z)*(1 - sigma(b*z))", "d1"),
        ("= β g(z) + σ(βz)(1 - β g(z))", "b*g + sigma(b*z)*(1 - b*g)", "d1"),
    ]),
    Case("r35_swish_beta_in_g_beta_dropped", "txt", SWB, [
        ("g(z) = z σ(βz)", SWB, "g"),
        ("g'(z) = σ(βz) + βz σ(βz)(1 - σ(βz))", "sigma(b*z) + b*z*sigma(b*z)*(1 - sigma(b*z))", "d1"),
        ("= g(z) + σ(βz)(1 - g(z))", "g + sigma(b*z)*(1 - g)", "d1"),
    ], note="β g(z) + σ(βz)(1 − β g(z)): β dropped twice", kind="chain_factor"),
]
