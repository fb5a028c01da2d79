"""A day of the month given alone as an answer ("tanggal berapa di Agustus 2028?")."""

from __future__ import annotations

from datetime import date

import pytest

from keloia.domain.model.moves import day_alone, month_without_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15", 15),
        ("tgl 15 aja", 15),
        ("tanggal tujuh belas", 17),
        ("dua puluh satu", 21),
        ("tgl lima ya", 5),
        ("sepuluh", 10),
    ],
)
def test_a_day_alone(text: str, day: int) -> None:
    assert day_alone(text) == day


@pytest.mark.parametrize("text", ["ya", "ok", "ya pak", "tiga puluh dua", "tgl 15 bus 02"])
def test_no_day_alone(text: str) -> None:
    assert day_alone(text) is None


def test_a_year_in_words_after_its_month() -> None:
    said = month_without_day(
        "stnk bus tiga diperpanjang sampai bulan agustus dua ribu dua puluh delapan",
        date(2026, 11, 30),
    )
    assert said is not None and (said.year, said.month) == (2028, 8)
