"""Money beyond the ledger, as use cases: what cancelling costs, trip costs, profit,
receivables by age, revenue and days on the road per bus (the season ahead is
domain/services/season.py).

The rules themselves are in domain/model/money.py; these functions check who asks, load
what the rules need (bounded ranges only, never every booking a tenant ever had) and, for
the weekly summary and the dashboard, hand back plain models."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.errors import Forbidden, InvalidInput, NotFound, found
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import DateRange, PositiveRupiah
from keloia.domain.model.events import CancellationFeeWaived, TripCostRecorded
from keloia.domain.model.fleet import BusStatus
from keloia.domain.model.money import (
    AgingReport,
    CancellationQuote,
    CostCategory,
    ProfitReport,
    TripCost,
    TripProfit,
    UtilisationReport,
    aging_report,
    profit_report,
    quote_cancellation,
    utilisation_report,
)
from keloia.domain.model.permissions import Action, Resource, Scope, require
from keloia.domain.model.tenants import Role, User
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction
from keloia.domain.services.validation import Draft, recorded


def _booking(uow: Transaction, actor: User, booking_id: str) -> Booking:
    return found(uow.bookings.get(actor.tenant_id, booking_id), "Booking")


# --- cancellation ----------------------------------------------------------------------


def cancellation_quote(
    deps: Deps,
    actor: User,
    booking_id: str,
    agreed_fee: int | None = None,
    *,
    forfeit: bool = False,
) -> CancellationQuote:
    """What cancelling this booking today would cost, by the PO's policy (or the fee
    agreed with the client, when said; `forfeit`: "DP hangus", what was paid)."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        booking = _booking(uow, actor, booking_id)
        if booking.status is BookingStatus.CANCELLED:
            raise InvalidInput("Booking ini sudah dibatalkan.")
        return _quote(deps, uow, booking, agreed_fee, forfeit)


def apply_cancellation_fee(
    deps: Deps,
    uow: Transaction,
    booking: Booking,
    agreed_fee: int | None = None,
    *,
    forfeit: bool = False,
) -> CancellationQuote:
    """Called as a booking is cancelled, in that transaction: the fee (the policy's, or the
    one agreed with the client) is recorded on the booking, and what was paid beyond it
    becomes the refund due."""
    quote = _quote(deps, uow, booking, agreed_fee, forfeit)
    booking.cancellation_fee = quote.fee
    return quote


def _quote(
    deps: Deps, uow: Transaction, booking: Booking, agreed_fee: int | None, forfeit: bool
) -> CancellationQuote:
    """What cancelling `booking` today costs: the PO's policy applied to what was paid, or
    the fee agreed with the client (`forfeit`: what was paid). What a quote shows is what a
    cancellation then records."""
    payments = uow.payments.for_booking(booking.tenant_id, booking.id)
    policy = uow.settings(booking.tenant_id).cancellation_fees
    return quote_cancellation(
        booking, payments, deps.clock.today(), policy, agreed_fee, forfeit=forfeit
    )


def waive_cancellation_fee(
    deps: Deps, actor: User, booking_id: str, *, dry_run: bool = False
) -> Booking:
    """The owner lets a cancelled booking's fee go: all that was paid is owed back."""
    if actor.role is not Role.OWNER or not actor.active:
        raise Forbidden("Maaf, hanya pemilik yang bisa membebaskan biaya pembatalan.")
    with deps.uow() as uow:
        booking = _booking(uow, actor, booking_id)
        if booking.status is not BookingStatus.CANCELLED or not booking.cancellation_fee:
            raise InvalidInput("Booking ini tidak punya biaya pembatalan untuk dibebaskan.")
        old = booking.cancellation_fee
        if dry_run:
            return booking
        booking.cancellation_fee = 0
        return uow.save(
            uow.bookings.update,
            booking,
            CancellationFeeWaived(actor=actor, booking=booking, waived_fee=old),
        )


# --- trip costs ------------------------------------------------------------------------


class TripCostDraft(Draft):
    booking_id: str
    category: CostCategory
    amount: PositiveRupiah
    bus_id: str | None = None
    note: str = ""


def record_trip_cost(
    deps: Deps, actor: User, draft: TripCostDraft, *, dry_run: bool = False
) -> TripCost:
    """A cost of a trip. A driver may report costs of own trips only (on own bus); the
    owner is told of every cost somebody else records. `dry_run`: refused now what would
    be refused, nothing written."""
    scope = require(actor, Action.CREATE, Resource.TRIP_COST)
    with deps.uow() as uow:
        booking = _booking(uow, actor, draft.booking_id)
        if scope is Scope.OWN and not booking.involves(actor.id):
            raise NotFound("Booking tidak ditemukan.")  # another's trip is no trip at all
        bus_id = draft.bus_id
        if scope is Scope.OWN and bus_id is None:
            mine = [a.bus_id for a in booking.assignments if actor.id in a.crew_ids()]
            bus_id = mine[0] if len(mine) == 1 else None
        if bus_id is not None and bus_id not in booking.bus_ids():
            raise InvalidInput("Bus itu tidak ada di perjalanan ini.")
        cost = recorded(
            deps,
            actor,
            TripCost,
            draft,
            bus_id=bus_id,
            trip_date=booking.depart_date,
        )
        return uow.save(
            uow.trip_costs.add,
            cost,
            TripCostRecorded(actor=actor, cost=cost, booking=booking),
            dry_run=dry_run,
        )


def trip_costs(deps: Deps, actor: User, booking_id: str) -> tuple[Booking, list[TripCost]]:
    """A trip and its costs, oldest first (managers: costs are money)."""
    require(actor, Action.READ, Resource.TRIP_COST)
    with deps.uow() as uow:
        booking = _booking(uow, actor, booking_id)
        costs = uow.trip_costs.for_booking(actor.tenant_id, booking_id)
    return booking, sorted(costs, key=lambda c: (c.created_at, c.id))


def reported_by_self(deps: Deps, actor: User, booking_id: str) -> list[TripCost]:
    """The costs this person reported on a trip of their own, oldest first: a driver
    squaring what he spent with his uang jalan sees what he told, never others' costs,
    prices or profit (reporting a cost is allowed on own trips only, so is reading it back)."""
    scope = require(actor, Action.CREATE, Resource.TRIP_COST)
    with deps.uow() as uow:
        booking = _booking(uow, actor, booking_id)
        if scope is Scope.OWN and actor.id not in booking.crew_ids():
            return []
        costs = uow.trip_costs.for_booking(actor.tenant_id, booking_id)
    mine = [c for c in costs if c.recorded_by == actor.id]
    return sorted(mine, key=lambda c: (c.created_at, c.id))


# --- profit ----------------------------------------------------------------------------


def trip_profit(deps: Deps, actor: User, booking_id: str) -> TripProfit:
    require(actor, Action.READ, Resource.TRIP_COST)
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        booking = _booking(uow, actor, booking_id)
        costs = uow.trip_costs.for_booking(actor.tenant_id, booking_id)
    return profit_report([booking], costs).trips[0]


def departing(uow: Transaction, tenant_id: str, days: DateRange) -> list[Booking]:
    """Bookings departing within `days` (cancelled ones too: a kept fee is revenue)."""
    found = uow.bookings.overlapping(tenant_id, days)
    return [b for b in found if days.start <= b.depart_date <= days.end]


def profit_between(deps: Deps, actor: User, days: DateRange) -> ProfitReport:
    """Profit per trip, per bus and per month of the trips departing within `days`."""
    require(actor, Action.READ, Resource.TRIP_COST)
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        bookings = departing(uow, actor.tenant_id, days)
        costs = uow.trip_costs.for_trips_between(actor.tenant_id, days.start, days.end)
    return profit_report(bookings, costs)


# --- receivables -----------------------------------------------------------------------


def receivables_aging(deps: Deps, actor: User) -> AgingReport:
    """Who owes what, by how long past the settlement date, the oldest first."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        settings = uow.settings(actor.tenant_id)
        open_bookings = uow.bookings.with_balance(actor.tenant_id)
    due = {b.id: b.settlement_due(settings) for b in open_bookings}
    return aging_report(open_bookings, due, deps.clock.today())


# How far back a booking with no price is still named: a trip long done and never priced
# is the books' problem, not today's.
UNPRICED_LOOKBACK = timedelta(days=45)
UNPRICED_LOOKAHEAD = timedelta(days=400)


def unpriced_bookings(deps: Deps, actor: User) -> list[Booking]:
    """Live bookings with no price yet, soonest first: what they owe is unknown, so they
    are named beside the receivables instead of passing for paid off."""
    require(actor, Action.READ, Resource.PAYMENT)
    today = deps.clock.today()
    window = DateRange(start=today - UNPRICED_LOOKBACK, end=today + UNPRICED_LOOKAHEAD)
    with deps.uow() as uow:
        found = uow.bookings.overlapping(actor.tenant_id, window)
    unpriced = [b for b in found if b.is_live and not b.priced]
    return sorted(unpriced, key=lambda b: (b.depart_date, b.client_name))


# --- utilisation -----------------------------------------------------------------------


def utilisation(deps: Deps, actor: User, period: DateRange) -> UtilisationReport:
    """Days on the road, revenue and profit per bus over `period` (the fleet in service)."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        fleet = [b.id for b in uow.buses.all(actor.tenant_id) if b.status is not BusStatus.RETIRED]
        bookings = uow.bookings.overlapping(actor.tenant_id, period)
        costs = uow.trip_costs.for_trips_between(actor.tenant_id, period.start, period.end)
    return utilisation_report(fleet, bookings, costs, period)
