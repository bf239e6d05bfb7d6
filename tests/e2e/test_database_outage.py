"""A real ``rolecall serve`` on PostgreSQL through a proxy that freezes: a database that hangs,
accepting connections and never answering, then recovers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select

from bot.store import make_engine
from bot.store.tables import handled_events
from testkit.hang_proxy import HangProxy
from testkit.served import serve
from testkit.signing import SIGNING_SECRET, SlackSender, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT

SLACK_DEADLINE = 3.0
T = TypeVar("T")


def within_deadline(call: Callable[[], T]) -> T:
    """``call()``, failing the test unless it finished inside Slack's 3-second deadline."""
    started = time.monotonic()
    result = call()
    assert time.monotonic() - started < SLACK_DEADLINE
    return result


def answered_in_time(slack: SlackSender, fake_slack: FakeSlack, event_id: str) -> None:
    fake_slack.clear()
    assert slack.event(mention_event("<@UBOT> what does a data scientist do?"), event_id=event_id).status == 200
    (call,) = fake_slack.wait_for("chat.postMessage", timeout=SLACK_DEADLINE)
    assert call.params["text"].startswith("Data scientist")


def recorded_events(database_url: str) -> set[str]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as db:
            return set(db.execute(select(handled_events.c.event_id)).scalars())
    finally:
        engine.dispose()


def test_a_hung_database_holds_up_no_answer_health_names_it_and_recovery_needs_no_restart(
    fake_slack: FakeSlack, postgres_url: str
) -> None:
    with HangProxy.before(postgres_url) as proxy:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.api_url,
            "DATABASE_URL": proxy.url(postgres_url),  # migrations pass through before the freeze
            "ROLECALL_DB_CONNECT_TIMEOUT": "2",
            "ROLECALL_DB_STATEMENT_TIMEOUT": "1",
        }
        with serve(env, ROOT) as served:
            slack = SlackSender(served.base_url, fake_slack.response_url("r1"))
            assert slack.get("/healthz").status == 200
            proxy.freeze()

            assert "Machine learning engineer" in within_deadline(lambda: slack.command("/role", "mle")).body
            assert "Embedded" in within_deadline(lambda: slack.command("/teams")).body
            within_deadline(lambda: answered_in_time(slack, fake_slack, "EvHung"))
            health = within_deadline(lambda: slack.get("/healthz"))
            assert health.status == 503
            assert health.json()["down"] == {"database": "the database did not answer within 1 s"}

            proxy.thaw()
            assert slack.get("/healthz").json()["status"] == "ok"
            answered_in_time(slack, fake_slack, "EvBack")
            assert "EvBack" in recorded_events(postgres_url), "de-duplication is shared through the database again"

            proxy.freeze()
            answered_in_time(slack, fake_slack, "EvHungAgain")  # leaves a thread waiting on the database
            os.killpg(served.process.pid, signal.SIGTERM)
            try:
                served.process.wait(timeout=8)
            except subprocess.TimeoutExpired:
                raise AssertionError("rolecall serve ignored SIGTERM while the database hung") from None
            served.reader.join(timeout=5)
            assert any("Application shutdown complete" in line for line in served.output), "a clean shutdown"
