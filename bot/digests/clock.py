"""The database's clock, which every replica shares, for leases and ledger times.

A replica whose own clock ran ten minutes fast would otherwise think another's lease had run
out while that one was still posting, and post the same digest again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.store import Store

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class DatabaseClock:
    """Read from the database once per run, then moved on by the time this process sees pass:
    its own clock's error cancels out, only its rate counts."""

    read_at: datetime
    process_at_read: datetime
    process: Clock

    @classmethod
    def read(cls, store: Store, process: Clock) -> DatabaseClock:
        return cls(store.now(), process(), process)

    def __call__(self) -> datetime:
        return self.read_at + (self.process() - self.process_at_read)
