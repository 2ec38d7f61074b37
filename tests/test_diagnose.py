"""Planted mistakes, one kind at a time: the wrong line found, its kind named, the message
in words a student knows, the corrected line equal to the true value, and the lines after
it marked as a teacher marks them (carried forward / back on track).

Truth is independent of the checker: every row of a derivation is written twice, as the
text a student types and as a SymPy expression built here by hand (g already replaced).
Whether a row is right (equals the true derivative of its order, by ``sympy.diff``) and
whether it follows from the row before (equals it, or its derivative for a g' row) is
decided by ``tests.helpers.numerically_equal`` at random points of both signs; the
verdict a teacher gives follows from those two facts alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sympy import Abs, Derivative, Expr, Function, Heaviside, Max, Min, Piecewise, Rational, atan, diff, exp, log, sech, tanh

from sympy.printing.str import StrPrinter

from derive.batch import check_text
from derive.check.chain import check_document
from derive.check.document import Document, Step
from tests.helpers import Z, numerically_equal

z = Z
s = 1 / (1 + exp(-z))
ez, emz = exp(z), exp(-z)


@dataclass
class Case:
    name: str
    rows: list[tuple[str, Expr]]  # (text, its value written by hand)
    wrong: int  # the planted line (1-based)
    kind: str
    words: tuple[str, ...] = ()  # key words of the diagnosis


def order_of(text: str) -> int | None:
    head = text.split("=", 1)[0].strip()
    if not head:
        return None
    return head.count("'")


def teacher(case: Case) -> list[str]:
    """The verdict of every row from the independent truth: right, and follows."""
    definition = case.rows[0][1]
    out, last, last_right, order = ["definition"], definition, True, 0
    for text, value in case.rows[1:]:
        k = order_of(text)
        truth = diff(definition, z, order if k is None else k)
        step_from = last if k is None else diff(last, z) if k == order + 1 else truth
        follows = numerically_equal(value, step_from)
        right = numerically_equal(value, truth)
        if follows:  # following from the truth, right and follows are the same fact
            verdict = "ok" if right else "carried forward"
        elif right and not last_right:
            verdict = "back on track"
        else:
            verdict = "wrong"
        out.append(verdict)
        last, last_right, order = value, right, (order if k is None else k)
    return out


CASES = [
    Case("reciprocal-minus", [
        ("g(z) = 1/(1+e^(-z))", s),
        ("g'(z) = (1+e^(-z))^(-2) * d/dz(1+e^(-z))", -emz / (1 + emz) ** 2),
        ("= (1+e^(-z))^(-2) * (-e^(-z))", -emz / (1 + emz) ** 2),
        ("= g(z)(1 - g(z))", s * (1 - s))], 2, "sign", ("reciprocal", "minus")),
    Case("tanh-sign", [
        ("g(z) = tanh(z)", tanh(z)),
        ("g'(z) = tanh(z)^2 - 1", tanh(z) ** 2 - 1),
        ("= g(z)^2 - 1", tanh(z) ** 2 - 1),
        ("= 1 - g(z)^2", 1 - tanh(z) ** 2)], 2, "sign", ("sign",)),
    Case("chain-number-2", [
        ("g(z) = 1/(1+e^(-2z))", 1 / (1 + exp(-2 * z))),
        ("g'(z) = -(1+e^(-2z))^(-2) * d/dz(1+e^(-2z))", 2 * exp(-2 * z) / (1 + exp(-2 * z)) ** 2),
        ("= -(1+e^(-2z))^(-2) * (-e^(-2z))", exp(-2 * z) / (1 + exp(-2 * z)) ** 2),
        ("= e^(-2z)/(1+e^(-2z))^2", exp(-2 * z) / (1 + exp(-2 * z)) ** 2),
        ("= 2 g(z)(1 - g(z))", 2 * exp(-2 * z) / (1 + exp(-2 * z)) ** 2)], 3, "chain_factor", ("2", "inner")),
    Case("chain-tanh-2z", [
        ("g(z) = tanh(2z)", tanh(2 * z)),
        ("g'(z) = 1 - tanh(2z)^2", 1 - tanh(2 * z) ** 2),
        ("= 2(1 - g(z)^2)", 2 * (1 - tanh(2 * z) ** 2))], 2, "chain_factor", ("inner derivative 2",)),
    Case("chain-softplus", [
        ("g(z) = ln(1 + e^z)", log(1 + ez)),
        ("g'(z) = 1/(1 + e^z)", 1 / (1 + ez)),
        ("= e^z/(1 + e^z)", ez / (1 + ez))], 2, "chain_factor", ("e^z", "missing")),
    Case("exponent-reciprocal", [
        ("g(z) = 1/(1+e^-z)", s),
        ("g'(z) = e^-z/(1+e^-z)", emz / (1 + emz)),
        ("= g(z)(1 - g(z))", s * (1 - s))], 2, "exponent", ("power", "1 + e^(-z)")),
    Case("quotient-reversed", [
        ("g(z) = (e^z - e^-z)/(e^z + e^-z)", tanh(z)),
        ("g'(z) = ((e^z - e^-z)(e^z - e^-z) - (e^z + e^-z)(e^z + e^-z))/(e^z + e^-z)^2",
         ((ez - emz) ** 2 - (ez + emz) ** 2) / (ez + emz) ** 2),
        ("= 1 - g(z)^2", 1 - tanh(z) ** 2)], 2, "quotient_rule", ("wrong way round",)),
    Case("quotient-not-squared", [
        ("g(z) = (e^z - e^-z)/(e^z + e^-z)", tanh(z)),
        ("g'(z) = ((e^z + e^-z)(e^z + e^-z) - (e^z - e^-z)(e^z - e^-z))/(e^z + e^-z)",
         ((ez + emz) ** 2 - (ez - emz) ** 2) / (ez + emz)),
        ("= 4/(e^z + e^-z)", 4 / (ez + emz)),
        ("= 1 - g(z)^2", 1 - tanh(z) ** 2)], 2, "quotient_rule", ("not squared",)),
    Case("product-both-differentiated", [
        ("g(z) = z sigma(z)", z * s),
        ("g'(z) = sigma(z)(1 - sigma(z))", s * (1 - s)),
        ("= sigma(z) + z sigma(z)(1 - sigma(z))", s + z * s * (1 - s))], 2, "product_rule", ("u'v'", "both")),
    Case("product-term-missing", [
        ("g(z) = z sigma(z)", z * s),
        ("g'(z) = z sigma(z)(1 - sigma(z))", z * s * (1 - s)),
        ("= g(z)(1 - sigma(z))", z * s * (1 - s)),
        ("= sigma(z) + g(z)(1 - sigma(z))", s + z * s * (1 - s))], 2, "product_rule", ("term is missing",)),
    Case("product-wrong-sign", [
        ("g(z) = z tanh(z)", z * tanh(z)),
        ("g'(z) = tanh(z) - z(1 - tanh(z)^2)", tanh(z) - z * (1 - tanh(z) ** 2)),
        ("= tanh(z) + z(1 - tanh(z)^2)", tanh(z) + z * (1 - tanh(z) ** 2))], 2, "product_rule",
        ("added, not subtracted",)),
    Case("product-inside-d/dz", [
        ("g(z) = z sigma(z)", z * s),
        ("g'(z) = d/dz(z sigma(z))", z * s * (1 - s) + s),
        ("= sigma(z)(1 - sigma(z))", s * (1 - s))], 3, "product_rule", ("u'v'",)),
    Case("sigma-squared", [
        ("g(z) = sigma(z)", s),
        ("= 1/(1 + e^-z)", s),
        ("g'(z) = sigma(z)^2", s ** 2),
        ("= g(z)(1 - g(z))", s * (1 - s))], 3, "elementary_derivative", ("σ'(u) = σ(u)(1 − σ(u))",)),
    Case("sigma-squared-in-g", [
        ("g(z) = 1/(1 + e^-z)", s),
        ("g'(z) = g(z)^2", s ** 2),
        ("= g(z)(1 - g(z))", s * (1 - s))], 2, "elementary_derivative", ("not σ(u)²",)),
    Case("tanh-sech", [
        ("g(z) = tanh(z)", tanh(z)),
        ("g'(z) = sech(z)", sech(z)),
        ("= 1 - g(z)^2", 1 - tanh(z) ** 2)], 2, "elementary_derivative", ("not sech(u)",)),
    Case("tanh-plus", [
        ("g(z) = tanh(z)", tanh(z)),
        ("g'(z) = 1 + g(z)^2", 1 + tanh(z) ** 2),
        ("= 1 + tanh(z)^2", 1 + tanh(z) ** 2)], 2, "elementary_derivative", ("not 1 + tanh²(u)",)),
    Case("arctan", [
        ("g(z) = atan(z)", atan(z)),
        ("g'(z) = 1/(1 - z^2)", 1 / (1 - z ** 2)),
        ("= 1/(1 + z^2)", 1 / (1 + z ** 2))], 2, "elementary_derivative", ("arctan'(u) = 1/(1 + u²)",)),
    Case("square-of-sum-cross-terms", [
        ("g(z) = tanh(z)", tanh(z)),
        ("g'(z) = 1 - tanh(z)^2", 1 - tanh(z) ** 2),
        ("= ((e^z + e^-z)^2 - (e^z - e^-z)^2)/(e^z + e^-z)^2", 4 / (ez + emz) ** 2),
        ("= ((e^(2z) + e^(-2z)) - (e^(2z) + e^(-2z)))/(e^z + e^-z)^2", 0 * z),
        ("= 4/(e^z + e^-z)^2", 4 / (ez + emz) ** 2)], 4, "algebra", ("cross term",)),
    Case("square-of-difference", [
        ("g(z) = tanh(z)", tanh(z)),
        ("g'(z) = 1 - (e^z - e^-z)^2/(e^z + e^-z)^2", 1 - tanh(z) ** 2),
        ("= 1 - (e^(2z) - e^(-2z))/(e^z + e^-z)^2", 1 - (exp(2 * z) - exp(-2 * z)) / (ez + emz) ** 2),
        ("= 1 - g(z)^2", 1 - tanh(z) ** 2)], 3, "algebra", ("cross term", "(a - b)^2")),
    Case("square-in-denominator", [
        ("g(z) = 1/(1+e^-z)", s),
        ("g'(z) = e^-z/(1+e^-z)^2", emz / (1 + emz) ** 2),
        ("= e^-z/(1 + e^(-2z))", emz / (1 + exp(-2 * z))),
        ("= e^-z/(1 + 2e^-z + e^(-2z))", emz / (1 + emz) ** 2)], 3, "algebra", ("a^2 + 2ab + b^2",)),
    Case("constant-added", [
        ("g(z) = 1/(1+e^-z)", s),
        ("g'(z) = e^-z/(1+e^-z)^2", emz / (1 + emz) ** 2),
        ("= g(z)(1 - g(z)) + 1", s * (1 - s) + 1),
        ("= g(z) - g(z)^2 + 1", s * (1 - s) + 1)], 3, "constant", ("constant",)),
    Case("constant-factor", [
        ("g(z) = sigma(z)", s),
        ("g'(z) = sigma(z)(1 - sigma(z))", s * (1 - s)),
        ("= 2 g(z)(1 - g(z))", 2 * s * (1 - s)),
        ("= g(z) - g(z)^2", s * (1 - s))], 3, "constant", ("2 times",)),
    Case("definition-contradicts", [
        ("g(z) = 1/(1+e^-z)", s),
        ("= 1/(1+e^z)", 1 / (1 + ez)),
        ("g'(z) = -e^z/(1+e^z)^2", -ez / (1 + ez) ** 2),
        ("g'(z) = g(z)(1 - g(z))", s * (1 - s))], 2, "unknown", ("contradicts",)),
    Case("relu-one", [
        ("g(z) = max(0, z)", Max(0, z)),
        ("g'(z) = 1", 1 + 0 * z)], 2, "elementary_derivative", ("right for z > 0", "wrong for z ≤ 0", "constant")),
    Case("softsign-piece", [
        ("g(z) = z/(1 + |z|)", z / (1 + Abs(z))),
        ("g'(z) = 1/(1 + z)^2", 1 / (1 + z) ** 2),
        ("= 1/(1 + |z|)^2", 1 / (1 + Abs(z)) ** 2)], 2, "elementary_derivative",
        ("wrong for z < 0", "|u|")),
    Case("elu-piece", [
        ("g(z) = where(z > 0, z, e^z - 1)", Piecewise((z, z > 0), (ez - 1, True))),
        ("g'(z) = where(z > 0, 1, e^z - 1)", Piecewise((1, z > 0), (ez - 1, True))),
        ("= where(z > 0, 1, e^z)", Piecewise((1, z > 0), (ez, True)))], 2, "constant", ("wrong for z ≤ 0",)),
    Case("leaky-relu-not-differentiated", [
        ("g(z) = where(z > 0, z, 0.1z)", Piecewise((z, z > 0), (z / 10, True))),
        ("g'(z) = where(z > 0, 1, 0.1z)", Piecewise((1, z > 0), (z / 10, True))),
        ("= where(z > 0, 1, 0.1)", Piecewise((1, z > 0), (Rational(1, 10), True)))], 2, "unknown",
        ("wrong for z ≤ 0", "z/10", "not its derivative")),
    Case("hard-sigmoid-pieces", [
        ("g(z) = min(1, max(0, (z+1)/2))", Min(1, Max(0, (z + 1) / 2))),
        ("g'(z) = 1/2", Rational(1, 2) + 0 * z)], 2, "elementary_derivative",
        ("right for -1 < z < 1", "z ≥ 1 (where g(z) = 1)", "z ≤ -1 (where g(z) = 0)")),
    Case("threshold", [
        ("g(z) = heaviside(z)", Heaviside(z)),
        ("g'(z) = 1", 1 + 0 * z)], 2, "elementary_derivative", ("0",)),
]


def checked(case: Case):
    chain, problem = check_text("\n".join(text for text, _ in case.rows) + "\n")
    assert problem is None, problem
    return chain


def test_every_kind_is_planted():
    from derive.check.diagnose import KINDS

    assert {case.kind for case in CASES} == set(KINDS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_planted_mistake(case):
    expected = teacher(case)
    # the test's own truth: the planted line is the first one a teacher marks wrong
    assert expected.index("wrong") + 1 == case.wrong, expected
    chain = checked(case)
    got = ["ok" if line.verdict in ("proved", "numerically equal") else line.verdict for line in chain.lines]
    assert got == expected
    assert chain.first_error == case.wrong
    line = chain.lines[case.wrong - 1]
    assert line.diagnosis.kind == case.kind, line.diagnosis
    for word in case.words:
        assert word in line.diagnosis.message, line.diagnosis.message
    # one mistake costs one line: every line after it is credited
    assert chain.errors == expected.count("wrong")
    assert chain.right == len(expected) - 1 - expected.count("wrong")


@pytest.mark.parametrize("case", [c for c in CASES if c.kind not in ("constant", "unknown")], ids=lambda c: c.name)
def test_corrected_line_is_the_true_value(case):
    """The corrected line equals what the line had to be: the truth, the line before being right."""
    chain = checked(case)
    line = chain.lines[case.wrong - 1]
    fixed = line.diagnosis.corrected
    if fixed is None:
        assert case.name.startswith(("relu", "softsign", "elu", "hard")), case.name  # a piece is named instead
        return
    definition = case.rows[0][1]
    g = Function("g")
    value = fixed.subs({Derivative(g(z), z): diff(definition, z)}).subs(g(z), definition).doit()
    k = order_of(case.rows[case.wrong - 1][0])
    before = case.rows[case.wrong - 2][1]
    should = diff(before, z) if k is not None else before
    assert numerically_equal(value, should), (fixed, value)


def test_author_names_and_latex_in_the_corrected_line():
    """A LaTeX text that calls the function σ and the variable x: the corrected line is
    LaTeX, in σ and x.  The Document is built by hand (as the reader hands it over), so
    this holds whatever reader produced it."""
    from sympy import Symbol

    from derive.engine.functions import g
    from derive.render.check import check_data

    x = Symbol("x", real=True)
    sx = 1 / (1 + exp(-x))
    rows = [(0, r"\frac{1}{1+e^{-x}}", sx), (1, r"\sigma(x)^2", g(x) ** 2),
            (None, r"\sigma(x)(1 - \sigma(x))", g(x) * (1 - g(x)))]
    steps = tuple(Step(i + 1, order, text, True, expr=expr) for i, (order, text, expr) in enumerate(rows))
    chain = check_document(Document(steps, x, function="σ", function_latex="\\sigma", latex=True))
    data = check_data(chain)
    wrong = data["lines"][1]
    assert wrong["verdict"] == "wrong" and wrong["kind"] == "elementary_derivative"
    assert wrong["lhs"] == "σ'(x)" and "at x = " in wrong["message"]
    fixed = wrong["corrected"]
    assert "\\sigma(x)" in fixed and "g(" not in fixed and "z" not in fixed, fixed
    # the corrected line is the true derivative (σ(x) read back as the definition)
    value = chain.lines[1].diagnosis.corrected.subs(g(x), sx)
    assert numerically_equal(value, diff(sx, x), var=x)
    assert data["lines"][2]["verdict"] == "back on track"


def test_an_empty_document_is_a_problem_not_an_error():
    chain = check_document(Document((), Z))
    assert chain.problem and not chain.valid and chain.lines == ()


def test_remark_of_the_reader_is_in_the_message():
    from derive.render.check import check_data

    steps = (Step(1, 0, "tanh(z)", False, expr=tanh(z)),
             Step(2, 1, "1 - tanh^2 z", False, expr=1 - tanh(z) ** 2, remark="read tanh^2 z as (tanh z)^2"))
    data = check_data(check_document(Document(steps, z)))
    assert data["valid"] and "read tanh^2 z as (tanh z)^2" in data["lines"][1]["message"]


class Typed(StrPrinter):
    """An expression as a person types it for derive's plain reader (SymPy's own printer,
    not derive's): where(...) for pieces, heaviside, abs, ^ for powers."""

    def _print_Heaviside(self, expr):
        return f"heaviside({self._print(expr.args[0])})"

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Piecewise(self, expr):
        (first, condition), *rest = expr.args
        other = self._print(Piecewise(*rest)) if len(rest) > 1 or rest and rest[0][1] != True else \
            self._print(rest[0][0]) if rest else "0"  # noqa: E712
        return f"where({self._print(condition)}, {self._print(first)}, {other})"

    def _print_Pow(self, expr, rational=False):
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("**", "^")


def typed(expr) -> str:
    return Typed({"order": "none"}).doprint(expr).replace("**", "^")


WRONG_DERIVATIVES = {
    # each a wrong g' built from the true one t; "1" and "0" hit the kinks of the ReLU family
    "one": lambda t: 1 + 0 * z, "zero": lambda t: 0 * z, "squared": lambda t: t ** 2,
}


@pytest.mark.parametrize("wrong", sorted(WRONG_DERIVATIVES))
def test_every_catalog_function_with_a_wrong_derivative_is_diagnosed(wrong):
    """No internal error anywhere in the catalog (kinks, pieces, derivatives 0 somewhere):
    a line that is wrong by sympy.diff is found, diagnosed, and the true derivative after
    it is back on track."""
    from derive import derive as derivation
    from derive.catalog import CATALOG
    diagnosed = 0
    for entry in CATALOG:
        if entry.multivariate:
            continue
        definition = derivation(entry.name).definition
        truth = diff(definition, z)
        bad = WRONG_DERIVATIVES[wrong](truth)
        if numerically_equal(bad, truth):
            continue  # the identity's derivative is 1; tanh' squared is not tanh'...
        text = f"g(z) = {typed(definition)}\ng'(z) = {typed(bad)}\n= {typed(truth)}\n"
        chain, problem = check_text(text)
        assert problem is None, (entry.name, problem)
        assert all(line.verdict != "unreadable" for line in chain.lines), (entry.name, text)
        assert chain.first_error == 2 and chain.lines[1].diagnosis is not None, (entry.name, text)
        assert chain.lines[2].verdict == "back on track", (entry.name, text)
        diagnosed += 1
    assert diagnosed >= 20


def _wrong_line(latex_rows: list[str]):
    text = "\\begin{aligned}\n" + " \\\\\n".join(latex_rows) + "\n\\end{aligned}\n"
    chain, problem = check_text(text)
    assert problem is None, problem
    return next(line for line in chain.lines if line.verdict == "wrong")


def test_a_square_that_cannot_be_told_apart_is_not_named():
    # (e^z + e^{-z})^2 is expanded right, (e^z - e^{-z})^2 loses its -2: read, the line is
    # 2/(e^z + e^{-z})^2, which the same slip in the other square gives too
    wrong = _wrong_line([r"g(z) &= \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}",
                         r"g'(z) &= \frac{(e^{z}+e^{-z})^2 - (e^{z}-e^{-z})^2}{(e^{z}+e^{-z})^2}",
                         r"&= \frac{(e^{2z}+2+e^{-2z}) - (e^{2z}+e^{-2z})}{(e^{z}+e^{-z})^2}"])
    assert wrong.step.index == 3 and wrong.diagnosis.kind == "algebra"
    assert "cross term" in wrong.diagnosis.message and "e^z + e^(-z)" not in wrong.diagnosis.message


@pytest.mark.parametrize("line, kind", [
    (r"\frac{0\cdot(1+e^{-z}) - 1\cdot(-e^{-z})}{1+e^{-z}}", "quotient_rule"),  # the rule's layout, v not squared
    (r"-\left(1+e^{-z}\right)^{-1}\cdot\left(-e^{-z}\right)", "exponent"),  # the power -1 not lowered
    (r"\frac{e^{-z}}{1+e^{-z}}", "exponent"),  # no rule written out: the power
    (r"(1+e^{-z})^{-2}\cdot(-e^{-z})", "sign"),  # the reciprocal rule's minus dropped
])
def test_one_wrong_value_named_by_the_lines_layout(line, kind):
    wrong = _wrong_line([r"g(z) &= \frac{1}{1+e^{-z}}", "g'(z) &= " + line])
    assert wrong.step.index == 2 and wrong.diagnosis.kind == kind, wrong.diagnosis.message


def test_a_line_right_on_one_side_of_a_smooth_g_is_named_so():
    """g has no pieces: the two sides of 0 are named (this raised NameError once)."""
    from click.testing import CliRunner

    from derive.cli import cli

    result = CliRunner().invoke(cli, ["check", "-"], input="g(z) = z^2\ng'(z) = 2|z|\n")
    assert result.exit_code == 1
    assert "right for z > 0" in result.output and "wrong for z < 0" in result.output
