"""Prometheus metrics, safe across uvicorn's worker processes.

``rolecall serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before any worker starts (and before this
module is first imported, since prometheus_client picks its value store at import time), so
every worker writes its samples to files there and ``GET /metrics``, whichever worker answers,
adds them all up. Without the variable (Socket Mode, the console, tests in process) the
samples live in this process's memory.

Labels are bounded: commands from the manifest's list, mention outcomes from the metadata
kinds, digest results from the runner's; nothing a person typed ever becomes a label.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote_plus

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

import handlers

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("rolecall_requests_total", "Requests to /slack/events, by command or payload kind.", ["kind"])
LATENCY = Histogram(
    "rolecall_request_seconds",
    "Time to answer a request to /slack/events, by command or payload kind.",
    ["kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
MENTIONS = Counter(
    "rolecall_mentions_total", "Mention answers, by what was answered (role, team, none...).", ["outcome"]
)
DIGESTS = Counter(
    "rolecall_digest_outcomes_total",
    "Digest occurrences acted on, by result (posted, recovered, paused, failed, unknown, lost).",
    ["result"],
)
RETRIES = Counter("rolecall_digest_retries_total", "Digest calls retried after a 429 from Slack.")
CONTENT = Gauge(
    "rolecall_content_version_info",
    "1 for the content pack version a worker serves.",
    ["pack", "version"],
    multiprocess_mode="max",
)

_COMMAND = re.compile(r"(?:^|&)command=([^&]*)")
_KNOWN = frozenset(handlers.COMMANDS)
_OUTCOMES = frozenset({"role", "team", "explainer", "choices", "compare", "none", "help"})


def request_kind(body: bytes, content_type: str) -> str:
    """The label for a request: the slash command, ``interactive`` or ``event``; cheap (a
    regular expression on the form, no parse), for the hot path."""
    if content_type.startswith("application/json"):
        return "event"
    text = body[:4096].decode("utf-8", "replace")
    if text.startswith("payload=") or "&payload=" in text:
        return "interactive"
    found = _COMMAND.search(text)
    command = unquote_plus(found.group(1)) if found else ""
    return command if command in _KNOWN else "other"


class Metrics:
    """What listeners and the digest runner report to (``handlers.deps.Meter``)."""

    def __init__(self) -> None:
        self._served: tuple[str, str] | None = None

    def mention(self, outcome: str) -> None:
        MENTIONS.labels(outcome if outcome in _OUTCOMES else "other").inc()

    def digest(self, result: str) -> None:
        DIGESTS.labels(result).inc()

    def retry(self) -> None:
        RETRIES.inc()

    def content(self, pack: str, version: str) -> None:
        """Mark the version served; a reload moves the 1 to the new version."""
        if self._served == (pack, version):
            return
        if self._served is not None:
            CONTENT.labels(*self._served).set(0)
        CONTENT.labels(pack, version).set(1)
        self._served = (pack, version)


METRICS = Metrics()


def exposition() -> tuple[bytes, str]:
    """The Prometheus text of every worker (multiprocess) or of this process."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves it untyped
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
