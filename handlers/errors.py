"""The last line of defence: a person sees a kind sentence, Slack sees a 200, the log the trace."""

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot import messages
from bot.runtime.services import Services

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Services) -> None:
    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        log.exception("listener failed for %s", body.get("command") or body.get("type"), exc_info=error)
        if body.get("command"):
            reply = {"response_type": "ephemeral", "text": messages.en.SOMETHING_WRONG}
            return BoltResponse(status=200, body=json.dumps(reply), headers={"content-type": "application/json"})
        return BoltResponse(status=200, body="")
