r"""How wide TeX sets a formula, estimated from its source: enough to decide where a
display line must break.

The estimate reads the TeX the LaTeX printer writes (a small vocabulary: ``\frac``,
``\left(``, powers, ``cases``, operator names), in em of the display's font, from
Computer Modern's widths rounded up.  It errs wide; tests/test_overfull.py compiles
every catalog entry with pdflatex and holds the result to the page.
"""

from __future__ import annotations

import re

#: glyph widths (em) of what is not a plain letter or digit
_SYMBOLS = {
    "+": 1.23, "-": 1.23, "=": 1.34, "<": 1.34, ">": 1.34, "(": 0.39, ")": 0.39, "[": 0.28, "]": 0.28,
    ",": 0.45, ".": 0.28, "'": 0.3, "|": 0.28, "/": 0.5, " ": 0.0, "!": 0.28, ";": 0.45, ":": 0.6,
}
_MACROS = {
    r"\cdot": 0.73, r"\leq": 1.34, r"\geq": 1.34, r"\neq": 1.34, r"\quad": 1.0, r"\qquad": 2.0, r"\:": 0.22,
    r"\,": 0.17, r"\;": 0.28, r"\ ": 0.33, r"\infty": 1.0, r"\partial": 0.57, r"\pi": 0.58, r"\sigma": 0.58,
    r"\delta": 0.46, r"\lambda": 0.6, r"\alpha": 0.65, r"\beta": 0.58, r"\theta": 0.5, r"\mu": 0.6,
    r"\tau": 0.45, r"\phi": 0.6, r"\gamma": 0.52, r"\epsilon": 0.41, r"\Gamma": 0.63, r"\Phi": 0.73,
    r"\prime": 0.3, r"\_": 0.5, r"\{": 0.5, r"\}": 0.5, r"\%": 0.84, r"\$": 0.5, r"\&": 0.78, r"\#": 0.84,
    r"\ldots": 1.2, r"\cdots": 1.2, r"\times": 1.23, r"\to": 1.34, r"\right.": 0.12, r"\left.": 0.12,
}
#: an operator name's upright letters and the thin space after it
_NAMED = {"tanh", "sinh", "cosh", "tan", "sin", "cos", "ln", "log", "exp", "max", "min", "sign", "erf", "erfc",
          "arctan", "atan", "asinh", "sech", "operatorname", "sqrt"}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|[^\\{}^_&]")


def width(tex: str) -> float:
    """The width, in em, of ``tex`` set as a display (the rows of ``aligned``)."""
    tokens = _TOKEN.findall(tex)
    return _Reader(tokens).sequence(1.0, display=True)


class _Reader:
    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.at = 0
        self.tall: list[bool] = []  # for each open \left: does it enclose a fraction or a sum

    def _encloses_tall(self) -> bool:
        """Whether the bracket just opened holds a fraction or a sum: TeX then takes a
        larger, wider delimiter."""
        depth = 0
        for t in self.tokens[self.at:]:
            if t == r"\left":
                depth += 1
            elif t == r"\right":
                if depth == 0:
                    return False
                depth -= 1
            elif t in (r"\frac", r"\sum", r"\begin"):
                return True
        return False

    def next(self) -> str | None:
        if self.at >= len(self.tokens):
            return None
        self.at += 1
        return self.tokens[self.at - 1]

    def group(self) -> list[str]:
        """The tokens of the next argument ({...} or one token)."""
        t = self.next()
        if t != "{":
            return [t] if t is not None else []
        depth, out = 1, []
        while True:
            t = self.next()
            if t is None:
                return out
            depth += (t == "{") - (t == "}")
            if depth == 0:
                return out
            out.append(t)

    def sequence(self, scale: float, *, display: bool = False, stop: str | None = None) -> float:
        total = 0.0
        while True:
            t = self.next()
            if t is None or t == stop:
                return total
            total += self.token(t, scale, display)

    def sub(self, tokens: list[str], scale: float, display: bool = False) -> float:
        return _Reader(tokens).sequence(scale, display=display)

    def token(self, t: str, scale: float, display: bool) -> float:
        small = max(scale * 0.7, 0.5)
        if t == "{":
            depth, inner = 1, []
            while True:
                u = self.next()
                if u is None:
                    break
                depth += (u == "{") - (u == "}")
                if depth == 0:
                    break
                inner.append(u)
            return self.sub(inner, scale, display)
        if t in ("^", "_"):
            return self.sub(self.group(), small)
        if t == "&":
            return 0.0
        if t == r"\frac":
            inner = scale if display else small
            top, bottom = self.group(), self.group()
            return max(self.sub(top, inner), self.sub(bottom, inner)) + 0.25 * scale
        if t == r"\sqrt":
            return 0.85 * scale + self.sub(self.group(), scale)
        if t in (r"\left", r"\right"):
            d = self.next()
            if d == ".":
                return 0.12 * scale
            if t == r"\left":
                self.tall.append(self._encloses_tall())
                return (0.8 if self.tall[-1] else 0.45) * scale
            return (0.8 if (self.tall.pop() if self.tall else False) else 0.45) * scale
        if t in (r"\text", r"\mathrm", r"\textrm", r"\mathit", r"\operatorname"):
            body = "".join(self.group())
            body = re.sub(r"\\[A-Za-z]+\{?\}?", "x", body)
            return 0.52 * scale * len(body) + (0.17 * scale if t == r"\operatorname" else 0)
        if t == r"\sum":
            return 1.6 * scale if display else 1.2 * scale
        if t == r"\begin":
            name = "".join(self.group())
            return self.environment(name, scale)
        if t in (r"\mathscr", r"\mathfrak", r"\mathbb", r"\boldsymbol", r"\hat", r"\bar", r"\dot", r"\tilde",
                 r"\vec", r"\ensuremath"):
            return self.sub(self.group(), scale)
        if t.startswith("\\") and t[1:] in _NAMED:
            return (0.5 * len(t[1:]) + 0.17) * scale
        if t in _MACROS:
            return _MACROS[t] * scale
        if t.startswith("\\"):
            return 0.6 * scale
        if t in _SYMBOLS:
            w = _SYMBOLS[t]
            return (w * 0.6 if t in "+-=<>" and scale < 1 else w) * scale
        if t.isdigit():
            return 0.5 * scale
        if t.isupper():
            return 0.75 * scale
        return (0.55 if t not in "ilj" else 0.35) * scale

    def environment(self, name: str, scale: float) -> float:
        """cases: a brace, then the widest row (value, a quad, condition)."""
        depth, inner = 0, []
        while True:
            t = self.next()
            if t is None:
                break
            if t == r"\end" and depth == 0:
                self.group()
                break
            if t == r"\begin":
                depth += 1
            elif t == r"\end":
                depth -= 1
            inner.append(t)
        rows, row = [], []
        for t in inner:
            if t == r"\\" and depth == 0:
                rows.append(row)
                row = []
            else:
                row.append(t)
        rows.append(row)
        widest = 0.0
        for r in rows:
            cells, cell = [], []
            for t in r:
                if t == "&":
                    cells.append(cell)
                    cell = []
                else:
                    cell.append(t)
            cells.append(cell)
            widest = max(widest, sum(self.sub(c, scale) for c in cells) + (len(cells) - 1) * 1.0 * scale)
        return widest + 1.0 * scale
