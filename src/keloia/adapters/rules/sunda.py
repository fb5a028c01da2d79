"""Everyday Sundanese, as a PO in Bandung, Garut or Tasik types it mixed with Indonesian,
read in Indonesian before the rules, the way ngoko and krama are: "isukan sy teu tiasa
narik" (besok saya ga bisa narik), "jadwal pageto" (lusa), "lunas dinten ieu" (hari ini),
"DP na tos tf 4jt ka BCA" (DPnya sudah tf 4jt ke BCA), "saha nu can mayar" (siapa yg
belum bayar), "asup bengkel ti tgl 10 dugi ka tgl 12" (masuk bengkel dari tgl 10 sampai
tgl 12), "DP 1jt dibalikeun" (dikembalikan).

A word no Indonesian writes ("isukan", "tiasa", "sabaraha", "teu") is read wherever it
stands; the short words a PO also writes in Indonesian or in a name are read only by their
place: "ka" is "ke" before where one goes or what is paid into ("ka Garut", "ka BCA", "ka
mana"); "ti" is "dari" before a day or a place ("ti tgl 10", "ti Garut"); "nu" is "yg"
(never the NU of "Muslimat NU"); "na" written apart, and "-na" glued to the things of the
business ("busna", "waktuna", "harusna"), is "-nya"; "ku" is "sama" only after a passive
verb ("diganti ku bus 06"), never the "-ku" of "mbah ku". A word right after a title is a
name ("Kang Asep", "Teh Rina", "Mang Ujang", "Pa Haji Dudung") and stays as written."""

from __future__ import annotations

import re

from keloia.adapters.rules.vocabulary import TEAM_TITLE
from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/sunda.toml), read wherever they stand but after a title.
_TABLE = tongue_table("sunda")
# Particles said for their sound only ("batal euy", "dadang mah"): dropped.
_PARTICLE_RE = re.compile(r"\s+(?:euy|mah)(?![\w'])", re.IGNORECASE)
# "-na" of a thing's own glued to the things of the business, and the few other words it
# ends ("waktuna", "harusna", "anakna"): only these, so "Rina", "Nina", "mana", "warna" stay.
_OWN_RE = re.compile(
    r"\b(bus|booking|bookingan|klien|waktu|harus|anak|jadwal|harga|sopir|supir|kernet|dp|km"
    r"|mesin|rem|ban|ac|sisa|utang|hutang|tagihan|biaya|trip|rombongan|jemputan|pulang|tujuan"
    r"|rute|kwitansi|nota|premi|solar|pembayaran|pelunasan|nomer|nomor|hp|kulawarga"
    r"|mobil|tanggal|tgl|jam|ongkos|uang|duit|lunas|surat|status|posisi|kondisi|keadaan|lokasi"
    r"|dua2|bengkel|servis|oli|kir|stnk|sim|seat|kursi)na\b",
    re.IGNORECASE,
)
# Written apart: "DP na", "klien na", "km na 165.020", "booking na": the word's "-nya"
# (never after a title: "bu Na" is a name; nor after an amount in words: "dp sajuta na
# hangus" keeps "sajuta" whole for the money finder).
_OWN_APART_RE = re.compile(
    rf"(?<![\w-])(?!(?:{TEAM_TITLE}|pa|a|\w*juta|\w*ribu|\w*rebu|\w*ewu)\b)"
    r"(?P<word>[a-z]{2,})\s+na(?![\w'])",
    re.IGNORECASE,
)
# "teu kudu mayar": "ga usah" (no need), before "kudu" alone is read "harus".
_NEED_NOT_RE = re.compile(r"\bteu\s+kudu\b", re.IGNORECASE)
# "ka": "ke" before where one goes, what is paid into, or "mana" ("ka Garut", "ka BCA", "ka
# pool", "ka mana"); "dugi ka": "sampai".
_UNTIL_RE = re.compile(r"\b(?:dugi|dugika|nepi)\s+ka\b|\bdugika\b", re.IGNORECASE)
# Only in lower case and never after a number: the "KA" of a plate ("AB 7021 KA"); but
# after a day of the month it is where the trip goes ("tgl 19 ka pangandaran").
_TO_RE = re.compile(r"(?<![\w'.-])(?<!\d\s)ka(?=\s+[a-zA-Z])")
_TO_AFTER_DAY_RE = re.compile(
    r"(\b(?:tgl|tanggal)\s*\d{1,2}(?:\s+[a-z]{3,9})?\s+)ka(?=\s+[a-zA-Z])"
)
# "ti": "dari" before a day, a place or where a bus is ("ti tgl 10", "ti Garut", "ti
# bengkel").
_FROM_RE = re.compile(
    r"(?<![\w'.-])ti(?=\s+(?:\d|[A-Z]|(?:tgl|tanggal|dinten|kamari|isukan|pool|garasi|bengkel"
    r"|kantor|terminal|bandara|stasiun|sakola|sekolah|jam|enjing|payun"
    r"|senen|salasa|rebo|kemis|jumaah|saptu|minggu|ahad)\b))"
)
# "can": "belum" before what is not yet there or done ("can aya sopir", "nu can mayar"),
# never the English "can"; closing a question, "tos dp can?" (sudah dp belum?).
_NOT_YET_RE = re.compile(
    r"(?<![\w'.-])can(?=\s+(?:aya|mayar|bayar|dibayar|dp|lunas|tf|transfer|asup|lebet|masuk"
    r"|dikonfirmasi|konfirmasi|sumping|dongkap|dugi|uih|mulih|balik"
    # "SIM abdi tos mati, can diperpanjang": not renewed yet.
    r"|diperpanjang|perpanjang|diperpanjangkeun|diurus|diuruskeun)\b|\s*\?)"
)
# "lain": "bukan" before the value refused ("1,5jt lain 2jt", "parkir lain tol"), never the
# Indonesian "other" after what it is of ("bus lain").
_NOT_RE = re.compile(
    r"(?<![\w'.-])lain(?=\s+(?:\d|(?:tgl|tanggal|bus|bis|jam|dp|tol|parkir|solar|bensin|cash"
    r"|tunai|tf|transfer|pelunasan|lunas)\b))"
)
_VALUE_NOT_VALUE_RE = re.compile(
    r"(?:\d\S*|subuh|pagi|siang|sore|malam)\s+(?:(?:kang|teh|a|pak|bu)\s+)?lain\s+"
    r"(?:\d|jam|tgl|tanggal|bus)|^\W*lain\s+(?:\d|jam|tgl|tanggal|bus)"
    # "eh salah ketik pak, lain bus 02 tapi bus 04": a value refused for the one after "tapi".
    r"|\blain\s+(?:bus|bis|tgl|tanggal|jam)\s*\d+\W+(?:tapi|tp|tapina)\b"
)
# "nu": "yg" (the NU written in capitals is an organisation, "Muslimat NU").
_WHICH_RE = re.compile(r"(?<![\w'.-])(?:nu|Nu)(?![\w'])")
# "ku" after a passive verb: "diganti ku bus 06" (by, left unsaid as Indonesian chat does),
# never "mbah ku" (my).
_BY_RE = re.compile(r"\b(di[a-z]{3,})\s+ku\b", re.IGNORECASE)
# "we" said last to the reader: "simpen we", "konfirmasi we" ("just").
_JUST_RE = re.compile(r"(?<=[a-z])\s+we(?=\s*(?:[,.!?]|$))", re.IGNORECASE)
# "nya" closing a time said ("jam 5 subuh nya"): the Sundanese "ya", no thing's own.
_YES_RE = re.compile(
    r"(?:(?<=subuh)|(?<=pagi)|(?<=siang)|(?<=sore)|(?<=malam)|(?<=\d))\s+nya(?=\s*(?:[,.!?]|$))",
    re.IGNORECASE,
)


# "isuk", "enjing": "besok" in a Sundanese message ("jadwal isuk naon wae kang", "bus 02
# enjing kosong teu?"), never the Javanese "morning" ("jam 7 isuk", "sesuk isuk").
_SUNDANESE_RE = re.compile(
    r"\b(?:naon|atuh|euy|teu|muhun|mangga|sabaraha|iraha|kumaha|nuhun|abdi|tos|acan|sanes|wios"
    r"|lepat|leres|isukan|pageto|tiasa|hoyong|bade|saha)\b",
    re.IGNORECASE,
)
_TOMORROW_RE = re.compile(
    # (Never after a day of the month: "tgl 5 enjing" is that day's morning.)
    r"(?<!\btgl\s\d\s)(?<!\btgl\s\d\d\s)(?<!\btanggal\s\d\s)(?<!\btanggal\s\d\d\s)"
    r"(?<!\bjam\s)(?<!\bsesuk\s)(?<!\bbsk\s)(?<!\btadi\s)(?<!\btd\s)(?<![\w'-])(?:isuk|enjing)(?![\w'-])"
    r"(?!\s*(?:-|2|isuk|jam|pagi)\b)",
    re.IGNORECASE,
)


# "angkat": "berangkat" in a Sundanese message ("teu jadi angkat", "angkat jam 6 enjing"),
# never the lifting of something ("angkat telepon", "angkat koper").
_LEAVES_RE = re.compile(
    r"(?<![\w'-])angkat(?![\w'-])(?!\s+(?:telp\w*|telepon\w*|tlp\w*|hp|barang\w*|koper\w*|tas\w*))",
    re.IGNORECASE,
)


# Counted before a unit: "nambah hiji bus deui" (1 bus), "tilu poe" (3 hari).
_COUNTS = {"hiji": "1", "tilu": "3", "opat": "4", "genep": "6", "dalapan": "8", "salapan": "9"}
_COUNT_RE = re.compile(
    rf"\b({'|'.join(_COUNTS)})(?=\s+(?:bus|bis|unit|poe|hari|dinten|peuting|wengi)\b)",
    re.IGNORECASE,
)


def in_sunda_read(text: str) -> str:
    """The message with its Sundanese words read in Indonesian."""
    if _SUNDANESE_RE.search(text):
        text = _TOMORROW_RE.sub(lambda m: read_in_place(m, "besok"), text)
    if _SUNDANESE_RE.search(text):
        text = _LEAVES_RE.sub(lambda m: read_in_place(m, "berangkat"), text)
    if _SUNDANESE_RE.search(text) or _VALUE_NOT_VALUE_RE.search(text):
        # ("parkir lain tol" in a Sundanese reply; "1,5jt kang lain 2jt" between two values.)
        text = _NOT_RE.sub("bukan", text)
    text = _NEED_NOT_RE.sub(lambda m: read_in_place(m, "ga usah"), text)
    text = _UNTIL_RE.sub(lambda m: read_in_place(m, "sampai"), text)
    text = _TO_RE.sub(lambda m: read_in_place(m, "ke"), text)
    text = _TO_AFTER_DAY_RE.sub(r"\1ke", text)
    text = _FROM_RE.sub(lambda m: read_in_place(m, "dari"), text)
    text = _WHICH_RE.sub(lambda m: read_in_place(m, "yg"), text)
    text = _NOT_YET_RE.sub(lambda m: read_in_place(m, "belum"), text)
    text = _COUNT_RE.sub(lambda m: read_in_place(m, _COUNTS[m.group(1).lower()]), text)
    text = _BY_RE.sub(r"\1", text)
    text = _JUST_RE.sub(" aja", text)
    text = _YES_RE.sub(" ya", text)
    text = _OWN_RE.sub(lambda m: read_in_place(m, m.group(1) + "nya"), text)
    text = _OWN_APART_RE.sub(lambda m: read_in_place(m, m["word"] + "nya"), text)
    return _TABLE.read(_PARTICLE_RE.sub("", text))
