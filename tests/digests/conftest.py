"""Storage fixtures: every digest test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from slack_sdk import WebClient

from bot.catalog import BUNDLED_DIR
from bot.commands.digest import render_digest
from bot.digests.runner import DigestRunner
from bot.runtime.app import digest_client
from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store
from tests.slack_api import FakeSlack


class Clock:
    """A process's own clock, moved by hand. Leases run on the database's clock; this one only
    measures time passing within a run, so it may be set anywhere, as a skewed host's would be."""

    def __init__(self, now: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_client(fake: FakeSlack, timeout: int = 5) -> WebClient:
    """The client ``rolecall`` posts digests with, pointed at the fake."""
    return digest_client(Settings(slack_bot_token=SecretStr("xoxb-test"), slack_api_url=fake.api_url), timeout=timeout)


@pytest.fixture
def runner(store: Store, fake_slack: FakeSlack, clock: Clock) -> DigestRunner:
    content = ContentHolder(BUNDLED_DIR)
    return DigestRunner(store, content, make_client(fake_slack), render_digest, clock=clock)
