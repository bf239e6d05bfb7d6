"""Every card of the bundled pack renders through slack_sdk within Block Kit's limits."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block

from bot.catalog import Pack
from bot.messages import English
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply

EN = English()

MESSAGE_CHARS = 12_000
"""Slack rejects messages of roughly 13k characters of blocks with msg_blocks_too_long."""


def _check(reply: Reply, max_blocks: int = 50) -> None:
    assert reply.text.strip()
    assert 0 < len(reply.blocks) <= max_blocks
    for block in reply.blocks:
        Block.parse(block).to_dict()  # type: ignore[union-attr]  # re-validates every limit
    assert len(json.dumps(reply.blocks, ensure_ascii=False)) < MESSAGE_CHARS


def test_every_card_renders_in_every_variant(snap: Snapshot) -> None:
    text = EN
    for key, card in snap.cards.items():
        _check(replies.lookup(card, snap.pack, text, notice="Did you mean *x*?"))
        _check(replies.shared(card, snap.pack, text, "U123"))
        _check(replies.public(card, snap.pack, text))
        assert card.key == key and card.body[0]["type"] == "header"


def test_lists_overview_home_and_compare_render(snap: Snapshot, pack: Pack) -> None:
    _check(snap.roles_list)
    _check(snap.teams_overview)
    assert len(snap.home["blocks"]) <= 100  # type: ignore[arg-type]
    for left in pack.roles.values():
        for right in pack.roles.values():
            if left.id != right.id:
                _check(replies.compare(left, right, pack, EN))
