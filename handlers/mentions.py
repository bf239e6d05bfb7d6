"""``@RoleCall question`` in a channel, or any direct message: answered in a thread.

Acked at once; the answer is posted by a lazy listener. Slack re-sends events it
believes failed, maybe to another worker, so each ``event_id`` is answered only once.
"""

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.mention import mention_answer
from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def _is_direct_message(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" and not event.get("subtype") and not event.get("bot_id")


def register(app: AsyncApp, services: Deps) -> None:
    async def answer(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        event_id = str(body.get("event_id") or event.get("ts"))
        if not await asyncio.to_thread(services.events.first_time, event_id):
            return
        typed = event.get("text") or ""
        snap = services.reader(body.get("team_id", ""), event.get("user", ""), typed)
        result = mention_answer(snap, typed)
        services.metrics.mention(str((result.metadata or {}).get("event_payload", {}).get("kind", "help")))
        try:
            await client.chat_postMessage(
                channel=event["channel"],
                thread_ts=event.get("thread_ts") or event["ts"],
                metadata=result.metadata,
                unfurl_links=False,
                **result.reply.message(),
            )
        except SlackApiError as error:
            log.warning("could not answer in %s: %s", event.get("channel"), error.response.get("error"))

    async def dm_only(event: dict[str, Any]) -> bool:
        return _is_direct_message(event)

    app.event("app_mention")(ack=acknowledge, lazy=[answer])
    app.event("message", matchers=[dm_only])(ack=acknowledge, lazy=[answer])
    app.event("message")(acknowledge)  # edits, bot echoes, channel chatter: acknowledged, ignored
