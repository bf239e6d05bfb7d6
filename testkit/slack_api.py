"""In-process fake of the Slack Web API for RoleCall's tests and benchmarks.

Why: tests must assert on exactly what the app sent to Slack and must
exercise the failure paths (errors, rate limits, outages, slow answers)
without network access or a real workspace.  Point the app's slack_sdk
client at ``fake.api_url`` and put ``fake.response_url()`` into
slash-command / interaction payloads; every request is recorded as a
:class:`Call` and can be answered with an injected fault.

Standard library only, so the fake cannot drift with the app's
dependencies.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import json
import math
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Self
from urllib.parse import parse_qsl, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from testkit.loopback import LoopbackServer

__all__ = ["Call", "FakeSlack"]

# Keys slack_sdk (or the app) may send as JSON text inside a form body.
_JSON_KEYS = ("blocks", "attachments", "metadata", "view")
_TRUE_STRINGS = frozenset({"1", "true", "yes", "on"})
_TEAM_ID = "T0001"
_BOT_USER_ID = "UBOT"
_BOT_ID = "BBOT"
_HISTORY_PAGE = 100  # conversations.history's default limit
_HISTORY_MAX = 999  # and the most it returns in one page


@dataclass(frozen=True)
class Call:
    """One request the fake received; frozen so tests cannot rewrite history.

    ``headers`` keys are lower-cased because clients disagree on casing
    (urllib sends ``Content-type``).  ``status`` is the HTTP status the
    fake answered with and ``error`` the Slack error code it returned, so
    rejected and faulted calls are distinguishable from successful ones.
    """

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float
    status: int = 200
    error: str | None = None


_FaultKind = Literal["fail", "rate_limit", "server_error", "delay", "missing_scope", "expired", "hold"]
_TIMING_KINDS = frozenset({"delay", "hold"})  # change when a call is answered, not what the answer is


@dataclass
class _Rule:
    """A queued fault; it applies to the next ``remaining`` matching calls."""

    kind: _FaultKind
    method: str
    remaining: int
    channel: str | None = None
    error: str = ""
    retry_after: int = 1
    status: int = 503
    seconds: float = 0.0
    needed: str = ""

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Say whether this rule targets the call, so unrelated calls pass."""
        if self.method != method:
            return False
        return self.channel is None or params.get("channel") == self.channel


class _Bucket:
    """Token bucket: a burst of one second's worth, then ``rate`` per second.

    Why a bucket: it matches Slack's "about N per second, short bursts
    allowed" wording and yields an exact Retry-After.
    """

    def __init__(self, rate: float, now: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 when one is there now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        """Spend one token; only called after :meth:`wait_needed` said 0."""
        self.tokens -= 1.0


@dataclass
class _RateLimit:
    """Per-method limits set by :meth:`FakeSlack.enforce_rate`."""

    per_channel: float | None
    workspace: float | None
    channels: dict[str, _Bucket] = field(default_factory=dict)
    team: _Bucket | None = None

    def admit(self, channel: str, now: float) -> float:
        """Take tokens and return 0, or return the wait without taking any.

        Both buckets are checked before either is spent, so a call rejected
        by one limit does not eat into the other.
        """
        buckets: list[_Bucket] = []
        if self.per_channel is not None:
            bucket = self.channels.get(channel)
            if bucket is None:
                bucket = self.channels[channel] = _Bucket(self.per_channel, now)
            buckets.append(bucket)
        if self.workspace is not None:
            if self.team is None:
                self.team = _Bucket(self.workspace, now)
            buckets.append(self.team)
        wait = max((b.wait_needed(now) for b in buckets), default=0.0)
        if wait <= 0.0:
            for bucket in buckets:
                bucket.take()
        return wait


@dataclass
class _Reply:
    """What the handler thread sends back, decided under the fake's lock."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer tuned for bursts of concurrent test traffic."""

    daemon_threads = True
    # Do not join handler threads on close: stop() must not hang on a
    # client that keeps an idle connection open.
    block_on_close = False
    request_queue_size = 1024

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: a client hanging up mid-answer is not a test failure."""


class _Handler(BaseHTTPRequestHandler):
    """Turns HTTP requests into FakeSlack calls; holds no state itself."""

    # One request per connection (HTTP/1.0) keeps shutdown simple; the
    # timeout stops a silent client from pinning a thread forever.
    timeout = 30
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Suppress per-request stderr logging so test output stays readable."""

    def do_GET(self) -> None:
        """Serve ``GET /api/<method>?...`` (AsyncWebClient sends some GETs)."""
        self._dispatch(has_body=False)

    def do_POST(self) -> None:
        """Serve ``POST /api/<method>`` and ``POST /response/<name>``."""
        self._dispatch(has_body=True)

    def _dispatch(self, *, has_body: bool) -> None:
        """Route one request; any bug becomes a 500 instead of a hung client."""
        server = self.server
        assert isinstance(server, _Server)
        try:
            parts = urlsplit(self.path)
            bad_body = False
            raw = self._read_body() if has_body else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            if parts.path.startswith("/api/") and len(parts.path) > len("/api/"):
                method = unquote(parts.path[len("/api/") :])
                try:
                    params = _decode_api_params(parts.query, raw, headers.get("content-type", ""))
                except ValueError:
                    # Record it anyway: a malformed body is an app bug tests must see.
                    params = {"_raw": raw.decode("utf-8", errors="replace")}
                    bad_body = True
            elif has_body and parts.path.startswith("/response/") and len(parts.path) > 10:
                method = "response_url:" + unquote(parts.path[len("/response/") :])
                params = _decode_response_body(raw)
            else:
                self._send(_Reply(404, {"ok": False, "error": "not_found"}))
                return
            server.fake._wait_if_held(method, params)
            reply = server.fake._handle(method, params, headers, bad_body=bad_body)
            if reply.delay > 0:
                # Waits on this handler thread only; stop() sets the event so
                # a long delay cannot outlive the test.
                server.fake._stopping.wait(reply.delay)
            self._send(reply)
        except Exception as exc:
            with contextlib.suppress(OSError):
                self._send(
                    _Reply(
                        500,
                        {"ok": False, "error": "fake_slack_bug", "detail": repr(exc)},
                    )
                )

    def _read_body(self) -> bytes:
        """Read a Content-Length or chunked body; clients use either."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, reply: _Reply) -> None:
        """Write a JSON answer with an explicit length so clients never guess."""
        payload = json.dumps(reply.body).encode("utf-8")
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


def _decode_api_params(query: str, raw: bytes, content_type: str) -> dict[str, Any]:
    """Merge query string and body into one dict, whatever encoding was used.

    Why: slack_sdk sends JSON for some methods and forms for others, and
    tests should assert on the same decoded shape either way.
    """
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    text = raw.decode("utf-8", errors="replace")
    if raw and "json" in content_type.lower():
        body = json.loads(text)
        if isinstance(body, dict):
            params.update(body)
        else:
            params["_body"] = body
    elif raw and "multipart/" in content_type.lower():
        params["_raw"] = text
    elif raw:
        params.update(parse_qsl(text, keep_blank_values=True))
    for key in _JSON_KEYS:
        value = params.get(key)
        if isinstance(value, str):
            try:
                decoded = json.loads(value)
            except ValueError:
                continue
            if isinstance(decoded, (dict, list)):
                params[key] = decoded
    return params


def _decode_response_body(raw: bytes) -> dict[str, Any]:
    """Decode a response_url post, keeping non-JSON bodies visible to tests."""
    text = raw.decode("utf-8", errors="replace")
    try:
        body = json.loads(text) if text else {}
    except ValueError:
        return {"_raw": text}
    return body if isinstance(body, dict) else {"_body": body}


def _truthy(value: Any) -> bool:
    """Interpret Slack-style booleans (True, 1, "1", "true") from any encoding."""
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_STRINGS
    return bool(value)


def _tz_offset(tz: str) -> int:
    """UTC offset in seconds, as users.info reports; 0 if tz is unknown here."""
    try:
        offset = datetime.now(ZoneInfo(tz)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    return int(offset.total_seconds()) if offset is not None else 0


class FakeSlack(LoopbackServer):
    """A loopback Slack Web API that records calls and injects faults.

    Use as a context manager (or ``start()``/``stop()``).  All state is
    guarded by one condition variable so handler threads and the test
    thread never race, and ``wait_for`` can block without polling.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._calls: list[Call] = []
        self._rules: list[_Rule] = []
        self._limits: dict[str, _RateLimit] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._posted: list[dict[str, Any]] = []
        self._history: dict[str, list[dict[str, Any]]] = {}
        self._answers: dict[str, dict[str, Any]] = {}
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._last_ts_micros = 0
        self._held = 0
        self._released = threading.Event()
        self._released.set()

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Self:
        """Bind a free loopback port and serve on a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeSlack already started")
        self._stopping.clear()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},  # short, so stop() returns quickly
            name="FakeSlack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; wakes any injected delays."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        self._released.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    # -- addresses ---------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port; only meaningful while started."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL of the fake, without a path."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """Value for slack_sdk's ``base_url`` (trailing slash: it appends the method)."""
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url for payloads; posts to it record ``response_url:<name>``."""
        return f"{self.url}/response/{name}"

    # -- inspection --------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """A copy of the recorded calls, optionally only one method's."""
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def clear(self) -> None:
        """Forget recorded calls (posted messages, rules and users stay)."""
        with self._cond:
            self._calls.clear()

    def reset(self) -> None:
        """Forget everything: calls, posted messages, fault rules, limits, users, answers."""
        with self._cond:
            self._calls.clear()
            self._rules.clear()
            self._limits.clear()
            self._users.clear()
            self._posted.clear()
            self._history.clear()
            self._answers.clear()
            self._codes.clear()
            self._tokens.clear()
            self._held = 0
        self._released.set()

    def posted(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Params of successfully posted chat.postMessage calls, in order."""
        with self._cond:
            return [copy.deepcopy(p) for p in self._posted if channel is None or p.get("channel") == channel]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls of ``method`` arrived; return them all.

        Why: the app often calls Slack from background tasks, and tests
        need to synchronise on that without sleeping.
        """
        with self._cond:
            done = self._cond.wait_for(lambda: sum(c.method == method for c in self._calls) >= count, timeout)
            matching = [c for c in self._calls if c.method == method]
            if done:
                return matching
            seen = ", ".join(f"{c.method}[{c.status}{' ' + c.error if c.error else ''}]" for c in self._calls[-50:])
            raise AssertionError(
                f"FakeSlack.wait_for({method!r}, count={count}) timed out after {timeout}s: "
                f"got {len(matching)} matching call(s). "
                f"Recorded {len(self._calls)} call(s): {seen or 'none'}"
            )

    # -- canned data -------------------------------------------------------

    def set_user(
        self,
        user_id: str,
        *,
        is_admin: bool = False,
        is_owner: bool = False,
        is_primary_owner: bool = False,
        tz: str = "Europe/London",
        locale: str = "en-US",
        deleted: bool = False,
    ) -> None:
        """Define what users.info returns for ``user_id`` (e.g. an admin)."""
        user = _make_user(user_id, tz=tz, locale=locale, deleted=deleted)
        user.update(is_admin=is_admin, is_owner=is_owner, is_primary_owner=is_primary_owner)
        with self._cond:
            self._users[user_id] = user

    def answer(self, method: str, body: dict[str, Any]) -> None:
        """Answer later ``method`` calls with a copy of ``body`` (HTTP 200).

        Why: some replies carry data the fake cannot invent, such as the
        WebSocket URL of ``apps.connections.open``.  Fault rules still win.
        """
        with self._cond:
            self._answers[method] = copy.deepcopy(body)

    def add_workspace(
        self,
        code: str,
        team_id: str,
        token: str,
        *,
        team_name: str = "",
        enterprise_id: str | None = None,
        installer: str = "U0INSTALLER",
    ) -> None:
        """Let ``oauth.v2.access`` trade ``code`` for ``token`` in ``team_id`` (once, as Slack's
        codes are good once), and ``auth.test`` with ``token`` name that workspace.

        Why: an OAuth install can only be tested end to end if the fake knows which workspace
        each code and token belong to; calls record the token they were made with."""
        workspace = {
            "team_id": team_id,
            "team": team_name or f"Team {team_id}",
            "enterprise_id": enterprise_id,
            "token": token,
            "installer": installer,
        }
        with self._cond:
            self._codes[code] = workspace
            self._tokens[token] = workspace

    def team_of(self, call: Call) -> str | None:
        """The workspace whose token ``call`` was made with (see :meth:`add_workspace`)."""
        token = call.headers.get("authorization", "").removeprefix("Bearer ").strip() or call.params.get("token")
        with self._cond:
            found = self._tokens.get(str(token or ""))
        return str(found["team_id"]) if found else None

    def add_messages(self, channel: str, count: int, user: str = "U0OTHER") -> None:
        """Other people's messages in ``channel``, newer than everything before: a busy channel."""
        with self._cond:
            history = self._history.setdefault(channel, [])
            for n in range(count):
                history.append({"type": "message", "user": user, "text": f"chatter {n}", "ts": self._next_ts()})

    # -- fault injection ---------------------------------------------------

    def fail(
        self,
        method: str,
        error: str = "channel_not_found",
        times: int = 1,
        channel: str | None = None,
    ) -> None:
        """Answer the next ``times`` matching calls with HTTP 200 ``ok: false``."""
        self._queue(_Rule("fail", method, times, channel, error=error))

    def rate_limit(
        self,
        method: str,
        retry_after: int = 1,
        times: int = 1,
        channel: str | None = None,
    ) -> None:
        """Answer the next matching calls with 429 + Retry-After, like Slack."""
        self._queue(_Rule("rate_limit", method, times, channel, retry_after=retry_after))

    def server_error(
        self,
        method: str,
        status: int = 503,
        times: int = 1,
        channel: str | None = None,
    ) -> None:
        """Answer the next matching calls with an HTTP 5xx (an outage)."""
        self._queue(_Rule("server_error", method, times, channel, status=status))

    def expire_response_url(self, name: str = "r1", times: int = 1) -> None:
        """Answer posts to ``response_url(name)`` with 404 ``expired_url``, as Slack does once a
        response_url is over 30 minutes old or has taken its 5 posts."""
        self._queue(_Rule("expired", f"response_url:{name}", times))

    def delay(
        self,
        method: str,
        seconds: float,
        times: int = 1,
        channel: str | None = None,
    ) -> None:
        """Answer the next matching calls normally, but only after ``seconds``.

        Combines with one other fault rule, so a slow failure is possible.
        Other requests keep being served meanwhile.
        """
        self._queue(_Rule("delay", method, times, channel, seconds=seconds))

    def hold(self, method: str, times: int = 1, channel: str | None = None) -> None:
        """Keep the next matching calls waiting before the fake has seen them (not recorded,
        not posted) until :meth:`release`: a request still on its way to Slack."""
        with self._cond:
            self._released.clear()
        self._queue(_Rule("hold", method, times, channel))

    def wait_held(self, count: int = 1, timeout: float = 5.0) -> None:
        """Block until ``count`` calls are being held."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._held >= count, timeout):
                raise AssertionError(f"FakeSlack.wait_held({count}) timed out after {timeout}s: {self._held} held")

    def release(self) -> None:
        """Let every held call on, to be answered as usual."""
        self._released.set()

    def _wait_if_held(self, method: str, params: dict[str, Any]) -> None:
        """On the handler thread, before the call is handled at all."""
        with self._cond:
            if self._take_rule(method, params, kind="hold") is None:
                return
            self._held += 1
            self._cond.notify_all()
        self._released.wait()

    def missing_scope(
        self,
        method: str,
        times: int = 1,
        channel: str | None = None,
        needed: str = "channels:history",
    ) -> None:
        """Answer the next matching calls with Slack's missing_scope error."""
        self._queue(_Rule("missing_scope", method, times, channel, needed=needed))

    def enforce_rate(
        self,
        method: str = "chat.postMessage",
        per_channel_per_sec: float | None = 1.0,
        workspace_per_sec: float | None = None,
    ) -> None:
        """Reject calls over Slack-like limits with 429 (for benchmarks).

        Rejected calls are recorded with ``status=429`` and are not posted.
        Passing ``None`` for both limits removes enforcement for ``method``.
        """
        for rate in (per_channel_per_sec, workspace_per_sec):
            if rate is not None and rate <= 0:
                raise ValueError("rates must be positive or None")
        with self._cond:
            if per_channel_per_sec is None and workspace_per_sec is None:
                self._limits.pop(method, None)
            else:
                self._limits[method] = _RateLimit(per_channel_per_sec, workspace_per_sec)

    def _queue(self, rule: _Rule) -> None:
        """Append a rule; rules of the same kind apply first-in, first-out."""
        if rule.remaining < 1:
            raise ValueError("times must be >= 1")
        with self._cond:
            self._rules.append(rule)

    def _take_rule(self, method: str, params: dict[str, Any], *, kind: str | None) -> _Rule | None:
        """Consume one use of the first matching rule of ``kind`` (None: any fault that shapes
        the answer); drop it once used up."""
        for rule in self._rules:
            wanted = rule.kind not in _TIMING_KINDS if kind is None else rule.kind == kind
            if wanted and rule.matches(method, params):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._rules.remove(rule)
                return rule
        return None

    # -- request handling (called on handler threads) ----------------------

    def _handle(
        self,
        method: str,
        params: dict[str, Any],
        headers: dict[str, str],
        *,
        bad_body: bool = False,
    ) -> _Reply:
        """Decide the answer, record the call and wake waiters, atomically."""
        with self._cond:
            now = time.monotonic()
            delay_rule = self._take_rule(method, params, kind="delay")
            fault = None if bad_body else self._take_rule(method, params, kind=None)
            limit = self._limits.get(method)
            if bad_body:
                reply = _Reply(200, {"ok": False, "error": "invalid_json"})
            elif fault is not None:
                reply = _fault_reply(fault)
            elif limit is not None and (wait := limit.admit(str(params.get("channel", "")), now)) > 0:
                reply = _Reply(
                    429,
                    {"ok": False, "error": "ratelimited"},
                    {"Retry-After": str(max(1, math.ceil(wait)))},
                )
            else:
                reply = self._answer(method, params, headers)
            if delay_rule is not None:
                reply.delay = delay_rule.seconds
            error = reply.body.get("error") if not reply.body.get("ok") else None
            self._calls.append(Call(method, params, headers, now, reply.status, error))
            self._cond.notify_all()
            return reply

    def _answer(self, method: str, params: dict[str, Any], headers: dict[str, str] | None = None) -> _Reply:
        """Default successful answers, shaped like Slack's for what RoleCall reads."""
        body: dict[str, Any]
        token = (headers or {}).get("authorization", "").removeprefix("Bearer ").strip() or params.get("token", "")
        if method in self._answers:
            body = copy.deepcopy(self._answers[method])
        elif method == "oauth.v2.access":
            body = self._oauth_access(params, (headers or {}).get("authorization", ""))
        elif method == "auth.test" and token in self._tokens:
            workspace = self._tokens[token]
            body = {
                "ok": True,
                "url": f"https://{workspace['team_id'].lower()}.slack.com/",
                "team": workspace["team"],
                "user": "rolecall",
                "team_id": workspace["team_id"],
                "enterprise_id": workspace["enterprise_id"],
                "user_id": _BOT_USER_ID,
                "bot_id": _BOT_ID,
            }
        elif method == "auth.test":
            body = {
                "ok": True,
                "url": "https://testteam.slack.com/",
                "team": "Test Team",
                "user": "rolecall",
                "team_id": _TEAM_ID,
                "user_id": _BOT_USER_ID,
                "bot_id": _BOT_ID,
            }
        elif method == "chat.postMessage":
            body = self._post_message(params)
        elif method == "chat.update":
            body = self._update_message(params)
        elif method == "chat.postEphemeral":
            body = {"ok": True, "message_ts": self._next_ts()}
        elif method == "views.publish":
            view = params.get("view")
            body = {
                "ok": True,
                "view": {**(view if isinstance(view, dict) else {}), "id": "V1"},
            }
        elif method == "users.info":
            body = self._user_info(params)
        elif method == "conversations.history":
            body = self._history_page(params)
        elif method == "conversations.info":
            body = {
                "ok": True,
                "channel": {"id": params.get("channel", ""), "is_member": True},
            }
        else:
            body = {"ok": True}
        return _Reply(200, body)

    def _oauth_access(self, params: dict[str, Any], authorization: str) -> dict[str, Any]:
        """Trade a code registered with :meth:`add_workspace` for its token, once; the app's
        client id and secret come as HTTP Basic credentials, as slack_sdk sends them."""
        if not authorization.startswith("Basic "):
            return {"ok": False, "error": "invalid_client_id"}
        workspace = self._codes.pop(str(params.get("code", "")), None)
        if workspace is None:
            return {"ok": False, "error": "invalid_code"}
        enterprise = workspace["enterprise_id"]
        return {
            "ok": True,
            "app_id": "A0ROLECALL",
            "authed_user": {"id": workspace["installer"]},
            "scope": "app_mentions:read,chat:write,commands,im:history,users:read",
            "token_type": "bot",
            "access_token": workspace["token"],
            "bot_user_id": _BOT_USER_ID,
            "team": {"id": workspace["team_id"], "name": workspace["team"]},
            "enterprise": {"id": enterprise, "name": f"Org {enterprise}"} if enterprise else None,
            "is_enterprise_install": False,
        }

    def _next_ts(self) -> str:
        """Unique, increasing Slack-style ts from the real clock, as Slack's are (so ``oldest``
        and ``latest`` mean what they mean in Slack)."""
        self._last_ts_micros = max(time.time_ns() // 1000, self._last_ts_micros + 1)
        return _ts_text(self._last_ts_micros)

    def _post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """Store the message per channel so conversations.history can return it."""
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        ts = self._next_ts()
        message: dict[str, Any] = {
            "type": "message",
            "user": _BOT_USER_ID,
            "bot_id": _BOT_ID,
            "text": params.get("text", ""),
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if key in params:
                message[key] = copy.deepcopy(params[key])
        self._posted.append(copy.deepcopy(params))
        self._history.setdefault(str(channel), []).append(message)
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "message": copy.deepcopy(message),
        }

    def _update_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """Apply chat.update to a stored message if known; always succeed."""
        channel, ts = params.get("channel", ""), params.get("ts", "")
        message: dict[str, Any] = {"text": params.get("text", ""), "ts": ts}
        for stored in self._history.get(str(channel), []):
            if stored["ts"] == ts:
                for key in ("text", "blocks", "attachments", "metadata"):
                    if key in params:
                        stored[key] = copy.deepcopy(params[key])
                message = copy.deepcopy(stored)
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": message["text"],
            "message": message,
        }

    def _user_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """Configured user, or an ordinary non-admin London user."""
        user_id = params.get("user")
        if not user_id:
            return {"ok": False, "error": "user_not_found"}
        user = self._users.get(str(user_id)) or _make_user(str(user_id))
        return {"ok": True, "user": copy.deepcopy(user)}

    def _history_page(self, params: dict[str, Any]) -> dict[str, Any]:
        """Newest-first history, paged as Slack pages it: ``limit`` (default 100, at most 999),
        ``cursor`` from the previous page's ``response_metadata.next_cursor``, ``oldest`` and
        ``latest`` (exclusive unless ``inclusive``); metadata only if include_all_metadata asks."""
        with_metadata = _truthy(params.get("include_all_metadata", False))
        inclusive = _truthy(params.get("inclusive", False))
        try:
            oldest = _ts_micros(params.get("oldest") or "0")
            latest = _ts_micros(params["latest"]) if params.get("latest") else None
            limit = min(int(params.get("limit") or _HISTORY_PAGE), _HISTORY_MAX)
        except (TypeError, ValueError):
            return {"ok": False, "error": "invalid_arguments"}
        try:
            start_at = _decode_cursor(params["cursor"]) if params.get("cursor") else None
        except ValueError:
            return {"ok": False, "error": "invalid_cursor"}
        window = []
        for stored in reversed(self._history.get(str(params.get("channel", "")), [])):
            ts = _ts_micros(stored["ts"])
            after_oldest = ts >= oldest if inclusive else ts > oldest
            before_latest = latest is None or (ts <= latest if inclusive else ts < latest)
            if after_oldest and before_latest and (start_at is None or ts <= start_at):
                window.append(stored)
        messages = []
        for stored in window[: max(limit, 1)]:
            message = copy.deepcopy(stored)
            if not with_metadata:
                message.pop("metadata", None)
            messages.append(message)
        has_more = len(window) > len(messages)
        next_cursor = _encode_cursor(window[len(messages)]["ts"]) if has_more else ""
        return {
            "ok": True,
            "messages": messages,
            "has_more": has_more,
            "response_metadata": {"next_cursor": next_cursor},
        }


def _ts_micros(ts: str) -> int:
    """A Slack ts (``"1700000000.000100"``) as whole microseconds, for exact comparisons."""
    seconds, _, fraction = str(ts).partition(".")
    return int(seconds) * 1_000_000 + int((fraction or "0")[:6].ljust(6, "0"))


def _ts_text(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def _encode_cursor(ts: str) -> str:
    """Opaque like Slack's: base64 of ``next_ts:<ts of the first message on the next page>``."""
    return base64.b64encode(f"next_ts:{_ts_micros(ts)}".encode()).decode()


def _decode_cursor(cursor: str) -> int:
    """The ts a cursor points at; ValueError for anything this fake did not hand out."""
    try:
        kind, _, micros = base64.b64decode(cursor, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError(cursor) from None
    if kind != "next_ts":
        raise ValueError(cursor)
    return int(micros)


def _fault_reply(rule: _Rule) -> _Reply:
    """Build the HTTP answer for an injected (non-delay) fault."""
    if rule.kind == "rate_limit":
        return _Reply(
            429,
            {"ok": False, "error": "ratelimited"},
            {"Retry-After": str(rule.retry_after)},
        )
    if rule.kind == "server_error":
        error = "service_unavailable" if rule.status == 503 else "internal_error"
        return _Reply(rule.status, {"ok": False, "error": error})
    if rule.kind == "expired":
        return _Reply(404, {"ok": False, "error": "expired_url"})
    if rule.kind == "missing_scope":
        return _Reply(200, {"ok": False, "error": "missing_scope", "needed": rule.needed})
    return _Reply(200, {"ok": False, "error": rule.error})


def _make_user(
    user_id: str,
    *,
    tz: str = "Europe/London",
    locale: str = "en-US",
    deleted: bool = False,
) -> dict[str, Any]:
    """A users.info ``user`` object with the fields RoleCall may read."""
    return {
        "id": user_id,
        "team_id": _TEAM_ID,
        "name": user_id.lower(),
        "real_name": f"User {user_id}",
        "deleted": deleted,
        "is_bot": False,
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "tz": tz,
        "tz_offset": _tz_offset(tz),
        "locale": locale,
        "profile": {"display_name": user_id.lower(), "real_name": f"User {user_id}"},
    }
