"""The card buttons: what "Open" shows the clicker and what "Share in channel" posts publicly.

A button's value (``role:mle``, ``teams:overview``) is untrusted input: anything not naming a
card in the served pack gets None, and the listener does nothing.
"""

from __future__ import annotations

from bot.snapshot import Snapshot
from bot.views import replies
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
    """The public, attributed copy of what a Share button was on: a card, the teams overview
    or a comparison."""
    text = snap.text
    if key == OVERVIEW:
        return replies.shared_copy(snap.teams_overview, text, user_id)
    if key.startswith(replies.COMPARE_PREFIX):
        pair = key.removeprefix(replies.COMPARE_PREFIX).split(":")
        if len(pair) != 2 or not all(role_id in snap.pack.roles for role_id in pair):
            return None
        left, right = (snap.role(role_id) for role_id in pair)
        return replies.shared_copy(replies.compare(left, right, snap.pack, text), text, user_id)
    card = snap.cards.get(key)
    return replies.shared(card, snap.pack, text, user_id) if card else None
