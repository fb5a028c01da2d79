"""Jadwal (the board of buses by days), the booking form and the booking's own page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Response, Template
from pydantic import ValidationError

from keloia.apps.dashboard.controllers.schedule import changes_of, draft_of
from keloia.apps.dashboard.pages.common import done, form_of, page, run, text
from keloia.apps.dashboard.schemas import BookingIn, BookingPatch
from keloia.apps.dashboard.security import OWNER, Auth, allow
from keloia.apps.dashboard.views import board, setup, tenant_settings
from keloia.domain.errors import DomainError, WarningsNotAcknowledged
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role
from keloia.domain.services import bookings, payments
from keloia.domain.services.deps import Deps

ASSIGNMENT_ROWS = 3
ACTIONS = {
    "booking.created": "membuat booking",
    "booking.updated": "mengubah booking",
    "booking.confirmed": "mengonfirmasi booking",
    "booking.completed": "menandai perjalanan selesai",
    "booking.cancelled": "membatalkan booking",
    "booking.cancellation_fee_waived": "membebaskan biaya pembatalan",
    "booking.crew_ready": "menyatakan siap bertugas",
    "booking.crew_declined": "menyatakan tidak bisa bertugas",
    "payment.recorded": "mencatat pembayaran",
    "trip_cost.recorded": "mencatat biaya perjalanan",
    "paper.drawn": "membuat dokumen PDF",
}
# An entry this page has no words for yet is still shown, never as its code.
OTHER_ACTION = "mengubah data"


def week_of(day: date) -> DateRange:
    start = day - timedelta(days=day.weekday())
    return DateRange(start=start, end=start + timedelta(days=6))


def month_of(day: date) -> DateRange:
    start = day.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return DateRange(start=start, end=nxt - timedelta(days=1))


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


def explain(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        fields = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        names = {
            "client_name": "nama klien",
            "depart_date": "tanggal berangkat",
            "return_date": "tanggal pulang",
            "price": "harga",
            "passengers": "jumlah penumpang",
            "pickup_time": "jam jemput",
            "bus_count": "jumlah bus",
            "settlement_due_date": "batas pelunasan",
            "client_phone": "nomor klien",
            "amount": "jumlah",
            "paid_date": "tanggal bayar",
        }
        listed = ", ".join(sorted(names.get(f, f) for f in fields))
        return f"Periksa isian: {listed}."
    return "Periksa kembali isian formulir."


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


class SchedulePages(Controller):
    include_in_schema = False

    @get(["/", "/jadwal"], guards=[allow(Action.READ, Resource.BOOKING)])
    async def board(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        mulai: FromQuery[date | None] = None,
        tampilan: FromQuery[str] = "minggu",
    ) -> Template:
        today = deps.clock.today()
        anchor = mulai if mulai and date(2000, 1, 1) <= mulai <= date(2100, 1, 1) else today
        month = tampilan == "bulan"
        days = month_of(anchor) if month else week_of(anchor)
        step = 31 if month else 7
        prev_day = (days.start - timedelta(days=1)) if month else days.start - timedelta(days=7)
        return await page(
            request,
            auth,
            "jadwal.html",
            lambda: {"board": board(deps, auth.user, days), "setup": setup(deps, auth.user)},
            title="Jadwal",
            section="/jadwal",
            month=month,
            days=days,
            prev=prev_day,
            next=days.start + timedelta(days=step) if not month else days.end + timedelta(days=1),
            view="bulan" if month else "minggu",
        )

    @get("/booking/baru", guards=[allow(Action.CREATE, Resource.BOOKING)])
    async def new(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        tanggal: FromQuery[date | None] = None,
        bus: FromQuery[str] = "",
    ) -> Template:
        values = {"depart_date": str(tanggal or deps.clock.today()), "bus_0": bus}
        return await page(
            request,
            auth,
            "booking_form.html",
            lambda: choices(deps, auth),
            title="Booking baru",
            section="/jadwal",
            back="/jadwal",
            back_label="Jadwal",
            v=values,
            action="/booking/baru",
            check="/api/bookings/check",
            booking_id="",
        )

    @post("/booking/baru", guards=[allow(Action.CREATE, Resource.BOOKING)])
    async def create(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Response[Any]:
        values = form_values(await form_of(request))
        try:
            data = BookingIn.model_validate(values)
            made = await run(
                lambda: bookings.create_booking(
                    deps, auth.user, draft_of(data), acknowledge_warnings=data.acknowledge_warnings
                )
            )
        except (DomainError, ValidationError, ValueError) as exc:
            return await page(
                request,
                auth,
                "booking_form.html",
                lambda: choices(deps, auth),
                status_code=409 if isinstance(exc, DomainError) else 422,
                title="Booking baru",
                section="/jadwal",
                back="/jadwal",
                back_label="Jadwal",
                v=values,
                action="/booking/baru",
                check="/api/bookings/check",
                booking_id="",
                error=explain(exc),
                warned=isinstance(exc, WarningsNotAcknowledged),
            )
        return done(f"/booking/{made.id}", "booking")

    @get("/booking/{booking_id:str}", guards=[allow(Action.READ, Resource.BOOKING)])
    async def detail(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
    ) -> Template:
        return await detail_page(request, auth, deps, booking_id)

    @get("/booking/{booking_id:str}/ubah", guards=[allow(Action.UPDATE, Resource.BOOKING)])
    async def edit(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
    ) -> Template:
        found = await run(lambda: bookings.get_booking(deps, auth.user, booking_id))
        return await page(
            request,
            auth,
            "booking_form.html",
            lambda: choices(deps, auth),
            title="Ubah booking",
            section="/jadwal",
            back=f"/booking/{booking_id}",
            back_label="Detail booking",
            v=booking_values(found.booking),
            action=f"/booking/{booking_id}/ubah",
            check=f"/api/bookings/{booking_id}/check",
            booking_id=booking_id,
        )

    @post("/booking/{booking_id:str}/ubah", guards=[allow(Action.UPDATE, Resource.BOOKING)])
    async def change(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
    ) -> Response[Any]:
        values = form_values(await form_of(request))
        try:
            data = BookingPatch.model_validate(
                {k: v for k, v in values.items() if v != "" or k in ("notes",)}
            )
            await run(
                lambda: bookings.change_booking(
                    deps,
                    auth.user,
                    booking_id,
                    changes_of(data),
                    acknowledge_warnings=data.acknowledge_warnings,
                )
            )
        except (DomainError, ValidationError, ValueError) as exc:
            return await page(
                request,
                auth,
                "booking_form.html",
                lambda: choices(deps, auth),
                status_code=409 if isinstance(exc, DomainError) else 422,
                title="Ubah booking",
                section="/jadwal",
                back=f"/booking/{booking_id}",
                back_label="Detail booking",
                v=values,
                action=f"/booking/{booking_id}/ubah",
                check=f"/api/bookings/{booking_id}/check",
                booking_id=booking_id,
                error=explain(exc),
                warned=isinstance(exc, WarningsNotAcknowledged),
            )
        return done(f"/booking/{booking_id}", "booking")

    @post("/booking/{booking_id:str}/status", guards=[allow(Action.UPDATE, Resource.BOOKING)])
    async def status(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            target = BookingStatus(text(form, "status"))
            await run(lambda: bookings.set_status(deps, auth.user, booking_id, target))
        except (DomainError, ValueError) as exc:
            return await detail_page(request, auth, deps, booking_id, error=explain(exc))
        return done(f"/booking/{booking_id}", "status")

    @post("/booking/{booking_id:str}/bayar", guards=[allow(Action.CREATE, Resource.PAYMENT, OWNER)])
    async def pay(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            amount = text(form, "amount").replace(".", "").replace(" ", "")
            draft = payments.PaymentDraft.model_validate(
                {
                    "booking_id": booking_id,
                    "type": text(form, "type"),
                    "amount": int(amount) if amount.isdigit() and len(amount) < 13 else amount,
                    "method": text(form, "method") or None,
                    "paid_date": text(form, "paid_date") or None,
                    "note": text(form, "note")[:300],
                    "overpayment": bool(text(form, "overpayment")),
                }
            )
            await run(lambda: payments.record_payment(deps, auth.user, draft))
        except (DomainError, ValidationError, ValueError) as exc:
            return await detail_page(request, auth, deps, booking_id, error=explain(exc))
        return done(f"/booking/{booking_id}", "bayar")


def bookings_next(booking: Booking) -> list[BookingStatus]:
    from keloia.domain.model.bookings import TRANSITIONS

    # The way forward first, cancelling last.
    return sorted(TRANSITIONS[booking.status], key=lambda s: (s is BookingStatus.CANCELLED, s))


async def detail_page(
    request: Request[Any, Any, Any], auth: Auth, deps: Deps, booking_id: str, error: str = ""
) -> Template:
    def read() -> dict[str, Any]:
        found = bookings.get_booking(deps, auth.user, booking_id)
        with deps.uow() as uow:
            tenant_id = auth.user.tenant_id
            buses = {b.id: b for b in uow.buses.all(tenant_id)}
            people = {u.id: u for u in uow.users.all(tenant_id)}
            history = uow.activity.all(tenant_id, booking_id)
            for payment in found.payments:
                history += uow.activity.all(tenant_id, payment.id)
        history.sort(key=lambda e: e.at, reverse=True)
        settings = tenant_settings(deps, auth.user)
        return {
            "b": found.booking,
            "payments": found.payments,
            "buses": buses,
            "people": people,
            "history": history,
            "actions": ACTIONS,
            "other_action": OTHER_ACTION,
            "due": found.booking.settlement_due(settings),
            "next_states": [s.value for s in bookings_next(found.booking)],
            "policy": settings.cancellation_policy,
        }

    return await page(
        request,
        auth,
        "booking.html",
        read,
        status_code=422 if error else 200,
        title="Detail booking",
        section="/jadwal",
        back="/jadwal",
        back_label="Jadwal",
        error=error,
    )
