"""Who must be told what after a change. Delivery is the apps' job; the decision is here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from keloia.domain.model.common import TenantRecord
from keloia.domain.model.tenants import Role, User


class AlertKind(StrEnum):
    BOOKING_CREATED = "booking_created"
    BOOKING_CANCELLED = "booking_cancelled"
    CONFLICT_ATTEMPT = "conflict_attempt"
    PAYMENT_RECORDED = "payment_recorded"
    PAYMENT_OVERDUE = "payment_overdue"
    MAINTENANCE_DUE = "maintenance_due"
    DOCUMENT_EXPIRING = "document_expiring"
    TRIP_ASSIGNED = "trip_assigned"
    TRIP_CHANGED = "trip_changed"  # to the crew: their trip moved, or they were taken off it
    TRIP_DECLINED = "trip_declined"  # to the managers: a driver or kernet cannot go
    BOOKING_CHANGED = "booking_changed"  # to the owner: dates or price changed by someone else
    TRIP_COST_RECORDED = "trip_cost_recorded"  # by someone else than the owner
    BUS_PROBLEM = "bus_problem"  # to the managers: "ac ga dingin, perlu dicek", not a repair
    DELIVERY_FAILED = "delivery_failed"  # a WhatsApp message could not be delivered in time
    TRIP_DELAYED = "trip_delayed"  # to the managers: "sy telat 30 menit", nothing recorded
    # To the managers: a driver holds a client's money ("pelunasan 2jt dititip ke sy cash");
    # nothing is recorded as paid until it reaches them.
    CASH_HELD = "cash_held"
    # To the managers: a driver or kernet offers to take a trip or tells of a swap agreed
    # with a teammate ("sy aja yg bawa", "sy tukeran sm wahyu"); nothing is changed by it.
    CREW_OFFER = "crew_offer"
    # To the owner: a repair with its cost recorded by someone else ("ganti selang radiator
    # 350rb tak bayar dhisik" from a driver on the road).
    REPAIR_RECORDED = "repair_recorded"


# Money and fleet alerts go to the people who run the business, never to drivers.
MANAGERS = frozenset({Role.OWNER, Role.ADMIN})


class Alert(TenantRecord):
    user_id: str
    kind: AlertKind
    text: str  # Indonesian, ready to show or send
    entity: str
    entity_id: str
    created_at: datetime
    # The person the alert is news of, when it is not its entity: the crew member whose
    # "tidak bisa" it passes on, so it is found by who said it once they leave the trip.
    about_user_id: str | None = None
    read: bool = False


def managers_except(team: Iterable[User], actor_id: str | None) -> list[User]:
    """Owner and admins of the tenant who are active, leaving out the one who acted."""
    return [u for u in team if u.role in MANAGERS and u.active and u.id != actor_id]
