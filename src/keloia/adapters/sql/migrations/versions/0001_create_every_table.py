"""Create every table.

Revision 0001, 2026-11-25.

On PostgreSQL it also adds the exclusion constraints that make a double-booked bus or crew
member impossible even when two writers race; SQLite gets the same guarantee from running one
writer at a time (BEGIN IMMEDIATE)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import (
    ALERT_KINDS,
    bigint,
    check,
    checks,
    clock,
    day,
    document,
    flag,
    index,
    instant,
    integer,
    key,
    one_of,
    primary_key,
    reference,
    string,
    tenant_record,
    tenant_reference,
    text,
    unique,
)

revision: str = "0001"
down_revision: str | None = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OPEN_BALANCE = "status != 'cancelled' AND price > paid_total - refunded_total"
ROLES = "role IN ('owner', 'admin', 'driver')"
MAINTENANCE_TYPES = (
    "type IN ('oil_change', 'tire', 'brake', 'general_service', 'ac', 'electrical', 'body', "
    "'engine', 'other')"
)
# A trip lasts at most 31 days (MAX_TRIP_DAYS): the schedule queries rely on it to search a
# bounded window of departure dates. Date arithmetic is each database's own.
TRIP_LENGTH = {
    "postgresql": "return_date - depart_date < 31",
    "sqlite": "julianday(return_date) - julianday(depart_date) < 31",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "tenants",
        key("id"),
        string("name", 120),
        document("settings"),
        instant("created_at"),
        primary_key("tenants", "id"),
    )
    op.create_table(
        "activity_log",
        *tenant_record("activity_log"),
        key("actor_id", null=True),
        string("action"),
        string("entity"),
        key("entity_id"),
        document("snapshot"),
        instant("at"),
        tenant_reference("activity_log"),
    )
    index("activity_log", "tenant_id", "at")
    index("activity_log", "tenant_id", "entity_id")

    op.create_table(
        "bookings",
        *tenant_record("bookings"),
        string("client_name", 120),
        string("client_phone", 20, null=True),
        string("route_from", 120),
        string("route_to", 120),
        day("depart_date"),
        day("return_date"),
        clock("pickup_time", null=True),
        string("pickup_place", 200),
        integer("passengers", null=True),
        bigint("price"),
        string("status", 10),
        integer("bus_count"),
        text("notes"),
        day("settlement_due_date", null=True),
        bigint("paid_total"),
        bigint("refunded_total"),
        key("created_by"),
        instant("created_at"),
        *checks(
            "bookings",
            trip_length=TRIP_LENGTH[dialect],
            status=one_of("status", ("pending", "confirmed", "completed", "cancelled")),
            bus_count_positive="bus_count >= 1",
            paid_not_negative="paid_total >= 0",
            passengers_positive="passengers IS NULL OR passengers >= 1",
            price_not_negative="price >= 0",
            refund_within_paid="refunded_total <= paid_total",
            refunded_not_negative="refunded_total >= 0",
            return_after_depart="return_date >= depart_date",
        ),
        tenant_reference("bookings"),
        unique("bookings", "tenant_id", "id"),
    )
    op.create_index(
        op.f("ix_bookings_open_balance"),
        "bookings",
        ["tenant_id", "depart_date", "id"],
        unique=False,
        sqlite_where=sa.text(OPEN_BALANCE),
        postgresql_where=sa.text(OPEN_BALANCE),
    )
    index("bookings", "tenant_id", "depart_date")

    op.create_table(
        "buses",
        *tenant_record("buses"),
        string("name", 60),
        string("plate", 20),
        integer("seats", null=True),
        string("status", 12),
        integer("odometer_km", null=True),
        *checks(
            "buses",
            status=one_of("status", ("available", "maintenance", "retired")),
            odometer_not_negative="odometer_km IS NULL OR odometer_km >= 0",
        ),
        tenant_reference("buses"),
        unique("buses", "tenant_id", "id"),
    )
    op.create_table(
        "invites",
        key("code"),
        key("tenant_id"),
        string("role", 10),
        key("created_by"),
        instant("created_at"),
        instant("expires_at"),
        integer("max_uses"),
        integer("uses"),
        *checks(
            "invites",
            role=ROLES,
            max_uses_positive="max_uses >= 1",
            uses_not_negative="uses >= 0",
        ),
        tenant_reference("invites"),
        primary_key("invites", "code"),
    )
    index("invites", "tenant_id")

    op.create_table(
        "users",
        *tenant_record("users"),
        string("phone", 20),
        string("name", 120),
        string("role", 10),
        flag("active"),
        instant("created_at"),
        check("users", "role", ROLES),
        tenant_reference("users"),
        unique("users", "phone"),
        unique("users", "tenant_id", "id"),
    )
    op.create_table(
        "alerts",
        *tenant_record("alerts"),
        key("user_id"),
        string("kind", 30),
        text("text"),
        string("entity"),
        key("entity_id"),
        instant("created_at"),
        flag("read"),
        check("alerts", "kind", ALERT_KINDS["0001"]),
        reference("alerts", "user_id", "users"),
    )
    index("alerts", "tenant_id", "user_id", "read")

    op.create_table(
        "booking_buses",
        key("booking_id"),
        key("tenant_id"),
        integer("position"),
        key("bus_id"),
        key("driver_id", null=True),
        key("co_driver_id", null=True),
        *_part_of_booking("booking_buses"),
        reference("booking_buses", "bus_id", "buses"),
        reference("booking_buses", "co_driver_id", "users"),
        reference("booking_buses", "driver_id", "users"),
        primary_key("booking_buses", "booking_id", "bus_id"),
    )
    index("booking_buses", "tenant_id", "bus_id", "depart_date")

    op.create_table(
        "booking_crew",
        key("booking_id"),
        key("tenant_id"),
        key("user_id"),
        *_part_of_booking("booking_crew"),
        reference("booking_crew", "user_id", "users"),
        primary_key("booking_crew", "booking_id", "user_id"),
    )
    index("booking_crew", "tenant_id", "user_id", "depart_date")

    op.create_table(
        "documents",
        *tenant_record("documents"),
        string("kind", 20),
        key("bus_id", null=True),
        key("user_id", null=True),
        string("number", 60),
        day("expires_on"),
        *checks(
            "documents",
            kind=one_of("kind", ("kir", "stnk", "izin_angkutan", "insurance", "sim")),
            one_holder="(bus_id IS NULL) != (user_id IS NULL)",
        ),
        reference("documents", "bus_id", "buses"),
        reference("documents", "user_id", "users"),
        tenant_reference("documents"),
    )
    index("documents", "tenant_id", "expires_on")

    op.create_table(
        "maintenance_logs",
        *tenant_record("maintenance_logs"),
        key("bus_id"),
        string("type", 20),
        day("performed_date"),
        bigint("cost"),
        integer("odometer_km", null=True),
        string("description", 500),
        day("next_due_date", null=True),
        key("recorded_by"),
        *checks(
            "maintenance_logs",
            type=MAINTENANCE_TYPES,
            cost_not_negative="cost >= 0",
            next_due_after_work="next_due_date IS NULL OR next_due_date > performed_date",
            odometer_not_negative="odometer_km IS NULL OR odometer_km >= 0",
        ),
        reference("maintenance_logs", "bus_id", "buses"),
    )
    index("maintenance_logs", "tenant_id", "bus_id", "type", "performed_date")

    op.create_table(
        "odometer_readings",
        *tenant_record("odometer_readings"),
        key("bus_id"),
        day("reading_date"),
        integer("km"),
        check("odometer_readings", "km_not_negative", "km >= 0"),
        reference("odometer_readings", "bus_id", "buses"),
    )
    index("odometer_readings", "tenant_id", "bus_id", "reading_date")

    op.create_table(
        "payments",
        *tenant_record("payments"),
        key("booking_id"),
        string("type", 10),
        bigint("amount"),
        string("method", null=True),
        day("paid_date"),
        string("note", 300),
        flag("overpayment"),
        key("recorded_by"),
        instant("created_at"),
        *checks(
            "payments",
            type=one_of("type", ("dp", "pelunasan", "refund", "other")),
            amount_positive="amount > 0",
        ),
        reference("payments", "booking_id", "bookings"),
    )
    index("payments", "tenant_id", "booking_id")
    index("payments", "tenant_id", "paid_date")

    op.create_table(
        "service_intervals",
        key("tenant_id"),
        key("bus_id"),
        string("type", 20),
        integer("every_days", null=True),
        integer("every_km", null=True),
        *checks(
            "service_intervals",
            type=MAINTENANCE_TYPES,
            one_measure="every_days IS NOT NULL OR every_km IS NOT NULL",
            every_days_positive="every_days IS NULL OR every_days >= 1",
            every_km_positive="every_km IS NULL OR every_km >= 1",
        ),
        reference("service_intervals", "bus_id", "buses"),
        primary_key("service_intervals", "tenant_id", "bus_id", "type"),
    )
    if dialect == "postgresql":
        _no_double_booking()


def _part_of_booking(table: str) -> list[Any]:
    """A row of a booking's buses or crew: the booking's days and whether it is live, copied
    so the conflict check needs no join, and gone with its booking."""
    return [
        day("depart_date"),
        day("return_date"),
        flag("live"),
        check(table, "return_after_depart", "return_date >= depart_date"),
        reference(table, "booking_id", "bookings", ondelete="CASCADE"),
    ]


def _no_double_booking() -> None:
    """No two live rows for one bus (or one person) may share a day. Checked at commit
    (deferred), where the unit of work turns the violation into StorageConflict."""
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, resource in (("booking_buses", "bus_id"), ("booking_crew", "user_id")):
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT ex_{table}_no_overlap "
            f"EXCLUDE USING gist (tenant_id WITH =, {resource} WITH =, "
            "daterange(depart_date, return_date, '[]') WITH &&) "
            "WHERE (live) DEFERRABLE INITIALLY DEFERRED"
        )


def downgrade() -> None:
    for table in (
        "service_intervals",
        "payments",
        "odometer_readings",
        "maintenance_logs",
        "documents",
        "booking_crew",
        "booking_buses",
        "alerts",
        "users",
        "invites",
        "buses",
        "bookings",
        "activity_log",
        "tenants",
    ):
        op.drop_table(table)
