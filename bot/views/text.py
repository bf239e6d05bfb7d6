"""Escaping and trimming for text that reaches Slack, and reading the text Slack sends.

Slack reads ``<…>`` as mentions and links, so anything a person typed (and anything an
author wrote) goes through ``escape`` before it is sent; nothing here ever produces a
mention except ``Messages.shared_by``, which takes a user id Slack itself supplied.
Text arrives from Slack already escaped and marked up (``&lt;``, ``<@U…>``, ``<url|label>``):
``from_slack`` turns it back into what the person typed, so it is escaped exactly once on
the way out.
"""

from __future__ import annotations

import re

ECHO_LIMIT = 80

SLACK_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
"""``<@U1>``, ``<#C1|general>``, ``<!here>``, ``<https://x.test|x.test>``. Neither part may
contain ``<``, so each match stops at the next ``<`` and a hostile ``<@<@<@…`` costs linear time."""
LINKABLE = re.compile(r"(?<=[.:@])(?=[\w/])")
"""Where Slack's server-side URL detection would see a domain, a scheme or an address."""
ZERO_WIDTH_SPACE = "\u200b"


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo ``escape``: ``&amp;`` last, so ``&amp;lt;`` becomes ``&lt;`` as typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def from_slack(text: str) -> str:
    """What a person typed, from message text as Slack delivers it: mentions of people,
    channels and groups dropped, links shown as the text that was typed, entities decoded."""

    def typed(markup: re.Match[str]) -> str:
        target, label = markup.group(1), markup.group(2)
        return " " if target[:1] in ("@", "#", "!", "") else label or target

    return unescape(SLACK_MARKUP.sub(typed, text))


def unlink(text: str) -> str:
    """Text Slack will not turn into links: a zero-width space after each dot, colon or @
    that joins a URL, domain or address (invisible to the reader)."""
    return LINKABLE.sub(ZERO_WIDTH_SPACE, text)


def fit(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut; limits are Slack's hard walls."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def echo(typed: str, limit: int = ECHO_LIMIT) -> str:
    """What a person typed, made safe to quote back: one line, short, escaped, never a link,
    never empty (an ellipsis stands for nothing typed, in every language)."""
    one_line = re.sub(r"\s+", " ", typed).strip()
    safe = unlink(escape(fit(one_line, limit)))
    return safe or "…"


def bullets(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)
