"""Indonesian dates, absolute and relative, resolved against a given `today`.

Deterministic and pure: every function takes `today` and never reads the clock. Finders
work on lower-cased text and return spans so the caller can mask what was consumed.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace

from keloia.adapters.rules.vocabulary import (
    AFTER_TOMORROW,
    AND,
    DAY_UNIT,
    HOW_MUCH,
    MONTH_UNIT,
    NEXT,
    NUMBER_WORDS,
    TODAY,
    TOMORROW,
    WEEK_UNIT,
    YESTERDAY,
    number_in_words,
    numbers_to,
)

# The months, the days of the week and "tgl": the domain's words (domain/model/moves.py).
from keloia.domain.model.moves import MONTH_RE as MONTH_RE
from keloia.domain.model.moves import MONTH_WORDS, TGL, without_named_people
from keloia.domain.model.moves import WEEKDAY_RE as WEEKDAY_RE
from keloia.domain.model.moves import WEEKDAYS as WEEKDAYS

MONTHS = MONTH_WORDS

SMALL_NUMBERS = numbers_to(6)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    # Last day when the text names a range ("15-17 Maret", "bulan Juli", "minggu depan").
    end_date: dt.date | None = None
    # A full date, "hari ini" or "kemarin": the only forms that may date a past event.
    explicit: bool = False
    # A whole week or month ("minggu depan", "bulan Juli"): a query range, never a trip date.
    vague: bool = False
    # Said relative to today with a word ("kemarin", "besok"), not as a calendar date.
    relative: bool = False
    # A day of month alone ("tgl 23"): resolved forward, as the contract reads it.
    day_only: bool = False
    # A day and month with no year ("12 maret"): its year is the next one it falls in.
    no_year: bool = False


def add_days(today: dt.date, days: int) -> dt.date:
    return today + dt.timedelta(days=days)


def add_months(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(today.day, last))


def next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The next such weekday strictly after today ("Sabtu depan", "Jumat ini")."""
    ahead = (weekday - today.weekday()) % 7
    return add_days(today, ahead or 7)


def previous_weekday(today: dt.date, weekday: int) -> dt.date:
    back = (today.weekday() - weekday) % 7
    return add_days(today, -(back or 7))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_day_month(day: int, month: int, today: dt.date) -> dt.date | None:
    """A day and month without a year: the occurrence in a window around today.

    Past events (a payment, a repair) are recent, while bookings can be months ahead, so
    the window reaches 60 days back and about ten months forward."""
    for year in (today.year, today.year + 1, today.year - 1):
        d = safe_date(year, month, day)
        if d is not None and -60 <= (d - today).days <= 304:
            return d
    return safe_date(today.year, month, day)


def resolve_day_back(day: int, today: dt.date) -> dt.date | None:
    """A day of month alone about a past event ("trip tgl 23 selesai"): the latest such
    date on or before today."""
    year, month = today.year, today.month
    for _ in range(13):
        d = safe_date(year, month, day)
        if d is not None and d <= today:
            return d
        month -= 1
        if month < 1:
            year, month = year - 1, 12
    return None


def resolve_day(day: int, today: dt.date) -> dt.date | None:
    """A day of month alone ("tgl 15"): the next such date on or after today."""
    year, month = today.year, today.month
    for _ in range(13):
        d = safe_date(year, month, day)
        if d is not None and d >= today:
            return d
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def resolve_day_nearest(day: int, today: dt.date) -> dt.date | None:
    """A day of month alone about something that may have happened or be about to ("solar
    trip tgl 27" said on the 30th, "uang jalan buat tgl 2"): the nearer of the last such date
    and the next one, the past one on a tie."""
    back, ahead = resolve_day_back(day, today), resolve_day(day, today)
    if back is None or ahead is None:
        return back or ahead
    return back if today - back <= ahead - today else ahead


def _year(text: str | None, fallback: int) -> int:
    if not text:
        return fallback
    y = int(text)
    return y + 2000 if y < 100 else y


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


# "tgl 24 sm 25": two days joined by "sama" are the days from one to the other, as with "dan".
# "mulai tgl 10 aja smp tgl 12": a particle after the first day keeps the range.
_TO = (
    r"\s*(?:(?:aja|saja|ajah|ae|wae)\s+(?=(?:sampai|sampe|smp|hingga)\b))?"
    rf"(?:-|–|s[/.]?d\.?|sampai|sampe|smp|hingga|sd|{AND}|&)\s*"
)
_B = r"(?<![\w.,/])"  # no digit, letter or separator right before a number
# The pieces a date is written of: a day of the month (after "tgl" or not), a month's name,
# a year after it (or none).
_DAY = rf"(?:{TGL})?(\d{{1,2}})"
_MONTH = rf"\s*({MONTH_RE})"
_YEAR_WORD = r"tahun|thn|th|taun"
_YEAR = rf"(?:\s*(?:(?:{_YEAR_WORD})\s+)?(\d{{4}}))?"  # "20 des 2027", "20 des th 2027"
# A week, month or year said from this one: "minggu depan", "bulan ini", "tahun lalu".
_RELATIVE = rf"{NEXT}|ini|lalu|{YESTERDAY}"
# A count of days, weeks or months in words: "tiga minggu", "sehari".
_COUNT = "|".join(SMALL_NUMBERS)

# "bus 03 smp 10 feb": a bus's number, then the day (not the 3rd to the 10th).
RANGE_DM_RE = re.compile(rf"{_B}(?<!bus )(?<!bis ){_DAY}{_TO}{_DAY}{_MONTH}{_YEAR}")
# "3 bus 19-21 juni": after a count of buses, the days (no Bus 19).
RANGE_AFTER_COUNT_RE = re.compile(
    rf"(?:(?<=\d bus )|(?<=\d bis )|(?<=\d unit )){_DAY}{_TO}{_DAY}{_MONTH}{_YEAR}"
)
# "tgl 24 25 des": two days after "tgl" with only a space between, both of that month.
RANGE_TGL_PAIR_RE = re.compile(rf"{_B}{TGL}(\d{{1,2}})\s+{_DAY}{_MONTH}{_YEAR}")
# "biaya bengkel bus 03 januari": a bus's number written with its zero, then the month (a
# day after "bus" without one, "sewa bus 12 maret", stays the day).
_NOT_BUS = r"(?!(?<=bus )0|(?<=bis )0)"
RANGE_2DM_RE = re.compile(rf"{_B}{_NOT_BUS}{_DAY}{_MONTH}{_TO}{_DAY}{_MONTH}{_YEAR}")
DAY_MONTH_RE = re.compile(rf"{_B}{_NOT_BUS}{_DAY}{_MONTH}{_YEAR}")
NUMERIC_RE = re.compile(
    rf"{_B}{_DAY}/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?(?![\d/])"
    rf"|{_B}{_DAY}[-.](\d{{1,2}})[-.](\d{{4}})(?!\d)"
)
# "tgl 12 sama 2jt dp": an amount after the day is no day.
DAY_RANGE_RE = re.compile(
    rf"{TGL}(\d{{1,2}}){_TO}{_DAY}(?![\d/]|[.,]\d|\s*(?:jt|juta|rb|ribu|k|m)\b)"
)
# "tgl 24 25 sy ada jadwal?": two days after "tgl" with only a space between and no month,
# days that follow on within a week (never a count after a day: "tgl 24 25 orang").
DAY_PAIR_RE = re.compile(
    rf"{TGL}(\d{{1,2}})\s+(\d{{1,2}})(?![\d/]|[.,]\d|\s*(?:jt|juta|rb|ribu|k|m|%|orang|org|seat"
    r"|bus|bis|unit|hari|hr|pax|kursi|km|jam|x|rombongan|peserta|penumpang|malam|mlm|malem"
    r"|pagi|siang|sore|subuh|mobil|elf|hiace|minibus|medium|microbus|armada)\b)"
)
DAY_ONLY_RE = re.compile(rf"\b{TGL}(\d{{1,2}})(?![\d/]|[.,]\d)")
# "jadinya tgl 13, bukan 12": the bare number refused right after a day is a day too.
# ("bukan 03 ya busnya": a bus's number, with its zero; "bukan 12 orang": a count.)
REFUSED_BARE_DAY_RE = re.compile(
    r"\s*,?\s*(?:bukan|bkn|bkan|dudu)\s+([1-9]\d?)\b"
    r"(?![\d/]|[.,]\d|\s*(?:jt|juta|rb|ribu|k|m|%|orang|org|seat|bus|hari|hr|pax|kursi)\b)"
    # The number closes its clause ("tgl 13, bukan 12", "11 des bukan 10 ya"): never "bukan 4
    # tp 2 sopire", nor a check asked ("bukan 5 ya pak?").
    r"(?=\s*(?:(?:ya|yo|yaa|nggih|ngih|pak|bu|mbak|mas|lho|loh)\s*)*(?:[,.;!\n]|$))"
)
_NOT_TRIP_DAY_RE = re.compile(
    r"\b(?:pelunasan|lunas\w*|dp|bayar\w*|tf|transfer|tempo|deadline|batas|jemput\w*|jam)\b"
)
_RETURN_BEFORE_RE = re.compile(
    r"\b(?:pulang\w*|plg|balik\w*|balik\s+e|kembali\w*|sampai|smp)\W*(?:tgl\W*)?$"
)
# "tf 5jt tgl 27 kmrn", "tgl 2 yg lalu": the day said, the one just gone by ("kmrn" here
# says it is past, no yesterday of its own); a full date, as "27 nov" is. Not "yang tanggal 8
# kemarin bilang nggak bisa": yesterday is when it was said, the 8th is still to come.
DAY_PAST_RE = re.compile(
    rf"\b{TGL}(\d{{1,2}})\s+(?:yg\s+|yang\s+)?(?:lalu|{YESTERDAY})\b"
    r"(?!\s+(?:(?:saya|sy|aku|udah|udh|sudah|sdh|dah)\s+)?(?:bilang|blg|ngomong|ngomongin|omong"
    r"|matur|lapor|ngabarin|ngabari|izin|ijin|pamit|minta|chat|wa)\b)"
)
# A day of the month in words: "empat", "lima belas", "dua puluh lima", "tiga puluh satu";
# after "tgl" ("tanggal empat", "tanggalnya empat") or before a month's name ("dua puluh
# lima desember").
_UNIT_WORDS = "|".join(NUMBER_WORDS)
_DAY_WORDS = (
    rf"(?:dua|tiga)\s+puluh(?:\s+(?:{_UNIT_WORDS}))?|sepuluh|sebelas"
    rf"|(?:{_UNIT_WORDS})\s+belas|{_UNIT_WORDS}"
)
# "salah tanggalnya tiga belas": the day named as the field's ("tanggalnya", "tglnya").
_TGL_SAID = rf"(?:{TGL}|(?:tanggalnya|tglnya|tanggale)\s+)"
DAY_IN_WORDS_RE = re.compile(
    rf"\b{_TGL_SAID}(?P<said>{_DAY_WORDS})\b|\b(?P<before>{_DAY_WORDS})(?=\s+{MONTH_RE})"
)
_NEXT_YEAR_RE = re.compile(rf"(\b(?:{MONTH_RE})\s+(?:tahun|taun)\s+)depan\b")
# "tanggal empat sampai enam": the last day of a range said in words after its first.
_RANGE_END_IN_WORDS_RE = re.compile(
    rf"\b{TGL}\d{{1,2}}\s*(?:-|–|s/d|sampai|sampe|smp|hingga)\s+(?P<said>{_DAY_WORDS})\b"
    r"(?!\s+(?:hari|hr|malam|mlm|jam|bus|bis|unit|orang|org|seat|juta|jt|ribu|rb|ratus|puluh"
    r"|belas))"
)


# "bukan tanggal 15 tapi enam belas", "tanggal 5 sama enam": the day put right after the one
# refused, or the next of a list, said in words.
_RIGHT_DAY_IN_WORDS_RE = re.compile(
    rf"\b(?:(?:bukan|bkn)\s+{TGL}\d{{1,2}}\s*,?\s*(?:tapi|tp|tpi)"
    rf"|{TGL}\d{{1,2}}\s*(?:,|sama|sm|dan|&))\s+(?P<said>{_DAY_WORDS})\b"
    # ("tgl 5 sama enam saya izin"; never "tgl 12 dan dua rombongan lain".)
    r"(?!\s+(?:rombongan|bus|bis|unit|orang|org|peserta|penumpang|pax|kali|lain|hari|malam"
    r"|minggu|bulan|jam)\b)"
    r"(?!\s+(?:hari|hr|malam|mlm|jam|bus|bis|unit|orang|org|seat|juta|jt|ribu|rb|ratus|puluh"
    r"|belas))"
)


# "agustus dua ribu dua puluh delapan", "tahun dua ribu dua puluh tujuh": a year in words
# after its month or "tahun".
_YEAR_IN_WORDS_RE = re.compile(
    rf"(\b(?:{MONTH_RE})\s+(?:(?:tahun|taun|thn)\s+)?|\b(?:tahun|taun|thn)\s+)"
    rf"(?P<said>dua\s+ribu(?:\s+(?:{_DAY_WORDS}))?)\b"
)


def _year_in_digits(m: re.Match[str]) -> str:
    said = m.group("said")
    year = 2000 + number_in_words(said[said.index("ribu") + 4 :])
    return m.group(1) + str(year).ljust(len(said))


def days_in_digits(lower: str) -> str:
    """The days of the month written in words, written in digits in their place (the same
    length, so every span found stays the text's): "tanggal dua puluh lima des" is read as
    "tanggal 25 des" is."""

    def digits(m: re.Match[str]) -> str:
        group = "said" if m.re is not DAY_IN_WORDS_RE or m.group("said") else "before"
        day = number_in_words(m.group(group))
        if not 1 <= day <= 31:
            return m.group()
        start, end = m.start(group) - m.start(), m.end(group) - m.start()
        # After "tanggal" the digits close the words' room ("tanggal      5"), so the day's
        # span, as found, covers every word it was said in; before a month they open it.
        said = str(day).rjust(end - start) if group == "said" else str(day).ljust(end - start)
        if m.re is _RIGHT_DAY_IN_WORDS_RE:
            said = str(day).ljust(end - start)  # ("tapi 16": the day right after its word)
        return m.group()[:start] + said + m.group()[end:]

    def both(m: re.Match[str]) -> str:
        said, other = number_in_words(m.group("said")), number_in_words(m.group("other"))
        if not (1 <= said <= 31 and 1 <= other <= 31) or not re.search(r"\b(?:tgl|tanggal)", lower):
            return m.group()
        cut = m.end("said") - m.start()
        return (
            str(said).ljust(cut)
            + m.group()[cut : m.start("other") - m.start()]
            + str(other).ljust(m.end("other") - m.start("other"))
        )

    lower = _YEAR_IN_WORDS_RE.sub(_year_in_digits, lower)
    lower = _RANGE_END_IN_WORDS_RE.sub(digits, DAY_IN_WORDS_RE.sub(digits, lower))
    # "tanggal pulangnya enam belas bukan lima belas": the right day, then the one refused.
    lower = _DAY_WORDS_REFUSED_RE.sub(both, lower)
    return _RIGHT_DAY_IN_WORDS_RE.sub(digits, lower)


_DAY_WORDS_REFUSED_RE = re.compile(
    rf"\b(?P<said>{_DAY_WORDS})\s+(?:bukan|bkn|bkan)\s+(?P<other>{_DAY_WORDS})\b"
    r"(?!\s+(?:hari|hr|malam|mlm|jam|bus|bis|unit|orang|org|seat|juta|jt|ribu|rb|ratus|puluh"
    r"|belas))"
)


MONTH_WORD_RE = re.compile(rf"\b(?:{MONTH_UNIT})\s+({MONTH_RE}){_YEAR}")
MONTH_ALONE_RE = re.compile(rf"\b({MONTH_RE}){_YEAR}")
# A month named right after these words is that whole month, as "bulan November"; each
# with what may stand between them and the month.
_WHOLE_MONTH_AFTER = (
    # Money made or spent: "omset november brp", "untung oktober"; the workshop's bill of
    # that month: "ongkos bengkel januari", "servis desember"; the report of that month:
    # "laporan bulanan desember", "rekap desember".
    (
        r"omset|omzet|pemasukan|pendapatan|masuk|untung\w*|laba\w*|rugi\w*|penghasilan"
        r"|income|profit\w*|biaya\w*|pengeluaran\w*|setoran\w*|ongkos\w*|bengkel|servis"
        r"|service|laporan\w*|rekap\w*",
        # "biaya bengkel bus 03 januari": the bus whose bill it is may stand between.
        r"(?:\w+\s+)?(?:(?:bus|bis)\s+\d{1,2}\s+)?(?:di\s+|selama\s+)?",
    ),
    # The trips asked: "jadwal desember", "booking desember apa aja".
    (
        r"jadwal|jadwalnya|jdwl|agenda|booking|bookingan|bookingnya|trip|tripnya|orderan"
        r"|order|pesanan|keberangkatan",
        # "jadwal sy desember": whose trips may stand between; "order sing budhal desember":
        # the ones leaving then.
        r"(?:(?:sy|saya|aku|aq|gw|gue|kita|kami)\s+)?"
        r"(?:(?:yg|yang|sing)\s+(?:berangkat|brangkat|brgkt|brkt|budhal|jalan)\s+)?"
        r"(?:di\s+|selama\s+|bulan\s+|bln\s+)?",
    ),
    # The holidays: "tgl merah desember kapan aja", "libur nasional januari".
    (r"merah|libur|liburnya|nasional|bersama", r"(?:di\s+)?"),
    # Papers running out: "kir yg habis januari", "sim sing mati februari" (never "abis
    # januari", after it).
    (
        r"(?:yg|yang|sing)\s+(?:mau\s+|bakal\s+|akan\s+)?(?:habis|abis|mati|kadaluarsa|expired)",
        r"(?:di\s+|pas\s+|bulan\s+|bln\s+)?",
    ),
)
_EARNED_AFTER_RE = re.compile(
    # ("desember udh dapet pemasukan brp": what came in that month, the "udh" and the noun
    # between.)
    r"\s+(?:(?:udh|udah|sudah|sdh|wis|wes)\s+)?(?:entuk|oleh|olih|dapet|dapat|dpt)\s+"
    r"(?:(?:pemasukan|duit|uang|omset|omzet)\s+)?(?:piro|pira|pinten|brp|berapa|brapa)\b"
    r"(?!\s+(?:trip|kali|x|rit|order|booking|bus|penumpang|orang|org))"
)
WHOLE_MONTH_AFTER_RE = re.compile(
    "|".join(rf"\b(?:{before})\s+{between}$" for before, between in _WHOLE_MONTH_AFTER)
)
# Money made or spent, and its report, are counted once they are: "rekap februari" said in
# March is this February's, never next year's (a month ahead is left to the assistant:
# "pemasukan desember" in November is "Desember belum berjalan").
# The trips of a month are ahead ("rekap jadwal februari").
_BEFORE, _BETWEEN = _WHOLE_MONTH_AFTER[0]
MONTH_GONE_AFTER_RE = re.compile(rf"\b(?:{_BEFORE})\s+{_BETWEEN}$")
_TRIPS, _TRIPS_BETWEEN = _WHOLE_MONTH_AFTER[1]
MONTH_TRIPS_AFTER_RE = re.compile(rf"\b(?:{_TRIPS})\s+{_TRIPS_BETWEEN}$")
# "desember ada brp trip": a month said first, then what it holds, is that whole month;
# so is a month that is the whole message ("kalo oktober?" after a month's figures).
# "desember udh ada booking apa aja": what it already holds, asked the same way.
MONTH_LEAD_RE = re.compile(
    rf"^\s*(?:(?:kalo|klo|kalau|kl|trus|terus|trs|lalu|lha|terus\s+kalo)\s+)?"
    # ("trus yg januari?" after the papers running out: the ones of that month.)
    rf"(?:(?:yg|yang|sing)\s+)?"
    # "desember bus 03 wis ana jadwal durung?": a bus asked of may stand after the month.
    rf"({MONTH_RE}){_YEAR}(?=\s+(?:(?:bus|bis)\s+\w+\s+)?(?:(?:udh|udah|sudah|sdh|dah|msh|masih|bakal|bakalan|bkl|akan"
    # Javanese "juli wis mlebu piro", "juli untung e piro".
    rf"|wis|wes|kira2|kira-kira|kayaknya|kyknya|kyk)\s+)?(?:(?:masuk|mlebu)\s+)?(?:ada|ana|onok"
    rf"|{HOW_MUCH}"
    # "januari rame ga": how busy that month is; "juli untungnya brp", "juli bus yg paling
    # laris": what it made.
    r"|rame|ramai|sepi|untung\w*|rugi\w*|laba\w*|omzet\w*|omset\w*|pemasukan\w*"
    r"|pendapatan\w*|pengeluaran\w*|bus\s+(?:yg|yang|sing)\s+paling)\b"
    r"|\s*(?:gmn|gimana|bagaimana)?\W*$)"
)
# "des ini sy narik kmn aja": a month named with "ini" is that month, as "bulan Desember"
# (never after an honorific: "pak agus ini", "bu juli ini": moves.without_named_people).
MONTH_THIS_RE = re.compile(rf"\b({MONTH_RE})\s+ini\b()")
# "oktober kmrn", "bulan agustus lalu": the month named, the last one gone by (its "kmrn" is
# no yesterday), whole.
MONTH_PAST_RE = re.compile(
    rf"\b(?:(?:{MONTH_UNIT})\s+)?({MONTH_RE})\s+(?:yg\s+|yang\s+)?(?:lalu|{YESTERDAY})\b"
)
# "dr januari smp mei", "bulan maret - juni 2027": from one whole month to another (a
# query's period). A day of the month before the first ("12 januari - mei") is no such span.
_MONTH_TO = r"\s*(?:-|–|s[/.]?d\.?|sampai|sampe|smp|hingga|sd)\s*"
# "maret smp skrg", "dari januari sampai hari ini": from the first of the month to today
# (this year's month when it has begun, else last year's; "maret 2025 smp skrg": that year's).
MONTH_TO_NOW_RE = re.compile(
    rf"(?<!\d )(?<!\d)\b(?:(?:{MONTH_UNIT})\s+)?({MONTH_RE})(?:\s+(\d{{4}}))?{_MONTH_TO}"
    r"(?:skrg|skrang|sekarang|saat\s+ini|hari\s+ini|hr\s+ini|kini)\b"
)
MONTH_SPAN_RE = re.compile(
    # "bengkel bus 03 januari-februari": a bus's number with its zero may come before.
    rf"(?:(?<![\d\s])|(?<=bus 0\d)|(?<=bis 0\d))(\s*)(?:(?:{MONTH_UNIT})\s+)?\b({MONTH_RE}){_YEAR}"
    rf"{_MONTH_TO}"
    rf"(?:(?:{MONTH_UNIT})\s+)?({MONTH_RE}){_YEAR}"
)
IN_RE = re.compile(
    rf"\b(\d{{1,3}}|{_COUNT})"
    rf"\s*({DAY_UNIT}|{WEEK_UNIT}|{MONTH_UNIT})"
    r"\s*(?:lagi|ke\s*depan|kedepan)\b"
)
# A trip pushed later or brought forward by a count of days or weeks, its new day not said:
# "diundur 2 hari", "mundur sehari", "dimajukan seminggu".
SHIFT_RE = re.compile(
    rf"\b(?:di)?(?:(undur|mundur)|maju)\w*\s+"
    # "undur trip bu ratna 2 hari", "maju trip bu dewi sehari": the trip named between the
    # move and its days (never "undur trip yg 2 hari itu", its length; nor "Toko Maju
    # booking 2 hari", a company's name).
    r"(?:(?:(?<=ndur\s)|(?<=ndurin\s)|(?<=ndurkan\s))"
    r"(?:trip|tripnya|booking|bookingnya|jadwal|jadwalnya|acara)(?:\s+(?!yg\b|yang\b)[a-z]+){0,3}\s+"
    r"|(?:(?<=maju\s)|(?<=majuin\s)|(?<=majukan\s))"
    r"(?:trip|tripnya|jadwal|jadwalnya)(?:\s+(?!yg\b|yang\b)[a-z]+){0,3}\s+)?"
    r"(?:(?:jadi|jd)\s+)?"
    rf"(\d{{1,2}}|{_COUNT})\s*({DAY_UNIT}|{WEEK_UNIT})\b"
)
# "dalam waktu dekat", "yg deket2 ini": soon, read as the coming week.
SOON_RE = re.compile(
    r"\b(?:(?:dalam\s+)?waktu\s+(?:dekat|deket)"
    r"|(?:yg\s+|yang\s+)?(?:dekat|deket)(?:2|-dekat|-deket)\s+(?:ini|iki))\b"
)
# The trips of a period asked: "jadwal seminggu ini", "trip 2 minggu ke depan apa aja".
_TRIPS_ASKED_RE = re.compile(r"\b(?:jadwal|jdwl|trip|booking|agenda|order|jalan|narik|bawa)\w*")
# A paper's end ("stnk abis 2 minggu ke depan"): its day, never a span.
_EXPIRY_WORD_RE = re.compile(
    r"\b(?:abis|habis|hbs|berlaku|expired|exp|mati|kir|stnk|sim|asuransi)\b"
)
# ("seminggu ini": the week too, never "seminggu lalu", a week ago.)
WEEK_RE = re.compile(
    rf"\b(?<!hari )(?:se(?=(?:{WEEK_UNIT})\s+(?:ini|iki)\b))?({WEEK_UNIT})\s+({_RELATIVE})\b"
    rf"(?!\s*(?:{WEEKDAY_RE}))"
)
# "smp akhir bulan": the month's last day (on that day itself, the next month's: a period
# up to it would be today alone); "akhir bulan depan": next month's.
END_OF_MONTH_RE = re.compile(
    rf"\b(?:akhir|ujung|penghujung)\s+(?:{MONTH_UNIT})(?:\s+(ini|{NEXT}))?\b"
)
END_OF_NAMED_MONTH_RE = re.compile(
    rf"\b(?:akhir|ujung)\s+(?:(?:{MONTH_UNIT})\s+)?({MONTH_RE}){_YEAR}\b"
)
# "dp nya awal bulan depan 4jt": the first days of a month (to the 10th), no day said.
START_OF_MONTH_RE = re.compile(rf"\b(?:awal|awal2)\s+(?:{MONTH_UNIT})(?:\s+(ini|{NEXT}))?\b")
MONTH_REL_RE = re.compile(rf"\b(?:{MONTH_UNIT})\s+({_RELATIVE})\b")
# "th 2026", "tahun ini", "thn lalu": a whole year, a query's period ("th 2026 bus mana yg
# paling laku"). Never the year of a date just said ("20 des tahun 2026"), nor years
# counted ("2 tahun ini"); a bus's number before it counts nothing ("bus 04 taun ini").
_BUS_NUMBER_BEFORE = "|".join(
    rf"(?<=\b{bus}\s{digits}\s)" for bus in ("bus", "bis") for digits in (r"\d", r"\d\d")
)
YEAR_RE = re.compile(
    rf"(?:{_BUS_NUMBER_BEFORE}|(?<!\d\s)(?<!\d))\b(?:{_YEAR_WORD})\s+"
    rf"(?:(20[2-9]\d)\b|({_RELATIVE})\b)"
)
# "bus paling laris 2026?", "omset 2026 brp": a year said bare right after money made or
# spent, its report, or the best bus, is that whole year as "th 2026" is.
BARE_YEAR_RE = re.compile(
    rf"\b(?:{_WHOLE_MONTH_AFTER[0][0]}|laris|laku|produktif|menghasilkan|cuan)\s+"
    r"(?:[a-z]+\s+)?(20[2-9]\d)\b(?![\d.,/-])"
)
WORD_RE = re.compile(rf"\b({TODAY}|{AFTER_TOMORROW}|{TOMORROW}|{YESTERDAY})\b")
EVE_RE = re.compile(
    rf"\b(?:malam|malem|mlm)\s+({WEEKDAY_RE})(?:\s+(?:ini|{NEXT}|{TOMORROW}|nanti)\b)?"
)
# "sabtu depan ..., trs sabtu berikutnya": the same day of the week after the one just said.
_FOLLOWING = r"berikutnya|brikutnya|selanjutnya|slanjutnya|stlhnya|setelahnya"
WEEKDAY_FULL_RE = re.compile(
    rf"\b(?:(?:{WEEK_UNIT})\s+(?:{NEXT})\s+)?(?:(?:{DAY_UNIT})\s+)?({WEEKDAY_RE})"
    rf"(?:\s+({NEXT}|ini|{TOMORROW}|nanti|lalu|{YESTERDAY}|{_FOLLOWING})\b)?"
)


def _is_yesterday(word: str | None) -> bool:
    return word is not None and re.fullmatch(YESTERDAY, word) is not None


def _is_next(word: str | None) -> bool:
    return word is not None and re.fullmatch(NEXT, word) is not None


def _from_this(word: str) -> int:
    """How far from this week, month or year a relative word says: "depan" 1, "ini" 0,
    "lalu" and "kemarin" -1."""
    return 1 if _is_next(word) else 0 if word == "ini" else -1


def _month_of(today: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The whole month `months` on from today's (1: the next one, -1: the last one)."""
    day = add_months(today.replace(day=1), months)
    return month_range(day.year, day.month)


def _count(word: str) -> int:
    """A count said in digits or in words: "2", "dua", "se"."""
    return int(word) if word.isdigit() else SMALL_NUMBERS[word]


def _days(count: int, unit: str) -> int:
    """A count of days, or of weeks, in days."""
    return count * 7 if re.fullmatch(WEEK_UNIT, unit) else count


# "jadwal minggu iki piye": Javanese "iki" (this) after a week, month or year is "ini" (the
# same length, so every span found stays the text's).
_JAVANESE_THIS_RE = re.compile(rf"\b({WEEK_UNIT}|{MONTH_UNIT}|{_YEAR_WORD})\s+(iki)\b")


def _javanese_this(lower: str) -> str:
    return _JAVANESE_THIS_RE.sub(lambda m: m.group()[: m.start(2) - m.start()] + "ini", lower)


_WEEK_OF_FEAST_RE = re.compile(r"\s+(?:natal|lebaran|paskah|(?:tahun|taun|thn)\s+baru)\b")


def _weekday_is_week(lower: str, m: re.Match[str]) -> bool:
    """The word "minggu" is Sunday or a week: "minggu depan" / "minggu ini" are weeks unless
    "hari" comes first."""
    word = m.group(1)
    if word not in ("minggu",):
        return False
    if re.match(r"(?:hari|hr)\s", lower[m.start() : m.start(1)]):
        return False
    if m.group(2) in ("ini", "lalu") or _is_next(m.group(2)) or _is_yesterday(m.group(2)):
        return True
    if _WEEK_OF_FEAST_RE.match(lower, m.end(1)):
        return True  # "minggu natal": the week around Christmas, no Sunday
    # "2 minggu", "seminggu": a count of weeks, not a day.
    before = lower[max(0, m.start(1) - 4) : m.start(1)]
    return bool(re.search(r"(\d|se)\s*$", before))


# Days named by the feast that falls on them, every year on the same date: "malam tahun
# baru" (31 Dec), "tahun baru" (1 Jan), "malam natal" (24 Dec), "natal" (25 Dec). The
# next one from today, or the last one gone by when said so ("natal kemarin"); Lebaran,
# Imlek and the other moving feasts are not read as a day.
_TAHUN = r"(?:tahun|taun|thn)"
_NIGHT = r"(?:malam|malem|mlm)"
FEAST_DAY_RE = re.compile(
    # ("minggu natal": the week around it, no day: _WEEK_OF_FEAST_RE.)
    r"(?<!minggu\s)"
    rf"(?:\b(?P<eve_year>{_NIGHT}\s+{_TAHUN}\s+baru)|\b(?P<year>{_TAHUN}\s+baru)"
    rf"|\b(?P<eve_xmas>{_NIGHT}\s+natal)|\b(?P<xmas>natal))\b"
    # "natal kemarin", "tahun baru lalu": the last one, gone by.
    r"(?P<past>\s+(?:kemarin|kmrn|kemaren|kmaren|lalu|kmarin)\b)?"
    # "tahun baru imlek / islam": a moving feast.
    rf"(?!\s+(?:ini|{MONTH_RE}|imlek|islam|hijriah|hijriyah|cina|china|saka)\b)"
)
_FEAST_AS_DAY_RE = re.compile(
    r"\b(?:pas|saat|waktu|wkt|hari|hr|tanggal|tgl|menjelang|jelang|sebelum|sblm|sesudah"
    r"|setelah|stlh|abis|habis)\s+$"
)
# Before a feast, within a few words: a greeting ("selamat natal"), the season ("liburan
# natal dan tahun baru"), the event ("acara natal gereja", "perayaan natal"), or a place
# ("ke natal", Mandailing Natal).
_FEAST_NOT_A_DAY_RE = re.compile(
    r"\b(?:selamat|slamat|slmt|met|sugeng|happy|libur|liburan|musim|acara|perayaan|ibadah"
    r"|misa|kebaktian|ke|di|dari|dr|mandailing"
    # "bonus sopir natal", "parsel natal": a gift of the season, no day.
    r"|bonus|thr|parsel|parcel|hadiah|kado)\b(?:\s+\w+){0,3}\s+$"
)
_FEAST_DAYS = {"eve_year": (12, 31), "year": (1, 1), "eve_xmas": (12, 24), "xmas": (12, 25)}


_AFTER_FEAST_RE = re.compile(r"\b(?:abis|habis|sesudah|setelah|stlh|sehabis|bar|bakda)\s+$")


def _after_feast(feast: DateMention, lower: str) -> DateMention:
    """ "tunggu abis natal aja": the day after the feast, the first one it is past."""
    if not _AFTER_FEAST_RE.search(lower[max(0, feast.start - 12) : feast.start]):
        return feast
    return DateMention(feast.start, feast.end, add_days(feast.date, 1))


def _feast_day(m: re.Match[str], today: dt.date) -> dt.date:
    month, day = _FEAST_DAYS[next(k for k in _FEAST_DAYS if m.group(k))]
    this_year = dt.date(today.year, month, day)
    if m.group("past"):
        return this_year if this_year <= today else dt.date(today.year - 1, month, day)
    return this_year if this_year >= today else dt.date(today.year + 1, month, day)


# ("hari minggunya pulang": the way back, left to the return mark; "minggu depan hari
# rabunya": that week's day, not read so.)
_DAY_WITH_NYA_RE = re.compile(
    rf"(\b(?:{DAY_UNIT})\s+(?:{'|'.join(WEEKDAYS)}))(nya|ne)\b(?!\s+(?:pulang|plg|balik))"
)


# "kalo sabtu 12?", "jumat 11 sm sabtu 12": a weekday with its day of the month.
_WEEKDAY_NUMBERED_RE = re.compile(
    rf"\b({WEEKDAY_RE})\s+(\d{{1,2}})\b(?![.,:/]\d|\s*(?:jt|juta|rb|ribu|k|orang|org|unit|jam"
    r"|seat|pax|hari|hr)\b|\s*(?:bus|bis)\b(?!\s*\d))"
)


def _numbered_day(m: re.Match[str], today: dt.date) -> str:
    """ "sabtu 12" written as "tgl   12" (the same length), when the 12th coming is that
    weekday: the day of the month, not the next Saturday."""
    day = resolve_day(int(m.group(2)), today)
    if day is None or day.weekday() != WEEKDAYS[m.group(1)]:
        return m.group()
    return "tgl".ljust(len(m.group(1))) + m.group()[len(m.group(1)) :]


# "kamis-jumat 17-18 des": the weekdays of the days of the month that follow them.
_WEEKDAYS_OF_DAYS_RE = re.compile(
    rf"\b({WEEKDAY_RE})\s*(?:-|–|s/?d|sampai|sampe|smp)\s*({WEEKDAY_RE})\s+"
    r"(?=(?:tgl|tanggal)?\s*(\d{1,2})\s*(?:-|–|s/?d|sampai|sampe|smp)\s*\d{1,2}\b"
    # (never hours: "kamis-jumat 3-5 sore")
    r"(?!\s*(?:sore|pagi|siang|malam|malem|mlm|wib|an)\b))"
)


def _weekdays_of_days(m: re.Match[str], today: dt.date) -> str:
    """ "kamis-jumat 17-18" written as "tgl        17-18" (the same length) when the 17th
    coming is a Thursday: the days of the month say the same days, and the weekdays are
    not a range of their own."""
    day = resolve_day(int(m.group(3)), today)
    if day is None or day.weekday() != WEEKDAYS[m.group(1)]:
        return m.group()
    return "tgl".ljust(len(m.group()))


_COMING_DAY_RE = re.compile(
    r"\b(?:besok|bsk|besuk|sesuk|benjing|mbenjang)\s+(?=(?:tgl|tanggal)\s*0?(?P<day>\d{1,2})\b)"
)


def find_dates(lower: str, today: dt.date) -> list[DateMention]:
    """Every date the (lower-cased) text names, in text order."""
    found: list[DateMention] = []
    work = _javanese_this(without_named_people(days_in_digits(lower)))
    # "20 desember tahun depan": the year after this one, as if written.
    work = _NEXT_YEAR_RE.sub(lambda m: m.group(1) + str(today.year + 1) + " ", work)
    # "bukan sabtu pak, hari minggunya": the day of the week with its "nya", read as the day
    # (blanked, so every place keeps its position).
    if not re.search(r"\b(?:minggu|pekan)\s+(?:depan|dpn|lalu|kemarin|ini)\b", work):
        work = _DAY_WITH_NYA_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), work)
    work = _WEEKDAYS_OF_DAYS_RE.sub(lambda m: _weekdays_of_days(m, today), work)
    work = _WEEKDAY_NUMBERED_RE.sub(lambda m: _numbered_day(m, today), work)
    # "besok tgl 12" said on the 9th: the coming 12th, its "besok" no day of its own.
    # (When it is tomorrow all the same, both stay: "besok tgl 10 ..." said on the 9th.)
    tomorrow = str((today + dt.timedelta(days=1)).day)
    work = _COMING_DAY_RE.sub(
        lambda m: m.group() if m["day"] == tomorrow else " " * len(m.group()), work
    )

    def take(m: re.Match[str], mention: DateMention | None) -> None:
        nonlocal work
        if mention is not None:
            found.append(mention)
        work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]

    feasts = []
    for m in FEAST_DAY_RE.finditer(work):
        feasts.append(DateMention(m.start(), m.end(), _feast_day(m, today)))
        take(m, None)  # kept aside: whether it is a day is known once the rest is read
    for m in RANGE_2DM_RE.finditer(work):
        y = m.group(5)
        d1 = _dm(int(m.group(1)), MONTHS[m.group(2)], y, today)
        d2 = _dm(int(m.group(3)), MONTHS[m.group(4)], y, today)
        if d1 and d2 and d2 >= d1:
            take(m, DateMention(m.start(), m.end(), d1, d2, True))
    for pattern in (RANGE_DM_RE, RANGE_AFTER_COUNT_RE, RANGE_TGL_PAIR_RE):
        for m in pattern.finditer(work):
            month = MONTHS[m.group(3)]
            d2 = _dm(int(m.group(2)), month, m.group(4), today)
            d1 = safe_date(d2.year, month, int(m.group(1))) if d2 else None
            if d1 and d2 and _two_days(m, d1, d2):
                found.append(DateMention(m.start(), m.end(1), d1, None, True))
                take(m, DateMention(m.start(2), m.end(), d2, None, True))
            elif d1 and d2 and d2 >= d1:
                take(m, DateMention(m.start(), m.end(), d1, d2, True))
    for m in MONTH_TO_NOW_RE.finditer(work):
        month = MONTHS[m.group(1)]
        since = int(m.group(2)) if m.group(2) else today.year - (month > today.month)
        first = dt.date(since, month, 1)
        take(m, DateMention(m.start(), m.end(), first, today, False, vague=True))
    for m in MONTH_SPAN_RE.finditer(work):
        m1, m2 = MONTHS[m.group(2)], MONTHS[m.group(4)]
        y2 = int(m.group(5)) if m.group(5) else None
        y1 = int(m.group(3)) if m.group(3) else (y2 or today.year) - (1 if y2 and m1 > m2 else 0)
        first = month_range(y1, m1)[0]
        last = month_range(y2 or (y1 if m2 >= m1 else y1 + 1), m2)[1]
        if last > first:
            start = m.start() + len(m.group(1))
            work = work[:start] + " " * (m.end() - start) + work[m.end() :]
            found.append(DateMention(start, m.end(), first, last, False, vague=True))
    for m in DAY_MONTH_RE.finditer(work):
        d = _dm(int(m.group(1)), MONTHS[m.group(2)], m.group(3), today)
        # "tgl 31 nov" is no day at all, never the 31st of another month.
        bare = m.group(3) is None
        take(m, DateMention(m.start(), m.end(), d, None, True, no_year=bare) if d else None)
    for m in NUMERIC_RE.finditer(work):
        if m.group(1):
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        else:
            day, month, year = int(m.group(4)), int(m.group(5)), m.group(6)
        if 1 <= month <= 12:
            d = _dm(day, month, year, today)
            if d:
                take(m, DateMention(m.start(), m.end(), d, None, True))
    for m in MONTH_PAST_RE.finditer(work):
        if m.group(1) == "agus" and not m.group(0).startswith("bulan"):
            continue  # "agus kmrn udh jalan 3 hari": Agus, a person (August is "bulan agus")
        month = MONTHS[m.group(1)]
        year = today.year if month < today.month else today.year - 1
        first, last = month_range(year, month)
        take(m, DateMention(m.start(), m.end(), first, last, False, vague=True))
    # ("bus 02 november entuk piro?": the month, then what it brought in asked.)
    earned_month = [
        m for m in MONTH_ALONE_RE.finditer(work) if _EARNED_AFTER_RE.match(work, m.end())
    ]
    money_month = [
        m for m in MONTH_ALONE_RE.finditer(work) if WHOLE_MONTH_AFTER_RE.search(work[: m.start()])
    ] + [m for m in earned_month if not WHOLE_MONTH_AFTER_RE.search(work[: m.start()])]
    months = [*MONTH_WORD_RE.finditer(work), *MONTH_THIS_RE.finditer(work), *money_month]
    for m in [*months, *MONTH_LEAD_RE.finditer(work)]:
        month = MONTHS[m.group(1)]
        if m.group(2):
            first, last = month_range(int(m.group(2)), month)
        else:
            first, last = month_range(today.year, month)
            before = work[: m.start()]
            gone = MONTH_GONE_AFTER_RE.search(before) and not MONTH_TRIPS_AFTER_RE.search(before)
            gone = gone or any(m.start() == e.start() for e in earned_month)
            if last < today and not (m in money_month and gone):
                first, last = month_range(today.year + 1, month)
        take(m, DateMention(m.start(), m.end(), first, last, False, vague=True))
    for m in DAY_PAST_RE.finditer(work):
        d = resolve_day_back(int(m.group(1)), today)
        if d:
            take(m, DateMention(m.start(), m.end(), d, None, True))
    for m in DAY_RANGE_RE.finditer(work):
        d1 = resolve_day(int(m.group(1)), today)
        d2 = resolve_day(int(m.group(2)), d1) if d1 else None
        if d1 and d2 and _two_days(m, d1, d2):
            found.append(DateMention(m.start(), m.end(1), d1, None, False, day_only=True))
            take(m, DateMention(m.start(2), m.end(), d2, None, False, day_only=True))
        elif d1 and d2:
            take(m, DateMention(m.start(), m.end(), d1, d2, False))
    for m in DAY_PAIR_RE.finditer(work):
        d1 = resolve_day(int(m.group(1)), today)
        d2 = resolve_day(int(m.group(2)), d1) if d1 else None
        if d1 and d2 and 0 < (d2 - d1).days <= 6:
            take(m, DateMention(m.start(), m.end(), d1, d2, False))
    for m in DAY_ONLY_RE.finditer(work):
        d = resolve_day(int(m.group(1)), today)
        if d:
            take(m, DateMention(m.start(), m.end(), d, None, False, day_only=True))
    for m in IN_RE.finditer(work):
        n, unit = _count(m.group(1)), m.group(2)
        # "3 bulan lagi" is the same day three calendar months on (the month's end if short).
        when = (
            add_months(today, n)
            if re.fullmatch(MONTH_UNIT, unit)
            else add_days(today, _days(n, unit))
        )
        if (
            "depan" in m.group(0)
            and _TRIPS_ASKED_RE.search(lower)
            and not _EXPIRY_WORD_RE.search(lower)
        ):
            # "jadwal seminggu ke depan", "trip 2 minggu kedepan": the days from today until
            # then, a span ("seminggu lagi", "kir abis sebulan kedepan" are the one day).
            take(m, DateMention(m.start(), m.end(), today, add_days(when, -1), vague=True))
            continue
        take(m, DateMention(m.start(), m.end(), when, None, False))
    for m in END_OF_NAMED_MONTH_RE.finditer(work):
        # "akhir des 2027 aja": that month's last day (a day to write down, as "31 des 2027").
        month = MONTHS[m.group(1)]
        year = _year(m.group(2), today.year) if m.group(2) else None
        if year is None:
            year = today.year if month >= today.month else today.year + 1
        take(m, DateMention(m.start(), m.end(), month_range(year, month)[1], None, True))
    for m in END_OF_MONTH_RE.finditer(work):
        last = _month_of(today, 0)[1]
        if _is_next(m.group(1)) or (m.group(1) is None and last == today):
            last = _month_of(today, 1)[1]
        take(m, DateMention(m.start(), m.end(), last, None, False))
    for m in START_OF_MONTH_RE.finditer(work):
        first = _month_of(today, 0)[0]
        if _is_next(m.group(1)) or (m.group(1) is None and today.day > 10):
            first = _month_of(today, 1)[0]
        tenth = first.replace(day=10)
        take(m, DateMention(m.start(), m.end(), first, tenth, False, vague=True))
    for m in MONTH_REL_RE.finditer(work):
        # "bulan depan", "bulan lalu", "bulan ini": like "bulan Juli", the whole month.
        first, last = _month_of(today, _from_this(m.group(1)))
        take(m, DateMention(m.start(), m.end(), first, last, False, vague=True))
    for m in YEAR_RE.finditer(work):
        if re.search(rf"{MONTH_RE}\s*$", work[: m.start()]):
            continue  # "20 des tahun 2026": that date's year, no period
        year = int(m.group(1)) if m.group(1) else today.year + _from_this(m.group(2))
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        take(m, DateMention(m.start(), m.end(), first, last, False, vague=True))
    for m in BARE_YEAR_RE.finditer(work):
        year = int(m.group(1))
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        found.append(DateMention(m.start(1), m.end(1), first, last, False, vague=True))
        work = work[: m.start(1)] + " " * (m.end(1) - m.start(1)) + work[m.end(1) :]
    for m in EVE_RE.finditer(work):
        # "malam minggu" is Saturday evening: the eve of the named day.
        eve = (WEEKDAYS[m.group(1)] - 1) % 7
        ahead = (eve - today.weekday()) % 7
        take(m, DateMention(m.start(), m.end(), add_days(today, ahead)))
    for m in WEEKDAY_FULL_RE.finditer(work):
        if _weekday_is_week(work, m):
            continue
        # "Sabtu 14/3": the full date that follows already says which day.
        if any(0 <= f.start - m.end() <= 2 for f in found):
            take(m, None)
            continue
        weekday = WEEKDAYS[m.group(1)]
        if m.group(2) == "lalu" or _is_yesterday(m.group(2)):
            # "Senin kemarin" names one past day as surely as "kemarin" does: it may date a
            # payment. Said on a Monday it is a week ago, never today.
            d = previous_weekday(today, weekday)
            take(m, DateMention(m.start(), m.end(), d, None, True))
            continue
        d = next_weekday(today, weekday)
        if m.group(2) and re.fullmatch(_FOLLOWING, m.group(2)):
            said = [f.date for f in found if f.start < m.start() and f.date.weekday() == weekday]
            d = add_days(max(said), 7) if said else d
        take(m, DateMention(m.start(), m.end(), d, None, False))
    for m in WEEK_RE.finditer(work):
        if m.group(0).startswith("se") and (
            not _TRIPS_ASKED_RE.search(lower) or _EXPIRY_WORD_RE.search(lower)
        ):
            continue  # ("sim joko abis seminggu ini": within the week, no week asked)
        # Before the day words: "minggu kemarin" is last week, not yesterday.
        monday = add_days(today, 7 * _from_this(m.group(2)) - today.weekday())
        take(m, DateMention(m.start(), m.end(), monday, add_days(monday, 6), vague=True))
    for m in SOON_RE.finditer(work):
        # "trip yg deket2 ini apa aja?": the coming seven days, today first.
        take(m, DateMention(m.start(), m.end(), today, add_days(today, 6), vague=True))
    for m in WORD_RE.finditer(work):
        word = re.sub(r"\s+", " ", m.group(1))
        if re.fullmatch(TODAY, word):
            days, explicit = 0, True
        elif re.fullmatch(AFTER_TOMORROW, word):
            days, explicit = 2, False
        elif re.fullmatch(TOMORROW, word):
            days, explicit = 1, False
        else:
            days, explicit = -1, True
        take(
            m, DateMention(m.start(), m.end(), add_days(today, days), None, explicit, relative=True)
        )
    if not any(f.vague for f in found):
        # "natal sama tahun baru pasti rame, tanggal merah desember apa aja": beside a whole
        # month or week the feasts are talk; the period is what is asked. Beside another
        # day, a feast is a day only when said as one ("pas tahun baru ..., pulang tgl 3"),
        # never what the trip is for ("booking natal GKJ tgl 26 des").
        # "selamat natal", "sugeng warsa enggal": a greeting; "libur natal": the season.
        named = [
            f
            for f in feasts
            if not _FEAST_NOT_A_DAY_RE.search(lower[max(0, f.start - 40) : f.start])
        ]
        found += [
            _after_feast(f, lower)
            for f in named
            if not found or _FEAST_AS_DAY_RE.search(lower[: f.start])
        ]
    for told in [f for f in found if f.end_date is None and not f.vague]:
        refused = REFUSED_BARE_DAY_RE.match(work, told.end)
        if refused is None or not 1 <= (day := int(refused.group(1))) <= 31:
            continue
        if _RETURN_BEFORE_RE.search(lower, 0, told.start) or _NOT_TRIP_DAY_RE.search(
            lower[max(0, told.start - 40) : told.start]
        ):
            # "pulang 27 juni, bukan 26", "pelunasan karang taruna tgl 11, bukan 12", "pkk
            # jemput jam 5 besok, bukan 6": no trip's day refused.
            continue
        # "jadinya tgl 13, bukan 12", "harusnya 11 des bukan 10": the day refused, in the
        # month of the day said.
        with contextlib.suppress(ValueError):
            other = told.date.replace(day=day)
            found.append(DateMention(*refused.span(1), other, None, False, day_only=True))
    found.sort(key=lambda f: f.start)
    found = _day_in_month(lower, found)
    return _month_end_restated(lower, _weekday_restated(lower, _beside_named_day(lower, found)))


# What joins a day moved or refused to the day it is said beside: "tgl 3 agustus bukan tgl
# 2", "tgl 2 agustus diundur tgl 3", "30 nov jadi tgl 2".
_DAY_CHANGED_RE = re.compile(
    r"\b(?:bukan|bkn|dudu|udu|jadi|jd|diundur|dimundurin|mundur|dimajukan|dimajuin|maju|ganti"
    r"|diganti|pindah|dipindah)\b"
)


def _two_days(m: re.Match[str], first: dt.date, second: dt.date) -> bool:
    """ "tgl 2 dan tgl 9 september": two days joined by "and", apart, each said with its own
    "tgl": two days, never the week between them ("tgl 24 sm 25" stays the trip's days)."""
    joiner = m.string[m.end(1) : m.start(2)]
    return (
        re.search(rf"\b(?:{AND})\b|&", joiner) is not None
        and re.search(TGL, joiner) is not None
        and (second - first).days > 1
    )


def _beside_named_day(lower: str, found: list[DateMention]) -> list[DateMention]:
    """A bare day said as the other side of a change of a day named with its month ("tgl 3
    agustus bukan tgl 2", "tgl 2 agustus diundur tgl 3") is that day nearest the named one
    (the 2nd of August; after "30 nov jadi tgl 2", the 2nd of December), never the next 2nd
    from today."""
    named = [
        f for f in found if f.explicit and not (f.day_only or f.vague or f.relative or f.end_date)
    ]
    if len(named) != 1:
        return found
    [day] = named
    out = []
    for f in found:
        gap = lower[min(f.end, day.end) : max(f.start, day.start)]
        if (
            not f.day_only
            or f.end_date is not None
            or len(gap) > 40
            or re.search(r"[.,\n;]", gap)
            or not _DAY_CHANGED_RE.search(gap)
        ):
            out.append(f)
            continue
        months = (add_months(day.date.replace(day=1), n) for n in (-1, 0, 1))
        near = [d for m in months if (d := safe_date(m.year, m.month, f.date.day)) is not None]
        nearest = min(near, key=lambda d: abs((d - day.date).days), default=f.date)
        out.append(replace(f, date=nearest))
    return out


def _day_in_month(lower: str, found: list[DateMention]) -> list[DateMention]:
    """ "tgl 10 bulan depan", "bulan depan, tgl 10": a day said beside a month said from
    this one is that day of that month (on the 5th, "tgl 10 bulan depan" is next month's
    10th, never this month's); one mention of the two."""
    kept = list(found)
    for a, b in itertools.pairwise(found):
        day, month = (a, b) if a.day_only else (b, a)
        whole = month.end_date is not None and (month.date.day, month.end_date) == (
            1,
            month_range(month.date.year, month.date.month)[1],
        )
        if not (day.day_only and whole and MONTH_REL_RE.fullmatch(lower, month.start, month.end)):
            continue
        # ("tgl 20, bulan depan baru sy perpanjang": a comma after the day ends its phrase;
        # "bulan depan, tgl 10" names the day of the month just said.)
        gap = r"[\s,]*" if a is month else r"\s*"
        if not re.fullmatch(gap, lower[a.end : b.start]) or a not in kept:
            continue
        with contextlib.suppress(ValueError):
            said = month.date.replace(day=day.date.day)
            kept[kept.index(a)] = DateMention(a.start, b.end, said, None, False)
            kept.remove(b)
    return kept


def _month_end_restated(lower: str, found: list[DateMention]) -> list[DateMention]:
    """ "akhir bulan ini ada bus kosong? tgl 30-31": the month's end said, then the days of
    it meant, up to its last; those days, not the last day alone (a day of its own said
    later, "servis tgl 28", "selain tgl 30", is another day)."""
    ends = [f for f in found if END_OF_MONTH_RE.fullmatch(lower, f.start, f.end)]
    for end in ends:
        named = [
            f
            for f in found
            if f.start > end.end
            and not f.vague
            and f.end_date == end.date
            and f.date.month == end.date.month
        ]
        if named:
            found = [f for f in found if f is not end]
    return found


_RESTATED_GAP_RE = re.compile(
    r"(?:\s*(?:depan|depannya|depane|dpn|ngarep|ngarepe|berikutnya|brikutnya|besok|besoknya))?"
    r"[\s,]*(?:yaitu|yaiku|yakni|tgl|tanggal)?\s*"
)


def _weekday_restated(lower: str, found: list[DateMention]) -> list[DateMention]:
    """ "mundur sabtu depannya, 19 des": the weekday said, then the date that is that
    weekday; one day, the date's ("sabtu" alone would be the coming Saturday)."""
    kept = list(found)
    for a, b in itertools.pairwise(found):
        said = re.fullmatch(
            rf"(?:hari\s+)?({'|'.join(WEEKDAYS)})\w*(?:\s+\w+)?", lower[a.start : a.end]
        )
        if (
            said is not None
            and _RESTATED_GAP_RE.fullmatch(lower, a.end, b.start)
            and b.end_date is None
            and b.date != a.date
            and b.date.weekday() == WEEKDAYS[said.group(1)]
            and a in kept
        ):
            # One mention of the whole, where the weekday was said (what marks it, before).
            kept[kept.index(b)] = replace(b, start=a.start)
            kept.remove(a)
    return kept


def shift_days(lower: str) -> int | None:
    """How many days a trip is pushed later (or, negative, brought forward), when said as a
    count ("diundur 2 hari", "dimajukan sehari"), else None."""
    m = SHIFT_RE.search(lower)
    if m is None:
        return None
    days = _days(_count(m.group(2)), m.group(3))
    return days if m.group(1) else -days


# "mundur sehari lagi", "diundur 2 hari lg": a further shift, from the day last proposed.
_FURTHER_RE = re.compile(r"\s*(?:lagi|lg)\b")


def further_shift(lower: str) -> tuple[int, int, int] | None:
    """(days, start, end) of a shift said to go further ("mundur sehari lagi": 1, "maju 2
    hari lg": -2), with where it is said; None when no shift says "lagi"."""
    m = SHIFT_RE.search(lower)
    if m is None or (further := _FURTHER_RE.match(lower, m.end())) is None:
        return None
    days = shift_days(lower)
    assert days is not None
    return days, m.start(), further.end()


def _dm(day: int, month: int, year: str | None, today: dt.date) -> dt.date | None:
    if year:
        return safe_date(_year(year, today.year), month, day)
    return resolve_day_month(day, month, today)


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """The first date in `text`, or None: the convenience entry point for one phrase."""
    found = find_dates(text.lower(), today)
    return found[0].date if found else None
