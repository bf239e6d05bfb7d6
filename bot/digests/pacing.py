"""Client-side pacing for digest fan-out: stay under the workspace's posting cap.

Without it, every worker thread posts as fast as it can, meets 429s, and each sleeps its
own jittered Retry-After; calls are wasted and, at low caps, a channel can run out of
retries. One shared pacer spaces posts evenly, and retries after a 429 queue in it too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState


class Pacer:
    """A thread-safe schedule of evenly spaced slots, ``per_second`` of them a second."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for this caller's slot; returns how long it waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay

    def wait(self, seconds: float) -> None:
        """Wait on this thread only, with the pacer's clock (so tests need not sleep)."""
        self._sleep(seconds)


class PacedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """The SDK's 429 handler, but the retry takes a slot from the shared pacer.

    The pacer already keeps the workspace under its cap, so a 429 here most likely means
    one channel's limit: only this request waits out Retry-After (holding every channel
    back measured as seconds lost per 429), then queues for a slot like any other post.
    """

    def __init__(self, pacer: Pacer, max_retry_count: int = 10, on_retry: Callable[[], Any] | None = None) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.pacer = pacer
        self.on_retry = on_retry
        """Told of every retry, for metrics."""

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate-limit retry without a response")
        headers = {key.lower(): values for key, values in response.headers.items()}
        retry_after = headers.get("retry-after") or ["1"]
        try:
            seconds = float(retry_after[0])
        except ValueError:
            seconds = 1.0
        state.next_attempt_requested = True
        if self.on_retry is not None:
            self.on_retry()
        self.pacer.wait(seconds)
        self.pacer.acquire()
        state.increment_current_attempt()
