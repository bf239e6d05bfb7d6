"""Engines and migrations. SQLite by default, PostgreSQL at scale; the same code for both."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x526F6C6543616C6C
"""PostgreSQL advisory lock key ("RoleCall"): replicas starting together migrate one at a time."""
BACKENDS = ("sqlite", "postgresql")
FORMS = "sqlite:///path/to/rolecall.db or postgresql+psycopg://user:password@host/db"


class StoreError(Exception):
    """The database cannot be used: a one-line reason for the operator."""


def make_engine(url: str) -> Engine:
    """An engine tuned for short transactions from several threads and processes.

    Raises ``StoreError`` naming what is wrong with the URL, never showing its password.
    """
    parsed = _parse(url)
    try:
        return _engine(parsed)
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


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # type: ignore[no-untyped-def]
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to run on every start, from every replica
    at once on PostgreSQL (the first migrates while the others wait, then find nothing to do)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        connection = engine.connect()
    except DBAPIError as error:  # refused, unknown host, bad password, unknown connection option
        raise _unreachable(engine, error) from None
    try:
        with connection, connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:  # locked, read-only, disk full, connection lost
        raise _unreachable(engine, error) from None


def _unreachable(engine: Engine, error: DBAPIError) -> StoreError:
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    return StoreError(f"cannot reach the database ({engine.url.render_as_string(hide_password=True)}): {reason}")
