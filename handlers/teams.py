"""``/teams``: answered inside ``ack()``, like ``/role``."""

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.lookup import teams_command
from bot.services import Services


def register(app: AsyncApp, services: Services) -> None:
    @app.command("/teams")
    async def teams(ack: AsyncAck, command: dict[str, Any]) -> None:
        reply = teams_command(services.content.current, command.get("text") or "")
        await ack(response_type="ephemeral", **reply.message())
