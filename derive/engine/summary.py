"""What ``derive list`` shows of an activation, without the lecture's chain: g'(z), its
form in g (or conditions on g, or a form in g and z, or the pieces' derivatives).

The full derivation (``lecture.lecture_chain``) also writes and verifies every line of
the chain, the step tree, the kinks and the quoted alternatives; the catalog table needs
none of them.  The forms come from the same searches as the full chain's, in the same
order (a proof that none exists first, then the form in g, then one in g and z), and
each form shown is checked against g'(z) as the chain's line "= F(g(z))" is: the table
built from these is the one built from full derivations (``tests/test_summary.py``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from sympy import Expr, Piecewise, Symbol

from ..errors import EngineFault
from . import in_g, piecewise
from .branches import _within
from .chain import differentiate, form_search, slope_forms
from .cases import cases_in_g
from .derivation import Branch, Derivation
from .functions import G
from .verify import compare, numeric_compare


def slopes(definition: Expr, var: Symbol, *, name: str | None = None, named: Expr | None = None) -> Derivation:
    """A Derivation with no lines: g', and its forms as the full chain finds them."""
    if piecewise.is_piecewise(definition):
        parts = piecewise.pieces(definition, var)
        if len(parts) > 1:
            branches = tuple(Branch(p.low, p.high, _within(_smooth(p.expr, var), p)) for p in parts)
            derivative = Piecewise(*((b.derivation.derivative, b.condition(var)) for b in branches))
            found = cases_in_g(branches, var)
            return Derivation(name, var, 1, definition, (), derivative, None, None, branches=branches,
                              in_terms_of_g_cases=found.cases, in_g_remark=found.remark)
    return _smooth(definition, var, name=name, named=named)


def _smooth(definition: Expr, var: Symbol, *, name: str | None = None, named: Expr | None = None) -> Derivation:
    """``chain.smooth_chain``'s forms, without its lines."""
    found = _forms(definition, var, named)
    return found if name is None else replace(found, name=name)


@lru_cache(maxsize=64)
def _forms(definition: Expr, var: Symbol, named: Expr | None) -> Derivation:
    """_smooth without a name: worked out once per definition in a process (ISRLU's z < 0
    is ISRU's definition, CELU's z < 0 with alpha = 1 ELU's)."""
    derivative = differentiate(definition, var).eval()  # each rule's result checked, as the chain's
    proof, found = form_search(definition, derivative, var, named, shown=False)  # the table has no note
    F, mixed = slope_forms(found, definition, derivative, var)
    # no scale: the table (render/catalog.py) prints 17159/10000 as it is, so LeCun's form in
    # g/1.7159 would read (g/(17159/10000)); its 17159/15000 - 20000 g^2/51477 is shorter there
    poly = in_g.polynomial_form(F) if F is not None and F.has(G) else None
    if F is not None and F.has(G):
        _checked(F.subs(G, definition), derivative, var, f"the form in g {F}")
    form = poly.written(G) if poly is not None else F
    remark = found.remark if F is None and proof is None else ""
    return Derivation(None, var, 1, definition, (), derivative, form, None,
                      in_terms_of_g_and_z=mixed, no_form_in_g=proof, in_g_remark=remark)


def _checked(a: Expr, b: Expr, var: Symbol, what: str) -> None:
    """a = b at the sample points (the chain's check of a line, numeric evidence first)."""
    numeric = numeric_compare(a, b, var)
    if numeric.verdict == "numerically equal":
        return
    if numeric.verdict == "wrong" or not compare(a, b, var).equal:
        raise EngineFault(f"{what} is not equal to g'({var}) as derived")
