"""Rupiah amounts in every form people type: 15 juta, 15jt, Rp15.000.000, 2,5 jt, 850rb,
1,2 M. Amounts are integers; decimals are computed exactly (no floats)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from keloia.adapters.rules.text import mask
from keloia.adapters.rules.vocabulary import (
    COUNTED,
    DAY_UNIT,
    FLEET,
    HALF,
    JAVANESE_HUNDREDS_RE,
    JAVANESE_NUMBER_WORDS,
    LATEST,
    NUMBER_WORDS,
    number_in_words,
)
from keloia.domain.model.moves import MONTH_RE

UNITS: dict[str, int] = {
    "juta": 1_000_000,
    "jt": 1_000_000,
    "jta": 1_000_000,
    "jut": 1_000_000,
    "m": 1_000_000_000,
    "milyar": 1_000_000_000,
    "miliar": 1_000_000_000,
    "milyard": 1_000_000_000,
    "rb": 1_000,
    "ribu": 1_000,
    "rebu": 1_000,
    "rbu": 1_000,
    "ewu": 1_000,  # Javanese "ribu": "limang atus ewu"
    "k": 1_000,
}
_UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))

MONEY_RE = re.compile(
    r"(?<![\w.,/:+-])(?P<rp>(?:rp|idr)\.?\s*)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d{1,3})?|\d+(?:[.,]\d+)?)"
    # "ratusan ribuan", "jutaan"; never after a bare k or m ("bus 03 kan" is no Rp3.000).
    rf"(?:\s*(?P<unit>{_UNIT_RE})(?:(?<![km])an)?)?"
    # "9jt/bus" is a price per bus, "750rb/hari" a daily rate; any other slash belongs to a
    # date or a code.
    rf"(?:,-)?(?!\w|/(?!\s*(?:{FLEET}|hari|hr|org|orang|pax|trip|rit)\b))"
)
DOTTED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
# "harganya 1500000000": a long bare number named as money just before it.
_NAMED_MONEY_RE = re.compile(
    r"\b(?:harga\w*|hrg|total\w*|biaya\w*|bayar\w*|dp\w*|tf|transfer|nominal|senilai|sebesar)\W*$"
)
# An odometer or a distance is never money ("km skrg 310.250").
NOT_MONEY_BEFORE_RE = re.compile(
    rf"\b(?:km|odo\w*|speedo\w*|spido\w*|spedo\w*)(?:\s*nya)?[\s:.=]*(?:(?:{LATEST})[\s:.=]+)?$"
)
# "uang masuk brp? target 50jt": a goal the owner sets, the money of no record.
TARGET_BEFORE_RE = re.compile(
    r"\btarget(?:nya|ne|e)?\s+(?:(?:bulan|bln|minggu|mgg|tahun|thn|sasi)\s+(?:ini|iki|depan)\s+)?"
    r"(?:(?:kan|kn|cuma|cm|cuman|sih|tuh|itu|kita|minimal|min)\s+)?(?:rp\.?\s*)?$"
)
# "2 juta 750 ribu", "4jt 500", "3jt500rb", "1jt500, hari ini": millions and thousands
# written apart; three bare digits after the millions are its thousands unless a decimal
# goes on ("4jt 500.000" is two amounts) or a count follows ("2jt 500 km"; "hari ini" is a
# day, no count).
COMPOUND = (
    r"(?P<m>\d{1,3})\s*(?:juta|jt)\s*(?:(?P<k>\d{1,3})\s*(?:ribu|rb|rebu|k)\b"
    rf"|(?P<k3>\d{{3}})(?!\d|[.,]\d|\s*(?:{COUNTED})\b(?!\s+ini\b)))"
)
COMPOUND_RE = re.compile(rf"(?<![\w.,]){COMPOUND}")
# "2 jt 2 ratus", "1jt 5 ratus ribu": the hundreds of thousands counted with a word (read
# before the words alone, whose "ratus ribu" would be a hundred thousand).
_MILLIONS_HUNDREDS_RE = re.compile(
    r"(?<![\w.,])(?P<m>\d{1,3})\s*(?:juta|jt)\s*(?P<h>\d)\s*(?:ratus|rts|atus)"
    r"(?:\s*(?:ribu|rb|rebu|ewu))?\b"
    # ("dp 2jt 5 ratus ribunya minggu depan": the rest, apart.)
    r"(?!\s*(?:ribu|rebu|ewu|rb)(?:nya|ne|e)\b)"
)
NOT_MONEY_AFTER_RE = re.compile(rf"\s*(?:%|x\b|(?:{COUNTED})(?:nya)?\b)")
# "3h 2m", "1 hr 2 m": days then nights (a tour's length), the "m" no milyar.
DAYS_BEFORE_RE = re.compile(rf"\d\s*(?:{DAY_UNIT}|h|d)\s*$")
HALF_AFTER_RE = re.compile(rf"\s+(?:{HALF})\b")
# Amounts in words: "sejuta", "satu setengah juta", "dua juta setengah", "lima ratus ribu".
_DIGIT_WORD = "|".join(NUMBER_WORDS)
# Javanese too ("telung juta setengah", "rong atus ewu"): only before what they count.
_JAVANESE_DIGIT = "|".join(sorted(JAVANESE_NUMBER_WORDS, key=len, reverse=True))
_NUM_WORD = (
    rf"(?:{JAVANESE_HUNDREDS_RE}|{_DIGIT_WORD}|(?:{_JAVANESE_DIGIT})(?=\s*(?:juta|jt|ribu|rb|rebu|ewu|atus|ratus|puluh)\b)"
    r"|se(?=puluh|ratus|belas)|puluh|ratus|atus|belas)"
)
WORDS_MONEY_RE = re.compile(
    rf"(?<![\w])(?P<n>(?:{_NUM_WORD}\s*)+?)?(?:koma\s+(?P<tenth>{_DIGIT_WORD})\s*)?"
    rf"(?P<half>(?:{HALF})\s*)?"
    rf"(?P<unit>se(?=juta|ribu)|)(?P<u>juta|jt|ribu|rb|rebu|ewu)\b(?P<tail>\s+(?:{HALF})\b)?"
    rf"(?:\s+(?P<k>(?:{_NUM_WORD}\s*)+?)\s*(?:ribu|rb|rebu|ewu)\b)?"
)


# Jakarta slang for small sums ("parkir rest area ceban", "tips goceng"): Hokkien numbers.
SLANG_MONEY = {
    "seceng": 1_000,
    "noceng": 2_000,
    "goceng": 5_000,
    "ceban": 10_000,
    "noban": 20_000,
    "goban": 50_000,
}
_SLANG_MONEY_RE = re.compile(rf"\b({'|'.join(SLANG_MONEY)})\b")


def find_word_money(lower: str) -> list[MoneyMention]:
    found: list[MoneyMention] = [
        MoneyMention(m.start(), m.end(), SLANG_MONEY[m.group(1)])
        for m in _SLANG_MONEY_RE.finditer(lower)
    ]
    for m in WORDS_MONEY_RE.finditer(lower):
        has_number = bool(m.group("n") and m.group("n").strip())
        if m.group("tenth") and not has_number:
            continue
        if not (has_number or m.group("half") or m.group("unit")):
            continue
        unit = UNITS[m.group("u")]
        whole = number_in_words(m.group("n")) if has_number else (1 if m.group("unit") else 0)
        halves = 1 if (m.group("half") or m.group("tail")) else 0
        tenths = NUMBER_WORDS[m.group("tenth")] if m.group("tenth") else 0
        value = whole * unit + halves * unit // 2 + tenths * unit // 10  # "satu koma lima juta"
        if m.group("k") and unit == 1_000_000:
            value += number_in_words(m.group("k")) * 1000  # "sejuta lima ratus ribu"
        # "sejuta lima ratus ribu? ga, 5,5jt": an amount asked about is not the amount.
        if value >= 1000 and not re.match(r"\s*\?", lower[m.end() :]):
            found.append(MoneyMention(m.start(), m.end(), value))
    return found


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    value: int


def _number(num: str, unit: str | None) -> Decimal | None:
    try:
        if "," in num and "." in num:
            return Decimal(num.replace(".", "").replace(",", "."))
        if "," in num:
            return Decimal(num.replace(",", "."))
        if "." in num:
            big_unit = unit is not None and UNITS[unit] >= 1_000_000
            if DOTTED_RE.fullmatch(num) and (not big_unit or num.count(".") > 1):
                return Decimal(num.replace(".", ""))
            return Decimal(num)
        return Decimal(num)
    except InvalidOperation:
        return None


def parse_amount(num: str, unit: str | None) -> int | None:
    value = _number(num, unit)
    if value is None:
        return None
    value *= UNITS[unit] if unit else 1
    return int(value.to_integral_value())


def find_money(lower: str) -> list[MoneyMention]:
    hundreds = [
        MoneyMention(m.start(), m.end(), int(m["m"]) * 1_000_000 + int(m["h"]) * 100_000)
        for m in _MILLIONS_HUNDREDS_RE.finditer(lower)
    ]
    for mo in hundreds:
        lower = lower[: mo.start] + " " * (mo.end - mo.start) + lower[mo.end :]
    found: list[MoneyMention] = [*hundreds, *find_word_money(lower)]
    for mo in found:
        lower = lower[: mo.start] + " " * (mo.end - mo.start) + lower[mo.end :]
    for m in COMPOUND_RE.finditer(lower):
        thousands = int(m.group("k") or m.group("k3"))
        found.append(
            MoneyMention(m.start(), m.end(), int(m.group("m")) * 1_000_000 + thousands * 1_000)
        )
        lower = lower[: m.start()] + " " * (m.end() - m.start()) + lower[m.end() :]
    for m in MONEY_RE.finditer(lower):
        num, unit, rp = m.group("num"), m.group("unit"), m.group("rp")
        if not (unit or rp):
            # A bare number is money only when written with thousand dots or long enough:
            # "15.000.000", "2500000". Seat counts, days and years stay out, and so do the
            # ten digits and more of an account or a transfer's reference ("BCA 8610123456",
            # "No. Ref: 2611300941120087" in a pasted receipt) unless named as money.
            plain_big = num.isdigit() and len(num) >= 5 and not num.startswith("0")
            if not (DOTTED_RE.fullmatch(num) or plain_big):
                continue
            named = _NAMED_MONEY_RE.search(lower, max(0, m.start() - 14), m.start())
            if num.isdigit() and len(num) >= 10 and not named:
                continue
            if NOT_MONEY_BEFORE_RE.search(lower[max(0, m.start() - 20) : m.start()]):
                continue
            if NOT_MONEY_AFTER_RE.match(lower, m.end()):
                continue
        if TARGET_BEFORE_RE.search(lower, max(0, m.start() - 40), m.start()):
            continue
        if unit == "m" and not rp and "," not in num and "." not in num and int(num) > 20:
            continue  # "50 m" is more likely metres than 50 billion rupiah
        if unit == "m" and not rp and DAYS_BEFORE_RE.search(lower, 0, m.start()):
            continue
        value = parse_amount(num, unit)
        if value is None or value < 1000:
            continue
        end = m.end()
        # "7 juta setengah", "2jt stgh": a whole number of the unit and a half of it, as
        # "dua juta setengah" in words is.
        millions = unit is not None and UNITS[unit] >= 1_000_000 and num.isdigit()
        half = HALF_AFTER_RE.match(lower, end) if millions else None
        if half is not None:
            value += UNITS[unit] // 2
            end = half.end()
        found.append(MoneyMention(m.start(), end, value))
    found.sort(key=lambda mo: mo.start)
    return found


def parse_money(text: str) -> int | None:
    """The first amount in `text`, or None."""
    found = find_money(text.lower())
    return found[0].value if found else None


# Numbers as voice typing writes them: "seratus tiga puluh satu ribu lima ratus" is 131.500,
# "dua ribu dua puluh sembilan" after a month the year 2029. A run with thousands or
# millions in it is written in figures where it was said, its length kept (the offsets of
# every finder stay those of the message); a half or a decimal ("dua juta setengah",
# "satu koma lima juta") is left to the words' own reading.
_SMALL_WORD = rf"(?:{_DIGIT_WORD}|sepuluh|sebelas|seratus|puluh|ratus|belas)"
# Thousands and millions as said in Indonesian, Javanese and Sundanese ("sajuta dua ratus
# rebu" is 1.200.000).
# (Never "sewu": "nyuwun sewu" is krama for "excuse me", Lawang Sewu a place; nor "sarebu":
# "nuhun sarebu" is Sundanese thanks.)
_THOUSANDS = ("ribu", "rebu", "rb", "ewu", "seribu")
_MILLIONS = ("juta", "sejuta", "sajuta")
_ONE_UNIT = "seribu|sejuta|sajuta"
# (Sundanese digits go on a run begun by another word, before what they count ("sejuta tilu
# ratus rebu") or right after the millions ("sajuta tilu": 1.300.000); never a count said
# after the amount: "lima ratus rebu tilu urang".)
_SUNDA_DIGIT = "hiji|tilu|opat|genep|dalapan|salapan"
_SUNDA_IN_RUN = (
    rf"(?:{_SUNDA_DIGIT})(?=\s+(?:ratus|puluh|belas|juta|rebu|ribu)\b)"
    rf"|(?<=juta\s)(?:{_SUNDA_DIGIT})"
)
# (Javanese ones likewise: "sejuta rong atus ewu" 1.200.000, "sejuta seket ewu" 1.050.000.)
_JAVA_DIGIT = "rong|telung|patang|limang|nem|enem|pitung|wolung|sangang|selawe|seket|sewidak"
_JAVA_IN_RUN = (
    rf"(?:{_JAVA_DIGIT})(?=\s+(?:atus|ratus|puluh|juta|ewu|ribu|rebu)\b)"
    rf"|(?<=\s)atus\b"
    # "sejuta rongatus seket", "satus wolungpuluh ewu": hundreds and tens written as one
    # word, and the tens of their own after them.
    rf"|{JAVANESE_HUNDREDS_RE}|(?<=atus\s)(?:selawe|seket|sewidak)\b"
)
_RUN_WORD = rf"(?:{_SMALL_WORD}|{_SUNDA_IN_RUN}|{_JAVA_IN_RUN}|{'|'.join(_THOUSANDS + _MILLIONS)})"
# ("rong atus ewu", "satus seket ewu": a Javanese number begins a run too.)
_SMALL_RUN = rf"(?:{_SMALL_WORD}|{_ONE_UNIT}|{_JAVA_IN_RUN})(?:\s+{_RUN_WORD})*"
SPOKEN_RUN_RE = re.compile(rf"(?<![\w]){_SMALL_RUN}\b")
# "dua ratus eh bukan tiga ratus ribu", "lima belas eh enam belas", "dua juta setengah eh
# bukan lima juta": a number taken back at once; the one said after it is meant.
SPOKEN_SLIP_RE = re.compile(
    rf"(?<![\w])(?P<first>{_SMALL_RUN}(?:\s+(?:{HALF}))?)\s+(?:eh+|e+h)(?:\s+(?P<not>bukan|bkn|salah|maksudnya))?"
    rf"\s+(?P<then>{_SMALL_RUN})\b"
)
_KEPT_AFTER_RE = re.compile(rf"\s*(?:koma\b|{HALF}\b|\?)")
_COUNT_AFTER_RE = re.compile(r"\s+(?:seat|seater|kursi|orang|org|pax|penumpang|peserta)\b")
_KEPT_BEFORE_RE = re.compile(r"\bkoma\s*$")
# "februari dua ribu dua puluh sembilan": a year said after its month (the month words
# written once, domain.model.moves).
_YEAR_BEFORE_RE = re.compile(rf"\b(?:tahun|thn|taun|{MONTH_RE})\s+$")


def spoken_value(run: str) -> int:
    """ "seratus tiga puluh satu ribu lima ratus" -> 131500, "sejuta" -> 1000000. What
    follows the millions with no "ribu" said after it is thousands, the "ribu" left out as
    people say it: "dua juta tiga ratus" -> 2300000, "dua juta lima puluh" -> 2050000; a
    lone digit is the first after the comma: "satu juta lima" -> 1500000."""
    total, part, unit = 0, "", 0
    for token in re.findall(r"[a-z]+", run):
        if token in _THOUSANDS or token in _MILLIONS:
            unit = 1_000 if token in _THOUSANDS else 1_000_000
            count = number_in_words(part) if part.strip() else 1
            total += count * unit
            part = ""
        else:
            part += f" {token}"
    if unit == 1_000_000 and part.strip():
        lone_digit = _LONE_DIGIT_RE.fullmatch(part) is not None
        return total + number_in_words(part) * (100_000 if lone_digit else 1000)
    return total + (number_in_words(part) if part.strip() else 0)


_LONE_DIGIT_RE = re.compile(rf"\s*(?:{_DIGIT_WORD}|{_SUNDA_DIGIT})\s*")


_HUNDREDS_OR_MORE = ("ratus", "seratus", *_THOUSANDS, *_MILLIONS)


def _two_said(lower: str, run: re.Match[str]) -> str:
    """ "dua juta lima ratus dua juta tujuh ratus ribu": the millions said again start a
    second number (one is never said with two millions); a ";" (never part of an amount)
    parts them where the second begins, after the first's hundreds."""
    words = list(re.finditer(r"[a-z]+", run.group()))
    seen_millions = False
    for i, word in enumerate(words):
        if word.group() not in _MILLIONS:
            continue
        if not seen_millions:
            seen_millions = True
            continue
        head = i
        while head > 0 and words[head - 1].group() not in _HUNDREDS_OR_MORE:
            head -= 1
        if word.group() != "juta":
            head = i
        if head == 0 or words[head - 1].group() in _MILLIONS:
            return lower
        at = run.start() + words[head].start() - 1
        return lower[:at] + ";" + lower[at + 1 :]
    return lower


def in_figures(lower: str) -> str:
    """`lower` with the numbers said in words that hold thousands or millions in figures
    ("kilometer bus 05 seratus sembilan puluh ribu" -> "kilometer bus 05 190.000"), and a
    number taken back at once dropped; the same length."""
    if not re.search(r"ribu|rebu|ewu|juta|\beh|puluh|belas|ratus", lower):
        return lower
    for slip in SPOKEN_SLIP_RE.finditer(lower):
        # "satu juta eh dua ratus ribu": the thousands go on after a filler, nothing taken
        # back (the filler dropped, the number read whole).
        if not slip["not"] and "juta" in slip["first"] and "juta" not in slip["then"]:
            lower = mask(lower, slip.end("first"), slip.start("then"))
            continue
        lower = mask(lower, slip.start(), slip.start("then"))
    for run in SPOKEN_RUN_RE.finditer(lower):
        lower = _two_said(lower, run)
    for run in SPOKEN_RUN_RE.finditer(lower):
        said = run.group()
        if re.match(r"(?:puluh|ratus|belas)\b", said):
            continue  # "tilu ratus rebu": a digit this reader does not know stands before it
        if _COUNT_AFTER_RE.match(lower, run.end()):
            # "kapasitas empat puluh lima seat": a count said in words.
            count = str(number_in_words(said))
            if len(said.split()) > 1 and "ribu" not in said and "juta" not in said:
                lower = lower[: run.start()] + count.ljust(len(said)) + lower[run.end() :]
            continue
        last = said.split()[-1]
        if re.match(rf"[\s-]*{last}nya\b", lower[run.end() :]) and " " in said:
            said = said[: said.rindex(" ")].rstrip()  # "... lima ratus ribu dua duanya"
        if not re.search(r"ribu|rebu|ewu|juta", said) or _KEPT_AFTER_RE.match(lower, run.end()):
            continue
        if _KEPT_BEFORE_RE.search(lower, 0, run.start()):
            continue
        value = spoken_value(said)
        if 2000 <= value < 2100 and _YEAR_BEFORE_RE.search(lower, 0, run.start()):
            figures = str(value)
        else:
            figures = f"{value:,}".replace(",", ".")
        if len(figures) > len(said):
            figures = f"{value // 1_000_000}jt" if value % 1_000_000 == 0 else f"{value // 1000}rb"
        if len(figures) > len(said):
            continue
        lower = lower[: run.start()] + figures.ljust(len(said)) + lower[run.start() + len(said) :]
    return lower
