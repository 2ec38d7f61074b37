"""Words around the mathematics of a row: prose, lead-ins, tails, remarks and justifications.

A line of words is prose, not a step; "Hence" before a step and "as required" after it are
dropped, a line that starts "Note that" is a remark; a justification after a step ("since ...",
"(using ...)") is dropped, and a clause that names a letter ("where u = 1 + e^-z", "so σ = u^-1")
is a row of its own.  A word next to ``^``, ``*`` or ``/`` is mathematics (``e^kz``), and so are
the words of pieces written as a sentence ("= 1 if z > 0, 0 otherwise"): never dropped unseen.
"""

from __future__ import annotations

import re

from .functions import FUNCTION_NAMES
from .left import left_side
from .tokens import GREEK

_PLAIN_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_(])")
#: (where(...) is a function, but "where u = ..." a remark: a call is never a word, see _PLAIN_WORD)
_KNOWN_WORDS = (FUNCTION_NAMES - {"where"}) | set(GREEK.values()) | {"exp", "dx", "dz", "dt", "dy", "dg", "df"}

#: words before the math of a line: a lead-in ("Hence", "we get:") is dropped; a line that
#: starts with a remark word ("Note that 1 - g = ...") is a remark, not a step
_LEADING_WORDS = re.compile(r"^\s*((?:[A-Za-z]{2,}[,:]?\s+)+)")
_TRAILING_WORDS = re.compile(r"\s+([A-Za-z]{2,}(?:[,.;:!]?\s+[A-Za-z]+)*[,.;:!]?\s*)$")
#: the first word of a tail of words after the math: "for all x", "as required", "by the chain rule"
TAIL_WORDS = {"for", "as", "by", "since", "because", "where", "when", "if", "which", "using", "from", "with", "qed",
              "is", "and", "so", "hence", "thus", "i.e", "ie", "(qed)"}
REMARK_WORDS = {"note", "recall", "since", "because", "where", "with", "using", "remember", "observe", "notice",
                "as", "if", "check", "compare", "similarly", "also"}


#: the first word of a justification in brackets after a step: "(using 1 - g(z) = ...)", "[by (2)]"
_BRACKETED_JUSTIFICATION = {"using", "since", "by", "because", "as", "from", "via", "note", "recall", "apply",
                            "applying"}


def without_bracketed_justification(line: str) -> str:
    """The line without a bracket at its end that justifies the step in words and maths
    ("= g(z)(1 - g(z))  (using 1 - g(z) = e^-z/(1+e^-z))"): a remark, as a tail of words is."""
    end = line.rstrip()
    if not end.endswith((")", "]")):
        return line
    depth = 0
    for k in range(len(end) - 1, -1, -1):
        depth += {")": 1, "]": 1, "(": -1, "[": -1}.get(end[k], 0)
        if depth == 0:
            break
    else:
        return line
    word = re.match(r"\s*([A-Za-z]+)\b", end[k + 1:])
    if word is None or word.group(1).lower() not in _BRACKETED_JUSTIFICATION or "=" not in end[:k] \
            or (k and not end[k - 1].isspace() and end[k - 1] != ","):
        return line
    return end[:k].rstrip().rstrip(",")


def prose_words(text: str, start: int = 0) -> list[str]:
    """The words of text[start:] that are not mathematics (the text before start is their context)."""
    return [m.group() for m in _PLAIN_WORD.finditer(text, start)
            if m.group() not in _KNOWN_WORDS and m.group().lower() not in _KNOWN_WORDS and not _in_math(text, m)]


def _in_math(text: str, m: re.Match) -> bool:
    """A word next to ^ * / (e^kz, ab/ab) or alone in brackets after an operator (e^(kz), σ(kz)):
    mathematics, not a remark; dropped as words, the line would lose its meaning or vanish."""
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if m.group().lower() in TAIL_WORDS | REMARK_WORDS:
        return False
    if before in ("^", "*", "/") or after in ("^", "*", "/"):
        return True
    return before == "(" and after == ")" and m.start() >= 2 and not text[m.start() - 2].isspace()


#: a word that starts a justification or a naming clause after a step, with maths after it:
#: "= 1 - tanh^2(z)   since cosh^2 z - sinh^2 z = 1", "..., where u = 1 + e^-z"
#: (not "for", "if", "when": "= 0 for z < 0" states a piece, it is not cut to "= 0")
_JUSTIFICATION = re.compile(r"(?:\s*,\s*|\s+)\b(since|because|using|as|from|by|where|with|so|hence|thus|therefore)"
                            r"\s+(?=\S)", re.IGNORECASE)
#: words that start a consequence: "Let u = 1 + e^-z, so σ = u^-1" is two rows, each checked
_CONSEQUENCE = {"so", "hence", "thus", "therefore"}


def justified(line: str) -> list[str]:
    """The step, and the clause "where u = ..." or "so σ = u^-1" as a row of its own; a
    justification after the step ("since ...") is dropped.  Columns hold."""
    equals = line.find("=")
    if equals < 0:
        return [line]
    for m in _JUSTIFICATION.finditer(line, equals + 1):  # (no function is named so: these are words)
        rest = line[m.end():]
        if "=" not in rest:
            return [line]  # "= ... as required": a tail of words, cut where such tails are
        word = m.group(1).lower()
        if word in ("where", "with") and (re.match(r"[A-Za-z]\s*=", rest) or defines_used(line[: m.start()], rest)):
            return [line[: m.start()], " " * m.start(1) + line[m.start(1):]]
        if word in _CONSEQUENCE:
            return [line[: m.start()], " " * m.end() + rest]
        return [line[: m.start()]]
    return [line]


def without_lead_in_and_tail(line: str) -> str | None:
    """The line without the words before and after its math ("Hence", "as required"); None
    for a remark ("Note that ...") or a line of words alone.  Columns hold: words become spaces."""
    if "=" not in line:
        return line
    lead = _LEADING_WORDS.match(line)
    if lead and prose_words(lead.group(1)) and len(prose_words(lead.group(1))) == len(lead.group(1).split()):
        word = lead.group(1).split()[0].lower().strip(",:")
        if word in REMARK_WORDS and not re.match(r"\s*[A-Za-z]\s*=", line[lead.end():]) \
                and not (word in ("where", "with") and _DEFINED_AFTER.match(line, lead.end())):
            return None  # "Note that 1 - g = ...": a remark; "where u = 1 + e^-z" names u
        line = " " * lead.end() + line[lead.end():]
    tail = _TRAILING_WORDS.search(line)
    if tail and tail.group(1).split()[0].lower().strip(",.;:!") in TAIL_WORDS:
        line = line[: tail.start()]
    return line


#: the words of a derivative by cases written as a sentence ("1 if z > 0, 0 otherwise")
_PIECE_WORDS = {"for", "if", "otherwise", "when", "else", "and", "or"}


def is_prose(line: str) -> bool:
    if "=" in line and left_side(line.split("=", 1)[0].strip(), False) is not None:
        return False  # g'(z) = 0 if z > 0, 1 if z < 0: a step (perhaps unreadable), never dropped unseen
    if re.match(r"\s*=(?![=>])", line) and len([w for w in prose_words(line) if w.lower() not in _PIECE_WORDS]) < 2:
        return False  # "= 7 for z > 0, 0 for z < 0": a step (pieces as a sentence), never dropped unseen
    words = prose_words(line)
    return len(words) >= 2 or (len(words) == 1 and "=" not in line and len(words[0]) >= 3)


#: "s(z) =" at the start of a clause: a function of a letter defined
_DEFINED_AFTER = re.compile(r"(?:\s|\\[,;: ])*(?P<name>[A-Za-z])\s*\(\s*[A-Za-z]\s*\)\s*&?\s*=")


def defines_used(before: str, clause: str) -> bool:
    """Whether ``clause`` (after "where") defines a function of one letter that the step before
    it applies ("g(z) = z s(z), where s(z) = 1/(1 + e^-z)"): then a row of its own, as "where u = ..." is."""
    m = _DEFINED_AFTER.match(clause)
    return m is not None and re.search(r"(?<![A-Za-z\\])%s\s*(?:'|\()" % m.group("name"), before) is not None
