"""The pacer spaces posts and takes 429 retries, with a fake clock (no waiting)."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.digests.pacing import PacedRateLimitRetryHandler, Pacer
from testkit.slack_api import FakeSlack

NO_BACKOFF = FixedValueRetryIntervalCalculator(0)


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_slots_are_evenly_spaced() -> None:
    fake = FakeTime()
    pacer = Pacer(4, clock=fake.clock, sleep=fake.sleep)
    waits = [pacer.acquire() for _ in range(5)]
    assert waits == [0.0, 0.25, 0.25, 0.25, 0.25]
    assert fake.now == pytest.approx(101.0)


def test_idle_time_is_not_banked_as_a_burst() -> None:
    fake = FakeTime()
    pacer = Pacer(2, clock=fake.clock, sleep=fake.sleep)
    pacer.acquire()
    fake.now += 60
    assert [pacer.acquire(), pacer.acquire()] == [0.0, 0.5]


def test_wait_uses_the_injected_sleep() -> None:
    fake = FakeTime()
    Pacer(1, clock=fake.clock, sleep=fake.sleep).wait(3)
    assert fake.slept == [3]


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Pacer(0)


def test_paced_429_retry_waits_retry_after_then_takes_a_slot(fake_slack: FakeSlack) -> None:
    fake = FakeTime()
    pacer = Pacer(1000, clock=fake.clock, sleep=fake.sleep)
    client = WebClient(
        token="xoxb-test", base_url=fake_slack.api_url, retry_handlers=[PacedRateLimitRetryHandler(pacer, 3)]
    )
    fake_slack.rate_limit("chat.postMessage", retry_after=7)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"] is True
    assert fake.slept[0] == 7, "Retry-After is honoured, on the pacer's (fake) clock"
    assert [c.status for c in fake_slack.calls("chat.postMessage")] == [429, 200]


def test_429_retries_stop_at_their_limit(fake_slack: FakeSlack) -> None:
    fake = FakeTime()
    pacer = Pacer(1000, clock=fake.clock, sleep=fake.sleep)
    client = WebClient(
        token="xoxb-test", base_url=fake_slack.api_url, retry_handlers=[PacedRateLimitRetryHandler(pacer, 2)]
    )
    fake_slack.rate_limit("chat.postMessage", retry_after=1, times=5)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="hi")
    assert len(fake_slack.calls("chat.postMessage")) == 3
