"""``/role``: answered in the HTTP response (the ack), so the card arrives with no Web API call."""

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.commands.role import role_command
from handlers.deps import Deps
from handlers.responses import ephemeral


def register(app: AsyncApp, services: Deps) -> None:
    @app.command("/role")
    async def role(command: dict[str, Any]) -> BoltResponse:
        reply = role_command(services.content.current, command.get("text") or "")
        return ephemeral(reply)
