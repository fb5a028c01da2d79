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


def _one_of(column: str, values: Any) -> str:
    return f"{column} IN ({', '.join(repr(str(v.value)) for v in values)})"


# Ids and free-form keys have no length limit: the domain sets none, and a limit only one
# database enforced would make the two behave differently.
Id = String()
Money = BigInteger

tenants = Table(
    "tenants",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("settings", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False),
    # One WhatsApp number is one person in one tenant: it is how a message finds its sender.
    Column("phone", String(20), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("role", String(10), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # Lets other tables refer to (tenant_id, user_id), so a row can never point into
    # another tenant even by mistake.
    UniqueConstraint("tenant_id", "id"),
    CheckConstraint(_one_of("role", Role), name="role"),
)

invites = Table(
    "invites",
    metadata,
    Column("code", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False, index=True),
    Column("role", String(10), nullable=False),
    Column("created_by", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("max_uses", Integer, nullable=False),
    Column("uses", Integer, nullable=False),
    CheckConstraint(_one_of("role", Role), name="role"),
    CheckConstraint("max_uses >= 1", name="max_uses_positive"),
    CheckConstraint("uses >= 0", name="uses_not_negative"),
)

buses = Table(
    "buses",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False),
    Column("name", String(60), nullable=False),
    Column("plate", String(20), nullable=False),
    Column("seats", Integer),
    Column("status", String(12), nullable=False),
    Column("odometer_km", Integer),
    Column("bus_class", String(40), nullable=False, server_default=""),
    Column("workshop_from", Date),
    Column("workshop_until", Date),
    UniqueConstraint("tenant_id", "id"),
    CheckConstraint(_one_of("status", BusStatus), name="status"),
    CheckConstraint("odometer_km IS NULL OR odometer_km >= 0", name="odometer_not_negative"),
)

bookings = Table(
    "bookings",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False),
    Column("client_name", String(120), nullable=False),
    Column("client_phone", String(20)),
    Column("route_from", String(120), nullable=False),
    Column("route_to", String(120), nullable=False),
    Column("depart_date", Date, nullable=False),
    Column("return_date", Date, nullable=False),
    Column("pickup_time", Time),
    Column("pickup_place", String(200), nullable=False),
    Column("passengers", Integer),
    Column("price", Money, nullable=False),
    Column("status", String(10), nullable=False),
    Column("bus_count", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("settlement_due_date", Date),
    Column("paid_total", Money, nullable=False),
    Column("refunded_total", Money, nullable=False),
    Column("created_by", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("cancellation_fee", Money),
    UniqueConstraint("tenant_id", "id"),
    CheckConstraint(_one_of("status", BookingStatus), name="status"),
    CheckConstraint("price >= 0", name="price_not_negative"),
    CheckConstraint("paid_total >= 0", name="paid_not_negative"),
    CheckConstraint("refunded_total >= 0", name="refunded_not_negative"),
    CheckConstraint("refunded_total <= paid_total", name="refund_within_paid"),
    CheckConstraint("return_date >= depart_date", name="return_after_depart"),
    CheckConstraint("bus_count >= 1", name="bus_count_positive"),
    CheckConstraint("passengers IS NULL OR passengers >= 1", name="passengers_positive"),
)

# Live bookings that still have money to come: what receivables and the overdue job read.
# The query must repeat this WHERE word for word for SQLite to use the partial index. The
# index also holds the whole sort order (depart_date, id): without statistics SQLite would
# otherwise rate the tenant's full depart_date index as good, and read every booking the
# tenant ever had.
OPEN_BALANCE = text("status != 'cancelled' AND price > paid_total - refunded_total")
Index(
    "ix_bookings_open_balance",
    bookings.c.tenant_id,
    bookings.c.depart_date,
    bookings.c.id,
    sqlite_where=OPEN_BALANCE,
    postgresql_where=OPEN_BALANCE,
)
Index("ix_bookings_tenant_id_depart_date", bookings.c.tenant_id, bookings.c.depart_date)

# One row per bus of a booking, carrying the booking's days and whether it is live, so the
# conflict check (and PostgreSQL's exclusion constraint) needs no join.
booking_buses = Table(
    "booking_buses",
    metadata,
    Column("booking_id", Id, nullable=False),
    Column("tenant_id", Id, nullable=False),
    # The order of the assignments as the booking lists them.
    Column("position", Integer, nullable=False),
    Column("bus_id", Id, nullable=False),
    Column("driver_id", Id),
    Column("co_driver_id", Id),
    Column("depart_date", Date, nullable=False),
    Column("return_date", Date, nullable=False),
    Column("live", Boolean, nullable=False),
    PrimaryKeyConstraint("booking_id", "bus_id"),
    ForeignKeyConstraint(
        ["tenant_id", "booking_id"], ["bookings.tenant_id", "bookings.id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(["tenant_id", "bus_id"], ["buses.tenant_id", "buses.id"]),
    ForeignKeyConstraint(["tenant_id", "driver_id"], ["users.tenant_id", "users.id"]),
    ForeignKeyConstraint(["tenant_id", "co_driver_id"], ["users.tenant_id", "users.id"]),
    CheckConstraint("return_date >= depart_date", name="return_after_depart"),
)
Index(
    "ix_booking_buses_tenant_id_bus_id_depart_date",
    booking_buses.c.tenant_id,
    booking_buses.c.bus_id,
    booking_buses.c.depart_date,
)

# Drivers and co-drivers alike, one row each: nobody may be on two trips at once, whatever
# seat they take.
booking_crew = Table(
    "booking_crew",
    metadata,
    Column("booking_id", Id, nullable=False),
    Column("tenant_id", Id, nullable=False),
    Column("user_id", Id, nullable=False),
    Column("depart_date", Date, nullable=False),
    Column("return_date", Date, nullable=False),
    Column("live", Boolean, nullable=False),
    PrimaryKeyConstraint("booking_id", "user_id"),
    ForeignKeyConstraint(
        ["tenant_id", "booking_id"], ["bookings.tenant_id", "bookings.id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"]),
    CheckConstraint("return_date >= depart_date", name="return_after_depart"),
)
Index(
    "ix_booking_crew_tenant_id_user_id_depart_date",
    booking_crew.c.tenant_id,
    booking_crew.c.user_id,
    booking_crew.c.depart_date,
)

payments = Table(
    "payments",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("booking_id", Id, nullable=False),
    Column("type", String(10), nullable=False),
    Column("amount", Money, nullable=False),
    Column("method", String()),
    Column("paid_date", Date, nullable=False),
    Column("note", String(300), nullable=False),
    Column("overpayment", Boolean, nullable=False),
    Column("recorded_by", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # A reversal names the payment it takes back (chat "hapus yang barusan").
    Column("reverses", Id),
    ForeignKeyConstraint(["tenant_id", "booking_id"], ["bookings.tenant_id", "bookings.id"]),
    CheckConstraint(_one_of("type", PaymentType), name="type"),
    CheckConstraint("amount > 0", name="amount_positive"),
)
Index("ix_payments_tenant_id_paid_date", payments.c.tenant_id, payments.c.paid_date)
Index("ix_payments_tenant_id_booking_id", payments.c.tenant_id, payments.c.booking_id)

# Money spent on a trip. trip_date is the booking's departure, so a period's costs are one
# index range, like its bookings.
trip_costs = Table(
    "trip_costs",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("booking_id", Id, nullable=False),
    Column("bus_id", Id),
    Column("category", String(20), nullable=False),
    Column("amount", Money, nullable=False),
    Column("trip_date", Date, nullable=False),
    Column("note", String(300), nullable=False),
    Column("recorded_by", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    ForeignKeyConstraint(["tenant_id", "booking_id"], ["bookings.tenant_id", "bookings.id"]),
    CheckConstraint(_one_of("category", CostCategory), name="category"),
    CheckConstraint("amount > 0", name="amount_positive"),
)
Index("ix_trip_costs_tenant_id_trip_date", trip_costs.c.tenant_id, trip_costs.c.trip_date)
Index("ix_trip_costs_tenant_id_booking_id", trip_costs.c.tenant_id, trip_costs.c.booking_id)

maintenance_logs = Table(
    "maintenance_logs",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("bus_id", Id, nullable=False),
    Column("type", String(20), nullable=False),
    Column("performed_date", Date, nullable=False),
    Column("cost", Money, nullable=False),
    Column("odometer_km", Integer),
    Column("description", String(500), nullable=False),
    Column("next_due_date", Date),
    Column("recorded_by", Id, nullable=False),
    ForeignKeyConstraint(["tenant_id", "bus_id"], ["buses.tenant_id", "buses.id"]),
    CheckConstraint(_one_of("type", MaintenanceType), name="type"),
    CheckConstraint("cost >= 0", name="cost_not_negative"),
    CheckConstraint("odometer_km IS NULL OR odometer_km >= 0", name="odometer_not_negative"),
    CheckConstraint(
        "next_due_date IS NULL OR next_due_date > performed_date", name="next_due_after_work"
    ),
)
Index(
    "ix_maintenance_logs_tenant_id_bus_id_type_performed_date",
    maintenance_logs.c.tenant_id,
    maintenance_logs.c.bus_id,
    maintenance_logs.c.type,
    maintenance_logs.c.performed_date,
)

service_intervals = Table(
    "service_intervals",
    metadata,
    Column("tenant_id", Id, nullable=False),
    Column("bus_id", Id, nullable=False),
    Column("type", String(20), nullable=False),
    Column("every_days", Integer),
    Column("every_km", Integer),
    PrimaryKeyConstraint("tenant_id", "bus_id", "type"),
    ForeignKeyConstraint(["tenant_id", "bus_id"], ["buses.tenant_id", "buses.id"]),
    CheckConstraint(_one_of("type", MaintenanceType), name="type"),
    CheckConstraint("every_days IS NOT NULL OR every_km IS NOT NULL", name="one_measure"),
    CheckConstraint("every_days IS NULL OR every_days >= 1", name="every_days_positive"),
    CheckConstraint("every_km IS NULL OR every_km >= 1", name="every_km_positive"),
)

odometer_readings = Table(
    "odometer_readings",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("bus_id", Id, nullable=False),
    Column("reading_date", Date, nullable=False),
    Column("km", Integer, nullable=False),
    ForeignKeyConstraint(["tenant_id", "bus_id"], ["buses.tenant_id", "buses.id"]),
    CheckConstraint("km >= 0", name="km_not_negative"),
)
Index(
    "ix_odometer_readings_tenant_id_bus_id_reading_date",
    odometer_readings.c.tenant_id,
    odometer_readings.c.bus_id,
    odometer_readings.c.reading_date,
)

documents = Table(
    "documents",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("bus_id", Id),
    Column("user_id", Id),
    Column("number", String(60), nullable=False),
    Column("expires_on", Date, nullable=False),
    ForeignKeyConstraint(["tenant_id", "bus_id"], ["buses.tenant_id", "buses.id"]),
    ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"]),
    CheckConstraint(_one_of("kind", DocumentKind), name="kind"),
    CheckConstraint("(bus_id IS NULL) != (user_id IS NULL)", name="one_holder"),
)
Index("ix_documents_tenant_id_expires_on", documents.c.tenant_id, documents.c.expires_on)

# The paper trail refers to people and records by id only: it must outlive anything it
# describes, so it has no foreign keys but its tenant's.
activity_log = Table(
    "activity_log",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, ForeignKey("tenants.id"), nullable=False),
    Column("actor_id", Id),
    Column("action", String(), nullable=False),
    Column("entity", String(), nullable=False),
    Column("entity_id", Id, nullable=False),
    Column("snapshot", JSON, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("source_message_id", String()),
    Column("source_text", String(), nullable=False, server_default=""),
)
Index("ix_activity_log_tenant_id_entity_id", activity_log.c.tenant_id, activity_log.c.entity_id)
Index("ix_activity_log_tenant_id_at", activity_log.c.tenant_id, activity_log.c.at)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("user_id", Id, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("text", Text, nullable=False),
    Column("entity", String(), nullable=False),
    Column("entity_id", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read", Boolean, nullable=False),
    ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"]),
    CheckConstraint(_one_of("kind", AlertKind), name="kind"),
)
Index("ix_alerts_tenant_id_user_id_read", alerts.c.tenant_id, alerts.c.user_id, alerts.c.read)


# --- the WhatsApp channel: records stored as JSON of their domain models beside the
# columns the queries need (these rows are read whole and never searched inside).

conversations = Table(
    "conversations",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("user_id", String(), nullable=False),
    Column("state", JSON, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("tenant_id", "user_id"),
)

inbox = Table(
    "inbox",
    metadata,
    # Meta's message id: the uniqueness that makes a repeated delivery a no-op.
    Column("wa_message_id", String(200), primary_key=True),
    Column("from_phone", String(20), nullable=True),
    Column("message", JSON, nullable=False),
    Column("sent_at", UtcDateTime(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Index("ix_inbox_state_received_at", "state", "received_at"),
    Index("ix_inbox_from_phone_state_sent_at", "from_phone", "state", "sent_at"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(), primary_key=True),
    Column("tenant_id", String(), nullable=True),
    Column("to_phone", String(200), nullable=False),  # a number, or a business-scoped id
    Column("message", JSON, nullable=False),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("provider_message_id", String(200), nullable=True),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("purpose", String(20), nullable=False, server_default="reply"),
    Column("expires_at", UtcDateTime(), nullable=True),
    Column("parts_sent", Integer, nullable=False, server_default="0"),
    # The inbound message (WhatsApp id) this row answers; None for alerts and notices.
    Column("in_reply_to", String(200), nullable=True),
    # The process sending it now (docs/operations.md, "leases"); None when nobody is.
    Column("claimed_by", String(200), nullable=True),
    Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at"),
    Index("ix_outbox_claimed_by", "claimed_by"),
    Index("ix_outbox_provider_message_id", "provider_message_id"),
    Index("ix_outbox_to_phone_created_at", "to_phone", "created_at"),
)


job_runs = Table(
    "job_runs",
    metadata,
    Column("job", String(60), nullable=False),
    Column("key", String(), nullable=False),
    Column("day", Date, nullable=False),
    Column("ran_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("job", "key", "day"),
)


# --- papers: kwitansi numbers, drawn papers, received media

# One row per PO and year: the last kwitansi number given. Taking a number is one
# UPSERT that increments it; the row lock it takes (PostgreSQL) or the write lock every
# transaction holds (SQLite, BEGIN IMMEDIATE) makes concurrent payments wait their turn.
receipt_counters = Table(
    "receipt_counters",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_number", Integer, nullable=False),
    PrimaryKeyConstraint("tenant_id", "year"),
)

# The numbers given; the unique constraint is the last word against a twin.
receipts = Table(
    "receipts",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("payment_id", String(), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("issued_on", Date, nullable=False),
    PrimaryKeyConstraint("tenant_id", "payment_id"),
    UniqueConstraint("tenant_id", "year", "number"),
)

papers = Table(
    "papers",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("subject_id", String(), nullable=False),
    Column("version", String(64), nullable=False),
    Column("file_key", String(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("tenant_id", "kind", "subject_id", "version"),
)

media_files = Table(
    "media_files",
    metadata,
    Column("id", String(), primary_key=True),
    Column("tenant_id", String(), nullable=False),
    Column("wa_message_id", String(200), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("mime_type", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("file_key", String(), nullable=False),
    Column("filename", String(240), nullable=False),
    Column("caption", Text, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)
Index(
    "ix_media_files_tenant_id_wa_message_id", media_files.c.tenant_id, media_files.c.wa_message_id
)
