"""Payments gain `fee_before`: a refund given beyond a cancelled booking's fee lowers the
fee to what the PO keeps, and keeps the fee it replaced, put back if the refund is taken
back (chat "hapus yang barusan") or corrected.

Revision 0019, 2026-12-05."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0019"
down_revision: str | None = "0018"


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("fee_before", sa.BigInteger()))


def downgrade() -> None:
    drop_columns("payments", "fee_before")
