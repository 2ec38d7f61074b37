"""Rewriting g'(z) in terms of g(z) itself, by elimination.

The lecture's result g'(z) = g(z)(1 - g(z)) is what makes backpropagation cheap: it
reuses the activation computed in the forward pass.  To find such a form F with
g'(z) = F(g(z)) for an activation built from exponentials:

1. write every e^{cz} as a power of one new symbol t = e^{z/L} (L clears the
   denominators of the slopes c), so that g and g' are rational functions of t;
2. the polynomials  G den(g) - num(g)  and  D den(g') - num(g')  vanish together;
   a lexicographic Groebner basis with t first eliminates t, leaving relations
   between D = g' and G = g alone;
3. a relation of degree 1 in D gives D = F(G).

No form is stored for any function: the sigmoid's G(1 - G) and tanh's 1 - G^2 come
out of step 2.  ``exposed`` then writes F with g replaced by its definition, the line
a lecture shows just before substituting g back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from sympy import (
    Add,
    Dummy,
    Expr,
    Function,
    Mul,
    Poly,
    Pow,
    S,
    Symbol,
    UnevaluatedExpr,
    cancel,
    diff,
    exp,
    expand,
    factor_list,
    fraction,
    gcd,
    groebner,
    log,
    resultant,
    tanh,
)
from sympy.polys.polyerrors import PolificationFailed, PolynomialError

from . import forms, inversion, monotone
from .budget import IN_G_SECONDS, Budget
from .exponentials import exp_as_powers
from .functions import G, g, sigmoid
from .steps import split_fraction
from .verify import numeric_compare


@dataclass(frozen=True)
class InG:
    """What the search for g'(z) = F(g(z)) found: F, or why there is none to show."""

    form: Expr | None  # F(G), free of the variable, checked at the sample points
    inverse: Expr | None = None  # z = inverse(G), where F came from inverting g
    remark: str = ""  # no F: that one exists but is not elementary, or the time ran out


def form_in_g(definition: Expr, derivative: Expr, var: Symbol) -> Expr | None:
    """F(G) with derivative = F(definition), free of var; None where none was found."""
    return search(definition, derivative, var).form


def search(definition: Expr, derivative: Expr, var: Symbol, *, seconds: float = IN_G_SECONDS,
           shown: bool = True) -> InG:
    """F(G) with derivative = F(definition), by elimination first (the lecture's g(1 - g)),
    then by inverting g; past ``seconds`` it gives up and says so in the remark.  Without
    ``shown`` an inverse z = h(G) is used but not rewritten for a note (``inverse`` None)."""
    if not derivative.has(var):
        return InG(derivative)  # a constant slope is its own form
    budget = Budget(seconds)
    F = _through_inner(definition, derivative, var)
    if F is None:
        F = budget.run(lambda: _by_elimination(definition, derivative, var), at_most=seconds * 0.6)
    if F is not None:
        return InG(F)
    found = inversion.first_form(definition, derivative, var, budget, shown=shown)
    if found is not None and not found.needs:
        return InG(found.form, found.inverse)
    direction = budget.run(lambda: monotone.direction(definition, derivative, var), at_most=1.0)
    return InG(None, None, remark(direction, found.needs if found is not None else (), budget.ran_out,
                                  budget.too_long))


def form_by_name(named: Expr | None, definition: Expr, derivative: Expr, var: Symbol) -> InG | None:
    """The form in g read off the named function's own derivative, where that is written
    in the function itself: tanh'(z) = 1 - tanh(z)^2 with g for tanh(z) is 1 - g^2, with
    no z left.  Checked equal to g' at the sample points; None where this does not give
    one (``search`` then eliminates z), in milliseconds where the search takes twenty."""
    if named is None or not named.has(var):
        return None
    form = diff(named, var).xreplace({named: G})
    if form.has(var) or not form.has(G):
        return None
    return InG(form) if numeric_compare(form.subs(G, definition), derivative, var).equal else None


#: functions whose derivative is a polynomial in themselves: g = M(f(u)), with M a
#: fraction (a s + b)/(c s + d) and z only inside f(u), has g' rational in g wherever u'
#: is a constant
_SELF_DERIVED = (exp, tanh, sigmoid)


def _through_inner(definition: Expr, derivative: Expr, var: Symbol) -> Expr | None:
    """F(G) read off g = (a f(u) + b)/(c f(u) + d), u = kz + l, f = exp, tanh or sigmoid,
    or f(u) = z itself: f(u) = (b - d G)/(c G - a) in g' (LeCun's 1.7159 tanh(2z/3),
    ELU's e^z - 1, the bipolar sigmoid's (1 - e^{-z})/(1 + e^{-z}), softsign's pieces
    z/(1 + z)), where the elimination takes 5-30 ms to find the same polynomial.  Only a
    polynomial F is taken, checked at the sample points: a polynomial equal to g' on g's
    range is the one the elimination finds (two polynomials equal at infinitely many points
    are one)."""
    for inner in [*sorted(definition.atoms(*_SELF_DERIVED), key=str), var]:
        if inner != var and (len(inner.args) != 1 or not inner.args[0].is_polynomial(var)
                             or Poly(inner.args[0], var).degree() != 1):
            continue
        s = Dummy("s")
        with_s = definition.xreplace({inner: s})
        if with_s.has(var) or not with_s.has(s):
            continue  # z outside f(u) too
        top, bottom = with_s.as_numer_denom()
        try:
            top, bottom = Poly(top, s), Poly(bottom, s)
        except PolynomialError:
            continue
        if top.degree() > 1 or bottom.degree() > 1:
            continue
        (a, b), (c, d) = ([S.Zero] * (2 - len(p.all_coeffs())) + p.all_coeffs() for p in (top, bottom))
        if a * d - b * c == 0:
            continue
        F = derivative.xreplace({inner: (b - d * G) / (c * G - a)})
        if F.has(var) or not F.has(G):
            continue
        top, bottom = F.as_numer_denom()  # a polynomial over a polynomial: divided, not cancelled
        try:
            quotient, remainder = Poly(top, G).div(Poly(bottom, G))
        except PolynomialError:
            continue
        if not remainder.is_zero:
            continue
        F = quotient.as_expr()
        if numeric_compare(F.subs(G, definition), derivative, var).equal:
            return F
    return None


def remark(direction: int | None, needs: tuple[str, ...], ran_out: bool, too_long: bool = False) -> str:
    """Why no form in g is given, where one exists or the search stopped."""
    exists = ""
    if direction:
        exists = f"g is strictly {'increasing' if direction > 0 else 'decreasing'}, so g' is a function of g alone"
    if needs:
        return f"{exists}; " * bool(exists) + f"it needs {', '.join(sorted(set(needs)))}, which is not an elementary function"
    if too_long:
        return f"{exists}; " * bool(exists) + "the form in g derive finds is too long to show"
    if ran_out:
        return f"{exists}; " * bool(exists) + "no form in g found within the time limit"
    if exists:
        return f"{exists}, but derive found no closed form for it: z cannot be written in g with the inverses it knows"
    return ""


def _by_elimination(definition: Expr, derivative: Expr, var: Symbol) -> Expr | None:
    """A logarithm c log(u) (softplus, log-sigmoid) is handled through u = e^{g/c}: the
    elimination runs on u, and F comes out in e^{g/c}."""
    c, u = definition.as_independent(var, as_Add=False)
    if isinstance(u, log) and u.args[0].has(var):
        E = Dummy("E", positive=True)
        F = _eliminate(u.args[0], derivative, var, E)
        return None if F is None or F.has(G) else expand(F.subs(E, exp(G / c)))
    return _eliminate(definition, derivative, var, G)


def _may_hold_exponentials(expr: Expr, var: Symbol) -> bool:
    """Whether expr written in exponentials can have one of var: a function applied to var
    (exp, tanh, σ, erf...) or a power with var in its exponent; not a rational function of
    var and its square roots."""
    return (any(f.has(var) for f in expr.atoms(Function))
            or any(p.exp.has(var) for p in expr.atoms(Pow)))


def _eliminate(definition: Expr, derivative: Expr, var: Symbol, G: Symbol) -> Expr | None:
    t = Dummy("t", positive=True)
    # rewritten in exponentials only where that can give one of var: no rewriting (3 ms) of
    # bent identity's or ISRU's square roots to find none
    g_t = exp_as_powers(definition.rewrite(exp), var, t) if _may_hold_exponentials(definition, var) else None
    if g_t is not None:
        d_t = exp_as_powers(derivative.rewrite(exp), var, t)
    elif definition.is_rational_function(var) and derivative.is_rational_function(var):
        g_t, d_t = definition.subs(var, t), derivative.subs(var, t)  # softsign's pieces: z itself is t
    else:
        return None
    if d_t is None:
        return None
    D = Dummy("D")
    params = sorted((g_t.free_symbols | d_t.free_symbols) - {t}, key=lambda s: s.name)
    gn, gd = fraction(cancel(g_t))
    dn, dd = fraction(cancel(d_t))
    by_resultant = _by_resultant(G * gd - gn, D * dd - dn, t, D, G, definition, derivative, var)
    if by_resultant is not False:
        return by_resultant
    try:
        basis = groebner([G * gd - gn, D * dd - dn], t, D, G, *params, order="lex")
    except (PolificationFailed, PolynomialError):
        return None
    for relation in basis.exprs:
        if relation.has(t):
            continue
        p = Poly(relation, D)
        if p.degree() == 1:
            slope, rest = p.all_coeffs()
            return cancel(-rest / slope)
    return None


def _by_resultant(first: Expr, second: Expr, t: Dummy, D: Dummy, G: Symbol, definition: Expr, derivative: Expr,
                  var: Symbol) -> Expr | None | bool:
    """t eliminated by one resultant (milliseconds, where a lexicographic Groebner basis of a
    product of n sigmoids grows as 16^n): a factor of degree 1 in D is D = F(G), kept if it
    holds at the sample points.  None: there is no such factor, so no rational F exists;
    False: the resultant could not be taken (the Groebner basis is tried instead)."""
    try:
        relation = resultant(first, second, t)
        if relation == 0:
            return False
        factors = [f for f, _ in factor_list(relation)[1]]
    except (PolificationFailed, PolynomialError):
        return False
    for f in factors:
        if not f.has(D):
            continue
        p = Poly(f, D)
        if p.degree() != 1:
            continue
        slope, rest = p.all_coeffs()
        F = cancel(-rest / slope)
        if not F.has(t) and numeric_compare(F.subs(G, definition), derivative, var).equal:
            return F
    return None


@dataclass(frozen=True)
class PolynomialForm:
    """F(G) = constant * G^power * rest(G), rest written from its constant term up."""

    constant: Expr
    power: int
    rest: tuple[tuple[int, Expr], ...]  # (degree, coefficient), ascending
    rest_power: int = 1  # softsign's (1 - g)^2: rest is 1 - g, to the power 2
    #: rest is a polynomial in g/scale: LeCun's 1.7159 (2/3) (1 - (g/1.7159)^2), the
    #: numbers as given, not 17159/15000 - 20000 g^2/51477
    scale: Expr = S.One
    scaled_power: bool = False  # G^power written (G/scale)^power

    def written(self, g: Expr) -> Expr:
        """F with G written as g (the symbol G, or g(z)), as a lecture writes it."""
        # 1.7159 (2/3) is two factors of the product, not one bracketed factor
        parts = [] if self.constant == 1 else list(forms.factors(self.constant))
        variable = g if self.scale == 1 else Mul(g, Pow(self.scale, -1, evaluate=False), evaluate=False)
        if self.power:
            base = variable if self.scaled_power else g
            parts.append(Pow(base, self.power, evaluate=False) if self.power > 1 else base)
        if self.rest != ((0, S.One),):
            terms = [_monomial(c, variable, k) for k, c in self.rest]
            if self.rest[0][1].could_extract_minus_sign():
                terms.reverse()  # g - 1, not -1 + g: a sum starts with a positive term
            rest = Add(*terms, evaluate=False)
            parts.append(Pow(rest, self.rest_power, evaluate=False) if self.rest_power > 1 else rest)
        return Mul(*parts, evaluate=False) if len(parts) > 1 else (parts[0] if parts else S.One)


def polynomial_form(F: Expr, scale: Expr = S.One) -> PolynomialForm | None:
    """F split as a lecture writes it: g(z)(1 - g(z)) rather than g(z) - g(z)^2.  ``scale``:
    the number g's definition is a multiple of (LeCun's 1.7159), tried where F's own
    coefficients are long fractions."""
    try:
        p = Poly(F, G)
    except PolynomialError:
        return None
    if p.is_zero:
        return None
    (power,), p = p.terms_gcd()
    if p.domain.is_Numerical:
        content, primitive = p.primitive()
        # 2 g (1 - g) and (1 - g^2)/2 factor; SELU's g + 1.7581 stays a sum, not 1/(5 10^61) (...)
        simple = _simple(content)
        if not simple:
            scaled = _scaled_form(F, power, p, scale)
            if scaled is not None:
                return scaled
        constant, p = (content, primitive) if simple else (S.One, p)
    else:  # symbolic coefficients (k g - k g^2): their common factor k comes out
        constant = reduce(gcd, p.coeffs())
        p = Poly(cancel(p.as_expr() / constant), G) if constant != 1 else p
    rest_power = 1
    if p.domain.is_Numerical and p.degree() > 1:
        scale, found = p.factor_list()
        if len(found) == 1 and found[0][1] > 1:  # a perfect power: (1 + g)^2, not 1 + 2g + g^2
            (base, rest_power), = found
            constant, p = constant * scale, base
    rest = tuple(sorted((m[0], c) for m, c in p.terms()))
    negatives = sum(1 for _, c in rest if c.could_extract_minus_sign())
    if rest[0][1].could_extract_minus_sign() and 2 * negatives > len(rest):
        # 1 - g rather than -(g - 1); but g - 1 stays g - 1, not -(1 - g)
        sign = -1 if rest_power % 2 else 1
        constant, rest = sign * constant, tuple((k, -c) for k, c in rest)
    return PolynomialForm(constant, power, rest, rest_power)


def _simple(r: Expr) -> bool:
    """A fraction a reader takes in at a glance: 2, 1/2, 2/3 (not 17159/15000)."""
    return r.is_Rational and abs(r.p) <= 100 and r.q <= 100


def _scaled_form(F: Expr, power: int, p: Poly, scale: Expr) -> PolynomialForm | None:
    """F = k G^power P(G/scale), k and P's coefficients simple (P's first one positive), k
    times scale, 1 or 1/scale^power (then G^power is (G/scale)^power): F's long fractions
    come from the scale.  LeCun's 17159/15000 - 20000 G^2/51477 is 1.7159 (2/3)
    (1 - (G/1.7159)^2), its slope -40000 G/51477 is -(4/3) (G/1.7159).  None where no
    such k makes them simple."""
    if not (scale.is_Rational and not scale.is_Integer and abs(scale) != 1):
        return None
    content, primitive = Poly(p.as_expr().subs(G, scale * G), G).primitive()
    rest = tuple(sorted((m[0], c) for m, c in primitive.terms()))
    if rest[0][1].could_extract_minus_sign():
        content, rest = -content, tuple((d, -c) for d, c in rest)
    if not all(_simple(c) for _, c in rest):
        return None
    for times, inside in ((S.One, False), (scale, False), (scale ** -power, True)):
        k = content / times
        if not _simple(k) or (inside and not power):
            continue
        if times == 1:
            constant = k
        elif inside:
            constant = k  # the 1/scale^power goes inside the power: (G/scale)^power
        else:
            sign, k = (S.NegativeOne, -k) if k < 0 else (S.One, k)  # -1.7159 (16/27), not 1.7159 (-16/27)
            constant = Mul(*([sign] if sign != 1 else []), scale, *([UnevaluatedExpr(k)] if k != 1 else []),
                           evaluate=False)
        form = PolynomialForm(constant, power, rest, 1, scale, inside)
        if expand(form.written(G).doit() - F) == 0:  # exact: the same polynomial, written differently
            return form
    return None


def _monomial(coefficient: Expr, g: Expr, degree: int) -> Expr:
    if degree == 0:
        return coefficient
    power = Pow(g, degree, evaluate=False) if degree > 1 else g  # (g/1.7159)^2 kept, not g^2/1.7159^2
    return power if coefficient == 1 else Mul(coefficient, power, evaluate=False)


@dataclass(frozen=True)
class Exposure:
    """F with g written out: the line that shows where g is, and what was done to get it."""

    expr: Expr
    notes: tuple[tuple[str | Expr, ...], ...]


def exposed(form: PolynomialForm, definition: Expr, previous: Expr, var: Symbol) -> Exposure | None:
    """The line before "= F(g(z))": each factor of F with g written out.

    A factor that is a sum is combined over a common denominator without cancelling
    (the sigmoid's 1 - g becomes (1 + e^{-z} - 1)/(1 + e^{-z})).  Where that line
    would look like the previous one, the sum is left term by term instead (tanh:
    1 - (e^z - e^{-z})^2/(e^z + e^{-z})^2, "split the fraction").  None where both
    look like the previous line: there is nothing to show.
    """
    if form.rest_power > 1 or form.scale != 1:
        return None  # no line written out: the power (the scaled g) is read straight off g
    top, bottom = split_fraction(definition)
    written_g = forms.as_written(definition)
    for combine in (True, False):
        parts, notes = [], []
        if _negative_factors(previous) >= 2:
            notes.append(("cancel the signs",))
        if form.constant != 1:
            parts.append(form.constant)
        if form.power:
            parts.append(UnevaluatedExpr(_power_of(written_g, top, bottom, form.power)))
            if form.rest != ((0, S.One),):
                notes.append(("split off a factor of", g(var)))
        if form.rest != ((0, S.One),):
            rest, rest_notes = _sum_written_out(form.rest, top, bottom, combine, var)
            parts.append(UnevaluatedExpr(rest) if len(parts) else rest)
            notes.extend(rest_notes)
        line = Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]
        if not forms.same_shape(line, previous):
            return Exposure(line, tuple(notes))
    return None


def _negative_factors(line: Expr) -> int:
    unwrapped = (f.args[0] if isinstance(f, UnevaluatedExpr) else f for f in forms.factors(line))
    return sum(1 for f in unwrapped if f.could_extract_minus_sign())


def _power_of(written_g: Expr | None, top: Expr, bottom: Expr, k: int) -> Expr:
    """g^k written out: g's definition itself for k = 1 (when given), else top^k/bottom^k."""
    if k == 1 and written_g is not None:
        return written_g
    return _fraction(forms.as_written(Pow(top, k)), forms.as_written(Pow(bottom, k)))


def _fraction(top: Expr, bottom: Expr) -> Expr:
    """top/bottom, each already as written (a numerator such as 1 + e^{-z} - 1 keeps its order)."""
    if bottom == 1:
        return top
    if top == 1:
        return Pow(bottom, -1, evaluate=False)
    return Mul(top, Pow(bottom, -1, evaluate=False), evaluate=False)


def _sum_written_out(rest, top, bottom, combine: bool, var: Symbol) -> tuple[Expr, list[tuple]]:
    m = max(k for k, _ in rest)
    if not combine:
        pieces = [_scaled(c, _power_of(None, top, bottom, k)) if k else c for k, c in rest]
        return Add(*pieces, evaluate=False), [("split the fraction",)]
    numerator: list[Expr] = []
    for k, c in rest:
        piece = forms.as_written(Pow(top, k) * Pow(bottom, m - k))
        if c == 1 and isinstance(piece, Add):
            numerator.extend(forms.terms(piece))  # 1 (1 + e^{-z}) is written 1 + e^{-z}
        else:
            numerator.append(_scaled(c, piece))
    pairs = [t for t in numerator if t.is_positive and any(forms.same_shape(o, -t) for o in numerator)]
    if pairs:
        notes = [("add and subtract", pairs[0])]
    elif bottom == 1 and rest[0][0] == 0 and _added_back(rest, top, var):
        # no fraction: alpha e^z = alpha (e^z - 1) + alpha, the constant inside g added back
        notes = [("add and subtract", rest[0][1])]
    elif bottom == 1:
        notes = []  # σ(-z)(-1 + σ(-z)): no fraction, and no constant added and subtracted
    else:
        notes = [("combine over a common denominator",)]
    return _fraction(Add(*numerator, evaluate=False), forms.as_written(Pow(bottom, m))), notes


def _added_back(rest, top: Expr, var: Symbol) -> bool:
    """Whether the constant of F(g) = c0 + c1 g cancels the one inside c1 g's definition: ELU's
    alpha e^z = alpha (e^z - 1) + alpha, CELU's e^(z/a) = 1 + a (e^(z/a) - 1)/a; not σ(-z)'s
    -1 + σ(-z), where g holds no constant and nothing is added and subtracted."""
    coefficients = dict(rest)
    if set(coefficients) != {0, 1}:
        return False
    inside = expand(top).as_independent(var, as_Add=True)[0]
    return expand(coefficients[1] * inside + coefficients[0]) == 0


def _scaled(c: Expr, piece: Expr) -> Expr:
    if piece == 1:
        return c
    if c == 1:
        return piece
    if c.is_Number and piece.is_Number:
        return c * piece  # 6, not 3 (2)
    if c.is_Number and isinstance(piece, Mul) and piece.args[0].is_Number:
        return Mul(c * piece.args[0], *piece.args[1:], evaluate=False)  # -6 σ(z), not -2 (3) σ(z)
    if c == -1:
        return Mul(S.NegativeOne, piece, evaluate=False)
    return Mul(c, piece, evaluate=False)

