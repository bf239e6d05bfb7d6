"""`rolecall report gaps|usage` and the retention sweep, on a SQLite file of their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.digests.scheduler import prune
from bot.runtime.app import build_forget, build_services
from bot.runtime.cli import main
from bot.settings import load_settings
from bot.store.votes import Vote, Votes


@pytest.fixture
def votes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Votes:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'rolecall.db'}")
    monkeypatch.setenv("ROLECALL_RETENTION_DAYS", "30")
    return Votes(build_services(load_settings()).store)


def _vote(question: str, vote: str) -> Vote:
    return Vote("T1", question, "role:mle", "sure", vote, "1.3.0")


def test_gaps_lists_the_questions_voted_not_asked_since_a_date(
    votes: Votes, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    votes.record(_vote("who owns the GPUs", "not_asked"), now)
    votes.record(_vote("what is a visa", "not_asked"), now - timedelta(days=20))
    votes.record(_vote("what is an mle", "helpful"), now)
    assert main(["report", "gaps", "--since", (now - timedelta(days=1)).date().isoformat()]) == 0
    out = capsys.readouterr().out
    assert "who owns the GPUs" in out and "role:mle" in out
    assert "what is a visa" not in out and "what is an mle" not in out
    assert "1 question(s)" in out


def test_usage_counts_votes_per_topic(votes: Votes, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    for vote in ("helpful", "helpful", "not_asked"):
        votes.record(_vote("what is an mle", vote), now)
    assert main(["report", "usage"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("role:mle"))
    assert row.split()[-3:] == ["sure", "2", "1"]


def test_the_retention_sweep_deletes_votes_older_than_the_setting(votes: Votes) -> None:
    now = datetime.now(UTC)
    votes.record(_vote("old", "not_asked"), now - timedelta(days=31))
    votes.record(_vote("kept", "not_asked"), now - timedelta(days=29))
    prune(build_forget(build_services(load_settings())))
    assert [gap.question for gap in votes.gaps()] == ["kept"]


def test_a_failing_sweep_is_logged_and_waits_for_the_next_day(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> int:
        raise OSError("database down")

    prune(broken)
    assert "nothing deleted this time (OSError)" in caplog.text
