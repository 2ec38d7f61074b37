"""Plain text as it is pasted: PDFs and Word (Unicode minus, dots, primes, no-break spaces, math
italic letters), e-mail ASCII, code (numpy, MATLAB, Mathematica), numbered steps, arrows,
comments, equation numbers, CRLF and a byte-order mark."""
from harness import Case

S = "sigma(z)"
SD = "diff(sigma(z), z)"
TD = "1 - tanh(z)**2"
SP = "log(1 + exp(z))"
NB = "\u00a0"
CASES = [
    Case("u01_pdf_minus_nbsp_valid", "txt", S, [
        (f"σ(z){NB}={NB}1/(1{NB}+{NB}e^(−z))", S, "g"),
        (f"σ′(z){NB}={NB}e^(−z)/(1{NB}+{NB}e^(−z))²", SD, "d1"),
        (f"{NB}{NB}{NB}{NB}={NB}σ(z)(1{NB}−{NB}σ(z))", SD, "d1"),
    ], note="no-break spaces (U+00A0) as a PDF viewer pastes them"),
    Case("u02_dot_operators_and_superscripts_valid", "txt", S, [
        ("g(z) = (1 + e⁻ᶻ)⁻¹", S, "g"),
        ("g′(z) = (−1)⋅(1 + e⁻ᶻ)⁻²⋅(−e⁻ᶻ)", SD, "d1"),
        ("      = e⁻ᶻ · (1 + e⁻ᶻ)⁻²", SD, "d1"),
        ("      = g(z) × (1 − g(z))", SD, "d1"),
    ]),
    Case("u03_modifier_prime_and_double_prime_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("gʹ(z) = 1 − tanh²(z)", TD, "d1"),
        ("g″(z) = −2 tanh(z) (1 − tanh²(z))", "diff(tanh(z), z, 2)", "d2"),
        ("g′′(z) = −2 g(z) (1 − g(z)²)", "diff(tanh(z), z, 2)", "d2"),
    ], note="ʹ U+02B9, ″ U+2033, and two U+2032 primes"),
    Case("u04_email_bare_g_valid", "txt", S, [
        ("g = 1/(1+exp(-z))", S, "g"),
        ("g' = exp(-z)/(1+exp(-z))**2", SD, "d1"),
        ("g' = g*(1-g)", SD, "d1"),
    ]),
    Case("u05_email_dg_dz_valid", "txt", S, [
        ("g(z) = 1/(1+exp(-z))", S, "g"),
        ("dg/dz = exp(-z)/(1+exp(-z))**2", SD, "d1"),
        ("      = g(z)*(1-g(z))", SD, "d1"),
    ]),
    Case("u06_numbered_steps_with_dot_valid", "txt", "tanh(z)", [
        ("1. g(z) = tanh(z)", "tanh(z)", "g"),
        ("2. g'(z) = 1 - tanh(z)^2", TD, "d1"),
        ("3. g'(z) = 1 - g(z)^2", TD, "d1"),
    ], note="'1.' is a step number, not the number 1.0 times g"),
    Case("u07_equation_numbers_right_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)                 (1)", "tanh(z)", "g"),
        ("g'(z) = 1 - tanh(z)^2          (2)", TD, "d1"),
        ("g'(z) = 1 - g(z)^2             (3)", TD, "d1"),
    ], note="equation numbers at the right as a word processor sets them: never a factor"),
    Case("u08_equation_numbers_right_wrong", "txt", "tanh(z)", [
        ("g(z) = tanh(z)                 (1)", "tanh(z)", "g"),
        ("g'(z) = 1 + tanh(z)^2          (2)", "1 + tanh(z)**2", "d1"),
    ], kind="sign"),
    Case("u09_arrows_implies_valid", "txt", S, [
        ("σ(z) = 1/(1 + e^-z)", S, "g"),
        ("⟹ σ'(z) = e^-z/(1 + e^-z)^2", SD, "d1"),
        ("→ σ'(z) = σ(z)(1 − σ(z))", SD, "d1"),
    ], note="⟹ U+27F9 and → U+2192 before a left side"),
    Case("u10_right_to_left_conclusion_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = e^-z/(1 + e^-z)^2", SD, "d1"),
        ("g(z)(1 - g(z)) = g'(z)", [SD, SD], "d1"),
    ], note="the last row states the result right to left: never wrong"),
    Case("u11_hash_comments_after_steps_valid", "txt", S, [
        ("g(z) = 1/(1+e^-z)          # the logistic function", S, "g"),
        ("g'(z) = e^-z/(1+e^-z)^2    # quotient rule", SD, "d1"),
        ("      = g(z)*(1 - g(z))    # since 1 - g(z) = e^-z/(1+e^-z)", SD, "d1"),
    ]),
    Case("u12_percent_comments_plain_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)   % definition", "tanh(z)", "g"),
        ("g'(z) = 1 - tanh(z)^2   % table", TD, "d1"),
    ]),
    Case("u13_blank_lines_and_trailing_punct_valid", "txt", SP, [
        ("g(z) = ln(1 + e^z),", SP, "g"),
        "",
        "",
        ("g'(z) = e^z/(1 + e^z);", "sigma(z)", "d1"),
        "",
        ("     = 1/(1 + e^-z).", "sigma(z)", "d1"),
    ]),
    Case("u14_log1p_valid", "txt", SP, [
        ("g(z) = log1p(exp(z))", SP, "g"),
        ("g'(z) = exp(z)/(1 + exp(z))", "sigma(z)", "d1"),
    ], note="numpy's log1p(u) = log(1 + u)"),
    Case("u15_sech_paren_squared_and_cosh_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = sech(z)^2", TD, "d1"),
        ("      = 1/cosh(z)^2", TD, "d1"),
        ("      = 1/cosh^2(z)", TD, "d1"),
        ("      = 1 - g(z)^2", TD, "d1"),
    ]),
    Case("u16_h_of_t_valid", "txt", "tanh(t)", [
        ("h(t) = tanh(t)", "tanh(t)", "g"),
        ("h'(t) = 1 - tanh(t)^2", "1 - tanh(t)**2", "d1"),
        ("h'(t) = 1 - h(t)^2", "1 - tanh(t)**2", "d1"),
    ], var="t"),
    Case("u17_python_sigmoid_name_valid", "txt", "x*sigma(x)", [
        ("f(x) = x * sigmoid(x)", "x*sigma(x)", "g"),
        ("f'(x) = sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x))", "diff(x*sigma(x), x)", "d1"),
    ], var="x"),
    Case("u18_word_math_italic_letters_valid", "txt", S, [
        ("𝜎(𝑧) = 1/(1 + 𝑒^(−𝑧))", S, "g"),
        ("𝜎′(𝑧) = 𝜎(𝑧)(1 − 𝜎(𝑧))", SD, "d1"),
    ], note="Word's equation editor pastes math italic letters U+1D70E, U+1D467, U+1D452"),
    Case("u19_latex_braces_in_plain_text_valid", "txt", S, [
        ("g(z) = 1/(1+e^{-z})", S, "g"),
        ("g'(z) = e^{-z}/(1+e^{-z})^2", SD, "d1"),
        ("= g(z)(1-g(z))", SD, "d1"),
    ]),
    Case("u20_tanh_unicode_square_no_paren_valid", "txt", "tanh(z)", [
        ("g(z) = tanh z", "tanh(z)", "g"),
        ("g′(z) = 1 − tanh²z", TD, "d1"),
        ("      = sech²z", TD, "d1"),
    ]),
    Case("u21_square_brackets_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = g(z)[1 - g(z)]", SD, "d1"),
    ]),
    Case("u22_crlf_bom_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = e^-z/(1 + e^-z)^2", SD, "d1"),
        ("= g(z)(1 - g(z))", SD, "d1"),
    ], raw=True, note="Windows Notepad: a byte-order mark and CRLF"),
    Case("u23_tabs_indent_valid", "txt", "tanh(z)", [
        ("g(z)\t=\ttanh(z)", "tanh(z)", "g"),
        ("g'(z)\t=\t1 - tanh(z)^2", TD, "d1"),
        ("\t=\t1 - g(z)^2", TD, "d1"),
    ]),
    Case("u24_step_labels_em_dash_valid", "txt", S, [
        ("Step 1 — g(z) = 1/(1 + e^-z)", S, "g"),
        ("Step 2 — g'(z) = e^-z/(1 + e^-z)^2", SD, "d1"),
        ("Step 3 — g'(z) = g(z)(1 - g(z))", SD, "d1"),
    ]),
    Case("u25_roman_labels_valid", "txt", "tanh(z)", [
        ("(i) g(z) = tanh(z)", "tanh(z)", "g"),
        ("(ii) g'(z) = 1 - tanh(z)^2", TD, "d1"),
        ("(iii) g'(z) = 1 - g(z)^2", TD, "d1"),
    ]),
    Case("u26_function_name_prime_valid", "txt", "tanh(z)", [
        ("tanh'(z) = 1 - tanh(z)^2", TD, "d1"),
        ("         = sech(z)^2", TD, "d1"),
    ], args=["--function", "tanh"]),
    Case("u27_sigmoid_prime_name_valid", "txt", "sigma(x)", [
        ("sigmoid(x) = 1/(1 + exp(-x))", "sigma(x)", "g"),
        ("sigmoid'(x) = sigmoid(x)(1 - sigmoid(x))", "diff(sigma(x), x)", "d1"),
    ], var="x"),
    Case("u28_numpy_code_valid", "txt", S, [
        ("g(z) = 1/(1 + np.exp(-z))", S, "g"),
        ("g'(z) = np.exp(-z)/(1 + np.exp(-z))**2", SD, "d1"),
    ], note="numpy spelling pasted from code: read or unreadable with a hint, never another value"),
    Case("u29_matlab_elementwise_valid", "txt", S, [
        ("g(z) = 1./(1+exp(-z))", S, "g"),
        ("g'(z) = exp(-z)./(1+exp(-z)).^2", SD, "d1"),
    ], note="MATLAB's ./ and .^: read or unreadable with a hint, never another value"),
    Case("u30_mathematica_capital_E_valid", "txt", S, [
        ("g(z) = 1/(1 + E^-z)", S, "g"),
        ("g'(z) = E^-z/(1 + E^-z)^2", SD, "d1"),
    ], note="Mathematica's E is e: read as e or unreadable, never a parameter"),
    Case("u31_mathematica_brackets_valid", "txt", "tanh(z)", [
        ("g(z) = Tanh[z]", "tanh(z)", "g"),
        ("g'(z) = Sech[z]^2", TD, "d1"),
    ], note="Mathematica's Tanh[z]: read or unreadable with a hint, never a product"),
    Case("u32_no_spaces_valid", "txt", S, [
        ("g(z)=1/(1+e^-z)", S, "g"),
        ("g'(z)=g(z)-g(z)^2", SD, "d1"),
    ]),
    Case("u33_unicode_swish_product_wrong", "txt", "z*sigma(z)", [
        ("g(z) = z·σ(z)", "z*sigma(z)", "g"),
        ("g′(z) = σ(z) + z·σ(z)·(1 + σ(z))", "sigma(z) + z*sigma(z)*(1+sigma(z))", "d1"),
    ], kind="sign"),
    Case("u34_email_softplus_chain_missing", "txt", SP, [
        ("g = log(1 + exp(z))", SP, "g"),
        ("g' = 1/(1 + exp(z))", "1/(1+exp(z))", "d1"),
    ], kind="chain_factor"),
    Case("u35_numbered_wrong_third_step", "txt", S, [
        ("1) g(z) = 1/(1 + e^-z)", S, "g"),
        ("2) g'(z) = e^-z/(1 + e^-z)^2", SD, "d1"),
        ("3) g'(z) = e^-z/(1 + e^-z)", "exp(-z)/(1+exp(-z))", "d1"),
    ], kind="exponent"),
    Case("u36_double_star_power_tanh_second_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1 - tanh(z)**2", TD, "d1"),
        ("g''(z) = -2*tanh(z)*(1 - tanh(z)**2)", "diff(tanh(z), z, 2)", "d2"),
        ("g''(z) = -2*g(z)*(1 - g(z)**2)", "diff(tanh(z), z, 2)", "d2"),
    ]),
    Case("u37_fraction_slash_and_division_sign_valid", "txt", S, [
        ("g(z) = 1 ÷ (1 + e^(−z))", S, "g"),
        ("g′(z) = e^(−z) ÷ (1 + e^(−z))²", SD, "d1"),
    ]),
    Case("u38_d_dz_operator_left_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("d/dz g(z) = g(z)(1 - g(z))", SD, "d1"),
    ]),
    Case("u39_trailing_text_after_comma_valid", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1 - g(z)^2, as claimed.", TD, "d1"),
    ]),
    Case("u40_sigma_written_out_valid", "txt", S, [
        ("sigma(z) = 1/(1 + e^(-z))", S, "g"),
        ("sigma'(z) = sigma(z)*(1 - sigma(z))", SD, "d1"),
    ]),
    Case("u41_therefore_sign_wrong", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = sech^2(z)", TD, "d1"),
        ("∴ g'(z) = 1 + g(z)^2", "1 + tanh(z)**2", "d1"),
    ], kind="sign"),
    Case("u42_equation_number_brackets_valid", "txt", S, [
        ("g(z) = 1/(1 + e^-z)        [1]", S, "g"),
        ("g'(z) = g(z)(1 - g(z))     [2]", SD, "d1"),
    ]),
    Case("u43_colon_equals_defn_valid", "txt", S, [
        ("σ(z) := 1/(1 + e^-z)", S, "g"),
        ("σ'(z) = σ(z)(1 - σ(z))", SD, "d1"),
    ]),
    Case("u44_leading_equals_indented_second_wrong", "txt", S, [
        ("g(z) = 1/(1 + e^-z)", S, "g"),
        ("g'(z) = g(z)(1 - g(z))", SD, "d1"),
        ("g''(z) = g'(z)(1 - g(z)) + g(z)g'(z)", "diff(sigma(z), z)*(1 - sigma(z)) + sigma(z)*diff(sigma(z), z)", "d2"),
        ("       = g(z)(1 - g(z))", SD, "d2"),
    ], kind="product_rule"),
    Case("u45_exp_minus_space_valid", "txt", S, [
        ("g(z) = 1 / (1 + exp(- z))", S, "g"),
        ("g'(z) = exp(- z) / (1 + exp(- z)) ^ 2", SD, "d1"),
    ]),
]
