"""A person's alerts as the dashboard shows them: their own, newest first, marked read."""

from __future__ import annotations

from keloia.domain.errors import NotFound
from keloia.domain.model.alerts import Alert
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps


def my_alerts(deps: Deps, actor: User, *, unread_only: bool = True) -> list[Alert]:
    require(actor, Action.READ, Resource.ALERT)
    with deps.uow() as uow:
        mine = uow.alerts.unread if unread_only else uow.alerts.for_user
        found = mine(actor.tenant_id, actor.id)
    return sorted(found, key=lambda a: (a.created_at, a.id), reverse=True)


def mark_read(deps: Deps, actor: User, alert_id: str | None = None) -> int:
    """One alert (or all of them) read. Someone else's alert is not found."""
    require(actor, Action.UPDATE, Resource.ALERT)
    with deps.uow() as uow:
        changed = uow.alerts.mark_read(actor.tenant_id, actor.id, alert_id)
        if alert_id is not None and changed == 0:
            mine = {a.id for a in uow.alerts.for_user(actor.tenant_id, actor.id)}
            if alert_id not in mine:
                raise NotFound("Peringatan tidak ditemukan.")
        uow.commit()
    return changed
