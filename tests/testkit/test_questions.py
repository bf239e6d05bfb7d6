"""The mention benchmark's labelled questions stay valid as the content pack changes.

Only the data is checked here: accuracy is measured by ``bench.mention_accuracy``, never asserted,
so that a ranking change is judged on its figures rather than made to pass a test.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.catalog import Pack
from testkit.questions import HELD_OUT, NONE, QUESTIONS, load_questions

MIN_PER_TOPIC = 3
MIN_NONE = 20


def _pack_keys(pack: Pack) -> set[str]:
    return {
        *(f"role:{rid}" for rid in pack.roles),
        *(f"team:{tid}" for tid in pack.teams),
        *(f"explainer:{eid}" for eid in pack.explainers),
    }


@pytest.mark.parametrize("path", [QUESTIONS, HELD_OUT], ids=["main", "held-out"])
def test_every_expected_topic_exists_in_the_bundled_pack(pack: Pack, path: Path) -> None:
    keys = _pack_keys(pack)
    unknown = sorted({key for q in load_questions(path) for key in q.expected if key != NONE and key not in keys})
    assert unknown == []


def test_every_topic_is_the_main_answer_of_at_least_three_questions(pack: Pack) -> None:
    """A new topic without questions, or one whose questions were relabelled away, would go unmeasured."""
    main = Counter(q.expected[0] for q in load_questions())
    thin = {key: main[key] for key in sorted(_pack_keys(pack)) if main[key] < MIN_PER_TOPIC}
    assert thin == {}


def test_enough_questions_the_pack_cannot_answer() -> None:
    """Without them the bench could not tell a ranker that declines well from one that always guesses."""
    assert sum(not q.answerable for q in load_questions()) >= MIN_NONE
