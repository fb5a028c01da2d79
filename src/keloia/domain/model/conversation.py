"""One person's conversation with the bot: what seed Keloia kept in a Durable Object."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from keloia.domain.model.clients import HONORIFICS
from keloia.domain.model.common import Value
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.model.money import CostCategory
from keloia.domain.model.news import CALLED_OFF
from keloia.domain.model.payments import PaymentType

MAX_TURNS = 10
# A proposal nobody confirmed within this time is dropped: "ya" an hour later is more
# likely about something else.
PENDING_TTL = timedelta(minutes=30)
# A new booking proposed before its price is agreed waits longer: the price comes when the
# client answers, hours later ("hrgnya 4jt mbak, barusan dia wa"), within the working day.
UNPRICED_TTL = timedelta(hours=12)
# What the last answer was about is leaned on for as long: "kalo minggu ini" an hour after
# the income was asked is more likely a thought of its own.
TOPIC_TTL = timedelta(minutes=30)

# A waiting action is applied only by its button or by a reply that is a yes and nothing
# else: "ok tp busnya yg 45 seat kan?" or "siap nanti saya kabari" must never save it.
YES_WORDS = frozenset(
    [
        "ya",
        "iya",
        "iye",
        "yes",
        "yup",
        "yap",
        "yoi",
        "yo",  # Javanese
        "iyo",
        "y",
        "ok",
        "oke",
        "okey",
        "okay",
        "okeh",
        "sip",
        "siap",
        "gas",
        "betul",
        "benar",
        "bener",
        "lanjut",
        "lanjutkan",
        "catat",
        "dicatat",
        "catet",
        "dicatet",
        "catetin",
        "catatin",
        "simpan",
        # "udah bener, simpen aja": keep it, said as people type it.
        "simpen",
        "disimpan",
        "disimpen",
        "simpenin",
        "simpanin",
        "setuju",
        "boleh",
        "nggih",
        "inggih",
        "injih",
        "leres",
        # "go ahead" said to "Benar?": Javanese, Sundanese and Indonesian; Sundanese "yes".
        "monggo",
        "mangga",
        "sumangga",
        "silakan",
        "silahkan",
        "muhun",
        "sumuhun",
        # Sundanese "yes" as said among friends ("enya kang").
        "enya",
        "acc",
    ]
)
# "yowis", "yaudah" alone to what waits: "well then, go ahead", a yes of its own.
WELL_THEN = frozenset(
    ["yaudah", "yaudh", "ywdh", "yodah", "yowes", "yawes", "yowis", "yawis", "yasudah", "yaudahlah"]
)
# "ga papa, catat aja", "ra popo": no matter, never a no (read as "gpp", a softener).
NO_MATTER_RE = re.compile(
    r"\b(?:ga|gak|gk|nggak|ngga|ndak|tdk|tidak|ra|ora|rak)\s*(?:papa|apa2|apa-apa|apa\s+apa|popo|opo2"
    r"|masalah)\b"
)
# What may stand around a yes without changing it: whom it is said to, and softeners.
AROUND_YES = frozenset(
    [
        "pak",
        "bapak",
        "bu",
        "ibu",
        "mbak",
        "mba",
        "mas",
        "bos",
        "boss",
        "ndan",
        "komandan",
        "juragan",
        "gan",
        "kak",
        "om",
        "min",
        "bang",
        "dik",
        "dek",
        "kang",
        "pakde",
        "bude",
        "dong",
        "deh",
        "aja",
        "saja",
        "sudah",
        "udah",
        "sdh",
        "udh",
        "kok",
        # Sundanese "muhun tos fix" (udah).
        "tos",
        # Javanese: "wes bener kuwi mbak, catet wae" (sudah, itu, aja).
        "wes",
        "wis",
        "kuwi",
        "iku",
        "wae",
        "ae",
        # Betawi: "iye aje", "udeh, catet", "makasih ye".
        "aje",
        "udeh",
        "ude",
        "ye",
        # "nah iya": well, yes; "eh iya, bener": oh yes.
        "nah",
        "eh",
        # "iya bener gitu": so it is.
        "gitu",
        "begitu",
        "gtu",
        "lah",
        "yah",
        "ya",
        # "ok gas yg td", "catat yg tadi" after a question in between: the one waiting.
        "yg",
        "yang",
        "td",
        "tadi",
        "itu",
        # "yaudah catat", "oh yowes, gas": "well then", said before the yes.
        "oh",
        *WELL_THEN,
        "gpp",
        "gapapa",
    ]
)
# Said with a yes, the deal is on: "ok jadi, catat", "oke fix".
DEAL_ON = frozenset(["jadi", "jd", "fix"])
# "ya betul semua" to what was read from one message: all of it is right, nothing else.
ALL_OF_IT = frozenset(["semua", "semuanya", "smua", "smuanya", "semuane", "kabeh", "sadayana"])
# "muhun dua2na" to two readings (or payments, papers, costs) waiting: both of them. Never
# beside a yes to anything else ("dua2nya ya" picks both people a word goes to).
_BOTH = frozenset(["dua2nya", "duanya", "keduanya", "dua2na", "duanana", "dua2ne"])
# "nah itu baru bener, ok" to a proposal put right: it is right now, said of what waits.
# ("nah itu bener, catet": right, said without "baru" too.)
_RIGHT_AT_LAST_RE = re.compile(
    r"\b(?:nah\W+)?(?:(?:itu|gitu|gini|ini)\W+(?:baru\W+)?|nah\W+baru\W+)"
    r"(?=(?:bener|betul|benar|pas)\b)"
)


# Why it is a yes, said with it: that it was agreed ("kata bos", "kliennya setuju") or is
# settled ("wes", "aman", "udh masuk"). Nothing that puts it off ("nanti", "dulu"), doubts
# it ("blm", "tp", "?"), passes it on ("ok bilang bapak": I will tell him) or leaves it to
# be checked ("ya dicek") belongs here: "oke kata bos, lanjut catat" applies what waits,
# "ok nanti sy kabari" and "ok blg bos" never.
# Agreement: reported ("kata bos", "jare pak budi") or said ("setuju", "acc", "deal").
_AGREED = frozenset(
    [
        "kata",
        "katanya",
        "kt",
        "ktnya",
        "kate",
        "jare",
        "jarene",
        "cenah",
        "setuju",
        "disetujui",
        "acc",
        "diacc",
        "deal",
        "sepakat",
    ]
)
YES_REASON = _AGREED | frozenset(
    # Settled: "wes", "udh masuk", "aman", "beres".
    [
        "wes",
        "wis",
        "uwis",
        "uwes",
        "dah",
        "masuk",
        "aman",
        "beres",
        "cocok",
        "sesuai",
        "pas",  # "oh pas, catat": the amount is right
        "mantap",
        "mantab",
        "gaskan",
    ]
)
# Who agreed: said only with an agreement word ("kliennya setuju", "kata beliau"), never
# alone ("oke kliennya", "iya beliau": nothing says they agreed).
_AGREEING = frozenset(
    [
        "owner",
        "pemilik",
        "bapak",
        "ibu",
        "beliau",
        "orangnya",
        "klien",
        "kliennya",
        "tamunya",
        "atasan",
        "pimpinan",
        # "udh oke kata bengkelnya, catat": the workshop agreed to the stay.
        "bengkel",
        "bengkelnya",
        "bengkele",
        "montir",
        "montirnya",
        "mekanik",
        "mekaniknya",
    ]
)
# "td sy cek mutasinya": the money seen in the bank's statement, a reason as "udh masuk".
_SEEN_IN_BANK_RE = re.compile(
    r"\b(?:td|tadi|udh|udah|sudah|sdh|wis|wes)\s+(?:sy|saya|aku|gue|tak)\s+(?:cek|liat|lihat)"
    r"\s+(?:mutasi|rekening|rek|saldo)\w*"
)
# Said only beside such a reason: "harganya udh bener kata bos".
_BESIDE_REASON = frozenset(
    ["harga", "harganya", "hargane", "semua", "semuanya", "td", "tadi", "yo", "ae", "wae"]
)


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


# A slip owned, a value put right as such: "eh salah", "bukan ...", "keliru", "ralat",
# "maksudnya", "4,5jt ding", "harusnya ...".
SLIP_RE = re.compile(
    r"\b(?:bukan|bkn|salah|keliru|ralat|koreksi|maksudnya|maksud\s+sa?ya|mksdnya|ding|dink"
    r"|harusnya|hrsnya)\b"
    # "eh bus 03 aja deh": a mind changed about what was just said.
    r"|\b(?:eh|ehh|sori|sorry|maaf)\b[^.?!]*\b(?:aja|saja|ae|wae)\s+(?:deh|dh|ah)\b",
    re.I,
)
# "bus 02 aja deh": a mind changed about a value just said (a slip only when that value is
# of what was just said: assistant.understanding).
MIND_CHANGED_RE = re.compile(r"\b(?:aja|saja|ae|wae)\s+(?:deh|dh|ah)\b", re.I)


# Thanks, said alone or closing a message ("siap pak bener, matur nuwun").
THANKS = frozenset(
    [
        "makasih",
        "makasi",
        "mksh",
        "mkasih",
        "mksih",
        "maksih",
        "makasii",
        "makasihh",
        "thank",
        "makacih",
        "trims",
        "trimakasih",
        "terimakasih",
        "thx",
        "thanks",
        "tq",
        "tks",
        "suwun",
        "nuwun",
        "maturnuwun",
        "matur",
        "hatur",
        "nuhun",
        "tengkyu",
    ]
)
# A yes that says more than "ok": that what waits is right, or to record it. Two yes
# words with one of these may close with thanks ("sip bener semua mbak, catet aja ya
# makasih"); "siap, matur nuwun" and "ok makasih" alone stay thanks (what waits keeps
# waiting, and is recalled).
_YES_IN_FULL = frozenset(
    [
        *("betul", "benar", "bener", "leres", "catat", "dicatat", "catet", "dicatet"),
        *("catetin", "catatin", "simpan", "simpen", "disimpan", "disimpen", "simpenin"),
        *("simpanin", "lanjut"),
    ]
)


# "eh iya td blm dijawab, bener kok catet": the answer owed, said with the yes.
_NOT_ANSWERED_YET_RE = re.compile(
    r"\b(?:(?:td|tadi|barusan)\s+)?(?:blm|belum|lupa)\s+(?:(?:sy|saya|aku)\s+)?"
    r"(?:di)?(?:jawab|bales|balas)\b"
)


_BUT_RE = re.compile(r"\b(?:tp|tapi|tpi)\b", re.I)


# What a mind changed back from says before "tapi": a doubt or a cancelling, no value.
_DOUBTED_RE = re.compile(r"\b(?:batal\w*|cancel\w*|ragu\w*|bingung|mikir|pikir\w*)\b", re.I)
# The yes after it keeps the record in so many words ("simpen aja"), never a bare "ok".
_KEEP_IT_RE = re.compile(r"\b(?:simpen|simpan|catet|catat|dicatat|dicatet|lanjut\w*)\b", re.I)


def yes_after_all(text: str) -> bool:
    """ "td mau sy batalin, tp yaudah simpen aja": a mind made up at the end, the last
    clause after "tapi" a plain yes keeping the record, after a doubt with no value in it
    (never "harganya 9jt tp ok", a value put right)."""
    said = list(_BUT_RE.finditer(text))
    if not said or "?" in text:
        return False
    before, after = text[: said[-1].start()], text[said[-1].end() :]
    doubted = _DOUBTED_RE.search(before) and not re.search(r"\d", before)
    return bool(doubted) and bool(_KEEP_IT_RE.search(after)) and plain_yes(after)


def _who_agreed(words: list[str], team: Collection[str]) -> set[str]:
    """ "kata pak budi": the first name of one of the PO's own people right after an
    agreement word (and a title), who agreed; never any word ("kata bapak batal aja")."""
    firsts = set()
    for name in team:
        said = [w for w in name.lower().split() if w not in HONORIFICS]  # "Pak Budi"
        firsts.update(said[:1])
    named = set()
    for i, word in enumerate(words):
        if word not in _AGREED:
            continue
        after = words[i + 1 : i + 3]
        if after and after[0] in AROUND_YES and len(after) > 1:
            after = after[1:]
        if after and after[0] in firsts:
            named.add(after[0])
    return named


def plain_yes(text: str, team: Collection[str] = ()) -> bool:
    """True for "ya", "Iya pak 👍", "oke mbak", "siaap", "udh bener kok, ya catet": a yes
    and nothing else; also a yes with only why it is one ("wes oke kata bos, ya lanjut
    catat", "udh oke katanya, catat aja", "udh oke kata pak budi, catet" when Budi is one
    of `team`, the PO's people by name), never one put off, doubted or asked."""
    said = NO_MATTER_RE.sub("gpp", _RIGHT_AT_LAST_RE.sub(" ", text.lower()))
    if "?" not in said:
        said = _NOT_ANSWERED_YET_RE.sub(" ", said)
        said = _SEEN_IN_BANK_RE.sub(" masuk ", said)
    words = re.findall(r"[^\W_]+", said)
    agreeing = _who_agreed(words, team)
    words = [w for w in words if w not in agreeing]
    if not words:
        return any(sign in text for sign in ("👍", "👌"))  # a thumbs up alone is a yes
    if len(words) > 10:
        return False
    if any(w in WELL_THEN for w in words) and all(w in AROUND_YES for w in words):
        return "?" not in text  # "oh yowis", "yaudah pak"
    yes = [w for w in words if w in YES_WORDS or _squeeze(w) in YES_WORDS]
    rest = [w for w in words if w not in AROUND_YES and w not in DEAL_ON and w not in ALL_OF_IT]
    rest = [w for w in rest if w not in YES_WORDS and _squeeze(w) not in YES_WORDS]
    if not yes:
        return False
    # "udh bener kok, ya catet": a yes, that it is right, and whom it is said to ("bener
    # kuwi?" asks).
    if not rest and len(words) <= 6:
        return "?" not in text
    thanked = all(w in THANKS or w in ("terima", "kasih") for w in rest)
    if thanked and len(yes) >= 2 and any(w in _YES_IN_FULL for w in yes) and "?" not in text:
        return True  # "siap pak bener, matur nuwun"
    # "oke kata bos, lanjut catat": the reason given with it, asking nothing.
    reasons = [w for w in rest if w in YES_REASON or _squeeze(w) in YES_REASON]
    beside = [w for w in rest if w in _BESIDE_REASON]
    if any(w in _AGREED for w in words):
        beside += [w for w in rest if w in _AGREEING]
    agreed = bool(reasons) or any(w in _AGREED for w in words)
    return "?" not in text and agreed and len(reasons) + len(beside) == len(rest)


# The verbs that say the waiting action itself: "ya udah mundurin" to a move waiting is
# its yes, as "ya" is; the same verb beside a yes to anything else is not.
_MOVE_VERB_RE = re.compile(
    r"(?:di)?(?:mundur|undur|maju|pindah|geser)(?:in|kan|ke)?|dimundurin|dimajukan"
)
_CHANGE_VERB_RE = re.compile(r"(?:di)?(?:ganti|ubah|rubah|tuker|tukar)(?:in|kan)?")
# "ya batalin" while a cancellation waits: the verb said to someone, cancelling the trip.
# Never the bare "batal": it is also the word that calls off what waits (the proposal
# itself offers "balas *ya* ... atau *batal*"), so "ya udah batal aja" is unclear.
_CANCEL_VERB_RE = re.compile(r"(?:di)?(?:batal|cancel)(?:in|kan)|dicancel")
# "iya hapus" while the deletion of a record just saved waits: its own verb.
_DELETE_VERB_RE = re.compile(r"(?:di)?(?:hapus|apus|delete|buang)(?:in|kan)?")
# "iya kirim" while a word to pass on waits (its button says "Ya, kirim").
_SEND_VERB_RE = re.compile(r"(?:di)?(?:kirim|terus|sampai)(?:in|kan|ke)?|sampein|kirimi")
_CONFIRM_VERB_RE = re.compile(r"(?:di)?(?:konfirm|konfirmasi|confirm)(?:in|kan|asikan)?")
_DATE_FIELDS = ("shift_days", "depart_date", "return_date")


def _own_verb(action: Extraction) -> re.Pattern[str] | None:
    """The verb that says `action`, when a yes may carry it."""
    if action.intent is Intent.CANCEL_BOOKING:
        return _CANCEL_VERB_RE
    if action.intent is Intent.UNDO_LAST:
        return _DELETE_VERB_RE
    if action.intent is Intent.RELAY_MESSAGE:
        return _SEND_VERB_RE
    if action.intent is Intent.CONFIRM_BOOKING:
        return _CONFIRM_VERB_RE  # "ya konfirmasi"
    if action.intent is not Intent.UPDATE_BOOKING:
        return None
    said = action.fields.stated()
    if any(k in said for k in _DATE_FIELDS):
        return _MOVE_VERB_RE
    return _CHANGE_VERB_RE


def yes_with_own_verb(text: str, action: Extraction) -> bool:
    """ "ya udah mundurin" while a move waits, "iya ganti aja" while a change waits: a yes
    with nothing else but the waiting action's own verb, a yes to it."""
    verb = _own_verb(action)
    said = _besides_yes(text)
    if verb is None or said is None:
        return False
    words, rest = said
    return len(rest) == 1 and len(words) <= 6 and verb.fullmatch(rest[0]) is not None


def _besides_yes(text: str) -> tuple[list[str], list[str]] | None:
    """A statement holding a yes word: its words, and those left once the yes and the words
    around a yes are taken out; None for a question or no yes at all."""
    if "?" in text:
        return None
    words = re.findall(r"[^\W_]+", text.lower())
    # ("yowes hapus" while a deletion waits: "well then", a yes with the verb.)
    yes = YES_WORDS | WELL_THEN
    if not any(w in yes or _squeeze(w) in YES_WORDS for w in words):
        return None
    rest = [w for w in words if w not in AROUND_YES and w not in DEAL_ON]
    return words, [w for w in rest if w not in yes and _squeeze(w) not in YES_WORDS]


_FUEL = frozenset(["solar", "bensin", "bbm", "dexlite", "pertalite"])
_BOOKING_NAMES = frozenset(["booking", "bookingan", "bookingnya", "boking", "trip", "tripnya"])


def _own_names(action: Extraction) -> frozenset[str]:
    """The words that name `action`'s own record: the paper waiting ("kir", "stnk"), its
    client ("ok catat yg bu harti" while Bu Harti's booking waits)."""
    kind = action.fields.document_kind if action.intent is Intent.RECORD_DOCUMENT else None
    names = {kind.value} if kind is not None else set()
    names.update(re.findall(r"[^\W_]+", (action.fields.client_name or "").lower()))
    if action.intent is Intent.RECORD_PAYMENT:
        names |= _PAYMENT_NAMES  # "ok ya catat dp nya" while a DP waits
    f = action.fields
    if action.intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        names |= _BOOKING_NAMES  # "oke yg booking td simpen" while a booking waits
    if f.cost_type is not None:
        # "ok. yg makan td ya" while the meal's cost waits: the cost named by its kind.
        names.update(re.findall(r"[^\W_]+", f.cost_type.label.lower()))
        names |= _FUEL if f.cost_type is CostCategory.BBM else frozenset()
    if f.maintenance_type is not None and action.intent is Intent.LOG_MAINTENANCE:
        # "ok ya catat ban nya" while the tyres' work waits: the work named by its kind.
        work = re.findall(r"[^\W_]+", f.maintenance_type.label.lower())
        names.update(work + [f"{w}nya" for w in work] + list(_WORK_NAMES))
    if f.bus is not None:
        # "oke ya simpen yg bengkel bus 01 tadi" while Bus 01's workshop stay waits.
        names.update(re.findall(r"[^\W_]+", f.bus.lower()))
    if action.intent is Intent.UPDATE_BUS_STATUS:
        names |= _STATUS_NAMES
    if action.intent is Intent.CANCEL_BOOKING and f.dp_forfeited:
        names |= _DP_KEPT  # "iya dp nya hangus" while the cancellation keeping it waits
    if f.readings or f.payments or f.documents or f.costs:
        names |= _BOTH
    for amount in (f.amount, f.cost, f.price):
        names |= _amount_words(amount)  # "iya 2jt" while 2.000.000 waits
    return frozenset(names)


def _amount_words(amount: int | None) -> set[str]:
    """An amount as one word is typed: 2_000_000 is "2jt" or "2juta", 850_000 "850rb"."""
    if not amount:
        return set()
    said = set()
    if amount % 1_000_000 == 0:
        said |= {f"{amount // 1_000_000}{unit}" for unit in ("jt", "juta")}
    if amount % 1_000 == 0 and amount < 10_000_000:
        said |= {f"{amount // 1_000}{unit}" for unit in ("rb", "ribu", "k")}
    return said


_STATUS_NAMES = frozenset(["bengkel", "bengkelnya", "servis", "service", "status", "statusnya"])
_DP_KEPT = frozenset(["dp", "dpnya", "nya", "hangus", "angus", "ilang", "hilang"])
_WORK_NAMES = frozenset(["nya", "perawatan", "perawatannya", "servis", "servisnya"])
_PAYMENT_NAMES = frozenset(
    [
        "dp",
        "dpnya",
        "nya",
        "pelunasan",
        "pelunasannya",
        "pembayaran",
        "pembayarannya",
        "bayaran",
        "transferan",
        "tf",
        "tfnya",
        "uangnya",
        "duitnya",
    ]
)


def yes_to_both(text: str) -> bool:
    """ "dua2nya catet", "ya keduanya" to two proposals, one waiting and one queued behind
    it: a yes to each, and nothing else."""
    said = _besides_yes(text)
    if said is None or "?" in text:
        return False
    words, rest = said
    return bool(rest) and len(words) <= 6 and all(w in _BOTH for w in rest)


def yes_naming_it(text: str, action: Extraction) -> bool:
    """ "oke yang KIR tadi catat" while the KIR waits (after a question in between), "ok
    catat yg bu harti" while her booking waits: a yes with nothing else but the waiting
    record named, a yes to it."""
    names = _own_names(action)
    said = _besides_yes(text)
    if not names or said is None:
        return False
    words, rest = said
    # ("booking pak yusuf jg bener ya, catat": that one too, after another was recorded.)
    rest = [w for w in rest if w not in _ALSO]
    return bool(rest) and len(words) <= 8 and all(w in names for w in rest)


_ALSO = frozenset({"jg", "juga", "jga"})


# "eh ternyata bener, catat yg tadi", "yg tadi jadi dicatat aja": what was called off a
# moment ago, wanted after all.
_TAKEN_UP_RE = re.compile(
    r"^(?=.*\b(?:catat|catet|dicatat|dicatet|simpan|disimpan|lanjut|lanjutkan|proses|input)\b)"
    r"(?=.*\b(?:(?:yg|yang)\s+(?:tadi|td|tdi|barusan)|tadi|td|barusan)\b)"
)


# Never a no or a new value ("yg td ga usah dicatat, dobel", "catat yg tadi tp 2,5jt"),
# nor the sender's own doing in what is asked ("td udh sy catat sendiri").
_NOT_TAKEN_UP_RE = re.compile(
    r"\b(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|jgn|jangan|usah|gausah|ojo|ora|bukan|bkn"
    r"|tp|tapi|dobel|double)\b|\d"
)
_DONE_BY_SENDER_RE = re.compile(
    r"\b(?:sy|saya|aku|udh|udah|sudah|sdh)\s+(?:\w+\s+)?(?:catat|catet|input|simpan|simpen|masukin)"
    r"|\b(?:sendiri|struk\w*|nota\w*)\b"
)


def takes_up_again(text: str) -> bool:
    """The proposal called off just before is wanted after all ("eh maaf ternyata bener
    udh lunas, catat yg tadi"): asked, never a question, a no or a new value."""
    low = text.lower()
    if "?" in low or not _TAKEN_UP_RE.search(low) or _NOT_TAKEN_UP_RE.search(low):
        return False
    # "ternyata bener udh lunas, ..." says why; what is asked comes after it.
    ask = low[low.rfind(",") + 1 :] if "," in low else low
    return not _DONE_BY_SENDER_RE.search(ask)


def yes_among_words(text: str) -> bool:
    """A yes said among other words ("udh fix batal mbak", "iya bener gitu aja, tp ..."):
    never enough to apply what waits, so the person is told how."""
    return bool(set(re.findall(r"[^\W_]+", text.lower())) & (YES_WORDS | DEAL_ON))


# "batal", "ga jadi deh", "cancel aja mbak": calling something off, and nothing else.
_CALL_OFF_RE = re.compile(
    rf"(?:batal|batalin|batalkan|dibatalkan|cancel|cancelin|urung|{CALLED_OFF})"
)


def plain_call_off(text: str) -> bool:
    """True for "batal", "ga jadi deh", "cancel aja mbak": calling off and nothing else."""
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in AROUND_YES]
    return 0 < len(words) <= 2 and _CALL_OFF_RE.fullmatch(" ".join(words)) is not None


# "nomor admin brp", "no hp pak budi dong", "kontak sopir joko": a phone number asked ("nomor
# polisi" is a plate, "no rek" an account). Read by the rules (no intent: the assistant
# answers it from the team, assistant/contacts.py).
_NUMBER_ASKED_RE = re.compile(
    r"\b(?:nomor|nomer|nmr|nomornya|nomernya|nomere|nomore|kontak|kontaknya|cp|cpnya|contact\s+person"
    r"|no\.?\s*(?:hp|wa|telp\w*|tlp|telepon|handphone)"
    # "no admin brp", "no sopir joko", "no pak budi": "no" before a person or a role.
    r"|no\.?(?=\s+(?:admin\w*|owner|pemilik|bos|boss|kantor|sopir\w*|supir\w*|driver\w*"
    r"|kernet\w*|kenek\w*|klien\w*|client\w*|pelanggan\w*|(?:pak|bu|bapak|ibu|mas|mbak)\s+[a-z])))"
    r"\b(?!\s*(?:polisi|pol|plat|rek\w*|bus))"
)


# Digits that tell a trip, never a phone number: "tgl 2", "bus 03".
_TRIP_DIGITS_RE = re.compile(r"\b(?:tgl|tanggal|tg|bus|bis)\.?\s*\d{1,2}\b")


def asks_number(text: str) -> bool:
    """True for a person's phone number asked: a number word and no digits given (a day
    or a bus telling which trip aside: "cp klien yg ke malang tgl 2 sp")."""
    low = text.lower()
    given = re.search(r"\d", _TRIP_DIGITS_RE.sub(" ", low))
    return _NUMBER_ASKED_RE.search(low) is not None and not given


class Turn(Value):
    speaker: Literal["user", "bot"]
    text: str
    at: datetime


class PendingAction(Value):
    """An action proposed to the person and awaiting "ya". Applied at most once."""

    id: str
    extraction: Extraction
    # The record the action is about (the booking to change or pay), once it is known.
    target_id: str | None = None
    proposed_at: datetime
    # A photo or file that came with the message (a transfer proof), attached when applied.
    media_id: str = ""
    # The message that asked for it: the paper trail names it, not the "ya".
    source_message_id: str = ""
    source_text: str = ""
    # The bookings the person was asked to choose from ("Pak Agus yang mana?"), in the
    # order shown: a number, a tap or "yang tgl 12" picks one (assistant/choice.py).
    choices: list[str] = Field(default_factory=list)
    # The question put when the action lacked something ("Berangkatnya tanggal berapa?"):
    # until it is answered there is nothing to say "ya" to.
    asked: str = ""
    # With `asked`, the month whose day it asked (its first day): "KIR Bus 03 berlaku sampai
    # tanggal berapa di Desember 2027?" is answered by "15" or "des" of that month and year.
    month_asked: date | None = None
    # Kept aside after a refusal because no booking of the client named was found (not
    # for a clash): a correction naming the client takes it up.
    client_unknown: bool = False
    # Kept aside after a clash of its crew only (a driver already on another trip): the
    # way forward is another driver, not another bus.
    crew_clash: bool = False
    # Kept aside after an odometer reading refused as lower than the bus's last: the way
    # forward is the right number ("eh salah, 151.800"), not another bus.
    reading_low: bool = False

    def expired(self, now: datetime) -> bool:
        return now - self.proposed_at > (UNPRICED_TTL if self.awaits_price else PENDING_TTL)

    @property
    def awaits_price(self) -> bool:
        """A new booking proposed with no price yet (one of a single trip, not one of a
        season's several)."""
        action = self.extraction
        return action.intent is Intent.CREATE_BOOKING and not action.fields.price


class Topic(Value):
    """What the last answer was about, so that the next message may lean on it: "kalo
    minggu ini" after the month's income, "jemputnya dmn" after a driver's trips, "pake
    wahyu aja" after who drives Bu Dewi's trip. The question as it was understood (its
    kind, period, client, bus...) and the bookings the answer showed, in the order shown."""

    asked: Extraction
    bookings: tuple[str, ...] = ()
    at: datetime

    def expired(self, now: datetime) -> bool:
        return now - self.at > TOPIC_TTL


# How long a problem reported stays the one a repair said without its bus is about ("udh
# dibenerin 350rb"): a repair on the road comes within the day.
REPORT_TTL = timedelta(hours=12)


class ReportedProblem(Value):
    """The problem this person reported last: its bus and the part at fault, if named."""

    bus_id: str
    maintenance_type: MaintenanceType | None = None
    at: datetime


class HeldCash(Value):
    """A client's money this crew member said he holds, last ("sisa masjid 2,3jt udh sy
    terima cash"): his next word on handing it in ("nanti sore sy setor ke kantor") is news
    of it, for a while as long as a problem's (REPORT_TTL)."""

    booking_id: str | None = None  # his trip for that client, when one was found
    client_name: str
    amount: int
    payment_type: PaymentType | None = None
    cash: bool = False
    at: datetime


class Conversation(BaseModel):
    tenant_id: str
    user_id: str
    turns: list[Turn] = Field(default_factory=list)
    pending: PendingAction | None = None
    last_activity: datetime | None = None
    # Ids of the last actions applied: a second "ya" for one of them is answered, not redone.
    applied: list[str] = Field(default_factory=list)
    # The action applied last, for a while: a second "ya" is recognised as one.
    last_applied: PendingAction | None = None
    # Ids of the last actions proposed to the person: a button of another id was never
    # theirs (someone else's, forwarded or forged), and is said to be so.
    proposed: list[str] = Field(default_factory=list)
    # Ids of the last proposals called off ("batal", "ga usah", its Batal button): a later
    # tap of their "Ya" is answered as called off, never as expired.
    dropped: list[str] = Field(default_factory=list)
    # Actions said while another waited: proposed one after the other, never dropped.
    queue: list[Extraction] = Field(default_factory=list)
    # The proposal refused last for a clash, for a while: "ok pake bus 04 aja" takes it up
    # again with that bus instead of starting over; or for a client with no booking ("pak
    # joni dp 2jt"): "maksudnya pak hendra" takes it up for that client.
    refused: PendingAction | None = None
    # The proposal called off last, for as long as a proposal waits: "eh ternyata bener,
    # catat yg tadi" proposes it again (never applies it unasked).
    called_off: PendingAction | None = None
    # What the last answer was about; any message that is not a question answered ends it
    # (assistant/flow.py `_respond`), so an unrelated message in between is never read against it.
    topic: Topic | None = None
    # The problem reported last, for a while: a repair said after it without a bus is its.
    reported: ReportedProblem | None = None
    # The client's money this crew member said he holds, for a while.
    held: HeldCash | None = None

    def clone(self) -> Conversation:
        """A separate copy, for an attempt whose edits may be thrown away. Every field is
        a plain value that survives a dump and a validation unchanged, and that round
        trip (in pydantic's core) costs a quarter of a deep copy (tests/domain/
        test_conversation.py holds both)."""
        return Conversation.model_validate(self.model_dump())

    def live_topic(self, now: datetime) -> Topic | None:
        if self.topic is not None and self.topic.expired(now):
            self.topic = None
        return self.topic

    def hold_topic(self, now: datetime) -> None:
        """Time asked to think ("bentar tak pikir sek") right after an answer: what it was
        about stays the one the next message leans on ("yowis joko wae"), from now."""
        if self.live_topic(now) is not None and self.topic is not None:
            self.topic = self.topic.model_copy(update={"at": now})

    def live_reported(self, now: datetime) -> ReportedProblem | None:
        if self.reported is not None and now - self.reported.at > REPORT_TTL:
            self.reported = None
        return self.reported

    def live_held(self, now: datetime) -> HeldCash | None:
        if self.held is not None and now - self.held.at > REPORT_TTL:
            self.held = None
        return self.held

    def live_refused(self, now: datetime) -> PendingAction | None:
        if self.refused is not None and (self.pending is not None or self.refused.expired(now)):
            self.refused = None
        return self.refused

    def live_called_off(self, now: datetime) -> PendingAction | None:
        if self.called_off is not None and (
            self.pending is not None or self.called_off.expired(now)
        ):
            self.called_off = None
        return self.called_off

    def call_off(self, now: datetime) -> None:
        """The person said no to what waits: dropped, and kept aside a while in case they
        take it up again."""
        if self.pending is not None:
            self.called_off = self.pending.model_copy(update={"proposed_at": now})
        self.drop_pending()

    def drop_pending(self) -> None:
        """The person said no: nothing waits, and a later "ya" is not read as a second yes
        to what was saved before."""
        if self.pending is not None:
            self.dropped = [*self.dropped, self.pending.id][-MAX_TURNS:]
        self.pending = None
        self.last_applied = None

    def propose(self, pending_id: str) -> None:
        self.proposed = [*self.proposed, pending_id][-MAX_TURNS:]

    def knows(self, pending_id: str) -> bool:
        """Whether `pending_id` was proposed to this person (recently)."""
        waiting = self.pending is not None and self.pending.id == pending_id
        return waiting or pending_id in self.proposed or pending_id in self.applied

    def mark_applied(self, pending: PendingAction, now: datetime) -> None:
        self.applied = [*self.applied, pending.id][-MAX_TURNS:]
        self.last_applied = pending.model_copy(update={"proposed_at": now})
        self.pending = None

    def recently_applied(self, now: datetime) -> PendingAction | None:
        if self.last_applied is not None and self.last_applied.expired(now):
            self.last_applied = None
        return self.last_applied

    def add_turn(self, turn: Turn) -> None:
        self.turns = [*self.turns, turn][-MAX_TURNS:]
        self.last_activity = turn.at

    def live_pending(self, now: datetime) -> PendingAction | None:
        if self.pending is not None and self.pending.expired(now):
            self.pending = None
            self.queue = []
        return self.pending
