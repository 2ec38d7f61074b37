"""The outputs the README shows are the examples the code generates now."""

from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    start = README.index("```", README.index(marker))
    start = README.index("\n", start) + 1
    return README[start: README.index("\n```", start)]


def example(name: str) -> str:
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def test_sigmoid_chain():
    assert block_after("`derive sigmoid` (real output") == example("sigmoid.txt")


def test_tanh_latex():
    assert block_after("`derive tanh --format latex`") == example("tanh.tex")


def test_check_session():
    assert block_after("`derive check examples/check/sigmoid-chain-factor.tex`") == \
        example("check/output/sigmoid-chain-factor.tex.txt")
