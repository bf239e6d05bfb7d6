"""Run ``rolecall serve`` as a real subprocess and know when it is ready, without sleeping."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READY = "Uvicorn running on"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A running server; ``output`` holds its stderr lines so tests can assert on logs."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.base_url = f"http://127.0.0.1:{port}"
        self.output: list[str] = []
        self._ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.output.append(line)
            if READY in line:
                self._ready.set()
        self._ready.set()  # the process ended: let the waiter see why

    def wait_ready(self, timeout: float = 30.0) -> None:
        if not self._ready.wait(timeout) or self.process.poll() is not None:
            raise RuntimeError("rolecall serve did not start:\n" + "".join(self.output))


@contextmanager
def serve(env: dict[str, str], cwd: Path, args: tuple[str, ...] = ()) -> Iterator[Served]:
    port = free_port()
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(
        [*command, *args],
        env={**os.environ, **env},
        cwd=cwd,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    served = Served(process, port)
    try:
        served.wait_ready()
        yield served
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        served.reader.join(timeout=10)
        if process.stderr is not None:
            process.stderr.close()
