"""Layered packs: an overlay adds topics and overrides fields of bundled ones without forking
them; problems point into the layer at fault, and cards show the versions they came from."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.catalog import BUNDLED_DIR, ContentError, Pack, load_pack
from bot.snapshot import build_snapshot

HOUSE_INFO = (
    "id: acme\nversion: 0.2.0\nchangelog:\n  - version: 0.2.0\n    date: 2026-12-01\n    changes: [Our teams.]\n"
)
HOUSE_MLE = """id: mle
aliases:
  - model shipper
asks:
  - who deploys our models?
translations:
  fa:
    aliases:
      - مدل‌رسان
"""
HOUSE_PLATFORM = """id: platform
our_teams:
  - name: Acme ML Platform
    description: Runs Acme's training cluster and model registry.
    channel: "#acme-ml-platform"
translations:
  fa:
    our_teams:
      - name: پلتفرم یادگیری ماشین اکمی
        description: خوشهٔ آموزش و رجیستری مدل‌های اکمی را اداره می‌کند.
        channel: "#acme-ml-platform"
"""


def _house_role() -> str:
    data = yaml.safe_load((BUNDLED_DIR / "roles/devrel.yml").read_text(encoding="utf-8"))
    data.update(id="prompt-engineer", title="Prompt engineer", aliases=[], asks=[])
    data["translations"]["fa"].update(title="مهندس پرامپت", aliases=[], asks=[])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def overlay(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "house"
    for name, text in {"pack.yml": HOUSE_INFO, "roles/mle.yml": HOUSE_MLE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_an_overlay_adds_to_aliases_and_asks_replaces_fields_and_adds_topics(tmp_path: Path, pack: Pack) -> None:
    house = overlay(tmp_path, **{"teams/platform.yml": HOUSE_PLATFORM, "roles/prompt-engineer.yml": _house_role()})
    layered = load_pack([BUNDLED_DIR, house])
    mle = layered.roles["mle"]
    assert mle.aliases == [*pack.roles["mle"].aliases, "model shipper"]
    assert mle.asks[-1] == "who deploys our models?"
    assert mle.translations["fa"].aliases[-1] == "مدل‌رسان"
    assert mle.translations["fa"].summary == pack.roles["mle"].translations["fa"].summary
    assert [t.name for t in layered.teams["platform"].our_teams] == ["Acme ML Platform"]
    assert "prompt-engineer" in layered.roles
    assert layered.version == f"{pack.version} + acme 0.2.0"
    assert layered.version_of("role:mle") == f"{pack.version} + acme 0.2.0"
    assert layered.version_of("role:devrel") == pack.version
    assert layered.version_of("role:prompt-engineer") == "acme 0.2.0"


def test_every_card_shows_the_versions_it_came_from(tmp_path: Path, pack: Pack) -> None:
    snap = build_snapshot(load_pack([BUNDLED_DIR, overlay(tmp_path)]))
    assert f"v{pack.version} + acme 0.2.0" in str(snap.card("role", "mle").footer)
    assert f"v{pack.version} + acme" not in str(snap.card("role", "devrel").footer)
    assert snap.roles.resolve("model shipper").topic_id == "mle"


def _problems(layers: list[Path]) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_pack(layers)
    return [str(p) for p in raised.value.problems]


def test_problems_point_into_the_layer_that_gave_the_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    overlay(tmp_path, **{"roles/mle.yml": HOUSE_MLE + "summary: " + "x" * 301 + "\n"})
    assert _problems([BUNDLED_DIR, Path("house")]) == [
        "house/roles/mle.yml:10: RC002 summary: String should have at most 300 characters"
    ]
    clash = HOUSE_MLE.replace("  - model shipper\n", "  - model shipper\n  - Developer relations engineer\n")
    overlay(tmp_path, **{"roles/mle.yml": clash})
    (problem,) = _problems([BUNDLED_DIR, Path("house")])
    assert problem.startswith("house/roles/mle.yml:4: RC005 name 'Developer relations engineer' already belongs")


def test_an_overlay_needs_its_own_pack_yml_with_a_matching_changelog(tmp_path: Path) -> None:
    house = overlay(tmp_path)
    (house / "pack.yml").unlink()
    assert _problems([BUNDLED_DIR, house]) == [f"{house}/pack.yml:1: RC006 missing pack.yml (an overlay's own)"]
    (house / "pack.yml").write_text(HOUSE_INFO.replace("version: 0.2.0\n", "version: 0.3.0\n", 1))
    (problem,) = _problems([BUNDLED_DIR, house])
    assert problem.startswith(f"{house}/pack.yml:2: RC013 version 0.3.0 is not the newest changelog entry")
