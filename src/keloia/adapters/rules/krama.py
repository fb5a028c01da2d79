"""Polite Javanese (krama), as a PO in Solo or Klaten writes it, mixed with Indonesian,
read in Indonesian before the rules: "badhe nyewa bus 02", "dp sampun tf", "benjing budhal
jam 6", "mboten sida". Unlike the everyday Javanese the extractor reads only in questions
(extractor._JAVANESE_WORDS: "ana", "sing", "ra" are Indonesian words or parts of them), no
krama word of its table (tongues/krama.toml) is an Indonesian word, so a krama message is
read in Indonesian whatever it says; a name after a title ("bu wulan", "mbak sari") stays,
and what a record keeps as written (a report, a word passed on) keeps the words typed."""

from __future__ import annotations

import re

from keloia.adapters.rules.spelling import after_title
from keloia.adapters.rules.wordtable import tongue_table

# "enjing" is the morning only after an hour or a day ("jam 6 enjing", "benjing enjing",
# "wau enjing", "mangke enjing" read "hari ini enjing") or before "niki": alone it is
# Sundanese "tomorrow" ("abdi enjing teu tiasa nyupir"), read as such (vocabulary.TOMORROW).
_KRAMA_MORNING_RE = re.compile(
    r"(?P<before>\d|\b(?:jam|pukul|mbenjang|benjing|besok|bsk|wau|tadi|td|ini))\s+enjing\b"
    r"|\benjing(?=\s+(?:niki|iki|ini)\b)",
    re.IGNORECASE,
)
# "-ipun"/"-nipun" of a thing's own and the "-aken" of a verb, on a krama or Indonesian
# stem ("utangipun" utangnya, "budhalipun" berangkatnya, "dipun batalaken" dibatalkan),
# and "dipun" before a verb as the "di-" it is.
_KRAMA_RE = re.compile(r"(?<![\w'])(?P<passive>dipun\s*)?(?P<word>[a-z]+)(?![\w'])", re.IGNORECASE)
_KRAMA_ENDINGS = (("nipun", "nya"), ("ipun", "nya"), ("aken", "kan"))
# "kalih": "and" between two things ("bus 01 kalih bus 03"), "two" before what is counted.
_KRAMA_TWO_RE = re.compile(
    r"\bkalih(?=\s+(?:dinten|hari|bus|jam|dalu|malam|minggu|wulan|bulan|biji|unit)\b)",
    re.IGNORECASE,
)


def _by_form(low: str) -> str | None:
    words = _TABLE.words
    for ending, said in _KRAMA_ENDINGS:
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and (ending != "nipun" or stem in words):
            return words.get(stem, stem) + said
    return None


# The krama words (tongues/krama.toml), and the words a krama ending reads by their form.
_TABLE = tongue_table("krama", _by_form)


def _krama_said(m: re.Match[str]) -> str:
    if after_title(m) and m.group("word").lower() not in _TABLE.never_named:
        return m.group()  # "bu wulan", "mbak sari": a name (never "pak rebo ...": a day)
    said = _TABLE.said(m.group("word")) or m.group("word")
    return said if m.group("passive") is None else "di" + said


# "tukeran kalih mas eko": with whom ("kalih" is "and" between two things, "two" before what
# is counted).
_KRAMA_WITH_RE = re.compile(r"\b(tukeran|tukaran|tuker|gantian|bareng)\s+kalih\b", re.IGNORECASE)
# "trip teng malang", "kulo sing teng bandung": "teng" (dhateng) after a word of going (or
# after whom one stands in for) is "ke"; elsewhere it is "di" ("nikahan sedherek teng
# klaten"), and after an hour it is on the dot ("jam 7 teng").
_KRAMA_TO_RE = re.compile(
    r"\b(trip|sing|yg|yang|narik|mangkat|budal|budhal|berangkat|brgkt|tindak|kesah|nyopir"
    r"|mbeta|bawa|jalan|sewa|nyewa|nyewo|bis|bus"
    # "kulo saged nggantosi slamet teng semarang": standing in for a driver on his trip there.
    r"|(?:nggantosi|ngganteni|nggentosi|gantosi)\s+[a-z]+)\s+te(?:ng|n)\b(?=\s+[a-z])",
    re.IGNORECASE,
)
_KRAMA_AT_RE = re.compile(r"(?<![\d.:]\s)(?<![\d.:])\bteng\b(?=\s+[a-z])", re.IGNORECASE)
# "mboten tgl 25, tgl 26": a value put right, "not the 25th"; "sugeng warsa enggal": a
# greeting (Sugeng alone is a name).
_KRAMA_NOT_RE = re.compile(r"\bmboten(?=\s+(?:tgl|tanggal|jam|bus|\d))", re.IGNORECASE)
_KRAMA_GREETING_RE = re.compile(
    r"\bsugeng(?=\s+(?:warsa|enjing|siyang|sonten|dalu|rawuh|ambal|riyadi)\b)", re.IGNORECASE
)
# "Sugeng enjing": good morning, the whole greeting (its "enjing" is no Sundanese tomorrow).
_TIME_OF_GREETING_RE = re.compile(r"\bsugeng\s+(enjing|siyang|sonten|dalu)\b", re.IGNORECASE)
_GREETED = {"enjing": "pagi", "siyang": "siang", "sonten": "sore", "dalu": "malam"}


# "ingkang Minggu ngajeng": the trip of a day ("Minggu" is then Sunday, not a week);
# "mangke sonten": this afternoon; "nyuwun (2) bus": a booking asked for.
_KRAMA_DAY_RE = re.compile(
    r"\b(ingkang)\s+(minggu|setu|senen|selasa|rebo|kemis|jemuwah|jumat|sabtu|senin|rabu|kamis)\b",
    re.IGNORECASE,
)
_KRAMA_TODAY_RE = re.compile(r"\bmangke\s+(enjing|siyang|sonten|dalu)\b", re.IGNORECASE)
_KRAMA_ORDER_RE = re.compile(r"\bnyuwun(?=\s+(?:\d+\s+)?bus\b)", re.IGNORECASE)


def in_krama_read(text: str) -> str:
    """The message with its krama words read in Indonesian."""
    text = _TIME_OF_GREETING_RE.sub(lambda m: f"selamat {_GREETED[m.group(1).lower()]}", text)
    text = _KRAMA_NOT_RE.sub("bukan", _KRAMA_GREETING_RE.sub("selamat", text))
    text = _KRAMA_TWO_RE.sub("2", _KRAMA_DAY_RE.sub(r"\1 hari \2", text))
    text = _KRAMA_ORDER_RE.sub("pesan", _KRAMA_TODAY_RE.sub(r"hari ini \1", text))
    text = _KRAMA_WITH_RE.sub(r"\1 sama", text)
    text = re.sub(r"\bkalih\b", "dan", text, flags=re.IGNORECASE)
    text = _KRAMA_AT_RE.sub("di", _KRAMA_TO_RE.sub(r"\1 ke", text))
    text = _KRAMA_MORNING_RE.sub(lambda m: f"{m['before']} pagi" if m["before"] else "pagi", text)
    return _KRAMA_RE.sub(_krama_said, text)
