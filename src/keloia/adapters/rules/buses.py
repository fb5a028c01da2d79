"""Bus references as the message names them: "Bus 01", "bus 3", "bus srikandi", "elf 2",
"HDD 3", "hiace premio". Matching a reference to a fleet record is the domain's job."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from keloia.adapters.rules.dates import MONTH_RE, MONTHS, WEEKDAYS
from keloia.adapters.rules.gazetteer import PLACES
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.vocabulary import (
    COUNTED,
    CREW_WORD_RE,
    DAY_UNIT,
    HONORIFIC,
    NUMBER_WORDS,
    PEOPLE,
    PERMIT,
    SEAT,
)
from keloia.domain.model.clients import mentioned
from keloia.domain.model.spelling import slips_of

# Kinds of vehicle a PO names its units by; a number or a name follows.
KINDS = (
    "big bus",
    "bigbus",
    "medium bus",
    "mediumbus",
    "micro bus",
    "microbus",
    "mini bus",
    "minibus",
    "bus",
    "bis",
    "elf",
    "hdd",
    "shd",
    "sdd",
    "uhd",
    "hd",
    "medium",
    "micro",
    "hiace",
    "engkel",
    "jetbus",
    "legacy",
    "avanza",
    "innova",
    "unit",
    "mobil",
)
WEEKDAY_NAMES = "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad"
_KIND_RE = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in KINDS)
BUS_RE = re.compile(
    rf"\b(?P<kind>{_KIND_RE})(?:nya)?(?:\s*[-#.]?\s*(?:(?:no|nomor|nmr|nomer)\.?\s*)?(?P<num>\d{{1,3}}[a-z]?)\b"
    # "bus 45 seat" is a size and "bus 2 unit" a count, not a unit number; "km bus
    # 142.300" is a reading, "bus 1,5jt" a price.
    rf"(?![.,]\d)(?!\s*(?:{SEAT}|{PEOPLE}|unit|biji|buah)\b)"
    # "sewa bus 3 hari ke dieng", "bus 2 malam": how long the bus is hired, not Bus 3
    # ("bus 2 hari ini", "bus 3 hari sabtu" name the bus and a day).
    # Right after the number: a day read and blanked out between ("bus 01 [hari ini]
    # malam") leaves the bus named.
    rf"(?![ ]?(?:{DAY_UNIT}|hri|malam|mlm)\b(?!\s+(?:ini|iki|nanti|{WEEKDAY_NAMES})\b))"
    r"|[ ](?P<name>[a-z][a-z'’]{2,})(?![-\w]))"
)
# Words after "bus" that describe rather than name it.
NOT_A_NAME = STOP_WORDS | words(
    """pariwisata besar kecil lain lainnya nya kita kami sy saya mogok rusak baru semua
    laba labane labanya untung untunge rugi
    yg mana apa aja siapa ini itu tsb tersebut dipake dipakai nganggur ada kosong kosng ksong ready
    sedang full premium executive eksekutif ekonomi ac non seat kursi yang lagi masih
    sudah udah sdh belum blm dulu buat untuk utk dr dari ke di keluar masuk balik pulang
    berangkat brkt jalan sewaan bareng bersama selesai dicuci cuci diservis servis service
    bengkel turun ganti sama sm dengan dgn dan atau tdk tidak gak ga nggak engga enggak
    harga biaya pool garasi kandang aman lancar bersih penuh oke ok siapa apa pak bu mas
    tadi nanti besok lusa kemarin skrg sekarang tsb oleh milik punya atas dalam pada yaitu
    muat kapasitas tetap tetep ttp ttep kantor rumah gudang ruangan
    brarti berarti berati brati artinya jadinya trus terus trs lalu
    nggo nganggo pake pakai dateng datang teng ndi endi pundi sing ingkang
    mati bocor panas ngadat macet overheat bunyi berisik getar aneh error
    wkwk wkwkwk wkwkwkwk hehe hehehe haha hahaha hihi xixi
    ndes bro sob lur dab cak gan bos boss keliru salah terakhir
    pasang dipasang pasangin kasih dikasih kasi taruh taro harus hrs kudu wajib mesti ding
    motor motorku motore motornya montor sepeda mobil mobilku
    nyusul menyusul susul susulan nyusulin ntar nnti entar mengikuti ngikut menyesuaikan
    tuker tukar dituker ditukar tukeran tukaran
    busku bisku gede gedhe gede2 jumbo cilik mini medium sedeng gedean kecilan lebih luwih"""
)


# "bus 01, 02 sm 03", "busnya 1 & 3", "busnya 01 02 sama 03": more unit numbers listed
# after a numbered bus (with no word between them only when written as "02").
MORE_NUMBERS_RE = re.compile(
    r"(?:\s*(?:,|&|\+|/|\bdan\b|\bsm\b|\bsama\b|\bama\b|\bdgn\b|\bdengan\b)\s*|\s+(?=0\d\b))"
    rf"(?P<num>\d{{1,3}})\b(?![.,:/-]\d)(?!\s*(?:{_KIND_RE}|{COUNTED}|unit|biji|buah|jam)\b)"
    rf"(?!\s*{MONTH_RE})"
)


@dataclass(frozen=True)
class BusMention:
    start: int
    end: int
    text: str  # as written


# "bus 04 kan mesinnya lg ga enak", "bus 02 remnya lg diservis": a bus unfit to go (or too
# small: "srikandi ga muat").
BUS_UNFIT_RE = re.compile(
    r"\W*(?:(?:kan|lagi|lg|masih|msh)\s+)?(?:[a-z]+\s?(?:nya|ne|e)\s+)?(?:(?:lagi|lg|masih|msh)\s+)?"
    r"(?:ga\s+enak|gak\s+enak|nggak\s+enak|rusak|mogok|bermasalah|trouble|ngadat|bocor"
    r"|di\s*bengkel|masuk\s+bengkel|(?:di)?servis"
    # "srikandi ga muat": too small for the party.
    r"|(?:ga|gak|gk|nggak|ngga|tidak|tdk|ora|ra|rak)\s+(?:muat|cukup|nyukup)|kekecilan|kurang\s+gede"
    # "srikandi kegedean": too big (and too dear) for the party.
    r"|kegedean|kebesaran|kegeden|terlalu\s+(?:gede|besar|kecil))\b"
)


def _is_bus_name(text: str, m: re.Match[str]) -> bool:
    kind, name = m.group("kind"), m.group("name")
    if name in NOT_A_NAME or name in MONTHS or name in WEEKDAYS or name in KINDS:
        return False  # "bus HDD 3": the kind that follows names the unit
    if name in NUMBER_WORDS or name in ("sepuluh", "sebelas"):
        return False  # "sewa bis dua hari": a count said in words is no unit's name
    if kind not in ("bus", "bis", "hiace", "elf", "legacy", "jetbus"):
        return False
    if kind in ("bus", "bis") and _PARTY_HEAD_RE.match(text.lower(), m.start("name")):
        return False  # "bus masjid baitussalam ganti bus 03": the party's bus, its trip
    # "bus jogja" names a bus, "bus ke jogja" does not; a bare place right after "bus" is
    # rarer than a trip to it, so only a capitalised one is kept, or one opening the
    # message or taken for a booking ("bus bima mesin ngebul", "ganti bus bima") with no
    # route going on from it.
    if name in PLACES and _ROUTE_ON_RE.match(text.lower(), m.end("name")) is not None:
        return False  # "sewa bus Solo - Pacitan": where the trip starts, however written
    if name in PLACES and kind in ("bus", "bis") and not text[m.start("name")].isupper():
        lower = text.lower()
        opening = _NAMED_PLACE_BEFORE_RE.search(lower[: m.start()]) is not None
        return opening and _ROUTE_ON_RE.match(lower, m.end("name")) is None
    return True


# Before "bus <place>" naming the bus: the message's start, or a word taking it on.
_NAMED_PLACE_BEFORE_RE = re.compile(r"(?:^\W*|\b(?:ganti|pake|pakai|jadi|jd)\s+)$")
_ROUTE_ON_RE = re.compile(r"\s*(?:-|–|>|\b(?:ke|sampai|sampe|smp|pp)\b)")


# "booking elf sabtu", "stnk hiace habis kapan?", "karang taruna, medium, jumat ini": a type
# of vehicle said alone names the PO's unit of that type (a number or a name after it is
# read by BUS_RE).
BARE_KIND_RE = re.compile(
    r"\b(?:elf|hiace|medium(?:\s*bus)?|micro\s*bus|microbus|mini\s*bus|minibus|big\s*bus|bigbus)"
    r"(?:nya)?\b(?!\s*[-#.]?\s*\d)"
)


# "stnk srikandi smp 20 juni 2027": the word right after a bus's paper names the bus
# (a SIM's holder is a driver: reading.BARE_DRIVER_RE).
PAPER_HOLDER_RE = re.compile(
    rf"\b(?:pajak\s+stnk|stnk|kir|asuransi|pajak|kps|{PERMIT})(?:nya)?"
    r"\s+(?P<name>[a-z][a-z'’]{2,})(?![-\w])"
)
_NOT_A_HOLDER = words(
    """mati hbs abis expired exp kadaluarsa kedaluwarsa berlaku perpanjang diperpanjang
    habisnya abisnya sampai sampe smp hampir mau yg yang kapan kpn tgl tanggal
    stnk stnknya kir kirnya asuransi asuransinya kps kpsnya izin ijin sim simnya pajak"""
)
# ("pajak stnk bus 05": the tax is paid on the STNK, the paper named twice, no bus's name.)
# "asuransi srikandi sm arjuna habis ...": the holders listed after the paper's first one
# are buses too (never "stnk srikandi sm sim joko": another paper).
_PAPER_BEFORE_RE = re.compile(PAPER_HOLDER_RE.pattern.split(r"\s+(?P<name>")[0] + r"\s+$")
_MORE_HOLDER_RE = re.compile(
    r"\s*(?:,|&|\+|\bsm\b|\bsama\b|\bama\b|\bdan\b)\s*(?P<name>[a-z][a-z'’]{2,})(?![-\w])"
)
# ("kir bus 03, lulus": how its test went, no bus.)
_NOT_A_HOLDER_TOO = words("sim simnya bus bis lulus lolos gagal")
_JOINED_RE = re.compile(r"\s*(?:,|&|\+|\bsm\b|\bsama\b|\bama\b|\bdan\b)\s*")


# "pak hendra nambah 1 bus lg pake srikandi": the bus added, by its name alone, right after
# "pake" in a message adding buses to a booking.
# (The count is blanked out by then: reading.ADDED_BUSES_RE.)
ADDED_NAMED_RE = re.compile(
    r"\b(?:nambah|tambah|ditambah|tambahin|nambahin|tambahan)\s+"
    r"(?:(?:\d{1,2}|satu|se)\s*(?:bus|bis|unit|armada)\s+(?:(?:lg|lagi)\s*)?)?,?\s*"
    r"(?:pake|pakai)\s+(?P<name>[a-z][a-z'’]{2,})(?![-\w])"
)


# "bu endah yg srikandi ganti bus 06": a word after "yg" given up for a bus is a bus's
# name (the fleet's names are not always known to the reader).
SWAPPED_NAMED_RE = re.compile(
    r"\b(?:yg|yang)\s+(?P<name>[a-z][a-z'’]{2,})(?:nya)?\s+(?:di)?(?:ganti|tukar|tuker)"
    rf"(?:\s+(?:jadi|jd|ke|dgn|dengan|pake|pakai))?\s+(?:{_KIND_RE})\s*\d"
)
# "busnya pake B02", "bus ganti jadi B03": a unit's code (a letter and a number from 0, glued)
# taken for a trip; never a plate ("B 1234 XY" has its number apart and longer).
CODE_TAKEN_RE = re.compile(
    rf"\b(?:{_KIND_RE})(?:nya)?\s+(?:(?:di)?(?:ganti|tukar|tuker)\s+)?(?:pake|pakai|jadi|jd|ke)\s+"
    r"(?P<name>[a-z]0\d)\b"
)
# "B03 wis metu bengkel", "km akhir B02 132.640": a unit's code written in capitals, a
# letter and a number from 0 glued, names the bus wherever it stands (a plate has its
# number apart and longer: "B 1234 XY").
BARE_CODE_RE = re.compile(r"(?<![\w-])[A-Z]0\d(?![\w-])")
# A report's "Bus: B05", "Bus: Gatotkaca", or a unit's code alone on its line ("B02"): the
# bus, its name or code the line's whole value.
BUS_LINE_RE = re.compile(
    r"^[^\S\n]*(?:(?:[*_]*(?:bus|bis|armada|unit)[*_]*\s*:[*_]*[^\S\n]*"
    r"(?P<name>[a-z]0\d|[a-z][a-z'’]{2,}))|(?P<code>[a-z]0\d))[*_]*[^\S\n]*$",
    re.MULTILINE,
)
_NOT_SWAPPED = words(
    """pagi siang sore malam subuh pertama kedua ketiga satu dua tiga lama baru gede besar
    kecil depan belakang awal akhir terakhir"""
)


# "srikandi dipake rombongan bu wiwik", "bus 02 tgl 15 dipakai pak harno", "gandiwa disewa
# rombongan pengajian": a bus taken by a party (a group, a titled person, a school or a
# firm) for a trip, said of the bus.
_TAKEN = r"dipake|dipakai|kepake|kepakai|disewa|dicarter|dicharter|dibooking|diboking"
_PARTY = (
    rf"rombongan\w*|{HONORIFIC}|keluarga|kel|pt|cv|sekolah|sd|sdn|smp\w*|sma\w*|smk\w*|tk"
    r"|pengajian|paguyuban|karang|ibu2|bapak2|komunitas|jamaah|majelis"
)
# A party named by what it is ("masjid baitussalam", "sd muh", "pkk ..."): after "bus", whose
# trip the bus is on, never a bus of that name.
_PARTY_HEAD_RE = re.compile(
    rf"(?:{_PARTY}|masjid|mesjid|musholla|mushola|gereja|yayasan|ponpes|pondok|koperasi|pkk"
    r"|kelompok|poktan|arisan|sman|smpn|smkn|mts|mtsn|man|tpq)\b"
)
TAKEN_BY_RE = re.compile(
    rf"\b(?:{_TAKEN})\s+(?:(?:buat|untuk|utk|sama|sm|ama|oleh|sm)\s+)?(?:{_PARTY})\b"
    # "tgl 22 srikandi dipake sapa?": who takes it, asked of the bus.
    rf"|\b(?:{_TAKEN})\s+(?:(?:sama|sm|ama|oleh)\s+)?(?:siapa|sapa|spa|sp)\b"
)
# The bus's name as the message's first word before it, a day perhaps between (dates are
# blanked out by then): "tgl 20 arjuna dipake pak darto", "srikandi tgl 12 dipake ...".
TAKEN_NAMED_RE = re.compile(rf"^\W*(?P<name>[a-z][a-z'’]{{2,}})\s+(?=(?:{_TAKEN})\b)")


# "bus2 pd dmn", "semua bus2", "bis2 yg kosong apa aja": "bus-bus" (the buses), a word doubled
# written with a 2 as "anak2" is. Only with such a word: "bus2 ban bocor", "bus2 km 150.000"
# are Bus 2's.
PLURAL_BUS_RE = re.compile(
    r"\b(?:semua|smua|status)\s+(?:bus|bis)2\b"
    r"|\b(?:bus|bis)2\s+(?:\S+\s+){0,2}?(?:pada|pd|kosong|(?:yg|yang)\s+ada)\b"
    r"|\b(?:bus|bis)2\b.*\b(?:apa|mana|dmn|dimana)\s+(?:aja|saja)\b"
)


@functools.lru_cache(maxsize=64)
def _fleet_name_re(name: str) -> re.Pattern[str]:
    """A bus of the fleet by its name, also split in two as voice typing writes it ("Sri
    Kandi" for Srikandi)."""
    said = [re.escape(name)]
    if re.fullmatch(r"[a-z]{6,}", name):
        halves = [(name[:i], name[i:]) for i in range(3, len(name) - 2)]
        # Never two everyday words ("kali mas" of a bus Kalimas), nor after a title ("bu sri
        # kandi" is a person).
        said += [
            rf"(?<!\bbu\s)(?<!\bpak\s)(?<!\bibu\s)(?<!\bmbak\s){re.escape(a)} {re.escape(b)}"
            for a, b in halves
            if a not in STOP_WORDS and b not in STOP_WORDS
        ]
        # "srikndi": typed with one slip (the assistant matches it to the fleet's bus).
        said += sorted(s for s in slips_of(name) if s not in STOP_WORDS and s not in PLACES)
    return re.compile(rf"\b(?:{'|'.join(said)})(?=(?:nya)?\b)")


# "2 bus (01 & 02)", "3 unit: 01, 03, 05", "2 bus yaitu 01 dan 02": a count of buses, then
# their unit numbers (as many as counted).
_COUNTED_LIST_RE = re.compile(
    r"\b(?P<count>\d)\s*(?:bus|bis|unit)\s*(?:\(|:|-|,|\b(?:yaitu|yakni|yaitu)\b)\s*"
    r"(?P<nums>\d{1,2}(?:\s*(?:,|&|\+|/|\bdan\b|\bsm\b|\bsama\b|\bama\b)\s*\d{1,2})+)"
    r"(?![\d.,]*\s*(?:jt|juta|rb|ribu|k|seat|seater|kursi|org|orang|pax)\b)"
)


def _counted_list(text: str, lower: str) -> list[BusMention]:
    """`lower` is the message with what was read before blanked out (the count among it):
    the count is read in the whole text, its numbers only where nothing was read."""
    found = []
    for cm in _COUNTED_LIST_RE.finditer(text.lower()):
        nums = list(re.finditer(r"\d{1,2}", cm.group("nums")))
        if len(nums) != int(cm.group("count")) or lower[
            cm.start("nums") : cm.end("nums")
        ] != cm.group("nums"):
            continue
        base = cm.start("nums")
        found += [BusMention(base + n.start(), base + n.end(), f"bus {n.group()}") for n in nums]
    return found


def find_buses(
    text: str, lower: str, fleet_names: Iterable[str] = (), client_names: tuple[str, ...] = ()
) -> list[BusMention]:
    """`client_names`: the PO's clients; "bus yohanes pake bus 01" is Pak Yohanes's bus
    (his trip), not a bus of that name, unless the fleet has one."""
    found: list[BusMention] = []
    for name in fleet_names:
        # "srikandinya ganti bus 02": the bus's name with "-nya" (that one) is the bus.
        for fm in _fleet_name_re(name.lower()).finditer(lower):
            found.append(BusMention(fm.start(), fm.end(), text[fm.start() : fm.end()]))
    for pm in PAPER_HOLDER_RE.finditer(lower):
        name = pm.group("name")
        taken = any(f.start <= pm.start("name") < f.end for f in found)
        # "stnk Bima": a place's name written capitalised may be a bus's.
        place = name in PLACES and not text[pm.start("name")].isupper()
        if taken or name in NOT_A_NAME | _NOT_A_HOLDER or place or name in KINDS:
            continue
        if name in MONTHS or name in WEEKDAYS:
            continue
        found.append(
            BusMention(pm.start("name"), pm.end("name"), text[pm.start("name") : pm.end("name")])
        )
    for am in ADDED_NAMED_RE.finditer(lower):
        name = am.group("name")
        if name in NOT_A_NAME or name in PLACES or name in KINDS or name in _NOT_A_HOLDER:
            continue
        if any(f.start <= am.start("name") < f.end for f in found):
            continue
        found.append(
            BusMention(am.start("name"), am.end("name"), text[am.start("name") : am.end("name")])
        )
    for sm in SWAPPED_NAMED_RE.finditer(lower):
        name = sm.group("name")
        # "yg Bima ganti bus 06": a place's name written capitalised may be a bus's.
        place = name in PLACES and not text[sm.start("name")].isupper()
        if name in NOT_A_NAME | _NOT_SWAPPED or place or name in KINDS:
            continue
        if name in MONTHS or name in WEEKDAYS or mentioned(name, client_names):
            continue
        if any(f.start <= sm.start("name") < f.end for f in found):
            continue
        found.append(
            BusMention(sm.start("name"), sm.end("name"), text[sm.start("name") : sm.end("name")])
        )
    for cm in BARE_CODE_RE.finditer(text):
        if not any(f.start <= cm.start() < f.end for f in found):
            found.append(BusMention(cm.start(), cm.end(), cm.group()))
    for cm in CODE_TAKEN_RE.finditer(lower):
        if any(f.start <= cm.start("name") < f.end for f in found):
            continue
        found.append(
            BusMention(cm.start("name"), cm.end("name"), text[cm.start("name") : cm.end("name")])
        )
    for lm in BUS_LINE_RE.finditer(lower):
        group = "name" if lm.group("name") else "code"
        name = lm.group(group)
        if name in NOT_A_NAME or name in PLACES or name in KINDS or name in MONTHS:
            continue
        if any(f.start <= lm.start(group) < f.end for f in found):
            continue
        found.append(
            BusMention(lm.start(group), lm.end(group), text[lm.start(group) : lm.end(group)])
        )
    found += [
        c for c in _counted_list(text, lower) if not any(f.start <= c.start < f.end for f in found)
    ]
    pos = 0
    while (m := BUS_RE.search(lower, pos)) is not None:
        # A rejected "kind + word" only skips the kind: "bus HDD 3" still finds "HDD 3".
        pos = m.end() if m.group("name") is None else m.start("name")
        if any(f.start <= m.start() < f.end for f in found):
            continue
        if m.group("name") is not None and any(f.start <= m.start("name") < f.end for f in found):
            continue  # "busnya srikandi": the fleet's Srikandi, found by its name
        if m.group("name") is not None and not _is_bus_name(text, m):
            continue
        if m.group("name") is not None and mentioned(m.group("name"), client_names):
            continue  # "bus yohanes": the client's (a fleet name was read before)
        if re.fullmatch(r"(?:bus|bis)2", lower[m.start() : m.end()]) and PLURAL_BUS_RE.search(
            lower
        ):
            continue  # "bus2 pd dmn": the buses
        written = text[m.start() : m.end()]
        glued = lower[m.end("kind") : m.end("kind") + 3] == "nya"
        if m.group("num") is not None and glued:
            written = f"{m.group('kind')} {m.group('num')}"  # "busnya 01": Bus 01
        elif m.group("name") is not None and glued:
            # "busnya srikandi aja": the bus named, its "busnya" (the bus is) left out.
            found.append(BusMention(m.start("name"), m.end(), text[m.start("name") : m.end()]))
            pos = m.end()
            continue
        found.append(BusMention(m.start(), m.end(), written))
        pos = m.end()
    fleet = [n.lower() for n in fleet_names]
    for km in BARE_KIND_RE.finditer(lower):
        kind = km.group().removesuffix("nya")
        if fleet and not any(kind in n for n in fleet):
            continue  # a fleet known with no unit of that type: the type is no unit of it
        if any(f.start <= km.start() < f.end or km.start() <= f.start < km.end() for f in found):
            continue
        end = km.end() - 3 if lower[km.end() - 3 : km.end()] == "nya" else km.end()
        found.append(BusMention(km.start(), end, text[km.start() : end]))
    found.extend(_crew_at_number(text, lower, found))
    found.extend(_holders_listed(text, lower, found))
    fleet_lower = {n.lower() for n in fleet_names}
    found = [f if f.text.lower() in fleet_lower else _two_words(text, f) for f in found]
    found.sort(key=lambda b: b.start)
    return _listed_after(lower, found)


# "pake Nyi Ageng sopir Yayan", "izin trayek Nyi Ageng": a bus's name of two capitalised
# words, the second one read too.
_PARTY_WORDS = words(
    "karang taruna masjid mushola gereja sd smp sma smk pt cv pkk rombongan keluarga kantor"
    " dinas yayasan ponpes pondok paguyuban"
)
_NEXT_CAPITALISED_RE = re.compile(r" ([A-Z][a-z]{2,})\b")


def _two_words(text: str, bus: BusMention) -> BusMention:
    last = bus.text.split()[-1] if bus.text.split() else ""
    nxt = _NEXT_CAPITALISED_RE.match(text, bus.end)
    if not last[:1].isupper() or last[1:2].isupper() or nxt is None:
        return bus
    word = nxt.group(1).lower()
    if word in STOP_WORDS | NOT_A_NAME or word in MONTHS or word in WEEKDAYS or word in PLACES:
        return bus
    if word in _PARTY_WORDS:
        return bus  # "pake bus Srikandi Karang Taruna": the bus, then the party
    return BusMention(bus.start, nxt.end(), text[bus.start : nxt.end()])


def _holders_listed(text: str, lower: str, found: list[BusMention]) -> list[BusMention]:
    """The buses listed after the first holder of a paper ("asuransi srikandi sm arjuna")."""
    more: list[BusMention] = []
    listed_to = -1  # where the last bus of a paper's list ends ("kir bus 02, bus 05 dan ...")
    for bus in sorted(found, key=lambda b: b.start):
        joined = listed_to >= 0 and _JOINED_RE.fullmatch(lower, listed_to, bus.start)
        if not (joined or _PAPER_BEFORE_RE.search(lower, 0, bus.start)):
            continue
        pos = listed_to = bus.end
        while (m := _MORE_HOLDER_RE.match(lower, pos)) is not None:
            name = m.group("name")
            if any(f.start <= m.start("name") < f.end for f in [*found, *more]):
                break
            if name in NOT_A_NAME | _NOT_A_HOLDER | _NOT_A_HOLDER_TOO or name in PLACES:
                break
            if name in KINDS or name in MONTHS or name in WEEKDAYS:
                break
            more.append(BusMention(m.start("name"), m.end("name"), text[m.start("name") : m.end()]))
            pos = listed_to = m.end()
    return more


# "sopirnya slamet di 02, wahyu di 04": with a crew role word said, a unit number right
# after "<name> di" is the bus that person goes on (times, dates and money are masked by
# then, so the number is none of those).
_CREW_AT_NUMBER_RE = re.compile(
    r"\b(?P<who>[a-z]{3,15})\s+(?:di|pegang|bawa)\s+(?P<num>\d{1,2})\b(?![.,:/-]\d)"
    rf"(?!\s*(?:{COUNTED}|unit|biji|buah|jam|{_KIND_RE})\b)"
)


def _crew_at_number(text: str, lower: str, found: list[BusMention]) -> list[BusMention]:
    if CREW_WORD_RE.search(lower) is None:
        return []
    more: list[BusMention] = []
    for m in _CREW_AT_NUMBER_RE.finditer(lower):
        if m.group("who") in NOT_A_NAME or any(f.start <= m.start("num") < f.end for f in found):
            continue
        more.append(BusMention(m.start("num"), m.end("num"), f"bus {m.group('num')}"))
    return more


def _listed_after(lower: str, found: list[BusMention]) -> list[BusMention]:
    """ "bus 01, 02 sm 03": the numbers listed after a numbered bus are buses of its kind."""
    more: list[BusMention] = []
    for bus in found:
        kind = re.match(rf"(?P<kind>{_KIND_RE})\s*\d", bus.text.lower())
        if kind is None or not bus.text[-1].isdigit():
            continue
        pos = bus.end
        while (m := MORE_NUMBERS_RE.match(lower, pos)) is not None:
            if any(b.start <= m.start("num") < b.end for b in found):
                break
            more.append(BusMention(m.start("num"), m.end("num"), f"{kind['kind']} {m['num']}"))
            pos = m.end()
    return sorted([*found, *more], key=lambda b: b.start)
