"""The money pillar: payments against bookings, balances, receivables and overdue pelunasan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from keloia.domain.errors import Forbidden, InvalidInput, NotFound, Overpayment
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.calendar import Holiday
from keloia.domain.model.common import DateRange
from keloia.domain.model.payments import Payment, PaymentType, method_label
from keloia.domain.model.tenants import TenantSettings
from keloia.domain.services import briefing
from keloia.domain.services.bookings import BookingChanges, BookingDraft, change_booking, set_status
from keloia.domain.services.payments import (
    PaymentDraft,
    overdue_settlements,
    payments_between,
    receivables,
    record_payment,
    weekly_summary,
)

from .world import World, day, set_settings

# --- recording ----------------------------------------------------------------------------


def test_a_dp_is_stored_linked_to_its_booking_and_reduces_the_balance(world: World) -> None:
    booking = world.book(10, price=15_000_000)

    payment = world.pay(booking.id, 5_000_000, "dp", method="transfer_bca")

    stored = world.state.payments[payment.id]
    assert stored.booking_id == booking.id and stored.tenant_id == "t-1"
    assert stored.type is PaymentType.DP and stored.amount == 5_000_000
    assert stored.method == "transfer_bca" and stored.recorded_by == "u-admin"
    assert stored.paid_date == world.clock.today()
    after = world.booking(booking.id)
    assert (after.paid_total, after.refunded_total, after.outstanding) == (5_000_000, 0, 10_000_000)


def test_a_payment_records_activity_with_the_balance_and_alerts_the_others(world: World) -> None:
    booking = world.book(10, price=15_000_000)
    alerts_before = set(world.state.alerts)

    payment = world.pay(booking.id, 5_000_000, actor=world.admin)

    entry = world.activity()[-1]
    assert entry.action == "payment.recorded" and entry.actor_id == "u-admin"
    assert (entry.entity, entry.entity_id) == ("payment", payment.id)
    assert entry.snapshot["amount"] == 5_000_000 and entry.snapshot["outstanding"] == 10_000_000
    assert entry.snapshot["booking_id"] == booking.id
    new = [a for a in world.state.alerts.values() if a.id not in alerts_before]
    assert {a.user_id for a in new} == {"u-owner"}  # managers except the admin; no drivers
    assert new[0].kind is AlertKind.PAYMENT_RECORDED
    assert "Rp5.000.000" in new[0].text and "Rp10.000.000" in new[0].text


@pytest.mark.parametrize("kind", list(PaymentType))
def test_every_payment_type_is_accepted(world: World, kind: PaymentType) -> None:
    booking = world.book(10, price=10_000_000)
    if kind is PaymentType.REFUND:
        world.pay(booking.id, 4_000_000, "dp")
    payment = world.pay(booking.id, 1_000_000, kind)
    assert world.state.payments[payment.id].type is kind


def test_outstanding_is_price_minus_payments_plus_refunds(world: World) -> None:
    booking = world.book(10, price=20_000_000)
    world.pay(booking.id, 5_000_000, "dp")
    world.pay(booking.id, 10_000_000, "pelunasan")
    world.pay(booking.id, 2_000_000, "refund")
    world.pay(booking.id, 1_000_000, "other")
    stored = world.booking(booking.id)
    payments = [p for p in world.state.payments.values() if p.booking_id == booking.id]
    assert stored.outstanding == 20_000_000 - 16_000_000 + 2_000_000 == 6_000_000
    assert stored.outstanding == stored.price - sum(p.signed_amount for p in payments)


@pytest.mark.parametrize("amount", [1.5, 1_000_000.0, 0, -5_000, True, "1000000"])
def test_money_is_a_positive_integer_of_rupiah(amount: object) -> None:
    with pytest.raises(ValidationError):
        PaymentDraft(booking_id="b", type=PaymentType.DP, amount=amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [1.5, 0, -1])
def test_the_payment_record_itself_refuses_non_positive_or_fractional_money(
    world: World, amount: object
) -> None:
    with pytest.raises(ValidationError):
        Payment(
            id="p",
            tenant_id="t-1",
            booking_id="b",
            type=PaymentType.DP,
            amount=amount,  # type: ignore[arg-type]
            paid_date=day(1),
            recorded_by="u-owner",
            created_at=world.clock.now(),
        )


def test_a_booking_price_is_an_integer_of_rupiah() -> None:
    with pytest.raises(ValidationError):
        BookingDraft(client_name="X", depart_date=day(1), price=1.5e7)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        BookingDraft(client_name="X", depart_date=day(1), price=-1)


def test_an_unknown_payment_method_is_refused_as_a_domain_error(world: World) -> None:
    booking = world.book(10, price=1_000_000)
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        world.pay(booking.id, 500_000, method="BCA")
    assert world.state == before


def test_paying_beyond_what_is_owed_is_refused_and_writes_nothing(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 6_000_000)
    before = world.snapshot()

    with pytest.raises(Overpayment, match=r"Rp4\.000\.000"):
        world.pay(booking.id, 4_000_001, "pelunasan")
    assert world.state == before

    world.pay(booking.id, 4_000_000, "pelunasan")
    assert world.booking(booking.id).outstanding == 0
    with pytest.raises(Overpayment):
        world.pay(booking.id, 1, "other")


def test_a_stated_overpayment_is_accepted_and_shows_as_negative(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 10_000_000, "pelunasan")
    world.pay(booking.id, 500_000, "other", overpayment=True, note="tip")
    stored = world.booking(booking.id)
    assert stored.outstanding == -500_000
    assert [p.overpayment for p in world.state.payments.values()] == [False, True]


def test_a_refund_cannot_exceed_the_money_received(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    with pytest.raises(InvalidInput):
        world.pay(booking.id, 1, "refund")
    world.pay(booking.id, 3_000_000)
    world.pay(booking.id, 1_000_000, "refund")
    before = world.snapshot()
    with pytest.raises(InvalidInput, match=r"Rp2\.000\.000"):
        world.pay(booking.id, 2_000_001, "refund")
    assert world.state == before
    world.pay(booking.id, 2_000_000, "refund")
    stored = world.booking(booking.id)
    assert stored.net_paid == 0 and stored.outstanding == 10_000_000


def test_a_cancelled_booking_takes_refunds_but_no_more_payments(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 3_000_000)
    set_status(world.deps, world.owner, booking.id, BookingStatus.CANCELLED)
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        world.pay(booking.id, 1_000_000, "pelunasan")
    assert world.state == before
    world.pay(booking.id, 3_000_000, "refund")
    assert world.booking(booking.id).net_paid == 0


def test_money_given_back_beyond_the_fee_lowers_it_to_what_is_kept(world: World) -> None:
    """ "refund 2jt, yg 1jt hangus" after a cancellation at a fee of 3jt: the PO keeps 1jt,
    so the fee agreed is 1jt; a refund within the fee's room leaves the fee as it is."""
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 3_000_000)
    set_status(world.deps, world.owner, booking.id, BookingStatus.CANCELLED, agreed_fee=3_000_000)
    stored = world.booking(booking.id)
    assert stored.cancellation_fee == 3_000_000 and stored.refund_due == 0
    assert stored.fee_lowered_by(2_000_000) == 1_000_000
    world.pay(booking.id, 2_000_000, "refund")
    stored = world.booking(booking.id)
    assert stored.cancellation_fee == 1_000_000 and stored.net_paid == 1_000_000
    assert stored.refund_due == 0 and stored.fee_lowered_by(0) is None


def test_taking_back_a_refund_that_lowered_the_fee_puts_the_fee_back(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 3_000_000)
    set_status(world.deps, world.owner, booking.id, BookingStatus.CANCELLED, agreed_fee=3_000_000)
    refund = world.pay(booking.id, 3_000_000, "refund")
    assert world.booking(booking.id).cancellation_fee == 0
    stored = world.booking(booking.id)
    stored.reverse_payment(refund)
    assert stored.cancellation_fee == 3_000_000 and stored.net_paid == 3_000_000


def test_a_refund_within_the_room_the_fee_leaves_keeps_the_fee(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 3_000_000)
    set_status(world.deps, world.owner, booking.id, BookingStatus.CANCELLED, agreed_fee=1_000_000)
    assert world.booking(booking.id).fee_lowered_by(2_000_000) is None
    world.pay(booking.id, 2_000_000, "refund")
    stored = world.booking(booking.id)
    assert stored.cancellation_fee == 1_000_000 and stored.refund_due == 0


def test_payments_need_an_existing_booking_of_the_tenant(world: World) -> None:
    with pytest.raises(NotFound):
        world.pay("nope", 1_000)
    booking = world.book(10, price=1_000_000)
    before = world.snapshot()
    with pytest.raises(NotFound):
        world.pay(booking.id, 1_000, actor=world.other_owner)
    assert world.state == before


def test_a_driver_never_records_or_reads_money(world: World) -> None:
    booking = world.book(10, price=1_000_000, buses=[("bus-1", "u-drv1")])
    before = world.snapshot()
    with pytest.raises(Forbidden):
        world.pay(booking.id, 1_000, actor=world.driver1)
    for read in (
        lambda: receivables(world.deps, world.driver1),
        lambda: overdue_settlements(world.deps, world.driver1, day(20)),
        lambda: weekly_summary(world.deps, world.driver1, day(1)),
        lambda: payments_between(world.deps, world.driver1, DateRange.single(day(1))),
    ):
        with pytest.raises(Forbidden):
            read()
    assert world.state == before


# --- who owes what ------------------------------------------------------------------------


def test_receivables_group_open_balances_per_client_largest_first(world: World) -> None:
    a1 = world.book(10, client="Pak Agus", price=10_000_000)
    a2 = world.book(20, client="pak  agus", price=5_000_000)
    r = world.book(12, client="Bu Rina", price=12_000_000)
    paid = world.book(14, client="Lunas", price=1_000_000)
    gone = world.book(16, client="Batal", price=9_000_000)
    world.pay(a1.id, 4_000_000)
    world.pay(paid.id, 1_000_000)
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)

    owed = receivables(world.deps, world.owner)

    assert [(c.client_name, c.total) for c in owed] == [
        ("Bu Rina", 12_000_000),
        ("Pak Agus", 11_000_000),
    ]
    agus = owed[1]
    assert {b.booking_id: b.outstanding for b in agus.bookings} == {
        a1.id: 6_000_000,
        a2.id: 5_000_000,
    }
    assert owed[0].bookings[0].booking_id == r.id


def test_settlement_is_due_three_days_before_departure_by_default(world: World) -> None:
    booking = world.book(10, price=1_000_000)
    [client] = receivables(world.deps, world.owner)
    assert client.bookings[0].settlement_due == day(7)
    assert world.booking(booking.id).settlement_due(TenantSettings()) == day(7)


def test_the_tenant_setting_moves_the_default_settlement_date(world: World) -> None:
    world.book(10, price=1_000_000)
    set_settings(world, settlement_days_before_departure=0)
    [client] = receivables(world.deps, world.owner)
    assert client.bookings[0].settlement_due == day(10)


def test_a_booking_can_set_its_own_settlement_date(world: World) -> None:
    booking = world.book(10, price=1_000_000, settlement_due_date=day(12))
    [client] = receivables(world.deps, world.owner)
    assert client.bookings[0].settlement_due == day(12)
    change_booking(world.deps, world.owner, booking.id, BookingChanges(settlement_due_date=day(9)))
    [client] = receivables(world.deps, world.owner)
    assert client.bookings[0].settlement_due == day(9)


def test_overdue_settlements_are_open_balances_past_their_due_date(world: World) -> None:
    due_7 = world.book(10, client="A", price=1_000_000)  # due 7 March
    due_5 = world.book(8, client="B", price=1_000_000)  # due 5 March
    world.book(11, client="C", price=1_000_000)  # due 8 March: today is not overdue
    paid = world.book(9, client="D", price=1_000_000)
    world.pay(paid.id, 1_000_000)
    gone = world.book(9, client="E", price=1_000_000)
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)
    free = world.book(9, client="F", price=0)
    assert world.booking(free.id).outstanding == 0

    found = overdue_settlements(world.deps, world.admin, day(8))

    assert [b.booking_id for b in found] == [due_5.id, due_7.id]
    assert [b.settlement_due for b in found] == [day(5), day(7)]
    assert overdue_settlements(world.deps, world.admin, day(5)) == []


def test_weekly_summary_figures(world: World) -> None:
    a = world.book(3, 4, client="A", price=10_000_000)
    b = world.book(6, client="B", price=8_000_000)
    c = world.book(7, client="C", price=2_000_000)
    world.book(20, client="Later", price=5_000_000)
    set_status(world.deps, world.owner, c.id, BookingStatus.CANCELLED)
    # Seen on the 8th, once every payment of the week was made (none is recorded ahead).
    world.clock.set_today(day(8))
    world.pay(a.id, 4_000_000, paid_date=day(2))
    world.pay(a.id, 6_000_000, "pelunasan", paid_date=day(3))
    world.pay(b.id, 3_000_000, paid_date=day(8))
    world.pay(a.id, 1_000_000, "refund", paid_date=day(5))

    summary = weekly_summary(world.deps, world.owner, day(2))

    assert summary.week == DateRange(start=day(2), end=day(8))
    # The week ends on the 8th: b's DP counts.
    assert (summary.received, summary.refunded, summary.net) == (13_000_000, 1_000_000, 12_000_000)
    assert summary.payments == 4
    assert summary.trips == 2  # a and b; c is cancelled, Later is outside
    # a owes 1M again after the refund, b 5M, Later 5M, and c its unpaid cancellation
    # fee (50% of 2M, cancelled 6 days before).
    assert world.booking(c.id).fee_unpaid == 1_000_000
    assert summary.outstanding == 12_000_000
    # a (due 28 Feb), b (due 3 March) and c's fee (due 4 March), seen on the 8th.
    assert summary.overdue == 3


def test_payments_between_reads_by_paid_date(world: World) -> None:
    a = world.book(10, price=10_000_000)
    world.clock.set_today(day(4))
    world.pay(a.id, 1_000_000, paid_date=day(1))
    world.pay(a.id, 2_000_000, paid_date=day(4))
    found = payments_between(world.deps, world.owner, DateRange(start=day(2), end=day(4)))
    assert [p.amount for p in found] == [2_000_000]
    assert payments_between(world.deps, world.other_owner, DateRange.single(day(4))) == []


def test_a_refused_payment_changes_no_balance_and_sends_no_alert(world: World) -> None:
    booking = world.book(10, price=1_000_000)
    before = world.snapshot()
    for draft in (
        PaymentDraft(booking_id=booking.id, type=PaymentType.DP, amount=2_000_000),
        PaymentDraft(booking_id=booking.id, type=PaymentType.REFUND, amount=1),
    ):
        with pytest.raises((Overpayment, InvalidInput)):
            record_payment(world.deps, world.owner, draft)
    assert world.state == before
    assert world.booking(booking.id).paid_total == 0


def test_paid_date_can_be_given(world: World) -> None:
    booking = world.book(10, price=1_000_000)
    p = world.pay(booking.id, 1_000, paid_date=date(2026, 2, 27))
    assert world.state.payments[p.id].paid_date == date(2026, 2, 27)


def test_a_payment_dated_after_today_is_refused(world: World) -> None:
    # Money promised for tomorrow has not moved: recorded ahead, the balance, the receipt
    # and the owner's alert would say it was paid. Today's and earlier days' are taken.
    booking = world.book(10, price=1_000_000)
    today = world.clock.today()
    before = world.state
    with pytest.raises(InvalidInput, match="belum terjadi"):
        world.pay(booking.id, 1_000, paid_date=today + timedelta(days=1))
    assert world.state == before
    assert world.pay(booking.id, 1_000, paid_date=today).paid_date == today


@pytest.mark.parametrize(
    ("method", "shown"),
    [
        ("cash", "tunai"),
        ("qris", "QRIS"),
        ("transfer", "transfer"),
        ("transfer_bca", "transfer BCA"),
        ("transfer_bsi", "transfer BSI"),
        ("transfer_mandiri", "transfer Mandiri"),
        ("transfer_jago", "transfer Jago"),
    ],
)
def test_a_method_is_shown_one_way(method: str, shown: str) -> None:
    # Banks known by their initials are written so; the others by name, never shouted.
    assert method_label(method) == shown


def overdue_told(world: World, on: date) -> bool:
    """Whether the owner's morning briefing of `on` tells of an overdue balance."""
    planned = briefing.morning(world.deps, NoHolidays(), "t-1", on, dry_run=True) or []
    owner = [p.message.body for p in planned if p.briefing.user.id == world.owner.id]
    return any("Lewat jatuh tempo" in body for body in owner)


class NoHolidays:
    def between(self, start: date, end: date) -> list[Holiday]:
        return []


def test_the_due_day_itself_is_not_yet_overdue(world: World) -> None:
    booking = world.book(10, client="Pak Agus", price=3_000_000)  # due day(7)
    assert world.booking(booking.id).settlement_due(TenantSettings()) == day(7)
    assert not overdue_told(world, day(7))
    assert overdue_settlements(world.deps, world.owner, day(7)) == []
    assert overdue_told(world, day(8))
    [late] = overdue_settlements(world.deps, world.owner, day(8))
    assert late.booking_id == booking.id


def test_a_dp_of_the_full_price_settles_the_booking(world: World) -> None:
    booking = world.book(10, client="Pak Agus", price=3_000_000)
    world.pay(booking.id, 3_000_000, "dp")
    stored = world.booking(booking.id)
    assert (stored.paid_total, stored.outstanding) == (3_000_000, 0)
    assert receivables(world.deps, world.owner) == []
    assert not overdue_told(world, day(9))
    with pytest.raises(Overpayment):  # one rupiah more is refused unless stated
        world.pay(booking.id, 1, "pelunasan")


# --- money confirms a waiting booking -----------------------------------------------------


def test_money_received_confirms_a_waiting_booking_and_the_payment_says_so(world: World) -> None:
    booking = world.book(10, price=15_000_000)
    assert world.booking(booking.id).status is BookingStatus.PENDING

    dp = world.pay(booking.id, 2_000_000, "dp")

    assert world.booking(booking.id).status is BookingStatus.CONFIRMED
    assert world.state.payments[dp.id].confirmed_booking is True
    # The next payment finds it confirmed already: it confirmed nothing.
    more = world.pay(booking.id, 3_000_000, "pelunasan")
    assert world.state.payments[more.id].confirmed_booking is False


def test_a_refund_or_a_refused_payment_confirms_nothing(world: World) -> None:
    booking = world.book(10, price=5_000_000)
    with pytest.raises(Overpayment):
        world.pay(booking.id, 9_000_000, "dp")
    assert world.booking(booking.id).status is BookingStatus.PENDING
    dry = record_payment(
        world.deps,
        world.admin,
        PaymentDraft(booking_id=booking.id, type=PaymentType.DP, amount=1_000_000),
        dry_run=True,
    )
    assert dry.confirmed_booking is True  # what a yes would do, said before it
    assert world.booking(booking.id).status is BookingStatus.PENDING
