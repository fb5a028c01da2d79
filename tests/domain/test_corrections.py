"""Undo and correct what was just saved: own records, the same day; a payment is reversed,
never deleted; every change keeps the old value in the trail and tells who heard before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keloia.domain.errors import InvalidInput
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.fleet import DocumentKind, MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.model.undo import RecordKind, near
from keloia.domain.services import corrections
from keloia.domain.services.bookings import BookingChanges, change_booking
from keloia.domain.services.corrections import PaymentFix, RecordFix
from keloia.domain.services.fleet import (
    MaintenanceDraft,
    add_document,
    log_maintenance,
    record_odometer,
    renew_document,
)
from keloia.domain.services.money import TripCostDraft, record_trip_cost
from keloia.domain.services.payments import payments_between

from .world import World, day


def test_a_void_is_a_reversal_that_restores_the_balance(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 2_000_000)
    reversal = corrections.void_payment(world.deps, world.admin, paid.id)

    stored = world.booking(booking.id)
    assert (stored.paid_total, stored.outstanding) == (0, 8_000_000)
    # Nothing deleted: the original and its reversal are both kept, the lists skip both.
    assert world.state.payments[paid.id] == paid
    assert world.state.payments[reversal.id].reverses == paid.id
    assert payments_between(world.deps, world.admin, booking.days) == []
    [entry] = world.activity("payment.voided")
    assert entry.snapshot["before"]["amount"] == 2_000_000 and entry.snapshot["after"] is None
    # The managers who heard of the payment hear of the void (the actor does not).
    assert world.alert_recipients(AlertKind.PAYMENT_RECORDED, paid.id) == {world.owner.id}


def test_a_corrected_payment_is_reversed_and_recorded_right(world: World) -> None:
    booking = world.book(10, price=4_000_000)
    paid = world.pay(booking.id, 1_000_000, method="cash")
    right = corrections.correct_payment(
        world.deps, world.admin, paid.id, PaymentFix(amount=1_500_000)
    )
    assert (right.amount, right.method, right.type.value) == (1_500_000, "cash", "dp")
    assert world.booking(booking.id).outstanding == 2_500_000
    [entry] = world.activity("payment.corrected")
    assert entry.snapshot["before"]["amount"] == 1_000_000
    assert entry.snapshot["after"]["amount"] == 1_500_000
    # The correction is itself today's record: it can be voided in turn, the old one not.
    with pytest.raises(InvalidInput):
        corrections.void_payment(world.deps, world.admin, paid.id)
    corrections.void_payment(world.deps, world.admin, right.id)
    assert world.booking(booking.id).outstanding == 4_000_000


def test_a_payment_moves_to_the_right_clients_booking(world: World) -> None:
    wrong = world.book(10, price=5_000_000, client="Mbak Tari")
    right = world.book(12, price=6_000_000, client="Pak Darmo")
    paid = world.pay(wrong.id, 1_000_000)
    corrections.correct_payment(world.deps, world.admin, paid.id, PaymentFix(booking_id=right.id))
    assert world.booking(wrong.id).paid_total == 0
    assert world.booking(right.id).paid_total == 1_000_000


def test_only_own_records_of_today_can_be_taken_back(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 2_000_000, actor=world.owner)
    # Somebody else's record: an admin may take back only his own.
    with pytest.raises(InvalidInput, match="bukan Anda"):
        corrections.void_payment(world.deps, world.admin, paid.id)
    # Yesterday's record (the day is the PO's local day).
    world.deps.clock.advance(days=1)  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput):
        corrections.void_payment(world.deps, world.admin, paid.id)
    assert world.booking(booking.id).paid_total == 2_000_000


def test_a_refund_made_from_the_money_keeps_the_payment_until_it_is_undone(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 2_000_000)
    world.pay(booking.id, 1_500_000, kind="refund")
    with pytest.raises(InvalidInput, match="refund"):
        corrections.void_payment(world.deps, world.admin, paid.id)
    assert world.booking(booking.id).paid_total == 2_000_000


def test_maintenance_is_removed_or_corrected_with_the_old_value_kept(world: World) -> None:
    draft = MaintenanceDraft(bus_id="bus-3", type=MaintenanceType.TIRE, cost=2_000_000)
    log = log_maintenance(world.deps, world.driver1, draft)
    fix = RecordFix(amount=1_500_000, odometer_km=None)
    taken = corrections.correct_record(
        world.deps, world.driver1, RecordKind.MAINTENANCE, log.id, fix
    )
    assert "Rp2.000.000 → Rp1.500.000" in taken.change
    assert world.state.maintenance[log.id].cost == 1_500_000
    corrections.void_record(world.deps, world.driver1, RecordKind.MAINTENANCE, log.id)
    assert log.id not in world.state.maintenance
    [entry] = world.activity("maintenance.voided")
    assert entry.snapshot["before"]["cost"] == 1_500_000


def test_a_documents_renewal_undone_puts_the_old_expiry_back(world: World) -> None:
    doc = add_document(world.deps, world.owner, DocumentKind.KIR, day(20), bus_id="bus-1")
    world.deps.clock.advance(days=1)  # type: ignore[attr-defined]
    renew_document(world.deps, world.owner, doc.id, date(2026, 9, 20))
    corrections.void_record(world.deps, world.owner, RecordKind.DOCUMENT, doc.id)
    assert world.state.documents[doc.id].expires_on == day(20)


def test_a_trip_cost_voided_is_told_to_the_owner(world: World) -> None:
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    draft = TripCostDraft(booking_id=booking.id, category=CostCategory.TOL, amount=350_000)
    cost = record_trip_cost(world.deps, world.driver1, draft)
    corrections.void_record(world.deps, world.driver1, RecordKind.TRIP_COST, cost.id)
    assert cost.id not in world.state.trip_costs
    assert world.owner.id in world.alert_recipients(AlertKind.TRIP_COST_RECORDED, cost.id)


def test_a_booking_change_is_put_back(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    world.deps.clock.advance(days=1)  # type: ignore[attr-defined]
    change_booking(
        world.deps, world.admin, booking.id, BookingChanges(depart_date=day(12), price=9_000_000)
    )
    back = corrections.revert_booking_change(world.deps, world.admin, booking.id)
    assert (back.depart_date, back.return_date, back.price) == (day(10), day(10), 8_000_000)


def test_a_corrected_day_lands_next_to_the_date_it_corrects() -> None:
    assert near(date(2026, 12, 28), date(2026, 11, 30)) == date(2026, 11, 28)
    assert near(date(2026, 12, 13), date(2026, 12, 12)) == date(2026, 12, 13)
    assert near(date(2026, 12, 1), date(2026, 11, 30)) == date(2026, 12, 1)
    assert near(date(2027, 1, 5), date(2026, 12, 30)) == date(2027, 1, 5)


def test_an_odometer_reading_taken_back_puts_the_old_km_back(world: World) -> None:
    record_odometer(world.deps, world.driver1, "bus-1", day(1), 120_000)
    record_odometer(world.deps, world.driver1, "bus-1", day(1), 125_000)
    kind = RecordKind.ODOMETER
    fix = RecordFix(odometer_km=121_000)
    corrections.correct_record(world.deps, world.driver1, kind, "bus-1", fix)
    assert world.state.buses["bus-1"].odometer_km == 121_000
    with pytest.raises(InvalidInput, match="lebih kecil"):
        bad = RecordFix(odometer_km=119_000)
        corrections.correct_record(world.deps, world.driver1, kind, "bus-1", bad)
    corrections.void_record(world.deps, world.driver1, kind, "bus-1")
    assert world.state.buses["bus-1"].odometer_km == 120_000


def test_the_owner_takes_back_anyones_record_of_today(world: World) -> None:
    """permissions TAKEN_BACK: the owner may correct or void what anyone in the PO saved
    today; the trail says whose record it was, and its author is told."""
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 3_000_000, actor=world.admin)
    corrections.correct_payment(world.deps, world.owner, paid.id, PaymentFix(amount=2_500_000))
    assert world.booking(booking.id).paid_total == 2_500_000
    with world.deps.uow() as uow:
        entries = uow.activity.since(world.owner.tenant_id, world.deps.clock.now() - timedelta(1))
    corrected = [e for e in entries if e.action == "payment.corrected"][-1]
    assert corrected.actor_id == world.owner.id
    assert corrected.snapshot["recorded_by"]["id"] == world.admin.id
    # The admin's own list no longer offers the record the owner changed.
    assert not [e for e in corrections.saved(world.deps, world.admin) if e.entity_id == paid.id]


def test_voiding_the_money_that_confirmed_a_booking_lets_it_wait_again(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 2_000_000)
    assert world.booking(booking.id).status.value == "confirmed"

    corrections.void_payment(world.deps, world.admin, paid.id)

    assert world.booking(booking.id).status.value == "pending"


def test_a_booking_stays_confirmed_while_other_money_stays_paid(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    first = world.pay(booking.id, 2_000_000)
    world.pay(booking.id, 1_000_000)

    corrections.void_payment(world.deps, world.admin, first.id)

    assert world.booking(booking.id).status.value == "confirmed"


def test_correcting_the_amount_that_confirmed_a_booking_keeps_it_confirmed(world: World) -> None:
    booking = world.book(10, price=8_000_000)
    paid = world.pay(booking.id, 2_000_000)

    right = corrections.correct_payment(
        world.deps, world.admin, paid.id, PaymentFix(amount=2_500_000)
    )

    assert world.booking(booking.id).status.value == "confirmed"
    assert world.state.payments[right.id].confirmed_booking is True
