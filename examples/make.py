"""Regenerate the examples: ``python examples/make.py`` (tests/test_examples.py checks them).

Each example is a command's output at 80 columns, exactly as a user would see it
with ``derive ARGS > FILE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent

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


if __name__ == "__main__":
    for name, args in EXAMPLES.items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / name).write_text(output(args), encoding="utf-8")
        print(f"wrote examples/{name}", file=sys.stderr)
