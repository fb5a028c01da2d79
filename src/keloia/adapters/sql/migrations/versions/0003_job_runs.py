"""Scheduled jobs done per tenant and day, so a job never runs twice.

Revision 0003, 2026-11-25."""

from __future__ import annotations

from alembic import op

from keloia.adapters.sql.ddl import day, instant, primary_key, string

revision: str = "0003"
down_revision: str | None = "0002"


def upgrade() -> None:
    op.create_table(
        "job_runs",
        string("job", 60),
        string("key"),
        day("day"),
        instant("ran_at"),
        primary_key("job_runs", "job", "key", "day"),
    )


def downgrade() -> None:
    op.drop_table("job_runs")
