"""Alert kinds for telling the right people: a crew member's trip changed, a crew member
cannot go, and the owner hearing of dates or prices changed by someone else.

Revision 0009, 2026-11-30."""

from __future__ import annotations

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'delivery_failed', 'trip_cost_recorded')"
)
ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'trip_changed', 'trip_declined', 'booking_changed', 'trip_cost_recorded', "
    "'delivery_failed')"
)


def upgrade() -> None:
    _alert_kinds(ALERT_KINDS)


def downgrade() -> None:
    _alert_kinds(OLD_ALERT_KINDS)


def _alert_kinds(check: str) -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_kind"), check)
