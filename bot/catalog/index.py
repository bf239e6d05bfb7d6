"""Resolve what a person typed to a topic, and never guess between several.

In order: an exact id, alias or title; the words of one topic's names ("hardware", "infra");
the same with a close typo of a name word ("hardwre", "data scientst"); a close typo of a
whole name ("datascientst"). A
word that several topics share ("engineer") resolves to all of them, as choices. A name
that is not close to anything gets no suggestion rather than a far-fetched one.

Built once per pack so a lookup is a dict hit, or a bounded fuzzy scan when it misses.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.catalog.folding import fold, normalize
from bot.catalog.models import Explainer, Role, TeamStructure

MAX_QUERY = 120
"""Longer queries are cut before matching: no title is that long, and difflib is quadratic."""
MAX_WORDS = 6
"""A name is a few words; more than this is a sentence, matched only as a whole."""

FUZZY_CUTOFF = 0.75
"""How close a typo of a whole name must be to be read as that name."""
WORD_CUTOFF = 0.8
"""How close a typo of one word must be to a name word; words are short, so stricter."""
SUGGEST_CUTOFF = 0.6
"""How close an unknown name must be to one we know before we call it "closest"."""
MIN_WORD = 2
GENERIC_WORDS = frozenset({"ml", "ai", "team", "the", "a", "an", "of", "and", "in"})
"""Words that alone say nothing about which topic is meant: "ml" is in half the titles."""

Match = Literal["name", "words", "typo", "none"]


@dataclass(frozen=True)
class Resolution:
    """The outcome of a lookup.

    ``topic_id`` is the one topic meant (None when there is none, or several). ``choices``
    are the topics an ambiguous word matched; ``suggestions`` the close-enough names when
    nothing matched.
    """

    topic_id: str | None
    exact: bool
    suggestions: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    match: Match = "none"
    word: str = ""
    """For choices: the word they share, as the index knows it."""


def words(text: str) -> list[str]:
    """Name words: lower-cased, plural ``s`` folded, so "engineers" finds "engineer"."""
    found = re.findall(r"[^\W_]+", fold(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in found]


def names_of(topic: Role | TeamStructure | Explainer) -> list[str]:
    """Every name a topic answers to, in every language: one index serves English and Persian
    readers alike, so "/role data scientist" works in Persian and "/role دانشمند داده" in English."""
    names = [topic.id, topic.title, *topic.aliases]
    for translation in topic.translations.values():
        names += [*([translation.title] if translation.title else []), *translation.aliases]
    return names


class NameIndex:
    """Names (id, title, aliases) of one kind of topic, pointing at topic ids."""

    def __init__(self, topics: Mapping[str, Role | TeamStructure | Explainer]) -> None:
        self._names: dict[str, str] = {}
        self._by_word: dict[str, set[str]] = {}
        self._order = list(topics)
        for topic_id, topic in topics.items():
            for name in names_of(topic):
                self._names.setdefault(normalize(name), topic_id)
                for word in words(name.replace("-", " ")):
                    self._by_word.setdefault(word, set()).add(topic_id)
        self._keys = list(self._names)
        self._vocabulary = sorted(w for w in self._by_word if len(w) >= 4)

    def _ordered(self, topic_ids: set[str]) -> tuple[str, ...]:
        return tuple(t for t in self._order if t in topic_ids)

    def _by_words(self, query_words: list[str]) -> set[str] | None:
        """Topics whose names hold every meaningful word; None when no word is meaningful."""
        meaningful = [w for w in query_words if w not in GENERIC_WORDS and len(w) >= MIN_WORD]
        if not meaningful:
            return None
        found: set[str] | None = None
        for word in meaningful:
            topics = self._by_word.get(word, set())
            found = topics if found is None else found & topics
        return found

    def _word_resolution(self, query_words: list[str], match: Match) -> Resolution | None:
        found = self._by_words(query_words)
        if not found:
            return None
        if len(found) == 1:
            return Resolution(next(iter(found)), exact=False, match=match)
        return Resolution(None, exact=False, choices=self._ordered(found), match=match, word=" ".join(query_words))

    def _corrected(self, word: str) -> str:
        if word in self._by_word or len(word) < 4:
            return word
        close = difflib.get_close_matches(word, self._vocabulary, n=1, cutoff=WORD_CUTOFF)
        return close[0] if close else word

    def resolve(self, query: str) -> Resolution:
        key = normalize(query[:MAX_QUERY])
        if not key:
            return Resolution(None, exact=False)
        if key in self._names:
            return Resolution(self._names[key], exact=True, match="name")
        query_words = words(query[:MAX_QUERY])
        if len(query_words) <= MAX_WORDS:
            by_words = self._word_resolution(query_words, "words")
            if by_words is not None:
                return by_words
            corrected = [self._corrected(w) for w in query_words]
            fixed_name = self._names.get(normalize(" ".join(corrected)))
            if fixed_name is not None and corrected != query_words:
                return Resolution(fixed_name, exact=False, match="typo")
            by_typo = self._word_resolution(corrected, "typo") if corrected != query_words else None
            if by_typo is not None:
                return by_typo
        close = difflib.get_close_matches(key, self._keys, n=8, cutoff=SUGGEST_CUTOFF)
        best = close[0] if close else None
        if best is not None and difflib.SequenceMatcher(None, key, best).ratio() >= FUZZY_CUTOFF:
            return Resolution(self._names[best], exact=False, match="typo")
        return Resolution(None, exact=False, suggestions=tuple(dict.fromkeys(self._names[k] for k in close))[:3])
