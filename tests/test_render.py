"""Renderers print the derivation as written; the expected texts were checked by hand."""

import io

import pytest

from rich.console import Console
from sympy import exp

from derive import derive
from derive.render.latex import aligned, latex
from derive.render.text import ChainView, StepsView

from .helpers import Z


def render(renderable, width=60) -> str:
    """Exactly what a terminal of ``width`` columns without colour shows (nothing stripped)."""
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(renderable)
    return buf.getvalue().removesuffix("\n")


def test_terminal_chain_exact_text():
    assert render(ChainView(derive(exp(2 * Z)))) == "\n".join([
        "         2⋅z",
        " g(z) = ℯ       │ the definition",
        "",
        "           2⋅z",
        "g'(z) = 2⋅ℯ     │ d/du e^u = e^u and chain rule",
        "",
        "      = 2⋅g(z)  │ substitute g(z)",
    ])


def test_terminal_chain_without_notes():
    text = render(ChainView(derive(exp(2 * Z)), notes=False))
    assert "substitute" not in text and "│" not in text
    assert text.splitlines()[-1] == "      = 2⋅g(z)"


def test_terminal_sigmoid_keeps_the_lecture_factors():
    text = render(ChainView(derive("sigmoid")), width=100)
    assert "(-1)⋅" in text  # the reciprocal rule's factor, bracketed
    assert "⎝-ℯ  ⎠" in text  # (-e^{-z}) keeps its brackets: a factor, not a subtraction
    assert text.splitlines()[-1].strip().startswith("= g(z)⋅(1 - g(z))")


def test_steps_tree_exact_text():
    assert render(StepsView(derive(exp(-Z)).steps)) == "\n".join([
        "d/dz e^(-z) = -e^(-z)  chain rule",
        "├── d/du e^(-z), u = -z = e^(-z)  d/du e^u = e^u",
        "└── d/dz (-z) = -1  constant multiple rule",
        "    └── d/dz z = 1  d/dz z = 1",
    ])


def test_latex_block_exact_text():
    assert aligned(derive(1 / (1 + exp(-2 * Z)))) == "\n".join([
        r"\begin{aligned}",
        r"g(z) &= \frac{1}{1 + e^{- 2 z}} \\",
        r"g'(z) &= \left(-1\right) \frac{1}{\left(1 + e^{- 2 z}\right)^{2}} \frac{d}{d z} \left(1 + e^{- 2 z}\right) \\",
        r" &= \left(-1\right) \frac{1}{\left(1 + e^{- 2 z}\right)^{2}} \left(- 2 e^{- 2 z}\right) \\",
        r" &= 2 \frac{1}{1 + e^{- 2 z}} \left(\frac{1 + e^{- 2 z} - 1}{1 + e^{- 2 z}}\right) \\",
        r" &= 2 g(z) \left(1 - g(z)\right)",
        r"\end{aligned}",
    ])


def test_negative_factor_keeps_brackets_in_latex():
    # SymPy's own printer drops them and the product reads as a subtraction
    from sympy import Mul, UnevaluatedExpr

    product = Mul(UnevaluatedExpr(-1), UnevaluatedExpr(Z**-2), UnevaluatedExpr(-exp(-Z)), evaluate=False)
    assert latex(product) == r"\left(-1\right) \frac{1}{z^{2}} \left(- e^{- z}\right)"


def test_power_of_g_is_bracketed():
    from sympy import Function

    assert latex(Function("g")(Z) ** 2) == r"\left(g(z)\right)^{2}"


def test_narrow_terminal_puts_notes_under_their_lines():
    assert render(ChainView(derive(exp(2 * Z))), width=24) == "\n".join([
        "         2⋅z",
        " g(z) = ℯ",
        "        │ the definition",
        "",
        "           2⋅z",
        "g'(z) = 2⋅ℯ",
        "        │ d/du e^u = e^u",
        "        │ and chain rule",
        "",
        "      = 2⋅g(z)",
        "        │ substitute",
        "        │ g(z)",
    ])


def test_reveal_shows_one_line_per_key_and_stops_on_q():
    import io

    from rich.console import Console

    from derive.render.text import DerivationView, reveal

    def shown(keys):
        out = io.StringIO()
        presses = iter(keys)
        reveal(Console(file=out, width=80, color_system=None), DerivationView(derive("tanh")),
               next_key=lambda: next(presses))
        return out.getvalue()

    everything = shown([" "] * 10)
    first = shown(["q"])
    assert first.splitlines()[0] == "space/enter: next line, q: quit"
    assert "g(z) = tanh(z)" in first and "g'(z)" not in first  # line 1 only, then q
    assert "substitute g(z)" in everything and "substitute g(z)" not in first  # all six lines
    shown_after = [shown([" "] * n + ["q"]) for n in range(3)]
    assert [text.count(" = ") for text in shown_after] == [1, 2, 3]  # one more line per key


def test_engine_never_imports_render_check_or_cli():
    # data flows one way: engine -> Derivation -> render; a fresh process sees every module
    import subprocess
    import sys

    code = """if True:
        import importlib, pkgutil, sys
        import derive.engine
        for m in pkgutil.walk_packages(derive.engine.__path__, 'derive.engine.'):
            importlib.import_module(m.name)
        from sympy import exp, Symbol
        from derive.engine.chain import lecture_chain
        z = Symbol('z', real=True)
        lecture_chain(1 / (1 + exp(-z)), z)
        print(' '.join(sorted(n for n in sys.modules if n.startswith('derive'))))
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.split()
    assert any(n == "derive.engine.chain" for n in loaded)  # the probe did import the engine
    assert not [n for n in loaded if n.split(".")[1:2] in (["render"], ["check"], ["cli"])]


def test_python_object_prints_the_chain():
    d = derive("sigmoid")
    shown = repr(d)
    assert shown.splitlines()[0] == "derive('sigmoid'):"
    assert "g(z)·(1 - g(z))" in shown.splitlines()[-1]
    assert "definition=" not in shown and "definition=" not in str(d)  # not the dataclass's fields
    assert "g'(z)" in str(d) and "substitute g(z)" in str(d)
    assert d.latex().startswith(r"\begin{aligned}") and d.markdown().startswith("### sigmoid")
    assert d._repr_latex_() == "$$" + aligned(d) + "$$"


def test_jupyter_html_is_a_fragment_with_mathml():
    fragment = derive("tanh")._repr_html_()
    assert "<math" in fragment and "<script" not in fragment and "<html" not in fragment


WIDE = [("gelu tanh", 1), ("sigmoid", 3), ("tanh", 3), ("gelu", 1), ("mish", 1), ("swish", 2), ("relu", 1),
        ("softmax", 1)]


@pytest.fixture(scope="module")
def wide_derivations():
    return {(name, order): derive(name, order=order) for name, order in WIDE}


@pytest.mark.parametrize("width", [60, 80, 120])
def test_terminal_never_pads_cuts_or_overflows(wide_derivations, width):
    from derive.render.text import DerivationView

    for d in wide_derivations.values():
        text = render(DerivationView(d), width=width)
        rows = text.splitlines()
        assert not [r for r in rows if r != r.rstrip()], "trailing spaces"
        assert "…" not in text and "..." not in text  # nothing cut
        assert max(len(r) for r in rows) <= width


@pytest.mark.parametrize("width", [60, 80])
def test_terminal_keeps_d_over_dz(wide_derivations, width):
    # a 2-D derivative is three rows, d / ── / dz, one column: never split between rows
    from derive.render.text import DerivationView

    for key in [("sigmoid", 3), ("tanh", 3), ("gelu", 1)]:
        rows = render(DerivationView(wide_derivations[key]), width=width).splitlines()
        found = 0
        for r, row in enumerate(rows):
            for c in [i for i in range(len(row)) if row.startswith("dz", i)]:
                if c > 0 and row[c - 1] in "d/":  # d/dz in a one-line note
                    continue
                found += 1
                assert rows[r - 1][c:c + 2] == "──", (key, width, rows[r - 2:r + 1])
                assert rows[r - 2][c] == "d" and rows[r - 2][c + 1:c + 2] in ("", " ")
        assert found, key


def test_terminal_wide_line_loses_nothing():
    # a line too wide for 2-D takes its one-line form, broken at operators: all of it is there
    from derive.render.linear import linear
    from derive.render.text import wrap_linear

    d = derive("gelu tanh")
    for line in d.lines:
        flat = linear(line.rhs)
        for width in (30, 52, 70):
            rows = wrap_linear(flat, width)
            assert all(len(r) <= width for r in rows)
            assert "".join(rows).replace(" ", "") == flat.replace(" ", "")
            assert all(r.startswith("  ") for r in rows[1:])


def test_note_stands_apart_from_its_line_without_colour():
    text = render(ChainView(derive("relu").branches[1].derivation), width=80)
    assert "g'(z) = 1  │ d/dz z = 1" in text.splitlines()


def test_piped_output_has_no_trailing_spaces():
    from click.testing import CliRunner

    from derive.cli import cli

    from pathlib import Path

    check = str(Path(__file__).parent.parent / "examples" / "check" / "tanh-algebra.txt")
    for args in (["sigmoid"], ["gelu-tanh"], ["sigmoid", "--order", "3"], ["relu", "--steps"], ["list"],
                 ["check", check]):
        result = CliRunner().invoke(cli, [*args, "--no-cache"] if args[0] != "check" else args, env={"COLUMNS": "72"})
        assert result.exit_code in (0, 1), result.output
        assert result.stdout.strip() and not [r for r in result.stdout.splitlines() if r != r.rstrip()]


def test_wide_sum_breaks_after_whole_terms_exact_text():
    # d/dz (e^{3z}/4 + e^{2z}/3 + e^z/2) = 3e^{3z}/4 + 2e^{2z}/3 + e^z/2, by hand; at 26 columns
    # the sum takes two parts, each 2-D, the second starting with its sign
    d = derive(exp(3 * Z) / 4 + exp(2 * Z) / 3 + exp(Z) / 2)
    rows = render(ChainView(d, notes=False), width=26).splitlines()
    assert rows[5:14] == [
        "           3⋅z      2⋅z",
        "        3⋅ℯ      2⋅ℯ",
        "g'(z) = ────── + ──────",
        "          4        3",
        "",
        "             z",
        "            ℯ",
        "          + ──",
        "            2",
    ]
    assert rows[14] == ""  # then the next line of the chain


def test_one_line_form_breaks_before_signs_exact_text():
    from derive.render.text import wrap_linear

    assert wrap_linear("2·(4·g(z) - 4·e^(2·z)/3 - 2·e^z)^(2/3)/3 + (4·g(z) - 1)", 24) == [
        "2·(4·g(z) - 4·e^(2·z)/3",
        "  - 2·e^z)^(2/3)/3",
        "  + (4·g(z) - 1)",
    ]
