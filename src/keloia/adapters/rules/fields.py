"""Step 3 of reading a message: keep the fields the chosen intent carries, each value in
its role (departure or return date, price or DP, client or driver...)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace
from typing import Any

from keloia.adapters.rules import dates, payments
from keloia.adapters.rules.buses import BUS_UNFIT_RE, BusMention
from keloia.adapters.rules.clientnote import client_note
from keloia.adapters.rules.costs import cost_lines, cost_types, find_cost_type
from keloia.adapters.rules.crew import (
    crew_lines,
    listed_for_buses,
    named_pair,
    second_driver,
    waiting_crew,
)
from keloia.adapters.rules.dates import DateMention
from keloia.adapters.rules.fleet import (
    CARRIES_ON_RE,
    IN_PLACE_OF_RE,
    SENT_IN_PLACE_RE,
    broken_down_replaced,
    service_of_works,
    status_bus,
    work_note,
    works_note,
    worn_wiper,
)
from keloia.adapters.rules.gazetteer import PLACE_RE
from keloia.adapters.rules.intents import (
    ACTIVITY_BY_RE,
    BACK_IN_FULL_RE,
    CLIENT_THEN_MATE_RE,
    COUNT_CALLED_OFF_RE,
    DATE_ASKED_RE,
    DAY_OF_ASKED_RE,
    DAY_OFF_RE,
    DECLINE_RE,
    DOER_RE,
    DP_ASKED_RE,
    DP_FORFEITED_RE,
    DP_KEPT_RE,
    DP_NOT_YET_PROMISED_RE,
    DRIVES_TRIP_RE,
    DUE_SOON_RE,
    ERRAND_RE,
    ESTIMATED_AMOUNT_RE,
    EXPIRED_TOLD_RE,
    FREE_TO_STAND_IN_RE,
    FREE_WORD_RE,
    GRANTED_TO_PRICE_RE,
    HOLIDAY_WORD_RE,
    HOLIDAYS_RE,
    IF_WORDS,
    KERNET_OFFER_RE,
    LAST_PAID_ASKED_RE,
    LEBARAN_RE,
    MEMBER_DROPS_OUT_RE,
    MEMBER_GIVEN_RE,
    MEMBER_GOES_RE,
    MEMBER_NOW_ASKED_RE,
    NO_BUS_RE,
    NO_DRIVER_RE,
    NOT_RENEWED_RE,
    NOTHING_PAID_RE,
    OVERDUE_ASKED_RE,
    OWN_ERRAND_AFTER_RE,
    OWN_UANG_JALAN_RE,
    PAID_ASKED_RE,
    PAID_MOST_RE,
    PART_BACK_RE,
    PARTY_RE,
    PROBLEM_RE,
    PROMISE_RE,
    PUT_ON_TRIP_RE,
    QUESTION_RE,
    REFUND_ASKED_RE,
    REFUND_WORD_RE,
    RENEW_ASKED_RE,
    RENEWED_RE,
    REPORT_RE,
    RETRACT_RE,
    SCHOOL_BREAK_RE,
    STAND_IN_NAMED_RE,
    STAND_IN_RE,
    SWAP_OFFER_RE,
    TRIP_DATE_RE,
    UNCONFIRMED_ASKED_RE,
    UNDECIDED_RE,
    UNDERWAY_RE,
    UNPAID_IF_RE,
    UPDATE_RE,
    WAIVE_RE,
    WHICH_BUS_DRIVEN_RE,
    WHO_DRIVES_RE,
    WHO_STANDS_IN_RE,
    WORK_DUE_RE,
    change_beside_payment,
    day_to_come,
    driver_off,
    offer_mate,
    price_told,
    service_due_of_fleet,
    stand_in,
)
from keloia.adapters.rules.money import MoneyMention
from keloia.adapters.rules.names import HONORIFIC_RE, NameMention
from keloia.adapters.rules.newbus import SEATS_RE, read_seats
from keloia.adapters.rules.reading import (
    BARE_DRIVER_RE,
    DOC_KIND_RES,
    NOT_A_NAME,
    Found,
    called_off_after,
    dropped_bus,
    text_before,
)
from keloia.adapters.rules.routes import TRIP_NAMED_RE
from keloia.adapters.rules.text import STOP_WORDS, first_listed, mask, word_patterns, words
from keloia.adapters.rules.vocabulary import (
    AFTER_TOMORROW,
    ALL,
    ALREADY,
    AND,
    BALANCE,
    CALLED_OFF,
    CHANGE,
    COSTS_NAMED,
    DEPART,
    DP,
    DRIVER,
    DRIVER_WORD_RE,
    FLEET,
    KERNET_WORD_RE,
    ME,
    MOST,
    NEXT,
    PAY,
    REFUND,
    SETTLE,
    TOMORROW,
    TRANSFER,
    mark_re,
    word_re,
)
from keloia.domain.model import news
from keloia.domain.model.bookings import BY_DESTINATION_RE
from keloia.domain.model.clients import mentioned, name_key
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.intents import INTENTS, Intent, IntentKind
from keloia.domain.model.money import CostCategory
from keloia.domain.model.moves import month_only_said
from keloia.domain.model.payments import PaymentType, format_rupiah
from keloia.domain.model.text import format_km

# Which fields the rules fill, per intent: the domain's table, for what they read as
# actions and questions (a paper request's fields are read by papers.py).
ALLOWED: dict[Intent, frozenset[str]] = {
    intent: spec.fields
    for intent, spec in INTENTS.items()
    if spec.kind in (IntentKind.ACTION, IntentKind.QUERY)
    or intent
    in (
        Intent.REPORT_PROBLEM,
        Intent.DECLINE_TRIP,
        Intent.REPORT_DELAY,
        Intent.RETRACT_DECLINE,
        Intent.OFFER_TRIP,
    )
}
# Questions about a day or a period: their dates read as a date and an end date.
PERIOD_QUERIES = frozenset(
    {
        Intent.QUERY_SCHEDULE,
        Intent.QUERY_PROFIT,
        Intent.QUERY_BUS_REVENUE,
        Intent.QUERY_SEASON,
        Intent.QUERY_TRIP_COSTS,
    }
)
CHANGED_TO = rf"\b(?:{CHANGE}|pake|pakai)\s+(?:ke\s+|jadi\s+|jd\s+)?(?:pak\s+|mas\s+)?"


# Where money was sent ("transfer ke bca", "tf ke rek BRI bapak"): an account, never a place.
_MONEY_SENT_TO_RE = re.compile(
    r"\b(?:tf|trf|trsf|transfer|ditransfer|ditf|kirim|dikirim|setor|disetor)\s+(?:\w+\s+)?ke\s+$"
)


def _money_sent_there(lower: str, place: str) -> bool:
    at = lower.find(place)
    return at > 0 and _MONEY_SENT_TO_RE.search(lower[:at]) is not None


def _changed_to(found: Found, member: str) -> bool:
    """ "ganti slamet aja", "diganti joko": a change word, then the PO's person named."""
    first = member.lower().split()[0] if member.split() else ""
    return bool(first) and re.search(rf"{CHANGED_TO}{re.escape(first)}\b", found.lower) is not None


def _one_changed_to(found: Found) -> str | None:
    """The one of the PO's people named after a change word: the one who is told first
    ("ganti slamet aja"), else another of them ("joko sakit, pkk diganti slamet")."""
    if found.team_member and _changed_to(found, found.team_member):
        return found.team_member
    named = [m for m in found.team if m != found.team_member and _changed_to(found, m)]
    return named[0].title() if len(named) == 1 else None


# "sopir yg kosong siapa aja": the free drivers asked, not the buses.


# "bus sama sopir yg kosong", "sopir & armada yg free": the buses and the drivers, both.
_FLEET_WORD = rf"(?:(?:{FLEET})(?:nya)?)"
_AND = rf"\s*(?:{AND}|&|\+|,|plus|ato|atau|sekalian|skalian|juga\s+sama)\s*"
# "sopir bus yg kosong": the two words side by side before the free ones asked.
_BOTH = r"\s+(?=(?:yg|yang)\b)"
FLEET_AND_CREW_RE = re.compile(
    rf"\b{_FLEET_WORD}{_AND}(?:{DRIVER})\b|\b(?:{DRIVER}){_AND}{_FLEET_WORD}\b"
    rf"|\b(?:{DRIVER})\s+{_FLEET_WORD}{_BOTH}|\b{_FLEET_WORD}\s+(?:{DRIVER}){_BOTH}"
    # "bus yg nganggur bsk apa aja? sm sopir yg kosong sapa": the buses asked, then the
    # drivers with them.
    # ("sesuk bis sing kosong opo wae? sopir e sopo sing nganggur": the second question alone.)
    rf"|\b{_FLEET_WORD}\s+(?:yg|yang|sing)\s+(?:kosong|nganggur|free)\b[^?]*\?\s*"
    rf"(?:(?:sm|sama|dan|ama|karo|terus|trus|trs)\s+)?(?:{DRIVER})\b"
)


# A person asked for: "yg free siapa", "sapa yg kosong".
PERSON_ASKED_RE = re.compile(r"\b(?:siapa|sapa|sp|spa)\b")


# Words before "catat apa aja" that name no one: the asker, a role.
_NOT_A_NAME = words("saya sy aku aq gue gw kita kami kamu anda dia mereka admin owner pemilik")


def _activity_by(lower: str) -> str | None:
    """ "td dodi catat apa aja": the name whose changes are asked, as written."""
    said = ACTIVITY_BY_RE.search(lower)
    if said is None or said.group(1) in STOP_WORDS | _NOT_A_NAME:
        return None
    return said.group(1)


def crew_asked(lower: str) -> str | None:
    """Whom of the crew a free-bus question asks about instead: "crew" (the drivers:
    "sopir yg kosong siapa"), "kernet" ("kalo kernet?", "kernet yg nganggur sapa"), or
    "fleet_crew" with the buses ("bus sama sopir yg kosong tgl 2 siapa aja")."""
    if FLEET_AND_CREW_RE.search(lower):
        return "fleet_crew"
    if DRIVER_WORD_RE.search(lower):
        return "crew"
    if KERNET_WORD_RE.search(lower):
        return "kernet"
    # "besok siapa yg nganggur", "slamet diganti siapa yg kosong": "siapa" asks a person,
    # a bus is asked with "apa" or "mana".
    return "crew" if _WHO_IS_FREE_RE.search(lower) and not _BUS_WORD_RE.search(lower) else None


_WHO = r"\b(?:siapa|siapa2|sapa|sp|sopo|spa)\b"
_FREE = r"\b(?:kosong|nganggur|free|senggang|longgar)\b"
_WHO_IS_FREE_RE = re.compile(rf"{_WHO}(?=.*{_FREE})|{_FREE}.*{_WHO}|{WHO_STANDS_IN_RE.pattern}")
# ("bisa" is no bus word.)
_BUS_WORD_RE = re.compile(r"\b(?:bus|bis|armada|unit|mobil|kendaraan)(?:nya|ne|e|s)?\b")


DAYS_RE = re.compile(
    r"\b(\d{1,2})\s*(?:hari|hr|h)\b(?!\s*(?:lagi|ke\s*depan|kedepan))|\b(\d)\s*[dh]\s*\d\s*[nm]\b"
    # "selama tiga hari": the count in words.
    r"|\b(dua|tiga|empat|lima|enam|tujuh)\s+(?:hari|hr)\b(?!\s*(?:lagi|ke\s*depan|kedepan))"
)
_DAY_COUNT_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}
# "yg tgl 21 mudik balik mundur ke tgl 22": the trip home after the holiday (arus balik) is
# what moves, its "balik" no return.
# The day out said, or said to stay: "berangkatnya tetep tgl 2".
DEPART_KEPT_RE = re.compile(
    r"\b(?:berangkat|brangkat|brgkt|brkt|budal|mangkat|tetep|tetap|ttp)\w*\b"
)
# The day back moved, not the trip: "pulangnya diundur", "baliknya dimajuin".
RETURN_SHIFTED_RE = re.compile(
    r"\b(?<!mudik )(?<!arus )(?:pulang|pulangnya|pulange|plg|plgnya|balik|baliknya|balike)"
    # ("pulangnya pak hendra mundur jd tgl 4": whose, named between.)
    r"\s+(?:(?:pak|bu|ibu|mbak|mas|bapak)\s+[a-z]+\s+)?"
    r"(?:di)?(?:undur|mundur|maju|majuin|majuke|mundurke|geser|molor)\w*"
)
RETURN_MARK_RE = mark_re(
    r"pulang|pulangnya|pulange|plg|plgnya|(?<!mudik )(?<!arus )balik(?:e|nya)?"
    r"|kembali|sampai|s/d|smp",
    words_between=2,
)


def _stand_in_for(found: Found, out: dict[str, Any]) -> None:
    """ "slamet aja kernet pkk besok gantiin wahyu": the teammate named after "gantiin" is
    the one replaced; the one named before it, marked as the one chosen ("slamet aja",
    "slamet gantiin ..."), takes the role. Never "... gantiin wahyu aja" (Wahyu chosen) or
    "wahyu ga usah gantiin slamet"."""
    for role in ("kernet", "driver"):
        replaced = str(out.get(role) or "").lower()
        if not replaced:
            continue
        m = re.search(
            r"(?<!usah\s)(?<!jgn\s)(?<!jangan\s)(?<!ojo\s)(?<!ga\s)(?<!gak\s)"
            r"\b(?:gantiin|gantikan|nggantiin|gantike|nggantike|nggantosi)\s+"
            rf"(?:(?:pak|mas)\s+)?{re.escape(replaced)}\b(?!\s+(?:aja|wae|ae|saja)\b)",
            found.lower,
        )
        if m is None:
            continue
        chosen = [
            n
            for n in found.team
            if n != replaced
            and re.search(rf"\b{n}\s+(?:aja|wae|ae|saja)\b|\b{n}\s*$", found.lower[: m.start()])
        ]
        if len(chosen) == 1:
            out[role] = chosen[0].title()


# "pulangnya bu ratih jd tgl 8": the way back of the client named between.
_RETURN_OF_CLIENT_RE = re.compile(
    r"\b(?:pulang|pulangnya|pulange|plg|plgnya|baliknya|balike)\s+"
    r"(?:pak|bu|ibu|mbak|mas|bapak)\s+[a-z]+\s+(?:jd|jadi|dadi|dados|diganti|ganti)\W*"
    r"(?:(?:tgl|tanggal)\W*)?$"
)
NEW_DATE_MARK_RE = re.compile(
    rf"\b(?:{CHANGE}|jadinya|menjadi|pindah|dipindah|mundur|diundur|maju|dimajukan|geser"
    # ("dimajuin", "mundurin", "diundurin": the Jakarta "-in" of the same words.)
    rf"|digeser|reschedule|ke|dimajuin|majuin|dimundurin|mundurin|diundurin|undurin)\W*"
    rf"(?:ke\W*)?(?:(?:{DEPART})(?:nya)?\W*)?"
    r"(?:hari\W*)?(?:tgl\W*|tanggal\W*)?"
    rf"(?:{dates.WEEKDAY_RE}\W*)?$"
)
# "pak hendra pindah lg, brgkt kamis tgl 3 aja", "bu dewi tetep tgl 4 aja, ga jadi maju":
# in a message that moves a trip, the day it leaves (or stays on) is its new day.
_MOVE_SAID_RE = re.compile(
    r"\b(?:pindah|dipindah\w*|mundur\w*|diundur\w*|undur\w*|maju\w*|dimaju\w*|geser\w*"
    r"|digeser\w*)\b"
    # ("dimajuin jam 5", "pindah jam": the hour moved, not the day.)
    r"(?!\s+(?:ke\s+)?(?:jam|jm|pukul)\b)"
)
_LEAVES_ON_RE = re.compile(
    rf"\b(?:{DEPART}|tetep|tetap|ttp|balik\s+ke)\W*(?:hari\W*)?(?:{dates.WEEKDAY_RE}\W*)?"
    r"(?:tgl\W*|tanggal\W*)?$"
)
_ITS_OWN_DAY_RE = re.compile(r"\b(?:yg|yang|semula|awalnya|tadinya|asalnya|mestinya)\s*$")
PAY_DATE_SKIP_RE = re.compile(
    rf"\b(?:{DP}|{PAY}|{SETTLE}|{TRANSFER}|nyusul|ditagih|tagih)\b[^,\n]*$"
)
NEXT_DUE_RE = mark_re(
    r"next|berikutnya|brikutnya|brkutnya|berikute|brikute|selanjutnya|slanjutnya|selanjute"
    r"|cek\s+lagi|servis\s+lagi|ganti\s+lg|servis\s+lg|cek\s+lg"
    r"|service\s+lagi|ganti\s+lagi|(?:servis|service)\s+brkt(?:\s*nya)?"
    r"|jatuh\s+tempo|due|lagi|kembali|sampai|s/d|berlaku",
    words_between=2,
)
# "DPnya udah tf 4jt": the DP said done before the word of its moving.
DP_MARK_RE = mark_re(DP, rf"(?:{DP})(?:\s+nya)?\s+(?:{ALREADY})", words_between=1)
# A cancellation's money by its role: "dibalikin 2jt" given back, "potongan 1jt" the fee.
# ("refundnya 2,5jt aja bukan 3": the money going back, its "-nya" said.)
REFUND_MARK_RE = mark_re(rf"(?:{REFUND})(?:nya|ne|e)?", words_between=1)
FEE_MARK_RE = mark_re(
    r"potongan|potongannya|potongane|dipotong|potong|denda|dendanya|dendane|kena"
    r"|biaya\s+(?:batal|pembatalan|cancel)(?:nya)?|fee|hangus",
    # "cancellation fee yang disepakati 2 juta": the fee agreed.
    r"(?:potongan|denda|fee|biaya\s+(?:batal|pembatalan|cancel)(?:nya)?)\s+(?:yang|yg)"
    r"\s+(?:di|ter)?(?:sepakat|setuju|kena|minta|tetap|kasih|putus)\w*",
    words_between=1,
)
FEE_JUST_BEFORE_RE = re.compile(
    r"\b(?:potongan|potongannya|potongane|dipotong|potong|denda|dendanya|dendane|kena)\s*"
    r"(?:aja\s+|jadi\s+|jd\s+)?$"
)
# "yg 1jt buat potongan": the fee named after its amount.
FEE_AFTER_RE = re.compile(
    # "dp 2jt nya hangus": the amount's "-nya" before its fee word.
    r"(?:\s*(?:nya|na|ne))?(?:\s+(?:aja\s+|saja\s+)?(?:hangus\s+)?(?:(?:buat|untuk|utk|jadi|jd|sbg|sebagai)\s+)?"
    r"(?:potongan|potongannya|potongane|denda|dendanya|dendane|biaya\s+(?:batal|pembatalan|cancel))\b"
    # "dp 2jt sudah saya infokan hangus": said to the client already, kept all the same.
    r"|\s+(?:(?:sudah|udah|udh|sdh|dah)\s+)?(?:(?:saya|sy|kami|aku)\s+)?"
    r"(?:(?:infokan|infoin|bilang|bilangin|sampaikan|kabarin|kabarkan)\s+)?"
    r"(?:hangus|hilang|ga\s+balik|gak\s+balik|tidak\s+kembali)\b)"
)
# A detail of the trips just shown: where and when the bus picks up, when it leaves. Asking
# for the crew, the bus or the route wants the whole trip again.
PICKUP_WORDS = words(
    """jemput jemputnya penjemputan dijemput kumpul kumpulnya titik dimana dmn dmna lokasi
    lokasinya alamat alamatnya tempat tempatnya"""
)
DEPARTURE_WORDS = words("brgkt berangkat berangkatnya brkt brangkat jam jamnya pukul kapan kpn")
RETURN_WORDS = words("pulang pulangnya pulange plg plgnya balik baliknya balike kembali kembalinya")
# "pulang jam 9 malam", "baliknya sekitar jam 8": the hour the trip comes back, which is no
# pickup time (a booking keeps only the hour it leaves).
RETURN_TIME_RE = re.compile(
    r"\b(?:pulang|pulangnya|plg|plgnya|balik|baliknya|kembali|kembalinya)"
    r"(?:\s+(?:dari\s+\w+|sekitar|skitar|kira2|kira-kira|paling|plg|lambat|telat|nanti|ntar|pagi|siang|sore|malam|malem|mlm))*\s*$"
)
# "sopirnya siapa", "kernetnya sapa" after trips were shown: who rides each, nothing more.
CREW_DETAIL_WORDS = words(
    """sopir sopirnya sopire supir supirnya supire driver drivernya kernet kernetnya kernete
    kenek keneknya keneke"""
)
# The crew, the bus or the route asked: the whole trip again (the crew alone: see trip_detail).
WHOLE_TRIP_WORDS = CREW_DETAIL_WORDS | words(
    """bus busnya bis rute rutenya tujuan tujuannya pulang pulangnya plg balik baliknya sapa
    siapa sp lewat lwt jalur jalurnya kemana kmn"""
)
# "kernete ada?": whether the trip has one is asked as who it is.
WHO_WORDS = words("siapa sapa sp spa ada")


# "pake bus apa", "unitnya apa" after trips were shown: which bus rides each (the crew
# line says it, with who rides it).
BUS_DETAIL_WORDS = words(
    "bus busnya bis armada armadanya unit unitnya kendaraan kendaraannya apa apaan mana"
)


# The hour asked, not the day: "brgkt jam brp", "berangkatnya pukul berapa".
HOUR_ASKED_RE = re.compile(
    r"\b(?:jam|jamnya|pukul)\s+(?:brp|berapa|brapa|berape|berapo|brapo|piro|pira|sabaraha|sbrh)\b"
    # "dadi mangkat jam 5 nggih?", "jadi brgkt jam 6 kan?": the hour checked is asked too.
    r"|\b(?:brgkt|berangkat|brangkat|brkt|mangkat|budal|budhal)\w*\s+(?:jam|jm|pukul)\s*"
    r"\d{1,2}(?:[.:]\d{2})?\s*(?:nggih|nggeh|ya|yo|to|tho|kan|kah|toh)?\s*\?"
    # "jadi brgkt jam 4 apa jam 5?": which of two hours.
    r"|\bjam\s*\d{1,2}(?:[.:]\d{2})?\s+(?:apa|atau|ato|opo|pa)\s+(?:jam\s*)?\d{1,2}\b[^?]*\?"
)


def _in_the_question(found: Found, days: list[dates.DateMention]) -> list[dates.DateMention]:
    """Of several days, the one in the clause that asks whether the bus is free ("jumat aman
    kan?"; "bus 04 lusa aman, kan besok baru keluar bengkel?" asks of lusa), when one is."""
    if len(days) < 2 or "?" not in found.lower:
        return days
    clauses = [m.span() for m in re.finditer(r"[^,.;?\n]+", found.lower)]
    asked = [
        d
        for d in days
        for a, b in clauses
        if a <= d.start < b and _FREE_ASKED_RE.search(found.lower, a, b)
    ]
    return asked if len(asked) == 1 else days


_FREE_ASKED_RE = re.compile(r"\b(?:aman|kosong|bisa|bs|free|nganggur|tersedia|longgar|bentrok)\b")


def trip_detail(found: Found) -> str | None:
    asked, _, after = found.lower.rpartition("?")
    # "yg ke bromo jemputnya dmn ya? sopirnya nanya td": the remark after the question
    # (why it is asked) asks nothing.
    why = r"\b(?:nanya|nanyain|tanya|nanya2|minta|butuh|biar|soalnya|krn|karena)\b"
    if not asked or QUESTION_RE.search(after) or not re.search(why, after):
        asked = found.lower
    said = set(re.findall(r"[a-z0-9]+", asked))
    crew_asked = (said & CREW_DETAIL_WORDS and said & WHO_WORDS) or WHO_DRIVES_RE.search(asked)
    if crew_asked and not said & (WHOLE_TRIP_WORDS - CREW_DETAIL_WORDS - WHO_WORDS):
        return "crew"
    bus_asked = said & (BUS_DETAIL_WORDS - words("apa apaan mana")) and said & words("apa mana")
    other_details = WHOLE_TRIP_WORDS | PICKUP_WORDS | DEPARTURE_WORDS | RETURN_WORDS
    if bus_asked and not said & (other_details - BUS_DETAIL_WORDS):
        return "crew"
    if said & RETURN_WORDS and not said & (WHOLE_TRIP_WORDS - RETURN_WORDS):
        return "return"  # "pulangnya tgl brp": the day it comes back
    if said & WHOLE_TRIP_WORDS:
        return None
    if said & words("sopir2 supir2 sopir supir driver kru crew") and said & words(
        "skrg sekarang posisi"
    ):
        return None  # "sopir2 pada dimana skrg?": where the crew are, the day's trips
    goes_where = said & _GOES_WHERE or ({"pergi", "nyopir", "narik"} & said and "mana" in said)
    if said & PICKUP_WORDS and goes_where:
        return None  # "kula nyopir tindak pundi? methuk jam pinten?": the whole trip
    if (
        said & PICKUP_WORDS
        and not said & _PLACE_ASKED
        and _HOUR_ASKED_RE.search(asked)
        and not _WHICH_PLACE_RE.search(asked)
    ):
        return "departure"  # "bsk jemput jam brp", "kumpul jam piro": the hour, no place asked
    if said & PICKUP_WORDS:
        return "pickup"
    return "departure" if said & DEPARTURE_WORDS else None


_GOES_WHERE = words("kemana kmn kmana tindak")
_PLACE_ASKED = words(
    "dimana dmn dmna mana lokasi lokasinya alamat alamatnya tempat tempatnya titik"
    " ndi ngendi endi pundi mn nandi nggon nggone tempate lok lokasine alamate"
)
# "jemputnya di balai desa apa di masjid?": which of two places, asked.
_WHICH_PLACE_RE = re.compile(r"\b(?:di|nang|neng|ing)\s+\w+(?:\s+\w+)?\s+(?:apa|ato|atau|opo)\s+")
_HOUR_ASKED_RE = re.compile(r"\bjam\s*(?:brp|berapa|piro|pira|pinten|sabaraha|bara)\b")


# A workshop stay with its end said ("smp tgl 2", "sampai besok").
WORKSHOP_UNTIL_RE = word_re(r"smp|sampe|sampai|sampay|hingga|s/d|sd")
# The cancel word that ends a condition ("kalo blm dp smp jumat *batalin* aja").
CANCEL_WORD_RE = re.compile(r"\b(?:di)?(?:batal|cancel)\w*")
BALANCE_MARK_RE = mark_re(BALANCE, r"tinggal|dari\s+total|total\s+tagihan", words_between=2)
# "pak hendra tf 2jt, sisanya besok", "dp masuk. pelunasan lusa": the day is of what is
# left, said apart from the money paid.
_REST_LATER_RE = re.compile(r"[,.;]|\b(?:sisa\w*|kekurangan\w*|pelunasan\w*|lunas\w*|lagi|lg)\b")


MOVED_THEN_RE = word_re(PAY, TRANSFER, SETTLE, DP, r"bayarin|dibayarin|transferin|ditransferin")
DONE_RE = word_re(ALREADY, r"td|tadi|barusan|brusan|kemarin|kmrn|kmarin")


# "tf 2jt tgl 28", "1,5jt bca tgl 27": between the amount and its day, only the way it came.
_PAID_DAY_GAP_RE = re.compile(
    r"[\s,]*(?:(?:via|lewat|ke|tf|transfer|trf|cash|tunai|bca|bri|bni|mandiri|bsi|btn|cimb)"
    r"[\s,]*)*(?:pada|pd|masuk)?\s*"
)


def _paid_on_day(found: Found, d: DateMention) -> dt.date | None:
    """ "pak hendra tf 2jt tgl 28" said on the 30th: a bare day of the month right after
    the money paid is the day it came, the latest such day on or before today (money
    received lies in the past, as a cost's "solar tgl 27" does)."""
    if not d.day_only or d.vague:
        return None
    before = [mo for mo in found.money if mo.end <= d.start]
    if not before or not _PAID_DAY_GAP_RE.fullmatch(found.lower[before[-1].end : d.start]):
        return None
    if promised_money(found, before[-1], dated=True):
        return None
    return dates.resolve_day_back(d.date.day, found.today)


# "pak hendra tgl 28 tf 2jt": between a bare day and the money after it, only that it moved.
_DAY_THEN_PAID_RE = re.compile(
    r"[\s,]*(?:(?:udh|udah|sudah|sdh|dah|td|tadi)\s+)?"
    r"(?:tf|transfer|trf|transfer\w*|bayar|byr|dp|lunas\w*|pelunasan|cash|tunai)\s*"
)


def _day_before_paid(found: Found, d: DateMention) -> dt.date | None:
    """ "pak hendra tgl 28 tf 2jt": a bare day before any money, the money moved right
    after it, no word saying it is the trip's. Either the trip's day (read forward, as the
    contract reads a bare day) or the day the money came (read back): the day back is
    given as paid_on beside ref_date, and the assistant, which knows the client's trips,
    keeps the one that fits (see money_plans.one_day_said)."""
    if not d.day_only or d.vague or any(mo.start < d.start for mo in found.money):
        return None
    after = [mo for mo in found.money if mo.start >= d.end]
    if not after or not _DAY_THEN_PAID_RE.fullmatch(found.lower[d.end : after[0].start]):
        return None
    if promised_money(found, after[0], dated=True):
        return None
    return dates.resolve_day_back(d.date.day, found.today)


def _promised_day(found: Found, d: DateMention) -> bool:
    """ "pak hendra mau tf 2jt besok": a day to come said with the money itself is when it
    is promised, kept as the payment's day: the money has not moved, so nothing is
    proposed (payments.not_ahead: "... belum terjadi ... Catat saat uangnya sudah
    diterima")."""
    if not d.relative or d.date <= found.today or len(found.money) != 1:
        return False
    money = found.money[0]
    if d.start < money.start:
        # "pak hendra besok mau tf 2jt": the day, then the money promised; "mau tf besok
        # 2jt": the promise, its day, then the money, in one clause.
        clause = CLAUSE_END_RE.split(found.lower[: money.start])[-1]
        in_clause = d.start >= money.start - len(clause)
        # "katanya pak hendra besok lunasin 4jt", "bsk tf 2jt": money moving on a day to
        # come, in the same clause, is money not moved yet (never paid today).
        paid_then = in_clause and MOVED_THEN_RE.search(clause)
        return bool(
            PROMISE_RE.search(found.lower[d.start : money.start])
            or (in_clause and PROMISE_RE.search(clause))
            or (paid_then and not DONE_RE.search(clause))
        )
    between = found.lower[money.end : d.start]
    return not _REST_LATER_RE.search(between)


NEW_BUS_MARK_RE = mark_re(CHANGE, r"pake|pakai|ke|dituker")
# "... wahyu biar istirahat buat yg ke malang": a trip named by where it goes ("..., wahyu
# biar istirahat sblm ke malang": the trip he goes on after).
TRIP_BY_DESTINATION_RE = re.compile(r"\b(?:yg|yang|sblm|sebelum|sebelumnya|sakdurunge)\s+ke\s*$")
AFTER_THE_CHANGE_RE = re.compile(r"[,;.\n]|\b(?:buat|untuk|utk|bwt|biar)\b")


# "parkir masjid agung 20rb", "tol di ...": the place a cost was paid at.
_NOT_TRIP = r"(?!(?:trip|tripnya|buat|bwt|untuk|utk|yg|yang|ke|rombongan)\b)"
_COST_PLACE_RE = re.compile(r"\b(?:parkir|parkiran|retribusi)\s+(?:di\s+)?$")
# "parkir pak satpam 20rb": whom it was paid to by what they do there, no client.
_ON_DUTY_RE = re.compile(
    r"\b(?:satpam|ogah|dishub|polisi|polantas|kasir|tukang|jago|penjaga|petugas|preman|jukir"
    r"|parkir|timer|calo|pos|rt|rw|desa|kampung|masjid)\b"
)


def iso(d: dt.date) -> str:
    return d.isoformat()


# "malang kui budhal jam piro", "bandung itu brgkt kapan": a known place opening its clause,
# pointed at, then when it leaves asked: the trip going there (never "yg dari solo itu",
# "jogja itu macet", "malang nya diundur kan").
_POINTED_RE = re.compile(
    r"\s+(?:kui|kuwi|iku|itu|tuh|tsb|tersebut)\s+(?:(?:jadi|jd|sido|mau|arep)\s+)?"
    r"(?:budhal|budal|brgkt|berangkat|brangkat|brkt|mangkat)\b"
)
_TOLD_APART_RE = re.compile(r"\b(?:dudu|udu|bukan|bkn|maksud\w*|mksd\w*|yg\s+lain|sing\s+liyane)\b")
_CLAUSE_OPENING_RE = re.compile(
    r"(?:^|[,.;?!]\s*)(?:(?:yg|yang|sing|trip|kalo|klo|nek|terus|trus|trs|lha|la)\s+)*$"
)


def _place_pointed_at(found: Found) -> str | None:
    # Only when one trip is told from another ("dudu kui, maksudku ..."): a place pointed
    # at alone may be where a trip starts ("sleman itu brgkt jam brp").
    if not _TOLD_APART_RE.search(found.lower):
        return None
    for at, place in found.places:
        opening = _CLAUSE_OPENING_RE.search(found.lower[:at]) is not None
        if opening and _POINTED_RE.match(found.lower, at + len(place)):
            return place
    return None


def _another_trip(found: Found, intent: Intent) -> bool:
    """ "pkk bsk kernetnya ganti slamet aja, wahyu biar istirahat buat yg ke malang": a trip
    named by where it goes ("yg ke malang") after the change is said, past a comma or a
    "buat", is another trip (the reason), never the new destination of the booking the
    client or the day names. "yg ke malang sopirnya ganti slamet" names the booking."""
    at = found.route.to_start
    if intent is not Intent.UPDATE_BOOKING or at < 0 or not (found.client or found.dates):
        return False
    named = TRIP_BY_DESTINATION_RE.search(found.lower[:at])
    change = UPDATE_RE.search(found.masked[:at])
    return (
        named is not None
        and change is not None
        and AFTER_THE_CHANGE_RE.search(found.lower[change.end() : named.start()]) is not None
    )


# "sehari aja", "pp sehari": a trip of one day (never a shift, "mundur sehari", a rate,
# "750rb sehari", nor "sehari sebelumnya").
ONE_DAY_RE = re.compile(
    r"(?<!nginep )(?<!menginap )(?<!disana )(?<!di sana )(?<!stay )"
    r"\b(?:sehari|satu\s+hari)\b(?!\s*(?:lagi|lg|semalam|semalem|satu\s+malam|sebelum\w*|sblm|sesudah\w*|setelah\w*"
    r"|stlh|kemudian|brp|berapa|\d))"
    # "Pulang: hari itu jg", "pulangnya hari itu juga": back the day it leaves.
    r"|\b(?:pulang|pulangnya|plg|balik|baliknya)\W*(?:hari|hr)\s+(?:itu|yg\s+sama|yang\s+sama)"
    r"(?:\s+(?:juga|jg|jga))?\b"
    # "brgkt jam 3 pagi pulang hari": a day trip (never "pulang hari minggu").
    r"|\b(?:pulang|plg)\s+hari\b(?!\s*(?:\w+\s+)?(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu"
    r"|minggu|ahad|itu|ini|ke|apa|berikut\w*|h|\d))"
)
NOT_A_LENGTH_BEFORE_RE = re.compile(
    r"(?:\b(?:di)?(?:undur|mundur|maju)\w*|\b(?:per|tiap|setiap|minimal|min)"
    r"|\d\s*(?:rb|ribu|rebu|jt|juta|k)?|\b(?:rb|ribu|jt|juta))\s*$"
)


# A trip's new length said: "jd sehari aja", "dipangkas jd 2 hari", "pp sehari".
# (Never "nambah 1 hari", "dikurangi sehari": by how much, not to how long.)
_LENGTH_CHANGED_RE = re.compile(
    r"\b(?:jadi|jd|dadi|cuma|cm|hanya|pp)\s+(?:\d{1,2}\s*(?:hari|hr|dino)|sehari|sedino)\b"
)


def days_count(found: Found) -> int | None:
    m = DAYS_RE.search(found.masked)
    if not m:
        one = ONE_DAY_RE.search(found.masked)
        said = one is not None and not NOT_A_LENGTH_BEFORE_RE.search(found.lower[: one.start()])
        return 1 if said else None
    n = _DAY_COUNT_WORDS[m.group(3)] if m.group(3) else int(m.group(1) or m.group(2))
    return n if 1 <= n <= 30 else None


# Where a clause ends before an amount (never the point of "2.5jt").
CLAUSE_END_RE = re.compile(r"(?<!\d),|,(?!\d)|[;\n]|\.(?!\d)")  # (never the comma of "2,5jt")
# A day to come, said with a DP: "dp 2,5jt minggu depan", "dpnya besok 1jt", "dp nyusul".
_LATER_RE = word_re(
    rf"{TOMORROW}|{AFTER_TOMORROW}|nanti|ntar|nyusul|menyusul|minggu\s+(?:{NEXT})"
    rf"|bulan\s+(?:{NEXT})"
    # "dp 1jt akhir bulan ini": the end of the month to come (never "akhir bulan lalu").
    r"|akhir\s+(?:bulan|minggu|pekan)(?:\s+(?:ini|iki|depan|dpn))?(?!\s+(?:lalu|kemarin|kmrn|wingi))"
)
_DP_WEEKDAY_RE = re.compile(
    rf"^\W*(?:(?:katanya|jare|nanti|ntar|mau|tf|transfer|ditf|ditransfer|hari|hr|pas)\s+)*"
    rf"(?:{dates.WEEKDAY_RE})\b(?!\s+(?:kemarin|kmrn|kmarin|kemaren|lalu|wingi|kepungkur))"
)
# "dp 2jt sdh masuk insyaallah aman": the money moved already, whatever is hoped.
_MOVED_ALREADY_RE = re.compile(r"\b(?:sudah|sdh|udah|udh|dah|telah|barusan|tadi|td)\b")
# "insyaallah minggu ini dp 15jt": money to come, as God wills it.
_GOD_WILLING_RE = re.compile(r"\b(?:insya\s?allah|insyallah|insyaalloh|insyaallah|insha\s?allah)\b")
# What a DP is said with, up to where its clause ends.
_DP_BEFORE_RE = mark_re(DP, words_between=2)


_SETTLED_BEFORE_RE = re.compile(rf"\b(?:{SETTLE})(?:nya)?\b")
# "harga kang asep jd 15jt, sekalian bayar 2jt cash": money paid beside the new price, of
# no kind said.
_PAID_BEFORE_RE = re.compile(rf"\b(?:{SETTLE}|{PAY}|{TRANSFER})(?:nya)?\b")


def _settled_beside(
    found: Found, marks: re.Pattern[str] = _SETTLED_BEFORE_RE
) -> MoneyMention | None:
    """ "harga ... jd 3jt sekalian pelunasan 2jt cash": an amount after the new price said
    with a settlement word of its own (or one of `marks`), paid now (never only promised)."""
    for before, mention in itertools.pairwise(found.money):
        said = found.lower[before.end : mention.start]
        # "pelunasannya 5jt mau tf besok", "sisanya 5jt dilunasi pas brkt": to come.
        after = CLAUSE_END_RE.split(found.lower[mention.end :])[0]
        later = PROMISE_RE.search(after) or _LATER_RE.search(after) or day_to_come(after)
        if marks.search(said) and not later and not promised_money(found, mention):
            return mention
    return None


def promised_money(found: Found, mention: MoneyMention, *, dated: bool = False) -> bool:
    """ "mau tf 3jt", "dp nya mau tf besok 1jt", "besok mau tf lagi 1jt": money its own
    clause only promises, not yet moved. `dated`: a day to come in the clause says it too
    ("tf 2jt, besok tf lagi 1jt"), where another amount is the money paid."""
    clause = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
    # ("bu dewi bayar 3jt, yg 3jt besok cash": the day to come said after the amount.)
    after = CLAUSE_END_RE.split(found.lower[mention.end :])[0]
    later = dated and day_to_come(after) and not _MOVED_ALREADY_RE.search(after)
    # ("bayar 3jt lusa berangkat": the day names the trip, the money came.)
    later = later and not re.search(r"\b(?:berangkat|brgkt|brkt|jalan|trip|pulang)\b", after)
    return bool(PROMISE_RE.search(clause) or (dated and day_to_come(clause)) or later)


_BANK_AFTER_RE = re.compile(
    rf"\s*(?:(?:via|ke|lewat|ke\s+rek|ke\s+rekening|rek|rekening)\s+)?"
    rf"(?:{'|'.join(sorted(payments.BANKS, key=len, reverse=True))}|cash|tunai)\b"
)


def _without_promised(found: Found) -> str:
    """The message with the clauses of money only promised blanked out."""
    kept = found.lower
    for i, mo in enumerate(found.money):
        before = found.money[i - 1] if i else None
        if promised_money(found, mo, dated=True):
            start = mo.start - len(CLAUSE_END_RE.split(found.lower[: mo.start])[-1])
            if before is not None and before.end > start and not promised_money(found, before):
                # "tadi tf 2 juta BCA besok mau tf lagi 1 juta", said without a stop: the
                # money paid and its bank (named after it) are no part of the promise.
                bank = _BANK_AFTER_RE.match(found.lower, before.end)
                start = bank.end() if bank else before.end
            end = mo.end + len(CLAUSE_END_RE.split(found.lower[mo.end :])[0])
            kept = mask(kept, start, end)
    return kept


def _dp_day_between(found: Found, mention: MoneyMention) -> bool:
    """ "dp nya akhir bulan 1jt", "dp nya tgl 20 1jt": the day the DP comes, said between the
    DP and its amount (a day to come: the DP is only promised)."""
    clause = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
    start = mention.start - len(clause)
    days = [d for d in found.dates if start <= d.start and d.end <= mention.start]
    kept = found.lower
    for d in days:
        kept = mask(kept, d.start, d.end)
    mark = DP_MARK_RE.search(kept, start, mention.start)
    return mark is not None and any(d.start >= mark.start() and d.date > found.today for d in days)


# A bus taken back right after it is said: "bus 01 eh jgn ding", "bus 03, eh salah".
_BUS_TAKEN_BACK_RE = re.compile(
    r"\W*(?:(?:eh|ehh|oh|waduh)\W+)?(?:jgn|jangan|ga\s+jadi|gak\s+jadi|gajadi|ojo|ora\s+sido"
    r"|ra\s+sido|salah|eh\s+bukan)\b"
)


def bus_said_key(name: str) -> str:
    return " ".join(name.lower().split())


def buses_taken_back(found: Found) -> set[str]:
    """The buses taken back as soon as said, when another bus is said instead."""
    said = found.buses
    back = {bus_said_key(b.text) for b in said if _BUS_TAKEN_BACK_RE.match(found.lower, b.end)}
    others = {bus_said_key(b.text) for b in said} - back
    return back if back and others else set()


def _dp_later(found: Found, mention: MoneyMention) -> bool:
    """ "dp 2,5jt minggu depan", "dp 1jt mau ditf besok", "dpnya besok 1jt": a DP said
    with the day it is to come, or promised."""
    rest = CLAUSE_END_RE.split(found.lower[mention.end :])[0]
    before = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
    mark = _DP_BEFORE_RE.search(before)
    return bool(
        _LATER_RE.search(rest)
        or PROMISE_RE.search(rest)
        # "dp 1,5jt katanya senin": the day it comes, never one gone by ("udh masuk senin").
        or (_DP_WEEKDAY_RE.search(rest) and not _MOVED_ALREADY_RE.search(rest))
        or (
            (_GOD_WILLING_RE.search(before) or _GOD_WILLING_RE.search(rest))
            and not _MOVED_ALREADY_RE.search(f"{before} {rest}")
        )
        or (mark is not None and _LATER_RE.search(mark.group()))
        or _dp_day_between(found, mention)
        or _paid_on_day_to_come(found, mention, before)
    )


def _paid_on_day_to_come(found: Found, mention: MoneyMention, before: str) -> bool:
    """ "tgl 1 des sy tf dp 20jt" said on 22 Nov, "..., besok tf dp 5jt": the day the money
    is to be sent, said before it with the sending word between; never the trip's own day
    ("pak tono tgl 15 des ke bromo 9jt tf dp 2jt": the first day said, a calendar one)."""
    start = mention.start - len(before)
    days = [d for d in found.dates if not d.vague]

    def sent_then(d: dates.DateMention) -> bool:
        between = found.lower[d.end : mention.start]
        if not _SENDS_RE.search(between) or _SENT_ALREADY_RE.search(between):
            return False  # "... udh tf dp 2jt": sent, whatever day is said before it
        # The first day said is the trip's when the trip is told after it ("besok ke
        # bromo 9jt ... dp"), never when the sending follows it straight ("tgl 1 des sy tf").
        return d is not days[0] or not _TRIP_TOLD_RE.search(between)

    return any(
        start <= d.start < mention.start and d.date > found.today and sent_then(d) for d in days
    )


_SENT_ALREADY_RE = word_re(ALREADY, "barusan|td|tadi")
_TRIP_TOLD_RE = re.compile(r"\b(?:ke|pulang|plg)\b|\d\s*(?:jt|juta|rb|ribu)\b")


_SENDS_RE = word_re(PAY, TRANSFER, "kirim")
# "DP nya sudah saya transfer BCA 2jt": the DP named, then how it was sent, then the amount.
_DP_SENT_RE = re.compile(
    rf"(?<!dr\s)(?<!dari\s)(?<!dri\s)\b(?:dp|dpnya)(?:\s+nya)?\s+(?:(?:{ALREADY})\s+)?(?:(?:{ME})\s+)?(?:di)?(?:{TRANSFER}|{PAY}|kirim)\w*"
    r"(?:\s+(?:ke\s+|via\s+|lewat\s+)?(?:bca|bri|bni|mandiri|bsi|cash|tunai))?\s*$"
)


# "harga turun 500rb jd 7jt", "naik 500rb jadi 7,5jt": by how much a price moves, then what
# it becomes.
_BY_HOW_MUCH_RE = re.compile(
    r"\b(?:turun|naik|diskon|potong|potongan|dipotong|kurang|dikurangi|nambah|tambah|ditambah)\s*$"
)
# (A DP "ditambah 1jt jd 3jt" is money paid, 1jt of it now: only a price moves so.)
_PAID_SAID_RE = re.compile(r"\b(?:dp|dpnya|bayar\w*|tf|transfer\w*|lunas|pelunasan|cash|tunai)\b")
_THEN_TO_RE = re.compile(r"\s*,?\s*(?:jd|jadi|menjadi)\s+(?:rp\.?\s*)?\d")


# A trip cost's word right before an amount: "uang jalan 1,2jt", "solar 950rb", "tol 85rb".
_COST_JUST_BEFORE_RE = re.compile(
    r"\b(?:uang\s+jalan|uj|solar|slr|bbm|bensin|tol|parkir|premi(?:\s+\w+)?|makan|mkn"
    r"|penginapan|hotel)(?:\s*(?:nya|na|ne|e))?\s*[:=]?\s*$"
    # "uang jalan joko 3 hari 2.250rb": the driver, the days, then the amount.
    r"|\b(?:uang|duit)\s+jalan\s+(?:[a-z]+\s+)?(?:\d+\s*(?:hari|hr|dino)\s+)?$"
)


# "harga sdh termasuk tol 12jt", "all in solar parkir 12jt": costs the price covers.
_COSTS_IN_PRICE_RE = re.compile(r"\b(?:termasuk|trmsk|include\w*|incl|all\s*in|plus|harga\w*)\b")


def _money_roles(
    found: Found, *, promised_apart: bool = False, dated: bool = False, costs_apart: bool = False
) -> tuple[list[int], list[int], list[int], list[int]]:
    """(plain amounts, DP amounts, remaining balances, promised amounts), each in text
    order. Money only promised ("mau tf 3jt") is apart when `promised_apart`: it is no
    price and no money paid (`dated`: as `promised_money`; never for a booking, whose own
    day may be "besok"). With `costs_apart` (a booking's price), a trip cost's amount is
    none of them."""
    plain: list[int] = []
    dp: list[int] = []
    balance: list[int] = []
    promised: list[int] = []
    whole = whole_before_part(found)
    for mo in found.money:
        before = text_before(found, mo.start, 20)
        # ("pesertane kurang. harga jd 30jt": a sentence's end ends the clause too.)
        clause = re.split(r"[,\n;]|\.\s", before)[-1]
        if re.search(r"\b\d+\s*x\s*$", clause) and not (
            costs_apart and _times_the_buses(found, mo)
        ):
            continue  # "2x 4jt" is a unit price, not the price of the booking
        if mo is whole:
            balance.append(mo.value)  # what was owed, the part paid said after it
            continue
        moved = _BY_HOW_MUCH_RE.search(clause) and _THEN_TO_RE.match(found.lower, mo.end)
        if moved and not _PAID_SAID_RE.search(found.lower):
            continue  # "harga turun 500rb jd 7jt": by how much, the new price after it

        # (The cost's words may stand further back: "uang jalan joko 3 hari 2.250rb".)
        wide = re.split(r"[,\n;]|\.\s", text_before(found, mo.start, 40))[-1]
        if (
            costs_apart
            and _COST_JUST_BEFORE_RE.search(wide)
            and not _COSTS_IN_PRICE_RE.search(wide)
        ):
            continue  # "uang jalan na 1,2jt", "solar 950rb": a trip cost, never a price
        if promised_apart and promised_money(found, mo, dated=dated):
            promised.append(mo.value)
        elif (
            DP_MARK_RE.search(clause)
            or _dp_day_between(found, mo)
            or _DP_SENT_RE.search(re.split(r"[,\n;]", text_before(found, mo.start, 50))[-1])
        ):
            dp.append(mo.value)
        elif BALANCE_MARK_RE.search(clause):
            balance.append(mo.value)
        else:
            plain.append(mo.value)
    return plain, dp, balance, promised


# "7jt per bus", "7jt/bus", "9jt sebis", "@7jt": the price of one bus of several.
# "1jt/hari/bus": per day first, then per bus.
PER_BUS_RE = re.compile(
    rf"^\s*(?:(?:/\s*|per\s*|tiap\s+|setiap\s+|se)(?:hari|hr)\s*)?"
    rf"(?:per|/|tiap|setiap|se)\s*(?:{FLEET})\b"
)
# "per bus 4,5jt", "tiap bus nya 7jt": the same, said before the amount.
PER_BUS_BEFORE_RE = re.compile(rf"\b(?:per|tiap|setiap)\s*(?:{FLEET})\s*(?:nya)?\s*:?\s*$")


def buses_priced(found: Found, mention: MoneyMention, buses_known: int = 0) -> int:
    """How many buses a price is for: one, unless it is said per bus; then the buses the
    message counts or names, or `buses_known` (those of the booking a correction is for)."""
    count = max(found.bus_count or 0, len(_distinct_buses(found)), buses_known)
    return count if said_per_bus(found, mention) and count > 1 else 1


# "750rb/hari", "1,5jt per hari": a daily rate, the price only once the days are known.
PER_DAY_RE = re.compile(
    rf"^\s*(?:(?:/|per|tiap|setiap)\s*(?:{FLEET})\s*)?(?:/\s*|per\s*|tiap\s+|setiap\s+|se)(?:hari|hr)\b"
)


# "sehari 2,5jt", "per hari 750rb": the daily rate said before the amount.
PER_DAY_BEFORE_RE = re.compile(
    r"\b(?:sehari|per\s*hari|tiap\s+hari|setiap\s+hari)(?:nya)?\s*(?:rp\.?\s*)?$"
)


def _per_day(found: Found, mention: MoneyMention) -> bool:
    before = found.lower[max(0, mention.start - 20) : mention.start]
    return bool(PER_DAY_RE.search(found.lower[mention.end :]) or PER_DAY_BEFORE_RE.search(before))


def _days_priced(found: Found, mention: MoneyMention, out: dict[str, Any]) -> int:
    """How many days a price is for: one, unless it is said per day; then the trip's days
    (from its dates, or "3 hari"), or 0 when they are not said (no total is guessed)."""
    if not _per_day(found, mention):
        return 1
    if "depart_date" in out and "return_date" in out:
        span = dt.date.fromisoformat(out["return_date"]) - dt.date.fromisoformat(out["depart_date"])
        return span.days + 1
    return days_count(found) or 0


def said_per_unit(found: Found, mention: MoneyMention) -> bool:
    """A rate, not a sum: "4 juta sebus", "2,75jt/hari per bus"."""
    return said_per_bus(found, mention) or _per_day(found, mention)


def said_per_bus(found: Found, mention: MoneyMention) -> bool:
    return bool(
        PER_BUS_RE.search(found.lower[mention.end :])
        or PER_BUS_BEFORE_RE.search(found.lower[max(0, mention.start - 20) : mention.start])
        or found.lower[: mention.start].rstrip().endswith("@")
        or _times_the_buses(found, mention)
    )


# "3 bus, 3 x 17jt", "2 bus x 2,75jt": the price of one bus times the buses counted.
_TIMES_RE = re.compile(rf"\b(\d{{1,2}})\s*(?:{FLEET})?\s*[x×]\s*$")


def _times_the_buses(found: Found, mention: MoneyMention) -> bool:
    """A booking's price said as one bus's times the buses counted: never a DP or a payment
    ("dp 2 x 1jt"), a total said after it ("3 x 5jt = 15jt"), instalments, or a count the
    days share ("2 bus, 2 hari, 2 x 3,5jt": per bus or per day, unknown)."""
    before = found.lower[max(0, mention.start - 12) : mention.start]
    times = _TIMES_RE.search(before)
    if times is None or found.bus_count is None or int(times[1]) != found.bus_count:
        return False
    clause = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
    return not (
        DP_MARK_RE.search(clause)
        or payments.find_payment_type(clause) is not None
        or re.match(r"\s*=", found.lower[mention.end :])
        or re.search(r"\b(?:nyicil|cicil|cicilan|tiap\s+bulan|per\s+bulan)\b", found.lower)
        or _days_said_nearer(found.lower[: mention.start], found.bus_count)
    )


def _days_said_nearer(before: str, n: int) -> bool:
    """ "2 bus, 2 hari, 2 x 3,5jt": the count said last before the amount is the days', so
    the times may be per day: unknown which ("3 hari, 3 bus, 3 x 17jt" is per bus)."""
    buses = [m.end() for m in re.finditer(rf"\b{n}\s*(?:{FLEET})\b", before)]
    days = [m.end() for m in re.finditer(rf"\b{n}\s*(?:hari|hr|dino)\b", before)]
    return bool(days) and (not buses or days[-1] > buses[-1])


# "ga jadi tgl", "gak jadi hari", "ga jadi berangkat": a day called off follows.
CALLED_OFF_BEFORE_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:(?:{DEPART}|jalan|pergi)(?:nya)?\s+)?(?:tgl|tanggal|hari|hr)?\s*$"
)


# "brgkt tgl 6", "berangkatnya hari minggu": the day a trip leaves.
_DEPARTS_ON_RE = re.compile(
    rf"\b(?:{DEPART})(?:nya)?\W*(?:hari\W*)?(?:tgl\W*|tanggal\W*)?(?:{dates.WEEKDAY_RE}\W*)?$"
)


def _departs_after_shift(found: Found, d: dates.DateMention, clause: str) -> bool:
    shift = dates.SHIFT_RE.search(found.lower)
    return bool(shift and shift.end() <= d.start and _DEPARTS_ON_RE.search(clause))


# Why a trip moves: "soalnya", "krn", or a holiday or an event ("anaknya baru libur tgl 9").
_REASON_RE = re.compile(
    r"\b(?:soalnya|soale|soalny|karena|karna|krn|krna|sebab|gara2|gara-gara|garagara"
    r"|alasannya|coz|biar|supaya|libur\w*|cuti|ujian|acara\w*)\b"
)


def _reason_after_shift(found: Found, d: dates.DateMention) -> bool:
    """ "mundur seminggu ya mbak, anaknya baru libur tgl 9", "majuin 2 hari, krn tgl 4 ada
    acara": a day said after a counted shift, with why the trip moves, is the day the
    shift lands on or the one it leaves: the count says the new day, the day names
    neither the booking nor a day of its own."""
    shift = dates.SHIFT_RE.search(found.lower)
    return bool(
        shift and shift.end() <= d.start and _REASON_RE.search(found.lower, shift.end(), d.start)
    )


# "minggu 8 agustus pulang": the return word said after its day, closing its clause.
_RETURN_AFTER_RE = re.compile(
    r"[ \t]*(?:pulang|pulangnya|plg|balik|baliknya|kembali)[ \t]*(?:[,;\n]|$)"
)


_WEEKDAY_COMMA_RE = re.compile(rf"\b(?:{dates.WEEKDAY_RE}),(?=\s*$)")
# "Jumat 21 Mei 2027 - Minggu 23 Mei 2027": two whole dates joined as a range.
_RANGE_BETWEEN_RE = re.compile(
    rf"\s*(?:-|–|s/d|sampai|sampe|smp|hingga)\s*(?:(?:{dates.WEEKDAY_RE})\W*)?"
)


_AND_BETWEEN_RE = re.compile(
    rf"\s*(?:sm|sama|ama|dan|&|\+)\s*(?:(?:{dates.WEEKDAY_RE})\W*)?(?:(?:tgl|tanggal)\s*)?"
)


def _readings(found: Found) -> list[dict[str, Any]]:
    """The readings of several buses in one message, each with the bus said last before
    its km (or right after its "km"); none unless every one has a bus of its own."""
    if len(found.more_km) < 2:
        return []
    lines: list[dict[str, Any]] = []
    for at, km in found.more_km:
        before = [b for b in found.buses if b.start < at]
        if not before:
            return []
        lines.append({"bus": before[-1].text, "odometer_km": km})
    if len({line["bus"].lower() for line in lines}) < len(lines):
        return []
    return lines


# Said of a DP's money, that it has moved: "udh", "masuk", "tf".
_DP_MOVED_RE = re.compile(
    rf"{DONE_RE.pattern}|\b(?:masuk|msk|tf|transfer|trf|ditransfer|cash|tunai|dibayar)\b"
)


# "dp 2jt tgl 20 berangkat": the word after a day says it is the trip's, not the money's.
_TRIP_DAY_AFTER_RE = re.compile(r"\s*(?:berangkat|brgkt|brkt|pulang)\b")


_DP_DONE_BEFORE_RE = re.compile(r"\b(?:udh|udah|sudah|sdh|dah|wis|wes|sampun)\s+(?:di)?dp\s*$")
_DAY_CLOSES_RE = re.compile(r"\s*(?:(?:kmrn|kemarin|kemaren|wingi|lalu|kmarin)\s*)?(?:[,.;\n]|$)")


def _dp_paid_day(found: Found) -> tuple[dates.DateMention, dt.date] | None:
    """ "dp 1jt udh masuk tgl 20 kemarin", "dp 2,5jt udh tf bri tgl 24 nov", "tgl 20 kemarin
    udah dp 2jt": a day before today said in the DP's own clause, with a word that the money
    moved, is the day it was paid: the payment's day, never the trip's. A bare day ("udh
    masuk tgl 20") is the latest such day; a day before the DP counts only when the trip has
    a day of its own."""
    _, dp, _, _ = _money_roles(found, promised_apart=True)
    if not dp:
        return None
    mention = next(mo for mo in found.money if mo.value == dp[0])
    head = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
    tail = CLAUSE_END_RE.split(found.lower[mention.end :])[0]
    start, end = mention.start - len(head), mention.end + len(tail)
    for d in found.dates:
        if d.vague or not (start <= d.start and d.end <= end):
            continue
        after = d.start >= mention.end
        between = (
            found.lower[mention.end : d.start] if after else found.lower[d.end : mention.start]
        )
        if any(
            mo.start >= min(d.end, mention.end) and mo.end <= max(d.start, mention.start)
            for mo in found.money
            if mo is not mention
        ):
            continue  # another amount between: the day is not the DP's
        # ("dp 50jt tgl 20 kmrn udh masuk": the word that it moved may follow the day; never
        # "dp 2jt tgl 20 berangkat udah tf", the trip's day.)
        trip_day = after and _TRIP_DAY_AFTER_RE.match(found.lower, d.end)
        # ("udh dp 1jt tgl 15 des": the DP said done, its day after it closing the clause;
        # "udah dp 1jt tgl 10 ke bandung" gives the trip's day.)
        done = (
            after
            and _DP_DONE_BEFORE_RE.search(head)
            and _DAY_CLOSES_RE.match(found.lower, d.end) is not None
        )
        if trip_day or not (_DP_MOVED_RE.search(tail if after else between + " " + tail) or done):
            continue
        if not after and not any(o is not d and not o.vague for o in found.dates):
            continue  # "pak bayu tgl 14 nov udh dp 1jt": the trip's day, none other said
        day = dates.resolve_day_back(d.date.day, found.today) if d.day_only else d.date
        if day is not None and day <= found.today:
            return d, day
    return None


# "udh lunas cash", "sudah dilunasi", "dibayar lunas": the trip paid in full already.
_PAID_IN_FULL_RE = re.compile(
    rf"\b(?:(?:{ALREADY})\s+(?:(?:di)?bayar\s+|byr\s+)?(?:di)?lunas(?:i|in|kan)?"
    r"|(?:dibayar|dibyr)\s+lunas)\b"
)
# "3jt lunas tf bca", "3,5jt lunas.": the price, then that it is paid up, with how or
# ending the clause ("sisa 3jt lunas tgl 10" is what is left to pay: never).
_AMOUNT_PAID_UP_RE = re.compile(
    r"(?<![\d.,])(?<!sisa )(?<!sisanya )(?<!kurang )(?<!tinggal )(?<!kurangnya )"
    r"\b\d+(?:[.,]\d+)?\s*(?:jt|juta|rb|ribu|k)(?:\s*,)?\s+lunas\b"
    r"(?=\s+(?:cash|tunai|cas|kes|tf|transfer|trf|via|lewat)\b|\s*[.!]?\s*$)"
)
# A DP or a balance said beside it: "lunas" there is part of the payments told, never the
# whole price paid ("dp 2jt, pelunasan 2jt lunas").
_PART_PAID_RE = re.compile(r"\b(?:dp|panjar|uang\s+muka|pelunasan|sisa\w*|kurang\w*)\b")
# "... udh lunas blm?", "katanya udh lunas": asked, or only heard.
_NOT_PAID_IN_FULL_RE = re.compile(r"\b(?:blm|belum|durung|katanya|apa|kah)\b|\?")


def _paid_in_full(found: Found) -> bool:
    """ "pak bayu tgl 14 nov jogja-kaliurang 2,5jt, udh lunas cash": a new booking said paid
    in full already (a trip of before typed in from the notebook)."""
    said = _PAID_IN_FULL_RE.search(found.lower)
    if said is None and not _PART_PAID_RE.search(found.lower):
        said = _AMOUNT_PAID_UP_RE.search(found.lower)
    if said is None:
        return False
    rest = CLAUSE_END_RE.split(found.lower[said.end() :])[0]
    return not (_NOT_PAID_IN_FULL_RE.search(rest) or _LATER_RE.search(rest))


_WAITED_ON_RE = re.compile(
    r"\b(?:nunggu|nungguin|nunggon|jagain|njagain|jemput|njemput|benerin|derek|nderek)\s+$"
)


def _bus_aside(found: Found, bus: BusMention) -> bool:
    """A bus someone waits with or fetches ("wahyu msh nungguin bus 03 di borobudur"), or
    one opening a clause of its own fault ("..., bus 02 lampu check engine nyala mau dicek
    dulu"): said beside a change of a trip, it is not the trip's bus."""
    if _WAITED_ON_RE.search(text_before(found, bus.start, 16)):
        return True
    opens = re.search(r"(?:^|[,.;\n])\s*$", found.lower[: bus.start]) is not None
    end = re.search(r"[,.;\n]|$", found.lower[bus.end :])
    clause = found.lower[bus.end : bus.end + (end.start() if end else 0)]
    if opens and _ENOUGH_ASKED_RE.match(clause):
        return True  # "..., srikandi cukup ra?": whether the trip's bus holds the group
    return opens and bool(PROBLEM_RE.search(clause)) and not re.search(CHANGED_TO, clause)


_ENOUGH_ASKED_RE = re.compile(r"\s+(?:cukup|cukop|muat|nampung|kuat)\b")


_REFUSED_DAY_RE = re.compile(r"\b(?:bukan|bkn|bukane)\s+$")


def _day_put_right(found: Found) -> tuple[str, str] | None:
    """(the refused day, the right one) of "tgl 6 bukan tgl 5", "bukan tgl 5 tp tgl 6"."""
    days = [d for d in found.dates if not d.vague]
    refused = [d for d in days if _REFUSED_DAY_RE.search(text_before(found, d.start, 12))]
    if len(days) != 2 or len(refused) != 1:
        return None
    if RETURN_MARK_RE.search(found.lower[: min(d.start for d in days)]):
        return None  # "pulang tgl 10 bukan tgl 9": the way back put right, read as such
    [right] = [d for d in days if d is not refused[0]]
    return iso(refused[0].date), iso(right.date)


# "ga jadi jam 5": an hour called off, just before the hour.
_HOUR_CALLED_OFF_RE = re.compile(r"\b(?:ga|gak|nggak|tidak|tdk|ndak|ora)\s+(?:jadi|jd|sido)\s+$")


# Again, as before: "balik tgl 2 - 3 maneh" (the days it had).
_AGAIN_RE = re.compile(r"\s*(?:lagi|lg|lgi|maneh|meneh|maning|semula|kyk\s+awal|kayak\s+awal)\W*$")


def _new_day_before(found: Found, taken: str | None, called_off: dates.DateMention) -> str | None:
    """The day read as naming the booking, when it was said as the day it leaves now
    ("brgkt sabtu depan aja, ga jd tgl 27"), before the day called off; None otherwise."""
    said = next((d for d in found.dates if taken and iso(d.date) == taken), None)
    if said is None or said.start > called_off.start or said.date == called_off.date:
        return None
    before = text_before(found, said.start, 20)
    if re.search(r"\b(?:yg|yang|sing)\s*(?:\w+\s+)?$", before):
        return None  # ("yg tgl 27 ga jadi tgl 28": the day naming it)
    leaves = re.search(rf"\b(?:{DEPART}|pindah|jadi|jd|ganti)\s*$", before)
    return iso(said.date) if leaves else None


def _booking_fields(found: Found, intent: Intent) -> dict[str, Any]:
    out: dict[str, Any] = {}
    depart: dates.DateMention | None = None
    back: dates.DateMention | None = None
    called_off = False
    dp_paid = _dp_paid_day(found) if intent is Intent.CREATE_BOOKING else None
    if intent is Intent.UPDATE_BOOKING and (put_right := _day_put_right(found)) is not None:
        # "bu tini tgl 6 bukan tgl 5": the day refused names the booking, the other is new.
        out["ref_date"], out["depart_date"] = put_right
    for d in found.dates:
        if d.vague:
            continue  # "minggu depan" does not say which day the trip leaves
        if dp_paid is not None and d is dp_paid[0]:
            continue  # "dp 1jt udh masuk tgl 20 kemarin": the DP's day, not the trip's
        before = text_before(found, d.start, 30)
        # "*Pulang:* Minggu, 14 Maret": the comma after a weekday ends no clause.
        before = _WEEKDAY_COMMA_RE.sub(lambda m: m.group()[:-1] + " ", before)
        clause = re.split(r"[,\n;]", before)[-1]
        mark = RETURN_MARK_RE.search(clause) or _RETURN_OF_CLIENT_RE.search(clause)
        # "balik tgl 2 - 3 maneh": back to the days it had, no day back.
        again = (
            bool(mark) and d.end_date not in (None, d.date) and _AGAIN_RE.match(found.lower, d.end)
        )
        mark = None if again else mark
        at = d.start - len(clause) + mark.start() if mark else -1
        if mark and not any(p.start <= at < p.end for p in found.people):
            # ("SMP 2 tgl 9": a school's name, not "smp" for "sampai")
            back = back or d
            out.setdefault("return_date", iso(d.date))
            continue
        next_day = depart is not None and (d.date - depart.date).days == 1
        if depart is not None and (
            _RETURN_AFTER_RE.match(found.lower, d.end)
            or _RANGE_BETWEEN_RE.fullmatch(found.lower, depart.end, d.start)
            # "jumat 11 des sm sabtu 12": two days running, one trip over both.
            or (next_day and _AND_BETWEEN_RE.fullmatch(found.lower, depart.end, d.start))
        ):
            # "📅 Jumat 6 Agustus ...\n🏠 Minggu 8 Agustus pulang": the day, then the word
            # that it is the way back, its clause ending there.
            back = back or d
            out.setdefault("return_date", iso(d.date))
            continue
        if intent is Intent.UPDATE_BOOKING:
            if CALLED_OFF_BEFORE_RE.search(clause):
                # "ga jadi tgl 2, tp tgl 4": the day called off is the booking's, not new;
                # the day said after it is the new one.
                if (new_first := _new_day_before(found, out.get("ref_date"), d)) is not None:
                    # "brgkt sabtu depan aja, ga jd tgl 27": the new day said first.
                    out["depart_date"] = new_first
                    out["ref_date"] = iso(d.date)
                out.setdefault("ref_date", iso(d.date))
                called_off = True
                continue
            leaving_days = [
                x
                for x in found.dates
                if not x.vague
                and x.date >= found.today
                and not RETURN_MARK_RE.search(text_before(found, x.start, 16))
            ]
            one_day = len(leaving_days) == 1
            mate = found.team_member or ""
            to_mate = bool(mate) and re.search(rf"\bke\s+{re.escape(mate.lower())}\b", found.lower)
            moved = _MOVE_SAID_RE.search(found.lower) and not (
                dates.shift_days(found.lower) or to_mate
            )
            leaves = _LEAVES_ON_RE.search(clause) if moved and one_day else None
            # ("yg brgkt tgl 7 diundur sehari", "yg semula brgkt tgl 14": the booking's day.)
            leaves_on = leaves is not None and not _ITS_OWN_DAY_RE.search(clause[: leaves.start()])
            marked = NEW_DATE_MARK_RE.search(clause) or called_off or leaves_on or again
            if _departs_after_shift(found, d, clause):
                # "maju sehari, brgkt tgl 6": the day it leaves, said after the shift, is
                # the new day ("yg brgkt tgl 7 diundur sehari": before it, the booking's).
                out.setdefault("depart_date", iso(d.date))
                continue
            if _reason_after_shift(found, d):
                continue
            if not marked and PAY_DATE_SKIP_RE.search(clause):
                # "... trus dia mau tf sisanya besok pagi": when money comes names neither
                # the booking nor its new date.
                continue
            if marked and (
                "ref_date" in out
                or leaves_on
                or again
                or re.search(
                    r"\b(?:pindah|jadi\w*|jd|mundur|maju|ke|menjadi|diubah|ubah|diganti|ganti"
                    r"|geser|digeser|diundur|dimajukan|dimajuin|majuin|dimundurin|mundurin"
                    r"|diundurin|undurin|reschedule|resched)\b",
                    clause,
                )
            ):
                out.setdefault("depart_date", iso(d.date))
                if d.end_date is not None and d.end_date != d.date:
                    out.setdefault("return_date", iso(d.end_date))
            elif out.get("depart_date") != iso(d.date):
                # "majuin ke tgl 3 ya, rombongannya libur kamis": the new day said again
                # (Thursday the 3rd) is no day naming the booking.
                out.setdefault("ref_date", iso(d.date))
            continue
        if (
            PAY_DATE_SKIP_RE.search(clause)
            and depart is None
            and found.money
            and not _TRIP_DAY_AFTER_RE.match(found.lower, d.end)
        ):
            continue
        if (
            intent is Intent.CREATE_BOOKING
            and d.date < found.today
            and any(o.date >= found.today for o in found.dates if o.start > d.start)
        ):
            continue  # "yg kmrn ke bali mau sewa lg tgl 3 des": a trip of before, no new day
        if depart is None:
            depart = d
            out["depart_date"] = iso(d.date)
            if d.end_date is not None and d.end_date != d.date:
                out.setdefault("return_date", iso(d.end_date))
    if back is not None and back.day_only and depart is not None and back.date < depart.date:
        # "tgl 14 april ..., pulang tgl 16" said on 10 March: the 16th after the trip leaves,
        # never the coming 16 March, before it.
        later = dates.resolve_day(back.date.day, depart.date)
        if later is not None and out.get("return_date") == iso(back.date):
            out["return_date"] = iso(later)
    weekday_back = back is not None and not (back.day_only or back.explicit or back.no_year)
    if weekday_back and back and depart is not None and back.date < depart.date:
        # "tgl 19 des, pulangnya senin" said on 30 Nov: the Monday after the trip leaves,
        # never the coming one, before it. The weekday it leaves on is not guessed (that
        # day, or a week on): left to be asked, shown as not recorded.
        later = back.date + dt.timedelta(days=-((back.date - depart.date).days // 7) * 7)
        if out.get("return_date") == iso(back.date) and later != depart.date:
            out["return_date"] = iso(later)
        elif out.get("return_date") == iso(back.date):
            del out["return_date"]
            if intent is Intent.CREATE_BOOKING and days_count(found) is None:
                said_back = found.lower[back.start : back.end]
                out["unplaced"] = [*out.get("unplaced", []), f"pulang {said_back}"]
    shift = dates.shift_days(found.lower) if intent is Intent.UPDATE_BOOKING else None
    if intent is Intent.UPDATE_BOOKING and RETURN_SHIFTED_RE.search(found.lower):
        # "pak hendra pulange mundur sedino, dadi tgl 4": the day back moves, the day out
        # stays; by a count alone ("pulangnya diundur sehari") no day is read (asked).
        shift = None
        day_out = [d for d in found.dates if iso(d.date) == out.get("depart_date")]
        kept = day_out and DEPART_KEPT_RE.search(text_before(found, day_out[0].start, 24))
        if "depart_date" in out and "return_date" not in out and not kept:
            # ("pulangnya mundur, berangkatnya tetep tgl 2": that day is the day out.)
            out["return_date"] = out.pop("depart_date")
    if shift and "depart_date" not in out:
        out["shift_days"] = shift  # "diundur 2 hari": from the booking's own day
    if depart is not None and "return_date" not in out:
        days = days_count(found)
        if days is not None:
            out["return_date"] = iso(dates.add_days(depart.date, days - 1))
    if (
        intent is Intent.UPDATE_BOOKING
        and "ref_date" in out
        and not {"depart_date", "return_date"} & out.keys()
    ):
        # "pak hendra jd sehari aja tgl 2 pp", "dipangkas jd 2 hari tgl 7-8 aja": the trip
        # cut (or made longer) from the day that names it; its day out stays.
        day_named = next((d for d in found.dates if iso(d.date) == out["ref_date"]), None)
        length = _LENGTH_CHANGED_RE.search(found.lower) and dates.shift_days(found.lower) is None
        days = days_count(found) if length else None
        if day_named is not None and days is not None:
            out["return_date"] = iso(dates.add_days(day_named.date, days - 1))
    leaving = [
        t
        for t in found.times
        if not RETURN_TIME_RE.search(found.lower[: t.start])
        # "jamnya ga jadi jam 5, jam 6 aja": the hour called off is not the new one.
        and not _HOUR_CALLED_OFF_RE.search(found.lower, 0, t.start)
    ]
    if leaving:
        out["depart_time"] = leaving[0].value
    plain, dp, _, promised = _money_roles(
        found, promised_apart=intent is Intent.CREATE_BOOKING, costs_apart=True
    )
    # A haggle pasted whole ("hrgnya 6jt / wah 5jt aja / yowes deal 5,5jt"): the price agreed
    # at last; "bu ningsih kok 3jt, td wis deal 3,25jt. ganti 3,25jt": the price it changes
    # to, never the one questioned first.
    if intent is Intent.CREATE_BOOKING:
        plain = _said_last_after(found, plain, _AGREED_PRICE_BEFORE_RE)
        plain = _granted_down_to(found, plain)
    elif intent is Intent.UPDATE_BOOKING:
        plain = _said_last_after(found, plain, _NEW_PRICE_BEFORE_RE)
    if plain:
        mention = next(mo for mo in found.money if mo.value == plain[0])
        times = buses_priced(found, mention)
        days = _days_priced(found, mention, out)
        if intent is Intent.UPDATE_BOOKING and times == 1 and said_per_bus(found, mention):
            # "harganya jadi 9jt per bus": the saved booking's buses multiply it.
            out["price_per_bus"] = plain[0]
        elif intent is Intent.UPDATE_BOOKING and (
            moved_by := _PRICE_MOVED_BY_RE.search(found.lower, 0, mention.start)
        ):
            # "diskon 500rb", "harga bu dewi jadi turun 1jt": by how much it comes down,
            # never the new price ("jangan turun 500rb": neither, left to be asked).
            kept_up = re.search(
                r"\b(?:jangan|jgn|ga|gak|gk|tidak|tdk|ojo|ora|ndak|blm|belum)\s+$",
                found.lower[: moved_by.start()],
            )
            if kept_up:
                said = found.lower[mention.start : mention.end]
                out["unplaced"] = [*out.get("unplaced", []), said]
            else:
                out["discount"] = plain[0]
        elif days:
            out["price"] = plain[0] * times * days
            if days > 1 and intent is Intent.CREATE_BOOKING:
                out["price_per_day"] = plain[0] * times  # "750rb/hari": how it adds up
    if (
        intent is Intent.UPDATE_BOOKING
        and {"price", "price_per_bus"} & out.keys()
        and re.search(rf"\b{_DISCOUNT_WORD}", found.lower)
        and not _PRICE_BECOMES_RE.search(found.lower)
    ):
        # "diskon bu dewi buat karang taruna 500rb": an amount said with a discount is never
        # the new price unless the price is said to become it ("harga ... jadi 9jt").
        out.pop("price", None)
        out.pop("price_per_bus", None)
        out["unplaced"] = [*out.get("unplaced", []), "diskon"]
    if intent is Intent.UPDATE_BOOKING and "price" in out and "discount" not in out:
        # "diskon 500rb ya, dadi 6jt": the discount kept beside the price it brings.
        off = [
            mo.value
            for mo in found.money
            if mo.value != out["price"] and _PRICE_MOVED_BY_RE.search(found.lower, 0, mo.start)
        ]
        if off:
            out["discount"] = off[0]
    share = _DISCOUNT_SHARE_RE.search(found.lower) if intent is Intent.UPDATE_BOOKING else None
    if share and "discount" not in out and "price" not in out and int(share[1]) > 0:
        out["discount_percent"] = int(share[1])
    dp_how = None
    if dp and intent is Intent.CREATE_BOOKING:
        out["dp_amount"] = dp[0]
        mention = next(mo for mo in found.money if mo.value == dp[0])
        # "dp wis mlebu 1jt cash, sesuk arep tf meneh 1jt": the way said in the DP's clause.
        before = CLAUSE_END_RE.split(found.lower[: mention.start])[-1]
        after = CLAUSE_END_RE.split(found.lower[mention.start :])[0]
        dp_how = payments.find_method(f"{before}{after}")
        if _dp_later(found, mention):
            out["dp_promised"] = True  # "dp 2,5jt minggu depan": not paid yet
        elif dp_paid is not None and dp_paid[1] < found.today:
            out["dp_paid_date"] = iso(dp_paid[1])  # today's is any payment's own day
    elif promised and intent is Intent.CREATE_BOOKING:
        # "dp nya mau tf besok 1jt", "mau tf 3jt": the client's money to come, towards the
        # booking: a DP promised, never its price nor money paid.
        out["dp_amount"] = promised[0]
        out["dp_promised"] = True
    if dp and intent is Intent.CREATE_BOOKING and not out.get("dp_promised"):
        # "dp wis mlebu 1jt cash, sesuk arep tf meneh 1jt": more money promised beside the
        # DP paid is shown as not recorded, never dropped unsaid.
        told = [m for m in found.money if m is not mention and m.value != out.get("price")]
        for more in told:
            clause = CLAUSE_END_RE.split(found.lower[: more.start])[-1]
            if PROMISE_RE.search(clause) or _LATER_RE.search(clause):
                said = f"{found.text[more.start - len(clause) : more.end]}".strip()
                out["unplaced"] = [*out.get("unplaced", []), said]
    if intent is Intent.CREATE_BOOKING and "price" in out and _paid_in_full(found):
        out["paid_in_full"] = True  # "udh lunas cash": the price paid, nothing owed
    if intent is Intent.CREATE_BOOKING and (seats := read_seats(SEATS_RE, found.masked, [])):
        out["seats"] = seats  # "1 bus yg 50 seat": the size the client asked for
    if found.route.route_from and not (
        intent is Intent.UPDATE_BOOKING
        and _CAME_BACK_FROM_RE.search(found.lower, 0, found.route.from_start)
    ):
        out["route_from"] = found.route.route_from
    if found.route.route_to and not _another_trip(found, intent):
        out["route_to"] = found.route.route_to
    elif (
        found.route.unplaced
        and intent is Intent.CREATE_BOOKING
        and not _money_sent_there(found.lower, found.route.unplaced.lower())
    ):
        # ("dp 3jt udah transfer ke bca": where the money went, no place left unrecorded.)
        out["unplaced"] = [f"tujuan {found.route.unplaced}"]
    # "sopir pak hendra bsk ganti slamet aja, wahyu msh nungguin bus 03 di borobudur": a
    # bus someone waits with or fetches is where he is, not the trip's bus.
    aside = [b for b in found.buses if _bus_aside(found, b)]
    dropped = dropped_bus(found) if intent is Intent.UPDATE_BOOKING else None
    if dropped is not None:
        # "bus 03 ga jadi": the bus given up, none in its place ("1 bus aja": the count left).
        out["replaced_bus"] = dropped.text
        if found.bus_count is not None:
            out["bus_count"] = found.bus_count
    elif found.buses and not (intent is Intent.UPDATE_BOOKING and len(aside) == len(found.buses)):
        bus = found.buses[0]
        if intent is Intent.UPDATE_BOOKING:
            for b in found.buses:
                if NEW_BUS_MARK_RE.search(text_before(found, b.start, 12)):
                    bus = b
                    break
            fit = [b for b in found.buses if not BUS_UNFIT_RE.match(found.lower, b.end)]
            if found.added_buses and fit and bus not in fit:
                bus = fit[0]  # "tambah 1 bus ya, srikandi ga muat. bus 02": the one that fits
            out |= swap(found, bus) | _sent_in_place(found)
            if CARRIES_ON_RE.search(found.lower):
                out.pop("route_to", None)  # where the bus is sent: the party waits there
            if in_place := _in_place_of(found):
                # "bus 03 brgkt ke muntilan gantiin bus 01": where the bus is sent to, not
                # where the trip goes.
                out |= in_place
                out.pop("route_to", None)
        out.setdefault("bus", bus.text)
    named = _distinct_buses(found) if intent is Intent.CREATE_BOOKING else listed_buses(found)
    if intent is Intent.CREATE_BOOKING and (taken_back := buses_taken_back(found)):
        # "pake bus 01 eh jgn ding kir e bus 01 abis tgl 20, bus 02 aja": the bus taken back
        # in the same breath is not the trip's.
        named = [n for n in named if bus_said_key(n) not in taken_back]
        if named:
            out["bus"] = named[0]
    if "replaced_bus" in out:
        # ("ganti bus 02, srikandi ga jadi": the bus given up is none of the trip's.)
        named = [n for n in named if bus_said_key(n) != bus_said_key(out["replaced_bus"])]
    if len(named) > 1:
        out["buses"] = named
    # A change to "1 bus" may be one bus of several ("ganti 1 bus"): a count of a change
    # is two or more.
    # "ga jadi 2 bus, cukup 1 aja": the count called off is no count of the trip.
    if (
        found.bus_count
        and not COUNT_CALLED_OFF_RE.search(found.lower)
        and (
            intent is Intent.CREATE_BOOKING
            or (intent is Intent.UPDATE_BOOKING and found.bus_count > 1)
        )
    ):
        out["bus_count"] = found.bus_count
    if found.added_buses and intent is Intent.UPDATE_BOOKING:
        out["added_buses"] = found.added_buses
    if found.driver:
        out["driver"] = found.driver.text
    elif (
        intent is Intent.UPDATE_BOOKING
        and found.team_member
        and not found.kernet
        and (newcomer := _one_changed_to(found))
    ):
        # "trip pak hendra ganti slamet aja": one of the PO's people put on the trip
        # ("joko sakit, bsk pkk diganti slamet": the one after the change word).
        out["driver"] = newcomer
    elif (
        intent is Intent.UPDATE_BOOKING
        and found.team_member
        and not found.kernet
        and CLIENT_THEN_MATE_RE.match(found.lower)
    ):
        # "yowis bu dewi joko wae": the client's trip, then the teammate who drives it.
        out["driver"] = found.team_member
    elif (
        intent is Intent.UPDATE_BOOKING
        and found.team_member
        and not found.kernet
        and re.search(
            rf"\b(?:bus|bis|unit)\s*\d+\s+(?:sm|sama|karo|ama|bareng|dengan|dgn)\s+(?:pak\s+|mas\s+)?"
            rf"{re.escape(found.team_member.lower().split()[0])}\b",
            found.lower,
        )
    ):
        # "kt condongcatur tgl 12 pake bus 04 sm wahyu ya": the bus and who drives it.
        out["driver"] = found.team_member
    elif (
        intent is Intent.UPDATE_BOOKING
        and found.team_member
        and not found.kernet
        and BY_DESTINATION_RE.search(found.lower)
        and (MEMBER_GIVEN_RE.search(found.lower) or MEMBER_GOES_RE.match(found.lower))
    ):
        # "yg ke malang slamet aja yg bawa": the trip going there given to Slamet.
        seat = "kernet" if KERNET_WORD_RE.search(found.lower) else "driver"
        out[seat] = found.team_member
    elif (
        intent is Intent.UPDATE_BOOKING
        and found.team_member
        and not found.kernet
        and PUT_ON_TRIP_RE.match(found.lower)
    ):
        # "slamet tak pasang ke bu dewi tgl 4": put on her trip, as its driver unless said.
        seat = "kernet" if KERNET_WORD_RE.search(found.lower) else "driver"
        out[seat] = found.team_member
    if found.kernet:
        out["kernet"] = found.kernet
    named_buses = distinct_mentions(found, by_name=False)
    for_the_trip = [b for b in named_buses if not _BUS_ASIDE_RE.match(found.lower, b.end)]
    if for_the_trip and intent is Intent.UPDATE_BOOKING:
        # "busnya ganti bus 01 aja, bus 04 arep tak servisne. sopire joko": a bus named for
        # the workshop it goes to is none of the trip's; the crew named is the trip's.
        named_buses = for_the_trip
    crew = crew_lines(found.text, found.lower, named_buses, found.team)
    if not crew and named_buses:
        crew = listed_for_buses(found.text, found.lower, named_buses)
    if not named_buses:
        crew = waiting_crew(found.text, found.lower, found.bus_count or 0)
    if not named_buses and intent is Intent.UPDATE_BOOKING:
        # "sopir pak yusuf joko sm wahyu": the domain knows the booking's buses. The trip's
        # day may stand between ("sopir besok joko sm wahyu", "sopir bu dewi tgl 4 joko sm
        # slamet").
        undated = found.lower
        for d in found.dates:
            undated = mask(undated, d.start, d.end)
        crew = named_pair(found.text, undated)
    if crew and (intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING)):
        # Each bus its own crew; the single fields hold the first named, as the contract says.
        # "sopir bus 01 joko, bus 03 slamet" changes the crew of each bus named.
        out["crew"] = crew
        placed = [line["bus"] for line in crew if "bus" in line]
        if len(placed) > 1 and len(set(placed)) == len(placed):
            # "sd tumbuh 2 sopirnya: bus 01 joko, bus 03 slamet": every bus named is the trip's.
            out.setdefault("buses", placed)
        for role in ("driver", "kernet"):
            named = [line[role] for line in crew if role in line]
            if named:
                out[role] = named[0]
    elif intent is Intent.CREATE_BOOKING:
        out["unplaced"] = [*out.get("unplaced", []), *second_driver(found.text, found.lower, out)]
        if not out["unplaced"]:
            del out["unplaced"]
    if (dp or out.get("paid_in_full")) and found.method and intent is Intent.CREATE_BOOKING:
        out["method"] = dp_how or found.method  # how the DP (or the whole price) was paid
    if found.phones:
        out["client_phone"] = found.phones[0].e164
    # "pak bambang guru smp 2 depok": who the client is, kept with the booking's notes.
    about = client_note(found) if intent is Intent.CREATE_BOOKING else None
    notes = [n for n in (about, found.notes) if n]
    if notes:
        out["notes"] = "; ".join(notes)
    if found.stops:
        out["stops"] = found.stops
    if found.passengers:
        out["passengers"] = found.passengers
    if found.pickup:
        out["pickup_place"] = found.pickup
    elif intent is Intent.CREATE_BOOKING and _client_from(found):
        # "pak rudi dr kalasan", no destination yet: where the client lives is where the
        # bus picks him up; it stays when the route is said later ("jogja - solo").
        out["pickup_place"] = found.route.route_from
    return out


def _sent_in_place(found: Found) -> dict[str, str]:
    """ "bus 01 ... mogok di secang, radiatornya bocor. tak kirim bus 02 buat gantiin": Bus
    02 for Bus 01 on its trip, the breakdown kept in the trip's notes; {} otherwise."""
    broken = broken_down_replaced(found.lower)
    if broken is None:
        return {}
    before = [b for b in found.buses if b.end <= broken.start()]
    after = [b for b in found.buses if b.start >= broken.end()]
    if not before or not after or before[-1].text.lower() == after[0].text.lower():
        return {}
    # What is wrong: from the breakdown to the end of its sentence.
    said = re.split(r"[.\n;]", found.text[broken.start() :])[0]
    said = SENT_IN_PLACE_RE.split(said)[0].strip(" ,")
    # "..., rombongan pak agus tak kirim bus 02": the party carried is whose trip, no fault.
    client = found.client.text.lower() if found.client else None
    kept = []
    for clause in said.split(","):
        if PARTY_RE.search(clause.lower()) or (client and client in clause.lower()):
            break
        kept.append(clause)
    said = ",".join(kept).strip(" ,") or said
    said = re.sub(r"(?:[\s,]+(?:pak|bu|mas|mbak|min|bos|om))+$", "", said, flags=re.IGNORECASE)
    note = f"{before[-1].text.title()} {said}"
    return {"bus": after[0].text, "replaced_bus": before[-1].text, "notes": note}


def _in_place_of(found: Found) -> dict[str, str]:
    """ "bus 03 brgkt ke muntilan gantiin bus 01": Bus 03 for Bus 01 on its trip; {}
    otherwise."""
    verb = IN_PLACE_OF_RE.search(found.lower)
    if verb is None:
        return {}
    # ("gantiin bus srikandi": the bus word before a fleet name.)
    old = next((b for b in found.buses if verb.end() <= b.start <= verb.end() + 4), None)
    new = next((b for b in found.buses if old and b.text.lower() != old.text.lower()), None)
    if old is None or new is None:
        return {}
    return {"bus": new.text, "replaced_bus": old.text}


# "abis kerendam kemarin", "gara2 kena banjir kmrn": the day of what befell the bus, the
# repair's reason, not the day of the repair.
_MISHAP_BEFORE_RE = re.compile(
    r"\b(?:abis|habis|hbs|gara2|gara-gara|garagara|karena|krn|soalnya|pas)\s+(?:\w+\s+)?"
    r"(?:kerendam|terendam|kendem|kelelep|kena|kebanjiran|lewat|nerjang|nerabas|nrabas|nerobos"
    r"|kejebak|kecemplung|mogok|nabrak|ditabrak|kesrempet)\w*\s+(?:\w+\s+){0,2}$"
)
# Money handed over to someone: "sy balikin ke mbak sari", "disetor ke bu dewi".
_HANDED_TO_RE = re.compile(
    r"\b(?:balikin|dibalikin|kembaliin|dikembaliin|kembalikan|dikembalikan|setor|setorin"
    r"|disetor|disetorin|serahin|diserahin|diserahkan|titip|titipin|dititipin|kasihin|dikasihin"
    r"|kasih|dikasih|kasi|dikasi|ksh|dksh|kasihkan|dikasihkan|berikan|diberikan)"
    r"\s+(?:ke|k|sama|sm|ama)\s*$"
)


def _client_from(found: Found) -> bool:
    """ "pak rudi dr kalasan": the place said right after the client, with no destination."""
    route, client = found.route, found.client
    if client is None or not route.route_from or route.route_to or route.from_start < 0:
        return False
    between = found.lower[client.end : route.from_start]
    return bool(re.fullmatch(r"[\s,]*(?:dari|dr|dri)\s+", between))


_LIST_JOINER_RE = re.compile(rf"\s*(?:,|&|\+|{AND}|ma)?\s*")


_REPLACED_BY_RE = re.compile(
    # "yg srikandi buat bu rina ganti bus 06": whose trip it is may stand between.
    r"\s*(?:nya\s*)?(?:(?:buat|bwt|utk|untuk|punya|pny|milik|rombongan|rombongannya)\s+){0,2}"
    r"(?:(?:yg|yang)\s+)?(?:di)?(?:ganti|tukar|tuker)(?:\s*(?:jadi|jd|ke|dgn|dengan))?\s*"
    r"|\s*(?:->|→)\s*"
    # "bus 04 nya ga jadi, ganti bus 01": called off for the one named after it.
    r"|\s*(?:nya\s*)?(?:ga|gak|nggak|ngga|g|gk|tidak|tdk|ndak|nda)\s+(?:jadi|jd)"
    r"(?:\s+(?:dipake|dipakai))?\W+(?:(?:di)?ganti|pake|pakai)\s+(?:(?:aja|ke|jd|jadi)\s+)?"
)


# "dituker", "tukeran", "ditukar aja", "swap": two trips trade what they have.
_SWAP_RE = re.compile(r"\b(?:di)?(?:tuker|tukar)(?:an|kan|in|ken)?\b|\bswap\b")
_CREW_SWAP_RE = re.compile(r"\b(?:sopir|supir|driver|kernet|kenek|kru)\w*")


def swap_client(found: Found) -> str | None:
    """ "bus pak hendra sm bu dewi dituker", "srikandi nya sd muhammadiyah tuker aja sm bus
    04 nya bu dewi": the other of two clients whose trips trade their buses (the first
    named is `client_name`); None when no two clients' buses are traded."""
    if found.client is None or not _SWAP_RE.search(found.lower):
        return None
    if not (found.buses or re.search(r"\b(?:bus|bis)\w*", found.lower)):
        return None
    if _CREW_SWAP_RE.search(found.lower) and not found.buses:
        return None  # "sopirnya pak gun sm bu tutik dituker": the crew, not the buses
    first = found.client.text.lower()
    crew = {found.driver.text.lower() if found.driver else "", (found.kernet or "").lower()}
    others = [
        p.text
        for p in found.people
        if p.text.lower() != first
        and p.text.lower() not in crew
        and p.text.lower().split()[-1] not in found.team
    ]
    # ("... sd muh kotagede dituker, ... sd muh cm 45 murid": the same client said short.)
    keys = {name_key(o) for o in others}
    if len({k for k in keys if not any(o != k and o.startswith(k + " ") for o in keys)}) != 1:
        return None
    return max(others, key=len)


# "ga jadi pake bus 04": the bus named next is called off.
_NOT_TAKEN_BEFORE_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|g|gk|tidak|tdk|ndak|nda)\s+(?:jadi|jd)\s+(?:pake|pakai|make|naik)\s+$"
)


# "bus 01 mogok", "bus 01 nya rusak": a bus broken down, given up for another.
_BROKEN_AFTER_RE = re.compile(
    r"\s*(?:nya\s+)?(?:(?:udh|udah|lg|lagi|malah)\s+)?(?:mogok|rusak|trouble|ngadat|turun\s+mesin)\b"
)
_CHANGE_WORD_RE = re.compile(r"\b(?:di)?(?:ganti|tuker|tukar)\b")


def replaced_bus(found: Found) -> str | None:
    """ "yg srikandi ganti bus 02": the bus given up for another, when one is ("ganti bus 01,
    ga jadi pake bus 04" too)."""
    found_one = next((b.text for b in found.buses if replaced(found, b)), None)
    if found_one is None and len({b.text.lower() for b in found.buses}) == 2:
        # ("diganti bus 02 ya, srikandi ga jd": the bus called off after it, too.)
        called_off = [
            b
            for b in found.buses
            if _NOT_TAKEN_BEFORE_RE.search(found.lower, 0, b.start)
            or called_off_after(found, b)
            # ("ganti bus 02, bus 01 mogok di muntilan": the one broken down.)
            or (_CHANGE_WORD_RE.search(found.lower) and _BROKEN_AFTER_RE.match(found.lower, b.end))
        ]
        found_one = called_off[0].text if len(called_off) == 1 else None
    return found_one


def swap(found: Found, bus: BusMention) -> dict[str, str]:
    """The bus a change gives and the one it gives up, when one is ("srikandi diganti bus
    02": bus 02 for Srikandi); {} when none is given up."""
    if replaced(found, bus):
        new = min((b for b in found.buses if b.start >= bus.end), key=lambda b: b.start)
        return {"bus": new.text, "replaced_bus": bus.text}
    given_up = replaced_bus(found)
    if given_up is None:
        return {}
    if given_up.lower() == bus.text.lower():
        # "ga jadi pake bus 04, ganti bus 01": the bus named first is the one given up.
        other = next((b for b in found.buses if b.text.lower() != bus.text.lower()), None)
        return {} if other is None else {"bus": other.text, "replaced_bus": given_up}
    return {"bus": bus.text, "replaced_bus": given_up}  # "pak lurah bus 03 ganti bus 02"


def replaced(found: Found, bus: BusMention) -> bool:
    """ "bus 02 ganti bus 04": Bus 02 is the one given up; "yg srikandi tgl 14 ganti bus
    02": the day of the trip may stand between."""
    after = [b.start for b in found.buses if b.start >= bus.end]
    if not after:
        return False
    between = found.lower
    spans = [(d.start, d.end) for d in found.dates] + [(p.start, p.end) for p in found.people]
    for start, end in spans:
        if bus.end <= start and end <= min(after):
            between = mask(between, start, end)
    return bool(_REPLACED_BY_RE.fullmatch(between[bus.end : min(after)]))


def listed_buses(found: Found) -> list[str]:
    """Two buses or more listed with "sama"/"dan"/"," ("pake bus 02 sama bus 04"): the
    buses a trip takes. A change also names two buses as old and new ("bus 02 ganti bus
    04"): those are not a list."""
    mentions = distinct_mentions(found)
    listed = all(
        _LIST_JOINER_RE.fullmatch(found.lower[a.end : b.start])
        for a, b in itertools.pairwise(mentions)
    )
    return [b.text for b in mentions] if listed and len(mentions) > 1 else []


def _distinct_buses(found: Found) -> list[str]:
    return [b.text for b in distinct_mentions(found)]


def distinct_mentions(found: Found, *, by_name: bool = True) -> list[BusMention]:
    """Each bus once: "bus srikandi" also contains the fleet name "srikandi"; `by_name`:
    a bus named twice counts once too."""
    kept: list[BusMention] = []
    for b in sorted(found.buses, key=lambda b: (b.start, -(b.end - b.start))):
        if any(
            k.start <= b.start < k.end or (by_name and k.text.lower() == b.text.lower())
            for k in kept
        ):
            continue
        kept.append(b)
    return kept


# "smp tgl 10", "sampai 10 des", "s/d tgl 10": a period ending on the day that follows.
UNTIL_RE = re.compile(r"\b(?:sampai|sampe|smp|nyampe|hingga|s[/.]d\.?|sd)\s*$")


def until_dates(found: Found) -> list[dates.DateMention]:
    """The dates said right after "sampai": "udh diperpanjang kmrn, smp 20 des 2027"; else
    after the word for running out: "baru diperpanjang kmrn, abis 13 juli 2032"."""
    return (
        [d for d in found.dates if UNTIL_RE.search(found.lower[: d.start])]
        or [
            d
            for d in found.dates
            if _EXPIRES_ON_RE.search(found.lower[: d.start])
            # "yg lama habis tgl 1 des": the expiry before the renewal, no new one (a local
            # pattern: its words explain no message to the coverage check).
            and not re.search(
                r"\b(?:lama|lamanya|sebelumnya)\b", found.lower[max(0, d.start - 25) : d.start]
            )
        ]
    )


_LEAK_RE = re.compile(
    r"\b(?:bocor|rembes|merembes|ngerembes|netes|menetes|ngocor)\b.*\b(?:dari|dr)\s+mesin\b"
    r"|\bmesin\w*\s+(?:\w+\s+)?(?:bocor|rembes|merembes|ngerembes|netes|menetes)\b"
)
# A booking's new day, noticed: "kok jd tgl 9", "pindah ke tgl 12".
_NEW_DAY_TOLD_RE = re.compile(
    r"\b(?:jd|jadi|dadi|pindah|diundur|dimajuin|dimajukan|mundur|maju)\s+(?:ke\s+)?"
    r"(?:tgl|tanggal)?\s*\d"
)


# Questions about money already made or spent: a month named alone is the last one of that
# name ("untung november brp" asked on 1 Dec is this November's, not next year's).
LOOKING_BACK = frozenset(
    {
        Intent.QUERY_INCOME,
        Intent.QUERY_PROFIT,
        Intent.QUERY_BUS_REVENUE,
        Intent.QUERY_WORKSHOP_COSTS,
        Intent.QUERY_ACTIVITY,
        Intent.QUERY_TRIP_COSTS,  # "solar bus 05 bulan juli abis brp" in August: spent
    }
)


def _bus_size(found: Found) -> dict[str, int]:
    """ "butuh 2 bus yg 50 kursi", "bus kapasitas 50", "bus muat 40 orang": the seats each
    free bus must have (a passenger count is the seats it needs) and how many are needed."""
    out: dict[str, int] = {}
    seats = read_seats(SEATS_RE, found.masked, []) or found.bus_edit.seats or found.passengers
    if seats:
        out["seats"] = seats
    if found.bus_count:
        out["bus_count"] = found.bus_count
    elif needed := _COUNT_NEEDED_RE.search(found.lower):
        out["bus_count"] = int(needed.group("n"))
    elif found.added_buses:
        out["bus_count"] = found.added_buses  # "butuh 2 bus lg, msh ada yg kosong?": 2 more
    return out


# "tgl 17 ada bus nganggur ga? butuh 2": how many buses, the word "bus" said before.
_COUNT_NEEDED_RE = re.compile(
    r"\b(?:butuh|butuhnya|perlu|perlunya|cari|nyari|mau|pengen)\s+(?P<n>[1-9])"
    r"(?:\s*(?:unit|biji|buah|armada))?(?:\s+(?:aja|saja|ya|pak|bu|mas|mbak|min))*\W*$"
)


# A sentence ends at "?", "!", a line's end or a full stop before a space; never the dots of
# "s.d." ("1/11 s.d. 15/11" is one period).
_SENTENCE_END_RE = re.compile(r"[?!\n]|\.(?=\s|$)")


def _without_sd(text: str) -> str:
    return re.sub(r"\bs\s*[./]\s*d\b\.?", lambda m: " " * len(m.group()), text)


def _sentence_ends(text: str) -> bool:
    return _SENTENCE_END_RE.search(_without_sd(text)) is not None


_DAYS_ALONE_BEFORE_RE = re.compile(r"[?.!]\s*(?:(?:yg|yang|mulai|dari|dr)\s+)?$")
_DAYS_ALONE_AFTER_RE = re.compile(
    r"(?:\s+(?:aja|saja|ae|wae|ya|yo|pak|bu|mas|mbak|sih|nggih|dong|tok))*\s*[?.!]*\s*$"
)


def _period(found: Found, back: bool = False, money_in: bool = False) -> dict[str, str]:
    """A day or a period: "tgl 10 sampe 12", "besok sampe lusa", "minggu depan"; with
    `back`, a whole month named ahead of today is the one a year before; with `money_in`
    (money already in or spent), days of the month ahead of today are this month's."""
    if not found.dates:
        return {}
    # "bus 04 tgl 6 blm ada sopir, yg free siapa ya? agus kmrn udh jalan 3 hari": a day in
    # another sentence (after a "?" or a full stop) is no end of the period asked.
    first = found.dates[0]
    inside = [
        d
        for d in found.dates[1:]
        if first.vague
        and first.end_date is not None
        and not (d.vague or d.relative)
        and d.end_date is not None
        and first.date <= d.date < d.end_date <= first.end_date
        # (a sentence of its own, the days alone: never "kecuali tgl 2-3", "aku cuti tgl 3-4")
        and _DAYS_ALONE_BEFORE_RE.search(found.lower, 0, d.start) is not None
        and _DAYS_ALONE_AFTER_RE.match(found.lower, d.end) is not None
    ]
    if inside:
        # "minggu iki bis sing nganggur apa bae? tgl 10 sampe 14": the days said within the
        # week are the ones asked.
        first = inside[0]
    found = replace(
        found,
        dates=[first]
        + [d for d in found.dates[1:] if not _sentence_ends(found.lower[first.end : d.start])],
    )
    # A month named ahead of today, asked of money already in ("pemasukan desember" in
    # March), is last year's; but the coming month (December asked on 30 November, "desember?"
    # right after November's income) is the one about to start: a person at the end of a
    # month asking the next one means it, never the one eleven months back. The answer
    # then says nothing is in yet and what its trips have paid ahead (income_answers.income).
    coming = first.date == dates.add_months(found.today.replace(day=1), 1)
    if back and first.vague and first.date > found.today and first.end_date and not coming:
        first = replace(first, date=_year_before(first.date), end_date=_year_before(first.end_date))
    said = found.lower[first.start : first.end]
    days_only = not (first.vague or first.relative or re.search(dates.MONTH_RE, said) or inside)
    if (
        money_in
        and days_only
        and first.date > found.today
        and (back_day := dates.resolve_day_back(first.date.day, found.today)) is not None
    ):
        # "tgl 1 sampek 15 sasi iki dhuwit mlebu piro" asked on the 20th: money already in,
        # this month's days, never next month's.
        moved = (first.date - back_day).days
        end = first.end_date - dt.timedelta(days=moved) if first.end_date else None
        first = replace(first, date=back_day, end_date=end)
    if (
        first.day_only
        and len(found.dates) > 1
        and found.dates[1].date < first.date
        and (back_day := dates.resolve_day_back(first.date.day, found.dates[1].date))
    ):
        # "dr tgl 1 smp hr ini": a bare day that opens a period ending before it is the
        # last such day before that end, never next month's.
        first = replace(first, date=back_day)
    out = {"date": iso(first.date)}
    until = UNTIL_RE.search(found.lower[max(0, first.start - 12) : first.start])
    if until and len(found.dates) == 1 and first.end_date is None and first.date > found.today:
        # "jadwal sy smp tgl 10": up to a day, from today.
        return {"date": iso(found.today), "date_to": iso(first.date)}
    if first.end_date is not None and first.end_date != first.date:
        out["date_to"] = iso(first.end_date)
        then = found.dates[1] if len(found.dates) > 1 else None
        if (
            then is not None
            and then.end_date is not None
            and then.date == first.end_date + dt.timedelta(days=1)
            and _SPANS_JOINED_RE.fullmatch(found.lower, first.end, then.start)
        ):
            # "jadwal minggu ini sm minggu dpn": the two weeks, one period (only when one
            # follows the other: "tgl 1-2 sm tgl 10-11" is two).
            out["date_to"] = iso(then.end_date)
    elif len(found.dates) > 1 and found.dates[1].date > first.date:
        # "besok kan minggu": one day said twice is no period.
        out["date_to"] = iso(found.dates[1].date)
    elif len(found.dates) > 1 and (week_end := found.dates[1].end_date) and week_end > first.date:
        # "sabtu minggu ini": the day, then the week it falls in: up to that week's end.
        out["date_to"] = iso(week_end)
    return out


# "eh maksude", "maksudnya", "eh salah": what was just said is put right by what follows.
_MEANT_INSTEAD_RE = re.compile(
    r"\b(?:eh\s+)?(?:maksude|maksudnya|maksud\s+(?:sy|saya|aku|kulo)|maksudku)\b"
    r"|\beh\s+(?:salah|keliru)\b"
)
_SPANS_JOINED_RE = re.compile(rf"\s*(?:{AND}|&|\+|karo|sampe|sampai|smp)\s*")
# "..., trs lusa?", "kalo yg tgl 5?": the same question asked again of another day.
THEN_DAY_RE = re.compile(r"\b(?:trs|terus|trus|lalu|kalo|kalau|klo|klu|gimana|gmn)\s+(?:\w+\s+)?$")


# "sy ga bisa narik, mau mudik ke wonogiri", "mau kondangan ke klaten": where the one
# declining goes himself, his reason, never the trip's destination ("yg takziah ke madiun"
# is the trip).
_OWN_JOURNEY_RE = re.compile(
    r"\b(?:mudik|pulkam|pulang\s+kampung|plg\s+kampung|pulang|plg|balik\s+kampung|mulih"
    # ("... ga bisa narik, kondangan nang solo": his own; "yg takziah ke madiun": the trip's.)
    r"|(?:(?:mau|mo|mw|arep|pengen|pgn)\s+|(?<!yg\s)(?<!yang\s))(?:kondangan|kondang|jagong|nikahan|resepsi|layat"
    r"|ngelayat|melayat|layatan|takziah|takziyah|ziarah|nyekar|berobat|kontrol))"
    # ("ono layatan simbah ning wonogiri": whose, then where.)
    r"(?:\s+(?:simbah|mbah|nenek|kakek|mertua|tetangga))?"
    r"(?:\s+(?:dulu|dl))?\s+(?:ke\s+|k\s+|nang\s+|neng\s+|ning\s+|di\s+)?$"
)


_READY_SAID_RE = re.compile(
    r"\b(?:sy|saya|aku|aq|kulo|gue|gw)\s+(?:tetep\s+|tetap\s+|jadi\s+|sido\s+)?"
    r"(?:siap|bisa|bs|iso|saged)\b"
)


_MONEY_IN = frozenset({Intent.QUERY_INCOME, Intent.QUERY_WORKSHOP_COSTS, Intent.QUERY_BUS_REVENUE})


_AND_DAY_RE = re.compile(rf"(?:\b(?:{AND}|kalih|karo)|&)\s*(?:(?:tgl|tanggal|tg)\.?\s*)?$")


def _days_asked(found: Found, intent: Intent) -> dict[str, Any]:
    """A question's days: a period ("tgl 10 sampe 12"), or a day and the days asked after it
    again ("bsk bus 03 sopirnya sapa, trs lusa?"), each answered on its own."""
    back = intent in LOOKING_BACK
    if (until := _until_before(found, back)) is not None:
        return until
    if "more_dates" not in ALLOWED.get(intent, frozenset()):
        return _period(found, back, money_in=intent in _MONEY_IN)
    first = found.dates[0] if found.dates else None
    # "..., trs lusa?", or the day asked again in a sentence of its own ("tgl 10 arjuna
    # dibawa siapa? tgl 11 jg").
    again = [
        d
        for d in found.dates[1:]
        if (d.end_date is None or _TWO_DAYS_RE.search(found.lower, d.start, d.end))
        and (
            THEN_DAY_RE.search(text_before(found, d.start, 16))
            # ("tgl 2 dan tgl 9 september ada bis kosong?": two days, each asked.)
            or _AND_DAY_RE.search(text_before(found, d.start, 16))
            or (
                first is not None
                and d.date != first.date
                and _sentence_ends(found.lower[first.end : d.start])
                # "? tgl 11 jg": that sentence asks the same again ("agus kmrn udh jalan 3
                # hari" tells why, it asks nothing).
                and re.search(r"\?|\b(?:jg|juga|gmn|gimana)\b", found.lower[d.end :])
            )
        )
    ]
    if not again or first is None or first.end_date not in (None, first.date):
        return _period(found, back)
    # "trs tgl 12 sm 19 mei gmn": two days asked again, each on its own, never the days
    # from one to the other.
    days = [day for d in again for day in (d.date, d.end_date) if day is not None]
    return {"date": iso(first.date), "more_dates": [iso(day) for day in days]}


_BEFORE_RE = re.compile(r"\b(?:sebelum|sblm|sebelom|sblum|sblom)\W*$")
_SPAN_BEFORE_RE = re.compile(
    r"\b(?:sehari|seminggu|semalam|malam|malem|h-?\d+|\d+\s*(?:hari|hr|minggu|mgg))\s+"
    r"(?:sebelum|sblm|sebelom|sblum|sblom)\W*$"
)


def _until_before(found: Found, back: bool) -> dict[str, Any] | None:
    """ "trip yg blm ada sopirnya apa aja? sblm natal harus beres": the days from today to
    the one before the day said, asked ahead."""
    if back or len(found.dates) != 1:
        return None
    day = found.dates[0]
    before = text_before(found, day.start, 24)
    if day.date <= found.today or not _BEFORE_RE.search(before):
        return None
    if _SPAN_BEFORE_RE.search(before):
        return None  # "sehari sblm tgl 10", "h-1 sblm natal": one day, not the days up to it
    return {"date": iso(found.today), "date_to": iso(dates.add_days(day.date, -1))}


# Two days joined by "dan" / "sama" / "&", never "sampe" or "-".
_TWO_DAYS_RE = re.compile(rf"\d\s*(?:{AND}|&)\s*(?:tgl|tanggal)?\.?\s*\d")


# "tahun depan", "thn ini", "2027": the year asked of a season's days.
YEAR_ASKED_RE = re.compile(
    r"\b(?:tahun|thn|taun|th)\s+(?P<rel>depan|dpn|ini|besok)\b|\b(?P<year>20[2-9]\d)\b"
)


def _year_asked(found: Found) -> int | None:
    said = YEAR_ASKED_RE.search(found.lower)
    if said is None:
        return None
    if said["year"]:
        return int(said["year"])
    return found.today.year + (said["rel"] != "ini")


def _season_day(found: Found) -> str | None:
    """What days of the season are asked: the school break ("libur sekolah kapan"), Idul
    Fitri ("lebaran tgl brp"), or the holidays of a period ("ada tanggal merah bulan ini?",
    "libur januari ada apa aja"); None when how busy it is is asked."""
    if DAY_OF_ASKED_RE.search(found.lower):
        if SCHOOL_BREAK_RE.search(found.lower):
            return "school_break"
        if LEBARAN_RE.search(found.lower):
            return "lebaran"
    if HOLIDAYS_RE.search(found.lower) or (found.dates and HOLIDAY_WORD_RE.search(found.lower)):
        return "holidays"
    return None


def _year_before(day: dt.date) -> dt.date:
    """The same day a year before; a month's last day stays its last (28 Feb 2029 is
    29 Feb 2028 in a leap year, 29 Feb is 28 Feb in a common one)."""
    last = dates.month_range(day.year, day.month)[1]
    if day == last:
        return dates.month_range(day.year - 1, day.month)[1]
    return day.replace(year=day.year - 1)


def _kinds_named(found: Found, *, but_renewed: bool = False) -> int:
    """How many kinds of paper the message names ("kir ... sekalian stnk nya": two).
    `but_renewed`: leaving out a kind named only as renewed with it ("stnk bus 02 habis
    kapan? ... sekalian perpanjang bareng kir": the STNK is asked)."""
    count = 0
    for _, pattern in DOC_KIND_RES:
        said = list(pattern.finditer(found.lower))
        if but_renewed:
            said = [m for m in said if not _RENEWED_WITH_RE.search(found.lower[: m.start()])]
        count += bool(said)
    return count


def _asked_kind(found: Found) -> str:
    said = [
        (m.start(), kind)
        for kind, pattern in DOC_KIND_RES
        for m in pattern.finditer(found.lower)
        if not _RENEWED_WITH_RE.search(found.lower[: m.start()])
    ]
    return min(said)[1]


_RENEWED_WITH_RE = re.compile(
    r"\b(?:perpanjang|diperpanjang|perpanjangan|urus|diurus|ngurus)\s+(?:\w+\s+){0,2}$"
)


def papers_also_asked(found: Found, fields: dict[str, Any]) -> list[str]:
    """ "surat2 yg mau abis bln ini & bln depan? kir stnk": papers of several kinds asked
    of the whole fleet; the kinds besides the one `fields` holds, each a question of its
    own (a holder named asks every paper of theirs instead)."""
    if "document_kind" not in fields or {"bus", "driver"} & fields.keys():
        return []
    return [
        kind
        for kind, pattern in DOC_KIND_RES
        if kind != fields["document_kind"] and pattern.search(found.lower)
    ]


# "pak budi sy izin ...", "mbak sari, saya ...": the sender's own words begin after it.
_FIRST_PERSON_AFTER_RE = re.compile(r"\W*(?:sy|saya|aku|aq|gw|gue)\b")


_CLAUSE_RE = re.compile(r"[^,.;!?\n]+")


_GONE_TO_RE = re.compile(r"\b(?:yg|yang|sing|trip)\s+(?:ke|k|nang)\s+$")


def _trip_gone_to(found: Found) -> str | None:
    """A place after "yg ke" ("bus 02 yg ke bromo"): the trip named by where it goes."""
    for at, place in found.places:
        if _GONE_TO_RE.search(text_before(found, at, 12)):
            return place
    return None


_COSTS_OF_RE = re.compile(rf"\b(?:{COSTS_NAMED})\s+(?:trip\s+)?$")


def _costs_named(found: Found) -> str | None:
    """A known place right after the costs are named ("biaya bandung solar 3,2jt ..."):
    the trip they were spent on, by where it went."""
    for at, place in found.places:
        if _COSTS_OF_RE.search(found.lower, 0, at):
            return place
    return None


def trip_named(found: Found) -> str | None:
    """A known place right after "trip" ("trip bali sy ga bisa ikut", "tripnya dieng"): the
    trip named by where it goes."""
    for at, place in found.places:
        if TRIP_NAMED_RE.search(found.lower, 0, at):
            return place
    return None


def _declined_day(found: Found, refs: list[DateMention]) -> DateMention:
    """The day said in the clause that declines: "tgl 4 sy bisa kok, yg ga bisa tgl 6" is
    the 6th; the first day said when no clause tells."""
    for clause in _CLAUSE_RE.finditer(found.lower):
        if DECLINE_RE.search(clause.group()) or DAY_OFF_RE.search(clause.group()):
            inside = [d for d in refs if clause.start() <= d.start < clause.end()]
            if inside:
                return inside[0]
    return refs[0]


# The day asked beside the hour ("dadi budhal tgl piro pak, jam piro?"): the whole trip.
_DAY_ASKED_RE = re.compile(
    r"\b(?:tgl|tanggal|hari|dina)\s+(?:piro|pira|brp|berapa|brapa|apa|opo)\b|\b(?:kapan|kpn)\b"
)
# What the trips of a period are worth together, asked: "total nilainya brp".
_VALUE_ASKED_RE = re.compile(
    r"\b(?:total\s+)?(?:nilai|nilainya)\s+(?:\w+\s+)?(?:brp|berapa|brapa)\b"
    r"|\btotal(?:nya)?\s+(?:nilai|harga)\w*\b"
)
# "sopirnya slamet aja, wahyu kan baru pulang dr malang": where someone comes back from is
# why a change is made, never where the trip now starts.
_CAME_BACK_FROM_RE = re.compile(
    r"\b(?:pulang|plg|balik|mulih|datang|dateng|nyampe|sampe|sampai)\s+(?:dari|dr|dri)\s*$"
)


def _more_days_declined(
    found: Found, declined: DateMention, refs: list[DateMention]
) -> list[dt.date]:
    """ "tgl 5 sm 6 sy izin", "sabtu minggu sy izin": the other days of the same breath,
    each its own day off (a span's days, up to a week; other days of the same clause)."""
    more: list[dt.date] = []
    if declined.end_date is not None and declined.end_date > declined.date:
        span = min((declined.end_date - declined.date).days, 6)
        more += [declined.date + dt.timedelta(days=k) for k in range(1, span + 1)]
    clause = next(
        (c for c in _CLAUSE_RE.finditer(found.lower) if c.start() <= declined.start < c.end()),
        None,
    )
    if clause is not None:
        # Only a day joined to it ("tgl 5 sm 6", "sabtu minggu"), never one said possible
        # after it ("tgl 5 sy ga bisa narik tgl 7 sy bisa").
        more += [
            d.date
            for d in refs
            if d is not declined
            and clause.start() <= d.start < clause.end()
            and _DAYS_JOINED_RE.fullmatch(found.lower[declined.end : d.start])
        ]
    # ("tgl 21 aku ra iso, tgl 22 yo ra iso": another day, said not possible in its own clause.)
    for d in refs:
        own = next(
            (c for c in _CLAUSE_RE.finditer(found.lower) if c.start() <= d.start < c.end()), None
        )
        apart = own is not None and (clause is None or own.span() != clause.span())
        if d.start > declined.end and apart and own and DECLINE_RE.search(own.group()):
            more.append(d.date)
    if declined.day_only or re.match(r"(?:tgl|tanggal)", found.lower[declined.start :]):
        # "tgl 3, 4, 5 sy izin": bare days listed after the first, each of that month.
        listed = _DAYS_LISTED_RE.match(found.lower, declined.end)
        for day in re.findall(r"\d{1,2}", listed.group() if listed else ""):
            said = dates.safe_date(declined.date.year, declined.date.month, int(day))
            if said is not None and said > declined.date:
                more.append(said)
    return [d for d in dict.fromkeys(more) if d != declined.date]


# "and" between days, in the regional words too: "tgl 25 kaliyan 26" (krama), "karo",
# "lan", "kalih" (Javanese), "jo" (Minang).
_DAYS_AND = r"sm|sama|dan|&|kaliyan|kalih|karo|lan|jo"
_DAYS_LISTED_RE = re.compile(
    rf"(?:\s*(?:,|{_DAYS_AND})\s*\d{{1,2}}\b(?![.,:]\d|\s*(?:jt|rb|jam|bus)))+"
)
_DAYS_JOINED_RE = re.compile(
    rf"\s*(?:(?:{_DAYS_AND}|,|-|sampai|sampe|smp|s/d)\s*)?(?:tgl|tanggal)?\s*"
)


def _addressed(found: Found, name: str) -> bool:
    """The name is whom the message is written to, no client: one of the PO's people
    ("pak budi tgl 15 sy ga bisa narik", the owner), or a name opening the message with the
    sender's "sy" right after it ("pak budi sy izin tgl 2 feb")."""
    if name_key(name) in found.team:
        return True
    person = found.client
    if person is None or name_key(person.text) != name_key(name):
        return False
    opening = not found.lower[: person.start].strip(" ,.!")
    # "pak budi, yg ke bekasi sy ga sanggup": the name set apart by a comma, spoken to.
    spoken_to = re.match(r"\s*,", found.lower[person.end :]) is not None
    return opening and (
        spoken_to or _FIRST_PERSON_AFTER_RE.match(found.lower, person.end) is not None
    )


def _greets_teammate(found: Found, out: dict[str, Any]) -> bool:
    """The message opens with one of the PO's people, whom it is written to ("mbak sari
    pelanggan yg blm lunas sapa aja"), no client."""
    person = found.client
    if "client_name" not in out or person is None:
        return False
    opening = not found.lower[: person.start].strip(" ,.!")
    return opening and name_key(person.text) in found.team


# Every paper and one kind besides: "dokumen armada dan SIM sopir yg mau expired", "surat2
# bus sama sim yg mau habis": no one kind asked.
_ALL_PAPERS_AND_RE = re.compile(
    r"\b(?:dokumen|surat|berkas|kelengkapan)\w*(?:\s+\w+)?\s+(?:dan|sama|sm|serta|&|maupun)\s+"
)


# A year said with a day ("20 des 2027", "20/12/27"), and a paper said to have run out
# already ("udh habis 20 des").
_YEAR_SAID_RE = re.compile(r"\b(?:19|20)\d\d\b|[/.-]\d{2}\b|\b(?:thn|tahun|th)\b")
_RUN_OUT_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|dah|wis|telah)\s+(?:habis|hbs|abis|mati|expired|lewat|kadaluarsa)\b"
)


def _expiry(found: Found, day: DateMention) -> dt.date:
    """A paper's expiry said without its year is the next one ("KIR bus 03 habis 20 des"
    said in January is next December's): an expiry is written down to be reminded of,
    unless the paper is said to have run out already."""
    said = found.lower[day.start : day.end + 5]
    if day.date >= found.today or day.relative or day.vague or _YEAR_SAID_RE.search(said):
        return day.date
    if _RUN_OUT_RE.search(found.lower):
        return day.date
    return dates.safe_date(day.date.year + 1, day.date.month, day.date.day) or day.date


# "bu yuli yg kmrn": the day says which of the client's trips, not when it ended.
_WHICH_ONE_RE = re.compile(r"\b(?:yg|yang)\s+$")
# "trip bu dewi kemarin udh pulang": the day said right after the trip named by its
# client is that trip's, as "bu yuli yg kmrn" is ("kembali dari trip bu harni kemarin": when
# it came back).
_TRIP_NAMED_RE = re.compile(r"(?<!dari )\b(?:trip|tripnya|perjalanan|rombongan)\s+$")


def _trips_day(found: Found, start: int) -> bool:
    """Whether the day starting at `start` follows the trip named ("trip bu dewi kemarin")."""
    client = found.client
    if client is None or found.lower[client.end : start].strip():
        return False
    return _TRIP_NAMED_RE.search(found.lower, 0, client.start) is not None


def _holder_of_own_clause(found: Found) -> dict[str, str]:
    """ "bus 02 lagi di bengkel, kir bus 04 habis 20 des": a holder named in the paper's own
    clause, when another is named in a clause before it; {} otherwise."""
    named = [m.start() for _, pattern in DOC_KIND_RES for m in pattern.finditer(found.lower)]
    if not named:
        return {}
    paper = min(named)
    opens = max(found.lower.rfind(stop, 0, paper) for stop in ",.;\n")
    if opens < 0:
        return {}
    ends = re.search(r"[,.;\n]|$", found.lower[paper:])
    closes = paper + (ends.start() if ends else 0)
    buses = [b.text for b in distinct_mentions(found, by_name=False) if paper <= b.start < closes]
    people = [p.text for p in found.people if paper <= p.start < closes]
    if found.document_kind == "sim" and people:
        return {"driver": people[0]}
    return {"bus": buses[0]} if buses and found.document_kind != "sim" else {}


def _paper_of(found: Found) -> dict[str, Any]:
    """Which paper of which holder: "stnk bus 02", "sim pak joko"."""
    out: dict[str, Any] = {}
    if found.document_kind and not _ALL_PAPERS_AND_RE.search(found.lower):
        out["document_kind"] = found.document_kind
    if found.buses:
        out["bus"] = _distinct_buses(found)[0]
    person = found.driver or found.client
    # ("sim sy udh jadi pak, berlaku smp 2031": "smp 2031" is the expiry, nobody's name.)
    if person is not None and found.document_kind == "sim" and not re.search(r"\d", person.text):
        out["driver"] = person.text
    # "kir yg mau abis apa aja": only those of that kind running out soon.
    soon = DUE_SOON_RE.search(found.lower) is not None
    if soon and "document_kind" in out and not {"bus", "driver"} & out.keys():
        out["detail"] = "expiring"
    return out


# "bu rina kmrn jalan kmn?": where the client's trip went asked (as its day is).
PLACE_ASKED_RE = word_re(r"kmn|kemana|kmana|kemn|ke\s+mana|tujuannya\s+(?:apa|mana)")


# "buat yg ke sibolga besok": the trip named by where it goes.
TRIP_BY_PLACE_RE = re.compile(r"\b(?:yg|yang|trip)\s+(?:ke|k)\s+[a-z]")


def lately(found: Found, day: dates.DateMention) -> bool:
    """ "kemarin" said of a named client's trip: the trip was lately (maybe three days ago),
    not on that very day."""
    return found.client is not None and day.relative and not day.vague and day.date < found.today


def _just_today(found: Found) -> bool:
    return (
        len(found.dates) == 1
        and found.dates[0].date == found.today
        and not (found.dates[0].end_date and found.dates[0].end_date != found.today)
    )


# "sampai", or "selesai"/"kelar" (done by): the day a workshop stay ends.
# ("keluarnya tgl 15", krama "ngantos tanggal 6": the day it comes out.)
STAY_END_RE = re.compile(
    r"\b(?:sampai|sampe|smp|hingga|s/d|sd|selesai|kelar|beres|keluarnya|keluare|kluarnya"
    r"|metune|ngantos|nganti)\W*$"
)
# ("harga naik 2,9jt" is the new price, as the labels read it; down may be by how much:
# asked, never guessed.)
_DISCOUNT_WORD = (
    r"(?:diskon|diskonnya|disc|discount|potongan\s+harga|(?<=kasih\s)potongan|(?<=kasi\s)potongan"
    # ("bu rina minta potongan 200rb": a discount asked, never money paid.)
    r"|(?:(?<=minta\s)|(?<=njaluk\s)|(?<=mintak\s))potongan(?=\s+(?:rp\.?\s*)?(?:\d|$)))"
)
# The words that may stand between a discount word and its amount ("diskon pak hendra
# 500rb"); never "jadi" ("minta harga diskon jadi 8jt": the new price).
_DISCOUNT_BETWEEN = r"(?:\s+(?!(?:jadi|jd|jdi|menjadi|dadi)\b)[a-z.'-]+){0,4}?"
_PRICE_MOVED_BY_RE = re.compile(
    r"\b(?:turun|diturunin|diturunkan|dikurangi|kurangi|dipotong|potong)\s+(?:rp\.?\s*)?$"
    # "diskon pak hendra 500rb": the client may stand between the word and its amount.
    rf"|\b{_DISCOUNT_WORD}{_DISCOUNT_BETWEEN}\s+(?:sebesar\s+)?(?:rp\.?\s*)?$"
    # "minta diskon, langganan lama. yowes kasih 500rb": asked, then given that much.
    r"|\b(?:minta|njaluk|nyuwun|mintak)\s+(?:diskon|potongan)\b[^?]*?"
    r"\b(?:yowes|yowis|yawis|yaudah|yodah|ok|oke|wis|wes)\s+(?:tak\s+|sy\s+|saya\s+)?"
    r"(?:kasih|kasi|wenehi|acc)\s+(?:rp\.?\s*)?$"
)


def discount_amount(found: Found, mention: MoneyMention) -> bool:
    """Whether an amount is taken off a price ("diskon 500rb", "turun 500rb"), said right
    after its word."""
    return _PRICE_MOVED_BY_RE.search(found.lower, 0, mention.start) is not None


# "sejak tgl 20", "dari tgl 1", "mulai senin": a period opened, running to today.
_SINCE_RE = re.compile(
    r"\b(?:sejak|dari|dr|mulai|semenjak|wiwit)\s+(?:tgl|tanggal|hari|awal)?"
    # "tgl 1 nganti saiki", "tgl 1 sampe skrg": up to now, the start said first.
    r"|\b\d{1,2}(?:\s+[a-z]{3,9})?\s+(?:sampai|sampe|smp|nganti|ngantos|hingga)\s+"
    r"(?:skrg|skrang|sekarang|saiki|sakniki|kini)\b"
)
# "harga bu endang jadi 8jt": the price said to become an amount.
_PRICE_BECOMES_RE = re.compile(
    r"\bharga\w*\s+(?:[\w.'-]+\s+){0,8}?(?:jd|jadi|menjadi|dadi)\b"
    # "diskon 500rb ya, dadi 6jt": what the discount brings the price to.
    rf"|\b{_DISCOUNT_WORD}\b[^.?!]*?\d[^.?!]*?\b(?:jd|jadi|menjadi|dadi)\s+(?:rp\.?\s*)?\d"
    # "njaluk diskon, wis tak acc dadi 6jt": granted, to that price.
    rf"|{GRANTED_TO_PRICE_RE.pattern}"
)
# "diskon 10%", "kasih diskon bu dewi 5 persen": the share of the price taken off.
_DISCOUNT_SHARE_RE = re.compile(
    rf"\b{_DISCOUNT_WORD}{_DISCOUNT_BETWEEN}\s+(?:sebesar\s+)?(\d{{1,2}})\s*(?:%|persen)"
)
# "kamis baru keluar", "jumat baru beres": the day the stay ends, said before it.
_STAY_ENDS_AFTER_RE = re.compile(
    r"\W*(?:(?:baru|br|udah|udh|sudah|sdh|wis|wes)\s+(?:keluar|kluar|metu|kelar|beres|selesai|rampung)\b"
    # "tgl 5 keluar", "senin metu" (never "keluar kira2 seminggu": how long, from the day).
    r"|(?:keluar|kluar|metu)\b(?!\s+(?:kira|kira2|sekitar|skitar|\d|se(?:hari|minggu))))"
)


# "ganti kopling di bengkel pak man": the job and where, said in one run.
_JOB_AT_RE = re.compile(r"\s+(?:di|ke|dibawa\s+ke)\s+$")


def _job_at(found: Found, job: str) -> str:
    """The job said right before its workshop, kept as written in one note."""
    if not job or found.workshop is None:
        return ""
    start = found.lower.find(job.lower())
    at, end = found.workshop[0], found.workshop[1]
    if start < 0 or not _JOB_AT_RE.fullmatch(found.lower[start + len(job) : at]):
        return ""
    return found.text[start:end].strip()


# "bengkel 3 hari mulai hr ini", "3 hari dari hari ini": the stay's length from today (never
# "3 hari lalu", "trip 3 hari", "garansi 3 hari").
_STAY_DAYS_FROM_TODAY_RE = re.compile(
    r"\bbengkel\w*\s+(\d{1,2})\s*(?:hari|hr|dino)\s+(?:mulai|dari|dr|wiwit)\s+(?:hari|hr|dino)\s+(?:ini|iki)\b"
    r"|\b(\d{1,2})\s*(?:hari|hr|dino)\s+(?:mulai|dari|dr|wiwit)\s+(?:hari|hr|dino)\s+(?:ini|iki)\b"
)


def workshop_days(found: Found, *, first_today: bool = False) -> dict[str, str]:
    """A workshop stay: "mulai tgl 3 sampe tgl 5", "tgl 10 - 14", "sampai tgl 8" (from
    today), "senin depan 3 hari"; its first day left out when today, unless `first_today`
    (a repair's stay says both its days)."""
    if (
        found.dates
        and _just_today(found)
        and (said := _STAY_DAYS_FROM_TODAY_RE.search(found.lower))
    ):
        # "masuk bengkel 3 hari mulai hr ini": today and the days after it.
        stay = int(said.group(1) or said.group(2))
        return {"date_to": iso(dates.add_days(found.today, stay - 1))} if 1 < stay < 60 else {}
    if not found.dates or _just_today(found):
        return {}  # "masuk bengkel hari ini": the plain status change
    said_twice = [
        d
        for d, then in itertools.pairwise(found.dates)
        if d.relative and not then.relative and not found.lower[d.end : then.start].strip()
    ]
    if said_twice:
        # "mlebu bengkel sesuk tgl 1 smp 2": tomorrow named, then as its date with the end
        # (the date written wins when the two differ: it is what the stay is checked by).
        found = replace(found, dates=[d for d in found.dates if d not in said_twice])
    first = found.dates[0]
    ends = STAY_END_RE.search(text_before(found, first.start, 12))
    ends = ends or _STAY_ENDS_AFTER_RE.match(found.lower, first.end)
    if ends and len(found.dates) == 1:
        return {"date_to": iso(first.end_date or first.date)}
    out = _period(found)
    later_end = [d for d in found.dates[1:] if _STAY_ENDS_AFTER_RE.match(found.lower, d.end)]
    if len(later_end) == 1 and later_end[0].date > first.date:
        # "masuk bengkel hari ini ..., paling kamis udah keluar": the day it comes out.
        out = {"date": iso(first.date), "date_to": iso(later_end[0].date)}
    if out.get("date_to", out["date"]) < out["date"]:
        # "masuk bengkel lusa, bsk msh dipake": a day before the stay is not its end.
        del out["date_to"]
    days = days_count(found)
    if "date_to" not in out and days is not None:
        out["date_to"] = iso(dates.add_days(first.date, days - 1))
    if out.get("date") == iso(found.today) and "date_to" in out and not first_today:
        del out["date"]  # "masuk bengkel hr ini smp bsk": the first day is left out today
    return out


# "yg paling lama siapa", "siapa yg utangnya paling gede": the one client owing longest or
# most, of those who owe.
RANKS = word_patterns(
    (
        ("oldest", r"(?:paling|plg|pling)\s+(?:lama|lm|telat|molor|lawas)|terlama|terlambat"),
        ("largest", MOST),
    )
)


# "yg paling gede dr siapa" said of the income asked: who paid the most.
MOST_FROM_WHOM_RE = re.compile(rf"\b(?:{MOST})\s+(?:(?:dari|dr|tu|itu)\s+)?(?:siapa|sapa|spa)\b")


# "urutin dr yg paling lama", "mulai dari yg paling gede": the whole list in that order, not
# the one client (who owes is listed longest overdue first anyway).
_ORDERED_BY_RE = re.compile(
    r"\b(?:urut\w*|diurut\w*|mulai|dimulai)\b|\b(?:dari|dr|dri)\s+(?:yg|yang)\s+paling\b"
)


def debt_rank(lower: str) -> str | None:
    return None if _ORDERED_BY_RE.search(lower) else first_listed(RANKS, lower)


# "total piutang smua brp? gausah dirinci", "totalnya aja": the sum owed alone, in one line
# (a local pattern: its words explain no message to the coverage check).
_SUM_ONLY_RE = re.compile(
    r"usah\s+(?:di)?(?:rinci|rinciin|detail|detailin|jabarin|dijabarkan|list|sebutin)\w*"
    r"|\b(?:total|totalnya|jumlah|jumlahnya)\s+(?:aja|saja|doang|thok|tok)\b"
    # "total piutang skrg brp": the sum asked first (not "... per klien").
    # ("total sing durung dibayar kabeh piro": what is not paid yet, summed.)
    r"|^\W*(?:total|totale|totalnya|jumlah|jumlahe|jumlahnya)\s+(?:piutang|tagihan|utang|hutang|sisa"
    r"|(?:yg|yang|sing)\s+(?:belum|blm|durung|urung)\s+(?:di)?(?:bayar|lunas))\w*\b"
    r"(?!.*\b(?:per|masing|tiap|siapa|sapa|sp|rinci\w*|detail\w*|list|daftar\w*)\b)"
    # "yg blm lunas totalnya brp?": the sum, when nothing asks who.
    r"|^(?!.*\b(?:per|masing|tiap|siapa|sapa|sp|(?:di)?rinci\w*|detail\w*|list|daftar\w*)\b)"
    r".*\b(?:totalnya|jumlahnya)\s+(?:jadi\s+|jd\s+|semua\s+)?(?:brp|berapa)\b"
)


ROLES = ("driver", "kernet")


# A trip named by where it goes, then its day: "buat pelunasan trip pangandaran tgl 4".
def trip_gone_by_place(found: Found, d: DateMention) -> bool:
    """ "nyicil sisa yg ke solo kmrn": a past day said of a trip named by its place is when
    it went, loosely ("kmrn"); no day the money came, nor the trip's exact day."""
    return (
        d.relative
        and d.date < found.today
        and _TRIP_PLACE_DAY_RE.search(found.masked[max(0, d.start - 40) : d.start]) is not None
    )


_TRIP_PLACE_DAY_RE = re.compile(
    # ("dp 3jt buat ziarah ke demak tgl 12": what the trip is for, then where.)
    r"\b(?:trip|tripnya|(?:yg|yang)\s+ke|(?:buat|bwt|utk|untuk)\s+(?:[a-z]+\s+)?ke)"
    r"\s+(?:ke\s+)?[a-z]+(?:\s+[a-z]+)?\s*$"
)


# "abis trip masjid hr ini ada jadwal lg ga?", "setelah yg ke bandung narik lg kapan": what
# comes after the trip named (detail "next"), not that trip again.
_AFTER = r"abis|habis|hbs|sehabis|setelah|stlh|sesudah|ssdh|kelar"
_NEXT_ONE = r"\b(?:lg|lagi|lgi|selanjutnya|berikutnya)\b"
AFTER_THE_TRIP_RE = re.compile(
    rf"\b(?:{_AFTER})\s+(?:trip|tripnya|narik"
    rf"|nganter|ngantar|antar|(?:yg|yang)\s+ke"
    # "abis masjid hr ini sy ada jadwal lg ga?": the trip by its party.
    r"|masjid|rombongan|pkk|sd|smp|sma|smk|pengajian|pak|bu"
    # "abis study tour sma n 2 bantul ada jadwal lg ga?": the trip by what it is.
    r"|study\s*tour|studi\s*tour|karyawisata|ziarah|wisata|piknik|tour"
    # "abis bsk trip sy apa lg?", "abis yg hr ini trip sy selanjutnya kpn": after a day's.
    r"|(?:(?:yg|yang|sing)\s+)?(?:besok|bsk|besuk|sesuk|lusa|hr\s+ini|hari\s+ini|dino\s+iki))\b.*"
    rf"{_NEXT_ONE}"
)

# "abis borobudur sy jalan lg kapan": the trip named by the place it goes to alone.
# ("bang abis balik dr puncak gue ada jadwal lagi kagak?": back from it.)
AFTER_THE_PLACE_RE = re.compile(
    rf"\b(?:{_AFTER}|pulang\s+(?:dari|dr)|(?:{_AFTER})\s+(?:balik|pulang)\s+(?:dari|dr))\s+"
    rf"(?P<place>{PLACE_RE.pattern})\s.*{_NEXT_ONE}"
)


# Someone's own trips asked by name, the PO's people unknown: "jadwal wahyu tgl 27", or a
# name opening the message, then where or when they go ("slamet abis ini jalan kmn?",
# "wahyu sabtu ini bawa rombongan sapa").
_SCHEDULE_OF_RES = (
    re.compile(r"\bjadwal(?:nya)?\s+(?P<name>[a-z]{3,15})\b"),
    re.compile(
        r"^\W*(?:(?:pak|bu|mas|mbak|bos)\W+)?(?P<name>[a-z]{3,15})\s+(?:.*\s)?"
        r"(?:jalan|jln|narik|brgkt|berangkat|brangkat|bawa|kemana|kmn|kmana)\b"
    ),
)


# "cak bayu tgl 15 bawa bus apa?", "pak narto besok nyopir bus mana": the bus the one named
# drives is asked; he is crew, no client (a client rides a bus: "pak hendra pake bus apa").
_DRIVES_WHICH_RE = re.compile(
    r"\b(?:bawa|bw|nyopir|nyupir|nyetir|pegang|megang)\s+(?:bus|bis|unit)\s+"
    r"(?:apa|mana|brp|berapa|yg\s+mana|yang\s+mana|nomor\s+(?:brp|berapa))\b"
)


# "bli komang abis ini jalan kmn?": where the one named drives next; a client's trip is
# asked by its day ("bu rina kmrn jalan kmn?"), the next run is crew's.
_RUNS_NEXT_RE = re.compile(
    r"\W*(?:abis|habis|hbs|stlh|setelah|sesudah)\s+(?:ini|ni)\s+"
    r"(?:jalan|jln|narik|nyopir|bawa)\s+(?:kmn|kemana|kmana|ke\s+mana|mana|apa)\b"
)


_WHOSE_TRIP_CARRIED_RE = re.compile(
    r"\W*(?P<who>(?:pak|bu|mas|mbak|bang)\s+(?!(?:besok|bsk|lusa|sabtu|minggu|senin|selasa"
    r"|rabu|kamis|jumat|sy|saya|aku|gue|hari|tgl|td|tadi|nanti)\b)[a-z]{3,15})\s+(?:.*\s)?"
    r"(?:bawa|nyopir|narik)\s+"
    r"(?:trip|rombongan|tamu)\w*\s+(?:siapa|sapa|sopo)\b"
)


def _whose_schedule(found: Found) -> str | None:
    """The person whose trips are asked, by a bare name (`_SCHEDULE_OF_RES`); None when the
    word is a client's, a value read, or a word of a rule."""
    # Every word a rule looks for, a filler or a place (coverage.py reads this module).
    from keloia.adapters.rules.coverage import KEYWORDS

    carried = _WHOSE_TRIP_CARRIED_RE.match(found.lower)
    if carried is not None:
        # "pak darman besok bawa trip siapa?": only the crew carry a trip, so he drives.
        return found.text[carried.start("who") : carried.end("who")]
    if found.client is not None or found.buses:
        return None
    # "lusa slamet jalan kmn?": the day said first is blanked out in the masked text, the
    # name then opens it.
    said = (found.lower, found.masked or found.lower)
    for pattern, text in itertools.product(_SCHEDULE_OF_RES, said):
        m = pattern.search(text)
        if m is None or not found.masked[m.start("name") : m.end("name")].strip():
            continue  # "bsk jalan kmn": a day, read
        name = m.group("name")
        if _ASKS_AFTER_RE.match(text, m.end("name")):
            return None  # "gurunya nanya bisa brgkt jam 4": a question passed on, no crew's
        if name not in KEYWORDS and name not in NOT_A_NAME and name not in STOP_WORDS:
            return found.text[m.start("name") : m.end("name")]
    return None


_ASKS_AFTER_RE = re.compile(r"\s+(?:nanya|nanyain|tanya|takon|nakon|nyuwun|minta)\b")


def _doer(found: Found) -> str | None:
    """The teammate whose changes are asked, named before the verb ("sari td catat apa aja",
    "mbak sari hari ini input apa aja"), as written with a title; None when the word is no
    name (the PO's people, when known, are read before this: `Found.team_member`)."""
    m = DOER_RE.match(found.lower)
    if m is None or m.group("name") in NOT_A_NAME | STOP_WORDS:
        return None
    person = next((p for p in found.people if p.start <= m.start("name") < p.end), None)
    return person.text if person is not None else found.text[m.start("name") : m.end("name")]


def _one_trips_detail(found: Found) -> str | None:
    """What is asked of one trip named by its client or destination: who rides it ("pkk
    kernetnya siapa", "yg ke malang sopirnya sapa"), the hour it leaves ("yg ke bekasi
    brgkt jam brp"; "pak hendra brgkt kapan" asks the trip itself) or the day it comes back
    ("yg ke bandung pulange tgl brp")."""
    asked = trip_detail(found)
    if asked == "departure" and not HOUR_ASKED_RE.search(found.lower):
        return None
    return asked if asked in ("crew", "departure", "return") else None


# "sopir bu yanti tgl 3": the driver of that client's trip, named by its day.
_DRIVER_OF_RE = re.compile(
    r"\b(?:sopir|supir|sopire|driver)(?:nya|\s+n?e)?\s+(?P<who>(?:bu|ibu|pak|bapak|mas|mbak)\s+[a-z]+)"
    r"\s+(?:tgl|tanggal|yg|yang|besok|bsk|lusa|sy|saya|aku|aq|kulo)\b"
)
# A bus's own clause about the workshop: "bus 04 arep tak servisne", "bus 04 mau masuk
# bengkel", "bus 04 lagi rusak".
_BUS_ASIDE_RE = re.compile(
    r"(?:nya|ne|e)?\s+(?:[a-z]+\s+){0,3}?(?:(?:di|tak)?servis\w*|service|bengkel|rusak|mogok"
    r"|diperbaiki)\b"
)
# "sopir bu dewi ganti sy aja", "pak sopir Cek Ani ganti aku bae": the trip handed over
# named by its client (up to four words), the sender taking the wheel.
_TRIP_HANDED_RE = re.compile(
    r"\b(?:sopir|supir|sopire|driver)(?:nya)?\s+(?P<who>(?:(?!(?:di)?ganti)[\w.']+\s+){1,4}?)"
    r"(?:di)?(?:ganti|gantiin)\s+(?:sy|saya|aku|aq|gue|gw|kulo|inyong|awak|ayas)\b"
)
# "sy kmrn bilang ga bisa tgl 29": the day before "bilang" is when it was said.
_SAID_BEFORE_RE = re.compile(
    r"\b(?:bilang|blg|ngomong)\s+(?:ga|gak|nggak|tidak|tdk|ndak|tak)\s+(?:bisa|bs|sanggup)\s+$"
)
_SAID_THEN_RE = re.compile(r"\s+(?:bilang|blg|ngomong|lapor|ngabarin|ngabari|kabarin|izin\s+ke)\b")


def _bus_told_apart(found: Found, intent: Intent) -> bool:
    """ "bus 02 lampu check engine nyala trs. tgl 2 bus yg kosong apa aja?": the bus is in a
    sentence of its own, before the free ones are asked; it is not the one asked of."""
    free = FREE_WORD_RE.search(found.lower) if intent is Intent.QUERY_FREE_BUSES else None
    if free is None:
        return False
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(_without_sd(found.lower[: free.start()]))]
    # ("bus 01 mogok, hr ini bus sing nganggur apa aja?": the buses asked of are any bus,
    # said after the one named.)
    any_bus = _ANY_BUS_BEFORE_RE.search(found.lower, 0, free.start())
    if any_bus is not None:
        ends.append(any_bus.start())
    return bool(ends) and all(b.end <= max(ends) for b in found.buses)


_ANY_BUS_BEFORE_RE = re.compile(r"[,;]\s*(?:\w+\s+){0,3}?\b(?:bus|bis)\s+(?:yg|yang|sing|sg)\s+$")


_OUT_OF_WORKSHOP_ON_RE = re.compile(
    r"\b(?:keluar|kluar|metu|selesai|beres|kelar)\s+(?:(?:dari|dr)\s+)?(?:bengkel\s+)?"
    r"(?:tgl|tanggal)?\s*$"
)


# A repair's days that are no stay at the workshop: work done, a trip's days, the next one.
_DONE_OR_OTHER_DAYS_RE = re.compile(
    r"\b(?:udh|udah|sdh|sudah|wis|wes|dah|kmrn|kemarin|kemaren|wingi|td|tadi|trip|buat|untuk"
    r"|utk|nggo|berikutnya|selanjutnya|next|aman)\b"
)
_AGREED_PRICE_BEFORE_RE = re.compile(r"\b(?:deal|sepakat|disepakati|fix|dil)\W*(?:di\W+)?$")
# "harga normal 7jt minta diskon, tak kasih 6,5jt": the price a discount was granted down to.
_GRANTED_DOWN_TO_RE = re.compile(
    r"\bdiskon\w*\b[^.?!\d]*(?<!ga )(?<!gak )(?<!ora )(?<!blm )(?<!belum )(?<!durung )(?<!tdk )"
    r"(?<!tidak )\b(?:tak\s+kasih|tak\s+kasi|acc|di-?acc)\W*$"
)


def _granted_down_to(found: Found, plain: list[int]) -> list[int]:
    """The price a discount was granted down to first, when it follows the price asked and
    is less than it but more than half (never the discount itself: "acc 500rb")."""
    if len(plain) < 2:
        return plain
    granted = [
        mo.value
        for mo in found.money
        if mo.value in plain and _GRANTED_DOWN_TO_RE.search(found.lower[: mo.start])
    ]
    if not granted or not plain[0] / 2 < granted[0] < plain[0]:
        return plain
    return [granted[0], *(v for v in plain if v != granted[0])]


def _said_last_after(found: Found, plain: list[int], word: re.Pattern[str]) -> list[int]:
    """The amounts with the last one said right after `word` first, when several differ."""
    if len(set(plain)) < 2:
        return plain
    told = [
        mo.value for mo in found.money if mo.value in plain and word.search(found.lower[: mo.start])
    ]
    if not told:
        return plain
    return [told[-1], *(v for v in plain if v != told[-1])]


# A new price, said right after its word: "ganti 3,25jt", "jadi 12jt", "deal 5,5jt".
_NEW_PRICE_BEFORE_RE = re.compile(
    r"\b(?:ganti|diganti|jadi|jd|dadi|deal|harusnya|hrsnya|mestinya|bener(?:nya|e)?)\W*$"
)


_HANDS_IN_RE = re.compile(r"\b(?:setor|nyetor|nyetorin|setorin|ngasih|kasih|nganter|nitip)\b")


def _handed_in(found: Found) -> NameMention | None:
    """The client of money a teammate hands in ("mas joko baru setor uang dari bu rina"),
    when the first person named is one of the PO's people followed by the handing in."""
    people = sorted(found.people, key=lambda p: p.start)
    if len(people) < 2 or found.client is not people[0]:
        return None
    first = people[0]
    said = name_key(first.text).split()
    teammate = bool(said) and said[-1] in found.team
    if not (teammate and _HANDS_IN_RE.search(found.lower, first.end, people[1].start)):
        return None
    return people[1]


def fields_for(intent: Intent, found: Found) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if (
        intent is Intent.UPDATE_BOOKING
        and (off := driver_off(found.lower))
        and not (found.dates or found.buses or found.times or found.pickup)
    ):
        return _driver_off(found, off)
    if intent is Intent.UPDATE_BOOKING and (dp_kept := DP_KEPT_RE.search(found.lower)):
        # "diundur ke tgl 8, dp nya tetep 2jt": the DP kept is no new price.
        found = replace(
            found, money=[m for m in found.money if not dp_kept.start() <= m.start < dp_kept.end()]
        )
    if intent is Intent.RECORD_PAYMENT and (hands_in := _handed_in(found)) is not None:
        # "mas wahyu barusan setor pelunasan pak hendra 8jt cash": the crew member handing
        # the client's money in is nobody's client; the client named after is.
        found = replace(
            found, client=hands_in, people=[p for p in found.people if p.start >= hands_in.start]
        )
    if found.client is not None:
        out["client_name"] = found.client.text
    if intent is Intent.QUERY_OUTSTANDING and REFUND_ASKED_RE.search(found.lower):
        out["detail"] = "refund"
    elif (
        intent is Intent.QUERY_OUTSTANDING
        and NOTHING_PAID_RE.search(found.lower)
        # ("karang taruna durung dp blas to?": one client's DP asked, below.)
        and not (found.client and re.search(r"\bdp\b", found.lower))
    ):
        out["detail"] = "unpaid"
    elif intent is Intent.QUERY_OUTSTANDING and OVERDUE_ASKED_RE.search(found.lower):
        out["detail"] = "overdue"
    elif (
        intent is Intent.QUERY_OUTSTANDING
        and found.client
        and LAST_PAID_ASKED_RE.search(found.lower)
    ):
        out["detail"] = "last_paid"
    elif (
        intent is Intent.QUERY_OUTSTANDING
        and found.client
        and (
            DP_ASKED_RE.search(found.lower)
            or DP_NOT_YET_PROMISED_RE.search(found.lower)
            or (NOTHING_PAID_RE.search(found.lower) and re.search(r"\bdp\b", found.lower))
        )
    ):
        out["detail"] = "dp"
    if intent is Intent.QUERY_OUTSTANDING and _greets_teammate(found, out):
        del out["client_name"]  # "mbak sari pelanggan yg ... sapa aja": the admin asked
    if intent is Intent.QUERY_OUTSTANDING and (rank := debt_rank(found.lower)):
        # "yg nunggak paling lama siapa", "yg utangnya paling gede": the one client.
        out["rank"] = rank
    elif (
        intent is Intent.QUERY_OUTSTANDING
        and not {"detail", "client_name"} & out.keys()
        and _SUM_ONLY_RE.search(found.lower)
    ):
        out["detail"] = "total"
    if intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        out.update(_booking_fields(found, intent))
        newcomer = found.team_member or (found.driver.text if found.driver else None)
        put_on = STAND_IN_NAMED_RE.match(found.lower) or DRIVES_TRIP_RE.search(found.lower)
        if intent is Intent.UPDATE_BOOKING and newcomer and put_on:
            # "yaudah slamet aja yg gantiin": who takes the place (whose, the assistant knows).
            out.setdefault("driver", newcomer.title())
        if intent is Intent.UPDATE_BOOKING:
            _stand_in_for(found, out)
        crew_names = {str(line.get(r)).lower() for line in out.get("crew", []) for r in ROLES}
        if "client_name" in out and out["client_name"].lower() in crew_names:
            del out["client_name"]  # "... terus pak wahyu di bus 04": the crew, not the client
        if intent is Intent.UPDATE_BOOKING and (other := swap_client(found)) is not None:
            # "bus pak hendra sm bu dewi dituker": each trip takes the other's bus, both
            # together; the buses said with it ("pak hendra pake bus 04") are those trades.
            for traded in ("bus", "buses", "replaced_bus", "crew"):
                out.pop(traded, None)
            out["swap_client"] = other
        paid_with = found.payment_type or found.method
        crew_said = found.driver is not None or found.kernet is not None
        if intent is Intent.UPDATE_BOOKING and price_told(found.lower):
            # "harga bu tini jd 5,5jt sekalian dp 1jt cash": the payment said with it, read
            # as a new booking's DP would be.
            as_new = _booking_fields(found, Intent.CREATE_BOOKING)
            paid = None if as_new.get("dp_promised") else as_new.get("dp_amount")
            if not paid and (settled := _settled_beside(found)) is not None:
                # "harga mas dimas jd 3jt sekalian pelunasan 2jt cash": the rest paid.
                paid = settled.value
            paid_as: str | None = found.payment_type or "dp"
            if not paid and (settled := _settled_beside(found, _PAID_BEFORE_RE)) is not None:
                paid, paid_as = settled.value, found.payment_type
            if paid:  # never money only promised ("harga jadi 12jt, mau tf 2jt besok")
                out |= {"amount": paid} | ({"payment_type": paid_as} if paid_as else {})
                if found.method:
                    out["method"] = found.method
        elif (
            intent is Intent.UPDATE_BOOKING
            and paid_with
            and len(found.money) == 1
            and change_beside_payment(found.lower, found.masked, crew_said)
        ):
            # "karang taruna dp 1jt cash, sekalian busnya pake bus 04 sopir wahyu": the one
            # amount is the payment, not a new price; proposed after the change.
            out.pop("price", None)
            out.pop("price_per_bus", None)
            if not promised_money(found, found.money[0]):
                out["amount"] = found.money[0].value  # never money only promised
                if found.payment_type:
                    out["payment_type"] = found.payment_type
                if found.method:
                    out["method"] = found.method
    elif intent in (Intent.CANCEL_BOOKING, Intent.COMPLETE_BOOKING, Intent.CONFIRM_BOOKING):
        # "kalo smp tgl 5 blm dp batalin": the day is the condition's, not the booking's.
        condition = _condition(found) if intent is Intent.CANCEL_BOOKING else None
        if condition is not None:
            out["condition"] = _condition_said(found, condition)
            deadline = [d for d in found.dates if condition[0] <= d.start < condition[1]]
            if deadline:
                out["date"] = iso(deadline[0].end_date or deadline[0].date)
        # "sudah kembali kemarin" says when a trip ended, not which booking it was.
        refs = [
            d
            for d in found.dates
            if not d.vague
            and not (
                intent is Intent.COMPLETE_BOOKING
                and d.relative
                and d.explicit
                and not _WHICH_ONE_RE.search(found.lower, 0, d.start)
                and not _trips_day(found, d.start)
            )
            # "trip masjid beres, ... tak setor bsk pagi": a day to come said loosely is when
            # the money is handed in, never a finished trip's day.
            and not (intent is Intent.COMPLETE_BOOKING and d.relative and d.date > found.today)
            and not (condition and condition[0] <= d.start < condition[1])
            # "batal, kena denda 500rb sesuai omongan kemarin": a day gone by said loosely is
            # when it was agreed, never the trip cancelled (still to come).
            and not (intent is Intent.CANCEL_BOOKING and d.relative and d.date < found.today)
            # "yowes konfirmasi aja, ketuane wis janji dp jumat": when the money comes.
            and not PAY_DATE_SKIP_RE.search(
                re.split(r"[,\n;]", text_before(found, d.start, 30))[-1]
            )
        ]
        if refs:
            ref = refs[0].date
            if intent is Intent.COMPLETE_BOOKING and refs[0].day_only and ref > found.today:
                # A finished trip lies in the past: "tgl 23" said on the 24th is yesterday.
                ref = dates.resolve_day_back(ref.day, found.today) or ref
            out["ref_date"] = iso(ref)
        if found.buses:
            out["bus"] = found.buses[0].text
        if found.odometer_km is not None:
            out["odometer_km"] = found.odometer_km
        if intent is Intent.CANCEL_BOOKING:
            out.update(_cancel_money(found))
        if (
            intent in (Intent.COMPLETE_BOOKING, Intent.CONFIRM_BOOKING)
            and found.money
            and not promised_money(found, found.money[0])
        ):
            # The payment said with the trip's end ("udh pulang, sisanya 2,3jt dilunasi
            # cash") or its confirmation ("udh dp 2jt, sekalian dikonfirmasi"): proposed
            # before it, to that booking.
            out["amount"] = found.money[0].value
            if found.payment_type:
                out["payment_type"] = found.payment_type
            if found.method:
                out["method"] = found.method
    elif intent is Intent.RECORD_PAYMENT:
        # "pak hendra diskon 500rb, lunas 7,5jt tf": the amount taken off is no money paid.
        found = replace(found, money=[mo for mo in found.money if not discount_amount(found, mo)])
        # ("bu dewi 3jt cash, bukan 2jt tf": the amount refused is no payment either.)
        unbilled = [mo for mo in found.money if not (_bill_said(found, mo) or _refused(found, mo))]
        if len(found.money) > 1 and len(unbilled) == 1:
            # "sesuai invoice bu dewi 6,5jt, dia tf 2jt": the bill's whole is no money paid.
            refused = [mo for mo in found.money if _refused(found, mo)]
            kept_text = found.lower
            for mo in refused:  # the way of the refused amount goes with it
                way = re.match(r"\s*(?:tf|trf|transfer|cash|tunai|qris)\b", kept_text[mo.end :])
                cut = mo.end + (way.end() if way else 0)
                kept_text = kept_text[: mo.start] + " " * (cut - mo.start) + kept_text[cut:]
            found = replace(
                found,
                money=unbilled,
                method=payments.find_method(kept_text) if refused else found.method,
            )
        # "tf 2jt, besok mau tf lagi 1jt": the money promised beside money paid is no
        # payment (alone, "mau tf 2jt besok" is, dated when it is to come: never recorded).
        plain, dp, balance, promised = _money_roles(
            found, promised_apart=len(found.money) > 1, dated=True
        )
        amounts = dp + plain if found.payment_type == "dp" else plain + dp
        amounts = amounts or balance or promised
        if found.payment_type == "refund" and len(found.money) > 1:
            # "dp nya kan 3jt, dibalikin 2jt aja tf bca": the money said going back is the
            # refund, never the DP named before it.
            going = [m.value for m in found.money if REFUND_MARK_RE.search(found.lower[: m.start])]
            amounts = [v for v in going if v in amounts] + [v for v in amounts if v not in going]
        if amounts:
            out["amount"] = amounts[0]
        payment_type, method = found.payment_type, found.method
        if promised and (plain or dp or balance):
            # "dp 2jt cash, pelunasan mau tf minggu depan 6jt": the kind and the way of the
            # money paid, never of the money promised.
            kept = _without_promised(found)
            paid_kind = payments.find_payment_type(kept)
            payment_type = paid_kind.value if paid_kind else None
            method = payments.find_method(kept)
        if payment_type:
            out["payment_type"] = payment_type
        if method:
            out["method"] = method
        trip_dates = []
        for d in found.dates:
            if d.vague:
                continue
            if trip_gone_by_place(found, d):
                continue
            by_place = not d.relative and _TRIP_PLACE_DAY_RE.search(
                found.masked[max(0, d.start - 40) : d.start]
            )
            if TRIP_DATE_RE.search(text_before(found, d.start, 20)) or by_place:
                # "pak agus yg tgl 20 tf 1jt", "dp 2jt buat tgl 20 juni", "pelunasan trip
                # pangandaran tgl 4": the trip's date.
                out.setdefault("ref_date", iso(d.date))
                trip_dates.append(d)
            elif d.explicit or _promised_day(found, d):
                out.setdefault("paid_date", iso(d.date))
            elif (paid_on := _paid_on_day(found, d)) is not None:
                out.setdefault("paid_on", iso(paid_on))
            elif (back := _day_before_paid(found, d)) is not None and "ref_date" not in out:
                out["ref_date"] = iso(d.date)
                out.setdefault("paid_on", iso(back))
        lines = _payment_lines(found, trip_dates)
        if lines:
            if len(lines) > 1:
                out["payments"] = lines
            out.update(lines[0])
            for said in ("payment_type", "method", "ref_date"):
                if said not in lines[0]:
                    out.pop(said, None)
    elif intent is Intent.LOG_MAINTENANCE:
        if found.buses:
            out["bus"] = found.buses[0].text
        if found.maintenance_type:
            out["maintenance_type"] = found.maintenance_type
        works = found.works
        if service_of_works(found.lower, works):
            out["maintenance_type"] = MaintenanceType.GENERAL_SERVICE
            works = []  # the service's jobs are what a service is
        if len(works) > 1:
            # "ganti kampas rem sama oli habis 2,3jt": one cost for both, so one record; the
            # job a service plan counts (the oil) is its kind, and its note names every job.
            kinds = [kind for _, _, kind in works]
            periodic = [k for k in kinds if k is MaintenanceType.OIL_CHANGE]
            out["maintenance_type"] = (periodic or kinds)[0]
        if found.money:
            out["cost"] = found.money[0].value
        for d in found.dates:
            before = text_before(found, d.start, 30)
            # "masuk bengkel hari ini sampai tgl 11": the end of the stay, no next service.
            until = re.search(r"\bbengkel\b.*\bsampai\s*$", before) is not None
            if NEXT_DUE_RE.search(before) and d.date > dt.date.min and not until:
                out.setdefault("next_due_date", iso(d.date))
            elif d.explicit and not _MISHAP_BEFORE_RE.search(text_before(found, d.start, 40)):
                out.setdefault("performed_date", iso(d.date))
        # "di bengkel jaya motor": who did the work is kept with the record's note.
        notes = [n for n in (found.workshop[2] if found.workshop else "", found.notes) if n]
        if found.service_km is not None:
            notes.insert(0, f"servis {format_km(found.service_km)}")
        if len(works) > 1:
            notes.insert(0, works_note(found.text, found.masked or found.lower, works))
        if notes:
            out["description"] = "; ".join(notes)
        if found.odometer_km is not None:
            out["odometer_km"] = found.odometer_km
        if found.bus_status == "available":
            out["bus_status"] = found.bus_status  # "udh keluar bengkel": back in service
        elif found.bus_status == "maintenance" and WORKSHOP_UNTIL_RE.search(found.lower):
            # "masuk bengkel hr ini smp tgl 2, ganti kampas rem": in for it, those days.
            out["bus_status"] = found.bus_status
            stay = workshop_days(found, first_today=True)
            if stay.get("date") == out.get("performed_date"):
                # "masuk bengkel hr ini smp tgl 16": today opens the stay, no day of its own
                # for the work.
                out.pop("performed_date", None)
            out.update(stay)
        elif (
            not found.money
            and not _DONE_OR_OTHER_DAYS_RE.search(found.lower)
            and any(d.end_date and d.end_date > d.date >= found.today for d in found.dates)
        ):
            # "srikandi servis besar tgl 5-8 des neng karoseri": days to come, the bus in
            # for the work those days (never the work done on the first of them).
            out["bus_status"] = "maintenance"
            out.pop("performed_date", None)
            out.update(workshop_days(found))
    elif intent is Intent.RECORD_ODOMETER:
        if found.buses:
            out["bus"] = _distinct_buses(found)[0]
        if found.odometer_km is not None:
            out["odometer_km"] = found.odometer_km
        if lines := _readings(found):
            out["readings"] = lines  # "km bus 03 151.800, km bus 04 166.500"
            out["bus"] = lines[0]["bus"]
        explicit = [d for d in found.dates if d.explicit and not d.vague]
        if explicit:
            out["date"] = iso(explicit[0].date)
    elif intent is Intent.RECORD_DOCUMENT:
        out.update(_paper_of(found))
        states = paper_states(found)
        renewed = [p for p in states if p.state == "dated"]
        if renewed and len(renewed) < len(states):
            # "kir bus 02 udah diperpanjang sampai 20 jan 2028, stnk nya masih proses": the
            # paper renewed is read, the one in hand apart (papers_in_hand).
            out.update(_renewed_paper(found, renewed[0]))
        elif states and states[0].state not in (None, "dated"):
            # "tolong perpanjang kir bus 02", "stnk bus 03 lagi diurus", "kir bus 05 ga
            # diperpanjang": nothing renewed yet.
            out["detail"] = states[0].state
        # "sampai tanggal sepuluh februari": a day said in words is a day.
        month_only = month_only_said(dates.days_in_digits(found.lower))
        expiries = until_dates(found) or [d for d in found.dates if not _not_expiry(found, d)]
        if expiries and not {"detail", "date"} & out.keys() and not month_only:
            # "udh tak perpanjang kmrn, smp 20 des 2027": the paper runs until the date
            # after "sampai", not the day it was renewed.
            out["date"] = iso(_expiry(found, expiries[0]))
        papers = [] if renewed and len(renewed) < len(states) else _document_lines(found)
        out.update(_holder_of_own_clause(found))
        if len(papers) > 1:
            for holder in ("bus", "driver"):
                out.pop(holder, None)  # the single fields are the first paper's
            out["documents"] = papers
            out.update(papers[0])
    elif intent is Intent.REPORT_PROBLEM:
        if found.buses:
            out["bus"] = _distinct_buses(found)[0]
        elif (addressed := _bus_addressed(found)) is not None:
            out["bus"] = addressed
        if found.maintenance_type:
            out["maintenance_type"] = found.maintenance_type
            # "bus 02 wis tak cuci, ban depan kiri kempes": a wash (or a KIR) done beside the
            # fault is no part at fault; the part named is.
            parts = [w[2] for w in found.works if w[2] is not MaintenanceType.OTHER]
            worn = worn_wiper(found.lower)  # ("wiper ... karete wis gundul": its rubber)
            if found.maintenance_type == MaintenanceType.OTHER.value and parts and not worn:
                out["maintenance_type"] = parts[0].value
            if found.maintenance_type == MaintenanceType.OIL_CHANGE.value and _LEAK_RE.search(
                found.lower
            ):
                # "bocor oli dari mesin, netes terus": the engine leaks, no oil change due
                # ("oli nya rembes" alone stays the oil's).
                out["maintenance_type"] = MaintenanceType.ENGINE.value
        if found.odometer_km is not None and not (
            found.odometer_unit_after and WORK_DUE_RE.search(found.lower)
        ):
            # "udh 10rb km blm ganti oli": the km since the last oil change, no reading;
            # "udh waktunya ganti oli, km nya udh 204.900" is the bus's reading.
            out["odometer_km"] = found.odometer_km
        out["description"] = found.text.strip()[:300]
    elif intent is Intent.REPORT_DELAY:
        out["description"] = found.text.strip()[:300]  # the delay in their words
    elif intent is Intent.DECLINE_TRIP:
        # The day names the trip; what they wrote is the reason the managers read.
        refs = [d for d in found.dates if not d.vague]
        meant = _MEANT_INSTEAD_RE.search(found.lower)
        if meant and any(d.start >= meant.end() for d in refs):
            # "tgl 7 kalih 8, eh maksude tgl 12 kalih 13": the days said after the slip.
            refs = [d for d in refs if d.start >= meant.end()]
        if refs:
            declined = _declined_day(found, refs)
            out["ref_date"] = iso(declined.date)
            if more := _more_days_declined(found, declined, refs):
                out["more_dates"] = [iso(d) for d in more]
        to_start = found.route.to_start
        if found.route.route_to and not _OWN_JOURNEY_RE.search(found.lower, 0, max(to_start, 0)):
            out["route_to"] = found.route.route_to
        elif by_trip := trip_named(found):
            out["route_to"] = by_trip  # "trip bali sy tdk bisa ikut": the trip by its place
        # "bisa diganti slamet ga?": who they suggest takes the trip instead, the one named
        # with the stand-in word (not another teammate the message names: "pak budi ...
        # bisa diganti wahyu?").
        if suggested := stand_in(found.lower):
            known = found.team_member and name_key(found.team_member).split()[:1]
            out["driver"] = (
                found.team_member if known == name_key(suggested).split()[:1] else suggested
            )
            if name_key(str(out.get("client_name", ""))) == name_key(suggested):
                del out["client_name"]  # "bs digantiin mas budi?": the stand-in, no client
        elif found.team_member and STAND_IN_RE.search(found.lower):
            out["driver"] = found.team_member
        if "client_name" in out and _addressed(found, str(out["client_name"])):
            del out["client_name"]  # "pak budi sy izin tgl 2": the owner written to
        out["description"] = found.text.strip()[:300]
    elif intent is Intent.RETRACT_DECLINE:
        # "tgl 14 ga jadi izin": the day or trip they can work after all ("kmrn bilang ...":
        # when the decline was said is no day of the trip).
        refs = [
            d
            for d in found.dates
            if not d.vague
            and not _SAID_THEN_RE.match(found.lower, d.end)
            # ("yg sy bilang gak bisa kemaren itu batal": when it was said.)
            and not (d.relative and _SAID_BEFORE_RE.search(found.lower, 0, d.start))
        ]
        # "hpl nya msh akhir des. tgl 7 sy tetep bisa": the day of the clause taking it back.
        said_in = [
            d
            for c in _CLAUSE_RE.finditer(found.lower)
            if RETRACT_RE.search(c.group())
            for d in refs
            if c.start() <= d.start < c.end()
        ]
        # "eh iso ding, kondangane tgl 13. tgl 12 aku siap": the day he says he is ready
        # for, never the day of his reason.
        ready_in = [
            d
            for c in _CLAUSE_RE.finditer(found.lower)
            if _READY_SAID_RE.search(c.group())
            for d in refs
            if c.start() <= d.start < c.end()
        ]
        if refs:
            out["ref_date"] = iso((ready_in or said_in or refs)[0].date)
        if found.route.route_to:
            out["route_to"] = found.route.route_to
        elif by_trip := trip_named(found):
            out["route_to"] = by_trip
        if "client_name" in out and _addressed(found, str(out["client_name"])):
            del out["client_name"]
        out["description"] = found.text.strip()[:300]
    elif intent is Intent.OFFER_TRIP:
        # The trip offered by day, place or client; a swap's other days; the teammate named.
        offered = list(dict.fromkeys(d.date for d in found.dates if not d.vague))
        if offered:
            out["ref_date"] = iso(offered[0])
        if len(offered) > 1:
            out["more_dates"] = [iso(d) for d in offered[1:6]]
        if found.route.route_to:
            out["route_to"] = found.route.route_to
        elif by_trip := trip_named(found):
            out["route_to"] = by_trip
        if mate := offer_mate(found.lower):
            known = found.team_member and name_key(found.team_member).split()[:1]
            out["driver"] = found.team_member if known == name_key(mate).split()[:1] else mate
        elif found.team_member:
            out["driver"] = found.team_member
        if "client_name" in out and (
            _addressed(found, str(out["client_name"]))
            or (
                found.team_member
                and name_key(str(out["client_name"])) == name_key(found.team_member)
            )
        ):
            del out["client_name"]
        held = _TRIP_HANDED_RE.search(found.lower)
        handed = [
            p
            for p in found.people
            if held and held.start("who") <= p.start and p.end <= held.end("who")
        ]
        if handed and "client_name" not in out:
            # "sopir sma 1 cawas ganti sy aja": the trip offered, by whom it carries (a name
            # read as one; never "sopir bus 02 ganti sy aja").
            out["client_name"] = handed[0].text
        driver_of = _DRIVER_OF_RE.search(found.lower)
        if driver_of and found.client and name_key(found.client.text) != name_key(driver_of["who"]):
            # "sopir bu yanti tgl 3 ganti sy aja pak, pak wahyu kan baru pulang": Bu Yanti's
            # trip, offered in place of Pak Wahyu (the other one named).
            out.setdefault("driver", found.client.text)
            out["client_name"] = found.text[driver_of.start("who") : driver_of.end("who")]
        elif driver_of and "client_name" not in out:
            # "sopir e pak agung tgl 29 aku ae": Pak Agung's trip, the sender offered for it.
            out["client_name"] = found.text[driver_of.start("who") : driver_of.end("who")]
            if name_key(str(out.get("driver", ""))) == name_key(out["client_name"]):
                del out["driver"]
        if SWAP_OFFER_RE.search(found.lower):
            out["detail"] = "swap"
        elif KERNET_OFFER_RE.search(found.lower):
            out["detail"] = "kernet"
        out["description"] = found.text.strip()[:300]
    elif intent in (Intent.QUERY_FREE_BUSES, Intent.QUERY_INCOME, Intent.QUERY_WORKSHOP_COSTS):
        asked = found
        if (
            intent is Intent.QUERY_FREE_BUSES
            and len(found.dates) > 1
            and _OUT_OF_WORKSHOP_ON_RE.search(text_before(found, found.dates[0].start, 30))
        ):
            # "bus 03 kan keluar bengkel tgl 12, tgl 13 kosong kan?": the day it comes out
            # is why the next is asked, no period from one to the other.
            asked = replace(found, dates=found.dates[1:])
        out.update(_days_asked(asked, intent))
        since = out.get("date") and "date_to" not in out and _SINCE_RE.search(found.lower)
        if intent in _MONEY_IN and since and out["date"] < iso(found.today):
            # "sejak tgl 20 udh masuk brp", "biaya bengkel sejak tgl 20": from that day up to
            # today (a day alone, "kemarin masuk brp", is that day).
            out["date_to"] = iso(found.today)
        crew = crew_asked(found.lower) if intent is Intent.QUERY_FREE_BUSES else None
        if crew in ("crew", "kernet") and found.buses and PERSON_ASKED_RE.search(found.lower):
            # "bus 04 tgl 6 blm ada sopir, yg free siapa": the bus wants a driver; who is
            # free that day is asked, not whether the bus is (the bus kept: the answer names
            # it and its trip).
            out["detail"] = crew
            out["bus"] = _distinct_buses(found)[0]
        elif found.buses and not _bus_told_apart(found, intent):
            out["bus"] = _distinct_buses(found)[0]
            if found.team_member and intent is Intent.QUERY_FREE_BUSES:
                # "wahyu tgl 5 kosong ga? mau tak suruh bawa srikandi": he is asked too.
                out["driver"] = found.team_member
        elif crew:
            out["detail"] = crew  # "tgl 7 des sopir yg kosong siapa aja": the drivers
            if crew == "fleet_crew":
                # "bus sama sopir yg kosong siapa aja, ada pengajian mau 3 bus": the buses
                # are asked too, and how many are needed.
                out.update(_bus_size(found))
        elif intent is Intent.QUERY_FREE_BUSES:
            out.update(_bus_size(found))
        elif intent is Intent.QUERY_INCOME and REPORT_RE.search(found.lower):
            out["detail"] = "report"  # "rekap bulan november": what came in and went out
        elif intent is Intent.QUERY_INCOME and (
            PAID_MOST_RE.search(found.lower) or MOST_FROM_WHOM_RE.search(found.lower)
        ):
            # "yg transfer paling gede dr siapa", "pemasukan februari brp, trs yg paling gede
            # dr siapa": biggest first.
            out["rank"] = "largest"
    elif intent is Intent.QUERY_ACTIVITY:
        if not ("client_name" in out and _NEW_DAY_TOLD_RE.search(found.lower)):
            # ("pak hendra kok jd tgl 9? sing ngganti sopo?": the 9th is his trip's new day,
            # never the day the change was made.)
            out.update(_days_asked(found, intent))
        if found.team_member:
            out["driver"] = found.team_member  # "td sari catat apa aja": her changes
            if name_key(str(out.get("client_name", ""))) == name_key(found.team_member):
                del out["client_name"]  # "td pak budi catat apa aja": his, no client's
        elif (by := _activity_by(found.lower)) is not None:
            out["driver"] = by  # "td dodi catat apa aja": a name the answer looks up
        elif doer := _doer(found):
            out["driver"] = doer
            if name_key(str(out.get("client_name", ""))) == name_key(doer):
                del out["client_name"]  # "mbak sari td input apa aja": who changed, no client
    elif intent is Intent.QUERY_DOCUMENTS:
        # "stnk bus 02 habis kapan?", "sim pak joko sampai kapan": that paper of that holder.
        out.update(_paper_of(found))
        # (Every kind named as renewed: "kapan harus ngurus stnk sama kir bus 02?" asks all.)
        asked_kinds = _kinds_named(found, but_renewed=True) or _kinds_named(found)
        if "document_kind" in out and asked_kinds == 1 < _kinds_named(found):
            out["document_kind"] = _asked_kind(found)  # the one not named as renewed with it
        if "document_kind" in out and ("bus" in out or "driver" in out) and asked_kinds > 1:
            # "kir bus 01 habis kapan? sekalian stnk nya": every paper of the holder.
            del out["document_kind"]
        elif "document_kind" in out and _kinds_named(found) > 2:
            # "surat2 yg mau abis bulan dpn apa aja? kir, stnk, sim": every kind listed.
            del out["document_kind"]
        of_holder = "bus" in out or "driver" in out
        period = {} if of_holder else _days_asked(found, intent)
        if "date_to" in period and period["date"] > iso(found.today):
            # "kir yg habis januari apa aja", "surat2 yg mau abis bulan dpn": the papers
            # running out over that period to come (a holder's paper, "kir bus 02 habis 29
            # jan?", is that paper asked; "bulan ini", "dlm waktu dekat" are the papers
            # running out soon, as a bare question is).
            out.update(period)
    elif intent is Intent.UPDATE_BUS_STATUS:
        if found.buses:
            out["bus"] = found.buses[0].text
            mentions = distinct_mentions(found)
            spans = [(b.start, b.end) for b in mentions]
            i = status_bus(found.lower, found.bus_status, spans) if found.bus_status else None
            if i is not None:
                # "pindah ke bus 03 aja, bus 02 mau tak masukin bengkel": the bus the
                # workshop is said of, never the one the trip goes to.
                out["bus"] = mentions[i].text
        if found.bus_status:
            out["bus_status"] = found.bus_status
        if found.bus_status == "maintenance":
            out.update(workshop_days(found))
            length = days_count(found)
            if "date_to" not in out and length and length > 1:
                # "masuk bengkel td pagi, kopling slip. paling 3 hari": out after that many
                # days, counted from the day it went in (never dropped unsaid).
                start = dt.date.fromisoformat(out["date"]) if "date" in out else found.today
                out["date"] = iso(start)
                out["date_to"] = iso(start + dt.timedelta(days=length - 1))
            # "masuk bengkel pak man, ganti kopling": where and what for, never dropped.
            where = found.workshop[2] if found.workshop else ""
            # "ganti kampas rem sm servis ac": every job it goes in for, never the first alone.
            works = found.works
            job = (
                works_note(found.text, found.masked or found.lower, works)
                if len(works) > 1
                else work_note(found.text, found.masked)
            )
            # "... smp tgl 18. ket: ganti kopling": the note said after its marker (read
            # and blanked out before the job is looked for) is what for.
            # (In the order said: "overhaul rem, bengkel pak man" keeps the job first.)
            first = job and found.workshop and found.lower.find(job.lower()) < found.workshop[0]
            said = _job_at(found, job) or ", ".join(
                n for n in ((job, where) if first else (where, job)) if n
            )
            marked = found.notes if found.notes and found.notes.lower() not in said.lower() else ""
            # "..., kira2 1,5jt": what the stay may cost, kept with the why (no cost paid).
            guess = ESTIMATED_AMOUNT_RE.search(found.lower)
            guessed = [m for m in found.money if guess and guess.start() <= m.start < guess.end()]
            cost = f"perkiraan biaya {format_rupiah(guessed[0].value)}" if guessed else ""
            if said or marked or cost:
                out["notes"] = ", ".join(n for n in (said, marked, cost) if n)
    elif intent is Intent.ADD_BUS:
        new = found.new_bus
        named = [b for b in _distinct_buses(found) if b.lower() != (new.bus_class or "")]
        name = new.name or (named[0] if named else None)
        values = {"bus": name, "plate": new.plate, "seats": new.seats}
        out.update({k: v for k, v in values.items() if v is not None})
        if new.bus_class:
            out["bus_class"] = new.bus_class
    elif intent is Intent.UPDATE_BUS:
        edit = found.bus_edit
        if found.buses:
            out["bus"] = _distinct_buses(found)[0]
        values = {"new_name": edit.name, "plate": edit.plate, "seats": edit.seats}
        if edit.every_km or edit.every_days:
            values |= {"every_km": edit.every_km, "every_days": edit.every_days}
            values["maintenance_type"] = found.maintenance_type or "general_service"
        out.update({k: v for k, v in values.items() if v is not None})
    elif intent is Intent.RECORD_TRIP_COST:
        if found.client is not None and _HANDED_TO_RE.search(found.lower[: found.client.start]):
            # "sisa uang jalan sy balikin ke mbak sari": who the money went back to is one
            # of the office, not whose trip it was ("uang jalan ... udh dikasih ke pak
            # wahyu": the crew it was given to).
            out.pop("client_name", None)
        if found.client is not None and name_key(found.client.text) in found.team:
            # "uang jalan buat tgl 2 udh sy terima dr mbak sari": one of the PO's people
            # handed it over; the trip is named by its day.
            out.pop("client_name", None)
        if (
            found.client is not None
            and _COST_PLACE_RE.search(found.lower[: found.client.start])
            and not (
                HONORIFIC_RE.match(found.lower, found.client.start)
                and not _ON_DUTY_RE.search(found.lower, found.client.start, found.client.end)
            )
            and mentioned(found.client.text.lower(), found.clients) is None
        ):
            # "parkir masjid agung 20rb": where the parking was, not whose trip ("parkir bu
            # rina 50rb", "parkir masjid baitussalam 50rb" of the PO's client: whose trip).
            out.pop("client_name", None)
        kind = find_cost_type(found.lower)
        if kind is not None:
            out["cost_type"] = kind.value
        elif found.money:
            out["cost_type"] = "other"  # "biaya ganti ban 2jt, masukin trip masjid"
        if found.money:
            out["amount"] = found.money[0].value
        costs = cost_lines(found.lower, found.money)
        if len(costs) > 1:
            out["costs"] = [{"cost_type": k.value, "amount": v} for k, v in costs]
            out["cost_type"], out["amount"] = costs[0][0].value, costs[0][1]
        elif len(costs) == 1 and costs[0][0].value == out.get("cost_type"):
            # "parkir 2x @25rb = 50rb": what they came to; "hotel 2 malem @200rb": each.
            out["amount"] = costs[0][1]
        if found.buses:
            out["bus"] = found.buses[0].text
        to = found.route.route_to
        if (gone_to := _trip_gone_to(found)) is not None:
            # "tol solo-surabaya 420rb, ... bus 02 yg ke bromo": the trip by where it goes.
            out["route_to"] = gone_to
        elif to and not found.client and (by_trip := trip_named(found)) is not None:
            # "nota trip bali wingi: ..., nyebrang ketapang gilimanuk 1,1jt": the trip named
            # by its place, not a crossing paid on the way.
            out["route_to"] = by_trip
        elif to and not re.search(
            rf"\btol\s+(?:{_NOT_TRIP}[a-z]+[\s-]+)?{re.escape(to.lower())}\b", found.lower
        ):
            # "... buat yg ke magelang": which trip; "tol semarang solo" is the road paid.
            out["route_to"] = to
        elif not to and not found.client and (by_trip := trip_named(found)):
            out["route_to"] = by_trip  # "trip bali kmrn parkir 150rb": the trip by its place
        elif not to and not found.client and (by_costs := _costs_named(found)):
            out["route_to"] = by_costs  # "biaya parangtritis: solar 450rb, ...": its costs
        if found.odometer_km is not None:
            out["odometer_km"] = found.odometer_km
        # "tol 85rb trip bu rina kmrn": "kemarin" is her recent trip, not its day.
        explicit = [d for d in found.dates if d.explicit and not d.vague and not lately(found, d)]
        # "solar trip tgl 27 kmrn 450rb" on the 30th: a day of the month names the trip, the
        # 27th just gone (not next month's), more closely than a loose "kemarin" with it.
        days = [d for d in found.dates if d.day_only and not d.vague]
        nearest = dates.resolve_day_nearest(days[0].date.day, found.today) if days else None
        # "uang jalan 1,5jt buat yg ke sibolga besok": the trip of a day to come, by its day.
        # ("tol buat ke malang rabu nanti": its weekday too.)
        coming = [d for d in found.dates if not d.vague and d.date > found.today]
        if nearest is not None:
            out["ref_date"] = iso(nearest)
        elif explicit:
            out["ref_date"] = iso(explicit[0].date)
        elif coming and (TRIP_BY_PLACE_RE.search(found.lower) or "route_to" in out):
            out["ref_date"] = iso(coming[0].date)
    elif intent in (Intent.QUERY_CANCELLATION_FEE, Intent.WAIVE_CANCELLATION_FEE):
        # "paroki st. yusup yg tgl 2 jan kalo cancel dendanya brp": a calendar day names the
        # booking; "kalo batal besok" says when it would be cancelled, not which trip.
        days = [d for d in found.dates if not d.vague and not d.relative]
        if days:
            out["ref_date"] = iso(days[0].date)
    elif intent in PERIOD_QUERIES:
        # ("tgl 28 aku kosong ra? arep kondangan ning solo": where he goes himself, no trip.)
        errand = intent is Intent.QUERY_SCHEDULE and OWN_ERRAND_AFTER_RE.search(found.lower)
        if found.route.route_to and not errand:
            out["route_to"] = found.route.route_to
        elif by_trip := trip_named(found):
            out["route_to"] = by_trip  # "trip bali smp 2 ... bersihnya brp": the trip by its place
        elif intent is Intent.QUERY_SCHEDULE and (pointed := _place_pointed_at(found)):
            out["route_to"] = pointed  # "malang kui budhal jam piro": the trip going there
        asked = found
        if intent is Intent.QUERY_SCHEDULE and (
            DATE_ASKED_RE.search(found.lower) or PLACE_ASKED_RE.search(found.lower)
        ):
            # "bu rina trip tgl brp sih kemarin?": the day is what is asked; "kemarin" says
            # the trip was lately, it is no day to look the trip up by.
            asked = replace(found, dates=[d for d in found.dates if not lately(found, d)])
        out.update(_days_asked(asked, intent))
        if (
            intent is Intent.QUERY_SCHEDULE
            and found.team_member
            and not (found.dates or found.buses or found.client)
            and MEMBER_NOW_ASKED_RE.search(found.lower)
        ):
            # "slamet skrg lg dmn", "joko udh brgkt blm": where he is today, his trip today.
            out["date"] = iso(found.today)
        if found.buses:
            out["bus"] = found.buses[0].text
        if found.team_member:
            out["driver"] = found.team_member
        elif intent is Intent.QUERY_SCHEDULE and found.other_off_name:
            out["driver"] = found.other_off_name  # "joko izin tgl 8", no team known
        elif intent is Intent.QUERY_SCHEDULE and (whose := _whose_schedule(found)):
            out["driver"] = whose  # "slamet bsk jalan kmn", "jadwal wahyu tgl 27", no team known
            if out.get("client_name") == whose:
                del out["client_name"]  # ("pak darman ... bawa trip siapa": the driver)
        elif (
            intent is Intent.QUERY_SCHEDULE
            and found.client is not None
            and (
                _DRIVES_WHICH_RE.search(found.lower, found.client.end)
                or (
                    not found.lower[: found.client.start].strip()
                    and _RUNS_NEXT_RE.match(found.lower, found.client.end)
                )
            )
        ):
            # "cak bayu tgl 15 nggowo bus opo?": which bus he drives; a client rides one.
            out["driver"] = found.client.text
            out.pop("client_name", None)
        elif (
            intent is Intent.QUERY_SCHEDULE
            and found.client is not None
            and FREE_TO_STAND_IN_RE.search(found.lower)
        ):
            # "pak narto bsk free ga, buat gantiin yg ke sarangan": the one asked to stand
            # in is crew, whose day is asked; the trip he would take is not his.
            out["driver"] = found.client.text
            out["detail"] = "free"
            for other in ("client_name", "route_to"):
                out.pop(other, None)
        # "harga bensin naik, uang jalan sopir tgl 7 brp?": the market's news is no cost asked.
        costs_asked = news.MARKET_TALK_RE.sub(" ", found.lower)
        kind = find_cost_type(costs_asked)
        if kind is not None and len(cost_types(costs_asked)) == 1:
            # "tol sama parkir brp?": of two kinds asked, every cost is the answer.
            out["cost_type"] = kind.value
        elif intent is Intent.QUERY_TRIP_COSTS and OWN_UANG_JALAN_RE.search(found.lower):
            out["cost_type"] = CostCategory.UANG_JALAN.value  # a driver's "uang jalane piro"
        if intent is Intent.QUERY_SCHEDULE and NO_DRIVER_RE.search(found.lower):
            out["detail"] = "no_driver"
        elif (
            intent is Intent.QUERY_SCHEDULE
            and (found.other_off or found.other_off_name or MEMBER_DROPS_OUT_RE.search(found.lower))
            and "driver" in out
        ):
            out["detail"] = "absent"  # "joko izin tgl 4": his trips that day, and who instead
            if ERRAND_RE.search(found.lower):
                out.pop("route_to", None)  # "..., mau kondangan ke purworejo": where he goes
            said = name_key(str(out.get("client_name", "")))
            if said and said == name_key(str(out["driver"])):
                del out["client_name"]  # "pak wahyu tgl 12 berhalangan": him, no client
        elif (
            intent is Intent.QUERY_SCHEDULE
            and found.team_member
            and "driver" in out
            and FREE_WORD_RE.search(found.lower)
        ):
            out["detail"] = "free"  # "wahyu besok kosong ga": whether he has a trip then
        if intent is Intent.QUERY_SEASON and (season_day := _season_day(found)):
            out["detail"] = season_day
            if not found.dates and (year := _year_asked(found)) is not None:
                out |= {"date": iso(dt.date(year, 1, 1)), "date_to": iso(dt.date(year, 12, 31))}
        elif intent is Intent.QUERY_SCHEDULE and NO_BUS_RE.search(found.lower):
            out["detail"] = "no_bus"
        elif intent is Intent.QUERY_SCHEDULE and UNCONFIRMED_ASKED_RE.search(found.lower):
            out["detail"] = "unconfirmed"
        elif intent is Intent.QUERY_SCHEDULE and WHICH_BUS_DRIVEN_RE.search(found.lower):
            out.pop("bus", None)
        elif intent is Intent.QUERY_SCHEDULE and PAID_ASKED_RE.search(found.lower):
            out["detail"] = "paid"
        elif intent is Intent.QUERY_SCHEDULE and AFTER_THE_TRIP_RE.search(found.lower):
            out["detail"] = "next"  # "abis trip masjid hr ini ada jadwal lg ga?"
        elif intent is Intent.QUERY_SCHEDULE and (after := AFTER_THE_PLACE_RE.search(found.lower)):
            out["detail"] = "next"  # "abis borobudur sy jalan lg kapan": after that trip
            if not out.get("client_name"):
                # ("... dr puncak gue ada jadwal lagi": the place ends where the talk goes on.)
                place = re.split(r"\s+(?:gue|gw|sy|saya|aku|aq|ada|ono|onok)\b", after["place"])[0]
                out.setdefault("route_to", " ".join(place.split()))
        elif (
            intent is Intent.QUERY_SCHEDULE
            and not found.team_member
            and trip_detail(found) == "pickup"
        ):
            # "bsk ada yg brgkt ga? jemput jam brp dmn"; "tgl 30 rombongan pak hendra
            # jemputnya dmn": where that client's trip picks up.
            out["detail"] = "pickup"
        elif (
            intent is Intent.QUERY_SCHEDULE
            and (found.client or found.route.route_to)
            and not (found.dates or found.team_member)
            and (of_the_trip := _one_trips_detail(found)) is not None
        ):
            out["detail"] = of_the_trip
        elif (
            intent is Intent.QUERY_SCHEDULE and found.dates and _VALUE_ASKED_RE.search(found.lower)
        ):
            out["detail"] = "value"  # "trip bulan mei total nilainya brp": worth together
        elif (
            intent is Intent.QUERY_SCHEDULE
            and HOUR_ASKED_RE.search(found.lower)
            and not _DAY_ASKED_RE.search(found.lower)
            and trip_detail(found) == "departure"
        ):
            # "brgkt jam brp?", "besok abdi brgkt jam sabaraha?": the hour each trip leaves,
            # one line a trip (of the day said, of the trips just shown, else today's).
            out["detail"] = "departure"
        elif (
            intent is Intent.QUERY_SCHEDULE
            and (
                len(found.dates) == 1
                or (not found.dates and bool(found.route.route_to or found.client))
            )
            and not found.team_member
            and trip_detail(found) == "return"
        ):
            # "trip sy yg tgl 3 pulangnya tgl brp": the trips of that day, when each is back
            # ("pulange tgl pira sing bandung?": of the trip going there).
            out["detail"] = "return"
    elif intent is Intent.QUERY_BUS_STATUS:
        of_fleet = found.maintenance_type and service_due_of_fleet(found.lower, bool(found.buses))
        if found.buses and not of_fleet:
            out["bus"] = found.buses[0].text
            if found.maintenance_type and _NEXT_WORK_ASKED_RE.search(found.lower):
                out["maintenance_type"] = found.maintenance_type  # "kapan ganti oli lg?"
        elif of_fleet:
            # "bus mana yg udh waktunya servis" (not "armada yang lagi servis apa aja").
            out["maintenance_type"] = found.maintenance_type
        concrete = [d for d in found.dates if not d.vague]
        # ("bus 02 kan pulang dr malang kamis ya, jumat aman kan?": the day asked about, not
        # the day told as why.)
        concrete = _in_the_question(found, concrete)
        if concrete and not _just_today(found):
            out["date"] = iso(concrete[0].date)
    asking = INTENTS[intent].kind is IntentKind.QUERY
    if asking and _only_the_teller(found.lower, out.get("driver")):
        del out["driver"]  # "AC bus 04 mati jare joko. jumat dipake sopo?": Joko told it
    allowed = ALLOWED.get(intent, frozenset())
    return {k: v for k, v in out.items() if k in allowed}


# Who told it: "jare joko", "kata pak slamet", "menurut wahyu".
_TOLD_BY = r"(?:jare|jarene|kata|kt|katanya|ktnya|menurut|mnrt|ceuk|ngendikane)"


def _only_the_teller(lower: str, person: object) -> bool:
    """The one of the team named only as who told the news, never as who is asked of."""
    if not isinstance(person, str) or not person:
        return False
    name = re.escape(person.split()[-1].lower())
    said = list(re.finditer(rf"\b{name}\b", lower))
    # After the news ("AC bus 04 mati jare joko"); opening the message, "katanya joko besok
    # narik?" asks of Joko.
    teller = re.compile(rf"\w\W+{_TOLD_BY}\s+(?:(?:pak|mas|kang|cak)\s+)?$")
    told = [m for m in said if teller.search(lower[: m.start()])]
    return bool(said) and len(told) == len(said)


# "bus 02 kapan jadwal ganti oli lg?", "bus 2 servis brkutnya kpn", "kapan terakhir bus 03
# ganti oli?": when its last or next job of that kind was or is due.
_NEXT_WORK_ASKED_RE = re.compile(
    r"(?=.*\b(?:kapan|kpn|kpan)\b).*\b(?:lagi|lg|lgi|berikut(?:nya)?|brikut(?:nya)?"
    r"|brkut(?:nya)?|selanjutnya|next|terakhir|trakhir|terakir|trkhr)\b"
)


# The fee let go: "biaya batalnya ga usah", "gausah kena biaya batal", "ga usah potongan".
FEE_WAIVED_RE = re.compile(
    rf"(?:{WAIVE_RE.pattern})\W+(?:\w+\W+){{0,2}}?(?:kena\b|biaya|potong|denda|fee\b)"
    rf"|\b(?:biaya|potongan|denda|fee)\w*\W+(?:\w+\W+){{0,2}}?(?:{WAIVE_RE.pattern})"
    # "ga ada potongan", "tanpa denda": no fee at all.
    r"|\b(?:ga|gak|nggak|ngga|tidak|tdk|ora|tanpa)\s+(?:ada\s+)?(?:potongan|denda"
    r"|biaya\s+(?:batal|pembatalan|cancel))\b"
)


def _fee_after(found: Found, end: int) -> bool:
    """A fee word right after an amount ("yg 1jt buat potongan"), unless it marks the
    amount that follows it ("dibalikin 2jt potongan 1jt": 1jt is the fee, 2jt goes back)."""
    after = FEE_AFTER_RE.match(found.lower, end)
    if after is None:
        return False
    nxt = [m.start for m in found.money if m.start >= after.end()]
    # A comma ends it: "yg 1jt hangus, 2jt dibalikin".
    return not (nxt and not found.lower[after.end() : nxt[0]].strip(" .:"))


def _condition(found: Found) -> tuple[int, int] | None:
    """Where the condition of "kalo bu dewi blm lunas smp jumat batalin aja" lies: from its
    "kalo" to the cancel word."""
    said = UNPAID_IF_RE.search(found.lower)
    if said is None:
        return None
    cancel = CANCEL_WORD_RE.search(found.lower, said.end())
    end = cancel.start() if cancel else len(found.lower)
    # "kalau ... CV Anugerah belum DP, tolong bookingnya di-cancel saja": the condition ends
    # with its clause (a date's or an amount's dot is blanked in the masked text).
    clause = re.compile(r"[,;.\n]").search(found.masked or found.lower, said.end(), end)
    return said.start(), clause.start() if clause else end


# What frames a condition rather than saying it: its "kalo", and the "smp" of its day.
_CONDITION_FRAME_RE = re.compile(
    rf"\b(?:{IF_WORDS}|lek)\b|\b(?:smp|sampe|sampai|sampay|hingga|s/d|sd|sblm|sebelum)\b(?=\s*$|\s{{2,}})",
    re.IGNORECASE,
)


def _condition_said(found: Found, span: tuple[int, int]) -> str:
    """The condition itself ("blm dp"): its day and client are fields of their own, so the
    values read are left out, with the "kalo" and the "smp" before the day."""
    masked = (found.masked or found.lower)[slice(*span)]
    # As written ("belum DP"), the values read blanked out.
    written = zip(found.text[slice(*span)], masked, strict=False)
    said = "".join(t if m != " " else " " for t, m in written)
    said = _CONDITION_FRAME_RE.sub(" ", said)
    said = " ".join(said.split()).strip(" ,")
    said = re.sub(r"\s+(?:juga|jg|jga|pun)$", "", said, flags=re.I)  # "blm dp juga": still not
    # ("kalo smp jumat ga ada kabar ya cancel aja": its closing "ya" is no part of it.)
    said = re.sub(r"(?:\s+(?:ya|yaa|yah|deh|dong|lah|sih))+$", "", said, flags=re.I)
    return said[:300] or found.lower[slice(*span)].strip(" ,")[:300]


# "dibalikin separo", "balikin setengahnya", "dikembalikan sebagian": a share goes back.
_SHARE_BACK_RE = re.compile(
    r"\b(?:dibalik\w*|balik\w*|dibalek\w*|balek\w*|dikembali\w*|kembali\w*|direfund|refund)"
    r"\s+(?:(?P<half>separo|separoh|separuh|setengah|stengah|sepruh)|sebagian|sebagean)(?:nya|ne)?\b"
)


def _cancel_money(found: Found) -> dict[str, Any]:
    """The money said with a cancellation: the refund (the amount right after "dibalikin",
    else the first one, "dp 3jt dibalikin full"), proposed after it to that booking, and
    the fee agreed with the client ("potongan 1jt"), instead of the policy's. With a fee
    said, only an amount said as given back is the refund ("dp 3jt dipotong 1jt sisanya
    dibalikin" leaves it to the booking's refund due). A price named to say which booking
    ("pak agus yg 5jt batal") is neither."""
    out: dict[str, Any] = {}
    # A fee word right after an amount is that amount's ("yg 1jt hangus, 2jt dibalikin"),
    # never also the next one's.
    fees = [m for m in found.money if _fee_after(found, m.end)] or [
        m for m in found.money if FEE_MARK_RE.search(found.lower[: m.start])
    ]
    # "ga usah 50%, potong 1,5jt aja": the amount right after a fee word is the fee agreed,
    # what was let go the policy's share.
    agreed = [m for m in fees if FEE_JUST_BEFORE_RE.search(found.lower[: m.start])]
    if FEE_WAIVED_RE.search(found.lower) and not agreed:
        # "gausah kena biaya batal, dp 3jt balikin semua": no fee, whatever amount follows.
        fees = []
        out["cancellation_fee"] = 0
    if fees:
        out["cancellation_fee"] = fees[0].value
    if (
        not found.money
        and BACK_IN_FULL_RE.search(found.lower)
        and not PART_BACK_RE.search(found.lower)
    ):
        out["cancellation_fee"] = 0  # "batal, dp dikembalikan": no fee, all paid goes back
    if (
        "cancellation_fee" not in out
        and not found.money
        and DP_FORFEITED_RE.search(found.lower)
        and not UNDECIDED_RE.search(found.lower)
    ):
        out["dp_forfeited"] = True  # "cancel bu dewi, dp hangus": what was paid is the fee
    # "potong 400rb aja, jd baliknya 3,8jt": what goes back, said so beside the fee (never
    # "ongkos baliknya"; a pattern of its own here, its words no keyword for coverage).
    goes_back = re.compile(
        r"(?:\b(?:jd|jadi|dadi|trus|terus|dp\w*|uang\w*|duit\w*)\s+|[,.]\s*)"
        r"(?:baliknya|balike|kembalinya)\s*(?:rp\.?\s*)?$"
    )
    not_so = re.compile(r"\s*(?:ga|gak|nggak|ora|tidak|tdk)\s+(?:jadi|jd|sido)|\s*batal")
    back_to = [
        m
        for m in found.money
        if goes_back.search(found.lower[: m.start]) and not not_so.match(found.lower, m.end)
    ]
    if not (REFUND_WORD_RE.search(found.lower) or back_to):
        return out
    rest = [m for m in found.money if m not in fees]
    marked = [m for m in rest if REFUND_MARK_RE.search(found.lower[: m.start]) or m in back_to] or [
        m
        for m in rest
        if REFUND_WORD_RE.match(found.lower[m.end :].lstrip())  # "2jt dibalikin"
    ]
    refund = marked or ([] if fees else rest)
    if share := _SHARE_BACK_RE.search(found.lower):
        # "dp 3jt dibalikin separo aja, 1,5jt tf bca": a share of the DP goes back; the
        # amount said after the share is it, else the share of the amount said before.
        after = [m for m in rest if m.start >= share.end()]
        before = [m for m in rest if m.end <= share.start()]
        if after:
            refund = after[:1]
        elif before and share.group("half"):
            refund = [replace(before[-1], value=before[-1].value // 2)]
    not_yet = re.search(
        r"\b(?:blm|belum|durung|rung|urung|dereng|arep|mau|akan|mengko|engko|nanti|ntar)\s+"
        r"(?:[\w,.]+\s+){0,3}?(?:(?:tak|sy|saya|di)\s*)?(?:dibalik\w*|dibalek\w*|balik\w*|balek\w*"
        r"|dikembali\w*|kembali\w*|direfund|refund|ditf|tf|transfer\w*)"
        # "dp nya dibalikin gak?": whether it goes back, asked.
        r"|\b(?:dibalik\w*|dibalek\w*|dikembali\w*|direfund)\s+(?:\w+\s+)?(?:ga|gak|nggak|tidak|ya)?\s*\?",
        found.lower,
    )
    if refund and (_LATER_RE.search(found.lower[refund[0].end :]) or not_yet):
        # ("dp 3jt durung dibalekke", "blm sy kembalikan": not gone back yet.)
        # "sisa dp 3jt dibalikin minggu dpn": the money goes back later; nothing to record
        # now (the booking's refund due says what is still to give back).
        refund = []
    if refund:
        out |= {"amount": refund[0].value, "payment_type": "refund"}
        if found.method:
            out["method"] = found.method
    return out


@dataclass(frozen=True)
class PaperSaid:
    """One paper named, its words (to the next paper named) and what is said of it:
    "dated" (renewed to a whole date), "requested", "underway", "not_renewed" or None."""

    kind: str
    start: int
    end: int
    state: str | None


# A day said as the day a paper runs out ("habis 2 oktober", "exp tgl 20"), never the day
# its renewal is wanted by ("sebelum tgl 20").
_EXPIRES_ON_RE = re.compile(
    r"\b(?:habis|hbs|abis|expired|exp|kadaluarsa|kedaluwarsa|mati|jatuh\s+tempo"
    r"|berlaku\s+(?:sampai|sampe|smp|hingga|s/d|sd))(?:nya)?\s*(?:tgl|tanggal|pada|pd)?\s*$"
)


# The day a paper was renewed on ("diperpanjang tgl 2 des", "udh tak perpanjang kmrn") or,
# once renewed, the old paper ran out ("yg lama habis tgl 1 des"): neither is the day it
# now runs to. Not renewed, the old paper's end is ("blm diperpanjang, msh yg lama abis 20
# mei").
_RENEWED_ON_RE = re.compile(r"perpanjang(?:nya)?\s*(?:tgl|tanggal|pada|pd|hari|hr)?\s*$")
_OLD_ONE_RE = re.compile(r"\b(?:lama|lamanya|sebelumnya)\b[^,.]{0,12}$")


# "dr 30 juni 2027 jd 30 juni 2028": the day it ran to, then the one it runs to now.
_CHANGED_FROM_RE = re.compile(r"\s*(?:jd|jadi|menjadi|->|→)\s")


def _not_expiry(found: Found, day: DateMention) -> bool:
    start = max(0, day.start - 30)
    if _RENEWED_ON_RE.search(found.lower, start, day.start):
        return True
    if _CHANGED_FROM_RE.match(found.lower, day.end):
        return True
    old = _OLD_ONE_RE.search(found.lower, start, day.start)
    return bool(old) and not NOT_RENEWED_RE.search(found.lower)


def _clause_state(found: Found, start: int, end: int) -> str | None:
    said = found.lower[start:end]
    days = [
        d
        for d in found.dates
        if start <= d.start < end and not d.vague and d.explicit and not _not_expiry(found, d)
    ]
    whole = bool(days) and not month_only_said(said)
    coming_end = [
        d
        for d in found.dates
        if start <= d.start < end
        and not d.vague
        and d.date > found.today
        and _EXPIRES_ON_RE.search(found.lower, start, d.start)
        and not _not_expiry(found, d)
        # ("abis tgl 28, blm diperpanjang" may be the 28th gone by; "tgl 25 ini" is to come.)
        and (
            not d.day_only or re.match(r"\s*(?:ini|iki|depan|ngarep|nanti)\b", found.lower[d.end :])
        )
    ]
    already_out = re.search(r"\b(?:udh|udah|sudah|sdh|dah|wis|wes)\s+(?:abis|habis|hbs|mati)", said)
    if coming_end and NOT_RENEWED_RE.search(said) and not already_out and not month_only_said(said):
        # "sim sy abis tgl 25 ini pak, blm sempet perpanjang": the day it runs out, to come.
        return "dated"
    if whole and NOT_RENEWED_RE.search(said) and all(d.date <= found.today for d in days):
        return "not_renewed"  # "sim sy udh mati kmrn, blm sempet perpanjang": run out, word
    gone_by = all(d.relative and d.date < found.today for d in days)
    if whole and gone_by and EXPIRED_TOLD_RE.search(said) and not RENEWED_RE.search(said):
        return "not_renewed"  # "kir bus 02 udh mati kmrn": run out lately, no new expiry
    if whole and any(_EXPIRES_ON_RE.search(found.lower, start, d.start) for d in days):
        return "dated"  # "kir bus 04 habis 2 oktober, tolong diurus": the expiry is said
    if RENEW_ASKED_RE.search(said):
        return "requested"
    if whole and any(d in until_dates(found) for d in days):
        return "dated"  # "... masih proses, sampai 20 jan 2028": the date said wins
    if UNDERWAY_RE.search(said):
        return "underway"
    expired = EXPIRED_TOLD_RE.search(said) and not RENEWED_RE.search(said)
    if NOT_RENEWED_RE.search(said) or (expired and not whole):
        return "not_renewed"
    return "dated" if whole else None


def paper_states(found: Found) -> list[PaperSaid]:
    """What is said of each paper, judged in its own words ("kir bus 02 udah diperpanjang
    sampai 20 jan 2028, stnk nya masih proses": KIR renewed, STNK in hand). A paper with
    nothing said of its own shares the next one's ("stnk sama kir bus 03 lagi diurus"), the
    last the one before it."""
    named = sorted(
        (m.start(), kind) for kind, pattern in DOC_KIND_RES for m in pattern.finditer(found.lower)
    )
    starts = [0] + [start for start, _ in named[1:]]
    ends = [start for start, _ in named[1:]] + [len(found.lower)]
    said = [
        PaperSaid(kind, a, b, _clause_state(found, a, b))
        for (_, kind), a, b in zip(named, starts, ends, strict=True)
    ]
    for i in reversed(range(len(said) - 1)):
        if said[i].state is None:
            said[i] = replace(said[i], state=said[i + 1].state)
    for i in range(1, len(said)):
        if said[i].state is None:
            said[i] = replace(said[i], state=said[i - 1].state)
    return said


def _holder_in(found: Found, paper: PaperSaid) -> dict[str, Any]:
    """The paper's holder said in its own words, else the first said."""
    shared = _paper_of(found)
    buses = [b.text for b in distinct_mentions(found) if paper.start <= b.start < paper.end]
    people = [p.text for p in found.people if paper.start <= p.start < paper.end]
    if paper.kind == "sim" and (people or "driver" in shared):
        return {"driver": people[0] if people else shared["driver"]}
    if paper.kind != "sim" and (buses or "bus" in shared):
        return {"bus": buses[0] if buses else shared["bus"]}
    return {}


def _renewed_paper(found: Found, paper: PaperSaid) -> dict[str, Any]:
    out: dict[str, Any] = {"document_kind": paper.kind, **_holder_in(found, paper)}
    days = [d for d in found.dates if paper.start <= d.start < paper.end and not d.vague]
    until = [d for d in until_dates(found) if d in days]
    if days:
        out["date"] = iso((until or days)[0].date)
    return out


def papers_in_hand(found: Found) -> list[dict[str, Any]]:
    """The papers said to be in hand, asked for or not renewed beside one renewed to a
    whole date ("kir bus 02 udah diperpanjang sampai 20 jan 2028, stnk nya masih proses":
    the STNK), each read on its own (record_document with its detail)."""
    states = paper_states(found)
    if not any(p.state == "dated" for p in states):
        return []
    return [
        {"document_kind": p.kind, **_holder_in(found, p), "detail": p.state}
        for p in states
        if p.state not in (None, "dated")
    ]


# "pak gatotkaca ac nya ga dingin": a title, a word, then a part of a bus and its "nya".
_PART_AFTER_RE = re.compile(
    r"\s+(?:ac|rem|ban|aki|oli|mesin|kopling|lampu|klakson|wiper|radiator|kaca|pintu)"
    r"(?:\s*nya|ne)\b"
)


def _bus_addressed(found: Found) -> str | None:
    """A report naming no bus whose opening person has a part of a bus ("pak gatotkaca ac
    nya ga dingin"): the owner is addressed and the word is the bus (none of the team)."""
    first = found.people[0] if found.people else None
    if first is None or first.organisation or found.lower[: first.start].strip():
        return None
    if not _PART_AFTER_RE.match(found.lower, first.end):
        return None
    words = first.text.split()
    if len(words) != 2 or words[1].lower() in found.team:
        return None
    return words[1]


def _clause_of_paper(found: Found, start: int, before: int) -> int:
    """Where a paper's own words start: at its name, or at a bus named before it in its own
    clause ("sekalian bus 05 kir nya 3 juni")."""
    clause = max(found.lower.rfind(stop, 0, start) for stop in ",.;\n") + 1
    if clause <= before or any(clause <= d.start < start for d in found.dates):
        return start  # ("bus 02 juga 5 feb stnk nya 10 mar": a day of its own first)
    ahead = [b.start for b in found.buses if clause <= b.start < start]
    return min(ahead) if ahead else start


def _document_lines(found: Found) -> list[dict[str, Any]]:
    """Each paper named with its expiry, in the order said ("stnk srikandi smp 20 nov 2028,
    asuransinya smp 1 jan 2028"): a paper's words run to the next paper's; one without a
    date of its own shares the next one's ("stnk sama asuransi bus 03 smp 10 feb 2028"), and
    one without a holder of its own the first holder named."""
    named = sorted(
        (m.start(), kind) for kind, pattern in DOC_KIND_RES for m in pattern.finditer(found.lower)
    )
    if not named:
        return []
    # "kir sm stnk bus 03 udh beres smua. kir smp 10 jun 2027, stnk smp 17 okt 2031": papers
    # named first without a date, then each again with its own: the later mention is it.
    spans = list(zip(named, [start for start, _ in named[1:]] + [len(found.lower)], strict=True))
    named = [
        (start, kind)
        for i, ((start, kind), end) in enumerate(spans)
        if not (
            not any(start <= d.start < end for d in found.dates)
            and any(k == kind for (_, k), _ in spans[i + 1 :])
        )
    ]
    # "..., sekalian bus 05 kir nya 3 juni": a bus opening the clause of a later paper is
    # that paper's, not the one before it.
    named = [
        (_clause_of_paper(found, start, named[i - 1][0]) if i else start, kind)
        for i, (start, kind) in enumerate(named)
    ]
    bounds = [start for start, _ in named[1:]] + [len(found.lower)]
    shared = _paper_of(found)
    lines: list[dict[str, Any]] = []
    waiting: list[dict[str, Any]] = []
    for i, ((start, kind), end) in enumerate(zip(named, bounds, strict=True)):
        line: dict[str, Any] = {"document_kind": kind}
        # "KIR Srikandi ..., asuransi Srikandi ...": a bus named again on a later line is
        # that line's own; "bus 02 sm bus 04 kir nya abis ...": the holders named before the
        # first paper are its.
        mentions = [b for b in distinct_mentions(found, by_name=False) if start <= b.start < end]
        people = [p.text for p in found.people if start <= p.start < end]
        if i == 0 and not (mentions or people):
            # Of its own clause only ("bus 02 lagi di bengkel, kir bus 04 ..." names bus 04).
            clause = max(found.lower.rfind(stop, 0, start) for stop in ",.;\n") + 1
            mentions = [
                b for b in distinct_mentions(found, by_name=False) if clause <= b.start < start
            ]
            people = [p.text for p in found.people if clause <= p.start < start]
        buses = [b.text for b in mentions]
        bare = BARE_DRIVER_RE.search(found.lower, start, end)
        if not people and bare and bare.group("name") not in NOT_A_NAME | STOP_WORDS:
            people = [bare.group("name").title()]  # "sim slamet habis 3 feb"
        if kind == "sim" and (people or "driver" in shared):
            line["driver"] = people[0] if people else shared["driver"]
        elif kind != "sim" and (buses or "bus" in shared):
            line["bus"] = buses[0] if buses else shared["bus"]
        days = [d for d in found.dates if start <= d.start < end and not d.vague]
        if kind != "sim" and len(mentions) > 1 and len(days) > 1:
            # "KIR bus 02 habis 8 januari, bus 06 tgl 15 januari": the paper said once, each
            # bus with its own expiry, the day said after it and before the next bus.
            cuts = [start] + [b.start for b in mentions[1:]] + [end]
            for bus, (low, high) in zip(buses, itertools.pairwise(cuts), strict=True):
                waiting.append({**line, "bus": bus})
                own = [d for d in days if low <= d.start < high]
                if own:
                    for each in waiting:
                        each["date"] = iso(own[0].date)
                    lines += waiting
                    waiting = []
            continue
        waiting.append(line)
        # "asuransi bus 01 sm bus 02 sampe 15 maret 2027": one paper of each bus named.
        waiting += [{**line, "bus": bus} for bus in buses[1:] if kind != "sim"]
        # "sim pak joko sm pak slamet abis 17 agustus 2027": one licence of each.
        waiting += [{**line, "driver": who} for who in people[1:] if kind == "sim"]
        if days:
            for each in waiting:
                each["date"] = iso(_expiry(found, days[0]))
            lines += waiting
            waiting = []
    if waiting or len(lines) < 2:
        return []  # a paper left without its expiry: the single fields, as before
    unique = {tuple(sorted(line.items())) for line in lines}
    return lines if len(unique) == len(lines) else []


# What ends one client's payment and starts the next: "dp bu wati 2jt sama pelunasan pak agus".
_NEXT_PAYMENT_RE = re.compile(rf"[,;\n+]|\b(?:{AND}|terus|trus|lalu|juga)\b")
# "..., semua tf bca": a method said once for every payment.
_FOR_ALL_RE = word_re(ALL, r"dua2nya|dua-duanya|keduanya|sama2|sama-sama")


# The rest, said right before a payment's amount: "sisa 4jt", "sisanya 3jt".
_REST_BEFORE_RE = re.compile(r"\b(?:sisa|sisanya|sisane|kekurangan|kekurangannya|kurangnya)\s+$")
# An amount that is not a payment of its own: "total 5jt", "harga 10jt", "dari 3jt".
_NOT_PAID_RE = re.compile(r"\b(?:total|harga|harganya|dari|jadi|jd)\W*$")
_Part = tuple[NameMention, int, int]  # whose payment, and where its words start and end


def _driver_off(found: Found, off: re.Match[str]) -> dict[str, Any]:
    """ "joko gk jd ke bandung, sopir sd muhammadiyah dikosongin dulu": whose trip (said
    between the seat and the word, or named elsewhere), and who is taken off when said."""
    out: dict[str, Any] = {"detail": "no_driver"}
    start, end = off.span("trip")
    trip = found.text[start:end].strip(" ,")
    if trip:
        out["client_name"] = trip
    elif found.client is not None:
        out["client_name"] = found.client.text
    elif found.route.route_to:
        out["route_to"] = found.route.route_to
    if found.dates:
        out["ref_date"] = iso(found.dates[0].date)
    if found.team_member and not start <= found.lower.find(found.team_member.lower()) < end:
        out["driver"] = found.team_member
    return out


def _payment_lines(found: Found, trip_dates: list[dates.DateMention]) -> list[dict[str, Any]]:
    """Several payments in one message, one line each, in the order said: several clients
    each with an amount of their own ("dp bu wati 2jt sama pelunasan pak agus 5jt"), or one
    client with several amounts ("pak agus bayar 1jt sama 2jt"). A trip's date goes to the
    payment it is said with, or to every one when said once for all ("... buat trip tgl
    12", or one client's)."""
    clients = [p for p in found.people if p is not found.driver]
    # "pak darto sm bu yuli bayar, pak darto 4jt cash, bu yuli 2,5jt tf bca": who paid named
    # first with no money, then each with theirs; the lines are the second naming's.
    again = [
        p
        for i, p in enumerate(clients)
        if not any(name_key(q.text) == name_key(p.text) for q in clients[i + 1 :])
    ]
    if 1 < len(again) < len(clients) and not any(m.start < again[0].start for m in found.money):
        clients = again
    if len(clients) == 1 and (split := _whole_and_rest(found, clients[0])):
        return split
    if len(clients) > 1:
        parts = _parts_per_client(found, clients)
    elif clients:
        parts = _parts_per_amount(found, clients[0])
    else:
        return []
    if not parts:
        return []
    shared = payments.find_method(found.lower) if _FOR_ALL_RE.search(found.lower) else None
    said_once = {
        method
        for _, start, end in parts
        if (method := payments.find_method(found.lower[start:end])) is not None
    }
    banks = {m for m in said_once if m.startswith("transfer_")}
    if len(clients) == 1 and len(banks) == 1 and said_once - banks <= {"transfer"}:
        # "pak agus tf 2jt sama 1,5jt td pagi, bri": the bank named once is every transfer's.
        said_once = banks
    if shared is None and len(clients) == 1 and len(said_once) == 1:
        # "pak bambang bayar 5jt sama 3jt, tf bsi": one client's one way of paying.
        shared = said_once.pop()
    paid = found.money if len(clients) > 1 else _without_whole(found.money)
    # "bu sartini dp 4jt, 2jt cash 2jt tf bca": the kind of the whole is its parts'.
    whole = [mo for mo in found.money if mo not in paid]
    # (Never a DP paid before and more money now: "udh dp 2jt, ini tambah 1jt cash 1jt tf".)
    whole_kind = (
        payments.find_payment_type(found.lower[: whole[0].end])
        if whole
        and whole[0] is found.money[0]
        and _PARTS_FOLLOW_RE.fullmatch(found.lower, whole[0].end, paid[0].start)
        else None
    )
    amounts_end = max(mo.end for mo in paid)
    for_all = [
        d
        for d in trip_dates
        if len(clients) == 1 or d.start > amounts_end or d.start < clients[0].start
    ]
    # "dp masuk hr ini: smpn 2 10jt, sd kanisius 7,5jt": the kind said as a heading before
    # the first client is every line's that says none of its own ("dp bu wati 1jt sama pak
    # agus 2jt" is bu wati's alone).
    heading = found.lower[: clients[0].start]
    # ("pak hadi sm bu yuli lunas semua, pak hadi 4jt ...": said of them all.)
    headed = re.search(r"[:\n]", heading) or _FOR_ALL_RE.search(heading)
    # ("td pagi yg masuk: dp bu dewi 2jt, pak hendra 3jt": a kind after the colon is the
    # first client's own, not the heading's.)
    over = [m.end() for m in re.finditer(r"[:\n]", heading)]
    opening = (
        payments.find_payment_type(heading[: over[-1]] if over else heading) if headed else None
    )
    lines: list[dict[str, Any]] = []
    for person, start, end in parts:
        part = found.lower[start:end]
        said = [mo for mo in paid if start <= mo.start < end]
        amounts = [mo.value for mo in said if not promised_money(found, mo, dated=True)]
        if not amounts and said:
            continue  # "bu dewi mau tf 1jt besok": promised, no payment of hers
        if not amounts:
            return []
        line: dict[str, Any] = {"client_name": person.text, "amount": amounts[0]}
        # "..., sisanya dilunasi pas brgkt": the rest said after the last amount is to come,
        # not this payment's kind.
        rest = _REST_AFTER_RE.search(part, said[-1].end - start) if said else None
        kind = payments.find_payment_type(part[: rest.start()] if rest else part)
        if kind is None and _REST_BEFORE_RE.search(found.lower, start, said[0].start):
            # "... sama bu lastri sisa 4jt cash": among payments, the rest is what was paid.
            kind = PaymentType.PELUNASAN
        kind = kind or (opening if len(clients) > 1 else whole_kind)
        if kind is PaymentType.OTHER and lines and _more_of_the_same(part):
            # "- dp 2jt tf BCA\n- tambahan 1jt cash": more money after the first, of no
            # kind of its own (no extra charge: "tambahan overtime" is one).
            kind = None
        if kind is not None:
            line["payment_type"] = kind.value
        method = payments.find_method(part) or shared
        if method == "transfer" and shared is not None and shared.startswith("transfer_"):
            method = shared
        if method is not None:
            line["method"] = method
        own = [d for d in trip_dates if start <= d.start < end and d not in for_all]
        if not own and len(clients) == 1 and len(parts) > 1:
            # "bayar 8jt buat pelunasan yg tgl 2 sama dp 2jt buat yg tgl 20": each amount's
            # own trip, when each names one.
            own = [d for d in trip_dates if start <= d.start < end]
            of_others = [d for d in trip_dates for _, s, e in parts if s <= d.start < e]
            if not own and of_others:
                own = [d for d in for_all if d not in of_others]
        trips = own or for_all
        if trips:
            line["ref_date"] = iso(trips[0].date)
        # "1jt tgl 27 sm 2jt tgl 29": each payment's own day.
        days = [
            day for d in found.dates if start <= d.start < end and (day := _paid_on_day(found, d))
        ]
        if not days and len(parts) > 1:
            # "kemarin tf bca 2jt, hari ini cash 1jt": each payment's own day, said in words.
            days = [
                d.date
                for d in found.dates
                if start <= d.start < end
                and d.relative
                and not d.vague
                and d.date <= found.today
                and d not in trip_dates
            ]
        if days:
            line["paid_on"] = iso(days[0])
        lines.append(line)
    return _said_for_each(found, lines)


def _refused(found: Found, money: MoneyMention) -> bool:
    """The amount is the one called wrong: "bukan 2jt tf"."""
    return re.search(r"\b(?:bukan|bkn|bkan|dudu|sanes)\s+$", found.lower[: money.start]) is not None


def _bill_said(found: Found, money: MoneyMention) -> bool:
    """The amount is a bill's or a price's whole, said in a clause of its own with no word
    of money moving ("invoice bu dewi 6,5jt", "total 8jt")."""
    clause = re.split(r"[,.;\n]", found.lower[: money.start])[-1]
    after = re.split(r"[,.;\n]", found.lower[money.end :])[0]
    bill = re.search(
        r"\b(?:invoice\w*|invois\w*|tagihan\w*|nota\w*|total\w*|harga\w*|hrg)\b", clause
    )
    moved = re.search(
        r"\b(?:tf|transfer\w*|trf|bayar\w*|byr|dp|lunas\w*|pelunasan|cash|tunai|masuk)\b",
        clause + " " + after,
    )
    return bill is not None and moved is None


_ORDINALS = {"pertama": 0, "1": 0, "kedua": 1, "2": 1, "ketiga": 2, "3": 2}


def _said_for_each(found: Found, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What is said of the payments after all of them: their kind for every one ("pak
    sutrisno 1jt, bu ani 750rb, mas bagas 2,5jt. semua pelunasan, cash"), or the way each
    came by its place ("1jt terus 2jt, yg pertama cash yg kedua tf bca")."""
    if len(lines) < 2:
        return lines
    last_money = max(mo.end for mo in found.money)
    tail = found.lower[last_money:]
    for_all = re.search(r"\b(?:semua|semuanya|smua|kabeh|sadaya)\b(.*)$", tail)
    kind = payments.find_payment_type(for_all.group(1)) if for_all else None
    if kind is not None:
        for line in lines:
            line.setdefault("payment_type", kind.value)
    ordinal = r"\b(?:yg|yang|sing|nu)\s+(?:ke-?\s*)?(pertama|kedua|ketiga|1|2|3)\b"
    marks = list(re.finditer(ordinal, tail))
    promised: set[int] = set()
    for i, mark in enumerate(marks):
        nth = _ORDINALS[mark.group(1)]
        said = tail[mark.end() : marks[i + 1].start() if i + 1 < len(marks) else len(tail)]
        if nth >= len(lines):
            continue
        if re.search(
            r"\b(?:nanti|ntar|besok|bsk|mau|janji|nyusul|minggu\s+depan)\b", said
        ) and not re.search(r"\b(?:bukti\w*|struk|nota|setor\w*|screenshot|ss)\b", said):
            promised.add(nth)  # "yg kedua nanti tf": to come, no payment yet
        elif (method := payments.find_method(said)) is not None:
            lines[nth]["method"] = method
    return [line for n, line in enumerate(lines) if n not in promised]


# "..., sisanya tf bni": what is left of the whole, paid another way.
_REST_PAID_RE = re.compile(r"[\s,]+(?:sisa|sisanya|sisane|kurangnya|kekurangannya)\s+(?P<how>.+)$")


_REST_AFTER_RE = re.compile(r"\b(?:sisa|sisanya|sisane|kekurangannya|kurangnya)\b[^,\n;]*$")


def _more_of_the_same(part: str) -> bool:
    """A payment called "tambahan" alone: more of what was paid, no charge of its own."""
    bare = re.sub(r"\btambahan\b", " ", part)
    return bare != part and payments.find_payment_type(bare) is None


def _whole_and_rest(found: Found, client: NameMention) -> list[dict[str, Any]]:
    """ "bu rina pelunasan 2,2jt, 1jt cash sisanya tf bni": the whole, a part of it paid
    one way and the rest another: two payments, the second the whole less the first."""
    if len(found.money) != 2 or found.dates:
        return []
    whole, part = found.money
    rest = _REST_PAID_RE.search(found.lower, part.end)
    if whole.value <= part.value or rest is None or client.start > whole.start:
        return []
    first_how = payments.find_method(found.lower[part.end : rest.start()])
    # "2,2jt, cash 1jt sisanya tf": said before the part, after the comma that starts it.
    before = found.lower[whole.end : part.start].rsplit(",", 1)[-1]
    first_how = first_how or payments.find_method(before)
    rest_how = payments.find_method(rest.group("how"))
    if first_how is None or rest_how is None or first_how == rest_how:
        return []
    first: dict[str, Any] = {"client_name": client.text, "amount": part.value}
    kind = payments.find_payment_type(found.lower[: part.start])
    if kind is not None:
        first["payment_type"] = kind.value
    first["method"] = first_how
    second = {"client_name": client.text, "amount": whole.value - part.value, "method": rest_how}
    return [first, second]


def _parts_per_client(found: Found, clients: list[NameMention]) -> list[_Part]:
    """None unless every client has an amount of their own before the next client."""
    if len(found.money) < len(clients):
        return []
    bounds = [0]
    for person in clients[1:]:
        earlier = [mo for mo in found.money if bounds[-1] <= mo.start < person.start]
        if not earlier:
            return []  # this client's amount is not before the next client
        bounds.append(_split_at(found, earlier[-1].end, person.start))
    bounds.append(len(found.lower))
    parts = list(zip(clients, bounds, bounds[1:], strict=False))
    return parts if all(person.start < end for person, _, end in parts) else []


def _parts_per_amount(found: Found, client: NameMention) -> list[_Part]:
    """One client's several amounts joined by "sama", "terus", a comma... ("pak agus bayar
    1jt sama 2jt"); none when an amount is a total, a price or a balance."""
    paid = []
    whole = whole_before_part(found)
    for mo in _without_whole([mo for mo in found.money if mo is not whole]):
        clause = re.split(r"[,\n;]", text_before(found, mo.start, 20))[-1]
        if (
            BALANCE_MARK_RE.search(clause)
            and mo is found.money[-1]
            and _BALANCE_LATER_RE.match(found.lower, mo.end)
        ):
            continue  # "...\nsisa 4jt nanti pas brgkt": what is left, to come, is no payment
        paid_rest = payments.PAID_REST_RE.search(clause) or payments.REST_CAME_IN_RE.search(
            found.lower, max(0, mo.start - 20)
        )
        if (BALANCE_MARK_RE.search(clause) and not paid_rest) or _NOT_PAID_RE.search(clause):
            # ("pak rudi bayar sisa 4jt cash, sekalian dp 1jt": the rest paid is a payment.)
            return []
        if re.search(r"\b\d+\s*x\s*$", clause):
            return []  # "2x 1jt" is one amount said twice, not two payments
        if _fee_after(found, mo.end):
            continue  # "refund 2jt, yg 1jt hangus buat biaya pembatalan": the fee kept
        if not promised_money(found, mo, dated=True):
            paid.append(mo)  # "besok mau tf lagi 1jt" is promised, no payment
    if len(paid) < 2:
        return []
    # "cash 1jt, tf bni 1,2jt": each way of paying said before its amount, not after.
    method_first = payments.find_method(found.lower[client.end : paid[0].start]) is not None
    bounds = [0]
    for before, after in itertools.pairwise(paid):
        gap = found.lower[before.end : after.start]
        if _NEXT_PAYMENT_RE.search(gap):
            bounds.append(_split_at(found, before.end, after.start))
        elif _METHOD_GAP_RE.fullmatch(gap) and payments.find_method(gap):
            # "1jt cash 1,2jt tf bni": the way of paying ends one amount's words.
            bounds.append(before.end if method_first else after.start)
        else:
            return []
    bounds.append(len(found.lower))
    return [(client, start, end) for start, end in itertools.pairwise(bounds)]


# What is left said to come after its amount: "sisa 4jt nanti pas brgkt".
_BALANCE_LATER_RE = re.compile(
    r"\s*(?:nanti|ntar|nyusul|menyusul|besok|bsk|lusa|pas\s+(?:brgkt|berangkat|brkt|hari\s*h))\b"
)


# Between two amounts, only the way the first was paid: "1jt cash 1,2jt tf bni".
_METHOD_GAP_RE = re.compile(r"\s*(?:(?:via|lewat|pake|pakai|secara)\s+)?[a-z]+(?:\s+[a-z]+)?\s*")


# After the part paid, the rest said to come: "..., 1jt cash sisanya nanti".
_REST_TO_COME_RE = re.compile(
    r"^[^\d]{0,25}?\bsisa\w*\s+(?:\w+\s+)?(?:nanti|ntar|besok|bsk|lusa|nyusul|menyusul|blm|belum"
    r"|minggu\s+depan|bulan\s+depan|pas|waktu|kapan)\b[^\d]*$"
)


def whole_before_part(found: Found) -> MoneyMention | None:
    """The whole owed, said before the part of it paid now when the rest is to come:
    "bu rina pelunasan 2,2jt, 1jt cash sisanya nanti" is a payment of 1jt, not of both."""
    if len(found.money) != 2:
        return None
    whole, part = found.money
    if whole.value <= part.value or not _REST_TO_COME_RE.match(found.lower[part.end :]):
        return None
    return whole


_PARTS_FOLLOW_RE = re.compile(
    r"[\s,(:=]*(?:yaitu|rinciannya|rincian|terdiri|dari|yg|yang)?[\s,(:=]*"
)


def _without_whole(money: list[MoneyMention]) -> list[MoneyMention]:
    """The amounts paid without the whole said with its parts: "pelunasan 2,2jt, 1jt cash
    1,2jt tf bni" (or "1jt cash, 1,2jt tf, total 2,2jt") is two payments, not three."""
    if len(money) < 3:
        return list(money)
    for whole in (money[0], money[-1]):
        rest = [mo for mo in money if mo is not whole]
        if whole.value == sum(mo.value for mo in rest):
            return rest
    return list(money)


def _split_at(found: Found, gap_start: int, gap_end: int) -> int:
    """Where the next payment's words start: at the last separator between the two."""
    gap = found.lower[gap_start:gap_end]
    separators = list(_NEXT_PAYMENT_RE.finditer(gap))
    if separators:
        return gap_start + separators[-1].start()
    if len(gap.split()) <= 2 and payments.find_method(gap) is not None:
        return gap_end  # "pak hadi 4jt cash bu yuli 3,5jt tf bri": the way after the amount
    return gap_start


# What an action needs before the rules are sure of it; without it the router may ask Claude.
_NEEDS: dict[Intent, tuple[tuple[str, ...], float]] = {
    Intent.CREATE_BOOKING: (("client_name", "depart_date"), 0.8),
    Intent.RECORD_PAYMENT: (("amount",), 0.6),
    Intent.LOG_MAINTENANCE: (("bus",), 0.7),
    Intent.UPDATE_BUS_STATUS: (("bus", "bus_status"), 0.6),
    Intent.RECORD_ODOMETER: (("bus", "odometer_km"), 0.6),
}


def completeness_cap(intent: Intent, fields: dict[str, Any], lower: str = "") -> float:
    """How sure the rules may be of an action given what it names; `lower`: the message,
    lower-cased, which may name the booking by where it goes ("yg ke pangandaran")."""
    if intent is Intent.RECORD_PAYMENT and fields.get("payment_type") == "pelunasan":
        # "pak hendra lunas hr ini": paid off, the amount is what is still owed.
        return 1.0 if "client_name" in fields or "amount" in fields else 0.6
    if intent in _NEEDS:
        needed, cap = _NEEDS[intent]
        return 1.0 if all(name in fields for name in needed) else cap
    if intent in (Intent.UPDATE_BOOKING, Intent.CANCEL_BOOKING, Intent.COMPLETE_BOOKING):
        # The booking must be identifiable by its client, its date or where it goes.
        by_destination = "route_to" in fields and BY_DESTINATION_RE.search(lower) is not None
        named = "client_name" in fields or "ref_date" in fields or by_destination
        return 1.0 if named else 0.7
    return 1.0
