""" "Helpful" / "Not what I asked": every mention answer carries them, with what was asked."""

from __future__ import annotations

import json

import pytest

from bot.commands.mention import mention_answer
from bot.commands.votes import VALUE_LIMIT, read_vote, topic_of, vote_value
from bot.snapshot import Snapshot


def _votes(blocks: list[dict[str, object]]) -> list[dict[str, str]]:
    elements = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]  # type: ignore[attr-defined]
    return [e for e in elements if str(e["action_id"]).startswith("vote:")]


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("what does a data scientist do?", "sure"),
        ("ml platform engineer vs data engineer?", "compare"),
        ("where can I get pizza near the office", "none"),
    ],
)
def test_each_mention_answer_carries_both_vote_buttons_with_what_it_answered(
    snap: Snapshot, question: str, band: str
) -> None:
    answer = mention_answer(snap, f"<@UBOT> {question}")
    helpful, not_asked = _votes(answer.reply.blocks)
    assert (helpful["action_id"], not_asked["action_id"]) == ("vote:helpful", "vote:not_asked")
    assert helpful["value"] == not_asked["value"]
    vote = read_vote(helpful["value"], "not_asked", "T1")
    assert vote is not None
    assert (vote.question, vote.band) == (question, band)
    assert vote.topic == topic_of(answer.metadata["event_payload"])
    assert vote.pack_version == snap.pack.version


def test_small_talk_has_no_vote_buttons(snap: Snapshot) -> None:
    assert _votes(mention_answer(snap, "<@UBOT> hi").reply.blocks) == []


@pytest.mark.parametrize("question", ['"' * 3_000, "\\" * 3_000, "پرسش " * 1_000])
def test_the_value_stays_under_slacks_limit_whatever_was_typed(question: str) -> None:
    value = vote_value(question, {"kind": "role", "id": "mle"}, "sure", "1.3.0")
    assert len(value) <= VALUE_LIMIT
    assert json.loads(value)["t"] == "role:mle"


@pytest.mark.parametrize(
    ("value", "vote"), [("not json", "helpful"), ("[1]", "helpful"), ('{"q": 1}', "helpful"), ("{}", "maybe")]
)
def test_a_value_or_vote_this_version_never_made_is_ignored(value: str, vote: str) -> None:
    assert read_vote(value, vote, "T1") is None


def test_topics_read_as_one_string() -> None:
    assert (
        topic_of({"kind": "choices", "candidates": ["role:mle", "team:platform"]}) == "choices:role:mle,team:platform"
    )
    assert topic_of({"kind": "none"}) == "none"
