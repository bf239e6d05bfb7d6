"""HTTP serving: Starlette + Bolt's async adapter under uvicorn (uvloop, httptools).

``serve`` validates configuration and content in the parent process, so a bad setting
fails once with one line, before any worker starts; workers then build the app through
``create_asgi``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable

import uvicorn
from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.digests.scheduler import start_scheduler
from bot.errors import ConfigError
from bot.runtime.app import build_app, build_forget, build_runner, build_services
from bot.runtime.body_limit import BodyLimit
from bot.runtime.drain import DRAIN_SECONDS, HTTP_GRACE, track_lazy_listeners
from bot.runtime.idle import HeadDeadlineProtocol
from bot.runtime.intake import Intake
from bot.runtime.logs import log_config
from bot.runtime.metrics import LATENCY, REQUESTS, exposition, request_kind
from bot.runtime.services import Services
from bot.runtime.supervisor import run
from bot.settings import Settings, load_settings
from bot.snapshot.watch import PackWatcher

log = logging.getLogger(__name__)

HTTP_REQUIRES = ("slack_bot_token", "slack_signing_secret")


def http_requires(settings: Settings) -> tuple[str, ...]:
    """With OAuth installs the tokens live in the database, so only the signing secret is needed."""
    return ("slack_signing_secret",) if settings.oauth else HTTP_REQUIRES


def create_asgi_app(services: Services) -> Starlette:
    settings = services.settings
    assert settings.slack_signing_secret is not None
    bolt = build_app(services, verify_requests=False)  # the intake has checked the signature
    lazy = track_lazy_listeners(bolt)
    slack = AsyncSlackRequestHandler(bolt)
    intake = Intake(settings.slack_signing_secret.get_secret_value())

    async def events(request: Request) -> Response:
        started = time.perf_counter()
        client = request.client.host if request.client else "an unknown client"
        body = await request.body()
        refused = intake.refusal(body, request.headers, client)
        if refused is not None:
            REQUESTS.labels("refused").inc()
            return refused
        answer = await slack.handle(request)
        kind = request_kind(body, request.headers.get("content-type", ""))
        REQUESTS.labels(kind).inc()
        LATENCY.labels(kind).observe(time.perf_counter() - started)
        return answer

    async def metrics(request: Request) -> Response:
        services.metrics.content(*_pack_label(services))
        text, content_type = await asyncio.to_thread(exposition)
        return Response(text, media_type=content_type)

    async def install(request: Request) -> Response:
        """Slack's install flow (Bolt's OAuth handler), when SLACK_CLIENT_ID/SECRET are set."""
        return await slack.handle(request)

    async def healthz(request: Request) -> Response:
        pack = services.content.current.pack
        body = {"status": "ok", "content_pack": pack.info.id, "content_version": pack.version, "pid": os.getpid()}
        problem = await asyncio.to_thread(services.database.problem)
        if problem is not None:
            return JSONResponse({**body, "status": "unavailable", "down": {"database": problem}}, status_code=503)
        return JSONResponse(body)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        log.info("serving content pack %s v%s", *_pack_label(services))
        services.metrics.content(*_pack_label(services))
        watcher = PackWatcher(services.content, services.settings.rolecall_content_poll).start()
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, watcher.wake)
        runner = build_runner(services) if services.settings.rolecall_scheduler else None
        scheduler = start_scheduler(runner, build_forget(services)) if runner is not None else None
        try:
            yield
        finally:
            watcher.stop()
            # uvicorn has stopped taking requests and finished those in progress; now the
            # replies and the digest posts still in flight, together, within DRAIN_SECONDS
            waits: list[Awaitable[object]] = [lazy.drain(DRAIN_SECONDS)]
            if runner is not None and scheduler is not None:
                runner.stopping.set()
                waits.append(_stop_scheduler(scheduler))
            await asyncio.gather(*waits)

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
            *(
                [Route(path, install, methods=["GET"]) for path in ("/slack/install", "/slack/oauth_redirect")]
                if settings.oauth
                else []
            ),
        ],
        middleware=[
            Middleware(BodyLimit, max_bytes=settings.rolecall_max_body_bytes, timeout=settings.rolecall_body_timeout)
        ],
        lifespan=lifespan,
    )


async def _stop_scheduler(scheduler: BackgroundScheduler) -> None:
    """Let a digest run in progress finish its posts (the runner claims nothing new once
    stopping), so none is left in ``sending``; give up after DRAIN_SECONDS."""
    try:
        await asyncio.wait_for(asyncio.to_thread(scheduler.shutdown, wait=True), DRAIN_SECONDS)
    except TimeoutError:
        log.warning("a digest post was still in flight after %ss; a later tick will check it", DRAIN_SECONDS)


def _pack_label(services: Services) -> tuple[str, str]:
    pack = services.content.current.pack
    return pack.info.id, pack.version


def create_asgi() -> Starlette:
    """uvicorn's factory, run in each worker process."""
    settings = load_settings()
    settings.require(*http_requires(settings))
    return create_asgi_app(build_services(settings))


def check_address(host: str, port: int) -> None:
    """Fail with one line if the address cannot be listened on, before uvicorn tries and exits
    with its own code and log. Bound and released at once, as uvicorn binds it (the port could
    still be taken in between; uvicorn then fails as before)."""
    if not 1 <= port <= 65535:
        raise ConfigError(f"--port {port} is out of range; use a port from 1 to 65535.")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror or error}.") from None


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    settings.require(*http_requires(settings))
    check_address(host, port)
    build_services(settings)  # fail here, once, on a bad pack
    config = uvicorn.Config(
        "bot.runtime.server:create_asgi",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http=HeadDeadlineProtocol,
        timeout_keep_alive=settings.rolecall_idle_timeout,
        timeout_graceful_shutdown=HTTP_GRACE,
        limit_concurrency=settings.rolecall_max_connections,
        access_log=False,
        log_level="info",
        log_config=log_config(settings.log_format),
    )
    if not run(config):
        sys.exit(3)  # uvicorn's own code for a server that never started
