"""Button values map back to the cards they open or share; anything else maps to nothing."""

from __future__ import annotations

from bot.commands.buttons import card_for_key, shared_for_key
from bot.snapshot import Snapshot


def test_button_values_map_back_to_cards(snap: Snapshot) -> None:
    for key in [*snap.cards, "teams:overview"]:
        assert card_for_key(snap, key) is not None
        assert shared_for_key(snap, key, "U1") is not None
    assert card_for_key(snap, "role:nope") is None and shared_for_key(snap, "junk", "U1") is None
