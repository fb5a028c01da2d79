"""A driver or kernet running late ("sy telat 30 menit") becomes an alert of its own kind for
the owner and admins.

Revision 0015, 2026-12-01."""

from __future__ import annotations

from keloia.adapters.sql.ddl import narrow_check, replace_check

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'trip_changed', 'trip_declined', 'booking_changed', 'trip_cost_recorded', "
    "'delivery_failed', 'bus_problem')"
)
ALERT_KINDS = OLD_ALERT_KINDS.replace("'bus_problem'", "'bus_problem', 'trip_delayed'")

revision: str = "0015"
down_revision: str | None = "0014"


def upgrade() -> None:
    replace_check("alerts", "kind", ALERT_KINDS)


def downgrade() -> None:
    narrow_check("alerts", "kind", OLD_ALERT_KINDS)
