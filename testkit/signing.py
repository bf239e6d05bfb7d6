"""Requests signed exactly as Slack signs them, sent over real HTTP to a running RoleCall."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

SIGNING_SECRET = "test-signing-secret"


def signature(body: str | bytes, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    """Slack's signature over the raw bytes, so bodies that are not UTF-8 can be signed too."""
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def command_form(
    command: str, text: str, response_url: str, user: str = "U0USER", channel: str = "C0CHAN"
) -> dict[str, str]:
    """A slash command's fields as Slack sends them: form-encoded over HTTP, JSON over Socket Mode."""
    return {
        "token": "legacy",
        "team_id": "T0001",
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": "tester",
        "command": command,
        "text": text,
        "api_app_id": "A0001",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "1.2.3",
    }


def event_callback(event: dict[str, Any], event_id: str = "Ev001") -> dict[str, Any]:
    """The Events API envelope around ``event``, as posted over HTTP or carried over Socket Mode."""
    return {
        "token": "legacy",
        "type": "event_callback",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
    }


def mention_event(text: str, ts: str = "1700000001.000100", **extra: Any) -> dict[str, Any]:
    """An ``app_mention`` event as Slack delivers it, by HTTP or over Socket Mode."""
    return {"type": "app_mention", "text": text, "user": "U0USER", "channel": "C0CHAN", "ts": ts, **extra}


def block_actions(
    action_id: str, value: str, response_url: str, *, user: str = "U0USER", container: str = "message"
) -> dict[str, Any]:
    """A button click's payload: form-encoded over HTTP, JSON over Socket Mode. In App Home
    (``container="view"``) Slack sends the view instead of a response_url."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": user},
        "api_app_id": "A0001",
        "trigger_id": "1.2.3",
        "channel": {"id": "C0CHAN"},
        "container": {"type": container},
        "actions": [{"action_id": action_id, "value": value, "type": "button"}],
    }
    if container == "view":
        payload["view"] = {"type": "home", "id": "V1"}
    else:
        payload["response_url"] = response_url
    return payload


@dataclass(frozen=True)
class Response:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Sends slash commands, events and interactions to ``base_url`` as Slack would."""

    def __init__(self, base_url: str, response_url: str) -> None:
        self.base_url = base_url
        self.response_url = response_url

    def post(
        self,
        body: str | bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        sign: bool = True,
        secret: str = SIGNING_SECRET,
        extra_headers: dict[str, str] | None = None,
        deadline: float = 10,
    ) -> Response:
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(ts), **(extra_headers or {})}
        if sign:
            headers["X-Slack-Signature"] = signature(body, ts, secret)
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(f"{self.base_url}/slack/events", data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=deadline) as answer:
                return Response(answer.status, answer.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode())

    def command(
        self, command: str, text: str = "", user: str = "U0USER", channel: str = "C0CHAN", **kw: Any
    ) -> Response:
        form = command_form(command, text, self.response_url, user, channel)
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)

    def event(self, event: dict[str, Any], event_id: str = "Ev001", **kw: Any) -> Response:
        body = event_callback(event, event_id)
        return self.post(json.dumps(body), "application/json", **kw)

    def action(self, action_id: str, value: str, *, user: str = "U0USER", container: str = "message") -> Response:
        payload = block_actions(action_id, value, self.response_url, user=user, container=container)
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def get(self, path: str) -> Response:
        try:
            with urllib.request.urlopen(f"{self.base_url}{path}", timeout=10) as answer:
                return Response(answer.status, answer.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode())
