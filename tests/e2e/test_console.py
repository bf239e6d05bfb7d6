"""``rolecall console`` as a newcomer meets it: piped, and at a real terminal (a pseudo-terminal).

Terminal tests wait for what the console prints, with a deadline, never for a fixed time.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {
    k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ROLECALL_", "DATABASE_URL", "NO_COLOR"))
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def console(stdin: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'console.db'}", **env},
        timeout=60,
    )


def test_piped_lines_are_echoed_before_their_replies_and_end_with_exit_0(tmp_path: Path) -> None:
    done = console("/role mle\n\n/teams infra\n", tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("> /role mle\nMachine learning engineer\n=====")
    assert "\n> /teams infra\nInfrastructure / platform team\n" in out
    assert not ANSI.search(out), "piped output carries no escape codes"


def test_buttons_are_numbered_and_typing_the_number_presses_it(tmp_path: Path) -> None:
    done = console("/role engineer\n3\n1\n", tmp_path)
    assert done.returncode == 0, done.stderr
    choices, opened, shared = done.stdout.split("\n> ")[:3]
    assert "won't guess" in choices and "[3] Open" in choices
    assert opened.startswith("3\nML accelerator / hardware engineer\n====")
    assert "[1] Share in channel" in opened
    assert shared.startswith("1\nPosted in the channel, for everyone:")
    assert "Shared by <@UCONSOLE>" in shared


def test_a_number_with_no_button_says_so(tmp_path: Path) -> None:
    done = console("7\n/teams\n9\n", tmp_path)
    assert done.stdout.count("There is no button") == 2


@pytest.mark.parametrize(("typed", "suggested"), [("/roles", "/role"), ("/team", "/teams"), ("/digests", "/digest")])
def test_a_mistyped_command_suggests_the_right_one(tmp_path: Path, typed: str, suggested: str) -> None:
    out = console(f"{typed} mle\n", tmp_path).stdout
    assert f"There is no {typed} command. Did you mean {suggested}?" in out
    assert "I'm not sure how to answer" not in out, "it must not be read as a question"


def test_help_lists_what_can_be_typed_and_exit_stops_reading(tmp_path: Path) -> None:
    done = console("help\nexit\n/role mle\n", tmp_path)
    assert done.returncode == 0
    assert "/role [name | compare a b | help]" in done.stdout
    assert "Machine learning engineer\n===" not in done.stdout


class Terminal:
    """The console on a pseudo-terminal that is its controlling terminal, so Ctrl-C and Ctrl-D
    mean what they mean to a person at a keyboard."""

    def __init__(self, process: subprocess.Popen[bytes], master: int) -> None:
        self.process = process
        self.master = master
        self.raw = b""
        self.read_up_to = 0

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def transcript(self) -> str:
        """Everything the terminal showed, escape codes included."""
        return self.raw.decode(errors="replace")

    def expect(self, pattern: str, timeout: float = 20.0) -> str:
        """Read until ``pattern`` appears in what arrived since the last expect; return that."""
        deadline = time.monotonic() + timeout
        while True:
            text = ANSI.sub("", self.raw[self.read_up_to :].decode(errors="replace")).replace("\r", "")
            if re.search(pattern, text):
                self.read_up_to = len(self.raw)
                return text
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {pattern!r}; the terminal shows:\n{text[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:  # the console exited and the terminal closed
                    raise AssertionError(f"console ended before {pattern!r}:\n{text[-2000:]}") from None

    def exit_code(self, timeout: float = 10.0) -> int:
        """Wait for the console to end, draining the terminal so it never blocks on output."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return self.process.returncode
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                with contextlib.suppress(OSError):
                    self.raw += os.read(self.master, 65536)
        raise AssertionError("the console did not exit")


def _take_the_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty on stdin, so the
    terminal turns Ctrl-C into SIGINT for it, as a real one does."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@contextmanager
def terminal(tmp_path: Path, **env: str) -> Iterator[Terminal]:
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**CLEAN_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'tty.db'}", "TERM": "xterm", **env},
        preexec_fn=_take_the_terminal,
    )
    os.close(slave)
    tty = Terminal(process, master)
    try:
        yield tty
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        os.close(master)


def test_at_a_terminal_up_arrow_recalls_history_and_ctrl_c_clears_the_line(tmp_path: Path) -> None:
    with terminal(tmp_path) as tty:
        tty.expect(r"rolecall> ")
        tty.send("/teams infra\r")
        tty.expect(r"Infrastructure / platform team\n=+[\s\S]*rolecall> ")
        tty.send("half a line\x03")
        tty.expect(r"rolecall> ")
        tty.send("\x1b[A\r")  # Up arrow, then Enter: the last line again, not "^[[A"
        shown = tty.expect(r"Infrastructure / platform team\n=+[\s\S]*rolecall> ")
        assert "^[[A" not in shown and "half a line" not in shown.split("Infrastructure")[-1]
        tty.send("\x04")  # Ctrl-D
        assert tty.exit_code() == 0


def test_at_a_terminal_exit_quits_with_0(tmp_path: Path) -> None:
    with terminal(tmp_path) as tty:
        tty.expect(r"rolecall> ")
        tty.send("/role mle\r")
        tty.expect(r"Content pack[\s\S]*rolecall> ")
        tty.send("exit\r")
        assert tty.exit_code() == 0


def test_colour_only_at_a_terminal_that_did_not_set_no_color(tmp_path: Path) -> None:
    for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
        with terminal(tmp_path, **env) as tty:
            tty.expect(r"rolecall> ")
            tty.send("/role mle\r")
            tty.expect(r"Content pack[\s\S]*rolecall> ")
            tty.send("exit\r")
            assert tty.exit_code() == 0
            assert bool(ANSI.search(tty.transcript())) is coloured


def test_the_console_shows_persian_in_order_without_slacks_direction_marks(tmp_path: Path) -> None:
    done = console("/role دانشمند داده\n/role lang fa\n/teams\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "دانشمند داده\n=====" in done.stdout
    assert "\u202b" not in done.stdout and "\u202c" not in done.stdout
    assert "\u200c" in done.stdout, "zero-width non-joiners survive, so words join as written"
