"""Buses gain a workshop stay of given days ("masuk bengkel tgl 3 sampe tgl 5").

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("buses") as batch:
        batch.add_column(sa.Column("workshop_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("workshop_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("buses") as batch:
        batch.drop_column("workshop_until")
        batch.drop_column("workshop_from")
