"""The two servers the bench compares, the signed ``/role mle`` both are sent, and the check that
each answers it as it should before any load.

Each server is uvicorn in its own process group, started and stopped like the tests'
``rolecall serve`` (``testkit.served``): ready once every worker has started and the socket
listens, stopped by signalling the whole group.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

from bench.role import BenchError
from testkit.served import Served, free_port, stop_process_group
from testkit.signing import command_form, signature

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
PATH = "/slack/events"
SIGNING_SECRET = "bench-secret"
BOT_TOKEN = "xoxb-bench"
CARD_TITLE = "Machine learning engineer"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
LOG_TAIL = 30

BODY = urlencode(command_form("/role", "mle", "http://127.0.0.1:1/response", user="U0001", channel="C0001"))
"""The slash command every request carries; answered inside the ack, so the response_url is never used."""

ServerName = Literal["bare", "rolecall"]


def slack_headers(body: str = BODY) -> dict[str, str]:
    """Headers of a freshly signed request; Bolt accepts the timestamp for 5 minutes."""
    now = int(time.time())
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": signature(body, now, SIGNING_SECRET),
    }


class Server:
    """One uvicorn server in its own process group, its output kept for error reports."""

    def __init__(self, name: ServerName, argv: list[str], env: dict[str, str], port: int, workers: int) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.port = port
        self.workers = workers
        self.url = f"http://{HOST}:{port}{PATH}"
        self._served: Served | None = None

    def start(self) -> None:
        process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,  # uvicorn and RoleCall log here; read for the server's whole life
            text=True,
            start_new_session=True,  # its own process group, so stop() reaches every worker
        )
        self._served = Served(process, self.port, self.workers, self.name)

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait for every worker's "Application startup complete" and the listening socket, or fail with the log."""
        served = self._running()
        try:
            served.wait_ready(timeout)
        except RuntimeError:
            code = served.process.poll()
            if code is not None:
                raise BenchError(
                    f"{self.name} server exited with code {code} before it was ready:\n{self.log_tail()}"
                ) from None
            raise BenchError(
                f"{self.name} server: not ready after {timeout:.0f} s ({self.workers} worker(s)):\n{self.log_tail()}"
            ) from None

    def _running(self) -> Served:
        if self._served is None:
            raise BenchError(f"{self.name} server was not started")
        return self._served

    @property
    def pgid(self) -> int:
        """The server's process group (its leader's pid), or 0 when not running."""
        return self._served.process.pid if self._served is not None else 0

    def alive(self) -> bool:
        return self._served is not None and self._served.process.poll() is None

    def log_tail(self, lines: int = LOG_TAIL) -> str:
        output = self._served.output if self._served is not None else []
        return "\n".join(f"  | {line.rstrip()}" for line in output[-lines:])

    def stop(self) -> None:
        """SIGTERM the process group, SIGKILL it if it has not gone in time, and sweep it."""
        if self._served is not None:
            stop_process_group(self._served.process, self._served.reader, STOP_TIMEOUT)
            self._served = None


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
