"""Leibniz's notation inside ``\\frac``: ``\\frac{d}{dz}``, ``\\frac{d^2 g}{dz^2}``, ``\\frac{\\partial g}{\\partial z}``.

A fraction whose numerator and denominator both start with d (or ∂) is a derivative
or nothing: it is never read as a quotient of products with a parameter d.
"""

from __future__ import annotations

from .tokens import Token


def _is_d(token: Token) -> bool:
    return (token.kind == "name" and token.text == "d") or (token.kind == "command" and token.text == "partial")


def _order(tokens: list[Token], k: int) -> tuple[int | None, int]:
    """An order written ^2 or ^{2} at tokens[k]: (order or None if malformed, index after it)."""
    if k >= len(tokens) or tokens[k].text != "^":
        return 1, k
    texts = [t.text for t in tokens[k + 1: k + 4]]
    if texts[:1] and texts[0].isdigit():
        return int(texts[0]), k + 2
    if len(texts) == 3 and texts[0] == "{" and texts[1].isdigit() and texts[2] == "}":
        return int(texts[1]), k + 4
    return None, k


def leibniz(parser, top: tuple[int, int], bottom: tuple[int, int], token: Token):
    """None (not a derivative), or (order, the numerator's operand span or None).

    Raises the parser's error for a fraction that starts like a derivative and is not one."""
    tokens = parser.tokens
    upper, lower = tokens[top[0]: top[1]], tokens[bottom[0]: bottom[1]]
    if not upper or not _is_d(upper[0]):
        return None
    if not lower or not _is_d(lower[0]):
        if len(upper) == 1:
            raise parser.error("this \\frac{d}{...} is not a derivative d/dz", token)
        return None
    order, k = _order(upper, 1)
    if order is None:
        raise parser.error("cannot read the order of this derivative", token)
    var = parser.var.name
    if len(lower) < 2 or lower[1].kind != "name":
        raise parser.error(f"cannot read this derivative: expected d{var} below", token)
    if lower[1].text != var:
        raise parser.error(f"a derivative with respect to {lower[1].text}, but the variable is {var}", lower[1])
    lower_order, end = _order(lower, 2)
    if lower_order != order or end != len(lower):
        raise parser.error("cannot read this derivative: the orders above and below differ", token)
    if k == len(upper):
        return order, None
    return order, (top[0] + k, top[1])
