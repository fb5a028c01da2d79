"""Plans for the fleet by chat: maintenance, a bus's status and workshop stays, a new
bus, odometer readings and papers (a bus's or a driver's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from keloia.domain.errors import WarningsNotAcknowledged
from keloia.domain.model.bookings import Booking, current_trip
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    PERSON_DOCUMENTS,
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    MaintenanceType,
)
from keloia.domain.model.intents import ExtractedFields, Intent
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, days_label, format_km
from keloia.domain.services import fleet
from keloia.domain.services.assistant import plans, targets
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized
from keloia.domain.services.validation import build

# A service named as such ("sekalian servis berkala 1,5jt"), never only the word any work is
# said with ("udah diservis di bengkel 600rb").
_SERVICE_NAMED_RE = re.compile(r"\b(?:berkala|rutin|tune\s*up|besar|ringan|kecil)\b")


def log_maintenance(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    require(ctx.actor, Action.CREATE, Resource.MAINTENANCE)
    # Said without a bus, a repair is of the problem this person just reported ("ac nya
    # mati" ... "udh dibenerin 350rb"), else a driver's "tambal ban 75rb" on the road is
    # the bus he drives.
    reported = ctx.conversation.live_reported(ctx.deps.clock.now()) if not f.bus else None
    if reported is not None and (bus_of := bus_by_id(ctx, reported.bus_id)) is not None:
        bus = bus_of
        # ("rem bunyi" ... "udah diservis di bengkel 600rb": the brakes seen to, by the
        # word any work is said with.)
        general = f.maintenance_type is None or (
            f.maintenance_type is MaintenanceType.GENERAL_SERVICE
            and not _SERVICE_NAMED_RE.search(ctx.text.lower())
        )
        kind = (
            reported.maintenance_type
            if general and reported.maintenance_type
            else f.maintenance_type or MaintenanceType.OTHER
        )
    else:
        bus = targets.named_bus(ctx, f.bus or (own.name if (own := drivers_bus(ctx)) else None))
        kind = f.maintenance_type or MaintenanceType.OTHER
    later = f.date is not None and f.date > ctx.today and not (f.cost or f.performed_date)
    if f.bus_status is BusStatus.MAINTENANCE and later:
        # "srikandi servis besar tgl 5-8 des": days to come, the bus in for the work; no
        # work is done yet to record (its repair is recorded when it is).
        return _workshop_stay(ctx, bus, f.date or ctx.today, f.date_to, kind.label)
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
        lines += plans.said(
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

    return plans.Plan(summary, check, apply)


def update_bus_status(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    bus = targets.named_bus(ctx, f.bus)
    if f.bus_status is None:
        raise plans.NeedMore(f"{bus.name} statusnya mau diubah jadi apa? (siap jalan / di bengkel)")
    status = f.bus_status
    if status is BusStatus.MAINTENANCE and (f.date or f.date_to):
        return _workshop_stay(ctx, bus, f.date or ctx.today, f.date_to, f.notes or "")
    already = bus.in_workshop(DateRange.single(ctx.today))
    if status is BusStatus.MAINTENANCE and already and (bus.workshop_until or not f.notes):
        # "bus 04 msh di bengkel" of a bus already in: said so, its stay (and the day it
        # is due out) kept, nothing proposed that would change nothing.
        until = (
            f" sampai {day_label(bus.workshop_until, ctx.today)}"
            if bus.workshop_until is not None
            else ""
        )
        raise plans.Unchanged(
            f"{bus.name} sudah tercatat di bengkel{until}. Tidak ada yang diubah.",
            kept=f"{bus.name} tetap tercatat di bengkel{until}",
        )
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
            trips = "; ".join(plans.label(ctx, b) for b in ahead[:3])
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
        return f"Status {bus.name} sudah diubah: sekarang {status.label}."

    return plans.Plan(summary, check, apply)


def _workshop_stay(
    ctx: MessageContext, bus: Bus, start: date, until: date | None, note: str
) -> plans.Plan:
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
                f"⚠️ Bentrok: {plans.label(ctx, booking)} pakai {bus.name}. Bus kosong saat itu: "
                + (", ".join(free) if free else "tidak ada")
                + "."
            )
            if free and not example and not _swap_queued(ctx, booking):
                example = f"*bus {booking.client_name.lower()} ganti {free[0].lower()}*"
        if example:
            lines.append(f"Sesudah ini ganti busnya, misalnya: {example}.")
        return "\n".join(lines)

    def check() -> None:
        fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, start, until, note=note, dry_run=True)

    def apply() -> str:
        done = fleet.plan_workshop(ctx.deps, ctx.actor, bus.id, start, until, note=note)
        moved = ""
        if done.clashes:
            swap = (
                "gantinya saya tanyakan di bawah ini"
                if all(_swap_queued(ctx, b) for b in done.clashes)
                else "ganti busnya"
            )
            moved = f" {len(done.clashes)} trip masih pakai {bus.name}; {swap}."
        why = f" ({note})" if note else ""
        return f"{bus.name} sudah dicatat di bengkel {when}{why}.{moved}"

    return plans.Plan(summary, check, apply)


def _swap_queued(ctx: MessageContext, booking: Booking) -> bool:
    """ "bus 02 masuk bengkel tgl 2-3, pak hendra pake bus 03 aja": the other bus for a
    clashing trip was said in the same message and waits its turn, so it is not asked for."""
    return any(
        e.intent is Intent.UPDATE_BOOKING
        and e.fields.bus is not None
        and e.fields.client_name is not None
        and same_client(e.fields.client_name, booking.client_name)
        for e in ctx.conversation.queue
    )


def add_bus(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    """ "tambah bus baru AB 1234 XY, 45 seat, nama Srikandi": the owner sets up the fleet."""
    require(ctx.actor, Action.CREATE, Resource.BUS)
    if not f.bus:
        plate = f" {f.plate}" if f.plate else ""
        raise plans.NeedMore(f"Bus baru{plate} mau diberi nama apa? Misalnya: *nama Srikandi*.")
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
            f"{bus.name} sudah dicatat dan masuk armada. Catat KIR dan STNK-nya lewat chat, "
            f"misalnya: *KIR {bus.name} habis 20 Desember*."
        )

    return plans.Plan(summary, check, apply)


def record_odometer(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
    """One bus's reading, or several buses' in one message ("km bus 03 151.800, km bus 04
    166.500"): one proposal and one yes; none is saved unless every one fits."""
    require(ctx.actor, Action.CREATE, Resource.MAINTENANCE)
    day = f.date or ctx.today
    if f.readings:
        read = [(targets.named_bus(ctx, line.bus), line.odometer_km) for line in f.readings]
    else:
        # "km skrg 128.400" from a driver: the bus he drives today.
        mine = None if f.bus else drivers_bus(ctx)
        bus = mine if mine is not None else targets.named_bus(ctx, f.bus)
        if f.odometer_km is None:
            raise plans.NeedMore(f"Berapa km odometer {bus.name} sekarang?")
        read = [(bus, f.odometer_km)]

    def check() -> None:
        for bus, km in read:
            fleet.check_odometer(bus, km)

    def apply() -> str:
        for bus, km in read:
            fleet.record_odometer(ctx.deps, ctx.actor, bus.id, day, km)
        said = ", ".join(f"{bus.name} {format_km(km)}" for bus, km in read)
        return f"Odometer {said} sudah dicatat. Terima kasih!"

    def summary() -> str:
        when = day_label(day, ctx.today)
        if len(read) == 1:
            [(bus, km)] = read
            return f"Saya catat odometer *{bus.name}*: *{format_km(km)}* ({when})."
        lines = [f"• *{bus.name}*: *{format_km(km)}*" for bus, km in read]
        return f"Saya catat odometer ({when}):\n" + "\n".join(lines)

    return plans.Plan(summary, check, apply)


def record_document(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> plans.Plan:
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

    return plans.Plan(summary, check, apply)


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
        raise plans.NeedMore("Dokumen apa? (KIR, STNK, izin trayek, asuransi, SIM)")
    if expires is None:
        raise plans.NeedMore(f"{kind.label} berlaku sampai tanggal berapa?")
    bus_id = user_id = None
    if kind in PERSON_DOCUMENTS:
        if not driver:
            raise plans.NeedMore(f"{kind.label} milik siapa?")
        person = targets.named_driver(ctx, driver)
        user_id, holder = person.id, person.name
    else:
        if not bus_named:
            raise plans.NeedMore(f"{kind.label} bus yang mana?")
        bus = targets.named_bus(ctx, bus_named)
        bus_id, holder = bus.id, bus.name
    existing = [
        d
        for d in ctx.uow.documents.all(ctx.actor.tenant_id)
        if d.kind is kind and d.bus_id == bus_id and d.user_id == user_id
    ]
    return _Paper(ctx, kind, expires, bus_id, user_id, holder, existing[0] if existing else None)


def drivers_seat_bus(ctx: MessageContext, booking: Booking) -> Bus | None:
    """The bus the sender rides on that trip (a driver's cost is that bus's)."""
    seats = [a for a in booking.assignments if ctx.actor.id in (a.driver_id, a.co_driver_id)]
    ids = {a.bus_id for a in seats}
    return next((b for b in ctx.buses if b.id in ids), None) if len(ids) == 1 else None


def read_on_the_way(f: ExtractedFields, bus: Bus | None) -> tuple[Bus, int] | None:
    """A km said with a cost ("km 133.480, solar 650rb"): the reading of the bus named, or
    of the bus the driver rides on that trip."""
    if f.odometer_km is None:
        return None
    if bus is None:
        raise plans.NeedMore(f"Odometer {format_km(f.odometer_km)} itu bus yang mana?")
    fleet.check_odometer(bus, f.odometer_km)
    return bus, f.odometer_km


def bus_by_id(ctx: MessageContext, bus_id: str) -> Bus | None:
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
                return bus_by_id(ctx, a.bus_id)
    return None


def running_trip(ctx: MessageContext, bus: Bus | None, said: date | None = None) -> Booking:
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
        raise plans.NeedMore(
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
