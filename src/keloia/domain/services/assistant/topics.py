"""What a next elliptical message leans on ("yg itu", "dia brgkt kpn", "ganti oli lagi
kapan"): the booking or bus the last answer or the last save was about."""

from __future__ import annotations

from keloia.domain.model import crew
from keloia.domain.model.bookings import Booking
from keloia.domain.model.conversation import Conversation, PendingAction, Topic
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.services import crew as crew_service
from keloia.domain.services import fleet
from keloia.domain.services.assistant import resolve
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import find_member

# Money of one trip, asked of the trip just talked about without naming it.
_OF_ONE_TRIP = frozenset({Intent.QUERY_PROFIT, Intent.QUERY_TRIP_COSTS})


def ranked_client(ctx: MessageContext, asked: Extraction) -> Extraction:
    """ "yg paling gede sapa" after who owes names one client by its answer, not by its
    words: that client is who a next "dia brgkt kpn" is about. So does what the trips of a
    day have paid ("dp nya udh masuk brp" after the Bandung trip's profit) when they are one
    client's: a next "sisanya?" is that client's balance, not everyone's."""
    f = asked.fields
    ranked = asked.intent is Intent.QUERY_OUTSTANDING and f.rank is not None
    paid = asked.intent is Intent.QUERY_SCHEDULE and f.detail == "paid"
    # "untungnya?" after Bu Rina's trip costs: that trip's, so a next "dia udh lunas blm"
    # is Bu Rina.
    its_trip = asked.intent in _OF_ONE_TRIP and not f.stated()
    if not (ranked or paid or its_trip) or f.client_name:
        return asked
    shown = [ctx.uow.bookings.get(ctx.actor.tenant_id, i) for i in ctx.shown]
    names = {b.client_name for b in shown if b is not None}
    if len(names) != 1:
        return asked
    fields = f.model_copy(update={"client_name": names.pop()})
    return asked.model_copy(update={"fields": fields})


def about_trip_shown(ctx: MessageContext, conversation: Conversation) -> None:
    """After "siap" for a trip, that trip is what a next "jemput jam brp pak?" asks about,
    as if its card had just been shown."""
    if len(ctx.shown) != 1:
        return
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, ctx.shown[0])
    if booking is not None:
        about_booking(ctx, conversation, booking)


def about_booking(ctx: MessageContext, conversation: Conversation, booking: Booking) -> None:
    """`booking` is what a next elliptical message leans on, as if its card had just been
    shown."""
    about = ExtractedFields(
        client_name=booking.client_name,
        depart_date=booking.depart_date,
        return_date=booking.return_date,
    )
    talked_about(ctx, conversation, Intent.QUERY_SCHEDULE, about, (booking.id,))


def talked_about(
    ctx: MessageContext,
    conversation: Conversation,
    intent: Intent,
    fields: ExtractedFields,
    bookings: tuple[str, ...] = (),
) -> None:
    """What a next elliptical message leans on, as if this question had just been answered."""
    asked = Extraction(intent=intent, confidence=1.0, source="rules", fields=fields)
    conversation.topic = Topic(asked=asked, bookings=bookings, at=ctx.deps.clock.now())


# Records of one bus that, said without one, are of the bus the last answer was about.
_BUS_RECORDS = frozenset({Intent.LOG_MAINTENANCE, Intent.RECORD_ODOMETER})


# Actions on one bus: once done, what a next elliptical question ("ganti oli lagi kapan")
# is about, as if that bus's status had been asked (proposals.apply).
BUS_ACTIONS = _BUS_RECORDS | {Intent.UPDATE_BUS_STATUS}


# Answers about one bus (its status and services, its km, its repairs, a paper of it). A
# topic is never an action: a done action on a bus leaves that bus's status (proposals.apply).
_ABOUT_A_BUS = frozenset(
    {Intent.QUERY_BUS_STATUS, Intent.QUERY_DOCUMENTS, Intent.QUERY_WORKSHOP_COSTS}
)


def of_the_bus(
    ctx: MessageContext, conversation: Conversation, extraction: Extraction
) -> Extraction:
    """ "kmrn udh ganti oli 900rb, km 131000" right after Bus 01's next oil change was
    shown: the repair (or km) is of Bus 01, the bus just talked about, unless this person
    has just reported a problem (the repair is of that one)."""
    f = extraction.fields
    if extraction.intent not in _BUS_RECORDS or f.bus or f.buses:
        return extraction
    now = ctx.deps.clock.now()
    topic = conversation.live_topic(now)
    if topic is None or conversation.live_reported(now) is not None:
        return extraction
    asked = topic.asked
    if asked.intent not in _ABOUT_A_BUS or not asked.fields.bus or asked.fields.buses:
        return extraction
    bus = resolve.find_bus(ctx.buses, asked.fields.bus)
    if bus is None:
        return extraction
    fields = f.model_copy(update={"bus": bus.name})
    return extraction.model_copy(update={"fields": fields})


def paper_flagged(
    ctx: MessageContext, conversation: Conversation, extraction: Extraction
) -> Extraction:
    """ "yg itu udah diperpanjang, sampe 20 des 2027" right after the KIR of every bus: the
    paper renewed is the one that list flagged as running out, when it flagged one (with
    several, or none, the holder is asked for)."""
    f = extraction.fields
    if extraction.intent is not Intent.RECORD_DOCUMENT or f.bus or f.driver or f.documents:
        return extraction
    topic = conversation.live_topic(ctx.deps.clock.now())
    asked = topic.asked if topic is not None else None
    if asked is None or asked.intent is not Intent.QUERY_DOCUMENTS or f.document_kind is None:
        return extraction
    if asked.fields.bus or asked.fields.driver or asked.fields.document_kind != f.document_kind:
        return extraction
    flagged = [
        d
        for d in fleet.expiring_documents(ctx.deps, ctx.actor, ctx.today)
        if d.kind is f.document_kind
    ]
    if len(flagged) != 1:
        return extraction
    doc = flagged[0]
    bus = next((b.name for b in ctx.buses if b.id == doc.bus_id), None)
    driver = next((u.name for u in ctx.team if u.id == doc.user_id), None)
    held = f.model_copy(update={"bus": bus, "driver": driver})
    return extraction.model_copy(update={"fields": held})


# Changes that, naming no booking, are about the one just saved ("sopirnya ganti pak joko"
# right after the booking was recorded).
ABOUT_THE_LAST = frozenset({Intent.UPDATE_BOOKING, Intent.CONFIRM_BOOKING})


def in_place_of_absent(
    ctx: MessageContext, conversation: Conversation, head: Extraction
) -> Extraction:
    """ "slamet aja" to "Siapa penggantinya?" after a kernet's absence ("wahyu izin besok"):
    Slamet takes the kernet's place on the trip shown, not the driver's."""
    topic = conversation.live_topic(ctx.deps.clock.now())
    f = head.fields
    if topic is None or topic.asked.fields.detail != "absent" or not topic.bookings:
        return head
    if head.intent is not Intent.UPDATE_BOOKING or not f.driver or f.kernet or f.crew or f.bus:
        return head
    absent = find_member(ctx.team, topic.asked.fields.driver or "")
    trip = ctx.uow.bookings.get(ctx.actor.tenant_id, topic.bookings[0])
    if trip is None or absent is None:
        return head
    place = crew.seat(trip, absent.id)
    if place is None or place.co_driver_id != absent.id:
        return head
    said = f.model_copy(update={"driver": None, "kernet": f.driver})
    return head.model_copy(update={"fields": said})


def in_place_of_declined(ctx: MessageContext, head: Extraction) -> Extraction:
    """ "yaudah slamet aja yg gantiin" after a driver's "tidak bisa" reached the owner or an
    admin, naming no trip: the one trip whose crew member said he cannot go, and his seat.
    Anything else (no such trip, or several) is left to be asked."""
    f = head.fields
    if head.intent is not Intent.UPDATE_BOOKING or not f.driver or head.crew_of:
        return head
    if f.kernet or f.client_name or f.ref_date or f.bus or f.route_to or f.depart_date:
        return head
    if not can(ctx.actor.role, Action.READ, Resource.TEAM):
        return head
    tenant = ctx.actor.tenant_id
    declined = crew_service.declined_on(ctx.deps, ctx.actor)
    newcomer = find_member(ctx.team, f.driver)
    open_ = [
        (booking_id, who)
        for booking_id, people in declined.items()
        for who in people
        if newcomer is None or who != newcomer.id
    ]
    if len(open_) != 1:
        return head
    booking = ctx.uow.bookings.get(tenant, open_[0][0])
    away = next((u for u in ctx.team if u.id == open_[0][1]), None)
    if booking is None or away is None or not booking.is_live or booking.return_date < ctx.today:
        return head
    named = f.model_copy(
        update={"client_name": booking.client_name, "ref_date": booking.depart_date}
    )
    # The one trip left to fill, and whose seat: nothing of it is guessed.
    sure = max(head.confidence, 0.85)
    return head.model_copy(update={"fields": named, "crew_of": away.name, "confidence": sure})


def just_done_booking(
    extraction: Extraction, just_done: PendingAction | None, topic: Topic | None
) -> str | None:
    f = extraction.fields
    if just_done is None or extraction.intent not in ABOUT_THE_LAST:
        return None
    shown_since = topic is not None and topic.bookings and topic.at >= just_done.proposed_at
    if shown_since and topic is not None and topic.bookings != (just_done.target_id,):
        # An answer showing other trips came after the save: the change is about those
        # (targets.booking_meant), not the booking saved before it.
        return None
    moved_to = just_done.extraction.fields.depart_date
    if f.ref_date and f.ref_date == moved_to and not f.client_name:
        # "ga jadi tgl 4, tgl 5 aja" right after the trip was moved to the 4th: that trip.
        return just_done.target_id
    if f.client_name or f.ref_date or just_done.extraction.intent is Intent.RECORD_PAYMENT:
        return None
    return just_done.target_id
