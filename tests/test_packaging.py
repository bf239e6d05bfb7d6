"""A fresh machine installs what the suite was tested with, and no next major version slips in."""

from __future__ import annotations

import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
DEV = [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]
CONSTRAINED = "-c constraints.txt"


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==") for line in lines if line.strip() and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


@pytest.mark.parametrize("requirement", RUNTIME, ids=str)
def test_every_runtime_dependency_stops_before_a_version_that_could_break_it(requirement: Requirement) -> None:
    assert any(spec.operator == "<" for spec in requirement.specifier), requirement


@pytest.mark.parametrize("requirement", RUNTIME + DEV, ids=str)
def test_constraints_pin_every_dependency_within_its_bounds(requirement: Requirement) -> None:
    pinned = _pins().get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not in constraints.txt"
    assert requirement.specifier.contains(pinned, prereleases=True), (requirement, pinned)


@pytest.mark.parametrize("path", [".ci/run", "README.md", "Dockerfile"])
def test_installs_use_the_constraints(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    installs = [line for line in text.splitlines() if "pip install" in line and " -e " in line]
    assert installs and all(CONSTRAINED in line for line in installs), installs
