"""One spelling of the question words (adapters/rules/vocabulary.py HOW_MUCH, WHEN,
ASKS_RE) for every rule that asks with them: "brapa" is "brp" wherever "brp" is read."""

import pytest

from keloia.adapters.rules import intents
from keloia.adapters.rules.vocabulary import ASKS_RE


@pytest.mark.parametrize("how_much", ["berapa", "brp", "brapa"])
def test_how_much_alike_everywhere(how_much: str) -> None:
    assert intents.HOW_MUCH_RE.search(f"kalo batal kena {how_much}")
    assert intents.WHICH_DAYS_RE.search(f"libur sekolah tgl {how_much}")
    assert intents.DATE_ASKED_RE.search(f"kir bus 01 tanggal {how_much}")
    assert intents.TRIP_FACT_ASKED_RE.search(f"yg ke bandung {how_much} hari")
    assert intents.TRIP_FACT_ASKED_RE.search(f"yg ke bandung jam {how_much}")
    assert intents.WORK_DUE_ASKED_RE.search(f"oli bus 03 udh lewat {how_much}")
    assert ASKS_RE.search(f"nunggu transferan {how_much}")


@pytest.mark.parametrize("when", ["kapan", "kpn", "kapn", "kpan"])
def test_when_alike_everywhere(when: str) -> None:
    assert intents.WHICH_DAYS_RE.search(f"libur sekolah {when}")
    assert intents.WORK_DUE_ASKED_RE.search(f"bus 03 servis {when}")
    assert intents.TRIP_FACT_ASKED_RE.search(f"yg ke bandung brgkt {when}")
    assert ASKS_RE.search(f"nunggu kabar, jadinya {when}")


@pytest.mark.parametrize("where", ["dmn", "kmn", "mana"])
def test_where_asks(where: str) -> None:
    assert ASKS_RE.search(f"lg nunggu bus, skrg {where}")
