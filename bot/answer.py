"""Question → ranked topics, for mentions.

A small TF-IDF over each topic's words, plus a strong bonus when the question names a
topic outright ("what does a data scientist do"). It is deterministic, explainable and
fast; a learned ranker can replace ``Answerer.rank`` later behind the same interface.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.catalog import Pack, TopicKind, normalize

MAX_TOKENS = 200
MIN_SCORE = 0.12
NAME_BONUS = 1.0

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
    ]
)


def tokens(text: str) -> list[str]:
    """Lower-case word stems, without stopwords; plural "s" dropped so "teams" finds "team"."""
    words = re.findall(r"\w+", text.casefold())[:MAX_TOKENS]
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if len(w) > 1 and w not in STOPWORDS]


def _phrase(text: str) -> str:
    """Words joined by single spaces and padded, so names match on word boundaries only."""
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


@dataclass(frozen=True)
class Hit:
    kind: TopicKind
    topic_id: str
    score: float


class Answerer:
    """Ranks a pack's topics against a free-text question."""

    def __init__(self, pack: Pack) -> None:
        docs: dict[tuple[TopicKind, str], Counter[str]] = {}
        self._names: list[tuple[str, tuple[TopicKind, str]]] = []
        for kind, table in (("role", pack.roles), ("team", pack.teams), ("explainer", pack.explainers)):
            for topic_id, topic in table.items():
                key: tuple[TopicKind, str] = (kind, topic_id)  # type: ignore[assignment]
                names = [topic.title, *topic.aliases, topic_id.replace("-", " ")]
                words = Counter(tokens(" ".join(names)) * 3 + tokens(topic.summary) * 2)
                words.update(tokens(topic.model_dump_json(exclude={"translations", "id"})))
                docs[key] = words
                self._names += [(_phrase(name), key) for name in names if len(normalize(name)) > 2]
        count = len(docs)
        frequency = Counter(word for words in docs.values() for word in words)
        self._idf = {word: math.log(1 + count / n) for word, n in frequency.items()}
        self._vectors = {key: self._unit(words) for key, words in docs.items()}

    def _unit(self, words: Counter[str]) -> dict[str, float]:
        weights = {w: (1 + math.log(n)) * self._idf.get(w, 0.0) for w, n in words.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {w: v / norm for w, v in weights.items()}

    def rank(self, question: str, limit: int = 3) -> list[Hit]:
        """Best topics first; empty when nothing scores above the confidence floor."""
        query = self._unit(Counter(tokens(question)))
        folded = _phrase(question[: MAX_TOKENS * 12])
        scores: dict[tuple[TopicKind, str], float] = {}
        for key, vector in self._vectors.items():
            score = sum(weight * vector.get(word, 0.0) for word, weight in query.items())
            if score > 0:
                scores[key] = score
        named = {key: len(name) for name, key in self._names if name in folded or name[:-1] + "s " in folded}
        for key, length in named.items():
            scores[key] = scores.get(key, 0.0) + NAME_BONUS + length / 100
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Hit(kind, tid, score) for (kind, tid), score in ranked[:limit] if score >= MIN_SCORE]
