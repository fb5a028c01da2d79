"""Money received or returned for a booking. Integer rupiah only."""

from __future__ import annotations

from collections.abc import Iterable
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


def format_rupiah(amount: int) -> str:
    """Rp15.000.000: the way Indonesians write money."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")
