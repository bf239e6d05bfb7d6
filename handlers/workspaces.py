"""The app leaving a workspace: ``app_uninstalled`` and ``tokens_revoked`` delete its stored
tokens and pause its digests with the reason, so nothing keeps posting with a dead token and a
reinstall can resume them."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.digests.runner import utc_now
from bot.store.installations import TOKENS_REVOKED, UNINSTALLED, forget_workspace
from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    async def forget(body: dict[str, Any], reason: str) -> None:
        team = body.get("team_id") or ""
        if not team:
            return
        paused = await asyncio.to_thread(
            forget_workspace, services.store, services.oauth_client_id, team, reason, utc_now()
        )
        log.info("workspace %s: %s; its tokens are forgotten and %d digest(s) paused", team, reason, paused)

    async def uninstalled(body: dict[str, Any]) -> None:
        await forget(body, UNINSTALLED)

    async def revoked(body: dict[str, Any], event: dict[str, Any]) -> None:
        if (event.get("tokens") or {}).get("bot"):  # RoleCall holds no user tokens
            await forget(body, TOKENS_REVOKED)

    app.event("app_uninstalled")(ack=acknowledge, lazy=[uninstalled])
    app.event("tokens_revoked")(ack=acknowledge, lazy=[revoked])
