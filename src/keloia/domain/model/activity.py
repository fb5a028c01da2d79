"""The paper trail: every change says who did what to which record, with a snapshot."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from keloia.domain.model.common import Entity


class ActivityEntry(Entity):
    id: str
    tenant_id: str
    actor_id: str | None  # None for the system (scheduled jobs)
    action: str  # "booking.created", "payment.recorded", ...
    entity: str  # "booking", "payment", "bus", ...
    entity_id: str
    snapshot: dict[str, Any] = Field(default_factory=dict)
    at: datetime
