"""Question → ranked topics for mentions, and how sure the bot may be about the first.

A field-weighted BM25 (BM25F) over each topic's names, asks (the questions it answers, written by
content authors), summary and body, in English and in the snapshot's language; a bonus when the
question names a topic outright; and typo and morphology repair that maps an unknown word onto a
word of the pack through character trigrams and ``rapidfuzz``. Every rule is deterministic and
explainable, and the cost is linear in the question's length (a 40 KB hostile mention costs
little): the question is cut to ``MAX_TOKENS`` words and each distinct word is repaired once.

Scores are normalised to the share of the question's information (its words' IDF) that a topic
covers, plus the name bonus, so one floor and one margin can band every question alike:
``Answerer.answer`` says *sure* (one topic), *unsure* (two or three to choose from), *compare* (the
question sets two roles or two structures side by side) or *none*. The band constants were
chosen on the tuning sets only by ``bench/calibrate_bands.py``; ``bench/mention_accuracy.py``
measures them on every set.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from bot.catalog import Pack, TopicKind, fold, localize, normalize
from bot.catalog.index import GENERIC_WORDS, names_of
from bot.catalog.models import Explainer

MAX_TOKENS = 200
"""Words of a question read; no real question is longer, and it bounds a hostile one."""
MAX_WORD = 40
"""Longer "words" (a pasted token, a hostile run of letters) are never repaired."""

FIELD_WEIGHTS = {"name": 3.0, "asks": 2.0, "summary": 1.5, "body": 1.0}
"""A word in a topic's name says most about it; in the questions it answers nearly as much; a
word deep in the body least. Chosen on the tuning sets with the bands."""
FIELD_B = {"name": 0.3, "asks": 0.5, "summary": 0.5, "body": 0.75}
"""BM25 length normalisation per field: long bodies are discounted, lists of names barely."""
K1 = 1.2
"""BM25 saturation: a word's fifth mention in a topic adds little over its second."""

NAME_BONUS = 0.3
"""Added when the question names a topic outright ("what does a data scientist do"): a name is
the strongest evidence there is, on the same scale as a topic covering all of the question."""
RELATED_MARGIN = 0.05
"""An explainer about a topic the question names ("a typical day as an ML engineer") competes
with that topic's card on the rest of the words, starting just behind it, so the card still
wins a bare "ML engineer?"."""
MIN_SHARED_WORDS = 2
"""A topic the question does not name needs two different words in common with it: one stray
word ("open", "manager", "get") is how off-topic questions used to get confident answers."""
UNKNOWN_WEIGHT = 1.0
"""How much of a question a word no topic uses stands for, as a share of the rarest word's IDF.
At 1 an off-topic question ("where can I get pizza") scores low everywhere; lower forgives the
colloquial words of a long on-topic question."""
TYPO_CUTOFF = 80.0
"""``rapidfuzz`` ratio (0–100) at which an unknown word is read as a word of the pack."""
TYPO_MIN_LENGTH = 5
"""Shorter words are too easily another word ("data"/"date"): they are never repaired."""

MIN_SCORE = 0.1
"""Below this the first topic is no answer at all: the bot says it does not know."""
SURE_SCORE = 0.4
"""At or above this, and ``SURE_MARGIN`` ahead of the second, the first topic is answered."""
SURE_MARGIN = 0.3
"""How far the first topic must lead the second to be answered alone; closer, they are offered
as choices."""
CHOICE_SHARE = 0.3
"""A runner-up is offered as a choice when it scores at least this share of the first."""
MAX_CHOICES = 3

Band = Literal["sure", "unsure", "compare", "none"]

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "about",
        "tell",
        "explain",
        "rolecall",
        "please",
        "hi",
        "hello",
        "hey",
        "we",
        "our",
        "us",
        "should",
        "would",
        "could",
        "there",
        # small talk: a mention made only of these is answered with how to ask
        "thanks",
        "thank",
        "thx",
        "cheers",
        "ok",
        "okay",
        "cool",
        "great",
    ]
)


PERSIAN_STOPWORDS = frozenset(
    fold(word)
    for word in [
        "و",
        "در",
        "به",
        "از",
        "که",
        "این",
        "آن",
        "را",
        "با",
        "برای",
        "است",
        "هست",
        "هستند",
        "یک",
        "یه",
        "چه",
        "چی",
        "چیه",
        "چیست",
        "کی",
        "کیه",
        "چطور",
        "چطوری",
        "چگونه",
        "آیا",
        "من",
        "ما",
        "شما",
        "تو",
        "او",
        "اون",
        "این\u200cها",
        "آن\u200cها",
        "ها",
        "های",
        "هم",
        "یا",
        "اما",
        "ولی",
        "تا",
        "بر",
        "باید",
        "می\u200cشود",
        "میشه",
        "میشود",
        "کنم",
        "کنی",
        "کند",
        "کنه",
        "کنیم",
        "کنید",
        "کنند",
        "داره",
        "دارد",
        "دارن",
        "دارند",
        "بود",
        "بودن",
        "شد",
        "شده",
        "شود",
        "بشه",
        "رو",
        "سلام",
        "ممنون",
        "مرسی",
        "لطفا",
        "لطفاً",
        "خیلی",
        "چند",
        "کدوم",
        "کدام",
        "چرا",
        "کجا",
        "وقتی",
        "اگر",
        "اگه",
        "باشه",
        "باشد",
        "دیگه",
        "دیگر",
        "همه",
    ]
)
"""Persian function words, folded as questions are (so "می‌شود" and "میشه" both go)."""

PERSIAN_SUFFIXES = ("هایی", "های", "ها", "ترین")
PERSIAN_PREFIXES = ("نمی", "می")
PERSIAN_CLITICS = ("شون", "مون", "تون", "یی", "ای", "ش", "م", "ت", "ی", "و")
"""Pronoun and ezafe endings ("فرقشون", "نقشی"), dropped only when what remains is a word of the
pack: blind, they would cut real letters off words that end in them."""
PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")
COMPARE_WORDS = frozenset(["vs", "versus", "difference", "differences", "different", "differ", "compare", "comparison"])
COMPARE_STEMS = tuple(fold(word) for word in ["فرق", "تفاوت", "مقایسه"])
"""Words that ask for two things side by side; Persian ones by their start ("فرقشون", "تفاوتی")."""

_local = threading.local()


def _english_stemmer() -> Any:
    """Snowball stemmers keep state while stemming, so each thread has its own."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    """English words by Snowball ("engineering" and "engineers" meet "engineer"); Persian plurals
    and comparatives dropped ("نقش‌ها" finds "نقش") and verb prefixes too ("می‌کند" meets "کند")."""
    if PERSIAN_LETTER.match(word):
        for prefix in PERSIAN_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        for suffix in PERSIAN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    if word.isdigit() or len(word) > MAX_WORD:
        return word
    return str(_english_stemmer().stemWord(word))


def _words(text: str) -> list[str]:
    """Folded words, stopwords and single letters out, at most ``MAX_TOKENS`` of them."""
    found = re.findall(r"\w+", fold(text)[: MAX_TOKENS * 12])[:MAX_TOKENS]
    return [w for w in found if len(w) > 1 and w not in STOPWORDS and w not in PERSIAN_STOPWORDS]


def tokens(text: str) -> list[str]:
    """Folded word stems, without stopwords, in English and Persian alike."""
    return [_stem(w) for w in _words(text)]


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _phrase(words: Iterable[str]) -> str:
    """Words joined by single spaces and padded, so names match on word boundaries only."""
    return " " + " ".join(words) + " "


def _strings(value: Any) -> Iterator[str]:
    """Every string in a dumped model, keys left out (they are the schema, not the topic)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class Hit:
    kind: TopicKind
    topic_id: str
    score: float

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.topic_id}"


@dataclass(frozen=True)
class Verdict:
    """How a question is answered: the band, and the topics it answers with (one when sure, two
    or three when unsure, the two compared, none when it does not know)."""

    band: Band
    hits: tuple[Hit, ...]
    ranked: tuple[Hit, ...] = ()
    """The ranking behind it, best first, for the bench and the logs."""
    compared: bool = False
    """Answered as a comparison (or by the explainer that is that comparison), whatever the bands."""


Key = tuple[TopicKind, str]


@dataclass(frozen=True)
class Named:
    """What names a question holds: the bonus per topic, the topics named in order, and what a
    related explainer needs to earn its bonus."""

    bonus: dict[Key, float]
    named: list[Key]
    by_relation: frozenset[Key]
    """Explainers whose bonus comes from a topic they relate to, not from their own name."""
    name_words: frozenset[str]
    """The stems of every name the question holds."""


class Answerer:
    """Ranks a pack's topics against a free-text question, and bands the result."""

    def __init__(self, pack: Pack, language: str = "en") -> None:
        fields: dict[Key, dict[str, list[str]]] = {}
        self._names: list[tuple[str, Key]] = []
        self._related: dict[Key, list[Key]] = {}
        self._comparisons: dict[frozenset[Key], Key] = {}
        """Explainers that are themselves a comparison of two topics (related to exactly those
        two, "vs" in a name): the curated answer to "X vs Y"."""
        raw_words: set[str] = set()
        for kind, table in (("role", pack.roles), ("team", pack.teams), ("explainer", pack.explainers)):
            for topic_id, original in table.items():
                key: Key = (kind, topic_id)  # type: ignore[assignment]
                topic = localize(original, language)
                translation = original.translations.get(language) if language != "en" else None  # type: ignore[call-overload]
                names = [*names_of(original), topic_id.replace("-", " ")]
                spoken = dict.fromkeys([original.title, *original.aliases, topic.title, names[-1]])
                spoken.update(dict.fromkeys(translation.aliases if translation else []))
                asks = [*original.asks, *(translation.asks if translation else [])]
                summaries = dict.fromkeys([original.summary, topic.summary])
                skip = {"translations", "id", "aliases", "title", "asks", "summary", "related"}
                bodies = dict.fromkeys([*_strings(original.model_dump(exclude=skip))])
                if topic is not original:
                    bodies.update(dict.fromkeys(_strings(topic.model_dump(exclude=skip))))
                texts = {"name": " ".join(spoken), "asks": " ".join(asks), "summary": " ".join(summaries)}
                texts["body"] = " ".join(bodies)
                fields[key] = {field: tokens(text) for field, text in texts.items()}
                for text in (texts["name"], texts["asks"]):
                    raw_words.update(w for w in _words(text) if len(w) >= 4)
                kept = [name for name in names if _words(name) and normalize(name) not in GENERIC_WORDS]
                self._names += [(_phrase(_words(name)), key) for name in kept]
                if isinstance(topic, Explainer):
                    self._related[key] = [(ref.kind, ref.id) for ref in topic.related]
                    named_vs = any("vs" in _words_kept(name) for name in names)
                    if len(topic.related) == 2 and named_vs:
                        self._comparisons[frozenset(self._related[key])] = key
        self._build_index(fields)
        self._repair_words: dict[str, list[str]] = {}
        """Words of names and asks by character trigram: where an unknown word is looked for."""
        for word in sorted(raw_words):
            for gram in _trigrams(word):
                self._repair_words.setdefault(gram, []).append(word)
        self._repaired: dict[str, str] = {}

    def _build_index(self, fields: dict[Key, dict[str, list[str]]]) -> None:
        """BM25F: per word and topic, the field-weighted, length-normalised frequency, saturated
        and multiplied by the word's IDF, stored as postings so a question visits only topics
        that share a word with it."""
        count = len(fields)
        average = {f: sum(len(doc[f]) for doc in fields.values()) / max(count, 1) or 1.0 for f in FIELD_WEIGHTS}
        frequency = Counter(word for doc in fields.values() for word in {w for ws in doc.values() for w in ws})
        self._idf = {w: math.log(1 + (count - n + 0.5) / (n + 0.5)) for w, n in frequency.items()}
        self._unknown_idf = math.log(1 + (count + 0.5) / 0.5)
        """Words no topic uses weigh like the rarest: a question mostly about something else
        ("where can I get pizza") then scores low everywhere instead of on its one common word."""
        self._postings: dict[str, list[tuple[Key, float]]] = {}
        for key, doc in fields.items():
            weighted: dict[str, float] = {}
            for field, words in doc.items():
                norm = 1 - FIELD_B[field] + FIELD_B[field] * len(words) / average[field]
                for word, n in Counter(words).items():
                    weighted[word] = weighted.get(word, 0.0) + FIELD_WEIGHTS[field] * n / norm
            for word, tf in weighted.items():
                self._postings.setdefault(word, []).append((key, self._idf[word] * tf / (K1 + tf)))

    def _repair(self, word: str) -> str:
        """An unknown word read as a word of the pack: a Persian word with a pronoun or ezafe
        ending ("فرقشون"), or a typo ("sceintist", "hardwear") close to a word of a name or an
        ask sharing character trigrams with it. Remembered, so each distinct word costs once."""
        if _stem(word) in self._idf or len(word) < TYPO_MIN_LENGTH - 1 or len(word) > MAX_WORD or word.isdigit():
            return word
        known = self._repaired.get(word)
        if known is not None:
            return known
        repaired = word
        if PERSIAN_LETTER.match(word):
            for clitic in PERSIAN_CLITICS:
                rest = word[: -len(clitic)]
                if word.endswith(clitic) and len(rest) >= 2 and _stem(rest) in self._idf:
                    repaired = rest
                    break
        if repaired == word and len(word) >= TYPO_MIN_LENGTH:
            grams = _trigrams(word)
            shared = Counter(w for gram in grams for w in self._repair_words.get(gram, ()))
            best, best_score = word, TYPO_CUTOFF
            for candidate, n in sorted(shared.items()):
                if n * 3 < len(grams):
                    continue
                score = fuzz.ratio(word, candidate)
                if score >= best_score and (score > best_score or best == word):
                    best, best_score = candidate, score
            repaired = best
        if len(self._repaired) > 50_000:
            self._repaired.clear()
        self._repaired[word] = repaired
        return repaired

    def _named(self, words: list[str]) -> Named:
        """Name bonus per topic the question names outright (longest name wins), and, a little
        less, per explainer related to a named topic; and the named topics, in order, not counting
        a name inside a longer one ("platform" in "ml platform engineer")."""
        folded = _phrase(words)
        spans: dict[Key, list[tuple[int, int]]] = {}
        for name, key in self._names:
            for form in (name, name[:-1] + "s "):
                start = folded.find(form)
                while start >= 0:
                    spans.setdefault(key, []).append((start, start + len(form)))
                    start = folded.find(form, start + 1)
        everything = [(span, key) for key, found in spans.items() for span in found]

        def inside(span: tuple[int, int], key: Key) -> bool:
            a, b = span
            return any(s[0] <= a and b <= s[1] and s[1] - s[0] > b - a for s, k in everything if k != key)

        # a name inside another topic's longer name ("platform" in "ml platform engineer") is
        # part of that name, not a name of its own
        spans = {key: kept for key, found in spans.items() if (kept := [s for s in found if not inside(s, key)])}
        lengths = {key: max(b - a for a, b in found) for key, found in spans.items()}
        named = sorted((min(a for a, _ in found), key) for key, found in spans.items())
        bonus = {key: NAME_BONUS + length / 1000 for key, length in lengths.items()}
        by_relation = set()
        for key, related in self._related.items():
            refs = [ref for ref in related if ref in lengths]
            if refs and key not in lengths:
                bonus[key] = max(bonus[ref] for ref in refs) - RELATED_MARGIN
                by_relation.add(key)
        said = frozenset(_stem(w) for found in spans.values() for a, b in found for w in folded[a:b].split())
        return Named(bonus, [key for _, key in named], frozenset(by_relation), said)

    def _read(self, question: str) -> list[str]:
        return [self._repair(w) for w in _words(question)]

    def _scores(self, words: list[str]) -> list[Hit]:
        query = list(dict.fromkeys(_stem(w) for w in words))
        found = self._named(words)
        bonus = found.bonus
        total = sum(self._idf.get(w, self._unknown_idf * UNKNOWN_WEIGHT) for w in query) or 1.0
        scores: dict[Key, float] = {}
        shared: Counter[Key] = Counter()
        beyond_names: set[Key] = set()
        for word in query:
            for key, weight in self._postings.get(word, ()):
                scores[key] = scores.get(key, 0.0) + weight
                shared[key] += 1
                if word not in found.name_words:
                    beyond_names.add(key)
        # an explainer about a named topic earns its bonus only on the question's other words:
        # "what does a data scientist do" is the card's, "a typical day as a data scientist" may
        # be the explainer's
        bonus = {k: v for k, v in bonus.items() if k not in found.by_relation or k in beyond_names}
        kept = {
            key: scores.get(key, 0.0) / total + bonus.get(key, 0.0)
            for key in {*scores, *bonus}
            if key in bonus or shared[key] >= MIN_SHARED_WORDS
        }
        ranked = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Hit(kind, topic_id, score) for (kind, topic_id), score in ranked if score > 0]

    def rank(self, question: str, limit: int = 3, floor: float = MIN_SCORE) -> list[Hit]:
        """Best topics first; empty when nothing scores at least ``floor``."""
        return [hit for hit in self._scores(self._read(question)) if hit.score >= floor][:limit]

    def answer(self, question: str) -> Verdict:
        """The verdict on a question: a comparison when it asks for two roles or two structures
        side by side and no explainer compares exactly those; else the band its ranking falls in."""
        words = self._read(question)
        ranked = tuple(self._scores(words))
        compared = self._compared(words)
        if compared is not None:
            curated = self._comparisons.get(frozenset(compared))
            if curated is None:
                hits = tuple(Hit(kind, topic_id, 1.0) for kind, topic_id in compared)
                return Verdict("compare", hits, ranked, compared=True)
            return Verdict("sure", (Hit(*curated, 1.0),), ranked, compared=True)
        return banded(ranked)

    def _compared(self, words: list[str]) -> list[Key] | None:
        """The two roles, or two structures, a question asks to compare: a comparing word and
        exactly two topics of one kind named."""
        asks_to_compare = any(w in COMPARE_WORDS or w.startswith(COMPARE_STEMS) for w in words)
        if not asks_to_compare:
            return None
        named = self._named(words).named
        for kind in ("role", "team"):
            of_kind = [key for key in named if key[0] == kind]
            if len(of_kind) == 2:
                return of_kind
        return None


@dataclass(frozen=True)
class Bands:
    """Where sure ends and unsure begins: one floor and one margin for every question."""

    floor: float = MIN_SCORE
    sure: float = SURE_SCORE
    margin: float = SURE_MARGIN
    share: float = CHOICE_SHARE


def banded(ranked: tuple[Hit, ...], bands: Bands | None = None) -> Verdict:
    """*none* below the floor; *sure* when the first topic scores at least ``sure`` and leads
    the second by ``margin``; else *unsure*, offering the first and the runners-up that score at
    least ``share`` of it. The same rule for every question, never tuned per question."""
    bands = bands or Bands()
    if not ranked or ranked[0].score < bands.floor:
        return Verdict("none", (), ranked)
    first = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if first.score >= bands.sure and first.score - second >= bands.margin:
        return Verdict("sure", (first,), ranked)
    choices = [hit for hit in ranked[:MAX_CHOICES] if hit.score >= first.score * bands.share]
    return Verdict("unsure", tuple(choices), ranked)


def _words_kept(text: str) -> list[str]:
    """A name's folded words, every one kept (stopwords too), as questions are read for names."""
    return re.findall(r"\w+", fold(text))
