"""Persian lines read right in Slack's left-to-right layout: checked with the Unicode bidi
algorithm (python-bidi), which is what a Slack client applies to each line it shows."""

from __future__ import annotations

from typing import Any

import pytest
from bidi import get_display

from bot.views.direction import EMBED, POP, directed, rtl_lines
from bot.views.reply import Reply

MIXED = [
    "مهندس یادگیری ماشین (ML) مدل را به تولید می‌برد.",
    "ابزارها: Python، Docker و Kubernetes؛ نسخهٔ 1.2.0",
    "با `/role mle` توضیح یک نقش را می‌بینید.",
    "• مهارت در SQL و آمار",
]


def _shown(line: str) -> str:
    """What a left-to-right Slack line shows, left to right (the invisible marks left out)."""
    return str(get_display(line, base_dir="L")).replace(EMBED, "").replace(POP, "")


def _as_persian_reads(line: str) -> str:
    """The same line laid out as a right-to-left paragraph: how a Persian reader expects it."""
    return str(get_display(line.replace(EMBED, "").replace(POP, ""), base_dir="R"))


@pytest.mark.parametrize("line", MIXED)
def test_a_mixed_line_reads_as_persian_once_embedded(line: str) -> None:
    assert _shown(line) != _as_persian_reads(line), "without the marks, the line is out of order"
    assert _shown(rtl_lines(line)) == _as_persian_reads(line)


def test_english_is_untouched_and_marking_is_idempotent() -> None:
    assert rtl_lines("Machine learning engineer (MLE)") == "Machine learning engineer (MLE)"
    quoting = "I couldn't use “دوشنبه”. Expected a weekday such as mon."
    assert rtl_lines(quoting) == quoting, "an English line quoting a Persian word stays left-to-right"
    once = rtl_lines("\n".join(MIXED))
    assert rtl_lines(once) == once and once.count(EMBED) == len(MIXED)


def test_bold_and_italic_marks_stay_outside_so_slack_still_formats_them() -> None:
    assert rtl_lines("*مهارت‌ها*") == f"*{EMBED}مهارت‌ها{POP}*"
    assert rtl_lines("_خلاصه_") == f"_{EMBED}خلاصه{POP}_"


def test_blocks_get_marks_in_mrkdwn_and_headers_but_not_in_button_labels() -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "دانشمند داده"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "خط اول\nLine two"}},
        {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "باز کردن"}}]},
    ]
    header, section, buttons = directed(blocks)
    assert header["text"]["text"] == f"{EMBED}دانشمند داده{POP}"
    assert section["text"]["text"] == f"{EMBED}خط اول{POP}\nLine two"
    assert buttons == blocks[2]


def test_a_reply_in_persian_is_marked_when_built() -> None:
    reply = Reply(text="دانشمند داده: خلاصه", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "متن"}}])
    assert reply.text.startswith(EMBED) and reply.blocks[0]["text"]["text"] == f"{EMBED}متن{POP}"
