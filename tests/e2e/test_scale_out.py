"""The scale-out set-up over real HTTP: `keloia api` and `keloia worker` (dramatiq over
Redis) on PostgreSQL. The happy path, and a worker killed with SIGKILL mid-message."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import redis
from sqlalchemy import create_engine, text

from keloia.bootstrap import bootstrap
from keloia.domain.model.tenants import Role

from .conftest import service_env, settings_for
from .fakes import FakeClaude, FakeGraph, text_of
from .support import (
    Db,
    Service,
    Team,
    day_ahead,
    free_port,
    indo,
    new_wamid,
    notification,
    post_signed,
    seed,
    text_body,
    wait_for,
    wait_healthy,
)

# "shared_services": run on one pytest-xdist worker, one at a time, with the other tests
# that share the dramatiq queues of the test Redis or create databases.
pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.xdist_group("shared_services")]

# The configured test Redis (KELOIA_TEST_REDIS_URL), never a database of its own choosing:
# it may be someone else's. Only the keys the product makes there are removed, before (a
# crashed earlier run's) and after; other tests use prefixes of their own.
PRODUCT_KEYS = ("dramatiq:*", "keloia:*")
# Short, so a killed worker's leases run out within the test; the default is 15 s.
LEASE_SECONDS = 5


def remove_product_keys(r: redis.Redis) -> None:
    for pattern in PRODUCT_KEYS:
        for key in r.scan_iter(pattern):
            r.delete(key)


@dataclass
class ScaleOut:
    url: str
    client: httpx.Client
    graph: FakeGraph
    claude: FakeClaude
    team: Team
    db: Db
    redis: redis.Redis
    env: dict[str, str]
    tmp: Path
    worker: Service | None = None
    services: list[Service] = field(default_factory=list)

    def start_worker(self) -> Service:
        n = len(self.services)
        self.worker = Service(
            ["worker", "--processes", "1", "--threads", "2"],
            self.env,
            self.tmp / f"worker{n}.log",
            self.tmp,
        )
        self.services.append(self.worker)
        return self.worker

    def say(self, phone: str, text: str) -> str:
        wamid = new_wamid()
        response = post_signed(self.client, self.url, text_body(phone, text, wamid))
        assert response.status_code == 200, response.text
        # New, so handed to the workers at once (not left for the sweep).
        assert response.json()["stored"] == 1
        return wamid


@pytest.fixture(scope="module")
def scale_out(
    postgres_url: str,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    client: httpx.Client,
) -> Iterator[ScaleOut]:
    tmp = tmp_path_factory.mktemp("scale_out")
    name = f"keloia_e2e_{os.getpid()}"
    with contextlib.ExitStack() as cleanup:  # undone in reverse, even after a failed setup
        admin_engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        cleanup.callback(admin_engine.dispose)
        with admin_engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))

        def drop_database() -> None:
            with admin_engine.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

        cleanup.callback(drop_database)
        db_url = urlunsplit(urlsplit(postgres_url)._replace(path="/" + name))
        own_redis = redis_url
        r = redis.Redis.from_url(own_redis)
        remove_product_keys(r)
        cleanup.callback(r.close)
        cleanup.callback(remove_product_keys, r)
        graph, claude = FakeGraph().start(), FakeClaude().start()
        cleanup.callback(graph.stop)
        cleanup.callback(claude.stop)
        app = bootstrap(settings_for(db_url, graph, tmp, redis_url=own_redis), run_migrations=True)
        cleanup.callback(getattr(app.deps.uow, "engine", admin_engine).dispose)
        team = seed(app.deps)
        env = service_env(
            db_url,
            graph,
            claude,
            KELOIA_REDIS_URL=own_redis,
            KELOIA_LEASE_SECONDS=str(LEASE_SECONDS),
        )
        port = free_port()
        db = Db(db_url)
        cleanup.callback(db.close)
        stack = ScaleOut(f"http://127.0.0.1:{port}", client, graph, claude, team, db, r, env, tmp)

        def kill_all() -> None:
            for service in stack.services:
                service.kill()

        cleanup.callback(kill_all)
        api = Service(["api", "--port", str(port)], env, tmp / "api.log", tmp)
        stack.services.append(api)
        stack.start_worker()
        wait_healthy(client, stack.url, api)
        yield stack


def test_booking_confirmed_and_recorded_on_postgres_redis_dramatiq(scale_out: ScaleOut) -> None:
    s = scale_out
    admin = s.team.member(Role.ADMIN, "Skala")
    owner_before = len(s.graph.to(s.team.owner.phone))
    s.say(admin.phone, f"Pak Agus booking {indo(day_ahead(25))} Jogja-Semarang bus 01, 15 jt")
    [proposal] = wait_for(lambda: s.graph.to(admin.phone), 30, what="the proposal")
    assert proposal["type"] == "interactive"
    assert len(proposal["interactive"]["action"]["buttons"]) == 3
    yes = s.say(admin.phone, "ya")
    wait_for(lambda: s.db.inbox_state(yes) == "processed", 30, what="ya handled")
    [row] = s.db.bookings(s.team.tenant.id, "Pak Agus")
    assert row.price == 15_000_000
    alerts = wait_for(
        lambda: s.graph.to(s.team.owner.phone)[owner_before:], 30, what="the owner's alert"
    )
    assert "Agus" in text_of(alerts[0])
    wait_for(lambda: len(s.graph.to(admin.phone)) == 2, 30, what="the answer to ya")


def test_a_batch_of_senders_is_handed_over_once_and_each_is_answered(
    scale_out: ScaleOut,
) -> None:
    """Three senders in one POST are one batch for the webhook's writer: one hand-over
    task in Redis (process_inbound_many), which the worker turns into a task per sender."""
    s = scale_out
    people = [s.team.member(Role.ADMIN, name) for name in ("Satu", "Dua", "Tiga")]
    messages = [
        json.loads(text_body(p.phone, "bantuan"))["entry"][0]["changes"][0]["value"]["messages"][0]
        for p in people
    ]
    body = json.loads(notification(messages[0]))
    value = body["entry"][0]["changes"][0]["value"]
    value["messages"] = messages
    value["contacts"] = [{"profile": {"name": "Tester"}, "wa_id": m["from"]} for m in messages]
    response = post_signed(s.client, s.url, json.dumps(body).encode())
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 3
    for person, message in zip(people, messages, strict=True):
        wait_for(
            lambda m=message: s.db.inbox_state(m["id"]) == "processed", 30, what="each handled"
        )
        wait_for(lambda p=person: s.graph.to(p.phone), 30, what="each answered")


def test_worker_killed_mid_message_finishes_it_exactly_once(scale_out: ScaleOut) -> None:
    s = scale_out
    admin = s.team.member(Role.ADMIN, "Mati")
    s.claude.hang_next()
    seen_before = s.claude.requests
    wamid = s.say(admin.phone, f"Pak Bowo booking {indo(day_ahead(26))} Solo-Bali bus 02, 30 jt")
    assert s.claude.hung.wait(30), s.worker.output() if s.worker else ""
    assert s.worker is not None
    s.worker.kill()  # the process group: main process, worker process, sweeper
    assert s.db.inbox_state(wamid) == "received"
    assert s.graph.to(admin.phone) == []
    # The dead holder's lock is no longer renewed: it runs out within one lease (it was
    # 45 s, then up to 30 s of dramatiq backoff), and nobody removes it by hand.
    lock = "keloia:lock:chat:" + admin.phone
    holder = s.redis.get(lock)
    assert holder is not None and holder.startswith(b"worker:")
    assert 0 < s.redis.pttl(lock) <= LEASE_SECONDS * 1000

    s.start_worker()
    # Bounded generously: a restarted worker process imports everything and waits out the
    # dead one's lease and dramatiq's backoff; on a loaded 2-core machine that took over 45 s.
    wait_for(lambda: s.db.inbox_state(wamid) == "processed", 120, what="the message handled")
    [proposal] = wait_for(lambda: s.graph.to(admin.phone), 30, what="the proposal")
    assert proposal["type"] == "interactive"
    assert s.claude.requests == seen_before + 2
    yes = s.say(admin.phone, "ya")
    wait_for(lambda: s.db.inbox_state(yes) == "processed", 30, what="ya handled")
    wait_for(lambda: s.db.outbox_pending(admin.phone) == 0, 30, what="the outbox drained")
    assert len(s.db.bookings(s.team.tenant.id, "Pak Bowo")) == 1
    assert len(s.graph.to(admin.phone)) == 2


def test_worker_killed_mid_send_sends_the_reply_after_one_lease(scale_out: ScaleOut) -> None:
    """The reply was being sent (Graph holds the request) when the worker died: its claim
    is no longer renewed, runs out within one lease, and the restarted worker sends it."""
    s = scale_out
    admin = s.team.member(Role.ADMIN, "Putus")
    s.graph.hang_next(to=admin.phone)
    wamid = s.say(admin.phone, "bantuan")
    assert s.graph.hung.wait(30), s.worker.output() if s.worker else ""
    assert s.worker is not None
    s.worker.kill()
    s.graph.release()
    claim = "SELECT state, claimed_by, next_attempt_at, now() AS db_now FROM outbox"
    [row] = s.db.rows(claim + " WHERE to_phone = :p", p=admin.phone)
    assert row.state == "queued" and row.claimed_by.startswith("worker:")
    assert row.next_attempt_at <= row.db_now + timedelta(seconds=LEASE_SECONDS)
    assert s.db.inbox_state(wamid) == "processed" and s.graph.to(admin.phone) == []

    s.start_worker()
    [reply] = wait_for(lambda: s.graph.to(admin.phone), 120, what="the reply after the lease")
    assert text_of(reply)
    wait_for(lambda: s.db.outbox_pending(admin.phone) == 0, 30, what="the outbox drained")
    [row] = s.db.rows(claim + " WHERE to_phone = :p", p=admin.phone)
    assert row.state == "sent" and row.claimed_by is None
