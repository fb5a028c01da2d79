"""Betawi, as a PO in Jakarta, Bekasi or Depok types it mixed with Indonesian, read in
Indonesian before the rules, the way Sundanese and ngoko are: "sopirnye slamet" (sopirnya),
"nyang paling lama siape?" (yg paling lama siapa), "kagak jadi deh" (ga jadi), "iye hapus
aje" (iya hapus aja), "tgl 7 ampe 9" (sampe), "dp ke lo" (ke kamu), "makasih ye" (ya).

A word no Indonesian writes ("kagak", "siape", "berape", "gimane") is read wherever it
stands; the words a PO also writes in Indonesian or Javanese are read only by their place:
"-nye" glued to a word is "-nya" (never a word of three letters or less); "nyang" is "yg"
before what it picks out ("nyang paling lama", "nyang udeh bayar"), never the Javanese "to"
of "nyang magelang"; "lo"/"lu" is "kamu" after a preposition ("ke lo", "ame lu"), never the
"lo" of surprise; "ye" closing what is said is "ya". A word right after a title is a name
("bang Jaja", "mpok Ijah") and stays as written."""

from __future__ import annotations

import re

from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/betawi.toml), read wherever they stand but after a title.
_TABLE = tongue_table("betawi")
# "sopirnye", "caranye", "totalnye", "jadinye", and apart, "kir nye": a thing's own, "-nya".
_OWN_RE = re.compile(r"\b([a-z]{2,})\s?nye\b", re.IGNORECASE)
# "nyang" before what it picks out: "nyang paling lama siape", "nyang belon bayar".
_WHICH_RE = re.compile(
    r"(?<![\w'-])nyang(?=\s+(?:paling|mana|mane|udah|udeh|ude|udh|belon|belom|blm|belum|ga"
    r"|gak|kagak|kaga|baru|tadi|td|barusan|lain|ganti|ngubah|bayar|dp|ke|di|punya|kosong"
    r"|free|gede|kecil|lama|masih|msh|mau|mao|lunas|nyatet|catet|ini|itu|ntu|bener|ubah|rubah"
    r"|ngerubah|diubah|edit|input|catat|dicatat|dicatet|diganti|ngganti|gantiin|nambah|pake"
    r"|pakai|make|jemput|berangkat|brangkat|nyopir|bawa|ambil|ngambil|sewa|nyewa|booking|pesen"
    r"|pesan|cancel|batal|telat|kurang|sisa|utang|ngutang|nunggak|nganggur|kosong|ade|ada)\b)",
    re.IGNORECASE,
)
# "di mane", "bus mane", "nyang mane": "mana" after what it asks of (alone, "mane" may be
# the Javanese "again").
# "ape aje", "bus ape", "jadwal ape": "apa" where it asks (alone, "ape" may be the Javanese
# "arep", going to).
_WHAT_RE = re.compile(
    r"\b(bus|bis|jadwal\w*|yg|nyang|trip\w*)\s+ape\b|\bape(?=\s+(?:aje|aja|saja|aj)\b)",
    re.IGNORECASE,
)
_WHERE_RE = re.compile(r"\b(di|ke|dari|bus|bis|yg|yang|nyang|sebelah)\s+mane\b", re.IGNORECASE)
# "lo"/"lu" after a preposition: "dp ke lo", "ame lu".
_YOU_RE = re.compile(r"\b(ke|sama|ame|ama|buat|dari|dr|ma)\s+(?:lo|lu)(?![\w'-])")
# "ye" closing what is said: "makasih ye", "sopirnye slamet ye".
_YE_RE = re.compile(r"(?<=[a-z])\s+ye(?=\s*(?:[,.!?]|$))", re.IGNORECASE)


def in_betawi_read(text: str) -> str:
    """The message with its Betawi words read in Indonesian."""
    text = _OWN_RE.sub(lambda m: read_in_place(m, m.group(1) + "nya"), text)
    text = _WHICH_RE.sub(lambda m: read_in_place(m, "yg"), text)
    text = _WHERE_RE.sub(r"\1 mana", text)
    text = _WHAT_RE.sub(lambda m: f"{m.group(1)} apa" if m.group(1) else "apa", text)
    text = _YOU_RE.sub(r"\1 kamu", text)
    text = _YE_RE.sub(" ya", text)
    return _TABLE.read(text)
