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
