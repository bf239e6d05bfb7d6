"""``/teams``: answered in the HTTP response (the ack), like ``/role``, in the reader's language."""

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.commands.teams import teams_command
from handlers.deps import Deps
from handlers.responses import ephemeral


def register(app: AsyncApp, services: Deps) -> None:
    @app.command("/teams")
    async def teams(command: dict[str, Any]) -> BoltResponse:
        typed = command.get("text") or ""
        snap = services.reader(command.get("team_id", ""), command.get("user_id", ""), typed)
        return ephemeral(teams_command(snap, typed))
