"""``rolecall socket`` as a real subprocess, answering envelopes over a real WebSocket.

Slack is faked on loopback twice: the Web API (``FakeSlack``, which hands out the
WebSocket URL from ``apps.connections.open``) and the Socket Mode endpoint
(``SocketModeServer``). Readiness is the fake endpoint greeting the app's connection and
the app logging that it is connected; every wait is on an ack, a recorded Web API call or
a log line, never a sleep.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from testkit.served import stop_process_group
from testkit.signing import command_form, event_callback, mention_event
from testkit.slack_api import Call, FakeSlack
from testkit.socket_mode import SocketModeServer
from tests.conftest import ROOT
from tests.replies import all_text, assert_lookup_card, assert_safe

BOT_TOKEN = "xoxb-socket-test-token"
APP_TOKEN = "xapp-1-socket-test-token"
READY_LINE = "connected over Socket Mode"
"""What ``rolecall socket`` logs once its connection is up."""
# slack_sdk sends both the Web API and the WebSocket through these when set, even to loopback.
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@dataclass
class SocketApp:
    """The running app and both fakes it talks to."""

    process: subprocess.Popen[str]
    output: list[str]
    """Every stderr line so far, so tests can assert on the log."""
    ws: SocketModeServer
    slack: FakeSlack
    opened: list[Call]
    """The ``apps.connections.open`` calls made while connecting."""
    reader: threading.Thread
    """Drains stderr; it ends when the process does."""


def _env(slack: FakeSlack, database_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=f"sqlite:///{database_dir / 'rolecall.db'}",
        ROLECALL_ADMINS="U0ADMIN",
    )
    return env


@contextmanager
def _running(database_dir: Path) -> Iterator[SocketApp]:
    """``rolecall socket --no-scheduler`` with its own fakes and database, connected."""
    with ExitStack() as stack:
        slack = stack.enter_context(FakeSlack())
        ws = stack.enter_context(SocketModeServer())
        slack.answer("apps.connections.open", {"ok": True, "url": ws.url})
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "socket", "--no-scheduler"],
            env=_env(slack, database_dir),
            cwd=ROOT,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        output: list[str] = []
        logged_ready = threading.Event()

        def read() -> None:
            """Collect stderr; its end means the app exited, so every wait fails at once, not at its timeout."""
            assert process.stderr is not None
            for line in process.stderr:
                output.append(line)
                if READY_LINE in line:
                    logged_ready.set()
            logged_ready.set()
            ws.abort("rolecall socket exited:\n" + "".join(output))

        reader = threading.Thread(target=read, name="rolecall-socket-stderr", daemon=True)
        reader.start()
        stack.callback(stop_process_group, process, reader)
        ws.wait_connected(timeout=30)
        assert logged_ready.wait(timeout=30) and process.poll() is None, "".join(output)
        yield SocketApp(process, output, ws, slack, slack.calls("apps.connections.open"), reader)


@pytest.fixture(scope="module")
def socket_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SocketApp]:
    """One running app for the module: the connection stays up between tests."""
    with _running(tmp_path_factory.mktemp("socket-db")) as running:
        yield running


@pytest.fixture
def app(socket_app: SocketApp) -> SocketApp:
    """Each test starts with no recorded Web API calls; the connection stays up."""
    socket_app.slack.clear()
    return socket_app


def _command_reply(app: SocketApp, command: str, text: str) -> dict[str, Any]:
    """Send a slash command envelope; return the reply carried inside its ack."""
    envelope_id = app.ws.push("slash_commands", command_form(command, text, app.slack.response_url("r1")))
    ack = app.ws.wait_ack(envelope_id)
    assert set(ack) == {"envelope_id", "payload"}, ack
    reply: dict[str, Any] = ack["payload"]
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].strip(), "every reply needs a plain-text fallback"
    assert_safe(reply)
    return reply


def test_connects_with_the_app_token_to_the_url_slack_hands_out(app: SocketApp) -> None:
    # one call checks the token at start-up, one fetches the URL the client connects to
    assert [c.headers["authorization"] for c in app.opened] == [f"Bearer {APP_TOKEN}"] * 2
    assert app.ws.accepted == 1, "one connection should carry every envelope, with no reconnects"


def test_role_command_is_answered_inside_the_ack(app: SocketApp) -> None:
    reply = _command_reply(app, "/role", "mle")
    assert_lookup_card(reply, "Machine learning engineer", "role:mle")
    assert app.slack.calls("chat.postMessage") == [] and app.slack.calls("chat.postEphemeral") == []


def test_hostile_command_text_is_escaped_never_pings(app: SocketApp) -> None:
    reply = _command_reply(app, "/role", "<!channel> @here")
    assert "&lt;!channel&gt;" in all_text(reply)


def test_mention_is_acked_empty_then_answered_in_thread(app: SocketApp) -> None:
    mention = mention_event("<@UBOT> what does a data scientist do?", ts="1700000005.000100")
    envelope_id = app.ws.push("events_api", event_callback(mention, "EvSocketDS"))
    assert app.ws.wait_ack(envelope_id) == {"envelope_id": envelope_id}
    (call,) = app.slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0CHAN" and call.params["thread_ts"] == "1700000005.000100"
    assert call.params["text"].startswith("Data scientist")
    assert call.headers["authorization"] == f"Bearer {BOT_TOKEN}"


def test_redelivered_event_is_answered_once(app: SocketApp) -> None:
    payload = event_callback(
        mention_event("<@UBOT> what is an ML platform engineer?", ts="1700000006.000100"), "EvSocketRetry"
    )
    app.ws.request("events_api", payload)
    app.ws.request("events_api", payload, retry_attempt=1)
    app.ws.request(
        "events_api", event_callback(mention_event("<@UBOT> marker", ts="1700000007.000100"), "EvSocketMarker")
    )
    calls = app.slack.wait_for("chat.postMessage", count=2)
    assert sorted(c.params["thread_ts"] for c in calls) == ["1700000006.000100", "1700000007.000100"]


def test_share_button_posts_to_the_response_url(app: SocketApp) -> None:
    action = {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": "U0SHARER"},
        "api_app_id": "A0001",
        "trigger_id": "1.2.3",
        "channel": {"id": "C0CHAN"},
        "container": {"type": "message"},
        "response_url": app.slack.response_url("r1"),
        "actions": [{"action_id": "share", "value": "role:mle", "type": "button"}],
    }
    envelope_id = app.ws.push("interactive", action)
    assert app.ws.wait_ack(envelope_id) == {"envelope_id": envelope_id}
    (call,) = app.slack.wait_for("response_url:r1")
    assert call.params["response_type"] == "in_channel"
    assert call.params["text"].startswith("Machine learning engineer")
    assert "Shared by <@U0SHARER>" in json.dumps(call.params["blocks"])


def test_tokens_never_reach_the_log(app: SocketApp) -> None:
    app.ws.request(
        "slash_commands", command_form("/teams", "", app.slack.response_url("r1"))
    )  # something logged after start-up too
    assert not any(BOT_TOKEN in line or APP_TOKEN in line for line in app.output)


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
            [sys.executable, "-m", "bot", "socket", "--no-scheduler"],
            env=_env(slack, tmp_path),
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
    with _running(tmp_path) as running:
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=30) == 0
        running.reader.join(timeout=10)
        assert any("stopped" in line for line in running.output), "".join(running.output)
        assert not any("Traceback" in line for line in running.output), "".join(running.output)
