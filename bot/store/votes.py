"""Votes on mention answers, and what they tell content authors.

A vote keeps the question as typed (cut to ``QUESTION_LIMIT``), the topic answered, the band
(sure, unsure, compare, none) and the pack version: enough to see which questions the pack
answers badly and whether a new pack version helped. It never keeps who voted. Questions are
people's words, so they are deleted after the retention period (``prune``, run daily by the
scheduler).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select

from bot.store.repo import Store
from bot.store.tables import mention_votes

QUESTION_LIMIT = 1000
TOPIC_LIMIT = 400
VOTES = ("helpful", "not_asked")


@dataclass(frozen=True)
class Vote:
    team_id: str
    question: str
    topic: str
    """``role:mle``; ``choices:role:mle,role:data-scientist``; ``compare:…``; or ``none``."""
    band: str
    vote: str
    pack_version: str


@dataclass(frozen=True)
class Gap:
    """A question people said was not answered, with how it was answered."""

    question: str
    topic: str
    band: str
    pack_version: str
    voted_at: datetime


@dataclass(frozen=True)
class Usage:
    topic: str
    band: str
    helpful: int
    not_asked: int


class Votes:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, vote: Vote, now: datetime) -> None:
        """Blocking: one INSERT. Raises the store's error if it is down."""
        if vote.vote not in VOTES:
            raise ValueError(f"unknown vote {vote.vote!r}")
        values = {
            "team_id": vote.team_id[:32],
            "question": vote.question[:QUESTION_LIMIT],
            "topic": vote.topic[:TOPIC_LIMIT],
            "band": vote.band[:16],
            "vote": vote.vote,
            "pack_version": vote.pack_version[:32],
            "voted_at": now,
        }
        with self._store.engine.begin() as db:
            db.execute(insert(mention_votes).values(**values))

    def gaps(self, since: datetime | None = None) -> list[Gap]:
        """Questions voted "Not what I asked", newest first."""
        query = select(mention_votes).where(mention_votes.c.vote == "not_asked")
        if since is not None:
            query = query.where(mention_votes.c.voted_at >= since)
        query = query.order_by(mention_votes.c.voted_at.desc(), mention_votes.c.id.desc())
        with self._store.engine.connect() as db:
            rows = list(db.execute(query))
        return [Gap(r.question, r.topic, r.band, r.pack_version, r.voted_at) for r in rows]

    def usage(self, since: datetime | None = None) -> list[Usage]:
        """Votes per topic and band, the most voted first."""
        helpful = func.sum((mention_votes.c.vote == "helpful").cast(mention_votes.c.id.type))
        not_asked = func.sum((mention_votes.c.vote == "not_asked").cast(mention_votes.c.id.type))
        query = select(mention_votes.c.topic, mention_votes.c.band, helpful, not_asked).group_by(
            mention_votes.c.topic, mention_votes.c.band
        )
        if since is not None:
            query = query.where(mention_votes.c.voted_at >= since)
        with self._store.engine.connect() as db:
            rows = list(db.execute(query))
        table = [Usage(str(r[0]), str(r[1]), int(r[2] or 0), int(r[3] or 0)) for r in rows]
        return sorted(table, key=lambda u: (-(u.helpful + u.not_asked), u.topic, u.band))

    def prune(self, before: datetime) -> int:
        """Delete votes older than ``before``; how many went."""
        with self._store.engine.begin() as db:
            return int(db.execute(delete(mention_votes).where(mention_votes.c.voted_at < before)).rowcount)
