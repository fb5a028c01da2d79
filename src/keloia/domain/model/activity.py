"""The paper trail: every change says who did what to which record, with a snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field

from keloia.domain.model.common import TenantRecord

SOURCE_TEXT_MAX = 500


@dataclass(frozen=True)
class MessageSource:
    """The WhatsApp message a transaction's changes come from."""

    wa_message_id: str
    text: str


class ActivityEntry(TenantRecord):
    actor_id: str | None  # None for the system (scheduled jobs)
    action: str  # "booking.created", "payment.recorded", ...
    entity: str  # "booking", "payment", "bus", ...
    entity_id: str
    snapshot: dict[str, Any] = Field(default_factory=dict)
    at: datetime
    # A change made from a WhatsApp message keeps the message: the booking page shows the
    # sentence that caused it. None for a change from the dashboard or a scheduled job.
    source_message_id: str | None = Field(default=None, max_length=200)
    source_text: str = Field(default="", max_length=SOURCE_TEXT_MAX)


# The entities whose record lives on a booking's page, or on a bus's.
ON_BOOKING = frozenset({"booking", "payment", "trip_cost", "konfirmasi", "surat_jalan"})
ON_BUS = frozenset({"bus", "maintenance", "document", "odometer", "kelaikan"})


def ids_of(entry: ActivityEntry, key: str) -> list[str]:
    """The record ids an entry names under `key`: in its snapshot, or before/after."""
    snap = entry.snapshot
    found = [snap.get(key)]
    for side in ("before", "after"):
        if isinstance(snap.get(side), dict):
            found.append(snap[side].get(key))
    return [i for i in found if isinstance(i, str) and i]


def booking_ids(entry: ActivityEntry) -> list[str]:
    """The bookings an entry concerns: its own record's, or the one its payment, cost or
    paper belongs to."""
    own = [entry.entity_id] if entry.entity in ON_BOOKING else []
    return own + ids_of(entry, "booking_id")


def bus_ids(entry: ActivityEntry) -> list[str]:
    """The buses an entry concerns: its own record's, or the one its repair or paper is of."""
    own = [entry.entity_id] if entry.entity in ON_BUS else []
    return own + ids_of(entry, "bus_id")


@dataclass(frozen=True)
class ActivityFilter:
    """Whose changes, or on which bookings, a read of the trail keeps (None: anyone's, on
    any record); both given, an entry must meet both."""

    actor_id: str | None = None
    booking_ids: frozenset[str] | None = None

    def keeps(self, entry: ActivityEntry) -> bool:
        if self.actor_id is not None and entry.actor_id != self.actor_id:
            return False
        return self.booking_ids is None or not self.booking_ids.isdisjoint(booking_ids(entry))


@dataclass(frozen=True)
class ActivityQuery:
    """A read of a PO's trail: its entries at or after `start` and before `end`, only those
    `of` keeps (None: every one). A page of entries and the count of all of them are the
    same query."""

    start: datetime
    end: datetime
    of: ActivityFilter | None = None

    def keeps(self, entry: ActivityEntry) -> bool:
        return self.start <= entry.at < self.end and (self.of is None or self.of.keeps(entry))
