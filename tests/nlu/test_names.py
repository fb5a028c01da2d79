"""Client names with honorifics, organisations, drivers and buses."""

from __future__ import annotations

import pytest

from keloia.adapters.rules.buses import find_buses
from keloia.adapters.rules.names import find_on_behalf, find_organisations, find_people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pak Agus sewa bus", "Pak Agus"),
        ("pak sigit batalin pesanan", "pak sigit"),
        ("bu wati transfer dp", "bu wati"),
        ("Ibu Sri Wahyuni, kudus", "Ibu Sri Wahyuni"),
        ("mas andre sabtu ini", "mas andre"),
        ("Bu Endang pelunasan", "Bu Endang"),
        ("Kak Meli sewa elf", "Kak Meli"),
        ("bpk Suryo mau sewa", "bpk Suryo"),
        ("Om Hari carter bus", "Om Hari"),
        ("mbak Tari pesen elf", "mbak Tari"),
        ("Pak Budi Santoso booking", "Pak Budi Santoso"),
        ("Pak Lurah Giriwoyo sewa", "Pak Lurah Giriwoyo"),
        ("pak RT Sugeng sewa", "pak RT Sugeng"),
        ("rombongan bu sri wahyuni udh sampe", "bu sri wahyuni"),
        ("pak muhammad ali sewa bus", "pak muhammad ali"),
        ("bu sri transfer 2jt", "bu sri"),
        ("bu nur gk jd, cancel", "bu nur"),
        ("bu siti ngebatalin ziarahnya", "bu siti"),
    ],
)
def test_people(text: str, expected: str) -> None:
    found = find_people(text, text.lower())
    assert found[0].text == expected


@pytest.mark.parametrize(
    "text", ["siap pak, nanti", "pak, jadwal sy lusa", "bsk ada trip mas?", "makasih bu"]
)
def test_addressing_the_reader_is_no_name(text: str) -> None:
    assert find_people(text, text.lower()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order dari SMA N 2 Klaten: klaten", "SMA N 2 Klaten"),
        ("PT Sinar Abadi dp 2jt", "PT Sinar Abadi"),
        ("Masjid Baitussalam masih ada sisa?", "Masjid Baitussalam"),
        ("rombongan SMA 2 Klaten ke Dieng", "SMA 2 Klaten"),
        ("TK Pertiwi Sukoharjo tgl 7 mei", "TK Pertiwi Sukoharjo"),
        ("CV Berkah Jaya DP 2jt", "CV Berkah Jaya"),
        ("Dinas Pertanian Boyolali, kunker", "Dinas Pertanian Boyolali"),
        ("Koperasi Sejahtera Bersama\nungaran", "Koperasi Sejahtera Bersama"),
        ("sma n 1 wonosari sewa bus", "sma n 1 wonosari"),
        ("Karang Taruna Desa Jetis nyewa", "Karang Taruna Desa Jetis"),
        ("PT Maju Mundur dp 2jt", "PT Maju Mundur"),
        ("CV Berkah Jaya DP 2jt", "CV Berkah Jaya"),
        ("Ibu2 PKK RT 05 ke pantai", "PKK RT 05"),
        ("PT Sinar Mas Abadi panjar 2jt", "PT Sinar Mas Abadi"),
        ("tagihan PT Sinar Mas Abadi sisa berapa", "PT Sinar Mas Abadi"),
        ("CV Berkah Jaya mas Agus dp 2jt", "CV Berkah Jaya"),
        ("karang taruna RW 05 ke dieng", "karang taruna RW 05"),
        ("kantor Dishub Kab Sleman ke bandung", "kantor Dishub Kab Sleman"),
        ("toko Sumber Rejeki sewa elf 2", "toko Sumber Rejeki"),
    ],
)
def test_organisations(text: str, expected: str) -> None:
    found = find_organisations(text, text.lower())
    assert found[0].text == expected


@pytest.mark.parametrize(
    "text",
    ["transfer ke bank bri", "ada di kantor", "tim kami", "tf ke bank Mandiri", "di kantor BCA"],
)
def test_common_words_are_no_organisation(text: str) -> None:
    assert find_organisations(text, text.lower()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bus 01 ready", ["Bus 01"]),
        ("bus 3 sm pak joko", ["bus 3"]),
        ("bus srikandi habis ganti oli", ["bus srikandi"]),
        ("pake hdd 3 aja, bus 10 dipake trip lain", ["hdd 3", "bus 10"]),
        ("SHD 4 lg dicuci", ["SHD 4"]),
        ("sewa hiace premio", ["hiace premio"]),
        ("big bus 2 utk outing", ["big bus 2"]),
        ("medium 3 available", ["medium 3"]),
        ("minta ganti bus, pake elf 2", ["elf 2"]),
        ("bus ke jogja", []),
        ("sewa bus 45 seat", []),
        ("bus 3 hari ini masuk bengkel", ["bus 3"]),
        ("bus HDD 3 ready", ["HDD 3"]),
        ("unit 5 mogok", ["unit 5"]),
        ("bus no 7", ["bus no 7"]),
        ("Bus Jogja", ["Bus Jogja"]),
        ("bus pariwisata", []),
        ("pesen mobil 4 bsk pagi", ["mobil 4"]),
        ("sewa bus 2 unit ke dieng", []),
        ("sewa 2 mobil", []),
    ],
)
def test_buses_copied_as_written(text: str, expected: list[str]) -> None:
    assert [b.text for b in find_buses(text, text.lower())] == expected


def test_fleet_names_from_context() -> None:
    text = "Srikandi lagi dimana"
    assert [b.text for b in find_buses(text, text.lower(), ("Srikandi",))] == ["Srikandi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("booking a.n. Rudi Hartono, 12 juli", "Rudi Hartono"),
        ("atas nama Budi sewa", "Budi"),
        ("terima dp dari Rina Wati 1jt", "Rina Wati"),
    ],
)
def test_names_without_honorific(text: str, expected: str) -> None:
    found = find_on_behalf(text, text.lower())
    assert found is not None
    assert found.text == expected


def test_a_place_after_dari_is_no_payer() -> None:
    assert find_on_behalf("terima dari Solo 2jt", "terima dari solo 2jt") is None
