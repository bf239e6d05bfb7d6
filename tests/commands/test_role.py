"""``/role``'s core, without Slack."""

from __future__ import annotations

from bot.commands.role import role_command
from bot.snapshot import Snapshot


def test_role_command_is_fast_enough_for_50kb(snap: Snapshot) -> None:
    reply = role_command(snap, "data scientist " * 4000)
    assert "first 500 characters" in reply.text


def test_what_slack_escaped_in_a_command_is_quoted_back_escaped_once(snap: Snapshot) -> None:
    reply = role_command(snap, "a &amp; b &lt;x&gt;")
    assert "a &amp; b &lt;x&gt;" in reply.text and "&amp;amp;" not in reply.text and "&amp;lt;" not in reply.text
