"""Hostile traffic against a real ``rolecall serve``: huge, slow, idle, unsigned and malformed.

Every wait is on the server (a response, a closed socket) with a deadline, never a sleep;
the durations that matter are configured short for the test.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.served import Served, serve
from tests.slack_api import FakeSlack
from tests.slack_requests import SIGNING_SECRET, SlackSender

MiB = 1024 * 1024


def _port(served: Served) -> int:
    return int(served.base_url.rsplit(":", 1)[1])


def _head(content_length: int | None = None, extra: str = "") -> bytes:
    length = f"Content-Length: {content_length}\r\n" if content_length is not None else ""
    head = f"POST /slack/events HTTP/1.1\r\nHost: rolecall\r\nContent-Type: application/json\r\n{length}{extra}\r\n"
    return head.encode()


def _status(raw: bytes) -> int:
    assert raw.startswith(b"HTTP/1.1 "), raw[:80]
    return int(raw.split(b" ", 2)[1])


def _until_closed(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes; the socket's timeout is the deadline."""
    received = b""
    while chunk := connection.recv(4096):
        received += chunk
    return received


def _peak_rss_kib(pid: int) -> int | None:
    """The process's peak resident memory, where the OS tells it (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


@pytest.mark.parametrize("signed", [True, False])
def test_a_declared_oversized_body_is_refused_at_once_unread(server: Served, signed: bool) -> None:
    """413 arrives while the client has sent only the head: nothing of the body is read."""
    headers = f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0=00\r\n" if signed else ""
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=5) as client:
        client.sendall(_head(content_length=100 * MiB, extra=headers))
        assert _status(client.recv(4096)) == 413


def test_a_streamed_oversized_body_is_cut_off_and_memory_stays_flat(server: Served) -> None:
    """Chunked bodies have no length to check: bytes are counted as they arrive."""
    total = 32 * MiB
    peak_before = _peak_rss_kib(server.process.pid)
    answer: list[bytes] = []
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=10) as client:

        def read() -> None:
            """Read while the body is still being sent: the answer comes before the body ends."""
            with contextlib.suppress(OSError):
                answer.append(client.recv(4096))

        reader = threading.Thread(target=read)
        reader.start()
        client.sendall(_head(extra="Transfer-Encoding: chunked\r\n"))
        chunk = b"%x\r\n%s\r\n" % (64 * 1024, b"{" * 64 * 1024)
        sent = 0
        try:
            while sent < total:
                client.sendall(chunk)
                sent += 64 * 1024
        except OSError:  # the server answered and closed: the rest was never wanted
            pass
        reader.join(timeout=10)
    assert answer and _status(answer[0]) == 413
    assert sent < total, "the server read the whole body before refusing it"
    peak_after = _peak_rss_kib(server.process.pid)
    if peak_before is not None and peak_after is not None:
        assert peak_after - peak_before < 16 * 1024, f"the worker grew by {peak_after - peak_before} KiB"


@pytest.fixture(scope="module")
def guarded(fake_slack_session: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two workers with short idle and body deadlines, so the test sees them expire."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack_session.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('idle') / 'rolecall.db'}",
        "ROLECALL_IDLE_TIMEOUT": "1",
        "ROLECALL_BODY_TIMEOUT": "1",
    }
    with serve(env, ROOT, ("--no-scheduler",), workers=2) as served:
        yield served


def test_idle_and_half_open_connections_neither_starve_the_server_nor_stay_open(
    guarded: Served, fake_slack: FakeSlack
) -> None:
    """400 connections that send nothing, half a head, or half a body: a signed /role is still
    answered within a second, and the server drops every one of them by its deadlines."""
    stalls = [b"", b"POST /slack/events HTTP/1.1\r\nHost: x\r\n", _head(content_length=100) + b'{"type":']
    idle: list[socket.socket] = []
    try:
        for number in range(400):
            connection = socket.create_connection(("127.0.0.1", _port(guarded)), timeout=10)
            idle.append(connection)
            connection.sendall(stalls[number % len(stalls)])
        sender = SlackSender(guarded.base_url, fake_slack.response_url("r1"))
        answer = sender.command("/role", "mle", deadline=1.0)
        assert answer.status == 200 and answer.json()["text"].startswith("Machine learning engineer")
        for number, connection in enumerate(idle):
            answered = _until_closed(connection)
            assert answered == b"" if number % len(stalls) < 2 else _status(answered) == 408, answered
    finally:
        for connection in idle:
            connection.close()
