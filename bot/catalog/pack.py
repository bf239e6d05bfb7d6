"""A loaded, validated content pack: immutable once built, swapped whole on reload."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.catalog.models import Explainer, PackInfo, Role, TeamStructure

TopicKind = Literal["role", "team", "explainer"]
Topic = Role | TeamStructure | Explainer


@dataclass(frozen=True)
class Pack:
    info: PackInfo
    roles: dict[str, Role]
    teams: dict[str, TeamStructure]
    explainers: dict[str, Explainer]
    """In digest order (``pack.yml`` ``explainer_order``)."""
    source: Path

    @property
    def version(self) -> str:
        return self.info.version

    def topic(self, kind: TopicKind, topic_id: str) -> Topic | None:
        if kind == "role":
            return self.roles.get(topic_id)
        if kind == "team":
            return self.teams.get(topic_id)
        return self.explainers.get(topic_id)


def localize(topic: Topic, language: str) -> Topic:
    """The topic with its translation for ``language`` laid over the English text."""
    translation = topic.translations.get(language)  # type: ignore[call-overload]
    if translation is None:
        return topic
    return topic.model_copy(update=translation.model_dump(exclude_none=True))
