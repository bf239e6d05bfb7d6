"""What the composition root builds once and hands every listener (it satisfies ``handlers.deps.Deps``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.commands.language import snapshot_for
from bot.runtime.metrics import METRICS, Metrics
from bot.settings import Settings
from bot.snapshot import ContentHolder, Snapshot
from bot.store import Store
from bot.store.events import EventGate
from bot.store.health import DatabaseCheck
from bot.store.languages import LanguagePrefs


@dataclass
class Services:
    settings: Settings
    content: ContentHolder
    store: Store
    events: EventGate = field(init=False)
    languages: LanguagePrefs = field(init=False)
    database: DatabaseCheck = field(init=False)
    metrics: Metrics = field(default=METRICS)

    def __post_init__(self) -> None:
        self.events = EventGate(self.store)
        self.database = DatabaseCheck(self.store)
        self.languages = LanguagePrefs(self.store)
        self.languages.preload()

    def reader(self, team_id: str, user_id: str, typed: str = "") -> Snapshot:
        return snapshot_for(self.content, self.languages, team_id, user_id, typed)

    @property
    def oauth_client_id(self) -> str | None:
        return self.settings.slack_client_id if self.settings.oauth else None

    @property
    def admins(self) -> frozenset[str]:
        return self.settings.admins
