"""Question → ranked topics, for mentions.

A small TF-IDF over each topic's words, plus a strong bonus when the question names a
topic outright ("what does a data scientist do"). It is deterministic, explainable and
fast; a learned ranker can replace ``Answerer.rank`` later behind the same interface.
``bench/mention_accuracy.py`` measures it on labelled questions; the rules below are the
ones that measurably helped there (and on a held-out set), each for the reason given.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.catalog import Pack, TopicKind, fold, localize, normalize
from bot.catalog.index import names_of
from bot.catalog.models import Explainer

MAX_TOKENS = 200
MIN_SCORE = 0.08
"""Below this the bot says it is not sure rather than guess."""
NAME_BONUS = 1.0
RELATED_MARGIN = 0.08
"""An explainer about a topic the question names ("a typical day as an ML engineer") competes
with that topic's card on the rest of the words, starting just behind it, so the card still
wins a bare "ML engineer?"."""
MIN_SHARED_WORDS = 2
"""A topic the question does not name needs two different words in common with it: one stray
word ("open", "manager", "get") is how off-topic questions used to get confident answers."""
TYPO_CUTOFF = 0.8
TYPO_MIN_LENGTH = 5

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
PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")


def _stem(word: str) -> str:
    """Plurals folded so "teams" finds "team", "actuaries" finds "actuary" and "نقش‌ها" finds
    "نقش"; Persian verb prefixes dropped so "می‌کند" and "کند" meet."""
    if PERSIAN_LETTER.match(word):
        for prefix in PERSIAN_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        for suffix in PERSIAN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def tokens(text: str) -> list[str]:
    """Folded word stems, without stopwords, in English and Persian alike."""
    words = re.findall(r"\w+", fold(text))[:MAX_TOKENS]
    return [_stem(w) for w in words if len(w) > 1 and w not in STOPWORDS and w not in PERSIAN_STOPWORDS]


def _phrase(text: str) -> str:
    """Words joined by single spaces and padded, so names match on word boundaries only."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


@dataclass(frozen=True)
class Hit:
    kind: TopicKind
    topic_id: str
    score: float


class Answerer:
    """Ranks a pack's topics against a free-text question."""

    def __init__(self, pack: Pack, language: str = "en") -> None:
        docs: dict[tuple[TopicKind, str], Counter[str]] = {}
        self._names: list[tuple[str, tuple[TopicKind, str]]] = []
        self._related: dict[tuple[TopicKind, str], list[tuple[TopicKind, str]]] = {}
        for kind, table in (("role", pack.roles), ("team", pack.teams), ("explainer", pack.explainers)):
            for topic_id, original in table.items():
                key: tuple[TopicKind, str] = (kind, topic_id)  # type: ignore[assignment]
                topic = localize(original, language)
                names = [*names_of(original), topic_id.replace("-", " ")]
                # the words a topic is scored on: its names in English and in this snapshot's
                # language only, so another language's names never dilute them
                spoken = dict.fromkeys([original.title, *original.aliases, topic.title, *topic.aliases, names[-1]])
                words = Counter(tokens(" ".join(spoken)) * 3 + tokens(topic.summary) * 2)
                words.update(tokens(topic.model_dump_json(exclude={"translations", "id", "aliases", "title"})))
                words.update(tokens(" ".join([topic.title, *topic.aliases])))
                docs[key] = words
                self._names += [(_phrase(name), key) for name in names if len(normalize(name)) > 2]
                if isinstance(topic, Explainer):
                    self._related[key] = [(ref.kind, ref.id) for ref in topic.related]
        count = len(docs)
        frequency = Counter(word for words in docs.values() for word in words)
        self._idf = {word: math.log(1 + count / n) for word, n in frequency.items()}
        self._unknown_idf = math.log(1 + count)
        """Words no topic uses weigh like the rarest: a question mostly about something else
        ("where can I get pizza") then scores low everywhere instead of on its one common word."""
        self._name_words: dict[str, list[str]] = {}
        """Name words by first letter: a typo is only ever read as a name word with its initial."""
        for word in sorted({word for name, _ in self._names for word in tokens(name)}):
            self._name_words.setdefault(word[0], []).append(word)
        self._vectors = {key: self._unit(words) for key, words in docs.items()}

    def _unit(self, words: Counter[str], unknown_idf: float = 0.0) -> dict[str, float]:
        weights = {w: (1 + math.log(n)) * self._idf.get(w, unknown_idf) for w, n in words.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {w: v / norm for w, v in weights.items()}

    def _corrected(self, word: str) -> str:
        """A typo of a name word ("sceintist", "hardwear") read as that word. Only toward names,
        long words and the same first letter: against the whole vocabulary, difflib turned
        "cluster" into "customer". Comparing only with words of the same initial keeps an unknown
        word's cost small, so a long hostile message costs little."""
        if word in self._idf or len(word) < TYPO_MIN_LENGTH or word.isdigit():
            return word
        close = difflib.get_close_matches(word, self._name_words.get(word[0], ()), n=1, cutoff=TYPO_CUTOFF)
        return close[0] if close else word

    def _named(self, question: str) -> dict[tuple[TopicKind, str], float]:
        """Name bonus per topic the question names outright (longest name wins), and, a little
        less, per explainer related to a named topic."""
        folded = _phrase(question)
        lengths: dict[tuple[TopicKind, str], int] = {}
        for name, key in self._names:
            if name in folded or name[:-1] + "s " in folded:
                lengths[key] = max(lengths.get(key, 0), len(name))
        bonus = {key: NAME_BONUS + length / 100 for key, length in lengths.items()}
        for key, related in self._related.items():
            shared = [bonus[ref] for ref in related if ref in lengths]
            if shared and key not in lengths:
                bonus[key] = max(shared) - RELATED_MARGIN
        return bonus

    def rank(self, question: str, limit: int = 3, floor: float = MIN_SCORE) -> list[Hit]:
        """Best topics first; empty when nothing scores above ``floor``."""
        question = re.sub(r"\w+", lambda word: self._corrected(word[0].casefold()), question[: MAX_TOKENS * 12])
        query = self._unit(Counter(tokens(question)), self._unknown_idf)
        bonus = self._named(question)
        scores: dict[tuple[TopicKind, str], float] = {}
        for key, vector in self._vectors.items():
            shared = [word for word in query if word in vector]
            if key in bonus or len(shared) >= MIN_SHARED_WORDS:
                scores[key] = sum(query[word] * vector[word] for word in shared) + bonus.get(key, 0.0)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Hit(kind, tid, score) for (kind, tid), score in ranked[:limit] if score > 0 and score >= floor]
