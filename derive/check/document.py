"""A hand derivation cut into steps and read: ``g(z) = ...``, ``= ...``, ``g'(z) = ...``.

LaTeX (recognised by a backslash or a ``$``): the math of ``aligned``, ``align``,
``equation`` (with ``split``), ``gather``, ``alignat``, ``multline``, ``eqnarray``
environments, ``\\[...\\]``, ``$$...$$`` and ``$...$`` alone on a line is read; the
preamble of a whole ``.tex`` document and the prose between displays are not (an
inline ``$...$`` inside a sentence is prose).  Rows split at ``\\\\``; ``&`` is ignored;
annotations (``\\text{...}`` at the end, ``\\tag``, ``\\label``, ``\\nonumber``,
``\\\\[4pt]``, trailing ``,`` and ``.``) are dropped; a row that begins with ``+`` or
``-`` continues the row before it.  Plain text has one step per line; lines of prose
are skipped.  In both, several ``=`` on one line are several steps; ``:=`` and
``\\equiv`` are equals signs.

The author's names are kept: the function and its variable come from the first
definition (``g(z) =``, ``f(x) :=``, ``\\sigma(x) =``, ``\\tanh(x) =``, ``y =``), else from
the first derivative's left side (``\\sigma'(x) =``, ``dy/dx =``), else from the caller.
Steps are numbered from 1 in the order they appear, definition lines included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sympy import Expr, Symbol

from ..engine.functions import variable
from ..parse import ParseError, looks_like_latex
from ..parse.expression import Parser
from ..parse.functions import FUNCTION_NAMES
from ..parse.left import LeftSide, left_side
from ..parse.tokens import GREEK

MAX_TEXT = 100_000  # characters in one derivation
MAX_STEPS = 200
MAX_STEP = 4000  # characters in one step


@dataclass(frozen=True)
class Step:
    index: int  # 1-based, in the order the steps appear
    order: int | None  # 0 for "g(z) =", 1 for "g'(z) =", ...; None for "= ..."
    text: str  # the right-hand side as written
    latex: bool
    offset: int = 0  # characters before ``text`` in its source row: columns count from the row
    #: the right-hand side read in the canonical notation: g(v) is the activation,
    #: Derivative(g(v), (v, k)) its k-th derivative, Derivative(e, v) an unevaluated d/dv
    #: (None: unreadable, and ``error`` says why)
    expr: Expr | None = None
    error: ParseError | None = None
    remark: str = ""  # the reading chosen where a text reads two ways, when it matters
    row: int = 0  # 1-based line of the source text the step starts on (0: unknown)


@dataclass(frozen=True)
class Document:
    """A hand derivation read: its steps and the names its author used."""

    steps: tuple[Step, ...]
    var: Symbol  # the variable as written (z, x, t), a real Symbol
    function: str = "g"  # the function's name as written in text: g, f, σ, tanh, y
    function_latex: str = "g"  # the same in LaTeX: g, f, \sigma, \tanh
    latex: bool = False


class DocumentError(ValueError):
    """The text cannot be cut into steps at all (empty, too long, no equals sign)."""


@dataclass(frozen=True)
class _Row:
    text: str
    line: int  # 1-based line of the source
    latex: bool
    heading: bool = False  # "for z < 0:": text is the condition of the rows that follow
    region: int = 0  # the display the row is in: a heading holds to the end of its display


def read_document(text: str, *, var: str | None = None, function_name: str | None = None) -> Document:
    """The steps of ``text``, each read into an expression (or its reason for being unreadable)."""
    pieces = _pieces(text)
    name, var_name = _names(pieces, var, function_name)
    pieces = _kept(pieces, name)
    steps = []
    for piece, lhs in pieces:
        order = _order(lhs, piece, name)
        try:
            parser = Parser(piece.text, var=var_name, notation=True, latex=piece.latex, function=name,
                            max_length=MAX_STEP)
            expr = parser.run()
            step = Step(len(steps) + 1, order, piece.text, piece.latex, piece.offset, expr=expr,
                        remark="; ".join(dict.fromkeys(parser.remarks)), row=piece.row)
        except ParseError as e:
            step = Step(len(steps) + 1, order, piece.text, piece.latex, piece.offset, error=e, row=piece.row)
        except RecursionError:
            step = Step(len(steps) + 1, order, piece.text, piece.latex, piece.offset,
                        error=ParseError("nested too deeply to read"), row=piece.row)
        steps.append(step)
    steps = _on_pieces(steps, [piece for piece, _ in pieces], var_name, name)
    text_name, latex_name = _spelled(name)
    return Document(tuple(steps), variable(var_name), text_name, latex_name,
                    latex=any(s.latex for s in steps))


def read_steps(text: str) -> list[Step]:
    """The steps of ``text``, not yet read (order as far as the left sides tell)."""
    pieces = _pieces(text)
    name, _ = _names(pieces, None, None)
    pieces = _kept(pieces, name)
    return [Step(i + 1, _order(lhs, piece, name), piece.text, piece.latex, piece.offset, row=piece.row)
            for i, (piece, lhs) in enumerate(pieces)]


# --- pieces: "for z < 0:" and the steps under it ------------------------------

def _on_pieces(steps: list[Step], pieces: list["_Piece"], var: str, name: str) -> list[Step]:
    """Steps under a heading "for z < 0:" say nothing elsewhere: each reads
    Piecewise((its value, z < 0), (what it must equal there: g or its derivative, True)).
    Where g is defined only by its pieces, the first g(z) line is all of them."""
    from dataclasses import replace

    from sympy import Derivative, Piecewise

    from ..engine.functions import g

    z = variable(var)
    conditions: dict[int, object] = {}
    out = []
    order = 0
    previous_heading = None
    definition_pieces = []
    for step, piece in zip(steps, pieces):
        heading = piece.condition
        if heading is None:
            out.append(step)
            order = step.order if step.order is not None else order
            continue
        if heading is not previous_heading:
            order, previous_heading = 0, heading
        order = step.order if step.order is not None else order
        if id(heading) not in conditions:
            conditions[id(heading)] = _condition(heading, var, name)
        condition = conditions[id(heading)]
        if isinstance(condition, ParseError):
            out.append(replace(step, expr=None, error=ParseError(
                f"the condition of this piece ({heading.text.strip()[:40]}) cannot be read: {condition.reason}")))
            continue
        if step.expr is None:
            out.append(step)
            continue
        if step.order == 0:
            definition_pieces.append((step.expr, condition))
        fallback = g(z) if order == 0 else Derivative(g(z), (z, order))
        remark = f"read for {heading.text.strip()} only"
        out.append(replace(step, expr=Piecewise((step.expr, condition), (fallback, True)),
                           remark="; ".join(r for r in (step.remark, remark) if r)))
    first = next((k for k, st in enumerate(out) if st.order == 0), None)
    if first is not None and pieces[first].condition is not None and definition_pieces \
            and not any(e.has(g(z)) for e, _ in definition_pieces):
        out[first] = replace(out[first], expr=Piecewise(*definition_pieces),
                             remark="g is defined by its pieces, one g(z) line under each heading")
    return out


def _condition(heading: "_Row", var: str, name: str):
    """The relation a heading states, or its ParseError."""
    try:
        parser = Parser(heading.text, var=var, notation=True, latex=heading.latex, function=name,
                        max_length=MAX_STEP)
        condition = parser.condition()
        if parser.peek().kind != "end":
            raise parser.error(f"unexpected {parser.peek().text!r}")
        return condition
    except ParseError as e:
        return e


# --- names ------------------------------------------------------------------

_SPELLING = {"sigma": ("σ", "\\sigma"), "tanh": ("tanh", "\\tanh"), "sigmoid": ("sigmoid", "\\operatorname{sigmoid}")}
_GREEK_LETTER = {v: k for k, v in GREEK.items()}


def _spelled(name: str) -> tuple[str, str]:
    if name in _SPELLING:
        return _SPELLING[name]
    if name in _GREEK_LETTER:
        return _GREEK_LETTER[name], "\\" + name
    return name, name


def _canonical(name: str) -> str:
    name = name.strip().lstrip("\\")
    name = GREEK.get(name, name)
    return {"σ": "sigma"}.get(name, name)


def _names(pieces, var: str | None, function_name: str | None) -> tuple[str, str]:
    """(the function's name as the grammar reads it, the variable's name)."""
    sides = [lhs for piece, lhs in pieces if piece.candidate]
    named = _canonical(function_name) if function_name else None
    chosen = None
    if named is None:
        chosen = next((s for s in sides if s.order == 0 and s.var is not None), None) \
            or next((s for s in sides if s.order > 0), None) \
            or next((s for s in sides if s.order == 0), None)
        named = chosen.name if chosen is not None else "g"
    found = chosen.var if chosen is not None and chosen.var else None
    if found is None:
        found = next((s.var for s in sides if s.name == named and s.var), None)
    if found is None:
        found = next((lhs.var for _, lhs in pieces if lhs is not None and lhs.var), None)
    if found is None:  # y = 1/(1 + e^{-x}): the one letter of the definition
        found = _lone_letter([p.text for p, lhs in pieces if lhs is not None and not p.candidate
                              and lhs.name == named and lhs.order == 0], named)
    return named, found or var or "z"


def _lone_letter(texts: list[str], name: str) -> str | None:
    """The one letter a definition y = ... is written in, if there is exactly one."""
    for text in texts[:1]:
        letters = set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", text)) - {"e", "d", name}
        if len(letters) == 1:
            return letters.pop()
    return None


def _kept(pieces, name: str):
    """The pieces without the left sides that name the author's function (g(z) in g(z) = ...)."""
    return [(piece, lhs) for piece, lhs in pieces if not (piece.candidate and lhs.name == name)]


def _order(lhs: LeftSide | None, piece: "_Piece", name: str) -> int | None:
    if piece.candidate:
        return None
    if lhs is None or piece.continues:
        return None
    if lhs.kind == "expression" or lhs.name == name:
        return lhs.order
    return None


# --- cutting the text into pieces -------------------------------------------

@dataclass(frozen=True)
class _Piece:
    text: str
    offset: int
    row: int
    latex: bool
    continues: bool  # a "= ..." piece: the left side belongs to an earlier piece
    candidate: bool = False  # a left side naming a function: a step only if not the author's
    condition: "_Row | None" = None  # the heading ("for z < 0:") the step is under


def _pieces(text: str) -> list[tuple[_Piece, LeftSide | None]]:
    """Each step's text with the left side that names it (None for "= ...")."""
    if len(text) > MAX_TEXT:
        raise DocumentError(f"the derivation is {len(text)} characters long; at most {MAX_TEXT} are read")
    out: list[tuple[_Piece, LeftSide | None]] = []
    heading: _Row | None = None
    for row in _rows(text):
        if heading is not None and row.region != heading.region:
            heading = None
        if row.heading:
            heading = row
            continue
        segments = _split_equals(row.text)
        if len(segments) == 1:
            if not out:
                raise DocumentError("the first line has no '=': start with g(z) = ...")
            segments = ["", *segments]  # a bare expression continues the chain
        first = segments[0].strip()
        lhs = left_side(first, row.latex) if first else None
        offset = len(segments[0]) + 1
        rest = segments[1:]
        if first and (lhs is None or lhs.kind == "function"):
            # "A = B": A is a step of its own, unless it names the author's function, which is
            # known only once every left side is seen; d/dz [...] is a left side of that order
            lead = len(segments[0]) - len(segments[0].lstrip())
            out.append((_Piece(first, lead, row.line, row.latex, False, candidate=lhs is not None,
                               condition=heading), lhs))
        for i, segment in enumerate(rest):
            stripped = segment.strip()
            lead = len(segment) - len(segment.lstrip())
            if stripped:
                out.append((_Piece(stripped, offset + lead, row.line, row.latex, continues=i > 0 or lhs is None,
                                   condition=heading), lhs if i == 0 else None))
            offset += len(segment) + 1
            if len(out) > MAX_STEPS:
                raise DocumentError(f"more than {MAX_STEPS} steps")
    if not out:
        raise DocumentError("there is no derivation in the text")
    return out


def _split_equals(row: str) -> list[str]:
    """Split at '=' outside brackets and braces ('<=' and '>=' are not split)."""
    out, depth, start = [], 0, 0
    spans = _nested(row)
    for i, c in enumerate(row):
        if not _outside(spans, i):
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif c == "=" and depth == 0 and (i == 0 or row[i - 1] not in "<>!") and row[i + 1: i + 2] != "=":
            out.append(row[start:i])
            start = i + 1
    out.append(row[start:])
    return out


#: equals signs of a definition, replaced by '=' padded to the same length (columns hold)
_DEFINES = re.compile(r":=|\\coloneqq|\\equiv|\\triangleq|\\doteq|≡|≔|\\stackrel\{[^{}]*\}\{=\}|\\overset\{[^{}]*\}\{=\}")


def _defines_as_equals(text: str) -> str:
    return _DEFINES.sub(lambda m: " " * (len(m.group()) - 1) + "=", text)


def _rows(text: str) -> list[_Row]:
    if "\\" in text or "$" in text:
        return _latex_rows(text)
    return _plain_rows(text)


# --- plain text ---------------------------------------------------------------

_PLAIN_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_(])")
_KNOWN_WORDS = FUNCTION_NAMES | set(GREEK.values()) | {"exp", "dx", "dz", "dt", "dy", "dg", "df"}
_TRAILING_REMARK = re.compile(r"\s*(?:\(\s*[A-Za-z][A-Za-z ,.'’:;-]*\)|\[\s*[A-Za-z][A-Za-z ,.'’:;-]*\]|#.*|--.*)\s*$")
#: words before the math of a line: a lead-in ("Hence", "we get:") is dropped; a line that
#: starts with a remark word ("Note that 1 - g = ...") is a remark, not a step
_LEADING_WORDS = re.compile(r"^\s*((?:[A-Za-z]{2,}[,:]?\s+)+)")
_TRAILING_WORDS = re.compile(r"\s+([A-Za-z]{2,}(?:[,.;:!]?\s+[A-Za-z]+)*[,.;:!]?\s*)$")
#: the first word of a tail of words after the math: "for all x", "as required", "by the chain rule"
_TAIL_WORDS = {"for", "as", "by", "since", "because", "where", "when", "if", "which", "using", "from", "with", "qed",
               "is", "and", "so", "hence", "thus", "i.e", "ie", "(qed)"}
_REMARK_WORDS = {"note", "recall", "since", "because", "where", "with", "using", "remember", "observe", "notice",
                 "as", "if", "check", "compare", "similarly", "also"}


def _prose_words(text: str) -> list[str]:
    return [w for w in _PLAIN_WORD.findall(text) if w not in _KNOWN_WORDS and w.lower() not in _KNOWN_WORDS]


def _plain_rows(text: str) -> list[_Row]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _defines_as_equals(line.rstrip())
        remark = _TRAILING_REMARK.search(line)
        if remark and _prose_words(remark.group()):
            line = line[: remark.start()]
        heading = _PLAIN_HEADING.match(line)
        if heading is not None and re.search(r"[<>≤≥]", heading.group("condition")):
            rows.append(_Row(heading.group("condition").replace("≤", "<=").replace("≥", ">="), number, False,
                             heading=True))
            continue
        line = _without_lead_in_and_tail(line)
        if line is None:
            continue
        line = line.rstrip().rstrip(".,;:")
        if not line.strip() or _is_prose(line):
            continue
        rows.append(_Row(line, number, looks_like_latex(line)))
    return _joined(rows)


def _without_lead_in_and_tail(line: str) -> str | None:
    """The line without the words before and after its math ("Hence", "as required"); None
    for a remark ("Note that ...") or a line of words alone.  Columns hold: words become spaces."""
    if "=" not in line:
        return line
    lead = _LEADING_WORDS.match(line)
    if lead and _prose_words(lead.group(1)) and len(_prose_words(lead.group(1))) == len(lead.group(1).split()):
        if lead.group(1).split()[0].lower().strip(",:") in _REMARK_WORDS:
            return None
        line = " " * lead.end() + line[lead.end():]
    tail = _TRAILING_WORDS.search(line)
    if tail and tail.group(1).split()[0].lower().strip(",.;:!") in _TAIL_WORDS:
        line = line[: tail.start()]
    return line


def _is_prose(line: str) -> bool:
    words = _prose_words(line)
    return len(words) >= 2 or (len(words) == 1 and "=" not in line and len(words[0]) >= 3)


def _joined(rows: list[_Row]) -> list[_Row]:
    """A row that starts with + or - (or \\cdot) continues the row before it."""
    out: list[_Row] = []
    for row in rows:
        if out and not row.heading and not out[-1].heading \
                and re.match(r"(?:\s|\\q?quad\b|\\[,;:! ])*(?:[+\-−]|\\cdot|\\times)", row.text):
            previous = out[-1]
            out[-1] = _Row(previous.text + " " + row.text.strip(), previous.line, previous.latex or row.latex,
                           region=previous.region)
        else:
            out.append(row)
    return out


# --- LaTeX --------------------------------------------------------------------

_MATH_ENVIRONMENTS = ("align", "aligned", "equation", "gather", "gathered", "multline", "eqnarray", "alignat",
                      "alignedat", "flalign", "split", "displaymath", "math", "dmath")
_REGION = re.compile(
    r"\\begin\{(?P<env>(?:%s)\*?)\}|\\\[|\$\$|\\\(|\$" % "|".join(_MATH_ENVIRONMENTS))
_INNER = re.compile(r"\\(?:begin|end)\{(?:aligned|split|gathered|alignedat|array)\*?\}(?:\[[a-z]\])?(?:\{[^{}]*\})?")
_ROW_BREAK = re.compile(r"\\\\\*?(?:\s*\[\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|bp|mu|sp)\s*\])?")
_ANNOTATION = re.compile(r"\\(?:tag\*?|label|intertext|shortintertext)\s*\{[^{}]*\}|\\(?:nonumber|notag)\b")
_TEXT = r"\\(?:text|textrm|textit|textbf|mbox|mathrm)\s*\{[^{}]*\}"
_SPACE = r"(?:\s|\\q?quad\b|\\[,;:! ]|~)*"
_TRAILING_TEXT = re.compile(
    rf"{_SPACE}(?:\({_SPACE}{_TEXT}(?:[^()]*)\)|{_TEXT}|\\hfill)[\s.,;:]*$")
_LEADING_TEXT = re.compile(rf"^{_SPACE}(?:&{_SPACE})?{_TEXT}{_SPACE}")
_FUNCTION_TEXT = re.compile(r"\\(?:text|textrm|mathrm|operatorname)\s*\{\s*(?:%s|e|d)\s*\}" % "|".join(
    sorted(FUNCTION_NAMES | {"artanh", "arsinh", "arcosh", "ReLU"}, key=len, reverse=True)))


def _comment_free(text: str) -> str:
    """Comments (% to the end of the line, not \\%) replaced by spaces: positions hold."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), text)


def _latex_rows(text: str) -> list[_Row]:
    text = _comment_free(text)
    body_start = 0
    begin = text.find("\\begin{document}")
    if begin >= 0:
        body_start = begin + len("\\begin{document}")
        end = text.find("\\end{document}", body_start)
        text = text[:end] if end >= 0 else text
    regions = list(_regions(text, body_start))
    if not regions and begin < 0:
        regions = [(0, text, "bare")]
    rows: list[_Row] = []
    for start, content, kind in regions:
        content = _INNER.sub(lambda m: " " * len(m.group()), content)
        if kind.startswith("alignat"):
            content = re.sub(r"^\s*\{\d+\}", lambda m: " " * len(m.group()), content)
        if kind.startswith("multline"):
            content = _ROW_BREAK.sub(lambda m: " " * len(m.group()), content)
        position = start
        if kind != "bare" or "\\\\" in content:
            pieces, breaks = _split_rows(content)
        else:
            pieces = content.split("\n")
            breaks = ["\n"] * (len(pieces) - 1)
        for k, piece in enumerate(pieces):
            leading = piece[: len(piece) - len(piece.lstrip())]
            line = text.count("\n", 0, position) + 1 + leading.count("\n")
            if "\n" in leading:  # the row starts on its own line: columns count from there
                piece = piece[leading.rindex("\n") + 1:]
            row = _clean_latex_row(piece, bare=kind == "bare")
            if row is not None:
                rows.append(_Row(row, line, True, heading=isinstance(row, _Heading), region=start))
            position += len(piece) + (len(breaks[k]) if k < len(breaks) else 0)
    return _joined(rows)


_NESTED = re.compile(r"\\begin\{(cases|dcases|array|matrix|pmatrix|bmatrix)\}.*?\\end\{\1\}", re.DOTALL)


def _nested(row: str) -> list[tuple[int, int]]:
    """The spans of environments inside a row (cases): their \\\\, & and text are their own."""
    return [m.span() for m in _NESTED.finditer(row)]


def _outside(spans, position: int) -> bool:
    return not any(a <= position < b for a, b in spans)


def _split_rows(content: str) -> tuple[list[str], list[str]]:
    """The rows of an environment, split at \\\\ outside nested cases, and the breaks between them."""
    spans = _nested(content)
    pieces, breaks, start = [], [], 0
    for m in _ROW_BREAK.finditer(content):
        if _outside(spans, m.start()):
            pieces.append(content[start: m.start()])
            breaks.append(m.group())
            start = m.end()
    pieces.append(content[start:])
    return pieces, breaks


def _regions(text: str, start: int):
    """(start, content, kind) of each display: environments, \\[ \\], $$ $$, and $ $ alone on a line."""
    position = start
    while True:
        m = _REGION.search(text, position)
        if m is None:
            return
        opener = m.group()
        if m.group("env"):
            env = m.group("env")
            close = text.find("\\end{%s}" % env, m.end())
            closer_length = len("\\end{%s}" % env)
            kind = env
        else:
            closer = {"\\[": "\\]", "$$": "$$", "\\(": "\\)", "$": "$"}[opener]
            close = _find_closer(text, closer, m.end())
            closer_length = len(closer)
            kind = opener
        if close < 0:
            raise DocumentError(f"line {text.count(chr(10), 0, m.start()) + 1}: {opener} is never closed")
        content = text[m.end(): close]
        if kind in ("$", "\\(") and not _alone_on_its_line(text, m.start(), close + closer_length):
            position = close + closer_length  # inline math inside a sentence: prose
            continue
        yield m.end(), content, kind
        position = close + closer_length


def _find_closer(text: str, closer: str, start: int) -> int:
    k = start
    while True:
        k = text.find(closer, k)
        if k < 0 or closer != "$" or text[k - 1] != "\\":
            if closer == "$" and k >= 0 and text[k: k + 2] == "$$":
                return k
            return k
        k += 1


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1: start]
    after_end = text.find("\n", end)
    after = text[end: after_end if after_end >= 0 else len(text)]
    return not before.strip(" \t>-*0123456789.") and not after.strip(" \t.,;:")


class _Heading(str):
    """A row "\\text{for } z < 0\\text{:}": the condition of the rows under it."""


_RELATION = re.compile(r"<|>|\\le|\\ge|\\lt|\\gt")
_HEADING = re.compile(r"^\s*(?:&\s*)?\\text\s*\{\s*(?:for|if|when)\s*\}(?P<condition>.*?)"
                      r"(?:\\text\s*\{\s*:?\s*\}|:)?[\s.]*$")
_PLAIN_HEADING = re.compile(r"^\s*(?:for|if|when)\s+(?P<condition>[^=]*?)\s*:?\s*$", re.IGNORECASE)


def _clean_latex_row(row: str, *, bare: bool) -> str | None:
    """The row's mathematics with annotations replaced by spaces; None for prose or nothing."""
    row = row.replace("\n", " ").replace("\t", " ")
    row = _ANNOTATION.sub(lambda m: " " * len(m.group()), row)
    row = _defines_as_equals(row)
    while True:
        m = _TRAILING_TEXT.search(row)
        if m is None or _FUNCTION_TEXT.search(m.group()):
            break
        row = row[: m.start()]
    heading = _HEADING.match(row)
    if heading is not None and _RELATION.search(heading.group("condition")):
        return _Heading(heading.group("condition"))
    m = _LEADING_TEXT.match(row)
    if m is not None and not _FUNCTION_TEXT.search(m.group()):
        words = re.findall(r"[A-Za-z]+", re.sub(r"\\[A-Za-z]+", " ", m.group()))
        if words and words[0].lower() in _REMARK_WORDS:
            return None  # "\text{with } \alpha = 0.01", "\text{where } u = 1 + e^{-z}": a remark
        if "=" not in _NESTED.sub(" ", row):
            return None  # "\text{for } z < 0:", "\text{with } k \text{ kept}": a heading, not a step
        row = " " * m.end() + row[m.end():]
    spans = _nested(row)
    row = "".join(" " if c == "&" and _outside(spans, k) else c for k, c in enumerate(row)).rstrip()
    row = re.sub(r"(?:\\[,;:! ]|\\q?quad\b|~|\s)+$", "", row).rstrip(".,;:")
    if not row.strip():
        return None
    if re.search(_TEXT, _FUNCTION_TEXT.sub("", _NESTED.sub(" ", row))):
        return None  # text in the middle of the row: a sentence, not a step
    if bare and _is_latex_prose(row):
        return None
    return row


def _is_latex_prose(row: str) -> bool:
    plain = re.sub(r"\\[A-Za-z]+", " ", row)
    return _is_prose(plain)
