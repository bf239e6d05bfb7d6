"""The loader: the bundled pack is valid, and every problem code has a sample that raises only it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.catalog import BUNDLED_DIR, ContentError, Pack, load_pack, localize
from bot.catalog.problems import CODES

ROLE_IDS = {
    "mle",
    "data-scientist",
    "ml-platform-engineer",
    "ml-hardware-engineer",
    "ml-solutions-architect",
    "devrel",
    "data-engineer",
    "data-analyst",
}


def test_bundled_pack_has_the_contract_ids(pack: Pack) -> None:
    assert set(pack.roles) == ROLE_IDS
    assert list(pack.teams) == ["embedded", "consultancy", "platform"]
    assert len(pack.explainers) >= 8
    assert all(len(team.our_teams) >= 1 and team.our_teams[0].example for team in pack.teams.values())


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BUNDLED_DIR, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"sample is stale: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


Mutation = Callable[[Path], object]

SAMPLES: dict[str, tuple[Mutation, str, int | None]] = {
    "RC001": (lambda r: (r / "roles/mle.yml").write_text("id: mle\ntitle: x\n  bad: indent\n"), "roles/mle.yml", 3),
    "RC002": (
        lambda r: _edit(r / "roles/devrel.yml", "id: devrel\n", "id: devrel\ncolour: blue\n"),
        "roles/devrel.yml",
        2,
    ),
    "RC003": (lambda r: _edit(r / "roles/mle.yml", "role: data-scientist", "role: astronaut"), "roles/mle.yml", None),
    "RC004": (lambda r: (r / "roles/devrel.yml").rename(r / "roles/dev-rel.yml"), "roles/dev-rel.yml", 1),
    "RC005": (
        lambda r: _edit(r / "roles/devrel.yml", "aliases:\n", "aliases:\n  - ML engineer\n"),
        "roles/mle.yml",
        None,
    ),
    "RC006": (lambda r: (r / "pack.yml").unlink(), "pack.yml", 1),
    "RC007": (lambda r: _edit(r / "pack.yml", "  - hardware-bottleneck\n", ""), "pack.yml", None),
    "RC008": (
        lambda r: _edit(r / "roles/devrel.yml", "id: devrel\n", "id: devrel\ntranslations:\n  fa:\n    title: x\n"),
        "roles/devrel.yml",
        3,
    ),
}


def test_every_code_has_a_sample() -> None:
    assert set(SAMPLES) == set(CODES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_failing_sample_raises_only_its_code_with_file_and_line(tmp_path: Path, code: str) -> None:
    mutate, where, line = SAMPLES[code]
    root = _copy(tmp_path)
    mutate(root)
    with pytest.raises(ContentError) as raised:
        load_pack(root)
    problems = raised.value.problems
    assert {p.code for p in problems} == {code}, [str(p) for p in problems]
    first = problems[0]
    assert str(first.path) == f"content/{where}"
    if line is not None:
        assert first.line == line
    assert str(first).startswith(f"content/{where}:{first.line}: {code} ")


def test_missing_field_points_at_its_parent_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "teams/platform.yml").write_text("id: platform\ntitle: Platform\n")
    with pytest.raises(ContentError) as raised:
        load_pack(root)
    messages = [str(p) for p in raised.value.problems]
    assert any("summary: Field required" in m and ":1: RC002" in m for m in messages)
    assert len(messages) >= 4, "every missing field is reported, not just the first"


def test_pack_with_many_problems_reports_all_of_them_sorted(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    SAMPLES["RC003"][0](root)
    SAMPLES["RC002"][0](root)
    with pytest.raises(ContentError) as raised:
        load_pack(root)
    problems = raised.value.problems
    assert {p.code for p in problems} == {"RC002", "RC003"}
    assert problems == sorted(problems)


def test_translation_overlays_english(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root / "pack.yml", "languages: [en]", "languages: [en, fa]")
    _edit(
        root / "roles/devrel.yml", "id: devrel\n", "id: devrel\ntranslations:\n  fa:\n    title: روابط توسعه‌دهندگان\n"
    )
    role = load_pack(root).roles["devrel"]
    assert localize(role, "fa").title == "روابط توسعه‌دهندگان"
    assert localize(role, "fa").summary == role.summary
    assert localize(role, "en") is role
