"""The SymPy objects derive adds: the logistic function and the activation placeholder g.

SymPy has no logistic function of its own; ``sigmoid`` is one, with its derivative
(``fdiff``), its definition (``rewrite(exp)``) and numeric evaluation, so that it can
be differentiated, named in a first line ``g(z) = sigma(z)`` and evaluated like any
built-in function.
"""

from __future__ import annotations

from sympy import Function, Symbol, exp

#: The activation function itself, as the lecture writes it: ``g(z)``.
g = Function("g")

#: The symbol that stands for g in a form F with g'(z) = F(g) (JSON ``in_terms_of_g``).
G = Symbol("g")


def variable(name: str = "z") -> Symbol:
    """The input of an activation: a real symbol, so that |z| and sign(z) behave."""
    return Symbol(name, real=True)


class sigmoid(Function):
    """The logistic function sigma(u) = 1/(1 + e^{-u})."""

    nargs = 1

    def fdiff(self, argindex: int = 1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 1 / (1 + exp(-u))

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        if self.args[0].is_real:
            return True
        return None
