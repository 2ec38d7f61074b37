"""A derivative by cases written as a sentence, as students type it in plain text:
'1 if z > 0, 0 otherwise', '0 for z < 0, 1 for z > 0', '1 for 0 < z < 6, 0 otherwise'.
Read as the cases they say; what is not a complete piece stays unreadable."""

import pytest
from sympy import And, Function, Max, Min, Piecewise, Symbol, diff
from sympy import exp as sympy_exp

import derive
from derive.parse import ParseError
from derive.parse.expression import Parser

z = Symbol("z", real=True)


def read(text: str):
    return Parser(text, var="z", notation=True, function="g").run()


@pytest.mark.parametrize("text,cases", [
    ("1 if z > 0, 0 otherwise", Piecewise((1, z > 0), (0, True))),
    ("0 if z < 0, 1 if z > 0", Piecewise((0, z < 0), (1, z > 0))),
    ("0 for z < 0, 1 for z > 0", Piecewise((0, z < 0), (1, z > 0))),
    ("1 for 0 < z < 6, 0 otherwise", Piecewise((1, And(0 < z, z < 6)), (0, True))),
    ("2z + 1 when z >= 1, else 3", Piecewise((2 * z + 1, z >= 1), (3, True))),
    ("z if z > 0, otherwise 0", Piecewise((z, z > 0), (0, True))),
])
def test_a_sentence_of_pieces_reads_as_its_cases(text, cases):
    assert read(text) == cases


@pytest.mark.parametrize("text", ["if z > 0 then 1", "1 if z, 0 otherwise", "1 if z > 0, 0", "1 if z > 0 0 otherwise",
                                  # pieces that leave z out: checked where defined only, they would pass
                                  "1 if z > 0", "0 if z < -1, 1 if z > 1", "1 if z > a, 0 if z < a"])
def test_an_incomplete_piece_is_unreadable(text):
    with pytest.raises(ParseError):
        read(text)


def test_a_typed_formula_keeps_where():
    with pytest.raises(ParseError):
        Parser("1 if z > 0, 0 otherwise", var="z").run()


@pytest.mark.parametrize("text,valid", [
    ("g(z) = max(0, z)\ng'(z) = 1 if z > 0, 0 otherwise\n", True),
    ("g(z) = max(0, z)\ng'(z) = 0 if z > 0, 1 if z < 0\n", False),  # the pieces swapped
    ("g(z) = min(max(0, z), 6)\ng'(z) = 1 for 0 < z < 6, 0 otherwise\n", True),
    ("g(z) = min(max(0, z), 6)\ng'(z) = 1 if z > 0, 0 otherwise\n", False),  # the cap forgotten
])
def test_checked_against_the_true_derivative(text, valid):
    # the truth, independently: sympy's derivative of the definition at points of both signs
    definition = Min(Max(0, z), 6) if "min" in text else Max(0, z)
    claimed = read(text.splitlines()[1].split("=", 1)[1])
    points = [-3.3, -0.7, 0.4, 2.9, 5.5, 6.6, 9.1]
    truth = all(abs(float(claimed.subs(z, x)) - float(diff(definition, z).subs(z, x))) < 1e-12 for x in points)
    assert truth == valid
    result = derive.check(text)
    assert result["valid"] == valid and result["unreadable"] == 0
    assert result["first_error"] == (None if valid else 2)


def test_swapped_pieces_are_said_piece_by_piece_not_as_a_constant_factor():
    # ReLU' is 0 for z < 0 and 1 for z > 0 (sympy: Heaviside); written the other way round it is
    # 1 where it should be 0: no constant multiple of the right one (it was "0 times the right one")
    assert diff(Max(0, z), z).subs(z, -2) == 0 and diff(Max(0, z), z).subs(z, 3) == 1
    line = derive.check("g(z) = max(0, z)\ng'(z) = 0 if z > 0, 1 if z < 0\n")["lines"][1]
    assert "times the right one" not in line["message"]
    assert "swapped" in line["message"] and "it is 1, it should be 0" in line["message"]


def test_a_true_constant_factor_is_still_named():
    # (e^-z/(1+e^-z)^2) * 2 is twice sigma'
    line = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = 2e^-z/(1+e^-z)^2\n")["lines"][1]
    assert "2 times the right one" in line["message"]


def test_latex_cases_that_leave_an_interval_out_are_unreadable_and_others_read_as_before():
    def latex(text):
        return Parser(text, var="z", notation=True, latex=True, function="g").run()

    with pytest.raises(ParseError):
        latex(r"\begin{cases} 1 & z > 0 \end{cases}")  # ReLU' with its z < 0 forgotten
    assert latex(r"\begin{cases} 0 & z < 0 \\ 1 & z > 0 \end{cases}") == Piecewise((0, z < 0), (1, z > 0))
    a = Symbol("a", real=True)
    # a breakpoint at a parameter: not shown to leave anything out, read as before
    assert latex(r"\begin{cases} 1 & z > a \\ 0 & z < a \end{cases}").has(a)


def test_g_at_another_argument_takes_its_definition_there():
    # 1 - σ(z) = σ(-z): true (sympy below); 1 - σ(z) = σ(z): false; σ' = σ(z)σ(-z): true
    sig = lambda u: 1 / (1 + sympy_exp(-u))  # noqa: E731
    for x in (-2.3, 0.4, 1.7):
        assert abs(float((1 - sig(z) - sig(-z)).subs(z, x))) < 1e-15
        assert abs(float((diff(sig(z), z) - sig(z) * sig(-z)).subs(z, x))) < 1e-15
    assert read("1 - g(-z)") == 1 - Function("g")(-z)
    good = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\n1 - g(z) = g(-z)\ng'(z) = g(z) g(-z)\n")
    assert good["valid"] and good["unreadable"] == 0
    bad = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\n1 - g(z) = g(z)\ng'(z) = g(z)(1 - g(z))\n")
    assert not bad["valid"] and bad["first_error"] == 3
