"""'add and subtract c' is said where a constant is added back (ELU's α e^z = α(e^z − 1) + α),
not where one is merely distributed (σ(−z)'s −(1 − σ(−z))σ(−z) = σ(−z)(−1 + σ(−z)): review4)."""

from derive import derive
from derive.render.linear import note_text


def _notes(d):
    return [note_text(line.note) for line in d.lines if line.note]


def test_sigmoid_of_minus_z_adds_and_subtracts_nothing():
    notes = " | ".join(_notes(derive("sigmoid(-z)")))
    assert "add and subtract" not in notes and "split off a factor of g(z)" in notes


def test_a_constant_added_back_is_still_said():
    # ELU with alpha: alpha e^z = alpha (e^z - 1) + alpha; CELU: e^(z/a) = 1 + a(e^(z/a) - 1)/a
    elu = " | ".join(n for b in derive("elu", symbolic=True).branches for n in _notes(b.derivation))
    assert "add and subtract α" in elu
    celu = " | ".join(n for b in derive("celu", symbolic=True).branches for n in _notes(b.derivation))
    assert "add and subtract 1" in celu
    assert "add and subtract 3" in " | ".join(_notes(derive("exp(z)+3")))
