"""Echoing what a person typed: escaped so it cannot ping, tidied and cut to fit."""

from __future__ import annotations

import pytest

from bot.views.text import echo, escape, fit


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("<!channel>", "&lt;!channel&gt;"), ("a & b", "a &amp; b"), ("  many\n\nlines ", "many lines"), ("", "…")],
)
def test_echo_escapes_and_tidies(typed: str, shown: str) -> None:
    assert echo(typed) == shown


def test_fit_and_escape() -> None:
    assert fit("abcdef", 4) == "abc…" and fit("abc", 4) == "abc"
    assert escape("<@U1>") == "&lt;@U1&gt;"
    assert len(echo("x" * 10_000)) <= 80
