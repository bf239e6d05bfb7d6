"""Install by OAuth: Bolt's flow, with slack_sdk's SQLAlchemy stores in RoleCall's database.

slack_sdk's async SQLAlchemy stores need an async engine and driver; RoleCall's engine is
synchronous (and already tuned with every timeout), so the synchronous stores run on worker
threads behind the async interfaces Bolt asks for. Their tables come from migration 0004.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

import handlers
from bot.messages import DEFAULT, LANGUAGES, Messages
from bot.store import Store
from bot.store.installations import RESUMED_BY_INSTALL

log = logging.getLogger(__name__)
T = TypeVar("T")

STATE_SECONDS = 600
"""How long an install link stays good: long enough to read Slack's consent page."""
FIND_CACHE_SECONDS = 60.0
"""How long a found installation is reused: every request needs its token, and ``/role`` must
not wait on the database; an uninstall here forgets it at once, on another replica within this."""


class InstallationStore(AsyncInstallationStore):
    """slack_sdk's SQLAlchemy installation store on a worker thread; a new install also resumes
    the workspace's digests that an uninstall paused."""

    def __init__(self, store: Store, client_id: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.sync = SQLAlchemyInstallationStore(client_id=client_id, engine=store.engine, logger=log)
        self._clock = clock
        self._found: dict[tuple[object, ...], tuple[float, object]] = {}

    async def _cached(self, key: tuple[object, ...], load: Callable[[], T]) -> T:
        hit = self._found.get(key)
        if hit is not None and self._clock() - hit[0] < FIND_CACHE_SECONDS:
            return hit[1]  # type: ignore[return-value]  # stored by this same key's load
        try:
            value = await asyncio.to_thread(load)
        except SQLAlchemyError:
            if hit is None:
                raise
            return hit[1]  # type: ignore[return-value]  # the database is down: the last known token still works
        if value is not None:  # a workspace not installed yet may be installed any moment
            self._found[key] = (self._clock(), value)
        return value

    def forget(self) -> None:
        """Drop every cached lookup (a workspace was installed or removed in this process)."""
        self._found.clear()

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        try:
            await asyncio.to_thread(self._save, installation)
        except SQLAlchemyError as error:  # Bolt shows its failure page for a BoltError only
            raise BoltError(f"could not store the installation ({type(error).__name__})") from error

    def _save(self, installation: Installation) -> None:
        self.sync.save(installation)
        self.forget()
        if installation.team_id:
            resumed = self.store.resume_workspace(installation.team_id, RESUMED_BY_INSTALL, datetime.now(UTC))
            log.info("installed in workspace %s; %d paused digest(s) resumed", installation.team_id, resumed)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.sync.save_bot, bot)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        return await self._cached(
            ("bot", enterprise_id, team_id, is_enterprise_install),
            lambda: self.sync.find_bot(
                enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
            ),
        )

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await self._cached(
            ("installation", enterprise_id, team_id, user_id, is_enterprise_install),
            lambda: self.sync.find_installation(
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                is_enterprise_install=is_enterprise_install,
            ),
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self.forget()
        await asyncio.to_thread(self.sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        self.forget()
        await asyncio.to_thread(
            self.sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )


class StateStore(AsyncOAuthStateStore):
    """slack_sdk's SQLAlchemy state store on a worker thread: any replica can finish an install
    another one started, and a state is good once."""

    def __init__(self, store: Store) -> None:
        self.sync = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=store.engine, logger=log)

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        return await asyncio.to_thread(self.sync.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.sync.consume, state)


_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body>{sections}</body></html>
"""
_SECTION = '<section lang="{lang}" dir="{direction}"><h1>{title}</h1><p>{body}</p></section>'


def _page(status: int, say: Callable[[Messages], tuple[str, str]]) -> BoltResponse:
    """The page in every language at once: whoever installs has told RoleCall no language yet."""
    sections = []
    for lang, text in LANGUAGES.items():
        title, body = say(text)
        direction = "rtl" if lang == "fa" else "ltr"
        sections.append(
            _SECTION.format(
                lang=lang,
                direction=direction,
                title=html.escape(title, quote=False),
                body=html.escape(body, quote=False),
            )
        )
    first_title = say(LANGUAGES[DEFAULT])[0]
    page = _PAGE.format(title=html.escape(first_title, quote=False), sections="\n".join(sections))
    return BoltResponse(status=status, body=page, headers={"Content-Type": "text/html; charset=utf-8"})


async def _success(args: AsyncSuccessArgs) -> BoltResponse:
    named = args.installation.team_name or args.installation.enterprise_name
    return _page(200, lambda text: (text.INSTALL_DONE_TITLE, text.install_done(named or text.INSTALL_WORKSPACE)))


async def _failure(args: AsyncFailureArgs) -> BoltResponse:
    """A page that says what went wrong and what to do; nothing has been stored by then."""
    log.warning("install failed: %s", args.reason)

    def say(text: Messages) -> tuple[str, str]:
        why = text.INSTALL_FAILURES.get(args.reason, text.INSTALL_FAILED_OTHER)
        return text.INSTALL_FAILED_TITLE, text.install_failed(why)

    return _page(args.suggested_status_code, say)


def oauth_flow(
    store: Store, client_id: str, client_secret: str, client: AsyncWebClient
) -> tuple[AsyncOAuthFlow, AsyncInstallationStoreAuthorize]:
    """Bolt's install flow with RoleCall's scopes, stores and pages; ``client`` (pointed at
    ``SLACK_API_URL``) makes the ``oauth.v2.access`` call. With it, the authorizer that finds
    each request's token: Bolt's own, but remembering each token's ``auth.test`` answer, so a
    request makes no Web API call before it is answered (Bolt's default makes one every time)."""
    installations = InstallationStore(store, client_id)
    settings = AsyncOAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(handlers.SCOPES),
        installation_store=installations,
        state_store=StateStore(store),
        state_expiration_seconds=STATE_SECONDS,
        callback_options=AsyncCallbackOptions(success=_success, failure=_failure),
        logger=log,
    )
    authorize = AsyncInstallationStoreAuthorize(
        installation_store=installations,
        client_id=client_id,
        client_secret=client_secret,
        logger=log,
        client=client,
        cache_enabled=True,
    )
    return AsyncOAuthFlow(client=client, settings=settings, logger=log), authorize
