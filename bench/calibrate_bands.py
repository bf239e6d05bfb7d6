"""Choose the answer bands, and the three scoring knobs they interact with (the name bonus, how
far behind a named topic its related explainers start, the weight of unknown words), on the
tuning sets, and only those.

For each candidate setting, every question of ``mention_questions.yml`` and
``mention_questions_fa.yml`` is ranked once and banded with ``bot.answer.banded``, exactly as
``mention_answer`` would. Settings whose confidently-wrong rate exceeds ``MAX_SURE_WRONG`` on
either set are rejected; among the rest the one with the most right replies wins, a sure right
answer counting more than a right topic among choices (a choice costs the reader a click), and
a wrong set of choices counting against. The held-out sets are never read. Run::

    .venv/bin/python -m bench.calibrate_bands
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass

import bot.answer
from bot.answer import Bands, Hit, Verdict, banded
from bot.catalog import BUNDLED_DIR
from bot.commands.language import language_of
from bot.snapshot import ContentHolder
from bot.views.text import from_slack
from testkit.questions import PERSIAN, QUESTIONS, Question, load_questions

MAX_SURE_WRONG = 0.015
"""Below the 2% target, so a new question set has some room."""
SURE_RIGHT, CHOICE_RIGHT, DECLINE_RIGHT, CHOICE_WRONG, DECLINE_WRONG = 1.0, 0.8, 1.0, -0.3, -0.5
GRID = {
    "floor": [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4],
    "sure": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0],
    "margin": [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    "share": [0.3, 0.4, 0.5, 0.6],
}
KNOBS = {"NAME_BONUS": [0.3, 0.5], "RELATED_MARGIN": [0.05, 0.2], "UNKNOWN_WEIGHT": [0.25, 0.5, 1.0]}


@dataclass(frozen=True)
class Asked:
    question: Question
    ranked: tuple[Hit, ...]
    fixed: Verdict | None
    """A comparison (or its curated explainer) does not depend on the bands."""


def _ask_all() -> list[list[Asked]]:
    holder = ContentHolder(BUNDLED_DIR)
    sets = []
    for path in (QUESTIONS, PERSIAN):
        asked = []
        for question in load_questions(path):
            snap = holder.snapshot(language_of(holder, question.text, None))
            verdict = snap.answerer.answer(from_slack(question.text).strip())
            fixed = verdict if verdict.compared else None
            asked.append(Asked(question, verdict.ranked, fixed))
        sets.append(asked)
    return sets


def _grade(asked: list[Asked], bands: Bands) -> tuple[float, float]:
    """(score, confidently-wrong rate) of one set under ``bands``."""
    score = wrong = 0.0
    for item in asked:
        verdict = item.fixed or banded(item.ranked, bands)
        keys = [hit.key for hit in verdict.hits]
        expected = item.question.expected
        if verdict.band in ("sure", "compare"):
            right = all(key in expected for key in keys)
            score += SURE_RIGHT if right else 0.0
            wrong += not right
        elif verdict.band == "unsure":
            score += CHOICE_RIGHT if any(key in expected for key in keys) else CHOICE_WRONG
        else:
            score += DECLINE_RIGHT if not item.question.answerable else DECLINE_WRONG
    return score / len(asked), wrong / len(asked)


def main() -> int:
    best: tuple[float, dict[str, float], Bands] | None = None
    for values in itertools.product(*KNOBS.values()):
        knobs = dict(zip(KNOBS, values, strict=True))
        for name, value in knobs.items():
            setattr(bot.answer, name, value)
        sets = _ask_all()
        for floor, sure, margin, share in itertools.product(*GRID.values()):
            bands = Bands(floor, sure, margin, share)
            graded = [_grade(asked, bands) for asked in sets]
            if any(wrong > MAX_SURE_WRONG for _, wrong in graded):
                continue
            score = sum(s for s, _ in graded) / len(graded)
            if best is None or score > best[0]:
                best = (score, knobs, bands)
    if best is None:
        print("no setting keeps confidently wrong answers under the limit on both sets", file=sys.stderr)
        return 1
    score, knobs, bands = best
    for name, value in knobs.items():
        print(f"{name} = {value}")
    print(f"MIN_SCORE = {bands.floor}\nSURE_SCORE = {bands.sure}\nSURE_MARGIN = {bands.margin}")
    print(f"CHOICE_SHARE = {bands.share}\n(mean score {score:.3f} of 1 per question)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
