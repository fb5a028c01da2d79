"""Tenants (one PO Bus each), their people and the invite codes that bring people in."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from keloia.domain.errors import InviteInvalid
from keloia.domain.model.cancellation import DEFAULT_CANCELLATION_FEES, CancellationPolicy
from keloia.domain.model.common import DateRange, Entity, Phone, TenantRecord


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    DRIVER = "driver"


ROLE_LABELS = {Role.OWNER: "pemilik", Role.ADMIN: "admin", Role.DRIVER: "sopir"}


# Printed on the papers: the default fee tiers in words, so what is printed is what is
# charged (domain/model/cancellation.py).
DEFAULT_CANCELLATION_POLICY = (
    DEFAULT_CANCELLATION_FEES.describe() + " Perubahan tanggal mengikuti ketersediaan armada."
)


class TenantSettings(Entity):
    # Pelunasan is due this many days before departure unless a booking says otherwise.
    settlement_days_before_departure: int = Field(default=3, ge=0, le=60)
    # How far ahead document expiries and service dates are flagged.
    expiry_warning_days: int = Field(default=30, ge=1, le=180)
    timezone: str = "Asia/Jakarta"
    # The letterhead of every paper the PO hands out.
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=40)
    logo_key: str = Field(default="", max_length=200)  # a PNG/JPEG in the PO's file store
    cancellation_policy: str = Field(default=DEFAULT_CANCELLATION_POLICY, max_length=1500)
    # Printed on the surat jalan as uang jalan per bus per day; 0 leaves a line to fill in.
    uang_jalan_per_day: int = Field(default=0, ge=0, strict=True)
    # The morning briefing goes out at this local time (domain/model/briefing.py).
    briefing_time: time = time(5, 0)
    # The admin is reminded of an unpaid balance this many days before departure (H-N).
    settlement_reminder_days: tuple[Annotated[int, Field(ge=1, le=60)], ...] = Field(
        default=(7, 3, 1), min_length=1, max_length=6
    )
    # Owners are reminded of an expiring KIR, STNK, insurance or SIM this many days before
    # (H-N), once per milestone (domain/model/briefing.py).
    document_reminder_days: tuple[Annotated[int, Field(ge=1, le=120)], ...] = Field(
        default=(30, 14, 7, 1), min_length=1, max_length=6
    )
    # What cancelling costs, by days before departure (domain/model/cancellation.py); the
    # printed policy text above defaults to these tiers in words.
    cancellation_fees: CancellationPolicy = DEFAULT_CANCELLATION_FEES

    def uang_jalan(self, days: DateRange) -> int:
        """The uang jalan of one bus for a trip over `days`, by the PO's daily rate: what
        the surat jalan prints and what a driver is told (0: not set, filled in by hand)."""
        return self.uang_jalan_per_day * days.days()


class Tenant(Entity):
    id: str
    name: str = Field(min_length=1, max_length=120)
    settings: TenantSettings = Field(default_factory=TenantSettings)
    created_at: datetime


class User(TenantRecord):
    phone: Phone
    name: str = Field(min_length=1, max_length=120)
    role: Role
    active: bool = True
    created_at: datetime


# No 0/O or 1/I/L: invite codes are read aloud and typed on phones. The ids adapter draws
# from this alphabet; the assistant recognises codes by it.
INVITE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
INVITE_CODE_LENGTH = 8


class Invite(Entity):
    code: str
    tenant_id: str
    role: Role
    created_by: str
    created_at: datetime
    expires_at: datetime
    max_uses: int = Field(default=1, ge=1, le=100)
    uses: int = Field(default=0, ge=0)

    def check_usable(self, now: datetime) -> None:
        if now >= self.expires_at:
            raise InviteInvalid("Kode undangan ini sudah kedaluwarsa. Minta kode baru ke pemilik.")
        if self.uses >= self.max_uses:
            raise InviteInvalid("Kode undangan ini sudah terpakai. Minta kode baru ke pemilik.")

    def use(self, now: datetime) -> None:
        self.check_usable(now)
        self.uses += 1
