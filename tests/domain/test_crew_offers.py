"""A crew member's offer to take a trip, or a swap agreed with a teammate (crew.offer_trip):
the owner and admins are alerted with the trips' crew now and a reply that makes the
change; nothing about the trips is changed. Asserted on the fakes' state."""

from __future__ import annotations

from datetime import time

from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import BusAssignment
from keloia.domain.services import crew
from keloia.domain.services.bookings import BookingChanges, change_booking

from .world import World, without_alerts


def _trip(world: World, start: int, end: int, driver: str | None, bus: str = "bus-1") -> str:
    booking = world.book(
        start, end, buses=[(bus, driver)], actor=world.admin, pickup_time=time(5, 30)
    )
    return booking.id


def test_an_offer_alerts_owner_and_admins_and_changes_nothing(world: World) -> None:
    trip = world.booking(_trip(world, 10, 11, None))
    before = without_alerts(world.snapshot())

    crew.offer_trip(world.deps, world.driver2, [trip], "tgl 10 sy aja yg bawa")

    for person in (world.owner, world.admin):
        [alert] = world.alerts(AlertKind.CREW_OFFER, user=person)
        assert "Pak Slamet menawarkan diri jadi sopir" in alert.text
        assert '"tgl 10 sy aja yg bawa"' in alert.text
        assert "sopir belum ada" in alert.text and "Belum ada yang diubah" in alert.text
        assert f'"sopir {trip.client_name.lower()} ganti slamet"' in alert.text
    assert not world.alerts(AlertKind.CREW_OFFER, user=world.driver2)
    [entry] = world.activity("user.trip_offered")
    assert entry.actor_id == world.driver2.id and entry.snapshot["trips"] == [trip.id]
    # The only thing written besides the alerts is the paper trail.
    after = without_alerts(world.snapshot())
    after["activity"] = before["activity"]
    assert after == before


def test_a_swap_names_both_trips_and_who_takes_each(world: World) -> None:
    mine = world.booking(_trip(world, 10, 10, "u-drv1"))
    theirs = world.booking(_trip(world, 14, 14, "u-drv2", bus="bus-2"))

    clashes = crew.offer_trip(
        world.deps,
        world.driver1,
        [mine, theirs],
        "sy tukeran sm slamet",
        teammate=world.driver2,
        swap=True,
    )

    assert clashes == []
    [alert] = world.alerts(AlertKind.CREW_OFFER, user=world.owner)
    assert "Pak Joko mengabarkan tukar trip dengan Pak Slamet" in alert.text
    assert f'"sopir {mine.client_name.lower()} ganti slamet"' in alert.text
    assert f'"sopir {theirs.client_name.lower()} ganti joko"' in alert.text
    assert world.booking(mine.id).involves("u-drv1")
    assert world.booking(theirs.id).involves("u-drv2")


def test_his_own_trip_that_day_is_said_to_him_and_to_them(world: World) -> None:
    offered = world.booking(_trip(world, 10, 10, None))
    own = world.booking(_trip(world, 10, 10, "u-drv2", bus="bus-2"))

    clashes = crew.offer_trip(world.deps, world.driver2, [offered], "sy aja yg bawa")

    assert [b.id for b in clashes] == [own.id]
    [alert] = world.alerts(AlertKind.CREW_OFFER, user=world.admin)
    assert f"sudah punya trip {own.client_name}" in alert.text


def test_an_offer_as_kernet_beside_the_driver(world: World) -> None:
    trip = world.booking(_trip(world, 12, 12, "u-drv1"))

    crew.offer_trip(
        world.deps,
        world.driver2,
        [trip],
        "sy ikut jd kernet",
        teammate=world.driver1,
        as_kernet=True,
    )

    [alert] = world.alerts(AlertKind.CREW_OFFER, user=world.owner)
    assert "menawarkan diri jadi kernet Pak Joko" in alert.text
    assert f'"kernet {trip.client_name.lower()} ganti slamet"' in alert.text


def test_a_trip_named_that_is_not_there_is_said_so(world: World) -> None:
    crew.offer_trip(world.deps, world.driver2, [], "tgl 20 sy aja yg bawa")

    [alert] = world.alerts(AlertKind.CREW_OFFER, user=world.owner)
    assert "tidak ada di jadwal" in alert.text and "balas misalnya" not in alert.text.lower()


def test_the_offer_is_settled_once_he_is_put_on_the_trip(world: World) -> None:
    trip = world.booking(_trip(world, 10, 11, None))
    crew.offer_trip(world.deps, world.driver2, [trip], "sy aja yg bawa")
    assert world.alerts(AlertKind.CREW_OFFER, user=world.owner)

    change_booking(
        world.deps,
        world.owner,
        trip.id,
        BookingChanges(assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv2")]),
    )

    assert not world.alerts(AlertKind.CREW_OFFER, user=world.owner)
    assert not world.alerts(AlertKind.CREW_OFFER, user=world.admin)
