"""The morning briefing on WhatsApp's rules, through the real Cloud API client against the
fake Graph server: free text inside the 24-hour window, the approved template outside it,
and a refused message falling back to a shorter one, with a log line, never silence."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest

from keloia.adapters.memory import MemoryUnitOfWorkFactory
from keloia.domain.model.calendar import Holiday
from keloia.domain.model.fleet import Bus, Document, DocumentKind
from keloia.domain.model.messages import DeliveryState, InboundKind, InboundMessage
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.services import briefing, channel
from keloia.domain.services.deps import Deps

from .conftest import MakeMessenger
from .fake_graph_api import FakeGraphAPI, graph_error

DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 05:30 in Jakarta
ADMIN = "+6281100000002"


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return DAY


class Ids:
    def __init__(self) -> None:
        self._n = count(1)

    def new_id(self) -> str:
        return f"id-{next(self._n):04d}"

    def new_code(self) -> str:
        return f"CODE{next(self._n):04d}"


class NoHolidays:
    def between(self, start: date, end: date) -> list[Holiday]:
        return []


def po_with_admin_who_wrote(hours_ago: float) -> Deps:
    """A PO whose admin has a KIR to hear about, and last wrote `hours_ago`."""
    deps = Deps(storage=MemoryUnitOfWorkFactory(), clock=Clock(), ids=Ids())
    created = datetime(2026, 1, 1, tzinfo=UTC)
    with deps.uow() as tx:
        tx.tenants.add(Tenant(id="t", name="PO", created_at=created))
        tx.users.add(
            User(
                id="a", tenant_id="t", phone=ADMIN, name="Sari", role=Role.ADMIN, created_at=created
            )
        )
        tx.buses.add(Bus(id="b", tenant_id="t", name="Bus 01"))
        tx.documents.add(
            Document(
                id="d",
                tenant_id="t",
                kind=DocumentKind.KIR,
                bus_id="b",
                expires_on=DAY + timedelta(days=7),
            )
        )
        tx.commit()
    channel.receive(
        deps,
        [
            InboundMessage(
                wa_message_id="wamid.in",
                from_phone=ADMIN,
                kind=InboundKind.TEXT,
                text="siap",
                sent_at=NOW - timedelta(hours=hours_ago),
            )
        ],
        [],
    )
    return deps


def sent(fake: FakeGraphAPI) -> list[dict[str, Any]]:
    return [r.body for r in fake.requests]


def outbox_state(deps: Deps) -> DeliveryState:
    with deps.uow() as uow:
        [item] = uow.outbox.recent(ADMIN, 10)
    return item.state


def test_inside_the_window_the_briefing_goes_as_free_text(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    deps = po_with_admin_who_wrote(hours_ago=23)
    briefing.morning(deps, NoHolidays(), "t", DAY)
    channel.deliver_due(deps, make_messenger())
    [body] = sent(fake_graph)
    assert body["type"] == "text" and body["to"] == ADMIN
    assert body["text"]["body"].startswith("Selamat pagi, Sari.")
    assert "*Dokumen*" in body["text"]["body"]
    assert outbox_state(deps) is DeliveryState.SENT


def test_outside_the_window_it_goes_as_the_approved_template(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    deps = po_with_admin_who_wrote(hours_ago=24.5)
    briefing.morning(deps, NoHolidays(), "t", DAY)
    channel.deliver_due(deps, make_messenger())
    [body] = sent(fake_graph)
    assert body["type"] == "template"
    template = body["template"]
    assert template["name"] == "keloia_briefing_pagi" and template["language"]["code"] == "id"
    params = [p["text"] for p in template["components"][0]["parameters"]]
    assert params[:2] == ["Sari", "Senin, 2 Mar"]
    assert "KIR Bus 01 habis" in params[2] and "\n" not in params[2]


def test_a_closed_window_then_a_refused_template_fall_back_down_to_the_short_one(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger, caplog: pytest.LogCaptureFixture
) -> None:
    deps = po_with_admin_who_wrote(hours_ago=23.5)  # inside when queued, closed when sent
    briefing.morning(deps, NoHolidays(), "t", DAY)
    fake_graph.reply(graph_error(131047), graph_error(132001))  # window closed; not approved
    messenger = make_messenger()
    with caplog.at_level(logging.WARNING, logger="keloia.outbound"):
        channel.deliver_due(deps, messenger)  # text refused: the template is next, at once
        channel.deliver_due(deps, messenger)  # template refused: the short one
        channel.deliver_due(deps, messenger)
    kinds = [b["type"] for b in sent(fake_graph)]
    names = [b["template"]["name"] for b in sent(fake_graph) if b["type"] == "template"]
    assert kinds == ["text", "template", "template"]
    assert names == ["keloia_briefing_pagi", "keloia_briefing_singkat"]
    short = [p["text"] for p in sent(fake_graph)[2]["template"]["components"][0]["parameters"]]
    assert short == ["Sari", "1", "Senin, 2 Mar"]
    assert outbox_state(deps) is DeliveryState.SENT
    fallbacks = [
        r for r in caplog.records if r.getMessage() == "message refused, sending its fallback"
    ]
    assert len(fallbacks) == 2


def test_when_even_the_short_template_is_refused_it_ends_failed_saying_why(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger, caplog: pytest.LogCaptureFixture
) -> None:
    deps = po_with_admin_who_wrote(hours_ago=48)
    briefing.morning(deps, NoHolidays(), "t", DAY)
    fake_graph.reply(graph_error(132001), graph_error(132001))
    messenger = make_messenger()
    with caplog.at_level(logging.WARNING, logger="keloia.outbound"):
        for _ in range(3):
            channel.deliver_due(deps, messenger)
    assert len(sent(fake_graph)) == 2  # the full template, then the short one; no more
    assert outbox_state(deps) is DeliveryState.FAILED  # the worker logs it as not delivered
    with deps.uow() as uow:
        [item] = uow.outbox.recent(ADMIN, 10)
    assert item.message.template_name == "keloia_briefing_singkat"
    assert item.last_error.startswith("132001")
    logged = [r.getMessage() for r in caplog.records]
    assert logged.count("message refused, sending its fallback") == 1
