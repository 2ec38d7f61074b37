"""Markdown for GitHub and Jupyter: the chain as ``aligned`` inside ``$$``, then what each
line does, as a numbered list, and what the derivation establishes besides.

Every word that reaches the file is escaped: Markdown's own specials, and ``<``, ``>``,
``&`` as HTML entities, so that a title such as ``<img src=x onerror=...>`` is text.
"""

from __future__ import annotations

from ..engine.derivation import Derivation
from ..errors import DeriveError
from .facts import facts
from .latex import aligned
from .linear import note_text


def markdown(d: Derivation, *, name: str | None = None) -> str:
    title = name or d.name or f"g({d.var}) = {note_text(((d.definition,),), unicode=True)}"
    if d.order > 1:
        title += f", derivative of order {d.order}"
    out = [f"### {escape(title)}", "", "$$", aligned(d), "$$", ""]
    number = 0
    for chain in [d] + [b.derivation for b in d.branches]:
        for line in chain.lines:
            number += 1
            out.append(f"{number}. {_sentence(escape(note_text(line.note)))}")
    found = facts(d)
    if found:
        out.append("")
        out.extend(f"- {_sentence(escape(note_text(f)))}" for f in found)
    return "\n".join(out) + "\n"


def document(derivations: list[Derivation], *, title: str, names: list[str | None] | None = None) -> str:
    """Notes in Markdown: a heading, then a section per function."""
    body = "\n".join(markdown(d, name=names[i] if names else None) for i, d in enumerate(derivations))
    return f"# {escape(title)}\n\n" + body


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] if words[:1].isalpha() else words


_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def escape(words: str) -> str:
    """Markdown's specials made literal (a formula's * or _ is not emphasis), HTML's as
    entities; a control character is refused with one line."""
    bad = next((c for c in words if (ord(c) < 32 and c not in "\t") or 0x7F <= ord(c) < 0xA0), None)
    if bad is not None:
        raise DeriveError(f"a control character ({bad!r}) cannot go into Markdown: {words[:40]!r}")
    return "".join(_ENTITIES.get(c) or ("\\" + c if c in "\\`*_[]#|!" else c) for c in words.replace("\t", " "))
