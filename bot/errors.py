"""The one family of errors RoleCall reports to a person running it, and the exit code of each.

Every error an operator can meet derives from ``RoleCallError``; ``bot.runtime.cli`` maps them
all in one place, printing ``report()`` and exiting with ``exit_code``:

| error                                         | raised when                                | exit |
| --------------------------------------------- | ------------------------------------------ | ---- |
| ``ConfigError`` (here)                        | a variable or option is missing or wrong   | 2    |
| ``StoreError`` (here)                         | the database cannot be reached or migrated | 2    |
| ``ContentError`` (``bot.catalog``)            | the content pack fails validation          | 1    |
| ``ArgumentError`` (``bot.digests.arguments``) | a ``/digest subscribe`` word is unreadable | 2    |

``ArgumentError`` is answered in Slack; it reaches the CLI only by mistake.

This module imports nothing of RoleCall's, so every layer can raise these.
"""

from __future__ import annotations

from typing import ClassVar


class RoleCallError(Exception):
    """A failure with a message meant for a person: one line (or one per problem), no traceback."""

    exit_code: ClassVar[int] = 2

    def report(self) -> list[str]:
        """The lines printed to stderr, each prefixed so it reads as RoleCall's."""
        return [f"rolecall: {self}"]


class ConfigError(RoleCallError):
    """One line an operator can act on: which variable or option, and what is wrong with it."""


class StoreError(RoleCallError):
    """The database cannot be used: a one-line reason for the operator, never its password."""
