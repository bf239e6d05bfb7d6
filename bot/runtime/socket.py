"""Socket Mode: the same Bolt app over a WebSocket, for installs with no public URL."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable

from aiohttp import ClientError
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.digests.scheduler import start_scheduler
from bot.runtime.app import build_app, build_forget, build_runner, build_services
from bot.settings import ConfigError, Settings
from bot.snapshot.watch import PackWatcher

log = logging.getLogger(__name__)
SDK_LOG = logging.getLogger("slack_sdk.socket_mode")
"""Where the SDK's Socket Mode client logs (Bolt would hand it the app's logger)."""

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


class _NetworkErrorsInOneLine(logging.Filter):
    """The SDK logs every failed connection attempt with a full traceback: while Slack is
    unreachable that is hundreds of lines. A network error needs only its one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], ClientError | OSError | TimeoutError):
            record.exc_info = record.exc_text = None
        return True


if not any(isinstance(f, _NetworkErrorsInOneLine) for f in SDK_LOG.filters):
    SDK_LOG.addFilter(_NetworkErrorsInOneLine())


async def finished_before(work: Awaitable[None], stop: asyncio.Event) -> bool:
    """Run ``work`` until it ends (True) or ``stop`` is set first (False, and it is cancelled).

    Connecting retries for as long as Slack is unreachable; a signal must not wait for it."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait((task, stopped), return_when=asyncio.FIRST_COMPLETED)
    for pending in (task, stopped):
        pending.cancel()
    if stopped.done() and not stopped.cancelled():
        return False
    task.result()  # a refused token is a ConfigError for the operator
    return True


def run_socket_mode(settings: Settings) -> None:
    settings.require("slack_bot_token", "slack_app_token")
    assert settings.slack_app_token is not None
    app_token = settings.slack_app_token.get_secret_value()
    services = build_services(settings)
    app = build_app(services, verify_requests=False)

    async def connect(handler: AsyncSocketModeHandler) -> None:
        await check_app_token(app.client, app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]

    async def main() -> None:
        stop = asyncio.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        watcher = PackWatcher(services.content, settings.rolecall_content_poll).start()
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, watcher.wake)
        # The SDK's connect loop retries by itself; a client that retries too only adds log lines.
        opener = AsyncWebClient(base_url=settings.slack_api_url, retry_handlers=[])
        handler = AsyncSocketModeHandler(app, app_token, logger=SDK_LOG, web_client=opener)
        scheduler = (
            start_scheduler(build_runner(services), build_forget(services)) if settings.rolecall_scheduler else None
        )
        try:
            if await finished_before(connect(handler), stop):
                log.info("connected over Socket Mode; SIGTERM or Ctrl-C disconnects and stops")
                await stop.wait()
        finally:
            watcher.stop()
            if scheduler is not None:
                scheduler.shutdown(wait=False)
            await handler.close_async()  # type: ignore[no-untyped-call]
        log.info("disconnected from Slack; stopped")

    asyncio.run(main())
