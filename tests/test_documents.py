"""Documents, slides, Markdown and pictures: generated for the whole catalog and compiled
for real (pdflatex; page counts with pdfinfo).  Where a tool is missing the test skips
locally and fails under CI, like tests/test_compile.py."""

import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from derive import derive
from derive.catalog import CATALOG
from derive.cli import cli
from derive.render.beamer import beamer, slides_count
from derive.render.document import article, notes
from derive.render.latex import escape
from derive.render.markdown import markdown


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed, and CI must run this for real")
        pytest.skip(f"{name} is not installed")
    return path


def compile_pdf(tmp_path, source: str, name: str = "doc"):
    (tmp_path / f"{name}.tex").write_text(source)
    for _ in range(1):
        run = subprocess.run([tool("pdflatex"), "-halt-on-error", "-interaction=nonstopmode", f"{name}.tex"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stdout[-3000:]
    return tmp_path / f"{name}.pdf"


def pages(pdf) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def catalog():
    return [derive(entry.name) for entry in CATALOG]


def test_notes_for_the_whole_catalog_compile(tmp_path, catalog):
    pdf = compile_pdf(tmp_path, notes(catalog + [derive("sigmoid", order=2), derive("tanh", order=2)]))
    assert pages(pdf) >= len(catalog) // 2  # about a page each; short entries share one


def test_standalone_article_for_the_whole_catalog_compiles(tmp_path, catalog):
    compile_pdf(tmp_path, article(catalog, title="All of them"))


def test_beamer_reveals_one_line_per_page(tmp_path):
    for name in ("sigmoid", "tanh"):
        d = derive(name)
        pdf = compile_pdf(tmp_path, beamer([d]), name)
        assert len(d.lines) == 6 and slides_count(d) == 6
        assert pages(pdf) == 6  # the reference chain: six lines, six slides (findings on the last)


def test_beamer_for_the_whole_catalog(tmp_path, catalog):
    pdf = compile_pdf(tmp_path, beamer(catalog))
    assert pages(pdf) == sum(slides_count(d) for d in catalog)


def test_markdown_math_compiles(tmp_path, catalog):
    """The $$ blocks of the Markdown, set by pdflatex: what GitHub's MathJax reads is valid TeX."""
    blocks = []
    for d in catalog:
        blocks += re.findall(r"\$\$\n(.*?)\n\$\$", markdown(d), re.DOTALL)
    assert len(blocks) == len(catalog)
    body = "\n".join(r"\[" + b + r"\]" for b in blocks)
    compile_pdf(tmp_path, "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + body + "\n\\end{document}\n")


def test_words_are_escaped_for_tex():
    assert escape(r"50% of \input{x} & $y$ #1 _a ^b ~c") == \
        r"50\% of \textbackslash{}input\{x\} \& \$y\$ \#1 \_a \^{}b \~{}c"


def test_output_file_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["sigmoid", "-o", "s.tex"]).exit_code == 0
    assert (tmp_path / "s.tex").read_text().startswith(r"\begin{aligned}")
    again = runner.invoke(cli, ["sigmoid", "-o", "s.tex"])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke(cli, ["tanh", "-o", "s.tex", "--force"]).exit_code == 0
    assert r"\tanh" in (tmp_path / "s.tex").read_text()
    assert runner.invoke(cli, ["sigmoid", "-o", "s.md"]).exit_code == 0
    assert (tmp_path / "s.md").read_text().startswith("### sigmoid")
    assert runner.invoke(cli, ["sigmoid", "-o", "s.pdf"]).exit_code == 2
    # an error leaves no file behind, whole or half
    assert runner.invoke(cli, ["sigmoud", "-o", "bad.tex"]).exit_code == 2
    assert not (tmp_path / "bad.tex").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".derive-")] == []


def test_notes_command_writes_a_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["notes", "sigmoid", "relu", "--order", "2", "-o", "notes.tex"])
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "notes.tex").read_text()
    assert text.count(r"\section{") == 4 and "PyTorch" in text  # two functions, each with order 2


def test_plot_png_and_pdf(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib") if not os.environ.get("CI") else None
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for name in ("s.png", "s.pdf", "s.svg", "s.pgf"):
        result = runner.invoke(cli, ["plot", "sigmoid", "-o", name])
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 1000
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    first = (tmp_path / "s.png").read_bytes()
    runner.invoke(cli, ["plot", "sigmoid", "-o", "s.png", "--force"])
    assert (tmp_path / "s.png").read_bytes() == first  # deterministic
    assert runner.invoke(cli, ["plot", "softmax", "-o", "x.png"]).exit_code == 2


def test_plot_without_matplotlib_is_one_clear_line(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["plot", "sigmoid", "-o", "s.png"])
    assert result.exit_code == 2
    assert result.stderr == "derive: error: derive plot needs matplotlib: pip install 'derive[plot]'\n"
    assert not (tmp_path / "s.png").exists()


def test_reveal_without_a_terminal_prints_everything_at_once():
    runner = CliRunner()
    plain = runner.invoke(cli, ["tanh"]).stdout
    revealed = runner.invoke(cli, ["tanh", "--reveal"], input="")
    assert revealed.exit_code == 0 and revealed.stdout == plain


def test_list_and_check_write_files_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["list", "-o", "catalog.txt"]).exit_code == 0
    assert "softsign" in (tmp_path / "catalog.txt").read_text()
    (tmp_path / "d.txt").write_text("g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n")
    assert runner.invoke(cli, ["check", "d.txt", "--format", "json", "-o", "r.json"]).exit_code == 0
    assert '"valid": true' in (tmp_path / "r.json").read_text()
    assert runner.invoke(cli, ["check", "d.txt", "-o", "r.json"]).exit_code == 2  # exists: --force


# -- issue 12: names and titles, typography, numbers ---------------------------------------

HOSTILE_NAMES = ["_*z", "z*__builtins__", "xscr*z", "alpha_1*z"]


def test_hostile_names_compile_in_every_format(tmp_path):
    """A parameter named _, __builtins__ or xscr (SymPy: raw _, \\mathscr) still compiles."""
    chains = [derive(f) for f in HOSTILE_NAMES]
    compile_pdf(tmp_path, article(chains), "article")
    compile_pdf(tmp_path, notes(chains), "notes")
    pdf = compile_pdf(tmp_path, beamer(chains), "slides")
    assert pages(pdf) == sum(slides_count(d) for d in chains)
    block = "\n".join(r"\[" + aligned_block(d) + r"\]" for d in chains)
    compile_pdf(tmp_path, "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + block +
                "\n\\end{document}\n", "aligned")


def aligned_block(d):
    from derive.render.latex import aligned

    return aligned(d)


def test_a_greek_title_compiles_and_an_emoji_or_control_character_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(cli, ["notes", "sigmoid", "--title", "σ and é, 50% off", "-o", "n.tex"])
    assert ok.exit_code == 0, ok.stderr
    text = (tmp_path / "n.tex").read_text()
    assert r"\ensuremath{\sigma}" in text and r"50\%" in text
    compile_pdf(tmp_path, text, "n")
    for title in ("fun 😀", "a\x01b", "tab\x7fdel"):
        bad = runner.invoke(cli, ["notes", "sigmoid", "--title", title, "-o", "bad.tex"])
        assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr, bad.stderr
        assert not (tmp_path / "bad.tex").exists()


def test_markdown_title_is_text_not_html():
    result = CliRunner().invoke(cli, ["notes", "sigmoid", "--format", "markdown", "--title", "<img src=x onerror=alert(1)>"])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert "<img" not in result.stdout and first == "# &lt;img src=x onerror=alert(1)&gt;"


def test_notes_sections_titles_numbers_and_summaries():
    result = CliRunner().invoke(cli, ["notes", "swish", "tanh", "softmax", "--order", "2"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert r"\section{swish}" in text and r"\section{silu}" not in text  # the name asked for
    assert r"\section{swish: the second derivative}" in text and r"\section{tanh: the second derivative}" in text
    assert r"\numberwithin{equation}{section}" in text and r"\tag{\thesection.1}" in text
    # tanh introduced as the lecture writes it, not (-e^{-z} + e^z)/(...)
    assert r"\tanh(z) = \frac{e^{z} - e^{- z}}{e^{z} + e^{- z}}" in text
    assert r"\frac{- e^{- z} + e^{z}}" not in text
    # softmax summarised as s_i (delta_ij - s_j)
    assert r"So $\frac{\partial {s}_{i}}{\partial {z}_{j}} = {s}_{i} \left(\delta_{i j} - {s}_{j}\right)$" in text


def _outside_math(tex: str) -> str:
    """The text of a LaTeX source with its math ($...$, displays, align) removed."""
    tex = re.sub(r"\\begin\{(align\*?|aligned|tikzpicture)\}.*?\\end\{\1\}", " ", tex, flags=re.DOTALL)
    tex = re.sub(r"\\\[.*?\\\]", " ", tex, flags=re.DOTALL)
    return re.sub(r"\$[^$]*\$", " ", tex)


def test_notes_prose_has_no_hyphen_minus_or_formula_in_upright_text(catalog):
    text = notes(catalog)
    words = _outside_math(text.split(r"\begin{document}")[1])
    assert "d/dz" not in words and "d/du" not in words and "e^u" not in words
    assert not re.search(r"[(=\s]-\d", words), re.search(r".{40}[(=\s]-\d.{40}", words).group()  # g(-1.926)
    assert r"\text{" not in words
    # sentences start upper case: every explanation item
    for item in re.findall(r"\\item\[\(\\thesection\.\d+\)\] (\S)", text):
        assert not item.isalpha() or item.isupper() or item == "$"


def test_the_aligned_block_holds_only_the_chain():
    from derive.render.latex import aligned

    for name in ("relu", "leaky relu", "gelu", "swish", "selu"):
        block = aligned(derive(name))
        assert "differentiable" not in block and "catalog" not in block and "form in g" not in block, name
    typed = aligned(derive("1/(1+exp(-z))"))
    assert "catalog" not in typed and r"\text{this" not in typed


def test_numbers_as_a_lecturer_writes_them():
    from derive.render.latex import aligned

    leaky = aligned(derive("leaky relu"))
    assert "0.01" in leaky and r"\frac{1}{100}" not in leaky
    selu = article([derive("selu")])
    chain = selu.split(r"\[")[1].split(r"\]")[0]
    assert r"\lambda" in chain and r"\alpha" in chain and "1.05" not in chain and "1.67" not in chain
    # the values, stated once each, as PyTorch gives them
    assert selu.count("1.0507009873554804934193349852946") == 1
    assert selu.count("1.6732632423543772848170429916717") == 1
    assert not re.search(r"\d{40}", selu)  # no 63-digit product


@pytest.mark.parametrize("name,order,em", [("tanh", 1, 14.0), ("sigmoid", 1, 12.0), ("gelu tanh", 2, 30.0),
                                           ("mish", 2, 30.0), ("silu", 2, 20.0), ("softplus", 2, 10.0)])
def test_broken_lines_read_back_as_the_same_lines(name, order, em):
    """A line broken across rows (at + and -, inside brackets with \\right. and \\left.)
    is still the line: derive check reads the block back and every line holds."""
    from derive.batch import check_text
    from derive.render.latex import aligned, rows

    d = derive(name, order=order)
    assert any(r.continued for r in rows(d, em=em))  # the test breaks lines for real
    result, problem = check_text(aligned(d, em=em), function=name if order > 1 else None)
    assert problem is None and result.valid, [line.verdict for line in result.lines]
    assert len(result.lines) == len(d.lines)
