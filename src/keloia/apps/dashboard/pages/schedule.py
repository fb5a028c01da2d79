"""Jadwal (the board of buses by days), the booking form and the booking's own page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from litestar import Controller, get, post
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Response, Template

from keloia.apps.dashboard.controllers.schedule import changes_of, draft_of
from keloia.apps.dashboard.pages.common import (
    FORM_ERRORS,
    RecordPage,
    Visit,
    done,
    draft_of_form,
    explain,
    form_of,
    number,
    record_forms,
    run,
    shown_at,
    text,
)
from keloia.apps.dashboard.schemas import BookingIn, BookingPatch, TripCostOut, TripMoneyOut
from keloia.apps.dashboard.security import (
    ADD_BOOKINGS,
    CHANGE_BOOKINGS,
    READ_SCHEDULE,
    RECORD_PAYMENTS,
    RECORD_TRIP_COSTS,
    WAIVE_FEES,
    Auth,
)
from keloia.apps.dashboard.views import board, setup, tenant_settings
from keloia.domain.errors import DomainError, InvalidInput, WarningsNotAcknowledged
from keloia.domain.model.action_words import ACTIONS, OTHER_ACTION
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import bookings, money, payments
from keloia.domain.services.deps import Deps

ASSIGNMENT_ROWS = 3


def form_values(form: Any) -> dict[str, Any]:
    """The booking form as the API's request schema reads it: one validation for both."""
    values: dict[str, Any] = {}
    for key in ("client_name", "client_phone", "route_from", "route_to", "pickup_place", "notes"):
        values[key] = text(form, key)
    for key in ("depart_date", "return_date", "pickup_time", "settlement_due_date"):
        if text(form, key):
            values[key] = text(form, key)
    for key in ("price", "passengers", "bus_count"):
        raw = text(form, key).replace(".", "").replace(" ", "")
        if raw:
            values[key] = int(raw) if raw.isdigit() and len(raw) < 13 else raw
    assignments = []
    for i in range(ASSIGNMENT_ROWS):
        bus = text(form, f"bus_{i}")
        if bus:
            row = {"bus_id": bus}
            for role, key in (("driver_id", f"driver_{i}"), ("co_driver_id", f"kernet_{i}")):
                if text(form, key):
                    row[role] = text(form, key)
            assignments.append(row)
    values["assignments"] = assignments
    values["acknowledge_warnings"] = bool(text(form, "acknowledge_warnings"))
    if not values["client_phone"]:
        values.pop("client_phone")
    return values


def choices(deps: Deps, auth: Auth) -> dict[str, Any]:
    with deps.uow() as uow:
        buses = [b for b in uow.buses.all(auth.user.tenant_id) if b.status.value != "retired"]
        team = uow.users.all(auth.user.tenant_id)
    drivers = [u for u in team if u.role is Role.DRIVER and u.active]
    return {
        "buses": sorted(buses, key=lambda b: b.name),
        "drivers": sorted(drivers, key=lambda u: u.name),
        "rows": ASSIGNMENT_ROWS,
    }


def booking_values(booking: Booking) -> dict[str, Any]:
    values: dict[str, Any] = booking.model_dump(mode="json")
    for i, a in enumerate(booking.assignments):
        values[f"bus_{i}"] = a.bus_id
        values[f"driver_{i}"] = a.driver_id or ""
        values[f"kernet_{i}"] = a.co_driver_id or ""
    values["price"] = str(booking.price)
    return values


def bookings_next(booking: Booking) -> list[BookingStatus]:
    from keloia.domain.model.bookings import TRANSITIONS

    # The way forward first, cancelling last.
    return sorted(TRANSITIONS[booking.status], key=lambda s: (s is BookingStatus.CANCELLED, s))


def read_booking(deps: Deps, auth: Auth, booking_id: str) -> dict[str, Any]:
    found = bookings.get_booking(deps, auth.user, booking_id)
    _, costs = money.trip_costs(deps, auth.user, booking_id)
    with deps.uow() as uow:
        tenant_id = auth.user.tenant_id
        buses = {b.id: b for b in uow.buses.all(tenant_id)}
        people = {u.id: u for u in uow.users.all(tenant_id)}
        history = uow.activity.all(tenant_id, booking_id)
        for record_id in [p.id for p in found.payments] + [c.id for c in costs]:
            history += uow.activity.all(tenant_id, record_id)
    history.sort(key=lambda e: e.at, reverse=True)
    settings = tenant_settings(deps, auth.user)
    next_states = bookings_next(found.booking)
    trip = TripMoneyOut.of(found.booking, costs)
    return {
        "b": found.booking,
        "payments": found.payments,
        "buses": buses,
        "people": people,
        "history": history,
        "actions": ACTIONS,
        "other_action": OTHER_ACTION,
        "due": found.booking.settlement_due(settings),
        "next_states": [s.value for s in next_states],
        "policy": settings.cancellation_policy,
        "trip": trip,
        "cost_groups": cost_groups(found.booking, trip.items),
        # What cancelling now would cost, said before the button is pressed.
        "quote": (
            money.cancellation_quote(deps, auth.user, booking_id).sentence()
            if BookingStatus.CANCELLED in next_states
            else ""
        ),
    }


detail_page = RecordPage(
    "booking.html",
    "Detail booking",
    "/jadwal",
    read_booking,
    back="/jadwal",
    back_label="Jadwal",
)


# The forms of the booking page, each with the record's id and the form.
def set_status(deps: Deps, user: User, booking_id: str, form: FormMultiDict) -> object:
    return bookings.set_status(deps, user, booking_id, BookingStatus(text(form, "status")))


def record_pay(deps: Deps, user: User, booking_id: str, form: FormMultiDict) -> object:
    draft = draft_of_form(payments.PaymentDraft, form, booking_id=booking_id)
    return payments.record_payment(deps, user, draft)


REFUND_AMOUNT = "Isi jumlah refund dengan angka rupiah lebih dari 0, misalnya 2.000.000."


def record_refund(deps: Deps, user: User, booking_id: str, form: FormMultiDict) -> object:
    """Money given back to the client (a cancelled trip's DP): a payment of type refund,
    which the booking refuses beyond what was paid less what was refunded already."""
    try:
        amount = number(form, "amount")
    except ValueError:  # "-500000", "sejuta"
        amount = None
    if not amount:
        raise InvalidInput(REFUND_AMOUNT)
    fixed = {"booking_id": booking_id, "type": PaymentType.REFUND, "amount": amount}
    return payments.record_payment(deps, user, draft_of_form(payments.PaymentDraft, form, **fixed))


def record_cost(deps: Deps, user: User, booking_id: str, form: FormMultiDict) -> object:
    """A trip cost typed in the booking page: on one bus, or on the whole trip."""
    draft = draft_of_form(money.TripCostDraft, form, booking_id=booking_id)
    return money.record_trip_cost(deps, user, draft)


def waive_fee(deps: Deps, user: User, booking_id: str, _: FormMultiDict) -> object:
    return money.waive_cancellation_fee(deps, user, booking_id)


on_booking = record_forms(detail_page, "/booking/{}")


class SchedulePages(Controller):
    include_in_schema = False

    @get(["/", "/jadwal"], guards=[READ_SCHEDULE])
    async def board(
        self,
        visit: NamedDependency[Visit],
        mulai: FromQuery[date | None] = None,
        tampilan: FromQuery[str] = "minggu",
    ) -> Template:
        deps, user = visit.deps, visit.user
        today = deps.clock.today()
        anchor = mulai if mulai and date(2000, 1, 1) <= mulai <= date(2100, 1, 1) else today
        month = tampilan == "bulan"
        days = DateRange.month_of(anchor) if month else DateRange.week_of(anchor)
        step = 31 if month else 7
        prev_day = (days.start - timedelta(days=1)) if month else days.start - timedelta(days=7)
        return await visit.page(
            "jadwal.html",
            lambda: {"board": board(deps, user, days), "setup": setup(deps, user)},
            title="Jadwal",
            section="/jadwal",
            month=month,
            days=days,
            prev=prev_day,
            next=days.start + timedelta(days=step) if not month else days.end + timedelta(days=1),
            view="bulan" if month else "minggu",
        )

    @get("/booking/baru", guards=[ADD_BOOKINGS])
    async def new(
        self,
        visit: NamedDependency[Visit],
        tanggal: FromQuery[date | None] = None,
        bus: FromQuery[str] = "",
    ) -> Template:
        values = {"depart_date": str(tanggal or visit.deps.clock.today()), "bus_0": bus}
        return await booking_form(visit, values)

    @post("/booking/baru", guards=[ADD_BOOKINGS])
    async def create(self, visit: NamedDependency[Visit]) -> Response[Any]:
        def save(values: dict[str, Any]) -> str:
            data = BookingIn.model_validate(values)
            made = bookings.create_booking(
                visit.deps,
                visit.user,
                draft_of(data),
                acknowledge_warnings=data.acknowledge_warnings,
            )
            return made.id

        return await save_booking(visit, "", save)

    detail = shown_at(detail_page, "/booking/{booking_id:str}", READ_SCHEDULE)

    @get("/booking/{booking_id:str}/ubah", guards=[CHANGE_BOOKINGS])
    async def edit(self, visit: NamedDependency[Visit], booking_id: FromPath[str]) -> Template:
        found = await run(lambda: bookings.get_booking(visit.deps, visit.user, booking_id))
        return await booking_form(visit, booking_values(found.booking), booking_id)

    @post("/booking/{booking_id:str}/ubah", guards=[CHANGE_BOOKINGS])
    async def change(
        self, visit: NamedDependency[Visit], booking_id: FromPath[str]
    ) -> Response[Any]:
        def save(values: dict[str, Any]) -> str:
            data = BookingPatch.model_validate(
                {k: v for k, v in values.items() if v != "" or k in ("notes",)}
            )
            bookings.change_booking(
                visit.deps,
                visit.user,
                booking_id,
                changes_of(data),
                acknowledge_warnings=data.acknowledge_warnings,
            )
            return booking_id

        return await save_booking(visit, booking_id, save)

    status = on_booking("/booking/{booking_id:str}/status", CHANGE_BOOKINGS, "status", set_status)
    pay = on_booking("/booking/{booking_id:str}/bayar", RECORD_PAYMENTS, "bayar", record_pay)
    refund = on_booking(
        "/booking/{booking_id:str}/refund", RECORD_PAYMENTS, "refund", record_refund
    )
    cost = on_booking("/booking/{booking_id:str}/biaya", RECORD_TRIP_COSTS, "biaya", record_cost)
    waive = on_booking("/booking/{booking_id:str}/bebaskan-biaya", WAIVE_FEES, "bebas", waive_fee)


async def booking_form(
    visit: Visit,
    values: dict[str, Any],
    booking_id: str = "",
    refused: Exception | None = None,
) -> Template:
    """The booking form, new (`booking_id` empty) or a change; again after a refusal with
    what was typed and the reason (409 for a business rule, 422 for a mistyped value)."""
    path = f"/booking/{booking_id}" if booking_id else "/booking"
    extra: dict[str, Any] = {}
    if refused is not None:
        extra = {
            "status_code": 409 if isinstance(refused, DomainError) else 422,
            "error": explain(refused),
            "warned": isinstance(refused, WarningsNotAcknowledged),
        }
    return await visit.page(
        "booking_form.html",
        lambda: choices(visit.deps, visit.auth),
        title="Ubah booking" if booking_id else "Booking baru",
        section="/jadwal",
        back=path if booking_id else "/jadwal",
        back_label="Detail booking" if booking_id else "Jadwal",
        v=values,
        action=f"{path}/ubah" if booking_id else "/booking/baru",
        check=f"/api/bookings/{booking_id}/check" if booking_id else "/api/bookings/check",
        booking_id=booking_id,
        **extra,
    )


async def save_booking(
    visit: Visit, booking_id: str, save: Callable[[dict[str, Any]], str]
) -> Response[Any]:
    values = form_values(await form_of(visit.request))
    try:
        saved = await run(lambda: save(values))
    except FORM_ERRORS as exc:
        return await booking_form(visit, values, booking_id, exc)
    return done(f"/booking/{saved}", "booking")


def cost_groups(
    booking: Booking, items: list[TripCostOut]
) -> list[tuple[str | None, list[TripCostOut], int]]:
    """The trip's costs per bus in the booking's order, then those of the whole trip
    (bus None): each with its items and subtotal."""
    groups: dict[str | None, list[TripCostOut]] = {b: [] for b in [*booking.bus_ids(), None]}
    for item in items:
        groups.setdefault(item.bus_id, []).append(item)
    return [(bus, found, sum(i.amount for i in found)) for bus, found in groups.items() if found]
