"""Readings fixed together (fx23b): the bot addressed is no client, the free crew asked
without a question word, a route of several stops, days and nights that are no money, and
a waiting payment called off as the transfer is not in. Each with a neighbour said
otherwise (tests/conversations/scripts/fx23b.yaml plays them through the assistant)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()


def read(text: str, pending: Extraction | None = None) -> Extraction:
    return EXTRACTOR.extract(text, ExtractionContext(today=TODAY, role=Role.ADMIN, pending=pending))


@pytest.mark.parametrize(
    "text",
    [
        "mas bot, jadwal besok apa",
        "Mas Bot, jadwal besok apa",
        "mbak bot tolong cek jadwal besok",
        "kak mimin jadwal bsk",
    ],
)
def test_the_bot_addressed_is_no_client(text: str) -> None:
    got = read(text)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert got.fields.client_name is None
    assert got.fields.date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("mas bot bu dewi sisa brp", "bu dewi"),
        ("kak bot, pak hendra sisa brp", "pak hendra"),
        # A client called "mas" is still one.
        ("mas boby jadwal besok apa", "mas boby"),
    ],
)
def test_a_client_named_beside_the_bot_is_the_client(text: str, client: str) -> None:
    assert read(text).fields.client_name == client


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("sopir bus yg kosong tgl 2", "fleet_crew"),
        ("supir bis yg nganggur tgl 2", "fleet_crew"),
        ("sopir yg nganggur tgl 2", "crew"),
        ("bus sama sopir yg kosong tgl 2", "fleet_crew"),
        ("bus yg kosong tgl 2", None),
    ],
)
def test_the_free_ones_of_a_day_asked_without_a_question_word(
    text: str, detail: str | None
) -> None:
    got = read(text)
    assert got.intent is Intent.QUERY_FREE_BUSES
    assert got.fields.date == dt.date(2026, 12, 2)
    assert got.fields.detail == detail


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jadwal tgl 2", Intent.QUERY_SCHEDULE),
        ("sopir bus 02 tgl 2 siapa", Intent.QUERY_SCHEDULE),
    ],
)
def test_a_day_s_schedule_is_still_the_schedule(text: str, intent: Intent) -> None:
    assert read(text).intent is intent


@pytest.mark.parametrize(
    ("text", "intent", "fields"),
    [
        (
            "rute bu dewi diganti jogja - pangandaran - green canyon",
            Intent.UPDATE_BOOKING,
            {"route_from": "jogja", "route_to": "green canyon", "stops": ["pangandaran"]},
        ),
        (
            "pak agus sewa bus tgl 10 jogja - batu - malang 15jt",
            Intent.CREATE_BOOKING,
            {"route_from": "jogja", "route_to": "malang", "stops": ["batu"]},
        ),
        # Two places: a route with no stop.
        (
            "rute bu dewi diganti jogja - bandung",
            Intent.UPDATE_BOOKING,
            {"route_from": "jogja", "route_to": "bandung", "stops": None},
        ),
    ],
)
def test_a_route_of_several_stops_keeps_them(
    text: str, intent: Intent, fields: dict[str, Any]
) -> None:
    got = read(text)
    assert got.intent is intent
    for key, value in fields.items():
        assert getattr(got.fields, key) == value


@pytest.mark.parametrize(
    ("text", "price", "back"),
    [
        ("pak agus sewa bus tgl 10 jogja - bali 3h 2m 15jt", 15_000_000, dt.date(2026, 12, 12)),
        ("pak agus sewa bus tgl 10 jogja - bali 3h2m 15jt", 15_000_000, dt.date(2026, 12, 12)),
        ("pak agus sewa bus tgl 10 jogja - bali 4 hr 3 m", None, dt.date(2026, 12, 13)),
    ],
)
def test_days_and_nights_are_no_money(text: str, price: int | None, back: dt.date) -> None:
    got = read(text)
    assert got.intent is Intent.CREATE_BOOKING
    assert got.fields.price == price
    assert got.fields.return_date == back


def test_a_late_day_and_nights_is_no_payment() -> None:
    got = read("bu dewi telat 1 hr 2 m")
    assert got.intent is not Intent.RECORD_PAYMENT
    assert got.fields.amount is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("pak agus sewa bus tgl 10 jogja - bali harga 1,2 m", 1_200_000_000),
        ("pak agus sewa 3 hari harga 2 m", 2_000_000_000),
    ],
)
def test_milyar_after_no_day_count_is_still_money(text: str, amount: int) -> None:
    got = read(text).fields
    assert amount in (got.price, got.amount)


DEWI_PAYMENT = Extraction.model_validate(
    {
        "intent": "record_payment",
        "confidence": 0.92,
        "source": "rules",
        "fields": {"client_name": "bu dewi", "amount": 2000000, "method": "transfer_bca"},
    }
)
NOT_IN = "wah sori mbak, transferan bu dewi ternyata belum masuk, cancel aja"


@pytest.mark.parametrize(
    "text", [NOT_IN, "bu dewi blm tf, cancel aja", "transferannya belum masuk mbak, batalin aja"]
)
def test_a_waiting_payment_called_off_as_the_transfer_is_not_in(text: str) -> None:
    assert read(text, pending=DEWI_PAYMENT).intent is Intent.REJECT


def test_the_transfer_not_in_with_nothing_waiting_is_no_cancellation() -> None:
    got = read(NOT_IN)
    assert got.intent is Intent.QUERY_OUTSTANDING
    assert got.confidence < 0.75
    assert got.fields.client_name == "bu dewi"


@pytest.mark.parametrize(
    "text",
    [
        "dp bu dewi belum masuk, bookingnya cancel aja",
        "bu dewi cancel aja, blm tf soalnya",
        "karang taruna batal, ga ada potongan krn blm bayar apa2",
    ],
)
def test_the_trip_cancelled_is_still_a_cancellation(text: str) -> None:
    assert read(text).intent is Intent.CANCEL_BOOKING
