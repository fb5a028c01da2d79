"""Tenant isolation: nothing asked for tenant A ever returns or changes tenant B's records,
whatever ids the caller passes (B's own ids included).

The two identity lookups (a phone number, an invite code) are cross-tenant by design and
are left out: they are how a tenant is found in the first place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keloia.domain.model.activity import ActivityFilter, ActivityQuery
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import MaintenanceType
from keloia.ports.storage import UnitOfWork, UnitOfWorkFactory

from .records import (
    Team,
    activity,
    alert,
    at,
    booking,
    day,
    document,
    interval,
    invite,
    maintenance,
    payment,
    seed,
    team,
)

A, B = team("ta", 1), team("tb", 2)


@dataclass
class Records:
    """Everything one tenant holds, by id, for building calls with any tenant's ids."""

    bookings: dict[str, Any]
    documents: dict[str, Any]
    invites: dict[str, Any]


def fill(uow: UnitOfWork, t: Team) -> Records:
    trips = [
        # Both tenants have a "Pak Agus" on the same days with the same bus names.
        booking(t, "agus", 10, 12, buses=(t.bus1,), crew=(t.driver1,), client_name="Pak Agus"),
        booking(t, "owing", 11, buses=(t.bus2,), crew=(t.driver2,), price=9_000_000),
        booking(t, "gone", 11, buses=(t.bus1,), status=BookingStatus.CANCELLED),
    ]
    docs = [document(t, "kir", 15), document(t, "sim", 40, person=t.driver1)]
    codes = [invite(t, f"CODE{t.id.upper()}")]
    for record in trips:
        uow.bookings.add(record)
    uow.payments.add(payment(t, "dp", trips[1].id, 1, 4_000_000))
    uow.maintenance.add(maintenance(t, "oil", t.bus1, MaintenanceType.OIL_CHANGE, -20))
    uow.maintenance.set_interval(interval(t, t.bus1, MaintenanceType.OIL_CHANGE, every_days=90))
    for doc in docs:
        uow.documents.add(doc)
    uow.activity.add(activity(t, "act", trips[0].id, 1))
    uow.alerts.add(alert(t, "alert", t.owner, 2))
    for code in codes:
        uow.invites.add(code)
    return Records(
        bookings={r.id: r for r in trips},
        documents={d.id: d for d in docs},
        invites={i.code: i for i in codes},
    )


def view(uow: UnitOfWork, t: Team, records: Records) -> dict[str, Any]:
    """Everything the repositories show of tenant `t`."""
    everything = DateRange(start=day(-60), end=day(90))
    return {
        "tenant": uow.tenants.get(t.id),
        "users": uow.users.all(t.id),
        "buses": uow.buses.all(t.id),
        "bookings": uow.bookings.overlapping(t.id, everything),
        "balance": uow.bookings.with_balance(t.id),
        "payments": uow.payments.between(t.id, day(-60), day(90)),
        "maintenance": [uow.maintenance.for_bus(t.id, b.id) for b in t.buses],
        "intervals": uow.maintenance.intervals(t.id),
        "documents": uow.documents.all(t.id),
        "activity": uow.activity.all(t.id),
        "alerts": [uow.alerts.for_user(t.id, u.id) for u in t.users],
        "invites": [uow.invites.by_code(code) for code in records.invites],
    }


def owned_by_a(found: Any) -> None:
    """Every record in `found` (a record, a list or a dict of them) is tenant A's."""
    if found is None:
        return
    if isinstance(found, list):
        for item in found:
            owned_by_a(item)
    elif isinstance(found, dict):
        for item in found.values():
            owned_by_a(item)
    else:
        assert found.tenant_id == A.id, f"tenant A was shown {found!r}"


OPS = [
    "users.get",
    "users.all",
    "users.update",
    "buses.get",
    "buses.all",
    "buses.update",
    "bookings.get",
    "bookings.get_many",
    "bookings.update",
    "bookings.add",
    "overlapping",
    "client_names",
    "holding",
    "with_balance",
    "payments.for_booking",
    "payments.between",
    "payments.add",
    "maintenance.for_bus",
    "maintenance.between",
    "maintenance.latest",
    "maintenance.intervals",
    "maintenance.set_interval",
    "documents.get",
    "documents.all",
    "documents.expiring",
    "documents.update",
    "invites.update",
    "activity.all",
    "activity.between",
    "activity.add",
    "alerts.for_user",
    "alerts.unread",
    "alerts.add",
]


@dataclass(frozen=True)
class Call:
    op: str
    target: str
    start: int
    length: int
    flag: bool
    others: tuple[str, ...]


class Caller:
    """Makes the calls for tenant A, with whatever ids the strategy drew."""

    def __init__(self, uow: UnitOfWork, a: Records, b: Records) -> None:
        self.uow = uow
        self.users = {u.id: u for u in A.users + B.users}
        self.buses = {x.id: x for x in A.buses + B.buses}
        self.bookings = a.bookings | b.bookings
        self.documents = a.documents | b.documents
        self.invites = a.invites | b.invites
        self.added = 0

    def run(self, call: Call) -> None:
        uow, target = self.uow, call.target
        days = DateRange(start=day(call.start), end=day(call.start + call.length))
        match call.op:
            case "users.get":
                owned_by_a(uow.users.get(A.id, target))
            case "users.all":
                owned_by_a(uow.users.all(A.id))
            case "buses.get":
                owned_by_a(uow.buses.get(A.id, target))
            case "buses.all":
                owned_by_a(uow.buses.all(A.id))
            case "bookings.get":
                owned_by_a(uow.bookings.get(A.id, target))
            case "bookings.get_many":
                owned_by_a(uow.bookings.get_many(A.id, [target, *call.others]))
            case "overlapping":
                owned_by_a(uow.bookings.overlapping(A.id, days))
            case "client_names":
                names = uow.bookings.client_names(A.id, days)
                assert set(names) == {b.client_name for b in uow.bookings.overlapping(A.id, days)}
            case "holding":
                ids = [target, *call.others]
                owned_by_a(uow.bookings.holding(A.id, days, ids, ids))
            case "with_balance":
                owned_by_a(uow.bookings.with_balance(A.id))
            case "payments.for_booking":
                owned_by_a(uow.payments.for_booking(A.id, target))
            case "payments.between":
                owned_by_a(uow.payments.between(A.id, days.start, days.end))
            case "maintenance.for_bus":
                owned_by_a(uow.maintenance.for_bus(A.id, target))
            case "maintenance.between":
                owned_by_a(uow.maintenance.between(A.id, days.start, days.end))
            case "maintenance.latest":
                owned_by_a(uow.maintenance.latest(A.id))
            case "maintenance.intervals":
                owned_by_a(uow.maintenance.intervals(A.id))
            case "documents.get":
                owned_by_a(uow.documents.get(A.id, target))
            case "documents.all":
                owned_by_a(uow.documents.all(A.id))
            case "documents.expiring":
                owned_by_a(uow.documents.expiring(A.id, days.end))
            case "activity.all":
                owned_by_a(uow.activity.all(A.id, target if call.flag else None))
            case "activity.between":
                # With the flag, only the changes on the target (as a booking's id).
                of = ActivityFilter(booking_ids=frozenset({target})) if call.flag else None
                query = ActivityQuery(at(call.start), at(call.start + 60), of)
                found = uow.activity.between(A.id, query, call.length)
                owned_by_a(found)
            case "alerts.for_user":
                owned_by_a(uow.alerts.for_user(A.id, target, at(call.start) if call.flag else None))
            case "alerts.unread":
                owned_by_a(uow.alerts.unread(A.id, target))
            case _:
                self.write(call)

    def write(self, call: Call) -> None:
        """Changes made as tenant A: to A's records they apply; aimed at anyone else's
        they are refused, and B's rows stay as they were (checked by the caller)."""
        uow, target = self.uow, call.target
        self.added += 1
        match call.op:
            case "users.update":
                self.update(uow.users.update, self.users.get(target), {"name": "Diubah"})
            case "buses.update":
                self.update(uow.buses.update, self.buses.get(target), {"plate": "X 1"})
            case "bookings.update":
                change = {"status": BookingStatus.CANCELLED, "price": 1}
                self.update(uow.bookings.update, self.bookings.get(target), change)
            case "documents.update":
                change = {"expires_on": day(call.start)}
                self.update(uow.documents.update, self.documents.get(target), change)
            case "invites.update":
                self.update(uow.invites.update, self.invites.get(target), {"uses": 2})
            case "bookings.add":
                uow.bookings.add(booking(A, f"new{self.added}", call.start, price=5))
            case "payments.add":
                uow.payments.add(payment(A, f"new{self.added}", "ta-owing", call.start, 1))
            case "maintenance.set_interval":
                uow.maintenance.set_interval(
                    interval(A, A.bus1, MaintenanceType.OIL_CHANGE, every_km=call.length + 1)
                )
            case "activity.add":
                uow.activity.add(activity(A, f"new{self.added}", target, call.start))
            case "alerts.add":
                uow.alerts.add(alert(A, f"new{self.added}", A.admin, call.start))
            case _:
                raise AssertionError(f"unknown operation {call.op}")

    @staticmethod
    def update(apply: Any, record: Any, change: dict[str, Any]) -> None:
        if record is None:
            return
        as_a = record.model_copy(update=change | {"tenant_id": A.id})
        if record.tenant_id == A.id:
            apply(as_a)
        else:
            with pytest.raises(KeyError):
                apply(as_a)


def every_id() -> list[str]:
    ids = [u.id for u in A.users + B.users] + [x.id for x in A.buses + B.buses]
    ids += [f"{t.id}-{name}" for t in (A, B) for name in ("agus", "owing", "gone", "kir", "sim")]
    return [*ids, "CODETA", "CODETB", "nobody"]


calls = st.builds(
    Call,
    op=st.sampled_from(OPS),
    target=st.sampled_from(every_id()),
    start=st.integers(-40, 60),
    length=st.integers(0, 31),
    flag=st.booleans(),
    others=st.lists(st.sampled_from(every_id()), max_size=3).map(tuple),
)


def test_calls_for_one_tenant_never_touch_another(uow_factory: UnitOfWorkFactory) -> None:
    seed(uow_factory, A, B)
    with uow_factory() as uow:
        a_records, b_records = fill(uow, A), fill(uow, B)
        uow.commit()

    @settings(max_examples=30, deadline=None)
    @given(st.lists(calls, min_size=1, max_size=12))
    def check(sequence: list[Call]) -> None:
        # Each example works in one unit of work and never commits: the next one starts
        # from the same two tenants.
        with uow_factory() as uow:
            before = view(uow, B, b_records)
            caller = Caller(uow, a_records, b_records)
            for call in sequence:
                caller.run(call)
            assert view(uow, B, b_records) == before

    check()


def test_b_is_untouched_after_a_committed_its_changes(uow_factory: UnitOfWorkFactory) -> None:
    seed(uow_factory, A, B)
    with uow_factory() as uow:
        a_records, b_records = fill(uow, A), fill(uow, B)
        uow.commit()
    with uow_factory() as uow:
        before = view(uow, B, b_records)
        caller = Caller(uow, a_records, b_records)
        for op in OPS:
            for target in every_id():
                caller.run(Call(op, target, 3, 2, True, ()))
        uow.commit()
    with uow_factory() as uow:
        assert view(uow, B, b_records) == before
