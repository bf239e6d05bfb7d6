"""Composition root: build the Bolt ``AsyncApp`` and hand every listener its services.

This is the only module, with ``server``/``console``/``cli``, that knows both Bolt and
the core; the core never imports ``slack_bolt``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot.commands.digest import render_digest
from bot.digests.pacing import PacedRateLimitRetryHandler, Pacer
from bot.digests.retries import ReadServerErrorRetryHandler
from bot.digests.runner import DigestRunner
from bot.runtime.services import Services
from bot.settings import Settings
from bot.snapshot import ContentHolder
from bot.store import Store, make_engine, upgrade
from bot.store.votes import Votes

DIGEST_TIMEOUT = 15
"""Seconds a digest call may take; a post that times out is checked in the channel, not resent."""


def retry_handlers() -> list[AsyncRetryHandler]:
    """Honour Retry-After on 429 and retry 5xx and dropped connections, as the SDK does best."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=2),
        AsyncServerErrorRetryHandler(max_retry_count=2),
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
    ]


def web_client(settings: Settings) -> AsyncWebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(token=token, base_url=settings.slack_api_url, retry_handlers=retry_handlers())


def digest_client(settings: Settings, pacer: Pacer | None = None, timeout: int = DIGEST_TIMEOUT) -> WebClient:
    """The synchronous client ``run_due`` posts with, from worker threads.

    429s wait for Retry-After, by the SDK's own handler. A post that failed with a 5xx, a
    timeout or a dropped connection is deliberately not retried here: it may have landed, so
    the ledger leaves it in ``sending`` and a later tick checks the channel first. Reads (that
    history check) are retried on 5xx.
    """
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            PacedRateLimitRetryHandler(pacer, max_retry_count=10) if pacer else RateLimitErrorRetryHandler(10),
            ReadServerErrorRetryHandler(max_retry_count=3),
        ],
    )


def build_services(settings: Settings) -> Services:
    """Load (and so validate) the content pack and bring the database schema up to date.

    Raises ``ContentError`` on a bad pack and ``StoreError`` on an unusable database.
    """
    content = ContentHolder(settings.rolecall_content_dir, settings.rolecall_default_lang)
    engine = make_engine(settings.database_url, settings.db_limits)
    upgrade(engine)
    return Services(settings=settings, content=content, store=Store(engine))


def build_runner(services: Services) -> DigestRunner:
    pacer = Pacer(services.settings.rolecall_digest_rate)
    client = digest_client(services.settings, pacer)
    return DigestRunner(services.store, services.content, client, render_digest, pacer=pacer)


def build_forget(services: Services) -> Callable[[], int]:
    """The retention sweep the scheduler runs daily: votes, and the questions in them, older than
    ``ROLECALL_RETENTION_DAYS`` are deleted."""
    votes = Votes(services.store)
    days = services.settings.rolecall_retention_days
    return lambda: votes.prune(datetime.now(UTC) - timedelta(days=days))


class _DropClientTokenWarning(logging.Filter):
    """Bolt warns that the token is unused whenever ``SLACK_BOT_TOKEN`` is set and a client is
    given. RoleCall always gives a client (for its retry handlers and ``SLACK_API_URL``) built
    from that same token, so the warning would greet every operator on every start for nothing."""

    message = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


_BOLT_LOG = logging.getLogger(f"slack_bolt.{AsyncApp.__name__}")
if not any(isinstance(f, _DropClientTokenWarning) for f in _BOLT_LOG.filters):
    _BOLT_LOG.addFilter(_DropClientTokenWarning())


def build_app(services: Services, client: AsyncWebClient | None = None, verify_requests: bool = True) -> AsyncApp:
    """The one Bolt app behind HTTP, Socket Mode and the console."""
    secret = services.settings.slack_signing_secret
    app = AsyncApp(
        client=client or web_client(services.settings),
        signing_secret=secret.get_secret_value() if secret else "unused",
        request_verification_enabled=verify_requests,
        process_before_response=True,
    )
    handlers.register_all(app, services)
    return app
