"""The Banjar words a PO in Banjarmasin, Banjarbaru or Balikpapan mixes into Indonesian,
read in Indonesian before the rules, the way Balinese and ngoko are: "ulun kada kawa narik"
(saya ga bisa narik), "kada usah dicatat" (ga usah), "handak sewa bus" (mau), "batalkan
haja" (aja), "balum dp" (belum).

A word no Indonesian or Javanese writes ("ulun", "kada", "handak") is read wherever it
stands, even after a title. "isuk" is tomorrow in a message with a Banjar mark (one of the
words of its own), except as the morning of an hour or of today ("jam 6 isuk", "isuk mau"),
and in any message from it until a day ("masuk bengkel mulai isuk sampai kamis"); elsewhere
it is the Javanese or Sundanese morning ("bu rina tf 2jt isuk"). Words other tongues write
too are read only in a Banjar message: "lawan" is "and" between two days or things ("tgl 13
lawan 14"; Indonesian "lawan" is an opponent), "nang" is "yang" ("siapa nang ganti harga";
Javanese "nang" is "to", "nang bandung"), "ka" is "ke" ("ka amuntai"), and "wayah ini" is
"sekarang"."""

from __future__ import annotations

import re

from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/banjar.toml), read wherever they stand but after a title.
_TABLE = tongue_table("banjar")
_MARK_RE = re.compile(
    r"(?<![\w'-])(?:ulun|pian|kada|handak|kawa|haja|balum|bubuhan)(?![\w'-])", re.IGNORECASE
)
# "isuk" as tomorrow, never the Javanese morning of an hour or of today ("jam 6 isuk", "isuk
# mau", "tadi isuk", "isuk-isuk").
_TOMORROW_RE = re.compile(
    r"(?<!\d )(?<!\d)(?<!mau )(?<!tadi )(?<!td )(?<!wau )(?<!-)"
    # ("sesuk isuk", "bsk isuk": the morning of the day said.)
    r"(?<!sesuk )(?<!besok )(?<!bsk )(?<!mene )(?<!benjing )(?<!lusa )(?<!sok )"
    r"(?<![\w'-])isuk(?![\w'-])(?!\s*-?\s*isuk)(?!\s+(?:mau|tadi|td|wau|iki|iku)\b)",
    re.IGNORECASE,
)
# "masuk bengkel mulai isuk sampai kamis": from tomorrow until a day, in any message.
_FROM_TOMORROW_RE = re.compile(
    r"(?<=\bmulai )isuk(?=\s+(?:sampai|sampe|smp|sd|s/d|hingga|sampek|nganti)\b)", re.IGNORECASE
)
_AND_RE = re.compile(r"(?<![\w'-])lawan(?=\s+(?:tgl\s*|tanggal\s*)?\d|\s+bus\b)", re.IGNORECASE)
_WHO_RE = re.compile(r"(?<![\w'-])nang(?=\s+[a-z])", re.IGNORECASE)
# "ka amuntai", "ka surabaya": to (never the "k" people type for "ke", read already).
_TO_RE = re.compile(r"(?<![\w'-])ka(?=\s+[a-z])", re.IGNORECASE)
# "wayah ini": now.
_NOW_RE = re.compile(r"(?<![\w'-])wayah\s+ini(?![\w'-])", re.IGNORECASE)


def in_banjar_read(text: str) -> str:
    """The message with its Banjar words read in Indonesian."""
    text = _FROM_TOMORROW_RE.sub(lambda m: read_in_place(m, "besok"), text)
    if _MARK_RE.search(text):
        text = _TOMORROW_RE.sub(lambda m: read_in_place(m, "besok"), text)
        text = _AND_RE.sub(lambda m: read_in_place(m, "sama"), text)
        text = _WHO_RE.sub(lambda m: read_in_place(m, "yang"), text)
        text = _TO_RE.sub(lambda m: read_in_place(m, "ke"), text)
        text = _NOW_RE.sub("sekarang", text)
    return _TABLE.read(text)
