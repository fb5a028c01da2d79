"""A reading that leaves content words of the message unexplained is not sure of it
(adapters/rules/coverage.py, docs/nlu.md **Confidence**)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.adapters.rules.buses import BusMention
from keloia.adapters.rules.coverage import (
    UNSURE,
    attributes_missed,
    capped,
    lines_uneven,
    unexplained,
    values_missed,
)
from keloia.adapters.rules.money import MoneyMention
from keloia.adapters.rules.reading import Found
from keloia.domain.model.intents import (
    SURE_READING,
    ExtractedFields,
    Extraction,
    ExtractionContext,
    Intent,
)

TODAY = dt.date(2026, 3, 2)
EXTRACTOR = RulesExtractor()


def _found(text: str, masked: str) -> Found:
    """What the finders left of `text`: `masked` with the values read blanked out."""
    lower = text.lower()
    assert len(masked) == len(lower)
    return Found(text=text, lower=lower, today=TODAY, masked=masked)


def _reading(intent: Intent, confidence: float = 0.88, **fields: Any) -> Extraction:
    return Extraction(
        intent=intent,
        confidence=confidence,
        source="rules",
        fields=ExtractedFields.model_validate(fields),
    )


def test_a_name_read_short_leaves_its_end_unexplained() -> None:
    text = "trip PT sinar abadi untungnya brp?"
    found = _found(text, "trip          abadi untungnya brp?")
    short = _reading(Intent.QUERY_PROFIT, client_name="PT sinar")
    assert unexplained(found, short) == ["abadi"]
    sure, left = capped(found, short)
    assert sure.confidence == UNSURE < SURE_READING and left == ["abadi"]
    whole = _reading(Intent.QUERY_PROFIT, client_name="PT sinar abadi")
    assert capped(found, whole) == (whole, [])


def test_a_person_the_reading_drops_is_unexplained() -> None:
    text = "maaf pak tgl 20 sy ga bisa narik, anak sy sakit. bisa diganti joko ga?"
    found = _found(text, text.replace("tgl 20", "      "))
    schedule = _reading(Intent.QUERY_SCHEDULE, 0.85, date="2026-03-20")
    assert unexplained(found, schedule) == ["joko"]
    decline = _reading(Intent.DECLINE_TRIP, 0.9, ref_date="2026-03-20", driver="Joko")
    assert unexplained(found, decline) == []


def test_a_month_not_read_is_unexplained() -> None:
    found = _found("oktober kmrn pemasukan total brp?", "oktober      pemasukan total brp?")
    assert unexplained(found, _reading(Intent.QUERY_INCOME, 0.85, date="2026-03-01")) == ["oktober"]


def test_a_size_asked_is_explained_only_by_a_reading_keeping_it() -> None:
    text = "mas Yoga mau ke Dieng lusa, minta bus 45 seat, 4jt"
    found = _found(text, "         mau ke dieng     , minta bus 45 seat,    ")
    update = _reading(Intent.UPDATE_BOOKING, client_name="mas Yoga", route_to="Dieng")
    assert unexplained(found, update) == ["seat"]
    booking = _reading(Intent.CREATE_BOOKING, client_name="mas Yoga", route_to="Dieng", seats=45)
    assert unexplained(found, booking) == []


def test_talk_around_a_request_and_keywords_are_explained() -> None:
    text = "tolong catet ya mbak, nggih sampun, makasih"
    assert unexplained(_found(text, text.lower()), _reading(Intent.CREATE_BOOKING)) == []


@pytest.mark.parametrize("intent", [Intent.CONFIRM, Intent.REJECT, Intent.UNKNOWN])
def test_yes_no_and_unknown_are_never_capped(intent: Intent) -> None:
    found = _found("ya zorblax", "ya zorblax")
    reading = _reading(intent, 0.9)
    assert capped(found, reading) == (reading, [])


def test_the_extractor_caps_a_reading_leaving_words_unexplained() -> None:
    context = ExtractionContext(today=TODAY)
    sure = EXTRACTOR.extract("bus 03 ganti oli 900rb hari ini", context)
    assert sure.intent is Intent.LOG_MAINTENANCE and sure.confidence >= SURE_READING
    odd = EXTRACTOR.extract("bus 03 ganti oli 900rb hari ini, zorblax quuxer", context)
    assert odd.intent is Intent.LOG_MAINTENANCE and odd.confidence < SURE_READING


def test_a_number_no_value_keeps_is_missed() -> None:
    """ "tgl 24 sm 25" read as the 24th alone: the 25 is a day the reading missed."""
    text = "tgl 24 sm 25 ada bus kosong gak?"
    found = _found(text, "       sm 25 ada bus kosong gak?")
    one_day = _reading(Intent.QUERY_FREE_BUSES, 0.85, date="2026-03-24")
    assert unexplained(found, one_day) == ["25"]
    assert capped(found, one_day)[0].confidence == UNSURE
    both = _reading(Intent.QUERY_FREE_BUSES, 0.85, date="2026-03-24", date_to="2026-03-25")
    assert capped(found, both) == (both, [])


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # A count of what no field keeps, and the value a correction rejects, are said.
        ("sleman - dieng 2 hari 1 malam", _reading(Intent.CREATE_BOOKING)),
        ("bus 11 ganti 6 ban", _reading(Intent.LOG_MAINTENANCE, bus="bus 11")),
        ("harganya 12jt bukan 15", _reading(Intent.CORRECT, price=12_000_000)),
        # A phone written 0812... is kept as +62812...
        ("cp 0813-5566-7788", _reading(Intent.UPDATE_BOOKING, client_phone="+6281355667788")),
        # Doubled words ("jalan2") hold no number.
        ("jalan2 ke dieng", _reading(Intent.CREATE_BOOKING, route_to="dieng")),
    ],
)
def test_numbers_that_are_said_not_missed(text: str, reading: Extraction) -> None:
    assert [w for w in unexplained(_found(text, text), reading) if w[0].isdigit()] == []


@pytest.mark.parametrize(
    "text",
    [
        "karang taruna batal, dp nya 500rb hangus",
        "booking bu lilis dikonfirmasi ya, udh dp 2jt tf bca",
        "trip pak agus beres, pelunasan 2jt dititip ke sy cash",
    ],
)
def test_a_payment_read_beside_a_request_of_its_own_is_unsure(text: str) -> None:
    """Every word is a keyword, yet the cancellation, the confirmation or the end of the
    trip is left unread by a reading of the payment alone."""
    found = _found(text, text)
    payment = _reading(Intent.RECORD_PAYMENT, 0.92, amount=2_000_000)
    assert capped(found, payment)[0].confidence == UNSURE
    both = payment.model_copy(update={"more": (_reading(Intent.CANCEL_BOOKING, 0.9),)})
    if "batal" in text:
        assert capped(found, both)[1] == []


@pytest.mark.parametrize(
    ("text", "masked", "reading", "missed"),
    [
        # A second amount read as nothing: the payment beside the price change.
        (
            "harga pak hendra jd 12jt, sekalian dia tf 2jt bca",
            "harga pak hendra jd     , sekalian dia tf     bca",
            _reading(Intent.UPDATE_BOOKING, client_name="pak hendra", price=12_000_000),
            ["2000000"],
        ),
    ],
)
def test_a_value_read_that_no_field_keeps_is_missed(
    text: str, masked: str, reading: Extraction, missed: list[str]
) -> None:
    found = _found(text, masked)
    found.money = [
        MoneyMention(start=text.index("12jt"), end=text.index("12jt") + 4, value=12_000_000),
        MoneyMention(start=text.index("2jt b"), end=text.index("2jt b") + 3, value=2_000_000),
    ]
    assert values_missed(found, reading) == missed
    assert capped(found, reading)[0].confidence == UNSURE


@pytest.mark.parametrize(
    "text",
    [
        "bu hartini bayar 1jt qris, sisa 1,6jt dibayar pas brkt",  # what is left, said
        "bu wulan dp 1jt, total 3,5jt, tf bri kmrn",  # the whole, said
        "pak hendra cancel, dp 3jt dibalikin 2jt potongan 1jt",  # paid before the refund
        "pak yusuf 3 bus tgl 14 des jogja - wonosobo, per bus 4,5jt",  # a price per bus
    ],
)
def test_amounts_said_beside_the_one_recorded_are_no_miss(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.confidence >= SURE_READING, reading


@pytest.mark.parametrize("text", ["pak hendra tf 2jt tgl 5"])
def test_a_payment_read_as_today_beside_another_day_is_unsure(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.RECORD_PAYMENT and reading.confidence < SURE_READING


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("pak hendra mau tf 2jt besok", "2026-03-03"),  # promised: the day it is to come
        ("pak hendra mau tf besok 2jt", "2026-03-03"),  # the day between promise and money
        ("pak hendra mau dp 2jt besok", "2026-03-03"),
        ("pak hendra tf 2jt lusa", "2026-03-04"),
        ("pak hendra tf 2jt kemarin", "2026-03-01"),
    ],
)
def test_a_payment_keeps_the_day_it_moves(text: str, paid: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.RECORD_PAYMENT
    assert str(reading.fields.paid_date) == paid


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("bu rina katanya mau lunasin sisanya minggu depan tp blm transfer", "admin"),
        ("pak, td pak agus bilang pelunasannya mau ditf senin, jd sy ga narik duit", "driver"),
        ("pak kemarin bu dewi bilang mau nambah 5 orang, kira2 muat ga ya bus 04", "driver"),
        ("kata pak hendra jemputnya mau ganti jam 6", "admin"),
        ("bu dewi nambah 5 orang, kira2 muat ga bus 04", "admin"),
    ],
)
def test_a_plan_reported_or_wondered_is_no_sure_request(text: str, role: str) -> None:
    """Someone's plan passed on ("katanya mau", "X bilang ... mau") or whether something
    would work ("kira2 ... ga") is no request of the sender's own: any action or
    unasked question read from it is unsure (adapters/rules/hearsay.py)."""
    context = ExtractionContext(today=TODAY, role=role)
    reading = EXTRACTOR.extract(text, context)
    assert reading.intent is Intent.UNKNOWN or reading.confidence < SURE_READING, reading


@pytest.mark.parametrize(
    "text",
    [
        "pak hendra mau tf 2jt",
        "pak hendra janji bayar 2jt",
        "pak hendra mau tf 2jt tgl 5",
        "pak hendra mau dp 2jt",  # "dp" said as the verb promised
        "bu dewi mo dp 1jt tf bca",
        "bu dewi janji dp 1,5jt",
        "pak hendra mau ditf 2jt",
    ],
)
def test_money_promised_with_no_day_to_come_is_no_payment(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.UNKNOWN


@pytest.mark.parametrize(
    ("text", "amount", "method"),
    [
        ("pak hendra tf 2jt, besok mau tf lagi 1jt", 2_000_000, "transfer"),
        ("pak hendra tf 2jt, besok tf lagi 1jt", 2_000_000, "transfer"),
        ("besok pak hendra mau tf 1jt, hari ini udah tf 2jt", 2_000_000, "transfer"),
        ("pak hendra dp 2jt cash, pelunasan mau tf minggu depan 6jt", 2_000_000, "cash"),
        ("pak hendra tf 2jt bca, besok mau tf lagi 1jt cash", 2_000_000, "transfer_bca"),
        ("pak hendra tf 1jt, bu dewi mau tf 500rb besok", 1_000_000, "transfer"),
    ],
)
def test_money_promised_beside_money_paid_is_no_second_payment(
    text: str, amount: int, method: str
) -> None:
    """Only the money paid is proposed, with its own way of paying; the promise is in no
    payment line."""
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.RECORD_PAYMENT
    assert reading.fields.amount == amount and reading.fields.method == method
    assert reading.fields.client_name == "pak hendra" and not reading.fields.payments


def test_money_promised_beside_money_paid_leaves_nothing_unread() -> None:
    """The promise and its day are said, not missed: the money paid is read sure."""
    for text in (
        "pak hendra tf 2jt, besok mau tf lagi 1jt",
        "sma 1 depok tf 3jt bri, lusa mau tf lg 1,5jt katanya",
        "pak hendra tf 2jt, mau tf lagi 1jt minggu depan",
    ):
        reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
        assert reading.intent is Intent.RECORD_PAYMENT, text
        assert reading.confidence >= SURE_READING, text


def test_a_seat_is_a_part_of_the_bus_in_a_problem() -> None:
    text = "ac bus 02 netes ke kursi belakang"
    found = _found(text, "ac        netes ke kursi belakang")
    problem = _reading(Intent.REPORT_PROBLEM, bus="bus 02", description=text)
    assert unexplained(found, problem) == []


@pytest.mark.parametrize(
    ("text", "price", "dp"),
    [
        ("bu sinta booking bus 03 tgl 20 des jogja-solo 5jt, dp nya mau tf besok 1jt", 5, 1),
        ("bu sinta booking tgl 20 des jogja-solo harga 5jt, dp 1jt mau ditf besok", 5, 1),
        ("bu sinta mau sewa bus 03 tgl 20 des jogja-solo 5jt, dpnya besok 1jt", 5, 1),
        ("bu sinta booking tgl 20 des jogja solo 5jt. dp nyusul 1jt", 5, 1),
        ("bu sinta booking tgl 20 des jogja-solo 5jt, dp 1jt minggu depan", 5, 1),
        ("pak agus mau sewa bus tgl 20 jogja-solo, mau tf dp 1jt", None, 1),
        ("sd 2 booking tgl 10 des semarang-jogja, mau tf 3jt", None, 3),  # never the price
        ("sd 2 booking 10 des semarang jogja, nanti mau tf 3jt", None, 3),
        ("sd 2 booking tgl 10 des semarang-jogja 8jt, mau tf 3jt", 8, 3),
        ("sd 2 booking tgl 10 des semarang-jogja, mau bayar 3jt besok", None, 3),
    ],
)
def test_a_new_bookings_dp_promised_is_no_money_paid(text: str, price: int | None, dp: int) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.CREATE_BOOKING
    assert reading.fields.price == (price * 1_000_000 if price else None)
    assert reading.fields.dp_amount == dp * 1_000_000 and reading.fields.dp_promised


@pytest.mark.parametrize(
    "text",
    [
        "bu sinta booking tgl 20 des jogja-solo 5jt, dp 1jt udah tf",
        "bu sinta booking tgl 20 des jogja-solo 5jt, dp 1jt cash",
        "bu sinta booking tgl 20 des jogja-solo 5jt dp 1jt brkt jam 5",
        "bu sinta booking besok jogja-solo 5jt dp 1jt",  # the booking's own day
    ],
)
def test_a_new_bookings_dp_paid_is_money_paid(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is Intent.CREATE_BOOKING
    assert reading.fields.price == 5_000_000 and reading.fields.dp_amount == 1_000_000
    assert not reading.fields.dp_promised


def test_the_rest_promised_is_not_the_day_of_the_money_paid() -> None:
    reading = EXTRACTOR.extract("pak hendra tf 2jt, sisanya besok", ExtractionContext(today=TODAY))
    assert reading.intent is Intent.RECORD_PAYMENT and reading.fields.paid_date is None


@pytest.mark.parametrize(
    "text",
    [
        "mas rudi tf 1jt, katanya sisanya mau dibayar di tempat",  # the payment said apart
        "pak hendra katanya mau bayar senin, sisanya brp?",  # asked of what is reported
        "kira2 bus 04 bisa dipake tgl 5 ga",  # the wondering is the question
    ],
)
def test_a_report_beside_a_request_is_read_as_before(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY, role="admin"))
    assert reading.confidence >= SURE_READING, reading


def _payments(*lines: dict[str, Any]) -> Extraction:
    first = lines[0]
    return _reading(Intent.RECORD_PAYMENT, 0.92, **first, payments=list(lines))


@pytest.mark.parametrize(
    ("reading", "uneven"),
    [
        # "bayar 5jt sama 3jt, tf bsi": the method said once, kept on the second alone.
        (
            _payments(
                {"client_name": "pak bambang", "amount": 5_000_000},
                {"client_name": "pak bambang", "amount": 3_000_000, "method": "transfer_bsi"},
            ),
            True,
        ),
        # "tf 2jt sama 1,5jt td pagi, bri": the bank kept on one transfer, not its neighbour.
        (
            _payments(
                {"client_name": "pak agus", "amount": 2_000_000, "method": "transfer"},
                {"client_name": "pak agus", "amount": 1_500_000, "method": "transfer_bri"},
            ),
            True,
        ),
        # Two banks said, one for each: as said.
        (
            _payments(
                {"client_name": "pak agus", "amount": 2_000_000, "method": "transfer_bca"},
                {"client_name": "pak agus", "amount": 1_500_000, "method": "transfer_bri"},
            ),
            False,
        ),
        # "premi sopir 500rb, premi kernet 300rb" read as two driver's premiums.
        (
            _reading(
                Intent.RECORD_TRIP_COST,
                cost_type="premi_sopir",
                amount=500_000,
                costs=[
                    {"cost_type": "premi_sopir", "amount": 500_000},
                    {"cost_type": "premi_sopir", "amount": 300_000},
                ],
            ),
            True,
        ),
    ],
)
def test_lines_treating_a_word_said_once_unevenly_are_unsure(
    reading: Extraction, uneven: bool
) -> None:
    found = _found("x", "x")
    assert bool(lines_uneven(reading)) is uneven
    assert (capped(found, reading)[0].confidence == UNSURE) is uneven


def test_a_value_read_of_the_requests_own_kind_that_no_field_keeps_is_missed() -> None:
    text = "mas rudi transfer 750rb kemarin, buat sisa"
    found = _found(text, text)
    found.payment_type = "pelunasan"
    payment = _reading(Intent.RECORD_PAYMENT, 0.92, client_name="mas rudi", amount=750_000)
    assert attributes_missed(found, payment) == ["payment_type pelunasan"]
    assert capped(found, payment)[0].confidence == UNSURE
    kept = _reading(
        Intent.RECORD_PAYMENT,
        0.92,
        client_name="mas rudi",
        amount=750_000,
        payment_type="pelunasan",
    )
    assert attributes_missed(found, kept) == []
    # A question names what it asks about: no field of it is missed.
    asked = _reading(Intent.QUERY_OUTSTANDING, 0.9, client_name="mas rudi")
    assert attributes_missed(found, asked) == []


def test_a_ranking_said_and_not_kept_is_missed() -> None:
    found = _found("yg nunggak paling lama siapa", "yg nunggak paling lama siapa")
    assert attributes_missed(found, _reading(Intent.QUERY_OUTSTANDING, 0.9)) == ["rank"]
    assert attributes_missed(found, _reading(Intent.QUERY_OUTSTANDING, 0.9, rank="oldest")) == []


@pytest.mark.parametrize(
    "text",
    [
        "harga pak hendra jadi 12jt, mau tf 2jt besok",  # the price changed, the money promised
        "harga pak hendra jd 12jt, katanya mau dp lagi 2jt",
        "karang taruna mau dp 1jt, sekalian busnya pake bus 04 sopir wahyu",
        "trip pak hendra selesai, sisanya mau tf besok 6jt",
        "booking pak darto udh fix, katanya mau tf dp 3jt besok",
    ],
)
def test_money_promised_beside_a_change_is_no_payment(text: str) -> None:
    reading = EXTRACTOR.extract(text, ExtractionContext(today=TODAY))
    assert reading.intent is not Intent.RECORD_PAYMENT and reading.fields.amount is None


def _bus(text: str, name: str) -> BusMention:
    at = text.lower().index(name.lower())
    return BusMention(start=at, end=at + len(name), text=name)


def test_a_bus_the_reading_drops_is_missed() -> None:
    """'asuransi bus 01 sm bus 02 ...' read with Bus 01 alone drops Bus 02: not sure."""
    text = "asuransi bus 01 sm bus 02 sampe 15 maret 2027"
    found = _found(text, text)
    found.buses = [_bus(text, "bus 01"), _bus(text, "bus 02")]
    one = _reading(Intent.RECORD_DOCUMENT, bus="bus 01", document_kind="insurance")
    assert values_missed(found, one) == ["bus 02"]
    both = _reading(
        Intent.RECORD_DOCUMENT,
        documents=[
            {"document_kind": "insurance", "bus": "bus 01", "date": "2027-03-15"},
            {"document_kind": "insurance", "bus": "bus 02", "date": "2027-03-15"},
        ],
    )
    assert values_missed(found, both) == []


def test_a_bus_said_to_be_wrong_or_not_written_as_a_bus_is_not_missed() -> None:
    text = "eh salah, tadi yg solar itu bus 02 bukan bus 03"
    found = _found(text, text)
    found.buses = [_bus(text, "bus 02"), _bus(text, "bus 03")]
    fixed = _reading(Intent.CORRECT_LAST, bus="bus 02", record_kind="trip_cost")
    assert values_missed(found, fixed) == []
    # The finders' "2" of "ganti 2 ban" and a word after "busnya" are no bus the PO named.
    tyres = "bus 05: ganti 2 ban depan"
    found = _found(tyres, tyres)
    found.buses = [_bus(tyres, "bus 05"), BusMention(start=14, end=15, text="bus 2")]
    work = _reading(Intent.LOG_MAINTENANCE, bus="bus 05", maintenance_type="tire")
    assert values_missed(found, work) == []
    swap = "bpk agung busnya dituker jd bus 2"
    found = _found(swap, swap)
    found.buses = [_bus(swap, "busnya dituker"), _bus(swap, "bus 2")]
    assert values_missed(found, _reading(Intent.UPDATE_BOOKING, bus="bus 2")) == []
    named = "srikandi sm bus 2 kosong?"
    found = _found(named, named)
    found.fleet = ("srikandi",)
    found.buses = [_bus(named, "srikandi"), _bus(named, "bus 2")]
    assert values_missed(found, _reading(Intent.QUERY_BUS_STATUS, bus="bus 2")) == ["srikandi"]
