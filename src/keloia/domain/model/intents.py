"""What a WhatsApp message asks for, as the extractors (rules or Claude) read it.

This is the outside contract of understanding a message (docs/contracts.md, "Understanding
a message"): the same structure whichever extractor answered. It says what the person
*asked*; whether it may be done is decided by the services, never by the extractor."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from keloia.domain.model.fleet import BusStatus, MaintenanceType
from keloia.domain.model.papers import PaperKind
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role


class Intent(StrEnum):
    CREATE_BOOKING = "create_booking"
    UPDATE_BOOKING = "update_booking"
    CANCEL_BOOKING = "cancel_booking"
    COMPLETE_BOOKING = "complete_booking"
    RECORD_PAYMENT = "record_payment"
    LOG_MAINTENANCE = "log_maintenance"
    UPDATE_BUS_STATUS = "update_bus_status"
    QUERY_SCHEDULE = "query_schedule"
    QUERY_OUTSTANDING = "query_outstanding"
    QUERY_BUS_STATUS = "query_bus_status"
    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"
    HELP = "help"
    REQUEST_PAPER = "request_paper"  # "kwitansi dp bu wati", "surat jalan besok"
    UNKNOWN = "unknown"


# Intents that change records: they always go through a confirmation first.
ACTION_INTENTS = frozenset(
    {
        Intent.CREATE_BOOKING,
        Intent.UPDATE_BOOKING,
        Intent.CANCEL_BOOKING,
        Intent.COMPLETE_BOOKING,
        Intent.RECORD_PAYMENT,
        Intent.LOG_MAINTENANCE,
        Intent.UPDATE_BUS_STATUS,
    }
)
# Intents that only make sense while an action awaits confirmation.
PENDING_INTENTS = frozenset({Intent.CONFIRM, Intent.REJECT, Intent.CORRECT})

Money = Annotated[int, Field(strict=True, ge=0)]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
E164 = Annotated[str, Field(pattern=r"^\+[1-9]\d{6,14}$")]
Method = Annotated[str, Field(pattern=r"^(cash|qris|transfer(_[a-z0-9]+)?)$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]


class ExtractedFields(BaseModel):
    """Every field any intent may carry. A field the message does not state is absent:
    never guessed, never null in the output."""

    model_config = ConfigDict(extra="forbid")

    client_name: Text | None = None
    client_phone: E164 | None = None
    route_from: Text | None = None
    route_to: Text | None = None
    depart_date: dt.date | None = None
    depart_time: ClockTime | None = None
    return_date: dt.date | None = None
    ref_date: dt.date | None = None
    bus: Text | None = None
    driver: Text | None = None
    price: Money | None = None
    dp_amount: Money | None = None
    amount: Money | None = None
    payment_type: PaymentType | None = None
    method: Method | None = None
    paid_date: dt.date | None = None
    maintenance_type: MaintenanceType | None = None
    cost: Money | None = None
    performed_date: dt.date | None = None
    next_due_date: dt.date | None = None
    description: Text | None = None
    bus_status: BusStatus | None = None
    date: dt.date | None = None
    date_to: dt.date | None = None
    passengers: Annotated[int, Field(strict=True, ge=1, le=2000)] | None = None
    pickup_place: Text | None = None
    notes: Text | None = None
    paper: PaperKind | None = None  # with request_paper: which paper

    def stated(self) -> dict[str, Any]:
        """The fields the message stated, as JSON-ready values (dates ISO, money int)."""
        return self.model_dump(mode="json", exclude_none=True)


class Extraction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Intent
    confidence: float = Field(ge=0.0, le=1.0)
    source: Literal["rules", "claude"]
    fields: ExtractedFields = Field(default_factory=ExtractedFields)

    def to_contract(self) -> dict[str, Any]:
        """The JSON object `keloia nlu parse` prints."""
        return {
            "intent": self.intent.value,
            "confidence": round(self.confidence, 3),
            "source": self.source,
            "fields": self.fields.stated(),
        }


class ExtractionContext(BaseModel):
    """What an extractor may know besides the text. Who the sender is never comes from
    the text: it is fixed here by the caller from authentication."""

    model_config = ConfigDict(frozen=True)

    today: dt.date
    role: Role = Role.ADMIN
    pending: Extraction | None = None
    recent_turns: tuple[str, ...] = ()
    bus_names: tuple[str, ...] = ()
