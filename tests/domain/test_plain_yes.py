"""Only a yes applies what waits: a yes alone, or with why it is one (agreed, settled),
never one passed on, left to be checked, put off or doubted."""

import pytest

from keloia.domain.model.conversation import plain_yes, yes_naming_it, yes_with_own_verb
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent


@pytest.mark.parametrize(
    "text",
    [
        "ya",
        "ok pak",
        "iya bapak",
        "wes oke kata bos, ya lanjut catat",
        "udh oke katanya, catat aja",
        "oke udh masuk katanya, lanjut",
        "oke kliennya setuju, catat",
        "oke kata beliau",
        "udah bener, simpen aja",
        "ok disimpen aja mbak",
        "ya betul semua",
        "iya semuanya bener pak",
        "nah itu baru bener, ok",
        "nah gitu baru betul, catat",
    ],
)
def test_a_yes(text: str) -> None:
    assert plain_yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok bilang bapak",  # "I will tell the boss"
        "ok blg bos",
        "oke bilang klien",
        "ok dicek",  # "it will be checked"
        "ya dicek",
        "iya beliau",
        "oke kliennya",  # nothing says the client agreed
        "ya langsung",
        "ok kata bos jangan dulu",
        "ya masuk angin aku",
        "iya bapak lagi keluar",
        "oke klien blm setuju",
        "aman kok, tp nanti aja",
        "kata bos oke ga ya?",
        "oke harganya",
        "simpen dulu ya, blm pasti",
        "betul semua tp nanti dulu ya",
        "ya semua bus?",
        "nah itu baru bener, tp sy tanya bu rina dulu",
        "itu baru bener kan?",
        "ok baru masuk 1jt",
        "ya tapi nanti dulu",
    ],
)
def test_not_a_yes(text: str) -> None:
    assert not plain_yes(text)


def _waiting(intent: Intent, **fields: object) -> Extraction:
    said = ExtractedFields.model_validate({"client_name": "SD Muhammadiyah", **fields})
    return Extraction(intent=intent, confidence=0.9, source="rules", fields=said)


MOVE = _waiting(Intent.UPDATE_BOOKING, shift_days=1)
CANCEL = _waiting(Intent.CANCEL_BOOKING)
DELETE = Extraction(intent=Intent.UNDO_LAST, confidence=0.9, source="rules")
PAYMENT = Extraction(
    intent=Intent.RECORD_PAYMENT,
    confidence=0.9,
    source="rules",
    fields=ExtractedFields(client_name="Bu Rina", amount=1_000_000),
)


@pytest.mark.parametrize(
    ("text", "waiting"),
    [
        ("ya udah mundurin", MOVE),
        ("iya diundur aja pak", MOVE),
        ("ok majuin", MOVE),
        # "batalin" said to someone while a cancellation waits cancels the trip.
        ("iya batalin aja", CANCEL),
        ("ya dibatalkan", CANCEL),
        # "hapus" while the deletion of a record just saved waits.
        ("iya hapus", DELETE),
        ("ya hapus aja mbak", DELETE),
        ("ok dihapus", DELETE),
    ],
)
def test_a_yes_with_the_waiting_actions_verb(text: str, waiting: Extraction) -> None:
    assert yes_with_own_verb(text, waiting)


@pytest.mark.parametrize(
    ("text", "waiting"),
    [
        ("ya udah batalin", MOVE),  # another action's verb
        # "batal" also calls off what waits: beside a yes to a cancellation it is unclear.
        ("ya udah batal aja", CANCEL),
        ("ya udah mundurin", CANCEL),
        ("ya udah mundurin", PAYMENT),  # a payment has no such verb
        ("mundurin", MOVE),  # no yes
        ("ya mundurin?", MOVE),  # asked
        ("ya mundurin tp tanya dulu", MOVE),
        ("iya hapus", PAYMENT),  # a payment waiting: "hapus" is no yes to it
        ("iya hapus", CANCEL),
        ("iya hapus?", DELETE),
        ("iya hapus tp nanti", DELETE),
    ],
)
def test_no_yes_with_another_verb(text: str, waiting: Extraction) -> None:
    assert not yes_with_own_verb(text, waiting)


TEAM = ("Pak Budi", "Sari", "Joko")


@pytest.mark.parametrize(
    "text",
    [
        "udh oke kata pak budi, catet",
        "udeh, kate pak budi bener. catet",
        "eh iya td blm dijawab, bener kok catet",
        "iye aje",
    ],
)
def test_a_yes_with_who_agreed_of_the_team(text: str) -> None:
    assert plain_yes(text, TEAM)


@pytest.mark.parametrize(
    "text",
    [
        "kata bapak batal aja",  # "batal" after "kata bapak" is no name
        "udh oke kata pak hendra, catet",  # a client's word, not the PO's
        "oke kata pak budi nanti dulu",
    ],
)
def test_no_yes_with_anyone_else_said_to_agree(text: str) -> None:
    assert not plain_yes(text, TEAM)


def test_who_agreed_needs_the_team() -> None:
    assert not plain_yes("udh oke kata pak budi, catet")


def test_a_yes_with_the_waiting_amount_said_again() -> None:

    waiting = Extraction(
        intent=Intent.RECORD_PAYMENT,
        confidence=1.0,
        source="rules",
        fields=ExtractedFields(client_name="Bu Rina", amount=2_000_000),
    )
    assert yes_naming_it("iya 2jt", waiting)
    assert not yes_naming_it("iya 3jt", waiting)
