"""Finishing what is in flight on SIGTERM.

uvicorn stops accepting connections and waits for requests in progress, but Bolt's lazy
listeners (mention answers, ``/digest`` changes, App Home) run as bare asyncio tasks after the
ack has gone, and the digest scheduler posts from threads: neither is a request, so without
this a rolling restart would drop a mention answer half-sent or leave a digest in ``sending``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncApp
from slack_bolt.lazy_listener.async_internals import to_runnable_function
from slack_bolt.lazy_listener.async_runner import AsyncLazyListenerRunner
from slack_bolt.request.async_request import AsyncBoltRequest

log = logging.getLogger(__name__)

HTTP_GRACE = 4
"""Seconds uvicorn waits for requests in progress after SIGTERM."""
DRAIN_SECONDS = 4.5
"""Then, seconds for lazy listeners and a digest post to finish: within 10 s in all."""


class TrackedLazyRunner(AsyncLazyListenerRunner):
    """Bolt's asyncio lazy runner, remembering its tasks so shutdown can wait for them."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, function: Callable[..., Awaitable[None]], request: AsyncBoltRequest) -> None:
        runnable = to_runnable_function(internal_func=function, logger=self.logger, request=request)
        task: asyncio.Task[None] = asyncio.ensure_future(runnable)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, seconds: float) -> int:
        """Wait up to ``seconds`` for the lazy listeners still running; how many were left."""
        pending = set(self._tasks)
        if not pending:
            return 0
        log.info("finishing %d reply(ies) in flight before exiting", len(pending))
        _, left = await asyncio.wait(pending, timeout=seconds)
        return len(left)


def track_lazy_listeners(app: AsyncApp) -> TrackedLazyRunner:
    """Put a tracking runner in place of Bolt's own, and return it."""
    tracked = TrackedLazyRunner(app.logger)
    app.listener_runner.lazy_listener_runner = tracked
    return tracked
