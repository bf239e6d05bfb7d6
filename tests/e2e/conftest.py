"""Running ``rolecall`` as an operator does: a subprocess with only the variables a test gives it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ROLECALL_", "DATABASE_URL"))}


def rolecall(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, **(env or {})},
        timeout=60,
    )
