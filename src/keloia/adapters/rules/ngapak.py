"""Banyumasan Javanese ("ngapak"), as a PO in Tegal, Brebes, Purwokerto or Cilacap types it
mixed with Indonesian, read in Indonesian before the rules, the way ngoko, krama and
Sundanese are: "sesuk inyong ora bisa narik" (besok saya ga bisa narik), "lunas dina kiye"
(hari ini), "mlebu bengkel nganti tgl 20" (sampai), "sing ning dieng mangkat kapan" (yg ke
dieng berangkat kapan), "batalna bae" (batalkan aja), "bus 02 servis saben 10rb km"
(setiap), "nambah 1 bus maning, nganggo bus 07" (lagi, pakai).

A word no Indonesian writes ("inyong", "kiye", "kepriwe", "nganti", "maning") is read
wherever it stands; a word ngoko or krama also has ("wis", "pira", "wingi", "sida", "sing
mau") is left for them to read, so it reads as theirs does, and "durung" for the rules,
which take it as told where "belum" would ask ("bocahe durung libur"). The words a PO also
writes in Indonesian or in a name are read only by their place: "bali" is "pulang" after
"wis/durung/arep" or opening a clause before a day ("wis bali", ", bali tgl 12"), never the
island of "ke Bali"; "ana" is "ada" in lower case, never "bu Ana"; "bae" is "aja"
closing what is said ("apa bae", "batalna bae,"); "sapa" is "siapa" closing a question
("sapa bae?", "sing paling gede sapa"), never the greeting of "sapa pelanggan"; "dina" is
"hari" before "kiye/iki" or after a count ("3 dina", "per dina"), never "bu Dina"; "ning"
is "ke" before a place or after what goes there ("ning jogja", "sing ning owabong"), never
the title of "ning Sasi". A word right after a title is a name and stays as written
("Kang Darsono", "Yu Karsih"), unless no one is named so ("pak inyong telat" is "pak,
saya telat")."""

from __future__ import annotations

import re

from keloia.adapters.rules.gazetteer import is_place
from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/ngapak.toml), read wherever they stand but after a title.
_TABLE = tongue_table("ngapak")

# "bali": home again after what is done or opening a clause before when ("wis bali", ",
# bali tgl 12"), never the island ("ke bali tgl 26", "tour bali tgl 5").
_HOME_RE = re.compile(
    r"\b(?P<done>wis|uwis|durung|arep|sudah|udah|belum|blm|mau|pada|wes)\s+bali\b"
    r"|(?:^|(?<=,)|(?<=,\s))bali(?=\s+(?:tgl|tanggal|jam|sesuk|besok|wingi|kemarin|dina|hari)\b)"
)
# "ana": "ada" in lower case (never "bu Ana", a name after a title).
_THERE_IS_RE = re.compile(r"(?<![\w'-])ana(?![\w'-])")
# "ana ngendi": "di mana" (where a bus is).
_WHERE_RE = re.compile(r"\bana\s+ngendi\b", re.IGNORECASE)
# "bae" closing what is said: "apa bae?", "batalna bae,", "ganti bus 06 bae".
_JUST_RE = re.compile(r"(?<![\w'-])bae(?=\s*(?:[,.!?]|$)|\s+(?:nganti|sing|ya|lah)\b)")
# "sapa" closing a question: "sapa bae?", "sing paling gede sapa", "sapa sih".
_WHO_RE = re.compile(r"(?<![\w'-])sapa(?=\s*(?:bae|aja|sih|ya|kuwi|kuwe)?\s*(?:[,.!?]|$))")
# "dina": "hari" before "kiye/iki/ini" or after a count ("3 dina", "per dina", "saben dina").
_DAY_RE = re.compile(
    r"(?<![\w'-])dina(?=\s+(?:kiye|iki|ini)\b)|(?<=\d\s)dina\b"
    r"|\b(?P<each>per|saben|setiap)\s+dina\b"
)
# "tanggal abang": a red-letter day (a holiday).
_RED_RE = re.compile(r"\b(tanggal|tgl)\s+abang\b", re.IGNORECASE)
# "aja disit": "jangan dulu" (Javanese "aja" forbids; Indonesian "aja" is "only").
_NOT_YET_RE = re.compile(r"\baja\s+disit\b", re.IGNORECASE)
# "ning": "ke" after what goes somewhere, or before a place.
_TO_AFTER_RE = re.compile(
    r"\b(?P<goes>sing|yg|trip|tour|mudik|ziarah|bus|nyewa|sewa|mangkat|berangkat|piknik"
    r"|wisata|arep|mau|plesir|dolan|bali|pulang)\s+ning\b",
    re.IGNORECASE,
)
_TO_RE = re.compile(r"(?<![\w'-])ning\s+(?P<place>[a-z]+)", re.IGNORECASE)


def _to(m: re.Match[str]) -> str:
    return f"ke {m['place']}" if is_place(m["place"].lower()) else m.group()


def in_ngapak_read(text: str) -> str:
    """The message with its Banyumasan words read in Indonesian."""
    text = _WHERE_RE.sub("di mana", text)
    text = _NOT_YET_RE.sub("jangan dulu", _RED_RE.sub(r"\1 merah", text))
    text = _HOME_RE.sub(lambda m: f"{m['done']} pulang" if m["done"] else "pulang", text)
    text = _DAY_RE.sub(
        lambda m: f"{m['each']} hari" if m["each"] else read_in_place(m, "hari"), text
    )
    text = _JUST_RE.sub(lambda m: read_in_place(m, "aja"), text)
    text = _WHO_RE.sub(lambda m: read_in_place(m, "siapa"), text)
    text = _THERE_IS_RE.sub(lambda m: read_in_place(m, "ada"), text)
    text = _TO_RE.sub(_to, _TO_AFTER_RE.sub(lambda m: f"{m['goes']} ke", text))
    return _TABLE.read(text)
