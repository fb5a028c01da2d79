"""Alert kinds for telling the right people: a crew member's trip changed, a crew member
cannot go, and the owner hearing of dates or prices changed by someone else.

Revision 0009, 2026-11-30."""

from __future__ import annotations

from keloia.adapters.sql.ddl import narrow_check, replace_check

revision: str = "0009"
down_revision: str | None = "0008"

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'delivery_failed', 'trip_cost_recorded')"
)
ALERT_KINDS = OLD_ALERT_KINDS.replace(
    "'delivery_failed', 'trip_cost_recorded'",
    "'trip_changed', 'trip_declined', 'booking_changed', 'trip_cost_recorded', 'delivery_failed'",
)


def upgrade() -> None:
    replace_check("alerts", "kind", ALERT_KINDS)


def downgrade() -> None:
    narrow_check("alerts", "kind", OLD_ALERT_KINDS)
