"""Votes on mention answers: the question, the topic, the band and the pack version, no user.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mention_votes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("question", sa.String(1000), nullable=False),
        sa.Column("topic", sa.String(400), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("vote", sa.String(16), nullable=False),
        sa.Column("pack_version", sa.String(32), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mention_votes"),
    )
    op.create_index("ix_mention_votes_voted_at", "mention_votes", ["voted_at"])


def downgrade() -> None:
    op.drop_index("ix_mention_votes_voted_at", table_name="mention_votes")
    op.drop_table("mention_votes")
