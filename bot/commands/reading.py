"""How every command reads what a person typed: bounded, trimmed, and told when it was cut."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.messages import Messages
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import unescape

MAX_INPUT = 500
"""Characters of a command read; the rest is ignored and the person is told so."""

HELP_WORDS = frozenset({"help", "?", "-h", "--help", "usage"})


def read(typed: str, say: Messages) -> tuple[str, str | None]:
    """The part of the input we act on, and a notice if it had to be cut. Slack sends a
    command's ``&``, ``<`` and ``>`` as entities; they are decoded here once, so that what is
    quoted back is escaped exactly once."""
    text = unescape(typed).strip()
    if len(text) > MAX_INPUT:
        return text[:MAX_INPUT], say.input_truncated(MAX_INPUT)
    return text, None


ACK_BUDGET = 2.0
"""Seconds a reply inside Slack's 3-second ack may spend on the database before it gives up."""


async def in_time(work: Callable[[], Reply], late: Callable[[], Reply], seconds: float = ACK_BUDGET) -> Reply:
    """``work()`` on a thread, or ``late()`` if it has not finished within ``seconds``: a slow or
    hung database must not make Slack show the person "dispatch_failed". The work still
    finishes (or times out) on its thread; its result is dropped."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(work), seconds)
    except TimeoutError:
        return late()


def with_notice(reply: Reply, notice: str | None) -> Reply:
    return replies.notice_with(reply, notice) if notice else reply
