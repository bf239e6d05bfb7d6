"""Every sentence RoleCall says to a person, one class per language.

A reply's language is chosen once (the snapshot being served carries its ``Messages``), and
views and commands take that object; nothing outside this package holds a sentence.
"""

from __future__ import annotations

from bot.messages.en import English
from bot.messages.fa import Persian

Messages = English
"""The type of a language's sentences: English, or a subclass that overrides every member."""

LANGUAGES: dict[str, Messages] = {"en": English(), "fa": Persian()}
DEFAULT = "en"


def for_language(language: str) -> Messages:
    """The sentences for ``language``, falling back to English."""
    return LANGUAGES.get(language, LANGUAGES[DEFAULT])


__all__ = ["DEFAULT", "LANGUAGES", "English", "Messages", "Persian", "for_language"]
