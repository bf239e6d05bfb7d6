"""Store calls that a caller waits for only so long, run one at a time on their own thread.

A hung database then holds that one thread rather than one per request, and the calls whose
callers have given up are dropped before they start.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from bot.errors import StoreError

P = ParamSpec("P")
T = TypeVar("T")


class Lane:
    def __init__(self, wait: float, name: str) -> None:
        self.wait = wait
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn``'s result; ``StoreError`` if the database failed or did not answer in ``wait`` seconds."""
        future = self._executor.submit(fn, *args, **kwargs)
        try:
            return future.result(timeout=self.wait)
        except TimeoutError:
            future.cancel()
            raise StoreError(f"the database did not answer within {self.wait:g} s") from None
        except SQLAlchemyError as error:
            raise StoreError(f"the database failed ({type(error).__name__})") from error
