from harness import Case

HS = "Piecewise((0, z <= -3), (z/6 + Rational(1, 2), z < 3), (1, True))"
HSW = "Piecewise((0, z <= -3), (z*(z + 3)/6, z < 3), (z, True))"
R6 = "Piecewise((0, z <= 0), (z, z < 6), (6, True))"
HT = "Piecewise((-1, z <= -1), (z, z < 1), (1, True))"
KHS = "Piecewise((0, z <= -Rational(5, 2)), (z/5 + Rational(1, 2), z < Rational(5, 2)), (1, True))"
CASES = [
    Case("r40_hardsigmoid_breakpoints_at_4", "txt", HS, [
        ("g(z) = max(0, min(1, z/6 + 1/2))", HS, "g"),
        ("g'(z) = 1/6 if -4 < z < 4, 0 otherwise", "Piecewise((Rational(1, 6), (z > -4) & (z < 4)), (0, True))", "d1"),
    ], note="breakpoints are ±3: wrong for 3 < |z| < 4 only", kind="unknown"),
    Case("r41_hardsigmoid_valid", "txt", HS, [
        ("g(z) = max(0, min(1, z/6 + 1/2))", HS, "g"),
        ("g'(z) = 1/6 if -3 < z < 3, 0 otherwise", "Piecewise((Rational(1, 6), (z > -3) & (z < 3)), (0, True))", "d1"),
    ]),
    Case("r42_keras_hardsigmoid_breakpoints_3", "txt", KHS, [
        ("g(z) = max(0, min(1, 0.2 z + 0.5))", KHS, "g"),
        ("g'(z) = 0.2 if -3 < z < 3, 0 otherwise", "Piecewise((Rational(1, 5), (z > -3) & (z < 3)), (0, True))", "d1"),
    ], note="Keras hard sigmoid breaks at ±2.5: wrong for 2.5 < |z| < 3", kind="unknown"),
    Case("r43_hardswish_valid", "txt", HSW, [
        ("g(z) = z min(max(z + 3, 0), 6)/6", HSW, "g"),
        ("g'(z) = 0 for z < -3, (2z + 3)/6 for -3 < z < 3, 1 for z > 3",
         "Piecewise((0, z < -3), ((2*z + 3)/6, z < 3), (1, True))", "d1"),
    ]),
    Case("r44_hardswish_product_rule_dropped", "txt", HSW, [
        ("g(z) = z min(max(z + 3, 0), 6)/6", HSW, "g"),
        ("g'(z) = 0 for z < -3, (z + 3)/6 for -3 < z < 3, 1 for z > 3",
         "Piecewise((0, z < -3), ((z + 3)/6, z < 3), (1, True))", "d1"),
    ], note="middle piece: product rule term z/6 missing", kind="product_rule"),
    Case("r45_hardswish_upper_piece_wrong", "txt", HSW, [
        ("g(z) = z min(max(z + 3, 0), 6)/6", HSW, "g"),
        ("g'(z) = 0 for z < -3, (2z + 3)/6 for -3 < z < 3, 0 for z > 3",
         "Piecewise((0, z < -3), ((2*z + 3)/6, z < 3), (0, True))", "d1"),
    ], note="for z > 3 g = z, so g' = 1 (not 0: that is hard sigmoid's cap)", kind="unknown"),
    Case("r46_relu6_valid_in_g", "txt", R6, [
        ("g(z) = min(max(0, z), 6)", R6, "g"),
        ("g'(z) = 1 for 0 < z < 6, 0 otherwise", "Piecewise((1, (z > 0) & (z < 6)), (0, True))", "d1"),
    ]),
    Case("r47_hardtanh_breakpoints_2", "txt", HT, [
        ("g(z) = max(-1, min(1, z))", HT, "g"),
        ("g'(z) = 1 if -2 < z < 2, 0 otherwise", "Piecewise((1, (z > -2) & (z < 2)), (0, True))", "d1"),
    ], note="breaks at ±1: wrong for 1 < |z| < 2", kind="unknown"),
    Case("r48_hardtanh_upper_cap_forgotten", "txt", HT, [
        ("g(z) = max(-1, min(1, z))", HT, "g"),
        ("g'(z) = 1 if z > -1, 0 otherwise", "Piecewise((1, z > -1), (0, True))", "d1"),
    ], note="wrong for z > 1", kind="unknown"),
    Case("r49_hardsigmoid_tex_cases_valid", "tex", HS, [
        r"\begin{align*}",
        (r"g(z) &= \begin{cases} 0 & z \le -3 \\ \frac{z}{6} + \frac{1}{2} & -3 < z < 3 \\ 1 & z \ge 3 \end{cases} \\", HS, "g"),
        (r"g'(z) &= \begin{cases} 0 & z < -3 \\ \frac{1}{6} & -3 < z < 3 \\ 0 & z > 3 \end{cases}",
         "Piecewise((0, z < -3), (Rational(1, 6), z < 3), (0, True))", "d1"),
        r"\end{align*}",
    ]),
    Case("r50_hardsigmoid_tex_slope_quarter", "tex", HS, [
        r"\begin{align*}",
        (r"g(z) &= \begin{cases} 0 & z \le -3 \\ \frac{z}{6} + \frac{1}{2} & -3 < z < 3 \\ 1 & z \ge 3 \end{cases} \\", HS, "g"),
        (r"g'(z) &= \begin{cases} 0 & z < -3 \\ \frac{1}{4} & -3 < z < 3 \\ 0 & z > 3 \end{cases}",
         "Piecewise((0, z < -3), (Rational(1, 4), z < 3), (0, True))", "d1"),
        r"\end{align*}",
    ], note="slope 1/6, not 1/4", kind="constant"),
]
