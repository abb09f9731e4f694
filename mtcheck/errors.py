"""Errors that the command line turns into a one-line message and exit status 2."""


class MtcheckError(Exception):
    """Base of every error mtcheck reports to the user as a one-line message."""


class InputError(MtcheckError):
    """The input cannot be read as an article (missing, binary, wrong encoding …)."""


class UsageError(MtcheckError):
    """The command line or configuration asks for something invalid."""


class ModelUnavailable(MtcheckError):
    """A local model cannot be used; the message says why and how to fix it.

    Model loading catches it and goes on with rules only (a warning); commands that need the
    model (``bench --model``) report it as a one-line error.
    """


class OutputError(MtcheckError):
    """A result cannot be written (missing folder, read-only place, disk full, closed stdout …)."""


class EngineError(MtcheckError):
    """A distributed engine failed (scheduler unreachable or lost, no worker left, timeout)."""
