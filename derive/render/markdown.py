"""Markdown for GitHub and Jupyter: the chain as ``aligned`` inside ``$$``, then what each
line does, as a numbered list."""

from __future__ import annotations

from ..engine.derivation import Derivation
from .facts import facts
from .latex import aligned
from .linear import note_text


def markdown(d: Derivation) -> str:
    title = d.name or f"g({d.var}) = {note_text(((d.definition,),), unicode=True)}"
    out = [f"### {_escape(title)}", "", "$$", aligned(d, facts=False), "$$", ""]
    number = 0
    for chain in [d] + [b.derivation for b in d.branches]:
        for line in chain.lines:
            number += 1
            out.append(f"{number}. {_escape(note_text(line.note))}")
    found = facts(d)
    if found:
        out.append("")
        out.extend(f"- {_escape(note_text(f))}" for f in found)
    return "\n".join(out) + "\n"


def _escape(words: str) -> str:
    """Markdown's own specials made literal, so that a formula's * or _ is not emphasis."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in words)

