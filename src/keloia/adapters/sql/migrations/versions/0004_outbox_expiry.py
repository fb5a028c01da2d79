"""Outbox rows know why they were queued (purpose), until when they are worth sending
(expires_at) and how many of their WhatsApp-sized parts already went out (parts_sent);
alerts gain the kind for a message that could not be delivered.

Revision 0004, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned')"
)
ALERT_KINDS = (
    "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
    "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned', "
    "'delivery_failed')"
)


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("purpose", sa.String(length=20), nullable=False, server_default="reply")
        )
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("parts_sent", sa.Integer(), nullable=False, server_default="0"))
    _alert_kinds(ALERT_KINDS)


def downgrade() -> None:
    _alert_kinds(OLD_ALERT_KINDS)
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("parts_sent")
        batch.drop_column("expires_at")
        batch.drop_column("purpose")


def _alert_kinds(check: str) -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_kind"), check)
