"""Readings fixed after the blind set h1601-h1700: the rules in general terms, each with
wordings of its own (the own set holds more, fx1601-*)."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.adapters.rules.payments import find_method
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 3, 20)
EXTRACTOR = RulesExtractor()
TRUSTED = 0.75


def read(text: str, role: Role = Role.OWNER) -> Extraction:
    return EXTRACTOR.extract(text, ExtractionContext(today=TODAY, role=role))


@pytest.mark.parametrize(
    ("text", "method"),
    [
        # The bank after the word of money moving wins over a province's name said as the
        # trip's place before it.
        ("study tour ke jatim park tgl 3, 24jt dp 8jt tf bni", "transfer_bni"),
        ("ziarah ke jateng tgl 3, dp 1jt tf", "transfer"),
        ("ke jatim park tgl 3, dp 1jt cash", "cash"),
        ("mudik ke dki, dp 1jt tf", "transfer"),
        # A province's bank after a word of money moving is that bank.
        ("dp 1jt tf jatim", "transfer_jatim"),
        ("dp 1jt masuk bank jateng", "transfer_jateng"),
        ("bu rina tf 2jt ke jatim", "transfer_jatim"),
        ("dp 1jt via bca", "transfer_bca"),
        ("dp masuk 2jt (mandiri)", "transfer_mandiri"),
    ],
)
def test_a_bank_is_never_a_place(text: str, method: str) -> None:
    assert find_method(text) == method


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The season said as a remark after the question is not what is asked.
        ("tgl 10 sampe 12 april ada bus nganggur ga? musim liburan pasti rame", "query_free_buses"),
        ("musim mudik pasti rame, tgl 5 bus yg kosong apa aja?", "query_free_buses"),
        ("bulan lalu masuk brp totalnya? rame bgt pas lebaran", "query_income"),
        # The season asked stays the season.
        ("bulan depan rame ga? biar sy siapin armada", "query_season"),
        # "libur" of the school break is no one's day off, whoever is named after it.
        ("libur anak sekolah tuh kapan ya, biar sy siapin bus", "query_season"),
    ],
)
def test_a_season_remarked_is_not_asked(text: str, intent: str) -> None:
    got = read(text)
    assert got.intent.value == intent


def test_free_buses_of_a_season_with_no_day_are_asked_unsure() -> None:
    got = read("pas lebaran ada bus nganggur ga?")
    assert got.intent is Intent.QUERY_FREE_BUSES
    assert got.confidence < TRUSTED


@pytest.mark.parametrize(
    "text",
    [
        "mbak sari rombongan minta mampir malioboro dulu boleh ga",
        "pak hendra minta tambah 1 bus tgl 5 boleh gak pak",
    ],
)
def test_leave_asked_records_nothing_for_sure(text: str) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is Intent.UNKNOWN or got.confidence < TRUSTED


def test_a_bus_put_into_the_workshop_is_off_the_road() -> None:
    got = read("srikandi tak masukin bengkel besok smp tgl 25", Role.ADMIN)
    assert got.intent is Intent.UPDATE_BUS_STATUS
    assert (got.fields.bus, got.fields.bus_status) == ("srikandi", "maintenance")
    assert (str(got.fields.date), str(got.fields.date_to)) == ("2026-03-21", "2026-03-25")


@pytest.mark.parametrize(
    ("text", "bus", "kind"),
    [
        # A fault of a part, the bus never off the road ("masih bisa jalan").
        ("kaca depan bus 03 retak, msh bisa jalan tp perlu dicek", "bus 03", "body"),
        # The bus's name right after its part and before the fault, the fleet unknown.
        ("lampu sein kanan gatotkaca mati pak", "gatotkaca", "electrical"),
    ],
)
def test_a_fault_said_of_a_part_is_a_problem_of_its_bus(text: str, bus: str, kind: str) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is Intent.REPORT_PROBLEM
    assert (got.fields.bus, got.fields.maintenance_type) == (bus, kind)
    assert got.fields.bus_status is None


def test_still_usable_sets_no_status() -> None:
    from keloia.adapters.rules.fleet import find_bus_status

    assert find_bus_status("ac nya mati tp masih bisa jalan") is None
    assert find_bus_status("udah bisa jalan lagi") == "available"


def test_word_for_the_kernet_of_a_trip_is_passed_on() -> None:
    got = read("kabarin kernet bus 02 besok bawa tali", Role.ADMIN)
    assert got.intent is Intent.RELAY_MESSAGE
    assert (got.fields.recipient, got.fields.message) == ("kernet bus 02", "besok bawa tali")
    assert str(got.fields.ref_date) == "2026-03-21"
    # Bare, "kernet" names nobody to pass word on to.
    assert read("kabarin kernet besok bawa tali", Role.ADMIN).intent is not Intent.RELAY_MESSAGE


def test_a_decline_for_going_home_is_no_season_asked() -> None:
    got = read("tgl 28 sy ga bisa narik pak, mudik ke klaten", Role.DRIVER)
    assert got.intent is Intent.DECLINE_TRIP
    assert str(got.fields.ref_date) == "2026-03-28"
    assert got.fields.route_to is None  # his own journey, not the trip's destination


def test_a_name_told_to_drive_is_a_person_not_a_bus() -> None:
    got = read("darto lusa kosong ga? mau tak suruh bawa srikandi")
    assert got.intent is Intent.QUERY_SCHEDULE
    assert (got.fields.driver, got.fields.detail) == ("darto", "free")


def test_three_drivers_for_three_buses_none_chosen() -> None:
    got = read("pak budi sewa 3 bus tgl 5 april jogja - solo 20jt, sopirnya joko, heru sm slamet")
    assert got.intent is Intent.CREATE_BOOKING
    assert [line.driver for line in got.fields.crew or ()] == ["Joko", "Heru", "Slamet"]
    # More named than buses: none can be placed, none is guessed.
    two = read("pak budi sewa 2 bus tgl 5 april jogja - solo 20jt, sopirnya joko, heru sm slamet")
    assert not two.fields.crew


def test_a_paper_of_several_buses_listed_by_name() -> None:
    got = read("stnk nakula sm sadewa habis 1 mei 2027", Role.ADMIN)
    assert got.intent is Intent.RECORD_DOCUMENT
    assert [d.bus for d in got.fields.documents or ()] == ["nakula", "sadewa"]
    # Another paper after the joining word is no bus.
    other = read("stnk nakula sm sim joko habis 1 mei 2027", Role.ADMIN)
    assert [d.bus for d in other.fields.documents or ()] == ["nakula", None]


def test_a_family_clan_is_a_client() -> None:
    got = read("Bani Sukardi pesen bus 02 tgl 2 april jogja - demak 4jt", Role.ADMIN)
    assert got.fields.client_name == "Bani Sukardi"


def test_no_deduction_charged_lets_the_fee_go() -> None:
    got = read("pak anton ga usah kena potongan, gpp")
    assert got.intent is Intent.WAIVE_CANCELLATION_FEE
    assert got.fields.client_name == "pak anton"
