"""Escaping and trimming for text that reaches Slack.

Slack reads ``<…>`` as mentions and links, so anything a person typed (and anything an
author wrote) goes through ``escape`` before it is sent; nothing here ever produces a
mention except ``Messages.shared_by``, which takes a user id Slack itself supplied.
"""

from __future__ import annotations

import re

ECHO_LIMIT = 80


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut; limits are Slack's hard walls."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def echo(typed: str, limit: int = ECHO_LIMIT) -> str:
    """What a person typed, made safe to quote back: one line, short, escaped, never empty
    (an ellipsis stands for nothing typed, in every language)."""
    one_line = re.sub(r"\s+", " ", typed).strip()
    safe = escape(fit(one_line, limit))
    return safe or "…"


def bullets(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)
