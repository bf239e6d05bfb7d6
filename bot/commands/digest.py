"""What ``/digest`` means: typed text and the caller in, a ``Reply`` out.

Listeners fetch the caller from Slack (``users.info``) and hand it here as a ``Caller``;
nothing in this module talks to Slack, so it is tested without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot import messages
from bot.digests.arguments import ACCEPTED_FORMS, ArgumentError, parse_subscribe
from bot.digests.schedule import Schedule, describe, next_occurrence
from bot.digests.sequence import choose_next
from bot.snapshot import Snapshot
from bot.store import Store, Subscription
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo

ACTIONS = ("subscribe", "unsubscribe", "status", "preview", "help")
CHANGES = frozenset({"subscribe", "unsubscribe"})


@dataclass(frozen=True)
class Caller:
    """Who ran the command. ``may_manage`` is None when Slack could not tell us."""

    user_id: str
    may_manage: bool | None
    zone: str | None


def split(text: str) -> tuple[str, str]:
    """The action word (lower-cased; empty means help) and the rest."""
    action, _, rest = text.strip().partition(" ")
    return action.casefold(), rest


def help_reply(snap: Snapshot, notice: str | None = None) -> Reply:
    text = messages.for_language(snap.language)
    reply = replies.help_reply(text.DIGEST_HELP, snap.pack, text)
    return replies.notice_with(reply, notice) if notice else reply


def when(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return local.strftime("%a %d %b %Y, %H:%M ") + (local.tzname() or zone)


def state_text(sub: Subscription, snap: Snapshot) -> str:
    text = messages.for_language(snap.language)
    if sub.state == "paused":
        return str(text.digest_paused(text.PAUSE_REASONS.get(sub.pause_reason or "", sub.pause_reason)))
    return "active" if sub.state == "active" else "off"


def state_label(sub: Subscription) -> str:
    """The state for operators: ``active``, ``off`` or ``paused: <Slack error>``."""
    return f"paused: {sub.pause_reason}" if sub.state == "paused" else sub.state


def first_post(sub: Subscription, now: datetime) -> datetime:
    """The next occurrence that ``run_due`` will post (never one before ``active_from``)."""
    return next_occurrence(Schedule.of(sub), max(now, sub.active_from))


def status(store: Store, snap: Snapshot, team_id: str, channel_id: str, now: datetime) -> Reply:
    text = messages.for_language(snap.language)
    sub = store.get(team_id, channel_id)
    if sub is None or sub.state == "off":
        return help_reply(snap, text.DIGEST_NOT_SUBSCRIBED)
    last = store.last_posted(sub.id)
    upcoming = when(first_post(sub, now), sub.zone) if sub.state == "active" else "none while paused"
    last_post = when(last.occurrence, sub.zone) if last else "none yet"
    body = text.digest_status(describe(Schedule.of(sub)), state_text(sub, snap), upcoming, last_post)
    return replies.help_reply(body, snap.pack, text)


def next_explainer_id(store: Store, snap: Snapshot, sub: Subscription | None) -> str:
    """The explainer a channel gets next, without claiming anything (for previews)."""
    order = list(snap.pack.explainers)
    if sub is None:
        return order[0]
    posted_this_cycle = store.posted_in_cycle(sub.id, store.cycle(sub.id))
    return choose_next(order, store.posted_ever(sub.id), posted_this_cycle)[0]


def preview(store: Store, snap: Snapshot, team_id: str, channel_id: str) -> Reply:
    text = messages.for_language(snap.language)
    explainer_id = next_explainer_id(store, snap, store.get(team_id, channel_id))
    card = snap.card("explainer", explainer_id)
    return replies.public(card, snap.pack, text, text.digest_preview_intro())


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
    text = messages.for_language(snap.language)
    if caller.may_manage is None:
        return replies.help_reply(text.DIGEST_PERMISSION_UNKNOWN, snap.pack, text)
    if not caller.may_manage:
        return replies.help_reply(text.DIGEST_NOT_ALLOWED, snap.pack, text)
    if action == "unsubscribe":
        return None
    try:
        schedule, language = parse_schedule(rest, caller)
    except ArgumentError as error:
        return help_reply(snap, text.digest_bad_argument(echo(error.token, 40), ACCEPTED_FORMS[error.kind]))
    return Plan(schedule, language, text.digest_announcement(caller.user_id, describe(schedule)))


def subscribe(
    store: Store, snap: Snapshot, team_id: str, channel_id: str, plan: Plan, user: str, now: datetime
) -> Reply:
    text = messages.for_language(snap.language)
    sub = store.subscribe(team_id, channel_id, plan.schedule, plan.language, user, now)
    body = text.digest_subscribed(describe(Schedule.of(sub)), when(first_post(sub, now), sub.zone))
    return replies.help_reply(body, snap.pack, text)


def unsubscribe(store: Store, snap: Snapshot, team_id: str, channel_id: str, user: str, now: datetime) -> Reply:
    text = messages.for_language(snap.language)
    done = store.unsubscribe(team_id, channel_id, user, now)
    return replies.help_reply(text.DIGEST_UNSUBSCRIBED if done else text.DIGEST_WAS_NOT_SUBSCRIBED, snap.pack, text)


def not_in_channel(snap: Snapshot, channel_id: str) -> Reply:
    text = messages.for_language(snap.language)
    return replies.help_reply(text.digest_not_in_channel(channel_id), snap.pack, text)


def render_digest(snap: Snapshot, explainer_id: str, sub: Subscription) -> Reply:
    """The weekly post: the explainer card, labelled, its text starting with the title."""
    text = messages.for_language(snap.language)
    return replies.public(snap.card("explainer", explainer_id), snap.pack, text, text.DIGEST_LABEL)
