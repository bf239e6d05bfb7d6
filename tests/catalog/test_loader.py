"""The loader: the bundled pack is valid, and every problem code has a sample that raises only it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.catalog import BUNDLED_DIR, ContentError, Pack, load_pack, localize
from bot.catalog.models import RoleText
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
    "RC003": (
        lambda r: _edit(r / "explainers/a-day-as-an-mle.yml", "{kind: role, id: mle}", "{kind: role, id: astronaut}"),
        "explainers/a-day-as-an-mle.yml",
        None,
    ),
    "RC004": (lambda r: (r / "roles/devrel.yml").rename(r / "roles/dev-rel.yml"), "roles/dev-rel.yml", 1),
    "RC005": (
        lambda r: _edit(r / "roles/devrel.yml", "aliases:\n", "aliases:\n  - ML engineer\n"),
        "roles/mle.yml",
        None,
    ),
    "RC006": (lambda r: (r / "pack.yml").unlink(), "pack.yml", 1),
    "RC007": (lambda r: _edit(r / "pack.yml", "  - hardware-bottleneck\n", ""), "pack.yml", None),
    "RC008": (lambda r: _set_languages(r, ["en"]), "explainers/a-day-as-an-mle.yml", None),
}


def _with_persian(root: Path) -> Path:
    """The pack with ``fa`` declared and every topic given a whole (placeholder) Persian text, so
    a sample can break one translation and see only its own code."""
    _set_languages(root, ["en", "fa"])
    for path in sorted(root.glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "fa" in (data.get("translations") or {}):
            continue
        fa: dict[str, object] = {}
        for field, value in data.items():
            if field in ("id", "translations", "aliases", "related", "example"):
                continue
            if isinstance(value, list):
                fa[field] = [_placeholder(item) for item in value]
            else:
                fa[field] = f"{field} {data['id']} به فارسی"
        data["translations"] = {"fa": fa}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _placeholder(item: object) -> object:
    """A list item's stand-in: links and names kept, prose replaced."""
    if not isinstance(item, dict):
        return "مورد"
    return {
        **item,
        **({"how": "تفاوت"} if "how" in item else {}),
        **({"description": "شرح"} if "description" in item else {}),
    }


def _set_languages(root: Path, languages: list[str]) -> None:
    info = yaml.safe_load((root / "pack.yml").read_text(encoding="utf-8"))
    info["languages"] = languages
    (root / "pack.yml").write_text(yaml.safe_dump(info, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _without_translation(root: Path, relative: str) -> None:
    path = _with_persian(root) / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["translations"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _drifting(root: Path, relative: str) -> None:
    path = _with_persian(root) / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["translations"]["fa"]["tools"] = data["translations"]["fa"]["tools"][:1]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


SAMPLES["RC010"] = (lambda r: _without_translation(r, "roles/devrel.yml"), "roles/devrel.yml", 1)
SAMPLES["RC011"] = (lambda r: _drifting(r, "roles/devrel.yml"), "roles/devrel.yml", None)
SAMPLES["RC012"] = (
    lambda r: _edit(r / "roles/devrel.yml", "id: devrel\n", "id: devrel\nid: devrel\n"),
    "roles/devrel.yml",
    2,
)


SAMPLES["RC013"] = (lambda r: _edit(r / "pack.yml", "version: ", "version: 9"), "pack.yml", 2)
SINCE_ONLY = {"RC014"}
"""Codes only ``content validate --since`` reports (see tests/catalog/test_versions.py)."""


def test_the_persian_placeholder_pack_is_valid(tmp_path: Path) -> None:
    assert "fa" in load_pack(_with_persian(_copy(tmp_path))).info.languages


def test_every_code_has_a_sample() -> None:
    assert set(SAMPLES) | SINCE_ONLY == set(CODES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_failing_sample_raises_only_its_code_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    """Paths are shown under the folder as it was named: here ``content``, relative."""
    mutate, where, line = SAMPLES[code]
    root = _copy(tmp_path)
    mutate(root)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as raised:
        load_pack(Path("content"))
    problems = raised.value.problems
    assert {p.code for p in problems} == {code}, [str(p) for p in problems]
    first = problems[0]
    assert str(first.path) == f"content/{where}"
    if line is not None:
        assert first.line == line
    assert str(first).startswith(f"content/{where}:{first.line}: {code} ")


def test_a_name_given_again_is_reported_where_it_comes_again_pointing_at_the_first(tmp_path: Path) -> None:
    """The later file in load order gets the problem; the message says where the name first was,
    so an author who added it to the earlier file still finds the clash."""
    root = _copy(tmp_path)
    SAMPLES["RC005"][0](root)
    first = 1 + (root / "roles/devrel.yml").read_text(encoding="utf-8").splitlines().index("  - ML engineer")
    with pytest.raises(ContentError) as raised:
        load_pack(root)
    (problem,) = raised.value.problems
    assert problem.path == root / "roles/mle.yml"
    assert problem.message.endswith(f"already belongs to role devrel ({root / 'roles/devrel.yml'}:{first})")


def test_each_repeated_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root / "roles/devrel.yml", "id: devrel\n", "id: devrel\ntitle: One\ntitle: Two\n")
    with pytest.raises(ContentError) as raised:
        load_pack(root)
    assert [(p.code, p.line) for p in raised.value.problems if p.code == "RC012"] == [("RC012", 3), ("RC012", 4)]


def test_a_missing_pack_folder_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_pack(tmp_path / "nowhere")
    (problem,) = raised.value.problems
    assert problem.code == "RC006" and "ROLECALL_CONTENT_DIR" in problem.message


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


def test_translation_overlays_english() -> None:
    english = load_pack(BUNDLED_DIR).roles["devrel"]
    role = english.model_copy(update={"translations": {"fa": RoleText(title="روابط توسعه‌دهندگان")}})
    assert localize(role, "fa").title == "روابط توسعه‌دهندگان"
    assert localize(role, "fa").summary == role.summary
    assert localize(role, "en") is role
