"""Content problems with stable codes, printed as ``path:line: CODE message``.

Codes never change meaning once published, so editors, CI logs and future diffs can
refer to them (the tldr-lint habit). Add new codes at the end.

| code  | meaning                                                    |
| ----- | ---------------------------------------------------------- |
| RC001 | the file is not valid YAML                                 |
| RC002 | a field is missing, unknown or has the wrong type/length   |
| RC003 | a reference names a topic that does not exist              |
| RC004 | the file name does not match the topic id                  |
| RC005 | two topics share an id, alias or title                     |
| RC006 | `pack.yml` or a topic folder is missing                    |
| RC007 | `explainer_order` does not list every explainer once       |
| RC008 | a language is used that `pack.yml` does not declare        |
| RC010 | a declared translation, or one of its fields, is missing    |
| RC011 | a translation drifts from the English (list size, links)    |
| RC012 | a key is given twice in one mapping                         |
| RC013 | `version` is not the newest `changelog` entry               |
| RC014 | the version did not go up as far as the changes need        |
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.errors import RoleCallError

CODES: dict[str, str] = {
    "RC001": "invalid YAML",
    "RC002": "schema violation",
    "RC003": "unknown reference",
    "RC004": "file name does not match id",
    "RC005": "duplicate id, alias or title",
    "RC006": "missing file or folder",
    "RC007": "explainer order incomplete",
    "RC008": "undeclared language",
    "RC010": "missing translation",
    "RC011": "translation drifts from English",
    "RC012": "duplicate key",
    "RC013": "version is not the newest changelog entry",
    "RC014": "version step too small for the changes",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


class ContentError(RoleCallError):
    """Raised when a pack fails validation; carries every problem found, not just the first."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> list[str]:
        """Every problem as ``path:line: CODE message``, then what it means for serving."""
        summary = f"rolecall: the content pack has {len(self.problems)} problem(s); nothing was served."
        return [*(str(problem) for problem in self.problems), summary]
