"""Scheduled jobs claim their day per tenant: however many schedulers run, once."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from keloia.domain.model.calendar import Holiday
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.services.briefing import run_due
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import add_bus, add_document
from keloia.domain.services.team import create_tenant
from keloia.ports.storage import UnitOfWorkFactory

DAY = date(2026, 3, 2)


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 07:00 in Jakarta

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


def test_many_claims_at_once_return_only_the_new_ones(uow_factory: UnitOfWorkFactory) -> None:
    first = [("settle:b1:7", DAY), ("doc:d1:30", DAY)]
    with uow_factory() as uow:
        assert uow.jobs.claim_many("reminder", first) == set(first)
        assert uow.jobs.claim_many("reminder", []) == set()
        uow.commit()
    later = [("settle:b1:7", DAY), ("settle:b1:3", DAY), ("settle:b1:7", DAY + timedelta(1))]
    with uow_factory() as uow:
        assert uow.jobs.claimed("reminder", later) == {("settle:b1:7", DAY)}
        assert uow.jobs.claimed("briefing", later) == set()
        assert uow.jobs.claim_many("reminder", later) == set(later[1:])
        uow.commit()
    with uow_factory() as uow:
        assert uow.jobs.claimed("reminder", first + later) == set(first + later)


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


class NoHolidays:
    def between(self, start: date, end: date) -> list[Holiday]:
        return []


def test_two_schedulers_at_once_give_one_run_per_tenant_and_day(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """Four schedulers tick at the same moment over three tenants: each tenant's morning
    is run by exactly one of them, and each person gets one message."""
    deps = Deps(storage=uow_factory, clock=Clock(), ids=Ids())
    for n in range(3):
        _, owner = create_tenant(deps, f"PO {n}", f"+62813000001{n}", f"Bu {n}")
        bus = add_bus(deps, owner, "Bus 01")
        add_document(deps, owner, DocumentKind.KIR, DAY + timedelta(days=5), bus_id=bus.id)
    start = threading.Barrier(4)

    def scheduler() -> list[tuple[str, str, date]]:
        start.wait()
        return [(j.job, j.tenant_id, j.day) for j in run_due(deps, NoHolidays())]

    with ThreadPoolExecutor(4) as pool:
        runs = [r for done in pool.map(lambda _: scheduler(), range(4)) for r in done]
    # Each tenant's morning (and, on this Monday, its weekly summary) in one scheduler.
    assert len(runs) == len(set(runs)) == 6
    assert run_due(deps, NoHolidays()) == []
    with uow_factory() as uow:
        bodies = [i.message.body for i in uow.outbox.recent(None, 100)]
    assert len([b for b in bodies if "KIR Bus 01 habis" in b]) == 3  # one per owner
    assert len([b for b in bodies if "Ringkasan untuk pekan" in b]) == 3
    assert len(bodies) == 6
