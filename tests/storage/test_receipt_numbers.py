"""Eight payments recorded at the same instant, each through the real service on its own
connection: the kwitansi numbers are 1..8, no gap and no twin; a payment that fails
takes no number."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from keloia.domain.errors import Overpayment
from keloia.domain.model.payments import PaymentType
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.deps import Deps
from keloia.domain.services.payments import PaymentDraft, record_payment
from keloia.domain.services.team import create_tenant
from keloia.ports.storage import UnitOfWorkFactory

from .test_races import Clock, Ids

WRITERS = 8


def test_concurrent_payments_get_consecutive_numbers(sql_factory: UnitOfWorkFactory) -> None:
    deps = Deps(storage=sql_factory, clock=Clock(), ids=Ids())
    tenant, owner = create_tenant(deps, "PO Kwitansi", "+6281200000001", "Bu Ani")
    other_tenant, other_owner = create_tenant(deps, "PO Lain", "+6281200000009", "Pak Lain")
    booking = create_booking(
        deps,
        owner,
        BookingDraft(client_name="Pak Agus", depart_date=date(2026, 5, 1), price=80_000_000),
    )
    start = threading.Barrier(WRITERS + 1)

    def pay(n: int) -> str:
        start.wait()
        draft = PaymentDraft(booking_id=booking.id, type=PaymentType.OTHER, amount=1_000_000 + n)
        return record_payment(deps, owner, draft).id

    def refused() -> None:
        start.wait()
        with pytest.raises(Overpayment):  # over the balance: rolled back, number given back
            record_payment(
                deps,
                owner,
                PaymentDraft(booking_id=booking.id, type=PaymentType.DP, amount=900_000_000),
            )

    with ThreadPoolExecutor(WRITERS + 1) as pool:
        failing = pool.submit(refused)
        ids = list(pool.map(pay, range(WRITERS)))
        failing.result()

    year = Clock().today().year
    with sql_factory() as uow:
        receipts = uow.receipts.for_payments(tenant.id, ids)
        # Another PO's numbering starts at 1, whatever this one is at.
        assert uow.receipts.next_number(other_tenant.id, year) == 1
    assert sorted(r.number for r in receipts) == list(range(1, WRITERS + 1))
    assert {r.payment_id for r in receipts} == set(ids)
    assert {r.year for r in receipts} == {year}
    assert other_owner.tenant_id != owner.tenant_id
