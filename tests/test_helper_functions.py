"""A helper function the text defines by a letter (s(z) = 1/(1 + e^{-z}), then g(z) = z s(z)):
s(...) in the other lines is that function, s'(...) its derivative, and the helper's row
defines s (not graded).  derive read s(z) as "a function s or a product" everywhere: every
line unreadable.  Also φ'(z) (the normal density's derivative) in GELU's second derivative,
and --function / --var that clash with the text.

Truth here is sympy's: the activation written out by hand, sympy.diff of it, compared at
random points of both signs (tests.helpers.numerically_equal).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import sympy
from sympy import erf, exp, log, sqrt, tanh

import derive
from tests.helpers import Z, from_json_expr, numerically_equal

SIGMOID = 1 / (1 + exp(-Z))
SWISH = Z * SIGMOID
MISH = Z * tanh(log(1 + exp(Z)))
LOGISTIC_OF_EXP = exp(Z) / (1 + exp(Z))
GELU = Z * (1 + erf(Z / sqrt(2))) / 2

SWISH_LINES = "g(z) = z s(z)\ng'(z) = s(z) + z s'(z)\n= s(z) + z s(z)(1 - s(z))\n"

#: (text, the activation by hand, the helper's name): each line right
RIGHT = [
    ("s(z) = 1/(1+e^-z)\n" + SWISH_LINES, SWISH, "s"),
    (SWISH_LINES.replace("\n", "\ns(z) = 1/(1+e^-z)\n", 1), SWISH, "s"),  # defined after the activation
    ("Let s(z) = 1/(1+e^-z).\n" + SWISH_LINES, SWISH, "s"),
    ("g(z) = z s(z), where s(z) = 1/(1+e^-z)\ng'(z) = s(z) + z s'(z)\n= s(z) + z s(z)(1 - s(z))\n", SWISH, "s"),
    ("\\begin{align*}\ns(z) &= \\frac{1}{1+e^{-z}} \\\\\ng(z) &= z\\, s(z) \\\\\ng'(z) &= s(z) + z\\, s'(z) \\\\\n"
     "&= s(z) + z\\, s(z)\\left(1 - s(z)\\right)\n\\end{align*}\n", SWISH, "s"),
    ("\\[ g(z) = z\\,s(z), \\quad \\text{where } s(z) = \\frac{1}{1+e^{-z}} \\]\n\\begin{align*}\n"
     "g'(z) &= s(z) + z\\,s'(z) \\\\\n&= s(z) + z\\,s(z)\\bigl(1 - s(z)\\bigr)\n\\end{align*}\n", SWISH, "s"),
    ("s(z) = 1/(1+e^-z)\ng(z) = z s(z)\ns'(z) = s(z)(1 - s(z))\ng'(z) = s(z) + z s'(z)\n"
     "= s(z) + z s(z)(1 - s(z))\n", SWISH, "s"),
    ("s(z) = 1/(1+e^-z)\ng(z) = s(2z) - s(-z)\ng'(z) = 2 s'(2z) + s'(-z)\n"
     "= 2 s(2z)(1 - s(2z)) + s(-z)(1 - s(-z))\n", SIGMOID.subs(Z, 2 * Z) - SIGMOID.subs(Z, -Z), "s"),
    ("f(z) = ln(1+e^z)\ng(z) = z tanh(f(z))\nf'(z) = e^z/(1+e^z)\ng'(z) = tanh(f(z)) + z sech^2(f(z)) f'(z)\n"
     "= tanh(f(z)) + z sech^2(f(z)) e^z/(1+e^z)\n", MISH, "f"),
    ("h(z) = e^z\ng(z) = h(z)/(1+h(z))\ng'(z) = h'(z)/(1+h(z))^2\n= e^z/(1+e^z)^2\n", LOGISTIC_OF_EXP, "h"),
    ("s(u) = 1/(1+e^-u)\n" + SWISH_LINES, SWISH, "s"),  # the helper in a letter of its own
]


def _order_of_lines(report) -> list[int | None]:
    """Each line's order as its left side says (g: 0, g': 1, a "= ..." row: the one before)."""
    orders, order = [], 0
    for line in report["lines"]:
        lhs = line["lhs"].replace(" ", "")
        if lhs.startswith("g'") or lhs.startswith("\\frac{d"):
            order = 1
        elif lhs.startswith("g("):
            order = 0
        elif lhs:
            order = None  # the helper's row or its derivative
        orders.append(order)
    return orders


@pytest.mark.parametrize("text, truth, helper", RIGHT)
def test_a_helper_the_text_defines_is_read_and_the_derivation_holds(text, truth, helper):
    report = derive.check(text)
    assert report["problem"] is None
    verdicts = [(line["lhs"], line["text"], line["verdict"]) for line in report["lines"]]
    assert report["valid"], verdicts
    helper_rows = [line for line in report["lines"] if line["message"].startswith(f"defines {helper}")]
    assert len(helper_rows) == 1 and not helper_rows[0]["credit"]
    assert helper_rows[0]["lhs"].replace(" ", "").startswith(f"{helper}(")
    for line, order in zip(report["lines"], _order_of_lines(report)):
        if order is None:
            continue
        value = from_json_expr(line["expr"], truth)
        assert numerically_equal(value, sympy.diff(truth, Z, order)), (line["text"], order)


#: (text, the activation, the line first wrong): a wrong step after the helper, a wrong helper derivative
WRONG = [
    ("s(z) = 1/(1+e^-z)\ng(z) = z s(z)\ng'(z) = s(z) + z s'(z)\n= s(z) + z s(z)(1 + s(z))\n", SWISH, 4),
    ("s(z) = 1/(1+e^-z)\ng(z) = z s(z)\ns'(z) = s(z)^2\ng'(z) = s(z) + z s'(z)\n", SWISH, 3),
    ("f(z) = ln(1+e^z)\ng(z) = z tanh(f(z))\nf'(z) = e^z/(1+e^z)\ng'(z) = tanh(f(z)) + z sech^2(f(z)) f'(z)\n"
     "= tanh(f(z)) + z sech^2(f(z)) e^z/(1-e^z)\n", MISH, 5),
    ("h(z) = e^z\ng(z) = h(z)/(1+h(z))\ng'(z) = h'(z)/(1+h(z))\n", LOGISTIC_OF_EXP, 3),
]


@pytest.mark.parametrize("text, truth, first", WRONG)
def test_a_wrong_line_with_a_helper_is_wrong_at_its_line(text, truth, first):
    report = derive.check(text)
    assert report["problem"] is None
    assert report["first_error"] == first, [(line["text"], line["verdict"]) for line in report["lines"]]
    line = report["lines"][first - 1]
    assert line["verdict"] == "wrong"
    # the truth says so too: the line is not the derivative it claims (g', or the helper's own)
    lhs = line["lhs"].replace(" ", "")
    if lhs.startswith("s'"):
        claimed = sympy.diff(SIGMOID, Z)
    else:
        claimed = sympy.diff(truth, Z)
    assert not numerically_equal(from_json_expr(line["expr"], truth), claimed)
    assert all(earlier["verdict"] != "wrong" for earlier in report["lines"][: first - 1])


def test_without_its_definition_a_helper_stays_unreadable():
    report = derive.check(SWISH_LINES)
    assert [line["verdict"] for line in report["lines"]] == ["unreadable"] * 3
    assert "reads two ways" in report["lines"][0]["message"]


def test_a_known_name_redefined_wrongly_is_still_checked_against_what_it_names():
    # σ is the sigmoid: σ(z) = 1/(1 - e^{-z}) is a side computation, and wrong (truth: they differ)
    assert not numerically_equal(1 / (1 - exp(-Z)), SIGMOID)
    report = derive.check("σ(z) = 1/(1 - e^-z)\ng(z) = z σ(z)\ng'(z) = σ(z) + z σ'(z)\n")
    assert report["lines"][0]["verdict"] == "wrong"


def test_a_function_only_its_own_lines_use_is_a_second_exercise_not_a_helper():
    text = "σ(z) = 1/(1+e^-z)\nσ'(z) = σ(z)(1 - σ(z))\n\ng(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n"
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    report = derive.check(text)
    assert report["errors"] == 0
    assert not any(line["message"].startswith("defines g") for line in report["lines"][:2])


# --- φ'(z): GELU's second derivative ----------------------------------------

GELU_TEXT = "g(z) = z Phi(z)\ng'(z) = Phi(z) + z Phi'(z)\n= Phi(z) + z phi(z)\ng''(z) = 2 phi(z) + z phi'(z)\n= {last}\n"


def test_phi_prime_is_the_normal_densitys_derivative():
    report = derive.check(GELU_TEXT.format(last="2 phi(z) - z^2 phi(z)"))
    assert report["valid"], [(line["text"], line["verdict"]) for line in report["lines"]]
    second = [line for line in report["lines"] if line["lhs"].startswith("g''")][0]
    assert numerically_equal(from_json_expr(second["expr"], GELU), sympy.diff(GELU, Z, 2))


def test_phi_prime_in_latex_and_a_wrong_twin():
    tex = ("\\begin{align*}\ng(z) &= z\\,\\Phi(z) \\\\\ng'(z) &= \\Phi(z) + z\\,\\Phi'(z) = \\Phi(z) + z\\,\\phi(z) \\\\\n"
           "g''(z) &= 2\\phi(z) + z\\,\\phi'(z) = (2 - z^2)\\,\\phi(z)\n\\end{align*}\n")
    assert derive.check(tex)["valid"]
    wrong = derive.check(GELU_TEXT.format(last="2 phi(z) + z^2 phi(z)"))
    density = exp(-Z ** 2 / 2) / sqrt(2 * sympy.pi)
    assert not numerically_equal(2 * density + Z ** 2 * density, sympy.diff(GELU, Z, 2))
    assert wrong["first_error"] == 5


# --- --function and --var that clash with the text --------------------------

def _cli(*args: str, text: str, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "steps.txt"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "derive", "check", str(path), *args],
                          capture_output=True, text=True, timeout=120)


SIGMOID_TEXT = "g(z) = 1/(1 + e^-z)\ng'(z) = e^-z/(1 + e^-z)^2\n= g(z)(1 - g(z))\n"


def test_function_that_is_not_the_texts_definition_is_refused(tmp_path):
    assert not numerically_equal(SIGMOID, tanh(Z))
    out = _cli("--function", "tanh", text=SIGMOID_TEXT, tmp_path=tmp_path)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "g(z) = 1/(1 + e^-z)" in lines[0] and "--function tanh" in lines[0]


def test_function_that_is_the_texts_definition_is_accepted(tmp_path):
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    out = _cli("--function", "sigmoid", text=SIGMOID_TEXT, tmp_path=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_function_that_is_not_the_sigma_a_text_is_about_is_refused(tmp_path):
    out = _cli("--function", "tanh", text="σ'(z) = σ(z)(1 - σ(z))\n", tmp_path=tmp_path)
    assert out.returncode == 2 and "sigmoid" in out.stderr and "--function tanh" in out.stderr


def test_var_that_is_not_the_texts_variable_is_refused(tmp_path):
    text = SIGMOID_TEXT.replace("z", "x")
    out = _cli("--var", "t", text=text, tmp_path=tmp_path)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "written in x" in out.stderr and "--var" in out.stderr
    assert _cli("--var", "x", text=text, tmp_path=tmp_path).returncode == 0


def test_the_api_says_the_clash_as_its_problem():
    report = derive.check(SIGMOID_TEXT, function="tanh")
    assert report["problem"] is not None and "--function tanh" in report["problem"]
    assert derive.check(SIGMOID_TEXT, var="x")["problem"].startswith("the text is written in z")
