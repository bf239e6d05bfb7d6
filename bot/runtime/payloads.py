"""The Slack payloads RoleCall handles, as far as Bolt and the listeners rely on them.

Bolt indexes into whatever a body parses to, and listeners index the fields below; a
signed body of another shape would fail inside them with a traceback and a 500. Checking
the shape first turns that into a one-line 400. Payload kinds RoleCall has no listener
for are left to Bolt, which answers them 404.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Payload(BaseModel):
    model_config = ConfigDict(extra="allow")


class Event(_Payload):
    type: str


class MessageEvent(Event):
    """``app_mention`` and ``message``: answered in the event's channel and thread."""

    channel: str
    ts: str
    text: str | None = None


class HomeOpened(Event):
    user: str


class EventCallback(_Payload):
    type: Literal["event_callback"]
    event: Event


class UrlVerification(_Payload):
    type: Literal["url_verification"]
    challenge: str


class SlashCommand(_Payload):
    command: str
    team_id: str
    channel_id: str
    user_id: str
    text: str = ""


class User(_Payload):
    id: str


class Action(_Payload):
    action_id: str
    value: str = ""


class BlockActions(_Payload):
    type: Literal["block_actions"]
    user: User
    trigger_id: str
    actions: list[Action] = Field(min_length=1)


EVENTS: dict[str, type[Event]] = {"app_mention": MessageEvent, "message": MessageEvent, "app_home_opened": HomeOpened}
BY_TYPE: dict[str, type[_Payload]] = {
    "event_callback": EventCallback,
    "url_verification": UrlVerification,
    "block_actions": BlockActions,
}


def shape_problem(body: Any) -> str | None:
    """Why ``body`` (a parsed request body) is not a payload RoleCall can handle, or None."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    model = SlashCommand if "command" in body else BY_TYPE.get(str(body.get("type")))
    problem = _check(model, body, "") if model is not None else None
    if problem is None and model is EventCallback:
        event = body["event"]
        problem = _check(EVENTS.get(str(event.get("type")), Event), event, "event.")
    return problem


def _check(model: type[_Payload], data: Any, prefix: str) -> str | None:
    try:
        model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        return f"{prefix}{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"
    return None
