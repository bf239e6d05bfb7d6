"""Storage shared by every worker and replica: the record of answered events. Each test runs on
SQLite and on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from bot.store import Store
from bot.store.repo import EVENT_MEMORY

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_an_event_is_answered_once_and_its_retries_are_not(store: Store) -> None:
    assert store.first_delivery("Ev1", NOW) is True
    assert store.first_delivery("Ev1", NOW + timedelta(seconds=1)) is False
    assert store.first_delivery("Ev1", NOW + timedelta(minutes=5)) is False
    assert store.first_delivery("Ev2", NOW) is True


def test_old_event_ids_are_forgotten_so_the_table_stays_small(store: Store) -> None:
    assert store.first_delivery("EvOld", NOW)
    later = NOW + EVENT_MEMORY + timedelta(seconds=1)
    assert store.first_delivery("EvNew", later)
    assert store.first_delivery("EvOld", later) is True


def test_concurrent_deliveries_of_one_event_have_exactly_one_winner(store: Store) -> None:
    """What two uvicorn workers, or two replicas, receiving Slack's retry at once would do."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: store.first_delivery("EvRace", NOW), range(16)))
    assert results.count(True) == 1
