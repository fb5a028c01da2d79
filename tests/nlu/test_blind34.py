"""Readings fixed after blind round 34 (tests/conversations/scripts/blind34.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

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
