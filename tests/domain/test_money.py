"""Money beyond the ledger: cancellation fees, trip costs and profit, aging, utilisation and
the season. Properties on the pure rules; use cases on the in-memory fakes; a seeded year
checked against figures computed by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keloia.domain.errors import Forbidden, InvalidInput, NotFound
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.cancellation import (
    DEFAULT_CANCELLATION_FEES,
    CancellationPolicy,
    CancellationTier,
    FeeKind,
    cancellation_fee,
)
from keloia.domain.model.clients import client_keys, known_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.money import (
    AgeBucket,
    CostCategory,
    TripCost,
    age_bucket,
    payment_candidates,
    payment_kind,
    profit_report,
    quote_cancellation,
    same_cost_recorded,
    uang_jalan_recorded,
)
from keloia.domain.model.payments import Payment, PaymentType
from keloia.domain.model.season import SeasonKind, season_outlook, week_season
from keloia.domain.services import money, payments
from keloia.domain.services.bookings import BookingDraft, create_booking, set_status
from keloia.domain.services.money import TripCostDraft

from .world import World, day

CREATED = datetime(2026, 1, 1, tzinfo=UTC)

# --- properties of the pure rules ------------------------------------------------------

tiers = st.lists(
    st.builds(
        CancellationTier,
        min_days_before=st.integers(-30, 120),
        kind=st.sampled_from(FeeKind),
        amount=st.integers(0, 50_000_000),
        percent=st.integers(0, 100),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda t: t.min_days_before,
).map(lambda ts: CancellationPolicy(tiers=tuple(sorted(ts, key=lambda t: -t.min_days_before))))


def booking(
    bid: str = "b-1",
    price: int = 9_000_000,
    paid: int = 0,
    refunded: int = 0,
    depart: date = date(2026, 3, 10),
    days: int = 1,
    buses: tuple[str, ...] = ("bus-1",),
    bus_count: int | None = None,
    status: BookingStatus = BookingStatus.CONFIRMED,
    fee: int | None = None,
    phone: str | None = None,
    client: str = "Pak Agus",
) -> Booking:
    return Booking(
        id=bid,
        tenant_id="t-1",
        client_name=client,
        client_phone=phone,
        route_from="Jogja",
        route_to="Bali",
        depart_date=depart,
        return_date=depart + timedelta(days=days - 1),
        price=price,
        status=status,
        bus_count=bus_count or max(1, len(buses)),
        assignments=[BusAssignment(bus_id=b) for b in buses],
        paid_total=paid,
        refunded_total=refunded,
        cancellation_fee=fee,
        created_by="u-owner",
        created_at=CREATED,
    )


def dp(amount: int, bid: str = "b-1") -> Payment:
    return Payment(
        id=f"p-{amount}",
        tenant_id="t-1",
        booking_id=bid,
        type=PaymentType.DP,
        amount=amount,
        paid_date=date(2026, 1, 5),
        recorded_by="u-owner",
        created_at=CREATED,
    )


@given(
    policy=tiers,
    price=st.integers(0, 100_000_000),
    dp_paid=st.integers(0, 100_000_000),
    days_before=st.integers(-60, 400),
)
def test_the_fee_is_always_within_zero_and_the_price(
    policy: CancellationPolicy, price: int, dp_paid: int, days_before: int
) -> None:
    fee = cancellation_fee(price, dp_paid, days_before, policy)
    assert isinstance(fee, int)
    assert 0 <= fee <= (price or dp_paid)  # no price agreed yet: at most the DP


@given(
    policy=tiers,
    price=st.integers(1, 100_000_000),
    dp_share=st.integers(0, 100),
    paid_share=st.integers(0, 100),
    days_before=st.integers(-10, 200),
)
def test_refund_and_fee_account_for_every_rupiah_paid(
    policy: CancellationPolicy, price: int, dp_share: int, paid_share: int, days_before: int
) -> None:
    paid = price * paid_share // 100
    dp_amount = paid * dp_share // 100
    b = booking(price=price, paid=paid, depart=date(2026, 6, 1))
    quote = quote_cancellation(
        b,
        [dp(dp_amount)] if dp_amount else [],
        date(2026, 6, 1) - timedelta(days=days_before),
        policy,
    )
    values = quote.model_dump()
    assert all(isinstance(v, int) for k, v in values.items() if k != "rule")
    assert 0 <= quote.fee <= price
    # refund + the fee kept = paid; the fee = kept + what the client still owes of it.
    assert quote.refund + quote.fee_kept == quote.paid == paid
    assert quote.fee_kept + quote.fee_unpaid == quote.fee
    assert quote.refund >= 0 and quote.fee_unpaid >= 0


costs_strategy = st.lists(
    st.tuples(
        st.integers(0, 7),  # which booking
        st.sampled_from(["bus-1", "bus-2", "bus-3", None]),
        st.sampled_from(CostCategory),
        st.integers(1, 5_000_000),
    ),
    max_size=30,
)


@given(
    trips=st.lists(
        st.tuples(
            st.integers(0, 700),  # departure, days after 2025-06-01
            st.integers(0, 50_000_000),
            st.lists(st.sampled_from(["bus-1", "bus-2", "bus-3"]), unique=True, max_size=3),
            st.integers(0, 2),  # buses not yet assigned
            st.booleans(),  # cancelled with a fee
        ),
        min_size=1,
        max_size=8,
    ),
    costs=costs_strategy,
)
def test_profit_per_trip_per_bus_and_per_month_add_up(
    trips: list[tuple[int, int, list[str], int, bool]],
    costs: list[tuple[int, str | None, CostCategory, int]],
) -> None:
    bookings = []
    for n, (offset, price, buses, unassigned, cancelled) in enumerate(trips):
        bookings.append(
            booking(
                bid=f"b-{n}",
                price=price,
                paid=price // 2,
                depart=date(2025, 6, 1) + timedelta(days=offset),
                buses=tuple(buses),
                bus_count=len(buses) + unassigned or 1,
                status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                fee=price // 3 if cancelled else None,
            )
        )
    records = []
    for n, (which, bus, category, amount) in enumerate(costs):
        target = bookings[which % len(bookings)]
        records.append(
            TripCost(
                id=f"c-{n}",
                tenant_id="t-1",
                booking_id=target.id,
                bus_id=bus if bus in target.bus_ids() else None,
                category=category,
                amount=amount,
                trip_date=target.depart_date,
                recorded_by="u-owner",
                created_at=CREATED,
            )
        )
    report = profit_report(bookings, records)
    for trip in report.trips:
        assert trip.profit == trip.revenue - trip.costs
        assert isinstance(trip.revenue, int) and isinstance(trip.costs, int)
    assert report.costs == sum(c.amount for c in records)
    for index in (0, 1):  # revenue, then costs
        total = sum(t.revenue if index == 0 else t.costs for t in report.trips)
        assert sum(v[index] for v in report.per_bus.values()) == total
        assert sum(v[index] for v in report.per_month.values()) == total


# --- the rules by example --------------------------------------------------------------


def test_the_issue_example_sentence() -> None:
    b = booking(price=9_000_000, paid=5_000_000, depart=date(2026, 3, 10))
    quote = quote_cancellation(b, [dp(5_000_000)], date(2026, 3, 5), DEFAULT_CANCELLATION_FEES)
    assert (quote.fee, quote.refund) == (4_500_000, 500_000)
    assert quote.sentence() == (
        "Batal sekarang kena Rp4.500.000 sesuai kebijakan (50% dari harga), "
        "DP Rp5.000.000, kembali Rp500.000."
    )


@pytest.mark.parametrize(
    ("days_before", "fee"),
    [
        (45, 250_000),
        (31, 250_000),
        (30, 5_000_000),
        (8, 5_000_000),
        (7, 4_500_000),
        (1, 4_500_000),
        (0, 9_000_000),
        (-2, 9_000_000),
    ],
)
def test_the_default_tiers(days_before: int, fee: int) -> None:
    assert cancellation_fee(9_000_000, 5_000_000, days_before, DEFAULT_CANCELLATION_FEES) == fee


def test_a_fee_above_what_was_paid_is_owed_not_refunded() -> None:
    b = booking(price=9_000_000, paid=1_000_000, depart=date(2026, 3, 10))
    quote = quote_cancellation(b, [dp(1_000_000)], date(2026, 3, 10), DEFAULT_CANCELLATION_FEES)
    assert (quote.fee, quote.fee_kept, quote.fee_unpaid, quote.refund) == (
        9_000_000,
        1_000_000,
        8_000_000,
        0,
    )
    assert "masih kurang Rp8.000.000" in quote.sentence()


@pytest.mark.parametrize(
    ("past", "bucket"),
    [
        (-1, AgeBucket.NOT_DUE),
        (0, AgeBucket.DAYS_0_7),
        (7, AgeBucket.DAYS_0_7),
        (8, AgeBucket.DAYS_8_30),
        (30, AgeBucket.DAYS_8_30),
        (31, AgeBucket.DAYS_31_PLUS),
    ],
)
def test_age_buckets(past: int, bucket: AgeBucket) -> None:
    assert age_bucket(past) is bucket


def test_the_season_of_a_week() -> None:
    lebaran = [date(2027, 3, 10)]
    holidays = {date(2026, 12, 25): "Hari Raya Natal"}
    assert (
        week_season(DateRange(start=date(2027, 3, 1), end=date(2027, 3, 7)), {}, lebaran)[0]
        is SeasonKind.LEBARAN
    )
    assert week_season(
        DateRange(start=date(2026, 6, 22), end=date(2026, 6, 28)), holidays, lebaran
    ) == (SeasonKind.SCHOOL, "libur sekolah")
    assert week_season(
        DateRange(start=date(2026, 12, 21), end=date(2026, 12, 27)), holidays, lebaran
    ) == (SeasonKind.SCHOOL, "libur sekolah dan Hari Raya Natal")
    assert week_season(
        DateRange(start=date(2026, 8, 10), end=date(2026, 8, 16)), {date(2026, 8, 17): "x"}, []
    ) == (SeasonKind.NORMAL, "")


def test_the_demand_hint_counts_buses_taken_and_past_years() -> None:
    # Today Wednesday 2026-06-17: next week (22-28 June) is the school break.
    coming = [
        booking(bid=f"b-{n}", depart=date(2026, 6, 23), buses=(f"bus-{n}",)) for n in range(4)
    ]
    coming.append(
        booking(
            bid="b-x", depart=date(2026, 6, 23), buses=("bus-5",), status=BookingStatus.CANCELLED
        )
    )
    past = [date(2025, 6, 24)] * 7 + [date(2024, 6, 25)] * 5  # ISO week 26 both years
    weeks = season_outlook(date(2026, 6, 17), 2, 6, coming, past, {}, [], years_back=2)
    assert weeks[0].week == DateRange(start=date(2026, 6, 22), end=date(2026, 6, 28))
    assert (weeks[0].buses_booked, weeks[0].bookings_last_year) == (4, 7)
    assert weeks[0].bookings_past_average == 6
    assert weeks[0].sentence("Minggu depan") == (
        "Minggu depan libur sekolah: 4 dari 6 bus sudah terisi. "
        "Tahun lalu minggu yang sama ada 7 booking."
    )


# --- use cases on the fakes ------------------------------------------------------------


def test_cancelling_records_the_fee_and_the_refund_due(world: World) -> None:
    world.clock.set_today(day(1))
    b = world.book(8, price=9_000_000, buses=[(world.bus1.id, world.driver1.id)])
    world.pay(b.id, 5_000_000, "dp")
    assert money.cancellation_quote(world.deps, world.admin, b.id).fee == 4_500_000

    set_status(world.deps, world.admin, b.id, BookingStatus.CANCELLED)
    stored = world.booking(b.id)
    assert (stored.cancellation_fee, stored.refund_due) == (4_500_000, 500_000)
    (entry,) = world.activity("booking.cancelled")
    assert entry.snapshot["cancellation"]["refund"] == 500_000
    texts = {a.user_id: a.text for a in world.alerts(AlertKind.BOOKING_CANCELLED)}
    assert "Rp4.500.000" in texts[world.owner.id]
    assert "Rp" not in texts[world.driver1.id]  # a driver never sees money


def test_a_fee_agreed_with_the_client_replaces_the_policys(world: World) -> None:
    # The admin says what was agreed ("potongan 1jt"): that fee, the rest of the DP back,
    # and the managers hear the policy's fee beside it.
    world.clock.set_today(day(1))
    b = world.book(8, price=9_000_000)
    world.pay(b.id, 3_000_000, "dp")
    quote = money.cancellation_quote(world.deps, world.admin, b.id, agreed_fee=1_000_000)
    assert (quote.fee, quote.refund, quote.policy_fee) == (1_000_000, 2_000_000, 4_500_000)
    assert quote.sentence().startswith(
        "Biaya pembatalan Rp1.000.000 sesuai yang disepakati (menurut kebijakan Rp4.500.000, "
        "50% dari harga)"
    )
    with pytest.raises(InvalidInput):
        money.cancellation_quote(world.deps, world.admin, b.id, agreed_fee=9_500_000)
    set_status(world.deps, world.admin, b.id, BookingStatus.CANCELLED, agreed_fee=1_000_000)
    stored = world.booking(b.id)
    assert (stored.cancellation_fee, stored.refund_due) == (1_000_000, 2_000_000)
    texts = {a.user_id: a.text for a in world.alerts(AlertKind.BOOKING_CANCELLED)}
    assert "disepakati" in texts[world.owner.id] and "Rp4.500.000" in texts[world.owner.id]


def test_a_booking_saved_by_mistake_and_taken_back_costs_nothing(world: World) -> None:
    # The same trip a week away would cost half its price under the policy; saved by
    # mistake and taken back ("hapus yg barusan, salah catat"), it was never agreed: no fee,
    # what was paid goes back, and the owner hears it was a slip.
    world.clock.set_today(day(1))
    b = world.book(8, price=9_000_000, buses=[(world.bus1.id, world.driver1.id)])
    world.pay(b.id, 1_000_000, "dp")
    set_status(world.deps, world.admin, b.id, BookingStatus.CANCELLED, slip=True)
    stored = world.booking(b.id)
    assert (stored.status, stored.cancellation_fee, stored.refund_due) == (
        BookingStatus.CANCELLED,
        0,
        1_000_000,
    )
    (entry,) = world.activity("booking.cancelled")
    assert entry.snapshot["slip"] is True
    texts = {a.user_id: a.text for a in world.alerts(AlertKind.BOOKING_CANCELLED)}
    assert "salah catat" in texts[world.owner.id] and "Rp4.500.000" not in texts[world.owner.id]
    assert "Rp1.000.000" in texts[world.owner.id]  # the DP to give back
    assert world.driver1.id in texts  # the crew hear the trip is off


def test_a_dp_said_forfeited_is_a_fee_of_what_was_paid(world: World) -> None:
    # "dp hangus": the PO keeps what the client paid, gives nothing back and asks nothing
    # more, though the policy (50% of the price, H-7) would ask Rp4.500.000. The admin may
    # say it; the owner hears the fee and the policy's beside it.
    world.clock.set_today(day(1))
    b = world.book(8, price=9_000_000, buses=[(world.bus1.id, world.driver1.id)])
    world.pay(b.id, 3_000_000, "dp")
    quote = money.cancellation_quote(world.deps, world.admin, b.id, forfeit=True)
    assert (quote.fee, quote.refund, quote.fee_unpaid, quote.policy_fee) == (
        3_000_000,
        0,
        0,
        4_500_000,
    )
    assert quote.sentence() == (
        "DP hangus: yang sudah dibayar Rp3.000.000 jadi biaya pembatalan, tidak ada yang "
        "dikembalikan dan tidak ada tagihan lagi (menurut kebijakan Rp4.500.000, 50% dari harga)."
    )
    set_status(world.deps, world.admin, b.id, BookingStatus.CANCELLED, forfeit=True)
    stored = world.booking(b.id)
    assert (stored.cancellation_fee, stored.refund_due, stored.fee_unpaid) == (3_000_000, 0, 0)
    (entry,) = world.activity("booking.cancelled")
    assert entry.snapshot["cancellation"]["forfeited"] is True
    texts = {a.user_id: a.text for a in world.alerts(AlertKind.BOOKING_CANCELLED)}
    assert "DP hangus" in texts[world.owner.id] and "Rp4.500.000" in texts[world.owner.id]
    assert "Rp" not in texts[world.driver1.id]


def test_a_dp_forfeited_keeps_it_all_when_the_policy_asks_less() -> None:
    # Forty days before, the policy keeps an admin fee of Rp250.000; "dp hangus" keeps the
    # whole DP. Nothing paid: nothing is kept and nothing is owed, said so.
    b = booking(price=9_000_000, paid=5_000_000, depart=date(2026, 3, 10))
    quote = quote_cancellation(
        b, [dp(5_000_000)], date(2026, 1, 29), DEFAULT_CANCELLATION_FEES, forfeit=True
    )
    assert (quote.fee, quote.refund, quote.policy_fee) == (5_000_000, 0, 250_000)
    none = quote_cancellation(
        booking(price=9_000_000), [], date(2026, 3, 8), DEFAULT_CANCELLATION_FEES, forfeit=True
    )
    assert (none.fee, none.fee_unpaid, none.refund) == (0, 0, 0)
    assert none.sentence().startswith("DP hangus, tapi belum ada pembayaran yang tercatat")
    # Paid beyond the price is no DP: that part still goes back.
    over = quote_cancellation(
        booking(price=9_000_000, paid=9_500_000),
        [],
        date(2026, 3, 8),
        DEFAULT_CANCELLATION_FEES,
        forfeit=True,
    )
    assert (over.fee, over.refund) == (9_000_000, 500_000)


def test_only_the_owner_waives_a_fee_and_it_is_on_record(world: World) -> None:
    world.clock.set_today(day(1))
    b = world.book(8, price=9_000_000)
    world.pay(b.id, 5_000_000, "dp")
    set_status(world.deps, world.admin, b.id, BookingStatus.CANCELLED)
    with pytest.raises(Forbidden):
        money.waive_cancellation_fee(world.deps, world.admin, b.id)
    money.waive_cancellation_fee(world.deps, world.owner, b.id)
    assert (world.booking(b.id).cancellation_fee, world.booking(b.id).refund_due) == (0, 5_000_000)
    (entry,) = world.activity("booking.cancellation_fee_waived")
    assert entry.snapshot == {"waived_fee": 4_500_000, "refund_due": 5_000_000}
    assert entry.actor_id == world.owner.id
    # The admin heard the fee with the cancellation, and hears it is let go; the owner who
    # waived it is not told of it.
    waived = [a for a in world.alerts(AlertKind.BOOKING_CHANGED) if "membebaskan" in a.text]
    assert [a.user_id for a in waived] == [world.admin.id]
    assert "Rp4.500.000" in waived[0].text and "Refund ke klien Rp5.000.000" in waived[0].text


def test_a_driver_reports_costs_of_own_trips_only_and_the_owner_hears(world: World) -> None:
    mine = world.book(5, 6, buses=[(world.bus1.id, world.driver1.id)])
    other = world.book(5, 6, buses=[(world.bus2.id, world.driver2.id)], client="Bu Rina")
    cost = money.record_trip_cost(
        world.deps,
        world.driver1,
        TripCostDraft(booking_id=mine.id, category=CostCategory.BBM, amount=1_200_000),
    )
    assert cost.bus_id == world.bus1.id  # the driver's own bus
    assert world.state.trip_costs[cost.id].amount == 1_200_000
    assert world.alert_recipients(AlertKind.TRIP_COST_RECORDED) == {world.owner.id}
    with pytest.raises(NotFound):
        money.record_trip_cost(
            world.deps,
            world.driver1,
            TripCostDraft(booking_id=other.id, category=CostCategory.TOL, amount=450_000),
        )
    with pytest.raises(Forbidden):
        money.trip_profit(world.deps, world.driver1, mine.id)
    profit = money.trip_profit(world.deps, world.owner, mine.id)
    assert (profit.revenue, profit.costs, profit.profit) == (15_000_000, 1_200_000, 13_800_000)


def test_a_driver_reads_back_only_the_costs_he_reported_on_his_own_trip(world: World) -> None:
    mine = world.book(5, 6, buses=[(world.bus1.id, world.driver1.id)])
    other = world.book(5, 6, buses=[(world.bus2.id, world.driver2.id)], client="Bu Rina")
    for who, booking, amount in (
        (world.driver1, mine, 800_000),
        (world.owner, mine, 300_000),  # the office's cost on his trip is not his to read
        (world.driver2, other, 450_000),
    ):
        draft = TripCostDraft(booking_id=booking.id, category=CostCategory.BBM, amount=amount)
        money.record_trip_cost(world.deps, who, draft)
    assert [c.amount for c in money.reported_by_self(world.deps, world.driver1, mine.id)] == [
        800_000
    ]
    assert money.reported_by_self(world.deps, world.driver1, other.id) == []


# --- a seeded year, against figures computed by hand ------------------------------------


def _book(
    world: World,
    start: date,
    days: int,
    bus_id: str,
    price: int,
    client: str,
    phone: str | None = None,
) -> Booking:
    draft = BookingDraft(
        client_name=client,
        client_phone=phone,
        route_from="Jogja",
        route_to="Bali",
        depart_date=start,
        return_date=start + timedelta(days=days - 1),
        price=price,
        assignments=[BusAssignment(bus_id=bus_id)],
    )
    return create_booking(world.deps, world.owner, draft)


def seed_year(world: World) -> dict[str, str]:
    """2026: bus 1 out every weekend (Saturday-Sunday, Rp4.000.000, tol Rp300.000 on the
    trip), bus 2 out the 10th to the 14th of every month (Rp10.000.000, BBM Rp2.000.000 on
    the bus), bus 3 never. Everything paid but the trips named in `unpaid` below."""
    world.clock.set_today(date(2025, 12, 1))
    named: dict[str, str] = {}
    saturday = date(2026, 1, 3)
    while saturday.year == 2026:
        b = _book(world, saturday, 2, world.bus1.id, 4_000_000, f"Rombongan {saturday:%d%m}")
        money.record_trip_cost(
            world.deps,
            world.owner,
            TripCostDraft(booking_id=b.id, category=CostCategory.TOL, amount=300_000),
        )
        named[f"weekend-{saturday:%m%d}"] = b.id
        saturday += timedelta(days=7)
    for month in range(1, 13):
        agus = month in (10, 11)
        b = _book(
            world,
            date(2026, month, 10),
            5,
            world.bus2.id,
            10_000_000,
            "Pak Agus" if month == 10 else "pak agus" if agus else f"Klien {month}",
            "+628111000111" if agus else None,
        )
        money.record_trip_cost(
            world.deps,
            world.owner,
            TripCostDraft(
                booking_id=b.id, category=CostCategory.BBM, amount=2_000_000, bus_id=world.bus2.id
            ),
        )
        named[f"month-{month}"] = b.id
    unpaid = {
        "month-10": 6_000_000,
        "month-11": 4_000_000,
        "month-12": 10_000_000,
        "weekend-1219": 1_000_000,
    }
    for key, bid in named.items():
        paid = world.booking(bid).price - unpaid.get(key, 0)
        if paid:
            world.pay(bid, paid, "dp")
    return named


def test_utilisation_of_a_seeded_year(world: World) -> None:
    seed_year(world)
    march = DateRange(start=date(2026, 3, 1), end=date(2026, 3, 31))
    report = money.utilisation(world.deps, world.owner, march)
    by_bus = {u.bus_id: u for u in report.buses}
    # March 2026: Sunday the 1st (the weekend of Saturday 28 February), then Saturdays 7,
    # 14, 21, 28 with their Sundays -> 9 days; bus 2: 10..14 -> 5 days.
    assert by_bus[world.bus1.id].days_on_road == 9
    assert by_bus[world.bus2.id].days_on_road == 5
    assert by_bus[world.bus3.id].days_on_road == 0
    # Busy = at least 2 of 3 buses out: only Saturday the 14th.
    assert report.busy_days == [date(2026, 3, 14)]
    assert by_bus[world.bus3.id].idle_on_busy_days == 1
    assert by_bus[world.bus1.id].idle_on_busy_days == 0
    # Revenue and profit: 4 weekends x 4jt - 4 x 300rb; 10jt - 2jt.
    assert (by_bus[world.bus1.id].revenue, by_bus[world.bus1.id].profit) == (16_000_000, 14_800_000)
    assert (by_bus[world.bus2.id].revenue, by_bus[world.bus2.id].profit) == (10_000_000, 8_000_000)
    assert report.buses[0].bus_id == world.bus1.id  # the most profitable first

    january = money.utilisation(
        world.deps, world.owner, DateRange(start=date(2026, 1, 1), end=date(2026, 1, 31))
    )
    # Saturdays 3, 10, 17, 24, 31: four whole weekends and the 31st -> 9 days.
    assert {u.bus_id: u.days_on_road for u in january.buses}[world.bus1.id] == 9

    year = money.profit_between(
        world.deps, world.owner, DateRange(start=date(2026, 1, 1), end=date(2026, 12, 31))
    )
    # 52 weekends (Saturdays 3 Jan .. 26 Dec) and 12 monthly trips.
    assert year.revenue == 52 * 4_000_000 + 12 * 10_000_000
    assert year.costs == 52 * 300_000 + 12 * 2_000_000
    assert year.per_bus[world.bus2.id] == (120_000_000, 24_000_000)
    assert year.per_month["2026-03"] == (26_000_000, 3_200_000)


def test_aging_of_a_seeded_year(world: World) -> None:
    named = seed_year(world)
    world.clock.set_today(date(2026, 12, 31))
    report = money.receivables_aging(world.deps, world.admin)
    # Due 3 days before departure: Oct 10 -> Oct 7 (85 days), Nov 10 -> Nov 7 (54),
    # Dec 10 -> Dec 7 (24), weekend of Dec 19 -> Dec 16 (15).
    assert [(r.booking_id, r.days_past_due) for r in report.bookings] == [
        (named["month-10"], 85),
        (named["month-11"], 54),
        (named["month-12"], 24),
        (named["weekend-1219"], 15),
    ]
    assert report.buckets == {
        AgeBucket.NOT_DUE: 0,
        AgeBucket.DAYS_0_7: 0,
        AgeBucket.DAYS_8_30: 11_000_000,
        AgeBucket.DAYS_31_PLUS: 10_000_000,
    }
    first = report.clients[0]
    # Pak Agus, known by his phone across two bookings, has waited longest.
    assert (first.client_phone, first.total, len(first.bookings)) == (
        "+628111000111",
        10_000_000,
        2,
    )
    with pytest.raises(Forbidden):
        money.receivables_aging(world.deps, world.driver1)


# --- which booking a payment goes to, and its kind --------------------------------------


def test_a_refund_goes_to_the_cancelled_booking_holding_the_dp_not_the_paid_trip() -> None:
    paid_trip = booking("paid", price=4_500_000, paid=4_500_000, status=BookingStatus.COMPLETED)
    cancelled = booking("off", paid=2_000_000, status=BookingStatus.CANCELLED, fee=2_000_000)
    # The policy kept the DP (refund due 0); given back anyway, it still goes there.
    assert payment_candidates([paid_trip, cancelled], PaymentType.REFUND) == [cancelled]
    owed_back = booking("owed", paid=5_000_000, status=BookingStatus.CANCELLED, fee=250_000)
    assert payment_candidates([paid_trip, cancelled, owed_back], PaymentType.REFUND) == [owed_back]
    # Nothing else holds money: the paid trip is the only place a refund can go.
    assert payment_candidates([paid_trip], PaymentType.REFUND) == [paid_trip]


def test_money_in_goes_to_a_live_booking_with_a_balance() -> None:
    paid_trip = booking("paid", price=4_500_000, paid=4_500_000, status=BookingStatus.COMPLETED)
    owing = booking("owing", paid=1_000_000)
    cancelled = booking("off", paid=2_000_000, status=BookingStatus.CANCELLED, fee=2_000_000)
    for kind in (None, PaymentType.DP, PaymentType.PELUNASAN):
        assert payment_candidates([paid_trip, owing, cancelled], kind) == [owing]
    assert payment_candidates([paid_trip, cancelled], None) == [paid_trip]


@pytest.mark.parametrize(
    ("paid", "amount", "paid_on", "kind"),
    [
        (0, 1_000_000, date(2026, 3, 1), PaymentType.DP),  # the first money, early, a balance left
        (0, 9_000_000, date(2026, 3, 1), PaymentType.PELUNASAN),  # settles it
        (0, 1_000_000, date(2026, 3, 7), PaymentType.PELUNASAN),  # the settlement is due
        # After the DP, money that leaves a balance is an angsuran: pelunasan paid in part.
        (1_000_000, 1_000_000, date(2026, 3, 1), PaymentType.PELUNASAN),
        (1_000_000, 8_000_000, date(2026, 3, 1), PaymentType.PELUNASAN),  # settles it
        (1_000_000, 1_000_000, date(2026, 3, 10), PaymentType.PELUNASAN),  # departure day
    ],
)
def test_the_kind_of_an_unnamed_payment(
    paid: int, amount: int, paid_on: date, kind: PaymentType
) -> None:
    trip = booking(price=9_000_000, paid=paid, depart=date(2026, 3, 10))
    assert payment_kind(trip, amount, paid_on, settlement_due=date(2026, 3, 7)) is kind


def test_one_client_whatever_the_case_title_or_phone() -> None:
    keys = client_keys(
        [
            ("Pak Hendra", "+628111000111"),
            ("pak hendra", None),
            ("Bapak Hendra", None),
            ("Hendra Wijaya", "+628111000111"),
            ("Bu Rina", None),
            ("bu rina", None),
        ]
    )
    assert len(set(keys[:4])) == 1
    assert keys[4] == keys[5] != keys[0]
    # A name that goes with two phones is two clients: a name alone cannot choose.
    twice = client_keys([("Pak Agus", "+62811"), ("Pak Agus", "+62812"), ("pak agus", None)])
    assert len(set(twice)) == 3
    assert known_client("pak hendra", None, [("pak hendra", None), ("Pak Hendra", "+62811")]) == (
        "Pak Hendra",
        "+62811",
    )
    assert known_client("pak joni", "+62899", [("Pak Hendra", "+62811")]) is None


def test_receivables_count_a_cancelled_bookings_unpaid_fee_until_it_is_settled(
    world: World,
) -> None:
    world.clock.set_today(day(1))
    # Cancelled 3 days before: 50% of Rp9.000.000, of which the DP covers Rp1.000.000.
    owing = world.book(4, price=9_000_000)
    world.pay(owing.id, 1_000_000, "dp")
    set_status(world.deps, world.admin, owing.id, BookingStatus.CANCELLED)
    # Cancelled with the DP above the fee: money goes back, nothing is owed.
    refund = world.book(5, price=4_000_000)
    world.pay(refund.id, 3_000_000, "dp")
    set_status(world.deps, world.admin, refund.id, BookingStatus.CANCELLED)
    # Waived: nothing is owed.
    waived = world.book(6, price=8_000_000)
    set_status(world.deps, world.admin, waived.id, BookingStatus.CANCELLED)
    money.waive_cancellation_fee(world.deps, world.owner, waived.id)

    report = money.receivables_aging(world.deps, world.admin)
    assert [(r.booking_id, r.outstanding, r.cancelled) for r in report.bookings] == [
        (owing.id, 3_500_000, True)
    ]
    assert report.total == 3_500_000
    [client] = payments.receivables(world.deps, world.admin)
    assert (client.total, [b.booking_id for b in client.bookings]) == (3_500_000, [owing.id])
    assert client.bookings[0].cancelled
    week = payments.weekly_summary(world.deps, world.admin, day(2))
    assert week.outstanding == 3_500_000

    # Paid off, the fee leaves the receivables.
    world.clock.set_today(day(2))
    world.pay(owing.id, 3_500_000, "pelunasan")
    assert money.receivables_aging(world.deps, world.admin).bookings == []
    assert payments.receivables(world.deps, world.admin) == []


def test_receivables_list_a_client_once_whatever_the_case(world: World) -> None:
    for name in ("Pak Hendra", "pak hendra"):
        create_booking(
            world.deps,
            world.owner,
            BookingDraft(
                client_name=name,
                route_from="Jogja",
                route_to="Solo",
                depart_date=day(20 if name[0] == "P" else 25),
                price=5_000_000,
            ),
        )
    [client] = money.receivables_aging(world.deps, world.admin).clients
    assert (client.total, len(client.bookings)) == (10_000_000, 2)
    [same] = payments.receivables(world.deps, world.admin)
    assert same.total == 10_000_000


def test_the_same_cost_recorded_today_is_found_on_the_same_bus_only() -> None:
    """Two of the crew reporting the same fuel is one cost told twice; two buses of one
    trip each filling up are two costs; yesterday's fill is another day's."""

    def cost(bus_id: str | None, at: datetime, amount: int = 900_000) -> TripCost:
        return TripCost(
            id=f"c-{bus_id}-{at.isoformat()}",
            tenant_id="t-1",
            booking_id="b-1",
            bus_id=bus_id,
            category=CostCategory.BBM,
            amount=amount,
            trip_date=date(2026, 12, 1),
            recorded_by="u-joko",
            created_at=at,
        )

    day = date(2026, 12, 1)
    wib = timedelta(hours=7)

    def local_day(at: datetime) -> date:
        return (at + wib).date()

    morning = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08.00 WIB
    late_yesterday = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # 23.30 WIB, 30 Nov

    def found(costs: list[TripCost], bus_id: str | None, amount: int = 900_000) -> bool:
        return (
            same_cost_recorded(costs, CostCategory.BBM, amount, bus_id, day, local_day) is not None
        )

    assert found([cost("bus-3", morning)], "bus-3")
    assert found([cost("bus-3", morning)], None)  # the admin's, on the trip as a whole
    assert found([cost(None, morning)], "bus-3")
    assert not found([cost("bus-1", morning)], "bus-3")  # another bus of the trip
    assert not found([cost("bus-3", morning)], "bus-3", 850_000)
    assert not found([cost("bus-3", late_yesterday)], "bus-3")
    assert not same_cost_recorded(
        [cost("bus-3", morning)], CostCategory.TOL, 900_000, "bus-3", day, local_day
    )


def test_the_uang_jalan_recorded_is_of_the_buses_asked_or_the_whole_trip() -> None:
    """What the office handed over stands instead of the rate: the uang jalan costs on the
    buses asked about, and those of the trip as a whole; none recorded is None (the rate)."""

    def cost(bus_id: str | None, amount: int, kind: CostCategory) -> TripCost:
        return TripCost(
            id=f"c-{bus_id}-{amount}",
            tenant_id="t-1",
            booking_id="b-1",
            bus_id=bus_id,
            category=kind,
            amount=amount,
            trip_date=date(2026, 12, 1),
            recorded_by="u-budi",
            created_at=CREATED,
        )

    jalan = CostCategory.UANG_JALAN
    costs = [cost("bus-1", 600_000, jalan), cost("bus-2", 700_000, jalan)]
    assert uang_jalan_recorded(costs, ["bus-1"]) == 600_000
    assert uang_jalan_recorded(costs, ["bus-1", "bus-2"]) == 1_300_000
    assert uang_jalan_recorded([cost(None, 500_000, jalan)], ["bus-1"]) == 500_000
    assert (
        uang_jalan_recorded([cost("bus-1", 150_000, CostCategory.PREMI_SOPIR)], ["bus-1"]) is None
    )
    assert uang_jalan_recorded(costs, ["bus-3"]) is None
