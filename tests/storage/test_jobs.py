"""Scheduled jobs claim their day per tenant: however many schedulers run, once."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from keloia.domain.model.fleet import DocumentKind
from keloia.domain.services.daily import run_daily_alerts
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import add_bus, add_document
from keloia.domain.services.team import create_tenant
from keloia.ports.storage import UnitOfWorkFactory

DAY = date(2026, 3, 2)


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 3, 2, 0, 0, tzinfo=UTC)

    def today(self) -> date:
        return DAY


class Ids:
    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_code(self) -> str:
        return uuid.uuid4().hex[:8].upper()


def test_a_claim_is_taken_once_per_job_key_and_day(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.jobs.claim("daily_alerts", "t1", DAY) is True
        assert uow.jobs.claim("daily_alerts", "t1", DAY) is False
        assert uow.jobs.claim("daily_alerts", "t2", DAY) is True
        assert uow.jobs.claim("daily_alerts", "t1", DAY + timedelta(days=1)) is True
        assert uow.jobs.claim("other_job", "t1", DAY) is True
        uow.commit()
    with uow_factory() as uow:
        assert uow.jobs.claim("daily_alerts", "t1", DAY) is False


def test_a_rolled_back_claim_is_not_taken(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.jobs.claim("daily_alerts", "t1", DAY)
    with uow_factory() as uow:
        assert uow.jobs.claim("daily_alerts", "t1", DAY)


def test_tenants_are_listed(uow_factory: UnitOfWorkFactory) -> None:
    deps = Deps(storage=uow_factory, clock=Clock(), ids=Ids())
    a, _ = create_tenant(deps, "PO A", "+6281300000001", "Bu A")
    b, _ = create_tenant(deps, "PO B", "+6281300000002", "Pak B")
    with uow_factory() as uow:
        assert sorted(t.id for t in uow.tenants.all()) == sorted([a.id, b.id])


def test_daily_alerts_run_once_per_tenant_and_day_even_in_parallel(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = Deps(storage=uow_factory, clock=Clock(), ids=Ids())
    tenants = []
    for n in range(3):
        tenant, owner = create_tenant(deps, f"PO {n}", f"+62813000001{n}", f"Bu {n}")
        bus = add_bus(deps, owner, "Bus 01")
        add_document(deps, owner, DocumentKind.KIR, DAY + timedelta(days=5), bus_id=bus.id)
        tenants.append((tenant, owner))
    start = threading.Barrier(4)

    def scheduler() -> int:
        start.wait()
        return run_daily_alerts(deps, DAY)

    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda _: scheduler(), range(4)))
    assert sum(done) == 3  # each tenant's morning ran in exactly one scheduler
    assert run_daily_alerts(deps, DAY) == 0
    for tenant, owner in tenants:
        with uow_factory() as uow:
            kir = [a for a in uow.alerts.for_user(tenant.id, owner.id) if "KIR" in a.text]
        assert len(kir) == 1
    assert run_daily_alerts(deps, DAY + timedelta(days=1)) == 3
