"""A plate's last letter "G" ("AD 1234 G") is no "ga": "g" is read as "no" only right
before the verb it negates ("g jadi", "g nyala"), never closing a message or before any
word (domain/model/news.py NO_BEFORE_VERB)."""

import datetime as dt

import pytest

from keloia.adapters.rules.extractor import RulesExtractor
from keloia.domain.model.intents import ExtractionContext, Intent

CTX = ExtractionContext(today=dt.date(2026, 3, 2))


@pytest.mark.parametrize("text", ["bus AD 1234 G sopirnya siapa", "plat AD 1234 G ada sopirnya?"])
def test_a_plates_letter_asks_no_trip_lacking_a_driver(text: str) -> None:
    assert RulesExtractor().extract(text, CTX).fields.detail is None


def test_a_plate_ending_in_g_is_recorded() -> None:
    got = RulesExtractor().extract("ganti plat bus 3 jadi AD 1234 G", CTX)
    assert got.intent is Intent.UPDATE_BUS
    assert got.fields.plate == "AD 1234 G"


def test_g_before_its_verb_is_no() -> None:
    got = RulesExtractor().extract("ac bus 2 g nyala", CTX)
    assert got.intent is Intent.REPORT_PROBLEM
