"""The web page, in a real browser: headless Chromium loads the page (no network), the
DOM it builds is read back here, and each line's MathML is *evaluated* by a small reader
in this file and compared with the activation and its derivative computed independently
(plain math functions and sympy.diff) -- so the test checks what a student sees, not
what derive meant to print.

Where chromium is missing the browser tests skip locally, but fail when CI is set:
.ci/run installs Debian's chromium.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy

from derive import derive
from derive.render.html import page

#: the independent truth: g and g' from the textbook formulas, not from derive
Z = sympy.Symbol("z", real=True)
FORMULAS = {
    "sigmoid": 1 / (1 + sympy.exp(-Z)),
    "tanh": sympy.tanh(Z),
    "relu": sympy.Piecewise((0, Z < 0), (Z, True)),
}
POINTS = (-1.7, -0.45, 0.6, 2.3)  # both signs, away from relu's kink


def truth(name: str):
    g = FORMULAS[name]
    return sympy.lambdify(Z, g, "math"), sympy.lambdify(Z, sympy.diff(g, Z), "math")


def browser() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI must load the page in a real browser")
        pytest.skip("chromium is not installed")
    return path


def chromium(tmp_path: Path, target: str, *extra: str) -> subprocess.CompletedProcess:
    """Headless Chromium, every host name unresolvable: what the page needs is in the file."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP * ~NOTFOUND", *extra, target],
        capture_output=True, text=True, timeout=120, check=True)


def dump_dom(tmp_path: Path, path: Path, query: str = "") -> Node:
    out = chromium(tmp_path, "--dump-dom", path.as_uri() + query).stdout
    return parse(out)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name in FORMULAS:
        path = folder / f"{name}.html"
        path.write_text(derive(name).html(), encoding="utf-8")
        out[name] = path
    return out


@pytest.fixture(scope="module")
def doms(pages, tmp_path_factory):
    """Each page's DOM as Chromium built it, all lines shown (one browser run per page)."""
    folder = tmp_path_factory.mktemp("browser")
    return {name: dump_dom(folder, path, "?reveal=99") for name, path in pages.items()}


# --- a small DOM and a reader of the MathML derive writes -------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for c in self.elements():
            if c.tag == tag and (cls is None or cls in (c.attrs.get("class") or "").split()):
                found.append(c)
            found.extend(c.find_all(tag, cls))
        return found


VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    return builder.root


class Unreadable(Exception):
    pass


FUNCTIONS = {"tanh": math.tanh, "σ": lambda x: 1 / (1 + math.exp(-x)), "ln": math.log, "max": max,
             "min": min, "exp": math.exp}


class Reader:
    """Evaluates derive's Presentation MathML at a point: z, g(z) and g'(z) given."""

    def __init__(self, z: float, g, dg):
        self.z, self.g, self.dg = z, g, dg

    def at(self, z: float) -> Reader:
        return Reader(z, self.g, self.dg)

    def value(self, node) -> float:
        if isinstance(node, str):
            raise Unreadable(node)
        tag = node.tag
        kids = node.elements()
        if tag in ("math", "mrow", "mtd", "td", "div"):
            return self.row(kids)
        if tag == "mn":
            return float(node.text())
        if tag == "mi":
            name = node.text()
            if name == "z":
                return self.z
            if name == "e":
                return math.e
            if name == "π":
                return math.pi
            raise Unreadable(f"name {name}")
        if tag == "mfrac":
            return self.value(kids[0]) / self.value(kids[1])
        if tag == "msqrt":
            return math.sqrt(self.row(kids))
        if tag == "msup":
            base, exponent = kids
            if base.tag == "mi" and base.text() == "e":
                return math.exp(self.value(exponent))
            return self.value(base) ** self.value(exponent)
        raise Unreadable(tag)

    def row(self, kids: list) -> float:
        """A sequence: fences, signs, products (explicit or invisible), function calls, d/dz."""
        if not kids:
            raise Unreadable("empty")
        if kids[0].tag == "mo" and kids[0].text() == "{":  # cases: {value if condition, ...}
            return self.cases(kids[1])
        if len(kids) >= 2 and kids[0].tag == "mo" and kids[0].text() in "(|" and kids[-1].tag == "mo":
            inner = self.row(kids[1:-1])
            return abs(inner) if kids[0].text() == "|" else inner
        terms, sign, product, i = [], 1.0, None, 0
        while i < len(kids):
            k = kids[i]
            if k.tag == "mo" and k.text() in ("+", "−"):
                if product is not None:
                    terms.append(sign * product)
                sign, product = (1.0 if k.text() == "+" else -1.0), None
                i += 1
                continue
            if (k.tag == "mo" and k.text() in ("⋅", "\u2062", "\u2061")) or k.tag == "mspace":
                i += 1
                continue
            if k.tag == "mo" and k.text() in ("<", "≤", ">", "≥", "="):
                raise Unreadable("relation")
            factor, i = self.factor(kids, i)
            product = factor if product is None else product * factor
        if product is not None:
            terms.append(sign * product)
        elif terms:
            raise Unreadable("dangling sign")
        return sum(terms)

    def factor(self, kids: list, i: int) -> tuple[float, int]:
        k = kids[i]
        following = [c for c in kids[i + 1:] if not (c.tag == "mo" and c.text() == "\u2061")]
        # g(z), g'(z): the activation and its derivative, from the independent formulas
        if k.tag == "mrow" and [c.tag for c in k.elements()] == ["mi", "mo"] and k.elements()[1].text() == "′":
            return self.dg(self.value(following[0])), kids.index(following[0]) + 1
        if k.tag == "mi" and k.text() == "g":
            return self.g(self.value(following[0])), kids.index(following[0]) + 1
        if k.tag == "mi" and k.text() in FUNCTIONS:
            argument = following[0]
            args = self.arguments(argument)
            return FUNCTIONS[k.text()](*args), kids.index(argument) + 1
        if k.tag == "mfrac" and [c.text() for c in k.elements()] == ["d", "dz"]:
            operand = following[0]
            h = 1e-5  # d/dz of the operand: a central difference, at z +- h
            slope = (self.at(self.z + h).value(operand) - self.at(self.z - h).value(operand)) / (2 * h)
            return slope, kids.index(operand) + 1
        if k.tag == "mrow" and k.elements() and k.elements()[0].tag == "mfrac" and \
                [c.text() for c in k.elements()[0].elements()] == ["d", "dz"]:
            return self.row(k.elements()), i + 1
        return self.value(k), i + 1

    def arguments(self, fenced: Node) -> list[float]:
        inner = fenced.elements()[1:-1]
        if len(inner) == 1 and inner[0].tag == "mrow":
            inner = inner[0].elements()
        groups, current = [], []
        for c in inner:
            if c.tag == "mo" and c.text() == ",":
                groups.append(current)
                current = []
            else:
                current.append(c)
        groups.append(current)
        return [self.row(g) for g in groups]

    def cases(self, table: Node) -> float:
        for row in table.find_all("mtr"):
            value, condition = row.find_all("mtd")
            if self.holds(condition):
                return self.value(value)
        raise Unreadable("no case holds")

    def holds(self, condition: Node) -> bool:
        if "otherwise" in condition.text():
            return True
        relation = [c for c in condition.find_all("mrow") if any(
            k.tag == "mo" and k.text() in "<≤>≥" for k in c.elements())][0]
        return self.relation(relation.elements())

    def relation(self, kids: list) -> bool:
        ops = {"<": lambda a, b: a < b, "≤": lambda a, b: a <= b, ">": lambda a, b: a > b, "≥": lambda a, b: a >= b}
        at = [i for i, k in enumerate(kids) if k.tag == "mo" and k.text() in ops]
        left, op, right = kids[:at[0]], kids[at[0]].text(), kids[at[0] + 1:]
        if len(right) == 1 and right[0].tag == "mrow" and any(
                k.tag == "mo" and k.text() in ops for k in right[0].elements()):  # a < z < b
            inner = right[0].elements()
            j = [i for i, k in enumerate(inner) if k.tag == "mo" and k.text() in ops][0]
            middle = self.row(inner[:j])
            return ops[op](self.row(left), middle) and self.relation(inner)
        return ops[op](self.row(left), self.row(right))


def lines_of(dom: Node) -> list[Node]:
    return dom.find_all("tbody", "line")


def visible(dom: Node) -> list[Node]:
    return [line for line in lines_of(dom) if "hidden" not in line.attrs]


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_every_line_in_the_browser_reads_as_the_right_maths(doms, name):
    d = derive(name)
    dom = doms[name]
    assert len(visible(dom)) == len(lines_of(dom))
    lines = lines_of(dom)
    expected = list(d.lines) + [line for b in d.branches for line in b.derivation.lines]
    assert len(lines) == len(expected)  # every line of the chain, pieces included, is in the DOM
    g, dg = truth(name)
    pieces = dom.find_all("tbody", "piece")
    checked, side, where = 0, None, None
    rows = dom.find_all("table", "chain")[0].elements()
    for element in rows:
        if "piece" in element.attrs.get("class", "") and element.text().startswith("For"):
            where = element.find_all("math")[0]  # the lines below hold where this holds
            continue
        if "line" not in element.attrs.get("class", ""):
            continue
        first = element.find_all("tr")[0]
        lhs = first.find_all("td", "lhs")[0].text().replace("\u2061", "")
        side = {"g(z)": "g", "g′(z)": "g'"}.get(lhs, side) if lhs else side
        assert side is not None, lhs
        rhs = [td.find_all("math")[0] for td in element.find_all("td", "rhs")]
        for z in POINTS:
            reader = Reader(z, g, dg)
            if where is not None and not reader.relation(where.elements()[0].elements()):
                continue
            want = g(z) if side == "g" else dg(z)
            parts = [reader.row(m.elements()) for m in rhs]  # a long sum over several rows
            got = sum(parts)
            assert math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-6), (name, lhs, z, got, want)
            checked += 1
    assert checked >= 2 * len(expected)  # each line at two points or more
    assert len(pieces) >= (2 if name == "relu" else 0)


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_lines_appear_in_the_derivations_order(doms, name):
    from derive.render.mathml import content

    d = derive(name)
    dom = doms[name]
    expected = list(d.lines) + [line for b in d.branches for line in b.derivation.lines]
    shown = [" ".join(m.text() for m in line.find_all("td", "rhs")) for line in lines_of(dom)]
    assert shown == [parse(content(line.rhs)).text() for line in expected]
    notes = [line.find_all("td", "why")[0].text() for line in lines_of(dom)]
    assert "ubstitute" in notes[len(d.lines) - 1] if name != "relu" else "piece" in notes[2]


def test_next_step_reveals_one_more_line_per_click(tmp_path, pages):
    for name in ("sigmoid", "relu"):
        total = len(lines_of(parse(pages[name].read_text(encoding="utf-8"))))
        for clicks in (0, 1, 2, total + 3):
            copy = tmp_path / f"{name}-{clicks}.html"
            script = "<script>for (var i = 0; i < %d; i++) document.querySelector('button.next').click();</script>"
            copy.write_text(pages[name].read_text(encoding="utf-8").replace("</body>", script % clicks + "</body>"),
                            encoding="utf-8")
            dom = dump_dom(tmp_path, copy)
            shown = visible(dom)
            assert len(shown) == min(1 + clicks, total), (name, clicks)
            assert shown == lines_of(dom)[:len(shown)]  # the first lines, in order
            counter = dom.find_all("output")[0].text()
            assert counter == f"line {len(shown)} of {total}"
            findings = [el for el in dom.find_all("div", "after") + dom.find_all("figure", "after")]
            assert all(("hidden" in el.attrs) == (len(shown) < total) for el in findings)
        if name == "relu":  # a piece's heading shows with its first line
            dom = dump_dom(tmp_path, pages[name], "?reveal=4")
            heads = [p for p in dom.find_all("tbody", "piece") if p.text().startswith("For")]
            assert ["hidden" in h.attrs for h in heads] == [False, True]


def test_address_reveal_starts_with_n_lines_and_no_script_shows_all(tmp_path, pages):
    dom = dump_dom(tmp_path, pages["tanh"], "?reveal=3")
    assert len(visible(dom)) == 3
    raw = parse(pages["tanh"].read_text(encoding="utf-8"))  # a browser without scripts
    assert len(visible(raw)) == len(lines_of(raw)) == len(derive("tanh").lines)


def test_the_page_fetches_nothing(tmp_path, pages):
    for path in pages.values():
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
        assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:)?//", html)
        assert "<link" not in html and " src=" not in html
    # the browser's own record of requests: none started by the page (positive control first)
    control = tmp_path / "control.html"
    control.write_text(pages["sigmoid"].read_text(encoding="utf-8").replace(
        "</main>", '<img src="http://example.invalid/x.png"></main>'), encoding="utf-8")
    assert page_requests(tmp_path, control) == ["http://example.invalid/x.png"]
    for path in pages.values():
        assert page_requests(tmp_path, path) == []


def page_requests(tmp_path: Path, path: Path) -> list[str]:
    log = tmp_path / f"net-{path.stem}.json"
    chromium(tmp_path, f"--log-net-log={log}", "--dump-dom", path.as_uri())
    data = json.loads(log.read_text(encoding="utf-8"))
    names = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    urls = []
    for event in data["events"]:
        params = event.get("params") or {}
        # Chromium's own requests (update checks) have no origin; the page's have file://
        if names[event["type"]] == "URL_REQUEST_START_JOB" and "url" in params and \
                params.get("initiator") != "not an origin":
            urls.append(params["url"])
    return sorted(set(urls))


def test_screenshot_shows_the_page(tmp_path, pages):
    shot = tmp_path / "sigmoid.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=800,600", pages["sigmoid"].as_uri() + "?reveal=99")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 15_000  # a blank 800x600 page is about 3 kB


def test_page_bytes_are_deterministic_and_user_text_is_escaped(tmp_path):
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"notes-{seed}.html"
        subprocess.run([sys.executable, "-m", "derive", "notes", "sigmoid", "relu", "-o", str(out),
                        "--title", "<img src=x onerror=alert(1)> & σ"],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed},
                       cwd=Path(__file__).parent.parent)
        runs.append(out.read_bytes())
    assert runs[0] == runs[1]
    text = runs[0].decode("utf-8")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt; &amp; σ" in text
    assert text.count('<section class="derivation"') == 2 and text.count("<svg") == 2


def test_show_writes_the_page(tmp_path):
    from click.testing import CliRunner

    from derive.cli import cli

    out = tmp_path / "tanh.html"
    result = CliRunner().invoke(cli, ["tanh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<math" in text and "Next step" in text
    assert text == derive("tanh").html()


def test_without_matplotlib_the_page_has_no_plot():
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "from derive import derive\n"
            "html = derive('sigmoid').html()\n"
            "print('<svg' in html, html.count('<tbody class=\"line\"'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parent.parent)
    assert done.stdout.split() == ["False", str(len(derive("sigmoid").lines))]


def test_softmax_page_has_no_plot_and_reads():
    html = page([derive("softmax")])
    assert "<svg" not in html and html.count('<tbody class="line"') == len(derive("softmax").lines)


def test_typed_piecewise_formula_gets_a_page(tmp_path):
    # matplotlib cannot set its title (\begin{cases}): the page goes without the plot
    from click.testing import CliRunner

    from derive.cli import cli

    out = tmp_path / "typed.html"
    result = CliRunner().invoke(cli, ["where(z > 0, z, 0.1z)", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<tbody class="line"') >= 3


def test_printed_page_shows_every_line(tmp_path, pages):
    # the print stylesheet: every line and the findings, even with one line revealed on screen
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext is not installed")
    pdf = tmp_path / "relu.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", pages["relu"].as_uri() + "?reveal=1")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Case by case", "Each piece differentiated", "Constant rule", "Not differentiable at"):
        assert words in text, words
    assert "Next step" not in text  # no buttons on paper


def test_mathml_keeps_the_lecture_brackets_and_escapes_names():
    from sympy import Mul, Symbol, UnevaluatedExpr, exp

    from derive.render.mathml import mathml

    z = Symbol("z")
    product = Mul(UnevaluatedExpr(-1), UnevaluatedExpr(z**-2), UnevaluatedExpr(-exp(-z)), evaluate=False)
    text = parse(mathml(product)).text().replace("\u2062", "")
    assert text == "(−1)1z2(−e−z)"  # (-1) · 1/z^2 · (-e^{-z}): the last factor a factor, not a subtraction
    assert parse(mathml(sympy.Function("g")(z) ** 2)).text() == "(g\u2061(z))2"
    hostile = mathml(Symbol("<b>x") * z)
    assert "<b>" not in hostile and "&lt;b&gt;x" in hostile
