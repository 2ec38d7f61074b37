"""What ``derive.derive()`` returns: the engine's Derivation, with the renderers as methods.

The engine hands out plain data and never imports a renderer (data flows one way:
engine -> Derivation -> render).  This subclass lives on the renderers' side: it adds
``print(d)``, ``repr(d)``, ``d.text()``, ``d.latex()``, ``d.markdown()``, ``d.html()``
and Jupyter's ``_repr_latex_``/``_repr_html_`` -- the same renderers the command line uses.

Each method imports its renderer when called: ``import derive.api`` then does not pay
for rich or the printers (about 100 ms) when nothing is printed.
"""

from __future__ import annotations

from dataclasses import fields

from .engine.derivation import Derivation


class Result(Derivation):
    """A derivation that prints itself: the chain, not the dataclass's fields."""

    @classmethod
    def of(cls, derivation: Derivation) -> Result:
        if isinstance(derivation, cls):
            return derivation
        return cls(**{f.name: getattr(derivation, f.name) for f in fields(derivation)})

    def text(self, *, width: int = 80, notes: bool = True) -> str:
        """The terminal view without colour: the chain laid out like the slide, each note
        beside its line, then what the derivation establishes."""
        import io

        from rich.console import Console

        from .render.text import DerivationView

        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False)
        console.print(DerivationView(self, notes=notes))
        return buffer.getvalue()

    def latex(self) -> str:
        r"""The chain as an amsmath ``\begin{aligned}`` block (``derive NAME --format latex``)."""
        from .render.latex import aligned

        return aligned(self)

    def markdown(self) -> str:
        """Markdown for GitHub and Jupyter (``derive NAME --format markdown``)."""
        from .render.markdown import markdown

        return markdown(self)

    def html(self, *, plot: bool = True) -> str:
        """One self-contained web page (``derive NAME --format html``): MathML, a button
        that reveals a line at a time, the plot inline as SVG where matplotlib is installed."""
        from .render.html import page

        return page([self], plot=plot)

    def json(self) -> str:
        """The data, as ``derive NAME --format json`` writes it."""
        from .render.json import dumps

        return dumps(self)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        from .render.linear import chain_lines

        head = f"derive({self.name!r})" if self.name else "derive(...)"
        if self.order != 1:
            head = head[:-1] + f", order={self.order})"
        return "\n".join([head + ":", *("    " + line for line in chain_lines(self))])

    def _repr_latex_(self) -> str:
        return "$$" + self.latex() + "$$"

    def _repr_html_(self) -> str:
        from .render.html import fragment

        return fragment(self)
