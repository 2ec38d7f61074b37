"""The LaTeX of lecture notes, rewritten as the typed grammar of ``expression``.

SymPy's ``parse_latex`` is not used: its ANTLR backend needs antlr4 4.11 exactly, and
its Lark backend reads ``\\sigma(z)``, ``\\tanh(z)`` and ``x(1+x)`` ambiguously.  The
LaTeX found in notes is small: ``\\frac``, ``\\left``/``\\right``, ``\\cdot``, powers in
braces, named functions, Greek letters, spacing.  Each is rewritten to plain text here;
anything else (``\\input``, ``\\def``, ``\\write18``, an unknown macro) is refused with
its column.  ``e`` stays Euler's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ParseError
from .tokens import MAX_LENGTH

#: a command, a number (whole: "100" is one token, not 1 0 0), spaces, or one character;
#: letters stay single, as in TeX, where "kz" is k times z
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[0-9]+(?:\.[0-9]*)?|\.[0-9]+|\s+|.", re.DOTALL)

#: Commands that are a name of the typed grammar: functions and Greek letters.
FUNCTIONS = {
    "exp": "exp", "ln": "log", "log": "log", "tanh": "tanh", "sinh": "sinh", "cosh": "cosh",
    "sin": "sin", "cos": "cos", "tan": "tan", "arctan": "atan", "sigma": "sigma", "max": "max",
    "min": "min", "sech": "sech", "arcsinh": "asinh", "sgn": "sign",
}
GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "kappa", "lambda", "mu",
    "theta", "tau", "phi", "varphi", "pi",
}
#: Commands with no meaning for the mathematics: sizes, spacing, delimiters' helpers.
IGNORED = {
    "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "big", "Big", "bigg",
    "displaystyle", "textstyle", "quad", "qquad", ",", ";", ":", "!", " ", "[", "]", "(", ")",
}
SYMBOLS = {"cdot": "*", "times": "*", "ast": "*", "lvert": "|", "rvert": "|", "vert": "|",
           "|": "|", "{": "(", "}": ")", "lbrace": "(", "rbrace": ")", "%": "%"}
TEXT_FONTS = {"operatorname", "mathrm", "text", "mathit", "textrm", "mathsf"}
FRACTIONS = {"frac", "dfrac", "tfrac"}


def looks_like_latex(text: str) -> bool:
    return "\\" in text or "{" in text


@dataclass
class _Token:
    text: str
    column: int


def from_latex(source: str) -> str:
    """The typed-grammar text for a LaTeX expression (a ParseError otherwise)."""
    if len(source) > MAX_LENGTH:
        raise ParseError(f"the input is {len(source)} characters long; at most {MAX_LENGTH} are read", text=source)
    text = source.strip()
    text = text.strip("$").strip()
    tokens = [_Token(m.group(), m.start() + 1) for m in _TOKEN.finditer(source)]
    return _Converter(tokens, source).run()


class _Converter:
    def __init__(self, tokens: list[_Token], source: str):
        self.tokens = [t for t in tokens if not t.text.isspace() and t.text not in ("$", "&")]
        self.source = source
        self.i = 0
        self.depth = 0

    def error(self, message: str, token: _Token | None):
        column = token.column if token is not None else len(self.source) + 1
        return ParseError(message, column, self.source)

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise self.error("the LaTeX ends too early", None)
        self.i += 1
        return token

    def run(self) -> str:
        out = []
        while self.peek() is not None:
            out.append(self.item())
        return " ".join(p for p in out if p)

    def group(self) -> str:
        """A braced group {…} or a single item, as bracketed text."""
        token = self.peek()
        if token is not None and token.text == "{":
            return "(" + self.braced() + ")"
        return "(" + self.item() + ")"

    def braced(self) -> str:
        opened = self.take()
        self.depth += 1
        if self.depth > 40:
            raise self.error("braces nested more than 40 deep", opened)
        out = []
        while True:
            token = self.peek()
            if token is None:
                raise self.error("this '{' is never closed", opened)
            if token.text == "}":
                self.take()
                self.depth -= 1
                return " ".join(p for p in out if p)
            out.append(self.item())

    def item(self) -> str:
        token = self.take()
        text = token.text
        if text == "{":
            self.i -= 1
            return "(" + self.braced() + ")"
        if text == "}":
            raise self.error("unexpected '}'", token)
        if text in ("^", "_"):
            if text == "_":
                raise self.error("subscripts are not read here (name a parameter alpha, not a_1)", token)
            return "^" + self.group()
        if text == "\\\\":
            raise self.error("one expression is expected, not several lines ('\\\\')", token)
        if text in ("[", "]"):  # square brackets group as round ones: \left[\frac{d}{dz}(u)\right] v
            return "(" if text == "[" else ")"
        if not text.startswith("\\"):
            number = re.fullmatch(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+", text)
            if not number and not (text.isascii() and (text.isalnum() or text in "+-*/()|,<>'=")) \
                    and text not in "·×−αβγδεκλμθτφσπ":
                raise self.error(f"unexpected {text!r}", token)
            return text
        name = text[1:]
        if name in FRACTIONS:
            top, bottom = self.group(), self.group()
            if top.replace(" ", "") == "(d)" and re.fullmatch(r"\(d[A-Za-z]\w*\)", bottom.replace(" ", "")):
                return f" d/{bottom.replace(' ', '')[1:-1]} "  # the operator d/dz, for hand derivations
            return f"({top}/{bottom})"
        if name == "sqrt":
            following = self.peek()
            if following is not None and following.text == "[":
                self.take()
                index = []
                while self.peek() is not None and self.peek().text != "]":
                    index.append(self.item())
                self.take()
                return f"({self.group()}^(1/({' '.join(index)})))"
            return f"sqrt{self.group()}"
        if name in TEXT_FONTS:
            word = self.braced_word(token)
            return word
        if name in FUNCTIONS:
            following = self.peek()
            if following is not None and following.text == "^":  # \tanh^2(z) is (tanh(z))^2
                self.take()
                power = self.group()
                return f"({FUNCTIONS[name]}({self.captured_argument()}))^{power}"
            return FUNCTIONS[name] + self.argument()
        if name in GREEK:
            return {"varepsilon": "epsilon", "varphi": "phi"}.get(name, name)
        if name in IGNORED:
            following = self.peek()
            if name in ("left", "right") and following is not None and following.text == ".":
                self.take()
            return ""
        if name in SYMBOLS:
            if name == "%":
                raise self.error("'\\%' is not part of an expression", token)
            return SYMBOLS[name]
        shown = text if len(text) <= 20 else text[:17] + "..."
        raise self.error(f"the LaTeX command {shown} is not read here", token)

    def braced_word(self, command: _Token) -> str:
        opened = self.peek()
        if opened is None or opened.text != "{":
            raise self.error(f"{command.text} needs a braced name", opened)
        word = self.braced().replace(" ", "")
        if not re.fullmatch(r"[A-Za-z]+", word):
            raise self.error(f"{command.text}{{{word}}} is not a name", opened)
        if command.text in ("\\operatorname", "\\mathrm") and word in FUNCTIONS:
            return FUNCTIONS[word] + self.argument()
        if command.text == "\\operatorname" and word in ("erf", "erfc", "sigmoid", "softplus", "sign"):
            return word + self.argument()
        return word

    def argument(self) -> str:
        """A function's argument: kept when bracketed, wrapped when written \\tanh z."""
        token = self.peek()
        if token is None:
            raise self.error("a function without its argument", None)
        if token.text in ("(", "\\left", "\\bigl", "\\Bigl", "\\big", "\\Big"):
            return ""
        return self.group()

    def captured_argument(self) -> str:
        """The argument after \\tanh^2: a bracketed group read whole, or one item."""
        while self.peek() is not None and self.peek().text in ("\\left", "\\bigl", "\\Bigl", "\\big", "\\Big"):
            self.take()
        token = self.peek()
        if token is None:
            raise self.error("a function without its argument", None)
        if token.text != "(":
            return self.group()
        self.take()
        depth, parts = 1, []
        while True:
            token = self.peek()
            if token is None:
                raise self.error("this '(' is never closed", None)
            if token.text == "(":
                depth += 1
            elif token.text == ")":
                depth -= 1
                if depth == 0:
                    self.take()
                    return " ".join(p for p in parts if p)
            parts.append(self.item())
