"""Do schedule reads stay flat as bookings pile up? (design.md: within 2x from 1 thousand
to 1 million bookings.)

Seeds one database with 1 thousand bookings and one with 1 million (many tenants, four
years, the same density per tenant in both: only the amount of other data grows), then
times two repository calls on each:

- the day's schedule: BookingRepository.overlapping(tenant, one day)
- the conflict check: BookingRepository.holding(tenant, a trip's days, its bus, its driver)

and prints, per database, the median time per call and the ratio of 1M to 1K.

    .venv/bin/python bench/storage.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/storage.py --databases sqlite   # one of them
    .venv/bin/python bench/storage.py --update-docs        # also rewrite our section of
                                                           # docs/benchmarks.md

PostgreSQL comes from KELOIA_BENCH_POSTGRES_URL (default: the test server); the bench works
in its own schemas there and drops them at the end. SQLite files go to a temporary folder."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from keloia.adapters.sql import SqlUnitOfWorkFactory, make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.domain.model.common import DateRange
from keloia.ports.storage import UnitOfWork

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Storage (bench/storage.py)"

POSTGRES_URL = os.environ.get(
    "KELOIA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

# A PO Bus with 8 buses and 8 drivers keeps about 500 bookings over four years.
BOOKINGS_PER_TENANT = 500
BUSES_PER_TENANT = 8
FIRST_DAY = date(2023, 1, 1)
YEARS = 4
TODAY = date(2026, 6, 1)
SMALL, LARGE = 1_000, 1_000_000
SAMPLES = 300
ROUNDS = 5

BOOKING_COLUMNS = (
    "id, tenant_id, client_name, client_phone, route_from, route_to, depart_date, "
    "return_date, pickup_time, pickup_place, passengers, price, status, bus_count, notes, "
    "settlement_due_date, paid_total, refunded_total, created_by, created_at"
)
BUS_ROW_COLUMNS = (
    "booking_id, tenant_id, position, bus_id, driver_id, co_driver_id, depart_date, "
    "return_date, live"
)
CREW_COLUMNS = "booking_id, tenant_id, user_id, depart_date, return_date, live"
CLIENTS = ["Pak Agus", "Bu Siti", "SMA 3 Yogyakarta", "PT Sinar Jaya", "Pak Budi", "Bu Rina"]
ROUTES = ["Yogyakarta", "Semarang", "Solo", "Magelang", "Bandung", "Malang", "Bali"]


# --- the data --------------------------------------------------------------------------


@dataclass(frozen=True)
class Trip:
    """What the conflict-check sample needs of one seeded booking."""

    tenant_id: str
    depart: date
    back: date
    bus_id: str
    driver_id: str


@dataclass
class Rows:
    tenants: list[tuple[Any, ...]]
    users: list[tuple[Any, ...]]
    buses: list[tuple[Any, ...]]
    bookings: list[tuple[Any, ...]]
    booking_buses: list[tuple[Any, ...]]
    booking_crew: list[tuple[Any, ...]]
    trips: list[Trip]


def generate(total: int, rng: random.Random) -> Rows:
    """`total` bookings for total / 500 tenants. Each bus runs one trip after another, so
    no bus or driver is ever double-booked (PostgreSQL's constraints would refuse it)."""
    rows = Rows([], [], [], [], [], [], [])
    created = datetime(2022, 12, 1, tzinfo=UTC)
    span = YEARS * 365
    for t in range(max(1, total // BOOKINGS_PER_TENANT)):
        tenant = f"t{t:05d}"
        rows.tenants.append((tenant, f"PO Bench {t}", json.dumps({}), created))
        rows.users.append(
            (f"{tenant}-owner", tenant, f"+6281{t:06d}99", "Owner", "owner", True, created)
        )
        quota = [BOOKINGS_PER_TENANT // BUSES_PER_TENANT] * BUSES_PER_TENANT
        for k in range(BOOKINGS_PER_TENANT % BUSES_PER_TENANT):
            quota[k] += 1
        number = 0
        for k in range(BUSES_PER_TENANT):
            bus, driver = f"{tenant}-b{k}", f"{tenant}-d{k}"
            rows.buses.append((bus, tenant, f"Bus {k:02d}", "", 50, "available", None))
            rows.users.append(
                (driver, tenant, f"+6281{t:06d}{k:02d}", f"Sopir {k}", "driver", True, created)
            )
            mean_step = span / quota[k]
            day = FIRST_DAY + timedelta(days=rng.randrange(int(mean_step)))
            for _ in range(quota[k]):
                length = rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 7, 14))
                back = day + timedelta(days=length - 1)
                booking = f"{tenant}-{number:04d}"
                number += 1
                rows.bookings.append(_booking(rng, booking, tenant, day, back))
                live = rows.bookings[-1][13] != "cancelled"
                rows.booking_buses.append((booking, tenant, 0, bus, driver, None, day, back, live))
                rows.booking_crew.append((booking, tenant, driver, day, back, live))
                rows.trips.append(Trip(tenant, day, back, bus, driver))
                gap = rng.randint(1, max(1, int(2 * mean_step) - length))
                day = back + timedelta(days=gap)
    return rows


def _booking(
    rng: random.Random, bid: str, tenant: str, depart: date, back: date
) -> tuple[Any, ...]:
    client = rng.choice(CLIENTS)
    price = rng.randrange(5, 40) * 1_000_000
    if depart < TODAY:
        status = "cancelled" if rng.random() < 0.1 else "completed"
        paid = price if rng.random() < 0.95 else price // 2
    else:
        status = rng.choice(("pending", "confirmed", "confirmed", "cancelled"))
        paid = rng.choice((0, price // 3, price))
    created = datetime.combine(depart - timedelta(days=20), datetime.min.time(), tzinfo=UTC)
    return (
        bid,
        tenant,
        client,
        None,
        rng.choice(ROUTES),
        rng.choice(ROUTES),
        depart,
        back,
        None,
        "",
        rng.choice((None, 40, 59)),
        price,
        status,
        1,
        "",
        None,
        paid,
        0,
        f"{tenant}-owner",
        created,
    )


# --- loading ---------------------------------------------------------------------------


def _sqlite_rows(values: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The rows as SQLAlchemy's SQLite types store them: ISO text, naive UTC, 0/1. Only the
    columns that need it are converted (found from the first row): a million rows add up."""
    if not values:
        return
    fixes: list[tuple[int, Callable[[Any], Any]]] = []
    for position, value in enumerate(values[0]):
        if isinstance(value, datetime):
            fixes.append((position, _sqlite_datetime))
        elif isinstance(value, date):
            fixes.append((position, date.isoformat))
        elif isinstance(value, bool):
            fixes.append((position, int))
    for row in values:
        fixed = list(row)
        for position, fix in fixes:
            if fixed[position] is not None:
                fixed[position] = fix(fixed[position])
        yield tuple(fixed)


def _sqlite_datetime(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_sqlite(engine: Engine, rows: Rows) -> None:
    """Plain inserts in one transaction, with the secondary indexes dropped first and built
    once at the end (from their own stored definitions) instead of grown row by row."""
    raw = engine.raw_connection()
    try:
        cursor: Any = raw.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute("PRAGMA cache_size = -1000000")
        cursor.execute("BEGIN IMMEDIATE")
        indexes = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for table, columns, values in _tables(rows):
            marks = ", ".join("?" * len(columns.split(",")))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                _sqlite_rows(values),
            )
        for _, sql in indexes:
            cursor.execute(sql)
        cursor.execute("COMMIT")
        cursor.execute("ANALYZE")
    finally:
        raw.close()


def load_postgres(engine: Engine, rows: Rows) -> None:
    """COPY, with foreign-key triggers off (the data is made valid) and the secondary
    indexes built once after the load.

    The exclusion constraints are left off: their GiST indexes take minutes to build over
    2 million rows on this machine, and the timed queries do not use them (they read the
    B-tree indexes). Every write in production goes through them, a row at a time."""
    raw = engine.raw_connection()
    try:
        connection: Any = raw.driver_connection
        schema = "connamespace = current_schema()::regnamespace"
        exclusions = connection.execute(
            f"SELECT conname, conrelid::regclass::text FROM pg_constraint "
            f"WHERE contype = 'x' AND {schema}"
        ).fetchall()
        for name, table in exclusions:
            connection.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE {schema})"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(f"DROP INDEX {name}")
        connection.execute("SET LOCAL session_replication_role = replica")
        with connection.cursor() as cursor:
            for table, columns, values in _tables(rows):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
        connection.execute("SET LOCAL session_replication_role = origin")
        connection.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            connection.execute(definition)
        connection.commit()
        connection.autocommit = True
        for table, _, _ in _tables(rows):
            connection.execute(f"VACUUM (ANALYZE) {table}")
        connection.autocommit = False
    finally:
        raw.close()


def _tables(rows: Rows) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
    return [
        ("tenants", "id, name, settings, created_at", rows.tenants),
        ("users", "id, tenant_id, phone, name, role, active, created_at", rows.users),
        ("buses", "id, tenant_id, name, plate, seats, status, odometer_km", rows.buses),
        ("bookings", BOOKING_COLUMNS, rows.bookings),
        ("booking_buses", BUS_ROW_COLUMNS, rows.booking_buses),
        ("booking_crew", CREW_COLUMNS, rows.booking_crew),
    ]


# --- databases -------------------------------------------------------------------------


@dataclass
class Database:
    name: str
    url: str
    cleanup: Callable[[], None]


def sqlite_database(folder: Path, size: str) -> Database:
    path = folder / f"bench-{size}.db"

    def cleanup() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return Database("SQLite", f"sqlite:///{path}", cleanup)


def postgres_database(size: str) -> Database:
    schema = f"keloia_bench_{size.lower()}_{secrets.token_hex(3)}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public"))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    # Only the bench schema: a Keloia database migrated into public must not be seen.
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})

    def cleanup() -> None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    return Database("PostgreSQL", url.render_as_string(hide_password=False), cleanup)


# --- timing ----------------------------------------------------------------------------


Call = Callable[[UnitOfWork], object]


def schedule_calls(rows: Rows, rng: random.Random) -> list[Call]:
    tenants = [t[0] for t in rows.tenants]
    span = YEARS * 365

    def call(tenant: str, day: date) -> Call:
        return lambda uow: uow.bookings.overlapping(tenant, DateRange.single(day))

    return [
        call(rng.choice(tenants), FIRST_DAY + timedelta(days=rng.randrange(60, span - 60)))
        for _ in range(SAMPLES)
    ]


def holding_calls(rows: Rows, rng: random.Random) -> list[Call]:
    def call(trip: Trip) -> Call:
        days = DateRange(start=trip.depart, end=trip.back)
        return lambda uow: uow.bookings.holding(
            trip.tenant_id, days, [trip.bus_id], [trip.driver_id]
        )

    return [call(rng.choice(rows.trips)) for _ in range(SAMPLES)]


@dataclass
class Seeded:
    size: str
    engine: Engine
    seed_seconds: float
    calls: dict[str, list[Call]]
    times: dict[str, list[float]]


def seed(database: Database, size: str, rows: Rows) -> Seeded:
    rng = random.Random(size)
    migrate(database.url)
    engine = make_engine(database.url)
    started = time.perf_counter()
    if database.name == "SQLite":
        load_sqlite(engine, rows)
    else:
        load_postgres(engine, rows)
    seconds = time.perf_counter() - started
    print(
        f"  {database.name} {size}: {len(rows.bookings):,} bookings of "
        f"{len(rows.tenants):,} tenants seeded in {seconds:.1f}s",
        file=sys.stderr,
    )
    calls = {"schedule": schedule_calls(rows, rng), "holding": holding_calls(rows, rng)}
    return Seeded(size, engine, seconds, calls, {name: [] for name in calls})


def run_calls(seeded: Seeded, name: str, keep: bool) -> None:
    """Each call in its own unit of work (as a request would be), timing the repository
    call alone."""
    factory = SqlUnitOfWorkFactory(seeded.engine)
    for call in seeded.calls[name]:
        with factory() as uow:
            started = time.perf_counter()
            call(uow)
            elapsed = time.perf_counter() - started
        if keep:
            seeded.times[name].append(elapsed)


@dataclass
class Measurement:
    database: str
    size: str
    seed_seconds: float
    schedule: float
    holding: float


def measure(make: Callable[[str], Database], data: dict[str, Rows]) -> list[Measurement]:
    """Seed both sizes, then time them in alternating rounds, so that whatever else the
    machine does at the time weighs on both alike. The first round warms up; it is dropped."""
    made: list[Database] = []
    seeded: list[Seeded] = []
    try:
        for size, rows in data.items():
            made.append(make(size))
            seeded.append(seed(made[-1], size, rows))
        for round_number in range(ROUNDS + 1):
            for call in ("schedule", "holding"):
                for each in seeded:
                    run_calls(each, call, keep=round_number > 0)
        return [
            Measurement(
                made[0].name,
                each.size,
                each.seed_seconds,
                statistics.median(each.times["schedule"]),
                statistics.median(each.times["holding"]),
            )
            for each in seeded
        ]
    finally:
        for each in seeded:
            each.engine.dispose()
        for database in made:
            database.cleanup()


# --- report ----------------------------------------------------------------------------


def label(bookings: int) -> str:
    if bookings >= 1_000_000 and bookings % 1_000_000 == 0:
        return f"{bookings // 1_000_000}M"
    if bookings % 1_000 == 0:
        return f"{bookings // 1_000}K"
    return str(bookings)


def table(results: list[Measurement]) -> str:
    small_label, large_label = results[0].size, results[1].size
    lines = [
        f"| database | call | {small_label} bookings | {large_label} bookings "
        f"| {large_label} / {small_label} |",
        "|---|---|---:|---:|---:|",
    ]
    for name in dict.fromkeys(r.database for r in results):
        small, large = (r for r in results if r.database == name)
        for label, attr in (
            ("day's schedule (`overlapping`)", "schedule"),
            ("conflict check (`holding`)", "holding"),
        ):
            a, b = getattr(small, attr), getattr(large, attr)
            lines.append(
                f"| {name} | {label} | {a * 1000:.3f} ms | {b * 1000:.3f} ms | {b / a:.2f}x |"
            )
    return "\n".join(lines)


def seeding(results: list[Measurement]) -> str:
    large = results[1].size
    parts = [f"{r.database} {r.seed_seconds:.0f}s" for r in results if r.size == large]
    return f"Seeding {large} bookings (with their bus and crew rows): " + ", ".join(parts) + "."


def update_docs(report: str) -> None:
    """Replace our section of docs/benchmarks.md (or add it), leaving the others alone."""
    current = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = f"{SECTION}\n\n{report.strip()}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: section + "\n", current).rstrip() + "\n"
    else:
        updated = current.rstrip() + "\n\n" + section
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(updated)


def databases(names: list[str], folder: Path) -> Iterator[Callable[[str], Database]]:
    for name in names:
        if name == "sqlite":
            yield lambda size: sqlite_database(folder, size)
        else:
            yield postgres_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--update-docs", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--large", type=int, default=LARGE, help="bookings in the big database")
    args = parser.parse_args()
    # The same data goes into every database.
    data = {label(size): generate(size, random.Random(20260301)) for size in (SMALL, args.large)}

    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="keloia-bench-") as folder:
        for make in databases(args.databases, Path(folder)):
            results += measure(make, data)

    report = "\n\n".join(
        [
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
            f"({platform.machine()}, Python {platform.python_version()}). Median time of one "
            f"repository call over {SAMPLES} random tenants and days × {ROUNDS} rounds, each "
            f"call in its own unit of work; {BOOKINGS_PER_TENANT} bookings per tenant over "
            f"{YEARS} years in both databases. Budget (design.md): 1M / 1K within 2x. "
            f"Load average at the end: {os.getloadavg()[0]:.1f} (the machine is shared: "
            "absolute times move with it; the two sizes are timed in alternating rounds, so "
            "the ratio holds).",
            "    .venv/bin/python bench/storage.py --update-docs",
            table(results),
            seeding(results)
            + " Bulk loads build the secondary indexes once at the end; on PostgreSQL the"
            " exclusion constraints are left off the bench schemas (their GiST indexes take"
            " minutes to build over 2M rows here, and the timed queries read the B-tree"
            " indexes, not them).",
        ]
    )
    print(report)
    if args.update_docs:
        update_docs(report)


if __name__ == "__main__":
    main()
