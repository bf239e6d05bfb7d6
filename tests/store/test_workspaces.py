"""Two workspaces side by side in one database: neither can see or change the other's
subscriptions, ledger or language choices, even where their channel and user ids coincide
(ids are unique only within a workspace). On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from bot.digests.schedule import Schedule
from bot.settings import Settings
from bot.store import Store
from bot.store.installations import RESUMED_BY_INSTALL, TOKENS_REVOKED, UNINSTALLED, bot_token, forget_workspace
from bot.store.languages import LanguagePrefs
from bot.store.tables import bots

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
MON = Schedule(0, time(9, 0), "UTC")
FRI = Schedule(4, time(17, 0), "Europe/London")


def test_the_same_channel_id_in_two_workspaces_is_two_subscriptions(store: Store) -> None:
    a = store.subscribe("TA", "C1", MON, "en", "U1", NOW)
    b = store.subscribe("TB", "C1", FRI, "fa", "U1", NOW)
    assert a.id != b.id
    assert store.unsubscribe("TA", "C1", "U1", NOW)
    still = store.get("TB", "C1")
    assert still is not None and (still.state, still.weekday, still.language) == ("active", 4, "fa")
    gone = store.get("TA", "C1")
    assert gone is not None and gone.state == "off"
    assert store.get("TC", "C1") is None


def test_a_ledger_claim_in_one_workspace_leaves_the_other_due(store: Store) -> None:
    a = store.subscribe("TA", "C1", MON, "en", "U1", NOW)
    b = store.subscribe("TB", "C1", MON, "en", "U1", NOW)
    occurrence = NOW + timedelta(hours=1)
    assert store.claim(a.id, occurrence, "x", 0, "me", NOW + timedelta(minutes=5), NOW)
    assert store.ledger_row(b.id, occurrence) is None
    assert store.claim(b.id, occurrence, "x", 0, "me", NOW + timedelta(minutes=5), NOW)
    assert {row.subscription_id for row in store.ledger_rows()} == {a.id, b.id}


def test_language_choices_are_per_workspace(store: Store) -> None:
    prefs = LanguagePrefs(store, background=False)
    prefs.set("TA", "U1", "fa")
    prefs.set("TB", "U1", "en")
    fresh = LanguagePrefs(store, background=False)
    fresh.preload()
    assert (fresh.get("TA", "U1"), fresh.get("TB", "U1"), fresh.get("TC", "U1")) == ("fa", "en", None)


def _install(store: Store, team: str, token: str, enterprise: str | None = None, org_wide: bool = False) -> None:
    with store.engine.begin() as db:
        db.execute(
            bots.insert().values(
                client_id="CID",
                app_id="A1",
                enterprise_id=enterprise,
                team_id=None if org_wide else team,
                bot_token=token,
                is_enterprise_install=org_wide,
                installed_at=datetime(2026, 1, 1),
            )
        )


def test_each_workspace_has_its_own_token_and_an_org_install_covers_its_workspaces(store: Store) -> None:
    _install(store, "TA", "xoxb-a")
    _install(store, "TB", "xoxb-b")
    _install(store, "", "xoxb-org", enterprise="E1", org_wide=True)
    assert bot_token(store, "CID", "TA") == "xoxb-a"
    assert bot_token(store, "CID", "TB") == "xoxb-b"
    assert bot_token(store, "CID", "TG", "E1") == "xoxb-org"
    assert bot_token(store, "CID", "TG") is None
    assert bot_token(store, "OTHER-APP", "TA") is None


def test_uninstall_forgets_one_workspace_and_a_reinstall_resumes_only_what_it_paused(store: Store) -> None:
    _install(store, "TA", "xoxb-a")
    _install(store, "TB", "xoxb-b")
    a1 = store.subscribe("TA", "C1", MON, "en", "U1", NOW)
    a2 = store.subscribe("TA", "C2", MON, "en", "U1", NOW)
    store.subscribe("TB", "C1", MON, "en", "U1", NOW)
    store.pause(a2.id, "is_archived", NOW)
    later = NOW + timedelta(days=3)
    assert forget_workspace(store, "CID", "TA", UNINSTALLED, later) == 1
    assert bot_token(store, "CID", "TA") is None and bot_token(store, "CID", "TB") == "xoxb-b"
    states = {(s.team_id, s.channel_id): (s.state, s.pause_reason) for s in store.subscriptions()}
    assert states == {
        ("TA", "C1"): ("paused", UNINSTALLED),
        ("TA", "C2"): ("paused", "is_archived"),
        ("TB", "C1"): ("active", None),
    }
    assert store.resume_workspace("TA", RESUMED_BY_INSTALL, later) == 1
    back = store.get("TA", "C1")
    archived = store.get("TA", "C2")
    assert back is not None and back.id == a1.id and back.state == "active" and back.active_from == later
    assert archived is not None and archived.pause_reason == "is_archived"  # not the install's to lift
    assert TOKENS_REVOKED in RESUMED_BY_INSTALL


@pytest.mark.parametrize("admins", ["T123:U456", "U456,T123:W789", "E1:U456"])
def test_admins_may_name_a_workspace(admins: str) -> None:
    assert Settings(rolecall_admins=admins).admins == frozenset(admins.split(","))


@pytest.mark.parametrize("admins", ["x123:U456", "T12-3:U456", "T123:", "T123:C456"])
def test_a_malformed_workspace_admin_is_refused(admins: str) -> None:
    with pytest.raises(ValidationError):
        Settings(rolecall_admins=admins)
