"""One repository per storage port, over one SQLAlchemy connection (the unit of work's).
Rows and domain records are mapped explicitly, field by field, in both directions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Table,
    and_,
    delete,
    false,
    func,
    insert,
    select,
    union,
    update,
)

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment, search_window
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    MaintenanceLog,
    MaintenanceType,
    OdometerReading,
    ServiceInterval,
)
from keloia.domain.model.payments import Payment, PaymentType
from keloia.domain.model.tenants import Invite, Role, Tenant, TenantSettings, User

from .conflicts import races_as_conflicts
from .tables import (
    OPEN_BALANCE,
    activity_log,
    alerts,
    booking_buses,
    booking_crew,
    bookings,
    buses,
    documents,
    invites,
    maintenance_logs,
    odometer_readings,
    payments,
    service_intervals,
    tenants,
    users,
)

# Bookings' assignments are fetched with `booking_id IN (...)`; SQLite caps bound
# parameters per statement, so long lists go in slices.
_IN_CHUNK = 500


class _Repository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def _update_one(self, table: Table, where: ColumnElement[bool], values: dict[str, Any]) -> None:
        """Update the record the where clause names, which must exist for that tenant:
        another tenant's record is no record at all (the in-memory adapter says the same)."""
        result = self._conn.execute(update(table).where(where).values(**values))
        if result.rowcount != 1:
            raise KeyError(f"no such record to update in {table.name}")


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


# --- tenants and people ----------------------------------------------------------------


def _tenant(row: Row[Any]) -> Tenant:
    return Tenant(
        id=row.id,
        name=row.name,
        settings=TenantSettings.model_validate(row.settings),
        created_at=row.created_at,
    )


def _tenant_values(tenant: Tenant) -> dict[str, Any]:
    return {
        "id": tenant.id,
        "name": tenant.name,
        "settings": tenant.settings.model_dump(mode="json"),
        "created_at": tenant.created_at,
    }


class SqlTenantRepository(_Repository):
    def add(self, tenant: Tenant) -> None:
        self._conn.execute(insert(tenants).values(**_tenant_values(tenant)))

    def get(self, tenant_id: str) -> Tenant | None:
        row = self._conn.execute(select(tenants).where(tenants.c.id == tenant_id)).first()
        return _tenant(row) if row else None

    def update(self, tenant: Tenant) -> None:
        self._update_one(tenants, tenants.c.id == tenant.id, _tenant_values(tenant))

    def all(self) -> list[Tenant]:
        return [_tenant(r) for r in self._conn.execute(select(tenants).order_by(tenants.c.id))]


def _user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        tenant_id=row.tenant_id,
        phone=row.phone,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        created_at=row.created_at,
    )


def _user_values(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "tenant_id": user.tenant_id,
        "phone": user.phone,
        "name": user.name,
        "role": user.role.value,
        "active": user.active,
        "created_at": user.created_at,
    }


class SqlUserRepository(_Repository):
    def add(self, user: User) -> None:
        # Two registrations of one number at once: the loser's unique violation is a race.
        with races_as_conflicts():
            self._conn.execute(insert(users).values(**_user_values(user)))

    def get(self, tenant_id: str, user_id: str) -> User | None:
        row = self._conn.execute(
            select(users).where(users.c.tenant_id == tenant_id, users.c.id == user_id)
        ).first()
        return _user(row) if row else None

    def update(self, user: User) -> None:
        self._update_one(
            users,
            and_(users.c.tenant_id == user.tenant_id, users.c.id == user.id),
            _user_values(user),
        )

    def all(self, tenant_id: str) -> list[User]:
        rows = self._conn.execute(
            select(users)
            .where(users.c.tenant_id == tenant_id)
            .order_by(users.c.created_at, users.c.id)
        )
        return [_user(r) for r in rows]

    def by_phone(self, phone: str) -> User | None:
        row = self._conn.execute(select(users).where(users.c.phone == phone)).first()
        return _user(row) if row else None


def _invite(row: Row[Any]) -> Invite:
    return Invite(
        code=row.code,
        tenant_id=row.tenant_id,
        role=Role(row.role),
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
    )


def _invite_values(invite: Invite) -> dict[str, Any]:
    return {
        "code": invite.code,
        "tenant_id": invite.tenant_id,
        "role": invite.role.value,
        "created_by": invite.created_by,
        "created_at": invite.created_at,
        "expires_at": invite.expires_at,
        "max_uses": invite.max_uses,
        "uses": invite.uses,
    }


class SqlInviteRepository(_Repository):
    def add(self, invite: Invite) -> None:
        self._conn.execute(insert(invites).values(**_invite_values(invite)))

    def by_code(self, code: str) -> Invite | None:
        # Locked (on PostgreSQL) until commit: two people redeeming a one-use code at once
        # are served one after the other, and the second sees it used.
        row = self._conn.execute(
            select(invites).where(invites.c.code == code).with_for_update()
        ).first()
        return _invite(row) if row else None

    def update(self, invite: Invite) -> None:
        self._update_one(
            invites,
            and_(invites.c.tenant_id == invite.tenant_id, invites.c.code == invite.code),
            _invite_values(invite),
        )


# --- fleet -----------------------------------------------------------------------------


def _bus(row: Row[Any]) -> Bus:
    return Bus(
        id=row.id,
        tenant_id=row.tenant_id,
        name=row.name,
        plate=row.plate,
        seats=row.seats,
        status=BusStatus(row.status),
        odometer_km=row.odometer_km,
    )


def _bus_values(bus: Bus) -> dict[str, Any]:
    return {
        "id": bus.id,
        "tenant_id": bus.tenant_id,
        "name": bus.name,
        "plate": bus.plate,
        "seats": bus.seats,
        "status": bus.status.value,
        "odometer_km": bus.odometer_km,
    }


class SqlBusRepository(_Repository):
    def add(self, bus: Bus) -> None:
        self._conn.execute(insert(buses).values(**_bus_values(bus)))

    def get(self, tenant_id: str, bus_id: str) -> Bus | None:
        row = self._conn.execute(
            select(buses).where(buses.c.tenant_id == tenant_id, buses.c.id == bus_id)
        ).first()
        return _bus(row) if row else None

    def update(self, bus: Bus) -> None:
        self._update_one(
            buses, and_(buses.c.tenant_id == bus.tenant_id, buses.c.id == bus.id), _bus_values(bus)
        )

    def all(self, tenant_id: str) -> list[Bus]:
        rows = self._conn.execute(
            select(buses).where(buses.c.tenant_id == tenant_id).order_by(buses.c.name, buses.c.id)
        )
        return [_bus(r) for r in rows]


# --- bookings --------------------------------------------------------------------------


def _booking(row: Row[Any], assignments: list[BusAssignment]) -> Booking:
    return Booking(
        id=row.id,
        tenant_id=row.tenant_id,
        client_name=row.client_name,
        client_phone=row.client_phone,
        route_from=row.route_from,
        route_to=row.route_to,
        depart_date=row.depart_date,
        return_date=row.return_date,
        pickup_time=row.pickup_time,
        pickup_place=row.pickup_place,
        passengers=row.passengers,
        price=row.price,
        status=BookingStatus(row.status),
        bus_count=row.bus_count,
        assignments=assignments,
        notes=row.notes,
        settlement_due_date=row.settlement_due_date,
        paid_total=row.paid_total,
        refunded_total=row.refunded_total,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def _booking_values(booking: Booking) -> dict[str, Any]:
    return {
        "id": booking.id,
        "tenant_id": booking.tenant_id,
        "client_name": booking.client_name,
        "client_phone": booking.client_phone,
        "route_from": booking.route_from,
        "route_to": booking.route_to,
        "depart_date": booking.depart_date,
        "return_date": booking.return_date,
        "pickup_time": booking.pickup_time,
        "pickup_place": booking.pickup_place,
        "passengers": booking.passengers,
        "price": booking.price,
        "status": booking.status.value,
        "bus_count": booking.bus_count,
        "notes": booking.notes,
        "settlement_due_date": booking.settlement_due_date,
        "paid_total": booking.paid_total,
        "refunded_total": booking.refunded_total,
        "created_by": booking.created_by,
        "created_at": booking.created_at,
    }


def _schedule_rows(booking: Booking) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The booking_buses and booking_crew rows that hold the booking's resources."""
    held = {
        "booking_id": booking.id,
        "tenant_id": booking.tenant_id,
        "depart_date": booking.depart_date,
        "return_date": booking.return_date,
        "live": booking.is_live,
    }
    bus_rows = [
        held
        | {
            "position": position,
            "bus_id": a.bus_id,
            "driver_id": a.driver_id,
            "co_driver_id": a.co_driver_id,
        }
        for position, a in enumerate(booking.assignments)
    ]
    crew_rows = [held | {"user_id": user_id} for user_id in booking.crew_ids()]
    return bus_rows, crew_rows


def _overlap(table: Table, days: DateRange) -> ColumnElement[bool]:
    """Rows whose days meet `days`. Trips are bounded, so the departure lies in a short
    window: an index range scan, however many years of bookings are stored."""
    window = search_window(days)
    return and_(
        table.c.depart_date.between(window.start, window.end),
        table.c.return_date >= days.start,
    )


class SqlBookingRepository(_Repository):
    def add(self, booking: Booking) -> None:
        with races_as_conflicts():
            self._conn.execute(insert(bookings).values(**_booking_values(booking)))
            self._insert_schedule(booking)

    def get(self, tenant_id: str, booking_id: str) -> Booking | None:
        # Fetching one booking is how every change of it starts (a payment, a status, new
        # days), so the row is locked until the transaction ends: on PostgreSQL two changes
        # of one booking queue instead of one overwriting the other's totals. SQLite
        # already runs one writer at a time and ignores FOR UPDATE.
        query = (
            select(bookings)
            .where(bookings.c.tenant_id == tenant_id, bookings.c.id == booking_id)
            .with_for_update(key_share=True)
        )
        found = self._load(tenant_id, query)
        return found[0] if found else None

    def update(self, booking: Booking) -> None:
        self._update_one(
            bookings,
            and_(bookings.c.tenant_id == booking.tenant_id, bookings.c.id == booking.id),
            _booking_values(booking),
        )
        with races_as_conflicts():
            for table in (booking_buses, booking_crew):
                self._conn.execute(
                    delete(table).where(
                        table.c.tenant_id == booking.tenant_id, table.c.booking_id == booking.id
                    )
                )
            self._insert_schedule(booking)

    def overlapping(self, tenant_id: str, days: DateRange) -> list[Booking]:
        query = (
            select(bookings)
            .where(bookings.c.tenant_id == tenant_id, _overlap(bookings, days))
            .order_by(bookings.c.depart_date, bookings.c.id)
        )
        return self._load(tenant_id, query)

    def holding(
        self, tenant_id: str, days: DateRange, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> list[Booking]:
        if not bus_ids and not crew_ids:
            return []
        self._lock_resources(tenant_id, bus_ids, crew_ids)
        holders = union(
            select(booking_buses.c.booking_id).where(
                booking_buses.c.tenant_id == tenant_id,
                booking_buses.c.bus_id.in_(list(bus_ids)),
                booking_buses.c.live,
                _overlap(booking_buses, days),
            ),
            select(booking_crew.c.booking_id).where(
                booking_crew.c.tenant_id == tenant_id,
                booking_crew.c.user_id.in_(list(crew_ids)),
                booking_crew.c.live,
                _overlap(booking_crew, days),
            ),
        ).subquery()
        query = (
            select(bookings)
            .where(bookings.c.tenant_id == tenant_id, bookings.c.id.in_(select(holders)))
            .order_by(bookings.c.depart_date, bookings.c.id)
        )
        return self._load(tenant_id, query)

    def with_balance(self, tenant_id: str) -> list[Booking]:
        query = (
            select(bookings)
            .where(bookings.c.tenant_id == tenant_id, OPEN_BALANCE)
            .order_by(bookings.c.depart_date, bookings.c.id)
        )
        return self._load(tenant_id, query)

    def _lock_resources(
        self, tenant_id: str, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> None:
        """The conflict check is followed by the write it allows. On PostgreSQL, lock the
        buses and people it is about (in a fixed order, so two writers cannot deadlock)
        so a second writer of the same bus waits here and then sees the first one's
        booking; the exclusion constraints stay the last word. SQLite's BEGIN IMMEDIATE
        already keeps writers apart, and FOR UPDATE is not even rendered there."""
        if self._conn.dialect.name != "postgresql":
            return
        for table, ids in ((buses, bus_ids), (users, crew_ids)):
            if not ids:
                continue
            with races_as_conflicts():
                self._conn.execute(
                    select(table.c.id)
                    .where(table.c.tenant_id == tenant_id, table.c.id.in_(sorted(set(ids))))
                    .order_by(table.c.id)
                    .with_for_update(key_share=True)
                )

    def _insert_schedule(self, booking: Booking) -> None:
        bus_rows, crew_rows = _schedule_rows(booking)
        if bus_rows:
            self._conn.execute(insert(booking_buses), bus_rows)
        if crew_rows:
            self._conn.execute(insert(booking_crew), crew_rows)

    def _load(self, tenant_id: str, query: Any) -> list[Booking]:
        rows = self._conn.execute(query).all()
        if not rows:
            return []
        assignments = self._assignments(tenant_id, [r.id for r in rows])
        return [_booking(r, assignments[r.id]) for r in rows]

    def _assignments(
        self, tenant_id: str, booking_ids: list[str]
    ) -> dict[str, list[BusAssignment]]:
        found: dict[str, list[BusAssignment]] = defaultdict(list)
        for chunk in _chunks(booking_ids):
            rows = self._conn.execute(
                select(booking_buses)
                .where(
                    booking_buses.c.tenant_id == tenant_id,
                    booking_buses.c.booking_id.in_(chunk),
                )
                .order_by(booking_buses.c.booking_id, booking_buses.c.position)
            )
            for row in rows:
                found[row.booking_id].append(
                    BusAssignment(
                        bus_id=row.bus_id, driver_id=row.driver_id, co_driver_id=row.co_driver_id
                    )
                )
        return found


# --- money -----------------------------------------------------------------------------


def _payment(row: Row[Any]) -> Payment:
    return Payment(
        id=row.id,
        tenant_id=row.tenant_id,
        booking_id=row.booking_id,
        type=PaymentType(row.type),
        amount=row.amount,
        method=row.method,
        paid_date=row.paid_date,
        note=row.note,
        overpayment=row.overpayment,
        recorded_by=row.recorded_by,
        created_at=row.created_at,
    )


class SqlPaymentRepository(_Repository):
    def get(self, tenant_id: str, payment_id: str) -> Payment | None:
        row = self._conn.execute(
            select(payments).where(payments.c.tenant_id == tenant_id, payments.c.id == payment_id)
        ).first()
        return _payment(row) if row else None

    def add(self, payment: Payment) -> None:
        self._conn.execute(
            insert(payments).values(
                id=payment.id,
                tenant_id=payment.tenant_id,
                booking_id=payment.booking_id,
                type=payment.type.value,
                amount=payment.amount,
                method=payment.method,
                paid_date=payment.paid_date,
                note=payment.note,
                overpayment=payment.overpayment,
                recorded_by=payment.recorded_by,
                created_at=payment.created_at,
            )
        )

    def for_booking(self, tenant_id: str, booking_id: str) -> list[Payment]:
        rows = self._conn.execute(
            select(payments)
            .where(payments.c.tenant_id == tenant_id, payments.c.booking_id == booking_id)
            .order_by(payments.c.paid_date, payments.c.id)
        )
        return [_payment(r) for r in rows]

    def between(self, tenant_id: str, start: date, end: date) -> list[Payment]:
        rows = self._conn.execute(
            select(payments)
            .where(payments.c.tenant_id == tenant_id, payments.c.paid_date.between(start, end))
            .order_by(payments.c.paid_date, payments.c.id)
        )
        return [_payment(r) for r in rows]


# --- maintenance and documents ---------------------------------------------------------


def _maintenance(row: Row[Any]) -> MaintenanceLog:
    return MaintenanceLog(
        id=row.id,
        tenant_id=row.tenant_id,
        bus_id=row.bus_id,
        type=MaintenanceType(row.type),
        performed_date=row.performed_date,
        cost=row.cost,
        odometer_km=row.odometer_km,
        description=row.description,
        next_due_date=row.next_due_date,
        recorded_by=row.recorded_by,
    )


def _interval(row: Row[Any]) -> ServiceInterval:
    return ServiceInterval(
        tenant_id=row.tenant_id,
        bus_id=row.bus_id,
        type=MaintenanceType(row.type),
        every_days=row.every_days,
        every_km=row.every_km,
    )


class SqlMaintenanceRepository(_Repository):
    def add(self, log: MaintenanceLog) -> None:
        self._conn.execute(
            insert(maintenance_logs).values(
                id=log.id,
                tenant_id=log.tenant_id,
                bus_id=log.bus_id,
                type=log.type.value,
                performed_date=log.performed_date,
                cost=log.cost,
                odometer_km=log.odometer_km,
                description=log.description,
                next_due_date=log.next_due_date,
                recorded_by=log.recorded_by,
            )
        )

    def for_bus(self, tenant_id: str, bus_id: str) -> list[MaintenanceLog]:
        rows = self._conn.execute(
            select(maintenance_logs)
            .where(maintenance_logs.c.tenant_id == tenant_id, maintenance_logs.c.bus_id == bus_id)
            .order_by(maintenance_logs.c.performed_date.desc(), maintenance_logs.c.id.desc())
        )
        return [_maintenance(r) for r in rows]

    def latest(self, tenant_id: str) -> dict[tuple[str, MaintenanceType], MaintenanceLog]:
        newest_first = (
            func.row_number()
            .over(
                partition_by=(maintenance_logs.c.bus_id, maintenance_logs.c.type),
                order_by=(maintenance_logs.c.performed_date.desc(), maintenance_logs.c.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            select(maintenance_logs, newest_first)
            .where(maintenance_logs.c.tenant_id == tenant_id)
            .subquery()
        )
        rows = self._conn.execute(select(ranked).where(ranked.c.rank == 1))
        logs = (_maintenance(r) for r in rows)
        return {(log.bus_id, log.type): log for log in logs}

    def set_interval(self, interval: ServiceInterval) -> None:
        key = and_(
            service_intervals.c.tenant_id == interval.tenant_id,
            service_intervals.c.bus_id == interval.bus_id,
            service_intervals.c.type == interval.type.value,
        )
        measures = {"every_days": interval.every_days, "every_km": interval.every_km}
        changed = self._conn.execute(update(service_intervals).where(key).values(**measures))
        if changed.rowcount == 0:
            self._conn.execute(
                insert(service_intervals).values(
                    tenant_id=interval.tenant_id,
                    bus_id=interval.bus_id,
                    type=interval.type.value,
                    **measures,
                )
            )

    def intervals(self, tenant_id: str) -> list[ServiceInterval]:
        rows = self._conn.execute(
            select(service_intervals)
            .where(service_intervals.c.tenant_id == tenant_id)
            .order_by(service_intervals.c.bus_id, service_intervals.c.type)
        )
        return [_interval(r) for r in rows]

    def add_reading(self, reading: OdometerReading) -> None:
        self._conn.execute(
            insert(odometer_readings).values(
                id=reading.id,
                tenant_id=reading.tenant_id,
                bus_id=reading.bus_id,
                reading_date=reading.reading_date,
                km=reading.km,
            )
        )


def _document(row: Row[Any]) -> Document:
    return Document(
        id=row.id,
        tenant_id=row.tenant_id,
        kind=DocumentKind(row.kind),
        bus_id=row.bus_id,
        user_id=row.user_id,
        number=row.number,
        expires_on=row.expires_on,
    )


def _document_values(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "tenant_id": document.tenant_id,
        "kind": document.kind.value,
        "bus_id": document.bus_id,
        "user_id": document.user_id,
        "number": document.number,
        "expires_on": document.expires_on,
    }


class SqlDocumentRepository(_Repository):
    def add(self, document: Document) -> None:
        self._conn.execute(insert(documents).values(**_document_values(document)))

    def get(self, tenant_id: str, document_id: str) -> Document | None:
        row = self._conn.execute(
            select(documents).where(
                documents.c.tenant_id == tenant_id, documents.c.id == document_id
            )
        ).first()
        return _document(row) if row else None

    def update(self, document: Document) -> None:
        self._update_one(
            documents,
            and_(documents.c.tenant_id == document.tenant_id, documents.c.id == document.id),
            _document_values(document),
        )

    def all(self, tenant_id: str) -> list[Document]:
        return self._documents(documents.c.tenant_id == tenant_id)

    def expiring(self, tenant_id: str, before: date) -> list[Document]:
        return self._documents(
            and_(documents.c.tenant_id == tenant_id, documents.c.expires_on < before)
        )

    def _documents(self, where: ColumnElement[bool]) -> list[Document]:
        rows = self._conn.execute(
            select(documents).where(where).order_by(documents.c.expires_on, documents.c.id)
        )
        return [_document(r) for r in rows]


# --- the paper trail and alerts --------------------------------------------------------


def _activity(row: Row[Any]) -> ActivityEntry:
    return ActivityEntry(
        id=row.id,
        tenant_id=row.tenant_id,
        actor_id=row.actor_id,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        snapshot=row.snapshot,
        at=row.at,
    )


class SqlActivityRepository(_Repository):
    def add(self, entry: ActivityEntry) -> None:
        self._conn.execute(
            insert(activity_log).values(
                id=entry.id,
                tenant_id=entry.tenant_id,
                actor_id=entry.actor_id,
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                snapshot=entry.snapshot,
                at=entry.at,
            )
        )

    def all(self, tenant_id: str, entity_id: str | None = None) -> list[ActivityEntry]:
        query = select(activity_log).where(activity_log.c.tenant_id == tenant_id)
        if entity_id is not None:
            query = query.where(activity_log.c.entity_id == entity_id)
        rows = self._conn.execute(query.order_by(activity_log.c.at, activity_log.c.id))
        return [_activity(r) for r in rows]


def _alert(row: Row[Any]) -> Alert:
    return Alert(
        id=row.id,
        tenant_id=row.tenant_id,
        user_id=row.user_id,
        kind=AlertKind(row.kind),
        text=row.text,
        entity=row.entity,
        entity_id=row.entity_id,
        created_at=row.created_at,
        read=row.read,
    )


class SqlAlertRepository(_Repository):
    def add(self, alert: Alert) -> None:
        self._conn.execute(
            insert(alerts).values(
                id=alert.id,
                tenant_id=alert.tenant_id,
                user_id=alert.user_id,
                kind=alert.kind.value,
                text=alert.text,
                entity=alert.entity,
                entity_id=alert.entity_id,
                created_at=alert.created_at,
                read=alert.read,
            )
        )

    def for_user(self, tenant_id: str, user_id: str, unread_only: bool = True) -> list[Alert]:
        query = select(alerts).where(alerts.c.tenant_id == tenant_id, alerts.c.user_id == user_id)
        if unread_only:
            query = query.where(alerts.c.read == false())
        rows = self._conn.execute(query.order_by(alerts.c.created_at, alerts.c.id))
        return [_alert(r) for r in rows]
