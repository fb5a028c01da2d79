"""Who a client is, and where a message names one (domain/model/clients.py)."""

from __future__ import annotations

from keloia.domain.model import clients
from keloia.domain.model.clients import mentioned

CLIENTS = ("Pak Hendra Wijaya", "Karang Taruna Condongcatur", "Bu Dewi", "Al", "Pak Agus")


def test_a_client_is_named_without_the_title_their_booking_wrote() -> None:
    assert mentioned("hendra sisa brp", CLIENTS) == (0, 6, "Pak Hendra Wijaya")
    assert mentioned("karang taruna condongcatur dp 1jt", CLIENTS) == (
        0,
        26,
        "Karang Taruna Condongcatur",
    )
    assert mentioned("karang taruna dp 1jt", CLIENTS) is None  # untitled: the whole name
    assert mentioned("hendrawan sisa brp", CLIENTS) is None  # a whole word only
    assert mentioned("al dp 1jt", CLIENTS) is None  # too short to be sure of
    assert mentioned("agus dp 1jt", CLIENTS, never={"agus"}) is None  # one of the PO's own


def test_the_first_client_listed_wins_wherever_the_text_names_it() -> None:
    assert mentioned("dewi sama agus", CLIENTS) == (0, 4, "Bu Dewi")
    assert mentioned("dewi sama agus", ("Pak Agus", "Bu Dewi")) == (10, 14, "Pak Agus")


def test_a_set_of_names_is_made_ready_once_not_per_message() -> None:
    names = ("Pak Hendra", "Bu Sinta", "SD Muhammadiyah")
    before = clients._name_forms.cache_info()
    for text in ("sinta dp 1jt", "hendra sisa brp", "jadwal besok?", "sd muhammadiyah lunas"):
        mentioned(text, list(names))
    after = clients._name_forms.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 3
