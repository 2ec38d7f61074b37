"""derive: derive, explain and check the derivatives of activation functions, step by step.

    >>> from derive import derive
    >>> d = derive("sigmoid")
    >>> d.in_terms_of_g
    g*(1 - g)
"""

__version__ = "0.1.0"

__all__ = ["__version__", "check", "derive"]

# derive.check is the package of the checker and, called, the grading API:
# derive.check(text_or_path, function=None, var=None) -> dict (see derive/check/__init__.py)
from . import check  # noqa: E402 -- a few lines, no SymPy: `derive --version` stays fast


def derive(function, **options):
    """The derivation of an activation: a catalog name ("sigmoid"), a typed formula, LaTeX
    or a SymPy expression; see ``derive.api.derive`` for the options (var, params,
    symbolic, latex, order).

    Imported on first use, so that ``derive --version`` does not wait for SymPy.
    """
    from .api import derive as _derive

    return _derive(function, **options)

