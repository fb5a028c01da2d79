"""The Balinese words a PO in Bali or Lombok mixes into Indonesian, read in Indonesian
before the rules, the way Sundanese and ngoko are: "tiang ten bisa narik bsk" (saya ga
bisa narik besok), "benjang tiang pick up jam brp?" (besok), "bus 02 msk bengkel mangkin"
(sekarang), "jadwal tiang napi gen?" (apa aja), "kenken niki bli?" (gimana), "ampura bli"
(maaf), "suksma" (makasih).

A word no Indonesian writes ("benjang", "mangkin", "napi", "kenken") is read wherever it
stands, even after a title ("bli benjang ...": no one is named so). "tiang", a pole in
Indonesian ("nabrak tiang di parkiran") and a person in krama ("wonten tiang ingkang badhe
sewa"), is "saya" only in a message with a Balinese mark (a title such as "bli", or a word
of the table krama does not share). "ten" is "ga" before what is not done
("ten bisa", "ten jadi", "ten usah") or closing a question ("bisa diganti Putu ten?"),
never krama's "to" ("sing ten dieng"). The titles themselves (bli, mbok, gek) are the
domain's (clients.BALINESE_TITLES)."""

from __future__ import annotations

import re

from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/bali.toml), read wherever they stand but after a title.
_TABLE = tongue_table("bali")
# "tiang" as "saya": never "tiang listrik", "tiang bendera", nor krama's "a person" ("wonten
# tiang ingkang badhe sewa").
_I_RE = re.compile(
    r"(?<!wonten )(?<!enten )(?<!onten )(?<!ana )(?<!ono )(?<!ada )(?<!setunggal )"
    r"(?<![\w'-])tiang(?![\w'-])(?!\s+(?:listrik|bendera|lampu|telepon|telp|beton|pancang)\b)",
    re.IGNORECASE,
)
# What marks a message as Balinese: its titles or a word of its own.
_MARK_RE = re.compile(
    r"(?<![\w'-])(?:bli|mbok|gek|titiang|mangkin|napi|kenken|kengken|ampura|suksma|nyen"
    r"|tusing)(?![\w'-])",
    re.IGNORECASE,
)
# "ten" as "ga" before what is not done ("ten bisa", "ten jadi izin", "ten usah").
_NO_RE = re.compile(
    r"(?<![\w'-])ten(?=\s+(?:bisa|bs|jadi|jd|usah|perlu|ada|sanggup|mau|kuat|tau|tahu|dingin"
    r"|nyala|masuk|keburu|sempat|sempet)\b)",
    re.IGNORECASE,
)
# "ten" closing a question or a clause ("bisa diganti Putu ten?"), in a Balinese message only
# ("dari koh ten." names someone).
_NO_CLOSING_RE = re.compile(r"(?<![\w'-])ten(?=\s*(?:[?,.!]|$))", re.IGNORECASE)
# "napi gen", "apa gen": "apa aja".
_ALL_RE = re.compile(r"\b(napi|apa)\s+gen\b", re.IGNORECASE)


def in_bali_read(text: str) -> str:
    """The message with its Balinese words read in Indonesian."""
    if _MARK_RE.search(text):
        text = _I_RE.sub("saya", text)
        text = _NO_CLOSING_RE.sub(lambda m: read_in_place(m, "ga"), text)
    text = _NO_RE.sub(lambda m: read_in_place(m, "ga"), text)
    return _TABLE.read(_ALL_RE.sub(r"\1 aja", text))
