"""Tables and repositories for papers: kwitansi numbers, drawn papers, received media."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Index,
    Integer,
    PrimaryKeyConstraint,
    Row,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keloia.domain.model.media import MediaFile, MediaKind
from keloia.domain.model.papers import PaperKind, PaperRecord, Receipt

from .repositories import _Repository
from .tables import UtcDateTime, metadata

# One row per PO and year: the last kwitansi number given. Taking a number is one
# UPSERT that increments it; the row lock it takes (PostgreSQL) or the write lock every
# transaction holds (SQLite, BEGIN IMMEDIATE) makes concurrent payments wait their turn.
receipt_counters = Table(
    "receipt_counters",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_number", Integer, nullable=False),
    PrimaryKeyConstraint("tenant_id", "year"),
)

# The numbers given; the unique constraint is the last word against a twin.
receipts = Table(
    "receipts",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("payment_id", String(), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("issued_on", Date, nullable=False),
    PrimaryKeyConstraint("tenant_id", "payment_id"),
    UniqueConstraint("tenant_id", "year", "number"),
)

papers = Table(
    "papers",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("subject_id", String(), nullable=False),
    Column("version", String(64), nullable=False),
    Column("file_key", String(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("tenant_id", "kind", "subject_id", "version"),
)

media_files = Table(
    "media_files",
    metadata,
    Column("id", String(), primary_key=True),
    Column("tenant_id", String(), nullable=False),
    Column("wa_message_id", String(200), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("mime_type", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("file_key", String(), nullable=False),
    Column("filename", String(240), nullable=False),
    Column("caption", Text, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)
Index(
    "ix_media_files_tenant_id_wa_message_id", media_files.c.tenant_id, media_files.c.wa_message_id
)


class _PaperRepository(_Repository):
    def _insert(self, table: Table) -> Any:
        make = pg_insert if self._conn.dialect.name == "postgresql" else sqlite_insert
        return make(table)


def _receipt(row: Row[Any]) -> Receipt:
    return Receipt(
        tenant_id=row.tenant_id,
        payment_id=row.payment_id,
        year=row.year,
        number=row.number,
        issued_on=row.issued_on,
    )


class SqlReceiptRepository(_PaperRepository, roster="receipts"):
    def next_number(self, tenant_id: str, year: int) -> int:
        statement = self._insert(receipt_counters).values(
            tenant_id=tenant_id, year=year, last_number=1
        )
        statement = statement.on_conflict_do_update(
            index_elements=["tenant_id", "year"],
            set_={"last_number": receipt_counters.c.last_number + 1},
        ).returning(receipt_counters.c.last_number)
        return int(self._conn.execute(statement).scalar_one())

    def add(self, receipt: Receipt) -> None:
        self._conn.execute(insert(receipts).values(**receipt.model_dump()))

    def for_payment(self, tenant_id: str, payment_id: str) -> Receipt | None:
        row = self._conn.execute(
            select(receipts).where(
                receipts.c.tenant_id == tenant_id, receipts.c.payment_id == payment_id
            )
        ).first()
        return _receipt(row) if row else None

    def for_payments(self, tenant_id: str, payment_ids: Sequence[str]) -> list[Receipt]:
        if not payment_ids:
            return []
        rows = self._conn.execute(
            select(receipts).where(
                receipts.c.tenant_id == tenant_id, receipts.c.payment_id.in_(list(payment_ids))
            )
        )
        return [_receipt(r) for r in rows]


class SqlPaperRepository(_PaperRepository, roster="papers"):
    def get(
        self, tenant_id: str, kind: PaperKind, subject_id: str, version: str
    ) -> PaperRecord | None:
        row = self._conn.execute(
            select(papers).where(
                papers.c.tenant_id == tenant_id,
                papers.c.kind == kind.value,
                papers.c.subject_id == subject_id,
                papers.c.version == version,
            )
        ).first()
        if row is None:
            return None
        return PaperRecord(
            tenant_id=row.tenant_id,
            kind=PaperKind(row.kind),
            subject_id=row.subject_id,
            version=row.version,
            file_key=row.file_key,
            created_at=row.created_at,
        )

    def add(self, record: PaperRecord) -> None:
        values = record.model_dump() | {"kind": record.kind.value}
        self._conn.execute(self._insert(papers).values(**values).on_conflict_do_nothing())


def _media(row: Row[Any]) -> MediaFile:
    return MediaFile(**{**row._mapping, "kind": MediaKind(row.kind)})


class SqlMediaRepository(_PaperRepository, roster="media"):
    def add(self, media: MediaFile) -> None:
        values = media.model_dump() | {"kind": media.kind.value}
        self._conn.execute(insert(media_files).values(**values))

    def get(self, tenant_id: str, media_id: str) -> MediaFile | None:
        row = self._conn.execute(
            select(media_files).where(
                media_files.c.tenant_id == tenant_id, media_files.c.id == media_id
            )
        ).first()
        return _media(row) if row else None

    def for_message(self, tenant_id: str, wa_message_id: str) -> MediaFile | None:
        row = self._conn.execute(
            select(media_files).where(
                media_files.c.tenant_id == tenant_id,
                media_files.c.wa_message_id == wa_message_id,
            )
        ).first()
        return _media(row) if row else None

    def attach(self, tenant_id: str, media_id: str, entity: str, entity_id: str) -> None:
        self._conn.execute(
            update(media_files)
            .where(media_files.c.tenant_id == tenant_id, media_files.c.id == media_id)
            .values(entity=entity, entity_id=entity_id)
        )
