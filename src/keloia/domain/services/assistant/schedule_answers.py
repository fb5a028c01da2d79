"""The schedule asked by chat, fitted to the asker: a day's or a range's trips, a client's
trip, a person's days and who drives what; a driver sees his own trips (and of others
only who drives which bus), never money."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from keloia.domain.model import crew
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import (
    Booking,
    BookingStatus,
    BusAssignment,
    DriverTrip,
    names_place,
)
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus, papers_lapsing_by
from keloia.domain.model.intents import ExtractedFields, Extraction
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import as_written, day_label, days_label
from keloia.domain.services import bookings
from keloia.domain.services import crew as crew_service
from keloia.domain.services.assistant import money_answers
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.crew_answers import last_noticed
from keloia.domain.services.assistant.replies import (
    MAX_ASKED_DAYS,
    MAX_LIST_LINES,
    capitalized,
    clock,
)
from keloia.domain.services.assistant.resolve import (
    client_named,
    find_bus,
    find_driver,
    find_member,
    not_found_client,
    shown_bookings,
    trips_ran,
)
from keloia.domain.services.assistant.targets import days_of, lacks, named_with_destination


def schedule(ctx: MessageContext, extraction: Extraction) -> str:
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
        listed = schedule(ctx, plain)
        card = f.detail == "paid" and f.client_name and not f.date
        if ctx.actor.role is Role.DRIVER or not ctx.shown or card:
            return listed
        # The total covers every trip of the list, its lines cut for length too; what each
        # paid is told of the lines shown.
        ids = (ctx.listed or ctx.shown) if f.detail == "value" else ctx.shown[:MAX_LIST_LINES]
        trips_read = ctx.uow.bookings.get_many(ctx.actor.tenant_id, ids)
        if f.detail == "value":
            return f"{listed}\n\n{_worth_line(trips_read, len(ctx.shown))}"
        return f"{listed}\n\n{_paid_lines(trips_read)}"
    lacking = f.detail in ("no_driver", "no_bus", "unconfirmed")
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
        return _absent(ctx, person, days_of(f, ctx.today) if f.date else None, f.client_name)
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
        # "bus e bus 04 to pak?": his next trip on the bus he names, when he drives it.
        return _next_trip(ctx, f.detail, find_bus(ctx.buses, f.bus) if f.bus else None)
    days = days_of(f, ctx.today)
    if lacking and not f.date:
        # "trip yg blm ada sopir e apa aja", no day said: the coming trips still lacking
        # one (never today's alone).
        days = DateRange(start=ctx.today, end=ctx.today + timedelta(days=MAX_ASKED_DAYS - 1))
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
        # ("besok sy brgkt jam brp?" asks the hour, and he needs the whole card with it.)
        if mine and f.detail and f.detail != "departure":
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
    if f.detail == "unconfirmed" and trips:
        # "yg masih pending apa aja?": the bookings still to be confirmed with the client.
        trips = [t for t in trips if t.status is BookingStatus.PENDING]
        if not trips:
            which = when if f.date else "yang akan datang"
            return f"Semua booking {which} sudah dikonfirmasi."
        own = "Booking belum dikonfirmasi"
    if f.detail == "no_bus" and trips:
        # "yg blm ada busnya?" after December's trips: those a bus is still to be chosen for.
        trips = [t for t in trips if len(t.assignments) < t.bus_count]
        if not trips:
            return f"Semua trip {when} sudah ada busnya."
        own = "Trip tanpa bus"
    ctx.show_list((t.booking_id for t in trips), MAX_LIST_LINES)
    if trips and f.detail in TRIP_DETAILS:
        found = [ctx.uow.bookings.get(ctx.actor.tenant_id, t.booking_id) for t in trips]
        return _details(ctx, [b for b in found[:MAX_LIST_LINES] if b is not None], f.detail)
    if not trips and bus is not None:
        # The day may have other buses' trips; whether this one can take one is what is
        # asked ("brarti bus 05 bs dipake tgl 12 ya?").
        if bus.in_workshop(days):
            said = f"{bus.name} {when}: tidak ada jadwal, tapi sedang di bengkel."
        elif not bus.can_be_scheduled(days):
            said = f"{bus.name} {when}: tidak ada jadwal, tapi tidak bisa dipakai trip."
        else:
            said = f"{bus.name} {when}: tidak ada jadwal, bisa dipakai."
        if f.date is None and (next_line := _bus_next_trip(ctx, bus, days)):
            said += f"\nTrip berikutnya:\n{next_line}"  # "srikandi kpn jalan lg": when it goes
        return said
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
        return f"{empty}\n\n{schedule(ctx, extraction.model_copy(update={'fields': then}))}"
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    # "desember ada brp trip": a period's schedule says how many trips it holds.
    count = f" ({len(trips)} trip)" if len(trips) > 1 and days.days() > 1 else ""
    lines = [f"{own} {when}{count}:"]
    if f.detail == "unconfirmed" and not f.date:
        # "yg masih pending apa aja?": the coming ones, however far ahead (no window said).
        lines = [f"Booking yang belum dikonfirmasi ({len(trips)}):"]
    declined = crew_service.declined_on(
        ctx.deps, ctx.actor, [t.booking_id for t in trips[:MAX_LIST_LINES]]
    )
    for trip in trips[:MAX_LIST_LINES]:
        route = " – ".join(p for p in (trip.route_from, trip.route_to) if p)
        # "sopir Joko (bilang tidak bisa)": a crew member who declined is still on the trip
        # until replaced; the schedule says so.
        out = declined.get(trip.booking_id, set())
        buses = _buses_said(
            trip, names | {who: f"{names.get(who, who)} (bilang tidak bisa)" for who in out}
        )
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
        if extraction.asks_pickup or (
            f.client_name and same_client(trip.client_name, f.client_name)
        ):
            # "pkk bsk jemput dmn jam brp? sopirnya siapa": the client's trip of the day
            # asked, where the bus picks up too (as for the client's coming trips); so for
            # every trip when the schedule is asked with where they pick up ("jadwalnya
            # siapa aja yg jalan terus jemputnya di mana").
            lines.append(
                f"  Jemput: {as_written(trip.pickup_place)}{at}"
                if trip.pickup_place
                else "  Tempat jemput belum dicatat."
            )
    if len(trips) > MAX_LIST_LINES:
        more = (
            "Tanyakan per tanggal untuk melihat sisanya."
            if ctx.actor.role is Role.DRIVER  # drivers have no dashboard
            else "Lihat lengkapnya di dashboard, halaman Jadwal (/jadwal)."
        )
        lines.append(f"…dan {len(trips) - MAX_LIST_LINES} lainnya. {more}")
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
    for line in lines[:MAX_LIST_LINES]:
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


AHEAD = timedelta(days=60)


def _buses_said(
    b: Booking | DriverTrip,
    names: dict[str, str],
    *,
    kernet_told: bool = False,
    between: str = ", ",
) -> str:
    """Each bus with its crew, and how many the trip still lacks ("Bus 02: Joko, 1 bus
    belum ditentukan"): a trip of three buses with two chosen is never shown as whole."""
    said = between.join(_crewed(a, names, kernet_told=kernet_told) for a in b.assignments)
    if not said:
        return "bus belum ditentukan"
    lacking = b.bus_count - len(b.assignments)
    return f"{said}{between}{lacking} bus belum ditentukan" if lacking > 0 else said


def _trip_line(ctx: MessageContext, b: Booking, names: dict[str, str]) -> str:
    route = " – ".join(p for p in (b.route_from, b.route_to) if p)
    buses = _buses_said(b, names)
    at = f", jam {clock(b.pickup_time)}" if b.pickup_time else ""
    # "udh dikonfirmasi blm?": a booking still waiting for the client's confirmation says so.
    waiting = " — belum dikonfirmasi" if b.status is BookingStatus.PENDING else ""
    # "udh selesai?": a trip marked done says so; one whose last day has passed, that it
    # is not marked yet.
    if b.status is BookingStatus.COMPLETED:
        waiting = " — selesai"
    elif b.status is BookingStatus.CONFIRMED and b.return_date < ctx.today:
        waiting = " — belum ditandai selesai"
    elif b.status is BookingStatus.CONFIRMED and b.depart_date <= ctx.today:
        waiting = " — sedang berjalan"
    return (
        f"• {days_label(b.depart_date, b.return_date, ctx.today)}{at}: {b.client_name}"
        f"{', ' + route if route else ''} ({buses}){waiting}"
    )


def _bus_next_trip(ctx: MessageContext, bus: Bus, days: DateRange) -> str | None:
    """The line of the bus's first trip after `days` (within AHEAD), as a schedule says it."""
    ahead = DateRange(start=days.end + timedelta(days=1), end=days.end + AHEAD)
    later = [
        t
        for t in bookings.trips(ctx.deps, ctx.actor, ahead)
        if bus.id in t.bus_ids and t.depart_date > days.end
    ]
    if not later:
        return None
    first = min(later, key=lambda t: t.depart_date)
    trip = ctx.uow.bookings.get(ctx.actor.tenant_id, first.booking_id)
    if trip is None:
        return None
    ctx.show([trip.id])
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    return _trip_line(ctx, trip, names)


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
    # ("lusa?" after tomorrow's pickup: trips never shown, so each with its bus and crew.)
    seen = {b.id for b in shown_bookings(ctx)}
    fresh = ctx.actor.role is not Role.DRIVER and not {b.id for b in trips} <= seen
    ctx.show(b.id for b in trips)
    lines = []
    for b in trips[:MAX_LIST_LINES]:
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
            seats = _buses_said(b, names, kernet_told=True, between="; ")
            about = ", ".join(x for x in (where, days) if x)
            lines.append(f"{b.client_name} ({about}): {seats}.")
        elif detail == "pickup":
            # A driver's "rabu sy ke malang to? jemput jam brp?": where his trip goes, to check
            # by; to the owner or an admin, who just saw the trips, the one detail asked
            # ("lusa?" after one day's pickup shows trips never seen: where they go too).
            goes = where if ctx.actor.role is Role.DRIVER or fresh else ""
            about = ", ".join(x for x in (goes, days) if x)
            # (A driver hears his bus too: which one to take out of the garage.)
            seat = _own_seat(ctx, b, names)[0] if ctx.actor.role is Role.DRIVER else ""
            if fresh:
                seat = _buses_said(b, names, kernet_told=True, between="; ")
            lines.append(
                f"{b.client_name} ({about}): {place}{_ask_whom(ctx, b)}, {at}"
                + (f", {seat}." if seat else ".")
            )
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
    ctx.show(t.id for t in trips[:MAX_LIST_LINES])
    lines = [f"Trip Anda {days_label(days.start, days.end, ctx.today)}:"]
    for trip in trips[:MAX_LIST_LINES]:
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
    ctx.show_list((b.id for b in found), MAX_LIST_LINES)
    return "\n".join(
        [
            f"Trip ke {as_written(place)}:",
            *(_trip_line(ctx, b, names) for b in found[:MAX_LIST_LINES]),
        ]
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
            return not_found_client(ctx, name)
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
        if b.passengers:
            lines.append(f"  Penumpang: {b.passengers} orang")
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


def _taken_off(ctx: MessageContext, person: User, days: DateRange | None) -> str:
    """ "yg gantiin joko bsk siapa" once Joko was taken off his trip that day: the trip, and
    who has his seat now (told him as "Anda tidak lagi bertugas"); "" when none."""
    if days is None:
        return ""
    removed = [
        a
        for a in ctx.uow.alerts.for_user(ctx.actor.tenant_id, person.id)
        if a.kind is AlertKind.TRIP_CHANGED
        and a.entity == "booking"
        and crew.REMOVED_MARK in a.text
    ]
    names = crew.Names.of(ctx.buses, ctx.team, ctx.today)
    lines: list[str] = []
    for trip_id in dict.fromkeys(a.entity_id for a in removed):
        trip = ctx.uow.bookings.get(ctx.actor.tenant_id, trip_id)
        if trip is None or not trip.is_live or trip.involves(person.id):
            continue
        if not trip.days.overlaps(days):
            continue
        crew_now = [
            f"{role} {names.person(who)}"
            for a in trip.assignments
            for role, who in (("sopir", a.driver_id), ("kernet", a.co_driver_id))
            if who
        ]
        when = days_label(trip.depart_date, trip.return_date, ctx.today)
        now = f" Krunya sekarang: {', '.join(crew_now)}." if crew_now else ""
        lines.append(f"{person.name} sudah diganti di trip *{trip.client_name}* ({when}).{now}")
    return "\n" + "\n".join(lines) if lines else ""


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
        free = f"{person.name} {when} kosong, belum ada trip.{_lapsed_sim(ctx, person, days)}"
        return free + _wanting_driver(ctx, person, days)
    return _persons_trips(ctx, person, days, f"{person.name} {when} tidak kosong:")


def _lapsed_sim(ctx: MessageContext, person: User, days: DateRange) -> str:
    """ "joko tgl 29 kosong ra?" when his SIM runs out on the 25th: free, but not to drive
    then until it is renewed."""
    if person.role is not Role.DRIVER:
        return ""  # only a driver holds a SIM here
    lapsed = papers_lapsing_by(ctx.uow.documents.all(ctx.actor.tenant_id), {person.id}, days.end)
    return "".join(
        f" ⚠️ Tapi {d.kind.label} {person.name} habis {day_label(d.expires_on, ctx.today)}; "
        "perpanjang dulu sebelum ditugaskan."
        for d in lapsed
    )


def _wanting_driver(ctx: MessageContext, person: User, days: DateRange) -> str:
    """ "slamet kosong gak tgl itu" after the day's trips: those of the day still without a
    driver, named (and shown, so "yaudah pake slamet" gives him the one)."""
    if person.role is not Role.DRIVER:
        return ""
    trips = [
        b
        for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
        if b.is_live and b.status is not BookingStatus.COMPLETED and lacks(b, "driver")
    ]
    if not trips:
        return ""
    ctx.show_list((b.id for b in trips), MAX_LIST_LINES)
    named = ", ".join(
        f"{b.client_name} ({b.route_to})" if b.route_to else b.client_name
        for b in trips[:MAX_LIST_LINES]
    )
    return f" Trip yang belum ada sopirnya di hari itu: {named}."


def _persons_trips(
    ctx: MessageContext, person: User, days: DateRange | None, head: str = ""
) -> str:
    """A driver's coming trips, for the owner or an admin: the card the driver gets."""
    coming = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    if days is not None and days.start < ctx.today:
        # "rekap trip slamet bulan ini": the trips he drove in it as well.
        trips = crew_service.trips_over(ctx.deps, ctx.actor, person, days)
    else:
        trips = [t for t in coming if t.days.overlaps(days)] if days is not None else coming
    if not trips:
        when = f" {days_label(days.start, days.end, ctx.today)}" if days else ""
        empty = f"{person.name} belum ada trip{when}." + _taken_off(ctx, person, days)
        later = [t for t in coming if days is not None and t.depart_date > days.end]
        if days is None or days.start != days.end or not later:
            return empty
        # "joko udh brgkt blm" on a day he has no trip: so said, and his next one.
        return f"{empty}\n\n" + _persons_trips(
            ctx, person, later[0].days, f"Trip {person.name} berikutnya:"
        )
    names = crew.Names.of(ctx.buses, ctx.team, ctx.today)
    lines = [head or f"Trip {person.name}:"]
    ctx.show_list((t.id for t in trips), MAX_LIST_LINES)
    for trip in trips[:MAX_LIST_LINES]:
        card = crew.trip_card(trip, person.id, names)
        # The admin's own number is for the driver, not for the admin asking.
        lines += [f"*{trip.client_name}*", *(x for x in card if not x.startswith("• Admin:"))]
    if len(trips) > MAX_LIST_LINES:
        lines.append(f"…dan {len(trips) - MAX_LIST_LINES} trip lagi.")
    return "\n".join(lines)


def _absent(
    ctx: MessageContext, person: User, days: DateRange | None, client: str | None = None
) -> str:
    """ "joko izin tgl 4", "slamet besok ga bisa, sakit", "slamet ga jadi ikut pak hendra"
    (the owner or an admin, no one put in his place): the trips he rides that day, or of
    the client named (else his next one), and who replaces him asked, with who is free then;
    or that he has no such trip. Nothing is recorded."""
    trips = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    if client:
        trips = [t for t in trips if same_client(t.client_name, client)]
        if not trips:
            return (
                f"{person.name} tidak tercatat di trip {client_named(ctx, client) or client}, "
                "jadi tidak ada yang perlu diganti. Tidak ada yang saya catat."
            )
    trips = [t for t in trips if t.days.overlaps(days)] if days is not None else trips[:1]
    if not trips:
        when = f" {days_label(days.start, days.end, ctx.today)}" if days else ""
        return (
            f"{person.name} tidak ada trip{when}, jadi tidak ada yang perlu diganti. "
            "Tidak ada yang saya catat."
        )
    ctx.show_list((t.id for t in trips), MAX_LIST_LINES)
    buses = {b.id: b.name for b in ctx.buses}
    lines = [f"{person.name} bertugas di:"]
    for trip in trips[:MAX_LIST_LINES]:
        place = crew.seat(trip, person.id)
        role = "sopir" if place is not None and place.driver_id == person.id else "kernet"
        bus = f", {buses[place.bus_id]}" if place is not None and place.bus_id in buses else ""
        lines.append(f"• {trip.client_name} ({crew.when(trip, ctx.today)}{bus}, {role})")
    span = DateRange(start=min(t.depart_date for t in trips), end=max(t.return_date for t in trips))
    free = [u for u in bookings.drivers_on(ctx.deps, ctx.actor, span).free if u.id != person.id]
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
    named = _trips_named(ctx, asked.fields)
    shown = named or shown_bookings(ctx, frozenset(BookingStatus))
    last = max((b.depart_date for b in shown), default=None)
    f = asked.fields
    if f.date is not None and not named:
        last = f.date_to or f.date  # "abis bsk trip sy apa lg?": after that day's
    start = max(last + timedelta(days=1), ctx.today) if last else ctx.today
    if ctx.actor.role is Role.DRIVER and last is None:
        # "trip sy selanjutnya kapan" after an empty day (or out of the blue): no trip shown
        # to come after, so his own next one, said as such (a trip he is on now named first).
        return _next_trip(ctx)
    # "abis trip masjid hr ini ada jadwal lg ga?": after the trip named, said by its name.
    after = f"Sesudah trip *{named[-1].client_name}*" if named else "Sesudah itu"
    if f.date is not None and not named:
        after = f"Sesudah {day_label(f.date_to or f.date, ctx.today)}"
    if ctx.actor.role is Role.DRIVER:
        upcoming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        trips = [t for t in upcoming if t.depart_date >= start]
        if not trips:
            return f"{after} belum ada trip Anda dalam 60 hari ke depan."
        return _trip_cards(ctx, trips[:1], f"{after}, trip Anda") + _then(ctx, trips[1:])
    if (person := _person_asked(ctx, asked.fields.driver)) is not None:
        # "trs abis itu?" after Joko's trips: his next one, never the PO's next day.
        upcoming = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
        trips = [t for t in upcoming if t.depart_date >= start]
        if not trips:
            return f"{after} belum ada trip {person.name} dalam 60 hari ke depan."
        heading = f"{after}, trip {person.name}"
        return _trip_cards(ctx, trips[:1], heading) + _then(ctx, trips[1:])
    window = DateRange(start=start, end=start + timedelta(days=MAX_ASKED_DAYS - 1))
    departing = [t.depart_date for t in bookings.trips(ctx.deps, ctx.actor, window)]
    departing = [d for d in departing if d >= start]
    if not departing:
        return f"{after} belum ada trip dalam {MAX_ASKED_DAYS} hari ke depan."
    day = min(departing)
    plain = asked.fields.model_copy(update={"detail": None, "date": day, "date_to": None})
    if named:
        # The trip named is what the day comes after, not the trips asked of that day.
        plain = plain.model_copy(update={"client_name": None, "route_to": None})
    return schedule(ctx, asked.model_copy(update={"fields": plain}))


def _trips_named(ctx: MessageContext, f: ExtractedFields) -> list[Booking]:
    """The trips a "next" question names by client or destination (on the day said, if
    any), a driver's own only; none when it names none (the last answer's trips then)."""
    if not (f.client_name or f.route_to):
        return []
    if ctx.actor.role is Role.DRIVER:
        trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    else:
        days = DateRange(start=ctx.today, end=ctx.today + AHEAD)
        trips = sorted(
            ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days), key=lambda b: b.depart_date
        )
    day = days_of(f, ctx.today) if f.date else None
    return [
        t
        for t in trips
        if t.status is not BookingStatus.CANCELLED
        and (not f.client_name or same_client(t.client_name, f.client_name))
        and (not f.route_to or t.goes_to(f.route_to))
        and (day is None or t.days.overlaps(day))
    ]


# How long a trip notice stays what a driver's bare question is about.
NOTICE_FRESH = timedelta(hours=3)


def _next_trip(ctx: MessageContext, detail: str | None = None, bus: Bus | None = None) -> str:
    """A driver's own next trip: the card a trip notice carries (when, bus, pickup place,
    route, and whom to call), on `bus` when he names one he drives. A trip he is on now
    ("sy abis ini ada trip lg kapan" on the road) is not the next one: it is named in one
    line, then the one after it."""
    trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    if bus is not None:
        on_bus = [
            t
            for t in trips
            if any(a.bus_id == bus.id and ctx.actor.id in a.crew_ids() for a in t.assignments)
        ]
        trips = on_bus or trips
    now = ctx.deps.clock.now().astimezone(ZoneInfo(ctx.tenant.settings.timezone))
    current = next((t for t in trips if crew.under_way(t, now)), None)
    if current is not None:
        trips = [t for t in trips if t.id != current.id]
    on_it = _on_the_road(ctx, current) if current is not None else ""
    if not trips:
        if on_it:
            return f"{on_it}\nSesudahnya belum ada trip Anda dalam 60 hari ke depan."
        return "Belum ada trip Anda dalam 60 hari ke depan."
    told = None if bus else last_noticed(ctx, ctx.actor, since=ctx.deps.clock.now() - NOTICE_FRESH)
    if told is not None and told.id != trips[0].id and told.id in {t.id for t in trips}:
        # "jadi jam brp pak?" just after he was told of a trip's change: that trip.
        if detail:
            return _details(ctx, [told], detail)
        return _trip_cards(ctx, [told], "Trip yang baru dikabarkan ke Anda")
    if detail:
        return _details(ctx, trips[:1], detail)
    text = _trip_cards(ctx, trips[:1], "Trip Anda berikutnya") + _then(ctx, trips[1:])
    return f"{on_it}\n{text}" if on_it else text


def _then(ctx: MessageContext, later: list[Booking]) -> str:
    """The line under a driver's trip card naming what comes after it: "Sesudahnya: *SD
    Muhammadiyah Kotagede* ke Malang (Senin, 7 – Rabu, 9 Des, jam 05.30)." (with how many
    more when there are several), or nothing. Where it goes is said: "abis ini kmn?" asks
    it."""
    if not later:
        return ""
    goes = f" ke {later[0].route_to}" if later[0].route_to else ""
    # ("bar pkk aku narik meneh kpn? bis opo": the bus of the next one too.)
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}
    seat = _own_seat(ctx, later[0], names)[0]
    bus = f", {seat}" if seat else ""
    first = f"*{later[0].client_name}*{goes} ({crew.when(later[0], ctx.today)}{bus})"
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
    upcoming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)

    def trips_of(client: str) -> list[Booking]:
        return [t for t in upcoming if same_client(t.client_name, client)]

    # ("trip pkk borobudur jam piro budal?": a word of the name, then where it goes.)
    mine = trips_of(name) or named_with_destination(name, trips_of)
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
    ctx.show(t.id for t in trips[:MAX_LIST_LINES])
    for trip in trips[:MAX_LIST_LINES]:
        lines += [f"{head}: *{trip.client_name}*", *crew.trip_card(trip, ctx.actor.id, names)]
    return "\n".join(lines)
