"""The errors derive reports to a user as one line, never as a traceback."""


class DeriveError(Exception):
    """Something the user asked for cannot be done; the message says what and why."""


class EngineFault(AssertionError):
    """A line the engine built is not equal to the line before it.

    This is a bug in derive, never something to show a student as mathematics.
    """
