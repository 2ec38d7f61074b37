r"""``derive check``: a hand derivation read line by line, each line checked against the line
it follows from and against the true value, each wrong line explained.

Called, this package is the Python API for grading scripts::

    >>> import derive
    >>> derive.check("g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n")["valid"]
    True

``derive.check(text_or_path, function=None, var=None)`` returns the same dict as
``derive check --format json`` (see ``derive.api.check``).  The package is callable
because ``derive.check`` must be both: Python binds a subpackage's name on its parent
when it is imported, so a function of that name in ``derive`` would be replaced.

``document`` cuts the text (LaTeX or plain) into steps; ``chain`` decides each step's
verdict with the engine's equality and the parser's notation; ``diagnose`` names the
most likely mistake.  The checker imports the parser and the engine, never a renderer:
files (and many files in worker processes) are checked by ``derive.batch``, and
rendered by ``derive.render.check``.  What a call does is the API's, so the class that
makes this package callable is the top package's (``derive.CallablePackage``).
"""

import sys

from .. import CallablePackage

sys.modules[__name__].__class__ = CallablePackage
