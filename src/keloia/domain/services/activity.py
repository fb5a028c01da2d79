"""The PO's paper trail read back: who changed what (the Aktivitas page reads the same
entries; every change leaves one: domain/model/events.py `trail`)."""

from __future__ import annotations

from datetime import datetime

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps


def entries(
    deps: Deps, actor: User, start: datetime, end: datetime, limit: int
) -> list[ActivityEntry]:
    """The newest `limit` entries at or after `start` and before `end`, newest first: the
    owner's and admins' only (the trail tells of money too)."""
    require(actor, Action.READ, Resource.ACTIVITY)
    with deps.uow() as uow:
        return uow.activity.between(actor.tenant_id, start, end, limit)
