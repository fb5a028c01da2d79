"""Plans for a booking's life by chat: created, changed, confirmed, completed,
cancelled (and a cancellation fee waived)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from keloia.domain.errors import ClientNotFound, InvalidInput, NotFound
from keloia.domain.model import clients
from keloia.domain.model.bookings import (
    Booking,
    BookingStatus,
    BusAssignment,
    fee_kept,
    seats_short,
)
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.moves import part_changed, seat_question
from keloia.domain.model.payments import PaymentType, amount_off, format_rupiah, method_label
from keloia.domain.model.permissions import Action, Resource, can, require
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import as_written, day_label, days_label, format_km, local_phone
from keloia.domain.services import bookings, fleet, money, payments
from keloia.domain.services.assistant import crew_plans, fleet_plans, money_plans, plans, targets
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import clock, trip_said
from keloia.domain.services.assistant.resolve import bookings_named, find_bookings
from keloia.domain.services.validation import build


def _booked_already(ctx: MessageContext, client: str, days: DateRange) -> list[str]:
    """ "dia kan bawa sd muhammadiyah tgl 7 ke bandung" read as a booking: the client's
    trip on those days, already on record, said before a second one is made."""
    held = [
        b
        for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
        if b.is_live and same_client(b.client_name, client)
    ]
    lines = []
    for b in held[:2]:
        when = days_label(b.depart_date, b.return_date, ctx.today)
        route = " – ".join(p for p in (b.route_from, b.route_to) if p)
        where = f" ({route})" if route else ""
        lines.append(f"⚠️ {b.client_name} sudah punya booking {when}{where}. Ini booking kedua?")
    return lines


def create_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.CREATE, Resource.BOOKING)
    if not f.client_name:
        # The trip said back with the question: asked after something else ("bu dewi tf
        # 2jt. trus ada yg booking tgl 20 des ..."), "ini" alone would not say which.
        raise plans.NeedMore(f"Booking baru{trip_said(f, ctx.today)} ini atas nama siapa?")
    if not f.depart_date:
        raise plans.NeedMore(f"Berangkatnya tanggal berapa untuk {as_written(f.client_name)}?")
    assignments, unplaced = crew_plans.assignments(ctx, f)
    # What the reader could not place (an unknown destination, a second driver for one bus)
    # is said, never dropped; a destination given since (a correction) takes the place of
    # the unknown one.
    unplaced += [u for u in f.unplaced or [] if not (f.route_to and u.startswith("tujuan "))]
    notes = [f.notes] if f.notes else []
    too_small: list[Bus] = []
    if f.seats:
        # The size asked for is kept with the booking, to choose its bus by later.
        notes.append(f"minta bus {f.seats} kursi")
        chosen = {a.bus_id for a in assignments}
        too_small = [b for b in ctx.buses if b.id in chosen and b.seats and b.seats < f.seats]
    route_to = plans.with_stops(f.route_from or "", f.route_to or "", f.stops)
    if f.stops and not f.route_to:
        notes.append(plans.stops_note(f.stops))  # no destination to stop on the way to
    client_name, client_phone = _known_client(ctx, f.client_name, f.client_phone)
    wanted = max(f.bus_count or 0, len(assignments)) or None
    draft = build(
        bookings.BookingDraft,
        client_name=client_name,
        client_phone=client_phone,
        route_from=f.route_from or "",
        route_to=route_to,
        depart_date=f.depart_date,
        return_date=f.return_date,
        pickup_time=time.fromisoformat(f.depart_time) if f.depart_time else None,
        pickup_place=f.pickup_place or "",
        passengers=f.passengers,
        price=f.price or 0,
        bus_count=wanted,
        assignments=assignments,
        notes="; ".join(notes),
    )
    # A DP may come before the price is agreed (it is then money towards it).
    dp = f.dp_amount if f.dp_amount and (not draft.price or draft.price >= f.dp_amount) else None
    # A DP only promised ("dp nya mau tf besok 1jt") is said, never recorded as paid.
    promised = dp if f.dp_promised else None
    dp = None if f.dp_promised else dp
    # The day the DP was paid, when said ("dp 1jt udh masuk tgl 20 kemarin"); a day to come
    # is no payment made.
    dp_day = f.dp_paid_date if f.dp_paid_date and f.dp_paid_date < ctx.today else None
    # "udh lunas cash" (a trip of before typed in from the notebook): the rest of the price
    # after any DP is paid with it, nothing left owing.
    settled = draft.price - (dp or 0) if f.paid_in_full and draft.price else 0
    method = f" ({method_label(f.method)})" if f.method else ""
    paid_on = f", dibayar {day_label(dp_day, ctx.today)}" if dp_day else ""

    def summary() -> str:
        lines = ["Saya catat sebagai *booking baru*:", f"• Klien: {draft.client_name}"]
        lines += plans.trip_lines(
            ctx,
            draft.route_from,
            draft.route_to,
            draft.depart_date,
            draft.return_date or draft.depart_date,
            f.depart_time,
        )
        missing = (wanted or 1) - len(assignments)
        if wanted and wanted > 1 and not assignments:
            lines.append(f"• Bus: {wanted} bus, belum ditentukan")
        else:
            lines += plans.crew_lines(ctx, assignments)
        if wanted and wanted > 1 and assignments and missing > 0:
            # Every bus named has its line: the count is said only when some are still open.
            lines.append(f"• Jumlah: {wanted} bus, {missing} lagi belum ditentukan")
        lines += plans.said(
            ("HP klien", draft.client_phone and local_phone(draft.client_phone)),
            ("Penumpang", draft.passengers and f"{draft.passengers} orang"),
            ("Jemput", draft.pickup_place),
            ("Harga", draft.price and _price_said(draft, f.price_per_day)),
        )
        if promised:
            lines.append(
                f"• DP {format_rupiah(promised)} baru dijanjikan: belum dicatat, "
                "catat saat uangnya sudah masuk."
            )
        elif f.dp_amount:
            may_record = can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
            if dp and may_record:
                lines.append(f"• DP: {format_rupiah(dp)}{method}{paid_on}")
            elif dp is None:
                lines.append("• DP tidak dicatat: melebihi harga.")
        if settled > 0 and can(ctx.actor.role, Action.CREATE, Resource.PAYMENT):
            lines.append(f"• Lunas: {format_rupiah(settled)}{method}")
        if draft.notes:
            lines.append(f"• Catatan: {draft.notes}")
        if unplaced:
            lines.append("• Belum tercatat: " + "; ".join(unplaced))
        lines += [f"⚠️ {b.name} hanya {b.seats} kursi, kurang dari yang diminta." for b in too_small]
        lines += seats_warning(ctx, draft.passengers, assignments, wanted or 0)
        days = DateRange(start=draft.depart_date, end=draft.return_date or draft.depart_date)
        lines += day_off_warning(ctx, assignments, days)
        lines += _no_bus_free(ctx, days, missing)
        lines += _booked_already(ctx, draft.client_name, days)
        return "\n".join(lines)

    def check() -> None:
        bookings.create_booking(ctx.deps, ctx.actor, draft, dry_run=True)

    def apply() -> str:
        booking = bookings.create_booking(ctx.deps, ctx.actor, draft, acknowledge_warnings=True)
        made.target_id = booking.id  # "sopirnya ganti pak joko" next is about this one
        done = f"Booking {plans.label(ctx, booking)} sudah dicatat."
        # The DP said with it, on the day it was paid; and, for a trip said paid in full,
        # the rest as its settlement: each a payment of its own.
        paid = [(PaymentType.DP, dp or 0, dp_day), (PaymentType.PELUNASAN, settled, None)]
        confirmed = False
        for kind, amount, day in paid:
            if amount > 0 and can(ctx.actor.role, Action.CREATE, Resource.PAYMENT):
                confirmed |= payments.record_payment(
                    ctx.deps,
                    ctx.actor,
                    payments.PaymentDraft(
                        booking_id=booking.id,
                        type=kind,
                        amount=amount,
                        method=f.method,
                        paid_date=day,
                    ),
                ).confirmed_booking
        if dp and can(ctx.actor.role, Action.CREATE, Resource.PAYMENT):
            left = (
                f", sisa {format_rupiah(draft.price - dp)}" if draft.price and not settled else ""
            )
            done += f" DP {format_rupiah(dp)} tercatat{left}."
        if settled > 0 and can(ctx.actor.role, Action.CREATE, Resource.PAYMENT):
            done += f" Pelunasan {format_rupiah(settled)} tercatat, sudah lunas."
        if confirmed:
            done += money_plans.CONFIRMED_BY_PAYMENT
        done += targets.buses_to_assign(booking)
        if not booking.priced:
            done += (
                " Harganya belum dicatat; kalau sudah sepakat, kirim misalnya "
                f"*harga {booking.client_name} 15jt*."
            )
        return done

    made = plans.Plan(summary, check, apply)
    return made


def _known_client(ctx: MessageContext, name: str, phone: str | None) -> tuple[str, str | None]:
    """A client booking again is the same client: "pak hendra" is written as the "Pak
    Hendra" of an earlier booking (and gets its phone), never a second client."""
    earlier = find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=None if phone else name,
        statuses=frozenset(BookingStatus),
    )
    known = clients.known_client(name, phone, [(b.client_name, b.client_phone) for b in earlier])
    return known or (name, phone)


def _no_bus_free(ctx: MessageContext, days: DateRange, missing: int) -> list[str]:
    """ "pak rahmat sabtu ke parangtritis 1 bus, ada ga" on a Saturday every bus has a trip:
    that no bus is free (or too few), before any "ya"; recorded, it waits for a bus."""
    if missing <= 0:
        return []
    free = fleet.available_buses(ctx.deps, ctx.actor, days)
    if len(free) >= missing:
        return []
    when = days_label(days.start, days.end, ctx.today)
    said = (
        f"tidak ada bus kosong {when}"
        if not free
        else f"bus kosong {when} hanya {', '.join(b.name for b in free)}"
    )
    return [
        f"⚠️ Perhatian: {said}. Kalau tetap dicatat, booking ini menunggu bus sampai ada yang "
        "kosong."
    ]


def _bus_let_go(
    ctx: MessageContext, booking: Booking, f: ExtractedFields
) -> tuple[ExtractedFields, list[BusAssignment]]:
    """The booking's buses without the one given up, and the count it keeps (one less
    unless said: a trip of one bus keeps wanting one, to be chosen again)."""
    assert f.replaced_bus is not None
    gone = targets.named_bus(ctx, f.replaced_bus)
    kept = [a for a in booking.assignments if a.bus_id != gone.id]
    if len(kept) == len(booking.assignments):
        raise plans.NeedMore(
            f"{gone.name} tidak ada di trip {booking.client_name}; tidak ada yang diubah."
        )
    if not kept:
        # "pak hendra bus 02 nya ga jd" of a trip of that one bus: the trip itself, or
        # another bus for it, is asked; never a trip left with no bus unasked.
        raise plans.NeedMore(
            f"Trip {booking.client_name} hanya memakai {gone.name}. Tripnya dibatalkan, atau "
            f"busnya diganti? Tulis misalnya *{booking.client_name.lower()} batal* atau "
            f"*{gone.name.lower()} ganti bus lain*."
        )
    count = f.bus_count or max(1, booking.bus_count - 1)
    return f.model_copy(update={"bus_count": count, "replaced_bus": None}), kept


def seats_warning(
    ctx: MessageContext, passengers: int | None, assignments: list[BusAssignment], wanted: int
) -> list[str]:
    """The line that warns of more passengers than the trip's buses seat ("90 orang" on a
    35-seat bus), once every bus it wants is chosen."""
    chosen = [b for a in assignments for b in ctx.buses if b.id == a.bus_id]
    if len(chosen) < wanted:
        return []
    short = seats_short(passengers, [b.seats for b in chosen])
    if not short:
        return []
    names = ", ".join(b.name for b in chosen)
    seats = sum(b.seats or 0 for b in chosen)
    return [f"⚠️ {passengers} orang, kursi {names} hanya {seats}: kurang {short} kursi."]


def day_off_warning(
    ctx: MessageContext, assignments: list[BusAssignment], days: DateRange
) -> list[str]:
    """The line that warns of a crew member put on a trip on a day they said they are off
    ("tgl 10 izin ga bisa narik")."""
    crew = {i for a in assignments for i in a.crew_ids()}
    if not crew or not can(ctx.actor.role, Action.READ, Resource.TEAM):
        return []
    off = [u for u in bookings.drivers_on(ctx.deps, ctx.actor, days).off if u.id in crew]
    return [f"⚠️ {u.name} sudah izin tidak bisa bertugas di tanggal trip ini." for u in off]


WHAT_CHANGES = "Apa yang mau diubah dari booking itu? (tanggal, jam, bus, sopir, harga, HP klien)"


def part_asked(ctx: MessageContext, booking: Booking) -> str | None:
    """ "bus nya pak hendra mau diganti": the part said to change, asked to what, with the
    trip named and what it has now; None when the message names no one part."""
    part = part_changed(ctx.text)
    if part is None:
        return None
    which = f"*{plans.label(ctx, booking)}*"
    buses = {b.id: b.name for b in ctx.buses}
    people = {u.id: u.name for u in ctx.team}
    if part == "bus":
        now = ", ".join(buses.get(a.bus_id, "") for a in booking.assignments) or "belum ada"
        return f"Bus {which} (sekarang {now}) mau diganti bus apa?"
    if part in ("driver", "kernet"):
        ids = [a.driver_id if part == "driver" else a.co_driver_id for a in booking.assignments]
        return seat_question(part, which, ", ".join(people.get(i, "") for i in ids if i))
    if part == "time":
        now = clock(booking.pickup_time) if booking.pickup_time else "belum dicatat"
        return f"Jam jemput {which} (sekarang {now}) mau diganti jam berapa?"
    now = as_written(booking.pickup_place) if booking.pickup_place else "belum dicatat"
    return f"Tempat jemput {which} (sekarang {now}) mau dipindah ke mana?"


def _shift_landing(ctx: MessageContext, f: ExtractedFields) -> ExtractedFields:
    """ "pak hendra mundur seminggu, tgl 9 ya" with his trip on 2 Des: a day none of the
    client's trips is on, where the shift lands from one of them (of those going where the
    message says, when it says), is the day the trip moves to, not the trip's own; the
    trip is named by its own day. Otherwise the fields as read."""
    if not (f.shift_days and f.ref_date and f.client_name) or f.depart_date:
        return f
    tenant, today = ctx.actor.tenant_id, ctx.today
    if find_bookings(ctx.uow, tenant, today, client_name=f.client_name, on=f.ref_date):
        return f
    theirs = find_bookings(ctx.uow, tenant, today, client_name=f.client_name)
    if f.route_to:
        theirs = [b for b in theirs if b.goes_to(f.route_to)] or theirs
    landed = [b for b in theirs if b.depart_date + timedelta(f.shift_days) == f.ref_date]
    if len(landed) != 1:
        return f
    return f.model_copy(update={"ref_date": landed[0].depart_date})


def _discounted(booking: Booking, amount: int | None, percent: int | None) -> tuple[int, str]:
    """The price after a discount granted ("diskon 500rb", "diskon 10%") and its summary
    line; a booking with no price yet, or a discount of all of it, is asked again."""
    if not booking.priced:
        raise plans.NeedMore(
            f"Harga trip {booking.client_name} belum tercatat, jadi diskonnya belum bisa "
            "dihitung. Harganya jadi berapa setelah diskon?"
        )
    off = (
        amount_off(booking.price, amount) if amount else round(booking.price * (percent or 0) / 100)
    )
    if off >= booking.price:
        raise plans.NeedMore(
            f"Diskon {format_rupiah(off)} sama dengan atau melebihi harga "
            f"{format_rupiah(booking.price)}. Harganya jadi berapa?"
        )
    if off * 2 > booking.price:
        raise plans.NeedMore(
            f"Diskon {format_rupiah(off)} lebih dari separuh harga {format_rupiah(booking.price)}. "
            "Harganya jadi berapa?"
        )
    share = f" ({percent}%)" if percent and not amount else ""
    was = plans.changed_from(format_rupiah(booking.price))
    new = booking.price - off
    return new, f"• Harga: {was}{format_rupiah(new)}, diskon {format_rupiah(off)}{share}"


def _crew_changed(
    ctx: MessageContext,
    booking: Booking,
    f: ExtractedFields,
    changes: dict[str, object],
    strangers: list[tuple[str, str]],
    unplaced: list[str],
) -> list[str]:
    """The summary lines of the buses and crew said (put in `changes`); what cannot be
    placed joins `unplaced`."""
    f, in_order = crew_plans.crew_in_order(ctx, booking, f)
    unplaced += in_order
    assignments = crew_plans.reassign(ctx, booking, f)
    if assignments == list(booking.assignments) and not in_order and not changes:
        for role, name in strangers:
            # Only the person not on the team would change: who to invite is the answer.
            targets.named_driver(ctx, name, role.capitalize())
        # "sopir besok joko sm wahyu" of a trip they already ride: said so, nothing
        # proposed that would change nothing.
        crew_now = "; ".join(
            line.removeprefix("• Bus: ") for line in plans.crew_lines(ctx, assignments)
        )
        trip = f"Trip {booking.client_name} ({day_label(booking.depart_date, ctx.today)})"
        raise plans.Unchanged(
            f"{trip} sudah tercatat begitu: {crew_now}. Tidak ada yang diubah.",
            kept=f"{trip[0].lower()}{trip[1:]} tetap {crew_now}",
        )
    changes["assignments"] = assignments
    return plans.crew_lines(ctx, assignments, booking.assignments)


def update_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    if f.swap_client:
        return _buses_traded(ctx, f, target_id)
    booking = targets.booking_meant(ctx, _shift_landing(ctx, f), target_id, bus_given=True)
    read = f
    strangers: list[tuple[str, str]] = []
    changes: dict[str, object] = {}
    lines = [f"Saya akan mengubah booking *{plans.label(ctx, booking)}*:"]
    if f.shift_days and not f.depart_date:
        # "diundur 2 hari": counted from the day the trip has.
        f = f.model_copy(update={"depart_date": booking.depart_date + timedelta(f.shift_days)})
    # (A day within the trip names it: "pulang tgl 10 bukan tgl 9" refuses its day back.)
    named_off = f.ref_date is not None and not (
        booking.depart_date <= f.ref_date <= booking.return_date
    )
    if named_off and f.return_date and not f.depart_date and f.ref_date:
        # "pak hendra jd sehari aja tgl 2" of his trip on the 8th, picked from the list: the
        # length said from the day named counts from the trip's own day.
        length = f.return_date - f.ref_date
        f = f.model_copy(update={"return_date": booking.depart_date + length})
    same_day = f.depart_date == booking.depart_date
    if same_day:
        # "bu dewi jd jumat kan?" of a trip on Friday: its day, said again, changes nothing.
        f = f.model_copy(update={"depart_date": None})
    if f.depart_date and f.depart_date < ctx.today <= booking.depart_date:
        # "dimajukan 3 hari" two days before the trip: a trip still to come is never moved
        # to a day gone by; the day is asked again.
        raise plans.NeedMore(
            f"{day_label(f.depart_date, ctx.today)} sudah lewat. Pindah ke tanggal berapa?"
        )
    if f.depart_date:
        changes["depart_date"] = f.depart_date
        was = plans.changed_from(day_label(booking.depart_date, ctx.today))
        lines.append(f"• Berangkat: {was}{day_label(f.depart_date, ctx.today)}")
    if f.return_date:
        changes["return_date"] = f.return_date
        was = plans.changed_from(day_label(booking.return_date, ctx.today))
        lines.append(f"• Pulang: {was}{day_label(f.return_date, ctx.today)}")
    elif f.depart_date and booking.return_date > booking.depart_date:
        # "maju sehari": a trip of several days moves whole (bookings.update keeps its
        # length); the day it comes back is shown moving with it.
        back = f.depart_date + (booking.return_date - booking.depart_date)
        was = plans.changed_from(day_label(booking.return_date, ctx.today))
        lines.append(f"• Pulang: {was}{day_label(back, ctx.today)}")
    # "majuin ke tgl 11, jemput tetep jam setengah 6": the time the trip has is no change.
    if f.depart_time and time.fromisoformat(f.depart_time) != booking.pickup_time:
        changes["pickup_time"] = time.fromisoformat(f.depart_time)
        before = clock(booking.pickup_time) if booking.pickup_time else ""
        lines.append(f"• Jam jemput: {plans.changed_from(before)}{clock(f.depart_time)}")
    for name, label in (("route_from", "Dari"), ("route_to", "Tujuan"), ("pickup_place", "Jemput")):
        value = getattr(f, name)
        # "bu dewi yg ke pangandaran ...": the place the trip has already says which trip.
        if value and value.casefold() != (getattr(booking, name) or "").casefold():
            changes[name] = value
            before = as_written(getattr(booking, name) or "")
            lines.append(f"• {label}: {plans.changed_from(before)}{as_written(value)}")
    if f.client_phone and f.client_phone != booking.client_phone:
        # "no hp pak hendra 0812...": the number the driver and the papers will use.
        changes["client_phone"] = f.client_phone
        before = local_phone(booking.client_phone) if booking.client_phone else ""
        lines.append(f"• HP klien: {plans.changed_from(before)}{local_phone(f.client_phone)}")
    if f.passengers:
        changes["passengers"] = f.passengers
        before = f"{booking.passengers}" if booking.passengers else ""
        lines.append(f"• Penumpang: {plans.changed_from(before)}{f.passengers} orang")
    if (f.discount or f.discount_percent) and f.price is None and f.price_per_bus is None:
        require(ctx.actor, Action.READ, Resource.PAYMENT)
        price, line = _discounted(booking, f.discount, f.discount_percent)
        changes["price"] = price
        lines.append(line)
    if f.price is not None or f.price_per_bus is not None:
        require(ctx.actor, Action.READ, Resource.PAYMENT)
        price, each = f.price or 0, ""
        if f.price is None and f.price_per_bus is not None:
            # "harganya jadi 9jt per bus": each of the booking's buses (as changed here).
            buses = f.bus_count or booking.bus_count + (f.added_buses or 0)
            price = f.price_per_bus * buses
            each = f" ({buses} bus × {format_rupiah(f.price_per_bus)})" if buses > 1 else ""
        changes["price"] = price
        was = plans.changed_from(format_rupiah(booking.price) if booking.priced else "")
        lines.append(f"• Harga: {was}{format_rupiah(price)}{each}")
    if f.stops:
        # "nambah mampir batu": the stops join the route before its destination.
        destination = str(changes.get("route_to") or booking.route_to)
        route_to = plans.with_stops(booking.route_from, destination, f.stops)
        if not destination:
            changes["notes"] = "; ".join(n for n in (booking.notes, plans.stops_note(f.stops)) if n)
            lines.append(f"• Catatan: {plans.stops_note(f.stops)}")
        elif route_to != destination:
            changes["route_to"] = route_to
            start = as_written(str(changes.get("route_from") or booking.route_from))
            route = " – ".join(p for p in (start, route_to) if p)
            if f.route_to and destination != booking.route_to:
                # "rute ... diganti jogja - pangandaran - green canyon": the whole route,
                # old and new, in one line instead of its destination and then its stops.
                lines = [line for line in lines if not line.startswith(("• Tujuan:", "• Dari:"))]
                old = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
                lines.append(f"• Rute: {plans.changed_from(as_written(old))}{as_written(route)}")
            else:
                lines.append(f"• Rute: {as_written(route)} (mampir {plans.stops_said(f.stops)})")
    count = f.bus_count or 0
    if count > booking.bus_count and f.bus and not (f.added_buses or f.replaced_bus or f.buses):
        # "nambah jd 2 bus, tambahin bus 03, sopirnya joko": the count grows and a bus the
        # trip does not have is named: it joins the one it has, never takes its place.
        named = targets.named_bus(ctx, f.bus)
        if named.id not in booking.bus_ids():
            f = f.model_copy(update={"added_buses": count - booking.bus_count, "bus_count": None})
    if f.replaced_bus and not (f.bus or f.buses):
        # "bus 03 ga jadi": that bus leaves the trip with its crew, the others stay.
        f, staying = _bus_let_go(ctx, booking, f)
        changes["assignments"] = staying
        lines += plans.crew_lines(ctx, staying, booking.assignments) if staying else []
    elif f.bus_count and f.bus_count < len(booking.assignments) and not (f.bus or f.buses):
        # "jd 2 bus aja" of a trip with three buses chosen: which one goes is asked.
        names = {b.id: b.name for b in ctx.buses}
        held = [names.get(a.bus_id, "") for a in booking.assignments]
        raise plans.NeedMore(
            f"Trip {booking.client_name} sekarang memakai {len(held)} bus "
            f"({', '.join(held)}). Bus mana yang dilepas? Tulis misalnya "
            f"*{held[-1].lower()} ga jadi*."
        )
    if f.added_buses:
        # "nambah 1 bus lg, pake bus 01": the bus named joins those the booking has.
        f = f.model_copy(update={"bus_count": booking.bus_count + f.added_buses})
        if f.bus:
            assignments = crew_plans.added_bus(ctx, booking, f)
            changes["assignments"] = assignments
            added = plans.crew_lines(ctx, assignments[-1:])
            lines += [line.replace("• Bus:", "• Bus tambahan:", 1) for line in added]
    elif f.detail == "no_driver":
        # "sopir sd muhammadiyah dikosongin dulu": the driver off, nobody in his place yet.
        staying = crew_plans.driver_taken_off(ctx, booking, f)
        changes["assignments"] = staying
        lines += plans.crew_lines(ctx, staying, booking.assignments)
    elif f.bus or f.driver or f.kernet:
        f, strangers = crew_plans.strangers_aside(ctx, f, others_said=bool(changes))
        unplaced = [crew_plans.stranger_line(role, name) for role, name in strangers]
        if f.bus or f.driver or f.kernet:
            lines += _crew_changed(ctx, booking, f, changes, strangers, unplaced)
        if unplaced:
            lines.append("• Belum tercatat: " + "; ".join(unplaced))
        given = changes.get("assignments")
        if isinstance(given, list) and len(given) > booking.bus_count and not f.bus_count:
            f = f.model_copy(update={"bus_count": len(given)})
    if f.notes and f.notes not in (booking.notes or ""):
        # "bus 01 ... mogok di secang, radiatornya bocor. tak kirim bus 02 buat gantiin":
        # what happened, kept with the trip beside the swap.
        kept = str(changes.get("notes") or booking.notes or "")
        changes["notes"] = "; ".join(n for n in (kept, f.notes) if n)
        lines.append(f"• Catatan: {f.notes}")
    if f.bus_count and f.bus_count != booking.bus_count:
        changes["bus_count"] = f.bus_count
        assigned = changes.get("assignments")
        placed = len(assigned) if isinstance(assigned, list) else len(booking.assignments)
        open_ = f", {f.bus_count - placed} belum ditentukan" if f.bus_count > placed else ""
        lines.append(f"• Jumlah bus: {booking.bus_count} → {f.bus_count}{open_}")
    undated = f.condition and not (f.depart_date or f.return_date or f.shift_days)
    if undated and not changes:
        # "diundur aja sampe ada kabar": put off with no new day. Nothing is moved or
        # cancelled (a cancellation would cost the client a fee); the day is asked.
        day = day_label(booking.depart_date, ctx.today)
        raise plans.NeedMore(
            f"Trip {booking.client_name} tidak saya batalkan dan tanggalnya belum saya "
            f"ubah: tetap tercatat berangkat {day} sampai ada tanggal baru. Diundur ke tanggal "
            "berapa? Kalau belum tahu, kabari saya nanti begitu tanggalnya sudah pasti."
        )
    if undated:
        # Said with another change: the day stays, and the summary says so.
        day = day_label(booking.depart_date, ctx.today)
        lines.append(f"• Berangkat: tetap {day} sampai ada tanggal baru")
    if not changes and same_day:
        day = day_label(booking.depart_date, ctx.today)
        raise plans.Unchanged(
            f"Trip {booking.client_name} memang berangkat {day}; tidak ada yang diubah.",
            kept=f"trip {booking.client_name} tetap berangkat {day}",
        )
    back_said = re.search(r"\b(?:pulang\w*|plg|balik\w*)\b", ctx.text.lower())
    if not changes and (f.depart_time or f.pickup_place) and not back_said:
        # "PKK besok jemput jam 5.30 di balai desa" of a trip that has just that: said so,
        # never asked what to change.
        said = [f"jam {clock(f.depart_time)}"] if f.depart_time else []
        said += [f"di {as_written(f.pickup_place)}"] if f.pickup_place else []
        trip = f"trip {booking.client_name} ({day_label(booking.depart_date, ctx.today)})"
        raise plans.Unchanged(
            f"Jemputan {trip} memang sudah tercatat {' '.join(said)}. Tidak ada yang diubah.",
            kept=f"jemputan {trip} tetap {' '.join(said)}",
        )
    if not changes:
        raise plans.NeedMore(part_asked(ctx, booking) or WHAT_CHANGES)
    if "passengers" in changes or "assignments" in changes:
        crew = changes.get("assignments")
        assigned = crew if isinstance(crew, list) else list(booking.assignments)
        passengers = f.passengers or booking.passengers
        lines += seats_warning(ctx, passengers, assigned, f.bus_count or booking.bus_count)
        moved_to: object = changes.get("depart_date")
        back_on: object = changes.get("return_date")
        trip_days = booking.days
        if isinstance(moved_to, date):
            end = back_on if isinstance(back_on, date) else moved_to
            trip_days = DateRange(start=moved_to, end=end)
        lines += day_off_warning(ctx, assigned, trip_days)
    update = build(bookings.BookingChanges, **changes)

    def check() -> None:
        bookings.change_booking(ctx.deps, ctx.actor, booking.id, update, dry_run=True)

    def apply() -> str:
        done = bookings.change_booking(
            ctx.deps, ctx.actor, booking.id, update, acknowledge_warnings=True
        )
        # What changed, said again: the person sees what was saved, not only that it was.
        return "\n".join([f"Booking {plans.label(ctx, done)} sudah diubah:", *lines[1:]])

    # What waits is what was proposed: a stranger set aside is not named in its reminders.
    set_aside = {crew_plans.CREW_FIELDS[role]: None for role, _ in strangers}
    proposed = read.model_copy(update=set_aside) if set_aside else None
    return plans.Plan(lambda: "\n".join(lines), check, apply, booking.id, proposed=proposed)


def _buses_traded(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    """ "bus pak hendra sm bu dewi dituker": each trip takes the other's bus, its crew
    kept; both changed together, so two trips of the same day never clash with each other
    over the buses they trade."""
    one = targets.booking_meant(ctx, f, target_id)
    named = f.model_copy(update={"client_name": f.swap_client, "swap_client": None})
    other = targets.booking_meant(ctx, named.model_copy(update={"ref_date": None}), None)
    if other.id == one.id:
        raise InvalidInput("Itu trip yang sama; sebutkan dua trip yang busnya ditukar.")
    for trip in (one, other):
        if len(trip.assignments) != 1:
            have = "belum punya bus" if not trip.assignments else "memakai lebih dari satu bus"
            raise plans.NeedMore(
                f"Trip {trip.client_name} ({day_label(trip.depart_date, ctx.today)}) {have}. "
                "Bus mana yang ditukar dengan bus mana?"
            )
    first, second = one.assignments[0], other.assignments[0]
    if first.bus_id == second.bus_id:
        raise InvalidInput(f"Trip {one.client_name} dan {other.client_name} memakai bus yang sama.")
    traded = [
        (one, first.model_copy(update={"bus_id": second.bus_id})),
        (other, second.model_copy(update={"bus_id": first.bus_id})),
    ]
    names = {b.id: b.name for b in ctx.buses}
    lines = ["Saya akan *menukar bus* dua trip ini:"]
    for trip, seat in traded:
        crew = plans.crew_lines(ctx, [seat])[0].split(names.get(seat.bus_id, ""), 1)[-1]
        lines.append(
            f"• {plans.label(ctx, trip)}: {names.get(trip.assignments[0].bus_id, '')} → "
            f"{names.get(seat.bus_id, '')}{crew}"
        )
    changes = [
        (trip.id, build(bookings.BookingChanges, assignments=[seat])) for trip, seat in traded
    ]

    def check() -> None:
        bookings.change_bookings(ctx.deps, ctx.actor, changes, dry_run=True)

    def apply() -> str:
        bookings.change_bookings(ctx.deps, ctx.actor, changes, acknowledge_warnings=True)
        return "\n".join(["Kedua booking sudah diubah (bus sudah ditukar):", *lines[1:]])

    return plans.Plan(lambda: "\n".join(lines), check, apply, one.id)


def cancel_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    booking = targets.booking_meant(ctx, f, target_id)

    agreed = f.cancellation_fee
    if agreed is None and f.payment_type is PaymentType.REFUND and f.amount:
        # "dp 8jt dibalikin 6jt": what is kept of what was paid is the fee agreed.
        agreed = fee_kept(booking.net_paid, f.amount)
    # "dp hangus": the fee is what was paid, counted by the domain when it is recorded. A
    # fee said in rupiah beside it is the more precise word.
    forfeit = bool(f.dp_forfeited) and agreed is None

    def summary() -> str:
        text = f"Saya akan *membatalkan* booking {plans.label(ctx, booking)}."
        # The PO's policy decides the fee, unless one agreed with the client is said
        # ("potongan 1jt"); what was paid beyond it goes back.
        quote = money.cancellation_quote(ctx.deps, ctx.actor, booking.id, agreed, forfeit=forfeit)
        return f"{text} {quote.sentence()}"

    def check() -> None:
        if agreed is not None:
            money.cancellation_quote(ctx.deps, ctx.actor, booking.id, agreed)  # within the price
        bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.CANCELLED, dry_run=True)

    def apply() -> str:
        done = bookings.set_status(
            ctx.deps,
            ctx.actor,
            booking.id,
            BookingStatus.CANCELLED,
            agreed_fee=agreed,
            forfeit=forfeit,
        )
        freed = " Busnya kembali kosong." if done.bus_ids() else ""
        fee = (
            f" Biaya pembatalan {format_rupiah(done.cancellation_fee)} tercatat."
            if done.cancellation_fee
            else ""
        )
        if done.refund_due:
            fee += (
                f" Refund ke klien {format_rupiah(done.refund_due)}; catat saat uangnya "
                "dikembalikan."
            )
        return f"Booking {plans.label(ctx, done)} sudah dibatalkan.{freed}{fee}"

    return plans.Plan(summary, check, apply, booking.id)


def confirm_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    """ "konfirmasi booking bu lilis": that waiting booking becomes confirmed; never a new one."""
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    try:
        booking = targets.booking_meant(
            ctx, f, target_id, statuses=frozenset({BookingStatus.PENDING})
        )
    except NotFound:
        done = targets.found_in(ctx, f, BookingStatus.CONFIRMED)
        if done is None:
            raise
        raise InvalidInput(f"Booking {plans.label(ctx, done)} sudah terkonfirmasi.") from None
    if booking.status is not BookingStatus.PENDING:
        raise InvalidInput(f"Booking {plans.label(ctx, booking)} sudah {booking.status.label}.")

    # "udh dp 2jt tf mandiri, bookingnya sekalian dikonfirmasi": the payment said with it is
    # recorded by the same yes, first.
    paid = (
        money_plans.record_payment(ctx, f.model_copy(update={"ref_date": None}), booking.id)
        if f.amount
        else None
    )

    def summary() -> str:
        said = f"Saya *konfirmasi* booking {plans.label(ctx, booking)}."
        said += targets.buses_to_assign(booking)
        return f"{paid.summary}\n{said}" if paid else said

    def check() -> None:
        if paid:
            paid.check()
        bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.CONFIRMED, dry_run=True)

    def apply() -> str:
        if paid:
            # The payment confirms the booking by itself (Booking.record_payment).
            said = paid.apply().removesuffix(money_plans.CONFIRMED_BY_PAYMENT)
            return f"{said}\nBooking {plans.label(ctx, booking)} sudah terkonfirmasi."
        done = bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.CONFIRMED)
        return f"Booking {plans.label(ctx, done)} sudah terkonfirmasi."

    return plans.Plan(summary, check, apply, booking.id)


def complete_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.COMPLETE, Resource.BOOKING)
    try:
        booking = targets.booking_meant(ctx, f, target_id, running=True)
    except ClientNotFound:
        _not_to_complete(ctx, f)
        raise
    except (plans.NeedMore, NotFound):
        if ctx.actor.role is Role.DRIVER and f.odometer_km and not (f.client_name or f.ref_date):
            return _reading_alone(ctx, f)
        if ctx.actor.role is Role.DRIVER and not (f.client_name or f.bus or f.ref_date):
            # "pak sy udh sampe pool" with no trip of his on the road: he is thanked, not
            # asked whose booking (there is none of his to finish).
            raise InvalidInput(
                "Terima kasih kabarnya 🙏 Saat ini tidak ada trip Anda yang sedang berjalan, "
                "jadi tidak ada yang saya catat selesai. Kalau yang dimaksud trip lain, "
                "sebutkan nama kliennya."
            ) from None
        raise
    if booking.depart_date > ctx.today:
        # Most likely the wrong booking was meant: a trip still to come is never finished.
        raise InvalidInput(
            f"Perjalanan {plans.label(ctx, booking)} belum berangkat, jadi belum bisa dicatat "
            "selesai. Sebutkan tanggalnya kalau yang dimaksud trip lain."
        )

    # A closing km said with it: the reading of the bus the sender rode (or the trip's one bus).
    one_bus = [b for b in ctx.buses if b.id in booking.bus_ids()]
    ridden = targets.named_bus(ctx, f.bus) if f.bus else fleet_plans.drivers_seat_bus(ctx, booking)
    read = fleet_plans.read_on_the_way(f, ridden or (one_bus[0] if len(one_bus) == 1 else None))

    def check() -> None:
        bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.COMPLETED, dry_run=True)

    def apply() -> str:
        done = bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.COMPLETED)
        km = ""
        if read:
            fleet.record_odometer(ctx.deps, ctx.actor, read[0].id, ctx.today, read[1])
            km = f" Odometer {read[0].name} {format_km(read[1])} juga dicatat."
        return f"Perjalanan {plans.label(ctx, done)} dicatat selesai.{km} Terima kasih!"

    def summary() -> str:
        km = f"\n• Odometer {read[0].name}: {format_km(read[1])}" if read else ""
        return f"Saya catat perjalanan *{plans.label(ctx, booking)}* sudah *selesai*.{km}"

    return plans.Plan(summary, check, apply, booking.id)


_NO_TRIP_RUNNING = (
    "Saat ini tidak ada trip Anda yang sedang berjalan, jadi tidak ada yang saya catat selesai."
)


def _reading_alone(ctx: MessageContext, f: ExtractedFields) -> plans.Plan:
    """ "km akhir 123.450, trip selesai" from a driver with no trip of his under way or back
    today: no trip to finish, but the closing km is kept, as a reading of the bus he names,
    else of his bus (fleet_plans.drivers_bus), else he is asked which bus."""
    if not f.bus and fleet_plans.drivers_bus(ctx) is None:
        raise plans.NeedMore(
            f"{_NO_TRIP_RUNNING} Odometer {format_km(f.odometer_km or 0)} itu dari bus yang "
            "mana? Sebutkan busnya, misalnya: bus 02."
        )
    reading = fleet_plans.record_odometer(ctx, f.model_copy(update={"date": None}), None)

    def summary() -> str:
        return f"{_NO_TRIP_RUNNING} Kilometernya saja yang saya catat.\n{reading.describe()}"

    return plans.Plan(summary, reading.check, reading.apply)


def _not_to_complete(ctx: MessageContext, f: ExtractedFields) -> None:
    """Why no running trip of the client named is there to finish: it is recorded done
    already ("trip bu rina udah selesai" the day after), or, said by a driver, it is none of
    his trips (his own are listed, to name the right one). Returns when neither explains."""
    done = targets.found_in(ctx, f, BookingStatus.COMPLETED)
    if done is not None:
        raise InvalidInput(
            f"Perjalanan {plans.label(ctx, done)} sudah tercatat selesai, jadi tidak ada yang "
            "saya ubah. Terima kasih!"
        )
    if ctx.actor.role is not Role.DRIVER:
        return
    mine = [
        b
        for b in find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today)
        if b.involves(ctx.actor.id)
    ]
    missing = f"Tidak ada trip Anda atas nama {as_written(f.client_name or '')}"
    if not mine:
        raise ClientNotFound(f"{missing}, dan saat ini Anda belum punya trip yang tercatat.")
    lines = "\n".join(f"• {plans.label(ctx, b)}" for b in mine[:3])
    # A trip not yet left is never finished: naming one is asked for only when one has.
    left = any(b.depart_date <= ctx.today for b in mine[:3])
    pick = "\nKalau yang dimaksud salah satunya, sebutkan nama kliennya." if left else ""
    raise ClientNotFound(
        f"{missing}, jadi belum ada yang saya catat selesai. Trip Anda:\n{lines}{pick}"
    )


def waive_cancellation_fee(
    ctx: MessageContext, f: ExtractedFields, target_id: str | None
) -> plans.Plan:
    """The owner lets a cancelled booking's fee go; everything paid becomes the refund."""
    just = targets.just_saved_booking(ctx) if not f.client_name and target_id is None else None
    if just is not None and just.status is BookingStatus.CANCELLED and just.cancellation_fee:
        # "biaya batalnya dibebasin aja" right after the cancellation: that booking's fee.
        target_id = just.id
    if not f.client_name and target_id is None:
        raise plans.NeedMore("Biaya pembatalan booking siapa yang dibebaskan?")
    if target_id is not None:
        booking = targets.booking_meant(ctx, f, target_id)
    else:
        found = [
            b
            for b in bookings_named(ctx, f, frozenset({BookingStatus.CANCELLED}))
            if b.cancellation_fee
        ]
        if not found:
            live = bookings_named(
                ctx, f, frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})
            )
            name = as_written(f.client_name or "")
            if live:
                # The fee of a booking not cancelled yet: cancelling it free is one message.
                raise NotFound(
                    f"Booking {name} belum dibatalkan, jadi belum ada biaya pembatalan. Kalau "
                    f"mau dibatalkan tanpa biaya, kirim: *batal booking {f.client_name}, biaya "
                    "batal dibebaskan*."
                )
            raise NotFound(f"Tidak ada booking {name} yang batal dengan biaya.")
        if len(found) > 1:
            raise Ambiguous(
                f"Ada {len(found)} booking {f.client_name} yang batal. Yang mana?", found[:10]
            )
        booking = found[0]

    def summary() -> str:
        paid = (
            f"Yang sudah dibayar ({format_rupiah(booking.net_paid)}) jadi refund ke klien."
            if booking.net_paid > 0
            else "Belum ada yang dibayar, jadi tidak ada refund."
        )
        return (
            f"Saya *bebaskan* biaya pembatalan {format_rupiah(booking.cancellation_fee or 0)} "
            f"untuk {bookings.describe(booking, ctx.today)}. {paid}"
        )

    def check() -> None:
        money.waive_cancellation_fee(ctx.deps, ctx.actor, booking.id, dry_run=True)

    def apply() -> str:
        done = money.waive_cancellation_fee(ctx.deps, ctx.actor, booking.id)
        if not done.refund_due:
            return f"Biaya pembatalan {booking.client_name} dibebaskan. Tidak ada tagihan lagi."
        return (
            f"Biaya pembatalan {booking.client_name} dibebaskan. Refund ke klien "
            f"{format_rupiah(done.refund_due)}; catat saat uangnya dikembalikan."
        )

    return plans.Plan(summary, check, apply, booking.id)


def _price_said(draft: bookings.BookingDraft, per_day: int | None) -> str:
    """ "Rp750.000 × 3 hari = Rp2.250.000" for a price said per day, while the trip's days
    still make the total; else the total alone."""
    days = ((draft.return_date or draft.depart_date) - draft.depart_date).days + 1
    if per_day and days > 1 and per_day * days == draft.price:
        return f"{format_rupiah(per_day)} × {days} hari = {format_rupiah(draft.price)}"
    return format_rupiah(draft.price)
