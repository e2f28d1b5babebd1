"""stored claim links and the terms they were found with (incremental propositions)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_views",
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=16), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_link_views_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_link_views")),
    )
    with op.batch_alter_table("link_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_views_document_id"), ["document_id"], unique=False)
    op.create_table(
        "claim_links",
        sa.Column("claim_a", sa.String(length=32), nullable=False),
        sa.Column("claim_b", sa.String(length=32), nullable=False),
        sa.Column("doc_a", sa.String(length=16), nullable=False),
        sa.Column("doc_b", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["doc_a"], ["documents.id"], name=op.f("fk_claim_links_doc_a_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["doc_b"], ["documents.id"], name=op.f("fk_claim_links_doc_b_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_a", "claim_b", name=op.f("pk_claim_links")),
    )
    with op.batch_alter_table("claim_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_links_doc_a"), ["doc_a"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_links_doc_b"), ["doc_b"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_links_doc_b"))
        batch_op.drop_index(batch_op.f("ix_claim_links_doc_a"))
    op.drop_table("claim_links")
    with op.batch_alter_table("link_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_views_document_id"))
    op.drop_table("link_views")
