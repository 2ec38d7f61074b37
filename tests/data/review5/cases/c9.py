"""The derivative of a bracket by primes as a left side: (σ(z))' = ..., [g(z)]'' = ..., (1 + e^{-z})' = ..."""
from harness import Case

S = "sigma(z)"
SD = "diff(sigma(z), z)"
CASES = [
    Case("q01_bracket_prime_left_side_latex_valid", "tex", S, [
        r"\begin{align*}",
        (r"\sigma(z) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\left[\sigma(z)\right]' &= \sigma(z)\bigl(1-\sigma(z)\bigr)", SD, "d1"),
        r"\end{align*}",
    ], note="before: read as the step '= [σ(z)]'' after the definition and called wrong"),
    Case("q02_bracket_prime_left_side_plain_valid", "txt", S, [
        ("σ(z) = 1/(1+e^-z)", S, "g"),
        ("(σ(z))' = e^-z/(1+e^-z)^2", SD, "d1"),
        ("       = σ(z)(1-σ(z))", SD, "d1"),
    ]),
    Case("q03_bracket_second_prime_plain_wrong", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("(g(z))' = 1 - g(z)^2", "1 - tanh(z)**2", "d1"),
        ("(g(z))'' = -2 g(z)", "-2*tanh(z)", "d2"),
    ], kind="chain_factor"),
    Case("q04_side_computation_by_primes_wrong", "txt", S, [
        ("σ(z) = 1/(1+e^-z)", S, "g"),
        ("(1+e^-z)' = e^-z", None, "skip"),
        ("σ'(z) = e^-z/(1+e^-z)^2", SD, "d1"),
    ], kind="chain_factor", note="the side computation (1+e^-z)' = e^-z is wrong (-e^-z): derive marks it; the chain is right"),
    Case("q05_preactivation_named_first_valid", "txt", S, [
        "Let z = w x + b be the pre-activation.",
        ("σ(z) = 1/(1+e^-z)", S, "g"),
        ("σ'(z) = σ(z)(1-σ(z))", SD, "d1"),
    ], note="'Let z = w x + b' says what the variable is: context, no step (was two unreadable lines, exit 2)"),
    Case("q06_preactivation_and_activation_letters_wrong", "txt", S, [
        "z = w x + b",
        ("a = σ(z)", S, "g"),
        ("da/dz = a(1+a)", "sigma(z)*(1+sigma(z))", "d1"),
    ], kind="sign"),
    Case("q07_physics_package_dv_valid", "tex", "tanh(z)", [
        r"\begin{align*}",
        (r"g(z) &= \tanh z\\", "tanh(z)", "g"),
        (r"\dv{g}{z} &= 1 - \tanh^2 z\\", "1 - tanh(z)**2", "d1"),
        (r"\dv[2]{g}{z} &= \dv{z}\qty(1 - \tanh^2 z) = -2\tanh z\,(1-\tanh^2 z)", ["diff(tanh(z), z, 2)", "diff(tanh(z), z, 2)"], "d2"),
        r"\end{align*}",
    ], note="the physics package's \\dv and \\qty; before, the last step was compared with the first derivative and called wrong"),
    Case("q08_physics_package_pdv_wrong", "tex", S, [
        r"\begin{align*}",
        (r"\sigma(z) &= \frac{1}{1+e^{-z}}\\", S, "g"),
        (r"\pdv{\sigma}{z} &= \sigma(z)\qty[1+\sigma(z)]", "sigma(z)*(1+sigma(z))", "d1"),
        r"\end{align*}",
    ], kind="sign"),
]
