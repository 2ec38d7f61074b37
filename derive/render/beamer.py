r"""Beamer slides that reveal the chain one line at a time, as the lecture's slides do.

``\pause`` inside ``align*`` reveals the wrong rows, so every cell carries an explicit
overlay specification, ``\onslide<k->{...}``: line k appears on slide k and stays (a
line too long for one row is broken, and its rows appear together).  A frame has as
many slides (PDF pages) as its chain has lines; what the derivation establishes
besides is a sentence under the chain, shown with the last line.
"""

from __future__ import annotations

import re

from ..engine.derivation import Derivation
from .document import findings, title_of
from .latex import BEAMER, rows

PREAMBLE = r"""\documentclass{beamer}
\usepackage{amsmath,amssymb}
\setbeamertemplate{navigation symbols}{}
\setlength{\emergencystretch}{3em}
"""


#: how many rows of one line's height fit under a frame's title at \small
FRAME_HEIGHT = 15.0


def height(tex: str) -> float:
    """A row's height in plain rows: a fraction is about two, a fraction inside a
    fraction's numerator or denominator more; cases as tall as their rows."""
    if r"\begin{cases}" in tex:
        return 1.2 * (tex.count(r"\\") + 1)
    return 1.0 + 1.4 * _fraction_depth(tex)


def _fraction_depth(tex: str) -> int:
    """How deeply fractions nest in tex (0: none)."""
    deepest, stack, depth, pending = 0, [], 0, 0
    for m in re.finditer(r"\\frac|\\sum|[{}]", tex):
        t = m.group()
        if t in (r"\frac", r"\sum"):
            inside = sum(stack)
            deepest = max(deepest, inside + 1)
            pending = 2 if t == r"\frac" else 0
        elif t == "{":
            stack.append(1 if pending else 0)
            pending = max(pending - 1, 0)
            depth += 1
        elif stack:
            stack.pop()
    return deepest


def frames(d: Derivation, name: str | None = None) -> list[str]:
    """The chain's frames: one, or as many as its height needs (each line stays whole,
    and the next frame goes on from the next line: still one slide per line)."""
    chain = rows(d, em=BEAMER)
    last = slides_count(d)
    said = findings(d, em=BEAMER + 4)
    groups: list[list] = [[]]
    heights: list[float] = [0.0]
    used = 0.0
    for i, row in enumerate(chain):
        k = row.line or next((r.line for r in chain[i:] if r.line), last)
        h = height(row.rhs or row.lhs)
        starts_line = not row.continued and (row.rhs is None or row.line != (chain[i - 1].line if i else -1))
        if groups[-1] and starts_line and used + h > FRAME_HEIGHT and not _heading_before(chain, i):
            groups.append([])
            heights.append(0.0)
            used = 0.0
        groups[-1].append((k, row))
        used += h
        heights[-1] = used
    out = []
    for n, group in enumerate(groups):
        title = title_of(d, name) + (r" (continued)" if n else "")
        cells = []
        for k, row in group:
            if row.continued:
                cells.append(rf"&\onslide<{k}->{{\quad {row.rhs}}}")
            elif row.rhs is None:
                cells.append(rf"&\onslide<{k}->{{{row.lhs}}}")
            else:
                cells.append(rf"\onslide<{k}->{{{row.lhs}}} &\onslide<{k}->{{= {row.rhs}}}")
        first = group[0][0]
        # one line taller than a frame (a second derivative of GELU-tanh): beamer shrinks it to fit
        fit = "[shrink=5]" if heights[n] > FRAME_HEIGHT else ""
        body = [rf"\begin{{frame}}{fit}{{{title}}}", r"\small", r"\begin{align*}", " \\\\\n".join(cells), r"\end{align*}"]
        if n == len(groups) - 1 and said:
            body.append(rf"\onslide<{last}->{{\footnotesize " + " ".join(said) + "}")
        body.append(r"\end{frame}")
        if n:  # a later frame counts its slides from its own first line
            body = [_renumber(b, first - 1) for b in body]
        out.append("\n".join(body))
    return out


def _heading_before(chain, i: int) -> bool:
    """A piece's heading stays with the line after it."""
    return i > 0 and chain[i - 1].rhs is None


def _renumber(tex: str, by: int) -> str:
    return re.sub(r"\\onslide<(\d+)->", lambda m: rf"\onslide<{int(m.group(1)) - by}->", tex)


def frame(d: Derivation, name: str | None = None) -> str:
    return "\n\n".join(frames(d, name))


def slides_count(d: Derivation) -> int:
    """One slide per line of the chain, the pieces' lines included."""
    return len(d.lines) + sum(len(b.derivation.lines) for b in d.branches)


def beamer(derivations: list[Derivation], *, standalone: bool = True, names: list[str | None] | None = None) -> str:
    frames = "\n\n".join(frame(d, names[i] if names else None) for i, d in enumerate(derivations))
    if not standalone:
        return frames + "\n"
    return PREAMBLE + "\\begin{document}\n" + frames + "\n\\end{document}\n"
