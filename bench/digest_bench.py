"""One digest occurrence to many channels through rate limits, with 429s and 5xx injected.

Subscribes ``--channels`` channels (C00001, C00002, ...) to the same weekly slot, points the
real ``digest_client`` at the fake Slack Web API (``testkit/slack_api.py``) enforcing about one
``chat.postMessage`` per second per channel and a workspace-wide cap, injects a few 429s
(Retry-After: 1) and 5xx on specific channels, and times one ``DigestRunner.run_due`` just
after the occurrence. A second ``run_due`` straight after must post nothing. Run from the
repository root::

    .venv/bin/python -m bench.digest_bench [--channels 1000] [--workspace-rate 100] [--concurrency 8]
        [--database sqlite|postgresql] [--inject-429 5] [--inject-5xx 5]

It prints the time taken against the minimum the limits allow (channels / workspace rate: the
per-channel limit never binds for one message per channel), and the posted, duplicated and
lost counts. The exit code is 0 when the run had no duplicate and no lost message, 1 when it
had either or could not run at all, 2 on bad usage.

``--database postgresql`` uses ``ROLECALL_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``, as the tests do) and drops RoleCall's
tables there first.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.catalog import BUNDLED_DIR
from bot.commands.digest import render_digest
from bot.digests.pacing import Pacer
from bot.digests.runner import DigestRunner, Outcome
from bot.digests.schedule import Schedule
from bot.runtime.app import digest_client
from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store, StoreError, make_engine, upgrade
from testkit.slack_api import Call, FakeSlack
from testkit.storage import POSTGRES_URL, drop_rolecall_tables

Database = Literal["sqlite", "postgresql"]

BOT_TOKEN = "xoxb-bench"
TEAM = "T0001"
METHOD = "chat.postMessage"
PER_CHANNEL_PER_SEC = 1.0
SLOT = Schedule(0, wall_time(9, 0), "UTC")  # Mondays 09:00 UTC
SUBSCRIBED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday
OCCURRENCE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the Monday after
RUN_AT = OCCURRENCE + timedelta(minutes=1)
RESULTS = ("posted", "recovered", "paused", "failed", "unknown", "lost")
SERVER_ERROR_STATUSES = (503, 500)  # the ones slack_sdk's ServerErrorRetryHandler retries


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


class Clock:
    """``RUN_AT`` plus the real time elapsed since the bench started, so leases behave as live."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.origin)


@dataclass(frozen=True)
class Injected:
    """The channels that get one injected 429 and one injected 5xx on their first post."""

    rate_limited: tuple[str, ...]
    server_error: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    channels: int
    workspace_rate: float
    concurrency: int
    database: str
    elapsed: float
    outcomes: Counter[str]
    problems: Counter[str]
    """First-run outcomes other than posted, by result and detail."""
    posted: int
    duplicated: int
    lost: int
    lost_channels: tuple[str, ...]
    checking: int
    """Channels whose post met a 5xx: not resent blindly, a later tick checks the channel first."""
    second_outcomes: Counter[str]
    second_posts: int
    calls: int
    cap_429s: int
    injected_429s: int
    server_errors: int
    max_attempts: int
    slow_channels: int
    """Channels whose post took more than one attempt (any 429 or 5xx)."""

    @property
    def minimum(self) -> float:
        return self.channels / self.workspace_rate

    @property
    def burst_minimum(self) -> float:
        """The fake's token bucket starts with one second's worth, so it admits this much faster."""
        return max(0.0, self.channels - max(1.0, self.workspace_rate)) / self.workspace_rate

    @property
    def ok(self) -> bool:
        return self.duplicated == 0 and self.lost == 0 and self.second_posts == 0


def channel_ids(count: int) -> list[str]:
    return [f"C{number:05d}" for number in range(1, count + 1)]


def spread(channels: Sequence[str], count: int, offset: int) -> list[str]:
    """``count`` channels evenly spaced through the list (shifted by ``offset``), none repeated."""
    if count <= 0:
        return []
    step = len(channels) / count
    picked = {channels[(int(index * step) + offset) % len(channels)] for index in range(count)}
    return sorted(picked)


def pick_injected(channels: Sequence[str], n429: int, n5xx: int) -> Injected:
    rate_limited = spread(channels, n429, 0)
    offset = max(1, len(channels) // max(1, 2 * max(n429, n5xx, 1)))
    server_error = [c for c in spread(channels, n5xx, offset) if c not in rate_limited]
    return Injected(tuple(rate_limited), tuple(server_error))


@contextmanager
def database(kind: Database) -> Iterator[Engine]:
    """A fresh, upgraded database: a temporary SQLite file, or PostgreSQL with RoleCall's tables dropped."""
    with tempfile.TemporaryDirectory(prefix="rolecall-digest-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'rolecall.db'}" if kind == "sqlite" else POSTGRES_URL
        try:
            engine = make_engine(url)
        except StoreError as error:
            raise BenchError(str(error)) from None
        try:
            if kind == "postgresql":
                try:
                    drop_rolecall_tables(engine)
                except SQLAlchemyError as error:
                    first = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
                    raise BenchError(f"cannot reset PostgreSQL at {url.split('@')[-1]}: {first}") from None
            try:
                upgrade(engine)
            except StoreError as error:
                raise BenchError(str(error)) from None
            yield engine
        finally:
            engine.dispose()


def subscribe_all(store: Store, channels: Sequence[str]) -> None:
    for channel in channels:
        store.subscribe(TEAM, channel, SLOT, "en", "U0BENCH", SUBSCRIBED)


def configure_fake(fake: FakeSlack, workspace_rate: float, injected: Injected) -> None:
    fake.enforce_rate(METHOD, per_channel_per_sec=PER_CHANNEL_PER_SEC, workspace_per_sec=workspace_rate)
    for channel in injected.rate_limited:
        fake.rate_limit(METHOD, retry_after=1, times=1, channel=channel)
    for index, channel in enumerate(injected.server_error):
        fake.server_error(METHOD, status=SERVER_ERROR_STATUSES[index % 2], times=1, channel=channel)


def count_results(outcomes: Sequence[Outcome]) -> Counter[str]:
    return Counter(outcome.result for outcome in outcomes)


def measure(args: argparse.Namespace, injected: Injected) -> Report:
    channels = channel_ids(args.channels)
    content = ContentHolder(BUNDLED_DIR)
    with database(args.database) as engine, FakeSlack() as fake:
        store = Store(engine)
        started = time.monotonic()
        subscribe_all(store, channels)
        print(f"subscribed {len(channels)} channels in {time.monotonic() - started:.1f} s", flush=True)
        configure_fake(fake, args.workspace_rate, injected)
        settings = Settings(slack_bot_token=SecretStr(BOT_TOKEN), slack_api_url=fake.api_url)
        pacer = None if args.no_pacing else Pacer(args.workspace_rate * 0.98)
        runner = DigestRunner(
            store,
            content,
            digest_client(settings, pacer),
            render_digest,
            clock=Clock(RUN_AT),
            concurrency=args.concurrency,
            pacer=pacer,
        )
        due = len(runner.due(RUN_AT))
        if due != len(channels):
            raise BenchError(f"{due} of {len(channels)} subscriptions are due at {RUN_AT:%Y-%m-%d %H:%M} UTC")

        started = time.monotonic()
        first = runner.run_due(RUN_AT)
        elapsed = time.monotonic() - started
        posts_after_first = len(fake.posted())
        second = runner.run_due(RUN_AT)
        second_posts = len(fake.posted()) - posts_after_first

        per_channel = Counter(str(post.get("channel")) for post in fake.posted())
        checking = {
            o.subscription.channel_id for o in first if o.result == "failed" and "check the channel" in o.detail
        }
        lost = tuple(channel for channel in channels if per_channel[channel] == 0 and channel not in checking)
        calls = fake.calls(METHOD)
        return Report(
            channels=len(channels),
            workspace_rate=args.workspace_rate,
            concurrency=args.concurrency,
            database=args.database,
            elapsed=elapsed,
            outcomes=count_results(first),
            problems=Counter(f"{o.result}: {o.detail}" for o in first if o.result != "posted"),
            posted=sum(1 for channel in channels if per_channel[channel] > 0),
            duplicated=sum(count - 1 for count in per_channel.values() if count > 1),
            lost=len(lost),
            lost_channels=lost,
            checking=len(checking),
            second_outcomes=count_results(second),
            second_posts=second_posts,
            calls=len(calls),
            cap_429s=sum(1 for call in calls if call.status == 429) - _injected_429s(calls, injected),
            injected_429s=_injected_429s(calls, injected),
            server_errors=sum(1 for call in calls if call.status >= 500),
            max_attempts=max(Counter(str(call.params.get("channel")) for call in calls).values(), default=0),
            slow_channels=len({str(call.params.get("channel")) for call in calls if call.status != 200}),
        )


def _injected_429s(calls: Sequence[Call], injected: Injected) -> int:
    """The first 429 on each rate-limited channel was the injected one (faults apply before the limits)."""
    seen: set[str] = set()
    for call in calls:
        channel = str(call.params.get("channel"))
        if call.status == 429 and channel in injected.rate_limited:
            seen.add(channel)
    return len(seen)


def print_report(report: Report, injected: Injected) -> None:
    ratio = report.elapsed / report.minimum if report.minimum else float("inf")
    print()
    print(f"time taken          {report.elapsed:8.2f} s   (run_due, {report.channels} channels)")
    print(
        f"minimum allowed     {report.minimum:8.2f} s   ({report.channels} channels / "
        f"{report.workspace_rate:g} per s workspace cap; the fake's 1 s burst allows {report.burst_minimum:.2f} s)"
    )
    burst = f"{report.elapsed / report.burst_minimum:.2f} x the burst-aware figure; " if report.burst_minimum else ""
    print(f"ratio               {ratio:8.2f} x   ({burst}{report.channels / report.elapsed:.1f} posts/s achieved)")
    print()
    print(f"posted              {report.posted:8d}   channels with a message")
    print(f"duplicated          {report.duplicated:8d}   messages beyond one per channel (must be 0)")
    print(f"lost                {report.lost:8d}   subscribed channels with no message (must be 0)")
    print(
        f"to check            {report.checking:8d}   posts that met a 5xx: a tick after the 5 min lease checks "
        "the channel's history, then posts (never resent blindly)"
    )
    if report.lost_channels:
        shown = ", ".join(report.lost_channels[:10]) + (" ..." if len(report.lost_channels) > 10 else "")
        print(f"                               {shown}")
    if report.lost and report.outcomes["failed"]:
        print(
            "                               (a channel whose post failed with 'will retry' is posted by a tick "
            "after its 1 min retry lease, late)"
        )
    print()
    print("outcomes, first run  " + _results(report.outcomes))
    for problem, count in sorted(report.problems.items()):
        print(f"                     {count:5d} x {problem}")
    print(
        "outcomes, second run " + _results(report.second_outcomes) + f"; {report.second_posts} new post(s) (must be 0)"
    )
    print()
    print(
        f"chat.postMessage    {report.calls:8d}   calls to the fake ({report.calls - report.channels} beyond one "
        f"per channel; {report.slow_channels} channel(s) needed a retry; most attempts on one channel: "
        f"{report.max_attempts}, the client gives up after 11)"
    )
    print(f"429 from the cap    {report.cap_429s:8d}   workspace/per-channel limit rejections")
    print(f"429 injected        {report.injected_429s:8d}   of {len(injected.rate_limited)} queued (Retry-After: 1)")
    print(f"5xx injected        {report.server_errors:8d}   of {len(injected.server_error)} queued (503/500)")


def _results(counts: Counter[str]) -> str:
    extra = sorted(set(counts) - set(RESULTS))
    return ", ".join(f"{result} {counts[result]}" for result in (*RESULTS, *extra))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.digest_bench",
        description="Post one digest occurrence to many channels through the fake Slack API's rate limits.",
    )
    parser.add_argument("--channels", type=int, default=1000, help="subscribed channels (default 1000)")
    parser.add_argument(
        "--workspace-rate", type=float, default=100.0, help="workspace-wide chat.postMessage per second (default 100)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="DigestRunner worker threads (default 8)")
    parser.add_argument(
        "--no-pacing", action="store_true", help="no client-side pacer: every worker posts as fast as it can"
    )
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--inject-429", type=int, default=5, help="channels whose first post gets a 429 (default 5)")
    parser.add_argument("--inject-5xx", type=int, default=5, help="channels whose first post gets a 5xx (default 5)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.channels < 1 or args.concurrency < 1 or args.workspace_rate <= 0:
        parser.print_usage(sys.stderr)
        print("digest_bench: --channels and --concurrency must be >= 1, --workspace-rate > 0", file=sys.stderr)
        return 2
    if min(args.inject_429, args.inject_5xx) < 0 or args.inject_429 + args.inject_5xx > args.channels:
        parser.print_usage(sys.stderr)
        print("digest_bench: injected faults must be >= 0 and fit in --channels", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    injected = pick_injected(channel_ids(args.channels), args.inject_429, args.inject_5xx)
    print(
        f"RoleCall digest benchmark: one occurrence to {args.channels} channels, database {args.database}, "
        f"concurrency {args.concurrency}"
    )
    print(
        f"fake Slack: {METHOD} limited to {PER_CHANNEL_PER_SEC:g}/s per channel and {args.workspace_rate:g}/s "
        f"per workspace; {len(injected.rate_limited)} injected 429(s), {len(injected.server_error)} injected 5xx"
    )
    pacing = "off" if args.no_pacing else f"shared pacer at {args.workspace_rate * 0.98:g}/s"
    print(
        "client: bot.runtime.app.digest_client (429 retries x10; a post's 5xx is left to the history check); "
        f"pacing {pacing}",
        flush=True,
    )
    try:
        report = measure(args, injected)
    except BenchError as error:
        print(f"digest_bench: could not run: {error}", file=sys.stderr)
        return 1
    print_report(report, injected)
    print()
    print("result: OK" if report.ok else "result: FAILED (duplicated, lost or re-posted messages)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
