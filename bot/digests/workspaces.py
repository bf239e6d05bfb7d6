"""Which client, and which pacer, posts a subscription's digest.

With one ``SLACK_BOT_TOKEN`` every channel is in one workspace: one client, one pacer. With
OAuth installs each workspace has its own token and its own posting cap, so each gets its own
client and its own ``Pacer``: a workspace that meets 429s waits alone, and never slows another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from slack_sdk import WebClient

from bot.digests.pacing import Pacer
from bot.store import Store, Subscription
from bot.store.installations import bot_token


@dataclass(frozen=True)
class Poster:
    client: WebClient
    pacer: Pacer | None


class Posters(Protocol):
    def poster(self, sub: Subscription) -> Poster | None:
        """The workspace's poster, or None when RoleCall has no token there (not installed)."""


class OneWorkspace:
    """The single-token mode: the same client and pacer for every subscription."""

    def __init__(self, client: WebClient, pacer: Pacer | None = None) -> None:
        self._poster = Poster(client, pacer)

    def poster(self, sub: Subscription) -> Poster | None:
        return self._poster


class InstalledWorkspaces:
    """OAuth mode: each workspace's newest stored token, with a pacer per workspace.

    Clients are cached per (workspace, token), so a reinstall's new token is used at once;
    pacers per workspace, so its pace survives the token changing."""

    def __init__(
        self,
        store: Store,
        client_id: str,
        make_client: Callable[[str, Pacer], WebClient],
        make_pacer: Callable[[], Pacer],
    ) -> None:
        self._store = store
        self._client_id = client_id
        self._make_client = make_client
        self._make_pacer = make_pacer
        self._pacers: dict[str, Pacer] = {}
        self._clients: dict[tuple[str, str], WebClient] = {}
        self._lock = threading.Lock()

    def poster(self, sub: Subscription) -> Poster | None:
        token = bot_token(self._store, self._client_id, sub.team_id, sub.enterprise_id)
        if token is None:
            return None
        with self._lock:
            pacer = self._pacers.setdefault(sub.team_id, self._make_pacer())
            key = (sub.team_id, token)
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = self._make_client(token, pacer)
            return Poster(client, pacer)
