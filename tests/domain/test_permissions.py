"""Who may do what (the RBAC matrix as a table), a driver never seeing money, and tenants
never seeing each other: another tenant's record reads exactly like a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from keloia.domain.errors import Forbidden, NotFound
from keloia.domain.model.bookings import BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.permissions import (
    MATRIX,
    Action,
    Resource,
    Scope,
    can,
    carried_buses,
    require,
    scope_of,
)
from keloia.domain.model.tenants import Role
from keloia.domain.services.bookings import (
    BookingChanges,
    BookingDraft,
    change_booking,
    create_booking,
    get_booking,
    get_trip,
    schedule,
    set_status,
    trips,
)
from keloia.domain.services.fleet import (
    BusChanges,
    MaintenanceDraft,
    add_document,
    available_buses,
    bus_detail,
    documents,
    expiring_documents,
    fleet_on,
    log_maintenance,
    record_odometer,
    renew_document,
    set_bus_status,
    set_service_interval,
    update_bus,
)
from keloia.domain.services.papers import roadworthiness
from keloia.domain.services.payments import receivables, weekly_summary

from .world import World, day

# The seed's matrix, written out: resource, action, then owner / admin / driver.
# "all" = every record of the tenant, "own" = only the driver's own, "-" = no.
EXPECTED = """
booking      read      all all own
booking      create    all all -
booking      update    all all -
booking      complete  all all own
payment      read      all all -
payment      create    all all -
payment      update    -   -   -
payment      complete  -   -   -
trip_cost    read      all all -
trip_cost    create    all all own
uang_jalan   read      all all own
crew_roster  read      all all all
bus          read      all all all
bus          create    all -   -
bus          update    all -   -
bus_status   read      -   -   -
bus_status   update    all all all
maintenance  read      all all all
maintenance  create    all all all
maintenance  update    -   -   -
document     read      all all own
document     create    all all -
document     update    all all -
team         read      all all -
team         create    -   -   -
team         update    all -   -
invite       read      -   -   -
invite       create    all -   -
alert        read      all all own
alert        create    -   -   -
alert        update    own own own
settings     read      all all -
settings     update    all -   -
team_message read      -   -   -
team_message create    all all all
taken_back   update    all own own
activity     read      all all -
"""


def _rows() -> list[tuple[Resource, Action, Role, Scope | None]]:
    rows = []
    for line in EXPECTED.strip().splitlines():
        resource, action, *scopes = line.split()
        for role, text in zip((Role.OWNER, Role.ADMIN, Role.DRIVER), scopes, strict=True):
            rows.append(
                (Resource(resource), Action(action), role, None if text == "-" else Scope(text))
            )
    return rows


ROWS = _rows()


@pytest.mark.parametrize(
    ("resource", "action", "role", "scope"),
    ROWS,
    ids=[f"{r}.{a}.{role}" for r, a, role, _ in ROWS],
)
def test_the_matrix_row_by_row(
    resource: Resource, action: Action, role: Role, scope: Scope | None
) -> None:
    assert scope_of(role, action, resource) is scope
    assert can(role, action, resource) is (scope is not None)


def test_the_table_above_covers_everything_the_matrix_grants() -> None:
    granted = {
        (resource, action, role)
        for resource, actions in MATRIX.items()
        for action, roles in actions.items()
        for role in roles
    }
    listed = {(r, a, role) for r, a, role, scope in ROWS if scope is not None}
    assert granted == listed


def test_a_driver_never_appears_next_to_money() -> None:
    assert all(Role.DRIVER not in roles for roles in MATRIX[Resource.PAYMENT].values())
    assert all(not can(Role.DRIVER, a, Resource.PAYMENT) for a in Action)


def test_an_inactive_user_may_do_nothing(world: World) -> None:
    idle = world.owner.model_copy(update={"active": False})
    for resource, actions in MATRIX.items():
        for action in actions:
            with pytest.raises(Forbidden):
                require(idle, action, resource)


def test_refusals_explain_themselves_in_indonesian(world: World) -> None:
    with pytest.raises(Forbidden, match="uang hanya untuk pemilik dan admin"):
        require(world.driver1, Action.READ, Resource.PAYMENT)
    with pytest.raises(Forbidden, match="Maaf"):
        require(world.driver1, Action.CREATE, Resource.BOOKING)


# --- a driver's view --------------------------------------------------------------------------


def test_a_driver_never_sees_money_through_the_services(world: World) -> None:
    mine = world.book(10, buses=[("bus-1", "u-drv1")], price=5_000_000)
    month = DateRange(start=day(1), end=day(31))
    with pytest.raises(Forbidden):
        get_booking(world.deps, world.driver1, mine.id)
    with pytest.raises(Forbidden):
        schedule(world.deps, world.driver1, month)
    with pytest.raises(Forbidden):
        receivables(world.deps, world.driver1)
    with pytest.raises(Forbidden):
        weekly_summary(world.deps, world.driver1, day(9))
    # What a driver may see carries no money at all.
    trip = get_trip(world.deps, world.driver1, mine.id)
    fields = set(trip.model_dump())
    assert not fields & {"price", "paid_total", "refunded_total", "outstanding", "net_paid"}
    assert [t.booking_id for t in trips(world.deps, world.driver1, month)] == [mine.id]


def test_a_driver_reads_his_own_sim_and_no_other_paper(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.KIR, day(10), bus_id="bus-1")
    mine = add_document(world.deps, world.owner, DocumentKind.SIM, day(11), user_id="u-drv1")
    add_document(world.deps, world.owner, DocumentKind.SIM, day(12), user_id="u-drv2")
    assert [d.id for d in documents(world.deps, world.driver1)] == [mine.id]
    assert [d.id for d in expiring_documents(world.deps, world.driver1, day(1))] == [mine.id]
    assert len(documents(world.deps, world.admin)) == 3
    with pytest.raises(Forbidden):
        roadworthiness(world.deps, world.driver1, "bus-1")


def test_a_driver_reads_the_papers_of_the_bus_he_carries_on_a_trip_soon(world: World) -> None:
    # Today is 1 March: his trip on the 5th (Bus 02, as driver) and on the 8th (Bus 03, as
    # kernet) are within 14 days; Bus 01 on the 20th is too far off.
    world.book(5, buses=[("bus-2", "u-drv1")])
    kernet = BusAssignment(bus_id="bus-3", driver_id="u-drv2", co_driver_id="u-drv1")
    draft = BookingDraft(
        client_name="Bu Dewi",
        route_from="Jogja",
        route_to="Malang",
        depart_date=day(8),
        price=10_000_000,
        assignments=[kernet],
    )
    create_booking(world.deps, world.owner, draft)
    world.book(20, buses=[("bus-1", "u-drv1")], client="Pak Hendra")
    kir2 = add_document(world.deps, world.owner, DocumentKind.KIR, day(10), bus_id="bus-2")
    stnk3 = add_document(world.deps, world.owner, DocumentKind.STNK, day(11), bus_id="bus-3")
    add_document(world.deps, world.owner, DocumentKind.KIR, day(12), bus_id="bus-1")
    add_document(world.deps, world.owner, DocumentKind.SIM, day(13), user_id="u-drv2")
    assert {d.id for d in documents(world.deps, world.driver1)} == {kir2.id, stnk3.id}
    assert {d.id for d in expiring_documents(world.deps, world.driver1, day(1))} == {
        kir2.id,
        stnk3.id,
    }
    with pytest.raises(Forbidden):
        roadworthiness(world.deps, world.driver1, "bus-1")


def test_carried_buses_are_a_crews_buses_today_and_the_next_14_days(world: World) -> None:
    soon = world.book(14, buses=[("bus-2", "u-drv1")])
    world.book(16, buses=[("bus-3", "u-drv1")], client="Bu Dewi")
    world.book(2, buses=[("bus-1", "u-drv2")], client="Pak Hendra")
    trips_ = [world.booking(i) for i in world.state.bookings]
    assert carried_buses(trips_, "u-drv1", day(1)) == {"bus-2"}
    assert carried_buses(trips_, "u-drv1", day(2)) == {"bus-2", "bus-3"}
    assert carried_buses(trips_, "u-drv1", day(15)) == {"bus-3"}  # the 14th is over
    assert carried_buses(trips_, "u-drv2", day(1)) == {"bus-1"}
    set_status(world.deps, world.owner, soon.id, BookingStatus.CANCELLED)
    trips_ = [world.booking(i) for i in world.state.bookings]
    assert carried_buses(trips_, "u-drv1", day(1)) == frozenset()  # a cancelled trip


def test_a_driver_sees_only_own_trips(world: World) -> None:
    mine = world.book(10, buses=[("bus-1", "u-drv1")])
    theirs = world.book(10, buses=[("bus-2", "u-drv2")], client="Bu Rina")
    unassigned = world.book(11, client="Pak Budi")
    month = DateRange(start=day(1), end=day(31))

    assert [t.booking_id for t in trips(world.deps, world.driver1, month)] == [mine.id]
    for other in (theirs, unassigned):
        with pytest.raises(NotFound):
            get_trip(world.deps, world.driver1, other.id)


# --- tenant isolation --------------------------------------------------------------------------


def _tenant_b_attempts(world: World, booking_id: str, doc_id: str) -> list[Callable[[], Any]]:
    b, deps = world.other_owner, world.deps
    return [
        lambda: get_booking(deps, b, booking_id),
        lambda: get_trip(deps, b, booking_id),
        lambda: change_booking(deps, b, booking_id, BookingChanges(notes="mine now")),
        lambda: set_status(deps, b, booking_id, BookingStatus.CANCELLED),
        lambda: world.pay(booking_id, 1_000, actor=b),
        lambda: update_bus(deps, b, "bus-1", BusChanges(name="Curian")),
        lambda: set_bus_status(deps, b, "bus-1", BusStatus.MAINTENANCE),
        lambda: bus_detail(deps, b, "bus-1"),
        lambda: record_odometer(deps, b, "bus-1", day(1), 10),
        lambda: log_maintenance(
            deps, b, MaintenanceDraft(bus_id="bus-1", type=MaintenanceType.TIRE)
        ),
        lambda: set_service_interval(deps, b, "bus-1", MaintenanceType.TIRE, every_days=30),
        lambda: add_document(deps, b, DocumentKind.KIR, day(30), bus_id="bus-1"),
        lambda: renew_document(deps, b, doc_id, day(30)),
        lambda: world.book(20, buses=[("bus-1", None)], actor=b),
    ]


def test_another_tenants_records_are_not_found_and_stay_untouched(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")], price=5_000_000)
    doc = add_document(world.deps, world.owner, DocumentKind.KIR, day(30), bus_id="bus-1")
    before = world.snapshot()

    attempts = _tenant_b_attempts(world, booking.id, doc.id)
    for attempt in attempts:
        with pytest.raises(NotFound) as refused:
            attempt()
        assert "tidak ditemukan" in refused.value.message
    assert world.state == before
    assert len(attempts) == 14


def test_another_tenants_record_reads_exactly_like_a_missing_one(world: World) -> None:
    booking = world.book(10)
    with pytest.raises(NotFound) as foreign:
        get_booking(world.deps, world.other_owner, booking.id)
    with pytest.raises(NotFound) as missing:
        get_booking(world.deps, world.other_owner, "no-such-booking")
    assert foreign.value.message == missing.value.message


def test_reads_never_cross_tenants(world: World) -> None:
    world.book(10, buses=[("bus-1", "u-drv1")], price=5_000_000, client="Pak Agus")
    add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-1")
    b, month = world.other_owner, DateRange(start=day(1), end=day(31))

    assert schedule(world.deps, b, month) == []
    assert trips(world.deps, b, month) == []
    assert receivables(world.deps, b) == []
    assert expiring_documents(world.deps, b, day(1)) == []
    assert [d.bus.id for d in fleet_on(world.deps, b, day(10))] == ["bus-x"]
    assert [x.id for x in available_buses(world.deps, b, month)] == ["bus-x"]
    assert weekly_summary(world.deps, b, day(9)).outstanding == 0
