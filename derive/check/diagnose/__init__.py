"""The most likely mistake in a wrong line, named the way a teacher names it.

The wrong line W is compared with the value C it should have had (the derivative of
the line before, or the line before) at sample points, and with what common wrong
rules would have given from the line before: the product rule with a term missing,
both factors differentiated or a minus between the terms; the quotient rule with the
numerator reversed or the denominator not squared; a derivative from the table
misremembered (σ' = σ², tanh' = sech, tanh' = 1 + tanh², arctan' = 1/(1 − u²)); an
inner derivative u' missing or repeated (a number such as the 2 of e^{-2z} too); a
power off by one; the minus of the reciprocal rule dropped; (a ± b)² = a² ± b².  The
first candidate that equals W at every point names the kind; otherwise the ratio or
the difference may be a constant; otherwise one change that makes the line right (a
power on the wrong bracket, one term's sign or constant factor) where exactly one does;
otherwise ``unknown``.

Where g is made of pieces (ReLU, ELU, softsign) and the line is right on one side of
the kink only, the other side is named and diagnosed on its own (√(−ln g) written for z
in the Gaussian: it is |z|, wrong for z < 0).

The package: ``situation`` (what a diagnosis reads and says), ``values`` (lines as numbers at
the sample points), ``words`` (formulas and conditions as a sentence says them), ``rules`` and
``algebra`` (the catalogs of slips), ``pieces`` (g made of pieces), ``matching`` (the slips
tried in order, the corrected line in the author's names).
"""

from .matching import diagnose
from .situation import Diagnosis, KINDS, Situation
from .values import table_forms

__all__ = ["KINDS", "Diagnosis", "Situation", "diagnose", "table_forms"]
