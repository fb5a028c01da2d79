"""Helpers for the end-to-end tests: Cloud API bodies, signing, waiting, seeding,
subprocesses and database look-ups."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from keloia.adapters.meta import sign
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.services import fleet, team
from keloia.domain.services.deps import Deps

APP_SECRET = "e2e-app-secret"
VERIFY_TOKEN = "e2e-verify-token"
ACCESS_TOKEN = "EAA-e2e-not-a-real-token"
PHONE_NUMBER_ID = "106540352242922"
API_VERSION = "/v26.0"
JAKARTA = ZoneInfo("Asia/Jakarta")
MONTHS = [
    *("Januari", "Februari", "Maret", "April", "Mei", "Juni"),
    *("Juli", "Agustus", "September", "Oktober", "November", "Desember"),
]

T = TypeVar("T")
_ids = itertools.count(1)
_phones = itertools.count(1)


def new_wamid() -> str:
    return f"wamid.E2E{os.getpid()}x{time.time_ns()}x{next(_ids)}"


def new_phone() -> str:
    """A fresh Indonesian mobile number in E.164."""
    return f"+62812{os.getpid() % 1000:03d}{next(_phones):05d}"


def day_ahead(days: int) -> date:
    return datetime.now(JAKARTA).date() + timedelta(days=days)


def indo(day: date) -> str:
    """'15 Maret': how people write a date."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def notification(message: dict[str, Any] | None = None, statuses: list[Any] | None = None) -> bytes:
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281100000000", "phone_number_id": PHONE_NUMBER_ID},
    }
    if message is not None:
        wa_id = message["from"]
        value["contacts"] = [{"profile": {"name": "Tester"}, "wa_id": wa_id}]
        value["messages"] = [message]
    if statuses is not None:
        value["statuses"] = statuses
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA1", "changes": [{"field": "messages", "value": value}]}],
    }
    return json.dumps(body).encode()


def text_body(phone: str, body: str, wamid: str | None = None) -> bytes:
    message = {
        "from": phone.lstrip("+"),
        "id": wamid or new_wamid(),
        "timestamp": str(int(time.time())),
        "type": "text",
        "text": {"body": body},
    }
    return notification(message)


def button_body(phone: str, reply_id: str, title: str, wamid: str | None = None) -> bytes:
    message = {
        "from": phone.lstrip("+"),
        "id": wamid or new_wamid(),
        "timestamp": str(int(time.time())),
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
    }
    return notification(message)


def status_body(provider_id: str, status: str, phone: str, at: int | None = None) -> bytes:
    item: dict[str, Any] = {
        "id": provider_id,
        "status": status,
        "timestamp": str(at or int(time.time())),
        "recipient_id": phone.lstrip("+"),
    }
    if status == "failed":
        item["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
    return notification(statuses=[item])


def post_signed(
    client: httpx.Client, base_url: str, body: bytes, secret: str = APP_SECRET
) -> httpx.Response:
    headers = {"content-type": "application/json", "x-hub-signature-256": sign(secret, body)}
    return client.post(base_url + "/webhook", content=body, headers=headers)


def wait_for(
    probe: Callable[[], T], timeout: float = 20.0, interval: float = 0.05, what: str = ""
) -> T:
    """The first truthy value of probe(), or AssertionError after a generous timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what or probe}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- a tenant ------------------------------------------------------------------------


@dataclass
class Team:
    tenant: Tenant
    owner: User
    admin: User
    driver: User
    buses: dict[str, str]
    deps: Deps
    extra: list[User] = field(default_factory=list)

    def member(self, role: Role = Role.ADMIN, name: str = "Dina") -> User:
        """A fresh person of this tenant: each test talks from its own number."""
        invite = team.create_invite(self.deps, self.owner, role)
        user = team.redeem_invite(self.deps, invite.code, new_phone(), name)[0]
        self.extra.append(user)
        return user


def seed(deps: Deps) -> Team:
    tenant, owner = team.create_tenant(deps, "PO Maju Jaya", new_phone(), "Pak Budi")
    people = {}
    for name, role in (("Sari", Role.ADMIN), ("Joko", Role.DRIVER)):
        invite = team.create_invite(deps, owner, role)
        people[name] = team.redeem_invite(deps, invite.code, new_phone(), name)[0]
    buses = {n: fleet.add_bus(deps, owner, n).id for n in ("Bus 01", "Bus 02", "Bus 03")}
    return Team(tenant, owner, people["Sari"], people["Joko"], buses, deps)


# --- the database, read directly ------------------------------------------------------


class Db:
    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url)

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return list(connection.execute(text(sql), params))

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def inbox_state(self, wamid: str) -> str | None:
        state = self.scalar("SELECT state FROM inbox WHERE wa_message_id = :w", w=wamid)
        return None if state is None else str(state)

    def inbox_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM inbox"))

    def bookings(self, tenant_id: str, client: str) -> list[Any]:
        return self.rows(
            "SELECT id, depart_date, price, paid_total, status FROM bookings"
            " WHERE tenant_id = :t AND client_name = :c",
            t=tenant_id,
            c=client,
        )

    def outbox_pending(self, phone: str) -> int:
        return int(
            self.scalar(
                "SELECT count(*) FROM outbox WHERE to_phone = :p AND state = 'queued'", p=phone
            )
        )

    def close(self) -> None:
        self.engine.dispose()


# --- subprocesses ---------------------------------------------------------------------

_OURS = ("KELOIA_", "ANTHROPIC_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def child_env(**settings: str) -> dict[str, str]:
    """This environment without any Keloia/Anthropic setting or proxy, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(_OURS)}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(settings)
    return env


def keloia_exe() -> str:
    exe = Path(sys.executable).with_name("keloia")
    return str(exe) if exe.exists() else "keloia"


class Service:
    """A `keloia ...` subprocess in its own process group, its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, cwd: Path) -> None:
        self.log = log
        self._out = log.open("ab")
        self.proc = subprocess.Popen(
            [keloia_exe(), *args],
            env=env,
            cwd=cwd,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL the whole group: no shutdown hook runs, as in a crash."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._out.close()

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")[-4000:]


def run_cli(args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [keloia_exe(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def wait_healthy(client: httpx.Client, url: str, service: Service, timeout: float = 90) -> None:
    # Generous: on a loaded 2-core CI machine a cold start (imports, migrations, first
    # connections) has been seen to take over 30 s. The log tells why when it never comes up.
    last: list[str] = ["no answer"]

    def up() -> bool:
        assert service.proc.poll() is None, "the service exited:\n" + service.output()
        try:
            answer = client.get(url + "/healthz")
        except httpx.TransportError as exc:
            last[0] = repr(exc)
            return False
        last[0] = f"{answer.status_code} {answer.text[:200]}"
        return answer.status_code == 200

    try:
        wait_for(up, timeout, 0.1, f"{url}/healthz")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; last: {last[0]}; log:\n{service.output()}") from None
