"""Indonesian wording shared by replies, alerts and documents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_date(day: date, *, weekday: bool = False) -> str:
    """15 Maret 2026, or Minggu, 15 Maret 2026."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


def format_days(start: date, end: date) -> str:
    """15 Maret 2026, or 15–17 Maret 2026 for a multi-day trip."""
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{format_date(start)} – {format_date(end)}"


SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def format_km(km: int) -> str:
    """120.500 km, with the dots people use."""
    return f"{km:,}".replace(",", ".") + " km"


def format_time(moment: time) -> str:
    """07.00: Indonesian writes the hour and minutes with a dot."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def local_phone(e164: str) -> str:
    """+6281200000002 -> 0812-0000-0002, as people in Indonesia write a mobile number."""
    if not e164.startswith("+62"):
        return e164
    digits = "0" + e164[3:]
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def short_range(start: date, end: date) -> str:
    """23–29 Nov, or 30 Nov–6 Des."""
    if start.month == end.month:
        return f"{start.day}–{end.day} {SHORT_MONTHS[end.month - 1]}"
    return f"{start.day} {SHORT_MONTHS[start.month - 1]}–{end.day} {SHORT_MONTHS[end.month - 1]}"


def day_label(day: date, today: date) -> str:
    """ "Jumat, 4 Des": the weekday lets the person check how "sabtu depan" was read; the
    year is shown only when it is not the current one."""
    text = f"{DAYS[day.weekday()]}, {day.day} {SHORT_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def days_label(start: date, end: date, today: date) -> str:
    """ "Jumat, 4 Des", or "Jumat, 4 – Minggu, 6 Des" for a trip of several days."""
    if start == end:
        return day_label(start, today)
    first = f"{DAYS[start.weekday()]}, {start.day}"
    if (start.year, start.month) != (end.year, end.month):
        first = day_label(start, today)
    return f"{first} – {day_label(end, today)}"


def period_label(start: date, end: date, today: date) -> str:
    """ "1–30 Nov", "23 Nov–6 Des": a stretch of days counted over (money in a month), where
    the weekdays would only get in the way; one day is a day_label, the year as there."""
    if start == end:
        return day_label(start, today)
    text = short_range(start, end)
    return text if start.year == end.year == today.year else f"{text} {end.year}"


# Written in capitals when a name is typed all in lower case ("sd n 1", "pt sinar abadi").
ACRONYMS = frozenset(
    {
        "pt", "cv", "ud", "tk", "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn",
        "mi", "mts", "mtsn", "paud", "pkk", "rt", "rw", "rs", "rsud", "uin", "ugm", "uny",
        "uii", "umy", "kua", "pdam", "pln", "osis", "bumn", "bumdes", "tpa", "tpq", "pgri",
        "nu", "dprd", "kpu", "bpjs", "ipnu", "ippnu", "pmr", "ykp",
    }
)  # fmt: skip


def names_joined(names: Iterable[str]) -> str:
    """ "Pak Budi", "Pak Budi dan Sari", "Pak Budi, Sari dan Dina": people named in a sentence."""
    said = [n for n in names if n]
    if len(said) <= 2:
        return " dan ".join(said)
    return ", ".join(said[:-1]) + " dan " + said[-1]


def as_written(name: str) -> str:
    """A name or place typed all in lower case, as it is written on paper: "bu lilis" ->
    "Bu Lilis", "sd muhammadiyah kotagede" -> "SD Muhammadiyah Kotagede". A text with any
    capital in it is kept as the person wrote it ("dr. Rina", "PT KAI")."""
    if name != name.lower():
        return name

    def word(match: re.Match[str]) -> str:
        w = match.group()
        if w in ACRONYMS:
            return w.upper()
        # Only letters that stay one letter: the text keeps its length ("ß" is left).
        first = w[0].upper()
        return (first if len(first) == 1 else w[0]) + w[1:]

    return re.sub(r"[^\W\d_]+", word, name)
