"""The ``rolecall`` command as an operator runs it: exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot import __version__
from bot.catalog import BUNDLED_DIR
from testkit.served import free_port
from tests.conftest import PACK_VERSION, ROOT
from tests.e2e.conftest import CLEAN_ENV, rolecall


def test_version_and_a_bare_rolecall_print_what_it_is() -> None:
    version = rolecall("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"rolecall {__version__}"
    bare = rolecall()
    assert bare.returncode == 0 and "console" in bare.stdout and "serve" in bare.stdout


def test_validate_bundled_pack() -> None:
    done = rolecall("content", "validate")
    assert done.returncode == 0 and f"ok, pack rolecall-core v{PACK_VERSION}" in done.stdout


def test_validate_bad_pack_prints_file_line_code_and_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BUNDLED_DIR, root)
    (root / "roles/mle.yml").write_text("id: mle\n")
    done = rolecall("content", "validate", str(root))
    assert done.returncode == 1
    assert "content/roles/mle.yml:1: RC002 title: Field required" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_shows_paths_as_given_relative_stays_relative(tmp_path: Path) -> None:
    root = tmp_path / "elsewhere" / "pack"
    shutil.copytree(BUNDLED_DIR, root)
    (root / "roles/mle.yml").write_text("id: mle\n")
    given = os.path.relpath(root, ROOT)
    done = rolecall("content", "validate", given)
    assert done.returncode == 1
    assert f"{given}/roles/mle.yml:1: RC002 title: Field required" in done.stderr.splitlines()


def test_a_pack_missing_after_a_non_editable_install_says_how_to_fix_it(tmp_path: Path) -> None:
    """Installed without ``-e``, the package sits in site-packages and the bundled content/ is not
    beside it: here the package is copied alone, as such an install would place it."""
    site = tmp_path / "site-packages"
    for package in ("bot", "handlers"):
        shutil.copytree(ROOT / package, site / package, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "content", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**CLEAN_ENV, "PYTHONPATH": str(site)},
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    problem, _ = done.stderr.strip().splitlines()
    assert str(site / "content") in problem and "RC006" in problem
    assert "pip install -e ." in problem and "ROLECALL_CONTENT_DIR" in problem


def test_schema_is_json_schema_for_each_kind() -> None:
    schema = json.loads(rolecall("content", "schema").stdout)
    assert set(schema) == {"pack", "role", "team", "explainer"}
    assert schema["role"]["additionalProperties"] is False


def test_serve_without_signing_secret_exits_2_with_one_line() -> None:
    done = rolecall("serve", env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "rolecall: SLACK_SIGNING_SECRET is not set; set it to the Signing Secret from the app's Basic Information page."
    ]


def test_malformed_variable_exits_2_and_never_prints_the_token() -> None:
    done = rolecall("serve", env={"SLACK_BOT_TOKEN": "not-a-token-secret123", "SLACK_SIGNING_SECRET": "s"})
    assert done.returncode == 2 and "SLACK_BOT_TOKEN is invalid" in done.stderr
    assert "secret123" not in done.stderr


SERVE_ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line an operator gets for a configuration mistake, with exit code 2."""
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("rolecall: "), line
    return line


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgres://rc:hunter2@db.example/rolecall", "unsupported database ('postgres')"),
        ("mysql://rc:hunter2@db.example/rolecall", "unsupported database ('mysql')"),
        ("postgresql+psycopg://rc:hunter2@db.example:port/rolecall", "is not a database URL"),
        (
            "postgresql+psycopg2://rc:hunter2@db.example/rolecall",
            "'postgresql+psycopg2' driver",
        ),
        ("postgresql+psycopg://rc:hunter2@127.0.0.1:1/rolecall", "cannot reach the database"),
    ],
)
@pytest.mark.parametrize("command", ["db upgrade", "serve --host 127.0.0.1 --port"])
def test_a_bad_database_url_is_one_line_and_exit_2_without_the_password(url: str, says: str, command: str) -> None:
    args = command.split() + ([str(free_port())] if command.endswith("--port") else [])
    line = _one_line(rolecall(*args, env={**SERVE_ENV, "DATABASE_URL": url}))
    assert "DATABASE_URL" in line or "database" in line
    assert says in line and "hunter2" not in line


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_a_port_out_of_range_is_one_line_and_exit_2(port: str, tmp_path: Path) -> None:
    env = {**SERVE_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    line = _one_line(rolecall("serve", "--port", port, env=env))
    assert f"--port {port} is out of range" in line


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        env = {**SERVE_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
        line = _one_line(rolecall("serve", "--host", "127.0.0.1", "--port", port, env=env))
    assert f"cannot listen on 127.0.0.1:{port}" in line and "in use" in line


def test_serve_refuses_a_bad_pack(tmp_path: Path) -> None:
    (tmp_path / "pack.yml").write_text("id: x\n")
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "ROLECALL_CONTENT_DIR": str(tmp_path)}
    done = rolecall("serve", env=env)
    assert done.returncode == 1 and "RC006 missing folder roles/" in done.stderr


def test_socket_needs_an_app_token() -> None:
    done = rolecall("socket", env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert done.returncode == 2 and "SLACK_APP_TOKEN is not set" in done.stderr


def test_console_runs_piped_lines_through_the_app_offline(tmp_path: Path) -> None:
    lines = "/role mle\n/teams embedded\n@rolecall what does a data scientist do?\n/role <!channel>\n\n"
    done = rolecall("console", stdin=lines, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Machine learning engineer\n=====" in out
    assert "Embedded cross-functional team" in out or "Embedded" in out
    assert "Data scientist\n=====" in out
    assert "I don't know a role called “<!channel>”" in out
    assert "ERROR" not in done.stderr


def test_console_quotes_what_was_typed_as_typed(tmp_path: Path) -> None:
    """The console delivers a line as Slack would, escaped, so the reply reads back the same text."""
    done = rolecall(
        "console", stdin="@rolecall pizza <b> & co?\n", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}"}
    )
    assert done.returncode == 0, done.stderr
    assert "pizza <b> & co?" in done.stdout and "&amp;" not in done.stdout


def test_console_answers_mentions_again_in_a_later_run_on_the_same_database(tmp_path: Path) -> None:
    """Answered event ids are remembered in the database; each console run must use new ones."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'again.db'}"}
    for _ in range(2):
        done = rolecall("console", stdin="@rolecall what does a data scientist do?\n@RoleCall hi\n", env=env)
        assert done.returncode == 0, done.stderr
        assert "Data scientist\n=====" in done.stdout
        replies = [line for line in done.stdout.splitlines() if not line.startswith("> ")]
        assert "Ask me about a role" in done.stdout and "@rolecall hi" not in "\n".join(replies).casefold()
