"""The authoring loop as a content author runs it: diff, validate --since, show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot.catalog import BUNDLED_DIR
from tests.catalog.test_versions import released
from tests.conftest import PACK_VERSION
from tests.e2e.conftest import rolecall


def _edited(tmp_path: Path) -> Path:
    root = tmp_path / "new"
    shutil.copytree(BUNDLED_DIR, root)
    card = root / "roles/mle.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("summary: Builds", "summary: Now builds", 1))
    return root


def test_validate_since_fails_until_the_version_steps_up(tmp_path: Path) -> None:
    new = _edited(tmp_path)
    same = rolecall("content", "validate", str(new), "--since", str(BUNDLED_DIR))
    assert same.returncode == 1
    assert f"{new}/pack.yml:2: RC014 version {PACK_VERSION} must be a patch step up" in same.stderr
    released(new, "9.0.0")
    assert rolecall("content", "validate", str(new), "--since", str(BUNDLED_DIR)).returncode == 0


def test_diff_prints_text_and_json(tmp_path: Path) -> None:
    new = _edited(tmp_path)
    text = rolecall("content", "diff", str(BUNDLED_DIR), str(new))
    assert text.returncode == 0
    assert "~ role mle (Machine learning engineer)\n  summary [en]\n    - Builds ML models" in text.stdout
    data = json.loads(rolecall("content", "diff", str(BUNDLED_DIR), str(new), "--format", "json").stdout)
    assert data["required_bump"] == "patch"
    assert [(c["id"], [f["field"] for f in c["changes"]]) for c in data["changed"]] == [("mle", ["summary"])]
