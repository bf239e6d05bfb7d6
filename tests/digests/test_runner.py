"""``run_due`` against a fake Slack and a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.catalog import BUNDLED_DIR, load_pack
from bot.commands.digest import render_digest
from bot.digests.runner import DigestRunner
from bot.digests.schedule import occurrence_key
from bot.snapshot import ContentHolder
from bot.store import Store
from bot.store.tables import ledger
from testkit.slack_api import FakeSlack
from tests.conftest import PACK_VERSION
from tests.digests.conftest import CREATED, FIRST, MONDAY_9, ORDER, Clock, make_client, subscribe


def test_posts_the_due_occurrence_once_with_metadata(store: Store, runner: DigestRunner, fake_slack: FakeSlack) -> None:
    sub_id = subscribe(store)
    outcomes = runner.run_due(FIRST + timedelta(minutes=1))
    assert [o.result for o in outcomes] == ["posted"]
    assert runner.run_due(FIRST + timedelta(minutes=2)) == []
    (post,) = fake_slack.posted("C1")
    assert post["text"].startswith(load_pack(BUNDLED_DIR).explainers[ORDER[0]].title)
    assert post["metadata"]["event_payload"] == {
        "kind": "explainer",
        "id": ORDER[0],
        "pack_version": PACK_VERSION,
        "subscription_id": sub_id,
        "occurrence": occurrence_key(FIRST),
    }
    (row,) = store.ledger_rows()
    assert row.status == "posted" and row.message_ts is not None
    history = make_client(fake_slack).conversations_history(channel="C1")["messages"]
    assert [m["ts"] for m in history] == [row.message_ts]


def test_first_digest_is_the_first_occurrence_after_subscribing(store: Store, runner: DigestRunner) -> None:
    subscribe(store, at=FIRST + timedelta(minutes=30))  # subscribed half an hour after Monday's slot
    assert runner.run_due(FIRST + timedelta(hours=1)) == []
    assert [o.result for o in runner.run_due(FIRST + timedelta(days=7))] == ["posted"]


def test_grace_window_is_inclusive_and_a_long_outage_posts_only_the_latest(store: Store, runner: DigestRunner) -> None:
    subscribe(store)
    assert runner.run_due(FIRST + timedelta(hours=12, seconds=1)) == []  # missed, reported by status, no backlog
    three_weeks = FIRST + timedelta(weeks=3, hours=12)  # exactly at the edge of the window
    outcomes = runner.run_due(three_weeks)
    assert [(o.result, o.occurrence) for o in outcomes] == [("posted", FIRST + timedelta(weeks=3))]
    assert len(store.ledger_rows()) == 1


def test_explainers_go_in_pack_order_then_start_again(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    subscribe(store)
    for week in range(len(ORDER) + 2):
        runner.run_due(FIRST + timedelta(weeks=week, minutes=1))
    posted = [p["metadata"]["event_payload"]["id"] for p in fake_slack.posted("C1")]
    assert posted == [*ORDER, ORDER[0], ORDER[1]]


def test_permanent_error_pauses_without_using_up_the_explainer(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    subscribe(store, "C1")
    subscribe(store, "C2")
    fake_slack.fail("chat.postMessage", error="not_in_channel", channel="C1")
    outcomes = {o.subscription.channel_id: o for o in runner.run_due(FIRST + timedelta(minutes=1))}
    assert (outcomes["C1"].result, outcomes["C1"].detail) == ("paused", "not_in_channel")
    assert outcomes["C2"].result == "posted", "one failing channel never holds up the others"
    paused = store.get("T1", "C1")
    assert paused is not None and (paused.state, paused.pause_reason) == ("paused", "not_in_channel")
    assert runner.run_due(FIRST + timedelta(days=7, minutes=1))[0].subscription.channel_id == "C2"
    store.subscribe("T1", "C1", MONDAY_9, "en", "U0ADMIN", FIRST + timedelta(days=8))  # resume
    runner.run_due(FIRST + timedelta(days=14, minutes=1))
    assert fake_slack.posted("C1")[0]["metadata"]["event_payload"]["id"] == ORDER[0]


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived", "account_inactive"])
def test_every_permanent_error_pauses(store: Store, runner: DigestRunner, fake_slack: FakeSlack, error: str) -> None:
    subscribe(store)
    fake_slack.fail("chat.postMessage", error=error)
    assert runner.run_due(FIRST)[0].result == "paused"
    assert runner.run_due(FIRST + timedelta(weeks=1)) == []


def test_rate_limit_is_honoured_by_the_sdk(store: Store, runner: DigestRunner, fake_slack: FakeSlack) -> None:
    subscribe(store)
    fake_slack.rate_limit("chat.postMessage", retry_after=1)
    assert [o.result for o in runner.run_due(FIRST)] == ["posted"]
    statuses = [c.status for c in fake_slack.calls("chat.postMessage")]
    assert statuses == [429, 200] and len(fake_slack.posted()) == 1


def test_server_error_is_not_retried_blindly_but_checked_in_the_channel(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    """A 5xx to chat.postMessage may come after the post landed: resending could post twice."""
    subscribe(store)
    fake_slack.server_error("chat.postMessage", status=503)
    (outcome,) = runner.run_due(FIRST)
    assert outcome.result == "failed" and "check the channel" in outcome.detail
    assert len(fake_slack.calls("chat.postMessage")) == 1
    _crash(store, "sending")
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=5))] == ["posted"]
    assert [c.method for c in fake_slack.calls()][-2:] == ["conversations.history", "chat.postMessage"]
    assert len(fake_slack.posted()) == 1


def test_history_check_is_retried_on_a_server_error(store: Store, runner: DigestRunner, fake_slack: FakeSlack) -> None:
    """Reading history has nothing to duplicate, so its 5xx are retried by the SDK."""
    subscribe(store)
    runner.run_due(FIRST)
    _crash(store, "sending")
    fake_slack.server_error("conversations.history", status=503)
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=5))] == ["recovered"]
    assert [c.status for c in fake_slack.calls("conversations.history")] == [503, 200]


def test_transient_failure_is_retried_on_a_later_tick(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    subscribe(store)
    fake_slack.fail("chat.postMessage", error="internal_error")
    assert runner.run_due(FIRST)[0].result == "failed"
    assert runner.run_due(FIRST + timedelta(seconds=10)) == []  # backing off
    _leases_run_out(store)
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=2))] == ["posted"]
    assert len(fake_slack.posted()) == 1


def _leases_run_out(store: Store) -> None:
    """Time passes beyond every lease, by the database's clock, which leases run on."""
    past = store.now() - timedelta(seconds=1)
    with store.engine.begin() as db:
        db.execute(update(ledger).values(lease_until=past))


def _crash(store: Store, status: str) -> None:
    """Leave the only ledger row as a crashed process would: in ``status``, lease long expired."""
    past = store.now() - timedelta(hours=1)
    with store.engine.begin() as db:
        db.execute(update(ledger).values(status=status, owner="dead-process", lease_until=past, updated_at=past))


def _crashed_claim(store: Store, status: str) -> None:
    """A subscription whose first occurrence a dead process claimed and left in ``status``."""
    store.claim(subscribe(store), FIRST, ORDER[0], 0, "dead-process", FIRST, FIRST)
    _crash(store, status)


def test_crash_after_claim_before_sending_is_posted_on_a_later_tick(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    _crashed_claim(store, "claimed")
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=5))] == ["posted"]
    assert len(fake_slack.posted()) == 1


def test_crash_mid_send_finds_the_landed_post_instead_of_posting_twice(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    subscribe(store)
    runner.run_due(FIRST)
    _crash(store, "sending")
    outcomes = runner.run_due(FIRST + timedelta(minutes=5))
    assert [o.result for o in outcomes] == ["recovered"]
    assert len(fake_slack.posted()) == 1
    assert fake_slack.calls("conversations.history")[0].params["include_all_metadata"] in (True, "1", "true")
    assert store.ledger_rows()[0].status == "posted"


def test_crash_mid_send_finds_the_landed_post_behind_hundreds_of_newer_messages(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    subscribe(store)
    runner.run_due(FIRST)
    fake_slack.add_messages("C1", 700)  # a busy channel since the post
    _crash(store, "sending")
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=5))] == ["recovered"]
    assert len(fake_slack.posted()) == 1
    assert len(fake_slack.calls("conversations.history")) > 1, "paged back through the channel"


def test_crash_mid_send_that_did_not_land_is_posted(store: Store, runner: DigestRunner, fake_slack: FakeSlack) -> None:
    _crashed_claim(store, "sending")
    assert [o.result for o in runner.run_due(FIRST + timedelta(minutes=5))] == ["posted"]
    assert len(fake_slack.posted()) == 1


def test_crash_mid_send_without_history_scope_is_reported_not_reposted(
    store: Store, runner: DigestRunner, fake_slack: FakeSlack
) -> None:
    _crashed_claim(store, "sending")
    fake_slack.missing_scope("conversations.history")
    (outcome,) = runner.run_due(FIRST + timedelta(minutes=5))
    assert outcome.result == "unknown" and "channels:history" in outcome.detail
    assert fake_slack.posted() == []
    assert runner.run_due(FIRST + timedelta(minutes=10)) == []


def test_timeout_mid_send_is_checked_before_retrying(store: Store, fake_slack: FakeSlack, clock: Clock) -> None:
    subscribe(store)
    slow = DigestRunner(
        store, ContentHolder(BUNDLED_DIR), make_client(fake_slack, timeout=1), render_digest, clock=clock
    )
    fake_slack.delay("chat.postMessage", 2)
    (outcome,) = slow.run_due(FIRST)
    assert outcome.result == "failed" and "check the channel" in outcome.detail
    fake_slack.wait_for("chat.postMessage")
    _leases_run_out(store)
    assert [o.result for o in slow.run_due(FIRST + timedelta(minutes=10))] == ["recovered"]
    assert len(fake_slack.posted()) == 1


def test_two_runners_at_the_same_moment_post_each_occurrence_once(
    store: Store, fake_slack: FakeSlack, clock: Clock
) -> None:
    for n in range(20):
        subscribe(store, f"C{n}")
    runners = [
        DigestRunner(store, ContentHolder(BUNDLED_DIR), make_client(fake_slack), render_digest, clock=clock)
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)

    def run(r: DigestRunner) -> None:
        barrier.wait()
        r.run_due(FIRST)

    threads = [threading.Thread(target=run, args=(r,)) for r in runners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    channels = [p["channel"] for p in fake_slack.posted()]
    assert sorted(channels) == sorted(f"C{n}" for n in range(20))


def test_unsubscribed_and_paused_channels_get_nothing(store: Store, runner: DigestRunner) -> None:
    subscribe(store, "C1")
    store.unsubscribe("T1", "C1", "U0ADMIN", CREATED)
    assert runner.run_due(FIRST) == []


def test_explainers_added_in_a_new_pack_version_come_next(
    store: Store, fake_slack: FakeSlack, clock: Clock, tmp_path: Path
) -> None:
    root = tmp_path / "content"
    shutil.copytree(BUNDLED_DIR, root)
    kept, added = ORDER[:2], ORDER[2]
    for eid in ORDER[2:]:
        (root / "explainers" / f"{eid}.yml").rename(tmp_path / f"{eid}.yml")
    pack_yml = root / "pack.yml"
    original = pack_yml.read_text()
    pack_yml.write_text(original.replace("".join(f"  - {e}\n" for e in ORDER[2:]), ""))
    content = ContentHolder(root)
    runner = DigestRunner(store, content, make_client(fake_slack), render_digest, clock=clock)
    subscribe(store)
    for week in range(3):
        runner.run_due(FIRST + timedelta(weeks=week))
    (tmp_path / f"{added}.yml").rename(root / "explainers" / f"{added}.yml")
    pack_yml.write_text(pack_yml.read_text().replace(f"  - {kept[1]}\n", f"  - {kept[1]}\n  - {added}\n"))
    assert content.reload() is None
    runner.run_due(FIRST + timedelta(weeks=3))
    posted = [p["metadata"]["event_payload"]["id"] for p in fake_slack.posted("C1")]
    assert posted == [kept[0], kept[1], kept[0], added]
