"""Indonesian wording shared by replies, alerts and documents."""

from __future__ import annotations

from datetime import date

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
