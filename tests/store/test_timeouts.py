"""No database call waits forever: connecting, running a statement, and waiting for a pooled
connection each give up within their limit, and the engine recovers by itself afterwards."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.settings import ConfigError, load_settings
from bot.store import Limits, make_engine
from testkit.hang_proxy import HangProxy
from tests.waiting import outcome_within

SHORT = Limits(connect=2, statement=0.5, pool=0.2)


def select_one(engine: Engine) -> Callable[[], object]:
    def call() -> object:
        with engine.connect() as db:
            return db.execute(text("SELECT 1")).scalar()

    return call


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[HangProxy]:
    with HangProxy.before(postgres_url) as hang:
        yield hang


def test_a_server_that_accepts_and_never_answers_fails_the_connect_in_time(proxy: HangProxy, postgres_url: str) -> None:
    proxy.freeze()
    engine = make_engine(proxy.url(postgres_url), SHORT)
    started = time.monotonic()
    error = outcome_within(6, select_one(engine))
    assert isinstance(error, OperationalError) and "timeout" in str(error)
    assert time.monotonic() - started >= SHORT.connect - 0.1, "the connect timeout, not some other error"


def test_a_database_that_stops_answering_frees_the_caller_and_comes_back_by_itself(
    proxy: HangProxy, postgres_url: str
) -> None:
    """PostgreSQL's statement_timeout needs a server that still answers; a hung one (or a dead
    network) must be given up on by the client, and the pooled connection replaced."""
    engine = make_engine(proxy.url(postgres_url), SHORT)
    assert select_one(engine)() == 1  # a pooled connection, open through the proxy
    proxy.freeze()
    assert isinstance(outcome_within(8, select_one(engine)), SQLAlchemyError)
    proxy.thaw()
    assert outcome_within(6, select_one(engine)) == 1, "the same engine works again, no restart"
    engine.dispose()


def test_a_slow_statement_is_cancelled_by_postgresql(postgres_url: str) -> None:
    engine = make_engine(postgres_url, SHORT)

    def sleep() -> object:
        with engine.connect() as db:
            return db.execute(text("SELECT pg_sleep(5)")).scalar()

    error = outcome_within(3, sleep)
    assert isinstance(error, OperationalError) and "statement timeout" in str(error)
    assert select_one(engine)() == 1
    engine.dispose()


def test_a_locked_sqlite_file_fails_after_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    engine = make_engine(f"sqlite:///{path}", SHORT)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE t (x INTEGER)"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:

        def write() -> object:
            with engine.begin() as db:
                return db.execute(text("INSERT INTO t VALUES (1)")).rowcount

        error = outcome_within(5, write)
        assert isinstance(error, OperationalError) and "locked" in str(error)
    finally:
        holder.close()
        engine.dispose()


def test_waiting_for_a_pooled_connection_is_bounded(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'pool.db'}", SHORT)
    with ExitStack() as held:
        for _ in range(100):  # take every connection the pool will hand out, then one more
            outcome = outcome_within(3, lambda: held.enter_context(engine.connect()))
            if isinstance(outcome, Exception):
                break
    assert isinstance(outcome, PoolTimeout)
    engine.dispose()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ROLECALL_DB_CONNECT_TIMEOUT", "1"), ("ROLECALL_DB_STATEMENT_TIMEOUT", "0"), ("ROLECALL_DB_POOL_TIMEOUT", "x")],
)
def test_a_bad_limit_is_named(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=f"^{variable} is invalid"):
        load_settings()


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLECALL_DB_CONNECT_TIMEOUT", "3")
    monkeypatch.setenv("ROLECALL_DB_STATEMENT_TIMEOUT", "1.5")
    monkeypatch.setenv("ROLECALL_DB_POOL_TIMEOUT", "2")
    assert load_settings().db_limits == Limits(connect=3, statement=1.5, pool=2)
