"""The board's 'Bus kosong hari ini' leaves out a bus whose planned workshop stay covers
today, as the Armada page and the chat's free-bus answer do."""

from __future__ import annotations

from datetime import timedelta

from keloia.apps.dashboard.views import board
from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import Role
from keloia.domain.services import fleet

from .conftest import Dash
from .test_pages import cookie_login


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


def test_a_planned_workshop_stay_is_drawn_on_its_days(dash: Dash) -> None:
    """The stay is one 'bengkel' block on its bus's row, its days not offered for a
    booking, and a trip on one of them flagged as a clash."""
    deps, owner = dash.keloia.deps, dash.people[Role.OWNER]
    today = deps.clock.today()
    week = DateRange(start=today, end=today + timedelta(days=6))
    free = board(deps, owner, week).rows
    row = next(r for r in free if r.bus is not None and not any(c.booking for c in r.cells))
    assert row.bus is not None
    fleet.plan_workshop(
        deps, owner, row.bus.id, today + timedelta(days=2), today + timedelta(days=4)
    )

    after = next(r for r in board(deps, owner, week).rows if r.bus and r.bus.id == row.bus.id)
    assert [c.workshop for c in after.cells] == [False, False, True, True, True, False, False]
    assert [(c.starts, c.span) for c in after.cells[2:5]] == [(True, 3), (False, 1), (False, 1)]
    assert after.free_days == 4
    assert not after.in_workshop_today


def test_the_board_page_shows_the_stay(dash: Dash) -> None:
    deps, owner = dash.keloia.deps, dash.people[Role.OWNER]
    today = deps.clock.today()
    week = DateRange(start=today, end=today + timedelta(days=6))
    row = next(r for r in board(deps, owner, week).rows if r.bus and r.free_days == 7)
    assert row.bus is not None
    fleet.plan_workshop(deps, owner, row.bus.id, today, today + timedelta(days=1))
    cookie_login(dash)
    html = dash.client.get("/jadwal").text
    assert f'title="{row.bus.name} di bengkel"' in html
    assert html.count(f'href="/booking/baru?tanggal={today}&amp;bus={row.bus.id}"') == 0
    armada = dash.client.get("/armada").text
    assert "Di bengkel:" in armada
