r"""Beamer slides that reveal the chain one line at a time, as the lecture's slides do.

``\pause`` inside ``align*`` reveals the wrong rows, so every cell carries an explicit
overlay specification, ``\onslide<k->{...}``: row k appears on slide k and stays.  A
frame has as many slides (PDF pages) as it has rows.
"""

from __future__ import annotations

from ..engine.derivation import Derivation
from .document import title_of
from .latex import rows

PREAMBLE = r"""\documentclass{beamer}
\usepackage{amsmath,amssymb}
\setbeamertemplate{navigation symbols}{}
"""


def frame(d: Derivation) -> str:
    cells = []
    for k, row in enumerate(rows(d), start=1):
        if row.rhs is None:
            cells.append(rf"&\onslide<{k}->{{{row.lhs}}}")
        else:
            cells.append(rf"\onslide<{k}->{{{row.lhs}}} &\onslide<{k}->{{= {row.rhs}}}")
    return "\n".join([
        rf"\begin{{frame}}{{{title_of(d)}}}",
        r"\small",
        r"\begin{align*}",
        " \\\\\n".join(cells),
        r"\end{align*}",
        r"\end{frame}",
    ])


def slides_count(d: Derivation) -> int:
    return len(rows(d))


def beamer(derivations: list[Derivation], *, standalone: bool = True) -> str:
    frames = "\n\n".join(frame(d) for d in derivations)
    if not standalone:
        return frames + "\n"
    return PREAMBLE + "\\begin{document}\n" + frames + "\n\\end{document}\n"
