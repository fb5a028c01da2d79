"""The extractor's contract for the lifecycle, fleet and set-up intents (issues 8 and 11):
confirm_booking apart from the confirmation paper, add_bus, a workshop stay's days, the day
of a fleet question, crew changes, and their readings as corrections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 3, 2)  # a Monday
FLEET = ("Bus 01", "Bus 02", "Srikandi")


def read(text: str, pending: dict[str, Any] | None = None, role: Role = Role.ADMIN) -> Extraction:
    waiting = (
        Extraction.model_validate(pending | {"source": "rules", "confidence": 0.9})
        if (pending)
        else None
    )
    context = ExtractionContext(today=TODAY, role=role, pending=waiting, bus_names=FLEET)
    return RulesExtractor().extract(text, context)


@pytest.mark.parametrize(
    ("text", "intent", "fields"),
    [
        ("konfirmasi booking bu Lilis", Intent.CONFIRM_BOOKING, {"client_name": "bu Lilis"}),
        (
            "booking pak Darto udah fix, tolong dikonfirmasi",
            Intent.CONFIRM_BOOKING,
            {"client_name": "pak Darto"},
        ),
        ("kirim konfirmasi booking bu Lilis", Intent.REQUEST_PAPER, {"paper": "konfirmasi"}),
        ("minta pdf konfirmasi pak Darto", Intent.REQUEST_PAPER, {"paper": "konfirmasi"}),
        ("surat konfirmasi buat bu Yuni dong", Intent.REQUEST_PAPER, {"paper": "konfirmasi"}),
        # A price or a route makes it a booking, a question a question: never a confirmation.
        ("konfirmasi booking pak agus 15jt", Intent.CREATE_BOOKING, {"price": 15_000_000}),
        ("booking bu Lilis udah dikonfirmasi belum?", Intent.QUERY_SCHEDULE, {}),
    ],
)
def test_confirming_a_booking_is_not_the_paper(
    text: str, intent: Intent, fields: dict[str, Any]
) -> None:
    result = read(text)
    assert result.intent is intent
    assert fields.items() <= result.fields.stated().items()


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "tambah bus baru AB 1234 XY, 45 seat, nama Arjuna",
            {"bus": "Arjuna", "plate": "AB 1234 XY", "seats": 45},
        ),
        (
            "daftarin bus baru Arimbi ab 4455 uv medium 31 seat",
            {"bus": "Arimbi", "plate": "AB 4455 UV", "seats": 31, "bus_class": "medium"},
        ),
        ("tambah bus AB 7777 QQ 45 seat", {"plate": "AB 7777 QQ", "seats": 45}),
    ],
)
def test_a_new_bus_by_chat(text: str, fields: dict[str, Any]) -> None:
    result = read(text, role=Role.OWNER)
    assert result.intent is Intent.ADD_BUS and result.confidence >= 0.75
    assert result.fields.stated() == fields


def test_a_name_completes_a_new_bus_waiting() -> None:
    pending = {"intent": "add_bus", "fields": {"plate": "AB 9021 KL", "seats": 35}}
    result = read("nama Gatotkaca", pending)
    assert result.intent is Intent.CORRECT
    assert result.fields.stated() == {"bus": "Gatotkaca"}


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "bus 02 masuk bengkel mulai tgl 3 sampe tgl 5",
            {"date": "2026-03-03", "date_to": "2026-03-05"},
        ),
        ("bus 02 besok sampe lusa di bengkel", {"date": "2026-03-03", "date_to": "2026-03-04"}),
        (
            "bus 01 mulai senin depan masuk bengkel 3 hari",
            {"date": "2026-03-09", "date_to": "2026-03-11"},
        ),
        ("bus 02 rusak, masuk bengkel sampai tgl 8", {"date_to": "2026-03-08"}),
        ("bus 02 masuk bengkel hari ini", {}),  # the plain status change
        ("bus 02 udah keluar bengkel", {}),
    ],
)
def test_a_workshop_stay_has_its_days(text: str, days: dict[str, str]) -> None:
    result = read(text)
    assert result.intent is Intent.UPDATE_BUS_STATUS
    stated = result.fields.stated()
    assert {k: v for k, v in stated.items() if k in ("date", "date_to")} == days


@pytest.mark.parametrize(
    ("text", "intent", "fields"),
    [
        ("status bus tgl 12", Intent.QUERY_BUS_STATUS, {"date": "2026-03-12"}),
        ("status bus hari ini", Intent.QUERY_BUS_STATUS, {}),
        (
            "bus 02 tgl 12 kosong kan?",
            Intent.QUERY_FREE_BUSES,
            {"bus": "bus 02", "date": "2026-03-12"},
        ),
        (
            "tgl 10 sampe 12 bus apa aja yg kosong",
            Intent.QUERY_FREE_BUSES,
            {"date": "2026-03-10", "date_to": "2026-03-12"},
        ),
        # The client's trip answer carries the price and what is left to pay.
        ("harga total bu dewi brp sih?", Intent.QUERY_SCHEDULE, {"client_name": "bu dewi"}),
        # "ada ... ga" closing the message asks even without "?".
        ("lusa ada bus nganggur ga mbak", Intent.QUERY_FREE_BUSES, {"date": "2026-03-04"}),
        (
            "tgl 4 bus 02 dipake siapa?",
            Intent.QUERY_SCHEDULE,
            {"bus": "bus 02", "date": "2026-03-04"},
        ),
    ],
)
def test_fleet_questions_keep_their_day(text: str, intent: Intent, fields: dict[str, Any]) -> None:
    result = read(text)
    assert result.intent is intent
    assert result.fields.stated() == fields


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("sopirnya bu Lilis ganti pak Joko", {"client_name": "bu Lilis", "driver": "pak Joko"}),
        ("sopir bu dewi pak joko", {"client_name": "bu dewi", "driver": "pak joko"}),
        ("kernet bu Lilis ganti mas Dani", {"client_name": "bu Lilis", "kernet": "Dani"}),
        ("ganti sopir trip pak Harun jadi Wahyu", {"client_name": "pak Harun", "driver": "Wahyu"}),
        ("bus bu Lilis ganti 04", {"client_name": "bu Lilis", "bus": "bus 04"}),
    ],
)
def test_crew_and_bus_changes_name_whose_trip(text: str, fields: dict[str, Any]) -> None:
    result = read(text)
    assert result.intent is Intent.UPDATE_BOOKING and result.confidence >= 0.75
    assert result.fields.stated() == fields


def test_a_driver_report_without_a_bus_is_left_to_claude_when_set() -> None:
    result = read("ac ga dingin, perlu dicek", role=Role.DRIVER)
    assert result.intent is Intent.REPORT_PROBLEM and result.confidence < 0.75
    assert "bus" not in result.fields.stated()


def test_another_bus_after_a_clash_corrects_the_refused_proposal() -> None:
    refused = {
        "intent": "create_booking",
        "fields": {"client_name": "bu Lilis", "depart_date": "2026-03-04", "bus": "Bus 02"},
    }
    result = read("ok pake bus 01 aja", refused)
    assert result.intent is Intent.CORRECT
    assert result.fields.stated() == {"bus": "bus 01"}
