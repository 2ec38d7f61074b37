"""Tests that notice a weaker derive: each kills mutations of benchmarks/mutate.py that
got past the other tests (named in the docstrings), with truth established apart from
derive: sympy.diff, numeric evaluation at points of both signs, hand derivatives, a second
LaTeX reader (latex2sympy2_extended, ANTLR-based, not derive's reader), and what PyTorch's
backward kernels are documented to compute.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy
from click.testing import CliRunner
from sympy import Derivative, Float, Function, Max, Piecewise, Rational, Symbol, asinh, cosh, diff, exp, log, sqrt

from derive import derive
from derive.cli import cli
from derive.engine.functions import G
from derive.render.latex import aligned, escape, latex

from .helpers import numerically_equal

ROOT = Path(__file__).resolve().parent.parent


def z_of(d):
    return d.var


def check_text_of(text: str):
    from derive.batch import check_text

    return check_text(text)


# --- the verifier (engine/verify.py) ------------------------------------------------


def test_a_difference_of_1e_9_is_not_equal():
    """verify: tolerance 1e-8.  tanh' = 1 - tanh^2 exactly (hand derivative); adding
    1e-9 z makes a different function, which the verifier must refuse."""
    from derive.engine.verify import compare

    z = Symbol("z", real=True)
    truth = 1 - sympy.tanh(z) ** 2
    assert diff(sympy.tanh(z), z).equals(truth)
    assert not compare(truth + Rational(1, 10**9) * z, truth, z).equal
    assert compare(truth, diff(sympy.tanh(z), z), z).equal


def test_check_refuses_a_line_off_by_1e_9():
    """verify/check: tolerance loosened.  The same through derive check, and the line
    number of the first wrong line."""
    chain, problem = check_text_of("g(z) = \\tanh(z)\ng'(z) = 1 - g(z)^2 + 10^{-9} z\n")
    assert problem is None and chain is not None
    assert not chain.valid


def _bump(at: float, width: float):
    """A function that is 0 except on (at - width, at + width): a difference only there."""
    z = Symbol("z", real=True)
    return z, Max(0, width - sympy.Abs(z - Rational(str(at))))


def test_a_difference_seen_at_one_sample_point_only_is_a_counterexample():
    """verify: 4 sample points / 2 bad points needed / positive points only.
    z and z + bump differ (by hand: at the bump's centre by its width).  The bump sits on
    one of the verifier's points beyond the first four, a negative one, so a verifier with
    fewer points, a 2-point rule or positive points only calls the two equal."""
    from derive.engine.verify import POINTS, compare

    later_negative = [p for p in POINTS[4:] if p < 0]
    assert later_negative, "the verifier samples negative z beyond its first four points"
    at = float(later_negative[0])
    others = [float(p) for p in POINTS if float(p) != at]
    width = min(abs(at - o) for o in others) / 2
    z, bump = _bump(at, width)
    assert bump.subs(z, Rational(str(at))) > 0  # the two functions differ there (truth)
    assert not compare(z + bump, z, z).equal


def test_two_defined_points_are_not_evidence():
    """verify: 1 point is evidence.  log(z - c) and log(z - c) + (z - p)(z - q) are
    different functions (at z = c + 10 the second term is not 0); if p and q are the only
    sample points where log(z - c) is real, they agree at those two points only."""
    from derive.engine.verify import POINTS, compare

    z = Symbol("z", real=True)
    top = sorted(POINTS)[-2:]
    c = Float(top[0]) - Float("0.01")
    a = log(z - c)
    b = a + (z - top[0]) * (z - top[1])
    assert (b - a).subs(z, c + 10) != 0
    result = compare(b, a, z)
    assert not result.equal
    assert result.verdict == "undecided"


def test_a_nonzero_rational_function_of_e_z_is_not_proved_zero():
    """verify: t-rational proof without cancel.  e^{2z} - 2e^z + 1 = (e^z - 1)^2 is not 0
    (at z = 1 it is (e - 1)^2 > 0)."""
    from derive.engine.verify import proves_zero

    z = Symbol("z", real=True)
    difference = exp(2 * z) - 2 * exp(z) + 1
    assert difference.subs(z, 1).evalf() > 0
    assert proves_zero(difference, z) is False


# --- the checks before printing (engine/chain.py) ---------------------------------------


def test_a_wrong_rule_is_caught_by_the_step_tree_check(monkeypatch):
    """chain: step-tree check removed.  A rule that gives twice the derivative of e^u must
    be refused by ``differentiate`` itself (sympy.diff is the truth it checks against)."""
    from derive.engine import chain
    from derive.engine import rules as R
    from derive.errors import EngineFault

    z = Symbol("z", real=True)
    right = R.ExpRule.eval
    monkeypatch.setattr(R.ExpRule, "eval", lambda self: 2 * right(self))
    with pytest.raises(EngineFault):
        chain.differentiate(exp(3 * z), z)


def test_a_wrong_line_is_caught_before_printing():
    """chain: line check removed.  A chain whose second line is not equal to the first."""
    from derive.engine.chain import _verified
    from derive.engine.functions import g
    from derive.errors import EngineFault

    z = Symbol("z", real=True)
    definition = 1 / (1 + exp(-z))
    lines = [(g(z), definition, "definition", ()), (None, 1 / (1 + exp(-2 * z)), "algebra", ())]
    with pytest.raises(EngineFault):
        _verified(lines, definition, diff(definition, z), z)


# --- the form in g (engine/in_g.py) ---------------------------------------------------


def _form_holds(d) -> None:
    """g'(z) = F(g(z)) at points of both signs, F from derive, g' from sympy.diff."""
    z = d.var
    assert d.in_terms_of_g is not None and d.in_terms_of_g.has(G)
    truth = diff(d.definition, z)
    assert numerically_equal(d.in_terms_of_g.subs(G, d.definition), truth, z)


@pytest.mark.parametrize("beta", ["2", "1/2", "3"])
def test_softplus_with_beta_has_a_true_form_in_g(beta):
    """in_g: log with beta != 1.  softplus_β(z) = log(1 + e^{βz})/β; by hand
    g' = e^{βz}/(1 + e^{βz}) = 1 - e^{-βg}."""
    d = derive("softplus", params={"beta": beta})
    _form_holds(d)
    b = sympy.Rational(beta)
    assert numerically_equal(d.in_terms_of_g.subs(G, d.definition), 1 - exp(-b * d.definition), d.var)


def test_log_of_a_scaled_sum_has_a_true_form_in_g():
    """in_g: log with beta != 1, a typed formula: g = log(1 + e^{3z})/3."""
    _form_holds(derive("log(1 + exp(3z))/3"))


def test_asinh_has_its_form_in_g():
    """in_g: asinh not inverted.  g = asinh z, g' = 1/sqrt(1 + z^2) = 1/cosh(g) (by hand:
    z = sinh g, 1 + sinh^2 = cosh^2, cosh > 0)."""
    d = derive("asinh(z)")
    _form_holds(d)
    z = d.var
    assert numerically_equal(1 / cosh(asinh(z)), 1 / sqrt(1 + z**2), z)


@pytest.mark.parametrize("name, hand", [("sigmoid", lambda g: g * (1 - g)), ("tanh", lambda g: 1 - g**2)])
def test_the_lecture_forms_have_the_right_sign(name, hand):
    """in_g: sign of the eliminated form."""
    d = derive(name)
    assert sympy.expand(d.in_terms_of_g - hand(G)) == 0


# --- piecewise functions: cases, kinks, PyTorch's value at a kink ---------------------


PIECEWISE = [("relu", {}), ("leaky relu", {"alpha": "0.2"}), ("elu", {"alpha": "2"}), ("hardtanh", {}),
             ("relu6", {}), ("hard sigmoid", {}), ("celu", {"alpha": "0.5"}), ("selu", {}),
             # jumps where the piece on the right owns the boundary (g(0) = 1, not 0)
             ("where(z >= 0, z + 1, z)", {}), ("where(z >= 1, 2, where(z >= -1, 1, 0))", {})]


def _cases_line(d):
    lines = [line for line in d.lines if isinstance(line.rhs, Piecewise) and line.rule in ("cases", "definition")]
    assert lines, "a piecewise chain writes g case by case"
    return lines[0].rhs


@pytest.mark.parametrize("name, params", PIECEWISE)
def test_the_cases_cover_every_boundary_with_the_right_value(name, params):
    """branches: a boundary owned by no piece.  At each kink (and between), g case by case
    gives the value of the definition (evaluated by SymPy from the formula, not derive's
    pieces): relu's cases must say what happens at z = 0."""
    d = derive(name, params=params)
    z = d.var
    cases = _cases_line(d)
    points = [k.point for k in d.kinks]
    assert points, name
    for p in points + [pt + Rational(1, 3) for pt in points] + [pt - Rational(1, 3) for pt in points]:
        written = cases.subs(z, p)
        assert written is not sympy.nan and written.is_finite, (name, p, cases)
        assert abs(sympy.N(written - d.definition.subs(z, p), 30)) < 1e-25, (name, p)


@pytest.mark.parametrize("name, params, expected", [
    ("relu", {}, 0),  # threshold_backward(grad, result, 0): grad where result > 0, else 0
    ("elu", {"alpha": "2"}, 2),  # elu_backward: z <= 0 takes alpha * e^z, which is alpha at 0
    ("leaky relu", {"alpha": "0.2"}, Rational(1, 5)),  # leaky_relu_backward: z > 0 ? grad : grad * slope
])
def test_pytorch_value_at_the_kink(name, params, expected):
    """piecewise: framework side swapped.  What PyTorch's backward takes at 0 (from its
    kernels' definitions, above), with parameters other than the default."""
    d = derive(name, params=params)
    (kink,) = [k for k in d.kinks if k.point == 0]
    assert kink.framework == expected


def test_a_jump_on_the_right_is_not_continuous():
    """piecewise: continuity on the left only.  g = z + 1 for z > 0, z otherwise: g(0) = 0
    and g(0-) = 0 but g(0+) = 1 (by hand)."""
    d = derive("where(z > 0, z + 1, z)")
    (kink,) = d.kinks
    assert kink.continuous is False and kink.differentiable is False


@pytest.mark.parametrize("name, params", [("relu", {}), ("leaky relu", {"alpha": "0.2"}), ("elu", {"alpha": "2"})])
def test_a_corner_is_not_differentiable(name, params):
    """piecewise: slopes never compared.  Slopes at 0 from the left and right by hand:
    relu 0 and 1, leaky relu 0.2 and 1, elu(α=2) 2 and 1."""
    d = derive(name, params=params)
    (kink,) = [k for k in d.kinks if k.point == 0]
    assert kink.continuous is True and kink.differentiable is False


def test_elu_with_alpha_1_is_differentiable_at_0():
    """The other side of the last test: elu(α=1) has slopes 1 and 1 at 0 (by hand)."""
    (kink,) = derive("elu").kinks
    assert kink.differentiable is True


# --- LaTeX: every printed line read back by a second reader ---------------------------


latex2sympy = pytest.importorskip("latex2sympy2_extended").latex2sympy


def _read_back(tex: str, definition, z):
    """The value of one printed line, read by latex2sympy2_extended; g(z) stands for the
    definition (typeset by SymPy's own printer), d/dz(...) is evaluated."""
    tex = tex.replace("g(z)", r"\left(" + sympy.latex(definition) + r"\right)")
    value = latex2sympy(tex)
    value = value.subs({Symbol("z"): z, Symbol("e"): sympy.E})
    return value.doit()


FORMULAS = ["(1 + exp(z))/(z + 2)", "-(z + 1)^3", "(3z + 1)^2",
            # d/dz (z + 1) (z + 2) would read as the derivative of the product: the printer
            # brackets the factor, [d/dz (z + 1)] (z + 2)
            "(z + 1)(z + 2)",
            "sqrt(z^2 + 1)",
            "(1 + exp(z))^3", "1/(1 + exp(-z))", "z - (z^2 + 1)/(z^2 + 2)", "1/(z^2 + 1)^2",
            "exp(-z^2/2)", "(2z + 1)/(z^2 + 1)", "z/(1 + exp(-z))", "2 (3z - 1)^2", "tanh(z)^2 - z",
            "exp(z)/(exp(z) + 1)^2", "1 - (z - 1)^2/(z + 3)", "2 * 3^z", "5 * 2^(3z)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_printed_line_reads_back_as_its_value(formula):
    """latex: brackets dropped around a subtracted sum, a negated sum, a grouped
    numerator, a power's base, a product's factors or a d/dz operand; 1/x^n printed 1/x;
    a square root dropped.  Each printed line, read by an independent LaTeX reader, equals
    g (lines before g'(z)) or sympy.diff(g) (from g'(z) on), at points of both signs."""
    d = derive(formula)
    z = d.var
    truth = d.definition
    for line in d.lines:
        if isinstance(line.lhs, Derivative):
            truth = diff(d.definition, z)
        tex = latex(line.rhs)
        assert numerically_equal(_read_back(tex, d.definition, z), truth, z), (formula, tex)


def test_the_lecture_example_numerator():
    r"""latex: subtracted sum without brackets (the issue's example): the quotient rule's
    numerator is (z + 2) e^z - (e^z + 1), never (z + 2) e^z - e^z + 1."""
    d = derive("(1 + exp(z))/(z + 2)")
    text = aligned(d)
    assert r"- e^{z} + 1" not in text
    assert r"- \left(e^{z} + 1\right)" in text


def test_a_product_sign_between_digits():
    """latex: 2 3 without a product sign.  A number after a number must not run into it."""
    z = Symbol("z")
    from sympy import Mul, UnevaluatedExpr

    for expr, value in ((Mul(2, UnevaluatedExpr(3), z, evaluate=False), 6 * z),
                        (Mul(2, sympy.Pow(3, z, evaluate=False), evaluate=False), 2 * 3**z)):
        tex = latex(expr)
        assert not re.search(r"\d\s+\d", tex), tex
        assert numerically_equal(latex2sympy(tex).subs(Symbol("z"), z), value, z)


def test_the_second_derivative_is_printed_with_two_primes():
    """latex: g'' printed g'."""
    text = aligned(derive("sigmoid", order=2))
    assert "g''(z)" in text


def test_a_negative_decimal_parameter_keeps_its_sign():
    """latex: minus of a decimal dropped.  leaky relu with alpha = -0.2 is not allowed
    (positive), so a typed formula with a negative decimal slope: the chain must print
    -0.2 (or -1/5), and read back to the same value."""
    for line in derive("where(z > 0, z, -0.2z)").lines:
        tex = latex(line.rhs)
        for piece in re.findall(r"(-?\s*0\.2)", tex):
            assert piece.replace(" ", "").startswith("-"), tex


def test_a_boundary_owned_by_a_piece_is_printed_with_leq():
    r"""latex: <= printed <.  relu's cases own z = 0 on one side: the printed cases say
    \leq or \geq (the boundary) somewhere, as the mathematics does."""
    text = aligned(derive("relu"))
    assert r"\leq" in text or r"\geq" in text


@pytest.mark.parametrize("char", list("\\{}$&#%_^~"))
def test_tex_special_characters_are_escaped_in_words(char):
    """latex: % not escaped.  Each of TeX's special characters in words must not act:
    after escaping, removing every escape sequence leaves no special character."""
    escaped = escape(f"a{char}b")
    stripped = re.sub(r"\\[a-zA-Z]+\{\}|\\[^a-zA-Z]\{\}|\\[^a-zA-Z]|\\[a-zA-Z]+", "", escaped)
    assert not set(stripped) & set("\\{}$&#%_^~"), escaped


# --- the cache: its key and what it trusts --------------------------------------------


def test_the_key_changes_with_the_code(monkeypatch):
    """cache: key without the code.  An edited checkout is another version."""
    from derive import cache

    monkeypatch.setattr(cache, "_code", lambda: [["engine/verify.py", 100, 1]])
    before = cache.key("show", {"function": "sigmoid"}, terminal=False)
    monkeypatch.setattr(cache, "_code", lambda: [["engine/verify.py", 101, 2]])
    assert cache.key("show", {"function": "sigmoid"}, terminal=False) != before


def test_the_key_changes_with_the_order(tmp_path, monkeypatch):
    """cli: cache key without the order.  --order 2 after --order 1 with the cache on
    prints g''(z), not the order-1 chain."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    runner = CliRunner()
    first = runner.invoke(cli, ["sigmoid", "--format", "latex"])
    second = runner.invoke(cli, ["sigmoid", "--format", "latex", "--order", "2"])
    assert first.exit_code == second.exit_code == 0
    assert "g''(z)" not in first.stdout and "g''(z)" in second.stdout


def _plain_env(tmp_path, **extra):
    return {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "HOME": str(tmp_path), **extra}


def test_the_key_changes_with_the_terminal_width(tmp_path):
    """cache: key without the terminal size.  The chain at 60 columns, then at 160, each
    as a run without the cache prints it."""
    outputs = {}
    for columns in ("60", "160"):
        for cached in (True, False):
            extra = {"COLUMNS": columns} if cached else {"COLUMNS": columns, "DERIVE_NO_CACHE": "1"}
            done = subprocess.run([sys.executable, "-m", "derive", "swish"], capture_output=True, timeout=120,
                                  env=_plain_env(tmp_path, **extra), cwd=tmp_path)
            outputs[columns, cached] = done.stdout
    assert outputs["60", True] == outputs["60", False]
    assert outputs["160", True] == outputs["160", False]
    assert outputs["60", False] != outputs["160", False]


def _entry(payload: bytes) -> bytes:
    return b"derive-cache 1 " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def test_a_forged_entry_behind_a_symlink_is_not_read(tmp_path, monkeypatch):
    """cache: symlinks followed.  A valid-looking entry elsewhere, linked in."""
    from derive import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.store("probe", b"x")
    forged = tmp_path / "forged"
    forged.write_bytes(_entry(b"a wrong chain\n"))
    (tmp_path / "derive" / "name").symlink_to(forged)
    assert cache.load("name") is None
    assert forged.exists()  # the link is removed, never what it points to


def test_a_fifo_entry_with_valid_bytes_is_not_read(tmp_path, monkeypatch):
    """cache: any file type read.  A FIFO whose writer offers a valid entry."""
    from derive import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.store("probe", b"x")
    fifo = tmp_path / "derive" / "name"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # Linux: holds the FIFO open without a reader
    try:
        os.write(writer, _entry(b"a wrong chain\n"))
        assert cache.load("name") is None
    finally:
        os.close(writer)


def test_a_cache_folder_behind_a_symlink_is_not_used(tmp_path, monkeypatch):
    """cache: any folder trusted.  $XDG_CACHE_HOME/derive linked to a folder of entries."""
    from derive import cache

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "name").write_bytes(_entry(b"a wrong chain\n"))
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "derive").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    assert cache.load("name") is None


# --- files and processes ------------------------------------------------------------


def test_an_existing_symlink_is_refused_before_any_work(tmp_path, monkeypatch):
    """output: a dangling symlink is no file.  Refused at once, not after deriving."""
    import derive.api

    calls = []
    monkeypatch.setattr(derive.api, "derive", lambda *a, **k: calls.append(a))
    link = tmp_path / "out.tex"
    link.symlink_to(tmp_path / "nowhere")
    result = CliRunner().invoke(cli, ["sigmoid", "-o", str(link), "--no-cache"])
    assert result.exit_code == 2 and "exists" in result.stderr
    assert calls == []


def test_main_sets_the_memory_ceiling_and_puts_it_back():
    """limits: no memory ceiling.  Within ``main`` the address space is at most 2 GiB."""
    resource = pytest.importorskip("resource")
    from derive import limits

    before = resource.getrlimit(resource.RLIMIT_AS)
    limits.install()
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        assert soft != resource.RLIM_INFINITY and soft <= 2 * 1024**3
    finally:
        limits.uninstall()
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize("text", ["-1.0507009873554804934193349852946", "1.0507009873554804934193349852946",
                                  "-1.6732632423543772848170429916717", "-0.5", "-3/7"])
def test_numbers_read_back_as_themselves(text):
    """latex: minus of a decimal dropped.  SELU's constants print as decimals; a negative
    one (a piece's value, a kink's limit) must keep its sign: read back by the second
    reader, the printed number is exactly the number."""
    value = sympy.Rational(text)
    tex = latex(value)
    assert sympy.Rational(str(sympy.nsimplify(latex2sympy(tex), rational=True))) == value, tex


def test_a_negative_constant_piece_reads_back():
    """The same inside a chain: g = -1.05... for z <= 0, as printed in the cases."""
    d = derive("where(z > 0, z, -1.0507009873554804934193349852946)")
    text = aligned(d)
    assert "- 1.0507009873554804934193349852946" in text or "-1.0507009873554804934193349852946" in text


def test_publishing_a_named_temporary_never_replaces(tmp_path):
    """output: publish by replace.  The named way (filesystems without O_TMPFILE links, and
    the copy this machine's sandbox needs) publishes by a link that fails on an existing
    name, whatever is there."""
    from derive import output

    for make in (lambda p: p.write_bytes(b"theirs"), lambda p: p.symlink_to(tmp_path / "nowhere"),
                 lambda p: p.mkdir()):
        target = tmp_path / "target"
        make(target)
        temporary = tmp_path / ".derive-test"
        temporary.write_bytes(b"ours")
        with pytest.raises(FileExistsError):
            output._publish_named(str(temporary), str(target), False)
        assert target.is_dir() or target.is_symlink() or target.read_bytes() == b"theirs"
        if target.is_dir() and not target.is_symlink():
            target.rmdir()
        else:
            target.unlink()
        temporary.unlink()


@pytest.mark.parametrize("low, high, words", [
    ("ge", "lt", [r"\leq z <"]), ("gt", "le", [r"< z \leq"]), ("ge", "le", [r"\leq z \leq"]), ("gt", "lt", ["< z <"])])
def test_an_interval_prints_which_ends_it_holds(low, high, words):
    """latex: <= printed <.  -1 <= z < 1 and its siblings: an end that belongs to the
    interval is written with \\leq (what the relation means), one that does not with <."""
    import operator

    from sympy import And

    z = Symbol("z", real=True)
    ops = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}
    tex = latex(And(ops[low](z, -1), ops[high](z, 1)))
    for w in words:
        assert w in tex, tex


def _in_a_terminal(tmp_path, columns: int, **extra) -> bytes:
    """derive swish on a pseudo-terminal `columns` wide (no COLUMNS in the environment:
    the width comes from the terminal itself, as it does for a person)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "derive", "swish"], stdin=slave, stdout=slave, stderr=slave,
                               env=_plain_env(tmp_path, TERM="xterm", **extra), cwd=tmp_path)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminal sizes as Linux sets them")
def test_the_key_changes_with_the_size_of_a_real_terminal(tmp_path):
    """cache: key without the terminal size.  A terminal resized between two runs (no
    COLUMNS variable): the second run prints for its own width, as a run without the cache
    does."""
    narrow_cached = _in_a_terminal(tmp_path, 60)
    wide_cached = _in_a_terminal(tmp_path, 160)
    narrow = _in_a_terminal(tmp_path, 60, DERIVE_NO_CACHE="1")
    wide = _in_a_terminal(tmp_path, 160, DERIVE_NO_CACHE="1")
    assert narrow != wide
    assert narrow_cached == narrow and wide_cached == wide


def test_a_hard_sigmoid_with_the_wrong_kinks_is_wrong(tmp_path):
    """check: 3 bad points for a counterexample.  PyTorch's hard sigmoid has kinks at ±3; a
    derivative with kinks at ±3.5 differs on 3 < |z| < 3.5 (at z = 3.25: 0, not 1/6, by
    hand), where only two of the checker's points fall."""
    path = tmp_path / "kinks.txt"
    path.write_text("g(z) = where(z > 3, 1, where(z > -3, z/6 + 1/2, 0))\n"
                    "g'(z) = where(z > 3.5, 0, where(z > -3.5, 1/6, 0))\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    assert "first wrong line: 2" in result.stdout
