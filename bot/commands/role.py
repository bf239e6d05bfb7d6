"""``/role``: list, help, compare, or one role by id, alias, title word or near-miss typo.

It never guesses between several roles: a word they share ("engineer") lists them as choices,
and a comparison of more than two names says which two it compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.catalog.index import NameIndex, Resolution
from bot.commands.reading import HELP_WORDS, read, with_notice
from bot.snapshot import Snapshot
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo

COMPARE_WORDS = frozenset({"compare", "vs", "diff"})
SEPARATORS = re.compile(r"\s+(?:vs\.?|versus|and|with|to)\s+|\s*[,/|&]\s*", re.IGNORECASE)
MAX_NAME_WORDS = 12
"""Words of a comparison read for names: enough for four long titles, bounded for hostile input."""
CONFIDENT = frozenset({"name", "words"})
"""Matches good enough to read a run of words as a name without being asked to compare."""


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
    if found.match not in CONFIDENT or found.topic_id is None:
        several = names_in(snap.roles, query, confident_only=True)
        if several is not None and len(several) >= 2:
            return with_notice(_compare(snap, query), cut)
    return with_notice(_shown(snap, found, query), cut)


def _shown(snap: Snapshot, found: Resolution, query: str) -> Reply:
    text = snap.text
    if found.topic_id is not None:
        key = f"role:{found.topic_id}"
        if found.match in CONFIDENT:
            return snap.lookups[key]
        card = snap.cards[key]
        return replies.lookup(card, snap.pack, text, text.did_you_mean(echo(query), card.title))
    if found.choices:
        cards = [snap.card("role", rid) for rid in found.choices]
        return replies.choices(text.role_choices(echo(query), len(cards)), cards, snap.pack, text)
    closest = [snap.cards[f"role:{rid}"].title for rid in found.suggestions]
    return replies.roles_list(snap.role_cards(), snap.pack, text, text.role_unknown(echo(query), closest))


def names_in(index: NameIndex, query: str, confident_only: bool = False) -> list[str] | None:
    """The role ids named in ``query``, in order: split at explicit separators ("mle vs ds",
    "mle, ds"), else at the word gaps that read every part as exactly one role with the
    fewest parts. None when some part names no single role."""
    parts = [p for p in SEPARATORS.split(query) if p and p.strip()]
    allowed = CONFIDENT if confident_only else frozenset({"name", "words", "typo"})
    if len(parts) >= 2:
        found = [index.resolve(part) for part in parts]
        if all(r.topic_id is not None and r.match in allowed for r in found):
            return [str(r.topic_id) for r in found]
        return None
    words = tuple(query.split()[:MAX_NAME_WORDS])
    best = _segment(index, words, allowed)
    return list(best) if best else None


def _segment(index: NameIndex, words: Sequence[str], allowed: frozenset[str]) -> tuple[str, ...] | None:
    """Runs of ``words`` that each resolve to one role: the fewest typo-read runs first (so
    "mle ds" is two exact names, not one misspelt one), then the fewest runs."""

    @cache
    def resolve(start: int, end: int) -> Resolution:
        return index.resolve(" ".join(words[start:end]))

    @cache
    def best(start: int) -> tuple[tuple[int, int], tuple[str, ...]] | None:
        """(inexact runs, runs) and the ids, for ``words[start:]``."""
        if start == len(words):
            return (0, 0), ()
        options = []
        for end in range(start + 1, len(words) + 1):
            found = resolve(start, end)
            rest = best(end)
            if found.topic_id is None or found.match not in allowed or rest is None:
                continue
            (inexact, parts), ids = rest
            options.append(((inexact + (not found.exact), parts + 1), (found.topic_id, *ids)))
        return min(options) if options else None

    found = best(0)
    return found[1] if found else None


def _compare(snap: Snapshot, query: str) -> Reply:
    text = snap.text
    if not query.strip():
        return replies.help_reply(text.compare_usage(), snap.pack, text)
    ids = names_in(snap.roles, query)
    if ids is None or len(ids) < 2:
        return replies.roles_list(snap.role_cards(), snap.pack, text, text.compare_unknown(echo(query)))
    distinct = list(dict.fromkeys(ids))
    if len(distinct) == 1:
        return replies.help_reply(text.compare_same(snap.card("role", distinct[0]).title), snap.pack, text)
    left, right = snap.role(distinct[0]), snap.role(distinct[1])
    reply = replies.compare(left, right, snap.pack, text)
    if len(distinct) > 2:
        left_out = [snap.card("role", rid).title for rid in distinct[2:]]
        return replies.notice_with(reply, text.compare_first_two(left.title, right.title, left_out))
    return reply
