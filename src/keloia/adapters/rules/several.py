"""Several requests in one message: "bu rina tf 2,2jt bca, sekalian bsk pkk jemputnya
ganti jam 6" is a payment and a change of another trip. Read as one, the second is lost, or
worse, its values land in the first ("bus 04 ganti oli 850rb, sekalian pak hendra dp 1jt"
read as a change of Pak Hendra's bus and price).

The message is cut where people join requests ("sekalian", "trus", "satu lagi", a new line
or sentence) and each part is read alone. The cut is kept only when every part is a request
of its own: an action or a question, confident, the actions each naming what they are
about, and no two about the same thing. Otherwise ("harga bu tini jd 5,5jt sekalian dp 1jt
cash": the DP names nobody) the message is one request, read whole."""

from __future__ import annotations

import re
from collections.abc import Sequence

from keloia.adapters.rules.intents import (
    NO_BUS_RE,
    NO_DRIVER_RE,
    SOMEONE_BOOKED_RE,
    WANTS_TO_BOOK_RE,
)
from keloia.adapters.rules.vocabulary import AND, CLIENT_PAID
from keloia.domain.model.clients import name_key
from keloia.domain.model.intents import INTENTS, SURE_READING, Extraction, Intent, IntentKind
from keloia.domain.model.payments import PaymentType

# Short forms whose full stop ends no sentence when a name or a figure follows in capitals:
# "BCA an. Siti Aminah" (atas nama), "indomaret Jl. Kaliurang", "No. 12", "RSUP Dr.
# Sardjito", "Bpk. H. Ahmad" ("kantor kec. pak hendra jemput jam 6" is two sentences).
_SHORT_FORMS = (
    *("an", r"a\.n", "jl", "jln", "no", "kec", "kab", "kel", "gg", "ds"),
    *("dr", "drs", "h", "hj", "bpk"),
)
_AFTER_SHORT_FORM = "|".join(rf"(?<=\b{form}\.)" for form in _SHORT_FORMS)
_NEVER_ENDS = rf"(?!(?:{_AFTER_SHORT_FORM})\s+(?-i:[A-Z0-9]))"
_ASKED_LAST = "|".join(
    rf"(?<=\b{w})"
    for w in ("apa aja", "apa saja", "apa wae", "siapa aja", "siapa saja", "sopo wae", "sapa aja")
)
# Where one request ends and another begins. A comma alone never cuts: it separates the
# values of one request ("bus 01, 15jt, dp 5jt").
JOINER_RE = re.compile(
    r"\n+"
    # A sentence ends ("... cash. bu dewi ..."); its mark stays with it: "?" asks.
    rf"|(?<=[a-z\d)][.?!]){_NEVER_ENDS}\s+(?=[a-z])"
    r"|\s*;\s*"
    # A question of a list closed by its question word, then a comma and another ("minggu
    # ini ada trip apa aja, duite wis mlebu brp"): the comma ends the first question. (Not
    # after "brp" or "kapan": "karang taruna dp brp, bayarnya kapan" asks one thing.)
    rf"|(?:{_ASKED_LAST}),\s*(?=[a-z])"
    # ("bu rina sisa brp, pak hendra sisa brp": how much, then another client by title.)
    r"|(?:(?<=\bbrp)|(?<=\bberapa)|(?<=\bpiro)),\s*(?=(?:pak|bu|bapak|ibu|mas|mbak)\s)"
    r"|[,\s]+(?:sekalian|sekalin|skalian)\s+"
    # ("minggu lalu", "bulan lalu", "2 hari lalu": a time gone by, no "then".)
    r"|(?:,?\s+|(?<=\s))(?:trus|terus|trs|tros"
    r"|(?<!minggu\s)(?<!bulan\s)(?<!tahun\s)(?<!hari\s)(?<!pekan\s)(?<!bln\s)(?<!mgg\s)(?<!thn\s)"
    r"(?<!taun\s)(?<!jam\s)(?<!sasi\s)lalu|kemudian|abis\s+itu|habis\s+itu|satu\s+lagi"
    r"|oh\s+iya|oh\s+ya|o\s+iya|oiya|btw)\b[,\s]*"
    rf"|,\s*(?:{AND})\s+",
    re.IGNORECASE,
)
# A comma or a plus between two actions of different kinds ("bus 04 ganti oli 850rb, pak
# hendra dp 1jt cash"): cut only when each side is an action of its own (separate_actions);
# a comma inside money ("2,5jt") never cuts.
# Only a comma before a new subject (a bus, or a client by title or kind, maybe after "yg":
# "pak hendra batal, yg bu dewi diundur 2 hari") may cut.
COMMA_RE = re.compile(
    # ("pak hendra pake bus 04 bu dewi pake bus 02": a client's bus, then another's, with no
    # comma between.)
    r"(?<=\d)\s+(?=(?:pak|bu|bapak|ibu|mas|mbak|mba|bpk)\s+[a-z]+\s+(?:pake|pakai|naik|dapet|dapat)"
    r"\s+(?:bus|bis)\b)"
    r"|\s*(?:,(?!\d)|\+)\s*"
    # ("sopir pak hendra joko, sopir sd muh kotagede wahyu": a trip's crew, then another's.)
    r"(?=(?:(?:yg|yang)\s+)?(?:(?:sopir|supir|driver|kernet)\s+)?"
    r"(?:pak|bu|bapak|ibu|mas|mbak|mba|bpk|bus|bis|sd|smp|sma|smk|pt|cv|pkk|masjid)\b)",
    re.IGNORECASE,
)
MAX_ACTIONS = 4
# A part shorter than this says nothing on its own ("ya", "ok").
MIN_PART = 6
# What an action is about, by the fields that name it.
TARGET_FIELDS = ("client_name", "bus", "ref_date")


def parts(text: str) -> list[str]:
    """The message cut at its joiners (a list's bullets too); one part when there is none."""
    cut = [p.strip(" ,.-•*:") for p in JOINER_RE.split(text)]
    return [p for p in cut if len(p) >= MIN_PART]


def comma_parts(text: str) -> list[str]:
    """The message cut at its commas and plus signs: the values of one request, unless
    separate_actions finds each part an action of its own."""
    cut = [p.strip(" ,.-•*:") for p in COMMA_RE.split(text)]
    return [p for p in cut if p]


def may_be_actions(whole: Extraction, cut: Sequence[str]) -> bool:
    """Worth reading the comma parts apart: an action read whole, cut in two to four (more
    parts are the values of one request: "bus 01, tgl 5, ke malang, 15jt, dp 5jt")."""
    return INTENTS[whole.intent].kind is IntentKind.ACTION and 2 <= len(cut) <= MAX_ACTIONS


def separate_actions(whole: Extraction, readings: Sequence[Extraction]) -> bool:
    """Parts cut at commas stand apart only when every one is a confident action of a
    different kind naming its own subject: "bus 04 ganti oli 850rb, pak hendra dp 1jt" is a
    repair and a payment; "pak hendra sewa bus 01, tgl 5 des, 15jt" is one booking (its
    parts are no actions), "pak agus dp 1jt, bu rina lunas 2jt" one reading of two payments."""
    intents = [r.intent for r in readings]
    subjects = [_about(r) for r in readings]
    if whole.intent is Intent.COMPLETE_BOOKING and Intent.RECORD_ODOMETER in intents:
        # "trip bu rina udh selesai pak, bus 03 udh di garasi km akhir 152.340": the km
        # is the trip's closing reading, its bus the trip's (one completion).
        return False
    if whole.intent is Intent.RECORD_ODOMETER and whole.fields.readings:
        # "km bus 01 128.900, bus 04 166.720 pak, mau pas ngisi solar": one reading of
        # two buses (the second km is no fuel bought).
        return False
    if any(r.intent is Intent.CREATE_BOOKING and not r.fields.client_name for r in readings):
        # A new booking is someone's: "pak haryo minta 2 bus tgl 20, bus 01 sm bus 02, ...
        # jogja - malang, 22jt" is his booking and its buses, trip and price, not a change
        # of his trip beside a booking of nobody's.
        return False
    # "sopir pak hendra joko, sopir sd muh kotagede wahyu": each client's trip its crew.
    # (Never the crew of one trip by its buses: "bus 01 pak joko kernet aris, bus 04 ...".)
    crew_apart = (
        not whole.fields.crew
        and set(intents) == {Intent.UPDATE_BOOKING}
        and all(
            r.fields.client_name and (r.fields.driver or r.fields.kernet or r.fields.bus)
            for r in readings
        )
    )
    return (
        (len(set(intents)) == len(intents) or crew_apart)
        and all(
            INTENTS[r.intent].kind is IntentKind.ACTION and r.confidence >= SURE_READING
            for r in readings
        )
        and None not in subjects
        and len(set(subjects)) == len(subjects)
    )


def requests(cut: Sequence[str], readings: Sequence[Extraction]) -> list[tuple[str, Extraction]]:
    """The parts that say something: a lead-in ("mbak catet ya:") or a thanks, read as
    nothing and holding no value, is no request of its own."""
    return [
        (part, reading)
        for part, reading in zip(cut, readings, strict=True)
        if reading.intent is not Intent.UNKNOWN or reading.fields.stated()
    ]


# A heading on a line of its own before a list: "rekap pembayaran masuk hr ini:".
HEADING_RE = re.compile(r"^[^\n?]*:[ \t]*\n")


def without_heading(text: str, said: list[tuple[str, Extraction]]) -> list[tuple[str, Extraction]]:
    """ "rekap pembayaran masuk hr ini:\n- Pak Hendra dp 3jt ...\n- Bu Lilis ...": the
    heading of a list of actions of one kind names what follows; read as a question it asks
    nothing, and the list is the request."""
    if len(said) < 3 or not HEADING_RE.match(text.strip()):
        return said
    head, *rest = said
    intents = {r.intent for _, r in rest}
    if INTENTS[head[1].intent].kind is not IntentKind.QUERY or len(intents) != 1:
        return said
    if INTENTS[rest[0][1].intent].kind is not IntentKind.ACTION:
        return said
    return rest


def the_asking_sentence(
    whole: Extraction, said: Sequence[tuple[str, Extraction]]
) -> Extraction | None:
    """ "Saya lagi di Surabaya ... sampai Rabu. Tolong rekapkan jadwal sampai hari Jumat ya,
    busnya apa dan sopirnya siapa": a question read whole with the day of something told
    beside it mixed in, and one sentence that asks it with days of its own: that
    sentence's reading, when the others only tell (read as nothing) or ask on with no day
    of their own. None otherwise."""
    if INTENTS[whole.intent].kind is not IntentKind.QUERY:
        return None
    sure = [r for _, r in said if r.intent is whole.intent and r.fields.date]
    if len(sure) != 1 or sure[0].fields.date_to == whole.fields.date_to:
        return None
    others = [r for _, r in said if r is not sure[0]]
    if not all(
        r.intent is Intent.UNKNOWN or (r.intent is whole.intent and not r.fields.date)
        for r in others
    ):
        return None
    return sure[0]


# "dp belum", "blm dp", "dp nya belum ada": said of a booking told in the same message.
_DP_NOT_YET_RE = re.compile(
    r"\W*(?:(?:dp|dpnya|dp\s+nya|bayar\w*)\s+(?:nya\s+)?(?:belum|blm|durung|dereng)"
    r"|(?:belum|blm|durung|dereng)\s+(?:ada\s+)?(?:dp|bayar\w*))(?:\s+(?:ada|masuk|ya|yah|pak|bu))*\W*"
)


# What was done, told beside a question: money spent or paid, work on a bus, a reading
# (never a booking or a change only talked of: "bu dewi nanya lg mau nambah").
_DONE_RECORDS = frozenset(
    {
        Intent.RECORD_TRIP_COST,
        Intent.RECORD_PAYMENT,
        Intent.LOG_MAINTENANCE,
        Intent.RECORD_ODOMETER,
    }
)


# What was only usual, due, planned or already recorded: "biasane 1,5jt", "kudu 1,5jt",
# "wis tak catet 1,5jt".
_NOT_DONE_NOW_RE = re.compile(
    r"\b(?:biasane|biasanya|biasa|kudu|harus|harusnya|mestinya|rencana\w*|mau|arep|nanti|ngko"
    r"|catet|catat|dicatat|dicatet|kecatet|tercatat|kira2|sekitar|kisaran)\b"
)


def action_beside_question(
    whole: Extraction, said: Sequence[tuple[str, Extraction]]
) -> Extraction | None:
    """Of two parts, the question the whole message reads as and a record of something done
    said beside it that the rules are not sure of (told, not asked): that record, to
    propose after the answer rather than drop. None otherwise."""
    if INTENTS[whole.intent].kind is not IntentKind.QUERY or len(said) != 2:
        return None
    asked = [r for _, r in said if r.intent is whole.intent]
    told = [(p, r) for p, r in said if r.intent in _DONE_RECORDS and r.confidence >= 0.6]
    told = [(p, r) for p, r in told if "?" not in p and not _NOT_DONE_NOW_RE.search(p.lower())]
    if len(asked) != 1 or len(told) != 1:
        return None
    return told[0][1]


def separate(whole: Extraction, cut: Sequence[str], readings: Sequence[Extraction]) -> bool:
    """Every part read alone is a request of its own, and no two are about one thing. A
    part that asks is no action: "bsk sy jd kernet ya pak? sopirnya sapa" stays one
    question."""
    if len(readings) < 2:
        return False
    if whole.intent is Intent.COMPLETE_BOOKING and {
        Intent.RECORD_ODOMETER,
        Intent.RECORD_PAYMENT,
    } & {r.intent for r in readings}:
        # "rombongan bu ani udh sampe jogja, trip beres. km akhir bus 01 158.220": the km in
        # a sentence of its own is still the trip's closing reading (as after a comma); "pak
        # hendra nitip sisa 8jt cash ke sy, udh sy terima. tripnya selesai": the payment
        # settled with the trip's end is the completion's (proposed first, contracts.md).
        return False
    if whole.intent is Intent.CREATE_BOOKING and any(
        r.intent is Intent.QUERY_OUTSTANDING and _DP_NOT_YET_RE.fullmatch(p.lower())
        for p, r in zip(cut, readings, strict=True)
    ):
        # "booking baru: ..., harga 6,5jt. dp belum": the new booking has no DP yet; no one's
        # debts are asked.
        return False
    ended = [r for r in readings if r.intent is Intent.COMPLETE_BOOKING]
    named = [r for r in ended if r.fields.client_name or r.fields.ref_date]
    # ("bus 03 jg udh pulang" beside another trip named is another bus home.)
    also = any(re.search(r"\b(?:jg|juga|jga)\b", part.lower()) for part in cut)
    one_end = len(ended) == len(readings) and len(named) == 1 and not also
    if whole.intent is Intent.COMPLETE_BOOKING and one_end:
        # "sampun wangsul, bus 01 km akhir 153.310. trip masjid baitussalam rampung": the bus
        # home and the client's trip done are one trip's end.
        return False
    if whole.intent is Intent.REPORT_PROBLEM:
        return report_then_actions(readings)
    if whole.intent is Intent.QUERY_CANCELLATION_FEE and any(
        r.intent is Intent.CANCEL_BOOKING and not _CANCEL_ORDER_RE.search(p.lower())
        for p, r in zip(cut, readings, strict=True)
    ):
        # "sd muh ga jadi brgkt katanya. kalo batal skrg kena brp?": its fee asked, nothing
        # cancelled yet ("karang taruna batalin aja. kena brp?" orders it, and asks).
        return False
    if whole.intent is Intent.QUERY_FREE_BUSES and any(
        r.intent is Intent.CREATE_BOOKING for r in readings
    ):
        # "pengajian al ikhlas mau ke wonosobo tgl 26, butuh bus 59 seat. ada yg kosong?":
        # the free buses asked for an enquiry; the trip is why, nothing is booked yet.
        return False
    if _lines_of_whole(whole, readings):
        return False
    kinds = [INTENTS[r.intent].kind for r in readings]
    if INTENTS[whole.intent].kind is IntentKind.QUERY and IntentKind.ACTION not in kinds:
        told = _told_then_asked(cut) and readings[-1].intent is Intent.QUERY_FREE_BUSES
        return not told and _questions_apart(readings)
    # Read whole as a question, an instruction and a question ("pak hendra ganti sopir
    # slamet. bu dewi sisa brp?") stand apart as any action and question do: the question
    # words of one part must not swallow the instruction of another.
    if INTENTS[whole.intent].kind not in (IntentKind.ACTION, IntentKind.QUERY):
        return False
    if any(
        kind is IntentKind.ACTION and p.endswith("?") for p, kind in zip(cut, kinds, strict=True)
    ):
        return False
    if IntentKind.ACTION not in kinds:
        return False
    if _details_of_new_booking(readings):
        return False
    seen: set[str] = set()
    for i, (part, reading, kind) in enumerate(zip(cut, readings, kinds, strict=True)):
        if kind not in (IntentKind.ACTION, IntentKind.QUERY) or reading.confidence < SURE_READING:
            return False
        if kind is IntentKind.QUERY:
            continue
        about = _about(reading) or _someones_booking(part, reading, readings, i)
        if about is None:
            return False
        # Two kinds of action about one client ("pak hendra dp 2jt, trus jemputnya jam 5")
        # stand apart unless the whole reading is the change that carries its payment
        # ("harga bu tini jd 5,5jt sekalian dp 1jt cash").
        key = about if whole.intent is Intent.UPDATE_BOOKING else f"{reading.intent}:{about}"
        if any(_same_subject(key, other) for other in seen):
            return False
        seen.add(key)
    return True


_CANCEL_ORDER_RE = re.compile(r"\b(?:batalin|batalkan|dibatalin|dibatalkan|cancel|cancelin)\b")
# What one reading lists, one line each: payments, costs, papers.
_LIST_FIELDS = ("payments", "costs", "documents")


def _lines_of_whole(whole: Extraction, readings: Sequence[Extraction]) -> bool:
    """ "catat pembayaran:\npak bambang pelunasan 4jt cash\nbu dewi dp 2,5jt bri": a list
    on separate lines is one request of several lines, as on one line (its "payments"), when
    the whole reading already holds every line the parts are."""
    if any(r.intent is not whole.intent for r in readings):
        return False
    stated = whole.fields.stated()
    return any(len(stated.get(key) or ()) >= len(readings) for key in _LIST_FIELDS)


def word_beside_actions(readings: Sequence[Extraction]) -> bool:
    """ "karang taruna tgl 12 pake bus 04 sopir slamet. trus bilangin slamet jangan telat":
    word to a teammate said beside actions that each name their own subject: the actions
    and the word, each proposed, none dropped."""
    if not readings:
        return False  # nothing said beside a lead-in: no word, no actions
    *others, word = readings
    # The word said last: what follows a word to a teammate is the word's own ("bilangin
    # joko jemput jam 5, trus bawa bus 02").
    return (
        word.intent is Intent.RELAY_MESSAGE
        and word.confidence >= SURE_READING
        and bool(others)
        and all(
            INTENTS[r.intent].kind is IntentKind.ACTION
            and r.confidence >= SURE_READING
            and _about(r) is not None
            for r in others
        )
    )


# A kind word to a teammate, said before what is asked: "ya sudah jok, semoga cepat
# sembuh", "yowis, ati2 ya", "makasih infonya".
_KIND_WORD_RE = re.compile(
    r"\b(?:semoga|smoga|moga|moga2|mugo|mugo2|mugi|cepat\s+sembuh|cepet\s+sembuh|lekas\s+sembuh"
    r"|gws|get\s+well|ati2|hati2|hati-hati|makasih|terima\s+kasih|trims|suwun|ya\s+sudah|yasudah"
    r"|yaudah|yowis|ya\s+wis|gpp|gapapa|ga\s+papa|sing\s+sabar|yang\s+sabar|yg\s+sabar)\b"
)


_NOT_DONE_RE = re.compile(
    r"\b(?:ga|gak|gk|nggak|ngga|ora|ra|tidak|tdk|ndak)\s+(?:jadi|jd|sido|usah|perlu)\b"
    r"|\b(?:jangan|jgn|ojo|usah)\s+(?:di\w+|ganti|pindah)\b"
)


def kind_word_then_action(
    cut: Sequence[str], said: Sequence[tuple[str, Extraction]]
) -> Extraction | None:
    """ "ya sudah jok, semoga cepat sembuh. pkk besok slamet yg nyopir": a kind word to a
    teammate (a part that is no request), then one action naming its subject: the action,
    never lost to the word."""
    if len(cut) != 2 or len(said) != 1 or said[0][0] != cut[1]:
        return None
    if "?" in cut[1] or not _KIND_WORD_RE.search(cut[0].lower()):
        return None  # ("yowis jok. bu dewi batal po?": asked)
    if _NOT_DONE_RE.search(cut[1].lower()):
        return None  # ("makasih infone. pkk ora sido ganti slamet": the change called off)
    action = said[0][1]
    sure = action.confidence >= SURE_READING and _about(action) is not None
    return action if INTENTS[action.intent].kind is IntentKind.ACTION and sure else None


def report_then_actions(readings: Sequence[Extraction]) -> bool:
    """ "bus 03 mogok, radiator bocor. pkk bsk pake bus 02 aja": a problem told, then what
    is done about it (another bus for a trip), each an action naming its subject: the
    report is passed on and the actions proposed, none dropped."""
    report, *then = readings
    return report.intent is Intent.REPORT_PROBLEM and all(
        INTENTS[r.intent].kind is IntentKind.ACTION
        and r.confidence >= SURE_READING
        and _about(r) is not None
        for r in then
    )


# What a driver may tell on the road beside a problem: a cost paid, a km read.
_DRIVERS_RECORDS = frozenset({Intent.RECORD_TRIP_COST, Intent.RECORD_ODOMETER})


def drivers_run_on(readings: Sequence[Extraction]) -> list[Extraction] | None:
    """ "pak bus 01 lampu rem kiri mati ... mbok sesok dibenerke trus td ngisi solar 400rb
    ... trus sesok aku prei to": a driver's run-on of a problem, what he paid or read, and
    a question, each part read sure: the problem first (passed on), then what he records
    (proposed), then what he asks (answered), none dropped. None unless every part is one
    of those and exactly one is the problem."""
    reports = [r for r in readings if r.intent is Intent.REPORT_PROBLEM]
    records = [r for r in readings if r.intent in _DRIVERS_RECORDS]
    asked = [r for r in readings if INTENTS[r.intent].kind is IntentKind.QUERY]
    # (A question alone beside the problem, "sesuk isih iso budhal ra?", is the report's.)
    if len(reports) != 1 or not records or len(asked) > 1:
        return None
    if len(reports) + len(records) + len(asked) != len(readings):
        return None
    if any(r.confidence < SURE_READING for r in readings):
        return None
    return [*reports, *asked, *records]


def report_first(readings: Sequence[Extraction]) -> list[Extraction] | None:
    """ "tadi bu rina udah transfer sisanya 2,2jt ke bca terus kata joko ac bus 03 kurang
    dingin tolong dicek": a voice note's actions with a problem told among them; the report
    first (passed on), then the actions proposed (report_then_actions), none dropped. None
    unless exactly one part is a sure report and every other a sure action of its own."""
    reports = [r for r in readings if r.intent is Intent.REPORT_PROBLEM]
    if len(reports) != 1 or len(readings) < 2 or reports[0].confidence < SURE_READING:
        return None
    ordered = [reports[0], *(r for r in readings if r is not reports[0])]
    subjects = [_about(r) for r in ordered[1:]]
    if not report_then_actions(ordered) or len(set(subjects)) != len(subjects):
        return None
    return ordered


def trip_named_before(readings: Sequence[Extraction]) -> list[Extraction]:
    """ "pak hendra wis lunas durung? ... trus jemput jam piro": a trip question naming no
    trip, no day and no bus, asked after another question of a client's, is of that trip.
    Likewise "minggu ini ada trip apa aja, duite wis mlebu brp": the money asked with no
    period is of the period asked just before."""
    out: list[Extraction] = []
    client: str | None = None
    period: dict[str, object] | None = None
    for r in readings:
        f = r.fields
        bare = not (f.client_name or f.route_to or f.date or f.bus or f.driver)
        if r.intent is Intent.QUERY_SCHEDULE and bare and client is not None:
            r = r.model_copy(update={"fields": f.model_copy(update={"client_name": client})})
        if r.intent is Intent.QUERY_INCOME and not f.date and period is not None:
            r = r.model_copy(update={"fields": f.model_copy(update=period)})
        if INTENTS[r.intent].kind is IntentKind.QUERY and r.fields.client_name:
            client = r.fields.client_name
        if INTENTS[r.intent].kind is IntentKind.QUERY and r.fields.date and r.fields.date_to:
            period = {"date": r.fields.date, "date_to": r.fields.date_to}
        out.append(r)
    return out


def trips_first(text: str, readings: Sequence[Extraction]) -> list[Extraction]:
    """ "bus 02 remnya lg diservis, baru beres kamis. tuker aja bus pak hendra sm bu dewi":
    the trips moved off the bus are proposed before its workshop stay, which then clashes
    with none of them; unless the message orders them itself ("masuk bengkel hr ini smp
    tgl 3 trs yg ke malang ganti srikandi")."""
    stay = next((i for i, r in enumerate(readings) if _workshop_stay(r)), None)
    if stay is None or _THEN_RE.search(text.lower()):
        return list(readings)
    moves = [r for r in readings[stay:] if r.intent is Intent.UPDATE_BOOKING]
    if not moves:
        return list(readings)
    return [*moves, *(r for r in readings if r not in moves)]


_THEN_RE = re.compile(
    r"\b(?:trs|terus|trus|lalu|abis\s+itu|habis\s+itu|sesudah\s+itu|stlh\s+itu)\b"
)


def _workshop_stay(reading: Extraction) -> bool:
    return reading.intent is Intent.UPDATE_BUS_STATUS and reading.fields.bus_status == "maintenance"


def _same_subject(key: str, other: str) -> bool:
    """One subject named twice, the second time in full or in short: "karang taruna ... ga
    jadi sewa. batal aja, mrk blm bayar" is one cancellation of Karang Taruna Condongcatur's
    trip, however each part spells the client."""
    return key == other or key.startswith(other + " ") or other.startswith(key + " ")


def _details_of_new_booking(readings: Sequence[Extraction]) -> bool:
    """ "bu ratna 2 bus tgl 8 juni jogja - kudus 18jt. sopirnya slamet sm joko": a change of
    the client of a new booking in the same message, naming no other trip of theirs, is
    that booking's details (its crew, pickup...), never a change of a booking not made yet."""
    booked = {
        r.fields.client_name.lower()
        for r in readings
        if r.intent is Intent.CREATE_BOOKING and r.fields.client_name
    }
    trip = {"route_to", "depart_date", "price", "bus", "bus_count"}
    creates = [r for r in readings if r.intent is Intent.CREATE_BOOKING]
    if any(r.fields.client_name and not trip & r.fields.stated().keys() for r in creates) and any(
        not r.fields.client_name and trip & r.fields.stated().keys() for r in creates
    ):
        # "ada booking Bu Lilis ..., no HP 0857-1234-9988. Wisata ke Semarang tgl 14 Agustus,
        # ... harga 5jt": who, then the trip, in sentences of their own: one booking.
        return True
    return any(
        r.intent is Intent.UPDATE_BOOKING
        and (
            (r.fields.client_name or "").lower() in booked
            # "booking baru: PT Mitra Karya ... cp bu meta 0813-2200-4517": a number said
            # beside a new booking, of whoever answers it, is that booking's contact.
            or (booked and r.fields.stated().keys() <= {"client_name", "client_phone"})
        )
        and not {"ref_date", "depart_date"} & r.fields.stated().keys()
        for r in readings
    )


def _told_then_asked(cut: Sequence[str]) -> bool:
    """ "tgl 12 karang taruna blm ada bus sm sopirnya. bus sm sopir yg kosong siapa aja?":
    a trip's lack told (no word of asking), then the question closed by "?": one question,
    read whole ("jadwal joko minggu ini. bu dewi sisa brp?" asks twice)."""
    return (
        len(cut) == 2
        and cut[1].rstrip().endswith("?")
        and "?" not in cut[0]
        and not _ASKING_WORD_RE.search(cut[0].lower())
        and bool(NO_BUS_RE.search(cut[0].lower()) or NO_DRIVER_RE.search(cut[0].lower()))
    )


# Words that ask, whatever else the sentence says ("blm ada bus" tells as often as it asks).
_ASKING_WORD_RE = re.compile(
    r"\b(?:apa|apakah|siapa|sapa|sopo|brp|berapa|pira|piro|kapan|kpn|mana|endi|dmn|dimana"
    r"|gimana|gmn|bagaimana|kah|ga\s+sih|gak\s+sih)\b"
)


# What a driver tells that the office hears of and the assistant then answers questions
# after (converse.reply_to's decline; other news would drop the questions beside it).
NEWS_TOLD = frozenset({Intent.DECLINE_TRIP})


def news_beside_questions(whole: Extraction, readings: Sequence[Extraction]) -> bool:
    """ "mbak sd muh tgl 7 aku ra iso, anakku nikahan. nek pkk sesuk tetep aku to? jemput
    jam piro" read whole as a question: the trip declined passed on, then the question
    answered (never the decline dropped)."""
    told = [r for r in readings if r.intent in NEWS_TOLD]
    asked = [r for r in readings if r.intent not in NEWS_TOLD]
    return (
        INTENTS[whole.intent].kind is IntentKind.QUERY
        and len(told) == 1
        and readings[0] is told[0]  # told first, then asked ("..., aku cuti tgl 3-4" is why)
        # ... of a trip it names ("tgl 7 sy ga bisa, trs trip sy abis itu kapan?" may only
        # wonder what comes next if so: no one is told of a decline on a guess).
        and bool(told[0].fields.client_name or told[0].fields.route_to)
        and bool(asked)
        and all(r.confidence >= SURE_READING for r in readings)
        and all(INTENTS[r.intent].kind is IntentKind.QUERY for r in asked)
    )


def _questions_apart(readings: Sequence[Extraction]) -> bool:
    """ "bus 05 msh di bengkel? trus kir yg mau abis bus apa": questions of different kinds,
    each answered. Two of one kind ("bsk bus 03 sopirnya sapa, trs lusa?") are one question
    the reader already takes whole."""
    asked = [r.intent for r in readings]
    sure = all(
        INTENTS[r.intent].kind is IntentKind.QUERY and r.confidence >= SURE_READING
        for r in readings
    )
    apart = _trips_asked_apart(readings) or _clients_asked_apart(readings)
    return sure and (len(set(asked)) == len(asked) or apart)


def _clients_asked_apart(readings: Sequence[Extraction]) -> bool:
    """ "bu rina sisa brp? pak hendra sisa brp?": what two clients owe, each answered."""
    if {r.intent for r in readings} != {Intent.QUERY_OUTSTANDING} or len(readings) != 2:
        return False
    first, later = (r.fields.client_name for r in readings)
    return bool(first and later) and name_key(first or "") != name_key(later or "")


_SUBJECT = ("client_name", "route_to", "bus", "driver", "detail")


def _trips_asked_apart(readings: Sequence[Extraction]) -> bool:
    """ "jadwal hr ini apa aja, trus yg ke malang rabu udh dp brp?": two schedule questions,
    the later one about a trip of its own (what it names or asks besides a day), each
    answered; a later part naming only a day ("trs lusa?") leans on the first."""
    if {r.intent for r in readings} != {Intent.QUERY_SCHEDULE} or len(readings) != 2:
        return False
    first, later = ({k: v for k, v in r.fields.stated().items() if k in _SUBJECT} for r in readings)
    # The later one asks a thing of its own trip ("udh dp brp" of the one to Malang); a
    # place or a party said after ("... sing nang malang", "rombongan pak kades") only
    # says which trip the first question is about.
    own_trip = bool(set(later) - {"detail"}) and "detail" in later and "detail" not in first
    return own_trip and not set(first) & set(later) - {"detail"}


def _someones_booking(
    part: str, reading: Extraction, readings: Sequence[Extraction], i: int
) -> str | None:
    """ "bu dewi tf 2jt. trus ada yg booking tgl 20 des jogja-solo": a new booking of
    someone ("ada yg booking", "ada booking", "ada yg mau sewa"), whose client is asked,
    beside actions that each name their own client (none a booking it could be the details
    of); it is about itself (never the client, nor the money, of another part). A booking
    told without "someone" ("sy ibu lestari ... mau pesan bus ...") is the sender's own,
    its client said elsewhere in the message."""
    if reading.intent is not Intent.CREATE_BOOKING:
        return None
    lower = part.lower()
    if not (
        SOMEONE_BOOKED_RE.search(lower)
        or WANTS_TO_BOOK_RE.search(lower)
        or _A_BOOKING_RE.search(lower)
    ):
        return None
    others = [r for j, r in enumerate(readings) if j != i]
    if any(
        r.intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING) or not r.fields.client_name
        for r in others
    ):
        return None
    return f"new booking {i}"


# "trus ada booking tgl 20 des ...": a booking come in, of someone not named.
_A_BOOKING_RE = re.compile(r"\bada\s+(?:booking|bookingan|order|orderan|pesanan|job)\b")


# Where a clause of a money message ends: a comma, full stop or semicolon that is no part
# of an amount ("2,5jt", "2.000.000"), or a new line.
_CLAUSE_RE = re.compile(r"\s*(?:[,;]|\.(?!\d))\s+|\s*\n+\s*")


def clauses(text: str) -> list[str]:
    """The message cut at every comma, full stop and new line outside its amounts."""
    return [c for c in (p.strip(" ,.;") for p in _CLAUSE_RE.split(text)) if c]


# Money said to be paid, in the payment's own clause ("masuk kawasan dieng 150rb" is a fee
# paid out, never money come in).
_PAID_SAID_RE = re.compile(
    rf"\b(?:{CLIENT_PAID}|bayar\w*|byr|dibayar\w*|mbayar\w*|ditf|ditransfer|cicil\w*|nyicil"
    r"|titip\w*|nitip|setor\w*|nyetor|dibalikin|dikembalikan|dikembaliin|dibalekno)\b"
)


# Money going back to the client, said in the payment's clause ("dp 1jt kembali ke bu dewi").
_GIVEN_BACK_RE = re.compile(r"\b(?:kembali\w*|dikembali\w*|balik\w*|dibalik\w*|balek\w*)\b")


def paid_and_spent(
    said: str,
    payment: Extraction,
    spent: Extraction,
    spent_alone: Extraction,
    each: Sequence[Extraction],
    from_crew: bool = False,
) -> list[Extraction] | None:
    """ "bu dewi dp 2jt, uang jalan sopir 750rb": money received from the client, then money
    spent on a trip, in one breath. Two proposals, the payment and the trip's cost (of the
    same client's trip unless the cost names its own), never the DP as a cost of the trip.
    `payment` is the reading of `said`, the one clause that reads as a payment; `spent` the
    rest of the message read as costs, `spent_alone` the same with the payment's client;
    `each` the rest's clauses read one by one: every one a cost, or the message is left
    whole ("..., dp nya blm masuk", "..., tf bca" say more of the money). A driver's money
    need not name its client ("pak sisane 2jt wis dibayar cash, solar 800rb": his trip's,
    passed on to the office)."""
    if payment.intent is not Intent.RECORD_PAYMENT or spent.intent is not Intent.RECORD_TRIP_COST:
        return None
    if not _PAID_SAID_RE.search(said.lower()):
        return None
    if (
        _GIVEN_BACK_RE.search(said.lower())
        and payment.fields.payment_type is not PaymentType.REFUND
    ):
        return None  # "dp 1jt kembali ke bu dewi": money going back, read as coming in
    if any(r.intent is not Intent.RECORD_TRIP_COST for r in each):
        return None
    client = payment.fields.client_name
    if not (client or from_crew) or payment.fields.amount is None or spent.fields.amount is None:
        return None
    if min(payment.confidence, spent.confidence) < SURE_READING:
        return None
    stated = spent.fields.stated()
    # ("..., uang jalan sopir bu rina 500rb": the cost names a trip of its own; "uang jalan
    # joko besok", "tol kemarin", "solar bus 03": a trip by its day, crew or bus, asked.)
    own = {"client_name", "ref_date", "date", "driver", "bus", "route_to"} & set(stated)
    cost = spent if own or not client else spent_alone
    if cost.intent is not Intent.RECORD_TRIP_COST or cost.fields.amount != spent.fields.amount:
        return None
    return [payment, cost]


def _about(reading: Extraction) -> str | None:
    """What an action names as its subject: a client, a bus, or the day of a trip."""
    stated = reading.fields.stated()
    for name in TARGET_FIELDS:
        if name in stated:
            return f"{name}={str(stated[name]).lower()}"
    return None
