"""One row of a LaTeX display cleaned to its mathematics.

Annotations (``\\tag``, ``\\label``, ``\\nonumber``, ``\\eqno``, a ``\\text{...}`` at the end, an
equation number set apart, a domain ``z \\in \\mathbb{R}``) become spaces (columns hold), so do
a lead-in ``\\text{Hence}``, an arrow before the left side, align's comment column and ``&``; a
row ``\\text{for } z < 0\\text{:}`` (or ``\\intertext{For $z > 0$:}``) is a ``Heading``, its
condition; a remark or a sentence is nothing (None).
"""

from __future__ import annotations

import re

from .functions import FUNCTION_NAMES
from .left import left_side
from .pasted import physics_package
from .prose import REMARK_WORDS, TAIL_WORDS, is_prose
from .row import MAX_ROW, defines_as_equals, nested, outside, split_equals, without_nested

_ANNOTATION = re.compile(r"\\(?:tag\*?|label|intertext|shortintertext)\s*\{[^{}]*\}|\\(?:nonumber|notag|blacksquare|square|qed|qedhere|checkmark|Box)\b")
_TEXT = r"\\(?:text|textrm|textit|textbf|mbox|mathrm)\s*\{[^{}]*\}"
_SPACE = r"(?:\s|\\q?quad\b|\\[,;:! ]|~)*"
_TRAILING_TEXT = re.compile(
    rf"{_SPACE}(?:\({_SPACE}{_TEXT}(?:[^()]*)\)|{_TEXT}|\\hfill)[\s.,;:]*$")
#: an equation number set apart by hand: "\qquad (2)", "\hfill (3.1)", "\quad \text{(4)}" (a label, as \tag{2})
_TRAILING_NUMBER = re.compile(
    rf"(?:\\q?quad\b|\\hfill\b){_SPACE}(?:\({_SPACE}\d+(?:\.\d+)*[a-z]?{_SPACE}\)|\\text\s*\{{\s*\(\s*\d+(?:\.\d+)*[a-z]?\s*\)\s*\}})[\s.,;:]*$")
#: plain TeX's equation number: "$$ ... \eqno(2) $$" (to the end of the display)
_EQNO = re.compile(r"\\l?eqno\b.*$")
#: a domain stated after the maths: ", \quad z \in \mathbb{R}", "\quad \forall z", "\forall z \in \mathbb{R}"
_REALS = r"(?:\\mathbb\s*\{?\s*R\s*\}?|\\Bbb\s*\{?\s*R\s*\}?|\\mathbf\s*\{\s*R\s*\}|\\R\b|\(\s*-\s*\\infty\s*,\s*\\infty\s*\))"
_TRAILING_DOMAIN = re.compile(
    rf"(?:{_SPACE}\\forall\s*\{{?\s*[A-Za-z]\s*\}}?(?:\s*\\in\s*{_REALS})?"
    rf"|\s*(?:,{_SPACE}|(?:\\q?quad\b{_SPACE})+)[A-Za-z]\s*\\in\s*{_REALS})[\s.,;:]*$")
_LEADING_TEXT = re.compile(rf"^{_SPACE}(?:&{_SPACE})?{_TEXT}{_SPACE}")
_FUNCTION_TEXT = re.compile(r"\\(?:text|textrm|mathrm|operatorname)\s*\{\s*(?:%s|e|d)\s*\}" % "|".join(
    sorted((FUNCTION_NAMES - {"where"}) | {"artanh", "arsinh", "arcosh", "ReLU"}, key=len, reverse=True)))


class Heading(str):
    """A row "\\text{for } z < 0\\text{:}": the condition of the rows under it."""


_RELATION = re.compile(r"<|>|\\le|\\ge|\\lt|\\gt")
#: "\text{for } z < 0\text{:}", "\text{For } z > 0,", "\text{Case 1: } z > 0" (any case)
_HEADING = re.compile(r"^\s*(?:&\s*)?\\(?:text|textrm|mbox)\s*\{\s*(?:for|if|when|case(?:\s*\d+)?)\s*:?\s*\}"
                      r"(?P<condition>.*?)(?:\\text\s*\{\s*[:,]?\s*\}|[:,])?[\s.]*$", re.IGNORECASE)
#: "\intertext{For $z > 0$:}" (amsmath's text between rows): a heading when it states a relation
INTERTEXT = re.compile(r"^\s*\\(?:short)?intertext\s*\{\s*(?P<words>[A-Za-z]+(?:\s*\d+)?\s*:?)\s*"
                       r"\$(?P<condition>[^${}]*)\$\s*[:,.]?\s*\}")


def clean_latex_row(row: str, *, bare: bool) -> str | None:
    """The row's mathematics with annotations replaced by spaces; None for prose or nothing."""
    row = row.replace("\n", " ").replace("\t", " ")
    if len(row) > MAX_ROW:
        return row  # too long to be one step: left as it is, to be reported unreadable
    intertext = INTERTEXT.match(row)
    if intertext is not None and not row[intertext.end():].strip() and _RELATION.search(intertext.group("condition")) \
            and _HEADING.match("\\text{%s}" % intertext.group("words")):
        return Heading(intertext.group("condition"))
    row = _ANNOTATION.sub(lambda m: " " * len(m.group()), row)
    row = _EQNO.sub(lambda m: " " * len(m.group()), row)
    if "v" in row and ("\\dv" in row or "\\pdv" in row or "\\odv" in row or "\\qty" in row):
        row = physics_package(row)
    row = _without_comment_column(_without_arrow(defines_as_equals(row)))
    while True:
        m = _TRAILING_TEXT.search(row) or _TRAILING_DOMAIN.search(row) or _TRAILING_NUMBER.search(row)
        if m is None or _FUNCTION_TEXT.search(m.group()):
            break
        row = row[: m.start()]
    heading = _HEADING.match(row)
    if heading is not None and _RELATION.search(heading.group("condition")):
        return Heading(heading.group("condition"))
    m = _LEADING_TEXT.match(row)
    if m is not None and not _FUNCTION_TEXT.search(m.group()):
        words = re.findall(r"[A-Za-z]+", re.sub(r"\\[A-Za-z]+", " ", m.group()))
        if words and words[0].lower() in REMARK_WORDS and not re.match(r"\s*[A-Za-z]\s*&?\s*=", row[m.end():]):
            return None  # "\text{with } \alpha = 0.01", "\text{note } ...": a remark
        if words and words[0].lower() in REMARK_WORDS:
            # "\text{where } u = 1 + e^{-z}" names u (or, "with k = 2", gives a parameter's value):
            # derive.check.document decides which
            return " " * m.end() + row[m.end():]
        if "=" not in without_nested(row):
            return None  # "\text{for } z < 0:", "\text{with } k \text{ kept}": a heading, not a step
        row = " " * m.end() + row[m.end():]
    spans = nested(row)
    row = "".join(" " if c == "&" and outside(spans, k) else c for k, c in enumerate(row)).rstrip()
    row = re.sub(r"(?:\\[,;:! ]|\\q?quad\b|~|\s)+$", "", row).rstrip(".,;:")
    if not row.strip():
        return None
    middle = _middle_text(row)
    if middle is not None:
        if "=" not in without_nested(row[:middle.start()]):
            return None  # text in the middle of a row that is no step: a sentence
        words = re.findall(r"[A-Za-z]+", middle.group())
        if len(words) > 1 and words[1].lower() in TAIL_WORDS | REMARK_WORDS | {"i", "for", "all"}:
            # "&= 1 + \tanh^2 z \quad \text{since } ... = 1": the step, then a remark (cut, so
            # the step is checked; never dropped with it)
            row = re.sub(r"(?:\\[,;:! ]|\\q?quad\b|~|\s|[,(])+$", "", row[:middle.start()]).rstrip(".,;:")
        # any other text in a step stays: the row is reported unreadable, never dropped unseen
    if bare and _is_latex_prose(row):
        return None
    return row


#: a column of comments after the equation, as align sets them: "&= ... && \text{(factor out } g\text{)}"
_COMMENT_COLUMN = re.compile(rf"&&?(?={_SPACE}(?:\(\s*)?\\(?:text|textrm|textit|textbf|mbox|textnormal)\s*\{{)")


def _without_comment_column(row: str) -> str:
    """The row without the comment column after its equation (whatever the text holds: words,
    maths, a brace split across \\text groups); the equation before it is the step."""
    if "&" not in row or "\\text" not in row and "\\mbox" not in row:
        return row
    spans = nested(row)
    for m in _COMMENT_COLUMN.finditer(row):
        if outside(spans, m.start()) and "=" in without_nested(row[: m.start()]) \
                and split_equals(without_nested(row[: m.start()]).replace("&", " "))[-1].strip():
            return row[: m.start()]
    return row


def _middle_text(row: str) -> re.Match | None:
    """The first \\text{...} of a row that is not a function's name (\\text{sech}), outside cases."""
    spans = nested(row)
    for m in re.finditer(_TEXT, row):
        if outside(spans, m.start()) and not _FUNCTION_TEXT.fullmatch(m.group()):
            return m
    return None


_ARROW = re.compile(r"^\s*(?:&\s*)?\\(?:Rightarrow|Longrightarrow|implies|therefore|to|rightarrow|longrightarrow)"
                    r"(?![A-Za-z])\s*")


def _without_arrow(row: str) -> str:
    """The row without an arrow before its left side (\\Rightarrow g'(z) &= ...): spaces, columns hold."""
    m = _ARROW.match(row)
    if m is None:
        return row
    rest = row[m.end():]
    if "=" not in rest or left_side(rest.split("=", 1)[0].replace("&", " ").strip(), True) is None:
        return row
    return " " * m.end() + rest


def _is_latex_prose(row: str) -> bool:
    plain = re.sub(r"\\[A-Za-z]+", " ", row)
    return is_prose(plain)
