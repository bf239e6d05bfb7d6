"""App Home: publish the pre-rendered home view whenever someone opens the tab."""

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    async def publish(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        try:
            await client.views_publish(user_id=event["user"], view=services.content.current.home)
        except SlackApiError as error:
            log.warning("could not publish App Home: %s", error.response.get("error"))

    app.event("app_home_opened")(ack=acknowledge, lazy=[publish])
