"""``/teams``: the three structures and their trade-offs, or one structure's full card, found
by id, alias, a word of its names ("infra") or a close typo, the way ``/role`` finds roles."""

from __future__ import annotations

from bot.commands.reading import HELP_WORDS, read, with_notice
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo


def teams_command(snap: Snapshot, typed: str) -> Reply:
    """The reply to ``/teams <typed>``, memoized per snapshot by the exact text."""
    return snap.memo.get("teams", typed, lambda: _teams_reply(snap, typed))


def _teams_reply(snap: Snapshot, typed: str) -> Reply:
    text = snap.text
    query, cut = read(typed, text)
    if not query:
        return snap.teams_overview
    if query.casefold() in HELP_WORDS:
        return replies.help_reply(text.TEAMS_HELP, snap.pack, text)
    found = snap.teams.resolve(query)
    if found.topic_id is None:
        notice = text.team_choices(echo(query), len(found.choices)) if found.choices else text.team_unknown(echo(query))
        return with_notice(replies.notice_with(snap.teams_overview, notice), cut)
    key = f"team:{found.topic_id}"
    if found.match in ("name", "words"):
        return with_notice(snap.lookups[key], cut)
    card = snap.cards[key]
    return with_notice(replies.lookup(card, snap.pack, text, text.did_you_mean(echo(query), card.title)), cut)
