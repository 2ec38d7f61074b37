r"""Beamer slides that reveal the chain one line at a time, as the lecture's slides do.

``\pause`` inside ``align*`` reveals the wrong rows, so every cell carries an explicit
overlay specification, ``\onslide<k->{...}``: line k appears on slide k and stays (a
line too long for one row is broken, and its rows appear together).  A frame has as
many slides (PDF pages) as its chain has lines; what the derivation establishes
besides is a sentence under the chain, shown with the last line.
"""

from __future__ import annotations

from ..engine.derivation import Derivation
from .document import findings, title_of
from .latex import BEAMER, rows

PREAMBLE = r"""\documentclass{beamer}
\usepackage{amsmath,amssymb}
\setbeamertemplate{navigation symbols}{}
"""


def frame(d: Derivation, name: str | None = None) -> str:
    cells = []
    chain = rows(d, em=BEAMER)
    last = slides_count(d)
    for row in chain:
        k = row.line or next((r.line for r in chain[chain.index(row):] if r.line), last)
        if row.continued:
            cells.append(rf"&\onslide<{k}->{{\quad {row.rhs}}}")
        elif row.rhs is None:
            cells.append(rf"&\onslide<{k}->{{{row.lhs}}}")
        else:
            cells.append(rf"\onslide<{k}->{{{row.lhs}}} &\onslide<{k}->{{= {row.rhs}}}")
    size = r"\small" if len(chain) <= 9 else r"\footnotesize"
    out = [rf"\begin{{frame}}{{{title_of(d, name)}}}", size, r"\begin{align*}", " \\\\\n".join(cells), r"\end{align*}"]
    said = findings(d)
    if said:
        out.append(rf"\onslide<{last}->{{\footnotesize " + " ".join(said) + "}")
    out.append(r"\end{frame}")
    return "\n".join(out)


def slides_count(d: Derivation) -> int:
    """One slide per line of the chain, the pieces' lines included."""
    return len(d.lines) + sum(len(b.derivation.lines) for b in d.branches)


def beamer(derivations: list[Derivation], *, standalone: bool = True, names: list[str | None] | None = None) -> str:
    frames = "\n\n".join(frame(d, names[i] if names else None) for i, d in enumerate(derivations))
    if not standalone:
        return frames + "\n"
    return PREAMBLE + "\\begin{document}\n" + frames + "\n\\end{document}\n"
