"""The command line through click's CliRunner: formats, exit codes, error lines."""

import json

import pytest
from click.testing import CliRunner

from derive import __version__
from derive.cli import cli, main


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, list(args), env=env)

    return invoke


def test_default_is_the_terminal_chain(run):
    result = run("sigmoid")
    assert result.exit_code == 0
    out = result.stdout
    assert "g'(z)" in out and "substitute g(z)" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_latex_format(run):
    result = run("tanh", "--format", "latex")
    assert result.exit_code == 0
    assert result.stdout.startswith(r"\begin{aligned}")
    assert r"1 - \left(g(z)\right)^{2}" in result.stdout


def test_json_format_contract(run):
    data = json.loads(run("sigmoid", "--format", "json").stdout)
    assert set(data) >= {"name", "variable", "order", "definition", "lines", "derivative", "in_terms_of_g", "uses_z"}
    assert data["name"] == "sigmoid" and data["variable"] == "z" and data["order"] == 1
    assert data["in_terms_of_g"] == "g*(1 - g)" and data["uses_z"] is False
    for line in data["lines"]:
        assert set(line) >= {"lhs", "latex", "expr", "rule", "explanation"}
        assert line["lhs"] in ("g(z)", "g'(z)", "")


def test_names_ignore_case_and_punctuation(run):
    assert run("Logistic").exit_code == 0
    assert run("TANH", "-f", "latex").exit_code == 0


def test_steps_option(run):
    out = run("sigmoid", "--steps").stdout
    assert "sum rule" in out and "constant multiple rule" in out


def test_unknown_name_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["derive", "sigmoud"])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err == "derive: error: unknown activation 'sigmoud' — did you mean 'sigmoid'?\n"


def test_unknown_name_without_a_close_match(capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["derive", "qqqqqq"])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 2
    assert "see 'derive list'" in capsys.readouterr().err


def test_bad_format_is_a_usage_error(run):
    result = run("sigmoid", "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_version_and_help(run):
    assert run("--version").stdout == f"derive {__version__}\n"
    help_text = run("--help").stdout
    assert "derive sigmoid" in help_text and "derive tanh --format latex" in help_text


def test_list(run):
    out = run("list").stdout
    assert "sigmoid" in out and "g·(1 - g)" in out and "1 - g^2" in out


def test_list_has_every_entry(run):
    from derive.catalog import CATALOG

    out = run("list", env={"COLUMNS": "200"}).stdout
    for entry in CATALOG:
        assert entry.name in out


@pytest.mark.parametrize("fmt", ["text", "latex", "json"])
def test_every_catalog_entry_in_every_format(run, fmt):
    from derive.catalog import CATALOG

    for entry in CATALOG:
        result = run(entry.name, "--format", fmt)
        assert result.exit_code == 0, (entry.name, result.stderr)
        if fmt == "json":
            assert json.loads(result.stdout)["name"] == entry.name


@pytest.mark.parametrize("args, words", [
    (["relu", "--param", "beta=1"], "relu has no parameters"),
    (["elu", "--param", "beta=1"], "elu has no parameter 'beta'; its parameters: alpha"),
    (["elu", "--param", "alpha=abc"], "unknown name 'abc'"),
    (["elu", "--param", "alpha=z"], "expected a real number"),
    (["elu", "--param", "alpha=-1"], "must be positive"),
    (["elu", "--param", "alpha"], "expected NAME=VALUE"),
    (["elu", "--param", "alpha=1", "--param", "alpha=2"], "given twice"),
    (["1 + ", "--format", "json"], "column 5"),
    (["x^2", "--var", "exp"], "cannot be the variable"),
    (["x^2"], "does not depend on z"),
    (["sigmoid", "--order", "0"], "0 is not in the range 1<=x<=12. (see 'derive show --help')"),
    (["softmax", "--order", "2"], "one variable"),
])
def test_bad_options_one_line_exit_2(run, args, words):
    result = run(*args)
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_typed_formula_and_its_form_in_g(run):
    data = json.loads(run("1/(1+exp(-2z))", "--format", "json").stdout)
    assert data["in_terms_of_g"] == "2*g*(1 - g)"
    assert data["name"] is None


def test_other_variable_and_latex_input(run):
    data = json.loads(run(r"\frac{1}{1+e^{-x}}", "--var", "x", "--format", "json").stdout)
    assert data["variable"] == "x" and data["in_terms_of_g"] == "g*(1 - g)"
    forced = json.loads(run("1/(1+e^{-z})", "--latex-input", "--format", "json").stdout)
    assert forced["in_terms_of_g"] == "g*(1 - g)"


def test_param_changes_the_chain(run):
    data = json.loads(run("leaky-relu", "--param", "alpha=0.2", "--format", "json").stdout)
    assert data["parameters"] == {"alpha": "1/5"}
    assert data["branches"][0]["derivative"] == "1/5"
    assert data["kinks"][0]["pytorch"] == "1/5"


def test_symbolic_keeps_the_symbol(run):
    data = json.loads(run("elu", "--symbolic", "--format", "json").stdout)
    assert data["parameters"] == {"alpha": "alpha"}
    assert data["branches"][0]["in_terms_of_g"] in ("alpha + g", "g + alpha")


def test_order_2_text(run):
    out = run("sigmoid", "--order", "2").stdout
    assert "g''(z)" in out and "substitute g'(z)" in out


def test_timeout_is_one_line(run):
    result = run("tanh(tanh(tanh(tanh(tanh(tanh(tanh(z)))))))", "--timeout", "0.2")
    assert result.exit_code == 2
    assert result.stderr.startswith("derive: error: gave up after 0.2 s deriving tanh(tanh(")
    assert result.stderr.strip().endswith("try --timeout 0.4")


def test_time_limits_nest():
    """An inner bound (a proof attempt) ends without cancelling the outer one (--timeout)."""
    import time

    from derive.engine.verify import time_limit
    from derive.limits import OutOfTime, deadline

    start = time.monotonic()
    with pytest.raises(OutOfTime):
        with deadline(0.3, "waiting"):
            try:
                with time_limit(5):
                    time.sleep(0.05)
            except TimeoutError:
                pass
            while True:
                time.sleep(0.01)
    assert time.monotonic() - start < 2


def test_help_shows_every_example_whole(run):
    text = run("--help").stdout
    assert r"derive '\frac{1}{1+e^{-z}}'" in text  # a "\f" in a docstring is a form feed
    assert "derive check my-derivation.tex" in text and "derive list" in text


# the name as typed titles what derive writes (`derive swish` wrote \section*{silu} and silu_forward)

@pytest.mark.parametrize("fmt, expected", [
    (["--format", "latex", "--standalone"], r"\section*{swish}"),
    (["--format", "beamer", "--standalone"], r"\begin{frame}{swish}"),
    (["--format", "markdown"], "### swish"),
    (["--format", "html"], "<title>swish</title>"),
    (["--format", "python"], "def swish_forward(z):"),
])
def test_an_alias_as_typed_names_the_output(fmt, expected):
    result = CliRunner().invoke(cli, ["swish", *fmt, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout and "silu" not in result.stdout.lower().replace("torch.nn.silu", "")


def test_an_alias_that_is_no_identifier_names_the_code_by_the_catalog():
    result = CliRunner().invoke(cli, ["σ", "--format", "python", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "def sigmoid_forward(z):" in result.stdout
