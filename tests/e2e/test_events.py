"""Mentions, DMs, App Home, buttons, url_verification and signatures, over real HTTP. What must
hold over Socket Mode too is in ``test_parity.py``."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.snapshot import Snapshot
from testkit.served import Served, serve
from testkit.signing import SIGNING_SECRET, Response, SlackSender, mention_event
from testkit.slack_api import FakeSlack
from tests.conftest import PACK_VERSION, ROOT


def test_url_verification_echoes_the_challenge(slack: SlackSender) -> None:
    answer = slack.post(
        json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}), "application/json"
    )
    assert answer.status == 200
    assert answer.json() == {"challenge": "abc123"}


def test_mention_inside_a_thread_answers_in_that_thread(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.event(mention_event("<@UBOT> how are ML teams organised?", thread_ts="1699.1"), event_id="EvThread")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1699.1"


def test_unanswerable_mention_says_so_and_lists_topics(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.event(mention_event("<@UBOT> what's the best pizza topping <!channel>?"), event_id="EvPizza")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["text"].startswith("I don't know how to answer")
    assert "<!channel>" not in json.dumps(call.params)
    assert call.params["metadata"]["event_payload"]["kind"] == "none"


@pytest.mark.parametrize(
    ("typed", "payload"),
    [
        ("what does a data scientist do?", {"kind": "role", "id": "data-scientist"}),
        ("how do I deal with class imbalance in my training data", {"kind": "choices"}),
        (
            "ml platform engineer vs data engineer?",
            {"kind": "compare", "candidates": ["role:ml-platform-engineer", "role:data-engineer"]},
        ),
        ("where can I get pizza near the office", {"kind": "none"}),
    ],
)
def test_every_mention_reply_names_what_it_answered_in_its_metadata(
    slack: SlackSender, fake_slack: FakeSlack, snap: Snapshot, typed: str, payload: dict[str, Any]
) -> None:
    """Sure, unsure, a comparison and don't-know, each through the real serve: the metadata is
    how feedback and reports find what a reply was about. The choices are whatever the ranker
    offers in process; the served app must offer the same, as buttons."""
    if payload["kind"] == "choices":
        verdict = snap.answerer.answer(typed)
        assert verdict.band == "unsure", "the bundled pack changed: pick a question the ranker is unsure of"
        payload = {**payload, "candidates": [hit.key for hit in verdict.hits]}
    slack.event(mention_event(f"<@UBOT> {typed}"), event_id=f"EvKind{payload['kind']}")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["metadata"] == {
        "event_type": "rolecall_topic",
        "event_payload": {**payload, "pack_version": PACK_VERSION},
    }
    elements = [e for b in call.params["blocks"] for e in b.get("elements", []) if b["type"] == "actions"]
    buttons = [e["value"] for e in elements if not e["action_id"].startswith("vote:")]
    if payload["kind"] == "choices":
        assert buttons == payload["candidates"]


def test_a_vote_on_a_mention_answer_is_stored_and_thanked_to_the_voter(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    slack.event(mention_event("<@UBOT> what does a data engineer do?"), event_id="EvVote")
    (call,) = fake_slack.wait_for("chat.postMessage")
    (value,) = {
        e["value"]
        for b in call.params["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("vote:")
    }
    slack.action("vote:not_asked", value, user="U0VOTER")
    (thanks,) = fake_slack.wait_for("response_url:r1")
    assert thanks.params["response_type"] == "ephemeral"
    assert thanks.params["text"].startswith("Thanks, noted."), "said only once the vote is stored"


def test_typed_text_is_quoted_back_escaped_once_and_never_as_a_link(slack: SlackSender, fake_slack: FakeSlack) -> None:
    """Slack delivers "<b> & co" as "&lt;b&gt; &amp; co" and a typed URL as <url|text>."""
    typed = "<@UBOT> pizza &lt;b&gt; &amp; co <https://evil.test/login|evil.test/login>"
    slack.event(mention_event(typed), event_id="EvEscapeOnce")
    (call,) = fake_slack.wait_for("chat.postMessage")
    notice = call.params["blocks"][0]["elements"][0]
    assert notice["verbatim"] is True, "Slack must not link anything in a quote of what people typed"
    for shown in (notice["text"], call.params["text"]):
        assert "pizza &lt;b&gt; &amp; co evil.\u200btest/login" in shown
        assert "&amp;lt;" not in shown and "&amp;amp;" not in shown and "evil.test" not in shown


@pytest.mark.parametrize("text", ["<@UBOT>", "<@UBOT>    ", "<@UBOT> 🤖🤖", "<@UBOT> " + "ی" * 50_000])
def test_empty_or_odd_mentions_still_get_a_reply(slack: SlackSender, fake_slack: FakeSlack, text: str) -> None:
    answer = slack.event(mention_event(text), event_id=f"EvOdd{len(text)}{text[-1]}")
    assert answer.status == 200
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["text"]


def test_retries_reaching_different_workers_are_answered_once(fake_slack: FakeSlack, tmp_path: Path) -> None:
    """Slack's retries arrive on new connections, which two uvicorn workers share between them:
    the record of answered events must be shared too."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.db'}",
    }
    with serve(env, ROOT, ("--no-scheduler",), workers=2) as served:
        sender = SlackSender(served.base_url, fake_slack.response_url("r1"))
        event = mention_event("<@UBOT> what is an ML platform engineer?")
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}

        def deliver(attempt: int) -> Response:
            return sender.event(event, event_id="EvWorkers", extra_headers=retry if attempt else {})

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(deliver, range(8)))
        assert [a.status for a in answers] == [200] * 8
        fake_slack.wait_for("chat.postMessage")
        sender.event(mention_event("<@UBOT> marker", ts="2.5"), event_id="EvWorkersMarker")
        calls = fake_slack.wait_for("chat.postMessage", count=2)
    assert [c.params["text"].split(":")[0] for c in calls].count("ML platform engineer") == 1


def test_direct_message_is_answered(slack: SlackSender, fake_slack: FakeSlack) -> None:
    dm = {
        "type": "message",
        "channel_type": "im",
        "text": "what does devrel do?",
        "user": "U0USER",
        "channel": "D0DM",
        "ts": "1700000002.000100",
    }
    slack.event(dm, event_id="EvDM")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "D0DM" and call.params["text"].startswith("Developer relations")


def test_bot_and_edited_messages_are_acked_and_ignored(slack: SlackSender, fake_slack: FakeSlack) -> None:
    edited = {"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D0DM", "ts": "1.1"}
    mine = {"type": "message", "channel_type": "im", "bot_id": "BBOT", "text": "hi", "channel": "D0DM", "ts": "1.2"}
    assert slack.event(edited, event_id="EvEdit").status == 200
    assert slack.event(mine, event_id="EvMine").status == 200
    slack.event(mention_event("<@UBOT> marker"), event_id="EvMarker")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0CHAN"


def test_app_home_lists_roles_teams_and_pack_version(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.event({"type": "app_home_opened", "user": "U0USER", "channel": "D0DM", "tab": "home"}, event_id="EvHome")
    (call,) = fake_slack.wait_for("views.publish")
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert call.params["user_id"] == "U0USER" and view["type"] == "home"
    text = json.dumps(view)
    assert "Machine learning engineer" in text and "Embedded" in text and f"v{PACK_VERSION}" in text
    assert len(view["blocks"]) <= 100


def test_share_after_the_response_url_expired_explains_in_a_modal(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.expire_response_url("r1")
    assert slack.action("share", "role:mle", user="U0SHARER").status == 200
    (call,) = fake_slack.wait_for("views.open")
    assert call.params["trigger_id"]
    assert "Run the command again" in json.dumps(call.params["view"])
    assert fake_slack.calls("chat.postMessage") == []


def test_open_after_the_response_url_expired_shows_the_card_in_a_modal(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.expire_response_url("r1")
    slack.action("open:role:devrel", "role:devrel")
    (call,) = fake_slack.wait_for("views.open")
    assert "Developer relations engineer" in json.dumps(call.params["view"])


def test_share_teams_overview(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.action("share", "teams:overview", user="U0SHARER")
    (call,) = fake_slack.wait_for("response_url:r1")
    assert call.params["response_type"] == "in_channel" and "Shared by" in call.params["text"]


def test_open_button_shows_card_ephemerally(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.action("open:role:devrel", "role:devrel")
    (call,) = fake_slack.wait_for("response_url:r1")
    assert call.params["response_type"] == "ephemeral" and call.params["text"].startswith("Developer relations")


def test_open_button_in_app_home_opens_a_modal(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.action("open:team:platform", "team:platform", container="view")
    (call,) = fake_slack.wait_for("views.open")
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "modal" and '"share"' not in json.dumps(view)


def test_forged_button_value_is_ignored(slack: SlackSender, fake_slack: FakeSlack) -> None:
    assert slack.action("share", "role:../../etc/passwd").status == 200
    slack.event(mention_event("<@UBOT> marker"), event_id="EvForged")
    fake_slack.wait_for("chat.postMessage")
    assert fake_slack.calls("response_url:r1") == []


@pytest.mark.parametrize(
    ("how", "skew"),
    [({"secret": "wrong-secret"}, 0), ({"sign": False}, 0), ({}, -6 * 60), ({}, 6 * 60)],
    ids=["wrong-secret", "unsigned", "stale", "future"],
)
def test_bad_missing_or_stale_signature_is_rejected_and_runs_nothing(
    slack: SlackSender, fake_slack: FakeSlack, how: dict[str, Any], skew: int
) -> None:
    if skew:
        # Taken now, not at collection: a suite running over a minute would bring it back inside Slack's 5 minutes.
        how = {**how, "timestamp": int(time.time()) + skew}
    answer = slack.command("/role", "mle", **how)
    assert answer.status == 401
    assert "Machine learning engineer" not in answer.body
    event_id = f"EvForged{sorted(how.items())}"
    event_answer = slack.event(mention_event("<@UBOT> data scientist"), event_id=event_id, **how)
    assert event_answer.status == 401
    slack.event(mention_event("<@UBOT> marker", ts="1.5"), event_id=f"Marker{event_id}")
    (call,) = fake_slack.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1.5", "only the correctly signed marker event may be answered"


def test_healthz_reports_status_and_content_version(server: Served) -> None:
    sender = SlackSender(server.base_url, "")
    answer = sender.get("/healthz")
    assert answer.status == 200
    body = answer.json()
    pid = body.pop("pid")
    assert body == {"status": "ok", "content_pack": "rolecall-core", "content_version": PACK_VERSION}
    assert os.getpgid(pid) == server.process.pid, "the pid is that of a process serving, in the server's group"
