"""The trip a cost said without naming one is for, without asking (bookings.current_trip):
a driver's "solar 800rb" goes to his trip on the road, or just back; an older one is asked."""

from __future__ import annotations

from datetime import date

import pytest

from keloia.domain.model.bookings import current_trip

from .test_money import booking

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("depart", "days", "expected"),
    [
        (date(2026, 11, 30), 1, True),  # on the road today
        (date(2026, 11, 28), 3, True),  # a trip of several days, back today
        (date(2026, 11, 29), 1, True),  # back yesterday
        (date(2026, 11, 28), 2, True),  # back yesterday after two days
        (date(2026, 11, 28), 1, False),  # back two days ago
        (date(2026, 11, 21), 3, False),  # a week ago
        (date(2026, 12, 1), 1, False),  # not left yet
    ],
)
def test_a_trip_is_current_while_running_and_the_day_after_it_came_back(
    depart: date, days: int, expected: bool
) -> None:
    trip = booking(depart=depart, days=days)
    assert (current_trip([trip], MONDAY) == trip) is expected


def test_the_latest_current_trip_wins_and_none_without_trips() -> None:
    back_yesterday = booking("b-1", depart=date(2026, 11, 29))
    today = booking("b-2", depart=MONDAY)
    old = booking("b-3", depart=date(2026, 11, 25))
    assert current_trip([back_yesterday, today, old], MONDAY) == today
    assert current_trip([old], MONDAY) is None
    assert current_trip([], MONDAY) is None
