"""Every card of the bundled pack renders through slack_sdk within Block Kit's limits."""

from __future__ import annotations

import json
import re

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


def test_every_card_renders_in_every_variant(any_snap: Snapshot) -> None:
    snap, text = any_snap, any_snap.text
    for key, card in snap.cards.items():
        _check(replies.lookup(card, snap.pack, text, notice=text.did_you_mean("x", card.title)))
        _check(replies.shared(card, snap.pack, text, "U123"))
        _check(replies.public(card, snap.pack, text))
        assert card.key == key and card.body[0]["type"] == "header"


def test_lists_overview_home_and_compare_render(any_snap: Snapshot, pack: Pack) -> None:
    snap = any_snap
    _check(snap.roles_list)
    _check(snap.teams_overview)
    assert len(snap.home["blocks"]) <= 100  # type: ignore[arg-type]
    for left in pack.roles:
        for right in pack.roles:
            if left != right:
                _check(replies.compare(snap.role(left), snap.role(right), pack, snap.text))


def test_a_persian_card_speaks_only_persian(persian_snap: Snapshot) -> None:
    """No reply mixes languages: apart from names, commands and code, a Persian card holds no
    English sentence (a forgotten heading or list item would show as a run of English words)."""
    for card in persian_snap.cards.values():
        reply = replies.lookup(card, persian_snap.pack, persian_snap.text)
        prose = re.sub(r"`[^`]*`|<[^>]*>|\([^)]*\)", " ", json.dumps([reply.text, reply.blocks], ensure_ascii=False))
        english_runs = re.findall(r"(?:\b[A-Za-z]{3,}\b[ ,]+){4,}", prose)
        assert not [run for run in english_runs if "type" not in run and "text" not in run], (card.key, english_runs)
