"""``/teams``: answered in the HTTP response (the ack), like ``/role``."""

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.commands.teams import teams_command
from handlers.deps import Deps
from handlers.responses import ephemeral


def register(app: AsyncApp, services: Deps) -> None:
    @app.command("/teams")
    async def teams(command: dict[str, Any]) -> BoltResponse:
        reply = teams_command(services.content.current, command.get("text") or "")
        return ephemeral(reply)
