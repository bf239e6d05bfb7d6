"""Resolving a typed name to a topic: exact by id, alias or title whatever the spelling, close by typo."""

from __future__ import annotations

import pytest

from bot.catalog import Pack
from bot.catalog.index import NameIndex


@pytest.mark.parametrize(
    ("query", "topic", "exact"),
    [
        ("mle", "mle", True),
        ("Machine Learning Engineer", "mle", True),
        ("ml_platform-engineer", "ml-platform-engineer", True),
        ("data scientst", "data-scientist", False),
        ("ml hardwear engineer", "ml-hardware-engineer", False),
        ("astronaut", None, False),
        ("", None, False),
        ("!!!", None, False),
    ],
)
def test_name_index(pack: Pack, query: str, topic: str | None, exact: bool) -> None:
    found = NameIndex(pack.roles).resolve(query)
    assert (found.topic_id, found.exact) == (topic, exact)
