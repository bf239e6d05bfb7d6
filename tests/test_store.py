"""Storage shared by every worker and replica: the schema the migrations build, and the
record of answered events. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from bot.store import Limits, Store, make_engine, upgrade
from bot.store.events import EventGate
from bot.store.health import DatabaseCheck
from bot.store.repo import EVENT_MEMORY
from bot.store.tables import handled_events, metadata
from tests.conftest import ROOT
from tests.hang_proxy import HangProxy
from tests.waiting import outcome_within

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


def test_gate_answers_on_this_process_word_within_a_second_while_the_database_hangs(postgres_url: str) -> None:
    """Slack wants mention answers within 3 s; a hung database must not hold them."""
    with HangProxy.before(postgres_url) as proxy:
        engine = make_engine(proxy.url(postgres_url), Limits(connect=2, statement=1))
        upgrade(engine)
        gate = EventGate(Store(engine), clock=lambda: NOW)
        assert gate.first_time("EvBefore") is True
        proxy.freeze()
        assert outcome_within(2, lambda: gate.first_time("EvHung")) is True
        assert outcome_within(2, lambda: gate.first_time("EvHung")) is False, "remembered here meanwhile"
        proxy.thaw()
        assert outcome_within(2, lambda: gate.first_time("EvAfter")) is True
        assert gate.first_time("EvBefore") is False
        with engine.connect() as db:
            assert "EvAfter" in set(db.execute(select(handled_events.c.event_id)).scalars()), "shared again"
        engine.dispose()


def test_health_check_names_a_hung_database_within_a_second_and_recovers(postgres_url: str) -> None:
    with HangProxy.before(postgres_url) as proxy:
        engine = make_engine(proxy.url(postgres_url), Limits(connect=2, statement=1))
        check = DatabaseCheck(Store(engine))
        assert check.problem() is None
        proxy.freeze()
        assert outcome_within(2, check.problem) == "the database did not answer within 1 s"
        assert outcome_within(2, check.problem) == "the database did not answer within 1 s"
        proxy.thaw()
        assert outcome_within(3, check.problem) is None
        engine.dispose()


def test_health_check_names_an_unreachable_database(tmp_path: Path) -> None:
    check = DatabaseCheck(Store(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'rolecall.db'}")))
    assert check.problem() == "the database failed (OperationalError)"


MIGRATE_WHEN_TOLD = """
import sys
from bot.store import make_engine, upgrade
engine = make_engine(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
upgrade(engine)
"""
"""A process that has done its slow imports, then runs the migrations the moment it is told."""


def test_processes_starting_together_on_a_fresh_sqlite_file_migrate_once(tmp_path: Path) -> None:
    """The CLI, the console and a restarted server may all run the migrations on a new file at once."""
    for attempt in range(2):
        url = f"sqlite:///{tmp_path / f'fresh{attempt}.db'}"
        command = [sys.executable, "-c", MIGRATE_WHEN_TOLD, url]
        processes = [
            subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        for process in processes:
            assert process.stdout is not None and process.stdout.readline() == "ready\n"
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        failures = [err for _, err in (p.communicate(timeout=60) for p in processes) if err]
        assert [p.returncode for p in processes] == [0] * 4, failures
        engine = make_engine(url)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        engine.dispose()


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
