"""Questions answered straight away, fitted to the asker's role: a driver sees own trips
only and never money."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.errors import Forbidden
from keloia.domain.model import crew
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment, names_place
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    BUS_DOCUMENTS,
    PERSON_DOCUMENTS,
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    DueState,
    MaintenanceType,
    ServiceDue,
)
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.payments import Payment, PaymentType, format_rupiah
from keloia.domain.model.permissions import (
    OWN_DOCUMENTS_ONLY,
    Action,
    Resource,
    Scope,
    can,
    require,
)
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import (
    MONTHS,
    as_written,
    day_label,
    days_label,
    format_km,
    period_label,
)
from keloia.domain.services import bookings, fleet, payments
from keloia.domain.services import crew as crew_service
from keloia.domain.services.assistant import activity_answers, holidays, money_answers
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized, clock
from keloia.domain.services.assistant.resolve import (
    client_named,
    find_bus,
    find_driver,
    find_member,
    not_found_client,
    shown_bookings,
    trips_ran,
)
from keloia.domain.services.assistant.targets import days_of

MAX_LINES = 30
# The longest period one chat answer covers ("jadwal smp akhir bulan" said on 30 Nov runs to
# 31 Des); longer is the dashboard's.
MAX_ASKED_DAYS = 62


def answer(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    if f.date and f.more_dates:
        # "bsk bus 03 sopirnya sapa, trs lusa?": the same question of each day, in turn.
        return "\n\n".join(
            answer(ctx, extraction.model_copy(update={"fields": f.model_copy(update=day)}))
            for day in (
                {"date": d, "date_to": None, "more_dates": None} for d in (f.date, *f.more_dates)
            )
        )
    if _own_day_asked(ctx, extraction):
        # "tgl 4 kosong?" of a driver: whether he is free that day (his own schedule).
        said = _schedule(ctx, extraction.model_copy(update={"intent": Intent.QUERY_SCHEDULE}))
        days = days_of(f, ctx.today)
        coming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        if any(b.days.overlaps(days) for b in coming):
            when = days_label(days.start, days.end, ctx.today)
            return f"Tidak kosong, Anda ada trip {when}.\n\n{said}"
        return said
    return ANSWERS[extraction.intent](ctx, extraction)


_FLEET_WORD_RE = re.compile(r"\b(?:bus\w*|armada\w*|unit\w*|kendaraan\w*|mobil\w*)\b", re.I)


def _own_day_asked(ctx: MessageContext, extraction: Extraction) -> bool:
    """A driver's or kernet's "kosong?" of a day, no bus named: his own day, never the
    free buses (the owner's and the admins' to plan with)."""
    f = extraction.fields
    return (
        extraction.intent is Intent.QUERY_FREE_BUSES
        and ctx.actor.role is Role.DRIVER
        and not (f.bus or f.detail or f.seats or f.bus_count)
        and not _FLEET_WORD_RE.search(ctx.text)
    )


def _schedule(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    if f.detail == "next":
        return _after_shown(ctx, extraction)
    if f.detail in ("paid", "value"):
        # "yg ke bandung tgl 7 udh dp brp, sopirnya sapa", "total nilainya brp" after
        # December's trips: the trips, then what each has paid or what they are worth
        # together; a driver hears the trips only (never money), and a client's trip card
        # already says what was paid (not that client's trip on a day named: "pak hendra
        # jadi berangkat rabu kan? udh bayar brp?" lists the day).
        plain = extraction.model_copy(update={"fields": f.model_copy(update={"detail": None})})
        listed = _schedule(ctx, plain)
        card = f.detail == "paid" and f.client_name and not f.date
        if ctx.actor.role is Role.DRIVER or not ctx.shown or card:
            return listed
        # The total covers every trip of the list, its lines cut for length too; what each
        # paid is told of the lines shown.
        ids = (ctx.listed or ctx.shown) if f.detail == "value" else ctx.shown[:MAX_LINES]
        trips_read = ctx.uow.bookings.get_many(ctx.actor.tenant_id, ids)
        if f.detail == "value":
            return f"{listed}\n\n{_worth_line(trips_read, len(ctx.shown))}"
        return f"{listed}\n\n{_paid_lines(trips_read)}"
    lacking = f.detail in ("no_driver", "no_bus")
    if lacking and (ctx.actor.role is Role.DRIVER or f.client_name or f.route_to):
        f = f.model_copy(update={"detail": None})  # the lacking crew of the whole schedule
    person = _person_asked(ctx, f.driver or f.client_name)
    office = find_member(ctx.team, f.driver) if f.driver and person is None else None
    if office is not None and office.role is not Role.DRIVER and f.detail == "absent":
        # "sari besok ga masuk" of the admin: no trip of hers to fill.
        return (
            f"Baik, {office.name} bukan sopir atau kernet, jadi tidak ada trip yang perlu "
            "diganti. Tidak ada yang saya catat."
        )
    if office is not None and office.role is not Role.DRIVER and f.detail == "free":
        # "sari besok kosong ga" of the admin: she rides no trips (not the day's schedule).
        return f"{office.name} bukan sopir atau kernet, jadi tidak ada trip untuknya."
    if person is not None and ctx.actor.role is not Role.DRIVER and f.detail == "absent":
        return _absent(ctx, person, days_of(f, ctx.today) if f.date else None)
    if person is not None and ctx.actor.role is not Role.DRIVER and f.detail == "free":
        return _free_or_not(ctx, person, days_of(f, ctx.today))
    if person is not None and ctx.actor.role is not Role.DRIVER:
        return _persons_trips(ctx, person, days_of(f, ctx.today) if f.date else None)
    if ctx.actor.role is Role.DRIVER:
        # "bsk bus 03 sopirnya sapa", "joko bsk narik ga": who drives which bus, which a
        # driver may know of others' trips too (no client, no money); his own bus or
        # himself is his trip card below.
        bus = find_bus(ctx.buses, f.bus) if f.bus else None
        other = person if person is not None and person.id != ctx.actor.id else None
        if other is not None or (bus is not None and not _drives(ctx, bus, f)):
            return _roster(ctx, days_of(f, ctx.today), bus, other)
    if f.route_to and not (f.date or f.client_name):
        return _trips_to(ctx, f.route_to, f.detail)
    if f.client_name and not f.date and ctx.actor.role is Role.DRIVER:
        return _drivers_client_trip(ctx, f.client_name, f.detail)
    if f.client_name and not f.date:
        return _client_trip(ctx, f.client_name, f.detail)
    detail = f.detail if f.detail in TRIP_DETAILS and not (f.date or f.bus or f.driver) else None
    if detail and (shown := shown_bookings(ctx)):
        return _details(ctx, shown, detail)  # "pulangnya tgl brp" after a trip was shown
    if ctx.actor.role is Role.DRIVER and not f.date:
        return _next_trip(ctx, f.detail)
    days = days_of(f, ctx.today)
    if days.days() > MAX_ASKED_DAYS:
        days = DateRange(start=days.start, end=days.start + timedelta(days=MAX_ASKED_DAYS - 1))
    if ctx.actor.role is Role.DRIVER:
        coming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        mine = [b for b in coming if b.days.overlaps(days)]
        going = [b for b in mine if f.route_to and b.goes_to(f.route_to)]
        if f.route_to and not going:
            # "besok yg ke malang jam brp", his Malang trip another day: not then, and when.
            when = days_label(days.start, days.end, ctx.today)
            place = as_written(f.route_to)
            missing = f"Tidak ada trip Anda ke {place} {when}."
            later = [b for b in coming if b.goes_to(f.route_to)]
            if later:
                said = _details(ctx, later, f.detail or "departure")
                return f"{missing} Trip Anda ke {place}:\n{said}"
            if f.detail == "crew" and (others := _others_to(ctx, f.route_to, days)):
                return others  # "besok yg ke malang sopirnya sapa": a trip not his
            if mine:
                return missing
        if f.route_to and mine:
            # "yg ke malang brgkt jam brp" after the month's trips: the one going there.
            mine = going
        if mine and f.detail:
            return _details(ctx, mine, f.detail)
        if mine and days.days() > 1:
            # "jadwal sy minggu ini": one line per trip; the card is asked for per day.
            return _own_lines(ctx, mine, days)
        if mine:
            # "besok sy brgkt jam brp?": a driver on a day of own trips needs the whole card.
            return _trip_cards(ctx, mine, "Trip Anda")
    trips = bookings.trips(ctx.deps, ctx.actor, days)
    bus = find_bus(ctx.buses, f.bus) if f.bus else None
    if bus is not None:
        trips = [t for t in trips if bus.id in t.bus_ids]
    if f.client_name:
        # "bu dewi tgl 4 sopirnya sapa": her trip that day, not the whole day's; "kalo pak
        # hendra?" after tomorrow's schedule, with no trip of his then: said so, and his
        # trips (never the whole day's again).
        theirs = [t for t in trips if same_client(t.client_name, f.client_name)]
        if not theirs and ctx.actor.role is not Role.DRIVER and _client_trips(ctx, f.client_name):
            when = days_label(days.start, days.end, ctx.today)
            known = client_named(ctx, f.client_name) or f.client_name
            return f"{known} tidak ada trip {when}.\n{_client_trip(ctx, f.client_name)}"
        trips = theirs or trips
    if f.route_to:
        # "yg ke bandung sopirnya sapa" after next week's schedule: the trip going there.
        trips = [t for t in trips if names_place(t.route_to, f.route_to)] or trips
    when = days_label(days.start, days.end, ctx.today)
    own = "Jadwal Anda" if ctx.actor.role is Role.DRIVER else "Jadwal"
    if f.detail == "no_driver" and trips:
        # "yg blm ada sopirnya yg mana": the trips a driver still has to be found for.
        trips = [
            t for t in trips if not t.assignments or any(not a.driver_id for a in t.assignments)
        ]
        if not trips:
            return f"Semua trip {when} sudah ada sopirnya."
        own = "Trip tanpa sopir"
    if f.detail == "no_bus" and trips:
        # "yg blm ada busnya?" after December's trips: those a bus is still to be chosen for.
        trips = [t for t in trips if len(t.assignments) < t.bus_count]
        if not trips:
            return f"Semua trip {when} sudah ada busnya."
        own = "Trip tanpa bus"
    ctx.show_list((t.booking_id for t in trips), MAX_LINES)
    if trips and f.detail in TRIP_DETAILS:
        found = [ctx.uow.bookings.get(ctx.actor.tenant_id, t.booking_id) for t in trips]
        return _details(ctx, [b for b in found[:MAX_LINES] if b is not None], f.detail)
    if not trips and bus is not None:
        return f"{bus.name} {when}: tidak ada jadwal."  # the day may have other buses' trips
    if not trips:
        empty = f"{own} {when}: kosong, tidak ada perjalanan."
        if ctx.actor.role is Role.DRIVER and not (f.client_name or f.route_to or f.detail):
            # "sy hari ini narik kemana" on a free day: his next trip too, so he need not
            # ask again.
            coming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
            later = [t for t in coming if t.depart_date > days.end]
            if later:
                return f"{empty}\n\n{_trip_cards(ctx, later[:1], 'Trip Anda berikutnya')}"
            return empty
        bare = not (f.date or f.bus or f.client_name or f.route_to or f.driver or f.detail)
        ahead = DateRange(start=days.end + timedelta(days=1), end=days.end + timedelta(days=30))
        after = bookings.trips(ctx.deps, ctx.actor, ahead) if bare else []
        # "Jadwal" on a day with nothing: the next day with trips, a schedule to act on.
        first = min((t.depart_date for t in after if t.depart_date >= ahead.start), default=None)
        if first is None:
            return empty
        then = f.model_copy(update={"date": first, "date_to": None})
        return f"{empty}\n\n{_schedule(ctx, extraction.model_copy(update={'fields': then}))}"
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    # "desember ada brp trip": a period's schedule says how many trips it holds.
    count = f" ({len(trips)} trip)" if len(trips) > 1 and days.days() > 1 else ""
    lines = [f"{own} {when}{count}:"]
    for trip in trips[:MAX_LINES]:
        route = " – ".join(p for p in (trip.route_from, trip.route_to) if p)
        buses = ", ".join(_crewed(a, names) for a in trip.assignments) or "bus belum ditentukan"
        at = f", jam {clock(trip.pickup_time)}" if trip.pickup_time else ""
        # A one-day trip on the one day asked: the heading already says the day.
        that_day = trip.depart_date == days.start == days.end and trip.return_date in (
            None,
            trip.depart_date,
        )
        on = "" if that_day else days_label(trip.depart_date, trip.return_date, ctx.today)
        lead = capitalized(f"{on}{at}".lstrip(", "))
        lines.append(
            f"• {lead + ': ' if lead else ''}{trip.client_name}"
            f"{', ' + route if route else ''} ({buses})"
        )
        if f.client_name and same_client(trip.client_name, f.client_name):
            # "pkk bsk jemput dmn jam brp? sopirnya siapa": the client's trip of the day
            # asked, where the bus picks up too (as for the client's coming trips).
            lines.append(
                f"  Jemput: {as_written(trip.pickup_place)}{at}"
                if trip.pickup_place
                else "  Tempat jemput belum dicatat."
            )
    if len(trips) > MAX_LINES:
        more = (
            "Tanyakan per tanggal untuk melihat sisanya."
            if ctx.actor.role is Role.DRIVER  # drivers have no dashboard
            else "Lihat lengkapnya di dashboard, halaman Jadwal (/jadwal)."
        )
        lines.append(f"…dan {len(trips) - MAX_LINES} lainnya. {more}")
    return "\n".join(lines)


def _drives(ctx: MessageContext, bus: Bus, f: ExtractedFields) -> bool:
    """Whether the asking driver rides `bus` on the days asked (any coming day if none)."""
    days = days_of(f, ctx.today) if f.date else None
    return any(
        bus.id in [a.bus_id for a in t.assignments if ctx.actor.id in a.crew_ids()]
        for t in crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        if days is None or t.days.overlaps(days)
    )


def _roster(ctx: MessageContext, days: DateRange, bus: Bus | None, person: User | None) -> str:
    """ "Bus 03, Selasa, 1 Des: sopir Joko, kernet Wahyu.": who drives which bus on the
    days asked, for a driver (crew names only: no client, no route, no money)."""
    lines = crew_service.roster(ctx.deps, ctx.actor, days)
    if bus is not None:
        lines = [x for x in lines if x.assignment.bus_id == bus.id]
    if person is not None:
        lines = [x for x in lines if person.id in x.assignment.crew_ids()]
    when = days_label(days.start, days.end, ctx.today)
    subject = bus.name if bus is not None else person.name if person is not None else "Armada"
    if not lines:
        return f"{subject} {when}: tidak ada jadwal."
    return _roster_lines(ctx, lines)


def _others_to(ctx: MessageContext, place: str, days: DateRange) -> str | None:
    """ "yg ke malang sopirnya sapa" from a driver not on that trip: who drives it (the
    roster a driver may see: bus, days and crew; no client, no money). None when no trip
    goes there."""
    lines = crew_service.roster(ctx.deps, ctx.actor, days, to=place)
    if not lines:
        return None
    return f"Trip ke {as_written(place)} bukan trip Anda. Yang bertugas:\n" + _roster_lines(
        ctx, lines
    )


def _roster_lines(ctx: MessageContext, lines: list[crew.RosterLine]) -> str:
    """One line per bus of the roster: "Bus 03, Selasa, 1 Des: sopir Joko, kernet Wahyu."."""
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    said = []
    for line in lines[:MAX_LINES]:
        seat = line.assignment
        crew_said = [
            f"{role} {names.get(who, who)}"
            for role, who in (("sopir", seat.driver_id), ("kernet", seat.co_driver_id))
            if who
        ]
        day = days_label(line.depart_date, line.return_date, ctx.today)
        said.append(
            f"{names.get(seat.bus_id, seat.bus_id)}, {day}: "
            + (", ".join(crew_said) if crew_said else "sopir belum ditentukan")
            + "."
        )
    return "\n".join(said)


def _bus_status(ctx: MessageContext, extraction: Extraction) -> str:
    """Each bus on the day asked (today when none), and the trips still without a bus."""
    if extraction.fields.maintenance_type and not extraction.fields.bus:
        asked = extraction.fields.maintenance_type
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
    for s in states:
        holder = clients.get(s.booked_by or "")
        # Of one bus asked, its name heads the answer already: the line is its status.
        name = "Status" if bus is not None else s.bus.name
        if holder and s.in_workshop:
            lines.append(f"• {name}: di bengkel ⚠️ tapi dijadwalkan untuk {holder}")
        else:
            lines.append(f"• {name}: {s.label}" + (f" ({holder})" if holder else ""))
    if bus is None:
        lines += _without_bus(ctx, DateRange.single(day), None)
    else:
        lines += _bus_details(bus) + _workshop_lines(bus, ctx.today) + _service_lines(ctx, bus)
    return "\n".join(lines)


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
        lines.append(f"• Terakhir: {last.type.label} {when}")
    # The whole plan, not only what is due soon: "kapan ganti oli lagi" wants the next date.
    due = [d for d in fleet.service_plan(ctx.deps, ctx.actor, ctx.today) if d.bus_id == bus.id]
    for d in due[:3]:
        at = _due_at(d, ctx.today)
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


def _services_due(ctx: MessageContext, asked: MaintenanceType) -> str:
    """ "bus mana yg udh waktunya servis": what is overdue or due soon, by date or km (of
    the work named, "ganti oli"; "servis" is any)."""
    names = {b.id: b.name for b in ctx.buses}
    due = fleet.maintenance_due(ctx.deps, ctx.actor, ctx.today)
    if asked is not MaintenanceType.GENERAL_SERVICE:
        due = [d for d in due if d.type is asked]
    if not due:
        return "Belum ada bus yang waktunya servis dalam waktu dekat. 👍"
    lines = ["Servis yang sudah atau segera waktunya:"]
    for d in due[:MAX_LINES]:
        at = _due_at(d, ctx.today)
        late = " (lewat)" if d.state is DueState.OVERDUE else ""
        work = d.type.label
        lines.append(f"• {names.get(d.bus_id, d.bus_id)}: {work} {at}{late}")
    return "\n".join(lines)


AHEAD = timedelta(days=60)


def _trip_line(ctx: MessageContext, b: Booking, names: dict[str, str]) -> str:
    route = " – ".join(p for p in (b.route_from, b.route_to) if p)
    buses = ", ".join(_crewed(a, names) for a in b.assignments) or "bus belum ditentukan"
    at = f", jam {clock(b.pickup_time)}" if b.pickup_time else ""
    return (
        f"• {days_label(b.depart_date, b.return_date, ctx.today)}{at}: {b.client_name}"
        f"{', ' + route if route else ''} ({buses})"
    )


def _worth_line(trips: list[Booking], shown: int) -> str:
    """ "Total nilai 42 trip: Rp…": what the listed trips are worth together, every one of
    them, and how many were left out of the lines above."""
    worth = format_rupiah(sum(b.price for b in trips))
    if len(trips) <= shown:
        return f"Total nilai {len(trips)} trip: {worth}."
    unlisted = len(trips) - shown
    return (
        f"Total nilai semua {len(trips)} trip: {worth} "
        f"(termasuk {unlisted} trip yang tidak tertulis di atas)."
    )


def _paid_lines(trips: list[Booking]) -> str:
    """What each trip has paid of its price, and what is left."""
    lines = ["Pembayaran:"]
    for b in trips:
        paid = (
            f"sudah bayar {format_rupiah(b.net_paid)} dari {format_rupiah(b.price)}"
            if b.net_paid
            else f"belum bayar (harga {format_rupiah(b.price)})"
        )
        left = f"kurang {format_rupiah(b.owed)}" if b.owed else "lunas"
        lines.append(f"• {b.client_name}: {paid}, {left}.")
    return "\n".join(lines)


# One detail of the trips asked, answered in a line per trip.
TRIP_DETAILS = ("pickup", "departure", "crew", "return")


def _ask_whom(ctx: MessageContext, trip: Booking) -> str:
    """A driver asking where his trip picks up, with no place recorded: whom to ask."""
    if trip.pickup_place or ctx.actor.role is not Role.DRIVER:
        return ""
    admins = [u.name for u in ctx.team if u.role is Role.ADMIN and u.active]
    return f" (tanyakan ke admin {admins[0]})" if admins else " (tanyakan ke pemilik PO)"


def _details(ctx: MessageContext, trips: list[Booking], detail: str) -> str:
    """ "jemputnya dmn", "brgkt jam brp" after trips were shown: that detail, one line per
    trip (when and where the bus picks up), not the whole trip again."""
    ctx.show(b.id for b in trips)
    lines = []
    for b in trips[:MAX_LINES]:
        days = days_label(b.depart_date, b.return_date, ctx.today)
        at = f"jam {clock(b.pickup_time)}" if b.pickup_time else "jam belum dicatat"
        place = (
            f"jemput di {as_written(b.pickup_place)}"
            if b.pickup_place
            else "tempat jemput belum dicatat"
        )
        where = crew.route(b)
        names = {x.id: x.name for x in ctx.buses} | {u.id: u.name for u in ctx.team}
        if detail == "crew":
            # "kernetnya siapa" after trips were shown: each bus and who rides it.
            # A bus without a kernet says so: "kernete ada?" is answered by it.
            seats = (
                "; ".join(_crewed(a, names, kernet_told=True) for a in b.assignments)
                or "bus belum ditentukan"
            )
            about = ", ".join(x for x in (where, days) if x)
            lines.append(f"{b.client_name} ({about}): {seats}.")
        elif detail == "pickup":
            lines.append(f"{b.client_name} ({days}): {place}{_ask_whom(ctx, b)}, {at}.")
        elif detail == "return":
            back = (
                f"pulang hari itu juga ({day_label(b.return_date, ctx.today)})"
                if b.return_date == b.depart_date
                else f"pulang {day_label(b.return_date, ctx.today)}"
            )
            lines.append(
                f"{b.client_name}{f' ({where})' if where else ''}: berangkat "
                f"{day_label(b.depart_date, ctx.today)}, {back}."
            )
        else:
            # "dia brgkt kpn" of a trip of several days: its days too, to its last.
            several = b.return_date != b.depart_date
            about = ", ".join(x for x in (where, days if several else "") if x)
            # A driver asking when his own trip leaves hears which bus he takes too.
            seat, task = _own_seat(ctx, b, names) if ctx.actor.role is Role.DRIVER else ("", "")
            lines.append(
                f"{b.client_name}{f' ({about})' if about else ''}: berangkat "
                f"{day_label(b.depart_date, ctx.today)}, {at}; {place}{_ask_whom(ctx, b)}."
                + (f" Anda {task} {seat}." if seat else "")
            )
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"• {line}" for line in lines)


def _own_seat(ctx: MessageContext, trip: Booking, names: dict[str, str]) -> tuple[str, str]:
    """("Bus 03", "sopir, kernet Wahyu"): the asking driver's bus on the trip, his task and
    who rides with him (empty when he rides none of it)."""
    place = crew.seat(trip, ctx.actor.id)
    if place is None:
        return "", ""
    driving = place.driver_id == ctx.actor.id
    partner = names.get((place.co_driver_id if driving else place.driver_id) or "")
    other = f", {'kernet' if driving else 'sopir'} {partner}" if partner else ""
    task = "sopir" if driving else "kernet"
    return names.get(place.bus_id, place.bus_id), f"{task}{other}"


def _own_lines(ctx: MessageContext, trips: list[Booking], days: DateRange) -> str:
    """A driver's own trips over several days, one line each: when, whose, where to and on
    which bus (never money)."""
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    ctx.show(t.id for t in trips[:MAX_LINES])
    lines = [f"Trip Anda {days_label(days.start, days.end, ctx.today)}:"]
    for trip in trips[:MAX_LINES]:
        # "(Bus 03; Anda sopir, kernet Wahyu)": the bus, his task and who rides with him.
        seat, task = _own_seat(ctx, trip, names)
        bus = f" ({seat}; Anda {task})" if seat else ""
        where = crew.route(trip)
        lines.append(
            f"• {crew.when(trip, ctx.today)}: {trip.client_name}"
            f"{', ' + where if where else ''}{bus}"
        )
    lines.append(
        "Untuk tempat jemput dan rinciannya, tanya *jemputnya dmn* atau *jadwal* + tanggal."
    )
    return "\n".join(lines)


def _trips_to(ctx: MessageContext, place: str, detail: str | None) -> str:
    """ "yg ke malang brgkt jam brp": the coming trips going there (a driver's own only)."""
    if ctx.actor.role is Role.DRIVER:
        found = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    else:
        window = DateRange(start=ctx.today, end=ctx.today + AHEAD)
        found = [b for b in bookings.schedule(ctx.deps, ctx.actor, window) if b.is_live]
    found = [b for b in found if b.goes_to(place)]
    if not found and ctx.actor.role is Role.DRIVER and detail == "crew":
        # Who drives a trip not his a driver may know; its day or pickup alone, never.
        window = DateRange(start=ctx.today, end=ctx.today + AHEAD)
        if (others := _others_to(ctx, place, window)) is not None:
            return others
    if not found:
        whose = "Anda " if ctx.actor.role is Role.DRIVER else ""
        return f"Tidak ada trip {whose}ke {as_written(place)} yang akan datang."
    if detail:
        return _details(ctx, found, detail)
    if ctx.actor.role is Role.DRIVER:
        return _trip_cards(ctx, found, "Trip")
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    ctx.show_list((b.id for b in found), MAX_LINES)
    return "\n".join(
        [f"Trip ke {as_written(place)}:", *(_trip_line(ctx, b, names) for b in found[:MAX_LINES])]
    )


def _client_trip(ctx: MessageContext, name: str, detail: str | None = None) -> str:
    """ "pak hendra brgkt kapan?": the client's coming trips, and the balance for managers."""
    window = DateRange(start=ctx.today - timedelta(days=7), end=ctx.today + AHEAD)
    found = [
        b
        for b in bookings.schedule(ctx.deps, ctx.actor, window)
        if same_client(b.client_name, name) and b.is_live
    ]
    if not found:
        if client_named(ctx, name) is None:
            return not_found_client(name)
        return _past_trips(ctx, name)
    if detail and detail != "pickup":
        # A client's pickup asked ("pkk dijemput dimana?") is the trip's card below: it
        # says where and when, with the bus.
        return _details(ctx, found[:5], detail)
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    lines = [f"Trip {found[0].client_name}:"]
    ctx.show(b.id for b in found[:5])
    for b in found[:5]:
        lines.append(_trip_line(ctx, b, names))
        # "pak darto jemputnya dmn": where the bus waits, or that nobody wrote it down yet.
        lines.append(
            f"  Jemput: {as_written(b.pickup_place)}"
            if b.pickup_place
            else "  Tempat jemput belum dicatat."
        )
        if can(ctx.actor.role, Action.READ, Resource.PAYMENT):
            paid = capitalized(money_answers.price_and_paid(b.price, b.net_paid))
            lines.append(f"  {paid}, sisa {format_rupiah(max(b.outstanding, 0))}.")
    return "\n".join(lines)


def _past_trips(ctx: MessageContext, name: str) -> str:
    """ "pak agus tu prnh sewa kapan aja, trakhir kmn": nothing coming, so the client's
    latest trips that ran, newest first, with whether they were paid for managers."""
    ran = trips_ran(ctx, name)
    if not ran:
        return f"Tidak ada trip {name} yang akan datang."
    ran.sort(key=lambda b: b.depart_date, reverse=True)
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    lines = [f"Tidak ada trip {ran[0].client_name} yang akan datang. Trip terakhirnya:"]
    ctx.show(b.id for b in ran[:3])
    for b in ran[:3]:
        line = _trip_line(ctx, b, names)
        if can(ctx.actor.role, Action.READ, Resource.PAYMENT):
            left = max(b.outstanding, 0)
            line += f", {format_rupiah(b.price)}, " + (
                "lunas" if left == 0 else f"sisa {format_rupiah(left)}"
            )
        lines.append(line)
    return "\n".join(lines)


def _crewed(seat: BusAssignment, names: dict[str, str], *, kernet_told: bool = False) -> str:
    """ "Bus 01: Slamet", "Bus 03: sopir Joko, kernet Wahyu": a bus and who rides it, each
    by role once there is a kernet (two names alone do not say who drives). `kernet_told`:
    a bus without a kernet says so ("Bus 02: sopir Wahyu, belum ada kernet")."""
    bus = names.get(seat.bus_id, seat.bus_id)
    driver = names.get(seat.driver_id, seat.driver_id) if seat.driver_id else None
    if not seat.co_driver_id and kernet_told:
        return f"{bus}: sopir {driver or 'belum ditentukan'}, belum ada kernet"
    if not seat.co_driver_id:
        return f"{bus}: {driver or 'sopir belum ditentukan'}"
    kernet = names.get(seat.co_driver_id, seat.co_driver_id)
    return f"{bus}: sopir {driver or 'belum ditentukan'}, kernet {kernet}"


def _person_asked(ctx: MessageContext, named: str | None) -> User | None:
    """One of the PO's drivers the question names ("joko abis ini jalan kmn", "jadwal pak
    slamet"), unless a client goes by that name."""
    if not named:
        return None
    person = find_driver(ctx.team, named)
    if person is None or (named != person.name and _client_trips(ctx, named)):
        return None
    return person


def _client_trips(ctx: MessageContext, named: str) -> bool:
    days = DateRange(start=ctx.today - timedelta(days=30), end=ctx.today + timedelta(days=60))
    trips = ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
    return any(same_client(b.client_name, named) for b in trips)


def _free_or_not(ctx: MessageContext, person: User, days: DateRange) -> str:
    """ "wahyu besok kosong ga": whether he is free that day, said first, then his trips."""
    when = days_label(days.start, days.end, ctx.today)
    if days.start != days.end:
        when = f"pada {when}"
    elif days.start - ctx.today in (timedelta(0), timedelta(days=1)):
        when = f"{'hari ini' if days.start == ctx.today else 'besok'} ({when})"
    else:
        when = f"hari {when}"
    trips = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    if not any(t.days.overlaps(days) for t in trips):
        return f"{person.name} {when} kosong, belum ada trip."
    return _persons_trips(ctx, person, days, f"{person.name} {when} tidak kosong:")


def _persons_trips(
    ctx: MessageContext, person: User, days: DateRange | None, head: str = ""
) -> str:
    """A driver's coming trips, for the owner or an admin: the card the driver gets."""
    trips = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    if days is not None:
        trips = [t for t in trips if t.days.overlaps(days)]
    if not trips:
        when = f" {days_label(days.start, days.end, ctx.today)}" if days else ""
        return f"{person.name} belum ada trip{when}."
    names = crew.Names.of(ctx.buses, ctx.team, ctx.today)
    lines = [head or f"Trip {person.name}:"]
    ctx.show_list((t.id for t in trips), MAX_LINES)
    for trip in trips[:MAX_LINES]:
        card = crew.trip_card(trip, person.id, names)
        # The admin's own number is for the driver, not for the admin asking.
        lines += [f"*{trip.client_name}*", *(x for x in card if not x.startswith("• Admin:"))]
    if len(trips) > MAX_LINES:
        lines.append(f"…dan {len(trips) - MAX_LINES} trip lagi.")
    return "\n".join(lines)


def _absent(ctx: MessageContext, person: User, days: DateRange | None) -> str:
    """ "joko izin tgl 4", "slamet besok ga bisa, sakit" (the owner or an admin, no one put
    in his place): the trips he rides that day (else his next one), and who replaces him
    asked, with who is free then; or that he has no trip that day. Nothing is recorded."""
    trips = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    trips = [t for t in trips if t.days.overlaps(days)] if days is not None else trips[:1]
    if not trips:
        when = f" {days_label(days.start, days.end, ctx.today)}" if days else ""
        return (
            f"{person.name} tidak ada trip{when}, jadi tidak ada yang perlu diganti. "
            "Tidak ada yang saya catat."
        )
    ctx.show_list((t.id for t in trips), MAX_LINES)
    buses = {b.id: b.name for b in ctx.buses}
    lines = [f"{person.name} bertugas di:"]
    for trip in trips[:MAX_LINES]:
        place = crew.seat(trip, person.id)
        role = "sopir" if place is not None and place.driver_id == person.id else "kernet"
        bus = f", {buses[place.bus_id]}" if place is not None and place.bus_id in buses else ""
        lines.append(f"• {trip.client_name} ({crew.when(trip, ctx.today)}{bus}, {role})")
    span = DateRange(start=min(t.depart_date for t in trips), end=max(t.return_date for t in trips))
    free = [u for u in bookings.free_drivers(ctx.deps, ctx.actor, span) if u.id != person.id]
    first = trips[0]
    place = crew.seat(first, person.id)
    role = "sopir" if place is not None and place.driver_id == person.id else "kernet"
    ask = "Siapa penggantinya?"
    if free:
        ask += f" Yang kosong: {', '.join(u.name for u in free)}."
    instead = (free[0].name if free else "slamet").lower()
    ask += f" Balas misalnya: *{role} {first.client_name.lower()} ganti {instead}*."
    return "\n".join([*lines, "", ask, "Belum ada yang saya ubah."])


def _after_shown(ctx: MessageContext, asked: Extraction) -> str:
    """ "trs abis itu kapan lg?": the trip after those the last answer showed (from the day
    after the last of them left); a driver's own, else the next day with trips."""
    shown = shown_bookings(ctx, frozenset(BookingStatus))
    last = max((b.depart_date for b in shown), default=None)
    start = max(last + timedelta(days=1), ctx.today) if last else ctx.today
    if ctx.actor.role is Role.DRIVER and last is None:
        # "trip sy selanjutnya kapan" after an empty day (or out of the blue): no trip shown
        # to come after, so his own next one, said as such (a trip he is on now named first).
        return _next_trip(ctx)
    if ctx.actor.role is Role.DRIVER:
        upcoming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        trips = [t for t in upcoming if t.depart_date >= start]
        if not trips:
            return "Sesudah itu belum ada trip Anda dalam 60 hari ke depan."
        return _trip_cards(ctx, trips[:1], "Sesudah itu, trip Anda") + _then(ctx, trips[1:])
    window = DateRange(start=start, end=start + timedelta(days=MAX_ASKED_DAYS - 1))
    departing = [t.depart_date for t in bookings.trips(ctx.deps, ctx.actor, window)]
    departing = [d for d in departing if d >= start]
    if not departing:
        return f"Sesudah itu belum ada trip dalam {MAX_ASKED_DAYS} hari ke depan."
    day = min(departing)
    plain = asked.fields.model_copy(update={"detail": None, "date": day, "date_to": None})
    return _schedule(ctx, asked.model_copy(update={"fields": plain}))


def _next_trip(ctx: MessageContext, detail: str | None = None) -> str:
    """A driver's own next trip: the card a trip notice carries (when, bus, pickup place,
    route, and whom to call). A trip he is on now ("sy abis ini ada trip lg kapan" on the
    road) is not the next one: it is named in one line, then the one after it."""
    trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    now = ctx.deps.clock.now().astimezone(ZoneInfo(ctx.tenant.settings.timezone))
    current = next((t for t in trips if crew.under_way(t, now)), None)
    if current is not None:
        trips = [t for t in trips if t.id != current.id]
    on_it = _on_the_road(ctx, current) if current is not None else ""
    if not trips:
        if on_it:
            return f"{on_it}\nSesudahnya belum ada trip Anda dalam 60 hari ke depan."
        return "Belum ada trip Anda dalam 60 hari ke depan."
    if detail:
        return _details(ctx, trips[:1], detail)
    text = _trip_cards(ctx, trips[:1], "Trip Anda berikutnya") + _then(ctx, trips[1:])
    return f"{on_it}\n{text}" if on_it else text


def _then(ctx: MessageContext, later: list[Booking]) -> str:
    """The line under a driver's trip card naming what comes after it: "Sesudahnya: *SD
    Muhammadiyah Kotagede* (Senin, 7 – Rabu, 9 Des, jam 05.30)." (with how many more when
    there are several), or nothing."""
    if not later:
        return ""
    first = f"*{later[0].client_name}* ({crew.when(later[0], ctx.today)})"
    if len(later) == 1:
        return f"\nSesudahnya: {first}."
    return f"\nSesudahnya: {len(later)} trip lagi, yang terdekat {first}. Ketik *jadwal* + tanggal."


def _on_the_road(ctx: MessageContext, trip: Booking) -> str:
    """ "Sekarang Anda di trip *Masjid Baitussalam*: Bus 01, Bantul – Magelang, sampai hari
    ini.": the trip a driver is on, in one line (shown: "abis itu?" comes after it)."""
    ctx.show([trip.id])
    place = crew.seat(trip, ctx.actor.id)
    bus = next((b.name for b in ctx.buses if place and b.id == place.bus_id), "")
    back = "hari ini" if trip.return_date == ctx.today else day_label(trip.return_date, ctx.today)
    said = ", ".join(x for x in (bus, crew.route(trip), f"sampai {back}") if x)
    return f"Sekarang Anda di trip *{trip.client_name}*: {said}."


def _drivers_client_trip(ctx: MessageContext, name: str, detail: str | None = None) -> str:
    """ "bu dewi jemput dmn" from a driver: the card of his own trip for that client (when,
    pickup place, bus), never another driver's trip nor its money."""
    mine = [
        t
        for t in crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        if same_client(t.client_name, name)
    ]
    if not mine:
        return (
            f"Anda tidak terjadwal di trip {as_written(name)}. Tanya admin untuk trip itu, "
            "atau tanya *trip saya berikutnya kapan?*"
        )
    if detail and detail != "pickup":
        return _details(ctx, mine, detail)
    return _trip_cards(ctx, mine, "Trip")  # its pickup place and time, with the bus


def _trip_cards(ctx: MessageContext, trips: list[Booking], head: str) -> str:
    """The trip notice's card for each of a driver's own trips (when, bus, pickup place,
    route, whom to call)."""
    names = crew.Names.of(ctx.buses, ctx.team, ctx.today)
    lines: list[str] = []
    ctx.show(t.id for t in trips[:MAX_LINES])
    for trip in trips[:MAX_LINES]:
        lines += [f"{head}: *{trip.client_name}*", *crew.trip_card(trip, ctx.actor.id, names)]
    return "\n".join(lines)


def _free_buses(ctx: MessageContext, extraction: Extraction) -> str:
    """Which buses are free on a day or range (or whether one is), which are in the
    workshop, and the trips still without a bus that will take some of them."""
    days = days_of(extraction.fields, ctx.today)
    if days.days() > MAX_ASKED_DAYS:
        days = DateRange(start=days.start, end=days.start + timedelta(days=MAX_ASKED_DAYS - 1))
    free = fleet.available_buses(ctx.deps, ctx.actor, days)
    when = days_label(days.start, days.end, ctx.today)
    workshop = [b for b in ctx.buses if b.status is not BusStatus.RETIRED and b.in_workshop(days)]
    named = extraction.fields.bus
    if extraction.fields.detail in ("crew", "kernet"):
        # The crew are one pool: whoever has no trip that day may drive or be the kernet.
        drivers = bookings.free_drivers(ctx.deps, ctx.actor, days)
        names = ", ".join(u.name for u in drivers)
        who = "kernet" if extraction.fields.detail == "kernet" else "sopir"
        free_ones = (
            f"{capitalized(who)} kosong {when}: {names}."
            if drivers
            else f"Tidak ada {who} kosong {when}."
        )
        if not named:
            return free_ones
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
    elif extraction.fields.seats or extraction.fields.bus_count:
        return _free_for(ctx, days, free, workshop, extraction.fields)
    else:
        text = f"Bus kosong {when}: " + (", ".join(b.name for b in free) if free else "tidak ada.")
        if workshop:
            text += f"\nDi bengkel: {', '.join(b.name for b in workshop)}."
    chosen = find_bus(ctx.buses, named) if named else None
    lines = [text, *_without_bus(ctx, days, chosen, len(free))]
    if extraction.fields.detail == "fleet_crew":
        # "bus sama sopir yg kosong tgl 2": the drivers free that day too.
        drivers = bookings.free_drivers(ctx.deps, ctx.actor, days)
        lines.append(f"Sopir kosong: {', '.join(u.name for u in drivers) or 'tidak ada'}.")
    return "\n".join(lines)


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


def _income(ctx: MessageContext, extraction: Extraction) -> str:
    """Money received in a period: owner and admin only (drivers never see money)."""
    f = extraction.fields
    start = f.date or ctx.today.replace(day=1)
    end = f.date_to if f.date_to and f.date_to >= start else max(start, ctx.today)
    if start > ctx.today:
        days = DateRange(start=start, end=end)
        ahead = _income_ahead(ctx, days)
        return _report(ctx, days, ahead) if f.detail == "report" else ahead
    paid = payments.payments_between(ctx.deps, ctx.actor, DateRange(start=start, end=end))
    refunds = sum(p.amount for p in paid if p.type is PaymentType.REFUND)
    received = sum(p.amount for p in paid if p.type is not PaymentType.REFUND)
    count = sum(1 for p in paid if p.type is not PaymentType.REFUND)
    when = period_label(start, end, ctx.today)
    text = (
        f"Uang masuk {when}: *{format_rupiah(received)}* dari {count} pembayaran."
        if count
        else f"Belum ada uang masuk {when} (Rp0)."
    )
    if refunds:
        text += f" Refund keluar {format_rupiah(refunds)}."
    if f.rank == "largest" and count:
        return (
            text
            + "\n"
            + _biggest_payments(ctx, [p for p in paid if p.type is not PaymentType.REFUND])
        )
    # "yg masuk cash brp, yg tf brp": how it came, biggest first, when it came more than one way.
    by_channel: dict[str, int] = {}
    for p in paid:
        if p.type is not PaymentType.REFUND:
            by_channel[p.channel] = by_channel.get(p.channel, 0) + p.amount
    if len(by_channel) > 1:
        ways = sorted(by_channel.items(), key=lambda kv: -kv[1])
        text += "\n" + capitalized(", ".join(f"{w} {format_rupiah(a)}" for w, a in ways)) + "."
    if f.detail == "report":
        return _report(ctx, DateRange(start=start, end=end), text)
    return text


def _report(ctx: MessageContext, days: DateRange, received: str) -> str:
    """ "rekap bulan november", "bisa bikin laporan bulanan?": the period's money in chat,
    what came in and what was spent (as "pemasukan" and "pengeluaran" answer them), and
    where the dashboard shows the rest."""
    start, end = days.start, days.end
    month = start.day == 1 and (start.year, start.month) == (end.year, end.month)
    title = period_label(start, end, ctx.today)
    if month:
        title = f"{MONTHS[start.month - 1]} {start.year}"
    return "\n".join(
        [
            f"*Rekap keuangan {title}*",
            received,
            money_answers.period_costs(ctx, days, None),
            "Rekap bulan lain: tulis misalnya *rekap bulan oktober*. Lengkapnya (piutang dan "
            "grafik per bulan) ada di dashboard, halaman Keuangan (/keuangan).",
        ]
    )


def _income_ahead(ctx: MessageContext, days: DateRange) -> str:
    """ "desember?" on 30 November right after November's income: no money can have come
    in on days still ahead, so what a person wants to hear is that, and how the period's
    trips stand: what their clients have already paid ahead (DP) and what is still to come."""
    when = period_label(days.start, days.end, ctx.today)
    period = f"Tanggal {when}"
    whole_month = days.start.day == 1 and (days.end + timedelta(days=1)).day == 1
    if whole_month and days.start.month == days.end.month:
        year = f" {days.start.year}" if days.start.year != ctx.today.year else ""
        period = when = f"{MONTHS[days.start.month - 1]}{year}"
    text = f"{period} belum berjalan, jadi belum ada uang masuk."
    trips = [
        b
        for b in bookings.schedule(ctx.deps, ctx.actor, days)
        if days.start <= b.depart_date <= days.end
    ]
    if not trips:
        return text + f"\nBelum ada trip yang berangkat {when}."
    ctx.show_list([b.id for b in trips], 0)
    paid = sum(b.net_paid for b in trips)
    left = sum(max(b.outstanding, 0) for b in trips)
    return (
        text + f"\nUntuk {len(trips)} trip yang berangkat {when}: sudah dibayar di muka "
        f"*{format_rupiah(paid)}*, sisa tagihan {format_rupiah(left)}."
    )


def _biggest_payments(ctx: MessageContext, paid: list[Payment]) -> str:
    """ "yg paling gede dari siapa" after a period's income: its payments, biggest first,
    each with the client who paid it."""
    ranked = sorted(paid, key=lambda p: (-p.amount, p.paid_date))[:5]
    tenant = ctx.actor.tenant_id
    clients = {
        i: b.client_name
        for i in {p.booking_id for p in ranked}
        if (b := ctx.uow.bookings.get(tenant, i)) is not None
    }
    ctx.show(p.booking_id for p in ranked)
    lines = ["Terbesar:"]
    for p in ranked:
        who = f"{clients[p.booking_id]} " if p.booking_id in clients else ""
        lines.append(f"• {who}{format_rupiah(p.amount)} ({day_label(p.paid_date, ctx.today)})")
    return "\n".join(lines)


def _workshop_costs(ctx: MessageContext, extraction: Extraction) -> str:
    """ "total biaya bengkel bulan ini brp": maintenance and repairs in a period (this month
    when unsaid), per bus and in total; owner and admin only."""
    f = extraction.fields
    start = f.date or ctx.today.replace(day=1)
    end = f.date_to if f.date_to and f.date_to >= start else max(start, ctx.today)
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


def _documents(ctx: MessageContext, extraction: Extraction) -> str:
    """ "stnk bus 02 habis kapan?": that paper of that bus (or a driver's SIM); a bus's or a
    driver's papers, or one kind across the fleet; without either, what expires soon. A
    driver reads his own papers only ("sim saya habis kapan")."""
    f = extraction.fields
    holder: Bus | User | None = None
    if require(ctx.actor, Action.READ, Resource.DOCUMENT) is Scope.OWN:
        asked = find_driver(ctx.team, f.driver) if f.driver else ctx.actor
        if asked is None:
            return f"{f.driver} tidak ada di tim sopir."
        others = f.bus or asked.id != ctx.actor.id
        if others or (f.document_kind and f.document_kind not in PERSON_DOCUMENTS):
            raise Forbidden(OWN_DOCUMENTS_ONLY)
        holder = ctx.actor
    elif not (f.bus or f.driver or f.document_kind):
        return _expiring(ctx)
    elif f.driver:
        holder = find_driver(ctx.team, f.driver)
        if holder is None:
            return f"{f.driver} tidak ada di tim sopir."
    elif f.bus:
        holder = find_bus(ctx.buses, f.bus)
        if holder is None:
            return f'Bus "{f.bus}" tidak ada di armada.'
    every = fleet.documents(ctx.deps, ctx.actor)
    docs = [d for d in every if f.document_kind in (None, d.kind)]
    if holder is None and f.detail == "expiring" and f.document_kind is not None:
        if extraction.more:
            return _expiring_of_kinds(ctx, [f.document_kind, *_kinds(extraction.more)], every)
        return _expiring(ctx, f.document_kind, docs)
    if holder is None:
        return _documents_of_kind(ctx, f.document_kind, docs)
    docs = [d for d in docs if holder.id in (d.bus_id, d.user_id)]
    kinds = PERSON_DOCUMENTS if isinstance(holder, User) else BUS_DOCUMENTS
    # "sim sy abis kapan": one's own paper is "SIM Anda".
    whose = "Anda" if holder is ctx.actor else holder.name
    if f.document_kind is not None:
        paper = f"{f.document_kind.label} {whose}"
        if not docs and not can(ctx.actor.role, Action.CREATE, Resource.DOCUMENT):
            return f"{capitalized(paper)} belum tercatat. Mohon kabari pemilik atau admin."
        if not docs:
            return (
                f"{capitalized(paper)} belum tercatat. Untuk mencatatnya, kirim misalnya: "
                f"*{paper} habis 31 Des {ctx.today.year + 1}*."
            )
        return "\n".join(f"{capitalized(paper)} {validity(ctx, d)}." for d in docs)
    lines = [f"Dokumen {whose}:"]
    lines += [f"• {capitalized(d.kind.label)}: {validity(ctx, d)}" for d in docs]
    missing = [k.label for k in DocumentKind if k in kinds - {d.kind for d in docs}]
    if missing:
        lines.append(f"Belum tercatat: {', '.join(missing)}.")
    return "\n".join(lines)


def _documents_of_kind(ctx: MessageContext, kind: DocumentKind | None, docs: list[Document]) -> str:
    """ "kir kapan habis?": that paper of every bus (or every driver's SIM), soonest first."""
    assert kind is not None
    holders = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    lines = [f"{capitalized(kind.label)}:"]
    lines += [
        f"• {holders.get(d.bus_id or d.user_id or '', '')}: {validity(ctx, d)}"
        for d in docs[:MAX_LINES]
    ]
    held = {d.bus_id or d.user_id for d in docs}
    if kind in BUS_DOCUMENTS:
        missing = [b.name for b in ctx.buses if b.id not in held]
    else:
        missing = [u.name for u in ctx.team if u.role is Role.DRIVER and u.id not in held]
    if missing:
        lines.append(f"Belum tercatat: {', '.join(missing)}.")
    return "\n".join(lines)


def validity(ctx: MessageContext, doc: Document) -> str:
    """ "berlaku sampai Minggu, 18 Jul 2027", "berlaku sampai Jumat, 4 Des (4 hari lagi)"."""
    today = ctx.today
    day = day_label(doc.expires_on, today)
    left = (doc.expires_on - today).days
    if left < 0:
        return f"sudah habis sejak {day} ⚠️"
    if left == 0:
        return f"berlaku sampai hari ini ({day}) ⚠️"
    if left <= ctx.tenant.settings.expiry_warning_days:
        return f"berlaku sampai {day} ({left} hari lagi) ⚠️"
    return f"berlaku sampai {day}"


def _expiring(
    ctx: MessageContext, kind: DocumentKind | None = None, docs: Sequence[Document] = ()
) -> str:
    """ "dokumen yg mau abis", or of one kind "kir yg mau abis apa aja": the papers of the
    buses and drivers running out within the PO's warning window (expiry_warning_days: the
    same 30 days as the first morning reminder, document_reminder_days, by default; what
    the ⚠️ marks say), or that none does, with the nearest of `docs` (that kind's papers,
    soonest first) to come."""
    days = ctx.tenant.settings.expiry_warning_days
    holders = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    due = [
        d
        for d in fleet.expiring_documents(ctx.deps, ctx.actor, ctx.today)
        if kind in (None, d.kind)
    ]
    if kind is not None and not docs:
        # None recorded is no paper "not running out": said so, with how to record one.
        whose = "bus" if kind in BUS_DOCUMENTS else "sopir"
        return f"{capitalized(kind.label)} belum tercatat untuk {whose} mana pun."
    if not due:
        paper = kind.label if kind else "dokumen"
        text = f"Tidak ada {paper} yang habis dalam {days} hari ke depan. 👍"
        if docs:
            d = docs[0]
            name = holders.get(d.bus_id or d.user_id or "", "")
            text += f"\nPaling dekat: {name}, {day_label(d.expires_on, ctx.today)}."
        return text
    if kind is not None:
        lines = [f"{capitalized(kind.label)} yang habis dalam {days} hari ke depan:"]
        lines += [
            f"• {holders.get(d.bus_id or d.user_id or '', '')}: {validity(ctx, d)}"
            for d in due[:MAX_LINES]
        ]
        return "\n".join(lines)
    lines = ["Dokumen yang segera habis:"]
    for d in due[:MAX_LINES]:
        who = holders.get(d.bus_id or d.user_id or "", "")
        late = " ⚠️ sudah lewat" if d.expires_on < ctx.today else ""
        lines.append(f"• {d.kind.label} {who}: {day_label(d.expires_on, ctx.today)}{late}")
    return "\n".join(lines)


def _expiring_of_kinds(ctx: MessageContext, kinds: list[DocumentKind], docs: list[Document]) -> str:
    """ "surat2 yg mau abis? kir stnk": each kind asked, in the order asked, answered as
    that kind alone is ("KIR yang habis dalam 30 hari ke depan: ...", or none with the
    nearest to come)."""
    return "\n\n".join(_expiring(ctx, k, [d for d in docs if d.kind is k]) for k in kinds)


def papers_together(asked: list[Extraction]) -> list[Extraction]:
    """Papers of several kinds running out, asked at once ("kir stnk yg mau abis"): one
    answer, the first kind's question carrying the others (`more`), never one reply each."""
    expiring = [
        e
        for e in asked
        if e.intent is Intent.QUERY_DOCUMENTS
        and e.fields.detail == "expiring"
        and e.fields.document_kind is not None
        and not (e.fields.bus or e.fields.driver)
    ]
    if len(expiring) < 2:
        return asked
    first, *others = expiring
    merged = first.model_copy(update={"more": tuple(others)})
    return [merged if e is first else e for e in asked if all(e is not o for o in others)]


def _kinds(asked: Sequence[Extraction]) -> list[DocumentKind]:
    return [k for e in asked if (k := e.fields.document_kind) is not None]


def _season(ctx: MessageContext, extraction: Extraction) -> str:
    """query_season: the public holidays of a period (anyone may ask), else how busy the
    weeks ahead are (managers: it is about business volume)."""
    if extraction.fields.detail in ("holidays", "school_break", "lebaran"):
        return holidays.answer(ctx, extraction.fields)
    return money_answers.answer(ctx, extraction)


# An answer for every query intent (domain/model/intents.py).
ANSWERS: dict[Intent, Callable[[MessageContext, Extraction], str]] = {
    Intent.QUERY_SCHEDULE: _schedule,
    Intent.QUERY_OUTSTANDING: money_answers.outstanding,
    Intent.QUERY_TRIP_COSTS: money_answers.trip_costs,
    Intent.QUERY_BUS_STATUS: _bus_status,
    **dict.fromkeys(money_answers.MONEY_INTENTS, money_answers.answer),
    Intent.QUERY_SEASON: _season,
    Intent.QUERY_FREE_BUSES: _free_buses,
    Intent.QUERY_INCOME: _income,
    Intent.QUERY_DOCUMENTS: _documents,
    Intent.QUERY_WORKSHOP_COSTS: _workshop_costs,
    Intent.QUERY_ACTIVITY: activity_answers.answer,
}
