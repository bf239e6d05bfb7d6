"""``run_due``: the whole digest scheduler, one idempotent reconciliation.

For each active subscription it finds the latest occurrence at or before ``now``; if that
is inside the grace window and not in the ledger, it claims it, posts the next explainer,
and records the message. The ledger, not the timer, decides: restarts, missed ticks and
extra replicas can neither double-post nor skip silently.
"""

from __future__ import annotations

import logging
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digests.clock import Clock, DatabaseClock
from bot.digests.pacing import Pacer
from bot.digests.schedule import Schedule, latest_occurrence, occurrence_key
from bot.digests.sequence import choose_next
from bot.digests.workspaces import OneWorkspace, Poster, Posters
from bot.snapshot import ContentHolder, Snapshot
from bot.store import LedgerRow, Store, Subscription
from bot.views.reply import Reply

log = logging.getLogger(__name__)

PERMANENT_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})
"""Errors that will not go away by retrying: the subscription pauses and says why."""
NOT_INSTALLED = "app_uninstalled"
"""The pause reason when a workspace has no stored token; a reinstall resumes it."""

GRACE = timedelta(hours=12)
LEASE = timedelta(minutes=5)
RETRY_AFTER_FAILURE = timedelta(minutes=1)
SLACK_CLOCK_MARGIN = timedelta(minutes=10)
"""How far Slack's clock (message ts) may be from the database's, for the history check."""
HISTORY_PAGE = 200
MAX_PARALLEL_WORKSPACES = 16
"""Workspaces posted to at once; each has its own threads, so one's 429s hold up no other."""

Render = Callable[[Snapshot, str, Subscription], Reply]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Outcome:
    """What happened to one channel on this run, printed by ``rolecall digest run-due``."""

    subscription: Subscription
    occurrence: datetime
    result: str
    """posted, recovered, paused, failed, unknown or lost (another process took it over)."""
    detail: str

    def line(self) -> str:
        sub = self.subscription
        return f"{sub.team_id} {sub.channel_id} {occurrence_key(self.occurrence)} {self.result}: {self.detail}"


class DigestRunner:
    """``clock`` is this process's own clock: within a run it only measures time passing from
    one reading of the database's clock, which is what leases are compared on.

    ``client`` is one workspace's client (with ``pacer``), or ``Posters`` that give each
    workspace its own; workspaces are posted to in parallel, ``concurrency`` channels at a
    time within each."""

    def __init__(
        self,
        store: Store,
        content: ContentHolder,
        client: WebClient | Posters,
        render: Render,
        *,
        grace: timedelta = GRACE,
        lease: timedelta = LEASE,
        clock: Clock = utc_now,
        concurrency: int = 8,
        pacer: Pacer | None = None,
        report: Callable[[Outcome], Any] | None = None,
    ) -> None:
        self.store = store
        self.content = content
        self.posters: Posters = OneWorkspace(client, pacer) if isinstance(client, WebClient) else client
        self.render = render
        self.grace = grace
        self.lease = lease
        self.clock = clock
        self.concurrency = concurrency
        self.report = report
        self.stopping = threading.Event()
        """Set on shutdown: posts in progress finish, no new occurrence is claimed."""
        """Told of every outcome (metrics); the outcomes are also returned."""
        self.owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:12]}"

    def due(self, now: datetime) -> list[tuple[Subscription, datetime]]:
        """Active subscriptions whose latest occurrence is new enough to post."""
        found = []
        for sub in self.store.subscriptions(state="active"):
            occurrence = latest_occurrence(Schedule.of(sub), now)
            if occurrence >= sub.active_from and now - occurrence <= self.grace:
                found.append((sub, occurrence))
        return found

    def run_due(self, now: datetime | None = None) -> list[Outcome]:
        """Post every due digest once; one channel's failure never holds up the others.

        ``now`` only chooses which occurrences are due (by default, the database's time).
        Leases and ledger times always come from the database's clock, so replicas whose
        own clocks disagree still agree on who holds an occurrence.
        """
        clock = DatabaseClock.read(self.store, self.clock)
        due = self.due(clock() if now is None else now)
        if not due:
            return []
        teams: dict[str, list[tuple[Subscription, datetime]]] = {}
        for item in due:
            teams.setdefault(item[0].team_id, []).append(item)
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL_WORKSPACES, len(teams))) as pool:
            per_team = list(pool.map(lambda items: self._workspace(clock, items), teams.values()))
        found = [outcome for outcomes in per_team for outcome in outcomes if outcome is not None]
        if self.report is not None:
            for outcome in found:
                self.report(outcome)
        return found

    def _workspace(self, clock: Clock, due: list[tuple[Subscription, datetime]]) -> list[Outcome | None]:
        """One workspace's channels, on threads of their own: its waits hold up nobody else."""
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(due))) as pool:
            return list(pool.map(lambda item: self._guarded(clock, *item), due))

    def _guarded(self, clock: Clock, sub: Subscription, occurrence: datetime) -> Outcome | None:
        if self.stopping.is_set():
            return None  # left for the next tick, here or on another replica
        try:
            poster = self.posters.poster(sub)
            if poster is None:
                return self._not_installed(clock, sub, occurrence)
            return self._one(poster, clock, sub, occurrence)
        except Exception as error:  # one channel must not stop the run; the log keeps the trace
            log.exception("digest for %s/%s failed", sub.team_id, sub.channel_id)
            return Outcome(sub, occurrence, "failed", f"internal error ({type(error).__name__})")

    def _not_installed(self, clock: Clock, sub: Subscription, occurrence: datetime) -> Outcome:
        """No token for the workspace: pause it (nothing claimed, no explainer used up) rather
        than fail every tick; installing again resumes it."""
        self.store.pause(sub.id, NOT_INSTALLED, clock())
        return Outcome(sub, occurrence, "paused", NOT_INSTALLED)

    def _one(self, poster: Poster, clock: Clock, sub: Subscription, occurrence: datetime) -> Outcome | None:
        snap = self.content.snapshot(sub.language)  # the channel's language, not the default
        row = self.store.ledger_row(sub.id, occurrence)
        now = clock()
        if row is None:
            explainer_id, cycle = self._next_explainer(snap, sub, now)
            if not self.store.claim(sub.id, occurrence, explainer_id, cycle, self.owner, now + self.lease, now):
                return None  # another process claimed it first
            row = self.store.ledger_row(sub.id, occurrence)
            assert row is not None
        elif row.status in ("posted", "skipped", "unknown") or row.lease_until > now:
            return None  # done, or another process is working on it right now
        else:
            if not self.store.take_over(row, self.owner, now + self.lease, now):
                return None
            if row.status == "sending":
                return self._recover(poster, clock, snap, sub, occurrence, row)
        return self._post(poster, clock, snap, sub, occurrence, row)

    def _next_explainer(self, snap: Snapshot, sub: Subscription, now: datetime) -> tuple[str, int]:
        cycle = self.store.cycle(sub.id)
        explainer_id, new_cycle = choose_next(
            list(snap.pack.explainers), self.store.posted_ever(sub.id), self.store.posted_in_cycle(sub.id, cycle)
        )
        if new_cycle:
            cycle += 1
            self.store.set_cycle(sub.id, cycle, now)
        return explainer_id, cycle

    def _post(
        self, poster: Poster, clock: Clock, snap: Snapshot, sub: Subscription, occurrence: datetime, row: LedgerRow
    ) -> Outcome:
        explainer_id = (
            row.explainer_id if row.explainer_id in snap.pack.explainers else next(iter(snap.pack.explainers))
        )
        reply = self.render(snap, explainer_id, sub)
        metadata = digest_metadata(sub, occurrence, explainer_id, snap.pack.version)
        if poster.pacer is not None:
            poster.pacer.acquire()  # wait while still "claimed": nothing has been sent yet
        if not self.store.move(row.id, self.owner, "sending", clock(), explainer_id=explainer_id):
            return Outcome(sub, occurrence, "lost", "another process took this occurrence over")
        try:
            answer = poster.client.chat_postMessage(
                channel=sub.channel_id, metadata=metadata, unfurl_links=False, **reply.message()
            )
        except SlackApiError as error:
            code = str(error.response.get("error") or f"http_{error.response.status_code}")
            now = clock()
            if code in PERMANENT_ERRORS:
                return self._pause(sub, occurrence, row, code, now)
            if error.response.status_code >= 500:
                return Outcome(sub, occurrence, "failed", f"{code}; will check the channel before retrying")
            self.store.move(row.id, self.owner, "failed", now, error=code, lease_until=now + RETRY_AFTER_FAILURE)
            return Outcome(sub, occurrence, "failed", f"{code}; will retry")
        except OSError as error:  # timeouts and dropped connections: the post may have landed
            return Outcome(sub, occurrence, "failed", f"{type(error).__name__}; will check the channel before retrying")
        ts = str(answer.get("ts"))
        self.store.move(row.id, self.owner, "posted", clock(), message_ts=ts, error=None)
        return Outcome(sub, occurrence, "posted", f"{explainer_id} (ts {ts})")

    def _pause(self, sub: Subscription, occurrence: datetime, row: LedgerRow, code: str, now: datetime) -> Outcome:
        """A permanent Slack error: pause with the reason; the occurrence uses up no explainer."""
        self.store.pause(sub.id, code, now)
        self.store.move(row.id, self.owner, "skipped", now, error=code)
        return Outcome(sub, occurrence, "paused", code)

    def _recover(
        self, poster: Poster, clock: Clock, snap: Snapshot, sub: Subscription, occurrence: datetime, row: LedgerRow
    ) -> Outcome:
        """A send that may have landed: look for our own post before posting again."""
        try:
            ts = self._find_post(poster.client, sub, occurrence, row)
        except SlackApiError as error:
            code = str(error.response.get("error"))
            now = clock()
            if code == "missing_scope":
                self.store.move(row.id, self.owner, "unknown", now, error="cannot_check_history")
                return Outcome(
                    sub,
                    occurrence,
                    "unknown",
                    "an earlier send may have landed; left unposted (add the channels:history scope to check)",
                )
            if code in PERMANENT_ERRORS:
                return self._pause(sub, occurrence, row, code, now)
            return Outcome(sub, occurrence, "failed", f"{code} while checking history; will retry")
        if ts is not None:
            self.store.move(row.id, self.owner, "posted", clock(), message_ts=ts)
            return Outcome(sub, occurrence, "recovered", f"found the earlier post (ts {ts}); not posted again")
        return self._post(poster, clock, snap, sub, occurrence, row)

    def _find_post(self, client: WebClient, sub: Subscription, occurrence: datetime, row: LedgerRow) -> str | None:
        """The ts of this occurrence's post if it landed, from every page of the channel's history
        since the send could have happened, so a busy channel cannot hide it.

        The row last changed hands (``updated_at``) at least a lease after any earlier send
        began, so history from a lease before that, less Slack's clock margin, covers them all.
        """
        oldest = row.updated_at - self.lease - SLACK_CLOCK_MARGIN
        key = occurrence_key(occurrence)
        pages = client.conversations_history(
            channel=sub.channel_id, oldest=f"{oldest.timestamp():.6f}", include_all_metadata=True, limit=HISTORY_PAGE
        )
        for page in pages:  # the SDK follows response_metadata.next_cursor
            for message in page.get("messages") or []:
                payload = (message.get("metadata") or {}).get("event_payload") or {}
                if payload.get("subscription_id") == sub.id and payload.get("occurrence") == key:
                    return str(message.get("ts"))
        return None


def digest_metadata(sub: Subscription, occurrence: datetime, explainer_id: str, version: str) -> dict[str, Any]:
    """Names the explainer like mention answers do, plus what recovery needs to find the post."""
    return {
        "event_type": "rolecall_topic",
        "event_payload": {
            "kind": "explainer",
            "id": explainer_id,
            "pack_version": version,
            "subscription_id": sub.id,
            "occurrence": occurrence_key(occurrence),
        },
    }
