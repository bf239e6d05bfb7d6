"""A loaded, validated content pack: immutable once built, swapped whole on reload."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from bot.catalog.models import Explainer, PackInfo, Role, TeamStructure
from bot.catalog.problems import Problem

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
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """What validation found allowed but probably not meant (W-codes); never stops serving."""
    layers: tuple[tuple[str, str], ...] = ()
    """Each overlay's id and version, in order (empty for a pack of one folder)."""
    origins: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    """By ``kind:id``, for topics an overlay added or changed: the layers (0 bundled, then each
    overlay from 1) that gave it."""

    @property
    def version(self) -> str:
        """The version served: the bundled pack's, then each overlay's (``1.3.0 + acme 0.2.0``)."""
        return " + ".join([self.info.version, *(f"{lid} {version}" for lid, version in self.layers)])

    def version_of(self, key: str) -> str:
        """The version(s) one topic came from: the bundled pack's, and that of every overlay that
        changed it; a topic an overlay added shows that overlay's alone."""
        layers = self.origins.get(key)
        if layers is None:
            return self.info.version
        labels = [self.info.version if i == 0 else f"{self.layers[i - 1][0]} {self.layers[i - 1][1]}" for i in layers]
        return " + ".join(labels)

    def in_language(self, language: str) -> Pack:
        """The pack with every topic's ``language`` translation laid over its English, for
        rendering; names for lookups still come from every language (see ``catalog.index``)."""
        return replace(
            self,
            roles={rid: localize(role, language) for rid, role in self.roles.items()},  # type: ignore[misc]
            teams={tid: localize(team, language) for tid, team in self.teams.items()},  # type: ignore[misc]
            explainers={eid: localize(e, language) for eid, e in self.explainers.items()},  # type: ignore[misc]
        )

    def topic(self, kind: TopicKind, topic_id: str) -> Topic | None:
        if kind == "role":
            return self.roles.get(topic_id)
        if kind == "team":
            return self.teams.get(topic_id)
        return self.explainers.get(topic_id)


def localize(topic: Topic, language: str) -> Topic:
    """The topic with its translation for ``language`` laid over the English text.

    Fields are copied as the models they are (not dumped to dicts), so a translated
    ``differs_from`` or ``our_teams`` is still a list of ``Neighbour`` or ``OurTeam``.
    """
    translation = topic.translations.get(language)  # type: ignore[call-overload]
    if translation is None:
        return topic
    given = {field: getattr(translation, field) for field in type(translation).model_fields}
    return topic.model_copy(update={field: value for field, value in given.items() if value is not None})
