"""Errors that carry their own exit code and print as one line.

Every problem a user can cause (a missing file, a broken rule pack, bad front
matter) is raised as a :class:`PostcheckError`. The CLI prints ``str(error)``
and exits with ``error.exit_code``; nothing a user does should ever show a
traceback.
"""

from __future__ import annotations

from pathlib import Path

#: Exit code for usage, configuration and input errors.
EXIT_USAGE = 2


class PostcheckError(Exception):
    """A user-facing error: one line, with the file and line when known."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        from .text.plaintext import one_line

        where = ""
        if self.path is not None:
            where = one_line(self.path) if self.line is None else f"{one_line(self.path)}:{self.line}"
            where += ": "
        # Keys, ids and file names come from untrusted files: a newline in one must not split the
        # line (or start a "::error" workflow command in CI logs).
        return f"{where}{one_line(self.message)}"


class ConfigError(PostcheckError):
    """A configuration file or option is invalid."""


class RuleError(PostcheckError):
    """A rule file is invalid: unknown key, unknown kind, bad pattern, duplicate id."""


class InputError(PostcheckError):
    """A draft or export could not be read (missing, binary, undecodable, broken front matter)."""
