"""Many workspaces, through a real ``rolecall serve`` in OAuth mode against the fake Web API:
installing (and failing to), each request and each digest using its own workspace's token,
uninstalling and reinstalling."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.digests.schedule import Schedule
from bot.store import Store, make_engine
from bot.store.tables import bots, installations, oauth_states
from testkit.served import Served, serve
from testkit.signing import SIGNING_SECRET, SlackSender, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import ROOT
from tests.e2e.conftest import rolecall

CLIENT_ID = "111.222"
COOKIE = "slack-app-oauth-state"


def oauth_env(fake: FakeSlack, url: str) -> dict[str, str]:
    return {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": "client-secret",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": url,
    }


def _lower(headers: Any) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


class Browser:
    """What a person's browser does on the install pages: follow no redirects, keep the cookie."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookie = ""

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        request = urllib.request.Request(f"{self.base_url}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                status, body, found = answer.status, answer.read().decode(), _lower(answer.headers)
        except urllib.error.HTTPError as error:
            status, body, found = error.code, error.read().decode(), _lower(error.headers)
        set_cookie = found.get("set-cookie", "")
        if set_cookie.startswith(COOKIE + "="):
            self.cookie = set_cookie.split(";", 1)[0]
        return status, body, found

    def start_install(self) -> str:
        """Open /slack/install; the state Slack's consent page would send back."""
        status, body, _ = self.get("/slack/install")
        assert status == 200, body
        match = re.search(r"https://slack\.com/oauth/v2/authorize\?[^\"']*state=([\w-]+)", body)
        assert match, body
        assert f"client_id={CLIENT_ID}" in body
        assert self.cookie == f"{COOKIE}={match.group(1)}"
        return match.group(1)

    def install(self, fake: FakeSlack, team: str, token: str) -> tuple[int, str]:
        state = self.start_install()
        fake.add_workspace(f"code-{team}", team, token, team_name=f"Team {team}")
        status, body, _ = self.get(f"/slack/oauth_redirect?code=code-{team}&state={state}")
        return status, body


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as running:
        yield running


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('oauth') / 'rolecall.db'}"


@pytest.fixture(scope="module")
def oauth_server(fake: FakeSlack, database: str) -> Iterator[Served]:
    with serve(oauth_env(fake, database), ROOT, ("--no-scheduler",)) as served:
        yield served


@pytest.fixture
def store(database: str, oauth_server: Served) -> Iterator[Store]:
    engine = make_engine(database)
    yield Store(engine)
    engine.dispose()


def count(store: Store, table: Any, **where: str) -> int:
    query = select(func.count()).select_from(table).where(*(table.c[k] == v for k, v in where.items()))
    with store.engine.connect() as db:
        return int(db.execute(query).scalar_one())


def signed_event(server: Served, team: str, event: dict[str, Any], event_id: str) -> int:
    body = {
        "token": "legacy",
        "type": "event_callback",
        "team_id": team,
        "api_app_id": "A0ROLECALL",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
    }
    return SlackSender(server.base_url, "").post(json.dumps(body), "application/json").status


def test_install_stores_the_workspace_token_and_says_so(oauth_server: Served, fake: FakeSlack, store: Store) -> None:
    status, body = Browser(oauth_server.base_url).install(fake, "T0AAA", "xoxb-aaa")
    assert status == 200, body
    assert "RoleCall is installed" in body and "Team T0AAA" in body
    (access,) = [c for c in fake.calls("oauth.v2.access") if c.params.get("code") == "code-T0AAA"]
    assert access.headers["authorization"].startswith("Basic ")
    assert count(store, bots, team_id="T0AAA", bot_token="xoxb-aaa") == 1
    assert count(store, installations, team_id="T0AAA") == 1


@pytest.mark.parametrize(
    ("query", "status", "reason"),
    [
        ("error=access_denied&state={state}", 200, "cancelled on Slack's consent page"),
        ("code=code-T0BAD&state=forged-state", 401, "expired or was already used"),
        ("code=no-such-code&state={state}", 401, "did not accept the authorisation code"),
    ],
    ids=["denied", "forged-state", "oauth-access-fails"],
)
def test_a_failed_install_gets_a_clear_page_and_stores_nothing(
    oauth_server: Served, fake: FakeSlack, store: Store, query: str, status: int, reason: str
) -> None:
    browser = Browser(oauth_server.base_url)
    state = browser.start_install()
    if "forged" in query:
        browser.cookie = f"{COOKIE}=forged-state"  # the attacker's own cookie matches, the store knows no such state
        fake.add_workspace("code-T0BAD", "T0BAD", "xoxb-bad")
    got, body, headers = browser.get("/slack/oauth_redirect?" + query.format(state=state))
    assert got == status
    assert headers["content-type"].startswith("text/html")
    assert "RoleCall was not installed" in body and reason in body
    assert 'dir="rtl"' in body and "RoleCall نصب نشد" in body, "the page speaks Persian too"
    assert "Traceback" not in body
    assert count(store, bots, team_id="T0BAD") == 0
    assert count(store, installations, team_id="T0BAD") == 0


def test_a_state_is_good_once(oauth_server: Served, fake: FakeSlack, store: Store) -> None:
    browser = Browser(oauth_server.base_url)
    state = browser.start_install()
    assert count(store, oauth_states, state=state) == 1
    fake.add_workspace("code-T0ONCE", "T0ONCE", "xoxb-once")
    assert browser.get(f"/slack/oauth_redirect?code=code-T0ONCE&state={state}")[0] == 200
    fake.add_workspace("code-T0TWICE", "T0TWICE", "xoxb-twice")
    again, body, _ = browser.get(f"/slack/oauth_redirect?code=code-T0TWICE&state={state}")
    assert again == 401 and "already used" in body
    assert count(store, bots, team_id="T0TWICE") == 0


def test_each_request_is_answered_with_its_own_workspace_token(oauth_server: Served, fake: FakeSlack) -> None:
    browser = Browser(oauth_server.base_url)
    for team in ("T0ONE", "T0TWO"):
        assert browser.install(fake, team, f"xoxb-{team.lower()}")[0] == 200
    fake.clear()
    for n, team in enumerate(("T0ONE", "T0TWO", "T0ONE")):
        event = mention_event("<@UBOT> what does an mle do?", channel=f"C{team}", ts=f"1700000001.00010{n}")
        assert signed_event(oauth_server, team, event, f"EvTok{n}") == 200
    posts = fake.wait_for("chat.postMessage", count=3)
    checked = sorted(str(fake.team_of(c)) for c in fake.calls("auth.test"))
    assert checked == ["T0ONE", "T0TWO"], "a token's auth.test answer is remembered, not asked per request"
    assert sorted((c.params["channel"], fake.team_of(c)) for c in posts) == [
        ("CT0ONE", "T0ONE"),
        ("CT0ONE", "T0ONE"),
        ("CT0TWO", "T0TWO"),
    ]


def test_a_workspace_that_never_installed_gets_no_answer(oauth_server: Served, fake: FakeSlack) -> None:
    fake.clear()
    event = mention_event("<@UBOT> what does an mle do?", channel="CSTRANGER")
    status = signed_event(oauth_server, "T0STRANGER", event, "EvStranger")
    assert status == 200  # Bolt acknowledges, and stays silent without a token
    oauth_server.wait_logged("AuthorizeResult (returned value from authorize) for it was not found")
    assert fake.posted("CSTRANGER") == []


def test_digests_post_with_each_workspace_token_and_uninstall_pauses_until_reinstall(
    oauth_server: Served, fake: FakeSlack, store: Store, database: str
) -> None:
    browser = Browser(oauth_server.base_url)
    for team in ("T0DIGA", "T0DIGB"):
        assert browser.install(fake, team, f"xoxb-{team.lower()}")[0] == 200
    made = datetime.now(UTC) - timedelta(days=8)
    slot = Schedule(0, wall_time(9, 0), "UTC")
    for team in ("T0DIGA", "T0DIGB"):
        store.subscribe(team, f"C{team}", slot, "en", "U0ADMIN", made)
    monday = made + timedelta(days=(7 - made.weekday()) % 7 or 7)
    at = monday.replace(hour=9, minute=1, second=0, microsecond=0)
    fake.clear()
    ran = rolecall("digest", "run-due", "--at", at.isoformat(), env=oauth_env(fake, database))
    assert ran.returncode == 0, ran.stderr
    posts = fake.calls("chat.postMessage")
    assert sorted((c.params["channel"], fake.team_of(c)) for c in posts) == [
        ("CT0DIGA", "T0DIGA"),
        ("CT0DIGB", "T0DIGB"),
    ]

    assert signed_event(oauth_server, "T0DIGA", {"type": "app_uninstalled"}, "EvGone") == 200
    oauth_server.wait_logged("workspace T0DIGA: app_uninstalled")
    assert count(store, bots, team_id="T0DIGA") == 0
    assert count(store, installations, team_id="T0DIGA") == 0
    gone, kept = store.get("T0DIGA", "CT0DIGA"), store.get("T0DIGB", "CT0DIGB")
    assert gone is not None and (gone.state, gone.pause_reason) == ("paused", "app_uninstalled")
    assert kept is not None and kept.state == "active" and count(store, bots, team_id="T0DIGB") == 1

    assert browser.install(fake, "T0DIGA", "xoxb-t0diga-new")[0] == 200
    back = store.get("T0DIGA", "CT0DIGA")
    assert back is not None and (back.state, back.pause_reason) == ("active", None)


def test_revoked_bot_tokens_pause_like_an_uninstall(oauth_server: Served, fake: FakeSlack, store: Store) -> None:
    assert Browser(oauth_server.base_url).install(fake, "T0REV", "xoxb-rev")[0] == 200
    store.subscribe("T0REV", "CREV", Schedule(0, wall_time(9, 0), "UTC"), "en", "U0ADMIN", datetime.now(UTC))
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}
    assert signed_event(oauth_server, "T0REV", revoked, "EvRevoked") == 200
    oauth_server.wait_logged("workspace T0REV: tokens_revoked")
    sub = store.get("T0REV", "CREV")
    assert sub is not None and (sub.state, sub.pause_reason) == ("paused", "tokens_revoked")
    assert count(store, bots, team_id="T0REV") == 0


def test_single_token_mode_serves_no_install_pages(slack: SlackSender) -> None:
    assert slack.get("/slack/install").status == 404


def test_oauth_mode_needs_no_bot_token_but_a_signing_secret(fake: FakeSlack, tmp_path: Path) -> None:
    env = oauth_env(fake, f"sqlite:///{tmp_path / 'x.db'}")
    env.pop("SLACK_SIGNING_SECRET")
    done = rolecall("serve", "--port", "0", env=env)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET is not set" in done.stderr
