"""HTTP serving: Starlette + Bolt's async adapter under uvicorn (uvloop, httptools).

``serve`` validates configuration and content in the parent process, so a bad setting
fails once with one line, before any worker starts; workers then build the app through
``create_asgi``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import uvicorn
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.digests.scheduler import start_scheduler
from bot.runtime.app import build_app, build_runner, build_services
from bot.runtime.services import Services
from bot.settings import Settings, load_settings

log = logging.getLogger(__name__)

HTTP_REQUIRES = ("slack_bot_token", "slack_signing_secret")


def create_asgi_app(services: Services) -> Starlette:
    bolt = build_app(services)
    slack = AsyncSlackRequestHandler(bolt)

    async def events(request: Request) -> Response:
        return await slack.handle(request)

    async def healthz(request: Request) -> Response:
        pack = services.content.current.pack
        body = {"status": "ok", "content_pack": pack.info.id, "content_version": pack.version}
        problem = await asyncio.to_thread(services.database.problem)
        if problem is not None:
            return JSONResponse({**body, "status": "unavailable", "down": {"database": problem}}, status_code=503)
        return JSONResponse(body)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        log.info("serving content pack %s v%s", *_pack_label(services))
        scheduler = start_scheduler(build_runner(services)) if services.settings.rolecall_scheduler else None
        try:
            yield
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)

    return Starlette(
        routes=[Route("/slack/events", events, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])],
        lifespan=lifespan,
    )


def _pack_label(services: Services) -> tuple[str, str]:
    pack = services.content.current.pack
    return pack.info.id, pack.version


def create_asgi() -> Starlette:
    """uvicorn's factory, run in each worker process."""
    settings = load_settings()
    settings.require(*HTTP_REQUIRES)
    return create_asgi_app(build_services(settings))


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    settings.require(*HTTP_REQUIRES)
    build_services(settings)  # fail here, once, on a bad pack
    uvicorn.run(
        "bot.runtime.server:create_asgi",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="info",
    )
