"""What people paste, written as the reader reads it: the same mathematics in other clothes.

A Jupyter notebook is its Markdown cells; Word's and PDFs' mathematical letters (𝜎, 𝑧, 𝑒, ⅆ) are
the letters; GitHub's ```math fences and $`...`$ are displays and inline maths; LaTeX's old
piecewise ``\\left\\{ \\begin{array} ... \\right.`` is ``cases``; the physics package's
``\\dv{g}{z}`` is ``\\frac{dg}{dz}``.  Nothing is guessed: each rewriting says what its notation
means, and text that only looks like it is left as it is.
"""

from __future__ import annotations

import json
import re
import unicodedata


def notebook_markdown(text: str) -> str:
    """A Jupyter notebook (.ipynb, JSON): its Markdown cells, a blank line between them (code cells
    are code, not the derivation).  json.loads only parses (no code runs); not a notebook: the text."""
    head = text.lstrip()[:1]
    if head != "{" or '"nbformat"' not in text or '"cells"' not in text:
        return text
    try:
        cells = json.loads(text).get("cells")
    except (ValueError, AttributeError, RecursionError):
        return text
    if not isinstance(cells, list):
        return text
    out = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(part for part in source if isinstance(part, str)) if isinstance(source, list) else source
            if isinstance(source, str):
                out.append(source.rstrip("\n"))
    return "\n\n".join(out) + "\n"


#: Word's equation editor and PDFs paste mathematical italic (and bold, script) letters:
#: 𝜎(𝑧) = 1/(1 + 𝑒^(−𝑧)) is σ(z) = 1/(1 + e^(−z)), letter for letter (NFKC; columns hold)
#: (and Word's double-struck italic ⅆ ⅇ: ⅆσ/ⅆz, ⅇ^(−z))
_STYLED_LETTER = re.compile("[\U0001D400-\U0001D7FF\u210E\u212F\u2134\u2146\u2147]")


def plain_letters(text: str) -> str:
    """The text with Word's and PDFs' mathematical letters as plain letters."""
    if not _STYLED_LETTER.search(text):
        return text
    return _STYLED_LETTER.sub(lambda m: _styled(m.group()), text)


def _styled(char: str) -> str:
    plain = unicodedata.normalize("NFKC", char)
    return plain if len(plain) == 1 else char  # (a letter that is not one letter plain stays, unreadable)


#: GitHub's math in Markdown: a ```math fence is a display, $`...`$ inline math (columns hold)
_MATH_FENCE = re.compile(r"^([ \t]*)```math[ \t]*\n(.*?)^[ \t]*```[ \t]*$", re.MULTILINE | re.DOTALL)


def github_math(text: str) -> str:
    """GitHub's ```math fences as $$ displays and $`...`$ as $...$ (columns and lines hold)."""
    if "```math" in text:
        text = _MATH_FENCE.sub(lambda m: m.group(1) + "$$     \n" + m.group(2) + "$$" + " " * (
            len(m.group()) - len(m.group(1)) - 8 - len(m.group(2)) - 2), text)
    if "$`" in text:
        text = re.sub(r"\$`([^`\n]*)`\$", lambda m: "$ " + m.group(1) + " $", text)
    return text


#: the piecewise function of LaTeX before amsmath: \left\{ \begin{array}{ll} 1 & z > 0 \\ 0 & z < 0 \end{array} \right.
_ARRAY_CASES = re.compile(r"(\\left\s*(?:\\\{|\\lbrace)\s*\\begin\{array\}\s*\{[lcr|@{}\s]*\})(.*?)"
                          r"(\\end\{array\}\s*\\right\s*\.)", re.DOTALL)


def array_as_cases(text: str) -> str:
    """\\left\\{ \\begin{array}{ll} ... \\end{array} \\right. written as the cases it is (columns hold)."""
    if "array" not in text:
        return text
    return _ARRAY_CASES.sub(lambda m: "\\begin{cases}".ljust(len(m.group(1))) + m.group(2)
                            + "\\end{cases}".ljust(len(m.group(3))), text)


#: the physics (and derivative) package's derivatives: \dv{g}{z}, \dv[2]{g}{z}, \dv{z}, \pdv{g}{z}, \odv{g}{z};
#: \qty(...) is a bracket that grows
_DV_TWO = re.compile(r"\\(p|o|)dv\s*(?:\[\s*(\d+)\s*\])?\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_DV_ONE = re.compile(r"\\(p|o|)dv\s*(?:\[\s*(\d+)\s*\])?\s*\{([^{}]*)\}")


def physics_package(row: str) -> str:
    """\\dv{g}{z} as \\frac{dg}{dz} (and the others), \\qty( as ( : what the reader reads."""
    def frac(m: re.Match, top: str, bottom: str) -> str:
        d = "\\partial " if m.group(1) == "p" else "d"
        n = f"^{{{m.group(2)}}}" if m.group(2) else ""
        return f"\\frac{{{d}{n} {top}}}{{{d} {bottom}{n}}}"
    row = _DV_TWO.sub(lambda m: frac(m, m.group(3), m.group(4)), row)
    row = _DV_ONE.sub(lambda m: frac(m, "", m.group(3)), row)
    return re.sub(r"\\qty\s*(?=[(\[{])", "", row)
