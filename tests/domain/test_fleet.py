"""The assets pillar: buses and their state on a day, maintenance, odometers, documents."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keloia.domain.errors import Forbidden, InvalidInput, NotFound
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    BusStatus,
    DocumentKind,
    DueState,
    MaintenanceLog,
    MaintenanceType,
    ServiceInterval,
    service_due,
)
from keloia.domain.services.bookings import set_status
from keloia.domain.services.fleet import (
    BusChanges,
    MaintenanceDraft,
    add_bus,
    add_document,
    available_buses,
    bus_detail,
    expiring_documents,
    fleet_on,
    log_maintenance,
    maintenance_due,
    record_odometer,
    renew_document,
    set_bus_status,
    set_service_interval,
    update_bus,
    workshop_spending,
)

from .world import World, day, set_settings

OIL = MaintenanceType.OIL_CHANGE

# --- the fleet ------------------------------------------------------------------------------


def test_the_owner_adds_a_bus_and_the_change_is_recorded(world: World) -> None:
    bus = add_bus(world.deps, world.owner, " Srikandi ", plate="ab 1234 cd", seats=50)
    stored = world.state.buses[bus.id]
    assert (stored.name, stored.plate, stored.seats) == ("Srikandi", "AB 1234 CD", 50)
    assert stored.status is BusStatus.AVAILABLE and stored.tenant_id == "t-1"
    [entry] = world.activity()
    assert (entry.action, entry.entity, entry.entity_id) == ("bus.created", "bus", bus.id)
    assert entry.actor_id == "u-owner" and entry.snapshot == stored.model_dump(mode="json")


def test_bus_names_are_unique_per_tenant_ignoring_case_and_spaces(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        add_bus(world.deps, world.owner, "bus  01")
    with pytest.raises(InvalidInput):
        update_bus(world.deps, world.owner, "bus-2", BusChanges(name="BUS 01"))
    assert world.state == before
    # The other tenant has its own "Bus 01"; that is no clash for either.
    renamed = update_bus(world.deps, world.owner, "bus-1", BusChanges(name="Bus 01", seats=40))
    assert world.state.buses["bus-1"].seats == 40 == renamed.seats


@pytest.mark.parametrize("who", ["admin", "driver1"])
def test_only_the_owner_changes_the_fleet(world: World, who: str) -> None:
    actor = getattr(world, who)
    before = world.snapshot()
    with pytest.raises(Forbidden):
        add_bus(world.deps, actor, "Bus 09")
    with pytest.raises(Forbidden):
        update_bus(world.deps, actor, "bus-1", BusChanges(name="X"))
    with pytest.raises(Forbidden):
        set_bus_status(world.deps, actor, "bus-1", BusStatus.RETIRED)
    with pytest.raises(Forbidden):
        set_service_interval(world.deps, actor, "bus-1", OIL, every_days=90)
    assert world.state == before


def test_anyone_reports_a_bus_into_the_workshop_and_back(world: World) -> None:
    set_bus_status(world.deps, world.driver1, "bus-1", BusStatus.MAINTENANCE)
    assert world.state.buses["bus-1"].status is BusStatus.MAINTENANCE
    entry = world.activity()[-1]
    assert (entry.action, entry.actor_id, entry.entity_id) == ("bus.status", "u-drv1", "bus-1")
    assert entry.snapshot["status"] == "maintenance"
    set_bus_status(world.deps, world.admin, "bus-1", BusStatus.AVAILABLE)
    assert world.state.buses["bus-1"].status is BusStatus.AVAILABLE


def test_a_retired_bus_is_not_brought_back_from_the_field(world: World) -> None:
    set_bus_status(world.deps, world.owner, "bus-1", BusStatus.RETIRED)
    assert world.state.buses["bus-1"].status is BusStatus.RETIRED
    with pytest.raises(InvalidInput):
        set_bus_status(world.deps, world.driver1, "bus-1", BusStatus.AVAILABLE)
    assert world.state.buses["bus-1"].status is BusStatus.RETIRED


# --- a bus on a day: booked is derived, never stored -----------------------------------------


def test_fleet_on_a_day_derives_booked_from_the_schedule(world: World) -> None:
    booking = world.book(10, 12, buses=[("bus-1", "u-drv1")])
    gone = world.book(11, buses=[("bus-2", None)], client="Batal")
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)
    set_bus_status(world.deps, world.admin, "bus-3", BusStatus.MAINTENANCE)

    on_11 = {d.bus.id: d for d in fleet_on(world.deps, world.driver1, day(11))}
    assert on_11["bus-1"].booked_by == booking.id and on_11["bus-1"].label == "sedang jalan"
    assert on_11["bus-2"].booked_by is None and on_11["bus-2"].label == "siap jalan"
    assert on_11["bus-3"].label == "di bengkel"
    assert set(on_11) == {"bus-1", "bus-2", "bus-3"}  # never the other tenant's bus

    on_13 = {d.bus.id: d for d in fleet_on(world.deps, world.owner, day(13))}
    assert on_13["bus-1"].booked_by is None
    # Nothing about bookings was written on the bus itself.
    assert world.state.buses["bus-1"].status is BusStatus.AVAILABLE


def test_available_buses_are_in_service_and_free_on_every_day(world: World) -> None:
    world.book(12, 14, buses=[("bus-1", None)])
    gone = world.book(10, 20, buses=[("bus-2", None)], client="Batal")
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)
    extra = add_bus(world.deps, world.owner, "Bus 04")
    set_bus_status(world.deps, world.owner, extra.id, BusStatus.RETIRED)
    set_bus_status(world.deps, world.owner, "bus-3", BusStatus.MAINTENANCE)

    def names(start: int, end: int) -> list[str]:
        days = DateRange(start=day(start), end=day(end))
        return [b.id for b in available_buses(world.deps, world.admin, days)]

    assert names(10, 11) == ["bus-1", "bus-2"]
    assert names(10, 12) == ["bus-2"]  # bus-1 leaves on the 12th
    assert names(14, 16) == ["bus-2"]
    assert names(15, 16) == ["bus-1", "bus-2"]


# --- maintenance and odometers ---------------------------------------------------------------


def test_workshop_spending_is_per_bus_in_the_period_most_first_and_never_a_drivers(
    world: World,
) -> None:
    for bus_id, cost, when in (
        ("bus-1", 750_000, day(1)),
        ("bus-1", 250_000, day(1) - timedelta(days=3)),
        ("bus-2", 3_400_000, day(1)),
        ("bus-2", 900_000, day(1) - timedelta(days=40)),  # before the period
    ):
        log_maintenance(
            world.deps,
            world.owner,
            MaintenanceDraft(bus_id=bus_id, type=OIL, cost=cost, performed_date=when),
        )
    period = DateRange(start=day(1) - timedelta(days=30), end=day(1))
    spent = workshop_spending(world.deps, world.owner, period)
    assert [(s.bus.id, s.cost, s.jobs) for s in spent] == [
        ("bus-2", 3_400_000, 1),
        ("bus-1", 1_000_000, 2),
    ]
    with pytest.raises(Forbidden):
        workshop_spending(world.deps, world.driver1, period)


def test_a_maintenance_log_is_stored_with_its_odometer_reading(world: World) -> None:
    log = log_maintenance(
        world.deps,
        world.driver1,
        MaintenanceDraft(bus_id="bus-1", type=OIL, cost=750_000, odometer_km=120_000),
    )
    stored = world.state.maintenance[log.id]
    assert stored.performed_date == world.clock.today() and stored.recorded_by == "u-drv1"
    assert stored.cost == 750_000
    assert world.state.buses["bus-1"].odometer_km == 120_000
    [reading] = world.state.readings.values()
    assert (reading.bus_id, reading.km, reading.reading_date) == ("bus-1", 120_000, day(1))
    entry = world.activity()[-1]
    assert (entry.action, entry.entity, entry.entity_id) == (
        "maintenance.logged",
        "maintenance",
        log.id,
    )
    # The reading and the km before it: what a same-day undo takes back.
    undo = {"reading_id": reading.id, "previous_km": None}
    assert entry.snapshot == stored.model_dump(mode="json") | undo
    detail = bus_detail(world.deps, world.owner, "bus-1")
    assert [m.id for m in detail.maintenance] == [log.id]


def test_the_next_due_date_must_come_after_the_work(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        log_maintenance(
            world.deps,
            world.owner,
            MaintenanceDraft(bus_id="bus-1", type=OIL, performed_date=day(5), next_due_date=day(5)),
        )
    assert world.state == before


def test_odometer_readings_never_go_down(world: World) -> None:
    record_odometer(world.deps, world.driver1, "bus-1", day(1), 100_000)
    record_odometer(world.deps, world.driver1, "bus-1", day(2), 100_000)  # parked all day
    before = world.snapshot()

    with pytest.raises(InvalidInput, match=r"100\.000 km"):
        record_odometer(world.deps, world.driver1, "bus-1", day(3), 99_999)
    with pytest.raises(InvalidInput):
        log_maintenance(
            world.deps, world.owner, MaintenanceDraft(bus_id="bus-1", type=OIL, odometer_km=5)
        )
    assert world.state == before  # not even the maintenance log was kept

    record_odometer(world.deps, world.driver1, "bus-1", day(4), 100_450)
    assert world.state.buses["bus-1"].odometer_km == 100_450
    assert [r.km for r in world.state.readings.values()] == [100_000, 100_000, 100_450]
    assert world.activity()[-1].action == "bus.odometer"


def test_a_negative_odometer_is_a_domain_refusal(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        record_odometer(world.deps, world.owner, "bus-1", day(1), -1)
    assert world.state == before


def _interval(days: int | None = None, km: int | None = None) -> ServiceInterval:
    return ServiceInterval(tenant_id="t-1", bus_id="bus-1", type=OIL, every_days=days, every_km=km)


def _log(performed: date, km: int | None = None, next_due: date | None = None) -> MaintenanceLog:
    return MaintenanceLog(
        id="m",
        tenant_id="t-1",
        bus_id="bus-1",
        type=OIL,
        performed_date=performed,
        odometer_km=km,
        next_due_date=next_due,
        recorded_by="u-owner",
    )


JAN1 = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("interval", "last", "odometer", "today", "state", "due_date", "due_km"),
    [
        # never serviced: due now
        (_interval(days=90), None, None, JAN1, DueState.DUE, JAN1, None),
        # by date: 1 Jan + 90 days = 1 April
        (
            _interval(days=90),
            _log(JAN1),
            None,
            date(2026, 3, 1),
            DueState.OK,
            date(2026, 4, 1),
            None,
        ),
        (
            _interval(days=90),
            _log(JAN1),
            None,
            date(2026, 3, 18),
            DueState.DUE,
            date(2026, 4, 1),
            None,
        ),
        (
            _interval(days=90),
            _log(JAN1),
            None,
            date(2026, 4, 1),
            DueState.DUE,
            date(2026, 4, 1),
            None,
        ),
        (
            _interval(days=90),
            _log(JAN1),
            None,
            date(2026, 4, 2),
            DueState.OVERDUE,
            date(2026, 4, 1),
            None,
        ),
        # by km: serviced at 100 000, every 10 000
        (_interval(km=10_000), _log(JAN1, 100_000), 108_999, JAN1, DueState.OK, None, 110_000),
        (_interval(km=10_000), _log(JAN1, 100_000), 109_000, JAN1, DueState.DUE, None, 110_000),
        (_interval(km=10_000), _log(JAN1, 100_000), 110_001, JAN1, DueState.OVERDUE, None, 110_000),
        # whichever first: kilometres run out long before the date
        (
            _interval(days=180, km=10_000),
            _log(JAN1, 100_000),
            111_000,
            date(2026, 2, 1),
            DueState.OVERDUE,
            date(2026, 6, 30),
            110_000,
        ),
        # whichever first: the date comes before the kilometres
        (
            _interval(days=30, km=10_000),
            _log(JAN1, 100_000),
            101_000,
            date(2026, 2, 5),
            DueState.OVERDUE,
            date(2026, 1, 31),
            110_000,
        ),
        # a mechanic's next_due_date earlier than the interval wins
        (
            _interval(days=90),
            _log(JAN1, next_due=date(2026, 2, 1)),
            None,
            date(2026, 2, 2),
            DueState.OVERDUE,
            date(2026, 2, 1),
            None,
        ),
    ],
)
def test_service_due_by_date_or_km_whichever_first(
    interval: ServiceInterval,
    last: MaintenanceLog | None,
    odometer: int | None,
    today: date,
    state: DueState,
    due_date: date | None,
    due_km: int | None,
) -> None:
    due = service_due(interval, last, odometer, today, warning_days=14)
    assert (due.state, due.due_date, due.due_km) == (state, due_date, due_km)


def test_a_service_interval_needs_days_or_km(world: World) -> None:
    with pytest.raises(InvalidInput):
        set_service_interval(world.deps, world.owner, "bus-1", OIL)


def test_maintenance_due_reads_intervals_logs_and_odometers(world: World) -> None:
    set_service_interval(world.deps, world.owner, "bus-1", OIL, every_km=10_000)
    set_service_interval(world.deps, world.owner, "bus-2", OIL, every_days=60)
    set_service_interval(world.deps, world.owner, "bus-3", MaintenanceType.BRAKE, every_days=60)
    assert world.activity()[-1].action == "bus.service_interval"
    log_maintenance(
        world.deps,
        world.owner,
        MaintenanceDraft(bus_id="bus-1", type=OIL, performed_date=day(1), odometer_km=50_000),
    )
    log_maintenance(
        world.deps, world.owner, MaintenanceDraft(bus_id="bus-2", type=OIL, performed_date=day(1))
    )
    # bus-3 has never had its brakes done: due now.
    assert {(d.bus_id, d.state) for d in maintenance_due(world.deps, world.driver1, day(1))} == {
        ("bus-3", DueState.DUE)
    }

    record_odometer(world.deps, world.driver1, "bus-1", day(5), 59_500)
    found = {d.bus_id: d.state for d in maintenance_due(world.deps, world.owner, day(5))}
    assert found == {"bus-1": DueState.DUE, "bus-3": DueState.DUE}

    later = day(1) + timedelta(days=61)
    found = {d.bus_id: d.state for d in maintenance_due(world.deps, world.owner, later)}
    # Never serviced stays "due", not "overdue": nobody knows since when.
    assert found == {"bus-1": DueState.DUE, "bus-2": DueState.OVERDUE, "bus-3": DueState.DUE}

    set_bus_status(world.deps, world.owner, "bus-3", BusStatus.RETIRED)
    found = {d.bus_id: d.state for d in maintenance_due(world.deps, world.owner, later)}
    assert "bus-3" not in found


# --- documents -----------------------------------------------------------------------------


def test_documents_belong_to_a_bus_or_to_a_driver(world: World) -> None:
    kir = add_document(
        world.deps, world.owner, DocumentKind.KIR, day(20), bus_id="bus-1", number="K1"
    )
    sim = add_document(world.deps, world.owner, DocumentKind.SIM, day(20), user_id="u-drv1")
    assert world.state.documents[kir.id].bus_id == "bus-1"
    assert world.state.documents[sim.id].user_id == "u-drv1"
    assert [e.action for e in world.activity()] == ["document.added", "document.added"]
    assert world.activity()[0].snapshot == world.state.documents[kir.id].model_dump(mode="json")
    assert [d.id for d in bus_detail(world.deps, world.admin, "bus-1").documents] == [kir.id]

    before = world.snapshot()
    for kind, holder in [
        (DocumentKind.SIM, {"bus_id": "bus-1"}),
        (DocumentKind.STNK, {"user_id": "u-drv1"}),
        (DocumentKind.IZIN_ANGKUTAN, {}),
    ]:
        with pytest.raises(InvalidInput):
            add_document(world.deps, world.owner, kind, day(20), **holder)
    with pytest.raises(NotFound):
        add_document(world.deps, world.owner, DocumentKind.KIR, day(20), bus_id="bus-x")
    with pytest.raises(NotFound):
        add_document(world.deps, world.owner, DocumentKind.SIM, day(20), user_id="u-other")
    with pytest.raises(Forbidden):
        add_document(world.deps, world.driver1, DocumentKind.KIR, day(20), bus_id="bus-1")
    assert world.state == before


def test_expiring_documents_are_those_within_30_days_expired_ones_included(world: World) -> None:
    today = day(1)  # 1 March; 30 days later is 31 March
    kinds = [
        DocumentKind.KIR,
        DocumentKind.STNK,
        DocumentKind.IZIN_ANGKUTAN,
        DocumentKind.INSURANCE,
    ]
    expired = add_document(world.deps, world.owner, kinds[0], date(2026, 2, 20), bus_id="bus-1")
    edge = add_document(world.deps, world.owner, kinds[1], day(31), bus_id="bus-1")
    add_document(world.deps, world.owner, kinds[2], date(2026, 4, 1), bus_id="bus-1")
    soon = add_document(world.deps, world.owner, kinds[3], day(10), bus_id="bus-2")
    sim = add_document(world.deps, world.owner, DocumentKind.SIM, day(5), user_id="u-drv2")

    found = expiring_documents(world.deps, world.owner, today)
    assert [d.id for d in found] == [expired.id, sim.id, soon.id, edge.id]

    renew_document(world.deps, world.owner, expired.id, date(2027, 2, 20))
    assert world.state.documents[expired.id].expires_on == date(2027, 2, 20)
    assert world.activity()[-1].action == "document.renewed"
    assert expired.id not in {d.id for d in expiring_documents(world.deps, world.admin, today)}


def test_the_warning_window_is_a_tenant_setting(world: World) -> None:
    in_10 = add_document(world.deps, world.owner, DocumentKind.KIR, day(11), bus_id="bus-1")
    add_document(world.deps, world.owner, DocumentKind.STNK, day(12), bus_id="bus-1")
    set_settings(world, expiry_warning_days=10)
    assert [d.id for d in expiring_documents(world.deps, world.owner, day(1))] == [in_10.id]


def test_a_bus_documents_are_not_for_drivers_and_renewals_are_the_owners_and_admins(
    world: World,
) -> None:
    doc = add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-1")
    # A driver reads his own SIM only (test_permissions): the bus's KIR is not among them.
    assert expiring_documents(world.deps, world.driver1, day(1)) == []
    with pytest.raises(Forbidden):
        renew_document(world.deps, world.driver1, doc.id, day(30))
    # The admin handles the paperwork: a renewal is hers to record too.
    assert renew_document(world.deps, world.admin, doc.id, day(30)).expires_on == day(30)
    with pytest.raises(NotFound):
        renew_document(world.deps, world.owner, "nope", day(30))


@pytest.mark.parametrize(
    ("named", "number"),
    [
        ("bus 03", 3),
        ("Bus 3", 3),
        ("BUS-3", 3),
        ("bis tiga", 3),
        ("Bis Tiga", 3),
        ("bus sebelas", 11),
        ("bis dua puluh satu", 21),
        ("Bus Jogja", None),
        ("Srikandi", None),
        ("bis tiga putra", None),
    ],
)
def test_bus_named_with_its_number_in_words(named: str, number: int | None) -> None:
    """A bus dictated to voice typing ("bis tiga") is the bus numbered 3, as "bus 03" is:
    the reader gives it as said, the domain matches it to the fleet."""
    from keloia.domain.model.fleet import Bus, bus_number
    from keloia.domain.services.assistant.resolve import find_bus

    assert bus_number(named) == number
    fleet = [
        Bus(id=f"b{n}", tenant_id="t", name=f"Bus {n:02d}", plate=f"AB {n} XY") for n in (3, 11, 21)
    ]
    found = find_bus(fleet, named)
    assert (found.name if found else None) == (f"Bus {number:02d}" if number else None)


def test_the_owner_hears_of_a_repair_with_its_cost_someone_else_records(world: World) -> None:
    log = log_maintenance(
        world.deps,
        world.driver1,
        MaintenanceDraft(bus_id="bus-1", type=OIL, cost=350_000, description="selang radiator"),
    )
    assert world.alert_recipients(AlertKind.REPAIR_RECORDED, log.id) == {world.owner.id}
    [alert] = [a for a in world.state.alerts.values() if a.kind is AlertKind.REPAIR_RECORDED]
    assert "Rp350.000" in alert.text and world.driver1.name in alert.text


def test_no_one_hears_of_the_owners_own_repair_nor_of_work_without_a_cost(world: World) -> None:
    log_maintenance(
        world.deps, world.owner, MaintenanceDraft(bus_id="bus-1", type=OIL, cost=350_000)
    )
    log_maintenance(world.deps, world.admin, MaintenanceDraft(bus_id="bus-1", type=OIL))
    assert world.alert_recipients(AlertKind.REPAIR_RECORDED) == set()
