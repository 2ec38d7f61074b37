"""When g'(z) is not a function of g(z) alone, a form in g and z.

Where ``witness`` shows that no form in g alone exists, the form in g and z is found
without storing anything per function: the definition is replaced by g where it occurs
in the derivative (swish: g + sigma(z)(1 - g)), or a function inside the definition,
which enters it linearly, is solved for and substituted (GELU: erf(z/sqrt 2) = 2g/z - 1).
The simplest candidate that is checked equal to the derivative is kept.
"""

from __future__ import annotations

from sympy import Dummy, Expr, Function, Mul, Pow, Symbol, collect, count_ops, diff, exp, expand, preorder_traversal
from sympy.core.function import AppliedUndef

from .functions import G
from .verify import compare, numeric_compare


def form_in_g_and_z(definition: Expr, derivative: Expr, var: Symbol) -> Expr | None:
    """The simplest verified F(g, z) with derivative = F(definition, z); None if none."""
    candidates = []
    # expanding a product of n factors makes 2^n terms (sigma nested n times): only small ones
    small = count_ops(derivative) <= 40
    expanded = expand(derivative) if small else derivative
    replaced = expanded.subs(definition, G) if _may_occur(definition, expanded) else expanded
    if replaced.has(G):
        candidates.append(collect(replaced, _functions(replaced)))
    for inner in _functions(definition):
        s = Dummy("s")
        with_s = definition.xreplace({inner: s})
        if _inside_a_function_or_power(with_s, s):
            continue  # not linear in s: no derivative built to see that (mish's three: 10 ms)
        slope = diff(with_s, s)
        if slope == 0 or slope.has(s):
            continue
        rest = expand(with_s - slope * s)
        solved = derivative.subs(inner, (G - rest) / slope)
        if not solved.has(inner) and solved.has(G):
            candidates.extend([solved, expand(solved)] if small else [solved])
    # a form keeps a function of the definition only when it is elementary in z: sigma(z)
    # is a fine companion of g, tanh(log(1 + e^z)) is the definition still in hiding
    hidden = {f for f in _functions(definition) if not _linear_argument(f, var)}
    for form in sorted(candidates, key=lambda f: (count_ops(f), str(f))):
        if form.atoms(Function) & hidden:
            continue
        if _equal(form.subs(G, definition), derivative, var):
            return form
    return None


def _equal(a: Expr, b: Expr, var: Symbol) -> bool:
    """a = b: at the sample points where they decide (GELU tanh's form: 3 ms, where the
    exact proof ``compare`` tries first takes 13), by ``compare`` where they do not."""
    numeric = numeric_compare(a, b, var)
    if numeric.verdict != "undecided":
        return numeric.equal
    return compare(a, b, var).equal


def _may_occur(definition: Expr, expr: Expr) -> bool:
    """False where ``expr.subs(definition, G)`` cannot find the definition in expr: a
    product is found only in a product holding each of its factors as it is (SymPy's
    Mul._eval_subs compares bases), so a factor other than a number or a power that is no
    part of expr rules it out (GELU-tanh's 1 + tanh(u) in its g': 7 ms of a search
    that finds nothing).  True where that cannot be told so simply."""
    if not isinstance(definition, Mul):
        return True
    parts = None
    for factor in definition.args:
        if factor.is_Number or factor.is_Pow or isinstance(factor, exp):
            continue  # a power matches inside another power's multiple (e^z in e^(2z))
        parts = set(preorder_traversal(expr)) if parts is None else parts
        if factor not in parts:
            return False
    return True


def _inside_a_function_or_power(expr: Expr, s: Dummy) -> bool:
    """Whether s occurs in expr inside a function or a power (as a base or an exponent):
    then expr is not linear in s (z tanh(log(1 + s)), z/s)."""
    if expr == s or not expr.has(s):
        return False
    if isinstance(expr, (Function, Pow)):
        return True
    return any(_inside_a_function_or_power(a, s) for a in expr.args)


def _linear_argument(f: Expr, var: Symbol) -> bool:
    return len(f.args) == 1 and f.args[0].is_polynomial(var) and f.args[0].as_poly(var).degree() <= 1


def _functions(expr: Expr) -> list[Expr]:
    return sorted((f for f in expr.atoms(Function) if not isinstance(f, AppliedUndef)), key=str)
