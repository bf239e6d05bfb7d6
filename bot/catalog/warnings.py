"""Warnings: things that are allowed but probably not meant, reported apart from errors.

A pack with warnings is served; ``rolecall content validate --strict`` fails on them, for a
content repository that wants a clean pack. Codes are stable like the error codes (W001…).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.catalog.folding import normalize
from bot.catalog.index import words
from bot.catalog.models import Explainer, Role, TeamStructure
from bot.catalog.yaml_lines import Location

Topic = Role | TeamStructure | Explainer
Report = Callable[[Path, Location, str, str], None]
Located = list[tuple[Path, Topic]]

LONG_SUMMARY = 200
"""Characters: a summary is the one line under a card's title and in every list; longer wraps
into a paragraph on a phone."""

WARNINGS: dict[str, str] = {
    "W001": "summary is very long",
    "W002": "no other role links to this role",
    "W003": "alias shadows another topic's name",
    "W004": "the same ask under two topics",
}


def check_warnings(report: Report, roles: Located, teams: Located, explainers: Located) -> None:
    everything = [*roles, *teams, *explainers]
    _long_summaries(report, everything)
    _unlinked_roles(report, roles)
    for table in (roles, teams, explainers):  # each kind has its own name index
        _shadowing_aliases(report, table)
    _repeated_asks(report, everything)


def _long_summaries(report: Report, topics: Located) -> None:
    for path, topic in topics:
        texts: list[tuple[Location, str | None]] = [(("summary",), topic.summary)]
        texts += [(("translations", lang, "summary"), text.summary) for lang, text in topic.translations.items()]
        for where, summary in texts:
            if summary and len(summary) > LONG_SUMMARY:
                report(path, where, "W001", f"summary has {len(summary)} characters; keep it under {LONG_SUMMARY}")


def _unlinked_roles(report: Report, roles: Located) -> None:
    linked = {neighbour.role for _, role in roles if isinstance(role, Role) for neighbour in role.differs_from}
    for path, role in roles:
        if role.id not in linked:
            report(
                path,
                ("id",),
                "W002",
                f"no other role lists {role.id!r} in differs_from, so no card leads readers here",
            )


def _shadowing_aliases(report: Report, topics: Located) -> None:
    """An alias that is, word for word, part of another topic's name: typing it opens this topic
    at once, so the other topic is never offered for those words. Names are indexed by word so
    a pack of thousands of topics is checked in linear time, not by comparing every pair."""
    names: list[tuple[str, str, frozenset[str]]] = []
    by_word: dict[str, set[int]] = {}
    for _, topic in topics:
        for name in (topic.title, *topic.aliases):
            for word in (name_words := frozenset(words(name))):
                by_word.setdefault(word, set()).add(len(names))
            names.append((topic.id, name, name_words))
    for path, topic in topics:
        for index, alias in enumerate(topic.aliases):
            mine = frozenset(words(alias))
            if not mine:
                continue
            holders = set.intersection(*(by_word.get(word, set()) for word in mine))
            clash = next((names[i] for i in sorted(holders) if names[i][0] != topic.id and mine < names[i][2]), None)
            if clash is not None:
                other, name, _ = clash
                report(
                    path,
                    ("aliases", index),
                    "W003",
                    f"alias {alias!r} is part of {other}'s name {name!r}; typing it never offers {other}",
                )


def _repeated_asks(report: Report, topics: Located) -> None:
    first: dict[str, str] = {}
    for path, topic in topics:
        asks: list[tuple[Location, str]] = [(("asks", i), ask) for i, ask in enumerate(topic.asks)]
        for lang, text in topic.translations.items():
            asks += [(("translations", lang, "asks", i), ask) for i, ask in enumerate(text.asks)]
        for where, ask in asks:
            owner = first.setdefault(normalize(ask), topic.id)
            if owner != topic.id:
                report(path, where, "W004", f"ask {ask!r} is also under {owner}; the ranker cannot tell them apart")
