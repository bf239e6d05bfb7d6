"""Shared fixtures: one fake Slack Web API and one real ``rolecall serve`` per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.catalog import BUNDLED_DIR, Pack, load_pack
from bot.content import Snapshot, build_snapshot
from tests.served import Served, serve
from tests.slack_api import FakeSlack
from tests.slack_requests import SIGNING_SECRET, SlackSender

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(BUNDLED_DIR)


@pytest.fixture(scope="session")
def snap(pack: Pack) -> Snapshot:
    return build_snapshot(pack)


@pytest.fixture(scope="session")
def fake_slack_session() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_session: FakeSlack) -> FakeSlack:
    fake_slack_session.reset()
    return fake_slack_session


@pytest.fixture(scope="session")
def server(fake_slack_session: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack_session.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db') / 'rolecall.db'}",
        "ROLECALL_ADMINS": "U0ADMIN",
    }
    with serve(env, ROOT, ("--no-scheduler",)) as served:
        yield served


@pytest.fixture
def slack(server: Served, fake_slack: FakeSlack) -> SlackSender:
    return SlackSender(server.base_url, fake_slack.response_url("r1"))
