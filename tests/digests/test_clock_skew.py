"""Leases run on the database's clock: replicas whose own clocks are ten minutes apart still
post each occurrence exactly once (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.catalog import BUNDLED_DIR
from bot.commands.digest import render_digest
from bot.digests.runner import LEASE, DigestRunner, Outcome
from bot.snapshot import ContentHolder
from bot.store import Store
from testkit.slack_api import FakeSlack
from tests.digests.conftest import FIRST, ORDER, Clock, make_client, subscribe

SKEW = timedelta(minutes=10)


def replica(store: Store, fake: FakeSlack, skew: timedelta) -> DigestRunner:
    """A replica whose host clock is ``skew`` off true time."""
    process_clock = Clock(datetime.now(UTC) + skew)
    return DigestRunner(store, ContentHolder(BUNDLED_DIR), make_client(fake), render_digest, clock=process_clock)


def test_a_replica_ten_minutes_fast_leaves_a_post_in_flight_alone(store: Store, fake_slack: FakeSlack) -> None:
    subscribe(store)
    honest, fast = replica(store, fake_slack, timedelta(0)), replica(store, fake_slack, SKEW)
    fake_slack.hold("chat.postMessage")
    outcomes: list[Outcome] = []
    sender = threading.Thread(target=lambda: outcomes.extend(honest.run_due(FIRST)))
    sender.start()
    try:
        fake_slack.wait_held()  # claimed, marked sending, the post on its way to Slack
        assert fast.run_due(FIRST) == [], "the lease is still running, whatever the fast replica's clock says"
    finally:
        fake_slack.release()
        sender.join()
    assert [o.result for o in outcomes] == ["posted"]
    assert len(fake_slack.posted()) == 1


def test_a_replica_ten_minutes_slow_takes_over_a_lease_that_ran_out(store: Store, fake_slack: FakeSlack) -> None:
    """A claim left by a crashed process is posted as soon as its lease ran out, not ten minutes late."""
    sub_id = subscribe(store)
    expired = store.now() - timedelta(minutes=1)
    store.claim(sub_id, FIRST, ORDER[0], 0, "dead-process", expired, expired - LEASE)
    slow = replica(store, fake_slack, -SKEW)
    assert [o.result for o in slow.run_due(FIRST)] == ["posted"]
    assert len(fake_slack.posted()) == 1


def test_ledger_times_are_the_databases(store: Store, fake_slack: FakeSlack) -> None:
    subscribe(store)
    before = store.now()
    assert [o.result for o in replica(store, fake_slack, -SKEW).run_due(FIRST)] == ["posted"]
    (row,) = store.ledger_rows()
    assert before <= row.updated_at <= store.now()
    assert row.lease_until - row.updated_at <= LEASE
