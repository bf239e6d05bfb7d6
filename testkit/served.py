"""Run ``rolecall serve`` as a real subprocess and know when it is ready, without sleeping."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LISTENING = "Uvicorn running on"
"""Logged once the socket listens: after startup with one worker, before the workers with several."""
STARTED = "Application startup complete"
"""Logged by each worker once its lifespan (pack, database, scheduler) is up."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A running uvicorn server (``rolecall serve``, or the bench's bare app); ``output`` holds its
    stderr lines so tests can assert on logs."""

    def __init__(self, process: subprocess.Popen[str], port: int, workers: int, name: str = "rolecall serve") -> None:
        self.process = process
        self.name = name
        self._waiting_for = workers + 1  # every worker's startup, and the listening socket
        self.base_url = f"http://127.0.0.1:{port}"
        self.output: list[str] = []
        self._logged = threading.Condition()
        self._ended = False
        self._ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._logged:
                self.output.append(line)
                self._logged.notify_all()
            if LISTENING in line or STARTED in line:
                self._waiting_for -= 1
                if self._waiting_for == 0:
                    self._ready.set()
        with self._logged:
            self._ended = True
            self._logged.notify_all()
        self._ready.set()  # the process ended: let the waiters see why

    def wait_logged(self, text: str, count: int = 1, timeout: float = 20.0) -> list[str]:
        """Block until ``count`` log lines contain ``text``; return them all."""
        with self._logged:
            self._logged.wait_for(lambda: self._ended or sum(text in line for line in self.output) >= count, timeout)
            found = [line for line in self.output if text in line]
        assert len(found) >= count, f"expected {count} log lines with {text!r}:\n" + "".join(self.output)
        return found

    def wait_ready(self, timeout: float = 30.0) -> None:
        if not self._ready.wait(timeout) or self.process.poll() is not None:
            raise RuntimeError(f"{self.name} did not start:\n" + "".join(self.output))


def stop_process_group(process: subprocess.Popen[str], reader: threading.Thread, timeout: float = 10.0) -> None:
    """SIGTERM the whole group (uvicorn's workers too), SIGKILL if it lingers, then drain stderr.

    The group is swept with SIGKILL whatever happened, since a worker may outlive its supervisor."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    reader.join(timeout=timeout)
    if process.stderr is not None:
        process.stderr.close()


def start_serve(env: dict[str, str], cwd: Path, args: tuple[str, ...] = (), workers: int = 1) -> Served:
    """``rolecall serve`` on a free port, returned once every worker has started; the caller
    stops it (``stop_process_group``), or watches how it stops."""
    port = free_port()
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(
        [*command, *args],
        env={**os.environ, **env},
        cwd=cwd,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    served = Served(process, port, workers)
    try:
        served.wait_ready()
    except BaseException:
        stop_process_group(process, served.reader)
        raise
    return served


@contextmanager
def serve(env: dict[str, str], cwd: Path, args: tuple[str, ...] = (), workers: int = 1) -> Iterator[Served]:
    """``rolecall serve`` on a free port, ready once every worker has started; stopped after."""
    served = start_serve(env, cwd, args, workers)
    try:
        yield served
    finally:
        stop_process_group(served.process, served.reader)
