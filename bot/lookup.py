"""What each command means: typed text in, a finished ``Reply`` out, no Slack transport.

Listeners stay thin by handing the raw text here; the console and the tests call the
same functions through the same Bolt app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from bot import messages
from bot.answer import tokens
from bot.catalog.index import NameIndex, Resolution
from bot.content import Snapshot
from bot.views import replies
from bot.views.cards import context
from bot.views.reply import Reply
from bot.views.text import echo

MAX_INPUT = 500
"""Characters of a command read; the rest is ignored and the person is told so."""

HELP_WORDS = frozenset({"help", "?", "-h", "--help", "usage"})
COMPARE_WORDS = frozenset({"compare", "vs", "diff"})
SEPARATORS = re.compile(r"\s+(?:vs\.?|versus|and|with|to)\s+|\s*[,/|]\s*", re.IGNORECASE)
MENTION = re.compile(r"<[@!#][^>]*>")


def _read(typed: str, say: ModuleType) -> tuple[str, str | None]:
    """The part of the input we act on, and a notice if it had to be cut."""
    text = typed.strip()
    if len(text) > MAX_INPUT:
        return text[:MAX_INPUT], say.input_truncated(MAX_INPUT)
    return text, None


def _with(reply: Reply, notice: str | None) -> Reply:
    return replies.notice_with(reply, notice) if notice else reply


def role_command(snap: Snapshot, typed: str) -> Reply:
    """``/role``: list, help, compare, or one role by id, alias, title or near-miss typo."""
    return snap.memo.get("role", typed, lambda: _role_reply(snap, typed))


def teams_command(snap: Snapshot, typed: str) -> Reply:
    """``/teams``: the three structures and their trade-offs, or one structure's full card."""
    return snap.memo.get("teams", typed, lambda: _teams_reply(snap, typed))


def _role_reply(snap: Snapshot, typed: str) -> Reply:
    text = messages.for_language(snap.language)
    query, cut = _read(typed, text)
    words = query.split()
    if not words:
        return snap.roles_list
    first = words[0].casefold()
    if first in HELP_WORDS and len(words) == 1:
        return replies.help_reply(text.ROLE_HELP, snap.pack, text)
    if first in COMPARE_WORDS:
        return _with(_compare(snap, " ".join(words[1:])), cut)
    found = snap.roles.resolve(query)
    if not found.exact and _pair(snap.roles, query, gaps=False) is not None:
        return _with(_compare(snap, query), cut)
    return _with(_shown(snap, "role", found, query), cut)


def _teams_reply(snap: Snapshot, typed: str) -> Reply:
    text = messages.for_language(snap.language)
    query, cut = _read(typed, text)
    if not query:
        return snap.teams_overview
    if query.casefold() in HELP_WORDS:
        return replies.help_reply(text.TEAMS_HELP, snap.pack, text)
    return _with(_shown(snap, "team", snap.teams.resolve(query), query), cut)


def _shown(snap: Snapshot, kind: str, found: Resolution, query: str) -> Reply:
    text = messages.for_language(snap.language)
    if found.topic_id is not None:
        key = f"{kind}:{found.topic_id}"
        if found.exact:
            return snap.lookups[key]
        card = snap.cards[key]
        return replies.lookup(card, snap.pack, text, text.did_you_mean(echo(query), card.title))
    if kind == "team":
        return replies.notice_with(snap.teams_overview, text.team_unknown(echo(query)))
    closest = [snap.cards[f"role:{rid}"].title for rid in found.suggestions]
    return replies.roles_list(snap.role_cards(), snap.pack, text, text.role_unknown(echo(query), closest))


def _pair(index: NameIndex, query: str, gaps: bool = True) -> tuple[Resolution, Resolution] | None:
    """Split ``query`` into two role names: at an explicit separator, else at the best word gap."""
    parts = [p for p in SEPARATORS.split(query) if p and p.strip()]
    if len(parts) == 2:
        left, right = index.resolve(parts[0]), index.resolve(parts[1])
        return (left, right) if left.topic_id and right.topic_id else None
    if not gaps:
        return None
    words = query.split()[:12]
    best: tuple[int, tuple[Resolution, Resolution]] | None = None
    for gap in range(1, len(words)):
        left, right = index.resolve(" ".join(words[:gap])), index.resolve(" ".join(words[gap:]))
        if left.topic_id and right.topic_id:
            score = left.exact + right.exact
            if best is None or score > best[0]:
                best = (score, (left, right))
    return best[1] if best else None


def _compare(snap: Snapshot, query: str) -> Reply:
    text = messages.for_language(snap.language)
    if not query.strip():
        return replies.help_reply(text.compare_usage(), snap.pack, text)
    pair = _pair(snap.roles, query)
    if pair is None:
        return replies.roles_list(snap.role_cards(), snap.pack, text, text.compare_unknown(echo(query)))
    left, right = (snap.pack.roles[str(r.topic_id)] for r in pair)
    if left.id == right.id:
        return replies.help_reply(text.compare_same(left.title), snap.pack, text)
    return replies.compare(left, right, snap.pack, text)


@dataclass(frozen=True)
class Answer:
    """A mention reply and the message metadata that lets feedback find its topic later."""

    reply: Reply
    metadata: dict[str, Any] | None


def mention_answer(snap: Snapshot, typed: str) -> Answer:
    """``@RoleCall question``: the best-matching topic, or an honest "not sure" and the catalogue."""
    text = messages.for_language(snap.language)
    question, cut = _read(MENTION.sub(" ", typed), text)
    if not tokens(question) or question.casefold().strip(" ?!.") in HELP_WORDS:  # "hi", "thanks!", "help"
        return Answer(replies.help_reply(text.no_question(), snap.pack, text), None)
    hits = snap.answerer.rank(question)
    if not hits:
        team_cards = [snap.card("team", tid) for tid in snap.pack.teams]
        notice = text.no_answer(echo(question))
        reply = replies.catalogue(notice, snap.role_cards(), team_cards, snap.pack, text)
        return Answer(reply, topic_metadata("none", "", snap.pack.version))
    best = hits[0]
    card = snap.card(best.kind, best.topic_id)
    metadata = topic_metadata(best.kind, best.topic_id, snap.pack.version)
    others = [snap.card(hit.kind, hit.topic_id) for hit in hits[1:]]
    return Answer(replies.mention_answer(card, others, snap.pack, text, cut), metadata)


def topic_metadata(kind: str, topic_id: str, version: str) -> dict[str, Any]:
    return {"event_type": "rolecall_topic", "event_payload": {"kind": kind, "id": topic_id, "pack_version": version}}


def card_for_key(snap: Snapshot, key: str) -> Reply | None:
    """The ephemeral card behind a button value such as ``role:mle`` or ``teams:overview``."""
    if key == "teams:overview":
        return snap.teams_overview
    return snap.lookups.get(key)


def share_failed(snap: Snapshot) -> Reply:
    """Why a card could not be shared: its response_url is past Slack's 30 minutes or 5 posts."""
    text = messages.for_language(snap.language)
    return replies.help_reply(text.SHARE_FAILED, snap.pack, text)


def shared_for_key(snap: Snapshot, key: str, user_id: str) -> Reply | None:
    """The public, attributed copy of the card behind a share button."""
    text = messages.for_language(snap.language)
    if key == "teams:overview":
        overview = snap.teams_overview
        blocks = [b for b in overview.blocks if b.get("type") != "actions"]
        attribution = context(text.shared_by(user_id)).to_dict()
        return Reply(text=f"{overview.text} · {text.shared_by(user_id)}", blocks=[*blocks, attribution])
    card = snap.cards.get(key)
    return replies.shared(card, snap.pack, text, user_id) if card else None
