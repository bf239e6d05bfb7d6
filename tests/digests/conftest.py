"""Storage fixtures: every digest test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from bot.catalog import BUNDLED_DIR
from bot.content import ContentHolder
from bot.digests.commands import render_digest
from bot.digests.runner import DigestRunner
from bot.store import Store, make_engine, upgrade
from tests.slack_api import FakeSlack

POSTGRES_URL = os.environ.get("ROLECALL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _reset_postgres(engine: Engine) -> None:
    with engine.begin() as db:
        for table in ("sequence_positions", "digest_ledger", "subscriptions", "alembic_version"):
            db.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rolecall.db'}"
        return
    engine = make_engine(POSTGRES_URL)
    try:
        _reset_postgres(engine)
    except OperationalError as error:
        if os.environ.get("CI"):
            raise  # .ci/run starts PostgreSQL; failing to reach it there is a real failure
        reason = str(error.orig).splitlines()[0]
        pytest.skip(
            f"PostgreSQL variant needs a server at {POSTGRES_URL} ({reason}); "
            "`bash .ci/run` starts one, or set ROLECALL_TEST_POSTGRES_URL. The SQLite variant still ran."
        )
    finally:
        engine.dispose()
    yield POSTGRES_URL


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield Store(engine)
    engine.dispose()


class Clock:
    """Real time for leases, moved by hand so crash recovery needs no waiting."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

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
