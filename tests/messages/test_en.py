"""The English sentences that carry values: schedules and moments read as people say them."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import get_args
from zoneinfo import ZoneInfo

import pytest

from bot.digests.arguments import ArgumentKind
from bot.digests.schedule import Schedule
from bot.messages import English


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (Schedule(0, time(9, 0), "Europe/London"), "Mondays at 09:00 (Europe/London)"),
        (Schedule(1, time(17, 30), "Asia/Tehran"), "Tuesdays at 17:30 (Asia/Tehran)"),
        (Schedule(2, time(0, 5), "UTC"), "Wednesdays at 00:05 (UTC)"),
        (Schedule(3, time(12, 0), "UTC"), "Thursdays at 12:00 (UTC)"),
        (Schedule(4, time(23, 59), "UTC"), "Fridays at 23:59 (UTC)"),
        (Schedule(5, time(8, 0), "UTC"), "Saturdays at 08:00 (UTC)"),
        (Schedule(6, time(7, 0), "America/New_York"), "Sundays at 07:00 (America/New_York)"),
    ],
)
def test_schedule_is_said_as_people_say_it(schedule: Schedule, text: str) -> None:
    assert English().schedule(schedule.weekday, schedule.at, schedule.zone) == text


def test_moment_names_the_zone_abbreviation_or_else_the_zone() -> None:
    london = datetime(2026, 11, 23, 9, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/London"))
    assert English().moment(london, "Europe/London") == "Mon 23 Nov 2026, 09:00 GMT"
    tehran = datetime(2026, 7, 4, 5, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Tehran"))
    assert English().moment(tehran, "Asia/Tehran") == "Sat 04 Jul 2026, 09:00 +0330"


def test_accepted_forms_cover_every_kind_of_bad_argument() -> None:
    forms = English.ACCEPTED_FORMS
    assert set(get_args(ArgumentKind)) == forms.keys()
    assert forms["time"] == "a time such as 09:00, 9:00, 9am or 5:30pm"
    assert forms["language"] == "en or fa"
    assert all(text.strip() for text in forms.values())
