"""What a derive command does before SymPy works: keep SymPy's tensor module unloaded.

Every ``Add`` SymPy builds runs ``from sympy.tensor.tensor import TensExpr, TensAdd``
inside ``Add.flatten`` (sympy/core/add.py), only to ask ``isinstance(term, TensExpr)``.
The first such import loads ``sympy.tensor.tensor`` and, through it, all of
``sympy.combinatorics``: 80-150 ms of a 0.5 s command, for objects derive never makes.

``install()`` puts a stand-in module in its place.  Its ``TensExpr`` and ``TensAdd`` are
classes nothing is an instance of, which is true until the real module is loaded: the
first use of any other name (``TensorIndexType``, ``TensorHead``, ...) loads the real
module, puts it back in ``sys.modules`` and copies its names into the stand-in, so
``Add.flatten`` (which imports again at every call) sees the real classes from then on.
Only ``Add.flatten`` imports those two names (SymPy 1.14; ``tests/test_startup.py``
checks this still holds).  Installed by the command line only: a program that imports
derive as a library gets SymPy untouched.
"""

from __future__ import annotations

import importlib
import sys
import types

NAME = "sympy.tensor.tensor"


class TensExpr:
    """No object is one until the real module is loaded."""


class TensAdd(TensExpr):
    """No object is one until the real module is loaded."""


class _StandIn(types.ModuleType):
    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        real = _load_real()
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def _load_real() -> types.ModuleType:
    if isinstance(sys.modules.get(NAME), _StandIn):
        del sys.modules[NAME]
    return importlib.import_module(NAME)  # also sets sympy.tensor.tensor to the real module


def install() -> None:
    """The stand-in, unless the real module is already loaded."""
    if NAME in sys.modules:
        return
    stand_in = _StandIn(NAME, "stand-in for sympy.tensor.tensor until a tensor is used (derive.startup)")
    stand_in.TensExpr, stand_in.TensAdd = TensExpr, TensAdd
    sys.modules[NAME] = stand_in
