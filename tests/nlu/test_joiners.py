"""One spelling of "and" (adapters/rules/vocabulary.py AND) for every rule that joins two
things named: "ama" and "dn" join as "sama" and "dan" do."""

import datetime as dt

import pytest

from keloia.adapters.rules.dates import find_dates
from keloia.adapters.rules.reading import PAIR_JOINER_RE
from keloia.adapters.rules.several import JOINER_RE

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("joiner", ["dan", "dn", "sama", "sm", "ama"])
def test_and_alike_everywhere(joiner: str) -> None:
    found = find_dates(f"tgl 24 {joiner} 25 maret", TODAY)
    assert [(f.date, f.end_date) for f in found] == [(dt.date(2026, 3, 24), dt.date(2026, 3, 25))]
    assert PAIR_JOINER_RE.fullmatch(f" {joiner} ")
    assert JOINER_RE.search(f"bus 01 ganti oli 850rb, {joiner} pak hendra dp 1jt")
