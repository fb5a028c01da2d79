"""The schedule pillar: bookings in a date range, one booking, create and change."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from keloia.adapters.phones import to_e164
from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.schemas import (
    BookingDetailOut,
    BookingIn,
    BookingOut,
    BookingPatch,
    BusRef,
    CheckOut,
    PaymentOut,
    PersonRef,
    TripOut,
    assignment,
    clock_of,
    time_of,
)
from keloia.apps.dashboard.security import ADD_BOOKINGS, CHANGE_BOOKINGS, READ_SCHEDULE, allow
from keloia.apps.dashboard.views import day_range, tenant_settings
from keloia.domain.errors import DomainError, InvalidInput, WarningsNotAcknowledged
from keloia.domain.model.bookings import Booking
from keloia.domain.model.common import DateRange
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import bookings, fleet
from keloia.domain.services.bookings import BookingChanges, BookingDraft
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import Changes, build

DateParam = Annotated[
    date | None, QueryParameter(name="date", description="first day (default: today)")
]
ToParam = Annotated[date | None, QueryParameter(name="to", description="last day (default: date)")]


def provide_days(
    deps: NamedDependency[Deps], day: DateParam = None, to: ToParam = None
) -> DateRange:
    """The days a schedule query asks for: `date` to `to` (at most 62 days)."""
    return day_range(day, to, deps.clock.today())


DAYS = {"days": Provide(provide_days, sync_to_thread=False)}


def client_phone(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    phone = to_e164(raw)
    if phone is None:
        raise InvalidInput("Nomor telepon klien tidak valid.")
    return phone


def draft_of(data: BookingIn) -> BookingDraft:
    values = data.model_dump(
        exclude={"acknowledge_warnings", "assignments", "client_phone", "pickup_time"}
    )
    return build(
        BookingDraft,
        **values,
        client_phone=client_phone(data.client_phone),
        pickup_time=time_of(data.pickup_time),
        assignments=[assignment(a) for a in data.assignments],
    )


def changes_of(data: BookingPatch) -> Changes:
    values = data.model_dump(
        exclude_unset=True, exclude={"acknowledge_warnings", "status", "assignments"}
    )
    if "pickup_time" in values:
        values["pickup_time"] = time_of(values["pickup_time"])
    if "client_phone" in values:
        values["client_phone"] = client_phone(values["client_phone"])
    if data.assignments is not None:
        values["assignments"] = [assignment(a) for a in data.assignments]
    return build(BookingChanges, **{k: v for k, v in values.items() if v is not None})


def out(deps: Deps, user: User, booking: Booking) -> BookingOut:
    return BookingOut.of(booking, tenant_settings(deps, user))


def free_on(
    deps: NamedDependency[Deps], user: NamedDependency[User], days: DateRange
) -> tuple[list[BusRef], list[PersonRef]]:
    buses = [
        BusRef.model_validate(b, from_attributes=True)
        for b in fleet.available_buses(deps, user, days)
    ]
    people = [PersonRef(id=u.id, name=u.name) for u in bookings.drivers_on(deps, user, days).free]
    return buses, people


def check(
    deps: NamedDependency[Deps], user: NamedDependency[User], run: object, days: DateRange
) -> CheckOut:
    buses, people = free_on(deps, user, days)
    try:
        run()  # type: ignore[operator]
    except WarningsNotAcknowledged as warned:
        return CheckOut(
            ok=False,
            detail=warned.message,
            warnings=warned.warnings,
            free_buses=buses,
            free_drivers=people,
        )
    except DomainError as refused:
        return CheckOut(ok=False, detail=refused.message, free_buses=buses, free_drivers=people)
    return CheckOut(ok=True, free_buses=buses, free_drivers=people)


class ScheduleController(Controller):
    path = "/api"
    tags = ("Jadwal",)

    @api(get, "/schedule", READ_SCHEDULE, 422, dependencies=DAYS)
    def schedule(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        days: NamedDependency[DateRange],
    ) -> list[BookingOut]:
        """Live bookings with a day in the range (at most 62 days), by departure."""
        settings = tenant_settings(deps, user)
        return [BookingOut.of(b, settings) for b in bookings.schedule(deps, user, days)]

    @api(
        get,
        "/schedule/{booking_id:str}",
        allow(Action.READ, Resource.BOOKING, roles=(Role.OWNER, Role.ADMIN, Role.DRIVER)),
        404,
    )
    def booking(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], booking_id: FromPath[str]
    ) -> BookingDetailOut | TripOut:
        """One booking with its payments; a driver sees own trips only, without money."""
        if user.role is Role.DRIVER:
            trip = bookings.get_trip(deps, user, booking_id)
            return TripOut(
                **trip.model_dump(exclude={"pickup_time"}), pickup_time=clock_of(trip.pickup_time)
            )
        detail = bookings.get_booking(deps, user, booking_id)
        return BookingDetailOut(
            booking=out(deps, user, detail.booking),
            payments=[PaymentOut.model_validate(p) for p in detail.payments],
        )

    @api(post, "/bookings", ADD_BOOKINGS, 404, 409, 422)
    def create(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[BookingIn]
    ) -> BookingOut:
        """A new booking; 409 when a bus or driver is already booked on one of its days."""
        booking = bookings.create_booking(
            deps, user, draft_of(data), acknowledge_warnings=data.acknowledge_warnings
        )
        return out(deps, user, booking)

    @api(post, "/bookings/check", ADD_BOOKINGS, 422, status_code=200)
    def check_new(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[BookingIn]
    ) -> CheckOut:
        """Would this booking be saved? Nothing is written; free buses and drivers on its
        days come along, for the form's live feedback."""
        draft = draft_of(data)
        days = DateRange(start=draft.depart_date, end=draft.return_date or draft.depart_date)
        days = day_range(days.start, days.end, days.start)
        return check(
            deps,
            user,
            lambda: bookings.create_booking(
                deps, user, draft, acknowledge_warnings=data.acknowledge_warnings, dry_run=True
            ),
            days,
        )

    @api(post, "/bookings/{booking_id:str}/check", CHANGE_BOOKINGS, 404, 422, status_code=200)
    def check_change(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        data: JSONBody[BookingPatch],
    ) -> CheckOut:
        """Would this change be saved? Nothing is written (the edit form's live feedback)."""
        changes = changes_of(data)
        current = bookings.get_booking(deps, user, booking_id).booking
        start = data.depart_date or current.depart_date
        end = data.return_date or (
            start + (current.return_date - current.depart_date)
            if data.depart_date
            else current.return_date
        )
        days = day_range(start, max(start, end), start)
        return check(
            deps,
            user,
            lambda: bookings.change_booking(
                deps,
                user,
                booking_id,
                changes,
                acknowledge_warnings=data.acknowledge_warnings,
                dry_run=True,
            ),
            days,
        )

    @api(patch, "/bookings/{booking_id:str}", CHANGE_BOOKINGS, 404, 409, 422)
    def change(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        data: JSONBody[BookingPatch],
    ) -> BookingOut:
        """Change dates, buses, crew or price, and/or move the status (confirmed,
        completed, cancelled). 409 on a conflict or a transition the status machine refuses."""
        changes = changes_of(data)
        booking = None
        if changes.model_dump(exclude_none=True):
            booking = bookings.change_booking(
                deps, user, booking_id, changes, acknowledge_warnings=data.acknowledge_warnings
            )
        if data.status is not None:
            booking = bookings.set_status(deps, user, booking_id, data.status)
        if booking is None:
            booking = bookings.get_booking(deps, user, booking_id).booking
        return out(deps, user, booking)

    @api(get, "/availability", READ_SCHEDULE, 422, dependencies=DAYS)
    def availability(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        days: NamedDependency[DateRange],
    ) -> CheckOut:
        """Buses and drivers free on every day of the range."""
        buses, people = free_on(deps, user, days)
        return CheckOut(ok=bool(buses), free_buses=buses, free_drivers=people)
