"""By chat: "hapus yang barusan", "koreksi dp bu wati harusnya 1,5jt bukan 1jt". The
sender's own records of today (domain/services/corrections.py), the newest that fits what
the message names, proposed with old -> new and applied on "ya" like every action."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from keloia.domain.errors import InvalidInput, NotFound
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.fleet import BusStatus
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.money import kind_on_move
from keloia.domain.model.news import CLIENT_CALLED_OFF_RE
from keloia.domain.model.payments import PAYMENT_LABELS, Payment, format_rupiah, method_label
from keloia.domain.model.permissions import Action, Resource, Scope, scope_of
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, local_phone
from keloia.domain.model.undo import (
    RECORD_LABELS,
    SAVED_ACTIONS,
    STATUS_TAKEN_BACK,
    RecordKind,
    near,
    saved_values,
)
from keloia.domain.services import bookings, corrections
from keloia.domain.services.assistant.booking_plans import cancel_booking, update_booking
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.crew_plans import reassign
from keloia.domain.services.assistant.fleet_plans import update_bus_status
from keloia.domain.services.assistant.plans import NeedMore, Plan, crew_lines, label
from keloia.domain.services.assistant.replies import capitalized, clock
from keloia.domain.services.assistant.resolve import find_bookings, same_client
from keloia.domain.services.assistant.targets import named_bus
from keloia.domain.services.bookings import BookingChanges
from keloia.domain.services.validation import build


def undo_last(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """Void the newest record of the sender's today that fits the message."""
    entry = _pick(ctx, f, target_id, correcting=False)
    kind = SAVED_ACTIONS[entry.action]
    if kind is RecordKind.PAYMENT:
        return _void_payment(ctx, entry)
    if kind is RecordKind.BOOKING:
        return _revert_booking(ctx, entry)
    together = _saved_with(ctx, entry)
    if len(together) > 1:
        return _void_together(ctx, together)

    def check() -> None:
        corrections.void_record(ctx.deps, ctx.actor, kind, entry.entity_id, dry_run=True)

    def apply() -> str:
        return corrections.void_record(ctx.deps, ctx.actor, kind, entry.entity_id).sentence()

    def summary() -> str:
        taken = corrections.void_record(ctx.deps, ctx.actor, kind, entry.entity_id, dry_run=True)
        verb = "kembalikan" if taken.change.startswith("dikembalikan") else "hapus"
        head = f"Saya *{verb}* {taken.label} yang {_whose(ctx, entry)} {_when(ctx, entry)}:"
        return f"{head}\n• {taken.change}"

    return Plan(summary, check, apply, entry.entity_id)


def _saved_with(ctx: MessageContext, entry: ActivityEntry) -> list[ActivityEntry]:
    """The records of the same kind one message saved together ("kir bus 03 ..., stnk bus
    03 ..."), in the order said: "hapus yang barusan" takes them back together."""
    kind = SAVED_ACTIONS[entry.action]
    together = [
        e
        for e in corrections.saved(ctx.deps, ctx.actor)
        if e.source_message_id == entry.source_message_id and SAVED_ACTIONS[e.action] is kind
    ]
    return sorted(together, key=lambda e: (e.at, e.id))


def _void_together(ctx: MessageContext, entries: list[ActivityEntry]) -> Plan:
    kind = SAVED_ACTIONS[entries[0].action]

    def void(dry_run: bool) -> list[corrections.Taken]:
        return [
            corrections.void_record(ctx.deps, ctx.actor, kind, e.entity_id, dry_run=dry_run)
            for e in entries
        ]

    def check() -> None:
        void(dry_run=True)

    def apply() -> str:
        return "\n".join(taken.sentence() for taken in void(dry_run=False))

    def summary() -> str:
        taken = void(dry_run=True)
        head = (
            f"Saya *batalkan* {len(taken)} catatan yang {_whose(ctx, entries[0])} bersama "
            f"{_when(ctx, entries[0])}:"
        )
        return "\n".join([head, *(f"• {capitalized(t.label)} {t.change}" for t in taken)])

    return Plan(summary, check, apply, entries[0].entity_id)


def correct_last(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """Put one value right in the newest record of the sender's today that fits; a booking's
    price or day said wrong with no such record ("harga bu dewi kemarin salah ketik,
    harusnya 6jt") is a change of that booking, proposed as one."""
    if (stay := _stay_put_right(ctx, f)) is not None:
        # The sender's own last change was a workshop stay: the days said are its days
        # (never another's record the owner may also put right).
        return update_bus_status(ctx, stay, target_id)
    try:
        entry = _pick(ctx, f, target_id, correcting=True)
    except NotFound:
        low = ctx.text.lower()
        priced = f.price or (f.amount if re.search(r"\b(?:harga|hrg)", low) else None)
        # A day said for the trip ("tgl bu dewi salah, harusnya 5 des"), never the day the
        # mistake was made ("salah input kemarin").
        day = f.depart_date or (f.date if re.search(r"\b(?:tgl|tanggal)", low) else None)
        # (On its "ya" the booking found is the target: the same change is made.)
        if _booking_put_right(f, priced, day):
            said: dict[str, object] = {"client_name": f.client_name, "price": priced}
            said |= {"depart_date": day, "return_date": f.return_date}
            change = ExtractedFields.model_validate({k: v for k, v in said.items() if v})
            return update_booking(ctx, change, target_id)
        raise
    kind = SAVED_ACTIONS[entry.action]
    if kind is RecordKind.PAYMENT:
        return _correct_payment(ctx, f, entry)
    if kind is RecordKind.BOOKING:
        return _correct_booking(ctx, f, entry)
    fix = corrections.RecordFix(
        # "koreksi, harganya 3,2jt bkn 3,4" after a repair: a record with no price but its
        # amount (a repair's cost, a trip cost) takes the price said as that amount.
        amount=f.amount if f.amount is not None else f.price,
        day=f.date,
        odometer_km=f.odometer_km,
        bus_id=named_bus(ctx, f.bus).id if f.bus and kind is RecordKind.MAINTENANCE else None,
        maintenance_type=f.maintenance_type,
        cost_type=f.cost_type,
        booking_id=_cost_moved_to(ctx, f, entry) if kind is RecordKind.TRIP_COST else None,
    )
    if not fix.model_dump(exclude_none=True):
        raise NeedMore(_ASK_WHAT)

    def check() -> None:
        corrections.correct_record(ctx.deps, ctx.actor, kind, entry.entity_id, fix, dry_run=True)

    def apply() -> str:
        taken = corrections.correct_record(ctx.deps, ctx.actor, kind, entry.entity_id, fix)
        return f"Sudah dikoreksi dan dicatat. {taken.sentence()}"

    def summary() -> str:
        taken = corrections.correct_record(
            ctx.deps, ctx.actor, kind, entry.entity_id, fix, dry_run=True
        )
        whose = f"{_whose(ctx, entry)} {_when(ctx, entry)}"
        return f"Saya *koreksi* {taken.label} yang {whose}:\n• {taken.change}"

    return Plan(summary, check, apply, entry.entity_id)


def _stay_put_right(ctx: MessageContext, f: ExtractedFields) -> ExtractedFields | None:
    """ "eh salah ding, 15-16 des" right after a bus was sent to the workshop by chat: the
    stay planned again with the days said (a stay is replaced, never stacked), its note
    kept. None when the last thing saved is not a stay or no day is said."""
    last = corrections.newest_by_chat(ctx.deps, ctx.actor)
    if last is None or last.action != "bus.status" or not (f.date or f.date_to):
        return None
    if not last.snapshot.get("workshop_from"):
        return None  # in or out now, no days to put right
    bus = next((b for b in ctx.buses if b.id == last.entity_id), None)
    if bus is None:
        return None
    until = f.date_to
    was_from, was_until = last.snapshot.get("workshop_from"), last.snapshot.get("workshop_until")
    if f.date and not until and was_until:
        # ("eh salah, mulai tgl 15": the stay as long as it was, from that day.)
        length = date.fromisoformat(str(was_until)) - date.fromisoformat(str(was_from))
        until = f.date + length
    return ExtractedFields(
        bus=bus.name,
        bus_status=BusStatus.MAINTENANCE,
        date=f.date,
        date_to=until,
        notes=str(last.snapshot.get("note") or "") or None,
    )


def _booking_put_right(f: ExtractedFields, price: int | None, day: date | None) -> bool:
    """A client's price or day, said as a correction, naming no payment, cost or work."""
    if not f.client_name or f.record_kind not in (None, RecordKind.BOOKING):
        return False
    if f.payment_type or f.cost_type or f.maintenance_type or f.odometer_km:
        return False
    return bool(price or day or f.return_date)


_ASK_WHAT = (
    'Apa yang perlu dikoreksi? Tulis nilai yang benar, misalnya: "koreksi dp bu wati 1,5jt" '
    'atau "tanggalnya 13 bukan 12".'
)


# --- which record ----------------------------------------------------------------------


def _pick(
    ctx: MessageContext, f: ExtractedFields, target_id: str | None, *, correcting: bool
) -> ActivityEntry:
    # By chat, what the person saved by chat: not the dashboard's work nor the demo's
    # seeded history, which nobody typed here ("yang Anda catat tadi" would not be true).
    entries = [e for e in corrections.saved(ctx.deps, ctx.actor) if e.source_message_id]
    if target_id is not None:
        found = [e for e in entries if e.entity_id == target_id]
        if not found:
            raise NotFound("Catatan itu sudah tidak bisa diubah lagi lewat chat.")
        return found[0]
    kinds = {f.record_kind} if f.record_kind else set()
    if correcting and f.odometer_km is not None and f.record_kind is None:
        kinds = {RecordKind.MAINTENANCE, RecordKind.ODOMETER}  # what has a km
    if kinds:
        entries = [e for e in entries if SAVED_ACTIONS[e.action] in kinds]
    if f.payment_type is not None:
        typed = [e for e in entries if saved_values(e).get("type") == f.payment_type.value]
        # ("bukan bu dewi, tp bu rina. nyicil pelunasan dia" after a DP: the kind it should
        # have been, which a move to her booking works out, never a filter.)
        if typed or not correcting:
            entries = typed
    if f.cost_type is not None and f.record_kind is RecordKind.TRIP_COST:
        # "eh salah tol e 1.250.000" after the toll, parking and meal were saved: the toll.
        # (No cost of that kind saved: the kind is what is put right, never a filter.)
        kind_of = [e for e in entries if saved_values(e).get("category") == f.cost_type.value]
        entries = kind_of or entries
    if f.client_name:
        named = [e for e in entries if same_client(_client_of(ctx, e), f.client_name)]
        # In a correction a name no saved record has is the right client, not a filter.
        if named or not correcting:
            entries = named
    if not entries:
        raise NotFound(_nothing(ctx, f))
    first = entries[0]
    if (
        correcting
        and (f.date or f.client_name)
        and SAVED_ACTIONS[first.action] is RecordKind.PAYMENT
    ):
        # The DP typed with a new booking: its date and client are the booking's.
        booking_id = saved_values(first).get("booking_id")
        made = [e for e in entries if e.entity_id == booking_id and e.at == first.at]
        return made[0] if made and not f.amount else first
    return first


def _nothing(ctx: MessageContext, f: ExtractedFields) -> str:
    what = RECORD_LABELS[f.record_kind] if f.record_kind else "catatan"
    if f.client_name:
        what += f" {f.client_name}"
    # A driver asks the admin; an admin, the owner (who may by chat too) or the dashboard.
    who = "admin"
    if ctx.actor.role is not Role.DRIVER:
        who = "pemilik (lewat chat juga), atau lewat dashboard (halaman Jadwal, /jadwal)"
    if scope_of(ctx.actor.role, Action.UPDATE, Resource.TAKEN_BACK) is Scope.ALL:
        return (
            f"Belum ada {what} yang disimpan lewat chat hari ini untuk dibatalkan atau "
            "dikoreksi. Lewat chat hanya catatan hari ini yang bisa diubah; yang lebih lama "
            "diubah lewat dashboard (halaman Jadwal, /jadwal)."
        )
    return (
        f"Belum ada {what} yang Anda simpan lewat chat hari ini untuk dibatalkan atau "
        "dikoreksi. Lewat chat hanya catatan Anda sendiri dari chat hari ini yang bisa diubah; "
        f"yang lebih lama atau yang dicatat orang lain diubah oleh {who}."
    )


def _client_of(ctx: MessageContext, entry: ActivityEntry) -> str:
    record = saved_values(entry)
    if isinstance(record.get("client_name"), str):
        return str(record["client_name"])
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, str(record.get("booking_id", "")))
    return booking.client_name if booking else ""


def _author(ctx: MessageContext, entry: ActivityEntry) -> str:
    """The name of who saved the record."""
    return next((u.name for u in ctx.team if u.id == entry.actor_id), "orang lain")


def _whose(ctx: MessageContext, entry: ActivityEntry) -> str:
    """ "Anda catat", or "dicatat Sari" when the owner takes back the admin's record."""
    return "Anda catat" if entry.actor_id == ctx.actor.id else f"dicatat {_author(ctx, entry)}"


def _when(ctx: MessageContext, entry: ActivityEntry) -> str:
    local = entry.at.astimezone(ZoneInfo(ctx.tenant.settings.timezone))
    return f"tadi (jam {local:%H.%M})"


# --- payments --------------------------------------------------------------------------


def _paid_line(payment: Payment, booking: Booking, today: date) -> str:
    label = PAYMENT_LABELS[payment.type]
    return (
        f"{label[:1].upper() + label[1:]} {format_rupiah(payment.amount)} "
        f"{booking.client_name} ({day_label(payment.paid_date, today)})"
    )


def _void_payment(ctx: MessageContext, entry: ActivityEntry) -> Plan:
    payment, booking = ctx.uow.payment_with_booking(ctx.actor.tenant_id, entry.entity_id)
    before = max(booking.outstanding, 0)
    after = booking.outstanding + payment.signed_amount
    waits = (
        " Booking-nya kembali menunggu konfirmasi." if booking.waits_again_without(payment) else ""
    )

    def summary() -> str:
        return (
            f"Saya *hapus* pembayaran yang {_whose(ctx, entry)} {_when(ctx, entry)}:\n"
            f"• {_paid_line(payment, booking, ctx.today)}\n"
            f"• Sisa tagihan {booking.client_name}: {format_rupiah(before)} → "
            f"{format_rupiah(max(after, 0))}\n"
            + (f"•{waits}\n" if waits else "")
            + "Catatannya tetap tersimpan sebagai pembatalan, bukan dihapus diam-diam."
        )

    def check() -> None:
        corrections.void_payment(ctx.deps, ctx.actor, payment.id, dry_run=True)

    def apply() -> str:
        corrections.void_payment(ctx.deps, ctx.actor, payment.id)
        return (
            f"{_paid_line(payment, booking, ctx.today)} sudah dihapus. Sisa tagihan "
            f"{booking.client_name} kembali {format_rupiah(max(after, 0))}.{waits}"
        )

    return Plan(summary, check, apply, payment.id)


def _correct_payment(ctx: MessageContext, f: ExtractedFields, entry: ActivityEntry) -> Plan:
    payment, booking = ctx.uow.payment_with_booking(ctx.actor.tenant_id, entry.entity_id)
    moved: Booking | None = None
    if f.client_name and not same_client(f.client_name, booking.client_name):
        moved = _client_booking(ctx, f.client_name)
    fix = corrections.PaymentFix(
        amount=f.amount if f.amount != payment.amount else None,
        paid_date=f.date,
        method=f.method,
        booking_id=moved.id if moved else None,
    )
    if not fix.model_dump(exclude_none=True):
        raise NeedMore(_ASK_WHAT)
    target = moved or booking
    amount = fix.amount or payment.amount
    lines = [f"Saya *koreksi* pembayaran yang {_whose(ctx, entry)} {_when(ctx, entry)}:"]
    lines.append(f"• {_paid_line(payment, booking, ctx.today)}")
    if fix.amount:
        lines.append(f"• Jumlah: {format_rupiah(payment.amount)} → {format_rupiah(amount)}")
    if fix.paid_date:
        old_day, new_day = (
            day_label(payment.paid_date, ctx.today),
            day_label(fix.paid_date, ctx.today),
        )
        lines.append(f"• Tanggal bayar: {old_day} → {new_day}")
    if fix.method:
        was = method_label(payment.method) if payment.method else "-"
        lines.append(f"• Lewat: {was} → {method_label(fix.method)}")
    sign = 1 if payment.signed_amount > 0 else -1
    after_old = booking.outstanding + payment.signed_amount
    after_target = (target.outstanding if moved else after_old) - sign * amount
    if moved:
        lines.append(f"• Booking: {label(ctx, booking)} → {label(ctx, moved)}")
        due = moved.settlement_due(ctx.tenant.settings)
        paid_on = near(fix.paid_date, payment.paid_date) if fix.paid_date else payment.paid_date
        kind = kind_on_move(payment, moved, amount, paid_on, due)
        if kind is not payment.type:
            lines.append(f"• Jenis: {PAYMENT_LABELS[payment.type]} → {PAYMENT_LABELS[kind]}")
        lines.append(
            f"• Sisa tagihan {booking.client_name}: {format_rupiah(max(booking.outstanding, 0))}"
            f" → {format_rupiah(max(after_old, 0))}"
        )
    due_before, due_after = max(target.outstanding, 0), max(after_target, 0)
    if due_before != due_after:  # a method or day put right leaves the balance as it was
        lines.append(
            f"• Sisa tagihan {target.client_name}: {format_rupiah(due_before)} → "
            f"{format_rupiah(due_after)}"
        )

    def check() -> None:
        corrections.correct_payment(ctx.deps, ctx.actor, payment.id, fix, dry_run=True)

    def apply() -> str:
        corrections.correct_payment(ctx.deps, ctx.actor, payment.id, fix)
        return (
            f"Sudah dikoreksi dan dicatat. Sisa tagihan {target.client_name} "
            f"{format_rupiah(max(after_target, 0))}."
        )

    return Plan(lambda: "\n".join(lines), check, apply, payment.id)


def _cost_moved_to(ctx: MessageContext, f: ExtractedFields, entry: ActivityEntry) -> str | None:
    """ "eh salah, itu trip pak hendra bukan bu dewi" after a trip cost: the booking of the
    trip it was for, when another client's is named."""
    if not f.client_name:
        return None
    cost = ctx.uow.trip_costs.get(ctx.actor.tenant_id, entry.entity_id)
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, cost.booking_id) if cost else None
    if booking is None or same_client(f.client_name, booking.client_name):
        return None
    return _client_booking(ctx, f.client_name, "biayanya").id


def _client_booking(ctx: MessageContext, name: str, what: str = "pembayarannya") -> Booking:
    statuses = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.COMPLETED})
    found = find_bookings(
        ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=name, statuses=statuses
    )
    owing = [b for b in found if b.outstanding > 0]
    found = owing or found
    if not found:
        raise NotFound(f"Booking {name} tidak ditemukan, jadi {what} belum bisa dipindah.")
    if len(found) > 1:
        raise Ambiguous(f"Ada {len(found)} booking {name}. Yang mana?", found[:10])
    return found[0]


# --- bookings --------------------------------------------------------------------------


_BOOKING_WORDS = {
    "depart_date": "Berangkat",
    "return_date": "Pulang",
    "client_name": "Klien",
    "price": "Harga",
    "route_from": "Dari",
    "route_to": "Tujuan",
    "pickup_place": "Jemput",
    "pickup_time": "Jam jemput",
    "passengers": "Penumpang",
    "client_phone": "HP klien",
}


def _shown(ctx: MessageContext, name: str, value: object) -> str:
    if value is None or value == "":
        return "-"
    if name == "price" and isinstance(value, int):
        return format_rupiah(value)
    if name.endswith("_date"):
        return day_label(date.fromisoformat(str(value)), ctx.today)
    if name == "client_phone":
        return local_phone(str(value))
    if name == "pickup_time":
        return clock(str(value)[:5])  # "06:00:00" as people write it, "06.00"
    return str(value)


def booking_changes(ctx: MessageContext, entry: ActivityEntry) -> list[str]:
    """What a change of a booking changed, old → new ("harga Rp2.800.000 → Rp3.000.000"),
    from its activity entry; nothing for another entry or one that keeps no old values."""
    before, snap = entry.snapshot.get("before"), entry.snapshot
    if entry.action != "booking.updated" or not isinstance(before, dict):
        return []
    return [
        f"{word.lower()} {_shown(ctx, name, before[name])} → {_shown(ctx, name, snap.get(name))}"
        for name, word in _BOOKING_WORDS.items()
        if name in before and before[name] != snap.get(name)
    ]


def _revert_status(ctx: MessageContext, entry: ActivityEntry) -> Plan:
    """ "batal yang tadi" after "konfirmasi booking bu lilis": back to the status it had."""
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, entry.entity_id)
    if booking is None:
        raise NotFound("Booking itu tidak ditemukan.")
    verb, did, done = STATUS_TAKEN_BACK[booking.status]
    if entry.actor_id != ctx.actor.id:
        did = did.replace("Anda", f"{_author(ctx, entry)}")
    back = corrections.revert_status(ctx.deps, ctx.actor, booking.id, dry_run=True)
    status = back.status.label

    def summary() -> str:
        text = (
            f"Saya *{verb}* booking {label(ctx, booking)} yang {did} {_when(ctx, entry)}: "
            f"statusnya kembali *{status}*."
        )
        if booking.status is BookingStatus.CANCELLED and booking.assignments:
            text += " Busnya dipakai lagi untuk trip ini dan krunya diberi tahu."
        return text

    def check() -> None:
        corrections.revert_status(ctx.deps, ctx.actor, booking.id, dry_run=True)

    def apply() -> str:
        corrections.revert_status(ctx.deps, ctx.actor, booking.id)
        return f"{capitalized(done.format(booking.client_name))}: statusnya kembali {status}."

    return Plan(summary, check, apply, booking.id)


def _take_back_new_booking(ctx: MessageContext, entry: ActivityEntry) -> Plan:
    """ "hapus yg barusan" right after a new booking is saved: a slip, unless the client is
    said to have called it off, so no fee. It is cancelled rather than deleted (a booking is never
    deleted: the trail keeps what was saved) and whoever heard of it hears it is gone."""
    if CLIENT_CALLED_OFF_RE.search(ctx.text.lower()):
        # "orgnya ga jadi": the client cancelled; the policy's fee is said, as for "batal
        # booking pak yanto".
        return cancel_booking(ctx, ExtractedFields(), entry.entity_id)
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, entry.entity_id)
    if booking is None:
        raise NotFound("Booking itu tidak ditemukan.")
    what = label(ctx, booking)

    def check() -> None:
        bookings.set_status(
            ctx.deps, ctx.actor, booking.id, BookingStatus.CANCELLED, dry_run=True, slip=True
        )

    def apply() -> str:
        done = bookings.set_status(
            ctx.deps, ctx.actor, booking.id, BookingStatus.CANCELLED, slip=True
        )
        freed = " Busnya kembali kosong." if done.bus_ids() else ""
        refund = (
            f" Refund ke klien {format_rupiah(done.refund_due)}; catat saat uangnya dikembalikan."
            if done.refund_due
            else ""
        )
        return f"Booking {what} sudah dihapus, tanpa biaya pembatalan.{freed}{refund}"

    def summary() -> str:
        return (
            f"Saya *hapus* booking {what} yang {_whose(ctx, entry)} {_when(ctx, entry)} "
            "karena salah catat; tidak ada biaya pembatalan."
        )

    return Plan(summary, check, apply, booking.id)


def _revert_booking(ctx: MessageContext, entry: ActivityEntry) -> Plan:
    if entry.action in corrections.STATUS_ACTIONS:
        return _revert_status(ctx, entry)
    if entry.action == "booking.created":
        return _take_back_new_booking(ctx, entry)
    before = entry.snapshot.get("before")
    if entry.action != "booking.updated" or not isinstance(before, dict) or not before:
        raise InvalidInput(
            "Booking baru tidak dihapus lewat chat. Kalau memang batal, tulis misalnya: "
            '"batal booking bu wati".'
        )
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, entry.entity_id)
    if booking is None:
        raise NotFound("Booking itu tidak ditemukan.")
    now = booking.model_dump(mode="json")
    lines = [f"Saya *kembalikan* booking {label(ctx, booking)} seperti sebelum diubah tadi:"]
    for name, word in _BOOKING_WORDS.items():
        if name in before and before[name] != now.get(name):
            lines.append(
                f"• {word}: {_shown(ctx, name, now.get(name))} → {_shown(ctx, name, before[name])}"
            )
    named_back = False
    if "assignments" in before and before["assignments"] != now.get("assignments"):
        # "hapus yg barusan" after "ganti pake bus 01": the buses and crew it goes back to,
        # as a change shows them ("Bus: Bus 01 → Bus 02"), never only "as before".
        back = [BusAssignment.model_validate(a) for a in before["assignments"] or []]
        lines += crew_lines(ctx, back, list(booking.assignments))
        # "..., bus 02 ternyata gpp": a bus the trip goes back to said beside the undo is
        # what the proposal shows, so the reading is clear (no "kurang yakin" note).
        said = ctx.text.casefold()
        named_back = any(b.name.casefold() in said for b in ctx.buses if b.id in _bus_ids(back))
    if "bus_count" in before and before["bus_count"] != now.get("bus_count"):
        lines.append(f"• Jumlah bus: {now.get('bus_count')} → {before['bus_count']}")

    def check() -> None:
        corrections.revert_booking_change(ctx.deps, ctx.actor, booking.id, dry_run=True)

    def apply() -> str:
        done = corrections.revert_booking_change(ctx.deps, ctx.actor, booking.id)
        return f"Booking {label(ctx, done)} sudah dikembalikan seperti sebelumnya."

    return Plan(lambda: "\n".join(lines), check, apply, booking.id, clear=named_back)


def _as_recorded(ctx: MessageContext, booking: Booking, f: ExtractedFields) -> str:
    """The booking's values a correction said again, as recorded ("bus Srikandi")."""
    said = []
    if f.date:
        said.append(f"berangkat {day_label(booking.depart_date, ctx.today)}")
    if f.price is not None or (f.amount is not None and f.payment_type is None):
        said.append(f"harga {format_rupiah(booking.price)}")
    if f.bus:
        names = {b.id: b.name for b in ctx.buses}
        said.append("bus " + ", ".join(names.get(i, i) for i in booking.bus_ids()))
    return " dan ".join(said)


def _bus_ids(assignments: list[BusAssignment]) -> set[str]:
    return {a.bus_id for a in assignments}


def _correct_booking(ctx: MessageContext, f: ExtractedFields, entry: ActivityEntry) -> Plan:
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, entry.entity_id)
    if booking is None:
        raise NotFound("Booking itu tidak ditemukan.")
    if entry.action in corrections.STATUS_ACTIONS:
        # A status set on the wrong booking is taken back, then set on the right one.
        raise InvalidInput(
            f"Yang tadi mengubah status booking {booking.client_name}. Kalau salah booking, "
            "tulis *batal yang tadi*, lalu tulis lagi untuk booking yang benar."
        )
    changes: dict[str, object] = {}
    if f.date and (day := near(f.date, booking.depart_date)) != booking.depart_date:
        changes["depart_date"] = day
    if f.client_name and not same_client(f.client_name, booking.client_name):
        changes["client_name"] = f.client_name
    price = f.price if f.price is not None else (f.amount if f.payment_type is None else None)
    if price is not None and price != booking.price:
        changes["price"] = price
    assigned = reassign(ctx, booking, f) if f.bus else None
    if assigned is not None and assigned != list(booking.assignments):
        changes["assignments"] = assigned
    if not changes and (f.date or price is not None or assigned is not None):
        # "pake srikandi" when it already is: nothing to put right, said with what is
        # recorded (never a proposal of "Srikandi → Srikandi"), and how to change what a
        # correction does not (the reader may have left a crew or an hour out).
        raise InvalidInput(
            f"Di booking {label(ctx, booking)} itu sudah tercatat {_as_recorded(ctx, booking, f)}"
            "; tidak ada yang saya ubah. Untuk mengganti sopir, jam jemput atau tanggal pulang, "
            f"tulis perubahannya, misalnya *sopir {booking.client_name} ganti* lalu nama sopirnya."
        )
    if not changes:
        raise NeedMore(_ASK_WHAT)
    update = build(BookingChanges, **changes)
    now = booking.model_dump(mode="json")
    new = update.model_dump(mode="json", exclude_none=True)
    whose = f"{_whose(ctx, entry)} {_when(ctx, entry)}"
    lines = [f"Saya *koreksi* booking {label(ctx, booking)} yang {whose}:"]
    for name, word in _BOOKING_WORDS.items():
        if name in new:
            lines.append(
                f"• {word}: {_shown(ctx, name, now.get(name))} → {_shown(ctx, name, new[name])}"
            )
    if assigned is not None:
        names = {b.id: b.name for b in ctx.buses}
        before = ", ".join(names.get(i, i) for i in booking.bus_ids()) or "belum ditentukan"
        after = ", ".join(names.get(a.bus_id, a.bus_id) for a in assigned)
        lines.append(f"• Bus: {before} → {after}")

    def check() -> None:
        corrections.correct_booking(ctx.deps, ctx.actor, booking.id, update, dry_run=True)

    def apply() -> str:
        done = corrections.correct_booking(ctx.deps, ctx.actor, booking.id, update)
        return f"Booking {label(ctx, done)} sudah dikoreksi."

    return Plan(lambda: "\n".join(lines), check, apply, booking.id)
