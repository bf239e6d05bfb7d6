"""Resolving names and ranking questions, without Slack."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import Block

from bot.catalog import Pack
from bot.catalog.index import NameIndex
from bot.commands.mention import mention_answer
from bot.commands.role import role_command
from bot.snapshot import Snapshot
from bot.store.events import RecentIds
from tests.conftest import PACK_VERSION


@pytest.mark.parametrize(
    ("query", "topic", "exact"),
    [
        ("mle", "mle", True),
        ("Machine Learning Engineer", "mle", True),
        ("ml_platform-engineer", "ml-platform-engineer", True),
        ("data scientst", "data-scientist", False),
        ("ml hardwear engineer", "ml-hardware-engineer", False),
        ("astronaut", None, False),
        ("", None, False),
        ("!!!", None, False),
    ],
)
def test_name_index(pack: Pack, query: str, topic: str | None, exact: bool) -> None:
    found = NameIndex(pack.roles).resolve(query)
    assert (found.topic_id, found.exact) == (topic, exact)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does a data scientist do?", ("role", "data-scientist")),
        ("what is a typical day like for an ML engineer?", ("explainer", "a-day-as-an-mle")),
        ("who builds the deployment platform?", ("team", "platform")),
        ("why is hardware a bottleneck for machine learning", ("explainer", "hardware-bottleneck")),
        ("what do developer advocates do", ("role", "devrel")),
        ("how are ML teams organised?", ("explainer", "choosing-a-team-structure")),
    ],
)
def test_answerer_finds_the_topic(snap: Snapshot, question: str, expected: tuple[str, str]) -> None:
    hits = snap.answerer.rank(question)
    assert (hits[0].kind, hits[0].topic_id) == expected


@pytest.mark.parametrize("question", ["what's the best pizza topping?", "what is the capital of France", "hello"])
def test_answerer_admits_when_nothing_matches(snap: Snapshot, question: str) -> None:
    assert snap.answerer.rank(question) == []


def test_mention_strips_the_bot_mention_and_carries_metadata(snap: Snapshot) -> None:
    answer = mention_answer(snap, "<@U0BOT> tell me about data engineers")
    assert answer.reply.text.startswith("Data engineer")
    assert answer.metadata == {
        "event_type": "rolecall_topic",
        "event_payload": {"kind": "role", "id": "data-engineer", "pack_version": PACK_VERSION},
    }


def test_role_command_is_fast_enough_for_50kb(snap: Snapshot) -> None:
    reply = role_command(snap, "data scientist " * 4000)
    assert "first 500 characters" in reply.text


def test_recent_ids_forget_after_ttl_and_stay_bounded() -> None:
    seen = RecentIds(ttl_seconds=10, capacity=3)
    assert seen.first_time("a", now=0) and not seen.first_time("a", now=5)
    assert seen.first_time("a", now=11)
    for name in "bcdef":
        seen.first_time(name, now=12)
    assert len(seen._seen) <= 3


@pytest.mark.parametrize("said", ["<@UBOT> hi", "<@UBOT> thanks!", "<@UBOT> help", "<@UBOT> ?", "<@UBOT> 🤖🧠"])
def test_small_talk_mentions_get_how_to_ask_not_a_guess(snap: Snapshot, said: str) -> None:
    answer = mention_answer(snap, said)
    assert answer.metadata is None
    assert "Ask me about a role" in answer.reply.text


def test_mention_answer_offers_the_runners_up_it_does_not_already_link(snap: Snapshot) -> None:
    """When the first pick is wrong the right topic is usually next (top-3 is measured in the bench)."""
    answer = mention_answer(snap, "what does a data scientist do?")
    runners_up = [h.kind + ":" + h.topic_id for h in snap.answerer.rank("what does a data scientist do?")[1:]]
    actions = [[e["value"] for e in b["elements"]] for b in answer.reply.blocks if b["type"] == "actions"]
    linked, offered = actions
    assert offered == [key for key in runners_up if key not in linked]
    assert any("Close matches" in json.dumps(b) for b in answer.reply.blocks)
    for block in answer.reply.blocks:
        Block.parse(block).to_dict()  # type: ignore[union-attr]
