"""``/role``: answered inside ``ack()``, so the card arrives with no Web API call."""

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.lookup import role_command
from bot.services import Services


def register(app: AsyncApp, services: Services) -> None:
    @app.command("/role")
    async def role(ack: AsyncAck, command: dict[str, Any]) -> None:
        reply = role_command(services.content.current, command.get("text") or "")
        await ack(response_type="ephemeral", **reply.message())
