"""Every card of the bundled pack renders through slack_sdk within Block Kit's limits."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import Block

from bot import messages
from bot.catalog import Pack
from bot.commands.buttons import card_for_key, shared_for_key
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.plain import to_text
from bot.views.reply import Reply
from bot.views.text import echo, escape, fit
from tests.conftest import PACK_VERSION

MESSAGE_CHARS = 12_000
"""Slack rejects messages of roughly 13k characters of blocks with msg_blocks_too_long."""


def _check(reply: Reply, max_blocks: int = 50) -> None:
    assert reply.text.strip()
    assert 0 < len(reply.blocks) <= max_blocks
    for block in reply.blocks:
        Block.parse(block).to_dict()  # type: ignore[union-attr]  # re-validates every limit
    assert len(json.dumps(reply.blocks, ensure_ascii=False)) < MESSAGE_CHARS


def test_every_card_renders_in_every_variant(snap: Snapshot) -> None:
    text = messages.en
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
                _check(replies.compare(left, right, pack, messages.en))


def test_button_values_map_back_to_cards(snap: Snapshot) -> None:
    for key in [*snap.cards, "teams:overview"]:
        assert card_for_key(snap, key) is not None
        assert shared_for_key(snap, key, "U1") is not None
    assert card_for_key(snap, "role:nope") is None and shared_for_key(snap, "junk", "U1") is None


def test_footer_shows_pack_version_on_every_card(snap: Snapshot) -> None:
    for card in snap.cards.values():
        footer = replies.lookup(card, snap.pack, messages.en).blocks[-1]
        assert footer["elements"][0]["text"] == f"Content pack rolecall-core v{PACK_VERSION}"


def test_role_and_team_cards_show_their_other_names_and_how_to_ask(snap: Snapshot) -> None:
    for key, card in snap.cards.items():
        kind, topic_id = key.split(":")
        if kind == "explainer":
            continue
        topic = snap.pack.topic(kind, topic_id)  # type: ignore[arg-type]
        assert topic is not None
        (names,) = (b["elements"][0]["text"] for b in card.body if b["type"] == "context")
        command = "/role" if kind == "role" else "/teams"
        assert names.endswith(f"`{command} {topic_id}`")
        for alias in topic.aliases:
            assert (alias in names) != (alias.casefold() == topic.title.casefold()), (key, alias)
    mle = next(b for b in snap.cards["role:mle"].body if b["type"] == "context")["elements"][0]["text"]
    assert mle.startswith("Also called ML engineer, MLE")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("<!channel>", "&lt;!channel&gt;"), ("a & b", "a &amp; b"), ("  many\n\nlines ", "many lines"), ("", "(nothing)")],
)
def test_echo_escapes_and_tidies(typed: str, shown: str) -> None:
    assert echo(typed) == shown


def test_fit_and_escape() -> None:
    assert fit("abcdef", 4) == "abc…" and fit("abc", 4) == "abc"
    assert escape("<@U1>") == "&lt;@U1&gt;"
    assert len(echo("x" * 10_000)) <= 80


def test_plain_text_rendering_reads_like_the_card(snap: Snapshot) -> None:
    text = to_text(replies.lookup(snap.card("role", "mle"), snap.pack, messages.en).blocks)
    assert text.startswith("Machine learning engineer\n=====")
    assert "[Share in channel]" in text and f"Content pack rolecall-core v{PACK_VERSION}" in text
