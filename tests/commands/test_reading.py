"""Work inside Slack's ack is given a budget: a hung store gives a sentence, not a timeout."""

from __future__ import annotations

import asyncio
import threading

from bot.commands.reading import in_time
from bot.views.reply import Reply


def test_work_that_finishes_in_time_is_the_reply() -> None:
    reply = asyncio.run(in_time(lambda: Reply(text="done"), lambda: Reply(text="late"), seconds=5))
    assert reply.text == "done"


def test_work_that_hangs_gives_the_late_reply_within_the_budget() -> None:
    release = threading.Event()

    def hung() -> Reply:
        release.wait()  # a database that never answers, until the test lets it go
        return Reply(text="done")

    def late() -> Reply:
        release.set()  # let the thread end, as a database timeout eventually would
        return Reply(text="late")

    reply = asyncio.run(in_time(hung, late, seconds=0.05))
    assert reply.text == "late"
