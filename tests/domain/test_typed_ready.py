"""A crew member's "Siap" typed in words, and the days it names (domain.model.crew)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keloia.domain.model.bookings import Booking
from keloia.domain.model.crew import on_days, typed_ready

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("siap pak", set()),
        ("siap 86", set()),
        ("pagi pak, siap. sy otw garasi", set()),
        ("siap pak, besok sy bawa", {date(2026, 12, 1)}),
        ("siap pak tgl 4 sy bawa", {date(2026, 12, 4)}),
    ],
)
def test_a_yes_typed_in_words_names_its_days(text: str, days: set[date]) -> None:
    assert typed_ready(text, MONDAY) == frozenset(days)


@pytest.mark.parametrize(
    "text",
    [
        "ya pak, bsk?",  # asked
        "siap pak, tp sy telat 30 menit",  # something else beside the yes
        "jemput dmn pak?",
        "pak sy ga bisa",
    ],
)
def test_anything_else_is_no_typed_yes(text: str) -> None:
    assert typed_ready(text, MONDAY) is None


def _trip(first: date, last: date) -> Booking:
    return Booking(
        id="b",
        tenant_id="t",
        client_name="Bu Dewi",
        depart_date=first,
        return_date=last,
        created_by="u",
        created_at=datetime(2026, 11, 30, tzinfo=UTC),
    )


def test_a_weekday_said_is_checked_against_the_trip_weeks_ahead_too() -> None:
    friday = typed_ready("siap pak, jumat sy bawa", MONDAY)
    saturday = typed_ready("siap pak, sabtu sy bawa", MONDAY)
    assert friday is not None and saturday is not None
    assert on_days(_trip(date(2026, 12, 4), date(2026, 12, 4)), friday)
    assert not on_days(_trip(date(2026, 12, 4), date(2026, 12, 4)), saturday)
    # A notice of a trip two weeks away is answered by its weekday as well.
    assert on_days(_trip(date(2026, 12, 12), date(2026, 12, 12)), saturday)
    assert on_days(_trip(date(2026, 12, 4), date(2026, 12, 4)), frozenset())


@pytest.mark.parametrize("text", ["siap pak, jam 7", "siap jam 5.30 pagi", "siap pak tgl 7 jam 5"])
def test_the_hour_of_the_notice_said_back_is_a_siap(text: str) -> None:
    assert typed_ready(text, MONDAY) is not None


def test_a_siap_with_anything_else_is_none() -> None:
    assert typed_ready("siap pak, nanti sy kabari", MONDAY) is None
