"""Readings fixed after blind round 21 (tests/conversations/scripts/blind21.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()


def read(
    text: str,
    role: Role = Role.ADMIN,
    pending: Extraction | None = None,
    topic: Extraction | None = None,
) -> Extraction:
    context = ExtractionContext(today=TODAY, role=role, pending=pending, topic=topic)
    return EXTRACTOR.extract(text, context)


@pytest.mark.parametrize(
    ("text", "intent", "fields"),
    [
        # The sender cannot go: "ga bisa jalan" of no bus, "masuk rs" no money in.
        (
            "mas sy bsk ga bisa jalan, anak sy sakit masuk rs",
            Intent.DECLINE_TRIP,
            {"ref_date": dt.date(2026, 12, 1)},
        ),
        (
            "besok saya nggak bisa jalan pak, ibu saya masuk rumah sakit",
            Intent.DECLINE_TRIP,
            {"ref_date": dt.date(2026, 12, 1)},
        ),
        # A bus, or a part of one, that cannot go is still the bus's.
        ("bus sy ga bisa jalan", Intent.UPDATE_BUS_STATUS, {}),
        ("bus 03 ga bisa jalan, masuk bengkel", Intent.UPDATE_BUS_STATUS, {"bus": "bus 03"}),
    ],
)
def test_a_driver_who_cannot_go(text: str, intent: Intent, fields: dict[str, Any]) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is intent
    for key, value in fields.items():
        assert getattr(got.fields, key) == value


PAYMENT = Extraction.model_validate(
    {
        "intent": "record_payment",
        "confidence": 0.92,
        "source": "rules",
        "fields": {"client_name": "Pak Hendra", "amount": 3000000, "method": "transfer_bca"},
    }
)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The money is not in: what waits is called off; "blm masuk" asks nothing.
        ("eh salah mbak, itu blm masuk. batal dulu", Intent.REJECT),
        ("duitnya blm masuk rekening, batalin dl", Intent.REJECT),
        ("pak hendra belum masuk ternyata, ga jadi dulu", Intent.REJECT),
        # Asked, it is a question still (a cancel word in it or not).
        ("pak hendra blm lunas kan?", Intent.QUERY_OUTSTANDING),
        ("yg blm lunas siapa aja? yg batal ga usah", Intent.QUERY_OUTSTANDING),
        ("trip yg batal bulan ini apa aja?", Intent.QUERY_SCHEDULE),
    ],
)
def test_a_waiting_payment_called_off_as_the_money_is_not_in(text: str, intent: Intent) -> None:
    assert read(text, pending=PAYMENT).intent is intent


INCOME = Extraction.model_validate(
    {
        "intent": "query_income",
        "confidence": 0.85,
        "source": "rules",
        "fields": {"date": "2026-11-01", "date_to": "2026-11-30"},
    }
)


@pytest.mark.parametrize("text", ["pengeluarannya?", "kalo biayanya brp", "yg keluar brp?"])
def test_the_spending_asked_after_the_income_is_of_the_same_period(text: str) -> None:
    got = read(text, Role.OWNER, topic=INCOME)
    assert got.intent is Intent.QUERY_TRIP_COSTS
    assert got.fields.stated() == {"date": "2026-11-01", "date_to": "2026-11-30"}


def test_who_paid_most_after_the_income_is_still_the_income() -> None:
    got = read("yg paling gede dari siapa", Role.OWNER, topic=INCOME)
    assert got.intent is Intent.QUERY_INCOME and got.fields.rank == "largest"


@pytest.mark.parametrize(
    "text",
    ["desember udh ada booking apa aja", "jadwal desember", "bookingan desember apa aja ya"],
)
def test_a_month_named_with_its_trips_asked_is_that_whole_month(text: str) -> None:
    got = read(text, Role.OWNER)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert got.fields.stated() == {"date": "2026-12-01", "date_to": "2026-12-31"}


def test_a_booking_with_its_day_and_month_is_still_that_day() -> None:
    got = read("pak agus booking 12 desember jogja-solo 1 bus 4jt")
    assert got.intent is Intent.CREATE_BOOKING
    assert got.fields.depart_date == dt.date(2026, 12, 12)


DECEMBER = Extraction.model_validate(
    {
        "intent": "query_schedule",
        "confidence": 0.85,
        "source": "rules",
        "fields": {"date": "2026-12-01", "date_to": "2026-12-31"},
    }
)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("yg blm ada busnya?", "no_bus"),
        ("yg busnya blm ditentukan mana?", "no_bus"),
        ("kalo yg blm dapet bus?", "no_bus"),
        ("yg blm ada sopirnya?", "no_driver"),
    ],
)
def test_the_trips_lacking_a_bus_after_a_month_s_trips(text: str, detail: str) -> None:
    got = read(text, Role.OWNER, topic=DECEMBER)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert got.fields.stated() == {"date": "2026-12-01", "date_to": "2026-12-31", "detail": detail}
