"""Payments gain `confirmed_booking`: the money that confirmed its waiting booking (a DP
makes a charter firm), so taking it back lets the booking wait again. Payments recorded
before it confirmed nothing.

Revision 0021, 2026-12-07."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0021"
down_revision: str | None = "0020"


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(
            sa.Column("confirmed_booking", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    drop_columns("payments", "confirmed_booking")
