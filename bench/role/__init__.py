"""``python -m bench.role_bench`` in parts: the two servers (``servers``), the load on them
(``load``) and what is printed about it (``report``)."""


class BenchError(Exception):
    """The benchmark could not run; the message says why."""
