from harness import Case

S = "1/(1 + exp(-z))"
SX = "1/(1 + exp(-x))"
RELU = "Piecewise((z, z > 0), (0, True))"
LONG = [
    ("g(z) = 1/(1 + e^-z)", S, "g"),
    ("= (1 + e^-z)^(-1)", "(1 + exp(-z))**-1", "g"),
    ("g'(z) = -(1 + e^-z)^(-2) d/dz(1 + e^-z)", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= -(1 + e^-z)^(-2) (d/dz(1) + d/dz(e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= -(1 + e^-z)^(-2) (0 + d/dz(e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= -(1 + e^-z)^(-2) (e^-z d/dz(-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= -(1 + e^-z)^(-2) (e^-z (-1))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= (1 + e^-z)^(-2) e^-z", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= e^-z/(1 + e^-z)^2", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= (1/(1 + e^-z)) (e^-z/(1 + e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= (1/(1 + e^-z)) ((1 + e^-z - 1)/(1 + e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= (1/(1 + e^-z)) ((1 + e^-z)/(1 + e^-z) - 1/(1 + e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= (1/(1 + e^-z)) (1 - 1/(1 + e^-z))", "(1 + exp(-z))**-2*exp(-z)", "d1"),
    ("= g(z) (1 - g(z))", "g*(1 - g)", "d1"),
    ("= g(z) - g(z)^2", "g - g**2", "d1"),
    ("= g(z)(1 - g(z))", "g*(1 - g)", "d1"),
]
LONG_BAD = list(LONG)
LONG_BAD[12] = ("= (1/(1 + e^-z)) (1 + 1/(1 + e^-z))", "(1 + exp(-z))**-1*(1 + (1 + exp(-z))**-1)", "d1")
LONG_BAD2 = list(LONG)
LONG_BAD2[14] = ("= g(z) - g(z)^3", "g - g**3", "d1")
CASES = [
    Case("r100_sigmoid_16_lines_valid", "txt", S, LONG),
    Case("r101_sigmoid_16_lines_sign_at_13", "txt", S, LONG_BAD,
         note="line 13: 1 - 1/(1+e^-z) written 1 + ...; line 14 follows from the true line 12 (back on track)", kind="sign"),
    Case("r102_sigmoid_16_lines_power_at_15", "txt", S, LONG_BAD2,
         note="line 15: g - g^3; line 16 right again", kind="exponent"),
    Case("r103_function_var_x_valid", "txt", SX, [
        ("σ'(x) = σ(x)(1 - σ(x))", "sigma(x)*(1 - sigma(x))", "d1"),
        ("= σ(x) - σ(x)^2", "sigma(x) - sigma(x)**2", "d1"),
    ], args=["--function", "sigmoid", "--var", "x"], var="x"),
    Case("r104_function_gelu_var_x_valid", "txt", "x/2*(1 + erf(x/sqrt(2)))", [
        ("g'(x) = (1 + erf(x/sqrt(2)))/2 + x e^(-x^2/2)/sqrt(2 pi)", "(1 + erf(x/sqrt(2)))/2 + x*exp(-x**2/2)/sqrt(2*pi)", "d1"),
        ("= g(x)/x + x e^(-x^2/2)/sqrt(2 pi)", "x/2*(1 + erf(x/sqrt(2)))/x + x*exp(-x**2/2)/sqrt(2*pi)", "d1"),
    ], args=["--function", "gelu", "--var", "x"], var="x"),
    Case("r105_function_gelu_var_x_wrong", "txt", "x/2*(1 + erf(x/sqrt(2)))", [
        ("g'(x) = (1 + erf(x/sqrt(2)))/2 + x e^(-x^2/2)/sqrt(pi)", "(1 + erf(x/sqrt(2)))/2 + x*exp(-x**2/2)/sqrt(pi)", "d1"),
    ], args=["--function", "gelu", "--var", "x"], var="x", note="1/sqrt(2 pi), not 1/sqrt(pi)", kind="chain_factor"),
    Case("r106_function_formula_softplus_valid", "txt", "log(1 + exp(z))", [
        ("g'(z) = e^z/(1 + e^z)", "exp(z)/(1 + exp(z))", "d1"),
        ("= 1 - e^(-g(z))", "1 - exp(-log(1 + exp(z)))", "d1"),
    ], args=["--function", "ln(1 + e^z)"]),
    Case("r107_function_leaky_default_alpha", "txt", "Piecewise((z, z > 0), (z/100, True))", [
        ("g'(z) = 1 if z > 0, 0.01 otherwise", "Piecewise((1, z > 0), (Rational(1, 100), True))", "d1"),
        ("g'(z) = 1 if g(z) > 0, 0.01 otherwise", "Piecewise((1, z > 0), (Rational(1, 100), True))", "d1"),
    ], args=["--function", "leaky relu"]),
    Case("r108_function_selu_constants_rounded", "txt",
         "Rational(10507009873554805, 10**16)*Piecewise((z, z > 0), (Rational(16732632423543772, 10**16)*(exp(z) - 1), True))", [
        ("g'(z) = 1.0507 if z > 0, 1.7581 e^z otherwise", "Piecewise((Rational(10507, 10000), z > 0), (Rational(17581, 10000)*exp(z), True))", "d1"),
    ], args=["--function", "selu"], note="SELU's constants rounded to 5 digits (λ = 1.0507009873..., λα = 1.7580993408...)", kind="constant"),
    Case("r109_function_relu_with_abs_over_z_valid", "txt", RELU, [
        ("g'(z) = (z + |z|)/(2z)", "(z + Abs(z))/(2*z)", "d1"),
        ("= (1 + |z|/z)/2", "(1 + Abs(z)/z)/2", "d1"),
    ], args=["--function", "relu"]),
    Case("r110_relu_abs_over_z_wrong", "txt", RELU, [
        ("g(z) = max(0, z)", RELU, "g"),
        ("g'(z) = |z|/z", "Abs(z)/z", "d1"),
    ], note="|z|/z is -1 for z < 0", kind="unknown"),
    Case("r111_markdown_tanh_second_valid", "md", "tanh(z)", [
        "Second derivative of tanh.",
        "",
        ("$$g(z) = \\tanh z$$", "tanh(z)", "g"),
        "",
        ("$$g'(z) = 1 - \\tanh^2 z$$", "1 - tanh(z)**2", "d1"),
        "",
        ("$$g''(z) = -2 \\tanh z \\, \\operatorname{sech}^2 z$$", "-2*tanh(z)*sech(z)**2", "d2"),
        "",
        ("$$= -2 g(z)\\left(1 - g(z)^2\\right)$$", "-2*g*(1 - g**2)", "d2"),
    ]),
    Case("r112_markdown_tanh_second_factor_2_lost", "md", "tanh(z)", [
        "Second derivative of tanh.",
        "",
        ("$$g(z) = \\tanh z$$", "tanh(z)", "g"),
        "",
        ("$$g'(z) = 1 - \\tanh^2 z$$", "1 - tanh(z)**2", "d1"),
        "",
        ("$$g''(z) = -\\tanh z \\, \\operatorname{sech}^2 z$$", "-tanh(z)*sech(z)**2", "d2"),
    ], note="the power rule's 2 lost", kind="constant"),
]
