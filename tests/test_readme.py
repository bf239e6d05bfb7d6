"""The README's environment table is the operator's reference: every setting must be in it."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [name.upper() for name in Settings.model_fields])
def test_every_setting_is_in_the_environment_table(name: str) -> None:
    assert f"| `{name}` |" in README
