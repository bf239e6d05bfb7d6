"""The mention ranker: the topic common questions find, and each rule on the kind of question
it was added for.

Accuracy over many questions is measured by ``bench/mention_accuracy.py``; these pin the
behaviour of each rule so a change to one is noticed."""

from __future__ import annotations

import pytest

from bot.answer import tokens
from bot.snapshot import Snapshot


def _top(snap: Snapshot, question: str) -> str | None:
    hits = snap.answerer.rank(question)
    return f"{hits[0].kind}:{hits[0].topic_id}" if hits else None


@pytest.mark.parametrize(
    "question",
    [
        "where can I get pizza near the office",
        "is the office open on bank holidays",
        "who is my manager",
        "precision vs recall",
    ],
)
def test_one_stray_word_in_common_is_not_an_answer(snap: Snapshot, question: str) -> None:
    assert _top(snap, question) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does a typical day look like for an ML engineer", "explainer:a-day-as-an-mle"),
        ("difference between a data scientist and an ML engineer", "explainer:mle-vs-data-scientist"),
        ("ML engineer?", "role:mle"),
        ("data scientist", "role:data-scientist"),
    ],
)
def test_an_explainer_about_a_named_role_wins_only_on_its_other_words(
    snap: Snapshot, question: str, expected: str
) -> None:
    assert _top(snap, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [("what does a data sceintist do", "role:data-scientist"), ("hardwear engineer", "role:ml-hardware-engineer")],
)
def test_typos_of_names_are_read_as_the_name(snap: Snapshot, question: str, expected: str) -> None:
    assert _top(snap, question) == expected


def test_plurals_fold_to_the_singular() -> None:
    assert tokens("Actuaries and teams") == ["actuary", "team"]


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
