"""The ``rolecall`` command as an operator runs it: exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot import __version__
from bot.catalog import BUNDLED_DIR
from tests.conftest import PACK_VERSION
from tests.e2e.conftest import rolecall


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


def test_console_answers_mentions_again_in_a_later_run_on_the_same_database(tmp_path: Path) -> None:
    """Answered event ids are remembered in the database; each console run must use new ones."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'again.db'}"}
    for _ in range(2):
        done = rolecall("console", stdin="@rolecall what does a data scientist do?\n@RoleCall hi\n", env=env)
        assert done.returncode == 0, done.stderr
        assert "Data scientist\n=====" in done.stdout
        replies = [line for line in done.stdout.splitlines() if not line.startswith("> ")]
        assert "Ask me about a role" in done.stdout and "@rolecall hi" not in "\n".join(replies).casefold()
