"""The mention ranker and its bands, on small packs made for each rule, so a test fails for the
rule it names and not because the bundled content changed. How often the bundled pack is
answered right is measured by ``bench/mention_accuracy.py``, not here."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

import pytest

from bot.answer import Answerer, Bands, Hit, banded, tokens
from bot.catalog import Pack


def _small(pack: Pack, roles: Mapping[str, Mapping[str, object]], teams: tuple[str, ...] = ()) -> Pack:
    """The bundled pack cut down to ``roles`` (each with the fields given laid over it), the
    ``teams`` named and the explainers among those that relate only to what is kept."""
    kept = {rid: pack.roles[rid].model_copy(update=dict(fields)) for rid, fields in roles.items()}
    team_table = {tid: pack.teams[tid] for tid in teams}
    ids = {("role", r) for r in kept} | {("team", t) for t in team_table}
    explainers = {
        eid: e for eid, e in pack.explainers.items() if e.related and {(r.kind, r.id) for r in e.related} <= ids
    }
    return replace(pack, roles=kept, teams=team_table, explainers=explainers)


def _keys(hits: tuple[Hit, ...] | list[Hit]) -> list[str]:
    return [hit.key for hit in hits]


def test_english_words_meet_through_their_stems() -> None:
    assert tokens("engineering engineers") == tokens("engineer engineer")
    assert tokens("Actuaries") == tokens("actuary")


def test_persian_plurals_and_verb_prefixes_fold() -> None:
    assert tokens("نقش‌ها") == tokens("نقش")
    assert tokens("می‌سازد") == tokens("سازد") == ["سازد"]
    assert tokens("ميسازد") == tokens("سازد"), "Arabic-keyboard letters and no ZWNJ fold alike"


def test_asks_answer_a_question_in_words_the_card_never_uses(pack: Pack) -> None:
    asks = {"asks": ["who keeps the GPU cluster busy and cheap?"]}
    small = _small(pack, {"ml-platform-engineer": asks, "data-analyst": {}, "data-scientist": {}})
    without = _small(pack, {"ml-platform-engineer": {}, "data-analyst": {}, "data-scientist": {}})
    question = "our gpu cluster sits idle half the time, who keeps it busy?"
    assert _keys(Answerer(small).answer(question).hits) == ["role:ml-platform-engineer"]
    assert Answerer(without).answer(question).band != "sure"


def test_persian_asks_count_in_the_persian_snapshot_only(pack: Pack) -> None:
    role = pack.roles["data-analyst"]
    translation = role.translations["fa"].model_copy(update={"asks": ["گزارش فروش ماهانه را چه کسی آماده می‌کند؟"]})
    fields: dict[str, object] = {"translations": {**role.translations, "fa": translation}}
    small = _small(pack, {"data-analyst": fields, "mle": {}, "data-engineer": {}})
    question = "گزارش ماهانهٔ فروش رو کی آماده می‌کنه؟"
    assert _keys(Answerer(small, "fa").answer(question).hits) == ["role:data-analyst"]
    assert Answerer(small, "en").rank(question, floor=0.0) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [("what does a data sceintist do", "role:data-scientist"), ("hardwear engineer", "role:ml-hardware-engineer")],
)
def test_typos_are_read_as_the_word_they_are_close_to(pack: Pack, question: str, expected: str) -> None:
    small = _small(pack, {"data-scientist": {}, "ml-hardware-engineer": {}, "data-analyst": {}})
    assert _keys(Answerer(small).rank(question, limit=1)) == [expected]


def test_a_word_is_not_repaired_into_a_different_short_one(pack: Pack) -> None:
    """ "date" is one letter from "data": short words are never repaired, so no topic is found."""
    small = _small(pack, {"data-scientist": {}, "data-analyst": {}})
    assert Answerer(small).answer("what date is the party").band == "none"


@pytest.mark.parametrize(
    "question", ["where can I get pizza near the office", "who is my manager", "what's the capital of France"]
)
def test_off_topic_questions_are_declined(pack: Pack, question: str) -> None:
    small = _small(pack, {"mle": {}, "data-scientist": {}, "devrel": {}}, ("embedded",))
    verdict = Answerer(small).answer(question)
    assert verdict.band == "none"
    assert verdict.hits == ()


def test_two_roles_to_compare_get_a_comparison_in_the_order_named(pack: Pack) -> None:
    small = _small(pack, {"ml-platform-engineer": {}, "data-engineer": {}, "mle": {}}, ("platform",))
    verdict = Answerer(small).answer("ml platform engineer vs data engineer?")
    assert verdict.band == "compare"
    assert _keys(verdict.hits) == ["role:ml-platform-engineer", "role:data-engineer"]


def test_two_structures_to_compare_get_a_comparison(pack: Pack) -> None:
    small = _small(pack, {"mle": {}}, ("embedded", "consultancy", "platform"))
    verdict = Answerer(small).answer("what's the difference between the embedded and the consultancy model?")
    assert (verdict.band, _keys(verdict.hits)) == ("compare", ["team:embedded", "team:consultancy"])


def test_naming_two_roles_without_asking_to_compare_is_no_comparison(pack: Pack) -> None:
    small = _small(pack, {"mle": {}, "data-scientist": {}, "data-engineer": {}})
    assert Answerer(small).answer("does a data engineer work with the data scientist every day").band != "compare"


def test_an_explainer_that_is_the_comparison_answers_it(pack: Pack) -> None:
    """ "mle vs ds" has a curated answer: the explainer related to exactly those two, "vs" in its name."""
    small = _small(pack, {"mle": {}, "data-scientist": {}, "data-analyst": {}})
    assert "mle-vs-data-scientist" in small.explainers
    for question in ("mle vs ds", "difference between a data scientist and an ML engineer", "فرق mle با ds چیه"):
        verdict = Answerer(small, "fa").answer(question)
        assert (verdict.band, _keys(verdict.hits)) == ("sure", ["explainer:mle-vs-data-scientist"]), question


def _hits(*scores: float) -> tuple[Hit, ...]:
    return tuple(Hit("role", f"r{n}", score) for n, score in enumerate(scores))


BANDS = Bands(floor=0.3, sure=0.7, margin=0.25, share=0.4)


def test_below_the_floor_is_none() -> None:
    assert banded(_hits(0.29, 0.1), BANDS).band == "none"
    assert banded((), BANDS).band == "none"


def test_a_high_score_with_a_clear_lead_is_sure() -> None:
    verdict = banded(_hits(0.9, 0.6), BANDS)
    assert (verdict.band, _keys(verdict.hits)) == ("sure", ["role:r0"])


@pytest.mark.parametrize("scores", [(0.9, 0.7, 0.5, 0.2), (0.6, 0.2), (0.65,)])
def test_a_close_second_or_a_low_first_is_unsure(scores: tuple[float, ...]) -> None:
    """Close (0.9 against 0.7) or not high enough (0.6, 0.65 alone): choices, never a guess."""
    verdict = banded(_hits(*scores), BANDS)
    assert verdict.band == "unsure"
    assert _keys(verdict.hits)[0] == "role:r0"


def test_choices_are_at_most_three_and_only_those_near_the_first() -> None:
    assert _keys(banded(_hits(0.9, 0.8, 0.75, 0.7), BANDS).hits) == ["role:r0", "role:r1", "role:r2"]
    assert _keys(banded(_hits(0.6, 0.5, 0.2), BANDS).hits) == ["role:r0", "role:r1"]


def test_a_long_question_costs_linear_time(pack: Pack) -> None:
    """Every distinct unknown word is repaired once: thousands of them cost little."""
    answerer = Answerer(pack)
    words = " ".join(f"qzx{n}wyk" for n in range(5_000))
    started = time.thread_time()
    answerer.answer(words)
    answerer.answer("sceintist " * 4_000)
    assert time.thread_time() - started < 0.1
