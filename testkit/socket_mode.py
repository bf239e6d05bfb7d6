"""A loopback fake of Slack's Socket Mode WebSocket endpoint, for end-to-end tests.

Why: ``rolecall socket`` must be shown to answer over a real WebSocket, but
tests may not reach Slack.  Point the app at :attr:`SocketModeServer.url`
(via the fake Web API's ``apps.connections.open``), then :meth:`request`
pushes an envelope the way Slack does and blocks until the app acknowledges
it, returning the acknowledgement.

Built on ``websockets``' threaded server, so the test thread can push and
wait without an event loop; every wait is on a condition variable with a
timeout, never a sleep.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from typing import Any, Literal, Self

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from testkit.loopback import LoopbackServer

__all__ = ["EnvelopeType", "SocketModeServer", "hello"]

EnvelopeType = Literal["slash_commands", "events_api", "interactive"]

# Slack answers events_api and most interactive envelopes without a payload;
# only slash commands (and block suggestions) may answer inside the ack.
_ACCEPTS_PAYLOAD: dict[str, bool] = {"slash_commands": True, "events_api": False, "interactive": False}


def hello(app_id: str = "A0001") -> dict[str, Any]:
    """The first message Slack sends on every new Socket Mode connection."""
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 3600},
        "connection_info": {"app_id": app_id},
    }


class SocketModeServer(LoopbackServer):
    """Accepts Socket Mode clients on 127.0.0.1, sends envelopes, collects acks.

    One condition variable guards all state, so the handler threads and the
    test thread never race and waits wake exactly when something arrives.
    """

    def __init__(self, app_id: str = "A0001") -> None:
        self._app_id = app_id
        self._cond = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._open: list[ServerConnection] = []
        self._accepted = 0
        self._acks: dict[str, dict[str, Any]] = {}
        self._other: list[str] = []
        self._aborted: str | None = None

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Self:
        """Bind a free loopback port and accept connections on a daemon thread."""
        if self._server is not None:
            raise RuntimeError("SocketModeServer already started")
        # No server pings: the client pings us, and a quiet fake keeps logs readable.
        self._server = serve(self._handle, "127.0.0.1", 0, ping_interval=None, compression=None)
        self._thread = threading.Thread(target=self._server.serve_forever, name="SocketModeServer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and the port; wakes anyone still waiting."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self.abort("the fake Socket Mode server stopped")
        server.shutdown()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    # -- addresses ---------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port; only meaningful while started."""
        if self._server is None:
            raise RuntimeError("SocketModeServer is not started")
        return int(self._server.socket.getsockname()[1])

    @property
    def url(self) -> str:
        """What ``apps.connections.open`` should return, shaped like Slack's ``wss://.../link/?ticket=...``."""
        return f"ws://127.0.0.1:{self.port}/link/?ticket=fake-ticket&app_id={self._app_id}"

    # -- waiting -----------------------------------------------------------

    @property
    def accepted(self) -> int:
        """How many connections were greeted so far (a reconnect makes it grow)."""
        with self._cond:
            return self._accepted

    def wait_connected(self, timeout: float = 30.0) -> None:
        """Block until a client is connected and greeted: the app's readiness signal."""
        with self._cond:
            self._wait(lambda: bool(self._open), timeout, "no Socket Mode client connected")

    def abort(self, reason: str) -> None:
        """Make every current and later wait fail at once, e.g. because the app died."""
        with self._cond:
            self._aborted = reason
            self._cond.notify_all()

    # -- envelopes ---------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        """Send one JSON message to the newest open connection, as Slack routes to one."""
        with self._cond:
            self._wait(lambda: bool(self._open), 0.0, "no Socket Mode client is connected")
            connection = self._open[-1]
        connection.send(json.dumps(message))

    def push(self, kind: EnvelopeType, payload: dict[str, Any], *, retry_attempt: int = 0) -> str:
        """Send an envelope shaped like Slack's and return its ``envelope_id``."""
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": _ACCEPTS_PAYLOAD[kind],
        }
        if kind == "events_api":
            envelope.update(retry_attempt=retry_attempt, retry_reason="timeout" if retry_attempt else "")
        self.send(envelope)
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """Block until the client acknowledges ``envelope_id``; return the ack's JSON."""
        with self._cond:
            self._wait(lambda: envelope_id in self._acks, timeout, f"no ack for envelope {envelope_id}")
            return self._acks.pop(envelope_id)

    def request(
        self, kind: EnvelopeType, payload: dict[str, Any], *, timeout: float = 10.0, retry_attempt: int = 0
    ) -> dict[str, Any]:
        """Push an envelope and return its ack, like one Slack round trip."""
        return self.wait_ack(self.push(kind, payload, retry_attempt=retry_attempt), timeout)

    # -- internals ---------------------------------------------------------

    def _wait(self, ready: Callable[[], bool], timeout: float, what: str) -> None:
        """Wait on the condition (held by the caller) or raise with what was seen."""
        done = self._cond.wait_for(lambda: self._aborted is not None or ready(), timeout)
        if done and ready():
            return
        why = self._aborted or f"timed out after {timeout}s"
        raise AssertionError(
            f"{what}: {why}. Connections greeted: {self._accepted}, open: {len(self._open)}, "
            f"unclaimed acks: {sorted(self._acks)}, other messages: {self._other[-5:]}"
        )

    def _handle(self, connection: ServerConnection) -> None:
        """Greet one client like Slack, then file its acks until it goes away."""
        try:
            connection.send(json.dumps(hello(self._app_id)))
        except ConnectionClosed:
            return
        with self._cond:
            self._open.append(connection)
            self._accepted += 1
            self._cond.notify_all()
        try:
            for raw in connection:
                self._receive(raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace"))
        except ConnectionClosed:
            pass  # the app was killed or reconnected: not this server's failure
        finally:
            with self._cond:
                self._open.remove(connection)
                self._cond.notify_all()

    def _receive(self, raw: str) -> None:
        """Record an ack by envelope id; keep anything else for error messages."""
        try:
            message = json.loads(raw)
        except ValueError:
            message = None
        with self._cond:
            if isinstance(message, dict) and isinstance(message.get("envelope_id"), str):
                self._acks[message["envelope_id"]] = message
            else:
                self._other.append(raw[:200])
            self._cond.notify_all()
