"""``derive plot``: g and g' on one figure, with g' in terms of g in the legend.

matplotlib is an optional extra (``pip install 'derive[plot]'``): it is imported here
only, and its absence is one clear line, not a traceback.  Labels are mathtext, from
the same LaTeX printer as the notes.
"""

from __future__ import annotations

from ..engine.derivation import Derivation
from ..engine.functions import G
from ..errors import DeriveError
from .curves import curves
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


def plot(d: Derivation, path: str, *, fmt: str, name: str | None = None) -> None:
    if d.steps is None:
        raise DeriveError(f"{d.name}: a function of a vector has no plot of g and g'")
    plt = _pyplot()
    fig = figure(d, plt, name=name)
    if fmt == "pgf":
        plt.rcParams["pgf.texsystem"] = "pdflatex"  # the TeX the notes use; xelatex is the default
    try:
        extra = {"metadata": _metadata(fmt)} if fmt != "pgf" else {}  # PGF has no metadata to pin
        # svg.hashsalt: the ids matplotlib writes into an SVG come from it, not from a random uuid
        with plt.rc_context({"svg.hashsalt": "derive"}):
            fig.savefig(path, format=fmt, **extra)
    except RuntimeError as e:  # PGF measures its text with TeX
        raise DeriveError(f"cannot write {fmt.upper()}: {e}") from None
    finally:
        plt.close(fig)


def figure(d: Derivation, plt, *, name: str | None = None):
    """The figure: g solid, g' dashed, each continuous stretch one line; a jump with a
    filled dot (the value taken) and an open one (the limit not taken); kinks marked."""
    c = curves(d)
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=150)
    for i, segment in enumerate(c.g):
        zs, vs = zip(*segment)
        ax.plot(zs, vs, color="tab:blue", linewidth=2, label=f"$g({latex(d.var)})$" if i == 0 else None,
                gid=f"g-{i}")
    for i, segment in enumerate(c.dg):
        zs, vs = zip(*segment)
        ax.plot(zs, vs, color="tab:red", linewidth=2, linestyle="--", label=legend_of_derivative(d) if i == 0 else None,
                gid=f"dg-{i}")
    for points, colour, face, z in ((c.dg_filled, "tab:red", "tab:red", 3), (c.dg_open, "tab:red", "white", 3),
                                    (c.g_filled, "tab:blue", "tab:blue", 4), (c.g_open, "tab:blue", "white", 4)):
        if points:
            zs, vs = zip(*points)
            ax.plot(zs, vs, linestyle="none", marker="o", markersize=6 if z == 3 else 7, markeredgecolor=colour,
                    markerfacecolor=face, markeredgewidth=1.5, zorder=z)
    if c.kinks:
        zs, vs = zip(*c.kinks)
        ax.plot(zs, vs, linestyle="none", marker="o", markersize=4, color="black", zorder=3, label="kink")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlim(c.low, c.high)
    ax.set_ylim(c.bottom, c.top)
    ax.set_xlabel(f"${latex(d.var)}$")
    # the name asked for (swish, not silu), as text: mathtext would read a $ in it
    title = name or d.name
    ax.set_title(title.replace("$", r"\$") if title else f"$g({latex(d.var)}) = {latex(d.lines[0].rhs)}$")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    fig.tight_layout()
    return fig


def _metadata(fmt: str) -> dict | None:
    """No dates or versions in the file: the same input gives the same bytes."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"CreationDate": None, "Producer": None, "Creator": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    return None
