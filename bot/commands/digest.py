"""What ``/digest`` means: who may change a channel's digest, in what order a change is stored
and announced, and the reply for every action.

``help``, ``status`` and ``preview`` are answered inside the ack. ``subscribe`` and
``unsubscribe`` need Slack (``users.info`` to know who is asking, a post in the channel), so
the listener runs ``change`` after the ack, with the Web API client it was handed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from bot.digests.arguments import ArgumentError, parse_subscribe
from bot.digests.listing import first_post
from bot.digests.schedule import Schedule
from bot.digests.sequence import choose_next
from bot.snapshot import Snapshot
from bot.store import Store, StoreError, Subscription
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo

log = logging.getLogger(__name__)

ACTIONS = ("subscribe", "unsubscribe", "status", "preview", "help")
CHANGES = frozenset({"subscribe", "unsubscribe"})
MANAGER_FLAGS = ("is_admin", "is_owner", "is_primary_owner")
"""``users.info`` flags that let a person change a channel's digest, besides ``ROLECALL_ADMINS``."""
INVITE_ERRORS = frozenset({"not_in_channel", "channel_not_found"})
"""Errors announcing a subscription that mean RoleCall must be invited first."""
SLACK_UNREACHABLE = (SlackApiError, SlackClientError, ClientError, TimeoutError, OSError)
"""How asking Slack can fail: an error answer, a client error, a timeout, a dropped connection."""
STORE_DOWN = (StoreError, SQLAlchemyError)

T = TypeVar("T")


@dataclass(frozen=True)
class Caller:
    """Who ran the command. ``may_manage`` is None when Slack could not tell us."""

    user_id: str
    may_manage: bool | None
    zone: str | None


@dataclass(frozen=True)
class Place:
    """Where the command was run."""

    team_id: str
    channel_id: str
    enterprise_id: str | None = None
    """The Enterprise Grid organisation, kept so the digest finds an org-wide install's token."""


def split(text: str) -> tuple[str, str]:
    """The action word (lower-cased; empty means help) and the rest."""
    action, _, rest = text.strip().partition(" ")
    return action.casefold(), rest


def is_listed_admin(user_id: str, team_id: str, admins: frozenset[str]) -> bool:
    """Whether ``ROLECALL_ADMINS`` names this person: as ``U456`` (in any workspace, the
    single-workspace form) or as ``T123:U456`` (in that workspace only). User ids are unique
    only within a workspace, so with many installed, naming the workspace is the safe form."""
    return user_id in admins or f"{team_id}:{user_id}" in admins


def caller_from(user_id: str, user: dict[str, Any] | None, admins: frozenset[str], team_id: str = "") -> Caller:
    """The rule for who may manage digests: workspace admins and owners, and ``ROLECALL_ADMINS``.

    ``user`` is the ``users.info`` answer, or None when Slack could not be asked: then only
    the configured admins are known to be allowed, and nobody is assumed to be refused.
    """
    listed = is_listed_admin(user_id, team_id, admins)
    if user is None:
        return Caller(user_id, True if listed else None, None)
    is_manager = any(user.get(flag) for flag in MANAGER_FLAGS)
    return Caller(user_id, is_manager or listed, user.get("tz"))


async def fetch_caller(client: AsyncWebClient, user_id: str, admins: frozenset[str], team_id: str = "") -> Caller:
    """Who is asking, from ``users.info``; an error or a timeout refuses politely, never assumes."""
    try:
        user = (await client.users_info(user=user_id)).get("user") or {}
    except SLACK_UNREACHABLE as error:
        log.warning("users.info failed (%s); refusing the digest change", type(error).__name__)
        return caller_from(user_id, None, admins, team_id)
    return caller_from(user_id, user, admins, team_id)


def help_reply(snap: Snapshot, notice: str | None = None) -> Reply:
    text = snap.text
    reply = replies.help_reply(text.DIGEST_HELP, snap.pack, text)
    return replies.notice_with(reply, notice) if notice else reply


def answer_now(snap: Snapshot, action: str) -> Reply:
    """The reply to an action that needs neither Slack nor the store: help, or an unknown word."""
    if action in ("", "help"):
        return help_reply(snap)
    return help_reply(snap, snap.text.digest_unknown_action(echo(action, 30)))


def when(snap: Snapshot, moment: datetime, zone: str) -> str:
    return snap.text.moment(moment.astimezone(ZoneInfo(zone)), zone)


def describe(snap: Snapshot, schedule: Schedule) -> str:
    return snap.text.schedule(schedule.weekday, schedule.at, schedule.zone)


def state_text(sub: Subscription, snap: Snapshot) -> str:
    text = snap.text
    if sub.state == "paused":
        return text.digest_paused(text.pause_reason(sub.pause_reason or ""))
    return text.STATE_ACTIVE if sub.state == "active" else text.STATE_OFF


def _guarded(snap: Snapshot, read: Callable[[], T], down: str) -> T | Reply:
    """``read()``, or the store-is-down reply: a database outage is a sentence, never a stack."""
    try:
        return read()
    except STORE_DOWN as error:
        log.warning("digest store unavailable: %s", type(error).__name__)
        return replies.help_reply(down, snap.pack, snap.text)


def store_down_read(snap: Snapshot) -> Reply:
    """Status or preview when the store did not answer in time."""
    return replies.help_reply(snap.text.DIGEST_STORE_DOWN_READ, snap.pack, snap.text)


def status(store: Store, snap: Snapshot, place: Place, now: datetime) -> Reply:
    """The channel's schedule, state, next and last post. Blocking: run it in a thread."""
    return _guarded(snap, lambda: _status(store, snap, place, now), snap.text.DIGEST_STORE_DOWN_READ)


def _status(store: Store, snap: Snapshot, place: Place, now: datetime) -> Reply:
    text = snap.text
    sub = store.get(place.team_id, place.channel_id)
    if sub is None or sub.state == "off":
        return help_reply(snap, text.DIGEST_NOT_SUBSCRIBED)
    last = store.last_posted(sub.id)
    upcoming = when(snap, first_post(sub, now), sub.zone) if sub.state == "active" else text.NONE_WHILE_PAUSED
    last_post = when(snap, last.occurrence, sub.zone) if last else text.NONE_YET
    body = text.digest_status(describe(snap, Schedule.of(sub)), state_text(sub, snap), upcoming, last_post)
    return replies.help_reply(body, snap.pack, text)


def next_explainer_id(store: Store, snap: Snapshot, sub: Subscription | None) -> str:
    """The explainer a channel gets next, without claiming anything (for previews)."""
    order = list(snap.pack.explainers)
    if sub is None:
        return order[0]
    posted_this_cycle = store.posted_in_cycle(sub.id, store.cycle(sub.id))
    return choose_next(order, store.posted_ever(sub.id), posted_this_cycle)[0]


def preview(store: Store, snap: Snapshot, place: Place) -> Reply:
    """The explainer this channel gets next, shown only to the asker. Blocking."""

    def read() -> Reply:
        explainer_id = next_explainer_id(store, snap, store.get(place.team_id, place.channel_id))
        card = snap.card("explainer", explainer_id)
        return replies.public(card, snap.pack, snap.text, snap.text.digest_preview_intro())

    return _guarded(snap, read, snap.text.DIGEST_STORE_DOWN_READ)


def parse_schedule(rest: str, caller: Caller) -> tuple[Schedule, str]:
    """Arguments with defaults applied: Monday, 09:00, the caller's zone (else UTC), English."""
    args = parse_subscribe(rest)
    schedule = Schedule(
        weekday=0 if args.weekday is None else args.weekday,
        at=args.at or time(9, 0),
        zone=args.zone or caller.zone or "UTC",
    )
    return schedule, args.language or "en"


@dataclass(frozen=True)
class Plan:
    """A permitted, well-formed subscribe: what to store and what to announce."""

    schedule: Schedule
    language: str
    announcement: str


def plan_change(snap: Snapshot, action: str, rest: str, caller: Caller) -> Reply | Plan | None:
    """Check permission and arguments before anything is stored or posted.

    Returns a refusal ``Reply``, a ``Plan`` for subscribe, or None for a permitted unsubscribe.
    """
    text = snap.text
    if caller.may_manage is None:
        return replies.help_reply(text.DIGEST_PERMISSION_UNKNOWN, snap.pack, text)
    if not caller.may_manage:
        return replies.help_reply(text.DIGEST_NOT_ALLOWED, snap.pack, text)
    if action == "unsubscribe":
        return None
    try:
        schedule, language = parse_schedule(rest, caller)
    except ArgumentError as error:
        return help_reply(snap, text.digest_bad_argument(echo(error.token, 40), error.kind))
    return Plan(schedule, language, text.digest_announcement(caller.user_id, describe(snap, schedule)))


async def change(
    snap: Snapshot,
    store: Store,
    client: AsyncWebClient,
    place: Place,
    caller: Caller,
    request: tuple[str, str],
    now: datetime,
) -> Reply:
    """Subscribe or unsubscribe, in the one safe order: check, store, then announce.

    The channel hears of a subscription only once it is stored, so a database outage never
    leaves an announcement with nothing behind it. If the announcement cannot be posted
    because RoleCall is not in the channel, the change is undone and the caller is told how to
    invite it.
    """
    action, rest = request
    plan = plan_change(snap, action, rest, caller)
    if isinstance(plan, Reply):
        return plan
    text, down = snap.text, snap.text.DIGEST_STORE_DOWN
    team, channel, user = place.team_id, place.channel_id, caller.user_id
    if plan is None:
        done = await asyncio.to_thread(_guarded, snap, lambda: store.unsubscribe(team, channel, user, now), down)
        if isinstance(done, Reply):
            return done
        return replies.help_reply(text.DIGEST_UNSUBSCRIBED if done else text.DIGEST_WAS_NOT_SUBSCRIBED, snap.pack, text)
    schedule, language = plan.schedule, plan.language

    def write() -> tuple[Subscription | None, Subscription]:
        before = store.get(team, channel)  # read first: an announcement that fails puts it back
        return before, store.subscribe(team, channel, schedule, language, user, now, place.enterprise_id)

    stored = await asyncio.to_thread(_guarded, snap, write, down)
    if isinstance(stored, Reply):
        return stored
    before, sub = stored
    try:
        await client.chat_postMessage(channel=channel, text=plan.announcement)
    except SlackApiError as error:
        code = str(error.response.get("error"))
        if code in INVITE_ERRORS:
            await asyncio.to_thread(_guarded, snap, lambda: _put_back(store, before, place, now), down)
            return replies.help_reply(text.digest_not_in_channel(channel), snap.pack, text)
        log.warning("could not announce the subscription in %s: %s", channel, code)
    body = text.digest_subscribed(describe(snap, schedule), when(snap, first_post(sub, now), sub.zone))
    return replies.help_reply(body, snap.pack, text)


def _put_back(store: Store, before: Subscription | None, place: Place, now: datetime) -> None:
    """Undo a subscribe that could not be announced, so the channel is as it was."""
    if before is None or before.state == "off":
        store.unsubscribe(place.team_id, place.channel_id, before.changed_by if before else "", now)
        return
    store.subscribe(
        place.team_id,
        place.channel_id,
        before,
        before.language,
        before.changed_by,
        before.active_from,
        before.enterprise_id,
    )
    if before.state == "paused":
        store.pause(before.id, before.pause_reason or "", now)


def render_digest(snap: Snapshot, explainer_id: str, sub: Subscription) -> Reply:
    """The weekly post: the explainer card, labelled, its text starting with the title."""
    text = snap.text
    return replies.public(snap.card("explainer", explainer_id), snap.pack, text, text.DIGEST_LABEL)
