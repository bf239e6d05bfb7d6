"""``rolecall serve`` posts a due digest by itself: the APScheduler job calls run_due on start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

from bot.digests.schedule import Schedule
from bot.store import Store, make_engine, upgrade
from testkit.served import serve
from testkit.signing import SIGNING_SECRET
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT


def test_serve_posts_a_due_digest_and_no_scheduler_flag_stops_it(fake_slack: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sched.db'}"
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    due = now - timedelta(minutes=5)  # this week's slot passed five minutes ago
    schedule = Schedule(due.weekday(), wall_time(due.hour, due.minute), "UTC")
    Store(engine).subscribe("T1", "C0SCHED", schedule, "en", "U0ADMIN", now - timedelta(days=8))
    engine.dispose()
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": url,
    }
    with serve(env, ROOT, ("--no-scheduler",)) as replica:
        assert not any("Scheduler started" in line for line in replica.output)
    assert fake_slack.posted("C0SCHED") == []
    with serve(env, ROOT) as poster:
        (call,) = fake_slack.wait_for("chat.postMessage", timeout=20)
        assert any("Scheduler started" in line for line in poster.output)
    assert call.params["channel"] == "C0SCHED"
    assert call.params["metadata"]["event_payload"]["kind"] == "explainer"
