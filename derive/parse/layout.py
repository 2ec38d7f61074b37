"""The layout of a hand derivation: which rows of a text are mathematics, and where they start.

LaTeX (recognised by a backslash or a ``$``): the math of ``aligned``, ``align``,
``equation`` (with ``split``), ``gather``, ``alignat``, ``multline``, ``eqnarray``
environments, ``\\[...\\]``, ``$$...$$`` and ``$...$`` alone on a line; the preamble of a
whole ``.tex`` document and the prose between displays are not (an inline ``$...$``
inside a sentence is prose).  Rows split at ``\\\\`` (not inside ``cases``); ``&`` is
ignored; annotations (``\\text{...}`` at the end, ``\\tag``, ``\\label``, ``\\nonumber``,
``\\\\[4pt]``, trailing ``,`` and ``.``) are dropped; a row that begins with ``+`` or ``-``
continues the row before it; a row ``\\text{for } z < 0\\text{:}`` is a heading whose
condition holds for the rows under it.  Plain text has one row per line; lead-ins
("Hence"), tails ("as required"), remarks ("Note that ...") and lines of prose are not math.
``:=`` and ``\\equiv`` become equals signs (padded: columns hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .functions import FUNCTION_NAMES
from .latex import looks_like_latex
from .left import left_side
from .pasted import array_as_cases, github_math, notebook_markdown, physics_package, plain_letters
from .tokens import GREEK


#: characters in one row: a longer row is not searched for annotations (the searches are not
#: linear), and the reader refuses it anyway
MAX_ROW = 5000


class DocumentError(ValueError):
    """The text cannot be cut into steps at all (empty, too long, no equals sign)."""


@dataclass(frozen=True)
class Row:
    text: str
    line: int  # 1-based line of the source
    latex: bool
    heading: bool = False  # "for z < 0:": text is the condition of the rows that follow
    region: int = 0  # the display the row is in: a heading holds to the end of its display


def split_equals(row: str) -> list[str]:
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
_DEFINES = re.compile(r":=|\\coloneqq|\\equiv|\\triangleq|\\doteq|≡|≔|\\(?:stackrel|overset)\{(?:[^{}]|\{[^{}]*\})*\}\{=\}")


def _defines_as_equals(text: str) -> str:
    return _DEFINES.sub(lambda m: " " * (len(m.group()) - 1) + "=", text)


def rows(text: str) -> list[Row]:
    if "\u200b" in text or "\ufeff" in text:  # zero-width spaces and a BOM pasted from web pages
        text = text.replace("\u200b", "").replace("\ufeff", "")
    text = notebook_markdown(text)
    text = plain_letters(text)
    if "\\" in text or "$" in text:
        return _latex_rows(github_math(text))
    return _plain_rows(text)


# --- plain text ---------------------------------------------------------------

_PLAIN_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_(])")
#: (where(...) is a function, but "where u = ..." a remark: a call is never a word, see _PLAIN_WORD)
_KNOWN_WORDS = (FUNCTION_NAMES - {"where"}) | set(GREEK.values()) | {"exp", "dx", "dz", "dt", "dy", "dg", "df"}
_TRAILING_REMARK = re.compile(r"\s*(?:\(\s*[A-Za-z][A-Za-z ,.'’:;-]*\)|\[\s*[A-Za-z][A-Za-z ,.'’:;-]*\]|#.*|--.*|//.*|%.*|<-+.*|←.*)\s*$")
#: the domain after a step: ", z ∈ ℝ", "for all z ∈ ℝ", "∀ z ∈ ℝ" (in LaTeX, _TRAILING_DOMAIN)
_PLAIN_DOMAIN = re.compile(r"(?:\s*,\s*|\s+)(?:(?:for\s+all|for\s+every|∀)\s*)?[A-Za-z]\s*∈\s*(?:ℝ|\(\s*-\s*∞\s*,\s*∞\s*\))[\s.,;]*$")
#: (a whole statement only, with its equals sign: `g(z) = tanh(z)`; a word in backticks stays what it is)
_INLINE_CODE = re.compile(r"`([^`\n=]*=[^`\n]*)`")
#: an equation number at the end of a line, set apart by two spaces or a tab as a word processor
#: sets it: "g'(z) = 1 - g(z)^2      (2)" (with one space, "(2)" could be a factor: the reader
#: refuses it, see expression.Parser.run)
_EQUATION_NUMBER = re.compile(r"(?:[ \t\u00a0]{2,}|\t)[\(\[]\s*(?:\d+(?:\.\d+)*[a-z]?|[ivx]{1,5}|\*{1,3})\s*[\)\]]\s*$")

#: words before the math of a line: a lead-in ("Hence", "we get:") is dropped; a line that
#: starts with a remark word ("Note that 1 - g = ...") is a remark, not a step
_LEADING_WORDS = re.compile(r"^\s*((?:[A-Za-z]{2,}[,:]?\s+)+)")
_TRAILING_WORDS = re.compile(r"\s+([A-Za-z]{2,}(?:[,.;:!]?\s+[A-Za-z]+)*[,.;:!]?\s*)$")
#: the first word of a tail of words after the math: "for all x", "as required", "by the chain rule"
_TAIL_WORDS = {"for", "as", "by", "since", "because", "where", "when", "if", "which", "using", "from", "with", "qed",
               "is", "and", "so", "hence", "thus", "i.e", "ie", "(qed)"}
_REMARK_WORDS = {"note", "recall", "since", "because", "where", "with", "using", "remember", "observe", "notice",
                 "as", "if", "check", "compare", "similarly", "also"}


#: what may stand before a step on its line: a list's bullet or number, an arrow
#: ("1)", "(2)", "3.", "Step 4:", "Step 5 —", "-", "*", "•", "=>", "⇒", "∴")
#: (also a label: "(a)", "b)", "(ii)", "iv)", "**Step 1:**", "Sigmoid:")
_MARKER = re.compile(r"^\s*(?:\(\d+\)|\((?:[a-z]|[ivx]{1,5})\)|(?:[a-z]|[ivx]{1,5})\)|\d+[.):]"
                     r"|step\s+\d+\s*(?:[.:)]|[—–-](?=\s))?|\*\*[^*\n]{1,40}\*\*|[A-Za-z]{2,20}:"
                     r"|[-*•]|=>|->|⇒|→|⟹|∴)\s*", re.IGNORECASE)


def _without_marker(line: str) -> str:
    """The line without a bullet, number or arrow before its left side (spaces: columns hold);
    read as part of the step, "2) g'(z)" is no left side and "=> g'(z)" splits at its "="."""
    m = _MARKER.match(line)
    if m is None or not m.group().strip():
        return line
    rest = line[m.end():]
    if m.group().strip() in ("-", "*", "•") and rest.startswith("="):
        return " " * m.end() + rest  # "- = 1 - g(z)^2": a bullet before a "= ..." step, no minus
    if "=" not in rest or left_side(rest.split("=", 1)[0].strip(), False) is None:
        return line
    return " " * m.end() + rest


#: the first word of a justification in brackets after a step: "(using 1 - g(z) = ...)", "[by (2)]"
_BRACKETED_JUSTIFICATION = {"using", "since", "by", "because", "as", "from", "via", "note", "recall", "apply",
                            "applying"}


def _without_bracketed_justification(line: str) -> str:
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


def _prose_words(text: str, start: int = 0) -> list[str]:
    """The words of text[start:] that are not mathematics (the text before start is their context)."""
    return [m.group() for m in _PLAIN_WORD.finditer(text, start)
            if m.group() not in _KNOWN_WORDS and m.group().lower() not in _KNOWN_WORDS and not _in_math(text, m)]


def _in_math(text: str, m: re.Match) -> bool:
    """A word next to ^ * / (e^kz, ab/ab) or alone in brackets after an operator (e^(kz), σ(kz)):
    mathematics, not a remark; dropped as words, the line would lose its meaning or vanish."""
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if m.group().lower() in _TAIL_WORDS | _REMARK_WORDS:
        return False
    if before in ("^", "*", "/") or after in ("^", "*", "/"):
        return True
    return before == "(" and after == ")" and m.start() >= 2 and not text[m.start() - 2].isspace()


#: an end mark after the last step: ∎ ✓ □ (in LaTeX \blacksquare, \square, \qed are annotations)
_END_MARK = re.compile(r"\s*[∎✓✔□■]+\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)[\w+-]*\s*$")


def _plain_rows(text: str) -> list[Row]:
    rows = []
    if "<!--" in text:  # Markdown's (HTML's) comments, over one line or several (lines hold)
        text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.DOTALL)
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_ROW:
            rows.append(Row(line, number, False))  # too long to be one step: reported unreadable
            continue
        if _FENCE.match(line) or line.lstrip().startswith("#"):
            continue  # a Markdown code fence (its lines are read as any others), a heading or a comment
        line = _END_MARK.sub("", line.rstrip())
        if "`" in line:  # Markdown's inline code around a formula: `g'(z) = 1 - g(z)^2` (columns hold)
            line = _INLINE_CODE.sub(lambda m: " " + m.group(1) + " ", line)
        if "=" in line:
            line = _PLAIN_DOMAIN.sub("", _EQUATION_NUMBER.sub("", line))
        for part in _statements(line):
            rows.extend(_plain_step(part, number))
    return _joined(rows)


def _statements(line: str) -> list[str]:
    """The statements of a line, split at ';' outside brackets where each is a left side and an
    equals sign ("g(z) = tanh(z); g'(z) = 1 - tanh(z)^2", as an e-mail writes them).  Columns hold."""
    if ";" not in line:
        return [line]
    cuts, depth = [], 0
    for k, c in enumerate(line):
        depth += 1 if c in "([{" else -1 if c in ")]}" else 0
        if c == ";" and depth == 0:
            cuts.append(k)
    parts = [line[a + 1 if a >= 0 else 0: b] for a, b in zip([-1, *cuts], [*cuts, len(line)])]
    if len(parts) < 2 or parts[-1].strip() and "=" not in parts[-1] or not all(
            "=" in p and (p.strip().startswith("=") and k or left_side(_without_marker(p).split("=", 1)[0].strip(), False))
            for k, p in enumerate(parts) if p.strip()):
        return [line]  # a sentence with a ';' in it, or pieces "1 for z > 0; 0 for z < 0": one row, as written
    starts = [0, *(k + 1 for k in cuts)]
    return [" " * start + part for start, part in zip(starts, parts) if part.strip()]


def _plain_step(line: str, number: int) -> list[Row]:
    """The rows of one statement of a plain-text line (a step, a heading, a clause of its own)."""
    rows = []
    line = _without_marker(_defines_as_equals(line))
    remark = _TRAILING_REMARK.search(line)
    if remark and _prose_words(line, remark.start()):
        line = line[: remark.start()]
    line = _without_bracketed_justification(line)
    heading = _PLAIN_HEADING.match(line)
    if heading is not None and re.search(r"[<>≤≥]", heading.group("condition")):
        return [Row(heading.group("condition").replace("≤", "<=").replace("≥", ">="), number, False,
                    heading=True)]
    # "g'(z) = -1/u^2 (-e^-z), where u = 1 + e^-z": the clause is a row of its own
    for part in _justified(line):
        part = _without_lead_in_and_tail(part)
        if part is None:
            continue
        part = part.rstrip().rstrip(".,;:")
        if not part.strip() or _is_prose(part):
            continue
        rows.append(Row(part, number, looks_like_latex(part)))
    return rows


#: a word that starts a justification or a naming clause after a step, with maths after it:
#: "= 1 - tanh^2(z)   since cosh^2 z - sinh^2 z = 1", "..., where u = 1 + e^-z"
#: (not "for", "if", "when": "= 0 for z < 0" states a piece, it is not cut to "= 0")
_JUSTIFICATION = re.compile(r"(?:\s*,\s*|\s+)\b(since|because|using|as|from|by|where|with|so|hence|thus|therefore)"
                            r"\s+(?=\S)", re.IGNORECASE)
#: words that start a consequence: "Let u = 1 + e^-z, so σ = u^-1" is two rows, each checked
_CONSEQUENCE = {"so", "hence", "thus", "therefore"}


def _justified(line: str) -> list[str]:
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
        if word in ("where", "with") and (re.match(r"[A-Za-z]\s*=", rest) or _defines_used(line[: m.start()], rest)):
            return [line[: m.start()], " " * m.start(1) + line[m.start(1):]]
        if word in _CONSEQUENCE:
            return [line[: m.start()], " " * m.end() + rest]
        return [line[: m.start()]]
    return [line]


def _without_lead_in_and_tail(line: str) -> str | None:
    """The line without the words before and after its math ("Hence", "as required"); None
    for a remark ("Note that ...") or a line of words alone.  Columns hold: words become spaces."""
    if "=" not in line:
        return line
    lead = _LEADING_WORDS.match(line)
    if lead and _prose_words(lead.group(1)) and len(_prose_words(lead.group(1))) == len(lead.group(1).split()):
        word = lead.group(1).split()[0].lower().strip(",:")
        if word in _REMARK_WORDS and not re.match(r"\s*[A-Za-z]\s*=", line[lead.end():]) \
                and not (word in ("where", "with") and _DEFINED_AFTER.match(line, lead.end())):
            return None  # "Note that 1 - g = ...": a remark; "where u = 1 + e^-z" names u
        line = " " * lead.end() + line[lead.end():]
    tail = _TRAILING_WORDS.search(line)
    if tail and tail.group(1).split()[0].lower().strip(",.;:!") in _TAIL_WORDS:
        line = line[: tail.start()]
    return line


#: the words of a derivative by cases written as a sentence ("1 if z > 0, 0 otherwise")
_PIECE_WORDS = {"for", "if", "otherwise", "when", "else", "and", "or"}


def _is_prose(line: str) -> bool:
    if "=" in line and left_side(line.split("=", 1)[0].strip(), False) is not None:
        return False  # g'(z) = 0 if z > 0, 1 if z < 0: a step (perhaps unreadable), never dropped unseen
    if re.match(r"\s*=(?![=>])", line) and len([w for w in _prose_words(line) if w.lower() not in _PIECE_WORDS]) < 2:
        return False  # "= 7 for z > 0, 0 for z < 0": a step (pieces as a sentence), never dropped unseen
    words = _prose_words(line)
    return len(words) >= 2 or (len(words) == 1 and "=" not in line and len(words[0]) >= 3)


#: a row that goes on from the row before: it starts with + or - (or a centred dot), after
#: spacing, an empty group ``{}`` and ``\left.`` (derive breaks a long line so, a bracket
#: split across the rows closed with ``\right.`` and reopened with ``\left.``)
_CONTINUATION = re.compile(r"(?:\s|\\q?quad\b|\\[,;:! ]|\{\}|\\left\s*\.)*([+\-−]|\\cdot|\\times)")
_OPENED_AGAIN = re.compile(r"\\left\s*\.")
#: (the row's last "." may already be gone: a trailing full stop is dropped from every row)
_CLOSED_FOR_NOW = re.compile(r"(?:\s*\\right\s*\.?)+\s*$")


def _joined(rows: list[Row]) -> list[Row]:
    """A row that starts with + or - (or \\cdot) continues the row before it; a bracket
    split between them (``\\right.`` ... ``\\left.``) is one bracket again."""
    out: list[Row] = []
    for row in rows:
        if out and not row.heading and not out[-1].heading and _CONTINUATION.match(row.text):
            previous = out[-1]
            match = _CONTINUATION.match(row.text)
            operator = match.end() - len(match.group(1))
            opened = len(_OPENED_AGAIN.findall(row.text[:operator]))
            closed = _CLOSED_FOR_NOW.search(previous.text)
            head = previous.text
            if opened and closed and closed.group().count("right") == opened:
                head = head[: closed.start()]
            elif opened:  # a \left. that closes nothing before it: leave the row as written
                operator = 0
            tail = row.text[operator:].strip()
            out[-1] = Row(head + " " + tail, previous.line, previous.latex or row.latex,
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
_ENVIRONMENT_IN_DISPLAY = re.compile(r"\\(?:begin|end)\{(?:align|gather|equation|multline|flalign|eqnarray)\*?\}")
_ROW_BREAK = re.compile(r"\\\\\*?(?:\s*\[\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|bp|mu|sp)\s*\])?")
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


def _latex_rows(text: str) -> list[Row]:
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
        if kind != "bare" or "\\\\" in _without_nested(content):  # (a \\ inside cases splits no rows)
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
                row = _clean_latex_row(part, bare=kind == "bare")
                if row is not None:
                    rows.append(Row(row, below, True, heading=isinstance(row, _Heading), region=start))
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
    return _joined(rows)


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


_NESTED_BEGIN = re.compile(r"\\begin\{(cases|dcases|array|matrix|pmatrix|bmatrix)\}")


def _nested(row: str) -> list[tuple[int, int]]:
    """The spans of environments inside a row (cases): their \\\\, & and text are their own."""
    spans, position = [], 0
    while True:  # str.find, not a lazy regex: linear however many \begin lack an \end
        m = _NESTED_BEGIN.search(row, position)
        if m is None:
            return spans
        end = row.find("\\end{%s}" % m.group(1), m.end())
        if end < 0:
            return spans
        position = end + len("\\end{%s}" % m.group(1))
        spans.append((m.start(), position))


def _without_nested(row: str) -> str:
    for a, b in reversed(_nested(row)):
        row = row[:a] + " " + row[b:]
    return row


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


class _Heading(str):
    """A row "\\text{for } z < 0\\text{:}": the condition of the rows under it."""


_RELATION = re.compile(r"<|>|\\le|\\ge|\\lt|\\gt")
#: "\text{for } z < 0\text{:}", "\text{For } z > 0,", "\text{Case 1: } z > 0" (any case)
_HEADING = re.compile(r"^\s*(?:&\s*)?\\(?:text|textrm|mbox)\s*\{\s*(?:for|if|when|case(?:\s*\d+)?)\s*:?\s*\}"
                      r"(?P<condition>.*?)(?:\\text\s*\{\s*[:,]?\s*\}|[:,])?[\s.]*$", re.IGNORECASE)
_PLAIN_HEADING = re.compile(r"^\s*(?:for|if|when|case(?:\s*\d+)?\s*:?)\s+(?P<condition>(?:[^=]|(?<=[<>!])=)*?)\s*:?\s*$",
                            re.IGNORECASE)
#: "\intertext{For $z > 0$:}" (amsmath's text between rows): a heading when it states a relation
_INTERTEXT = re.compile(r"^\s*\\(?:short)?intertext\s*\{\s*(?P<words>[A-Za-z]+(?:\s*\d+)?\s*:?)\s*"
                        r"\$(?P<condition>[^${}]*)\$\s*[:,.]?\s*\}")


#: ", \quad \text{where } u = ..." after a step: the clause that names u is a row of its own
_WHERE = re.compile(r"\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:where|with)\s*\}")
_NAMED_AFTER = re.compile(r"(?:\s|\\[,;: ])*[A-Za-z]\s*&?\s*=")


#: "s(z) =" at the start of a clause: a function of a letter defined
_DEFINED_AFTER = re.compile(r"(?:\s|\\[,;: ])*(?P<name>[A-Za-z])\s*\(\s*[A-Za-z]\s*\)\s*&?\s*=")


def _defines_used(before: str, clause: str) -> bool:
    """Whether ``clause`` (after "where") defines a function of one letter that the step before
    it applies ("g(z) = z s(z), where s(z) = 1/(1 + e^-z)"): then a row of its own, as "where u = ..." is."""
    m = _DEFINED_AFTER.match(clause)
    return m is not None and re.search(r"(?<![A-Za-z\\])%s\s*(?:'|\()" % m.group("name"), before) is not None


def _intertext_split(piece: str) -> list[str]:
    """A row that starts with \\intertext{...} (no \\\\ before the next row): the text, then the row."""
    m = _INTERTEXT.match(piece)
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
    spans = _nested(piece)
    cuts, depth = [], 0
    for m in _BETWEEN_EQUATIONS.finditer(piece):
        if not m.group().strip() or not _outside(spans, m.start()) or m.start() == 0:
            continue
        if not re.search(r"\\q?quad\b|\\Rightarrow|\\Longrightarrow|\\implies|\\iff|\\Leftrightarrow", m.group()):
            continue
        before = piece[cuts[-1][1] if cuts else 0: m.start()]
        depth = sum(1 if c in "{([" else -1 if c in "})]" else 0 for c in _without_nested(piece[: m.start()]))
        if depth != 0 or len(split_equals(_without_nested(before))) < 2:
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
            _NAMED_AFTER.match(piece, m.end()) or _defines_used(piece[: m.start()], piece[m.end():])):
        return [piece]
    return [piece[: m.start()], " " * m.end() + piece[m.end():]]


def _clean_latex_row(row: str, *, bare: bool) -> str | None:
    """The row's mathematics with annotations replaced by spaces; None for prose or nothing."""
    row = row.replace("\n", " ").replace("\t", " ")
    if len(row) > MAX_ROW:
        return row  # too long to be one step: left as it is, to be reported unreadable
    intertext = _INTERTEXT.match(row)
    if intertext is not None and not row[intertext.end():].strip() and _RELATION.search(intertext.group("condition")) \
            and _HEADING.match("\\text{%s}" % intertext.group("words")):
        return _Heading(intertext.group("condition"))
    row = _ANNOTATION.sub(lambda m: " " * len(m.group()), row)
    row = _EQNO.sub(lambda m: " " * len(m.group()), row)
    if "v" in row and ("\\dv" in row or "\\pdv" in row or "\\odv" in row or "\\qty" in row):
        row = physics_package(row)
    row = _without_comment_column(_without_arrow(_defines_as_equals(row)))
    while True:
        m = _TRAILING_TEXT.search(row) or _TRAILING_DOMAIN.search(row) or _TRAILING_NUMBER.search(row)
        if m is None or _FUNCTION_TEXT.search(m.group()):
            break
        row = row[: m.start()]
    heading = _HEADING.match(row)
    if heading is not None and _RELATION.search(heading.group("condition")):
        return _Heading(heading.group("condition"))
    m = _LEADING_TEXT.match(row)
    if m is not None and not _FUNCTION_TEXT.search(m.group()):
        words = re.findall(r"[A-Za-z]+", re.sub(r"\\[A-Za-z]+", " ", m.group()))
        if words and words[0].lower() in _REMARK_WORDS and not re.match(r"\s*[A-Za-z]\s*&?\s*=", row[m.end():]):
            return None  # "\text{with } \alpha = 0.01", "\text{note } ...": a remark
        if words and words[0].lower() in _REMARK_WORDS:
            # "\text{where } u = 1 + e^{-z}" names u (or, "with k = 2", gives a parameter's value):
            # derive.check.document decides which
            return " " * m.end() + row[m.end():]
        if "=" not in _without_nested(row):
            return None  # "\text{for } z < 0:", "\text{with } k \text{ kept}": a heading, not a step
        row = " " * m.end() + row[m.end():]
    spans = _nested(row)
    row = "".join(" " if c == "&" and _outside(spans, k) else c for k, c in enumerate(row)).rstrip()
    row = re.sub(r"(?:\\[,;:! ]|\\q?quad\b|~|\s)+$", "", row).rstrip(".,;:")
    if not row.strip():
        return None
    middle = _middle_text(row)
    if middle is not None:
        if "=" not in _without_nested(row[:middle.start()]):
            return None  # text in the middle of a row that is no step: a sentence
        words = re.findall(r"[A-Za-z]+", middle.group())
        if len(words) > 1 and words[1].lower() in _TAIL_WORDS | _REMARK_WORDS | {"i", "for", "all"}:
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
    spans = _nested(row)
    for m in _COMMENT_COLUMN.finditer(row):
        if _outside(spans, m.start()) and "=" in _without_nested(row[: m.start()]) \
                and split_equals(_without_nested(row[: m.start()]).replace("&", " "))[-1].strip():
            return row[: m.start()]
    return row


def _middle_text(row: str) -> re.Match | None:
    """The first \\text{...} of a row that is not a function's name (\\text{sech}), outside cases."""
    spans = _nested(row)
    for m in re.finditer(_TEXT, row):
        if _outside(spans, m.start()) and not _FUNCTION_TEXT.fullmatch(m.group()):
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
    return _is_prose(plain)
