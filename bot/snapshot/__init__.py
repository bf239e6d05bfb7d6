"""The served snapshot of the content pack (pre-rendered cards, indexes, memo) and its reload."""

from bot.snapshot.holder import ContentHolder
from bot.snapshot.snapshot import Snapshot, build_snapshot

__all__ = ["ContentHolder", "Snapshot", "build_snapshot"]
