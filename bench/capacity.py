"""How many messages per second does one machine hold, end to end?

Generated traffic of N tenants (each: its owner, an admin and a driver; at least as many as
the highest rate needs for nobody to pass the per-number limit) typing the mix of
the NLU corpus (tests/data/nlu_own.jsonl, each person the messages of their role), a "ya"
one second after every message that asks for a confirmation, is replayed at rising rates
through the real webhook of

  serve     `keloia serve` on a SQLite file (the embedded default, one process)
  postgres  `keloia api` + `keloia worker` on PostgreSQL + Redis

Outbound messages stay in the local outbox (no Meta token), so "send" is the delivery
worker's bookkeeping, not a network call. For each rate the bench reports:

  webhook p50/p99     what Meta waits for (the generator's own clock)
  reply p50/p99       from the POST to the reply's row in the outbox (the row's
                      created_at; outbox.in_reply_to names the message it answers)
  CPU ms/msg          CPU of the server processes (all of them, children included)
                      over the step and its drain, per message; "cores" = CPU / wall
  bytes/msg           growth of the database (SQLite file after a checkpoint;
                      pg_database_size) per message
  backlog             messages received but not yet handled, at the end of the step
  held                replies under 2 s at p99 and the backlog not growing

Then, in this process, statements per message by kind: one message of each kind through
ingest, handling and delivery on a fresh SQLite database, counting the SQL statements
each stage sends and the extractor calls.

    .venv/bin/python bench/capacity.py --setups serve --rates 25 50 100 150 200
    .venv/bin/python bench/capacity.py --setups postgres --tenants 100
    .venv/bin/python bench/capacity.py --statements-only

The load generator runs in separate processes (one per 60 msg/s), each scheduling its
requests open-loop (a slow answer does not slow the offered rate); its CPU share is
printed. PostgreSQL comes from KELOIA_BENCH_POSTGRES_URL and Redis from
KELOIA_BENCH_REDIS_URL, as for bench/webhook.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
from sqlalchemy import create_engine, event, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))  # this checkout's
import webhook as wb

from keloia.domain.model.channel import RATE_LIMIT

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "nlu_own.jsonl"
# What asks for a "ya" before it is recorded.
CONFIRMED = {
    "create_booking",
    "record_payment",
    "cancel_booking",
    "update_booking",
    "complete_booking",
    "log_maintenance",
    "update_bus_status",
}
ROLE_SHARE = {"admin": 0.75, "owner": 0.15, "driver": 0.10}
PER_GENERATOR = 60  # msg/s one generator process offers comfortably
# A person sends at most one message per PERSON_GAP seconds (15 a minute, their "ya"s
# included), under the per-number limit (RATE_LIMIT a minute): past it the product defers
# a number's messages a minute on purpose, and the bench would measure that wait, not the
# server. Earlier runs with too few people per rate did exactly that (reply p99 10-60 s).
PERSON_GAP = 4.0
CORES = os.cpu_count() or 1


# --- people and traffic -------------------------------------------------------------------


@dataclass
class Person:
    phone: str
    role: str
    tenant: int


def seed(database_url: str, tenants: int) -> list[Person]:
    from keloia.bootstrap import bootstrap
    from keloia.domain.model.tenants import Role
    from keloia.domain.services import fleet, team
    from keloia.settings import Settings

    keloia = bootstrap(
        Settings(database_url=database_url, redis_url=None, anthropic_api_key=None),
        run_migrations=True,
    )
    people = []
    for t in range(tenants):
        owner_phone = f"+62813{t:04d}0001"
        _, owner = team.create_tenant(keloia.deps, f"PO Kapasitas {t}", owner_phone, "Pak Budi")
        for name in ("Bus 01", "Bus 02", "Bus 03"):
            fleet.add_bus(keloia.deps, owner, name)
        people.append(Person(owner_phone, "owner", t))
        for role, suffix, name in ((Role.ADMIN, 2, "Sari"), (Role.DRIVER, 3, "Joko")):
            invite = team.create_invite(keloia.deps, owner, role)
            phone = f"+62813{t:04d}000{suffix}"
            team.redeem_invite(keloia.deps, invite.code, phone, f"{name} {t}")
            people.append(Person(phone, role.value, t))
    return people


def corpus() -> dict[str, list[tuple[str, str]]]:
    """Fresh messages (nothing pending) by role, with their intent."""
    by_role: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in CORPUS.read_text().splitlines():
        item = json.loads(line)
        if item["pending"] is None:
            by_role[item["role"]].append((item["text"], item["expect"]["intent"]))
    return by_role


@dataclass
class Planned:
    at: float  # seconds after the step starts
    phone: str
    text: str
    kind: str
    wamid: str = ""


def plan(people: list[Person], rate: float, seconds: float, rng: random.Random) -> list[Planned]:
    """Messages at `rate` per second in all (the "ya"s included), from people picked by
    role share; a person with a question waiting for their "ya" is not picked meanwhile."""
    texts = corpus()
    by_role: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_role[person.role].append(person)
    roles, weights = zip(*ROLE_SHARE.items(), strict=True)
    confirm_share = sum(
        ROLE_SHARE[r] * sum(k in CONFIRMED for _, k in texts[r]) / len(texts[r]) for r in roles
    )
    base = rate / (1 + confirm_share)
    out: list[Planned] = []
    busy_until: dict[str, float] = {}
    t = 0.0
    while t < seconds:
        t += rng.expovariate(base)
        role = rng.choices(roles, weights)[0]
        free = [p for p in by_role[role] if busy_until.get(p.phone, -1) <= t]
        if not free:
            continue  # everyone of that role is waiting for an answer: not enough people
        person = rng.choice(free)
        body, kind = rng.choice(texts[role])
        out.append(Planned(t, person.phone, body, kind))
        busy_until[person.phone] = t + (1.0 + PERSON_GAP if kind in CONFIRMED else PERSON_GAP)
        if kind in CONFIRMED:
            out.append(Planned(t + 1.0, person.phone, "ya", "ya"))
    out.sort(key=lambda p: p.at)
    return [p for p in out if p.at < seconds]


def tenants_for(rate: float) -> int:
    """Tenants enough that the busiest role (the admins) has a free person for each
    message at `rate` with PERSON_GAP between one person's messages, with room to spare."""
    return math.ceil(rate * ROLE_SHARE["admin"] * (PERSON_GAP + 1.0) * 1.5)


def busiest_minute(planned: list[Planned]) -> int:
    """The most messages one number sends in one clock minute of the plan."""
    per: Counter[tuple[str, int]] = Counter((p.phone, int(p.at // 60)) for p in planned)
    return max(per.values(), default=0)


# --- the generator (a subprocess: `capacity.py --generate FILE URL`) ------------------------


def generate(requests_file: str, url: str, out_file: str) -> None:
    """Send each request at its time (open loop); write (wamid, sent_at, latency)."""
    items = [json.loads(line) for line in Path(requests_file).read_text().splitlines()]
    results: list[tuple[str, float, float, int]] = []

    async def run() -> None:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        async with httpx.AsyncClient(trust_env=False, limits=limits, timeout=30) as client:
            start = time.monotonic() + 0.2

            async def one(item: dict[str, Any]) -> None:
                delay = start + item["at"] - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                sent = time.time()
                began = time.perf_counter()
                try:
                    response = await client.post(
                        url + "/webhook",
                        content=item["body"].encode(),
                        headers={
                            "content-type": "application/json",
                            "x-hub-signature-256": item["signature"],
                        },
                    )
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                results.append((item["wamid"], sent, time.perf_counter() - began, status))

            await asyncio.gather(*(one(i) for i in items))

    asyncio.run(run())
    Path(out_file).write_text(json.dumps(results))


# --- servers ------------------------------------------------------------------------------


@contextlib.contextmanager
def servers(
    setup: str, database_url: str, folder: Path, worker_processes: int | None = None
) -> Iterator[list[wb.Server]]:
    if setup.startswith("serve"):
        count = 0 if setup == "serve-threads" else worker_processes
        with contextlib.ExitStack() as stack:
            if count is not None:  # else the setting's default
                stack.enter_context(
                    mock.patch.dict(os.environ, KELOIA_SERVE_WORKER_PROCESSES=str(count))
                )
            s = stack.enter_context(wb.start("serve-sqlite", database_url, folder / f"{setup}.log"))
            yield [s]
        return
    with (
        wb.start("api-postgres", database_url, folder / "api.log") as api,
        worker(database_url, folder / "worker.log") as w,
    ):
        yield [api, w]


@contextlib.contextmanager
def worker(database_url: str, log: Path) -> Iterator[wb.Server]:
    env = {
        **os.environ,
        "KELOIA_DATABASE_URL": database_url,
        "KELOIA_REDIS_URL": wb.REDIS_URL,
        "KELOIA_FILES_DIR": str(log.parent / "files"),
    }
    for key in ("ANTHROPIC_API_KEY", "KELOIA_META_ACCESS_TOKEN"):
        env.pop(key, None)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [wb.KELOIA, "worker"], env=env, stdout=out, stderr=out, start_new_session=True
        )
    try:
        time.sleep(3)
        if proc.poll() is not None:
            raise RuntimeError(f"keloia worker exited: see {log}")
        yield wb.Server("worker", "", proc, database_url)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


def warm_up(url: str, database_url: str, person: Person, timeout: float = 180) -> None:
    """One message answered before the first step: the workers are up (a worker process
    imports for a few seconds after the web process answers /healthz) and warm."""
    from keloia.adapters.meta import sign

    wamid = f"wamid.CAPWARM{os.getpid()}"
    raw = wb.body(person.phone, "bantuan", wamid)
    headers = {"content-type": "application/json", "x-hub-signature-256": sign(wb.SECRET, raw)}
    httpx.post(url + "/webhook", content=raw, headers=headers, trust_env=False, timeout=30)
    engine = create_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as c:
                query = text("SELECT count(*) FROM outbox WHERE in_reply_to = :w")
                if c.execute(query, {"w": wamid}).scalar():
                    return
            time.sleep(0.2)
        raise RuntimeError("the warm-up message was not answered")
    finally:
        engine.dispose()


# --- measurements ---------------------------------------------------------------------------


def pending(engine: Any) -> int:
    with engine.connect() as c:
        return int(c.execute(text("SELECT count(*) FROM inbox WHERE state = 'received'")).scalar())


def stored_bytes(engine: Any, database_url: str) -> int:
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        with engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with engine.connect() as c:
        return int(c.execute(text("SELECT pg_database_size(current_database())")).scalar())


def cpu_parts(procs: list[wb.Server]) -> dict[str, float]:
    return {name: cpu for p in procs for name, cpu in p.cpu_parts().items()}


def since(now: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    """CPU spent since `before`; a worker process restarted meanwhile counts from zero."""
    return {k: max(0.0, v - before.get(k, 0.0)) for k, v in now.items()}


def pct(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


@dataclass
class Step:
    rate: float
    offered: float
    sent: int
    errors: int
    webhook_p50: float
    webhook_p99: float
    reply_p50: float
    reply_p99: float
    unanswered: int
    cpu_ms: float
    cores: float
    bytes_per_msg: float
    backlog_end: int
    backlog_max: int
    gen_share: float
    by_process: dict[str, float] = field(default_factory=dict)

    @property
    def held(self) -> bool:
        return self.reply_p99 < 2000 and self.backlog_end <= max(10, self.rate * 0.5)


def step(
    setup: str,
    procs: list[wb.Server],
    database_url: str,
    people: list[Person],
    rate: float,
    args: argparse.Namespace,
    folder: Path,
    n: int,
) -> Step:
    from keloia.adapters.meta import sign

    rng = random.Random(1000 + n)
    planned = plan(people, rate, args.seconds, rng)
    if busiest_minute(planned) > RATE_LIMIT:
        raise SystemExit(f"the plan at {rate} msg/s passes the per-number limit: more --tenants")
    generators = max(1, math.ceil(rate / PER_GENERATOR))
    files = [folder / f"gen{n}-{g}.jsonl" for g in range(generators)]
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(open(f, "w")) for f in files]
        for i, item in enumerate(planned):
            item.wamid = f"wamid.CAP{os.getpid()}s{n}x{i}"
            raw = wb.body(item.phone, item.text, item.wamid)
            line = {
                "at": item.at,
                "wamid": item.wamid,
                "body": raw.decode(),
                "signature": sign(wb.SECRET, raw),
            }
            outs[i % generators].write(json.dumps(line) + "\n")
    engine = create_engine(database_url)
    size_before = stored_bytes(engine, database_url)
    cpu_before = cpu_parts(procs)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = before.ru_utime + before.ru_stime
    started = time.monotonic()
    gens = [
        subprocess.Popen(
            [sys.executable, __file__, "--generate", str(f), procs[0].url, str(f) + ".out"]
        )
        for f in files
    ]
    backlog: list[int] = []
    while any(g.poll() is None for g in gens):
        backlog.append(pending(engine))
        time.sleep(1)
    for g in gens:
        g.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    gen_cpu = after.ru_utime + after.ru_stime - children_cpu
    step_wall = time.monotonic() - started
    backlog_end = pending(engine)
    cpu_step = since(cpu_parts(procs), cpu_before)
    # Drain: let the workers finish what this step left before the next one starts.
    drain_deadline = time.monotonic() + 120
    while pending(engine) and time.monotonic() < drain_deadline:
        time.sleep(0.5)
    time.sleep(1.0)  # the last replies' delivery
    cpu_all = since(cpu_parts(procs), cpu_before)
    results = []
    for f in files:
        results += json.loads(Path(str(f) + ".out").read_text())
    sent_at = {wamid: at for wamid, at, _, status in results if status == 200}
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT in_reply_to, min(created_at) FROM outbox WHERE in_reply_to IN :ids "
                "GROUP BY in_reply_to"
            ).bindparams(__import__("sqlalchemy").bindparam("ids", expanding=True)),
            {"ids": list(sent_at)},
        ).all()
    replies = []
    for wamid, created in rows:
        if isinstance(created, str):
            created = datetime.fromisoformat(created)
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        replies.append((created.timestamp() - sent_at[wamid]) * 1000)
    size_after = stored_bytes(engine, database_url)
    engine.dispose()
    webhook = [lat * 1000 for _, _, lat, status in results if status == 200]
    messages = len(sent_at)
    total_cpu = sum(cpu_all.values())
    return Step(
        rate=rate,
        offered=len(planned) / args.seconds,
        sent=messages,
        errors=len(results) - messages,
        webhook_p50=pct(webhook, 0.5),
        webhook_p99=pct(webhook, 0.99),
        reply_p50=pct(replies, 0.5),
        reply_p99=pct(replies, 0.99),
        unanswered=messages - len(replies),
        cpu_ms=total_cpu * 1000 / max(messages, 1),
        cores=sum(cpu_step.values()) / step_wall,
        bytes_per_msg=(size_after - size_before) / max(messages, 1),
        backlog_end=backlog_end,
        backlog_max=max(backlog, default=0),
        gen_share=gen_cpu / step_wall / CORES,
        by_process={k: v * 1000 / max(messages, 1) for k, v in cpu_all.items()},
    )


def run_setup(setup: str, args: argparse.Namespace, folder: Path) -> list[Step]:
    with contextlib.ExitStack() as stack:
        if setup.startswith("serve"):
            database_url = f"sqlite:///{folder / (setup + '.db')}"
        else:
            database_url = stack.enter_context(wb.postgres_database())
        people = seed(database_url, tenants_used(args))
        procs = stack.enter_context(servers(setup, database_url, folder, args.worker_processes))
        warm_up(procs[0].url, database_url, people[0])
        steps = []
        for n, rate in enumerate(args.rates):
            s = step(setup, procs, database_url, people, rate, args, folder, n)
            steps.append(s)
            print(
                f"{setup} {rate:>5} msg/s: webhook p99 {s.webhook_p99:.0f} ms, reply p50/p99 "
                f"{s.reply_p50:.0f}/{s.reply_p99:.0f} ms, {s.cpu_ms:.1f} ms CPU/msg on "
                f"{s.cores:.2f} cores, backlog {s.backlog_end}, "
                f"{'held' if s.held else 'NOT held'}",
                file=sys.stderr,
            )
            if setup == "postgres":
                wb.forget_queued_tasks()
        return steps


# --- statements per message by kind --------------------------------------------------------


SAMPLES = [
    ("question (jadwal)", "admin", "jadwal besok apa aja?"),
    ("question (tagihan)", "owner", "siapa aja yg belum lunas?"),
    ("booking", "admin", "Pak Agus booking {day} Jogja-Semarang bus 01, 15 jt"),
    ("ya (confirm booking)", "admin", "ya"),
    ("payment", "admin", "Pak Agus bayar dp 5jt tf bca"),
    ("ya (confirm payment)", "admin", "ya"),
    ("help", "driver", "bantuan"),
    ("nonsense", "driver", "wkwkwk"),
]


def statements(folder: Path, rounds: int = 5) -> str:
    """SQL statements per message by kind and stage, and CPU ms per message by stage:
    ingest (parse + store), extraction (the extractor's calls), domain (the handling but
    the extraction: context, rules, the change, the reply written to the outbox), outbox
    (claiming it for delivery), send (the delivery and its bookkeeping). Each round runs
    every kind once on its own tenant; round 0 warms up and is not counted; CPU is the
    median over the rounds (process CPU time, this process only)."""
    from datetime import timedelta
    from statistics import median
    from zoneinfo import ZoneInfo

    from keloia.adapters.meta import parse_notification
    from keloia.bootstrap import bootstrap
    from keloia.domain.services import channel
    from keloia.domain.services.assistant import handle_inbound
    from keloia.settings import Settings

    url = f"sqlite:///{folder / 'statements.db'}"
    people = seed(url, rounds + 1)
    keloia = bootstrap(Settings(database_url=url, redis_url=None, anthropic_api_key=None))
    engine = keloia.deps.storage.engine  # type: ignore[attr-defined]
    counts: Counter[str] = Counter()

    @event.listens_for(engine, "before_cursor_execute")
    def count(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        counts[statement.split(None, 1)[0].upper()] += 1

    extractor = keloia.deps.extractor
    calls = [0]
    extracting = [0.0]

    class Counting:
        local = getattr(extractor, "local", False)  # the flow's one-transaction path

        def extract(self, *a: Any, **k: Any) -> Any:
            calls[0] += 1
            started = time.process_time()
            try:
                return extractor.extract(*a, **k)
            finally:
                extracting[0] += time.process_time() - started

    deps = keloia.deps.__class__(**{**vars(keloia.deps), "extractor": Counting()})
    day = datetime.now(ZoneInfo("Asia/Jakarta")).date() + timedelta(days=40)
    months = wb_months()
    lines = [
        "| message | ingest | handling: SELECT / INSERT / UPDATE / other | outbox + send "
        "| extractor calls |",
        "|---|---:|---|---:|---:|",
    ]
    stages = ("ingest", "extraction", "domain", "outbox", "send")
    cpu: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in range(rounds + 1):
        phone = {p.role: p.phone for p in people if p.tenant == r}
        for n, (kind, role, template) in enumerate(SAMPLES):
            wamid = f"wamid.STMT{r}x{n}"
            message = template.format(day=f"{day.day} {months[day.month - 1]}")
            counts.clear()
            calls[0], extracting[0] = 0, 0.0
            t0 = time.process_time()
            note = parse_notification(wb.body(phone[role], message, wamid))
            channel.receive(deps, note.messages, note.statuses)
            t1 = time.process_time()
            ingest = sum(counts.values())
            counts.clear()
            handle_inbound(deps, wamid)
            t2 = time.process_time()
            handling = dict(counts)
            counts.clear()
            items = channel.claim_due(deps)
            t3 = time.process_time()
            for item in items:
                channel.deliver(deps, keloia.messenger, item)
            t4 = time.process_time()
            delivery = sum(counts.values())
            took = {
                "ingest": t1 - t0,
                "extraction": extracting[0],
                "domain": t2 - t1 - extracting[0],
                "outbox": t3 - t2,
                "send": t4 - t3,
            }
            if r:
                for stage in stages:
                    cpu[kind][stage].append(took[stage] * 1000)
            if r == rounds:
                other = sum(
                    v for k, v in handling.items() if k not in ("SELECT", "INSERT", "UPDATE")
                )
                lines.append(
                    f"| {kind} | {ingest} | {sum(handling.values())}: "
                    f"{handling.get('SELECT', 0)} / {handling.get('INSERT', 0)} / "
                    f"{handling.get('UPDATE', 0)} / {other} | {delivery} | {calls[0]} |"
                )
    lines += [
        "",
        f"CPU ms per message by stage (median of {rounds} rounds, one process):",
        "",
        "| message | " + " | ".join(stages) + " | total |",
        "|---|" + "---:|" * (len(stages) + 1),
    ]
    mix: dict[str, float] = defaultdict(float)
    for kind, by_stage in cpu.items():
        row = {stage: median(by_stage[stage]) for stage in stages}
        for stage in stages:
            mix[stage] += row[stage] / len(cpu)
        lines.append(
            f"| {kind} | "
            + " | ".join(f"{row[stage]:.2f}" for stage in stages)
            + f" | {sum(row.values()):.2f} |"
        )
    lines.append(
        "| mean of the kinds | "
        + " | ".join(f"{mix[stage]:.2f}" for stage in stages)
        + f" | {sum(mix.values()):.2f} |"
    )
    return "\n".join(lines)


def wb_months() -> list[str]:
    return [
        *("Januari", "Februari", "Maret", "April", "Mei", "Juni"),
        *("Juli", "Agustus", "September", "Oktober", "November", "Desember"),
    ]


# --- report ---------------------------------------------------------------------------------


def report(results: dict[str, list[Step]], table: str, args: argparse.Namespace) -> str:
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {CORES} cores ({platform.machine()}), "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the "
        "end; the machine was shared with other work (other engineers' test suites) while "
        "this ran, so every figure carries that load.",
        f"{tenants_used(args)} tenants ({tenants_used(args) * 3} people, each at most one "
        f"message per {PERSON_GAP:g} s, under the per-number limit of {RATE_LIMIT} a minute), "
        f"{args.seconds:g} s per rate, offline rule-based extractor, local outbox.",
        "",
        "    .venv/bin/python bench/capacity.py " + " ".join(sys.argv[1:]),
        "",
    ]
    if results:
        lines += [
            "| setup | offered msg/s | webhook p50 / p99 ms | reply p50 / p99 ms | no reply "
            "| CPU ms/msg (by process) | cores used | bytes/msg | backlog end / max | held |",
            "|---|---:|---:|---:|---:|---|---:|---:|---:|---|",
        ]
        for setup, steps in results.items():
            for s in steps:
                procs = ", ".join(f"{k} {v:.1f}" for k, v in s.by_process.items())
                lines.append(
                    f"| {setup} | {s.offered:.0f} | {s.webhook_p50:.0f} / {s.webhook_p99:.0f} "
                    f"| {s.reply_p50:.0f} / {s.reply_p99:.0f} | {s.unanswered} "
                    f"| {s.cpu_ms:.1f} ({procs}) | {s.cores:.2f} | {s.bytes_per_msg:,.0f} "
                    f"| {s.backlog_end} / {s.backlog_max} | {'yes' if s.held else 'no'} |"
                )
        lines.append("")
        for setup, steps in results.items():
            held = [s.offered for s in steps if s.held]
            share = max((s.gen_share for s in steps), default=0)
            lines.append(
                f"{setup}: highest rate held (reply p99 < 2 s, backlog not growing): "
                + (f"{max(held):.0f} msg/s" if held else "none of those tried")
                + f"; load generator at most {share:.0%} of the machine's CPU."
            )
        lines.append("")
    lines += ["Statements per message by kind (SQLite, one message at a time):", "", table]
    return "\n".join(lines)


def tenants_used(args: argparse.Namespace) -> int:
    return max(args.tenants, tenants_for(max(args.rates)))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--generate", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument(
        "--setups", nargs="+", choices=["serve", "serve-threads", "postgres"], default=["serve"]
    )
    parser.add_argument(
        "--worker-processes",
        type=int,
        help="`serve`: KELOIA_SERVE_WORKER_PROCESSES (default: the setting's own default)",
    )
    parser.add_argument("--rates", nargs="+", type=float, default=[25, 50, 100, 150, 200])
    parser.add_argument("--tenants", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--statements-only", action="store_true")
    parser.add_argument("--no-statements", action="store_true", help="the throughput table only")
    parser.add_argument("--folder", help="keep databases and logs here (default: temp)")
    args = parser.parse_args()
    if args.generate:
        generate(*args.generate)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = {}
        if not args.statements_only:
            for setup in args.setups:
                results[setup] = run_setup(setup, args, folder)
        table = "(not run)" if args.no_statements else statements(folder)
    print(report(results, table, args))


if __name__ == "__main__":
    main()
