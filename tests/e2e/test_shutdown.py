"""SIGTERM: a ``rolecall serve`` stops taking requests, finishes what is in flight (a digest
post included) and exits within 10 seconds."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

from bot.digests.schedule import Schedule
from bot.store import Store, make_engine, upgrade
from testkit.served import Served, start_serve
from testkit.signing import SlackSender, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT, serve_env

DEADLINE = 10.0


def start(env: dict[str, str], workers: int) -> Served:
    return start_serve(env, ROOT, workers=workers)


def terminate(served: Served) -> float:
    """SIGTERM the process group as an orchestrator would; seconds until it has exited."""
    began = time.monotonic()
    if served.process.poll() is None:
        os.killpg(served.process.pid, signal.SIGTERM)
    try:
        served.process.wait(timeout=DEADLINE + 5)
    finally:
        if served.process.poll() is None:
            os.killpg(served.process.pid, signal.SIGKILL)
            served.process.wait()
        served.reader.join(timeout=5)
        if served.process.stderr is not None:
            served.process.stderr.close()
    return time.monotonic() - began


def test_sigterm_finishes_a_digest_post_in_flight_then_exits(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = serve_env(fake_slack, tmp_path)
    engine = make_engine(env["DATABASE_URL"])
    upgrade(engine)
    now = datetime.now(UTC)
    due = now - timedelta(minutes=5)
    store = Store(engine)
    sub = store.subscribe(
        "T0001",
        "C0SLOW",
        Schedule(due.weekday(), wall_time(due.hour, due.minute), "UTC"),
        "en",
        "U1",
        now - timedelta(days=8),
    )
    fake_slack.delay("chat.postMessage", 3.0, channel="C0SLOW")
    served = start(env, workers=2)
    fake_slack.wait_for("chat.postMessage", timeout=20)  # the post is on its way, answered in 3 s
    took = terminate(served)
    assert took < DEADLINE, "".join(served.output)
    assert served.process.returncode == 0, "".join(served.output)
    (row,) = store.ledger_rows(sub.id)
    assert row.status == "posted", "".join(served.output)
    engine.dispose()


def test_sigterm_finishes_a_mention_answer_in_flight(fake_slack: FakeSlack, tmp_path: Path) -> None:
    """The answer is a lazy listener, not a request uvicorn waits for: shutdown waits for it."""
    served = start({**serve_env(fake_slack, tmp_path), "ROLECALL_SCHEDULER": "false"}, workers=1)
    fake_slack.hold("chat.postMessage")
    slack = SlackSender(served.base_url, fake_slack.response_url("r1"))
    assert slack.event(mention_event("<@UBOT> what does an mle do?"), event_id="EvShutdown").status == 200
    fake_slack.wait_held()
    os.killpg(served.process.pid, signal.SIGTERM)
    served.wait_logged("finishing 1 reply(ies) in flight")
    assert served.process.poll() is None, "exited with an answer still on its way"
    fake_slack.release()
    took = terminate(served)
    assert took < DEADLINE
    # one process: uvicorn re-raises the SIGTERM once it has shut down cleanly, as it should
    assert served.process.returncode in (0, -signal.SIGTERM), "".join(served.output)
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert post.status == 200 and post.params["thread_ts"]
