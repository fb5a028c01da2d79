"""Money received or returned for a booking. Integer rupiah only."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from keloia.domain.model.common import PositiveRupiah, TenantRecord


class PaymentType(StrEnum):
    DP = "dp"  # down payment, "uang muka", "panjar"
    PELUNASAN = "pelunasan"  # settlement
    REFUND = "refund"  # money returned to the client
    OTHER = "other"  # overtime, extra stops, anything else


PAYMENT_LABELS = {
    PaymentType.DP: "DP",
    PaymentType.PELUNASAN: "pelunasan",
    PaymentType.REFUND: "refund",
    PaymentType.OTHER: "pembayaran lain",
}


def payment_label(kind: PaymentType, owed_after: int) -> str:
    """A payment as people name it. A pelunasan that leaves part of the price owed pays
    the trip off in part: "pelunasan sebagian", so nobody reads the trip as paid off.
    `owed_after` is what the client of a live booking still owes once it is in."""
    label = PAYMENT_LABELS[kind]
    return f"{label} sebagian" if kind is PaymentType.PELUNASAN and owed_after > 0 else label


class Payment(TenantRecord):
    booking_id: str
    type: PaymentType
    amount: PositiveRupiah
    method: str | None = Field(default=None, pattern=r"^(cash|qris|transfer(_[a-z0-9]+)?)$")
    paid_date: date
    note: str = Field(default="", max_length=300)
    # The person said this payment goes beyond what is owed (a tip, a deposit for a later trip).
    overpayment: bool = False
    recorded_by: str
    created_at: datetime
    # A reversal: the id of the payment this record takes back (recorded by mistake). The
    # ledger only grows; a reversal keeps the original's type, amount and paid date.
    reverses: str | None = None
    # Of a refund that lowered a cancelled booking's fee (money given back beyond it): the
    # fee before, put back if the refund is taken back.
    fee_before: int | None = Field(default=None, ge=0)
    # The money that made its waiting booking firm (Booking.record_payment): taken back
    # with nothing else paid, the booking waits again.
    confirmed_booking: bool = False

    @property
    def channel(self) -> str:
        """How the money came, as an owner counts it: tunai, transfer (any bank) or QRIS."""
        if self.method is None:
            return "cara bayar belum dicatat"
        return {"cash": "tunai", "qris": "QRIS"}.get(self.method, "transfer")

    @property
    def signed_amount(self) -> int:
        """What this payment does to the money received: refunds take it back, and a
        reversal takes back what the payment it reverses did."""
        signed = -self.amount if self.type is PaymentType.REFUND else self.amount
        return -signed if self.reverses else signed


def standing(payments: Iterable[Payment]) -> list[Payment]:
    """The payments that count: neither a reversal nor a payment reversed."""
    found = list(payments)
    reversed_ids = {p.reverses for p in found if p.reverses}
    return [p for p in found if not p.reverses and p.id not in reversed_ids]


def same_payment_recorded(
    payments: Iterable[Payment],
    amount: int,
    method: str | None,
    day: date,
    local_day: Callable[[datetime], date],
) -> Payment | None:
    """A standing payment of the booking this one may repeat (the same transfer told twice):
    the same amount, the same way when both say one, recorded on `day` (in the PO's days,
    `local_day`)."""
    for p in standing(payments):
        same_way = method is None or p.method is None or p.method == method
        if p.amount == amount and same_way and local_day(p.created_at) == day:
            return p
    return None


# Banks written as initials ("transfer BCA"); the others by name ("transfer Mandiri").
BANK_INITIALS = frozenset(
    {"bca", "bri", "bni", "bsi", "btn", "cimb", "bjb", "dki", "ocbc", "bpd", "btpn"}
)


def method_label(method: str) -> str:
    """How a payment method is shown everywhere (chat, dashboard, kwitansi): "tunai",
    "QRIS", "transfer", "transfer BCA", "transfer Mandiri"."""
    if method.startswith("transfer_"):
        bank = method.removeprefix("transfer_")
        return "transfer " + (bank.upper() if bank in BANK_INITIALS else bank.title())
    return {"cash": "tunai", "qris": "QRIS"}.get(method, method)


def amount_off(price: int, said: int) -> int:
    """What a discount said as `said` takes off `price`: the amount itself, except that an
    amount over half the price is the price it comes to ("diskon bu dewi sampai 6jt" of a
    6,5jt trip takes 500rb off): no discount takes most of a charter."""
    return price - said if price // 2 < said < price else said


def format_rupiah(amount: int) -> str:
    """Rp15.000.000: the way Indonesians write money."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


# Who paid over a period asked ("dr sapa aja", "siapa aja yg bayar", "minggu ini yg bayar
# sapa aja?"): the reader reads it as money in (adapters/rules), the answer lists each
# payment with its client (assistant.income_answers). The one pattern both go by.
PAYERS_ASKED_RE = re.compile(
    r"\b(?:dari|dr)\s+(?:siapa|sapa|sp|sopo|sinten)\b"
    r"|\b(?:siapa|sapa|sopo)\s+(?:aja|saja|wae)\s+(?:yg|yang|sing)\s+(?:udh\s+|udah\s+|sudah\s+)?"
    r"(?:bayar|byr|tf|transfer|setor)"
    r"|\b(?:yg|yang|sing)\s+(?:udh\s+|udah\s+|sudah\s+|wis\s+)?(?:bayar|byr|tf|transfer|setor)\s+"
    r"(?:siapa|sapa|sopo)\s+(?:aja|saja|wae)\b"
)

# The sender, first person: "sy", "saya", "aku", "gw".
_ME = r"sy|saya|aku|aq|gw|gue"
# A client's money said to be with the sender ("uang dr pkk 1,5jt sy pegang", "duit pak
# hendra 2jt ada di sy", "udh dibayar cash ke sy", "dititip ke saya"): with a crew member, who
# may not record it, the owner and admins are told he holds it (assistant.crew_answers);
# the reader reads it as money received (adapters/rules). The one list both spell it by.
# Money to come ("nanti sy bawa") is told apart by each, from the words around.
CASH_WITH_ME_RE = re.compile(
    rf"\b(?:(?:{_ME})\s+(?:yg\s+|yang\s+)?(?:pegang|megang|bawa|simpan|simpen|terima)"
    # Javanese "wis tak tampa cash" (I have received it; "tak" is "I" after "wis").
    r"|(?:wis|wes|udh|udah|sudah)\s+(?:tak|dak)\s+(?:tampa|tompo|terima|cekel|gawa|gowo)"
    # "ada di sy", "ada sm sy" closing the message ("nego sm sy" is no money held)
    rf"|(?:(?:ada\s+)?di|ada\s+(?:sama|sm))\s+(?:{_ME})"
    r"(?=\s*(?:dulu|skrg|sekarang|pak|bu|ya)?\W*$)"
    rf"|di\s+tangan\s+(?:{_ME})"
    # "udh dibayar cash ke sy", "dititipin ke saya", "pelunasan 5jt cash ke saya": paid into
    # the sender's hands (never "nego sm sy", "td telpon ke sy": no money moved to him).
    # "bu rina nitip pelunasan ke sy": the client left it with him.
    r"|(?:di)?(?:bayar\w*|kasih\w*|kasi|titip\w*|nitip\w*|serahin|serahkan|cash|tunai|kontan)"
    # ("cash 2,3jt ke sy": the amount may stand between.)
    rf"\s+(?:[\w.,]+\s+(?:e\s+)?)?(?:ke|sm|sama|neng|nang|ning)\s+(?:{_ME})"
    # "sisa 2jt sm sy pak", "uangnya di sy dulu": the money itself with the sender.
    r"|(?:uang\w*|duit\w*|\d+(?:[.,]\d+)?\s*(?:jt|juta|rb|ribu|k))\s+(?:ada\s+)?(?:di|sm|sama)"
    rf"\s+(?:{_ME})"
    # "pelunasan dititip", "titipan pak hendra": a driver's word for money left with him;
    # "pak hendra td mampir garasi nitip 2jt cash": the client left it (never "sy nitip").
    rf"|dititip\w*|titip\w*|(?<!\bsy\s)(?<!\bsaya\s)(?<!\baku\s)(?<!\bgw\s)nitip\w*)\b"
)
