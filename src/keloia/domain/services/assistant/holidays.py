"""The public holidays of a period, asked by chat ("ada tanggal merah bulan ini?",
"minggu dpn ada libur ga", "libur januari ada apa aja"), the school break ("libur sekolah
kapan") and Idul Fitri ("tahun depan lebaran tgl brp"): the days themselves, for anyone (no
money is told); how busy the season is stays the managers' answer (money_answers)."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.season import LEBARAN_AFTER, LEBARAN_BEFORE, school_breaks
from keloia.domain.model.text import day_label, days_label, period_label
from keloia.domain.services.assistant.context import MessageContext

# Asked with no period: the coming month.
AHEAD = timedelta(days=30)
# The school break or Lebaran asked with no period: the next ones within a year.
YEAR = timedelta(days=365)
NO_CALENDAR = "Maaf, kalender hari libur belum tersedia di sini."


def answer(ctx: MessageContext, f: ExtractedFields) -> str:
    if f.detail == "school_break":
        return school_break(ctx, f)
    if f.detail == "lebaran":
        return lebaran(ctx, f)
    start = f.date or ctx.today
    period = DateRange(start=start, end=max(start, f.date_to or (f.date or ctx.today + AHEAD)))
    when = period_label(period.start, period.end, ctx.today)
    if ctx.deps.calendar is None:
        return NO_CALENDAR
    found = ctx.deps.calendar.between(period.start, period.end)
    lines = [f"Tanggal merah {when}:" if found else f"Tidak ada tanggal merah {when}."]
    lines += [f"• {day_label(h.day, ctx.today)}: {h.name}" for h in found]
    lines += [f"Libur sekolah (umumnya): {_days(ctx, b)}." for b in school_breaks(period)]
    return "\n".join(lines)


def _days(ctx: MessageContext, days: DateRange) -> str:
    return days_label(days.start, days.end, ctx.today)


def _asked(ctx: MessageContext, f: ExtractedFields) -> DateRange:
    """The period asked ("tahun depan", "juni"), else from today to a year ahead."""
    if f.date is None:
        return DateRange(start=ctx.today, end=ctx.today + YEAR)
    return DateRange(start=f.date, end=max(f.date, f.date_to or f.date))


def school_break(ctx: MessageContext, f: ExtractedFields) -> str:
    """ "libur sekolah kapan": the school breaks of the period asked, else the next two (the
    one under way first), from the same windows as the season's weeks."""
    breaks = school_breaks(_asked(ctx, f))
    if f.date is None:
        breaks = [b for b in breaks if b.end >= ctx.today][:2]
    if not breaks:
        return "Tidak ada libur sekolah pada waktu itu (umumnya akhir Juni dan akhir Desember)."
    lines = ["Libur sekolah (umumnya; tiap provinsi bisa beda beberapa hari):"]
    lines += [f"• {_days(ctx, b)}" for b in breaks]
    return "\n".join(lines)


def lebaran(ctx: MessageContext, f: ExtractedFields) -> str:
    """ "tahun depan lebaran tgl brp": the days of Idul Fitri in the period asked (else the
    next one), with the mudik season around it."""
    if ctx.deps.calendar is None:
        return NO_CALENDAR
    asked = _asked(ctx, f)
    found = ctx.deps.calendar.between(asked.start, asked.end)
    first = [h for h in found if h.lebaran]
    if not first:
        return f"Idul Fitri tidak jatuh pada {period_label(asked.start, asked.end, ctx.today)}."
    eid = first[0]
    days = [h for h in found if eid.day <= h.day <= eid.day + timedelta(days=2)]
    days = [h for h in days if "idul fitri" in h.name.lower()]
    guess = " (perkiraan)" if any("perkiraan" in h.name.lower() for h in days) else ""
    season = DateRange(
        start=eid.day - timedelta(days=LEBARAN_BEFORE), end=eid.day + timedelta(days=LEBARAN_AFTER)
    )
    feast = DateRange(start=eid.day, end=days[-1].day)
    return (
        f"Idul Fitri {eid.day.year}{guess}: {_days(ctx, feast)}. Musim mudik dan arus balik "
        f"kira-kira {_days(ctx, season)}."
    )
