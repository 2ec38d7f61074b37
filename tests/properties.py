"""Random activation-like expressions, for the property tests and benchmarks/properties.py.

Built from the catalog's building blocks: sums, products, quotients with a positive
denominator, compositions of exp, log of something positive, tanh, sigma, erf, powers,
|u| and where(...).  Kept small so that one example takes well under a second.
"""

from hypothesis import strategies as st
from sympy import Abs, Integer, Piecewise, Rational, Symbol, erf, exp, log, tanh

from derive.engine.functions import sigmoid

Z = Symbol("z", real=True)

leaves = st.one_of(
    st.just(Z), st.just(Z), st.just(2 * Z), st.just(-Z),
    st.integers(1, 3).map(Integer), st.sampled_from([Rational(1, 2), Rational(3, 2)]),
)


def _extend(inner):
    unary = st.one_of(
        inner.map(exp), inner.map(tanh), inner.map(sigmoid), inner.map(erf),
        inner.map(lambda u: log(1 + exp(u))),  # softplus: log of something positive
        inner.map(lambda u: u**2), inner.map(lambda u: u**3),
        inner.map(lambda u: 1 / (1 + u**2)),
        inner.map(Abs),
    )
    binary = st.one_of(
        st.tuples(inner, inner).map(lambda ab: ab[0] + ab[1]),
        st.tuples(inner, inner).map(lambda ab: ab[0] * ab[1]),
        st.tuples(inner, inner).map(lambda ab: ab[0] / (1 + exp(ab[1]))),
        st.tuples(inner, inner).map(lambda ab: Piecewise((ab[0], Z > 0), (ab[1], True))),
    )
    return st.one_of(unary, binary)


expressions = st.recursive(leaves, _extend, max_leaves=4).filter(lambda e: e.has(Z))
smooth_expressions = expressions.filter(lambda e: not e.has(Piecewise, Abs))
