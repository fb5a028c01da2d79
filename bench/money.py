"""Do the money reports stay flat as bookings pile up? (design.md: within 2x from 1 thousand
to 1 million bookings stored.)

Seeds one database with 1 thousand bookings and one with 1 million (bench/storage.py's
data: 500 bookings per tenant over four years, so only the amount of other tenants' data
grows), each booking with one trip cost, by bulk inserts (SQLite) or COPY (PostgreSQL).
Then times, through the real use cases (permission check, unit of work, the rules):

- profit per bus for a year: money.profit_between(owner, the year 2025)
- receivables with aging: money.receivables_aging(owner)

for random tenants, in alternating rounds, and prints the median per call and 1M / 1K.

    .venv/bin/python bench/money.py                       # SQLite
    .venv/bin/python bench/money.py --databases sqlite postgresql
    .venv/bin/python bench/money.py --small 1000 --large 100000   # a quicker look
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
import storage as sb
from keloia.adapters.sql import SqlUnitOfWorkFactory, make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import money
from keloia.domain.services.deps import Deps

SAMPLES = 100
ROUNDS = 3
YEAR = DateRange(start=date(2025, 1, 1), end=date(2025, 12, 31))
COST_COLUMNS = (
    "id, tenant_id, booking_id, bus_id, category, amount, trip_date, note, recorded_by, created_at"
)
CATEGORIES = ("bbm", "tol", "uang_jalan", "premi_sopir", "makan")


class FixedClock:
    def now(self) -> datetime:
        return datetime.combine(sb.TODAY, datetime.min.time(), tzinfo=UTC)

    def today(self) -> date:
        return sb.TODAY


class NoIds:
    def new_id(self) -> str:
        raise AssertionError("a report writes nothing")

    def new_code(self) -> str:
        raise AssertionError("a report writes nothing")


def with_costs(rows: sb.Rows, rng: random.Random) -> list[tuple[Any, ...]]:
    """One cost per booking, on its bus, dated by its departure (as the use case does)."""
    buses = {b[0]: b[3] for b in rows.booking_buses}
    created = datetime(2023, 1, 1, tzinfo=UTC)
    return [
        (
            f"c-{b[0]}",
            b[1],
            b[0],
            buses[b[0]],
            rng.choice(CATEGORIES),
            rng.randrange(1, 40) * 100_000,
            b[6],
            "",
            f"{b[1]}-owner",
            created,
        )
        for b in rows.bookings
    ]


@dataclass
class Seeded:
    size: str
    engine: Engine
    deps: Deps
    owners: list[User]
    times: dict[str, list[float]]


def owner_of(tenant: str) -> User:
    return User(
        id=f"{tenant}-owner",
        tenant_id=tenant,
        phone="+6281100000001",
        name="Owner",
        role=Role.OWNER,
        created_at=datetime(2022, 12, 1, tzinfo=UTC),
    )


CALLS: dict[str, Callable[[Deps, User], object]] = {
    "profit per bus, a year": lambda deps, owner: money.profit_between(deps, owner, YEAR).per_bus,
    "receivables with aging": lambda deps, owner: money.receivables_aging(deps, owner),
}


def seed(database: sb.Database, size: str, rows: sb.Rows, costs: list[tuple[Any, ...]]) -> Seeded:
    migrate(database.url)
    engine = make_engine(database.url)
    tables = sb._tables

    def with_trip_costs(rows: sb.Rows) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
        return [*tables(rows), ("trip_costs", COST_COLUMNS, costs)]

    sb._tables = with_trip_costs  # the storage bench's loaders, one more table
    started = time.perf_counter()
    try:
        if database.name == "SQLite":
            sb.load_sqlite(engine, rows)
        else:
            sb.load_postgres(engine, rows)
    finally:
        sb._tables = tables
    print(
        f"  {database.name} {size}: {len(rows.bookings):,} bookings and {len(costs):,} costs "
        f"of {len(rows.tenants):,} tenants seeded in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    deps = Deps(storage=SqlUnitOfWorkFactory(engine), clock=FixedClock(), ids=NoIds())
    rng = random.Random(size)
    tenants = [t[0] for t in rows.tenants]
    owners = [owner_of(rng.choice(tenants)) for _ in range(SAMPLES)]
    return Seeded(size, engine, deps, owners, {name: [] for name in CALLS})


def run(seeded: Seeded, name: str, keep: bool) -> None:
    call = CALLS[name]
    for owner in seeded.owners:
        started = time.perf_counter()
        call(seeded.deps, owner)
        if keep:
            seeded.times[name].append(time.perf_counter() - started)


def measure(make: Callable[[str], sb.Database], data: dict[str, sb.Rows]) -> list[str]:
    made: list[sb.Database] = []
    seeded: list[Seeded] = []
    rng = random.Random(7)
    try:
        for size, rows in data.items():
            made.append(make(size))
            seeded.append(seed(made[-1], size, rows, with_costs(rows, rng)))
        for round_number in range(ROUNDS + 1):  # the first round warms up
            for name in CALLS:
                for each in seeded:
                    run(each, name, keep=round_number > 0)
        lines = []
        for name in CALLS:
            small, large = (statistics.median(each.times[name]) for each in seeded)
            lines.append(
                f"| {made[0].name} | {name} | {small * 1000:.2f} ms | {large * 1000:.2f} ms "
                f"| {large / small:.2f}x |"
            )
        return lines
    finally:
        for each in seeded:
            each.engine.dispose()
        for database in made:
            database.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--small", type=int, default=sb.SMALL)
    parser.add_argument("--large", type=int, default=sb.LARGE)
    args = parser.parse_args()
    rng = random.Random(1)
    data = {
        sb.label(args.small): sb.generate(args.small, rng),
        sb.label(args.large): sb.generate(args.large, rng),
    }
    print(
        f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, python {platform.python_version()}, "
        f"{platform.machine()}; median of {SAMPLES} tenants x {ROUNDS} rounds"
    )
    small, large = data
    print(f"| database | call | {small} bookings | {large} bookings | {large} / {small} |")
    print("|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.databases:
            if name == "sqlite":
                make: Callable[[str], sb.Database] = lambda size: sb.sqlite_database(  # noqa: E731
                    Path(folder), size
                )
            else:
                make = sb.postgres_database
            for line in measure(make, data):
                print(line, flush=True)


if __name__ == "__main__":
    main()
