"""A TCP proxy on loopback in front of a real server, which a test can freeze and thaw.

Frozen, it is a database that hangs: connections stay open and new ones are accepted, but
no byte moves in either direction, so a client waits on an answer that never comes. Thawed,
the held bytes move on and the database is back, as after a stall.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Self

from sqlalchemy.engine import make_url

from testkit.loopback import LoopbackServer


class HangProxy(LoopbackServer):
    """Relays 127.0.0.1:<port> to ``upstream``; ``freeze()`` stops every byte, ``thaw()`` lets them go."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._flowing = threading.Event()
        self._flowing.set()
        self._stopped = False
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    @classmethod
    def before(cls, database_url: str) -> HangProxy:
        """A proxy for the server that ``database_url`` names."""
        url = make_url(database_url)
        return cls((url.host or "127.0.0.1", url.port or 5432))

    def url(self, database_url: str) -> str:
        """``database_url`` with its host and port replaced by this proxy's."""
        return make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("HangProxy is not started")
        return int(self._listener.getsockname()[1])

    def freeze(self) -> None:
        self._flowing.clear()

    def thaw(self) -> None:
        self._flowing.set()

    def start(self) -> Self:
        listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), name="HangProxy", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped = True
        self._flowing.set()  # wake every held relay so it can see the end
        with self._lock:
            sockets, self._sockets = self._sockets, []
        if self._listener is not None:
            sockets.append(self._listener)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped:
            try:
                client, _ = listener.accept()
                server = socket.create_connection(self.upstream)
            except OSError:
                return
            with self._lock:
                self._sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._relay, args=(source, target), daemon=True).start()

    def _relay(self, source: socket.socket, target: socket.socket) -> None:
        """Copy bytes one way; a frozen proxy holds what it read until it thaws."""
        try:
            while data := source.recv(65536):
                self._flowing.wait()
                if self._stopped:
                    return
                target.sendall(data)
            target.shutdown(socket.SHUT_WR)
        except OSError:
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_RDWR)
