"""psycopg connections that stop waiting on a server that has stopped answering.

PostgreSQL's ``statement_timeout`` ends slow statements, but only a server that still answers
can send that error. One that accepts and then never replies (hung, paused, a dead network
path) would hold the calling thread forever, so every wait on the server here ends after
``answer_timeout`` seconds by closing the connection: SQLAlchemy sees a disconnect, drops the
pool's stale connections and opens fresh ones once the server is back.
"""

from __future__ import annotations

from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen
from psycopg.errors import _WaitTimeout
from psycopg.rows import TupleRow

RV = TypeVar("RV")


class AnsweringConnection(psycopg.Connection[TupleRow]):
    answer_timeout: float | None = None

    def wait(self, gen: PQGen[RV], interval: float = 0.1, timeout: float | None = None) -> RV:
        """psycopg's own wait, bounded by ``answer_timeout`` when the caller set no bound."""
        if timeout is not None or self.answer_timeout is None:
            return super().wait(gen, interval=interval, timeout=timeout)
        try:
            return super().wait(gen, interval=interval, timeout=self.answer_timeout)
        except _WaitTimeout:
            self.close()  # mid-protocol: the connection cannot be used again
            raise psycopg.OperationalError(
                f"the database did not answer within {self.answer_timeout:g} s; connection closed"
            ) from None


def connect(answer_timeout: float, *args: Any, **kwargs: Any) -> AnsweringConnection:
    connection = AnsweringConnection.connect(*args, **kwargs)
    connection.answer_timeout = answer_timeout
    return connection
