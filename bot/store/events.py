"""Answer each Slack event once, because Slack re-sends events it thinks failed.

A retry can reach another uvicorn worker or another replica, so the record of what was
answered lives in the database. If the database cannot be reached, or does not answer within
a second, a bounded in-process set takes over: a retry reaching another process may then be
answered twice, which beats silence or an answer after Slack's 3-second deadline.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime

from bot.errors import StoreError
from bot.store.lane import Lane
from bot.store.repo import Store

log = logging.getLogger(__name__)

STORE_WAIT = 1.0
"""Seconds a mention waits for the shared record before trusting this process's alone."""


class RecentIds:
    """A bounded, time-limited set: old ids expire so memory stays flat under any load."""

    def __init__(self, ttl_seconds: float = 600.0, capacity: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._capacity = capacity
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: str, now: float | None = None) -> bool:
        """True the first time an id is offered within the TTL, False for repeats."""
        now = time.monotonic() if now is None else now
        while self._seen and (len(self._seen) >= self._capacity or next(iter(self._seen.values())) < now - self._ttl):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True


class EventGate:
    """Shared across workers and replicas through the store; local when the store is down."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC), wait: float = STORE_WAIT
    ) -> None:
        self._store = store
        self._clock = clock
        self._local = RecentIds()
        self._lane = Lane(wait, "event-gate")

    def first_time(self, event_id: str) -> bool:
        """Blocking (one short transaction, ``wait`` seconds at most): call it from a thread in async code."""
        try:
            return self._lane.call(self._store.first_delivery, event_id, self._clock())
        except StoreError as error:
            log.warning("event de-duplication is per process until the database is back: %s", error)
            return self._local.first_time(event_id)
