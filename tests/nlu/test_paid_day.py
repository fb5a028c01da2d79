"""A bare day of the month said right after the money paid ("tf 2jt tgl 28") is the day it
came, for the assistant; the contract's result leaves it out, its labels dating a payment
only by "hari ini", "kemarin" or a full date."""

from __future__ import annotations

import datetime as dt

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import ExtractionContext, Intent

CONTEXT = ExtractionContext(today=dt.date(2026, 11, 30))


def test_the_day_is_kept_for_the_assistant_and_left_out_of_the_contract() -> None:
    reading = RulesExtractor().extract("pak hendra tf 2jt tgl 28", CONTEXT)
    assert reading.intent is Intent.RECORD_PAYMENT
    assert reading.fields.paid_on == dt.date(2026, 11, 28) and reading.fields.paid_date is None
    assert "paid_on" not in reading.to_contract()["fields"]


def test_each_of_several_payments_keeps_its_own_day_out_of_the_contract() -> None:
    reading = RulesExtractor().extract("pak hendra tf 2x, 1jt tgl 27 sm 2jt tgl 29, bca", CONTEXT)
    lines = reading.fields.payments or []
    assert [line.paid_on for line in lines] == [dt.date(2026, 11, 27), dt.date(2026, 11, 29)]
    said = reading.to_contract()["fields"]
    assert all("paid_on" not in line for line in said["payments"])


def test_a_full_date_is_the_contracts_paid_date() -> None:
    reading = RulesExtractor().extract("pak hendra tf 2jt tgl 28 nov", CONTEXT)
    assert reading.to_contract()["fields"]["paid_date"] == "2026-11-28"
