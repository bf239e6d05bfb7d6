"""Who reads which language, remembered in the database and cached so no lookup waits on it.

A ``/role`` answer is computed inside Slack's 3-second ack and must not depend on the database
being quick, so reads come from memory: every choice is loaded at start, a person's entry is
refreshed in the background once it is older than ``ttl`` (another replica may have changed
it), and while a refresh is pending the cached choice, or none, is used. A write goes to the
database first and to memory once it is stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import and_, select
from sqlalchemy.exc import SQLAlchemyError

from bot.store.repo import Store, upsert
from bot.store.tables import user_languages

log = logging.getLogger(__name__)

Key = tuple[str, str]
PRELOAD_LIMIT = 100_000
"""Choices loaded at start; beyond this (a very large install) entries load on first use."""


class LanguagePrefs:
    def __init__(
        self, store: Store, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic, background: bool = True
    ) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._known: dict[Key, tuple[str | None, float]] = {}
        self._pending: set[Key] = set()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="languages") if background else None

    def preload(self) -> None:
        """Load every stored choice (at start, so the first answers are already right)."""
        query = select(user_languages).limit(PRELOAD_LIMIT)
        try:
            with self._store.engine.connect() as db:
                rows = list(db.execute(query))
        except SQLAlchemyError as error:
            log.warning("language choices not loaded (%s); they load as people ask", type(error).__name__)
            return
        now = self._clock()
        with self._lock:
            self._known.update({(r.team_id, r.user_id): (r.language, now) for r in rows})

    def get(self, team_id: str, user_id: str) -> str | None:
        """The person's choice as last known, at once; refreshes a stale or unknown entry behind."""
        key = (team_id, user_id)
        found = self._known.get(key)
        if found is None or self._clock() - found[1] > self._ttl:
            self._refresh_later(key)
        return found[0] if found else None

    def set(self, team_id: str, user_id: str, language: str) -> None:
        """Store the choice, then remember it. Blocking; raises the store's error if it is down."""
        where = and_(user_languages.c.team_id == team_id, user_languages.c.user_id == user_id)
        values = {"language": language, "updated_at": datetime.now(UTC)}
        with self._store.engine.begin() as db:
            upsert(db, user_languages, where, values, {"team_id": team_id, "user_id": user_id})
        with self._lock:
            self._known[(team_id, user_id)] = (language, self._clock())

    def refresh(self, key: Key) -> None:
        """Read one person's choice from the database (what the background refresh runs)."""
        team_id, user_id = key
        where = and_(user_languages.c.team_id == team_id, user_languages.c.user_id == user_id)
        try:
            with self._store.engine.connect() as db:
                language = db.execute(select(user_languages.c.language).where(where)).scalar()
        except SQLAlchemyError as error:
            log.warning("could not refresh a language choice: %s", type(error).__name__)
            language = self._known.get(key, (None, 0.0))[0]
        with self._lock:
            self._known[key] = (language, self._clock())
            self._pending.discard(key)

    def _refresh_later(self, key: Key) -> None:
        with self._lock:
            if key in self._pending or self._pool is None:
                return
            self._pending.add(key)
        self._pool.submit(self.refresh, key)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
