"""The shape of everything RoleCall sends: blocks plus a plain ``text`` fallback."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from slack_sdk.models.blocks import Block

from bot.views.direction import RTL_LETTER, directed, rtl_lines

BlockDict = dict[str, Any]


def render(blocks: Sequence[Block]) -> list[BlockDict]:
    """Serialise through slack_sdk, which enforces Block Kit's limits at this point."""
    return [block.to_dict() for block in blocks]


@dataclass(frozen=True)
class Reply:
    """A message ready to send; ``text`` is the notification and screen-reader fallback."""

    text: str
    blocks: list[BlockDict] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Persian lines are made to read right here, once, wherever the reply was built."""
        if RTL_LETTER.search(self.text) or any(RTL_LETTER.search(str(block)) for block in self.blocks):
            object.__setattr__(self, "text", rtl_lines(self.text))
            object.__setattr__(self, "blocks", directed(self.blocks))

    def message(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}

    @cached_property
    def ephemeral_json(self) -> str:
        """The command response body, encoded once per reply: pre-rendered replies live as
        long as the pack, and encoding ~5 KB of blocks was most of a lookup's remaining cost."""
        return json.dumps({"response_type": "ephemeral", **self.message()}, ensure_ascii=False, separators=(",", ":"))
