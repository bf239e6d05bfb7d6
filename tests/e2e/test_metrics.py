"""``GET /metrics`` of a real ``rolecall serve`` with two workers: whichever worker answers the
scrape, the counts are every worker's (PROMETHEUS_MULTIPROC_DIR, set up by ``serve``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

from bot.digests.schedule import Schedule
from bot.store import Store, make_engine, upgrade
from testkit.served import serve
from testkit.signing import SlackSender, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import PACK_VERSION, ROOT, serve_env


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text; 0 when absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(rf"{re.escape(name)}(?:\{{(.*)\}})? (\S+)", line)
        if match and ",".join(sorted((match.group(1) or "").split(","))) == wanted:
            return float(match.group(2))
    return 0.0


def test_metrics_add_up_every_worker_and_count_digests(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = serve_env(fake_slack, tmp_path)
    engine = make_engine(env["DATABASE_URL"])
    upgrade(engine)
    now = datetime.now(UTC)
    due = now - timedelta(minutes=5)
    slot = Schedule(due.weekday(), wall_time(due.hour, due.minute), "UTC")
    store = Store(engine)
    store.subscribe("T0001", "C0POSTS", slot, "en", "U0ADMIN", now - timedelta(days=8))
    store.subscribe("T0001", "C0GONE", slot, "en", "U0ADMIN", now - timedelta(days=8))
    engine.dispose()
    fake_slack.rate_limit("chat.postMessage", retry_after=1, channel="C0POSTS")
    fake_slack.fail("chat.postMessage", "channel_not_found", channel="C0GONE")

    with serve(env, ROOT, workers=2) as served:
        served.wait_logged("C0POSTS", timeout=30)
        served.wait_logged("C0GONE", timeout=30)
        slack = SlackSender(served.base_url, fake_slack.response_url("r1"))
        for _ in range(6):
            assert slack.command("/role", "mle").status == 200
        assert slack.command("/teams").status == 200
        assert slack.event(mention_event("<@UBOT> what does an mle do?"), event_id="EvMetric").status == 200
        fake_slack.wait_for("chat.postMessage", count=4, timeout=20)  # 429, posted, not found, the mention
        scrapes = [slack.get("/metrics") for _ in range(4)]  # new connections: both workers answer some

    for scrape in scrapes:
        assert scrape.status == 200
        text = scrape.body
        assert sample(text, "rolecall_requests_total", kind="/role") == 6
        assert sample(text, "rolecall_requests_total", kind="/teams") == 1
        assert sample(text, "rolecall_request_seconds_count", kind="/role") == 6
        assert sample(text, "rolecall_digest_outcomes_total", result="posted") == 1
        assert sample(text, "rolecall_digest_outcomes_total", result="paused") == 1
        assert sample(text, "rolecall_digest_retries_total") == 1
        assert sample(text, "rolecall_content_version_info", pack="rolecall-core", version=PACK_VERSION) == 1
        assert sample(text, "rolecall_mentions_total", outcome="role") == 1
