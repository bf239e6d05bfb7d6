"""``@RoleCall question`` (or a direct message), answered in one of three ways people can trust:
*sure* (the one topic), *unsure* ("did you mean" with the two or three best as buttons) or *don't
know* (says so, shows how to ask, lists what it knows); and a comparison when the question sets
two roles or two structures side by side. Every reply carries metadata naming what it answered
(see "Mention answers" in the design notes), so feedback and reports can find it later."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.answer import Verdict, tokens
from bot.commands.reading import HELP_WORDS, read
from bot.commands.votes import vote_value
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo, from_slack

EVENT_TYPE = "rolecall_topic"


@dataclass(frozen=True)
class Answer:
    """A mention reply and the message metadata that lets feedback find its topic later."""

    reply: Reply
    metadata: dict[str, Any]
    verdict: Verdict | None = None
    """The ranker's verdict behind it; None for small talk, which is not ranked."""


def mention_answer(snap: Snapshot, typed: str) -> Answer:
    text = snap.text
    question, cut = read(from_slack(typed), text)
    if not tokens(question) or question.casefold().strip(" ?!.") in HELP_WORDS:  # "hi", "thanks!", "help"
        return Answer(replies.help_reply(text.no_question(), snap.pack, text), metadata({"kind": "none"}, snap))
    verdict = snap.answerer.answer(question)
    reply, payload = _reply(snap, question, verdict)
    if cut:
        reply = replies.notice_with(reply, cut)
    reply = replies.with_votes(reply, vote_value(question, payload, verdict.band, snap.pack.version), text)
    return Answer(reply, metadata(payload, snap), verdict)


def _reply(snap: Snapshot, question: str, verdict: Verdict) -> tuple[Reply, dict[str, Any]]:
    text = snap.text
    keys = [hit.key for hit in verdict.hits]
    if verdict.band == "compare":
        left, right = verdict.hits
        if left.kind == "role":
            reply = replies.compare(snap.role(left.topic_id), snap.role(right.topic_id), snap.pack, text)
        else:
            reply = replies.compare_teams(
                snap.pack.teams[left.topic_id], snap.pack.teams[right.topic_id], snap.pack, text
            )
        return reply, {"kind": "compare", "candidates": keys}
    if verdict.band == "sure":
        best = verdict.hits[0]
        return replies.public(snap.card(best.kind, best.topic_id), snap.pack, text), {
            "kind": best.kind,
            "id": best.topic_id,
        }
    if verdict.band == "unsure":
        cards = [snap.cards[key] for key in keys]
        notice = text.mention_choices(echo(question))
        return replies.did_you_mean(notice, cards, snap.pack, text), {"kind": "choices", "candidates": keys}
    team_cards = [snap.card("team", tid) for tid in snap.pack.teams]
    notice = text.no_answer(echo(question))
    return replies.catalogue(notice, snap.role_cards(), team_cards, snap.pack, text), {"kind": "none"}


def metadata(payload: dict[str, Any], snap: Snapshot) -> dict[str, Any]:
    """Slack message metadata for a mention reply: what it answered, from which pack version."""
    return {"event_type": EVENT_TYPE, "event_payload": {**payload, "pack_version": snap.pack.version}}
