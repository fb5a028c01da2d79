"""Who hears about what: the one table from each event to what follows it. Every handler
runs inside the transaction that recorded the event, before it commits (Transaction.commit).

To make a new rule ("tell the driver when a trip moves"): record an event in the use case
(`uow.record(...)`, domain/model/events.py), write a handler here, add it to HANDLERS."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from keloia.domain.model import crew
from keloia.domain.model.activity import SOURCE_TEXT_MAX, ActivityEntry
from keloia.domain.model.alerts import MANAGERS, Alert, AlertKind, managers_except
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.channel import Purpose
from keloia.domain.model.events import (
    AlertRaised,
    BookingCancelled,
    BookingChanged,
    BookingCreated,
    BookingStatusChanged,
    BookingStatusTakenBack,
    BookingTakenBackForAuthor,
    BriefingsComposed,
    BusAdded,
    BusChanged,
    BusStatusSet,
    CancellationFeeWaived,
    CashHeld,
    ConflictRefused,
    CrewBackOnDuty,
    CrewDayOff,
    DocumentRecorded,
    DocumentRenewed,
    Event,
    InviteCreated,
    InviteRevoked,
    LoginCodeRequested,
    MaintenanceLogged,
    MediaReceived,
    MemberChanged,
    MemberJoined,
    MessageRelayed,
    MessageUndelivered,
    OdometerRead,
    PaperDrawn,
    PaperNews,
    PaymentRecorded,
    ProblemReported,
    RecordTakenBack,
    ReplyWritten,
    ServiceIntervalSet,
    TenantChanged,
    TenantCreated,
    TripAnswered,
    TripCostRecorded,
    TripDelayed,
    TripNoticeResent,
    TripOffered,
    TripSheetDue,
)
from keloia.domain.model.messages import Button, MessageKind, OutboundMessage
from keloia.domain.model.payments import PAYMENT_LABELS, PaymentType, format_rupiah, payment_label
from keloia.domain.model.templates import TRIP_NOTICE, one_line
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.model.text import day_label, days_label, local_phone
from keloia.domain.model.undo import STATUS_TAKEN_BACK, RecordKind
from keloia.domain.services import papers
from keloia.domain.services.bookings import describe
from keloia.domain.services.channel import mask_phone
from keloia.domain.services.outbox import enqueue, outbox_item

log = logging.getLogger("keloia.handlers")

if TYPE_CHECKING:
    from keloia.domain.services.transaction import Handler, Handlers, Transaction


# --- the paper trail -------------------------------------------------------------------


def record_activity(event: Event, tx: Transaction) -> None:
    """The event's activity entry, in the actor's PO."""
    trail = event.trail()
    if trail is None:
        return
    source = tx.source
    tx.activity.add(
        ActivityEntry(
            id=tx.deps.ids.new_id(),
            tenant_id=trail.actor.tenant_id,
            actor_id=trail.actor.id,
            action=trail.action,
            entity=trail.entity,
            entity_id=trail.entity_id,
            snapshot=trail.snapshot,
            at=tx.deps.clock.now(),
            source_message_id=source.wa_message_id if source else None,
            source_text=source.text[:SOURCE_TEXT_MAX] if source else "",
        )
    )


# --- alerts ----------------------------------------------------------------------------


def alert(
    tx: Transaction,
    recipients: Sequence[User],
    kind: AlertKind,
    text: str,
    entity: str,
    entity_id: str,
    buttons: tuple[Button, ...] = (),
    about: User | None = None,
) -> None:
    """An alert per person, news of `about` when given; each is an AlertRaised event (by
    default: a WhatsApp message, with `buttons` to answer it)."""
    for user in recipients:
        raised = Alert(
            id=tx.deps.ids.new_id(),
            tenant_id=user.tenant_id,
            user_id=user.id,
            kind=kind,
            text=text,
            entity=entity,
            entity_id=entity_id,
            created_at=tx.deps.clock.now(),
            about_user_id=about.id if about is not None else None,
        )
        tx.alerts.add(raised)
        tx.record(AlertRaised(alert=raised, phone=user.phone, buttons=buttons))


def _managers(tx: Transaction, tenant_id: str, actor_id: str | None) -> list[User]:
    return managers_except(tx.team(tenant_id), actor_id)


def _crew(tx: Transaction, booking: Booking, crew_ids: Sequence[str], actor: User) -> list[User]:
    return [u for u in tx.team(booking.tenant_id) if u.id in crew_ids and u.id != actor.id]


def booking_created(event: BookingCreated, tx: Transaction) -> None:
    actor, booking = event.actor, event.booking
    text = f"Booking baru dari {actor.name}: {describe(booking, tx.deps.clock.today())}."
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.BOOKING_CREATED, text, "booking", booking.id)
    _tell_crew(tx, booking, _crew(tx, booking, booking.crew_ids(), actor), actor)


def booking_changed(event: BookingChanged, tx: Transaction) -> None:
    """The crew hear of what changed for them (newcomers get the whole trip, those taken
    off are told so); the owner, and whoever recorded the booking, hear of dates, price and
    a bus swapped changed by someone else."""
    before, after, actor = event.before, event.after, event.actor
    names = _names(tx, after.tenant_id)
    new_crew = [u for u in after.crew_ids() if u not in before.crew_ids()]
    _tell_crew(tx, after, _crew(tx, after, new_crew, actor), actor)
    for member in _crew(tx, before, before.crew_ids(), actor):
        if not after.involves(member.id):
            text = crew.removed_notice(before, names)
            alert(tx, [member], AlertKind.TRIP_CHANGED, text, "booking", after.id)
        elif crew.crew_changes(before, after, member.id, names):
            text = crew.changed_notice(before, after, member.id, names)
            buttons = crew.answer_buttons(after.id)
            alert(tx, [member], AlertKind.TRIP_CHANGED, text, "booking", after.id, buttons)
    lines = _owner_lines(before, after, names)
    if lines:
        text = f"{actor.name} mengubah booking {after.client_name}: " + "; ".join(lines) + "."
        told = _owners_and_author(tx, actor, after.created_by)
        alert(tx, told, AlertKind.BOOKING_CHANGED, text, "booking", after.id)
    _settle_answers(tx, before, after)


def _settle_answers(tx: Transaction, before: Booking, after: Booking) -> None:
    """A "Tidak bisa" asks the managers to change the crew: once the one who said it is
    taken off the trip, its alert (and a "ternyata bisa" after it) is settled and leaves
    their Peringatan, as a paper's warning leaves Armada once the paper is renewed. So is
    an offer to take the trip, once the one who offered is put on it."""
    team = tx.team(after.tenant_id)
    gone = {u.id for u in team if before.involves(u.id) and not after.involves(u.id)}
    joined = {u.id for u in team if after.involves(u.id) and not before.involves(u.id)}
    settled = {AlertKind.TRIP_DECLINED: gone, AlertKind.CREW_OFFER: joined}
    if not (gone or joined):
        return
    for manager in (u for u in team if u.role in MANAGERS):
        for a in tx.alerts.for_user(after.tenant_id, manager.id):
            on_trip = (a.entity, a.entity_id) == ("booking", after.id)
            if on_trip and a.about_user_id in settled.get(a.kind, set()):
                tx.alerts.remove(after.tenant_id, a.id)


def _owner_lines(before: Booking, after: Booking, names: crew.Names) -> list[str]:
    """Dates, price, a bus swapped for another and a crew member replaced: what the owner
    wants to hear of when someone else changes it (his bus taken off a trip, another of his
    put on it; one of his people taken off it)."""
    lines = []
    if (before.depart_date, before.return_date) != (after.depart_date, after.return_date):
        was = days_label(before.depart_date, before.return_date, names.today)
        now = days_label(after.depart_date, after.return_date, names.today)
        lines.append(f"tanggal {was} → {now}")
    if before.price != after.price:
        was = f"{format_rupiah(before.price)} → " if before.priced else ""
        lines.append(f"harga {was}{format_rupiah(after.price)}")
    gone = [b for b in before.bus_ids() if b not in after.bus_ids()]
    came = [b for b in after.bus_ids() if b not in before.bus_ids()]
    if gone and came:
        was = ", ".join(_bus_name(names, b) for b in gone)
        now = ", ".join(_bus_name(names, b) for b in came)
        lines.append(f"bus {was} → {now}")
    # Someone taken off a bus for another ("pkk bsk sopirnya slamet, joko izin"): who drives
    # (or is kernet) instead; a seat merely filled is the crew's news, not the owner's.
    kept = {a.bus_id: a for a in after.assignments}
    for seat_before in before.assignments:
        seat_after = kept.get(seat_before.bus_id)
        if seat_after is None:
            continue
        for role, old, new in (
            ("sopir", seat_before.driver_id, seat_after.driver_id),
            ("kernet", seat_before.co_driver_id, seat_after.co_driver_id),
        ):
            if old and new and old != new and not after.involves(old):
                lines.append(f"{role} {names.person(old)} → {names.person(new)}")
    return lines


def _bus_name(names: crew.Names, bus_id: str) -> str:
    bus = names.buses.get(bus_id)
    return bus.name if bus is not None else "bus lain"


def booking_cancelled(event: BookingCancelled, tx: Transaction) -> None:
    actor, booking = event.actor, event.booking
    what = describe(booking, tx.deps.clock.today())
    if event.slip:
        text = f"Booking dihapus oleh {actor.name} karena salah catat: {what}."
        refund = booking.refund_due
        fee = " Tidak ada biaya pembatalan."
        fee += f" Refund ke klien {format_rupiah(refund)}." if refund else ""
    else:
        text = f"Booking dibatalkan oleh {actor.name}: {what}."
        fee = f" {event.cancellation.sentence()}" if event.cancellation is not None else ""
    # The fee is money: the managers hear it, the crew only that the trip is off.
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.BOOKING_CANCELLED, text + fee, "booking", booking.id)
    told = crew.cancelled_notice(booking, _names(tx, booking.tenant_id))
    people = _crew(tx, booking, booking.crew_ids(), actor)
    alert(tx, people, AlertKind.BOOKING_CANCELLED, told, "booking", booking.id)


def cancellation_fee_waived(event: CancellationFeeWaived, tx: Transaction) -> None:
    """The managers heard the fee with the cancellation; they hear it is let go."""
    actor, booking = event.actor, event.booking
    refund = booking.refund_due
    after = f" Refund ke klien {format_rupiah(refund)}." if refund else ""
    text = (
        f"{actor.name} membebaskan biaya pembatalan {format_rupiah(event.waived_fee)}: "
        f"{describe(booking, tx.deps.clock.today())}.{after}"
    )
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.BOOKING_CHANGED, text, "booking", booking.id)


def booking_status_taken_back(event: BookingStatusTakenBack, tx: Transaction) -> None:
    """The owner hears of it (from someone else); a cancellation taken back is news for
    those who heard of the cancellation: the managers, and the crew get their trip again."""
    actor, before, after = event.actor, event.before, event.after
    names = _names(tx, after.tenant_id)
    when = days_label(after.depart_date, after.return_date, names.today)
    done = STATUS_TAKEN_BACK[before.status][2].format(after.client_name)
    text = f"{actor.name}: {done} ({when}); statusnya kembali {after.status.label}."
    cancelled = before.status is BookingStatus.CANCELLED
    told = _managers(tx, actor.tenant_id, actor.id) if cancelled else _owners(tx, actor)
    alert(tx, told, AlertKind.BOOKING_CHANGED, text, "booking", after.id)
    if cancelled:
        _tell_crew(tx, after, _crew(tx, after, after.crew_ids(), actor), actor)


def trip_answered(event: TripAnswered, tx: Transaction) -> None:
    """A "Tidak bisa" is news for the owner and admins: somebody must find a replacement;
    and so is a "Siap" after it, before they do."""
    actor, booking = event.actor, event.booking
    names = _names(tx, booking.tenant_id)
    managers = _managers(tx, actor.tenant_id, actor.id)
    if event.reconsidered:
        # The "tidak bisa ... mohon cari pengganti" he took back no longer stands on the
        # managers' Peringatan: this news takes its place.
        for manager in managers:
            for a in tx.alerts.for_user(booking.tenant_id, manager.id):
                on_trip = (a.entity, a.entity_id) == ("booking", booking.id)
                if on_trip and a.kind is AlertKind.TRIP_DECLINED and a.about_user_id == actor.id:
                    tx.alerts.remove(booking.tenant_id, a.id)
        text = (
            f"✅ {actor.name} ternyata bisa bertugas di trip {booking.client_name} "
            f"({crew.when(booking, names.today)}): sebelumnya bilang tidak bisa. Ia masih "
            "tercatat di trip ini."
        )
        alert(tx, managers, AlertKind.TRIP_DECLINED, text, "booking", booking.id, about=actor)
    if event.ready:
        return
    place = crew.seat(booking, actor.id)
    text = f"⚠️ {actor.name} tidak bisa bertugas di {_crews_trip(booking, actor, names)}."
    if event.reason:
        text += f' Pesannya: "{event.reason}".'
    text += " Mohon cari pengganti dan ubah kru trip ini."
    others = tx.bookings.overlapping(booking.tenant_id, booking.days)
    said = tx.activity.since(booking.tenant_id, tx.deps.clock.now() - crew.DAY_OFF_NOTICE)
    off = crew.days_off(said, booking.days)
    free = crew.free_drivers(tx.team(booking.tenant_id), others, off)
    suggested = event.stand_in
    if suggested is not None:
        # "bisa diganti slamet ga?": the suggestion, and whether that person is free.
        free_then = any(u.id == suggested.id for u in free)
        text += f" {actor.name} mengusulkan {suggested.name} sebagai pengganti"
        text += " (kosong di tanggal itu)." if free_then else "; ia tidak kosong di tanggal itu."
        free = sorted(free, key=lambda u: u.id != suggested.id)
    if free:
        text += f" Sopir yang kosong di tanggal itu: {', '.join(u.name for u in free)}."
        if place is not None and place.driver_id == actor.id:
            # A reply that the assistant reads as that change, to copy and send.
            who = f"{booking.client_name} ganti {free[0].name}".lower()
            text += f' Balas misalnya: "sopir {who}".'
    alert(tx, managers, AlertKind.TRIP_DECLINED, text, "booking", booking.id, about=actor)


def trip_delayed(event: TripDelayed, tx: Transaction) -> None:
    """A driver or kernet running late: the owner and admins hear who, which trip of today
    and the delay in their words."""
    actor, booking = event.actor, event.booking
    managers = _managers(tx, actor.tenant_id, actor.id)
    if booking is None:
        text = f'⏰ {actor.name} mengabarkan terlambat: "{event.said}" (hari ini tidak ada '
        text += "trip di jadwalnya)."
        alert(tx, managers, AlertKind.TRIP_DELAYED, text, "user", actor.id)
        return
    trip = _crews_trip(booking, actor, _names(tx, booking.tenant_id))
    text = f'⏰ {actor.name} mengabarkan terlambat untuk {trip}: "{event.said}".'
    alert(tx, managers, AlertKind.TRIP_DELAYED, text, "booking", booking.id)


def _crews_trip(booking: Booking, member: User, names: crew.Names) -> str:
    """ "trip PKK Caturtunggal (Selasa, 1 Des, jam 05.30, Bus 03)": a crew member's trip, with
    the bus they ride."""
    place = crew.seat(booking, member.id)
    bus = names.buses.get(place.bus_id) if place is not None else None
    on = f", {bus.name}" if bus is not None else ""
    return f"trip {booking.client_name} ({crew.when(booking, names.today)}{on})"


def cash_held(event: CashHeld, tx: Transaction) -> None:
    """A driver or kernet holding a client's money: the owner and admins hear who holds how
    much from whom, for which trip, and that it is theirs to record once it reaches them."""
    actor, booking = event.actor, event.booking
    kind = PAYMENT_LABELS[event.payment_type] if event.payment_type else "pembayaran"
    how = " tunai" if event.cash else ""
    source = f"dari {event.client_name} (tidak ada tripnya di jadwal {actor.name})"
    if not event.client_name:
        source = "(kliennya tidak disebut)"
    if booking is not None:
        source = f"untuk {_crews_trip(booking, actor, _names(tx, booking.tenant_id))}"
    # What to type once it arrives, read as that payment (never recorded before then).
    example = ""
    if booking is not None:
        said = f"{booking.client_name.lower()} {kind} {format_rupiah(event.amount)}{how}"
        example = f", misalnya: *{said} sudah diterima*"
    text = (
        f"💰 {actor.name} menerima {kind} {format_rupiah(event.amount)}{how} {source}; "
        f"catat pembayarannya setelah uangnya diterima{example}."
    )
    if event.more:
        text += f' Pesannya: "{event.more}".'
    if event.said:
        # His word on that money after: news of it, still nothing recorded.
        text = (
            f"💰 Kabar dari {actor.name} soal {kind} {format_rupiah(event.amount)}{how} "
            f'{source}: "{event.said}". Belum dicatat; catat pembayarannya setelah uangnya '
            "diterima."
        )
    entity, entity_id = ("booking", booking.id) if booking is not None else ("user", actor.id)
    alert(
        tx, _managers(tx, actor.tenant_id, actor.id), AlertKind.CASH_HELD, text, entity, entity_id
    )


def paper_news(event: PaperNews, tx: Transaction) -> None:
    """A driver's word on a paper: the owner and admins hear it, with how to record it."""
    actor = event.actor
    text = (
        f'📄 Kabar dari {actor.name} soal {event.paper}: "{event.said}". Belum dicatat; '
        f'kalau masa berlakunya yang baru sudah pasti, kirim misalnya: "{event.example}".'
    )
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.DOCUMENT_EXPIRING, text, event.entity, event.entity_id)


def crew_day_off(event: CrewDayOff, tx: Transaction) -> None:
    """A crew member off on a day without a trip: the owner and admins hear it, so that
    nobody puts them on a trip that day."""
    actor = event.actor
    day = day_label(event.day, tx.deps.clock.today())
    text = f"⚠️ {actor.name} izin tidak bisa bertugas {day} (belum ada trip untuknya hari itu)."
    if actor.role is Role.ADMIN:
        text = f"⚠️ {actor.name} (admin) izin tidak masuk {day}."  # "sy besok ga masuk ya pak"
    if event.reason:
        text += f' Pesannya: "{event.reason}".'
    if actor.role is not Role.ADMIN:
        text += " Mohon jangan dijadwalkan di tanggal itu."
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.TRIP_DECLINED, text, "user", actor.id, about=actor)


def trip_offered(event: TripOffered, tx: Transaction) -> None:
    """An offer to take a trip, or a swap agreed between two of the crew: the owner and
    admins hear it with the trips' crew now and the reply that makes the change."""
    actor = event.actor
    text = crew.offer_notice(
        actor,
        event.trips,
        event.said,
        _names(tx, actor.tenant_id),
        teammate=event.teammate,
        as_kernet=event.as_kernet,
        swap=event.swap,
        clashes=event.clashes,
        named=event.named,
    )
    # The trip he is to be put on (in a swap, the teammate's: not the one he drives now),
    # so that the alert is settled when he is (_settle_answers).
    wanted = next((t for t in event.trips if not t.involves(actor.id)), None)
    wanted = wanted or (event.trips[0] if event.trips else None)
    entity, entity_id = ("booking", wanted.id) if wanted else ("user", actor.id)
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.CREW_OFFER, text, entity, entity_id, about=actor)


def crew_back_on_duty(event: CrewBackOnDuty, tx: Transaction) -> None:
    """A day off taken back: the owner and admins, who heard of the day off, hear that the
    person may be given a trip that day after all."""
    actor = event.actor
    day = day_label(event.day, tx.deps.clock.today())
    text = f"✅ {actor.name} ternyata bisa bertugas {day}: izinnya dibatalkan."
    if actor.role is Role.ADMIN:
        text = f"✅ {actor.name} (admin) ternyata masuk {day}: izinnya dibatalkan."
    if event.said:
        text += f' Pesannya: "{event.said}".'
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.TRIP_DECLINED, text, "user", actor.id, about=actor)


def _owners(tx: Transaction, actor: User) -> list[User]:
    """The owner, for a change somebody else made: never for the owner's own changes."""
    return [
        u
        for u in tx.team(actor.tenant_id)
        if u.role is Role.OWNER and u.active and u.id != actor.id
    ]


def _owners_and_author(tx: Transaction, actor: User, author_id: str) -> list[User]:
    """The owner and the record's author (an admin who talks to the client), for a change
    somebody else made: "Pak Budi mengubah booking Bu Dewi" reaches the admin who booked it."""
    owners = _owners(tx, actor)
    author = next((u for u in tx.team(actor.tenant_id) if u.id == author_id), None)
    if author is None or not author.active or author.id == actor.id or author in owners:
        return owners
    return [*owners, author] if author.role is not Role.DRIVER else owners


def _names(tx: Transaction, tenant_id: str) -> crew.Names:
    return crew.Names.of(tx.buses.all(tenant_id), tx.team(tenant_id), tx.deps.clock.today())


def trip_cost_recorded(event: TripCostRecorded, tx: Transaction) -> None:
    """The owner hears of every cost somebody else records."""
    actor, cost, booking = event.actor, event.cost, event.booking
    alert(
        tx,
        _owners(tx, actor),
        AlertKind.TRIP_COST_RECORDED,
        f"Biaya {cost.category.label} {format_rupiah(cost.amount)} untuk trip "
        f"{booking.client_name} ({day_label(booking.depart_date, tx.deps.clock.today())}) "
        f"dicatat oleh {actor.name}.",
        "trip_cost",
        cost.id,
    )


def repair_recorded(event: MaintenanceLogged, tx: Transaction) -> None:
    """The owner hears of every repair with a cost somebody else records, as of a trip's
    cost."""
    actor, log = event.actor, event.log
    if not log.cost:
        return
    bus = tx.buses.get(actor.tenant_id, log.bus_id)
    bus_name = bus.name if bus is not None else "bus"
    alert(
        tx,
        _owners(tx, actor),
        AlertKind.REPAIR_RECORDED,
        f"Perawatan {bus_name} ({log.type.label}) {format_rupiah(log.cost)} "
        f"({day_label(log.performed_date, tx.deps.clock.today())}) dicatat oleh {actor.name}.",
        "maintenance",
        log.id,
    )


def _tell_crew(tx: Transaction, booking: Booking, people: list[User], actor: User) -> None:
    """Each newcomer gets the whole trip with the buttons to answer it; a driver also gets
    the surat jalan."""
    names = _names(tx, booking.tenant_id)
    buttons = crew.answer_buttons(booking.id)
    for member in people:
        text = crew.assigned_notice(booking, member.id, names)
        alert(tx, [member], AlertKind.TRIP_ASSIGNED, text, "booking", booking.id, buttons)
        if any(a.driver_id == member.id for a in booking.assignments):
            tx.record(TripSheetDue(actor=actor, booking=booking, driver=member))


def trip_notice_resent(event: TripNoticeResent, tx: Transaction) -> None:
    """Asked to tell a crew member of his trip: the assignment's notice (and a driver's
    surat jalan) again."""
    _tell_crew(tx, event.booking, [event.member], event.actor)


def message_relayed(event: MessageRelayed, tx: Transaction) -> None:
    """Word passed on to a teammate: who it is from and what they said, as said, with the
    number to answer them on."""
    actor = event.actor
    text = (
        f"💬 Pesan dari {actor.name} ({ROLE_LABELS[actor.role]}):\n“{event.text}”\n\n"
        f"Balas di sini, saya teruskan ke {actor.name}; atau hubungi langsung di "
        f"{local_phone(actor.phone)}."
    )
    message = OutboundMessage(to=event.recipient.phone, body=text)
    enqueue(tx.deps, tx, message, actor.tenant_id, purpose=Purpose.ALERT)


def send_trip_sheet(event: TripSheetDue, tx: Transaction) -> None:
    """The driver's surat jalan as a WhatsApp document, right after the assignment."""
    if tx.deps.renderer is None:
        return
    bus_id = next(
        (a.bus_id for a in event.booking.assignments if a.driver_id == event.driver.id), None
    )
    try:
        link = papers.trip_sheet(tx.deps.within(tx), event.actor, event.booking.id, bus_id)
    except Exception:
        # A paper that cannot be drawn now (the file store is down) must not undo the
        # booking: the driver still has the assignment and can ask "surat jalan" later.
        log.warning("surat jalan not sent with the assignment", exc_info=True)
        return
    caption = f"Surat jalan Anda: {describe(event.booking, tx.deps.clock.today())}."
    message = papers.as_document(event.driver.phone, link, caption)
    enqueue(tx.deps, tx, message, event.booking.tenant_id, purpose=Purpose.ALERT)


def conflict_refused(event: ConflictRefused, tx: Transaction) -> None:
    actor = event.actor
    text = f"{actor.name} mencoba booking yang bentrok. {event.explanation}"
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.CONFLICT_ATTEMPT, text, "booking", event.booking_id)


def payment_recorded(event: PaymentRecorded, tx: Transaction) -> None:
    actor, payment, booking = event.actor, event.payment, event.booking
    label = payment_label(payment.type, booking.owed if booking.is_live else 0)
    # A refund goes to the client; every other payment comes from them.
    direction = "ke" if payment.type is PaymentType.REFUND else "dari"
    left, amount = booking.balance
    text = (
        f"{label[:1].upper() + label[1:]} {format_rupiah(payment.amount)} {direction} "
        f"{booking.client_name} dicatat oleh {actor.name}. {left} {format_rupiah(amount)}."
    )
    alert(tx, _owners(tx, actor), AlertKind.PAYMENT_RECORDED, text, "payment", payment.id)


def record_taken_back(event: RecordTakenBack, tx: Transaction) -> None:
    """A voided or corrected record is told to whoever heard of the original: payments and
    trip costs to the owner; the rest left only a trail, and still do."""
    actor, author = event.actor, event.author
    if author is not None and author.id != actor.id and author.active:
        # The owner took back someone else's record: its author hears it, whatever it was.
        told = f"{actor.name} mengoreksi catatan yang Anda simpan: {event.what}"
        to_author = _TAKEN_BACK_ALERTS.get(event.kind, AlertKind.BOOKING_CHANGED)
        alert(tx, [author], to_author, told, event.kind.value, event.entity_id)
    kind = _TAKEN_BACK_ALERTS.get(event.kind)
    if kind is None:
        return
    text = f"{actor.name} mengoreksi catatan: {event.what}"
    alert(tx, _owners(tx, actor), kind, text, event.kind.value, event.entity_id)


def booking_taken_back_for_author(event: BookingTakenBackForAuthor, tx: Transaction) -> None:
    told = f"{event.actor.name} mengoreksi catatan yang Anda simpan: {event.what}"
    if event.author.active:
        alert(tx, [event.author], AlertKind.BOOKING_CHANGED, told, "booking", event.booking_id)


_TAKEN_BACK_ALERTS = {
    RecordKind.PAYMENT: AlertKind.PAYMENT_RECORDED,
    RecordKind.TRIP_COST: AlertKind.TRIP_COST_RECORDED,
    RecordKind.MAINTENANCE: AlertKind.REPAIR_RECORDED,
}


def problem_reported(event: ProblemReported, tx: Transaction) -> None:
    """The owner and admins are alerted (on WhatsApp and the Peringatan page)."""
    actor = event.actor
    text = f'⚠️ Laporan {actor.name} soal {event.bus.name}: "{event.report}"'
    if event.follow_up:
        text = f'ℹ️ Kabar lanjutan dari {actor.name} soal {event.bus.name}: "{event.report}"'
    managers = _managers(tx, actor.tenant_id, actor.id)
    alert(tx, managers, AlertKind.BUS_PROBLEM, text, "bus", event.bus.id)


def queue_briefings(event: BriefingsComposed, tx: Transaction) -> None:
    """The morning's messages, in one statement, each worth sending until 10:00 local."""
    tx.outbox.add_many(
        [
            outbox_item(
                tx.deps,
                message,
                event.tenant_id,
                purpose=Purpose.BRIEFING,
                expires_at=event.expires_at,
            )
            for message in event.messages
        ]
    )


def message_undelivered(event: MessageUndelivered, tx: Transaction) -> None:
    """A message that finally could not be delivered: the PO's owner is told (on the
    dashboard, and on WhatsApp once it works again). Not for a message to the owner
    themself (they could not get this one either: the dashboard alert stays) and not for
    strangers' messages, which belong to no PO."""
    item = event.item
    if item.tenant_id is None:
        return
    team = tx.team(item.tenant_id)
    owners = [u for u in team if u.role is Role.OWNER and u.active]
    owners = [u for u in owners if u.phone != item.message.to]
    if not owners:
        return
    person = next((u.name for u in team if u.phone == item.message.to), None)
    who = person or "nomor " + mask_phone(item.message.to)
    what = " ".join((item.message.body or " ".join(item.message.template_params)).split())
    if len(what) > 80:
        what = what[:79] + "…"
    text = f"Pesan WhatsApp untuk {who} tidak terkirim"
    text += f': "{what}".' if what else "."
    text += " Mohon sampaikan langsung bila masih perlu."
    alert(tx, owners, AlertKind.DELIVERY_FAILED, text, "outbox", item.id)


# --- WhatsApp --------------------------------------------------------------------------


def notify(event: AlertRaised, tx: Transaction) -> None:
    """Alerts reach people on WhatsApp through the outbox, committed with the change."""
    text = event.alert.text
    if event.buttons:
        # Outside the 24-hour window the trip goes as its template, the buttons as its
        # quick replies: still answered with one tap.
        params = (one_line(text.replace("• ", "")),)
        template = OutboundMessage(
            to=event.phone,
            kind=MessageKind.TEMPLATE,
            template_name=TRIP_NOTICE.name,
            template_params=params,
            body=TRIP_NOTICE.render(params),
            buttons=event.buttons,
        )
        message = OutboundMessage(
            to=event.phone,
            kind=MessageKind.BUTTONS,
            body=f"{text}\n\n{crew.ASK_ANSWER}",
            buttons=event.buttons,
            fallback=template,
        )
    else:
        message = OutboundMessage(to=event.phone, body=text)
    enqueue(tx.deps, tx, message, event.alert.tenant_id, purpose=Purpose.ALERT)


def send_reply(event: ReplyWritten, tx: Transaction) -> None:
    enqueue(tx.deps, tx, event.message, event.tenant_id, in_reply_to=event.in_reply_to)


# --- the table -------------------------------------------------------------------------

_TRAIL_ONLY: list[type[Event]] = [
    TenantChanged,
    TenantCreated,
    InviteCreated,
    InviteRevoked,
    LoginCodeRequested,
    MemberJoined,
    MemberChanged,
    InviteRevoked,
    TenantChanged,
    BookingStatusChanged,
    BusAdded,
    BusChanged,
    BusStatusSet,
    OdometerRead,
    ServiceIntervalSet,
    DocumentRecorded,
    DocumentRenewed,
    PaperDrawn,
    MediaReceived,
]


def send_login_code(event: LoginCodeRequested, tx: Transaction) -> None:
    """The code lives 5 minutes; so does its message (Purpose.LOGIN_CODE)."""
    enqueue(tx.deps, tx, event.message, event.user.tenant_id, purpose=Purpose.LOGIN_CODE)


HANDLERS: Handlers = {
    **{kind: [record_activity] for kind in _TRAIL_ONLY},
    BookingCreated: [record_activity, booking_created],
    BookingChanged: [record_activity, booking_changed],
    BookingCancelled: [record_activity, booking_cancelled],
    BookingStatusTakenBack: [record_activity, booking_status_taken_back],
    CancellationFeeWaived: [record_activity, cancellation_fee_waived],
    TripCostRecorded: [record_activity, trip_cost_recorded],
    MaintenanceLogged: [record_activity, repair_recorded],
    TripAnswered: [record_activity, trip_answered],
    CrewDayOff: [record_activity, crew_day_off],
    CrewBackOnDuty: [record_activity, crew_back_on_duty],
    TripOffered: [record_activity, trip_offered],
    TripDelayed: [record_activity, trip_delayed],
    PaperNews: [paper_news],
    CashHeld: [cash_held],
    ConflictRefused: [conflict_refused],
    PaymentRecorded: [record_activity, payment_recorded],
    RecordTakenBack: [record_activity, record_taken_back],
    BookingTakenBackForAuthor: [booking_taken_back_for_author],
    BriefingsComposed: [queue_briefings],
    ProblemReported: [record_activity, problem_reported],
    MessageUndelivered: [message_undelivered],
    AlertRaised: [notify],
    TripNoticeResent: [trip_notice_resent],
    MessageRelayed: [record_activity, message_relayed],
    TripSheetDue: [send_trip_sheet],
    ReplyWritten: [send_reply],
    LoginCodeRequested: [send_login_code],
}


def without(table: Handlers, *dropped: Handler) -> Handlers:
    """The table minus some handlers: the demo seed records its month of history (activity
    and alerts) without messaging anyone about it."""
    return {kind: [h for h in handlers if h not in dropped] for kind, handlers in table.items()}


QUIET_HANDLERS: Handlers = without(HANDLERS, notify, send_trip_sheet, message_relayed)
