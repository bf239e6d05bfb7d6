"""Echoing what a person typed: read back from Slack's markup, escaped once so it cannot ping,
never a link, tidied and cut to fit."""

from __future__ import annotations

import re

import pytest

from bot.views.text import echo, escape, fit, from_slack


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


def test_text_from_slack_is_what_was_typed() -> None:
    """Slack escapes & < > and marks up mentions and links; reading undoes exactly that."""
    delivered = (
        "<@U0BOT> is &lt;b&gt; a tag &amp;amp; &amp; ok? <https://evil.test/x|evil.test/x> <#C1|general> <!here>"
    )
    assert from_slack(delivered).split() == ["is", "<b>", "a", "tag", "&amp;", "&", "ok?", "evil.test/x"]
    assert from_slack("<https://evil.test>") == "https://evil.test"


@pytest.mark.parametrize(
    ("delivered", "shown"),
    [("a &amp; b", "a &amp; b"), ("&lt;!channel&gt;", "&lt;!channel&gt;"), ("&amp;lt;", "&amp;lt;")],
)
def test_text_from_slack_is_escaped_exactly_once_when_echoed(delivered: str, shown: str) -> None:
    assert echo(from_slack(delivered)) == shown


@pytest.mark.parametrize("typed", ["https://evil.test/login", "www.evil.test", "evil.test", "mail me@evil.test"])
def test_echoed_urls_domains_and_addresses_cannot_become_links(typed: str) -> None:
    shown = echo(typed)
    assert not re.search(r"\w[.:@][\w/]", shown), shown
    assert shown.replace("\u200b", "") == typed, "the reader sees what was typed"
