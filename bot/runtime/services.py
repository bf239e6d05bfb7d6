"""What the composition root builds once and hands every listener (it satisfies ``handlers.deps.Deps``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store
from bot.store.events import EventGate


@dataclass
class Services:
    settings: Settings
    content: ContentHolder
    store: Store
    events: EventGate = field(init=False)

    def __post_init__(self) -> None:
        self.events = EventGate(self.store)

    @property
    def admins(self) -> frozenset[str]:
        return self.settings.admins
