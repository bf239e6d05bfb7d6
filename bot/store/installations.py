"""Each workspace's bot token, from the installations the OAuth flow stored.

The flow itself writes through slack_sdk's ``SQLAlchemyInstallationStore`` (same tables, same
database); this is the read the digest runner needs, which has a subscription's workspace and
organisation but no Slack request to authorize.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, or_, select

from bot.store.repo import Store
from bot.store.tables import bots, installations


def bot_token(store: Store, client_id: str, team_id: str, enterprise_id: str | None = None) -> str | None:
    """The newest bot token for the workspace: its own install, or its organisation's org-wide
    install (Enterprise Grid). None when the app is not installed there (or was uninstalled)."""
    c = bots.c
    own = c.team_id == team_id
    org_wide = and_(c.enterprise_id == enterprise_id, c.is_enterprise_install.is_(True)) if enterprise_id else None
    query = (
        select(c.bot_token)
        .where(c.client_id == client_id, c.bot_token.is_not(None), own if org_wide is None else or_(own, org_wide))
        .order_by(c.installed_at.desc(), c.id.desc())
        .limit(1)
    )
    with store.engine.connect() as db:
        found = db.execute(query).scalar()
    return str(found) if found else None


UNINSTALLED = "app_uninstalled"
TOKENS_REVOKED = "tokens_revoked"
RESUMED_BY_INSTALL = frozenset({UNINSTALLED, TOKENS_REVOKED})
"""Pause reasons a new install lifts: the app is back, with a token."""


def forget_workspace(store: Store, client_id: str | None, team_id: str, reason: str, now: datetime) -> int:
    """The app left the workspace (uninstalled, or its token revoked): delete its stored
    tokens, if installs are stored, and pause its digests with ``reason``; how many paused."""
    if client_id is not None:
        with store.engine.begin() as db:
            for table in (bots, installations):
                db.execute(delete(table).where(table.c.client_id == client_id, table.c.team_id == team_id))
    return store.pause_workspace(team_id, reason, now)
