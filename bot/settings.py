"""Configuration from the environment (the names are the public contract in the README).

Secrets are ``SecretStr`` so they never show up in a log line or a traceback repr.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.catalog import BUNDLED_DIR
from bot.errors import ConfigError
from bot.store.limits import Limits

__all__ = ["ConfigError", "Settings", "load_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False, frozen=True)

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    """With ``SLACK_CLIENT_SECRET``: install by OAuth into many workspaces, tokens in the database."""
    slack_client_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = "sqlite:///rolecall.db"
    rolecall_content_dir: str = Field(default=str(BUNDLED_DIR), min_length=1)
    """The pack's folder; or several, separated by ``os.pathsep``: the bundled pack, then overlays."""
    rolecall_content_poll: float = Field(default=5.0, ge=0, le=3600)
    """Seconds between checks of the pack's files for changes (each process reloads on its own);
    0 turns polling off, leaving SIGHUP."""
    rolecall_admins: str = ""
    rolecall_scheduler: bool = True
    rolecall_default_lang: Literal["en", "fa"] = "en"
    """The language of anyone who has not chosen one (and of Latin-script text)."""
    rolecall_digest_rate: float = Field(default=10.0, gt=0, le=1000)
    """Digest posts per second across the workspace; Slack's cap is undocumented, so stay modest."""
    rolecall_db_connect_timeout: int = Field(default=5, ge=2, le=300)
    """Seconds to open a database connection; libpq counts whole seconds, at least 2."""
    rolecall_db_statement_timeout: float = Field(default=5.0, gt=0, le=3600)
    """Seconds a statement may run (and, on SQLite, wait for a lock) before it fails."""
    rolecall_db_pool_timeout: float = Field(default=5.0, gt=0, le=3600)
    """Seconds to wait for a free pooled connection when every one is busy."""
    rolecall_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    """Largest request body read; Slack's own payloads are far smaller, so anything bigger is refused."""
    rolecall_body_timeout: float = Field(default=10.0, gt=0, le=300)
    """Seconds a client may take to send a request body, so slow uploads cannot hold a worker."""
    rolecall_idle_timeout: int = Field(default=5, ge=1, le=300)
    """Seconds a connection may sit without sending a whole request head, new or kept alive."""
    rolecall_max_connections: int = Field(default=1000, ge=1)
    """Open connections per worker before new requests are answered 503."""
    rolecall_retention_days: int = Field(default=90, ge=1, le=3650)
    """Days a vote (with the question it was on) is kept before the scheduler deletes it."""
    log_format: Literal["text", "json"] = "text"

    @field_validator("slack_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must be a bot token starting with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must be an app-level token starting with xapp-")
        return value

    @field_validator("rolecall_admins")
    @classmethod
    def _admins(cls, value: str) -> str:
        for entry in filter(None, (u.strip() for u in value.split(","))):
            team, _, user = entry.rpartition(":")
            if team and (not team.isalnum() or team[0] not in "TE"):
                raise ValueError(f"{entry!r} does not name a workspace like T012ABCDEF:U012ABCDEF")
            if not user.isalnum() or user[0] not in "UW":
                raise ValueError(f"{entry!r} is not a Slack user id like U012ABCDEF or T012ABCDEF:U012ABCDEF")
        return value

    @property
    def content_dirs(self) -> tuple[Path, ...]:
        return content_dirs(self.rolecall_content_dir)

    @property
    def db_limits(self) -> Limits:
        return Limits(
            connect=self.rolecall_db_connect_timeout,
            statement=self.rolecall_db_statement_timeout,
            pool=self.rolecall_db_pool_timeout,
        )

    @property
    def oauth(self) -> bool:
        """Many-workspace mode: both OAuth credentials are set."""
        return bool(self.slack_client_id) and self.slack_client_secret is not None

    @property
    def admins(self) -> frozenset[str]:
        return frozenset(filter(None, (u.strip() for u in self.rolecall_admins.split(","))))

    def require(self, *names: str) -> None:
        """Fail with the first missing variable, for the modes that need it."""
        for name in names:
            if getattr(self, name) is None:
                raise ConfigError(f"{name.upper()} is not set; {_WHY[name]}")


def content_dirs(text: str) -> tuple[Path, ...]:
    """Folders from an ``os.pathsep`` list (``:`` on Unix), empty entries skipped."""
    return tuple(Path(part) for part in text.split(os.pathsep) if part)


_WHY = {
    "slack_bot_token": "set it to the app's Bot User OAuth Token (xoxb-…), from the app's OAuth & Permissions page.",
    "slack_signing_secret": "set it to the Signing Secret from the app's Basic Information page.",
    "slack_app_token": "Socket Mode needs an app-level token (xapp-…) with the connections:write scope.",
}


def load_settings() -> Settings:
    """Read the environment; turn pydantic's report into one line naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        raise ConfigError(f"{name} is invalid: {first['msg']}") from None
