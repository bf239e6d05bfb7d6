"""``/role``: list, help, compare, or one role by id, alias, title or near-miss typo."""

from __future__ import annotations

import re

from bot.catalog.index import NameIndex, Resolution
from bot.commands.reading import HELP_WORDS, read, with_notice
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo

COMPARE_WORDS = frozenset({"compare", "vs", "diff"})
SEPARATORS = re.compile(r"\s+(?:vs\.?|versus|and|with|to)\s+|\s*[,/|]\s*", re.IGNORECASE)


def role_command(snap: Snapshot, typed: str) -> Reply:
    """The reply to ``/role <typed>``, memoized per snapshot by the exact text."""
    return snap.memo.get("role", typed, lambda: _role_reply(snap, typed))


def _role_reply(snap: Snapshot, typed: str) -> Reply:
    text = snap.text
    query, cut = read(typed, text)
    words = query.split()
    if not words:
        return snap.roles_list
    first = words[0].casefold()
    if first in HELP_WORDS and len(words) == 1:
        return replies.help_reply(text.ROLE_HELP, snap.pack, text)
    if first in COMPARE_WORDS:
        return with_notice(_compare(snap, " ".join(words[1:])), cut)
    found = snap.roles.resolve(query)
    if not found.exact and _pair(snap.roles, query, gaps=False) is not None:
        return with_notice(_compare(snap, query), cut)
    return with_notice(_shown(snap, found, query), cut)


def _shown(snap: Snapshot, found: Resolution, query: str) -> Reply:
    text = snap.text
    if found.topic_id is not None:
        key = f"role:{found.topic_id}"
        if found.exact:
            return snap.lookups[key]
        card = snap.cards[key]
        return replies.lookup(card, snap.pack, text, text.did_you_mean(echo(query), card.title))
    closest = [snap.cards[f"role:{rid}"].title for rid in found.suggestions]
    return replies.roles_list(snap.role_cards(), snap.pack, text, text.role_unknown(echo(query), closest))


def _pair(index: NameIndex, query: str, gaps: bool = True) -> tuple[Resolution, Resolution] | None:
    """Split ``query`` into two role names: at an explicit separator, else at the best word gap."""
    parts = [p for p in SEPARATORS.split(query) if p and p.strip()]
    if len(parts) == 2:
        left, right = index.resolve(parts[0]), index.resolve(parts[1])
        return (left, right) if left.topic_id and right.topic_id else None
    if not gaps:
        return None
    words = query.split()[:12]
    best: tuple[int, tuple[Resolution, Resolution]] | None = None
    for gap in range(1, len(words)):
        left, right = index.resolve(" ".join(words[:gap])), index.resolve(" ".join(words[gap:]))
        if left.topic_id and right.topic_id:
            score = left.exact + right.exact
            if best is None or score > best[0]:
                best = (score, (left, right))
    return best[1] if best else None


def _compare(snap: Snapshot, query: str) -> Reply:
    text = snap.text
    if not query.strip():
        return replies.help_reply(text.compare_usage(), snap.pack, text)
    pair = _pair(snap.roles, query)
    if pair is None:
        return replies.roles_list(snap.role_cards(), snap.pack, text, text.compare_unknown(echo(query)))
    left, right = (snap.pack.roles[str(r.topic_id)] for r in pair)
    if left.id == right.id:
        return replies.help_reply(text.compare_same(left.title), snap.pack, text)
    return replies.compare(left, right, snap.pack, text)
