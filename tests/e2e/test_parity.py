"""What must hold whichever way Slack reaches RoleCall: each scenario runs over signed HTTP to
``rolecall serve`` and over Socket Mode to ``rolecall socket``."""

from __future__ import annotations

import json

import pytest

from testkit.signing import mention_event
from tests.conftest import PACK_VERSION
from tests.e2e.transports import Transport
from tests.replies import all_text, assert_lookup_card


def test_role_is_answered_inside_the_ack_with_the_card_share_button_and_pack_version(transport: Transport) -> None:
    reply = transport.command("/role", "mle")
    assert_lookup_card(reply, "Machine learning engineer", "role:mle")
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"open:role:data-scientist"} <= {b["action_id"] for b in buttons}
    assert f"v{PACK_VERSION}" in reply["blocks"][-1]["elements"][0]["text"]
    assert transport.slack.calls("chat.postEphemeral") == [] and transport.slack.calls("chat.postMessage") == []


@pytest.mark.parametrize("typed", ["<!channel> <@U123> <#C1|x> & <script>", "<!channel> @here"])
def test_hostile_command_text_is_escaped_never_pings(transport: Transport, typed: str) -> None:
    reply = transport.command("/role", typed)  # the transport checks that nothing in it pings
    assert "&lt;!channel&gt;" in all_text(reply)


def test_mention_is_acked_empty_then_answered_in_its_thread_with_title_first_and_metadata(
    transport: Transport,
) -> None:
    transport.event(mention_event("<@UBOT> what does a data scientist do?", ts="1700000005.000100"), "EvParityDS")
    (call,) = transport.slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0CHAN" and call.params["thread_ts"] == "1700000005.000100"
    assert call.params["text"].startswith("Data scientist")
    assert call.params["metadata"] == {
        "event_type": "rolecall_topic",
        "event_payload": {"kind": "role", "id": "data-scientist", "pack_version": PACK_VERSION},
    }
    assert call.headers["authorization"] == f"Bearer {transport.bot_token}"


def test_redelivered_event_is_answered_once(transport: Transport) -> None:
    event = mention_event("<@UBOT> what is an ML platform engineer?", ts="1700000006.000100")
    transport.event(event, "EvParityRetry")
    transport.event(event, "EvParityRetry", redelivered=True)
    transport.slack.wait_for("chat.postMessage")
    transport.event(mention_event("<@UBOT> marker", ts="1700000007.000100"), "EvParityMarker")
    calls = transport.slack.wait_for("chat.postMessage", count=2)
    assert sorted(c.params["thread_ts"] for c in calls) == ["1700000006.000100", "1700000007.000100"]
    assert [c.params["text"].split(":")[0] for c in calls].count("ML platform engineer") == 1


def test_share_button_posts_the_card_publicly_to_the_response_url_with_attribution(transport: Transport) -> None:
    transport.action("share", "role:mle", user="U0SHARER")
    (call,) = transport.slack.wait_for("response_url:r1")
    assert call.params["response_type"] == "in_channel"
    assert call.params["text"].startswith("Machine learning engineer")
    blocks = json.dumps(call.params["blocks"])
    assert "Shared by <@U0SHARER>" in blocks and '"share"' not in blocks


def test_tokens_never_reach_the_log(transport: Transport) -> None:
    transport.command("/teams", "")  # something logged after start-up too
    assert not any(secret in line for line in transport.output for secret in transport.secrets)
