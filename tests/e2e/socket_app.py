"""``rolecall socket`` as a real subprocess, connected to a fake Web API and a fake Socket Mode
endpoint on loopback.

Readiness is the fake endpoint greeting the app's connection and the app logging that it is
connected; every wait is on an ack, a recorded Web API call or a log line, never a sleep.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from testkit.served import stop_process_group
from testkit.slack_api import Call, FakeSlack
from testkit.socket_mode import SocketModeServer
from tests.conftest import ROOT

BOT_TOKEN = "xoxb-socket-test-token"
APP_TOKEN = "xapp-1-socket-test-token"
READY_LINE = "connected over Socket Mode"
"""What ``rolecall socket`` logs once its connection is up."""
# slack_sdk sends both the Web API and the WebSocket through these when set, even to loopback.
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
SOCKET_COMMAND = [sys.executable, "-m", "bot", "socket", "--no-scheduler"]


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


def socket_env(slack: FakeSlack, database_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=f"sqlite:///{database_dir / 'rolecall.db'}",
        ROLECALL_ADMINS="U0ADMIN",
    )
    return env


@dataclass
class StartedSocket:
    process: subprocess.Popen[str]
    output: list[str]
    seen: threading.Event
    """Set when a line with the awaited text is logged, or when the process exits."""
    reader: threading.Thread


def start_socket(env: dict[str, str], awaited: str, on_exit: Callable[[str], None] | None = None) -> StartedSocket:
    """``rolecall socket --no-scheduler`` with a thread collecting its stderr; ``on_exit`` gets
    the whole log when the process ends."""
    process = subprocess.Popen(
        SOCKET_COMMAND,
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    seen = threading.Event()

    def read() -> None:
        """Collect stderr; its end means the app exited, so every wait fails at once, not at its timeout."""
        assert process.stderr is not None
        for line in process.stderr:
            output.append(line)
            if awaited in line:
                seen.set()
        seen.set()
        if on_exit is not None:
            on_exit("".join(output))

    reader = threading.Thread(target=read, name="rolecall-socket-stderr", daemon=True)
    reader.start()
    return StartedSocket(process, output, seen, reader)


@contextmanager
def running_socket_app(database_dir: Path) -> Iterator[SocketApp]:
    """``rolecall socket --no-scheduler`` with its own fakes and database, connected."""
    with ExitStack() as stack:
        slack = stack.enter_context(FakeSlack())
        ws = stack.enter_context(SocketModeServer())
        slack.answer("apps.connections.open", {"ok": True, "url": ws.url})

        def exited(output: str) -> None:
            ws.abort("rolecall socket exited:\n" + output)

        started = start_socket(socket_env(slack, database_dir), READY_LINE, exited)
        process, output = started.process, started.output
        stack.callback(stop_process_group, process, started.reader)
        ws.wait_connected(timeout=30)
        assert started.seen.wait(timeout=30) and process.poll() is None, "".join(output)
        yield SocketApp(process, output, ws, slack, slack.calls("apps.connections.open"), started.reader)
