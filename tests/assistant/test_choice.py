"""The "which one" choice: what a typed reply picks from the list the person was shown."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keloia.domain.model.bookings import Booking
from keloia.domain.services.assistant.choice import Ambiguous, ask, pick


def trip(bid: str, day: int, to: str, month: int = 12) -> Booking:
    return Booking(
        id=bid,
        tenant_id="t",
        client_name="Pak Agus",
        route_from="Jogja",
        route_to=to,
        depart_date=date(2026, month, day),
        return_date=date(2026, month, day),
        created_by="u",
        created_at=datetime(2026, 11, 30, tzinfo=UTC),
    )


SHOWN = [trip("a", 20, "Solo"), trip("b", 26, "Klaten"), trip("c", 12, "Solo", month=1)]


@pytest.mark.parametrize(
    ("reply", "chosen"),
    [
        ("2", "b"),
        ("yg ke 2", "b"),
        ("nomor 1 aja", "a"),
        ("yang kedua", "b"),
        ("yang tgl 20", "a"),
        ("yg tanggal 26 mbak", "b"),
        ("12 jan", "c"),
        ("yang ke klaten", "b"),
        ("pak agus yg ke klaten", "b"),  # his name is every one's: the route picks
        ("4", None),  # not on the list
        ("yang ke solo", None),  # two of them go to Solo
        ("pak agus dp 2jt", None),  # a new message, not a pick
        ("jadwal besok apa aja ya mbak?", None),
    ],
)
def test_a_typed_reply_picks_one_shown(reply: str, chosen: str | None) -> None:
    found = pick(SHOWN, reply)
    assert (found.id if found else None) == chosen


def test_a_reply_naming_the_client_picks_when_clients_differ() -> None:
    rina = trip("r", 27, "Solo").model_copy(update={"client_name": "Bu Rina"})
    dewi = trip("d", 4, "Solo").model_copy(update={"client_name": "Bu Dewi"})
    assert pick([rina, dewi], "yg bu rina") is rina
    assert pick([rina, dewi], "yg ke solo") is None  # both go there


def test_a_reply_naming_one_trip_client_and_another_trip_place_picks_none() -> None:
    school = trip("s", 20, "Bali").model_copy(update={"client_name": "SMA 1 Klaten"})
    rina = trip("r", 21, "Klaten").model_copy(update={"client_name": "Bu Rina"})
    assert pick([school, rina], "yg sma klaten") is None  # asked again, never guessed
    office = trip("o", 22, "Solo").model_copy(update={"client_name": "Pemkab Magelang"})
    budi = trip("b", 20, "Magelang").model_copy(update={"client_name": "Pak Budi"})
    assert pick([budi, office], "pemkab magelang") is office  # both its words


def test_the_question_numbers_the_bookings_and_lists_them() -> None:
    message = ask(
        "+6281100001111", "p1", Ambiguous("Pak Agus yang mana?", SHOWN), date(2026, 11, 30)
    )
    assert message.body.splitlines()[:3] == [
        "Pak Agus yang mana?",
        "1. Pak Agus, Jogja – Solo, Minggu, 20 Des",
        "2. Pak Agus, Jogja – Klaten, Sabtu, 26 Des",
    ]
    assert [r.id for r in message.rows] == ["pilih:p1:a", "pilih:p1:b", "pilih:p1:c"]
