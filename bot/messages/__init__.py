"""Every sentence RoleCall says to a person, one module per language.

Views and listeners ask ``for_language(lang)`` rather than holding strings, so a Persian
module can be added beside ``en`` without touching them.
"""

from types import ModuleType

from bot.messages import en

_BY_LANGUAGE: dict[str, ModuleType] = {"en": en}


def for_language(language: str) -> ModuleType:
    """The messages module for ``language``, falling back to English."""
    return _BY_LANGUAGE.get(language, en)


__all__ = ["en", "for_language"]
