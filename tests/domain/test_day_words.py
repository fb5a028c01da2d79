"""The days of the week, the months and "tgl" are spelled once (domain/model/moves.py) for
the domain's moves and the reader's dates (adapters/rules/dates.py)."""

import datetime as dt

import pytest

from keloia.adapters.rules.dates import find_dates
from keloia.domain.model.moves import WEEKDAYS, moves_the_day


@pytest.mark.parametrize("day", sorted(WEEKDAYS))
def test_a_day_the_reader_knows_moves_a_trip(day: str) -> None:
    assert find_dates(day, dt.date(2026, 3, 2))
    assert moves_the_day(f"pak hendra diundur ke {day}")
