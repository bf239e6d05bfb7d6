"""The content being served, swapped atomically on reload.

Listeners read ``holder.current`` once per request and use that one snapshot throughout,
so a reload mid-request can never mix two pack versions in one reply.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.catalog import ContentError, load_pack
from bot.snapshot.snapshot import Snapshot, build_snapshot

log = logging.getLogger(__name__)


class ContentHolder:
    """Holds the snapshot being served; a failed reload keeps the old one serving."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._current = build_snapshot(load_pack(source))

    @property
    def current(self) -> Snapshot:
        return self._current

    def reload(self) -> ContentError | None:
        """Load the pack again; on failure return the problems and keep serving the old pack."""
        with self._lock:
            try:
                self._current = build_snapshot(load_pack(self.source))
            except ContentError as error:
                log.error("content reload failed; still serving v%s:\n%s", self._current.pack.version, error)
                return error
            return None
