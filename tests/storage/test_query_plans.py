"""The schedule and money queries read an index range, never the whole bookings table.
Checked on SQLite, whose planner does not depend on table statistics the way PostgreSQL's
does (there, bench/storage.py shows the same at 1 million bookings)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from keloia.adapters.sql import SqlUnitOfWorkFactory
from keloia.domain.model.activity import ActivityQuery
from keloia.domain.model.common import DateRange
from keloia.ports.storage import UnitOfWork

from .records import day


@pytest.fixture
def factory(sqlite_engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(sqlite_engine)


def plans(engine: Engine, call: Callable[[UnitOfWork], object]) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT the call makes."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with SqlUnitOfWorkFactory(engine)() as uow:
            call(uow)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    found = []
    with engine.connect() as connection:
        for statement, params in seen:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
            found.append(" | ".join(str(r[-1]) for r in rows))
    return found


def only_index_ranges(found: list[str]) -> Iterator[str]:
    for plan in found:
        if "SCAN bookings" in plan or "SCAN booking_buses" in plan or "SCAN booking_crew" in plan:
            yield plan


def reads_departures(plan: str) -> bool:
    """The plan reads the tenant's bookings by a range of departures."""
    bounded = plan.replace(">=", ">").replace("<=", "<")
    return (
        "ix_bookings_tenant_id_depart_date (tenant_id=? AND depart_date>? AND depart_date<?)"
        in bounded
    )


def test_day_schedule_reads_a_bounded_range(sqlite_engine: Engine) -> None:
    found = plans(
        sqlite_engine, lambda uow: uow.bookings.overlapping("t", DateRange.single(day(3)))
    )
    assert reads_departures(found[0])
    assert list(only_index_ranges(found)) == []


def test_client_names_read_the_same_bounded_range(sqlite_engine: Engine) -> None:
    """Every text message reads them (flow._clients), over some 445 days."""
    window = DateRange(start=day(-45), end=day(400))
    found = plans(sqlite_engine, lambda uow: uow.bookings.client_names("t", window))
    assert reads_departures(found[0])
    assert list(only_index_ranges(found)) == []


def test_conflict_check_reads_bounded_ranges(sqlite_engine: Engine) -> None:
    found = plans(
        sqlite_engine,
        lambda uow: uow.bookings.holding("t", DateRange.single(day(3)), ["bus"], ["driver"]),
    )
    joined = " ".join(found)
    assert "ix_booking_buses_tenant_id_bus_id_depart_date" in joined
    assert "ix_booking_crew_tenant_id_user_id_depart_date" in joined
    assert list(only_index_ranges(found)) == []


def test_balances_read_the_partial_index(sqlite_engine: Engine) -> None:
    found = plans(sqlite_engine, lambda uow: uow.bookings.with_balance("t"))
    assert "ix_bookings_open_balance" in found[0]
    assert list(only_index_ranges(found)) == []


def test_the_activity_page_reads_the_tenants_time_range(sqlite_engine: Engine) -> None:
    """The newest entries of a tenant before a moment: the (tenant, at) index, read
    backwards; only entries of the same moment are sorted (by id), never the trail."""
    start, end = datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    found = plans(
        sqlite_engine, lambda uow: uow.activity.between("t", ActivityQuery(start, end), 101)
    )
    assert "ix_activity_log_tenant_id_at" in found[0], found
    assert "SCAN activity_log" not in found[0], found
    assert "TEMP B-TREE FOR ORDER BY" not in found[0], found


def test_the_plan_check_sees_a_scan(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        rows = connection.execute(
            text("EXPLAIN QUERY PLAN SELECT * FROM bookings WHERE notes = ''")
        )
        plan = " | ".join(str(r[-1]) for r in rows)
    assert list(only_index_ranges([plan])) == [plan]
