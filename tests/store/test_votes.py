"""Votes on mention answers: stored without who voted, reported as gaps and usage, and deleted
after the retention period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store import Store
from bot.store.tables import mention_votes
from bot.store.votes import QUESTION_LIMIT, Vote, Votes

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _vote(question: str, vote: str, topic: str = "role:mle", band: str = "sure") -> Vote:
    return Vote("T1", question, topic, band, vote, "1.3.0")


def test_a_vote_keeps_no_trace_of_who_voted() -> None:
    assert not [c.name for c in mention_votes.columns if "user" in c.name]


def test_gaps_are_the_questions_voted_not_asked_newest_first_since_a_date(store: Store) -> None:
    votes = Votes(store)
    votes.record(_vote("what is an mle", "helpful"), NOW)
    votes.record(_vote("how do I get a visa", "not_asked", "none", "none"), NOW - timedelta(days=10))
    votes.record(_vote("who owns our GPUs", "not_asked", "choices:role:mle,team:platform", "unsure"), NOW)
    assert [g.question for g in votes.gaps()] == ["who owns our GPUs", "how do I get a visa"]
    (recent,) = votes.gaps(since=NOW - timedelta(days=1))
    assert (recent.topic, recent.band, recent.pack_version) == ("choices:role:mle,team:platform", "unsure", "1.3.0")
    assert recent.voted_at == NOW


def test_usage_counts_votes_per_topic_and_band(store: Store) -> None:
    votes = Votes(store)
    for vote in ("helpful", "helpful", "not_asked"):
        votes.record(_vote("what is an mle", vote), NOW)
    votes.record(_vote("x", "not_asked", "none", "none"), NOW - timedelta(days=30))
    usage = votes.usage()
    assert [(u.topic, u.band, u.helpful, u.not_asked) for u in usage] == [
        ("role:mle", "sure", 2, 1),
        ("none", "none", 0, 1),
    ]
    assert [u.topic for u in votes.usage(since=NOW - timedelta(days=1))] == ["role:mle"]


def test_prune_deletes_only_what_is_older_than_the_retention_period(store: Store) -> None:
    votes = Votes(store)
    votes.record(_vote("old", "not_asked"), NOW - timedelta(days=91))
    votes.record(_vote("recent", "not_asked"), NOW - timedelta(days=89))
    assert votes.prune(NOW - timedelta(days=90)) == 1
    assert [g.question for g in votes.gaps()] == ["recent"]


def test_a_long_question_is_cut_not_refused(store: Store) -> None:
    votes = Votes(store)
    votes.record(_vote("چرا " * 2_000, "not_asked"), NOW)
    assert len(votes.gaps()[0].question) == QUESTION_LIMIT
