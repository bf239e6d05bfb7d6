"""The migrations: they build exactly the schema the code uses, once, however many replicas start.
Each test runs on SQLite and on PostgreSQL, or on PostgreSQL where only it can show the point."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store import Store, make_engine, upgrade
from bot.store.tables import metadata


def test_migrations_build_exactly_the_tables_the_code_uses(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_replicas_starting_together_migrate_once(postgres_url: str) -> None:
    """Each replica runs the migrations on start; on a fresh database they must not collide.
    (SQLite serves one host, where ``serve`` migrates in its parent before starting workers.)"""
    engines = [make_engine(postgres_url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(upgrade, engines))  # re-raises any worker's failure
        with engines[0].connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        for engine in engines:
            engine.dispose()
