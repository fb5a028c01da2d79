"""Money received or returned for a booking. Integer rupiah only."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from keloia.domain.model.common import Entity, PositiveRupiah


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


class Payment(Entity):
    id: str
    tenant_id: str
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

    @property
    def signed_amount(self) -> int:
        """What this payment does to the money received: refunds take it back."""
        return -self.amount if self.type is PaymentType.REFUND else self.amount


def format_rupiah(amount: int) -> str:
    """Rp15.000.000: the way Indonesians write money."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")
