"""Papers: kwitansi numbers per PO and year, drawn papers per version, received media.

Revision 0005, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"


def upgrade() -> None:
    op.create_table(
        "receipt_counters",
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "year", name=op.f("pk_receipt_counters")),
    )
    op.create_table(
        "receipts",
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("payment_id", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "payment_id", name=op.f("pk_receipts")),
        sa.UniqueConstraint(
            "tenant_id", "year", "number", name=op.f("uq_receipts_tenant_id_year_number")
        ),
    )
    op.create_table(
        "papers",
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("file_key", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "kind", "subject_id", "version", name=op.f("pk_papers")
        ),
    )
    op.create_table(
        "media_files",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("wa_message_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("mime_type", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("file_key", sa.String(), nullable=False),
        sa.Column("filename", sa.String(length=240), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_files")),
    )
    op.create_index(
        "ix_media_files_tenant_id_wa_message_id",
        "media_files",
        ["tenant_id", "wa_message_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_media_files_tenant_id_wa_message_id", table_name="media_files")
    op.drop_table("media_files")
    op.drop_table("papers")
    op.drop_table("receipts")
    op.drop_table("receipt_counters")
