"""A clean RoleCall schema on a shared PostgreSQL, for the tests and the digest bench."""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.store.tables import metadata

POSTGRES_URL = os.environ.get("ROLECALL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def database_for_this_worker(url: str = POSTGRES_URL) -> str:
    """``url``, or under pytest-xdist a database of the worker's own (``test_gw0``, …), created
    when missing: workers drop and rebuild RoleCall's tables, and must never do it to each other.
    If the server cannot be reached, the URL is returned as it is and the caller's skip applies."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as db:
            if not db.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).scalar():
                db.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError:
        return url
    finally:
        admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def drop_rolecall_tables(engine: Engine) -> None:
    """Every table the migrations create, and Alembic's record of them, so ``upgrade`` starts
    from nothing. Driven by the table definitions, so a new table is never left behind."""
    with engine.begin() as db:
        for table in reversed(metadata.sorted_tables):
            db.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        db.execute(text("DROP TABLE IF EXISTS alembic_version"))
