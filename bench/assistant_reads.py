"""What the WhatsApp assistant asks of the database for one message, through the real stack
(bootstrap, migrations, the SQL unit of work on a fresh SQLite file, the rules extractor),
at the demo's fixed hour (Monday 30 November 2026, 10.00 WIB), for two POs:

  demo   the demo PO (apps/demo.py: its people, buses and a month of history)
  busy   the same with --bookings more bookings over the 445 days a message's client names
         cover (resolve.LOOKBACK to LOOKAHEAD), of --clients clients

Each gets a question, a booking proposed, a tap of its "Ubah" button and a tap of its "Ya"
button, each stored as the webhook does and handled as the worker does. Statements are
counted at the driver (`before_cursor_execute`) while the message is handled (not while it
is stored), with the extractor's calls: counts, which do not move with the machine's load.
The question and the "Ubah" tap (which changes nothing) are also handled --rounds times
each for the CPU time of the handling (median, this process only).

    .venv/bin/python bench/assistant_reads.py                # this checkout
    .venv/bin/python bench/assistant_reads.py --against main # and main, with the ratios

--against runs the same in a child process on another revision's src/ (exported with git
archive into a scratch folder, nothing checked out) and prints both and after / before.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The revision measured: this checkout's src, or the one --against exported.
sys.path.insert(0, os.environ.get("KELOIA_BENCH_SRC") or str(ROOT / "src"))

# Monday 30 November 2026, 10.00 in Jakarta, as the conversation tests.
START = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
ADMIN = "+6281200000002"
# (what, text or button title, the id prefix of the button tapped, timed)
MESSAGES = [
    ("question: 'jadwal besok apa aja?'", "jadwal besok apa aja?", "", True),
    ("booking proposed: 'Pak Agus booking tgl 20 des ...'", "", "", False),
    ("button tap: 'Ubah' of that proposal", "Ubah", "ubah:", True),
    ("button tap: 'Ya' of that proposal", "Ya, catat", "ya:", False),
]
BOOKING = "Pak Agus booking tgl 20 des jogja-semarang bus 01, 15jt"
TITLES = ("Pak", "Bu", "SD", "Karang Taruna", "Bapak", "Ibu")


class Clock:
    def now(self) -> datetime:
        return START

    def today(self) -> date:
        return (START + timedelta(hours=7)).date()


def measure(folder: Path, extra: int, clients: int, rounds: int) -> list[dict[str, Any]]:
    from sqlalchemy import event

    from keloia.apps.demo import seed_demo
    from keloia.bootstrap import bootstrap
    from keloia.domain.model.bookings import Booking
    from keloia.domain.model.messages import InboundKind, InboundMessage
    from keloia.domain.services import channel
    from keloia.domain.services.assistant import handle_inbound
    from keloia.settings import Settings

    url = f"sqlite:///{folder / 'assistant.db'}"
    settings = Settings(database_url=url, redis_url=None, anthropic_api_key=None)
    keloia = bootstrap(settings, run_migrations=True)
    # No checkpoint thread outliving the scratch folder (it sends no counted statement).
    keloia.deps.storage.checkpointer = None  # type: ignore[attr-defined]
    extractor = keloia.deps.extractor
    calls = [0]

    class Counting:
        local = getattr(extractor, "local", False)  # the flow's one-transaction path

        def extract(self, *a: Any, **k: Any) -> Any:
            calls[0] += 1
            return extractor.extract(*a, **k)  # type: ignore[union-attr]

    deps = replace(keloia.deps, clock=Clock(), extractor=Counting())
    tenant_id = seed_demo(replace(keloia, deps=deps))
    with deps.uow() as uow:
        owner = next(u for u in uow.users.all(tenant_id) if u.role.value == "owner")
        today = Clock().today()
        for n in range(extra):  # no bus taken: the booking proposed finds Bus 01 free
            uow.bookings.add(
                Booking(
                    id=f"busy{n:06d}",
                    tenant_id=tenant_id,
                    client_name=f"{TITLES[n % len(TITLES)]} Klien {n % clients:04d}",
                    route_from="Jogja",
                    route_to="Semarang",
                    depart_date=today + timedelta(days=n * 445 // max(extra, 1) - 45),
                    return_date=today + timedelta(days=n * 445 // max(extra, 1) - 45),
                    price=10_000_000,
                    created_by=owner.id,
                    created_at=START - timedelta(minutes=n),
                )
            )
        uow.commit()
    engine = deps.storage.engine  # type: ignore[attr-defined]
    counts: Counter[str] = Counter()

    @event.listens_for(engine, "before_cursor_execute")
    def count(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        counts[statement.split(None, 1)[0].upper()] += 1

    buttons: list[str] = []
    sent_n = [0]

    def handle(text: str, tap: str) -> tuple[dict[str, int], int, float]:
        reply_id = next((b for b in buttons if b.startswith(tap)), "") if tap else ""
        if tap and not reply_id:
            raise SystemExit(f"no button {tap!r} to tap among {buttons}")
        sent_n[0] += 1
        message = InboundMessage(
            wa_message_id=f"wamid.READS{sent_n[0]}",
            from_phone=ADMIN,
            sent_at=START,
            kind=InboundKind.BUTTON_REPLY if tap else InboundKind.TEXT,
            text=text,
            reply_id=reply_id,
            profile_name="Bench",
        )
        channel.receive(deps, [message], [])
        counts.clear()
        calls[0] = 0
        started = time.process_time()
        handle_inbound(deps, message.wa_message_id)
        took = time.process_time() - started
        said = dict(counts)
        with deps.uow() as uow:  # what was sent, taken off the outbox (never delivered)
            later = START + timedelta(days=1)
            sent = [i.message for i in uow.outbox.claim(later, 50, "bench", later)]
            uow.commit()
        buttons[:] = [b.id for m in sent if m.to == ADMIN for b in m.buttons] or buttons
        return said, calls[0], took

    rows = []
    for label, text, tap, timed in MESSAGES:
        cpu = []
        for _ in range(rounds if timed else 1):
            said, extracted, took = handle(text or BOOKING, tap)
            cpu.append(took * 1000)
        row = {"message": label, "statements": said, "extractor": extracted}
        rows.append(row | ({"cpu_ms": median(cpu)} if timed else {}))
    engine.dispose()
    return rows


def measure_all(args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    found = {}
    for name, extra in (("demo", 0), ("busy", args.bookings)):
        with tempfile.TemporaryDirectory() as scratch:
            found[name] = measure(Path(scratch), extra, args.clients, args.rounds)
    return found


def against(revision: str, argv: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The same messages on `revision`'s src/, in a child process."""
    with tempfile.TemporaryDirectory() as scratch:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "src"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", scratch], input=archive, check=True)
        env = os.environ | {"KELOIA_BENCH_SRC": str(Path(scratch) / "src")}
        out = subprocess.run(
            [sys.executable, __file__, *argv, "--json"], env=env, check=True, capture_output=True
        ).stdout
    result: dict[str, list[dict[str, Any]]] = json.loads(out)
    return result


def total(row: dict[str, Any]) -> int:
    return sum(row["statements"].values())


def kinds(row: dict[str, Any]) -> str:
    s = row["statements"]
    other = sum(v for k, v in s.items() if k not in ("SELECT", "INSERT", "UPDATE"))
    return f"{s.get('SELECT', 0)} / {s.get('INSERT', 0)} / {s.get('UPDATE', 0)} / {other}"


def cpu(row: dict[str, Any]) -> str:
    return f"{row['cpu_ms']:.2f}" if "cpu_ms" in row else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--against", metavar="REVISION", help="also measure this revision")
    parser.add_argument("--bookings", type=int, default=500, help="the busy PO's extra ones")
    parser.add_argument("--clients", type=int, default=150, help="the busy PO's clients")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure_all(args)))
        return
    before = None
    if args.against:
        argv = ["--bookings", str(args.bookings), "--clients", str(args.clients)]
        before = against(args.against, [*argv, "--rounds", str(args.rounds)])
    after = measure_all(args)
    print(
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}; busy PO: {args.bookings} more bookings of "
        f"{args.clients} clients; CPU: median of {args.rounds} messages.\n"
    )
    for name, rows in after.items():
        if before is None:
            print(
                f"| {name} PO: message | statements | SELECT / INSERT / UPDATE / other "
                "| extractor calls | CPU ms |"
            )
            print("|---|---:|---|---:|---:|")
            for row in rows:
                print(
                    f"| {row['message']} | {total(row)} | {kinds(row)} | {row['extractor']} "
                    f"| {cpu(row)} |"
                )
            print()
            continue
        print(
            f"| {name} PO: message | statements {args.against} → this checkout | after / "
            "before | SELECT / INSERT / UPDATE / other | extractor calls | CPU ms "
            "| after / before |"
        )
        print("|---|---:|---:|---|---:|---:|---:|")
        for old, new in zip(before[name], rows, strict=True):
            ratio = f"{new['cpu_ms'] / old['cpu_ms']:.2f}x" if "cpu_ms" in new else "-"
            print(
                f"| {new['message']} | {total(old)} → {total(new)} "
                f"| {total(new) / total(old):.2f}x | {kinds(old)} → {kinds(new)} "
                f"| {old['extractor']} → {new['extractor']} | {cpu(old)} → {cpu(new)} "
                f"| {ratio} |"
            )
        print()


if __name__ == "__main__":
    main()
