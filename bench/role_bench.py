"""Throughput and latency of ``/role mle`` on ``rolecall serve``, next to a bare Bolt app.

Both servers run on the same stack (uvicorn, same worker count, uvloop + httptools,
Starlette + ``AsyncSlackRequestHandler``, ``AsyncApp`` with ``process_before_response``)
and take the same signed slash-command requests, so the ratio of the two is the cost
of RoleCall's own work. Run from the repository root::

    .venv/bin/python -m bench.role_bench [--connections 64] [--duration 10] [--warmup 2]

The targets are printed with whether each was met; they never fail the run. The exit
code is 0 when the benchmark ran, 1 when it could not (a server did not start, the
correctness check failed, no load generator worked), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import hmac
import math
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal
from urllib.parse import urlencode

from testkit.slack_api import FakeSlack

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PATH = "/slack/events"
SIGNING_SECRET = "bench-secret"
BOT_TOKEN = "xoxb-bench"
CARD_TITLE = "Machine learning engineer"
READY_LINE = "Application startup complete"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
TARGET_THROUGHPUT_RATIO = 0.90
TARGET_P99_MS = 20.0
TARGET_CONNECTIONS = 64

FORM: dict[str, str] = {
    "token": "bench-verification-token",
    "team_id": "T0001",
    "team_domain": "testteam",
    "channel_id": "C0001",
    "channel_name": "general",
    "user_id": "U0001",
    "user_name": "bench",
    "command": "/role",
    "text": "mle",
    "api_app_id": "A0001",
    "response_url": "http://127.0.0.1:1/response",
    "trigger_id": "1.2.bench",
}
BODY = urlencode(FORM)

Generator = Literal["wrk", "python"]
ServerName = Literal["bare", "rolecall"]


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


def sign(body: str, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    """Slack's v0 request signature of ``body`` sent at ``timestamp``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def slack_headers(body: str = BODY) -> dict[str, str]:
    """Headers of a freshly signed request; Bolt accepts the timestamp for 5 minutes."""
    now = int(time.time())
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now),
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# -- servers ---------------------------------------------------------------------


class Server:
    """One uvicorn server in its own process group, its output kept for error reports."""

    def __init__(self, name: ServerName, argv: list[str], env: dict[str, str], port: int, workers: int) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.port = port
        self.workers = workers
        self.url = f"http://{HOST}:{port}{PATH}"
        self._proc: subprocess.Popen[str] | None = None
        self._log: deque[str] = deque(maxlen=200)
        self._started = 0
        self._ready = threading.Event()
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        self._proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            start_new_session=True,  # its own process group, so stop() reaches every worker
        )
        stream = self._proc.stdout
        assert stream is not None
        self._reader = threading.Thread(target=self._drain, args=(stream,), name=f"{self.name}-log", daemon=True)
        self._reader.start()

    def _drain(self, stream: IO[str]) -> None:
        """Read the server's output for its whole life, so a full pipe can never stall it."""
        for line in stream:
            self._log.append(line.rstrip())
            if READY_LINE in line:
                self._started += 1
                if self._started >= self.workers:
                    self._ready.set()

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait for one "Application startup complete" per worker and a listening port, or fail with the log.

        The port is checked too because a single-worker uvicorn binds only after startup.
        """
        deadline = time.monotonic() + timeout
        while not (self._ready.wait(0.1) and self._listening()):
            code = self._proc.poll() if self._proc else None
            if code is not None:
                raise BenchError(f"{self.name} server exited with code {code} before it was ready:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{self.name} server: {self._started}/{self.workers} workers ready after {timeout:.0f} s:\n"
                    f"{self.log_tail()}"
                )

    def _listening(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            return sock.connect_ex((HOST, self.port)) == 0

    @property
    def pgid(self) -> int:
        """The server's process group (its leader's pid), or 0 when not running."""
        return self._proc.pid if self._proc is not None else 0

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(f"  | {line}" for line in list(self._log)[-lines:])

    def stop(self) -> None:
        """SIGTERM the process group, then SIGKILL it if it has not gone in time."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(STOP_TIMEOUT)
        # Workers may outlive the supervisor: sweep the group whatever happened above.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        if self._reader is not None:
            self._reader.join(STOP_TIMEOUT)
        self._proc = None


def server_env(api_url: str, database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SLACK_API_URL=api_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONUNBUFFERED="1",
    )
    return env


def bare_server(api_url: str, tmp: Path, workers: int) -> Server:
    port = free_port()
    argv = [
        sys.executable, "-m", "uvicorn", "bench.bare_app:create_asgi", "--factory",
        "--host", HOST, "--port", str(port), "--workers", str(workers),
        "--loop", "uvloop", "--http", "httptools", "--no-access-log",
    ]  # fmt: skip
    return Server("bare", argv, server_env(api_url, tmp / "bare.db"), port, workers)


def rolecall_server(api_url: str, tmp: Path, workers: int) -> Server:
    port = free_port()
    argv = [sys.executable, "-m", "bot", "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    return Server("rolecall", argv, server_env(api_url, tmp / "rolecall.db"), port, workers)


# -- correctness -------------------------------------------------------------------


def post_once(url: str) -> tuple[int, str]:
    """One signed ``/role mle``: the status and the body."""
    request = urllib.request.Request(url, data=BODY.encode(), headers=slack_headers(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode("utf-8", errors="replace")
    except OSError as error:
        raise BenchError(f"{url}: {error}") from None


def check(server: Server) -> str:
    """Fail unless the server answers a signed request as it should; say what was seen."""
    status, body = post_once(server.url)
    if status != 200:
        raise BenchError(f"{server.name}: expected 200, got {status}: {body[:300]!r}\n{server.log_tail()}")
    if server.name == "rolecall":
        if CARD_TITLE not in body:
            raise BenchError(f"rolecall: the reply does not contain {CARD_TITLE!r}: {body[:300]!r}")
        return f'200, {len(body)}-byte JSON reply containing "{CARD_TITLE}"'
    return f"200, {len(body)}-byte reply (bare ack)"


# -- load --------------------------------------------------------------------------


@dataclass(frozen=True)
class CpuShare:
    """Cores busy during a run, split by who used them: the noise gauge of a shared machine."""

    server: float
    client: float
    others: float


class CpuMeter:
    """Samples /proc around a run: all CPU, the server's process group, the load generator's."""

    def __init__(self, server: Server, generator: Generator) -> None:
        self.server = server
        self.generator = generator
        self.hz = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _machine() -> int:
        """Busy jiffies of the whole machine, steal included (time the host gave to others)."""
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        return sum(fields) - fields[3] - fields[4]  # all but idle and iowait

    def _group(self) -> int:
        """utime + stime of every live process in the server's process group."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == self.server.pgid:
                total += int(fields[11]) + int(fields[12])
        return total

    def _client(self) -> float:
        """CPU seconds of the load generator: wrk is a reaped child, the fallback is this process."""
        who = resource.RUSAGE_CHILDREN if self.generator == "wrk" else resource.RUSAGE_SELF
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    def __enter__(self) -> CpuMeter:
        self._start = (time.monotonic(), self._machine(), self._group(), self._client())
        return self

    def __exit__(self, *exc: object) -> None:
        wall, machine, group, client = self._start
        wall = time.monotonic() - wall
        server = (self._group() - group) / self.hz / wall
        used = (self._machine() - machine) / self.hz / wall
        generator = (self._client() - client) / wall
        self.share = CpuShare(server, generator, max(0.0, used - server - generator))


@dataclass(frozen=True)
class Run:
    server: ServerName
    round: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    cpu: CpuShare | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def server_us(self) -> float | None:
        """Server CPU per request, in microseconds: steadier than req/s on a shared machine."""
        if self.cpu is None or self.requests == 0:
            return None
        return self.cpu.server * self.seconds / self.requests * 1e6


def lua_string(text: str) -> str:
    """``text`` as a Lua string literal."""
    escaped = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else f"\\{ord(ch):03d}" for ch in text)
    return f'"{escaped}"'


WRK_SCRIPT = """\
wrk.method = "POST"
wrk.body = {body}
{headers}

local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%.0f p99_us=%.0f\\n",
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""
WRK_RESULT = re.compile(
    r"RESULT requests=(\d+) duration_us=(\d+) non2xx=(\d+) socket_errors=(\d+) p50_us=(\d+) p99_us=(\d+)"
)


def wrk_script(tmp: Path) -> Path:
    """A Lua script posting the signed body; written per run, so the signature is fresh."""
    headers = "\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in slack_headers().items())
    path = tmp / "role.lua"
    path.write_text(WRK_SCRIPT.format(body=lua_string(BODY), headers=headers))
    return path


def run_wrk(server: Server, tmp: Path, connections: int, seconds: float, threads: int) -> Run:
    argv = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
        "-s", str(wrk_script(tmp)), server.url,
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BenchError(f"wrk failed: {error}") from None
    match = WRK_RESULT.search(done.stdout)
    if match is None:
        raise BenchError(f"wrk printed no result (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    requests, duration_us, non_2xx, errors, p50_us, p99_us = (int(g) for g in match.groups())
    return Run(server.name, 0, requests, duration_us / 1e6, p50_us / 1000, p99_us / 1000, non_2xx, errors)


def percentile(ordered: Sequence[int], pct: float) -> int:
    """Nearest-rank percentile of already sorted values."""
    if not ordered:
        return 0
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


@dataclass
class _Tally:
    latencies_ns: list[int]
    non_2xx: int = 0
    errors: int = 0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response: its status and whether the connection stays open."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    lines = head.split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip().lower()
    if "chunked" in fields.get("transfer-encoding", ""):
        while size := int((await reader.readline()).split(b";", 1)[0].strip() or b"0", 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    else:
        await reader.readexactly(int(fields.get("content-length", "0")))
    return status, fields.get("connection") != "close"


async def _connection(port: int, request: bytes, deadline: float, tally: _Tally) -> None:
    """One closed-loop connection: send, wait for the whole answer, repeat until the deadline."""
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    while time.monotonic() < deadline:
        try:
            if writer is None or reader is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            start = time.perf_counter_ns()
            writer.write(request)
            status, keep = await asyncio.wait_for(_read_response(reader), 5.0)
            tally.latencies_ns.append(time.perf_counter_ns() - start)
            if not 200 <= status < 300:
                tally.non_2xx += 1
            if not keep:
                writer.close()
                writer = reader = None
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
            tally.errors += 1
            if writer is not None:
                writer.close()
            writer = reader = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


async def _python_load(port: int, connections: int, seconds: float) -> tuple[_Tally, float]:
    headers = "".join(f"{k}: {v}\r\n" for k, v in slack_headers().items())
    request = (
        f"POST {PATH} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{headers}Content-Length: {len(BODY)}\r\n\r\n{BODY}"
    ).encode()
    tally = _Tally([])
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(_connection(port, request, deadline, tally) for _ in range(connections)))
    return tally, time.monotonic() - start


def run_python(server: Server, connections: int, seconds: float) -> Run:
    try:
        import uvloop

        tally, elapsed = uvloop.run(_python_load(server.port, connections, seconds))
    except ImportError:
        tally, elapsed = asyncio.run(_python_load(server.port, connections, seconds))
    ordered = sorted(tally.latencies_ns)
    return Run(
        server.name,
        0,
        len(ordered),
        elapsed,
        percentile(ordered, 50) / 1e6,
        percentile(ordered, 99) / 1e6,
        tally.non_2xx,
        tally.errors,
    )


def wrk_version() -> str | None:
    if shutil.which("wrk") is None:
        return None
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].split(" Copyright")[0].strip() if lines else "wrk"


def install_wrk() -> bool:
    """Try Debian's ``wrk`` once (refreshing the package lists if the first try fails)."""
    if shutil.which("apt-get") is None:
        return False
    print("wrk is not installed; trying apt-get install -y wrk ...", flush=True)
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    attempts = (install, ["apt-get", "update", "-q"], install)
    for argv in attempts:
        try:
            done = subprocess.run(argv, capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if argv[1] == "install" and done.returncode == 0:
            break
    return shutil.which("wrk") is not None


def pick_generator(choice: str, may_install: bool) -> tuple[Generator, str]:
    """The load generator to use, and how to describe it."""
    if choice in ("auto", "wrk"):
        version = wrk_version()
        if version is None and may_install and install_wrk():
            version = wrk_version()
        if version is not None:
            return "wrk", version
        if choice == "wrk":
            raise BenchError("wrk is not installed and could not be installed")
        print("wrk is unavailable; falling back to the asyncio load generator", flush=True)
    return "python", "asyncio raw-socket client (uvloop), in the benchmark's own process"


# -- report ------------------------------------------------------------------------


def row(label: str, run: Run) -> str:
    cpu = "-" * 6 + " " + "-" * 6 + " " + "-" * 6 + " " + "-" * 8
    if run.cpu is not None and run.server_us is not None:
        cpu = f"{run.cpu.server:>6.2f} {run.cpu.client:>6.2f} {run.cpu.others:>6.2f} {run.server_us:>8.0f}"
    return (
        f"{label:<10} {run.server:<9} {run.rps:>9.0f} {run.p50_ms:>8.2f} {run.p99_ms:>8.2f} "
        f"{run.requests:>9} {run.non_2xx:>8} {run.socket_errors:>7}  {cpu}"
    )


def best(runs: list[Run], name: ServerName) -> Run:
    """The run with the highest throughput (in a closed loop it has the lowest latency too)."""
    return max((r for r in runs if r.server == name), key=lambda r: r.rps)


HEADER = (
    f"{'run':<10} {'server':<9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'non-2xx':>8} {'sockerr':>7}"
    f"  {'srv':>6} {'client':>6} {'others':>6} {'srv us/r':>8}"
)
CPU_LEGEND = (
    "cores busy during each measured run: srv = the server's processes, client = the load generator, "
    "others = everything else on the machine (noise); srv us/r = server CPU microseconds per request"
)
NOISY_CORES = 0.25


def report(runs: list[Run], connections: int) -> None:
    bare, role = best(runs, "bare"), best(runs, "rolecall")
    print()
    print(f"best of {max(r.round for r in runs)} round(s), per server (highest throughput):")
    print(HEADER)
    print(row("best", bare))
    print(row("best", role))
    ratio = role.rps / bare.rps if bare.rps else 0.0
    print()
    print("ratios (RoleCall / bare):")
    print(f"  throughput  {ratio:.3f}")
    print(f"  p50         {role.p50_ms / bare.p50_ms if bare.p50_ms else 0.0:.3f}")
    print(f"  p99         {role.p99_ms / bare.p99_ms if bare.p99_ms else 0.0:.3f}")
    if role.server_us and bare.server_us:
        cost = min(r.server_us or math.inf for r in runs if r.server == "rolecall")
        base = min(r.server_us or math.inf for r in runs if r.server == "bare")
        print(f"  server CPU per request, lowest of the runs: {cost:.0f} / {base:.0f} us = {cost / base:.2f}")
    print()
    print("targets (reported, never enforced):")
    verdict = "met" if ratio >= TARGET_THROUGHPUT_RATIO else "NOT met"
    print(f"  RoleCall throughput >= {TARGET_THROUGHPUT_RATIO:.0%} of bare: {ratio:.1%} -> {verdict}")
    verdict = "met" if role.p99_ms < TARGET_P99_MS else "NOT met"
    note = "" if connections == TARGET_CONNECTIONS else f" (this run used {connections} connections)"
    print(
        f"  RoleCall p99 < {TARGET_P99_MS:.0f} ms at {TARGET_CONNECTIONS} connections: "
        f"{role.p99_ms:.2f} ms -> {verdict}{note}"
    )
    print(f"  (for reference, the bare app's p99 is {bare.p99_ms:.2f} ms)")
    noisy = [r for r in runs if r.cpu is not None and r.cpu.others > NOISY_CORES]
    if noisy:
        worst = max(r.cpu.others for r in noisy if r.cpu is not None)
        print(
            f"WARNING: other work used up to {worst:.2f} cores during {len(noisy)} of {len(runs)} run(s); "
            "the machine was shared, so the figures are noisy (best-of keeps the least disturbed run)."
        )
    bad = sum(r.non_2xx + r.socket_errors for r in runs)
    if bad:
        print(f"WARNING: {bad} non-2xx responses or socket errors during load; the figures above include them.")


# -- main --------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.role_bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=64, help="concurrent keep-alive connections (default 64)")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per run (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each run (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (default 2)")
    parser.add_argument("--rounds", type=int, default=2, help="bare/RoleCall pairs to alternate (default 2)")
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto", help="load generator")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1: leave cores to servers)")
    parser.add_argument("--no-install", action="store_true", help="do not try apt-get install wrk")
    return parser


def measure(generator: Generator, server: Server, tmp: Path, args: argparse.Namespace, seconds: float) -> Run:
    if not Path("/proc/stat").exists():
        return _load(generator, server, tmp, args, seconds)
    with CpuMeter(server, generator) as meter:
        run = _load(generator, server, tmp, args, seconds)
    return dataclasses.replace(run, cpu=meter.share)


def _load(generator: Generator, server: Server, tmp: Path, args: argparse.Namespace, seconds: float) -> Run:
    if generator == "wrk":
        return run_wrk(server, tmp, args.connections, seconds, args.wrk_threads)
    return run_python(server, args.connections, seconds)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if min(args.connections, args.workers, args.rounds, args.wrk_threads) < 1 or args.duration < 1:
        print("role_bench: --connections, --workers, --rounds, --wrk-threads and --duration must be >= 1")
        return 2
    try:
        generator, described = pick_generator(args.generator, not args.no_install)
        return _bench(args, generator, described)
    except BenchError as error:
        print(f"role_bench: could not run: {error}", file=sys.stderr)
        return 1


def _bench(args: argparse.Namespace, generator: Generator, described: str) -> int:
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp_name, FakeSlack() as fake:
        tmp = Path(tmp_name)
        servers = [bare_server(fake.api_url, tmp, args.workers), rolecall_server(fake.api_url, tmp, args.workers)]
        try:
            for server in servers:
                server.start()
            for server in servers:
                server.wait_ready()
            print("RoleCall benchmark: signed `/role mle` slash commands to POST /slack/events")
            print(
                f"stack (both): uvicorn --workers {args.workers}, uvloop + httptools, "
                "Starlette + AsyncSlackRequestHandler, AsyncApp(process_before_response=True)"
            )
            threads = f", {args.wrk_threads} thread(s)" if generator == "wrk" else ""
            print(f"load generator: {described}{threads}; closed loop, {args.connections} keep-alive connections")
            print(
                f"schedule: {args.rounds} round(s) of bare then RoleCall, each {args.warmup:g} s warm-up "
                f"(discarded) + {args.duration:g} s measured; best run per server reported"
            )
            for server in servers:
                print(f"correctness, {server.name}: {check(server)}")
            runs: list[Run] = []
            measured_auth_tests = 0
            print(CPU_LEGEND)
            print()
            print(HEADER)
            for number in range(1, args.rounds + 1):
                for server in servers:
                    if args.warmup > 0:
                        measure(generator, server, tmp, args, args.warmup)
                    before = len(fake.calls("auth.test"))
                    run = measure(generator, server, tmp, args, args.duration)
                    measured_auth_tests += len(fake.calls("auth.test")) - before
                    runs.append(dataclasses.replace(run, round=number))
                    print(row(f"round {number}", runs[-1]), flush=True)
                    if not server.alive():
                        raise BenchError(f"{server.name} server died during the run:\n{server.log_tail()}")
            report(runs, args.connections)
            # Bolt calls auth.test lazily, once per worker, but every request that arrives before the
            # first answer makes its own call: a burst during warm-up, none once warm.
            print(
                f"\nfake Slack Web API: {len(fake.calls())} call(s) in all "
                f"({len(fake.calls('auth.test'))} auth.test, mostly the first warm-up burst); "
                f"{measured_auth_tests} during measured runs"
            )
            return 0
        finally:
            for server in servers:
                server.stop()


if __name__ == "__main__":
    sys.exit(main())
