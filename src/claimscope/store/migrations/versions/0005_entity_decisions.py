"""reviewer decisions on entities (merge, keep apart)

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
        "entity_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("into", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_decisions")),
    )
    with op.batch_alter_table("entity_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_decisions_entity"), ["entity"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entity_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_decisions_entity"))

    op.drop_table("entity_decisions")
