"""Plans for money by chat: a payment or refund on the booking that holds the money,
and a trip's costs."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from keloia.domain.errors import InvalidInput, ReadingBelowLast
from keloia.domain.model import money as money_rules
from keloia.domain.model.bookings import UNPRICED_PAID, Booking, BookingStatus
from keloia.domain.model.intents import CostLine, ExtractedFields
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import (
    PaymentType,
    format_rupiah,
    method_label,
    payment_label,
    same_payment_recorded,
)
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, format_km
from keloia.domain.services import fleet, money, payments
from keloia.domain.services.assistant import fleet_plans, plans, resolve, targets
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized
from keloia.domain.services.validation import build

# Said after money that confirmed its waiting booking (Booking.record_payment).
CONFIRMED_BY_PAYMENT = " Booking kini terkonfirmasi."


def one_day_said(ctx: MessageContext, f: ExtractedFields) -> ExtractedFields:
    """ "pak hendra tgl 28 tf 2jt": one bare day read both ways by the extractor, the trip's
    day ahead (ref_date) and the day the money came (paid_on, the same day of the month on
    or before today). It is the trip's when the client has a trip that day, else the
    payment's: money is never dated by a trip that does not exist."""
    if f.ref_date is None or f.paid_on is None or f.ref_date.day != f.paid_on.day:
        return f
    trips = resolve.find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=f.client_name,
        on=f.ref_date,
        statuses=frozenset(BookingStatus),
    )
    return f.model_copy(update={"paid_on": None} if trips else {"ref_date": None})


def record_payment(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.CREATE, Resource.PAYMENT)
    # "pak hendra lunas hr ini, cash": paid off without the amount typed.
    paid_off = not f.amount and f.payment_type is PaymentType.PELUNASAN
    # A refund queued behind a cancellation whose fee was put right: what is owed back now.
    owed_back = not f.amount and f.payment_type is PaymentType.REFUND
    if not f.amount and not (paid_off or owed_back):
        raise plans.NeedMore("Berapa jumlah pembayarannya?")
    f = one_day_said(ctx, f)
    booking = targets.booking_meant(ctx, f, target_id, paying=True, kind=f.payment_type)
    amount = f.amount or 0
    if owed_back:
        if booking.status is not BookingStatus.CANCELLED or booking.refund_due <= 0:
            raise plans.NeedMore("Berapa jumlah refund-nya?")
        amount = booking.refund_due
    if paid_off:
        # What is still owed is what is paid off (shown before any "ya").
        amount = booking.outstanding
        if booking.is_live and not booking.priced:
            raise InvalidInput(
                f"Harga booking {plans.label(ctx, booking)} belum dicatat, jadi sisanya belum "
                "bisa dihitung. Sebutkan jumlah yang dibayar, atau catat harganya dulu."
            )
        if booking.status is BookingStatus.CANCELLED or amount <= 0:
            raise InvalidInput(
                f"Booking {plans.label(ctx, booking)} tidak punya sisa tagihan untuk dilunasi."
            )
    paid_on = f.paid_date or f.paid_on or ctx.today
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
    what = "pembayaran" if unknown_settle else payment_label(kind, 0 if cancelled else after)
    # Money in confirms a booking still waiting: said before the yes.
    confirms = booking.confirmed_by(kind)
    twice = _paid_already(ctx, booking, amount, f.method)

    def summary() -> str:
        status = " (sudah dibatalkan)" if cancelled else ""
        day = day_label(draft.paid_date or ctx.today, ctx.today)
        lines = [
            f"Saya catat *{what} {format_rupiah(amount)}* untuk booking "
            f"{plans.label(ctx, booking)}{status}:",
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
        if confirms:
            lines.append("• Booking ini jadi terkonfirmasi.")
        if twice:
            lines.append(twice)
        if refund and (fee := booking.fee_lowered_by(amount)) is not None:
            # Money given back beyond the fee lowers it (Booking.record_payment): said first.
            lines.append(
                f"⚠️ Menurut kebijakan pembatalan, yang perlu dikembalikan "
                f"{format_rupiah(booking.refund_due)} (biaya pembatalan "
                f"{format_rupiah(booking.cancellation_fee or 0)}). Dengan refund ini biaya "
                f"pembatalan jadi {format_rupiah(max(fee, 0))}."
            )
        return "\n".join(lines)

    def check() -> None:
        payments.record_payment(ctx.deps, ctx.actor, draft, dry_run=True)

    def apply() -> str:
        payment = payments.record_payment(ctx.deps, ctx.actor, draft)
        return (
            f"{capitalized(what)} {format_rupiah(amount)} "
            f"{'ke' if refund else 'dari'} {booking.client_name} sudah dicatat. "
            f"{left[0]} {format_rupiah(left[1])}."
            + (CONFIRMED_BY_PAYMENT if payment.confirmed_booking else "")
        )

    return plans.Plan(summary, check, apply, booking.id)


def record_trip_cost(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    """ "biaya solar trip bu dewi 1,2jt, tol 450rb": costs of a trip, never a price or a
    payment; every cost said is in the one proposal. Without a client named, a driver's cost
    ("td isi solar 650") and a cost naming a bus ("parkir 20rb bus 03") go to the trip
    running today, or the latest of the past week (a driver's own, the bus's)."""
    require(ctx.actor, Action.CREATE, Resource.TRIP_COST)
    by_rate = not f.amount and f.cost_type is CostCategory.UANG_JALAN and not f.costs
    if not f.amount and not by_rate:
        raise plans.NeedMore("Berapa biayanya?")
    bus = targets.named_bus(ctx, f.bus) if f.bus else None
    if target_id is None and not f.client_name and (bus or ctx.actor.role is Role.DRIVER):
        try:
            booking = fleet_plans.running_trip(ctx, bus, f.ref_date)
        except Ambiguous as which:
            # "tol nya jg 120rb trip itu" right after a cost of an older trip was saved:
            # that trip, not the question again.
            just = targets.just_saved_booking(ctx)
            # "yg ke solo kmrn tol nya 120rb": the one trip of those going where it says,
            # however loosely "kmrn" dates it.
            there = [b for b in which.candidates if f.route_to and b.goes_to(f.route_to)]
            if just is not None and just.id in {b.id for b in which.candidates}:
                booking = just
            elif len(there) == 1:
                booking = there[0]
            else:
                raise
    else:
        booking = targets.booking_meant(ctx, f, target_id, with_money=True)
    bus = bus or fleet_plans.drivers_seat_bus(ctx, booking)
    bus_id = bus.id if bus else None
    rate = ""
    if by_rate:
        # "uang jalan joko trip solo bu rina": one bus's uang jalan by the PO's daily rate.
        per_day, days = ctx.tenant.settings.uang_jalan_per_day, booking.days.days()
        if not per_day:
            raise plans.NeedMore("Berapa uang jalannya? Tarif uang jalan harian PO belum diatur.")
        f = f.model_copy(update={"amount": ctx.tenant.settings.uang_jalan(booking.days)})
        seats = [a for a in booking.assignments if bus is None or a.bus_id == bus.id]
        names = {u.id: u.name for u in ctx.team}
        whose = ""
        if len(seats) == 1 and seats[0].driver_id in names:
            whose = f", sopir {names[seats[0].driver_id]}"  # whose money it is
        rate = f" (tarif PO {format_rupiah(per_day)} × {days} hari{whose})"
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
    try:
        read = fleet_plans.read_on_the_way(f, bus)
        km_refused = ""
    except ReadingBelowLast as refused:
        # A km below the last said with the costs: the costs still go ahead, the km is
        # left out and said so (a typo is asked again, never recorded).
        read, km_refused = None, f"\n• Km tidak dicatat: {refused}"
    twice = _recorded_already(ctx, booking, drafts)

    def summary() -> str:
        trip = plans.label(ctx, booking)
        if bus is not None and bus.id in booking.bus_ids():
            trip += f" ({bus.name})"  # the bus the cost was had on, as said or driven
        km = f"\n• Odometer {read[0].name}: {format_km(read[1])}" if read else km_refused
        if len(drafts) == 1:
            [one] = drafts
            cost = f"*{one.category.label}* {format_rupiah(one.amount)}{rate}"
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

    return plans.Plan(summary, check, apply, booking.id)


def _paid_already(ctx: MessageContext, booking: Booking, amount: int, method: str | None) -> str:
    """A warning when the sender already recorded the same payment today for the booking
    (the same amount, the same way): the same transfer said twice is not counted twice.
    Another person's meanwhile is said on "ya" (proposals.paid_since)."""
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    mine = [
        p
        for p in ctx.uow.payments.for_booking(ctx.actor.tenant_id, booking.id)
        if p.recorded_by == ctx.actor.id
    ]
    same = same_payment_recorded(
        mine, amount, method, ctx.today, lambda at: at.astimezone(zone).date()
    )
    if same is None:
        return ""
    at = same.created_at.astimezone(zone).strftime("%H.%M")
    return (
        f"⚠️ Perhatian: pembayaran {format_rupiah(amount)} untuk booking ini sudah Anda catat "
        f"hari ini (jam {at}). Kalau itu uang yang sama, balas *batal* supaya tidak terhitung "
        "dua kali."
    )


def _recorded_already(
    ctx: MessageContext, booking: Booking, drafts: list[money.TripCostDraft]
) -> str:
    """A warning when a cost proposed was already recorded today for the trip (the same
    kind and amount, the same bus): someone else of the crew may have reported it."""
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    costs = ctx.uow.trip_costs.for_booking(ctx.actor.tenant_id, booking.id)
    names = {u.id: u.name for u in ctx.team}
    seat = fleet_plans.drivers_seat_bus(ctx, booking)  # a driver's cost is recorded on his bus
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
