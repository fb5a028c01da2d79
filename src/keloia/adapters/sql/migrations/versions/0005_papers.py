"""Papers: kwitansi numbers per PO and year, drawn papers per version, received media.

Revision 0005, 2026-11-30."""

from __future__ import annotations

from alembic import op

from keloia.adapters.sql.ddl import (
    bigint,
    day,
    index,
    instant,
    integer,
    key,
    primary_key,
    string,
    tenant_record,
    text,
    unique,
)

revision: str = "0005"
down_revision: str | None = "0004"


def upgrade() -> None:
    op.create_table(
        "receipt_counters",
        key("tenant_id"),
        integer("year"),
        integer("last_number"),
        primary_key("receipt_counters", "tenant_id", "year"),
    )
    op.create_table(
        "receipts",
        key("tenant_id"),
        key("payment_id"),
        integer("year"),
        integer("number"),
        day("issued_on"),
        primary_key("receipts", "tenant_id", "payment_id"),
        unique("receipts", "tenant_id", "year", "number"),
    )
    op.create_table(
        "papers",
        key("tenant_id"),
        string("kind", 20),
        key("subject_id"),
        string("version", 64),
        string("file_key"),
        instant("created_at"),
        primary_key("papers", "tenant_id", "kind", "subject_id", "version"),
    )
    op.create_table(
        "media_files",
        *tenant_record("media_files"),
        string("wa_message_id", 200),
        string("kind", 12),
        string("mime_type", 200),
        bigint("size"),
        string("file_key"),
        string("filename", 240),
        text("caption"),
        string("entity", 40),
        key("entity_id"),
        instant("received_at"),
    )
    index("media_files", "tenant_id", "wa_message_id")


def downgrade() -> None:
    op.drop_index("ix_media_files_tenant_id_wa_message_id", table_name="media_files")
    op.drop_table("media_files")
    op.drop_table("papers")
    op.drop_table("receipts")
    op.drop_table("receipt_counters")
