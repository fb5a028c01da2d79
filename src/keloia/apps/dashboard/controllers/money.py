"""The money pillar: payments, receivables with aging, monthly figures, trip costs and
profit, the cancellation fee."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.schemas import (
    FinancialsOut,
    PaymentIn,
    PaymentOut,
    TripCostIn,
    TripCostOut,
    TripMoneyOut,
)
from keloia.apps.dashboard.security import (
    READ_MONEY,
    RECORD_PAYMENTS,
    RECORD_TRIP_COSTS,
    WAIVE_FEES,
    allow,
)
from keloia.apps.dashboard.views import financials, month_of
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import User
from keloia.domain.services import money, payments
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import build


class MoneyController(Controller):
    path = "/api"
    tags = ("Keuangan",)

    @api(get, "/financials", READ_MONEY, 422)
    def financials(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        date_from: Annotated[date | None, QueryParameter(name="from")] = None,
        date_to: Annotated[date | None, QueryParameter(name="to")] = None,
    ) -> FinancialsOut:
        """Payments in the period (default: this month), receivables per client and per
        booking with aging (days past the settlement due date), and six months' figures."""
        return financials(deps, user, month_of(date_from, date_to, deps.clock.today()))

    @api(post, "/payments", RECORD_PAYMENTS, 404, 422)
    def pay(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[PaymentIn]
    ) -> PaymentOut:
        """Record a DP, pelunasan, refund or other payment against a booking (owner)."""
        draft = build(payments.PaymentDraft, **data.model_dump())
        return PaymentOut.model_validate(payments.record_payment(deps, user, draft))

    @api(post, "/trip-costs", RECORD_TRIP_COSTS, 404, 422)
    def cost(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[TripCostIn]
    ) -> TripCostOut:
        """Record a cost of a trip (uang jalan, premi sopir/kernet, BBM, tol, parkir, makan,
        penginapan, other) on one of its buses or on the whole trip (owner, admin)."""
        draft = build(money.TripCostDraft, **data.model_dump())
        return TripCostOut.of(money.record_trip_cost(deps, user, draft))

    @api(get, "/money/trips/{booking_id:str}", allow(Action.READ, Resource.TRIP_COST), 404)
    def trip(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], booking_id: FromPath[str]
    ) -> TripMoneyOut:
        """A trip's costs and profit; for a cancelled booking its fee and the refund due."""
        return TripMoneyOut.of(*money.trip_costs(deps, user, booking_id))

    @api(post, "/bookings/{booking_id:str}/waive-fee", WAIVE_FEES, 404, 422, status_code=200)
    def waive(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], booking_id: FromPath[str]
    ) -> TripMoneyOut:
        """Let a cancelled booking's fee go: all that was paid is owed back (owner). The
        booking's history names who did it."""
        money.waive_cancellation_fee(deps, user, booking_id)
        return TripMoneyOut.of(*money.trip_costs(deps, user, booking_id))
