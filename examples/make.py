"""Regenerate the examples: ``python examples/make.py`` (tests/test_examples.py checks them),
then ``python examples/make.py --pictures`` for the compiled PDFs and the PNGs.

Each example is a command's output at 80 columns, exactly as a user would see it
with ``derive ARGS > FILE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # this checkout's derive, not an installed one

#: file name -> the arguments of ``derive``
EXAMPLES: dict[str, list[str]] = {
    **{f"{name}.{suffix}": [name, "--format", fmt]
       for name in ("sigmoid", "tanh")
       for fmt, suffix in (("latex", "tex"), ("json", "json"), ("text", "txt"))},
    "sigmoid-order-2.txt": ["sigmoid", "--order", "2"],
    "tanh-order-2.tex": ["tanh", "--order", "2", "--format", "latex"],
    "relu.txt": ["relu"],
    "elu-symbolic.txt": ["elu", "--symbolic"],
    "leaky-relu.tex": ["leaky-relu", "--param", "alpha=0.2", "--format", "latex"],
    "softsign.txt": ["softsign"],
    "softplus.txt": ["softplus"],
    "swish.txt": ["swish"],
    "gelu.txt": ["gelu"],
    "softmax.txt": ["softmax"],
    "softmax.tex": ["softmax", "--format", "latex"],
    "typed-slope-2.txt": ["1/(1+exp(-2z))"],
    "typed-latex.txt": [r"\frac{1}{1+e^{-z/3}}"],
    "list.txt": ["list"],
}

#: derive check on the hand derivations in examples/check/ (paths from the repository root)
CHECKS = sorted(p.name for p in (HERE / "check").iterdir() if p.suffix in (".tex", ".txt"))
EXAMPLES.update({f"check/output/{name}.txt": ["check", f"examples/check/{name}"] for name in CHECKS})
EXAMPLES["check/output/sigmoid-exponent.tex.json"] = ["check", "examples/check/sigmoid-exponent.tex", "--format", "json"]
EXAMPLES["notes/notes.tex"] = ["notes", "sigmoid", "tanh", "relu", "softplus", "swish", "--order", "2"]
EXAMPLES["notes/notes.md"] = ["notes", "sigmoid", "tanh", "relu", "--format", "markdown"]
EXAMPLES["notes/tanh-slides.tex"] = ["tanh", "--format", "beamer", "--standalone"]
EXAMPLES["notes/sigmoid-slides.tex"] = ["sigmoid", "--format", "beamer", "--standalone"]
EXAMPLES["notes/sigmoid-article.tex"] = ["sigmoid", "--format", "latex", "--standalone"]
EXAMPLES["check/output/summary.csv"] = ["check", *(f"examples/check/{name}" for name in CHECKS), "--summary", "csv",
                                        "--jobs", "1"]


def output(args: list[str]) -> str:
    from click.testing import CliRunner

    from derive.cli import cli

    import os

    here = os.getcwd()
    os.chdir(HERE.parent)  # check examples name their files from the repository root
    try:
        result = CliRunner().invoke(cli, args, env={"COLUMNS": "80"})
    finally:
        os.chdir(here)
    if result.exit_code not in (0, 1):  # 1: derive check found the wrong line it was given
        raise SystemExit(f"derive {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def pictures() -> None:
    """The compiled PDFs and the PNGs (needs pdflatex, pdftoppm and matplotlib)."""
    import os
    import subprocess

    os.environ.update(SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1")  # PDFs without today's date in them
    notes = HERE / "notes"
    for tex in ("notes.tex", "tanh-slides.tex", "sigmoid-slides.tex", "sigmoid-article.tex"):
        subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", tex], cwd=notes, check=True,
                       stdout=subprocess.DEVNULL)
    for junk in notes.glob("*.aux"):
        junk.unlink()
    for junk in list(notes.glob("*.log")) + list(notes.glob("*.nav")) + list(notes.glob("*.out")) + \
            list(notes.glob("*.snm")) + list(notes.glob("*.toc")):
        junk.unlink()
    # the fourth slide of tanh (line 4 revealed) and the last, as pictures
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "4", "-l", "4", "-singlefile", "tanh-slides.pdf",
                    "tanh-slide-4"], cwd=notes, check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "6", "-l", "6", "-singlefile", "tanh-slides.pdf",
                    "tanh-slide-6"], cwd=notes, check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "notes.pdf",
                    "notes-page-1"], cwd=notes, check=True)
    # the ReLU section: prose findings under the chain, a kink marked in the picture
    relu = next(i for i, text in enumerate(_pdf_pages(notes / "notes.pdf"), start=1) if "Not differentiable" in text)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(relu), "-l", str(relu), "-singlefile", "notes.pdf",
                    "notes-relu"], cwd=notes, check=True)
    from click.testing import CliRunner

    from derive.cli import cli

    for name in ("sigmoid", "tanh", "relu", "swish", "hardswish", "threshold"):
        CliRunner().invoke(cli, ["plot", name, "-o", str(notes / f"{name}-plot.png"), "--force"])
    web_pages()


def web_pages() -> None:
    """The web pages (derive NAME --format html) and their screenshots in headless Chromium:
    the chain half revealed, and all of it."""
    import subprocess
    import tempfile

    from click.testing import CliRunner

    from derive.cli import cli

    folder = HERE / "html"
    folder.mkdir(exist_ok=True)
    for name in ("sigmoid", "tanh", "relu"):
        page = folder / f"{name}.html"
        CliRunner().invoke(cli, [name, "--format", "html", "-o", str(page), "--force"])
        for suffix, query, size in (("", "?reveal=99", "900,1300"), ("-step-3", "?reveal=3", "900,520")):
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}",
                                f"--screenshot={folder / f'{name}{suffix}.png'}", f"--window-size={size}",
                                page.resolve().as_uri() + query], check=True, capture_output=True)


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext), to find a section's page."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


if __name__ == "__main__":
    if "--pictures" in sys.argv:
        pictures()
        raise SystemExit(0)
    if "--web" in sys.argv:
        web_pages()
        raise SystemExit(0)
    for name, args in EXAMPLES.items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / name).write_text(output(args), encoding="utf-8")
        print(f"wrote examples/{name}", file=sys.stderr)
