"""What "nothing a person typed can ping anyone" means, checked on any reply RoleCall sends."""

from __future__ import annotations

import json
from typing import Any

MENTION_TOKENS = ("<!channel>", "<!here>", "<!everyone>", "<@U", "<#C", "<!subteam")


def all_text(reply: dict[str, Any]) -> str:
    """The whole reply as one string, so a token hidden in any block is found."""
    return json.dumps(reply, ensure_ascii=False)


def assert_safe(reply: dict[str, Any]) -> None:
    text = all_text(reply)
    for token in MENTION_TOKENS:
        assert token not in text, f"{token} reached Slack unescaped"
