"""Hostile traffic against a real ``rolecall serve``: huge, slow, idle, unsigned and malformed.

Every wait is on the server (a response, a closed socket) with a deadline, never a sleep;
the durations that matter are configured short for the test.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.served import Served, serve
from testkit.signing import SlackSender, event_callback, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT, serve_env

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


def _new_output(served: Served, since: int) -> str:
    return "".join(served.output[since:])


def _logged_after(served: Served, since: int, slack: SlackSender, fake_slack: FakeSlack) -> str:
    """The log written since ``since``, once a marker mention has been answered after it."""
    slack.event(mention_event("<@UBOT> marker", ts="9.9"), event_id=f"EvLogMarker{since}")
    fake_slack.wait_for("chat.postMessage")
    return _new_output(served, since)


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


def _form(payload: str) -> bytes:
    return f"payload={payload}".encode()


SIGNED_JUNK = {
    "random bytes": (bytes(range(256)) * 4, "application/json"),
    "broken JSON event": (b'{"type": "event_callback", "event": {"type": "app_mention", "text": ', "application/json"),
    "a JSON list": (b"[1, 2, 3]", "application/json"),
    "a JSON string": (b'"event_callback"', "application/json"),
    "absurdly nested JSON": (b"[" * 200_000 + b"]" * 200_000, "application/json"),
    "an event that is not an object": (
        json.dumps({"type": "event_callback", "event": "x"}).encode(),
        "application/json",
    ),
    "a mention without a channel": (
        json.dumps(event_callback({"type": "app_mention", "text": "hi", "ts": "1.1"})).encode(),
        "application/json",
    ),
    "a mention whose text is a number": (
        json.dumps(event_callback({"type": "app_mention", "text": 7, "channel": "C1", "ts": "1.1"})).encode(),
        "application/json",
    ),
    "broken interaction JSON": (_form("%7Bbroken"), "application/x-www-form-urlencoded"),
    "a button press without actions": (
        _form(json.dumps({"type": "block_actions", "user": {"id": "U1"}, "trigger_id": "t", "actions": []})),
        "application/x-www-form-urlencoded",
    ),
    "a slash command without a user": (b"command=%2Fdigest&text=status&team_id=T1&channel_id=C1", "text/plain"),
}


@pytest.mark.parametrize("name", list(SIGNED_JUNK))
def test_a_signed_body_rolecall_cannot_read_gets_a_4xx_and_no_traceback(
    server: Served, slack: SlackSender, fake_slack: FakeSlack, name: str
) -> None:
    body, content_type = SIGNED_JUNK[name]
    since = len(server.output)
    answer = slack.post(body, content_type)
    assert 400 <= answer.status < 500, answer
    log = _logged_after(server, since, slack, fake_slack)
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log


def test_a_timestamp_that_is_not_a_number_is_a_401(server: Served, slack: SlackSender) -> None:
    since = len(server.output)
    answer = slack.command("/role", "mle", extra_headers={"X-Slack-Request-Timestamp": "soon"})
    assert answer.status == 401
    assert "Traceback" not in _new_output(server, since)


def test_a_bad_signature_is_logged_as_one_short_line_without_the_body(
    server: Served, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    since = len(server.output)
    forged = "token=x&text=SECRET-BODY-MARKER\nERROR bot.runtime.server: forged line " + "x" * 10_000
    assert slack.post(forged, "application/x-www-form-urlencoded", secret="wrong").status == 401
    lines = _logged_after(server, since, slack, fake_slack).splitlines()
    assert not any("SECRET-BODY-MARKER" in line or "forged line" in line for line in lines)
    refusals = [line for line in lines if "signature" in line]  # earlier tests' refusals may still be arriving
    assert refusals and all(len(line) < 200 for line in refusals), refusals


@pytest.fixture(scope="module")
def guarded(fake_slack_session: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two workers with short idle and body deadlines, so the test sees them expire."""
    database_dir = tmp_path_factory.mktemp("idle")
    env = serve_env(fake_slack_session, database_dir, ROLECALL_IDLE_TIMEOUT="1", ROLECALL_BODY_TIMEOUT="1")
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
