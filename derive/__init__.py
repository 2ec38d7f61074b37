"""derive: derive, explain and check the derivatives of activation functions, step by step.

    >>> from derive import derive
    >>> d = derive("sigmoid")
    >>> d.in_terms_of_g
    g*(1 - g)
"""

__version__ = "0.1.0"

__all__ = ["derive", "__version__"]


def derive(function, *, var: str = "z"):
    """The derivation of an activation: a catalog name ("sigmoid") or a SymPy expression.

    Imported on first use, so that ``derive --version`` does not wait for SymPy.
    """
    from .api import derive as _derive

    return _derive(function, var=var)
