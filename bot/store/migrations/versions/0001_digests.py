"""Subscriptions, the digest ledger and each channel's place in the explainer sequence.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("pause_reason", sa.String(64)),
        sa.Column("active_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("team_id", "channel_id", name="uq_subscriptions_team_id"),
    )
    op.create_table(
        "digest_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "subscription_id",
            sa.Integer,
            sa.ForeignKey("subscriptions.id", name="fk_digest_ledger_subscription_id_subscriptions"),
            nullable=False,
        ),
        sa.Column("occurrence", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("explainer_id", sa.String(64), nullable=False),
        sa.Column("cycle", sa.Integer, nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_ts", sa.String(32)),
        sa.Column("error", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("subscription_id", "occurrence", name="uq_digest_ledger_subscription_id"),
    )
    op.create_table(
        "sequence_positions",
        sa.Column(
            "subscription_id",
            sa.Integer,
            sa.ForeignKey("subscriptions.id", name="fk_sequence_positions_subscription_id_subscriptions"),
            primary_key=True,
        ),
        sa.Column("cycle", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sequence_positions")
    op.drop_table("digest_ledger")
    op.drop_table("subscriptions")
