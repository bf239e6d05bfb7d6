"""/digest through the real HTTP endpoint: ack-time answers and response_url follow-ups."""

from __future__ import annotations

import json
from typing import Any

import pytest

from testkit.signing import SlackSender
from testkit.slack_api import FakeSlack


def _ack(slack: SlackSender, text: str, **kw: Any) -> dict[str, Any]:
    answer = slack.command("/digest", text, **kw)
    assert answer.status == 200, answer.body
    body: dict[str, Any] = answer.json() if answer.body else {}
    return body


def _followup(fake: FakeSlack) -> dict[str, Any]:
    (call,) = fake.wait_for("response_url:r1")
    assert call.params["response_type"] == "ephemeral" and call.params["text"]
    return call.params


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP"])
def test_help(slack: SlackSender, text: str) -> None:
    reply = _ack(slack, text)
    assert "/digest subscribe" in reply["text"] and reply["response_type"] == "ephemeral"


@pytest.mark.parametrize("text", ["frobnicate", "<!channel>", "🦄", "اشتراک", "x" * 50_000])
def test_unknown_action_is_explained_safely(slack: SlackSender, text: str) -> None:
    reply = _ack(slack, text)
    assert "I don't know `/digest" in reply["text"] and "<!channel>" not in json.dumps(reply)
    assert len(reply["text"]) < 3000


def test_admin_subscribes_announces_and_status_shows_it(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.set_user("U0BOSS", is_admin=True, tz="Asia/Tehran")
    assert _ack(slack, "subscribe FRI 5:30pm", user="U0BOSS", channel="C0SUB") == {}
    reply = _followup(fake_slack)
    assert "Subscribed: a weekly explainer Fridays at 17:30 (Asia/Tehran)" in reply["text"]
    (announcement,) = fake_slack.posted("C0SUB")
    assert announcement["text"].startswith("<@U0BOSS> subscribed this channel")
    status = _ack(slack, "status", channel="C0SUB")
    assert "Fridays at 17:30 (Asia/Tehran)" in status["text"] and "State: active" in status["text"]
    assert "Last post: none yet" in status["text"]


def test_default_schedule_uses_the_callers_zone(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.set_user("U0OWNER", is_owner=True, tz="America/New_York")
    _ack(slack, "subscribe", user="U0OWNER", channel="C0DEF")
    assert "Mondays at 09:00 (America/New_York)" in _followup(fake_slack)["text"]


def test_rolecall_admins_may_subscribe(slack: SlackSender, fake_slack: FakeSlack) -> None:
    _ack(slack, "subscribe tue 10:00 UTC", user="U0ADMIN", channel="C0ENV")
    assert "Tuesdays at 10:00 (UTC)" in _followup(fake_slack)["text"]


def test_non_admin_is_refused_politely_and_nothing_changes(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.set_user("U0PLAIN")
    _ack(slack, "subscribe", user="U0PLAIN", channel="C0NO")
    assert "Only workspace admins and owners" in _followup(fake_slack)["text"]
    assert fake_slack.posted("C0NO") == []
    assert "no weekly digest" in _ack(slack, "status", channel="C0NO")["text"]


def test_users_info_failure_refuses_rather_than_assumes(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.fail("users.info", error="user_not_found")
    _ack(slack, "subscribe", user="U0WHO", channel="C0FAIL")
    assert "couldn't check your permissions" in _followup(fake_slack)["text"]


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        ("someday", "a weekday"),
        ("mon 25:00", "a time such as"),
        ("mon Mars/Olympus", "IANA time zone"),
        ("mon mon", "at most one each"),
        ("<!here> <@U1>", ""),
        ("دوشنبه", ""),
    ],
)
def test_bad_arguments_name_the_accepted_forms_and_never_echo_raw(
    slack: SlackSender, fake_slack: FakeSlack, args: str, accepted: str
) -> None:
    fake_slack.set_user("U0BOSS", is_admin=True)
    _ack(slack, f"subscribe {args}", user="U0BOSS", channel="C0BAD")
    reply = _followup(fake_slack)
    assert reply["text"].startswith("I couldn't use “") and accepted in reply["text"]
    assert "<!here>" not in json.dumps(reply) and "<@U1>" not in json.dumps(reply)
    assert fake_slack.posted("C0BAD") == []


def test_app_not_in_channel_says_how_to_invite(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.set_user("U0BOSS", is_admin=True)
    fake_slack.fail("chat.postMessage", error="not_in_channel")
    _ack(slack, "subscribe", user="U0BOSS", channel="C0OUT")
    assert "/invite @RoleCall" in _followup(fake_slack)["text"]
    assert "no weekly digest" in _ack(slack, "status", channel="C0OUT")["text"]


def test_unsubscribe_and_preview(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.set_user("U0BOSS", is_admin=True)
    preview = _ack(slack, "preview", channel="C0UN")
    assert "Preview" in json.dumps(preview) and preview["blocks"][1]["type"] == "header"
    _ack(slack, "subscribe wed 08:15 Europe/Paris", user="U0BOSS", channel="C0UN")
    _followup(fake_slack)
    fake_slack.clear()
    _ack(slack, "unsubscribe", user="U0BOSS", channel="C0UN")
    assert "no more weekly explainers" in _followup(fake_slack)["text"]
    fake_slack.clear()
    _ack(slack, "unsubscribe", user="U0BOSS", channel="C0UN")
    assert "wasn't subscribed" in _followup(fake_slack)["text"]
