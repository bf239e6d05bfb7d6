"""Finished command replies by the exact text typed, so a repeated ``/role mle`` is a dict hit.

A reply depends only on the snapshot and the text, so each snapshot owns one memo and a
reload starts a fresh one. It is bounded in entries and in key length: hostile or huge input
is answered normally but never kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from bot.views.reply import Reply

MAX_ENTRIES = 1024
MAX_KEY = 200
"""Longer texts are computed every time: they are rare, and keeping them would let one person
fill memory with 50 KB keys."""


class ReplyMemo:
    """A bounded first-in-first-out memo, safe to share between threads: a hit is one dict
    read; only a miss takes the lock (at worst two threads compute the same reply)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._max_entries = max_entries
        self._replies: dict[tuple[str, str], Reply] = {}
        self._lock = threading.Lock()

    def get(self, command: str, typed: str, make: Callable[[], Reply]) -> Reply:
        key = (command, typed)
        reply = self._replies.get(key)
        if reply is not None:
            return reply
        reply = make()
        if len(typed) <= MAX_KEY:
            with self._lock:
                if key in self._replies:  # another thread made the same reply meanwhile: keep one
                    return self._replies[key]
                if len(self._replies) >= self._max_entries:
                    del self._replies[next(iter(self._replies))]
                self._replies[key] = reply
        return reply

    def __len__(self) -> int:
        return len(self._replies)
