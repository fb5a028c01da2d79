"""The simulator (`keloia serve --demo`) speaks only for the demo PO or for new numbers:
never as another tenant's people, and never shows what the bot sent them."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from keloia.apps.demo import OWNER_PHONE, seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.embedded import ThreadWorkers
from keloia.bootstrap import bootstrap
from keloia.domain.model.tenants import Role
from keloia.domain.services import team

from .conftest import settings_for
from .fakes import FakeGraph
from .support import Team, new_phone, seed, wait_for

REFUSED = "Simulator hanya untuk tim PO demo atau nomor baru."
XSS_NAME = "<script>alert(1)</script>"


@dataclass
class Simulator:
    http: TestClient[Any]
    other: Team  # a second tenant, not the demo one

    def send(self, phone: str, text: str) -> Any:
        return self.http.post("/simulator/api/send", json={"phone": phone, "text": text})

    def messages(self, phone: str) -> Any:
        return self.http.get("/simulator/api/messages", params={"phone": phone})


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    tmp: Path = tmp_path_factory.mktemp("simulator")
    with contextlib.ExitStack() as cleanup:
        graph = FakeGraph().start()
        cleanup.callback(graph.stop)
        app = bootstrap(
            settings_for(f"sqlite:///{tmp / 'keloia.db'}", graph, tmp), run_migrations=True
        )
        demo_tenant = seed_demo(app)
        demo_owner = team.identify(app.deps, OWNER_PHONE)
        assert demo_owner is not None
        invite = team.create_invite(app.deps, demo_owner, Role.DRIVER)
        team.redeem_invite(app.deps, invite.code, new_phone(), XSS_NAME)
        other = seed(app.deps)
        workers = ThreadWorkers(app, threads=2, sweep_seconds=1.0)
        http = create_app(
            replace(app, queue=workers, demo_tenant_id=demo_tenant),
            simulator=True,
            on_startup=[workers.start],
            on_shutdown=[lambda: workers.stop()],
        )
        client = cleanup.enter_context(TestClient(app=http))
        yield Simulator(client, other)


def local(e164: str) -> str:
    """+62812... as people type it: 0812..."""
    return "0" + e164.removeprefix("+62")


@pytest.mark.parametrize("spelling", [str, local])
def test_another_tenants_owner_is_refused(sim: Simulator, spelling: Any) -> None:
    phone = spelling(sim.other.owner.phone)
    sent = sim.send(phone, "siapa yang belum lunas?")
    assert sent.status_code == 403, sent.text
    assert sent.json()["detail"] == REFUSED
    read = sim.messages(phone)
    assert read.status_code == 403, read.text
    assert read.json()["detail"] == REFUSED


def test_another_tenants_driver_is_refused(sim: Simulator) -> None:
    assert sim.send(sim.other.driver.phone, "jadwal besok?").status_code == 403
    assert sim.messages(sim.other.driver.phone).status_code == 403


def test_demo_owner_chats_and_reads_the_answers(sim: Simulator) -> None:
    sent = sim.send(OWNER_PHONE, "jadwal besok?")
    assert sent.status_code == 202, sent.text
    assert sent.json()["stored"] == 1

    def answered() -> list[Any]:
        read = sim.messages(OWNER_PHONE)
        assert read.status_code == 200, read.text
        return list(read.json())

    assert wait_for(answered, what="the bot's answer to the demo owner")


def test_every_demo_person_is_allowed(sim: Simulator) -> None:
    people = sim.http.get("/simulator/api/people").json()
    assert len(people) >= 2
    for person in people:
        assert sim.messages(person["phone"]).status_code == 200


def test_a_new_number_may_try_onboarding(sim: Simulator) -> None:
    phone = new_phone()
    sent = sim.send(phone, "halo")
    assert sent.status_code == 202, sent.text
    read = sim.messages(phone)
    assert read.status_code == 200, read.text


def test_a_real_tenants_invite_code_is_never_redeemed_through_the_simulator(
    sim: Simulator,
) -> None:
    invite = team.create_invite(sim.other.deps, sim.other.owner, Role.DRIVER)
    phone = new_phone()
    for text in (invite.code, f"kode saya {invite.code.lower()}"):
        refused = sim.send(phone, text)
        assert refused.status_code == 403, refused.text
        assert "kode undangan PO demo" in refused.json()["detail"]
    assert team.identify(sim.other.deps, phone) is None


def test_names_are_shown_as_text(sim: Simulator) -> None:
    people = sim.http.get("/simulator/api/people").json()
    assert XSS_NAME in [p["name"] for p in people]  # stored as typed, as data
    page = files("keloia.apps.http").joinpath("simulator.html").read_text(encoding="utf-8")
    assert page == sim.http.get("/simulator/").text
    assert not re.search(r"innerHTML\s*=[^;]*\bp\.name\b", page, re.DOTALL)
    assert re.search(r"textContent\s*=[^;]*\$\{p\.name\}", page)


def test_every_delivery_state_has_an_indonesian_label() -> None:
    page = files("keloia.apps.http").joinpath("simulator.html").read_text(encoding="utf-8")
    for label in ('delivered: "terkirim ✓✓"', 'read: "dibaca"', 'sent: "terkirim"'):
        assert label in page


def test_a_paper_asked_for_in_the_chat_opens_as_a_pdf(sim: Simulator) -> None:
    import io

    from pypdf import PdfReader

    assert sim.send(OWNER_PHONE, "kirim konfirmasi booking pak hendra").status_code == 202

    def document() -> dict[str, Any] | None:
        read = sim.messages(OWNER_PHONE).json()
        return next((m["document"] for m in read if m.get("document")), None)

    shown = wait_for(document, what="the konfirmasi as a document in the simulator")
    assert shown["filename"].startswith("konfirmasi-pak-hendra-")
    path = "/" + shown["url"].split("/", 3)[3]  # the link, as served by this app
    opened = sim.http.get(path)
    assert opened.status_code == 200
    assert opened.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(opened.content)).pages[0].extract_text()
    assert "KONFIRMASI BOOKING" in text and "Pak Hendra" in text
    assert sim.http.get(path.replace(".", "x", 1)).status_code == 404  # a forged link
