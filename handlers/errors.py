"""The last line of defence: a person sees a kind sentence, Slack sees a 200, the log the trace."""

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from handlers.deps import Deps

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        log.exception("listener failed for %s", body.get("command") or body.get("type"), exc_info=error)
        if body.get("command"):
            text = services.content.current.text
            reply = {"response_type": "ephemeral", "text": text.SOMETHING_WRONG}
            return BoltResponse(status=200, body=json.dumps(reply), headers={"content-type": "application/json"})
        return BoltResponse(status=200, body="")
