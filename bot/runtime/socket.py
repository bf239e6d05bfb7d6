"""Socket Mode: the same Bolt app over a WebSocket, for installs with no public URL."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import ClientError
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.digests.scheduler import start_scheduler
from bot.runtime.app import build_app, build_runner, build_services
from bot.settings import ConfigError, Settings

log = logging.getLogger(__name__)

REFUSED_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked", "token_expired", "missing_scope"}
)
"""Errors no retry can fix. The SDK's client retries every failure forever, so a wrong or
revoked app token would look like an endless crash loop in the log instead of one line."""


async def check_app_token(client: AsyncWebClient, app_token: str) -> None:
    """Ask Slack for a connection URL once, before the SDK's retrying client does.

    Raises ``ConfigError`` if Slack refuses the token; a network failure is left to the
    client, which keeps retrying until Slack is reachable.
    """
    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        code = str(error.response.get("error", ""))
        if code in REFUSED_TOKEN_ERRORS:
            raise ConfigError(
                f"Slack refused SLACK_APP_TOKEN ({code}); it must be an app-level token (xapp-…) "
                "with the connections:write scope."
            ) from None
        log.warning("Slack did not hand out a Socket Mode URL (%s); connecting anyway, with retries", code)
    except (ClientError, TimeoutError) as error:
        log.warning("cannot reach Slack yet (%s); connecting anyway, with retries", type(error).__name__)


def run_socket_mode(settings: Settings) -> None:
    settings.require("slack_bot_token", "slack_app_token")
    assert settings.slack_app_token is not None
    app_token = settings.slack_app_token.get_secret_value()
    services = build_services(settings)
    app = build_app(services, verify_requests=False)

    async def main() -> None:
        await check_app_token(app.client, app_token)
        handler = AsyncSocketModeHandler(app, app_token)
        stop = asyncio.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        scheduler = start_scheduler(build_runner(services)) if settings.rolecall_scheduler else None
        try:
            await handler.connect_async()  # type: ignore[no-untyped-call]
            log.info("connected over Socket Mode; SIGTERM or Ctrl-C disconnects and stops")
            await stop.wait()
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
            await handler.close_async()  # type: ignore[no-untyped-call]
        log.info("disconnected from Slack; stopped")

    asyncio.run(main())
