"""Content pack models: the schema every YAML file is validated against.

Each model forbids unknown keys so a typo in a field name is an error, not silently
ignored text. Text fields hold Slack mrkdwn written by content authors; views escape
it before sending, so authors cannot ping a channel by accident.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

TopicId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1500)]
Language = Literal["en", "fa"]

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")


def _semantic(value: str) -> str:
    if not SEMVER.match(value):
        raise ValueError("version must be semantic, like 1.2.0")
    return value


Version = Annotated[str, AfterValidator(_semantic)]
"""A semantic version such as 1.2.0, in ``pack.yml``, an overlay's and every changelog entry."""


MAX_ASKS = 40
"""``asks``: questions people really ask that a topic answers, in the words they use: problems,
situations and career fit as well as "what is X". The mention ranker reads them; authors add
more as they learn what people ask."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Neighbour(Strict):
    """How a role differs from a nearby role; `role` must name a role in the pack."""

    role: TopicId
    how: Prose


class RoleText(Strict):
    """A role in another language. Lists hold the same items, in the same order, as the English;
    ``aliases`` are the names people type in that language (any number). Validation reports a
    field a declared language lacks (RC010) and a list that drifts from the English (RC011)."""

    title: Title | None = None
    summary: Line | None = None
    what_they_do: Prose | None = None
    skills: list[Line] | None = None
    tools: list[Line] | None = None
    background: Prose | None = None
    differs_from: list[Neighbour] | None = None
    works_with: list[Line] | None = None
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)


class Role(Strict):
    id: TopicId
    title: Title
    summary: Line
    what_they_do: Prose
    skills: list[Line] = Field(min_length=1, max_length=12)
    tools: list[Line] = Field(min_length=1, max_length=16)
    background: Prose
    differs_from: list[Neighbour] = Field(min_length=1, max_length=5)
    works_with: list[Line] = Field(min_length=1, max_length=10)
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)
    translations: dict[Language, RoleText] = Field(default_factory=dict)


class OurTeam(Strict):
    """One of the organisation's own teams; `example: true` marks shipped placeholders."""

    name: Title
    description: Line
    channel: Annotated[str, StringConstraints(pattern=r"^#[a-z0-9_-]{1,80}$")] | None = None
    example: bool = False


class TeamText(Strict):
    """A team structure in another language; see ``RoleText`` for lists and aliases."""

    title: Title | None = None
    summary: Line | None = None
    how_it_works: Prose | None = None
    pros: list[Line] | None = None
    cons: list[Line] | None = None
    pick_when: Prose | None = None
    our_teams: list[OurTeam] | None = None
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)


class TeamStructure(Strict):
    id: TopicId
    title: Title
    summary: Line
    how_it_works: Prose
    pros: list[Line] = Field(min_length=1, max_length=8)
    cons: list[Line] = Field(min_length=1, max_length=8)
    pick_when: Prose
    our_teams: list[OurTeam] = Field(default_factory=list, max_length=10)
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)
    translations: dict[Language, TeamText] = Field(default_factory=dict)


class TopicRef(Strict):
    """A link from an explainer to a role or team structure."""

    kind: Literal["role", "team"]
    id: TopicId


class ExplainerText(Strict):
    """An explainer in another language; see ``RoleText`` for aliases."""

    title: Title | None = None
    summary: Line | None = None
    body: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2500)] | None = None
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)


class Explainer(Strict):
    id: TopicId
    title: Title
    summary: Line
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2500)]
    related: list[TopicRef] = Field(default_factory=list, max_length=6)
    aliases: list[Title] = Field(default_factory=list, max_length=20)
    asks: list[Line] = Field(default_factory=list, max_length=MAX_ASKS)
    translations: dict[Language, ExplainerText] = Field(default_factory=dict)


class Release(Strict):
    version: Version
    date: date
    changes: list[Line] = Field(min_length=1)


class PackInfo(Strict):
    """`pack.yml`: identity, version, languages, digest order and changelog."""

    id: TopicId
    version: Version
    languages: list[Language] = Field(min_length=1)
    explainer_order: list[TopicId] = Field(min_length=1)
    """The digest sequence; new explainers go at the end so channels get them next."""
    team_order: list[TopicId] = Field(default_factory=list)
    """How `/teams` lists the structures; unlisted ones follow alphabetically."""
    changelog: list[Release] = Field(min_length=1)


class LayerInfo(Strict):
    """An overlay's `pack.yml`: its own identity, version and changelog, and where its new
    explainers and team structures go in the bundled orders (appended)."""

    id: TopicId
    version: Version
    explainer_order: list[TopicId] = Field(default_factory=list)
    team_order: list[TopicId] = Field(default_factory=list)
    changelog: list[Release] = Field(min_length=1)
