"""The extractor's contract for taking back what was just saved: undo_last and
correct_last, their fields, and the messages that must stay what they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import INTENTS, Extraction, ExtractionContext, Intent

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()


def read(text: str) -> Extraction:
    return EXTRACTOR.extract(text, ExtractionContext(today=TODAY))


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("hapus yang barusan", {}),
        ("batal yang tadi", {}),
        ("yg td salah, hapus aja", {}),
        ("batal yang tadi, salah bus", {}),
        ("salah input, hapus yg barusan ya mbak", {}),
        ("hapus pembayaran bu wati tadi", {"record_kind": "payment", "client_name": "bu wati"}),
        ("biaya tol td dobel, hapus", {"record_kind": "trip_cost"}),
    ],
)
def test_undo_last(text: str, fields: dict[str, Any]) -> None:
    result = read(text)
    assert result.intent is Intent.UNDO_LAST
    assert result.fields.stated() == fields
    assert result.confidence >= 0.75


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "koreksi dp bu wati harusnya 1,5jt bukan 1jt",
            {
                "record_kind": "payment",
                "payment_type": "dp",
                "client_name": "bu wati",
                "amount": 1500000,
            },
        ),
        ("bukan mbak td, kliennya pak darmo", {"client_name": "pak darmo"}),
        ("salah, tanggalnya 13 bukan 12", {"date": "2026-12-13"}),
        ("km nya 120.500 bukan 125.000", {"odometer_km": 120500}),
        (
            "biaya solar td salah, harusnya 1jt",
            {"record_kind": "trip_cost", "cost_type": "bbm", "amount": 1000000},
        ),
    ],
)
def test_correct_last_keeps_the_right_value_only(text: str, fields: dict[str, Any]) -> None:
    result = read(text)
    assert result.intent is Intent.CORRECT_LAST
    assert result.fields.stated() == fields


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("pak hendra tadi tf 2jt bca", Intent.RECORD_PAYMENT),
        ("batal booking bu lilis yg tadi pagi telpon", Intent.CANCEL_BOOKING),
        ("jadwal yang tadi apa ya?", Intent.QUERY_SCHEDULE),
        ("bebaskan biaya batal bu dewi", Intent.WAIVE_CANCELLATION_FEE),
    ],
)
def test_what_is_not_a_take_back_stays_itself(text: str, intent: Intent) -> None:
    assert read(text).intent is intent


def test_the_fields_are_the_intent_tables() -> None:
    for intent in (Intent.UNDO_LAST, Intent.CORRECT_LAST):
        assert {"record_kind", "client_name", "payment_type"} <= INTENTS[intent].fields
    assert "amount" not in INTENTS[Intent.UNDO_LAST].fields


def test_with_something_waiting_a_take_back_corrects_what_waits() -> None:
    """The review bug: the client named in a correction changed the route."""
    waiting = EXTRACTOR.extract(
        "mbak tari booking tgl 22 jogja-pacitan bus 03 4jt", ExtractionContext(today=TODAY)
    )
    context = ExtractionContext(today=TODAY, pending=waiting)
    result = EXTRACTOR.extract("bukan mbak td, kliennya pak darmo", context)
    assert result.intent is Intent.CORRECT
    assert result.fields.stated() == {"client_name": "pak darmo"}
