"""The one error hierarchy of framing.

The command line catches :class:`FramingError` only, prints its message as ``Error: ...`` and
exits non-zero. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class FramingError(Exception):
    """A problem the user can fix: the message names the bad value, where, and what is valid."""


class InputError(FramingError):
    """An input path or file that cannot be read as a corpus at all."""


class LexiconError(FramingError):
    """A lexicon, signature or furniture file that breaks the schema in ``lexicons/README.md``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.problem = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class UsageError(FramingError):
    """Options that contradict each other or name something that does not exist."""


class OutputError(FramingError):
    """An output folder or file that cannot (or must not) be written; nothing there changed."""
