"""``derive plot``: g and g' on one figure, with g' in terms of g in the legend.

matplotlib is an optional extra (``pip install 'derive[plot]'``): it is imported here
only, and its absence is one clear line, not a traceback.  Labels are mathtext, from
the same LaTeX printer as the notes.
"""

from __future__ import annotations

import math

from ..engine.derivation import Derivation
from ..engine.functions import G
from ..engine.samples import samples
from ..errors import DeriveError
from .latex import latex

FORMATS = ("png", "pdf", "svg", "pgf")


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")  # no screen needed
        import matplotlib.pyplot as plt
    except ImportError:
        raise DeriveError("derive plot needs matplotlib: pip install 'derive[plot]'") from None
    return plt


def legend_of_derivative(d: Derivation) -> str:
    """g'(z), and its form in g as the chain's last line writes it, where there is one."""
    prime = "'" * d.order
    z = latex(d.var)
    last = d.lines[-1]
    if last.rule == "in-g" and d.in_terms_of_g is not None and d.in_terms_of_g.has(G):
        return f"$g{prime}({z}) = {latex(last.rhs)}$"
    return f"$g{prime}({z})$"


def plot(d: Derivation, path: str, *, fmt: str) -> None:
    if d.steps is None:
        raise DeriveError(f"{d.name}: a function of a vector has no plot of g and g'")
    plt = _pyplot()
    s = samples(d)
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=150)
    ax.plot(s.z, s.g, color="tab:blue", linewidth=2, label=f"$g({latex(d.var)})$")
    ax.plot(s.z, s.dg, color="tab:red", linewidth=2, linestyle="--", label=legend_of_derivative(d))
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlim(s.low, s.high)
    finite = [v for v in s.g + s.dg if not math.isnan(v)]
    if finite:
        low, high = min(finite), max(finite)
        pad = 0.08 * (high - low or 1)
        ax.set_ylim(max(low, -10) - pad, min(high, 10) + pad)
    ax.set_xlabel(f"${latex(d.var)}$")
    ax.set_title(d.name or f"$g({latex(d.var)}) = {latex(d.definition)}$")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    fig.tight_layout()
    if fmt == "pgf":
        plt.rcParams["pgf.texsystem"] = "pdflatex"  # the TeX the notes use; xelatex is the default
    try:
        extra = {"metadata": _metadata(fmt)} if fmt != "pgf" else {}  # PGF has no metadata to pin
        fig.savefig(path, format=fmt, **extra)
    except RuntimeError as e:  # PGF measures its text with TeX
        raise DeriveError(f"cannot write {fmt.upper()}: {e}") from None
    finally:
        plt.close(fig)


def _metadata(fmt: str) -> dict | None:
    """No dates or versions in the file: the same input gives the same bytes."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"CreationDate": None, "Producer": None, "Creator": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    return None
