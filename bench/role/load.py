"""The load on one server: a closed loop of keep-alive connections posting the signed ``/role mle``,
from ``wrk`` (C, cheap on CPU; installed from Debian if missing) or, failing that, an asyncio
raw-socket client in this process. Each measured run also records which cores were busy, so a
noisy neighbour shows in the figures.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import os
import re
import resource
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bench.role import BenchError
from bench.role.servers import BODY, HOST, PATH, Server, ServerName, slack_headers

Generator = Literal["wrk", "python"]


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


def measure(generator: Generator, server: Server, tmp: Path, connections: int, wrk_threads: int, seconds: float) -> Run:
    """One run of ``seconds`` against ``server``, with the CPU it took where /proc can tell."""
    if not Path("/proc/stat").exists():
        return _load(generator, server, tmp, connections, wrk_threads, seconds)
    with CpuMeter(server, generator) as meter:
        run = _load(generator, server, tmp, connections, wrk_threads, seconds)
    return dataclasses.replace(run, cpu=meter.share)


def _load(generator: Generator, server: Server, tmp: Path, connections: int, wrk_threads: int, seconds: float) -> Run:
    if generator == "wrk":
        return run_wrk(server, tmp, connections, seconds, wrk_threads)
    return run_python(server, connections, seconds)
