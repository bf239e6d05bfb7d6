"""A declared translation is checked against the English: present, whole, and the same shape."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog import BUNDLED_DIR, ContentError, load_pack


def _pack(tmp_path: Path, languages: list[str]) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BUNDLED_DIR, root)
    info = yaml.safe_load((root / "pack.yml").read_text(encoding="utf-8"))
    info["languages"] = languages
    (root / "pack.yml").write_text(yaml.safe_dump(info, allow_unicode=True), encoding="utf-8")
    return root


def _translate(root: Path, relative: str, fa: dict[str, object]) -> None:
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["translations"] = {"fa": fa}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    """As ``rolecall content validate content`` prints them from the pack's parent folder."""
    with contextlib.chdir(root.parent), pytest.raises(ContentError) as caught:
        load_pack(Path(root.name))
    return [str(problem) for problem in caught.value.problems]


def _whole_role(role_id: str) -> dict[str, object]:
    """A complete (if not very Persian) translation of a bundled role, to break one piece at a time."""
    role = load_pack(BUNDLED_DIR).roles[role_id]
    return {
        "title": "عنوان",
        "summary": "خلاصه",
        "what_they_do": "شرح",
        "skills": ["مهارت"] * len(role.skills),
        "tools": ["ابزار"] * len(role.tools),
        "background": "پیشینه",
        "differs_from": [{"role": n.role, "how": "تفاوت"} for n in role.differs_from],
        "works_with": ["همکار"] * len(role.works_with),
        "aliases": ["نام دیگر"],
    }


def test_a_declared_language_every_topic_lacks_is_reported_once_per_topic(tmp_path: Path) -> None:
    root = _pack(tmp_path, ["en", "fa"])
    for path in root.glob("*/*.yml"):
        if path.name != "pack.yml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data.pop("translations", None)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = _problems(root)
    pack = load_pack(BUNDLED_DIR)
    assert len(problems) == len(pack.roles) + len(pack.teams) + len(pack.explainers)
    assert all("RC010 no 'fa' translation" in p and p.startswith("content/") for p in problems)


def test_a_missing_field_and_a_short_list_are_named_with_their_line(tmp_path: Path) -> None:
    root = _pack(tmp_path, ["en", "fa"])
    fa = _whole_role("mle")
    del fa["background"]
    fa["skills"] = ["فقط یکی"]
    _translate(root, "roles/mle.yml", fa)
    problems = [p for p in _problems(root) if p.startswith("content/roles/mle.yml")]
    assert any("RC010 the 'fa' translation lacks background" in p for p in problems)
    assert any("RC011 skills has 1 item(s) in 'fa' but" in p for p in problems)
    assert all(":1: " not in p for p in problems), "a problem inside the translation points at its line"


@pytest.mark.parametrize(
    ("linked", "problem"),
    [
        ("devrel", "RC011 differs_from links to 'devrel' in 'fa' where English links to"),
        ("astronaut", "RC003 no role with id 'astronaut'"),
    ],
)
def test_a_translation_linking_elsewhere_than_the_english_is_reported(
    tmp_path: Path, linked: str, problem: str
) -> None:
    root = _pack(tmp_path, ["en", "fa"])
    fa = _whole_role("mle")
    links = fa["differs_from"]
    assert isinstance(links, list)
    links[0] = {"role": linked, "how": "تفاوت"}
    _translate(root, "roles/mle.yml", fa)
    problems = [p for p in _problems(root) if p.startswith("content/roles/mle.yml")]
    assert any(problem in p for p in problems), problems


def test_a_persian_alias_two_topics_share_is_a_duplicate(tmp_path: Path) -> None:
    root = _pack(tmp_path, ["en"])
    info = yaml.safe_load((root / "pack.yml").read_text(encoding="utf-8"))
    info["languages"] = ["en", "fa"]
    for relative in ("roles/mle.yml", "roles/devrel.yml"):
        role_id = Path(relative).stem
        fa = _whole_role(role_id)
        fa["aliases"] = ["نام مشترک"]
        fa["title"] = f"عنوان {role_id}"
        _translate(root, relative, fa)
    problems = _problems(root)
    assert any("RC005" in p and "نام مشترک" in p for p in problems)
