"""Papers asked for in the chat: found from what the message names, drawn (or the kept
version reused), and sent back as WhatsApp documents. A konfirmasi or kwitansi can then go
to the client's own number, after the asker taps to confirm."""

from __future__ import annotations

import datetime as dt

from keloia.domain.errors import NotFound, PapersUnavailable
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.intents import Extraction
from keloia.domain.model.messages import Button, MessageKind, OutboundMessage
from keloia.domain.model.papers import PaperKind
from keloia.domain.model.payments import PAYMENT_LABELS, PaymentType, format_rupiah
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, days_label
from keloia.domain.services import papers
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import HELP, clock, short, text
from keloia.domain.services.assistant.resolve import find_bookings, find_bus
from keloia.domain.services.papers import PaperLink

SEND_PREFIX = "kirimpdf:"  # button id: kirimpdf:<kind>:<subject id>:<saya|klien>
ANY_STATUS = frozenset(BookingStatus) - {BookingStatus.CANCELLED}
MAX_SHEETS = 5  # trip sheets sent for one day at once; the rest are on the dashboard


def answer(ctx: MessageContext, extraction: Extraction) -> list[OutboundMessage]:
    to, deps = ctx.actor.phone, ctx.deps
    f = extraction.fields
    kind = f.paper or PaperKind.CONFIRMATION
    if kind is PaperKind.ROADWORTHINESS:
        bus = find_bus(ctx.buses, f.bus) if f.bus else None
        if bus is None:
            first = ctx.buses[0].name if ctx.buses else "bus 01"
            return [
                text(
                    to,
                    f'Kartu kelaikan untuk bus yang mana? Contoh: "kelaikan {first}".',
                )
            ]
        link = papers.roadworthiness(deps, ctx.actor, bus.id)
        return [
            document(to, link, f"Kartu kelaikan {bus.name}, per {day_label(ctx.today, ctx.today)}.")
        ]
    if kind is PaperKind.TRIP_SHEET:
        return _trip_sheets(ctx, extraction)
    require(ctx.actor, Action.READ, Resource.PAYMENT)  # konfirmasi and kwitansi show money
    booking = _booking(ctx, extraction)
    if booking is None and f.client_name:
        return [
            text(
                to,
                f"Booking atas nama {f.client_name} tidak ditemukan. "
                "Sebutkan nama klien dan tanggalnya.",
            )
        ]
    if booking is None:
        paper = "Kwitansi" if kind is PaperKind.RECEIPT else "Konfirmasi booking"
        return [text(to, f'{paper} untuk siapa? Contoh: "{paper.lower()} pak hendra".')]
    ctx.show([booking.id])  # "brgkt kapan" next: the trip the paper is about
    if kind is PaperKind.RECEIPT:
        paid_on = f.ref_date if f.ref_date is not None and f.ref_date <= ctx.today else None
        return _receipt(ctx, booking, f.payment_type, paid_on)
    try:
        link = papers.confirmation(deps, ctx.actor, booking.id)
    except PapersUnavailable as off:
        # No PDF here: what the paper would say of the money, in the chat.
        return [text(to, f"{off}\n{_bill(ctx, booking)}")]
    caption = (
        f"Konfirmasi booking {booking.client_name}, "
        f"{days_label(booking.depart_date, booking.return_date, ctx.today)}."
    )
    if booking.is_live and booking.owed > 0:
        # Asked as an invoice ("invoice ..., sisa tagihannya"): the bill is this paper.
        caption += f" {_bill(ctx, booking)}"
    return _with_offer(ctx, booking, link, caption)


def _bill(ctx: MessageContext, booking: Booking) -> str:
    """What a booking's konfirmasi says of its money: "Tagihan Bu Dewi, Jumat, 4 Des: harga
    Rp6.500.000, sudah dibayar Rp0, sisa Rp6.500.000, batas pelunasan Jumat, 27 Nov."."""
    trip = days_label(booking.depart_date, booking.return_date, ctx.today)
    said = (
        f"Tagihan {booking.client_name}, {trip}: harga {format_rupiah(booking.price)}, "
        f"sudah dibayar {format_rupiah(booking.net_paid)}"
    )
    if not booking.is_live or booking.owed <= 0:
        return f"{said}, lunas." if booking.is_live else f"{said}."
    due = booking.settlement_due(ctx.tenant.settings)
    late = " (sudah lewat)" if due < ctx.today else ""
    return (
        f"{said}, sisa {format_rupiah(booking.owed)}, "
        f"batas pelunasan {day_label(due, ctx.today)}{late}."
    )


def send_chosen(ctx: MessageContext, reply_id: str) -> list[OutboundMessage]:
    """A tapped "Kirim ke saya" / "Kirim ke klien": the paper goes to the asker, or (the
    tap being the confirmation) to the client's own number."""
    to = ctx.actor.phone
    _, kind_value, rest = reply_id.split(":", 2)
    subject_id, _, who = rest.rpartition(":")
    if kind_value not in {PaperKind.CONFIRMATION, PaperKind.RECEIPT}:
        return [text(to, replies_help(ctx))]
    deps = ctx.deps
    if kind_value == PaperKind.RECEIPT:
        link = papers.receipt(deps, ctx.actor, subject_id)
        payment = ctx.uow.payments.get(ctx.actor.tenant_id, subject_id)
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, payment.booking_id) if payment else None
    else:
        link = papers.confirmation(deps, ctx.actor, subject_id)
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, subject_id)
    if booking is None:
        raise NotFound("Booking tidak ditemukan.")
    title = link.title[:1].upper() + link.title[1:]
    if who != "klien":
        return [document(to, link, f"{title}.")]
    if booking.client_phone is None:
        return [text(to, "Nomor WhatsApp klien belum tercatat di booking ini.")]
    return [
        document(booking.client_phone, link, f"{ctx.tenant.name}: {title}. Terima kasih."),
        # Queued with this answer: passed on, not yet delivered.
        text(to, f"Sudah saya teruskan ke {booking.client_name} ({booking.client_phone})."),
    ]


def replies_help(ctx: MessageContext) -> str:
    return HELP[ctx.actor.role]


def after_payment(ctx: MessageContext, booking_id: str, media_id: str) -> list[OutboundMessage]:
    """Right after a payment is recorded on WhatsApp: the proof that came with it is
    attached to it, and its kwitansi is offered (to the asker, or to the client)."""
    tenant_id = ctx.actor.tenant_id
    booking = ctx.uow.bookings.get(tenant_id, booking_id)
    mine = [
        p
        for p in ctx.uow.payments.for_booking(tenant_id, booking_id)
        if p.recorded_by == ctx.actor.id
    ]
    if booking is None or not mine:
        return []
    # The one just recorded: the newest, the last of those stamped the same instant.
    payment = max(enumerate(mine), key=lambda ip: (ip[1].created_at, ip[0]))[1]
    if media_id:
        ctx.uow.media.attach(tenant_id, media_id, "payment", payment.id)
    if ctx.deps.renderer is None or payment.type is PaymentType.REFUND:
        return []
    return [receipt_offer(ctx, payment.id, booking)]


def document(to: str, link: PaperLink, caption: str) -> OutboundMessage:
    return papers.as_document(to, link, caption)


def receipt_offer(ctx: MessageContext, payment_id: str, booking: Booking) -> OutboundMessage:
    """Asked right after a payment is recorded: the kwitansi, for the asker or the client."""
    subject = f"{SEND_PREFIX}{PaperKind.RECEIPT.value}:{payment_id}"
    buttons = [Button(id=f"{subject}:saya", title="Kwitansi ke saya")]
    if booking.client_phone:
        buttons.append(Button(id=f"{subject}:klien", title="Kwitansi ke klien"))
    return OutboundMessage(
        to=ctx.actor.phone,
        kind=MessageKind.BUTTONS,
        body=f"Perlu kwitansinya untuk {short(booking.client_name)}?",
        buttons=tuple(buttons),
    )


def _with_offer(
    ctx: MessageContext, booking: Booking, link: PaperLink, caption: str
) -> list[OutboundMessage]:
    """A booking's paper for the asker and, when the client's number is known, the offer
    to send it to the client too."""
    paper = document(ctx.actor.phone, link, caption)
    if booking.client_phone is None:
        return [paper]
    subject = f"{SEND_PREFIX}{link.kind.value}:{link.subject_id}"
    return [
        paper,
        OutboundMessage(
            to=ctx.actor.phone,
            kind=MessageKind.BUTTONS,
            body=f"Kirim juga ke {short(booking.client_name)} ({booking.client_phone})?",
            buttons=(Button(id=f"{subject}:klien", title="Kirim ke klien"),),
        ),
    ]


def _booking(ctx: MessageContext, extraction: Extraction) -> Booking | None:
    f = extraction.fields
    found = find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=f.client_name,
        on=f.ref_date or f.date,
        statuses=ANY_STATUS,
    )
    if f.client_name is None and f.ref_date is None and f.date is None:
        # "kirim kwitansinya" right after a payment or a booking was saved: that booking.
        done = ctx.conversation.recently_applied(ctx.deps.clock.now())
        if done is None or done.target_id is None:
            return None
        return ctx.uow.bookings.get(ctx.actor.tenant_id, done.target_id)
    if not found and f.paper is PaperKind.RECEIPT and f.client_name and f.ref_date:
        # "kwitansi pak hendra, yg dp kemarin": the day is when the money came, not the
        # trip's; the client's booking is the one.
        found = find_bookings(
            ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=f.client_name, statuses=ANY_STATUS
        )
    return found[0] if found else None


def _receipt(
    ctx: MessageContext,
    booking: Booking,
    wanted: PaymentType | None,
    paid_on: dt.date | None = None,
) -> list[OutboundMessage]:
    """The kwitansi of the client's latest payment (of the kind asked; paid on the day said,
    when one was), or why there is none yet."""
    to, deps = ctx.actor.phone, ctx.deps
    paid = [
        p
        for p in ctx.uow.payments.for_booking(ctx.actor.tenant_id, booking.id)
        if p.type is not PaymentType.REFUND and (wanted is None or p.type is wanted)
    ]
    if not paid:
        label = PAYMENT_LABELS[wanted] if wanted else "pembayaran"
        none_yet = (
            f"Belum ada {label} yang tercatat dari {booking.client_name}, jadi belum ada kwitansi."
        )
        if booking.is_live and booking.outstanding > 0:
            # "invoice bu dewi" before any payment: the bill is the booking's confirmation.
            none_yet += (
                f" Sisa tagihannya {format_rupiah(booking.outstanding)}."
                f" Untuk menagih, ketik *kirim surat konfirmasi {booking.client_name}*: isinya "
                "harga, DP, sisa tagihan dan jatuh temponya."
            )
        return [text(to, none_yet)]
    on_the_day = [p for p in paid if p.paid_date == paid_on]
    payment = max(on_the_day or paid, key=lambda p: (p.paid_date, p.created_at))
    link = papers.receipt(deps, ctx.actor, payment.id)
    caption = (
        f"Kwitansi {PAYMENT_LABELS[payment.type]} {booking.client_name} "
        f"{format_rupiah(payment.amount)} ({day_label(payment.paid_date, ctx.today)})."
    )
    return _with_offer(ctx, booking, link, caption)


def _trip_sheets(ctx: MessageContext, extraction: Extraction) -> list[OutboundMessage]:
    to, f, deps = ctx.actor.phone, extraction.fields, ctx.deps
    day = f.date or f.ref_date
    topic = ctx.conversation.live_topic(deps.clock.now())
    leaned = topic.bookings if topic is not None and not (f.client_name or day) else ()
    if len(leaned) == 1:
        # "skrg kirim surat jalannya" right after Bu Dewi's trip was talked about (its
        # driver just given): that trip's, not today's.
        chosen = [b for b in [ctx.uow.bookings.get(ctx.actor.tenant_id, leaned[0])] if b]
    elif f.client_name:
        chosen = find_bookings(
            ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=f.client_name, on=day
        )[:1]
    else:
        day = day or ctx.today
        chosen = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day)
    if ctx.actor.role is Role.DRIVER:
        chosen = [b for b in chosen if b.involves(ctx.actor.id)]
    # "itu sopirnya sapa", "yaudah sopirnya wahyu" next: the trips the papers were for.
    ctx.show(b.id for b in chosen[:MAX_SHEETS])
    sheets: list[OutboundMessage] = []
    for booking in chosen:
        bus_ids: list[str | None] = list(booking.bus_ids()) or [None]
        if ctx.actor.role is Role.DRIVER:
            bus_ids = [a.bus_id for a in booking.assignments if ctx.actor.id in a.crew_ids()]
        for bus_id in bus_ids:
            try:
                link = papers.trip_sheet(deps, ctx.actor, booking.id, bus_id)
            except NotFound:
                continue
            days = days_label(booking.depart_date, booking.return_date, ctx.today)
            route = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
            at = f", jam {clock(booking.pickup_time)}" if booking.pickup_time else ""
            caption = (
                f"Surat jalan {booking.client_name}{f' ({route})' if route else ''}, {days}{at}"
            )
            bus = next((b for b in ctx.buses if b.id == bus_id), None)
            crew = next((a for a in booking.assignments if a.bus_id == bus_id), None)
            driver = next(
                (u.name for u in ctx.team if crew is not None and u.id == crew.driver_id), None
            )
            # The driver named on it, to check before it is printed.
            caption += f", {bus.name}" if bus else ""
            caption += f", sopir {driver}." if driver else "."
            if driver is None:
                # "yaudah sopirnya wahyu" may follow: the paper shows no driver yet.
                caption += " Sopir belum ditentukan."
            sheets.append(document(to, link, caption))
    if not sheets:
        when = day_label(day, ctx.today) if day else "itu"
        return [text(to, f"Tidak ada perjalanan {when} untuk dibuatkan surat jalan.")]
    if len(sheets) > MAX_SHEETS:
        rest = len(sheets) - MAX_SHEETS
        more = f"…dan {rest} surat jalan lain. Sebutkan nama kliennya untuk yang lain."
        return [*sheets[:MAX_SHEETS], text(to, more)]
    return sheets
