"""No document derive writes overflows the page: every catalog entry (iterated from
derive.catalog, so new entries are covered), order 1 and 2, in every LaTeX format --
the aligned block in a default article, --standalone, Beamer, the notes -- compiled by
pdflatex, its log read for ``Overfull \\hbox`` wider than 1 pt, its errors, and the
Beamer page count against the number of lines.  Few pdflatex runs: one document per
format for the whole catalog."""

import re
import subprocess

import pytest

from derive import derive
from derive.catalog import CATALOG
from derive.render.beamer import beamer, slides_count
from derive.render.document import article, notes
from derive.render.latex import aligned

from .test_documents import pages, tool

pytestmark = pytest.mark.slow

ARTICLE = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n%s\n\\end{document}\n"


@pytest.fixture(scope="module")
def chains():
    out = []
    for entry in CATALOG:
        out.append(derive(entry.name))
        if not entry.multivariate:
            out.append(derive(entry.name, order=2))
    return out


def overfull(tmp_path, source: str, name: str) -> tuple[list[float], str]:
    (tmp_path / f"{name}.tex").write_text(source)
    run = subprocess.run([tool("pdflatex"), "-halt-on-error", "-interaction=nonstopmode", f"{name}.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    log = (tmp_path / f"{name}.log").read_text(errors="replace")
    assert run.returncode == 0 and "\n! " not in log, log[-3000:]
    wide = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    return [w for w in wide if w > 1.0], log


def _where(log: str) -> str:
    return "\n".join(re.findall(r"Overfull \\hbox.*\n.*", log)[:5])


def test_aligned_blocks_fit_a_default_article(tmp_path, chains):
    body = "\n".join("\\[\n" + aligned(d) + "\n\\]" for d in chains)
    wide, log = overfull(tmp_path, ARTICLE % body, "aligned")
    assert wide == [], _where(log)


def test_standalone_articles_fit(tmp_path, chains):
    wide, log = overfull(tmp_path, article(chains, title="Every activation"), "standalone")
    assert wide == [], _where(log)


def test_notes_fit(tmp_path, chains):
    wide, log = overfull(tmp_path, notes(chains), "notes")
    assert wide == [], _where(log)


def test_beamer_fits_and_has_one_page_per_line(tmp_path, chains):
    wide, log = overfull(tmp_path, beamer(chains), "slides")
    assert wide == [], _where(log)
    lines = sum(len(d.lines) + sum(len(b.derivation.lines) for b in d.branches) for d in chains)
    assert sum(slides_count(d) for d in chains) == lines
    assert pages(tmp_path / "slides.pdf") == lines
