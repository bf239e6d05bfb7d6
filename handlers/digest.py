"""``/digest``: help, status and preview answer inside ``ack()``; subscribe and unsubscribe
need Slack, so they finish in a lazy listener and reply through ``response_url``."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import digest
from bot.commands.reading import in_time
from bot.digests.runner import utc_now
from bot.snapshot import Snapshot
from handlers.deps import Deps


def _place(command: dict[str, Any]) -> digest.Place:
    return digest.Place(command.get("team_id", ""), command.get("channel_id", ""), command.get("enterprise_id") or None)


def register(app: AsyncApp, services: Deps) -> None:
    def reader(command: dict[str, Any]) -> Snapshot:
        """The snapshot in the caller's language (digest words are English whatever it is)."""
        return services.reader(command.get("team_id", ""), command.get("user_id", ""))

    async def answer(ack: AsyncAck, command: dict[str, Any]) -> None:
        action, _ = digest.split(command.get("text") or "")
        snap = reader(command)
        if action in digest.CHANGES:
            await ack()
        elif action in ("status", "preview"):
            store, place, now = services.store, _place(command), utc_now()
            read = (
                (lambda: digest.status(store, snap, place, now))
                if action == "status"
                else (lambda: digest.preview(store, snap, place))
            )
            reply = await in_time(read, lambda: digest.store_down_read(snap))
            await ack(response_type="ephemeral", **reply.message())
        else:
            await ack(response_type="ephemeral", **digest.answer_now(snap, action).message())

    async def change(command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond) -> None:
        request = digest.split(command.get("text") or "")
        if request[0] not in digest.CHANGES:
            return
        caller = await digest.fetch_caller(client, command["user_id"], services.admins, command.get("team_id", ""))
        snap = reader(command)
        reply = await digest.change(snap, services.store, client, _place(command), caller, request, utc_now())
        await respond(response_type="ephemeral", replace_original=False, **reply.message())

    app.command("/digest")(ack=answer, lazy=[change])
