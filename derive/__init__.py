"""derive: derive, explain and check the derivatives of activation functions, step by step.

    >>> from derive import derive
    >>> d = derive("sigmoid")
    >>> d.in_terms_of_g
    g*(1 - g)
"""

__version__ = "0.1.0"

import types

__all__ = ["__version__", "check", "derive"]


class CallablePackage(types.ModuleType):
    """The class of the ``derive.check`` package, which, called, grades a hand derivation
    (``derive.api.check``).  It lives here, with the API's other lazy entry points, so
    that the checker's package never imports what stands above it."""

    def __call__(self, text_or_path, function=None, var=None, **options) -> dict:
        from .api import check

        return check(text_or_path, function, var, **options)


def __getattr__(name: str):
    """``derive.check`` is the package of the checker and, called, the grading API:
    ``derive.check(text_or_path, function=None, var=None) -> dict`` (derive/check/__init__.py).
    Imported on first use, so that importing the engine never loads the checker."""
    if name == "check":
        import importlib

        return importlib.import_module(".check", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def derive(function, **options):
    """The derivation of an activation: a catalog name ("sigmoid"), a typed formula, LaTeX
    or a SymPy expression; see ``derive.api.derive`` for the options (var, params,
    symbolic, latex, order).

    Imported on first use, so that ``derive --version`` does not wait for SymPy.
    """
    from .api import derive as _derive

    return _derive(function, **options)

