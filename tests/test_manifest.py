"""``manifest.yml`` is valid for Slack and declares exactly what the listeners handle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

import handlers

ROOT = Path(__file__).resolve().parent.parent


def _manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return loaded


def test_manifest_matches_slack_schema() -> None:
    schema = json.loads((Path(__file__).parent / "data/manifest.schema.1.0.0.json").read_text())
    jsonschema.validate(_manifest(), schema)


def test_manifest_declares_exactly_the_handled_commands_and_events() -> None:
    manifest = _manifest()
    assert sorted(c["command"] for c in manifest["features"]["slash_commands"]) == sorted(handlers.COMMANDS)
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(handlers.EVENTS)


def test_manifest_asks_only_for_the_scopes_it_uses() -> None:
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    assert scopes == set(handlers.SCOPES)
