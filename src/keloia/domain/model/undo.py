"""Taking back what was just saved: which records a person may void or correct by chat,
found from the paper trail (domain/model/activity.py), the same day only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.bookings import BookingStatus

# The words that take back a record just saved ("hapus yang barusan", "batalin yg td",
# "undo") and those that point at it ("barusan", "yg terakhir"): the one list the reader
# (adapters/rules/intents.py) and the news told (model/news.py) spell them by. Never "batal"
# or "ga jadi" alone: they also call off a trip or work on a bus ("batal servis").
TAKE_BACK = (
    r"hapus|hapusin|hapuskan|dihapus|dihapusin|apus|apusin|diapus|delete|undo|batalin|batalkan"
    r"|dibatalin|dibatalkan|cancel|dicancel|urungkan|buang|tarik"
    r"|busak|busaken|dibusak"  # Javanese "busak" (erase)
)
# Suroboyoan "sing mau" (the one earlier: "busak biaya solar sing mau tak input").
JUST_SAVED = (
    r"barusan|brusan|bru\s+aja|tadi|td|terakhir|trakhir|sing\s+mau"
    # "booking PT Sinar Jaya yg baru disimpen": the one just saved.
    r"|(?:yg|yang)\s+baru\s+(?:di)?(?:simpen|simpan|catat|catet|input)\w*"
)


class RecordKind(StrEnum):
    PAYMENT = "payment"
    MAINTENANCE = "maintenance"
    DOCUMENT = "document"
    TRIP_COST = "trip_cost"
    ODOMETER = "odometer"  # a bus's reading
    BOOKING = "booking"  # a booking made or changed


RECORD_LABELS = {
    RecordKind.PAYMENT: "pembayaran",
    RecordKind.MAINTENANCE: "catatan perawatan",
    RecordKind.DOCUMENT: "catatan dokumen",
    RecordKind.TRIP_COST: "biaya trip",
    RecordKind.BOOKING: "perubahan booking",  # a change or a status (konfirmasi, selesai, batal)
    RecordKind.ODOMETER: "catatan odometer",
}

# The trail entries that leave something its author may take back the same day. A
# correction is itself such an entry: it can be corrected or voided in turn.
SAVED_ACTIONS: dict[str, RecordKind] = {
    "payment.recorded": RecordKind.PAYMENT,
    "payment.corrected": RecordKind.PAYMENT,
    "maintenance.logged": RecordKind.MAINTENANCE,
    "maintenance.corrected": RecordKind.MAINTENANCE,
    "document.added": RecordKind.DOCUMENT,
    "document.renewed": RecordKind.DOCUMENT,
    "document.corrected": RecordKind.DOCUMENT,
    "trip_cost.recorded": RecordKind.TRIP_COST,
    "trip_cost.corrected": RecordKind.TRIP_COST,
    "booking.created": RecordKind.BOOKING,
    "booking.updated": RecordKind.BOOKING,
    # A status set by mistake ("konfirmasi booking bu lilis", then "batal yang tadi").
    "booking.confirmed": RecordKind.BOOKING,
    "booking.completed": RecordKind.BOOKING,
    "booking.cancelled": RecordKind.BOOKING,
    "bus.odometer": RecordKind.ODOMETER,
    "odometer.corrected": RecordKind.ODOMETER,
}


# A booking's status taken back, in words, by the status taken back: what is proposed
# ("batalkan konfirmasi"), what the person did ("Anda konfirmasi"), what is done.
STATUS_TAKEN_BACK = {
    BookingStatus.CONFIRMED: (
        "batalkan konfirmasi",
        "Anda konfirmasi",
        "konfirmasi booking {} dibatalkan",
    ),
    BookingStatus.COMPLETED: (
        "batalkan tanda selesai",
        "Anda tandai selesai",
        "tanda selesai booking {} dibatalkan",
    ),
    BookingStatus.CANCELLED: (
        "aktifkan lagi",
        "Anda batalkan",
        "booking {} yang dibatalkan aktif lagi",
    ),
}


def saved_values(entry: ActivityEntry) -> dict[str, Any]:
    """The record as it stands after the entry (a correction keeps it under "after")."""
    after = entry.snapshot.get("after")
    return after if isinstance(after, dict) else entry.snapshot


def voided_action(kind: RecordKind) -> str:
    return f"{kind.value}.voided"


def corrected_action(kind: RecordKind) -> str:
    return f"{kind.value}.corrected"


def saved_today(
    entries: Iterable[ActivityEntry], actor_id: str, today: date, zone: str, *, anyone: bool = False
) -> list[ActivityEntry]:
    """What `actor_id` saved on the local `today` and nobody has taken back since, newest
    first; one entry per record (its latest). `anyone` (the owner's scope, permissions
    TAKEN_BACK): what anyone in the PO saved, the actor's own first."""
    tz = ZoneInfo(zone)
    latest: dict[str, tuple[int, ActivityEntry]] = {}
    for n, entry in enumerate(entries):  # oldest first
        if entry.at.astimezone(tz).date() != today:
            continue
        # A record taken back by anyone (the owner correcting the admin's) is gone for all.
        if entry.action.endswith(".voided"):
            latest.pop(entry.entity_id, None)
            continue
        before = entry.snapshot.get("before")
        if entry.action.endswith(".corrected") and isinstance(before, dict):
            latest.pop(str(before.get("id")), None)  # a payment corrected under a new id
            latest.pop(entry.entity_id, None)  # the record now stands as corrected
        if entry.action in SAVED_ACTIONS and (anyone or entry.actor_id == actor_id):
            latest[entry.entity_id] = (n, entry)
    # Newest first; entries of one moment in the order written (a booking's DP after it).
    # The actor's own come before anyone else's: "hapus yang barusan" is one's own.
    ordered = sorted(
        latest.values(),
        key=lambda ne: (ne[1].actor_id == actor_id, ne[1].at, ne[0]),
        reverse=True,
    )
    return [entry for _, entry in ordered]


def near(day: date, anchor: date) -> date:
    """A corrected date is near the date it corrects: "tgl 28" said of a payment of the
    30th is the 28th of that month, not of the next (bare days are read forward)."""
    if abs((day - anchor).days) <= 20:
        return day
    candidates = []
    for shift in (-1, 0, 1):
        index = anchor.year * 12 + anchor.month - 1 + shift
        try:
            candidates.append(date(index // 12, index % 12 + 1, day.day))
        except ValueError:
            continue
    return min(candidates, key=lambda c: abs((c - anchor).days), default=day)


def day_start(today: date, zone: str) -> datetime:
    """The first instant of the local day, to read the trail from."""
    return datetime(today.year, today.month, today.day, tzinfo=ZoneInfo(zone))
