"""Step 1 of reading a message: find every value in it (phones, notes, times, dates,
money, buses, people, route, payment and fleet words), each finder masking what it used."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from keloia.adapters.rules import dates, fleet, money, names, payments, phones, routes, times
from keloia.adapters.rules.busedit import BusEdit, find_bus_edit
from keloia.adapters.rules.buses import (
    NOT_A_NAME as NOT_A_BUS_NAME,
)
from keloia.adapters.rules.buses import (
    TAKEN_BY_RE,
    TAKEN_NAMED_RE,
    BusMention,
    find_buses,
)
from keloia.adapters.rules.costs import costs_taken_back, find_short_amounts
from keloia.adapters.rules.gazetteer import MULTI_WORD_PLACES, PLACES
from keloia.adapters.rules.intents import (
    DAY_OFF_RE,
    DECLINE_RE,
    PROBLEM_RE,
    QUESTION_RE,
    SICK_RE,
    Signals,
    not_in,
)
from keloia.adapters.rules.newbus import NewBus, find_new_bus
from keloia.adapters.rules.text import (
    STOP_WORDS,
    first_listed,
    lower_keep_offsets,
    mask,
    word_patterns,
    words,
)
from keloia.adapters.rules.vocabulary import (
    AND,
    BUS,
    CASH,
    CHANGE,
    COUNTED,
    DP,
    DRIVER,
    DRIVER_WORD_RE,
    DRIVES,
    EXACTLY,
    HONORIFIC,
    HOW_MUCH,
    JAVANESE_HUNDREDS_WORDS,
    JAVANESE_NUMBER_WORDS,
    KERNET,
    LATEST,
    MEANT,
    NUMBER_WORDS,
    OOPS,
    PAY,
    SLIP,
    SORRY,
    TEAM_TITLE,
    TODAY,
    TOMORROW,
    TRANSFER,
    mark_re,
    numbers_to,
)
from keloia.domain.model.clients import mentioned, mentioned_by_kind, name_key
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.intents import ExtractionContext
from keloia.domain.model.tenants import Role

# "*Ket:* ...": a form's label may close its bold after the colon.
NOTES_RE = re.compile(r"\b(?:catatan|cat|ket|keterangan|note|notes|nb|memo)\s*[:=][*_]*\s*(.+)")
# "Ket: DP trip tgl 5 Juni": a note that names the trip's day names it for the reading too.
TRIP_DAY_IN_NOTE_RE = re.compile(
    r"\b(?:trip|tripnya|perjalanan|keberangkatan|berangkat|brgkt|brkt)\s+(?:tgl|tanggal)\s*"
    r"\d{1,2}(?:\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?|\s+[a-z]{3,9}(?:\s+\d{4})?)?\b"
)
PASSENGERS_RE = re.compile(
    r"\b(\d{1,4})\s*(?:an\s+)?(?:org|orang|pax|penumpang|peserta|jiwa)\b"
    r"|\b(?:peserta|penumpang|jumlah\s+(?:peserta|penumpang|orang|rombongan))(?:nya)?\s*:?\s*"
    # "pesertanya nambah jd 55": the new count
    r"(?:(?:nambah|tambah|bertambah|berubah|naik|turun|berkurang|kurang)?\s*(?:jadi|jd|mjd|menjadi)\s*)?"
    r"(?:kira2|kira-kira|sekitar|kurang\s+lebih|\+-|±)?\s*(\d{1,4})\b"
    rf"(?!\s*(?:jt|juta|rb|ribu|{COUNTED}))"
    # "jadinya brp orang ya? 45 katanya": the count asked, then said.
    rf"|\b(?:{HOW_MUCH})\s+(?:org|orang|peserta|penumpang)\b\D{{0,20}}?\b(\d{{1,4}})\s*"
    r"(?:an\s+)?(?:katanya|kata\s+\w+|aja|saja|doang|org|orang)?\s*(?:[.,!]|$)"
)


# A name taken back as soon as it is said: "pak agus eh bukan maksudnya pt sinar abadi".
_SLIP_AFTER_RE = re.compile(
    r"\W*(?:eh+|e+h)\W+(?:bukan|bkn|salah|maksud\w*|sorry|sori)\b"
    r"|\W*(?:bukan|bkn)\s+maksud\w*\b"
)


# A school's or a congregation's party counted by who they are: "96 siswa", "siswane cuma
# 48", "siswa 140 + guru 10" (one count: what they add up to). A local pattern: its words
# ("siswa", "ortu") explain no message to the coverage check unless a count is read.
@functools.cache
def _group_count_re() -> re.Pattern[str]:
    group = (
        r"siswa|siswi|murid|anak|santri|santriwan|santriwati|guru|pendamping"
        r"|jamaah|jemaah|ortu|peserta|penumpang|orang|org|pax|jiwa"
    )
    # (A part of the party, added or away, is no count of it: "2 siswa sakit", "guru 5
    # ikut juga", "siswa nambah 10", "5 siswa batal ikut".)
    not_all = (
        r"(?!\s+(?:sakit|ga|gak|nggak|tidak|tdk|batal|izin|ijin|absen|ikut|lagi|lg|tambahan"
        r"|rombongan|kelas|bus|bis)\b)"
    )
    return re.compile(
        rf"(?<!tgl )(?<!tanggal )(?<!jam )(?<!bus )(?<!bis )(?<!ada )(?<!tambah )(?<!nambah )"
        rf"(?<!kurang )\b(?P<n>\d{{1,4}})\s*(?:an\s+)?(?:{group})(?:ne|nya)?\b{not_all}"
        # ("guru2", "anak2": many of them, no count.)
        rf"|(?<!tambah )(?<!nambah )\b(?:{group})(?:ne|nya)?(?:\s*:\s*|\s+)"
        r"(?:(?:cuma|cm|hanya|ada|total|sekitar|kira2|jadi|jd|menjadi)\s+)*(?P<m>\d{1,4})\b"
        rf"(?!\s*(?:jt|juta|rb|ribu|{COUNTED}|bus|bis|unit)\b|[.,]\d){not_all}"
    )


# ("jd 60 siswa + 4 guru": who the first part are may stand before the join.)
_GROUP_JOIN_RE = re.compile(r"\s*(?:[a-z]+\s*)?(?:\+|,|&|dan|sama|sm|plus)\s*")


def head_count(work: str) -> tuple[int, int, int, int] | None:
    """How many travel, said by who they are, where it is said, and in how many parts."""
    said = list(_group_count_re().finditer(work))
    if not said:
        return None
    first = said[0]
    total, end, parts = int(first.group("n") or first.group("m")), first.end(), 1
    for m in said[1:]:
        if not _GROUP_JOIN_RE.fullmatch(work, end, m.start()):
            break
        total, end, parts = total + int(m.group("n") or m.group("m")), m.end(), parts + 1
    return total, first.start(), end, parts


# "nambah 10 org, jd 55": people added, then the count they make (the trip's count); "nambah
# 10 org" alone says how many more, never how many in all.
_PEOPLE = r"(?:org|orang|pax|penumpang|peserta|jiwa)"
ADDED_PEOPLE_RE = re.compile(
    r"\b(?:nambah|tambah|ditambah|bertambah|tambahan|kurang|berkurang|dikurangi)\s+\d{1,4}\s*"
    rf"{_PEOPLE}\b(?:\s*,?\s*(?:jadi|jd|mjd|menjadi)\s*(?P<total>\d{{1,4}})\b(?:\s*{_PEOPLE}\b)?)?"
)
# "jemput di masjid agung", "jemputnya di terminal", "jemput bu dewi di depan hotel",
# "jemput masjid agung jam 6" (a place straight after "jemput", but no person, time or day),
# "jemput jam 6 pagi di terminal jombor" (the time said first), "jemputnya pindah ke masjid
# al ikhlas" (a move: the place is what follows "ke", never "pindah").
# A place's letters: the full stop of a street's short form ends none ("depan indomaret Jl.
# Kaliurang", "Jl. Godean No. 12", "Gg. Mawar").
# ("Km 5,6": a comma between digits is the place's too.)
PLACE_CHAR = (
    r"(?:[^,\n.;]|(?:(?<=\bjl)|(?<=\bjln)|(?<=\bno)|(?<=\bgg)|(?<=\bkec))\.|(?<=\d),(?=\d))"
)
PICKUP_MOVED = r"pindah|dipindah|pindahin|ganti|diganti|gnti|berubah|jadi|jd"
PICKUP_RE = re.compile(
    # "jemputan sd muhammadiyah pindah ke masjid perak", "titik jemput pak hendra dipindah ke
    # terminal": whose pickup (a few words) before the move, the place after its "ke".
    r"(?:\b(?:jemputan|jemputannya|jemputnya|penjemputan|(?:titik|tempat|lokasi)\s+"
    r"(?:jemput|jemputan|penjemputan|kumpul))(?:\s+[a-z0-9]+){1,5}?"
    r"\s+(?:pindah|dipindah|dipindahin|dipindahkan|pindahin|ganti|diganti|gnti|berubah)"
    r"\s+(?:ke|di|jadi|jd)(?=\s)"
    r"|\b(?:jemput|jemputnya|dijemput|penjemputan|titik\s+kumpul|kumpul|kumpulnya|kumpule|start)"
    rf"(?:\s+(?:{PICKUP_MOVED})(?:\s+(?:ke|di|jadi|jd))?(?=\s))?"
    # The hour in digits or in words ("jemputnya jam enam pagi di balai desa ...").
    # "jemput pak hendra tgl 2 di terminal jombor": the client, then the day, then the place.
    rf"(?:(?:\s+(?:{HONORIFIC})\s+[a-z]+(?:\s+(?:tgl|tanggal)\s*\d{{1,2}}|\s+(?:besok|bsk|lusa))?"
    rf"|\s+(?:jam|jm|pukul|pkl)\s*(?:\d{{1,2}}(?:[.:]\d{{2}})?"
    rf"|(?:setengah\s+)?(?:sepuluh|sebelas|dua\s+belas|{'|'.join(NUMBER_WORDS)}))"
    # "neng", "nang": the Javanese "di".
    # ("jemputnya jam 6, di masjid al huda": a comma between the hour and the place, never
    # a verb written apart: "jam 5, di konfirmasi lg nanti", "di tunggu di depan gang".)
    r"(?:\s+(?:pagi|siang|sore|malam|malem|subuh|wib))?)?"
    r"(?:,\s+(?:di|neng|nang)(?!\s+(?:konfirmasi|konfirm|tunggu|tunggu\w+|kabari\w*|info\w*|cek"
    r"|bayar|tf|transfer|ganti|undur|majuin|majukan|catat|catet|kirim|jemput|antar|anter|telp"
    r"|telpon|tlp|wa|chat|omongin|bicarakan|obrolin|atur|usahakan|pastikan)\b)|\s+(?:di|neng|nang))"
    r"|(?<!antar\s)(?<!anter\s)(?<!minta\s)"
    r"(?=\s+(?!(?:di|dr|dari|ke|jam|pukul|tgl|tanggal|besok|nanti|dulu|ya|rombongan|tamu|peserta"
    # "jam jemputnya blm fix", "jemputnya masih dikabari": not decided, no place yet.
    r"|belum|blm|blom|masih|nyusul|menyusul|dikabari|dikabarin|tbd"
    # "jam jemput ttp", "jemputnya tetep di situ": unchanged, said of a change, no new place.
    r"|tetap|tetep|ttp|ttep|sama\s+(?:aja|saja|kaya\w*|kyk|spt|seperti)|kaya\s+biasa|kyk\s+biasa"
    r"|spt\s+biasa|seperti\s+biasa"
    # "jemput lbh pagi", "jemputnya agak siangan": when, said of the time, no place.
    r"|lbh|lebih|lbih|lebh|agak|pagi\w*|siang\w*|sore\w*|malam\w*|malem\w*|subuh|awal"
    r"|cepat\w*|cepet\w*|telat|lambat"
    # "jemputnya dimajuin jam 4", "jemput diundur": the time moved, no place.
    r"|maju\w*|dimaju\w*|mundur\w*|dimundur\w*|undur\w*|diundur\w*|dipercepat|diperlambat"
    rf"|{PICKUP_MOVED}"
    rf"|klien|anak|{HONORIFIC}|mana|dmn|dimana|dmana|kapan|kpn|jam\w*|setengah|stgh)\b)[a-z])))"
    rf"\s+({PLACE_CHAR}+)"
)
# "jemputnya ga jadi di balai desa, pindah ke masjid al ikhlas": a pickup called off for
# another; the place after the move is the pickup.
PICKUP_INSTEAD_RE = re.compile(
    r"\b(?:jemput\w*|penjemputan|titik\s+(?:jemput|kumpul)|kumpul\w*)\s+(?:(?:jg|juga|kyknya)\s+)?"
    r"(?:ga|gak|gk|nggak|ngga|tidak|tdk|ndak|ora)\s+(?:jadi|jd|sido)\s+(?:di\s+)?[^,.;]*?"
    # ("..., pindah ke masjid", "..., di rumah aja": the place said instead.)
    rf"[,.;]?\s*(?:(?:tp|tapi|trs|terus)\s+)?(?:(?:{PICKUP_MOVED})\s+(?:ke|di)|(?<=[,.;] )di)\s+"
    rf"({PLACE_CHAR}+?)(?:\s+(?:aja|saja|ya))?\s*(?:[,.;]|$)"
)
# "ke dieng, brgkt jam 6 dr alun2 wonosari": with the destination said on its own, what
# follows "dari" is where the bus picks the group up (found on the masked text: a name, a
# time or an amount after it ends the place).
FROM_PLACE_RE = re.compile(rf"\b(?:dari|dr|dri)\s+(?P<place>[a-z0-9]{PLACE_CHAR}*)")
# Where a place said in a message ends: a value blanked out, "ke", or the talk around it
# ("jemput di alun2 wonosari ya mbak", "... tolong dicatat").
PLACE_END_RE = re.compile(
    # ("... pindah ke masjid agung kauman terus berangkatnya jam 4": a voice note's "terus"
    # starts what it says next.)
    r"\s{2,}|\s+ke\s|\s+(?:tolong|tlg|mohon|terus|trus|trs)\b"
    rf"|\s+(?:{DP}|{PAY}|{TRANSFER}|{CASH}|{DRIVER}|{KERNET}|harga|hrg|harganya|total|jam|pukul"
    r"|tgl|tanggal|brgkt|brkt|berangkat|pulang|plg"
    # "jemput di alun alun kidul pakai bus 04": the bus chosen follows the place.
    r"|(?:pake|pakai|pk|naik)\s+(?:bus|bis|armada|unit|hiace|elf)"
    # "dari smp 2 mlati mau sewa 2 bus": what the client asks starts after the place.
    r"|mau|mw|pengen|pingin|ingin|sewa|nyewa|booking|pesan|pesen|carter|charter|rental)\b"
    r"|(?:\s+(?:ya+|yo|iya|ok|oke|okey|pak|bu|mbak|mba|mas|kak|bos|min|nggih|ngih|dong"
    r"|aja|saja|deh|sih|lho|nih|tolong|tlg)\b)+\W*$"
)
# After "dari", words that are no place: a time of day, a source of money or of an order.
NOT_A_PLACE_RE = re.compile(
    r"(?:pagi|siang|sore|malam|malem|subuh|awal|kemarin|kemaren|td|tadi|sekarang|skrg|dulu"
    r"|wa|whatsapp|ig|instagram|fb|facebook|grup|group|temen|teman|kenalan|rek|rekening"
    r"|bca|bri|bni|mandiri|bsi|btn|cimb|danamon|permata|dana|ovo|gopay"
    # "sy catet dr buku": whence the record is copied, never a place.
    r"|buku|bukunya|catatan|catetan|nota|kwitansi|kuitansi|bon|arsip)\b"
)
DRIVER_MARK_RE = re.compile(
    rf"\b(?:{DRIVER}|crew|nyopir|nyupir|nyetir|dibawa|dikemudikan)\W*(?:\w+\W+)?(?:ganti\W+|diganti\W+|jadi\W+)?$"
)
# "sesuk bus 03 slamet sing nyopir": the teammate, then that he is the one driving.
DRIVES_AFTER_RE = re.compile(
    r"\s+(?:yg|yang|sing|seng)\s+(?:nyopir|nyupir|nyetir|nyopiri|bawa|gowo|nggowo|sopir|supir)\b"
)
PARTY_BEFORE_RE = re.compile(r"\b(?:rombongan|rombongannya|tamu|tamunya|trip|tripnya)\s+$")
WITH_MARK_RE = re.compile(r"\b(?:sm|sama|dgn|dengan|bareng)\s+$")
# "sopirnya pake wahyu": the one the trip takes.
USE = r"pake|pakai|pakek|make"
CHANGE_BEFORE_RE = mark_re(CHANGE, USE, r"sama|sm")


def crew_named(group: str) -> str:
    """A crew member as written: a teammate's title ("pak", "mas", "dek"...) or none, then the
    name (3 to 15 letters) the match keeps as `group` (here and in crew.py's crew per bus)."""
    return rf"(?:(?:{TEAM_TITLE})\s+)?(?P<{group}>[a-z]{{3,15}})"


CREW_ROLE = rf"(?P<role>{DRIVER}|{KERNET})\b"
# "sopir pak joko sm pak slamet": what joins two crew members named after one role word.
PAIR_JOINER = rf"\s*(?:&|\+|/|{AND})\s*"
PAIR_JOINER_RE = re.compile(PAIR_JOINER)
# "kernet wahyu", "kenek pak Darto": the second crew member, named with or without honorific.
KERNET_RE = re.compile(
    rf"\b(?:{KERNET}|helper)\s*:?\s+(?:(?:{CHANGE}|{USE})\s+(?:ke\s+)?)?{crew_named('name')}\b"
)
KERNET_MARK_RE = mark_re(KERNET)
# "wahyu jd kernet aja": a teammate made the kernet (never asked: "wahyu jd kernet?").
_MADE_KERNET_RE = re.compile(
    rf"\b(?P<name>[a-z]{{3,}})\s+(?:jd|jadi|dadi|sbg|sebagai)\s+(?:{KERNET})\b(?!\s*\?)"
)
# "kernet bu lilis ganti mas dani", "sopir trip pak harun jadi wahyu", "kernet pak hendra
# pake slamet": the crew member named after the change word, whoever's trip sits between
# (a driver put on with "pake" is the team's, read by the name finder).
CREW_CHANGE_RE = re.compile(
    rf"\b(?P<role>{DRIVER}|(?P<kernet>{KERNET}))\b[^,\n]{{1,45}}?\b"
    rf"(?:{CHANGE}|(?(kernet)(?:{USE})|(?!)))\s+(?:ke\s+|sama\s+|sm\s+)?"
    rf"(?P<who>{crew_named('name')})\b"
)
# "ok ganti wahyu aja sopirnya": the crew member named before the role.
CREW_NAMED_FIRST_RE = re.compile(
    rf"\b(?:{CHANGE})\s+(?P<who>{crew_named('name')})"
    rf"\s+(?:(?:aja|saja|ya)\s+)?(?:(?:jadi|jd|sbg|sebagai)\s+)?{CREW_ROLE}"
)
# "bus bu lilis ganti 04": a bus named by its number alone, after the change word.
BUS_NUMBER_CHANGE_RE = re.compile(
    rf"\b(?:{BUS})\b[^,\n]{{0,30}}?\b(?:{CHANGE}|pake|pakai|tuker|tukar)\s+"
    # "ban depan bus 02 diganti 1,6jt": an amount with its decimals, never Bus 1.
    r"(?:ke\s+)?(?:no\.?\s*|nomor\s+)?(?P<num>\d{1,2})\b(?![.,]\d)"
    rf"(?!\s*(?:jt|juta|rb|ribu|{COUNTED}))"
)
# "busnya jd 2 ya": the buses' count changed, no unit named ("busnya ganti 04" is Bus 04).
BUS_COUNT_BECOMES_RE = re.compile(
    rf"\b(?:{BUS})(?:nya)?\s+(?:jadi|jd)\s+(?P<n>[1-9])\b(?![.,:/]\d)"
    rf"(?!\s*(?:jt|juta|rb|ribu|{COUNTED})\b)"
)
# ", jadi 4" right after the buses added: how many there are now.
_ADDED_THEN_TOTAL_RE = re.compile(
    r"\W*(?:(?:lagi|lg|deui|maneh|meneh)\W+)?(?:jadi|jd|dadi|total|totalnya)\s+(?P<n>[2-9]|[1-4]\d)\b"
    r"(?:\s+(?:bus|unit|armada))?(?![.,:/]\d)(?!\s*(?:jt|juta|rb|ribu|k|hari|hr|org|orang|seat)\b)"
    # (Never a day: "nambah 1 bus lagi, jadi 20 des".)
    r"(?!\s*(?:jan|feb|mar|apr|mei|jun|jul|agu|ags|sep|okt|nov|des)\w*\b)"
)
# "sopir joko": a driver named without "pak" (with one, the name finder already has them).
# "sopir joko", and whose licence: "sim wahyu habis kapan". "sopir bus 01 nya joko": the bus
# between is blanked out by then, its "nya" is left.
BARE_DRIVER_RE = re.compile(
    rf"\b(?:{DRIVER}|sim(?:\s*-?nya)?(?:\s+b[12](?:\s+umum)?)?)\s*:?\s+"
    # "sopir baru yanto simnya ...": a new driver, named after "baru".
    rf"(?:(?<=\s\s)nya\s+)?(?:(?:{CHANGE}|{USE})\s+(?:ke\s+)?)?(?:baru\s+)?(?P<name>[a-z]{{3,15}})\b"
)
NOT_A_NAME = frozenset(
    [
        "umum",  # "SIM B1 umum": a licence's class
        # A guess: "kernetnya mungkin dodi".
        "mungkin",
        "kayaknya",
        "kyknya",
        "sepertinya",
        "pak",
        "bu",
        "mas",
        "mbak",
        "bang",
        "kang",
        "om",
        "nya",
        "yg",
        "yang",
        "siapa",
        "saya",
        "aku",
        "gue",
        "ngebut",
        "ugal2an",
        "kasar",
        "galak",
        "ngantuk",
        # Praise passed on: "sopirnya ramah pisan", "sopire sabar".
        "ramah",
        "sopan",
        "sabar",
        "baik",
        "enak",
        "asik",
        "asyik",
        "mantap",
        "hati2",
        "belum",
        "blm",
        "sama",
        "sm",
        "ganti",
        "diganti",
        "jadi",
        "jd",
        "pake",
        "pakai",
        "untuk",
        "utk",
        "dan",
        "kosong",
        "nanti",
        "tbd",
        "tidak",
        "tdk",
        "gak",
        "ga",
        "bisa",
        "sudah",
        "udah",
        "sdh",
        "dari",
        "ke",
        "cadangan",
        "tambahan",
        "baru",
        "lama",
        "tetap",
        "tetep",
        "ttp",
        "ttep",
        "bus",
        "kernet",
        "kenek",
        "satu",
        "dua",
        "tiga",
        "berangkat",
        "brkt",
        "jam",
        "tgl",
        "tanggal",
        "besok",
        "lusa",
        "lain",
        "lainnya",
        "orang",
        # What a driver is told to do: "sopir bus 04 besok kumpul jam 6" names nobody.
        "kumpul",
        "ngumpul",
        "standby",
        "siaga",
        "bawa",
        # Laughter: "sy kan cm sopir hehe" names no driver Hehe.
        "hehe",
        "hehehe",
        "haha",
        "hahaha",
        "hihi",
        "wkwk",
        "wkwkwk",
        "xixi",
        # Money in words: "kernet satus wolungpuluh ewu" names no kernet Satus.
        *NUMBER_WORDS,
        *JAVANESE_NUMBER_WORDS,
        *JAVANESE_HUNDREDS_WORDS,
        "sejuta",
        "sewu",
        "seratus",
    ]
)
# "bus 01 dan bus 03" needs "3 bus": how many buses the trip takes.
BUS_COUNT_RE = re.compile(
    # "satu bus", "dua unit": the count in words too.
    rf"(?<![\d/.:-])\b(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})[ \t]*(?:bus|unit|armada|bis)\b"
    # "bus 3" names a bus; "2 bus 8jt" is a count and then the price, "2 bus 50 kursi" a
    # count and then their size.
    # ("3 bus 19-21 juni": a count, then the days.)
    rf"(?![ \t]*\d(?!\d*(?:[.,]\d+)?[ \t]*(?:jt|juta|rb|ribu|k|{COUNTED})\b)"
    rf"(?!\d?[ \t]*(?:[-–][ \t]*\d{{1,2}}[ \t]*)?{dates.MONTH_RE}))"
)
_ADDED_WORDS = numbers_to(3)
# "nambah 1 bus lg", "tambah satu unit lagi": buses joining a booking (never "tambah bus
# baru ...", a bus joining the fleet).
ADDED_BUSES_RE = re.compile(
    r"\b(?:nambah|tambah|ditambah|tambahin|nambahin|tambahan)\s+(?P<what>"
    # Never a bus named ("nambah bus 05 buat bu dewi": that bus), nor a new one for the fleet.
    rf"(?:(?P<n>\d{{1,2}}|{'|'.join(_ADDED_WORDS)})\s*)?(?:unit|buah|bus|bis|armada)(?:\s+(?:bus|bis))?\b"
    r"(?!\s*\d)(?!\s+(?:bus\s+|bis\s+)?baru)(?:\s+(?:lagi|lg|lgi))?)"
)
# "nambah bus 03": the add verb said right before the one bus named.
_ADD_VERB_END_RE = re.compile(r"\b(?:nambah|tambah|ditambah|tambahin|nambahin)\s+$")
_PICKUP_WORD_RE = re.compile(r"\b(?:jemput\w*|dijemput|penjemputan)\b")
_PICKUP_PLACE_SAID_RE = re.compile(
    rf"\b(?:tempat|lokasi)(?:nya|ne|e)?\s+(?:(?:pindah|jadi|jd)\s+)?(?:di|ke|neng|nang)\s+"
    rf"({PLACE_CHAR}+?)(?=\s+(?:gitu|gtu|ya|yah|aja|saja|tolong|tlg|trus|terus|soalnya|soale"
    r"|jam|pukul)\b|\s*[,.;\n]|\s*$)"
)
# ", jl kemasan kotagede": a street right after a place named by its kind ("sekolahnya").
_STREET_AFTER_RE = re.compile(r"\s*,\s*((?:jl|jln|jalan|gg)\b\.?\s*[^,\n;]+)", re.I)
# "srikandi ditambahin buat bu dewi": the add verb said right after the one bus named.
_ADD_VERB_AFTER_RE = re.compile(r"\s*(?:nya\s+)?(?:di)?(?:tambah|tambahin|tambahkan)\b")
# "bus 04 tetep": a bus said to stay on the trip.
_KEPT_AFTER_RE = re.compile(r"\s*(?:nya\s+)?(?:tetep|tetap|ttp|ttep)\b")
# "ganti oli sblm ke malang": the trip the bus is readied for, said with its service.
_BEFORE_TRIP_RE = re.compile(
    r"\b(?:sblm|sebelum|sebelom|sblum)\s+(?:(?:berangkat|brangkat|brgkt|brkt|jalan|jln)\s+)?"
    r"(?:ke|k)\s+"
)
# "minta 1 bus lg", "butuh satu unit lagi": another bus asked for a booking ("lagi" said).
ASKED_MORE_BUSES_RE = re.compile(
    r"\b(?:minta|mnt|butuh|perlu)\s+(?P<what>"
    rf"(?P<n>\d|{'|'.join(_ADDED_WORDS)})\s*(?:unit|bus|bis|armada)\s+(?:lagi|lg|lgi)\b)"
)


def _in_thousands(group: str) -> str:
    """A reading said as money is, in thousands ("182rb" is 182.000 km, "10rb km"): the
    number the match keeps as `group`."""
    return rf"(?P<{group}>\d{{1,3}}(?:[.,]\d{{1,3}})?)\s*(?:rb|ribu|rebu|k)"


def _in_full(group: str, fewest: int) -> str:
    """A reading written out ("152.340", or `fewest` to seven digits), kept as `group`."""
    return rf"(?P<{group}>\d{{1,3}}(?:\.\d{{3}})+|\d{{{fewest},7}})"


# "kilometernya 162.500" as voice typing writes it.
_KM = r"\b(?:km|odo|odometer|kilometer|spidometer|spedometer)(?:\s*nya)?"
# A bus between "km" and its reading, its number glued or not ("km bus04 203.400", "km elf
# 02 120.450"), or a unit's code ("km akhir B02 132.640").
_A_BUS = r"(?:(?:bus|bis|elf|hiace)(?:\s+\w+|\d+)|[a-zA-Z]0\d)\b(?![.,]\d)"
# "servis spidometer", "ganti odometer": work on the meter, before its word.
_METER_WORKED_ON_RE = re.compile(
    r"\b(?:ganti|diganti|servis|service|benerin|dibenerin|betulin|perbaiki|diperbaiki)\s+"
    r"(?=$)"
)
_SPOKEN_THOUSANDS_RE = re.compile(
    rf"(?P<lead>{_KM}(?:\s+[^\W\d]+|\s+(?:bus|bis)\s+\d+){{0,6}}\s+)"
    r"(?P<k>\d{1,3})\s*(?:rb|ribu|rebu)\s+(?P<r>\d{3})"
    r"(?![\d.,]|\s*(?:rb|ribu|rebu|k|km|jt|juta)\b)"
)
# Money's words: a number after them is rupiah ("pak hendra km tgl 2 dp 500.000": "km" is
# "kamu" there), never a reading.
_MONEY_WORDS = (
    r"(?:dp|bayar\w*|byr|harga\w*|jadi|jd|tf|transfer\w*|lunas\w*|pelunasan|cash|sisa\w*)"
)
ODOMETER_RE = re.compile(
    rf"\b(?:km|odo|odometer|kilometer|speedo(?:meter)?|spidometer|spedometer)(?:\s*nya)?\s*[:=]?\s*(?:(?:{LATEST})\s+)?"
    # "km 182rb" is 182.000 km, as money is said.
    rf"(?:{_in_thousands('rb')}\b|{_in_full('km', 3)}(?!\d|[.,]\d))"
    # "km bus 03 pagi ini 152.340", "km bus 01 kmrn sore pas masuk garasi 134.020": a few
    # words between (no comma), then a number only a reading has.
    # A bus's number is whole: "km bus 142.300" is no Bus 14 at 2.300 km.
    # "km akhir bulan: bus 01 213.600": a colon may stand before a bus ("420 km: tol
    # 350.000" is a distance, then a cost).
    # "km parahyangan tgl 3 april 176.900": the day it was read may stand between too.
    # "km bus 05 jd 98.230": "jadi" after the bus's number is the reading now (elsewhere
    # a price's word).
    # ("tarif per km bus 02 jd 8.500": a rate by the km, no reading.)
    rf"|(?<!per\s)(?<!tiap\s){_KM}(?:\s*[:=]?\s+{_A_BUS}|\s+(?!{_MONEY_WORDS}\b)[^\W\d]+"
    r"|(?<=\d)\s+(?:jd|jadi)"
    r"|\s+(?:tgl|tanggal)\s+\d{1,2}(?!\d)){1,6}"
    rf"\s*[:=]?\s*{_in_full('far', 5)}(?!\d|[.,]\d)"
    # "km bus 02 150rb": the bus alone between, a reading said as money is.
    rf"|{_KM}\s+{_A_BUS}\s*[:=]?\s*{_in_thousands('farrb')}\b"
    # "km nya salah, harusnya 188.200", "km tadi keliru, yg bener 77.100": the reading put
    # right, a clause on.
    rf"|{_KM}(?:[\s,]+(?:{_A_BUS}|[^\W\d]+)){{0,4}}?[\s,]+(?:{MEANT})\s*[:=]?\s*"
    rf"{_in_full('fix', 4)}(?!\d|[.,]\d)"
)
# "servis 10rb km", "di 152.000 km": the reading before its unit, when none follows "km"
# (never "tiap 10rb km", a service interval, nor a distance: see NOT_A_READING_RE).
ODOMETER_BEFORE_RE = re.compile(
    rf"(?<![\d.,])\b(?:{_in_thousands('prerb')}|{_in_full('pre', 4)})\s*km\b"
)
SERVICE_WORD_RE = re.compile(r"\b(?:servis|service|servise|srvis|svc)\s*$")
# Before a number said ahead of "km": an interval or a distance, not the bus's reading.
NOT_A_READING_RE = re.compile(
    r"\b(?:tiap|setiap|per|sekali|jarak|jaraknya|sejauh|kurang\s+lebih|kurleb|sekitar"
    r"|kira2|kira-kira|kurang|lebih|lbh|atau|atw|dan|/)\s*$"
)
DOC_KINDS = (
    ("kir", r"kir(?:nya)?|uji\s+kir"),
    # The yearly vehicle tax is paid on the STNK: "pajak bus 02" is its expiry, and
    # "pajak stnk" names that one paper once.
    ("stnk", r"pajak(?:nya)?(?:\s+stnk(?:nya)?)?|stnk(?:nya)?"),
    ("izin_angkutan", r"izin\s+trayek|ijin\s+trayek|izin\s+angkutan|ijin\s+angkutan|kps(?:nya)?"),
    ("insurance", r"asuransi(?:nya)?"),
    ("sim", r"sim(?:\s*-?nya|ku)?(?:\s+b[12](?:\s+umum)?)?"),
)
DOC_KIND_RES = word_patterns(DOC_KINDS)
ARROWS_RE = re.compile(r"\s*(?:➡️|➡|➝|→|⇒|=>|->|—>)\s*")


WARM_UP_RE = re.compile(
    r"\b(?:manasin|manasi|manasake|manaske|panasin|manaskan|memanaskan|hidupin|idupin|nyalain"
    r"|nyalakan)\s+(?:mesin|mesine|mesinnya)\b"
    # (Never a fault: "hidupin mesin bus 03 ga bisa pak, mogok".)
    r"(?![^.]*\b(?:ga|gak|nggak|tidak|tdk|susah|mogok|rusak|mati|macet|bunyi|berisik)\b)"
)


@dataclass
class Found:
    """Every value found in one message, before the intent chooses which ones count."""

    text: str
    lower: str
    today: dt.date
    masked: str = ""  # `lower` with every value read blanked out
    phones: list[phones.PhoneMention] = field(default_factory=list)
    notes: str | None = None
    stops: list[str] = field(default_factory=list)  # "mampir batu": stops on the way
    times: list[times.TimeMention] = field(default_factory=list)
    dates: list[dates.DateMention] = field(default_factory=list)
    money: list[money.MoneyMention] = field(default_factory=list)
    # Where a value was taken back for the next at once ("1jt, eh 1,2jt ding"): the words
    # between them and the "ding" owning the new one.
    slips: list[tuple[int, int]] = field(default_factory=list)
    # "yang tanggal 20 eh tanggal 21": where each date said instead starts, and where the
    # one it replaced did (the words before that one lead to both).
    said_again: dict[int, int] = field(default_factory=dict)
    buses: list[BusMention] = field(default_factory=list)
    people: list[names.NameMention] = field(default_factory=list)
    client: names.NameMention | None = None
    driver: names.NameMention | None = None
    team_member: str | None = None  # one of the PO's people named as asked about
    crew_of: str | None = None  # "kernet joko slamet": Joko, whose trip it is
    takes_trip: bool = False  # "yaudah joko yg ke malang": a teammate given that trip
    team: tuple[str, ...] = ()  # the first names of the PO's people, lower case
    fleet: tuple[str, ...] = ()  # the PO's bus names, lower case
    clients: tuple[str, ...] = ()  # the PO's clients of the weeks around today
    route: routes.Route = field(default_factory=routes.Route)
    places: list[tuple[int, str]] = field(default_factory=list)
    method: str | None = None
    payment_type: str | None = None
    maintenance_type: str | None = None
    # Every job named, when several are ("ganti kampas rem sama oli").
    works: list[tuple[int, int, MaintenanceType]] = field(default_factory=list)
    bus_status: str | None = None
    passengers: int | None = None
    pickup: str | None = None
    workshop: tuple[int, int, str] | None = None  # its span and its name as written
    kernet: str | None = None
    # One of the PO's people but the sender said to be off ("joko izin tgl 4" from the
    # admin): his absence passed on.
    other_off: bool = False
    # A first name the reader does not know as one of the PO's people, said to be off the
    # same way ("joko izin tgl 8" with no team known), as written.
    other_off_name: str | None = None
    # "wahyu tgl 25 kosong ga?" with neither the fleet's nor the team's names known: the
    # word opening a question of being free may be a bus or a teammate; read as a bus, unsure.
    bus_or_person: str | None = None
    bus_count: int | None = None
    added_buses: int | None = None  # "nambah 1 bus lg": buses joining a booking
    odometer_km: int | None = None
    # "udh 10rb km blm ganti oli": the km said before its unit, perhaps a distance driven;
    # "km nya udh 204.900" is a reading of the odometer.
    odometer_unit_after: bool = False
    service_km: int | None = None  # "servis 10rb km": the service named by its km
    # Readings of several buses in one message, in order: where each km is said, and it
    # (the first is odometer_km too).
    more_km: list[tuple[int, int]] = field(default_factory=list)
    document_kind: str | None = None
    new_bus: NewBus = field(default_factory=NewBus)
    adds_bus: bool = False
    bus_edit: BusEdit = field(default_factory=BusEdit)


# "3jt eh bukan, maksudnya 2,5jt", "3jt eh salah 2,5jt", "300rb, eh maksud saya 350rb", "tgl
# 26 feb eh salah, tgl 27 ding", "bus 04, ralat bus 05": the value is taken back mid-sentence
# and the next one of its kind said instead. "2jt bukan 3jt" (the rejected value after
# "bukan") is no such slip: its first value stands.
_TAKEN_BACK_RE = re.compile(
    rf"[\s,.]*(?:(?:e|{OOPS}|{SORRY})[\s,.]+)*"
    # ("eh salah ketik, 152.030": the slip owned as a typo.)
    rf"(?:(?:{SLIP})\b(?:\s+(?:ketik|tik|tulis|nulis|input))?"
    rf"(?:[\s,.]+(?:ding|dink|deng|mas|mbak|pak|bu|min))*[\s,.]+(?:{MEANT})?"
    rf"|(?<=eh[\s,])\s*(?:{MEANT}))[\s,.:]*"
)
# "tgl 26, eh 27 ding": a startled word alone takes the value back when the next one is
# owned as the right one ("ding").
_OOPS_ONLY_RE = re.compile(rf"[\s,.]*(?:(?:{OOPS}|{SORRY})[\s,.]+)+")
# "tgl 10 april, maksudnya tgl 11 april": what is meant said at once.
_MEANT_ONLY_RE = re.compile(rf"[\s,.]*(?:{MEANT})[\s,.:]*")
_OWNED_RE = re.compile(
    r"\s*(?:ding|dink|deng|dong)\b"
    # "km 198.020 eh ralat 198.200, salah ketik": the slip owned as a typo.
    r"|[\s,.]*(?:salah|keliru)\s+(?:ketik|tik|tulis|nulis|input)\b|[\s,.]*typo\b"
)
# A reading said again after one taken back ("km 198.020 eh ralat 198.200").
_READING_AGAIN_RE = re.compile(
    rf"(?:{_in_thousands('rb')}\b|{_in_full('full', 4)}(?!\d|[.,]\d))(?!\s*(?:jt|juta))"
)


def _reading_put_right(work: str, end: int) -> tuple[re.Match[str], re.Match[str]] | None:
    """The slip's words after a reading and the reading said instead, when the reading is
    taken back at once ("km 198.020 eh ralat 198.200", "km 201.500 eh maksudnya 201.050");
    never a value refused after it ("km 150.300 bukan 150.030": the first stands)."""
    gap = _TAKEN_BACK_RE.match(work, end) or _MEANT_ONLY_RE.match(work, end)
    if gap is not None and re.search(r"\b(?:bukan|bkn)[\s,.]*$", gap.group(0)):
        return None
    # "km 150.300 eh, 150.030 ding": a startled word alone, the new reading owned.
    slip = gap or _OOPS_ONLY_RE.match(work, end)
    again = _READING_AGAIN_RE.match(work, slip.end()) if slip else None
    if slip is None or again is None:
        return None
    if gap is None and not _OWNED_RE.match(work, again.end()):
        return None
    return slip, again


# "dari klaten ke jogja eh maksudnya dari jogja ke klaten", "klaten - jogja eh salah jogja -
# klaten": a route taken back at once for the one said after it; the first is no route,
# nor its "dari" a pickup. A bare "bukan" refuses what follows ("X ke Y bukan ..."): not one.
_ROUTE_SAID = (
    r"(?:(?:dari|dr|dri)\s+)?[a-z]+(?:\s+[a-z]+)?\s*(?:\s(?:ke|k|sampai|smp)\s|-+)\s*[a-z]+"
)
_ROUTE_TAKEN_BACK_RE = re.compile(
    rf"\b(?P<gone>{_ROUTE_SAID}(?:\s+[a-z]+)??)(?P<gap>{_TAKEN_BACK_RE.pattern})(?=\b{_ROUTE_SAID})"
)


def _route_taken_back(lower: str) -> tuple[int, int] | None:
    """Where the route taken back and the words taking it back are, if one is."""
    for m in _ROUTE_TAKEN_BACK_RE.finditer(lower):
        gap = m.group("gap")
        refused = re.search(r"\b(?:bukan|bkn)[\s,.]*$", gap) and not re.search(
            rf"\b(?:{OOPS})\b", gap
        )
        if not refused:
            return m.start(), m.end()
    return None


# "2 jt an pak, pasnya 2.050.000", "sekitar 1jt lebih dikit, tepatnya 1.085.000": a rough
# figure, then the exact one said instead.
_EXACT_AFTER_RE = re.compile(
    r"(?:[\s,.-]*(?:an|lah|lebih|lbh|kurang|dikit|sedikit|pak|bu|mas|mbak|mba|min)\b)*"
    rf"[\s,.]*(?:{EXACTLY})[\s,.:]*"
)


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)


def _unsaid(lower: str, found: list[_S], slips: list[tuple[int, int]] | None = None) -> list[_S]:
    """The values of one kind said, less one taken back at once for the next ("3jt eh
    bukan, 2,5jt"). Each slip's words (the gap, and a "ding" owning the new value) go to
    `slips`: they put right a value of this message, not a record saved before."""
    kept: list[_S] = []
    for said, after in itertools.pairwise(found):
        gap = lower[said.end : after.start]
        # "2jt bukan 3jt" refuses the second; "tanggal 5 eh bukan tanggal 6" takes the
        # first back, startled.
        rejected = re.search(r"\b(?:bukan|bkn)[\s,.]*$", gap) is not None and not re.search(
            rf"\b(?:{OOPS})\b", gap
        )
        slip = bool(_TAKEN_BACK_RE.fullmatch(gap)) and not rejected
        meant = (_MEANT_ONLY_RE.fullmatch(gap) or _EXACT_AFTER_RE.fullmatch(gap)) is not None
        owning = _OWNED_RE.match(lower, after.end)
        # "tanggal 20 eh tanggal 21", "jam 5 eh jam 6": the value said again with its own
        # word, after a startled word alone, is meant instead.
        lead = re.match(r"[a-z]+\b", lower[said.start : said.end])
        again = lead is not None and lower.startswith(lead.group(), after.start)
        owned = bool(_OOPS_ONLY_RE.fullmatch(gap)) and (bool(owning) or again)
        if not (slip or meant or owned):
            kept.append(said)
        elif slips is not None:
            slips.append((said.end, owning.end() if owning else after.start))
    return kept + found[-1:]


def _dates_unsaid(
    lower: str,
    found: list[dates.DateMention],
    slips: list[tuple[int, int]],
    said_again: dict[int, int] | None = None,
) -> list[dates.DateMention]:
    """The dates said (in the finder's order), less one taken back; a day said alone for it
    keeps its month ("tgl 26 feb eh salah, tgl 27": 27 February)."""
    in_order = sorted(found, key=lambda d: d.start)
    kept = _unsaid(lower, in_order, slips)
    # "..., tgl 5, 1 hari. 4,8jt. tgl 5 eh salah tgl 6 ding": the day taken back was said
    # before too; said earlier, it is taken back all the same.
    gone_at = {d.date: d.start for d in in_order[:-1] if d not in kept}
    kept = [d for d in kept if not (d.date in gone_at and d.start < gone_at[d.date])]
    meant: dict[int, dates.DateMention] = {}
    for gone, new in itertools.pairwise(in_order):
        if gone in kept:
            continue
        meant[new.start] = new
        if said_again is not None:
            said_again[new.start] = said_again.get(gone.start, gone.start)
        if new.day_only and not (gone.day_only or gone.relative or gone.vague):
            day = dates.safe_date(gone.date.year, gone.date.month, new.date.day)
            meant[new.start] = replace(new, date=day or new.date, day_only=day is None)
    return [meant.get(d.start, d) for d in found if d in kept]


# "ac srikandi ga dingin", "rem arjuna bunyi": a part of a bus, then a word of no rule,
# then what is wrong with it: that word is the bus's name (known to the fleet, the name
# is found anyway). Not a part's place or kind ("ban serep kempes", "lampu sein mati").
_PART_OF_NAMED_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(names.PARTS))})(?:nya)?"
    # "ban depan srikandi", "kaca samping kiri arjuna": where on the bus, then its name.
    r"(?:\s+(?:kiri|kanan|depan|dpn|belakang|blkg|tengah|samping|atas|bawah|serep|cadangan)){0,2}"
    r"\s+(?P<name>[a-z]{3,})\s+"
)
_PART_QUALIFIERS = words(
    """kiri kanan depan belakang blkg dpn tengah serep serap cadangan sein utama kabut dalam
    kabin tangan gardan transmisi persneling power steering samping atas bawah
    agak rada makin kok sering suka kadang terus trus juga jg lagi sedikit dikit kurang masih
    msh mulai sempet sempat kayak kayaknya kyk kyknya sepertinya tiba mendadak malah kadang2
    selalu tetep tetap sekarang skrg tambah rodo rodok radak ora gak ga nggak wis wes udah udh
    luwih saya"""
)


# A part's repair said right after the bus named: "ban depan srikandi ganti dua, habis
# 3,2jt", "kaca samping arjuna diganti 1,2jt".
_PART_REPAIRED_RE = re.compile(
    r"(?:(?:udh|udah|sudah|sdh|baru)\s+)?(?:ganti|diganti|gnti|dibenerin|diperbaiki|dilas"
    r"|dicat|dipasang|ditambal|diservis)\b"
)


def _bus_of_part(text: str, work: str) -> list[BusMention]:
    """The bus named by its name right after a part reported wrong or repaired, as the
    only bus."""
    for m in _PART_OF_NAMED_RE.finditer(work):
        name = m.group("name")
        # ("ban serepnya wis dipasang": the spare's own "-nya".)
        if name.removesuffix("nya") in _PART_QUALIFIERS or name in NOT_A_BUS_NAME:
            continue  # "AC kantor mati": the office's, no bus
        if not names.could_be_first_name(name) or PROBLEM_RE.match(work, m.start("name")):
            continue  # "ban bocor ganti serep": what is wrong, no bus
        if PROBLEM_RE.match(work, m.end()) or _PART_REPAIRED_RE.match(work, m.end()):
            return [
                BusMention(m.start("name"), m.end("name"), text[m.start("name") : m.end("name")])
            ]
    return []


_STREET_BEFORE_RE = re.compile(r"\b(?:jl|jln|gg)\.\s*$")  # ("jln bu sri": her trip)


def _teammate(name: str, team: tuple[str, ...]) -> bool:
    """ "pak budi", "mbak sari": one of the PO's own people by title and first name."""
    said = name.lower().split()
    return len(said) == 2 and said[0] in ("pak", "bu", "mbak", "mas") and said[1] in team


def of_the_team(found: Found, person: names.NameMention) -> bool:
    """ "eh bentar, pak budi maunya 5jt": one of the PO's own people saying what they want
    (the owner, who decides), never a client; "eh salah, pak slamet 2,5jt" may be a client
    who shares a driver's first name."""
    return (
        _teammate(person.text, found.team)
        and _DECIDES_RE.match(found.lower, person.end) is not None
    )


_DECIDES_RE = re.compile(
    r"\s+(?:td\s+|tadi\s+|barusan\s+)?(?:(?:wa|chat|telp|telpon|sms)\s+)?(?:maunya|mintanya"
    r"|maune|bilang|blg|katanya|minta|pengen|pinginnya|ngomong|ngendika|dawuh|nyuruh"
    # ("..., deal 4jt, pak budi udh oke": the owner agreeing.)
    r"|(?:udh|udah|sudah|sdh|wis|wes)\s+(?:oke|ok|acc|setuju))\b"
)


def _bus_taken(text: str, work: str, team: tuple[str, ...]) -> list[BusMention]:
    """ "srikandi dipake rombongan bu wiwik tgl 12": the word opening the message, of no
    rule, before a party's taking of it is the bus's name (known to the fleet, the name is
    found anyway); never one of the team ("joko dipake ...")."""
    m = TAKEN_NAMED_RE.match(work)
    if m is None or not TAKEN_BY_RE.search(work, m.end()):
        return []
    name = m.group("name")
    if name in NOT_A_BUS_NAME or name in team or not names.could_be_first_name(name):
        return []
    return [BusMention(m.start("name"), m.end("name"), text[m.start("name") : m.end("name")])]


# Words of a place of several words that name no place alone ("garuda" of "garuda wisnu
# kencana", "penida" of "nusa penida"): written as a name, capitalised, with the rest of
# the place nowhere in the message, the word is a bus's name ("isi solar Garuda 750rb",
# "Garuda masuk bengkel tgl 27"), no word of the rules.
_PLACE_PIECES = frozenset(w for p in MULTI_WORD_PLACES for w in p.split()) - PLACES


def _rule_word(name: str, text: str, lower: str, start: int) -> bool:
    """The word at `start` is one a rule looks for (coverage.KEYWORDS), not a bus's name."""
    # Every word a rule looks for, a filler or a place (coverage.py reads this module).
    from keloia.adapters.rules.coverage import KEYWORDS

    if name not in KEYWORDS:
        return False
    if name not in _PLACE_PIECES or not text[start].isupper():
        return True
    return any(name in p.split() and p in lower for p in MULTI_WORD_PLACES)


def _buses_in_slots(
    text: str, lower: str, work: str, team: tuple[str, ...], clients: tuple[str, ...], others: bool
) -> list[BusMention]:
    """A bus's name the fleet's names do not give, read where only a bus's name goes
    (`_BUS_SLOT_RE`); never one of the PO's people (`team`, their first names), nor a word
    read as something else already (`_rule_word`)."""
    found: list[BusMention] = []
    for m in _BUS_SLOT_RE.finditer(lower):
        group = next(g for g in _SLOTS if m.group(g) is not None)
        name = m.group(group)
        if not work[m.start(group) : m.end(group)].strip() or name in team:
            continue
        if name in _NOT_IN_SLOT or _rule_word(name, text, lower, m.start(group)):
            continue  # "busnya ganti lebih besar", "sewa harian": no bus's name
        if group in ("earned", "earner") and mentioned(name, clients) is not None:
            continue  # "untung yohanes bulan ini": the known client's trips
        if group == "swap" and not _BUS_BEFORE_RE.search(lower, 0, m.start()):
            continue  # "sopirnya ganti joko": the bus's own change only ("busnya diganti ...")
        work_named = fleet.find_work(lower[m.start(group) :])
        if name in names.PARTS or (work_named is not None and work_named[0] == 0):
            continue  # "bus 12 ganti alternator", "bus 6 ganti per daun": a part of the bus
        if names.could_be_first_name(name):
            found.append(
                BusMention(m.start(group), m.end(group), text[m.start(group) : m.end(group)])
            )
    opening = _OPENING_BUS_RE.match(lower)
    if opening and _DRIVER_CUE_RE.search(lower, opening.end()):
        opening = None  # "wahyu bsk kosong ga? mau tak suruh bawa arjuna": a person, told
    if opening and not found and not others and _FLEET_CUE_RE.search(lower, opening.end()):
        name = opening.group("name")
        free = work[opening.start("name") : opening.end("name")].strip()
        known = name in _NOT_IN_SLOT or name in team
        known = known or _rule_word(name, text, lower, opening.start("name"))
        known = known or mentioned(name, clients) is not None  # "hendra ...": Pak Hendra
        if free and not known and names.could_be_first_name(name):
            # "srikandi masuk bengkel tgl 27", "srikandi tgl 3 kosong kan?": a bus's news.
            found.append(
                BusMention(
                    opening.start("name"),
                    opening.end("name"),
                    text[opening.start("name") : opening.end("name")],
                )
            )
    return found


# The word opening a message ("lapor pak, srikandi ...", "td srikandi ...": the one spoken
# to set apart by a comma, "pak Gatot sewa ..." is a person) and a word of a
# bus's own matters after it (the workshop, its seats, its fuel, being free or sold).
_OPENING_BUS_RE = re.compile(
    r"^\W*(?:(?:lapor|info|td|tadi|barusan)\s+)?(?:(?:pak|bos|bu|mas|mbak)\s*,\s*)?"
    # ("mentas ngisi solar 450 ewu": Javanese "mentas", "nembe", just now.)
    r"(?:(?:td|tadi|barusan|mentas|mentes|nembe|lagek|lagi)\s+)?"
    r"(?P<name>[a-z]{3,15})(?:nya)?(?=[\s:,])"
)
# Being free or busy, said of a bus or of a teammate alike ("kosong ga?"); a bus's own
# matters (the workshop, its km, its seats) are no teammate's.
_FREE_CUE_RE = re.compile(r"\b(?:kosong|ksg|free|nganggur|available|ready|libur|longgar)\b")
_BUS_ONLY_CUE_RE = re.compile(
    r"\b(?:km|odo|odometer|bengkel|servis|service|mesin\w*|ban|oli|kursi\w*|seat|pensiun\w*"
    r"|dipensiunkan|didol|dijual|solar|mogok|rusak|spooring|plat|stnk|kir)\b"
)
_FLEET_CUE_RE = re.compile(
    r"\b(?:km|odo|odometer|bengkel|servis|service|mesin\w*|kosong|free|nganggur|ban|oli|kursi\w*|seat"
    r"|pensiun\w*|dipensiunkan|didol|dijual|solar|tol|parkir|mogok|rusak|spooring"
    r"|(?:bisa|bs)\s+jalan"
    # "srikandi skrg dmn? lg jalan atau di pool": where a bus is kept.
    r"|(?:di|dr|dari|ke)\s+(?:pool|pul|garasi|kandang))\b"
)

# What only a person is: told to do something, driving ("mau tak suruh bawa arjuna", "biar
# nyopir bus 02"). A bus "narik" or "jalan" as its driver does, so those say nothing.
_DRIVER_CUE_RE = re.compile(
    r"\b(?:suruh|nyuruh|disuruh|kusuruh|tak\s+suruh|nyopir|nyupir|nyetir|nyopiri|nyupiri)\b"
)


# A part of a bus, where it sits, and its fault, around the bus's name (`_BUS_SLOT_RE`).
_PART = (
    r"kaca|lampu|spion|wiper|ban|rem|ac|aki|kopling|klakson|radiator|pintu|jok|bodi|body|bemper"
    r"|bumper|knalpot|per|velg"
)
_PART_SIDE = r"depan|belakang|blkg|samping|kiri|kanan|sein|rem|kabin|dalam|luar|tengah"
_FAULT = (
    r"retak|pecah|mati|bocor|rusak|bunyi|blong|kempes|gembos|copot|lepas|patah|penyok|peyok"
    r"|baret|lecet|macet|ngadat|soak|putus|goyang|gundul|aus|rembes|ngebul|panas"
)


# Where only a bus's name goes: the odometer's ("odo srikandi 199.870", "srikandi km
# 199.870"), a bus renamed ("srikandi ganti nama jadi gatotkaca"), the bus hired ("mau sewa
# srikandi tgl 19") and the one a trip's bus is changed to ("busnya diganti srikandi").
_ODO = r"(?:odo|odometer|km|kilometer)(?:nya)?"
_EARNED = r"(?:untung|profit|laba|rugi)(?:nya)?"
_BUS_SLOT_RE = re.compile(
    rf"\b{_ODO}\s+(?:(?:akhir|terakhir|awal)\s+)?"
    r"(?P<name>[a-z]{3,15})\s+(?:[a-z]+\s+){0,2}?[:=]?\s*\d"
    rf"|^\W*(?P<first>[a-z]{{3,15}})\s+(?:[a-z]+\s+){{0,2}}?{_ODO}"
    r"\s*[:=]?\s*\d"
    r"|^\W*(?P<renamed>[a-z]{3,15})\s+(?:di)?(?:ganti|ubah|rubah)\s+nama"
    r"|\b(?:sewa|nyewa|menyewa|carter|charter|nyarter)\s+(?P<hire>[a-z]{3,15})\b(?![-'’])"
    r"|\b(?:di)?(?:ganti|tuker|tukar)(?:in)?(?:\s+(?:ke|pake|pakai|pk|dgn|dengan|jadi|jd))?"
    r"\s+(?P<swap>[a-z]{3,15})\b(?![-'’])"
    # "isi solar srikandi 1,3jt", "servis AC srikandi 2,4jt", "ganti oli srikandi tiap 12rb
    # km", "biaya bengkel srikandi bulan februari", "nyuci srikandi": the bus whose fuel or
    # work it is.
    r"|\b(?:solar|bbm|bensin|pertalite|dexlite|biaya\s+bengkel|oli|servis|service|nyuci|nyuciin)"
    # ("harga solar dex skrg": the fuel's grade, no bus.)
    r"(?:\s+(?:ac|rutin|berkala|besar|kecil))?\s+(?!(?:dex|dexlite|subsidi|industri|non)\b)"
    r"(?P<worked>[a-z]{3,15})\b(?![-'’])"
    # "profit srikandi di bulan oktober", "untung arjuna minggu ini brp": the bus whose
    # earnings are asked, a period or the question right after it.
    rf"|\b{_EARNED}\s+(?P<earned>[a-z]{{3,15}})"
    r"(?=\s+(?:(?:di|pada|selama|dlm|dalam)\s+)?(?:bulan|bln|minggu|tahun|thn|tgl|tanggal"
    r"|brp|berapa|kemarin|kmrn)\b|\s*\?)"
    # "arjuna bulan ini untung brp": the bus opening the question, its period perhaps next.
    r"|^\W*(?P<earner>[a-z]{3,15})\s+(?:(?:bulan|bln|minggu|mgg|tahun|thn)\s+"
    rf"(?:ini|lalu|kemarin|kemaren|kmrn|kmaren)\s+)?{_EARNED}\b"
    # "yg srikandi tgl 14 ganti bus 02": the trip named by the bus given up.
    r"|^\W*(?:yg|yang)\s+(?P<given_up>[a-z]{3,15})\b(?=.*\b(?:di)?(?:ganti|tuker|tukar)\b)"
    # "kaca depan arjuna retak", "lampu sein kiri srikandi mati": the bus whose part fails.
    rf"|\b(?:{_PART})(?:\s+(?:{_PART_SIDE}))*\s+(?P<part_of>[a-z]{{3,15}})"
    rf"(?=(?:\s+(?:udah|udh|sdh|agak|rada|kok|lg|lagi))?\s+(?:{_FAULT})\b)"
    # "1 bus pake gatotkaca", "busnya pakai srikandi", "busnya minta yg srikandi aja": the
    # bus a trip takes.
    r"|\b(?:bus|bis|busnya|bisnya|unit|armada|armadanya)\s+"
    r"(?:(?:pake|pakai|pk)(?:\s+(?:yg|yang))?|(?:minta|mintanya|maunya|mau|pengen|pgn|pingin)\s+(?:yg|yang))\s+"
    r"(?P<used>[a-z]{3,15})\b(?![-'’])"
    # "pake bus 01 bus 02 sm srikandi": the last of a list of buses, after two numbered ones
    # (after one, "bus 01 sm joko" is its driver).
    r"|\b(?:bus|bis)\s+\d{1,2}(?:\s*,\s*|\s+(?:sm|sama|dan|&)\s+|\s+)(?:bus|bis)\s+\d{1,2}"
    r"\s*,?\s*(?:sm|sama|dan|&|\+)\s+(?P<listed>[a-z]{3,15})\b(?![-'’])"
    # "pake srikandi sm bus 02": a word taken for the trip, listed with a numbered bus.
    r"|\b(?:pake|pakai|pk)\s+(?P<paired>[a-z]{3,15})\s*,?\s*(?:sm|sama|dan|&|\+)\s+"
    r"(?:bus|bis)\s+\d{1,2}\b"
)
_SLOTS = (
    *("name", "first", "renamed", "hire", "swap", "worked", "given_up", "part_of", "used"),
    *("listed", "paired", "earned", "earner"),
)
# A bus said before the change: "busnya", "bus pak agus", "bus 03 nya".
_BUS_BEFORE_RE = re.compile(r"\b(?:bus|bis|busnya|bisnya|armada|armadanya)\b")
_NOT_IN_SLOT = NOT_A_BUS_NAME | words(
    """akhir awal terakhir trakhir sekarang skrg kini saat pas waktu total medium big mini
    micro jumbo double decker vip lg lagi bus bis elf hiace mobil unit armada harian mingguan
    bulanan murah perusahaan usaha bersih kotor keseluruhan semua kami kita
    ping kaping kping kali kalih"""
)


# A trip word right before a person: "trip bu maria", "rombongan pak hendra".
# Money paid to the crew, the one it is paid to named next: "uang jalan cak Bayu", "premi
# pak Joko".
_CREW_PAID_BEFORE_RE = re.compile(
    r"\b(?:uang\s+jalan|uj|premi|gaji|upah|bonus|insentif)(?:\s+(?:sopir|supir|kernet))?\W*$"
)
_TRIP_WORD_BEFORE_RE = re.compile(
    r"\b(?:trip|tripnya|rombongan|rombongannya|rombongane|booking|bookingan|bookingnya)\s+$"
)


# Words as voice typing spells them, read as typed (the same length): "dipi" is DP, "tool"
# the toll.
_VOICE_SPELT = {"dipi": "dp", "dipinya": "dpnya", "tool": "tol"}
_VOICE_SPELT_RE = re.compile(rf"\b(?:{'|'.join(_VOICE_SPELT)})\b")


# A filler while the word is sought: "lapor eh apa namanya solar tadi ..." asks nothing,
# nor does "apa itu" said mid-sentence by voice ("mogok di klaten apa itu radiatornya
# bocor") in a message that asks nothing with a question mark.
_FILLER_RE = re.compile(
    r"\b(?<=eh )apa\s+(?:namanya|itu|ya)\b(?!\s*\?)"
    r"|(?<=[a-z] )apa\s+(?:namanya|itu)(?=\s+[a-z]{3,})(?![^?]*\?)"
)


def _as_typed(lower: str) -> str:
    lower = _FILLER_RE.sub(lambda m: " " * len(m.group()), lower)
    return _VOICE_SPELT_RE.sub(lambda m: _VOICE_SPELT[m.group()].ljust(len(m.group())), lower)


# Between two readings of two buses ("km bus 03 151.800, km bus 04 166.500"): a comma,
# "dan", "sama", "terus" or a new line, then the next bus and its reading.
_NEXT_READING_RE = re.compile(r"\s*(?:[,;\n]|\b(?:dan|sama|sm|trus|terus|sma)\b)[\s,]*")


_LISTED_READING_RE = re.compile(rf"{_in_full('listed', 5)}(?!\d|[.,]\d)")


def _more_readings(
    found: Found, work: str, km: re.Match[str], value: str, road_km: str, fleet: tuple[str, ...]
) -> str:
    """ "km bus 03 151.800, km bus 04 166.500", "bus 03 km 151.800, bus 04 km 166.500": the
    readings of more buses after the first, each with its own bus (found.more_km: where
    each is said and its km); a second km without a bus of its own is not read here."""
    prev_end = km.end()
    while True:
        readable = re.sub(road_km, lambda m: " " * len(m.group()), work)
        gap = _NEXT_READING_RE.match(readable, prev_end)
        if gap is None:
            break
        # The next bus may come before its "km" ("bus 04 km 166.500") or after it.
        named = "".join(f"|{re.escape(n)}" for n in fleet if n)
        ahead = re.compile(rf"(?:{_A_BUS}{named})\b\s*").match(readable, gap.end())
        at = ahead.end() if ahead else gap.end()
        again = ODOMETER_RE.match(readable, at)
        if again is None and ahead is not None:
            # "km: bus 01 213.600, bus 03 158.900": one "km" heads the list, each bus
            # followed by its reading alone.
            again = _LISTED_READING_RE.match(readable, at)
        if again is None:
            break
        said = next(g for g in again.re.groupindex if again.group(g))
        if said not in ("km", "rb", "far", "farrb", "listed"):
            break
        if ahead is None and said not in ("far", "farrb"):
            break  # "km 120.000, km 120.500": no bus of its own
        if said in ("rb", "farrb"):
            reading = money.parse_amount(again.group(said), "rb")
        else:
            reading = int(again.group(said).replace(".", ""))
        if reading is None:
            break
        if not found.more_km:
            found.more_km.append((km.start(value), found.odometer_km or 0))
        found.more_km.append((again.start(said), reading))
        head = again.start() + 2 if said in ("far", "farrb") else again.end()
        work = mask(mask(work, again.start(), head), again.start(said), again.end())
        prev_end = again.end()
    return work


# A message's values are found twice as it is read (for its intent, then for the coverage
# check of the reading given out), from the same text and the same context object: the
# last is kept. A Found is never changed once made, so both readers may share it.
_last_found: list[tuple[str, ExtractionContext, Found]] = []


def _teammate_adds_bus(found: Found) -> bool:
    return bool(
        found.adds_bus
        and found.client is not None
        and found.team_member is not None
        and name_key(found.client.text) == name_key(found.team_member)
    )


# Agreed with, allowed by: "udh deal sm pak budi", "acc dr pak budi", "kata pak budi oke".
_AGREED_WITH_RE = re.compile(
    r"\b(?:deal|dil|sepakat|acc|oke|ok|setuju|disetujui|izin|ijin|persetujuan)\s+"
    r"(?:sm|sama|ama|dgn|dengan|karo|dr|dari|ke)\s+$"
    # "kata pak budi kernetnya joko", "jare pak budi ...": the owner's say-so reported.
    r"|(?:^|[,.]\s*)(?:kata|kt|jare|jarene|ceuk|menurut|mnrt|disuruh|suruhan|perintah)\s+$"
)


# Where a clause of what is left to pay opens, after the money paid: ", sisanya 2jt tf bca".
_REST_CLAUSE_RE = re.compile(
    # ("..., katane sisane ditf", "... cash. sisanya 10jt ditf": after a word or a full stop.)
    r"\s*(?:[,;]|\.(?=\s))\s*(?:(?:katanya|katane|ktnya|jare|terus|trus|trs)\s+)?"
    r"(?:sisa|sisanya|sisane)\b",
    re.S,
)
# The rest paid later: "..., sisanya tf bca besok", "sisane nyusul".
_REST_TO_COME_LATER_RE = re.compile(
    r"[^,.;\n]*\b(?:besok|bsk|sesuk|lusa|nanti|ntar|ngko|mengko|nyusul|belakangan"
    r"|minggu\s+depan|bulan\s+depan|pas\s+berangkat|pas\s+brgkt)\b"
)


def find_all(raw: str, context: ExtractionContext) -> Found:
    """Every value in the message, as the rules find them."""
    last = _last_found[:1]
    if last and last[0][1] is context and last[0][0] == raw:
        return last[0][2]
    found = _find_all(raw, context)
    _last_found[:] = [(raw, context, found)]
    return found


# A chat pasted with its stamps: "[30/11 09.12] Bu Yanti: ...", "[30/11/26, 09:12] ...",
# "30/11/2026 09.12 - Bu Yanti: ...": when it was typed is no day or hour of the trip.
_STAMP = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?,?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?"
_PASTED_STAMP_RE = re.compile(rf"\[{_STAMP}\]|(?m:^\s*{_STAMP}(?:\s*-)?)")


def _find_all(raw: str, context: ExtractionContext) -> Found:
    text = ARROWS_RE.sub(" - ", raw.replace("\r", ""))
    text = _PASTED_STAMP_RE.sub(lambda m: " " * len(m.group()), text)
    lower = _as_typed(money.in_figures(lower_keep_offsets(text)))
    team = tuple(name_key(n).split()[0] for n in context.team_names if name_key(n).split())
    found = Found(text=text, lower=lower, today=context.today, team=team)
    work = lower
    if (route_gone := _route_taken_back(lower)) is not None:
        work = mask(work, *route_gone)
        found.slips.append(route_gone)

    found.phones = phones.find_phones(text)
    for p in found.phones:
        work = mask(work, p.start, p.end)
    found.new_bus = find_new_bus(text, work)
    found.adds_bus = found.new_bus != NewBus()
    for start, end in found.new_bus.spans:
        work = mask(work, start, end)
    if not found.adds_bus:
        found.bus_edit = find_bus_edit(text, work)
        for start, end in found.bus_edit.spans:
            work = mask(work, start, end)
    m = NOTES_RE.search(work)
    if m:
        found.notes = text[m.start(1) : m.end(1)].strip() or None
        trip_day = TRIP_DAY_IN_NOTE_RE.search(work, m.start(1), m.end(1))
        if trip_day is None:
            work = mask(work, m.start(), m.end())
        else:
            work = mask(mask(work, m.start(), trip_day.start()), trip_day.end(), m.end())
    added = ADDED_PEOPLE_RE.search(work)
    if added and added.group("total"):
        found.passengers = int(added.group("total"))
        work = mask(work, added.start(), added.end())
    # "nambah 10 org" alone stays unread (how many more, never how many in all).
    summed = head_count(work) if added is None else None
    if summed is not None and summed[3] > 1 and 0 < summed[0] <= 2000:
        # "pesertane nambah jd 60 siswa + 4 guru": the parts added up, 64.
        found.passengers = summed[0]
        work = mask(work, summed[1], summed[2])
    pm = PASSENGERS_RE.search(mask(work, added.start(), added.end()) if added else work)
    if pm and found.passengers is None:
        found.passengers = int(pm.group(1) or pm.group(2) or pm.group(3))
        if found.passengers < 1 or found.passengers > 2000:
            found.passengers = None
        work = mask(work, pm.start(), pm.end())
    if found.passengers is None and added is None and (counted := head_count(work)) is not None:
        # One small count alone is rather a part of the party than all of it.
        big = counted[0] >= 10 or counted[3] > 1
        found.passengers = counted[0] if big and counted[0] <= 2000 else None
        work = mask(work, counted[1], counted[2])
    # "jemputnya ga jadi di balai desa, pindah ke masjid al ikhlas": the new place only.
    pk = PICKUP_INSTEAD_RE.search(work) or PICKUP_RE.search(work)
    if pk is None or not (pk.group(1) or "").strip(" ,"):
        # "jemputnya dimundurin jadi jam 7 ... terus tempatnya di depan kantor kecamatan":
        # the pickup talked of, its place said after "tempatnya".
        pk = (_PICKUP_WORD_RE.search(work) and _PICKUP_PLACE_SAID_RE.search(work)) or pk
    # A reading after "km" first ("ganti oli 850rb km 135.200" is 135.200 km); one before
    # it only when there is none.
    # "rest area km 695", "tol km 120": where on the toll road, never the bus's reading (a
    # local pattern: its words explain no message to the coverage check).
    road_km = r"\b(?:rest\s*area|rest|tol)\s+km\s*\d{1,3}(?![\d.,])"
    readable = re.sub(road_km, lambda m: " " * len(m.group()), work)
    # "km bus 04 ... 166 rb 500" as voice typing writes a reading: read as 166.500, padded
    # to the same length so the spans found in `readable` still mask `work`.
    readable = _SPOKEN_THOUSANDS_RE.sub(
        lambda m: m["lead"] + f"{m['k']}.{m['r']}".ljust(len(m.group()) - len(m["lead"])),
        readable,
    )
    km = ODOMETER_RE.search(readable) or next(
        (
            m
            for m in ODOMETER_BEFORE_RE.finditer(readable)
            if not NOT_A_READING_RE.search(work[: m.start()])
        ),
        None,
    )
    meter = km is not None and re.match(r"(?:spido|spedo|speedo|odo)", km.group(0)) is not None
    if km and meter and _METER_WORKED_ON_RE.search(readable, max(0, km.start() - 20), km.start()):
        km = None  # "ganti spidometer bus 01 450rb": the meter itself repaired, no reading
    if km:
        value = next(g for g in km.re.groupindex if km.group(g))
        if value in ("rb", "farrb", "prerb"):
            found.odometer_km = money.parse_amount(km.group(value), "rb")
        else:
            found.odometer_km = int(km.group(value).replace(".", ""))
        found.odometer_unit_after = value in ("pre", "prerb")
        # The words between "km" and a far reading ("bus 03") are left to the other finders.
        head = km.start() + 2 if value in ("far", "farrb", "fix") else km.end()
        work = mask(mask(work, km.start(), head), km.start(value), km.end())
        if value in ("pre", "prerb") and SERVICE_WORD_RE.search(work[: km.start()]):
            # "servis 10rb km": the 10.000-km service, whatever the bus's odometer says.
            found.service_km, found.odometer_km = found.odometer_km, None
        else:
            if value not in ("pre", "prerb", "fix"):
                # "km bus 03 151.800, km bus 04 166.500": the next buses' readings too.
                ours = tuple(n.lower() for n in context.bus_names)
                work = _more_readings(found, work, km, value, road_km, ours)
            if not found.more_km and (put_right := _reading_put_right(work, km.end())):
                gap, again = put_right
                found.odometer_km = (
                    money.parse_amount(again.group("rb"), "rb")
                    if again.group("rb")
                    else int(again.group("full").replace(".", ""))
                )
                owning = _OWNED_RE.match(work, again.end())
                found.slips.append((gap.start(), owning.end() if owning else gap.end()))
                work = mask(work, gap.start(), again.end())
    found.times = times.find_times(work)
    for t in found.times:
        work = mask(work, t.start, t.end)
    if pk:
        # "jemput di masjid agung jam 6 pagi": the place stops where the time starts.
        end = min(
            [t.start for t in found.times if pk.start(1) <= t.start < pk.end(1)] or [pk.end(1)]
        )
        found.pickup = _place(text, work, pk.start(1), end)
        street = _STREET_AFTER_RE.match(text, pk.start(1) + len(found.pickup or ""))
        if found.pickup and street and re.fullmatch(r"\w+(?:nya|ne|e)", found.pickup.lower()):
            # "jemput di sekolahnya, jl kemasan kotagede": the place named, then its street.
            found.pickup = f"{found.pickup}, {street[1].strip()}"
        if found.pickup and _NO_PLACE_END_RE.search(found.pickup.lower()):
            # "jemput sd muh senin jd jam 6": whose pickup, its day and its new time; no place
            found.pickup = None
        if found.pickup and re.match(r"(?:mana|mn)\b", found.pickup.lower()):
            found.pickup = None  # "jemputnya di mana ya?": where, asked
    place_span = (pk.start(1), pk.start(1) + len(found.pickup)) if pk and found.pickup else (0, 0)
    added = ADDED_BUSES_RE.search(work) or ASKED_MORE_BUSES_RE.search(work)
    if added:
        n = added.group("n") or "1"
        found.added_buses = _ADDED_WORDS.get(n) or int(n)
        # The count is masked; the verb stays, for the change it says.
        work = mask(work, added.start("what"), added.end())
    # "tgl 10 sampe 12 bus apa aja yg kosong", "tgl 28 sama 29 bus yg nganggur": the end of
    # a range of days, not a count; a count may still follow ("tgl 12 bus sama sopir yg
    # kosong siapa aja, butuh 3 bus").
    day_before = re.compile(
        r"(?:sampai|sampe|smp|hingga|s/?d|tgl|tanggal|-)\s*$"
        r"|\b(?:tgl|tanggal)\s*\d{1,2}\s+(?:dan|sama|sm|&)\s*$"
    )
    counts = list(BUS_COUNT_RE.finditer(work))
    bc = next((c for c in counts if not day_before.search(work[: c.start()])), None)
    bc = bc or (counts[0] if counts else None)
    range_end = bc and day_before.search(work[: bc.start()])
    # "booking 1 bus" is a count too (one bus, none named yet).
    count = bc and (NUMBER_WORDS.get(bc.group("n")) or int(bc.group("n")))
    if bc and count and 1 <= count <= 50 and not range_end:
        found.bus_count = count
        work = mask(work, bc.start(), bc.end())
    elif becomes := BUS_COUNT_BECOMES_RE.search(work):
        found.bus_count = int(becomes.group("n"))
        work = mask(work, becomes.start("n"), becomes.end("n"))
    elif (
        added
        and (total := _ADDED_THEN_TOTAL_RE.match(work, added.end()))
        and int(total.group("n")) > (found.added_buses or 0)
    ):
        # "nambah 1 bus lagi, jadi 4, harganya 62jt": the buses added, then how many now.
        found.bus_count = int(total.group("n"))
        work = mask(work, total.start("n"), total.end("n"))
    crew_driver: names.NameMention | None = None
    # ("pkk besok sopirnya slamet ya gantiin joko": who takes whose seat, said whole, comes
    # before a role word's change, whose "gantiin joko" would make Joko the new one.)
    stands_in = _stands_in_for(work, context.team_names)
    change = CREW_CHANGE_RE.search(work) or CREW_NAMED_FIRST_RE.search(work)
    if (
        change
        and stands_in
        and (change.group("who").strip() != work[slice(*stands_in[1])] or change.group("kernet"))
    ):
        stands_in = None  # "sopirnya slamet, kernetnya wahyu gantiin joko": the change said
    elif stands_in:
        change = None
    # "yaudah slamet yg nyopir pkk bsk" gives the trip named its driver (takes, below);
    # "bsk pkk wahyu yg nyopir, kernetnya slamet" says who drives within a change.
    takes = None if change or stands_in else _takes_trip(work, context)
    # ("bsk pkk wahyu yg nyopir, joko jadi kernet": the kernet given, the driver said too.)
    kernet_only = takes is not None and takes.group("kernet")
    drives = (
        None
        if change or stands_in or (takes and not kernet_only)
        else _said_to_drive(work, context.team_names)
    )
    if drives is not None:
        # "bsk pkk wahyu yg nyopir, kernetnya slamet": Wahyu is the driver.
        crew_driver = names.NameMention(drives[0], drives[1], text[drives[0] : drives[1]].title())
        work = mask(work, drives[0], drives[1])
    if stands_in is not None:
        # "slamet gantiin wahyu yg ke malang": Slamet takes Wahyu's seat on the trip Wahyu
        # is on (his place, driver or kernet, the assistant checks); Wahyu only says which.
        (start, end), (of_start, of_end) = stands_in
        crew_driver = names.NameMention(start, end, text[start:end].title())
        found.crew_of = text[of_start:of_end].title()
        work = mask(mask(work, start, end), of_start, of_end)
    if change and change.group("name") not in NOT_A_NAME:
        who = text[change.start("who") : change.end("who")].strip()
        # ("kernet e diganti mas bayu": the Suroboyoan "-e" written apart is the kernet's.)
        if re.fullmatch(rf"(?:{KERNET})\s*", change.group("role") + " "):
            found.kernet = text[change.start("name") : change.end("name")].title()
        else:
            crew_driver = names.NameMention(change.start("who"), change.end("who"), who)
        work = mask(work, change.start("who"), change.end("who"))
    if takes is not None:
        found.takes_trip = True
        # "yaudah joko yg ke malang", "ok slamet jd kernet pak hendra": a teammate given the
        # trip named after him (its client, day or where it goes), driver or kernet.
        if takes.group("kernet") or takes.group("kernet_of"):
            found.kernet = text[takes.start("who") : takes.end("who")].title()
        else:
            who = text[takes.start("who") : takes.end("who")].strip()
            crew_driver = names.NameMention(takes.start("who"), takes.end("who"), who)
        work = mask(work, takes.start("who"), takes.end("who"))
    made = _MADE_KERNET_RE.search(work) if found.kernet is None else None
    firsts = {name_key(n).split()[0] for n in context.team_names if name_key(n)}
    if made and made.group("name") in firsts:
        # "sopir pak hendra ganti joko ya, wahyu jd kernet aja": Wahyu made the kernet.
        found.kernet = text[made.start("name") : made.end("name")].title()
        work = mask(work, made.start(), made.end())
    # "kernetnya bsk sapa": a word of the talk ("bsk", "td") is nobody's name.
    kern = KERNET_RE.search(work) if found.kernet is None else None
    if kern and (whose := _crew_after_client(work, kern, context.team_names)) is not None:
        # "kernet pak hendra slamet": the trip of Pak Hendra (left to the name finder as the
        # client), its kernet Slamet.
        found.kernet = text[whose[0] : whose[1]].title()
        work = mask(work, whose[0], whose[1])
    elif kern and (pair := _crewmate_then_kernet(work, kern, context.team_names)) is not None:
        # "kernet joko slamet": the trip Joko is on (he drives it, or Slamet takes his place
        # as kernet), its kernet Slamet; Joko only says which trip, never its new driver.
        first, second = pair
        found.crew_of = text[first[0] : first[1]].title()
        found.kernet = text[second[0] : second[1]].title()
        work = mask(work, kern.start(), second[1])
    elif kern and _whose_crew_asked(lower, kern, context.team_names):
        pass  # "kernet pak hendra siapa", "kernetnya pkk sapa": whose trip, left as the client
    elif kern and _clients_crew(kern, context):
        pass  # "kernet pak hendra mau diganti": whose trip's kernet changes, the client
    elif (
        kern
        and kern.group("name") not in NOT_A_NAME | STOP_WORDS
        # "wahyu kernet pkk": the kernet of the PKK's trip, no kernet named PKK.
        and not names.ORG_RE.fullmatch(kern.group("name"))
    ):
        found.kernet = text[kern.start("name") : kern.end("name")].strip().title()
        work = mask(work, kern.start(), kern.end())
    number = BUS_NUMBER_CHANGE_RE.search(work)
    bus_number: BusMention | None = None
    if number:
        bus_number = BusMention(
            number.start("num"), number.end("num"), "bus " + number.group("num")
        )
        work = mask(work, number.start("num"), number.end("num"))
    found.dates = dates.find_dates(work, context.today)
    for d in found.dates:
        work = mask(work, d.start, d.end)
    found.dates = _dates_unsaid(lower, found.dates, found.slips, found.said_again)
    found.money = money.find_money(work)
    for mo in found.money:
        work = mask(work, mo.start, mo.end)
    short = find_short_amounts(work)
    found.money = sorted([*found.money, *short], key=lambda mo: mo.start)
    found.money = _unsaid(lower, found.money, found.slips)
    found.slips += costs_taken_back(lower, found.money)
    for mo in short:
        work = mask(work, mo.start, mo.end)
    found.fleet = tuple(n.lower() for n in context.bus_names)
    found.clients = context.client_names
    found.buses = find_buses(text, work, context.bus_names, context.client_names)
    found.buses = found.buses or _bus_of_part(text, work) or _bus_taken(text, work, team)
    slotted = [
        b
        for b in _buses_in_slots(text, lower, work, team, context.client_names, bool(found.buses))
        if not any(f.start <= b.start < f.end for f in found.buses)  # the fleet's, read
    ]
    found.buses = sorted([*found.buses, *slotted], key=lambda b: b.start)
    opening = _OPENING_BUS_RE.match(lower)
    if (
        opening
        and not context.team_names
        and not context.bus_names
        and any(b.start == opening.start("name") for b in slotted)
        and _FREE_CUE_RE.search(lower, opening.end())
        and not _BUS_ONLY_CUE_RE.search(lower, opening.end())
    ):
        found.bus_or_person = opening.group("name")
    if bus_number is not None:
        found.buses = sorted([*found.buses, bus_number], key=lambda b: b.start)
    for b in found.buses:
        work = mask(work, b.start, b.end)
    found.buses = _unsaid(lower, found.buses, found.slips)
    added_after = [b for b in found.buses if _ADD_VERB_AFTER_RE.match(lower, b.end)]
    if found.added_buses is None and len(added_after) == 1 and not found.bus_count:
        # "srikandi ditambahin buat bu dewi, bus 04 tetep": that bus joins the booking; a bus
        # said to stay is no change of it.
        staying = [b for b in found.buses if _KEPT_AFTER_RE.match(lower, b.end)]
        found.buses = [b for b in found.buses if b not in staying]
    if (
        found.added_buses is None
        and not found.adds_bus
        and not found.bus_count
        and len({b.text.lower() for b in found.buses}) == 1
        and (
            _ADD_VERB_END_RE.search(lower[: found.buses[0].start])
            or _ADD_VERB_AFTER_RE.match(lower, found.buses[0].end)
        )
    ):
        # "pak hendra nambah bus 03": that bus joins the ones the booking has, never
        # takes their place (one bus named; "tambah bus 01 sama bus 03" lists them).
        found.added_buses = 1

    # A place is nobody's name: "jemput di masjid agung", "di bengkel pak man".
    found.workshop = fleet.find_workshop(text, work)
    unplaced = mask(work, *place_span)
    if found.workshop is not None:
        unplaced = mask(unplaced, found.workshop[0], found.workshop[1])
    # "lg ditambal, rombongan pkk aman": the group said to be fine is no client named.
    for span in names.reassured(unplaced):
        unplaced = mask(unplaced, *span)
        work = mask(work, *span)
    people = names.find_organisations(text, unplaced) + names.find_people(text, unplaced)
    # "jemput di jl. ibu ruswo", "Jl. Mas Mansyur": a street named after someone.
    people = [
        p for p in people if not _STREET_BEFORE_RE.search(lower, max(0, p.start - 8), p.start)
    ]
    people.sort(key=lambda n: n.start)
    kept: list[names.NameMention] = []
    for person in people:  # an organisation may contain an honorific word: keep the outer
        if not any(k.start <= person.start < k.end for k in kept):
            kept.append(person)
    kept = [_known_head(text, person, context.client_names) for person in kept]
    kept = [_with_family(text, lower, person) for person in kept]
    # "ada rombongan gereja HKBP ... an Amang Sitorus 0813...": whose name the booking is
    # in ("an", "atas nama") is its client, before the group it is for.
    kept.sort(key=lambda p: not _BOOKED_IN_NAME_RE.search(lower, 0, p.start))
    kept = [_before_teammate(text, person, context) for person in kept]
    # "pagi pak budi, ...": whom the message greets is its reader, never a client.
    kept = [p for p in kept if not _greeted(found, p, context)]
    # "ganti bis satu aja pak budi minta bis dua mau diservis": one of the PO's people who
    # asked for the change is neither whose trip it is nor its crew.
    for asker in [p for p in kept if _asked_by_teammate(lower, p, context)]:
        kept.remove(asker)
        work = mask(work, asker.start, asker.end)
    closing = [
        p
        for p in kept
        if (_ASKER_CLOSING_RE.match(lower, p.end) and re.search(r"[,.;]\s*$", lower[: p.start]))
        # ("pkk sesuk jemput e jam 5 wae, jare bu rt ben ora macet": who said so.)
        or _SAID_BY_BEFORE_RE.search(lower[: p.start])
    ]
    unasked = mask(work, closing[0].start, closing[0].end) if closing else work
    if (
        len(kept) == 1
        and closing
        and names.find_known_client(unasked, context.client_names, context.team_names)
    ):
        # "pkk sesuk jemput e dimajukan jam 5 yo, bu lurah njaluk": who asked for the
        # change, said closing it; the trip is of a client the PO has, named before.
        kept.remove(closing[0])
        work = unasked
    if not kept:
        behalf = names.find_on_behalf(text, work)
        if behalf is not None:
            kept.append(behalf)
    if not kept:
        known = names.find_known_client(work, context.client_names, context.team_names)
        if known is not None:
            kept.append(known)
    if not kept:
        leading = names.find_leading_name(text)
        if leading is not None and leading.end <= len(work) and work[leading.start].strip():
            kept.append(leading)
    if not kept:
        by_trip = names.find_trip_client(text, unplaced)
        if by_trip is not None:
            kept.append(by_trip)
    found.people = kept
    found.team_member = _team_member(work, kept, context.team_names)
    if not context.team_names and not kept:
        found.team_member = _told_by_name(text, work)
    bare = BARE_DRIVER_RE.search(work)
    bare_driver: names.NameMention | None = None
    if (
        bare
        and bare.group("name") not in NOT_A_NAME | STOP_WORDS
        and not any(p.start <= bare.start("name") < p.end for p in kept)
    ):
        bare_driver = names.NameMention(
            bare.start("name"),
            bare.end("name"),
            text[bare.start("name") : bare.end("name")].title(),
        )
    driver_talk = DRIVER_WORD_RE.search(lower)
    found.driver = crew_driver  # named after the change word: everyone else is a client
    for person in kept:
        before = work[max(0, person.start - 30) : person.start]
        if re.search(r"\b(?:jangan|jgn|bukan|bkn)\W*$", before):
            continue  # "jangan pak Udin, pake pak Karyo": the refused one is nobody's role
        if _SLIP_AFTER_RE.match(lower, person.end) and any(p.start > person.end for p in kept):
            continue  # "trip pak agus eh bukan maksudnya trip pt sinar abadi": the one after
        if _AGREED_WITH_RE.search(before) and _team_member(
            person.text.lower(), [], context.team_names
        ):
            continue  # "udh deal sm pak budi": agreed with the owner, no client of his
        # "penginapan sopir 400rb, rombongan sdit salsabila": the party is the client.
        party = PARTY_BEFORE_RE.search(before)
        if found.driver is None and (
            (DRIVER_MARK_RE.search(before) and not party)
            or (
                DRIVES_AFTER_RE.match(work, person.end)
                and _team_member(person.text.lower(), [], context.team_names) is not None
            )
            or (WITH_MARK_RE.search(before) and _bus_just_before(found.buses, person.start, work))
            or (
                driver_talk is not None
                and driver_talk.start() < person.start
                and CHANGE_BEFORE_RE.search(before)
            )
        ):
            found.driver = person
        elif found.client is None and not (
            found.driver is not None
            and crew_driver is None
            and found.driver.start < person.start
            and (DRIVER_MARK_RE.search(before) or KERNET_MARK_RE.search(before))
        ):
            # "bus 01 sopir pak joko, bus 03 sopir pak slamet": a second crew member is
            # nobody's client (crew.py places each on a bus).
            found.client = person
    if found.driver is None and bare_driver is not None:
        found.driver = bare_driver
        work = mask(work, bare_driver.start, bare_driver.end)
    # "sopir bu dewi pak joko": whose trip first, then its driver.
    if (
        found.driver is not None
        and found.client is not None
        and found.client.start > found.driver.end
        and not found.text[found.driver.end : found.client.start].strip(" ,")
    ):
        found.driver, found.client = found.client, found.driver
    # "sopir bu dewi joko ya", "sopir bu dewi tgl 4 pake slamet": someone who is none of
    # the PO's people right after the driver word, one of them later: whose trip, then its
    # driver.
    if (
        found.driver is not None
        and found.client is None
        and crew_driver is None
        and found.driver in kept
        and not QUESTION_RE.search(lower)
        and _team_member(found.driver.text.lower(), [], context.team_names) is None
    ):
        later = _team_mention(text, work, kept, context.team_names, found.driver.end)
        if later is not None and not re.search(r"[,.;\n]", text[found.driver.end : later.start]):
            found.driver, found.client = later, found.driver
    # "sopir bu dewi tgl 4 pak slamet ya": whose trip after the role word, then one of the
    # PO's people: he drives it, she is the client.
    if (
        found.driver is not None
        and found.client is not None
        and found.client.start > found.driver.end
        and not re.search(r"[,.;\n]", text[found.driver.end : found.client.start])
        and _team_member(found.driver.text.lower(), [], context.team_names) is None
        and _team_member(found.client.text.lower(), [], context.team_names) is not None
        and not QUESTION_RE.search(lower)
    ):
        found.driver, found.client = found.client, found.driver
    # "supir pak joko sm pak slamet" (two of the PO's people joined after one role word):
    # the second is the other crew member (crew.py pairs them with the buses), nobody's
    # client, and the first stays the driver.
    if (
        found.driver is not None
        and found.client is not None
        and found.client.start > found.driver.end
        and PAIR_JOINER_RE.fullmatch(text[found.driver.end : found.client.start])
        and _team_member(found.driver.text.lower(), [], context.team_names) is not None
        and _team_member(found.client.text.lower(), [], context.team_names) is not None
    ):
        found.client = None
    # "sopir bu rina diganti mas Eko": the driver is the one after the change word.
    if found.driver is not None and found.client is not None:
        later = found.client if found.client.start > found.driver.start else None
        if later is not None and CHANGE_BEFORE_RE.search(
            work[max(0, later.start - 15) : later.start]
        ):
            found.driver, found.client = later, found.driver
    # "sopir bu dewi udh ada blm?", "sopir bu dewi siapa": asked of a trip, someone who is
    # none of the PO's people is whose trip it is, not its driver.
    if (
        found.driver is not None
        and found.client is None
        and found.driver in kept
        and context.team_names
        and QUESTION_RE.search(lower)
        and _team_member(found.driver.text.lower(), [], context.team_names) is None
    ):
        found.driver, found.client = None, found.driver
    # "sopirnya bu dewi mau diganti", "ganti sopir bu dewi": one of the PO's clients, none of
    # its people, after the driver word is whose trip's driver changes, not the new one.
    if (
        found.driver is not None
        and found.client is None
        and crew_driver is None
        and found.driver in kept
        and context.team_names
        and _team_member(found.driver.text.lower(), [], context.team_names) is None
        and mentioned(found.driver.text.lower(), context.client_names)
    ):
        found.driver, found.client = None, found.driver
    # "pak darto bsk gabisa katanya anaknya sakit, trip bu maria ganti sopir wahyu aja":
    # someone named before whose trip is named by a trip word is no client of it.
    # "Bu Yanti: Mbak, sy mau sewa bus ... buat rombongan arisan": who speaks in a pasted
    # chat is the client, the party she names hers.
    speaker = found.client is not None and re.match(r"\s*:", text[found.client.end :])
    if (
        found.client is not None
        and not speaker
        and not _TRIP_WORD_BEFORE_RE.search(
            work[max(0, found.client.start - 15) : found.client.start]
        )
    ):
        trip_of = [
            p
            for p in kept
            if p.start > found.client.end
            # "bu Sumi rombongan pengajian": who the client is, said in the same breath;
            # "uang jalan cak Bayu trip bu Wiwik": the crew paid, then whose trip.
            and (
                re.search(r"[,.;\n]", text[found.client.end : p.start])
                or _CREW_PAID_BEFORE_RE.search(
                    work[max(0, found.client.start - 20) : found.client.start]
                )
            )
            and p is not found.driver
            and _TRIP_WORD_BEFORE_RE.search(work[max(0, p.start - 15) : p.start])
        ]
        if len(trip_of) == 1:
            found.client = trip_of[0]
    # (A pattern of its own here, its words no keyword for coverage.)
    handed_to = re.compile(
        r"\b(?:tak|sy|saya|aku|ku|mau|arep|ngko|nanti|mengko)\s+(?:setor(?:in|ke|kan)?|serahin"
        r"|serahke|serahkan)\s+(?:ke\s+|nang\s+|neng\s+|marang\s+)?$"
    )
    if found.client is not None and handed_to.search(
        work[max(0, found.client.start - 25) : found.client.start]
    ):
        # "titip pelunasan 2,3jt cash neng aku, ngko tak setor mbak sari": the one the money
        # is handed on to, never whose payment it is.
        found.client = None
    if found.client is not None and of_the_team(found, found.client):
        # "pak budi wa katanya minimal 2,6jt": one of the PO's people passing word on, never
        # whose booking it is.
        found.client = None
    named = work  # the text before the names are blanked: a pickup place may hold one
    for person in kept:
        work = mask(work, person.start, person.end)

    # Marker words are gone from `work` only where a value sat, so the route finder still
    # sees "ke" and "dari".
    found.masked = work
    found.document_kind = first_listed(DOC_KIND_RES, lower)
    route_work = work
    before_trip = _BEFORE_TRIP_RE.search(work)
    if before_trip and (fleet.find_maintenance_type(work) or found.odometer_km is not None):
        # "ganti oli skalian sblm ke malang", "km bus 03 188.950 sblm brgkt ke jogja": the
        # bus readied for a trip, none booked here.
        route_work = mask(work, before_trip.start(), before_trip.end())
    route = routes.find_route(text, route_work)
    found.route = _crew_goes_there(lower, route, context.team_names)
    found.stops = [*found.route.via, *routes.find_stops(text, work)]
    found.places = routes.find_places(text, work)
    if found.route is not route:
        found.places = [(pos, name) for pos, name in found.places if pos != route.to_start]
    if found.pickup is None:
        found.pickup = (
            _pickup_from(found, named) or _pickup_closing(found, named) or _pickup_line(found)
        )
        if (
            found.client is not None
            and found.pickup
            and _WHERE_TO_MEET_RE.search(named[max(0, found.client.start - 8) : found.client.start])
        ):
            # "eh jemput e jam 6, ning masjid al huda": where the bus waits, nobody's booking.
            found.people = [p for p in found.people if p is not found.client]
            found.client = None
    # ("bu dewi dp 1jt cash, sisanya 2jt tf bca": the way the rest goes is not the DP's.)
    rest = _REST_CLAUSE_RE.search(lower)
    paid = lower[: rest.start()] if rest else ""
    own = payments.find_method(paid) if re.search(r"\d", paid) else None
    # ("bu dewi dp 1jt, sisanya tf bca besok": the way of the rest still to come is no way
    # of the DP's, which is not said.)
    to_come = rest is not None and _REST_TO_COME_LATER_RE.match(lower, rest.end())
    found.method = own or payments.find_method(paid if to_come else lower)
    ptype = payments.find_payment_type(lower)
    found.payment_type = ptype.value if ptype else None
    # "td sy cek pas manasin mesin": the engine warmed up, no work on it.
    worked = WARM_UP_RE.sub(lambda m: " " * len(m.group()), work)
    mtype = fleet.find_maintenance_type(worked)
    found.maintenance_type = mtype.value if mtype else None
    found.works = fleet.find_works(worked)
    status = fleet.find_bus_status(lower)
    found.bus_status = status.value if status else None
    found.other_off = _other_cannot(lower, _others(context))
    if not found.other_off and not context.team_names:
        # (With the PO's people known, another name is no teammate: "pak hendra tgl 24 ga
        # bisa" is a client's.)
        found.other_off_name = _unknown_cannot(lower)
    return found


# "oh iya joko ke bandung", "slamet kan udah ke solo": where one of the PO's people goes
# (the trip he already has), no destination of the trip talked about; "sopir joko ke
# bandung" still names the driver of a trip going there.
_GOES_THERE_RE = re.compile(
    r"\b(?P<who>[a-z]+)\s+(?:(?:kan|kn|lagi|lg|udah|udh|sudah|sdh|mau|tetep|tetap|jadi|jd)"
    r"\s+)*(?:ke|k|nang)\s+$"
)
_CREW_WORD_END_RE = re.compile(r"\b(?:sopir|supir|sopire|driver|kernet|kenek)(?:nya)?\s+$")


def _crew_goes_there(lower: str, route: routes.Route, team: tuple[str, ...]) -> routes.Route:
    if route.route_to is None or route.to_start < 0 or route.route_from is not None:
        return route
    said = _GOES_THERE_RE.search(lower[max(0, route.to_start - 40) : route.to_start])
    if said is None:
        return route
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    who_end = max(0, route.to_start - 40) + said.start("who")
    if said.group("who") not in firsts or _CREW_WORD_END_RE.search(lower[:who_end]):
        return route
    if _CREW_PAID_BEFORE_RE.search(lower[:who_end]):
        return route  # "uang jalan wahyu nang malang 1,5jt": the money of the trip there
    return replace(route, route_to=None, to_start=-1)


def _place(text: str, work: str, start: int, end: int) -> str | None:
    """The place written from `start`, up to `end` or to where the talk around it begins."""
    stop = PLACE_END_RE.search(work, start, end)
    place = text[start : stop.start() if stop else end].strip(" -:")
    return place[:100] or None


# "berangkat dr", "berangkat jam 4 subuh dr": the words before where the trip leaves from.
DEPART_FROM_RE = re.compile(
    r"\b(?:berangkat|brangkat|brgkt|brkt|jalan|start|jemput)(?:\s+[\w.]+){0,3}?\s*$"
)


_NO_PLACE_END_RE = re.compile(r"\b(?:jd|jadi|mundur|maju|diundur|dimajukan|minta|aja)$")


def _pickup_from(found: Found, work: str) -> str | None:
    """ "dr alun2 wonosari" apart from the destination: the pickup place; "dari jogja" that
    the route already took as where the trip starts is not, nor a person ("dari pak lurah":
    who paid or sent it). A school there ("dr sd 1 pakem") is the place, unless the client."""
    places: list[tuple[bool, str]] = []
    for m in re.finditer(r"\b(?:dari|dr|dri)\s", work):
        start = m.end()
        if re.search(r"\b(?:kami|kmi|sy|saya|aku|aq)\s+$", work[max(0, m.start() - 8) : m.start()]):
            continue  # "kami dari yayasan darul ulum": who writes, not where the bus waits
        person = next((p for p in found.people if p.start == start), None)
        if person is not None and (not person.organisation or person == found.client):
            continue
        if re.match(rf"(?:{HONORIFIC})\b", work[start:]):
            continue
        place = FROM_PLACE_RE.match(work, m.start())
        if place is None or start in (found.route.from_start, found.route.to_start):
            continue
        if NOT_A_PLACE_RE.match(work, start):
            continue
        value = _place(found.text, work, start, place.end("place"))
        if value and re.search(r"[a-z]{3}", value.lower()):
            departs = bool(DEPART_FROM_RE.search(work[max(0, m.start() - 40) : m.start()]))
            places.append((departs, value))
    # "berangkat dr balai desa sendangadi" names the pickup before any other "dr" ("sy
    # Ibu Lestari dr PKK Desa Sendangadi": where the client is from); a bare "berangkat
    # dr sekolah" points back at the school said before ("bu rina dari smp 2 mlati").
    named = [value for departs, value in places if departs and " " in value.strip()]
    if not found.route.route_to:
        # With no destination said, only a place the trip leaves from ("berangkat jam 4 dr
        # masjid ngaglik" answering for a waiting booking); a bare "dr X" is who or whence.
        return named[0] if named else None
    return named[0] if named else (places[0][1] if places else None)


_WHERE_TO_MEET_RE = re.compile(r"\b(?:di|neng|nang|ning)\s+$")
# "jemput sd muh kotagede jd jam 4 pagi ya, di masjid gedhe kotagede": a message about a
# pickup closing with where, after its time.
# ("eh jemput e jam 6 nggih, ning masjid al huda": an interjection first, Javanese "ning".)
_PICKUP_OPENING_RE = re.compile(
    r"^\W*(?:(?:eh|ehh|oh|oiya|oh\s+iya|terus|trus|trs)\W+)?(?:jemput|jemputnya|jemputan|penjemputan)\b"
)
_PLACE_CLOSING_RE = re.compile(r"[,.]\s*(?:di|neng|nang|ning)\s+(?P<place>[a-z0-9][^,\n.;?]*?)\W*$")


# A verb written apart from its "di" ("di tunggu", "di cek lagi", "di kabari"): no place.
_NOT_A_PLACE_HEAD_RE = re.compile(
    r"(?:tunggu|cek|kabar\w*|usaha\w*|konfirmasi\w*|sampai\w*|info\w*|update|bawa|catat"
    r"|ingat\w*|kirim|tagih|telp\w*|hubungi|kasih|jemput|antar|siap\w*|atur|urus)\b"
)


# A form's pickup line: "jemput: rumah pak rudi, perum griya taman asri blok c7, jam 05.00".
_PICKUP_LINE_RE = re.compile(
    r"^[ \t*_-]*(?:jemput|jemputan|penjemputan|titik\s+jemput|lokasi\s+jemput|titik\s+kumpul)"
    r"[ \t*_]*:[ \t]*(?P<place>[^\n]*?)[ \t,]*(?:(?:jam|jm|pukul|pkl)[ \t]*\d[^\n]*)?$",
    re.MULTILINE | re.IGNORECASE,
)


# A pickup line saying no place: a day, an hour, "menyusul", "-".
_NO_PLACE_YET_RE = re.compile(
    r"\W*(?:bsk|besok|lusa|tgl|tanggal|jam|pukul|menyusul|nyusul|tba|tbd|sda|belum|blm|nanti)\b",
    re.IGNORECASE,
)


def _pickup_line(found: Found) -> str | None:
    said = _PICKUP_LINE_RE.search(found.text)
    value = said["place"].strip(" ,.") if said else ""
    if _NO_PLACE_YET_RE.match(value) or not re.search(r"[a-zA-Z]{3}", value):
        return None
    return value[:120]


def _pickup_closing(found: Found, work: str) -> str | None:
    if not _PICKUP_OPENING_RE.match(work) or not found.times:
        return None
    said = _PLACE_CLOSING_RE.search(work)
    if said is None or said.start() < found.times[0].end:
        return None
    if _NOT_A_PLACE_HEAD_RE.match(work, said.start("place")):
        return None
    value = _place(found.text, work, said.start("place"), said.end("place"))
    return value if value and re.search(r"[a-z]{3}", value.lower()) else None


def _bus_just_before(buses: list[BusMention], pos: int, work: str) -> bool:
    return any(0 <= pos - b.end <= 8 for b in buses)


def text_before(found: Found, pos: int, width: int = 25) -> str:
    pos = found.said_again.get(pos, pos)
    return found.lower[max(0, pos - width) : pos]


# "srikandi buat karang taruna", "bus 03 dipake pak hendra": the bus, then whose trip it
# goes to.
_FOR_CLIENT_RE = re.compile(
    r"\s+(?:(?:ini|itu|aja|saja)\s+)?(?:buat|bwt|untuk|utk|dipake|dipakai|dipake\s+buat"
    r"|dipakai\s+untuk|ke|masuk\s+ke|pegang)\s+(?:(?:trip|tripnya|yg|yang)\s+)*$"
)


# "bus 03 ga jadi", "bus 03 nya dilepas", "kurangi bus 03": one bus of a trip given up. Not
# a day called off ("bus 02 ga jadi tgl 2, mundur tgl 5"), nor where it goes.
_DROPPED_AFTER_RE = re.compile(
    # ("yg bus 02 aja yg ga jadi": the one meant, then that it goes.)
    r"\s*(?:nya\s*)?(?:(?:aja|saja)\s+)?(?:(?:yg|yang)\s+)?"
    # (Javanese "bus 04 ra sido": not going.)
    r"(?:(?:ga|gak|gk|nggak|ngga|tidak|tdk|ndak|ora|ra)\s+(?:jadi|jd|dipake|dipakai|sido|sida)"
    r"|dilepas|dicoret|dikurangi|dikurangin|dibatalin|dibatalkan|dicancel)\b"
    r"(?!\s+(?:ke|kmn|kemana|masuk|brgkt|berangkat|jalan|diservis|servis|dicat|dijual|tgl"
    r"|tanggal|hari|hr|besok|bsk|lusa|jam|minggu|bulan|\d))"
)
# ("kurangi 1 bus yg bus 02": the count said, then which.)
_DROPPED_BEFORE_RE = re.compile(
    r"\b(?:kurangi|kurangin|lepas|lepasin|coret)\s+(?:(?:1|satu|se)\s*(?:bus|bis|unit)\s+)?"
    r"(?:(?:yg|yang)\s+)?$"
)
# A seat of the bus named, not the bus: "kernet bus 03 ga jadi".
_SEAT_BEFORE_RE = re.compile(r"\b(?:kernet|kenek|knek|sopir|supir|driver|kru)\w*\s*$")
# The trip named by its bus and called off: "yg pake bus 02 dibatalin".
_CANCELLED_RE = re.compile(r"dibatal|dicancel")
_TRIP_BY_ITS_BUS_RE = re.compile(r"\b(?:yg|yang)\s+(?:pake|pakai|naik)\s*$")
# The whole trip called off beside it: "bus 04 dicoret aja, batal semua".
_WHOLE_CANCEL_RE = re.compile(r"\b\w*batal\w*|\bcancel\w*|\bdicancel\b")


def called_off_after(found: Found, bus: BusMention) -> bool:
    """ "..., srikandi ga jd": the bus said given up right after it is named."""
    return _DROPPED_AFTER_RE.match(found.lower, bus.end) is not None


def dropped_bus(found: Found) -> BusMention | None:
    """The one bus named, said given up by its trip ("smp 1 mlati jd 2 bus aja, bus 03 ga
    jadi"); None when another bus is named (a swap), when a seat of it is meant, when the
    whole trip is called off, or when none is given up."""
    named = {b.text.lower() for b in found.buses}
    if len(named) != 1:
        return None
    for b in found.buses:
        after = _DROPPED_AFTER_RE.match(found.lower, b.end)
        client = found.client
        if after is None and client is not None and not found.lower[b.end : client.start].strip():
            # "bus 04 bu dewi ga jadi dipake": whose trip between the bus and its going.
            after = _DROPPED_AFTER_RE.match(found.lower, client.end)
        before = _DROPPED_BEFORE_RE.search(found.lower, 0, b.start)
        if not (after or before) or _SEAT_BEFORE_RE.search(found.lower, 0, b.start):
            continue
        cancelled = after is not None and _CANCELLED_RE.search(after.group()) is not None
        if cancelled and _TRIP_BY_ITS_BUS_RE.search(found.lower, 0, b.start):
            return None  # "pak hendra yg pake bus 02 dibatalin aja": the trip it names
        # "bus 04 dicoret aja, batal semua": the whole trip called off beside it.
        outside = found.lower[: b.start] + " " + found.lower[after.end() if after else b.end :]
        return None if _WHOLE_CANCEL_RE.search(outside) else b
    return None


def bus_for_client(found: Found) -> bool:
    client = found.client
    if client is None:
        return False
    return any(
        b.end <= client.start and _FOR_CLIENT_RE.fullmatch(found.lower, b.end, client.start)
        for b in found.buses
    )


# "tgl 30 des - 2 jan", "tgl 10 sampai 12": two days said as the ends of one stretch.
_SPAN_JOIN_RE = re.compile(r"\s*(?:-|–|sampai|sampe|smp|s\.?d\.?|hingga|sd)\s*(?:tgl\s+)?$")


def _span_said(found: Found) -> bool:
    if any(d.end_date not in (None, d.date) for d in found.dates):
        return True
    pairs = zip(found.dates, found.dates[1:], strict=False)
    return any(_SPAN_JOIN_RE.match(found.lower[a.end : b.start]) for a, b in pairs)


def signals(found: Found, context: ExtractionContext) -> Signals:
    return Signals(
        lower=found.lower,
        masked=found.masked,
        slips=tuple(found.slips),
        has_pending=context.pending is not None,
        n_dates=len(found.dates),
        has_span=_span_said(found),
        n_money=len(found.money),
        has_time=bool(found.times),
        has_route=bool(found.route.route_from or found.route.route_to),
        has_route_to=bool(found.route.route_to),
        has_bus=bool(found.buses),
        n_buses=len({b.text.lower() for b in found.buses}),
        has_phone=bool(found.phones),
        # ("pak budi beli bus baru, tolong ditambahin: ...": the owner who bought it.)
        has_client=found.client is not None and not _teammate_adds_bus(found),
        has_driver=found.driver is not None,
        has_method=found.method is not None,
        has_payment_type=found.payment_type is not None,
        has_maintenance_type=found.maintenance_type is not None,
        has_bus_status=found.bus_status is not None,
        has_notes=found.notes is not None,
        has_odometer=found.odometer_km is not None,
        has_kernet=found.kernet is not None,
        has_pickup=found.pickup is not None,
        has_added_buses=found.added_buses is not None,
        has_stops=bool(found.stops),
        has_passengers=found.passengers is not None,
        has_bus_count=found.bus_count is not None,
        has_team_member=found.team_member is not None,
        takes_trip=found.takes_trip,
        bus_for_client=bus_for_client(found),
        drops_bus=(found.client is not None or context.pending is not None)
        and dropped_bus(found) is not None,
        bus_called_off=any(called_off_after(found, b) for b in found.buses),
        adds_bus=found.adds_bus,
        edits_bus=bool(found.bus_edit),
        from_crew=context.role is Role.DRIVER,
        other_cannot=found.other_off,
        unknown_cannot=found.other_off_name is not None,
    )


def _others(context: ExtractionContext) -> tuple[str, ...]:
    """The PO's people but the sender: "joko izin bsk" from Joko is his own leave."""
    own = name_key(context.sender_name).split()[:1]
    return tuple(n for n in context.team_names if name_key(n).split()[:1] != own or not own)


# What may stand between the one who cannot and "ga bisa": a day, why, "katanya" ("joko
# sakit bsk ga bisa narik", "slamet katanya lg sakit ga bisa", "slamet hr ini ga bisa").
_BEFORE_CANNOT = (
    # ("joko tgl 24 des izin": the day with its month.)
    rf"(?:,?\s+(?:tgl|tanggal)\s+\d{{1,2}}(?:\s+{dates.MONTH_RE})?|,?\s+(?:{TOMORROW}|{TODAY}|skrg|sekarang|lusa"
    r"|katanya|ktnya|lagi|lg|sakit"
    # "joko bilang dia ga bisa tgl 20": his word passed on.
    r"|bilang|blg|ngomong|ngabarin|dia|katanya\s+dia|kalo|klo|kalau"
    r"|izin|ijin|mendadak|juga|jg))*,?"
)


def _off_said(work: str) -> Iterator[re.Match[str]]:
    """Where someone is said off: "ga bisa", "izin", "ga masuk", "sakit"."""
    return itertools.chain(
        DECLINE_RE.finditer(work), DAY_OFF_RE.finditer(work), not_in(work), SICK_RE.finditer(work)
    )


def _other_cannot(work: str, team: tuple[str, ...]) -> bool:
    """One of the PO's people is the subject of "ga bisa", "izin" or "ga masuk": his first
    name (a title, a day or why may stand between) right before it ("wahyu ga bisa narik",
    "pak joko tgl 4 ga bisa", "joko izin tgl 4", "joko sakit bsk ga bisa", "joko ga masuk
    besok", "joko sakit")."""
    for said in _off_said(work):
        before = work[max(0, said.start() - 40) : said.start()]
        for name in team:
            first = name_key(name).split()[0] if name_key(name).split() else ""
            if len(first) >= 3 and re.search(
                rf"\b{re.escape(first)}\b{_BEFORE_CANNOT}\s*$",
                before,
            ):
                return True
    return False


# A first name opening a clause, right before what he cannot do ("joko izin tgl 8", "si
# joko tgl 3 ga masuk"), when it is no teammate the reader knows.
_OPENING_NAME_RE = re.compile(
    # ("tgl 5 feb joko izin kondangan": the day may open the clause.)
    rf"(?:^|[.,;!?\n])\s*(?:(?:tgl|tanggal)\s+\d{{1,2}}(?:\s+{dates.MONTH_RE})?\s+"
    # ("sabtu ieu cecep ga bisa", "besok joko izin": a day word may too.)
    r"|(?:besok|bsk|lusa|senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad)"
    r"(?:\s+(?:ini|ieu|iki|depan|dpn|ngarep))?\s+)?"
    rf"(?:(?:si|{HONORIFIC})\s+)?(?P<name>[a-z]{{3,15}}){_BEFORE_CANNOT}\s*$"
)


def _unknown_cannot(work: str) -> str | None:
    """The first name of someone said to be off who is none of the PO's people the reader
    knows (none may be known: the command line, a labelled set): "joko izin tgl 8" from
    the admin. Not a part of a bus ("acnya ga bisa dingin") nor a word of the rules."""
    for said in _off_said(work):
        m = _OPENING_NAME_RE.search(work, 0, said.start())
        if m is None:
            continue
        name = m.group("name")
        if names.could_be_first_name(name) and not name.endswith(("nya", "ne")):
            return name
    return None


def _team_mention(
    text: str, work: str, people: list[names.NameMention], team: tuple[str, ...], after: int
) -> names.NameMention | None:
    """The first of the PO's people named by first name after `after`, outside every
    name found: "sopir bu dewi tgl 4 pake *slamet*"."""
    firsts = [name_key(n).split()[0] for n in team if name_key(n).split()]
    spots = [
        m
        for first in firsts
        if len(first) >= 3
        for m in re.finditer(rf"\b{re.escape(first)}\b", work[after:])
    ]
    for m in sorted(spots, key=lambda m: m.start()):
        start, end = after + m.start(), after + m.end()
        if not any(p.start <= start < p.end for p in people):
            return names.NameMention(start, end, text[start:end].title())
    return None


_NEXT_WORD_RE = re.compile(r"\s+\S+")


# "an Amang Sitorus", "atas nama pak Heru": the name a booking is in.
_BOOKED_IN_NAME_RE = re.compile(r"(?:^|[\s,.])(?:an|a\.n\.?|a/n|atas\s+nama)\s+$")


# "Kel. Pak Harjono", "Kel. Besar Trah Mbah Karto": the family a booking is named by, as
# written (the word in full, "keluarga pak darto", is talk: the booking is his).
_FAMILY_BEFORE_RE = re.compile(r"\b(?:kel\.?|klg)\s+(?:(?:besar|bsr|bani|trah)\s+){0,2}$")


def _with_family(text: str, lower: str, person: names.NameMention) -> names.NameMention:
    """A person named after "Kel." is the family's booking, named as written."""
    family = _FAMILY_BEFORE_RE.search(lower, 0, person.start)
    if person.organisation or family is None:
        return person
    start = family.start()
    return names.NameMention(start, person.end, text[start : person.end])


def _school_kind(word: str) -> bool:
    """What a school's name says of its kind and number, no name of its own ("SMA N 1",
    "SMP Negeri 3"). (Tested here, not as a word list: these words are the name's, values
    to the coverage check, never keywords.)"""
    return word.isdigit() or word in ("n", "neg", "negeri", "swasta", "it", "islam", "terpadu")


def _known_head(
    text: str, person: names.NameMention, clients: tuple[str, ...]
) -> names.NameMention:
    """An organisation read on into words typed in lower case ("SD muhammadiyah nego") of
    which only the first words name a client the PO has ("SD Muhammadiyah Kotagede") is
    that client: the words after them are the message's."""
    if not (person.organisation and clients):
        return person
    keys = [name_key(c) for c in clients]

    def known(said: str) -> bool:
        key = name_key(said)
        return any(k == key or k.startswith(key + " ") for k in keys)

    said = text[person.start : person.end]
    head = names.ORG_RE.match(said.lower())
    if head is None or known(said):
        return person
    # Never the kind alone ("karang taruna"): the head and a word of the name at least.
    cuts = [m.start() for m in _NEXT_WORD_RE.finditer(said, head.end())][1:]
    for cut in reversed(cuts):
        tail = said[cut:]
        if tail != tail.lower():
            break  # "PT Sinar Abadi Jaya": capitalised, another name in full
        # "sd n" of "sd n 1 sleman" is still the kind ("SD Negeri"), and "sma n 1" of "sma
        # n 1 godean" a school of every town: no client's head without a word of a name.
        named = [w for w in name_key(said[head.end() : cut]).split() if not _school_kind(w)]
        if named and known(said[:cut]):
            return names.NameMention(person.start, person.start + cut, said[:cut], True)
    return person


def _before_teammate(
    text: str, person: names.NameMention, context: ExtractionContext
) -> names.NameMention:
    """ "sopir pkk joko": an organisation read on into one of the PO's people ends before
    him; its kind left alone is the one known client of that kind (PKK Caturtunggal)."""
    said = text[person.start : person.end]
    parts = said.lower().split()
    firsts = {name_key(n).split()[0] for n in context.team_names if name_key(n).split()}
    if not person.organisation or len(parts) < 2 or parts[-1] not in firsts:
        return person
    kept = said[: said.lower().rindex(parts[-1])].rstrip()
    kind = [c for c in context.client_names if name_key(c).startswith(name_key(kept) + " ")]
    if names.ORG_RE.fullmatch(kept.lower()) and len({name_key(c) for c in kind}) == 1:
        return names.NameMention(person.start, person.start + len(kept), kind[0], False)
    return names.NameMention(person.start, person.start + len(kept), kept, True)


# What may stand between whose trip and its crew member: "kernet pak hendra tgl 2 slamet".
_DAY_BETWEEN = r"(?:\s+(?:tgl|tanggal)\s*\d{1,2}|\s+(?:besok|bsk|lusa))?"


def _crew_after_client(
    work: str, role: re.Match[str], team: tuple[str, ...]
) -> tuple[int, int] | None:
    """Where the crew member is when a role word names someone who is none of the PO's
    people and then one of them: "kernet pak hendra slamet", "kernet pkk slamet" (whose
    trip, then its kernet). None otherwise."""
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    if role.group("name") in firsts | NOT_A_NAME:
        return None
    # The client's name may run on for a word or two ("kernet pkk caturtunggal slamet").
    for words_more in range(3):
        then = re.compile(
            rf"(?P<rest>(?:\s+[a-z]{{3,15}}){{{words_more}}}){_DAY_BETWEEN}\s+"
            rf"(?:(?:{HONORIFIC})\s+)?(?P<who>[a-z]{{3,15}})\b"
        )
        m = then.match(work, role.end("name"))
        if m is None or set(m.group("rest").split()) & firsts:
            return None
        if m.group("who") in firsts:
            return m.start("who"), m.end("who")
    return None


# "slamet gantiin wahyu", "ok joko yg gantiin wahyu": the first takes the second's seat.
STANDS_IN_FOR_RE = re.compile(
    rf"\b{crew_named('who')}\s+(?:(?:yg|yang|aja|saja|sing|ya|yo|wae)\s+)*"
    r"(?:gantiin|gantikan|gantiken|nggantiin|ngegantiin|nggantikan|menggantikan"
    r"|ngganti|nggantekke|nggantikke|nggantiake|gantosi)"
    rf"\s+(?:(?:posisi|posisinya|tempat|tempatnya)\s+)?{crew_named('whose')}\b"
)


# "wahyu yg nyopir", "slamet aja yg nyopir": the one said to drive (never a question:
# "siapa yg nyopir" names nobody).
SAID_TO_DRIVE_RE = re.compile(
    rf"\b{crew_named('who')}\s+(?:(?:aja|saja|wae|ae|deh|dong)\s+)?(?:yg|yang|sing)\s+"
    rf"(?:{DRIVES})\b(?!\s*(?:\?|ya\s*\?|kan\b|bukan\b|bkn\b|siapa|sapa|sopo))"
)


# "tgl 4 bu dewi yg bawa wahyu": the one who drives, named after it.
DRIVER_NAMED_AFTER_RE = re.compile(
    rf"\b(?:yg|yang|sing)\s+(?:{DRIVES}|bawa|nggowo|ngegawa)\s+{crew_named('who')}"
    r"(?:\s+(?:aja|saja|wae|ae|ya|pak|bu))*\s*(?:[,.!]|$)"
)


def _said_to_drive(work: str, team: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the one of the PO's people said to drive is ("wahyu yg nyopir", "yg bawa
    wahyu"); None when it is nobody of the team."""
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    # ("yg ke pangandaran yg bawa wahyu": the trip named by where it goes is read as a
    # teammate given it, elsewhere.)
    after = (
        []
        if re.search(r"\b(?:yg|yang|sing)\s+ke\b", work)
        else DRIVER_NAMED_AFTER_RE.finditer(work)
    )
    for m in [*SAID_TO_DRIVE_RE.finditer(work), *after]:
        if m.group("who") in firsts:
            return m.start("who"), m.end("who")
    return None


def _stands_in_for(
    work: str, team: tuple[str, ...]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the two are when one of the PO's people is said to take another's seat
    ("slamet gantiin wahyu yg ke malang"): the one who goes, then the one he replaces.
    None when either is no teammate."""
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    for m in STANDS_IN_FOR_RE.finditer(work):
        if m.group("who") in firsts and m.group("whose") in firsts - {m.group("who")}:
            return (m.start("who"), m.end("who")), (m.start("whose"), m.end("whose"))
    return None


# A teammate given a trip by the owner or an admin: "slamet yg nyopir pkk bsk", "ok slamet
# yg bawa bu dewi", "yaudah joko yg ke malang", "ok slamet jd kernet pak hendra" (the trip
# follows; a question or a driver's own word is no such change).
_WHOSE_TRIP = r"(?:pak|bu|bapak|ibu|mbak|mas|trip|rombongan)\b"
TAKES_TRIP_RE = re.compile(
    rf"(?:^|[,.;!]\s*|\b(?:ok|oke|okey|okay|sip|siap|yaudah|yaudh|yodah|yowes|yawes|udah|ya"
    # ("nek ngono joko wae sing nggowo bus 02 nang malang": so, then Joko.)
    rf"|gitu|begitu|ngono|yowis|wis|wes)\s+)"
    rf"{crew_named('who')}\s+(?:(?:aja|saja|wae|sj)\s+)?"
    rf"(?:(?:yg|yang|sing)\s+(?:{DRIVES}|bawa|ke|budhal|budal|berangkat|brgkt|mangkat)"
    rf"|(?:jd|jadi|sbg|sebagai)\s+(?P<kernet>{KERNET})"
    # "ok, wahyu kernet bu dewi tgl 4", "joko jd sopir bu dewi": the role on a client's trip.
    # ("ok slamet pegang bu dewi jumat": the trip in his hands, as its driver.)
    rf"|(?P<role_of>(?:(?:jd|jadi|sbg|sebagai)\s+)?(?:(?P<kernet_of>{KERNET})|{DRIVER}|pegang|megang)"
    rf"(?=\s+[a-z])))\b"
)
# After "wahyu kernet bu dewi": whose trip and its day only, nothing more said of it ("...
# tgl 4 ga bisa, sakit", "... td telp", "... minta uang jalan" are news, not a crew set).
_DAY_ONLY = (
    r"(?:\s+(?:tgl|tanggal)?\s*\d{1,2}(?:\s+(?:des|jan|feb|mar|apr|mei|jun|jul|agu|sep|okt|nov)\w*)?"
    r"|\s+(?:besok|bsk|lusa|sesuk|mene)|\s+(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu))?"
    r"(?:\s+(?:ya|yo|aja|saja|wae|pak|bu|mbak|nggih))*\W*"
)
_ONLY_WHOSE_TRIP_RE = re.compile(rf"\s+{_WHOSE_TRIP}\s+[a-z]+(?:\s+[a-z]+)?{_DAY_ONLY}")
# ("ok slamet pegang karang taruna 12 des": a known group's name said without a title.)
_ONLY_DAY_RE = re.compile(_DAY_ONLY)


def _takes_trip(work: str, context: ExtractionContext) -> re.Match[str] | None:
    """The TAKES_TRIP_RE naming one of the PO's people, said by the owner or an admin."""
    if context.role not in (Role.OWNER, Role.ADMIN) or "?" in work:
        return None
    firsts = {name_key(n).split()[0] for n in context.team_names if name_key(n).split()}
    return next(
        (
            m
            for m in TAKES_TRIP_RE.finditer(work)
            if m.group("who") in firsts
            and (
                not m.group("role_of")
                or _ONLY_WHOSE_TRIP_RE.fullmatch(work, m.end())
                or _only_client_then_day(work, m.end(), context, firsts)
            )
        ),
        None,
    )


def _only_client_then_day(work: str, at: int, context: ExtractionContext, team: set[str]) -> bool:
    """After "slamet pegang": one of the PO's clients named without a title ("karang
    taruna", "pkk"), then at most the trip's day; nothing else said of it."""
    rest = work[at:]
    hit = mentioned(rest, context.client_names, never=team) or mentioned_by_kind(
        rest, context.client_names, never=team
    )
    if hit is None or rest[: hit[0]].strip():
        return False
    # The rest of a group's name after the word that named it ("karang" of Karang Taruna).
    name_words = name_key(hit[2]).split()
    end = hit[1]
    for word in name_words[1:]:
        m = re.match(rf"\s+{re.escape(word)}\b", rest[end:])
        if m is None:
            break
        end += m.end()
    return _ONLY_DAY_RE.fullmatch(rest, end) is not None


def _crewmate_then_kernet(
    work: str, role: re.Match[str], team: tuple[str, ...]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the two are when a kernet word names two of the PO's people one after the
    other with nothing joining them: "kernet joko slamet" (the kernet of Joko's trip is
    Slamet; "kernet joko & slamet" names two kernet). None otherwise."""
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    if role.group("name") not in firsts:
        return None
    then = re.compile(rf"\s+(?:(?:{HONORIFIC})\s+)?(?P<who>[a-z]{{3,15}})\b")
    m = then.match(work, role.end("name"))
    if m is None or m.group("who") not in firsts - {role.group("name")}:
        return None
    return (role.start("name"), role.end("name")), (m.start("who"), m.end("who"))


def _clients_crew(role: re.Match[str], context: ExtractionContext) -> bool:
    """ "kernet pak hendra mau diganti": one of the PO's clients, none of its people, after
    the role word is whose trip it is, not its crew."""
    firsts = {name_key(n).split()[0] for n in context.team_names if name_key(n).split()}
    name = role.group("name")
    return (
        bool(context.team_names)
        and name not in firsts
        and mentioned(role.group().lower(), context.client_names) is not None
    )


def _whose_crew_asked(lower: str, role: re.Match[str], team: tuple[str, ...]) -> bool:
    """ "kernet pak hendra siapa": asked of a trip, someone after the role word who is none
    of the PO's people is whose trip it is, not its kernet (as "sopir bu dewi siapa")."""
    firsts = {name_key(n).split()[0] for n in team if name_key(n).split()}
    return bool(team) and role.group("name") not in firsts and bool(QUESTION_RE.search(lower))


def _told_by_name(text: str, work: str) -> str | None:
    """The PO's people unknown, the bare name opening a message that tells him to do
    something or drive ("wahyu bsk kosong ga? mau tak suruh bawa arjuna"): one of them, as
    written; None when the word is a value read, a word of a rule or no first name."""
    from keloia.adapters.rules.coverage import KEYWORDS  # reads this module

    opening = _OPENING_BUS_RE.match(work)
    if opening is None or not _DRIVER_CUE_RE.search(work, opening.end()):
        return None
    name = opening.group("name")
    if not work[opening.start("name") : opening.end("name")].strip():
        return None  # masked: a value read ("bsk", "bus 02")
    if name in KEYWORDS or name in _NOT_IN_SLOT or not names.could_be_first_name(name):
        return None
    return text[opening.start("name") : opening.end("name")]


# A greeting opening the message, whom it greets right after it: "pagi pak budi, ...",
# "assalamualaikum bu dewi. ...", "met siang mas joko 🙏 ...".
_GREETING_RE = re.compile(
    r"\W*(?:(?:selamat|slamat|met|sugeng)\s+)?(?:pagi|pgi|siang|siank|sore|malam|malem)"
    r"|\W*(?:halo|hallo|hai|hi|assalamualaikum|assalamu'alaikum|asalamualaikum|ass|salam|permisi)"
)
# "maaf pak budi, tgl 7 sy ga bisa nyopir": whom a driver's apology (or one to the PO's own
# people) is to; an admin's "maaf pak tono, dp 2jt sudah masuk" names the client.
_APOLOGY_RE = re.compile(r"\W*(?:(?:mohon|nyuwun|minta)\s+)?(?:maaf|mf|pangapunten|ngapunten|sewu)")
_GREETED_END_RE = re.compile(r"\s*(?:[,.!;\n]|[^\w\s]|$)")


# Who asked for what the message says: "pak budi minta ...", "pak budi yg minta", "pak
# budi udah acc", "disuruh pak budi", "kata pak budi" (a plan reported is hearsay.py's).
_ASKER_AFTER_RE = re.compile(
    r"\s+(?:(?:yg|yang)\s+|udah\s+|udh\s+|sudah\s+|blm\s+|belum\s+|durung\s+|ga\s+|gak\s+)?"
    r"(?:minta|mintanya|nyuruh|suruh|pesen|pesan|pesannya|acc|setuju|bilang|ngomong)\b"
)
_ASKER_BEFORE_RE = re.compile(
    r"\b(?:disuruh|suruhan|permintaan|perintah|instruksi|atas\s+permintaan|kata|kt|arahan"
    r"|katanya|jare|jarene|ujare|ngendikane"
    r"|sesuai\s+arahan|sesuai\s+permintaan"
    # "udh dicatet mbak sari": who recorded it already, no client of a record.
    r"|(?:dicatat|dicatet|diinput|diinputin|dimasukin)(?:\s+(?:sm|sama|ama|oleh|olh))?)\s+$"
)


_SAID_BY_BEFORE_RE = re.compile(
    r"[,.;]\s*(?:soale\s+|soalnya\s+)?(?:jare|jarene|katanya|kata|ngendikane|dawuhe)\s+$"
)
_ASKER_CLOSING_RE = re.compile(
    r"\s+(?:yg\s+|yang\s+|sing\s+)?(?:minta|mintak|njaluk|nyuwun|pengen|pingin)"
    r"(?:\s+(?:ya|yo|pak|bu|mas|mbak|gitu|ngono))*\W*$"
)


def _asked_by_teammate(lower: str, person: names.NameMention, context: ExtractionContext) -> bool:
    """Whether the name is one of the PO's people (none of its clients) said to have asked
    for what the message says."""
    key = name_key(person.text)
    if not key or key not in {name_key(n) for n in context.team_names}:
        return False
    if any(name_key(c) == key for c in context.client_names):
        return False
    return bool(
        _ASKER_AFTER_RE.match(lower, person.end)
        or _ASKER_BEFORE_RE.search(lower, max(0, person.start - 25), person.start)
        # "km bus 02 dicek sama pak wahyu 210.500", "td dicek pak joko": who read it.
        or (
            _CHECKED_BY_RE.search(lower, max(0, person.start - 25), person.start) is not None
            and (
                _READ_BY_RE.search(lower, max(0, person.start - 30), person.start) is not None
                or _READING_AFTER_RE.match(lower, person.end) is not None
            )
        )
    )


# ("tolong dicek pak joko sim nya": asked of him, who is then what is asked about.)
# ("td dicek pak joko", "km ... dicek sama pak wahyu 210.500": read by him, done; never
# "bus 01 dicek pak slamet oli bocor", what he is to look at.)
_READ_BY_RE = re.compile(r"\b(?:td|tadi|barusan|udah|udh|sudah|sdh)\s+\w+(?:\s+\w+)?\s*$")
_READING_AFTER_RE = re.compile(r"\s+\d{1,3}(?:\.\d{3})+\b")
_CHECKED_BY_RE = re.compile(
    r"(?<!tolong\s)(?<!tlg\s)(?<!minta\s)(?<!mohon\s)(?<!coba\s)"
    r"\b(?:dicek|dicheck|dilihat|diliat|difoto)(?:\s+(?:sm|sama|oleh))?\s+$"
)


def _greeted(found: Found, person: names.NameMention, context: ExtractionContext) -> bool:
    """Whether the name is whom a greeting opening the message greets ("pagi pak budi,")."""
    lower = found.lower
    greeting = _GREETING_RE.match(lower)
    if greeting is None and (context.role is Role.DRIVER or _teammate(person.text, found.team)):
        greeting = _APOLOGY_RE.match(lower)
    if greeting is None or lower[greeting.end() : person.start].strip():
        return False
    return bool(_GREETED_END_RE.match(lower, person.end))


def _team_member(work: str, people: list[names.NameMention], team: tuple[str, ...]) -> str | None:
    """The PO's person a message names by first name ("joko abis ini jalan kmn"), outside
    any client's name found around it ("Pak Joko Susilo" stays a client)."""
    for name in team:
        # "Pak Budi" is named by "budi": the title alone ("pak, jadwal sy ...") names nobody.
        first = name_key(name).split()[0] if name_key(name).split() else ""
        if len(first) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(first)}\b", work):
            around = [p for p in people if p.start <= m.start() < p.end]
            if all(name_key(p.text) == first for p in around):
                return name
    return None
