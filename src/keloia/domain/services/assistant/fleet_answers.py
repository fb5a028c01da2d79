"""The fleet asked by chat: a bus's state on a day (workshop, trips, services due), the
buses (and crew) free on a day or range, and what the workshop cost."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.model.alerts import MANAGERS, AlertKind
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    DueState,
    MaintenanceType,
    ServiceDue,
    papers_lapsing_by,
)
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import day_label, days_label, format_km, period_label
from keloia.domain.services import bookings, fleet
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import MAX_ASKED_DAYS, MAX_LIST_LINES, capitalized
from keloia.domain.services.assistant.resolve import find_bus
from keloia.domain.services.assistant.targets import days_of


def bus_status(ctx: MessageContext, extraction: Extraction) -> str:
    """Each bus on the day asked (today when none), and the trips still without a bus."""
    if extraction.fields.maintenance_type and not extraction.fields.bus:
        asked = extraction.fields.maintenance_type
        if _LAST_ASKED_RE.search(ctx.text.lower()):
            return _last_services(ctx, asked)  # "kabeh bus terakhir servis kapan wae?"
        return "\n".join([*_next_of_just_serviced(ctx, asked), _services_due(ctx, asked)])
    day = extraction.fields.date or ctx.today
    states = fleet.fleet_on(ctx.deps, ctx.actor, day)
    bus = find_bus(ctx.buses, extraction.fields.bus) if extraction.fields.bus else None
    if bus is not None:
        states = [s for s in states if s.bus.id == bus.id]
    if not states:
        return (
            "Belum ada bus terdaftar. Pemilik bisa menambahkannya lewat chat (contoh: *tambah "
            "bus baru AB 1234 XY, 45 seat, nama Srikandi*) atau di dashboard, halaman Armada "
            "(/armada)."
        )
    when = "hari ini" if day == ctx.today else day_label(day, ctx.today)
    # One bus asked ("bus 02 servis lg kapan"): its state, not the fleet's.
    lines = [f"{bus.name} {when}:" if bus is not None else f"Status armada {when}:"]
    clients = _clients_by_booking(ctx, day)
    free_asked = bus is not None and extraction.fields.date is not None
    for s in states:
        holder = clients.get(s.booked_by or "")
        # Of one bus asked, its name heads the answer already: the line is its status.
        name = "Status" if bus is not None else s.bus.name
        if holder and s.in_workshop:
            lines.append(f"• {name}: di bengkel ⚠️ tapi dijadwalkan untuk {holder}")
        elif free_asked and s.booked_by is None and s.label == "siap jalan":
            # "srikandi tgl 7 kosong kan?": whether it is free that day, said outright, and
            # the trips of that day still waiting for a bus, which may take it.
            lines.append(f"• {name}: siap jalan, kosong (tidak ada trip)")
            lines += _without_bus(ctx, DateRange.single(day), bus)
        else:
            lines.append(f"• {name}: {s.label}" + (f" ({holder})" if holder else ""))
    if bus is None:
        lines += _without_bus(ctx, DateRange.single(day), None)
    else:
        lines += _bus_details(bus) + _workshop_lines(bus, ctx.today) + _service_lines(ctx, bus)
        lines += _reports_of(ctx, bus)
    return "\n".join(lines)


REPORTS_SHOWN_FOR = timedelta(days=7)


def _reports_of(ctx: MessageContext, bus: Bus) -> list[str]:
    """The crew's problem reports of the bus this past week ("bus 01 kenapa?" after a
    driver's "rem bus 01 bunyi"), as the managers were alerted of them; the latest two."""
    if ctx.actor.role not in MANAGERS:
        return []
    since = ctx.deps.clock.now() - REPORTS_SHOWN_FOR
    reports = [
        a
        for a in ctx.uow.alerts.for_user(ctx.actor.tenant_id, ctx.actor.id, since=since)
        if a.kind is AlertKind.BUS_PROBLEM and a.entity_id == bus.id
    ]
    # A repair logged on or after the day of a report answers it ("rem bunyi", then "servis
    # rem bus 02 udh beres"): only what came after the last work done is shown.
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    work = [m.performed_date for m in ctx.uow.maintenance.for_bus(bus.tenant_id, bus.id)]
    last_work = max(work, default=None)
    reports = [
        a for a in reports if last_work is None or a.created_at.astimezone(zone).date() > last_work
    ]
    reports.sort(key=lambda a: a.created_at)
    return [f"• {a.text}" for a in reports[-2:]]


def _workshop_lines(bus: Bus, today: date) -> list[str]:
    """A bus's workshop stay, under way or planned ("bus 05 kapan kelar dr bengkel")."""
    start, until = bus.workshop_from, bus.workshop_until
    if start is None:
        if bus.status is BusStatus.MAINTENANCE:
            return ["• Keluar bengkel: belum dicatat kapan"]
        return []
    if until is not None and until < today:
        return []
    if start > today:
        if until is None:
            return [f"• Masuk bengkel {day_label(start, today)}, sampai dilaporkan keluar"]
        return [f"• Masuk bengkel {days_label(start, until, today)}"]
    if until is None:
        return [f"• Di bengkel sejak {day_label(start, today)}, belum dicatat kapan keluar"]
    return [f"• Di bengkel sampai {day_label(until, today)}"]


def _bus_details(bus: Bus) -> list[str]:
    """A bus's plate, seats and class ("plat bus 03 apa", "bus 03 kursinya brp")."""
    said = [
        bus.plate and f"plat {bus.plate}",
        bus.seats and f"{bus.seats} kursi",
        bus.bus_class and f"kelas {bus.bus_class}",
    ]
    details = ", ".join(s for s in said if s)
    return [f"• Data: {details}"] if details else []


def _clients_by_booking(ctx: MessageContext, day: date) -> dict[str, str]:
    """Whose trip holds each bus that day (a driver sees only own trips named)."""
    trips = bookings.trips(ctx.deps, ctx.actor, DateRange.single(day))
    return {t.booking_id: t.client_name for t in trips}


def _without_bus(
    ctx: MessageContext, days: DateRange, bus: Bus | None, free: int | None = None
) -> list[str]:
    """Trips on `days` still waiting for a bus: they take buses of the fleet too, so a bus
    free on the schedule may be the one they get."""
    waiting = fleet.waiting_for_buses(ctx.deps, ctx.actor, days)
    if not waiting:
        return []
    missing = sum(b.unassigned_buses() for b in waiting)
    who = (
        "trip lain"  # a driver sees own trips only
        if ctx.actor.role is Role.DRIVER
        else ", ".join(b.client_name for b in waiting[:5])
    )
    if ctx.actor.role is not Role.DRIVER:
        # Named here, so "yaudah pake srikandi" next gives the bus to the trip waiting.
        ctx.show(b.id for b in waiting[:5])
    text = f"⚠️ Tapi {who} butuh {missing} bus hari itu yang belum ditentukan"
    if bus is not None:
        return [f"{text}: bisa jadi {bus.name} yang dipakai."]
    if free is not None:
        return [f"{text}, jadi yang benar-benar bebas tinggal {max(free - missing, 0)} bus."]
    return [f"{text}: {missing} dari bus yang siap jalan akan terpakai."]


def _service_lines(ctx: MessageContext, bus: Bus) -> list[str]:
    """A bus's last service and what is due next (by date or km)."""
    lines: list[str] = []
    logs = ctx.uow.maintenance.for_bus(ctx.actor.tenant_id, bus.id)
    if logs:
        last = logs[0]
        when = day_label(last.performed_date, ctx.today)
        # ("terakhir ganti oli kpn, abis brp": what it cost, for those who see the money.)
        shown = last.cost and can(ctx.actor.role, Action.READ, Resource.PAYMENT)
        cost = f", {format_rupiah(last.cost)}" if shown else ""
        lines.append(f"• Terakhir: {last.type.label} {when}{cost}")
    # The whole plan, not only what is due soon: "kapan ganti oli lagi" wants the next date.
    due = [d for d in fleet.service_plan(ctx.deps, ctx.actor, ctx.today) if d.bus_id == bus.id]
    for d in due[:3]:
        at = _due_at(d, ctx.today)
        if d.state is DueState.OVERDUE:
            # "bus 01 kpn ganti oli lg?" past its km or day: say it is late, not just when.
            lines.append(f"• ⚠️ {d.type.label.capitalize()} sudah lewat waktunya (jadwal: {at})")
        else:
            lines.append(f"• Berikutnya: {d.type.label} {at}")
    if bus.odometer_km is not None:
        lines.append(f"• Odometer: {format_km(bus.odometer_km)}")
    return lines


def _due_at(d: ServiceDue, today: date) -> str:
    """ "29 Jan atau 152.500 km": when a service is due, by date or km."""
    at = [day_label(d.due_date, today)] if d.due_date else []
    at += [format_km(d.due_km)] if d.due_km is not None else []
    return " atau ".join(at)


def _next_of_just_serviced(ctx: MessageContext, asked: MaintenanceType) -> list[str]:
    """ "trus ganti oli brktnya kapan?" right after a bus's oil change was recorded: when
    that bus is due for it next, before the fleet's list."""
    done = ctx.conversation.recently_applied(ctx.deps.clock.now())
    if done is None or done.extraction.intent is not Intent.LOG_MAINTENANCE:
        return []
    bus = find_bus(ctx.buses, done.extraction.fields.bus) if done.extraction.fields.bus else None
    if bus is None:
        return []
    plan = [d for d in fleet.service_plan(ctx.deps, ctx.actor, ctx.today) if d.bus_id == bus.id]
    if asked is not MaintenanceType.GENERAL_SERVICE:
        plan = [d for d in plan if d.type is asked]
    lines = []
    for d in plan[:3]:
        at = _due_at(d, ctx.today)
        lines.append(f"{bus.name}: {d.type.label} berikutnya {at}.")
    return lines


# "terakhir servis kapan": when each bus was last worked on, asked.
_LAST_ASKED_RE = re.compile(r"\b(?:terakhir|terakir|trakhir|pungkasan)\b")


def _last_services(ctx: MessageContext, asked: MaintenanceType) -> str:
    """Each bus's last work of the kind asked (any work for "servis"), newest first, and
    the buses with none on record."""
    lines = ["Servis terakhir tiap bus:"]
    for bus in sorted(ctx.buses, key=lambda b: b.name)[:MAX_LIST_LINES]:
        logs = ctx.uow.maintenance.for_bus(ctx.actor.tenant_id, bus.id)
        if asked is not MaintenanceType.GENERAL_SERVICE:
            logs = [log for log in logs if log.type is asked]
        if logs:
            last = logs[0]
            lines.append(
                f"• {bus.name}: {last.type.label} {day_label(last.performed_date, ctx.today)}"
            )
        else:
            lines.append(f"• {bus.name}: belum ada catatan")
    return "\n".join(lines)


def _services_due(ctx: MessageContext, asked: MaintenanceType) -> str:
    """ "bus mana yg udh waktunya servis": what is overdue or due soon, by date or km (of
    the work named, "ganti oli"; "servis" is any)."""
    names = {b.id: b.name for b in ctx.buses}
    due = fleet.maintenance_due(ctx.deps, ctx.actor, ctx.today)
    if asked is not MaintenanceType.GENERAL_SERVICE:
        due = [d for d in due if d.type is asked]
    if not due:
        return "\n".join(_nearest_services(ctx, asked, names))
    lines = ["Servis yang sudah atau segera waktunya:"]
    for d in due[:MAX_LIST_LINES]:
        at = _due_at(d, ctx.today)
        late = " (lewat)" if d.state is DueState.OVERDUE else ""
        work = d.type.label
        lines.append(f"• {names.get(d.bus_id, d.bus_id)}: {work} {at}{late}")
    return "\n".join(lines)


# How many of the services coming next are named when none is due soon.
NEAREST_SHOWN = 3


def _nearest_services(
    ctx: MessageContext, asked: MaintenanceType, names: dict[str, str]
) -> list[str]:
    """None due soon: said so, with the ones coming next by date ("Bus 02: ganti oli
    Selasa, 15 Des"), so "bus mana yg sebentar lg ganti oli" is still answered."""
    plan = [d for d in fleet.service_plan(ctx.deps, ctx.actor, ctx.today) if d.due_date]
    if asked is not MaintenanceType.GENERAL_SERVICE:
        plan = [d for d in plan if d.type is asked]
    work = "servis" if asked is MaintenanceType.GENERAL_SERVICE else asked.label
    lines = [f"Belum ada bus yang waktunya {work} dalam waktu dekat. 👍"]
    nearest = sorted(plan, key=lambda d: (d.due_date or ctx.today, d.bus_id))[:NEAREST_SHOWN]
    if nearest:
        lines.append("Yang paling dekat:")
        lines += [
            f"• {names.get(d.bus_id, d.bus_id)}: {d.type.label} {_due_at(d, ctx.today)}"
            for d in nearest
        ]
    return lines


def free_buses(ctx: MessageContext, extraction: Extraction) -> str:
    """Which buses are free on a day or range (or whether one is), which are in the
    workshop, and the trips still without a bus that will take some of them."""
    days = days_of(extraction.fields, ctx.today)
    if days.days() > MAX_ASKED_DAYS:
        days = DateRange(start=days.start, end=days.start + timedelta(days=MAX_ASKED_DAYS - 1))
    named = extraction.fields.bus
    # "bus 02 kurang kernet, yg kosong siapa": no day said, the days of the bus's next trip.
    coming = extraction.fields.detail in ("crew", "kernet") and named and not extraction.fields.date
    next_trip = _next_trip_days(ctx, named) if coming and named else None
    days = next_trip or days
    free = fleet.available_buses(ctx.deps, ctx.actor, days)
    when = days_label(days.start, days.end, ctx.today)
    workshop = [b for b in ctx.buses if b.status is not BusStatus.RETIRED and b.in_workshop(days)]
    if extraction.fields.detail in ("crew", "kernet"):
        # The crew are one pool: whoever has no trip that day may drive or be the kernet.
        crew = bookings.drivers_on(ctx.deps, ctx.actor, days)
        drivers = crew.free
        names = ", ".join(u.name for u in drivers)
        who = "kernet" if extraction.fields.detail == "kernet" else "sopir"
        free_ones = (
            f"{capitalized(who)} kosong {when}: {names}."
            if drivers
            else f"Tidak ada {who} kosong {when}."
        )
        if crew.off:
            free_ones += f" Izin: {', '.join(u.name for u in crew.off)}."
        if not named:
            return free_ones
        if coming and next_trip is None and (bus := find_bus(ctx.buses, named)) is not None:
            return f"{bus.name} belum ada trip yang akan datang.\n{free_ones}"
        return _crew_for_bus(ctx, named, days, who, drivers, free_ones)
    if named:
        bus = find_bus(ctx.buses, named)
        if bus is None:
            return f'Bus "{named}" tidak ada di armada.'
        if bus in workshop:
            text = f"{bus.name} {when} tidak bisa dipakai: sedang di bengkel."
        elif any(b.id == bus.id for b in free):
            text = f"{bus.name} {when} masih kosong, belum ada trip."
        else:
            trips = [t for t in bookings.trips(ctx.deps, ctx.actor, days) if bus.id in t.bus_ids]
            who = f" untuk {trips[0].client_name}" if trips else ""
            text = f"{bus.name} {when} tidak kosong: sudah dipakai{who}."
        lines = [text, *_without_bus(ctx, days, bus, len(free))]
    elif extraction.fields.seats or extraction.fields.bus_count:
        # "butuh 2 bus tgl 12": how many of the free ones fit, against how many are needed.
        lines = [_free_for(ctx, days, free, workshop, extraction.fields)]
    else:
        text = f"Bus kosong {when}: " + (", ".join(b.name for b in free) if free else "tidak ada.")
        if workshop:
            text += f"\nDi bengkel: {', '.join(b.name for b in workshop)}."
        lines = [text, *_papers_lapsing(ctx, free, days), *_without_bus(ctx, days, None, len(free))]
    if extraction.fields.detail == "fleet_crew":
        # "bus sama sopir yg kosong tgl 2": the drivers free that day too.
        drivers = bookings.drivers_on(ctx.deps, ctx.actor, days).free
        lines.append(f"Sopir kosong: {', '.join(u.name for u in drivers) or 'tidak ada'}.")
    return "\n".join(lines)


def _papers_lapsing(ctx: MessageContext, free: list[Bus], days: DateRange) -> list[str]:
    """ "bus kosong tgl 24-26 des" when Bus 01's KIR runs out on the 20th: free, but not
    fit for the road by then unless renewed (a booking on it would be warned the same)."""
    names = {b.id: b.name for b in free}
    lapsing = papers_lapsing_by(ctx.uow.documents.all(ctx.actor.tenant_id), names, days.end)
    return [
        f"Perhatian: {d.kind.label} {names[d.bus_id or '']} habis "
        f"{day_label(d.expires_on, ctx.today)}, perlu diperpanjang sebelum dipakai."
        for d in lapsing
    ]


def _next_trip_days(ctx: MessageContext, named: str) -> DateRange | None:
    """The days of the bus's trip on the road today or coming next (within the days a
    question may ask about), or None when it has none."""
    bus = find_bus(ctx.buses, named)
    if bus is None:
        return None
    ahead = DateRange(start=ctx.today, end=ctx.today + timedelta(days=MAX_ASKED_DAYS - 1))
    trips = [t for t in bookings.trips(ctx.deps, ctx.actor, ahead) if bus.id in t.bus_ids]
    trip = min(trips, key=lambda t: t.depart_date, default=None)
    return None if trip is None else DateRange(start=trip.depart_date, end=trip.return_date)


def _crew_for_bus(
    ctx: MessageContext, named: str, days: DateRange, who: str, free: list[User], free_ones: str
) -> str:
    """ "bus 04 tgl 4 blm ada sopir, yg free siapa": the bus and its trip that day, who is
    free, and the reply that puts one of them on it."""
    when = days_label(days.start, days.end, ctx.today)
    bus = find_bus(ctx.buses, named)
    if bus is None:
        return f'Bus "{named}" tidak ada di armada.\n{free_ones}'
    trips = [t for t in bookings.trips(ctx.deps, ctx.actor, days) if bus.id in t.bus_ids]
    if not trips:
        return f"{bus.name} tidak ada trip {when}.\n{free_ones}"
    trip = trips[0]
    ctx.show([trip.booking_id])
    seat = next(a for a in trip.assignments if a.bus_id == bus.id)
    on = seat.co_driver_id if who == "kernet" else seat.driver_id
    route = " – ".join(p for p in (trip.route_from, trip.route_to) if p)
    about = f"{bus.name} {days_label(trip.depart_date, trip.return_date, ctx.today)} " + (
        f"({trip.client_name}, {route})" if route else f"({trip.client_name})"
    )
    if on:
        person = next((u.name for u in ctx.team if u.id == on), "")
        return f"{about} sudah ada {who}nya: {person}.\n{free_ones}"
    lines = [f"{about} belum ada {who}.", free_ones]
    if free:
        # The client names the trip when it has this bus alone; else the bus and its day.
        trip_said = (
            trip.client_name.lower()
            if trip.bus_count == 1
            else f"{bus.name.lower()} tgl {trip.depart_date.day}"
        )
        lines.append(f"Balas misalnya: *{who} {trip_said} {free[0].name.lower()}*")
    return "\n".join(lines)


def _free_for(
    ctx: MessageContext, days: DateRange, free: list[Bus], workshop: list[Bus], f: ExtractedFields
) -> str:
    """ "butuh 2 bus yg 50 kursi tgl 12 kosong ga?": the free buses with at least that
    many seats, and how many they are against how many are needed (the trips still
    waiting for a bus may take some of them)."""
    when = days_label(days.start, days.end, ctx.today)
    fits = [b for b in free if not f.seats or (b.seats or 0) >= f.seats]

    def listed(buses: list[Bus]) -> str:
        return ", ".join(f"{b.name} ({b.seats} kursi)" if b.seats else b.name for b in buses)

    size = f" {f.seats} kursi ke atas" if f.seats else ""
    lines = [f"Bus{size} yang kosong {when}: {listed(fits) or 'tidak ada'}."]
    lines += _papers_lapsing(ctx, fits, days)
    unknown = [b for b in free if f.seats and b.seats is None]
    if unknown:
        lines.append(f"Jumlah kursi belum dicatat: {listed(unknown)}.")
    smaller = [b for b in free if b not in fits and b not in unknown]
    if smaller and len(fits) < (f.bus_count or 1):
        lines.append(f"Yang lebih kecil masih kosong: {listed(smaller)}.")
    big = [b.name for b in workshop if not f.seats or (b.seats or 0) >= f.seats]
    if big:
        lines.append(f"Di bengkel: {', '.join(big)}.")
    lines += _without_bus(ctx, days, None, len(fits))
    if f.bus_count:
        waiting = fleet.waiting_for_buses(ctx.deps, ctx.actor, days)
        left = len(fits) - sum(b.unassigned_buses() for b in waiting)
        verdict = "cukup"
        if len(fits) < f.bus_count:
            verdict = f"kurang {f.bus_count - len(fits)} bus"
        elif left < f.bus_count:
            verdict = "cukup, asal trip yang belum ada busnya tidak memakai salah satunya"
        lines.append(f"Kosong {len(fits)} bus, butuh {f.bus_count}: {verdict}.")
    return "\n".join(lines)


def workshop_costs(ctx: MessageContext, extraction: Extraction) -> str:
    """ "total biaya bengkel bulan ini brp": maintenance and repairs in a period (this month
    so far when unsaid; a day alone, "servis kmrn", is that day), per bus and in total;
    owner and admin only."""
    f = extraction.fields
    start = f.date or ctx.today.replace(day=1)
    end = f.date_to if f.date_to and f.date_to >= start else start if f.date else ctx.today
    spent = fleet.workshop_spending(ctx.deps, ctx.actor, DateRange(start=start, end=end))
    when = period_label(start, end, ctx.today)
    if f.bus:
        bus = find_bus(ctx.buses, f.bus)
        if bus is None:
            return f'Bus "{f.bus}" tidak ada di armada.'
        spent = [s for s in spent if s.bus.id == bus.id]
        if not spent:
            return f"Belum ada biaya bengkel {bus.name} {when}."
    if not spent:
        return f"Belum ada biaya bengkel {when}."
    total = sum(s.cost for s in spent)
    lines = [f"Biaya bengkel {when}: *{format_rupiah(total)}*"]
    if len(spent) > 1 or not f.bus:
        lines += [f"• {s.bus.name}: {format_rupiah(s.cost)} ({s.jobs} pekerjaan)" for s in spent]
    else:
        lines[0] += f" ({spent[0].jobs} pekerjaan)"
    return "\n".join(lines)
