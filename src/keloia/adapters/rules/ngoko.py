"""Everyday East Javanese (ngoko, Suroboyoan), as a PO in Surabaya, Malang or Sidoarjo types
it mixed with Indonesian, read in Indonesian before the rules, the way the polite krama is
(krama.in_krama_read): "mene aku gaiso narik" (besok aku ga bisa narik), "budhal jam 10
bengi, 3 dino" (berangkat jam 10 malam, 3 hari), "dp 1,5jt dibalekno" (dikembalikan),
"duduk bca, bri" (bukan bca), "mesine panas" (mesinnya).

A word read the same way everywhere is Javanese before anything else in a PO's chat ("teko"
is no teapot there, "karo" no regency, "sing" no English); a word a PO also writes in
Indonesian is read by its place: "mari" is "sudah" ("mari tf", "wes mari") but stays in
"mari kita"; "duduk" is "bukan" before the value put right or opening the message ("duduk
1jt", "duduk, batalno ae"), not in "tempat duduk"; "lek" is "kalau" before who or what it
is said of ("lek bu Endang batal"), never the uncle of "lek Man"; "tak" ("tak kirim" =
saya kirim, Indonesian "tak bisa") and "mau" (Javanese "tadi") are left alone. A word right
after a title is a name ("cak Fandi", "pak Dadi", "bu Sasi") and stays as written, unless it
is a word no one is named ("pak sepurane" is "pak, maaf")."""

from __future__ import annotations

import re

from keloia.adapters.rules.gazetteer import is_place
from keloia.adapters.rules.vocabulary import TEAM_TITLE
from keloia.adapters.rules.wordtable import read_in_place, tongue_table
from keloia.domain.model.moves import MONTH_RE

# The words of its own (tongues/ngoko.toml), read wherever they stand but after a title.
_TABLE = tongue_table("ngoko")
# Counted before a unit: "rong dino" (2 hari), "telung bus", "sak jam" (an hour).
_COUNTS = {"rong": "2", "loro": "2", "telung": "3", "telu": "3", "patang": "4", "papat": "4"}
_COUNTS |= {"limang": "5", "limo": "5", "sak": "1", "siji": "1"}
_COUNT_RE = re.compile(
    rf"\b({'|'.join(_COUNTS)})(?=\s+(?:dino|hari|bengi|malam|bus|unit|jam|minggu|sasi"
    r"|bulan|biji|wong|orang)\b)",
    re.IGNORECASE,
)
# The "-e"/"-ne" of a thing's own, glued to the things of the business ("mesine",
# "asuransine", "solare", "bookinge", "sisane", "utange", "remne"): only these, so a name
# ending in "e" ("bu Tine") is left as written.
_OWN_RE = re.compile(
    r"\b(mesin|asuransi|solar|booking|bookingan|sisa|utang|hutang|rem|ban|premi|jemput"
    r"|jemputan|budhal|budal|berangkat|kunci|lampu|oli|kir|stnk|pajak|trip|tagihan|harga|biaya"
    r"|sopir|supir|kernet|jadwal|rute|tujuan|dp|km|ac|pembayaran|kwitansi|nota|rombongan"
    r"|kabel|aki|radiator|kopling|bus|duit|uang|ongkos|tol|parkir|bensin|pelunasan|status"
    r"|posisi|kondisi|keadaan|lokasi|pemasukan|pengeluaran|hasil|tanggal)n?e\b",
    re.IGNORECASE,
)
# Written apart: "ac ne", "km e", "jeep e", "indikator e", "harus e", "kayak e": the
# word's "-nya" (never a title: "bu E" is a name's initial); the rules read "sisa e",
# "sopir e" and "kernet e" as they are.
_OWN_APART_RE = re.compile(
    rf"(?<![\w-])(?!(?:{TEAM_TITLE}|sisa|sopir|supir|kernet)\b)(?P<word>[a-z]{{2,}})\s+n?e(?=\s|[,.!?]|$)",
    re.IGNORECASE,
)
# "mari": "sudah" before what was done ("mari tf dp", "mengko mari ziarah"), "selesai"
# ending a clause or after "wes" ("wes mari teko bengkel", "tandai mari"); Indonesian
# "mari kita ..." stays.
_DONE_RE = re.compile(
    r"\b(?P<already>wes|wis|sudah|udah|udh)\s+mari\b|\bmari(?=\s*(?:[,.!?]|$))", re.IGNORECASE
)
_MARI_RE = re.compile(
    r"\bmari\b(?!\s+(?:kita|kami|kt|sama|bersama|semua|sini|ke|kesini|masuk|silakan|bapak|ibu))",
    re.IGNORECASE,
)
# "duduk": "bukan" before the value put right or opening the message.
_NOT_RE = re.compile(
    r"(?:^\W*|(?<![\w-])(?<!tempat\s)(?<!kursi\s)(?<!bangku\s))duduk\b"
    r"(?=\W*$|\s*,|\s+(?:\d|tgl|tanggal|jam|bus|bca|bri|bni|bsi|mandiri|cash|tunai|tf|sing|iku"
    r"|pak|bu|cak|mas|mbak))",
    re.IGNORECASE,
)
# "gak tgl 25 rek, tgl 26": not that value, the one after it ("bukan"), as Indonesian "ga
# tgl 25, tgl 26" says too; "dudu" is Javanese "bukan" as "duduk" is. Only with the other
# value said: "gak tgl 25 ae" alone is no correction.
_NOT_THAT_RE = re.compile(
    r"\b(?:gak|ga|gk|nggak|ngga|enggak|ora|dudu)(?=\s+(?P<unit>tgl|tanggal|jam)\s*\d"
    r"[^,.;]*[,.;]\s*(?:[a-z]+\s+){0,2}(?P=unit)\s*\d)",
    re.IGNORECASE,
)
# "lek" is "kalau" before who or what it is said of.
_IF_RE = re.compile(
    r"\blek(?=\s+(?:pak|bu|cak|mas|mbak|ning|aku|sampeyan|arep|wes|wis|gak|ga|ora|onok|ono"
    # ("lek PT Karya Baja batal": a company or school named after it too.)
    r"|batal|bus|tgl|tanggal|mene|sesuk|besok|budhal|jadi|dadi|sido|pt|cv|sd|sdn|smp|smpn|sma"
    r"|sman|smk|smkn|rombongan)\b)",
    re.IGNORECASE,
)


# "sing mau": the one just now ("hapus sing mau ae"), never "yg mau" (who wants); "gak
# sido": called off ("Sido" alone is part of a name: "PT Sido Makmur").
_EARLIER_RE = re.compile(r"\bsing\s+mau\b", re.IGNORECASE)
# "mau isuk", "mau awan": earlier today ("tadi pagi"), never Indonesian "mau" (want).
# (Only the Javanese words after it, or beside another Javanese word of what has happened
# ("pak Tugiyo mau sore tf 1,5jt ... mlebu bni"): Indonesian "mau sore bayar" is money to
# come.)
# ("iki mau": just now, "mau" Javanese "tadi" after "iki".)
_EARLIER_TODAY_RE = re.compile(
    r"\b(?:iki\s+)?mau\s+(?=(?:isuk|esuk)\b)|\biki\s+mau\b\s*", re.IGNORECASE
)
_EARLIER_IN_JAVANESE_RE = re.compile(r"\bmau\s+(?=(?:awan|sore|bengi)\b)", re.IGNORECASE)
_HAPPENED_RE = re.compile(r"\b(?:mlebu|wis|uwis|wes|mau\s+(?:isuk|esuk))\b", re.IGNORECASE)
_NOT_DONE_RE = re.compile(
    r"\b(gak|ga|ora|nggak|mboten|boten|durung|wes|wis|sudah|udah)\s+sido\b", re.IGNORECASE
)


# "nang" is "ke" or "di": "di" where one is or something happens ("onok acara keluarga nang
# Lumajang", "macet nang porong", "kumpul nang garasi", "jemput nang ponpes": where the bus
# picks up), "ke" where one goes ("trip nang jogja", "tf nang bri").
_AT_RE = re.compile(
    r"\b((?:acara|macet|mogok|bocor|nginep|parkir|posisi|istirahat|nunggu|ngenteni|ngopi"
    r"|jemput|jemputan|jemputane|jemputnya|dijemput"
    r"|kumpul|ngumpul|mangan|makan|ono|onok|ada|nongkrong|ditinggal|dititipno|dititipkan)"
    r"(?:\s+[a-z]+){0,2})\s+nang\b",
    re.IGNORECASE,
)
# "rek" (arek, "guys") and "cik" ("so that": "cik cepet") said to the reader, never the
# bank account of "rek bri" nor the "Cik" of "cik Lian": dropped.
_PARTICLE_RE = re.compile(
    r"(?<![\w-])(?<!ke )(?<!masuk )(?<!via )(?<!lewat )(?<!no )(?<!nomor )(?<!tf )(?<!trf )"
    r"(?<!transfer )(?<!ke\s)rek\b(?!\s*(?:bca|bri|bni|bsi|mandiri|btn|cimb|permata|danamon"
    r"|jatim|jateng|bjb|muamalat|ocbc|panin|mega|\d|an\b|a\.n|atas|no\b|nomor|nya|ne\b|e\b|ku\b|sy\b|saya"
    r"|pribadi|perusahaan|kantor|pt\b|yg|yang))\s*"
    r"|\bcik\s+(?=(?:cepet|cepat|ndang|gek|gage|ayo|ben)\b)",
    re.IGNORECASE,
)


def _done(m: re.Match[str]) -> str:
    if m["already"]:
        return f"{m['already']} selesai"
    return read_in_place(m, "selesai")


def _own(m: re.Match[str]) -> str:
    """ "mulih e" is "pulangnya", "km ne" is "km nya" (the reading's own word)."""
    word = m.group(1)
    if word.lower() == "km":
        return f"{word} nya"
    return f"{_TABLE.read(word)}nya"


# "sing bandung ganti slamet": the trip that goes there ("yg ke bandung"), a known place.
# (In lower case only: "sing Bima ganti bus 06" names a bus called after a place.)
# ("sing neng bandung bus e opo": Central Javanese "neng" before it; after "neng" a place
# may be written in capitals: "aku sing neng Bali tgl 8".)
_THE_ONE_TO_RE = re.compile(
    r"(?<![\w'-])sing\s+(?:(?P<at>neng|nang|ning)\s+)?(?P<place>[A-Za-z]+)\b"
)


def _the_one_to(m: re.Match[str]) -> str:
    if not m["at"] and not m["place"].islower():
        return m.group()
    place = m["place"].lower()
    # Places that are everyday words too ("parkir sing tengah", "bus sing putih"); a local
    # list, so its words explain no other message to the coverage check.
    everyday = [
        "tengah",
        "putih",
        "hitam",
        "ireng",
        "abang",
        "merah",
        "biru",
        "ijo",
        "hijau",
        "kuning",
        "barat",
        "timur",
        "utara",
        "selatan",
        "lor",
        "kidul",
        "wetan",
        "kulon",
        "depan",
        "ngarep",
        "mburi",
        "belakang",
        "gede",
        "cilik",
        "anyar",
        "lawas",
        "baru",
        "lama",
    ]
    return f"yg ke {m['place']}" if is_place(place) and place not in everyday else m.group()


# "baline dadi tgl 10": the trip's return (never "duit baline", money given back).
_RETURN_RE = re.compile(r"(?<!duit )(?<!duite )(?<!uang )(?<!dp )\bbaline\b", re.IGNORECASE)


# "brangkat tgl 9 bali tgl 10": Central Javanese "bali" (back) is the return only right
# between a departure's day (its month at most) and the day of the return; "ke bali tgl
# 10", "tgl 9 jogja bali", "tujuan bali" are the island.
_BACK_ON_RE = re.compile(
    r"(?P<depart>\b(?:brangkat|berangkat|brgkt|budal|budhal|mangkat|mangkate|budale)\w*"
    rf"\s+(?:tgl|tanggal)\s*\d{{1,2}}(?:\s+(?:{MONTH_RE}))?,?\s+)"
    # (Never when the return is said elsewhere: "... bali tgl 13 pulang" goes to Bali.)
    r"bali(?=\s+(?:tgl|tanggal)\s*\d)(?!.*\b(?:pulang|plg|balik)\b)",
    re.IGNORECASE,
)


# "regane 2,6jt sedino": a price a day (never "pp sedino", a trip of one day).
_A_DAY_PRICE_RE = re.compile(r"(\d[\d.,]*\s*(?:jt|juta|rb|ribu|k))\s+sedino\b", re.IGNORECASE)


def in_ngoko_read(text: str) -> str:
    """The message with its East Javanese words read in Indonesian."""
    text = _A_DAY_PRICE_RE.sub(r"\1 sehari", text)
    text = _RETURN_RE.sub("pulangnya", _THE_ONE_TO_RE.sub(_the_one_to, text))
    text = _BACK_ON_RE.sub(r"\g<depart>pulang", text)
    text = _NOT_DONE_RE.sub(r"\1 jadi", _EARLIER_RE.sub("yg tadi", text))
    text = _EARLIER_TODAY_RE.sub("td ", text)
    if _HAPPENED_RE.search(text):
        text = _EARLIER_IN_JAVANESE_RE.sub("td ", text)
    text = _PARTICLE_RE.sub("", text)
    text = _COUNT_RE.sub(lambda m: _COUNTS[m.group(1).lower()], text)
    text = _MARI_RE.sub(lambda m: read_in_place(m, "sudah"), _DONE_RE.sub(_done, text))
    text = _IF_RE.sub("kalo", _NOT_RE.sub(lambda m: m.group()[:-5] + "bukan", text))
    text = _NOT_THAT_RE.sub("bukan", _AT_RE.sub(r"\1 di", text))
    text = _OWN_RE.sub(_own, text)
    text = _OWN_APART_RE.sub(_own, text)
    return _TABLE.read(text)
