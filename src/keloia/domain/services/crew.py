"""A driver or kernet answering the notice of their trip: "Siap" (recorded) or "Tidak bisa"
(recorded, and the owner and admins are alerted: domain/services/handlers.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from keloia.domain.errors import InvalidInput, NotFound
from keloia.domain.model import money as money_rules
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import HeldCash
from keloia.domain.model.crew import DAY_OFF_NOTICE, RosterLine, said_off
from keloia.domain.model.events import (
    CREW_DECLINED,
    CREW_READY,
    CashHeld,
    CrewBackOnDuty,
    CrewDayOff,
    TripAnswered,
    TripDelayed,
    TripNoticeResent,
    TripOffered,
)
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.permissions import Action, Resource, Scope, can, require
from keloia.domain.model.tenants import User
from keloia.domain.model.text import as_written
from keloia.domain.services.deps import Deps, Transaction

# Said for a trip that is not (or no longer) the person's: it names nothing, so a forged
# button id learns nothing about another driver's trip.
NOT_YOURS = "Trip itu tidak ada di jadwal Anda. Ketik *jadwal* untuk melihat trip Anda."
# The notices a crew member answers, and how long one waits for its answer.
NOTICES = frozenset({AlertKind.TRIP_ASSIGNED, AlertKind.TRIP_CHANGED})
NOTICE_OPEN = timedelta(days=3)
AHEAD = timedelta(days=60)
LATELY = timedelta(days=14)


def answer_trip(
    deps: Deps,
    actor: User,
    booking_id: str,
    *,
    ready: bool,
    reason: str = "",
    stand_in: User | None = None,
) -> Booking:
    """Only someone on the trip's crew may answer it, while it is still to be driven. A
    "Tidak bisa" may name the teammate suggested to take it instead (`stand_in`)."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        booking = uow.bookings.get(actor.tenant_id, booking_id)
        if booking is None or not _to_drive(booking, actor):
            raise NotFound(NOT_YOURS)
        answers = [
            e.action
            for e in uow.activity.all(actor.tenant_id, entity_id=booking.id)
            if e.actor_id == actor.id and e.action in (CREW_READY, CREW_DECLINED)
        ]
        reconsidered = ready and answers[-1:] == [CREW_DECLINED]
        uow.record(
            TripAnswered(
                actor=actor,
                booking=booking,
                ready=ready,
                reason=reason[:300],
                reconsidered=reconsidered,
                stand_in=None if ready else stand_in,
            )
        )
        # Answered: the notices of this trip no longer wait for the person.
        for notice in _open_notices(uow, actor):
            if notice.entity_id == booking.id:
                uow.alerts.mark_read(actor.tenant_id, actor.id, notice.id)
        uow.commit()
    return booking


def day_off(deps: Deps, actor: User, day: date, reason: str = "") -> None:
    """A driver or kernet cannot work on `day`, on which they have no trip (one with a trip
    answers it: answer_trip). Recorded; the owner and admins are alerted."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        if any(
            _to_drive(b, actor)
            for b in uow.bookings.overlapping(actor.tenant_id, DateRange.single(day))
        ):
            raise InvalidInput("Anda punya trip di tanggal itu; sebutkan tripnya.")
        uow.record(CrewDayOff(actor=actor, day=day, reason=reason[:300]))
        uow.commit()


def offer_trip(
    deps: Deps,
    actor: User,
    trips: list[Booking],
    said: str,
    *,
    teammate: User | None = None,
    as_kernet: bool = False,
    swap: bool = False,
    named: bool = True,
) -> list[Booking]:
    """A driver or kernet offers to take `trips` (as kernet when `as_kernet`), or tells of a
    swap agreed with `teammate`. Nothing changes: the owner and admins are alerted and make
    the change themselves. Returns the sender's own trips on those days (he is told of
    them, and so are they)."""
    require(actor, Action.READ, Resource.BOOKING)
    ids = {b.id for b in trips}
    with deps.uow() as uow:
        clashes = [
            b
            for t in trips
            for b in uow.bookings.overlapping(actor.tenant_id, t.days)
            if b.id not in ids and _to_drive(b, actor)
        ]
        clashes = list({b.id: b for b in clashes}.values())
        uow.record(
            TripOffered(
                actor=actor,
                trips=tuple(trips),
                said=said[:300],
                teammate=teammate,
                as_kernet=as_kernet,
                swap=swap,
                clashes=() if swap else tuple(clashes),
                named=named,
            )
        )
        uow.commit()
    return [] if swap else clashes


def days_off_ahead(deps: Deps, actor: User, today: date) -> list[date]:
    """The days from today on that the person said they are off and has not taken back,
    soonest first."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        trail = uow.activity.since(actor.tenant_id, deps.clock.now() - DAY_OFF_NOTICE)
    ahead = DateRange(start=today, end=today + AHEAD)
    return sorted(day for who, day in said_off(trail, ahead) if who == actor.id)


def back_on_duty(deps: Deps, actor: User, day: date, said: str = "") -> None:
    """A day off taken back: the person can work on `day` after all. Only a day they said
    they are off can be taken back."""
    if day not in days_off_ahead(deps, actor, deps.clock.today()):
        raise InvalidInput("Anda tidak tercatat izin di tanggal itu.")
    with deps.uow() as uow:
        uow.record(CrewBackOnDuty(actor=actor, day=day, said=said[:300]))
        uow.commit()


def declined_ahead(deps: Deps, actor: User, today: date) -> list[Booking]:
    """The person's trips from today on whose latest answer from them is "Tidak bisa",
    soonest first: a "ternyata sy bisa" takes one back."""
    trips = upcoming(deps, actor, today)
    with deps.uow() as uow:
        answered = {
            b.id: [
                e.action
                for e in uow.activity.all(actor.tenant_id, entity_id=b.id)
                if e.actor_id == actor.id and e.action in (CREW_READY, CREW_DECLINED)
            ]
            for b in trips
        }
    return [b for b in trips if answered[b.id][-1:] == [CREW_DECLINED]]


def declined_on(
    deps: Deps, actor: User, booking_ids: list[str] | None = None
) -> dict[str, set[str]]:
    """For the owner and admins: per trip (of `booking_ids`, else any), the crew whose
    latest answer to it is "Tidak bisa" (the schedule marks them, so nobody reads a trip as
    crewed that is not). Only the trips a "tidak bisa" was told of are read: every one
    reached the managers as an alert, so a schedule with none costs one query."""
    if not can(actor.role, Action.READ, Resource.TEAM):
        return {}
    declined: dict[str, set[str]] = {}
    with deps.uow() as uow:
        told = {
            a.entity_id
            for a in uow.alerts.for_user(actor.tenant_id, actor.id)
            if a.kind is AlertKind.TRIP_DECLINED and a.entity == "booking"
        }
        asked = told if booking_ids is None else [b for b in booking_ids if b in told]
        for booking_id in asked:
            latest: dict[str, str] = {}
            for e in uow.activity.all(actor.tenant_id, entity_id=booking_id):
                if e.actor_id and e.action in (CREW_READY, CREW_DECLINED):
                    latest[e.actor_id] = e.action
            out = {who for who, said in latest.items() if said == CREW_DECLINED}
            if out:
                declined[booking_id] = out
    return declined


def report_delay(deps: Deps, actor: User, said: str) -> Booking | None:
    """A driver or kernet running late: the owner and admins are alerted with what they
    wrote and their trip of today (the first by pickup time; None when they have none).
    Nothing is recorded: the trip keeps its times."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        today = deps.clock.today()
        trips = sorted(
            (
                b
                for b in uow.bookings.overlapping(actor.tenant_id, DateRange.single(today))
                if _to_drive(b, actor)
            ),
            key=lambda b: (b.depart_date, b.pickup_time or time.min),
        )
        trip = trips[0] if trips else None
        uow.record(TripDelayed(actor=actor, booking=trip, said=said[:300]))
        uow.commit()
    return trip


# How far from today a crew member's trip is looked for when they say a client paid them.
CASH_TRIP_BEFORE = timedelta(days=14)
CASH_TRIP_AFTER = timedelta(days=60)


def report_cash_held(
    deps: Deps,
    actor: User,
    client_name: str | None,
    amount: int,
    payment_type: PaymentType | None,
    cash: bool,
    more: str = "",
) -> Booking | None:
    """A driver or kernet holding a client's money for the PO: the owner and admins are
    alerted with it and their trip for that client (the nearest to today; with no client
    named, their trip of today alone; None when there is none). Nothing is recorded as
    paid: the money has not reached the PO, and only the owner and admins record payments.
    `more` is what else he said of it ("kurang 1jt katanya ditf besok"), passed on with it."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        today = deps.clock.today()
        days = DateRange(start=today - CASH_TRIP_BEFORE, end=today + CASH_TRIP_AFTER)
        if client_name is None:
            days = DateRange.single(today)  # a guess further off could name the wrong trip
        trips = sorted(
            (
                b
                for b in uow.bookings.overlapping(actor.tenant_id, days)
                if b.involves(actor.id)
                and b.status is not BookingStatus.CANCELLED
                and (client_name is None or same_client(b.client_name, client_name))
            ),
            key=lambda b: (
                not b.days.overlaps(DateRange.single(today)),
                abs(b.depart_date - today),
            ),
        )
        trip = trips[0] if trips and (client_name is not None or len(trips) == 1) else None
        client = trip.client_name if trip is not None else as_written(client_name or "")
        more = " ".join(more.split())[:300]
        uow.record(CashHeld(actor, trip, client, amount, payment_type, cash, more=more))
        uow.commit()
    return trip


def report_cash_news(deps: Deps, actor: User, held: HeldCash, said: str) -> None:
    """His word on the money he said he holds ("nanti sore sy setor ke kantor"): the owner
    and admins hear it with that money and its trip. Still nothing is recorded as paid."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        trip = uow.bookings.get(actor.tenant_id, held.booking_id) if held.booking_id else None
        money = (held.client_name, held.amount, held.payment_type, held.cash)
        uow.record(CashHeld(actor, trip, *money, said=" ".join(said.split())[:300]))
        uow.commit()


def resend_notice(deps: Deps, actor: User, booking_id: str, member: User) -> Booking:
    """The owner or an admin has `member` told of his trip again: its notice, with the Siap /
    Tidak bisa buttons, is queued to him. Only for a trip he is still to drive."""
    require(actor, Action.UPDATE, Resource.BOOKING)
    with deps.uow() as uow:
        booking = uow.bookings.get(actor.tenant_id, booking_id)
        if booking is None or not _to_drive(booking, member):
            raise NotFound(f"{member.name} tidak bertugas di trip itu.")
        uow.record(TripNoticeResent(actor=actor, booking=booking, member=member))
        uow.commit()
    return booking


def awaiting_answer(deps: Deps, actor: User) -> list[Booking]:
    """The trips of the latest notice the person has not answered yet, if still theirs to
    drive: a typed "siap" or "ga bisa" right after a notice answers that one. Several when
    they came at once."""
    return awaiting_since(deps, actor)[0]


def awaiting_since(
    deps: Deps, actor: User, *, latest_only: bool = True
) -> tuple[list[Booking], datetime | None]:
    """awaiting_answer, with when that notice was sent (None when none waits); every trip
    whose notice is still open when not `latest_only` ("siap pak, sing jumat tak gowo" may
    answer an earlier notice, by its day)."""
    with deps.uow() as uow:
        notices = _open_notices(uow, actor)
        if not notices:
            return [], None
        latest = max(a.created_at for a in notices)
        ids = dict.fromkeys(
            a.entity_id for a in notices if a.created_at == latest or not latest_only
        )
        found = [uow.bookings.get(actor.tenant_id, booking_id) for booking_id in ids]
    trips = [b for b in found if b is not None and _to_drive(b, actor)]
    return trips, latest if trips else None


def upcoming(deps: Deps, actor: User, today: date) -> list[Booking]:
    """The person's own trips from today on, soonest first."""
    return upcoming_of(deps, actor, actor, today)


def upcoming_of(deps: Deps, actor: User, person: User, today: date) -> list[Booking]:
    """`person`'s trips from today on, soonest first: a driver may ask only of his own."""
    _may_see_trips_of(actor, person)
    with deps.uow() as uow:
        found = uow.bookings.overlapping(actor.tenant_id, DateRange(start=today, end=today + AHEAD))
    return [b for b in found if _to_drive(b, person)]


def trips_over(deps: Deps, actor: User, person: User, days: DateRange) -> list[Booking]:
    """`person`'s trips over `days`, those done too, soonest first ("rekap trip slamet
    bulan ini")."""
    _may_see_trips_of(actor, person)
    with deps.uow() as uow:
        found = uow.bookings.overlapping(actor.tenant_id, days)
    mine = [b for b in found if b.is_live and b.involves(person.id)]
    return sorted(mine, key=lambda b: b.depart_date)


def _may_see_trips_of(actor: User, person: User) -> None:
    if require(actor, Action.READ, Resource.BOOKING) is Scope.OWN and person.id != actor.id:
        raise NotFound("Jadwal orang lain hanya bisa dilihat pemilik dan admin.")


def crewed_lately(deps: Deps, actor: User, today: date) -> list[Booking]:
    """The person's own trips of the last two weeks, done or still on, newest first: a
    driver who just drove one may still be the one to collect its money."""
    with deps.uow() as uow:
        found = uow.bookings.overlapping(
            actor.tenant_id, DateRange(start=today - LATELY, end=today)
        )
    mine = [b for b in found if b.is_live and b.involves(actor.id)]
    return sorted(mine, key=lambda b: b.depart_date, reverse=True)


def said_today(deps: Deps, actor: User, person: User, since: datetime) -> list[ActivityEntry]:
    """What `person` answered, reported or passed on since `since` (the start of the PO's
    day), oldest first: a "tidak bisa", a day off, a problem with a bus, word passed on to
    a teammate... (their activity entries, which say who did it). For the owner and admins
    ("joko tadi lapor apa")."""
    require(actor, Action.READ, Resource.TEAM)
    with deps.uow() as uow:
        found = uow.activity.since(actor.tenant_id, since)
    return [e for e in found if e.actor_id == person.id]


def trips_ahead(deps: Deps, actor: User, today: date) -> list[Booking]:
    """Every trip still to be driven from today on, anyone's: a crew member saying he cannot
    take one he is not on ("yg ke malang tgl 2 sy ga bisa") is told whose trip that is. Only
    its client, days and route are said of it, never its money or crew."""
    require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        found = uow.bookings.overlapping(actor.tenant_id, DateRange(start=today, end=today + AHEAD))
    return [b for b in found if b.is_live and b.status is not BookingStatus.COMPLETED]


def _to_drive(booking: Booking, actor: User) -> bool:
    live = booking.is_live and booking.status is not BookingStatus.COMPLETED
    return live and booking.involves(actor.id)


def _open_notices(uow: Transaction, actor: User) -> list[Alert]:
    since = uow.deps.clock.now() - NOTICE_OPEN
    return [
        a
        for a in uow.alerts.unread(actor.tenant_id, actor.id)
        if a.kind in NOTICES and a.created_at >= since
    ]


def uang_jalan(deps: Deps, actor: User, booking_id: str) -> int:
    """The uang jalan of one bus of the booking by the PO's daily rate (0: not set). A
    driver may read it of his own trips only: it is on the surat jalan he carries."""
    scope = require(actor, Action.READ, Resource.UANG_JALAN)
    with deps.uow() as uow:
        booking = uow.bookings.get(actor.tenant_id, booking_id)
        tenant = uow.tenants.get(actor.tenant_id)
    if booking is None or tenant is None:
        raise NotFound(NOT_YOURS)
    if scope is Scope.OWN and not booking.involves(actor.id):
        raise NotFound(NOT_YOURS)
    return tenant.settings.uang_jalan(booking.days)


def uang_jalan_recorded(deps: Deps, actor: User, booking_id: str) -> int | None:
    """The uang jalan recorded for the booking (money.uang_jalan_recorded): a driver's of
    his own bus (or the trip as a whole) only, anyone else's of all its buses; None when
    the office recorded none."""
    scope = require(actor, Action.READ, Resource.UANG_JALAN)
    with deps.uow() as uow:
        booking = uow.bookings.get(actor.tenant_id, booking_id)
        if booking is None or (scope is Scope.OWN and not booking.involves(actor.id)):
            raise NotFound(NOT_YOURS)
        costs = uow.trip_costs.for_booking(actor.tenant_id, booking_id)
    buses = [
        a.bus_id for a in booking.assignments if scope is not Scope.OWN or actor.id in a.crew_ids()
    ]
    return money_rules.uang_jalan_recorded(costs, buses)


def roster(deps: Deps, actor: User, days: DateRange, *, to: str | None = None) -> list[RosterLine]:
    """Who drives which bus on `days`, soonest first: every live trip's buses and crew,
    nothing else, so drivers can coordinate with each other (a driver sees no client, no
    route and no money of trips not his). `to`: only the trips going to the place the
    asker named ("yg ke malang sopirnya sapa")."""
    require(actor, Action.READ, Resource.CREW_ROSTER)
    with deps.uow() as uow:
        found = [b for b in uow.bookings.overlapping(actor.tenant_id, days) if b.is_live]
    if to is not None:
        found = [b for b in found if b.goes_to(to)]
    lines = [line for b in found for line in RosterLine.of(b)]
    return sorted(lines, key=lambda line: (line.depart_date, line.assignment.bus_id))
