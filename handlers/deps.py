"""What listeners are handed, as a type of their own: handlers depend on the core, never on
the composition root that builds these (``bot.runtime.services.Services`` is one)."""

from __future__ import annotations

from typing import Protocol

from bot.snapshot import ContentHolder, Snapshot
from bot.store import Store
from bot.store.events import EventGate
from bot.store.languages import LanguagePrefs


class Meter(Protocol):
    """Where listeners count what happened (Prometheus in ``bot.runtime.metrics``)."""

    def mention(self, outcome: str) -> None:
        """A mention was answered: ``role``, ``team``, ``explainer``, ``choices``, ``compare``,
        ``none``, or ``help``."""


class Deps(Protocol):
    @property
    def content(self) -> ContentHolder:
        """The served snapshot; read ``.current`` once per request."""

    @property
    def store(self) -> Store: ...

    @property
    def events(self) -> EventGate:
        """Answers each Slack event once across workers and replicas."""

    @property
    def languages(self) -> LanguagePrefs:
        """Each person's language, from memory."""

    def reader(self, team_id: str, user_id: str, typed: str = "") -> Snapshot:
        """The snapshot to answer this person in (Persian for Persian script, else their choice)."""

    @property
    def metrics(self) -> Meter: ...

    @property
    def oauth_client_id(self) -> str | None:
        """``SLACK_CLIENT_ID`` when installs are stored in the database (OAuth mode), else None."""

    @property
    def admins(self) -> frozenset[str]:
        """``ROLECALL_ADMINS``: who may manage digests besides workspace admins."""
