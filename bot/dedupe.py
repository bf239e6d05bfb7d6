"""Remember recently handled Slack event ids, because Slack re-sends events it thinks failed."""

from __future__ import annotations

import time
from collections import OrderedDict


class RecentIds:
    """A bounded, time-limited set: old ids expire so memory stays flat under any load.

    In-process only; replicas behind a load balancer would each see a retry once, which is
    why the ack is immediate (Slack rarely retries then). A shared table can replace this.
    """

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
