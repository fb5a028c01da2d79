"""The money pillar: payments, receivables with aging, monthly figures."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from keloia.apps.dashboard.controllers.common import errors
from keloia.apps.dashboard.schemas import FinancialsOut, PaymentIn, PaymentOut
from keloia.apps.dashboard.security import OWNER, allow
from keloia.apps.dashboard.views import financials, month_of
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import User
from keloia.domain.services import payments
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import build


class MoneyController(Controller):
    path = "/api"
    tags = ("Keuangan",)

    @get(
        "/financials",
        sync_to_thread=True,
        guards=[allow(Action.READ, Resource.PAYMENT)],
        responses=errors(422),
    )
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

    @post(
        "/payments",
        sync_to_thread=True,
        guards=[allow(Action.CREATE, Resource.PAYMENT, OWNER)],
        responses=errors(404, 422),
    )
    def pay(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[PaymentIn]
    ) -> PaymentOut:
        """Record a DP, pelunasan, refund or other payment against a booking (owner)."""
        draft = build(payments.PaymentDraft, **data.model_dump())
        return PaymentOut.of(payments.record_payment(deps, user, draft))
