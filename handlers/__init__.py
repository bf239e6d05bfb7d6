"""Thin Bolt listeners: parse the payload, call the core, send the view.

Each module exposes ``register(app, services)``; ``register_all`` wires every one, and
``COMMANDS``/``EVENTS`` name what they handle so a test can hold ``manifest.yml`` to it.
"""

from slack_bolt.async_app import AsyncApp

from handlers import buttons, digest, errors, home, mentions, roles, teams, votes, workspaces
from handlers.deps import Deps

COMMANDS = ("/role", "/teams", "/digest")
EVENTS = ("app_home_opened", "app_mention", "app_uninstalled", "message.im", "tokens_revoked")
SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history", "users:read")
"""Why each: mentions in, replies out, slash commands, direct messages in, and admin check and
time zone for `/digest subscribe`."""


def register_all(app: AsyncApp, services: Deps) -> None:
    for module in (roles, teams, digest, buttons, mentions, votes, home, workspaces, errors):
        module.register(app, services)


__all__ = ["COMMANDS", "EVENTS", "SCOPES", "register_all"]
