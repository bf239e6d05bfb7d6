"""How every command reads what a person typed: bounded, trimmed, and told when it was cut."""

from __future__ import annotations

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


def with_notice(reply: Reply, notice: str | None) -> Reply:
    return replies.notice_with(reply, notice) if notice else reply
