"""Telling the right people: the crew hear of their trip (with the buttons to answer it)
and of every change to it; a crew member's "Tidak bisa" reaches the owner and admins; the
owner hears of dates, prices, payments and costs changed by someone else. Asserted on the
fakes' alerts, activity and outbox."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from keloia.domain.errors import InvalidInput, NotFound
from keloia.domain.model import crew as notices
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.common import DateRange
from keloia.domain.model.messages import MessageKind, OutboundMessage
from keloia.domain.model.templates import TRIP_NOTICE
from keloia.domain.services import crew
from keloia.domain.services.assistant.crew_answers import not_assigned
from keloia.domain.services.bookings import (
    BookingChanges,
    change_booking,
    drivers_on,
    set_status,
)
from keloia.domain.services.handlers import QUIET_HANDLERS

from .world import World, day, set_settings


def _sent_to(world: World, phone: str) -> list[OutboundMessage]:
    items = sorted(world.state.outbox.values(), key=lambda i: (i.created_at, i.id))
    return [i.message for i in items if i.message.to == phone]


def _crewed(world: World, **extra: object) -> str:
    booking = world.book(
        10,
        11,
        buses=[("bus-1", "u-drv1")],
        actor=world.admin,
        pickup_time=time(5, 30),
        pickup_place="Terminal Giwangan",
        **extra,
    )
    return booking.id


def test_the_assigned_driver_gets_day_time_bus_pickup_route_and_buttons(world: World) -> None:
    booking_id = _crewed(world)
    [message] = _sent_to(world, world.driver1.phone)
    assert message.kind is MessageKind.BUTTONS
    ids = [f"trip-siap:{booking_id}", f"trip-tidak:{booking_id}"]
    assert [b.id for b in message.buttons] == ids
    assert [b.title for b in message.buttons] == ["Siap", "Tidak bisa"]
    for part in ("Pak Agus", "Selasa, 10", "05.30", "Bus 01", "Terminal Giwangan", "Semarang"):
        assert part in message.body
    assert "Rp" not in message.body  # never money for drivers
    # Outside the 24-hour window: the approved template, the same answers as quick replies.
    template = message.fallback
    assert template is not None and template.template_name == TRIP_NOTICE.name
    assert template.buttons == message.buttons
    assert "Terminal Giwangan" in template.template_params[0]
    assert "\n" not in template.template_params[0]


def test_the_kernet_is_told_too_and_named_to_the_driver(world: World) -> None:
    change = BookingChanges(
        assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv1", co_driver_id="u-drv2")]
    )
    booking_id = _crewed(world)
    change_booking(world.deps, world.admin, booking_id, change)
    [kernet] = _sent_to(world, world.driver2.phone)
    assert "Tugas: kernet (sopir: Pak Joko)" in kernet.body and kernet.buttons


def test_a_moved_trip_tells_the_crew_the_new_and_the_old_day(world: World) -> None:
    booking_id = _crewed(world)
    change_booking(world.deps, world.admin, booking_id, BookingChanges(depart_date=day(17)))
    [alert] = world.alerts(AlertKind.TRIP_CHANGED, user=world.driver1)
    assert "Selasa, 17 – Rabu, 18 Mar" in alert.text
    assert "sebelumnya Selasa, 10 – Rabu, 11 Mar" in alert.text
    assert _sent_to(world, world.driver1.phone)[-1].buttons


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (BookingChanges(pickup_time=time(4, 0)), "jam jemput (sebelumnya 05.30)"),
        (BookingChanges(pickup_place="Masjid Agung"), "tempat jemput (sebelumnya Terminal"),
        (BookingChanges(route_to="Solo"), "rute (sebelumnya Jogja – Semarang)"),
        (
            BookingChanges(assignments=[BusAssignment(bus_id="bus-2", driver_id="u-drv1")]),
            "bus (sebelumnya Bus 01",
        ),
    ],
)
def test_each_change_the_crew_needs_is_told(
    world: World, change: BookingChanges, said: str
) -> None:
    booking_id = _crewed(world)
    change_booking(world.deps, world.admin, booking_id, change)
    [alert] = world.alerts(AlertKind.TRIP_CHANGED, user=world.driver1)
    assert said in alert.text


def test_a_change_the_crew_does_not_need_is_not_sent_to_them(world: World) -> None:
    booking_id = _crewed(world)
    change_booking(world.deps, world.admin, booking_id, BookingChanges(price=16_000_000))
    assert world.alerts(AlertKind.TRIP_CHANGED) == []
    assert len(_sent_to(world, world.driver1.phone)) == 1  # the assignment only


def test_a_driver_taken_off_is_told_without_buttons(world: World) -> None:
    booking_id = _crewed(world)
    swap = BookingChanges(assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv2")])
    change_booking(world.deps, world.admin, booking_id, swap)
    last = _sent_to(world, world.driver1.phone)[-1]
    assert "tidak lagi bertugas" in last.body and not last.buttons
    assert world.alert_recipients(AlertKind.TRIP_ASSIGNED, booking_id) == {"u-drv1", "u-drv2"}


def test_a_cancelled_trip_tells_the_crew_it_is_off(world: World) -> None:
    booking_id = _crewed(world)
    set_status(world.deps, world.admin, booking_id, BookingStatus.CANCELLED)
    last = _sent_to(world, world.driver1.phone)[-1]
    assert "dibatalkan" in last.body and "Pak Agus" in last.body and not last.buttons


def test_a_day_off_without_a_trip_alerts_owner_and_admins(world: World) -> None:
    booking_id = _crewed(world)
    crew.day_off(world.deps, world.driver1, day(14), reason="tgl 14 izin ga bisa narik")
    [entry] = world.activity("user.day_off")
    assert (entry.actor_id, entry.snapshot["day"]) == ("u-drv1", day(14).isoformat())
    [alert] = world.alerts(AlertKind.TRIP_DECLINED, user=world.owner)
    assert "Pak Joko" in alert.text and "14 Mar" in alert.text and "izin" in alert.text
    assert len(world.alerts(AlertKind.TRIP_DECLINED, user=world.admin)) == 1
    # A day with his trip is answered on that trip, never as a day off.
    with pytest.raises(InvalidInput):
        crew.day_off(world.deps, world.driver1, day(11))
    assert world.booking(booking_id).involves("u-drv1")


def test_a_day_off_keeps_the_driver_out_of_the_free_ones_that_day(world: World) -> None:
    crew.day_off(world.deps, world.driver1, day(14), reason="tgl 14 izin ga bisa narik")
    that_day, next_day = (
        DateRange(start=day(14), end=day(14)),
        DateRange(start=day(15), end=day(15)),
    )
    on_the_day = drivers_on(world.deps, world.admin, that_day)
    assert world.driver1 not in on_the_day.free
    assert [u.id for u in on_the_day.off] == ["u-drv1"]
    assert world.driver1 in drivers_on(world.deps, world.admin, next_day).free
    assert not drivers_on(world.deps, world.admin, next_day).off
    assert drivers_on(world.deps, world.admin, DateRange(start=day(13), end=day(15))).off


def test_siap_is_recorded_and_answers_the_notice(world: World) -> None:
    booking_id = _crewed(world)
    assert [b.id for b in crew.awaiting_answer(world.deps, world.driver1)] == [booking_id]
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=True)
    [entry] = world.activity("booking.crew_ready")
    assert (entry.actor_id, entry.entity_id) == ("u-drv1", booking_id)
    assert crew.awaiting_answer(world.deps, world.driver1) == []
    assert world.alerts(AlertKind.TRIP_DECLINED) == []


def test_tidak_bisa_alerts_owner_and_admins_naming_trip_and_driver(world: World) -> None:
    booking_id = _crewed(world)
    crew.answer_trip(
        world.deps, world.driver1, booking_id, ready=False, reason="ada acara keluarga"
    )
    assert world.alert_recipients(AlertKind.TRIP_DECLINED, booking_id) == {"u-owner", "u-admin"}
    [alert] = world.alerts(AlertKind.TRIP_DECLINED, user=world.owner)
    for part in ("Pak Joko", "Pak Agus", "Bus 01", "ada acara keluarga"):
        assert part in alert.text
    # Who could stand in: the drivers free on those days (not the one who declined).
    assert "Sopir yang kosong di tanggal itu: Pak Slamet." in alert.text
    # And a reply the assistant reads as that change, to copy.
    assert alert.text.endswith('Balas misalnya: "sopir pak agus ganti pak slamet".')
    [entry] = world.activity("booking.crew_declined")
    assert entry.snapshot["reason"] == "ada acara keluarga"
    # The driver stays on the trip until someone changes the crew.
    assert world.booking(booking_id).involves("u-drv1")


def test_a_decline_is_settled_once_the_one_who_declined_is_taken_off(world: World) -> None:
    """The "Tidak bisa" alert asks for the crew to be changed: once it is, the alert leaves
    the managers' Peringatan; a change that keeps him on the trip leaves it there."""
    booking_id = _crewed(world)
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=False, reason="sakit")
    change_booking(world.deps, world.admin, booking_id, BookingChanges(price=16_000_000))
    assert world.alert_recipients(AlertKind.TRIP_DECLINED, booking_id) == {"u-owner", "u-admin"}
    swap = BookingChanges(assignments=[BusAssignment(bus_id="bus-1", driver_id="u-drv2")])
    change_booking(world.deps, world.admin, booking_id, swap)
    assert world.alerts(AlertKind.TRIP_DECLINED) == []
    # What happened stays in the activity.
    assert [e.actor_id for e in world.activity("booking.crew_declined")] == ["u-drv1"]


def test_siap_after_tidak_bisa_tells_the_managers_once(world: World) -> None:
    booking_id = _crewed(world)
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=True)
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=False)
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=True)
    crew.answer_trip(world.deps, world.driver1, booking_id, ready=True)
    told = [a.text for a in world.alerts(AlertKind.TRIP_DECLINED, user=world.admin)]
    # The "tidak bisa ... mohon cari pengganti" he took back no longer stands: only the news
    # that he can after all does, once.
    assert len(told) == 1
    assert "Pak Joko ternyata bisa bertugas di trip Pak Agus" in told[0]


def test_nobody_answers_a_trip_that_is_not_theirs(world: World) -> None:
    booking_id = _crewed(world)
    before = world.snapshot()
    for who in (world.driver2, world.admin):
        with pytest.raises(NotFound) as refused:
            crew.answer_trip(world.deps, who, booking_id, ready=False)
        assert "Pak Agus" not in refused.value.message
    with pytest.raises(NotFound):
        crew.answer_trip(world.deps, world.driver1, "no-such-booking", ready=True)
    assert world.state.alerts == before.alerts and world.state.activity == before.activity


def test_a_cancelled_trip_cannot_be_answered(world: World) -> None:
    booking_id = _crewed(world)
    set_status(world.deps, world.admin, booking_id, BookingStatus.CANCELLED)
    with pytest.raises(NotFound):
        crew.answer_trip(world.deps, world.driver1, booking_id, ready=True)


def test_dates_and_price_changed_by_others_reach_the_owner_and_who_booked_it(
    world: World,
) -> None:
    booking_id = _crewed(world)
    change_booking(
        world.deps, world.admin, booking_id, BookingChanges(depart_date=day(12), price=17_000_000)
    )
    [alert] = world.alerts(AlertKind.BOOKING_CHANGED)
    assert alert.user_id == "u-owner"
    assert "Mas Dedi" in alert.text and "Selasa, 10 – Rabu, 11 Mar → Kamis, 12" in alert.text
    assert "Rp15.000.000 → Rp17.000.000" in alert.text
    # The owner's own change: the admin who booked it hears it, the owner does not.
    change_booking(world.deps, world.owner, booking_id, BookingChanges(price=18_000_000))
    [_, to_admin] = world.alerts(AlertKind.BOOKING_CHANGED)
    assert to_admin.user_id == world.admin.id and "Rp17.000.000 → Rp18.000.000" in to_admin.text
    change_booking(world.deps, world.admin, booking_id, BookingChanges(notes="bawa snack"))
    assert len(world.alerts(AlertKind.BOOKING_CHANGED)) == 2


def test_the_quiet_table_keeps_the_notices_off_whatsapp(world: World) -> None:
    from dataclasses import replace

    quiet = replace(world.deps, handlers=QUIET_HANDLERS)
    world.deps = quiet
    booking_id = _crewed(world)
    assert world.alert_recipients(AlertKind.TRIP_ASSIGNED, booking_id) == {"u-drv1"}
    assert _sent_to(world, world.driver1.phone) == []


def test_button_ids_fit_whatsapp_and_name_only_the_booking() -> None:
    [ready, decline] = notices.answer_buttons("01JABCDEFGHJKMNPQRSTVWXYZ0")
    assert ready.id.startswith(notices.READY_PREFIX) and decline.id.startswith(
        notices.DECLINE_PREFIX
    )
    assert all(len(b.id) <= 256 for b in (ready, decline))


def test_the_crew_may_read_their_own_trips_uang_jalan_by_the_pos_daily_rate(
    world: World,
) -> None:
    set_settings(world, uang_jalan_per_day=750_000)
    booking_id = _crewed(world)  # two days, 10-11 March
    assert crew.uang_jalan(world.deps, world.driver1, booking_id) == 1_500_000
    assert crew.uang_jalan(world.deps, world.owner, booking_id) == 1_500_000
    with pytest.raises(NotFound):  # not his trip: it names nothing
        crew.uang_jalan(world.deps, world.driver2, booking_id)


def test_every_driver_may_read_who_drives_which_bus_and_nothing_else(world: World) -> None:
    _crewed(world)
    [line] = crew.roster(world.deps, world.driver2, DateRange.single(day(11)))
    assert line.assignment == BusAssignment(bus_id="bus-1", driver_id="u-drv1")
    assert (line.depart_date, line.return_date) == (day(10), day(11))
    # The line is the bus and its crew only: no client, route or price to leak.
    assert set(vars(line)) == {"depart_date", "return_date", "assignment"}
    assert crew.roster(world.deps, world.driver2, DateRange.single(day(12))) == []


@pytest.mark.parametrize(
    ("depart", "pickup", "at", "left"),
    [
        (date(2026, 3, 10), time(5, 30), datetime(2026, 3, 10, 10, 0), True),
        (date(2026, 3, 10), time(13, 0), datetime(2026, 3, 10, 10, 0), False),
        (date(2026, 3, 10), None, datetime(2026, 3, 10, 10, 0), False),
        (date(2026, 3, 9), time(13, 0), datetime(2026, 3, 10, 6, 0), True),
        (date(2026, 3, 11), time(5, 30), datetime(2026, 3, 10, 10, 0), False),
    ],
)
def test_a_trip_is_under_way_from_its_pickup_time(
    depart: date, pickup: time | None, at: datetime, left: bool
) -> None:
    # "sy abis ini ada trip lg": the trip a driver is on is not his next one.
    trip = Booking(
        id="b-1",
        tenant_id="t-1",
        client_name="Pak Agus",
        route_from="Jogja",
        route_to="Solo",
        depart_date=depart,
        return_date=depart + timedelta(days=1),
        pickup_time=pickup,
        price=1_000_000,
        created_by="u-owner",
        created_at=at,
    )
    assert notices.under_way(trip, at) is left


def _trip(bid: str, client: str, depart: date, days: int = 1) -> Booking:
    return Booking(
        id=bid,
        tenant_id="t-1",
        client_name=client,
        route_from="Jogja",
        route_to="Malang",
        depart_date=depart,
        return_date=depart + timedelta(days=days - 1),
        price=1_000_000,
        created_by="u-owner",
        created_at=datetime(2026, 11, 1, 9, 0),
    )


def test_a_trip_declined_that_is_not_yours_is_named_with_your_own_next_trips() -> None:
    today = date(2026, 11, 30)
    hendra = _trip("b-1", "Pak Hendra", date(2026, 12, 2), days=2)
    pkk = _trip("b-2", "PKK Caturtunggal", date(2026, 12, 1))
    sd = _trip("b-3", "SD Kotagede", date(2026, 12, 7))
    said = not_assigned([hendra], [pkk, sd], today)
    assert said.startswith(
        "Anda tidak ditugaskan di trip *Pak Hendra* (Rabu, 2 – Kamis, 3 Des, Jogja – Malang)"
    )
    assert said.endswith(
        "Trip Anda berikutnya:\n• *PKK Caturtunggal* (Selasa, 1 Des, Jogja – Malang)\n"
        "• *SD Kotagede* (Senin, 7 Des, Jogja – Malang)"
    )
    one = not_assigned([hendra], [pkk], today)
    assert one.endswith("Trip Anda berikutnya: *PKK Caturtunggal* (Selasa, 1 Des, Jogja – Malang).")
    assert not_assigned([hendra], [], today).endswith("Saat ini Anda belum punya trip berikutnya.")
    # Nobody's trip fits what he said: it is not in his schedule, his own trips follow.
    nothing = not_assigned([], [pkk], today)
    assert nothing.startswith("Trip itu tidak ada di jadwal Anda.")
    assert "PKK Caturtunggal" in nothing
