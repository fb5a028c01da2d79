"""The storage contract: every repository method behaves the same on every backend, and
every record comes back exactly as it went in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from keloia.domain.model.activity import ActivityEntry, ActivityFilter, ActivityQuery
from keloia.domain.model.bookings import MAX_TRIP_DAYS, BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role, TenantSettings
from keloia.ports.storage import UnitOfWorkFactory

from .records import (
    Team,
    activity,
    alert,
    at,
    booking,
    day,
    document,
    full_booking,
    interval,
    invite,
    maintenance,
    payment,
    seed,
    team,
)


@pytest.fixture
def a(uow_factory: UnitOfWorkFactory) -> Team:
    """Tenant A, seeded; tenant B is there too so every query has something to leave out."""
    first, second = team("ta", 1), team("tb", 2)
    seed(uow_factory, first, second)
    return first


def ids(records: list[object]) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


# --- tenants, people, invites ----------------------------------------------------------


def test_tenant_round_trip_and_update(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        assert uow.tenants.get(a.id) == a.tenant
        assert uow.tenants.get("nobody") is None
        changed = a.tenant.model_copy(
            update={"name": "PO Baru", "settings": TenantSettings(expiry_warning_days=7)}
        )
        uow.tenants.update(changed)
        uow.commit()
    with uow_factory() as uow:
        assert uow.tenants.get(a.id) == changed


def test_tenant_update_of_unknown_tenant_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    stranger = team("tx", 9).tenant
    with uow_factory() as uow, pytest.raises(KeyError):
        uow.tenants.update(stranger)


def test_users_round_trip(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        for user in a.users:
            assert uow.users.get(a.id, user.id) == user
            assert uow.users.by_phone(user.phone) == user
        assert sorted(ids(uow.users.all(a.id))) == sorted(ids(a.users))
        assert {u.id: u for u in uow.users.all(a.id)} == {u.id: u for u in a.users}
        assert uow.users.by_phone("+6280000000000") is None
        assert uow.users.get(a.id, "nobody") is None


def test_user_update(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    promoted = a.driver1.model_copy(update={"role": Role.ADMIN, "active": False, "name": "Budi"})
    with uow_factory() as uow:
        uow.users.update(promoted)
        uow.commit()
    with uow_factory() as uow:
        assert uow.users.get(a.id, a.driver1.id) == promoted
        assert uow.users.by_phone(a.driver1.phone) == promoted


def test_a_phone_number_belongs_to_one_user_across_tenants(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    twin = team("tc", 3).owner.model_copy(update={"id": "tc-twin", "phone": a.owner.phone})
    with uow_factory() as uow:
        uow.tenants.add(team("tc", 3).tenant)
        with pytest.raises(Exception, match=r"(?i)phone|unique"):
            uow.users.add(twin)


def test_invites_round_trip_and_update(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    code = invite(a, "K7QX2M9P", role=Role.ADMIN)
    with uow_factory() as uow:
        uow.invites.add(code)
        uow.commit()
    with uow_factory() as uow:
        assert uow.invites.by_code("K7QX2M9P") == code
        assert uow.invites.by_code("k7qx2m9p") is None
        used = code.model_copy(update={"uses": 3})
        uow.invites.update(used)
        uow.commit()
    with uow_factory() as uow:
        assert uow.invites.by_code("K7QX2M9P") == used
        assert uow.invites.for_tenant(a.id) == [used]
        assert uow.invites.for_tenant("another-tenant") == []


# --- fleet -----------------------------------------------------------------------------


def test_buses_round_trip_and_update(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        assert uow.buses.get(a.id, a.bus1.id) == a.bus1
        assert uow.buses.get(a.id, a.bus2.id) == a.bus2
        assert {b.id: b for b in uow.buses.all(a.id)} == {b.id: b for b in a.buses}
        assert uow.buses.get(a.id, "nope") is None
        moved = a.bus1.model_copy(update={"odometer_km": 130_000, "plate": "H 1 AA"})
        uow.buses.update(moved)
        uow.commit()
    with uow_factory() as uow:
        assert uow.buses.get(a.id, a.bus1.id) == moved


def test_maintenance_logs(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    oil_old = maintenance(a, "m1", a.bus1, MaintenanceType.OIL_CHANGE, -100)
    oil_new = maintenance(a, "m2", a.bus1, MaintenanceType.OIL_CHANGE, -10, next_due_date=None)
    tire = maintenance(a, "m3", a.bus1, MaintenanceType.TIRE, -50, cost=0, odometer_km=None)
    other_bus = maintenance(a, "m4", a.bus2, MaintenanceType.OIL_CHANGE, -30)
    with uow_factory() as uow:
        for log in (oil_old, tire, oil_new, other_bus):
            uow.maintenance.add(log)
        uow.commit()
    with uow_factory() as uow:
        assert uow.maintenance.for_bus(a.id, a.bus1.id) == [oil_new, tire, oil_old]
        assert uow.maintenance.for_bus(a.id, "nope") == []
        assert uow.maintenance.latest(a.id) == {
            (a.bus1.id, MaintenanceType.OIL_CHANGE): oil_new,
            (a.bus1.id, MaintenanceType.TIRE): tire,
            (a.bus2.id, MaintenanceType.OIL_CHANGE): other_bus,
        }
        # Saved by mistake: removed, and only in its own tenant.
        with pytest.raises(KeyError):
            uow.maintenance.remove("another-tenant", tire.id)
        uow.maintenance.remove(a.id, tire.id)
        assert uow.maintenance.get(a.id, tire.id) is None
        assert uow.maintenance.for_bus(a.id, a.bus1.id) == [oil_new, oil_old]


def test_maintenance_between_is_every_bus_in_the_period_oldest_first(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    b = team("tb", 2)  # seeded with A by the fixture
    before = maintenance(a, "m1", a.bus1, MaintenanceType.OIL_CHANGE, -31)
    first_day = maintenance(a, "m2", a.bus2, MaintenanceType.TIRE, -30)
    same_day = maintenance(a, "m3", a.bus1, MaintenanceType.OIL_CHANGE, -30)
    last_day = maintenance(a, "m4", a.bus1, MaintenanceType.TIRE, -1, next_due_date=None)
    after = maintenance(a, "m5", a.bus2, MaintenanceType.OIL_CHANGE, 0)
    elsewhere = maintenance(b, "m6", b.bus1, MaintenanceType.OIL_CHANGE, -10)
    with uow_factory() as uow:
        for log in (last_day, after, same_day, before, first_day, elsewhere):
            uow.maintenance.add(log)
        uow.commit()
    with uow_factory() as uow:
        found = uow.maintenance.between(a.id, day(-30), day(-1))
        assert found == [first_day, same_day, last_day]
        assert uow.maintenance.between(a.id, day(1), day(40)) == []
        assert uow.maintenance.between(b.id, day(-30), day(-1)) == [elsewhere]


def test_service_intervals_are_set_per_bus_and_type(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    first = interval(a, a.bus1, MaintenanceType.OIL_CHANGE, every_days=90, every_km=10_000)
    second = interval(a, a.bus1, MaintenanceType.TIRE, every_km=40_000)
    with uow_factory() as uow:
        uow.maintenance.set_interval(first)
        uow.maintenance.set_interval(second)
        uow.commit()
    replaced = interval(a, a.bus1, MaintenanceType.OIL_CHANGE, every_days=60)
    with uow_factory() as uow:
        uow.maintenance.set_interval(replaced)
        uow.commit()
    with uow_factory() as uow:
        found = sorted(uow.maintenance.intervals(a.id), key=lambda i: i.type)
        assert found == sorted([replaced, second], key=lambda i: i.type)


def test_odometer_readings_are_kept_corrected_and_taken_back(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    from keloia.domain.model.fleet import OdometerReading

    first = OdometerReading(id="r1", tenant_id=a.id, bus_id=a.bus1.id, reading_date=day(2), km=9)
    second = first.model_copy(update={"id": "r2", "reading_date": day(3), "km": 12})
    with uow_factory() as uow:
        uow.maintenance.add_reading(first)
        uow.maintenance.add_reading(second)
        uow.commit()
    with uow_factory() as uow:
        assert uow.maintenance.get_reading(a.id, "r2") == second
        assert uow.maintenance.get_reading("tb", "r2") is None  # another PO's is no reading
        uow.maintenance.remove_reading("tb", "r2")
        uow.maintenance.update_reading(second.model_copy(update={"km": 11}))
        uow.commit()
    with uow_factory() as uow:
        assert uow.maintenance.get_reading(a.id, "r2") == second.model_copy(update={"km": 11})
        assert uow.maintenance.last_readings(a.id) == {a.bus1.id: day(3)}
        uow.maintenance.remove_reading(a.id, "r2")
        uow.commit()
    with uow_factory() as uow:
        assert uow.maintenance.get_reading(a.id, "r2") is None
        assert uow.maintenance.last_readings(a.id) == {a.bus1.id: day(2)}


def test_documents(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    kir = document(a, "d1", 20)
    sim = document(a, "d2", 5, person=a.driver1)
    expired = document(a, "d3", -3)
    with uow_factory() as uow:
        for doc in (kir, sim, expired):
            uow.documents.add(doc)
        uow.commit()
    with uow_factory() as uow:
        assert uow.documents.get(a.id, sim.id) == sim
        assert uow.documents.get(a.id, "nope") is None
        assert {d.id: d for d in uow.documents.all(a.id)} == {d.id: d for d in (kir, sim, expired)}
        # Strictly before the given day, already expired ones included.
        assert sorted(ids(uow.documents.expiring(a.id, day(20)))) == sorted([sim.id, expired.id])
        assert sorted(ids(uow.documents.expiring(a.id, day(21)))) == sorted(
            [kir.id, sim.id, expired.id]
        )
        renewed = kir.model_copy(update={"expires_on": day(400)})
        uow.documents.update(renewed)
        uow.commit()
    with uow_factory() as uow:
        assert uow.documents.get(a.id, kir.id) == renewed


# --- bookings --------------------------------------------------------------------------


def test_booking_round_trip(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    full = full_booking(a)
    bare = booking(a, "bare", 3)
    with uow_factory() as uow:
        uow.bookings.add(full)
        uow.bookings.add(bare)
        uow.commit()
    with uow_factory() as uow:
        assert uow.bookings.get(a.id, full.id) == full
        assert uow.bookings.get(a.id, bare.id) == bare
        got = uow.bookings.get(a.id, full.id)
        assert got is not None
        assert got.model_dump() == full.model_dump()
        assert got.assignments == full.assignments  # order kept
        assert uow.bookings.get(a.id, "nope") is None


def test_bookings_get_many_reads_these_ids_in_their_order(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    full = full_booking(a)
    bare = booking(a, "bare", 3)
    cancelled = booking(a, "gone", 5, status=BookingStatus.CANCELLED)
    b = team("tb", 2)  # seeded with A by the fixture
    elsewhere = booking(b, "elsewhere", 4)
    with uow_factory() as uow:
        for record in (full, bare, cancelled, elsewhere):
            uow.bookings.add(record)
        uow.commit()
    with uow_factory() as uow:
        asked = [cancelled.id, "nope", full.id, elsewhere.id, bare.id, full.id]
        assert uow.bookings.get_many(a.id, asked) == [cancelled, full, bare]
        got = uow.bookings.get_many(a.id, [full.id])
        assert got[0].assignments == full.assignments  # order kept
        assert uow.bookings.get_many(a.id, []) == []
        assert uow.bookings.get_many(b.id, asked) == [elsewhere]


def test_aware_datetimes_keep_their_instant(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    jakarta = timezone(timedelta(hours=7))
    local = booking(a, "local", 3, created_at=datetime(2026, 3, 1, 9, 0, 1, 5, tzinfo=jakarta))
    with uow_factory() as uow:
        uow.bookings.add(local)
        uow.commit()
    with uow_factory() as uow:
        got = uow.bookings.get(a.id, local.id)
        assert got is not None
        assert got.created_at == datetime(2026, 3, 1, 2, 0, 1, 5, tzinfo=UTC)
        assert got.created_at.utcoffset() is not None


def test_booking_update_moves_days_status_and_crew(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    original = booking(a, "trip", 5, 6, buses=(a.bus1,), crew=(a.driver1,))
    with uow_factory() as uow:
        uow.bookings.add(original)
        uow.commit()
    changed = original.model_copy(
        update={
            "depart_date": day(20),
            "return_date": day(22),
            "status": BookingStatus.CONFIRMED,
            "price": 15_000_000,
            "paid_total": 5_000_000,
            "bus_count": 2,
            "assignments": [
                BusAssignment(bus_id=a.bus2.id, driver_id=a.driver2.id),
                BusAssignment(bus_id=a.bus1.id, co_driver_id=a.driver1.id),
            ],
        }
    )
    with uow_factory() as uow:
        uow.bookings.update(changed)
        uow.commit()
    with uow_factory() as uow:
        assert uow.bookings.get(a.id, original.id) == changed
        assert uow.bookings.holding(a.id, DateRange.single(day(5)), [a.bus1.id], []) == []
        held = uow.bookings.holding(a.id, DateRange.single(day(21)), [], [a.driver1.id])
        assert held == [changed]


def test_overlapping_finds_every_booking_with_a_day_in_range(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    span = DateRange(start=day(10), end=day(12))
    longest = MAX_TRIP_DAYS - 1
    inside = {
        "ends-on-start": booking(a, "ends-on-start", 8, 10),
        "starts-on-end": booking(a, "starts-on-end", 12, 14),
        "within": booking(a, "within", 11),
        "around": booking(a, "around", 9, 13),
        "longest": booking(a, "longest", 10 - longest, 10),
        "cancelled": booking(a, "cancelled", 11, status=BookingStatus.CANCELLED),
    }
    outside = {
        "before": booking(a, "before", 7, 9),
        "after": booking(a, "after", 13, 15),
        "long-before": booking(a, "long-before", 9 - longest, 9),
    }
    b = team("tb", 2)
    with uow_factory() as uow:
        for record in [*inside.values(), *outside.values()]:
            uow.bookings.add(record)
        uow.bookings.add(booking(b, "other-tenant", 11))
        uow.commit()
    with uow_factory() as uow:
        found = uow.bookings.overlapping(a.id, span)
        assert sorted(ids(found)) == sorted(ids(list(inside.values())))
        assert [x.depart_date for x in found] == sorted(x.depart_date for x in found)
        assert {x.id: x for x in found} == {x.id: x for x in inside.values()}
        assert ids(uow.bookings.overlapping(a.id, DateRange.single(day(100)))) == []


def test_client_names_are_each_spelling_at_its_first_and_last_booking(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    """In the order the bookings were made (created_at, then departure, then id), what
    flow._clients folds into each client's first booking and latest spelling."""
    span = DateRange(start=day(10), end=day(30))
    made = [
        # (id, client name, departure, created at minute)
        ("hendra-1", "Pak Hendra", 12, 1),
        ("dewi-1", "Bu Dewi", 11, 2),
        ("hendra-lower", "pak hendra", 20, 3),
        ("dewi-2", "Bu Dewi", 14, 4),  # between Bu Dewi's first and last: left out
        ("hendra-2", "Pak Hendra", 13, 5),
        # Made at the same minute: by departure, then by id.
        ("m-joko", "Pak Joko", 21, 6),
        ("m-agus", "Pak Agus", 15, 6),
        ("n-zaki", "Pak Zaki", 16, 6),
        ("dewi-3", "Bu Dewi", 16, 6),
        ("cancelled", "Bu Wati", 25, 7),  # any status
        ("ends-on-start", "Pak Awal", 9, 8),  # back on the first day: it meets the days
    ]
    outside = [booking(a, "before", 5, 9, client_name="Pak Lama"), booking(a, "after", 31)]
    b = team("tb", 2)  # seeded with A by the fixture
    with uow_factory() as uow:
        for bid, name, depart, minute in made:
            status = BookingStatus.CANCELLED if bid == "cancelled" else BookingStatus.PENDING
            back = 10 if bid == "ends-on-start" else None
            uow.bookings.add(
                booking(
                    a, bid, depart, back, client_name=name, created_at=at(minute), status=status
                )
            )
        for record in outside:
            uow.bookings.add(record)
        uow.bookings.add(booking(b, "other", 12, client_name="Bu Lain", created_at=at(0)))
        uow.commit()
    with uow_factory() as uow:
        assert uow.bookings.client_names(a.id, span) == (
            "Pak Hendra",  # hendra-1, its first
            "Bu Dewi",  # dewi-1, its first
            "pak hendra",  # hendra-lower, its only one
            "Pak Hendra",  # hendra-2, its last
            "Pak Agus",
            "Bu Dewi",  # dewi-3, its last (the same minute, departing before n-zaki)
            "Pak Zaki",
            "Pak Joko",
            "Bu Wati",
            "Pak Awal",
        )
        assert uow.bookings.client_names(b.id, span) == ("Bu Lain",)
        assert uow.bookings.client_names(a.id, DateRange.single(day(100))) == ()


def test_holding_finds_live_bookings_of_these_buses_or_crew(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    bus1 = booking(a, "bus1", 10, 11, buses=(a.bus1,))
    crew = booking(a, "crew", 10, buses=(a.bus2,), crew=(a.driver1,))
    co_driver = booking(
        a,
        "co",
        11,
        assignments=[BusAssignment(bus_id=a.bus2.id, co_driver_id=a.driver2.id)],
    )
    cancelled = booking(a, "cancelled", 10, buses=(a.bus1,), status=BookingStatus.CANCELLED)
    unassigned = booking(a, "unassigned", 10)
    earlier = booking(a, "earlier", 5, 9, buses=(a.bus1,))
    with uow_factory() as uow:
        for record in (bus1, crew, co_driver, cancelled, unassigned, earlier):
            uow.bookings.add(record)
        uow.commit()
    days = DateRange(start=day(10), end=day(11))
    with uow_factory() as uow:
        assert uow.bookings.holding(a.id, days, [a.bus1.id], []) == [bus1]
        assert uow.bookings.holding(a.id, days, [], [a.driver1.id]) == [crew]
        assert uow.bookings.holding(a.id, days, [], [a.driver2.id]) == [co_driver]
        both = uow.bookings.holding(a.id, days, [a.bus1.id], [a.driver1.id, a.driver2.id])
        assert sorted(ids(both)) == sorted([bus1.id, crew.id, co_driver.id])
        assert uow.bookings.holding(a.id, days, [], []) == []
        assert uow.bookings.holding(a.id, DateRange.single(day(9)), [a.bus1.id], []) == [earlier]
        assert uow.bookings.holding(a.id, DateRange.single(day(12)), [a.bus1.id], []) == []


def test_cancelling_releases_the_bus(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    trip = booking(a, "trip", 10, buses=(a.bus1,), crew=(a.driver1,))
    with uow_factory() as uow:
        uow.bookings.add(trip)
        uow.commit()
    with uow_factory() as uow:
        uow.bookings.update(trip.model_copy(update={"status": BookingStatus.CANCELLED}))
        uow.commit()
    with uow_factory() as uow:
        days = DateRange.single(day(10))
        assert uow.bookings.holding(a.id, days, [a.bus1.id], [a.driver1.id]) == []
        assert ids(uow.bookings.overlapping(a.id, days)) == [trip.id]


def test_with_balance(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    owing = booking(a, "owing", 3, price=15_000_000, paid_total=5_000_000)
    refunded = booking(a, "refunded", 4, price=10_000_000, paid_total=10_000_000, refunded_total=1)
    settled = booking(a, "settled", 5, price=10_000_000, paid_total=10_000_000)
    overpaid = booking(a, "overpaid", 6, price=10_000_000, paid_total=12_000_000)
    free = booking(a, "free", 7)
    cancelled = booking(a, "cancelled", 2, price=9, status=BookingStatus.CANCELLED)
    completed = booking(a, "completed", 1, price=9, status=BookingStatus.COMPLETED)
    # A cancelled booking is open while its cancellation fee is not covered by what was
    # paid (net of refunds); covered, waived or refunded down to it, it is not.
    off = {"price": 9, "status": BookingStatus.CANCELLED}
    fee_owed = booking(a, "fee-owed", 8, paid_total=2, cancellation_fee=5, **off)
    fee_kept = booking(a, "fee-kept", 9, paid_total=5, cancellation_fee=5, **off)
    fee_refunded = booking(
        a, "fee-refunded", 10, paid_total=8, refunded_total=3, cancellation_fee=5, **off
    )
    fee_waived = booking(a, "fee-waived", 11, cancellation_fee=0, **off)
    records = (owing, refunded, settled, overpaid, free, cancelled, completed)
    with uow_factory() as uow:
        for record in (*records, fee_owed, fee_kept, fee_refunded, fee_waived):
            uow.bookings.add(record)
        uow.commit()
    with uow_factory() as uow:
        assert uow.bookings.with_balance(a.id) == [completed, owing, refunded, fee_owed]


# --- money -----------------------------------------------------------------------------


def test_payments(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    trip = booking(a, "trip", 20, price=15_000_000)
    other = booking(a, "other", 21)
    dp = payment(a, "p1", trip.id, 1, 5_000_000)
    settle = payment(
        a, "p2", trip.id, 10, 10_000_000_000, type=PaymentType.PELUNASAN, method=None, note=""
    )
    refund = payment(a, "p3", trip.id, 12, 1, type=PaymentType.REFUND, overpayment=True)
    elsewhere = payment(a, "p4", other.id, 10, 7, method="qris")
    with uow_factory() as uow:
        uow.bookings.add(trip)
        uow.bookings.add(other)
        for record in (settle, dp, refund, elsewhere):
            uow.payments.add(record)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.for_booking(a.id, trip.id) == [dp, settle, refund]
        assert uow.payments.for_booking(a.id, "nope") == []
        # Both ends included.
        assert uow.payments.between(a.id, day(1), day(10)) == sorted(
            [dp, settle, elsewhere], key=lambda p: (p.paid_date, p.id)
        )
        assert uow.payments.between(a.id, day(11), day(12)) == [refund]
        assert uow.payments.between(a.id, day(13), day(40)) == []
        assert uow.payments.reversal_of(a.id, dp.id) is None
    # A reversal takes a payment back: both stay stored, neither is listed.
    back = payment(a, "p5", trip.id, 1, 5_000_000, reverses=dp.id, created_at=at(30))
    with uow_factory() as uow:
        uow.payments.add(back)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.for_booking(a.id, trip.id) == [settle, refund]
        assert uow.payments.between(a.id, day(1), day(1)) == []
        assert uow.payments.get(a.id, dp.id) == dp
        assert uow.payments.reversal_of(a.id, dp.id) == back


# --- the paper trail and alerts --------------------------------------------------------


def test_activity(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    entries = [activity(a, f"e{n}", "bk-1" if n % 2 else "bk-2", n) for n in range(4)]
    with uow_factory() as uow:
        for entry in entries:
            uow.activity.add(entry)
        uow.commit()
    with uow_factory() as uow:
        assert {e.id: e for e in uow.activity.all(a.id)} == {e.id: e for e in entries}
        assert sorted(ids(uow.activity.all(a.id, "bk-1"))) == ["ta-e1", "ta-e3"]
        assert uow.activity.all(a.id, "bk-3") == []
        got = uow.activity.all(a.id, "bk-2")
        assert [e.snapshot for e in got] == [entries[0].snapshot, entries[2].snapshot]
        # Read from a moment on, oldest first (what a person saved today).
        assert ids(uow.activity.since(a.id, at(2))) == ["ta-e2", "ta-e3"]


def test_activity_between_newest_first_limited_and_of_one_tenant(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    """The PO's activity page: a time range (its end left out), newest first, at most
    `limit` entries, and nothing of another tenant even at the same moments."""
    b = team("tb", 2)
    mine = [activity(a, f"e{n}", "bk-1", n) for n in range(5)]
    # Two entries at the same moment: the order still does not depend on the backend.
    twin = activity(a, "e2b", "bk-1", 2)
    theirs = [activity(b, f"e{n}", "bk-1", n) for n in range(5)]
    with uow_factory() as uow:
        for entry in [*mine, twin, *theirs]:
            uow.activity.add(entry)
        uow.commit()
    with uow_factory() as uow:
        found = uow.activity.between(a.id, ActivityQuery(at(1), at(4)), 10)
        assert ids(found) == ["ta-e3", "ta-e2b", "ta-e2", "ta-e1"]
        assert {e.id: e for e in found} == {e.id: e for e in [*mine[1:4], twin]}
        assert ids(uow.activity.between(a.id, ActivityQuery(at(0), at(60)), 2)) == [
            "ta-e4",
            "ta-e3",
        ]
        assert uow.activity.between(a.id, ActivityQuery(at(0), at(60)), 0) == []
        assert uow.activity.between(a.id, ActivityQuery(at(5), at(60)), 10) == []
        assert ids(uow.activity.between(b.id, ActivityQuery(at(4), at(5)), 10)) == ["tb-e4"]


def test_activity_between_keeps_one_persons_or_some_bookings_changes(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    """Asked by chat ("td sari catat apa aja", "siapa yg ubah booking pak hendra"): the
    filter is in the query, so a busy period never pushes a person's or a client's older
    changes past the limit. On a booking by its own record, or by the booking id its
    snapshot (or the snapshot's before or after) names; a bus's record of the same id is
    not."""

    def entry(aid: str, minute: int, by: str | None, **update: object) -> ActivityEntry:
        made = activity(a, aid, "bk-0", minute)
        return made.model_copy(update={"actor_id": by, **update})

    own = entry("own", 1, a.admin.id, entity_id="bk-1")
    paid = entry(
        "paid",
        2,
        a.owner.id,
        entity="payment",
        entity_id="p-1",
        snapshot={"booking_id": "bk-1", "amount": 1},
    )
    moved = entry(
        "moved",
        3,
        a.admin.id,
        entity="trip_cost",
        entity_id="c-1",
        snapshot={"before": {"booking_id": "bk-2"}, "after": {"booking_id": "bk-1"}},
    )
    was = entry(
        "was",
        4,
        a.owner.id,
        entity="payment",
        entity_id="p-2",
        snapshot={"before": {"booking_id": "bk-1"}},
    )
    bus = entry("bus", 5, a.admin.id, entity="bus", entity_id="bk-1")
    # The busy rest of the period: other bookings, newer than all of the above.
    busy = [entry(f"busy{n}", 10 + n, a.owner.id, entity_id=f"bk-{9 + n}") for n in range(6)]
    elsewhere = activity(team("tb", 2), "own", "bk-1", 1)
    with uow_factory() as uow:
        for made in [own, paid, moved, was, bus, *busy, elsewhere]:
            uow.activity.add(made)
        uow.commit()
    on_one = ActivityFilter(booking_ids=frozenset({"bk-1"}))
    hers = ActivityFilter(actor_id=a.admin.id)

    def whole(of: ActivityFilter | None = None) -> ActivityQuery:
        return ActivityQuery(at(0), at(60), of)

    with uow_factory() as uow:
        assert ids(uow.activity.between(a.id, whole(), 3)) == ["ta-busy5", "ta-busy4", "ta-busy3"]
        assert ids(uow.activity.between(a.id, whole(on_one), 10)) == [
            "ta-was",
            "ta-moved",
            "ta-paid",
            "ta-own",
        ]
        assert ids(uow.activity.between(a.id, whole(on_one), 2)) == ["ta-was", "ta-moved"]
        assert uow.activity.count(a.id, whole(on_one)) == 4
        assert ids(uow.activity.between(a.id, whole(hers), 10)) == ["ta-bus", "ta-moved", "ta-own"]
        both = ActivityFilter(actor_id=a.admin.id, booking_ids=frozenset({"bk-1", "bk-2"}))
        assert ids(uow.activity.between(a.id, whole(both), 10)) == ["ta-moved", "ta-own"]
        none = ActivityFilter(booking_ids=frozenset())
        assert uow.activity.between(a.id, whole(none), 10) == []
        assert uow.activity.count(a.id, whole(none)) == 0
        assert uow.activity.count(a.id, whole()) == 11
        assert uow.activity.count(a.id, ActivityQuery(at(2), at(4), on_one)) == 2
        assert uow.activity.count("tb", whole(on_one)) == 1


def test_alerts(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    unread = alert(a, "a1", a.owner, 1)
    read = alert(a, "a2", a.owner, 2, read=True, about=a.driver1)
    someone_else = alert(a, "a3", a.admin, 3)
    with uow_factory() as uow:
        for record in (unread, read, someone_else):
            uow.alerts.add(record)
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.unread(a.id, a.owner.id) == [unread]
        assert {x.id: x for x in uow.alerts.for_user(a.id, a.owner.id)} == {
            unread.id: unread,
            read.id: read,
        }
        assert uow.alerts.for_user(a.id, a.driver1.id) == []
        # Those created after a moment only (a crew member's recent "tidak bisa").
        assert uow.alerts.for_user(a.id, a.owner.id, since=read.created_at) == []
        assert uow.alerts.for_user(a.id, a.owner.id, since=unread.created_at) == [read]
        # Marking read touches only the user's own alerts, in the user's own tenant.
        assert uow.alerts.mark_read(a.id, a.owner.id, someone_else.id) == 0
        assert uow.alerts.mark_read("another-tenant", a.owner.id) == 0
        assert uow.alerts.mark_read(a.id, a.owner.id, unread.id) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.unread(a.id, a.owner.id) == []
        assert uow.alerts.mark_read(a.id, a.admin.id) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.unread(a.id, a.admin.id) == []
        # A settled alert is removed, in its own tenant only.
        with pytest.raises(KeyError):
            uow.alerts.remove("another-tenant", read.id)
        uow.alerts.remove(a.id, read.id)
        uow.commit()
    with uow_factory() as uow:
        assert [x.id for x in uow.alerts.for_user(a.id, a.owner.id)] == [unread.id]


# --- the unit of work ------------------------------------------------------------------


def test_leaving_without_commit_rolls_back(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        uow.bookings.add(booking(a, "ghost", 3))
        uow.buses.update(a.bus1.model_copy(update={"name": "Renamed"}))
    with uow_factory() as uow:
        assert uow.bookings.get(a.id, "ta-ghost") is None
        assert uow.buses.get(a.id, a.bus1.id) == a.bus1


def test_an_error_in_the_block_rolls_back(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with pytest.raises(RuntimeError), uow_factory() as uow:
        uow.bookings.add(booking(a, "ghost", 3))
        raise RuntimeError("boom")
    with uow_factory() as uow:
        assert uow.bookings.get(a.id, "ta-ghost") is None


def test_explicit_rollback_discards_and_the_unit_goes_on(
    uow_factory: UnitOfWorkFactory, a: Team
) -> None:
    with uow_factory() as uow:
        uow.bookings.add(booking(a, "ghost", 3))
        uow.rollback()
        assert uow.bookings.get(a.id, "ta-ghost") is None
        uow.bookings.add(booking(a, "kept", 4))
        uow.commit()
    with uow_factory() as uow:
        assert uow.bookings.get(a.id, "ta-ghost") is None
        assert uow.bookings.get(a.id, "ta-kept") is not None


def test_commit_is_seen_by_the_next_unit(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        uow.bookings.add(booking(a, "one", 3))
        uow.commit()
        uow.bookings.add(booking(a, "two", 4))
        uow.commit()
    with uow_factory() as uow:
        assert sorted(ids(uow.bookings.overlapping(a.id, DateRange(start=day(0), end=day(9))))) == [
            "ta-one",
            "ta-two",
        ]


def test_a_booking_is_read_once_per_unit_and_a_payment_leaves_its_schedule_rows(
    sql_factory: UnitOfWorkFactory,
) -> None:
    """The second read of a booking in one unit of work is answered without the database
    (its first read locked the row); an update that keeps the buses, crew and days writes
    the booking's row alone; one that changes them rewrites its schedule rows."""
    from sqlalchemy import event

    a = team("ta", 1)
    seed(sql_factory, a)
    original = booking(a, "trip", 5, 6, buses=(a.bus1,), crew=(a.driver1,))
    with sql_factory() as uow:
        uow.bookings.add(original)
        uow.commit()
    statements: list[str] = []
    engine = sql_factory.engine  # type: ignore[attr-defined]

    def seen(_c: object, _cur: object, statement: str, *_: object) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        with sql_factory() as uow:
            first = uow.bookings.get(a.id, original.id)
            assert first is not None
            first.paid_total = 1_000_000  # changed here, not stored: the next read is clean
            read = len(statements)
            again = uow.bookings.get(a.id, original.id)
            assert len(statements) == read
            assert again == original
            statements.clear()
            uow.bookings.update(again.model_copy(update={"paid_total": 2_000_000}))
            assert statements == ["UPDATE"]
            paid = uow.bookings.get(a.id, original.id)
            assert paid is not None and paid.paid_total == 2_000_000
            moved = paid.model_copy(
                update={"assignments": [BusAssignment(bus_id=a.bus2.id, driver_id=a.driver2.id)]}
            )
            uow.bookings.update(moved)
            assert "DELETE" in statements and "INSERT" in statements
            uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    with sql_factory() as uow:
        assert uow.bookings.get(a.id, original.id) == moved
        assert uow.bookings.holding(a.id, DateRange.single(day(5)), [a.bus1.id], []) == []
        assert uow.bookings.holding(a.id, DateRange.single(day(5)), [a.bus2.id], []) == [moved]
