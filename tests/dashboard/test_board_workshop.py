"""The board's 'Bus kosong hari ini' leaves out a bus whose planned workshop stay covers
today, as the Armada page and the chat's free-bus answer do."""

from __future__ import annotations

from datetime import timedelta

from keloia.apps.dashboard.views import board
from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import Role
from keloia.domain.services import fleet

from .conftest import Dash


def test_a_bus_in_a_planned_workshop_stay_is_not_free_today(dash: Dash) -> None:
    deps, owner = dash.keloia.deps, dash.people[Role.OWNER]
    today = deps.clock.today()
    week = DateRange(start=today, end=today + timedelta(days=6))
    free_before = board(deps, owner, week).free_today
    assert free_before, "the demo has a bus free today"
    bus = free_before[0]
    fleet.plan_workshop(deps, owner, bus.id, today, today + timedelta(days=2))
    free_after = {b.id for b in board(deps, owner, week).free_today}
    assert bus.id not in free_after
    assert free_after == {b.id for b in free_before} - {bus.id}
