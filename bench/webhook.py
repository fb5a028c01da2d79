"""Is the webhook fast enough? Signature check + durable store + 200, measured against a
bare Litestar endpoint side by side, with a load generator that is not the bottleneck.

The load generator is `wrk` (C, keep-alive; Debian package `wrk`). Every request is a
signed text message with its own WhatsApp id: the bench writes the signed bodies to a
file first and `bench/webhook.lua` hands each wrk thread its own share of them, so no
request repeats (a repeat would be a cheap no-op and flatter the server).

Servers, each one uvicorn process started the way an operator starts it:
  bare          a Litestar app whose POST /webhook answers 200 (two of them: bare-b is the
                self-check, it must come out within 0.9-1.1x of bare)
  api-sqlite    `keloia api` on a SQLite file, work queued in Redis (no worker running:
                what is measured is what Meta waits for)
  serve-sqlite  `keloia serve` on a SQLite file, its worker threads on: the webhook
                competes with the handling of what it stores
  api-postgres  `keloia api` on PostgreSQL + Redis

Rounds alternate: round 1 runs every server once, round 2 again, and so on; each figure
is the median round, and the ratio to the bare endpoint is taken from the same run. The
machine is shared, so absolute numbers move with its other load; the ratios are the
figures. The bench prints wrk's own CPU share, so it shows that the generator left the
server room, and the servers' CPU time per request.

    .venv/bin/python bench/webhook.py                  # every server, 3 rounds of 5 s
    .venv/bin/python bench/webhook.py --servers bare api-sqlite --rounds 5
    .venv/bin/python bench/webhook.py --update-docs    # also rewrite our section of
                                                       # docs/benchmarks.md

PostgreSQL comes from KELOIA_BENCH_POSTGRES_URL (default: the test server; the bench
creates its own database and drops it), Redis from KELOIA_BENCH_REDIS_URL (default
redis://127.0.0.1:6379/15; the bench removes the dramatiq keys it queued there).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
LUA = Path(__file__).resolve().parent / "webhook.lua"
SECTION = "## Webhook (bench/webhook.py)"
SECRET = "bench-app-secret"
POSTGRES_URL = os.environ.get(
    "KELOIA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("KELOIA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
KELOIA = str(Path(sys.executable).parent / "keloia")
SERVERS = ["bare", "api-sqlite", "serve-sqlite", "api-postgres", "bare-b"]
CORES = os.cpu_count() or 1
TICK = os.sysconf("SC_CLK_TCK")


# --- the bare endpoint (a subprocess: `webhook.py --bare PORT`) --------------------------


def serve_bare(port: int) -> None:
    import uvicorn
    from litestar import Litestar, post

    @post("/webhook", status_code=200)
    async def ok() -> dict[str, str]:
        return {"status": "ok"}

    @post("/ping", status_code=200)
    async def ping() -> dict[str, str]:
        return {"status": "ok"}

    app = Litestar(route_handlers=[ok, ping], logging_config=None)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- servers ----------------------------------------------------------------------------


# Ports the bench may take, first free one wins (KELOIA_BENCH_PORTS=8600-8699 keeps it
# inside a range agreed with others on a shared machine).
PORTS = os.environ.get("KELOIA_BENCH_PORTS", "")


def free_port() -> int:
    low, _, high = PORTS.partition("-")
    candidates = range(int(low), int(high) + 1) if low and high else [0]
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise RuntimeError(f"no free port in {PORTS}")


@dataclass
class Server:
    name: str
    url: str
    proc: subprocess.Popen[bytes]
    database_url: str | None

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process and its live children."""
        return sum(self.cpu_parts().values())

    def cpu_parts(self) -> dict[str, float]:
        """CPU seconds of the server process itself and of its children (`keloia serve`'s
        worker processes, uvicorn's or dramatiq's), apart."""
        parts = {self.name: _cpu(self.proc.pid)}
        children = _children(self.proc.pid)
        if children:
            parts[self.name + " children"] = sum(_cpu(pid) for pid in children)
        return parts


def _cpu(pid: int) -> float:
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    return 0.0


def _children(pid: int) -> list[int]:
    out = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                out += [int(child), *_children(int(child))]
    return out


@contextlib.contextmanager
def start(name: str, database_url: str | None, log: Path) -> Iterator[Server]:
    port = free_port()
    env = {
        **os.environ,
        "KELOIA_META_APP_SECRET": SECRET,
        "KELOIA_ENV": "development",
        "KELOIA_FILES_DIR": str(log.parent / "files"),
        # This checkout's code, wherever the virtualenv's editable install points (a
        # server runs in its scratch folder, where a relative PYTHONPATH finds nothing).
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    for key in ("ANTHROPIC_API_KEY", "KELOIA_META_ACCESS_TOKEN", "KELOIA_REDIS_URL"):
        env.pop(key, None)
    if name.startswith("bare"):
        args = [sys.executable, __file__, "--bare", str(port)]
    else:
        command, _ = name.split("-")
        env["KELOIA_DATABASE_URL"] = database_url or ""
        if command == "api":
            env["KELOIA_REDIS_URL"] = REDIS_URL
        args = [KELOIA, command, "--port", str(port)]
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            args, env=env, stdout=out, stderr=out, start_new_session=True, cwd=log.parent
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        with httpx.Client(trust_env=False) as client:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited: see {log}")
                try:
                    client.get(url + "/healthz")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
        yield Server(name, url, proc, database_url)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- requests ---------------------------------------------------------------------------


def body(phone: str, message: str, wamid: str) -> bytes:
    wa_id = phone.lstrip("+")
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281100000000", "phone_number_id": "1"},
        "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
        "messages": [
            {
                "from": wa_id,
                "id": wamid,
                "timestamp": str(int(time.time())),
                "type": "text",
                "text": {"body": message},
            }
        ],
    }
    payload = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
    }
    return json.dumps(payload, separators=(",", ":")).encode()


def write_requests(path: Path, count: int, tag: str, phones: list[str]) -> None:
    """`signature<TAB>body` per line, each a new message id, signed before the clock starts."""
    from keloia.adapters.meta import sign

    with open(path, "wb") as out:
        for n in range(count):
            raw = body(phones[n % len(phones)], "jadwal besok?", f"wamid.BENCH{tag}x{n}")
            out.write(sign(SECRET, raw).encode() + b"\t" + raw + b"\n")


@dataclass
class Round:
    server: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    wrapped: int
    wrk_cpu_s: float
    server_cpu_s: float
    seconds: float

    @property
    def wrk_share(self) -> float:
        """wrk's CPU as a share of the whole machine during the round."""
        return self.wrk_cpu_s / (self.seconds * CORES)

    @property
    def server_ms_per_request(self) -> float:
        return self.server_cpu_s * 1000 / max(self.requests, 1)


def run_wrk(
    server: Server, requests: Path, args: argparse.Namespace, duration: float | None = None
) -> Round:
    seconds = duration or args.seconds
    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            server.url + "/webhook",
            "--",
            str(requests),
            str(args.threads),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    server_cpu = server.cpu_seconds() - cpu_before
    line = next((x for x in out.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk said nothing usable:\n{out}\n{err}")
    result = json.loads(line[6:])
    return Round(
        server=server.name,
        rps=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        requests=result["requests"],
        errors=result["errors"],
        wrapped=result["wrapped"],
        wrk_cpu_s=usage.ru_utime + usage.ru_stime,
        server_cpu_s=server_cpu,
        seconds=elapsed,
    )


# --- databases --------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    db = f"keloia_bench_webhook_{os.getpid()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{db}"'))
        c.execute(text(f'CREATE DATABASE "{db}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=db).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


def prepare(database_url: str, admins: int) -> list[str]:
    """Migrate, and seed a tenant with `admins` admins (phones returned) and 3 buses."""
    from keloia.bootstrap import bootstrap
    from keloia.domain.model.tenants import Role
    from keloia.domain.services import fleet, team
    from keloia.settings import Settings

    app = bootstrap(
        Settings(database_url=database_url, redis_url=None, anthropic_api_key=None),
        run_migrations=True,
    )
    _, owner = team.create_tenant(app.deps, "PO Bench", "+6281299990000", "Pak Bench")
    for name in ("Bus 01", "Bus 02", "Bus 03"):
        fleet.add_bus(app.deps, owner, name)
    phones = []
    for n in range(admins):
        invite = team.create_invite(app.deps, owner, Role.ADMIN)
        phone = f"+62812988{n:05d}"
        team.redeem_invite(app.deps, invite.code, phone, f"Admin {n}")
        phones.append(phone)
    return phones


def backlog(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as c:
            return int(
                c.execute(text("SELECT count(*) FROM inbox WHERE state = 'received'")).scalar_one()
            )
    finally:
        engine.dispose()


def drain(server: Server, limit: float) -> float:
    """Wait for `keloia serve` to handle what the round stored, so its workers do not eat
    into the next server's round. Returns the seconds waited."""
    assert server.database_url
    started = time.monotonic()
    while backlog(server.database_url) and time.monotonic() - started < limit:
        time.sleep(0.5)
    return time.monotonic() - started


def forget_queued_tasks() -> None:
    """`keloia api` queued a task per sender in Redis and no worker ran: remove them."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter("dramatiq:*"))
    if keys:
        client.delete(*keys)
    client.close()


# --- the run ----------------------------------------------------------------------------


def bench(args: argparse.Namespace, folder: Path) -> dict[str, list[Round]]:
    stack = contextlib.ExitStack()
    with stack:
        urls: dict[str, str] = {}
        if any(s.endswith("sqlite") for s in args.servers):
            for s in args.servers:
                if s.endswith("sqlite"):
                    urls[s] = f"sqlite:///{folder / (s + '.db')}"
        if "api-postgres" in args.servers:
            urls["api-postgres"] = stack.enter_context(postgres_database())
        phones: list[str] = []
        for url in urls.values():
            phones = prepare(url, args.senders)
        servers = [
            stack.enter_context(start(name, urls.get(name), folder / f"{name}.log"))
            for name in args.servers
        ]
        warm = folder / "warm.req"
        write_requests(warm, 3000, "warm", phones)
        for server in servers:
            run_wrk(server, warm, args, duration=1)
        rounds: dict[str, list[Round]] = {s.name: [] for s in servers}
        expected = int(args.seconds * args.max_rps)
        for r in range(args.rounds):
            # Each round starts one server further on: no server always follows the same one.
            for server in servers[r % len(servers) :] + servers[: r % len(servers)]:
                requests = folder / "round.req"
                write_requests(requests, expected, f"{server.name}{r}", phones)
                result = run_wrk(server, requests, args)
                rounds[server.name].append(result)
                waited = drain(server, 120) if server.name == "serve-sqlite" else 0.0
                print(
                    f"round {r + 1} {server.name:13} {result.rps:7.0f} req/s "
                    f"p99 {result.p99_ms:7.1f} ms  wrk {result.wrk_share:.0%} of the machine"
                    f"  server {result.server_ms_per_request:.2f} ms CPU/req"
                    + (f"  drained in {waited:.0f} s" if waited else ""),
                    file=sys.stderr,
                )
                if server.name.startswith("api"):
                    forget_queued_tasks()
        return rounds


def median_round(rounds: list[Round]) -> Round:
    return sorted(rounds, key=lambda x: x.rps)[len(rounds) // 2]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def paired_ratio(rounds: dict[str, list[Round]], name: str, base: str = "bare") -> list[float]:
    """The server's throughput over the bare endpoint's, round by round: both ran within
    seconds of each other, so the machine's other load moves them together."""
    return [a.rps / b.rps for a, b in zip(rounds[name], rounds[base], strict=True)]


def report(rounds: dict[str, list[Round]], args: argparse.Namespace) -> str:
    wrk_cpu = sum(r.wrk_cpu_s for rs in rounds.values() for r in rs)
    wall = sum(r.seconds for rs in rounds.values() for r in rs)
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {CORES} cores ({platform.machine()}), "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the "
        "end. The machine was shared with other work while this ran (other engineers' test "
        "suites): absolute figures move with that load, the ratios from the same run hold.",
        f"wrk {args.threads} threads, {args.connections} connections, keep-alive, "
        f"{args.seconds:g} s per round, {args.rounds} rounds alternating over the servers "
        "(each round starting one server further on); req/s, p50 and p99 of the median "
        'round; "vs bare" is the median over the rounds of the server\'s req/s over the '
        "bare endpoint's in the same round. Every request a signed text message with its "
        "own id. One uvicorn process per server.",
        "",
        "    "
        + " ".join(["KELOIA_BENCH_REDIS_URL=... .venv/bin/python bench/webhook.py", *argv()]),
        "",
        "| server | req/s | vs bare | p50 ms | p99 ms | worst round's p99 ms "
        "| server CPU ms/req | wrk CPU share |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rs in rounds.items():
        m = median_round(rs)
        lines.append(
            f"| {name} | {m.rps:,.0f} | **{median(paired_ratio(rounds, name)):.2f}x** "
            f"| {m.p50_ms:.1f} | {m.p99_ms:.1f} | {max(r.p99_ms for r in rs):.1f} "
            f"| {m.server_ms_per_request:.2f} | {m.wrk_share:.0%} |"
        )
    errors = sum(r.errors for rs in rounds.values() for r in rs)
    wrapped = sum(r.wrapped for rs in rounds.values() for r in rs)
    lines.append("")
    if "bare-b" in rounds:
        per_round = paired_ratio(rounds, "bare-b")
        check = median(per_round)
        ok = 0.9 <= check <= 1.1
        lines.append(
            f"Self-check, bare-b / bare: {check:.2f}x "
            f"({'within' if ok else 'OUTSIDE'} 0.9-1.1; per round "
            + ", ".join(f"{x:.2f}" for x in per_round)
            + ")."
        )
    lines.append(
        f"wrk used {wrk_cpu / wall / CORES:.0%} of the machine's CPU over the run "
        f"({wrk_cpu / wall:.2f} of {CORES} cores); non-200 answers or socket errors: "
        f"{errors}; requests that reused an id (the file ran out): {wrapped}."
    )
    verdicts = []
    for name in rounds:
        if name.startswith("bare"):
            continue
        # Held in every round, not in the median one only: a p99 spike in one round of
        # three (SQLite's checkpoints did that) is a p99 Meta meets.
        ok = median(paired_ratio(rounds, name)) >= 0.5 and all(r.p99_ms < 50 for r in rounds[name])
        verdicts.append(f"{name} {'met' if ok else 'NOT met'}")
    lines.append(
        "Ingest budget (>= 0.5x bare, and p99 < 50 ms in every round, at 16 connections): "
        + "; ".join(verdicts)
        + "."
    )
    return "\n".join(lines)


def argv() -> list[str]:
    return [a for a in sys.argv[1:] if a != "--update-docs"]


def update_docs(text_: str) -> None:
    """Replace our section of docs/benchmarks.md (or add it), leaving the others alone."""
    current = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = f"{SECTION}\n\n{text_.strip()}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: section + "\n", current).rstrip() + "\n"
    else:
        updated = current.rstrip() + "\n\n" + section
    DOCS.write_text(updated)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--bare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=SERVERS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument(
        "--max-rps", type=int, default=12_000, help="requests written per second of a round"
    )
    parser.add_argument("--folder", help="keep databases and server logs here (default: temp)")
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    if args.bare:
        serve_bare(args.bare)
        return
    if shutil.which("wrk") is None:
        sys.exit("bench/webhook.py needs wrk: apt-get install wrk")
    if "bare" not in args.servers:
        args.servers.insert(0, "bare")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rounds = bench(args, folder)
    out = report(rounds, args)
    print(out)
    if args.update_docs:
        update_docs(out)


if __name__ == "__main__":
    main()
