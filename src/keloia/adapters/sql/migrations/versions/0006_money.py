"""Money beyond the ledger: a cancelled booking's fee, the costs of each trip, and the
alert kind that tells the owner of a cost someone else recorded.

Revision 0006, 2026-11-30."""

from __future__ import annotations

from alembic import op

from keloia.adapters.sql.ddl import (
    ALERT_KINDS,
    bigint,
    checks,
    day,
    drop_columns,
    index,
    instant,
    key,
    narrow_check,
    reference,
    replace_check,
    string,
    tenant_record,
)

revision: str = "0006"
down_revision: str | None = "0005"

# Copied, not imported: a migration must keep meaning what it meant when it was written.
COST_CATEGORIES = (
    "category IN ('uang_jalan', 'premi_sopir', 'premi_kernet', 'bbm', 'tol', 'parkir', "
    "'makan', 'penginapan', 'other')"
)


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(bigint("cancellation_fee", null=True))
    op.create_table(
        "trip_costs",
        *tenant_record("trip_costs"),
        key("booking_id"),
        key("bus_id", null=True),
        string("category", 20),
        bigint("amount"),
        day("trip_date"),
        string("note", 300),
        key("recorded_by"),
        instant("created_at"),
        *checks("trip_costs", amount_positive="amount > 0", category=COST_CATEGORIES),
        reference("trip_costs", "booking_id", "bookings"),
    )
    index("trip_costs", "tenant_id", "trip_date")
    index("trip_costs", "tenant_id", "booking_id")
    replace_check("alerts", "kind", ALERT_KINDS["0006"])


def downgrade() -> None:
    narrow_check("alerts", "kind", ALERT_KINDS["0004"])
    op.drop_index("ix_trip_costs_tenant_id_booking_id", table_name="trip_costs")
    op.drop_index("ix_trip_costs_tenant_id_trip_date", table_name="trip_costs")
    op.drop_table("trip_costs")
    drop_columns("bookings", "cancellation_fee")
