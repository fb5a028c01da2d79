"""One repository per storage port, over one SQLAlchemy connection (the unit of work's).
Rows and domain records are mapped by one rule (`to_model`, `to_row`): columns are named
as the model's fields; enums are stored as their values and JSON columns as JSON."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Row,
    Table,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keloia.adapters.roster import RosterMember
from keloia.domain.model import fleet
from keloia.domain.model.activity import ON_BOOKING, ActivityEntry, ActivityQuery
from keloia.domain.model.alerts import Alert
from keloia.domain.model.bookings import Booking, BusAssignment, search_window
from keloia.domain.model.common import DateRange
from keloia.domain.model.money import TripCost
from keloia.domain.model.payments import Payment
from keloia.domain.model.tenants import Invite, Tenant, User

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
    trip_costs,
    users,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

# Long lists (ids for `IN (...)`, rows of a multi-row statement) go in slices of this
# many: far under SQLite's and PostgreSQL's caps on bound parameters per statement.
_CHUNK = 500


def to_model(model: type[M], row: Row[Any], **extra: Any) -> M:
    """A row as its domain record, validated as on creation."""
    data = row._mapping
    values = {name: data[name] for name in model.model_fields if name in data}
    return model.model_validate(values | extra)


def to_row(record: BaseModel, table: Table, **extra: Any) -> dict[str, Any]:
    """A record's values for its table's columns."""
    python = record.model_dump()
    as_json: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in python:
            continue
        value = python[column.name]
        if isinstance(column.type, JSON):
            as_json = as_json or record.model_dump(mode="json")
            value = as_json[column.name]
        elif isinstance(value, Enum):
            value = value.value
        values[column.name] = value
    return values | extra


S = TypeVar("S")
_BUILT: dict[tuple[Any, ...], Any] = {}


def built(key: tuple[Any, ...], build: Callable[[], S]) -> S:
    """A statement with bind parameters, built once and kept. Building a statement (and
    its cache key) anew for each call cost three times what running it did, and the hot
    ones run several times per WhatsApp message (docs/benchmarks.md, "Capacity")."""
    statement = _BUILT.get(key)
    if statement is None:
        statement = _BUILT.setdefault(key, build())
    return statement  # type: ignore[no-any-return]


class _Repository(RosterMember):
    """A repository on the unit of work's connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def _upsert(self, table: Table) -> Any:
        """INSERT with ON CONFLICT in the connection's dialect (PostgreSQL or SQLite)."""
        make = pg_insert if self._conn.dialect.name == "postgresql" else sqlite_insert
        return make(table)

    def _update_one(self, table: Table, where: ColumnElement[bool], values: dict[str, Any]) -> None:
        """Update the record the where clause names, which must exist for that tenant:
        another tenant's record is no record at all (the in-memory adapter says the same)."""
        self._updated(self._conn.execute(update(table).where(where).values(**values)), table)

    def _update_by(self, table: Table, keys: tuple[str, ...], values: dict[str, Any]) -> None:
        """_update_one where the record is named by these columns' values (in `values`),
        as a statement built once: the SET clause comes from the parameters' names."""
        statement = built(
            ("update", table.name, keys),
            lambda: update(table).where(*(table.c[k] == bindparam(f"where_{k}") for k in keys)),
        )
        params = values | {f"where_{k}": values[k] for k in keys}
        self._updated(self._conn.execute(statement, params), table)

    @staticmethod
    def _updated(result: Any, table: Table) -> None:
        if result.rowcount != 1:
            raise KeyError(f"no such record to update in {table.name}")

    def _insert(self, table: Table, values: dict[str, Any]) -> None:
        self._conn.execute(built(("insert", table.name), lambda: insert(table)), values)


class SqlRecords(_Repository, Generic[M]):
    """add / get / update / all of one tenant's records, one row each."""

    table: ClassVar[Table]
    model: ClassVar[type[BaseModel]]
    key: ClassVar[str] = "id"
    order: ClassVar[tuple[str, ...]] = ("id",)

    def add(self, record: M) -> None:
        self._insert(self.table, to_row(record, self.table))

    def get(self, tenant_id: str, key: str) -> M | None:
        found = self._select_by(("tenant_id", self.key), (tenant_id, key))
        return found[0] if found else None

    def update(self, record: M) -> None:
        self._update_by(self.table, ("tenant_id", self.key), to_row(record, self.table))

    def all(self, tenant_id: str) -> list[M]:
        return self._select_by(("tenant_id",), (tenant_id,))

    def remove(self, tenant_id: str, key: str) -> None:
        where = and_(self.table.c.tenant_id == tenant_id, self.table.c[self.key] == key)
        if self._conn.execute(delete(self.table).where(where)).rowcount != 1:
            raise KeyError(f"no such record to remove in {self.table.name}")

    def _select(self, *where: ColumnElement[bool], lock: bool = False) -> list[M]:
        rows = self._conn.execute(self._query(*where, lock=lock))
        return [self._model(row) for row in rows]

    def _select_by(self, columns: tuple[str, ...], values: tuple[Any, ...]) -> list[M]:
        """_select where each column equals its value, as a statement built once."""
        query = built(
            ("select", type(self), columns),
            lambda: self._query(*(self.table.c[c] == bindparam(f"by_{c}") for c in columns)),
        )
        rows = self._conn.execute(
            query, {f"by_{c}": v for c, v in zip(columns, values, strict=True)}
        )
        return [self._model(row) for row in rows]

    def _query(self, *where: ColumnElement[bool], lock: bool = False) -> Any:
        query = select(self.table).where(*where)
        query = query.order_by(*(self.table.c[name] for name in self.order))
        return query.with_for_update() if lock else query

    def _model(self, row: Row[Any]) -> M:
        found: M = to_model(self.model, row)  # type: ignore[assignment]
        return found


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# --- tenants and people ----------------------------------------------------------------


class SqlTenantRepository(_Repository, roster="tenants"):
    def add(self, tenant: Tenant) -> None:
        self._insert(tenants, to_row(tenant, tenants))

    def get(self, tenant_id: str) -> Tenant | None:
        query = built(("tenant",), lambda: select(tenants).where(tenants.c.id == bindparam("id")))
        row = self._conn.execute(query, {"id": tenant_id}).first()
        return to_model(Tenant, row) if row else None

    def update(self, tenant: Tenant) -> None:
        self._update_one(tenants, tenants.c.id == tenant.id, to_row(tenant, tenants))

    def all(self) -> list[Tenant]:
        rows = self._conn.execute(select(tenants).order_by(tenants.c.id))
        return [to_model(Tenant, r) for r in rows]


class SqlUserRepository(SqlRecords[User], roster="users"):
    table, model, order = users, User, ("created_at", "id")

    def add(self, user: User) -> None:
        # Two registrations of one number at once: the loser's unique violation is a race.
        with races_as_conflicts():
            super().add(user)

    def by_phone(self, phone: str) -> User | None:
        found = self._select_by(("phone",), (phone,))
        return found[0] if found else None


class SqlInviteRepository(SqlRecords[Invite], roster="invites"):
    table, model, key, order = invites, Invite, "code", ("code",)

    def by_code(self, code: str) -> Invite | None:
        # Locked (on PostgreSQL) until commit: two people redeeming a one-use code at once
        # are served one after the other, and the second sees it used.
        found = self._select(invites.c.code == code, lock=True)
        return found[0] if found else None

    def for_tenant(self, tenant_id: str) -> list[Invite]:
        found = self._select(invites.c.tenant_id == tenant_id)
        return sorted(found, key=lambda i: (i.created_at, i.code), reverse=True)


# --- fleet -----------------------------------------------------------------------------


class SqlBusRepository(SqlRecords[fleet.Bus], roster="buses"):
    table, model, order = buses, fleet.Bus, ("name", "id")


# --- bookings --------------------------------------------------------------------------


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


def _overlap_bound(table: Table) -> ColumnElement[bool]:
    """Rows whose days meet the days given as bind parameters (_overlap_params). Trips
    are bounded, so the departure lies in a short window: an index range scan, however
    many years of bookings are stored."""
    return and_(
        table.c.depart_date.between(bindparam("window_start"), bindparam("window_end")),
        table.c.return_date >= bindparam("days_start"),
    )


def _overlap_params(days: DateRange) -> dict[str, date]:
    window = search_window(days)
    return {"window_start": window.start, "window_end": window.end, "days_start": days.start}


def _client_names_query() -> Any:
    """Each client name of the bookings meeting the days (bind parameters: tenant and
    _overlap_params) at its first and its last booking, in the order the bookings were made
    (ports.storage.BookingRepository.client_names): one column, not the bookings."""
    made = (bookings.c.created_at, bookings.c.depart_date, bookings.c.id)
    name = bookings.c.client_name
    first = func.row_number().over(partition_by=name, order_by=made)
    last = func.row_number().over(partition_by=name, order_by=[c.desc() for c in made])
    ranked = (
        select(name, *made, first.label("from_first"), last.label("from_last"))
        .where(bookings.c.tenant_id == bindparam("tenant"), _overlap_bound(bookings))
        .subquery()
    )
    return (
        select(ranked.c.client_name)
        .where(or_(ranked.c.from_first == 1, ranked.c.from_last == 1))
        .order_by(ranked.c.created_at, ranked.c.depart_date, ranked.c.id)
    )


def _holding_query() -> Any:
    """The live bookings that hold any of the buses or crew on any of the days (bind
    parameters: tenant, bus_ids, crew_ids and _overlap_params): the conflict check."""
    holders = union(
        select(booking_buses.c.booking_id).where(
            booking_buses.c.tenant_id == bindparam("tenant"),
            booking_buses.c.bus_id.in_(bindparam("bus_ids", expanding=True)),
            booking_buses.c.live,
            _overlap_bound(booking_buses),
        ),
        select(booking_crew.c.booking_id).where(
            booking_crew.c.tenant_id == bindparam("tenant"),
            booking_crew.c.user_id.in_(bindparam("crew_ids", expanding=True)),
            booking_crew.c.live,
            _overlap_bound(booking_crew),
        ),
    ).subquery()
    return (
        select(bookings)
        .where(bookings.c.tenant_id == bindparam("tenant"), bookings.c.id.in_(select(holders)))
        .order_by(bookings.c.depart_date, bookings.c.id)
    )


class SqlBookingRepository(_Repository, roster="bookings"):
    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        # Each booking as this transaction last read or wrote it. A second `get` of it is
        # answered from here: the first one locked the row (FOR UPDATE; SQLite has one
        # writer), so nobody else has changed it since. An update that leaves its schedule
        # rows as they were (a payment, a note) does not delete and insert them again.
        self._seen: dict[tuple[str, str], Booking] = {}
        self._seen_in: object = None

    def _kept(self) -> dict[tuple[str, str], Booking]:
        """`_seen`, emptied when the connection's transaction is not the one it was kept in
        (after a commit or a rollback)."""
        current = self._conn.get_transaction()
        if current is not self._seen_in:
            self._seen, self._seen_in = {}, current
        return self._seen

    def add(self, booking: Booking) -> None:
        with races_as_conflicts():
            self._insert(bookings, to_row(booking, bookings))
            self._insert_schedule(booking)
        self._kept()[booking.tenant_id, booking.id] = booking.model_copy(deep=True)

    def get(self, tenant_id: str, booking_id: str) -> Booking | None:
        kept = self._kept()
        if (tenant_id, booking_id) in kept:
            return kept[tenant_id, booking_id].model_copy(deep=True)
        # Fetching one booking is how every change of it starts (a payment, a status, new
        # days), so the row is locked until the transaction ends: on PostgreSQL two changes
        # of one booking queue instead of one overwriting the other's totals. SQLite
        # already runs one writer at a time and ignores FOR UPDATE.
        query = built(
            ("booking get",),
            lambda: (
                select(bookings)
                .where(
                    bookings.c.tenant_id == bindparam("tenant"), bookings.c.id == bindparam("id")
                )
                .with_for_update(key_share=True)
            ),
        )
        found = self._load(tenant_id, query, {"tenant": tenant_id, "id": booking_id})
        if not found:
            return None
        kept[tenant_id, booking_id] = found[0].model_copy(deep=True)
        return found[0]

    def update(self, booking: Booking) -> None:
        self._update_one(
            bookings,
            and_(bookings.c.tenant_id == booking.tenant_id, bookings.c.id == booking.id),
            to_row(booking, bookings),
        )
        kept = self._kept()
        before = kept.pop((booking.tenant_id, booking.id), None)
        if before is None or _schedule_rows(before) != _schedule_rows(booking):
            with races_as_conflicts():
                for table in (booking_buses, booking_crew):
                    self._conn.execute(
                        delete(table).where(
                            table.c.tenant_id == booking.tenant_id,
                            table.c.booking_id == booking.id,
                        )
                    )
                self._insert_schedule(booking)
        kept[booking.tenant_id, booking.id] = booking.model_copy(deep=True)

    def get_many(self, tenant_id: str, booking_ids: Sequence[str]) -> list[Booking]:
        wanted = list(dict.fromkeys(booking_ids))
        query = built(
            ("bookings get many",),
            lambda: select(bookings).where(
                bookings.c.tenant_id == bindparam("tenant"),
                bookings.c.id.in_(bindparam("ids", expanding=True)),
            ),
        )
        found: dict[str, Booking] = {}
        for chunk in _chunks(wanted):
            read = self._load(tenant_id, query, {"tenant": tenant_id, "ids": list(chunk)})
            found.update((b.id, b) for b in read)
        return [found[i] for i in wanted if i in found]

    def overlapping(self, tenant_id: str, days: DateRange) -> list[Booking]:
        query = built(
            ("bookings overlapping",),
            lambda: (
                select(bookings)
                .where(bookings.c.tenant_id == bindparam("tenant"), _overlap_bound(bookings))
                .order_by(bookings.c.depart_date, bookings.c.id)
            ),
        )
        return self._load(tenant_id, query, {"tenant": tenant_id, **_overlap_params(days)})

    def client_names(self, tenant_id: str, days: DateRange) -> tuple[str, ...]:
        query = built(("booking client names",), _client_names_query)
        rows = self._conn.execute(query, {"tenant": tenant_id, **_overlap_params(days)})
        return tuple(row.client_name for row in rows)

    def holding(
        self, tenant_id: str, days: DateRange, bus_ids: Sequence[str], crew_ids: Sequence[str]
    ) -> list[Booking]:
        if not bus_ids and not crew_ids:
            return []
        self._lock_resources(tenant_id, bus_ids, crew_ids)
        query = built(("bookings holding",), _holding_query)
        params = {"tenant": tenant_id, "bus_ids": list(bus_ids), "crew_ids": list(crew_ids)}
        return self._load(tenant_id, query, params | _overlap_params(days))

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

    def _load(
        self, tenant_id: str, query: Any, params: dict[str, Any] | None = None
    ) -> list[Booking]:
        rows = self._conn.execute(query, params).all()
        if not rows:
            return []
        assignments = self._assignments(tenant_id, [r.id for r in rows])
        return [to_model(Booking, r, assignments=assignments[r.id]) for r in rows]

    def _assignments(
        self, tenant_id: str, booking_ids: list[str]
    ) -> dict[str, list[BusAssignment]]:
        found: dict[str, list[BusAssignment]] = defaultdict(list)
        query = built(
            ("booking buses",),
            lambda: (
                select(booking_buses)
                .where(
                    booking_buses.c.tenant_id == bindparam("tenant"),
                    booking_buses.c.booking_id.in_(bindparam("ids", expanding=True)),
                )
                .order_by(booking_buses.c.booking_id, booking_buses.c.position)
            ),
        )
        for chunk in _chunks(booking_ids):
            rows = self._conn.execute(query, {"tenant": tenant_id, "ids": list(chunk)})
            for row in rows:
                found[row.booking_id].append(
                    BusAssignment(
                        bus_id=row.bus_id, driver_id=row.driver_id, co_driver_id=row.co_driver_id
                    )
                )
        return found


# --- money -----------------------------------------------------------------------------


class SqlPaymentRepository(SqlRecords[Payment], roster="payments"):
    table, model, order = payments, Payment, ("paid_date", "id")

    def for_booking(self, tenant_id: str, booking_id: str) -> list[Payment]:
        return self._standing(tenant_id, payments.c.booking_id == booking_id)

    def between(self, tenant_id: str, start: date, end: date) -> list[Payment]:
        return self._standing(tenant_id, payments.c.paid_date.between(start, end))

    def reversal_of(self, tenant_id: str, payment_id: str) -> Payment | None:
        found = self._select(payments.c.tenant_id == tenant_id, payments.c.reverses == payment_id)
        return found[0] if found else None

    def _standing(self, tenant_id: str, where: ColumnElement[bool]) -> list[Payment]:
        """Neither a reversal nor a payment reversed (ports.storage.PaymentRepository)."""
        reversed_ids = select(payments.c.reverses).where(
            payments.c.tenant_id == tenant_id, payments.c.reverses.is_not(None)
        )
        return self._select(
            payments.c.tenant_id == tenant_id,
            where,
            payments.c.reverses.is_(None),
            payments.c.id.not_in(reversed_ids),
        )


# --- trip costs ------------------------------------------------------------------------


class SqlTripCostRepository(SqlRecords[TripCost], roster="trip_costs"):
    table, model, order = trip_costs, TripCost, ("trip_date", "id")

    def for_booking(self, tenant_id: str, booking_id: str) -> list[TripCost]:
        return self._select(
            trip_costs.c.tenant_id == tenant_id, trip_costs.c.booking_id == booking_id
        )

    def for_trips_between(self, tenant_id: str, start: date, end: date) -> list[TripCost]:
        return self._select(
            trip_costs.c.tenant_id == tenant_id, trip_costs.c.trip_date.between(start, end)
        )


# --- maintenance and documents ---------------------------------------------------------


class SqlMaintenanceRepository(SqlRecords[fleet.MaintenanceLog], roster="maintenance"):
    table, model = maintenance_logs, fleet.MaintenanceLog

    def for_bus(self, tenant_id: str, bus_id: str) -> list[fleet.MaintenanceLog]:
        rows = self._conn.execute(
            select(maintenance_logs)
            .where(maintenance_logs.c.tenant_id == tenant_id, maintenance_logs.c.bus_id == bus_id)
            .order_by(maintenance_logs.c.performed_date.desc(), maintenance_logs.c.id.desc())
        )
        return [self._model(r) for r in rows]

    def between(self, tenant_id: str, start: date, end: date) -> list[fleet.MaintenanceLog]:
        rows = self._conn.execute(
            select(maintenance_logs)
            .where(
                maintenance_logs.c.tenant_id == tenant_id,
                maintenance_logs.c.performed_date.between(start, end),
            )
            .order_by(maintenance_logs.c.performed_date, maintenance_logs.c.id)
        )
        return [self._model(r) for r in rows]

    def latest(
        self, tenant_id: str
    ) -> dict[tuple[str, fleet.MaintenanceType], fleet.MaintenanceLog]:
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
        logs = (self._model(r) for r in rows)
        return {(log.bus_id, log.type): log for log in logs}

    def set_interval(self, interval: fleet.ServiceInterval) -> None:
        key = and_(
            service_intervals.c.tenant_id == interval.tenant_id,
            service_intervals.c.bus_id == interval.bus_id,
            service_intervals.c.type == interval.type.value,
        )
        measures = {"every_days": interval.every_days, "every_km": interval.every_km}
        changed = self._conn.execute(update(service_intervals).where(key).values(**measures))
        if changed.rowcount == 0:
            self._insert(service_intervals, to_row(interval, service_intervals))

    def intervals(self, tenant_id: str) -> list[fleet.ServiceInterval]:
        rows = self._conn.execute(
            select(service_intervals)
            .where(service_intervals.c.tenant_id == tenant_id)
            .order_by(service_intervals.c.bus_id, service_intervals.c.type)
        )
        return [to_model(fleet.ServiceInterval, r) for r in rows]

    def add_reading(self, reading: fleet.OdometerReading) -> None:
        self._insert(odometer_readings, to_row(reading, odometer_readings))

    def _reading(self, tenant_id: str, reading_id: str) -> ColumnElement[bool]:
        c = odometer_readings.c
        return and_(c.tenant_id == tenant_id, c.id == reading_id)

    def get_reading(self, tenant_id: str, reading_id: str) -> fleet.OdometerReading | None:
        query = select(odometer_readings).where(self._reading(tenant_id, reading_id))
        row = self._conn.execute(query).first()
        return to_model(fleet.OdometerReading, row) if row is not None else None

    def update_reading(self, reading: fleet.OdometerReading) -> None:
        self._conn.execute(
            update(odometer_readings)
            .where(self._reading(reading.tenant_id, reading.id))
            .values(**to_row(reading, odometer_readings))
        )

    def remove_reading(self, tenant_id: str, reading_id: str) -> None:
        self._conn.execute(delete(odometer_readings).where(self._reading(tenant_id, reading_id)))

    def last_readings(self, tenant_id: str) -> dict[str, date]:
        rows = self._conn.execute(
            select(odometer_readings.c.bus_id, func.max(odometer_readings.c.reading_date))
            .where(odometer_readings.c.tenant_id == tenant_id)
            .group_by(odometer_readings.c.bus_id)
        )
        return {bus_id: newest for bus_id, newest in rows}


class SqlDocumentRepository(SqlRecords[fleet.Document], roster="documents"):
    table, model, order = documents, fleet.Document, ("expires_on", "id")

    def expiring(self, tenant_id: str, before: date) -> list[fleet.Document]:
        return self._select(documents.c.tenant_id == tenant_id, documents.c.expires_on < before)


# --- the paper trail and alerts --------------------------------------------------------


class SqlActivityRepository(SqlRecords[ActivityEntry], roster="activity"):
    table, model, order = activity_log, ActivityEntry, ("at", "id")

    def all(self, tenant_id: str, entity_id: str | None = None) -> list[ActivityEntry]:
        if entity_id is None:
            return super().all(tenant_id)
        return self._select(
            activity_log.c.tenant_id == tenant_id, activity_log.c.entity_id == entity_id
        )

    def since(self, tenant_id: str, start: datetime) -> list[ActivityEntry]:
        return self._select(activity_log.c.tenant_id == tenant_id, activity_log.c.at >= start)

    def between(self, tenant_id: str, query: ActivityQuery, limit: int) -> list[ActivityEntry]:
        c = activity_log.c
        statement = (
            select(activity_log)
            .where(*_kept(tenant_id, query))
            .order_by(c.at.desc(), c.id.desc())
            .limit(max(limit, 0))
        )
        return [self._model(row) for row in self._conn.execute(statement)]

    def count(self, tenant_id: str, query: ActivityQuery) -> int:
        statement = select(func.count()).select_from(activity_log)
        return int(self._conn.execute(statement.where(*_kept(tenant_id, query))).scalar_one())


def _kept(tenant_id: str, query: ActivityQuery) -> list[ColumnElement[bool]]:
    """The tenant's entries `query` keeps, as `ActivityQuery.keeps` says: an entry is on a
    booking by its own record, or by the booking id its snapshot (or the snapshot's before
    or after) names."""
    c, of = activity_log.c, query.of
    where = [c.tenant_id == tenant_id, c.at >= query.start, c.at < query.end]
    if of is not None and of.actor_id is not None:
        where.append(c.actor_id == of.actor_id)
    if of is not None and of.booking_ids is not None:
        ids = sorted(of.booking_ids)
        named = [c.snapshot[path].as_string().in_(ids) for path in _BOOKING_ID_PATHS]
        own = and_(c.entity.in_(sorted(ON_BOOKING)), c.entity_id.in_(ids))
        where.append(or_(own, *named))
    return where


_BOOKING_ID_PATHS: tuple[str | tuple[str, str], ...] = (
    "booking_id",
    ("before", "booking_id"),
    ("after", "booking_id"),
)


class SqlAlertRepository(SqlRecords[Alert], roster="alerts"):
    table, model, order = alerts, Alert, ("created_at", "id")

    def unread(self, tenant_id: str, user_id: str) -> list[Alert]:
        return self._mine(tenant_id, user_id, alerts.c.read == false())

    def for_user(self, tenant_id: str, user_id: str, since: datetime | None = None) -> list[Alert]:
        if since is None:
            return self._mine(tenant_id, user_id)
        return self._mine(tenant_id, user_id, alerts.c.created_at > since)

    def _mine(self, tenant_id: str, user_id: str, *where: Any) -> list[Alert]:
        return self._select(alerts.c.tenant_id == tenant_id, alerts.c.user_id == user_id, *where)

    def mark_read(self, tenant_id: str, user_id: str, alert_id: str | None = None) -> int:
        condition = and_(
            alerts.c.tenant_id == tenant_id, alerts.c.user_id == user_id, alerts.c.read == false()
        )
        if alert_id is not None:
            condition = and_(condition, alerts.c.id == alert_id)
        return self._conn.execute(update(alerts).where(condition).values(read=True)).rowcount
