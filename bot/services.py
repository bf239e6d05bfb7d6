"""What listeners are handed: the core objects, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content import ContentHolder
from bot.dedupe import RecentIds
from bot.settings import Settings
from bot.store import Store


@dataclass
class Services:
    settings: Settings
    content: ContentHolder
    store: Store
    recent_events: RecentIds = field(default_factory=RecentIds)
