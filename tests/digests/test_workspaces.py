"""Digest fan-out over many workspaces: each posts with its own token and its own pacer, and
workspaces run in parallel, so one workspace's 429s never hold up another's posts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.catalog import BUNDLED_DIR
from bot.commands.digest import render_digest
from bot.digests.pacing import Pacer
from bot.digests.runner import DigestRunner
from bot.digests.workspaces import InstalledWorkspaces
from bot.runtime.app import digest_client
from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store, make_engine, upgrade
from bot.store.tables import bots
from testkit.slack_api import FakeSlack
from tests.digests.conftest import CREATED, FIRST, MONDAY_9, Clock


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    engine = make_engine(f"sqlite:///{tmp_path / 'rolecall.db'}")
    upgrade(engine)
    yield Store(engine)
    engine.dispose()


def install(store: Store, fake: FakeSlack, team: str) -> None:
    token = f"xoxb-{team.lower()}"
    fake.add_workspace(f"code-{team}", team, token)
    with store.engine.begin() as db:
        db.execute(
            bots.insert().values(
                client_id="CID", app_id="A1", team_id=team, bot_token=token, installed_at=datetime(2026, 1, 1)
            )
        )


def runner_for(store: Store, fake: FakeSlack) -> DigestRunner:
    settings = Settings(slack_api_url=fake.api_url)
    posters = InstalledWorkspaces(
        store,
        "CID",
        make_client=lambda token, pacer: digest_client(settings, pacer, timeout=5, token=token),
        make_pacer=lambda: Pacer(10.0),
    )
    return DigestRunner(store, ContentHolder(BUNDLED_DIR), posters, render_digest, clock=Clock(FIRST))


def test_one_workspaces_429s_do_not_slow_another(sqlite_store: Store, fake_slack: FakeSlack) -> None:
    for team in ("TA", "TB"):
        install(sqlite_store, fake_slack, team)
    busy = [f"CA{n}" for n in range(8)]  # as many as a run's threads: alone they would fill them all
    for channel in busy:
        sqlite_store.subscribe("TA", channel, MONDAY_9, "en", "U1", CREATED)
        fake_slack.rate_limit("chat.postMessage", retry_after=2, channel=channel)
    for channel in ("CB0", "CB1"):
        sqlite_store.subscribe("TB", channel, MONDAY_9, "en", "U1", CREATED)
    began = time.monotonic()
    outcomes = runner_for(sqlite_store, fake_slack).run_due(FIRST)
    assert sorted(o.result for o in outcomes) == ["posted"] * 10
    posted = [c for c in fake_slack.calls("chat.postMessage") if c.status == 200]
    quiet = [c.at - began for c in posted if fake_slack.team_of(c) == "TB"]
    limited = [c.at - began for c in posted if fake_slack.team_of(c) == "TA"]
    assert len(quiet) == 2 and len(limited) == 8
    assert max(quiet) < 1.5, f"TB waited {max(quiet):.2f}s behind TA's 429s"
    assert min(limited) >= 2.0  # TA did wait out its Retry-After


def test_each_workspace_posts_with_its_own_token_and_an_uninstalled_one_pauses(
    sqlite_store: Store, fake_slack: FakeSlack
) -> None:
    install(sqlite_store, fake_slack, "TA")
    install(sqlite_store, fake_slack, "TB")
    for team in ("TA", "TB", "TGONE"):
        sqlite_store.subscribe(team, f"C{team}", MONDAY_9, "en", "U1", CREATED)
    outcomes = {o.subscription.team_id: o.result for o in runner_for(sqlite_store, fake_slack).run_due(FIRST)}
    assert outcomes == {"TA": "posted", "TB": "posted", "TGONE": "paused"}
    teams = {c.params["channel"]: fake_slack.team_of(c) for c in fake_slack.calls("chat.postMessage")}
    assert teams == {"CTA": "TA", "CTB": "TB"}
    gone = sqlite_store.get("TGONE", "CTGONE")
    assert gone is not None and (gone.state, gone.pause_reason) == ("paused", "app_uninstalled")
    assert sqlite_store.ledger_rows(gone.id) == []  # nothing claimed: no explainer used up
