"""Warnings: each W-code has a case that raises it, and warnings never stop a pack loading."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from bot.catalog import BUNDLED_DIR, Pack, load_pack
from bot.catalog.models import Role
from bot.catalog.warnings import LONG_SUMMARY, WARNINGS, Located, check_warnings
from bot.catalog.yaml_lines import Location


def _codes(pack: Pack) -> list[tuple[str, str, Location]]:
    found: list[tuple[str, str, Location]] = []

    def report(path: Path, where: Location, code: str, message: str) -> None:
        found.append((code, path.name, where))

    def located(table: dict[str, object]) -> Located:
        return [(Path(f"{tid}.yml"), topic) for tid, topic in table.items()]  # type: ignore[misc]

    check_warnings(report, located(pack.roles), located(pack.teams), located(pack.explainers))  # type: ignore[arg-type]
    return found


def _with(pack: Pack, role_id: str, role: Role) -> Pack:
    return replace(pack, roles={**pack.roles, role_id: role})


def _role(pack: Pack, role_id: str, **update: object) -> Pack:
    return _with(pack, role_id, pack.roles[role_id].model_copy(update=update))


def test_every_warning_code_has_a_case(pack: Pack) -> None:
    baseline = set(_codes(pack))
    cases = {
        "W001": _role(pack, "devrel", summary="x" * (LONG_SUMMARY + 1)),
        "W002": _with(
            pack,
            "astronaut",
            pack.roles["devrel"].model_copy(
                update={"id": "astronaut", "title": "Astronaut", "aliases": [], "asks": [], "translations": {}}
            ),
        ),
        "W003": _role(pack, "devrel", aliases=["data"]),
        "W004": _role(
            _role(pack, "devrel", asks=["Who writes the SDK docs?"]), "data-analyst", asks=["who writes the sdk docs"]
        ),
    }
    assert set(cases) == set(WARNINGS)
    for code, case in cases.items():
        new = set(_codes(case)) - baseline
        assert new and {c for c, _, _ in new} == {code}, (code, new)


def test_warnings_are_kept_apart_from_errors_and_carry_path_and_line(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BUNDLED_DIR, root)
    card = root / "roles/devrel.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("aliases:\n", "aliases:\n  - data\n", 1))
    pack = load_pack(root)  # loads: a warning is not an error
    (shadow,) = [w for w in pack.warnings if w.code == "W003" and w.path == card]
    assert card.read_text(encoding="utf-8").splitlines()[shadow.line - 1] == "  - data"
    assert str(shadow).startswith(f"{card}:{shadow.line}: W003 alias 'data' is part of")
