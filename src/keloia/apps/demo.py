"""`keloia serve --demo`: a demo PO with a fleet, a team and a month of bookings and
payments, made through the same use cases a real tenant's data goes through."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from keloia.bootstrap import Keloia
from keloia.domain.errors import DomainError
from keloia.domain.model.bookings import BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus, BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.services import bookings, fleet, money, payments, team
from keloia.domain.services.deps import Deps
from keloia.domain.services.handlers import QUIET_HANDLERS

OWNER_PHONE = "+6281200000001"
PEOPLE = [
    ("+6281200000002", "Sari", Role.ADMIN),
    ("+6281200000003", "Joko", Role.DRIVER),
    ("+6281200000004", "Slamet", Role.DRIVER),
    ("+6281200000005", "Wahyu", Role.DRIVER),
]
BUSES = [
    ("Bus 01", "AB 7001 KA", 50),
    ("Bus 02", "AB 7002 KA", 50),
    ("Bus 03", "AB 7003 KA", 45),
    ("Bus 04", "AB 7004 KA", 35),
    ("Bus 05", "AB 7005 KA", 30),
    ("Srikandi", "AB 7006 KA", 59),
]
# (days from today, length in days, client, from, to, bus index, driver index, price, paid)
TRIPS = [
    (-20, 2, "SMA N 1 Sleman", "Sleman", "Dieng", 0, 0, 9_500_000, 9_500_000),
    (-14, 1, "Pak Agus", "Jogja", "Semarang", 1, 1, 4_500_000, 4_500_000),
    (-9, 3, "PT Sinar Abadi", "Jogja", "Bali", 5, 2, 28_000_000, 28_000_000),
    (-3, 1, "Bu Rina", "Jogja", "Solo", 2, 0, 3_200_000, 1_000_000),
    (0, 1, "Masjid Baitussalam", "Bantul", "Magelang", 0, 1, 3_800_000, 1_500_000),
    (2, 2, "Pak Hendra", "Jogja", "Malang", 1, 2, 11_000_000, 3_000_000),
    (4, 1, "Bu Dewi", "Jogja", "Pangandaran", 3, None, 6_500_000, 0),
    (7, 3, "SD Muhammadiyah Kotagede", "Jogja", "Bandung", 5, 0, 24_000_000, 8_000_000),
    (12, 1, "Karang Taruna Condongcatur", "Sleman", "Parangtritis", None, None, 2_800_000, 0),
    (1, 1, "PKK Caturtunggal", "Sleman", "Borobudur", 2, 0, 4_200_000, 4_200_000),
]
# Trips with a kernet (driver index) and a pickup place, by client: tomorrow's trip gives
# every driver something in the morning briefing.
KERNET = {"PKK Caturtunggal": 2}
PICKUP = {"PKK Caturtunggal": "Balai Desa Caturtunggal"}


def demo_people(
    keloia: Keloia, roles: Collection[Role] = tuple(Role), active_only: bool = False
) -> list[dict[str, str]]:
    """The demo PO's people (phone, name, role in words), the owner first, then by name:
    whom the simulator (everyone) and the login page (who may sign in) offer to act as."""
    if keloia.demo_tenant_id is None:
        return []
    with keloia.deps.uow() as uow:
        team = uow.users.all(keloia.demo_tenant_id)
    return [
        {"phone": u.phone, "name": u.name, "role": ROLE_LABELS[u.role]}
        for u in sorted(team, key=lambda u: (u.role is not Role.OWNER, u.name))
        if u.role in roles and (u.active or not active_only)
    ]


def seed_demo(keloia: Keloia) -> str:
    """The demo tenant's id; seeded on the first run, found again on the next. Its month
    of history is recorded (activity, alerts) without messaging anyone about it."""
    deps = replace(keloia.deps, handlers=QUIET_HANDLERS)
    existing = team.identify(deps, OWNER_PHONE)
    if existing is not None:
        return existing.tenant_id
    # The dates are the current date's; the records were entered the evening before (as a
    # PO moving its notebook in would), so today's activity is only what people do today.
    today = deps.clock.today()
    deps = replace(deps, clock=_Evening(today - timedelta(days=1)))
    tenant, owner = team.create_tenant(deps, "PO Sinar Jaya (Demo)", OWNER_PHONE, "Pak Budi")
    people: list[User] = []
    for phone, name, role in PEOPLE:
        invite = team.create_invite(deps, owner, role)
        people.append(team.redeem_invite(deps, invite.code, phone, name)[0])
    drivers = [p for p in people if p.role is Role.DRIVER]
    buses = [fleet.add_bus(deps, owner, name, plate, seats) for name, plate, seats in BUSES]

    def expires(days: int) -> date:
        return today + timedelta(days=days)

    for i, bus in enumerate(buses):
        kir = f"KIR-{i + 1:03d}"
        fleet.add_document(
            deps, owner, DocumentKind.KIR, expires(20 + 40 * i), bus_id=bus.id, number=kir
        )
        fleet.add_document(deps, owner, DocumentKind.STNK, expires(200 + 30 * i), bus_id=bus.id)
        fleet.set_service_interval(
            deps, owner, bus.id, MaintenanceType.OIL_CHANGE, every_days=60, every_km=10_000
        )
        fleet.log_maintenance(
            deps,
            owner,
            fleet.MaintenanceDraft(
                bus_id=bus.id,
                type=MaintenanceType.OIL_CHANGE,
                performed_date=today - timedelta(days=50 - 5 * i),
                cost=850_000,
                odometer_km=120_000 + 15_000 * i,
            ),
        )
    for i, driver in enumerate(drivers):
        sim = f"SIM-B1-{i + 1:04d}"
        fleet.add_document(
            deps, owner, DocumentKind.SIM, expires(25 + 200 * i), user_id=driver.id, number=sim
        )
    for offset, length, client, origin, dest, bus_i, driver_i, price, paid in TRIPS:
        depart = today + timedelta(days=offset)
        assignment = []
        if bus_i is not None:
            driver_id = drivers[driver_i].id if driver_i is not None else None
            kernet = drivers[KERNET[client]].id if client in KERNET else None
            assignment = [
                BusAssignment(bus_id=buses[bus_i].id, driver_id=driver_id, co_driver_id=kernet)
            ]
        draft = bookings.BookingDraft(
            client_name=client,
            route_from=origin,
            route_to=dest,
            depart_date=depart,
            return_date=depart + timedelta(days=length - 1),
            pickup_time=time(5, 30),
            pickup_place=PICKUP.get(client, ""),
            price=price,
            assignments=assignment,
        )
        dp = min(paid, price // 3)
        # A DP by transfer ten days before, the rest in cash the day before (or before today).
        paid_on = min(depart, today)
        received = [
            (PaymentType.DP, dp, "transfer_bca", paid_on - timedelta(days=10)),
            (PaymentType.PELUNASAN, paid - dp, "cash", paid_on - timedelta(days=1)),
        ]
        _history_trip(deps, owner, draft, received, done=offset < 0)
    _money_history(deps, owner, buses, today)
    fleet.set_bus_status(deps, owner, buses[4].id, BusStatus.MAINTENANCE)
    _letterhead(keloia, tenant.id)
    _notices_seen(keloia, tenant.id)
    return tenant.id


def _history_trip(
    deps: Deps,
    owner: User,
    draft: bookings.BookingDraft,
    received: Sequence[tuple[PaymentType, int, str | None, date]],
    done: bool,
) -> None:
    """One trip of the demo's history, made as people make one: booked (a clash
    acknowledged; one refused is left out), paid (type, amount, method, day), confirmed
    once something was paid, and completed when `done`. A trip already back is made on the
    evening of its last day, so the paper trail (Aktivitas) shows it then, not as a burst of
    today's changes."""
    if done:
        deps = _back_then(deps, draft.return_date or draft.depart_date)
    try:
        booking = bookings.create_booking(deps, owner, draft, acknowledge_warnings=True)
    except DomainError:
        return
    for kind, amount, method, day in received:
        if amount > 0:
            payment = payments.PaymentDraft(
                booking_id=booking.id, type=kind, amount=amount, method=method, paid_date=day
            )
            payments.record_payment(deps, owner, payment)
    # Money received confirmed it (Booking.record_payment); a trip made unpaid is confirmed.
    if done and not any(amount > 0 for _, amount, _, _ in received):
        bookings.set_status(deps, owner, booking.id, BookingStatus.CONFIRMED)
    if done:
        bookings.set_status(deps, owner, booking.id, BookingStatus.COMPLETED)


@dataclass(frozen=True)
class _Evening:
    """The clock of a past day of the demo's history: 19.00 in Jakarta."""

    day: date

    def now(self) -> datetime:
        return datetime.combine(self.day, time(12, 0), tzinfo=UTC)

    def today(self) -> date:
        return self.day


def _back_then(deps: Deps, day: date) -> Deps:
    """`deps` on the evening of `day` when it is past; as they are otherwise."""
    return replace(deps, clock=_Evening(day)) if day < deps.clock.today() else deps


def _notices_seen(keloia: Keloia, tenant_id: str) -> None:
    """The history's trip notices were never sent (QUIET_HANDLERS), so none waits for a
    driver's "siap": a driver's first "siap" answers a notice they really got."""
    with keloia.deps.uow() as uow:
        for user in uow.users.all(tenant_id):
            if user.role is Role.DRIVER:
                uow.alerts.mark_read(tenant_id, user.id)
        uow.commit()


def _letterhead(keloia: Keloia, tenant_id: str) -> None:
    """The demo PO's address, phone, uang jalan and a drawn logo, for its papers."""
    files = keloia.deps.files
    if files is not None:
        files.save(tenant_id, "logo/logo.png", _logo_png(), "image/png")
    with keloia.deps.uow() as uow:
        tenant = uow.tenants.get(tenant_id)
        assert tenant is not None
        tenant.settings.logo_key = "logo/logo.png" if files is not None else ""
        tenant.settings.address = "Jl. Magelang Km 7 No. 21, Sleman, D.I. Yogyakarta 55285"
        tenant.settings.phone = "0812-0000-0001"
        tenant.settings.uang_jalan_per_day = 750_000
        uow.tenants.update(tenant)
        uow.commit()


def _logo_png() -> bytes:
    import io

    from PIL import Image, ImageDraw  # Pillow comes with fpdf2

    image = Image.new("RGB", (160, 160), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 152, 152), radius=28, fill=(22, 101, 52))
    draw.rectangle((34, 60, 126, 104), fill=(250, 204, 21))
    for x in (52, 108):
        draw.ellipse((x - 12, 96, x + 12, 120), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# What the finished trips cost (client -> category, amount): profit has something to say.
TRIP_COSTS = {
    "PT Sinar Abadi": [
        (CostCategory.BBM, 6_500_000),
        (CostCategory.TOL, 2_800_000),
        (CostCategory.UANG_JALAN, 2_000_000),
        (CostCategory.PREMI_SOPIR, 1_500_000),
        (CostCategory.PENGINAPAN, 1_200_000),
    ],
    "SMA N 1 Sleman": [(CostCategory.BBM, 1_800_000), (CostCategory.UANG_JALAN, 800_000)],
    "Pak Agus": [(CostCategory.BBM, 900_000), (CostCategory.TOL, 400_000)],
    "Bu Rina": [(CostCategory.BBM, 500_000), (CostCategory.PARKIR, 100_000)],
}
# Last year's trips in the weeks to come (weeks ahead, buses): the season has a history.
LAST_YEAR = [(1, 2), (2, 3), (3, 4), (4, 2)]


def _money_history(deps: Deps, owner: User, buses: list[Bus], today: date) -> None:
    done = [
        b
        for b in bookings.schedule(
            deps, owner, DateRange(start=today - timedelta(days=30), end=today)
        )
        if b.status is BookingStatus.COMPLETED
    ]
    for booking in done:
        for category, amount in TRIP_COSTS.get(booking.client_name, []):
            money.record_trip_cost(
                _back_then(deps, booking.return_date),
                owner,
                money.TripCostDraft(booking_id=booking.id, category=category, amount=amount),
            )
    for weeks, count in LAST_YEAR:
        depart = today - timedelta(days=364) + timedelta(weeks=weeks)
        for n in range(count):
            draft = bookings.BookingDraft(
                client_name=f"Rombongan {depart:%d/%m} #{n + 1}",
                route_from="Jogja",
                route_to="Bali" if n % 2 else "Bandung",
                depart_date=depart,
                price=8_000_000,
                assignments=[BusAssignment(bus_id=buses[n].id)],
            )
            received = [(PaymentType.PELUNASAN, 8_000_000, None, depart)]
            _history_trip(deps, owner, draft, received, done=True)
