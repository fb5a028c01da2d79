"""A part of a trip said to change with no new value ("bus nya pak hendra mau diganti") is
asked to what (domain/model/moves.py `part_changed`), and the crew seat asked is known to
the reader from the question itself (`seat_question`, `seat_asked_in`)."""

import pytest

from keloia.domain.model.moves import part_changed, seat_asked_in, seat_question


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("bus nya pak hendra mau diganti", "bus"),
        ("bu dewi busnya diganti ya", "bus"),
        ("ganti sopir bu dewi", "driver"),
        ("sopirnya bu dewi mau diganti", "driver"),
        ("kernet pak hendra mau diganti", "kernet"),
        ("jam jemput pak hendra mau diubah", "time"),
        ("tempat jemput pak hendra pindah", "pickup"),
        # Several parts, or none: the general question.
        ("bus sama sopirnya pak hendra diganti", None),
        ("pak hendra mau ganti", None),
    ],
)
def test_the_part_said_to_change(text: str, part: str | None) -> None:
    assert part_changed(text) == part


@pytest.mark.parametrize(("part", "now"), [("driver", "Wahyu"), ("kernet", ""), ("driver", "")])
def test_a_seat_question_is_known_as_one(part: str, now: str) -> None:
    assert seat_asked_in(seat_question(part, "*Pak Hendra, Jogja – Malang*", now)) == part


def test_other_questions_ask_no_seat() -> None:
    assert seat_asked_in("Booking atas nama siapa?") is None
    assert seat_asked_in("Bus *Pak Hendra* (sekarang Bus 02) mau diganti bus apa?") is None
