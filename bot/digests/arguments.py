"""Parse the free-form arguments of `/digest subscribe` into a day, time, zone and language.

People type these in any order and case, so each token is recognised by its shape rather
than its position. Parsing is plain string and dict work (no regular expressions) so that
hostile or enormous input costs linear time. Errors carry the raw token but never put it in
the exception message: the caller escapes it before it goes anywhere near Slack markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import cache
from typing import Literal
from zoneinfo import available_timezones

from bot.errors import RoleCallError

__all__ = ["MAX_TOKENS", "ArgumentError", "ArgumentKind", "SubscribeArgs", "parse_subscribe"]

ArgumentKind = Literal["day", "time", "zone", "language", "unknown", "duplicate"]

MAX_TOKENS = 8

_DAY_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("mon", "monday", "mondays"),
    ("tue", "tues", "tuesday", "tuesdays"),
    ("wed", "weds", "wednesday", "wednesdays"),
    ("thu", "thur", "thurs", "thursday", "thursdays"),
    ("fri", "friday", "fridays"),
    ("sat", "saturday", "saturdays"),
    ("sun", "sunday", "sundays"),
)
_DAYS: dict[str, int] = {name: index for index, names in enumerate(_DAY_SPELLINGS) for name in names}
_DAY_PREFIXES = frozenset(name[:3] for name in _DAYS)
_LANGUAGES = frozenset({"en", "fa"})
_LANGUAGE_WORDS = frozenset({"english", "farsi", "persian"})
_MERIDIEMS = ("am", "pm")
_DIGITS = frozenset("0123456789")
# Names zoneinfo lists that are not places: "localtime" follows the host, "Factory" means "unset".
_NOT_ZONES = frozenset({"localtime", "factory", "posixrules"})
_LONGEST_TIME = len("12:30pm")


class ArgumentError(RoleCallError, ValueError):
    """A token that could not be used; `kind` picks the help text (``Messages.ACCEPTED_FORMS``).

    The message deliberately omits `token` so logging or displaying the exception can never
    leak unescaped user input.
    """

    def __init__(self, kind: ArgumentKind, token: str) -> None:
        super().__init__(f"invalid /digest subscribe argument ({kind})")
        self.kind: ArgumentKind = kind
        self.token = token

    def __reduce__(self) -> tuple[type[ArgumentError], tuple[ArgumentKind, str]]:
        """Keep the exception picklable, since __init__ takes different arguments from args."""
        return (type(self), (self.kind, self.token))


@dataclass(frozen=True)
class SubscribeArgs:
    """What the user gave; None means "not given", so the caller's defaults stay in one place."""

    weekday: int | None = None
    at: time | None = None
    zone: str | None = None
    language: str | None = None


@cache
def _zones() -> dict[str, str]:
    """Lower-cased IANA names to canonical spelling, built once since the scan reads the disk."""
    zones = {name.lower(): name for name in available_timezones() if name.lower() not in _NOT_ZONES}
    zones["utc"] = "UTC"  # always accepted, even where the system has no tz database
    return zones


def _ascii_int(text: str, min_len: int, max_len: int) -> int | None:
    """Digits only, ASCII only: str.isdigit would also accept Persian and other digits."""
    if not min_len <= len(text) <= max_len or not set(text) <= _DIGITS:
        return None
    return int(text)


def _parse_time(lowered: str) -> time | None:
    """24-hour H:MM/HH:MM, or 12-hour with am/pm (9am, 5:30pm); None if not a valid time."""
    if len(lowered) > _LONGEST_TIME:
        return None
    meridiem = lowered[-2:] if lowered.endswith(_MERIDIEMS) else None
    body = lowered[:-2] if meridiem else lowered
    hour_text, colon, minute_text = body.partition(":")
    hour = _ascii_int(hour_text, 1, 2)
    minute = _ascii_int(minute_text, 2, 2) if colon else 0
    if hour is None or minute is None or minute > 59:
        return None
    if meridiem is None:
        # A bare number such as "9" is refused: it could be a day of the month or a typo.
        return time(hour, minute) if colon and hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return time(hour % 12 + (12 if meridiem == "pm" else 0), minute)


def _guess_kind(lowered: str) -> ArgumentKind:
    """Which help text best fits a token that matched nothing, so the reply can be specific."""
    if lowered[:1] in _DIGITS or lowered in _MERIDIEMS:
        return "time"
    if "/" in lowered:
        return "zone"
    if lowered in _LANGUAGE_WORDS or (len(lowered) == 2 and lowered.isascii() and lowered.isalpha()):
        return "language"
    if lowered[:3] in _DAY_PREFIXES:
        return "day"
    return "unknown"


def _tokens(text: str) -> list[str]:
    """Whitespace-split tokens with "9 am" joined into one; more than MAX_TOKENS is an error.

    maxsplit bounds the work on huge input: whatever follows the token after the limit is
    never split or inspected.
    """
    raw = text.split(maxsplit=MAX_TOKENS + 1)
    if len(raw) > MAX_TOKENS:
        raise ArgumentError("unknown", raw[MAX_TOKENS])
    tokens: list[str] = []
    for token in raw:
        if (
            tokens
            and token.lower() in _MERIDIEMS
            and tokens[-1][:1] in _DIGITS
            and " " not in tokens[-1]
            and not tokens[-1].lower().endswith(_MERIDIEMS)
        ):
            tokens[-1] = f"{tokens[-1]} {token}"
        else:
            tokens.append(token)
    return tokens


def parse_subscribe(text: str) -> SubscribeArgs:
    """Parse `/digest subscribe` arguments, raising ArgumentError for the first unusable token.

    More than MAX_TOKENS whitespace-separated tokens is refused up front as "unknown" (on the
    first token past the limit): a real subscription needs at most five, and the cap keeps
    the cost of hostile input flat.
    """
    weekday: int | None = None
    at: time | None = None
    zone: str | None = None
    language: str | None = None
    for token in _tokens(text):
        lowered = token.lower().replace(" ", "")
        if lowered in _DAYS:
            if weekday is not None:
                raise ArgumentError("duplicate", token)
            weekday = _DAYS[lowered]
        elif lowered in _LANGUAGES:
            if language is not None:
                raise ArgumentError("duplicate", token)
            language = lowered
        elif lowered in _zones():
            if zone is not None:
                raise ArgumentError("duplicate", token)
            zone = _zones()[lowered]
        elif (parsed := _parse_time(lowered)) is not None:
            if at is not None:
                raise ArgumentError("duplicate", token)
            at = parsed
        else:
            raise ArgumentError(_guess_kind(lowered), token)
    return SubscribeArgs(weekday=weekday, at=at, zone=zone, language=language)
