"""``rolecall socket`` as a real subprocess, answering envelopes over a real WebSocket.

Slack is faked on loopback twice: the Web API (``FakeSlack``, which hands out the
WebSocket URL from ``apps.connections.open``) and the Socket Mode endpoint
(``SocketModeServer``); ``tests/e2e/socket_app.py`` starts the app between them. What must
hold over HTTP too (commands answered in the ack, mentions, redelivery, sharing, tokens in
the log) is in ``test_parity.py``; what only Socket Mode has is here.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from testkit.served import free_port, stop_process_group
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT
from tests.e2e.socket_app import (
    APP_TOKEN,
    READY_LINE,
    SOCKET_COMMAND,
    SocketApp,
    running_socket_app,
    socket_env,
    start_socket,
)


def test_connects_with_the_app_token_to_the_url_slack_hands_out(app: SocketApp) -> None:
    # one call checks the token at start-up, one fetches the URL the client connects to
    assert [c.headers["authorization"] for c in app.opened] == [f"Bearer {APP_TOKEN}"] * 2
    assert app.ws.accepted == 1, "one connection should carry every envelope, with no reconnects"


def test_start_up_log_has_no_spurious_bolt_warning(app: SocketApp) -> None:
    """Bolt's "token will be unused" warning fires whenever a client is given; RoleCall's client
    carries that very token, so operators must not see it."""
    assert any(READY_LINE in line for line in app.output), "".join(app.output)
    assert not any("will be unused" in line for line in app.output)


def test_a_refused_app_token_stops_with_one_line_and_exit_2(tmp_path: Path) -> None:
    """The SDK retries every connection failure forever; a token Slack refuses must not look like
    an endless crash loop."""
    with FakeSlack() as slack:
        slack.fail("apps.connections.open", "invalid_auth")
        done = subprocess.run(
            SOCKET_COMMAND,
            env=socket_env(slack, tmp_path),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("rolecall:")]
    assert "SLACK_APP_TOKEN" in line and "invalid_auth" in line
    assert "Traceback" not in done.stderr
    assert APP_TOKEN not in done.stderr


def test_sigterm_disconnects_and_exits_cleanly(tmp_path: Path) -> None:
    """Containers stop processes with SIGTERM: the app must close its connection and exit 0."""
    with running_socket_app(tmp_path) as running:
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=30) == 0
        running.reader.join(timeout=10)
        assert any("stopped" in line for line in running.output), "".join(running.output)
        assert not any("Traceback" in line for line in running.output), "".join(running.output)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_it_within_5s_while_slack_is_unreachable(tmp_path: Path, signum: signal.Signals) -> None:
    """With nothing listening at the Web API, connecting retries for ever; SIGTERM or Ctrl-C
    must still stop the process at once, and the retries must not flood the log."""
    with FakeSlack() as slack:
        env = socket_env(slack, tmp_path)
    env["SLACK_API_URL"] = f"http://127.0.0.1:{free_port()}/api/"  # a closed loopback port
    started = start_socket(env, "cannot reach Slack yet")
    process, output = started.process, started.output
    try:
        assert started.seen.wait(timeout=30) and process.poll() is None, "".join(output)
        process.send_signal(signum)
        assert process.wait(timeout=5) == 0, "".join(output)
    finally:
        stop_process_group(process, started.reader)
    assert any("stopped" in line for line in output), "".join(output)
    assert not any("Traceback" in line for line in output), "".join(output)
    assert len(output) < 20, "".join(output)
