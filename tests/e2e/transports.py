"""One interface over the two ways Slack reaches RoleCall, so a scenario is written once and run
over both: signed HTTP posts to ``rolecall serve``, and envelopes over ``rolecall socket``'s
WebSocket. Each transport checks its own way of acknowledging; the scenario checks the rest."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from testkit.served import Served
from testkit.signing import SIGNING_SECRET, SlackSender, block_actions, command_form, event_callback
from testkit.slack_api import FakeSlack
from tests.conftest import BOT_TOKEN
from tests.e2e.socket_app import APP_TOKEN, SocketApp
from tests.e2e.socket_app import BOT_TOKEN as SOCKET_BOT_TOKEN
from tests.replies import assert_safe

RETRY_HEADERS = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"}
"""What Slack adds to an event it sends again over HTTP because the first try was not acked in time."""


def ephemeral_reply(reply: dict[str, Any]) -> dict[str, Any]:
    """A slash command's answer, however it came: only the caller sees it, it has a plain-text
    fallback, fits Block Kit, and pings no one."""
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].strip(), "every reply needs a plain-text fallback"
    assert len(reply.get("blocks", [])) <= 50
    assert_safe(reply)
    return reply


def http_command(sender: SlackSender, command: str, text: str, user: str = "U0USER") -> dict[str, Any]:
    """A slash command posted over HTTP: the reply is the response to the post, checked."""
    answer = sender.command(command, text, user=user)
    assert answer.status == 200, answer.body
    reply: dict[str, Any] = answer.json()
    return ephemeral_reply(reply)


class Transport(ABC):
    """A running RoleCall, the fake Web API it calls, and how Slack's requests reach it."""

    name: str
    slack: FakeSlack
    """Where the app's Web API calls and response_url posts are recorded."""
    bot_token: str
    """The token the app must present to the Web API."""
    secrets: tuple[str, ...]
    """What the process was given that must never appear in its log."""

    @property
    @abstractmethod
    def output(self) -> list[str]:
        """The process's log lines so far."""

    @abstractmethod
    def command(self, command: str, text: str) -> dict[str, Any]:
        """Send a slash command; return the reply carried by its acknowledgement, checked."""

    @abstractmethod
    def event(self, event: dict[str, Any], event_id: str, *, redelivered: bool = False) -> None:
        """Deliver an event in its envelope (again, as Slack does when unsure, if ``redelivered``)
        and check it was acknowledged with nothing in it."""

    @abstractmethod
    def action(self, action_id: str, value: str, *, user: str) -> None:
        """Click a button on a message; check the click was acknowledged with nothing in it."""


class HttpTransport(Transport):
    """Signed posts to ``rolecall serve``'s ``/slack/events``; the answer is the HTTP response."""

    name = "http"
    bot_token = BOT_TOKEN
    secrets = (BOT_TOKEN, SIGNING_SECRET)

    def __init__(self, sender: SlackSender, server: Served, slack: FakeSlack) -> None:
        self.sender = sender
        self.server = server
        self.slack = slack

    @property
    def output(self) -> list[str]:
        return self.server.output

    def command(self, command: str, text: str) -> dict[str, Any]:
        return http_command(self.sender, command, text)

    def event(self, event: dict[str, Any], event_id: str, *, redelivered: bool = False) -> None:
        answer = self.sender.event(event, event_id=event_id, extra_headers=RETRY_HEADERS if redelivered else None)
        assert (answer.status, answer.body) == (200, "")

    def action(self, action_id: str, value: str, *, user: str) -> None:
        answer = self.sender.action(action_id, value, user=user)
        assert (answer.status, answer.body) == (200, "")


class SocketTransport(Transport):
    """Envelopes over ``rolecall socket``'s WebSocket; the answer is the envelope's ack."""

    name = "socket"
    bot_token = SOCKET_BOT_TOKEN
    secrets = (SOCKET_BOT_TOKEN, APP_TOKEN)

    def __init__(self, app: SocketApp) -> None:
        self.app = app
        self.slack = app.slack

    @property
    def output(self) -> list[str]:
        return self.app.output

    def command(self, command: str, text: str) -> dict[str, Any]:
        envelope_id = self.app.ws.push("slash_commands", command_form(command, text, self.slack.response_url("r1")))
        ack = self.app.ws.wait_ack(envelope_id)
        assert set(ack) == {"envelope_id", "payload"}, ack
        reply: dict[str, Any] = ack["payload"]
        return ephemeral_reply(reply)

    def event(self, event: dict[str, Any], event_id: str, *, redelivered: bool = False) -> None:
        payload = event_callback(event, event_id)
        envelope_id = self.app.ws.push("events_api", payload, retry_attempt=1 if redelivered else 0)
        assert self.app.ws.wait_ack(envelope_id) == {"envelope_id": envelope_id}

    def action(self, action_id: str, value: str, *, user: str) -> None:
        payload = block_actions(action_id, value, self.slack.response_url("r1"), user=user)
        envelope_id = self.app.ws.push("interactive", payload)
        assert self.app.ws.wait_ack(envelope_id) == {"envelope_id": envelope_id}
