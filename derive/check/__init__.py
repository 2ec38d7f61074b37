"""``derive check``: a hand derivation read line by line, each line checked against the one
before it, the first wrong line found and explained.

``document`` cuts the text (LaTeX or plain) into steps; ``chain`` decides each step's
verdict with the engine's equality and the parser's notation; ``diagnose`` names the
most likely mistake; ``batch`` checks many files in worker processes.  Rendering lives
in ``derive.render.check``.
"""
