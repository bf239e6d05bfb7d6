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
from bot.digests.workspaces import InstalledWorkspaces, OneWorkspace, Posters
from bot.runtime.metrics import METRICS
from bot.runtime.oauth import oauth_flow
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


def _bot_token(settings: Settings) -> str | None:
    """The one token of single-workspace mode; in OAuth mode each request's comes from its install."""
    if settings.oauth or settings.slack_bot_token is None:
        return None
    return settings.slack_bot_token.get_secret_value()


def web_client(settings: Settings) -> AsyncWebClient:
    token = _bot_token(settings)
    return AsyncWebClient(token=token, base_url=settings.slack_api_url, retry_handlers=retry_handlers())


def digest_client(
    settings: Settings, pacer: Pacer | None = None, timeout: int = DIGEST_TIMEOUT, token: str | None = None
) -> WebClient:
    """The synchronous client ``run_due`` posts with, from worker threads.

    429s wait for Retry-After, by the SDK's own handler. A post that failed with a 5xx, a
    timeout or a dropped connection is deliberately not retried here: it may have landed, so
    the ledger leaves it in ``sending`` and a later tick checks the channel first. Reads (that
    history check) are retried on 5xx. ``token`` is a workspace's own (OAuth mode).
    """
    return WebClient(
        token=token or _bot_token(settings),
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            PacedRateLimitRetryHandler(pacer, max_retry_count=10, on_retry=METRICS.retry)
            if pacer
            else RateLimitErrorRetryHandler(10),
            ReadServerErrorRetryHandler(max_retry_count=3),
        ],
    )


def build_services(settings: Settings) -> Services:
    """Load (and so validate) the content pack and bring the database schema up to date.

    Raises ``ContentError`` on a bad pack and ``StoreError`` on an unusable database.
    """
    content = ContentHolder(settings.content_dirs, settings.rolecall_default_lang)
    engine = make_engine(settings.database_url, settings.db_limits)
    upgrade(engine)
    return Services(settings=settings, content=content, store=Store(engine))


def digest_posters(services: Services) -> Posters:
    """One client and pacer (single token), or each installed workspace's own (OAuth)."""
    settings = services.settings
    if settings.oauth:
        assert settings.slack_client_id is not None
        return InstalledWorkspaces(
            services.store,
            settings.slack_client_id,
            make_client=lambda token, pacer: digest_client(settings, pacer, token=token),
            make_pacer=lambda: Pacer(settings.rolecall_digest_rate),
        )
    pacer = Pacer(settings.rolecall_digest_rate)
    return OneWorkspace(digest_client(settings, pacer), pacer)


def build_runner(services: Services) -> DigestRunner:
    return DigestRunner(
        services.store,
        services.content,
        digest_posters(services),
        render_digest,
        report=lambda outcome: services.metrics.digest(outcome.result),
    )


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
    settings = services.settings
    secret = settings.slack_signing_secret
    client = client or web_client(settings)
    flow, authorize = None, None
    if settings.oauth:  # each request's token comes from its workspace's (or org's) install
        assert settings.slack_client_id is not None and settings.slack_client_secret is not None
        flow, authorize = oauth_flow(
            services.store, settings.slack_client_id, settings.slack_client_secret.get_secret_value(), client
        )
    app = AsyncApp(
        client=client,
        signing_secret=secret.get_secret_value() if secret else "unused",
        request_verification_enabled=verify_requests,
        process_before_response=True,
        oauth_flow=flow,
        authorize=authorize,  # type: ignore[arg-type]  # Bolt accepts an AsyncAuthorize; its hint says only a function
    )
    handlers.register_all(app, services)
    return app
