"""``rolecall socket``'s start-up check of the app token: refusals stop it, outages do not."""

from __future__ import annotations

import asyncio
import logging

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.runtime.socket import check_app_token
from bot.settings import ConfigError
from testkit.served import free_port
from testkit.slack_api import FakeSlack

APP_TOKEN = "xapp-1-check"


def _check(base_url: str) -> None:
    asyncio.run(check_app_token(AsyncWebClient(base_url=base_url), APP_TOKEN))


@pytest.mark.parametrize("error", ["invalid_auth", "not_allowed_token_type", "token_revoked"])
def test_a_token_slack_refuses_is_a_configuration_error(fake_slack: FakeSlack, error: str) -> None:
    fake_slack.fail("apps.connections.open", error)
    with pytest.raises(ConfigError, match=f"SLACK_APP_TOKEN \\({error}\\)") as raised:
        _check(fake_slack.api_url)
    assert APP_TOKEN not in str(raised.value)


def test_an_accepted_token_passes(fake_slack: FakeSlack) -> None:
    fake_slack.answer("apps.connections.open", {"ok": True, "url": "ws://127.0.0.1:1/link"})
    _check(fake_slack.api_url)
    (call,) = fake_slack.calls("apps.connections.open")
    assert call.headers["authorization"] == f"Bearer {APP_TOKEN}"


def test_other_slack_errors_and_outages_leave_it_to_the_retrying_client(
    fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.fail("apps.connections.open", "internal_error")
    with caplog.at_level(logging.WARNING, logger="bot.runtime.socket"):
        _check(fake_slack.api_url)
        _check(f"http://127.0.0.1:{free_port()}/api/")  # nothing listens there
    assert [r.getMessage().split(" (")[0] for r in caplog.records if r.name == "bot.runtime.socket"] == [
        "Slack did not hand out a Socket Mode URL",
        "cannot reach Slack yet",
    ]
