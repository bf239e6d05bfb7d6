"""Right-to-left lines that read right in Slack, which lays every message out left-to-right.

In a left-to-right paragraph the Unicode bidi algorithm still shapes each Persian word, but it
orders the runs of a mixed line from the left: "مهندس ML و data scientist" comes out with its
first Persian word on the far left and the full stop on the right. Wrapping each line that holds
right-to-left letters in RIGHT-TO-LEFT EMBEDDING ... POP DIRECTIONAL FORMATTING makes the line
an RTL run: it reads from the right as Persian does, with Latin terms and digits in place; only
the alignment stays left. Leading and trailing mrkdwn marks (``*``, ``_``, ``~``) stay outside
the embedding so Slack still sees bold and italics.
"""

from __future__ import annotations

import re
from typing import Any

EMBED = "\u202b"
POP = "\u202c"
RTL_LETTER = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
RTL_WORD = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
"""Words, not letters, decide a line's direction: a Persian sentence naming "Kubernetes" is
still Persian, and an English one quoting «دوشنبه» is still English."""
_MARKUP = re.compile(r"^([*_~\s]*)(.*?)([*_~\s]*)$", re.DOTALL)


def rtl_lines(text: str) -> str:
    """``text`` with every line written mostly in a right-to-left script embedded right-to-left."""
    if not RTL_LETTER.search(text):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    """A line with at least as many right-to-left words as Latin ones, embedded; an English line
    that merely quotes a Persian word stays as it is."""
    if EMBED in line or not RTL_LETTER.search(line):
        return line
    if len(RTL_WORD.findall(line)) < len(LATIN_WORD.findall(line)):
        return line
    found = _MARKUP.match(line)
    assert found is not None  # the pattern matches any string
    before, body, after = found.groups()
    return f"{before}{EMBED}{body}{POP}{after}"


def directed(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Blocks with their mrkdwn texts and headers made to read right (button labels, whose
    length Slack caps tightly, are left alone: a label in one script reads right anyway)."""
    return [_block(block) for block in blocks]


def _block(block: dict[str, Any]) -> dict[str, Any]:
    if block.get("type") == "header":
        return {**block, "text": _text_object(block["text"], plain_too=True)}
    return {key: _value(value) for key, value in block.items()}


def _value(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str):
            return _text_object(value)
        return {key: _value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_value(item) for item in value]
    return value


def _text_object(obj: dict[str, Any], plain_too: bool = False) -> dict[str, Any]:
    if obj.get("type") == "mrkdwn" or plain_too:
        return {**obj, "text": rtl_lines(str(obj.get("text", "")))}
    return obj
