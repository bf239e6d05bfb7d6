"""The baseline for ``bench.role_bench``: a Bolt app whose ``/role`` listener only acks.

It is served on exactly RoleCall's stack (uvicorn with uvloop and httptools, Starlette,
Bolt's ``AsyncSlackRequestHandler``, ``AsyncApp`` with ``process_before_response=True``,
signature verification on), so the difference between the two is RoleCall's own work.
Configuration comes from the same environment variables RoleCall reads.

Run it with::

    python -m uvicorn bench.bare_app:create_asgi --factory --workers 2 \
        --loop uvloop --http httptools --no-access-log
"""

from __future__ import annotations

import os

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DEFAULT_API_URL = "https://slack.com/api/"


def build_bare_app() -> AsyncApp:
    """An ``AsyncApp`` configured like RoleCall's, with a ``/role`` listener that only acks."""
    base_url = os.environ.get("SLACK_API_URL", DEFAULT_API_URL)
    client = AsyncWebClient(
        token=os.environ.get("SLACK_BOT_TOKEN"),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
    )
    app = AsyncApp(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        process_before_response=True,
    )

    @app.command("/role")
    async def role(ack: AsyncAck) -> None:
        await ack()

    return app


def create_asgi() -> Starlette:
    """uvicorn's factory, run in each worker process: POST /slack/events only."""
    slack = AsyncSlackRequestHandler(build_bare_app())

    async def events(request: Request) -> Response:
        return await slack.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])
