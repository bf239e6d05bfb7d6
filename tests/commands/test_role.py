"""``/role``'s core, without Slack."""

from __future__ import annotations

from bot.commands.role import role_command
from bot.snapshot import Snapshot


def test_role_command_is_fast_enough_for_50kb(snap: Snapshot) -> None:
    reply = role_command(snap, "data scientist " * 4000)
    assert "first 500 characters" in reply.text
