"""Engines and migrations. SQLite by default, PostgreSQL at scale; the same code for both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from bot.errors import StoreError
from bot.store.answering import connect as answering_connect
from bot.store.limits import Limits

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x526F6C6543616C6C
"""PostgreSQL advisory lock key ("RoleCall"): replicas starting together migrate one at a time."""
BACKENDS = ("sqlite", "postgresql")
FORMS = "sqlite:///path/to/rolecall.db or postgresql+psycopg://user:password@host/db"


def make_engine(url: str, limits: Limits | None = None) -> Engine:
    """An engine tuned for short transactions from several threads and processes, where every
    wait (connect, statement, pool) has a limit.

    Raises ``StoreError`` naming what is wrong with the URL, never showing its password.
    """
    parsed = _parse(url)
    try:
        return _engine(parsed, limits or Limits())
    except (NoSuchModuleError, ImportError):  # the URL names a driver SQLAlchemy or this install lacks
        raise StoreError(
            f"DATABASE_URL asks for the {parsed.drivername!r} driver, which is not installed; use {FORMS}"
        ) from None


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise StoreError(f"DATABASE_URL is not a database URL ({url.split('@')[-1]!r}); use {FORMS}") from None
    if parsed.get_backend_name() not in BACKENDS:
        raise StoreError(f"DATABASE_URL names an unsupported database ({parsed.drivername!r}); use {FORMS}")
    return parsed


def _engine(parsed: URL, limits: Limits) -> Engine:
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")  # one shared connection, nothing to wait for
        engine = create_engine(
            parsed,
            connect_args={"timeout": limits.statement, "check_same_thread": False},
            **({} if in_memory else {"pool_timeout": limits.pool}),
        )

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # type: ignore[no-untyped-def]
            try:
                connection.execute("PRAGMA journal_mode=WAL")  # kept by the file once set
            except sqlite3.OperationalError as error:
                # Another process is writing to a file not yet in WAL mode, and SQLite will not
                # wait for the switch; this connection does without, the next one sets it.
                if "locked" not in str(error):
                    raise
            connection.execute("PRAGMA foreign_keys=ON")

        return engine
    own_options = str(parsed.query.get("options") or "")
    options = f"{own_options} -c statement_timeout={limits.statement_ms}".strip()
    engine = create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        pool_timeout=limits.pool,
        connect_args={"connect_timeout": limits.connect_seconds, "options": options},
    )
    if parsed.get_driver_name() == "psycopg":

        @event.listens_for(engine, "do_connect")
        def _answering(_dialect, _record, cargs, cparams):  # type: ignore[no-untyped-def]
            return answering_connect(limits.answer, *cargs, **cparams)

    return engine


def _take_migration_lock(connection: Connection) -> None:
    """Held until the migration's transaction ends, so migrations run one at a time."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif connection.dialect.name == "sqlite":
        # SQLite's write lock, taken now rather than at the first write: two processes on a new
        # file would otherwise both find no schema and both try to create it.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to run on every start, from every process
    and replica at once (the first migrates while the others wait, then find nothing to do)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        connection = engine.connect()
    except DBAPIError as error:  # refused, unknown host, bad password, unknown connection option
        raise _unreachable(engine, error) from None
    try:
        with connection, connection.begin():
            _take_migration_lock(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:  # locked, read-only, disk full, connection lost
        raise _unreachable(engine, error) from None


def _unreachable(engine: Engine, error: DBAPIError) -> StoreError:
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    return StoreError(f"cannot reach the database ({engine.url.render_as_string(hide_password=True)}): {reason}")
