"""Property: derive's own chain for every catalog entry, re-typeset the way other notes write
it, is read back by ``derive check`` as valid.

derive prints ``g(z)``, ``g'(z)``, ``\\left( \\right)`` and juxtaposed factors.  The same chain
written with another function name and variable (σ(x)), a Leibniz left side
(``\\frac{d}{dx}\\sigma(x)``), square brackets (``\\left[ \\right]``) or an explicit ``\\cdot``
between factors is the same mathematics: every line that derive verified when printing it is
still equal to the line before it.  The transformations are plain string rewrites written here,
not derive's code; what they cannot apply to is listed below with the reason.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Callable

import pytest
from click.testing import CliRunner

from derive.catalog import CATALOG
from derive.cli import cli

# Entries whose chain is not a derivation of one function of one variable: derive check
# reads those only.
NOT_A_CHAIN_OF_ONE_VARIABLE = {
    "softmax": "s_i of the vector z_1..z_n, differentiated by z_j: a Jacobian, not g(z) and g'(z)",
}

# (entry, transformation) pairs where the transformation finds nothing to rewrite; the chain
# as printed is checked by the "as printed" case.
NO_PRODUCT = ("hard sigmoid", "hard tanh", "relu", "relu6", "elu", "celu", "selu",
              "softplus", "log sigmoid", "tanhshrink", "softshrink", "hardshrink", "threshold", "identity",
              "exponential", "arctan", "sqnl", "binary step", "sinusoid")
NO_BRACKET = ("elu", "celu", "selu", "softshrink", "hardshrink", "threshold", "identity", "exponential",
              "sqnl", "binary step", "sinusoid")
NOTHING_TO_REWRITE = {
    **{(name, "cdot"): "no two factors written side by side in the chain (sums, quotients, cases)"
       for name in NO_PRODUCT},
    **{(name, "brackets"): "no \\left( in the chain" for name in NO_BRACKET},
}

ENTRIES = [e.name for e in CATALOG if e.name not in NOT_A_CHAIN_OF_ONE_VARIABLE]


@functools.cache
def printed(name: str) -> str:
    """The aligned block `derive NAME --format latex` prints."""
    result = CliRunner().invoke(cli, ["show", name, "--format", "latex", "--no-cache"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _function_name(text: str) -> str:
    # \sigma unless the chain already uses \sigma for something else (sigmoid, SiLU, ...)
    return r"\sigma" if r"\sigma" not in text else "h"


# Not a letter of a word nor of a command name (\zeta, \gamma); a z right after the row
# break \\ (as in a cases block) is the variable.
_NOT_IN_A_NAME = r"(?<![A-Za-z])(?<!(?<!\\)\\)"
_G = re.compile(_NOT_IN_A_NAME + r"g(?=('{0,2})\(z\))")
_Z = re.compile(_NOT_IN_A_NAME + r"z(?![A-Za-z])")


def rename(text: str) -> str:
    """g(z) -> \\sigma(x) (or h(x) where \\sigma is taken), z -> x everywhere (d/dz too)."""
    name = _function_name(text)
    return _Z.sub("x", _G.sub(lambda m: name, text))


_LAGRANGE_LHS = re.compile(r"^(\s*)(\\sigma|h|g)('{1,2})\((x|z)\)(\s*&=)", re.M)


def leibniz(text: str) -> str:
    """A left side g'(z) &= becomes \\frac{d}{dz} g(z) &= (and g'' the second derivative)."""
    def sub(m: re.Match) -> str:
        order = len(m.group(3))
        d = r"\frac{d}{d%s}" % m.group(4) if order == 1 else r"\frac{d^2}{d%s^2}" % m.group(4)
        return f"{m.group(1)}{d}{m.group(2)}({m.group(4)}){m.group(5)}"
    return _LAGRANGE_LHS.sub(sub, text)


def brackets(text: str) -> str:
    """\\left( \\right) -> \\left[ \\right]."""
    return text.replace(r"\left(", r"\left[").replace(r"\right)", r"\right]")


_AFTER_BRACKET = re.compile(r"(\\right[)\]]) (?=\\frac|\\left|\\sigma|\\tanh|[a-z]\b|[a-z]\()")
_BEFORE_FRAC = re.compile(r"(?:(?<=[})])|(?<=(?<![A-Za-z\\])[a-z])) (?=\\frac\{d\}\{d [a-z]\})")
_CALL_THEN_BRACKET = re.compile(r"(?<=\w\([a-z]\)) (?=\\left)")
_GROUP_THEN_BRACKET = re.compile(r"(?<=\})(?<!\{d [a-z]\}) (?=\\left\()")
_LETTER_THEN_BRACKET = re.compile(r"(?<=(?<![A-Za-z\\])[a-z]) (?=\\left\()")
_NUMBER_THEN_FACTOR = re.compile(r"(?<![\^_\w.])(\d+(?:\.\d+)?) (?=\\left\(|\\sqrt|\\min|\\max|\\tanh|e\^|[a-z]\b)")
_ROOT_THEN_FACTOR = re.compile(r"(?<=\\sqrt\{\d\}) (?=\\left\(|\\sqrt|e\^|[a-z]\b)")


def cdot(text: str) -> str:
    """A \\cdot between juxtaposed factors: after a closing \\right), before a d/dz(...) factor,
    between a group or a variable and a bracket after it, after f(z) followed by a bracket,
    after a number or \\sqrt{n} followed by a factor (0.01 z, 2 \\sqrt{\\pi}, \\sqrt{2} z).
    Never between d/dz and its argument."""
    text = _AFTER_BRACKET.sub(r"\1 \\cdot ", text)
    text = _BEFORE_FRAC.sub(r" \\cdot ", text)
    text = _GROUP_THEN_BRACKET.sub(r" \\cdot ", text)
    text = _LETTER_THEN_BRACKET.sub(r" \\cdot ", text)
    text = _NUMBER_THEN_FACTOR.sub(r"\1 \\cdot ", text)
    text = _ROOT_THEN_FACTOR.sub(r" \\cdot ", text)
    return _CALL_THEN_BRACKET.sub(r" \\cdot ", text)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "as printed": lambda text: text,
    "sigma of x": rename,
    "leibniz": leibniz,
    "brackets": brackets,
    "cdot": cdot,
    "all four": lambda text: brackets(leibniz(rename(cdot(text)))),
}


def test_the_transformations_do_what_they_say():
    text = "\n".join([r"\begin{aligned}", r"g(z) &= \frac{1}{1 + e^{- z}} \\",
                      r"g'(z) &= \left(-1\right) \frac{1}{\left(1 + e^{- z}\right)^{2}} \frac{d}{d z} \left(1 + e^{- z}\right) \\",
                      r" &= g(z) \left(1 - g(z)\right)", r"\end{aligned}"])
    assert rename(text).splitlines()[1] == r"\sigma(x) &= \frac{1}{1 + e^{- x}} \\"
    assert leibniz(rename(text)).splitlines()[2].startswith(r"\frac{d}{dx}\sigma(x) &= ")
    assert r"\left[1 - g(z)\right]" in brackets(text)
    assert cdot(text).splitlines()[2] == (r"g'(z) &= \left(-1\right) \cdot \frac{1}{\left(1 + e^{- z}\right)^{2}} "
                                          r"\cdot \frac{d}{d z} \left(1 + e^{- z}\right) \\")
    assert cdot(text).splitlines()[3] == r" &= g(z) \cdot \left(1 - g(z)\right)"


@pytest.mark.parametrize("transform", list(TRANSFORMS))
@pytest.mark.parametrize("name", ENTRIES)
def test_derives_own_chain_retypeset_reads_back_valid(name, transform, tmp_path):
    original = printed(name)
    text = TRANSFORMS[transform](original)
    if transform != "as printed" and text == original:
        assert (name, transform) in NOTHING_TO_REWRITE, f"{transform} changed nothing in {name}'s chain"
        return
    assert (name, transform) not in NOTHING_TO_REWRITE, "the chain changed: take it off NOTHING_TO_REWRITE"
    path = tmp_path / f"{name.replace(' ', '-')}.tex"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code != 3, result.stderr
    data = json.loads(result.stdout)
    unreadable = [(line["index"], line["message"]) for line in data["lines"] if line["verdict"] == "unreadable"]
    wrong = [(line["index"], line["text"], line["message"]) for line in data["lines"] if line["verdict"] == "wrong"]
    assert data["problem"] is None and unreadable == [] and wrong == [], (data["problem"], unreadable, wrong, text)
    assert data["valid"] is True and result.exit_code == 0
