"""Notation that reads two ways: derive must say so (unreadable with a hint), never pick one."""
from harness import Case

CASES = [
    Case("x01_tanh_z_over_2_unbracketed", "txt", "tanh(z/2)", [
        ("g(z) = tanh z/2", "tanh(z/2)", "g"),
        ("g'(z) = sech^2(z/2)/2", "sech(z/2)**2/2", "d1"),
    ], note="the author means tanh(z/2) (then the chain is right); read as tanh(z)/2 line 2 was called wrong: unreadable, never guessed"),
    Case("x02_equation_number_one_space", "txt", "tanh(z)", [
        ("g(z) = tanh(z)", "tanh(z)", "g"),
        ("g'(z) = 1 - g(z)^2 (2)", "1 - tanh(z)**2", "d1"),
    ], note="(2) one space away: an equation number (the author's meaning, then right) or a factor 2: unreadable"),
    Case("x03_exp_loose_argument_before_slash", "tex", "log(1 + exp(z))", [
        r"\begin{align*}",
        (r"g(z) &= \ln(1+e^z)\\", "log(1 + exp(z))", "g"),
        (r"g'(z) &= \exp z/(1+\exp z)", "exp(z)/(1+exp(z))", "d1"),
        r"\end{align*}",
    ], note="\\exp z/(1+\\exp z): exp(z)/(...) as meant here, but \\tanh z/2 is often tanh(z/2): unreadable with a hint"),
]
