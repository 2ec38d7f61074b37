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
FRAME_HEIGHT = 9.5


def height(tex: str) -> float:
    """A row's height in plain rows: fractions and sums are taller, cases as tall as their rows."""
    if r"\begin{cases}" in tex:
        return 1.2 * (tex.count(r"\\") + 1)
    fractions = tex.count(r"\frac") + tex.count(r"\sum")
    return 1.0 if not fractions else (1.7 if fractions < 3 else 2.3)


def frames(d: Derivation, name: str | None = None) -> list[str]:
    """The chain's frames: one, or as many as its height needs (each line stays whole,
    and the next frame goes on from the next line: still one slide per line)."""
    chain = rows(d, em=BEAMER)
    last = slides_count(d)
    said = findings(d, em=BEAMER + 4)
    groups: list[list] = [[]]
    used = 0.0
    for i, row in enumerate(chain):
        k = row.line or next((r.line for r in chain[i:] if r.line), last)
        h = height(row.rhs or row.lhs)
        starts_line = not row.continued and (row.rhs is None or row.line != (chain[i - 1].line if i else -1))
        if groups[-1] and starts_line and used + h > FRAME_HEIGHT and not _heading_before(chain, i):
            groups.append([])
            used = 0.0
        groups[-1].append((k, row))
        used += h
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
        body = [rf"\begin{{frame}}{{{title}}}", r"\small", r"\begin{align*}", " \\\\\n".join(cells), r"\end{align*}"]
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
