"""One spelling of "no" and "not yet" (domain/model/news.py NO, NOT_YET, CALLED_OFF) for
every rule that reads them: a spelling one rule knows, every rule knows."""

import pytest

from keloia.domain.model.conversation import plain_call_off
from keloia.domain.model.moves import moves_the_day
from keloia.domain.model.news import uncancelled
from keloia.domain.services.assistant.crew_answers import TOLD_ASKED_RE

SPELLINGS = ["ga", "gak", "gk", "nggak", "ngga", "enggak", "engga", "tidak", "tdk", "ndak"]
SPELLINGS += ["nda", "ora", "nggk"]


@pytest.mark.parametrize("no", [*SPELLINGS, "g"])
def test_called_off_alike_everywhere(no: str) -> None:
    assert plain_call_off(f"{no} jadi")
    assert plain_call_off(f"{no} jd deh")
    assert uncancelled(f"pak hendra {no} jadi cancel")
    assert uncancelled(f"{no} usah dibatalin")
    # "ga jadi tgl 4": a day called off, its "jadi" no new day.
    assert not moves_the_day(f"{no} jadi tgl 4")


@pytest.mark.parametrize("no", SPELLINGS)
def test_a_closing_no_asks_whether_told(no: str) -> None:
    assert TOLD_ASKED_RE.search(f"wahyu udah dikabarin {no}")


def test_a_plates_letter_is_no_no() -> None:
    """ "g" is "ga" only before the verb it negates: closing a message it is a plate's."""
    assert not TOLD_ASKED_RE.search("wahyu udah tau bus AD 1234 G")


@pytest.mark.parametrize("said", ["gajadi", "gajd", "gjd", "gakjadi"])
def test_called_off_in_one_word(said: str) -> None:
    assert plain_call_off(said)
    assert uncancelled(f"{said} cancel ya")


@pytest.mark.parametrize("not_yet", ["belum", "blm", "blom", "blum", "durung"])
def test_not_yet_asks_whether_told(not_yet: str) -> None:
    assert TOLD_ASKED_RE.search(f"sopirnya {not_yet} dikasih tau ya")


def test_tak_is_no_no() -> None:
    """ "tak batalin" is Javanese "I cancel it": never a cancellation refused."""
    assert not uncancelled("tak batalin ya pak")
    assert not plain_call_off("tak jadi")
