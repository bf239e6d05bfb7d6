"""Block Kit rendered as plain text, for the offline console and for logs."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.views.reply import BlockDict


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        return html.unescape(str(obj.get("text", "")))
    return ""


def _strip_mrkdwn(text: str) -> str:
    return re.sub(r"(?<!\w)[*_](.+?)[*_](?!\w)", r"\1", text)


def to_text(blocks: list[BlockDict]) -> str:
    """One paragraph per block; buttons shown as ``[Label]``."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            out.append(f"{title}\n{'=' * len(title)}")
        elif kind == "section":
            parts = [_text(block.get("text"))] + [_text(f) for f in block.get("fields", [])]
            accessory = block.get("accessory")
            if accessory:
                parts.append(f"[{_text(accessory.get('text'))}]")
            out.append("\n".join(_strip_mrkdwn(p) for p in parts if p))
        elif kind == "context":
            out.append(" · ".join(_strip_mrkdwn(_text(e)) for e in block.get("elements", [])))
        elif kind == "actions":
            out.append("  ".join(f"[{_text(e.get('text'))}]" for e in block.get("elements", [])))
        elif kind == "divider":
            out.append("---")
    return "\n\n".join(out)
