"""Read a request body up to a size and a time limit before anything else sees it.

Starlette and Bolt read a whole body into memory before the signature check, so without
this a single unsigned 100 MB POST grows a worker by hundreds of MB, and a client that
sends its body a byte at a time holds a request open for ever. Here the declared length
is checked first (413 at once, nothing read), then the bytes are counted as they arrive,
whatever the transfer encoding, and the read has a deadline (408).
"""

from __future__ import annotations

import asyncio

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """More bytes arrived than the limit allows."""


class BodyLimit:
    """ASGI middleware: the app receives the body as one message, or the client gets 413/408."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(413, "request body too large", scope, receive, send)
            return
        try:
            async with asyncio.timeout(self.timeout):
                body = await _read(receive, self.max_bytes)
        except BodyTooLarge:
            await _refuse(413, "request body too large", scope, receive, send)
            return
        except TimeoutError:
            await _refuse(408, "request body too slow", scope, receive, send)
            return
        if body is None:  # the client went away
            return
        await self.app(scope, _replay(body, receive), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None if the client disconnected first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over the body read already, then waits on the client as usual."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(status: int, reason: str, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer and close: the rest of the body is never read, so the connection cannot be reused."""
    response = PlainTextResponse(reason, status_code=status, headers={"connection": "close"})
    await response(scope, receive, send)
