"""Running RoleCall's processes as an operator and as Slack would: the ``rolecall`` command with
only the variables a test gives it, one ``rolecall socket`` for the session, and the ``transport``
that runs a scenario over HTTP and over Socket Mode."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT
from tests.e2e.socket_app import SocketApp, running_socket_app
from tests.e2e.transports import HttpTransport, SocketTransport, Transport

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ROLECALL_", "DATABASE_URL"))}


def rolecall(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, **(env or {})},
        timeout=60,
    )


@pytest.fixture(scope="session")
def socket_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SocketApp]:
    """One running ``rolecall socket`` for the session: the connection stays up between tests."""
    with running_socket_app(tmp_path_factory.mktemp("socket-db")) as running:
        yield running


@pytest.fixture
def app(socket_app: SocketApp) -> SocketApp:
    """Each test starts with no recorded Web API calls; the connection stays up."""
    socket_app.slack.clear()
    return socket_app


@pytest.fixture(params=["http", "socket"])
def transport(request: pytest.FixtureRequest) -> Transport:
    """The session's ``rolecall serve`` or ``rolecall socket``; only the one a test asks for is started."""
    if request.param == "http":
        return HttpTransport(
            request.getfixturevalue("slack"), request.getfixturevalue("server"), request.getfixturevalue("fake_slack")
        )
    return SocketTransport(request.getfixturevalue("app"))
