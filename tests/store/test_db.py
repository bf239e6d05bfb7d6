"""The migrations: they build exactly the schema the code uses, once, however many replicas start.
Each test runs on SQLite and on PostgreSQL, or on PostgreSQL where only it can show the point."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store import Store, make_engine, upgrade
from bot.store.tables import metadata
from tests.conftest import ROOT


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
