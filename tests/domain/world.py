"""The fakes the service tests run on: a fixed clock, predictable ids, and a seeded PO Bus.

A `World` is one fake database (MemoryUnitOfWorkFactory) with a tenant in it: an owner, an
admin, two drivers and three buses, plus a second tenant for isolation tests. Tests call the
use cases in keloia.domain.services and assert on `world.state`, the committed fake data."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from keloia.adapters.memory import MemoryState, MemoryUnitOfWorkFactory
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind
from keloia.domain.model.bookings import Booking, BusAssignment
from keloia.domain.model.fleet import Bus
from keloia.domain.model.tenants import Role, Tenant, TenantSettings, User
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.deps import Deps
from keloia.domain.services.payments import PaymentDraft, record_payment

TODAY = date(2026, 3, 1)


def day(n: int) -> date:
    """The n-th of March 2026: trips in the tests are written as days of one month."""
    return date(2026, 3, n)


class FakeClock:
    """Time stands still until a test moves it."""

    def __init__(self, today: date = TODAY) -> None:
        self._now = datetime(today.year, today.month, today.day, 2, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

    def set_today(self, today: date) -> None:
        self._now = datetime(today.year, today.month, today.day, 2, 0, tzinfo=UTC)


class FakeIds:
    """id-0001, id-0002, ... and invite codes CODE0001, CODE0002, ..."""

    def __init__(self) -> None:
        self.count = 0

    def new_id(self) -> str:
        self.count += 1
        return f"id-{self.count:04d}"

    def new_code(self) -> str:
        self.count += 1
        return f"CODE{self.count:04d}"


def _user(uid: str, tenant_id: str, phone: str, name: str, role: Role) -> User:
    return User(
        id=uid,
        tenant_id=tenant_id,
        phone=phone,
        name=name,
        role=role,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


@dataclass
class World:
    deps: Deps
    uow: MemoryUnitOfWorkFactory
    clock: FakeClock
    ids: FakeIds
    tenant: Tenant
    owner: User
    admin: User
    driver1: User
    driver2: User
    buses: list[Bus]
    other_tenant: Tenant
    other_owner: User
    other_bus: Bus
    driver3: User | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> MemoryState:
        return self.uow.state

    @property
    def bus1(self) -> Bus:
        return self.buses[0]

    @property
    def bus2(self) -> Bus:
        return self.buses[1]

    @property
    def bus3(self) -> Bus:
        return self.buses[2]

    # --- reading the fake database ----------------------------------------------------

    def booking(self, booking_id: str) -> Booking:
        return self.state.bookings[booking_id]

    def activity(self, action: str | None = None) -> list[ActivityEntry]:
        return [e for e in self.state.activity if action is None or e.action == action]

    def alerts(self, kind: AlertKind | None = None, user: User | None = None) -> list[Alert]:
        return [
            a
            for a in self.state.alerts.values()
            if (kind is None or a.kind is kind) and (user is None or a.user_id == user.id)
        ]

    def alert_recipients(self, kind: AlertKind, entity_id: str | None = None) -> set[str]:
        return {
            a.user_id
            for a in self.state.alerts.values()
            if a.kind is kind and (entity_id is None or a.entity_id == entity_id)
        }

    def snapshot(self) -> MemoryState:
        return copy.deepcopy(self.state)

    # --- doing things the way the apps do ---------------------------------------------

    def book(
        self,
        start: int,
        end: int | None = None,
        *,
        buses: list[tuple[str, str | None]] | None = None,
        actor: User | None = None,
        client: str = "Pak Agus",
        price: int = 15_000_000,
        acknowledge_warnings: bool = False,
        **extra: Any,
    ) -> Booking:
        """A booking over days `start`..`end` of March with (bus id, driver id) pairs."""
        draft = BookingDraft(
            client_name=client,
            route_from="Jogja",
            route_to="Semarang",
            depart_date=day(start),
            return_date=day(end) if end is not None else None,
            price=price,
            assignments=[BusAssignment(bus_id=b, driver_id=d) for b, d in (buses or [])],
            **extra,
        )
        return create_booking(
            self.deps, actor or self.owner, draft, acknowledge_warnings=acknowledge_warnings
        )

    def pay(
        self,
        booking_id: str,
        amount: int,
        kind: str = "dp",
        *,
        actor: User | None = None,
        **kw: Any,
    ) -> Any:
        draft = PaymentDraft(booking_id=booking_id, type=kind, amount=amount, **kw)
        return record_payment(self.deps, actor or self.admin, draft)


def make_world() -> World:
    uow = MemoryUnitOfWorkFactory()
    clock = FakeClock()
    ids = FakeIds()
    deps = Deps(storage=uow, clock=clock, ids=ids)
    created = datetime(2026, 1, 1, tzinfo=UTC)
    tenant = Tenant(id="t-1", name="PO Sumber Rejeki", created_at=created)
    owner = _user("u-owner", "t-1", "+6281100000001", "Bu Sari", Role.OWNER)
    admin = _user("u-admin", "t-1", "+6281100000002", "Mas Dedi", Role.ADMIN)
    driver1 = _user("u-drv1", "t-1", "+6281100000003", "Pak Joko", Role.DRIVER)
    driver2 = _user("u-drv2", "t-1", "+6281100000004", "Pak Slamet", Role.DRIVER)
    buses = [
        Bus(id=f"bus-{n}", tenant_id="t-1", name=f"Bus 0{n}", plate=f"AB 100{n} XY", seats=45)
        for n in (1, 2, 3)
    ]
    other_tenant = Tenant(id="t-2", name="PO Lain", created_at=created)
    other_owner = _user("u-other", "t-2", "+6281200000001", "Pak Lain", Role.OWNER)
    other_bus = Bus(id="bus-x", tenant_id="t-2", name="Bus 01", seats=30)
    with uow() as tx:
        for t in (tenant, other_tenant):
            tx.tenants.add(t)
        for u in (owner, admin, driver1, driver2, other_owner):
            tx.users.add(u)
        for b in [*buses, other_bus]:
            tx.buses.add(b)
        tx.commit()
    return World(
        deps=deps,
        uow=uow,
        clock=clock,
        ids=ids,
        tenant=tenant,
        owner=owner,
        admin=admin,
        driver1=driver1,
        driver2=driver2,
        buses=buses,
        other_tenant=other_tenant,
        other_owner=other_owner,
        other_bus=other_bus,
    )


def set_settings(world: World, **values: int) -> None:
    """Change the seeded tenant's settings (no use case does this yet)."""
    with world.uow() as tx:
        tenant = tx.tenants.get(world.tenant.id)
        assert tenant is not None
        tenant.settings = TenantSettings(**values)
        tx.tenants.update(tenant)
        tx.commit()


def add_driver(world: World, uid: str, phone: str, name: str) -> User:
    user = _user(uid, world.tenant.id, phone, name, Role.DRIVER)
    with world.uow() as tx:
        tx.users.add(user)
        tx.commit()
    return user


# Where alerts go: the alert rows and the WhatsApp messages queued to deliver them.
ALERT_TABLES = ("alerts", "outbox")


def without_alerts(state: MemoryState) -> dict[str, Any]:
    """The fake database as plain data, leaving out the alerts and their delivery queue."""
    return {
        name: copy.deepcopy(getattr(state, name))
        for name in MemoryState.__dataclass_fields__
        if name not in ALERT_TABLES
    }
