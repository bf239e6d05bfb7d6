"""``rolecall digest list``: one row per subscription, as a table or as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.digests.schedule import Schedule, next_occurrence
from bot.messages import English
from bot.store import Store, Subscription

OPERATOR = English()
"""The CLI speaks to operators in English, whatever language a channel's digest is in."""


def first_post(sub: Subscription, now: datetime) -> datetime:
    """The next occurrence that ``run_due`` will post (never one before ``active_from``)."""
    return next_occurrence(Schedule.of(sub), max(now, sub.active_from))


def state_label(sub: Subscription) -> str:
    """The state for operators: ``active``, ``off`` or ``paused: <Slack error>``."""
    return f"paused: {sub.pause_reason}" if sub.state == "paused" else sub.state


def listing_rows(store: Store, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for sub in store.subscriptions():
        last = store.last_posted(sub.id)
        rows.append(
            {
                "workspace": sub.team_id,
                "channel": sub.channel_id,
                "schedule": f"{OPERATOR.DAY_NAMES[sub.weekday]} {sub.local_time}",
                "zone": sub.zone,
                "language": sub.language,
                "state": state_label(sub),
                "next_post": first_post(sub, now).isoformat() if sub.state == "active" else None,
                "last_post": last.occurrence.isoformat() if last else None,
            }
        )
    return rows


def render_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no subscriptions"
    headers = list(rows[0])
    cells = [[str(row[h] if row[h] is not None else "-") for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) for cell in cells]
    return "\n".join(lines)
