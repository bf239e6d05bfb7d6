"""One family of operator-facing errors, each with the exit code its docstring promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bot.errors
from bot.catalog import ContentError
from bot.catalog.problems import Problem
from bot.digests.arguments import ArgumentError
from bot.errors import ConfigError, RoleCallError, StoreError

FAMILY = (ConfigError, StoreError, ContentError, ArgumentError)


@pytest.mark.parametrize("error", FAMILY, ids=lambda e: e.__name__)
def test_every_error_is_in_the_family_and_its_table(error: type[RoleCallError]) -> None:
    assert issubclass(error, RoleCallError)
    table = bot.errors.__doc__ or ""
    row = re.search(rf"``{error.__name__}``.*\|\s*(\d+)\s*\|", table)
    assert row is not None, f"{error.__name__} is missing from the table in bot/errors.py"
    assert int(row.group(1)) == error.exit_code


def test_content_error_reports_every_problem_then_one_summary() -> None:
    problems = [Problem(Path("roles/b.yml"), 3, "RC002", "bad"), Problem(Path("roles/a.yml"), 1, "RC003", "gone")]
    lines = ContentError(problems).report()
    assert lines[:2] == ["roles/a.yml:1: RC003 gone", "roles/b.yml:3: RC002 bad"]
    assert lines[2].startswith("rolecall: the content pack has 2 problem(s)")


def test_a_config_error_is_one_prefixed_line() -> None:
    assert ConfigError("PORT is invalid").report() == ["rolecall: PORT is invalid"]
