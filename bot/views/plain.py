"""Block Kit rendered as plain text, for the offline console and for logs.

How headings, bold text and buttons look is a ``Style``: plain by default, so text piped to a
file or another program carries no escape codes; the console passes a terminal style.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.views.direction import EMBED, POP
from bot.views.reply import BlockDict

Button = Callable[[BlockDict], str]
"""How a button is shown; the console numbers them so typing the number presses one."""


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Style:
    heading: Callable[[str], str] = _same
    bold: Callable[[str], str] = _same
    quiet: Callable[[str], str] = _same
    """Footers and notices: what a reader may skip."""


PLAIN = Style()


def _text(obj: Any) -> str:
    """A text object's words, unescaped, without the direction marks meant for Slack: a terminal
    applies its own bidi rules (or none), and the marks would only show as stray glyphs."""
    if isinstance(obj, dict):
        return html.unescape(str(obj.get("text", ""))).replace(EMBED, "").replace(POP, "")
    return ""


def _label(button: BlockDict) -> str:
    return f"[{_text(button.get('text'))}]"


def _mrkdwn(text: str, style: Style) -> str:
    return re.sub(r"(?<!\w)[*_](.+?)[*_](?!\w)", lambda found: style.bold(found[1]), text)


def to_text(blocks: list[BlockDict], button: Button = _label, style: Style = PLAIN) -> str:
    """One paragraph per block; buttons shown by ``button`` (``[Label]`` by default)."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            out.append(style.heading(f"{title}\n{'=' * len(title)}"))
        elif kind == "section":
            parts = [_text(block.get("text"))] + [_text(f) for f in block.get("fields", [])]
            lines = [_mrkdwn(p, style) for p in parts if p]
            accessory = block.get("accessory")
            if accessory:
                lines.append(button(accessory))
            out.append("\n".join(lines))
        elif kind == "context":
            out.append(style.quiet(" · ".join(_mrkdwn(_text(e), PLAIN) for e in block.get("elements", []))))
        elif kind == "actions":
            out.append("  ".join(button(e) for e in block.get("elements", [])))
        elif kind == "divider":
            out.append("---")
    return "\n\n".join(out)
