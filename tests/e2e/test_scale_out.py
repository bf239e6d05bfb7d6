"""The scale-out proof: two ``rolecall serve`` replicas in OAuth mode, scheduling on, sharing one
PostgreSQL, with two workspaces; an install started on one replica finishes on the other, and as
time moves through several weeks (``rolecall digest run-due --at``, twice at once per week, as two
replicas' ticks would) every occurrence is posted exactly once, with its own workspace's token."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time

from bot.digests.schedule import Schedule
from bot.store import Store, make_engine
from testkit.served import serve
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT
from tests.e2e.conftest import CLEAN_ENV
from tests.e2e.test_workspaces import Browser, oauth_env

WEEKS = 3
CHANNELS = {"T0EAST": ("CEAST1", "CEAST2"), "T0WEST": ("CWEST1", "CWEST2")}


def run_due_twice(env: dict[str, str], at: datetime) -> None:
    command = [sys.executable, "-m", "bot", "digest", "run-due", "--at", at.isoformat()]
    both = [
        subprocess.Popen(command, cwd=ROOT, env={**CLEAN_ENV, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for process in both:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode()


def test_two_replicas_two_workspaces_every_occurrence_once(fake_slack: FakeSlack, postgres_url: str) -> None:
    env = oauth_env(fake_slack, postgres_url)
    # a weekly slot three days ago: the replicas' own ticks (real time) find nothing in grace
    slot_day = datetime.now(UTC) - timedelta(days=3)
    slot = Schedule(slot_day.weekday(), wall_time(9, 0), "UTC")
    first = (slot_day - timedelta(weeks=WEEKS + 1)).replace(hour=9, minute=0, second=0, microsecond=0)
    with serve(env, ROOT) as east, serve(env, ROOT) as west:
        for team, started, finished in (("T0EAST", east, west), ("T0WEST", west, east)):
            browser = Browser(started.base_url)
            state = browser.start_install()
            fake_slack.add_workspace(f"code-{team}", team, f"xoxb-{team.lower()}")
            browser.base_url = finished.base_url  # the load balancer sends the redirect elsewhere
            status, body, _ = browser.get(f"/slack/oauth_redirect?code=code-{team}&state={state}")
            assert status == 200, body
        engine = make_engine(postgres_url)
        store = Store(engine)
        for team, channels in CHANNELS.items():
            for channel in channels:
                store.subscribe(team, channel, slot, "en", "U0ADMIN", first - timedelta(days=1))
        for week in range(WEEKS):
            run_due_twice(env, first + timedelta(weeks=week, minutes=1))
        assert all(replica.process.poll() is None for replica in (east, west))
        assert any("Scheduler started" in line for line in east.output)
        assert any("Scheduler started" in line for line in west.output)

    posts = [c for c in fake_slack.calls("chat.postMessage") if c.status == 200]
    seen = Counter((c.params["channel"], c.params["metadata"]["event_payload"]["occurrence"]) for c in posts)
    assert len(seen) == WEEKS * 4 and set(seen.values()) == {1}, seen
    for call in posts:
        owner = fake_slack.team_of(call)
        assert owner is not None and call.params["channel"] in CHANNELS[owner]
    for sub in store.subscriptions():
        rows = store.ledger_rows(sub.id)
        assert [row.status for row in rows] == ["posted"] * WEEKS
        assert len({row.explainer_id for row in rows}) == WEEKS  # the sequence advanced once a week
    engine.dispose()
