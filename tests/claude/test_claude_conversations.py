"""Conversations read by Claude (the real SDK against the local fake API) through the real
assistant: several payments, several trip costs, the crew of each bus and several requests
in one message become the same proposals and records as when the offline rules read them."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from conversations.harness import PHONES, Demo
from keloia.adapters.claude import RoutedExtractor
from keloia.adapters.claude.prompt import _EXAMPLES, render_answer
from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Intent

from .conftest import MakeClaude
from .fake_messages_api import FakeMessagesAPI, message

# Above any confidence: every message but a plain yes or no is read by Claude.
ALWAYS_CLAUDE = 1.01


def claude_answer(intent: str, fields: dict[str, Any], *more: tuple[str, dict[str, Any]]) -> Any:
    """An answer in the structured format, record lists as their own arrays, and the
    message's further requests in "more"."""
    further = [(Intent(i), 0.9, f) for i, f in more]
    return message(render_answer(Intent(intent), 0.9, fields, further))


def demo_with_claude(make_claude: MakeClaude) -> Demo:
    demo = Demo.start()
    routed = RoutedExtractor(rules=RulesExtractor(), claude=make_claude(), threshold=ALWAYS_CLAUDE)
    demo.deps = replace(demo.deps, extractor=routed)
    return demo


def said(demo: Demo, who: str, text: str) -> str:
    phone = PHONES[who]
    return "\n".join(m.body for m in demo.send(phone, text) if m.to == phone)


def booking_of(demo: Demo, client: str) -> Any:
    [booking] = [b for b in demo.state.bookings.values() if client in b.client_name.lower()]
    return booking


def test_two_payments_from_claude_are_two_proposals_confirmed_one_after_the_other(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    fake_api.queue(
        claude_answer(
            "record_payment",
            {
                "client_name": "pak hendra",
                "amount": 2000000,
                "method": "transfer",
                "payments": [
                    {"client_name": "pak hendra", "amount": 2000000, "method": "transfer"},
                    {
                        "client_name": "bu dewi",
                        "amount": 1000000,
                        "payment_type": "dp",
                        "method": "cash",
                    },
                ],
            },
        )
    )
    first = said(demo, "admin", "pak hendra tf 2jt, bu dewi dp 1jt cash")
    assert "Pak Hendra" in first and "Rp2.000.000" in first and "bu dewi" in first.lower()
    assert len(fake_api.requests) == 1
    second = said(demo, "admin", "ya")
    assert "Bu Dewi" in second and "Rp1.000.000" in second
    said(demo, "admin", "ya")

    assert booking_of(demo, "pak hendra").paid_total == 5_000_000
    assert booking_of(demo, "bu dewi").paid_total == 1_000_000
    assert len(fake_api.requests) == 1  # the yeses were the rules' to read


def test_several_costs_from_claude_are_one_proposal(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    costs_before = len(demo.state.trip_costs)
    fake_api.queue(
        claude_answer(
            "record_trip_cost",
            {
                "client_name": "pak hendra",
                "amount": 1200000,
                "cost_type": "bbm",
                "costs": [
                    {"cost_type": "bbm", "amount": 1200000},
                    {"cost_type": "tol", "amount": 450000},
                ],
            },
        )
    )
    proposal = said(demo, "wahyu", "biaya trip pak hendra solar 1,2jt tol 450rb")
    assert "Rp1.200.000" in proposal and "Rp450.000" in proposal
    said(demo, "wahyu", "ya")

    new = list(demo.state.trip_costs.values())[costs_before:]
    assert sorted((c.category.value, c.amount) for c in new) == [
        ("bbm", 1_200_000),
        ("tol", 450_000),
    ]
    assert booking_of(demo, "pak hendra").price == 11_000_000


def test_the_crew_of_each_bus_from_claude_goes_to_that_bus(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    # The prompt's worked example of a crew per bus, as Claude would answer it.
    [(_, text, intent, _, fields)] = [e for e in _EXAMPLES if "crew" in e[4]]
    fake_api.queue(claude_answer(intent.value, fields))
    proposal = said(demo, "admin", text)
    assert "Bus 01 (sopir: Joko, kernet: Slamet)" in proposal
    assert "Bus 02 (sopir: Wahyu)" in proposal
    said(demo, "admin", "ya")

    booking = booking_of(demo, "yanto")
    people = {u.id: u.name for u in demo.state.users.values()}
    buses = {b.id: b.name for b in demo.state.buses.values()}
    crew = {
        buses[a.bus_id]: (people.get(a.driver_id or ""), people.get(a.co_driver_id or ""))
        for a in booking.assignments
    }
    assert crew == {"Bus 01": ("Joko", "Slamet"), "Bus 02": ("Wahyu", None)}


def test_a_payment_said_with_the_trips_end_from_claude_is_proposed_then_the_completion(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    fake_api.queue(
        claude_answer(
            "complete_booking",
            {
                "client_name": "masjid baitussalam",
                "amount": 2300000,
                "payment_type": "pelunasan",
                "method": "cash",
            },
        )
    )
    first = said(demo, "admin", "masjid baitussalam udh pulang, sisanya 2,3jt lunas cash, selesai")
    assert "Rp2.300.000" in first and "Trip selesai" in first
    second = said(demo, "admin", "ya")
    assert "dicatat" in second and "selesai" in second
    said(demo, "admin", "ya")

    booking = booking_of(demo, "masjid")
    assert booking.paid_total == 3_800_000
    assert booking.status.value == "completed"
    assert len(fake_api.requests) == 1  # the yeses were the rules' to read


def test_two_papers_from_claude_are_one_proposal_recording_both(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    papers = [
        {"document_kind": "stnk", "date": "2028-11-20", "bus": "srikandi"},
        {"document_kind": "insurance", "date": "2028-01-01", "bus": "srikandi"},
    ]
    fake_api.queue(claude_answer("record_document", {**papers[0], "documents": papers}))
    proposal = said(demo, "owner", "stnk srikandi smp 20 nov 2028, asuransinya smp 1 jan 2028")
    assert "STNK Srikandi" in proposal and "Asuransi Srikandi" in proposal
    said(demo, "owner", "ya")

    srikandi = next(b.id for b in demo.state.buses.values() if b.name == "Srikandi")
    expiry = {
        d.kind.value: d.expires_on.isoformat()
        for d in demo.state.documents.values()
        if d.bus_id == srikandi
    }
    assert expiry["stnk"] == "2028-11-20" and expiry["insurance"] == "2028-01-01"
    assert len(fake_api.requests) == 1


def _question_sent(fake_api: FakeMessagesAPI) -> Any:
    """The last question Keloia told Claude about in its latest request."""
    turn = json.loads(fake_api.requests[-1].body["messages"][0]["content"])
    return turn["last_question"]


def test_a_follow_up_read_by_claude_is_answered_against_the_last_question(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    fake_api.queue(claude_answer("query_income", {}))
    assert "Rp56.533.334" in said(demo, "admin", "total pemasukan bln ini brp ya")
    assert _question_sent(fake_api) is None

    fake_api.queue(claude_answer("query_income", {"date": "2026-11-30", "date_to": "2026-12-06"}))
    week = said(demo, "admin", "kalo minggu ini")
    assert _question_sent(fake_api) == {"intent": "query_income", "fields": {}}
    assert "Belum ada uang masuk 30 Nov–6 Des" in week

    # Something else in between: the next message is not told of the income question.
    fake_api.queue(claude_answer("unknown", {}))
    said(demo, "admin", "harga solar naik lagi ya")
    fake_api.queue(claude_answer("unknown", {}))
    said(demo, "admin", "kalo minggu depan")
    assert _question_sent(fake_api) is None


def test_a_change_of_the_trip_just_shown_read_by_claude_goes_to_that_trip(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    fake_api.queue(
        claude_answer("query_schedule", {"client_name": "bu dewi", "date": "2026-12-04"})
    )
    said(demo, "admin", "bu dewi tgl 4 sopirnya sapa")
    # Claude says only the new driver, as the prompt teaches: the trip is the one shown.
    fake_api.queue(claude_answer("update_booking", {"driver": "wahyu"}))
    proposal = said(demo, "admin", "yaudah pake wahyu aja")
    assert _question_sent(fake_api) == {
        "intent": "query_schedule",
        "fields": {"client_name": "bu dewi", "date": "2026-12-04"},
    }
    assert "Bu Dewi" in proposal and "Wahyu" in proposal
    said(demo, "admin", "ya")
    people = {u.id: u.name for u in demo.state.users.values()}
    drivers = [people[a.driver_id or ""] for a in booking_of(demo, "bu dewi").assignments]
    assert drivers == ["Wahyu"]


def test_a_repair_from_claude_without_its_bus_is_of_the_problem_just_reported(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    report = "pak bus 01 ac nya mati"
    fake_api.queue(
        claude_answer(
            "report_problem", {"bus": "bus 01", "maintenance_type": "ac", "description": report}
        )
    )
    said(demo, "slamet", report)
    fake_api.queue(claude_answer("log_maintenance", {"cost": 350000}))
    proposal = said(demo, "slamet", "udh dibenerin di bengkel pinggir jalan 350rb")
    assert "Bus 01" in proposal and "AC" in proposal and "Rp350.000" in proposal
    said(demo, "slamet", "ya")

    [log] = [m for m in demo.state.maintenance.values() if m.cost == 350_000]
    bus_01 = next(b.id for b in demo.state.buses.values() if b.name == "Bus 01")
    assert (log.bus_id, log.type.value) == (bus_01, "ac")
    assert len(fake_api.requests) == 2


def test_two_requests_from_claude_are_proposed_one_after_the_other(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    logs_before = len(demo.state.maintenance)
    paid_before = booking_of(demo, "pak hendra").paid_total
    fake_api.queue(
        claude_answer(
            "log_maintenance",
            {"bus": "bus 04", "maintenance_type": "oil_change", "cost": 850000},
            (
                "record_payment",
                {"client_name": "pak hendra", "amount": 1000000, "payment_type": "dp"}
                | {"method": "cash"},
            ),
        )
    )
    # Joined by a "+" the rules do not cut at (they read the payment alone): Claude reads
    # both, and the second request is not lost, nor mixed into the first.
    first = said(demo, "admin", "bus 04 ganti oli 850rb + pak hendra dp 1jt cash")
    assert "Bus 04" in first and "Rp850.000" in first
    assert "Sesudah ini saya tanyakan juga: Pembayaran Pak Hendra Rp1.000.000" in first
    second = said(demo, "admin", "ya")
    assert "DP Rp1.000.000" in second and "Pak Hendra" in second
    said(demo, "admin", "ya")

    [log] = list(demo.state.maintenance.values())[logs_before:]
    bus_04 = next(b.id for b in demo.state.buses.values() if b.name == "Bus 04")
    assert (log.bus_id, log.type.value, log.cost) == (bus_04, "oil_change", 850_000)
    assert booking_of(demo, "pak hendra").paid_total == paid_before + 1_000_000
    assert len(fake_api.requests) == 1  # the yeses were the rules' to read


def test_a_question_and_an_action_from_claude_are_answered_and_proposed(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    demo = demo_with_claude(make_claude)
    paid_before = booking_of(demo, "pak hendra").paid_total
    fake_api.queue(
        claude_answer(
            "query_schedule",
            {"date": "2026-12-01"},
            ("record_payment", {"client_name": "pak hendra", "amount": 1000000, "method": "cash"}),
        )
    )
    # The rules read only the payment here (no joiner they know).
    reply = said(demo, "admin", "jadwal bsk apa, pak hendra jg dp 1jt cash")
    assert "PKK Caturtunggal" in reply  # tomorrow's trip, answered
    assert "Rp1.000.000" in reply and "Pak Hendra" in reply  # and the payment proposed
    said(demo, "admin", "ya")
    assert booking_of(demo, "pak hendra").paid_total == paid_before + 1_000_000
