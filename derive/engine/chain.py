"""The lecture chain: from g(z) to g'(z) in terms of g(z), the way Module 4.9 writes it.

(a) the name and the definition;
(b) the outermost rule applied, every inner derivative still an unevaluated d/dz (...);
(c) the inner derivatives evaluated, equal factors collected into powers;
(d) the algebra that exposes g inside the result (``in_g.exposed``);
(e) g substituted back: g'(z) = F(g(z)).

Every line is verified equal to the line before it before the chain is returned; a
line that fails is an ``EngineFault``, never output.
"""

from __future__ import annotations

import time
from functools import lru_cache

from sympy import (Add, Derivative, Eq, Expr, Mul, Pow, S, Symbol, UnevaluatedExpr, cancel, count_ops, diff,
                   preorder_traversal)

from ..errors import EngineFault
from . import floats, forms, g_and_z, in_g, rational
from . import rules as R
from .derivation import Derivation, Line, Note
from .functions import G, g
from .rules import LINEAR, rule_title  # with the rules: derive check names them without the chain's imports
from .steps import find_rule
from .verify import POINTS, compare, numeric_compare, time_limit
from .witness import Witness, witness

#: seconds for all the proofs of one chain's lines together
PROOF_SECONDS = 4.0


def smooth_chain(definition: Expr, var: Symbol, *, name: str | None = None, named: Expr | None = None) -> Derivation:
    """The chain (a)-(e) for a definition given by one formula."""
    gz, dg = g(var), Derivative(g(var), var)
    tree = differentiate(definition, var)
    derivative = tree.eval()
    lines: list[tuple[Expr | None, Expr, str, Note]] = []

    written = forms.as_written(definition)
    if named is not None:
        lines.append((gz, named, "name", (("the name",),)))
        lines.append((None, written, "definition", (("its definition",),)))
    else:
        lines.append((gz, written, "definition", (("the definition",),)))

    rule_lines, evaluated = derivative_lines(tree, var, dg)
    lines.extend(rule_lines)

    proof, found = form_search(definition, derivative, var, named)
    F, mixed = slope_forms(found, definition, derivative, var)
    poly = in_g.polynomial_form(F, definition.as_coeff_Mul()[0]) if F is not None and F.has(G) else None
    substitute: Note = (("substitute", gz),)
    if found.inverse is not None:  # z = h(g): say which inverse was substituted
        substitute += (("with", Eq(var, found.inverse.subs(G, gz), evaluate=False)),)
    if found.form is not None and poly is not None:
        exposure = in_g.exposed(poly, definition, evaluated, var) if found.inverse is None else None
        if exposure is not None:
            lines.append((None, exposure.expr, "expose-g", exposure.notes))
        lines.append((None, poly.written(gz), "in-g", substitute))
    elif F is not None and (F.has(G) or found.form is None):
        written = poly.written(gz) if poly is not None else forms.as_written(F.subs(G, gz))
        lines.append((None, written, "in-g", substitute))
    elif mixed is not None:
        lines.append((None, forms.as_written(mixed.subs(G, gz)), "in-g-and-z",
                      (("substitute", gz), (var, "remains"))))

    checked = _verified(lines, definition, derivative, var)
    # the form the API, the JSON and derive list give: F's own numbers (17159/15000), which
    # evaluate as they stand; the chain's line writes them as given (1.7159 (2/3))
    plain = in_g.polynomial_form(F) if poly is not None and poly.scale != 1 else poly
    form = plain.written(G) if plain is not None else F
    remark = found.remark if F is None and proof is None else ""
    return Derivation(name, var, 1, definition, checked, derivative, form, tree,
                      in_terms_of_g_and_z=mixed, no_form_in_g=proof, in_g_remark=remark)


def form_search(definition: Expr, derivative: Expr, var: Symbol, named: Expr | None = None, *, shown: bool = True
                ) -> tuple[Witness | None, in_g.InG]:
    """The proof that no form in g exists (two points with equal g and different g'), or
    the form: read off the name where it can be, else by the search (with ``shown``, the
    inverse z = h(G) it used, written for the chain's note)."""
    proof = witness(definition, derivative, var) if derivative.has(var) else None
    if proof is not None:
        return proof, in_g.InG(None)  # no search then
    return None, (in_g.form_by_name(named, definition, derivative, var)
                  or in_g.search(definition, derivative, var, shown=shown))


def slope_forms(found: in_g.InG, definition: Expr, derivative: Expr, var: Symbol) -> tuple[Expr | None, Expr | None]:
    """(F in g, F in g and z): the search's form; where it found none, a form in g and z,
    which is a form in g after all where no z is left in it."""
    if found.form is not None:
        return forms.sign_into_sum(found.form), None
    mixed = g_and_z.form_in_g_and_z(definition, derivative, var)
    if mixed is not None and not mixed.has(var):
        return mixed, None
    return None, mixed


def derivative_lines(tree: R.Rule, var: Symbol, lhs: Expr) -> tuple[list, Expr]:
    """Lines (b) and (c): the outer rule applied, then its inner derivatives evaluated.

    Returns the lines and the last of them (the derivative as evaluated)."""
    inner: dict[Derivative, R.Rule] = {}
    applied = _outer_applied(tree, var, inner)
    if not inner:
        evaluated = _decimal_kept(tree, applied) or forms.as_written(tree.eval())
        return [(lhs, evaluated, tree_rule_id(tree), ((rule_title(tree),),))], evaluated
    evaluated, collected = _evaluate_inner(applied, inner)
    facts = tuple((Eq(d, forms.as_written(rule.eval()), evaluate=False),) for d, rule in inner.items())
    note = facts + ((("collect equal factors into squares",),) if collected else ())
    return [(lhs, applied, tree_rule_id(tree), ((rule_title(tree),),)),
            (None, evaluated, "evaluate-inner", note)], evaluated


#: where a rule's result is confirmed against the complex-step derivative of its input
CONFIRMING_POINTS = tuple(float(p) for p in POINTS)


def differentiate(expr: Expr, var: Symbol) -> R.Rule:
    """The step tree of d/d(var) expr, each node's result checked: against the complex-step
    derivative of its input at 12 points where floats can take it (engine/floats.py),
    otherwise against ``sympy.diff`` (building SymPy's derivative of tanh's quotient costs
    15 ms of a cold command)."""
    tree = find_rule(expr, var)
    _check_tree(tree, var)
    return tree


def _check_tree(rule: R.Rule, var: Symbol) -> None:
    for sub in rule.substeps:
        _check_tree(sub, var)
    if rule.var != var:
        return  # d/du f(u) of a chain rule: checked through its parent, whose var is var
    result = rule.eval()
    if floats.slope_confirmed(result, rule.expr, var, CONFIRMING_POINTS):
        return  # equal to an independent derivative at 12 points: SymPy's is not needed
    # a long result is sampled first: expanding mish's 10th derivative's difference takes 4 s;
    # and its input differentiated in a polynomial ring where it is a fraction of one (1.4 s
    # of SymPy's diff of mish's 11th derivative, 20 ms so)
    long = not _fewer_nodes(result, EXPAND_NODES)
    in_ring = rational.fraction_of(rule.expr, var) if long and not rule.expr.has(g) else None
    expected = in_ring.derivative().as_expr() if in_ring is not None else diff(rule.expr, var)
    if result == expected:
        return
    if not long and (result - expected).expand() == 0:
        return
    sampled, sampled_expected = result, expected
    if result.has(g) or expected.has(g):
        sampled, sampled_expected = _g_as_variables(result, var), _g_as_variables(expected, var)
    sampling = numeric_compare(sampled, sampled_expected, var)
    if sampling.equal:
        return
    if long and sampling.verdict != "wrong" and (result - expected).expand() == 0:
        return  # the points could not be evaluated: the proof decides
    raise EngineFault(f"the {rule.title} gave {result} for d/d{var} {rule.expr}, SymPy gives {expected}")


#: nodes beyond which a rule's result is sampled before its difference from SymPy's is expanded
EXPAND_NODES = 400


def _fewer_nodes(expr: Expr, limit: int) -> bool:
    """Whether expr has fewer than ``limit`` nodes, counting no further than that."""
    count = 0
    for _ in preorder_traversal(expr):
        count += 1
        if count >= limit:
            return False
    return True


#: g'(z) in a check of d/dz F(g(z)): a value of its own (a parameter's, in the sampling)
_SLOPE = Symbol("g_slope")


def _g_as_variables(expr: Expr, var: Symbol) -> Expr:
    """expr with g(var) and g'(var) as independent variables (g as var, g' as a parameter).

    The derivative of a form in g, F(g(z)), is F'(g(z)) g'(z): an identity in g and g'
    holds for every value of the two, and g itself cannot be evaluated at a point."""
    return expr.xreplace({Derivative(g(var), var): _SLOPE}).xreplace({g(var): var})


def tree_rule_id(rule: R.Rule) -> str:
    if isinstance(rule, R.ChainRule):
        return f"{rule.outer.id}+chain"
    return rule.id


def _outer_applied(rule: R.Rule, var: Symbol, inner: dict[Derivative, R.Rule]) -> Expr:
    """Line (b): the rule applied, inner derivatives left as d/dz (...), recorded in ``inner``."""

    def show(sub: R.Rule) -> Expr:
        if isinstance(rule, LINEAR):
            return _outer_applied(sub, var, inner)
        if _is_trivial(sub, var):
            return forms.as_written(sub.eval())
        d = Derivative(forms.as_written(sub.expr), var)
        inner[d] = sub
        return d

    return rule.formula(show)


def _decimal_kept(tree: R.Rule, applied: Expr) -> Expr | None:
    """c f'(u) u' with the given constant c in front (LeCun's 1.7159 (2/3) (1 - tanh(2z/3)^2)),
    where c is a fraction that multiplied into the sum f'(u) would make long fractions of
    every term (17159/15000 - 17159 tanh(2z/3)^2/15000); None elsewhere."""
    c = getattr(tree, "constant", None)
    if not isinstance(tree, R.ConstantMultipleRule) or not (c.is_Rational and not c.is_Integer):
        return None
    if not tree.eval().is_Add or not isinstance(applied, Mul):
        return None
    factors = forms.factors(applied)
    k = Mul(*(f for f in factors if f.is_Number)) / c  # the rule's c times the chain's u' = 2/3
    rest = [forms.as_written(f) for f in factors if not f.is_Number]
    if not k.is_Rational or not rest:
        return None
    return Mul(c, *([UnevaluatedExpr(k)] if k != 1 else []), *rest, evaluate=False)


def _is_trivial(rule: R.Rule, var: Symbol) -> bool:
    """Constants, z, c z and elementary functions of z itself (e^z, z^n, sin z): their
    derivative is read off a table, not worked out, so no d/dz (...) is left for it."""
    if not rule.substeps:
        return True
    return rule.expr.as_independent(var, as_Add=False)[1] == var


def _evaluate_inner(line: Expr, inner: dict[Derivative, R.Rule]) -> tuple[Expr, bool]:
    """Line (c): each d/dz (...) replaced by its value; a value equal to another factor
    of the same product is collected into a power (the v (d/dz u) = v v = v^2 of tanh)."""
    collected = False

    def walk(expr: Expr) -> Expr:
        nonlocal collected
        if expr in inner:
            return forms.as_written(inner[expr].eval())
        if isinstance(expr, Mul):
            out: list[Expr] = []
            for f in expr.args:
                if f not in inner:
                    out.append(walk(f))
                    continue
                value = forms.as_written(inner[f].eval())
                if value.is_Number:  # a number joins the product's coefficient: -z (-1) is z
                    k = next((i for i, o in enumerate(out) if o.is_Number), None)
                    if k is None:
                        out.insert(0, value)
                    else:
                        out[k] = out[k] * value
                    out = [o for o in out if o != 1]
                    continue
                same = next((i for i, o in enumerate(out) if o == value), None)
                if same is not None:
                    out[same] = Pow(value, 2, evaluate=False)
                    collected = True
                elif value != 1:
                    out.append(UnevaluatedExpr(value))
            return Mul(*out, evaluate=False) if len(out) > 1 else (out[0] if out else S.One)
        if isinstance(expr, Add):
            return Add(*(t for a in expr.args for t in forms.terms(walk(a))), evaluate=False)
        if isinstance(expr, Pow):
            return Pow(walk(expr.base), expr.exp, evaluate=False)
        if not expr.args or expr.is_Atom:
            return expr
        return expr.func(*(walk(a) for a in expr.args))

    return walk(line), collected


def _verified(lines, definition: Expr, derivative: Expr, var: Symbol) -> tuple[Line, ...]:
    """Each line checked equal to the one before; a line whose left-hand side is g^(k)(z)
    is checked against the true k-th derivative instead (g'(z) against ``derivative``).
    The first line, g(z) = its definition, is what everything else is checked against."""
    gz = g(var)
    as_math = {gz: definition}
    out: list[Line] = []
    previous: Expr | None = None
    # proofs share one budget: past it a line rests on its numeric evidence (tanh's order 12
    # has a dozen long lines, each proof attempt otherwise bounded by itself only)
    proofs_end = time.process_time() + PROOF_SECONDS  # CPU time, as time_limit counts
    for lhs, rhs, rule, note in lines:
        value = rhs.xreplace(as_math).doit()
        if isinstance(lhs, Derivative):  # a new left-hand side starts from what it names
            k = lhs.derivative_count
            previous = derivative if k == 1 else derivative_of_order(definition, var, k)
        check = None
        if previous is not None:
            seconds = min(1.0, max(0.05, (proofs_end - time.process_time()) / 1.5))
            check = compare(value, previous, var, seconds=seconds)
            if not check.equal:
                raise EngineFault(f"line {len(out) + 1} ({rule}) is not equal to the line before it: {rhs}")
        out.append(Line(lhs, rhs, rule, note, check))
        previous = value
    return tuple(out)


@lru_cache(maxsize=64)
def derivative_of_order(definition: Expr, var: Symbol, k: int) -> Expr:
    """SymPy's k-th derivative, one order at a time, each over a common denominator where
    that is quick and shorter: diff(tanh in exponentials, z, 12) takes 13 s, this 1.5 s."""
    if k <= 3:  # SymPy's own form, as a reader expects it, and quick at low orders
        return diff(definition, var, k)
    return _one_at_a_time(definition, var, k)[0]


@lru_cache(maxsize=64)
def _one_at_a_time(definition: Expr, var: Symbol, k: int) -> tuple[Expr, int, rational.Fraction | None]:
    """(the k-th derivative, how many orders in a row ``cancel`` did not shorten, the
    derivative as a fraction in a polynomial ring where it is cancel's), from the (k-1)-th,
    kept: order n asks for orders n - 1 and n, and each would otherwise differentiate n
    times from the definition.

    Where the derivative before is the cancelled fraction P/Q of a ring whose generators'
    derivatives stay in it (mish's z, e^z, tanh(ln(1 + e^z))), the next is worked out in
    the ring (``engine/rational.py``): the same fraction ``diff`` and ``cancel`` give, in
    milliseconds instead of seconds.  Otherwise ``cancel`` gets up to ``CANCEL_SECONDS``
    (where it gave up at 0.5 s, mish's every later order tripled in length: the 12th
    673,000 characters, 8,400 cancelled); after a time-out it is not tried again, nor from
    order ``CANCEL_TRIALS`` + 4 on where it shortened none of the last ``CANCEL_TRIALS``
    (gelu tanh, a polynomial in z and tanh: 2.8 s of its 12th order, every result longer)."""
    if k == 0:
        return definition, 0, None
    before, misses, ring = _one_at_a_time(definition, var, k - 1)
    if ring is not None:
        ring = ring.derivative()
        return ring.as_expr(), 0, ring
    out = diff(before, var)
    if misses == GIVEN_UP or (k >= CANCEL_TRIALS + 4 and misses >= CANCEL_TRIALS):
        return out, GIVEN_UP, None
    try:
        with time_limit(CANCEL_SECONDS):
            shorter = cancel(out)
    except TimeoutError:
        return out, GIVEN_UP, None
    if count_ops(shorter) >= count_ops(out):
        return out, misses + 1, None
    # cancelled: the next orders in the ring, if it holds the generators' derivatives
    ring = rational.fraction_of(shorter, var)
    if ring is not None and ring.as_expr() != shorter:
        ring = None  # not quite cancel's form: the orders after stay SymPy's
    return shorter, 0, ring


#: ``cancel`` is not tried again (``_one_at_a_time``)
GIVEN_UP = -1
#: orders in a row after which a ``cancel`` that shortened none is not tried again
CANCEL_TRIALS = 2
#: the longest ``cancel`` of one derivative in ``derivative_of_order``
CANCEL_SECONDS = 2.5
