"""The displays of a LaTeX text and the rows in them.

The math of ``aligned``, ``align``, ``equation`` (with ``split``), ``gather``, ``alignat``,
``multline``, ``eqnarray`` environments, ``\\[...\\]``, ``$$...$$`` and ``$...$`` alone on a
line (an inline ``$...$`` in a sentence is prose, but a definition or a step in one may count);
the body of a whole ``.tex`` document; comments and Beamer's overlays left out.  A display's rows
split at ``\\\\`` (not inside ``cases``), and where it sets two equations side by side
(``\\qquad``, ``\\Rightarrow``), before ``\\intertext`` and before a "where u = ..." clause;
each row is then cleaned by ``annotations``.
"""

from __future__ import annotations

import re

from .annotations import INTERTEXT, Heading, clean_latex_row
from .left import left_side
from .pasted import array_as_cases
from .prose import defines_used
from .row import MAX_ROW, DocumentError, Row, joined, nested, outside, split_equals, without_nested

_MATH_ENVIRONMENTS = ("align", "aligned", "equation", "gather", "gathered", "multline", "eqnarray", "alignat",
                      "alignedat", "flalign", "split", "displaymath", "math", "dmath")
_REGION = re.compile(
    r"\\begin\{(?P<env>(?:%s)\*?)\}|\\\[|\$\$|\\\(|\$" % "|".join(_MATH_ENVIRONMENTS))
_INNER = re.compile(r"\\(?:begin|end)\{(?:aligned|split|gathered|alignedat|array)\*?\}(?:\[[a-z]\])?(?:\{[^{}]*\})?")
_ENVIRONMENT_IN_DISPLAY = re.compile(r"\\(?:begin|end)\{(?:align|gather|equation|multline|flalign|eqnarray)\*?\}")
_ROW_BREAK = re.compile(r"\\\\\*?(?:\s*\[\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|bp|mu|sp)\s*\])?")


def _comment_free(text: str) -> str:
    """Comments (% to the end of the line, not \\%) replaced by spaces: positions hold."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), text)


#: Beamer's overlay commands only show or hide: \pause, \onslide<2->{...}, \uncover<3->{...}
#: (and \boxed{...} around a result: a frame, its argument is the step)
_OVERLAY = re.compile(r"\\pause\b(?:\[\d*\])?|\\(?:onslide|uncover|only|visible|invisible)\s*<[^<>{}]*>\s*(\{)?"
                      r"|\\boxed\s*(\{)")


def _without_overlays(text: str) -> str:
    """Overlay commands replaced by spaces, their argument kept (positions hold)."""
    if "\\pause" not in text and ">" not in text and "\\boxed" not in text:
        return text
    out = list(text)
    for m in _OVERLAY.finditer(text):
        for k in range(m.start(), m.end()):
            out[k] = " "
        if m.group(1) or m.group(2):  # the argument's closing brace
            depth = 1
            for k in range(m.end(), min(len(text), m.end() + MAX_ROW)):  # (bounded: linear in the text)
                if text[k] == "{" and text[k - 1] != "\\":
                    depth += 1
                elif text[k] == "}" and text[k - 1] != "\\":
                    depth -= 1
                    if depth == 0:
                        out[k] = " "
                        break
    return "".join(out)


def latex_rows(text: str) -> list[Row]:
    text = array_as_cases(_without_overlays(_comment_free(text)))
    body_start = 0
    begin = text.find("\\begin{document}")
    if begin >= 0:
        body_start = begin + len("\\begin{document}")
        end = text.find("\\end{document}", body_start)
        text = text[:end] if end >= 0 else text
    regions = list(_regions(text, body_start))
    if not regions and begin < 0:
        regions = [(0, text, "bare")]
    rows: list[Row] = []
    inline: list[Row] = []  # definitions inside sentences
    for start, content, kind in regions:
        content = _INNER.sub(lambda m: " " * len(m.group()), content)
        if kind in ("$$", "\\["):  # $$\begin{align} ... \end{align}$$ (Jupyter, MathJax): the environment's rows
            content = _ENVIRONMENT_IN_DISPLAY.sub(lambda m: " " * len(m.group()), content)
        if kind.startswith("alignat"):
            content = re.sub(r"^\s*\{\d+\}", lambda m: " " * len(m.group()), content)
        if kind.startswith("multline"):
            content = _ROW_BREAK.sub(lambda m: " " * len(m.group()), content)
        position = start
        if kind != "bare" or "\\\\" in without_nested(content):  # (a \\ inside cases splits no rows)
            pieces, breaks = _split_rows(content)
        else:
            pieces = content.split("\n")
            breaks = ["\n"] * (len(pieces) - 1)
        for k, piece in enumerate(pieces):
            leading = piece[: len(piece) - len(piece.lstrip())]
            line = text.count("\n", 0, position) + 1 + leading.count("\n")
            if "\n" in leading:  # the row starts on its own line: columns count from there
                piece = piece[leading.rindex("\n") + 1:]
            for part in (p for whole in _intertext_split(piece) for where in _where_split(whole)
                         for p in _equations_split(where)):
                below, lead = line, part[: len(part) - len(part.lstrip())]
                if "\n" in lead:  # the second equation of a display, on a line of its own
                    below += lead.count("\n")
                    part = part[lead.rindex("\n") + 1:]
                row = clean_latex_row(part, bare=kind == "bare")
                if row is not None:
                    rows.append(Row(row, below, True, heading=isinstance(row, Heading), region=start))
                    if kind == "inline":
                        inline.append(rows[-1])
            position += len(piece) + (len(breaks[k]) if k < len(breaks) else 0)
    if inline:
        # a definition in a sentence counts where no row of its own defines the function; a step in
        # a sentence ("so $\sigma'(z) = ...$, which is") where the next line, a display, goes on
        # with it ("$\sigma(z)(1 - \sigma(z))$." or "$= ...$"): read without it, that line would
        # follow from the row before the sentence
        sentences = {id(row) for row in inline}
        defined = any(_defines(row.text) for row in rows if id(row) not in sentences)
        first_definition = next((row for row in inline if _defines(row.text)), None)
        rows = [row for k, row in enumerate(rows) if id(row) not in sentences
                or (not defined and row is first_definition)
                or (not _defines(row.text) and _continued(row, rows[k + 1] if k + 1 < len(rows) else None, sentences))]
    return joined(rows)


def _continued(row: Row, after: Row | None, sentences: set) -> bool:
    """Whether ``after``, a display on the next line with no left side, goes on with ``row``."""
    if after is None or id(after) in sentences or after.heading or after.line != row.line + 1:
        return False
    left = split_equals(after.text)[0] if "=" in after.text else ""
    return not left.replace("&", " ").strip()


def _defines(text: str) -> bool:
    """Whether text is a whole definition name(var) = expression (g(z) = ..., \\sigma(x) = ...)."""
    if "=" not in text:
        return False
    sides = split_equals(text)
    if len(sides) != 2 or not sides[1].strip():
        return False
    side = left_side(sides[0].replace("&", " ").strip(), True)
    return side is not None and side.kind == "function" and side.order == 0 and side.var is not None


def _split_rows(content: str) -> tuple[list[str], list[str]]:
    """The rows of an environment, split at \\\\ outside nested cases, and the breaks between them."""
    spans = nested(content)
    pieces, breaks, start = [], [], 0
    for m in _ROW_BREAK.finditer(content):
        if outside(spans, m.start()):
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
        if opener == "$" and (close < 0 or "\n" in text[m.end(): close]):
            position = m.end()  # a dollar sign in prose ("costs $5"): inline math stays on its line
            continue
        if close < 0:
            raise DocumentError(f"line {text.count(chr(10), 0, m.start()) + 1}: {opener} is never closed")
        content = text[m.end(): close]
        if kind in ("$", "\\(") and not _alone_on_its_line(text, m.start(), close + closer_length):
            position = close + closer_length  # inline math inside a sentence: prose
            if _defines(content) or _is_step(content):
                # "Let $g(z) = \ln(1 + e^z)$ be ...": a definition, if no row gives one; "so
                # $\sigma'(z) = ...$, which is" a step, where the next line goes on with it
                yield m.end(), content, "inline"
            continue
        yield m.end(), content, kind
        position = close + closer_length


def _find_closer(text: str, closer: str, start: int) -> int:
    """Where ``closer`` closes a display opened before ``start`` (-1: never); \\$ is a dollar sign."""
    k = start
    while True:
        k = text.find(closer, k)
        if k < 0 or closer != "$" or text[k - 1] != "\\":
            return k
        k += 1


def _is_step(content: str) -> bool:
    """Whether inline maths is a step with a left side of its own (\\sigma'(z) = ...)."""
    if "=" not in content:
        return False
    side = left_side(split_equals(content)[0].replace("&", " ").strip(), True)
    return side is not None and side.kind == "function"


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1: start]
    after_end = text.find("\n", end)
    after = text[end: after_end if after_end >= 0 else len(text)]
    return not before.strip(" \t>-*0123456789.|") and not after.strip(" \t.,;:|")  # (|: a Markdown table's cell)


#: ", \quad \text{where } u = ..." after a step: the clause that names u is a row of its own
_WHERE = re.compile(r"\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:where|with)\s*\}")
_NAMED_AFTER = re.compile(r"(?:\s|\\[,;: ])*[A-Za-z]\s*&?\s*=")


def _intertext_split(piece: str) -> list[str]:
    """A row that starts with \\intertext{...} (no \\\\ before the next row): the text, then the row."""
    m = INTERTEXT.match(piece)
    if m is None or not piece[m.end():].strip():
        return [piece]
    return [piece[: m.end()], " " * m.end() + piece[m.end():]]


#: what stands between two equations in one display: \qquad, \quad\Rightarrow\quad, ", \quad", \implies
_BETWEEN_EQUATIONS = re.compile(r"(?:,\s*)?(?:(?:\\q?quad\b|\\[,;: ]|~)\s*)*(?:\\(?:Rightarrow|Longrightarrow|implies|iff|"
                                r"Leftrightarrow)\b\s*|\\text\s*\{\s*(?:and|so|hence|thus)\s*\}\s*)?(?:(?:\\q?quad\b|\\[,;: ]|~)\s*)*")


def _equations_split(piece: str) -> list[str]:
    """The row, or its two (or more) equations where a display writes them side by side
    (g(z) = ... \\qquad g'(z) = ...): split only before an equation with a left side of its own
    (g'(z), \\sigma(z)), never before a "= ..." that goes on.  Columns and lines hold (the text
    before a part becomes spaces, its line breaks kept)."""
    if "quad" not in piece and "\\Rightarrow" not in piece and "implies" not in piece:
        return [piece]
    spans = nested(piece)
    cuts, depth = [], 0
    for m in _BETWEEN_EQUATIONS.finditer(piece):
        if not m.group().strip() or not outside(spans, m.start()) or m.start() == 0:
            continue
        if not re.search(r"\\q?quad\b|\\Rightarrow|\\Longrightarrow|\\implies|\\iff|\\Leftrightarrow", m.group()):
            continue
        before = piece[cuts[-1][1] if cuts else 0: m.start()]
        depth = sum(1 if c in "{([" else -1 if c in "})]" else 0 for c in without_nested(piece[: m.start()]))
        if depth != 0 or len(split_equals(without_nested(before))) < 2:
            continue
        after = split_equals(piece[m.end():])
        left = after[0].replace("&", " ").strip()
        if len(after) < 2 or not left:
            continue
        side = left_side(left, True)
        if side is None or side.kind != "function" or (side.var is None and side.order == 0):
            continue
        cuts.append((m.start(), m.end()))
    if not cuts:
        return [piece]
    starts = [0, *(b for _, b in cuts)]
    ends = [*(a for a, _ in cuts), len(piece)]
    return [_blank(piece[:a]) + piece[a:b] for a, b in zip(starts, ends)]


def _blank(text: str) -> str:
    """Spaces for text, its line breaks kept (columns and lines hold)."""
    return "".join(c if c == "\n" else " " for c in text)


def _where_split(piece: str) -> list[str]:
    """The row, or the step and the clause after it that names a letter (columns hold; the
    step's trailing comma and spacing are dropped as any row's are)."""
    if "where" not in piece and "with" not in piece:
        return [piece]
    m = _WHERE.search(piece)
    if m is None or "=" not in piece[: m.start()] or not (
            _NAMED_AFTER.match(piece, m.end()) or defines_used(piece[: m.start()], piece[m.end():])):
        return [piece]
    return [piece[: m.start()], " " * m.end() + piece[m.end():]]
