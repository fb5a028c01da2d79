"""Routes and the gazetteer."""

from __future__ import annotations

import pytest

from keloia.adapters.rules.gazetteer import PLACES, is_place
from keloia.adapters.rules.routes import find_route


@pytest.mark.parametrize(
    ("text", "route_from", "route_to"),
    [
        ("jogja - semarang", "jogja", "semarang"),
        ("klaten-blitar", "klaten", "blitar"),
        ("ungaran - ketep", "ungaran", "ketep"),
        ("sby ke probolinggo", "sby", "probolinggo"),
        ("dari Kudus ke Solo", "Kudus", "Solo"),
        ("ke malang dr wonosari", "wonosari", "malang"),
        ("brkt dr klaten, bukan boyolali", "klaten", None),
        ("tujuan Garut", None, "Garut"),
        ("tujuannya jadi garut", None, "garut"),
        ("wisata ke Jogja", None, "Jogja"),
        ("lamongan ke jogja", "lamongan", "jogja"),
        ("rute boyolali - wonosobo", "boyolali", "wonosobo"),
        ("ke pantai pangandaran", None, "pantai pangandaran"),
        ("jkt - bdg", "jkt", "bdg"),
        ("dari tegal ke bandung", "tegal", "bandung"),
        ("magelang - ciputat", "magelang", "ciputat"),
        ("ke pantai klayar dr pacitan", "pacitan", "pantai klayar"),
        ("ziarah ke makam sunan kalijaga", None, "makam sunan kalijaga"),
        ("ke Wonosalam dari Jombang", "Jombang", "Wonosalam"),
        ("Tujuan: Bandung\nDari: Salatiga", "Salatiga", "Bandung"),
        ("Pak X\nrute cepogo - selo\nbsk", "cepogo", "selo"),
        ("ke kebun raya bogor dr karanganyar", "karanganyar", "kebun raya bogor"),
        ("ke Karimunjawa via Jepara", None, "Karimunjawa"),
        ("ke bali, mampir ke Bromo", None, "bali"),
        ("karanganyar - kebun binatang gembira loka", "karanganyar", "kebun binatang gembira loka"),
    ],
)
def test_routes(text: str, route_from: str | None, route_to: str | None) -> None:
    route = find_route(text, text.lower())
    assert (route.route_from, route.route_to) == (route_from, route_to)


@pytest.mark.parametrize(
    "text",
    [
        "kira-kira jam 5",
        "ganti bus",
        "pindah ke tgl 9",
        "dp-nya 2jt",
        "tambah mampir ke malioboro",
        "singgah di Salatiga",
    ],
)
def test_no_route(text: str) -> None:
    route = find_route(text, text.lower())
    assert (route.route_from, route.route_to) == (None, None)


def test_gazetteer_knows_aliases_and_many_places() -> None:
    for alias in ("jogja", "yogya", "yk", "solo", "jkt", "bdg", "sby", "smg", "dieng", "bromo"):
        assert is_place(alias)
    assert is_place("Pangandaran")
    assert is_place("kawah ijen")
    assert len(PLACES) >= 200
    assert not is_place("pantai")
