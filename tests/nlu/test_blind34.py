"""Readings fixed after blind rounds 34 and 36 (tests/conversations/scripts/blind34.yaml,
blind36.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role
from keloia.domain.model.undo import RecordKind

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()
BUSES = ("Bus 01", "Bus 02", "Bus 03", "Bus 04", "Bus 05", "Srikandi")


def read(text: str, role: Role = Role.ADMIN, topic: dict[str, Any] | None = None) -> Extraction:
    asked = None
    if topic is not None:
        asked = Extraction.model_validate(topic | {"confidence": 0.85, "source": "rules"})
    context = ExtractionContext(today=TODAY, role=role, topic=asked, bus_names=BUSES)
    return EXTRACTOR.extract(text, context)


FREE_ON_THE_12TH = {"intent": "query_free_buses", "fields": {"date": "2026-12-12"}}


@pytest.mark.parametrize(
    "text",
    [
        "oke bus 04 buat pak darto ya, sleman - kaliurang, 3jt",
        "srikandi buat bu wiwik ya, jogja - pacitan 8,5jt jemput jam 5",
    ],
)
def test_a_booking_right_after_the_free_buses_of_a_day_is_on_that_day(text: str) -> None:
    got = read(text, topic=FREE_ON_THE_12TH)
    assert got.intent is Intent.CREATE_BOOKING
    assert got.fields.depart_date == dt.date(2026, 12, 12)


def test_a_booking_with_its_own_day_keeps_it_after_the_free_buses() -> None:
    got = read("bus 04 buat pak darto tgl 14, sleman - kaliurang, 3jt", topic=FREE_ON_THE_12TH)
    assert got.intent is Intent.CREATE_BOOKING
    assert got.fields.depart_date == dt.date(2026, 12, 14)


INCOME = {"intent": "query_income", "fields": {"date": "2026-11-01", "date_to": "2026-11-30"}}
PROFIT = {"intent": "query_profit", "fields": {"client_name": "Pak Agus"}}


@pytest.mark.parametrize(
    ("text", "topic", "intent", "fields"),
    [
        # Javanese "-e"/"-ne", "piro", "opo wae": the same follow-ups as in Indonesian.
        (
            "ongkose piro?",
            INCOME,
            Intent.QUERY_TRIP_COSTS,
            {"date": "2026-11-01", "date_to": "2026-11-30"},
        ),
        ("pengeluarane opo wae", PROFIT, Intent.QUERY_TRIP_COSTS, {"client_name": "Pak Agus"}),
        ("biayane piro", PROFIT, Intent.QUERY_TRIP_COSTS, {"client_name": "Pak Agus"}),
    ],
)
def test_javanese_follow_ups(
    text: str, topic: dict[str, Any], intent: Intent, fields: dict[str, Any]
) -> None:
    got = read(text, Role.OWNER, topic)
    assert got.intent is intent
    assert got.fields.stated() == fields


def test_a_name_ending_in_e_is_no_javanese_suffix() -> None:
    got = read("bu tine tf 1jt bca")
    assert got.intent is Intent.RECORD_PAYMENT
    assert got.fields.client_name == "bu tine"


KIR_OF_BUS_01 = {"intent": "query_documents", "fields": {"bus": "Bus 01", "document_kind": "kir"}}


@pytest.mark.parametrize(
    "text", ["kalo yg lain?", "ada yg mau habis lg ga", "yg lain ada yg mati?"]
)
def test_the_other_papers_asked_after_one(text: str) -> None:
    got = read(text, Role.OWNER, KIR_OF_BUS_01)
    assert got.intent is Intent.QUERY_DOCUMENTS
    assert got.fields.stated() == {}


def test_a_paper_named_after_one_is_asked_on_its_own() -> None:
    got = read("kir mau abis ga?", Role.OWNER, KIR_OF_BUS_01)
    assert got.intent is Intent.QUERY_DOCUMENTS
    assert got.fields.document_kind is not None


# Blind round 36.


@pytest.mark.parametrize(
    "text",
    [
        "oh iya ban blkg bus 02 udh tipis pak, prlu ganti sblm ke malang",
        "rem bus 03 agak blong, prlu dicek",
    ],
)
def test_prlu_is_perlu_in_a_drivers_report(text: str) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is Intent.REPORT_PROBLEM
    assert got.fields.bus is not None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mbak sy sari admin baru 🙏 klo mau nyatet booking baru caranya gmn ya?", "booking"),
        ("cara catat pembayaran dp gimana?", "payment"),
        ("kalau mau input km bus caranya gmn", "odometer"),
        ("formatnya buat catat servis bus gimana", "maintenance"),
        ("cara pakai bot ini gimana", None),
        ("bagaimana cara melihat laporan pembayaran?", None),
        ("cara catat booking sama pembayaran gimana", None),
    ],
)
def test_a_how_to_about_one_record_names_it(text: str, kind: str | None) -> None:
    got = read(text)
    assert got.intent is Intent.HELP
    assert got.fields.record_kind == (RecordKind(kind) if kind else None)


@pytest.mark.parametrize(
    "text",
    [
        "tempatnya ttp di balai desa kan?",
        "jemputnya masih di terminal jombor ya?",
        "kumpulnya di pool kan pak",
    ],
)
def test_a_driver_checking_his_pickup_place_asks_it(text: str) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert got.fields.detail == "pickup"


THIS_WEEK = {"intent": "query_schedule", "fields": {"date": "2026-11-30", "date_to": "2026-12-06"}}


def test_when_a_trip_goes_asked_after_a_week_is_no_longer_of_that_week() -> None:
    got = read("yg ke bandung kapan?", Role.DRIVER, topic=THIS_WEEK)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert got.fields.route_to is not None and got.fields.route_to.lower() == "bandung"
    assert got.fields.date is None and got.fields.date_to is None


def test_a_trips_hour_asked_after_a_week_still_looks_in_that_week() -> None:
    got = read("yg ke bandung brgkt jam brp?", Role.DRIVER, topic=THIS_WEEK)
    assert got.fields.date == dt.date(2026, 11, 30)


def test_a_problem_told_with_another_bus_for_a_trip_keeps_both() -> None:
    got = read("bus 03 mogok, radiator bocor. pkk bsk pake bus 02 aja", Role.OWNER)
    assert got.intent is Intent.REPORT_PROBLEM
    assert got.fields.bus is not None and got.fields.bus.lower() == "bus 03"
    [swap] = got.more
    assert swap.intent is Intent.UPDATE_BOOKING
    assert swap.fields.bus is not None and swap.fields.bus.lower() == "bus 02"


def test_a_problem_told_with_a_request_to_look_stays_one_report() -> None:
    got = read("rem bus 02 bunyi. tolong dicek ya", Role.DRIVER)
    assert got.intent is Intent.REPORT_PROBLEM
    assert got.more == ()
