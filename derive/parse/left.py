"""What the left side of ``... = ...`` in a hand derivation names.

``g(z)``, ``f(x)``, ``\\sigma(x)``, ``y``: the function (order 0); ``g'(z)``, ``g^{\\prime}(z)``,
``g^{(3)}(z)``, ``\\frac{dg}{dz}``, ``\\frac{d g(z)}{dz}``, ``\\frac{\\partial g}{\\partial z}``,
``\\frac{d^2}{dz^2} g(z)``, ``dy/dx``: its derivative of that order (SymPy's ``\\sigma{\\left(z \\right)}`` is
``\\sigma(z)``); ``\\frac{d}{dx}\\left[...\\right]``
and ``d/dx (...)``: the derivative of an expression.  Anything else is not a left side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ParseError
from .latex import tokenize_latex
from .tokens import GREEK, tokenize

#: names a function may have: a letter (not d or e), a Greek letter, tanh, sigmoid
#: (an activation's own name too: ReLU(z) = max(0, z), \operatorname{softplus}(z) = ...)
_ACTIVATIONS = "|".join(sorted({v for n in ("relu", "softplus", "gelu", "silu", "swish", "mish", "elu", "selu", "softsign")
                                for v in (n, n.upper(), n.capitalize(), {"relu": "ReLU", "silu": "SiLU"}.get(n, n))},
                               key=lambda n: (-len(n), n)))
_NAME = (r"(?P<name>%s|[A-Za-ce-z]|alpha|beta|gamma|delta|epsilon|kappa|lambda|mu|theta|tau|phi|sigma|eta|xi|rho|nu|omega|tanh|sigmoid)" % _ACTIVATIONS)
_VAR = r"(?P<var>[A-Za-z])"


def _order_of(group: str) -> str:
    return rf"(?: \^ (?:\{{ )?(?P<{group}>\d+)(?: \}})?)?"


#: g^{(3)}(z) in LaTeX, g^(3)(z) and g⁽³⁾(z) typed: the third derivative
_LAGRANGE = re.compile(rf"{_NAME}(?P<primes>(?: ')*)(?: \^ (?P<brace>\{{ )?\( (?P<k>\d+) \)(?(brace) \}}))?"
                       rf"(?: \( {_VAR} \)| (?P<loose>[A-Za-z]))?")
#: functions whose argument may be written without brackets: \tanh x
_LOOSE = {"tanh", "sigma", "sigmoid"}
_FRAC_NAMED = re.compile(rf"\\frac \{{ d{_order_of('k1')} {_NAME}(?: \( (?P<var0>[A-Za-z]) \))? \}} "
                         rf"\{{ d {_VAR}{_order_of('k2')} \}}")
_FRAC_OPERATOR = re.compile(rf"\\frac \{{ d{_order_of('k1')} \}} \{{ d {_VAR}{_order_of('k2')} \}} (?P<rest>.+)")
_PLAIN_NAMED = re.compile(rf"d{_order_of('k1')} {_NAME}(?: \( (?P<var0>[A-Za-z]) \))? / d {_VAR}{_order_of('k2')}")
_PLAIN_OPERATOR = re.compile(rf"d{_order_of('k1')} / d {_VAR}{_order_of('k2')} (?P<rest>.+)")
_BRACKETED = [("(", ")"), ("[", "]"), ("\\{", "\\}"), ("{", "}")]


@dataclass(frozen=True)
class LeftSide:
    kind: str  # "function" (the function or its derivative) or "expression" (d/dz of an expression)
    order: int
    name: str | None = None  # the function's name as the grammar reads it: g, f, sigma, tanh, y
    var: str | None = None  # the variable, where the left side writes it


def left_side(text: str, latex: bool) -> LeftSide | None:
    """What ``text`` (the left of an equals sign) names, or None."""
    try:
        tokens = tokenize_latex(text, max_length=4000) if latex else tokenize(text, max_length=4000)
    except ParseError:
        return None
    words = []
    for token in tokens[:-1]:
        value = token.text
        if token.kind == "command":
            value = "d" if value == "partial" else "\\" + value
        elif token.kind == "name" and not latex and len(value) > 1 and value[0] == "d" \
                and (len(value) == 2 or value[1:] in GREEK.values()):
            words.extend(["d", value[1:]])  # dy/dx typed: dy is d y
            continue
        words.append(value)
    compact = " ".join(words)
    if latex and "{ (" in compact:  # SymPy's LaTeX: \sigma{\left(z \right)} is \sigma(z)
        compact = _SYMPY_CALL.sub(r"( \1 )", compact)
    return _match(compact)


_SYMPY_CALL = re.compile(r"\{ \( ([A-Za-z]) \) \}")


def _order(m: re.Match) -> int | None:
    k1, k2 = m.group("k1"), m.group("k2")
    if (k1 or "1") != (k2 or "1"):
        return None
    return int(k1 or 1)


#: (g(z))', [\sigma(z)]'', \left(1 + e^{-z}\right)': the derivative of a bracket, by primes after it
_BRACKET_PRIMES = re.compile(r"(?P<open>\(|\[|\\\{|\{) (?P<inside>.+) (?P<close>\)|\]|\\\}|\}) (?P<primes>'(?: ')*)")


def _match(compact: str) -> LeftSide | None:
    primed = _BRACKET_PRIMES.fullmatch(compact)
    if primed and (primed.group("open"), primed.group("close")) in _BRACKETED \
            and _balanced(primed.group("inside")):
        order = primed.group("primes").count("'")
        inner = _match(primed.group("inside"))
        if inner is not None and inner.kind == "function" and inner.order == 0:
            return LeftSide("function", order, inner.name, inner.var)  # (g(z))' is g'(z)
        if inner is None or inner.kind == "function":
            return LeftSide("expression", order, None, None)  # (1 + e^{-z})': a side computation
        return None
    m = _LAGRANGE.fullmatch(compact)
    if m and (m.group("loose") is None or m.group("name") in _LOOSE):
        order = int(m.group("k")) if m.group("k") else 0
        order += m.group("primes").count("'")
        return LeftSide("function", order, m.group("name"), m.group("var") or m.group("loose"))
    for pattern in (_FRAC_NAMED, _PLAIN_NAMED):
        m = pattern.fullmatch(compact)
        if m:
            order = _order(m)
            if order is None or (m.group("var0") and m.group("var0") != m.group("var")):
                return None
            return LeftSide("function", order, m.group("name"), m.group("var"))
    for pattern in (_FRAC_OPERATOR, _PLAIN_OPERATOR):
        m = pattern.fullmatch(compact)
        if m:
            order = _order(m)
            if order is None:
                return None
            rest = _unwrapped(m.group("rest"))
            inner = _LAGRANGE.fullmatch(rest)
            if inner and not inner.group("primes") and not inner.group("k") \
                    and (inner.group("var") or inner.group("loose")) in (None, m.group("var")) \
                    and (inner.group("loose") is None or inner.group("name") in _LOOSE):
                return LeftSide("function", order, inner.group("name"), m.group("var"))
            return LeftSide("expression", order, None, m.group("var"))
    return None


def _balanced(inside: str) -> bool:
    """Whether the brackets of ``inside`` (tokens apart) close in order: "(a) + (b)" is no one bracket."""
    depth = 0
    for word in inside.split(" "):
        if word in ("(", "[", "{", "\\{"):
            depth += 1
        elif word in (")", "]", "}", "\\}"):
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _unwrapped(rest: str) -> str:
    for opening, closing in _BRACKETED:
        if rest.startswith(opening + " ") and rest.endswith(" " + closing):
            return rest[len(opening) + 1: -len(closing) - 1]
    return rest
