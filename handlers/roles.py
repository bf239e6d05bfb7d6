"""``/role``: answered in the HTTP response (the ack), so the card arrives with no Web API call.
``/role lang fa`` stores the person's language (one short write, given two seconds) and confirms in it."""

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.commands.language import choose_language, is_language_choice, language_not_stored
from bot.commands.reading import in_time
from bot.commands.role import role_command
from handlers.deps import Deps
from handlers.responses import ephemeral


def register(app: AsyncApp, services: Deps) -> None:
    @app.command("/role")
    async def role(command: dict[str, Any]) -> BoltResponse:
        typed, team, user = command.get("text") or "", command.get("team_id", ""), command.get("user_id", "")
        if is_language_choice(typed):
            content, prefs = services.content, services.languages
            chosen = await in_time(
                lambda: choose_language(content, prefs, team, user, typed),
                lambda: language_not_stored(services.reader(team, user)),
            )
            return ephemeral(chosen)
        snap = services.reader(team, user, typed)
        return ephemeral(role_command(snap, typed))
