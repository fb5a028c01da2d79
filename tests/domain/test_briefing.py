"""The morning briefing and its reminders, on the in-memory fakes: what each role reads
(from the outbox, as the worker would send it), when each reminder fires and stops."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest

from keloia.domain.model.calendar import Holiday
from keloia.domain.model.channel import Purpose
from keloia.domain.model.fleet import DocumentKind, MaintenanceType
from keloia.domain.model.jobs import due_jobs
from keloia.domain.model.messages import InboundKind, InboundMessage, MessageKind, window_open
from keloia.domain.model.money import CostCategory
from keloia.domain.model.tenants import Tenant
from keloia.domain.services import briefing, channel, team
from keloia.domain.services.bookings import BookingStatus, set_status
from keloia.domain.services.fleet import (
    MaintenanceDraft,
    add_document,
    log_maintenance,
    record_odometer,
    renew_document,
    set_service_interval,
)
from keloia.domain.services.money import TripCostDraft, record_trip_cost

from .world import World, day


class Holidays:
    """A fixed calendar: the tests name the holidays they need."""

    def __init__(self, *holidays: Holiday) -> None:
        self.holidays = holidays

    def between(self, start: date, end: date) -> list[Holiday]:
        return [h for h in self.holidays if start <= h.day <= end]


NO_HOLIDAYS = Holidays()


def at(world: World, d: date, hh: int = 5, mm: int = 30) -> None:
    """Set the clock to hh:mm in Jakarta (UTC+7) on day d."""
    world.clock._now = datetime(d.year, d.month, d.day, hh, mm, tzinfo=UTC) - timedelta(hours=7)


def sent(world: World) -> dict[str, list[str]]:
    """What each phone was queued, oldest first."""
    found: dict[str, list[str]] = defaultdict(list)
    for item in sorted(world.state.outbox.values(), key=lambda i: (i.created_at, i.id)):
        found[item.message.to].append(item.message.body)
    return found


def wrote(world: World, phone: str, hours_ago: float) -> None:
    message = InboundMessage(
        wa_message_id=f"wamid.{phone}.{hours_ago}",
        from_phone=phone,
        kind=InboundKind.TEXT,
        text="halo",
        sent_at=world.clock.now() - timedelta(hours=hours_ago),
    )
    channel.receive(world.deps, [message], [])


def seed_morning(world: World) -> None:
    """Tomorrow's trip with a balance (its pelunasan overdue), an unassigned one, a KIR
    running out in a week."""
    trip = world.book(
        2,
        client="Pak Harto",
        price=15_000_000,
        buses=[("bus-1", "u-drv1")],
        pickup_place="Terminal Jombor",
        pickup_time=time(6, 0),
    )
    # The kernet is set on the booking directly: the draft takes drivers only in `world.book`.
    with world.uow() as tx:
        b = tx.bookings.get("t-1", trip.id)
        assert b is not None
        b.assignments = [b.assignments[0].model_copy(update={"co_driver_id": "u-drv2"})]
        tx.bookings.update(b)
        tx.commit()
    world.pay(trip.id, 5_000_000)
    world.book(5, client="Bu Lastri", price=4_000_000, buses=[("bus-2", None)])
    world.book(6, client="Pak Andi", price=0, buses=[("bus-3", "u-drv1")])
    add_document(world.deps, world.owner, DocumentKind.KIR, day(8), bus_id="bus-3")
    world.state.outbox.clear()  # what the set-up itself sent


def test_each_role_gets_its_own_briefing_and_a_driver_never_sees_money(world: World) -> None:
    seed_morning(world)
    at(world, day(1))

    ran = briefing.run_due(world.deps, NO_HOLIDAYS)

    assert sorted((j.job, j.tenant_id) for j in ran) == [("briefing", "t-1"), ("briefing", "t-2")]
    out = sent(world)
    assert set(out) == {p.phone for p in (world.owner, world.admin, world.driver1, world.driver2)}
    assert all(len(messages) == 1 for messages in out.values())  # one message each
    joko, slamet = out[world.driver1.phone][0], out[world.driver2.phone][0]
    for text in (joko, slamet):
        assert "Rp" not in text and "sisa" not in text and "lunas" not in text.lower()
        assert "Terminal Jombor" in text and "06.00" in text and "Bus 01" in text
        assert "0811-0000-0002" in text  # the admin's number
    assert "kernet Pak Slamet" in joko and "sopir Pak Joko" in slamet
    admin = out[world.admin.phone][0]
    assert "Pak Harto: sisa Rp10.000.000" in admin  # pelunasan, H-1
    assert "Bu Lastri, Kamis, 5 Mar: sopir belum ditentukan" in admin
    assert "Pak Andi, Jumat, 6 Mar: harga belum dicatat" in admin
    assert "KIR Bus 03 habis Minggu, 8 Mar (7 hari lagi)" in admin
    owner = out[world.owner.phone][0]
    assert "Lewat jatuh tempo: Pak Harto: Rp10.000.000" in owner
    assert "KIR Bus 03" in owner
    assert "belum ditentukan" not in owner  # the owner hears exceptions only
    assert world.other_owner.phone not in out  # nothing to say: nothing sent
    # Worth sending until 10:00 in Jakarta; after that the worker drops it (time-to-live).
    ten = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    assert {(i.purpose, i.expires_at) for i in world.state.outbox.values()} == {
        (Purpose.BRIEFING, ten)
    }

    assert briefing.run_due(world.deps, NO_HOLIDAYS) == []  # once a day
    at(world, day(1), 9, 59)
    assert briefing.run_due(world.deps, NO_HOLIDAYS) == []
    assert sum(len(m) for m in sent(world).values()) == 4


def test_inside_the_window_free_text_outside_a_template(world: World) -> None:
    seed_morning(world)
    at(world, day(1))
    wrote(world, world.admin.phone, hours_ago=3)
    wrote(world, world.owner.phone, hours_ago=30)

    briefing.run_due(world.deps, NO_HOLIDAYS)

    by_phone = {i.message.to: i.message for i in world.state.outbox.values()}
    admin, owner = by_phone[world.admin.phone], by_phone[world.owner.phone]
    assert admin.kind is MessageKind.TEXT and admin.body.startswith("Selamat pagi, Mas Dedi.")
    assert "*Pelunasan*" in admin.body
    assert admin.fallback is not None and admin.fallback.template_name == "keloia_briefing_pagi"
    assert admin.fallback.fallback is not None
    assert admin.fallback.fallback.template_name == "keloia_briefing_singkat"
    assert owner.kind is MessageKind.TEMPLATE and owner.template_name == "keloia_briefing_pagi"
    name, title, items = owner.template_params
    assert (name, title) == ("Bu Sari", "Minggu, 1 Mar")
    assert "\n" not in items and "Rp10.000.000" in items


def test_the_24_hour_window_has_a_margin() -> None:
    now = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    assert window_open(now - timedelta(hours=23), now)
    assert not window_open(now - timedelta(hours=23, minutes=50), now)
    assert not window_open(None, now)


@pytest.mark.parametrize(
    ("hh", "mm", "due"),
    [(4, 59, False), (5, 0, True), (9, 59, True), (10, 0, False), (23, 0, False)],
)
def test_a_briefing_is_due_from_its_time_until_ten(hh: int, mm: int, due: bool) -> None:
    tenant = Tenant(id="t", name="PO", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    local = datetime(2026, 3, 3, hh, mm)  # a Tuesday
    assert bool(due_jobs(tenant, local)) is due


def test_the_weekly_summary_is_due_on_monday_from_seven() -> None:
    tenant = Tenant(id="t", name="PO", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    monday = datetime(2026, 3, 2, 7, 0)
    assert {j.job for j in due_jobs(tenant, monday)} == {"briefing", "weekly_summary"}
    assert {j.job for j in due_jobs(tenant, monday - timedelta(minutes=1))} == {"briefing"}
    assert {j.job for j in due_jobs(tenant, monday + timedelta(days=1))} == {"briefing"}


def test_a_month_of_mornings_every_reminder_on_its_day_and_never_twice(world: World) -> None:
    """March 2026 simulated day by day at 05:30: every reminder fires on its milestone,
    stops when its cause is resolved, and none is sent twice."""
    a = world.book(20, client="Klien Lunas", price=10_000_000, buses=[("bus-1", "u-drv1")])
    world.pay(a.id, 2_000_000)
    b = world.book(25, client="Klien Batal", price=5_000_000, buses=[("bus-2", "u-drv2")])
    world.book(10, client="Klien Nunggak", price=3_000_000, buses=[("bus-3", None)])
    kir = add_document(world.deps, world.owner, DocumentKind.KIR, date(2026, 4, 5), bus_id="bus-2")
    set_service_interval(world.deps, world.owner, "bus-3", MaintenanceType.OIL_CHANGE, 30)
    log_maintenance(
        world.deps,
        world.owner,
        MaintenanceDraft(
            bus_id="bus-3", type=MaintenanceType.OIL_CHANGE, performed_date=date(2026, 2, 10)
        ),
    )
    record_odometer(world.deps, world.owner, "bus-1", date(2026, 2, 20), 100_000)
    world.state.outbox.clear()
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    after = {  # what happens in the day, after the morning's briefing
        17: lambda: world.pay(a.id, 8_000_000, "pelunasan"),
        20: lambda: log_maintenance(
            world.deps,
            world.owner,
            MaintenanceDraft(
                bus_id="bus-3", type=MaintenanceType.OIL_CHANGE, performed_date=day(20)
            ),
        ),
        21: lambda: set_status(world.deps, world.owner, b.id, BookingStatus.CANCELLED),
        30: lambda: renew_document(world.deps, world.owner, kir.id, date(2027, 4, 5)),
    }
    for n in range(1, 32):
        at(world, day(n))
        before = set(world.state.outbox)
        briefing.run_due(world.deps, NO_HOLIDAYS)
        for item in world.state.outbox.values():
            if item.id in before:
                continue
            for needle in (
                "Klien Lunas: sisa",
                "Klien Batal: sisa",
                "Klien Nunggak: sisa",
                "Klien Nunggak: Rp",
                "KIR Bus 02 habis",
                "Ganti oli Bus 03 jatuh tempo",
                "Ganti oli Bus 03 terlambat",
                "km Bus 01",
            ):
                if needle in item.message.body:
                    days[(item.message.to, needle)].append(n)
        if n in after:
            after[n]()
    admin, owner, joko = world.admin.phone, world.owner.phone, world.driver1.phone
    assert days[(admin, "Klien Lunas: sisa")] == [13, 17]  # H-7, H-3; paid before H-1
    assert days[(owner, "Klien Lunas: sisa")] == []  # money reminders for the admin
    assert days[(admin, "Klien Batal: sisa")] == [18]  # H-7; cancelled before H-3
    assert days[(admin, "Klien Nunggak: sisa")] == [3, 7, 9]  # H-7, H-3, H-1
    assert days[(owner, "Klien Nunggak: Rp")] == [8, 15, 22, 29]  # overdue, weekly
    assert days[(admin, "KIR Bus 02 habis")] == [6, 22, 29]  # 30, 14, 7 days; renewed
    assert days[(owner, "KIR Bus 02 habis")] == [6, 22, 29]
    assert days[(admin, "Ganti oli Bus 03 jatuh tempo")] == [1]  # due in the warning window
    assert days[(admin, "Ganti oli Bus 03 terlambat")] == [13]  # overdue; serviced on 20
    assert days[(owner, "Ganti oli Bus 03 terlambat")] == [13]
    assert days[(joko, "km Bus 01")] == [19]  # stale reading, Joko drives Bus 01 tomorrow
    assert all(joko != phone for phone, _ in days if _ != "km Bus 01")  # no money to drivers
    jobs = [k for k in world.state.jobs if k[0] == "briefing" and k[1] == "t-1"]
    assert len(jobs) == 31  # one run a day


def test_a_morning_missed_while_down_is_caught_up_once_and_late_ones_are_not_sent(
    world: World,
) -> None:
    world.book(10, client="Klien Nunggak", price=3_000_000, buses=[("bus-3", None)])
    world.state.outbox.clear()
    at(world, day(7), 11, 0)  # down until 11:00 on the H-3 morning: no briefing that day
    assert briefing.run_due(world.deps, NO_HOLIDAYS) == []
    assert world.state.outbox == {}
    at(world, day(8), 8, 0)  # up again next morning at 08:00: caught up, once
    assert ("t-1", day(8)) in {
        (j.tenant_id, j.day) for j in briefing.run_due(world.deps, NO_HOLIDAYS)
    }
    assert briefing.run_due(world.deps, NO_HOLIDAYS) == []
    bodies = [
        i.message.body for i in world.state.outbox.values() if i.message.to == world.admin.phone
    ]
    assert len(bodies) == 1 and "Klien Nunggak: sisa" in bodies[0]  # the missed H-3


def test_holidays_and_seasons_are_noted(world: World) -> None:
    lebaran = Holiday(day=day(20), name="Hari Raya Idul Fitri", lebaran=True)
    nyepi = Holiday(day=day(2), name="Hari Suci Nyepi")
    world.book(2, client="Pak Harto", price=1_000_000, buses=[("bus-1", "u-drv1")])
    world.state.outbox.clear()
    at(world, day(1))
    briefing.run_due(world.deps, Holidays(lebaran, nyepi))
    out = sent(world)
    assert "libur Hari Suci Nyepi" in out[world.driver1.phone][0]  # on the trip's line
    admin = out[world.admin.phone][0]
    assert "Besok libur Hari Suci Nyepi." in admin
    assert "Lebaran Jumat, 20 Mar (19 hari lagi)" in admin


def test_the_weekly_summary_goes_to_the_owner_on_monday(world: World) -> None:
    a = world.book(24, client="Pak Harto", price=6_000_000, buses=[("bus-1", "u-drv1")])
    world.book(3, client="Bu Lastri", price=2_000_000, buses=[("bus-2", "u-drv2")])
    at(world, day(1))
    world.pay(a.id, 1_500_000)  # paid on Sunday 1 March, in the week before Monday 2
    world.state.outbox.clear()
    at(world, day(2), 7, 5)

    ran = briefing.run_due(world.deps, NO_HOLIDAYS)

    assert {j.job for j in ran} == {"briefing", "weekly_summary"}
    weekly = [b for b in sent(world)[world.owner.phone] if "pekan 23 Feb–1 Mar" in b]
    assert len(weekly) == 1
    assert "Rp1.500.000" in weekly[0] and "Bus 01 0/7 hari" in weekly[0]
    assert "Bu Lastri" in weekly[0]  # the week ahead
    assert all("pekan" not in b for b in sent(world)[world.admin.phone])


def test_a_dry_run_queues_and_claims_nothing(world: World) -> None:
    seed_morning(world)
    at(world, day(1))
    shown = briefing.morning(world.deps, NO_HOLIDAYS, "t-1", day(1), dry_run=True)
    assert shown is not None and len(shown) == 4
    assert world.state.outbox == {} and world.state.jobs == set()
    queued = briefing.morning(world.deps, NO_HOLIDAYS, "t-1", day(1))
    assert queued is not None
    assert [p.message for p in queued] == [p.message for p in shown]
    assert briefing.morning(world.deps, NO_HOLIDAYS, "t-1", day(1)) is None


def test_the_pos_own_briefing_time_and_document_reminder_days_are_used(world: World) -> None:
    """Pengaturan's briefing time and H-N document reminders drive the morning job: a
    document 55 days from expiry is news to a PO reminded at H-60, never by default."""
    add_document(
        world.deps, world.owner, DocumentKind.STNK, day(1) + timedelta(days=55), bus_id="bus-1"
    )
    world.state.outbox.clear()
    at(world, day(1), 6, 30)
    briefing.run_due(world.deps, NO_HOLIDAYS)
    assert "STNK Bus 01" not in "".join(sent(world).get(world.owner.phone, []))
    team.update_tenant(
        world.deps,
        world.owner,
        settings={"briefing_time": "06:30", "document_reminder_days": [60, 10]},
    )
    world.state.outbox.clear()
    at(world, day(2), 6, 29)
    assert [j.tenant_id for j in briefing.run_due(world.deps, NO_HOLIDAYS)] == ["t-2"]
    at(world, day(2), 6, 30)
    assert [j.tenant_id for j in briefing.run_due(world.deps, NO_HOLIDAYS)] == ["t-1"]
    assert "STNK Bus 01" in "".join(sent(world)[world.owner.phone])


def test_the_weekly_summary_tells_profit_the_longest_debt_and_a_busy_week(world: World) -> None:
    trip = world.book(1, client="Pak Darto", price=3_000_000, buses=[("bus-1", "u-drv1")])
    record_trip_cost(
        world.deps,
        world.owner,
        TripCostDraft(booking_id=trip.id, category=CostCategory.BBM, amount=500_000),
    )
    world.state.outbox.clear()
    at(world, day(2), 7, 5)

    briefing.run_due(world.deps, Holidays(Holiday(day=day(4), name="Idul Fitri", lebaran=True)))

    [weekly] = [b for b in sent(world)[world.owner.phone] if "pekan 23 Feb–1 Mar" in b]
    assert "Laba trip pekan lalu Rp2.500.000 (pendapatan Rp3.000.000, biaya Rp500.000)" in weekly
    assert "Nunggak paling lama: Pak Darto Rp3.000.000" in weekly
    assert "Pekan ini musim Lebaran" in weekly


def test_an_unpaid_cancellation_fee_is_owed_and_the_owner_hears_of_it_weekly(
    world: World,
) -> None:
    # Cancelled two days before departure: the policy's fee is more than the DP paid.
    trip = world.book(4, client="Pak Wawan", price=10_000_000)
    world.pay(trip.id, 1_000_000)
    at(world, day(2), hh=9)
    set_status(world.deps, world.owner, trip.id, BookingStatus.CANCELLED)
    with world.uow() as tx:
        cancelled = tx.bookings.get("t-1", trip.id)
    assert cancelled is not None and cancelled.fee_unpaid > 0
    world.state.outbox.clear()

    at(world, day(3))
    briefing.run_due(world.deps, NO_HOLIDAYS)
    owner = sent(world)[world.owner.phone][0]
    assert "Pak Wawan: biaya pembatalan" in owner and "jatuh tempo" in owner

    world.state.outbox.clear()
    at(world, day(4))
    briefing.run_due(world.deps, NO_HOLIDAYS)
    again = sent(world).get(world.owner.phone, [])
    assert not any("biaya pembatalan" in text for text in again)  # once a week, not daily
