"""From an understood message to a checked plan: what will be recorded, how to check it
now without writing, and how to apply it once the person says "ya"."""

from __future__ import annotations

from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.services.assistant import (
    booking_plans,
    bus_edit,
    fleet_plans,
    money_plans,
    plans,
    relay,
    targets,
)
from keloia.domain.services.assistant import undo as undo_chat
from keloia.domain.services.assistant.context import MessageContext


def plan(ctx: MessageContext, extraction: Extraction, target_id: str | None) -> plans.Plan:
    if extraction.crew_of and target_id is None and extraction.intent is Intent.UPDATE_BOOKING:
        # "kernet joko slamet": the trip is the one Joko is on, Joko's place unchanged.
        target_id = targets.trip_of_crewmate(ctx, extraction.fields, extraction.crew_of)
    if extraction.crew_of and target_id is not None and extraction.intent is Intent.UPDATE_BOOKING:
        # "slamet gantiin wahyu" where Wahyu is the kernet: the kernet's seat (on "ya" too).
        extraction = targets.seat_taken(ctx, extraction, target_id)
    return BUILDERS[extraction.intent](ctx, extraction.fields, target_id)


# The action registry: a plan builder for every action intent (domain/model/intents.py).
BUILDERS: dict[Intent, plans.Builder] = {
    Intent.CREATE_BOOKING: booking_plans.create_booking,
    Intent.UPDATE_BOOKING: booking_plans.update_booking,
    Intent.CANCEL_BOOKING: booking_plans.cancel_booking,
    Intent.COMPLETE_BOOKING: booking_plans.complete_booking,
    Intent.CONFIRM_BOOKING: booking_plans.confirm_booking,
    Intent.ADD_BUS: fleet_plans.add_bus,
    Intent.UPDATE_BUS: bus_edit.update_bus,
    Intent.RECORD_PAYMENT: money_plans.record_payment,
    Intent.LOG_MAINTENANCE: fleet_plans.log_maintenance,
    Intent.UPDATE_BUS_STATUS: fleet_plans.update_bus_status,
    Intent.RECORD_ODOMETER: fleet_plans.record_odometer,
    Intent.RECORD_TRIP_COST: money_plans.record_trip_cost,
    Intent.WAIVE_CANCELLATION_FEE: booking_plans.waive_cancellation_fee,
    Intent.RECORD_DOCUMENT: fleet_plans.record_document,
    Intent.UNDO_LAST: undo_chat.undo_last,
    Intent.CORRECT_LAST: undo_chat.correct_last,
    Intent.RELAY_MESSAGE: relay.relay_message,
}
