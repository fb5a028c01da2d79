"""How long the webhook's SQLite commits wait, with SQLite's own checkpoints (inside the
commit that takes the WAL past 1,000 pages) and with Keloia's (WalCheckpointer, a thread
of its own): one writer storing batches of inbox rows at a steady rate of commits (the
webhook's group commit under wrk makes 100-300 a second), through the real unit of work,
on a fresh migrated database file. Flat out (--rate 0) the disk is the limit: no
checkpointer keeps up with it, and the backstop fires every second or two.

A checkpoint waits for two fsyncs, so what it costs a commit is the disk's, not the
CPU's: the figures move with the disk and hardly with the machine's other load.

    .venv/bin/python bench/sqlite_commits.py           # 8 s each, 10 rows x 60 commits/s
    .venv/bin/python bench/sqlite_commits.py --seconds 20 --batch 16 --rate 150
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from keloia.adapters.sql.engine import make_engine
from keloia.adapters.sql.migrate import migrate
from keloia.adapters.sql.uow import SqlUnitOfWorkFactory
from keloia.domain.model.messages import InboundKind, InboundMessage

SQLITE_DEFAULT_PAGES = 1000


def message(n: int) -> InboundMessage:
    # Meta's ids are random: each takes the message-id index at a random page.
    return InboundMessage(
        wa_message_id=f"wamid.HBgL{secrets.token_urlsafe(24)}",
        from_phone=f"+62812988{n % 50:05d}",
        sent_at=datetime.now(UTC),
        kind=InboundKind.TEXT,
        text="jadwal besok?",
        profile_name="Bench",
        phone_number_id="1",
    )


def run(mode: str, folder: Path, args: argparse.Namespace) -> dict[str, float]:
    url = f"sqlite:///{folder / (mode + '.db')}"
    migrate(url)
    engine = make_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    if mode == "sqlite":
        factory.checkpointer = None

        @event.listens_for(engine, "connect")
        def _default(dbapi_connection: Any, _record: Any) -> None:  # after make_engine's
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={SQLITE_DEFAULT_PAGES}")

    waits: list[float] = []
    cpu: list[float] = []  # the writer thread's own CPU per commit: what load hardly moves
    n = 0
    end = time.monotonic() + args.seconds
    due = time.monotonic()
    while time.monotonic() < end:
        if args.rate:
            due += 1 / args.rate
            time.sleep(max(0.0, due - time.monotonic()))
        rows = [message(n + i) for i in range(args.batch)]
        n += args.batch
        started, cpu_started = time.perf_counter(), time.thread_time()
        with factory() as uow:
            uow.inbox.add_many(rows, datetime.now(UTC))
            uow.commit()
        waits.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - cpu_started)
    engine.dispose()
    waits.sort()
    cpu.sort()

    def at(q: float) -> float:
        return waits[min(len(waits) - 1, int(len(waits) * q))] * 1000

    return {
        "commits": len(waits),
        "p50": at(0.5),
        "p99": at(0.99),
        "p999": at(0.999),
        "max": waits[-1] * 1000,
        "over 20 ms": sum(w > 0.02 for w in waits) / len(waits) * 100,
        "cpu p99": cpu[int(len(cpu) * 0.99)] * 1000,
        "cpu per commit": sum(cpu) / len(cpu) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--rate", type=float, default=60, help="commits/s; 0: flat out")
    args = parser.parse_args()
    rate = f"{args.rate:g} commits/s" if args.rate else "flat out"
    print(f"one writer, {args.batch} inbox rows per commit, {rate}, {args.seconds:g} s each\n")
    print(
        "| checkpoints | commits | p50 ms | p99 ms | p99.9 ms | max ms | over 20 ms "
        "| writer CPU ms/commit | its p99 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for mode, label in (("sqlite", "SQLite's, in the commit"), ("keloia", "WalCheckpointer")):
            r = run(mode, Path(scratch), args)
            print(
                f"| {label} | {r['commits']:,.0f} | {r['p50']:.2f} | {r['p99']:.1f} "
                f"| {r['p999']:.1f} | {r['max']:.1f} | {r['over 20 ms']:.1f}% "
                f"| {r['cpu per commit']:.2f} | {r['cpu p99']:.2f} |"
            )


if __name__ == "__main__":
    main()
