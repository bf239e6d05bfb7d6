"""Live reload: notice that the pack on disk changed and swap the new one in, off the request path.

Every process (each uvicorn worker, ``rolecall socket``) runs one watcher thread of its own, so
no process has to tell another: each polls the pack's file sizes and modification times on a
short interval, and SIGHUP wakes it at once. Loading and validating happen in this thread; the
holder swaps whole snapshots, so a request sees the old pack or the new one, never a mix.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from bot.snapshot.holder import ContentHolder

log = logging.getLogger(__name__)

Fingerprint = frozenset[tuple[str, int, int]]


def fingerprint(folders: Iterable[Path]) -> Fingerprint:
    """Every file under ``folders`` with its size and modification time (ns): cheap to take and
    different after any edit, rename, addition or removal."""
    seen: set[tuple[str, int, int]] = set()
    for folder in folders:
        for base, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(base, name)
                try:
                    stat = os.stat(path)
                except OSError:  # removed while we looked: the next poll sees the rest
                    continue
                seen.add((path, stat.st_size, stat.st_mtime_ns))
    return frozenset(seen)


class PackWatcher:
    """Reloads ``holder`` whenever its folders change, polling every ``interval`` seconds.

    The fingerprint is taken before loading, so an edit that lands during a load is seen on
    the next poll; a pack that failed is not retried until the files change again (the old
    one keeps serving, and the problems are logged once)."""

    def __init__(self, holder: ContentHolder, interval: float) -> None:
        self.holder = holder
        self.interval = interval
        self._seen = fingerprint(holder.folders)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="content-watcher", daemon=True)

    def start(self) -> PackWatcher:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Reload now, whatever the files look like (SIGHUP): safe to call from a signal handler."""
        self._forced = True
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    _forced = False

    def check(self) -> bool:
        """Reload if the files changed since the last look (or a reload was asked for); True if
        a reload was attempted."""
        now = fingerprint(self.holder.folders)
        forced, self._forced = self._forced, False
        if now == self._seen and not forced:
            return False
        self._seen = now
        log.info("content pack changed on disk; validating it in process %d", os.getpid())
        self.holder.reload()
        return True

    def _run(self) -> None:
        timeout = self.interval if self.interval > 0 else None
        while not self._stop.is_set():
            self._wake.wait(timeout)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.check()
            except Exception:  # a watcher that dies silently would freeze the content for good
                log.exception("content watcher failed to check the pack; trying again next time")
