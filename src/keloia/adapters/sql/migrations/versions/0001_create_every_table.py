"""Create every table.

Revision 0001, 2026-11-25.

On PostgreSQL it also adds the exclusion constraints that make a double-booked bus or crew
member impossible even when two writers race; SQLite gets the same guarantee from running one
writer at a time (BEGIN IMMEDIATE)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OPEN_BALANCE = "status != 'cancelled' AND price > paid_total - refunded_total"
ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned')"
)
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
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
    )
    op.create_table(
        "activity_log",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_activity_log_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_log")),
    )
    op.create_index(
        op.f("ix_activity_log_tenant_id_at"), "activity_log", ["tenant_id", "at"], unique=False
    )
    op.create_index(
        op.f("ix_activity_log_tenant_id_entity_id"),
        "activity_log",
        ["tenant_id", "entity_id"],
        unique=False,
    )

    op.create_table(
        "bookings",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("client_name", sa.String(length=120), nullable=False),
        sa.Column("client_phone", sa.String(length=20), nullable=True),
        sa.Column("route_from", sa.String(length=120), nullable=False),
        sa.Column("route_to", sa.String(length=120), nullable=False),
        sa.Column("depart_date", sa.Date(), nullable=False),
        sa.Column("return_date", sa.Date(), nullable=False),
        sa.Column("pickup_time", sa.Time(), nullable=True),
        sa.Column("pickup_place", sa.String(length=200), nullable=False),
        sa.Column("passengers", sa.Integer(), nullable=True),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("bus_count", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("settlement_due_date", sa.Date(), nullable=True),
        sa.Column("paid_total", sa.BigInteger(), nullable=False),
        sa.Column("refunded_total", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(TRIP_LENGTH[dialect], name=op.f("ck_bookings_trip_length")),
        sa.CheckConstraint(
            "status IN ('pending', 'confirmed', 'completed', 'cancelled')",
            name=op.f("ck_bookings_status"),
        ),
        sa.CheckConstraint("bus_count >= 1", name=op.f("ck_bookings_bus_count_positive")),
        sa.CheckConstraint("paid_total >= 0", name=op.f("ck_bookings_paid_not_negative")),
        sa.CheckConstraint(
            "passengers IS NULL OR passengers >= 1", name=op.f("ck_bookings_passengers_positive")
        ),
        sa.CheckConstraint("price >= 0", name=op.f("ck_bookings_price_not_negative")),
        sa.CheckConstraint(
            "refunded_total <= paid_total", name=op.f("ck_bookings_refund_within_paid")
        ),
        sa.CheckConstraint("refunded_total >= 0", name=op.f("ck_bookings_refunded_not_negative")),
        sa.CheckConstraint(
            "return_date >= depart_date", name=op.f("ck_bookings_return_after_depart")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_bookings_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_bookings_tenant_id_id")),
    )
    op.create_index(
        op.f("ix_bookings_open_balance"),
        "bookings",
        ["tenant_id", "depart_date", "id"],
        unique=False,
        sqlite_where=sa.text(OPEN_BALANCE),
        postgresql_where=sa.text(OPEN_BALANCE),
    )
    op.create_index(
        op.f("ix_bookings_tenant_id_depart_date"),
        "bookings",
        ["tenant_id", "depart_date"],
        unique=False,
    )

    op.create_table(
        "buses",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("plate", sa.String(length=20), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("odometer_km", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('available', 'maintenance', 'retired')", name=op.f("ck_buses_status")
        ),
        sa.CheckConstraint(
            "odometer_km IS NULL OR odometer_km >= 0", name=op.f("ck_buses_odometer_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_buses_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buses")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_buses_tenant_id_id")),
    )
    op.create_table(
        "invites",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'admin', 'driver')", name=op.f("ck_invites_role")),
        sa.CheckConstraint("max_uses >= 1", name=op.f("ck_invites_max_uses_positive")),
        sa.CheckConstraint("uses >= 0", name=op.f("ck_invites_uses_not_negative")),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_invites_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_invites")),
    )
    op.create_index(op.f("ix_invites_tenant_id"), "invites", ["tenant_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'admin', 'driver')", name=op.f("ck_users_role")),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_users_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("phone", name=op.f("uq_users_phone")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_users_tenant_id_id")),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.CheckConstraint(ALERT_KINDS, name=op.f("ck_alerts_kind")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_alerts_tenant_id_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(
        op.f("ix_alerts_tenant_id_user_id_read"),
        "alerts",
        ["tenant_id", "user_id", "read"],
        unique=False,
    )

    op.create_table(
        "booking_buses",
        sa.Column("booking_id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=False),
        sa.Column("driver_id", sa.String(), nullable=True),
        sa.Column("co_driver_id", sa.String(), nullable=True),
        sa.Column("depart_date", sa.Date(), nullable=False),
        sa.Column("return_date", sa.Date(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "return_date >= depart_date", name=op.f("ck_booking_buses_return_after_depart")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "booking_id"],
            ["bookings.tenant_id", "bookings.id"],
            name=op.f("fk_booking_buses_tenant_id_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "bus_id"],
            ["buses.tenant_id", "buses.id"],
            name=op.f("fk_booking_buses_tenant_id_bus_id_buses"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "co_driver_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_booking_buses_tenant_id_co_driver_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "driver_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_booking_buses_tenant_id_driver_id_users"),
        ),
        sa.PrimaryKeyConstraint("booking_id", "bus_id", name=op.f("pk_booking_buses")),
    )
    op.create_index(
        op.f("ix_booking_buses_tenant_id_bus_id_depart_date"),
        "booking_buses",
        ["tenant_id", "bus_id", "depart_date"],
        unique=False,
    )

    op.create_table(
        "booking_crew",
        sa.Column("booking_id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("depart_date", sa.Date(), nullable=False),
        sa.Column("return_date", sa.Date(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "return_date >= depart_date", name=op.f("ck_booking_crew_return_after_depart")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "booking_id"],
            ["bookings.tenant_id", "bookings.id"],
            name=op.f("fk_booking_crew_tenant_id_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_booking_crew_tenant_id_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("booking_id", "user_id", name=op.f("pk_booking_crew")),
    )
    op.create_index(
        op.f("ix_booking_crew_tenant_id_user_id_depart_date"),
        "booking_crew",
        ["tenant_id", "user_id", "depart_date"],
        unique=False,
    )

    op.create_table(
        "documents",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=True),
        sa.Column("user_id", sa.String(), nullable=True),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('kir', 'stnk', 'izin_angkutan', 'insurance', 'sim')",
            name=op.f("ck_documents_kind"),
        ),
        sa.CheckConstraint(
            "(bus_id IS NULL) != (user_id IS NULL)", name=op.f("ck_documents_one_holder")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "bus_id"],
            ["buses.tenant_id", "buses.id"],
            name=op.f("fk_documents_tenant_id_bus_id_buses"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_documents_tenant_id_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_documents_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(
        op.f("ix_documents_tenant_id_expires_on"),
        "documents",
        ["tenant_id", "expires_on"],
        unique=False,
    )

    op.create_table(
        "maintenance_logs",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("performed_date", sa.Date(), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=False),
        sa.Column("odometer_km", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("next_due_date", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.CheckConstraint(MAINTENANCE_TYPES, name=op.f("ck_maintenance_logs_type")),
        sa.CheckConstraint("cost >= 0", name=op.f("ck_maintenance_logs_cost_not_negative")),
        sa.CheckConstraint(
            "next_due_date IS NULL OR next_due_date > performed_date",
            name=op.f("ck_maintenance_logs_next_due_after_work"),
        ),
        sa.CheckConstraint(
            "odometer_km IS NULL OR odometer_km >= 0",
            name=op.f("ck_maintenance_logs_odometer_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "bus_id"],
            ["buses.tenant_id", "buses.id"],
            name=op.f("fk_maintenance_logs_tenant_id_bus_id_buses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_logs")),
    )
    op.create_index(
        op.f("ix_maintenance_logs_tenant_id_bus_id_type_performed_date"),
        "maintenance_logs",
        ["tenant_id", "bus_id", "type", "performed_date"],
        unique=False,
    )

    op.create_table(
        "odometer_readings",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=False),
        sa.Column("reading_date", sa.Date(), nullable=False),
        sa.Column("km", sa.Integer(), nullable=False),
        sa.CheckConstraint("km >= 0", name=op.f("ck_odometer_readings_km_not_negative")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "bus_id"],
            ["buses.tenant_id", "buses.id"],
            name=op.f("fk_odometer_readings_tenant_id_bus_id_buses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_odometer_readings")),
    )
    op.create_index(
        op.f("ix_odometer_readings_tenant_id_bus_id_reading_date"),
        "odometer_readings",
        ["tenant_id", "bus_id", "reading_date"],
        unique=False,
    )

    op.create_table(
        "payments",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("booking_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(), nullable=True),
        sa.Column("paid_date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("overpayment", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "type IN ('dp', 'pelunasan', 'refund', 'other')", name=op.f("ck_payments_type")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "booking_id"],
            ["bookings.tenant_id", "bookings.id"],
            name=op.f("fk_payments_tenant_id_booking_id_bookings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index(
        op.f("ix_payments_tenant_id_booking_id"),
        "payments",
        ["tenant_id", "booking_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_payments_tenant_id_paid_date"),
        "payments",
        ["tenant_id", "paid_date"],
        unique=False,
    )

    op.create_table(
        "service_intervals",
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=True),
        sa.Column("every_km", sa.Integer(), nullable=True),
        sa.CheckConstraint(MAINTENANCE_TYPES, name=op.f("ck_service_intervals_type")),
        sa.CheckConstraint(
            "every_days IS NOT NULL OR every_km IS NOT NULL",
            name=op.f("ck_service_intervals_one_measure"),
        ),
        sa.CheckConstraint(
            "every_days IS NULL OR every_days >= 1",
            name=op.f("ck_service_intervals_every_days_positive"),
        ),
        sa.CheckConstraint(
            "every_km IS NULL OR every_km >= 1", name=op.f("ck_service_intervals_every_km_positive")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "bus_id"],
            ["buses.tenant_id", "buses.id"],
            name=op.f("fk_service_intervals_tenant_id_bus_id_buses"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "bus_id", "type", name=op.f("pk_service_intervals")),
    )
    if dialect == "postgresql":
        _no_double_booking()


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
