"""The record of answered events: each is answered once, and in this process when the database is gone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.store import Limits, Store, make_engine, upgrade
from bot.store.events import EventGate, RecentIds
from bot.store.tables import handled_events
from testkit.hang_proxy import HangProxy
from tests.waiting import outcome_within

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


def test_gate_answers_on_this_process_word_within_a_second_while_the_database_hangs(postgres_url: str) -> None:
    """Slack wants mention answers within 3 s; a hung database must not hold them."""
    with HangProxy.before(postgres_url) as proxy:
        engine = make_engine(proxy.url(postgres_url), Limits(connect=2, statement=1))
        upgrade(engine)
        gate = EventGate(Store(engine), clock=lambda: NOW)
        assert gate.first_time("EvBefore") is True
        proxy.freeze()
        assert outcome_within(2, lambda: gate.first_time("EvHung")) is True
        assert outcome_within(2, lambda: gate.first_time("EvHung")) is False, "remembered here meanwhile"
        proxy.thaw()
        assert outcome_within(2, lambda: gate.first_time("EvAfter")) is True
        assert gate.first_time("EvBefore") is False
        with engine.connect() as db:
            assert "EvAfter" in set(db.execute(select(handled_events.c.event_id)).scalars()), "shared again"
        engine.dispose()
