"""The database part of ``/healthz``: a SELECT 1 that is waited for a second at most.

However often the check runs while the database hangs, it holds one thread, and the answer
(503, naming the database) still comes within that second.
"""

from __future__ import annotations

from bot.errors import StoreError
from bot.store.lane import Lane
from bot.store.repo import Store

HEALTH_WAIT = 1.0


class DatabaseCheck:
    def __init__(self, store: Store, wait: float = HEALTH_WAIT) -> None:
        self._store = store
        self._lane = Lane(wait, "db-health")

    def problem(self) -> str | None:
        """None while the database answers; otherwise what is wrong with it, in one line."""
        try:
            self._lane.call(self._store.ping)
        except StoreError as error:
            return str(error)
        return None
