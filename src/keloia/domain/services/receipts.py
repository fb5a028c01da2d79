"""A kwitansi number for every payment received, taken as the payment is recorded."""

from __future__ import annotations

from keloia.domain.model.papers import Receipt
from keloia.domain.model.payments import Payment, PaymentType
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction


def issue_receipt(deps: Deps, uow: Transaction, payment: Payment) -> Receipt | None:
    """Number the payment's kwitansi in the payment's own transaction: the number exists
    exactly when the payment does. Refunds are money going out and get none."""
    if payment.type is PaymentType.REFUND:
        return None
    today = deps.clock.today()
    receipt = Receipt(
        tenant_id=payment.tenant_id,
        payment_id=payment.id,
        year=today.year,
        number=uow.receipts.next_number(payment.tenant_id, today.year),
        issued_on=today,
    )
    uow.receipts.add(receipt)
    return receipt
