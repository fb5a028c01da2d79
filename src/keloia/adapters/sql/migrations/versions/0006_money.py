"""Money beyond the ledger: a cancelled booking's fee, the costs of each trip, and the
alert kind that tells the owner of a cost someone else recorded.

Revision 0006, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'delivery_failed')"
)
ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'delivery_failed', 'trip_cost_recorded')"
)
COST_CATEGORIES = (
    "category IN ('uang_jalan', 'premi_sopir', 'premi_kernet', 'bbm', 'tol', 'parkir', "
    "'makan', 'penginapan', 'other')"
)


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("cancellation_fee", sa.BigInteger(), nullable=True))
    op.create_table(
        "trip_costs",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("booking_id", sa.String(), nullable=False),
        sa.Column("bus_id", sa.String(), nullable=True),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("trip_date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_trip_costs_amount_positive")),
        sa.CheckConstraint(COST_CATEGORIES, name=op.f("ck_trip_costs_category")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "booking_id"],
            ["bookings.tenant_id", "bookings.id"],
            name=op.f("fk_trip_costs_tenant_id_booking_id_bookings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip_costs")),
    )
    op.create_index("ix_trip_costs_tenant_id_trip_date", "trip_costs", ["tenant_id", "trip_date"])
    op.create_index("ix_trip_costs_tenant_id_booking_id", "trip_costs", ["tenant_id", "booking_id"])
    _alert_kinds(ALERT_KINDS)


def downgrade() -> None:
    _alert_kinds(OLD_ALERT_KINDS)
    op.drop_index("ix_trip_costs_tenant_id_booking_id", table_name="trip_costs")
    op.drop_index("ix_trip_costs_tenant_id_trip_date", table_name="trip_costs")
    op.drop_table("trip_costs")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("cancellation_fee")


def _alert_kinds(check: str) -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_kind"), check)
