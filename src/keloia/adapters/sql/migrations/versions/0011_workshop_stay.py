"""Buses gain a workshop stay of given days ("masuk bengkel tgl 3 sampe tgl 5"), and a
problem reported with a bus becomes an alert of its own kind.

Revision 0011, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import ALERT_KINDS, drop_columns, narrow_check, replace_check

revision: str = "0011"
down_revision: str | None = "0010"


def upgrade() -> None:
    # Nullable columns: plain ALTER TABLE on SQLite too, no table copy.
    op.add_column("buses", sa.Column("workshop_from", sa.Date(), nullable=True))
    op.add_column("buses", sa.Column("workshop_until", sa.Date(), nullable=True))
    replace_check("alerts", "kind", ALERT_KINDS["0011"])


def downgrade() -> None:
    narrow_check("alerts", "kind", ALERT_KINDS["0009"])
    drop_columns("buses", "workshop_until", "workshop_from")
