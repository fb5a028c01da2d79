"""Records for the storage tests: one tenant's people and fleet, and bookings on it.

Every value is set away from its default (time zones, microseconds, large rupiah amounts,
non-ASCII text) so a round trip that drops or bends anything shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    MaintenanceLog,
    MaintenanceType,
    ServiceInterval,
)
from keloia.domain.model.payments import Payment, PaymentType
from keloia.domain.model.tenants import Invite, Role, Tenant, TenantSettings, User
from keloia.ports.storage import UnitOfWork, UnitOfWorkFactory

T0 = datetime(2026, 3, 1, 1, 2, 3, 456789, tzinfo=UTC)
BASE_DAY = date(2026, 3, 1)


def day(n: int) -> date:
    """Day n of the tests' calendar (day(0) is 1 March 2026; n may be negative)."""
    return BASE_DAY + timedelta(days=n)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@dataclass
class Team:
    """One tenant with an owner, an admin, two drivers and two buses."""

    tenant: Tenant
    owner: User
    admin: User
    driver1: User
    driver2: User
    bus1: Bus
    bus2: Bus

    @property
    def id(self) -> str:
        return self.tenant.id

    @property
    def users(self) -> list[User]:
        return [self.owner, self.admin, self.driver1, self.driver2]

    @property
    def buses(self) -> list[Bus]:
        return [self.bus1, self.bus2]


def team(tid: str, number: int) -> Team:
    """Tenant `tid`; `number` keeps phone numbers unique across tenants."""

    def user(name: str, role: Role, n: int) -> User:
        return User(
            id=f"{tid}-{name}",
            tenant_id=tid,
            phone=f"+62812{number:04d}{n:04d}",
            name=f"{name.title()} Ñyoman",
            role=role,
            active=n != 4,
            created_at=at(n),
        )

    return Team(
        tenant=Tenant(
            id=tid,
            name=f"PO {tid.upper()} Sejahtera",
            settings=TenantSettings(settlement_days_before_departure=5, expiry_warning_days=45),
            created_at=T0,
        ),
        owner=user("owner", Role.OWNER, 1),
        admin=user("admin", Role.ADMIN, 2),
        driver1=user("driver1", Role.DRIVER, 3),
        driver2=user("driver2", Role.DRIVER, 4),
        bus1=Bus(
            id=f"{tid}-bus1",
            tenant_id=tid,
            name="Bus 01",
            plate="AB 1234 CD",
            seats=59,
            odometer_km=120_500,
        ),
        bus2=Bus(
            id=f"{tid}-bus2",
            tenant_id=tid,
            name="Srikandi",
            status=BusStatus.MAINTENANCE,
        ),
    )


def add_team(uow: UnitOfWork, t: Team) -> None:
    uow.tenants.add(t.tenant)
    for user in t.users:
        uow.users.add(user)
    for bus in t.buses:
        uow.buses.add(bus)


def seed(factory: UnitOfWorkFactory, *teams: Team) -> None:
    with factory() as uow:
        for t in teams:
            add_team(uow, t)
        uow.commit()


def booking(
    t: Team,
    bid: str,
    depart: int,
    back: int | None = None,
    *,
    buses: tuple[Bus, ...] = (),
    crew: tuple[User | None, ...] = (),
    **values: Any,
) -> Booking:
    """A booking of `t` from day(depart) to day(back); the i-th bus gets the i-th driver."""
    assignments = []
    for i, bus in enumerate(buses):
        driver = crew[i] if i < len(crew) else None
        assignments.append(BusAssignment(bus_id=bus.id, driver_id=driver.id if driver else None))
    fields: dict[str, Any] = {
        "id": f"{t.id}-{bid}",
        "tenant_id": t.id,
        "client_name": f"Pak {bid.title()}",
        "depart_date": day(depart),
        "return_date": day(depart if back is None else back),
        "bus_count": max(1, len(assignments)),
        "assignments": assignments,
        "created_by": t.owner.id,
        "created_at": at(depart),
    }
    return Booking(**(fields | values))


def full_booking(t: Team) -> Booking:
    """A booking with every field set."""
    return Booking(
        id=f"{t.id}-full",
        tenant_id=t.id,
        client_name="Bu Siti Rahayu – SMA 3",
        client_phone="+6281398765432",
        route_from="Yogyakarta",
        route_to="Semarang (Lawang Sewu)",
        depart_date=day(14),
        return_date=day(16),
        pickup_time=time(5, 30, 15),
        pickup_place="Depan gerbang sekolah, Jl. Kaliurang km 5",
        passengers=118,
        price=45_000_000_000,
        status=BookingStatus.CONFIRMED,
        bus_count=3,
        assignments=[
            BusAssignment(bus_id=t.bus2.id, driver_id=t.driver2.id, co_driver_id=t.admin.id),
            BusAssignment(bus_id=t.bus1.id, driver_id=t.driver1.id),
        ],
        notes="Bawa 2 dus air mineral.\nTol lewat Bawen.",
        settlement_due_date=day(10),
        paid_total=20_000_000_000,
        refunded_total=1_500_000,
        created_by=t.admin.id,
        created_at=datetime(2026, 2, 27, 23, 59, 59, 999999, tzinfo=UTC),
    )


def payment(t: Team, pid: str, booking_id: str, paid: int, amount: int, **values: Any) -> Payment:
    fields: dict[str, Any] = {
        "id": f"{t.id}-{pid}",
        "tenant_id": t.id,
        "booking_id": booking_id,
        "type": PaymentType.DP,
        "amount": amount,
        "method": "transfer_bca",
        "paid_date": day(paid),
        "note": "DP via BCA",
        "recorded_by": t.admin.id,
        "created_at": at(paid),
    }
    return Payment(**(fields | values))


def maintenance(
    t: Team, mid: str, bus: Bus, kind: MaintenanceType, performed: int, **values: Any
) -> MaintenanceLog:
    fields: dict[str, Any] = {
        "id": f"{t.id}-{mid}",
        "tenant_id": t.id,
        "bus_id": bus.id,
        "type": kind,
        "performed_date": day(performed),
        "cost": 1_250_000,
        "odometer_km": 100_000 + performed,
        "description": "Ganti oli mesin & filter",
        "next_due_date": day(performed + 90),
        "recorded_by": t.driver1.id,
    }
    return MaintenanceLog(**(fields | values))


def interval(t: Team, bus: Bus, kind: MaintenanceType, **values: Any) -> ServiceInterval:
    return ServiceInterval(tenant_id=t.id, bus_id=bus.id, type=kind, **values)


def document(t: Team, did: str, expires: int, *, person: User | None = None) -> Document:
    if person is not None:
        return Document(
            id=f"{t.id}-{did}",
            tenant_id=t.id,
            kind=DocumentKind.SIM,
            user_id=person.id,
            number="SIM B1 UMUM 1234",
            expires_on=day(expires),
        )
    return Document(
        id=f"{t.id}-{did}",
        tenant_id=t.id,
        kind=DocumentKind.KIR,
        bus_id=t.bus1.id,
        number="KIR-JOG-2026-0042",
        expires_on=day(expires),
    )


def activity(t: Team, aid: str, entity_id: str, minute: int) -> ActivityEntry:
    return ActivityEntry(
        id=f"{t.id}-{aid}",
        tenant_id=t.id,
        actor_id=t.owner.id if minute % 2 else None,
        action="booking.updated",
        entity="booking",
        entity_id=entity_id,
        snapshot={
            "client_name": "Bu Siti – “SMA 3”",
            "price": 45_000_000_000,
            "nested": {"days": ["2026-03-15", "2026-03-16"], "none": None, "ok": True},
            "empty": {},
            "ratio": 0.25,
            "changed": ["depart_date"],
        },
        at=at(minute),
        # Every other entry came from a WhatsApp message, kept word for word.
        source_message_id=f"wamid.{aid}" if minute % 2 else None,
        source_text="Bu Siti “SMA 3” jadi 2 bus ya 🙏" if minute % 2 else "",
    )


def alert(
    t: Team, aid: str, user: User, minute: int, *, read: bool = False, about: User | None = None
) -> Alert:
    return Alert(
        id=f"{t.id}-{aid}",
        tenant_id=t.id,
        user_id=user.id,
        kind=AlertKind.PAYMENT_RECORDED,
        text="DP Rp5.000.000 dari Pak Agus dicatat. Sisa tagihan Rp10.000.000.",
        entity="payment",
        entity_id=f"{t.id}-p{minute}",
        created_at=at(minute),
        read=read,
        about_user_id=about.id if about is not None else None,
    )


def invite(t: Team, code: str, **values: Any) -> Invite:
    fields: dict[str, Any] = {
        "code": code,
        "tenant_id": t.id,
        "role": Role.DRIVER,
        "created_by": t.owner.id,
        "created_at": T0,
        "expires_at": T0 + timedelta(days=7, microseconds=1),
        "max_uses": 3,
        "uses": 1,
    }
    return Invite(**(fields | values))
