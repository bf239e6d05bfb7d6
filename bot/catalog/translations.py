"""Translations checked against the English they translate, so no reader gets half a card.

English is the source: every language ``pack.yml`` declares besides it must give every
translatable field (RC010), with lists of the same length and links to the same topics in the
same order (RC011). Aliases are free: people call things differently in each language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.catalog.models import Explainer, Neighbour, PackInfo, Role, TeamStructure
from bot.catalog.yaml_lines import Location

SOURCE_LANGUAGE = "en"
FREE_FIELDS = frozenset({"aliases", "asks"})
"""Fields a translation may leave out or size as it likes: names and questions differ by language."""

Report = Callable[[Path, Location, str, str], None]
Topic = Role | TeamStructure | Explainer


def check_translations(report: Report, info: PackInfo, topics: list[tuple[Path, Topic]]) -> None:
    """Report every missing translation, missing field and list that drifts from the English."""
    for language in info.languages:
        if language == SOURCE_LANGUAGE:
            continue
        for path, topic in topics:
            translation = topic.translations.get(language)
            if translation is None:
                report(path, ("id",), "RC010", f"no {language!r} translation, though pack.yml declares {language!r}")
                continue
            _check_one(report, path, language, topic, translation)


def _check_one(report: Report, path: Path, language: str, topic: Topic, translation: Any) -> None:
    here: Location = ("translations", language)
    for field in type(translation).model_fields:
        if field in FREE_FIELDS:
            continue
        translated, original = getattr(translation, field), getattr(topic, field)
        if translated is None and original:
            report(path, here, "RC010", f"the {language!r} translation lacks {field}")
        elif isinstance(original, list) and translated is not None and len(translated) != len(original):
            report(
                path,
                (*here, field),
                "RC011",
                f"{field} has {len(translated)} item(s) in {language!r} but {len(original)} in English",
            )
        elif field == "differs_from" and translated is not None:
            _check_links(report, path, (*here, field), language, original, translated)


def _check_links(
    report: Report, path: Path, where: Location, language: str, original: list[Neighbour], translated: list[Neighbour]
) -> None:
    for index, (english, other) in enumerate(zip(original, translated, strict=True)):
        if english.role != other.role:
            report(
                path,
                (*where, index, "role"),
                "RC011",
                f"differs_from links to {other.role!r} in {language!r} where English links to {english.role!r}",
            )
