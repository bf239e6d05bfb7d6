"""Persian typed on any keyboard meets Persian as authors wrote it; English folds as before."""

from __future__ import annotations

import pytest

from bot.catalog.folding import fold, is_persian, normalize


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("مهندس يادگيري ماشين", "مهندس یادگیری ماشین"),  # Arabic yeh
        ("كار", "کار"),  # Arabic kaf
        ("نقش\u200cها", "نقشها"),  # ZWNJ
        ("می شود", "می شود"),  # a space stays a space: words stay words
        ("مـــهندس", "مهندس"),  # tatweel
        ("مُهَنْدِس", "مهندس"),  # diacritics
        ("۹ صبح", "9 صبح"),  # Persian digits
        ("٩ صبح", "9 صبح"),  # Arabic-Indic digits
        ("\u202bداده\u202c", "داده"),  # bidi embedding
        ("\u200fداده", "داده"),  # right-to-left mark
        ("خانۀ داده", "خانه داده"),
        ("مشاوره‌ی داخلی", "مشاورهٔ داخلی"),  # the ezafe typed with a ZWNJ
        ("مشاوره ی داخلی", "مشاورهٔ داخلی"),  # … or a space
        ("مشاورهی داخلی", "مشاورهٔ داخلی"),  # … or nothing
        ("Data-Scientist", "data-scientist"),
    ],
)
def test_fold(typed: str, written: str) -> None:
    assert fold(typed) == fold(written)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("می‌شود", "میشود"),
        ("می شود", "میشود"),
        ("Data-Scientist", "data scientist"),
        ("دانشمند داده", "دانشمنـد داده"),
    ],
)
def test_normalize_joins_what_typing_splits(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("text", "persian"),
    [
        ("مهندس یادگیری ماشین", True),
        ("MLE چیکار میکنه؟", True),
        ("what does an MLE do", False),
        ("🤖", False),
        ("", False),
        ("ok مرسی but what about data engineers", False),
    ],
)
def test_is_persian(text: str, persian: bool) -> None:
    assert is_persian(text) is persian
