"""The schedule: creating and changing bookings without ever double-booking a bus or a
crew member, and reading the schedule as each role may see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Annotated

from pydantic import BaseModel, Field

from keloia.domain.errors import (
    InvalidInput,
    NotFound,
    ScheduleConflict,
    WarningsNotAcknowledged,
    found,
)
from keloia.domain.model import crew
from keloia.domain.model.bookings import (
    Booking,
    BookingStatus,
    BusAssignment,
    Clash,
    DriverTrip,
    find_clashes,
)
from keloia.domain.model.common import DateRange, NonNegativeRupiah, Phone, Written
from keloia.domain.model.events import (
    BookingCancelled,
    BookingChanged,
    BookingCreated,
    BookingStatusChanged,
    BookingStatusTakenBack,
    ConflictRefused,
)
from keloia.domain.model.fleet import Bus, papers_lapsing_by
from keloia.domain.model.payments import Payment, format_rupiah
from keloia.domain.model.permissions import Action, Resource, Scope, require
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import day_label, days_label
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import ensure_in_service
from keloia.domain.services.money import apply_cancellation_fee
from keloia.domain.services.transaction import Transaction
from keloia.domain.services.validation import Changes, Draft, build, changes_to, created


class BookingDraft(Draft):
    """What a person asks to book. Return defaults to the departure day."""

    client_name: Annotated[Written, Field(min_length=1, max_length=120)]
    client_phone: Phone | None = None
    route_from: Written = ""
    route_to: Written = ""
    depart_date: date
    return_date: date | None = None
    pickup_time: time | None = None
    pickup_place: Written = ""
    passengers: int | None = None
    price: NonNegativeRupiah = 0
    bus_count: int | None = None  # defaults to the number of buses assigned, at least 1
    assignments: list[BusAssignment] = Field(default_factory=list)
    notes: str = ""
    settlement_due_date: date | None = None


# New values for a booking: the draft's fields, each optional with the same limits.
BookingChanges = changes_to(BookingDraft, "BookingChanges")


class BookingDetail(BaseModel):
    booking: Booking
    payments: list[Payment]


def create_booking(
    deps: Deps,
    actor: User,
    draft: BookingDraft,
    *,
    acknowledge_warnings: bool = False,
    dry_run: bool = False,
) -> Booking:
    """A new booking. `dry_run`: everything it would refuse, refused now, and nothing
    written (what a proposal is checked with before the person is asked to confirm)."""
    require(actor, Action.CREATE, Resource.BOOKING)

    def attempt() -> Booking:
        with deps.uow() as uow:
            booking = _new_booking(deps, actor, draft)
            _check_resources(uow, actor, booking, acknowledge_warnings, attempt=not dry_run)
            return uow.save(
                uow.bookings.add,
                booking,
                BookingCreated(actor=actor, booking=booking),
                dry_run=dry_run,
            )

    return deps.retry_on_race(attempt)


def change_booking(
    deps: Deps,
    actor: User,
    booking_id: str,
    changes: Changes,
    *,
    acknowledge_warnings: bool = False,
    dry_run: bool = False,
    cleared: frozenset[str] = frozenset(),
) -> Booking:
    """New values for a booking; `dry_run` as for create_booking. A value left out of
    `changes` stays; the fields in `cleared` are emptied (an undo back to no phone)."""
    require(actor, Action.UPDATE, Resource.BOOKING)

    def attempt() -> Booking:
        with deps.uow() as uow:
            booking, updated, changed = _changed_booking(uow, actor, booking_id, changes, cleared)
            _check_resources(uow, actor, updated, acknowledge_warnings, attempt=not dry_run)
            return uow.save(
                uow.bookings.update,
                updated,
                BookingChanged(actor=actor, before=booking, after=updated, changed=changed),
                dry_run=dry_run,
            )

    return deps.retry_on_race(attempt)


def change_bookings(
    deps: Deps,
    actor: User,
    changes: list[tuple[str, Changes]],
    *,
    acknowledge_warnings: bool = False,
    dry_run: bool = False,
) -> list[Booking]:
    """Several bookings changed together, in one transaction: two trips trading their
    buses on the same day are checked against each other as they will be, so neither
    clashes with the other's bus it gives up. All are written or none."""
    require(actor, Action.UPDATE, Resource.BOOKING)

    def attempt() -> list[Booking]:
        with deps.uow() as uow:
            done = [_changed_booking(uow, actor, booking_id, new) for booking_id, new in changes]
            together = [updated for _, updated, _ in done]
            for updated in together:
                _check_resources(
                    uow, actor, updated, acknowledge_warnings, attempt=not dry_run, beside=together
                )
            if dry_run:
                return together
            for before, updated, changed in done:
                uow.bookings.update(updated)
                uow.record(
                    BookingChanged(actor=actor, before=before, after=updated, changed=changed)
                )
            uow.commit()
            return together

    return deps.retry_on_race(attempt)


def _new_booking(deps: Deps, actor: User, draft: BookingDraft) -> Booking:
    return created(
        deps,
        Booking,
        actor.tenant_id,
        return_date=draft.return_date or draft.depart_date,
        bus_count=draft.bus_count or max(1, len(draft.assignments)),
        created_by=actor.id,
        created_at=deps.clock.now(),
        **draft.model_dump(exclude={"bus_count", "return_date"}),
    )


# The booking's values that may be empty again ("-" in an undo): never its dates or price.
_NULLABLE = frozenset({"client_phone", "pickup_time", "passengers"})


def _changed_booking(
    uow: Transaction,
    actor: User,
    booking_id: str,
    changes: Changes,
    cleared: frozenset[str] = frozenset(),
) -> tuple[Booking, Booking, list[str]]:
    booking = _get(uow, actor, booking_id)
    if not booking.is_live or booking.status is BookingStatus.COMPLETED:
        raise InvalidInput(f"Booking ini sudah {booking.status.label} dan tidak bisa diubah.")
    new_values = changes.model_dump(exclude_unset=True, exclude_none=True)
    new_values |= {name: None for name in cleared & _NULLABLE if getattr(booking, name) is not None}
    if "depart_date" in new_values and "return_date" not in new_values:
        # Moving a trip keeps its length.
        length = booking.return_date - booking.depart_date
        new_values["return_date"] = new_values["depart_date"] + length
    if "assignments" in new_values and "bus_count" not in new_values:
        new_values["bus_count"] = max(booking.bus_count, len(new_values["assignments"]))
    updated = build(Booking, **(booking.model_dump() | new_values))
    if updated.price < updated.net_paid:
        raise InvalidInput(
            f"Harga baru {format_rupiah(updated.price)} lebih kecil dari uang yang sudah "
            f"diterima ({format_rupiah(updated.net_paid)}). Catat refund dulu bila perlu."
        )
    return booking, updated, sorted(new_values)


def set_status(
    deps: Deps,
    actor: User,
    booking_id: str,
    status: BookingStatus,
    *,
    dry_run: bool = False,
    agreed_fee: int | None = None,
    forfeit: bool = False,
    slip: bool = False,
) -> Booking:
    """Confirm, complete or cancel, as the status machine allows. A cancellation records the
    policy's fee, or `agreed_fee` when one was agreed with the client, or what the client
    paid when the DP is forfeited (`forfeit`, "DP hangus"). A booking saved by mistake and
    taken back by its author the same day (`slip`) was never agreed: it costs nothing."""
    if slip:
        agreed_fee, forfeit = 0, False
    action = Action.COMPLETE if status is BookingStatus.COMPLETED else Action.UPDATE
    scope = require(actor, action, Resource.BOOKING)
    with deps.uow() as uow:
        booking = _get(uow, actor, booking_id, scope=scope)
        previous = booking.status
        booking.transition(status)
        if dry_run:
            return booking
        fee = None
        if status is BookingStatus.CANCELLED:
            # The policy's fee is recorded now; what was paid beyond it is owed back.
            fee = apply_cancellation_fee(deps, uow, booking, agreed_fee, forfeit=forfeit)
        uow.bookings.update(booking)
        if fee is not None:
            uow.record(
                BookingCancelled(
                    actor=actor, booking=booking, previous=previous, cancellation=fee, slip=slip
                )
            )
        else:
            uow.record(BookingStatusChanged(actor=actor, booking=booking, previous=previous))
        uow.commit()
    return booking


def take_back_status(
    deps: Deps,
    actor: User,
    booking_id: str,
    previous: BookingStatus,
    *,
    dry_run: bool = False,
) -> Booking:
    """A status set by mistake put back to `previous` (the caller checks it was the
    actor's own change of today). A cancelled booking brought back holds its buses and crew
    again, so it is checked for clashes; one whose money was already refunded stays
    cancelled."""

    def attempt() -> Booking:
        with deps.uow() as uow:
            # Who may set the status now may take it back (a driver: own trip's "selesai").
            done = uow.bookings.get(actor.tenant_id, booking_id)
            completed = done is not None and done.status is BookingStatus.COMPLETED
            scope = require(
                actor, Action.COMPLETE if completed else Action.UPDATE, Resource.BOOKING
            )
            booking = _get(uow, actor, booking_id, scope=scope)
            before = booking.model_copy(deep=True)
            booking.take_back_status(previous)
            if before.status is BookingStatus.CANCELLED:
                if booking.refunded_total:
                    raise InvalidInput(
                        "Refund booking ini sudah dicatat, jadi pembatalannya tidak bisa "
                        "dikembalikan lewat chat. Hapus dulu refundnya, atau buat booking baru."
                    )
                _check_resources(uow, actor, booking, True, attempt=not dry_run)
            return uow.save(
                uow.bookings.update,
                booking,
                BookingStatusTakenBack(actor=actor, before=before, after=booking),
                dry_run=dry_run,
            )

    return deps.retry_on_race(attempt)


def get_booking(deps: Deps, actor: User, booking_id: str) -> BookingDetail:
    """One booking with its payments, for those who may see money."""
    require(actor, Action.READ, Resource.BOOKING)
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        booking = _get(uow, actor, booking_id)
        return BookingDetail(
            booking=booking, payments=uow.payments.for_booking(actor.tenant_id, booking_id)
        )


def get_trip(deps: Deps, actor: User, booking_id: str) -> DriverTrip:
    """One booking as a driver sees it: own trips only, never money."""
    scope = require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        return DriverTrip.of(_get(uow, actor, booking_id, scope=scope))


def schedule(deps: Deps, actor: User, days: DateRange) -> list[Booking]:
    """Every live booking with a day inside `days`, for owner and admin."""
    scope = require(actor, Action.READ, Resource.BOOKING)
    require(actor, Action.READ, Resource.PAYMENT)
    if scope is not Scope.ALL:
        raise InvalidInput("Gunakan jadwal perjalanan pribadi.")
    with deps.uow() as uow:
        return [b for b in uow.bookings.overlapping(actor.tenant_id, days) if b.is_live]


def trips(deps: Deps, actor: User, days: DateRange) -> list[DriverTrip]:
    """The schedule without money: a driver's own trips, or everyone's for managers."""
    scope = require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        found = [b for b in uow.bookings.overlapping(actor.tenant_id, days) if b.is_live]
    if scope is Scope.OWN:
        found = [b for b in found if b.involves(actor.id)]
    return [DriverTrip.of(b) for b in found]


@dataclass(frozen=True)
class Drivers:
    """The drivers on some days: free (active, no live trip, no day off said) and off
    (said they cannot work on one of the days), each by name."""

    free: list[User]
    off: list[User]


def drivers_on(deps: Deps, actor: User, days: DateRange) -> Drivers:
    """Who may be offered for a trip on `days`, and who said they are off: one read of the
    team, the trips and the trail."""
    require(actor, Action.READ, Resource.BOOKING)
    require(actor, Action.READ, Resource.TEAM)
    with deps.uow() as uow:
        team = uow.users.all(actor.tenant_id)
        trips = uow.bookings.overlapping(actor.tenant_id, days)
        off = _days_off(uow, actor, days)
    said = [u for u in team if u.id in off and u.role is Role.DRIVER and u.active]
    return Drivers(free=crew.free_drivers(team, trips, off), off=sorted(said, key=lambda u: u.name))


def _days_off(uow: Transaction, actor: User, days: DateRange) -> set[str]:
    said = uow.activity.since(actor.tenant_id, uow.deps.clock.now() - crew.DAY_OFF_NOTICE)
    return crew.days_off(said, days)


def describe(booking: Booking, today: date) -> str:
    """ "Bu Dewi, Jogja – Pangandaran, Jumat, 4 Des": the days as a phone message says them
    (the year only when it is not this one)."""
    route = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
    parts = [
        booking.client_name,
        route,
        days_label(booking.depart_date, booking.return_date, today),
    ]
    return ", ".join(p for p in parts if p)


# --- rules applied on every write ------------------------------------------------------


def _check_resources(
    uow: Transaction,
    actor: User,
    booking: Booking,
    acknowledged: bool,
    *,
    attempt: bool = True,
    beside: list[Booking] | None = None,
) -> None:
    """Buses and crew exist in the tenant and may go, nobody is double-booked, and any
    document expiring before the trip ends has been acknowledged. A refused attempt at a
    double booking is news for the managers, recorded so that it outlives the refusal (a
    mere check is not an attempt). `beside`: bookings changed in the same transaction,
    counted as they will be, not as stored."""
    tenant_id = booking.tenant_id
    buses = {b.id: b for b in uow.buses.all(tenant_id)}
    people = {u.id: u for u in uow.users.all(tenant_id)}
    warnings: list[str] = []
    for assignment in booking.assignments:
        bus = found(buses.get(assignment.bus_id), "Bus")
        ensure_in_service(bus)
        if bus.in_workshop(booking.days):
            warnings.append(f"{bus.name} di bengkel pada tanggal itu.")
        for user_id in assignment.crew_ids():
            person = people.get(user_id)
            if person is None or not person.active:
                raise NotFound("Kru tidak ditemukan.")
            if person.role is not Role.DRIVER:
                raise InvalidInput(f"{person.name} bukan sopir.")
    holders = uow.bookings.holding(tenant_id, booking.days, booking.bus_ids(), booking.crew_ids())
    if beside:
        changed = {b.id: b for b in beside}
        holders = [changed.get(h.id, h) for h in holders]
        holders += [b for b in beside if b.id not in {h.id for h in holders}]
    clashes = find_clashes(booking, holders)
    if clashes:
        today = uow.deps.clock.today()
        message = _conflict_message(clashes, buses, people, today)
        conflict = ScheduleConflict(message, clashes, booking.id, booking.days)
        if attempt:
            uow.record_refusal(conflict_refused(actor, conflict))
        raise conflict
    if booking.assignments:
        held = set(booking.bus_ids()) | set(booking.crew_ids())
        today = uow.deps.clock.today()
        for doc in papers_lapsing_by(uow.documents.all(tenant_id), held, booking.return_date):
            name = buses[doc.bus_id].name if doc.bus_id else people[doc.user_id or ""].name
            warnings.append(
                f"{doc.kind.label} {name} habis {day_label(doc.expires_on, today)}, "
                "sebelum perjalanan selesai."
            )
    if warnings and not acknowledged:
        raise WarningsNotAcknowledged(
            "Perlu perhatian: " + " ".join(warnings) + " Tetap lanjutkan?", warnings
        )


def conflict_refused(actor: User, conflict: ScheduleConflict) -> ConflictRefused:
    return ConflictRefused(
        actor=actor, explanation=conflict.message, booking_id=conflict.clashes[0].booking_id
    )


def _conflict_message(
    clashes: list[Clash], buses: dict[str, Bus], people: dict[str, User], today: date
) -> str:
    lines = []
    for clash in clashes:
        holder: Bus | User | None = (
            buses.get(clash.resource_id)
            if clash.resource == "bus"
            else people.get(clash.resource_id)
        )
        name = holder.name if holder is not None else clash.resource_id
        lines.append(
            f"{name} sudah dipakai booking {clash.client_name} "
            f"({days_label(clash.depart_date, clash.return_date, today)})."
        )
    return "Jadwal bentrok: " + " ".join(dict.fromkeys(lines))


def _get(uow: Transaction, actor: User, booking_id: str, scope: Scope = Scope.ALL) -> Booking:
    booking = uow.bookings.get(actor.tenant_id, booking_id)
    # Not yours and not there read the same: nobody learns what exists elsewhere.
    if booking is None or (scope is Scope.OWN and not booking.involves(actor.id)):
        raise NotFound("Booking tidak ditemukan.")
    return booking
