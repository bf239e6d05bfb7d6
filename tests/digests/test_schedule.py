"""Tests for weekly digest schedule maths.

Why: digests are keyed by occurrence in a ledger, so a daylight-saving change that skips or
doubles a week would silently drop or repeat a digest for everyone in that zone. The year
walks compare against a brute-force minute-by-minute oracle written independently of the
module's gap search.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.digests.schedule import (
    Schedule,
    latest_occurrence,
    next_occurrence,
    occurrence_key,
)

US = timedelta(microseconds=1)
WEEK = timedelta(days=7)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware UTC datetime, to keep expected values short."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def exists(wall: datetime, tz: ZoneInfo) -> bool:
    """A naive wall time exists in `tz` if it survives a round trip through UTC."""
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall


def oracle(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Brute force: the first existing local minute at or after `at` on `day`, first fold, as UTC."""
    wall = datetime.combine(day, at)
    while not exists(wall, tz):
        wall += timedelta(minutes=1)
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def walk_year(schedule: Schedule, year: int) -> list[datetime]:
    """Every occurrence whose local date falls in `year`, found only via next_occurrence."""
    tz = schedule.tz
    start = datetime(year, 1, 1, tzinfo=tz).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=tz).astimezone(UTC)
    found: list[datetime] = []
    current = next_occurrence(schedule, start - US)
    while current < end:
        found.append(current)
        current = next_occurrence(schedule, current)
    return found


def dates_with_weekday(year: int, weekday: int) -> list[date]:
    """Calendar dates in `year` on `weekday`, computed without any zone."""
    day = date(year, 1, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    days: list[date] = []
    while day.year == year:
        days.append(day)
        day += WEEK
    return days


# (zone, weekday, at, year, expected count). 2026 starts on a Thursday, 2021 on a Friday,
# 2011 on a Saturday, so those weekdays have 53 occurrences and the rest 52.
YEAR_CASES = [
    ("Europe/London", 6, time(1, 30), 2026, 52),  # gap in March, repeated hour in October
    ("Europe/London", 6, time(1, 0), 2026, 52),  # exactly the start of the gap
    ("Europe/London", 6, time(2, 0), 2026, 52),  # first minute after the gap
    ("Europe/London", 0, time(9, 0), 2026, 52),
    ("Europe/London", 3, time(23, 59), 2026, 53),
    ("America/New_York", 6, time(2, 30), 2026, 52),
    ("America/New_York", 6, time(1, 30), 2026, 52),
    ("America/New_York", 6, time(2, 0), 2026, 52),
    ("America/New_York", 4, time(17, 0), 2026, 52),
    ("Asia/Tehran", 0, time(0, 30), 2021, 52),  # DST started at midnight on Monday 22 March
    ("Asia/Tehran", 1, time(23, 30), 2021, 52),  # clocks fell back across midnight in September
    ("Asia/Tehran", 4, time(9, 0), 2021, 53),
    ("Asia/Tehran", 0, time(9, 0), 2026, 52),
    ("Asia/Kolkata", 4, time(17, 45), 2026, 52),
    ("UTC", 3, time(0, 0), 2026, 53),
    ("UTC", 0, time(9, 0), 2026, 52),
    ("Australia/Sydney", 6, time(2, 30), 2026, 52),  # southern hemisphere: gap in October
    ("Australia/Lord_Howe", 6, time(2, 15), 2026, 52),  # half-hour daylight-saving shift
    ("Australia/Lord_Howe", 6, time(1, 45), 2026, 52),  # repeated half hour in April
    ("Pacific/Chatham", 6, time(3, 0), 2026, 52),  # +12:45 / +13:45
    ("Pacific/Apia", 4, time(9, 0), 2011, 52),  # Friday 30 December 2011 never happened
    ("Pacific/Apia", 5, time(9, 0), 2011, 53),
]


@pytest.mark.parametrize(("zone", "weekday", "at", "year", "count"), YEAR_CASES)
def test_year_walk_has_one_occurrence_per_local_week(zone: str, weekday: int, at: time, year: int, count: int) -> None:
    schedule = Schedule(weekday, at, zone)
    tz = schedule.tz
    found = walk_year(schedule, year)
    days = dates_with_weekday(year, weekday)

    assert len(found) == count == len(days)
    assert found == [oracle(day, at, tz) for day in days]
    assert all(occurrence.tzinfo is UTC for occurrence in found)
    for day, occurrence in zip(days, found, strict=True):
        local = occurrence.astimezone(tz)
        if exists(datetime.combine(day, at), tz):
            assert (local.date(), local.time(), local.fold) == (day, at, 0)
        else:
            assert local.replace(tzinfo=None) > datetime.combine(day, at)
            assert not exists(local.replace(tzinfo=None) - timedelta(minutes=1), tz)
    for earlier, later in itertools.pairwise(found):
        # Exactly six days only where a whole local day was skipped (Samoa, 2011).
        assert timedelta(days=6) <= later - earlier < timedelta(days=8)


@pytest.mark.parametrize(("zone", "weekday", "at", "year", "count"), YEAR_CASES)
def test_latest_and_next_agree_around_every_occurrence(
    zone: str, weekday: int, at: time, year: int, count: int
) -> None:
    schedule = Schedule(weekday, at, zone)
    found = walk_year(schedule, year)
    assert len(found) == count
    for previous, occurrence in itertools.pairwise(found):
        assert latest_occurrence(schedule, occurrence) == occurrence
        assert latest_occurrence(schedule, occurrence - US) == previous
        assert next_occurrence(schedule, occurrence - US) == occurrence
        assert next_occurrence(schedule, previous) == occurrence


@pytest.mark.parametrize(
    ("zone", "weekday", "at", "now", "expected_utc", "expected_local"),
    [
        # Europe/London springs forward at 01:00 GMT: 01:00-01:59 local do not exist.
        ("Europe/London", 6, time(1, 30), utc(2026, 3, 30), utc(2026, 3, 29, 1), "2026-03-29T02:00:00+01:00"),
        ("Europe/London", 6, time(1, 0), utc(2026, 3, 30), utc(2026, 3, 29, 1), "2026-03-29T02:00:00+01:00"),
        ("Europe/London", 6, time(2, 30), utc(2026, 3, 30), utc(2026, 3, 29, 1, 30), "2026-03-29T02:30:00+01:00"),
        # Repeated 01:00-01:59 in October: the first (BST) instance wins.
        ("Europe/London", 6, time(1, 30), utc(2026, 10, 26), utc(2026, 10, 25, 0, 30), "2026-10-25T01:30:00+01:00"),
        # America/New_York: 02:00-02:59 skipped in March, 01:00-01:59 repeated in November.
        ("America/New_York", 6, time(2, 30), utc(2026, 3, 9), utc(2026, 3, 8, 7), "2026-03-08T03:00:00-04:00"),
        ("America/New_York", 6, time(2, 59), utc(2026, 3, 9), utc(2026, 3, 8, 7), "2026-03-08T03:00:00-04:00"),
        ("America/New_York", 6, time(1, 30), utc(2026, 11, 2), utc(2026, 11, 1, 5, 30), "2026-11-01T01:30:00-04:00"),
        # Half-hour zones.
        ("Asia/Tehran", 0, time(9, 0), utc(2026, 11, 24), utc(2026, 11, 23, 5, 30), "2026-11-23T09:00:00+03:30"),
        ("Asia/Kolkata", 4, time(17, 45), utc(2026, 11, 28), utc(2026, 11, 27, 12, 15), "2026-11-27T17:45:00+05:30"),
        # Midnight gap in Tehran, 2021.
        ("Asia/Tehran", 0, time(0, 30), utc(2021, 3, 23), utc(2021, 3, 21, 20, 30), "2021-03-22T01:00:00+04:30"),
        # Lord Howe skips half an hour.
        (
            "Australia/Lord_Howe",
            6,
            time(2, 15),
            utc(2026, 10, 5),
            utc(2026, 10, 3, 15, 30),
            "2026-10-04T02:30:00+11:00",
        ),
        # A skipped calendar day: Friday's digest goes out as the missing day ends.
        ("Pacific/Apia", 4, time(9, 0), utc(2011, 12, 31, 12), utc(2011, 12, 30, 10), "2011-12-31T00:00:00+14:00"),
        ("UTC", 0, time(9, 0), utc(2026, 11, 25), utc(2026, 11, 23, 9), "2026-11-23T09:00:00+00:00"),
    ],
)
def test_latest_occurrence_known_values(
    zone: str, weekday: int, at: time, now: datetime, expected_utc: datetime, expected_local: str
) -> None:
    schedule = Schedule(weekday, at, zone)
    occurrence = latest_occurrence(schedule, now)
    assert occurrence == expected_utc
    assert occurrence.tzinfo is UTC
    assert occurrence.astimezone(schedule.tz).isoformat() == expected_local


def test_new_york_weeks_either_side_of_spring_forward() -> None:
    schedule = Schedule(6, time(2, 30), "America/New_York")
    first = next_occurrence(schedule, utc(2026, 2, 28))
    second = next_occurrence(schedule, first)
    third = next_occurrence(schedule, second)
    assert [first, second, third] == [utc(2026, 3, 1, 7, 30), utc(2026, 3, 8, 7), utc(2026, 3, 15, 6, 30)]


def test_london_weeks_either_side_of_fall_back() -> None:
    schedule = Schedule(6, time(1, 30), "Europe/London")
    first = next_occurrence(schedule, utc(2026, 10, 17))
    second = next_occurrence(schedule, first)
    third = next_occurrence(schedule, second)
    assert [first, second, third] == [utc(2026, 10, 18, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)]
    # Not doubled: the second 01:30 of 25 October (01:30 GMT) is not an occurrence.
    assert latest_occurrence(schedule, utc(2026, 10, 25, 1, 30)) == second
    assert next_occurrence(schedule, utc(2026, 10, 25, 1, 30)) == third


def test_now_exactly_on_occurrence_is_inclusive() -> None:
    schedule = Schedule(0, time(9, 0), "UTC")
    now = utc(2026, 11, 23, 9)
    assert now.weekday() == 0
    assert latest_occurrence(schedule, now) == now
    assert next_occurrence(schedule, now) == now + WEEK
    assert latest_occurrence(schedule, now - US) == now - WEEK
    assert next_occurrence(schedule, now - US) == now
    assert latest_occurrence(schedule, now + US) == now


def test_now_on_occurrence_in_local_zone_is_inclusive() -> None:
    schedule = Schedule(0, time(9, 0), "Europe/London")
    now = utc(2026, 6, 1, 8)  # 09:00 BST on a Monday
    assert latest_occurrence(schedule, now) == now
    assert next_occurrence(schedule, now) == now + WEEK


def test_later_in_the_same_day_and_earlier_in_the_week() -> None:
    schedule = Schedule(2, time(12, 0), "UTC")
    assert latest_occurrence(schedule, utc(2026, 11, 25, 11, 59)) == utc(2026, 11, 18, 12)
    assert latest_occurrence(schedule, utc(2026, 11, 25, 12, 1)) == utc(2026, 11, 25, 12)
    assert latest_occurrence(schedule, utc(2026, 11, 23)) == utc(2026, 11, 18, 12)
    assert next_occurrence(schedule, utc(2026, 11, 23)) == utc(2026, 11, 25, 12)


def test_local_weekday_differs_from_utc_weekday() -> None:
    # Monday 02:00 in Kolkata is still Sunday in UTC.
    schedule = Schedule(0, time(2, 0), "Asia/Kolkata")
    occurrence = next_occurrence(schedule, utc(2026, 11, 20))
    assert occurrence == utc(2026, 11, 22, 20, 30)
    assert occurrence.weekday() == 6
    assert occurrence.astimezone(schedule.tz).weekday() == 0


def test_accepts_aware_non_utc_input_and_returns_utc() -> None:
    schedule = Schedule(0, time(9, 0), "UTC")
    plus_five = timezone(timedelta(hours=5))
    now = datetime(2026, 11, 23, 14, 0, tzinfo=plus_five)  # 09:00 UTC
    assert latest_occurrence(schedule, now) == utc(2026, 11, 23, 9)
    assert latest_occurrence(schedule, now).tzinfo is UTC
    assert next_occurrence(schedule, now).tzinfo is UTC


def test_random_instants_are_bracketed() -> None:
    rng = random.Random(20261123)
    zones = ["Europe/London", "America/New_York", "Asia/Tehran", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"]
    start = utc(2018, 1, 1)
    for _ in range(1500):
        schedule = Schedule(rng.randrange(7), time(rng.randrange(24), rng.randrange(60)), rng.choice(zones))
        now = start + timedelta(seconds=rng.randrange(12 * 365 * 86400))
        latest = latest_occurrence(schedule, now)
        following = next_occurrence(schedule, now)
        assert latest <= now < following
        assert next_occurrence(schedule, latest) == following
        assert latest_occurrence(schedule, following - US) == latest
        assert timedelta(days=6) < following - latest < timedelta(days=8)


@pytest.mark.parametrize("function", [latest_occurrence, next_occurrence])
def test_naive_now_is_refused(function: Callable[[Schedule, datetime], datetime]) -> None:
    schedule = Schedule(0, time(9, 0), "UTC")
    with pytest.raises(ValueError, match="timezone-aware"):
        function(schedule, datetime(2026, 11, 23, 9))


def test_occurrence_key() -> None:
    assert occurrence_key(utc(2026, 11, 23, 9)) == "2026-11-23T09:00Z"
    assert occurrence_key(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/London"))) == "2026-11-23T09:00Z"
    assert occurrence_key(datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/London"))) == "2026-06-01T08:00Z"
    assert occurrence_key(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Tehran"))) == "2026-11-23T05:30Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        occurrence_key(datetime(2026, 11, 23, 9))


def test_occurrence_key_is_stable_across_zone_representations() -> None:
    schedule = Schedule(6, time(1, 30), "Europe/London")
    occurrence = latest_occurrence(schedule, utc(2026, 10, 26))
    assert occurrence_key(occurrence) == occurrence_key(occurrence.astimezone(schedule.tz)) == "2026-10-25T00:30Z"


def test_tz_property() -> None:
    assert Schedule(0, time(9, 0), "Europe/London").tz == ZoneInfo("Europe/London")
    assert Schedule(0, time(9, 0), "UTC").tz == ZoneInfo("UTC")


def test_schedule_is_frozen() -> None:
    schedule = Schedule(0, time(9, 0), "UTC")
    with pytest.raises(FrozenInstanceError):
        schedule.weekday = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("weekday", "at", "zone"),
    [
        (7, time(9, 0), "UTC"),
        (-1, time(9, 0), "UTC"),
        (True, time(9, 0), "UTC"),
        (0, time(9, 0, 30), "UTC"),
        (0, time(9, 0, 0, 1), "UTC"),
        (0, time(9, 0, tzinfo=UTC), "UTC"),
        (0, time(9, 0), "Mars/Olympus_Mons"),
        (0, time(9, 0), "../../etc/passwd"),
        (0, time(9, 0), ""),
    ],
)
def test_invalid_schedules_are_refused(weekday: int, at: time, zone: str) -> None:
    with pytest.raises(ValueError):
        Schedule(weekday, at, zone)
