"""The keyword families of the rules extractor, each written once: every way people write
one word ("sopir", "supir", "driver"...), as a regex alternation. `word_re` builds the
pattern that finds any word of some families (or of a one-off list) as a whole word; a rule
that needs a family inside a larger pattern puts the family itself in it, so a spelling
added here is understood by every rule at once."""

from __future__ import annotations

import re

# The titles before a name: the domain's.
from keloia.domain.model.clients import (
    BALINESE_TITLES,
    BANYUMAS_TITLES,
    MAKASSAR_TITLES,
    NAME_TITLES,
    SUMATRAN_TITLES,
    SUNDANESE_TITLES,
)

# Called off: "ga jadi", "gak jd" (the assistant reads a cancellation called off with it).
from keloia.domain.model.news import CALLED_OFF as CALLED_OFF

# No, not: "ga jadi", "tdk bisa", "ada ga" (before a word, or closing a question), and not
# yet: "blm masuk", "belum ada sopirnya": the domain's words, which the assistant reads too.
from keloia.domain.model.news import NO as NO
from keloia.domain.model.news import NO_BEFORE_VERB as NO_BEFORE_VERB
from keloia.domain.model.news import NOT_YET as NOT_YET

# Money moving ("bayar", "tf"), recording it ("catat", "input") and money only promised
# ("mau tf", "janji bayar", "mau dp 2jt"): the domain owns these words, as the assistant
# answers a promise with the same words the rules read it by.
from keloia.domain.model.promises import DP as DP
from keloia.domain.model.promises import PAY as PAY
from keloia.domain.model.promises import PROMISE as PROMISE
from keloia.domain.model.promises import RECORDING as RECORDING
from keloia.domain.model.promises import TRANSFER as TRANSFER


def word_re(*alternations: str) -> re.Pattern[str]:
    """Any of the words (families or one-off alternations), as a whole word."""
    return re.compile(r"\b(?:" + "|".join(alternations) + r")\b")


# An amount or a length said as a guess: "kira2 1,5jt", "estimasi 2jt", "paling 3 hari".
ESTIMATE = r"kira2|kira-kira|kira|sekitar|skitar|estimasi|kisaran|perkiraan|paling"


def mark_re(*alternations: str, words_between: int = 0) -> re.Pattern[str]:
    """One of the words ending the text, but for up to `words_between` other words: the mark
    right before a value ("dp 2jt", "sisanya tinggal 3jt", "pulang hari minggu 14")."""
    between = rf"(?:\w+\W+){{0,{words_between}}}" if words_between else ""
    return re.compile(r"\b(?:" + "|".join(alternations) + rf")\b\W*{between}$")


# To whom word goes: "bilang ke joko", "tanyain sama admin" (hearsay: "bilang" without it is
# someone's word passed on).
TO_WHOM = r"ke|sama|sm|kpd|kepada"
# Someone's words passed on: "katanya", "kata pak agus", "pak agus bilang" (not "bilang ke
# joko ...", word for a teammate), "ngomong", "ngabarin".
PASSED_ON = (
    r"katanya|katane|jarene|kata\s+(?:pak|bu|mas|mbak|mba|dia|beliau|orangnya|klien\w*|bos)"
    rf"|bilang(?!\s+(?:{TO_WHOM})\b)|bilangnya|blg|ngomong|ngomongnya|ngabarin"
    r"|ngabari|infonya"
)

# The sender speaking of himself: "jadwal sy", "premi saya", "uang jalan gw".
ME = r"sy|saya|aku|aq|gw|gue|kulo|kula|aye|ayas"  # krama "kulo", Betawi "aye", Malang "ayas"

# The crew of a bus. Suroboyoan writes its "-e" apart: "ganti bus 01, sopir e wahyu",
# "kernet e dodi" (tried first).
DRIVER = (
    r"(?:sopir|supir)\s+e(?=\s)"
    r"|sopir|sopirnya|sopire|supir|supirnya|supire|driver|drivernya|pengemudi|pramudi"
)
# Driving, said of whoever drives: "yg nyopir pak hendra siapa".
DRIVES = r"nyopir|nyupir|nyetir|nyopirin|nyupirin|nyetirin|nyopiri|mengemudikan|ngemudiin"
KERNET = (
    r"kernet\s+e(?=\s)"
    r"|kernet|kernetnya|kernete|kenek|keneknya|keneke|knek|kondektur|co-?driver|codriver"
)
# The crew's words found as whole words, compiled once for every rule that looks for them.
DRIVER_WORD_RE = word_re(DRIVER)
KERNET_WORD_RE = word_re(KERNET)
CREW_WORD_RE = word_re(DRIVER, KERNET)
# Before a person's name: "pak joko", "mbak rina", "kang asep", "teh dini", "aa ujang",
# "bli putu", "mbok ayu".
# "lae pardosi", "uni rahmi" ("uda" only in names.py, written "Uda": "uda tf" is "udah tf").
_SUMATRAN = tuple(t for t in SUMATRAN_TITLES if t != "uda")
HONORIFIC = "|".join(
    (
        *NAME_TITLES,
        "bang",
        "kang",
        *SUNDANESE_TITLES,
        *BALINESE_TITLES,
        *_SUMATRAN,
        *BANYUMAS_TITLES,
        *MAKASSAR_TITLES,
    )
)
# A teammate named or spoken to in the chat ("bilangin mba sari ...", "dek wahyu, ..."):
# the honorifics, their short forms and "dek" for the young. The one list relay.py reads.
TEAM_TITLE = rf"{HONORIFIC}|mba|bpk|dek|cak|ning"
# Who answers for a booking, named with a number: "cp bu meta 0813...", "contact person mas
# doni", "pic pak yono", "narahubung bu tini".
CONTACT = r"cp|contact\s+person|contact|kontak|kontaknya|narahubung|pic|no\s+hp|nomor\s+hp|no\s+wa"
# What a trip is for: "ziarah ke sendangsono", "SMAN 2 study tour ke jakarta".
PURPOSE = (
    r"wisata|ziarah|tour|study\s+tour|studi\s+tour|studytour|kunker|kunjungan|outbound|outbond|piknik"
    r"|rekreasi|liburan|darmawisata|karyawisata|tamasya|jalan2|gathering|outing|field\s+trip"
    r"|perpisahan|wisuda"  # "sma muh 2 perpisahan ke bali": the occasion, not the name
    r"|pkl|prakerin"  # "smk n 1 godean PKL ke jakarta": a vocational school's work placement
)
# Money the client pays, said so: "dp 2jt", "lunas 8jt", "tf 2jt", "refund 500rb" (costs.py
# never lists it among a trip's costs; several.py reads a clause of it as a payment).
CLIENT_PAID = r"dp|dpnya|\w*lunas\w*|refund|panjar|uang\s+muka|cicilan|tf|trf|transfer"
# A bus's route permit, a paper of its own beside the KIR and the STNK.
PERMIT = r"izin\s+trayek|izin\s+angkutan|ijin\s+trayek"
# A bus as a word (not a bus's name or number).
BUS = r"bus|busnya|bis|unit"
# A vehicle of the fleet, by any word for one.
FLEET = r"bus|bis|armada|unit|elf|hiace|kendaraan|fleet"  # "status fleet": the English word
# All of them: "..., semua tf bca", "cash smua".
ALL = r"semua|smua|semuanya|smuanya|semuax|semua2nya|kabeh|kabehe|sedaya"  # Javanese "kabeh"
# "and" between two things named: "bus 01 dan 02", "sopir joko sm slamet", "bensin ama tol".
AND = r"dan|dn|sama|sm|ama"
# "ganti", "digantiin", "jadi": what comes before the new value of a change (a verb,
# never a name).
CHANGE = r"ganti|diganti|gantiin|digantiin|gantikan|digantikan|jadi|jd"
# A value rejected ("bukan jogja") and the right one said after it ("harusnya solo").
NOT_THIS = r"bukan|bkn|bukannya|dudu|udu|sanes"  # Javanese "dudu" (Malang "udu"), Sundanese "sanes"
# Where the right value is said: "harusnya 8,5jt", "yg bener tgl 13".
RIGHT_SAID = r"harusnya|seharusnya|mestinya|yg\s+bener|yang\s+benar"
RIGHT_VALUE = rf"{RIGHT_SAID}|tapi|tp|maksudnya|melainkan"

# A slip owned up to at once ("3jt eh salah 2,5jt", "batal.. eh bukan batal ding"): a
# startled word or an apology, the slip word, then maybe what is meant ("eh bukan,
# maksudnya 2,5jt").
OOPS = r"eh+|e+h|eits|ups"
SORRY = r"sori|sorry|maaf|maap|mf"
SLIP = r"bukan|bkn|salah|keliru|ralat"
# A slip put right, opening the message: "eh bukan ...", "maaf salah, ...".
SLIP_OPENED = rf"\W*(?:(?:eh|oh|{SORRY})\W+)*(?:{SLIP})"
MEANT = rf"maksudnya|maksud\s+saya|maksud\s+sy|maksudku|{RIGHT_SAID}"
# The exact figure after a rough one: "2 jt an, pasnya 2.050.000", "sekitar 1jt, tepatnya
# 975rb" (Javanese "pase", "persise").
EXACTLY = r"pasnya|pase|tepatnya|tepate|persisnya|persise|pastinya|rincinya|detailnya"

# Numbers said in words, to nine ("dua bus", "tiga hari lagi", "lima ratus ribu"), and a
# half ("satu setengah juta", "jam setengah 6").
NUMBER_WORDS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
# Javanese and Sundanese numerals, read only where they count money ("telung juta setengah",
# "rong atus ewu", "tilu ratus rebu"): "loro" alone is also "sick".
JAVANESE_NUMBER_WORDS = {
    "siji": 1, "setunggal": 1, "loro": 2, "rong": 2, "kalih": 2, "telu": 3, "telung": 3,
    "tigang": 3, "papat": 4, "patang": 4, "sekawan": 4, "limo": 5, "limang": 5, "gangsal": 5,
    "enem": 6, "nem": 6, "pitu": 7, "pitung": 7, "wolu": 8, "wolung": 8, "songo": 9,
    "sangang": 9,
    # The Javanese tens of their own: "selawe" 25, "seket" 50, "sewidak" 60 ("seket ewu").
    "selawe": 25, "seket": 50, "sewidak": 60,
    # Sundanese (the ones not spelt as Indonesian ones)
    "hiji": 1, "tilu": 3, "opat": 4, "genep": 6, "dalapan": 8, "salapan": 9,
}  # fmt: skip
HALF = r"setengah|stgh"
# A trip's costs named as a whole before them: "biaya pkk: ...", "biaya bandung solar ...".
COSTS_NAMED = r"biaya|biayane|biayanya|ongkos|pengeluaran"
# Javanese hundreds written as one word: "rongatus", "limangatus" (two, five hundred).
_JAVANESE_HUNDREDS = r"rong|telung|patang|limang|nem|pitung|wolung|sangang"
JAVANESE_HUNDREDS_RE = rf"satus|(?:{_JAVANESE_HUNDREDS})(?:atus|puluh)"
# (The same as words: "satus", "rongatus", "telungpuluh", ...)
JAVANESE_HUNDREDS_WORDS = frozenset(
    ["satus"]
    + [f"{digit}{tens}" for digit in _JAVANESE_HUNDREDS.split("|") for tens in ("atus", "puluh")]
)


_JOINED_DIGIT = "|".join((_JAVANESE_HUNDREDS, *sorted(NUMBER_WORDS, key=len, reverse=True)))


def number_in_words(words: str) -> int:
    """ "dua ratus lima puluh" -> 250, "sebelas" -> 11, "dua puluh lima" -> 25: the one
    reading of numbers in words, for amounts and days of the month alike."""
    # ("limaratus", "wolungpuluh": a digit joined to what it counts is read apart.)
    tokens = re.findall(
        rf"se(?=puluh|ratus|belas)|(?:{_JOINED_DIGIT})(?=r?atus|puluh)|[a-z]+", words
    )
    total, current = 0, 0
    for token in tokens:
        if token == "se":
            current = 1
        elif token == "satus":  # Javanese "a hundred": "satus seket ewu" is 150.000
            total += 100
        elif token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
        elif token in JAVANESE_NUMBER_WORDS:
            current += JAVANESE_NUMBER_WORDS[token]
        elif token in ("ratus", "atus"):
            total += (current or 1) * 100
            current = 0
        elif token == "puluh":
            total += (current or 1) * 10
            current = 0
        elif token == "belas":
            total += (current or 1) + 10
            current = 0
    return total + current


def numbers_to(most: int) -> dict[str, int]:
    """The number words up to `most`, "se" (one, joined to what it counts: "sehari",
    "sebuah") first: a rule's alternation ("|".join) and the value of each."""
    return {"se": 1} | {word: n for word, n in NUMBER_WORDS.items() if n <= most}


# Got, been given: "blm dpt bus", "udh dapet sopir".
GOT = r"dapet|dapat|dpt|dapt"
# Done already: "udh dp", "sdh pulang", "dah diganti".
ALREADY = r"udah|udh|sudah|sdh|dah|sampun|wis|wes"  # Javanese "wis", "sampun"
# A condition or a guess: what follows is not (yet) so ("kalo jadi", "kayaknya", "semoga").
IF_OR_MAYBE = (
    r"kalo|kalau|klo|kl|nek|yen|misal\w*|mungkin|kira|kayaknya|kyknya|kayane|semoga|moga2"
    r"|insya\w*"
)
# Arriving: "udh nyampe garasi", Javanese "wis tekan garasi".
ARRIVE = r"nyampe|nyampai|sampe|sampai|tiba|tekan"
# The most of something: "paling gede", "terbesar", "terbanyak" (who owes or paid most).
MOST = (
    r"(?:paling|plg|pling)\s+(?:gede|gedhe|gde|besar|bsr|banyak|byk|bnyk|bnyak|gd|akeh)"
    r"|terbesar|terbanyak"
)

# Leaving on a trip ("brgkt", "berangkat"), and asking when ("kpn", "kapan").
DEPART = r"brgkt|berangkat|brangkat|brkt|budal|mangkat"  # Javanese "budal", "mangkat"
WHEN = r"kapan|kpn|kapn|kpan"
# Asking how much or how many: "sisa brp", "brp hari", "tgl berapa".
HOW_MUCH = r"berapa|brp|brapa|berape|brape"  # Betawi "berape"
# A question of its own, by its mark or a question word ("sopirnya siapa", "bus dmn skrg"):
# what is said around it is asked, not reported.
ASKS_RE = re.compile(rf"\?|\b(?:siapa|sapa|{HOW_MUCH}|apa|{WHEN}|mana|dmn|kmn|gimana|gmn)\b")

# An odometer's reading said as the latest: "km skrg 152.340", "odo udah tembus 200rb".
LATEST = r"skrg|sekarang|terakhir|saat\s+ini|udah|sudah|sdh|tembus|di"

# Spans of time.
DAY_UNIT = r"hari|hr|dino"  # Javanese "dino": "diundur 2 dino"
MONTH_UNIT = r"bulan|bln"
WEEK_UNIT = r"minggu|pekan|mgg"
# "depan" as typed in a hurry: "minggu dpn", "bulan dpan".
NEXT = r"depan|dpn|dpan|depn|ngarep"  # Javanese "minggu ngarep"
# Days said relative to today.
# Javanese "dino iki" (ngoko), "dinten niki" (krama).
TODAY = r"hari\s+ini|hr\s+ini|hri\s+ini|dino\s+iki|dina\s+iki|dinten\s+niki"
# Why a price is what it is, said after it: "harga pak joni 5,5jt, lupa tambah tol".
PRICE_WHY = r"lupa|karena|krn|karna|soalnya|soale|sebab|termasuk|include"
TOMORROW = r"besok|besuk|bsk|bsok|bsuk|esok|sesuk|sesok|mbenjang|benjing"  # Javanese "sesuk"
# Sundanese "enjing" (tomorrow: "abdi enjing teu tiasa nyupir"); in Javanese krama it is the
# morning of a day said ("jam 6 enjing", "mbenjang enjing", "wau enjing", "enjing niki").
TOMORROW += (
    r"|(?<!\d )(?<!jam )(?<!pukul )(?<!mbenjang )(?<!benjing )(?<!besok )(?<!bsk )(?<!wau )"
    r"(?<!tadi )(?<!td )enjing(?!\s+(?:niki|iki|ini))"
)
AFTER_TOMORROW = r"besok\s+lusa|lusa|lsa"
YESTERDAY = r"kemarin|kemaren|kmrn|kmarin|kemarn|kmren|wingi"  # Javanese "wingi"

# Money moving, recording it, and money only promised: PAY, TRANSFER, RECORDING, PROMISE
# (imported above from the domain).
ACCOUNT = r"rek|rekening"
CASH = r"cash|tunai|kontan|kes|cas|uang\s+cash|bayar\s+langsung"
QRIS = r"qris|qr|scan\s+qr"
SETTLE = (
    r"lunas|pelunasan|dilunasi|melunasi|lunasin|dilunasin|pelunasannya|pelunsan|pelunasn"
    r"|plunasan|lunasan|lunasi|nglunasi|nglunasin|ngelunasi|ngelunasin"  # Javanese "nglunasi"
)
# What is still owed: "sisa", "kurangnya".
BALANCE = r"sisa|saldo|saldonya|sisanya|sisane|kurang|kurangnya|kurange|kekurangan"
# Counts that are no money and no bus number: "45 seat", "30 orang".
SEAT = r"seat|seats|seater|kursi"
PEOPLE = r"org|orang|pax|penumpang|peserta|jiwa"
# What a number counts when it is no money: "45 seat", "30 orang", "3 hari", "120 km".
COUNTED = rf"{SEAT}|{PEOPLE}|{DAY_UNIT}|malam|km|kilo|liter|ltr|litre|lt"
REFUND = (
    r"refundnya|refunde|refund|refun|dikembalikan|dibalikin|balikin|kembalikan|pengembalian|kembalian|dikembaliin"
    r"|kembaliin|ngembaliin|balikkan|dibalikkan"
    r"|(?:di)?(?:tf|trf|transfer|kirim)\s+balik|dibalikan"
    # "dp nya balik setengah": the DP goes back (not "balik ke jogja", the way home).
    r"|(?:dp|uang|duit)(?:\s?nya|\s?ne)?\s+balik(?!\s+(?:\w+\s+)?(?:ke|k|dari|dr|lagi|lg)\b)"
)


# "balikin ke 2jt ya": a value just put right set back to what it was (never money given
# back: "dibalikin 2jt ke pak hendra", "dp nya dikembalikan jd 2jt").
PUT_BACK = (
    r"(?<!di)(?:balikin|kembaliin|kembalikan|balik)\s+(?:lagi\s+|lg\s+)?ke\s+"
    r"(?=\d+(?:[.,]\d+)?\s*(?:jt|juta|rb|ribu|k)\b)"
)
