"""The public holidays of a period, asked by chat ("ada tanggal merah bulan ini?",
"minggu dpn ada libur ga"): the days themselves, for anyone (no money is told); how busy
the season is stays the managers' answer (money_answers)."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.season import school_break
from keloia.domain.model.text import day_label, days_label, period_label
from keloia.domain.services.assistant.context import MessageContext

# Asked with no period: the coming month.
AHEAD = timedelta(days=30)


def answer(ctx: MessageContext, f: ExtractedFields) -> str:
    start = f.date or ctx.today
    period = DateRange(start=start, end=max(start, f.date_to or (f.date or ctx.today + AHEAD)))
    when = period_label(period.start, period.end, ctx.today)
    if ctx.deps.calendar is None:
        return "Maaf, kalender hari libur belum tersedia di sini."
    found = ctx.deps.calendar.between(period.start, period.end)
    lines = [f"Tanggal merah {when}:" if found else f"Tidak ada tanggal merah {when}."]
    lines += [f"• {day_label(h.day, ctx.today)}: {h.name}" for h in found]
    school = school_break(period)
    if school is not None:
        lines.append(f"Libur sekolah (umumnya): {days_label(school.start, school.end, ctx.today)}.")
    return "\n".join(lines)
