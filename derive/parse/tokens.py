"""Cutting typed text into tokens: numbers, names, operators, each with its column.

Text pasted from a PDF or typed by hand is read as it means: ``′`` and ``’`` are a prime, ``−``
and ``–`` are minus, ``·`` and ``×`` times, ``σ`` sigma, ``½`` a half, ``√`` a square root (the
parser decides how far it reaches).  A run of Unicode superscripts is one raised
exponent, as it looks: ``e⁻ᶻ`` is e^(-z), ``(1+e⁻ᶻ)⁻¹`` the reciprocal, ``e⁻²ᶻ`` e^(-2z),
``z²³`` z^23, ``⁻³ᐟ²`` -3/2; ``σ⁽²⁾`` is a derivative's order (as g^{(2)}); a run that is
not an exponent (``⁻`` alone, ``²⁻``, ``ᶻ²``) is unreadable, never guessed.  A function called
from a module in code (``np.exp(-z)``, ``math.tanh(z)``, ``torch.sigmoid(z)``) is that function.
"""

from __future__ import annotations

import re

from ..record import Record, record
from .errors import ParseError

MAX_LENGTH = 1000  # characters; an activation formula is a line, not a file
MAX_DIGITS = 80  # in one number literal

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "θ": "theta", "τ": "tau", "φ": "phi", "σ": "sigma", "π": "pi",
    "Φ": "Phi",  # the normal CDF (GELU's z Φ(z)), as Phi(z) and \\Phi(z)
}

#: Unicode superscripts: digits, signs and the letters (one name each, as in TeX: ᵃᶻ is a z)
SUPERSCRIPTS = {
    **dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")), "⁺": "+", "⁻": "-", "⁽": "(", "⁾": ")", "⁼": "=",
    "ᐟ": "/",  # (U+141F) the raised slash of ⁻³ᐟ², as phones and character pickers offer it
    **dict(zip("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz")),
    "ᵅ": "alpha", "ᵝ": "beta", "ᵞ": "gamma", "ᵟ": "delta", "ᶿ": "theta",
}
#: what a superscript run may say: signed terms of digits and letters (-2z, z - 1)
#: (letters then digits, ᶻ², is not one: z² cannot be raised again, so it is unreadable)
_TERM = r"(?:[0-9]+[a-z]*|[a-z]+)"
_EXPONENT = re.compile(rf"[-+]?{_TERM}(?:[-+]{_TERM})*|[-+]?[0-9]+/[0-9]+")

#: fractions in one character: ½(1 + tanh(z/2)) is the sigmoid
FRACTIONS = {"½": ("1", "2"), "⅓": ("1", "3"), "⅔": ("2", "3"), "¼": ("1", "4"), "¾": ("3", "4"),
             "⅕": ("1", "5"), "⅙": ("1", "6"), "⅛": ("1", "8")}

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\u00a0]+)
  | (?P<module>(?<![A-Za-z0-9_.])(?:np|numpy|math|torch|jnp)\.(?=(?:exp|log1p|log|tanh|sinh|cosh|sqrt|abs|sign|erf|erfc|sigmoid)\s*\())
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+(?![\w.]))?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*|[αβγδεκλμθτφσπΦ])
  | (?P<superscript>[%s]+)
  | (?P<fraction>[%s])
  | (?P<op>\*\*|<=|>=|!=|≠|[-+*/^(),|'<>≤≥\[\]·×÷−–⋅∗′″‴’ʹ"√⁄∕])
    """ % ("".join(SUPERSCRIPTS), "".join(FRACTIONS)),
    re.VERBOSE,
)

#: Characters people paste from documents, read as the ASCII operator they mean.
#: (’: a word processor's apostrophe, σ’(z) as typed in a document, is a prime in a formula)
_SAME_AS = {"≤": "<=", "≥": ">=", "÷": "/", "⁄": "/", "∕": "/", "·": "*", "×": "*", "⋅": "*", "∗": "*", "−": "-", "–": "-", "**": "^", "′": "'", "’": "'", "ʹ": "'"}
#: Characters that stand for two tokens (g"(z): a double quote typed for two primes)
_MANY = {"″": ("'", "'"), '"': ("'", "'"), "‴": ("'", "'", "'")}


#: ∂ where it starts a differential or an operator: ∂σ, ∂z, ∂/∂z, ∂²
_PARTIAL = re.compile(r"∂(?=[A-Za-zαβγδεκλμθτφσπ/^²³])")


@record
class Token(Record):
    kind: str  # "number", "name", "op", "command" (LaTeX), "end"
    text: str
    column: int  # 1-based


def tokenize(text: str, *, source: str | None = None, max_length: int = MAX_LENGTH) -> list[Token]:
    """The tokens of text; a ParseError names the first character that is not allowed."""
    shown = source if source is not None else text
    if len(text) > max_length:
        raise ParseError(f"the input is {len(text)} characters long; at most {max_length} are read", text=shown)
    out: list[Token] = []
    position = 0
    text = _PARTIAL.sub("d", text)  # ∂σ/∂z of a function of one variable is dσ/dz (columns hold)
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None:
            char = text[position]
            what = repr(char) if char.isprintable() else f"character U+{ord(char):04X}"
            if char == "." and text[position + 1: position + 2] in ("/", "*", "^"):
                op = text[position + 1]  # MATLAB's element-wise ./ .* .^
                what += f" ('.{op}' is MATLAB's element-wise {op}: write {op})"
            raise ParseError(f"unexpected {what}", position + 1 if source is None else None, shown)
        kind = m.lastgroup
        value = m.group()
        if kind == "number" and sum(c.isdigit() for c in value) > MAX_DIGITS:
            raise ParseError(f"a number with more than {MAX_DIGITS} digits", position + 1, shown)
        if kind == "name":
            value = GREEK.get(value, value)
        if kind == "fraction":
            if out and out[-1].kind == "number" and out[-1].column + len(out[-1].text) == position + 1:
                # 2½: two and a half, or 2 · ½? not guessed
                raise ParseError(f"{out[-1].text}{value} reads two ways: write {out[-1].text} + {value} or "
                                 f"{out[-1].text}·{value}", position + 1, shown)
            top, bottom = FRACTIONS[value]
            out.extend([Token("op", "(", position + 1), Token("number", top, position + 1), Token("op", "/", position + 1),
                        Token("number", bottom, position + 1), Token("op", ")", position + 1)])
            position = m.end()
            continue
        if kind == "superscript":
            out.extend(superscript_tokens(value, position + 1, shown, braces=False))
            position = m.end()
            continue
        if kind == "op" and value in _MANY:
            out.extend(Token("op", prime, position + 1) for prime in _MANY[value])
        elif kind == "op":
            out.append(Token("op", _SAME_AS.get(value, value), position + 1))
        elif kind not in ("space", "module"):  # np.exp(-z) pasted from code is exp(-z)
            out.append(Token(kind, value, position + 1))
        position = m.end()
    out.append(Token("end", "", len(text) + 1))
    return out


def superscript_tokens(run: str, column: int, text: str, *, braces: bool) -> list[Token]:
    """The tokens of a run of superscripts starting at ``column``: ``^`` and the exponent,
    bracketed unless it is one number (``²`` stays ``^ 2``, which the notation reads after a
    function's name: σ²(z)).  ``braces``: a LaTeX text's group ``{...}`` instead of ``(...)``."""
    said = "".join(SUPERSCRIPTS[c] if len(SUPERSCRIPTS[c]) == 1 else "a" for c in run)
    order = re.fullmatch(r"\(([0-9]+)\)", said)
    if order:  # σ⁽²⁾: a derivative's order, written as g^{(2)} (the parser reads it after a function only)
        return [Token("op", "^", column), Token("op", "{", column), Token("op", "(", column),
                Token("number", order.group(1), column + 1), Token("op", ")", column + len(run) - 1),
                Token("op", "}", column + len(run) - 1)]
    if not _EXPONENT.fullmatch(said):
        hint = "a derivative's order is a whole number: ⁽²⁾" if "(" in said else "write ^(...)"
        raise ParseError(f"the superscript {run!r} is not read as an exponent ({hint})", column, text)
    inner: list[Token] = []
    for k, c in enumerate(run):
        value = SUPERSCRIPTS[c]
        if value.isdigit() and k and SUPERSCRIPTS[run[k - 1]].isdigit():  # ²³: one number, 23
            inner[-1] = Token("number", inner[-1].text + value, inner[-1].column)
        elif value.isdigit():
            inner.append(Token("number", value, column + k))
        elif value in "+-/":
            inner.append(Token("op", value, column + k))
        else:
            inner.append(Token("name", value, column + k))
    caret = Token("op", "^", column)
    if len(inner) == 1 and inner[0].kind == "number" and not braces:
        return [caret, inner[0]]
    opened, closed = ("{", "}") if braces else ("(", ")")
    return [caret, Token("op", opened, column), *inner, Token("op", closed, column + len(run) - 1)]
