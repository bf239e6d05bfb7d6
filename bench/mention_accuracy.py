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
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import bot.answer
from bot.answer import Hit
from bot.catalog import BUNDLED_DIR, ContentError
from bot.commands.language import language_of
from bot.commands.mention import mention_answer
from bot.snapshot import ContentHolder, Snapshot
from testkit.questions import (
    HELD_OUT,
    HELD_OUT_V2,
    HELD_OUT_V2_FA,
    KINDS,
    NONE,
    PERSIAN,
    QUESTIONS,
    Question,
    QuestionsError,
    load_questions,
)

TOP = 3


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


def unknown_topics(questions: Sequence[Question], snap: Snapshot) -> list[str]:
    """Expected keys the pack has no card for; a question pointing at one could never be answered right."""
    return sorted({key for q in questions for key in q.expected if key != NONE and key not in snap.cards})


def _key(hit: Hit) -> str:
    return hit.key


Shown = Literal["sure", "compare", "choices", "none"]


@dataclass(frozen=True)
class Result:
    question: Question
    shown: Shown
    """How ``mention_answer`` replied, read off its message metadata."""
    candidates: tuple[str, ...]
    """The ``kind:id`` it answered (one when sure), compared or offered as choices."""
    ranked: tuple[Hit, ...]
    """The ranking behind the reply, best first, before any band was applied."""
    seconds: float
    """Wall time of ``mention_answer``."""

    @property
    def got(self) -> str:
        return self.candidates[0] if self.shown == "sure" else self.shown

    @property
    def sure(self) -> bool:
        """Answered as if it knew: one card, or a comparison."""
        return self.shown in ("sure", "compare")

    @property
    def sure_right(self) -> bool:
        return self.sure and all(key in self.question.expected for key in self.candidates)

    @property
    def sure_wrong(self) -> bool:
        """Answered confidently, and not rightly: the mistake a reader cannot spot."""
        return self.sure and not self.sure_right

    @property
    def choices_right(self) -> bool:
        return self.shown == "choices" and any(key in self.question.expected for key in self.candidates)

    @property
    def declined(self) -> bool:
        return self.shown == "none"

    @property
    def correct(self) -> bool:
        """Right in its own band: sure and right, a right topic among the choices, or declined a
        question the pack cannot answer."""
        return self.sure_right or self.choices_right or (self.declined and not self.question.answerable)

    @property
    def in_top(self) -> bool:
        return any(_key(hit) in self.question.expected for hit in self.ranked[:TOP])


def ask(snap: Snapshot, question: Question) -> Result:
    """One question through ``mention_answer``, timed, read back from its metadata."""
    started = time.perf_counter()
    answer = mention_answer(snap, question.text)
    seconds = time.perf_counter() - started
    payload = answer.metadata.get("event_payload", {})
    kind = str(payload.get("kind", NONE))
    ranked = answer.verdict.ranked if answer.verdict else ()
    if kind in KINDS:
        return Result(question, "sure", (f"{kind}:{payload['id']}",), ranked, seconds)
    if kind in ("compare", "choices"):
        return Result(question, kind, tuple(payload.get("candidates", ())), ranked, seconds)  # type: ignore[arg-type]
    return Result(question, "none", (), ranked, seconds)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _p99(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)] if ordered else 0.0


@dataclass(frozen=True)
class Report:
    pack: str
    questions_file: str
    bands: dict[str, float]
    results: tuple[Result, ...]

    def _answerable(self) -> list[Result]:
        return [r for r in self.results if r.question.answerable]

    def _unanswerable(self) -> list[Result]:
        return [r for r in self.results if not r.question.answerable]

    def summary(self) -> dict[str, dict[str, Any]]:
        answerable, unanswerable = self._answerable(), self._unanswerable()

        def figure(part: int, whole: int) -> dict[str, Any]:
            return {"count": part, "of": whole, "rate": _rate(part, whole)}

        everything = list(self.results)
        return {
            "sure_right": figure(sum(r.sure_right for r in answerable), len(answerable)),
            "sure_wrong": figure(sum(r.sure_wrong for r in everything), len(everything)),
            "choices_right": figure(sum(r.choices_right for r in answerable), len(answerable)),
            "sure_or_choices_right": figure(sum(r.sure_right or r.choices_right for r in answerable), len(answerable)),
            "choices_wrong": figure(
                sum(r.shown == "choices" and not r.choices_right for r in everything), len(everything)
            ),
            "declined_right": figure(sum(r.declined for r in unanswerable), len(unanswerable)),
            "declined_wrong": figure(sum(r.declined for r in answerable), len(answerable)),
            "top3_answerable": figure(sum(r.in_top for r in answerable), len(answerable)),
        }

    def p99_ms(self) -> float:
        return 1000 * _p99([r.seconds for r in self.results])

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
            "bands": self.bands,
            "summary": self.summary(),
            "p99_ms": round(self.p99_ms(), 3),
            "per_kind": self.per_kind(),
            "results": [
                {
                    "question": r.question.text,
                    "expected": list(r.question.expected),
                    "shown": r.shown,
                    "candidates": list(r.candidates),
                    "correct": r.correct,
                    "sure_wrong": r.sure_wrong,
                    "top": [{"topic": _key(h), "score": round(h.score, 4)} for h in r.ranked[:TOP]],
                    "note": r.question.note or None,
                }
                for r in self.results
            ],
        }


BANDS = ("MIN_SCORE", "SURE_SCORE", "SURE_MARGIN", "CHOICE_SHARE")


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
        bands={name: getattr(bot.answer, name) for name in BANDS},
        results=tuple(ask(holder.snapshot(language_of(holder, q.text, None)), q) for q in questions),
    )


def _pct(figure: dict[str, Any]) -> str:
    rate = figure["rate"]
    shown = "n/a" if rate is None else f"{100 * rate:5.1f}%"
    return f"{figure['count']:4d}/{figure['of']:<4d} {shown}"


def _hits(hits: Sequence[Hit]) -> str:
    if not hits:
        return "(no topic scored above 0)"
    return ", ".join(f"{_key(h)} {h.score:.3f}" for h in hits)


def print_report(report: Report) -> None:
    summary, kinds = report.summary(), report.per_kind()
    total = len(report.results)
    answerable = summary["sure_right"]["of"]
    print(f"RoleCall mention accuracy: pack {report.pack}, {report.questions_file}")
    print(f"{total} questions: {answerable} answerable, {total - answerable} the pack cannot answer ('none')")
    print("bands: " + ", ".join(f"{name} {value:g}" for name, value in report.bands.items()))
    print()
    print(f"sure and right, answerable                {_pct(summary['sure_right'])}")
    print(f"right among the choices, answerable       {_pct(summary['choices_right'])}")
    print(f"  sure-and-right plus right-in-choices    {_pct(summary['sure_or_choices_right'])}")
    print(f"sure and WRONG (confidently), all         {_pct(summary['sure_wrong'])}")
    print(f"choices without a right one, all          {_pct(summary['choices_wrong'])}")
    print(f"declined rightly, 'none' questions        {_pct(summary['declined_right'])}")
    print(f"declined wrongly, answerable              {_pct(summary['declined_wrong'])}")
    print(f"right topic in the ranking's top {TOP}        {_pct(summary['top3_answerable'])}")
    print(f"p99 latency of answering                  {report.p99_ms():8.2f} ms")
    print()
    print("per kind (main expected topic), right in its band")
    for kind, figure in kinds.items():
        label = "none (declined)" if kind == NONE else kind
        print(f"  {label:<16}                        {_pct(figure)}")
    misses = [r for r in report.results if not r.correct]
    print()
    print(f"misses ({len(misses)})")
    for r in misses:
        verdict = "CONFIDENTLY WRONG" if r.sure_wrong else r.shown
        print(f"  {r.question.text!r}")
        print(f"      expected {' | '.join(r.question.expected)}; got {r.shown} {' '.join(r.candidates)} ({verdict})")
        print(f"      top: {_hits(r.ranked[:TOP])}")


SETS = {
    "English": QUESTIONS,
    "Persian": PERSIAN,
    "English, held out": HELD_OUT,
    "English, held out v2": HELD_OUT_V2,
    "Persian, held out v2": HELD_OUT_V2_FA,
}
"""Every set, tuning sets first; a held-out file not written yet is left out of ``--compare``."""


def print_comparison(reports: dict[str, Report]) -> None:
    """The sets side by side, each in its own language: how often the reply was right in its
    band, confidently wrong, declined rightly and wrongly, and how long answering took."""
    print(f"RoleCall mention accuracy by question set, pack {next(iter(reports.values())).pack}")
    heads = ["sure+right", "right in choices", "sure or choices", "sure+WRONG", "declined rightly", "declined wrongly"]
    print(f"{'set':<22}{'questions':>10}" + "".join(f"{h:>18}" for h in heads) + f"{'p99 ms':>9}")
    keys = ["sure_right", "choices_right", "sure_or_choices_right", "sure_wrong", "declined_right", "declined_wrong"]
    for name, report in reports.items():
        summary = report.summary()
        shown = "".join(f"{_pct(summary[key]):>18}" for key in keys)
        print(f"{name:<22}{len(report.results):>10}{shown}{report.p99_ms():>9.2f}")
    print("sure+right, right in choices, declined wrongly: of answerable questions; sure+WRONG: a card or a")
    print("comparison shown that is not right, of all questions; declined rightly: of 'none' questions.")


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
            sets = {name: path for name, path in SETS.items() if path.exists()}
            reports = {name: measure(load_questions(path), args.content, path) for name, path in sets.items()}
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
