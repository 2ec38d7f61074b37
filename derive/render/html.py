"""The web page: one self-contained HTML file that shows the chain as a lecture does.

Each line with its rule and its note, a "Next step" button that reveals one line at a
time, what the derivation establishes, and the plot inline as SVG where matplotlib is
installed.  Nothing is fetched: the maths is Presentation MathML (browsers draw it
natively), the style and the small script are inline, the picture is inline SVG.

Without the script (or when printing) every line shows: the script hides lines, so a
browser that runs none sees the whole chain.  ``?reveal=N`` in the address starts with N
lines shown.  Words from the derivation reach the page through ``html.escape``; the
same derivation gives the same bytes.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from html import escape

from sympy import Derivative, Function

from ..engine.derivation import Derivation, Line, Note
from ..errors import DeriveError
from .facts import facts, form_facts
from .linear import linear
from .mathml import content, mathml, rows
from .plot import plot as draw

#: what each rule id is called on the page (other ids: the id in words)
RULES = {
    "name": "name",
    "definition": "definition",
    "variable": "d/dz z = 1",
    "constant": "constant rule",
    "constant-multiple": "constant multiple",
    "sum": "sum rule",
    "product": "product rule",
    "quotient": "quotient rule",
    "power+chain": "power + chain rule",
    "exp+chain": "exponential + chain rule",
    "log+chain": "logarithm + chain rule",
    "exp": "exponential",
    "inverse-trig": "inverse trig",
    "evaluate-inner": "inner derivative",
    "expose-g": "algebra",
    "in-g": "in terms of g",
    "in-g-and-z": "in terms of g and z",
    "piecewise": "by pieces",
    "cases": "by pieces",
}

STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --dim: #5f6368; --rule: #1a5fb4; --line: #e3e3e3; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.5 "Latin Modern Roman", "STIX Two Text", "DejaVu Serif", Georgia, serif;
  color: var(--ink); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
p.lead { color: var(--dim); margin: 0 0 1rem; }
math { font-family: "Latin Modern Math", "STIX Two Math", "DejaVu Math TeX Gyre", math; font-size: 1.12em; }
table.chain { border-collapse: collapse; margin: .5rem 0 1rem; }
table.chain td { padding: .45rem .35rem; vertical-align: baseline; }
table.chain math[display="block"] { display: inline math; math-style: normal; }
td.lhs { text-align: right; white-space: nowrap; }
td.eq { text-align: center; }
td.rhs { text-align: left; }
td.why { padding-left: 1.5rem !important; color: var(--dim); font-size: .92rem; max-width: 22rem; }
td.why math { font-size: 1.05em; }
span.rule { display: inline-block; color: var(--rule); font: 600 .72rem/1.6 system-ui, sans-serif;
  letter-spacing: .02em; border: 1px solid #c6d5ee; border-radius: .25rem;
  padding: 0 .35rem; margin-right: .45rem; white-space: nowrap; }
tbody.piece td { padding-top: 1rem; font-style: italic; }
tbody.piece.fact td { padding-top: .2rem; font-style: normal; color: var(--dim); }
td.rhs.more { padding-left: 1.4rem !important; padding-top: 0 !important; }
tr.below td.why { padding-top: 0; padding-left: .35rem !important; max-width: none; }
div.wide { overflow-x: auto; overflow-y: hidden; padding: .2em 0; max-width: min(54rem, calc(100vw - 8rem)); }
tbody[hidden], .after[hidden] { display: none; }
tbody.line.new td { animation: appear .35s ease-out; }
@keyframes appear { from { opacity: 0; } to { opacity: 1; } }
div.controls { display: none; gap: .5rem; align-items: center; margin: .25rem 0 1rem;
  font: .9rem system-ui, sans-serif; }
.js div.controls { display: flex; }
span.hint { display: none; }
.js span.hint { display: inline; }
div.controls button { font: inherit; padding: .35rem .9rem; border-radius: .3rem; border: 1px solid #9ab;
  background: #f4f7fb; cursor: pointer; }
div.controls button.next { background: var(--rule); color: #fff; border-color: var(--rule); }
div.controls button:disabled { opacity: .45; cursor: default; }
div.controls output { color: var(--dim); margin-left: .25rem; }
ul.facts { margin: .5rem 0 1rem; padding-left: 1.2rem; }
figure.plot { margin: 1rem 0; }
figure.plot svg { width: 100%; max-width: 40rem; height: auto; }
figure.plot figcaption { color: var(--dim); font-size: .9rem; }
footer { color: var(--dim); font-size: .8rem; margin-top: 2rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  div.controls, span.hint { display: none !important; }
  tbody[hidden] { display: table-row-group !important; }
  .after[hidden] { display: block !important; }
  div.wide { overflow: visible; max-width: none; }
  tbody.line, figure.plot { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""

#: reveals one line per click; "?reveal=N" starts at N; without it every line shows
SCRIPT = """
(function () {
  document.documentElement.className += " js";
  var start = parseInt(new URLSearchParams(location.search).get("reveal") || "1", 10);
  var sections = document.querySelectorAll("section.derivation");
  sections.forEach(function (section) {
    var lines = section.querySelectorAll("tbody.line");
    var after = section.querySelectorAll(".after");
    var next = section.querySelector("button.next");
    var back = section.querySelector("button.back");
    var all = section.querySelector("button.all");
    var count = section.querySelector("output");
    var shown = 0;
    function show(n, fresh) {
      shown = Math.max(1, Math.min(lines.length, n));
      lines.forEach(function (line, i) {
        line.hidden = i >= shown;
        line.classList.toggle("new", fresh && i === shown - 1);
      });
      section.querySelectorAll("tbody.piece").forEach(function (piece) {
        var before = piece.previousElementSibling;  // a heading shows with the line after it,
        var after = piece.nextElementSibling;       // a piece's finding with the line before
        piece.hidden = piece.classList.contains("fact") ? before.hidden : !after || after.hidden;
      });
      after.forEach(function (el) { el.hidden = shown < lines.length; });
      next.disabled = shown >= lines.length;
      back.disabled = shown <= 1;
      all.disabled = shown >= lines.length;
      count.value = "line " + shown + " of " + lines.length;
    }
    next.addEventListener("click", function () { show(shown + 1, true); });
    back.addEventListener("click", function () { show(shown - 1, false); });
    all.addEventListener("click", function () { show(lines.length, false); });
    show(isNaN(start) ? 1 : start, false);
  });
  if (sections.length === 1) {
    document.addEventListener("keydown", function (e) {
      var button = { " ": "next", "Enter": "next", "ArrowRight": "next", "ArrowLeft": "back" }[e.key];
      if (button && !e.target.closest("button")) {
        e.preventDefault();
        sections[0].querySelector("button." + button).click();
      }
    });
  }
})();
"""


def page(derivations: Sequence[Derivation], *, title: str | None = None, plot: bool = True,
         names: Sequence[str | None] | None = None) -> str:
    """A whole page: a section per derivation, each with its own "Next step" button;
    ``names``: each one's name as the user typed it (swish, not silu)."""
    named = list(names) if names is not None else [None] * len(derivations)
    title = title if title is not None else _heading(derivations[0], named[0])
    several = len(derivations) > 1
    sections = [_section(d, i + 1, plot=plot, heading=_heading(d, named[i]) if several else None, name=named[i])
                for i, d in enumerate(derivations)]
    hint = ("Press <kbd>Next step</kbd> (or space, Enter, →) to reveal the next line; ← goes back."
            if not several else "Each section reveals its chain one line at a time: press <kbd>Next step</kbd>.")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="lead"><span class="hint">{hint} </span>Every line was checked equal to the line before it.</p>',
        *sections,
        '<footer>Written by derive. Self-contained: no script, font or picture is fetched.</footer>',
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ])


def fragment(d: Derivation) -> str:
    """The chain and its facts as an HTML fragment (for Jupyter): no script, no plot."""
    return f'<div class="derive">{_chain_table(d)}{_facts(d)}</div>'


def _heading(d: Derivation, name: str | None = None) -> str:
    name = name or d.name or f"g({d.var}) = {linear(d.definition)}"
    if d.order == 2:
        return f"{name}: the second derivative"
    if d.order > 2:
        return f"{name}: derivative of order {d.order}"
    return name


def _section(d: Derivation, number: int, *, plot: bool, heading: str | None, name: str | None = None) -> str:
    out = [f'<section class="derivation" id="d{number}">']
    if heading is not None:
        out.append(f"<h2>{escape(heading)}</h2>")
    out.append(_chain_table(d))
    out.append('<div class="controls"><button type="button" class="back">Back</button>'
               '<button type="button" class="next">Next step</button>'
               '<button type="button" class="all">Show all</button><output></output></div>')
    found = _facts(d)
    if found:
        out.append(f'<div class="after">{found}</div>')
    picture = _plot(d, f"d{number}-", name) if plot else ""
    if picture:
        g = Function("g")(d.var)
        caption = f"{mathml(g)} and {mathml(Derivative(g, (d.var, d.order)))}"
        out.append(f'<figure class="plot after">{picture}<figcaption>{caption}.</figcaption></figure>')
    out.append("</section>")
    return "\n".join(out)


def _chain_table(d: Derivation) -> str:
    body = [_row(line) for line in d.lines]
    for branch in d.branches:
        condition = mathml(branch.condition(d.var))
        body.append(f'<tbody class="piece"><tr><td colspan="4">For {condition}:</td></tr></tbody>')
        body.extend(_row(line) for line in branch.derivation.lines)
        body.extend(f'<tbody class="piece fact"><tr><td colspan="4">{_sentence(fact)}</td></tr></tbody>'
                    for fact in form_facts(branch.derivation))
    return '<table class="chain">\n' + "\n".join(body) + "\n</table>"


#: a line longer than this (characters in its one-line form) has its note under it
WIDE = 56


def _row(line: Line) -> str:
    """One line of the chain: a ``tbody`` (revealed as one), a long sum over several rows."""
    lhs = mathml(line.lhs, display=True) if line.lhs is not None else ""
    rule = RULES.get(line.rule, line.rule.replace("-", " ").replace("+", " + "))
    checked = f' title="checked: {escape(line.check.verdict)}"' if line.check is not None else ""
    why = f'<span class="rule">{escape(rule)}</span>{_note(line.note)}'
    parts = rows(line.rhs, width=WIDE)
    wide = len(linear(line.rhs)) > WIDE
    equals = '<math display="block"><mo>=</mo></math>'
    out = [f'<tbody class="line"{checked}>']
    for i, part in enumerate(parts):
        math = f'<math display="block">{part}</math>'
        rhs = f'<td class="rhs{" more" if i else ""}"><div class="wide">{math}</div></td>'
        note = "" if wide or i else f'<td class="why">{why}</td>'
        out.append(f'<tr><td class="lhs">{lhs if not i else ""}</td><td class="eq">{equals if not i else ""}</td>'
                   f"{rhs}{note}</tr>")
    if wide:
        out.append(f'<tr class="below"><td></td><td></td><td class="why" colspan="2">{why}</td></tr>')
    out.append("</tbody>")
    return "".join(out)


def _note(note: Note) -> str:
    """Words escaped, formulas as inline MathML, phrases joined by '; ', a capital first."""
    phrases = []
    for phrase in note:
        parts = [escape(part) if isinstance(part, str) else f"<math>{content(part)}</math>" for part in phrase]
        phrases.append(" ".join(parts))
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:] if text[:1].isalpha() else text


def _sentence(note: Note) -> str:
    text = _note(note)
    return text if text.endswith(".") else text + "."


def _facts(d: Derivation) -> str:
    found = facts(d)
    if not found:
        return ""
    return '<ul class="facts">' + "".join(f"<li>{_sentence(f)}</li>" for f in found) + "</ul>"


def _plot(d: Derivation, prefix: str, name: str | None = None) -> str:
    """The plot as inline SVG, its ids prefixed (several on one page); "" without matplotlib
    or for a function with no plot (softmax)."""
    try:
        import matplotlib  # optional (derive[plot]); imported by plot.py too, here for rc_context
    except ImportError:
        return ""
    folder = tempfile.mkdtemp(prefix="derive-svg-")
    path = os.path.join(folder, "plot.svg")
    try:
        # fixed ids: the same page has the same bytes (matplotlib's ids are random otherwise)
        with matplotlib.rc_context({"svg.hashsalt": "derive", "svg.fonttype": "path"}):
            draw(d, path, fmt="svg", name=name)
        with open(path, encoding="utf-8") as f:
            svg = f.read()
    except (DeriveError, ValueError):
        # no plot for a function of a vector; and matplotlib's mathtext cannot set some
        # titles (a typed piecewise formula's \begin{cases}): the page goes without the plot
        return ""
    finally:
        if os.path.exists(path):
            os.unlink(path)
        os.rmdir(folder)
    return _inline(svg, prefix)


def _inline(svg: str, prefix: str) -> str:
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s(width|height)="[^"]*pt"', "", svg, count=2)  # sized by the stylesheet
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r'(url\(#|href="#)([^")]+)', lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = svg.replace("<svg ", '<svg role="img" aria-label="plot of g and its derivative" ', 1)
    return svg.strip()
