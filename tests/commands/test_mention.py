"""``@RoleCall question``'s core, without Slack: each kind of reply, and the metadata it carries."""

from __future__ import annotations

import time

import pytest
from slack_sdk.models.blocks import Block

from bot.commands.mention import mention_answer
from bot.snapshot import Snapshot
from bot.views.reply import Reply
from tests.conftest import PACK_VERSION


def _valid(reply: Reply) -> None:
    for block in reply.blocks:
        Block.parse(block).to_dict()  # type: ignore[union-attr]


def _buttons(reply: Reply) -> list[str]:
    elements = [e for b in reply.blocks if b["type"] == "actions" for e in b["elements"]]
    return [e["value"] for e in elements if not e["action_id"].startswith("vote:")]


def test_a_sure_answer_strips_the_mention_shows_the_card_and_names_it(snap: Snapshot) -> None:
    answer = mention_answer(snap, "<@U0BOT> tell me about data engineers")
    assert answer.reply.text.startswith("Data engineer")
    assert answer.metadata == {
        "event_type": "rolecall_topic",
        "event_payload": {"kind": "role", "id": "data-engineer", "pack_version": PACK_VERSION},
    }
    _valid(answer.reply)


@pytest.mark.parametrize("said", ["<@UBOT> hi", "<@UBOT> thanks!", "<@UBOT> help", "<@UBOT> ?", "<@UBOT> 🤖🧠"])
def test_small_talk_mentions_get_how_to_ask_not_a_guess(snap: Snapshot, said: str) -> None:
    answer = mention_answer(snap, said)
    assert answer.metadata["event_payload"] == {"kind": "none", "pack_version": PACK_VERSION}
    assert "Ask me about a role" in answer.reply.text


def test_an_unsure_answer_offers_its_choices_as_buttons_and_shows_no_card(snap: Snapshot) -> None:
    question = "how do I deal with class imbalance in my training data"
    verdict = snap.answerer.answer(question)
    assert verdict.band == "unsure", "the bundled pack changed: pick a question the ranker is unsure of"
    answer = mention_answer(snap, question)
    keys = [hit.key for hit in verdict.hits]
    assert answer.metadata["event_payload"] == {"kind": "choices", "candidates": keys, "pack_version": PACK_VERSION}
    assert _buttons(answer.reply) == keys
    assert 2 <= len(keys) <= 3
    assert answer.reply.text.startswith("I'm not sure which of these you mean")
    _valid(answer.reply)


def test_two_roles_to_compare_get_the_comparison(snap: Snapshot) -> None:
    answer = mention_answer(snap, "<@UBOT> ml platform engineer vs data engineer?")
    assert answer.metadata["event_payload"] == {
        "kind": "compare",
        "candidates": ["role:ml-platform-engineer", "role:data-engineer"],
        "pack_version": PACK_VERSION,
    }
    assert answer.reply.text.startswith("ML platform engineer vs Data engineer")
    _valid(answer.reply)


def test_two_structures_to_compare_get_their_trade_offs_side_by_side(any_snap: Snapshot) -> None:
    answer = mention_answer(any_snap, "embedded vs consultancy")
    payload = answer.metadata["event_payload"]
    assert (payload["kind"], payload["candidates"]) == ("compare", ["team:embedded", "team:consultancy"])
    assert _buttons(answer.reply) == ["team:embedded", "team:consultancy"]
    assert any_snap.text.PROS in str(answer.reply.blocks)
    _valid(answer.reply)


def test_a_question_it_cannot_answer_says_so_shows_how_to_ask_and_lists_topics(any_snap: Snapshot) -> None:
    answer = mention_answer(any_snap, "what's the best pizza topping?")
    assert answer.metadata["event_payload"] == {"kind": "none", "pack_version": PACK_VERSION}
    assert "@RoleCall" in answer.reply.text
    accessories = [b["accessory"]["value"] for b in answer.reply.blocks if "accessory" in b]
    assert "role:mle" in accessories and "team:platform" in accessories
    _valid(answer.reply)


@pytest.mark.parametrize(
    "hostile", ["<@" * 20_000, "<!" + "a" * 40_000, "<" * 40_000, "sceintist " * 4_000, "<a|" * 13_000, "x.y:" * 10_000]
)
def test_a_hostile_40kb_mention_costs_little_event_loop_time(snap: Snapshot, hostile: str) -> None:
    """Mentions are answered on the event loop: their cost must grow linearly with their length.
    Measured in this thread's CPU time, so other processes on the machine do not count."""
    started = time.thread_time()
    mention_answer(snap, hostile)
    assert time.thread_time() - started < 0.1
