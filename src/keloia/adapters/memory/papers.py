"""In-memory kwitansi numbers, drawn papers and received media (the fakes of the ports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from keloia.domain.model.media import MediaFile
from keloia.domain.model.papers import PaperKind, PaperRecord, Receipt

if TYPE_CHECKING:
    from .storage import MemoryState


class MemoryReceipts:
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def next_number(self, tenant_id: str, year: int) -> int:
        # The unit of work holds the one lock, so this read-and-increment is atomic.
        number = self.state.receipt_counters.get((tenant_id, year), 0) + 1
        self.state.receipt_counters[(tenant_id, year)] = number
        return number

    def add(self, receipt: Receipt) -> None:
        key = (receipt.tenant_id, receipt.payment_id)
        taken = {(r.tenant_id, r.year, r.number) for r in self.state.receipts.values()}
        if key in self.state.receipts or (
            (receipt.tenant_id, receipt.year, receipt.number) in taken
        ):
            raise ValueError("a kwitansi number or payment is used twice")
        self.state.receipts[key] = receipt.model_copy()

    def for_payment(self, tenant_id: str, payment_id: str) -> Receipt | None:
        found = self.state.receipts.get((tenant_id, payment_id))
        return found.model_copy() if found else None

    def for_payments(self, tenant_id: str, payment_ids: Sequence[str]) -> list[Receipt]:
        return [
            r.model_copy()
            for p in payment_ids
            if (r := self.state.receipts.get((tenant_id, p))) is not None
        ]


class MemoryPapers:
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def get(
        self, tenant_id: str, kind: PaperKind, subject_id: str, version: str
    ) -> PaperRecord | None:
        found = self.state.papers.get((tenant_id, kind, subject_id, version))
        return found.model_copy() if found else None

    def add(self, record: PaperRecord) -> None:
        key = (record.tenant_id, record.kind, record.subject_id, record.version)
        self.state.papers.setdefault(key, record.model_copy())


class MemoryMedia:
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def add(self, media: MediaFile) -> None:
        self.state.media[media.id] = media.model_copy()

    def get(self, tenant_id: str, media_id: str) -> MediaFile | None:
        found = self.state.media.get(media_id)
        return found.model_copy() if found and found.tenant_id == tenant_id else None

    def for_message(self, tenant_id: str, wa_message_id: str) -> MediaFile | None:
        for media in self.state.media.values():
            if media.tenant_id == tenant_id and media.wa_message_id == wa_message_id:
                return media.model_copy()
        return None

    def attach(self, tenant_id: str, media_id: str, entity: str, entity_id: str) -> None:
        found = self.state.media.get(media_id)
        if found is not None and found.tenant_id == tenant_id:
            update = {"entity": entity, "entity_id": entity_id}
            self.state.media[media_id] = found.model_copy(update=update)
