"""Money: recording payments against bookings and knowing who still owes what."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from keloia.domain.errors import InvalidInput, found
from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import client_keys
from keloia.domain.model.common import DateRange, PositiveRupiah
from keloia.domain.model.events import PaymentRecorded
from keloia.domain.model.payments import Payment, PaymentType, format_rupiah
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import TenantSettings, User
from keloia.domain.model.text import day_label
from keloia.domain.services.deps import Deps
from keloia.domain.services.receipts import issue_receipt
from keloia.domain.services.validation import Draft, recorded


class PaymentDraft(Draft):
    booking_id: str
    type: PaymentType
    amount: PositiveRupiah
    method: str | None = None
    paid_date: date | None = None  # defaults to today
    note: str = ""
    overpayment: bool = False


class BookingBalance(BaseModel):
    model_config = ConfigDict(frozen=True)

    booking_id: str
    client_name: str
    depart_date: date
    price: int
    net_paid: int
    outstanding: int  # Booking.owed: of a cancelled booking, its fee still unpaid
    settlement_due: date
    cancelled: bool = False


class ClientBalance(BaseModel):
    client_name: str
    total: int
    bookings: list[BookingBalance] = Field(default_factory=list)


class WeeklySummary(BaseModel):
    week: DateRange
    received: int  # dp + pelunasan + other
    refunded: int
    net: int
    payments: int
    trips: int  # live bookings with a day in the week
    outstanding: int  # every booking's unpaid balance (Booking.owed), today
    overdue: int  # bookings past their settlement date with a balance


def not_ahead(payment: Payment, today: date) -> None:
    """A payment is money that moved: one dated after today is recorded when it comes,
    never ahead of it (the balance and the receipts would lie until then), whether it is
    recorded or corrected to that day."""
    if payment.paid_date > today:
        raise InvalidInput(
            f"Pembayaran {format_rupiah(payment.amount)} bertanggal "
            f"{day_label(payment.paid_date, today)} belum terjadi, jadi belum bisa dicatat. "
            "Catat saat uangnya sudah diterima."
        )


def record_payment(
    deps: Deps, actor: User, draft: PaymentDraft, *, dry_run: bool = False
) -> Payment:
    """Money received or returned. `dry_run`: what it would refuse, refused now, nothing
    written."""
    require(actor, Action.CREATE, Resource.PAYMENT)
    with deps.uow() as uow:
        booking = found(uow.bookings.get(actor.tenant_id, draft.booking_id), "Booking")
        payment = recorded(deps, actor, Payment, draft, dated="paid_date")
        not_ahead(payment, deps.clock.today())
        booking.record_payment(payment)
        if dry_run:
            return payment
        uow.payments.add(payment)
        uow.bookings.update(booking)
        uow.record(PaymentRecorded(actor=actor, payment=payment, booking=booking))
        issue_receipt(deps, uow, payment)
        uow.commit()
    return payment


def balance_of(booking: Booking, settings: TenantSettings) -> BookingBalance:
    return booking.view(
        BookingBalance,
        outstanding=booking.owed,
        settlement_due=booking.settlement_due(settings),
        cancelled=not booking.is_live,
    )


def receivables(deps: Deps, actor: User) -> list[ClientBalance]:
    """Who still owes what, per client, largest first."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        settings = uow.settings(actor.tenant_id)
        open_bookings = uow.bookings.with_balance(actor.tenant_id)
    by_client: dict[str, ClientBalance] = {}
    keys = client_keys((b.client_name, b.client_phone) for b in open_bookings)
    for booking, key in zip(open_bookings, keys, strict=True):
        entry = by_client.setdefault(key, ClientBalance(client_name=booking.client_name, total=0))
        entry.bookings.append(balance_of(booking, settings))
        entry.total += booking.owed
    return sorted(by_client.values(), key=lambda c: -c.total)


def overdue_settlements(deps: Deps, actor: User, today: date) -> list[BookingBalance]:
    """Bookings past their settlement due date that still have a balance."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        settings = uow.settings(actor.tenant_id)
        open_bookings = uow.bookings.with_balance(actor.tenant_id)
    balances = [balance_of(b, settings) for b in open_bookings]
    return sorted((b for b in balances if b.settlement_due < today), key=lambda b: b.settlement_due)


def weekly_summary(deps: Deps, actor: User, week_start: date) -> WeeklySummary:
    require(actor, Action.READ, Resource.PAYMENT)
    week = DateRange(start=week_start, end=week_start + timedelta(days=6))
    with deps.uow() as uow:
        settings = uow.settings(actor.tenant_id)
        payments = uow.payments.between(actor.tenant_id, week.start, week.end)
        running = [b for b in uow.bookings.overlapping(actor.tenant_id, week) if b.is_live]
        open_bookings = uow.bookings.with_balance(actor.tenant_id)
    received = sum(p.amount for p in payments if p.type is not PaymentType.REFUND)
    refunded = sum(p.amount for p in payments if p.type is PaymentType.REFUND)
    today = deps.clock.today()
    return WeeklySummary(
        week=week,
        received=received,
        refunded=refunded,
        net=received - refunded,
        payments=len(payments),
        trips=len(running),
        outstanding=sum(b.owed for b in open_bookings),
        overdue=sum(1 for b in open_bookings if balance_of(b, settings).settlement_due < today),
    )


def payments_between(deps: Deps, actor: User, days: DateRange) -> list[Payment]:
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        return uow.payments.between(actor.tenant_id, days.start, days.end)


class MonthFigure(BaseModel):
    month: date  # the first day of the month
    received: int  # money in (refunds taken out)
    outstanding: int  # unpaid balance (Booking.owed) of bookings departing that month


def monthly_figures(deps: Deps, actor: User, first: date, months: int) -> list[MonthFigure]:
    """Money received and still owed per month, for the chart on the money page."""
    require(actor, Action.READ, Resource.PAYMENT)
    starts = [add_months(first.replace(day=1), i) for i in range(max(1, min(months, 24)))]
    end = add_months(starts[-1], 1) - timedelta(days=1)
    with deps.uow() as uow:
        paid = uow.payments.between(actor.tenant_id, starts[0], end)
        open_bookings = uow.bookings.with_balance(actor.tenant_id)
    figures = {s: MonthFigure(month=s, received=0, outstanding=0) for s in starts}
    for payment in paid:
        figures[payment.paid_date.replace(day=1)].received += payment.signed_amount
    for booking in open_bookings:
        key = booking.depart_date.replace(day=1)
        if key in figures:
            figures[key].outstanding += booking.owed
    return list(figures.values())


def add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)
