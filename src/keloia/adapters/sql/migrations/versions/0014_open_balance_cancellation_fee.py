"""Receivables count a cancelled booking's unpaid cancellation fee: the partial index of
bookings with money still to come takes them in, with the WHERE `tables.OPEN_BALANCE`
repeats (SQLite uses a partial index only for a query with the same WHERE).

Revision 0014, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"

NAME = "ix_bookings_open_balance"
COLUMNS = ["tenant_id", "depart_date", "id"]
BEFORE = "status != 'cancelled' AND price > paid_total - refunded_total"
# In parentheses whole: the query ANDs it with the tenant (tables.OPEN_BALANCE).
AFTER = (
    "((status != 'cancelled' AND price > paid_total - refunded_total)"
    " OR (status = 'cancelled' AND cancellation_fee > paid_total - refunded_total))"
)


def _index(where: str) -> None:
    op.drop_index(NAME, table_name="bookings")
    op.create_index(
        NAME,
        "bookings",
        COLUMNS,
        unique=False,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    _index(AFTER)


def downgrade() -> None:
    _index(BEFORE)
