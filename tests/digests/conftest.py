"""Digest fixtures, and the dates the digest tests share. Every digest test runs on SQLite and on
a real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from pydantic import SecretStr
from slack_sdk import WebClient

from bot.catalog import BUNDLED_DIR, load_pack
from bot.commands.digest import render_digest
from bot.digests.runner import DigestRunner
from bot.digests.schedule import Schedule
from bot.runtime.app import digest_client
from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store
from testkit.slack_api import FakeSlack

MONDAY_9 = Schedule(0, time(9, 0), "Europe/London")
CREATED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday
FIRST = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the Monday after, 09:00 London = 09:00 UTC


class Clock:
    """A process's own clock, moved by hand. Leases run on the database's clock; this one only
    measures time passing within a run, so it may be set anywhere, as a skewed host's would be."""

    def __init__(self, now: datetime = FIRST) -> None:
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


ORDER = list(load_pack(BUNDLED_DIR).explainers)
"""The bundled pack's digest order."""


def subscribe(store: Store, channel: str = "C1", at: datetime = CREATED, schedule: Schedule = MONDAY_9) -> int:
    """A Monday 09:00 London subscription in workspace T1, made at ``at``; its id."""
    return store.subscribe("T1", channel, schedule, "en", "U0ADMIN", at).id
