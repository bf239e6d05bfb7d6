""" "Helpful" / "Not what I asked" on a mention answer: what the button carries and what is stored.

The button's value carries the question, the topic answered, the band and the pack version, so a
vote is stored from the click alone, with no lookup of the message it was on. Who clicked is
never stored (see ``bot.store.votes``).
"""

from __future__ import annotations

import json
from typing import Any

from bot.store.votes import QUESTION_LIMIT, VOTES, Vote

VALUE_LIMIT = 2000
"""Slack's limit on a button's value."""


def topic_of(payload: dict[str, Any]) -> str:
    """A mention's metadata payload as one string: ``role:mle``, ``choices:a,b``, ``compare:a,b``, ``none``."""
    kind = str(payload.get("kind", "none"))
    if kind in ("choices", "compare"):
        return f"{kind}:{','.join(payload.get('candidates', []))}"
    return f"{kind}:{payload['id']}" if "id" in payload else kind


def vote_value(question: str, payload: dict[str, Any], band: str, pack_version: str) -> str:
    """The value both vote buttons carry, under Slack's limit however the question is written."""
    fields = {"t": topic_of(payload), "b": band, "v": pack_version}
    question = question[:QUESTION_LIMIT]
    while True:
        value = json.dumps({"q": question, **fields}, ensure_ascii=False, separators=(",", ":"))
        if len(value) <= VALUE_LIMIT:
            return value
        question = question[: len(question) // 2]


def read_vote(value: str, vote: str, team_id: str) -> Vote | None:
    """The vote a click means; None for a value or vote this version never made."""
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict) or vote not in VOTES:
        return None
    fields = [data.get(key) for key in ("q", "t", "b", "v")]
    if not all(isinstance(field, str) for field in fields):
        return None
    question, topic, band, version = (str(field) for field in fields)
    return Vote(team_id, question, topic, band, vote, version)
