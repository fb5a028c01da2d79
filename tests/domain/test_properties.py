"""Property tests: random sequences through the services, checked against the fake database.

- the schedule: whatever is created, moved, re-crewed, confirmed, completed or cancelled,
  no bus and no crew member is ever in two live bookings on one day, and every refusal is a
  DomainError that leaves no trace but (for a conflict) the managers' alert;
- money: outstanding is always price - payments + refunds, recomputed from the stored
  payments, in integers, never negative without a stated overpayment;
- the status machine: whatever is asked, statuses move along TRANSITIONS only."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from keloia.domain.errors import (
    DomainError,
    InvalidInput,
    InvalidTransition,
    Overpayment,
    ScheduleConflict,
)
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import (
    TRANSITIONS,
    Booking,
    BookingStatus,
    BusAssignment,
    find_clashes,
)
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.model.payments import PaymentType
from keloia.domain.services.bookings import (
    BookingChanges,
    BookingDraft,
    change_booking,
    create_booking,
    set_status,
)
from keloia.domain.services.corrections import PaymentFix, correct_payment, void_payment
from keloia.domain.services.fleet import add_document
from keloia.domain.services.payments import (
    PaymentDraft,
    payments_between,
    receivables,
    record_payment,
)

from .world import World, add_driver, day, make_world

BUSES = ["bus-1", "bus-2", "bus-3"]
DRIVERS = ["u-drv1", "u-drv2", "u-drv3"]
DAYS = 20
CREATED = datetime(2026, 3, 1, tzinfo=UTC)


def _event(text: str) -> None:
    """Count outcomes in --hypothesis-show-statistics (also callable outside a run)."""
    if currently_in_test_context():
        event(text)


def _days_of(b: Booking) -> set[date]:
    return {b.depart_date + timedelta(days=i) for i in range(b.days.days())}


def _double_bookings(bookings: list[Booking]) -> list[tuple[str, str, str]]:
    """Every (resource, booking, booking) held twice on a shared calendar day, by brute
    force over the days themselves rather than the model's range arithmetic."""
    live = [b for b in bookings if b.status is not BookingStatus.CANCELLED]
    found = []
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if not _days_of(a) & _days_of(b):
                continue
            shared = (set(a.bus_ids()) & set(b.bus_ids())) | (set(a.crew_ids()) & set(b.crew_ids()))
            found += [(r, a.id, b.id) for r in sorted(shared)]
    return found


@st.composite
def assignments(draw: st.DrawFn, max_buses: int = 2) -> list[BusAssignment]:
    """Buses with optional crew. A person may be drawn twice across buses: the services
    must refuse that as a DomainError like any other broken booking."""
    buses = draw(st.lists(st.sampled_from(BUSES), max_size=max_buses, unique=True))
    result = []
    for bus in buses:
        driver = draw(st.none() | st.sampled_from(DRIVERS))
        co = draw(st.none() | st.sampled_from([d for d in DRIVERS if d != driver]))
        result.append(BusAssignment(bus_id=bus, driver_id=driver, co_driver_id=co))
    return result


@st.composite
def distinct_crew_assignments(draw: st.DrawFn) -> list[BusAssignment]:
    """Up to three buses, nobody on two of them: a valid booking's assignments."""
    buses = draw(st.lists(st.sampled_from(BUSES), max_size=3, unique=True))
    people = draw(st.permutations(DRIVERS))
    result = []
    for bus in buses:
        driver = people.pop() if people and draw(st.booleans()) else None
        co = people.pop() if people and draw(st.booleans()) else None
        result.append(BusAssignment(bus_id=bus, driver_id=driver, co_driver_id=co))
    return result


starts = st.integers(min_value=1, max_value=DAYS)
lengths = st.integers(min_value=1, max_value=4)


class ScheduleMachine(RuleBasedStateMachine):
    """A small PO Bus (3 buses, 3 drivers, 20 days in March) under random use."""

    world: World

    @initialize()
    def seed(self) -> None:
        self.world = make_world()
        add_driver(self.world, "u-drv3", "+6281100000007", "Pak Harto")
        # Bus 03's KIR runs out mid-month: assigning it to late trips needs acknowledging.
        add_document(self.world.deps, self.world.owner, DocumentKind.KIR, day(12), bus_id="bus-3")
        # One trip to start from, so that every rule has a booking to work on.
        first = self.world.book(5, 6, buses=[("bus-1", "u-drv1")], client="Pak Awal")
        self.statuses: dict[str, BookingStatus] = {first.id: first.status}
        self.refusals = 0

    # --- helpers ------------------------------------------------------------------------

    def _attempt(self, command: Any, *, exclude: str | None, candidate: Booking | None) -> None:
        """Run a command; a refusal must be a DomainError that changed nothing but (for a
        conflict) the alerts, and a conflict must name real live overlapping bookings."""
        # Committed tables are replaced, never mutated, on commit: a shallow copy is a
        # faithful "before" and keeps the machine fast.
        before = copy.copy(self.world.state)
        try:
            command()
        except DomainError as refusal:
            self.refusals += 1
            _event(f"refused: {type(refusal).__name__}")
            state = self.world.state
            assert state.bookings == before.bookings
            assert state.activity == before.activity
            assert state.payments == before.payments
            if isinstance(refusal, ScheduleConflict):
                assert refusal.clashes
                new = [a for a in state.alerts.values() if a.id not in before.alerts]
                assert new and all(a.kind is AlertKind.CONFLICT_ATTEMPT for a in new)
                assert {a.user_id for a in new} <= {"u-owner", "u-admin"}
                assert candidate is not None
                for clash in refusal.clashes:
                    holder = before.bookings[clash.booking_id]
                    assert holder.id != exclude and holder.is_live
                    assert _days_of(holder) & _days_of(candidate)
                    held = holder.bus_ids() if clash.resource == "bus" else holder.crew_ids()
                    mine = candidate.bus_ids() if clash.resource == "bus" else candidate.crew_ids()
                    assert clash.resource_id in held and clash.resource_id in mine
            else:
                assert state.alerts == before.alerts
            return
        _event("accepted")
        # Accepted: then no conflict existed (checked in full by the invariant below).

    def _candidate(self, base: Booking | None, **values: Any) -> Booking | None:
        """The booking as it would be after the change, when it is a valid record at all."""
        try:
            data = (base.model_dump() if base else {}) | values
            return Booking.model_validate(data)
        except ValueError:
            return None

    # --- rules --------------------------------------------------------------------------

    @rule(
        start=starts,
        length=lengths,
        crew=assignments(),
        by_admin=st.booleans(),
        ack=st.booleans(),
    )
    def create(
        self, start: int, length: int, crew: list[BusAssignment], by_admin: bool, ack: bool
    ) -> None:
        w = self.world
        draft = BookingDraft(
            client_name=f"Klien {len(w.state.bookings) + 1}",
            depart_date=day(start),
            return_date=day(start) + timedelta(days=length - 1),
            assignments=crew,
            price=1_000_000,
        )
        candidate = self._candidate(
            None,
            id="candidate",
            tenant_id="t-1",
            client_name="x",
            depart_date=draft.depart_date,
            return_date=draft.return_date,
            bus_count=max(1, len(crew)),
            assignments=[a.model_dump() for a in crew],
            created_by="u-owner",
            created_at=w.clock.now(),
        )
        known = set(w.state.bookings)
        actor = w.admin if by_admin else w.owner
        self._attempt(
            lambda: create_booking(w.deps, actor, draft, acknowledge_warnings=ack),
            exclude=None,
            candidate=candidate,
        )
        for new in set(w.state.bookings) - known:
            self.statuses[new] = w.state.bookings[new].status
            assert self.statuses[new] is BookingStatus.PENDING

    @rule(data=st.data(), start=starts, length=st.none() | lengths)
    def move(self, data: st.DataObject, start: int, length: int | None) -> None:
        w = self.world
        booking_id = data.draw(st.sampled_from(sorted(w.state.bookings)))
        base = w.state.bookings[booking_id]
        changes = (
            BookingChanges(depart_date=day(start))
            if length is None
            else BookingChanges(
                depart_date=day(start), return_date=day(start) + timedelta(days=length - 1)
            )
        )
        keep = base.return_date - base.depart_date
        ret = day(start) + (keep if length is None else timedelta(days=length - 1))
        candidate = self._candidate(base, depart_date=day(start), return_date=ret)
        self._attempt(
            lambda: change_booking(w.deps, w.owner, booking_id, changes, acknowledge_warnings=True),
            exclude=booking_id,
            candidate=candidate,
        )

    @rule(data=st.data(), crew=assignments(), ack=st.booleans())
    def reassign(self, data: st.DataObject, crew: list[BusAssignment], ack: bool) -> None:
        w = self.world
        booking_id = data.draw(st.sampled_from(sorted(w.state.bookings)))
        base = w.state.bookings[booking_id]
        candidate = self._candidate(
            base,
            assignments=[a.model_dump() for a in crew],
            bus_count=max(base.bus_count, len(crew)),
        )
        self._attempt(
            lambda: change_booking(
                w.deps,
                w.admin,
                booking_id,
                BookingChanges(assignments=crew),
                acknowledge_warnings=ack,
            ),
            exclude=booking_id,
            candidate=candidate,
        )

    @rule(data=st.data(), to=st.sampled_from(list(BookingStatus)), by_driver=st.booleans())
    def change_status(self, data: st.DataObject, to: BookingStatus, by_driver: bool) -> None:
        w = self.world
        booking_id = data.draw(st.sampled_from(sorted(w.state.bookings)))
        booking = w.state.bookings[booking_id]
        actor = w.admin
        if by_driver and booking.crew_ids():
            actor = w.state.users[booking.crew_ids()[0]]
        self._attempt(
            lambda: set_status(w.deps, actor, booking_id, to), exclude=booking_id, candidate=None
        )

    # --- what must always hold ----------------------------------------------------------

    @invariant()
    def nobody_is_double_booked(self) -> None:
        bookings = list(self.world.state.bookings.values())
        assert _double_bookings(bookings) == []
        for b in bookings:
            others = [o for o in bookings if o.id != b.id]
            assert find_clashes(b, others) == []

    @invariant()
    def statuses_move_along_the_machine_only(self) -> None:
        for booking_id, booking in self.world.state.bookings.items():
            before = self.statuses.get(booking_id, BookingStatus.PENDING)
            assert booking.status is before or booking.status in TRANSITIONS[before]
            self.statuses[booking_id] = booking.status

    @invariant()
    def every_change_left_its_activity(self) -> None:
        created = {e.entity_id for e in self.world.activity("booking.created")}
        assert created == set(self.world.state.bookings)


ScheduleMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSchedule = ScheduleMachine.TestCase


# --- the same rule, as a pure function -------------------------------------------------------


@st.composite
def bookings(draw: st.DrawFn, booking_id: str) -> Booking:
    start = draw(starts)
    return Booking(
        id=booking_id,
        tenant_id="t-1",
        client_name=booking_id,
        depart_date=day(start),
        return_date=day(start) + timedelta(days=draw(lengths) - 1),
        status=draw(st.sampled_from(list(BookingStatus))),
        bus_count=3,
        assignments=draw(distinct_crew_assignments()),
        created_by="u-owner",
        created_at=CREATED,
    )


@settings(max_examples=150, deadline=None)
@given(
    candidate=bookings("new"),
    others=st.lists(st.integers(), max_size=6).flatmap(
        lambda xs: st.tuples(*[bookings(f"b{i}") for i in range(len(xs))])
    ),
)
def test_find_clashes_agrees_with_counting_days(
    candidate: Booking, others: tuple[Booking, ...]
) -> None:
    clashes = find_clashes(candidate, others)
    expected = set()
    if candidate.is_live:
        for other in others:
            if other.is_live and _days_of(other) & _days_of(candidate):
                expected |= {
                    ("bus", b, other.id) for b in set(other.bus_ids()) & set(candidate.bus_ids())
                }
                expected |= {
                    ("crew", u, other.id) for u in set(other.crew_ids()) & set(candidate.crew_ids())
                }
    assert {(c.resource, c.resource_id, c.booking_id) for c in clashes} == expected


@settings(max_examples=300, deadline=None)
@given(a=starts, la=lengths, b=starts, lb=lengths)
def test_day_ranges_overlap_exactly_when_they_share_a_calendar_day(
    a: int, la: int, b: int, lb: int
) -> None:
    first = DateRange(start=day(a), end=day(a) + timedelta(days=la - 1))
    second = DateRange(start=day(b), end=day(b) + timedelta(days=lb - 1))
    days_a = {first.start + timedelta(days=i) for i in range(first.days())}
    days_b = {second.start + timedelta(days=i) for i in range(second.days())}
    assert first.overlaps(second) is bool(days_a & days_b) is second.overlaps(first)


# --- money ----------------------------------------------------------------------------------

payment_ops = st.lists(
    st.tuples(
        st.sampled_from(list(PaymentType)),
        st.integers(min_value=1, max_value=12_000_000),
        st.booleans(),  # stated as an overpayment
    ),
    max_size=12,
)


@settings(max_examples=80, deadline=None)
@given(
    price=st.integers(min_value=0, max_value=10_000_000),
    ops=payment_ops,
    cancel_after=st.none() | st.integers(min_value=0, max_value=12),
)
def test_outstanding_is_always_price_minus_payments_plus_refunds(
    price: int, ops: list[tuple[PaymentType, int, bool]], cancel_after: int | None
) -> None:
    world = make_world()
    booking = world.book(10, price=price)
    stated_overpayment = False

    for i, (kind, amount, overpayment) in enumerate(ops):
        if i == cancel_after:
            set_status(world.deps, world.owner, booking.id, BookingStatus.CANCELLED)
        before = world.booking(booking.id)
        draft = PaymentDraft(
            booking_id=booking.id, type=kind, amount=amount, overpayment=overpayment
        )
        try:
            record_payment(world.deps, world.admin, draft)
        except DomainError as refusal:
            # Refused for exactly the reason the rules give, and nothing changed.
            if kind is PaymentType.REFUND:
                assert isinstance(refusal, InvalidInput) and amount > before.net_paid
            elif before.status is BookingStatus.CANCELLED:
                # Of a cancelled booking only the fee still owed may be paid.
                assert isinstance(refusal, InvalidInput) and amount > before.fee_unpaid
            else:
                assert isinstance(refusal, Overpayment) and not overpayment
                assert amount > max(before.outstanding, 0) and before.priced
            assert world.booking(booking.id) == before
        else:
            if kind is not PaymentType.REFUND and before.status is BookingStatus.CANCELLED:
                assert amount <= before.fee_unpaid
            elif kind is not PaymentType.REFUND and amount > max(before.outstanding, 0):
                # Beyond what is owed only when said so, or towards a price not agreed yet.
                assert overpayment or not before.priced
                stated_overpayment = True

        stored = world.booking(booking.id)
        payments = [p for p in world.state.payments.values() if p.booking_id == booking.id]
        paid = sum(p.amount for p in payments if p.type is not PaymentType.REFUND)
        refunded = sum(p.amount for p in payments if p.type is PaymentType.REFUND)
        assert stored.outstanding == price - paid + refunded
        assert (stored.paid_total, stored.refunded_total) == (paid, refunded)
        assert all(type(x) is int for x in (stored.outstanding, paid, refunded, stored.net_paid))
        assert 0 <= refunded <= paid
        if not stated_overpayment:
            assert stored.outstanding >= 0
        owed = sum(c.total for c in receivables(world.deps, world.owner))
        # Receivables: a live booking's balance, a cancelled one's fee still unpaid.
        due = stored.fee_unpaid if not stored.is_live else max(stored.outstanding, 0)
        assert owed == due == stored.owed


money_ops = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.sampled_from(list(PaymentType)), st.integers(1, 9_000_000)),
        st.tuples(st.just("void"), st.integers(0, 5), st.just(0)),
        st.tuples(st.just("correct"), st.integers(0, 5), st.integers(1, 9_000_000)),
    ),
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(price=st.integers(min_value=0, max_value=10_000_000), ops=money_ops)
def test_money_adds_up_through_voids_and_corrections(
    price: int, ops: list[tuple[str, Any, int]]
) -> None:
    """A void is a reversal record and a correction a reversal plus the right payment: the
    balance always equals price - standing payments + standing refunds, nothing is deleted,
    and the period totals see exactly the standing payments."""
    world = make_world()
    booking = world.book(10, price=price)
    for op, what, amount in ops:
        before = world.booking(booking.id)
        rows_before = len(world.state.payments)
        standing = [p for p in payments_between(world.deps, world.admin, _ALL_DAYS)]
        try:
            if op == "pay":
                draft = PaymentDraft(booking_id=booking.id, type=what, amount=amount)
                record_payment(world.deps, world.admin, draft)
            elif standing:
                target = standing[what % len(standing)]
                if op == "void":
                    void_payment(world.deps, world.admin, target.id)
                else:
                    fix = PaymentFix(amount=amount)
                    correct_payment(world.deps, world.admin, target.id, fix)
        except DomainError:
            assert world.booking(booking.id) == before
            assert len(world.state.payments) == rows_before  # a refusal writes nothing
        stored = world.booking(booking.id)
        standing = payments_between(world.deps, world.admin, _ALL_DAYS)
        paid = sum(p.amount for p in standing if p.type is not PaymentType.REFUND)
        refunded = sum(p.amount for p in standing if p.type is PaymentType.REFUND)
        assert (stored.paid_total, stored.refunded_total) == (paid, refunded)
        assert stored.outstanding == price - paid + refunded
        assert 0 <= refunded <= paid
        every = list(world.state.payments.values())
        assert sum(p.signed_amount for p in every) == stored.net_paid  # reversals included
        assert len(world.state.payments) >= rows_before  # the ledger only grows


_ALL_DAYS = DateRange(start=date(2000, 1, 1), end=date(2100, 1, 1))


# --- the status machine -----------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(requests=st.lists(st.sampled_from(list(BookingStatus)), max_size=8))
def test_any_sequence_of_requests_follows_the_transitions_only(
    requests: list[BookingStatus],
) -> None:
    world = make_world()
    booking = world.book(10, buses=[("bus-1", "u-drv1")])
    current = BookingStatus.PENDING
    for to in requests:
        try:
            set_status(world.deps, world.owner, booking.id, to)
        except InvalidTransition:
            assert to not in TRANSITIONS[current]
        else:
            assert to in TRANSITIONS[current]
            current = to
        assert world.booking(booking.id).status is current
    actions = [e.action for e in world.activity() if e.action != "booking.created"]
    reached = [BookingStatus(a.removeprefix("booking.")) for a in actions]
    walk = [BookingStatus.PENDING, *reached]
    assert all(b in TRANSITIONS[a] for a, b in pairwise(walk))


@settings(max_examples=150, deadline=None)
@given(requests=st.lists(st.sampled_from(list(BookingStatus)), max_size=10))
def test_the_model_alone_follows_the_transitions_only(requests: list[BookingStatus]) -> None:
    booking = Booking(
        id="b",
        tenant_id="t",
        client_name="c",
        depart_date=day(1),
        return_date=day(1),
        created_by="u",
        created_at=CREATED,
    )
    for to in requests:
        current = booking.status
        try:
            booking.transition(to)
        except InvalidTransition:
            assert booking.status is current and to not in TRANSITIONS[current]
        else:
            assert to in TRANSITIONS[current] and booking.status is to
    # Terminal statuses are final.
    assert TRANSITIONS[BookingStatus.COMPLETED] == TRANSITIONS[BookingStatus.CANCELLED] == set()


def test_the_machine_reaches_conflicts_and_warnings_deterministically() -> None:
    """The harness itself: its world makes the interesting refusals reachable, and its
    checks of a refusal pass on real ones (so random runs exercise them too)."""
    machine = ScheduleMachine()
    machine.seed()
    bus1 = [BusAssignment(bus_id="bus-1", driver_id="u-drv1")]
    machine.create(start=13, length=2, crew=bus1, by_admin=False, ack=False)
    machine.create(start=14, length=1, crew=bus1, by_admin=True, ack=False)  # conflict
    machine.create(
        start=13, length=1, crew=[BusAssignment(bus_id="bus-3")], by_admin=False, ack=False
    )  # KIR of bus 03 ends on the 12th
    assert machine.refusals == 2
    assert len(machine.world.state.bookings) == 2
    assert machine.world.alert_recipients(AlertKind.CONFLICT_ATTEMPT) == {"u-owner"}
    machine.nobody_is_double_booked()
    machine.statuses_move_along_the_machine_only()
    machine.every_change_left_its_activity()
