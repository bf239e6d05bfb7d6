"""What every card of the bundled pack shows: the pack version, and other names with how to ask."""

from __future__ import annotations

from bot.messages import English
from bot.snapshot import Snapshot
from bot.views import replies
from tests.conftest import PACK_VERSION

EN = English()


def test_footer_shows_pack_version_on_every_card(snap: Snapshot) -> None:
    for card in snap.cards.values():
        footer = replies.lookup(card, snap.pack, EN).blocks[-1]
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
