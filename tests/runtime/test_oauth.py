"""The installation store behind Bolt's OAuth: lookups are remembered for a minute so requests
do not wait on the database, forgotten at once on an install or an uninstall in this process,
and a workspace not yet installed is never remembered as missing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy.exc import SQLAlchemyError

from bot.runtime.oauth import FIND_CACHE_SECONDS, InstallationStore
from bot.store import Store, make_engine, upgrade


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    engine = make_engine(f"sqlite:///{tmp_path / 'rolecall.db'}")
    upgrade(engine)
    yield Store(engine)
    engine.dispose()


def installation(team: str, token: str) -> Installation:
    return Installation(app_id="A1", team_id=team, bot_token=token, bot_id="B1", bot_user_id="UBOT", user_id="U1")


def token(installations: InstallationStore, team: str) -> str | None:
    found = asyncio.run(installations.async_find_bot(enterprise_id=None, team_id=team))
    return found.bot_token if found else None


def test_lookups_are_remembered_for_a_while_and_forgotten_on_change(store: Store) -> None:
    ticks = Ticks()
    here = InstallationStore(store, "CID", clock=ticks)
    elsewhere = InstallationStore(store, "CID")  # another replica, writing the same database
    assert token(here, "TA") is None
    asyncio.run(elsewhere.async_save(installation("TA", "xoxb-1")))
    assert token(here, "TA") == "xoxb-1"  # a miss is not remembered
    asyncio.run(elsewhere.async_save(installation("TA", "xoxb-2")))
    assert token(here, "TA") == "xoxb-1"  # remembered: no database round trip
    ticks.now += FIND_CACHE_SECONDS + 1
    assert token(here, "TA") == "xoxb-2"
    asyncio.run(here.async_delete_bot(enterprise_id=None, team_id="TA"))
    assert token(here, "TA") is None  # deleted here: forgotten at once


def test_while_the_database_is_down_the_last_known_token_is_used(store: Store) -> None:
    ticks = Ticks()
    here = InstallationStore(store, "CID", clock=ticks)
    asyncio.run(here.async_save(installation("TA", "xoxb-1")))
    assert token(here, "TA") == "xoxb-1"
    ticks.now += FIND_CACHE_SECONDS + 1
    with store.engine.begin() as db:  # a lookup now fails as if the database were gone
        db.exec_driver_sql("ALTER TABLE slack_bots RENAME TO slack_bots_away")
    assert token(here, "TA") == "xoxb-1"
    with pytest.raises(SQLAlchemyError):
        token(here, "TB")  # never known: the failure shows
