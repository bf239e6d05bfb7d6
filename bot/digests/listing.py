"""``rolecall digest list``: one row per subscription, as a table or as JSON.

Besides the schedule and state, each row names the occurrences that were not posted and need
an operator's eye: ``unknown`` (a send that may have landed, which could not be checked) and
``failed`` (the last attempt failed; a later tick retries while the occurrence is in its grace
window).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.digests.schedule import Schedule, next_occurrence
from bot.messages import English
from bot.store import LedgerRow, Store, Subscription

OPERATOR = English()
"""The CLI speaks to operators in English, whatever language a channel's digest is in."""


def first_post(sub: Subscription, now: datetime) -> datetime:
    """The next occurrence that ``run_due`` will post (never one before ``active_from``)."""
    return next_occurrence(Schedule.of(sub), max(now, sub.active_from))


def state_label(sub: Subscription) -> str:
    """The state for operators: ``active``, ``off`` or ``paused: <Slack error>``."""
    return f"paused: {sub.pause_reason}" if sub.state == "paused" else sub.state


UNSETTLED = ("unknown", "failed")


def listing_rows(store: Store, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for sub in store.subscriptions():
        last = store.last_posted(sub.id)
        ledger = store.ledger_rows(sub.id)
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
                **{status: [_unsettled(row) for row in ledger if row.status == status] for status in UNSETTLED},
            }
        )
    return rows


def _unsettled(row: LedgerRow) -> dict[str, str | None]:
    return {"occurrence": row.occurrence.isoformat(), "error": row.error}


def _cell(value: Any) -> str:
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(f"{item['occurrence']} ({item['error']})" for item in value)
    return str(value)


def render_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no subscriptions"
    headers = list(rows[0])
    cells = [[_cell(row[h]) for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) for cell in cells]
    return "\n".join(lines)
