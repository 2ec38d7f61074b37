"""Hostile input: nothing typed is ever run, every refusal is one line and exit 2, fast.

Each payload tries to create a canary file in the working directory; it never appears.
"""

import time

import pytest
from click.testing import CliRunner

from derive.cli import cli

CANARY = "CANARY"

PAYLOADS = [
    f"__import__('os').system('touch {CANARY}')",
    "().__class__.__bases__[0].__subclasses__()",
    f"lambda: open('{CANARY}', 'w')",
    f"f\"{{open('{CANARY}', 'w')}}\"",
    f"exec(\"open('{CANARY}', 'w')\")",
    f"eval(\"open('{CANARY}', 'w')\")",
    "z.__class__",
    "z[0]",
    "sigmoid(z).__globals__",
    "z\x00",
    "((((((((((((((((((((((((((((((((((((((((((((((((((z",
    "(" * 5000 + "z" + ")" * 5000,
    "9^9^9^9",
    "z^(9^9^9)",
    "10^10^10",
    "z+" * 500_000 + "z",
    f"\\input{{{CANARY}}}",
    f"\\write18{{touch {CANARY}}}",
    "\\def\\x{1}\\x",
    "\\immediate\\write18{ls}",
    f"$(touch {CANARY})",
    f"`touch {CANARY}`",
    "z; import os",
    "1 +",
    "exp(",
    "tahn(z)",
]


def _refused(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 2, (args[:2], result.output[-300:])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(("derive: error:", "Error:", "Usage:")), result.stderr[-300:]
    assert "Traceback" not in result.output
    assert elapsed < 5, f"took {elapsed:.1f} s"
    assert not (tmp_path / CANARY).exists()
    return lines[0]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_as_the_expression(payload, tmp_path, monkeypatch):
    _refused(["show", payload], tmp_path, monkeypatch)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_as_a_parameter_value(payload, tmp_path, monkeypatch):
    _refused(["elu", "--param", f"alpha={payload}"], tmp_path, monkeypatch)


def test_the_error_is_short_whatever_the_input(tmp_path, monkeypatch):
    line = _refused(["show", "z+" * 500_000 + "z"], tmp_path, monkeypatch)
    assert len(line) < 200


def test_parser_never_hands_a_string_to_sympify_or_parse_expr(monkeypatch):
    """A tripwire on SymPy's string-evaluating entry points while typed text is read."""
    import sys

    import sympy
    import sympy.parsing.sympy_parser as sp_parser

    from derive.parse import read

    core = sys.modules["sympy.core.sympify"]  # the module; sympy.core.sympify is the function
    original = core.sympify

    def guarded(a, *args, **kwargs):
        assert not isinstance(a, str), f"a string reached sympify: {a!r}"
        return original(a, *args, **kwargs)

    def forbidden(*args, **kwargs):
        raise AssertionError("parse_expr was called")

    monkeypatch.setattr(sp_parser, "parse_expr", forbidden)
    monkeypatch.setattr(core, "sympify", guarded)
    monkeypatch.setattr(sympy, "sympify", guarded)
    assert read("z*tanh(log(1+exp(z))) + 0.5|z| + max(0, z) + alpha^2") is not None
    assert read(r"\frac{1}{1+e^{-z}} + \alpha\left(e^{z} - 1\right)") is not None


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_in_a_file_to_check(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "steps.txt").write_text(f"g(z) = {payload}\ng'(z) = 0\n")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", "steps.txt", "--format", "json"])
    assert time.perf_counter() - start < 5
    assert result.exit_code == 2, result.output[-300:]
    assert "Traceback" not in result.output
    assert not (tmp_path / CANARY).exists()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ALPHABET = st.sampled_from(list("z0123456789.+-*/^()|, ezxαβσ'<>=_[]{}\\$%&#!\"`;:@") +
                           ["exp", "log", "tanh", "sigmoid", "max", "where", "\\frac", "\\left(", "\\right)",
                            "\\sigma", "\\input", "^{", "}", "**", "__", "d/dz", "g(z)", "g'(z)", "\x00", "9^9"])


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_parser_fuzz_yields_an_expression_or_its_own_error(text):
    """Random text never escapes as another exception (and never takes long)."""
    from derive.parse import ParseError, read

    start = time.perf_counter()
    for notation in (False, True):
        try:
            read(text, notation=notation)
        except ParseError:
            pass
    assert time.perf_counter() - start < 2
