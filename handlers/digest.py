"""``/digest``: help, status and preview answer inside ``ack()``; subscribe and unsubscribe
need Slack (``users.info``, a post in the channel), so they finish in a lazy listener and
reply through ``response_url``."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.commands import digest as commands
from bot.commands.digest import Caller, Plan
from bot.digests.runner import utc_now
from bot.runtime.services import Services
from bot.views.text import echo

INVITE_ERRORS = frozenset({"not_in_channel", "channel_not_found"})


async def fetch_caller(client: AsyncWebClient, user_id: str, admins: frozenset[str]) -> Caller:
    """Who is asking, from ``users.info``; ``may_manage`` is None when Slack cannot say."""
    try:
        user = (await client.users_info(user=user_id)).get("user") or {}
    except SlackApiError:
        return Caller(user_id, True if user_id in admins else None, None)
    is_admin = any(user.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner"))
    return Caller(user_id, is_admin or user_id in admins, user.get("tz"))


def register(app: AsyncApp, services: Services) -> None:
    async def answer(ack: AsyncAck, command: dict[str, Any]) -> None:
        action, _ = commands.split(command.get("text") or "")
        snap, store = services.content.current, services.store
        team, channel = command.get("team_id", ""), command.get("channel_id", "")
        if action in commands.CHANGES:
            await ack()
            return
        if action == "status":
            reply = await asyncio.to_thread(commands.status, store, snap, team, channel, utc_now())
        elif action == "preview":
            reply = await asyncio.to_thread(commands.preview, store, snap, team, channel)
        elif action in ("", "help"):
            reply = commands.help_reply(snap)
        else:
            text = messages.for_language(snap.language)
            reply = commands.help_reply(snap, text.digest_unknown_action(echo(action, 30)))
        await ack(response_type="ephemeral", **reply.message())

    async def change(command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond) -> None:
        action, rest = commands.split(command.get("text") or "")
        if action not in commands.CHANGES:
            return
        snap, store, now = services.content.current, services.store, utc_now()
        team, channel, user = command["team_id"], command["channel_id"], command["user_id"]
        caller = await fetch_caller(client, user, services.settings.admins)
        plan = commands.plan_change(snap, action, rest, caller)
        if isinstance(plan, Plan):
            try:
                await client.chat_postMessage(channel=channel, text=plan.announcement)
            except SlackApiError as error:
                if error.response.get("error") in INVITE_ERRORS:
                    await respond(response_type="ephemeral", **commands.not_in_channel(snap, channel).message())
                    return
            reply = await asyncio.to_thread(commands.subscribe, store, snap, team, channel, plan, user, now)
        elif plan is None:
            reply = await asyncio.to_thread(commands.unsubscribe, store, snap, team, channel, user, now)
        else:
            reply = plan
        await respond(response_type="ephemeral", replace_original=False, **reply.message())

    app.command("/digest")(ack=answer, lazy=[change])
