"""Indonesian dates against a given today, and the round trip: any date written in any
supported style, relative to any today, reads back as itself."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keloia.adapters.rules.dates import find_dates, next_weekday, parse_date, resolve_day_nearest
from keloia.adapters.rules.extractor import RulesExtractor
from keloia.adapters.rules.times import find_times
from keloia.domain.model.intents import ExtractionContext

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
        ("minggu lalu", "2026-02-23", "2026-03-01"),
        ("minggu kemarin", "2026-02-23", "2026-03-01"),
        ("pekan lalu", "2026-02-23", "2026-03-01"),
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


# --- from every weekday, and across New Year (the tests above mostly use a Monday) -------

WEEK = [dt.date(2026, 3, 2) + dt.timedelta(days=n) for n in range(7)]  # Monday .. Sunday


@pytest.mark.parametrize("today", WEEK, ids=lambda d: d.strftime("%A"))
@pytest.mark.parametrize("weekday", range(7), ids=lambda w: WEEKDAY_NAMES[w])
def test_a_weekday_kemarin_is_the_last_one_before_today(today: dt.date, weekday: int) -> None:
    # "minggu lalu" alone is last week: Sunday is said "hari Minggu kemarin".
    day = ("hari " if weekday == 6 else "") + WEEKDAY_NAMES[weekday]
    for word in ("kemarin", "lalu"):
        [found] = find_dates(f"{day} {word}", today)
        assert found.date < today and today - found.date <= dt.timedelta(days=7)
        assert found.date.weekday() == weekday
        assert found.explicit  # it may date a payment, like "kemarin"


@pytest.mark.parametrize("today", WEEK, ids=lambda d: d.strftime("%A"))
@pytest.mark.parametrize("weekday", range(7), ids=lambda w: WEEKDAY_NAMES[w])
def test_a_weekday_depan_is_the_next_one_after_today(today: dt.date, weekday: int) -> None:
    found = parse_date(f"hari {WEEKDAY_NAMES[weekday]} depan", today)
    assert found is not None and found.weekday() == weekday
    assert dt.timedelta(days=1) <= found - today <= dt.timedelta(days=7)


@pytest.mark.parametrize("today", WEEK, ids=lambda d: d.strftime("%A"))
def test_relative_words_from_every_weekday(today: dt.date) -> None:
    assert parse_date("kemarin", today) == today - dt.timedelta(days=1)
    assert parse_date("besok", today) == today + dt.timedelta(days=1)
    assert parse_date("lusa", today) == today + dt.timedelta(days=2)
    monday = today - dt.timedelta(days=today.weekday())
    [week] = find_dates("minggu depan", today)
    assert (week.date, week.end_date) == (monday + dt.timedelta(7), monday + dt.timedelta(13))


def test_a_payment_on_a_weekday_kemarin_has_its_date() -> None:
    wednesday = dt.date(2026, 3, 4)
    got = RulesExtractor().extract(
        "pak agus bayar 2jt senin kemarin", ExtractionContext(today=wednesday)
    )
    assert got.fields.paid_date == dt.date(2026, 3, 2)
    monday = dt.date(2026, 3, 2)
    got = RulesExtractor().extract(
        "pak agus bayar 2jt senin kemarin", ExtractionContext(today=monday)
    )
    assert got.fields.paid_date == dt.date(2026, 2, 23)  # a week ago, never today


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("28 desember", dt.date(2026, 1, 2), dt.date(2025, 12, 28)),
        ("tgl 30 des", dt.date(2026, 1, 3), dt.date(2025, 12, 30)),
        ("31/12", dt.date(2026, 1, 5), dt.date(2025, 12, 31)),
        ("kemarin", dt.date(2026, 1, 1), dt.date(2025, 12, 31)),
        ("jumat kemarin", dt.date(2026, 1, 1), dt.date(2025, 12, 26)),
        ("5 januari", dt.date(2025, 12, 20), dt.date(2026, 1, 5)),
        ("tgl 3", dt.date(2025, 12, 30), dt.date(2026, 1, 3)),
        ("besok", dt.date(2025, 12, 31), dt.date(2026, 1, 1)),
        ("15/3/26", dt.date(2026, 3, 2), dt.date(2026, 3, 15)),
        ("2/1/27", dt.date(2026, 12, 30), dt.date(2027, 1, 2)),
    ],
)
def test_dates_across_new_year_and_two_digit_years(
    text: str, today: dt.date, expected: dt.date
) -> None:
    assert parse_date(text, today) == expected


def test_a_past_payment_across_new_year_keeps_last_years_date() -> None:
    got = RulesExtractor().extract(
        "pak agus bayar 5jt tgl 30 des", ExtractionContext(today=dt.date(2026, 1, 3))
    )
    assert got.fields.paid_date == dt.date(2025, 12, 30)


@pytest.mark.parametrize("today", [dt.date(2026, 3, n) for n in range(1, 8)])
def test_a_day_range_is_one_ordered_stretch_of_one_month(today: dt.date) -> None:
    [found] = find_dates("tgl 3-5", today)
    assert found.end_date is not None
    assert (found.date.day, found.end_date.day) == (3, 5)
    assert found.date.month == found.end_date.month and found.end_date >= today


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jam 11 siang", "11:00"),
        ("jam 11.30 siang", "11:30"),
        ("jemput 11 siang", "11:00"),
        ("jam 1 siang", "13:00"),
        ("jam 11 malam", "23:00"),
        ("jam 11 pagi", "11:00"),
    ],
)
def test_late_morning_is_not_read_as_night(text: str, expected: str) -> None:
    assert [t.value for t in find_times(text)] == [expected]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (27, dt.date(2026, 11, 27)),  # three days ago, not 27 Dec
        (2, dt.date(2026, 12, 2)),  # in two days, not 2 Nov
        (30, dt.date(2026, 11, 30)),  # today
        (15, dt.date(2026, 11, 15)),  # 15 days back or 15 ahead: the past one
        (31, dt.date(2026, 10, 31)),  # November has none: 31 Oct is nearer than 31 Dec
    ],
)
def test_a_day_of_the_month_alone_is_the_nearest_such_date(day: int, expected: dt.date) -> None:
    assert resolve_day_nearest(day, dt.date(2026, 11, 30)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tanggal empat", "2026-03-04"),
        ("tgl sepuluh", "2026-03-10"),
        ("tgl sebelas", "2026-03-11"),
        ("tanggal lima belas", "2026-03-15"),
        ("tanggal dua puluh lima", "2026-03-25"),
        ("tanggal tiga puluh satu maret", "2026-03-31"),
        ("dua puluh lima desember", "2026-12-25"),
        ("dua belas des 2027", "2027-12-12"),
    ],
)
def test_day_of_the_month_in_words(text: str, expected: str) -> None:
    """ "tanggal dua puluh lima" is the 25th, never the 2nd nor the 5th; a day past 31 in
    words is no day."""
    assert parse_date(text, TODAY) == dt.date.fromisoformat(expected)


def test_day_in_words_past_the_month_is_none() -> None:
    assert parse_date("tanggal tiga puluh dua", TODAY) is None
