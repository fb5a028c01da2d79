"""Questions answered straight away, fitted to the asker's role: a driver sees own trips
only and never money."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from keloia.domain.model.bookings import MAX_TRIP_DAYS
from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, days_label
from keloia.domain.services import bookings, fleet
from keloia.domain.services.assistant import money_answers
from keloia.domain.services.assistant.actions import days_of
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import clock
from keloia.domain.services.assistant.resolve import find_bus

MAX_LINES = 30


def answer(ctx: MessageContext, extraction: Extraction) -> str:
    return ANSWERS[extraction.intent](ctx, extraction)


def _schedule(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    days = days_of(f, ctx.today)
    if days.days() > MAX_TRIP_DAYS:
        days = DateRange(start=days.start, end=days.start + timedelta(days=MAX_TRIP_DAYS - 1))
    trips = bookings.trips(ctx.deps, ctx.actor, days)
    bus = find_bus(ctx.buses, f.bus) if f.bus else None
    if bus is not None:
        trips = [t for t in trips if bus.id in t.bus_ids]
    when = days_label(days.start, days.end, ctx.today)
    own = "Jadwal Anda" if ctx.actor.role is Role.DRIVER else "Jadwal"
    if not trips:
        return f"{own} {when}: kosong, tidak ada perjalanan."
    names = {b.id: b.name for b in ctx.buses}
    lines = [f"{own} {when}:"]
    for trip in trips[:MAX_LINES]:
        route = " – ".join(p for p in (trip.route_from, trip.route_to) if p)
        buses = ", ".join(names.get(b, b) for b in trip.bus_ids) or "bus belum ditentukan"
        at = f", jam {clock(trip.pickup_time)}" if trip.pickup_time else ""
        lines.append(
            f"• {days_label(trip.depart_date, trip.return_date, ctx.today)}{at}: {trip.client_name}"
            f"{', ' + route if route else ''} ({buses})"
        )
    if len(trips) > MAX_LINES:
        lines.append(f"…dan {len(trips) - MAX_LINES} lainnya. Lihat lengkapnya di dashboard.")
    return "\n".join(lines)


def _bus_status(ctx: MessageContext, extraction: Extraction) -> str:
    states = fleet.fleet_on(ctx.deps, ctx.actor, ctx.today)
    bus = find_bus(ctx.buses, extraction.fields.bus) if extraction.fields.bus else None
    if bus is not None:
        states = [s for s in states if s.bus.id == bus.id]
    if not states:
        return "Belum ada bus terdaftar. Pemilik bisa menambahkannya di dashboard."
    lines = [f"Status armada hari ini ({day_label(ctx.today, ctx.today)}):"]
    lines += [f"• {s.bus.name}: {s.label}" for s in states]
    return "\n".join(lines)


# An answer for every query intent (domain/model/intents.py).
ANSWERS: dict[Intent, Callable[[MessageContext, Extraction], str]] = {
    Intent.QUERY_SCHEDULE: _schedule,
    Intent.QUERY_OUTSTANDING: money_answers.outstanding,
    Intent.QUERY_BUS_STATUS: _bus_status,
    **dict.fromkeys(money_answers.MONEY_INTENTS, money_answers.answer),
}
