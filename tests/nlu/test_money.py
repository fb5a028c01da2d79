"""Rupiah amounts in every form people type, and the round trip property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keloia.adapters.rules.money import find_money, parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 juta", 15_000_000),
        # Money in words, as people say it.
        ("sejuta", 1_000_000),
        ("satu setengah juta", 1_500_000),
        ("sejuta setengah", 1_500_000),
        ("dua juta setengah", 2_500_000),
        ("satu koma lima juta", 1_500_000),
        ("lima ratus ribu", 500_000),
        ("dua ratus lima puluh ribu", 250_000),
        ("sejuta lima ratus ribu", 1_500_000),
        ("15jt", 15_000_000),
        ("15 jt", 15_000_000),
        ("Rp15.000.000", 15_000_000),
        ("Rp 15.000.000", 15_000_000),
        ("Rp. 7.700.000,-", 7_700_000),
        ("15.000.000", 15_000_000),
        ("2,5 jt", 2_500_000),
        ("2.5jt", 2_500_000),
        ("2,35jt", 2_350_000),
        ("1,45 juta", 1_450_000),
        ("850rb", 850_000),
        ("850 ribu", 850_000),
        ("850k", 850_000),
        ("1,2 M", 1_200_000_000),
        ("1 milyar", 1_000_000_000),
        ("3jt pas", 3_000_000),
        ("IDR 500.000", 500_000),
        ("2500000", 2_500_000),
        ("harga 7,35jt, dp", 7_350_000),
        ("24,5jt", 24_500_000),
        ("Rp 1.500.000,00", 1_500_000),
        ("2 juta 750 ribu", 2_750_000),
        ("4jt 500", 4_500_000),
        # Hundreds of thousands right after the millions, whatever follows them.
        ("1jt500, hari ini", 1_500_000),
        ("2jt250.", 2_250_000),
        ("1jt 500 hr ini", 1_500_000),
        ("1.500rb", 1_500_000),
        ("15jt-an", 15_000_000),
    ],
)
def test_money_forms(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "bus 12",
        "40 org",
        "km skrg 310.250",
        "tgl 15",
        "6 biji",
        "2026",
        "jam 22.00",
        "1,5",
        "50 m dari pool",
        "310.250 km",
        "bus 03 kan",  # a tag after a number, not "3k"
        "jam 4 man",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text.lower()) == []


def test_hundreds_after_millions_that_go_on_are_their_own() -> None:
    assert [m.value for m in find_money("4jt 500.000")] == [4_000_000, 500_000]
    assert [m.value for m in find_money("2jt 500 km")] == [2_000_000]


def test_several_amounts_in_order() -> None:
    found = find_money("9,5jt dp 3jt tf bri")
    assert [m.value for m in found] == [9_500_000, 3_000_000]


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _decimal_style(n: int, unit: int, words: list[str]) -> list[str]:
    if n % (unit // 100) or n < unit:
        return []
    whole, rest = divmod(n, unit)
    frac = f"{rest * 100 // unit:02d}".rstrip("0")
    number = f"{whole},{frac}" if frac else str(whole)
    dot_number = number.replace(",", ".")
    return (
        [f"{number}{w}" for w in words]
        + [f"{number} {w}" for w in words]
        + [f"{dot_number}{words[0]}"]
    )


@given(amount=st.integers(min_value=1_000, max_value=5_000_000_000), data=st.data())
def test_round_trip_any_amount_any_style(amount: int, data: st.DataObject) -> None:
    styles = [_dotted(amount), f"Rp{_dotted(amount)}", f"Rp {_dotted(amount)}"]
    styles += [f"Rp. {_dotted(amount)},-", f"IDR {_dotted(amount)}"]
    if amount >= 10_000:
        styles.append(str(amount))
    if amount % 1_000 == 0:
        k = amount // 1_000
        styles += [f"{k}rb", f"{k} ribu", f"{k}k"]
    styles += _decimal_style(amount, 1_000_000, ["jt", "juta"])
    if amount >= 1_000_000_000:
        styles += _decimal_style(amount, 1_000_000_000, ["M", "milyar"])
    style = data.draw(st.sampled_from(styles))
    assert parse_money(f"harganya {style} ya") == amount, style
