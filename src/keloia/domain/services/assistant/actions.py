"""From an understood message to a checked plan: what will be recorded, how to check it
now without writing, and how to apply it once the person says "ya"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.errors import (
    ClientNotFound,
    DomainError,
    InvalidInput,
    NotFound,
    WarningsNotAcknowledged,
)
from keloia.domain.model import clients
from keloia.domain.model import money as money_rules
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import (
    UNPRICED_PAID,
    Booking,
    BookingStatus,
    BusAssignment,
    current_trip,
    fee_kept,
)
from keloia.domain.model.clients import name_key
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    PERSON_DOCUMENTS,
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    MaintenanceType,
)
from keloia.domain.model.intents import CostLine, CrewLine, ExtractedFields, Extraction, Intent
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import (
    PAYMENT_LABELS,
    PaymentType,
    format_rupiah,
    method_label,
)
from keloia.domain.model.permissions import Action, Resource, can, require
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import as_written, day_label, days_label, format_km, local_phone
from keloia.domain.services import bookings, fleet, money, payments
from keloia.domain.services.assistant.choice import Ambiguous as Ambiguous  # re-exported
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized, clock
from keloia.domain.services.assistant.resolve import (
    bookings_named,
    find_bookings,
    find_bus,
    find_driver,
    shown_bookings,
    trips_ran,
)
from keloia.domain.services.validation import build


class NeedMore(DomainError):
    """The message lacks something only the person can say."""


@dataclass
class Plan:
    describe: Callable[[], str]  # "Saya catat sebagai booking baru: ...", only when proposing
    check: Callable[[], None]  # raises what applying would raise; writes nothing
    apply: Callable[[], str]  # writes; returns what to tell the person
    target_id: str | None = None

    @property
    def summary(self) -> str:
        return self.describe()


Builder = Callable[[MessageContext, ExtractedFields, str | None], Plan]


def plan(ctx: MessageContext, extraction: Extraction, target_id: str | None) -> Plan:
    if extraction.crew_of and target_id is None and extraction.intent is Intent.UPDATE_BOOKING:
        # "kernet joko slamet": the trip is the one Joko is on, Joko's place unchanged.
        target_id = _trip_of_crewmate(ctx, extraction.fields, extraction.crew_of)
    return BUILDERS[extraction.intent](ctx, extraction.fields, target_id)


# --- schedule ----------------------------------------------------------------------------


def _create_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.CREATE, Resource.BOOKING)
    if not f.client_name:
        raise NeedMore("Booking ini atas nama siapa?")
    if not f.depart_date:
        raise NeedMore(f"Berangkatnya tanggal berapa untuk {as_written(f.client_name)}?")
    assignments, unplaced = _assignments(ctx, f)
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
    route_to = _with_stops(f.route_from or "", f.route_to or "", f.stops)
    if f.stops and not f.route_to:
        notes.append(_stops_note(f.stops))  # no destination to stop on the way to
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
    method = f" ({method_label(f.method)})" if f.method else ""

    def summary() -> str:
        lines = ["Saya catat sebagai *booking baru*:", f"• Klien: {draft.client_name}"]
        lines += _trip_lines(
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
            lines += _crew_lines(ctx, assignments)
        if wanted and wanted > 1 and assignments and missing > 0:
            # Every bus named has its line: the count is said only when some are still open.
            lines.append(f"• Jumlah: {wanted} bus, {missing} lagi belum ditentukan")
        lines += _said(
            ("HP klien", draft.client_phone and local_phone(draft.client_phone)),
            ("Penumpang", draft.passengers and f"{draft.passengers} orang"),
            ("Jemput", draft.pickup_place),
            ("Harga", draft.price and format_rupiah(draft.price)),
        )
        if promised:
            lines.append(
                f"• DP {format_rupiah(promised)} baru dijanjikan: belum dicatat, "
                "catat saat uangnya sudah masuk."
            )
        elif f.dp_amount:
            may_record = can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
            if dp and may_record:
                lines.append(f"• DP: {format_rupiah(dp)}{method}")
            elif dp is None:
                lines.append("• DP tidak dicatat: melebihi harga.")
        if draft.notes:
            lines.append(f"• Catatan: {draft.notes}")
        if unplaced:
            lines.append("• Belum tercatat: " + "; ".join(unplaced))
        lines += [f"⚠️ {b.name} hanya {b.seats} kursi, kurang dari yang diminta." for b in too_small]
        return "\n".join(lines)

    def check() -> None:
        bookings.create_booking(ctx.deps, ctx.actor, draft, dry_run=True)

    def apply() -> str:
        booking = bookings.create_booking(ctx.deps, ctx.actor, draft, acknowledge_warnings=True)
        made.target_id = booking.id  # "sopirnya ganti pak joko" next is about this one
        done = f"Booking {_label(ctx, booking)} sudah dicatat."
        if dp and can(ctx.actor.role, Action.CREATE, Resource.PAYMENT):
            payments.record_payment(
                ctx.deps,
                ctx.actor,
                payments.PaymentDraft(
                    booking_id=booking.id, type=PaymentType.DP, amount=dp, method=f.method
                ),
            )
            left = f", sisa {format_rupiah(draft.price - dp)}" if draft.price else ""
            done += f" DP {format_rupiah(dp)} tercatat{left}."
        done += _buses_to_assign(booking)
        if not booking.priced:
            done += (
                " Harganya belum dicatat; kalau sudah sepakat, kirim misalnya "
                f"*harga {booking.client_name} 15jt*."
            )
        return done

    made = Plan(summary, check, apply)
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


def _was(before: str) -> str:
    """ "Rp6.500.000 → ": what a change replaces, so the person can check it was the one
    meant; nothing when there was none."""
    return f"{before} → " if before else ""


WHAT_CHANGES = "Apa yang mau diubah dari booking itu? (tanggal, jam, bus, sopir, harga, HP klien)"


def _update_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    booking = _target(ctx, f, target_id, bus_given=True)
    changes: dict[str, object] = {}
    lines = [f"Saya akan mengubah booking *{_label(ctx, booking)}*:"]
    if f.shift_days and not f.depart_date:
        # "diundur 2 hari": counted from the day the trip has.
        f = f.model_copy(update={"depart_date": booking.depart_date + timedelta(f.shift_days)})
    same_day = f.depart_date == booking.depart_date
    if same_day:
        # "bu dewi jd jumat kan?" of a trip on Friday: its day, said again, changes nothing.
        f = f.model_copy(update={"depart_date": None})
    if f.depart_date and f.depart_date < ctx.today <= booking.depart_date:
        # "dimajukan 3 hari" two days before the trip: a trip still to come is never moved
        # to a day gone by; the day is asked again.
        raise NeedMore(
            f"{day_label(f.depart_date, ctx.today)} sudah lewat. Pindah ke tanggal berapa?"
        )
    if f.depart_date:
        changes["depart_date"] = f.depart_date
        was = _was(day_label(booking.depart_date, ctx.today))
        lines.append(f"• Berangkat: {was}{day_label(f.depart_date, ctx.today)}")
    if f.return_date:
        changes["return_date"] = f.return_date
        was = _was(day_label(booking.return_date, ctx.today))
        lines.append(f"• Pulang: {was}{day_label(f.return_date, ctx.today)}")
    elif f.depart_date and booking.return_date > booking.depart_date:
        # "maju sehari": a trip of several days moves whole (bookings.update keeps its
        # length); the day it comes back is shown moving with it.
        back = f.depart_date + (booking.return_date - booking.depart_date)
        was = _was(day_label(booking.return_date, ctx.today))
        lines.append(f"• Pulang: {was}{day_label(back, ctx.today)}")
    # "majuin ke tgl 11, jemput tetep jam setengah 6": the time the trip has is no change.
    if f.depart_time and time.fromisoformat(f.depart_time) != booking.pickup_time:
        changes["pickup_time"] = time.fromisoformat(f.depart_time)
        before = clock(booking.pickup_time) if booking.pickup_time else ""
        lines.append(f"• Jam jemput: {_was(before)}{clock(f.depart_time)}")
    for name, label in (("route_from", "Dari"), ("route_to", "Tujuan"), ("pickup_place", "Jemput")):
        value = getattr(f, name)
        # "bu dewi yg ke pangandaran ...": the place the trip has already says which trip.
        if value and value.casefold() != (getattr(booking, name) or "").casefold():
            changes[name] = value
            before = as_written(getattr(booking, name) or "")
            lines.append(f"• {label}: {_was(before)}{as_written(value)}")
    if f.client_phone and f.client_phone != booking.client_phone:
        # "no hp pak hendra 0812...": the number the driver and the papers will use.
        changes["client_phone"] = f.client_phone
        before = local_phone(booking.client_phone) if booking.client_phone else ""
        lines.append(f"• HP klien: {_was(before)}{local_phone(f.client_phone)}")
    if f.passengers:
        changes["passengers"] = f.passengers
        before = f"{booking.passengers}" if booking.passengers else ""
        lines.append(f"• Penumpang: {_was(before)}{f.passengers} orang")
    if f.price is not None or f.price_per_bus is not None:
        require(ctx.actor, Action.READ, Resource.PAYMENT)
        price, each = f.price or 0, ""
        if f.price is None and f.price_per_bus is not None:
            # "harganya jadi 9jt per bus": each of the booking's buses (as changed here).
            buses = f.bus_count or booking.bus_count
            price = f.price_per_bus * buses
            each = f" ({buses} bus × {format_rupiah(f.price_per_bus)})" if buses > 1 else ""
        changes["price"] = price
        was = _was(format_rupiah(booking.price) if booking.priced else "")
        lines.append(f"• Harga: {was}{format_rupiah(price)}{each}")
    if f.stops:
        # "nambah mampir batu": the stops join the route before its destination.
        destination = str(changes.get("route_to") or booking.route_to)
        route_to = _with_stops(booking.route_from, destination, f.stops)
        if not destination:
            changes["notes"] = "; ".join(n for n in (booking.notes, _stops_note(f.stops)) if n)
            lines.append(f"• Catatan: {_stops_note(f.stops)}")
        elif route_to != destination:
            changes["route_to"] = route_to
            start = as_written(str(changes.get("route_from") or booking.route_from))
            route = " – ".join(p for p in (start, route_to) if p)
            if f.route_to and destination != booking.route_to:
                # "rute ... diganti jogja - pangandaran - green canyon": the whole route,
                # old and new, in one line instead of its destination and then its stops.
                lines = [line for line in lines if not line.startswith(("• Tujuan:", "• Dari:"))]
                old = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
                lines.append(f"• Rute: {_was(as_written(old))}{as_written(route)}")
            else:
                lines.append(f"• Rute: {as_written(route)} (mampir {_stops_said(f.stops)})")
    if f.added_buses:
        # "nambah 1 bus lg, pake bus 01": the bus named joins those the booking has.
        f = f.model_copy(update={"bus_count": booking.bus_count + f.added_buses})
        if f.bus:
            assignments = _added_bus(ctx, booking, f)
            changes["assignments"] = assignments
            added = _crew_lines(ctx, assignments[-1:])
            lines += [line.replace("• Bus:", "• Bus tambahan:", 1) for line in added]
    elif f.bus or f.driver or f.kernet:
        f, unplaced = _crew_in_order(ctx, booking, f)
        assignments = _reassign(ctx, booking, f)
        if assignments == list(booking.assignments) and not unplaced and not changes:
            # "sopir besok joko sm wahyu" of a trip they already ride: said so, nothing
            # proposed that would change nothing.
            crew_now = "; ".join(
                line.removeprefix("• Bus: ") for line in _crew_lines(ctx, assignments)
            )
            raise InvalidInput(
                f"Trip {booking.client_name} ({day_label(booking.depart_date, ctx.today)}) "
                f"sudah tercatat begitu: {crew_now}. Tidak ada yang diubah."
            )
        changes["assignments"] = assignments
        lines += _crew_lines(ctx, assignments, booking.assignments)
        if unplaced:
            lines.append("• Belum tercatat: " + "; ".join(unplaced))
        if len(assignments) > booking.bus_count and not f.bus_count:
            f = f.model_copy(update={"bus_count": len(assignments)})
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
        raise NeedMore(
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
        raise InvalidInput(
            f"Trip {booking.client_name} memang berangkat {day}; tidak ada yang diubah."
        )
    if not changes:
        raise NeedMore(WHAT_CHANGES)
    update = build(bookings.BookingChanges, **changes)

    def check() -> None:
        bookings.change_booking(ctx.deps, ctx.actor, booking.id, update, dry_run=True)

    def apply() -> str:
        done = bookings.change_booking(
            ctx.deps, ctx.actor, booking.id, update, acknowledge_warnings=True
        )
        # What changed, said again: the person sees what was saved, not only that it was.
        return "\n".join([f"Booking {_label(ctx, done)} sudah diubah:", *lines[1:]])

    return Plan(lambda: "\n".join(lines), check, apply, booking.id)


def _cancel_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    booking = _target(ctx, f, target_id)

    agreed = f.cancellation_fee
    if agreed is None and f.payment_type is PaymentType.REFUND and f.amount:
        # "dp 8jt dibalikin 6jt": what is kept of what was paid is the fee agreed.
        agreed = fee_kept(booking.net_paid, f.amount)
    # "dp hangus": the fee is what was paid, counted by the domain when it is recorded. A
    # fee said in rupiah beside it is the more precise word.
    forfeit = bool(f.dp_forfeited) and agreed is None

    def summary() -> str:
        text = f"Saya akan *membatalkan* booking {_label(ctx, booking)}."
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
        return f"Booking {_label(ctx, done)} sudah dibatalkan.{freed}{fee}"

    return Plan(summary, check, apply, booking.id)


def _confirm_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """ "konfirmasi booking bu lilis": that waiting booking becomes confirmed; never a new one."""
    require(ctx.actor, Action.UPDATE, Resource.BOOKING)
    try:
        booking = _target(ctx, f, target_id, statuses=frozenset({BookingStatus.PENDING}))
    except NotFound:
        done = _found_in(ctx, f, BookingStatus.CONFIRMED)
        if done is None:
            raise
        raise InvalidInput(f"Booking {_label(ctx, done)} sudah terkonfirmasi.") from None
    if booking.status is not BookingStatus.PENDING:
        raise InvalidInput(f"Booking {_label(ctx, booking)} sudah {booking.status.label}.")

    # "udh dp 2jt tf mandiri, bookingnya sekalian dikonfirmasi": the payment said with it is
    # recorded by the same yes, first.
    paid = (
        _record_payment(ctx, f.model_copy(update={"ref_date": None}), booking.id)
        if f.amount
        else None
    )

    def summary() -> str:
        said = f"Saya *konfirmasi* booking {_label(ctx, booking)}.{_buses_to_assign(booking)}"
        return f"{paid.summary}\n{said}" if paid else said

    def check() -> None:
        if paid:
            paid.check()
        bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.CONFIRMED, dry_run=True)

    def apply() -> str:
        first = f"{paid.apply()}\n" if paid else ""
        done = bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.CONFIRMED)
        return f"{first}Booking {_label(ctx, done)} sudah terkonfirmasi."

    return Plan(summary, check, apply, booking.id)


def _complete_booking(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.COMPLETE, Resource.BOOKING)
    booking = _target(ctx, f, target_id, running=True)
    if booking.depart_date > ctx.today:
        # Most likely the wrong booking was meant: a trip still to come is never finished.
        raise InvalidInput(
            f"Perjalanan {_label(ctx, booking)} belum berangkat, jadi belum bisa dicatat "
            "selesai. Sebutkan tanggalnya kalau yang dimaksud trip lain."
        )

    # A closing km said with it: the reading of the bus the sender rode (or the trip's one bus).
    one_bus = [b for b in ctx.buses if b.id in booking.bus_ids()]
    ridden = _bus(ctx, f.bus) if f.bus else _drivers_seat_bus(ctx, booking)
    read = _read_on_the_way(f, ridden or (one_bus[0] if len(one_bus) == 1 else None))

    def check() -> None:
        bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.COMPLETED, dry_run=True)

    def apply() -> str:
        done = bookings.set_status(ctx.deps, ctx.actor, booking.id, BookingStatus.COMPLETED)
        km = ""
        if read:
            fleet.record_odometer(ctx.deps, ctx.actor, read[0].id, ctx.today, read[1])
            km = f" Odometer {read[0].name} {format_km(read[1])} juga dicatat."
        return f"Perjalanan {_label(ctx, done)} dicatat selesai.{km} Terima kasih!"

    def summary() -> str:
        km = f"\n• Odometer {read[0].name}: {format_km(read[1])}" if read else ""
        return f"Saya catat perjalanan *{_label(ctx, booking)}* sudah *selesai*.{km}"

    return Plan(summary, check, apply, booking.id)


# --- money -------------------------------------------------------------------------------


def _record_payment(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.CREATE, Resource.PAYMENT)
    # "pak hendra lunas hr ini, cash": paid off without the amount typed.
    paid_off = not f.amount and f.payment_type is PaymentType.PELUNASAN
    if not f.amount and not paid_off:
        raise NeedMore("Berapa jumlah pembayarannya?")
    booking = _target(ctx, f, target_id, paying=True, kind=f.payment_type)
    amount = f.amount or 0
    if paid_off:
        # What is still owed is what is paid off (shown before any "ya").
        amount = booking.outstanding
        if booking.is_live and not booking.priced:
            raise InvalidInput(
                f"Harga booking {_label(ctx, booking)} belum dicatat, jadi sisanya belum "
                "bisa dihitung. Sebutkan jumlah yang dibayar, atau catat harganya dulu."
            )
        if booking.status is BookingStatus.CANCELLED or amount <= 0:
            raise InvalidInput(
                f"Booking {_label(ctx, booking)} tidak punya sisa tagihan untuk dilunasi."
            )
    paid_on = f.paid_date or ctx.today
    # "lunas 20jt" with no price recorded: a payment towards the price, not a pay-off.
    unknown_settle = money_rules.settles_unknown(booking, f.payment_type)
    kind = (PaymentType.DP if unknown_settle else f.payment_type) or money_rules.payment_kind(
        booking, amount, paid_on, booking.settlement_due(ctx.tenant.settings)
    )
    cancelled = booking.status is BookingStatus.CANCELLED
    refund = kind is PaymentType.REFUND
    # More than is owed, on a live booking: shown as kelebihan bayar, recorded as such
    # only on a "ya" to that summary (never silently).
    over = not refund and not cancelled and booking.priced and amount > max(booking.outstanding, 0)
    draft = build(
        payments.PaymentDraft,
        booking_id=booking.id,
        type=kind,
        amount=amount,
        method=f.method,
        paid_date=paid_on,
        overpayment=over,
    )
    after = booking.outstanding + (amount if refund else -amount)
    # What is left after it: of a cancelled booking, the money still owed back.
    left = ("Sisa tagihan", max(after, 0))
    if not booking.priced and not cancelled:
        left = (UNPRICED_PAID, -after)  # with no price, -after is what will have been paid
    if cancelled:
        left = ("Sisa refund", max(booking.refund_due - amount, 0))
    # Pelunasan that leaves a balance pays the trip off in part: said so.
    what = "pembayaran" if unknown_settle else PAYMENT_LABELS[kind]
    if kind is PaymentType.PELUNASAN and after > 0 and not cancelled:
        what += " sebagian"

    def summary() -> str:
        status = " (sudah dibatalkan)" if cancelled else ""
        day = day_label(draft.paid_date or ctx.today, ctx.today)
        lines = [
            f"Saya catat *{what} {format_rupiah(amount)}* untuk booking "
            f"{_label(ctx, booking)}{status}:",
            f"• {'Tanggal refund' if refund else 'Tanggal bayar'}: {day}",
        ]
        if f.method:
            lines.append(f"• Lewat: {method_label(f.method)}")
        if left[0] == UNPRICED_PAID:
            lines.append(
                f"• Sudah dibayar setelah ini: {format_rupiah(left[1])} (harganya belum dicatat)"
            )
        else:
            lines.append(f"• {left[0]} setelah ini: {format_rupiah(left[1])}")
        if unknown_settle:
            lines.append(
                "⚠️ Harga booking ini belum dicatat, jadi belum bisa dipastikan lunas: saya "
                "catat sebagai pembayaran (DP) dulu. Kalau harganya sudah sepakat, kirim "
                f"misalnya *harga {booking.client_name} 15jt*."
            )
        if over:
            lines.append(
                f"⚠️ Melebihi sisa tagihan {format_rupiah(max(booking.outstanding, 0))}: "
                f"kelebihan {format_rupiah(-after)} dicatat sebagai lebih bayar. Kalau "
                "jumlahnya salah, tulis jumlah yang benar."
            )
        if refund and not cancelled and booking.outstanding >= 0:
            lines.append(
                f"⚠️ {booking.client_name} tidak kelebihan bayar: setelah refund ini tagihannya "
                f"jadi {format_rupiah(after)}. Kalau harganya turun, ubah harganya dulu."
            )
        if cancelled and refund and amount > booking.refund_due:
            lines.append(
                f"⚠️ Menurut kebijakan pembatalan, yang perlu dikembalikan "
                f"{format_rupiah(booking.refund_due)} (biaya pembatalan "
                f"{format_rupiah(booking.cancellation_fee or 0)}); refund ini lebih dari itu."
            )
        return "\n".join(lines)

    def check() -> None:
        payments.record_payment(ctx.deps, ctx.actor, draft, dry_run=True)

    def apply() -> str:
        payments.record_payment(ctx.deps, ctx.actor, draft)
        return (
            f"{capitalized(what)} {format_rupiah(amount)} "
            f"{'ke' if refund else 'dari'} {booking.client_name} sudah dicatat. "
            f"{left[0]} {format_rupiah(left[1])}."
        )

    return Plan(summary, check, apply, booking.id)


# --- assets ------------------------------------------------------------------------------


def _log_maintenance(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.CREATE, Resource.MAINTENANCE)
    # Said without a bus, a repair is of the problem this person just reported ("ac nya
    # mati" ... "udh dibenerin 350rb"), else a driver's "tambal ban 75rb" on the road is
    # the bus he drives.
    reported = ctx.conversation.live_reported(ctx.deps.clock.now()) if not f.bus else None
    if reported is not None and (bus_of := _fleet_bus(ctx, reported.bus_id)) is not None:
        bus = bus_of
        kind = f.maintenance_type or reported.maintenance_type or MaintenanceType.OTHER
    else:
        bus = _bus(ctx, f.bus or (own.name if (own := drivers_bus(ctx)) else None))
        kind = f.maintenance_type or MaintenanceType.OTHER
    draft = build(
        fleet.MaintenanceDraft,
        bus_id=bus.id,
        type=kind,
        performed_date=f.performed_date or ctx.today,
        cost=f.cost or 0,
        description=f.description or "",
        next_due_date=f.next_due_date,
        odometer_km=f.odometer_km,
    )
    # "bus 05 udh keluar bengkel, ganti kampas rem 1,8jt": the repair, and the bus back in
    # service with it (one "ya"), when it is in the workshop now.
    back = f.bus_status is BusStatus.AVAILABLE and bus.in_workshop(DateRange.single(ctx.today))
    ready = BusStatus.AVAILABLE.label
    # "bus 04 masuk bengkel hr ini smp tgl 2, ganti kampas rem 1,2jt": the repair, and the
    # stay in the workshop those days with it (one "ya").
    stay = (
        _workshop_stay(ctx, bus, f.date or ctx.today, f.date_to, kind.label)
        if f.bus_status is BusStatus.MAINTENANCE
        else None
    )

    def summary() -> str:
        lines = [
            f"Saya catat perawatan *{bus.name}*: {kind.label}",
            f"• Tanggal: {day_label(draft.performed_date or ctx.today, ctx.today)}",
        ]
        lines += _said(
            ("Biaya", f.cost and format_rupiah(f.cost)),
            ("Keterangan", f.description),
            ("Berikutnya", f.next_due_date and day_label(f.next_due_date, ctx.today)),
            ("Odometer", None if f.odometer_km is None else format_km(f.odometer_km)),
            ("Status bus", f"keluar bengkel, jadi *{ready}*" if back else None),
        )
        if stay is not None:
            lines.append("\n" + stay.summary)
        return "\n".join(lines)

    def check() -> None:
        if stay is not None:
            stay.check()
        fleet.log_maintenance(ctx.deps, ctx.actor, draft, back_in_service=back, dry_run=True)

    def apply() -> str:
        kept = stay.apply() + "\n" if stay is not None else ""
        fleet.log_maintenance(ctx.deps, ctx.actor, draft, back_in_service=back)
        done = f"{kept}Perawatan {bus.name} ({kind.label}) sudah dicatat."
        if back:
            done += f" {bus.name} sekarang {ready}."
        return done

    return Plan(summary, check, apply)


def _update_bus_status(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    bus = _bus(ctx, f.bus)
    if f.bus_status is None:
        raise NeedMore(f"{bus.name} statusnya mau diubah jadi apa? (siap jalan / di bengkel)")
    status = f.bus_status
    if status is BusStatus.MAINTENANCE and (f.date or f.date_to):
        return _workshop_stay(ctx, bus, f.date or ctx.today, f.date_to, f.notes or "")
    # Into the workshop until reported out: the trips already on the bus are named, so
    # none is left on a bus that may not be back in time.
    ahead = (
        fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, ctx.today, None, dry_run=True).clashes
        if status is BusStatus.MAINTENANCE
        else []
    )

    note = f.notes or "" if status is BusStatus.MAINTENANCE else ""

    def summary() -> str:
        said = f"Saya akan mengubah status *{bus.name}* menjadi *{status.label}*."
        if note:
            said += f"\n• Keterangan: {note}"
        if ahead:
            trips = "; ".join(_label(ctx, b) for b in ahead[:3])
            more = f" dan {len(ahead) - 3} trip lain" if len(ahead) > 3 else ""
            said += (
                f"\n⚠️ {bus.name} sudah terjadwal untuk {trips}{more}. Kalau belum keluar "
                "bengkel saat itu, ganti busnya."
            )
        return said

    def check() -> None:
        fleet.set_bus_status(ctx.deps, ctx.actor, bus.id, status, note=note, dry_run=True)

    def apply() -> str:
        fleet.set_bus_status(ctx.deps, ctx.actor, bus.id, status, note=note)
        return f"Status {bus.name} sekarang: {status.label}."

    return Plan(summary, check, apply)


def _workshop_stay(
    ctx: MessageContext, bus: Bus, start: date, until: date | None, note: str
) -> Plan:
    """ "bus 02 masuk bengkel mulai tgl 3 sampe tgl 5": the stay, the trips already on the
    bus those days named, and the buses free to take them."""
    stay = fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, start, until, dry_run=True)
    first = stay.days.start
    when = (
        f"mulai {day_label(first, ctx.today)} sampai dilaporkan keluar"
        if stay.open_ended
        else days_label(first, stay.days.end, ctx.today)
    )

    def summary() -> str:
        lines = [f"Saya catat *{bus.name} di bengkel* {when}; tidak bisa dipakai trip."]
        if note:
            lines.append(f"• Keterangan: {note}")
        example = ""
        for booking in stay.clashes:
            days = DateRange(
                start=max(booking.depart_date, first), end=min(booking.return_date, stay.days.end)
            )
            free = [b.name for b in fleet.available_buses(ctx.deps, ctx.actor, days)]
            lines.append(
                f"⚠️ Bentrok: {_label(ctx, booking)} pakai {bus.name}. Bus kosong saat itu: "
                + (", ".join(free) if free else "tidak ada")
                + "."
            )
            if free and not example:
                example = f"*bus {booking.client_name.lower()} ganti {free[0].lower()}*"
        if example:
            lines.append(f"Sesudah ini ganti busnya, misalnya: {example}.")
        return "\n".join(lines)

    def check() -> None:
        fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, start, until, note=note, dry_run=True)

    def apply() -> str:
        done = fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, start, until, note=note)
        moved = (
            f" {len(done.clashes)} trip masih pakai {bus.name}; ganti busnya."
            if done.clashes
            else ""
        )
        why = f" ({note})" if note else ""
        return f"{bus.name} dicatat di bengkel {when}{why}.{moved}"

    return Plan(summary, check, apply)


def _add_bus(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """ "tambah bus baru AB 1234 XY, 45 seat, nama Srikandi": the owner sets up the fleet."""
    require(ctx.actor, Action.CREATE, Resource.BUS)
    if not f.bus:
        plate = f" {f.plate}" if f.plate else ""
        raise NeedMore(f"Bus baru{plate} mau diberi nama apa? Misalnya: *nama Srikandi*.")
    draft = fleet.BusDraft(
        name=f.bus, plate=f.plate or "", seats=f.seats, bus_class=f.bus_class or ""
    )

    def summary() -> str:
        said = (
            ("Nama", draft.name),
            ("Plat", draft.plate.upper()),
            ("Kursi", draft.seats),
            ("Kelas", draft.bus_class),
        )
        lines = ["Saya tambahkan *bus baru* ke armada:"]
        lines += [f"• {label}: {value}" for label, value in said if value]
        missing = [
            w for w, v in (("plat nomor", draft.plate), ("jumlah kursi", draft.seats)) if not v
        ]
        if missing:
            lines.append("• Belum disebut: " + " dan ".join(missing))
        return "\n".join(lines)

    def check() -> None:
        fleet.add_buses(ctx.deps, ctx.actor, [draft], dry_run=True)

    def apply() -> str:
        [bus] = fleet.add_buses(ctx.deps, ctx.actor, [draft])
        return (
            f"{bus.name} sudah masuk armada. Catat KIR dan STNK-nya lewat chat, misalnya: "
            f"*KIR {bus.name} habis 20 Desember*."
        )

    return Plan(summary, check, apply)


def _record_odometer(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.CREATE, Resource.MAINTENANCE)
    # "km skrg 128.400" from a driver: the bus he drives today.
    bus = _bus(ctx, f.bus) if f.bus or (mine := drivers_bus(ctx)) is None else mine
    if f.odometer_km is None:
        raise NeedMore(f"Berapa km odometer {bus.name} sekarang?")
    km = f.odometer_km
    day = f.date or ctx.today

    def check() -> None:
        fleet.check_odometer(bus, km)

    def apply() -> str:
        fleet.record_odometer(ctx.deps, ctx.actor, bus.id, day, km)
        return f"Odometer {bus.name} {format_km(km)} sudah dicatat. Terima kasih!"

    return Plan(
        lambda: (
            f"Saya catat odometer *{bus.name}*: *{format_km(km)}* ({day_label(day, ctx.today)})."
        ),
        check,
        apply,
    )


def _record_document(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """ "KIR bus 03 habis 20 Desember": a bus's or a driver's paper and when it expires; an
    existing paper of that kind is renewed rather than doubled. Several papers said in one
    message ("stnk srikandi smp 20 nov 2028, asuransinya smp 1 jan 2028") are one proposal."""
    require(ctx.actor, Action.CREATE, Resource.DOCUMENT)
    said: list[tuple[DocumentKind | None, date | None, str | None, str | None]] = [
        (d.document_kind, d.date, d.bus, d.driver) for d in f.documents or []
    ]
    papers = [_paper(ctx, *paper) for paper in said or [(f.document_kind, f.date, f.bus, f.driver)]]

    def summary() -> str:
        if len(papers) == 1:
            return f"Saya catat {papers[0].said()}."
        return "Saya catat:\n" + "\n".join(f"• {p.said()}" for p in papers)

    def check() -> None:
        # "kir bus 02 udah diperpanjang sampai 5 jan 2027" while it runs to 29 Jan 2027: a
        # renewal that ends sooner is most likely a day or year misread or mistyped.
        sooner = [p.sooner() for p in papers if p.sooner()]
        if sooner:
            raise WarningsNotAcknowledged(" ".join(sooner), sooner)

    def apply() -> str:
        for paper in papers:
            paper.save()
        return "\n".join(p.saved() for p in papers)

    return Plan(summary, check, apply)


@dataclass(frozen=True)
class _Paper:
    """One paper to record: its kind, holder and expiry, and the one it renews."""

    ctx: MessageContext
    kind: DocumentKind
    expires: date
    bus_id: str | None
    user_id: str | None
    holder: str
    existing: Document | None

    @property
    def label(self) -> str:
        return capitalized(f"{self.kind.label} {self.holder}")

    def said(self) -> str:
        text = f"*{self.label}* berlaku sampai *{day_label(self.expires, self.ctx.today)}*"
        if self.existing:
            text += f" (sebelumnya {day_label(self.existing.expires_on, self.ctx.today)})"
        return text

    def sooner(self) -> str:
        """The warning for a renewal that ends before the paper already recorded does."""
        if self.existing is None or self.expires >= self.existing.expires_on:
            return ""
        before = day_label(self.existing.expires_on, self.ctx.today)
        return (
            f"Tanggal baru ini lebih awal dari masa berlaku {self.label} yang tercatat "
            f"({before}). Pastikan tanggalnya benar."
        )

    def save(self) -> None:
        deps, actor = self.ctx.deps, self.ctx.actor
        if self.existing:
            fleet.renew_document(deps, actor, self.existing.id, self.expires)
        else:
            fleet.add_document(
                deps, actor, self.kind, self.expires, bus_id=self.bus_id, user_id=self.user_id
            )

    def saved(self) -> str:
        until = day_label(self.expires, self.ctx.today)
        return f"{self.label} berlaku sampai {until} sudah dicatat."


def _paper(
    ctx: MessageContext,
    kind: DocumentKind | None,
    expires: date | None,
    bus_named: str | None,
    driver: str | None,
) -> _Paper:
    if kind is None:
        raise NeedMore("Dokumen apa? (KIR, STNK, izin trayek, asuransi, SIM)")
    if expires is None:
        raise NeedMore(f"{kind.label} berlaku sampai tanggal berapa?")
    bus_id = user_id = None
    if kind in PERSON_DOCUMENTS:
        if not driver:
            raise NeedMore(f"{kind.label} milik siapa?")
        person = _driver(ctx, driver)
        user_id, holder = person.id, person.name
    else:
        if not bus_named:
            raise NeedMore(f"{kind.label} bus yang mana?")
        bus = _bus(ctx, bus_named)
        bus_id, holder = bus.id, bus.name
    existing = [
        d
        for d in ctx.uow.documents.all(ctx.actor.tenant_id)
        if d.kind is kind and d.bus_id == bus_id and d.user_id == user_id
    ]
    return _Paper(ctx, kind, expires, bus_id, user_id, holder, existing[0] if existing else None)


# --- helpers -----------------------------------------------------------------------------


def _bus(ctx: MessageContext, named: str | None) -> Bus:
    if not named:
        raise NeedMore("Bus yang mana?")
    bus = find_bus(ctx.buses, named)
    if bus is None:
        fleet_names = ", ".join(b.name for b in ctx.buses) or "belum ada bus terdaftar"
        raise NotFound(f'Bus "{named}" tidak ada di armada. Armada Anda: {fleet_names}.')
    return bus


def _driver(ctx: MessageContext, named: str) -> User:
    driver = find_driver(ctx.team, named)
    if driver is None:
        raise NotFound(f'Sopir "{named}" belum terdaftar. Undang dulu lewat pemilik.')
    return driver


def _buses_named(f: ExtractedFields) -> list[str]:
    return [*(f.buses or ([f.bus] if f.bus else [])), *(c.bus for c in f.crew or () if c.bus)]


def _assignments(ctx: MessageContext, f: ExtractedFields) -> tuple[list[BusAssignment], list[str]]:
    """The buses named, each with its crew: the crew said for it ("bus 01 sopir joko, bus 02
    sopir wahyu"), else the driver and kernet on the first; what cannot be placed (a person
    not in the team, crew without a bus) is returned to be shown as "Belum tercatat"."""
    unplaced: list[str] = []
    names = _buses_named(f)
    if f.crew:
        # Crew named before its bus goes to the buses no line names, in order.
        free = [n for n in dict.fromkeys(names) if all(n != line.bus for line in f.crew)]
        waiting = iter(free)
        lines = [(line.bus or next(waiting, ""), line.driver, line.kernet) for line in f.crew]
        for bus_named, driver_named, kernet_named in lines:
            if not bus_named and len(set(names)) > 1:
                # "bus 02 sama bus 04. supir joko sm slamet. kernet wahyu": every bus has
                # crew said for it and one person is left; which bus is asked, not guessed.
                who = f"Sopir {driver_named}" if driver_named else f"Kernet {kernet_named}"
                raise NeedMore(f"{who} di bus yang mana?")
    else:
        lines = [(names[0] if names else "", f.driver, f.kernet)]
    crew: dict[str, tuple[User | None, User | None]] = {}
    busless: list[str] = []
    for bus_named, driver_named, kernet_named in lines:
        driver = _crew(ctx, driver_named, "sopir", unplaced)
        kernet = _crew(ctx, kernet_named, "kernet", unplaced)
        if not bus_named:
            busless += [f"{r} {p.name}" for p, r in ((driver, "sopir"), (kernet, "kernet")) if p]
            continue
        crew[_bus(ctx, bus_named).id] = (driver, kernet if kernet != driver else None)
    if busless:
        unplaced.append(f"{', '.join(busless)} (busnya belum ditentukan)")
    assignments: list[BusAssignment] = []
    for name in names:
        bus = _bus(ctx, name)
        if any(a.bus_id == bus.id for a in assignments):
            continue
        driver, kernet = crew.get(bus.id, (None, None))
        assignments.append(
            BusAssignment(
                bus_id=bus.id,
                driver_id=driver.id if driver else None,
                co_driver_id=kernet.id if kernet else None,
            )
        )
    return assignments, unplaced


def _crew(ctx: MessageContext, named: str | None, role: str, unplaced: list[str]) -> User | None:
    if not named:
        return None
    person = find_driver(ctx.team, named)
    if person is None:
        unplaced.append(f"{role} {named} (belum terdaftar di tim)")
    return person


def _reassign(ctx: MessageContext, booking: Booking, f: ExtractedFields) -> list[BusAssignment]:
    current = list(booking.assignments)
    if f.replaced_bus and f.bus and current:
        # "yg srikandi ganti bus 02": that bus swapped for the other, its crew kept.
        gone, came = _bus(ctx, f.replaced_bus), _bus(ctx, f.bus)
        at = [n for n, a in enumerate(current) if a.bus_id == gone.id]
        if not at:
            names = ", ".join(b.name for a in current for b in ctx.buses if b.id == a.bus_id)
            raise NeedMore(
                f"Booking ini tidak pakai {gone.name} (busnya {names}). Yang diganti bus yang mana?"
            )
        if any(a.bus_id == came.id for a in current):
            raise InvalidInput(f"{came.name} sudah dipakai booking ini.")
        current[at[0]] = _with_crew(ctx, came.id, current[at[0]], f)
        return current
    if len(current) <= 1 and len({_bus(ctx, n).id for n in _buses_named(f)}) > 1:
        # "bus 01 sama bus 03, sopir joko sm slamet": the buses of a booking that had at
        # most one, each with the crew said for it (a bus it had keeps its crew unsaid). A
        # bus it had and the message does not name stays: nothing is taken off unsaid
        # ("tambah bus 01 sama bus 03").
        given, unplaced = _assignments(ctx, f)
        if unplaced:
            raise NeedMore(f"Belum bisa saya catat: {'; '.join(unplaced)}.")
        had = {a.bus_id: a for a in current}
        listed = {a.bus_id for a in given}
        kept = [a for a in current if a.bus_id not in listed]
        return kept + [_kept_crew(a, had[a.bus_id]) if a.bus_id in had else a for a in given]
    if len(current) > 1 and f.crew:
        # "sopir bus 01 joko, bus 03 slamet": the crew of each bus named.
        for line in f.crew:
            named = find_bus(ctx.buses, line.bus) if line.bus else None
            at = [n for n, a in enumerate(current) if named is not None and a.bus_id == named.id]
            if at:
                said = ExtractedFields(driver=line.driver, kernet=line.kernet)
                current[at[0]] = _with_crew(ctx, current[at[0]].bus_id, current[at[0]], said)
        return current
    if len(current) > 1:
        # Several buses: the crew of the one named changes ("sopir bus 02 ganti pak joko").
        named = find_bus(ctx.buses, f.bus) if f.bus else None
        at = [n for n, a in enumerate(current) if named is not None and a.bus_id == named.id]
        if not at or not (f.driver or f.kernet):
            buses = {b.id: b.name for b in ctx.buses}
            names = ", ".join(buses.get(a.bus_id, "") for a in current)
            example = buses.get(current[0].bus_id, "bus 01").lower()
            raise NeedMore(
                f"Booking ini pakai {len(current)} bus ({names}). Sebutkan busnya, misalnya: "
                f"*sopir {example} ganti pak joko*, atau ubah lewat dashboard (/jadwal)."
            )
        current[at[0]] = _with_crew(ctx, current[at[0]].bus_id, current[at[0]], f)
        return current
    old = current[0] if current else None
    bus_id = _bus(ctx, f.bus).id if f.bus else (old.bus_id if old else None)
    if bus_id is None:
        who = f"Sopir {f.driver}" if f.driver else f"Kernet {f.kernet}"
        raise NeedMore(f"{who} pakai bus yang mana?")
    return [_with_crew(ctx, bus_id, old, f)]


def _crew_in_order(
    ctx: MessageContext, booking: Booking, f: ExtractedFields
) -> tuple[ExtractedFields, list[str]]:
    """ "sopir pak yusuf joko sm wahyu": people named after one role word and no bus. On a
    booking of as many buses, each goes to a bus in the order the booking has them (as a new
    booking pairs them); on one bus the first is its crew and the others are shown as not
    recorded (a bus carries one driver) instead of dropped. Another count is asked: a guess
    would put someone on the wrong bus."""
    said = f.crew or []
    if not said or any(line.bus for line in said) or _buses_named(f):
        return f, []
    current = booking.assignments
    role = "sopir" if said[0].driver else "kernet"
    if len(current) > 1 or booking.bus_count > 1:
        buses = {b.id: b.name for b in ctx.buses}
        if not current:
            raise NeedMore(buses_for_crew(booking, said, role))
        if len(current) != len(said) or any(a.bus_id not in buses for a in current):
            names = ", ".join(buses.get(a.bus_id, "") for a in current) or "busnya belum dipilih"
            people = " dan ".join(line.driver or line.kernet or "" for line in said)
            raise NeedMore(
                f"Booking ini pakai {booking.bus_count} bus ({names}), {role}nya disebut "
                f"{len(said)}: {people}. Siapa di bus yang mana? Misalnya: *{role} "
                f"{buses.get(current[0].bus_id, 'bus 01').lower() if current else 'bus 01'} "
                f"pak joko*."
            )
        paired = [
            line.model_copy(update={"bus": buses[a.bus_id]})
            for line, a in zip(said, current, strict=True)
        ]
        return f.model_copy(update={"crew": paired}), []
    others = [line.driver or line.kernet for line in said[1:]]
    if current and len(said) == 2 and said[0].driver:
        # "sopir besok joko sm wahyu" of a bus whose kernet Wahyu already is: its crew.
        kernet = find_driver(ctx.team, others[0] or "")
        if kernet is not None and kernet.id == current[0].co_driver_id:
            others = []
    unplaced = [f"{role} kedua {n} (satu bus dicatat dengan satu {role})" for n in others if n]
    return f.model_copy(update={"crew": None}), unplaced


CREW_WAITS_FOR_BUSES = "busnya belum dipilih"


def buses_for_crew(booking: Booking, said: list[CrewLine], role: str) -> str:
    """The question for crew named in order for a booking of several buses none of which is
    chosen yet: which buses (the people go to them in the order named), never "who is on
    which bus" of buses that do not exist yet."""
    people = " dan ".join(line.driver or line.kernet or "" for line in said)
    return (
        f"Booking {booking.client_name} pakai {booking.bus_count} bus, {CREW_WAITS_FOR_BUSES}. "
        f"{role.capitalize()} {people} untuk bus yang mana? Sebutkan busnya, misalnya: "
        f"*bus 02 sm srikandi* ({role} pertama di bus pertama, dan seterusnya)."
    )


def _kept_crew(new: BusAssignment, old: BusAssignment) -> BusAssignment:
    driver = new.driver_id or (old.driver_id if old.driver_id != new.co_driver_id else None)
    kernet = new.co_driver_id or (old.co_driver_id if old.co_driver_id != driver else None)
    return BusAssignment(bus_id=new.bus_id, driver_id=driver, co_driver_id=kernet)


def _added_bus(ctx: MessageContext, booking: Booking, f: ExtractedFields) -> list[BusAssignment]:
    """The booking's buses with the one named added (and its crew, when named)."""
    bus = _bus(ctx, f.bus)
    if any(a.bus_id == bus.id for a in booking.assignments):
        raise InvalidInput(f"{bus.name} sudah dipakai booking ini. Bus tambahannya yang mana?")
    return [*booking.assignments, _with_crew(ctx, bus.id, None, f)]


def _with_crew(
    ctx: MessageContext, bus_id: str, old: BusAssignment | None, f: ExtractedFields
) -> BusAssignment:
    """One bus with the driver and kernet the message names, the others kept."""
    driver_id = _driver(ctx, f.driver).id if f.driver else (old.driver_id if old else None)
    co_driver = _driver(ctx, f.kernet).id if f.kernet else (old.co_driver_id if old else None)
    if f.driver and f.kernet and driver_id == co_driver:
        raise InvalidInput(f"{f.driver} tidak bisa jadi sopir sekaligus kernet.")
    if f.kernet and co_driver == driver_id:
        driver_id = None  # the driver moves to kernet: the trip needs a new driver
    return BusAssignment(
        bus_id=bus_id,
        driver_id=driver_id,
        co_driver_id=co_driver if co_driver != driver_id else None,
    )


LIVE = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})


def target(ctx: MessageContext, f: ExtractedFields) -> Booking:
    """The one booking `f` names, or a question when it is not clear which: for what names a
    trip outside the booking actions ("bilangin sopir pak hendra ...": whose driver)."""
    return _target(ctx, f, None)


def target_of(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Booking:
    """The booking a waiting booking action is about (its target when already found)."""
    return _target(ctx, f, target_id)


def _target(
    ctx: MessageContext,
    f: ExtractedFields,
    target_id: str | None,
    *,
    running: bool = False,
    with_money: bool = False,
    statuses: frozenset[BookingStatus] = frozenset(
        {BookingStatus.PENDING, BookingStatus.CONFIRMED}
    ),
    paying: bool = False,
    kind: PaymentType | None = None,
    bus_given: bool = False,
) -> Booking:
    """The one booking the message means, or a question when it is not clear which.
    `with_money`: finished trips count too (a cost of last week's trip). `paying`: the
    booking that holds the money for a payment of this `kind` (None: unsaid) is looked for,
    cancelled ones included (a refund of a cancelled booking's DP goes there). `bus_given`:
    a bus said is the new one for the trip, not which trip (a change of a booking)."""
    if target_id is not None:
        # The id comes back from a tapped list row, which a client can forge: a driver is
        # answered only about own trips, exactly as when the booking does not exist.
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, target_id)
        if booking is None or (
            ctx.actor.role.value == "driver" and not booking.involves(ctx.actor.id)
        ):
            raise NotFound("Booking itu tidak ditemukan lagi.")
        return booking
    if bus_given and f.replaced_bus and f.bus and not f.client_name:
        # "bus 01 mogok, diganti bus 03": the trip is the one of the bus given up.
        given_up = f.model_copy(update={"bus": f.replaced_bus, "replaced_bus": None})
        return _target(ctx, given_up, None, running=running, statuses=statuses)
    bus_id = _bus(ctx, f.bus).id if f.bus and not f.client_name else None
    if bus_id is not None and bus_given and not f.ref_date:
        # "pasang bus 04 sopir wahyu" right after Karang Taruna's trip was shown: the bus
        # goes to that trip, never to the trip Bus 04 already has.
        shown = shown_bookings(ctx, statuses, drivers_own=True)
        if len(shown) > 1:
            return _shown_for_bus(ctx, f, shown, bus_id)
        talked_about = shown[0] if shown else just_saved_booking(ctx)
        if (
            talked_about is not None
            and talked_about.status in statuses
            and (
                _gives_bus(ctx, f)
                or bus_id in talked_about.bus_ids()
                or talked_about.unassigned_buses() > 0
            )
        ):
            return talked_about
        # "bus 03 ganti sopir joko" right after Pak Hendra's trip (Bus 02) was shown: the
        # crew of Bus 03 changes, so the trip is the one Bus 03 has (looked up below). A
        # shown trip still waiting for a bus takes it ("bus 03 ya, sopir slamet").
    if with_money or paying:
        # Before the trip talked about is looked for too: "udh tf barusan 1jt" right after
        # what Bu Rina owes pays her finished trip, the one that answer showed.
        statuses |= {BookingStatus.COMPLETED}
    if not f.client_name and bus_id is None:
        # A driver's "trip hari ini selesai": his own trip on the road today (or that came
        # back yesterday), when there is just one.
        own = _drivers_running_trips(ctx, statuses) if running and not f.ref_date else []
        if len(own) == 1:
            return own[0]
        # "sore ini dia mau nambah cash 3jt" right after a payment of Pak Hendra: the booking
        # just saved is the one talked about (the summary names it before any "ya").
        # "pake wahyu aja" right after who drives Bu Dewi's trip: the trip the last answer
        # showed (several shown are offered to pick from). An answer is newer than any
        # save: a message that is no question ends what it was about.
        shown = shown_bookings(ctx, statuses, drivers_own=True) if not f.ref_date else []
        if len(shown) > 1 and bool(f.driver) != bool(f.kernet) and not REPLACES_RE.search(ctx.text):
            # "kasih wahyu aja" after the week's trips, one of them without a driver: that
            # one. "ganti wahyu aja" replaces someone: which trip is asked.
            lacking = [b for b in shown if _lacks(b, "driver" if f.driver else "kernet")]
            shown = lacking if len(lacking) == 1 else shown
        if len(shown) > 1:
            raise Ambiguous("Booking yang mana?", shown)
        # "ok ganti wahyu aja sopirnya" after Slamet's "tgl 12 sy ga bisa" alert: the trip
        # he cannot take, when the alert came after anything saved.
        declined = _declined_trip(ctx, statuses) if (f.driver or f.kernet) else None
        talked_about = shown[0] if shown else declined or just_saved_booking(ctx)
        if talked_about is not None and not f.ref_date:
            return talked_about
        # "yg ke malang ganti slamet aja": the coming trip going there, when one is; money
        # ("uang jalan 500rb buat yg ke magelang") also of a trip of the past week.
        since, done = ctx.today, frozenset[BookingStatus]()
        if with_money:
            since, done = ctx.today - timedelta(days=7), frozenset({BookingStatus.COMPLETED})
        going = _going_to(ctx, f.route_to, f.ref_date, statuses | done, since) if f.route_to else []
        if len(going) > 1:
            raise Ambiguous(f"Trip ke {as_written(f.route_to or '')} yang mana?", going)
        if going:
            return going[0]
        # "bsk pkk jemputnya ganti jam 6": the trips of the day said, when nobody is named
        # (the proposal names the booking before any "ya").
        day = f.ref_date
        that_day = (
            find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day, statuses=statuses)
            if day and ctx.actor.role is not Role.DRIVER
            else []
        )
        if day and len(that_day) > 1:
            raise Ambiguous(f"Booking {day_label(day, ctx.today)} yang mana?", that_day)
        if that_day:
            return that_day[0]
        raise NeedMore("Booking atas nama siapa?")
    if paying:
        # A cancelled booking is looked for by name only (a refund of its DP), never as
        # the trip talked about.
        statuses |= {BookingStatus.CANCELLED}

    def bookings_on(on: date | None) -> list[Booking]:
        found = find_bookings(
            ctx.uow,
            ctx.actor.tenant_id,
            ctx.today,
            client_name=f.client_name,
            on=on,
            bus_id=bus_id,
            statuses=statuses,
        )
        if ctx.actor.role.value == "driver":
            found = [b for b in found if b.involves(ctx.actor.id)]
        return money_rules.payment_candidates(found, kind) if paying else found

    found = bookings_on(f.ref_date or (ctx.today if running and not f.client_name else None))
    if not found and bus_given and bus_id is not None and f.ref_date and _gives_bus(ctx, f):
        # "yg tgl 12 blm ada busnya ya? kasih srikandi": no trip that day has the bus, so it
        # is the bus given to the trip of that day (the one still waiting for a bus).
        found = _given_bus_on(ctx, f.ref_date, bus_id, statuses)
        if len(found) > 1:
            raise Ambiguous(f"Booking {day_label(f.ref_date, ctx.today)} yang mana?", found)
    who = f.client_name or (f.bus or "")
    if not found:
        when = f" {day_label(f.ref_date, ctx.today)}" if f.ref_date else ""
        other_days = bookings_on(None) if f.ref_date and f.client_name else []
        if other_days:
            # A day misread or misremembered: the client's bookings on other days are
            # offered to pick from rather than a dead end.
            named = other_days[0].client_name
            if len({name_key(b.client_name) for b in other_days}) > 1:
                named = who
            raise Ambiguous(f"Booking {named}{when} tidak ada. Maksudnya yang mana?", other_days)
        if running and bus_id is not None and not f.client_name:
            # "rombongan udh pulang, km bus 01 ..." from a driver with no trip on Bus 01 today:
            # no trip to finish (the km said with it is still proposed).
            mine = " Anda" if ctx.actor.role is Role.DRIVER else ""
            on_day = day_label(f.ref_date, ctx.today) if f.ref_date else "hari ini"
            raise NotFound(
                f"Tidak ada trip{mine} dengan {as_written(who)} {on_day}, jadi belum ada "
                "perjalanan yang saya catat selesai."
            )
        if f.client_name and not f.ref_date and not (with_money or paying or running):
            # "kernet bu rina wahyu" when Bu Rina's trip is over: said so, never "not found".
            _refuse_past(ctx, f.client_name)
        hint = ""
        if f.client_name and not f.ref_date and ctx.actor.role is not Role.DRIVER:
            # Money or a change for a client never booked: most often the booking itself
            # was never sent.
            hint = (
                " Kalau ini klien baru, kirim dulu bookingnya: nama, tanggal, rute, bus dan harga."
            )
        missing = ClientNotFound if f.client_name else NotFound
        raise missing(f"Booking {as_written(who)}{when} tidak ditemukan.{hint}")
    if paying and kind is not PaymentType.REFUND and not f.ref_date:
        _ask_when_all_paid(found, f)
    if len(found) > 1:
        one_name = len({name_key(b.client_name) for b in found}) == 1
        raise Ambiguous(f"{found[0].client_name if one_name else who} yang mana?", found)
    return found[0]


def _refuse_past(ctx: MessageContext, client_name: str) -> None:
    """A change of a client whose only recent trip is over: that it is over, with its day."""
    ended = [
        b
        for b in trips_ran(ctx, client_name)
        if b.return_date < ctx.today
        and (ctx.actor.role is not Role.DRIVER or b.involves(ctx.actor.id))
    ]
    if ended:
        trip = ended[0]
        when = days_label(trip.depart_date, trip.return_date, ctx.today)
        raise InvalidInput(f"Trip {trip.client_name} ({when}) sudah lewat, jadi tidak saya ubah.")


def _trip_of_crewmate(ctx: MessageContext, f: ExtractedFields, named: str) -> str:
    """ "kernet joko slamet": the trip Joko is on, as its driver or as the kernet Slamet
    replaces; of the client or day said, else of the trip shown, else of the coming ones.
    Joko only says which trip: he is never made its driver, and a trip he is not on is
    asked about, never changed."""
    person = find_driver(ctx.team, named)
    who = as_written(named).title()
    statuses = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})
    shown = [] if f.client_name or f.ref_date else shown_bookings(ctx, statuses)
    if f.client_name or f.ref_date:
        trips = find_bookings(
            ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=f.client_name, on=f.ref_date
        )
    else:
        trips = shown or find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today)
    trips = [b for b in trips if (b.return_date or b.depart_date) >= ctx.today]
    if ctx.actor.role is Role.DRIVER:
        trips = [b for b in trips if b.involves(ctx.actor.id)]
    on = [b for b in trips if person is not None and person.id in b.crew_ids()]
    if len(on) > 1:
        raise Ambiguous(f"Trip {who} yang mana?", on)
    if on:
        return on[0].id
    where = "yang akan datang"
    if len(trips) == 1 and (f.client_name or f.ref_date or shown):
        where = f"*{_label(ctx, trips[0])}*"
    kernet = as_written(f.kernet or "").title()
    raise NeedMore(
        f"{who} tidak ada di trip {where}. {kernet} jadi kernet di trip yang mana? "
        "Sebut kliennya atau tanggalnya."
    )


# "pasang bus 04 sopir wahyu", "ganti bus 03": the bus said right after the change word is
# the one the trip gets (not the bus whose crew changes, as in "ganti sopir bus 03").
NEW_BUS_RE = re.compile(
    r"\b(?:pasang\w*|dipasang\w*|pake|pakai|pakek|dipake|dipakai|ganti|diganti|gnti|tuker|"
    r"tukar|dituker|jadi|jd|kasih|ksh|kasi)\s+(?:bus|bis)\b",
    re.I,
)


def _given_bus_on(
    ctx: MessageContext, day: date, bus_id: str, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    """The trips of `day` a bus given for that day may go to: those still waiting for a bus
    when there are some, else every trip of the day without it (which one is then asked)."""
    if ctx.actor.role is Role.DRIVER:
        return []
    that_day = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day, statuses=statuses)
    without = [b for b in that_day if bus_id not in b.bus_ids()]
    waiting = [b for b in without if b.unassigned_buses() > 0]
    return waiting or without


def _gives_bus(ctx: MessageContext, f: ExtractedFields) -> bool:
    """The bus a change names is the trip's new bus (a bus given with no crew, or right
    after "pasang"/"ganti"), not the bus whose crew changes ("bus 03 ganti sopir joko")."""
    return not (f.driver or f.kernet) or bool(NEW_BUS_RE.search(ctx.text))


def _shown_for_bus(
    ctx: MessageContext, f: ExtractedFields, shown: list[Booking], bus_id: str
) -> Booking:
    """A change naming a bus after several trips were shown: the one trip it fits, or which
    is asked, never the trip the bus happens to have. A bus given with no crew, or right
    after "pasang"/"ganti", is the trip's new bus: it fits the trips without it. A crew
    member given for the bus ("ganti sopir bus 03 jadi slamet") fits the trips with it."""
    new_bus = _gives_bus(ctx, f)
    fits = [b for b in shown if (bus_id in b.bus_ids()) != new_bus]
    if f.route_to:
        # "yg ke malang ganti bus 04": the shown trip going there.
        going = [b for b in fits or shown if b.goes_to(f.route_to)]
        fits = going or fits
    if len(fits) == 1:
        return fits[0]
    raise Ambiguous("Booking yang mana?", fits or shown)


def _ask_when_all_paid(found: list[Booking], f: ExtractedFields) -> None:
    """Money for a client who owes nothing on any booking ("pak agus dp 2jt" when his one
    trip is done and paid): which booking, or a new one, is asked; an overpayment is only
    proposed on a booking the person picks."""
    if any(b.owed > 0 or (b.is_live and not b.priced) for b in found):
        return
    latest = sorted(found, key=lambda b: b.depart_date, reverse=True)[:3]
    money = f" {format_rupiah(f.amount)}" if f.amount else ""
    raise Ambiguous(
        f"Semua booking {latest[0].client_name} sudah lunas, tidak ada tagihan. Pembayaran"
        f"{money} ini untuk booking yang mana, atau untuk booking baru? Kalau booking baru, "
        "tulis bookingnya (tanggal, rute, harga); pembayarannya saya catat sesudahnya. "
        "Booking terakhir:",
        latest,
    )


def just_saved_booking(ctx: MessageContext) -> Booking | None:
    done = ctx.conversation.recently_applied(ctx.deps.clock.now())
    if done is None or done.target_id is None:
        return None
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, done.target_id)
    if booking is None or (ctx.actor.role is Role.DRIVER and not booking.involves(ctx.actor.id)):
        return None
    return booking


# How long a crew member's "tidak bisa" stays the trip an unnamed replacement is for.
REPLACEMENT_WINDOW = timedelta(hours=12)


def _declined_trip(ctx: MessageContext, statuses: frozenset[BookingStatus]) -> Booking | None:
    """The trip of the latest "tidak bisa" the person was alerted to lately, unless an
    action was saved since (then that is what is talked about)."""
    now = ctx.deps.clock.now()
    done = ctx.conversation.recently_applied(now)
    since = max(now - REPLACEMENT_WINDOW, done.proposed_at if done else now - REPLACEMENT_WINDOW)
    alerts = [
        a
        for a in ctx.uow.alerts.for_user(ctx.actor.tenant_id, ctx.actor.id, since)
        if a.kind is AlertKind.TRIP_DECLINED and a.entity == "booking"
    ]
    if not alerts:
        return None
    latest = max(alerts, key=lambda a: a.created_at)
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, latest.entity_id)
    if booking is None or booking.status not in statuses or booking.depart_date < ctx.today:
        return None
    return booking


# "ganti slamet aja", "diganti joko": a crew member replaced, not a crew place filled.
REPLACES_RE = re.compile(r"\b(?:ganti|diganti|gantiin|gantinya|tuker|tukar|dituker)\b", re.I)


def _lacks(booking: Booking, role: str) -> bool:
    """The booking has a bus (or a bus still to come) without its driver (kernet)."""
    if len(booking.assignments) < booking.bus_count or not booking.assignments:
        return role == "driver"
    seats = booking.assignments
    return any(not (a.driver_id if role == "driver" else a.co_driver_id) for a in seats)


def _going_to(
    ctx: MessageContext,
    place: str,
    on: date | None,
    statuses: frozenset[BookingStatus],
    since: date,
) -> list[Booking]:
    """The trips leaving from `since` on (that day, when said) going to `place`; a driver's
    own only."""
    found = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=on, statuses=statuses)
    return [
        b
        for b in found
        if b.goes_to(place)
        and b.depart_date >= since
        and (ctx.actor.role is not Role.DRIVER or b.involves(ctx.actor.id))
    ]


def _drivers_running_trips(
    ctx: MessageContext, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    if ctx.actor.role is not Role.DRIVER:
        return []
    days = DateRange(start=ctx.today - timedelta(days=1), end=ctx.today)
    return [
        b
        for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
        if b.status in statuses and b.involves(ctx.actor.id) and b.depart_date <= ctx.today
    ]


def _found_in(ctx: MessageContext, f: ExtractedFields, status: BookingStatus) -> Booking | None:
    """The nearest booking in `status` the message names (to say why it was not found)."""
    found = bookings_named(ctx, f, frozenset({status}))
    mine = [b for b in found if b.involves(ctx.actor.id) or ctx.actor.role is not Role.DRIVER]
    return mine[0] if mine else None


def _buses_to_assign(booking: Booking) -> str:
    """The buses a saved booking still lacks, counted when some are already chosen."""
    missing = booking.unassigned_buses()
    if missing <= 0:
        return ""
    if booking.assignments:
        return f" {missing} bus lagi belum ditentukan."
    return " Busnya belum ditentukan."


def _label(ctx: MessageContext, booking: Booking) -> str:
    """ "Pak Agus, Jogja – Semarang, Selasa, 15 Des": which booking, readable on a phone."""
    route = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
    when = days_label(booking.depart_date, booking.return_date, ctx.today)
    return ", ".join(p for p in (booking.client_name, route, when) if p)


def _said(*rows: tuple[str, object]) -> list[str]:
    """A summary's "• label: value" lines for the values the message gave (an empty value
    or None: no line)."""
    return [f"• {label}: {value}" for label, value in rows if value]


def _with_stops(route_from: str, route_to: str, stops: list[str] | None) -> str:
    """The destination with the stops said before it ("Batu – Malang"), each once; without
    a destination the stops are no route (they go in the notes)."""
    if not route_to or not stops:
        return route_to
    route = f"{route_from} {route_to}".casefold()
    new = [as_written(s) for s in stops if s.casefold() not in route]
    return " – ".join([*dict.fromkeys(new), as_written(route_to)])


def _stops_said(stops: list[str]) -> str:
    return ", ".join(as_written(s) for s in stops)


def _stops_note(stops: list[str]) -> str:
    return f"Mampir: {_stops_said(stops)}"


def _trip_lines(
    ctx: MessageContext,
    route_from: str,
    route_to: str,
    depart: date,
    ret: date,
    depart_time: str | None,
) -> list[str]:
    lines = []
    route = " – ".join(p for p in (route_from, route_to) if p)
    if route:
        lines.append(f"• Rute: {route}")
    when = days_label(depart, ret, ctx.today)
    if depart_time:
        when += f", jam {clock(depart_time)}"
    lines.append(f"• Tanggal: {when}")
    return lines


def _crew_lines(
    ctx: MessageContext,
    assignments: list[BusAssignment],
    before: list[BusAssignment] | None = None,
) -> list[str]:
    """One line per bus and its crew; for a change (`before`, the crew it had), a crew
    place that changed on a bus kept shows what it had ("sopir: belum ditentukan →
    Slamet"), which also answers "blm ada sopirnya kan?" said with the change."""
    if not assignments:
        return ["• Bus: belum ditentukan"]
    names = {b.id: b.name for b in ctx.buses}
    people = {u.id: u.name for u in ctx.team}
    had = {a.bus_id: a for a in before or []}
    # One bus swapped for another ("ganti bus 03 aja"): the line says which it replaces.
    gone = [b for b in before or [] if b.bus_id not in {a.bus_id for a in assignments}]
    came = [a for a in assignments if before is not None and a.bus_id not in had]
    swapped = {came[0].bus_id: gone[0].bus_id} if len(gone) == len(came) == 1 else {}
    lines, moved = [], []
    for a in assignments:
        old = had.get(a.bus_id)
        crew_names = []
        for role, who, was in (
            ("sopir", a.driver_id, old.driver_id if old else None),
            ("kernet", a.co_driver_id, old.co_driver_id if old else None),
        ):
            if not who and was and old is not None and was in a.crew_ids():
                # "sopir ganti wahyu" with Wahyu its kernet: he leaves that place empty,
                # never holds both; the proposal says so before any "ya".
                other = "sopir" if role == "kernet" else "kernet"
                crew_names.append(f"{role}: {people.get(was, '')} → kosong")
                moved.append(
                    f"{people.get(was, '')} pindah dari {role} ke {other}, jadi {role}nya "
                    f"kosong (sebutkan kalau ada penggantinya)."
                )
                continue
            if not who:
                continue
            changed = old is not None and was != who
            prior = (people.get(was, "") if was else "belum ditentukan") if changed else ""
            crew_names.append(f"{role}: {_was(prior)}{people.get(who, '')}")
        crew = f" ({', '.join(crew_names)})" if crew_names else ""
        replaced = names.get(swapped[a.bus_id], "") if a.bus_id in swapped else ""
        lines.append(f"• Bus: {_was(replaced)}{names.get(a.bus_id, a.bus_id)}{crew}")
    return lines + [f"• Catatan: {note}" for note in moved]


def days_of(f: ExtractedFields, today: date) -> DateRange:
    start = f.date or today
    end = f.date_to if f.date_to and f.date_to >= start else start
    return DateRange(start=start, end=end)


# --- trip costs ------------------------------------------------------------------------


def _record_trip_cost(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """ "biaya solar trip bu dewi 1,2jt, tol 450rb": costs of a trip, never a price or a
    payment; every cost said is in the one proposal. Without a client named, a driver's cost
    ("td isi solar 650") and a cost naming a bus ("parkir 20rb bus 03") go to the trip
    running today, or the latest of the past week (a driver's own, the bus's)."""
    require(ctx.actor, Action.CREATE, Resource.TRIP_COST)
    if not f.amount:
        raise NeedMore("Berapa biayanya?")
    bus = _bus(ctx, f.bus) if f.bus else None
    if target_id is None and not f.client_name and (bus or ctx.actor.role is Role.DRIVER):
        try:
            booking = _running_trip(ctx, bus, f.ref_date)
        except Ambiguous as which:
            # "tol nya jg 120rb trip itu" right after a cost of an older trip was saved:
            # that trip, not the question again.
            just = just_saved_booking(ctx)
            if just is None or just.id not in {b.id for b in which.candidates}:
                raise
            booking = just
    else:
        booking = _target(ctx, f, target_id, with_money=True)
    bus = bus or _drivers_seat_bus(ctx, booking)
    bus_id = bus.id if bus else None
    said = f.costs or [CostLine(cost_type=f.cost_type or CostCategory.OTHER, amount=f.amount)]
    drafts = [
        build(
            money.TripCostDraft,
            booking_id=booking.id,
            category=line.cost_type,
            amount=line.amount,
            bus_id=bus_id if bus_id in booking.bus_ids() else None,
        )
        for line in said
    ]
    listed = ", ".join(f"{d.category.label} {format_rupiah(d.amount)}" for d in drafts)
    total = sum(d.amount for d in drafts)
    read = _read_on_the_way(f, bus)
    twice = _recorded_already(ctx, booking, drafts)

    def summary() -> str:
        trip = _label(ctx, booking)
        km = f"\n• Odometer {read[0].name}: {format_km(read[1])}" if read else ""
        if len(drafts) == 1:
            [one] = drafts
            cost = f"*{one.category.label}* {format_rupiah(one.amount)}"
            return f"Saya catat biaya {cost} untuk trip {trip}.{km}{twice}"
        lines = [f"Saya catat {len(drafts)} biaya untuk trip {trip}:"]
        lines += [f"• {capitalized(d.category.label)}: {format_rupiah(d.amount)}" for d in drafts]
        lines.append(f"• Total: {format_rupiah(total)}")
        return "\n".join(lines) + km + twice

    def check() -> None:
        for draft in drafts:
            money.record_trip_cost(ctx.deps, ctx.actor, draft, dry_run=True)

    def apply() -> str:
        for draft in drafts:
            money.record_trip_cost(ctx.deps, ctx.actor, draft)
        km = ""
        if read:
            fleet.record_odometer(ctx.deps, ctx.actor, read[0].id, ctx.today, read[1])
            km = f" Odometer {read[0].name} {format_km(read[1])} juga dicatat."
        if len(drafts) == 1:
            return f"Biaya {listed} sudah dicatat.{km}"
        return f"{len(drafts)} biaya ({listed}; total {format_rupiah(total)}) sudah dicatat.{km}"

    return Plan(summary, check, apply, booking.id)


def _recorded_already(
    ctx: MessageContext, booking: Booking, drafts: list[money.TripCostDraft]
) -> str:
    """A warning when a cost proposed was already recorded today for the trip (the same
    kind and amount, the same bus): someone else of the crew may have reported it."""
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    costs = ctx.uow.trip_costs.for_booking(ctx.actor.tenant_id, booking.id)
    names = {u.id: u.name for u in ctx.team}
    seat = _drivers_seat_bus(ctx, booking)  # a driver's cost is recorded on his bus
    said = []
    for d in drafts:
        own_bus = d.bus_id or (seat.id if seat else None)
        same = money_rules.same_cost_recorded(
            costs, d.category, d.amount, own_bus, ctx.today, lambda at: at.astimezone(zone).date()
        )
        if same is not None:
            who = (
                "Anda sendiri"
                if same.recorded_by == ctx.actor.id
                else names.get(same.recorded_by, "orang lain")
            )
            at = same.created_at.astimezone(zone).strftime("%H.%M")
            said.append(
                f"{d.category.label} {format_rupiah(d.amount)} sudah dicatat hari ini oleh {who} "
                f"(jam {at})"
            )
    if not said:
        return ""
    return (
        f"\n⚠️ Perhatian: {'; '.join(said)}. Kalau itu biaya yang sama, balas *batal* supaya "
        "tidak terhitung dua kali."
    )


def _drivers_seat_bus(ctx: MessageContext, booking: Booking) -> Bus | None:
    """The bus the sender rides on that trip (a driver's cost is that bus's)."""
    seats = [a for a in booking.assignments if ctx.actor.id in (a.driver_id, a.co_driver_id)]
    ids = {a.bus_id for a in seats}
    return next((b for b in ctx.buses if b.id in ids), None) if len(ids) == 1 else None


def _read_on_the_way(f: ExtractedFields, bus: Bus | None) -> tuple[Bus, int] | None:
    """A km said with a cost ("km 133.480, solar 650rb"): the reading of the bus named, or
    of the bus the driver rides on that trip."""
    if f.odometer_km is None:
        return None
    if bus is None:
        raise NeedMore(f"Odometer {format_km(f.odometer_km)} itu bus yang mana?")
    fleet.check_odometer(bus, f.odometer_km)
    return bus, f.odometer_km


def _fleet_bus(ctx: MessageContext, bus_id: str) -> Bus | None:
    return next((bus for bus in ctx.buses if bus.id == bus_id), None)


def drivers_bus(ctx: MessageContext) -> Bus | None:
    """The bus a driver drives today (or on the nearest trip of these three days), for a
    report that does not name it ("ac ga dingin, perlu dicek")."""
    if ctx.actor.role is not Role.DRIVER:
        return None
    days = DateRange(start=ctx.today - timedelta(days=1), end=ctx.today + timedelta(days=1))
    running = ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
    mine = [b for b in running if b.is_live and b.involves(ctx.actor.id)]
    for booking in sorted(mine, key=lambda b: abs((b.depart_date - ctx.today).days)):
        for a in booking.assignments:
            if ctx.actor.id in (a.driver_id, a.co_driver_id):
                return _fleet_bus(ctx, a.bus_id)
    return None


def _running_trip(ctx: MessageContext, bus: Bus | None, said: date | None = None) -> Booking:
    """The trip running on the day (the one said, else today), or that came back that day or
    the day before, of the bus named (a driver: own trips only, and without a bus, any of
    them). When the latest of the past week came back earlier, which one is asked: "solar
    800rb" three days after a trip may as well be for the next one. A day ahead said
    ("uang jalan buat tgl 2") is the trip of that day, when there is one."""

    def trips_in(days: DateRange) -> list[Booking]:
        return [
            b
            for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
            if b.is_live
            and (bus is None or bus.id in b.bus_ids())
            and (ctx.actor.role is not Role.DRIVER or b.involves(ctx.actor.id))
        ]

    def trips_until(day: date) -> list[Booking]:
        week = DateRange(start=day - timedelta(days=7), end=day)
        return [b for b in trips_in(week) if b.depart_date <= day]

    day = said or ctx.today
    if day > ctx.today:
        ahead = [b for b in trips_until(day) if b.return_date >= day]
        if ahead:
            return max(ahead, key=lambda b: (b.depart_date, b.id))
        day = ctx.today
    trips = trips_until(day)
    current = current_trip(trips, day)
    if current is not None:
        return current
    # Solar bought today for tomorrow's trip is common: tomorrow's trips are offered first,
    # then the past week's, newest first.
    next_days = DateRange(start=day + timedelta(days=1), end=day + timedelta(days=1))
    soon = sorted(
        (b for b in trips_in(next_days) if b.depart_date > day), key=lambda b: (b.depart_date, b.id)
    )
    which = f" {bus.name}" if bus else ""
    if not trips and not soon:
        when = "hari ini atau minggu ini"
        if day != ctx.today:
            when = f"pada {day_label(day, ctx.today)} atau seminggu sebelumnya"
        raise NeedMore(
            f"Belum ada trip{which} {when}. Biaya untuk trip yang mana? Sebutkan nama kliennya."
        )
    whose = which.strip() or "Anda"  # a bus named, else the driver's own trips
    when = "Hari ini" if day == ctx.today else f"Pada {day_label(day, ctx.today)}"
    if day == ctx.today - timedelta(days=1):
        when = "Kemarin"
    recent = sorted(trips, key=lambda b: (b.depart_date, b.id), reverse=True)
    said_why = f"{when} {whose} tidak ada trip"
    if trips:
        said_why += (
            f", dan trip terakhir selesai {day_label(max(b.return_date for b in trips), ctx.today)}"
        )
    raise Ambiguous(f"{said_why}. Biaya ini untuk trip yang mana?", [*soon, *recent])


def _waive_cancellation_fee(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """The owner lets a cancelled booking's fee go; everything paid becomes the refund."""
    just = just_saved_booking(ctx) if not f.client_name and target_id is None else None
    if just is not None and just.status is BookingStatus.CANCELLED and just.cancellation_fee:
        # "biaya batalnya dibebasin aja" right after the cancellation: that booking's fee.
        target_id = just.id
    if not f.client_name and target_id is None:
        raise NeedMore("Biaya pembatalan booking siapa yang dibebaskan?")
    if target_id is not None:
        booking = _target(ctx, f, target_id)
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

    return Plan(summary, check, apply, booking.id)


# Builders kept apart for their size; they use the helpers above.
from keloia.domain.services.assistant import bus_edit, relay  # noqa: E402
from keloia.domain.services.assistant import undo as undo_chat  # noqa: E402

# The action registry: a plan builder for every action intent (domain/model/intents.py).
BUILDERS: dict[Intent, Builder] = {
    Intent.CREATE_BOOKING: _create_booking,
    Intent.UPDATE_BOOKING: _update_booking,
    Intent.CANCEL_BOOKING: _cancel_booking,
    Intent.COMPLETE_BOOKING: _complete_booking,
    Intent.CONFIRM_BOOKING: _confirm_booking,
    Intent.ADD_BUS: _add_bus,
    Intent.UPDATE_BUS: bus_edit.update_bus,
    Intent.RECORD_PAYMENT: _record_payment,
    Intent.LOG_MAINTENANCE: _log_maintenance,
    Intent.UPDATE_BUS_STATUS: _update_bus_status,
    Intent.RECORD_ODOMETER: _record_odometer,
    Intent.RECORD_TRIP_COST: _record_trip_cost,
    Intent.WAIVE_CANCELLATION_FEE: _waive_cancellation_fee,
    Intent.RECORD_DOCUMENT: _record_document,
    Intent.UNDO_LAST: undo_chat.undo_last,
    Intent.CORRECT_LAST: undo_chat.correct_last,
    Intent.RELAY_MESSAGE: relay.relay_message,
}
