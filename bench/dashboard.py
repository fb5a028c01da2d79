"""Does the dashboard stay fast as bookings pile up, and are its pages light enough for a
cheap Android phone? (design.md: reads within 2x from 1 thousand to 1 million bookings
stored; the issue: each page under 100 kB of HTML+CSS+JS before compression.)

Seeds a SQLite database with 1 thousand bookings and one with 1 million (the same data
generator as bench/storage.py: many tenants, four years, the same density per tenant),
then asks the whole dashboard app (Litestar in the process, through its ASGI interface,
signed in as one tenant's owner with a bearer session) for:

- `GET /api/schedule` for a week
- the board page `GET /jadwal` for a week

and prints p50 and p99 per size and the ratio 1M / 1K. Then it weighs every page: the
HTML, plus the stylesheet and script it loads.

    .venv/bin/python bench/dashboard.py                 # prints the table
    .venv/bin/python bench/dashboard.py --update-docs   # also rewrites our section of
                                                        # docs/benchmarks.md"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from litestar.testing import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import storage
from keloia.adapters.sql import make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import login
from keloia.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Dashboard (bench/dashboard.py)"
SAMPLES = 200
ROUNDS = 3
BUDGET_BYTES = 100_000
# A smaller "large" database for a quick trial run: KELOIA_BENCH_LARGE=20000.
LARGE = int(os.environ.get("KELOIA_BENCH_LARGE", storage.LARGE))
SAMPLES = int(os.environ.get("KELOIA_BENCH_SAMPLES", SAMPLES))
PAGES = [
    "/jadwal",
    "/jadwal?tampilan=bulan",
    "/booking/baru",
    "/armada",
    "/keuangan",
    "/peringatan",
    "/tim",
    "/pengaturan",
    "/mulai",
    "/masuk",
]


def seed(folder: Path, total: int) -> str:
    rows = storage.generate(total, random.Random(total))
    url = f"sqlite:///{folder / f'dash-{total}.db'}"
    migrate(url)
    started = time.perf_counter()
    storage.load_sqlite(make_engine(url), rows)
    print(f"  {total:,} bookings seeded in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return url


def client_for(url: str) -> tuple[TestClient, dict[str, str]]:  # type: ignore[type-arg]
    keloia = bootstrap(Settings(KELOIA_DATABASE_URL=url))  # type: ignore[call-arg]
    owner = User(
        id="t00000-owner",
        tenant_id="t00000",
        phone="+6281000000099",
        name="Owner",
        role=Role.OWNER,
        created_at=datetime(2022, 12, 1, tzinfo=UTC),
    )
    login.open_session(keloia.kv, owner, "bench-token")
    app = create_app(replace(keloia, queue=DramatiqQueue()))
    return TestClient(app), {"Authorization": "Bearer bench-token"}


def timings(
    client: TestClient,
    headers: dict[str, str],
    path: str,  # type: ignore[type-arg]
    rng: random.Random,
) -> list[float]:
    found = []
    for _ in range(SAMPLES):
        start = storage.TODAY - timedelta(days=rng.randrange(3 * 365))
        url = path.format(start=start, end=start + timedelta(days=6))
        began = time.perf_counter()
        response = client.get(url, headers=headers)
        found.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    return found


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def weigh(client: TestClient, headers: dict[str, str]) -> list[tuple[str, int, int]]:  # type: ignore[type-arg]
    rows = []
    for path in PAGES:
        html = client.get(path, headers=headers if path != "/masuk" else {}).text
        assets = re.findall(r'(?:href|src)="(/static/[^"?]+)', html)
        extra = sum(len(client.get(a).content) for a in assets)
        rows.append((path, len(html.encode()), extra))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        urls = {size: seed(Path(folder), size) for size in (storage.SMALL, LARGE)}
        clients = {size: client_for(url) for size, url in urls.items()}
        results: dict[tuple[int, str], list[float]] = {}
        calls = {"api": "/api/schedule?date={start}&to={end}", "board": "/jadwal?mulai={start}"}
        for _ in range(ROUNDS):  # alternate sizes, so the shared machine's load hits both
            for size, (client, headers) in clients.items():
                for name, path in calls.items():
                    rng = random.Random(name)
                    results.setdefault((size, name), []).extend(timings(client, headers, path, rng))
        weights = weigh(*clients[storage.SMALL])
    report = render(results, weights)
    print(report)
    if args.update_docs:
        update_docs(report)


def render(results: dict[tuple[int, str], list[float]], weights: list[tuple[str, int, int]]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Run {now} on {os.cpu_count()} cores ({platform.machine()}, Python "
        f"{platform.python_version()}). Each request through the whole app (routing, "
        "session, guard, use case, SQLite, JSON or the template), signed in as one "
        f"tenant's owner; {SAMPLES} random weeks over three years x {ROUNDS} rounds, sizes "
        f"alternating. Budget: 1M / 1K within 2x. Load average at the end: "
        f"{os.getloadavg()[0]:.1f} (shared machine: absolute times move, the ratio holds).",
        "",
        "    .venv/bin/python bench/dashboard.py --update-docs",
        "",
        "| request | 1K p50 | 1K p99 | 1M p50 | 1M p99 | 1M / 1K (p50) | 1M / 1K (p99) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label in (
        ("api", "`GET /api/schedule` (a week)"),
        ("board", "board page `/jadwal` (a week)"),
    ):
        small, large = results[(storage.SMALL, name)], results[(LARGE, name)]
        s50, s99, l50, l99 = pct(small, 0.5), pct(small, 0.99), pct(large, 0.5), pct(large, 0.99)
        lines.append(
            f"| {label} | {s50:.1f} ms | {s99:.1f} ms | {l50:.1f} ms | {l99:.1f} ms | "
            f"{l50 / s50:.2f}x | {l99 / s99:.2f}x |"
        )
    lines += [
        "",
        "Page weight before compression (budget 100 kB: HTML + the CSS and JS it loads):",
        "",
        "| page | HTML | CSS + JS | total | within budget |",
        "|---|---:|---:|---:|---|",
    ]
    for path, html, extra in weights:
        total = html + extra
        ok = "yes" if total < BUDGET_BYTES else "NO"
        lines.append(
            f"| `{path}` | {html / 1000:.1f} kB | {extra / 1000:.1f} kB | "
            f"{total / 1000:.1f} kB | {ok} |"
        )
    return "\n".join(lines)


def update_docs(report: str) -> None:
    current = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = f"{SECTION}\n\n{report.strip()}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: section + "\n", current).rstrip() + "\n"
    else:
        updated = current.rstrip() + "\n\n" + section
    DOCS.write_text(updated)


if __name__ == "__main__":
    main()
