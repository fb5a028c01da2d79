"""Taking back what was just saved, by chat: a plain no or a correction right after a
save, read as undo_last / correct_last of that record and proposed like any action."""

from __future__ import annotations

from keloia.domain.model.conversation import Conversation, PendingAction
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.undo import RecordKind
from keloia.domain.services.assistant import proposals, replies
from keloia.domain.services.assistant.context import MessageContext

# What a correction of a just-saved action names, as correct_last's fields.
_SAME_VALUE = {
    "amount": "amount",
    "cost": "amount",
    "dp_amount": "amount",
    "price": "price",
    "depart_date": "date",
    "paid_date": "date",
    "performed_date": "date",
    "date": "date",
    "odometer_km": "odometer_km",
    "method": "method",
    "bus": "bus",
    "client_name": "client_name",
    "maintenance_type": "maintenance_type",
    "cost_type": "cost_type",
}


_SAVED_AS = {
    Intent.RECORD_PAYMENT: RecordKind.PAYMENT,
    Intent.LOG_MAINTENANCE: RecordKind.MAINTENANCE,
    Intent.RECORD_DOCUMENT: RecordKind.DOCUMENT,
    Intent.RECORD_TRIP_COST: RecordKind.TRIP_COST,
    Intent.RECORD_ODOMETER: RecordKind.ODOMETER,
    Intent.CREATE_BOOKING: RecordKind.BOOKING,
    Intent.UPDATE_BOOKING: RecordKind.BOOKING,
    Intent.CONFIRM_BOOKING: RecordKind.BOOKING,
    Intent.COMPLETE_BOOKING: RecordKind.BOOKING,
    Intent.CANCEL_BOOKING: RecordKind.BOOKING,
}


def saved_kind(done: Extraction) -> RecordKind | None:
    """What kind of record an applied action saved (a correction: the one it corrected)."""
    if done.intent in (Intent.UNDO_LAST, Intent.CORRECT_LAST):
        return done.fields.record_kind
    return _SAVED_AS.get(done.intent)


def propose(
    ctx: MessageContext, conversation: Conversation, done: PendingAction, said: Extraction
) -> list[OutboundMessage]:
    taking = taking_back(done, said)
    if taking is None:
        undone = done.extraction.intent is Intent.UNDO_LAST
        answer = replies.NO_UNDO_OF_UNDO if undone else replies.TOO_LATE_TO_DROP
        return [replies.text(ctx.actor.phone, answer)]
    return proposals.propose(ctx, conversation, taking, None)


# What a booking just saved (made or changed) may be given after it, naming no booking:
# its buses (or how many) and crew, its pickup.
_DETAIL_FIELDS = frozenset(
    {
        *("bus", "buses", "replaced_bus", "bus_count", "driver", "kernet", "crew"),
        *("depart_time", "pickup_place", "stops"),
    }
)


def gives_details(extraction: Extraction, *, naming_client: bool = False) -> bool:
    """Only a booking's details (buses, crew, pickup, hour), with its client when
    `naming_client` ("yg pak rudi jemputnya jam 04.30")."""
    said = set(extraction.fields.stated()) - ({"client_name"} if naming_client else set())
    about = extraction.intent in (Intent.CORRECT, Intent.UPDATE_BOOKING)
    return about and bool(said) and said <= _DETAIL_FIELDS


def taking_back(done: PendingAction, said: Extraction) -> Extraction | None:
    """A no or a correction right after a save, read as undo_last / correct_last of what
    was saved: its kind, and the corrected values under correct_last's names. None when
    what was done cannot be taken back this way (an undo itself)."""
    kind = saved_kind(done.extraction)
    if kind is None or done.extraction.intent is Intent.UNDO_LAST:
        return None
    stated = said.fields.stated()
    if said.intent is Intent.REJECT:
        fields = {"record_kind": kind.value}
        return Extraction(
            intent=Intent.UNDO_LAST,
            confidence=said.confidence,
            source=said.source,
            fields=ExtractedFields.model_validate(fields),
        )
    fields = {_SAME_VALUE[k]: v for k, v in stated.items() if k in _SAME_VALUE}
    if "dp_amount" in stated:  # the DP of a booking just made is a payment
        kind = RecordKind.PAYMENT
        fields["payment_type"] = "dp"
    fields["record_kind"] = kind.value
    return Extraction(
        intent=Intent.CORRECT_LAST,
        confidence=said.confidence,
        source=said.source,
        fields=ExtractedFields.model_validate(fields),
    )
