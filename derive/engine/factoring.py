"""SymPy's ``factor(expr, deep=True)``, each distinct subexpression factored once.

``factor(deep=True)`` factors every node of the tree from the leaves up, then every sum
and product of the result again ("clean up any subexpressions that may have been
expanded"): a node whose children did not change is factored twice, and a radicand that
occurs twice (bent identity's sqrt(g^2 + g + 1) in a numerator and a denominator) is
factored in each place.  ``factor`` is a function of its argument alone, so one answer
per distinct subexpression gives SymPy's result exactly (tests/test_factoring.py), in
about half the time (bent identity's form: 12 -> 5 ms).
"""

from __future__ import annotations

from sympy import Add, Expr, Mul, factor
from sympy.core.traversal import bottom_up


class Factoring:
    """``factor`` with its answers kept: one per distinct expression, for one search."""

    def __init__(self) -> None:
        self.known: dict[Expr, Expr] = {}

    def __call__(self, expr: Expr) -> Expr:
        """factor(expr)."""
        if expr not in self.known:
            self.known[expr] = factor(expr)
        return self.known[expr]

    def deep(self, expr: Expr) -> Expr:
        """factor(expr, deep=True), as SymPy 1.14 works it out (``polytools.factor``)."""

        def tried(e: Expr) -> Expr:
            done = self(e)
            return done if done.is_Mul or done.is_Pow else e  # unchanged where it does not factor

        factored = bottom_up(expr, tried)
        partials = {}
        for part in factored.atoms(Mul, Add):
            done = self(part)
            if (done.is_Mul or done.is_Pow) and done != part:
                partials[part] = done
        return factored.xreplace(partials)
