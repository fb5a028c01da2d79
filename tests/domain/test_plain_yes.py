"""Only a yes applies what waits: a yes alone, or with why it is one (agreed, settled),
never one passed on, left to be checked, put off or doubted."""

import pytest

from keloia.domain.model.conversation import plain_yes


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
    ],
)
def test_not_a_yes(text: str) -> None:
    assert not plain_yes(text)
