"""Card buttons: "Open" shows another card to the clicker, "Share in channel" posts it publicly.

Both are acked at once and finish in a lazy listener, because they call Slack. Both answer
through the card's response_url, which Slack honours for 30 minutes and 5 posts; past that,
the clicker gets a modal (the card itself, or why it could not be shared) instead of nothing.
"""

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.buttons import card_for_key, share_failed, shared_for_key
from bot.snapshot import Snapshot
from bot.views.replies import modal
from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    def reader(body: dict[str, Any]) -> Snapshot:
        """The snapshot in the clicker's language."""
        team = (body.get("team") or {}).get("id", "")
        return services.reader(team, body["user"]["id"])

    async def open_card(body: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        snap = reader(body)
        reply = card_for_key(snap, body["actions"][0].get("value", ""))
        if reply is None:
            return
        if body.get("response_url"):
            sent = await respond(response_type="ephemeral", replace_original=False, **reply.message())
            if sent.status_code == 200:
                return
            log.info("response_url refused an open (%s); showing the card in a modal", sent.status_code)
        if body.get("view", {}).get("type") == "modal":  # a button inside an open card
            await client.views_push(trigger_id=body["trigger_id"], view=modal(reply, snap.text))
        else:  # App Home has no response_url: show the card in a modal
            await client.views_open(trigger_id=body["trigger_id"], view=modal(reply, snap.text))

    async def share(body: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        snap = reader(body)
        reply = shared_for_key(snap, body["actions"][0].get("value", ""), body["user"]["id"])
        if reply is None:
            return
        sent = await respond(response_type="in_channel", replace_original=False, **reply.message())
        if sent.status_code != 200:
            log.info("response_url refused a share (%s): %s", sent.status_code, sent.body[:80])
            await client.views_open(trigger_id=body["trigger_id"], view=modal(share_failed(snap), snap.text))

    app.action(re.compile(r"^open:"))(ack=acknowledge, lazy=[open_card])
    app.action("share")(ack=acknowledge, lazy=[share])
