"""``@RoleCall question`` (or a direct message): the best-matching topic, or an honest
"not sure" and the catalogue, with metadata naming what was answered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.answer import tokens
from bot.commands.reading import HELP_WORDS, read
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo, from_slack


@dataclass(frozen=True)
class Answer:
    """A mention reply and the message metadata that lets feedback find its topic later."""

    reply: Reply
    metadata: dict[str, Any] | None


def mention_answer(snap: Snapshot, typed: str) -> Answer:
    text = snap.text
    question, cut = read(from_slack(typed), text)
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
