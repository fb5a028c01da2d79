"""Alerts gain `about_user_id`: the crew member whose "tidak bisa" an alert passes on, so the
alert is settled by who said it once they leave the trip, never by the start of its text.
The alerts already stored get it from their text, the one place it was kept.

Revision 0017, 2026-12-02."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"

_FOREIGN_KEY = "fk_alerts_tenant_id_about_user_id_users"

_alerts = sa.table(
    "alerts",
    sa.column("id", sa.String()),
    sa.column("tenant_id", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("text", sa.Text()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("about_user_id", sa.String()),
)
_users = sa.table(
    "users",
    sa.column("id", sa.String()),
    sa.column("tenant_id", sa.String()),
    sa.column("name", sa.String()),
)


def upgrade() -> None:
    # SQLite adds a foreign key only by copying the table (batch mode); PostgreSQL alters it.
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("about_user_id", sa.String(), nullable=True))
        batch.create_foreign_key(
            op.f(_FOREIGN_KEY),
            "users",
            ["tenant_id", "about_user_id"],
            ["tenant_id", "id"],
        )
    _fill_in()


def _fill_in() -> None:
    """The "tidak bisa" alerts stored so far: one of a day off is about its entity (the
    user); one on a trip begins with who said it, as the handlers wrote it then."""
    c = _alerts.c
    declined = c.kind == "trip_declined"
    op.execute(
        _alerts.update().where(declined, c.entity == "user").values(about_user_id=c.entity_id)
    )
    connection = op.get_bind()
    names: dict[str, list[tuple[str, str]]] = {}
    for user in connection.execute(sa.select(_users.c.id, _users.c.tenant_id, _users.c.name)):
        names.setdefault(user.tenant_id, []).append((user.id, user.name))
    on_trips = sa.select(c.id, c.tenant_id, c.text).where(declined, c.entity == "booking")
    for row in connection.execute(on_trips).all():
        for user_id, name in names.get(row.tenant_id, []):
            heads = (f"⚠️ {name} tidak bisa bertugas", f"✅ {name} ternyata bisa")
            if row.text.startswith(heads):
                connection.execute(
                    _alerts.update().where(c.id == row.id).values(about_user_id=user_id)
                )
                break


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f(_FOREIGN_KEY), type_="foreignkey")
        batch.drop_column("about_user_id")
