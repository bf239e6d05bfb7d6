"""Engines and migrations. SQLite by default, PostgreSQL at scale; the same code for both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from bot.errors import StoreError
from bot.store.answering import connect as answering_connect
from bot.store.limits import Limits

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x526F6C6543616C6C
"""PostgreSQL advisory lock key ("RoleCall"): replicas starting together migrate one at a time."""


def make_engine(url: str, limits: Limits | None = None) -> Engine:
    """An engine tuned for short transactions from several threads and processes, where every
    wait (connect, statement, pool) has a limit."""
    limits = limits or Limits()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"DATABASE_URL is not a database URL: {url.split('@')[-1]!r}") from None
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")  # one shared connection, nothing to wait for
        engine = create_engine(
            url,
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
        url,
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
        with engine.begin() as connection:
            _take_migration_lock(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        raise StoreError(
            f"cannot reach the database ({engine.url.render_as_string(hide_password=True)}): "
            f"{str(error.orig).strip().splitlines()[0]}"
        ) from None
