"""`keloia worker` survives its children: a dramatiq worker process killed with SIGKILL
(an out-of-memory kill, a segfault in a library) is started again, and the sweeper goes on
beside it. Before, one dead child made the whole `keloia worker` exit, sweeper included,
while `keloia api` kept answering Meta 200."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from keloia.bootstrap import bootstrap
from keloia.domain.model.messages import InboundKind, InboundMessage
from keloia.domain.services import channel

from .conftest import service_env, settings_for
from .fakes import FakeClaude, FakeGraph
from .support import Db, Service, new_wamid, seed, wait_for

# "shared_services": run on one pytest-xdist worker, one at a time, with the other tests
# that share the dramatiq queues of the test Redis or create databases.
pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("shared_services")]


def parents() -> dict[int, int]:
    """pid -> parent pid of every process, from one pass over /proc."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        found[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def worker_processes(supervisor: int) -> list[int]:
    """The grandchildren of the supervisor: dramatiq's worker processes."""
    ppid = parents()
    mains = {p for p, parent in ppid.items() if parent == supervisor}
    return sorted(p for p, parent in ppid.items() if parent in mains and _is_dramatiq(p))


def _is_dramatiq(pid: int) -> bool:
    # Not multiprocessing's helpers (the resource tracker): only forks of dramatiq's main.
    try:
        return b"dramatiq" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.fixture
def broker_db(redis_url: str) -> Iterator[str]:
    """The configured test Redis; the dramatiq keys this test makes are removed after."""
    r = redis.Redis.from_url(redis_url)
    yield redis_url
    for key in r.scan_iter("dramatiq:*"):
        r.delete(key)
    r.close()


def test_a_killed_worker_child_is_restarted_and_messages_still_answered(
    broker_db: str, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'keloia.db'}"
    graph, claude = FakeGraph().start(), FakeClaude().start()
    worker = None
    try:
        app = bootstrap(settings_for(db_url, graph, tmp_path, redis_url=None), run_migrations=True)
        team = seed(app.deps)
        env = service_env(db_url, graph, claude, KELOIA_REDIS_URL=broker_db)
        env["ANTHROPIC_API_KEY"] = ""  # the offline rules: this test is about processes
        worker = Service(
            ["worker", "--processes", "2", "--threads", "1"], env, tmp_path / "w.log", tmp_path
        )
        # supervisor -> dramatiq main -> two worker processes
        ready = "ready for action"
        wait_for(lambda: worker.output().count(ready) >= 2, 60, 0.3, what="two ready workers")
        victim = worker_processes(worker.proc.pid)[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: "starting them again" in worker.output(), 30, 0.3, what="a restart")
        wait_for(lambda: worker.output().count(ready) >= 4, 60, 0.3, what="workers again")
        assert worker.proc.poll() is None, worker.output()  # the supervisor lives on
        assert victim not in worker_processes(worker.proc.pid)

        wamid = new_wamid()
        message = InboundMessage(
            wa_message_id=wamid,
            from_phone=team.admin.phone,
            sent_at=datetime.now(UTC),
            kind=InboundKind.TEXT,
            text="bantuan",
        )
        channel.receive(app.deps, [message], [])  # nobody queued it: the sweeper must find it
        db = Db(db_url)
        try:
            wait_for(lambda: db.inbox_state(wamid) == "processed", 60, 0.2, what="handled")
            wait_for(lambda: graph.to(team.admin.phone), 30, 0.2, what="the reply sent")
        finally:
            db.close()
        assert worker.proc.poll() is None
    finally:
        if worker is not None:
            worker.kill()
        graph.stop()
        claude.stop()
