"""Follow-ups read by the rules against what the last answer was about
(ExtractionContext.topic): only a message that cannot stand alone leans on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role

TODAY = dt.date(2026, 11, 30)  # a Monday
TEAM = ("Budi", "Sari", "Joko", "Slamet", "Wahyu")
BUSES = ("Bus 01", "Bus 02", "Bus 03", "Bus 04")


def asked(intent: Intent, **fields: Any) -> Extraction:
    return Extraction.model_validate(
        {"intent": intent, "confidence": 0.9, "source": "rules", "fields": fields}
    )


def read(text: str, topic: Extraction | None, role: Role = Role.ADMIN) -> Extraction:
    context = ExtractionContext(
        today=TODAY, role=role, topic=topic, team_names=TEAM, bus_names=BUSES
    )
    return RulesExtractor().extract(text, context)


INCOME = asked(Intent.QUERY_INCOME)
WEEK = {"date": "2026-11-30", "date_to": "2026-12-06"}
DEWI = asked(Intent.QUERY_SCHEDULE, client_name="bu dewi", date="2026-12-04")
PROFIT = asked(Intent.QUERY_PROFIT, client_name="PT Sinar Abadi", date="2026-11-29")
KIR_01 = asked(Intent.QUERY_DOCUMENTS, bus="bus 01", document_kind="kir")
KIR_DUE = asked(Intent.QUERY_DOCUMENTS, document_kind="kir", detail="expiring")
SIM_JOKO = asked(Intent.QUERY_DOCUMENTS, driver="Joko", document_kind="sim")
BUS_01 = asked(Intent.QUERY_BUS_STATUS, bus="bus 01")


@pytest.mark.parametrize(
    ("text", "topic", "intent", "fields"),
    [
        ("kalo minggu ini", INCOME, Intent.QUERY_INCOME, WEEK),
        ("trus minggu ini brp?", INCOME, Intent.QUERY_INCOME, WEEK),
        (
            "kalo pak hendra?",
            asked(Intent.QUERY_OUTSTANDING, client_name="bu rina"),
            Intent.QUERY_OUTSTANDING,
            {"client_name": "pak hendra"},
        ),
        # Another person the same week: the period is kept, whom it is about replaced.
        (
            "kalo slamet?",
            asked(Intent.QUERY_SCHEDULE, driver="Joko", **WEEK),
            Intent.QUERY_SCHEDULE,
            {"driver": "Slamet", **WEEK},
        ),
        (
            "jemputnya dmn jam brp",
            asked(Intent.QUERY_SCHEDULE, **WEEK),
            Intent.QUERY_SCHEDULE,
            {**WEEK, "detail": "pickup"},
        ),
        (
            "yg ke malang brgkt jam brp",
            asked(Intent.QUERY_SCHEDULE),
            Intent.QUERY_SCHEDULE,
            {"route_to": "malang", "detail": "departure"},
        ),
        # A trip named anew by where it goes leaves the one day asked before; by its day,
        # the place asked before.
        (
            "trus yg ke malang brgkt jam brp",
            asked(Intent.QUERY_SCHEDULE, date="2026-12-01"),
            Intent.QUERY_SCHEDULE,
            {"route_to": "malang", "detail": "departure"},
        ),
        (
            "yg besok sopirnya sapa?",
            asked(Intent.QUERY_SCHEDULE, route_to="malang", detail="departure"),
            Intent.QUERY_SCHEDULE,
            {"date": "2026-12-01", "detail": "crew"},
        ),
        # How the trip shown rides, and the trip after it.
        (
            "pake bus apa pak?",
            asked(Intent.QUERY_SCHEDULE),
            Intent.QUERY_SCHEDULE,
            {"detail": "crew"},
        ),
        ("yg satu lg?", asked(Intent.QUERY_SCHEDULE), Intent.QUERY_SCHEDULE, {"detail": "next"}),
        (
            "biaya paling gede apa",
            PROFIT,
            Intent.QUERY_TRIP_COSTS,
            {"client_name": "PT Sinar Abadi", "date": "2026-11-29"},
        ),
        (
            "solarnya brp",
            PROFIT,
            Intent.QUERY_TRIP_COSTS,
            {"client_name": "PT Sinar Abadi", "date": "2026-11-29", "cost_type": "bbm"},
        ),
        # A name alone asks the same of that person; a change says pake, ganti or the role.
        ("wahyu?", DEWI, Intent.QUERY_SCHEDULE, {"driver": "Wahyu", "date": "2026-12-04"}),
        ("yaudah pake wahyu aja", DEWI, Intent.UPDATE_BOOKING, {"driver": "Wahyu"}),
        ("kernetnya pake slamet aja", DEWI, Intent.UPDATE_BOOKING, {"kernet": "Slamet"}),
        ("ganti bus 03 aja", DEWI, Intent.UPDATE_BOOKING, {"bus": "bus 03"}),
        # The person after the change word is the bus's new driver, not dropped.
        (
            "ganti sopir bus 03 jadi slamet",
            asked(Intent.QUERY_SCHEDULE, **WEEK),
            Intent.UPDATE_BOOKING,
            {"bus": "bus 03", "driver": "slamet"},
        ),
        (
            "sopir bus 02 diganti joko",
            asked(Intent.QUERY_SCHEDULE, **WEEK),
            Intent.UPDATE_BOOKING,
            {"bus": "bus 02", "driver": "joko"},
        ),
        # Whose balance was just asked: when that client leaves.
        (
            "brgkt kapan dia",
            asked(Intent.QUERY_OUTSTANDING, client_name="pak hendra"),
            Intent.QUERY_SCHEDULE,
            {"client_name": "pak hendra", "detail": "departure"},
        ),
        # What one client owes, asked again in Javanese.
        (
            "kurange?",
            asked(Intent.QUERY_OUTSTANDING, client_name="masjid baitussalam"),
            Intent.QUERY_OUTSTANDING,
            {"client_name": "masjid baitussalam"},
        ),
        # Another paper of the holder just asked of; that paper renewed.
        ("stnk nya?", KIR_01, Intent.QUERY_DOCUMENTS, {"bus": "bus 01", "document_kind": "stnk"}),
        (
            "kalo asuransinya smp kapan",
            KIR_01,
            Intent.QUERY_DOCUMENTS,
            {"bus": "bus 01", "document_kind": "insurance"},
        ),
        (
            "oh udh diperpanjang kmrn, smp 20 des 2027",
            KIR_01,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir", "date": "2027-12-20"},
        ),
        (
            "udah diperpanjang pak, berlaku sampai 3 maret 2028",
            SIM_JOKO,
            Intent.RECORD_DOCUMENT,
            {"driver": "Joko", "document_kind": "sim", "date": "2028-03-03"},
        ),
        # A particle ("kok", "lho") leaves the renewal elliptical.
        (
            "udh diperpanjang kok smp 20 des 2027",
            KIR_01,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir", "date": "2027-12-20"},
        ),
        # After the KIR of every bus running out, one bus of it named: its KIR renewed.
        (
            "bus 01 udh diperpanjang kok smp 20 des 2027",
            KIR_DUE,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir", "date": "2027-12-20"},
        ),
        (
            "yg bus 03 udah diperpanjang kemarin, berlaku sampai 15 januari 2028",
            KIR_DUE,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 03", "document_kind": "kir", "date": "2028-01-15"},
        ),
        # Renewed, no date said: the renewal, its new expiry then asked.
        (
            "udh diperpanjang kok",
            KIR_01,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir"},
        ),
        (
            "bus 01 udah diperbarui mbak",
            KIR_DUE,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir"},
        ),
        # A renewal not done, only planned, after that paper's expiry: nothing renewed,
        # nothing to record (a driver's word is passed on).
        (
            "bus 01 mau diperpanjang",
            KIR_DUE,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir", "detail": "not_renewed"},
        ),
        (
            "blm diperpanjang",
            KIR_01,
            Intent.RECORD_DOCUMENT,
            {"bus": "bus 01", "document_kind": "kir", "detail": "not_renewed"},
        ),
        (
            "wah mepet. minggu dpn sy urus pak",
            asked(Intent.QUERY_DOCUMENTS, document_kind="sim"),
            Intent.RECORD_DOCUMENT,
            {"document_kind": "sim", "detail": "not_renewed"},
        ),
        # After who owes what: the sum alone (the list was just shown).
        (
            "totalnya brp",
            asked(Intent.QUERY_OUTSTANDING),
            Intent.QUERY_OUTSTANDING,
            {"detail": "total"},
        ),
        (
            "totalnya brp semua",
            asked(Intent.QUERY_OUTSTANDING),
            Intent.QUERY_OUTSTANDING,
            {"detail": "total"},
        ),
        # After the overdue ones: that answer again, which ends with their total.
        (
            "totalnya brp",
            asked(Intent.QUERY_OUTSTANDING, detail="overdue"),
            Intent.QUERY_OUTSTANDING,
            {"detail": "overdue"},
        ),
        # After one bus's status (its last service shown): when the next is due.
        ("trs kapan hrs ganti lg", BUS_01, Intent.QUERY_BUS_STATUS, {"bus": "bus 01"}),
        # After a driver's trip: where the group comes from is the trip again.
        (
            "rombongannya dr mana",
            asked(Intent.QUERY_SCHEDULE, date="2026-11-30"),
            Intent.QUERY_SCHEDULE,
            {"date": "2026-11-30"},
        ),
        # A pickup given right after the trip was shown: that trip's change (fx45).
        (
            "jemput di terminal giwangan jam 5 pagi",
            asked(Intent.QUERY_SCHEDULE, client_name="pak hendra", detail="pickup"),
            Intent.UPDATE_BOOKING,
            {"pickup_place": "terminal giwangan", "depart_time": "05:00"},
        ),
        (
            "jemputnya di masjid agung aja ya",
            DEWI,
            Intent.UPDATE_BOOKING,
            {"pickup_place": "masjid agung"},
        ),
        (
            "jam 5 pagi",
            asked(Intent.QUERY_SCHEDULE, client_name="pak hendra", detail="pickup"),
            Intent.UPDATE_BOOKING,
            {"depart_time": "05:00"},
        ),
    ],
)
def test_a_follow_up_is_read_against_the_last_question(
    text: str, topic: Extraction, intent: Intent, fields: dict[str, Any]
) -> None:
    got = read(text, topic)
    assert (got.intent, got.fields.stated()) == (intent, fields)
    assert got.confidence >= 0.75


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Whole questions and actions stand alone, whatever was asked before.
        ("jadwal besok apa aja", INCOME),
        ("pak hendra tf 2jt", INCOME),
        ("bus 02 kapan ganti oli lg", INCOME),
        # Nothing to change after an answer about money in a period.
        ("pake wahyu aja", INCOME),
        # A bus's paper asked after a driver's SIM, a date after the paper's question that
        # says no renewal, a past date.
        ("stnk nya?", SIM_JOKO),
        # Who owes named nobody: whose trip is not known.
        ("brgkt kapan dia", asked(Intent.QUERY_OUTSTANDING)),
        ("kurange?", asked(Intent.QUERY_OUTSTANDING)),
        ("kir bus 02 smp 5 jan 2027", KIR_01),
        ("tgl 5 ada trip ga", KIR_01),
        ("oh udh habis kmrn", KIR_01),
        # A renewal under way: nothing renewed yet.
        ("bus 01 lagi diurus", KIR_DUE),
        # The next service of which bus? The last answer was the whole fleet.
        ("trs kapan hrs ganti lg", asked(Intent.QUERY_BUS_STATUS)),
        ("ok", BUS_01),
        # A bare hour is a pickup time only right after the pickup was asked.
        ("jam 5 pagi", DEWI),
    ],
)
def test_a_message_that_stands_alone_is_read_the_same_with_or_without_a_topic(
    text: str, topic: Extraction
) -> None:
    alone, after = read(text, None), read(text, topic)
    assert (after.intent, after.fields) == (alone.intent, alone.fields)


def test_a_trip_named_by_where_it_goes_takes_the_person_after_the_change_word() -> None:
    # After a driver's "ga bisa narik": which trip is said by its destination alone.
    got = read("yaudah yg ke malang ganti slamet aja", None, Role.OWNER)
    assert (got.intent, got.fields.stated()) == (
        Intent.UPDATE_BOOKING,
        {"route_to": "malang", "driver": "Slamet"},
    )
    # Without a change word it asks about that trip.
    assert read("yg ke malang brgkt jam brp", None).intent is Intent.QUERY_SCHEDULE


@pytest.mark.parametrize(
    "text", ["sopir bus 01 wahyu, bus 03 slamet", "sopir bus 01 joko, bus 03 slamet"]
)
def test_a_crew_for_each_bus_after_a_trip_is_a_change_whoever_closes_the_message(
    text: str,
) -> None:
    # The name closing the message is one of the team, as in "sopirnya slamet?": still a
    # crew per bus, the first named the single driver, never Slamet's trips asked.
    darto = asked(Intent.QUERY_SCHEDULE, client_name="pak darto", date="2026-12-10")
    got = read(text, darto)
    first = text.split()[3].rstrip(",").title()
    assert got.intent is Intent.UPDATE_BOOKING
    assert got.fields.driver == first
    assert [(line.bus, line.driver) for line in got.fields.crew] == [
        ("bus 01", first),
        ("bus 03", "Slamet"),
    ]
    # Asked of one of them alone, it is still his trips.
    assert read("sopirnya slamet?", darto).intent is Intent.QUERY_SCHEDULE


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jadwal wahyu", Intent.QUERY_SCHEDULE),
        ("trip slamet dong", Intent.QUERY_SCHEDULE),
        ("jadwal joko ya", Intent.QUERY_SCHEDULE),
        # A schedule word next to a name is not always asking his trips.
        ("wahyu libur", Intent.UNKNOWN),
    ],
)
def test_a_team_members_schedule_asked_by_name_alone(text: str, intent: Intent) -> None:
    got = read(text, None)
    assert got.intent is intent
    if intent is Intent.QUERY_SCHEDULE:
        assert got.fields.driver == text.split()[1].title()


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "karang taruna tgl 12 blm dpt bus ya? kasih bus 03, sopir slamet",
            {"client_name": "karang taruna", "ref_date": "2026-12-12", "bus": "bus 03"}
            | {"driver": "Slamet"},
        ),
        (
            "karang taruna blm ada bus ya? pake bus 04, sopir wahyu",
            {"client_name": "karang taruna", "bus": "bus 04", "driver": "Wahyu"},
        ),
        (
            "bu dewi busnya blm ada kan? pasang bus 01 aja",
            {"client_name": "bu dewi", "bus": "bus 01"},
        ),
    ],
)
def test_a_question_tacked_onto_an_instruction_does_not_swallow_it(
    text: str, fields: dict[str, Any]
) -> None:
    got = read(text, None)
    assert got.intent is Intent.UPDATE_BOOKING
    assert {k: str(v) for k, v in got.fields.stated().items()} == fields
    # The question alone is still a question.
    alone = read(text.split("?")[0] + "?", None)
    assert alone.intent is Intent.QUERY_SCHEDULE
    assert alone.fields.detail == "no_bus"


@pytest.mark.parametrize(
    ("text", "recipient", "message"),
    [
        (
            "sari suruh tagih sisanya ke pak hendra sblm berangkat",
            "sari",
            "tagih sisanya ke pak hendra sblm berangkat",
        ),
        ("tolong suruh joko cek ban bus 03 sblm brgkt", "joko", "cek ban bus 03 sblm brgkt"),
        ("suruh admin kirim invoice ke bu dewi ya", "admin", "kirim invoice ke bu dewi"),
    ],
)
def test_a_teammate_told_to_do_something_is_word_passed_on(
    text: str, recipient: str, message: str
) -> None:
    got = read(text, None, Role.OWNER)
    assert got.intent is Intent.RELAY_MESSAGE
    assert (got.fields.recipient, got.fields.message) == (recipient, message)


@pytest.mark.parametrize(
    "text",
    [
        "pak hendra suruh jemput jam 5",  # what a client asked for
        "pak budi suruh sy ke kantor",  # what the speaker was told
    ],
)
def test_suruh_of_someone_else_is_no_word_passed_on(text: str) -> None:
    assert read(text, None).intent is not Intent.RELAY_MESSAGE


def test_a_decline_asking_for_a_stand_in_is_the_decline_with_the_name() -> None:
    text = "pak sy tgl 7 ga bisa nyopir, ada nikahan adik. bisa diganti slamet ga?"
    got = read(text, None, Role.DRIVER)
    assert got.intent is Intent.DECLINE_TRIP
    assert got.fields.driver == "Slamet"
    assert got.fields.description == text
    # Asking something else besides is no decline read over it; no stand-in, no name.
    assert read("tgl 7 sy ga bisa, trs trip sy abis itu kapan?", None, Role.DRIVER).intent is not (
        Intent.DECLINE_TRIP
    )
    assert read("mbak sari, tgl 7 sy ga bisa narik", None, Role.DRIVER).fields.driver is None


OWED_HENDRA = asked(Intent.QUERY_OUTSTANDING, client_name="pak hendra")


@pytest.mark.parametrize("text", ["tolong ditagih", "sisanya tagihin ya", "tlg ditagih dong"])
def test_the_owner_asking_to_collect_a_balance_just_shown_is_word_to_the_admin(text: str) -> None:
    """The assistant puts whose balance and how much into the word (assistant/relay.py)."""
    got = read(text, OWED_HENDRA, Role.OWNER)
    assert got.intent is Intent.RELAY_MESSAGE
    assert got.fields.recipient == "admin"


@pytest.mark.parametrize("text", ["tolong ditagih", "tolong ditagih semua", "tagihin semuanya ya"])
def test_collecting_after_the_list_of_who_owes_is_word_to_the_admin(text: str) -> None:
    """Everyone the list showed: the assistant puts each client and amount in the word."""
    got = read(text, asked(Intent.QUERY_OUTSTANDING), Role.OWNER)
    assert (got.intent, got.fields.recipient) == (Intent.RELAY_MESSAGE, "admin")


@pytest.mark.parametrize(
    ("text", "topic", "role"),
    [
        # An admin collects herself; with no balance nor list of who owes shown, whose is
        # unknown (after the refunds due, nobody owes).
        ("tolong ditagih", OWED_HENDRA, Role.ADMIN),
        ("tolong ditagih", asked(Intent.QUERY_OUTSTANDING, detail="refund"), Role.OWNER),
        ("tolong ditagih", INCOME, Role.OWNER),
        ("tolong ditagih bu rina juga", OWED_HENDRA, Role.OWNER),
    ],
)
def test_collect_is_no_word_to_the_admin_without_a_balance_of_one_client(
    text: str, topic: Extraction, role: Role
) -> None:
    assert read(text, topic, role).fields.recipient != "admin"


DEWI_CREW = asked(Intent.QUERY_SCHEDULE, client_name="bu dewi", detail="crew", **WEEK)


@pytest.mark.parametrize(
    ("text", "driver"),
    [("wahyu aja", "Wahyu"), ("joko aja deh", "Joko"), ("pake slamet aja pak", "Slamet")],
)
def test_a_teammate_settled_after_one_trips_crew_drives_it(text: str, driver: str) -> None:
    """ "wahyu aja" right after "bu dewi sopirnya sapa" (no driver yet): he drives it (the
    trip is the one the answer showed, assistant/targets.py)."""
    got = read(text, DEWI_CREW)
    assert (got.intent, got.fields.driver) == (Intent.UPDATE_BOOKING, driver)


@pytest.mark.parametrize("text", ["wahyu?", "kalo wahyu?", "kalo wahyu", "wahyu aja?"])
def test_a_teammate_asked_after_one_trips_crew_is_his_trips(text: str) -> None:
    got = read(text, DEWI_CREW)
    assert (got.intent, got.fields.driver) == (Intent.QUERY_SCHEDULE, "Wahyu")
    # After a schedule of several clients, "wahyu aja" still asks his trips.
    assert read("wahyu aja", asked(Intent.QUERY_SCHEDULE, **WEEK)).intent is Intent.QUERY_SCHEDULE


FREE_24 = asked(Intent.QUERY_FREE_BUSES, date="2026-12-24", bus_count=3)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("yg 50 seat keatas aja", {"seats": 50, "bus_count": 3}),
        ("yg 45 kursi ke atas", {"seats": 45, "bus_count": 3}),
        ("kalo yg 55 seat?", {"seats": 55, "bus_count": 3}),
        ("yg 50 seat keatas, 2 bus aja", {"seats": 50, "bus_count": 2}),
    ],
)
def test_a_size_after_the_free_buses_asks_those_of_it(text: str, fields: dict[str, Any]) -> None:
    got = read(text, FREE_24)
    assert got.intent is Intent.QUERY_FREE_BUSES
    assert got.fields.stated() == {"date": "2026-12-24", **fields}
    assert read(text, None).intent is not Intent.QUERY_FREE_BUSES  # the size alone asks nothing


@pytest.mark.parametrize(
    ("question", "text", "fields"),
    [
        (
            "Sopir *Bu Dewi, Jogja – Pangandaran, Jumat, 4 Des* belum ditentukan. Mau pakai siapa?",
            "slamet aja",
            {"driver": "Slamet"},
        ),
        (
            "Kernet *Pak Hendra, Jogja – Malang, Rabu, 2 Des* (sekarang Slamet) mau diganti siapa?",
            "pak joko",
            {"kernet": "Joko"},
        ),
    ],
)
def test_who_takes_a_crew_seat_asked_of_a_waiting_change(
    question: str, text: str, fields: dict[str, Any]
) -> None:
    """ "slamet aja" to the seat asked of a change waiting with nothing to change (fx45)."""
    waiting = asked(Intent.UPDATE_BOOKING, client_name="bu dewi")
    context = ExtractionContext(
        today=TODAY,
        pending=waiting,
        recent_turns=("sopirnya bu dewi mau diganti", question),
        team_names=TEAM,
        bus_names=BUSES,
    )
    got = RulesExtractor().extract(text, context)
    assert (got.intent, got.fields.stated()) == (Intent.CORRECT, fields)
