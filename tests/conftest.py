"""Shared fixtures: one fake Slack Web API and one real ``rolecall serve`` per test session, and
a store on SQLite and on PostgreSQL for every storage test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy.exc import OperationalError

from bot.catalog import BUNDLED_DIR, Pack, load_pack
from bot.snapshot import Snapshot, build_snapshot
from bot.store import Store, make_engine, upgrade
from testkit.served import Served, serve
from testkit.signing import SIGNING_SECRET, SlackSender
from testkit.slack_api import FakeSlack
from testkit.storage import database_for_this_worker, drop_rolecall_tables

ROOT = Path(__file__).resolve().parent.parent
PACK_VERSION = str(yaml.safe_load((BUNDLED_DIR / "pack.yml").read_text(encoding="utf-8"))["version"])
"""The bundled pack's version, which every card footer, metadata payload and health check shows."""
BOT_TOKEN = "xoxb-test-token"
"""The bot token the shared ``rolecall serve`` is given; it must never reach its log."""


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(BUNDLED_DIR)


@pytest.fixture(scope="session")
def snap(pack: Pack) -> Snapshot:
    return build_snapshot(pack)


LANGUAGES = tuple(yaml.safe_load((BUNDLED_DIR / "pack.yml").read_text(encoding="utf-8"))["languages"])
"""The languages the bundled pack declares: every card is tested in each of them."""


@pytest.fixture(scope="session", params=LANGUAGES)
def any_snap(request: pytest.FixtureRequest, pack: Pack) -> Snapshot:
    """The snapshot in each language the bundled pack declares."""
    return build_snapshot(pack, request.param)


@pytest.fixture(scope="session")
def persian_snap(pack: Pack) -> Snapshot:
    return build_snapshot(pack, "fa")


@pytest.fixture(scope="session")
def fake_slack_session() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_session: FakeSlack) -> FakeSlack:
    fake_slack_session.reset()
    return fake_slack_session


def serve_env(slack: FakeSlack, database_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``rolecall serve`` signed for by the tests, talking to ``slack``."""
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{database_dir / 'rolecall.db'}",
        **extra,
    }


@pytest.fixture(scope="session")
def server(fake_slack_session: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    env = serve_env(fake_slack_session, tmp_path_factory.mktemp("db"), ROLECALL_ADMINS="U0ADMIN")
    with serve(env, ROOT, ("--no-scheduler",)) as served:
        yield served


@pytest.fixture
def slack(server: Served, fake_slack: FakeSlack) -> SlackSender:
    return SlackSender(server.base_url, fake_slack.response_url("r1"))


def fresh_postgres() -> str:
    """PostgreSQL with RoleCall's tables dropped; skipped, with how to get a server, only
    outside CI (``.ci/run`` starts one, so there an unreachable server is a failure)."""
    url = database_for_this_worker()
    engine = make_engine(url)
    try:
        drop_rolecall_tables(engine)
    except OperationalError as error:
        if os.environ.get("CI"):
            raise
        reason = str(error.orig).splitlines()[0]
        pytest.skip(
            f"PostgreSQL variant needs a server at {url} ({reason}); "
            "`bash .ci/run` starts one, or set ROLECALL_TEST_url. The SQLite variant still ran."
        )
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rolecall.db'}" if request.param == "sqlite" else fresh_postgres()


@pytest.fixture
def postgres_url() -> str:
    """For what only PostgreSQL is used for: several replicas on one database."""
    return fresh_postgres()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield Store(engine)
    engine.dispose()
