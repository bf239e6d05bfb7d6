"""Tests for the fake Slack Web API, driven through the real slack_sdk clients.

Why: the rest of the suite trusts FakeSlack to look like Slack to
slack_sdk and to record faithfully; these tests pin that contract.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from testkit.slack_api import FakeSlack

BLOCKS: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
METADATA: dict[str, Any] = {
    "event_type": "rolecall_poll",
    "event_payload": {"poll_id": 7},
}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A started fake per test, so recorded state never leaks between tests."""
    with FakeSlack() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    """A client like the app's: default retry handlers, base_url on the fake."""
    return WebClient(base_url=fake.api_url, token="xoxb-test")


def _http(url: str, body: bytes | None = None, content_type: str = "") -> tuple[int, Any]:
    """Plain urllib request (GET if no body) returning status and JSON body."""
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_addresses(fake: FakeSlack) -> None:
    assert fake.api_url == f"http://127.0.0.1:{fake.port}/api/"
    assert fake.response_url() == f"http://127.0.0.1:{fake.port}/response/r1"
    assert fake.response_url("x").endswith("/response/x")


def test_auth_test_and_recording(fake: FakeSlack, client: WebClient) -> None:
    response = client.auth_test()
    assert response["team"] == "Test Team"
    assert (response["team_id"], response["user_id"], response["bot_id"]) == (
        "T0001",
        "UBOT",
        "BBOT",
    )
    (call,) = fake.calls("auth.test")
    assert call.status == 200
    assert call.error is None
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert call.at <= time.monotonic()
    fake.clear()
    assert fake.calls() == []


def test_post_message_answer_and_posted(fake: FakeSlack, client: WebClient) -> None:
    first = client.chat_postMessage(channel="C1", text="one", blocks=BLOCKS, metadata=METADATA)
    second = client.chat_postMessage(channel="C2", text="two")
    assert re.fullmatch(r"\d{10}\.\d{6}", first["ts"]) and abs(float(first["ts"]) - time.time()) < 60
    assert float(second["ts"]) > float(first["ts"])
    assert first["channel"] == "C1"
    assert first["message"]["blocks"] == BLOCKS
    assert first["message"]["metadata"] == METADATA
    assert first["message"]["bot_id"] == "BBOT"
    assert "metadata" not in second["message"]
    assert [p["text"] for p in fake.posted()] == ["one", "two"]
    assert fake.posted("C2") == [{"channel": "C2", "text": "two"}]


def test_form_and_json_bodies_decode_alike(fake: FakeSlack, client: WebClient) -> None:
    sent = {"channel": "C1", "text": "t", "blocks": BLOCKS, "metadata": METADATA}
    client.api_call("chat.postMessage", json=sent)
    form = {**sent, "blocks": json.dumps(BLOCKS), "metadata": json.dumps(METADATA)}
    client.api_call("chat.postMessage", params=form)
    json_call, form_call = fake.calls("chat.postMessage")
    assert json_call.headers["content-type"].startswith("application/json")
    assert form_call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert json_call.params == form_call.params == sent


def test_form_keeps_non_json_strings(fake: FakeSlack, client: WebClient) -> None:
    client.api_call(
        "chat.postMessage",
        params={"channel": "C1", "text": "[not json", "blocks": "nope"},
    )
    assert fake.calls()[0].params["blocks"] == "nope"


def test_get_with_query_string(fake: FakeSlack) -> None:
    status, body = _http(fake.api_url + "conversations.info?channel=C9")
    assert (status, body) == (
        200,
        {"ok": True, "channel": {"id": "C9", "is_member": True}},
    )
    assert fake.calls()[0].params == {"channel": "C9"}


def test_other_default_answers(fake: FakeSlack, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="C1", text="old")
    updated = client.chat_update(channel="C1", ts=posted["ts"], text="new")
    assert updated["ok"]
    assert updated["message"]["text"] == "new"
    assert client.chat_postEphemeral(channel="C1", user="U1", text="psst")["ok"]
    published = client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert published["view"]["id"] == "V1"
    assert client.conversations_info(channel="C1")["channel"] == {
        "id": "C1",
        "is_member": True,
    }
    assert client.api_call("reactions.add", params={"name": "x"}).data == {"ok": True}
    history = client.conversations_history(channel="C1")
    assert [m["text"] for m in history["messages"]] == ["new"]


def test_users_info_default_and_configured(fake: FakeSlack, client: WebClient) -> None:
    fake.set_user("UADMIN", is_admin=True, tz="America/New_York", locale="fr-FR")
    normal = client.users_info(user="U1")["user"]
    admin = client.users_info(user="UADMIN")["user"]
    assert (normal["id"], normal["is_admin"], normal["tz"], normal["deleted"]) == (
        "U1",
        False,
        "Europe/London",
        False,
    )
    assert (admin["is_admin"], admin["is_owner"], admin["tz"], admin["locale"]) == (
        True,
        False,
        "America/New_York",
        "fr-FR",
    )


def test_history_newest_first_with_optional_metadata(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="a", metadata=METADATA)
    client.chat_postMessage(channel="C1", text="b")
    client.chat_postMessage(channel="C2", text="elsewhere")
    plain = client.conversations_history(channel="C1")
    assert [m["text"] for m in plain["messages"]] == ["b", "a"]
    assert all("metadata" not in m for m in plain["messages"])
    assert plain["has_more"] is False
    rich = client.conversations_history(channel="C1", include_all_metadata=True)
    assert rich["messages"][1]["metadata"] == METADATA
    assert fake.calls("conversations.history")[1].params["include_all_metadata"] == "1"


def test_history_pages_with_cursors_as_slack_does(fake: FakeSlack, client: WebClient) -> None:
    fake.add_messages("C1", 250)
    first = client.conversations_history(channel="C1")
    assert len(first["messages"]) == 100 and first["has_more"] is True
    assert first["messages"][0]["text"] == "chatter 249", "newest first"
    pages = [[m["text"] for m in page["messages"]] for page in client.conversations_history(channel="C1", limit=120)]
    assert [len(page) for page in pages] == [120, 120, 10]
    assert [text for page in pages for text in page] == [f"chatter {n}" for n in reversed(range(250))]
    assert len(client.conversations_history(channel="C1", limit=5000)["messages"]) == 250, "capped at 999"
    with pytest.raises(SlackApiError) as err:
        client.conversations_history(channel="C1", cursor="not-a-cursor")
    assert err.value.response["error"] == "invalid_cursor"


def test_history_between_oldest_and_latest(fake: FakeSlack, client: WebClient) -> None:
    fake.add_messages("C1", 5)
    ts = [m["ts"] for m in reversed(client.conversations_history(channel="C1")["messages"])]
    between = client.conversations_history(channel="C1", oldest=ts[1], latest=ts[3])["messages"]
    assert [m["ts"] for m in between] == [ts[2]], "exclusive by default"
    inclusive = client.conversations_history(channel="C1", oldest=ts[1], latest=ts[3], inclusive=True)["messages"]
    assert [m["ts"] for m in inclusive] == [ts[3], ts[2], ts[1]]


def test_held_call_is_not_seen_until_released(fake: FakeSlack, client: WebClient) -> None:
    fake.hold("chat.postMessage")
    answers: list[str] = []
    sender = threading.Thread(target=lambda: answers.append(client.chat_postMessage(channel="C1", text="x")["ts"]))
    sender.start()
    fake.wait_held()
    assert fake.calls() == [] and fake.posted() == [], "still on its way"
    client.chat_postMessage(channel="C1", text="overtakes")
    fake.release()
    sender.join()
    assert [p["text"] for p in fake.posted()] == ["overtakes", "x"] and len(answers) == 1


def test_fail_with_channel_filter(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postMessage", error="is_archived", channel="C2")
    client.chat_postMessage(channel="C1", text="fine")
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C2", text="boom")
    assert err.value.response["error"] == "is_archived"
    client.chat_postMessage(channel="C2", text="rule used up")
    assert [c.error for c in fake.calls()] == [None, "is_archived", None]
    assert [p["text"] for p in fake.posted()] == ["fine", "rule used up"]


def test_rules_apply_times_then_queue_in_order(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("auth.test", error="first", times=2)
    fake.fail("auth.test", error="second")
    errors = []
    for _ in range(4):
        try:
            client.auth_test()
            errors.append("ok")
        except SlackApiError as exc:
            errors.append(str(exc.response["error"]))
    assert errors == ["first", "first", "second", "ok"]


def test_missing_scope_answer(fake: FakeSlack, client: WebClient) -> None:
    fake.missing_scope("conversations.history")
    with pytest.raises(SlackApiError) as err:
        client.conversations_history(channel="C1")
    assert err.value.response.data == {
        "ok": False,
        "error": "missing_scope",
        "needed": "channels:history",
    }


def test_rate_limit_without_retry_handler(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="x")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "7"
    assert err.value.response["error"] == "ratelimited"
    assert fake.calls()[0].status == 429
    assert fake.posted() == []


def test_rate_limit_retried_by_sdk(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    # The handler sleeps Retry-After + random(); pin the jitter to keep this at 1 s.
    monkeypatch.setattr(random, "random", lambda: 0.0)
    retrying = WebClient(
        base_url=fake.api_url,
        token="xoxb-test",
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.rate_limit("chat.postMessage", retry_after=1)
    assert retrying.chat_postMessage(channel="C1", text="x")["ok"]
    rejected, accepted = fake.calls("chat.postMessage")
    assert (rejected.status, accepted.status) == (429, 200)
    assert accepted.at - rejected.at >= 1.0
    assert len(fake.posted()) == 1


def test_server_error(fake: FakeSlack, client: WebClient) -> None:
    fake.server_error("users.info", status=500, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as err:
            client.users_info(user="U1")
        assert err.value.response.status_code == 500
    assert client.users_info(user="U1")["ok"]
    assert [c.status for c in fake.calls()] == [500, 500, 200]


def test_delay_does_not_block_other_requests(fake: FakeSlack, client: WebClient) -> None:
    fake.delay("chat.postMessage", 0.4)
    results: list[str] = []
    worker = threading.Thread(target=lambda: results.append(str(client.chat_postMessage(channel="C1", text="x")["ts"])))
    started = time.monotonic()
    worker.start()
    fake.wait_for("chat.postMessage")
    assert client.auth_test()["ok"]
    assert results == []  # auth.test was answered while the post was still held
    worker.join(timeout=5)
    assert len(results) == 1
    assert time.monotonic() - started >= 0.4


def test_stop_wakes_delayed_requests() -> None:
    with FakeSlack() as fake:
        fake.delay("auth.test", 60)
        worker_client = WebClient(base_url=fake.api_url, token="xoxb-test")
        worker = threading.Thread(target=worker_client.auth_test)
        worker.start()
        fake.wait_for("auth.test")
        started = time.monotonic()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert time.monotonic() - started < 2


def test_enforce_rate_per_channel(fake: FakeSlack, client: WebClient) -> None:
    fake.enforce_rate(per_channel_per_sec=0.5)
    client.chat_postMessage(channel="C1", text="1")
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="2")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "2"
    client.chat_postMessage(channel="C2", text="3")
    assert [c.status for c in fake.calls()] == [200, 429, 200]
    assert [p["text"] for p in fake.posted()] == ["1", "3"]


def test_enforce_rate_workspace(fake: FakeSlack, client: WebClient) -> None:
    fake.enforce_rate(per_channel_per_sec=None, workspace_per_sec=0.5)
    client.chat_postMessage(channel="C1", text="1")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C2", text="2")
    assert client.auth_test()["ok"]
    fake.enforce_rate(per_channel_per_sec=None, workspace_per_sec=None)
    client.chat_postMessage(channel="C3", text="3")
    assert len(fake.posted()) == 2


def test_wait_for_returns_background_calls(fake: FakeSlack, client: WebClient) -> None:
    threads = [
        threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C1", "text": str(i)}) for i in range(3)
    ]
    for thread in threads:
        thread.start()
    assert len(fake.wait_for("chat.postMessage", count=3)) == 3
    for thread in threads:
        thread.join()


def test_wait_for_timeout_lists_recorded_calls(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("auth.test", error="invalid_auth")
    with pytest.raises(SlackApiError):
        client.auth_test()
    client.chat_postMessage(channel="C1", text="x")
    with pytest.raises(AssertionError, match=r"views\.publish.*got 0") as err:
        fake.wait_for("views.publish", timeout=0.05)
    assert "auth.test[200 invalid_auth]" in str(err.value)
    assert "chat.postMessage[200]" in str(err.value)


def test_response_url_recorded(fake: FakeSlack) -> None:
    body = json.dumps({"text": "done", "replace_original": True}).encode()
    status, answer = _http(fake.response_url("cmd"), body, "application/json")
    assert (status, answer) == (200, {"ok": True})
    (call,) = fake.wait_for("response_url:cmd")
    assert call.params == {"text": "done", "replace_original": True}


def test_malformed_json_body_is_recorded_and_rejected(fake: FakeSlack) -> None:
    status, answer = _http(fake.api_url + "chat.postMessage", b"{oops", "application/json")
    assert (status, answer) == (200, {"ok": False, "error": "invalid_json"})
    (call,) = fake.calls()
    assert (call.params, call.error) == ({"_raw": "{oops"}, "invalid_json")
    assert fake.posted() == []


def test_unknown_paths_are_404(fake: FakeSlack) -> None:
    assert _http(f"{fake.url}/nope")[0] == 404
    assert _http(fake.api_url)[0] == 404
    assert _http(f"{fake.url}/response/r1")[0] == 404  # GET is not a response_url post
    assert fake.calls() == []


def test_hundreds_of_concurrent_connections(fake: FakeSlack) -> None:
    barrier = threading.Barrier(300)
    statuses: list[int] = []
    lock = threading.Lock()

    def hit(i: int) -> None:
        barrier.wait()
        status, _ = _http(fake.api_url + "chat.postMessage", f"channel=C{i % 7}&text={i}".encode())
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=hit, args=(i,)) for i in range(300)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 300
    assert len(fake.posted()) == 300
    assert len({c.params["text"] for c in fake.calls()}) == 300


def test_async_client(fake: FakeSlack) -> None:
    async def scenario() -> list[str]:
        async_client = AsyncWebClient(base_url=fake.api_url, token="xoxb-test")
        await async_client.chat_postMessage(channel="C1", text="a", metadata=METADATA)
        history = await async_client.conversations_history(channel="C1", include_all_metadata=True)
        return [m["metadata"]["event_type"] for m in history["messages"]]

    assert asyncio.run(scenario()) == ["rolecall_poll"]
