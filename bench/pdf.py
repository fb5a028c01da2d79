"""Papers: PDFs per second on one core for each kind, the konfirmasi's whole use case
against its 200 ms budget, and the file store's write/read time (folder and S3-compatible).

    .venv/bin/python bench/pdf.py [--rounds 200]

Drawing is measured on the renderer alone (fpdf2, one thread = one core) and through the
use case (data read from the in-memory fakes, drawn, kept in a folder, link signed). The
S3 figures are against moto's local server (real HTTP, real boto3), so they show the
client's own cost, not a network's.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.files.s3 import S3FileStore
from keloia.adapters.pdf import FpdfRenderer
from keloia.adapters.sql import SqlUnitOfWorkFactory, make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.adapters.system import SystemClock, UlidIds
from keloia.domain.model.bookings import BusAssignment
from keloia.domain.model.papers import (
    BusLine,
    ConfirmationPaper,
    DocumentLine,
    Letterhead,
    Paper,
    ReceiptPaper,
    RoadworthinessPaper,
    TripSheetPaper,
    rupiah_in_words,
)
from keloia.domain.model.tenants import DEFAULT_CANCELLATION_POLICY
from keloia.domain.services import fleet, papers, team
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.deps import Deps

BUDGET_MS = 200.0
HEAD = Letterhead(
    name="PO Sinar Jaya (Demo)",
    address="Jl. Magelang Km 7 No. 21, Sleman, D.I. Yogyakarta 55285",
    phone="0812-0000-0001",
    logo_key="logo/logo.png",
)
BUS = BusLine(
    name="Bus 01",
    plate="AB 7001 KA",
    seats=50,
    driver="Joko",
    driver_phone="+6281200000003",
    co_driver="Wahyu",
)
DAY = date(2026, 3, 15)


def samples() -> dict[str, Paper]:
    return {
        "konfirmasi": ConfirmationPaper(
            letterhead=HEAD,
            booking_id="01JQ7X3M9T4K2B8N6P5R0S1V2W",
            issued_on=DAY,
            client_name="Pak Agus",
            client_phone="+6281234567890",
            route_from="Jogja",
            route_to="Semarang",
            depart_date=DAY,
            return_date=DAY,
            pickup_time=clock_time(5, 30),
            pickup_place="Masjid Agung Sleman, Jl. Magelang Km 10",
            passengers=45,
            bus_count=1,
            buses=(BUS,),
            price=15_000_000,
            down_payment=5_000_000,
            paid=5_000_000,
            balance=10_000_000,
            settlement_due=date(2026, 3, 12),
            cancellation_policy=DEFAULT_CANCELLATION_POLICY,
            status_label="terkonfirmasi",
        ),
        "kwitansi": ReceiptPaper(
            letterhead=HEAD,
            code="KW/2026/0001",
            issued_on=DAY,
            payment_id="p1",
            client_name="Pak Agus",
            amount=5_000_000,
            amount_words=rupiah_in_words(5_000_000),
            purpose="DP sewa bus Jogja - Semarang, 15 Maret 2026",
            received_by="Sari",
            method="transfer BCA",
            paid_date=DAY,
            price=15_000_000,
            paid_total=5_000_000,
            balance=10_000_000,
            settlement_due=date(2026, 3, 12),
        ),
        "surat_jalan": TripSheetPaper(
            letterhead=HEAD,
            booking_id="01JQ7X3M9T4K2B8N6P5R0S1V2W",
            issued_on=DAY,
            client_name="Pak Agus",
            client_phone="+6281234567890",
            route_from="Jogja",
            route_to="Semarang",
            depart_date=DAY,
            return_date=DAY,
            pickup_time=clock_time(5, 30),
            pickup_place="Masjid Agung Sleman, Jl. Magelang Km 10",
            passengers=45,
            bus=BUS,
            uang_jalan=750_000,
            notes="Rombongan pengajian, mampir Masjid Agung Jawa Tengah.",
        ),
        "kelaikan": RoadworthinessPaper(
            letterhead=HEAD,
            bus_id="b1",
            issued_on=DAY,
            bus=BUS,
            documents=(
                DocumentLine(
                    label="KIR", number="KIR-001", expires_on=date(2026, 9, 30), valid=True
                ),
                DocumentLine(
                    label="STNK", number="AB 7001 KA", expires_on=date(2028, 1, 15), valid=True
                ),
                DocumentLine(
                    label="Izin angkutan", number="IA-2231", expires_on=date(2027, 6, 1), valid=True
                ),
                DocumentLine(
                    label="Asuransi", number="POL-55", expires_on=date(2026, 12, 31), valid=True
                ),
            ),
        ),
    }


def timed(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def line(label: str, ms: list[float]) -> str:
    p50 = statistics.median(ms)
    p99 = sorted(ms)[max(0, int(len(ms) * 0.99) - 1)]
    return f"{label:<34} {1000 / p50:8.1f}/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms"


def bench_renderer(rounds: int) -> None:
    renderer = FpdfRenderer()
    for kind, paper in samples().items():
        size = len(renderer.render(paper))
        print(
            line(
                f"draw {kind} ({size // 1024} KiB)",
                timed(lambda p=paper: renderer.render(p), rounds),
            )
        )


def bench_use_case(rounds: int, tmp: Path) -> float:
    """On the embedded default: SQLite (WAL) and the folder store, as `keloia serve` runs."""
    url = f"sqlite:///{tmp / 'bench.db'}"
    migrate(url)
    deps = Deps(
        storage=SqlUnitOfWorkFactory(make_engine(url)),
        clock=SystemClock("Asia/Jakarta"),
        ids=UlidIds(),
        files=LocalFileStore(tmp / "uc"),
        renderer=FpdfRenderer(),
        links=SignedLinks(b"b" * 32, "http://127.0.0.1:8000"),
    )
    _, owner = team.create_tenant(deps, "PO Bench", "+6281200000001", "Bu Ani")
    bus = fleet.add_bus(deps, owner, "Bus 01", "AB 1 XY", 45)
    ids = []
    for n in range(rounds):  # a new booking each round: every call draws a new paper
        draft = BookingDraft(
            client_name=f"Klien {n}",
            route_from="Jogja",
            route_to="Semarang",
            depart_date=date(2027, 1, 1) + timedelta(days=n),
            price=15_000_000,
            assignments=[BusAssignment(bus_id=bus.id)],
        )
        ids.append(create_booking(deps, owner, draft).id)
    it = iter(ids)
    ms = timed(lambda: papers.confirmation(deps, owner, next(it)), len(ids))
    print(line("konfirmasi use case (drawn + kept)", ms))
    again = ids[0]
    kept = timed(lambda: papers.confirmation(deps, owner, again), len(ids))
    print(line("konfirmasi asked again (kept)", kept))
    return sorted(ms)[max(0, int(len(ms) * 0.99) - 1)]


def bench_store(label: str, store, rounds: int) -> None:  # type: ignore[no-untyped-def]
    content = FpdfRenderer().render(samples()["konfirmasi"])
    keys = [f"bench/f{n}.pdf" for n in range(rounds)]
    it = iter(keys)
    write = timed(lambda: store.save("BENCH", next(it), content, "application/pdf"), rounds)
    it = iter(keys)
    read = timed(lambda: store.read("BENCH", next(it)), rounds)
    print(line(f"{label} write {len(content) // 1024} KiB", write))
    print(line(f"{label} read", read))


def write_images(folder: Path) -> int:
    """Page one of each paper (the demo PO's letterhead and logo) for docs/documents.md."""
    import shutil
    import subprocess

    from keloia.apps.demo import _logo_png

    folder.mkdir(parents=True, exist_ok=True)
    renderer, logo = FpdfRenderer(), _logo_png()
    for kind, paper in samples().items():
        pdf = folder / f"{kind}.pdf"
        pdf.write_bytes(renderer.render(paper, logo))
        tool = shutil.which("pdftoppm") or "pdftoppm"
        command = [tool, "-png", "-r", "50", "-singlefile", str(pdf), str(folder / kind)]
        subprocess.run(command, check=True)
        pdf.unlink()
        print(folder / f"{kind}.png")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument(
        "--images", type=Path, help="write page one of each paper as PNG here (docs/papers)"
    )
    args = parser.parse_args()
    if args.images:
        return write_images(args.images)
    print(f"# {datetime.now(UTC):%Y-%m-%d} python {platform.python_version()} {platform.machine()}")
    bench_renderer(args.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        p99 = bench_use_case(min(args.rounds, 100), Path(tmp))
        print(f"konfirmasi budget {BUDGET_MS:.0f} ms: p99 is {p99 / BUDGET_MS:.2f}x the budget")
        bench_store("folder", LocalFileStore(Path(tmp) / "store"), args.rounds)
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    store = S3FileStore(f"http://{host}:{port}", "bench", "test", "test")
    store.client.create_bucket(Bucket="bench")
    bench_store("s3 (moto, local)", store, min(args.rounds, 100))
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
