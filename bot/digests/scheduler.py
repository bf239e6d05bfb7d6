"""The timer: APScheduler calls ``run_due`` every minute. It decides nothing itself.

Each process keeps its own in-memory job store (sharing one across processes is unsafe
in APScheduler 3); the ledger makes any number of ticking processes post exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

from bot.digests.runner import DigestRunner, utc_now

log = logging.getLogger(__name__)

TICK_SECONDS = 60


def tick(runner: DigestRunner) -> None:
    """Post what is due by the database's clock, which every replica shares."""
    for outcome in runner.run_due():
        log.info("digest %s", outcome.line())


PRUNE_HOURS = 24


def prune(forget: Callable[[], int]) -> None:
    """Delete what is past its retention period (stored questions); a failure waits for the next day."""
    try:
        log.info("retention: %d stored question(s) deleted", forget())
    except Exception as error:  # the store may be down; the digests must keep ticking
        log.warning("retention: nothing deleted this time (%s)", type(error).__name__)


def start_scheduler(runner: DigestRunner, forget: Callable[[], int] | None = None) -> BackgroundScheduler:
    """Digests every minute and, given ``forget``, the daily retention sweep."""
    scheduler = BackgroundScheduler(timezone="UTC")

    def every(job: Callable[..., object], arg: object, job_id: str, seconds: float) -> None:
        """At once, then every ``seconds``; a run still going when the next is due is not doubled."""
        scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            args=[arg],
            max_instances=1,
            coalesce=True,
            id=job_id,
            next_run_time=utc_now(),
        )

    if forget is not None:
        every(prune, forget, "retention", PRUNE_HOURS * 3600)
    every(tick, runner, "run_due", TICK_SECONDS)
    scheduler.start()
    return scheduler
