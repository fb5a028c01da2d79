"""Indonesian phone numbers to E.164."""

from __future__ import annotations

import pytest

from keloia.adapters.rules.phones import find_phones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62812-3456-7890", "+6281234567890"),
        ("0813 5566 7788", "+6281355667788"),
        ("CP 0857.1000.2233", "+6285710002233"),
        ("hp: 0878 1111 2222 ya", "+6287811112222"),
    ],
)
def test_phone_forms(text: str, expected: str) -> None:
    assert [p.e164 for p in find_phones(text)] == [expected]


@pytest.mark.parametrize(
    "text", ["15.000.000", "Rp 2.500.000", "km 310.250", "tgl 17-10-2026", "bus 0812"]
)
def test_not_a_phone(text: str) -> None:
    assert find_phones(text) == []
