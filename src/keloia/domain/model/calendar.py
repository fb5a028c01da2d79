"""Indonesian public holidays and the seasons a charter business plans around."""

from __future__ import annotations

from datetime import date

from keloia.domain.model.common import DateRange, Value
from keloia.domain.model.season import school_breaks


class Holiday(Value):
    day: date
    name: str  # in Indonesian, as the official calendar names it
    lebaran: bool = False  # the first day of Idul Fitri: the year's biggest travel season


def school_holiday_starts(start: date, end: date) -> list[date]:
    """The usual school holiday starts between `start` and `end`, both included (the
    season's school breaks, `season.SCHOOL_HOLIDAYS`), named "perkiraan" wherever shown."""
    breaks = school_breaks(DateRange(start=start, end=end))
    return [b.start for b in breaks if start <= b.start <= end]
