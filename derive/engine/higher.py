"""Derivatives of order n, the way a lecture continues once g' is known in g.

With g'(z) = F(g(z)), the next derivative needs no new calculus on the definition:

    g''(z) = d/dz F(g(z)) = F'(g(z)) g'(z) = F'(g(z)) F(g(z))

so the chain differentiates the previous form in g (product and chain rules, with
d/dz g(z) = g'(z)), substitutes g'(z) = F(g(z)), and writes the result as the factors
F_{n-1}'(g) and F(g): the sigmoid's g(1 - g)(1 - 2g), tanh's -2g(1 - g^2).  Without a
form in g, the derivative of order n - 1 is differentiated as it stands.  Every line
is checked against the line before it and the first against SymPy's n-th derivative.
"""

from __future__ import annotations

from dataclasses import replace

from sympy import cancel, count_ops, Derivative, Expr, factor, Mul, Piecewise, S, Symbol, UnevaluatedExpr, diff, expand

from ..errors import DeriveError, EngineFault
from . import forms, in_g, inversion
from .budget import IN_G_SECONDS, Budget
from .cases import cases_in_g
from .chain import _verified, derivative_lines, derivative_of_order, differentiate
from .derivation import Derivation, Line
from .functions import G, g
from .verify import compare

MAX_ORDER = 12


def higher_order(first: Derivation, n: int) -> Derivation:
    if n > MAX_ORDER:
        raise DeriveError(f"--order {n}: at most {MAX_ORDER} is supported")
    if first.steps is None:
        raise DeriveError(f"{first.name}: --order applies to activations of one variable")
    if first.branches:
        return _piecewise(first, n)
    var = first.var
    gz = g(var)
    F = first.in_terms_of_g
    # LeCun's 1.7159: the forms written in g/1.7159 where order 1's is (1 elsewhere: as before)
    scaled = in_g.polynomial_form(F, first.definition.as_coeff_Mul()[0]) if F is not None and F.has(G) else None
    scale = scaled.scale if scaled is not None else S.One
    nth = derivative_of_order(first.definition, var, n)
    forms_in_g = _forms(F, n) if F is not None else None
    previous_form = forms_in_g[n - 2] if forms_in_g is not None else None
    lines: list[tuple] = []
    if previous_form is not None:
        written = _product_form(forms_in_g[n - 3], F, gz, scale) if n > 2 else _written(F, gz, scale)
        lines.append((_d(gz, var, n - 1), written, "previous-order", (("the derivative of order", n - 1, "in g"),)))
        start = Derivative(UnevaluatedExpr(written), var)
        lines.append((_d(gz, var, n), start, "differentiate-form", (("differentiate both sides",),)))
        tree = differentiate(written, var)  # the steps behind the chain: d/dz of the form in g
        rule_lines, evaluated = derivative_lines(tree, var, None)
        lines.extend(rule_lines)
        substituted = _substituted(evaluated, Derivative(gz, var), UnevaluatedExpr(_written(F, gz, scale)), scale)
        if substituted != evaluated:  # a constant slope (ReLU's pieces) has no g'(z) left to replace
            lines.append((None, substituted, "substitute-derivative",
                          (("substitute", Derivative(gz, var), "=", _written(F, gz, scale)),)))
        product = _product_form(previous_form, F, gz, scale)
        # equal shapes once evaluated, but (g - 1)(g - 1)^2 is shown collected as (g - 1)^3
        if not forms.same_shape(product, substituted) or _collects(previous_form, F):
            lines.append((None, product, "in-g", (("collect the factors",),)))
        form = _product_form(previous_form, F, G)  # F's own numbers, as order 1's (chain.py)
        mixed = proof = None
        remark = ""
    else:
        below = derivative_of_order(first.definition, var, n - 1)
        lines.append((_d(gz, var, n - 1), forms.as_written(below), "previous-order",
                      (("the derivative of order", n - 1),)))
        tree = differentiate(below, var)
        rule_lines, evaluated = derivative_lines(tree, var, _d(gz, var, n))
        lines.extend(rule_lines)
        # g' may need z while g'' does not (the Gaussian: z^2 = -ln g): invert g and see
        budget = Budget(IN_G_SECONDS)
        found = inversion.form_by_inversion(first.definition, nth, var, budget) if nth.has(var) else None
        # a constant (z^2's g'' = 2) is a form in g: no inversion needed
        form = found.form if found is not None else (nth if not nth.has(var) else None)
        too_long = form is not None and not _fits(form)
        if too_long:
            form = None
        if form is not None:
            written = _written(form, gz)
            if not forms.same_shape(written, evaluated):
                lines.append((None, written, "in-g", (("substitute", gz),)))
        # forms in g and z of higher derivatives are rarely simpler than the derivative: none is shown
        mixed = proof = None
        remark = "" if form is not None else in_g.remark(None, (), budget.ran_out, budget.too_long or too_long)
    checked = _verified(lines, first.definition, first.derivative, var)
    return replace(first, order=n, lines=checked, derivative=nth, in_terms_of_g=form,
                   in_terms_of_g_and_z=mixed, no_form_in_g=proof, in_g_remark=remark,
                   steps=tree)


def _substituted(line: Expr, old: Expr, new: Expr, scale: Expr) -> Expr:
    """g'(z) replaced by its form in g; where that form is written in g/scale (LeCun's), the
    line's numbers stay as written (1.7159 (2/3) (-2), not -3.4318 (2/3))."""
    return forms.replaced(line, old, new) if scale != 1 else line.xreplace({old: new})


def _shorter(piece: Expr) -> Expr:
    """A piece's derivative over one denominator where that is shorter: softsign's
    2/(1 - z)^3, not 2 (-z/(z - 1) + 1)/(z - 1)^2 (review4 S2 9)."""
    if not piece.is_rational_function():
        return piece
    combined = factor(cancel(piece))
    return combined if count_ops(combined) < count_ops(piece) else piece


def _d(gz: Expr, var: Symbol, order: int) -> Expr:
    return gz if order == 0 else Derivative(gz, (var, order))


def _forms(F: Expr, n: int) -> list[Expr] | None:
    """[F_1, ..., F_n] with g^(k)(z) = F_k(g(z)), F_k = F_{k-1}' F; or None where F_n is longer than a page holds (``MAX_OPS``).

    Differentiating a long form in g (bent identity's, through nested roots) gives
    thousands of operations: the derivative in z is shown instead.  The forms are
    checked as they grow, so that a form already four pages long is not expanded
    further (bent identity's F_3: 16 s of ``expand`` to find it too long)."""
    out = [F]
    for k in range(2, n + 1):
        product = diff(out[-1], G) * F
        if count_ops(product) > 4 * inversion.MAX_OPS:
            return None  # expanding makes it no shorter than a page: too long either way
        out.append(expand(product))
        if count_ops(out[-1]) > (inversion.MAX_OPS if k == n else 4 * inversion.MAX_OPS):
            return None
    return out if _fits(out[-1]) else None


def _fits(form: Expr) -> bool:
    """A polynomial in g is broken across lines at its signs; a fraction or a root is not,
    and is shown only where it fits on one."""
    return form.is_polynomial(G) or len(str(form)) <= FRACTION_CHARACTERS


#: the longest form in g that is not a polynomial in g shown at a higher order: a line of
#: notes (bent identity's g'', a fraction over a sum of 120 characters, is not shown)
FRACTION_CHARACTERS = 100


def _written(F: Expr, gz: Expr, scale: Expr = S.One) -> Expr:
    poly = in_g.polynomial_form(F, scale) if F.has(G) else None
    return poly.written(gz) if poly is not None else forms.as_written(F.subs(G, gz))


def _collects(previous: Expr, F: Expr) -> bool:
    """Whether F_{n-1}'(g) and F(g) share their factor besides g (softsign's 1 + g)."""
    slope = expand(diff(previous, G))
    if slope == 0 or F == 0:
        return False
    first, second = in_g.polynomial_form(F), in_g.polynomial_form(slope)
    return first is not None and second is not None and first.rest == second.rest and first.rest != ((0, 1),)


def _product_form(previous: Expr, F: Expr, gz: Expr, scale: Expr = S.One) -> Expr:
    """F_{n-1}'(g) F(g), each factor written as a lecture writes it: F's own factors first;
    where F is written in g/scale (LeCun's), the product is one such form: -(8/9) g
    (1 - (g/1.7159)^2)."""
    slope = expand(diff(previous, G))
    if slope == 0 or F == 0:
        return S.Zero  # ReLU's pieces: 0, not 0*0
    whole = in_g.polynomial_form(expand(slope * F), scale) if scale != 1 else None
    if whole is not None and whole.scale != 1:
        return whole.written(gz)
    first, second = in_g.polynomial_form(F), in_g.polynomial_form(slope)
    if first is None or second is None:
        return Mul(_written(slope, gz), _written(F, gz), evaluate=False)
    constant = first.constant * second.constant
    power = first.power + second.power
    parts = [] if constant == 1 else [constant]
    if power:
        parts.append(gz**power)
    if _collects(previous, F):  # softsign'': 2 (1 + g)^3, not 2 (1 + g)^2 (1 + g)
        parts.append(in_g.PolynomialForm(1, 0, first.rest, first.rest_power + second.rest_power).written(gz))
    else:
        for part in (first, second):
            rest = in_g.PolynomialForm(1, 0, part.rest, part.rest_power)
            if part.rest != ((0, 1),):
                parts.append(rest.written(gz))
    return Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]


def _piecewise(first: Derivation, n: int) -> Derivation:
    branches = tuple(replace(b, derivation=higher_order(b.derivation, n)) for b in first.branches)
    var = first.var
    derivative = Piecewise(*((b.derivation.derivative, b.condition(var)) for b in branches))
    head = [line for line in first.lines if line.lhs is None or line.lhs == g(var)]
    head = list(head[: next((i for i, line in enumerate(head[1:], 1) if line.lhs is not None), len(head))])
    # unevaluated: equal pieces stay one per interval (0 for z < 0, 0 for z > 0), not "0 for z > 0 or z < 0"
    written = Piecewise(*((forms.as_written(_shorter(b.derivation.derivative)), b.condition(var)) for b in branches),
                        evaluate=False)
    check = compare(written, diff(first.definition, var, n), var)
    if not check.equal:
        raise EngineFault(f"the order-{n} derivative of the pieces does not match: {written}")
    line = Line(Derivative(g(var), (var, n)), written, "piecewise", (("each piece differentiated on its open interval",),),
                check)
    found = cases_in_g(branches, var, order=n)
    return replace(first, order=n, lines=(*head, line), derivative=derivative, branches=branches, kinks=(),
                   in_terms_of_g=None, in_terms_of_g_cases=found.cases, in_g_remark=found.remark)
