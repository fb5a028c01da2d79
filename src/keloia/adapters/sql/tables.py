"""The schema as SQLAlchemy Core tables. The migrations under migrations/versions are what
create it; this module is what the repositories query and what autogenerate compares with.

Things only PostgreSQL can express (the exclusion constraints against double-booking, the
trip-length check written in its date arithmetic) live in the migrations, not here: the
same MetaData must also create tables on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator

from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role

# Constraint names follow one convention so a later migration can name what it drops.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database. SQLite has no time
    zones, so values are stored as naive UTC; a naive value is taken to be UTC already."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _one_of(column: str, values: Any) -> CheckConstraint:
    """`column` holds one of an enum's values; the check is named after the column."""
    allowed = ", ".join(repr(str(v.value)) for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


# Ids and free-form keys have no length limit: the domain sets none, and a limit only one
# database enforced would make the two behave differently.
Id = String()
Money = BigInteger


def required(name: str, type_: Any, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column (a plain Column is nullable)."""
    return Column(name, type_, *args, nullable=False, **kwargs)


def _tenant_record(*, tenant_key: bool = False) -> tuple[Column[Any], Column[Any]]:
    """The id of a tenant's record and its tenant; `tenant_key`: tenant_id refers to
    tenants (tables whose other references do not already carry the tenant)."""
    references = [ForeignKey("tenants.id")] if tenant_key else []
    return Column("id", Id, primary_key=True), required("tenant_id", Id, *references)


def _written(by: str) -> tuple[Column[Any], Column[Any]]:
    """Who wrote the record (a user id, column `by`) and when."""
    return required(by, Id), required("created_at", UtcDateTime)


def _in_tenant(column: str, referred: str, **options: Any) -> ForeignKeyConstraint:
    """(tenant_id, column) refers to a row of `referred` in the same tenant, so a row can
    never point into another tenant even by mistake."""
    return ForeignKeyConstraint(
        ["tenant_id", column], [f"{referred}.tenant_id", f"{referred}.id"], **options
    )


def _index(table: Table, *columns: str) -> Index:
    """An index named by the convention: ix_<table>_<columns>."""
    return Index(f"ix_{table.name}_{'_'.join(columns)}", *(table.c[c] for c in columns))


def _trip_days() -> tuple[Any, ...]:
    """A trip's first and last day; it never comes back before it leaves."""
    return (
        required("depart_date", Date),
        required("return_date", Date),
        CheckConstraint("return_date >= depart_date", name="return_after_depart"),
    )


def _odometer() -> tuple[Any, ...]:
    """An odometer reading in km, where there is one; never negative."""
    return (
        Column("odometer_km", Integer),
        CheckConstraint("odometer_km IS NULL OR odometer_km >= 0", name="odometer_not_negative"),
    )


def _part_of_booking() -> tuple[Any, ...]:
    """A booking's days and whether it is live, copied onto each of its buses and crew
    members so the conflict check (and PostgreSQL's exclusion constraint) needs no join;
    the rows go with their booking."""
    return (
        *_trip_days(),
        required("live", Boolean),
        _in_tenant("booking_id", "bookings", ondelete="CASCADE"),
    )


tenants = Table(
    "tenants",
    metadata,
    Column("id", Id, primary_key=True),
    required("name", String(120)),
    required("settings", JSON),
    required("created_at", UtcDateTime),
)

users = Table(
    "users",
    metadata,
    *_tenant_record(tenant_key=True),
    # One WhatsApp number is one person in one tenant: it is how a message finds its sender.
    required("phone", String(20), unique=True),
    required("name", String(120)),
    required("role", String(10)),
    required("active", Boolean),
    required("created_at", UtcDateTime),
    # Lets other tables refer to (tenant_id, user_id), so a row can never point into
    # another tenant even by mistake.
    UniqueConstraint("tenant_id", "id"),
    _one_of("role", Role),
)

invites = Table(
    "invites",
    metadata,
    Column("code", Id, primary_key=True),
    required("tenant_id", Id, ForeignKey("tenants.id"), index=True),
    required("role", String(10)),
    *_written("created_by"),
    required("expires_at", UtcDateTime),
    required("max_uses", Integer),
    required("uses", Integer),
    _one_of("role", Role),
    CheckConstraint("max_uses >= 1", name="max_uses_positive"),
    CheckConstraint("uses >= 0", name="uses_not_negative"),
)

buses = Table(
    "buses",
    metadata,
    *_tenant_record(tenant_key=True),
    required("name", String(60)),
    required("plate", String(20)),
    Column("seats", Integer),
    required("status", String(12)),
    *_odometer(),
    required("bus_class", String(40), server_default=""),
    Column("workshop_from", Date),
    Column("workshop_until", Date),
    UniqueConstraint("tenant_id", "id"),
    _one_of("status", BusStatus),
)

bookings = Table(
    "bookings",
    metadata,
    *_tenant_record(tenant_key=True),
    required("client_name", String(120)),
    Column("client_phone", String(20)),
    required("route_from", String(120)),
    required("route_to", String(120)),
    *_trip_days(),
    Column("pickup_time", Time),
    required("pickup_place", String(200)),
    Column("passengers", Integer),
    required("price", Money),
    required("status", String(10)),
    required("bus_count", Integer),
    required("notes", Text),
    Column("settlement_due_date", Date),
    required("paid_total", Money),
    required("refunded_total", Money),
    *_written("created_by"),
    Column("cancellation_fee", Money),
    UniqueConstraint("tenant_id", "id"),
    _one_of("status", BookingStatus),
    CheckConstraint("price >= 0", name="price_not_negative"),
    CheckConstraint("paid_total >= 0", name="paid_not_negative"),
    CheckConstraint("refunded_total >= 0", name="refunded_not_negative"),
    CheckConstraint("refunded_total <= paid_total", name="refund_within_paid"),
    CheckConstraint("bus_count >= 1", name="bus_count_positive"),
    CheckConstraint("passengers IS NULL OR passengers >= 1", name="passengers_positive"),
)

# Bookings that still have money to come (`Booking.owed`): live ones not yet paid, and
# cancelled ones whose fee is not covered by what was paid. What receivables, aging and the
# overdue job read. The query must repeat this WHERE word for word for SQLite to use the
# partial index. The
# index also holds the whole sort order (depart_date, id): without statistics SQLite would
# otherwise rate the tenant's full depart_date index as good, and read every booking the
# tenant ever had.
# Wrapped whole in parentheses: text() is pasted as it is, and the query ANDs it with
# the tenant.
OPEN_BALANCE = text(
    "((status != 'cancelled' AND price > paid_total - refunded_total)"
    " OR (status = 'cancelled' AND cancellation_fee > paid_total - refunded_total))"
)
Index(
    "ix_bookings_open_balance",
    bookings.c.tenant_id,
    bookings.c.depart_date,
    bookings.c.id,
    sqlite_where=OPEN_BALANCE,
    postgresql_where=OPEN_BALANCE,
)
_index(bookings, "tenant_id", "depart_date")

# One row per bus of a booking.
booking_buses = Table(
    "booking_buses",
    metadata,
    required("booking_id", Id),
    required("tenant_id", Id),
    # The order of the assignments as the booking lists them.
    required("position", Integer),
    required("bus_id", Id),
    Column("driver_id", Id),
    Column("co_driver_id", Id),
    *_part_of_booking(),
    PrimaryKeyConstraint("booking_id", "bus_id"),
    _in_tenant("bus_id", "buses"),
    _in_tenant("driver_id", "users"),
    _in_tenant("co_driver_id", "users"),
)
_index(booking_buses, "tenant_id", "bus_id", "depart_date")

# Drivers and co-drivers alike, one row each: nobody may be on two trips at once, whatever
# seat they take.
booking_crew = Table(
    "booking_crew",
    metadata,
    required("booking_id", Id),
    required("tenant_id", Id),
    required("user_id", Id),
    *_part_of_booking(),
    PrimaryKeyConstraint("booking_id", "user_id"),
    _in_tenant("user_id", "users"),
)
_index(booking_crew, "tenant_id", "user_id", "depart_date")

payments = Table(
    "payments",
    metadata,
    *_tenant_record(),
    required("booking_id", Id),
    required("type", String(10)),
    required("amount", Money),
    Column("method", String()),
    required("paid_date", Date),
    required("note", String(300)),
    required("overpayment", Boolean),
    *_written("recorded_by"),
    # A reversal names the payment it takes back (chat "hapus yang barusan").
    Column("reverses", Id),
    # A refund beyond a cancelled booking's fee lowered it: the fee before, put back when
    # the refund is taken back.
    Column("fee_before", Money),
    # The money that confirmed its waiting booking: taken back, the booking waits again.
    required("confirmed_booking", Boolean),
    _in_tenant("booking_id", "bookings"),
    _one_of("type", PaymentType),
    CheckConstraint("amount > 0", name="amount_positive"),
)
_index(payments, "tenant_id", "paid_date")
_index(payments, "tenant_id", "booking_id")

# Money spent on a trip. trip_date is the booking's departure, so a period's costs are one
# index range, like its bookings.
trip_costs = Table(
    "trip_costs",
    metadata,
    *_tenant_record(),
    required("booking_id", Id),
    Column("bus_id", Id),
    required("category", String(20)),
    required("amount", Money),
    required("trip_date", Date),
    required("note", String(300)),
    *_written("recorded_by"),
    _in_tenant("booking_id", "bookings"),
    _one_of("category", CostCategory),
    CheckConstraint("amount > 0", name="amount_positive"),
)
_index(trip_costs, "tenant_id", "trip_date")
_index(trip_costs, "tenant_id", "booking_id")

maintenance_logs = Table(
    "maintenance_logs",
    metadata,
    *_tenant_record(),
    required("bus_id", Id),
    required("type", String(20)),
    required("performed_date", Date),
    required("cost", Money),
    *_odometer(),
    required("description", String(500)),
    Column("next_due_date", Date),
    required("recorded_by", Id),
    _in_tenant("bus_id", "buses"),
    _one_of("type", MaintenanceType),
    CheckConstraint("cost >= 0", name="cost_not_negative"),
    CheckConstraint(
        "next_due_date IS NULL OR next_due_date > performed_date", name="next_due_after_work"
    ),
)
_index(maintenance_logs, "tenant_id", "bus_id", "type", "performed_date")

service_intervals = Table(
    "service_intervals",
    metadata,
    required("tenant_id", Id),
    required("bus_id", Id),
    required("type", String(20)),
    Column("every_days", Integer),
    Column("every_km", Integer),
    PrimaryKeyConstraint("tenant_id", "bus_id", "type"),
    _in_tenant("bus_id", "buses"),
    _one_of("type", MaintenanceType),
    CheckConstraint("every_days IS NOT NULL OR every_km IS NOT NULL", name="one_measure"),
    CheckConstraint("every_days IS NULL OR every_days >= 1", name="every_days_positive"),
    CheckConstraint("every_km IS NULL OR every_km >= 1", name="every_km_positive"),
)

odometer_readings = Table(
    "odometer_readings",
    metadata,
    *_tenant_record(),
    required("bus_id", Id),
    required("reading_date", Date),
    required("km", Integer),
    _in_tenant("bus_id", "buses"),
    CheckConstraint("km >= 0", name="km_not_negative"),
)
_index(odometer_readings, "tenant_id", "bus_id", "reading_date")

documents = Table(
    "documents",
    metadata,
    *_tenant_record(tenant_key=True),
    required("kind", String(20)),
    Column("bus_id", Id),
    Column("user_id", Id),
    required("number", String(60)),
    required("expires_on", Date),
    _in_tenant("bus_id", "buses"),
    _in_tenant("user_id", "users"),
    _one_of("kind", DocumentKind),
    CheckConstraint("(bus_id IS NULL) != (user_id IS NULL)", name="one_holder"),
)
_index(documents, "tenant_id", "expires_on")

# The paper trail refers to people and records by id only: it must outlive anything it
# describes, so it has no foreign keys but its tenant's.
activity_log = Table(
    "activity_log",
    metadata,
    *_tenant_record(tenant_key=True),
    Column("actor_id", Id),
    required("action", String()),
    required("entity", String()),
    required("entity_id", Id),
    required("snapshot", JSON),
    required("at", UtcDateTime),
    Column("source_message_id", String()),
    required("source_text", String(), server_default=""),
)
_index(activity_log, "tenant_id", "entity_id")
_index(activity_log, "tenant_id", "at")

alerts = Table(
    "alerts",
    metadata,
    *_tenant_record(),
    required("user_id", Id),
    required("kind", String(30)),
    required("text", Text),
    required("entity", String()),
    required("entity_id", Id),
    required("created_at", UtcDateTime),
    required("read", Boolean),
    Column("about_user_id", Id),
    _in_tenant("user_id", "users"),
    _in_tenant("about_user_id", "users"),
    _one_of("kind", AlertKind),
)
_index(alerts, "tenant_id", "user_id", "read")


# --- the WhatsApp channel: records stored as JSON of their domain models beside the
# columns the queries need (these rows are read whole and never searched inside).

conversations = Table(
    "conversations",
    metadata,
    required("tenant_id", Id),
    required("user_id", Id),
    required("state", JSON),
    required("updated_at", UtcDateTime),
    PrimaryKeyConstraint("tenant_id", "user_id"),
)

inbox = Table(
    "inbox",
    metadata,
    # Meta's message id: the uniqueness that makes a repeated delivery a no-op.
    Column("wa_message_id", String(200), primary_key=True),
    Column("from_phone", String(20)),
    required("message", JSON),
    required("sent_at", UtcDateTime),
    required("received_at", UtcDateTime),
    required("state", String(12)),
    required("attempts", Integer, default=0),
)
_index(inbox, "state", "received_at")
_index(inbox, "from_phone", "state", "sent_at")

outbox = Table(
    "outbox",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id),
    required("to_phone", String(200)),  # a number, or a business-scoped id
    required("message", JSON),
    required("state", String(12)),
    required("attempts", Integer, default=0),
    required("next_attempt_at", UtcDateTime),
    Column("provider_message_id", String(200)),
    required("last_error", Text, default=""),
    required("created_at", UtcDateTime),
    required("updated_at", UtcDateTime),
    required("purpose", String(20), server_default="reply"),
    Column("expires_at", UtcDateTime),
    required("parts_sent", Integer, server_default="0"),
    # The inbound message (WhatsApp id) this row answers; None for alerts and notices.
    Column("in_reply_to", String(200)),
    # The process sending it now (docs/operations.md, "leases"); None when nobody is.
    Column("claimed_by", String(200)),
)
_index(outbox, "state", "next_attempt_at")
_index(outbox, "claimed_by")
_index(outbox, "provider_message_id")
_index(outbox, "to_phone", "created_at")


job_runs = Table(
    "job_runs",
    metadata,
    required("job", String(60)),
    required("key", String()),
    required("day", Date),
    required("ran_at", UtcDateTime),
    PrimaryKeyConstraint("job", "key", "day"),
)


# --- papers: kwitansi numbers, drawn papers, received media

# One row per PO and year: the last kwitansi number given. Taking a number is one
# UPSERT that increments it; the row lock it takes (PostgreSQL) or the write lock every
# transaction holds (SQLite, BEGIN IMMEDIATE) makes concurrent payments wait their turn.
receipt_counters = Table(
    "receipt_counters",
    metadata,
    required("tenant_id", Id),
    required("year", Integer),
    required("last_number", Integer),
    PrimaryKeyConstraint("tenant_id", "year"),
)

# The numbers given; the unique constraint is the last word against a twin.
receipts = Table(
    "receipts",
    metadata,
    required("tenant_id", Id),
    required("payment_id", Id),
    required("year", Integer),
    required("number", Integer),
    required("issued_on", Date),
    PrimaryKeyConstraint("tenant_id", "payment_id"),
    UniqueConstraint("tenant_id", "year", "number"),
)

papers = Table(
    "papers",
    metadata,
    required("tenant_id", Id),
    required("kind", String(20)),
    required("subject_id", Id),
    required("version", String(64)),
    required("file_key", String()),
    required("created_at", UtcDateTime),
    PrimaryKeyConstraint("tenant_id", "kind", "subject_id", "version"),
)

media_files = Table(
    "media_files",
    metadata,
    *_tenant_record(),
    required("wa_message_id", String(200)),
    required("kind", String(12)),
    required("mime_type", String(200)),
    required("size", BigInteger),
    required("file_key", String()),
    required("filename", String(240)),
    required("caption", Text),
    required("entity", String(40)),
    required("entity_id", Id),
    required("received_at", UtcDateTime),
)
_index(media_files, "tenant_id", "wa_message_id")
