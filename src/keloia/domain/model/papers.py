"""The papers a PO hands out (konfirmasi booking, kwitansi, surat jalan, kartu kelaikan):
what each one says, how a kwitansi is numbered and how an amount is written in words.

A paper is described here as plain data; drawing it as a PDF is an adapter's job. The
data's fingerprint is the paper's version: the same data is never drawn twice, changed
data gives a new version."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from pydantic import Field

from keloia.domain.model.common import Entity, Labelled, NonNegativeRupiah, PositiveRupiah, Value


class PaperKind(Labelled):
    CONFIRMATION = "konfirmasi", "konfirmasi booking"
    RECEIPT = "kwitansi", "kwitansi"
    TRIP_SHEET = "surat_jalan", "surat jalan"
    ROADWORTHINESS = "kelaikan", "kartu kelaikan"


# --- amounts in words ---------------------------------------------------------------

_ONES = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))
MAX_TERBILANG = 10**15 - 1


def terbilang(amount: int) -> str:
    """An amount in Indonesian words, as written on a kwitansi: 15_000_000 ->
    "lima belas juta". 100 is "seratus" and 1000 "seribu", but a million is "satu juta"."""
    if not 0 <= amount <= MAX_TERBILANG:
        raise ValueError(f"terbilang covers 0..{MAX_TERBILANG}")
    return _words(amount)


def _words(n: int) -> str:
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh{_rest(n % 10)}"
    if n < 200:
        return f"seratus{_rest(n - 100)}"
    if n < 1000:
        return f"{_ONES[n // 100]} ratus{_rest(n % 100)}"
    if n < 2000:
        return f"seribu{_rest(n - 1000)}"
    if n < 10**6:
        return f"{_words(n // 1000)} ribu{_rest(n % 1000)}"
    for scale, name in _SCALES:
        if n >= scale:
            return f"{_words(n // scale)} {name}{_rest(n % scale)}"
    raise AssertionError("unreachable")  # pragma: no cover


def _rest(n: int) -> str:
    return f" {_words(n)}" if n else ""


def rupiah_in_words(amount: int) -> str:
    """ "lima belas juta rupiah": the amount as the kwitansi spells it."""
    return f"{terbilang(amount)} rupiah"


# --- kwitansi numbers ---------------------------------------------------------------


class Receipt(Entity):
    """A payment's kwitansi number: per PO and per year, 1, 2, 3... without a gap. The
    number is taken in the same transaction that records the payment, so a payment that
    is not recorded takes no number."""

    tenant_id: str
    payment_id: str
    year: int = Field(ge=2000, le=9999)
    number: int = Field(ge=1)
    issued_on: date

    @property
    def code(self) -> str:
        return receipt_code(self.year, self.number)


def receipt_code(year: int, number: int) -> str:
    """KW/2026/0007: the number printed on the kwitansi."""
    return f"KW/{year}/{number:04d}"


# --- what each paper says -------------------------------------------------------------


class Letterhead(Value):
    """The PO at the top of every paper, from its settings."""

    name: str
    address: str = ""
    phone: str = ""
    logo_key: str = ""  # a file in the PO's file store (PNG or JPEG)


class BusLine(Value):
    name: str
    plate: str = ""
    seats: int | None = None
    driver: str = ""
    driver_phone: str = ""
    co_driver: str = ""


class TripPaper(Value):
    """What every paper about a trip says about it."""

    letterhead: Letterhead
    booking_id: str
    issued_on: date
    client_name: str
    client_phone: str = ""
    route_from: str = ""
    route_to: str = ""
    depart_date: date
    return_date: date
    pickup_time: time | None = None
    pickup_place: str = ""
    passengers: int | None = None


class _Billed:
    """A paper that shows a booking's price. A price of 0 is one not agreed yet
    (Booking.priced): shown as such, never as Rp0 or LUNAS."""

    if TYPE_CHECKING:  # the field is each paper's own (a mixin's would come first)
        price: int

    @property
    def priced(self) -> bool:
        return self.price > 0


class ConfirmationPaper(TripPaper, _Billed):
    kind: PaperKind = PaperKind.CONFIRMATION
    bus_count: int
    buses: tuple[BusLine, ...] = ()
    price: NonNegativeRupiah
    down_payment: NonNegativeRupiah  # what was paid as DP so far
    paid: NonNegativeRupiah  # net of refunds
    balance: int
    settlement_due: date
    cancellation_policy: str = ""
    status_label: str = ""


class ReceiptPaper(Value, _Billed):
    """The kwitansi of one payment and, when money is still owed, the invoice for it."""

    kind: PaperKind = PaperKind.RECEIPT
    letterhead: Letterhead
    code: str
    issued_on: date
    payment_id: str
    client_name: str
    amount: PositiveRupiah
    amount_words: str
    purpose: str  # "DP sewa bus Jogja - Semarang, 15-16 Maret 2026"
    method: str = ""
    paid_date: date
    price: NonNegativeRupiah
    paid_total: NonNegativeRupiah  # every payment so far, net of refunds
    balance: int
    settlement_due: date
    received_by: str = ""


class TripSheetPaper(TripPaper):
    kind: PaperKind = PaperKind.TRIP_SHEET
    bus: BusLine | None = None  # None: the bus is still to be assigned
    uang_jalan: NonNegativeRupiah = 0  # 0: not set, a line to fill in by hand
    notes: str = ""


class DocumentLine(Value):
    label: str
    number: str = ""
    expires_on: date
    valid: bool


class RoadworthinessPaper(Value):
    kind: PaperKind = PaperKind.ROADWORTHINESS
    letterhead: Letterhead
    bus_id: str
    issued_on: date
    bus: BusLine
    documents: tuple[DocumentLine, ...]
    missing: tuple[str, ...] = ()  # labels of the documents the bus has no record of

    @property
    def roadworthy(self) -> bool:
        return not self.missing and all(d.valid for d in self.documents)


Paper = ConfirmationPaper | ReceiptPaper | TripSheetPaper | RoadworthinessPaper


def paper_version(paper: Paper) -> str:
    """The fingerprint of what a paper says. The issue date is left out: a paper asked for
    again tomorrow with the same data is the same paper, not a new version."""
    data = paper.model_dump_json(exclude={"issued_on"})
    return hashlib.sha256(data.encode()).hexdigest()[:16]


class PaperRecord(Entity):
    """A paper that was drawn and kept: one per version of its data."""

    tenant_id: str
    kind: PaperKind
    subject_id: str  # the booking, payment, or bus it is about (+ the bus for a surat jalan)
    version: str
    file_key: str
    created_at: datetime


def paper_filename(kind: PaperKind, label: str, day: date) -> str:
    """konfirmasi-pak-agus-2026-03-15.pdf: a name that says what it is on a phone."""
    slug = "".join(c if c.isalnum() else "-" for c in label.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:40] or "dokumen"
    return f"{kind.value.replace('_', '-')}-{slug}-{day.isoformat()}.pdf"
