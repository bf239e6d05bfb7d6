"""App Home: publish the reader's pre-rendered home view whenever they open the tab, and
republish it in the new language when they pick one from its selector."""

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.language import choose_language
from bot.views.replies import LANGUAGE_ACTION
from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    async def show(client: AsyncWebClient, team_id: str, user_id: str) -> None:
        try:
            await client.views_publish(user_id=user_id, view=services.reader(team_id, user_id).home)
        except SlackApiError as error:
            log.warning("could not publish App Home: %s", error.response.get("error"))

    async def opened(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") == "home":
            await show(client, body.get("team_id", ""), event["user"])

    async def language(body: dict[str, Any], client: AsyncWebClient) -> None:
        team, user = (body.get("team") or {}).get("id", ""), body["user"]["id"]
        chosen = (body["actions"][0].get("selected_option") or {}).get("value", "")
        content, prefs = services.content, services.languages
        await asyncio.to_thread(choose_language, content, prefs, team, user, f"lang {chosen}")
        await show(client, team, user)

    app.event("app_home_opened")(ack=acknowledge, lazy=[opened])
    app.action(LANGUAGE_ACTION)(ack=acknowledge, lazy=[language])
