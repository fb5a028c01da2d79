"""Which trip a place said names (bookings.names_place): the destination as written, in
any case, or by the shorthand people type in a chat."""

from __future__ import annotations

from keloia.domain.model.bookings import names_place


def test_a_destination_is_named_by_its_chat_shorthand_too() -> None:
    """ "trip pak agus ke smg": Semarang by its shorthand; Jogja by its other names; a
    place the trip does not go to never matches."""
    assert names_place("Semarang", "smg")
    assert names_place("Jogja – Malang via Batu", "malang")
    assert names_place("Yogyakarta", "jogja")
    assert names_place("Jogja", "yogyakarta")
    assert not names_place("Solo", "smg")
    assert not names_place(None, "smg")
