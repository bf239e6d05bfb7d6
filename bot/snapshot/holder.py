"""The content being served, one snapshot per language, swapped atomically on reload.

Listeners pick a snapshot once per request and use it throughout, so a reload mid-request can
never mix two pack versions (or two languages) in one reply.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.catalog import ContentError, Pack, load_pack
from bot.messages import DEFAULT
from bot.snapshot.snapshot import Snapshot, build_snapshot

log = logging.getLogger(__name__)


def build_all(pack: Pack) -> dict[str, Snapshot]:
    """A snapshot for every language the pack declares."""
    return {language: build_snapshot(pack, language) for language in pack.info.languages}


class ContentHolder:
    """Holds the snapshots being served; a failed reload keeps the old ones serving."""

    def __init__(self, source: Path | Sequence[Path], default_language: str = DEFAULT) -> None:
        self.source = source
        self.folders: tuple[Path, ...] = (source,) if isinstance(source, Path) else tuple(source)
        """What to watch for changes: the pack's folder, or every layer's."""
        self._lock = threading.Lock()
        self._snapshots = build_all(load_pack(source))
        self.default_language = default_language if default_language in self._snapshots else next(iter(self._snapshots))

    @property
    def current(self) -> Snapshot:
        """The snapshot in the default language: for operators, health checks and anyone whose
        language is not known."""
        return self.snapshot(self.default_language)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._snapshots)

    def snapshot(self, language: str | None) -> Snapshot:
        """The snapshot in ``language``, or in the default one if the pack lacks it."""
        snapshots = self._snapshots
        return snapshots.get(language or self.default_language) or snapshots[self.default_language]

    def reload(self) -> ContentError | None:
        """Load the pack again; on failure return the problems and keep serving the old pack.

        The new snapshots are built completely before one assignment swaps them in, so a reader
        (which never takes the lock) sees either the old dict or the new one."""
        with self._lock:
            was = self.current.pack.version
            try:
                snapshots = build_all(load_pack(self.source))
            except ContentError as error:
                log.error("content reload refused in process %d; still serving v%s:\n%s", os.getpid(), was, error)
                return error
            self._snapshots = snapshots
            log.info(
                "content reloaded in process %d: serving v%s (was v%s)", os.getpid(), self.current.pack.version, was
            )
            return None
