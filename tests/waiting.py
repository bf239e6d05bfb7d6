"""Waiting on a call that might never return, without hanging the test run."""

from __future__ import annotations

import threading
from collections.abc import Callable


def outcome_within(seconds: float, call: Callable[[], object]) -> object:
    """What ``call`` returned or raised, failing the test if it is still waiting after ``seconds``."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the database call was still waiting after {seconds} s"
    return outcome[0]
