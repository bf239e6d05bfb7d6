"""Versions that mean something: the step a version takes must match what changed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.catalog import BUNDLED_DIR, Pack, load_pack
from bot.catalog.diff import diff_packs, render_text
from bot.catalog.versions import check_since, step, version_key


def test_version_order_is_semver() -> None:
    assert version_key("1.10.0") > version_key("1.9.3")
    assert version_key("2.0.0-rc.1") < version_key("2.0.0")
    assert [step("1.3.0", v) for v in ("2.0.0", "1.4.0", "1.3.1", "1.3.0", "1.2.9")] == [
        "major",
        "minor",
        "patch",
        None,
        None,
    ]


def released(root: Path, version: str) -> None:
    info = root / "pack.yml"
    text = info.read_text(encoding="utf-8")
    old = text.split("version: ", 1)[1].split("\n", 1)[0]
    text = text.replace(f"version: {old}\n", f"version: {version}\n", 1)
    text = text.replace(
        "changelog:\n", f"changelog:\n  - version: {version}\n    date: 2026-12-01\n    changes: [x]\n", 1
    )
    info.write_text(text, encoding="utf-8")


def _copy(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(BUNDLED_DIR, root)
    return root


def _summary(root: Path, text: str) -> None:
    card = root / "roles/mle.yml"
    lines = card.read_text(encoding="utf-8").splitlines(keepends=True)
    card.write_text("".join(f"summary: {text}\n" if line.startswith("summary:") else line for line in lines))


@pytest.mark.parametrize(("version", "ok"), [("1.3.1", True), ("1.4.0", True), ("2.0.0", True), ("1.3.0", False)])
def test_a_text_edit_needs_a_patch_step(tmp_path: Path, pack: Pack, version: str, ok: bool) -> None:
    new = _copy(tmp_path, "new")
    _summary(new, "Edited.")
    if version != pack.version:
        released(new, version)
    diff = diff_packs(pack, load_pack(new))
    assert diff.required == "patch"
    problems = check_since(diff, new / "pack.yml", Path("content/pack.yml"))
    assert (problems == []) is ok
    if not ok:
        (problem,) = problems
        assert str(problem).startswith("content/pack.yml:2: RC014 version 1.3.0 must be a patch step up")


def _versioned(pack: Pack, version: str, **tables: object) -> Pack:
    return replace(pack, info=pack.info.model_copy(update={"version": version}), **tables)  # type: ignore[arg-type]


def test_a_new_topic_needs_a_minor_step_and_a_removed_one_a_major(pack: Pack) -> None:
    twin = pack.roles["devrel"].model_copy(update={"id": "devrel-two", "title": "Other devrel"})
    added = diff_packs(pack, _versioned(pack, "1.3.1", roles={**pack.roles, "devrel-two": twin}))
    assert added.required == "minor" and [r.id for r in added.added] == ["devrel-two"]
    assert check_since(added, BUNDLED_DIR / "pack.yml", Path("pack.yml"))[0].code == "RC014"
    removed = diff_packs(pack, _versioned(pack, "1.4.0", roles={k: v for k, v in pack.roles.items() if k != "devrel"}))
    assert removed.required == "major" and [r.id for r in removed.removed] == ["devrel"]
    assert "a major step up" in check_since(removed, BUNDLED_DIR / "pack.yml", Path("pack.yml"))[0].message
    assert check_since(diff_packs(pack, _versioned(pack, "2.0.0", roles={})), BUNDLED_DIR / "pack.yml", Path("p")) == []


def test_the_diff_names_each_changed_field_per_language(pack: Pack) -> None:
    mle = pack.roles["mle"]
    fa = mle.translations["fa"].model_copy(update={"aliases": [*mle.translations["fa"].aliases, "ام ال ای تازه"]})
    edited = mle.model_copy(update={"summary": "Edited.", "translations": {"fa": fa}})
    diff = diff_packs(pack, _versioned(pack, "1.3.1", roles={**pack.roles, "mle": edited}))
    (topic,) = diff.changed
    assert [(c.field, c.language) for c in topic.changes] == [("summary", "en"), ("aliases", "fa")]
    text = render_text(diff)
    assert "~ role mle (Machine learning engineer)" in text
    assert "  summary [en]\n    - Builds ML models" in text and "    + Edited." in text
    assert "  aliases [fa]\n    + ام ال ای تازه" in text
    assert diff.as_json()["required_bump"] == "patch"


def test_no_change_is_no_step(pack: Pack) -> None:
    diff = diff_packs(pack, pack)
    assert diff.required is None and "no topic changed" in render_text(diff)
