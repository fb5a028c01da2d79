"""Eight people book the same bus (or the same driver) for the same day at the same instant,
each through the real service on its own connection: exactly one gets it, and the other
seven are told about the clash (ScheduleConflict), never a database error."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from keloia.adapters.sql import SqlUnitOfWorkFactory
from keloia.domain.errors import ScheduleConflict, StorageConflict
from keloia.domain.model.bookings import BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus
from keloia.domain.model.tenants import Role, User
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import add_bus
from keloia.domain.services.team import create_tenant
from keloia.ports.storage import UnitOfWorkFactory

from .records import booking, seed, team

WRITERS = 8
TRIP_DAY = date(2026, 4, 1)


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(UTC).date()


class Ids:
    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_code(self) -> str:
        return uuid.uuid4().hex[:8].upper()


def race(drafts: list[BookingDraft], deps: Deps, owner: User) -> list[str]:
    start = threading.Barrier(len(drafts))

    def attempt(draft: BookingDraft) -> str:
        start.wait()
        try:
            create_booking(deps, owner, draft)
        except ScheduleConflict:
            return "conflict"
        return "booked"

    with ThreadPoolExecutor(len(drafts)) as pool:
        return list(pool.map(attempt, drafts))


def test_one_bus_one_day_eight_writers(sql_factory: UnitOfWorkFactory) -> None:
    deps = Deps(storage=sql_factory, clock=Clock(), ids=Ids())
    tenant, owner = create_tenant(deps, "PO Balapan", "+6281200000001", "Bu Ani")
    bus = add_bus(deps, owner, "Bus 01")
    drafts = [
        BookingDraft(
            client_name=f"Klien {n}",
            depart_date=TRIP_DAY,
            assignments=[BusAssignment(bus_id=bus.id)],
        )
        for n in range(WRITERS)
    ]

    outcomes = race(drafts, deps, owner)

    assert sorted(outcomes) == ["booked"] + ["conflict"] * (WRITERS - 1)
    with sql_factory() as uow:
        held = uow.bookings.holding(tenant.id, DateRange.single(TRIP_DAY), [bus.id], [])
        assert len(held) == 1


def test_one_driver_one_day_eight_writers(sql_factory: UnitOfWorkFactory) -> None:
    deps = Deps(storage=sql_factory, clock=Clock(), ids=Ids())
    tenant, owner = create_tenant(deps, "PO Balapan", "+6281200000001", "Bu Ani")
    driver = User(
        id="driver",
        tenant_id=tenant.id,
        phone="+6281200000002",
        name="Pak Joko",
        role=Role.DRIVER,
        created_at=Clock().now(),
    )
    with sql_factory() as uow:
        uow.users.add(driver)
        uow.commit()
    buses: list[Bus] = [add_bus(deps, owner, f"Bus {n:02d}") for n in range(WRITERS)]
    drafts = [
        BookingDraft(
            client_name=f"Klien {n}",
            depart_date=TRIP_DAY,
            return_date=date(2026, 4, 3),
            assignments=[BusAssignment(bus_id=bus.id, driver_id=driver.id)],
        )
        for n, bus in enumerate(buses)
    ]

    outcomes = race(drafts, deps, owner)

    assert sorted(outcomes) == ["booked"] + ["conflict"] * (WRITERS - 1)
    with sql_factory() as uow:
        held = uow.bookings.holding(tenant.id, DateRange.single(TRIP_DAY), [], [driver.id])
        assert len(held) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("resource", ["bus", "crew"])
def test_postgres_refuses_a_double_booking_nobody_checked(
    clean_postgres_engine: Engine, resource: str
) -> None:
    """The last line of defence: even a writer that skips the conflict check cannot commit
    a second live booking of a bus or person on a shared day."""
    factory = SqlUnitOfWorkFactory(clean_postgres_engine)
    t = team("ta", 1)
    seed(factory, t)
    first_bus, second_bus = (t.bus1, t.bus1) if resource == "bus" else (t.bus1, t.bus2)
    first = booking(t, "first", 10, 12, buses=(first_bus,), crew=(t.driver1,))
    second = booking(t, "second", 12, 13, buses=(second_bus,), crew=(t.driver1,))
    with factory() as one, factory() as two:
        one.bookings.add(first)
        two.bookings.add(second)
        one.commit()
        with pytest.raises(StorageConflict):
            two.commit()
    # Cancelled bookings hold nothing: the same days are free again.
    with factory() as uow:
        uow.bookings.update(first.model_copy(update={"status": BookingStatus.CANCELLED}))
        uow.commit()
    with factory() as uow:
        uow.bookings.add(second)
        uow.commit()


def test_one_invite_code_two_phones_at_once(sql_factory: UnitOfWorkFactory) -> None:
    from keloia.domain.errors import InviteInvalid
    from keloia.domain.services.team import create_invite, redeem_invite

    deps = Deps(storage=sql_factory, clock=Clock(), ids=Ids())
    _, owner = create_tenant(deps, "PO Undangan", "+6281200000011", "Bu Ani")
    code = create_invite(deps, owner, Role.DRIVER).code
    phones = [f"+62812000001{n:02d}" for n in range(20, 20 + WRITERS)]
    start = threading.Barrier(WRITERS)

    def attempt(phone: str) -> str:
        start.wait()
        try:
            redeem_invite(deps, code, phone, "Sopir")
        except InviteInvalid:
            return "refused"
        return "joined"

    with ThreadPoolExecutor(WRITERS) as pool:
        outcomes = list(pool.map(attempt, phones))
    assert sorted(outcomes) == ["joined"] + ["refused"] * (WRITERS - 1)


def test_one_phone_registered_twice_at_once(sql_factory: UnitOfWorkFactory) -> None:
    from keloia.domain.errors import AlreadyRegistered
    from keloia.domain.services.team import create_invite, redeem_invite

    deps = Deps(storage=sql_factory, clock=Clock(), ids=Ids())
    _, owner = create_tenant(deps, "PO Nomor", "+6281200000031", "Bu Ani")
    codes = [create_invite(deps, owner, Role.DRIVER).code for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def attempt(code: str) -> str:
        start.wait()
        try:
            redeem_invite(deps, code, "+6281200000032", "Sopir")
        except AlreadyRegistered:
            return "refused"
        return "joined"

    with ThreadPoolExecutor(WRITERS) as pool:
        outcomes = list(pool.map(attempt, codes))
    assert sorted(outcomes) == ["joined"] + ["refused"] * (WRITERS - 1)


@pytest.mark.postgres
def test_eight_payments_at_once_on_one_booking_all_count(
    clean_postgres_engine: Engine,
) -> None:
    """Without the booking's row lock each payment reads the same paid_total and the last
    writer wins: 8 payment rows, a paid_total of one."""
    from keloia.domain.model.payments import PaymentType
    from keloia.domain.services.payments import PaymentDraft, record_payment

    factory = SqlUnitOfWorkFactory(clean_postgres_engine)
    deps = Deps(storage=factory, clock=Clock(), ids=Ids())
    tenant, owner = create_tenant(deps, "PO Bayar", "+6281200000009", "Bu Ani")
    bus = add_bus(deps, owner, "Bus 01")
    draft = BookingDraft(
        client_name="Pak Agus",
        depart_date=TRIP_DAY,
        price=10_000_000,
        assignments=[BusAssignment(bus_id=bus.id)],
    )
    booked = create_booking(deps, owner, draft)
    start = threading.Barrier(WRITERS)

    def pay(_: int) -> None:
        start.wait()
        record_payment(
            deps,
            owner,
            PaymentDraft(booking_id=booked.id, type=PaymentType.DP, amount=100_000),
        )

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(pay, range(WRITERS)))

    with factory() as uow:
        stored = uow.bookings.get(tenant.id, booked.id)
        payments = uow.payments.for_booking(tenant.id, booked.id)
    assert stored is not None
    assert len(payments) == WRITERS
    assert stored.paid_total == WRITERS * 100_000
