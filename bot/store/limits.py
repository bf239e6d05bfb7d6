"""How long any database call may wait, so that no request or scheduler thread waits forever."""

from __future__ import annotations

import math
from dataclasses import dataclass

ANSWER_GRACE = 1.0
"""Seconds a silent server gets beyond the statement timeout before the client hangs up: long
enough for PostgreSQL to deliver its own cancellation, which leaves the connection usable."""


@dataclass(frozen=True)
class Limits:
    connect: float = 5.0
    """Seconds to open a connection (libpq counts whole seconds, and at least 2)."""
    statement: float = 5.0
    """Seconds a statement may run: PostgreSQL's statement_timeout, SQLite's busy timeout."""
    pool: float = 5.0
    """Seconds to wait for a free connection from the pool."""

    @property
    def connect_seconds(self) -> int:
        return max(2, math.ceil(self.connect))

    @property
    def statement_ms(self) -> int:
        return max(1, round(self.statement * 1000))

    @property
    def answer(self) -> float:
        """Seconds the client waits for any answer before it gives the connection up as dead."""
        return self.statement + ANSWER_GRACE
