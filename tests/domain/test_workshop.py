"""Workshop stays of given days, trips still without a bus, and buses added by chat:
the fleet rules behind "bus 02 masuk bengkel mulai tgl 3 sampe tgl 5", "bus 03 tgl 12
kosong kan?" and "tambah bus baru AB 1234 XY, 45 seat"."""

from __future__ import annotations

import pytest

from keloia.domain.errors import Forbidden, InvalidInput, WarningsNotAcknowledged
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import BusStatus
from keloia.domain.services.bookings import set_status
from keloia.domain.services.fleet import (
    BusDraft,
    add_buses,
    available_buses,
    fleet_on,
    plan_workshop,
    report_problem,
    set_bus_status,
    waiting_for_buses,
)

from .world import World, day


def _free(world: World, start: int, end: int) -> list[str]:
    days = DateRange(start=day(start), end=day(end))
    return [b.id for b in available_buses(world.deps, world.admin, days)]


def test_a_workshop_stay_takes_the_bus_out_on_its_days_only(world: World) -> None:
    stay = plan_workshop(world.deps, world.admin, "bus-2", day(3), day(5))
    stored = world.state.buses["bus-2"]
    assert (stored.workshop_from, stored.workshop_until) == (day(3), day(5))
    assert stored.status is BusStatus.AVAILABLE  # the days say it, not the status
    assert stay.clashes == [] and not stay.open_ended
    assert _free(world, 1, 2) == ["bus-1", "bus-2", "bus-3"]
    assert _free(world, 4, 4) == ["bus-1", "bus-3"]
    assert _free(world, 5, 8) == ["bus-1", "bus-3"]
    assert _free(world, 6, 8) == ["bus-1", "bus-2", "bus-3"]
    labels = {d.bus.id: d.label for d in fleet_on(world.deps, world.owner, day(4))}
    assert labels["bus-2"] == "di bengkel"
    assert {d.bus.id: d.label for d in fleet_on(world.deps, world.owner, day(6))}["bus-2"] == (
        "siap jalan"
    )
    [entry] = [e for e in world.activity() if e.entity_id == "bus-2"]
    assert entry.action == "bus.status" and entry.snapshot["workshop_until"] == "2026-03-05"


def test_trips_on_the_bus_are_named_not_refused_and_not_changed(world: World) -> None:
    gone = world.book(5, buses=[("bus-2", None)], client="Batal")
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)
    trip = world.book(4, 6, buses=[("bus-2", "u-drv1")], client="Pak Hendra")
    before = world.snapshot()
    checked = plan_workshop(world.deps, world.admin, "bus-2", day(3), day(5), dry_run=True)
    assert world.state == before  # a check writes nothing
    assert [b.id for b in checked.clashes] == [trip.id]  # the cancelled one holds nothing
    plan_workshop(world.deps, world.admin, "bus-2", day(3), day(5))
    assert world.booking(trip.id).bus_ids() == ["bus-2"]


def test_a_booking_on_a_bus_in_the_workshop_needs_acknowledging(world: World) -> None:
    plan_workshop(world.deps, world.owner, "bus-3", day(10), day(12))
    with pytest.raises(WarningsNotAcknowledged) as warned:
        world.book(12, buses=[("bus-3", None)])
    assert "bengkel" in " ".join(warned.value.warnings)
    world.book(13, buses=[("bus-3", None)])  # the day after: nothing to acknowledge


def test_an_open_stay_lasts_until_the_bus_is_reported_out(world: World) -> None:
    stay = plan_workshop(world.deps, world.admin, "bus-1", day(1), None)
    assert stay.open_ended and "bus-1" not in _free(world, 20, 25)
    set_bus_status(world.deps, world.driver1, "bus-1", BusStatus.AVAILABLE)
    stored = world.state.buses["bus-1"]
    assert (stored.workshop_from, stored.workshop_until) == (None, None)
    assert "bus-1" in _free(world, 1, 25)


def test_a_stay_starts_no_earlier_than_today_and_ends_after_it_starts(world: World) -> None:
    plan_workshop(world.deps, world.admin, "bus-1", day(1) - (day(2) - day(1)), day(2))
    assert world.state.buses["bus-1"].workshop_from == day(1)  # today
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        plan_workshop(world.deps, world.admin, "bus-2", day(5), day(4))
    set_bus_status(world.deps, world.owner, "bus-3", BusStatus.RETIRED)
    with pytest.raises(InvalidInput):
        plan_workshop(world.deps, world.admin, "bus-3", day(5), day(6))
    assert world.state.buses["bus-2"] == before.buses["bus-2"]


def test_trips_still_without_a_bus_are_counted_on_their_days(world: World) -> None:
    waiting = world.book(12, 13, bus_count=2, buses=[("bus-1", None)], client="Karang Taruna")
    world.book(12, buses=[("bus-2", None)])
    on_12 = waiting_for_buses(world.deps, world.driver1, DateRange.single(day(12)))
    assert [b.id for b in on_12] == [waiting.id] and on_12[0].unassigned_buses() == 1
    assert waiting_for_buses(world.deps, world.admin, DateRange.single(day(14))) == []
    set_status(world.deps, world.owner, waiting.id, BookingStatus.CANCELLED)
    assert waiting_for_buses(world.deps, world.admin, DateRange.single(day(12))) == []


def test_adding_buses_can_be_checked_first_and_only_the_owner_adds(world: World) -> None:
    before = world.snapshot()
    draft = BusDraft(name="Arjuna", plate="ab 1234 xy", seats=45, bus_class="big bus")
    [checked] = add_buses(world.deps, world.owner, [draft], dry_run=True)
    assert world.state == before and checked.plate == "AB 1234 XY"
    with pytest.raises(InvalidInput):
        add_buses(world.deps, world.owner, [BusDraft(name="bus 01")], dry_run=True)
    with pytest.raises(Forbidden):
        add_buses(world.deps, world.admin, [draft], dry_run=True)
    [bus] = add_buses(world.deps, world.owner, [draft])
    assert world.state.buses[bus.id].bus_class == "big bus"


def test_a_problem_report_alerts_the_managers_and_records_no_repair(world: World) -> None:
    report_problem(world.deps, world.driver1, "bus-2", "ac ga dingin, perlu dicek")
    assert world.alert_recipients(AlertKind.BUS_PROBLEM, "bus-2") == {"u-owner", "u-admin"}
    [raised] = world.alerts(AlertKind.BUS_PROBLEM, world.owner)
    assert "ac ga dingin" in raised.text and "Bus 02" in raised.text
    assert world.state.maintenance == {}
    assert world.state.buses["bus-2"].status is BusStatus.AVAILABLE
