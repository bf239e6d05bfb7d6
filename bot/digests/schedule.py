"""Weekly digest schedules, kept in the subscriber's wall clock and resolved to UTC instants.

People think of "Monday at 09:00" in their own zone, so the schedule is stored that way and
every occurrence is resolved afresh; storing a UTC time instead would drift by an hour at
each daylight-saving change. The ledger keys occurrences by UTC instant, so the public
functions take and return aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from bot.store.repo import WeeklySlot

__all__ = [
    "Schedule",
    "latest_occurrence",
    "next_occurrence",
    "occurrence_key",
]

_WEEK = timedelta(days=7)
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Schedule:
    """One weekly slot: a weekday (0 = Monday) and a minute-precision wall time in `zone`.

    Validated on construction so a bad row fails where it is built, not at send time.
    """

    weekday: int
    at: time
    zone: str

    def __post_init__(self) -> None:
        if isinstance(self.weekday, bool) or not isinstance(self.weekday, int) or not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be an int from 0 (Monday) to 6 (Sunday)")
        if self.at.tzinfo is not None:
            raise ValueError("at must be a naive wall-clock time; the zone carries the offset")
        if self.at.second or self.at.microsecond:
            raise ValueError("at must have minute precision")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
            raise ValueError("zone must be an IANA time zone name or UTC") from exc

    @classmethod
    def of(cls, slot: WeeklySlot) -> Schedule:
        """The schedule of a stored subscription (or anything else with the same three fields)."""
        return cls(slot.weekday, slot.at, slot.zone)

    @property
    def tz(self) -> ZoneInfo:
        """The zone object; ZoneInfo caches instances, so this is cheap to call repeatedly."""
        return ZoneInfo(self.zone)


def _require_aware(dt: datetime, name: str) -> datetime:
    """Naive datetimes are ambiguous about their zone, so refuse them rather than guess."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return dt.astimezone(UTC)


def _gap_end(wall: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant a spring-forward gap containing `wall` ends, rounded up to a whole local minute.

    In a gap the two folds give the offsets either side of the transition, which bounds the
    transition instant to a window as wide as the gap; a binary search over whole seconds
    finds it in ~17 steps even for a skipped day (Samoa, 2011).
    """
    offsets = (wall.replace(tzinfo=tz, fold=0).utcoffset(), wall.replace(tzinfo=tz, fold=1).utcoffset())
    before, after = min(o for o in offsets if o is not None), max(o for o in offsets if o is not None)
    naive = wall.replace(tzinfo=None, fold=0)
    lo = (naive - after).replace(tzinfo=UTC)  # before the transition: local wall time is < wall
    steps = int((after - before) / _SECOND)  # lo + steps seconds is at or after the transition
    low, high = 0, steps
    while high - low > 1:
        mid = (low + high) // 2
        if (lo + mid * _SECOND).astimezone(tz).replace(tzinfo=None) >= naive:
            high = mid
        else:
            low = mid
    instant = lo + high * _SECOND
    local = instant.astimezone(tz)
    if local.second or local.microsecond:  # only historical LMT-style offsets carry seconds
        instant += timedelta(seconds=60 - local.second) - timedelta(microseconds=local.microsecond)
    return instant


def _resolve(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall time `at` on local `day`: first instance if repeated, gap end if skipped."""
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    instant = wall.replace(tzinfo=tz).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == wall:
        return instant
    return _gap_end(wall, tz)


def _latest(schedule: Schedule, now: datetime) -> tuple[date, datetime]:
    """The local date and UTC instant of the latest occurrence at or before `now`.

    Starts from the local calendar date and corrects by at most a week either way, which
    also covers zones whose clocks fall back across midnight.
    """
    tz = schedule.tz
    today = now.astimezone(tz).date()
    day = today - timedelta(days=(today.weekday() - schedule.weekday) % 7)
    instant = _resolve(day, schedule.at, tz)
    while instant > now:
        day -= _WEEK
        instant = _resolve(day, schedule.at, tz)
    while (following := _resolve(day + _WEEK, schedule.at, tz)) <= now:
        day, instant = day + _WEEK, following
    return day, instant


def latest_occurrence(schedule: Schedule, now: datetime) -> datetime:
    """The latest occurrence at or before `now` (inclusive, so a run exactly on time counts), in UTC."""
    return _latest(schedule, _require_aware(now, "now"))[1]


def next_occurrence(schedule: Schedule, after: datetime) -> datetime:
    """The first occurrence strictly after `after`, in UTC; one week on from the latest, by local date."""
    day, _ = _latest(schedule, _require_aware(after, "after"))
    return _resolve(day + _WEEK, schedule.at, schedule.tz)


def occurrence_key(dt: datetime) -> str:
    """A zone-independent ledger key such as "2026-11-23T09:00Z", so replicas agree on identity."""
    return _require_aware(dt, "dt").strftime("%Y-%m-%dT%H:%MZ")
