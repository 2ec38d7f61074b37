"""``--format python``: NumPy code for the forward and the backward pass of an activation.

The backward takes the saved output g wherever the derivation has g' in g alone (as
PyTorch's ``sigmoid_backward(grad, output)`` and oneDNN's ``*_use_dst_for_bwd`` do),
with conditions on g for pieces when the engine found them; otherwise it takes the
input z.  At a kink it returns the slope PyTorch's backward takes there (the catalog's
side), or the left slope where the catalog names none.

All code is printed by SymPy's NumPy printer from the derivation's expressions; the
only text of the user's that reaches the code is a name, and a name that is not a
Python identifier is refused (a keyword such as ``lambda`` gets a trailing ``_``).
"""

from __future__ import annotations

import keyword
import re

from sympy import Eq, Expr, Function, Mul, Piecewise, Pow, S, Symbol, cancel, exp, log
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.precedence import PRECEDENCE, precedence

from ..engine.derivation import Derivation
from ..engine.functions import G, sigmoid
from ..errors import DeriveError

#: names the printed code uses itself: no parameter may take them
_OWN = frozenset({"z", "g", "grad", "numpy", "math", "_erf", "_erfc", "_xlogx"})
Z = Symbol("z", real=True)


class _XLogX(Function):
    """u log u, printed as ``_xlogx(u)``: 0 at u = 0, its limit, where ``u*numpy.log(u)``
    is 0 times -inf (nan) — as 1 - g is for a saturated cloglog, whose g rounds to 1."""


def _exp_over_one_plus_exp(factors: list[Expr]) -> Expr | None:
    """The exponent u where the factors hold e^u and 1/(1 + e^u) (the sigmoid σ(u)), else None."""
    exponents = {f.exp for f in factors if isinstance(f, exp)}
    for f in factors:
        if f.is_Pow and f.exp == -1 and f.base.is_Add and len(f.base.args) == 2 and S.One in f.base.args:
            other = f.base.args[0] if f.base.args[1] == S.One else f.base.args[1]
            if isinstance(other, exp) and other.exp in exponents:
                return other.exp
    return None


def _one_plus_exp(u: Expr) -> Expr | None:
    """The exponent v where u is 1 + e^v, else None."""
    if u.is_Add and len(u.args) == 2 and S.One in u.args:
        other = u.args[0] if u.args[1] == S.One else u.args[1]
        if isinstance(other, exp):
            return other.exp
    return None


class _Printer(NumPyPrinter):
    """SymPy's NumPy printer, vectorised where it falls back on ``math`` (erf), with
    ``numpy.maximum`` for max (its default ``functools.reduce`` needs an import).

    Where the plain printing overflows into nan at a saturated input, equal forms that do
    not are printed instead (each an identity, not an approximation): log(1 + e^u) as
    ``numpy.logaddexp(0, u)``; e^u/(1 + e^u) as 1/(1 + e^-u) (0 or 1 at the ends, not
    inf/inf); c u log u as ``c*_xlogx(u)``."""

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": True, "allow_unknown_functions": False})
        self.helpers: set[str] = set()

    def _print_erf(self, expr) -> str:
        self.helpers.add("erf")
        return f"_erf({self._print(expr.args[0])})"

    def _print_erfc(self, expr) -> str:
        self.helpers.add("erfc")
        return f"_erfc({self._print(expr.args[0])})"

    def _print_log(self, expr) -> str:
        v = _one_plus_exp(expr.args[0])
        if v is not None:
            return f"numpy.logaddexp(0, {self._print(v)})"
        return super()._print_log(expr)

    def _print_Mul(self, expr) -> str:
        factors = list(expr.args)
        u = _exp_over_one_plus_exp(factors)
        if u is not None:
            factors.remove(exp(u))
            factors.remove(Pow(1 + exp(u), -1))
            return self._print(Mul(sigmoid(u), *factors, evaluate=False))
        if any(isinstance(f, sigmoid) for f in factors):  # z/(1 + numpy.exp(-z)), not z*1/(...)
            return self._print(Mul(*(Pow(1 + exp(-f.args[0]), -1, evaluate=False) if isinstance(f, sigmoid) else f
                                     for f in factors), evaluate=False))
        for f in factors:
            if isinstance(f, log) and _one_plus_exp(f.args[0]) is None:
                rest = Mul(*(g for g in factors if g is not f))
                ratio = cancel(rest / f.args[0])
                if ratio.is_Number:
                    self.helpers.add("xlogx")
                    return self._print(Mul(ratio, _XLogX(f.args[0]), evaluate=False))
        return super()._print_Mul(expr)

    def _print__XLogX(self, expr) -> str:
        return f"_xlogx({self._print(expr.args[0])})"

    def _print_sigmoid(self, expr) -> str:
        # 1/(1 + e^-u) built here: rewrite(exp) would rewrite u as well (z**2 as exp(2*log(z)),
        # nan for z < 0)
        return self._print(Pow(1 + exp(-expr.args[0]), -1, evaluate=False))

    def parenthesize(self, item, level, strict=False) -> str:
        # σ(u) prints as a quotient 1/(1 + e^-u): bracketed as one wherever a quotient
        # would be (z/σ(z) is not z/1/(1 + e^-z))
        if isinstance(item, sigmoid):
            prec = PRECEDENCE["Mul"]
            if prec < level or (not strict and prec <= level):
                return f"({self._print(item)})"
            return self._print(item)
        return super().parenthesize(item, level, strict)

    def _print_Pow(self, expr, rational=False) -> str:
        if expr.exp == -1:  # 1/(1 + exp(-z)), not (1 + exp(-z))**(-1.0)
            return f"1/{self.parenthesize(expr.base, PRECEDENCE['Pow'])}"
        return super()._print_Pow(expr, rational=rational)

    def _print_Rational(self, expr) -> str:
        if len(str(expr.p)) + len(str(expr.q)) > 10:  # SELU's constants: the nearest double
            return repr(float(expr))
        return super()._print_Rational(expr)

    def _nested(self, function: str, args) -> str:
        out = self._print(args[0])
        for a in args[1:]:
            out = f"numpy.{function}({out}, {self._print(a)})"
        return out

    def _print_Max(self, expr) -> str:
        return self._nested("maximum", expr.args)

    def _print_Min(self, expr) -> str:
        return self._nested("minimum", expr.args)


_HELPERS = {
    "erf": "_erf = numpy.vectorize(math.erf, otypes=[float])",
    "erfc": "_erfc = numpy.vectorize(math.erfc, otypes=[float])",
    "xlogx": "\n".join([
        "",
        "def _xlogx(u):",
        '    """u*log(u), with its limit 0 at u = 0 (where the product is 0 times -inf)."""',
        "    u = numpy.asarray(u, dtype=float)",
        "    return numpy.where(u > 0, u * numpy.log(numpy.where(u > 0, u, 1.0)), 0.0)",
    ]),
}
#: the helpers that call ``math``
_NEED_MATH = frozenset({"erf", "erfc"})


def identifier(name: str, what: str) -> str:
    """A name as a Python identifier: separators become '_', a keyword gets a trailing '_';
    anything else that is not an identifier is refused."""
    text = re.sub(r"[ \-]+", "_", name.strip())
    if keyword.iskeyword(text):
        text += "_"
    if not text.isidentifier() or not text.isascii():
        raise DeriveError(f"--format python: the {what} {name[:40]!r} is not a Python identifier")
    return text


def python(d: Derivation, *, name: str | None = None) -> str:
    """Forward and backward, as a small module: ``NAME_forward(z)``, ``NAME_backward(grad, g)``
    (or ``(grad, z)``), each with the parameters left as symbols as keyword arguments."""
    if d.order != 1:
        raise DeriveError("--format python writes the backward pass, from g'(z): use --order 1")
    stem = _stem(d, name)
    if d.steps is None:  # softmax: a vector function, derived by its own method
        return _softmax(stem)
    names = {}
    for s in sorted(d.definition.free_symbols - {d.var}, key=lambda s: s.name):
        own = identifier(s.name, "parameter")
        if own in _OWN:
            raise DeriveError(f"--format python: the parameter {s.name!r} would clash with the code's own names "
                              f"({', '.join(sorted(n for n in _OWN if not n.startswith('_')))})")
        names[s] = Symbol(own, **s.assumptions0)
    to_code = {d.var: Z, **names}
    params = "".join(f", {s.name}" for s in names.values())
    printer = _Printer()

    # the function as named (tanh(z)) where the chain starts from a name: numpy.tanh does not
    # overflow where (e^z - e^-z)/(e^z + e^-z) does
    named = d.lines[0].rhs if d.lines and d.lines[0].rule == "name" else d.definition
    forward = printer.doprint(named.xreplace(to_code))
    saved, slope = _backward(d)
    slope = slope.xreplace(to_code)
    if slope.free_symbols:
        printed = printer.doprint(slope)
        body = f"grad * {printed}" if precedence(slope) >= PRECEDENCE["Mul"] else f"grad * ({printed})"
    else:  # a constant slope still has the input's shape
        body = f"grad * numpy.full(numpy.shape({saved}), {printer.doprint(slope)})"
    head = ["import math", "import numpy", ""] if printer.helpers & _NEED_MATH else ["import numpy", ""]
    head += [_HELPERS[h] for h in sorted(printer.helpers)] + ([""] if printer.helpers else [])
    kept = _saved_note(d, saved)
    lines = head + [
        "",
        f"def {stem}_forward(z{params}):",
        f"    return {forward}",
        "",
        "",
        f"def {stem}_backward(grad, {saved}{params}):",
        f'    """{kept}"""',
        f"    return {body}",
    ]
    return "\n".join(lines).lstrip("\n") + "\n"


def _stem(d: Derivation, name: str | None) -> str:
    """The functions' prefix: the name as typed (swish_forward for ``derive swish``), or the
    catalog's own where the typed one is no identifier (σ, typed for sigmoid)."""
    if name is not None:
        try:
            return identifier(name, "name")
        except DeriveError:
            pass
    return identifier(d.name or d.same_as or "activation", "name")


def _backward(d: Derivation) -> tuple[str, Expr]:
    """('g', F(g)) where g' is a function of g (per piece, with conditions on g), else
    ('z', g'(z)); at each kink the catalog's (PyTorch's) slope, or the left one."""
    at_kinks = [(k.framework if k.framework is not None else k.left_slope, k) for k in d.kinks]
    if d.in_terms_of_g_cases:
        # a kink whose value g also takes on a piece (min(0, z): g = 0 on all of z > 0) is
        # not told apart by g: where that piece's slope differs, the piece's case decides
        apart = [(s, k) for s, k in at_kinks
                 if not any(condition.subs(G, k.value) == True and form.subs(G, k.value) != s  # noqa: E712
                            for form, condition in d.in_terms_of_g_cases)]
        return "g", Piecewise(*((s, Eq(G, k.value)) for s, k in apart), *d.in_terms_of_g_cases)
    if d.branches:
        pieces = [(b.derivation.derivative, b.condition(d.var)) for b in d.branches]
        return "z", Piecewise(*((s, Eq(d.var, k.point)) for s, k in at_kinks), *pieces)
    if d.in_terms_of_g is not None and not d.uses_var:
        return "g", d.in_terms_of_g
    return "z", d.derivative


def _saved_note(d: Derivation, saved: str) -> str:
    if saved == "g":
        return "grad times g'(z), computed from the saved output g = forward(z)."
    if d.branches:
        return "grad times g'(z), computed from the input z (piece by piece)."
    return "grad times g'(z), computed from the input z (derive gives no form in g alone here)."


def _softmax(stem: str) -> str:
    """Softmax along the last axis; its backward is the Jacobian s_i (delta_ij - s_j)
    applied to grad: g (grad - sum_j grad_j g_j)."""
    return "\n".join([
        "import numpy",
        "",
        "",
        f"def {stem}_forward(z):",
        "    e = numpy.exp(z - numpy.max(z, axis=-1, keepdims=True))",
        "    return e / numpy.sum(e, axis=-1, keepdims=True)",
        "",
        "",
        f"def {stem}_backward(grad, g):",
        '    """grad times the Jacobian s_i (delta_ij - s_j), from the saved output g = forward(z)."""',
        "    return g * (grad - numpy.sum(grad * g, axis=-1, keepdims=True))",
    ]) + "\n"
