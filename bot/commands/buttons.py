"""The card buttons: what "Open" shows the clicker and what "Share in channel" posts publicly.

A button's value (``role:mle``, ``teams:overview``) is untrusted input: anything not naming a
card in the served pack gets None, and the listener does nothing.
"""

from __future__ import annotations

from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.cards import context
from bot.views.reply import Reply

OVERVIEW = "teams:overview"


def card_for_key(snap: Snapshot, key: str) -> Reply | None:
    """The ephemeral card behind an Open button."""
    if key == OVERVIEW:
        return snap.teams_overview
    return snap.lookups.get(key)


def share_failed(snap: Snapshot) -> Reply:
    """Why a card could not be shared: its response_url is past Slack's 30 minutes or 5 posts."""
    text = snap.text
    return replies.help_reply(text.SHARE_FAILED, snap.pack, text)


def shared_for_key(snap: Snapshot, key: str, user_id: str) -> Reply | None:
    """The public, attributed copy of the card behind a Share button."""
    text = snap.text
    if key == OVERVIEW:
        overview = snap.teams_overview
        blocks = [b for b in overview.blocks if b.get("type") != "actions"]
        attribution = context(text.shared_by(user_id)).to_dict()
        return Reply(text=f"{overview.text} · {text.shared_by(user_id)}", blocks=[*blocks, attribution])
    card = snap.cards.get(key)
    return replies.shared(card, snap.pack, text, user_id) if card else None
