"""What every fake Slack endpoint here shares: started and stopped around a ``with``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self


class LoopbackServer(ABC):
    """A server on 127.0.0.1 that a test uses as ``with Fake() as fake:``."""

    @abstractmethod
    def start(self) -> Self:
        """Bind a free loopback port and serve on a daemon thread."""

    @abstractmethod
    def stop(self) -> None:
        """Release the port and wake anything still waiting on the server."""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Always stop, even when the test body failed."""
        self.stop()
