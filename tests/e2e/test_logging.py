"""What operators read: RoleCall's own log lines from every process, uvicorn workers included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

import pytest

from bot.digests.schedule import Schedule, occurrence_key
from bot.store import Store, make_engine, upgrade
from testkit.served import serve
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT, serve_env

CHANNEL = "C0LOGGED"


def _due_subscription(url: str) -> datetime:
    """A subscription whose slot passed five minutes ago; returns that occurrence."""
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    due = (now - timedelta(minutes=5)).replace(second=0, microsecond=0)
    schedule = Schedule(due.weekday(), wall_time(due.hour, due.minute), "UTC")
    Store(engine).subscribe("T1", CHANNEL, schedule, "en", "U0ADMIN", now - timedelta(days=8))
    engine.dispose()
    return due


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_two_workers_log_the_pack_they_serve_and_the_digest_they_post(
    fake_slack: FakeSlack, tmp_path: Path, log_format: str
) -> None:
    env = serve_env(fake_slack, tmp_path, LOG_FORMAT=log_format)
    due = _due_subscription(env["DATABASE_URL"])
    with serve(env, ROOT, workers=2) as served:
        served.wait_logged("serving content pack rolecall-core", count=2)
        (posted,) = served.wait_logged(f"T1 {CHANNEL} {occurrence_key(due)} posted")
        output = list(served.output)
    if log_format == "json":
        assert json.loads(posted)["logger"] == "bot.digests.scheduler"
        for line in filter(str.strip, output):
            assert set(json.loads(line)) >= {"time", "level", "logger", "message"}, line
    else:
        assert posted.startswith("INFO bot.digests.scheduler: digest ")
