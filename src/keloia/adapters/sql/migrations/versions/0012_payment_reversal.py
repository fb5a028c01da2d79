"""Payments gain `reverses`: a payment recorded by mistake is taken back by a reversal
record naming it, never deleted (chat "hapus yang barusan").

Revision 0012, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0012"
down_revision: str | None = "0011"


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("reverses", sa.String()))


def downgrade() -> None:
    drop_columns("payments", "reverses")
