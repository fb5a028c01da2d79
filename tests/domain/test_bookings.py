"""The schedule pillar through its use cases: bookings, the status machine, and the rule that
no bus or crew member is ever in two live bookings on one day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from pydantic import ValidationError

from keloia.adapters.memory import MemoryUnitOfWork, MemoryUnitOfWorkFactory
from keloia.domain.errors import (
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    ScheduleConflict,
    StorageConflict,
    WarningsNotAcknowledged,
)
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import TRANSITIONS, Booking, BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import BusStatus, DocumentKind
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
    take_back_status,
    trips,
)
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import BusChanges, add_document, set_bus_status, update_bus
from keloia.domain.services.team import MemberChanges, update_member

from .world import World, add_driver, day, without_alerts

S = BookingStatus

# --- creating -----------------------------------------------------------------------------


def test_a_booking_is_stored_with_everything_it_was_told(world: World) -> None:
    draft = BookingDraft(
        client_name="Pak Agus",
        client_phone="+6281234567890",
        route_from="Jogja",
        route_to="Semarang",
        depart_date=day(15),
        return_date=day(17),
        pickup_time=time(5, 30),
        pickup_place="Masjid Agung",
        passengers=80,
        price=30_000_000,
        assignments=[
            BusAssignment(bus_id="bus-1", driver_id="u-drv1"),
            BusAssignment(bus_id="bus-2", driver_id="u-drv2"),
        ],
    )

    booking = create_booking(world.deps, world.admin, draft)

    stored = world.booking(booking.id)
    assert stored == booking
    assert stored.tenant_id == "t-1"
    assert stored.status is S.PENDING
    assert (stored.depart_date, stored.return_date) == (day(15), day(17))
    assert stored.days.days() == 3
    assert stored.pickup_time == time(5, 30) and stored.pickup_place == "Masjid Agung"
    assert stored.passengers == 80 and stored.price == 30_000_000
    assert stored.bus_ids() == ["bus-1", "bus-2"]
    assert stored.crew_ids() == ["u-drv1", "u-drv2"]
    assert stored.bus_count == 2 and stored.unassigned_buses() == 0
    assert stored.created_by == "u-admin" and stored.created_at == world.clock.now()


def test_creating_a_booking_records_who_what_which_and_a_snapshot(world: World) -> None:
    booking = world.book(10, 12, buses=[("bus-1", "u-drv1")], actor=world.admin)

    [entry] = world.activity()
    assert entry.action == "booking.created"
    assert entry.actor_id == "u-admin" and entry.tenant_id == "t-1"
    assert (entry.entity, entry.entity_id) == ("booking", booking.id)
    assert entry.snapshot == world.booking(booking.id).model_dump(mode="json")
    assert entry.at == world.clock.now()


def test_a_booking_with_a_driver_and_a_co_driver(world: World) -> None:
    draft = BookingDraft(
        client_name="SMA 3",
        depart_date=day(10),
        assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv1", co_driver_id="u-drv2")],
    )
    booking = create_booking(world.deps, world.owner, draft)
    assert world.booking(booking.id).crew_ids() == ["u-drv1", "u-drv2"]


def test_return_date_defaults_to_the_departure_day(world: World) -> None:
    booking = world.book(10)
    assert world.booking(booking.id).return_date == day(10)


def test_a_booking_without_any_bus_is_valid_and_shows_as_unassigned(world: World) -> None:
    booking = world.book(10, 11)
    stored = world.booking(booking.id)
    assert stored.assignments == [] and stored.bus_count == 1
    assert stored.unassigned_buses() == 1


def test_unassigned_counts_the_buses_ordered_but_not_yet_chosen(world: World) -> None:
    booking = world.book(10, 11, buses=[("bus-1", None)], bus_count=3)
    assert world.booking(booking.id).unassigned_buses() == 2
    changed = change_booking(
        world.deps,
        world.owner,
        booking.id,
        BookingChanges(assignments=[BusAssignment(bus_id="bus-1"), BusAssignment(bus_id="bus-2")]),
    )
    assert changed.bus_count == 3 and world.booking(booking.id).unassigned_buses() == 1


@pytest.mark.parametrize(
    ("draft_extra", "why"),
    [
        ({"depart_date": day(12), "return_date": day(10)}, "Tanggal pulang"),
        ({"depart_date": day(1), "return_date": day(1).replace(month=4, day=1)}, "31 hari"),
        (
            {
                "depart_date": day(10),
                "bus_count": 1,
                "assignments": [BusAssignment(bus_id="bus-1"), BusAssignment(bus_id="bus-2")],
            },
            "melebihi pesanan",
        ),
        (
            {
                "depart_date": day(10),
                "assignments": [BusAssignment(bus_id="bus-1"), BusAssignment(bus_id="bus-1")],
            },
            "dua kali",
        ),
        (
            {
                "depart_date": day(10),
                "assignments": [
                    BusAssignment(bus_id="bus-1", driver_id="u-drv1"),
                    BusAssignment(bus_id="bus-2", driver_id="u-drv1"),
                ],
            },
            "dua kali",
        ),
    ],
)
def test_broken_bookings_are_refused_and_nothing_is_written(
    world: World, draft_extra: dict[str, object], why: str
) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput, match=why):
        create_booking(world.deps, world.owner, BookingDraft(client_name="X", **draft_extra))
    assert world.state == before


def test_a_31_day_trip_is_the_longest_allowed(world: World) -> None:
    booking = world.book(1, 31)
    assert world.booking(booking.id).days.days() == 31


def test_the_driver_cannot_be_the_co_driver() -> None:
    with pytest.raises(ValidationError):
        BusAssignment(bus_id="bus-1", driver_id="u-drv1", co_driver_id="u-drv1")


@pytest.mark.parametrize(
    ("assignment", "error"),
    [
        (BusAssignment(bus_id="bus-404"), NotFound),
        (BusAssignment(bus_id="bus-x"), NotFound),  # the other tenant's bus
        (BusAssignment(bus_id="bus-1", driver_id="u-nobody"), NotFound),
        (BusAssignment(bus_id="bus-1", driver_id="u-other"), NotFound),  # other tenant's owner
        (BusAssignment(bus_id="bus-1", driver_id="u-admin"), InvalidInput),  # not a driver
    ],
)
def test_buses_and_crew_must_exist_in_the_tenant(
    world: World, assignment: BusAssignment, error: type[Exception]
) -> None:
    before = world.snapshot()
    draft = BookingDraft(client_name="X", depart_date=day(10), assignments=[assignment])
    with pytest.raises(error):
        create_booking(world.deps, world.owner, draft)
    assert world.state == before


def test_an_inactive_driver_cannot_be_assigned(world: World) -> None:
    update_member(world.deps, world.owner, "u-drv1", MemberChanges(active=False))
    with pytest.raises(NotFound):
        world.book(10, buses=[("bus-1", "u-drv1")])


def test_a_retired_bus_cannot_be_booked(world: World) -> None:
    update_bus(world.deps, world.owner, "bus-1", BusChanges(status=BusStatus.RETIRED))
    with pytest.raises(InvalidInput, match="tidak dipakai lagi"):
        world.book(10, buses=[("bus-1", None)])
    assert world.state.bookings == {}


def test_a_bus_in_the_workshop_needs_an_acknowledgement(world: World) -> None:
    set_bus_status(world.deps, world.admin, "bus-1", BusStatus.MAINTENANCE)
    with pytest.raises(WarningsNotAcknowledged) as refused:
        world.book(10, buses=[("bus-1", None)])
    assert any("bengkel" in w for w in refused.value.warnings)
    assert world.state.bookings == {}
    booking = world.book(10, buses=[("bus-1", None)], acknowledge_warnings=True)
    assert booking.id in world.state.bookings


def test_a_driver_cannot_create_or_change_bookings(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    before = world.snapshot()
    with pytest.raises(Forbidden):
        world.book(20, actor=world.driver1)
    with pytest.raises(Forbidden):
        change_booking(world.deps, world.driver1, booking.id, BookingChanges(notes="x"))
    with pytest.raises(Forbidden):
        set_status(world.deps, world.driver1, booking.id, S.CANCELLED)
    with pytest.raises(Forbidden):
        set_status(world.deps, world.driver1, booking.id, S.CONFIRMED)
    assert world.state == before


# --- the status machine --------------------------------------------------------------------

_PATH_TO = {
    S.PENDING: [],
    S.CONFIRMED: [S.CONFIRMED],
    S.COMPLETED: [S.CONFIRMED, S.COMPLETED],
    S.CANCELLED: [S.CANCELLED],
}
_ALLOWED = {
    (S.PENDING, S.CONFIRMED),
    (S.PENDING, S.CANCELLED),
    (S.CONFIRMED, S.COMPLETED),
    (S.CONFIRMED, S.CANCELLED),
}
_PAIRS = [(a, b) for a in S for b in S]


def test_the_transition_table_is_exactly_the_four_allowed_moves() -> None:
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == _ALLOWED
    assert set(TRANSITIONS) == set(S)


@pytest.mark.parametrize(("start", "to"), _PAIRS, ids=[f"{a}->{b}" for a, b in _PAIRS])
def test_every_status_pair_through_the_service(world: World, start: S, to: S) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    for step in _PATH_TO[start]:
        set_status(world.deps, world.owner, booking.id, step)
    assert world.booking(booking.id).status is start
    before = world.snapshot()

    if (start, to) in _ALLOWED:
        result = set_status(world.deps, world.owner, booking.id, to)
        assert result.status is to and world.booking(booking.id).status is to
        entry = world.activity()[-1]
        assert entry.action == f"booking.{to.value}"
        assert entry.actor_id == "u-owner" and entry.entity_id == booking.id
        assert entry.snapshot["status"] == to.value
    else:
        with pytest.raises(InvalidTransition):
            set_status(world.deps, world.owner, booking.id, to)
        assert world.state == before


@pytest.mark.parametrize(
    ("start", "to"), sorted(_ALLOWED), ids=[f"{a}->{b}" for a, b in sorted(_ALLOWED)]
)
def test_a_status_set_by_mistake_is_taken_back_to_where_it_came_from(
    world: World, start: S, to: S
) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    for step in _PATH_TO[start]:
        set_status(world.deps, world.owner, booking.id, step)
    set_status(world.deps, world.owner, booking.id, to)
    assert world.activity()[-1].snapshot["previous_status"] == start.value

    back = take_back_status(world.deps, world.owner, booking.id, start)

    assert back.status is start and world.booking(booking.id).status is start
    assert world.booking(booking.id).cancellation_fee is None
    entry = world.activity()[-1]
    assert entry.action == "booking.voided" and entry.entity_id == booking.id
    assert (entry.snapshot["before"]["status"], entry.snapshot["after"]["status"]) == (
        to.value,
        start.value,
    )
    # Only back along the move made: never to a status the machine does not lead from.
    with pytest.raises(InvalidTransition):
        take_back_status(world.deps, world.owner, booking.id, to)


def test_a_cancellation_taken_back_must_find_its_bus_free(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    set_status(world.deps, world.owner, booking.id, S.CANCELLED)
    world.book(10, buses=[("bus-1", "u-drv2")], client="Bu Rina")
    before = world.snapshot()

    with pytest.raises(ScheduleConflict):
        take_back_status(world.deps, world.owner, booking.id, S.PENDING)
    assert world.booking(booking.id).status is S.CANCELLED
    assert world.state.bookings == before.bookings


def test_a_driver_completes_only_a_confirmed_trip_of_their_own(world: World) -> None:
    mine = world.book(10, buses=[("bus-1", "u-drv1")])
    theirs = world.book(10, buses=[("bus-2", "u-drv2")], client="Bu Rina")
    for b in (mine, theirs):
        set_status(world.deps, world.admin, b.id, S.CONFIRMED)

    with pytest.raises(NotFound):
        set_status(world.deps, world.driver1, theirs.id, S.COMPLETED)
    done = set_status(world.deps, world.driver1, mine.id, S.COMPLETED)

    assert done.status is S.COMPLETED and world.booking(theirs.id).status is S.CONFIRMED
    assert world.activity("booking.completed")[0].actor_id == "u-drv1"


def test_a_driver_cannot_complete_a_pending_trip(world: World) -> None:
    mine = world.book(10, buses=[("bus-1", "u-drv1")])
    with pytest.raises(InvalidTransition):
        set_status(world.deps, world.driver1, mine.id, S.COMPLETED)


def test_completed_and_cancelled_bookings_cannot_be_changed(world: World) -> None:
    done = world.book(10)
    set_status(world.deps, world.owner, done.id, S.CONFIRMED)
    set_status(world.deps, world.owner, done.id, S.COMPLETED)
    gone = world.book(12)
    set_status(world.deps, world.owner, gone.id, S.CANCELLED)
    before = world.snapshot()
    for b in (done, gone):
        with pytest.raises(InvalidInput):
            change_booking(world.deps, world.owner, b.id, BookingChanges(depart_date=day(20)))
    assert world.state == before


# --- conflicts ----------------------------------------------------------------------------


def test_a_bus_in_two_overlapping_bookings_is_refused_naming_the_clash(world: World) -> None:
    first = world.book(15, 17, buses=[("bus-1", "u-drv1")], client="Pak Agus")

    with pytest.raises(ScheduleConflict) as refused:
        world.book(16, 18, buses=[("bus-1", "u-drv2")], client="Bu Rina")

    conflict = refused.value
    assert "Pak Agus" in conflict.message and "Minggu, 15 – Selasa, 17 Mar" in conflict.message
    assert "Bus 01" in conflict.message
    [clash] = conflict.clashes
    assert (clash.resource, clash.resource_id, clash.booking_id) == ("bus", "bus-1", first.id)
    assert (clash.depart_date, clash.return_date) == (day(15), day(17))
    assert list(world.state.bookings) == [first.id]


def test_pending_bookings_hold_their_buses_too(world: World) -> None:
    first = world.book(10, buses=[("bus-1", None)])
    assert world.booking(first.id).status is S.PENDING
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-1", None)])


def test_completed_bookings_still_hold_their_days(world: World) -> None:
    first = world.book(10, buses=[("bus-1", "u-drv1")])
    set_status(world.deps, world.owner, first.id, S.CONFIRMED)
    set_status(world.deps, world.owner, first.id, S.COMPLETED)
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-1", None)])
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-2", "u-drv1")])


def test_returning_on_the_15th_and_leaving_on_the_15th_clash(world: World) -> None:
    world.book(13, 15, buses=[("bus-1", None)])
    with pytest.raises(ScheduleConflict):
        world.book(15, 16, buses=[("bus-1", None)])
    with pytest.raises(ScheduleConflict):
        world.book(11, 13, buses=[("bus-1", None)])


def test_back_to_back_days_do_not_clash(world: World) -> None:
    world.book(13, 15, buses=[("bus-1", "u-drv1")])
    before = world.book(10, 12, buses=[("bus-1", "u-drv1")])
    after = world.book(16, 16, buses=[("bus-1", "u-drv1")])
    assert {before.id, after.id} <= set(world.state.bookings)


def test_a_trip_inside_a_long_trip_clashes(world: World) -> None:
    world.book(1, 20, buses=[("bus-1", None)])
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-1", None)])


@pytest.mark.parametrize(
    ("first_crew", "second_crew"),
    [
        ({"driver_id": "u-drv1"}, {"driver_id": "u-drv1"}),
        ({"driver_id": "u-drv2", "co_driver_id": "u-drv1"}, {"driver_id": "u-drv1"}),
        ({"driver_id": "u-drv1"}, {"driver_id": "u-drv2", "co_driver_id": "u-drv1"}),
    ],
)
def test_a_crew_member_in_two_overlapping_bookings_is_refused(
    world: World, first_crew: dict[str, str], second_crew: dict[str, str]
) -> None:
    first = create_booking(
        world.deps,
        world.owner,
        BookingDraft(
            client_name="Pak Agus",
            depart_date=day(10),
            return_date=day(12),
            assignments=[BusAssignment(bus_id="bus-1", **first_crew)],
        ),
    )
    with pytest.raises(ScheduleConflict) as refused:
        create_booking(
            world.deps,
            world.owner,
            BookingDraft(
                client_name="Bu Rina",
                depart_date=day(12),
                assignments=[BusAssignment(bus_id="bus-2", **second_crew)],
            ),
        )
    crew_clashes = [c for c in refused.value.clashes if c.resource == "crew"]
    assert [(c.resource_id, c.booking_id) for c in crew_clashes] == [("u-drv1", first.id)]
    assert "Pak Joko" in refused.value.message


def test_every_clash_is_listed(world: World) -> None:
    a = world.book(10, buses=[("bus-1", "u-drv1")], client="Pak Agus")
    b = world.book(10, buses=[("bus-2", "u-drv2")], client="Bu Rina")
    with pytest.raises(ScheduleConflict) as refused:
        world.book(10, buses=[("bus-1", "u-drv2")], client="Pak Budi")
    found = {(c.resource, c.resource_id, c.booking_id) for c in refused.value.clashes}
    assert found == {("bus", "bus-1", a.id), ("crew", "u-drv2", b.id)}
    assert "Pak Agus" in refused.value.message and "Bu Rina" in refused.value.message


def test_a_cancelled_booking_frees_its_bus_and_crew(world: World) -> None:
    first = world.book(10, 12, buses=[("bus-1", "u-drv1")])
    set_status(world.deps, world.owner, first.id, S.CANCELLED)
    second = world.book(11, buses=[("bus-1", "u-drv1")], client="Bu Rina")
    assert world.booking(second.id).bus_ids() == ["bus-1"]


def test_a_refused_booking_leaves_no_activity_and_alerts_the_other_managers(
    world: World,
) -> None:
    first = world.book(10, buses=[("bus-1", None)], actor=world.owner)
    before = world.snapshot()

    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-1", None)], actor=world.admin, client="Bu Rina")

    # Nothing but the alert: no booking, no activity entry.
    assert without_alerts(world.state) == without_alerts(before)
    new = [a for a in world.state.alerts.values() if a.id not in before.alerts]
    assert {a.user_id for a in new} == {"u-owner"}  # the admin acted; drivers never told
    [alert] = new
    assert alert.kind is AlertKind.CONFLICT_ATTEMPT
    assert alert.entity_id == first.id and "Mas Dedi" in alert.text and "Pak Agus" in alert.text


def test_changing_dates_rechecks_the_schedule(world: World) -> None:
    world.book(15, 17, buses=[("bus-1", "u-drv1")], client="Pak Agus")
    second = world.book(20, 21, buses=[("bus-1", "u-drv2")], client="Bu Rina")
    activity_before = len(world.state.activity)

    with pytest.raises(ScheduleConflict):
        change_booking(world.deps, world.owner, second.id, BookingChanges(depart_date=day(16)))
    with pytest.raises(ScheduleConflict):
        change_booking(
            world.deps,
            world.owner,
            second.id,
            BookingChanges(depart_date=day(17), return_date=day(21)),
        )
    assert world.booking(second.id).days == DateRange(start=day(20), end=day(21))
    assert len(world.state.activity) == activity_before
    assert len(world.alerts(AlertKind.CONFLICT_ATTEMPT)) == 2  # admin, twice

    moved = change_booking(world.deps, world.owner, second.id, BookingChanges(depart_date=day(18)))
    assert (moved.depart_date, moved.return_date) == (day(18), day(19))  # length kept
    assert world.booking(second.id) == moved


def test_moving_a_booking_over_its_own_days_is_not_a_clash(world: World) -> None:
    booking = world.book(10, 12, buses=[("bus-1", "u-drv1")])
    moved = change_booking(world.deps, world.owner, booking.id, BookingChanges(depart_date=day(11)))
    assert (moved.depart_date, moved.return_date) == (day(11), day(13))


def test_changing_buses_or_crew_rechecks_the_schedule(world: World) -> None:
    world.book(10, buses=[("bus-1", "u-drv1")])
    other = world.book(10, buses=[("bus-2", "u-drv2")], client="Bu Rina")
    before = world.booking(other.id)
    for assignment in (
        BusAssignment(bus_id="bus-1", driver_id="u-drv2"),
        BusAssignment(bus_id="bus-2", driver_id="u-drv1"),
        BusAssignment(bus_id="bus-3", driver_id="u-drv2", co_driver_id="u-drv1"),
    ):
        with pytest.raises(ScheduleConflict):
            change_booking(
                world.deps, world.admin, other.id, BookingChanges(assignments=[assignment])
            )
    assert world.booking(other.id) == before


def test_a_change_records_its_activity_and_tells_only_new_crew(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    assigned_before = len(world.alerts(AlertKind.TRIP_ASSIGNED))
    changed = change_booking(
        world.deps,
        world.admin,
        booking.id,
        BookingChanges(
            assignments=[
                BusAssignment(bus_id="bus-1", driver_id="u-drv1"),
                BusAssignment(bus_id="bus-2", driver_id="u-drv2"),
            ],
            price=20_000_000,
        ),
    )
    entry = world.activity()[-1]
    assert entry.action == "booking.updated" and entry.actor_id == "u-admin"
    assert entry.entity_id == booking.id
    assert entry.snapshot["changed"] == ["assignments", "bus_count", "price"]
    assert entry.snapshot["price"] == 20_000_000 == world.booking(booking.id).price
    assert changed.bus_count == 2
    new_alerts = world.alerts(AlertKind.TRIP_ASSIGNED)[assigned_before:]
    assert [a.user_id for a in new_alerts] == ["u-drv2"]


def test_changes_to_an_unknown_booking_are_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        change_booking(world.deps, world.owner, "nope", BookingChanges(notes="x"))
    with pytest.raises(NotFound):
        set_status(world.deps, world.owner, "nope", S.CONFIRMED)


# --- documents that run out during a trip ----------------------------------------------------


def test_a_bus_whose_kir_expires_before_the_return_needs_acknowledging(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.KIR, day(16), bus_id="bus-1")
    before = world.snapshot()

    with pytest.raises(WarningsNotAcknowledged) as refused:
        world.book(15, 17, buses=[("bus-1", None)])
    assert world.state == before  # no booking, no activity, no alert
    [warning] = refused.value.warnings
    assert "KIR" in warning and "Bus 01" in warning and "habis Senin, 16 Mar," in warning

    booking = world.book(15, 17, buses=[("bus-1", None)], acknowledge_warnings=True)
    assert booking.id in world.state.bookings
    assert world.activity("booking.created")


def test_a_kir_valid_through_the_return_day_is_fine(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.KIR, day(17), bus_id="bus-1")
    add_document(world.deps, world.owner, DocumentKind.STNK, day(2), bus_id="bus-1")
    booking = world.book(15, 17, buses=[("bus-1", None)])
    assert booking.id in world.state.bookings


def test_a_driver_whose_sim_expires_before_the_return_needs_acknowledging(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.SIM, day(11), user_id="u-drv2")
    with pytest.raises(WarningsNotAcknowledged) as refused:
        world.book(10, 12, buses=[("bus-1", "u-drv2")])
    assert any("SIM" in w and "Pak Slamet" in w for w in refused.value.warnings)
    assert world.state.bookings == {}
    # The other driver has no such problem.
    world.book(10, 12, buses=[("bus-1", "u-drv1")])


def test_assigning_an_expiring_bus_later_needs_acknowledging_too(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-2")
    booking = world.book(10)
    with pytest.raises(WarningsNotAcknowledged):
        change_booking(
            world.deps,
            world.owner,
            booking.id,
            BookingChanges(assignments=[BusAssignment(bus_id="bus-2")]),
        )
    assert world.booking(booking.id).assignments == []
    change_booking(
        world.deps,
        world.owner,
        booking.id,
        BookingChanges(assignments=[BusAssignment(bus_id="bus-2")]),
        acknowledge_warnings=True,
    )
    assert world.booking(booking.id).bus_ids() == ["bus-2"]


# --- reading the schedule -------------------------------------------------------------------


def test_get_booking_shows_the_booking_and_its_payments(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 3_000_000)
    detail = get_booking(world.deps, world.admin, booking.id)
    assert detail.booking.id == booking.id and detail.booking.paid_total == 3_000_000
    assert [p.amount for p in detail.payments] == [3_000_000]


def test_schedule_lists_live_bookings_with_a_day_in_the_range(world: World) -> None:
    a = world.book(1, 3)
    b = world.book(5, 9, client="Bu Rina")
    c = world.book(6, client="Pak Budi")
    world.book(20, client="Later")
    set_status(world.deps, world.owner, c.id, S.CANCELLED)

    found = schedule(world.deps, world.owner, DateRange(start=day(3), end=day(5)))
    assert [x.id for x in found] == [a.id, b.id]


def test_trips_for_a_driver_are_only_their_own_and_carry_no_money(world: World) -> None:
    mine = world.book(10, buses=[("bus-1", "u-drv1")])
    co = create_booking(
        world.deps,
        world.owner,
        BookingDraft(
            client_name="Bu Rina",
            depart_date=day(12),
            assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv2", co_driver_id="u-drv1")],
        ),
    )
    world.book(10, buses=[("bus-2", "u-drv2")], client="Pak Budi")
    world.book(11, client="Unassigned")
    days = DateRange(start=day(1), end=day(31))

    own = trips(world.deps, world.driver1, days)
    assert [t.booking_id for t in own] == [mine.id, co.id]
    assert all("price" not in t.model_dump() for t in own)
    assert not any("paid" in key for key in own[0].model_dump())
    assert len(trips(world.deps, world.admin, days)) == 4


def test_get_trip_of_someone_elses_trip_is_not_found_for_a_driver(world: World) -> None:
    theirs = world.book(10, buses=[("bus-2", "u-drv2")])
    with pytest.raises(NotFound):
        get_trip(world.deps, world.driver1, theirs.id)
    assert get_trip(world.deps, world.driver2, theirs.id).booking_id == theirs.id
    assert get_trip(world.deps, world.owner, theirs.id).bus_ids == ["bus-2"]


def test_a_new_driver_joins_the_conflict_rules(world: World) -> None:
    new = add_driver(world, "u-drv3", "+6281100000009", "Pak Harto")
    assert new.role is Role.DRIVER
    world.book(10, buses=[("bus-1", "u-drv3")])
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-2", "u-drv3")])


# --- checking a proposal before the person confirms it --------------------------------------


def test_a_dry_run_booking_refuses_what_create_would_and_writes_nothing(world: World) -> None:
    world.book(10, buses=[("bus-1", "u-drv1")])
    add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-3")
    before = world.snapshot()

    def draft(bus: str, driver: str | None = None) -> BookingDraft:
        return BookingDraft(
            client_name="Bu Rina",
            depart_date=day(10),
            assignments=[BusAssignment(bus_id=bus, driver_id=driver)],
        )

    with pytest.raises(ScheduleConflict):
        create_booking(world.deps, world.admin, draft("bus-1"), dry_run=True)
    with pytest.raises(ScheduleConflict):
        create_booking(world.deps, world.admin, draft("bus-2", "u-drv1"), dry_run=True)
    with pytest.raises(WarningsNotAcknowledged):
        create_booking(world.deps, world.admin, draft("bus-3"), dry_run=True)
    with pytest.raises(Forbidden):
        create_booking(world.deps, world.driver1, draft("bus-2"), dry_run=True)
    proposed = create_booking(world.deps, world.admin, draft("bus-2", "u-drv2"), dry_run=True)

    assert proposed.bus_ids() == ["bus-2"] and proposed.status is S.PENDING
    # A check is not an attempt: nothing stored, no activity, no alert.
    assert world.state == before


def test_a_dry_run_change_shows_the_booking_as_it_would_be_and_writes_nothing(world: World) -> None:
    world.book(10, buses=[("bus-1", "u-drv1")])
    other = world.book(12, 13, buses=[("bus-2", "u-drv2")], client="Bu Rina")
    before = world.snapshot()

    with pytest.raises(ScheduleConflict):
        change_booking(
            world.deps,
            world.owner,
            other.id,
            BookingChanges(depart_date=day(9), assignments=[BusAssignment(bus_id="bus-1")]),
            dry_run=True,
        )
    changes = BookingChanges(depart_date=day(20))
    moved = change_booking(world.deps, world.owner, other.id, changes, dry_run=True)

    assert (moved.depart_date, moved.return_date) == (day(20), day(21))
    assert world.state == before


# --- two writers at once -----------------------------------------------------------------------


class RaceOnce:
    """A unit-of-work factory whose first commit loses a race: `other_writer` commits first,
    then the database refuses ours with StorageConflict, as a unique constraint would."""

    def __init__(self, inner: MemoryUnitOfWorkFactory, other_writer: Callable[[], object]) -> None:
        self.inner = inner
        self.other_writer = other_writer
        self.raced = False

    def __call__(self) -> MemoryUnitOfWork:
        uow = self.inner()
        commit = uow.commit

        def racing_commit() -> None:
            if not self.raced:
                self.raced = True
                self.other_writer()
                raise StorageConflict("exclusion constraint")
            commit()

        uow.commit = racing_commit  # type: ignore[method-assign]
        return uow


def test_a_lost_race_is_retried_and_refused_naming_the_winner(world: World) -> None:
    winner: list[Booking] = []

    def other_writer() -> None:
        winner.append(world.book(10, buses=[("bus-1", "u-drv2")], client="Pemenang"))

    deps = Deps(storage=RaceOnce(world.uow, other_writer), clock=world.clock, ids=world.ids)
    draft = BookingDraft(
        client_name="Bu Rina", depart_date=day(10), assignments=[BusAssignment(bus_id="bus-1")]
    )
    with pytest.raises(ScheduleConflict) as refused:
        create_booking(deps, world.admin, draft)

    [won] = winner
    assert [c.booking_id for c in refused.value.clashes] == [won.id]
    assert list(world.state.bookings) == [won.id]
    assert [e.entity_id for e in world.activity("booking.created")] == [won.id]
    assert world.alert_recipients(AlertKind.CONFLICT_ATTEMPT) == {"u-owner"}


def test_a_race_with_no_real_clash_succeeds_on_the_retry(world: World) -> None:
    deps = Deps(storage=RaceOnce(world.uow, lambda: None), clock=world.clock, ids=world.ids)
    draft = BookingDraft(
        client_name="Bu Rina", depart_date=day(10), assignments=[BusAssignment(bus_id="bus-1")]
    )
    booking = create_booking(deps, world.admin, draft)
    assert list(world.state.bookings) == [booking.id]
    assert len(world.activity("booking.created")) == 1
    assert len(world.alerts(AlertKind.BOOKING_CREATED)) == 1


def test_seats_short_counts_what_the_chosen_buses_cannot_seat() -> None:
    from keloia.domain.model.bookings import seats_short

    assert seats_short(90, [35]) == 55
    assert seats_short(90, [35, 50, 50]) == 0
    # No count, no bus chosen yet, or a bus whose seats nobody recorded: nothing to warn of.
    assert seats_short(None, [35]) == 0
    assert seats_short(90, []) == 0
    assert seats_short(90, [35, None]) == 0
