"""What listeners are handed: the core objects, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store
from bot.store.events import EventGate
from bot.store.health import DatabaseCheck


@dataclass
class Services:
    settings: Settings
    content: ContentHolder
    store: Store
    events: EventGate = field(init=False)
    database: DatabaseCheck = field(init=False)

    def __post_init__(self) -> None:
        self.events = EventGate(self.store)
        self.database = DatabaseCheck(self.store)
