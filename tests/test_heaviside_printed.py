"""The step function prints as derive reads it back (review4: 'θ(z, 0)' read as a product,
its 0 a mystery): heaviside(z) in text and one-line notation, \\operatorname{heaviside} in LaTeX."""

from sympy import Heaviside

from derive import derive
from derive.api import check
from derive.engine.functions import variable
from derive.linear import linear
from derive.render.latex import aligned

z = variable("z")


def test_heaviside_prints_as_it_is_read():
    assert linear(z * Heaviside(z, 0)) == "z·heaviside(z)"
    d = derive("heaviside(z)*z")
    assert d.definition.has(Heaviside)
    assert r"\operatorname{heaviside}(z)" in aligned(d) and r"\theta" not in aligned(d)


def test_the_latex_chain_checks_back(tmp_path):
    d = derive("heaviside(z)*z")
    # ReLU written with the step function: g' is 0 for z < 0 and 1 for z > 0 (by hand)
    assert d.derivative.subs(z, -1.5) == 0 and d.derivative.subs(z, 2) == 1
    path = tmp_path / "relu.tex"
    path.write_text(aligned(d).replace("aligned", "align*"))
    assert check(str(path))["valid"] is True
