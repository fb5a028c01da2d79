"""Readings of the blind round h601 put right (docs/nlu.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent

EXTRACTOR = RulesExtractor()


def _read(text: str, today: dt.date, role: str = "admin") -> Extraction:
    return EXTRACTOR.extract(text, ExtractionContext(today=today, role=role))


def test_a_workshop_named_after_the_job_is_no_client() -> None:
    """The first "bengkel" names no workshop; the second does, so "pak man" is a place."""
    text = "bus 05 msk bengkel tgl 3 smp tgl 5 ganti kopling di bengkel pak man"
    reading = _read(text, dt.date(2026, 12, 1))
    assert reading.intent is Intent.UPDATE_BUS_STATUS, reading
    assert reading.fields.notes == "ganti kopling di bengkel pak man"
    assert reading.fields.date_to == dt.date(2026, 12, 5)


def test_a_condition_keeps_neither_its_day_nor_its_client() -> None:
    reading = _read("kalo smp tgl 22 karang taruna blm dp batalin aja", dt.date(2026, 12, 18))
    assert reading.intent is Intent.CANCEL_BOOKING
    assert reading.fields.condition == "blm dp"
    assert reading.fields.client_name == "karang taruna"
    assert reading.fields.date == dt.date(2026, 12, 22)


@pytest.mark.parametrize("text", ["mas kernetnya bsk sapa ya", "kernet bsk sapa"])
def test_a_day_after_the_kernet_is_no_kernet(text: str) -> None:
    reading = _read(text, dt.date(2027, 1, 29), role="driver")
    assert reading.intent is Intent.QUERY_SCHEDULE
    assert reading.fields.date == dt.date(2027, 1, 30)
    assert reading.fields.client_name is None


def test_one_amount_for_each_cost_named() -> None:
    reading = _read("premi sopir sm kernet yg ke bandung masing2 300rb", dt.date(2027, 1, 12))
    assert [(c["cost_type"], c["amount"]) for c in reading.to_contract()["fields"]["costs"]] == [
        ("premi_sopir", 300_000),
        ("premi_kernet", 300_000),
    ]


def test_a_kernet_alone_after_premi_is_his_premi() -> None:
    reading = _read("premi sopir 300rb kernet 200rb yg ke bandung", dt.date(2027, 1, 12))
    assert reading.to_contract()["fields"]["costs"][1] == {
        "cost_type": "premi_kernet",
        "amount": 200_000,
    }


def test_a_booking_agreed_with_its_dp_is_confirmed_with_it() -> None:
    reading = _read(
        "booking pak darto udh fix ya, tadi dia udh tf dp 3jt ke bca", dt.date(2026, 12, 28)
    )
    assert reading.intent is Intent.CONFIRM_BOOKING and reading.confidence >= 0.75
    assert reading.fields.amount == 3_000_000
    assert reading.fields.method == "transfer_bca"
