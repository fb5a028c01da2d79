"""`keloia serve` with its workers in a process of their own (the default): one command
starts both, a worker process that dies is started again and finishes what it held
exactly once, and stopping `serve` stops its worker processes."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
import pytest

from keloia.bootstrap import bootstrap
from keloia.domain.model.tenants import Role

from .conftest import service_env, settings_for
from .fakes import FakeClaude, FakeGraph, text_of
from .support import (
    Db,
    Service,
    day_ahead,
    free_port,
    indo,
    new_wamid,
    post_signed,
    seed,
    text_body,
    wait_for,
    wait_healthy,
)


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def whole_log(service: Service) -> str:
    """All of it (Service.output() is the tail: earlier lines scroll out of it)."""
    return service.log.read_text("utf-8", "replace")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead: it only waits for its parent to collect it.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def test_a_killed_worker_process_is_started_again_and_finishes_the_message_once(
    tmp_path: Path, client: httpx.Client, graph: FakeGraph, claude: FakeClaude
) -> None:
    db_url = f"sqlite:///{tmp_path / 'keloia.db'}"
    app = bootstrap(settings_for(db_url, graph, tmp_path), run_migrations=True)
    team = seed(app.deps)
    phone = team.member(Role.ADMIN, "Proses").phone
    env = service_env(db_url, graph, claude, KELOIA_SERVE_WORKER_PROCESSES="2")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = Service(["serve", "--port", str(port)], env, tmp_path / "serve.log", tmp_path)
    db = Db(db_url)
    try:
        wait_healthy(client, url, service)
        workers = wait_for(
            lambda: len(found := children(service.proc.pid)) == 2 and found,
            60,
            what="two worker processes",
        )
        ready = "worker process ready"
        wait_for(lambda: whole_log(service).count(ready) == 2, 120, what="the workers ready")
        # Handled in a worker process, answered through the Graph fake.
        hello = new_wamid()
        assert post_signed(client, url, text_body(phone, "bantuan", hello)).status_code == 200
        wait_for(lambda: graph.to(phone), 30, what="the answer to bantuan")
        # Recorded as sent before the kill: a reply whose sending is cut between Meta's 200
        # and its record goes again (at least once), which is not what this test is about.
        wait_for(lambda: db.outbox_pending(phone) == 0, 30, what="the answer recorded as sent")

        claude.hang_next()
        wamid = new_wamid()
        text = f"Pak Agus booking {indo(day_ahead(20))} Jogja-Semarang bus 01, 15 jt"
        assert post_signed(client, url, text_body(phone, text, wamid)).status_code == 200
        assert claude.hung.wait(30), service.output()
        for pid in workers:  # the one understanding the message is among them; kill both
            os.kill(pid, signal.SIGKILL)
        claude.release()
        # The web process lives on: Meta's next message is stored and answered 200.
        later = new_wamid()
        assert post_signed(client, url, text_body(phone, "ya", later)).status_code == 200
        assert db.inbox_state(wamid) == "received"

        again = wait_for(
            lambda: (
                len(now := children(service.proc.pid)) == 2 and not set(now) & set(workers) and now
            ),
            60,
            what="the worker processes started again",
        )
        assert again
        wait_for(lambda: whole_log(service).count(ready) == 4, 120, what="the workers ready")
        wait_for(lambda: db.inbox_state(later) == "processed", 60, what="the ya handled")
        assert db.inbox_state(wamid) == "processed"
        wait_for(lambda: db.outbox_pending(phone) == 0, 30, what="the outbox drained")
        # Once: one proposal, one booking after the "ya".
        assert len(db.bookings(team.tenant.id, "Pak Agus")) == 1
        answers = [text_of(m) for m in graph.to(phone)]
        assert len(answers) == 3, answers  # bantuan, the proposal, recorded
        assert "worker process exited; starting it again" in whole_log(service)
    finally:
        service.kill()
        claude.release()
        db.close()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_stops_its_worker_processes(
    tmp_path: Path, client: httpx.Client, graph: FakeGraph, claude: FakeClaude, stop: int
) -> None:
    db_url = f"sqlite:///{tmp_path / 'keloia.db'}"
    bootstrap(settings_for(db_url, graph, tmp_path), run_migrations=True)
    env = service_env(db_url, graph, claude)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = Service(["serve", "--port", str(port)], env, tmp_path / "serve.log", tmp_path)
    try:
        wait_healthy(client, url, service)
        [worker] = wait_for(lambda: children(service.proc.pid), 60, what="the worker process")
        ready = "worker process ready"
        wait_for(lambda: ready in whole_log(service), 120, what="the worker ready")
        # Ctrl-C reaches the whole process group; SIGTERM (systemd, docker) the parent.
        if stop == signal.SIGINT:
            os.killpg(service.proc.pid, stop)
        else:
            service.proc.send_signal(stop)
        # uvicorn raises the signal again once it has shut down: its status says which.
        assert service.proc.wait(30) in (0, -stop, 128 + stop), service.output()
        wait_for(lambda: not alive(worker), 10, what="the worker process gone")
        assert "worker process stopped" in whole_log(service)
        assert "Traceback" not in whole_log(service)
    finally:
        service.kill()
