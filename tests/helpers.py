"""Independent checks for the tests: nothing here calls derive's own verifier."""

from __future__ import annotations

import random
import re

import sympy
from sympy import Function, Symbol, exp

Z = Symbol("z", real=True)


def values_at(expr, var, points, params, digits=30):
    out = []
    for p in points:
        v = sympy.N(expr.subs(params).subs(var, sympy.Float(p, 40)), digits)
        out.append(complex(v) if v.is_number else None)
    return out


def numerically_equal(a, b, var=Z, *, count=12, seed=7) -> bool:
    """a == b at `count` random points of both signs, 30 digits, abs + rel tolerance."""
    rng = random.Random(seed)
    points = [rng.uniform(0.1, 3.5) * (-1) ** i for i in range(count)]
    free = sorted((a.free_symbols | b.free_symbols) - {var}, key=str)
    params = {s: sympy.Rational(7, 10) + i for i, s in enumerate(free)}
    for va, vb in zip(values_at(a, var, points, params), values_at(b, var, points, params)):
        assert va is not None and vb is not None
        if abs(va - vb) > 1e-20 * (1 + abs(va) + abs(vb)):
            return False
    return True


def from_json_expr(text: str, definition, var=Z):
    """A line's "expr" back to mathematics: g(z) is the definition, derivatives done.

    sympify runs only on derive's own output here, never on user input.
    """
    g = Function("g")
    expr = sympy.sympify(text, locals={"z": var, "g": g, "sigmoid": lambda u: 1 / (1 + exp(-u))})
    return expr.subs(g(var), definition).doit()


def normalise_latex(tex: str) -> str:
    """Typography the reference allows to differ: spacing, \\left/\\right, \\cdot, braces."""
    tex = tex.replace(r"\left", "").replace(r"\right", "").replace(r"\cdot", "")
    tex = re.sub(r"\s+", "", tex)
    tex = re.sub(r"\^\{([^{}])\}", r"^\1", tex)  # e^{z} -> e^z, (...)^{2} -> (...)^2
    return tex


def aligned_rows(block: str) -> list[tuple[str, str]]:
    """(lhs, rhs) of each row of an aligned block."""
    body = block.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
    rows = []
    for row in body.split(r"\\"):
        lhs, rhs = row.split("&=")
        rows.append((normalise_latex(lhs), normalise_latex(rhs)))
    return rows

