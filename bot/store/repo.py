"""Reads and writes for subscriptions, the ledger, sequence positions and handled events.

Every state change of a ledger row is a conditional UPDATE that names the owner and the
status it expects, so two processes can race on the same row and exactly one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, Engine, Row, Table, and_, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from bot.store.tables import handled_events, ledger, sequence_positions, subscriptions

_CLOCK_SQL = {
    "sqlite": "SELECT (julianday('now') - 2440587.5) * 86400.0",
    "postgresql": "SELECT extract(epoch FROM clock_timestamp())",
}
"""Seconds since the Unix epoch by the database's own clock, to the millisecond or better."""

EVENT_MEMORY = timedelta(hours=1)
"""How long an answered event id is remembered: Slack's retries come within minutes."""


class WeeklySlot(Protocol):
    """What the store keeps of a schedule; ``digests.schedule.Schedule`` is one. Declared here
    so storage depends on no layer above it."""

    @property
    def weekday(self) -> int: ...

    @property
    def at(self) -> time: ...

    @property
    def zone(self) -> str: ...


@dataclass(frozen=True)
class Subscription:
    id: int
    team_id: str
    channel_id: str
    enterprise_id: str | None
    weekday: int
    local_time: str
    zone: str
    language: str
    state: str
    pause_reason: str | None
    active_from: datetime
    changed_by: str
    updated_at: datetime

    @property
    def at(self) -> time:
        """``local_time`` as a wall-clock time."""
        hour, minute = (int(part) for part in self.local_time.split(":"))
        return time(hour, minute)


@dataclass(frozen=True)
class LedgerRow:
    id: int
    subscription_id: int
    occurrence: datetime
    status: str
    explainer_id: str
    cycle: int
    owner: str
    lease_until: datetime
    message_ts: str | None
    error: str | None
    updated_at: datetime


def _subscription(row: Row[Any]) -> Subscription:
    return Subscription(**row._mapping)


def _ledger(row: Row[Any]) -> LedgerRow:
    return LedgerRow(**row._mapping)


def upsert(
    db: Connection, table: Table, where: ColumnElement[bool], values: dict[str, Any], key: dict[str, Any]
) -> None:
    """Update the row, or insert it; portable across SQLite and PostgreSQL, and race-safe:
    if a concurrent transaction inserts first, the unique key fails ours and we update."""
    if db.execute(update(table).where(where).values(**values)).rowcount:
        return
    try:
        with db.begin_nested():
            db.execute(insert(table).values(**key, **values))
    except IntegrityError:
        db.execute(update(table).where(where).values(**values))


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def ping(self) -> None:
        """A round trip to the database, for the health check."""
        with self.engine.connect() as db:
            db.execute(select(1))

    def now(self) -> datetime:
        """The database's clock: the one every process and replica using it agrees on."""
        with self.engine.connect() as db:
            seconds = db.execute(text(_CLOCK_SQL[db.dialect.name])).scalar_one()
        return datetime.fromtimestamp(float(seconds), UTC)

    # subscriptions -------------------------------------------------------------------
    def subscribe(
        self,
        team_id: str,
        channel_id: str,
        schedule: WeeklySlot,
        language: str,
        user_id: str,
        now: datetime,
        enterprise_id: str | None = None,
    ) -> Subscription:
        """Create, or change in place and resume; the new schedule starts after ``now``."""
        values = {
            "enterprise_id": enterprise_id or None,
            "weekday": schedule.weekday,
            "local_time": schedule.at.strftime("%H:%M"),
            "zone": schedule.zone,
            "language": language,
            "state": "active",
            "pause_reason": None,
            "active_from": now,
            "changed_by": user_id,
            "updated_at": now,
        }
        where = and_(subscriptions.c.team_id == team_id, subscriptions.c.channel_id == channel_id)
        with self.engine.begin() as db:
            upsert(db, subscriptions, where, values, {"team_id": team_id, "channel_id": channel_id})
            return _subscription(db.execute(select(subscriptions).where(where)).one())

    def unsubscribe(self, team_id: str, channel_id: str, user_id: str, now: datetime) -> bool:
        where = and_(
            subscriptions.c.team_id == team_id, subscriptions.c.channel_id == channel_id, subscriptions.c.state != "off"
        )
        with self.engine.begin() as db:
            changed = db.execute(
                update(subscriptions).where(where).values(state="off", changed_by=user_id, updated_at=now)
            )
            return changed.rowcount > 0

    def get(self, team_id: str, channel_id: str) -> Subscription | None:
        where = and_(subscriptions.c.team_id == team_id, subscriptions.c.channel_id == channel_id)
        with self.engine.connect() as db:
            row = db.execute(select(subscriptions).where(where)).first()
        return _subscription(row) if row else None

    def subscriptions(self, state: str | None = None) -> list[Subscription]:
        query = select(subscriptions).order_by(subscriptions.c.team_id, subscriptions.c.channel_id)
        if state is not None:
            query = query.where(subscriptions.c.state == state)
        with self.engine.connect() as db:
            return [_subscription(row) for row in db.execute(query)]

    def pause_workspace(self, team_id: str, reason: str, now: datetime) -> int:
        """Pause every active subscription of a workspace (the app was uninstalled or lost its
        token); returns how many. Their schedules stay, so a reinstall can resume them."""
        with self.engine.begin() as db:
            changed = db.execute(
                update(subscriptions)
                .where(subscriptions.c.team_id == team_id, subscriptions.c.state == "active")
                .values(state="paused", pause_reason=reason, updated_at=now)
            )
            return int(changed.rowcount)

    def resume_workspace(self, team_id: str, reasons: frozenset[str], now: datetime) -> int:
        """Resume the workspace's subscriptions paused for one of ``reasons``; returns how many.
        Like subscribing again, each starts afresh from ``now``: weeks missed while the app was
        away are not posted late."""
        with self.engine.begin() as db:
            changed = db.execute(
                update(subscriptions)
                .where(
                    subscriptions.c.team_id == team_id,
                    subscriptions.c.state == "paused",
                    subscriptions.c.pause_reason.in_(sorted(reasons)),
                )
                .values(state="active", pause_reason=None, active_from=now, updated_at=now)
            )
            return int(changed.rowcount)

    def pause(self, subscription_id: int, reason: str, now: datetime) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(subscriptions)
                .where(subscriptions.c.id == subscription_id, subscriptions.c.state == "active")
                .values(state="paused", pause_reason=reason, updated_at=now)
            )

    # sequence ------------------------------------------------------------------------
    def cycle(self, subscription_id: int) -> int:
        with self.engine.connect() as db:
            found = db.execute(
                select(sequence_positions.c.cycle).where(sequence_positions.c.subscription_id == subscription_id)
            ).scalar()
        return int(found or 0)

    def set_cycle(self, subscription_id: int, cycle: int, now: datetime) -> None:
        where = sequence_positions.c.subscription_id == subscription_id
        with self.engine.begin() as db:
            upsert(
                db, sequence_positions, where, {"cycle": cycle, "updated_at": now}, {"subscription_id": subscription_id}
            )

    def posted_in_cycle(self, subscription_id: int, cycle: int) -> set[str]:
        return self._posted(subscription_id, ledger.c.cycle == cycle)

    def posted_ever(self, subscription_id: int) -> set[str]:
        return self._posted(subscription_id)

    def _posted(self, subscription_id: int, *where: ColumnElement[bool]) -> set[str]:
        query = select(ledger.c.explainer_id).where(
            ledger.c.subscription_id == subscription_id, ledger.c.status == "posted", *where
        )
        with self.engine.connect() as db:
            return set(db.execute(query).scalars())

    # ledger --------------------------------------------------------------------------
    def ledger_row(self, subscription_id: int, occurrence: datetime) -> LedgerRow | None:
        query = select(ledger).where(ledger.c.subscription_id == subscription_id, ledger.c.occurrence == occurrence)
        with self.engine.connect() as db:
            row = db.execute(query).first()
        return _ledger(row) if row else None

    def last_posted(self, subscription_id: int) -> LedgerRow | None:
        query = (
            select(ledger)
            .where(ledger.c.subscription_id == subscription_id, ledger.c.status == "posted")
            .order_by(ledger.c.occurrence.desc())
            .limit(1)
        )
        with self.engine.connect() as db:
            row = db.execute(query).first()
        return _ledger(row) if row else None

    def ledger_rows(self, subscription_id: int | None = None) -> list[LedgerRow]:
        query = select(ledger).order_by(ledger.c.occurrence, ledger.c.id)
        if subscription_id is not None:
            query = query.where(ledger.c.subscription_id == subscription_id)
        with self.engine.connect() as db:
            return [_ledger(row) for row in db.execute(query)]

    def claim(
        self,
        subscription_id: int,
        occurrence: datetime,
        explainer_id: str,
        cycle: int,
        owner: str,
        lease_until: datetime,
        now: datetime,
    ) -> bool:
        """Insert the ledger row; False if any process already holds this occurrence."""
        try:
            with self.engine.begin() as db:
                db.execute(
                    insert(ledger).values(
                        subscription_id=subscription_id,
                        occurrence=occurrence,
                        status="claimed",
                        explainer_id=explainer_id,
                        cycle=cycle,
                        owner=owner,
                        lease_until=lease_until,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    def take_over(self, row: LedgerRow, owner: str, lease_until: datetime, now: datetime) -> bool:
        """Own a row whose lease ran out, if nobody else took it since we read it."""
        with self.engine.begin() as db:
            changed = db.execute(
                update(ledger)
                .where(
                    ledger.c.id == row.id,
                    ledger.c.owner == row.owner,
                    ledger.c.status == row.status,
                    ledger.c.lease_until == row.lease_until,
                    ledger.c.lease_until <= now,
                )
                .values(owner=owner, lease_until=lease_until, updated_at=now)
            )
            return changed.rowcount == 1

    def move(self, row_id: int, owner: str, to_status: str, now: datetime, **fields: Any) -> bool:
        """Change a row we own; False means we lost it (another process took it over)."""
        with self.engine.begin() as db:
            changed = db.execute(
                update(ledger)
                .where(ledger.c.id == row_id, ledger.c.owner == owner)
                .values(status=to_status, updated_at=now, **fields)
            )
            return changed.rowcount == 1

    # events ----------------------------------------------------------------------------
    def first_delivery(self, event_id: str, now: datetime) -> bool:
        """True for the one process, of all workers and replicas, that should answer this event;
        False for a re-delivery. Ids older than ``EVENT_MEMORY`` are forgotten as it goes."""
        try:
            with self.engine.begin() as db:
                db.execute(delete(handled_events).where(handled_events.c.handled_at < now - EVENT_MEMORY))
                db.execute(insert(handled_events).values(event_id=event_id[:64], handled_at=now))
        except IntegrityError:
            return False
        return True
