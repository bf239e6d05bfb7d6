"""Socket Mode: the same Bolt app over a WebSocket, for installs with no public URL."""

from __future__ import annotations

import asyncio

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.app import build_app, build_runner, build_services
from bot.digests.scheduler import start_scheduler
from bot.settings import Settings


def run_socket_mode(settings: Settings) -> None:
    settings.require("slack_bot_token", "slack_app_token")
    services = build_services(settings)
    app = build_app(services, verify_requests=False)
    assert settings.slack_app_token is not None

    async def main() -> None:
        handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())  # type: ignore[union-attr]
        scheduler = start_scheduler(build_runner(services)) if settings.rolecall_scheduler else None
        try:
            await handler.start_async()  # type: ignore[no-untyped-call]
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)

    asyncio.run(main())
