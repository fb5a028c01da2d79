"""Undo and correct what a person just saved: their own records, the same day (the PO's
local date). A payment is taken back by a reversal record, never deleted; other records
are removed or changed. Every change leaves a trail entry keeping the old value
(RecordTakenBack) and tells the people the original told."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel

from keloia.domain.errors import InvalidInput, NotFound, found
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import PositiveRupiah
from keloia.domain.model.events import BookingTakenBackForAuthor, BusStatusSet, RecordTakenBack
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    MaintenanceLog,
    MaintenanceType,
)
from keloia.domain.model.money import CostCategory, kind_on_move
from keloia.domain.model.payments import PAYMENT_LABELS, Payment, format_rupiah, method_label
from keloia.domain.model.permissions import Action, Resource, Scope, require, scope_of
from keloia.domain.model.tenants import User
from keloia.domain.model.text import day_label, format_km
from keloia.domain.model.undo import RecordKind, day_start, near, saved_today, saved_values
from keloia.domain.services.bookings import BookingChanges, change_booking, take_back_status
from keloia.domain.services.deps import Deps, Transaction
from keloia.domain.services.payments import not_ahead
from keloia.domain.services.receipts import issue_receipt
from keloia.domain.services.validation import Changes, Draft, build, changed

NOT_YOURS = (
    "Catatan itu bukan Anda yang menyimpan hari ini, jadi tidak bisa dihapus atau dikoreksi "
    "lewat chat. Minta admin atau pemilik mengubahnya di dashboard (halaman Jadwal, /jadwal)."
)


class PaymentFix(Draft):
    """New values for a payment recorded by mistake; None keeps the old one."""

    amount: PositiveRupiah | None = None
    paid_date: date | None = None
    method: str | None = None
    booking_id: str | None = None  # recorded on the wrong client's booking


class RecordFix(Draft):
    """New values for a maintenance entry, a trip cost or a document."""

    amount: int | None = None  # maintenance cost or trip cost
    day: date | None = None  # work date, or a document's expiry
    odometer_km: int | None = None
    bus_id: str | None = None
    maintenance_type: MaintenanceType | None = None
    cost_type: CostCategory | None = None
    booking_id: str | None = None  # a trip cost put on the trip it was for


def saved(deps: Deps, actor: User) -> list[ActivityEntry]:
    """What the actor saved today and may still take back, newest first."""
    with deps.uow() as uow:
        return _saved(deps, uow, actor)


def _saved(deps: Deps, uow: Transaction, actor: User) -> list[ActivityEntry]:
    zone = uow.settings(actor.tenant_id).timezone
    today = deps.clock.today()
    entries = uow.activity.since(actor.tenant_id, day_start(today, zone))
    anyone = scope_of(actor.role, Action.UPDATE, Resource.TAKEN_BACK) is Scope.ALL
    return saved_today(entries, actor.id, today, zone, anyone=anyone)


def newest_by_chat(deps: Deps, actor: User) -> ActivityEntry | None:
    """The last thing the actor changed by chat today, of any kind (a workshop stay too,
    which is put right by being planned again, not taken back)."""
    with deps.uow() as uow:
        zone = uow.settings(actor.tenant_id).timezone
        entries = uow.activity.since(actor.tenant_id, day_start(deps.clock.today(), zone))
    mine = [e for e in entries if e.actor_id == actor.id and e.source_message_id]
    return max(mine, key=lambda e: e.at) if mine else None


def _own(deps: Deps, uow: Transaction, actor: User, entity_id: str) -> ActivityEntry:
    """The trail entry of a record the actor may take back: saved today by the actor, or
    by anyone in the PO for the owner (permissions TAKEN_BACK)."""
    for entry in _saved(deps, uow, actor):
        if entry.entity_id == entity_id:
            return entry
    raise InvalidInput(NOT_YOURS)


def author_of(uow: Transaction, actor: User, entry: ActivityEntry) -> User | None:
    """Who saved the record, when someone other than the actor did."""
    if entry.actor_id == actor.id:
        return None
    return next((u for u in uow.team(actor.tenant_id) if u.id == entry.actor_id), None)


# --- payments: reversal records --------------------------------------------------------


def payment_label(payment: Payment, booking: Booking, today: date) -> str:
    """ "DP Rp1.000.000 Bu Wati (transfer BCA, Senin, 30 Nov)"."""
    how = f"{method_label(payment.method)}, " if payment.method else ""
    return (
        f"{PAYMENT_LABELS[payment.type]} {format_rupiah(payment.amount)} "
        f"{booking.client_name} ({how}{day_label(payment.paid_date, today)})"
    )


def void_payment(deps: Deps, actor: User, payment_id: str, *, dry_run: bool = False) -> Payment:
    """Take back a payment recorded by mistake: a reversal record restores the balance."""
    return _fix_payment(deps, actor, payment_id, None, dry_run)


def correct_payment(
    deps: Deps, actor: User, payment_id: str, fix: PaymentFix, *, dry_run: bool = False
) -> Payment:
    """The payment as it should have been: the old one reversed, the right one recorded
    (with its own kwitansi number; the old number stays, void). Returns the new payment."""
    return _fix_payment(deps, actor, payment_id, fix, dry_run)


def _fix_payment(
    deps: Deps, actor: User, payment_id: str, fix: PaymentFix | None, dry_run: bool
) -> Payment:
    require(actor, Action.CREATE, Resource.PAYMENT)
    with deps.uow() as uow:
        entry = _own(deps, uow, actor, payment_id)
        old, booking = uow.payment_with_booking(actor.tenant_id, payment_id)
        now = deps.clock.now()
        reversal = old.model_copy(
            update={"id": deps.ids.new_id(), "reverses": old.id, "recorded_by": actor.id}
        )
        reversal = reversal.model_copy(update={"created_at": now})
        booking.reverse_payment(old)
        after, target = _corrected(deps, uow, actor, old, booking, fix)
        if dry_run:
            return after or reversal
        uow.payments.add(reversal)
        uow.bookings.update(booking)
        if after is not None and target is not None:
            uow.payments.add(after)
            if target.id != booking.id:
                uow.bookings.update(target)
            issue_receipt(deps, uow, after)
        money_booking = target or booking
        today = deps.clock.today()
        what = f"{payment_label(old, booking, today)} " + (
            f"→ {payment_label(after, money_booking, today)}" if after is not None else _VOIDED
        )
        left, amount = money_booking.balance
        what += f". {left} {format_rupiah(amount)}."
        uow.record(
            RecordTakenBack(
                actor=actor,
                kind=RecordKind.PAYMENT,
                entity_id=after.id if after else old.id,
                before=old.model_dump(mode="json"),
                after=after.model_dump(mode="json") if after else None,
                what=what,
                booking=money_booking,
                author=author_of(uow, actor, entry),
            )
        )
        uow.commit()
    return after or reversal


def _corrected(
    deps: Deps,
    uow: Transaction,
    actor: User,
    old: Payment,
    booking: Booking,
    fix: PaymentFix | None,
) -> tuple[Payment | None, Booking | None]:
    """The right payment and the booking it now belongs to (after the reversal)."""
    if fix is None:
        return None, None
    target = booking
    if fix.booking_id and fix.booking_id != booking.id:
        found = uow.bookings.get(actor.tenant_id, fix.booking_id)
        if found is None:
            raise NotFound("Booking tujuan tidak ditemukan.")
        target = found
    values = fix.model_dump(exclude_none=True, exclude={"booking_id"})
    if fix.paid_date:
        values["paid_date"] = near(fix.paid_date, old.paid_date)
    if target.id != booking.id:
        due = target.settlement_due(uow.settings(actor.tenant_id))
        paid_on = values.get("paid_date", old.paid_date)
        values["type"] = kind_on_move(old, target, fix.amount or old.amount, paid_on, due)
    values |= {
        "booking_id": target.id,
        "id": deps.ids.new_id(),
        "recorded_by": actor.id,
        "created_at": deps.clock.now(),
    }
    after = build(Payment, **(old.model_dump() | values))
    not_ahead(after, deps.clock.today())
    target.record_payment(after)
    return after, target


# --- maintenance, trip costs, documents --------------------------------------------------


class Taken(BaseModel):
    """What a void or a correction does, in words: the record and the change."""

    label: str  # "catatan perawatan ganti ban Bus 03 (30 Nov)"
    change: str  # "dihapus (salah catat)", "biaya 2.000.000 → 1.500.000"
    kept: dict[str, Any] = {}  # more for the trail, kept with the new value

    def sentence(self) -> str:
        voided = self.change.startswith(("dihapus", "dikembalikan"))
        text = f"{self.label} {self.change}" if voided else f"{self.label}: {self.change}"
        return text[:1].upper() + text[1:] + "."


def void_record(
    deps: Deps, actor: User, kind: RecordKind, record_id: str, *, dry_run: bool = False
) -> Taken:
    """Remove a maintenance entry or a trip cost saved by mistake, or put a document back
    as it was before (a renewal undone; a new one removed)."""
    return _fix_record(deps, actor, kind, record_id, None, dry_run)


def correct_record(
    deps: Deps,
    actor: User,
    kind: RecordKind,
    record_id: str,
    fix: RecordFix,
    *,
    dry_run: bool = False,
) -> Taken:
    return _fix_record(deps, actor, kind, record_id, fix, dry_run)


_Change = tuple[Any, Any, Taken]  # the record before, after (None: voided), in words
# A record's change in words; `date` is today, to name days as a phone message does.
_Write = Callable[[Transaction, User, str, "RecordFix | None", ActivityEntry, date], _Change]
_VOIDED = "dihapus (salah catat)"


def _fix_record(
    deps: Deps, actor: User, kind: RecordKind, record_id: str, fix: RecordFix | None, dry_run: bool
) -> Taken:
    resource, write, records = _RECORDS[kind]
    require(actor, Action.CREATE, resource)
    with deps.uow() as uow:
        entry = _own(deps, uow, actor, record_id)
        before, after, taken = write(uow, actor, record_id, fix, entry, deps.clock.today())
        # The reading a km was saved with, and the km before it, go on with a correction.
        saved = saved_values(entry)
        carried = {k: saved[k] for k in ("reading_id", "previous_km") if saved.get(k) is not None}
        taken.kept = carried | taken.kept
        if dry_run:
            return taken
        if after is None:
            records(uow).remove(actor.tenant_id, record_id)
        else:
            records(uow).update(after)
            _follow_odometer(uow, actor, before, after)
        _follow_reading(uow, actor, before, saved, fix)
        _follow_status(uow, actor, before, saved, fix)
        uow.record(
            RecordTakenBack(
                actor=actor,
                kind=kind,
                entity_id=record_id,
                before=before.model_dump(mode="json"),
                after=after.model_dump(mode="json") | taken.kept if after is not None else None,
                what=taken.sentence(),
                booking=uow.bookings.get(actor.tenant_id, getattr(before, "booking_id", "")),
                author=author_of(uow, actor, entry),
            )
        )
        uow.commit()
    return taken


def _follow_odometer(uow: Transaction, actor: User, before: Any, after: Any) -> None:
    """A corrected km on a maintenance entry corrects the bus's odometer it had set."""
    old_km, new_km = getattr(before, "odometer_km", None), getattr(after, "odometer_km", None)
    if not isinstance(before, MaintenanceLog) or old_km == new_km or new_km is None:
        return
    bus = uow.buses.get(actor.tenant_id, before.bus_id)
    if bus is not None and bus.odometer_km == old_km:
        bus.odometer_km = new_km
        uow.buses.update(bus)


def _follow_reading(
    uow: Transaction, actor: User, before: Any, saved: dict[str, Any], fix: RecordFix | None
) -> None:
    """The odometer reading saved with a record (a reading, or a repair's km) goes with
    it: removed when the record is voided, so the bus's km and its history are as they
    were; its km corrected with the record's."""
    reading_id = saved.get("reading_id")
    if not isinstance(reading_id, str):
        return  # nothing was read, or saved before readings were named in the trail
    if fix is None:
        uow.maintenance.remove_reading(actor.tenant_id, reading_id)
        previous = saved.get("previous_km")
        if isinstance(before, MaintenanceLog):  # a reading voided puts its km back itself
            bus = uow.buses.get(actor.tenant_id, before.bus_id)
            if bus is not None and bus.odometer_km == before.odometer_km:
                bus.odometer_km = previous if isinstance(previous, int) else None
                uow.buses.update(bus)
        return
    reading = uow.maintenance.get_reading(actor.tenant_id, reading_id)
    if reading is not None and fix.odometer_km is not None:
        uow.maintenance.update_reading(reading.model_copy(update={"km": fix.odometer_km}))


def _bus_before(saved: dict[str, Any], bus: Bus | None) -> Bus | None:
    """The bus as it was before a repair put it back in service, when it still is in
    service: what undoing that repair puts back."""
    was = saved.get("bus_before")
    if not isinstance(was, dict) or bus is None or bus.status is not BusStatus.AVAILABLE:
        return None
    return bus.model_validate(bus.model_dump() | was)


def _follow_status(
    uow: Transaction, actor: User, before: Any, saved: dict[str, Any], fix: RecordFix | None
) -> None:
    """A repair voided that had put its bus back in service: the bus is as it was (in the
    workshop, for the days planned), unless its status was changed since."""
    if fix is not None or not isinstance(before, MaintenanceLog):
        return
    bus = uow.buses.get(actor.tenant_id, before.bus_id)
    was = _bus_before(saved, bus)
    if was is None:
        return
    uow.buses.update(was)
    uow.record(BusStatusSet(actor=actor, bus=was, note="perbaikan dibatalkan"))


def _maintenance(
    uow: Transaction,
    actor: User,
    log_id: str,
    fix: RecordFix | None,
    entry: ActivityEntry,
    today: date,
) -> _Change:
    log = found(uow.maintenance.get(actor.tenant_id, log_id), "Catatan perawatan itu")
    bus = uow.buses.get(actor.tenant_id, log.bus_id)
    name = bus.name if bus else "bus"
    label = f"catatan perawatan {log.type.label} {name}"
    label += f" ({day_label(log.performed_date, today)})"
    saved = saved_values(entry)
    previous = saved.get("previous_km")
    if fix is None:
        change = _VOIDED
        if saved.get("reading_id") and bus and bus.odometer_km == log.odometer_km:
            back = _shown("odometer_km", previous) if isinstance(previous, int) else "kosong"
            change += f"; odometer kembali ke {back}"
        if (was := _bus_before(saved, bus)) is not None:
            change += f"; {name} kembali ke status *{was.status.label}*"
        return log, None, Taken(label=label, change=change)
    # A bus put right is shown by its name ("Bus 03 → Bus 02"), never by its id.
    names = {b.id: b.name for b in uow.buses.all(actor.tenant_id)} if fix.bus_id else None
    return _void_or_fix(
        log,
        label,
        fix,
        lambda fix: {
            "cost": fix.amount,
            "performed_date": near(fix.day, log.performed_date) if fix.day else None,
            "odometer_km": fix.odometer_km,
            "bus_id": fix.bus_id,
            "type": fix.maintenance_type,
        },
        today,
        names,
    )


def _void_or_fix(
    record: Any,
    label: str,
    fix: RecordFix | None,
    values: Callable[[RecordFix], dict[str, Any]],
    today: date,
    names: Mapping[str, str] | None = None,
) -> _Change:
    """Voided (nothing after), or the record with the fix's given values."""
    if fix is None:
        return record, None, Taken(label=label, change=_VOIDED)
    after = changed(record, values(fix))
    return record, after, Taken(label=label, change=_changes(record, after, today, names))


def _trip_cost(
    uow: Transaction,
    actor: User,
    cost_id: str,
    fix: RecordFix | None,
    entry: ActivityEntry,
    today: date,
) -> _Change:
    cost = uow.trip_costs.get(actor.tenant_id, cost_id)
    booking = uow.bookings.get(actor.tenant_id, cost.booking_id) if cost else None
    if cost is None or booking is None:
        raise NotFound("Biaya itu tidak ditemukan.")
    label = (
        f"biaya {cost.category.label} {format_rupiah(cost.amount)} trip "
        f"{booking.client_name} ({day_label(booking.depart_date, today)})"
    )
    moved_to = None
    if fix is not None and fix.booking_id and fix.booking_id != cost.booking_id:
        moved_to = found(uow.bookings.get(actor.tenant_id, fix.booking_id), "Booking itu")
    if moved_to is None:
        return _void_or_fix(
            cost, label, fix, lambda fix: {"amount": fix.amount, "category": fix.cost_type}, today
        )
    # "itu trip pak hendra bukan bu dewi": the cost goes to that trip, dated with it, its
    # bus kept only when that trip has it.
    assert fix is not None
    record, after, taken = _void_or_fix(
        cost, label, fix, lambda fix: {"amount": fix.amount, "category": fix.cost_type}, today
    )
    bus_id = cost.bus_id if cost.bus_id in moved_to.bus_ids() else None
    after = after.model_copy(
        update={"booking_id": moved_to.id, "trip_date": moved_to.depart_date, "bus_id": bus_id}
    )
    trip = f"pindah ke trip {moved_to.client_name} ({day_label(moved_to.depart_date, today)})"
    rest = _changes(
        record,
        after.model_copy(
            update={
                "booking_id": cost.booking_id,
                "trip_date": cost.trip_date,
                "bus_id": cost.bus_id,
            }
        ),
        today,
    )
    change = trip if rest == "tidak ada yang berubah" else f"{trip}, {rest}"
    return record, after, Taken(label=taken.label, change=change)


def _document(
    uow: Transaction,
    actor: User,
    document_id: str,
    fix: RecordFix | None,
    entry: ActivityEntry,
    today: date,
) -> _Change:
    doc = found(uow.documents.get(actor.tenant_id, document_id), "Dokumen itu")
    holder = ""
    if doc.bus_id:
        bus = uow.buses.get(actor.tenant_id, doc.bus_id)
        holder = bus.name if bus else ""
    elif doc.user_id:
        person = uow.users.get(actor.tenant_id, doc.user_id)
        holder = person.name if person else ""
    label = f"{doc.kind.label} {holder}".strip()
    previous = entry.snapshot.get("previous_expiry")
    if fix is None and entry.action == "document.renewed" and isinstance(previous, str):
        after = doc.model_copy(update={"expires_on": date.fromisoformat(previous)})
        back = (
            f"dikembalikan: berlaku sampai {day_label(after.expires_on, today)} seperti sebelumnya"
        )
        return doc, after, Taken(label=f"perpanjangan {label}", change=back)
    if fix is None:
        return doc, None, Taken(label=f"catatan {label}", change=_VOIDED)
    if fix.day is None:
        raise InvalidInput(f"Tanggal berlaku {label} yang benar tanggal berapa?")
    after = doc.model_copy(update={"expires_on": fix.day})
    change = f"berlaku sampai {day_label(doc.expires_on, today)} → {day_label(fix.day, today)}"
    return doc, after, Taken(label=label, change=change)


def _odometer(
    uow: Transaction,
    actor: User,
    bus_id: str,
    fix: RecordFix | None,
    entry: ActivityEntry,
    today: date,
) -> _Change:
    """A reading taken back puts the bus's odometer back to what it was before it."""
    bus = found(uow.buses.get(actor.tenant_id, bus_id), "Bus itu")
    label = f"odometer {bus.name}"
    # The km before the reading: in the reading's trail, or kept by its correction.
    previous = saved_values(entry).get("previous_km")
    floor = previous if isinstance(previous, int) else None
    if fix is None:
        after = bus.model_copy(update={"odometer_km": floor})
        back = f"{_shown('odometer_km', floor)}" if floor is not None else "kosong"
        return bus, after, Taken(label=label, change=f"dikembalikan ke {back}")
    if fix.odometer_km is None:
        raise InvalidInput(f"Berapa km odometer {bus.name} yang benar?")
    if floor is not None and fix.odometer_km < floor:
        raise InvalidInput(
            f"Odometer {bus.name} sebelumnya {_shown('odometer_km', floor)}; "
            f"{_shown('odometer_km', fix.odometer_km)} lebih kecil. Mohon dicek lagi angkanya."
        )
    after = bus.model_copy(update={"odometer_km": fix.odometer_km})
    change = _changes(bus, after, today)
    return bus, after, Taken(label=label, change=change)


# Per kind: the permission it needs, what the change is (nothing written), and where the
# record is kept (removed when voided, updated otherwise).
_RECORDS: dict[RecordKind, tuple[Resource, _Write, Callable[[Transaction], Any]]] = {
    RecordKind.MAINTENANCE: (Resource.MAINTENANCE, _maintenance, lambda uow: uow.maintenance),
    RecordKind.TRIP_COST: (Resource.TRIP_COST, _trip_cost, lambda uow: uow.trip_costs),
    RecordKind.DOCUMENT: (Resource.DOCUMENT, _document, lambda uow: uow.documents),
    RecordKind.ODOMETER: (Resource.MAINTENANCE, _odometer, lambda uow: uow.buses),
}


def _changes(
    before: BaseModel, after: BaseModel, today: date, names: Mapping[str, str] | None = None
) -> str:
    """ "biaya Rp2.000.000 → Rp1.500.000": each field that changed, old to new; a bus by
    its name ("Bus 03 → Bus 02")."""
    old, new = before.model_dump(), after.model_dump()
    names = names or {}
    parts = [
        f"{names.get(old[k], old[k])} → {names.get(new[k], new[k])}"
        if k == "bus_id"
        else f"{_FIELD_WORDS.get(k, k)} {_shown(k, old[k], today)} → {_shown(k, new[k], today)}"
        for k in new
        if old.get(k) != new[k]
    ]
    return ", ".join(parts) or "tidak ada yang berubah"


_FIELD_WORDS = {
    "cost": "biaya",
    "amount": "jumlah",
    "performed_date": "tanggal",
    "odometer_km": "odometer",
    "type": "jenis",
    "category": "jenis",
}


def _shown(name: str, value: object, today: date | None = None) -> str:
    if value is None:
        return "-"
    if isinstance(value, date):
        return day_label(value, today or value)
    if name in ("cost", "amount") and isinstance(value, int):
        return format_rupiah(value)
    if name == "odometer_km" and isinstance(value, int):
        return format_km(value)
    if name == "type" and isinstance(value, MaintenanceType):
        return value.label
    if name == "category" and isinstance(value, CostCategory):
        return value.label
    return str(value)


# --- bookings --------------------------------------------------------------------------


def revert_booking_change(
    deps: Deps, actor: User, booking_id: str, *, dry_run: bool = False
) -> Booking:
    """Put a booking back as it was before the actor's change today. Made through
    change_booking, so the crew and the managers hear of it as of any change."""
    with deps.uow() as uow:
        entry = _own(deps, uow, actor, booking_id)
    before = entry.snapshot.get("before")
    if entry.action != "booking.updated" or not isinstance(before, dict) or not before:
        raise InvalidInput(
            "Booking baru tidak dihapus lewat chat. Kalau batal, tulis misalnya: "
            '"batal booking bu wati".'
        )
    done = change_booking(
        deps,
        actor,
        booking_id,
        BookingChanges.model_validate(before),
        dry_run=dry_run,
        acknowledge_warnings=True,
        cleared=frozenset(name for name, value in before.items() if value is None),
    )
    if not dry_run:
        _tell_author(deps, actor, entry, done, "dikembalikan seperti sebelum diubah")
    return done


def _tell_author(deps: Deps, actor: User, entry: ActivityEntry, booking: Booking, did: str) -> None:
    """The owner changed a booking record someone else saved today: that person hears it."""
    with deps.uow() as uow:
        author = author_of(uow, actor, entry)
        if author is None:
            return
        day = day_label(booking.depart_date, deps.clock.today())
        what = f"booking {booking.client_name} ({day}) {did}."
        uow.record(BookingTakenBackForAuthor(actor, author, what, booking.id))
        uow.commit()


STATUS_ACTIONS = frozenset({"booking.confirmed", "booking.completed", "booking.cancelled"})


def revert_status(deps: Deps, actor: User, booking_id: str, *, dry_run: bool = False) -> Booking:
    """Take back a confirmation, completion or cancellation the actor made today: the
    booking returns to the status it had (bookings.take_back_status)."""
    with deps.uow() as uow:
        entry = _own(deps, uow, actor, booking_id)
    previous = entry.snapshot.get("previous_status")
    if entry.action not in STATUS_ACTIONS or not isinstance(previous, str):
        raise InvalidInput("Perubahan status itu tidak bisa dikembalikan lewat chat.")
    done = take_back_status(deps, actor, booking_id, BookingStatus(previous), dry_run=dry_run)
    if not dry_run:
        _tell_author(deps, actor, entry, done, f"statusnya kembali {done.status.label}")
    return done


def correct_booking(
    deps: Deps, actor: User, booking_id: str, changes: Changes, *, dry_run: bool = False
) -> Booking:
    """A booking the actor made or changed today, with one value put right."""
    with deps.uow() as uow:
        entry = _own(deps, uow, actor, booking_id)
    done = change_booking(
        deps, actor, booking_id, changes, dry_run=dry_run, acknowledge_warnings=True
    )
    if not dry_run:
        _tell_author(deps, actor, entry, done, "dikoreksi")
    return done
