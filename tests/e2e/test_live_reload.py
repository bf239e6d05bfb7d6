"""Live reload through a real two-worker ``rolecall serve``: every worker picks up an edited
pack on its own, refuses a broken one with its ``path:line: CODE`` lines, and reloads on SIGHUP.

Nothing sleeps: each wait asks ``/healthz`` (which names the worker's pid) until every worker
answers as expected, within a deadline."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.catalog import BUNDLED_DIR
from testkit.served import Served, serve, stop_process_group
from testkit.signing import SlackSender
from testkit.slack_api import FakeSlack
from testkit.socket_mode import SocketModeServer
from tests.conftest import PACK_VERSION, ROOT, serve_env
from tests.e2e.socket_app import socket_env, start_socket

WORKERS = 2
NEW_VERSION = "99.0.0"


def _health(served: Served) -> dict[str, object]:
    with urllib.request.urlopen(f"{served.base_url}/healthz", timeout=5) as answer:  # a new connection each time
        return dict(json.loads(answer.read()))


def wait_workers(served: Served, holds: Callable[[str], bool], deadline: float = 30.0) -> dict[int, str]:
    """Ask /healthz until every worker has answered and each one's latest version ``holds``."""
    latest: dict[int, str] = {}
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        health = _health(served)
        latest[int(str(health["pid"]))] = str(health["content_version"])
        if len(latest) == WORKERS and all(holds(version) for version in latest.values()):
            return latest
    raise AssertionError(f"workers did not all get there within {deadline} s: {latest}\n" + "".join(served.output))


def bump(root: Path, version: str, summary: str) -> None:
    """A new version (with its changelog entry) and a new summary on the MLE card."""
    info = root / "pack.yml"
    text = info.read_text(encoding="utf-8")
    text = text.replace(f"version: {PACK_VERSION}\n", f"version: {version}\n", 1)
    text = text.replace(
        "changelog:\n", f'changelog:\n  - version: {version}\n    date: 2026-12-01\n    changes: ["{summary}"]\n', 1
    )
    info.write_text(text, encoding="utf-8")
    card = root / "roles" / "mle.yml"
    lines = card.read_text(encoding="utf-8").splitlines(keepends=True)
    card.write_text("".join(f"summary: {summary}\n" if line.startswith("summary:") else line for line in lines))


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(BUNDLED_DIR, root)
    return root


@contextmanager
def _served(fake: FakeSlack, tmp_path: Path, pack_dir: Path, poll: str) -> Iterator[Served]:
    env = serve_env(fake, tmp_path, ROLECALL_CONTENT_DIR=str(pack_dir), ROLECALL_CONTENT_POLL=poll)
    with serve(env, ROOT, ("--no-scheduler",), workers=WORKERS) as served:
        yield served


def test_every_worker_reloads_an_edited_pack_and_refuses_a_broken_one(
    fake_slack: FakeSlack, tmp_path: Path, pack_dir: Path
) -> None:
    with _served(fake_slack, tmp_path, pack_dir, poll="0.2") as served:
        assert set(wait_workers(served, lambda v: v == PACK_VERSION).values()) == {PACK_VERSION}
        bump(pack_dir, NEW_VERSION, "Ships models, freshly reloaded.")
        wait_workers(served, lambda v: v == NEW_VERSION)
        reply = SlackSender(served.base_url, fake_slack.response_url("r1")).command("/role", "mle").json()
        assert "Ships models, freshly reloaded." in json.dumps(reply)
        assert f"v{NEW_VERSION}" in json.dumps(reply)

        (pack_dir / "roles" / "mle.yml").write_text("id: mle\n", encoding="utf-8")
        served.wait_logged("roles/mle.yml:1: RC002 title: Field required", count=WORKERS)
        served.wait_logged(f"still serving v{NEW_VERSION}", count=WORKERS)
        assert set(wait_workers(served, lambda v: True).values()) == {NEW_VERSION}


def test_sighup_reloads_every_worker_without_restarting_it(
    fake_slack: FakeSlack, tmp_path: Path, pack_dir: Path
) -> None:
    with _served(fake_slack, tmp_path, pack_dir, poll="0") as served:  # no polling: only the signal reloads
        before = wait_workers(served, lambda v: v == PACK_VERSION)
        bump(pack_dir, NEW_VERSION, "Reloaded by a signal.")
        os.kill(served.process.pid, signal.SIGHUP)
        after = wait_workers(served, lambda v: v == NEW_VERSION)
        assert set(after) == set(before), "the same worker processes serve the new pack"
        assert served.process.poll() is None


def test_rolecall_socket_reloads_on_sighup(tmp_path: Path, pack_dir: Path) -> None:
    with FakeSlack() as slack, SocketModeServer() as ws:
        slack.answer("apps.connections.open", {"ok": True, "url": ws.url})
        env = {**socket_env(slack, tmp_path), "ROLECALL_CONTENT_DIR": str(pack_dir), "ROLECALL_CONTENT_POLL": "0"}
        started = start_socket(env, f"serving v{NEW_VERSION}")
        try:
            ws.wait_connected(timeout=30)  # the SIGHUP handler is installed before it connects
            bump(pack_dir, NEW_VERSION, "Reloaded over Socket Mode.")
            os.kill(started.process.pid, signal.SIGHUP)
            assert started.seen.wait(timeout=30) and started.process.poll() is None, "".join(started.output)
        finally:
            stop_process_group(started.process, started.reader)
