"""What a derive command does before SymPy works: keep SymPy's tensor and physics units
modules unloaded.

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

``sympy.physics.units`` is kept out the same way: ``simplify`` runs ``from
sympy.physics.units import Quantity`` at every call to ask ``expr.has(Quantity)``, the
pretty printer's ``_print_Mul`` asks ``isinstance(x, Quantity)``, and ``solve``'s
``checksol`` takes ``as_independent(Unit)``.  Its first import loads all of
``sympy.physics`` (~100 ms of hard sigmoid's or bent identity's cold command, for units
derive never makes); the stand-in's ``Quantity`` and ``Unit`` are classes nothing is an
instance of until the real module is loaded (any other name loads it).  Only the
``from sympy.physics.units import ...`` form reaches it before then: ``import
sympy.physics.units as u`` also needs the package ``sympy.physics`` loaded, which
nothing in a derive command does.
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
        real = self._load_real()
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)

    def _load_real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)  # also sets the parent's attribute to the real module


def _load_real() -> types.ModuleType:
    stand_in = sys.modules.get(NAME)
    if isinstance(stand_in, _StandIn):
        return stand_in._load_real()
    return importlib.import_module(NAME)


UNITS = "sympy.physics.units"


class Quantity:
    """No object is one until the real module is loaded."""


class Unit:
    """No object is one until the real module is loaded."""


def install() -> None:
    """The stand-ins, each unless its real module is already loaded."""
    if NAME not in sys.modules:
        stand_in = _StandIn(NAME, "stand-in for sympy.tensor.tensor until a tensor is used (derive.startup)")
        stand_in.TensExpr, stand_in.TensAdd = TensExpr, TensAdd
        sys.modules[NAME] = stand_in
    if UNITS not in sys.modules:
        units = _StandIn(UNITS, "stand-in for sympy.physics.units until a unit is used (derive.startup)")
        units.Quantity, units.Unit = Quantity, Unit
        sys.modules[UNITS] = units
