"""Which language a reply is in, and ``/role lang fa|en`` (and the App Home selector) to choose.

Text typed in Persian script is answered in Persian whatever the setting; otherwise a person's
stored choice; otherwise the default. The choice is read from memory (``LanguagePrefs``), so
picking a language never waits on the database.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from bot.catalog import is_persian
from bot.snapshot import ContentHolder, Snapshot
from bot.store import StoreError
from bot.store.languages import LanguagePrefs
from bot.views import replies
from bot.views.reply import Reply
from bot.views.text import echo

log = logging.getLogger(__name__)

LANG_WORDS = frozenset({"lang", "language", "زبان"})
"""The ``/role`` word that starts a language choice."""
PERSIAN = "fa"


def language_of(content: ContentHolder, typed: str, chosen: str | None) -> str | None:
    """Persian for text in Persian script (when the pack has Persian), else the person's choice
    (None: the default)."""
    if typed and PERSIAN in content.languages and is_persian(typed):
        return PERSIAN
    return chosen


def snapshot_for(content: ContentHolder, prefs: LanguagePrefs, team_id: str, user_id: str, typed: str = "") -> Snapshot:
    """The snapshot to answer this person in: Persian for Persian script, else their choice."""
    chosen = None if typed and is_persian(typed) else prefs.get(team_id, user_id)
    return content.snapshot(language_of(content, typed, chosen))


def is_language_choice(typed: str) -> bool:
    words = typed.split()
    return bool(words) and words[0].casefold() in LANG_WORDS


def choose_language(content: ContentHolder, prefs: LanguagePrefs, team_id: str, user_id: str, typed: str) -> Reply:
    """``/role lang fa``: store the choice and confirm in the new language. Blocking (one write)."""
    words = typed.split()
    wanted = words[1].casefold() if len(words) > 1 else ""
    current = snapshot_for(content, prefs, team_id, user_id)
    if wanted not in content.languages:
        return replies.help_reply(current.text.language_usage(echo(wanted, 20)), current.pack, current.text)
    try:
        prefs.set(team_id, user_id, wanted)
    except (StoreError, SQLAlchemyError) as error:
        log.warning("could not store a language choice: %s", type(error).__name__)
        return language_not_stored(current)
    chosen = content.snapshot(wanted)
    return replies.help_reply(chosen.text.LANGUAGE_SET, chosen.pack, chosen.text)


def language_not_stored(snap: Snapshot) -> Reply:
    """Why a language choice did not stick: the database failed or did not answer in time."""
    return replies.help_reply(snap.text.LANGUAGE_STORE_DOWN, snap.pack, snap.text)
