"""How often ``@RoleCall question`` shows the right topic, on labelled questions.

Runs the real ``bot.commands.mention.mention_answer`` over ``bench/data/mention_questions.yml`` (questions a
new member of an ML team might ask, each labelled with the topic a good answer shows, or ``none``
when the pack cannot answer) and reports how often it picked right, how often the right topic was
at least in the top 3, how often it declined when it should have, and how often it answered
confidently but wrongly, which is the costly mistake: a person reads a wrong card as the answer.
Run from the repository root::

    .venv/bin/python -m bench.mention_accuracy [--json] [--questions FILE] [--content DIR]

It only measures: no threshold is enforced. The exit code is 0 when it ran, 1 when it could not
(the questions file or the content pack is missing or invalid, or a question expects a topic the
pack does not have), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bot.answer
from bot.answer import Hit
from bot.catalog import BUNDLED_DIR, ContentError
from bot.commands.language import language_of
from bot.commands.mention import mention_answer
from bot.commands.reading import MAX_INPUT
from bot.snapshot import ContentHolder, Snapshot
from bot.views.text import from_slack
from testkit.questions import HELD_OUT, KINDS, NONE, PERSIAN, QUESTIONS, Question, QuestionsError, load_questions

TOP = 3


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


def unknown_topics(questions: Sequence[Question], snap: Snapshot) -> list[str]:
    """Expected keys the pack has no card for; a question pointing at one could never be answered right."""
    return sorted({key for q in questions for key in q.expected if key != NONE and key not in snap.cards})


def _key(hit: Hit) -> str:
    return f"{hit.kind}:{hit.topic_id}"


@dataclass(frozen=True)
class Result:
    question: Question
    got: str
    """What ``mention_answer`` showed: ``kind:id``, or ``none`` when it declined."""
    served: tuple[Hit, ...]
    """``snap.answerer.rank`` as served (confidence floor applied), best first."""
    unfloored: tuple[Hit, ...]
    """The same ranking with the floor lifted."""

    @property
    def correct(self) -> bool:
        return self.got in self.question.expected

    @property
    def answered(self) -> bool:
        return self.got != NONE

    @property
    def wrong_confident(self) -> bool:
        """Showed a card, and not a right one: the mistake a reader cannot spot."""
        return self.answered and not self.correct

    @property
    def in_top(self) -> bool:
        return any(_key(hit) in self.question.expected for hit in self.served)

    @property
    def in_top_unfloored(self) -> bool:
        return any(_key(hit) in self.question.expected for hit in self.unfloored)


def ask(snap: Snapshot, question: Question) -> Result:
    """One question through ``mention_answer``, plus the ranking behind it."""
    answer = mention_answer(snap, question.text)
    payload = (answer.metadata or {}).get("event_payload", {})
    kind, topic_id = str(payload.get("kind", NONE)), str(payload.get("id", ""))
    got = NONE if kind == NONE or not topic_id else f"{kind}:{topic_id}"
    asked = from_slack(question.text).strip()[:MAX_INPUT]  # what mention_answer ranks
    served = tuple(snap.answerer.rank(asked, TOP))
    unfloored = tuple(snap.answerer.rank(asked, TOP, floor=float("-inf")))
    return Result(question, got, served, unfloored)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Report:
    pack: str
    questions_file: str
    min_score: float
    results: tuple[Result, ...]

    def _answerable(self) -> list[Result]:
        return [r for r in self.results if r.question.answerable]

    def _unanswerable(self) -> list[Result]:
        return [r for r in self.results if not r.question.answerable]

    @property
    def mismatches(self) -> list[Result]:
        """Questions where ``mention_answer`` and the bench's own ``rank`` call disagree: the bench would be stale."""
        return [r for r in self.results if r.got != (_key(r.served[0]) if r.served else NONE)]

    def summary(self) -> dict[str, dict[str, Any]]:
        answerable, unanswerable = self._answerable(), self._unanswerable()

        def figure(part: int, whole: int) -> dict[str, Any]:
            return {"count": part, "of": whole, "rate": _rate(part, whole)}

        return {
            "top1_answerable": figure(sum(r.correct for r in answerable), len(answerable)),
            "top3_answerable": figure(sum(r.in_top for r in answerable), len(answerable)),
            "top3_answerable_no_floor": figure(sum(r.in_top_unfloored for r in answerable), len(answerable)),
            "declined_answerable": figure(sum(not r.answered for r in answerable), len(answerable)),
            "correct_declines_none": figure(sum(r.correct for r in unanswerable), len(unanswerable)),
            "wrong_confident_all": figure(sum(r.wrong_confident for r in self.results), len(self.results)),
        }

    def per_kind(self) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = {}
        for kind in (*KINDS, NONE):
            group = [r for r in self.results if r.question.kind == kind]
            right = sum(r.correct for r in group)
            table[kind] = {"count": right, "of": len(group), "rate": _rate(right, len(group))}
        return table

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "questions_file": self.questions_file,
            "min_score": self.min_score,
            "summary": self.summary(),
            "per_kind": self.per_kind(),
            "results": [
                {
                    "question": r.question.text,
                    "expected": list(r.question.expected),
                    "got": r.got,
                    "correct": r.correct,
                    "wrong_confident": r.wrong_confident,
                    "in_top3": r.in_top if r.question.answerable else None,
                    "top": [{"topic": _key(h), "score": round(h.score, 4)} for h in r.unfloored],
                    "note": r.question.note or None,
                }
                for r in self.results
            ],
        }


def measure(questions: Sequence[Question], content: Path, questions_file: Path) -> Report:
    """Each question answered from the snapshot the app would pick for it (Persian script gets
    the Persian snapshot), as a person with no language setting would be answered."""
    try:
        holder = ContentHolder(content)
    except ContentError as error:
        raise BenchError(f"cannot load the content pack at {content}:\n{error}") from None
    snap = holder.current
    missing = unknown_topics(questions, snap)
    if missing:
        raise BenchError(f"{questions_file.name} expects topics the pack at {content} lacks: {', '.join(missing)}")
    return Report(
        pack=f"{snap.pack.info.id} {snap.pack.version}",
        questions_file=str(questions_file),
        min_score=bot.answer.MIN_SCORE,
        results=tuple(ask(holder.snapshot(language_of(holder, q.text, None)), q) for q in questions),
    )


def _pct(figure: dict[str, Any]) -> str:
    rate = figure["rate"]
    shown = "n/a" if rate is None else f"{100 * rate:5.1f}%"
    return f"{figure['count']:4d}/{figure['of']:<4d} {shown}"


def _hits(hits: Sequence[Hit], floor: float) -> str:
    if not hits:
        return "(no topic scored above 0)"
    return ", ".join(f"{_key(h)} {h.score:.3f}" for h in hits) + f"  (floor {floor:g})"


def print_report(report: Report) -> None:
    summary, kinds = report.summary(), report.per_kind()
    total = len(report.results)
    answerable = summary["top1_answerable"]["of"]
    print(f"RoleCall mention accuracy: pack {report.pack}, {report.questions_file}")
    print(f"{total} questions: {answerable} answerable, {total - answerable} the pack cannot answer ('none')")
    print()
    print(f"top-1 right, answerable questions       {_pct(summary['top1_answerable'])}")
    print(f"right topic in rank's top {TOP}             {_pct(summary['top3_answerable'])}")
    print(f"  the same with the floor lifted        {_pct(summary['top3_answerable_no_floor'])}")
    print(f"declined though answerable              {_pct(summary['declined_answerable'])}")
    print(f"correct declines, 'none' questions      {_pct(summary['correct_declines_none'])}")
    print(f"wrong confident answers, all questions  {_pct(summary['wrong_confident_all'])}")
    print()
    print("per kind (main expected topic)")
    for kind, figure in kinds.items():
        label = "none (declined)" if kind == NONE else kind
        print(f"  {label:<16}                      {_pct(figure)}")
    misses = [r for r in report.results if not r.correct]
    print()
    print(f"misses ({len(misses)}); 'top' is the ranking with the confidence floor lifted")
    for r in misses:
        verdict = "declined" if not r.answered else "WRONG ANSWER"
        print(f"  {r.question.text!r}")
        print(f"      expected {' | '.join(r.question.expected)}; got {r.got} ({verdict})")
        print(f"      top: {_hits(r.unfloored, report.min_score)}")
    if report.mismatches:
        print()
        print(
            f"warning: for {len(report.mismatches)} question(s) mention_answer's topic differs from rank()'s first "
            "hit; bot.commands.mention probably cleans the text differently now, so the top-3 figures may be off"
        )


SETS = {"English": QUESTIONS, "English, held out": HELD_OUT, "Persian": PERSIAN}


def print_comparison(reports: dict[str, Report]) -> None:
    """The sets side by side: right, confidently wrong, and declined, in each language."""
    print(f"RoleCall mention accuracy by question set, pack {next(iter(reports.values())).pack}")
    columns = f"{'right':>16}{'confidently wrong':>20}{'right declines':>16}{'wrong declines':>16}"
    print(f"{'set':<20}{'questions':>10}{columns}")
    for name, report in reports.items():
        summary = report.summary()
        figures = [
            summary["top1_answerable"],
            summary["wrong_confident_all"],
            summary["correct_declines_none"],
            summary["declined_answerable"],
        ]
        shown = "".join(f"{_pct(figure):>16}" if i != 1 else f"{_pct(figure):>20}" for i, figure in enumerate(figures))
        print(f"{name:<20}{len(report.results):>10}{shown}")
    print("right: top-1 on answerable questions; confidently wrong: a card shown that is not a right one, of all")
    print("questions; right declines: 'none' questions declined; wrong declines: answerable questions declined.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.mention_accuracy",
        description="Measure how often @RoleCall mentions show the right topic, on labelled questions.",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of text")
    parser.add_argument(
        "--questions", type=Path, default=QUESTIONS, help=f"labelled questions (default {QUESTIONS.name})"
    )
    parser.add_argument(
        "--content", type=Path, default=BUNDLED_DIR, help="content pack directory (default: the bundled pack)"
    )
    parser.add_argument(
        "--compare", action="store_true", help="every question set side by side (English, held out, Persian)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.compare:
        try:
            reports = {name: measure(load_questions(path), args.content, path) for name, path in SETS.items()}
        except (BenchError, QuestionsError) as error:
            print(f"mention_accuracy: could not run: {error}", file=sys.stderr)
            return 1
        print_comparison(reports)
        return 0
    try:
        questions = load_questions(args.questions)
        report = measure(questions, args.content, args.questions)
    except (BenchError, QuestionsError) as error:
        print(f"mention_accuracy: could not run: {error}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2)
        print()
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
