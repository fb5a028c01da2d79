"""Indonesian dates against a given today, and the round trip: any date written in any
supported style, relative to any today, reads back as itself."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keloia.adapters.rules.dates import find_dates, next_weekday, parse_date
from keloia.adapters.rules.times import find_times

TODAY = dt.date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("besok", "2026-03-03"),
        ("bsk pagi", "2026-03-03"),
        ("lusa", "2026-03-04"),
        ("hari ini", "2026-03-02"),
        ("kemarin", "2026-03-01"),
        ("kmrn sore", "2026-03-01"),
        ("tgl 15", "2026-03-15"),
        ("tgl 1", "2026-04-01"),
        ("tanggal 2", "2026-03-02"),
        ("15/3", "2026-03-15"),
        ("15/3/2026", "2026-03-15"),
        ("17-10-2026", "2026-10-17"),
        ("15 Maret", "2026-03-15"),
        ("15 mar", "2026-03-15"),
        ("3 jan", "2026-01-03"),  # recent past: a payment or a repair
        ("10 feb", "2026-02-10"),
        ("20 agt", "2026-08-20"),
        ("20 agu", "2026-08-20"),
        ("5 sept", "2026-09-05"),
        ("9 okt", "2026-10-09"),
        ("1 des", "2026-12-01"),
        ("28 feb", "2026-02-28"),
        ("Sabtu depan", "2026-03-07"),
        ("jumat ini", "2026-03-06"),
        ("senin", "2026-03-09"),
        ("minggu depan senin", "2026-03-09"),
        ("hari minggu", "2026-03-08"),
        ("3 hari lagi", "2026-03-05"),
        ("seminggu lagi", "2026-03-09"),
        ("sabtu 14/3", "2026-03-14"),
        ("tgl 7 Mei", "2026-05-07"),
        ("1 Januari 2027", "2027-01-01"),
        ("malam minggu", "2026-03-07"),
        ("jumat besok", "2026-03-06"),
        ("bsok", "2026-03-03"),
        ("Sabtu, 16 Mei 2026", "2026-05-16"),
        ("3 bulan lagi", "2026-06-02"),
        ("6 bln lagi", "2026-09-02"),
        ("sebulan lagi", "2026-04-02"),
    ],
)
def test_single_dates(text: str, expected: str) -> None:
    assert parse_date(text, TODAY) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15-17 Maret", "2026-03-15", "2026-03-17"),
        ("tgl 2-4 april", "2026-04-02", "2026-04-04"),
        ("30 mei - 1 juni", "2026-05-30", "2026-06-01"),
        ("tgl 10 sampai 12 juni", "2026-06-10", "2026-06-12"),
        ("bulan Juli", "2026-07-01", "2026-07-31"),
        ("minggu depan", "2026-03-09", "2026-03-15"),
        ("minggu ini", "2026-03-02", "2026-03-08"),
        ("bulan ini", "2026-03-01", "2026-03-31"),
        ("bulan depan", "2026-04-01", "2026-04-30"),
        ("tgl 5-7", "2026-03-05", "2026-03-07"),
        ("tgl 15 s.d 17 april", "2026-04-15", "2026-04-17"),
        ("tgl 15 s/d 17 april", "2026-04-15", "2026-04-17"),
    ],
)
def test_ranges(text: str, start: str, end: str) -> None:
    found = find_dates(text.lower(), TODAY)
    assert len(found) == 1
    assert found[0].date.isoformat() == start
    assert found[0].end_date is not None
    assert found[0].end_date.isoformat() == end


@pytest.mark.parametrize(
    "text",
    ["bus 3", "6 biji", "2jt", "km 310.250", "jam 5 pagi", "elf 2", "40 org", "H-3", "3,5jt"],
)
def test_no_date_in_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text.lower(), TODAY) == []


def test_only_full_dates_and_hari_ini_kemarin_are_explicit() -> None:
    explicit = {f.date: f.explicit for f in find_dates("kemarin, besok, tgl 9, 8 maret", TODAY)}
    assert explicit == {
        dt.date(2026, 3, 1): True,
        dt.date(2026, 3, 3): False,
        dt.date(2026, 3, 9): False,
        dt.date(2026, 3, 8): True,
    }


def test_months_ahead_are_calendar_months() -> None:
    assert parse_date("3 bulan lagi", dt.date(2026, 3, 10)) == dt.date(2026, 6, 10)
    assert parse_date("1 bulan lagi", dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert parse_date("2 bulan lagi", dt.date(2026, 11, 30)) == dt.date(2027, 1, 30)


def test_sabtu_depan_is_next_saturday_even_on_a_saturday() -> None:
    saturday = dt.date(2026, 3, 7)
    assert next_weekday(saturday, 5) == dt.date(2026, 3, 14)
    assert parse_date("sabtu ini", saturday) == dt.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jam 6 pagi", "06:00"),
        ("jam 7 malam", "19:00"),
        ("jam 5 sore", "17:00"),
        ("jam 2 siang", "14:00"),
        ("jam 12 siang", "12:00"),
        ("jam 12 malam", "00:00"),
        ("jam 3 subuh", "03:00"),
        ("05.30", "05:30"),
        ("jam 22.00", "22:00"),
        ("jam 7.30", "07:30"),
        ("pukul 08:15", "08:15"),
        ("jam setengah 6 pagi", "05:30"),
        ("brkt 06.00", "06:00"),
        ("jamnya 9", "09:00"),
        ("jam 10 malam,", "22:00"),
    ],
)
def test_times(text: str, expected: str) -> None:
    found = find_times(text.lower())
    assert [t.value for t in found] == [expected]


@pytest.mark.parametrize("text", ["2.5jt", "6.3", "1,45jt", "tgl 15", "bus 12"])
def test_no_time_in_money_or_dates(text: str) -> None:
    assert find_times(text.lower()) == []


MONTH_STYLES = {
    1: ("januari", "jan"),
    2: ("februari", "feb"),
    3: ("maret", "mar"),
    4: ("april", "apr"),
    5: ("mei",),
    6: ("juni", "jun"),
    7: ("juli", "jul"),
    8: ("agustus", "agt", "agu"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt"),
    11: ("november", "nov"),
    12: ("desember", "des"),
}
WEEKDAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
todays = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(today=todays, offset=st.integers(min_value=-60, max_value=300), data=st.data())
def test_round_trip_day_and_month(today: dt.date, offset: int, data: st.DataObject) -> None:
    target = today + dt.timedelta(days=offset)
    month = data.draw(st.sampled_from(MONTH_STYLES[target.month]))
    style = data.draw(
        st.sampled_from(
            [
                f"{target.day} {month}",
                f"tgl {target.day} {month}",
                f"{target.day}/{target.month}",
                f"tgl {target.day}/{target.month}",
                f"{target.day} {month} {target.year}",
                f"{target.day}/{target.month}/{target.year}",
                f"{target.day}-{target.month}-{target.year}",
                f"{target.day:02d}/{target.month:02d}",
            ]
        )
    )
    assert parse_date(f"brkt {style} ya", today) == target


@given(today=todays, offset=st.integers(min_value=0, max_value=27))
def test_round_trip_day_only(today: dt.date, offset: int) -> None:
    target = today + dt.timedelta(days=offset)
    if target.month != today.month:
        # "tgl 3" in late March means 3 April only when 3 March has passed: always true here.
        assert target.day < today.day
    assert parse_date(f"tgl {target.day}", today) == target


@given(today=todays, offset=st.integers(min_value=-1, max_value=30), data=st.data())
def test_round_trip_relative(today: dt.date, offset: int, data: st.DataObject) -> None:
    target = today + dt.timedelta(days=offset)
    words = {-1: ["kemarin", "kmrn"], 0: ["hari ini"], 1: ["besok", "bsk"], 2: ["lusa"]}
    choices = [*words.get(offset, []), *([f"{offset} hari lagi"] if offset > 0 else [])]
    if 1 <= offset <= 7:
        weekday = WEEKDAY_NAMES[target.weekday()]
        choices += [f"{weekday} depan", f"hari {weekday}"] if weekday != "minggu" else []
        choices += ["hari minggu"] if weekday == "minggu" else []
    if not choices:
        return
    style = data.draw(st.sampled_from(choices))
    assert parse_date(style, today) == target
