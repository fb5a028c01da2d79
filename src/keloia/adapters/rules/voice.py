"""A message dictated to voice typing, read as the same message typed: the unit's number
said in words ("bis satu", "bus sebelas" are Bus 01 and Bus 11), a phrase put right in the
same breath ("mau ke Jogja eh bukan ke Wonosobo", "atas nama Bu Sulastri eh salah Bu
Sulastini": what follows the slip replaces what it repeats), and the assistant called by
name after someone else ("eh Sari tolong eh bukan ini keloia Pak Hendra transfer ...": the
words before the bot's name were said to no one here).

Numbers said in words elsewhere are read where they are found (money.in_figures for
amounts and readings, dates.days_in_digits for days of the month): they keep the message's
offsets, which a unit's number need not (the bus is named as read, "bus 01")."""

from __future__ import annotations

import re

from keloia.adapters.rules.vocabulary import (
    NUMBER_WORDS,
    OOPS,
    SLIP,
    TEAM_TITLE,
    number_in_words,
)

_UNIT = "|".join(NUMBER_WORDS)
# To ninety-nine: "satu", "sebelas", "dua belas", "dua puluh satu".
_SMALL = rf"(?:{_UNIT})\s+puluh(?:\s+(?:{_UNIT}))?|sepuluh|sebelas|(?:{_UNIT})\s+belas|{_UNIT}"
# "bis satu" names the unit; "bis dua hari", "bus lima puluh seat", "bis dua unit", "bus
# dua juta" say how long, how big, how many or how much.
_UNIT_SAID_RE = re.compile(
    rf"\b(?:bis|bus)\s+(?P<n>{_SMALL})\b"
    r"(?!\s+(?:malam|mlm|minggu|bulan|seat|seater|kursi|orang|org|pax|unit|biji"
    r"|buah|ratus|ribu|rb|juta|jt|kali|jam|menit|persen)\b)"
    # "bis tiga hari ini masuk bengkel" names Bus 03 on a day; "bis dua hari" is a length.
    r"(?!\s+(?:hari|hr)\b(?!\s+(?:ini|nanti|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b))",
    re.IGNORECASE,
)
# The words a phrase put right opens with, said again after the slip: a place ("ke", "dari",
# "di"), a person ("pak", "bu", "atas nama"), a time ("jam").
_LEAD = r"ke|dari|di|pak|bu|ibu|bapak|mas|mbak|mba|nama|jam|pukul"
_PUT_RIGHT_RE = re.compile(
    rf"\b(?P<lead>{_LEAD})\s+(?P<said>[\w.'-]+(?:\s+[\w.'-]+)?)\s*,?\s+(?:{OOPS})\s*,?\s+"
    rf"(?:{SLIP})\s*,?\s+(?=(?P=lead)\s+\w)",
    re.IGNORECASE,
)
# "nambah dipi nya eh bukan dipi pelunasan": the word taken back named again after the slip
# ("not DP"), then the word meant; both the word and its taking back go.
_NAMED_BACK_RE = re.compile(
    rf"\b(?P<word>[a-z]+?)(?:\s*nya)?\s*,?\s+(?:{OOPS})\s*,?\s+(?:bukan|bkn)\s+(?P=word)"
    r"(?:\s*nya)?\s*,?\s+(?=[a-z])(?!(?:ding|dink|deng|dng|kok|ya|yg|yang)\b)",
    re.IGNORECASE,
)
# "eh Sari tolong eh bukan ini keloia ...": the assistant called after all.
_CALLED_AFTER_ALL_RE = re.compile(
    rf"^.*?\b(?:{OOPS})\s*,?\s+(?:{SLIP})\s*,?\s+(?:ini\s+)?(?=keloia\b)",
    re.IGNORECASE,
)
# "Pak Budi di sini eh keloia ...": the speaker saying who speaks, before calling the bot.
_WHO_SPEAKS_RE = re.compile(
    rf"^\W*(?:{TEAM_TITLE})\s+[a-z]+\s+(?:di\s*sini|disini)\W*(?:(?:{OOPS})\W+)?(?=keloia\b)",
    re.IGNORECASE,
)
# "... 7 juta 500 ribu titik DP nya udah masuk", "solar 1 juta koma tol 450 ribu": the stop
# and the comma said aloud, between words. Not a decimal ("satu koma lima juta", "2 koma
# 5"), nor a place ("di titik jemput", "titik kumpulnya"), nor a name ("bu titik").
_MARK_SAID_RE = re.compile(
    r"(?<![\s,.])(?<!\bdi)(?<!\bke)(?<!\bsampe)(?<!\bsampai)"
    r"(?<!\bbu)(?<!\bibu)(?<!\bbuk)(?<!\bpak)(?<!\bbpk)(?<!\bmbak)(?<!\bmba)(?<!\bmas)(?<!\bkak)"
    r"\s+(?P<mark>titik|koma)\s*[,.]?\s+"
    rf"(?!\d|(?:{_UNIT}|nol|se\w+|jemput\w*|kumpul\w*|temu\w*|penjemputan|awal|akhir)\b)"
    r"(?=[a-z])",
    re.IGNORECASE,
)
# Never a phrase put right: the slip itself or a filler.
_NOT_SAID = re.compile(rf"\b(?:{OOPS}|{SLIP})\b", re.IGNORECASE)


# "ganti slamet saja Joko mau saya suruh ...": dictated with no comma, "saja" closes the
# clause and the capital opens the next one.
_CLAUSE_CLOSED_RE = re.compile(r"\b(saja|aja)\s+(?=[A-Z][a-z])")


def _unit(m: re.Match[str]) -> str:
    n = number_in_words(m.group("n").lower())
    return f"bus {n:02d}" if 1 <= n <= 99 else m.group()


def units_said(text: str) -> dict[str, str]:
    """Each unit named with its number in words, as read and as said: {"bus 03": "bis
    tiga"}. The reading gives the bus as the message names it (docs/contracts.md); the
    domain matches "bis tiga" to the fleet's Bus 03. Not a unit also named in figures."""
    said: dict[str, str] = {}
    for m in _UNIT_SAID_RE.finditer(text):
        read = _unit(m)
        if read != m.group() and not re.search(rf"\bbus\s*0*{int(read[4:])}\b", text, re.I):
            said.setdefault(read, m.group())
    return said


def _put_right(m: re.Match[str]) -> str:
    if _NOT_SAID.search(m.group("said")):
        return m.group()
    return ""


# "eh gimana ya itu lho pengajian al hidayah ...": a speaker finding words, opening the
# message; no question ("gimana ya caranya" keeps its question: no "lho" after it).
_FINDING_WORDS_RE = re.compile(
    r"^\W*(?:eh+\s+)?(?:gimana\s+ya|apa\s+ya|anu)\s+(?:itu\s+)?(?:lho|loh)\b\W*", re.IGNORECASE
)


def in_voice_read(text: str) -> str:
    """The message as if typed: "bis satu" -> "bus 01", "ke Jogja eh bukan ke Wonosobo" ->
    "ke Wonosobo", "dipi nya eh bukan dipi pelunasan" -> "pelunasan", "eh Sari tolong eh
    bukan ini keloia Pak Hendra ..." -> "keloia Pak Hendra ..."."""
    text = _FINDING_WORDS_RE.sub("", text, count=1)
    text = _MARK_SAID_RE.sub(lambda m: ". " if m.group("mark").lower() == "titik" else ", ", text)
    text = _CLAUSE_CLOSED_RE.sub(r"\1, ", text)
    if not re.search(r"\b(?:bis|bus|eh+|e+h|keloia)\b", text, re.IGNORECASE):
        return text
    text = _WHO_SPEAKS_RE.sub("", _CALLED_AFTER_ALL_RE.sub("", text, count=1))
    text = _PUT_RIGHT_RE.sub(_put_right, _NAMED_BACK_RE.sub("", text))
    return _UNIT_SAID_RE.sub(_unit, text)
