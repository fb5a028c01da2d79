"""Corrections of a pending action ("bukan tgl 15, tgl 16"): only the corrected values,
named as in the pending action; rejected values ("bukan X", "X salah") are left out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from keloia.adapters.rules import dates, fleet, payments
from keloia.adapters.rules.buses import BUS_UNFIT_RE, BusMention
from keloia.adapters.rules.costs import find_cost_type, kind_said_after
from keloia.adapters.rules.crew import crew_lines, second_driver, waiting_crew
from keloia.adapters.rules.dates import DateMention
from keloia.adapters.rules.fields import (
    ALLOWED,
    DP_MARK_RE,
    FEE_MARK_RE,
    NEXT_DUE_RE,
    REFUND_MARK_RE,
    RETURN_MARK_RE,
    RETURN_SHIFTED_RE,
    bus_said_key,
    buses_priced,
    buses_taken_back,
    days_count,
    discount_amount,
    distinct_mentions,
    iso,
    listed_buses,
    replaced,
    replaced_bus,
    workshop_days,
)
from keloia.adapters.rules.intents import DAY_WORD_RE
from keloia.adapters.rules.money import MoneyMention
from keloia.adapters.rules.newbus import SEATS_RE, find_new_bus, read_seats
from keloia.adapters.rules.reading import (
    BUS_COUNT_RE,
    DOC_KIND_RES,
    Found,
    dropped_bus,
    of_the_team,
    text_before,
)
from keloia.adapters.rules.takenback import put_right_at_once
from keloia.adapters.rules.text import first_listed, word_patterns, words
from keloia.adapters.rules.vocabulary import (
    ACCOUNT,
    CALLED_OFF,
    DP,
    NOT_THIS,
    NUMBER_WORDS,
    OOPS,
    PRICE_WHY,
    REFUND,
    RIGHT_SAID,
    RIGHT_VALUE,
    SETTLE,
    SORRY,
    TRANSFER,
    word_re,
)
from keloia.domain.model import news
from keloia.domain.model.clients import name_key
from keloia.domain.model.intents import INTENTS, Extraction, Intent
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import amount_off
from keloia.domain.model.undo import RecordKind

# "ga jadi tgl 4, tgl 5 aja": a value called off is rejected as "bukan tgl 4" would be.
NEGATION_WORD_RE = word_re(NOT_THIS, r"salah|keliru|jangan|jgn|jngn|ojo|ulah", CALLED_OFF)
RIGHT_VALUE_RE = word_re(RIGHT_VALUE, r"jadi|jd")
# The rejected word, past a verb or a preposition ("bukan ganti oli", "bkn tf ke bca").
NEGATED_WORD_RE = re.compile(
    rf"\b(?:{NOT_THIS}|salah)\s+(?:(?:ganti|servis|service|benerin|isi|tambal|pasang"
    rf"|{TRANSFER}|{ACCOUNT}|via|lewat|pake|pakai|ke|di|yg|yang)\s+){{0,2}}\w+"
    # ("3jt cash, bukan 2jt tf": the way of the rejected amount goes with it.)
    rf"(?:\s+(?:{TRANSFER}|cash|tunai|qris)\b)?"
)
# The bus let go, said so: "bus 04 yg ga jadi", "yg dilepas bus 04".
_LET_GO_SAID_RE = re.compile(
    r"\b(?:ga|gak|nggak|ora|ndak)\s+(?:jadi|jd|sido)\b|\bdilepas\b|\blepas\b"
)
# ("brgkt nya tgl 3": the day out named, never the day back.)
_DEPART_SAID_RE = re.compile(r"\b(?:brgkt|berangkat|brangkat|brkt|budal|mangkat|maju)\w*")
# A bare amount put right: the amount and words of putting right, nothing else.
_BARE_AMOUNT_WORDS = words(
    "maksude maksudnya maksudku mksde ding deng dink aja saja wae ya eh salah bukan bkn"
    " harusnya hrsnya jadi jd pak bu mas mbak"
)
# The payment beside a completion or confirmation put right: said wrong or meant otherwise.
_PAYMENT_PUT_RIGHT_RE = re.compile(
    r"\b(?:ding|deng|dink|bukan|bkn|salah|keliru|harusnya|hrsnya|seharusnya|maksudnya|mksdnya)\b"
)
# Money beside it that is not what was paid: what is left, a discount.
_NOT_THE_PAYMENT_RE = re.compile(r"\b(?:sisa\w*|kurang\w*|diskon\w*|potongan\w*|nyusul)\b")
# A way of paying called wrong after it is said ("bca nya salah, bni"): the one meant follows.
_WAY_CALLED_WRONG_RE = re.compile(
    rf"\b(?:(?:{TRANSFER})\s+)?(?:{payments.BANK_WORDS}|cash|tunai|qris|{TRANSFER})(?:\s?(?:nya|ne))?"
    r"\s+(?:salah|keliru)\b"
)


# A way of paying refused with a "don't": "refund nya cash ya jgn tf".
_WAY_REFUSED_RE = re.compile(
    rf"\b(?:jgn|jangan|jngn|ojo)\s+(?:(?:via|lewat|pake|pakai)\s+)?"
    rf"(?:{payments.BANK_WORDS}|cash|tunai|qris|{TRANSFER})\b"
)


def _way_called_wrong_out(lower: str) -> str:
    """The text without the way called wrong ("bca nya salah, bni"); after it, "bukannya"
    says the way meant, not one refused ("bni nya salah ya? bukannya bca")."""
    lower = _WAY_REFUSED_RE.sub(" ", lower)
    if not _WAY_CALLED_WRONG_RE.search(lower):
        return lower
    return re.sub(r"\bbukannya\b", " ", _WAY_CALLED_WRONG_RE.sub(" ", lower))


# "salah tgl 13 ding bkn 12", "salah busnya bus 05 bukan bus 04": "salah" before a field's
# name says the field was wrong, and the value after it, put right by "ding" or followed by
# the rejected one, is the new one.
_FIELD_NAMED_RE = re.compile(
    r"\s*(?:tgl|tanggal|tglnya|tanggalnya|jam|jamnya|harga|hrg|harganya|nominal|nominalnya"
    r"|busnya|bisnya|armadanya|unitnya|sopirnya|supirnya|drivernya|namanya|nama|kliennya"
    # ("eh salah tol e 1.250.000": one cost of those just saved, named.)
    r"|(?:tol|toll|solar|bbm|parkir|parkiran|makan|mangan|retribusi|ongkos|biaya)"
    r"(?:\s*(?:nya|ne|e))?)\b"
)
_SLIP_AFTER_RE = re.compile(rf"\s*,?\s*(?:ding|dink|deng|{NOT_THIS})\b")
# "eh salah", "waduh maaf salah": owning a slip at the start of the message.
_SLIP_OWNED_RE = re.compile(
    rf"\W*(?:(?:e|{OOPS}|{SORRY}|wah|waduh|aduh|duh|astaga|oh|pak|bu|mbak|mba|mas|min)"
    r"\W+)*(?:salah|keliru)"
)
# Only the one spoken to: "eh salah pak 850rb".
_ADDRESSED_RE = re.compile(r"\W*(?:(?:pak|bu|mbak|mba|mas|min|bos|kak)\W*)*")
# Nothing after a value but a particle ("205rb ya", "1,2jt ding").
_CLOSING_RE = re.compile(
    r"\W*(?:(?:ya|yaa|ding|dink|deng|pak|bu|mbak|mba|mas|min|aja|saja|maksud\w*|mksd\w*|mksde)\W*)*"
)
_NUMBER_REFUSED_RE = re.compile(r"\s+(?:bukan|bkn|bkan)\s+\d{1,3}" + _CLOSING_RE.pattern)
# "eh salah 4,5jt, ke bri": the way the money came, closing the amount put right.
_METHOD_CLOSING_RE = re.compile(
    r"\W*(?:(?:ke|via|lewat|lwt|pake|tf|trf|transfer)\s+)?"
    rf"(?:{'|'.join(payments.BANKS)}|cash|tunai|qris|transfer|tf)" + _CLOSING_RE.pattern
)
# Which field a value of each kind corrects, by the pending action's intent.
_DATE_FIELD = {
    Intent.CREATE_BOOKING: "depart_date",
    Intent.UPDATE_BOOKING: "depart_date",
    Intent.CANCEL_BOOKING: "ref_date",
    Intent.COMPLETE_BOOKING: "ref_date",
    Intent.RECORD_PAYMENT: "paid_date",
    Intent.LOG_MAINTENANCE: "performed_date",
    Intent.RECORD_DOCUMENT: "date",
    Intent.QUERY_SCHEDULE: "date",
    Intent.CORRECT_LAST: "date",
    Intent.RELAY_MESSAGE: "ref_date",
    Intent.DECLINE_TRIP: "ref_date",
    # "dudu tgl 7 pak, tgl 8" while a toll waits: the day of the trip it was spent on.
    Intent.RECORD_TRIP_COST: "ref_date",
    # "km e bener, tanggale wingi": the day the odometer was read.
    Intent.RECORD_ODOMETER: "date",
}
_MONEY_FIELD = {
    Intent.CREATE_BOOKING: "price",
    Intent.UPDATE_BOOKING: "price",
    Intent.RECORD_PAYMENT: "amount",
    Intent.LOG_MAINTENANCE: "cost",
    Intent.CORRECT_LAST: "amount",
}


# A waiting discount's amount said again: "eh salah, 300rb", "bukan 500rb, 300rb aja",
# "diskonnya 300rb aja".
_NOT_THIS_AMOUNT = (
    r"(?:bukan|bkn|dudu|udu|sanes|lain|jgn|jangan|ojo|ulah)\s+[\d.,]+\s*(?:rb|ribu|rebu|k|jt|juta)?"
)
_DISCOUNT_PUT_RIGHT_RE = re.compile(
    r"\W*(?:(?:eh|oh|waduh|maaf)\W+)*(?:(?:salah|keliru|bukan|bkn|dudu|sanes|sorry|sori)\W+)?"
    # ("yowis, tp diskone 750rb wae": granted, with another amount.)
    r"(?:(?:(?:ya|iya|ok|oke|yowis|yaudah|yawis|sip)\W+)?(?:tp|tapi|tpi)\s+)?"
    r"(?:(?:diskon|diskone|diskonne|diskonnya|potongan(?:nya|e)?)\s+)?"
    rf"(?:{_NOT_THIS_AMOUNT}(?:\s+(?:pak|bu|mbak|mas))?\W+)?"
    r"(?:rp\.?\s*)?[\d.,]+\s*(?:rb|ribu|rebu|k|jt|juta)?"
    rf"(?:\W*{_NOT_THIS_AMOUNT})?"
    r"(?:\s+(?:aja|saja|wae|ae|ya|yah|pak|bu|mbak|mas|ding|deng))*"
    rf"(?:\W*{_NOT_THIS_AMOUNT})?"
    # ("eh 1jt ding diskone, wong langganan": its word after it, and why.)
    r"(?:\s+(?:diskon|diskone|diskonne|diskonnya|potongan(?:nya|e)?))?"
    r"(?:\s*[,.]\s*(?:wong|soale|soalnya|karena|krn|mergo|kan)\b[a-z ]{0,40})?\W*"
)
# Money named beside a bare number ("makan kru 120.000", "sisanya 95.000 cash"): never a
# trip's closing km put right.
_MONEY_SAID_RE = re.compile(
    r"\b(?:biaya\w*|ongkos\w*|makan|mkn|tol|parkir|solar|bbm|bensin|dp|sisa\w*|cash|tunai|tf"
    r"|transfer|bayar\w*|lunas\w*|pelunasan|harga\w*|rb|ribu|rebu|jt|juta|rp|premi|uang)\b"
)
# A share said of something else, or asked ("dp 5% dulu", "pajaknya 11%", "kalo 5% gmn").
_SHARE_OF_ELSE_RE = re.compile(r"\b(?:dp|pajak|pajaknya|ppn|bunga|kalo|klo|kalau|gmn|gimana)\b")
# "5% wae, ojo akeh2" while a discount of 10% waits: the share put right.
_PERCENT_RE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d)?)\s*(?:%|persen)")
# A reading written as a bare number: "158.090", "158090".
_BARE_READING_RE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{4,7}")

# "harga 24jt", "harganya jadi 24jt", "harga pak andi 24jt".
_PRICE_WORD_RE = re.compile(r"\b(?:harga|harganya|hrg)\W*(?:\w+\W+){0,3}$")


# "harga booking bu lilis yg td sy masukin harusnya 12jt": a booking's price, however far
# from its amount.
_PRICE_SAID_RE = re.compile(r"\b(?:harga|harganya|hrg)\b")


# What a payment is still short of, and when it comes: "kurang 300rb jarene minggu ngarep".
_STILL_SHORT_RE = re.compile(
    r"\b(?:kurang|kurange|kurangnya|kekurangan|kurang\s+e)\s+(?=\d)[^,.;\n]*"
)


def _priced(found: Found, money: MoneyMention) -> bool:
    """The amount is named as a price."""
    return bool(_PRICE_WORD_RE.search(text_before(found, money.start, 30)))


def _near_pending(mention: DateMention, had: dict[str, Any], name: str, today: dt.date) -> dt.date:
    """A bare day of month correcting a date ("bukan tgl 5, tgl 6") means the occurrence
    nearest the date it corrects (6 January for 5 January), not the next one from today;
    a day and month with no year ("bukan tgl 10, tgl 12 maret" of 10 Mar 2028) keeps the
    year of the date it corrects."""
    if name == "paid_date" and mention.day_only:
        # ("bukan tgl 30, 29" of a payment: money received lies in the past.)
        return dates.resolve_day_back(mention.date.day, today) or mention.date
    corrected = had.get(name) or had.get("depart_date")
    if not (mention.day_only or mention.no_year) or not corrected:
        return mention.date
    anchor = dt.date.fromisoformat(str(corrected))
    if mention.no_year:
        days = [
            dates.safe_date(anchor.year + shift, mention.date.month, mention.date.day)
            for shift in (-1, 0, 1)
        ]
        kept = [c for c in days if c is not None]
        return min(kept, key=lambda c: abs((c - anchor).days)) if kept else mention.date
    candidates = [
        dates.resolve_day(mention.date.day, dt.date(year, month, 1))
        for year, month in (
            (anchor.year - (anchor.month == 1), (anchor.month - 2) % 12 + 1),
            (anchor.year, anchor.month),
            (anchor.year + (anchor.month == 12), anchor.month % 12 + 1),
        )
    ]
    near = [c for c in candidates if c is not None and c >= today]
    return min(near, key=lambda c: abs((c - anchor).days)) if near else mention.date


def _value_starts(found: Found) -> list[int]:
    spans = [d.start for d in found.dates] + [m.start for m in found.money]
    spans += [t.start for t in found.times] + [b.start for b in found.buses]
    spans += [p.start for p in found.people] + [pos for pos, _ in found.places]
    return spans


# A bus said to be taken ("bus 02 dipake", "bus 02 udh kepake", "bus 02 bentrok"): the one
# to use is another named beside it.
BUS_TAKEN_RE = re.compile(
    # ("bus 03 tgl 23 udh dipake karang taruna": the day it is taken may stand between.)
    r"\W*(?:(?:tgl|tanggal)\s*\d{1,2}\s+)?"
    r"(?:(?:udh|udah|sudah|sdh|dah|lagi|lg|masih|kan)\s+)?(?:dipake|dipakai|kepake|kepakai"
    r"|terpakai|bentrok|ga\s+bisa|gak\s+bisa|gk\s+bisa|tidak\s+bisa|tdk\s+bisa)\b"
)


_RETURN_KEPT_RE = re.compile(r"\b(?:pulang|plg|balik)\w*\s+(?:tetep|tetap|ttp)\b")
_TAKEN_BY_BEFORE_RE = re.compile(
    r"\b(?:dipake|dipakai|kepake|kepakai|terpakai)\s+(?:sama\s+|sm\s+)?$"
)


# "pulangnya diundur 1 hari", "pelunasannya diundur 3 hari": something else moved.
_OTHER_MOVED_RE = re.compile(
    r"\b(?:pulang|bayar|byr|pelunasan|dp|tagihan|jatuh\s+tempo)\w*\s+(?:di)?(?:undur|mundur|maju)"
)


def usable_buses(found: Found) -> list[BusMention]:
    """The buses named to be used: none rejected ("bukan bus 02"), and when another is
    named, none said to be taken or unfit ("oh iya bus 02 dipake. pake bus 01 aja", "bus
    04 kan mesinnya lg ga enak, pake bus 02 aja": the other)."""
    kept = [b for b in found.buses if not_negated(found, b.start, b.end) and not replaced(found, b)]
    free = [
        b
        for b in kept
        if not BUS_TAKEN_RE.match(found.lower, b.end) and not BUS_UNFIT_RE.match(found.lower, b.end)
    ]
    return free or kept


def _slip_then_value(between: str) -> bool:
    """What stands between an owned slip and the one value after it: only the one spoken
    to ("eh salah pak 850rb"), or the field that was wrong ("eh salah namanya bu srini",
    "salah harganya 4,5jt"): the value is the right one, never the one called wrong."""
    addressed = _ADDRESSED_RE.match(between)
    rest = between[addressed.end() :] if addressed else between
    # ("eh salah ketik 1,2jt": the slip named as a typing slip.)
    rest = re.sub(r"^\s*(?:ketik|ngetik|tulis|nulis|input|liat|lihat)\b", " ", rest)
    # ("eh salah itu bus 04 bkn 03": the record just saved pointed at.)
    rest = re.sub(r"^\s*(?:itu|tadi|td)\b", " ", rest)
    # ("eh salah ding 258rb": "ding" owns the slip again, it takes back nothing said.)
    rest = re.sub(r"^\s*(?:ding|dink|deng)\b", " ", rest)
    field = _FIELD_NAMED_RE.match(rest)
    if field is not None:
        rest = rest[field.end() :]
    return _ADDRESSED_RE.fullmatch(rest) is not None


_UNTIL_DAY_RE = re.compile(r"\b(?:sampai|sampe|smp|sampek|hingga|s/d)\s+(?:tgl|tanggal)?\s*\d")
# Money said to come: "dp nya masuk tgl 5 nanti", "dp masuk besok", "mau tf".
_DP_WORD_RE = re.compile(rf"\b(?:{DP})\b")
_REST_OR_SETTLED_RE = re.compile(rf"\b(?:sisa\w*|kurang\w*|{SETTLE}|lunas\w*|pelunasan)\b")
_PROMISED_RE = re.compile(
    r"\b(?:nanti|ntar|nnti|mau|akan|pas|besok|bsk|lusa|nyusul|janji|rencana)\b|\?"
)
_STAY_STARTS_RE = re.compile(r"\b(?:mulai|mulainya|mulaine|mulaina|dimulai)\b")
# A day said to be when a paper runs out ("kir nya udah habis tgl 25 nov kemarin"); any other
# past day beside a paper waiting is when something was done ("uji kir nya kemarin").
_EXPIRY_SAID_RE = re.compile(
    r"\b(?:habis|abis|hbs|berlaku|berlakunya|sampai|sampe|smp|expired|exp|mati|kadaluarsa|kedaluwarsa"
    r"|jatuh\s+tempo)\w*\b"
)
_BARE_COUNT_REFUSED_RE = re.compile(
    r"\b(?:bukan|bkn|sanes|dudu)\s+\d{1,2}\b(?![.,]\d|\s*(?:jt|juta|rb|ribu|k|jam|bus|orang))"
)
# "2 hari", "sehari aja": the count alone, the answer to how far.
# ("gak, 3 dino" while a move of 2 days waits: the no is to the count.)
_COUNT_ALONE_RE = re.compile(
    r"\W*(?:(?:salah|eh|jadi|jd|harusnya|hrsnya|bukan|bkn|gak|ga|nggak|ngga|ora|ndak|tidak|tdk)"
    r"\W+)*(?:\d{1,2}\s*(?:hari|hr|dino|dina)|sehari|sedino|se\s+hari)\W*"
    r"(?:(?:aja|saja|wae|ae|ya|pak|bu|kang|mas|ding|deng|dink)\W*)*"
)
_DAY_COUNT_RE = re.compile(r"\b(?:(\d{1,2})\s*(?:hari|hr|dino|dina)|(sehari|sedino|se\s+hari))\b")


def _days_kept(found: Found) -> int | None:
    """A trip's length said, the one not refused ("bukan 2 hari, 3 hari 2 malem": 3)."""
    kept = [
        m for m in _DAY_COUNT_RE.finditer(found.lower) if not_negated(found, m.start(), m.end())
    ]
    if not kept:
        return days_count(found)
    n = int(kept[-1].group(1)) if kept[-1].group(1) else 1
    return n if 1 <= n <= 30 else None


def _days_meant(found: Found) -> int | None:
    """The count of days a correction keeps ("bukan 2 hari, sehari aja": 1)."""
    said = list(_DAY_COUNT_RE.finditer(found.lower))
    kept = [m for m in said if not_negated(found, m.start(), m.end())]
    alone = _COUNT_ALONE_RE.fullmatch(found.lower) is not None
    # ("3 hari mundurnya, bukan 2": the count refused said bare.)
    refused = len(kept) < len(said) or _BARE_COUNT_REFUSED_RE.search(found.lower) is not None
    if not kept or not (refused or alone):
        return None  # no count refused: "acaranya 3 hari" says how long, not how far
    n = int(kept[-1].group(1)) if kept[-1].group(1) else 1
    return n if 1 <= n <= 30 else None


def not_negated(found: Found, start: int, end: int | None = None) -> bool:
    """False for a value the message rejects: "bukan 15" or "625rb salah".

    A negation word reaches only the first value after it ("bukan lusa besok" rejects
    "lusa" alone), and "harusnya" / "jadi" after it starts the right value."""
    window_start = max(0, start - 25)
    clause = found.lower[window_start:start]
    negations = list(NEGATION_WORD_RE.finditer(clause))
    if negations:
        neg = negations[-1]
        neg_end = window_start + neg.end()
        between = found.lower[neg_end:start]
        value_between = any(neg_end <= s < start for s in _value_starts(found))
        after_value = neg.group(0) in ("salah", "keliru") and any(
            0 <= window_start + neg.start() - e <= 2 for e in _value_ends(found)
        )
        # "bukan 22, tgl 23" / "salah, yg batal bu rina": the negation took something else.
        gap_words = re.findall(r"[a-z0-9]+", between)
        took_other = len(gap_words) > 1 or any(w.isdigit() for w in gap_words)
        field_was_wrong = (
            neg.group(0) in ("salah", "keliru")
            and end is not None
            and _FIELD_NAMED_RE.match(found.lower, neg_end) is not None
            and _SLIP_AFTER_RE.match(found.lower, end) is not None
        )
        # "eh salah 205rb" right after a save: the slip owned, then the one value said is
        # the right one (not the value it calls wrong); "eh salah pak 850rb" too, the one
        # spoken to named between.
        # "eh salah 4,5jt bukan 4jt": the value called wrong may follow the right one.
        wrong = _called_wrong_after(found, end)
        slip_owned = (
            _SLIP_OWNED_RE.fullmatch(found.lower[:neg_end]) is not None
            and _slip_then_value(between)
            # the one value said, or the one called wrong beside it
            and all(s == start or (wrong and s == wrong[0]) for s in _value_starts(found))
            and end is not None
            and (
                _CLOSING_RE.fullmatch(found.lower, wrong[1] if wrong else end) is not None
                # "bus 04 bkn 03": the bus refused said by its number alone.
                or _NUMBER_REFUSED_RE.fullmatch(found.lower, wrong[1] if wrong else end)
                or _METHOD_CLOSING_RE.fullmatch(found.lower, wrong[1] if wrong else end)
            )
        )
        if not (
            field_was_wrong
            or slip_owned
            or value_between
            or after_value
            or took_other
            or re.search(r"[,;\n]", between)
            or RIGHT_VALUE_RE.search(between)
        ):
            return False
    after = found.lower[end : end + 12] if end is not None else ""
    if put_right_at_once(found.lower, start):
        return False  # "jam 5 eh jam 4.30 ding", "tgl 16 eh 17 ding": the first taken back
    return not re.match(r"\s*(?:salah|keliru|bukan\s+itu)\b", after)


_CALLED_WRONG_RE = re.compile(r"\W*(?:bukan|bkn|bkan)\s+")


def _bare_amount(found: Found) -> bool:
    """An amount (or the one refused beside it) and words of putting right, nothing else:
    "11,5jt maksude", "bukan 11jt, 11,5jt"."""
    rest = found.lower
    for mo in sorted(found.money, key=lambda m: -m.start):
        rest = rest[: mo.start] + " " + rest[mo.end :]
    return bool(found.money) and all(w in _BARE_AMOUNT_WORDS for w in re.findall(r"[a-z]+", rest))


def _let_go_refused(found: Found, let_go: str) -> bool:
    """Whether the bus waiting to be let go is said and refused ("bukan bus 03, ...")."""
    return any(
        bus_said_key(b.text) == bus_said_key(let_go) and not not_negated(found, b.start, b.end)
        for b in found.buses
    )


def _of_the_crew(name: str, had: dict[str, Any]) -> bool:
    """Whether `name` is one of the crew the waiting action names."""
    lines = [had, *(had.get("crew") or [])]
    crew = {
        name_key(str(line[role]))
        for line in lines
        for role in ("driver", "kernet")
        if line.get(role)
    }
    return name_key(name) in crew


def _called_wrong_after(found: Found, end: int | None) -> tuple[int, int] | None:
    """Where the value called wrong right after another ("4,5jt bukan 4jt") starts and
    ends; None when no "bukan" and value follow `end`."""
    said = _CALLED_WRONG_RE.match(found.lower, end) if end is not None else None
    if said is None:
        return None
    spans = [(d.start, d.end) for d in found.dates] + [(m.start, m.end) for m in found.money]
    spans += [(t.start, t.end) for t in found.times] + [(b.start, b.end) for b in found.buses]
    spans += [(p.start, p.end) for p in found.people]
    value = next(((start, end) for start, end in spans if start == said.end()), None)
    # "eh salah 8jt, bukan 9": the wrong one said short, a bare number.
    bare = re.compile(r"\d+(?:[.,]\d+)?(?=\W*$)").match(found.lower, said.end())
    return value or ((bare.start(), bare.end()) if bare else None)


def _bus_of_the_one_left(had: dict[str, Any], bus: str) -> list[dict[str, Any]]:
    """The crew of a waiting booking with the one person it had without a bus (each bus had
    crew said for it, so which was asked) put on `bus`; [] when that is not the case."""
    said = [dict(line) for line in had.get("crew") or []]
    left = [line for line in said if not line.get("bus")]
    at = [line for line in said if str(line.get("bus", "")).lower() == bus.lower()]
    if len(left) != 1 or len(at) != 1 or set(left[0]) & set(at[0]):
        return []
    at[0].update(left[0])
    return [line for line in said if line.get("bus")]


def _count_kept(found: Found) -> int | None:
    """How many buses, none rejected: "bukan 4 bus, 5 bus" is 5."""
    said = list(BUS_COUNT_RE.finditer(found.lower))
    if not said:
        return found.bus_count
    for m in said:
        if not_negated(found, m.start(), m.end()):
            return NUMBER_WORDS.get(m.group("n")) or int(m.group("n"))
    return None


# "busnya 5 pak, bukan 4" while a booking of four buses, none chosen yet, waits: how many
# buses, not Bus 5.
# A clause of its own: "eh busnya 3, harga 12jt", "salah pak busnya 3"; never "busnya 1
# dikurangi", "busnya 5 sopirnya wahyu".
_COUNT_AS_BUS_RE = re.compile(
    r"(?:^|[,.;]\s*|\b(?:eh|ehh|salah|maaf|oh|iya|ya|pak|bu|mbak)\s+)(?:bus|bis)\s?nya\s+"
    r"(?P<n>[1-9]\d?)(?:\s+(?:unit|bus|bis))?(?:\s+(?:pak|bu|mbak|mas|ya|aja|saja|sj|ding))*"
    r"(?:\s+(?:bukan|bkn)\s+(?P<was>\d{1,2})(?:\s+(?:unit|bus|bis))?)?(?:\s+(?:pak|bu|mbak|mas|ya|ding))*"
    r"\s*(?:[,.;!]|$)"
)


def _count_said_as_bus(found: Found, had: dict[str, Any]) -> int | None:
    # ("bus nya 2" is no bus mention; "busnya 2" is one, Bus 02's.)
    if had.get("bus") or had.get("buses") or len(found.buses) > 1:
        return None
    m = _COUNT_AS_BUS_RE.search(found.lower)
    if m is None:
        return None
    counted = int(had.get("bus_count") or 0)
    # With one bus waiting, "busnya 2" may name Bus 02; "bus nya 2 ya bkn 1" says the
    # count it puts right.
    if counted < 2 and not (m.group("was") and int(m.group("was")) == counted):
        return None
    # ("bus nya 45 aja pak": a bus's seats, never 45 buses.)
    return int(m.group("n")) if int(m.group("n")) <= 10 else None


_FEW = "|".join(w for w in NUMBER_WORDS if NUMBER_WORDS[w] <= 5)
_MORE = r"(?:di)?tambah(?:in|kan)?|nambah(?:in)?"
_LESS = r"(?:di)?kurang(?:i|in)|ngurang(?:i|in)"
# "tambah 1 bus", "kurangi 1 bus", "busnya dikurangi satu", "busnya 1 dikurangi" while a new
# booking waits: its count moved by that many, never the count itself nor Bus 01.
_COUNT_MOVED_RE = re.compile(
    rf"\b(?:(?P<more>{_MORE})|{_LESS})\s+(?P<n>[1-5]|{_FEW})\s*(?:unit|bus|bis|armada)\b"
    rf"|\b(?:bus|bis)\s?nya\s+(?:(?:(?P<xmore>{_MORE})|{_LESS})\s+(?P<xn>[1-5]|{_FEW})"
    # ("busnya 3 tambah 1": the count, then what is added; not this.)
    rf"|(?P<yn>[1-5]|{_FEW})\s+(?:(?P<ymore>{_MORE})|{_LESS}))\b(?!\s*(?:\d|{_FEW}))"
)


def _count_moved(found: Found, had: dict[str, Any]) -> int | None:
    m = _COUNT_MOVED_RE.search(found.lower)
    if m is None or replaced_bus(found) is not None:
        return None  # ("tambah 1 bus, bus 04 ganti srikandi": the swap is read apart)
    named = had.get("bus") or had.get("buses")
    if named and not (m.group("more") or m.group("xmore") or m.group("ymore")):
        return None  # buses named: the one called off is named (or asked)
    said = m.group("n") or m.group("xn") or m.group("yn")
    n = NUMBER_WORDS.get(said) or int(said)
    more = m.group("more") or m.group("xmore") or m.group("ymore")
    count = _bus_count(had) + (n if more else -n)
    return count if count >= 1 else None


def _bus_count(had: dict[str, Any]) -> int:
    """How many buses the waiting booking has: counted, named, or one."""
    return max(int(had.get("bus_count") or 0), len(had.get("buses") or []), 1)


def _value_ends(found: Found) -> list[int]:
    ends = [d.end for d in found.dates] + [m.end for m in found.money]
    ends += [t.end for t in found.times] + [b.end for b in found.buses]
    ends += [p.end for p in found.people]
    return ends


def _cost_corrected(found: Found, had: dict[str, Any], amount: int) -> dict[str, Any]:
    """ "eh tolnya 150rb bukan 120" for a waiting tol + parkir: the line of the cost named
    (else the one whose amount is rejected, else the only one) takes the new amount."""
    lines = [dict(line) for line in had.get("costs") or []]
    if not lines:
        kind = had.get("cost_type") or CostCategory.OTHER.value
        lines = [{"cost_type": kind, "amount": had.get("amount")}]
    named = find_cost_type(NEGATED_WORD_RE.sub(" ", found.lower))
    rejected = {mo.value for mo in found.money if not not_negated(found, mo.start, mo.end)}
    bare = re.findall(r"\b(?:bukan|bkn)\s+(\d{1,4})(?![\w.,])", found.lower)
    rejected |= {int(n) * 1000 for n in bare}
    at = [i for i, line in enumerate(lines) if named and line["cost_type"] == named.value]
    at = at or [i for i, line in enumerate(lines) if line.get("amount") in rejected]
    others = [i for i, line in enumerate(lines) if line["cost_type"] == CostCategory.OTHER.value]
    if not at and named is None and len(others) == 1:
        # "eh nyebrang e 1.150.000 ding" for a waiting tol + a ferry read as "lain-lain": a
        # cost no kind names is the one of no kind.
        at = others
    if len(at) != 1 and len(lines) != 1:
        return {}
    index = at[0] if len(at) == 1 else 0
    lines[index] = {**lines[index], "amount": amount}
    if named and len(lines) == 1:
        lines[0]["cost_type"] = named.value
    out: dict[str, Any] = {"cost_type": lines[0]["cost_type"], "amount": lines[0]["amount"]}
    if len(lines) > 1:
        out["costs"] = lines
    return out


# "salah tgl 12, harusnya 13", "salah tanggal, 13 ding": with the date named, a bare day
# after a right-value word, or put right by "ding", is the day meant.
_DATE_NAMED_RE = re.compile(r"\b(?:tgl|tanggal)")
_RIGHT_DAY_RE = re.compile(
    rf"(?:\b(?:{RIGHT_VALUE}|jadi|jd)\s+(\d{{1,2}})|\b(\d{{1,2}})(?=\s+(?:ding|dink|deng)\b)"
    # "tgl nya salah, 16 bukan 15": the right day, then the one called wrong.
    r"|\b(\d{1,2})\s+(?:bukan|bkn|bkan)\s+\d{1,2}\b"
    # "eh bukan tgl 15, 16": the day called wrong, then the right one.
    r"|\b(?:bukan|bkn|bkan|dudu|sanes)\s+(?:tgl\s*|tanggal\s*)?\d{1,2}\s*[,;]\s*(\d{1,2}))"
    r"(?![\d.,:/])(?!\s*(?:jt|juta|rb|ribu|k|orang|org|bus|unit|hari|hr|jam|seat|kursi|pax)\b)"
)

_DAY_NUMBER_RE = re.compile(r"(\d{1,2})")
_DAY_REFUSED_RE = re.compile(
    r"\b(?:bukan|bkn|bkan|dudu|sanes)\s+\d{1,2}(?![\d.,:/])(?!\s*(?:jt|juta|rb|ribu|k|orang|org|bus"
    r"|unit|hari|hr|jam|seat|kursi|pax)\b)"
)


def _day_word(found: Found) -> re.Match[str] | None:
    """The day said alone: "tanggalnya 13", or "harusnya 13" / "13 ding" with the date named
    ("tgl nya bener, jam 7 bukan 6": hours, no day) or another day refused beside it ("eh
    25 dink, bukan 24")."""
    digits = dates.days_in_digits(found.lower)  # as long as the text: spans hold
    said = DAY_WORD_RE.search(digits)
    hours = found.times or re.search(r"\b(?:jam|pukul|jm)\w*", found.lower)
    counted = re.search(r"\b(?:bus|bis|unit|armada|orang|org|seat|kursi|pax|peserta)", found.lower)
    named = _DATE_NAMED_RE.search(found.lower) or (
        _DAY_REFUSED_RE.search(found.lower) and not counted
    )
    if said is None and named and not hours and not found.money:
        right = _RIGHT_DAY_RE.search(digits)
        if right is not None:
            start = right.start(4) if right.lastindex == 4 else right.start()
            said = _DAY_NUMBER_RE.search(digits, start, right.end())
    return said


# A price said by the bus ("14,5jt per bus"), never in all ("totalnya 28jt").
_PER_BUS_RE = re.compile(
    r"(?:\bper\s*(?:bus|bis|unit|armada)\b|\bsebus\b|/\s*bus\b)(?!.*\b(?:total\w*|semua\w*)\b)"
)
# A clause that opens with the DP's word: "dp nya mau tf besok", "dp 1jt".
_DP_CLAUSE_RE = re.compile(r"\s*(?:dp|panjar|uang\s+muka)(?:nya|ne)?\b")
# "dp nya ga ada pak langsung lunas 3,5jt": no DP, the whole paid at once.
_NO_DP_RE = re.compile(
    r"\b(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|ndak|ora|tanpa|blm|belum|lunas\w*|pelunasan)\b"
)
_MONEY_MOVED_RE = re.compile(r"\b(?:masuk|msk|tf|transfer|trf|bayar|byr|dibayar|cair|lunas)\b")


# A year said alone ("tahunnya 2027 bkn 2026", "2027 bukan 2026"): the waiting date's year;
# named as a year, or with nothing but the words of a slip around it (never four digits
# of a phone number or a plate: "cp nya 0812 2030 4455", "yg AB 2031 KL").
_YEAR_RE = re.compile(r"\b(20[2-4]\d)\b")
_YEAR_NAMED_RE = re.compile(
    r"\b(?:tahun|tahunnya|tahune|thn|thnnya|th|taun|taune|taunnya)\s*(20[2-4]\d)\b"
)
_AROUND_A_YEAR = words(
    """eh ehh salah keliru harusnya hrsnya seharusnya mestinya bukan bkn bkan ding deh dong ya
    yg yang maaf sorry sori pak bu mbak mas min kak itu nya aja saja tapi tp benar bener betul
    jadi jd"""
)


def _whole_year(d: DateMention) -> bool:
    end = d.end_date
    return end is not None and (d.date.month, d.date.day, end.month, end.day) == (1, 1, 12, 31)


def _year_corrected(
    found: Found, had: dict[str, Any], name: str, out: dict[str, Any]
) -> dict[str, Any]:
    """The waiting date (and the day back, if any) moved to the year said, its day and
    month kept: "eh tahunnya 2027 bkn 2026" while KIR Bus 02 until 10 Dec 2026 waits."""
    if not name or name not in had:
        return {}
    was_day = dt.date.fromisoformat(str(had[name]))
    # ("tahun 2029 deng": the year said is read as that whole year too, no day of it.)
    said = [d for d in found.dates if not _whole_year(d)]
    # "taun e 2028 lho bkn 2027, tgl 23 des": the waiting day said again beside its year.
    restated = bool(said) and all(
        (d.date.month, d.date.day) == (was_day.month, was_day.day) and d.end_date is None
        for d in said
    )
    # The year alone read as the whole year already put in `out`: its day is the waiting one.
    by_year = name in out and bool(found.dates) and not said
    if ((name in out and not by_year) or said) and not restated:
        return {}
    if by_year:
        # The whole year's last day is no day the message said ("tahun 2028 deng" of a
        # one-day booking stays one day).
        for end in ("return_date", "date_to"):
            if end not in had:
                out.pop(end, None)
    years = [m for m in _YEAR_RE.finditer(found.lower) if not_negated(found, m.start(), m.end())]
    if restated and not _YEAR_NAMED_RE.search(found.lower):
        return {}
    rest = set(re.findall(r"[a-z]+", _YEAR_RE.sub(" ", found.lower)))
    if len(years) != 1 or not (_YEAR_NAMED_RE.search(found.lower) or rest <= _AROUND_A_YEAR):
        return {}
    year = int(years[0].group(1))
    moved: dict[str, Any] = {}
    for field in (name, "return_date"):
        if field in had and (field not in out or restated or by_year):
            was = dt.date.fromisoformat(str(had[field]))
            day = dates.safe_date(year, was.month, was.day)
            if day is not None and day != was:
                moved[field] = iso(day)
    return moved


_REST_TO_COME_RE = re.compile(
    r"\b(?:sisa|sisanya|sisane|kurangnya|kekurangannya)\b(?=[^,.;\n]*\b(?:besok|bsk|lusa"
    r"|nyusul|minggu\s+depan|bulan\s+depan)\b)[^,.;\n]*"
)
# ("yg 300 katanya besok": the other amount, the part still to come.)
_REST_LATER_RE = re.compile(
    r"\b(?:sisa\w*|nyusul|janji\w*"
    r"|(?:yg|yang|sing)\s+\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\s+(?:katanya|ktnya|kata|jare|nyusul))"
    r"(?!\w)[^,.;\n]*$"
)


def _days_put_right(found: Found) -> list[DateMention]:
    """The days a correction says, neither refused nor when the rest of the money is to come
    ("iya bener 2jt, sisanya minggu depan katanya", "... bukan 2,2jt. sisanya minggu dpn")."""
    return [
        d
        for d in found.dates
        if not_negated(found, d.start, d.end)
        and not (
            d.date > found.today
            and _REST_LATER_RE.search(found.lower[max(0, d.start - 45) : d.start])
        )
        # ("itu booking tahun lalu": a month or a year gone by is no day of what waits.)
        and not (d.end_date and d.end_date < found.today and (d.end_date - d.date).days >= 27)
    ]


def _cancel_money_corrected(
    found: Found, had: dict[str, Any], right: MoneyMention
) -> dict[str, Any]:
    """ "bukan 2jt, dibalikin 1,5jt" while a cancellation with its refund waits: the money
    put right is the one the rejected amount or the word before it names."""
    rejected = {mo.value for mo in found.money if not not_negated(found, mo.start, mo.end)}
    before = text_before(found, right.start, 20)
    if "amount" in had and (had["amount"] in rejected or REFUND_MARK_RE.search(before)):
        return {"amount": right.value}
    if "cancellation_fee" in had and (
        had["cancellation_fee"] in rejected or FEE_MARK_RE.search(before)
    ):
        return {"cancellation_fee": right.value}
    return {}


def _paper_meant(had: dict[str, Any], found: Found) -> dict[str, Any]:
    """ "eh kir na smp 16 juni" while an STNK and a KIR wait: the date put right is near the
    KIR's, not the first paper's."""
    lines = had.get("documents") or []
    meant = [line for line in lines if line.get("document_kind") == found.document_kind]
    return had | {"date": meant[0]["date"]} if len(meant) == 1 and "date" in meant[0] else had


_PUT_IN_BEFORE_RE = re.compile(r"\b(?:di)?(?:input|catat|catet|lapor|kirim|simpen|simpan)\w*\b")


def correction_fields(
    found: Found, pending: Extraction, days_said: int | None = None
) -> dict[str, Any]:
    """Only the corrected values, named as in the pending action. `days_said`: the trip's
    length said with the waiting booking before its date was known ("3 hari")."""
    target = pending.intent
    had = pending.fields.stated()
    out: dict[str, Any] = {}
    new_dates = _days_put_right(found)
    if target is not Intent.RECORD_PAYMENT:
        # ("pak agus dp nya minggu depan" while a change waits: when money is to come, no
        # day of a trip.)
        money_to_come = [m.span() for m in news.MONEY_LATER_RE.finditer(found.lower)]
        new_dates = [d for d in new_dates if not any(a <= d.start < b for a, b in money_to_come)]
    # ("bukan joko, slamet. joko tgl 4 mau ngurus sim": the day of an errand, the reason
    # for the change, is no day of the trip.)
    new_dates = [d for d in new_dates if not _errand_day(found, d.start)]
    if target is Intent.RECORD_PAYMENT:
        # ("mung 2jt, kurang 300rb jarene minggu ngarep": when the rest comes, no day of it.)
        short = [m.span() for m in _STILL_SHORT_RE.finditer(found.lower)]
        new_dates = [d for d in new_dates if not any(a <= d.start < b for a, b in short)]
    further = dates.further_shift(found.lower) if target is Intent.UPDATE_BOOKING else None
    if further is not None:
        # "ga jadi tgl 6, mundur sehari lagi" while the move to the 6th waits: a day later
        # than the day proposed (its "sehari lagi" is no "tomorrow").
        more_days, said_from, said_to = further
        new_dates = [d for d in new_dates if d.end <= said_from or d.start >= said_to]
        if "depart_date" in had:
            moved = dt.date.fromisoformat(had["depart_date"])
            out["depart_date"] = iso(dates.add_days(moved, more_days))
        elif "shift_days" in had:
            out["shift_days"] = had["shift_days"] + more_days
    elif (
        "shift_days" in had
        and (days := dates.shift_days(found.lower)) is not None
        and not _OTHER_MOVED_RE.search(found.lower)
    ):
        out["shift_days"] = days  # "diundurnya 3 hari pak bukan 2": the count meant
    elif (
        "shift_days" in had
        and (days := _days_meant(found)) is not None
        and not _OTHER_MOVED_RE.search(found.lower)
    ):
        # "bukan 2 hari, sehari aja" while a move of 2 days waits: the count put right,
        # the way the waiting move goes.
        out["shift_days"] = days if had["shift_days"] > 0 else -days
    elif (
        target is Intent.CREATE_BOOKING
        and "depart_date" in had
        and not new_dates
        and (days := dates.shift_days(found.lower)) is not None
    ):
        # "mundur sehari" while a new booking of the 19th-20th waits: both days move (its
        # "sehari" no trip of one day); "pulangnya mundur sehari" the day back only,
        # "berangkatnya mundur sehari, pulangnya tetep" the day out only.
        shifted: tuple[str, ...] = ("depart_date", "return_date")
        if RETURN_SHIFTED_RE.search(found.lower):
            shifted = ("return_date",)
        elif _RETURN_KEPT_RE.search(found.lower):
            shifted = ("depart_date",)
        for name in shifted:
            if name in had:
                out[name] = iso(dates.add_days(dt.date.fromisoformat(had[name]), days))
    if new_dates and further is None:
        d = new_dates[0]
        before = text_before(found, d.start, 16)
        # "balike ojo tgl 12, tgl 13 wae": the day back refused, the day after it meant.
        back_refused = any(
            r.end <= d.start
            and not not_negated(found, r.start, r.end)
            and RETURN_MARK_RE.search(text_before(found, r.start, 24))
            for r in found.dates
        )
        if (RETURN_MARK_RE.search(before) or back_refused) and "return_date" in ALLOWED.get(
            target, frozenset()
        ):
            name = "return_date"
        elif NEXT_DUE_RE.search(before) and target is Intent.LOG_MAINTENANCE:
            name = "next_due_date"
        elif target is Intent.CREATE_BOOKING and (
            _MONEY_MOVED_RE.search(before) or DP_MARK_RE.search(before)
        ):
            # "dp nya masuk tgl 16" while a new booking waits: the day its DP was paid,
            # never the trip's; a DP's day to come ("dp nya transfer tgl 3 des", "masuk tgl
            # 5 nanti") is neither.
            paid = not _PROMISED_RE.search(found.lower) and (d.day_only or d.date <= found.today)
            name = "dp_paid_date" if paid else ""
        elif "ref_date" in ALLOWED.get(target, ()) and re.search(r"\b(?:yg|yang)\W*$", before):
            # "yg tgl 26", "yg tgl 8" while a payment waits: the date naming the booking.
            name = "ref_date"
        elif (
            target is Intent.RECORD_PAYMENT
            and d.date > found.today
            and not d.relative
            and not _MONEY_MOVED_RE.search(before)
        ):
            # "tgl 8" ahead of today while a payment waits: the trip paid for (money is never
            # paid on a day to come; "masuk tgl 8" is money promised).
            name = "ref_date"
        else:
            name = _DATE_FIELD.get(target, "")
        if (
            name == "depart_date"
            and "return_date" in had
            and "depart_date" not in had
            and not _DEPART_SAID_RE.search(found.lower)
        ):
            # "bukan tgl 4, tgl 5" while only the day back waits to move: that day.
            name = "return_date"
        if name == "ref_date" and target is Intent.CANCEL_BOOKING and "date" in had:
            # "bukan tgl 30, tgl 31" while a cancellation waits for its condition's day
            # ("kalo smp tgl 30 blm dp batalin"): that day, not the trip's.
            name = "date"
        if (
            name in ("depart_date", "return_date")
            and d.relative
            and d.date < found.today
            and found.money  # the price put right is what is said ("..., kmrn nego naik")
            and str(had.get(name) or had.get("depart_date") or "") >= found.today.isoformat()
        ):
            # ("hrgnya 3,8jt, kmrn nego naik" of a trip to come: when the price was agreed,
            # never the trip's new day.)
            name = ""
        if name and target in (Intent.RECORD_TRIP_COST, Intent.RECORD_ODOMETER):
            # ("jgn disimpen, tol itu udh diinput sopirnya kmrn": when it was put in; "emg bus
            # 03 jarang jalan bulan ini": a period, no day of the record.)
            put_in = _PUT_IN_BEFORE_RE.search(text_before(found, d.start, 30))
            # ("iya, notanya besok tak setor", "ya bener, besok servis ya": a day to come is
            # what is planned; a reading is never of a day to come, a cost said so rarely.)
            to_come = d.date > found.today and (d.relative or target is Intent.RECORD_ODOMETER)
            if put_in or to_come or d.vague or (d.end_date is not None and d.end_date != d.date):
                name = ""
        if name:
            start = _near_pending(d, _paper_meant(had, found), name, found.today)
            if name in ("paid_date", "dp_paid_date") and d.day_only and start > found.today:
                # "masuk tgl 3" said on the 4th: the 3rd gone by (money comes in on a day
                # gone by; a day to come would be a promise).
                start = dates.resolve_day_back(d.date.day, found.today) or start
            if target is Intent.RECORD_TRIP_COST and d.day_only and "ref_date" not in had:
                # "ya tgl 5" said on the 8th of a cost: the trip nearer today, most often the
                # one gone by (the money is spent on the road).
                gone = dates.resolve_day_back(d.date.day, found.today)
                if gone is not None and (found.today - gone) < (start - found.today):
                    start = gone
            out[name] = iso(start)
            ranged = d.end_date is not None and d.end_date > d.date
            if ranged and name == "depart_date" and "return_date" in ALLOWED.get(target, ()):
                # "tgl 21 smp 22 des" for the date asked: the trip's days, both kept.
                assert d.end_date is not None
                out["return_date"] = iso(start + (d.end_date - d.date))
        returns = "return_date" in ALLOWED.get(target, frozenset())
        for later in new_dates[1:] if name == "depart_date" and returns else []:
            # "tgl 21 pulang tgl 22": the day back, said after the day out, is kept too.
            # ("pulang tetep tgl 19": the mark may stand two words before the day.)
            if RETURN_MARK_RE.search(text_before(found, later.start, 24)):
                out.setdefault("return_date", iso(_near_pending(later, had, name, found.today)))

    elif (day_word := _day_word(found)) and _DATE_FIELD.get(target):
        # "tanggalnya 13 bukan 12": the day alone, near the date it corrects.
        day = dates.resolve_day(int(day_word.group(1)), found.today)
        if day is not None and not_negated(found, day_word.start(1), day_word.end(1)):
            mention = DateMention(day_word.start(1), day_word.end(1), day, day_only=True)
            name = _DATE_FIELD[target]
            back = RETURN_MARK_RE.search(text_before(found, day_word.start(1), 24))
            if back and "return_date" in ALLOWED.get(target, frozenset()):
                name = "return_date"  # "tgl pulangnya 12 bukan 11": the day back
            out[name] = iso(_near_pending(mention, had, name, found.today))
    out.update(_year_corrected(found, had, _DATE_FIELD.get(target, ""), out))
    days = days_count(found) or (None if "depart_date" in had else days_said)
    if target is Intent.CREATE_BOOKING and "depart_date" in out and days:
        # "brgkt tgl 14 des" for a booking of "3 hari" whose date was asked: 14-16 Des.
        depart = dt.date.fromisoformat(out["depart_date"])
        out.setdefault("return_date", iso(dates.add_days(depart, days - 1)))
    elif (
        target is Intent.CREATE_BOOKING
        and "depart_date" in had
        and dates.shift_days(found.lower) is None
        and (length := _days_kept(found))
    ):
        # "jogja - bromo, 2 hari" for a waiting booking of the 19th: its length, back the 20th.
        depart = dt.date.fromisoformat(had["depart_date"])
        out.setdefault("return_date", iso(dates.add_days(depart, length - 1)))
    if target is Intent.UPDATE_BUS_STATUS:
        # "ya udh tgl 10 sampe 11 aja": the workshop stay moves to those days; from the one
        # said to start it on ("jumat dipake bu dewi. mulai sabtu wae smp senin": Friday is
        # why, not the stay's).
        starts = _STAY_STARTS_RE.search(found.lower)
        # ("lain tanggal 3, tanggal 4 maret": the day refused is none of the stay's.)
        stay = replace(found, dates=[d for d in found.dates if not_negated(found, d.start, d.end)])
        # ("besok kan dipake pkk, lusa aja": the day said to be taken is why, not the stay's.)
        free = [d for d in stay.dates if not BUS_TAKEN_RE.match(found.lower, d.end)]
        if free and len(free) < len(stay.dates):
            stay = replace(stay, dates=free)
        if starts is not None and any(d.start >= starts.start() for d in stay.dates):
            stay = replace(stay, dates=[d for d in stay.dates if d.start >= starts.start()])
        out.update(workshop_days(stay))
        if (
            "date_to" in had
            and "date" not in had
            and "date" in out
            and "date_to" not in out
            and not _STAY_STARTS_RE.search(found.lower)
            and not re.search(r"\b(?:masuk\w*|msk|mlebu|dari|dr)\b", found.lower)
        ):
            # "eh ora, rabu wae" while a stay from today to Thursday waits: its last day.
            out["date_to"] = out.pop("date")
    if target is Intent.LOG_MAINTENANCE and "date_to" in had and "performed_date" in out:
        # "masuk bengkelnya smp tgl 24 aja" while a repair with its stay waits: the stay's
        # last day, never the day of the work.
        said = out.pop("performed_date")
        if _UNTIL_DAY_RE.search(found.lower):
            out["date_to"] = said
    # (Only when it is the one reading said: "km awal 127.900, km akhir 128.900" puts the
    # closing km right.)
    start_km = (
        target is Intent.COMPLETE_BOOKING
        and re.search(r"\bkm\s+(?:awal|berangkat|brgkt|brangkat|pas\s+berangkat)\b", found.lower)
        and len(re.findall(r"\d{1,3}(?:\.\d{3})+|\d{5,7}", found.lower)) == 1
    )
    if (
        found.odometer_km is not None
        and not start_km  # ("ya, km awal 127.900" while the end waits: not its closing km)
        and (
            target in (Intent.LOG_MAINTENANCE, Intent.RECORD_ODOMETER, Intent.COMPLETE_BOOKING)
            or "odometer_km" in had
        )
    ):
        # (A trip's end waiting with its closing km: "km e 154.800 dudu 154.300"; without
        # one, "km akhir e 99.020 sekalian dicatet" gives it.)
        out["odometer_km"] = found.odometer_km
    new_money = [mo for mo in found.money if not_negated(found, mo.start, mo.end)]
    # Part of the money said to be something else, no payment: "yg 400rb uang tip sopir"
    # (a local pattern: its words explain no message to the coverage check).
    set_aside = (
        r"\b(?:yg|yang|sing)\s+\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\s+(?:itu\s+|iku\s+)?"
        r"(?:uang\s+|duit\s+)?(?:tip|tips|titipan|titip\w*|persenan|bonus|uang\s+rokok"
        r"|buat\s+(?:sopir|supir|kernet|driver)\w*"
        # ("eh salah, 7,5jt. sing 500rb ditf mengko": the part to come is no payment yet.)
        r"|(?:di)?(?:tf|transfer|bayar|lunasi)\w*\s+(?:mengko|ngko|nanti|ntar|besok|bsk|sesuk"
        r"|nyusul|belakangan))\b[^,.;\n]*"
    )
    # ("mung 2jt, kurang 300rb jarene minggu ngarep": what is still short, no payment.)
    set_aside += "|" + _STILL_SHORT_RE.pattern
    aside = [m.span() for m in re.finditer(set_aside, found.lower)]
    own_money = [mo for mo in new_money if not any(a <= mo.start < b for a, b in aside)]
    if aside and own_money:
        new_money = own_money  # "eh itu sisanya 1,4jt, yg 400rb uang tip sopir": 1,4jt
    if (
        (target is Intent.RECORD_ODOMETER or "odometer_km" in had)
        and "odometer_km" not in out
        and len(new_money) == 1
    ):
        # "eh salah, 158.090" while Bus 03's 158.900 km waits: the number alone (no unit,
        # read as rupiah by the money finder) is the reading meant.
        # ("sanes 99.870 pa, 99.780" while a trip's end waits with its km: a number near the
        # reading waiting; never a repair's cost beside it.)
        said = found.lower[new_money[0].start : new_money[0].end]
        km = new_money[0].value
        near_km = target is Intent.RECORD_ODOMETER or (
            target is Intent.COMPLETE_BOOKING
            and abs(km - had["odometer_km"]) * 5 < km
            and not _MONEY_SAID_RE.search(found.lower)
        )
        if _BARE_READING_RE.fullmatch(said) and near_km:
            out["odometer_km"] = km
            new_money = []  # the reading, no money
    shares = [
        m for m in _PERCENT_RE.finditer(found.lower) if not_negated(found, m.start(), m.end())
    ]
    share = float(shares[0][1].replace(",", ".")) if len(shares) == 1 else None
    if (
        target is Intent.UPDATE_BOOKING
        and "discount_percent" in had
        and not new_money
        and share is not None
        and share.is_integer()
        and "?" not in found.lower
        and not _SHARE_OF_ELSE_RE.search(found.lower)
    ):
        out["discount_percent"] = int(share)
    # ("bukan 4jt500, 4.750.000" while a trip's completion or confirmation waits with its
    # payment: that payment's amount.)
    paid_beside = (
        "amount" in had
        and target in (Intent.COMPLETE_BOOKING, Intent.CONFIRM_BOOKING)
        and _PAYMENT_PUT_RIGHT_RE.search(found.lower) is not None
        and find_cost_type(found.lower) is None  # ("parkir 50rb": a cost, no payment's)
    )
    for mo in new_money if target in _MONEY_FIELD or paid_beside else []:
        if target is Intent.RECORD_PAYMENT and _priced(found, mo):
            # "harga pak andi 24jt" while a payment waits sets the trip's price: it does
            # not correct the payment's amount.
            continue
        name = _MONEY_FIELD.get(target, "amount")
        if target is Intent.CORRECT_LAST and "amount" not in had:
            # ("eh 6,75jt maksudnya" while a saved price waits to be put right: that price,
            # or the cost the correction holds.)
            name = next((k for k in ("price", "cost") if k in had), name)
        # ("harganya jd 20jt per bus" while a bus added to a booking waits: a bus's price.)
        buses_added = target is Intent.UPDATE_BOOKING and bool(
            {"bus_count", "added_buses"} & had.keys()
        )
        # ("11,5jt maksude" while a price a bus waits: that price put right, unless a total.)
        per_bus_waits = "price_per_bus" in had and "price" not in had
        per_bus_waits = per_bus_waits and bool(
            _PER_BUS_RE.search(found.lower) or _bare_amount(found)
        )
        if name == "price" and (per_bus_waits or (buses_added and _PER_BUS_RE.search(found.lower))):
            name = "price_per_bus"  # "14,5jt per bus ding" while a price a bus waits
        amount = mo.value
        dp_way = (
            "dp_amount" in had
            and _METHOD_CLOSING_RE.fullmatch(found.lower, mo.end)
            and not _priced(found, mo)
            and abs(mo.value - had["dp_amount"]) < abs(mo.value - had.get("price", 0))
        )
        # "dp nya blm masuk, baru janji tf besok 1jt" of a booking with its DP: the money
        # sent (or to be) is the DP, never the price.
        clause = re.split(r"[,.;\n]", found.lower[: mo.start])[-1]
        if target in (Intent.COMPLETE_BOOKING, Intent.CONFIRM_BOOKING) and (
            _priced(found, mo) or _NOT_THE_PAYMENT_RE.search(clause)
        ):
            continue  # ("ok tp harganya 11jt", "sisanya 500rb nyusul": not what was paid)
        if target is Intent.CREATE_BOOKING and re.search(r"\b(?:sisa\w*|kurang\w*)\b", clause):
            # "dp 2jt udh masuk, sisa tf 7jt pas berangkat": what is left to pay follows from
            # the price and the DP; it sets neither.
            continue
        sent_dp = (
            "dp_amount" in had
            and _MONEY_MOVED_RE.search(text_before(found, mo.start, 20)) is not None
            and _DP_WORD_RE.search(found.lower) is not None
            and not _priced(found, mo)
            # ("dp 2jt udh masuk, sisa tf 7jt pas berangkat": the rest, never the DP)
            and not _REST_OR_SETTLED_RE.search(clause)
            and len(new_money) == 1
        )
        if sent_dp and _PROMISED_RE.search(found.lower, 0, mo.start):
            out["dp_promised"] = True
        off = discount_amount(found, mo)
        if target is Intent.UPDATE_BOOKING and {"discount", "discount_percent"} & had.keys():
            if _priced(found, mo):
                out[name] = amount  # "harganya 6jt aja": the price itself
            elif (
                "?" not in found.lower  # ("diskone 750rb?": asked, not said)
                and _DISCOUNT_PUT_RIGHT_RE.fullmatch(found.lower)
                and not_negated(found, mo.start, mo.end)
            ):
                # "eh salah, 300rb" while a discount waits: the discount put right (a payment
                # or a sum said with a yes is not: "ya, sekalian dp 1jt cash").
                out["discount"] = amount
            continue
        if off and target in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
            # "diskon 500rb" while a booking of 4jt waits: its price less that; "stlh diskon
            # 3,5jt" (over half the price) is the price it comes to.
            price = had.get("price", 0)
            if price > amount:
                out["price"] = price - amount_off(price, amount)
            continue
        # "harga 3,5jt, dp nya mau tf besok 1jt": the DP's word opens the amount's clause,
        # however many words stand between (the money to come is the DP, never the price).
        dp_clause = (
            _DP_CLAUSE_RE.match(clause) is not None
            and not _NO_DP_RE.search(clause)
            and not _priced(found, mo)
        )
        if dp_clause and target is Intent.CREATE_BOOKING and _PROMISED_RE.search(clause):
            out["dp_promised"] = True
        if target is Intent.CREATE_BOOKING and (
            DP_MARK_RE.search(text_before(found, mo.start, 20)) or dp_way or sent_dp or dp_clause
        ):
            # ("eh salah 2,5jt, ke bri" for a booking with a DP of 2jt: the DP, said with its
            # way; "salah, 7,5jt cash" of an 8jt booking is its price.)
            name = "dp_amount"
        elif (
            target is Intent.UPDATE_BOOKING
            and "amount" in had
            # ("harga 6jt, dp 1,5jt": the DP word right before it names the DP's amount.)
            and (
                DP_MARK_RE.search(text_before(found, mo.start, 8))
                or (
                    not _priced(found, mo)
                    and (
                        dp_clause or sent_dp or DP_MARK_RE.search(text_before(found, mo.start, 20))
                    )
                )
            )
        ):
            # "dp nya 1,5jt bkn sejuta" while a change with its DP waits: the DP's amount,
            # never the trip's price.
            name = "amount"
        elif (
            target is Intent.UPDATE_BOOKING
            and DP_MARK_RE.search(text_before(found, mo.start, 8))
            and any(
                not DP_MARK_RE.search(text_before(found, other.start, 8))
                for other in new_money
                if other is not mo
            )
        ):
            # "harga 9,5jt, dp 1,5jt" while a price change waits (its DP asked after it): the
            # DP is never the price ("eh salah, dp nya 4,5jt" alone puts the DP waiting
            # behind it right: assistant/open_questions.py).
            continue
        elif target is Intent.CREATE_BOOKING:
            # "harganya 9jt per bus" for a waiting booking of 2 buses: 18jt.
            amount *= buses_priced(found, mo, _bus_count(had))
        out[name] = amount  # "15jt ..., jadi 16jt": the last amount is the corrected one
    if target is Intent.RECORD_TRIP_COST and new_money:
        out.update(_cost_corrected(found, had, new_money[-1].value))
    elif target is Intent.RECORD_TRIP_COST and not had.get("costs"):
        # "lho itu premi sopir, bkn uang jalan", "bener 450, tp itu premi kernet": the
        # kind of the one cost put right, its amount kept.
        kind_said = find_cost_type(NEGATED_WORD_RE.sub(" ", found.lower))
        if kind_said is not None and kind_said.value != had.get("cost_type"):
            out["cost_type"] = kind_said.value
    if target is Intent.CANCEL_BOOKING and len(new_money) == 1:
        out.update(_cancel_money_corrected(found, had, new_money[0]))
    new_times = [t for t in found.times if not_negated(found, t.start, t.end)]
    if new_times:
        out["depart_time"] = _same_half_of_day(new_times[0].value, had.get("depart_time"), found)
    # "tujuannya nambah mampir ke jatim park": a stop on the way, not the destination; nor
    # the street the group is picked up in ("jemputnya di Jl. Kaliurang Km 5,6").
    stops = {s.lower() for s in found.stops}
    at = found.lower.find((found.pickup or "\0").lower())
    pickup = range(at, at + len(found.pickup or "")) if at >= 0 else range(0)
    places = [
        (pos, name)
        for pos, name in found.places
        if not_negated(found, pos) and name.lower() not in stops and pos not in pickup
    ]
    negated = [name.lower() for pos, name in found.places if not not_negated(found, pos)]
    if found.route.route_from and found.route.route_to:
        out["route_from"] = found.route.route_from
        out["route_to"] = found.route.route_to
    elif (
        places
        or found.route.route_from
        or (
            found.route.route_to
            and found.route.route_to.lower() not in stops
            and found.route.to_start not in pickup
        )
    ):
        pos, value = places[0] if places else (-1, found.route.route_to or found.route.route_from)
        assert value is not None
        from_word = bool(
            found.route.route_from and found.route.route_from.lower() == value.lower()
        ) or bool(
            re.search(r"\b(?:dari|dr|brkt|berangkat|jemput|asal)\W*$", text_before(found, pos))
        )
        field_name = "route_from" if from_word else "route_to"
        for name in ("route_from", "route_to"):
            if str(had.get(name, "")).lower() in negated:
                field_name = name
        out[field_name] = value
    booking = target in (Intent.UPDATE_BOOKING, Intent.CREATE_BOOKING)
    dropped = dropped_bus(found) if booking else None
    waiting = {str(b).lower() for b in [had.get("bus"), *(had.get("buses") or [])] if b}
    if dropped is not None and target is Intent.UPDATE_BOOKING and dropped.text.lower() in waiting:
        # "bus 03 nya ga jadi" while the change to Bus 03 waits: that change called off (a
        # no), never Bus 03 taken off the trip.
        pass
    elif target is Intent.CREATE_BOOKING and (recounted := _count_moved(found, had)):
        out["bus_count"] = recounted
        had_buses = [str(b) for b in had.get("buses") or ([had["bus"]] if had.get("bus") else [])]
        added = [
            b.text
            for b in usable_buses(found)
            if b.text.lower() not in {h.lower() for h in had_buses}
        ]
        if had_buses and added:
            out["buses"] = had_buses + added  # "tambah 1 bus, bus 03": that one joins them
    elif target is Intent.CREATE_BOOKING and (count := _count_said_as_bus(found, had)):
        out["bus_count"] = count
    elif (
        target is Intent.UPDATE_BOOKING
        and "replaced_bus" in had
        and "bus" not in had
        and _let_go_refused(found, str(had["replaced_bus"]))
        and _LET_GO_SAID_RE.search(found.lower) is not None
        and (let_go := usable_buses(found))
    ):
        # "bukan bus 03, bus 04 yg ga jadi" while the bus let go waits: that one put right.
        out["replaced_bus"] = let_go[0].text
    elif dropped is not None:
        # "bus 03 ga jadi" to "Bus mana yang dilepas?", or while a new booking of several
        # buses waits: the bus the trip gives up (proposals.merged_correction).
        out["replaced_bus"] = dropped.text
    elif found.buses:
        kept = usable_buses(found)
        if kept:
            out["bus"] = kept[0].text
            if (given_up := replaced_bus(found)) is not None:
                out["replaced_bus"] = given_up
        named = [b.text for b in distinct_mentions(found) if b in kept]
        if target is not Intent.CREATE_BOOKING:
            named = listed_buses(found)
        if taken_back := buses_taken_back(found):
            # "bus 01 eh jgn, bus 03 aja": the bus taken back at once is not meant.
            named = [n for n in named if bus_said_key(n) not in taken_back]
            if named:
                out["bus"] = named[0]
        if len(named) > 1:
            # "bus 03 sm srikandi aja" for a waiting booking: every bus, not the first alone.
            out["buses"] = named
    if found.kernet:
        out["kernet"] = found.kernet
    if target is Intent.CREATE_BOOKING and (seats := read_seats(SEATS_RE, found.masked, [])):
        out["seats"] = seats
    count = _count_kept(found)
    if (
        count
        and "bus_count" not in out
        and (target is Intent.CREATE_BOOKING or (target is Intent.UPDATE_BOOKING and count > 1))
    ):
        out["bus_count"] = count  # "..., 2 bus" for the booking whose date was asked
    if found.pickup:
        out["pickup_place"] = found.pickup
    if found.passengers and target in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        # "penumpangnya 45 org" while a booking waits: how many travel, told.
        out["passengers"] = found.passengers
    if found.stops and target in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
        out["stops"] = found.stops
    if target is Intent.ADD_BUS:
        new = find_new_bus(found.text, found.lower, adding=True)
        values = {
            "bus": new.name,
            "plate": new.plate,
            "seats": new.seats,
            "bus_class": new.bus_class,
        }
        out.update({k: v for k, v in values.items() if v is not None})
    crew = []
    if target is Intent.UPDATE_BOOKING and len(had.get("buses") or []) > 1:
        # "sopir bus 01 joko, bus 02 slamet" while the trip's buses are being set: each
        # bus its own driver.
        buses_said = distinct_mentions(found, by_name=False)
        crew = crew_lines(found.text, found.lower, buses_said, found.team)
    if target is Intent.CREATE_BOOKING:
        named_buses = distinct_mentions(found, by_name=False)
        crew = crew_lines(found.text, found.lower, named_buses, found.team)
        if not named_buses:
            # "sopirnya slamet sm joko" for a waiting 2-bus booking: one each, with its buses
            # in order (chosen already or still to be).
            crew = waiting_crew(found.text, found.lower, _bus_count(had))
        if (
            not crew
            and len(named_buses) == 1
            and (answer := _bus_of_the_one_left(had, named_buses[0].text))
        ):
            # "Kernet Wahyu di bus yang mana?" answered "bus 04": the one left goes there.
            crew = answer
            out.pop("bus", None)
    if crew:
        # "..., sopirnya slamet sm joko": each bus its own crew, as in a new booking.
        out["crew"] = crew
        for role in ("driver", "kernet"):
            first = next((line[role] for line in crew if role in line), None)
            if first:
                out[role] = first
    elif found.driver:
        out["driver"] = found.driver.text
        second = second_driver(found.text, found.lower, out)
        if target is Intent.CREATE_BOOKING and second:
            out["unplaced"] = [*had.get("unplaced", []), *second]
    if not found.driver and target is not Intent.ADD_BUS:
        # ("eh bentar, pak budi maunya 5jt" while Bu Dewi's change waits: the PO's own people
        # name no other client; "pak joko dari klaten" answering whose booking it is does.)
        clients = [
            p
            for p in found.people
            if not_negated(found, p.start, p.end)
            and not (had.get("client_name") and of_the_team(found, p))
            # ("jangan dulu, bang mamat lagi sakit": one of the crew waiting, no client.)
            and not _of_the_crew(p.text, had)
            # ("bus 03 tgl 23 udh dipake karang taruna": the party the bus is taken by.)
            and not _TAKEN_BY_BEFORE_RE.search(found.lower, max(0, p.start - 12), p.start)
        ]
        if clients:
            out["client_name"] = clients[0].text
    if found.phones:
        out["client_phone"] = found.phones[0].e164
    # "bukan bca, bri": read method and type with the negated words taken out.
    kept_text = NEGATED_WORD_RE.sub(" ", _way_called_wrong_out(found.lower))
    # ("... baru 5jt. sisanya 3jt katanya ditransfer besok": how the rest is to come is
    # nothing of the record put right.)
    kept_text = _REST_TO_COME_RE.sub(lambda m: " " * len(m.group()), kept_text)
    kept_text = re.sub(set_aside, lambda m: " " * len(m.group()), kept_text)
    method = payments.find_method(kept_text)
    if method is None:
        bank = payments.BARE_BANK_RE.search(kept_text)
        method = f"transfer_{payments.BANKS[bank.group(1)]}" if bank else None
    # ("dp nya cash ding bukan tf" while a change with its payment waits: the payment's way;
    # "eh bukan mandiri, bni" while "udh dp 2jt ..., sekalian dikonfirmasi" waits. Which
    # actions carry a payment is the intents table's, as the contract says.)
    beside = {"amount", "method"} <= INTENTS[target].fields
    if target is Intent.RECORD_PAYMENT or (beside and "amount" in had):
        ptype = payments.find_payment_type(kept_text)
        # "tf nya kemarin bukan hari ini" of a waiting BCA transfer: the transfer named, as
        # it stands (or less exactly), is which money is meant, no new method.
        if method and not str(had.get("method", "")).startswith(method):
            out["method"] = method
        if ptype:
            out["payment_type"] = ptype.value
    elif target is Intent.REQUEST_PAPER and "payment_type" in had:
        # "eh bukan yg dp, yg pelunasan kmrn" while the DP's kwitansi waits: the payment
        # whose paper it is.
        ptype = payments.find_payment_type(kept_text)
        if ptype and ptype.value != had["payment_type"]:
            out["payment_type"] = ptype.value
    # ("sisa tf 7jt pas berangkat": how the rest will be paid is no DP's method.)
    dp_method = payments.find_method(re.sub(r"\bsisa\w*[^,.;\n]*", " ", kept_text))
    if target is Intent.CREATE_BOOKING and dp_method and ("dp_amount" in out or "dp_amount" in had):
        out["method"] = dp_method  # "dp nya 5jt via bri": the DP's method, as in a new booking
    if target is Intent.LOG_MAINTENANCE:
        # "bukan ban, kampas rem": the type named without the rejected words.
        mtype = fleet.find_maintenance_type(NEGATED_WORD_RE.sub(" ", found.masked))
        if mtype is not None:
            out["maintenance_type"] = mtype.value
    if found.bus_status and target is Intent.UPDATE_BUS_STATUS:
        out["bus_status"] = found.bus_status
    if target is Intent.RECORD_DOCUMENT:
        # "bukan kir, stnk nya yg smp 20 juni": the paper named without the rejected one.
        kind = first_listed(DOC_KIND_RES, NEGATED_WORD_RE.sub(" ", found.lower))
        if kind is not None:
            out["document_kind"] = kind
        if (
            "date" in out
            and dt.date.fromisoformat(out["date"]) <= found.today
            and not _EXPIRY_SAID_RE.search(found.lower)
        ):
            # "leres, stnk na tos diperpanjang kamari": the day it was renewed, no expiry.
            del out["date"]
    allowed = ALLOWED.get(target, frozenset()) | set(had)
    if target is Intent.CREATE_BOOKING:
        allowed |= {"replaced_bus"}  # a bus of its list swapped, or of the booking just saved
    # A value the pending action already holds corrects nothing, but the day back said
    # again with a new day out is kept ("brgkt tgl 17 bukan 18, pulang tetep tgl 19": the
    # trip grows, its day back stays).
    day_out_moved = "depart_date" in out and out["depart_date"] != had.get("depart_date")
    said_again: set[str] = {"return_date"} if day_out_moved else set()
    return {
        k: v
        for k, v in out.items()
        if k in allowed and (k in said_again or str(had.get(k, "")).lower() != str(v).lower())
    }


# What kind of record a take-back names ("hapus pembayaran tadi", "biaya tol td salah").
_KIND_WORDS = word_patterns(
    (
        # ("izin bertanya": leave to ask, no permit.)
        (
            RecordKind.DOCUMENT,
            r"kir|stnk|sim|dokumen|(?:izin|ijin)(?!\s+(?:ber)?tanya)|kps|asuransi",
        ),
        (
            RecordKind.PAYMENT,
            rf"bayar\w*|pembayaran|{DP}|{TRANSFER}|transfer\w*|{SETTLE}|{REFUND}|cicilan|setoran",
        ),
        (
            RecordKind.MAINTENANCE,
            r"servis|service|perawatan|bengkel|oli|ban|rem|maintenance|perbaikan",
        ),
        (RecordKind.BOOKING, r"booking|bookingan|jadwal|perubahan|pesanan|order"),
    )
)


_WRONG_AFTER_RE = re.compile(r"\s*(?:salah|keliru)\b")


# Where the right value is said (vocabulary.RIGHT_SAID, with its rarer spellings).
# "... sisanya 300rb kagak jadi skrg", "sisanya 1jt nyusul": not paid now.
_NOT_NOW_AFTER_RE = re.compile(
    r"\s*(?:(?:\w+\s+){0,2}?(?:kagak|ga|gak|nggak|belum|blm|ora|durung|tidak|tdk|ndak)\b"
    r"|(?:nanti|ntar|nyusul|menyusul|besok|bsk|lusa|minggu\s+depan|bulan\s+depan|belakangan)\b"
    # "sisanya 3jt katanya ditransfer besok", "sisanya 3jt mau tf minggu depan": to come.
    r"|(?:\w+\s+){0,3}?(?:besok|bsk|lusa|nanti|ntar|minggu\s+depan|bulan\s+depan)\b)"
)
# "sisanya 300rb", "kurangnya 500rb": the amount after is what is still owed.
_REMAINDER_BEFORE_RE = re.compile(
    r"\b(?:sisa|sisanya|sisane|sisae|kurangnya|kurange|kekurangan|kekurangannya)\s+$"
)
_RIGHT_VALUE_RE = word_re(RIGHT_SAID, r"hrsnya|semestinya|sebenarnya|yg\s+benar|yang\s+bener")


# The word after which the right value is said: "sy catet bri, ternyata bca".
_MEANT_AFTER_RE = re.compile(r"\b(?:harusnya|hrsnya|seharusnya|mestinya|ternyata|padahal)\b")


_RESTORED_RE = re.compile(
    r"\b(?:balikin|kembalikan|kembaliin|balikkan|balekke)\s+(?:lagi|lg|maneh|meneh)\b"
    r"|\b(?:balikin|kembalikan|kembaliin)\s+(?:kayak|kaya|kyk|seperti|spt)\s+(?:semula|tadi|awal)\b"
)


_NAMED_PAYMENT_RE = re.compile(
    rf"\b(?:{DP}|{TRANSFER}|{SETTLE}|bayar\w*|pembayaran|tf|cicilan|biaya|ongkos|solar|tol|parkir)\b"
)


_PAID_TO_RE = re.compile(
    r"\b(?:dibayar|dibayarkan|bayar|diserahkan|dikasih|dititipkan|dititip|diterima|nitip)\s+"
    r"(?:\w+\s+){0,2}?(?:ke|sama|sm|ama|oleh|lewat)\s+$"
)


def _one_of_team(found: Found, name: str) -> bool:
    """The name said is one of the PO's own people ("pak budi", the owner)."""
    words = name_key(name).split()
    return bool(words) and words[0] in found.team


_PART_OF_DAY_SAID_RE = re.compile(
    r"\b(?:pagi|pg|subuh|shubuh|siang|sore|malam|malem|mlm|isuk|esuk|bengi|dini)\b"
)


def _same_half_of_day(new: str, waiting: object, found: Found) -> str:
    """ "setengah 6 bkn jam 6" of a trip waiting at 18.00: 17.30, the hour put right in the
    half of the day it had (a part of the day said, "jam 5 pagi", is read as said)."""
    if not isinstance(waiting, str) or _PART_OF_DAY_SAID_RE.search(found.lower):
        return new
    try:
        was = dt.time.fromisoformat(waiting)
        now = dt.time.fromisoformat(new)
    except ValueError:
        return new
    if (
        was.hour >= 12 > now.hour
        and abs((now.hour + 12) * 60 + now.minute - was.hour * 60 - was.minute) <= 180
    ):
        return f"{now.hour + 12:02d}:{now.minute:02d}"
    return new


def last_record_fields(found: Found, intent: Intent) -> dict[str, Any]:
    """undo_last / correct_last: which saved record (its kind, client, payment type) and,
    for a correction, the right values; a value the message rejects ("bukan 1jt") is left
    out. Dates are read as said; the domain puts a bare day near the date it corrects."""
    out: dict[str, Any] = {}
    # "balikin lg ya": the record put back as it was, no money given back.
    restored = not found.money and _RESTORED_RE.search(found.lower) is not None
    if restored and _NAMED_PAYMENT_RE.search(_RESTORED_RE.sub(" ", found.lower)):
        restored = False  # "dp bu dewi td salah catat, balikin lg ya": the DP names it
    kind = None if restored else _record_kind(found)
    if kind is not None:
        out["record_kind"] = kind.value
    # "bukan dp pak, itu pelunasan": the kind meant, never the one refused ("balikin lg" puts
    # a record back, no refund).
    put_back = _RESTORED_RE.search(found.lower) is not None
    kept = payments.find_payment_type(NEGATED_WORD_RE.sub(" ", _RESTORED_RE.sub(" ", found.lower)))
    said_type = kept.value if kept is not None else (None if put_back else found.payment_type)
    if said_type and not restored:
        out["payment_type"] = said_type
    # ("..., dibayar lgsg ke pak budi": whom the money went to, one of the PO's own people,
    # never the client the payment moves to.)
    clients = [
        p
        for p in found.people
        if not_negated(found, p.start, p.end)
        and not (_PAID_TO_RE.search(found.lower, 0, p.start) and _one_of_team(found, p.text))
    ]
    if not clients:
        # "yg barusan pak hendra salah, tfnya 2,5jt": with no other name, the one said to
        # be wrong names whose record it is (not a name rejected for another).
        clients = [p for p in found.people if _WRONG_AFTER_RE.match(found.lower, p.end)]
    if clients and found.driver is None:
        out["client_name"] = clients[-1].text
    if intent is Intent.UNDO_LAST:
        return out
    money = [m for m in found.money if not_negated(found, m.start, m.end)]
    why = _WHY_AFTER_RE.search(found.lower, money[0].end) if len(money) > 1 else None
    if why is not None:
        # "eh 3,75jt ding, lupa ongkos tukang 250rb": the amount said after why is the why.
        money = [m for m in money if m.start < why.start()]
    owed = [
        m
        for m in money
        if _REMAINDER_BEFORE_RE.search(found.lower, 0, m.start)
        and _NOT_NOW_AFTER_RE.match(found.lower, m.end)
    ]
    if owed and len(owed) < len(money):
        # "td itu cuman 2jt, sisanya 300rb kagak jadi skrg": what is still owed is no value
        # of the record; the other amount is.
        money = [m for m in money if m not in owed]
    rejected = [p for p in found.people if not not_negated(found, p.start, p.end)]
    named_before = rejected[0].start if rejected and clients else None
    if named_before is not None and all(m.end <= named_before for m in money):
        # "pembayaran 2jt td bukan punya bu rina, punya bu rini": the client is what is put
        # right; the amount said before the rejected name says which payment.
        money = []
    said = found.lower[money[-1].start : money[-1].end] if money else ""
    km_word = _ODOMETER_WORD_RE.search(found.lower)
    if (
        money
        and found.odometer_km is None
        and km_word is not None
        and km_word.start() < money[-1].start
        and _BARE_READING_RE.fullmatch(said)
        and not _MONEY_WORD_RE.search(found.lower)
    ):
        # "km nya salah pak, 145.320 bukan 145.230": a bare number put right after "km" is
        # the reading, no rupiah (never "solarnya 1.250.000 buat 400 km").
        out["odometer_km"] = money[-1].value
        money = []
    if money:
        # "harga pak hendra yg td sy input salah, mestinya 11,5jt": a price named before
        # the amount, of a client's record of no other kind, is the booking's price.
        priced = _priced(found, money[-1]) or (
            (kind is RecordKind.BOOKING or (kind is None and found.client is not None))
            and _PRICE_SAID_RE.search(found.lower, 0, money[-1].start) is not None
        )
        out["price" if priced else "amount"] = money[-1].value
    if "price" in out and "client_name" in out and "record_kind" not in out:
        # "koreksi harga pak yoyok harusnya 12,5jt": a client's price is his booking's (not
        # "harganya 3,2jt" of a repair just saved).
        out["record_kind"] = RecordKind.BOOKING.value
    new_dates = _days_put_right(found)
    day_word = DAY_WORD_RE.search(dates.days_in_digits(found.lower))
    if new_dates:
        out["date"] = iso(new_dates[0].date)
        last = new_dates[0].end_date
        if last is not None and last > new_dates[0].date:
            # "eh salah ding, 15-16 des" of a workshop stay just saved: its days.
            out["date_to"] = iso(last)
    elif day_word and not_negated(found, day_word.start(1), day_word.end(1)):
        day = dates.resolve_day(int(day_word.group(1)), found.today)
        if day is not None:
            out["date"] = iso(day)
    if found.odometer_km is not None:
        out["odometer_km"] = found.odometer_km
    buses = usable_buses(found)
    if buses:
        out["bus"] = buses[0].text
        said_bus_only = not ({"amount", "price", "record_kind"} & out.keys() or found.odometer_km)
        if "client_name" in out and said_bus_only and find_cost_type(found.lower) is None:
            # "bus buat karang taruna td harusnya bus 03": a client's bus, the one value put
            # right, is his booking's ("yg td bus 04 bu dewi harusnya 60rb" names a cost).
            out["record_kind"] = RecordKind.BOOKING.value
    kept_text = NEGATED_WORD_RE.sub(" ", _way_called_wrong_out(found.lower))
    # ("... baru 5jt. sisanya 3jt katanya ditransfer besok": how the rest is to come is
    # nothing of the record put right.)
    kept_text = _REST_TO_COME_RE.sub(lambda m: " " * len(m.group()), kept_text)
    method = payments.find_method(kept_text)
    # "koreksi, tf pak hendra td harusnya 8,5jt", "salah, tf pak hendra 2,5jt bukan 3jt": a
    # method said before the right value names which payment, it corrects nothing.
    right = _RIGHT_VALUE_RE.search(kept_text)
    starts = [m.start for m in money] + [d.start for d in new_dates]
    said_from = right.end() if right is not None else min(starts, default=None)
    naming = (
        (
            said_from is not None
            and payments.find_method(kept_text[said_from:]) is None
            and {"amount", "price", "date"} & out.keys()
        )
        or (  # "tf 1,5jt td bukan dari pak agus tp pak hendra": the client put right
            named_before is not None and payments.find_method(kept_text[named_before:]) is None
        )
    )
    meant = _MEANT_AFTER_RE.search(kept_text)
    if meant and (later := payments.find_method(kept_text[meant.end() :])):
        method = later  # "td sy catet bri, harusnya bca": the method after its right word
    if method and not naming:
        out["method"] = method
        others = re.search(r"\b(?:gaji|kasbon|bon|pinjam\w*|utang|hutang|premi)\b", found.lower)
        if "record_kind" not in out and method.startswith("transfer_") and not others:
            # "yg bni td salah, harusnya bri": a bank put right is a payment's (trip costs
            # and repairs keep no bank).
            out["record_kind"] = RecordKind.PAYMENT.value
    mtype = fleet.find_maintenance_type(NEGATED_WORD_RE.sub(" ", found.masked))
    if mtype is not None and kind is RecordKind.MAINTENANCE:
        out["maintenance_type"] = mtype.value
    cost = find_cost_type(kept_text)
    wrong = re.search(r"\b(?:salah|keliru)\b", kept_text)
    said_after = kept_text[wrong.end() :].split(".")[0] if wrong else ""
    if wrong and (meant_kind := find_cost_type(said_after)) is not None:
        cost = meant_kind  # "... ongkos parkir, salah, itu makan sopir": the kind after
    elif meant and (meant_kind := kind_said_after(kept_text, meant.end())):
        cost = meant_kind  # "yg td sy tulis solar itu salah pak, harusnya tol": the kind meant
    slip = _SLIP_OWNED_RE.match(found.lower)
    field = _FIELD_NAMED_RE.match(found.lower, slip.end()) if slip else None
    if cost is None and field is not None:
        # "eh salah tol e 1.250.000": which of the costs just saved, named after the slip.
        cost = find_cost_type(field.group())
    # ("koreksi harga pak joni jadi 5,5jt, lupa tambah tol": the toll is why, of the price.)
    if cost is not None and kind is not RecordKind.BOOKING:
        out["cost_type"] = cost.value
    return out


# How one thing is done, asked: "caranya gmn", "gimana cara nyatet", "formatnya apa".
_HOW_ASKED_RE = re.compile(
    r"\b(?:cara|caranya|gimana|gmn|gmna|bagaimana|gimn|piye|format|formatnya|contoh|contohnya)\b"
    # "bisa input booking lewat sini?": whether it can be written here is how.
    r"|\b(?:bisa|bs|boleh)\b.*\b(?:lewat|via|di)\s+(?:sini|wa|whatsapp|chat|bot)\b"
)
# Writing a record down ("nyatet", "input", "lapor"), not finding one ("cara melihat laporan").
_RECORDING_RE = word_re(
    r"catat|dicatat|mencatat|nyatet|nyatat|catet|nyatetnya|input|nginput|diinput|masukin"
    r"|masukkan|memasukkan|lapor|ngelapor|melaporkan|isi|ngisi|tulis|nulis|simpan|format|formatnya"
    # "km bus dilaporin lewat sini?", "lapornya gmn": a report sent in.
    r"|laporin|dilaporin|ngelaporin|laporkan|dilaporkan|lapornya|catatnya|catetnya|nyatatnya"
    r"|inputnya|ngisinya|nulisnya"
)
# A trip's costs named as a whole ("biaya perjalanan", "pengeluaran trip", "ongkos jalan"),
# no one cost word said.
_TRIP_COST_WORD_RE = re.compile(
    r"\b(?:biaya|biaya2|ongkos|pengeluaran|pengeluarane|pengeluarannya)\s+"
    r"(?:(?:selama|buat|utk|untuk|di|per|tiap|setiap)\s+)?(?:perjalanan|jalan|trip|operasional|ops)\b"
)
# Money's own words: a number put right beside them is rupiah, whatever "km" is said.
_MONEY_WORD_RE = re.compile(
    r"\b(?:solar\w*|bbm|bensin|biaya\w*|bayar\w*|pembayaran\w*|tf|transfer|dp|harga\w*|tol"
    r"|parkir\w*|uang|ongkos\w*|rp)\b"
)
# A reading of the odometer, by its words (no km value said in a how-to).
_ODOMETER_WORD_RE = word_re(r"km|kilometer|odometer|odo|spidometer|speedometer")


def help_topic(found: Found) -> RecordKind | None:
    """A how-to about one kind of record ("klo mau nyatet booking baru caranya gmn"): that
    kind, answered alone. None when the help asks nothing about one thing ("cara pakai
    bot") or names several ("cara catat booking sama pembayaran")."""
    if not (_HOW_ASKED_RE.search(found.lower) and _RECORDING_RE.search(found.lower)):
        return None
    named = {kind for kind, pattern in _KIND_WORDS if pattern.search(found.lower)}
    if find_cost_type(found.lower) is not None or _TRIP_COST_WORD_RE.search(found.lower):
        named.add(RecordKind.TRIP_COST)
    if _ODOMETER_WORD_RE.search(found.lower):
        named.add(RecordKind.ODOMETER)
    if not named and re.search(r"\bpembayaran\w+|\b(?:di)?cicil\w*", found.lower):
        named.add(RecordKind.PAYMENT)  # "klo pembayarannya dicicil 2x nyatetnya gmn"
    return named.pop() if len(named) == 1 else None


# "koreksi harga pak joni jadi 5,5jt, lupa tambah tol": the price put right, then why.
_WHY_AFTER_RE = word_re(PRICE_WHY)


def _record_kind(found: Found) -> RecordKind | None:
    if _crew_put_right(found) is not None:
        # "bukan joko, slamet. joko tgl 4 mau ngurus sim": a trip's crew put right; the
        # paper named is the reason, never the record.
        return RecordKind.BOOKING
    price, why = _PRICE_SAID_RE.search(found.lower), _WHY_AFTER_RE.search(found.lower)
    if (
        found.client is not None
        and price
        and why
        and price.start() < why.start()
        and not find_cost_type(found.lower[: why.start()])
    ):
        return RecordKind.BOOKING
    if find_cost_type(found.lower) is not None or _TRIP_COST_WORD_RE.search(found.lower):
        return RecordKind.TRIP_COST
    if found.document_kind:
        return RecordKind.DOCUMENT
    if found.maintenance_type:
        return RecordKind.MAINTENANCE
    kind = first_listed(_KIND_WORDS, found.lower)
    if kind is None and _COST_INPUT_RE.search(found.lower):
        return RecordKind.TRIP_COST  # "hapus yg barusan, salah input biaya": a cost of a trip
    if kind is None and re.search(r"\bbiaya\s+(?:yg|yang)\s+(?:tadi|td|barusan)\b", found.lower):
        return RecordKind.TRIP_COST  # "biaya yg tadi bukan bus 01": the cost just recorded
    if kind is None and _TRIP_DAY_NAMED_RE.search(found.lower):
        return RecordKind.BOOKING  # "yg td tgl brgkt nya salah": a trip's day, a booking's
    return kind


def _crew_put_right(found: Found) -> re.Match[str] | None:
    """ "bukan joko, slamet", "joko ganti slamet wae": one of the team put in another's
    place."""
    if not found.team:
        return None
    who = "|".join(re.escape(name) for name in found.team)
    return re.search(
        rf"\b(?:bukan|bkn|dudu)\s+(?:{who})\b\W+(?:(?:tp|tapi|tpi)\s+)?(?:{who})\b"
        rf"|\b(?:{who})\s+(?:di)?(?:ganti|tukar|tuker)\s+(?:{who})\b",
        found.lower,
    )


# One of the team's own errands: "mau ngurus sim", "arep perpanjang sim", "kudu kondangan".
_ERRAND_RE = re.compile(
    r"\b(?:mau|arep|meh|harus|kudu|ada\s+acara)\s+(?:ngurus\w*|urus\w*|perpanjang\w*|kondangan"
    r"|nikahan|layat|takziah|periksa|berobat|cek\s+kesehatan)\b"
)
_CLAUSE_END_RE = re.compile(r"[.;,!?\n](?!\d)")


def _errand_day(found: Found, at: int) -> bool:
    """The day said at `at` is in the same clause as an errand of one of the team, named
    there ("joko tgl 4 mau ngurus sim"; never a client's "tgl 12 mau kondangan")."""
    lower = found.lower
    starts = [m.end() for m in _CLAUSE_END_RE.finditer(lower, 0, at)]
    end = _CLAUSE_END_RE.search(lower, at)
    clause = lower[starts[-1] if starts else 0 : end.start() if end else len(lower)]
    named = any(re.search(rf"\b{re.escape(name)}\b", clause) for name in found.team)
    return named and _ERRAND_RE.search(clause) is not None


# "tgl brgkt nya", "tanggal keberangkatan": the day a trip leaves, named as a field.
_TRIP_DAY_NAMED_RE = re.compile(
    r"\b(?:tgl|tanggal)\s+(?:brgkt|berangkat|brangkat|brkt|keberangkatan|pulang|kepulangan)"
    r"(?:\s?nya)?\b"
)


# ("biayanya salah", "biaya sewa nya 5jt": the record just saved, its price or its cost.)
_COST_INPUT_RE = re.compile(
    r"\b(?:input|inputan|catat|nyatat|nulis|tulis|masukin|ngisi)\s+biaya\b(?!\s+(?:sewa|booking))"
)
