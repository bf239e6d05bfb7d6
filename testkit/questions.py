"""The labelled mention questions: what ``bench.mention_accuracy`` measures the ranker on and what
the tests keep valid as the content pack changes.

Each question is labelled with every ``kind:id`` a good answer may show, or ``none`` when the
pack cannot answer it. Only loading and validating lives here; the measuring is the bench's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.views.text import from_slack

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
QUESTIONS = DATA / "mention_questions.yml"
"""The main set, on which ranking changes are chosen."""
HELD_OUT = DATA / "mention_questions_heldout.yml"
"""Written after the ranking changes were chosen, to check they were not tuned to the main set."""
PERSIAN = DATA / "mention_questions_fa.yml"
"""Persian questions, written and reviewed without seeing the ranker; with the main set, the
sets the ranker's weights and bands are chosen on."""
HELD_OUT_V2 = DATA / "mention_questions_heldout_v2.yml"
HELD_OUT_V2_FA = DATA / "mention_questions_heldout_v2_fa.yml"
"""Held out, in English and Persian, written by someone who never sees the ranker: measured
once, never tuned on."""
NONE = "none"
KINDS = ("role", "team", "explainer")


class QuestionsError(Exception):
    """A questions file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Question:
    """One labelled question; ``expected`` holds every accepted ``kind:id``, or just ``none``."""

    text: str
    expected: tuple[str, ...]
    note: str = ""

    @property
    def answerable(self) -> bool:
        return self.expected != (NONE,)

    @property
    def kind(self) -> str:
        """The kind of the main expected topic, or ``none``: what per-kind accuracy groups by."""
        return self.expected[0].split(":", 1)[0]


def _expected(value: object, where: str) -> tuple[str, ...]:
    """``expect`` as a tuple of keys, rejecting shapes that would silently score as misses."""
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        raise QuestionsError(f"{where}: expect must be 'kind:id', 'none' or a non-empty list of 'kind:id'")
    if keys == [NONE]:
        return (NONE,)
    for key in keys:
        kind, _, topic_id = str(key).partition(":")
        if kind not in KINDS or not topic_id:
            raise QuestionsError(f"{where}: {key!r} is not 'role:id', 'team:id' or 'explainer:id' (or 'none' alone)")
    if len(set(keys)) != len(keys):
        raise QuestionsError(f"{where}: expect lists the same topic twice")
    return tuple(str(key) for key in keys)


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    """The labelled questions, validated, so a typo in the data fails loudly instead of counting as a miss."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise QuestionsError(f"cannot read {path}: {error}") from None
    entries = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise QuestionsError(f"{path}: expected a non-empty 'questions' list")
    questions: list[Question] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, question {number}"
        if not isinstance(entry, dict) or not set(entry) <= {"q", "expect", "note"}:
            raise QuestionsError(f"{where}: expected a mapping with q, expect and optional note")
        text, note = entry.get("q"), entry.get("note", "")
        if not isinstance(text, str) or not from_slack(text).strip() or not isinstance(note, str):
            raise QuestionsError(f"{where}: q must be a non-empty string (beyond Slack markup), note a string")
        if text in seen:
            raise QuestionsError(f"{where}: duplicate question {text!r}")
        seen.add(text)
        questions.append(Question(text, _expected(entry.get("expect"), where), note))
    return questions
