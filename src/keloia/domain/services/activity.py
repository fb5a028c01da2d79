"""The PO's paper trail read back: who changed what (the Aktivitas page reads the same
entries; every change leaves one: domain/model/events.py `trail`)."""

from __future__ import annotations

from datetime import datetime

from keloia.domain.model.activity import ActivityEntry, ActivityFilter, ActivityQuery
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps


def entries(
    deps: Deps,
    actor: User,
    start: datetime,
    end: datetime,
    limit: int,
    of: ActivityFilter | None = None,
) -> tuple[list[ActivityEntry], int]:
    """The newest `limit` entries at or after `start` and before `end` (only those `of`
    keeps: one person's, or those on some bookings), newest first, and how many there are
    in all: the owner's and admins' only (the trail tells of money too)."""
    require(actor, Action.READ, Resource.ACTIVITY)
    with deps.uow() as uow:
        query = ActivityQuery(start, end, of)
        found = uow.activity.between(actor.tenant_id, query, limit)
        total = len(found) if len(found) < limit else uow.activity.count(actor.tenant_id, query)
        return found, total
