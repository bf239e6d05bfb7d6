"""The record of answered events: each is answered once, and in this process when the database is gone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.store import Store, make_engine
from bot.store.events import EventGate, RecentIds

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_recent_ids_forget_after_ttl_and_stay_bounded() -> None:
    seen = RecentIds(ttl_seconds=10, capacity=3)
    assert seen.first_time("a", now=0) and not seen.first_time("a", now=5)
    assert seen.first_time("a", now=11)
    for name in "bcdef":
        seen.first_time(name, now=12)
    assert len(seen._seen) <= 3


def test_gate_falls_back_to_this_process_when_the_database_is_gone(tmp_path: Path) -> None:
    unreachable = Store(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'rolecall.db'}"))
    gate = EventGate(unreachable, clock=lambda: NOW)
    assert gate.first_time("EvDown") is True
    assert gate.first_time("EvDown") is False
    assert gate.first_time("EvOther") is True
