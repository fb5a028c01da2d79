"""The season ahead: which weeks are high season (Lebaran, school breaks, public holidays),
how many buses are already taken and how busy the same weeks were in past years. Pure rules
over records already loaded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum

from keloia.domain.model.bookings import Booking
from keloia.domain.model.common import DateRange, Value


class SeasonKind(StrEnum):
    LEBARAN = "lebaran"
    SCHOOL = "libur_sekolah"
    HOLIDAY = "libur_nasional"
    NORMAL = "biasa"


# Indonesian school holidays differ a little by province and year; these windows hold the
# mid-year and end-of-year breaks almost everywhere (month, day; the year-end one runs into
# January). The one source of the school breaks: the season's weeks, the holidays asked by
# chat and the morning reminders all read them here.
SCHOOL_HOLIDAYS = (((6, 22), (7, 12)), ((12, 20), (1, 4)))
# Mudik and arus balik: the week before Idul Fitri to the week after.
LEBARAN_BEFORE, LEBARAN_AFTER = 7, 7


class WeekOutlook(Value):
    week: DateRange
    kind: SeasonKind
    reason: str  # "libur sekolah", "musim Lebaran", the holidays' names, ""
    buses_booked: int  # buses with a live booking on some day of the week
    fleet: int
    bookings_last_year: int  # departures in the same ISO week a year ago
    bookings_past_average: int  # the same week over the past years, on average (rounded)

    def sentence(self, when: str) -> str:
        """'Minggu depan libur sekolah: 4 dari 6 bus sudah terisi.'"""
        head = f"{when} {self.reason}" if self.reason else f"{when} minggu biasa"
        text = f"{head}: {self.buses_booked} dari {self.fleet} bus sudah terisi."
        if self.bookings_last_year:
            text += f" Tahun lalu minggu yang sama ada {self.bookings_last_year} booking."
        return text

    @property
    def busy(self) -> bool:
        return self.kind is not SeasonKind.NORMAL or self.buses_booked * 2 >= max(1, self.fleet)


def school_breaks(period: DateRange) -> list[DateRange]:
    """The school breaks (the windows above, whole) that touch `period`, first first."""
    found = []
    for year in range(period.start.year - 1, period.end.year + 1):
        for (m1, d1), (m2, d2) in SCHOOL_HOLIDAYS:
            days = DateRange(start=date(year, m1, d1), end=date(year + (m2 < m1), m2, d2))
            if days.overlaps(period):
                found.append(days)
    return sorted(found, key=lambda d: d.start)


def _in_school_holiday(day: date) -> bool:
    return bool(school_breaks(DateRange.single(day)))


def week_season(
    week: DateRange, holidays: Mapping[date, str], lebaran_days: Iterable[date]
) -> tuple[SeasonKind, str]:
    """Why a week is (or is not) a high season. `holidays` are public holidays with their
    Indonesian names; `lebaran_days` the days of Idul Fitri."""
    days = [week.start + timedelta(days=n) for n in range(week.days())]
    for eid in lebaran_days:
        around = DateRange(
            start=eid - timedelta(days=LEBARAN_BEFORE), end=eid + timedelta(days=LEBARAN_AFTER)
        )
        if around.overlaps(week):
            return SeasonKind.LEBARAN, "musim Lebaran"
    # Every holiday of the week by its name ("libur sekolah dan Hari Raya Natal"): the
    # reason people travel then, never only the school break it falls in.
    named = " dan ".join(dict.fromkeys(holidays[d] for d in days if d in holidays))
    if any(_in_school_holiday(d) for d in days):
        return SeasonKind.SCHOOL, f"libur sekolah dan {named}" if named else "libur sekolah"
    if named:
        return SeasonKind.HOLIDAY, f"ada libur {named}"
    return SeasonKind.NORMAL, ""


def season_outlook(
    today: date,
    weeks: int,
    fleet: int,
    bookings: Iterable[Booking],
    past_departures: Iterable[date],
    holidays: Mapping[date, str],
    lebaran_days: Iterable[date],
    years_back: int,
) -> list[WeekOutlook]:
    """The next `weeks` weeks from the one after today's: season, buses already taken and
    how many bookings departed in the same ISO week in the past `years_back` years."""
    bookings = [b for b in bookings if b.is_live]
    lebaran = list(lebaran_days)
    history: dict[tuple[int, int], int] = defaultdict(int)
    for day in past_departures:
        iso = day.isocalendar()
        history[(iso.year, iso.week)] += 1
    first = DateRange.week_of(today).start + timedelta(days=7)
    result = []
    for n in range(weeks):
        week = DateRange(start=first + timedelta(days=7 * n), end=first + timedelta(days=7 * n + 6))
        kind, reason = week_season(week, holidays, lebaran)
        taken = {bus for b in bookings if b.days.overlaps(week) for bus in b.bus_ids()}
        iso = week.start.isocalendar()
        past = [history.get((iso.year - k, iso.week), 0) for k in range(1, years_back + 1)]
        result.append(
            WeekOutlook(
                week=week,
                kind=kind,
                reason=reason,
                buses_booked=len(taken),
                fleet=fleet,
                bookings_last_year=past[0] if past else 0,
                bookings_past_average=(sum(past) * 2 + len(past)) // (2 * len(past)) if past else 0,
            )
        )
    return result
