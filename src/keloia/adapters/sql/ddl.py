"""The builders the migrations (migrations/versions) write their DDL with.

FROZEN: migrations already applied to deployed databases call these, and a database migrated
from scratch must come out as the deployed ones did. Never change what a builder emits (its
types, nullability, names, order); write a new builder instead. Like the migrations, this
module imports nothing from the rest of Keloia: tables.py may change, history may not.

Conventions written once here rather than in every migration:
- a column is NOT NULL unless `null=True` says otherwise;
- ids and references are strings of no set length, instants are timezone-aware, money is
  a BigInteger of rupiah;
- constraint and index names follow tables.py's naming convention (pk_<table>,
  ck_<table>_<name>, fk_<table>_<columns>_<referred table>, uq_/ix_<table>_<columns>),
  spelled out and passed through op.f so they are used as given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.types import TypeEngine


def _column(name: str, type_: TypeEngine[Any], null: bool, default: str | None) -> sa.Column[Any]:
    if default is None:
        return sa.Column(name, type_, nullable=null)
    return sa.Column(name, type_, nullable=null, server_default=default)


def key(name: str, *, null: bool = False) -> sa.Column[Any]:
    """An id, or a reference to one."""
    return _column(name, sa.String(), null, None)


def string(
    name: str, length: int | None = None, *, null: bool = False, default: str | None = None
) -> sa.Column[Any]:
    return _column(name, sa.String(length=length) if length else sa.String(), null, default)


def text(name: str) -> sa.Column[Any]:
    return _column(name, sa.Text(), False, None)


def integer(name: str, *, null: bool = False, default: str | None = None) -> sa.Column[Any]:
    return _column(name, sa.Integer(), null, default)


def bigint(name: str, *, null: bool = False) -> sa.Column[Any]:
    """Rupiah amounts and byte sizes."""
    return _column(name, sa.BigInteger(), null, None)


def day(name: str, *, null: bool = False) -> sa.Column[Any]:
    return _column(name, sa.Date(), null, None)


def clock(name: str, *, null: bool = False) -> sa.Column[Any]:
    return _column(name, sa.Time(), null, None)


def instant(name: str, *, null: bool = False) -> sa.Column[Any]:
    return _column(name, sa.DateTime(timezone=True), null, None)


def flag(name: str) -> sa.Column[Any]:
    return _column(name, sa.Boolean(), False, None)


def document(name: str) -> sa.Column[Any]:
    """A JSON value."""
    return _column(name, sa.JSON(), False, None)


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{'_'.join(columns)}"))


def check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def checks(table: str, **conditions: str) -> list[sa.CheckConstraint]:
    """One check per keyword, named by it, in the order given."""
    return [check(table, name, condition) for name, condition in conditions.items()]


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The condition of a check that `column` holds one of `values`, in that order."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def tenant_record(table: str) -> list[Any]:
    """The first columns of a tenant's record: its id, the primary key, and its tenant."""
    return [key("id"), key("tenant_id"), primary_key(table, "id")]


def tenant_reference(table: str) -> sa.ForeignKeyConstraint:
    """tenant_id refers to its tenant."""
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants")
    )


def reference(
    table: str, column: str, referred: str, *, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    """(tenant_id, column) refers to a row of `referred` in the same tenant."""
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{referred}.tenant_id", f"{referred}.id"],
        name=op.f(f"fk_{table}_tenant_id_{column}_{referred}"),
        ondelete=ondelete,
    )


def index(table: str, *columns: str, **options: Any) -> None:
    op.create_index(
        op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False, **options
    )


def replace_check(table: str, name: str, condition: str) -> None:
    """Drop the check `name` of `table` and create it again with `condition`."""
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)


def drop_columns(table: str, *columns: str) -> None:
    """Drop `columns` of `table`, in that order (SQLite: by copying the table once)."""
    with op.batch_alter_table(table) as batch:
        for column in columns:
            batch.drop_column(column)


def narrow_check(table: str, name: str, condition: str) -> None:
    """Replace the check `name` of `table` with a narrower `condition`, first deleting the
    rows it refuses (a downgrade: alerts of a kind the older schema does not know), which
    would otherwise make the new check fail on PostgreSQL."""
    op.execute(f"DELETE FROM {table} WHERE NOT ({condition})")
    replace_check(table, name, condition)


# --- alert kinds -------------------------------------------------------------------------
# The condition of the alerts.kind check as each migration that changed it left it (by its
# revision), each written as that migration's change to the one before: the kinds and
# their order are part of the DDL. Written once here rather than copied into every
# migration that adds a kind. FROZEN like the builders: a migration adding a kind adds a
# line below, never edits one.
ALERT_KINDS = {
    "0001": (
        "kind IN ('booking_created', 'booking_cancelled', 'conflict_attempt', 'payment_recorded', "
        "'payment_overdue', 'maintenance_due', 'document_expiring', 'trip_assigned')"
    )
}


def _changed(revision: str, before: str, old: str, new: str) -> None:
    """Revision `revision` wrote `new` where the check of revision `before` had `old`."""
    ALERT_KINDS[revision] = ALERT_KINDS[before].replace(old, new)


_changed("0004", "0001", "'trip_assigned'", "'trip_assigned', 'delivery_failed'")
_changed("0006", "0004", "'delivery_failed'", "'delivery_failed', 'trip_cost_recorded'")
_changed(
    "0009",
    "0006",
    "'delivery_failed', 'trip_cost_recorded'",
    "'trip_changed', 'trip_declined', 'booking_changed', 'trip_cost_recorded', 'delivery_failed'",
)
_changed("0011", "0009", "'delivery_failed'", "'delivery_failed', 'bus_problem'")
_changed("0015", "0011", "'bus_problem'", "'bus_problem', 'trip_delayed'")
_changed("0016", "0015", "'trip_delayed'", "'trip_delayed', 'cash_held'")
_changed("0018", "0016", "'cash_held'", "'cash_held', 'crew_offer'")
_changed("0020", "0018", "'crew_offer'", "'crew_offer', 'repair_recorded'")


def alert_kinds_migration(before: str, after: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """The upgrade and downgrade of a migration whose whole change is new alert kinds: the
    check widened to the kinds of revision `after` (the migration itself), and narrowed back
    to those of `before` (the last revision to change them), deleting the alerts of the
    kinds it drops."""

    def upgrade() -> None:
        replace_check("alerts", "kind", ALERT_KINDS[after])

    def downgrade() -> None:
        narrow_check("alerts", "kind", ALERT_KINDS[before])

    return upgrade, downgrade
