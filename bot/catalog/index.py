"""Resolve what a person typed to a topic: exact id, alias or title first, then a close typo.

Built once per pack so a lookup is a dict hit, or a bounded fuzzy scan when it misses.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from bot.catalog.loader import normalize
from bot.catalog.models import Explainer, Role, TeamStructure

MAX_QUERY = 120
"""Longer queries are cut before matching: no title is that long, and difflib is quadratic."""

FUZZY_CUTOFF = 0.75


@dataclass(frozen=True)
class Resolution:
    """The outcome of a lookup: ``topic_id`` is None when nothing matched well."""

    topic_id: str | None
    exact: bool
    suggestions: tuple[str, ...] = ()


class NameIndex:
    """Names (id, title, aliases) of one kind of topic, normalised, pointing at topic ids."""

    def __init__(self, topics: Mapping[str, Role | TeamStructure | Explainer]) -> None:
        self._names: dict[str, str] = {}
        for topic_id, topic in topics.items():
            for name in (topic_id, topic.title, *topic.aliases):
                self._names.setdefault(normalize(name), topic_id)
        self._keys = list(self._names)

    def resolve(self, query: str) -> Resolution:
        key = normalize(query[:MAX_QUERY])
        if not key:
            return Resolution(None, exact=False)
        if key in self._names:
            return Resolution(self._names[key], exact=True)
        close = difflib.get_close_matches(key, self._keys, n=8, cutoff=0.5)
        ranked = tuple(dict.fromkeys(self._names[k] for k in close))
        best = close[0] if close else None
        if best is not None and difflib.SequenceMatcher(None, key, best).ratio() >= FUZZY_CUTOFF:
            return Resolution(self._names[best], exact=False, suggestions=ranked[1:])
        return Resolution(None, exact=False, suggestions=ranked[:3])
