"""Assets: buses, their status on a day, maintenance, odometer and expiring documents."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from keloia.domain.errors import InvalidInput, NotFound, ReadingBelowLast, found
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import DateRange, NonNegativeRupiah
from keloia.domain.model.events import (
    BusAdded,
    BusChanged,
    BusStatusSet,
    DocumentRecorded,
    DocumentRenewed,
    MaintenanceLogged,
    OdometerRead,
    PaperNews,
    ProblemReported,
    ServiceIntervalSet,
)
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    MaintenanceLog,
    MaintenanceType,
    OdometerReading,
    ServiceDue,
    ServiceInterval,
    service_warning_days,
    services_due,
)
from keloia.domain.model.permissions import (
    CARRIED_PAPERS_DAYS,
    Action,
    Resource,
    Scope,
    carried_buses,
    may_read_document,
    require,
)
from keloia.domain.model.tenants import User
from keloia.domain.model.text import format_km
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction
from keloia.domain.services.validation import Draft, build, changed, created, recorded


class BusDay(BaseModel):
    """A bus on one day: what people set, and what the schedule says."""

    model_config = ConfigDict(frozen=True)

    bus: Bus
    booked_by: str | None  # booking id holding it that day
    in_workshop: bool = False  # that day, by its status or a planned stay
    trip_done: bool = False  # the trip holding it that day marked done: it is back

    @property
    def label(self) -> str:
        if self.bus.status is BusStatus.RETIRED:
            return BusStatus.RETIRED.label
        if self.in_workshop:
            return BusStatus.MAINTENANCE.label
        if self.booked_by is None:
            return "siap jalan"
        return "sudah pulang, trip selesai" if self.trip_done else "sedang jalan"


class MaintenanceDraft(Draft):
    bus_id: str
    type: MaintenanceType
    performed_date: date | None = None  # defaults to today
    cost: NonNegativeRupiah = 0
    odometer_km: int | None = None
    description: str = ""
    next_due_date: date | None = None


class BusDetail(BaseModel):
    bus: Bus
    maintenance: list[MaintenanceLog]
    documents: list[Document]


def add_bus(deps: Deps, actor: User, name: str, plate: str = "", seats: int | None = None) -> Bus:
    return add_buses(deps, actor, [BusDraft(name=name, plate=plate, seats=seats)])[0]


class BusDraft(Draft):
    name: str
    plate: str = ""
    seats: int | None = None
    bus_class: str = ""


class BusChanges(Draft):
    """New values for a bus; a field left None is unchanged."""

    name: str | None = None
    plate: str | None = None
    seats: int | None = None
    status: BusStatus | None = None
    bus_class: str | None = None


def add_buses(
    deps: Deps, actor: User, drafts: list[BusDraft], *, dry_run: bool = False
) -> list[Bus]:
    """Several buses at once (a table pasted in set-up): all of them or none. `dry_run`:
    what it would refuse, refused now, nothing written."""
    require(actor, Action.CREATE, Resource.BUS)
    if not drafts:
        raise InvalidInput("Belum ada bus yang diisi.")
    with deps.uow() as uow:
        names = [b.name for b in uow.buses.all(actor.tenant_id)]
        added: list[Bus] = []
        for draft in drafts:
            if any(_same_name(n, draft.name) for n in names):
                raise InvalidInput(f"Sudah ada bus bernama {draft.name.strip()}.")
            bus = created(
                deps,
                Bus,
                actor.tenant_id,
                name=draft.name.strip(),
                plate=draft.plate.strip().upper(),
                seats=draft.seats,
                bus_class=draft.bus_class.strip(),
            )
            names.append(bus.name)
            added.append(bus)
            if dry_run:
                continue
            uow.buses.add(bus)
            uow.record(BusAdded(actor=actor, bus=bus))
        if not dry_run:
            uow.commit()
    return added


def update_bus(
    deps: Deps, actor: User, bus_id: str, changes: BusChanges, *, dry_run: bool = False
) -> Bus:
    """Fleet changes (owner). Setting a bus available or in the workshop is set_bus_status.
    `dry_run`: refused now what would be refused, nothing written."""
    require(actor, Action.UPDATE, Resource.BUS)
    name = changes.name
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        if name is not None and any(
            _same_name(b.name, name) and b.id != bus_id for b in uow.buses.all(actor.tenant_id)
        ):
            raise InvalidInput(f"Sudah ada bus bernama {name}.")
        bus = changed(bus, changes.model_dump())
        return uow.save(uow.buses.update, bus, BusChanged(actor=actor, bus=bus), dry_run=dry_run)


def set_bus_status(
    deps: Deps,
    actor: User,
    bus_id: str,
    status: BusStatus,
    *,
    note: str = "",
    dry_run: bool = False,
) -> Bus:
    """Available or in the workshop, as reported from the field; retiring is a fleet change
    (the owner's). `dry_run`: what it would refuse, refused now, nothing written."""
    retiring = status is BusStatus.RETIRED
    require(actor, Action.UPDATE, Resource.BUS if retiring else Resource.BUS_STATUS)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        ensure_in_service(bus)
        bus.status = status
        # Reported in or out now: any planned stay gives way to what is said today.
        bus.workshop_until = None  # the end first: a stay's end never precedes its start
        bus.workshop_from = None
        return uow.save(
            uow.buses.update,
            bus,
            BusChanged(actor=actor, bus=bus)
            if retiring
            else BusStatusSet(actor=actor, bus=bus, note=note),
            dry_run=dry_run,
        )


class WorkshopStay(BaseModel):
    """A bus's stay in the workshop and the trips already on it those days."""

    model_config = ConfigDict(frozen=True)

    bus: Bus
    days: DateRange  # an open stay: its first two months, for the clashes
    open_ended: bool
    clashes: list[Booking]


# An open stay is checked for clashes over this long: beyond it, the morning's conflict
# lines and the board flag any trip still on the bus.
OPEN_STAY_CHECK = timedelta(days=60)


def plan_workshop(
    deps: Deps,
    actor: User,
    bus_id: str,
    start: date,
    until: date | None,
    *,
    note: str = "",
    dry_run: bool = False,
) -> WorkshopStay:
    """The bus goes to the workshop from `start` to `until` (open: until reported out) and
    takes no trips those days. Trips already on it are not refused but returned, to be
    named and moved to another bus. `dry_run`: what it would refuse, refused now."""
    require(actor, Action.UPDATE, Resource.BUS_STATUS)
    start = max(start, deps.clock.today())
    if until is not None and until < start:
        raise InvalidInput("Tanggal keluar bengkel sebelum tanggal masuknya.")
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        ensure_in_service(bus)
        days = DateRange(start=start, end=until or start + OPEN_STAY_CHECK)
        clashes = [
            b for b in uow.bookings.holding(actor.tenant_id, days, [bus.id], []) if b.is_live
        ]
        bus = build(Bus, **(bus.model_dump() | {"workshop_from": start, "workshop_until": until}))
        event = BusStatusSet(actor=actor, bus=bus, note=note)
        uow.save(uow.buses.update, bus, event, dry_run=dry_run)
    clashes.sort(key=lambda b: b.depart_date)
    return WorkshopStay(bus=bus, days=days, open_ended=until is None, clashes=clashes)


def fleet_on(deps: Deps, actor: User, day: date) -> list[BusDay]:
    """Every bus with its state on `day`; 'booked' comes from the schedule, never stored."""
    require(actor, Action.READ, Resource.BUS)
    with deps.uow() as uow:
        buses = uow.buses.all(actor.tenant_id)
        running = uow.bookings.overlapping(actor.tenant_id, DateRange.single(day))
    holder = _holders(running)
    # Back only when every trip holding the bus that day is done (two may share a day).
    out = {
        i
        for b in running
        if b.is_live and b.status is not BookingStatus.COMPLETED
        for i in b.bus_ids()
    }
    on = DateRange.single(day)
    return [
        BusDay(
            bus=b,
            booked_by=holder.get(b.id),
            in_workshop=b.in_workshop(on),
            trip_done=b.id in holder and b.id not in out,
        )
        for b in sorted(buses, key=lambda b: b.name)
    ]


def available_buses(deps: Deps, actor: User, days: DateRange) -> list[Bus]:
    """Buses that can take a trip on every day of `days`: in service and not booked."""
    require(actor, Action.READ, Resource.BUS)
    with deps.uow() as uow:
        buses = uow.buses.all(actor.tenant_id)
        held = _holders(uow.bookings.overlapping(actor.tenant_id, days))
    return sorted(
        (b for b in buses if b.can_be_scheduled(days) and b.id not in held), key=lambda b: b.name
    )


def waiting_for_buses(deps: Deps, actor: User, days: DateRange) -> list[Booking]:
    """Live bookings on `days` with buses still to assign: each will take a bus of the fleet
    on its days, so a bus free on the schedule may not be free in fact."""
    require(actor, Action.READ, Resource.BUS)
    with deps.uow() as uow:
        running = uow.bookings.overlapping(actor.tenant_id, days)
    return [b for b in running if b.is_live and b.unassigned_buses() > 0]


def bus_detail(deps: Deps, actor: User, bus_id: str) -> BusDetail:
    require(actor, Action.READ, Resource.BUS)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        logs = uow.maintenance.for_bus(actor.tenant_id, bus_id)
        docs = [d for d in uow.documents.all(actor.tenant_id) if d.bus_id == bus_id]
    return BusDetail(bus=bus, maintenance=logs, documents=docs)


def log_maintenance(
    deps: Deps,
    actor: User,
    draft: MaintenanceDraft,
    *,
    back_in_service: bool = False,
    dry_run: bool = False,
) -> MaintenanceLog:
    """Work done on a bus; `back_in_service`: the bus leaves the workshop with it (its
    status before is kept in the trail, for an undo to put back). `dry_run`: what it would
    refuse, refused now, nothing written."""
    require(actor, Action.CREATE, Resource.MAINTENANCE)
    if back_in_service:
        require(actor, Action.UPDATE, Resource.BUS_STATUS)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, draft.bus_id)
        log = recorded(deps, actor, MaintenanceLog, draft, dated="performed_date")
        # The reading may be refused: check it before anything is staged, since a joined
        # transaction (Deps.within) commits whatever was staged along with the refusal's reply.
        if log.odometer_km is not None:
            check_odometer(bus, log.odometer_km)
        if back_in_service:
            ensure_in_service(bus)
        if dry_run:
            return log
        previous, reading, before = bus.odometer_km, None, bus.model_copy()
        if log.odometer_km is not None:
            reading = _read_odometer(deps, uow, bus, log.performed_date, log.odometer_km)
        uow.maintenance.add(log)
        uow.record(
            MaintenanceLogged(
                actor=actor,
                log=log,
                reading_id=reading.id if reading else None,
                previous_km=previous,
                bus_before=before if back_in_service else None,
            )
        )
        if back_in_service:
            _set_status(uow, actor, bus, BusStatus.AVAILABLE)
        uow.commit()
    return log


def _set_status(uow: Transaction, actor: User, bus: Bus, status: BusStatus, note: str = "") -> None:
    """In or out of the workshop as said now: any planned stay gives way to it."""
    bus.status = status
    bus.workshop_until = None  # the end first: a stay's end never precedes its start
    bus.workshop_from = None
    uow.buses.update(bus)
    uow.record(BusStatusSet(actor=actor, bus=bus, note=note))


class WorkshopSpending(BaseModel):
    """What one bus's maintenance and repairs cost in a period."""

    model_config = ConfigDict(frozen=True)

    bus: Bus
    cost: int
    jobs: int  # how many pieces of work were recorded


def workshop_spending(deps: Deps, actor: User, days: DateRange) -> list[WorkshopSpending]:
    """Maintenance and repair costs in a period, per bus (most spent first): money, so for
    the owner and admins only, as trip costs are."""
    require(actor, Action.READ, Resource.TRIP_COST)
    with deps.uow() as uow:
        buses = {bus.id: bus for bus in uow.buses.all(actor.tenant_id)}
        logs = uow.maintenance.between(actor.tenant_id, days.start, days.end)
    per_bus: dict[str, list[MaintenanceLog]] = {}
    for log in logs:
        per_bus.setdefault(log.bus_id, []).append(log)
    spent = [
        WorkshopSpending(bus=buses[bus_id], cost=sum(m.cost for m in done), jobs=len(done))
        for bus_id, done in per_bus.items()
        if bus_id in buses
    ]
    return sorted(spent, key=lambda s: (-s.cost, s.bus.name))


def report_problem(
    deps: Deps, actor: User, bus_id: str, report: str, *, follow_up: bool = False
) -> Bus:
    """ "rem bunyi, perlu dicek": the owner and admins are alerted; no repair is recorded.
    `follow_up`: news of the problem reported before ("udh diganti ban serep")."""
    require(actor, Action.UPDATE, Resource.BUS_STATUS)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        report = report[:300]
        uow.record(ProblemReported(actor=actor, bus=bus, report=report, follow_up=follow_up))
        uow.commit()
    return bus


def report_paper(
    deps: Deps, actor: User, paper: str, holder: tuple[str, str], said: str, example: str
) -> None:
    """A driver's word on a paper he may not record (`holder`: "bus" or "user" and its id):
    the owner and admins are alerted; no expiry is recorded."""
    require(actor, Action.CREATE, Resource.TEAM_MESSAGE)
    with deps.uow() as uow:
        entity, entity_id = holder
        uow.record(PaperNews(actor, paper, entity, entity_id, said[:300], example))
        uow.commit()


def record_odometer(deps: Deps, actor: User, bus_id: str, day: date, km: int) -> Bus:
    require(actor, Action.CREATE, Resource.MAINTENANCE)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        previous = bus.odometer_km
        reading = _read_odometer(deps, uow, bus, day, km)
        uow.record(OdometerRead(actor=actor, bus=bus, previous_km=previous, reading_id=reading.id))
        uow.commit()
    return bus


def set_service_interval(
    deps: Deps,
    actor: User,
    bus_id: str,
    type: MaintenanceType,
    every_days: int | None = None,
    every_km: int | None = None,
    *,
    dry_run: bool = False,
) -> ServiceInterval:
    require(actor, Action.UPDATE, Resource.BUS)
    with deps.uow() as uow:
        bus = _get_bus(uow, actor, bus_id)
        interval = build(
            ServiceInterval,
            tenant_id=actor.tenant_id,
            bus_id=bus.id,
            type=type,
            every_days=every_days,
            every_km=every_km,
        )
        return uow.save(
            uow.maintenance.set_interval,
            interval,
            ServiceIntervalSet(actor=actor, interval=interval),
            dry_run=dry_run,
        )


def maintenance_due(deps: Deps, actor: User, today: date) -> list[ServiceDue]:
    """Services due soon or overdue, by date or kilometres, whichever comes first."""
    require(actor, Action.READ, Resource.MAINTENANCE)
    with deps.uow() as uow:
        return _due(uow, actor.tenant_id, today)


def add_document(
    deps: Deps,
    actor: User,
    kind: DocumentKind,
    expires_on: date,
    *,
    bus_id: str | None = None,
    user_id: str | None = None,
    number: str = "",
) -> Document:
    require(actor, Action.CREATE, Resource.DOCUMENT)
    with deps.uow() as uow:
        if bus_id is not None:
            _get_bus(uow, actor, bus_id)
        if user_id is not None and uow.users.get(actor.tenant_id, user_id) is None:
            raise NotFound("Anggota tim tidak ditemukan.")
        doc = created(
            deps,
            Document,
            actor.tenant_id,
            kind=kind,
            bus_id=bus_id,
            user_id=user_id,
            number=number,
            expires_on=expires_on,
        )
        return uow.save(uow.documents.add, doc, DocumentRecorded(actor=actor, document=doc))


def renew_document(deps: Deps, actor: User, document_id: str, expires_on: date) -> Document:
    require(actor, Action.UPDATE, Resource.DOCUMENT)
    with deps.uow() as uow:
        doc = found(uow.documents.get(actor.tenant_id, document_id), "Dokumen")
        previous = doc.expires_on
        doc.expires_on = expires_on
        return uow.save(
            uow.documents.update,
            doc,
            DocumentRenewed(actor=actor, document=doc, previous_expiry=previous),
        )


def documents(deps: Deps, actor: User) -> list[Document]:
    """Every document of the tenant (buses' and people's), soonest expiry first; a driver's
    own only, for a driver."""
    scope = require(actor, Action.READ, Resource.DOCUMENT)
    with deps.uow() as uow:
        docs = uow.documents.all(actor.tenant_id)
        seen = _visible(uow, docs, actor, scope, deps.clock.today())
    return sorted(seen, key=lambda d: d.expires_on)


def service_plan(deps: Deps, actor: User, today: date) -> list[ServiceDue]:
    """Every service interval of every bus in service with its next due date or km."""
    require(actor, Action.READ, Resource.MAINTENANCE)
    with deps.uow() as uow:
        return _due(uow, actor.tenant_id, today, include_ok=True)


def expiring_documents(deps: Deps, actor: User, today: date) -> list[Document]:
    """Documents that expired or expire within the tenant's warning window (30 days)."""
    scope = require(actor, Action.READ, Resource.DOCUMENT)
    with deps.uow() as uow:
        return _visible(uow, _expiring(uow, actor.tenant_id, today), actor, scope, today)


# --- helpers ---------------------------------------------------------------------------


def carried(deps: Deps, actor: User) -> frozenset[str]:
    """The buses whose papers `actor` carries on a trip today or soon (permissions.py)."""
    with deps.uow() as uow:
        return _carried(uow, actor, deps.clock.today())


def _carried(uow: Transaction, actor: User, today: date) -> frozenset[str]:
    soon = DateRange(start=today, end=today + timedelta(days=CARRIED_PAPERS_DAYS))
    return carried_buses(uow.bookings.overlapping(actor.tenant_id, soon), actor.id, today)


def _visible(
    uow: Transaction, docs: list[Document], actor: User, scope: Scope, today: date
) -> list[Document]:
    """The documents `actor` may read: all, or with Scope.OWN their own (a SIM) and those of
    a bus they carry on a trip today or soon (permissions.may_read_document)."""
    if scope is Scope.ALL:
        return docs
    buses = _carried(uow, actor, today)
    return [d for d in docs if may_read_document(actor, scope, d, buses)]


def _due(
    uow: Transaction, tenant_id: str, today: date, *, include_ok: bool = False
) -> list[ServiceDue]:
    settings = uow.settings(tenant_id)
    return services_due(
        uow.maintenance.intervals(tenant_id),
        uow.maintenance.latest(tenant_id),
        uow.buses.all(tenant_id),
        today,
        warning_days=service_warning_days(settings),
        include_ok=include_ok,
    )


def _expiring(uow: Transaction, tenant_id: str, today: date) -> list[Document]:
    window = uow.settings(tenant_id).expiry_warning_days
    docs = uow.documents.expiring(tenant_id, today + timedelta(days=window + 1))
    return sorted(docs, key=lambda d: d.expires_on)


def ensure_in_service(bus: Bus) -> None:
    """A retired bus takes no trips and no new status: it is out of the fleet."""
    if bus.status is BusStatus.RETIRED:
        raise InvalidInput(f"{bus.name} sudah tidak dipakai lagi.")


def check_odometer(bus: Bus, km: int) -> None:
    """Odometers only go up: a lower reading is a typo, not a fact."""
    if bus.odometer_km is not None and km < bus.odometer_km:
        raise ReadingBelowLast(
            f"Odometer {bus.name} terakhir {format_km(bus.odometer_km)}; "
            f"{format_km(km)} lebih kecil. Mohon dicek lagi angkanya."
        )


def _read_odometer(deps: Deps, uow: Transaction, bus: Bus, day: date, km: int) -> OdometerReading:
    check_odometer(bus, km)
    reading = created(
        deps,
        OdometerReading,
        bus.tenant_id,
        bus_id=bus.id,
        reading_date=day,
        km=km,
    )
    uow.maintenance.add_reading(reading)
    bus.odometer_km = km
    uow.buses.update(bus)
    return reading


def _holders(bookings: list[Booking]) -> dict[str, str]:
    return {bus_id: b.id for b in bookings if b.is_live for bus_id in b.bus_ids()}


def _get_bus(uow: Transaction, actor: User, bus_id: str) -> Bus:
    return found(uow.buses.get(actor.tenant_id, bus_id), "Bus")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
