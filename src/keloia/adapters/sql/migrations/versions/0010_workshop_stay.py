"""Buses gain a workshop stay of given days ("masuk bengkel tgl 3 sampe tgl 5"), and a
problem reported with a bus becomes an alert of its own kind.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'trip_changed', 'trip_declined', 'booking_changed', 'trip_cost_recorded', "
    "'delivery_failed')"
)
ALERT_KINDS = OLD_ALERT_KINDS.replace("'delivery_failed'", "'delivery_failed', 'bus_problem'")

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("buses") as batch:
        batch.add_column(sa.Column("workshop_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("workshop_until", sa.Date(), nullable=True))
    _alert_kinds(ALERT_KINDS)


def downgrade() -> None:
    _alert_kinds(OLD_ALERT_KINDS)
    with op.batch_alter_table("buses") as batch:
        batch.drop_column("workshop_until")
        batch.drop_column("workshop_from")


def _alert_kinds(check: str) -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_kind"), check)
