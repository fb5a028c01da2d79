"""Indonesian public holidays and the seasons a charter business plans around."""

from __future__ import annotations

from datetime import date

from keloia.domain.model.common import Value


class Holiday(Value):
    day: date
    name: str  # in Indonesian, as the official calendar names it
    lebaran: bool = False  # the first day of Idul Fitri: the year's biggest travel season


# School holidays differ by province and are announced late; these are the usual starts
# (end of the school year, end of the first semester), named "perkiraan" wherever shown.
SCHOOL_HOLIDAY_STARTS = ((6, 22), (12, 21))


def school_holiday_starts(start: date, end: date) -> list[date]:
    """The usual school holiday starts between `start` and `end`, both included."""
    found = [
        date(year, month, day)
        for year in range(start.year, end.year + 1)
        for month, day in SCHOOL_HOLIDAY_STARTS
    ]
    return [d for d in found if start <= d <= end]
