"""Versions that mean something: ``version`` is the newest changelog entry, and it steps up as
far as the changes since an older pack call for (semantic versioning for content)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.catalog.diff import Bump, PackDiff
from bot.catalog.models import SEMVER
from bot.catalog.problems import Problem
from bot.catalog.yaml_lines import line_of, load_with_lines

VersionKey = tuple[int, int, int, int, str]


def version_key(version: str) -> VersionKey:
    """Orders versions as semver does: a pre-release comes before its release."""
    found = SEMVER.match(version)
    if found is None:
        return (0, 0, 0, 0, version)
    major, minor, patch, pre = found.groups()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")


def step(old: str, new: str) -> Bump | None:
    """How far ``new`` went past ``old``: None if it did not go up at all."""
    before, after = version_key(old), version_key(new)
    if after <= before:
        return None
    if after[0] > before[0]:
        return "major"
    return "minor" if after[1] > before[1] else "patch"


RANK: dict[Bump | None, int] = {None: 0, "patch": 1, "minor": 2, "major": 3}


def check_since(diff: PackDiff, info_path: Path, shown: Path) -> list[Problem]:
    """RC014 when the changes need a bigger step than the version took (at its line in pack.yml)."""
    needed = diff.required
    taken = step(diff.old_version, diff.new_version)
    if RANK[taken] >= RANK[needed]:
        return []
    try:
        line = line_of(load_with_lines(info_path.read_text(encoding="utf-8")).lines, ("version",))
    except (OSError, yaml.YAMLError):
        line = 1
    why = {"major": "a topic was removed", "minor": "a topic was added", "patch": "topics changed"}[needed or "patch"]
    message = (
        f"version {diff.new_version} must be a {needed} step up from {diff.old_version}: {why} "
        "(see `rolecall content diff`)"
    )
    return [Problem(shown, line, "RC014", message)]
