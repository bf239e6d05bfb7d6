"""The database schema. Alembic migrations in ``migrations/`` create and evolve it.

Times are stored as UTC. The ledger's unique (subscription, occurrence) row is what makes
every digest exactly-once, across restarts and replicas.
"""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which stores naive text) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(32), nullable=False),
    Column("channel_id", String(32), nullable=False),
    # the Enterprise Grid organisation, if any: an org-wide install's token is found by it
    Column("enterprise_id", String(32)),
    Column("weekday", Integer, nullable=False),
    Column("local_time", String(5), nullable=False),
    Column("zone", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    # active, paused (see pause_reason) or off (unsubscribed; the row is kept for history)
    Column("state", String(16), nullable=False),
    Column("pause_reason", String(64)),
    # occurrences before this moment are never posted: a new or changed schedule starts afresh
    Column("active_from", UtcDateTime(), nullable=False),
    Column("changed_by", String(32), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("team_id", "channel_id"),
)

ledger = Table(
    "digest_ledger",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id"), nullable=False),
    Column("occurrence", UtcDateTime(), nullable=False),
    # claimed -> sending -> posted; or failed (retried on a later tick), skipped (channel paused),
    # unknown (a send that may have landed and cannot be checked without the history scope)
    Column("status", String(16), nullable=False),
    Column("explainer_id", String(64), nullable=False),
    Column("cycle", Integer, nullable=False),
    Column("owner", String(64), nullable=False),
    # real time after which another process may take the row over (crash recovery)
    Column("lease_until", UtcDateTime(), nullable=False),
    Column("message_ts", String(32)),
    Column("error", String(64)),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("subscription_id", "occurrence"),
)

sequence_positions = Table(
    "sequence_positions",
    metadata,
    Column("subscription_id", Integer, ForeignKey("subscriptions.id"), primary_key=True),
    # times the channel has been through the whole explainer list; the explainers posted in
    # the current cycle are the ledger's posted rows with this cycle
    Column("cycle", Integer, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

handled_events = Table(
    "handled_events",
    metadata,
    # Slack's event_id: Slack re-sends an event it thinks failed, possibly to another worker or
    # replica, and the first process to insert the id is the one that answers it
    Column("event_id", String(64), primary_key=True),
    Column("handled_at", UtcDateTime(), nullable=False, index=True),
)

user_languages = Table(
    "user_languages",
    metadata,
    # what a person chose with `/role lang` or the App Home selector, per workspace
    Column("team_id", String(32), primary_key=True),
    Column("user_id", String(32), primary_key=True),
    Column("language", String(8), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# slack_sdk's own installation and OAuth state tables, declared by its stores' builders so they
# are exactly what those stores read and write; migration 0004 creates them.
installations = SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
bots = SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")

mention_votes = Table(
    "mention_votes",
    metadata,
    # a "Helpful" / "Not what I asked" press on a mention answer: what was asked and what was
    # answered, so authors can see which questions the pack answers badly; never who pressed
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(32), nullable=False),
    Column("question", String(1000), nullable=False),
    Column("topic", String(400), nullable=False),
    Column("band", String(16), nullable=False),
    Column("vote", String(16), nullable=False),
    Column("pack_version", String(32), nullable=False),
    Column("voted_at", UtcDateTime(), nullable=False, index=True),
)
