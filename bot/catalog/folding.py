"""Text folded so that what people type meets what authors wrote, in English and in Persian.

Persian is typed on Persian and Arabic keyboards, with and without the zero-width non-joiner,
with diacritics, tatweel, three sets of digits and three spellings of the ezafe after «ه»; the
index and every query pass through ``fold`` alike, so each variant matches. ``normalize`` then
keeps only letters and digits, for whole-name keys.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh → Persian yeh
        "ى": "ی",  # alef maksura
        "ئ": "ی",
        "ك": "ک",  # Arabic kaf → Persian keheh
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",  # heh with yeh above
        "ؤ": "و",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "آ": "آ",
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        "\u0640": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner: "می‌شود" and "میشود" meet
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u061c": None,  # Arabic letter mark
        **{chr(c): None for c in range(0x202A, 0x202F)},  # embeddings and overrides
        **{chr(c): None for c in range(0x2066, 0x206A)},  # isolates
        "\ufeff": None,
    }
)
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED]")
"""Arabic-script diacritics (harakat, superscript alef, Quranic marks)."""
_EZAFE = re.compile(r"ه[\u200c ]?ی(?![\w\u200c])")
"""The ezafe after a final heh, typed as «ه‌ی», «ه ی» or «هی», means what «هٔ» (folded to «ه») does."""
_PERSIAN = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")


def fold(text: str) -> str:
    """Case, compatibility forms, Arabic-keyboard letters, digits, diacritics, tatweel, ZWNJ
    and bidi controls folded away; spaces kept, so words stay words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _MARKS.sub("", _EZAFE.sub("ه", text).translate(_LETTERS))


def normalize(text: str) -> str:
    """Folded, then only letters and digits: "Data-Scientist" meets "data scientist"."""
    return re.sub(r"[\W_]+", "", fold(text))


def is_persian(text: str) -> bool:
    """Mostly Arabic-script letters: text typed in Persian is answered in Persian."""
    persian = len(_PERSIAN.findall(text))
    return persian > 0 and persian >= len(_LATIN.findall(text))
