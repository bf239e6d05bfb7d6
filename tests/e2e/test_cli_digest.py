"""``rolecall digest run-due`` and ``digest list`` as separate processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

from bot.store import Store
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT
from tests.digests.conftest import CREATED, FIRST, MONDAY_9
from tests.e2e.conftest import CLEAN_ENV, rolecall


def _env(database_url: str, fake: FakeSlack) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url}


def _subscribe(store: Store, channels: int) -> None:
    for n in range(channels):
        store.subscribe("T1", f"C{n:03}", MONDAY_9, "en", "U0ADMIN", CREATED)


def test_run_due_prints_one_line_per_channel_and_exits_0_even_when_one_fails(
    store: Store, database_url: str, fake_slack: FakeSlack
) -> None:
    _subscribe(store, 3)
    fake_slack.fail("chat.postMessage", error="is_archived", channel="C001")
    done = rolecall("digest", "run-due", "--at", "2026-11-23T09:05:00Z", env=_env(database_url, fake_slack))
    assert done.returncode == 0, done.stderr
    lines = sorted(done.stdout.splitlines())
    assert len(lines) == 3
    assert lines[1].startswith("T1 C001 2026-11-23T09:00Z paused: is_archived")
    assert "posted" in lines[0] and "posted" in lines[2]
    again = rolecall("digest", "run-due", "--at", "2026-11-23T09:06:00Z", env=_env(database_url, fake_slack))
    assert again.returncode == 0 and again.stdout == ""


def test_run_due_without_a_reachable_database_exits_non_zero_with_one_line(fake_slack: FakeSlack) -> None:
    env = _env("postgresql+psycopg://nobody@127.0.0.1:1/none", fake_slack)
    done = rolecall("digest", "run-due", env=env)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("rolecall: cannot reach the database") and len(done.stderr.splitlines()) == 1


def test_two_processes_started_together_post_each_occurrence_once(
    store: Store, database_url: str, fake_slack: FakeSlack
) -> None:
    _subscribe(store, 30)
    command = [sys.executable, "-m", "bot", "digest", "run-due", "--at", FIRST.isoformat()]
    env = {**CLEAN_ENV, **_env(database_url, fake_slack)}
    processes = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    posted = sorted(p["channel"] for p in fake_slack.posted())
    assert posted == [f"C{n:03}" for n in range(30)], "each channel exactly once"
    assert sum(len(out.splitlines()) for out, _ in outputs) == 30


def _leave(store: Store, channel: str, occurrence: datetime, status: str, error: str) -> None:
    """A ledger row as run_due leaves an occurrence it could not post."""
    sub = store.get("T1", channel)
    assert sub is not None
    store.claim(sub.id, occurrence, "mle", 0, "replica", occurrence, occurrence)
    row = store.ledger_row(sub.id, occurrence)
    assert row is not None and store.move(row.id, "replica", status, occurrence, error=error)


def test_list_as_table_and_json(store: Store, database_url: str, fake_slack: FakeSlack) -> None:
    _subscribe(store, 2)
    sub = store.get("T1", "C001")
    assert sub is not None
    store.pause(sub.id, "not_in_channel", FIRST)
    _leave(store, "C000", FIRST - timedelta(weeks=1), "unknown", "cannot_check_history")
    _leave(store, "C000", FIRST, "failed", "internal_error")
    env = _env(database_url, fake_slack)
    rows = json.loads(rolecall("digest", "list", "--json", env=env).stdout)
    assert [r["channel"] for r in rows] == ["C000", "C001"]
    assert rows[1]["state"] == "paused: not_in_channel" and rows[1]["next_post"] is None
    assert (rows[1]["unknown"], rows[1]["failed"]) == ([], [])
    assert rows[0] | {"next_post": None} == {
        "workspace": "T1",
        "channel": "C000",
        "schedule": "Monday 09:00",
        "zone": "Europe/London",
        "language": "en",
        "state": "active",
        "next_post": None,
        "last_post": None,
        "unknown": [{"occurrence": "2026-11-16T09:00:00+00:00", "error": "cannot_check_history"}],
        "failed": [{"occurrence": "2026-11-23T09:00:00+00:00", "error": "internal_error"}],
    }
    table = rolecall("digest", "list", env=env).stdout
    header, first, second = table.splitlines()
    assert header.split()[:3] == ["WORKSPACE", "CHANNEL", "SCHEDULE"] and header.split()[-2:] == ["UNKNOWN", "FAILED"]
    unknown, failed = "2026-11-16T09:00:00+00:00 (cannot_check_history)", "2026-11-23T09:00:00+00:00 (internal_error)"
    assert first.endswith(f"{unknown}  {failed}")
    assert "paused: not_in_channel" in second and second.split()[-2:] == ["-", "-"]


def test_db_upgrade(database_url: str, fake_slack: FakeSlack) -> None:
    done = rolecall("db", "upgrade", env=_env(database_url, fake_slack))
    assert done.returncode == 0 and "is up to date" in done.stdout
