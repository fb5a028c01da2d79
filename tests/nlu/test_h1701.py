"""Readings fixed after the blind set h1701-h1800 (now part of tests/data/nlu_heldout.jsonl);
the lines of the own set fxh17-* say the same of whole messages."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.adapters.rules.newbus import find_plate
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 10, 5)
EXTRACTOR = RulesExtractor()
TEAM = ("Joko", "Slamet", "Wahyu", "Dodi")
BUSES = ("Bus 01", "Bus 02", "Bus 03", "Srikandi", "Gatotkaca")


def read(
    text: str,
    role: Role = Role.OWNER,
    team: tuple[str, ...] = (),
    buses: tuple[str, ...] = (),
) -> Extraction:
    context = ExtractionContext(today=TODAY, role=role, team_names=team, bus_names=buses)
    return EXTRACTOR.extract(text, context)


@pytest.mark.parametrize("said", ["jd 3 bus", "jadi 4 bis", "jd 12jt"])
def test_a_count_after_jadi_is_no_number_plate(said: str) -> None:
    assert find_plate(said, said, adding=True) is None


def test_a_plate_in_lower_case_is_still_read_when_a_bus_is_added() -> None:
    said = "tambah bus baru ab 1234 xy"
    assert find_plate(said, said, adding=True) == ("AB 1234 XY", 16, 26)


@pytest.mark.parametrize("text", ["joko tgl 20 nganggur ga?", "slamet lusa kosong ga ya"])
def test_a_name_opening_a_free_question_is_unsure_with_neither_fleet_nor_team(text: str) -> None:
    got = read(text)
    assert got.confidence < 0.75


def test_the_same_name_is_the_teammate_when_the_team_is_known() -> None:
    got = read("joko tgl 20 nganggur ga?", team=TEAM, buses=BUSES)
    assert got.intent is Intent.QUERY_SCHEDULE
    assert (got.fields.driver, got.fields.detail) == ("Joko", "free")
    assert got.confidence >= 0.75


def test_a_bus_of_the_fleet_opening_a_free_question_stays_sure() -> None:
    got = read("gatotkaca tgl 20 kosong ga?", team=TEAM, buses=BUSES)
    assert got.intent is Intent.QUERY_FREE_BUSES
    assert got.fields.bus == "gatotkaca"
    assert got.confidence >= 0.75


def test_a_bus_opening_news_of_its_own_is_no_teammate() -> None:
    got = read("arjuna masuk bengkel tgl 28")
    assert got.intent is Intent.UPDATE_BUS_STATUS
    assert got.confidence >= 0.75


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("tgl 9 sy ga bisa narik pak. mungkin slamet bisa", "slamet"),
        ("sy gk bisa jalan bsk pak, wahyu kayaknya kosong", "wahyu"),
    ],
)
def test_a_stand_in_guessed_after_a_decline_is_its_driver(text: str, suggested: str) -> None:
    got = read(text, role=Role.DRIVER)
    assert got.intent is Intent.DECLINE_TRIP
    assert got.fields.driver == suggested


def test_a_guess_without_a_decline_names_no_stand_in() -> None:
    got = read("mungkin wahyu bisa", role=Role.DRIVER)
    assert got.fields.driver is None or got.intent is not Intent.DECLINE_TRIP


def test_a_new_booking_never_leaves_on_the_day_of_the_trip_before() -> None:
    got = read("bu ani yg kemarin ke solo mau sewa lg tgl 20 ke dieng 1 bus 7jt", role=Role.ADMIN)
    assert got.intent is Intent.CREATE_BOOKING
    assert (got.fields.route_to, str(got.fields.depart_date)) == ("dieng", "2026-10-20")


def test_a_trip_of_before_alone_is_still_the_place_asked() -> None:
    got = read("yg kemarin ke bali untung brp?")
    assert got.fields.route_to == "bali"
