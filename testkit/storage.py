"""A clean RoleCall schema on a shared PostgreSQL, for the tests and the digest bench."""

from __future__ import annotations

import os

from sqlalchemy import Engine, text

from bot.store.tables import metadata

POSTGRES_URL = os.environ.get("ROLECALL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def drop_rolecall_tables(engine: Engine) -> None:
    """Every table the migrations create, and Alembic's record of them, so ``upgrade`` starts
    from nothing. Driven by the table definitions, so a new table is never left behind."""
    with engine.begin() as db:
        for table in reversed(metadata.sorted_tables):
            db.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        db.execute(text("DROP TABLE IF EXISTS alembic_version"))
