"""Checks on any reply RoleCall sends, whichever way it was sent (HTTP, Socket Mode, console)."""

from __future__ import annotations

import json
from typing import Any

MENTION_TOKENS = ("<!channel>", "<!here>", "<!everyone>", "<@U", "<#C", "<!subteam")


def all_text(reply: dict[str, Any]) -> str:
    """The whole reply as one string, so a token hidden in any block is found."""
    return json.dumps(reply, ensure_ascii=False)


def assert_safe(reply: dict[str, Any]) -> None:
    """Nothing a person typed can ping anyone."""
    text = all_text(reply)
    for token in MENTION_TOKENS:
        assert token not in text, f"{token} reached Slack unescaped"


def assert_lookup_card(reply: dict[str, Any], title: str, key: str) -> None:
    """A lookup's card: the title in the fallback text and the header, and Share first."""
    assert reply["text"].startswith(title)
    assert reply["blocks"][0]["type"] == "header"
    assert reply["blocks"][0]["text"]["text"] == title
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["action_id"] == "share" and buttons[0]["value"] == key
