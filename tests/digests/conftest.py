"""Digest fixtures, and the dates the digest tests share. Every digest test runs on SQLite and on
a real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

from bot.catalog import BUNDLED_DIR
from bot.commands.digest import render_digest
from bot.digests.runner import DigestRunner
from bot.digests.schedule import Schedule
from bot.snapshot import ContentHolder
from bot.store import Store
from testkit.slack_api import FakeSlack

MONDAY_9 = Schedule(0, time(9, 0), "Europe/London")
CREATED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday
FIRST = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the Monday after, 09:00 London = 09:00 UTC


class Clock:
    """Real time for leases, moved by hand so crash recovery needs no waiting."""

    def __init__(self) -> None:
        self.now = FIRST

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_client(fake: FakeSlack, timeout: int = 5) -> WebClient:
    return WebClient(
        token="xoxb-test",
        base_url=fake.api_url,
        timeout=timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3), ServerErrorRetryHandler(max_retry_count=2)],
    )


@pytest.fixture
def runner(store: Store, fake_slack: FakeSlack, clock: Clock) -> DigestRunner:
    content = ContentHolder(BUNDLED_DIR)
    return DigestRunner(store, content, make_client(fake_slack), render_digest, clock=clock)
