"""Several requests in one message: each read alone, in order, only when each stands on
its own; otherwise the message stays one request."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.adapters.rules.several import parts
from keloia.domain.model.intents import ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()


def read(text: str, role: Role = Role.ADMIN) -> list[tuple[Intent, dict[str, object]]]:
    e = EXTRACTOR.extract(text, ExtractionContext(today=TODAY, role=role))
    return [(r.intent, r.fields.stated()) for r in (e, *e.more)]


def test_payment_then_a_change_of_another_trip() -> None:
    (pay, paid), (change, changed) = read(
        "bu rina tf 2,2jt bca, sekalian bsk pkk jemputnya ganti jam 6"
    )
    assert (pay, paid["client_name"], paid["amount"]) == (Intent.RECORD_PAYMENT, "bu rina", 2200000)
    assert change is Intent.UPDATE_BOOKING
    assert changed == {"ref_date": "2026-12-01", "depart_time": "06:00"}


def test_a_bus_and_a_client_do_not_mix() -> None:
    (work, done), (pay, paid) = read(
        "bus 04 ganti oli hr ini 850rb, sekalian pak hendra dp 1jt cash"
    )
    assert work is Intent.LOG_MAINTENANCE and done["cost"] == 850000 and "client_name" not in done
    assert pay is Intent.RECORD_PAYMENT and paid["client_name"] == "pak hendra"
    assert paid["amount"] == 1000000


def test_sentences_for_two_clients() -> None:
    found = read("pak hendra dp 1jt cash. bu dewi jemputnya ganti jam 5")
    assert [(i, f["client_name"]) for i, f in found] == [
        (Intent.RECORD_PAYMENT, "pak hendra"),
        (Intent.UPDATE_BOOKING, "bu dewi"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The DP names nobody: it belongs to the change before it.
        "harga pak hendra jd 8,5jt sekalian dp 1jt cash",
        # Values of one booking separated by commas.
        "Pak Agus booking 15 Maret Jogja-Semarang bus 01, 15jt, dp 5jt udah tf BCA",
    ],
)
def test_one_request_stays_one(text: str) -> None:
    assert len(read(text)) == 1


def test_a_payment_and_a_change_of_one_client_are_both_kept() -> None:
    # Read whole, the payment would drop the new pickup time: each is proposed in turn.
    for text in (
        "pak hendra dp 1jt. pak hendra jemput jam 5",
        "pak hendra dp tambahan 2jt tf bca, trus dia minta jemputnya jam 5 pagi",
    ):
        found = read(text)
        assert [i for i, _ in found] == [Intent.RECORD_PAYMENT, Intent.UPDATE_BOOKING], text
        assert found[0][1]["payment_type"] == "dp" and found[1][1]["depart_time"] == "05:00"


def test_a_question_read_whole_is_not_cut_into_an_action() -> None:
    assert (
        read("bsk sy jd kernet ya pak? sopirnya sapa", Role.DRIVER)[0][0] is Intent.QUERY_SCHEDULE
    )
    assert len(read("bsk sy jd kernet ya pak? sopirnya sapa", Role.DRIVER)) == 1


def test_parts_cut_at_joiners_not_at_commas() -> None:
    assert parts("bus 01, 15jt, dp 5jt") == ["bus 01, 15jt, dp 5jt"]
    assert parts("pak hendra dp 1jt, trus bu dewi batal") == ["pak hendra dp 1jt", "bu dewi batal"]
    assert parts("Rp1.000.000 dr pak hendra") == ["Rp1.000.000 dr pak hendra"]
    assert parts("jadwal bsk apa? oh iya bus 03 ganti oli") == [
        "jadwal bsk apa?",
        "bus 03 ganti oli",
    ]


def test_a_lead_in_or_thanks_is_no_request() -> None:
    listed = read(
        "mbak catet ya:\n- pak hendra tf 2jt bca\n- bu dewi jemput jam 5 di terminal jombor"
    )
    assert [i for i, _ in listed] == [Intent.RECORD_PAYMENT, Intent.UPDATE_BOOKING]
    assert len(read("pak hendra tf 2jt bca. makasih mbak")) == 1


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "kir sm stnk yg mau abis apa aja? trus jadwal besok apa",
            ["query_documents kir", "query_documents stnk", "query_schedule"],
        ),
        (
            "jadwal besok apa? trus kir sm stnk yg mau abis apa aja",
            ["query_schedule", "query_documents kir", "query_documents stnk"],
        ),
    ],
)
def test_two_papers_asked_beside_another_question_keep_all_three(
    text: str, want: list[str]
) -> None:
    got = RulesExtractor().extract(
        text, ExtractionContext(today=dt.date(2026, 11, 30), role=Role.OWNER)
    )
    said = [
        f"{r.intent.value} {r.fields.document_kind.value}".strip()
        if r.fields.document_kind
        else r.intent.value
        for r in (got, *got.more)
    ]
    assert said == want
