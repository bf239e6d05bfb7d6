"""The database health check behind ``/healthz``: a hung or unreachable database is named at
once, and a recovered one is healthy again without a restart."""

from __future__ import annotations

from pathlib import Path

from bot.store import Limits, Store, make_engine
from bot.store.health import DatabaseCheck
from testkit.hang_proxy import HangProxy
from tests.waiting import outcome_within


def test_health_check_names_a_hung_database_within_a_second_and_recovers(postgres_url: str) -> None:
    with HangProxy.before(postgres_url) as proxy:
        engine = make_engine(proxy.url(postgres_url), Limits(connect=2, statement=1))
        check = DatabaseCheck(Store(engine))
        assert check.problem() is None
        proxy.freeze()
        assert outcome_within(2, check.problem) == "the database did not answer within 1 s"
        assert outcome_within(2, check.problem) == "the database did not answer within 1 s"
        proxy.thaw()
        assert outcome_within(3, check.problem) is None
        engine.dispose()


def test_health_check_names_an_unreachable_database(tmp_path: Path) -> None:
    check = DatabaseCheck(Store(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'rolecall.db'}")))
    assert check.problem() == "the database failed (OperationalError)"
