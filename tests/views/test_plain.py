"""Replies as plain text, for the console."""

from __future__ import annotations

from bot.messages import English
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.plain import to_text
from tests.conftest import PACK_VERSION

EN = English()


def test_plain_text_rendering_reads_like_the_card(snap: Snapshot) -> None:
    text = to_text(replies.lookup(snap.card("role", "mle"), snap.pack, EN).blocks)
    assert text.startswith("Machine learning engineer\n=====")
    assert "[Share in channel]" in text and f"Content pack rolecall-core v{PACK_VERSION}" in text
