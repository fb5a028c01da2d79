"""The public holiday calendar: official data from outside the domain."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from keloia.domain.model.calendar import Holiday


class HolidayCalendar(Protocol):
    def between(self, start: date, end: date) -> list[Holiday]:
        """Public holidays from `start` to `end` (both included), by date."""
        ...
