"""Word to pass on to a teammate (relay_message): whom, as written, and what, in the
sender's words; never a trip's notice, a promise, or a bare "tolong sampaikan"."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import ExtractedFields, Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

EXTRACTOR = RulesExtractor()
TEAM = ("Pak Budi", "Sari", "Joko", "Slamet", "Wahyu")


def read(text: str, role: Role = Role.DRIVER) -> tuple[Intent, dict[str, object]]:
    context = ExtractionContext(today=dt.date(2026, 12, 1), role=role, team_names=TEAM)
    got = EXTRACTOR.extract(text, context)
    return got.intent, got.fields.stated()


# The message is kept in the sender's words ("sy"): the proposal and the teammate read
# "saya" (domain/services/assistant/relay.py).
@pytest.mark.parametrize(
    ("text", "recipient", "message"),
    [
        ("tolong kabarin pak budi sy telat 30 menit", "pak budi", "sy telat 30 menit"),
        (
            "mbak tolong bilangin ke slamet kalau besok bawa jaket ya makasih",
            "slamet",
            "besok bawa jaket",
        ),
        ("sampaikan ke admin: bus 03 ban bocor", "admin", "bus 03 ban bocor"),
        (
            "tlg kabari mas wahyu, kunci bus 02 ada di pos satpam",
            "mas wahyu",
            "kunci bus 02 ada di pos satpam",
        ),
        (
            "kasih tau pak budi sy udh sampe terminal giwangan",
            "pak budi",
            "sy udh sampe terminal giwangan",
        ),
    ],
)
def test_word_for_a_teammate_is_read_with_whom_and_what(
    text: str, recipient: str, message: str
) -> None:
    intent, fields = read(text)
    assert intent is Intent.RELAY_MESSAGE
    assert fields == {"recipient": recipient, "message": message}


def test_a_bare_hour_for_a_teammate_carries_the_hour() -> None:
    """ "bilangin joko jemputnya jam 5 ya", no day said: the hour is read too, so the
    assistant can change the trip it names (the one just shown, when he drives it); with
    none it is passed on as said."""
    intent, fields = read("bilangin joko jemputnya jam 5 ya")
    assert intent is Intent.RELAY_MESSAGE
    assert fields == {"recipient": "joko", "message": "jemputnya jam 5", "depart_time": "05:00"}


def test_a_question_about_what_a_teammate_did_is_offered_to_be_asked_of_them() -> None:
    """The owner's "sari td udh nagih bu rina blm?": the assistant cannot know; Sari can."""
    intent, fields = read("sari td udh nagih bu rina blm?", Role.OWNER)
    assert intent is Intent.RELAY_MESSAGE
    assert fields == {"recipient": "Sari", "message": "td udh nagih bu rina blm?"}


@pytest.mark.parametrize(
    "text",
    [
        "kabari wahyu trip malang tgl 2",  # the trip's notice: the assistant sends it
        "tolong kasih tau joko soal trip ke bandung ya",
        "tolong infokan ke joko jadwalnya",
        "tolong sampaikan ke pak budi nggih",  # nothing to pass on
        "nanti sy kabari lagi ya",  # a promise
        "oke siap pak, nanti sy sampaikan ke sopirnya",
        "wahyu udah dikabarin blm?",
        "kabarin semua besok libur",  # nobody by name
    ],
)
def test_what_is_no_word_to_pass_on(text: str) -> None:
    intent, _ = read(text, Role.OWNER)
    assert intent is not Intent.RELAY_MESSAGE


def test_said_again_to_the_same_teammate_while_one_waits_corrects_it() -> None:
    waiting = Extraction(
        intent=Intent.RELAY_MESSAGE,
        confidence=0.9,
        source="rules",
        fields=ExtractedFields(recipient="pak budi", message="sy telat 30 menit"),
    )
    context = ExtractionContext(
        today=dt.date(2026, 12, 1), role=Role.DRIVER, team_names=TEAM, pending=waiting
    )
    again = EXTRACTOR.extract("kabarin budi sy telat 45 menit", context)
    other = EXTRACTOR.extract("bilangin sari bsk sy izin", context)
    assert again.intent is Intent.CORRECT
    assert again.fields.message == "sy telat 45 menit"
    assert other.intent is Intent.RELAY_MESSAGE
    assert other.fields.recipient == "sari"


@pytest.mark.parametrize(
    ("text", "recipient", "message"),
    [
        (
            "sar tolong tagih pak hendra ya, sebelum jumat",
            "Sari",
            "tolong tagih pak hendra ya, sebelum jumat",
        ),
        ("mbak sar, tolong rekap nota bensin", "Sari", "tolong rekap nota bensin"),
        ("jok, besok kumpul di pool jam 4", "Joko", "besok kumpul di pool jam 4"),
    ],
)
def test_a_teammate_called_by_a_short_name_is_word_for_them(
    text: str, recipient: str, message: str
) -> None:
    """The first letters of one teammate's name, as said to a colleague ("sar", "jok")."""
    intent, fields = read(text, Role.OWNER)
    assert intent is Intent.RELAY_MESSAGE
    assert fields == {"recipient": recipient, "message": message}


@pytest.mark.parametrize("text", ["wah, gimana ini", "sip, makasih infonya"])
def test_an_opening_exclamation_is_no_short_name(text: str) -> None:
    """ "wah" begins Wahyu's name, but it is no word for him."""
    intent, _ = read(text, Role.OWNER)
    assert intent is not Intent.RELAY_MESSAGE


def test_collecting_everyone_listed_after_who_owes_is_word_for_the_admin() -> None:
    """ "tolong ditagih semua" after the list of who owes: word to the admin (the assistant
    puts the list in)."""
    listed = Extraction(intent=Intent.QUERY_OUTSTANDING, confidence=0.8, source="rules")
    context = ExtractionContext(
        today=dt.date(2026, 12, 1), role=Role.OWNER, team_names=TEAM, topic=listed
    )
    got = EXTRACTOR.extract("tolong ditagih semua", context)
    assert got.intent is Intent.RELAY_MESSAGE
    assert got.fields.stated() == {"recipient": "admin", "message": "tolong ditagih semua"}
    # Not after another answer: nobody is named to pass it on to.
    other = context.model_copy(update={"topic": None})
    assert EXTRACTOR.extract("tolong ditagih semua", other).intent is not Intent.RELAY_MESSAGE
