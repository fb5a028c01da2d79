"""Words the rules share from one vocabulary (adapters/rules/vocabulary.py): a spelling one
rule knew is known by every rule reading that family."""

from __future__ import annotations

import datetime as dt

from keloia.adapters.rules import RulesExtractor
from keloia.adapters.rules.money import parse_money
from keloia.adapters.rules.takenback import taken_back
from keloia.domain.model.intents import ExtractionContext
from keloia.domain.model.tenants import Role


def test_a_word_taken_back_by_any_slip_word() -> None:
    # "keliru" owned a slip before an amount; it takes back a word too.
    said = "katanya batal.. eh keliru batal ding, mundur ke tgl 19 des"
    assert taken_back(said) == "katanya, mundur ke tgl 19 des"


def test_an_amount_put_right_by_any_word_of_what_is_meant() -> None:
    # "eh yg bener" puts an amount right as "eh maksudnya" does.
    context = ExtractionContext(today=dt.date(2026, 3, 2), role=Role.ADMIN)
    read = RulesExtractor().extract("dp pak agus 3jt eh yg bener 2,5jt", context)
    assert read.fields.amount == 2_500_000


def test_a_half_in_money_as_on_the_clock() -> None:
    # "stgh" is a half in "jam stgh 6" and in an amount alike.
    assert parse_money("dua juta stgh") == 2_500_000
