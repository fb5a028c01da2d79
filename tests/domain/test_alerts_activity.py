"""Who is told what after a change, and the paper trail every change leaves (and every
refusal does not)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from keloia.domain.errors import DomainError, ScheduleConflict
from keloia.domain.model.alerts import AlertKind, managers_except
from keloia.domain.model.bookings import BookingStatus, BusAssignment
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.tenants import Role, User
from keloia.domain.services.bookings import (
    BookingChanges,
    BookingDraft,
    change_booking,
    create_booking,
    set_status,
)
from keloia.domain.services.fleet import (
    BusChanges,
    MaintenanceDraft,
    add_bus,
    add_document,
    log_maintenance,
    record_odometer,
    renew_document,
    set_bus_status,
    set_service_interval,
    update_bus,
)
from keloia.domain.services.team import (
    MemberChanges,
    create_invite,
    redeem_invite,
    update_member,
)

from .world import World, day

S = BookingStatus


def _second_admin(world: World) -> User:
    admin2 = User(
        id="u-admin2",
        tenant_id="t-1",
        phone="+6281100000005",
        name="Mbak Wati",
        role=Role.ADMIN,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    with world.uow() as tx:
        tx.users.add(admin2)
        tx.commit()
    return admin2


# --- alerts --------------------------------------------------------------------------------


def test_managers_except_leaves_out_the_actor_drivers_and_the_inactive(world: World) -> None:
    team = [
        world.owner,
        world.admin,
        world.driver1,
        world.admin.model_copy(update={"id": "x", "active": False}),
    ]
    assert [u.id for u in managers_except(team, "u-owner")] == ["u-admin"]
    assert [u.id for u in managers_except(team, None)] == ["u-owner", "u-admin"]


@pytest.mark.parametrize(
    ("actor", "told"),
    [("owner", {"u-admin", "u-admin2"}), ("admin", {"u-owner", "u-admin2"})],
)
def test_a_new_booking_tells_owner_and_admins_except_the_actor(
    world: World, actor: str, told: set[str]
) -> None:
    _second_admin(world)
    booking = world.book(10, buses=[("bus-1", "u-drv1")], actor=getattr(world, actor))
    assert world.alert_recipients(AlertKind.BOOKING_CREATED, booking.id) == told
    [alert] = world.alerts(AlertKind.BOOKING_CREATED, user=world.state.users[sorted(told)[0]])
    assert alert.entity == "booking" and "Pak Agus" in alert.text and "Selasa, 10 Mar" in alert.text
    assert alert.tenant_id == "t-1" and not alert.read


def test_inactive_managers_are_not_told(world: World) -> None:
    update_member(world.deps, world.owner, "u-admin", MemberChanges(active=False))
    booking = world.book(10)
    assert world.alert_recipients(AlertKind.BOOKING_CREATED, booking.id) == set()


def test_the_crew_is_told_of_their_trip(world: World) -> None:
    draft = BookingDraft(
        client_name="SMA 3",
        depart_date=day(10),
        assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv1", co_driver_id="u-drv2")],
    )
    booking = create_booking(world.deps, world.admin, draft)
    assert world.alert_recipients(AlertKind.TRIP_ASSIGNED, booking.id) == {"u-drv1", "u-drv2"}
    assert world.alert_recipients(AlertKind.BOOKING_CREATED, booking.id) == {"u-owner"}
    [alert] = world.alerts(AlertKind.TRIP_ASSIGNED, user=world.driver1)
    assert "SMA 3" in alert.text and "Rp" not in alert.text  # no money for drivers


def test_a_booking_without_crew_tells_no_driver(world: World) -> None:
    world.book(10, buses=[("bus-1", None)])
    assert world.alerts(AlertKind.TRIP_ASSIGNED) == []
    assert all(a.user_id not in {"u-drv1", "u-drv2"} for a in world.state.alerts.values())


def test_a_cancellation_tells_the_managers_and_the_crew(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    set_status(world.deps, world.admin, booking.id, S.CANCELLED)
    assert world.alert_recipients(AlertKind.BOOKING_CANCELLED, booking.id) == {"u-owner", "u-drv1"}
    [alert] = world.alerts(AlertKind.BOOKING_CANCELLED, user=world.driver1)
    assert "Pak Agus" in alert.text and "dibatalkan" in alert.text and "Rp" not in alert.text


def test_confirming_and_completing_send_no_alerts(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    count = len(world.state.alerts)
    set_status(world.deps, world.owner, booking.id, S.CONFIRMED)
    set_status(world.deps, world.driver1, booking.id, S.COMPLETED)
    assert len(world.state.alerts) == count


def test_a_payment_tells_the_owner_when_someone_else_records_it(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")], price=10_000_000)
    by_admin = world.pay(booking.id, 2_000_000, actor=world.admin)
    assert world.alert_recipients(AlertKind.PAYMENT_RECORDED, by_admin.id) == {"u-owner"}
    by_owner = world.pay(booking.id, 1_000_000, actor=world.owner)
    assert world.alert_recipients(AlertKind.PAYMENT_RECORDED, by_owner.id) == set()


def test_changing_crew_tells_only_the_newcomers(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    change_booking(
        world.deps,
        world.owner,
        booking.id,
        BookingChanges(assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv2")]),
    )
    assigned = world.alerts(AlertKind.TRIP_ASSIGNED)
    assert [a.user_id for a in assigned] == ["u-drv1", "u-drv2"]
    # The one taken off the trip is told so, not assigned again.
    assert world.alert_recipients(AlertKind.TRIP_CHANGED, booking.id) == {"u-drv1"}


def test_a_conflict_attempt_is_news_for_the_managers_but_not_for_the_actor(world: World) -> None:
    first = world.book(10, buses=[("bus-1", "u-drv1")], actor=world.admin)
    with pytest.raises(ScheduleConflict):
        world.book(10, buses=[("bus-1", None)], actor=world.owner, client="Bu Rina")
    assert world.alert_recipients(AlertKind.CONFLICT_ATTEMPT) == {"u-admin"}
    [alert] = world.alerts(AlertKind.CONFLICT_ATTEMPT)
    assert alert.entity_id == first.id and "Bu Sari" in alert.text


# --- the paper trail ------------------------------------------------------------------------

Step = Callable[[World], str]


def _booking(w: World) -> str:
    return w.book(10, buses=[("bus-1", "u-drv1")]).id


def _changed(w: World) -> str:
    return change_booking(w.deps, w.admin, _booking(w), BookingChanges(passengers=40)).id


def _confirmed(w: World) -> str:
    return set_status(w.deps, w.admin, _booking(w), S.CONFIRMED).id


def _cancelled(w: World) -> str:
    return set_status(w.deps, w.admin, _booking(w), S.CANCELLED).id


def _paid(w: World) -> str:
    return str(w.pay(_booking(w), 1_000_000).id)


def _doc(w: World) -> str:
    return add_document(w.deps, w.owner, DocumentKind.KIR, day(20), bus_id="bus-1").id


CHANGES: list[tuple[str, Step, str, str]] = [
    ("booking.created", _booking, "booking", "u-owner"),
    ("booking.updated", _changed, "booking", "u-admin"),
    ("booking.confirmed", _confirmed, "booking", "u-admin"),
    ("booking.cancelled", _cancelled, "booking", "u-admin"),
    ("payment.recorded", _paid, "payment", "u-admin"),
    ("bus.created", lambda w: add_bus(w.deps, w.owner, "Bus 09").id, "bus", "u-owner"),
    (
        "bus.updated",
        lambda w: update_bus(w.deps, w.owner, "bus-1", BusChanges(seats=30)).id,
        "bus",
        "u-owner",
    ),
    (
        "bus.status",
        lambda w: set_bus_status(w.deps, w.driver1, "bus-1", BusStatus.MAINTENANCE).id,
        "bus",
        "u-drv1",
    ),
    (
        "bus.odometer",
        lambda w: record_odometer(w.deps, w.driver1, "bus-1", day(1), 1000).id,
        "bus",
        "u-drv1",
    ),
    (
        "bus.service_interval",
        lambda w: (
            set_service_interval(
                w.deps, w.owner, "bus-1", MaintenanceType.TIRE, every_km=40_000
            ).bus_id
        ),
        "bus",
        "u-owner",
    ),
    (
        "maintenance.logged",
        lambda w: (
            log_maintenance(
                w.deps, w.admin, MaintenanceDraft(bus_id="bus-1", type=MaintenanceType.AC)
            ).id
        ),
        "maintenance",
        "u-admin",
    ),
    ("document.added", _doc, "document", "u-owner"),
    (
        "document.renewed",
        lambda w: renew_document(w.deps, w.owner, _doc(w), day(31)).id,
        "document",
        "u-owner",
    ),
    (
        "invite.created",
        lambda w: create_invite(w.deps, w.owner, Role.DRIVER).code,
        "invite",
        "u-owner",
    ),
    (
        "user.updated",
        lambda w: update_member(w.deps, w.owner, "u-drv2", MemberChanges(name="Pak Slamet R")).id,
        "user",
        "u-owner",
    ),
]


@pytest.mark.parametrize(
    ("action", "step", "entity", "actor"), CHANGES, ids=[c[0] for c in CHANGES]
)
def test_every_change_records_who_what_which_and_a_json_snapshot(
    world: World, action: str, step: Step, entity: str, actor: str
) -> None:
    entity_id = step(world)

    entry = world.activity()[-1]
    assert (entry.action, entry.entity, entry.entity_id) == (action, entity, entity_id)
    assert entry.actor_id == actor and entry.tenant_id == "t-1"
    assert entry.at == world.clock.now()
    assert entry.snapshot and json.loads(json.dumps(entry.snapshot)) == entry.snapshot
    # One entry per change: nothing else was recorded for this entity by the last step.
    assert [e.action for e in world.activity() if e.entity_id == entity_id][-1] == action


def test_each_use_case_adds_exactly_one_entry(world: World) -> None:
    booking = world.book(10, price=5_000_000)
    assert len(world.state.activity) == 1
    set_status(world.deps, world.owner, booking.id, S.CONFIRMED)
    assert len(world.state.activity) == 2
    world.pay(booking.id, 1_000_000)
    assert len(world.state.activity) == 3
    assert [e.action for e in world.state.activity] == [
        "booking.created",
        "booking.confirmed",
        "payment.recorded",
    ]


def test_a_new_member_is_the_actor_of_joining(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.ADMIN)
    user, _ = redeem_invite(world.deps, invite.code, "+6285700000001", "Mbak Ani")
    entry = world.activity()[-1]
    assert (entry.action, entry.actor_id, entry.entity_id) == ("user.joined", user.id, user.id)


def test_the_snapshot_is_the_record_as_stored(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    changed = change_booking(
        world.deps, world.owner, booking.id, BookingChanges(depart_date=day(12))
    )
    entry = world.activity()[-1]
    expected = world.booking(changed.id).model_dump(mode="json")
    trail = ("changed", "before")  # what changed and its old values, kept for an undo
    assert {k: v for k, v in entry.snapshot.items() if k not in trail} == expected
    assert entry.snapshot["changed"] == ["depart_date", "return_date"]
    assert entry.snapshot["before"] == {
        "depart_date": day(10).isoformat(),
        "return_date": day(10).isoformat(),
    }


REFUSALS: list[tuple[str, Callable[[World, str], Any]]] = [
    ("conflict", lambda w, b: w.book(10, buses=[("bus-1", None)])),
    ("warnings", lambda w, b: w.book(12, buses=[("bus-3", None)])),
    ("overpayment", lambda w, b: w.pay(b, 99_000_000)),
    ("refund beyond", lambda w, b: w.pay(b, 1, "refund")),
    ("bad method", lambda w, b: w.pay(b, 1_000, method="BCA")),
    ("bad transition", lambda w, b: set_status(w.deps, w.owner, b, S.COMPLETED)),
    ("driver books", lambda w, b: w.book(20, actor=w.driver1)),
    (
        "return before",
        lambda w, b: change_booking(w.deps, w.owner, b, BookingChanges(return_date=day(9))),
    ),
    ("odometer down", lambda w, b: record_odometer(w.deps, w.owner, "bus-1", day(1), 1)),
    (
        "maintenance odometer down",
        lambda w, b: log_maintenance(
            w.deps,
            w.owner,
            MaintenanceDraft(bus_id="bus-1", type=MaintenanceType.TIRE, odometer_km=1),
        ),
    ),
    ("other tenant", lambda w, b: set_status(w.deps, w.other_owner, b, S.CANCELLED)),
    (
        "last owner",
        lambda w, b: update_member(w.deps, w.owner, "u-owner", MemberChanges(active=False)),
    ),
    ("owner invite", lambda w, b: create_invite(w.deps, w.owner, Role.OWNER)),
    ("used phone", lambda w, b: redeem_invite(w.deps, w.extra["code"], w.driver1.phone, "X")),
]


def _refusal_world(world: World) -> str:
    booking = world.book(10, buses=[("bus-1", "u-drv1")], price=5_000_000)
    record_odometer(world.deps, world.owner, "bus-1", day(1), 5_000)
    add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-3")
    world.extra["code"] = create_invite(world.deps, world.owner, Role.DRIVER).code
    return booking.id


def _assert_untouched(world: World, before: Any, name: str) -> None:
    assert world.state.activity == before.activity
    for table in (
        "bookings",
        "payments",
        "buses",
        "users",
        "invites",
        "readings",
        "maintenance",
        "documents",
    ):
        assert getattr(world.state, table) == getattr(before, table), table
    if name != "conflict":
        assert world.state.alerts == before.alerts
        assert world.state.outbox == before.outbox


@pytest.mark.parametrize(("name", "refused"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_change_leaves_no_activity_and_no_partial_writes(
    world: World, name: str, refused: Callable[[World, str], Any]
) -> None:
    booking_id = _refusal_world(world)
    before = world.snapshot()

    with pytest.raises(DomainError):
        refused(world, booking_id)

    _assert_untouched(world, before, name)


@pytest.mark.parametrize(("name", "refused"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refusal_inside_a_joined_transaction_leaves_no_partial_writes(
    world: World, name: str, refused: Callable[[World, str], Any]
) -> None:
    """A use case joined to a larger transaction (Deps.within) refuses before it stages
    anything: even a caller that commits after catching the refusal (say, to store its
    explanation) cannot make half a change durable."""
    booking_id = _refusal_world(world)
    before = world.snapshot()

    with world.deps.uow() as outer:
        joined = dataclasses.replace(world, deps=world.deps.within(outer))
        with pytest.raises(DomainError):
            refused(joined, booking_id)
        outer.commit()  # the caller carries on with its own writes

    _assert_untouched(world, before, name)
