"""Outbound through the real Cloud API client to the fake Graph server: retries with
backoff, permanent errors, the 24-hour window, and WhatsApp's size limits. Delivery is
driven by deliver_due with a clock the test moves, instead of waiting out the backoff."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from keloia.bootstrap import Keloia, bootstrap
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.messages import Button, MessageKind, OutboundMessage
from keloia.domain.services import team
from keloia.domain.services.channel import NOTICE_TEMPLATE, deliver_due
from keloia.domain.services.deps import Deps
from keloia.domain.services.outbox import enqueue

from .conftest import settings_for
from .fakes import FakeGraph, Reply, graph_error, text_of
from .support import Db, new_phone


class MovableClock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@dataclass
class Outbound:
    app: Keloia
    graph: FakeGraph
    clock: MovableClock
    deps: Deps
    db: Db

    def queue(self, message: OutboundMessage, tenant_id: str | None = None) -> None:
        with self.deps.uow() as uow:
            enqueue(self.deps, uow, message, tenant_id)
            uow.commit()

    def run(self) -> int:
        return int(deliver_due(self.deps, self.app.messenger))

    def row(self, phone: str) -> tuple[str, int, datetime, str]:
        [row] = self.db.rows(
            "SELECT state, attempts, next_attempt_at, last_error FROM outbox WHERE to_phone = :p",
            p=phone,
        )
        at = row.next_attempt_at
        at = datetime.fromisoformat(at) if isinstance(at, str) else at
        return row.state, row.attempts, at.replace(tzinfo=at.tzinfo or UTC), row.last_error


@pytest.fixture(scope="module")
def outbound(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outbound]:
    tmp = tmp_path_factory.mktemp("outbound")
    db_url = f"sqlite:///{tmp / 'keloia.db'}"
    graph = FakeGraph().start()
    app = bootstrap(settings_for(db_url, graph, tmp), run_migrations=True)
    clock = MovableClock()
    deps = Deps(storage=app.deps.storage, clock=clock, ids=app.deps.ids)
    db = Db(db_url)
    yield Outbound(app, graph, clock, deps, db)
    graph.stop()
    db.close()


def test_retries_on_5xx_and_rate_limits_with_backoff_then_succeeds(outbound: Outbound) -> None:
    phone = new_phone()
    outbound.graph.script(
        Reply(503, {"error": {"message": "unavailable"}}),
        graph_error(130429),
        graph_error(131056),
    )
    outbound.queue(OutboundMessage(to=phone, body="Jadwal besok: Pak Agus, Bus 01."))
    delays = []
    for attempt in range(1, 4):
        assert outbound.run() == 1
        state, attempts, next_at, _ = outbound.row(phone)
        assert (state, attempts) == ("queued", attempt)
        delays.append((next_at - outbound.clock.now()).total_seconds())
        assert outbound.run() == 0  # not due yet: nothing is sent again early
        outbound.clock.advance(delays[-1])
    assert delays == [5, 10, 20]  # exponential from 5 s
    assert outbound.run() == 1
    state, attempts, _, _ = outbound.row(phone)
    assert (state, attempts) == ("sent", 4)
    assert [text_of(s) for s in outbound.graph.to(phone)] == ["Jadwal besok: Pak Agus, Bus 01."] * 4


def test_a_permanent_error_is_not_retried(outbound: Outbound) -> None:
    phone = new_phone()
    outbound.graph.script(graph_error(131026))
    outbound.queue(OutboundMessage(to=phone, body="Halo"))
    assert outbound.run() == 1
    outbound.clock.advance(3600)
    assert outbound.run() == 0
    state, attempts, _, error = outbound.row(phone)
    assert (state, attempts) == ("failed", 1)
    assert "131026" in error
    assert len(outbound.graph.to(phone)) == 1


def test_outside_the_24_hour_window_the_message_goes_as_the_notice_template(
    outbound: Outbound,
) -> None:
    phone = new_phone()
    outbound.graph.script(graph_error(131047))
    outbound.queue(OutboundMessage(to=phone, body="Pengingat: pelunasan Pak Agus jatuh tempo."))
    assert outbound.run() == 1
    assert outbound.run() == 1  # re-sent at once, as the template
    first, second = outbound.graph.to(phone)
    assert first["type"] == "text"
    assert second["type"] == "template"
    assert second["template"]["name"] == NOTICE_TEMPLATE
    assert "pelunasan Pak Agus" in text_of(second)
    assert outbound.row(phone)[0] == "sent"


def test_long_messages_arrive_split_within_whatsapp_limits(outbound: Outbound) -> None:
    # 4,000 characters, but more than 4,096 UTF-16 units (each bus emoji counts twice).
    line = "🚌🚌 Bus 01 siap\n"
    body = (line * (4000 // len(line) + 1))[:4000]
    reader = new_phone()
    outbound.queue(OutboundMessage(to=reader, body=body))
    question = "Ringkasan booking:\n" + ("• detail perjalanan\n" * 80) + "\nBenar? Balas ya."
    buttons = tuple(Button(id=f"b{n}", title=t) for n, t in enumerate(("Ya", "Ubah", "Batal")))
    asked = new_phone()
    outbound.queue(
        OutboundMessage(to=asked, kind=MessageKind.BUTTONS, body=question, buttons=buttons)
    )
    while outbound.run():
        pass

    texts = outbound.graph.to(reader)
    assert len(texts) >= 2
    assert all(s["type"] == "text" for s in texts)
    assert "".join(text_of(s) for s in texts) == body
    assert all(len(text_of(s).encode("utf-16-le")) // 2 <= 4096 for s in texts)

    *before, interactive = outbound.graph.to(asked)
    assert before and all(s["type"] == "text" for s in before)
    assert interactive["type"] == "interactive"
    assert len(interactive["interactive"]["action"]["buttons"]) == 3
    tail = text_of(interactive)
    assert len(tail) <= 1024 and question.endswith(tail)
    assert question.startswith("".join(text_of(s) for s in before))
    assert outbound.row(reader)[0] == outbound.row(asked)[0] == "sent"


def _outage(outbound: Outbound, phones: list[str], hours: float) -> None:
    """The Graph API down for `hours`: the delivery worker keeps sweeping what is due."""
    outbound.graph.down = True
    try:
        end = outbound.clock.now() + timedelta(hours=hours)
        while outbound.clock.now() < end:
            outbound.run()
            states = [outbound.row(p)[0] for p in phones]
            if "queued" not in states:
                return
            outbound.clock.at = min(
                outbound.row(p)[2] for p in phones if outbound.row(p)[0] == "queued"
            )
    finally:
        outbound.graph.down = False


def test_replies_survive_an_outage_past_the_old_give_up_point_and_go_once(
    outbound: Outbound,
) -> None:
    phones = [new_phone() for _ in range(3)]
    for n, phone in enumerate(phones):
        outbound.queue(OutboundMessage(to=phone, body=f"Balasan {n}"))
    _outage(outbound, phones, hours=2)  # the old code gave up after ~10.6 minutes
    assert [outbound.row(p)[0] for p in phones] == ["queued"] * 3
    refused = {p: len(outbound.graph.to(p)) for p in phones}
    assert min(refused.values()) > 8  # tried on, past the old 8 tries
    outbound.clock.at = max(outbound.row(p)[2] for p in phones)
    while outbound.run():
        pass
    for n, phone in enumerate(phones):
        assert outbound.row(phone)[0] == "sent"
        delivered = outbound.graph.to(phone)[refused[phone] :]
        assert [text_of(s) for s in delivered] == [f"Balasan {n}"]  # once


def test_a_reply_past_its_day_is_given_up_and_the_owner_alerted(outbound: Outbound) -> None:
    owner_phone = new_phone()
    tenant, owner = team.create_tenant(outbound.deps, "PO Uji", owner_phone, "Pak Uji")
    stranger = new_phone()
    outbound.queue(OutboundMessage(to=stranger, body="Jadwal besok kosong."), tenant.id)
    _outage(outbound, [stranger], hours=25)
    state, _, _, error = outbound.row(stranger)
    assert state == "failed" and "expired" in error
    [alert] = outbound.db.rows(
        "SELECT kind, text FROM alerts WHERE tenant_id = :t AND user_id = :u",
        t=tenant.id,
        u=owner.id,
    )
    assert alert.kind == AlertKind.DELIVERY_FAILED.value
    assert "tidak terkirim" in alert.text and stranger[-3:] in alert.text
    assert stranger not in alert.text  # the number is masked
    while outbound.run():
        pass
    assert "tidak terkirim" in text_of(outbound.graph.to(owner_phone)[-1])
