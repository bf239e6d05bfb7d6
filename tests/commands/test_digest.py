"""``/digest`` policy without Bolt: who may change a digest, and the order of store and announce.

The Web API client is the SDK's real async client pointed at the fake Slack on loopback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import digest
from bot.snapshot import Snapshot
from bot.store import Store, make_engine
from testkit.slack_api import FakeSlack

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PLACE = digest.Place("T1", "C1")
BOSS = digest.Caller("U0BOSS", True, "Europe/London")


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def _client(fake: FakeSlack, timeout: int = 5) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=fake.api_url, timeout=timeout)


def _change(snap: Snapshot, store: Store, fake: FakeSlack, text: str, caller: digest.Caller = BOSS) -> str:
    request = digest.split(text)
    reply = asyncio.run(digest.change(snap, store, _client(fake), PLACE, caller, request, NOW))
    return reply.text


@pytest.fixture
def unreachable_store(tmp_path: Path) -> Store:
    """A store whose database cannot be opened: the folder it would live in does not exist."""
    return Store(make_engine(f"sqlite:///{tmp_path / 'missing' / 'rolecall.db'}"))


@pytest.mark.parametrize(
    ("user", "admins", "may"),
    [
        ({"is_admin": True}, frozenset(), True),
        ({"is_owner": True}, frozenset(), True),
        ({"is_primary_owner": True}, frozenset(), True),
        ({}, frozenset({"U1"}), True),
        ({}, frozenset(), False),
        (None, frozenset({"U1"}), True),
        (None, frozenset(), None),
    ],
)
def test_who_may_manage_digests(user: dict[str, bool] | None, admins: frozenset[str], may: bool | None) -> None:
    assert digest.caller_from("U1", user, admins).may_manage is may


@pytest.mark.parametrize("user", [{}, None], ids=["users.info answered", "users.info failed"])
def test_an_admin_named_with_a_workspace_manages_only_that_workspace(user: dict[str, bool] | None) -> None:
    admins = frozenset({"T1:U1"})
    assert digest.caller_from("U1", user, admins, "T1").may_manage is True
    assert digest.caller_from("U1", user, admins, "T2").may_manage is not True
    assert digest.caller_from("U2", user, admins, "T1").may_manage is not True


def test_users_info_timeout_refuses_politely(fake: FakeSlack) -> None:
    fake.set_user("U0BOSS", is_admin=True)
    fake.delay("users.info", seconds=3)
    caller = asyncio.run(digest.fetch_caller(_client(fake, timeout=1), "U0BOSS", frozenset()))
    assert caller.may_manage is None


def test_a_subscription_is_stored_before_it_is_announced(snap: Snapshot, store: Store, fake: FakeSlack) -> None:
    reply = _change(snap, store, fake, "subscribe fri 9am UTC")
    assert reply.startswith("Subscribed: a weekly explainer Fridays at 09:00 (UTC)")
    (announcement,) = fake.calls("chat.postMessage")
    assert "<@U0BOSS> subscribed this channel" in announcement.params["text"]
    sub = store.get("T1", "C1")
    assert sub is not None and sub.state == "active" and sub.weekday == 4


def test_a_store_outage_announces_nothing(snap: Snapshot, unreachable_store: Store, fake: FakeSlack) -> None:
    reply = _change(snap, unreachable_store, fake, "subscribe fri 9am UTC")
    assert reply == snap.text.DIGEST_STORE_DOWN
    assert fake.calls("chat.postMessage") == []


def test_unsubscribe_during_a_store_outage_says_so(snap: Snapshot, unreachable_store: Store, fake: FakeSlack) -> None:
    assert _change(snap, unreachable_store, fake, "unsubscribe") == snap.text.DIGEST_STORE_DOWN


def test_status_and_preview_during_a_store_outage_say_so(snap: Snapshot, unreachable_store: Store) -> None:
    assert digest.status(unreachable_store, snap, PLACE, NOW).text == snap.text.DIGEST_STORE_DOWN_READ
    assert digest.preview(unreachable_store, snap, PLACE).text == snap.text.DIGEST_STORE_DOWN_READ


def test_not_in_channel_undoes_a_new_subscription(snap: Snapshot, store: Store, fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", error="not_in_channel")
    assert "/invite @RoleCall" in _change(snap, store, fake, "subscribe")
    sub = store.get("T1", "C1")
    assert sub is None or sub.state == "off"


def test_not_in_channel_puts_back_the_schedule_that_was_there(snap: Snapshot, store: Store, fake: FakeSlack) -> None:
    _change(snap, store, fake, "subscribe tue 10:00 UTC")
    fake.fail("chat.postMessage", error="not_in_channel")
    _change(snap, store, fake, "subscribe fri 9am Europe/London")
    sub = store.get("T1", "C1")
    assert sub is not None and (sub.state, sub.weekday, sub.local_time, sub.zone) == ("active", 1, "10:00", "UTC")


def test_someone_else_is_refused_and_nothing_happens(snap: Snapshot, store: Store, fake: FakeSlack) -> None:
    reply = _change(snap, store, fake, "subscribe", caller=digest.Caller("U2", False, None))
    assert reply == snap.text.DIGEST_NOT_ALLOWED
    assert store.get("T1", "C1") is None and fake.calls() == []
