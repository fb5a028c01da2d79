"""Indonesian public holidays from the `holidays` package (official dates, including the
estimated Islamic ones for later years), in Indonesian."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

from keloia.domain.model.calendar import Holiday


class IndonesianHolidays:
    def between(self, start: date, end: date) -> list[Holiday]:
        found: list[Holiday] = []
        for year in range(start.year, end.year + 1):
            found += [h for h in _year(year) if start <= h.day <= end]
        return found


@lru_cache(maxsize=8)
def _year(year: int) -> tuple[Holiday, ...]:
    calendar = holidays.country_holidays("ID", years=year, language="id")
    return tuple(
        Holiday(day=day, name=name, lebaran=_is_lebaran(name))
        for day, name in sorted(calendar.items())
    )


def _is_lebaran(name: str) -> bool:
    # "Hari Raya Idul Fitri", not its second day ("Hari kedua dari ...").
    return name.startswith("Hari Raya Idul Fitri")
