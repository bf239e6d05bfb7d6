"""``@RoleCall question``'s core, without Slack: the answer, its metadata and its runners-up."""

from __future__ import annotations

import json
import time

import pytest
from slack_sdk.models.blocks import Block

from bot.commands.mention import mention_answer
from bot.snapshot import Snapshot
from tests.conftest import PACK_VERSION


def test_mention_strips_the_bot_mention_and_carries_metadata(snap: Snapshot) -> None:
    answer = mention_answer(snap, "<@U0BOT> tell me about data engineers")
    assert answer.reply.text.startswith("Data engineer")
    assert answer.metadata == {
        "event_type": "rolecall_topic",
        "event_payload": {"kind": "role", "id": "data-engineer", "pack_version": PACK_VERSION},
    }


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


@pytest.mark.parametrize(
    "hostile", ["<@" * 20_000, "<!" + "a" * 40_000, "<" * 40_000, "sceintist " * 4_000, "<a|" * 13_000, "x.y:" * 10_000]
)
def test_a_hostile_40kb_mention_costs_little_event_loop_time(snap: Snapshot, hostile: str) -> None:
    """Mentions are answered on the event loop: their cost must grow linearly with their length.
    Measured in this thread's CPU time, so other processes on the machine do not count."""
    started = time.thread_time()
    mention_answer(snap, hostile)
    assert time.thread_time() - started < 0.1
