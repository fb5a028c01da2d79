"""Repositories for papers: kwitansi numbers, drawn papers, received media."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update

from keloia.domain.model.media import MediaFile
from keloia.domain.model.papers import PaperKind, PaperRecord, Receipt

from .repositories import SqlRecords, _Repository, to_model, to_row
from .tables import media_files, papers, receipt_counters, receipts


class SqlReceiptRepository(_Repository, roster="receipts"):
    def next_number(self, tenant_id: str, year: int) -> int:
        statement = self._upsert(receipt_counters).values(
            tenant_id=tenant_id, year=year, last_number=1
        )
        statement = statement.on_conflict_do_update(
            index_elements=["tenant_id", "year"],
            set_={"last_number": receipt_counters.c.last_number + 1},
        ).returning(receipt_counters.c.last_number)
        return int(self._conn.execute(statement).scalar_one())

    def add(self, receipt: Receipt) -> None:
        self._insert(receipts, to_row(receipt, receipts))

    def for_payment(self, tenant_id: str, payment_id: str) -> Receipt | None:
        row = self._conn.execute(
            select(receipts).where(
                receipts.c.tenant_id == tenant_id, receipts.c.payment_id == payment_id
            )
        ).first()
        return to_model(Receipt, row) if row else None

    def for_payments(self, tenant_id: str, payment_ids: Sequence[str]) -> list[Receipt]:
        if not payment_ids:
            return []
        rows = self._conn.execute(
            select(receipts).where(
                receipts.c.tenant_id == tenant_id, receipts.c.payment_id.in_(list(payment_ids))
            )
        )
        return [to_model(Receipt, r) for r in rows]


class SqlPaperRepository(_Repository, roster="papers"):
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
        return to_model(PaperRecord, row) if row else None

    def add(self, record: PaperRecord) -> None:
        values = to_row(record, papers)
        self._conn.execute(self._upsert(papers).values(**values).on_conflict_do_nothing())


class SqlMediaRepository(SqlRecords[MediaFile], roster="media"):
    table, model, order = media_files, MediaFile, ("received_at", "id")

    def for_message(self, tenant_id: str, wa_message_id: str) -> MediaFile | None:
        found = self._select(
            media_files.c.tenant_id == tenant_id, media_files.c.wa_message_id == wa_message_id
        )
        return found[0] if found else None

    def attach(self, tenant_id: str, media_id: str, entity: str, entity_id: str) -> None:
        self._conn.execute(
            update(media_files)
            .where(media_files.c.tenant_id == tenant_id, media_files.c.id == media_id)
            .values(entity=entity, entity_id=entity_id)
        )
