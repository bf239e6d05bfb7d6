"""Storage shared by every worker and replica: the schema the migrations build, and the
record of answered events. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store import Store, make_engine, upgrade
from bot.store.events import EventGate
from bot.store.repo import EVENT_MEMORY
from bot.store.tables import metadata

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_migrations_build_exactly_the_tables_the_code_uses(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_an_event_is_answered_once_and_its_retries_are_not(store: Store) -> None:
    assert store.first_delivery("Ev1", NOW) is True
    assert store.first_delivery("Ev1", NOW + timedelta(seconds=1)) is False
    assert store.first_delivery("Ev1", NOW + timedelta(minutes=5)) is False
    assert store.first_delivery("Ev2", NOW) is True


def test_old_event_ids_are_forgotten_so_the_table_stays_small(store: Store) -> None:
    assert store.first_delivery("EvOld", NOW)
    later = NOW + EVENT_MEMORY + timedelta(seconds=1)
    assert store.first_delivery("EvNew", later)
    assert store.first_delivery("EvOld", later) is True


def test_concurrent_deliveries_of_one_event_have_exactly_one_winner(store: Store) -> None:
    """What two uvicorn workers, or two replicas, receiving Slack's retry at once would do."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: store.first_delivery("EvRace", NOW), range(16)))
    assert results.count(True) == 1


def test_gate_falls_back_to_this_process_when_the_database_is_gone(tmp_path: Path) -> None:
    unreachable = Store(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'rolecall.db'}"))
    gate = EventGate(unreachable, clock=lambda: NOW)
    assert gate.first_time("EvDown") is True
    assert gate.first_time("EvDown") is False
    assert gate.first_time("EvOther") is True


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
