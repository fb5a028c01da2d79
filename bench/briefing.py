"""One morning of briefings for 10, 100 and 1,000 tenants: how long, and how many SQL
statements. Budget (design.md, issue 10): the number of statements per tenant does not grow
with the tenant's bookings or people, and 1,000 tenants finish in under a minute here.

Each size is seeded twice into a fresh SQLite file (the embedded default): "small" tenants
(an owner, an admin, 3 drivers, 4 buses, 12 bookings around the day) and "large" ones (an
owner, 2 admins, 15 drivers, 12 buses, 120 bookings). Then the scheduler's tick runs once
at 05:30 Jakarta time, as `keloia serve` would, and every statement sent to the database is
counted.

    .venv/bin/python bench/briefing.py                  # 10, 100, 1000 tenants
    .venv/bin/python bench/briefing.py --sizes 10 100
    .venv/bin/python bench/briefing.py --update-docs    # also rewrite our section of
                                                        # docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from keloia.adapters.sql import SqlUnitOfWorkFactory, make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.adapters.system.holidays import IndonesianHolidays
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.fleet import Bus, Document, DocumentKind
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.services.briefing import run_due
from keloia.domain.services.deps import Deps

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Morning briefings (bench/briefing.py)"
DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 05:30 in Jakarta on DAY


@dataclass(frozen=True)
class Shape:
    name: str
    admins: int
    drivers: int
    buses: int
    bookings: int


SMALL = Shape("small", admins=1, drivers=3, buses=4, bookings=12)
LARGE = Shape("large", admins=2, drivers=15, buses=12, bookings=120)


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return DAY


class Ids:
    def __init__(self) -> None:
        self.n = 0

    def new_id(self) -> str:
        self.n += 1
        return f"id{self.n:09d}"

    def new_code(self) -> str:
        return self.new_id()[-8:]


def seed(factory: SqlUnitOfWorkFactory, tenants: int, shape: Shape) -> None:
    created = datetime(2026, 1, 1, tzinfo=UTC)
    phone = 6281300000000
    for t in range(tenants):
        tid = f"t{t:05d}"
        with factory() as uow:
            uow.tenants.add(Tenant(id=tid, name=f"PO {t}", created_at=created))
            people = [(Role.OWNER, 1), (Role.ADMIN, shape.admins), (Role.DRIVER, shape.drivers)]
            drivers = []
            for role, n in people:
                for i in range(n):
                    phone += 1
                    uid = f"{tid}-{role.value}{i}"
                    uow.users.add(
                        User(
                            id=uid,
                            tenant_id=tid,
                            phone=f"+{phone}",
                            name=f"{role.value.title()} {i}",
                            role=role,
                            created_at=created,
                        )
                    )
                    if role is Role.DRIVER:
                        drivers.append(uid)
            buses = [f"{tid}-bus{i}" for i in range(shape.buses)]
            for i, bus_id in enumerate(buses):
                uow.buses.add(Bus(id=bus_id, tenant_id=tid, name=f"Bus {i + 1:02d}"))
                uow.documents.add(
                    Document(
                        id=f"{bus_id}-kir",
                        tenant_id=tid,
                        kind=DocumentKind.KIR,
                        bus_id=bus_id,
                        expires_on=DAY + timedelta(days=3 * i + 1),
                    )
                )
            # Bookings spread over the 40 days around the day, one bus each, no clashes:
            # each bus takes a one-day trip every `step` days.
            step = max(1, 40 * len(buses) // shape.bookings)
            for k in range(shape.bookings):
                depart = DAY + timedelta(days=(k // len(buses)) * step - 5 + k % 2)
                bus = buses[k % len(buses)]
                uow.bookings.add(
                    Booking(
                        id=f"{tid}-b{k}",
                        tenant_id=tid,
                        client_name=f"Klien {k}",
                        route_from="Jogja",
                        route_to="Solo",
                        depart_date=depart,
                        return_date=depart,
                        price=5_000_000,
                        paid_total=1_000_000 * (k % 3),
                        status=BookingStatus.CONFIRMED,
                        assignments=[
                            BusAssignment(bus_id=bus, driver_id=drivers[k % len(drivers)])
                        ],
                        created_by=f"{tid}-owner0",
                        created_at=created,
                    )
                )
            uow.commit()


@dataclass(frozen=True)
class Result:
    tenants: int
    shape: Shape
    seconds: float
    statements: int
    messages: int


def morning(folder: Path, tenants: int, shape: Shape) -> Result:
    url = f"sqlite:///{folder / f'{shape.name}-{tenants}.db'}"
    migrate(url)
    engine = make_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    seed(factory, tenants, shape)
    counted = [0]

    def count(*_: Any) -> None:
        counted[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    deps = Deps(storage=factory, clock=Clock(), ids=Ids())
    started = time.perf_counter()
    ran = run_due(deps, IndonesianHolidays(), briefing_at=clock_time(5, 0))
    seconds = time.perf_counter() - started
    event.remove(engine, "before_cursor_execute", count)
    with factory() as uow:
        messages = len(uow.outbox.recent(None, 1_000_000))
    engine.dispose()
    assert len(ran) == tenants, f"{len(ran)} of {tenants} tenants ran"
    return Result(tenants, shape, seconds, counted[0], messages)


def report(results: list[Result]) -> str:
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, Python "
        f"{platform.python_version()}, SQLite file; one tick of the scheduler at 05:30 "
        "(every tenant due), statements counted at the driver.",
        "",
        "    .venv/bin/python bench/briefing.py --update-docs",
        "",
        "| tenants | tenant size | time | per tenant | SQL statements | per tenant | messages |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.shape
        size = f"{s.name}: {1 + s.admins + s.drivers} people, {s.bookings} bookings"
        lines.append(
            f"| {r.tenants:,} | {size} | {r.seconds:.1f} s | {r.seconds / r.tenants * 1000:.1f} ms"
            f" | {r.statements:,} | {r.statements / r.tenants:.1f} | {r.messages:,} |"
        )
    small = {r.tenants: r.statements for r in results if r.shape is SMALL}
    large = {r.tenants: r.statements for r in results if r.shape is LARGE}
    same = all(small[n] == large[n] for n in small if n in large)
    lines += [
        "",
        "Statements per tenant are the same for small and large tenants: "
        + ("yes." if same else "NO (budget broken)."),
    ]
    return "\n".join(lines)


def update_docs(text: str) -> None:
    docs = DOCS.read_text("utf-8")
    block = f"{SECTION}\n\n{text}\n"
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=\n## |\Z)", re.S)
    docs = (
        pattern.sub(block.rstrip("\n"), docs) if SECTION in docs else docs.rstrip() + "\n\n" + block
    )
    DOCS.write_text(docs if docs.endswith("\n") else docs + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    results = []
    IndonesianHolidays().between(DAY, DAY)  # the calendar is built once per process
    with tempfile.TemporaryDirectory() as tmp:
        for tenants in args.sizes:
            for shape in (SMALL, LARGE):
                r = morning(Path(tmp), tenants, shape)
                print(
                    f"{tenants:>5} {shape.name:<5} tenants: {r.seconds:6.2f} s, "
                    f"{r.statements:>6} statements ({r.statements / tenants:.1f}/tenant), "
                    f"{r.messages} messages",
                    file=sys.stderr,
                )
                results.append(r)
    text = report(results)
    print(text)
    if args.update_docs:
        update_docs(text)


if __name__ == "__main__":
    main()
