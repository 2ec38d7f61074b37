"""A hand derivation cut into steps: ``g(z) = ...``, ``= ...``, ``g'(z) = ...``.

LaTeX is recognised by a backslash: an ``aligned``/``align*``/``align`` block (or bare
rows) is split at ``\\\\``, ``&`` is ignored, ``$...$`` and ``\\[...\\]`` are unwrapped, and
annotations (``\\text{...}``, ``\\quad``, ``\\tag``, ``\\label``, ``\\nonumber``) are dropped.
Plain text has one step per line.  In both, several ``=`` on one line are several steps.
Steps are numbered from 1 in the order they appear, definition lines included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sympy import Expr, Symbol

from ..engine.functions import variable
from ..parse import ParseError, read

MAX_TEXT = 100_000  # characters in one derivation
MAX_STEPS = 200


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


_ENVIRONMENTS = re.compile(r"\\begin\{(aligned|align\*?|equation\*?|gather\*?|split|eqnarray\*?)\}(.*?)"
                           r"\\end\{\1\}", re.DOTALL)
_ANNOTATIONS = re.compile(r"\\(?:text|textrm|mbox|intertext|tag|label)\s*\{[^{}]*\}|\\(?:nonumber|notag|quad|qquad)\b")
_LHS = re.compile(r"g('*)\(([A-Za-z]\w*)\)")


def read_document(text: str, *, var: str | None = None, function_name: str | None = None) -> Document:
    """The steps of ``text``, each read into an expression (or its reason for being unreadable)."""
    steps = read_steps(text)
    name = var or "z"
    read_ones = []
    for step in steps:
        try:
            expr = read(step.text, var=name, latex=step.latex, notation=True)
            read_ones.append(Step(step.index, step.order, step.text, step.latex, step.offset, expr=expr))
        except ParseError as e:
            read_ones.append(Step(step.index, step.order, step.text, step.latex, step.offset, error=e))
    return Document(tuple(read_ones), variable(name), latex=any(s.latex for s in steps))


def read_steps(text: str) -> list[Step]:
    if len(text) > MAX_TEXT:
        raise DocumentError(f"the derivation is {len(text)} characters long; at most {MAX_TEXT} are read")
    latex = "\\" in text
    rows = _latex_rows(text) if latex else [line for line in text.splitlines()]
    steps: list[Step] = []
    for row in rows:
        row = row.rstrip().rstrip(".,;")
        if not row.strip():
            continue
        segments = _split_equals(row)
        if len(segments) == 1:
            if steps:  # a bare expression continues the chain
                segments = ["", *segments]
            else:
                raise DocumentError("the first line has no '=': start with g(z) = ...")
        first, rest = segments[0].strip(), segments[1:]
        order = _order(first) if first else None
        offset = len(segments[0]) + 1
        if first and order is None:
            rest, offset = segments, 0  # "A = B": A is a step of its own
        for i, segment in enumerate(rest):
            stripped = segment.strip()
            lead = len(segment) - len(segment.lstrip())
            steps.append(Step(len(steps) + 1, order if i == 0 else None, stripped, latex, offset + lead))
            offset += len(segment) + 1
            if len(steps) > MAX_STEPS:
                raise DocumentError(f"more than {MAX_STEPS} steps")
    if not steps:
        raise DocumentError("there is no derivation in the text")
    return steps


def _latex_rows(text: str) -> list[str]:
    """Rows: those of the aligned-like environments if any; else of each display
    (\\[...\\], $$...$$, $...$); else one per line.  Rows split at \\\\, & dropped."""
    text = re.sub(r"(?<!\\)%.*", "", text)  # comments
    chunks = [m.group(2) for m in _ENVIRONMENTS.finditer(text)]
    if not chunks:
        chunks = [m.group(1) or m.group(2) or m.group(3)
                  for m in re.finditer(r"\\\[(.*?)\\\]|\$\$(.*?)\$\$|\$(.*?)\$", text, re.DOTALL)]
    if not chunks:
        chunks = text.splitlines()
    rows = []
    for chunk in chunks:
        chunk = _ANNOTATIONS.sub(" ", chunk)
        for row in re.split(r"\\\\", chunk):
            row = row.replace("&", " ").replace("\n", " ")
            if rows and _CONTINUED.match(row):  # a long line broken at an operator: one step
                row = rows.pop() + " " + re.sub(r"\\left\.|\\quad|\{\}", " ", row, count=0)
                row = re.sub(r"\\right\.", " ", row)
            rows.append(row)
    return rows


#: a row that goes on from the row before: derive breaks a long line before + or -
#: (or a centred dot), inside brackets closed with \right. and reopened with \left.
_CONTINUED = re.compile(r"\s*(\\quad\s*)?(\\left\.\s*)*(\{\}\s*)?([-+]|\\cdot)")


def _split_equals(row: str) -> list[str]:
    """Split at '=' outside brackets and braces ('<=' and '>=' are not split)."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(row):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "=" and depth == 0 and (i == 0 or row[i - 1] not in "<>!") and row[i + 1: i + 2] != "=":
            out.append(row[start:i])
            start = i + 1
    out.append(row[start:])
    return out


def _order(lhs: str) -> int | None:
    """0 for g(z), 1 for g'(z) (or dg/dz), ...; None if lhs is not the activation."""
    flat = re.sub(r"\\left|\\right|\\,|\\!|\\;|\s|[{}]", "", lhs)
    flat = flat.replace("^\\prime", "'").replace("\\prime", "'")
    m = _LHS.fullmatch(flat)
    if m:
        return len(m.group(1))
    if re.fullmatch(r"(\\frac)?(dg)/?(d[A-Za-z]\w*)|\\frac(d)(d[A-Za-z]\w*)g\(\w+\)|d/d\w+g\(\w+\)", flat):
        return 1
    return None
