"""The offline extractor: finds every value in the message (reading.py), decides the
intent (intents.py), then keeps the fields that intent carries (fields.py), or the
corrected ones when a pending action is being corrected (corrections.py).
Contract: docs/contracts.md "Understanding a message"."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import logging
import re
from typing import Any

from pydantic import ValidationError

from keloia.adapters.rules import (
    coverage,
    dates,
    followup,
    hearsay,
    money,
    pairs,
    several,
    statement,
)
from keloia.adapters.rules.bali import in_bali_read
from keloia.adapters.rules.banjar import in_banjar_read
from keloia.adapters.rules.betawi import in_betawi_read
from keloia.adapters.rules.corrections import (
    correction_fields,
    help_topic,
    last_record_fields,
    not_negated,
)
from keloia.adapters.rules.costs import find_cost_type
from keloia.adapters.rules.english import in_english_read
from keloia.adapters.rules.fields import (
    completeness_cap,
    days_count,
    fields_for,
    papers_also_asked,
    papers_in_hand,
    said_per_unit,
)
from keloia.adapters.rules.gazetteer import PLACE_RE, PLACES
from keloia.adapters.rules.intents import (
    ASKED_ELSEWHERE_FIRST_RE,
    BACK_IN_FULL_RE,
    BOOKING_WORD_RE,
    CALLED_OFF_STILL_GOES_RE,
    CANCEL_RE,
    CORRECTION_RE,
    DECLINE_RE,
    DONT_APART_RE,
    DP_FORFEITED_RE,
    EH_DONT_APART_RE,
    HOLD_OFF_RE,
    HOLIDAY_WORD_RE,
    HOLIDAYS_RE,
    LEBARAN_RE,
    NOT_YET_SAID_RE,
    PROMISE_RE,
    QUESTION_RE,
    RETRACT_RE,
    SCHOOL_BREAK_RE,
    TAKE_BACK_JUST_RE,
    THE_BOOKING_RE,
    TRIP_DONE_RE,
    TRIP_ENDED_RE,
    Signals,
    arrived_away,
    classify,
    costs_listed,
    pending_reply,
)
from keloia.adapters.rules.krama import in_krama_read
from keloia.adapters.rules.makassar import in_makassar_read
from keloia.adapters.rules.names import NOT_A_PERSON
from keloia.adapters.rules.ngapak import in_ngapak_read
from keloia.adapters.rules.ngoko import in_ngoko_read
from keloia.adapters.rules.papers import PAPER_HELD_RE, paper_request
from keloia.adapters.rules.reading import Found, find_all, of_the_team, signals
from keloia.adapters.rules.relay import (
    addressed_request,
    all_of_role,
    called,
    collect_asked,
    recipient_answer,
    recipient_instead,
    recipient_put_right,
    recipients_answer,
    relay_request,
    road_task_for,
    trip_time,
    unaddressed,
)
from keloia.adapters.rules.spelling import as_spelt
from keloia.adapters.rules.sumatra import in_sumatra_read
from keloia.adapters.rules.sunda import in_sunda_read
from keloia.adapters.rules.takenback import person_put_right, taken_back, values_put_right
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.times import find_times
from keloia.adapters.rules.vocabulary import (
    ALREADY,
    ARRIVE,
    CALLED_OFF,
    DEPART,
    ESTIMATE,
    IF_OR_MAYBE,
    NOT_THIS,
    PAY,
    SLIP_OPENED,
    TEAM_TITLE,
    TRANSFER,
    word_re,
)
from keloia.adapters.rules.voice import in_voice_read, units_said
from keloia.domain.model.clients import mentioned, name_key, same_client
from keloia.domain.model.conversation import (
    SLIP_RE,
    asks_number,
    plain_yes,
    yes_after_all,
    yes_naming_it,
    yes_with_own_verb,
)
from keloia.domain.model.fleet import MaintenanceType, bus_number
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    INTENTS,
    QUERY_INTENTS,
    SURE_READING,
    ExtractedFields,
    Extraction,
    ExtractionContext,
    Intent,
    IntentKind,
)
from keloia.domain.model.moves import (
    WEEKDAY_RE,
    WEEKDAYS,
    moves_the_day,
    put_off_undated,
    shift_said,
)
from keloia.domain.model.news import MONEY_LATER_RE, uncancelled
from keloia.domain.model.papers import PaperKind
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.promises import ARRIVED, NOT_IN
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import SHORT_MONTHS

log = logging.getLogger("keloia.rules")

# A yes that says the cancellation again ("iya batalin aja, ..."); and a cancellation
# refused ("jgn dibatalin", "ga jadi batal").
_CANCEL_AGREED_RE = re.compile(
    # ("iya bener, cancel aja": yes said twice before it.)
    # ("yakin, batalin aja": sure of it.)
    r"\W*(?:(?:iya|iyo|ya|yes|ok|oke|okey|betul|bener|nggih|muhun|heeh|hooh|enggih|yakin|fix)\W+)+"
    r"(?:udh\s+|udah\s+|wis\s+)?"
    r"(?:batalin|batalkan|batalke|batalkeun|batalno|dibatalin|dibatalkan|cancel)\b"
)
_CANCEL_REFUSED_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|jgn|jangan|ojo|ora|tidak|tdk|ulah|sanes)\s+(?:jadi\s+|jd\s+)?"
    r"(?:di)?(?:batal|cancel)"
    # ("iya batalin, eh ga jd, salah orang", "iya batalin aja ga usah": taken back at once;
    # "orangnya ga jd" is the client's, why it is cancelled.)
    r"|\b(?:eh|ehh|loh|lho|wait|bentar)\W+(?:\w+\W+)?(?:ga|gak|nggak|jgn|jangan|ojo|salah)\b"
    r"|\b(?:ga|gak|nggak|ngga)\s+usah\b|\bgausah\b|\bsalah\s+orang\b"
)
# The proposal waiting, named before the reply to it: "yg kedua", "yg ini", "yg terakhir".
_THIS_ONE_RE = re.compile(r"^\W*(?:yg|yang)\s+(?:kedua|ke\s*2|ini|itu|terakhir|barusan)\W+")
_NOT_GOING_RE = re.compile(r"\b(?:ga|gak|nggak|ngga)\s+(?:jadi|jd)\b")
# Whose "ga jadi" it is: the client's ("orangnya udh pasti ga jd") says why it is cancelled.
_THE_PARTY_RE = re.compile(
    r"\b(?:orang\w*|dia|beliau|rombongan\w*|klien\w*|tamu\w*|mereka|acara\w*)\b"
)


def _cancel_refused(lower: str) -> bool:
    """Whether a yes to a waiting cancellation is taken back in the same message."""
    if _CANCEL_REFUSED_RE.search(lower):
        return True
    return any(
        not _THE_PARTY_RE.search(lower[max(0, m.start() - 25) : m.start()])
        for m in _NOT_GOING_RE.finditer(lower)
    )


def _names_own_party(intent: Intent, found: Found) -> bool:
    """A new action while another waits names what it is about: a client ("pak Wawan dp
    2jt"), or a bus and the work done on it ("bus 03 ganti oli 900rb" while a DP waits), a
    bus's (or a driver's) paper or a bus's reading, or a bus into or out of the workshop
    ("bus 02 masuk bengkel tgl 2 sampe 3" while a booking's change waits), which no
    correction of the waiting one says."""
    if found.client is not None:
        return True
    if intent is Intent.UPDATE_BUS_STATUS:
        return bool(found.buses)
    if intent in (Intent.RECORD_DOCUMENT, Intent.RECORD_ODOMETER):
        # "stnk bus 02 udh diperpanjang smp 12 feb", "bus 03 km 151.800" while a booking's
        # change waits: a bus's paper or reading, never that booking's bus or days.
        return bool(found.buses or found.team_member or found.driver)
    return intent is Intent.LOG_MAINTENANCE and bool(found.buses and found.maintenance_type)


# "bu dewi jg udh tf": "juga" right after a name says that party did the same, too.
# ("bu dewi udh tf jg", "bu dewi tuh jg udh tf": a word or two may come first.)
_TOO_AFTER_NAME_RE = re.compile(r"^\W*(?:[a-z]+\s+){0,2}?(?:jg|jga|juga|jug|uga|jugak|pun)\b")


def _another_party_too(pending: Extraction, found: Found) -> bool:
    """ "bu dewi jg udh tf" while Pak Hendra's payment waits: another client did the same
    thing too, a request of its own, never his waiting payment moved to her."""
    waiting = pending.fields.client_name
    if not waiting or found.client is None:
        return False
    if not _TOO_AFTER_NAME_RE.match(found.lower[found.client.end :]):
        return False
    if PROMISE_RE.search(found.lower):
        return False  # "bu dewi jg mau tf besok": her money to come, nothing to propose
    # "pak hendra jg tf 1jt" while his 2jt waits: a second payment of his, with its amount.
    return not same_client(found.client.text, waiting) or bool(found.money)


# Words that put a value right rather than tell something new ("eh", "bukan", "ding", "yg").
_PUT_RIGHT_MARK_RE = re.compile(
    r"\b(?:eh+|bukan|bkn|dudu|sanes|salah|keliru|ding|deng|dink|harusnya|hrsnya|seharusnya"
    r"|maksudnya|maksud|bener\w*|ralat|ganti|diganti|jadi|jd|yg|yang|sing|itu|iku|niku)\b"
)


def _another_payment_told(pending: Extraction, found: Found) -> bool:
    """Another client named with another amount, and no word putting the waiting payment
    right: a payment of its own."""
    waiting = pending.fields.client_name
    if pending.intent is not Intent.RECORD_PAYMENT or not waiting or found.client is None:
        return False
    if same_client(found.client.text, waiting) or len(found.money) != 1:
        return False
    if found.money[0].value == pending.fields.amount:
        return False
    return not _PUT_RIGHT_MARK_RE.search(found.lower)


# "fwd dr bu lina:", "diteruskan dari pak harjo:": whose message is pasted after it.
_FORWARDED_FROM_RE = re.compile(
    r"\W*(?:fwd|fw|forward|forwarded|diteruskan|terusan|pesan|chat|wa)\s+(?:dr|dari)\s+"
    r"(?P<who>(?:bu|ibu|pak|bapak|mbak|mba|mas|kak|bang)\s+[a-z]+(?:\s+[a-z]+)?)\s*:",
    re.IGNORECASE,
)
# "totalnya jadi brp?", "total semua piro? sisa brp": the sum (and what is left) alone asked.
_LEFT = r"sisa|sisanya|sisane|kurang|kurangnya"
_SUM_ASKED = (
    rf"(?:total|totalnya|totale|jumlahnya|jumlahe|{_LEFT})\s+"
    r"(?:(?:jadi|jd|dadi|semua|smua|kabeh|sekarang|skrg)\s+)*(?:brp|berapa|brapa|piro|pira|sabaraha)"
    r"(?:\s+(?:jadi|jd|semua|smua|kabeh|ya|pak|bu|mbak|mas|min))*"
)
_TOTAL_ALONE_RE = re.compile(
    rf"\W*(?:(?:trs|terus|jadi|jd|lha|nah|ok|oke|mbak|pak|bu|mas|min)\W+)*{_SUM_ASKED}"
    rf"(?:\W+{_SUM_ASKED})*\W*",
    re.IGNORECASE,
)
_LEFT_ASKED_RE = re.compile(rf"\b(?:{_LEFT})\b", re.IGNORECASE)
# Answers whose own total a bare "totalnya brp" asks (who owes, money in, costs, profit).
_SUMS_OF_THEIR_OWN = frozenset(
    {Intent.QUERY_OUTSTANDING, Intent.QUERY_INCOME, Intent.QUERY_TRIP_COSTS, Intent.QUERY_PROFIT}
)
# The one to be asked spoken of in the question: "dia tf brp", "orangnya jadi ga".
_THEM_ASKED_RE = re.compile(r"\b(?:dia|dianya|beliau|orangnya|mereka|mrk)\b")
# "kata pak budi ...", "jare bos ...": whose say-so the request reports, opening it.
_SAY_SO_RE = re.compile(
    r"\W*(?:kata|kt|jare|jarene|ceuk|menurut|mnrt)\s+(?:(?:pak|bu|mas|mbak|mba|mbok)\s+)?"
    r"(?P<who>[a-z]+)\s*[,:]?\s+",
    re.IGNORECASE,
)


def _of_the_office(who: str, context: ExtractionContext) -> bool:
    """Whether `who` is the owner or one of the PO's people, or the boss called so."""
    if who.lower() in ("bos", "boss", "owner", "pemilik", "juragan"):
        return True
    return called(who.lower(), context.team_names) is not None


def _stand_in_for_absent(whole: Extraction, readings: list[Extraction]) -> Extraction | None:
    """ "joko besok ga bisa, PKK ganti slamet aja": a teammate said away (why), then who
    drives the trip instead: the change of crew is the request."""
    changes = [r for r in readings if r.intent is Intent.UPDATE_BOOKING and r.fields.driver]
    away = [r for r in readings if r.fields.detail == "absent"]
    if len(changes) != 1 or not away or len(changes) + len(away) != len(readings):
        return None
    whole_said = whole.fields.driver and whole.fields.client_name
    if whole.intent is not Intent.UPDATE_BOOKING or whole_said:
        return None
    if changes[0].confidence < SURE_READING:
        return None
    # The one away is whose seat the newcomer takes ("wahyu besok ga bisa, ..." where Wahyu
    # is the kernet: the kernet's seat, never the driver's).
    absent = away[0].fields.driver
    return changes[0].model_copy(update={"crew_of": absent}) if absent else changes[0]


def _bus_wanting_crew(readings: list[Extraction]) -> Extraction | None:
    """ "tgl 1 sopir yg kosong siapa? bus 04 blm ada sopir": who is free that day asked, then
    the bus without a driver said after it (why): one question, for that bus's trip, as
    "bus 04 tgl 6 blm ada sopir, yg free siapa" is."""
    if len(readings) != 2:
        return None
    asked, told = readings
    if (
        asked.intent is not Intent.QUERY_FREE_BUSES
        or asked.fields.detail not in ("crew", "kernet")
        or asked.fields.bus is not None
        or told.intent is not Intent.QUERY_SCHEDULE
        or told.fields.detail != "no_driver"
        or told.fields.bus is None
        or set(told.fields.stated()) != {"bus", "detail"}
    ):
        return None
    fields = asked.fields.model_copy(update={"bus": told.fields.bus})
    return asked.model_copy(update={"fields": fields})


def _new_trip_told(pending: Extraction, intent: Intent, sig: Signals) -> bool:
    """ "ada booking tgl 20 des jogja-solo 5jt" while a payment waits: a trip told with its
    route and day is a booking of its own, whoever's it is (no client named: asked), never
    a change of what waits when what waits has no route (a payment, a cost...)."""
    if intent is not Intent.CREATE_BOOKING or "route_to" in INTENTS[pending.intent].fields:
        return False
    return sig.has_route and sig.n_dates > 0


def _says_the_change(pending: Extraction, intent: Intent, found: Found) -> bool:
    """A change of a booking waits with nothing to change yet ("Apa yang mau diubah?"), and
    the message names what, of the same client or of none: it completes the waiting one."""
    said = set(pending.fields.stated()) - {"client_name", "ref_date"}
    if pending.intent is not Intent.UPDATE_BOOKING or intent is not Intent.UPDATE_BOOKING or said:
        return False
    named = pending.fields.client_name
    same = found.client is None or (named or "").casefold() == found.client.text.casefold()
    return same and bool(set(fields_for(intent, found)) - {"client_name", "ref_date"})


_CALLED_OFF_RE = word_re(CALLED_OFF)
# "bu dewi ga jadi berangkat": the trip itself not going ahead, as "ga jadi sewa" is.
_TRIP_NOT_GOING_RE = re.compile(rf"{_CALLED_OFF_RE.pattern}\s+(?:{DEPART})\b")
_BOOKING_CALLED_OFF_RE = re.compile(
    rf"{THE_BOOKING_RE.pattern}\s+(?:(?:nya|juga|jg)\s+)?(?:batal\w*|dibatal\w*|cancel\w*)\b"
)


# "ttp tgl 4 katanya": the day the trip keeps, its own (so of what waits to move it).
_DAY_KEPT_RE = re.compile(r"\b(?:tetep|tetap|ttp|tetp)\s+(?:(?:di|pada)\s+)?$")


def _of_the_waiting(pending: Extraction, found: Found) -> bool:
    """The message names no client and no day but those of what waits (or the day a trip
    waiting to move keeps: "eh ga jadi, ttp tgl 4 katanya")."""
    named = pending.fields.client_name
    if found.client is not None and not (named and same_client(found.client.text, named)):
        return False
    days = {pending.fields.depart_date, pending.fields.ref_date}
    moving = pending.intent is Intent.UPDATE_BOOKING
    return all(
        d.date in days or (moving and _DAY_KEPT_RE.search(found.lower, 0, d.start))
        for d in found.dates
    )


_REFUSED_PERSON_RE = re.compile(
    r"\b(?:bukan|bkn|dudu)\s+(?:yg\s+|punya\s+)?(?P<who>(?:pak|bu|ibu|bapak|mbak|mas)\s+[a-z]+|[a-z]+(?:\s+[a-z]+)?)"
)


def _waiting_client_refused(pending: Extraction, lower: str) -> bool:
    """ "bukan bu rina, ..." while Bu Rina's payment waits: its client said wrong."""
    whose = pending.fields.client_name
    said = _REFUSED_PERSON_RE.search(lower)
    return bool(whose and said and same_client(said["who"], whose))


# "1,5jt bukan 1jt": a sum, then the one it replaces.
_SUM_PUT_RIGHT_RE = re.compile(
    r"\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)\b\s*[,.]?\s*(?:bukan|bkn|dudu)\s+\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\b"
)
# What waits that seats the crew of a trip: a "ga bisa" may answer it.
_CREW_SEATED = frozenset(
    {
        Intent.CREATE_BOOKING,
        Intent.UPDATE_BOOKING,
        Intent.DECLINE_TRIP,
        Intent.OFFER_TRIP,
        Intent.RETRACT_DECLINE,
    }
)


# "eh sik, bus 03 durung tekan garasi", "blm nyampe pak": the trip is not over yet, said
# as the whole message (a wait word, the bus, then the not-yet).
_NOT_BACK_YET_RE = re.compile(
    r"\W*(?:(?:eh|ehh|bentar|sik|sek|tunggu|lho|loh|wah|pak|bu|mas|mbak)\W+)*"
    r"(?:(?:bus|bis)\s*\w+\s+|busnya\s+|buse\s+|rombongan\w*\s+)?(?:blm|belum|belom|durung|dereng|urung)"
    rf"\s+(?:{ARRIVE}|dugi|pulang|balik|mulih|wangsul|kondur)"
    r"(?:\s+(?:ke\s+|di\s+|nang\s+|neng\s+)?(?:garasi|pool|kantor|parkiran|base))?"
    r"(?:\s+(?:pak|bu|mas|mbak|ya|yo|kok|lho|loh))*\W*"
)
_CHOSEN_INSTEAD_RE = re.compile(
    r"[,.!]\s*(?P<who>[a-z]{3,15})\s+(?:aja|saja|wae|ae|ae?lah)\b"
    # "eh bukan, slamet": the no, then only the one meant.
    r"|^\W*(?:(?:eh|ehh|oh|waduh|maaf)\W+)?(?:bukan|bkn|dudu|sanes|salah)\s*[,.!]\s*"
    r"(?P<only>[a-z]{3,15})\W*$"
)


# A startled opener before a short correction: "eh ", "oh iya, ", "maaf ".
_OPENER = r"(?:(?:eh|ehh|oh|o|iya|maaf|sori|sorry|ralat|waduh)\W+)*"
# "kernetnya bukan wahyu, dimas", "sopire dudu joko tapi slamet": the crew seat of what
# waits put right, the one refused named as it stands there.
_SEAT_PUT_RIGHT_RE = re.compile(
    rf"\W*{_OPENER}(?P<role>sopir|supir|driver|kernet|kenek)(?:nya|ne|e|\s+n?e)?\s+(?:bukan|bkn|dudu|sanes)\s+"
    r"(?:(?:pak|mas|bang|kang)\s+)?(?P<old>[a-z]{3,15})\s*(?:,|\btapi\b|\btp\b|\btpi\b)\s*"
    r"(?:(?:pak|mas|bang|kang)\s+)?(?P<new>[a-z]{3,15})(?:\s+(?:aja|saja|wae|ae|ya|pak|bu|mbak))*\W*"
)
# The DP of what waits said not paid yet: "dp nya blm masuk", "dp e durung ditf".
_DP_NOT_IN_RE = re.compile(
    r"\b(?:dp|dpnya|dpne|dp\s+nya|dp\s+e)\s+(?:\w+\s+)?(?:blm|belum|durung|dereng|blom)\s+"
    r"(?:masuk|msk|di\w*|tf|trf|transfer|bayar|cair|ada)\b"
)
# "ga nginep, pulang hari" while a trip of two days waits: back the day it goes.
_NO_STAY_RE = re.compile(
    rf"\W*{_OPENER}(?:ga|gak|nggak|ngga|tidak|tdk|ora|kagak|ndak)\s+(?:jadi\s+|jd\s+)?"
    r"(?:nginep|nginap|menginap|nginjen)\W*(?:(?:pulang\s+hari|pp|sehari|langsung\s+pulang"
    r"|balik\s+hari)\W*)?(?:(?:aja|saja|wae|ya|pak|bu|mbak)\W*)*"
)


# A tag closing a statement into a question: "..., nggih pak", "... ya?", "... kan".
_TAG_CLOSING_RE = re.compile(
    r"\b(?:nggih|nggeh|njih|ya|yo|kan|to|tho|ta|toh)\b(?:\s+(?:pak|bu|mas|mbak|bos|min))?\W*$"
)


def _pickup_checked(
    reading: Extraction, text: str, context: ExtractionContext
) -> Extraction | None:
    """A driver's "dadi kumpul balai desa jam setengah 6 nggih pak": his trip's pickup said
    back to check it, a question (his card answers it), never a change he cannot make."""
    said = set(reading.fields.stated())
    if (
        context.role is not Role.DRIVER
        or context.pending is not None
        or reading.intent is not Intent.UPDATE_BOOKING
        or not said & {"pickup_place", "depart_time"}
        or not said <= {"pickup_place", "depart_time", "client_name", "ref_date"}
        or not _TAG_CLOSING_RE.search(text.lower())
    ):
        return None
    asked: dict[str, Any] = {"detail": "pickup"}
    if reading.fields.client_name:
        asked["client_name"] = reading.fields.client_name
    if reading.fields.ref_date:
        asked["date"] = reading.fields.ref_date.isoformat()
    return Extraction(
        intent=Intent.QUERY_SCHEDULE,
        confidence=0.8,
        source="rules",
        fields=ExtractedFields.model_validate(asked),
    )


def _costs_of_trips_apart(readings: list[Extraction]) -> list[Extraction] | None:
    """ "solar trip bu rina yg ke solo 650rb, tol masjid hr ini 280rb": each clause the cost
    of a trip of its own client, one proposal each (read whole, the day of one was taken as
    the other's)."""
    clients = [r.fields.client_name for r in readings]
    if any(
        r.intent is not Intent.RECORD_TRIP_COST or r.confidence < SURE_READING for r in readings
    ) or any(not c for c in clients):
        return None
    if len({name_key(c or "") for c in clients}) != len(clients):
        return None  # one trip's costs listed clause by clause: one proposal
    return readings


def _stay_or_seat_put_right(
    pending: Extraction, lower: str, team: tuple[str, ...]
) -> dict[str, Any] | None:
    """The one value of what waits put right by a short message: a crew seat
    (_SEAT_PUT_RIGHT_RE), a waiting booking's DP not in yet (_DP_NOT_IN_RE), a night away
    called off (_NO_STAY_RE); None when the message says more or asks, or names no value
    that waits. The one put in the seat is named ("sopirnya bukan joko, sakit" names
    nobody)."""
    seat = _SEAT_PUT_RIGHT_RE.fullmatch(lower) if "?" not in lower else None
    if seat is not None:
        field = "kernet" if seat["role"] in ("kernet", "kenek") else "driver"
        now = getattr(pending.fields, field)
        named = [now] if isinstance(now, str) else list(now or [])
        new = seat["new"]
        someone = new in {name_key(t) for t in team} or (
            new not in STOP_WORDS | PLACES | NOT_A_PERSON | _NOT_SOMEONE | _NO_STAND_IN
        )
        if len(named) == 1 and seat["old"] == name_key(named[0]) and someone:
            return {field: new.title()}
    stay = pending.fields
    if (
        pending.intent is Intent.CREATE_BOOKING
        and stay.dp_amount
        and not stay.dp_promised
        and _DP_NOT_IN_RE.search(lower)
        # (An amount or a way said with it is a fuller correction: "..., janji tf besok 1jt".)
        and not re.search(r"\d", lower)
        and "?" not in lower
    ):
        # "eh dp nya blm masuk ding, katanya mau tf besok" while a new booking with its DP
        # waits: the DP only promised, never recorded as paid.
        return {"dp_promised": True}
    if (
        _NO_STAY_RE.fullmatch(lower)
        and stay.depart_date is not None
        and stay.return_date is not None
        # (Of a trip of two days: "ga nginep" on a longer one is no hotel, no shorter trip.)
        and (stay.return_date - stay.depart_date).days == 1
    ):
        return {"return_date": stay.depart_date.isoformat()}
    return None


def _chosen_instead(holding: str, team: tuple[str, ...]) -> str | None:
    """ "eh ojo, slamet wae", "eh bukan, slamet": someone chosen instead (the word as
    written): one of the team when the team is known, else a word that is no everyday word
    nor a place (never "nanti aja", "tetep aja", "dieng aja")."""
    said = _CHOSEN_INSTEAD_RE.search(holding)
    if said is None:
        return None
    who = said.group("who") or said.group("only")
    if team:
        return who if who in team else None
    return None if who in STOP_WORDS | _NOT_SOMEONE | PLACES else who


# Said after "bukan joko," where a stand-in's name would be: why, or no one yet.
_NO_STAND_IN = frozenset(
    [
        *("sakit", "cuti", "izin", "ijin", "lupa", "salah", "keliru", "maaf", "sorry", "sori"),
        *("terserah", "ternyata", "saya", "aku", "sy", "gue", "sendiri", "serep", "cadangan"),
        *("tembak", "freelance", "anaknya", "adiknya", "istrinya", "orangnya"),
    ]
)
_NOT_SOMEONE = frozenset(
    [
        "nanti",
        "ntar",
        "mengko",
        "ngko",
        "sesuk",
        "besok",
        "bsk",
        "lusa",
        "biar",
        "hapus",
        "skip",
        "pending",
        "tunda",
        "tundain",
        "gausah",
        "dulu",
        "sik",
        "sek",
        "batalin",
        "cancel",
        "sudah",
        "udah",
        "wis",
        "yaudah",
        "diem",
        "diam",
        "tetep",
        "tetap",
        "gitu",
        "gini",
        "kosongin",
        "nunggu",
        "nyusul",
        "sore",
        "pagi",
        "siang",
        "malam",
    ]
)


_NO_KEEPS_AS_IS_RE = re.compile(
    r"\W*(?:ga|gak|gk|nggak|ngga|enggak|engga|ora|ndak|jangan|jgn|ojo|mboten)\W+"
    r"(?!(?:papa|pa2|apa2|apa|popo|opo|masalah|lupa|usah|kok)\b)(?:[a-z]+\s+){0,3}?(?:tetep|tetap|ttp)\s+(?:pake\s+|pakai\s+)?(?:bus|bis|unit)?\s*\w+"
    r"(?:\W+(?:aja|saja|wae|ae|ya|pak|bu|mbak|mas|sar|min))*\W*$"
)
# A value asked back: "3,8jt kan?", "2jt to?" (never "harusnya 1,5jt ya?", a value put right
# with a tag).
_ASKED_BACK_RE = re.compile(
    r"\s*(?:jt|juta|rb|ribu|k)?\s*(?:kan|to|tho|bukan|bkn|ta|toh|gitu)(?:\s+(?:pak|bu|mbak|mas))?\s*\?"
)
_MORE_STILL_RE = re.compile(r"\b(?:lagi|lg|malih|maneh|meneh|mene|maning|deui)\b")
_AFTER_TODAYS_RE = re.compile(
    r"\b(?:abis|habis|sesudah|setelah|bar|sakwise|sawise)\b(?!\s+ini\b).*\b(?:brikut\w*|berikut\w*|selanjut\w*"
    r"|sabanjure|abis\s+ini|habis\s+ini)\b"
)


# ("harga bu sri jd 7,5jt ya, udh deal": the price agreed, no booking confirmed.)
_PRICE_FIELDS = frozenset({"price", "price_per_bus", "discount", "discount_percent"})


_WORKSHOP_OF_BUS_RE = re.compile(
    r"\b(?:bengkel\w*|servis|service|dibengkelke|dibengkelin)\s+(?:bus|bis|unit)\s*\d"
    r"|\b(?:bus|bis|unit)\s*\d+\s+(?:(?:masuk|mlebu|msk|ke)\s+)?bengkel"
)
_INSTEAD_WORD_RE = re.compile(r"\b(?:aja|wae|ae|saja|pake|pakai|ganti|diganti|gantinya)\b")
# What a bare "batal, ..." opening drops ("batal ya, dp nya hangus" while a cancellation
# waits is a yes to it).
_RECORDS_CALLED_OFF = frozenset(
    {
        Intent.RECORD_TRIP_COST,
        Intent.RECORD_ODOMETER,
        Intent.LOG_MAINTENANCE,
        Intent.RECORD_DOCUMENT,
        Intent.UPDATE_BUS_STATUS,
    }
)


def _crew_checked(text: str, team: tuple[str, ...]) -> bool:
    """ "joko yg bawa kan?": one of the PO's people said to drive, asked back."""
    low = text.lower()
    return any(
        re.search(
            rf"\b{re.escape(name.lower().split()[0])}\s+(?:yg|yang|sing)\s+(?:bawa|nyopir|nyupir"
            r"|narik|pegang|megang|nggowo)\b[^?]*\?",
            low,
        )
        for name in team
        if name.split()
    )


_BARE_CALL_OFF_RE = re.compile(
    r"\W*(?:batal|batalin|cancel|ga\s+jadi|gak\s+jadi|gajadi|ra\s+sido|ora\s+sido)"
    r"(?:\s+(?:aja|wae|ae|deh|dulu|dl|pak|bu|mas|mbak|ya))*\s*[,.!]"
)


# The payment itself called off, the trip going on: "ga jadi dp, dp e dibalikin full, nanti
# langsung lunas", "ga jadi tf bca, ... trus bayar cash aja".
_PAYMENT_ITSELF_OFF_RE = re.compile(
    r"\b(?:ga|gak|gk|nggak|ora|batal)\s+(?:jadi|jd|sido)\s+(?:dp|tf|transfer|trf|bayar|byr)\b"
    r"|\b(?:nanti|ntar|mengko|trus|terus)\s+(?:\w+\s+)?(?:lunas\w*|bayar|byr|tf|transfer)\b"
)


def _calls_off_proposal(pending: Extraction, intent: Intent, found: Found) -> bool:
    """ "eh bentar ga jadi, pak joni mau mikir2 dulu" while his new booking waits: the
    booking was never saved, so cancelling it is dropping the proposal. While a payment or
    a change of a saved booking waits, only a "ga jadi" saying nothing of the trip ("eh ga
    jadi ganti bus, pak hendra tetep bus 02", "ga jadi, bu dewi blm tf") drops it; "bu dewi
    ga jadi sewa" still cancels her trip. A cancel naming another client or another day
    is a cancellation of its own."""
    if intent is not Intent.CANCEL_BOOKING:
        return False
    opening = _BARE_CALL_OFF_RE.match(found.lower)
    if (
        pending.intent in _RECORDS_CALLED_OFF
        and opening
        and not BOOKING_WORD_RE.search(found.lower)
        and not _CALLED_OFF_RE.search(found.lower, opening.end())
        and not CANCEL_RE.search(found.lower, opening.end())
    ):
        # "batal pak, wis dicatet mbak sari mau" while a toll waits: the no opens the
        # message, what follows is why; no booking is talked of.
        return True
    if pending.intent is not Intent.CREATE_BOOKING:
        of_saved = pending.intent in (Intent.RECORD_PAYMENT, Intent.UPDATE_BOOKING)
        # "yg pak hendra batal aja, ternyata blm masuk" while his payment waits: the money
        # not in calls the payment off, as "ga jadi" does.
        not_in = pending.intent is Intent.RECORD_PAYMENT and _NOT_PAID_RE.search(found.lower)
        if not of_saved or not (_CALLED_OFF_RE.search(found.lower) or not_in):
            return False
        # ("bu dewi ga jadi pak, bookingnya batal" just after her DP: the booking itself
        # called off; "..., bookingnya tetap jalan" keeps it.)
        if (
            BOOKING_WORD_RE.search(found.lower)
            or _BOOKING_CALLED_OFF_RE.search(found.lower)
            or _TRIP_NOT_GOING_RE.search(found.lower)
        ):
            return False
        if DP_FORFEITED_RE.search(found.lower) or (
            BACK_IN_FULL_RE.search(found.lower) and not _PAYMENT_ITSELF_OFF_RE.search(found.lower)
        ):
            # "bu dewi ga jadi, cancel. dp nya hangus": her trip, the DP kept; "bu dewi
            # barusan telp, ga jadi. dp e dibalikin full" just after her DP: her trip called
            # off, the DP (which came in) given back.
            return False
    return _of_the_waiting(pending, found)


def _tells_off(pending: Extraction, intent: Intent, sig: Signals, found: Found) -> bool:
    """ "eh salah mbak, itu blm masuk. batal dulu" while a payment waits: the money is not
    in, what waits is called off. Its "blm" says what has not happened, it asks nothing (it
    would read as who owes), and a cancel word naming no other client, day, amount or
    booking is a no to what waits, not a correction ("rekening" is no new method)."""
    if INTENTS[intent].kind is not IntentKind.QUERY or found.money:
        return False
    if not CANCEL_RE.search(sig.masked) or BOOKING_WORD_RE.search(sig.lower):
        return False
    if QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", sig.lower)):
        return False
    return _of_the_waiting(pending, found)


# The money of what waits not in: "blm masuk", "ga jadi tf", "belum ditransfer".
_NOT_PAID_RE = re.compile(rf"{NOT_IN}(?:{ARRIVED}|{TRANSFER}|{PAY})\b")


def _dropped_with_trip(pending: Extraction, sig: Signals, found: Found) -> Extraction | None:
    """ "blm masuk, bookingnya cancel aja" while a payment waits: the money never came and
    the trip it was for is called off. The payment is dropped (a no) and the cancellation of
    its booking follows it (`more`), proposed with the policy's fee as any cancellation. The
    trip must be named ("bookingnya", "tripnya", "sewanya"): "blm masuk, batal dulu" only
    drops the payment."""
    if pending.intent is not Intent.RECORD_PAYMENT or found.money:
        return None
    if pending.fields.payment_type is PaymentType.REFUND or not _of_the_waiting(pending, found):
        return None
    not_paid = _NOT_PAID_RE.search(sig.lower)
    cancel = CANCEL_RE.search(sig.masked)
    if not_paid is None or cancel is None or not THE_BOOKING_RE.search(sig.lower):
        return None
    if QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", sig.lower)):
        return None  # "blm masuk, bookingnya jadi batal?" asks
    f = pending.fields
    trip = {k: v for k, v in (("client_name", f.client_name), ("ref_date", f.ref_date)) if v}
    cancelled = Extraction(
        intent=Intent.CANCEL_BOOKING,
        confidence=0.88,
        source="rules",
        fields=ExtractedFields.model_validate(trip),
    )
    no = Extraction(intent=Intent.REJECT, confidence=0.9, source="rules")
    return no.model_copy(update={"more": (cancelled,)})


# "yg 2jt itu buat bu dewi", "2jt nya punya bu dewi": a share of the money for another.
_SHARE_FOR_RE = re.compile(r"\b(?:buat|untuk|utk|punya|punyanya|milik|masuk\s+ke|ke)\s+$")


_STILL_DRIVES_RE = re.compile(
    r"\b(?P<who>[a-z]{3,})\s+(?:tetep|tetap|ttp|tetp)\s+(?:(?:yg|sing|yang)\s+)?"
    r"(?:nyopir|nyetir|nyupir|bawa|nggowo|sopir\w*|supir\w*|driver\w*)\b"
)


def _seat_given_instead(pending: Extraction, corrected: dict[str, Any]) -> bool:
    """A crew member named for a seat the waiting change fills with someone else."""
    f = pending.fields
    return any(
        corrected.get(seat) and name_key(str(corrected[seat])) != name_key(had or "")
        for seat, had in (("driver", f.driver), ("kernet", f.kernet))
        if had
    )


def _bus_swapped(pending: Extraction, found: Found) -> Extraction | None:
    """ "bukan srikandi, pake nakula" while a booking on Srikandi waits: the bus it was
    given, then the one it should have, which may be a name the rules do not know."""
    had = pending.fields.bus
    if not had:
        return None
    said = _BUS_SWAPPED_RE.fullmatch(found.lower)
    if said is None or said["had"] != " ".join(had.lower().split()):
        return None
    name = said["name"]
    if name in STOP_WORDS or name == said["had"]:
        return None
    return Extraction(
        intent=Intent.CORRECT, confidence=0.85, source="rules", fields=ExtractedFields(bus=name)
    )


def _bus_in_workshop_owned(pending: Extraction, found: Found) -> Extraction | None:
    """ "oh msh di bengkel to, bus 03 aja" while a booking on Bus 05 (in the workshop) waits:
    the workshop owned as known, then the bus the booking takes instead. Nothing is put in
    the workshop: "masih" says the bus already is."""
    had = pending.fields.bus
    if pending.intent not in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING) or not had:
        return None
    still = _STILL_IN_WORKSHOP_RE.search(found.lower)
    if still is None or found.money or found.dates or found.client or "?" in found.lower:
        return None
    old = _bus_said_key(had)
    others = [b for b in found.buses if _bus_said_key(b.text) != old]
    if len(others) != 1 or others[0].start < still.end():
        return None
    rest = re.findall(r"[a-z0-9]+", (found.masked or found.lower)[still.end() :])
    if any(w not in _WORKSHOP_OWNED_WORDS for w in rest):
        return None
    return Extraction(
        intent=Intent.CORRECT,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields(bus=others[0].text),
    )


def _workshop_days_moved(
    pending: Extraction, corrected: dict[str, Any], found: Found
) -> Extraction | None:
    """ "geser seminggu aja, tgl 22 smp 24", "jgn minggu ini, abis imlek aja. tgl 18 masuk"
    while a bus's workshop stay waits: the days it goes in instead, never a trip moved nor
    a no. Only days said by number, in a clause that says them as the stay's ("tgl 22 smp
    24", "tgl 18 masuk", "mulai tgl 20 aja"); never a week or a feast refused or given as
    why, a day refused ("bukan tgl 26"), the day of a trip given as why ("tgl 19 bus 02 ada
    trip, masuk tgl 21 aja"), nor a yes with word of the day ("ya bener, nanti tgl 20 saya
    ambil")."""
    # (A repair booked in for days to come is such a stay: "srikandi servis tgl 5-8 des".)
    stay = pending.intent is Intent.UPDATE_BUS_STATUS or (
        pending.intent is Intent.LOG_MAINTENANCE and pending.fields.date_to is not None
    )
    if not stay or pending.fields.date is None:
        return None
    # (A repair's correction reads its days as the day of the work: the days are read here,
    # only when said as the stay moved or begun: "servise mundur wae 10-11 des".)
    moved = (
        pending.intent is Intent.LOG_MAINTENANCE
        and _STAY_MOVED_RE.search(found.lower) is not None
        and _OTHER_THING_MOVED_RE.search(found.lower) is None
    )
    dated = "date" in corrected or bool(moved and found.dates)
    if not dated or found.client is not None or found.money or "?" in found.lower:
        return None
    if QUESTION_RE.search(found.lower):
        return None  # "tgl 2 bus kosong apa aja": asked, no day of the stay
    if any(_bus_said_key(b.text) != _bus_said_key(pending.fields.bus or "") for b in found.buses):
        return None
    if _YES_OPENS_RE.match(found.lower):
        return None
    days = [
        d
        for d in found.dates
        # (A day by number, or tomorrow and the day after: "lusa smp tgl 4".)
        if re.search(r"\d|\b(?:lusa|besok|bsk|sesuk|besoknya)\b", found.lower[d.start : d.end])
        and not_negated(found, d.start, d.end)
        and not _BUSY_CLAUSE_RE.search(_clause_at(found.lower, d.start))
    ]
    if not any(_STAY_CUE_RE.search(_clause_at(found.lower, d.start)) for d in days):
        return None
    first, last = days[0], days[-1]
    if _UNTIL_BEFORE_RE.search(found.lower[: first.start]):
        fields = {"date_to": first.date.isoformat()}  # "smp tgl 2 aja": its last day
    else:
        fields = {"date": first.date.isoformat()}
        stop = first.end_date if first.end_date and first.end_date > first.date else None
        if last is not first:
            stop = last.end_date if last.end_date and last.end_date > last.date else last.date
        if stop is not None:
            fields["date_to"] = stop.isoformat()
        was_from, was_to = pending.fields.date, pending.fields.date_to
        if stop is None and was_from is not None and was_to is not None:
            # "tgl 28 masuk" for a stay of 18-20: as long a stay from the new day.
            fields["date_to"] = (first.date + (was_to - was_from)).isoformat()
    return Extraction(
        intent=Intent.CORRECT,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields.model_validate(fields),
    )


# "gausah dikoreksi", "ga usah diganti", "ga ada yg ganti": no change wanted.
_NO_CHANGE_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|enggak|tidak|tdk|ndak|ora|g)\s+(?:usah|usa|perlu|ada\s+(?:yg|yang))\s+"
    r"(?:di)?(?:ganti|ubah|rubah|koreksi|benerin|betulin|ganti2)\w*"
    r"|\b(?:gausah|gk\s+usah|gaperlu)\s+(?:di)?(?:ganti|ubah|rubah|koreksi|benerin)\w*"
)
# A change waiting (never a new record: "td udh bener 1jt. gausah dikoreksi" while a new
# payment waits says it is right).
_CHANGES = frozenset(
    {Intent.CORRECT_LAST, Intent.UPDATE_BOOKING, Intent.UPDATE_BUS, Intent.UPDATE_BUS_STATUS}
)
# What may stand before "ga usah diganti" for it to keep all that waits: nothing, a stop, or
# a remark ("tetep bus 05 aja deh, ..."); never a field ("bus ga usah diganti, jam 6 aja").
_KEPT_BEFORE_RE = re.compile(r"(?:^|[,.!]|\b(?:eh|udh|udah|bener|kok|deh|sih|dong))\W*$")


def _clause_at(text: str, at: int) -> str:
    """The clause (between commas, stops or line ends) holding position `at`."""
    start = max(text.rfind(c, 0, at) for c in ",.;\n") + 1
    ends = [i for i in (text.find(c, at) for c in ",.;\n") if i >= 0]
    return text[start : min(ends, default=len(text))]


_YES_OPENS_RE = re.compile(r"\W*(?:ya|iya|iyo|yo|ok|oke|okey|sip|siap|betul|bener|nggih)\b")
# "..., sisanya blm": the rest not paid yet, said after a value put right (never asked).
_REST_UNPAID_RE = re.compile(
    r"\s*[,.]\s*(?:sisa|sisanya|sisane|pelunasan\w*|lunas\w*)\s+(?:blm|belum|durung|dereng|nyusul"
    r"|nanti|ntar|ngko)\W*$"
)
# A bare no, a comma, then a short value and nothing else: "gak, 3 dino", "ga, tgl 6".
_NO_THEN_VALUE_RE = re.compile(
    r"\W*(?:gak|ga|gk|nggak|ngga|enggak|kagak|kaga|ora|ndak|tidak|tdk|bukan|bkn|no|dudu|sanes)"
    r"\s*,\s*(?!(?:masih|kurang|lebih|sisa|msh|krg)\b)"
    # ("kagak, cash nya blm", "ga, tf besok": the money not in yet, nothing put right.)
    r"(?![^,.;]*\b(?:blm|belum|durung|nanti|ntar|besok|bsk|lusa|error|gagal|kurang|masuk)\b)"
    # (A figure, or a way of paying: "kagak, cash".)
    r"(?=[^,.;]*(?:\d|\b(?:cash|tunai|transfer|tf|bca|bri|bni|mandiri|bsi|qris)\b))"
    r"(?:[a-z0-9.,]+\s*){1,3}"
    r"(?:(?:aja|saja|wae|ae|ya|pak|bu|mas|mbak|kang)\W*)*$"
)
# A fee said with a part, a share or a "but": not the fee that waits said again.
_FEE_QUALIFIED_RE = re.compile(
    r"\d|%|\b(?:tapi|tp|tpi|separo|separuh|setengah|sebagian|keringanan|dikit|sedikit)\b"
)
# The yes words opening a message with no comma after them: "iya bener diundur ke minggu".
_YES_RUN_RE = re.compile(
    r"\W*(?:(?:ya|iya|iyo|yo|ok|oke|okey|sip|siap|betul|bener|benar|nggih|leres|muhun)\W+)+"
)


def _weekday_of(value: str | None, text: str) -> bool:
    """Whether `text` names the weekday of the ISO date `value` (and no other day)."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return False
    named = {WEEKDAYS[w] for w in re.findall(WEEKDAY_RE, text)}
    # ("iya minggu yg depan", "ya diundur ke minggu sore": more than the day's name.)
    other = re.search(
        r"\b(?:depan\w*|dpn\w*|besok\w*|bsk|sore|pagi|siang|malam|mlm|lagi|lg)\b", text
    )
    return named == {day.weekday()} and not re.search(r"\d", text) and not other


_BUSY_CLAUSE_RE = re.compile(
    r"\b(?:ada\s+(?:trip|jadwal|carteran|booking|acara|sewa)|carteran|dibooking|dipake|dipakai"
    r"|kepake|narik|jalan\s+ke)\b"
)
# Not the stay but something else said to move: its payment, money, receipt, a driver.
_OTHER_THING_MOVED_RE = re.compile(
    r"\b(?:bayar\w*|byr\w*|duit\w*|uang\w*|nota\w*|kwitansi\w*|dp\w*|tf|transfer\w*|lunas\w*"
    r"|sopir\w*|supir\w*|libur|garansi\w*|kernet\w*)\b"
)
_STAY_MOVED_RE = re.compile(
    r"\b(?:mundur|undur|diundur|mundurin|geser|digeser|maju|majuin|dimajukan|pindah|dipindah"
    r"|masuk|masuknya|mlebu|mulai|mulainya)\b"
)
_STAY_CUE_RE = re.compile(
    r"\b(?:aja|saja|ae|wae|mawon|masuk|masuknya|mlebu|mulai|mulainya|smp|sampai|sampe|sd"
    r"|geser|mundur|undur|diundur|maju|majuin|pindah|keluar|ding|harusnya|bukan|bkn)\b"
)
_UNTIL_BEFORE_RE = re.compile(r"\b(?:smp|sampai|sampe|ampe|nganti|sd)\s+(?:tgl\s+|tanggal\s+)?$")


def _bus_said_key(name: str) -> str:
    """ "Bus 05", "bus 5", "bis lima" alike; a named bus by its name."""
    number = bus_number(name)
    return str(number) if number is not None else " ".join(name.casefold().split())


# "msh di bengkel to", "kan lagi diservis": the bus known to be in the workshop already.
_STILL_IN_WORKSHOP_RE = re.compile(
    r"\b(?:masih|msh|mash|lagi|lg|sedang|sdg|kan)\s+(?:di\s*)?(?:bengkel|servis|service"
    r"|perbaikan|diservis|dibengkel|opname)\b(?:\s+(?:to|tho|toh|ya|yo|kan|ternyata))*"
)
_WORKSHOP_OWNED_WORDS = words(
    """bus bis busnya pake pakai pakek ganti diganti jadi jd aja saja ae wae ajah deh dong ya
    yaudah yawis yowis wis sudah udah oke ok sip kalo klo gitu gt mbak mas pak bu min"""
)


def _crew_swapped(pending: Extraction, found: Found) -> Extraction | None:
    """ "eh bukan slamet, hendra" while Slamet waits as a trip's driver (or kernet): the one
    named instead takes that seat."""
    said = _CREW_SWAPPED_RE.fullmatch(found.lower) or _CREW_INSTEAD_RE.fullmatch(found.lower)
    if said is None or said["name"] in STOP_WORDS | NOT_A_PERSON | _NOT_NAMES:
        return None
    for seat in ("driver", "kernet"):
        had = getattr(pending.fields, seat) or ""
        if had and said["had"] == had.lower().split()[-1] and said["name"] != said["had"]:
            return Extraction(
                intent=Intent.CORRECT,
                confidence=0.85,
                source="rules",
                fields=ExtractedFields.model_validate({seat: said["name"]}),
            )
    return None


# ("salah, bukan joko yg nyetir": no one called "nyetir".)
_NOT_NAMES = frozenset(
    ["nyetir", "nyopir", "doang", "sendiri", "sendirian", "narik", "bawa", "tok", "thok"]
)
_CREW_SWAPPED_RE = re.compile(
    # "eh salah, bukan joko, slamet": the slip owned, then the name called wrong.
    rf"{SLIP_OPENED}(?:[\s,]+(?:bukan|bkn))?[\s,]+(?:(?:pak|mas|sopir|kernet)\s+)?"
    r"(?P<had>[a-z]+)\s*[,.]?\s*(?:(?:tp|tapi|tpi|yg|yang)\s+)?(?:(?:pak|mas)\s+)?(?P<name>[a-z]{3,})"
    r"(?:\s+(?:aja|saja|ya|yah|mbak|mas|pak|bu))*\s*[.!]*\s*"
)
# Why a teammate cannot go, said after the one chosen instead.
_WHY_WORDS = (
    r"katanya|jare|soalnya|soale|karena|krn|mau|arep|lagi|lg|sakit|libur|cuti|izin|ijin"
    r"|capek|kecapekan|ada\s+acara|nikahan|kondangan"
)
# "jangan joko, slamet aja", "ojo joko, dee cuti. slamet wae": not that one, the other
# instead (a reason may stand between).
_CREW_INSTEAD_RE = re.compile(
    r"\W*(?:(?:eh|oh|waduh)\W+)*(?:ga|gak|gk|jangan|jgn|ojo|aja|ndak|ora|mboten)\s+"
    r"(?:(?:pak|mas|sopir|kernet)\s+)?(?P<had>[a-z]+)(?:\s+(?:deh|dong|lah|ya|dulu))?\s*[,.]\s*"
    r"(?:[a-z ]{1,30}[,.]\s*)?"
    r"(?:(?:pak|mas)\s+)?(?P<name>[a-z]{3,})\s+(?:aja|saja|wae|ae|mawon)(?:\s+(?:ya|yah|pak|bu|mbak|mas))*"
    # ("..., wahyu aja. slamet mau libur katanya": why, said after; nothing else in it.)
    rf"(?:\s*[,.]\s*(?=[a-z ]*\b(?:{_WHY_WORDS})\b)(?![a-z ]*\b(?P=name)\b)[a-z ]{{3,50}})?"
    r"\s*[.!]*\s*"
)
_BUS_SWAPPED_RE = re.compile(
    r"\s*(?:bukan|bkn|salah)\s+(?:bus\s+)?(?P<had>[a-z0-9][\w' -]*?)\s*[,.]?\s*"
    r"(?:tp|tapi|pake|pakai|ganti|jadi|jd|yg|yang)?\s*(?P<name>bus\s+\w+|[a-z][\w'-]+)"
    r"(?:\s+(?:aja|saja|ya|yah|mbak|mas|pak|bu))*\s*[.!]*\s*"
)


def _share_for_another(pending: Extraction, found: Found) -> Extraction | None:
    """ "oh iya ding, pak hendra 8jt aja. yg 2jt itu buat bu dewi" while Pak Hendra's
    Rp10.000.000 waits: the money was two clients'. The waiting payment is corrected to
    its client's part (a correction), and the other client's share, the rest of it, is
    proposed after it (`more`), come the same way."""
    f = pending.fields
    if pending.intent is not Intent.RECORD_PAYMENT or f.amount is None or f.client_name is None:
        return None
    if f.payment_type is PaymentType.REFUND or QUESTION_RE.search(found.lower):
        return None
    others = [p for p in found.people if not same_client(p.text, f.client_name)]
    if len(others) != 1 or len(found.money) not in (1, 2):
        return None
    other = others[0]
    share = [mo for mo in found.money if mo.end <= other.start]
    if not share or not _SHARE_FOR_RE.search(found.lower[share[-1].end : other.start]):
        return None
    part = share[-1].value
    kept = [mo.value for mo in found.money if mo is not share[-1]]
    if part >= f.amount or (kept and kept[0] + part != f.amount):
        return None
    own = f.amount - part
    fixed = Extraction(
        intent=Intent.CORRECT,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields(amount=own),
    )
    theirs = {"client_name": other.text, "amount": part}
    if f.method is not None:
        theirs["method"] = f.method
    if f.paid_date is not None:
        theirs["paid_date"] = f.paid_date
    if f.paid_on is not None:
        theirs["paid_on"] = f.paid_on
    given = Extraction(
        intent=Intent.RECORD_PAYMENT,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields.model_validate(theirs),
    )
    return fixed.model_copy(update={"more": (given,)})


# The driver (or the kernet) of a client's or a bus's trip: "sopir bus 04", "sopirnya pak
# hendra", "kernet bus 01".
_WHOSE_DRIVER_RE = re.compile(r"^(?:sopir|supir|driver|kernet|kenek)(?:nya)?\s+\S")


# "kernet sd muh kotagede senin wahyu ya": the seat first, then whose trip, then who.
_ONLY_A_DAY_RE = re.compile(
    r"[\s,]*(?:(?:tgl|tanggal)\.?\s*\d{1,2}|senin|selasa|rabu|kamis|jumat|sabtu|minggu|besok"
    r"|bsk|lusa)?[\s,]*"
)
_PARTICLES_RE = re.compile(r"[\s,.!]*(?:(?:ya|yaa|aja|saja|pak|bu|mbak|mas|min|dong|ok)[\s,.!]*)*")
_SEAT_FIRST_RE = re.compile(r"^\W*(?P<seat>kernet|kenek|knek|sopir|supir|driver)(?:nya)?\s+", re.I)


def _seat_of_client_first(text: str, context: ExtractionContext) -> str | None:
    """ "kernet sd muh kotagede senin wahyu ya", with nothing waiting: said again as "sd muh
    kotagede senin kernetnya wahyu ya" (the seat beside the teammate put in it). None when
    the message is not the seat, a known client, perhaps a day, and one of the team."""
    m = _SEAT_FIRST_RE.match(text[:2000])
    if m is None or context.pending is not None:
        return None
    found = find_all(_as_read(text, context), context)
    if found.client is None or found.client.start != m.end() or not found.team_member:
        return None
    rest = text[m.end() :]
    names = list(re.finditer(rf"\b{re.escape(found.team_member.lower())}\b", rest.lower()))
    if not names or names[-1].start() < found.client.end - m.end():
        return None
    at = names[-1].start()
    if not _ONLY_A_DAY_RE.fullmatch(rest[found.client.end - m.end() : at].lower()):
        return None  # "sopir pak hendra ganti slamet": read as it is
    if not _PARTICLES_RE.fullmatch(rest[names[-1].end() :].lower()):
        return None  # "sopir bu dewi jumat joko 750rb": more said than the seat
    return f"{rest[:at]}{m.group('seat').lower()}nya {rest[at:]}"


def _trip_day(relayed: dict[str, Any], found: Found, context: ExtractionContext) -> dict[str, Any]:
    """{"ref_date"} when word goes to the driver of a client's or a bus's trip and the
    message names one day ("bilangin sopir bus 04 besok kumpul jam 6": that bus's trip of
    tomorrow); the day stays in the message too. {"depart_time"} too when the word is only
    the trip's own time ("sopir bus 03 besok berangkat jam 6 aja"): the assistant changes
    the trip when its record says another time. So for a teammate named, with the day
    said ("bilangin joko bsk brgkt jam 5 aja"): his trip that day."""
    said: dict[str, Any] = {}
    days = {d.date for d in found.dates if not d.vague and d.end_date in (None, d.date)}
    firsts = {name_key(p).split()[0] for p in context.team_names if name_key(p)}
    # (No day said: the trip the last answer showed, when he drives it; the assistant checks.)
    mate = name_key(relayed["recipient"]) in firsts and len(days) <= 1
    # ("..., bukan setengah 6. ibu2 pkk minta lbh pagi": the first sentence, the why after.)
    first = _sentences(relayed["message"])
    word = first[0] if first else ""
    if (
        mate
        and trip_time(word) is None
        and (client := mentioned(word.lower(), context.client_names))
    ):
        # "bilangin wahyu, pak hendra rabu brgkt jam 4": the client of his trip that day
        # named (the assistant checks it is his); the rest is only the trip's time.
        word = f"{word[: client[0]]} {word[client[1] :]}"
    if mate and trip_time(word) is None:
        return {}  # "bilangin slamet besok bawa jaket": word alone, no trip's time
    if not (_WHOSE_DRIVER_RE.match(relayed["recipient"].lower()) or mate):
        return {}
    if len(days) == 1:
        said["ref_date"] = days.pop()
    if (at := trip_time(word)) is not None:
        said["depart_time"] = at
    return said


def _moved_instead(
    self_: RulesExtractor, pending: Extraction, text: str, context: ExtractionContext
) -> Extraction | None:
    """ "ga jadi batal, diundur tgl 5" while a cancellation waits: the cancellation is
    dropped (a no) and the trip moved instead (`more`), proposed for its own "ya" (put off
    with no new day, "ga jadi batal, diundur sampe ada kabar" or "diundur aja": the day is
    asked)."""
    if pending.intent is not Intent.CANCEL_BOOKING:
        return None
    called_off = uncancelled(text.lower())
    rest = text[called_off.end() :].strip(" ,.;:-") if called_off else ""
    if called_off is None or not (moves_the_day(rest) or put_off_undated(rest) or shift_said(rest)):
        return None
    f = pending.fields
    named = f.client_name or ""
    alone = self_._extract(f"{named} {rest}".strip(), context.model_copy(update={"pending": None}))
    said = {"depart_date", "shift_days", "return_date", "condition"}
    new_day = alone.fields.model_dump(include=said, exclude_none=True)
    if alone.intent is not Intent.UPDATE_BOOKING:
        new_day = {}
    trip = {k: v for k, v in (("client_name", f.client_name), ("ref_date", f.ref_date)) if v}
    moved = Extraction(
        intent=Intent.UPDATE_BOOKING,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields.model_validate({**trip, **new_day}),
    )
    no = Extraction(intent=Intent.REJECT, confidence=0.9, source="rules")
    return no.model_copy(update={"more": (moved,)})


def _cancels_again(pending: Extraction, intent: Intent, found: Found) -> bool:
    """A cancellation said while the same client's cancellation waits."""
    if pending.intent is not Intent.CANCEL_BOOKING or intent is not Intent.CANCEL_BOOKING:
        return False
    named = pending.fields.client_name
    return found.client is None or bool(named and same_client(found.client.text, named))


def _asked(text: str) -> bool:
    """Every sentence of it a question: "sy hari ini bawa rombongan masjid ya? pake bus 01?"."""
    said = [p for p in re.split(r"(?<=[?.!])\s+", text.strip()) if p.strip()]
    return bool(said) and all(p.rstrip().endswith("?") for p in said[1:] or said)


_FEE_FIELDS = ("cancellation_fee", "dp_forfeited", "amount", "payment_type", "method")


# What a client's trip can clash with: a stay at the workshop, a bus or crew given.
_CLASHING = frozenset({Intent.UPDATE_BUS_STATUS, Intent.LOG_MAINTENANCE, Intent.UPDATE_BOOKING})
# ("ada bu dewi batal tgl 4": news of her cancellation; "ada trip bu dewi, batalin aja": the
# waiting stay called off.)
_CANCEL_SAID_RE = re.compile(r"\b(?:batal|cancel|dibatalkan|dibatalin)\b")
# "ada bu dewi", "ono trip pak hendra": a client's trip named as being there.
_THERE_IS_RE = re.compile(
    r"\b(?:ada|ono|onok|aya)\s+(?:(?:trip|jadwal|booking|acara|carteran)\s+)?$"
)


_THAT_ONE_OFF_RE = re.compile(
    r"\b(?:batal|batalin|cancel|ga\s+jadi|gak\s+jadi|gajadi)\s+(?:yg|yang)\b"
)


def _waiting_called_off(pending: Extraction, found: Found) -> bool:
    """ "batal yg bu dewi" while Bu Dewi's payment (not her cancellation) waits."""
    named, client = pending.fields.client_name, found.client
    if pending.intent is Intent.CANCEL_BOOKING or not named or client is None:
        return False
    if pending.fields.payments:
        return False  # one line of several waiting: never all of them dropped
    said = _THAT_ONE_OFF_RE.search(found.lower, 0, client.start)
    if said is not None and same_client(client.text, named):
        return True
    # "lho kan dp pak broto hangus, kok refund? batalin" while his refund waits: the money
    # said kept, the refund called off (his trip is cancelled already).
    kept = _KEPT_THEN_OFF_RE.search(found.lower)
    return (
        pending.fields.payment_type is PaymentType.REFUND
        and same_client(client.text, named)
        and kept is not None
        and not any(p.start > kept.start() for p in found.people)
    )


# A refund's money said kept, then the refund called off: "dp nya hangus, kok refund? batalin".
_KEPT_THEN_OFF_RE = re.compile(
    r"\bhangus\b.*\b(?:batal|batalin|cancel|ga\s+jadi|gak\s+jadi|gajadi|hapus)\W*$"
)


def _clash_called_off(pending: Extraction, found: Found) -> bool:
    """A client's trip said to be there, then a call-off, while something not of that
    client waits: the trip is why what waits is called off."""
    client = found.client
    if client is None or pending.intent not in _CLASHING or _CANCEL_SAID_RE.search(found.lower):
        return False  # ("ada bu dewi batal tgl 4": news of her cancellation)
    named = pending.fields.client_name
    if named and same_client(client.text, named):
        return False
    return _THERE_IS_RE.search(found.lower[: client.start]) is not None


def _fee_agreed(pending: Extraction, found: Found) -> dict[str, Any] | None:
    """The fee a waiting cancellation keeps, said on its own ("potong 1,5jt aja", "ga usah
    potongan"), with the refund said beside it; None when no fee is said or another client
    is named."""
    if pending.intent is not Intent.CANCEL_BOOKING:
        return None
    named = pending.fields.client_name
    client = found.client if found.client and not of_the_team(found, found.client) else None
    if client is not None and not (named and same_client(client.text, named)):
        return None
    said = fields_for(Intent.CANCEL_BOOKING, found)
    if said.get("cancellation_fee") is None and not said.get("dp_forfeited"):
        # "ga usah potongan" (0) lets the fee go, "dp nya hangus aja" keeps what was paid:
        # the cancellation stands either way.
        return None
    return {k: v for k, v in said.items() if k in _FEE_FIELDS}


_AMOUNT_PUT_RIGHT_RE = re.compile(r"\b(?:ding|deng|bukan|bkn|salah|harusnya|hrsnya|maksudnya)\b")


def _waiting_payment_put_right(pending: Extraction, found: Found) -> bool:
    """A payment waiting, named by its own client with its amount put right ("eh yg karang
    taruna 1,5jt ding bukan 1jt")."""
    had = pending.fields.client_name
    return (
        pending.intent is Intent.RECORD_PAYMENT
        and found.client is not None
        and had is not None
        and same_client(found.client.text, had)
        and len(found.money) >= 1
        and _AMOUNT_PUT_RIGHT_RE.search(found.lower) is not None
    )


def _waiting_booking_named(pending: Extraction, found: Found) -> bool:
    """The new booking waiting is named by its own client; or a move waiting ("bu dewi
    minta geser ke tgl 11", refused for its bus) by its client and the new day itself
    ("yowes bu dewi tgl 11 pake bus 03": the same move, with the bus to take)."""
    had = pending.fields.client_name
    if found.client is None or had is None or not same_client(found.client.text, had):
        return False
    if pending.intent is Intent.CREATE_BOOKING:
        return True
    moved_to = pending.fields.depart_date
    return (
        pending.intent is Intent.UPDATE_BOOKING
        and moved_to is not None
        and bool(found.dates)
        and all(d.date == moved_to for d in found.dates)
    )


def _restates(pending: Extraction, intent: Intent, found: Found) -> bool:
    """ "yg 1,5jt udh sy tf balik ke pak hendra" while Pak Hendra's refund of Rp1.500.000
    waits: the waiting action said again, its client and amount the same, with a detail
    more (how it was sent), not a second one to queue. A refund waiting (the one offered
    after a cancellation) is also what "udh sy tf balik" (no amount) or "yg 1jt udh sy tf
    balik, sisanya nyusul" (part of it) report."""
    if pending.intent is not Intent.RECORD_PAYMENT:
        return False
    had = pending.fields
    said = ExtractedFields.model_validate(fields_for(Intent.RECORD_PAYMENT, found))
    named = said.client_name is None or (
        had.client_name is not None and same_client(said.client_name, had.client_name)
    )
    if not named:
        return False
    if intent is Intent.RECORD_PAYMENT and said.amount is not None and said.amount == had.amount:
        # "trs yg 2jt dp bu dewi" while her 2jt waits, its kind not said: the same money.
        return said.payment_type is None or had.payment_type in (None, said.payment_type)
    return had.payment_type is PaymentType.REFUND and said.payment_type is PaymentType.REFUND


def _another_booking_named(pending: Extraction, corrected: dict[str, Any], found: Found) -> bool:
    """A client's booking named while a payment of another waits, no money said and no word
    putting the payment's client right: that booking is talked of."""
    if pending.intent is not Intent.RECORD_PAYMENT or set(corrected) != {"client_name"}:
        return False
    if found.money or _WRONG_RE.search(found.lower):
        return False
    # ("eh itu buat booking bu dewi", "yg bayar rombongan pak hendra": what the money is
    # for, put right; "trus booking bu sri yg tadi jadi ya": her booking goes ahead.)
    put_right = (
        r"\b(?:harusnya|hrsnya|maksudnya|maksud\w*|yg\s+bener|yang\s+benar|ganti|pindah\w*"
        r"|buat|utk|untuk|dari|dr|bayar\w*|dp\w*|tf\w*|transfer\w*|itu|atas\s+nama|an)\b"
    )
    booking_of = (
        r"\b(?:booking|bookingan|boking|trip|rombongan)\s+(?:\w+\s+)?(?:pak|bu|mbak|mas|ibu|bapak)?"
    )
    goes_ahead = r"\b(?:jadi|jd|fix|deal|aman|lanjut)\b"
    return (
        bool(re.search(booking_of, found.lower))
        and bool(re.search(goes_ahead, found.lower))
        and not re.search(put_right, found.lower)
    )


# The one named waited on for a say-so: "pak budi blm acc", "bos belum setuju".
_AWAITED_SAY_SO_RE = re.compile(
    r"\W*(?:(?:blm|belum|blom|durung|dereng|masih|msh|lagi|lg)\s+)(?:acc|setuju|oke|ok|okay"
    r"|jawab|bales|balas|konfirmasi|konfirm|ngabari|ngasih\s+kabar|kasih\s+kabar|mikir|pikir)\b"
)


def _one_asked_named(found: Found) -> bool:
    """The client named is whose say-so is awaited ("tunggu, pak budi blm acc")."""
    return found.client is not None and bool(
        _AWAITED_SAY_SO_RE.match(found.lower, found.client.end)
    )


_CLIENT_DONE_RE = re.compile(rf"\b(?:{ALREADY})\s+(?:beres|selesai|rampung|kelar)\b")


def _trip_end_with_km(whole: Extraction, found: Found) -> Extraction | None:
    """ "rombongan udh pulang, km bus 01 skrg 121.300": a driver back with the party says
    two things, the trip's end and the bus's km; read whole it was the reading alone and
    the end was dropped. Both are requests: the completion (of the trip on that bus, or the
    driver's own trip on the road) first, then the reading, confirmed one after the other.
    Arriving somewhere away ("udh sampe malang, km 125.000") ends no trip."""
    if whole.intent is not Intent.RECORD_ODOMETER or found.money or whole.fields.buses:
        return None
    if QUESTION_RE.search(found.lower):
        return None
    if arrived_away(found.lower) and not TRIP_DONE_RE.search(found.lower):
        return None  # "udh sampe jogja, trip beres. km akhir ...": arrived, and done
    # ("PKK kmrn udh beres, ... km akhir bus 03 149.960": the client's trip said done.)
    client_done = found.client is not None and _CLIENT_DONE_RE.search(found.lower) is not None
    if not (TRIP_ENDED_RE.search(found.masked or found.lower) or client_done):
        return None
    said = fields_for(Intent.COMPLETE_BOOKING, found)
    done = {k: v for k, v in said.items() if k in ("client_name", "ref_date", "bus")}
    if whole.fields.bus and "client_name" not in done:
        done["bus"] = whole.fields.bus
    closing = _CLOSING_KM_RE.search(found.lower) is not None
    if closing:
        # "km akhir 166.400": the trip's closing reading, recorded with its end on one yes
        # (as with a client named: "trip bu rina selesai, km akhir ...").
        done["odometer_km"] = whole.fields.odometer_km
    ended = Extraction(
        intent=Intent.COMPLETE_BOOKING,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields.model_validate(done),
    )
    return ended if closing else ended.model_copy(update={"more": (whole,)})


# What was wrong, said before taking a record back: "salah trip", "dudu sd muh", "pak budi
# blm acc".
_WRONG_RE = re.compile(r"\b(?:salah|keliru|dudu|bukan|bkn|sanes|acc)\b")
# What someone means to do ("bus 03 jemuah arep tak servis"): a reason, naming no record.
_PLAN_RE = re.compile(r"\b(?:arep|mau|akan|meh|rencana|rencananya|pengen|pingin)\b")
# Another trip than the one booked: "dp trip kedua", "dp buat trip yg lain", "booking baru".
_NEW_TRIP_RE = re.compile(
    r"\b(?:trip|perjalanan|booking|rombongan|sewa)(?:an)?\s+(?:yg\s+|yang\s+)?"
    r"(?:kedua|ke-?2|lain|lainnya|berikut(?:nya)?|baru|satunya)\b"
)


# The reading a trip closes with: "km akhir 166.400", "km akhirnya".
_CLOSING_KM_RE = re.compile(r"\b(?:km|kilometer|odo|odometer)\s+(?:akhir|akhirnya|pulang)\b")


# A put-off only likely: "kemungkinan tripnya diundur", "kayaknya mundur".
_ONLY_LIKELY_RE = re.compile(
    r"\b(?:kemungkinan|mungkin|kayaknya|kyknya|kayanya|sepertinya)\s+(?:\w+\s+){0,2}?"
    r"(?:di)?(?:undur|tunda|mundur|pending)\w*"
)


def _put_off(
    intent: Intent, fields: dict[str, Any], text: str, context: ExtractionContext
) -> Extraction | None:
    """ "bu dewi diundur aja sampe ada kabar": the trip put off with no new day, neither a
    cancellation nor a move (update_booking with `condition`: the assistant asks the day).
    Without a client named, the one the last answer was about ("diundur aja sampe ada
    kabar" right after Bu Dewi's trip was shown)."""
    # ("pak darto diundur aja sampe ada kabar, pabriknya blm libur": its "blm" tells why,
    # it asks nothing.)
    told = intent is Intent.QUERY_SCHEDULE and "?" not in text
    if intent not in (Intent.UPDATE_BOOKING, Intent.CANCEL_BOOKING, Intent.UNKNOWN) and not told:
        return None
    until = put_off_undated(text)
    if until is None or {"depart_date", "shift_days", "return_date"} & fields.keys():
        return None
    if _ONLY_LIKELY_RE.search(text.lower()):
        return None  # "bu lilis bilang kemungkinan tripnya diundur, tp msh nunggu kabar"
    trip = {k: v for k, v in fields.items() if k in ("client_name", "ref_date")}
    topic = context.topic
    if not trip and topic is not None and topic.fields.client_name:
        trip["client_name"] = topic.fields.client_name
    if not trip and intent is Intent.UNKNOWN:
        return None
    return Extraction(
        intent=Intent.UPDATE_BOOKING,
        confidence=0.85,
        source="rules",
        fields=ExtractedFields.model_validate({**trip, "condition": until}),
    )


def _days_said(context: ExtractionContext) -> int | None:
    """ "pengajian bu umi ke jakarta 3 hari" before "Berangkatnya tanggal berapa?": the
    length of the waiting booking, said in the message that proposed it (the latest of
    the recent turns naming its client and a length), kept for the date that completes it."""
    pending = context.pending
    if pending is None or pending.intent is not Intent.CREATE_BOOKING:
        return None
    client = pending.fields.client_name
    if not client or pending.fields.depart_date or pending.fields.return_date:
        return None
    alone = context.model_copy(update={"pending": None, "topic": None})
    for text in reversed(context.recent_turns):
        earlier = find_all(text, alone)
        named = earlier.client is not None and same_client(earlier.client.text, client)
        if named and (days := days_count(earlier)):
            return days  # the question asking the date names the client too: passed over
    return None


# "oh iya tol jg 120rb pak" while the parking waits: a cost more, never the one waiting
# replaced (a slip says so: "eh bukan parkir, tol 120rb").
_ADDED_RE = re.compile(r"\b(?:jg|juga|sama|sm|tambah|ditambah|nambah|plus|sekalian|karo|ugi)\b")
_SLIPPED_RE = re.compile(
    r"\b(?:bukan|bkn|dudu|salah|harusnya|hrsnya|mestinya|ralat|koreksi|ding)\b"
)


_BUT_RE = re.compile(r"\W*(?:tp|tapi|tpi|cuma|cm|hanya|tapi\s+kan)\b")


def _checks_waiting(question: Extraction, waiting: Extraction) -> bool:
    """A question about what waits: its bus, day or client asked after."""
    q, w = question.fields, waiting.fields
    if q.bus and (w.bus or w.buses):
        return True
    days = {w.depart_date, w.ref_date, w.date, w.return_date} - {None}
    if q.date in days or q.ref_date in days:
        return True
    return bool(q.client_name and w.client_name and same_client(q.client_name, w.client_name))


# "tadi tak tambahi 100rb buat makan": how the sum put right came about (a part added for
# something, never "ditambah ... jadi 1,5jt", the whole).
_WHY_MORE_RE = re.compile(r"\b(?:di|tak\s+|sy\s+|aku\s+)?tambah(?:i|in|ke|kan)?\b|\bditambah\w*")
_REFUSED_SUM_RE = re.compile(rf"\b(?:{NOT_THIS})\b")
_PART_FOR_RE = re.compile(r"\s*(?:buat|untuk|utk|nggo|kanggo|gae|go)\b")
_SLIP_BEFORE_RE = re.compile(r"\b(?:salah|ding|deng|harusnya|hrsnya|mestinya|ralat)\W*(?:\w+\W+)?$")


def _sum_put_right(pending: Extraction, corrected: dict[str, Any], found: Found) -> dict[str, Any]:
    """ "eh salah ding, 600rb. tadi tak tambahi 100rb buat makan" while 500rb of uang jalan
    waits: the amount said right after the slip is the one put right; the later one says
    how it grew (never a cost of its own in its place). Never after "bukan" (the amount
    refused) nor with "jadi" (the later amount is the whole)."""
    if pending.intent not in (Intent.RECORD_TRIP_COST, Intent.RECORD_PAYMENT):
        return corrected
    if len(found.money) != 2 or pending.fields.amount is None:
        return corrected
    first, later = found.money
    between = found.lower[first.end : later.start]
    if not _SLIP_BEFORE_RE.search(found.lower[: first.start]) or _REFUSED_SUM_RE.search(
        found.lower[: first.start]
    ):
        return corrected
    if not _WHY_MORE_RE.search(between) or re.search(r"\b(?:jadi|jd|dadi)\b", between):
        return corrected
    if not _PART_FOR_RE.match(found.lower, later.end):
        return corrected
    return {"amount": first.value}


def _cost_added(
    pending: Extraction, corrected: dict[str, Any], found: Found
) -> dict[str, Any] | None:
    """The waiting costs with more of other kinds, when the message adds them ("oh iya tol
    jg 120rb", "tol 120rb, parkir 20rb jg")."""
    said = found.lower
    if pending.intent is not Intent.RECORD_TRIP_COST or not _ADDED_RE.search(said):
        return None
    if _SLIPPED_RE.search(said) or "?" in said:
        return None
    kind, amount = corrected.get("cost_type"), corrected.get("amount")
    told = fields_for(Intent.RECORD_TRIP_COST, found).get("costs")
    more = told or ([{"cost_type": kind, "amount": amount}] if kind and amount else [])
    if not more or (len(found.money) > 1 and not told):
        return None
    f = pending.fields
    lines = [c.model_dump(mode="json") for c in f.costs or ()]
    if not lines and f.cost_type is not None and f.amount is not None:
        lines = [{"cost_type": f.cost_type.value, "amount": f.amount}]
    kinds = {line["cost_type"] for line in lines}
    if not lines or any(line["cost_type"] in kinds for line in more):
        return None
    return {"costs": [*lines, *more]}


def _other_kind(said: Extraction, waiting: Extraction) -> bool:
    """ "tp catet tol e 380rb" while the parking waits: a record of another kind."""
    kinds = ("cost_type", "payment_type", "maintenance_type", "document_kind")
    a, b = said.fields.stated(), waiting.fields.stated()
    return any(k in a and k in b and a[k] != b[k] for k in kinds)


def _cancel_with_its_money(whole: Extraction, parts: list[Extraction]) -> bool:
    """A cancellation read whole with its fee or refund, its other sentences only that
    money (or nothing of their own): one cancellation, never split from its money."""
    f = whole.fields
    if whole.intent is not Intent.CANCEL_BOOKING or (
        f.cancellation_fee is None and not f.dp_forfeited and f.amount is None
    ):
        return False
    whose = f.client_name or ""
    for part in parts:
        named = part.fields.client_name
        if named and whose and not same_client(named, whose):
            return False
        if part.intent not in (Intent.CANCEL_BOOKING, Intent.RECORD_PAYMENT, Intent.UNKNOWN):
            return False
    return True


def _fills_gap(corrected: dict[str, Any], pending: Extraction) -> bool:
    """The values given include one the waiting action does not have yet."""
    return any(getattr(pending.fields, key, None) is None for key in corrected)


# What a part of a message may name of its own, not to be taken from the part before.
SUBJECTS = frozenset({"bus", "client_name", "driver", "kernet"})


# A message that is an amount and nothing else ("3500000", "rp 3.500.000", "3,5jt",
# "2jt250").
_BARE_AMOUNT_RE = re.compile(
    rf"^\W*(?:rp\.?\s*)?(?:{money.COMPOUND}|[\d.,]+\s*(?:rb|ribu|k|jt|juta)?)\W*$"
)


# Whether something was done ("jemputnya udh diganti?", "udah dicatat blm?").
_DONE_ASKED_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:di[a-z]+|ganti|berubah|kecatat|tercatat|beres)\b"
    r"(?:\s+[a-z]+){0,2}\W*\?\W*$"
)


def _asks_if_done(found: Found) -> bool:
    values = found.money or found.dates or found.times or found.client or found.buses
    return not values and bool(_DONE_ASKED_RE.search(found.lower))


def _bare_amount(found: Found) -> int | None:
    if len(found.money) != 1 or not _BARE_AMOUNT_RE.match(found.lower):
        return None
    return found.money[0].value


# "blum", "blom": chat spellings of "belum" that the rules' word lists mostly know only as
# "blm"/"belum"; read as "blm", so "pak hendra batal blum" stays a question, never an order.
# Where a word to the crew goes on to something else: "jemputnya jam 6, bawa jaket".
_WORD_PIECE_RE = re.compile(r",\s*|\s+(?:terus|trus|trs|sama|sm)\s+(?=\S)")
_NOT_YET_SPELLED_RE = re.compile(r"\b(?:blum|blom)\b", re.IGNORECASE)
# Javanese question words and the "-e"/"-ne" of a thing's own ("biayane opo wae",
# "pengeluarane piro", "hargane pinten", "bulan iki"), as the Indonesian the rules know:
# "berapa", "apa", "ini", "aja", "habis", "sekarang", "kalau" and "-nya". Only nouns of the
# business take the suffix so: a name ending in "e" ("bu tine") is left as written.
_JAVANESE_WORDS = {"piro": "brp", "pira": "brp", "pinten": "brp", "opo": "apa", "nopo": "apa"}
_JAVANESE_WORDS |= {"iki": "ini", "niki": "ini", "wae": "aja", "mawon": "aja"}
# "bengkel entek piro" (spent), "nek ... batal saiki kena piro" (if, now).
_JAVANESE_WORDS |= {"entek": "habis", "enthek": "habis", "saiki": "skrg", "nek": "kalo"}
# "sopo sing ngubah harga ...", "bus sing wis wayahe servis?", "ban sing kudu ganti bus
# endi", "piye carane nyatet kir", "tgl 10 ana bus nganggur ra", "udh dp durung".
_JAVANESE_WORDS |= {"sing": "yg", "sopo": "siapa", "piye": "gimana", "endi": "mana"}
_JAVANESE_WORDS |= {"kudu": "harus", "wayahe": "waktunya", "carane": "caranya", "ra": "ga"}
_JAVANESE_WORDS |= {"durung": "blm", "ana": "ada"}
# Suroboyoan: "kir sing arep habis opo ae", "sing durung onok sopir e", "juli wis mlebu
# piro", "slamet sesuk gak iso".
_JAVANESE_WORDS |= {"ae": "aja", "arep": "mau", "onok": "ada", "ono": "ada", "iso": "bisa"}
_JAVANESE_WORDS |= {"mlebu": "masuk", "akeh": "banyak"}
# "sing paling suwe sopo" after the debts: the longest owing.
_JAVANESE_WORDS |= {"suwe": "lama", "suwi": "lama"}
# English business words with one meaning here ("Revenue kita bulan September berapa",
# "cost bengkel bulan oktober", "profit srikandi"): the Indonesian the rules know. Never a
# name (text.STOP_WORDS).
ENGLISH_WORDS = {"revenue": "pemasukan", "revenues": "pemasukan", "cost": "biaya"}
ENGLISH_WORDS |= {"costs": "biaya", "profit": "untung", "profits": "untung"}
_JAVANESE_WORDS |= ENGLISH_WORDS
_JAVANESE_RE = re.compile(
    # "bu ana": a name after a title stays as written ("mlebu piro" has no title).
    rf"(?<!\bbu )(?<!\bmbak )(?<!\bmba )(?<!\bibu )\b(?:{'|'.join(_JAVANESE_WORDS)})\b",
    re.IGNORECASE,
)
_OWN_E_RE = re.compile(
    r"\b(biaya|pengeluaran|pemasukan|pendapatan|ongkos|harga|untung|rugi|total|jumlah|utang"
    r"|hutang|tagihan|tol|parkir|solar|bensin|uang|duit|jadwal|tujuan|rute|jemput|pulang"
    r"|berangkat|brgkt|bus|sopir|supir|kernet|kenek|sisa|kurang|dp)n?e\b",
    re.IGNORECASE,
)


def _reads_more(javanese: Extraction, reading: Extraction) -> bool:
    """ "kir sing arep habis opo ae", "sari mau nyatet opo ae": the same question read in
    Indonesian, as sure, with more of it understood (every field kept, one more found); or
    another question read surer ("sing ganti harga ... sopo": who changed it)."""
    if javanese.confidence < max(reading.confidence, SURE_READING):
        return False
    if javanese.intent is not reading.intent:
        return javanese.confidence > reading.confidence
    mine, theirs = reading.fields.stated(), javanese.fields.stated()
    return set(mine) < set(theirs) and all(theirs[k] == v for k, v in mine.items())


# "kru pkk siapa aja", "crew bu dewi sapa": who rides a trip, asked as its driver is (never
# "jaket seragam kru": the word alone).
_CREW_WHO_RE = re.compile(
    r"\b(kru|crew)(nya)?(?=\s+(?:[\w.]+\s+){0,3}?(?:siapa|sapa|sp)\b)", re.IGNORECASE
)


def _in_indonesian(text: str) -> str:
    said = _JAVANESE_RE.sub(lambda m: _JAVANESE_WORDS[m.group().lower()], text)
    said = _CREW_WHO_RE.sub(lambda m: "sopir" + (m.group(2) or ""), said)
    return _OWN_E_RE.sub(r"\1nya", said)


# What keeps a stand-in said beside a client from being a change now: a no, someone's
# word, a wish, or a day gone ("pak hendra ga mau slamet gantiin wahyu", "kmrn slamet ...").
_NOT_SO_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|ora|ra|jangan|jgn|ojo|tidak|tdk|mboten|kata|katanya|jare|seneng"
    r"|kmrn|kemarin|kemaren|wingi|tadi|td|mau|pengen|sampe|mungkin|rencana|rencananya|biasane"
    r"|biasanya|kalo|kalau|klo|nek|usul|nolak|protes|lalu|pernah|sering)\b"
)


def _classified(sig: Signals, found: Found) -> tuple[Intent, float]:
    """The intent rules' verdict; no action when the message only passes on a client's
    question or enquiry ("bu dewi nanya bisa dp 1jt dulu ga": no money moved)."""
    intent, confidence = classify(sig)
    if (
        found.crew_of is not None
        and found.driver is not None
        and not (sig.from_crew or found.money or QUESTION_RE.search(found.lower))
        and (
            found.client is None
            or (intent is Intent.UNKNOWN and not _NOT_SO_RE.search(found.lower))
        )
    ):
        # "ok slamet gantiin wahyu yg ke malang tgl 2": a seat given on the trip Wahyu is
        # on, never a new booking to Malang ("slamet sing ngganti joko nggo sd muh": on that
        # client's trip).
        return Intent.UPDATE_BOOKING, 0.85
    if intent in ACTION_INTENTS and hearsay.passed_on(found):
        return Intent.UNKNOWN, 0.6
    if intent in _ENQUIRED and hearsay.someone_asks_if_may(found):
        # "bu sri tanya bisa jemput jam 4 ga": the client's question, not the sender's.
        return Intent.UNKNOWN, 0.6
    return intent, confidence


# Questions a client's enquiry passed on is not: whether buses are free is answered, the
# answer being what the sender needs to reply ("pak agus tanya bisa tambah 1 bus ga"); so is
# what a cancellation would cost ("pt maju nanya kalo batal skrg kena brp").
_ENQUIRED = frozenset(
    i
    for i in INTENTS
    if INTENTS[i].kind is IntentKind.QUERY
    and i not in (Intent.QUERY_FREE_BUSES, Intent.QUERY_CANCELLATION_FEE)
)


# "eh 3,8 ding pak" while a repair of 3,6jt waits: a bare decimal is in the millions of the
# amount it puts right (never before a unit: "2,5 jam", "1,5 hari"; nor after "km": "Jl.
# Kaliurang Km 5,6", where it is).
# "dp nya ga balik?", "kena potongan brp?": what a cancellation keeps, asked.
_FEE_ASKED_RE = re.compile(
    r"\b(?:dp|uang|duit|bayaran)\w*\b[^?]*\b(?:balik|bali|kembali|dikembalikan|dibalikin|hangus"
    r"|ilang|hilang|dipotong|potong)\w*\b[^?]*\?"
    r"|\b(?:kena|potongan|denda|biaya\s+batal\w*)\b[^?]*\b(?:brp|berapa|piro|pira)\b"
)
# "eh ga sido wae, ngko bulan ngarep", "ga jadi deh, nanti aja kapan2": called off for later.
_LATER_WORDS = (
    r"(?:nanti|ntar|ngko|mengko|kapan2|kapan-kapan|lain\s+kali|bulan\s+(?:depan|dpn|ngarep)"
    r"|minggu\s+(?:depan|dpn|ngarep))"
)
_FILLER_AROUND = r"(?:\s+(?:wae|aja|ae|deh|dulu|dl|ya|yo|pak|bu|mas|mbak|sik|lagi|lg))*"
_CALLED_OFF_FOR_LATER_RE = re.compile(
    r"\W*(?:(?:eh|oh|wah|waduh)\W+)?(?:ga|gak|nggak|ngga|ora|ra|tidak|tdk)\s+(?:jadi|jd|sido)\b"
    rf"{_FILLER_AROUND}\W+{_LATER_WORDS}(?:\s+{_LATER_WORDS})?{_FILLER_AROUND}\W*$"
)
# "lho yayasan al hikmah tu udh lunas minggu lalu, itu dobel, jgn" while a payment waits:
# what waits said to be a record made twice, then a plain no closing the message.
_TWICE_THEN_NO_RE = re.compile(
    r"(?:^|[,.]\s*)(?:itu|tu|ini)\s+(?:dobel|double|kedobel)\b[^?]*?,\s*"
    r"(?:jgn|jangan|ojo|ga\s+usah|gak\s+usah|gausah|ndak\s+usah|ora\s+usah)"
    r"(?:\s+(?:ya|yo|pak|bu|mbak|mas|min|dicatet|dicatat))*\W*$"
)
_BUS_CALLED_OFF_RE = re.compile(
    r"\b(?:batal|batalin|cancel)\s+(?:yg|yang)\s+(?=(?:bus|bis)\s*\d)", re.IGNORECASE
)
# An amount called off for another, while something waits: "eh ga jadi 500rb, 300rb aja
# diskonnya" says "bukan 500rb, 300rb".
_AMOUNT_CALLED_OFF_RE = re.compile(
    r"^\W*(?:eh\s+)?(?:ga|gak|nggak|ngga|ora|tidak|tdk|kagak)\s+(?:jadi|jd|sido)\s+"
    r"(?=\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)\b\s*,\s*\d)",
    re.IGNORECASE,
)
# Days of the month said bare as a range: "16 smp 18", "15-17" (never money or hours).
_BARE_DAYS_RE = re.compile(
    r"(?<![\w.,/:])(?<!jam\s)(?<!pukul\s)(?<!jm\s)([0-3]?\d)\s*(-|–|smp|sampai|sampe|sampek|s/d|sd)"
    r"\s*([0-3]?\d)(?![\w.,/:]|\s*(?:jt|juta|rb|ribu|k|jam|orang|org|bus|unit|seat|kursi|hari|hr"
    r"|pagi|siang|sore|malam|mlm|subuh|penumpang|peserta|pax|an|km|menit)\b)",
    re.IGNORECASE,
)


# "bukan tgl 15, 16 sama 17": two days of the month running, joined by "and".
_BARE_NEXT_DAY_RE = re.compile(
    r"(?<![\w.,/:])(?<!jam\s)(?<!pukul\s)([0-3]?\d)\s+(sm|sama|ama|dan|&)\s+(?:tgl\s*)?([0-3]?\d)"
    r"(?![\w.,/:]|\s*(?:jt|juta|rb|ribu|k|jam|orang|org|bus|unit|seat|kursi|hari|hr|km|menit)\b)",
    re.IGNORECASE,
)


def _bare_next_day(m: re.Match[str]) -> str:
    first, then = int(m.group(1)), int(m.group(3))
    if then != first + 1 or _COUNTED_BEFORE_RE.search(m.string, 0, m.start()):
        return m.group()
    before = m.string[: m.start()]
    # Only days, said after the word for a date ("busnya 01 02 sama 03" are buses).
    dated = re.search(r"\b(?:tgl|tanggal|tanggale|tanggalnya)\b", before, re.IGNORECASE)
    if not dated or re.search(r"\b(?:bus|bis|unit|armada)\w*\b[^,.;]*$", before, re.IGNORECASE):
        return m.group()
    return f"tgl {m.group(1)} smp {m.group(3)}"


# A count before a range is no range of days: "pesertanya 20-25", "rombongan 40 - 45 org".
_COUNTED_BEFORE_RE = re.compile(
    r"\b(?:peserta|penumpang|rombongan|orang|org|pax|jamaah|jemaah|murid|siswa|anak|bus|unit"
    r"|kursi|seat|jam|pukul)\w*\s*$",
    re.IGNORECASE,
)


def _bare_days(m: re.Match[str]) -> str:
    if _COUNTED_BEFORE_RE.search(m.string, 0, m.start()):
        return m.group()
    return f"tgl {m.group(1)} {m.group(2)} {m.group(3)}"


# "wis bener kok", "ternyata udh bener", "ga salah": what was called wrong is right after all.
_RIGHT_AFTER_ALL_RE = re.compile(
    r"\b(?:wis|wes|udah|udh|sudah|sdh|ternyata|trnyt|ternyta)\s+(?:bener|benar|betul|bner)\b"
    r"|\b(?:bener|benar|betul)\s+(?:kok|ko)\b"
)


def _slip_taken_back(lower: str, waiting: Extraction) -> bool:
    """A "salah" taken back at once ("oh salah ding, wis bener kok 285rb"), naming no value
    but the waiting one's."""
    if not (re.search(r"\bsalah\b", lower) and _RIGHT_AFTER_ALL_RE.search(lower)):
        return False
    f = waiting.fields
    return all(m.value in (f.amount, f.price, f.cost) for m in money.find_money(lower))


def _amount_of_waiting(clause: str, context: ExtractionContext) -> bool:
    """ ", yg 2jt nanti" while a 2jt payment waits: the clause names what waits by its amount."""
    waiting = context.pending
    if waiting is None or not re.match(r"\W*(?:yg|yang|sing)\b", clause):
        return False
    said = money.find_money(clause.lower())
    f = waiting.fields
    return bool(said) and all(m.value in (f.amount, f.price, f.cost) for m in said)


# "bukan september, oktober tgl 30", "bukan juni, juli": the month of the waiting day put
# right, its day kept unless said.
_MONTH_PUT_RIGHT_RE = re.compile(
    rf"\W*(?:(?:eh|ehh|oh|maaf|sori)\W+)?(?:bukan|bkn|dudu)\s+(?:bulan\s+|bln\s+)?"
    rf"(?P<wrong>{dates.MONTH_RE})\s*[,.]?\s*(?:(?:tp|tapi|tpi)\s+)?(?:bulan\s+|bln\s+)?"
    rf"(?P<right>{dates.MONTH_RE})(?:\s*(?:tgl|tanggal)\s*(?P<day>[0-3]?\d))?"
    r"(?:\s+(?:ya|yaa|pak|bu|mbak|mas|ding|deng|dink|bos|min))*\W*$"
)


def _month_put_right(text: str, waiting: Extraction) -> str | None:
    """ "bukan juni, juli" while the 20th of June waits: "bukan juni, tgl 20 juli"."""
    said = _MONTH_PUT_RIGHT_RE.match(text.lower())
    if said is None:
        return None
    wrong, right = dates.MONTHS[said["wrong"]], dates.MONTHS[said["right"]]
    f = waiting.fields
    days = [d for d in (f.date, f.depart_date, f.ref_date, f.paid_date) if d is not None]
    of_month = [d for d in days if dt.date.fromisoformat(str(d)).month == wrong]
    if wrong == right or not of_month:
        return None
    day = said["day"] or str(dt.date.fromisoformat(str(of_month[0])).day)
    return f"bukan {said['wrong']}, tgl {day} {said['right']}"


def _dated(waiting: Extraction) -> bool:
    f = waiting.fields
    return any(d is not None for d in (f.date, f.date_to, f.depart_date, f.return_date))


# "2,2 atau 2,4, sy lupa", "1,5jt atau 2jt ya, lupa": two values, the sender unsure which.
_NOT_SURE_WHICH_RE = re.compile(
    r"\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\s+(?:atau|ato|apa|or)\s+\d[^?]*\b(?:lupa|lali|kelupaan"
    r"|ga\s+(?:tau|inget|ingat)|gatau|lupa2|cek\s+(?:dulu|dl)|sy\s+cek|tak\s+cek)\b"
)
# ("kena potongan 1jt, sisanya balik brp?": the fee said, what is left asked of it.)
_FEE_SAID_RE = re.compile(r"\b(?:potongan|potong|denda|kena|biaya\s+batal)\w*\s+(?:rp\.?\s*)?\d")
# "bentar, ... sy cek mutasi dulu", "tunggu ya, tak tanya orangnya dulu": a hold to check
# or ask first, with no value and no question in it.
_HOLD_ON_RE = re.compile(
    r"\W*(?:bentar|sebentar|bntr|tunggu|tunggu2|antosan|sik|sek)\b[^?\d]*\b"
    r"(?:cek|ngecek|dicek|tanya|tanyain|nanya|konfirmasi|pastiin|mastiin|liat|lihat)\b"
    r"[^?\d]*\b(?:dulu|dl|dlu|sik|sek|heula)\W*$"
)
# A yes on a condition or for later: "ya tp cek dulu bus 03 tgl segitu kosong ga", "oke tp
# nanti sore aja, nunggu bukti tf nya", "ya asal pak kades setuju": what waits keeps waiting
# (never "iya tp jemputnya jam 6", a value put right).
_YES_ON_HOLD_RE = re.compile(
    r"\W*(?:ya|iya|iyaa|iye|iyo|yo|ok|oke|okey|okay|sip|siap|bener|betul|boleh)\W+"
    r"(?:(?:pak|bu|mas|mbak|bos|min)\W+)?"
    r"(?:(?:tp|tapi|tpi)\W+(?:(?:cek|dicek|ngecek|tanya|ditanya|tanyain|pastiin|dipastiin"
    r"|pastikan|mastiin)\s+(?:dulu|dl|dlu)\b"
    r"|(?:nanti|ntar|entar|nnti)\s+(?:sore|siang|malem|malam|pagi)(?:\s+(?:aja|ya|saja))?\W+"
    r"(?:nunggu|tunggu|nungguin|menunggu)\b)"
    # ("ya asal pak kades setuju": a condition no value puts right; never "oke, asal
    # sopirnya joko", "ya asal pake srikandi", "ya asale seko magelang".)
    r"|(?:asal|asalkan|asalke)\s+(?!(?:\w+\s+)?\d)"
    r"(?!(?:sopir|supir|kernet|jemput|brgkt|berangkat|pulang|pake|pakai|bus|bis)\w*\b)[a-z])"
)
# ", yg karang taruna nanti lagi": what waits left for later, closing the message.
_WAITING_LATER_RE = re.compile(
    r"[,.;]\s*(?:(?:yg|yang|sing)\s+)?[^,.;]{2,40}?\s+(?:nanti|ntar|entar|engke|mengko)"
    r"(?:\s+(?:lagi|lg|aja|dulu|dl|deui|wae|ae|sik|ya))*\W*$"
)
_BARE_DECIMAL_RE = re.compile(
    r"(?<![\w.,])(?<!\bkm\s)(?<!\bkm\.\s)(\d{1,2},\d{1,2})(?![\w.,%])"
    r"(?!\s*(?:jt|juta|rb|ribu|k|m|km|persen|seat|org|orang|pax|hari|hr|jam|menit|malam|bus)\b)",
    re.IGNORECASE,
)


# "nitip cash 2,3", "tf 2,5 bca", "dp 1,5": a decimal right after a word of money paid is
# millions, as people write it (2,3 rupiah is nothing anyone pays).
_PAID_BARE_DECIMAL_RE = re.compile(
    r"(\b(?:tf|trf|transfer|dp|nitip|titip|cash|tunai|pelunasan|lunasin|harga|hrg"
    r"|harganya|bca|bri|bni|mandiri)\s+)(\d{1,2},\d{1,2})(?![\w.,%])"
    r"(?!\s*(?:jt|juta|rb|ribu|k|m|km|persen|seat|org|orang|pax|hari|hr|jam|menit|malam|bus"
    r"|bulan|bln|minggu|mgg|tahun|thn|liter|ltr|lt|kg)\b)",
    re.IGNORECASE,
)
# A cost of the road, whose small figures are thousands ("tol 42,5", "solar 1,2 ... 350").
_ROAD_COST_RE = re.compile(
    r"\b(?:tol|etol|solar|bbm|bensin|parkir|makan|uang\s+jalan|premi|retribusi|oli|cuci|servis"
    r"|service|ban|beli|ongkos|biaya|bengkel|sparepart|tambal|kopi|rokok)\b",
    re.IGNORECASE,
)


def _in_pending_scale(text: str, pending: Extraction | None) -> str:
    """A bare decimal correcting an amount in millions is millions ("bukan 1,5 tp 2,5");
    bare hundreds correcting one in thousands are thousands ("dudu pitungatus, nematus
    wae" of a waiting Rp700.000)."""
    if not _ROAD_COST_RE.search(text):
        text = _PAID_BARE_DECIMAL_RE.sub(r"\1\2jt", text)
    if pending is None:
        return text
    f = pending.fields
    amounts = [a for a in (f.price, f.amount, f.cost, f.dp_amount) if a is not None]
    if any(a >= 1_000_000 for a in amounts):
        return _BARE_DECIMAL_RE.sub(r"\1jt", text)
    if any(100_000 <= a < 1_000_000 for a in amounts) and _HUNDREDS_PUT_RIGHT_RE.match(text):
        return _BARE_HUNDREDS_RE.sub(r"\1 ewu", text)
    return text


# Only the hundreds alone, each closing its clause ("dudu pitungatus, nematus wae"), in a
# message that puts a value right and adds, takes or names nothing else.
_BARE_HUNDREDS_RE = re.compile(
    r"\b((?:satus|(?:rong|telung|patang|limang|nem|pitung|wolung|sangang)atus"
    r"|(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s?ratus)"
    r"(?:\s+(?:seket|selawe))?)(?=\s*(?:[,.!]|$|\b(?:wae|aja|saja|ding|deng|ya|yo|pak|bu)\b))"
)
_HUNDREDS_PUT_RIGHT_RE = re.compile(
    r"^\W*(?:(?:eh|oh|salah|bukan|bkn|dudu|sanes|harusnya|hrsnya)\b)"
    r"(?!.*\b(?:tambah|nambah|kurang|tgl|tanggal|bus|bis|sing|yg|yang|kanggo|buat|orang|km)\b)"
)


# One message is read as spelt three or four times (its reading, a note kept as written, a
# description as typed): a pure function of the text, so each text is read once.
# WhatsApp's "Diteruskan"/"Forwarded" line over a forwarded message, or the one people type
# ("*Diteruskan*", "[fwd]"): no word of the message itself.
_FORWARD_HEADER_RE = re.compile(
    r"^\W*(?:pesan\s+)?(?:diteruskan|forwarded|forward|fwd|fw)(?:\s+message)?\W*?\n", re.I
)


@functools.lru_cache(maxsize=256)
def _spelt(text: str) -> str:
    text = _FORWARD_HEADER_RE.sub("", text)
    read = in_makassar_read(in_betawi_read(in_sunda_read(in_english_read(as_spelt(text)))))
    read = in_banjar_read(in_bali_read(read))
    return in_voice_read(in_krama_read(in_ngoko_read(in_ngapak_read(in_sumatra_read(read)))))


# "yowes yg malang ganti slamet aja", "sing bandung sopire sopo": the trip named by where
# it goes without "ke", said with what is changed or asked of it.
_TRIP_BY_PLACE_RE = re.compile(
    rf"\b(?P<which>yg|yang|sing)\s+(?=(?:{PLACE_RE.pattern})\s+(?:\w+\s+)?"
    r"(?:(?:ganti|diganti|gantiin)(?!\s+(?:bus|bis|unit|armada)\b)|sopir\w*|supir\w*|kernet\w*)\b)",
    re.IGNORECASE,
)


# A count that is no new number of travellers: of another time, a bus's seats, so far.
_NOT_A_NEW_COUNT_RE = re.compile(
    r"\b(?:kemarin|kmrn|kemaren|lalu|muat|kapasitas|total|baru|br|daftar|naik|lengkap|udh|udah"
    r"|nginep|menginap|kamar|hotel|makan"
    r"|sudah|sdh|td|tadi)\s+(?!bu|pak)"
)
# "kernetku sp", "sopirku sapa": mine asked, as the rules read "kernetnya sp".
_MINE_ASKED_RE = re.compile(
    r"\b(?P<seat>kernet|kenek|sopir|supir)ku(?=\s+(?:sp|sapa|siapa|sopo|sinten)\W*$)",
    re.IGNORECASE,
)


# "pak agus yg bantul", "masjid yg bantul": where a client is from, not where a trip goes.
_SOMEONE_BEFORE_RE = re.compile(
    r"\b(?:pak|bu|bpk|ibu|mas|mbak|masjid|sd|smp|sma|smk|pkk|pt|cv|rombongan|tamu)\b(?:\s+\w+)?\s*$",
    re.IGNORECASE,
)


def _place_after(text: str, at: int) -> str:
    """The known place starting at `at` ("" when none), as written, case-folded."""
    m = PLACE_RE.match(text.lower(), at)
    return m.group().casefold() if m else ""


_BARE_DAYS_ASKED_RE = re.compile(
    r"^(?P<lead>\W*(?:(?:kalo|klo|kalau|kl|nek|trus|terus|trs|lha|la)\s+)?)"
    r"(?=(?:[1-9]|[12]\d|3[01])\s*-\s*(?:[1-9]|[12]\d|3[01])\s*(?:ya|pak|bu|mbak)?\W*$)"
)


def _as_read(text: str, context: ExtractionContext) -> str:
    """The words read: typing slips read as spelt ("lunass", "sopri", "dp2jt"), what was
    taken back dropped ("batal.. eh bukan batal ding, mundur ke
    tgl 19"), a teammate greeted ("pak budi, sy telat 30 menit"), "belum" as the rules
    spell it, and a bare decimal correcting an amount in millions as millions."""
    text = _PASTED_STAMP_RE.sub("", text[:2000])
    said = _NOT_YET_SPELLED_RE.sub("blm", _in_pending_scale(_spelt(text), context.pending))
    said = _sent_to_replace(said, context.bus_names)
    said = _CREW_COLON_RE.sub(r"\1 \2 ganti ", said)
    fleet = {b.casefold() for b in context.bus_names}
    said = _MINE_ASKED_RE.sub(r"\g<seat>nya", said)
    said = _TRIP_BY_PLACE_RE.sub(
        lambda m: (
            m.group()
            if _place_after(said, m.end()) in fleet or _SOMEONE_BEFORE_RE.search(said, 0, m.start())
            else f"{m['which']} ke "
        ),
        said,
    )
    topic = context.topic
    if topic is not None and topic.fields.date is not None and topic.fields.bus_count is None:
        # "kalo 14-16?" right after the free buses of 2-4 Des: days of the month asked.
        said = _BARE_DAYS_ASKED_RE.sub(r"\g<lead>tgl ", said)
    said = taken_back(_slamet_heard(said, context.team_names))
    said = person_put_right(said, context.team_names)
    said = _COURIER_RE.sub(lambda m: _courier_dropped(m, context), said)
    if context.pending is None:
        # (While something waits, a value put right is what the correction reads.)
        said = values_put_right(said)
    return unaddressed(said, context.team_names)


# Who brought the money over ("dp 5jt cash td diantar pak wakasek"): a messenger of the
# client, never a client of its own; dropped so the money stays with the booking said.
_COURIER_RE = re.compile(
    r"(?P<money>\b(?:dp|bayar\w*|pelunasan|lunas|cash|tunai|tf|transfer)\b[^.,;\n?]*?)"
    r"\s+(?:(?:td|tadi|barusan)\s+)?(?:diantar|dianter|dianterin|dibawa|dibawain)"
    r"\s+(?:(?:sama|sm|ama|oleh)\s+)?(?P<who>(?:pak|bu|bapak|ibu|mas|mbak)\s+[a-z]+)\b"
    r"(?P<self>\s+sendiri\b)?"
)


def _courier_dropped(m: re.Match[str], context: ExtractionContext) -> str:
    """The messenger left out; a client of the PO bringing his own money ("dp 2jt dianter
    pak agus", "... diantar pak hendra sendiri") stays, the payer."""
    if m.group("self") or mentioned(m.group("who").lower(), context.client_names):
        return m.group()
    return m.group("money")


# "kernet pak hendra: Dimas": the crew of a trip named, then who, after a colon (read as
# "kernet pak hendra ganti Dimas"; a form's "Sopir: Joko" names no trip and stays).
_CREW_COLON_RE = re.compile(
    r"\b(sopir\w*|supir\w*|driver\w*|kernet\w*|kenek\w*)\s+"
    r"((?:pak|bu|bapak|ibu|mas|mbak|mba|pkk|sd|smp|sma|smk|karang|masjid|pt|cv|rombongan|trip)\b"
    # (one name after it: "sopir sma 3: bus 02 slamet, bus 03 wahyu" is a list per bus.)
    r"[^:\n]{0,40}?)\s*:\s*(?=[A-Za-z]{3,20}\W*$)",
    re.IGNORECASE,
)


# A WhatsApp message pasted with its stamp ("[09.12, 30/11/2026] Bu Lestari: ...", "30/11/26
# 09.12 - Bu Lestari: ..."): when it was sent, never the trip's day or hour.
_PASTED_STAMP_RE = re.compile(
    r"^\s*\[\d{1,2}[.:]\d{2}(?:[.:]\d{2})?,\s*\d{1,2}/\d{1,2}/\d{2,4}\]\s*"
    r"|^\s*\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}\s*-\s*",
    re.MULTILINE,
)


def _sent_to_replace(text: str, fleet: tuple[str, ...]) -> str:
    """ "bus 02 tak kirim ke bandung gantiin srikandi": the bus whose place is taken named
    by its name alone, read as "gantiin bus srikandi" (the rules' word for it)."""
    names = [re.escape(n.lower()) for n in fleet if not re.fullmatch(r"(?i)(?:bus|bis)\s*\d+", n)]
    if not names:
        return text
    return re.sub(
        rf"\b((?:gantiin|gantikan|gantiken|nggantiin|menggantikan|gantiake|nggantiake)\s+)"
        rf"(?=(?:{'|'.join(names)})\b)",
        r"\1bus ",
        text,
        flags=re.IGNORECASE,
    )


# "sopirnya wahyu sama selamat": voice typing's "selamat" for Slamet where a driver is named
# (never "selamat pagi", "selamat jalan").
_SELAMAT_RE = re.compile(
    r"\b(?P<before>ganti|diganti|gantinya|pake|pakai|pak|mas|(?:sopir|supir|kernet|knek)\w*"
    r"|(?:(?:sopir|supir|kernet)\w*\s+[a-z]+\s+)?(?:sama|sm|ama))\s+selamat\b"
    r"(?!\s+(?:pagi|siang|sore|malam|jalan|datang|ulang"
    r"|sampai|sampe|tiba|hari|tahun|natal|idul|berlibur|bekerja|beristirahat))",
    re.IGNORECASE,
)


_MISHAP_RE = re.compile(
    r"\b(?:keserempet|serempet|tabrak\w*|nabrak|ditabrak|kecelakaan|kecelakan|laka|terguling"
    r"|kebalik|celaka|luka|lecet|penyok|ringsek)\b",
    re.IGNORECASE,
)


def _slamet_heard(text: str, team: tuple[str, ...]) -> str:
    if not any(name.lower().split()[-1:] == ["slamet"] for name in team):
        return text
    if _MISHAP_RE.search(text):
        return text  # "keserempet truk, sopirnya selamat": the driver is safe
    return _SELAMAT_RE.sub(lambda m: f"{m['before']} slamet", text)


def _condition_as_written(reading: Extraction, text: str) -> Extraction:
    """A condition or a note kept in the words typed ("diundur bae nganti ana kabar":
    "nganti ana kabar", "durung dp"; "overhaul mesin nang bengkel cak mat", never "ke
    bengkel"), found word for word where each word typed was read as one."""
    typed = text[:2000].split()
    read = _NOT_YET_SPELLED_RE.sub("blm", _spelt(text[:2000])).split()

    def bare(ws: list[str]) -> list[str]:
        return [w.strip(",.;:!?").lower() for w in ws]

    # Each word read to the words typed it came from ("kopling e" read as "koplingnya":
    # two typed words for one read).
    first, last = list(range(len(read))), list(range(1, len(read) + 1))
    matcher = difflib.SequenceMatcher(None, bare(read), bare(typed), autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        # Within a block, in proportion: one for one when the counts agree.
        n, m = i2 - i1, j2 - j1
        for k in range(n):
            first[i1 + k], last[i1 + k] = j1 + k * m // n, j1 + -(-(k + 1) * m // n)

    def written(value: str | None) -> str | None:
        said = (value or "").split()
        if not said:
            return value
        for i in range(len(read) - len(said) + 1):
            if bare(read[i : i + len(said)]) == bare(said):
                kept = " ".join(typed[first[i] : last[i + len(said) - 1]]).strip(" ,.;:!?")
                # "Bus 02 mogok ...": a note opened with a capital keeps it.
                return kept[:1].upper() + kept[1:] if said[0][:1].isupper() else kept
        return value

    f = reading.fields
    update = {"condition": written(f.condition), "notes": written(f.notes)}
    if update == {"condition": f.condition, "notes": f.notes}:
        return reading
    return reading.model_copy(update={"fields": f.model_copy(update=update)})


def _as_written(reading: Extraction, text: str, context: ExtractionContext) -> Extraction:
    """A report or a word to a teammate passed on as written: its typing slips kept ("ac
    bus 05 matii pak", "bsok jemput jam 5"), the words only read as spelt."""
    if _spelt(text[:2000]) == text[:2000] and values_put_right(text[:2000]) == text[:2000]:
        return reading
    if reading.fields.condition or reading.fields.notes:
        reading = _condition_as_written(reading, text)
    if reading.intent is Intent.RELAY_MESSAGE and reading.fields.message:
        typed = relay_request(
            text[:2000], context.team_names, context.recent_turns, context.bus_names
        )
        if typed is None or name_key(typed["recipient"]) != name_key(
            reading.fields.recipient or ""
        ):
            return reading
        fields = reading.fields.model_copy(update={"message": typed["message"]})
        return reading.model_copy(update={"fields": fields})
    said = reading.fields.description
    if said is None:
        return reading
    read = _as_read(text, context).strip()[:300]
    written = unaddressed(
        taken_back(_NOT_YET_SPELLED_RE.sub("blm", _in_pending_scale(text[:2000], context.pending))),
        context.team_names,
    ).strip()[:300]
    if said != read:
        # "ganti ban 4 biji 6,4jt. ket: ban ngarep gundul": a part of the message, its words
        # taken from the message as typed where they stand word for word.
        written = _same_words(read, written, said) or ""
        if not written:
            return reading
    fields = reading.fields.model_copy(update={"description": written})
    return reading.model_copy(update={"fields": fields})


def _same_words(read: str, written: str, said: str) -> str | None:
    """The words of `written` standing where `said` stands in `read`, when the two say as
    many words; None otherwise."""
    at = read.find(said)
    if at < 0 or (at and not read[at - 1].isspace()):
        return None
    read_words, typed = read.split(), written.split()
    if len(read_words) != len(typed):
        return None
    first = len(read[:at].split())
    return " ".join(typed[first : first + len(said.split())])


def _buses_as_said(reading: Extraction, said: dict[str, str]) -> Extraction:
    """The buses a reading names, as the message said them: "bis tiga" read as "bus 03" is
    given as "bis tiga" (the bus, the buses, each crew line's and paper's bus, the crew a
    word goes to: "sopir bis satu")."""

    def one(name: str | None) -> str | None:
        return said.get(name.lower(), name) if name else name

    f = reading.fields
    update: dict[str, Any] = {}
    if f.bus:
        update["bus"] = one(f.bus)
    if f.buses:
        update["buses"] = [one(b) for b in f.buses]
    if f.crew:
        update["crew"] = [c.model_copy(update={"bus": one(c.bus)}) for c in f.crew]
    if f.documents:
        update["documents"] = [d.model_copy(update={"bus": one(d.bus)}) for d in f.documents]
    if f.recipient:
        recipient = f.recipient
        for read, words in said.items():
            recipient = re.sub(rf"\b{read}\b", words, recipient, flags=re.IGNORECASE)
        update["recipient"] = recipient
    more = tuple(_buses_as_said(r, said) for r in reading.more)
    return reading.model_copy(update={"fields": f.model_copy(update=update), "more": more})


def _change_then_word(
    reader: RulesExtractor, text: str, context: ExtractionContext, relayed: Extraction
) -> Extraction:
    """ "karang taruna tgl 12 pakai bus 04 sopirnya slamet terus bilangin slamet jemputnya
    jam 6": a change of the trip, then word for the crew about it; both, the change first."""
    cut = several.parts(text)
    if context.pending is not None or relayed.more or len(cut) != 2:
        return relayed
    if reader._extract(cut[1], context).intent is not Intent.RELAY_MESSAGE:
        return relayed
    first = reader._extract(cut[0], context)
    if (
        first.intent not in ACTION_INTENTS
        or first.intent is Intent.RELAY_MESSAGE
        or first.confidence < SURE_READING
        or first.more
    ):
        return relayed
    said, message = first.fields, (relayed.fields.message or "").lower()
    times = find_times(message)
    told = bool(re.search(r"\b(?:jemput|jemputnya|berangkat|berangkatnya|brkt)\b", message))
    if (
        first.intent is Intent.UPDATE_BOOKING
        and said.depart_time is None
        and said.driver is not None
        and name_key(said.driver) == name_key(relayed.fields.recipient or "")
        and len(times) == 1
        and told
    ):
        # "... sopirnya slamet terus bilangin slamet jemputnya jam 6 pagi": the trip's time
        # told its driver is the trip's.
        fields = said.model_copy(update={"depart_time": times[0].value})
        first = first.model_copy(update={"fields": fields})
    return first.model_copy(update={"more": (relayed,)})


# Where the bus picks up, said: "jemputnya di ...", "jemput pindah ke ...".
_PICKUP_SAID_RE = re.compile(
    r"\b(?:jemput|jemputnya|penjemputan|titik\s+jemput)\s+(?:\w+\s+)?(?:di|ke)\b"
)
# Where (or when) the bus picks up, asked: "jemputnya di mana", "kumpul dmn".
PICKUP_ASKED_RE = re.compile(
    r"\b(?:jemput\w*|dijemput|penjemputan|kumpul\w*)\s+(?:di\s*mana|dimana|dmn|dmna|dmana|mana)\b"
    # Javanese: "jemput e nang ndi", "kumpul neng endi", "methuk wonten pundi".
    r"|\b(?:jemput\w*|kumpul\w*|methuk\w*)(?:\s+e)?\s+(?:(?:nang|neng|ning|wonten|teng|di)\s+)?"
    r"(?:ndi|endi|pundi)\b"
)


# A sentence telling why, not what: "joko izin tgl 19", "bus 01 lg diservis", "joko besok
# ke bengkel".
_NEWS_RE = re.compile(
    r"\b(?:izin|ijin|sakit|cuti|libur|bengkel|servis|diservis|rusak|mogok|kan|lg|lagi|opname"
    r"|nikahan|acara"
    # "pak takmir barusan ngirim bukti transfer", "sy cek mutasi": what was seen, why.
    r"|barusan|bukti|buktinya|mutasi|ternyata|lali|lupa)\b"
)
# "tak kirim bus 02 buat gantiin", "bus 04 nggo gantine": a bus sent to take another's place.
_TO_REPLACE_RE = re.compile(
    r"\b(?:buat|untuk|utk|nggo|nganggo|gawe|kanggo|biar)\s+(?:(?:nge|ng|n)?ganti(?:in|kan|ken|ne|nya)"
    r"|nggantiin|nggantikan|menggantikan)\b"
)
# "tak kirim bus 03", "sy kirimin bus 02": a bus sent out (right after another's breakdown).
_SENT_BUS_RE = re.compile(r"\b(?:kirim|kirimin|ngirim|ngirimin|dikirim|kirimke|kirimno)\s+$")
_SENT_ELSEWHERE_RE = re.compile(
    r"\b(?:ke|nang|dari|dr)\s+(?:bengkel|garasi|pool|kantor)\b|\b(?:nek|kalo|kalau|klo|kl|yen|misal)\b"
)
_WITH_MATE_RE = re.compile(
    r"\b(?:karo|sama|sm|ama|bareng|dgn|dengan)\s+(?:pak\s+|mas\s+)?[a-z]{3,}"
)
_NOT_SENT_RE = re.compile(r"\b(?:jgn|jangan|ojo|ga|gak|nggak|tidak|tdk|blm|belum)\b")


def _sent_in_place(found: Found, topic: Extraction) -> dict[str, str] | None:
    """The one bus named sent in place of the bus just talked about (a problem told)."""
    about = topic.fields.bus
    if topic.intent is not Intent.QUERY_BUS_STATUS or about is None or len(found.buses) != 1:
        return None
    sent = found.buses[0].text
    sent_word = _SENT_BUS_RE.search(found.lower, 0, found.buses[0].start)
    if sent_word and (found.client or found.dates or _SENT_ELSEWHERE_RE.search(found.lower)):
        # "kirim bus 04 buat bu dewi tgl 4", "kirim bus 03 ke bengkel", "nek ra iso, tak
        # kirim bus 03": sent for another trip, elsewhere, or only if; no stand-in yet.
        sent_word = None
    if name_key(sent) == name_key(about) or not (_TO_REPLACE_RE.search(found.lower) or sent_word):
        return None
    if "?" in found.lower or _NOT_SENT_RE.search(found.lower):
        return None  # "bus 02 udh bisa dipake buat gantiin?", "srikandi jgn buat gantiin"
    out = {"bus": sent, "replaced_bus": about}
    if found.driver is not None:
        out["driver"] = found.driver.text  # "tak kirim bus 03, joko yg bawa"
    elif found.team_member and _WITH_MATE_RE.search(found.lower):
        out["driver"] = found.team_member  # "tak kirim bus 03 karo joko"
    return out


# "tempatnya di terminal giwangan": the place, said of a pickup that waits.
_PLACE_OF_PICKUP_RE = re.compile(r"\b(?:tempat|tempatnya|tempate|lokasi|lokasinya)\s+di\b", re.I)


def _pickup_waits(context: ExtractionContext) -> bool:
    """A booking's pickup hour or place is what waits to be saved."""
    waiting = context.pending
    if waiting is None or waiting.intent not in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        return False
    return waiting.fields.depart_time is not None or waiting.fields.pickup_place is not None


# "konfirmasi jadi", "confirm jadi": the client's booking said to be on.
_CONFIRMED_ON_RE = re.compile(
    r"\b(?:konfirm\w*|confirm\w*|dikonfirm\w*)\s+(?:jadi|jd|fix|fiks)\b"
    # "pak wawan barusan wa, jadi brgkt. dp 1jt cash": the trip is on, said as a clause of
    # its own (never "mudah2an jadi berangkat", "jd brgkt ato ga", "jadi brgkt jam brp").
    r"|(?:^|[,.;!]\s*)(?:(?:katanya|udah|udh|sdh|sudah|wis|fix|positif)\s+)?(?:jadi|jd)\s+"
    r"(?:brgkt|berangkat|brangkat|brkt|mangkat|budal)\s*(?=[,.;!]|$)"
    # "karang taruna wis fix jadi. pake bus 03": agreed and on, a clause of its own.
    r"|\b(?:udah|udh|sdh|sudah|wis|wes)\s+(?:fix|fiks)(?:\s+(?:jadi|jd|dadi))?\s*(?=[,.;!]|$)"
    # "karang taruna jadi tapi pindah minggu 13 des": on, with a change.
    r"|\b(?:jadi|jd|dadi)\s*,?\s+(?=(?:tapi|tp|tpi|cuma|cuman|tp\s+nya)\s)"
)
# "blm konfirmasi jadi", "tunggu konfirmasi jadi ga nya": not on yet.
# "td yg ngabari sopir slamet": who passed the news on, no crew given.
_NEWS_BY_RE = re.compile(
    r"\b(?:ngabari|ngabarin|ngabarke|ngasih\s+tau|ngasih\s+kabar|bilang|blg|kata|info\w*|nelpon\w*"
    r"|telpon\w*|ngewa|nge-wa)\b"
)
_IF_OR_MAYBE_RE = re.compile(rf"\b(?:{IF_OR_MAYBE})\b")
_THING_FIXED_RE = re.compile(
    r"\b(?:bus|bis|harga|hrg|jam|tgl|tanggal|sopir|supir|rute|jemput\w*|dp|armada|unit)"
    r"(?:nya|ne)?\b"
)
_NOT_YET_ON_RE = re.compile(
    r"\b(?:blm|belum|tunggu|nunggu|menunggu|ga|gak|nggak|tdk|tidak|kalo|kalau|klo)\s+(?:\w+\s+)?$"
)


# "..., biayanya 450rb": what a paper's renewal cost.
_PAPER_COST_RE = re.compile(
    r"\b(?:biaya\w*|ongkos\w*|bayar\w*|abis|habis|hbs)\s+(?:\w+\s+)?(?:rp\.?\s*)?\d"
)
_RENEWED_DONE_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|barusan|td|tadi|wis)\s+(?:\w+\s+)?(?:di)?perpanjang\w*"
    r"|\bdiperpanjang\b|\bperpanjang\w*\s+(?:udh|udah|sudah|beres|selesai)\b"
    # "kir bus 01 wis lulus uji, berlaku nganti ..." (never "ga lulus uji", "moga2 lulus").
    r"|(?<!ga )(?<!gak )(?<!gk )(?<!ra )(?<!tidak )(?<!tdk )(?<!blm )(?<!belum )(?<!durung )"
    r"(?<!ora )(?<!moga2 )(?<!semoga )(?<!mugo2 )(?<!kalo )(?<!nek )\blulus\s+uji\b"
)
_ESTIMATE_RE = word_re(ESTIMATE)
# "..., jemputnya jam 6 pagi di balai desa": the trip's pickup told beside other news.
_PICKUP_TOLD_RE = re.compile(r"\b(?:jemput|jemputnya|dijemput|penjemputan|kumpul|ngumpul)\b")


def _confirmed_on(found: Found) -> bool:
    """The client said the booking is on, as done (never awaited or asked), with no day of
    its own after it ("konfirmasi jadi tgl 8" may move it)."""
    said = _CONFIRMED_ON_RE.search(found.lower)
    if said is None or "?" in found.lower or len(found.people) > 1:
        return False  # ("bu dewi dp 1jt, pak hendra wa, jadi brgkt": whose trip is on?)
    if _NOT_YET_ON_RE.search(found.lower, 0, said.start()):
        return False
    clause = re.split(r"[,.;!\n]", found.lower[: said.start()])[-1]
    if _IF_OR_MAYBE_RE.search(found.lower, 0, said.start()) or _THING_FIXED_RE.search(clause):
        # "kalo karang taruna udh fix, ...", "bu dewi mungkin jadi tapi ...": not said on;
        # "bus nya udh fix, ...", "harga bu dewi udh fix": what is settled is not the trip.
        return False
    if re.match(r"\s*(?:ga|gak|nggak|nya|tidak|tdk)\b", found.lower[said.end() :]):
        return False
    if re.match(r"(?:tapi|tp|tpi|cuma|cuman)\s", found.lower[said.end() :]):
        return True  # "jadi tapi pindah minggu 13 des": the day after it is the change's
    return not any(d.start >= said.end() for d in found.dates)


# "oh iya wahyu kernet pkk. ...", "lho sim joko abis to. ...": a remark of what one just
# remembered, no value of what waits.
_REALISED_RE = re.compile(r"\W*(?:oh+\s+iya|oh+\s+ya|oiya|o\s+iya|lho|loh|waduh|wah)\b")
_CHOSEN_THEN_WHY_RE = re.compile(
    r"([^,]*\b(?:aja|saja|ae|wae)\s+(?:deh|dh|ah|ding|dink)"
    # "eh sori, bus 04 maksudku, bus 03 mau tak pake yg lain": the value meant, then why.
    r"|[^,]*(?:,[^,]*)?\b(?:maksudku|maksude|maksud\s+(?:saya|sy|aku)))\s*,\s*(?=\S)",
    re.IGNORECASE,
)
# "bus 03 mau tak pake yg lain": kept for something else, why another is put in its place.
_FOR_ANOTHER_RE = re.compile(
    r"\b(?:pake|pakai|dipake|dipakai|buat|untuk|utk)\s+(?:yg|yang)\s+lain\b"
)
_MIND_CHANGED_RE = re.compile(r"^[^?]*\b(?:aja|saja|ae|wae)\s+(?:deh|dh|ah|ding|dink)\b[^?]*$")
# Where a sentence ends: "lho sim joko abis to. sopirnya slamet aja"; never at a short
# form's full stop with a name or a figure after it ("dp nya Rp. 2.000.000", "sopirnya
# Pak. Slamet").
_SENTENCE_END_RE = re.compile(r"(?<=[.!])\s+|\n+")
_SHORT_FORM_RE = re.compile(
    r"\b(?:rp|dp|pak|pk|bp|bpk|bu|ibu|mas|mbak|mba|sdr|sdri|no|tgl|jl|jln|kab|kec|dr|drs|ir"
    r"|h|hj|st|tk|sd|smp|sma|smk|pt|cv|ud)\.$"
)


def _sentences(text: str) -> list[str]:
    """The sentences of a message, in order, a short form's full stop ending none."""
    parts: list[str] = []
    for piece in _SENTENCE_END_RE.split(text.strip()):
        # ("abis pak. sopirnya slamet aja": a title closing a sentence, the next one lower.)
        named_next = piece[:1].isupper() or piece[:1].isdigit()
        if parts and named_next and _SHORT_FORM_RE.search(parts[-1].lower()):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece.strip():
            parts.append(piece)
    return [p for p in parts if re.search(r"[a-zA-Z]", p)]


# "sama bus 03 ...", "sekalian bus 01 ...", "bus 04 jg ...": another of the same, added.
_ALSO_BEFORE_RE = re.compile(r"\b(?:sama|sm|ama|juga|jg|sekalian|skalian|plus|karo)\s+(?:\w+\s+)?$")
_ALSO_AFTER_RE = re.compile(r"\s+(?:juga|jg|sekalian|skalian)\b")
_SLIP_WORD_RE = re.compile(
    r"\b(?:salah|keliru|bukan|bkn|harusnya|hrsnya|maksud\w*|ding|dink|deng)\b"
)


def _another_buss_reading(found: Found, pending: Extraction, corrected: dict[str, Any]) -> bool:
    """Another bus's km said, as more, while one bus's reading waits: no correction."""
    return (
        pending.intent is Intent.RECORD_ODOMETER
        and set(corrected) == {"bus", "odometer_km"}
        and pending.fields.bus is not None
        and str(corrected["bus"]).lower() != pending.fields.bus.lower()
        and any(
            b.text.lower() == str(corrected["bus"]).lower()
            and (
                _ALSO_BEFORE_RE.search(found.lower, 0, b.start) is not None
                or _ALSO_AFTER_RE.match(found.lower, b.end) is not None
            )
            for b in found.buses
        )
        and _SLIP_WORD_RE.search(found.lower) is None
    )


def _one_question(text: str) -> bool:
    """A message that is one short question and nothing else ("pake bus 02 ya?")."""
    said = text.strip()
    # ("ganti bus 02 ya?": a change asked for, never a check of what is recorded.)
    change = re.search(r"\b(?:ganti|diganti|gantiin|tuker|tukar|dituker)\b", said.lower())
    return (
        said.endswith("?")
        and not re.search(r"[.,;!?]", said[:-1])
        and len(said) <= 60
        and not change
    )


def _trip_crew_asked(topic: Extraction) -> tuple[Intent, float, dict[str, Any]]:
    """The bus and crew of the trip the last answer was about, asked."""
    about = topic.fields.stated()
    fields = {k: about[k] for k in ("client_name", "route_to", "date", "bus") if k in about}
    return Intent.QUERY_SCHEDULE, 0.8, fields | {"detail": "crew"}


_DAY_FIELDS = frozenset({"date", "ref_date", "depart_date"})
# Work done or money moved on a day, and the fields that say which day.
_DONE_ON_A_DAY = frozenset(
    {Intent.LOG_MAINTENANCE, Intent.RECORD_PAYMENT, Intent.RECORD_TRIP_COST, Intent.RECORD_ODOMETER}
)
_WHEN_DONE = frozenset({"performed_date", "paid_date", "ref_date", "date"})


class RulesExtractor:
    """IntentExtractor without network: Indonesian rules, deterministic and fast."""

    source = "rules"
    # No network call: the assistant may read, understand and answer a message in one
    # transaction (flow._handle_at_once).
    local = True

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        text = _crew_word_carried(text, context)
        asked_money = context.topic is not None and context.topic.intent in _SUMS_OF_THEIR_OWN
        waiting = context.pending if context.role is not Role.DRIVER else None
        if not asked_money and (of_it := _total_of_waiting(text, waiting)) is not None:
            return of_it
        if context.role is not Role.DRIVER and (
            pasted := statement.bank_statement(
                text, context.today, lambda line: self._extract_whole(line, context)
            )
        ):
            return pasted
        reading = self._extract_whole(text, context)
        if (
            context.pending is not None
            and reading.intent is Intent.CORRECT
            and set(reading.fields.stated()) <= {"client_name"}
            and MONEY_LATER_RE.search(text.lower())
        ):
            # "pak agus dp nya minggu depan" while a change waits: money to come, told of a
            # client, no correction of what waits.
            reading = self._extract_whole(text, context.model_copy(update={"pending": None}))
        said_so = _SAY_SO_RE.match(text)
        if (
            said_so
            and context.topic is not None
            and reading.confidence < SURE_READING
            and _of_the_office(said_so["who"], context)
            # (never one who is also a client: "kata pak agus dia mau batal")
            and not mentioned(said_so["who"].lower(), context.client_names)
            and not _THEM_ASKED_RE.search(text[said_so.end() :].lower())
        ):
            # "kata pak budi kernetnya joko" right after an answer: the owner's say-so
            # reported, what he said leaning on that answer (kept only when read sure).
            reported = self._extract_whole(text[said_so.end() :], context)
            if reported.confidence >= SURE_READING and reported.intent in ACTION_INTENTS:
                reading, text = reported, text[said_so.end() :]
        if (
            context.pending is None
            and context.topic is not None
            and context.topic.intent is Intent.QUERY_SCHEDULE
            and followup.THAT_DAY_RE.search(text.lower())
            and not _DAY_FIELDS & reading.fields.stated().keys()
            and (
                day := followup.that_day(find_all(_as_read(text, context), context), context.topic)
            )
        ):
            # "slamet kosong gak tgl itu" after the trips of Friday 4 Dec: that Friday (the
            # last answer's day, never a sentence's before it in the same message), when the
            # reading leaning on the last answer (a day's trips) did not take it.
            said = followup.THAT_DAY_RE.sub(day, text.lower(), count=1)
            on_that_day = self._extract_whole(said, context)
            if _DAY_FIELDS & on_that_day.fields.stated().keys():
                reading, text = on_that_day, said
        sender = _FORWARDED_FROM_RE.match(text)
        if sender and reading.intent is Intent.CREATE_BOOKING and not reading.fields.client_name:
            # "fwd dr bu lina: ... mau pesen bus ...": the one whose message it is books.
            fields = reading.fields.model_copy(update={"client_name": sender["who"]})
            reading = reading.model_copy(update={"fields": fields})
        reading = _contact_of_known_client(reading, text, context)
        if (asked_again := _question_put_right(reading, context)) is not None:
            return asked_again
        if (each := self._asked_of_each(reading, text, context)) is not None:
            return each
        teammate = _teammate_named(reading, context, text)
        if teammate is None:
            return reading
        # "nota pak slamet trip masjid td: solar 850rb": read again without the teammate,
        # who only says whose note it is; the trip is the one named besides.
        again = self._extract_whole(re.sub(rf"(?i)\b{re.escape(teammate)}\b", " ", text), context)
        if again.intent is reading.intent and again.fields.client_name:
            return again
        fields = reading.fields.model_copy(update={"client_name": None})
        return reading.model_copy(update={"fields": fields})

    def _asked_of_each(
        self, reading: Extraction, text: str, context: ExtractionContext
    ) -> Extraction | None:
        """ "sim slamet sm wahyu gmn": the question asked of Slamet, then of Wahyu."""
        if context.pending is not None or reading.more:
            return None
        if INTENTS[reading.intent].kind not in (IntentKind.QUERY, IntentKind.OTHER):
            return None
        if (two := pairs.each_of_two(text, context)) is None:
            return None
        first_said, second_said, first, second = two
        one, other = self.extract(first_said, context), self.extract(second_said, context)
        if one.intent is not other.intent:
            return None
        # ("pendapatan bus 01 sama bus 02 bulan ini": the income, asked once; "bus 02 sm bus
        # 03?" right after one bus's takings asks those again, of each.)
        again = context.topic is not None and one.intent is context.topic.intent
        if reading.intent not in (Intent.UNKNOWN, one.intent) and not again:
            return None
        if not (pairs.asked_of(one, first) and pairs.asked_of(other, second)):
            return None
        confidence = min(one.confidence, other.confidence)
        return one.model_copy(update={"more": (other,), "confidence": confidence})

    def _extract_whole(self, text: str, context: ExtractionContext) -> Extraction:
        if context.pending is not None and plain_yes(text[:2000], context.team_names):
            # A yes and nothing else, as the assistant tells one ("udh oke kata pak budi,
            # catet": no client named, the one who agreed).
            return self._build(Intent.CONFIRM, 0.93, {})
        if context.pending is not None and yes_with_own_verb(text[:200], context.pending):
            # "yowes hapus" while the deletion waits, "ya udah mundurin" while a move waits.
            return self._build(Intent.CONFIRM, 0.93, {})
        if context.pending is not None and (
            value_put_right := _stay_or_seat_put_right(
                context.pending, text.lower().strip(), context.team_names
            )
        ):
            # ("kernetnya bukan wahyu, slamet": read before any part of it is taken back.)
            return self._build(Intent.CORRECT, 0.85, value_put_right)
        held = _YES_HELD_RE.match(text.lower()) if context.pending is not None else None
        if held and held.end() < len(text):
            text = text[held.end() :]  # read as if the yes had not been typed
        later = _WAITING_LATER_RE.search(text.lower()) if context.pending is not None else None
        request = text[: later.start()] if later else ""
        left_for_later = later.group() if later else ""
        if (
            later
            and re.search(r"\d", request)
            and len(request.split()) >= 4
            and (
                not re.search(r"\d", left_for_later) or _amount_of_waiting(left_for_later, context)
            )
        ):
            # "catat dulu bus 02 ganti oli 600rb, yg karang taruna nanti lagi": the request
            # read on its own; the one waiting is left for later, not named in it.
            text = text[: later.start()]
        waiting = context.pending
        rest_to_come = _REST_UNPAID_RE.search(text.lower()) if waiting is not None else None
        paid_waits = waiting is not None and waiting.intent is Intent.RECORD_PAYMENT
        if rest_to_come and rest_to_come.start() > 0 and paid_waits:
            # "dp ding, sisanya blm" while a pay-off waits: why it is a DP, said, not asked.
            text = text[: rest_to_come.start()]
        if (
            waiting is not None
            and waiting.intent is Intent.CANCEL_BOOKING
            and _FEE_ASKED_RE.search(text.lower())
            and not _FEE_SAID_RE.search(text.lower())
        ):
            # "lho dp ne 3jt ora bali to?" while the cancellation waits: what cancelling
            # keeps and gives back, asked of that booking; it keeps waiting.
            about = {
                k: v for k, v in waiting.fields.stated().items() if k in ("client_name", "ref_date")
            }
            return self._build(Intent.QUERY_CANCELLATION_FEE, 0.85, about)
        if waiting is not None and _slip_taken_back(text.lower(), waiting):
            # "oh salah ding, wis bener kok 285rb" while the 285rb cost waits: the slip taken
            # back, what waits is right after all; it keeps waiting for its own "ya" (never
            # dropped as a no, never saved on these words).
            return self._build(Intent.UNKNOWN, 0.7, {})
        if waiting is not None and _CALLED_OFF_FOR_LATER_RE.match(text.lower()):
            # "eh ga sido wae, ngko bulan ngarep" while a workshop stay waits: called off,
            # for some time later with no day; nothing waits.
            return self._build(Intent.REJECT, 0.9, {})
        if waiting is not None and _TWICE_THEN_NO_RE.search(text.lower()):
            # "..., itu dobel, jgn": what waits is a record made twice; nothing is saved.
            return self._build(Intent.REJECT, 0.9, {})
        if waiting is not None and waiting.intent is not Intent.CANCEL_BOOKING:
            # "batal yg bus 02, srikandi aja": the bus refused, as "bukan bus 02" says it.
            text = _BUS_CALLED_OFF_RE.sub("bukan ", text)
            text = _AMOUNT_CALLED_OFF_RE.sub("bukan ", text)
        if waiting is not None and _dated(waiting):
            # "eh bukan, 16 smp 18 ding" while a stay of the 15th-17th waits: days said bare.
            text = _BARE_DAYS_RE.sub(_bare_days, text)
            text = _BARE_NEXT_DAY_RE.sub(_bare_next_day, text)
            text = _month_put_right(text, waiting) or text
        if waiting is not None and _NOT_SURE_WHICH_RE.search(text.lower()):
            # "2,2 atau 2,4 di' sy lupa, nanti sy cek nota na": which value is not known
            # yet; nothing is put right, what waits keeps waiting.
            return self._build(Intent.UNKNOWN, 0.7, {})
        if context.pending is not None and _HOLD_ON_RE.match(text.lower()):
            # "bentar, belon masuk kayanye, gue cek mutasi dulu": held on to check; what
            # waits keeps waiting, nothing asked.
            return self._build(Intent.UNKNOWN, 0.7, {})
        held_paper = PAPER_HELD_RE.search(text.lower()) if context.pending is not None else None
        if held_paper and context.pending and context.pending.intent is not Intent.REQUEST_PAPER:
            # "iya, tapi kwitansinya jgn dikirim dulu" while a payment waits: its paper held
            # back, no word on the payment itself.
            text = text[: held_paper.start()]
            if not re.search(r"[a-z0-9]", text.lower()):
                return self._build(Intent.UNKNOWN, 0.7, {})
        if context.pending is not None and _YES_ON_HOLD_RE.match(text.lower()):
            # "ya asal pak kades setuju", "oke tp nanti sore aja, nunggu bukti tf nya": a yes
            # on a condition, or for later; what waits keeps waiting.
            return self._build(Intent.UNKNOWN, 0.7, {})
        put_off = context.pending is not None and _PUT_OFF_FOR_NOW_RE.match(text.lower())
        chosen = re.search(r"\d[^,.]*\b(?:aja|saja|ae|wae)\b|\bganti\s+bus\b", text.lower())
        if put_off and not chosen:
            # "ditunda dulu ya, bannya msh kuat smp akhir bulan": held off, no day given.
            return self._build(Intent.REJECT, 0.9, {})
        changing = context.pending is not None and context.pending.intent in _CHANGES
        kept = _NO_CHANGE_RE.search(text.lower()) if changing else None
        before = text.lower()[: kept.start()] if kept is not None else ""
        after = text.lower()[kept.end() :] if kept is not None else ""
        # ("bus 02 nya ga usah diganti deh" while Bus 02 → 04 waits: the value kept named,
        # nothing else put right before or after it.)
        kept_alone = not re.search(r"\b(?:aja|saja|ae|wae)\b|,", before) and not re.search(
            r"[a-z0-9]", re.sub(r"\b(?:deh|dong|ya|yaa|pak|bu|mbak|mas|aja|sih|kok)\b", "", after)
        )
        kept_all = kept is not None and (_KEPT_BEFORE_RE.search(before) or kept_alone)
        if kept_all and not _BUT_RE.search(after) and "?" not in text:
            # "td udh bener 1jt. gausah dikoreksi", "tetep bus 05 aja deh, ga usah diganti":
            # whatever value is said again, no change is wanted.
            return self._build(Intent.REJECT, 0.9, {})
        whose = context.pending.fields.client_name if context.pending is not None else None
        named = _WAITING_NAMED_RE.match(text) if whose else None
        if whose and named and _names_waiting(named["who"], whose):
            # "eh yg sd jgn dulu, duite blm masuk" while SD Muhammadiyah's payment waits:
            # the one waiting named, then said of.
            text = text[named.end() :]
        # Sentences matter only to what waits: a value put right and why, said apart.
        parts = _sentences(text[:2000]) if context.pending is not None and "?" not in text else []
        chose = _CHOSEN_THEN_WHY_RE.match(text)
        if chose is not None and len(parts) == 1:
            # "eh slamet aja ding, wahyu kan baru pulang dr malang": the choice, then why.
            parts = [chose.group(1), text[chose.end() :]]
        elif chose is not None and context.pending is None:
            why = text[chose.end() :].lower()
            reason = _WHY_OPENS_RE.match(why) or _NEWS_RE.search(why)
            if reason and not (
                self._asks_on_its_own(chose.group(1), context, sure=True)
                or self._asks_on_its_own(text, context, sure=True)
            ):
                text = chose.group(1)  # read on its own, the choice alone
        head, comma, remark = text[:2000].partition(",")
        if (
            len(parts) == 1
            and comma
            and context.pending is not None
            and _SAVE_SAID_RE.search(head.lower())
            # ("ok catat, dp nya 1jt": a value of what waits, put in before it is saved.)
            and not _put_right_by(remark, context.pending, context)
            # "ya gpp catat wae, kir e lagi diurus pak budi": a yes that says to record it,
            # then news of its own after a comma, as after a full stop.
            and (yes_then := self._yes_then_request([head, remark], context)) is not None
        ):
            return yes_then
        # ("sip. bus yg kosong tgl 5 apa aja?": a yes sentence, then a question.)
        asked = _sentences(text[:2000]) if context.pending is not None and "?" in text else []
        if (yes_then := self._yes_then_request(parts or asked, context)) is not None:
            return yes_then
        if (no_then := self._no_then_request(parts, context)) is not None:
            return no_then
        if context.pending is not None and yes_after_all(text):
            # "td mau sy batalin, tp yaudah simpen aja": the mind made up at the end.
            return self._build(Intent.CONFIRM, 0.85, {})
        if self._yes_with_values_again(text, context):
            # "ya bener, solar e pas 1.350.000 sesuai nota dr mas Pri": the yes, with the
            # waiting values said again (and whose note it was).
            return self._build(Intent.CONFIRM, 0.85, {})
        if self._remark_then_no(parts, context):
            # "lho iyo wahyu rabu nyopir pak hendra. yaudah ga jadi" after the move was
            # refused: why, then a plain no to what waits (never Pak Hendra's cancellation).
            return self._build(Intent.REJECT, 0.9, {})
        if (both := self._corrections_apart(text, parts, context)) is not None:
            # Judged whole as any reading given out: words no sentence explains cap it.
            found = find_all(_as_read(text, context), context)
            return _as_written(coverage.capped(found, both)[0], text, context)
        if (put_right := self._correction_after_remark(parts, context)) is not None:
            text = put_right
        elif len(parts) == 1 and "," in parts[0]:
            # "eh solare 650rb pak, sy lali wingi ngisi meneh 50rb": the correction, then
            # why after a comma; the reason's amount is no value of what waits.
            first, why = parts[0].split(",", 1)
            reason = _WHY_OPENS_RE.match(why.lower()) or _NEWS_RE.search(why.lower())
            forgot = _FORGOT_RE.match(why.lower()) and not _ADDED_RE.search(why.lower())
            # "bus 02 aja, bus 01 tgl 2 udh dipake rombongan bu Narti": why, of another.
            forgot = forgot or self._names_another(why, context)
            if (reason or forgot) and (
                alone := self._correction_before_reason([first, why], context, bool(forgot))
            ):
                text = alone
        if (seat_said := _seat_of_client_first(text, context)) is not None:
            text = seat_said
        if (place := _PLACE_OF_PICKUP_RE.search(text)) and _pickup_waits(context):
            # "oh sama tempatnya di terminal giwangan" while a pickup's hour waits: where.
            text = f"{text[: place.start()]}jemputnya di{text[place.end() :]}"
        reading = self._read_out(text, context)
        said = units_said(text[:2000])
        return _buses_as_said(reading, said) if said else reading

    def _asks_on_its_own(self, text: str, context: ExtractionContext, sure: bool = False) -> bool:
        """ "bu dewi pake srikandi aja deh" is a request whole; "eh slamet aja ding" is not.
        `sure`: only a reading sure enough to be trusted counts."""
        try:
            reading = self._extract(text, context)
        except Exception:
            return True
        trusted = not sure or reading.confidence >= SURE_READING
        # A correction of the last record may be the choice itself, its value taken from
        # the reason ("..., wahyu kan baru pulang tgl 3"): no request of its own.
        taken_back = reading.intent in (Intent.CORRECT_LAST, Intent.UNDO_LAST)
        return reading.intent in ACTION_INTENTS and trusted and not taken_back

    def _names_another(self, said: str, context: ExtractionContext) -> bool:
        """ "... udh dipake rombongan bu Narti", "... sesuai nota dr mas Pri": someone named
        in what is said after a value put right, not the client of what waits."""
        named = find_all(_as_read(said, context), context).client
        if named is None or context.pending is None or not _WHY_WORD_RE.search(said.lower()):
            return False  # ("transfer, dari bu dewi": whose it is, put right)
        whose = context.pending.fields.client_name
        return not (whose and same_client(named.text, whose))

    def _remark_of_another(self, sentence: str, context: ExtractionContext) -> bool:
        """ "oh iya wahyu kernet pkk.", "lho bu dewi tgl 4 to.": what was just remembered
        of another client's trip, a remark of why, never a value of what waits ("oh iya
        1,5jt" puts the waiting amount right)."""
        if not _REALISED_RE.match(sentence.lower()) or context.pending is None:
            return False
        named = find_all(_as_read(sentence, context), context).client
        if named is None:
            return False
        whose = context.pending.fields.client_name
        return not (whose and same_client(named.text, whose))

    def _remark_then_named(self, head: str, tail: str, context: ExtractionContext) -> bool:
        """ "oh iya wahyu bsk jd kernet. sopir pak hendra ganti slamet aja" while Pak
        Hendra's move waits: what was just remembered, then the correction naming whose
        trip it is; the remark names no one of what waits."""
        whose = context.pending.fields.client_name if context.pending else None
        if not whose or not _REALISED_RE.match(head.lower()):
            return False
        named = find_all(_as_read(tail, context), context).client
        if named is None or not same_client(named.text, whose):
            return False
        # (Of people only: a bus or money said in it would be a request of its own.)
        said = find_all(_as_read(head, context), context)
        return said.client is None and not (said.buses or said.money)

    def _yes_then_request(self, parts: list[str], context: ExtractionContext) -> Extraction | None:
        """ "yo catet. pkk dipindah bus 04 wae" while Bus 03's workshop stay waits: a plain
        yes to what waits, then a request of its own (proposed after it is applied) or a
        question (answered after it), never a value put into what waits."""
        waiting = context.pending
        if len(parts) < 2 or waiting is None or "?" in parts[0]:
            return None
        if not (plain_yes(parts[0]) or yes_with_own_verb(parts[0], waiting)):
            return None  # ("ya kirim. trus bilangin bu sari ...": the yes in the action's verb)
        said = " ".join(parts[1:])
        rest = self._read_out(said, context.model_copy(update={"pending": None}))
        asked = rest.intent in QUERY_INTENTS or rest.intent is Intent.REQUEST_PAPER
        if "?" in said and (_BUT_RE.match(said.lower()) or _checks_waiting(rest, waiting)):
            return None  # "ok. tp bus 03 tgl 5 kosong ga?": what waits checked, not yet a yes
        if rest.intent not in ACTION_INTENTS and not (asked and rest.confidence >= SURE_READING):
            return None
        if asked and yes_naming_it(" ".join(parts), waiting):
            return None  # "ok. yg makan td ya" while the meal's cost waits: the yes names it
        whose, named = waiting.fields.client_name, rest.fields.client_name
        theirs = named is None or bool(whose and same_client(named, whose))
        if waiting.intent is Intent.RELAY_MESSAGE:
            # ("ya kirim. trus bilangin bu sari ...": word for another is word of its own.)
            was, now = waiting.fields.recipient or "", rest.fields.recipient or ""
            theirs = name_key(was) == name_key(now)
        if rest.intent is waiting.intent and theirs:
            return None  # "ya. bu dewi dp 1,5jt" while her DP waits: that value put right
        yes = self._build(Intent.CONFIRM, 0.93, {})
        return yes.model_copy(update={"more": (rest.model_copy(update={"more": ()}), *rest.more)})

    def _yes_with_values_again(self, text: str, context: ExtractionContext) -> bool:
        """A yes clause, then only values of what waits said again."""
        waiting = context.pending
        head, _, rest = text.partition(",")
        if not rest.strip() and (run := _YES_RUN_RE.match(text.lower())) is not None:
            head, rest = text[: run.end()], text[run.end() :]  # "iya bener diundur ke minggu"
        if waiting is None or not rest.strip() or "?" in text or not plain_yes(head):
            return False
        said = find_all(_as_read(rest, context), context)
        if waiting.intent is Intent.DECLINE_TRIP and said.dates:
            # "iye pak bener, aye kaga bisa tgl 28, mesti ke Bekasi": the day declined said
            # again, with why (never "ya tgl 28 ga jadi izin": taken back).
            declined = DECLINE_RE.search(said.lower) and not RETRACT_RE.search(said.lower)
            return bool(declined) and all(d.date == waiting.fields.ref_date for d in said.dates)
        put_right = correction_fields(said, waiting, None)
        if not _FEE_QUALIFIED_RE.search(rest.lower()):
            # ("iya dp nya hangus separo aja", "..., tapi dikasih keringanan": a new fee.)
            put_right |= _fee_agreed(waiting, said) or {}
        put_right.pop("client_name", None)  # ("... sesuai nota dr mas Pri": whose note)
        had = {k: str(v) for k, v in waiting.fields.stated().items()}
        changed = {k for k, v in put_right.items() if had.get(k) != str(v)}
        # ("diundur ke minggu" while the move to Sunday the 28th waits: that day's name.)
        changed = {k for k in changed if not _weekday_of(had.get(k), rest.lower())}
        # ("iya dp nya hangus" while the cancellation keeping the DP waits: that said again.)
        return not changed and bool(said.money or said.dates or said.buses or put_right)

    def _remark_then_no(self, parts: list[str], context: ExtractionContext) -> bool:
        """A remark, then a plain no with nothing else in it as the last sentence."""
        if len(parts) < 2 or context.pending is None or len(words(parts[-1])) > 5:
            return False
        if SLIP_RE.search(parts[-1]) or not _FLAT_NO_RE.search(parts[-1].lower()):
            return False  # ("bukan tgl 15, tgl 16. td sy salah liat kalender": why, owned)
        if _YES_OPENS_RE.match(parts[0].lower()) or _SOMEONE_ELSE_RE.search(parts[-1].lower()):
            return False  # ("iya. ga ada lagi": a yes; "pak hendra td telpon. dia batal": news)
        if self._read_out(parts[0], context).intent is Intent.CORRECT:
            return False
        said = find_all(parts[-1], context.model_copy(update={"pending": None}))
        if said.money or said.dates or said.buses or said.client is not None:
            return False
        return self._read_out(parts[-1], context).intent is Intent.REJECT

    def _no_then_request(self, parts: list[str], context: ExtractionContext) -> Extraction | None:
        """ "ga usah, blm kok. catet dp karang taruna 1jt cash aja" while Pak Hendra's pay-off
        waits: a no to what waits, then a request of its own, read as that request marked
        as dropping what waits (proposed once it is dropped), never left standing beside
        it."""
        waiting = context.pending
        if len(parts) < 2 or waiting is None:
            return None
        no = self._read_out(parts[0], context)
        if no.intent is not Intent.REJECT or len(words(parts[0])) > 10:
            return None
        if SLIP_RE.search(parts[0]):
            return None  # "eh salah, bukan masjid. yg lunas pak hendra": put right, no plain no
        alone = context.model_copy(update={"pending": None})
        said = find_all(parts[0], alone)
        if said.money or any(not d.relative for d in said.dates):
            return None  # "bukan kir, stnk nya yg smp 20 juni": a value put right, no plain no
        rest = self._read_out(" ".join(parts[1:]), alone)
        whose_said = said.client or (said.people[0] if said.people else None)
        if whose_said is not None and rest.fields.client_name is None and rest.confidence < 0.85:
            # "eh jgn, pak hadi cuma mundur. undur 1 minggu aja": whose, said in the no.
            rest = self._read_out(f"{whose_said.text} {' '.join(parts[1:])}", alone)
        taking_back = (Intent.CORRECT_LAST, Intent.UNDO_LAST)
        if rest.intent not in ACTION_INTENTS or rest.intent in taking_back:
            return None  # ("bukan, nominalnya udh bener kok. cuma bayarnya tf bri": put right)
        if rest.confidence < 0.85:
            return None
        whose, named = waiting.fields.client_name, rest.fields.client_name
        theirs = named is None or bool(whose and same_client(named, whose))
        if rest.intent is waiting.intent and theirs and not _other_kind(rest, waiting):
            return None  # "ga. dp nya 3jt aja": a value of what waits, put right
        return rest.model_copy(update={"drops_waiting": True})

    def _read_out(self, text: str, context: ExtractionContext) -> Extraction:
        try:
            reading = self._extract(text, context)
            if reading.intent is Intent.RELAY_MESSAGE:
                reading = _change_then_word(self, text, context, reading)
            if reading.intent is Intent.UNKNOWN and (why := _REASON_CLOSING_RE.search(text)):
                # "ganti slamet wae, wahyu ben ngaso sik": the request, then why; the
                # request read without the reason that hid it.
                request = self._extract(text[: why.start()], context)
                if request.intent in ACTION_INTENTS:
                    reading = request
            if (checked := _pickup_checked(reading, text, context)) is not None:
                return checked
            crew_task = (
                road_task_for(text, context.team_names)
                if context.role is not Role.DRIVER and context.pending is None
                else None
            )
            if crew_task is not None:
                # "jok tolong besok jemput pak hendra jam 5": word for Joko, not a change of
                # Pak Hendra's pickup.
                return self._build(Intent.RELAY_MESSAGE, 0.85, crew_task)
            if reading.intent is Intent.UNKNOWN and _crew_checked(text, context.team_names):
                # "oh iya sd muh. joko yg bawa kan?": who drives the trip, asked back (its
                # card answers it), never a word to pass on to Joko.
                trip = fields_for(Intent.QUERY_SCHEDULE, find_all(_as_read(text, context), context))
                trip.pop("driver", None)
                return self._build(Intent.QUERY_SCHEDULE, 0.8, {**trip, "detail": "crew"})
            if (
                reading.intent is Intent.UNKNOWN
                and context.role is not Role.DRIVER
                and context.pending is None
                and (addressed := addressed_request(text, context.team_names)) is not None
            ):
                # "sari, tolong tagih bu rina" with nothing else made of it: word for her.
                return self._build(Intent.RELAY_MESSAGE, 0.8, addressed)
            if reading.intent is Intent.UNKNOWN and (asked := collect_asked(text, context)):
                # "tolong ditagih" from the owner right after a balance: word to the admin.
                return self._build(Intent.RELAY_MESSAGE, 0.8, asked)
            # Only the reading given out is capped: a part of a message read on its own
            # inside (several.py) is judged by its own words.
            found = find_all(_as_read(text, context), context)
            if (
                reading.intent is Intent.RECORD_DOCUMENT
                and reading.fields.bus
                and reading.fields.date
                and not reading.more
                and len(found.money) == 1
                and _PAPER_COST_RE.search(found.lower)
                and _RENEWED_DONE_RE.search(found.lower)
                and not _ESTIMATE_RE.search(found.lower)
            ):
                # "KIR bus 01 udah diperpanjang, berlaku sampe 20 des 2027, biayanya 450rb":
                # the new expiry, then what the renewal cost the bus, proposed after it.
                kind = reading.fields.document_kind
                paid = {
                    "bus": reading.fields.bus,
                    "maintenance_type": MaintenanceType.OTHER.value,
                    "cost": found.money[0].value,
                    "description": f"perpanjang {kind.label if kind else 'surat'}",
                }
                cost = self._build(Intent.LOG_MAINTENANCE, reading.confidence, paid)
                reading = reading.model_copy(update={"more": (cost,)})
            if (
                reading.intent is Intent.RECORD_PAYMENT
                and reading.fields.client_name
                and not reading.more
                and (told_at := _PICKUP_TOLD_RE.search(found.lower)) is not None
                and "?" not in found.lower
                and all(t.start > told_at.start() for t in found.times)
            ):
                # "karang taruna dp 1jt tf, jemputnya jam 6 pagi di balai desa": the DP,
                # then the trip's pickup, proposed after it (never dropped unsaid).
                told = fields_for(Intent.UPDATE_BOOKING, found)
                pickup: dict[str, Any] = {
                    k: told[k] for k in ("depart_time", "pickup_place") if k in told
                }
                if pickup:
                    whose: dict[str, Any] = {"client_name": reading.fields.client_name, **pickup}
                    change = self._build(Intent.UPDATE_BOOKING, reading.confidence, whose)
                    reading = reading.model_copy(update={"more": (change,)})
            reading, left = coverage.capped(found, reading)
            questioned = reading.intent in QUERY_INTENTS or reading.intent is Intent.HELP
            unsure = reading.confidence < SURE_READING
            if (unsure or questioned) and (said := _in_indonesian(text)) != text:
                # "pengeluarane piro?", "biayane opo wae?": a question asked in Javanese is
                # read in Indonesian. Only a question: what a record keeps as written (a
                # description, a note) stays in the words it was said in.
                in_words = find_all(_as_read(said, context), context)
                javanese, unsaid = coverage.capped(in_words, self._extract(said, context))
                unread = reading.intent is Intent.UNKNOWN
                if (javanese.intent in QUERY_INTENTS or javanese.intent is Intent.HELP) and (
                    (unsure and (unread or javanese.confidence > reading.confidence))
                    or _reads_more(javanese, reading)
                ):
                    reading, found, left = javanese, in_words, unsaid
            crew_change = reading.intent in (Intent.UPDATE_BOOKING, Intent.CORRECT)
            if found.crew_of and crew_change and (reading.fields.kernet or reading.fields.driver):
                # "kernet joko slamet": Joko says whose trip, the assistant finds it; so does
                # Wahyu in "slamet gantiin wahyu".
                reading = reading.model_copy(update={"crew_of": found.crew_of})
            if (
                reading.intent is Intent.QUERY_SCHEDULE
                and reading.fields.detail is None
                and PICKUP_ASKED_RE.search(found.lower)
            ):
                # "jadwalnya siapa aja yg jalan terus jemputnya di mana": the whole trips,
                # and where each picks up (the contract's reading unchanged).
                reading = reading.model_copy(update={"asks_pickup": True})
            if left and reading.confidence < SURE_READING:
                log.debug("words unexplained", extra={"unexplained": left})
            reading = _money_left_shown(found, reading, left)
            money_told = reading.intent is Intent.RECORD_PAYMENT
            changed = (
                reading.intent is Intent.UPDATE_BOOKING
                and context.pending is None
                and not _PRICE_FIELDS & reading.fields.stated().keys()
            )
            if (
                (money_told or changed)
                and reading.fields.client_name
                and not reading.more
                and _confirmed_on(found)
            ):
                # The booking's confirmation said beside: after the DP (the contract's
                # reading) in "karang taruna konfirmasi jadi, dp 500rb cash"; before the
                # change in "karang taruna wis fix jadi. pake bus 03, sopir slamet".
                whose = {"client_name": reading.fields.client_name}
                confirmed = self._build(Intent.CONFIRM_BOOKING, reading.confidence, whose)
                reading = (
                    reading.model_copy(update={"more": (confirmed,)})
                    if money_told
                    else confirmed.model_copy(update={"more": (reading,)})
                )
            if (
                context.pending is None
                and reading.intent is Intent.CONFIRM_BOOKING
                and reading.fields.client_name
                and not reading.more
                and len(found.people) == 1
                and not _NEWS_BY_RE.search(found.lower)
            ):
                # "bu dewi jadi besok, konfirmasi ya. sopir slamet": the confirmation, then
                # the crew or bus said with it (never dropped unsaid).
                told = fields_for(Intent.UPDATE_BOOKING, found)
                crew: dict[str, Any] = {
                    k: told[k] for k in ("bus", "driver", "kernet") if k in told
                }
                if crew:
                    whose = {"client_name": reading.fields.client_name, **crew}
                    change = self._build(Intent.UPDATE_BOOKING, reading.confidence, whose)
                    reading = reading.model_copy(update={"more": (change,)})
            if reading.intent in QUERY_INTENTS and reading.more and _BROKE_DOWN_RE.search(text):
                # "hr ini bus yg kosong apa aja? bus 01 mogok di secang": why it is asked; a
                # bus broken down on the road is no workshop stay to record unasked.
                kept = tuple(m for m in reading.more if m.intent is not Intent.UPDATE_BUS_STATUS)
                reading = reading.model_copy(update={"more": kept})
            return _as_written(reading, text, context)
        except Exception:
            # Never raise for odd text (the port's promise): a bug in one rule must not take
            # the conversation down; `unknown` at low confidence lets Claude or the user retry.
            return Extraction(intent=Intent.UNKNOWN, confidence=0.3, source="rules")

    def _correction_after_remark(self, parts: list[str], context: ExtractionContext) -> str | None:
        """ "lho sim joko abis to. sopirnya slamet aja", "waduh kir bus 01 abis. yg bus 01
        ganti bus 03 aja" while a booking waits: a remark of why, then the correction; the
        last sentence alone is what is read. Only when the remark answers nothing of what
        waits, and asks and records nothing on its own (a paper run out is word, never a
        record). `parts`: the message's sentences, none unless something waits."""
        if len(parts) < 2:
            return None
        if (why := self._correction_before_reason(parts, context)) is not None:
            return why
        head, tail = " ".join(parts[:-1]), parts[-1]
        try:
            corrected = self._extract(tail, context)
            if corrected.intent is not Intent.CORRECT or corrected.confidence < SURE_READING:
                return None
            # "jgn bus 03, itu dipake rombongan bu lastri tgl 19. bus 01 aja": the value
            # refused and why (its names and days no request and no value of what waits).
            if _REFUSED_WHY_RE.match(head.lower()):
                return tail
            if self._remark_then_named(head, tail, context):
                return tail
            realised = self._remark_of_another(head, context)
            if not realised and self._extract(head, context).intent is Intent.CORRECT:
                return None  # "bukan 3 bus, 4 bus. harganya jd 60jt": both put right
            alone = self._extract(head, context.model_copy(update={"pending": None}))
        except Exception:
            return None  # the whole message is read as it is (_read_out never raises)
        word_only = alone.intent is Intent.RECORD_DOCUMENT and alone.fields.detail is not None
        # "oh iya sim joko abis tgl 25. ganti slamet aja sopirnya" after the waiting trip's
        # warning of it: the paper of the crew in what waits, remembered, no renewal.
        holder, crew = (
            alone.fields.driver,
            context.pending.fields.driver if context.pending else None,
        )
        remembered = alone.intent is Intent.RECORD_DOCUMENT and bool(
            _REALISED_RE.match(head.lower())
            and holder
            and crew
            and name_key(holder) == name_key(crew)
        )
        if alone.intent in ACTION_INTENTS and not (word_only or remembered):
            return None
        return tail

    def _corrections_apart(
        self, text: str, parts: list[str], context: ExtractionContext
    ) -> Extraction | None:
        """ "salah, bukan joko, slamet. wahyu kernet", "salah, tgl 6. 3 hari" while something
        waits: each sentence (`parts`) puts another value right; together, one correction.
        None when one says a value again, names another client, or tells why."""
        if len(parts) < 2 or context.pending is None:
            return None
        if self._remark_of_another(parts[0], context):
            return None  # "oh iya wahyu kernet pkk. ...": what was remembered, then the value
        fields: dict[str, Any] = {}
        sure = 1.0
        waiting = context.pending
        for part in parts:
            # Each sentence read against what waits as the ones before it put it right
            # ("salah, tgl 6. 3 hari": three days from the 6th); one putting right again
            # what another did ("bukan bus 01, bus 02. sama bus 03") is read whole instead.
            try:
                reading = self._extract(part, context.model_copy(update={"pending": waiting}))
            except Exception:
                return None
            if reading.intent is not Intent.CORRECT or reading.confidence < SURE_READING:
                return None
            said = reading.fields.stated()
            if set(said) & set(fields) or ("client_name" in said and fields):
                return None  # said again, or another client's ("jam 7. pak hendra jg jam 7")
            if fields and _NEWS_RE.search(part.lower()):
                return None  # "joko izin tgl 19": why, not a value of what waits
            fields.update(said)
            sure = min(sure, reading.confidence)
            merged = waiting.fields.stated() | said
            waiting = waiting.model_copy(update={"fields": ExtractedFields.model_validate(merged)})
        whole = self._extract(text, context)
        covered = set(whole.fields.stated())
        if whole.fields.crew:
            # "salah, bus 01 sopirnya slamet. wahyu yg bus 02": crew per bus says whose bus.
            covered |= {"bus", "driver", "kernet"}
        if whole.intent is Intent.CORRECT and covered >= set(fields):
            return None  # read whole, it says all of it ("bus 02 sama bus 04 ya. supir ...")
        return self._build(Intent.CORRECT, sure, fields)

    def _correction_before_reason(
        self, parts: list[str], context: ExtractionContext, forgot: bool = False
    ) -> str | None:
        """ "eh salah, bukan joko, slamet. joko kan lg izin": the correction, then why; the
        first sentence alone is what is read, the reason neither a request of its own nor a
        value of what waits."""
        first, rest = parts[0], " ".join(parts[1:])
        if self._remark_of_another(first, context):
            return None  # "lho bu dewi tgl 4 to. ...": a remark first, never the correction
        try:
            corrected = self._extract(first, context)
            if corrected.intent is not Intent.CORRECT or corrected.confidence < SURE_READING:
                return None
            reason = self._extract(rest, context)
            chosen = [
                str(v).lower()
                for k, v in corrected.fields.stated().items()
                if k in ("driver", "kernet")
            ]
            if any(re.search(rf"\b{re.escape(name)}\b", rest.lower()) for name in chosen):
                return None  # "... wahyu aja. eh tp wahyu jg libur ding": the one chosen, doubted
            # "joko izin tgl 19", "joko kan senin mau ke bandung, biar istirahat": why.
            why = _WHY_OPENS_RE.match(rest.lower()) is not None
            # "bukan dp pak, itu pelunasan. dp nya udh bulan lalu": of the one refused.
            why = why or _of_the_refused(first, rest) or bool(_FOR_ANOTHER_RE.search(rest.lower()))
            why = why or forgot  # ("sy lali wingi ngisi meneh 50rb": why the figure is more)
            # ("1,2jt mbak, td sy salah ketik. yg 1jt itu dp pak Yunus": of another client.)
            why = why or self._names_another(rest, context)
            news = _NEWS_RE.search(rest.lower()) is not None or why
            if not news and (reason.intent is Intent.CORRECT or reason.fields.stated()):
                return None
            whole = self._extract(" ".join(parts), context)
            more = set(whole.fields.stated()) - set(corrected.fields.stated())
            if not news and whole.intent is Intent.CORRECT and more:
                return None  # "salah, 350rb. tol": read whole, the second sentence says more
            alone = self._extract(rest, context.model_copy(update={"pending": None}))
        except Exception:
            return None
        word_only = alone.intent is Intent.RECORD_DOCUMENT and alone.fields.detail is not None
        return None if alone.intent in ACTION_INTENTS and not (word_only or why) else first

    def _of_trip_shown(
        self, text: str, found: Found, context: ExtractionContext
    ) -> Extraction | None:
        """ "diundur 2 hari ya", "yowes konfirmasi aja", "batalin aja" right after one
        client's trip was shown (and nothing waits): that trip moved, confirmed, cancelled
        or done, read as if its client had been named. Only a reading the name makes sure
        of, and only what is done to a booking (a payment or a question is not leaned)."""
        client = _trip_shown(context)
        if client is None or found.client is not None:
            return None
        fee_asked = context.topic is not None and context.topic.intent in _FEE_OF_TRIP
        if fee_asked and found.dates:
            return None  # "yg tgl 12 dibatalin aja" after a fee: the trip of that day
        if found.team_member or found.driver or found.kernet or found.buses or found.route.route_to:
            # Crew and buses given are followup.change's; "yg ke bandung sopirnya ganti
            # slamet" names another trip by its place.
            return None
        unleaned = context.model_copy(update={"topic": None})
        alone = self._extract(text, unleaned)
        if alone.intent not in _TRIP_LIFECYCLE | {Intent.UNKNOWN}:
            return None  # "eh salah nominal, harusnya 2,5jt" after a payment: its correction
        # ("oke. pesertanya 45 org ya, tadi bu ketua wa": how many travel, told of it.)
        counted = (
            found.passengers is not None
            and "?" not in text
            and not found.money
            and context.role is not Role.DRIVER
            and not _NOT_A_NEW_COUNT_RE.search(found.lower)
        )
        if alone.intent is Intent.UNKNOWN and not (_TRIP_ORDER_RE.search(found.lower) or counted):
            return None  # "ga jadi deh", "ok beres": no order given to the trip
        named = self._extract(f"{client}, {text}", unleaned)
        if "?" in text and named.intent in _TRIP_LIFECYCLE:
            # "udh selesai?", "jadi batal?": asked of the trip, never done to it; its card
            # (which says whether it is done or confirmed) answers.
            named = self._build(Intent.QUERY_SCHEDULE, 0.8, {"client_name": client})
        if named.intent not in _TRIP_LIFECYCLE | {Intent.QUERY_SCHEDULE}:
            return None
        if named.confidence < SURE_READING:
            return None
        if not same_client(named.fields.client_name or "", client):
            return None
        return named

    def _extract(self, text: str, context: ExtractionContext) -> Extraction:
        text = _as_read(text, context)
        found = find_all(text, context)
        waiting = context.pending
        named = followup.them(found, context.topic if waiting is None else waiting)
        if named is not None:
            # The pronoun stands for the client just talked about: read as if named. While
            # an action waits, the client of that action, and only for a question ("mereka
            # brgkt tgl brp sih" while SD Muhammadiyah's payment waits): "tak tanya dulu ke
            # orangnya" must not rename it. A reading the name does not make sure is no
            # reading of it ("bentar, tak tanya dulu ke orangnya" is no change of that
            # client's booking).
            leaned = self._extract(
                followup.THEM_RE.sub(named, found.lower),
                context if waiting is None else context.model_copy(update={"pending": None}),
            )
            a_question = waiting is None or leaned.intent in QUERY_INTENTS
            if leaned.confidence >= SURE_READING and a_question:
                return leaned
        swap_first = (
            followup.swap_said_with_fault(found, context.topic) if waiting is None else None
        )
        if swap_first is not None:
            clause, at_fault = swap_first
            leaned = self._extract(clause, context)
            if leaned.intent is Intent.UPDATE_BOOKING and leaned.confidence >= SURE_READING:
                given_up = leaned.fields.model_copy(update={"replaced_bus": at_fault})
                return leaned.model_copy(update={"fields": given_up})
        payer = followup.paid_by_them(found, context.topic) if waiting is None else None
        if payer is not None:
            leaned = self._extract(f"{payer} {text}", context.model_copy(update={"topic": None}))
            if leaned.intent is Intent.RECORD_PAYMENT and leaned.confidence >= SURE_READING:
                return leaned
        asked_for = _ASKED_BY_RE.match(text.lower())
        team = {name_key(n) for n in context.team_names}
        if asked_for and name_key(asked_for.group("name")) in team:
            # "pak budi nanya bulan ini udh masuk brp?": the question, asked for a teammate
            # (answered here; no word to pass on to him). Of his own trips ("joko nanya
            # jadwalnya besok") the question keeps his name.
            for_them = self._extract(text[asked_for.end() :], context)
            # ("pak budi minta rekap trip slamet bulan ini": another's trips, named.)
            named = for_them.fields.driver or for_them.fields.client_name
            if for_them.intent in _ASKED_FOR_ANOTHER or (
                for_them.intent is Intent.QUERY_SCHEDULE and named
            ):
                return for_them
        relayed = relay_request(text, context.team_names, context.recent_turns, context.bus_names)
        if relayed is not None and context.pending is None and len(cut := several.parts(text)) > 1:
            said = several.requests(cut, self._parts(cut, context))
            folded = self._told_crew_folded(said, context)
            if len(folded) < len(said) or several.word_beside_actions([r for _, r in said]):
                # The word to the crew is the change's own pickup: the change, told to them
                # when it is saved. Other word beside a change ("... sopirnya slamet. trus
                # bilangin slamet jangan telat") is proposed after it.
                head, *rest = [r for _, r in folded]
                return head.model_copy(update={"more": tuple(rest)})
        if relayed is not None:
            # "tolong kabarin pak budi sy telat 30 menit": word for a teammate, whatever
            # else the words look like (a time, a day, a place are the message's own).
            waiting = context.pending
            if waiting is not None and waiting.intent is Intent.RELAY_MESSAGE:
                if name_key(waiting.fields.recipient or "") == name_key(relayed["recipient"]):
                    # Said again to the same person while the first waits: it replaces it.
                    return self._build(Intent.CORRECT, 0.9, relayed)
                was = waiting.fields.recipient
                if who := recipient_put_right(text, context.team_names, was):
                    # "bukan pak joko, kabarin ke pak slamet aja": the same word, for another.
                    return self._build(Intent.CORRECT, 0.9, {"recipient": who})
            return self._build(
                Intent.RELAY_MESSAGE, 0.9, relayed | _trip_day(relayed, found, context)
            )
        topic = context.topic.intent if context.topic is not None else None
        paper = paper_request(found, after_paper=topic is Intent.REQUEST_PAPER)
        if context.pending is None and (bare := _bare_amount(found)) is not None:
            # "3500000" alone: what it is for is asked (the conversation keeps the amount).
            return self._build(Intent.UNKNOWN, 0.7, {"amount": bare})
        if (
            context.pending is None
            and context.topic is not None
            and context.topic.intent is Intent.UNKNOWN
            and (amount := context.topic.fields.amount) is not None
            and not found.money
        ):
            # "itu dp dr bu dewi td" right after a bare "3500000": what the amount was for.
            told = self._extract(f"{text} {amount}", context.model_copy(update={"topic": None}))
            if told.intent in ACTION_INTENTS and told.fields.amount == amount:
                return told
        if paper is not None:
            return self._build(Intent.REQUEST_PAPER, 0.9, _paper_of_topic(paper, context))
        if (given := followup.asked_then_given(found)) is not None:
            # "trip bu dewi tgl 4 blm ada sopirnya kan? kasih slamet aja": the instruction.
            return self._build(*given)
        if (given := followup.given_to_trip(found)) is not None:
            return self._build(*given)  # "yg tgl 12 kasih srikandi aja"
        sig = signals(found, context)
        if context.topic is not None:
            # "kalo minggu ini", "jemputnya dmn": a question leaning on the last answer is
            # answered even while an action waits (it never corrects the action); a change
            # of the trip just talked about ("pake wahyu aja") or a renewal of the paper just
            # asked ("udh diperpanjang smp 20 des 2027") only when nothing waits.
            leaning = followup.question(found, context.topic, context.recent_turns)
            if context.pending is not None and followup.one_free_taken(found, context.topic):
                leaning = None  # "srikandi aja" after the free buses: for what waits
            if context.pending is not None and _MIND_CHANGED_RE.search(found.lower):
                leaning = None  # "eh bus 03 aja deh": a value chosen for what waits, not asked
            if context.pending is not None and yes_naming_it(text, context.pending):
                leaning = None  # "ok. yg makan td ya" while the meal's cost waits: a yes to it
            if leaning is None and context.pending is None:
                seat = followup.seat_asked(context.recent_turns)
                leaning = followup.change(found, context.topic, seat)
                if leaning is not None and context.role is Role.DRIVER and _one_question(text):
                    # "pake bus 02 ya?" of a driver after his trip's card: he checks the
                    # trip's bus and crew, he changes nothing (drivers change no booking).
                    leaning = _trip_crew_asked(context.topic)
                leaning = leaning or followup.pickup_given(found, context.topic)
                leaning = leaning or followup.renewal(found, context.topic)
                leaning = leaning or followup.renewal_planned(found, context.topic)
            if leaning is not None:
                return self._build(*leaning)
            if context.pending is None and (shown := self._of_trip_shown(text, found, context)):
                return shown
            bus_asked = context.topic.fields.bus
            if context.pending is None and (sent := _sent_in_place(found, context.topic)):
                # "ok jok tunggu, tak kirim bus 02 buat gantiin" right after Bus 03's
                # breakdown was told: Bus 02 takes its place on the trip; unsure, checked.
                return self._build(Intent.UPDATE_BOOKING, 0.7, sent)
            if context.pending is None and bus_asked and found.bus_status and not found.buses:
                # "yowes, bar seko malang langsung mlebu bengkel jumat smp minggu" right
                # after whether Bus 02 is free: that bus's workshop days.
                of_bus = self._extract(
                    f"{bus_asked} {text}", context.model_copy(update={"topic": None})
                )
                if of_bus.intent is Intent.UPDATE_BUS_STATUS:
                    return of_bus
        if context.pending is not None and (
            owed := followup.balance_of_waiting(found, context.pending)
        ):
            return self._build(*owed)  # "eh bentar, sisanya emg 8jt kan?" while a payment waits
        if context.pending is not None and (
            waiting_trip := followup.about_waiting(found, context.pending)
        ):
            # "itu aslinya brgkt tgl brp to" while a move waits: the trip as it is now.
            return self._build(*waiting_trip)
        if context.pending is not None and _asks_if_done(found):
            # "trs jam jemputnya udh diganti?" while the change waits: no correction (its
            # "jemputnya" would read the rest as a pickup place); the assistant says not yet.
            return self._build(Intent.UNKNOWN, 0.7, {})
        if context.pending is not None and (reworded := _word_put_right(context.pending, text)):
            # "eh jam 4 ding, bukan jam 3" while word for the drivers waits: its words mended
            # (and the hour it carries, when it carries one).
            mended: dict[str, Any] = {"message": reworded}
            hours = find_times(text.lower())
            if context.pending.fields.depart_time and hours:
                mended["depart_time"] = hours[0].value
            return self._build(Intent.CORRECT, 0.9, mended)
        if context.pending is not None:
            if context.pending.intent is Intent.RELAY_MESSAGE and (
                who := recipient_answer(text, found.team_member)
                or recipients_answer(text, context.team_names)
                or all_of_role(text, context.pending.fields.recipient)
                or recipient_put_right(text, context.team_names, context.pending.fields.recipient)
                or recipient_instead(text, context.pending.fields.recipient)
            ):
                # "ke rina aja" to "Ke Sari atau ke Rina?": the one to pass the word on to;
                # "dua-duanya": both.
                return self._build(Intent.CORRECT, 0.9, {"recipient": who})
            if (swapped := _crew_swapped(context.pending, found)) is not None:
                return swapped  # "eh bukan slamet, hendra": before "hendra" alone is read
            if seated := followup.seat_answered(found, context.pending, context.recent_turns):
                # "slamet aja" to "Sopir ... mau diganti siapa?": who takes the seat.
                return self._build(*seated)
            if (crewed := followup.crew_corrected(found, context.pending)) is not None:
                # "slamet aja" while "bu dewi tgl 4 sopirnya joko" waits: the other driver.
                return self._build(*crewed)
            if context.pending.intent is Intent.CANCEL_BOOKING and CALLED_OFF_STILL_GOES_RE.match(
                found.lower
            ):
                return self._build(Intent.REJECT, 0.9, {})
            corrected = correction_fields(found, context.pending, _days_said(context))
            corrected = _sum_put_right(context.pending, corrected, found)
            if _another_buss_reading(found, context.pending, corrected):
                # "sama bus 03 td pagi 154.200 sekalian ya" while Bus 02's km waits: a
                # reading of its own, never Bus 02's put right.
                return self._build(Intent.RECORD_ODOMETER, 0.8, corrected)
            if (
                set(corrected) == {"client_name"}
                and found.money
                and context.pending.intent
                in (
                    Intent.COMPLETE_BOOKING,
                    Intent.CONFIRM_BOOKING,
                    Intent.CANCEL_BOOKING,
                )
            ):
                # "bu dewi minta diskon 500rb" while Pak Hendra's completion waits: money of
                # another client's own, never the completion moved to her.
                corrected = {}
            asked_back = bool(found.money) and all(
                _ASKED_BACK_RE.match(found.lower, mo.end) for mo in found.money
            )
            if asked_back:
                # "total masjid brp? 3,8jt kan?" while her payment waits: the sum asked back,
                # never the payment's amount put right.
                for name in ("amount", "price", "cost", "dp_amount"):
                    corrected.pop(name, None)
            still = _STILL_DRIVES_RE.search(found.lower)
            stays = still and called(still.group("who"), context.team_names)
            if stays and context.pending.fields.driver and "driver" not in corrected:
                # "eh ojo ding, joko tetep nyopir. slamet dadi kernet wae": the driver kept.
                corrected["driver"] = stays
            if (
                context.pending.intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING)
                and found.client is None
                and _WORKSHOP_OF_BUS_RE.search(found.lower)
                and not _INSTEAD_WORD_RE.search(found.lower)
            ):
                # "nah saiki bengkel bus 04 kamis-sabtu sido" while Bu Dewi's change waits:
                # the bus and days are the workshop's, never her trip's.
                corrected = {}
            if set(corrected) == {"client_name"} and _one_asked_named(found):
                # "tunggu, pak budi blm acc. batal dulu": whose say-so is awaited, never the
                # client of what waits put right.
                corrected = {}
            if _another_booking_named(context.pending, corrected, found):
                # "oke, trus booking bu sri yg tadi jadi ya" while Karang Taruna's DP waits:
                # her booking talked of, never the payment moved to her.
                corrected = {}
            if (added := _cost_added(context.pending, corrected, found)) is not None:
                return self._build(Intent.CORRECT, 0.85, added)
            # A new, clearly different request while something is pending is read as itself.
            own_intent, own_confidence = _classified(sig, found)
            if asked_back and own_intent in ACTION_INTENTS:
                # "bu dewi dp 2jt kan?" while her 1jt waits: asked, never a payment of its own.
                return self._build(Intent.UNKNOWN, 0.6, {})
            if (dropped := _dropped_with_trip(context.pending, sig, found)) is not None:
                return dropped
            if (shared := _share_for_another(context.pending, found)) is not None:
                return shared
            if (swapped := _bus_swapped(context.pending, found)) is not None:
                return swapped
            if (instead := _bus_in_workshop_owned(context.pending, found)) is not None:
                return instead
            if (stay := _workshop_days_moved(context.pending, corrected, found)) is not None:
                return stay
            if (moved := _moved_instead(self, context.pending, text, context)) is not None:
                return moved
            if context.pending.intent is Intent.UPDATE_BOOKING and _NO_KEEPS_AS_IS_RE.match(
                found.lower
            ):
                # "nggak, bu dewi tetep bus 04" while a swap of her bus waits: no to the
                # change, what she has kept.
                return self._build(Intent.REJECT, 0.88, {})
            if _calls_off_proposal(context.pending, own_intent, found):
                return self._build(Intent.REJECT, 0.9, {})
            settled = _SETTLED_OFF_RE.search(found.lower)
            remark = found.lower[: settled.start()] if settled else ""
            if (
                settled is not None
                and "?" not in found.lower
                and context.pending.intent not in (Intent.CANCEL_BOOKING, Intent.UNDO_LAST)
                # ("pkk ga jadi berangkat, yaudah batal aja": a trip called off of its own;
                # "bu rina mau srikandi tp dipake, yaudah ga jadi" while a DP waits: another
                # client's plan let go. A client named beside a bus's change is its clash.)
                and not CANCEL_RE.search(remark)
                and (
                    found.client is None
                    or context.pending.intent in _FLEET_CHANGES
                    or _CLASH_WITH_RE.search(found.lower, 0, found.client.start) is not None
                )
            ):
                # "oh iya dipake pak hendra, yaudah ga jadi", "oh bentrok ya, yaudah batal
                # aja" while a proposal waits: the remark, then the proposal let go.
                return self._build(Intent.REJECT, 0.9, {})
            if context.pending.intent is Intent.COMPLETE_BOOKING and _NOT_BACK_YET_RE.fullmatch(
                found.lower
            ):
                # "eh sik, bus 03 durung tekan garasi" while the trip's end waits: not done yet.
                return self._build(Intent.REJECT, 0.9, {})
            if (
                context.pending.intent is Intent.DECLINE_TRIP
                and own_intent is Intent.RETRACT_DECLINE
            ):
                # "pak ga jd, sy bisa kok tgl 6" while his decline waits: it is not sent.
                return self._build(Intent.REJECT, 0.9, {})
            if _tells_off(context.pending, own_intent, sig, found):
                return self._build(Intent.REJECT, 0.9, {})
            # ("yg kedua jgn dulu bang, duitnye belom masuk": the one waiting, named first.)
            holding = _THIS_ONE_RE.sub("", sig.lower, count=1)
            if "?" not in sig.lower and (
                (
                    HOLD_OFF_RE.match(holding)
                    or DONT_APART_RE.match(holding)
                    or (EH_DONT_APART_RE.match(holding) and not corrected)
                )
                # "eh ga dulu, dp nya 2,5jt bukan 2jt" puts a value right; "ga dulu, harganya
                # msh nego, mungkin 14jt" and "jgn dulu, ..., tp blm masuk" hold it off.
                and not (corrected and _PUT_RIGHT_WORD_RE.search(sig.lower))
                # "ojo, joko wae sing nyopir" while Wahyu is to drive: another in the seat.
                and not _seat_given_instead(context.pending, corrected)
                # "eh ojo, slamet wae": someone chosen instead, whoever he is.
                and not _chosen_instead(holding, found.team)
            ):
                # "jgn dulu, blm masuk ternyata di mutasi", "jgn, itu blm masuk rekening":
                # held off, with why.
                return self._build(Intent.REJECT, 0.9, {})
            if (
                context.pending.intent is Intent.RECORD_PAYMENT
                and "?" not in sig.lower
                and not found.money
                and _NOT_COME_RE.match(sig.lower)
                and not _NOT_SURE_YET_RE.search(sig.lower)
                and not _OTHER_MONEY_RE.search(sig.lower)
            ):
                # "ternyata blm masuk, jgn dicatat dulu" while its payment waits: the money
                # has not come; nothing to record.
                return self._build(Intent.REJECT, 0.9, {})
            if (fee := _fee_agreed(context.pending, found)) is not None:
                # "ga usah 50%, potong 1,5jt aja, kasian" while the cancellation waits: the
                # fee agreed with the client, not a no to the cancellation.
                return self._build(Intent.CORRECT, 0.85, fee)
            if _cancels_again(context.pending, own_intent, found):
                # "karang taruna cancel aja, biaya batalnya 300rb" while its cancellation
                # waits: the same cancellation said again, never a "no" to it.
                changed = fields_for(own_intent, found)
                changed.pop("client_name", None)
                if changed:
                    return self._build(Intent.CORRECT, 0.85, changed)
                return self._build(Intent.UNKNOWN, 0.7, {})
            # An action counts as new only when it names its own party ("pak Wawan dp 2jt");
            # "harga 6,5jt, dp 2jt" corrects the pending booking.
            # A take-back ("bukan mbak td, kliennya pak darmo") while something waits is a
            # correction of what waits.
            # A problem report ("bus 01 oli bocor") names a bus and a part as a maintenance
            # correction would: unless it says it corrects, it is a report of its own.
            reports = own_intent is Intent.REPORT_PROBLEM and not CORRECTION_RE.search(sig.lower)
            # "pak tgl 20 aku ra iso narik" while his parking cost waits: a trip of its own
            # day declined, never a yes or a no to what waits.
            reports = reports or (
                own_intent is Intent.DECLINE_TRIP
                and context.role is Role.DRIVER
                and bool(found.dates)
                and context.pending.intent not in _CREW_SEATED
            )
            # A question is never a correction ("eh bus 04 besok kosong ga" while a payment
            # waits must not move the payment to tomorrow).
            # "no hp pak hendra brp" just after a save: a number asked, never a "no".
            # ("smp tgl 16 aja, onderdilnya blm dtg": a "blm" not closing it is said.)
            closing_ask = QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", sig.lower))
            asks = asks_number(sig.lower) or bool(
                INTENTS[own_intent].kind is IntentKind.QUERY and closing_ask
            )
            # "stnk srikandi" while a booking change waits: a bus's paper is a topic of its
            # own (its expiry asked), never the bus of the waiting change; only a paper
            # being recorded may be corrected so.
            asks = asks or (
                own_intent is Intent.QUERY_DOCUMENTS
                and context.pending.intent is not Intent.RECORD_DOCUMENT
            )
            # "itu dp pak, blm lunas" while a pay-off waits: what the payment is, told (its
            # "blm lunas" says why), never the debts asked.
            # ("itu dp pak, blm lunas kan?": told with its tag; "itu dp pak? blm lunas?" asks.)
            tagged = sig.lower.count("?") == 1 and re.search(r"\b(?:kan|ya|to|toh)\W*$", sig.lower)
            type_told = ("?" not in sig.lower or tagged) and _TYPE_TOLD_RE.match(sig.lower)
            asks = asks and not ("payment_type" in corrected and type_told)
            # "pak hendra janji bayar 2jt" while a payment waits: money promised is news
            # of its own (intents._payment), never a change of what waits.
            promised = own_intent is Intent.UNKNOWN and bool(PROMISE_RE.search(sig.lower))
            whose = context.pending.fields.client_name
            if (
                context.pending.intent is Intent.CREATE_BOOKING
                and own_intent is Intent.UPDATE_BOOKING
                and corrected
                and found.client is not None
                and whose
                and same_client(found.client.text, whose)
                # ("bu dewi yg tgl 4 pake bus 03 aja", "bu dewi tgl 4 pake bus 01": her
                # other trip, named, and what changes on it.)
                and not re.search(r"\b(?:yg|yang)\b", found.lower)
                and set(corrected) <= {"client_name", "depart_date", "return_date", "client_phone"}
            ):
                # "brgkt 2 maret, pulang 6 maret. pak koko td telp ganti tgl" while his new
                # booking waits: the booking not yet saved is what changes (its client kept
                # as the booking names him).
                kept = {k: v for k, v in corrected.items() if k != "client_name"}
                if kept:
                    return self._build(Intent.CORRECT, 0.85, kept)
            if own_intent is Intent.CANCEL_BOOKING and _waiting_called_off(context.pending, found):
                # "eh batal yg bu dewi, yg pak hendra aja" while Bu Dewi's payment waits: what
                # waits dropped, never her booking cancelled.
                return self._build(Intent.REJECT, 0.9, {})
            if own_intent is Intent.CANCEL_BOOKING and _clash_called_off(context.pending, found):
                # "oh iya lupa ada bu dewi, ya sudah nggak jadi" while a workshop stay waits:
                # her trip is why what waits is called off; her trip stays.
                return self._build(Intent.REJECT, 0.9, {})
            if _new_trip_told(context.pending, own_intent, sig):
                fields = fields_for(own_intent, found)
                sure = min(own_confidence, completeness_cap(own_intent, fields, sig.lower))
                return self._build(own_intent, sure, fields)
            if (
                context.pending.intent is Intent.RECORD_PAYMENT
                and found.client is not None
                and len(found.money) == 2
                and _SUM_PUT_RIGHT_RE.search(found.lower)
            ):
                # "yg karang taruna 1,5jt bukan 1jt" while Bu Dewi's DP waits with Karang
                # Taruna's queued: a payment's amount put right (whose, named), never a price.
                return self._build(
                    Intent.CORRECT,
                    0.85,
                    {"client_name": found.client.text, "amount": found.money[0].value},
                )
            if (
                context.pending.intent is Intent.RECORD_PAYMENT
                and corrected.get("client_name")
                and _waiting_client_refused(context.pending, found.lower)
            ):
                # "eh yg 1jt bukan bu rina, masjid baitussalam" while Bu Rina's 1jt waits: the
                # payer put right, never a price for the other's booking.
                return self._build(Intent.CORRECT, 0.85, corrected)
            if own_intent is Intent.RECORD_PAYMENT and _another_payment_told(
                context.pending, found
            ):
                # "bu sartini tf 1jt bca" while Karang Taruna's 1,4jt waits: another client's
                # money, told whole; a request of its own, never the waiting one moved to her.
                fields = fields_for(own_intent, found)
                sure = min(own_confidence, completeness_cap(own_intent, fields, sig.lower))
                return self._build(own_intent, sure, fields)
            if _another_party_too(context.pending, found):
                intent = own_intent if own_intent is not Intent.UNKNOWN else context.pending.intent
                fields = fields_for(intent, found)
                sure = min(own_confidence, completeness_cap(intent, fields, sig.lower))
                return self._build(intent, sure, fields)
            if corrected and _waiting_payment_put_right(context.pending, found):
                # "eh yg karang taruna 1,5jt ding bukan 1jt" while her payment of 1jt waits:
                # the amount put right, never a new price for her trip.
                return self._build(Intent.CORRECT, 0.85, corrected)
            if (
                asks
                and ASKED_ELSEWHERE_FIRST_RE.search(found.lower)
                and _THEM_ASKED_RE.search(found.lower)
            ):
                # "bentar, aku tanya dulu sama pak sitorus sebenarnya dia tf brp" while his
                # payment waits: what the sender will ask him, nothing asked of the reader.
                return self._build(Intent.UNKNOWN, 0.7, {})
            if (
                reports
                or asks
                or promised
                or (
                    own_confidence >= 0.85
                    and own_intent
                    not in (
                        context.pending.intent,
                        Intent.HELP,
                        Intent.UNDO_LAST,
                        Intent.CORRECT_LAST,
                    )
                    and (own_intent not in ACTION_INTENTS or _names_own_party(own_intent, found))
                )
            ):
                return self._build(own_intent, own_confidence, fields_for(own_intent, found))
            reply = pending_reply(sig, bool(corrected))
            if (
                reply
                and reply[0] is Intent.REJECT
                and corrected
                and _NO_THEN_VALUE_RE.match(found.lower)
            ):
                # "gak, 3 dino" while a move of 2 days waits, "ga, tgl 6": the no is to the
                # value, the one after it is meant.
                reply = Intent.CORRECT, 0.85
            seat_waits = context.pending.fields.driver or context.pending.fields.kernet
            chosen = _chosen_instead(found.lower, found.team)
            another = chosen or _seat_given_instead(context.pending, corrected)
            if reply and reply[0] is Intent.REJECT and seat_waits and another:
                # "eh ojo, slamet wae", "ora, kernete slamet": another chosen for the seat, no
                # plain no (the one named, when read, put in it; "eh bukan, slamet" names
                # only him: the seat that waits).
                seat = "driver" if context.pending.fields.driver else "kernet"
                was = getattr(context.pending.fields, seat) or ""
                if not corrected and chosen and found.team and name_key(was) != chosen:
                    return self._build(Intent.CORRECT, 0.85, {seat: chosen})
                reply = (Intent.CORRECT, 0.85) if corrected else None
            if (
                reply is not None
                and reply[0] is Intent.REJECT
                and context.pending.intent is Intent.CANCEL_BOOKING
                and _CANCEL_AGREED_RE.match(found.lower)
                and not _cancel_refused(found.lower)
            ):
                # "iya batalin aja, orangnya udh pasti ga jd" while the cancellation waits: a
                # yes, its "ga jadi" the client's (why it is cancelled), not a no to it.
                reply = Intent.CONFIRM, 0.85
            if reply is None and _says_the_change(context.pending, own_intent, found):
                # "pak hendra jadinya 45 orang" after "Apa yang mau diubah dari booking itu?"
                changed = fields_for(own_intent, found)
                changed.pop("client_name", None)
                return self._build(Intent.CORRECT, 0.85, changed)
            if reply is None and corrected and _restates(context.pending, own_intent, found):
                reply = Intent.CORRECT, 0.85
            if reply is None and corrected and _waiting_booking_named(context.pending, found):
                # "pak yanto nya minta yg 59 seat" while his new booking waits: its client
                # named, a value of it given.
                reply = Intent.CORRECT, 0.85
            if (
                reply is None
                and found.client is None
                and context.pending.intent is Intent.CREATE_BOOKING
                and {"depart_date", "return_date"} & set(corrected)
                and dates.shift_days(found.lower) is not None
            ):
                # "mundur sehari, tgl 20 smp 21" while a new booking waits: its own days
                # moved, never a booking on record.
                reply = Intent.CORRECT, 0.85
            if (
                reply is None
                and found.client is None
                and _fills_gap(corrected, context.pending)
                # ("btw derek dr jagorawi ke pool biasanya brp ya": a question of its own;
                # "sampeyan wes mangan? aku sek nang sumenep": where the speaker is.)
                and not _ASKS_RE.search(found.lower)
                # ("td pak budi bilang katanya bu sari mau nambah 1 bus": what someone
                # intends, passed on; nothing of what waits is given.)
                and not _INTENT_HEARD_RE.search(found.lower)
            ):
                # "tgl 13 jemput jam 6 pagi di terminal jombor" after "Berangkatnya tanggal
                # berapa?": what the waiting action lacked, however long the answer.
                reply = Intent.CORRECT, 0.85
            if (
                reply is None
                and set(corrected) == {"pickup_place"}
                and _PICKUP_SAID_RE.search(text.lower())
            ):
                # "oh iya jemputnya di Jl. Kaliurang Km 5,6 depan gang Pandega ya": the pickup
                # put right, however long its address.
                reply = Intent.CORRECT, 0.85
            if reply is not None:
                intent, confidence = reply
                fields = corrected if intent is Intent.CORRECT else {}
                return self._build(intent, confidence, fields)
        intent, confidence = _classified(sig, found)
        if intent in (Intent.UNDO_LAST, Intent.CORRECT_LAST):
            opening, *after = several.parts(text)
            if (
                intent is Intent.CORRECT_LAST
                and after
                and _of_the_refused(opening, " ".join(after))
            ):
                # "bukan dp pak, itu pelunasan. dp nya udh bulan lalu" of a payment saved:
                # the sentence after speaks of the DP refused; its day is no new value.
                alone = self._extract(opening, context)
                if alone.intent is Intent.CORRECT_LAST:
                    return alone
            parts_said = several.parts(text)
            taken_back = [p for p in parts_said if TAKE_BACK_JUST_RE.search(p.lower())]
            why = [p for p in parts_said if p not in taken_back]
            # The reason first and the take-back last ("waduh salah trip, sing mundur ki
            # karang taruna dudu sd muh. batalke sing barusan"), or a plan as the reason.
            reason_first = parts_said[-1:] == taken_back and any(
                _WRONG_RE.search(p.lower()) for p in why
            )
            if (
                intent is Intent.UNDO_LAST
                and len(taken_back) == 1
                and why
                and (reason_first or all(_PLAN_RE.search(p.lower()) for p in why))
            ):
                # "eh sik, batalno sing barusan. bus 03 jemuah arep tak servis": which record
                # is said where it is taken back; the sentence after is why.
                found = find_all(_as_read(taken_back[0], context), context)
            fields = last_record_fields(found, intent)
            return self._build(intent, confidence, fields)
        fields = fields_for(intent, found)
        if intent is Intent.DECLINE_TRIP and (
            whose := called(fields.get("driver", ""), context.team_names)
        ):
            # "jok gantiin sy ...": the stand-in called by the first letters of his name.
            fields["driver"] = whose
        if intent is Intent.HELP and (how_to := help_topic(found)) is not None:
            fields["record_kind"] = how_to.value
        leaned_on = context.topic.fields.client_name if context.topic else None
        if "condition" in fields and "client_name" not in fields and leaned_on:
            # "yaudah kalo smp tgl 5 blm dp batalin" right after what Karang Taruna owes.
            fields["client_name"] = leaned_on
        if intent is Intent.CREATE_BOOKING and (day := _free_day_asked(fields, context.topic)):
            # "ok srikandi buat bu tini ya, klaten - parangtritis, 7jt" right after the free
            # buses of the 5th: the trip is on the day just asked about.
            fields["depart_date"] = day
        if (
            intent is Intent.QUERY_BUS_STATUS
            and "date" not in fields
            and _WHO_HAS_IT_RE.search(text.lower())
            and (day := _free_day_asked({}, context.topic))
        ):
            # "bus 04 dipake sapa" right after the free buses of the 4th: who has it that day.
            fields["date"] = day
        if (
            intent is Intent.QUERY_SCHEDULE
            and fields.get("date", "9999") < context.today.isoformat() <= fields.get("date_to", "")
            and _MORE_STILL_RE.search(text.lower())
        ):
            # "kula minggu niki wonten jalan malih?": more of this week, from today on.
            fields["date"] = context.today.isoformat()
        if (
            intent is Intent.QUERY_SCHEDULE
            and context.role is Role.DRIVER
            and _AFTER_TODAYS_RE.search(text.lower())
            and fields.get("date") == context.today.isoformat()
        ):
            # "pak abis pkk hr ini, trip sy brikutnya kmn ya?": the trip after today's, his
            # next one (today's is where he is now).
            fields.pop("date")
        if context.role is Role.DRIVER and intent is Intent.UPDATE_BOOKING and _asked(text):
            # "sy hari ini bawa rombongan masjid ya? pake bus 01?": a driver asking of his
            # own trip (he changes no booking); the bus he guesses is what he asks.
            asked = {k: v for k, v in fields.items() if k == "client_name"}
            if day := fields.get("ref_date") or fields.get("depart_date"):
                asked["date"] = day
            return self._build(Intent.QUERY_SCHEDULE, 0.85, asked)
        if (
            context.role is Role.DRIVER
            and intent is Intent.QUERY_SEASON
            and "date_to" not in fields
            and _own_day_off(text)
        ):
            # "besok libur ya pak?": a driver asks his boss whether he drives that day, not
            # whether it is a public holiday ("tanggal merah", "libur bulan depan apa aja").
            days = {k: v for k, v in fields.items() if k == "date"}
            return self._build(Intent.QUERY_SCHEDULE, 0.85, days)
        # "trip pak hendra ditunda dl smp jalur selatan dibuka lg": no change word the rules
        # know, the trip put off all the same; its client and day name it.
        trip_said = (
            fields_for(Intent.UPDATE_BOOKING, found)
            if intent is Intent.UNKNOWN and put_off_undated(text) is not None
            else fields
        )
        if (put_off := _put_off(intent, trip_said, text, context)) is not None:
            return put_off
        if intent is Intent.UPDATE_BOOKING and _walk_in(fields, context):
            # "pak bowo hari ini ke parangtritis pake bus 03 sopir joko, 2,5jt udh lunas
            # cash": a whole trip for a client with no booking around today is a new one.
            intent, confidence = Intent.CREATE_BOOKING, 0.8
            fields = fields_for(Intent.CREATE_BOOKING, found)
        cap = completeness_cap(intent, fields, found.lower)
        whole = self._build(intent, min(confidence, cap), fields)
        if intent is Intent.UPDATE_BOOKING and found.phones:
            whole = whole.model_copy(update={"said_phone": found.phones[0].e164})
        if context.pending is None and (ended := _trip_end_with_km(whole, found)) is not None:
            return ended
        if intent is Intent.RECORD_PAYMENT and (new_trip := self._dp_of_a_new_trip(whole, found)):
            return new_trip
        if intent is Intent.RECORD_DOCUMENT and "date" in fields:
            # "kir bus 02 udah diperpanjang sampai 20 jan 2028, stnk nya masih proses": the
            # STNK in hand is a reading of its own (nothing to record), never dropped.
            apart = [self._build(intent, 0.8, f) for f in papers_in_hand(found)]
            if apart:
                return whole.model_copy(update={"more": tuple(apart)})
        if (
            intent is Intent.QUERY_DOCUMENTS
            and (kinds := papers_also_asked(found, fields))
            and (context.pending is not None or len(several.parts(text)) < 2)
        ):
            # "kir stnk yg mau abis": the STNK asked as the KIR is, never dropped.
            also = [
                self._build(intent, whole.confidence, fields | {"document_kind": k}) for k in kinds
            ]
            return whole.model_copy(update={"more": tuple(also)})
        # "ini catetan slamet pas ke semarang tgl 16 (pak agus), tolong masukin:\nsolar
        # 950rb\ntol 380rb ...": a trip's costs listed a line each are one request, their
        # heading naming the trip (never a booking of its own).
        listed = whole.intent is Intent.RECORD_TRIP_COST and len(whole.fields.costs or []) > 1
        listed = listed and costs_listed(found.lower, len(found.money))
        if context.pending is None and not listed and len(cut := several.parts(text)) > 1:
            said = several.requests(cut, self._parts(cut, context))
            said = several.without_heading(text, said)
            said = self._dated_by_heading(text, said, context)
            if len(folded := self._told_crew_folded(said, context)) < len(said):
                # The word to the crew is the change's own pickup (_told_crew_folded).
                head, *rest = [r for _, r in folded]
                return head.model_copy(update={"more": tuple(rest)})
            readings = [r for _, r in said]
            if (swap := _stand_in_for_absent(whole, readings)) is not None:
                return swap  # "wahyu besok ga bisa. PKK ganti slamet aja"
            if (wanting := _bus_wanting_crew(readings)) is not None:
                return wanting  # "tgl 1 sopir yg kosong siapa? bus 04 blm ada sopir"
            if (held := _cash_held_and_costs(whole, readings, context, text)) is not None:
                return held
            if (costed := _cost_of_the_trip_changed(readings)) is not None:
                return costed
            if context.role is Role.DRIVER and several.news_beside_questions(whole, readings):
                news = [r for r in readings if r.intent in several.NEWS_TOLD]
                # One question of a kind ("nek pkk sesuk tetep aku to? jemput jam piro").
                questions = {
                    r.intent: r for r in reversed(readings) if r.intent not in several.NEWS_TOLD
                }
                head, *rest = [*news, *questions.values()]
                return head.model_copy(update={"more": tuple(rest)})
            if _cancel_with_its_money(whole, [r for _, r in said]):
                # "pak hendra cancel mas, ... potongan 1,5jt aja, sisa dp 1,5jt dibalikin tf
                # bca": the fee agreed and the refund are the cancellation's own.
                return whole
            if several.separate(whole, [p for p, _ in said], [r for _, r in said]):
                # A part that is itself several requests ("kir sm stnk yg mau abis") is each.
                head, *rest = several.trips_first(
                    text,
                    several.trip_named_before(
                        [
                            one
                            for _, r in said
                            for one in (r.model_copy(update={"more": ()}), *r.more)
                        ]
                    ),
                )
                return head.model_copy(update={"more": tuple(rest)})
            if (beside := several.action_beside_question(whole, said)) is not None:
                # "uang jalan wahyu nang malang 1,5jt cash. eh hendra wis lunas durung?": the
                # question answered, the request beside it proposed after (never dropped).
                return whole.model_copy(update={"more": (beside,)})
            if (asking := several.the_asking_sentence(whole, said)) is not None:
                return asking
            misread = whole.intent not in {r.intent for _, r in said}
            if misread and said and (beside := several.action_beside_question(said[0][1], said)):
                # "bu dewi dp brp? uang jalan 750rb": the question asked first, the cost told
                # after it (read whole, the cost's amount became a DP paid).
                return said[0][1].model_copy(update={"more": (beside,)})
            if misread and (ordered := several.report_first([r for _, r in said])):
                return ordered[0].model_copy(update={"more": tuple(ordered[1:])})
            if (
                misread
                and context.role is Role.DRIVER
                and (run_on := several.drivers_run_on([r for _, r in said]))
            ):
                return run_on[0].model_copy(update={"more": tuple(run_on[1:])})
            if whole.intent is Intent.UNKNOWN and (
                action := several.kind_word_then_action(cut, said)
            ):
                return action  # "ya sudah jok, semoga cepat sembuh. pkk besok slamet ..."
            problems = [r for _, r in said if r.intent is Intent.REPORT_PROBLEM]
            if whole.intent is Intent.UNKNOWN and len(said) == 1 and problems:
                # "bus 05 kopling keras, terus pak hendra bayar 2jt katanya minggu depan":
                # the bus's problem passed on; the money to come is no record.
                return problems[0] if problems[0].confidence >= SURE_READING else whole
        if (
            context.pending is None
            and whole.intent in (Intent.RECORD_TRIP_COST, Intent.RECORD_PAYMENT)
            and (money_apart := self._money_apart(whole, text, context)) is not None
        ):
            return money_apart[0].model_copy(update={"more": tuple(money_apart[1:])})
        crew_named = {w for w in re.findall(r"[a-z]+", found.lower) if w in found.team}
        if whole.intent is Intent.RECORD_TRIP_COST and whole.fields.costs and len(crew_named) > 1:
            # "uang jalan joko sesuk 750rb, wahyu sing nang malang 1,5jt": each crew member's
            # pay, of trips of their own; one trip's costs they are not, so the reading asks.
            whole = whole.model_copy(update={"confidence": min(whole.confidence, 0.7)})
        if context.pending is None and whole.intent is Intent.REPORT_PROBLEM:
            # "bus 03 remnya lg ga enak, pkk bsk pake srikandi aja": the problem passed on,
            # what is done about it proposed (as when a full stop parts them).
            cut = several.comma_parts(text)
            if 2 <= len(cut) <= several.MAX_ACTIONS:
                readings = [self._extract(part, context) for part in cut]
                if several.report_then_actions(readings):
                    return readings[0].model_copy(update={"more": tuple(readings[1:])})
        if (
            context.pending is None
            and not listed
            and several.may_be_actions(whole, cut := several.comma_parts(text))
        ):
            readings = [self._extract(part, context) for part in cut]
            if (swap := _stand_in_for_absent(whole, readings)) is not None:
                return swap
            if several.separate_actions(whole, readings):
                return readings[0].model_copy(update={"more": tuple(readings[1:])})
        return whole

    def _money_apart(
        self, whole: Extraction, text: str, context: ExtractionContext
    ) -> list[Extraction] | None:
        """A money message read clause by clause, each clause as a message of its own (its
        unexplained words lowering it): a payment and a trip's costs, or the costs of trips
        of their own, one proposal each; None when it is one request."""
        cut = several.clauses(text)
        if len(cut) < 2:
            return None
        readings = [self.extract(part, context) for part in cut]
        if (both := self._paid_and_spent(cut, readings, context)) is not None:
            return both
        if whole.intent is Intent.RECORD_TRIP_COST and len(cut) <= several.MAX_ACTIONS:
            return _costs_of_trips_apart(readings)
        return None

    def _paid_and_spent(
        self, cut: list[str], readings: list[Extraction], context: ExtractionContext
    ) -> list[Extraction] | None:
        """ "bu dewi dp 2jt, uang jalan sopir 750rb": the one clause that is a payment, and
        the rest of the message read as the trip's costs (several.paid_and_spent)."""
        paid = [i for i, r in enumerate(readings) if r.intent is Intent.RECORD_PAYMENT]
        if len(paid) != 1:
            return None
        payment = readings[paid[0]]
        when = payment.fields.paid_date
        if when is not None and when > context.today:
            return None  # "bu dewi dp 2jt lusa": money to come, no payment
        rest_cut = [part for i, part in enumerate(cut) if i != paid[0]]
        if any(find_cost_type(part.lower()) is None for part in rest_cut):
            return None  # an amount no cost word names: "..., kurang 5jt", "harga 7jt"
        rest = ", ".join(rest_cut)
        spent = self.extract(rest, context)
        alone = self.extract(f"{rest} trip {payment.fields.client_name}", context)
        each = [r for i, r in enumerate(readings) if i != paid[0]]
        from_crew = context.role is Role.DRIVER
        return several.paid_and_spent(cut[paid[0]], payment, spent, alone, each, from_crew)

    def _dp_of_a_new_trip(self, whole: Extraction, found: Found) -> Extraction | None:
        """ "pak Rudi bayar sisa 4jt cash, sekalian dp trip kedua 1jt tf bri": the DP of a
        trip not booked yet is no payment on the trip he has; it is a new booking of his,
        with that DP, proposed after the payment (its day and place then asked), never
        recorded on the first trip."""
        lines = whole.fields.payments or []
        said = _NEW_TRIP_RE.search(found.lower)
        if len(lines) != 2 or said is None:
            return None
        after = [mo for mo in found.money if mo.start > said.start()]
        if not after or after[0].value != lines[1].amount:
            return None
        first, new_trip = lines
        if new_trip.payment_type is not PaymentType.DP:
            return None  # "trip pertama 3jt, trip kedua 2jt": a second trip he has
        paid = whole.fields.model_copy(update={"payments": None, **first.model_dump()})
        booking = {"client_name": new_trip.client_name, "dp_amount": new_trip.amount}
        if new_trip.method is not None:
            booking["method"] = str(new_trip.method)
        head = self._build(Intent.RECORD_PAYMENT, whole.confidence, paid.stated())
        return head.model_copy(update={"more": (self._build(Intent.CREATE_BOOKING, 0.8, booking),)})

    def _told_crew_folded(
        self, said: list[tuple[str, Extraction]], context: ExtractionContext
    ) -> list[tuple[str, Extraction]]:
        """ "karang taruna tgl 12 pakai bus 04 sopirnya slamet terus bilangin slamet
        jemputnya jam 6 pagi di balai desa condongcatur": word to the crew put on a trip
        that is only the trip's own pickup is part of the change (its crew hear it when
        it is saved), never a second message telling them the same."""
        for i, (part, change) in enumerate(said):
            crew = {name_key(n) for n in (change.fields.driver, change.fields.kernet) if n}
            if change.intent is not Intent.UPDATE_BOOKING or not crew:
                continue
            for j, (_, word) in enumerate(said):
                f = word.fields
                if (
                    word.intent is not Intent.RELAY_MESSAGE
                    or not f.message
                    or name_key(f.recipient or "") not in crew
                ):
                    continue
                # "jemputnya jam 6 pagi, bawa jaket": the pickup is the change's, the rest
                # of the word is still said to them. The shortest head of the word that
                # gives the whole word's pickup is folded; what follows stays a word.
                pieces = [p for p in _WORD_PIECE_RE.split(f.message) if p.strip()]
                whole = self._pickup_folded(part, change, f.message, context)
                if whole is None:
                    continue
                for k in range(1, len(pieces) + 1):
                    head = ", ".join(pieces[:k])
                    both = self._pickup_folded(part, change, head, context)
                    if both is not None and both.fields.stated() == whole.fields.stated():
                        break
                folded = (f"{part}, {head}", both or whole)
                rest = ", ".join(pieces[k:])
                left = word.model_copy(update={"fields": f.model_copy(update={"message": rest})})
                return [
                    folded if n == i else (said[j][0], left) if n == j else s
                    for n, s in enumerate(said)
                    if n != j or rest
                ]
        return said

    def _pickup_folded(
        self, part: str, change: Extraction, word: str, context: ExtractionContext
    ) -> Extraction | None:
        """The change read with the word to its crew, when the word only adds the trip's
        pickup (its time or place) to it; None otherwise."""
        both = self._extract(f"{part}, {word}", context)
        told = both.fields.stated()
        stated = change.fields.stated()
        if (
            both.intent is Intent.UPDATE_BOOKING
            and both.confidence >= SURE_READING
            and stated.items() <= told.items()
            and {"depart_time", "pickup_place"} & (told.keys() - stated.keys())
            and told.keys() <= stated.keys() | {"depart_time", "pickup_place"}
        ):
            return both
        return None

    def _dated_by_heading(
        self, text: str, said: list[tuple[str, Extraction]], context: ExtractionContext
    ) -> list[tuple[str, Extraction]]:
        """ "catet servis kmrn:\n- bus 01 ganti oli 850rb\n- bus 02 ganti aki 1,1jt": the
        day a list's heading names is the day of each line of work done or money moved that
        names none of its own."""
        heading = several.HEADING_RE.match(text.strip())
        if heading is None or len(said) < 2:
            return said
        days = dates.find_dates(heading.group().lower(), context.today)
        if len(days) != 1 or days[0].vague or days[0].end_date not in (None, days[0].date):
            return said
        if days[0].date > context.today:
            return (
                said  # ("rombongan besok:\n- pak hendra tf 2jt": the trip's day, not the money's)
            )
        day = heading.group()[days[0].start : days[0].end]
        dated = []
        for part, reading in said:
            if reading.intent in _DONE_ON_A_DAY and not _WHEN_DONE & reading.fields.stated().keys():
                again = self._extract(f"{part} {day}", context)
                if again.intent is reading.intent and _WHEN_DONE & again.fields.stated().keys():
                    reading = again
            dated.append((part, reading))
        return dated

    def _parts(self, cut: list[str], context: ExtractionContext) -> list[Extraction]:
        """Each part of a message read in turn. A part after a question that names no one
        and no bus leans on it as on a last answer: "bus 02 terakhir ganti oli kapan? kir
        nya sampe kapan?" asks Bus 02's KIR ("jadwal bsk apa? trus bus 04 dmn" asks of
        Bus 04 on its own)."""
        readings: list[Extraction] = []
        for part in cut:
            alone = self._extract(part, context)
            named = next(
                (r.fields.client_name for r in reversed(readings) if r.fields.client_name), None
            )
            if (
                named
                and "client_name" not in alone.fields.stated()
                and followup.THEM_RE.search(part.lower())
                and not followup.THEM_RE.search(named.lower())
            ):
                # "pak hendra dp 2jt, trus dia minta jemputnya jam 5": "dia" is the client
                # the part before named.
                leaned = self._extract(followup.THEM_RE.sub(named, part.lower()), context)
                if leaned.confidence >= SURE_READING:
                    alone = leaned
            elif (
                named
                and not {"client_name", "bus", "ref_date", "date"} & alone.fields.stated().keys()
                and alone.intent in (Intent.UNKNOWN, Intent.UPDATE_BOOKING)
                and _OF_THEIRS_RE.search(part.lower())
            ):
                # "bu dewi dp 2jt tf mandiri, trus sopirnya pake wahyu": whose driver is
                # the client the part before named.
                leaned = self._extract(f"{named} {part}", context)
                if leaned.confidence >= SURE_READING and leaned.fields.client_name:
                    alone = leaned
            moved = bool(readings) and readings[-1].intent in ACTION_INTENTS
            if moved and (days := _days_before(readings)) and _THOSE_DAYS_RE.search(part.lower()):
                # "..., jd tgl 10-12. srikandi aman kan tgl segitu?": the days just said.
                said_days = _days_written(*days)
                alone = self._extract(_THOSE_DAYS_RE.sub(said_days, part.lower()), context)
            asked = readings[-1] if readings else None
            if (
                asked is not None
                and INTENTS[asked.intent].kind is IntentKind.QUERY
                and not SUBJECTS & alone.fields.stated().keys()
            ):
                leaned = self._extract(part, context.model_copy(update={"topic": asked}))
                # "booking pak darto udh fix ya? konfirmasi aja": the order after the
                # question is the whole message's, read as one (not a second request).
                if leaned.intent not in _TRIP_LIFECYCLE or alone.intent in _TRIP_LIFECYCLE:
                    alone = leaned
            readings.append(alone)
        return readings

    def _build(self, intent: Intent, confidence: float, fields: dict[str, Any]) -> Extraction:
        try:
            parsed = ExtractedFields.model_validate(fields)
        except ValidationError:
            # A value the model refuses (too long, out of range) is dropped, not fatal.
            good: dict[str, Any] = {}
            for key, value in fields.items():
                try:
                    ExtractedFields.model_validate({key: value})
                except ValidationError:
                    continue
                good[key] = value
            parsed = ExtractedFields.model_validate(good)
        return Extraction(intent=intent, confidence=confidence, source="rules", fields=parsed)


# "tgl segitu", "hari itu", "tanggal tsb": the days the part before said.
_THOSE_DAYS_RE = re.compile(r"\b(?:tgl|tanggal|hari|hr)\s+(?:segitu|itu|tsb|tersebut)\b")


def _days_written(first: dt.date, last: dt.date) -> str:
    """ "tgl 10-12 des 2026", "tgl 30 des 2026 - 2 jan 2027": days as a person writes them."""
    month = SHORT_MONTHS[first.month - 1].lower()
    if first == last:
        return f"tgl {first.day} {month} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"tgl {first.day}-{last.day} {month} {first.year}"
    other = SHORT_MONTHS[last.month - 1].lower()
    return f"tgl {first.day} {month} {first.year} - {last.day} {other} {last.year}"


def _days_before(readings: list[Extraction]) -> tuple[dt.date, dt.date] | None:
    """The first and last day the latest reading that names days names."""
    for r in reversed(readings):
        f = r.fields
        first = f.depart_date or f.date
        if first is not None:
            return first, f.return_date or f.date_to or first
    return None


# What may be done to a trip just shown, by chat, naming it only by the card above.
_TRIP_LIFECYCLE = frozenset(
    {
        Intent.UPDATE_BOOKING,
        Intent.CANCEL_BOOKING,
        Intent.CONFIRM_BOOKING,
        Intent.COMPLETE_BOOKING,
    }
)


# A sentence opening with why: "joko kan senin mau ke bandung", "soalnya ...", "biar ...".
_TYPE_TOLD_RE = re.compile(
    r"\W*(?:itu|ini|yg\s+itu|yang\s+itu|td|tadi)\s+(?:dp|panjar|pelunasan|pelunasane|cicilan)\b"
)
_REFUSED_RE = re.compile(
    rf"\b(?:{NOT_THIS})\s+((?:bus|bis|tgl|tanggal|jam|bu|pak|mbak|mas|ke)\s+[a-z0-9]+|[a-z]{{2,}})"
)


def _of_the_refused(first: str, rest: str) -> bool:
    """The sentences after a correction speak of the value it refused ("bukan dp pak, itu
    pelunasan. dp nya udh bulan lalu"): why, not a value of what waits."""
    refused = _REFUSED_RE.search(first.lower())
    if refused is None:
        return False
    # The value refused, not its label: "bus 04" is spoken of again in "bus 04 dipake pak
    # hendra", never in "pulangnya tgl 8" after "bukan tgl 5, tgl 6".
    said = r"\s+".join(re.escape(w) for w in refused.group(1).split())
    return re.search(rf"\b{said}(?:\s?nya|ne|e)?\b", rest.lower()) is not None


_FLAT_NO_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|ora|ra|tidak|tdk)\s+(?:jadi|jd|sido|usah)\b"
    r"|\b(?:gajadi|gausah|batal|batalin|cancel|jgn|jangan|ojo)\b"
)
_SOMEONE_ELSE_RE = re.compile(r"\b(?:dia|beliau|orangnya|mereka|kliennya|rombongan\w*|wonge)\b")
_PUT_OFF_FOR_NOW_RE = re.compile(
    r"\W*(?:(?:ok|oke|ya|iya|eh|pak|bu|mbak|mas|wah)\W+)*"
    r"(?:(?:di)?tunda(?:in|kan)?"
    # "jgn dicatet dl, pak teguh baru janji bayar besok", "ojo disimpen sik, ...".
    r"|(?:jgn|jangan|ojo|ojok)\s+(?:di)?(?:catet|catat|simpen|simpan|input|masukin)\w*)"
    r"\s+(?:dulu|dl|dlu|sik|sek|sikik)\b"
)
# "iya.. eh bentar, pak soleh tf nya kmrn": a yes taken back before anything else.
# A question asked of its own: a question mark or a question word.
_ASKS_RE = re.compile(
    r"\?|\b(?:brp|berapa|brapa|piro|pira|pinten|kapan|kpn|gimana|gmn|piye|siapa|sapa)\b"
)
_INTENT_HEARD_RE = re.compile(
    r"\b(?:katanya|ktnya|kata|bilang|jare)\b[^.?!]*\b(?:mau|mo|mw|pengen|pingin|arep|kate)\b"
)
# A yes saying what to do with what waits: "ya gpp catat wae", "ok simpen aja".
_SAVE_SAID_RE = re.compile(r"\b(?:catat|catet|dicatat|dicatet|simpan|simpen|lanjut|lanjutkan)\b")
_YES_HELD_RE = re.compile(
    r"\W*(?:ya|iya|ok|oke|y|yo|iyo|sip)\W+(?:eh\W+)?(?:bentar|sebentar|tunggu|sek|sik|bntr)\b\W*"
)
# "eh yg sd jgn dulu": the waiting one named before a no (checked against it).
_WAITING_NAMED_RE = re.compile(
    r"\W*(?:(?:eh|oh|lho)\W+)?(?:yg|yang|sing)\s+(?P<who>[\w .]{2,40}?)\s+"
    r"(?=(?:jgn|jangan|ojo|ga|gak|nggak|ora|batal|ga\s+jadi|gajadi)\b)",
    re.IGNORECASE,
)


def _names_waiting(said: str, whose: str) -> bool:
    """ "sd" names "SD Muhammadiyah Kotagede": the client, or words of its name."""
    return same_client(said, whose) or set(name_key(said).split()) <= set(name_key(whose).split())


# "sy lali wingi ngisi meneh 50rb" after a figure put right: what was forgotten, why.
_FORGOT_RE = re.compile(r"\W*(?:(?:sy|saya|aku|aq|gw|gue|tak)\s+)?(?:lali|lupa|kelalen|kelupaan)\b")
# What makes a clause naming someone a reason: "udh dipake rombongan bu Narti", "yg 1jt
# itu dp pak Yunus", "tgl 14 sy ttp narik sm mas Bowo".
_WHY_WORD_RE = re.compile(
    r"\b(?:itu|iku|kan|udh|udah|sudah|wis|wes|dipake|dipakai|kepake|sesuai|nota|soalnya|krn"
    r"|karena|barusan|td|tadi|ttp|tetep|tetap|msh|masih|kmrn|kemarin|wingi|nego|nawar"
    # Javanese: "sing cash kuwi dp e pak Harjono", "bus 05 dinggo pak Harjono".
    r"|kuwi|kae|dinggo|dienggo|digawe|wis)\b"
)
_REFUSED_WHY_RE = re.compile(
    # (The reason opens its own clause: "bukan tgl 5 itu, tgl 6" puts a value right.)
    r"\W*(?:(?:eh|lho|loh|waduh|wah)\W+)?(?:jgn|jangan|ojo|bukan|bkn|dudu)\s+[^,.?]+,\s*"
    r"(?:itu|iku|kan|soalnya|soale|wong)\s+(?:udh\s+|udah\s+|sudah\s+|msh\s+|masih\s+)?"
    r"(?:dipake|dipakai|kepake|kepakai|dibooking|ada\s+jadwal|jalan|narik|di\s*bengkel)\b"
)
# A closing clause saying why, of a teammate spared ("wahyu ben ngaso sik", "joko mesti
# kesel bar seko bandung", "soalnya joko lg sakit").
_REASON_CLOSING_RE = re.compile(
    r",\s*(?:(?:soalnya|soale|karena|karna|krn|biar|ben|wong|mergo)\b"
    r"|[a-z]+\s+(?:(?:biar|ben|mesti|pasti|psti|kan|lagi|lg|masih|msh|udh|udah|wis|wes|baru)\s+)+"
    r"(?:capek|cape|capai|kesel|istirahat|ngaso|libur|prei|sakit|lelah|rehat|leren|pulang)\b)"
    r"[^,.?!]*[.!]?\s*$",
    re.IGNORECASE,
)
_WHY_OPENS_RE = re.compile(
    r"\W*(?:(?:ya|iya|pak|bu|mbak|mas|eh|oh|oh\s+iya)\W+)*(?:soalnya|soale|karena|karna|krn|biar"
    r"|wong|mergo|sebab)\b"
    # ("joko kan senin mau ke bandung": someone, then "kan"; never "kan dp nya 5jt" nor
    # "kernetnya kan wahyu", a value said again.)
    r"|\W*(?:(?!(?:dp|dpnya|harga\w*|kernet\w*|sopir\w*|supir\w*|tgl\w*|tanggal\w*|pulang\w*"
    r"|bus\w*|jemput\w*|jam\w*|berangkat\w*|brgkt\w*)\b)[a-z]+\s+){1,2}kan\b"
)


# The money waiting to be recorded has not come, said opening the message: "ternyata blm
# masuk", "tf nya blm masuk pak", "lho blm masuk kok" (never "pak hendra blm masuk grup wa",
# "sopir blm masuk kerja").
_NOT_COME_RE = re.compile(
    r"\W*(?:(?:eh|lho|loh|wah|waduh|aduh|maaf|ternyata|trnyata|tnyt|kok|pak|bu|mbak|mas)\W+)*"
    # ("nanti dulu, blm masuk ternyata": held, and why.)
    r"(?:(?:nanti|ntar|entar|mengko|bentar|sik|sek|tunggu)(?:\s+(?:dulu|dl|dlu|sik|sek))?\W+)?"
    # ("blm, itu blm masuk", "durung, iku durung masuk": the no, then why.)
    r"(?:(?:blm|belum|durung|dereng)\W+(?:itu|iku|niku|ini)?\s*)?"
    r"(?:(?:tf|transfer\w*|uang|duit|dana)(?:\s?nya)?\s+)?"
    rf"{NOT_IN}(?:{ARRIVED})\b(?!.*\b(?:grup|group|kerja|kantor|notif\w*|sinyal|sekolah|wa)\b)"
)
# "blm masuk bca, masuk nya ke bri", "blm masuk yg pelunasan, dp nya udh": other money not
# come, or the money gone elsewhere: what waits stays.
_OTHER_MONEY_RE = re.compile(
    r"\d|\b(?:tp|tapi|yg|yang|sisa\w*|pelunasan\w*"
    r"|dp\w*|lunas\w*|udh|udah|sudah|sdh)\b|\bmasuk\s?nya\s+ke\b|\bke\s+(?:bri|bni|bca|mandiri|bsi)\b.*\bmasuk"
)
_PUT_RIGHT_WORD_RE = re.compile(
    r"\b(?:bukan|bkn|harusnya|hrsnya|salah|keliru)\b(?!.*\b(?:blm|belum|nego|mungkin|kayaknya)\b)"
)
# "nunggu mutasi dulu, blm masuk kayaknya": not sure yet; what waits keeps waiting.
_NOT_SURE_YET_RE = re.compile(
    r"\b(?:nunggu|tunggu|nungguin|kayak|kayaknya|kyknya|kyk|sepertinya|mungkin|mgkn|cek|dicek)\b"
)


# A teammate asking, said before the question: "pak budi nanya, ...", "joko td tanya".
_ASKED_BY_RE = re.compile(
    r"^\W*(?:(?:pak|bu|mbak|mba|mas|bos|kak)\s+)?(?P<name>[a-z]+)\s+(?:td\s+|tadi\s+|barusan\s+)?"
    r"(?:nanya|nanyain|nanyak|tanya|tanyain|takon|pengen\s+tau|pengen\s+tahu|minta\s+info"
    # "pak budi minta rekap trip slamet bulan ini": the summary he wants, asked here.
    r"|minta(?=\s+(?:rekap|rekapan|laporan|daftar|data)\b))\b\s*[,:]?\s*"
    r"(?=\S)"
)


_ASKED_FOR_ANOTHER = frozenset(
    {
        Intent.QUERY_INCOME,
        Intent.QUERY_OUTSTANDING,
        Intent.QUERY_PROFIT,
        Intent.QUERY_BUS_REVENUE,
        Intent.QUERY_DOCUMENTS,
        Intent.QUERY_FREE_BUSES,
        Intent.QUERY_BUS_STATUS,
        Intent.QUERY_SEASON,
        Intent.QUERY_TRIP_COSTS,
    }
)


# What is done to a trip, said in so many words: cancel it, confirm it, move it, mark it done.
_TRIP_ORDER_RE = re.compile(
    r"\b(?:batalin|batalkan|dibatalin|dibatalkan|cancel|cancelin|dicancel|konfirmasi|konfirm"
    # ("batal pak, klien ga jadi"; not asked, "batal kan", nor "semua batal")
    r"|(?<!semua )batal(?!\s+(?:kan|kah|ga|gak|nggak|belum|blm|bukan)\b)"
    r"|dikonfirmasi|fixin|acc|diundur|undur|undurin|dimundurin|mundur|dimajukan|dimajuin|majuin"
    r"|maju|pindah|dipindah|geser|digeser|reschedule|selesai|diselesaikan|tandai)\b"
)


_PUT_RIGHT_RE = re.compile(
    r"^\W*(?:(?:eh|oh|ehh|maaf|sori)\W+)?(?P<right>[^,]+?)\s*(?:ding|deng|dink|dong)?\s*,?\s*"
    r"(?:bukan|bkn|bukane)\s+(?P<wrong>[^,.!?]+?)\W*$"
)


def _word_put_right(pending: Extraction, text: str) -> str | None:
    """The waiting word for a teammate with the refused words replaced by the right ones,
    when what is refused is said in it ("jam 3" in "... jam 3 kumpul di garasi")."""
    message = pending.fields.message or ""
    said = _PUT_RIGHT_RE.match(text.strip().lower())
    if pending.intent is not Intent.RELAY_MESSAGE or not message or said is None:
        return None
    wrong, right = said["wrong"].strip(), said["right"].strip()
    # "ralat jam 4, bukan jam 3": the word of putting right is no part of the new words.
    right = re.sub(r"^(?:(?:ralat|koreksi|revisi|maaf|sori|eh|oh|harusnya|hrsnya)\W+)+", "", right)
    # ("jam 4 atuh teh, lain jam 5": the one spoken to and the particles close no words.)
    right = re.sub(
        r"(?:\s+(?:atuh|teh|kang|akang|pak|bu|mbak|mas|bang|bos|min|ya|yaa|yah|deh|dong|sih"
        r"|euy|mah))+$",
        "",
        right,
    )
    at = message.lower().find(wrong)
    before = message[:at].split()[-1:] if at > 0 else []
    if before and right.lower().startswith(before[0].lower() + " "):
        right = right[len(before[0]) + 1 :]  # "di pool, bukan garasi" in "... di garasi"
    if not wrong or at < 0 or len(right) > 60:
        return None
    return message[:at] + right + message[at + len(wrong) :]


def _total_of_waiting(text: str, waiting: Extraction | None) -> Extraction | None:
    """ "totalnya jadi brp? sisa brp" right after (or while) a trip's costs, a booking or a
    payment: what that trip cost in all, or what that client still owes."""
    if waiting is None or not _TOTAL_ALONE_RE.fullmatch(text):
        return None
    f = waiting.fields
    if waiting.intent is Intent.RECORD_TRIP_COST and not _LEFT_ASKED_RE.search(text):
        trip = ExtractedFields(
            client_name=f.client_name, route_to=f.route_to, ref_date=f.ref_date, bus=f.bus
        )
        return Extraction(
            intent=Intent.QUERY_TRIP_COSTS, confidence=0.85, source="rules", fields=trip
        )
    if waiting.intent in (Intent.CREATE_BOOKING, Intent.RECORD_PAYMENT) and f.client_name:
        return Extraction(
            intent=Intent.QUERY_OUTSTANDING,
            confidence=0.85,
            source="rules",
            fields=ExtractedFields(client_name=f.client_name),
        )
    return None


def _contact_of_known_client(
    reading: Extraction, text: str, context: ExtractionContext
) -> Extraction:
    """ "mas bayu karang taruna condongcatur batal": a person the PO has no booking of,
    named right before a client it has: that client's contact, whose trip it is."""
    client = reading.fields.client_name
    if not client or any(same_client(known, client) for known in context.client_names):
        return reading
    if not re.match(rf"(?:{TEAM_TITLE})\b", client.lower()):
        return reading  # a contact is a person, titled
    lower = text.lower()
    at = lower.find(client.lower())
    known = mentioned(lower, context.client_names)
    if at < 0 or known is None or not 0 <= known[0] - (at + len(client)) <= 2:
        return reading
    fields = reading.fields.model_copy(update={"client_name": known[2]})
    return reading.model_copy(update={"fields": fields})


def _walk_in(fields: dict[str, Any], context: ExtractionContext) -> bool:
    """A change of a trip whole (its place, day and money) for a client the PO has no
    booking of around today (known only when the caller says whose bookings there are)."""
    client = fields.get("client_name")
    if not client or not context.client_names:
        return False
    if any(same_client(known, client) for known in context.client_names):
        return False
    said = fields.keys()
    return (
        "route_to" in said
        and bool(said & {"price", "amount"})
        and bool(said & {"ref_date", "depart_date"})
    )


_FEE_OF_TRIP = frozenset({Intent.QUERY_CANCELLATION_FEE})
# A bus broken down, no workshop said: "bus 01 mogok di secang".
_BROKE_DOWN_RE = re.compile(
    r"^(?!.*\b(?:bengkel|servis|service|perbaikan|dibenerin|diperbaiki|masuk)\b)"
    r".*\b(?:mogok|rusak|ngadat|macet|bocor)\b",
    re.IGNORECASE | re.DOTALL,
)


def _trip_shown(context: ExtractionContext) -> str | None:
    """The client whose trip the last answer showed, when it showed one client's (its
    cancellation fee, asked, is of that trip too: "yowes batal, sepakat kena 5jt aja")."""
    topic = context.topic
    if topic is None or topic.intent not in followup.SHOWS_TRIPS | _FEE_OF_TRIP:
        return None
    return topic.fields.client_name or None


# "dipake sapa", "dibawa siapa": whose trip holds a bus.
_WHO_HAS_IT_RE = re.compile(
    r"\b(?:dipake|dipakai|dipke|dibawa|dinggo|dienggo|diangge)\s+(?:sapa|siapa|sp|sopo|sinten|apa)\b"
)


# What a teammate named in it only tells about (who input a cost, who brought the money):
# "eh hapus yg barusan, dobel, pak slamet wis input dewe", "nota pak slamet trip masjid".
_TEAMMATE_NEVER_CLIENT = frozenset({Intent.UNDO_LAST, Intent.CORRECT_LAST, Intent.RECORD_TRIP_COST})


_DAY_QUESTIONS = frozenset({Intent.QUERY_FREE_BUSES, Intent.QUERY_SCHEDULE})


def _put_right_by(said: str, waiting: Extraction, context: ExtractionContext) -> dict[str, Any]:
    """The values of `waiting` a remark puts right; a teammate named in it ("kir e lagi
    diurus pak budi") is who does something, never the client."""
    found = find_all(_as_read(said, context), context)
    put = correction_fields(found, waiting, None)
    if put.get("client_name") and mentioned(put["client_name"], context.team_names):
        del put["client_name"]
    return put


def _question_put_right(reading: Extraction, context: ExtractionContext) -> Extraction | None:
    """ "eh salah, tgl 3 ding" right after the free buses (or the schedule) of the 2nd
    were answered: the same question of the day put right, never a saved record's."""
    topic = context.topic
    said = reading.fields.stated()
    if (
        reading.intent is not Intent.CORRECT_LAST
        or context.pending is not None
        or topic is None
        or topic.intent not in _DAY_QUESTIONS
        or topic.fields.date is None
        or not said
        or not set(said) <= {"date", "date_to"}
    ):
        return None
    fields = topic.fields.model_copy(
        update={"date": reading.fields.date, "date_to": reading.fields.date_to}
    )
    return Extraction(intent=topic.intent, confidence=0.85, source="rules", fields=fields)


def _cost_of_the_trip_changed(readings: list[Extraction]) -> Extraction | None:
    """ "sd muh kotagede jemputnya dimajuin jam 4, trs uang jalan joko 3 hari 2.250rb udh
    tak kasih": a change of a client's trip, then a cost naming no trip: that trip's cost,
    proposed after the change (never dropped, never read as its price)."""
    if len(readings) != 2:
        return None
    change, cost = readings
    if (
        change.intent is not Intent.UPDATE_BOOKING
        or cost.intent is not Intent.RECORD_TRIP_COST
        or not change.fields.client_name
        or cost.fields.client_name
        or cost.fields.ref_date
        or min(change.confidence, cost.confidence) < SURE_READING
    ):
        return None
    theirs = cost.fields.model_copy(update={"client_name": change.fields.client_name})
    return change.model_copy(update={"more": (cost.model_copy(update={"fields": theirs}),)})


def _no_client_of_ours(reading: Extraction, context: ExtractionContext, text: str) -> bool:
    """A reading whose client is never one of the PO's own people: a record taken back or
    put right, a trip cost, and a correction of money waiting that says the teammate only
    handed it over ("sing diwenehke pak slamet mung 2jt"; "eh salah, pak slamet 2,5jt"
    names a payer, and "pak joko dari klaten" answering whose booking it is a client)."""
    if reading.intent is Intent.CORRECT:
        waiting = context.pending.intent if context.pending is not None else None
        money = waiting in (Intent.RECORD_PAYMENT, Intent.RECORD_TRIP_COST)
        return money and _HANDED_BY_RE.search(text.lower()) is not None
    return reading.intent in _TEAMMATE_NEVER_CLIENT


# The money handed over by someone: "sing diwenehke pak slamet", "dititipin mas joko".
_HANDED_BY_RE = re.compile(
    r"\b(?:diwenehke|diwenehi|diwenehne|dikasih|dikasi|dikasihkan|diserahkan|diserahke"
    r"|dititip\w*|dibawa|digowo|disetor\w*)\s+(?:(?:sama|sm|karo|oleh|ambek)\s+)?"
    r"(?:pak|bu|mas|mbak|bang)\s+[a-z]+"
)


# A person named with a title: "pak slamet", "mas joko".
_TITLED_RE = re.compile(r"\b(?:pak|bu|mas|mbak|bang)\s+(?P<name>[a-z]{3,15})\b")


def _teammate_named(reading: Extraction, context: ExtractionContext, text: str) -> str | None:
    """The titled teammate a record's taking back, a correction of money he handed over or a
    trip cost names as the one who did it ("nota pak slamet", "pak slamet wis input dewe"),
    read as its client or beside none; never a client of the PO ("pak slamet gunawan", a
    client of that name). None otherwise."""
    if not context.team_names or not _no_client_of_ours(reading, context, text):
        return None
    lower = text[:2000].lower()
    said = reading.fields.client_name
    names = [said.lower()] if said else [m.group() for m in _TITLED_RE.finditer(lower)]
    firsts = {name_key(n).split()[0] for n in context.team_names if name_key(n).split()}
    for name in names:
        words = name_key(name).split()
        if (
            len(words) == 1
            and words[0] in firsts
            and mentioned(name, context.client_names) is None
            and _as_doer(lower, name)
        ):
            return name
    return None


# The teammate as the one who did it: "nota pak slamet", "pak slamet wis input dewe", "sing
# diwenehke pak slamet"; never "itu trip pak slamet" (a client of that name).
_DOER_BEFORE_RE = re.compile(
    r"\b(?:nota|notanya|struk|bon|laporan|catatan|kata|jare|diwenehke|diwenehi|dikasih|dikasi"
    r"|dititip\w*|dibawa|digowo"
    # "parkir td udh dilaporin bu sari": who reported it, never whose trip.
    r"|dilaporin|dilaporkan|dilapor|dilaporke|dilaporno|diinput|dicatat|dicatet)\s+$"
)
_DOER_AFTER_RE = re.compile(
    r"\s+(?:(?:wis|wes|udh|udah|sudah|sdh|td|tadi|barusan)\s+)?(?:input|nginput|catat|catet"
    r"|nyatet|nyatat|masukin|ngisi|setor|nyetor|bayar|mbayar)\b"
)


def _as_doer(lower: str, name: str) -> bool:
    at = lower.find(name)
    return at >= 0 and bool(
        _DOER_BEFORE_RE.search(lower[:at]) or _DOER_AFTER_RE.match(lower, at + len(name))
    )


def _free_day_asked(fields: dict[str, Any], topic: Extraction | None) -> dt.date | None:
    """The one day whose free buses the last answer listed, for a new booking that gives no
    day of its own."""
    if topic is None or topic.intent is not Intent.QUERY_FREE_BUSES or "depart_date" in fields:
        return None
    day = topic.fields.date
    return day if topic.fields.date_to in (None, day) else None


# "sopirnya", "jemputnya", "busnya": something of someone named before.
_OF_THEIRS_RE = re.compile(r"\b[a-z]+nya\b")


def _paper_of_topic(
    paper: tuple[PaperKind, dict[str, Any]], context: ExtractionContext
) -> dict[str, Any]:
    """A konfirmasi or kwitansi naming no client and no trip leans on the client just talked
    about ("sekalian kwitansi dp 8jt nya" after SD Muhammadiyah's invoice); kept alone when
    nothing waits and no topic names one (the booking just saved is then the domain's)."""
    kind, fields = paper
    topic = context.topic
    if (
        kind in (PaperKind.CONFIRMATION, PaperKind.RECEIPT)
        and context.pending is None
        and topic is not None
        and topic.fields.client_name
        and not fields.keys() & {"client_name", "ref_date", "date"}
    ):
        fields = fields | {"client_name": topic.fields.client_name}
        if topic.fields.ref_date:
            fields["ref_date"] = topic.fields.ref_date
    return fields


def _own_day_off(text: str) -> bool:
    """A driver's "libur" of a day, not the public holidays named as such."""
    low = text.lower()
    return bool(HOLIDAY_WORD_RE.search(low)) and not (
        HOLIDAYS_RE.search(low) or SCHOOL_BREAK_RE.search(low) or LEBARAN_RE.search(low)
    )


# The client's money with the driver: "dibayar cash ke sy", "dititipin ke saya", "sy terima".
_CASH_WITH_ME_RE = re.compile(
    r"\b(?:ke|sama|sm|k)\s+(?:sy|saya|aku|aq|awak|kulo|gue|gw)\b|\bdi?titip\w*|\bnitip\w*"
    r"|\b(?:sy|saya|aku|kulo)\s+(?:udh\s+|udah\s+|sudah\s+)?(?:terima|nerima|pegang|bawa)\b"
)


def _cash_held_and_costs(
    whole: Extraction, readings: list[Extraction], context: ExtractionContext, text: str
) -> Extraction | None:
    """ "sisa 2,3jt dibayar cash ke sy, bsk sy setor. td solar 700rb tol 90rb" from a driver:
    the client's money he took (which he may not record: it is passed on to the owner and
    admins) and what he spent, both kept; the money first, the costs after it. None for
    anything else."""
    if context.role is not Role.DRIVER or whole.intent is not Intent.RECORD_TRIP_COST:
        return None
    if not _CASH_WITH_ME_RE.search(text.lower()):
        return None  # "Makan 200rb" in a report of costs is a cost, no money taken
    paid = [r for r in readings if r.intent is Intent.RECORD_PAYMENT and r.fields.amount]
    costs = [r for r in readings if r.intent is Intent.RECORD_TRIP_COST]
    if len(paid) != 1 or not costs or paid[0].fields.payment_type is PaymentType.REFUND:
        return None
    client = whole.fields.client_name
    money = paid[0].fields.model_copy(update={"client_name": paid[0].fields.client_name or client})
    # The costs as read in their own parts (the whole reading counts the client's money
    # among them), each with the trip's client.
    spent = tuple(
        c.model_copy(
            update={
                "fields": c.fields.model_copy(
                    update={"client_name": c.fields.client_name or client}
                )
            }
        )
        for c in costs
    )
    return paid[0].model_copy(update={"fields": money, "more": spent})


_FLEET_CHANGES = (Intent.UPDATE_BUS_STATUS, Intent.LOG_MAINTENANCE)
# "oh bentrok ya sama pak wiryo", "oh iya dipake pak hendra": the client named is the one
# the proposal clashed with (never "pak hendra bentrok sama acara kantornya": his own).
_CLASH_WITH_RE = re.compile(
    r"\b(?:(?:bentrok|tabrakan|dobel|double)\w*\s+(?:(?:ya|yo|yah)\s+)?(?:sama|sm|ama|dengan|dgn|karo)"
    r"|dipake|dipakai|kepake|kepakai|dipakai\s+sama|dipake\s+sama)\s+$"
)
# A last clause of its own letting go of what was proposed: "..., yaudah ga jadi", "...,
# yowis ora sido wae", "..., klo gitu batal aja" (nothing named in it).
_SETTLED_OFF_RE = re.compile(
    r"(?:^|[,.;!]\s*|\b(?:ya|iya|oh|o|wah)\s+)(?:ya\s*udah|yaudh|yauda|yasudah|ya\s+sudah|yowis|yowes|yo\s+wis|"
    r"ok(?:e|elah)?|(?:kalo|klo|kalau|kl)\s+(?:gitu|gt|gtu|ngono))\s*,?\s*"
    r"(?:(?:ga|gak|nggak|ngga|gk|g|tidak|tdk|ndak|ora|ra)\s+(?:jadi|jd|sido|usah|usa)|gausah"
    r"|batal(?:in|kan)?|cancel|ora\s+sido|skip)"
    r"(?:\s+(?:deh|dh|aja|aj|ae|wae|dulu|dl|ya|yah|yo|pak|bu|mbak|mas|kok|lah|sik|ding|dink))*"
    r"[\s.!]*$"
)


def _money_left_shown(found: Found, reading: Extraction, left: list[str]) -> Extraction:
    """An amount a booking's reading did not place ("..., DP nya sudah saya transfer BCA 2jt"
    read without its DP) is shown to the person as not recorded, never dropped unsaid."""
    if reading.intent not in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        return reading
    unplaced = list(reading.fields.unplaced or [])
    for value in (item for item in left if item.isdigit()):
        said = next(
            (
                found.text[m.start : m.end]
                for m in found.money
                if str(m.value) == value and not said_per_unit(found, m)
            ),
            "",
        )
        if said and not any(said in shown for shown in unplaced):
            unplaced.append(said)
    if unplaced == list(reading.fields.unplaced or []):
        return reading
    fields = reading.fields.model_copy(update={"unplaced": unplaced})
    return reading.model_copy(update={"fields": fields})


_CREW_WORD = r"(?:sopir|supir|driver|kernet|kenek)(?:nya|ne|e)?"
# A party as a trip is named by it: a title, a school, a group.
_PARTY_OPENS_RE = re.compile(
    r"(?:pak|bu|ibu|bapak|bpk|mas|mbak|mba|kel|keluarga|sd|smp|sma|smk|tk|mi|mts|ma|pt|cv"
    r"|pkk|karang\s+taruna|masjid|gereja|yayasan|paguyuban|rombongan|kantor)\b"
)


def _crew_word_carried(text: str, context: ExtractionContext) -> str:
    """ "pak hendra sopirnya joko, sd muhammadiyah bandung wahyu": a second trip, a client
    of the PO, given one of the team in the first's words, its crew word left out; said
    again before the name."""
    names = [name.split()[-1].lower() for name in context.team_names if name]
    if not names:
        return text
    who = "|".join(re.escape(n) for n in names)
    given = re.search(rf"\b({_CREW_WORD})\s+(?:{who})\s*,\s*", text, re.IGNORECASE)
    if given is None:
        return text
    rest = re.match(rf"([a-z][^,.\n?]*?)\s+({who})\s*(?=$|[,.\n])", text[given.end() :], re.I)
    if rest is None or re.search(rf"\b{_CREW_WORD}\b|\b(?:{who})\b", rest[1], re.I):
        return text
    named = rest[1].lower()
    if not (_PARTY_OPENS_RE.match(named) or mentioned(named, context.client_names)):
        return text  # "..., makasih wahyu": no trip named
    at = given.end() + rest.start(2)
    return f"{text[:at]}{given[1].lower()} {text[at:]}"
