"""The timer: APScheduler calls ``run_due`` every minute. It decides nothing itself.

Each process keeps its own in-memory job store (sharing one across processes is unsafe
in APScheduler 3); the ledger makes any number of ticking processes post exactly once.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler

from bot.digests.runner import DigestRunner, utc_now

log = logging.getLogger(__name__)

TICK_SECONDS = 60


def tick(runner: DigestRunner) -> None:
    """Post what is due by the database's clock, which every replica shares."""
    for outcome in runner.run_due():
        log.info("digest %s", outcome.line())


def start_scheduler(runner: DigestRunner) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        tick,
        "interval",
        seconds=TICK_SECONDS,
        args=[runner],
        max_instances=1,
        coalesce=True,
        id="run_due",
        next_run_time=utc_now(),
    )
    scheduler.start()
    return scheduler
