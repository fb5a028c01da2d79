"""Money beyond the ledger: cancellation fees, which booking a payment goes to, trip costs
and profit, receivables by age, revenue and days on the road per bus. Pure rules over
records already loaded; integer rupiah. The season ahead is domain/model/season.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field

from keloia.domain.errors import InvalidInput
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.cancellation import CancellationPolicy, cancellation_fee
from keloia.domain.model.clients import client_keys
from keloia.domain.model.common import (
    DateRange,
    Labelled,
    PositiveRupiah,
    TenantRecord,
    Value,
)
from keloia.domain.model.payments import Payment, PaymentType, format_rupiah

# --- cancellation policy ---------------------------------------------------------------


class CancellationQuote(Value):
    """What cancelling costs now. `paid` = fee_kept + refund; fee = fee_kept + fee_unpaid
    (a fee above what was paid is owed, not taken from nothing)."""

    days_before: int
    price: int
    paid: int  # money received net of refunds
    dp_paid: int
    fee: int  # within [0, price] (with no price yet, [0, what was paid])
    fee_kept: int  # the part of the fee covered by what was paid
    fee_unpaid: int  # the rest of the fee, still owed by the client
    refund: int  # what the PO gives back
    rule: str  # the tier, in Indonesian ("50% dari harga"), "" when no tier applies
    # The fee agreed with the client and said by the person cancelling ("potongan 1jt"),
    # instead of the policy's, which is kept to be shown beside it.
    agreed: bool = False
    policy_fee: int = 0
    # "DP hangus" said by the person cancelling: the fee is what the client paid, so
    # nothing goes back and nothing more is owed, whatever the policy would ask.
    forfeited: bool = False

    def sentence(self) -> str:
        """The line shown in the cancellation confirmation, and wherever it is told again."""
        if self.forfeited:
            return self._forfeit_sentence()
        if self.agreed and self.fee != self.policy_fee:
            # A tier that costs nothing here says nothing ("Rp0, DP hangus" with no DP paid
            # would tell of a DP forfeited that never came).
            policy = f"{format_rupiah(self.policy_fee)}, {self.rule}" if self.policy_fee else "Rp0"
            agreed = f"{format_rupiah(self.fee)} sesuai yang disepakati"
            if self.fee == 0:
                agreed = "dibebaskan"
            text = f"Biaya pembatalan {agreed} (menurut kebijakan {policy})"
            if self.fee and self.fee == self.paid == self.dp_paid:
                # "dp 8jt hangus, udh sepakat": the DP is the fee agreed, nothing more.
                return (
                    f"DP {format_rupiah(self.fee)} hangus sebagai biaya pembatalan sesuai "
                    f"yang disepakati (menurut kebijakan {policy})."
                )
        elif not self.price and "%" in self.rule:
            # "50% dari harga" of a price not agreed yet is not nothing: it is unknown, so
            # the DP is kept for it until the owner decides.
            text = f"Harga belum dicatat, jadi biaya pembatalan ({self.rule}) belum bisa dihitung"
            if self.fee:
                text += (
                    "; DP-nya ditahan dulu sebagai biaya pembatalan (pemilik bisa membebaskannya)"
                )
        elif self.fee == 0:
            text = "Batal sekarang tidak kena biaya"
        else:
            text = f"Batal sekarang kena {format_rupiah(self.fee)} sesuai kebijakan ({self.rule})"
        if self.dp_paid and self.dp_paid == self.paid:
            text += f", DP {format_rupiah(self.dp_paid)}"
        elif self.paid:
            text += f", sudah dibayar {format_rupiah(self.paid)}"
        else:
            # "karang taruna batal, dp blm masuk kan?": what came in is said either way.
            text += ", belum ada pembayaran"
        if self.refund:
            text += f", kembali {format_rupiah(self.refund)}"
        elif self.fee_unpaid:
            text += f", masih kurang {format_rupiah(self.fee_unpaid)}"
        return text + "."

    def _forfeit_sentence(self) -> str:
        if self.refund and self.price and self.fee == self.price:
            text = (
                f"DP hangus: {format_rupiah(self.fee)} (seharga booking) jadi biaya "
                f"pembatalan, kelebihan bayar {format_rupiah(self.refund)} dikembalikan"
            )
        elif self.refund:
            text = (
                f"DP hangus: DP {format_rupiah(self.fee)} jadi biaya pembatalan, sisa yang "
                f"sudah dibayar {format_rupiah(self.refund)} dikembalikan"
            )
        elif self.paid:
            text = (
                f"DP hangus: yang sudah dibayar {format_rupiah(self.paid)} jadi biaya "
                "pembatalan, tidak ada yang dikembalikan dan tidak ada tagihan lagi"
            )
        else:
            # Said hangus, but nothing was recorded as paid: the PO should know it keeps
            # nothing, in case a DP was taken and never recorded.
            text = (
                "DP hangus, tapi belum ada pembayaran yang tercatat: biaya pembatalan Rp0, "
                "tidak ada tagihan lagi"
            )
        if self.fee != self.policy_fee:
            policy = f"{format_rupiah(self.policy_fee)}, {self.rule}" if self.policy_fee else "Rp0"
            text += f" (menurut kebijakan {policy})"
        return text + "."


def quote_cancellation(
    booking: Booking,
    payments: Iterable[Payment],
    today: date,
    policy: CancellationPolicy,
    agreed_fee: int | None = None,
    *,
    forfeit: bool = False,
) -> CancellationQuote:
    """What cancelling costs today: the policy's fee, or the fee agreed with the client
    (`agreed_fee`, at most the price) when the person cancelling says one. `forfeit` ("DP
    hangus") agrees the fee to the DP the client has paid (what was paid when nothing is
    recorded as a DP; net of refunds): the PO keeps it, gives the rest back and asks
    nothing more."""
    dp_paid = sum(p.amount for p in payments if p.type is PaymentType.DP)
    paid = booking.net_paid
    if forfeit:
        # The DP is what is forfeited: a pelunasan paid beside it still goes back, and so
        # does paid beyond the price. With nothing recorded as a DP, what was paid stands
        # for it.
        kept_dp = min(dp_paid, paid) if dp_paid else paid
        agreed_fee = min(kept_dp, booking.price) if booking.priced else kept_dp
    days_before = (booking.depart_date - today).days
    policy_fee = cancellation_fee(booking.price, min(dp_paid, paid), days_before, policy)
    if agreed_fee is not None and not booking.priced and agreed_fee > paid:
        raise InvalidInput(
            f"Harga booking ini belum dicatat; biaya pembatalan paling banyak yang sudah "
            f"dibayar ({format_rupiah(paid)}). Catat harganya dulu kalau biayanya lebih."
        )
    if agreed_fee is not None and booking.priced and agreed_fee > booking.price:
        raise InvalidInput(
            f"Biaya pembatalan {format_rupiah(agreed_fee)} lebih dari harga booking "
            f"({format_rupiah(booking.price)}). Mohon cek lagi angkanya."
        )
    fee = policy_fee if agreed_fee is None else agreed_fee
    kept = min(fee, paid)
    tier = policy.tier_for(days_before)
    return CancellationQuote(
        days_before=days_before,
        price=booking.price,
        paid=paid,
        dp_paid=dp_paid,
        fee=fee,
        fee_kept=kept,
        fee_unpaid=fee - kept,
        refund=paid - kept,
        rule=tier.label() if tier is not None else "",
        agreed=agreed_fee is not None,
        policy_fee=policy_fee,
        forfeited=forfeit,
    )


# --- which booking a payment goes to, and what kind it is ----------------------------


def payment_kind(booking: Booking, amount: int, paid_on: date, settlement_due: date) -> PaymentType:
    """The kind of a payment the person did not name. Money that settles the balance is
    pelunasan; so is money paid once the settlement is due (from H-3 by default, and on the
    day of departure): it pays the trip off, even in part. So is money after the uang muka
    (an angsuran, "sd muhammadiyah tf 4jt" when its DP is in): the balance paid in part,
    "pelunasan sebagian". Only the first money, paid earlier and leaving a balance, is uang
    muka (DP), and so is money towards a price not agreed yet."""
    if not booking.priced:
        return PaymentType.DP
    if amount >= booking.outstanding or paid_on >= settlement_due or booking.net_paid > 0:
        return PaymentType.PELUNASAN
    return PaymentType.DP


def kind_on_move(
    payment: Payment, target: Booking, amount: int, paid_on: date, settlement_due: date
) -> PaymentType:
    """The kind of a payment moved to the booking it was really for ("itu bu dewi bukan
    pak hendra"): uang muka or pelunasan is judged again against that booking (Pak
    Hendra's pelunasan is Bu Dewi's DP when she had paid nothing); a refund or other money
    keeps its kind."""
    if payment.type in (PaymentType.DP, PaymentType.PELUNASAN):
        return payment_kind(target, amount, paid_on, settlement_due)
    return payment.type


def settles_unknown(booking: Booking, said: PaymentType | None) -> bool:
    """Money said to pay a live booking off ("lunas 20jt") while its price is not recorded:
    nobody can know it settles anything, so it is taken as uang muka towards the price
    (never pelunasan), and the price is asked for."""
    return said is PaymentType.PELUNASAN and booking.is_live and not booking.priced


def holds_money_back(booking: Booking) -> bool:
    """A booking that owes the client money: cancelled with more paid than its fee, or
    paid beyond its price."""
    return booking.refund_due > 0 or (
        booking.is_live and booking.priced and booking.outstanding < 0
    )


def payment_candidates(found: Sequence[Booking], kind: PaymentType | None) -> list[Booking]:
    """Of the bookings a payment's words fit (a client's, nearest first), the ones it can
    go to. A refund goes where money is owed back (the cancelled booking holding the DP),
    never to a paid trip where it would make a false debt; other money goes to a live
    booking with a balance, or to a cancelled one whose fee is still owed. When none fits
    that well, every live booking stays a candidate (and the booking's own rules refuse
    what cannot be)."""
    if kind is PaymentType.REFUND:
        # Where money is owed back; else a cancelled booking still holding money (its DP,
        # kept by the policy, given back anyway); a paid trip only when nothing else fits.
        for fits in (
            holds_money_back,
            lambda b: b.status is BookingStatus.CANCELLED and b.net_paid > 0,
            lambda b: b.net_paid > 0,
        ):
            chosen = [b for b in found if fits(b)]
            if chosen:
                return chosen
        return []
    live = [b for b in found if b.is_live]
    return [b for b in found if b.owed > 0] or live


# --- trip costs and profit -------------------------------------------------------------


class CostCategory(Labelled):
    UANG_JALAN = "uang_jalan", "uang jalan"
    PREMI_SOPIR = "premi_sopir", "premi sopir"
    PREMI_KERNET = "premi_kernet", "premi kernet"
    BBM = "bbm", "BBM"
    TOL = "tol", "tol"
    PARKIR = "parkir", "parkir"
    MAKAN = "makan", "makan"
    PENGINAPAN = "penginapan", "penginapan"
    OTHER = "other", "lain-lain"


class TripCost(TenantRecord):
    """Money spent on one trip (a booking), on one of its buses or on the trip as a whole.
    `trip_date` is the booking's departure, kept here so a period's costs are one range."""

    booking_id: str
    bus_id: str | None = None
    category: CostCategory
    amount: PositiveRupiah
    trip_date: date
    note: str = Field(default="", max_length=300)
    recorded_by: str
    created_at: datetime


def uang_jalan_recorded(costs: Iterable[TripCost], bus_ids: Iterable[str]) -> int | None:
    """The uang jalan the office recorded for these buses of a trip: its uang jalan costs
    on them or on the trip as a whole; None when none was recorded (the PO's daily rate
    stands). What was handed over, not the rate, is what a driver is owed."""
    buses = set(bus_ids)
    given = [
        c.amount
        for c in costs
        if c.category is CostCategory.UANG_JALAN and (c.bus_id is None or c.bus_id in buses)
    ]
    return sum(given) if given else None


def same_cost_recorded(
    costs: Iterable[TripCost],
    category: CostCategory,
    amount: int,
    bus_id: str | None,
    day: date,
    local_day: Callable[[datetime], date],
) -> TripCost | None:
    """A cost of the trip this one may repeat (two of the crew reporting the same fuel):
    the same kind and amount, recorded on `day` (in the PO's days, `local_day`), on the same
    bus or one of them on the trip as a whole. Two buses each filling up are two costs."""
    for cost in costs:
        same_bus = bus_id is None or cost.bus_id is None or cost.bus_id == bus_id
        if (
            cost.category is category
            and cost.amount == amount
            and same_bus
            and local_day(cost.created_at) == day
        ):
            return cost
    return None


def trip_revenue(booking: Booking) -> int:
    """What a trip earns: its price, or for a cancelled one the fee the PO kept."""
    if booking.status is BookingStatus.CANCELLED:
        # Only what was paid is kept: an unpaid part of the fee is not money earned.
        return max(0, min(booking.cancellation_fee or 0, booking.net_paid))
    return booking.price


class TripProfit(Value):
    booking_id: str
    client_name: str
    route: str
    depart_date: date
    revenue: int
    costs: int
    by_category: dict[str, int]

    @property
    def profit(self) -> int:
        return self.revenue - self.costs


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` integer shares that add up exactly (the first ones get the rest)."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


class ProfitReport(Value):
    """Profit per trip, per bus and per month over the same trips: each sums to the total.
    Revenue of a trip is split evenly over its ordered buses; a bus not yet assigned is
    the key None. A cost on no bus is split like the revenue."""

    trips: list[TripProfit]
    per_bus: dict[str | None, tuple[int, int]]  # bus -> (revenue, costs)
    per_month: dict[str, tuple[int, int]]  # "2026-03" -> (revenue, costs)

    @property
    def revenue(self) -> int:
        return sum(t.revenue for t in self.trips)

    @property
    def costs(self) -> int:
        return sum(t.costs for t in self.trips)

    @property
    def profit(self) -> int:
        return self.revenue - self.costs


def profit_report(bookings: Iterable[Booking], costs: Iterable[TripCost]) -> ProfitReport:
    by_booking: dict[str, list[TripCost]] = defaultdict(list)
    for cost in costs:
        by_booking[cost.booking_id].append(cost)
    trips: list[TripProfit] = []
    per_bus: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    per_month: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for booking in sorted(bookings, key=lambda b: (b.depart_date, b.id)):
        mine = by_booking.get(booking.id, [])
        revenue = trip_revenue(booking)
        categories: dict[str, int] = defaultdict(int)
        for cost in mine:
            categories[cost.category.value] += cost.amount
        trip = booking.view(
            TripProfit,
            route=" - ".join(p for p in (booking.route_from, booking.route_to) if p),
            revenue=revenue,
            costs=sum(c.amount for c in mine),
            by_category=dict(categories),
        )
        trips.append(trip)
        month = per_month[booking.depart_date.strftime("%Y-%m")]
        month[0] += trip.revenue
        month[1] += trip.costs
        slots: list[str | None] = list(booking.bus_ids())
        slots += [None] * booking.unassigned_buses()
        for slot, share in zip(slots, _split(revenue, len(slots)), strict=True):
            per_bus[slot][0] += share
        unplaced = 0
        for cost in mine:
            if cost.bus_id is not None:
                per_bus[cost.bus_id][1] += cost.amount
            else:
                unplaced += cost.amount
        for slot, share in zip(slots, _split(unplaced, len(slots)), strict=True):
            per_bus[slot][1] += share
    return ProfitReport(
        trips=trips,
        per_bus={k: (v[0], v[1]) for k, v in per_bus.items()},
        per_month={k: (v[0], v[1]) for k, v in sorted(per_month.items())},
    )


# --- receivables with aging ------------------------------------------------------------


class AgeBucket(Labelled):
    """How late a balance is, in days past its settlement date: the one aging rule, read by
    the chat, the Keuangan page and the API (whose keys are these values)."""

    NOT_DUE = "belum", "belum jatuh tempo"
    DAYS_0_7 = "0-7", "0-7 hari"
    DAYS_8_30 = "8-30", "8-30 hari"
    DAYS_31_PLUS = "31+", "lebih dari 30 hari"


def age_bucket(days_past_due: int) -> AgeBucket:
    if days_past_due < 0:
        return AgeBucket.NOT_DUE
    if days_past_due <= 7:
        return AgeBucket.DAYS_0_7
    if days_past_due <= 30:
        return AgeBucket.DAYS_8_30
    return AgeBucket.DAYS_31_PLUS


def age_of(due: date, today: date) -> AgeBucket:
    """The bucket of a balance due on `due`, seen on `today`."""
    return age_bucket((today - due).days)


class AgedReceivable(Value):
    booking_id: str
    client_name: str
    client_phone: str | None
    depart_date: date
    due: date
    price: int
    net_paid: int  # "udh bayar brp" is answered with the balance
    outstanding: int  # Booking.owed: of a cancelled booking, its fee still unpaid
    days_past_due: int
    bucket: AgeBucket
    cancelled: bool = False


class ClientDebt(BaseModel):
    """One client's unpaid bookings, known by phone across bookings when there is one."""

    key: str
    client_name: str
    client_phone: str | None
    total: int
    oldest_days_past_due: int
    bookings: list[AgedReceivable]


class AgingReport(BaseModel):
    today: date
    bookings: list[AgedReceivable]  # oldest first
    clients: list[ClientDebt]  # the longest overdue first
    buckets: dict[AgeBucket, int]  # amount per bucket, every bucket present

    @property
    def total(self) -> int:
        return sum(self.buckets.values())


def aging_report(
    open_bookings: Iterable[Booking], due_of: Mapping[str, date], today: date
) -> AgingReport:
    """`open_bookings` are those with money owed (a cancelled one's unpaid fee too);
    `due_of` their settlement dates."""
    items: list[AgedReceivable] = []
    for b in open_bookings:
        if b.owed <= 0:
            continue
        due = due_of[b.id]
        past = (today - due).days
        items.append(
            b.view(
                AgedReceivable,
                outstanding=b.owed,
                due=due,
                days_past_due=past,
                bucket=age_bucket(past),
                cancelled=not b.is_live,
            )
        )
    items.sort(key=lambda r: (-r.days_past_due, r.booking_id))
    buckets = dict.fromkeys(AgeBucket, 0)
    clients: dict[str, ClientDebt] = {}
    keys = client_keys((i.client_name, i.client_phone) for i in items)
    for item, key in zip(items, keys, strict=True):
        buckets[item.bucket] += item.outstanding
        debt = clients.get(key)
        if debt is None:
            debt = clients[key] = ClientDebt(
                key=key,
                client_name=item.client_name,
                client_phone=item.client_phone,
                total=0,
                oldest_days_past_due=item.days_past_due,
                bookings=[],
            )
        debt.total += item.outstanding
        debt.bookings.append(item)
    ordered = sorted(clients.values(), key=lambda c: (-c.oldest_days_past_due, -c.total, c.key))
    return AgingReport(today=today, bookings=items, clients=ordered, buckets=buckets)


# --- utilisation -----------------------------------------------------------------------


class BusUse(Value):
    bus_id: str
    days_on_road: int
    days_in_period: int
    idle_on_busy_days: int  # busy days (half the fleet or more out) this bus stood idle
    revenue: int
    costs: int

    @property
    def profit(self) -> int:
        return self.revenue - self.costs

    @property
    def utilisation_percent(self) -> int:
        return self.days_on_road * 100 // self.days_in_period if self.days_in_period else 0


class UtilisationReport(BaseModel):
    period: DateRange
    buses: list[BusUse]  # most profitable first
    busy_days: list[date]


def road_days(bookings: Iterable[Booking], period: DateRange) -> dict[str, set[date]]:
    """The days of `period` each bus is out on a live booking."""
    days: dict[str, set[date]] = defaultdict(set)
    for b in bookings:
        if not b.is_live or not b.days.overlaps(period):
            continue
        start, end = max(b.depart_date, period.start), min(b.return_date, period.end)
        span = {start + timedelta(days=n) for n in range((end - start).days + 1)}
        for bus_id in b.bus_ids():
            days[bus_id] |= span
    return days


def utilisation_report(
    bus_ids: Sequence[str],
    bookings: Iterable[Booking],
    costs: Iterable[TripCost],
    period: DateRange,
) -> UtilisationReport:
    """Days on the road per bus in `period`, and revenue and profit of the trips departing
    in it. A busy day has at least half the fleet out."""
    bookings = list(bookings)
    out = road_days(bookings, period)
    calendar = [period.start + timedelta(days=n) for n in range(period.days())]
    need = max(1, (len(bus_ids) + 1) // 2)
    busy = [d for d in calendar if sum(d in out.get(b, set()) for b in bus_ids) >= need]
    departing = [b for b in bookings if period.start <= b.depart_date <= period.end]
    money = profit_report(departing, costs).per_bus
    uses = [
        BusUse(
            bus_id=bus,
            days_on_road=len(out.get(bus, set())),
            days_in_period=period.days(),
            idle_on_busy_days=sum(d not in out.get(bus, set()) for d in busy),
            revenue=money.get(bus, (0, 0))[0],
            costs=money.get(bus, (0, 0))[1],
        )
        for bus in bus_ids
    ]
    uses.sort(key=lambda u: (-u.profit, -u.days_on_road, u.bus_id))
    return UtilisationReport(period=period, buses=uses, busy_days=busy)
