"""Who a client is, and where a message names one (domain/model/clients.py)."""

from __future__ import annotations

import pytest

from keloia.domain.model import clients
from keloia.domain.model.clients import mentioned, name_key, same_client, same_person

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


@pytest.mark.parametrize(
    ("booked", "said"),
    [
        ("SMP N 4 Depok", "smp 4 depok"),
        ("SMPN 4 Depok", "smp n 4 depok"),
        ("SMA Negeri 1 Sleman", "sman 1 sleman"),
        ("SD N 2 Klaten", "sdn 2 klaten"),
        ("Pak Hendra", "bapak hendra"),
    ],
)
def test_one_client_however_shortened(booked: str, said: str) -> None:
    assert same_client(booked, said)
    assert name_key(booked) == name_key(said)


@pytest.mark.parametrize(
    ("booked", "said"),
    [
        ("SMP N 4 Depok", "smp muhammadiyah 4 depok"),
        ("SMP N 4 Depok", "smp 5 depok"),
        ("MI Nurul Huda", "mi huda"),
    ],
)
def test_another_school_is_another_client(booked: str, said: str) -> None:
    assert not same_client(booked, said)


def test_a_state_school_is_mentioned_written_either_way() -> None:
    for text in ("smp 4 depok dp 1jt", "smp n 4 depok dp 1jt", "smpn 4 depok dp 1jt"):
        found = mentioned(text, ["SMP N 4 Depok"])
        assert found is not None and found[2] == "SMP N 4 Depok", text
    assert mentioned("smp 5 depok dp 1jt", ["SMP N 4 Depok"]) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("pak hendra", "pk hendra", True),
        ("Pak Gatot", "gatot", True),
        ("bu dewi", "mbak dewi", True),
        ("pak agus", "bu agus", False),
        ("mas joko", "ibu joko", False),
        ("pak hendra", "pak gatot", False),
    ],
)
def test_same_person_keeps_a_man_and_a_woman_apart(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


@pytest.mark.parametrize(
    ("said", "booked", "same"),
    [
        ("Masjid Baitus Salam", "Masjid Baitussalam", True),
        ("SD Muhammadiyah Kota Gede", "SD Muhammadiyah Kotagede", True),
        ("kota gede", "SD Muhammadiyah Kotagede", True),
        ("Karang Taruna Condong Catur", "Karang Taruna Condongcatur", True),
        ("kota baru", "SD Muhammadiyah Kotagede", False),
    ],
)
def test_a_name_split_by_voice_typing_is_the_same_client(
    said: str, booked: str, same: bool
) -> None:
    assert same_client(said, booked) is same
