"""The authoring loop as a content author runs it: diff, validate --since, show."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

from bot.catalog import BUNDLED_DIR, load_pack
from bot.snapshot import build_snapshot
from tests.catalog.test_overlays import overlay
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


def test_show_prints_the_card_slack_receives_and_a_builder_link() -> None:
    expected = build_snapshot(load_pack(BUNDLED_DIR), "fa").lookups["role:mle"]
    as_json = rolecall("content", "show", "role", "mle", "--lang", "fa", "--format", "json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == json.loads(expected.ephemeral_json)
    (link,) = [line for line in as_json.stderr.splitlines() if line.startswith("Block Kit Builder: ")]
    fragment = link.split("#", 1)[1]
    assert json.loads(unquote(fragment)) == {"blocks": expected.blocks}
    blocks = json.loads(rolecall("content", "show", "role", "mle", "--format", "blocks").stdout)
    assert blocks["blocks"][0]["type"] == "header"
    text = rolecall("content", "show", "team", "platform").stdout
    assert text.splitlines()[1].startswith("====") and f"v{PACK_VERSION}" in text
    unknown = rolecall("content", "show", "role", "astronaut")
    assert unknown.returncode == 2 and "no role with id 'astronaut'" in unknown.stderr and "mle" in unknown.stderr


def test_warnings_are_printed_apart_and_fail_only_with_strict(tmp_path: Path) -> None:
    root = tmp_path / "warned"
    shutil.copytree(BUNDLED_DIR, root)
    card = root / "roles/devrel.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("aliases:\n", "aliases:\n  - data\n", 1))
    lenient = rolecall("content", "validate", str(root))
    assert lenient.returncode == 0 and "warning(s)" in lenient.stdout
    assert any(line.startswith(f"{card}:") and " W003 alias 'data'" in line for line in lenient.stderr.splitlines())
    strict = rolecall("content", "validate", str(root), "--strict")
    assert strict.returncode == 1 and "--strict counts them as problems" in strict.stderr


def test_content_dir_may_name_the_bundled_pack_and_overlays(tmp_path: Path) -> None:
    house = overlay(tmp_path)
    layered = f"{BUNDLED_DIR}{os.pathsep}{house}"
    done = rolecall("content", "validate", env={"ROLECALL_CONTENT_DIR": layered})
    assert done.returncode == 0 and f"v{PACK_VERSION} + acme 0.2.0" in done.stdout
    card = rolecall("content", "show", "role", "mle", env={"ROLECALL_CONTENT_DIR": layered}).stdout
    assert "model shipper" in card and f"v{PACK_VERSION} + acme 0.2.0" in card
