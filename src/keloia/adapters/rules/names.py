"""People and organisations: "Pak Agus", "bu wati", "SMA N 2 Klaten", "PT Sinar Abadi",
"Masjid Baitussalam", "rombongan pak bambang". Names are copied as written."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from itertools import islice

from keloia.adapters.rules import guards, payments
from keloia.adapters.rules.dates import MONTHS, WEEKDAYS
from keloia.adapters.rules.gazetteer import PLACES
from keloia.adapters.rules.intents import KEYWORD_RES, PROFIT_RE
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.vocabulary import (
    ALREADY,
    COSTS_NAMED,
    DP,
    DRIVER,
    JAVANESE_HUNDREDS_WORDS,
    KERNET,
    NUMBER_WORDS,
    PAY,
    PURPOSE,
    SETTLE,
    TRANSFER,
    word_re,
)
from keloia.domain.model.clients import (
    BALINESE_TITLES,
    BANYUMAS_TITLES,
    MAKASSAR_TITLES,
    NAME_TITLES,
    SUMATRAN_TITLES,
    mentioned,
    name_key,
)

# Titles before a name, with their short and regional forms: "Pak Agus", "Ust. Hanif",
# "Hj Sumiati", "Koh Liem".
HONORIFICS = (
    *NAME_TITLES,
    "bpk",
    "pk",
    "pa",  # Sundanese "pa Dadang"
    "mba",
    "sdr",
    "sdri",
    "kak",
    "bang",
    "tante",
    "cak",
    "dik",
    "dek",
    "adek",
    "ustadz",
    "ustad",
    "ust",
    "haji",
    "hj",
    "h",
    "dr",
    "koh",
    "cik",
    "teh",
    "kang",
    "teteh",
    "aa",
    "akang",
    "ceu",
    "mang",
    "bude",
    "pakde",
    "mbah",
    "ko",
    "ci",
    # East Javanese (pesantren) titles: "Kyai Hasan", "Gus Mus", "Nyai Fatimah".
    "kyai",
    "kiai",
    "gus",
    "nyai",
    *BALINESE_TITLES,  # "Bli Putu", "Mbok Ayu", "Gek Sri"
    *SUMATRAN_TITLES,  # "Lae Pardosi", "Amang Sitorus", "Uni Rahmi", "Uda Hendri"
    *BANYUMAS_TITLES,  # "Yu Karsih", "Kaji Rohmat"
    *MAKASSAR_TITLES,  # "Daeng Rudi", "Puang Haji"
    # Foreign guests and agents: "Mr. Kim", "Mrs. Tanaka".
    "mr",
    "mrs",
)
# Words that start an organisation's name.
ORG_HEADS = (
    "sman",
    "smpn",
    "sdn",
    "smkn",
    "sma",
    "smp",
    "smk",
    "sd",
    "mi",
    "mts",
    "man",
    "ma",
    "tk",
    "paud",
    "kb",
    "pt",
    "cv",
    "ud",
    "masjid",
    "mesjid",
    "musholla",
    "mushola",
    "musala",
    "gereja",
    "gki",
    "gkj",
    # Church denominations named by their initials: "GBI Bethel Tegal", "HKBP Semarang".
    "gbi",
    "gpdi",
    "gpib",
    "gkjw",
    "hkbp",
    "paroki",
    "koperasi",
    "kopdit",
    "dinas",
    "yayasan",
    "ponpes",
    "pondok",
    "pesantren",
    "universitas",
    "univ",
    "politeknik",
    "stikes",
    "institut",
    "majelis",
    "majlis",
    # A mosque's board (Dewan Kemakmuran Masjid), as West Java writes it: "DKM Al-Ikhlas".
    "dkm",
    "jamaah",
    # Pilgrims' guidance groups: "KBIH Al Hidayah", "KBIHU Nurul Iman".
    "kbih",
    "kbihu",
    "jemaah",
    "komunitas",
    "karang taruna",
    "dharma wanita",
    "paguyuban",
    # Farmers' groups: "kelompok tani Sido Makmur", "poktan Ngudi Rejeki", "KWT Melati".
    "kelompok tani",
    "kelompok wanita tani",
    "kwt",
    "poktan",
    "kelompok",
    "keluarga besar",
    # A family's descendants as a party: "Bani Syamsuri", "trah Mangunwijayan".
    "bani",
    "trah",
    "desa",
    "kelurahan",
    "kecamatan",
    "pemdes",
    "pemkab",
    "pemkot",
    "kantor",
    "bank",
    "puskesmas",
    "rs",
    "rsud",
    "rsup",
    "rsia",
    "rumah sakit",
    "klinik",
    "perumahan",
    "arisan",
    "pengajian",
    # East Javanese religious groups: "yasinan RT 05 kebonsari", "TPQ Nurul Huda Blimbing",
    # "muslimat NU ranting sumbersari".
    "yasinan",
    "tahlilan",
    "sholawatan",
    "tpq",
    "tpa",
    "muslimat",
    "fatayat",
    "kud",
    "bumdes",
    "sanggar",
    "gapoktan",
    "pokdarwis",
    "pkk",
    "osis",
    "ikatan",
    "persatuan",
    "himpunan",
    "toko",
    "panti",
    "rt",
    "rw",
    "club",
    "klub",
    "tim",
    "sekolah",
    "smait",
    "sdit",
    "smpit",
    "bimbel",
    "kb-tk",
    "hotel",
    "travel",
)

_HON_RE = "|".join(sorted(HONORIFICS, key=len, reverse=True))
# One space (or a dot) between honorific and name: a wider gap is a masked value.
HONORIFIC_RE = re.compile(rf"\b(?:{_HON_RE})(?:\.\s?|\s)(?=[a-z])")
_ORG_RE = "|".join(
    re.escape(h).replace(r"\ ", r"\s+") for h in sorted(ORG_HEADS, key=len, reverse=True)
)
ORG_RE = word_re(_ORG_RE)
# WhatsApp's bold and italic marks ("*Pak Darto*") close a word.
TOKEN_RE = re.compile(r"[^\s,.;:!?()\[\]\"/*_~]+|\.(?=\S)")

# Parts of a bus a driver reports on: "pak rem bus 03 bunyi", "pak remnya ...".
PARTS = words("ac rem ban aki oli mesin kopling lampu sein klakson wiper radiator")
# Honorifics a message uses to address the reader, never a name ("siap pak", "pak, ...",
# "pak solar bus 01 td 800rb": a part or a cost named to the owner; "pak isi solar 1,2jt",
# "pak tambal ban 150rb": what was done, told to the owner; "pak hapus yg barusan": what
# to do; "mas bot", "kak admin": the assistant itself; "pak tamunya minta nambah sehari":
# the party, "pak jemput bu tini dmn": the pick-up asked; "pak niki solar 850rb nggih":
# Javanese and Sundanese "this", "that" and "yes" are nobody's name).
NOT_A_PERSON = (
    STOP_WORDS
    | words(
        """bos boss admin owner sopir supir driver kernet kenek crew pengurus ketua panitia sangu
    ngasih ngasi dikasih dikasi nitip nitipin penginapan hotel losmen homestay parkir solar
    bensin premi aman lancar beres jadi jd oke
    sisa sisanya sisane kurangnya kekurangannya
    guru kepala lurah camat rt rw semua sekalian dulu ya yah iya nggih ngih injih mogok rusak
    sakit operasi opname lapor info mohon maaf punten permisi assalamualaikum halo hallo selamat
    pagi siang nyuwun sewu ngapunten nuwun abdi
    sore malam tolong minta siapa kapan bagaimana gimana mana dimana berapa pelanggan klien
    pembayaran pemesanan semua list daftar rekap cek data lapor laporan hai terima makasih
    thanks mohon dicatat catat catet dicatet nyatet bos min mimin bot bott robot chatbot
    asisten keloia ingat tanya kalau kalo mulai sejak
    kabar update sy saya aku aq gue gw kami kita
    premi preminya premine
    solar slr bbm bensin pertalite pertamax dexlite biosolar tol etol parkir parkiran
    solarnya solare bensinnya bensine tolnya parkirnya parkire
    makan mkn maem mangan dahar tuang konsumsi ngopi uang
    thr gaji gajinya kasbon jatah cuti libur izin ijin
    isi ngisi ngisiin isiin diisi abis habis tambal nambal ditambal nambel tambel
    ga gak gk nggak ngga enggak engga tidak tdk ndak batal cancel cancelled jadi jd
    salah keliru bukan bkn ternyata hapus hapusin dihapus apus apusin diapus ralat revisi koreksi
    sim stnk kir asuransi asuransinya kps
    telat telatnya terlambat molor ngaret kesiangan otw bangun tangi
    tripnya bookingnya bookingan sewanya orderan ordernya pesanannya rombongannya jadwalnya
    rencana rencananya acara acaranya harusnya seharusnya mestinya semestinya sebenarnya
    hajatan hajatane sunatan sunatane khitanan nikahan nikahane kondangan resepsi tahlilan
    telp telpon telepon tlp tlpn telfon nelpon nelp ditelp ditelpon wa whatsapp sms chat hp hape
    ngechat nge-wa ngewa bilang ngomong
    pdf pdfnya pdfne file filenya filene
    sp spa sapa sopo sinten
    tamu tamunya tamune penumpang penumpangnya penumpange peserta pesertanya pesertane
    jemput jemputnya dijemput kontrol berobat periksa
    pemasukan pemasukannya pendapatan pendapatannya penghasilan omzet omzetnya omset omsetnya
    pengeluaran pengeluarannya keuangan
    niki iki puniki punika menika niku iku kuwi kui ieu eta nggeh njih inggih enggih
    surat kwitansi kuitansi invoice nota maintenance reminder format income revenue profit
    status
    operasinya sakitnya
    eh ehh ehm eits ups anu nah
    bener benar betul btl bnr ok oke okay okey siap siyap sip mantap lanjut gas
    wisata piknik rekreasi liburan ziarah tour tur
    kurangi kurangin lepas lepasin coret
    kepsek kasek bendahara sekretaris koordinator korlap sblm sebelum sblum
    takmir takmire takmirnya ketua ketuane ketuanya panitia panitiane panitianya pengurus
    lupa lali kelupaan karoseri karoserinya karoserine bengkelnya bengkele"""
    )
    | PARTS
    # "pak remnya bus 03 bunyi": a part with its "nya" (Javanese "ne") is no name either.
    | frozenset(part + suffix for part in PARTS for suffix in ("nya", "ne"))
    # Javanese "e" after a consonant: "wipere", "mesine", "kopling e".
    | frozenset(part + "e" for part in PARTS if part[-1] not in "aiueo")
    | frozenset(  # "mas kernetnya bsk sapa": the crew's role, every spelling of it, is no name
        w for w in f"{DRIVER}|{KERNET}".split("|") if w.isalpha()
    )
    # "tol trip masjid satus seket ewu": money in words ends a name ("masjid" alone).
    | JAVANESE_HUNDREDS_WORDS
    | words("seket selawe sewidak sejuta lali kelalen lupa bentrok tabrakan")
    # "invoice smk 2 sidoarjo kirimno": the request after the name ends it.
    | words("kirim kirimkan kirimin kirimno kirimke kirimi dikirim")
    # "Fwd: ...": a forwarded message's mark, nobody's name.
    | words("fwd fw forward forwarded diteruskan")
    # "masjid berarti udh beres ya?": what follows is drawn from what was said.
    | words("berarti brarti berati brati artinya")
    # "kernetnya mungkin dodi": a guess, no one called "Mungkin".
    | words("mungkin mngkn kayaknya kyknya sepertinya")
    # "Sesuai kesepakatan DP 8jt hangus": what was agreed, nobody called "Sesuai".
    | words("sesuai sesuai2 kesepakatan sepakat disepakati")
)
# Organisation heads that only count when written in capitals or followed by a name.
_WEAK_HEADS = words(
    """man ma mi rt rw tim sekolah kb travel h bank kantor toko desa kelompok keluarga club
    klub panti rs hotel kelurahan kecamatan komunitas"""
)


# Honorifics that are also ordinary words inside a company name ("Sinar Mas", "Toko Mas").
# "RSUP Dr. Sardjito": a hospital named after a doctor; its "Dr" starts no person.
_HOSPITAL_HEADS = frozenset({"rs", "rsu", "rsup", "rsud", "rsia", "rumah sakit", "sakit"})
# ("PT Gudeg Yu Djum": the Javanese "Yu", mbakyu, of a warung's founder.)
_NAME_HONORIFICS = frozenset({"mas", "yu"})
# First names that almost never stand alone ("bu sri wahyuni", "pak muhammad ali"): the
# next word is part of the name even when written in lower case.
COMPOUND_FIRST_NAMES = frozenset(
    {"sri", "siti", "dwi", "tri", "nur", "muhammad", "muh", "moh", "mochamad", "abdul", "ahmad"}
    # Bali's names by birth order, said before the given name: "pak wayan sukarta", "bu
    # komang ayu".
    | {"wayan", "made", "nyoman", "ketut", "putu", "kadek", "komang", "nengah", "gede", "ngurah"}
)


def _plain_name_word(word: str) -> bool:
    """A lower-case word that can be a name: no honorific, no keyword ("ngebatalin", "gk")."""
    low = word.lower()
    if len(low) < 3 or low in HONORIFICS or not low.isalpha():
        return False
    return not any(regex.fullmatch(low) for regex in KEYWORD_RES)


def could_be_first_name(word: str) -> bool:
    """A lower-case word said alone that may be someone's first name: no word of the rules,
    no place, month or day."""
    return (
        _plain_name_word(word)
        and word not in NOT_A_PERSON
        and word not in PLACES
        and word not in MONTHS
        and word not in WEEKDAYS
    )


def _town_of_school(text: str, lower: str, head: str, tok: re.Match[str], count: int) -> bool:
    """A known town right after the number of a head in capitals ("SMA 1 sleman", "SMK 2
    depok") is the name's, as the same typed in capitals would be; not the start of a route
    ("SMA 1 jogja - dieng", "SMP 3 jogja ke dieng")."""
    word = tok.group()
    before = TOKEN_RE.findall(text[: tok.start()])
    return (
        count >= 1
        and head.isupper()
        and len(head) <= 4
        and word.islower()
        and word in PLACES
        and bool(before)
        and re.fullmatch(r"\d{1,3}", before[-1]) is not None
        and not re.match(r"\s*(?:-|–|>|\b(?:ke|k|sampai|smp|menuju)\b)", lower[tok.end() :])
    )


def _lower_after_acronym(head: str, word: str, count: int) -> bool:
    """The first word after a head written in capitals ("SD", "SMK", "PT") is its name
    even in lower case, unless it is a word of the message."""
    low = word.lower()
    return (
        count == 0
        and head.isupper()
        and len(head) >= 2
        and len(word) >= 4
        and word.isalpha()
        and word.islower()
        and low not in STOP_WORDS
        and low not in NOT_A_PERSON
        and low not in PLACES
        and low not in HONORIFICS
        and not any(regex.fullmatch(low) for regex in KEYWORD_RES)
    )


# Where a driver says he has got to ("udh smp garasi", "smp pool").
_ARRIVAL_PLACES = words(
    "garasi garasinya pool pul rumah rmh lokasi tujuan terminal sana sini tempat"
    " hotel penginapan homestay villa bandara stasiun pelabuhan"
)


def _arrived(lower: str, start: int, end: int) -> bool:
    """ "udh smp garasi", "smp lokasi": "smp" written for "sampai" (arrived)."""
    after = re.match(r"\s+(\w+)", lower[end:])
    if after is not None and after.group(1) in _ARRIVAL_PLACES:
        return True
    if re.search(rf"\b(?:{ALREADY}|baru|br|wis|wes|blm|belum)\s*$", lower[:start]):
        return True
    # "20 menit lg smp hotel": the time left until it gets there; "tol smp semarang": the
    # toll road as far as there ("tol smp 2 depok" is that school's).
    gone_on = r"(?:menit|mnt|jam|jm)\s+(?:lg|lagi)|tol|toll|etol"
    named = after is not None and after.group(1).isdigit()
    # ("tol jogja smp cipali": from a place as far as another.)
    from_place = re.search(r"(\w+)\s*$", lower[:start])
    if not named and from_place is not None and from_place.group(1) in PLACES:
        return True
    return not named and re.search(rf"\b(?:{gone_on})\s*$", lower[:start]) is not None


def _named_after(text: str, pos: int) -> bool:
    """ "kantor Dishub", "desa Ngemplak": a weak head followed by a capitalised name."""
    m = re.match(r" ([A-Z][A-Za-z]+)\b", text[pos:])
    if m is None or text[pos - 4 : pos].lower() == "bank":
        return False
    word = m.group(1)
    low = word.lower()
    if low in NOT_AN_ACRONYM or low in PLACES or low in HONORIFICS or low in STOP_WORDS:
        return False
    return len(word) >= 3 and (word.isupper() or word[1:].islower())


def _next_is_capital(text: str, pos: int) -> bool:
    return re.match(r"\s*[A-Z]", text[pos:]) is not None


def _next_is_title(text: str, pos: int) -> bool:
    m = re.match(r" ([A-Z][a-z]{2,})\b", text[pos:])
    return m is not None and _is_name_word(m.group(1))


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str
    organisation: bool = False


# Capitals in chat that are words, not part of a name ("CV Berkah Jaya DP 2jt").
NOT_AN_ACRONYM = words("bca bri bni bsi btn bjb pp otw hp cp wa km ac wib qris cod dll")
# Titles between an honorific and the name ("bu nyai Fatimah", "pak h. Marzuki"); the Batak
# "br" (boru, a clan's daughter): "Inang br Situmorang".
TITLES = words(
    """lurah camat kades rt rw haji hajah hajjah kaji h hj hjh ustadz ustad dokter guru kepala
    kyai kiai nyai gus pendeta romo kapten mayor kolonel ir prof dosen
    br boru"""
)
# Offices a client is called by alone ("pak camat", "bu kades", "pak rt").
_OFFICES = words("lurah camat kades bupati dukuh")
# Common given names that are also month names or ordinary words ("Pak Agus", "Bu Juni").
NAMES_LIKE_WORDS = frozenset(
    ["agus", "juni", "juli", "mei", "april", "hari", "maju", "jaya", "sri", "tri", "dwi"]
)


def _is_name_word(token: str) -> bool:
    low = token.lower()
    if low in NAMES_LIKE_WORDS:
        return True
    if low in NOT_A_PERSON or low in MONTHS or low in WEEKDAYS:
        return False
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", token))


_NOT_A_TITLE_AFTER_RE = re.compile(r"\b(?:kebun|es|daun|pabrik)\s+$")
# A title said twice is a plural noun ("ibu ibu", "bapak-bapak"): the group, never a name.
_PLURAL_TITLES = frozenset({"ibu", "bapak"})
_PLURAL_BEFORE_RE = re.compile(r"\b(?:ibu|bapak)[\s-]$")


# A part of a bus and where on it: "kaca depan", "ban belakang", "lampu kiri", "ac bus".
_BUS_PARTS = words("kaca ban rem lampu pintu spion ac aki oli mesin kopling wiper bumper knalpot")
_PART_SIDES = words("depan dpn belakang blkg kiri kanan samping tengah bus")


def _part_after_address(tokens: list[re.Match[str]]) -> bool:
    return (
        len(tokens) > 1
        and tokens[0].group().lower() in _BUS_PARTS
        and tokens[1].group().lower() in _PART_SIDES
    )


def _org_after_address(tokens: list[re.Match[str]]) -> bool:
    """The word after a title is the head of an organisation with its name after it ("pak
    pkk ngentak", "bu SMA 1 sleman"): the title is the one written to; never a head that is
    also a first name ("pak man")."""
    head = tokens[0].group().lower()
    return (
        len(tokens) > 1
        and head in ORG_HEADS
        and len(head) >= 3
        and head not in _NAME_LIKE_HEADS
        and tokens[0].end() + 1 == tokens[1].start()
        and tokens[1].group().lower() not in STOP_WORDS
    )


_NAME_LIKE_HEADS = frozenset({"man", "dinas"})


# Titles said to the one written to ("ya mbak. hrgnya jd 13jt"): a full stop after one ends
# the sentence, never a short form before a name as "Bpk. Hendra" or "Ust. Hanif" are.
_SPOKEN_TITLES = frozenset(
    {*NAME_TITLES, "mba", "kak", "bang", "kang", "dek", "dik", "adek", "mbah", "tante", "teh"}
)


def find_people(text: str, lower: str) -> list[NameMention]:
    """Honorific + name: the first word always, more only when written capitalised."""
    found: list[NameMention] = []
    for m in HONORIFIC_RE.finditer(lower):
        head = text[m.start() : m.end()].strip()
        if head.endswith(".") and head[:-1].lower() in _SPOKEN_TITLES:
            continue  # "jd 2 bus ya mbak. hrgnya jd 13jt": the admin addressed, no client
        org = ORG_RE.match(lower, m.end())
        if org is not None and len(org.group()) >= 3 and org.group() not in ("man", "tim"):
            continue  # "mbak karang taruna condongcatur gajadi": the admin addressed, then
            # the group (never "Mbak Karang"); "pak man" is a name
        if (
            head.lower().rstrip(".") in ("h", "dr", "ko", "ci", "hj", "uda")
            and not head[0].isupper()
        ):
            continue
        if _NOT_A_TITLE_AFTER_RE.search(lower, 0, m.start()):
            continue  # "kebun teh kemuning": tea, no Sundanese "teh" (sister)
        if (
            _PLURAL_BEFORE_RE.search(lower, 0, m.start())
            and lower[m.start() : m.end()].strip() in _PLURAL_TITLES
        ):
            continue  # "ibu ibu arisan bu wati": the ladies of it, no "Ibu Arisan"
        pos = m.end()
        tokens = list(islice(TOKEN_RE.finditer(text, pos), 5))
        if _part_after_address(tokens):
            continue  # "pak kaca depan bus 03 retak": the owner addressed, then the part
        if tokens and tokens[0].start() == pos and _org_after_address(tokens):
            continue  # "pak pkk ngentak udh pulang": the owner addressed, the PKK the client
        # "Pak Lurah Giriwoyo", "pak RT Sugeng": a title, then the name proper.
        if (
            len(tokens) > 1
            and tokens[0].group().lower() in TITLES
            and tokens[0].start() == pos
            # "Bu Hj. Fatimah": a title shortened with its point.
            and text[tokens[0].end() : tokens[1].start()] in (" ", ". ")
            and _is_name_word(tokens[1].group())
        ):
            pos = tokens[1].start()
            tokens = tokens[1:]
        elif tokens and tokens[0].start() == pos and tokens[0].group().lower() in _OFFICES:
            # "pak camat mau nyewa bus 04": the office alone names the client.
            found.append(NameMention(m.start(), tokens[0].end(), text[m.start() : tokens[0].end()]))
            continue
        # "bu Wa Ode Sitti", "pak La Ode": the Butonese name's "Wa"/"La", written capital
        # before a capital name (never "wa" for WhatsApp).
        buton = (
            len(tokens) > 1
            and tokens[0].group() in ("Wa", "La")
            and tokens[1].group()[:1].isupper()
        )
        if (
            not tokens
            or tokens[0].start() != pos
            or not (buton or _is_name_word(tokens[0].group()))
        ):
            continue
        end = tokens[0].end()
        first_cap = tokens[0].group()[0].isupper()
        compound = tokens[0].group().lower() in COMPOUND_FIRST_NAMES
        for i, tok in enumerate(tokens[1:3]):
            word = tok.group()
            gap = text[end : tok.start()]
            lower_ok = compound and i == 0 and _plain_name_word(word)
            if gap != " " or not ((first_cap or lower_ok) and _is_name_word(word)):
                break
            if first_cap and not word[0].isupper():
                break
            if word.lower() in PLACES:
                break
            if word.lower() in ORG_HEADS and word.lower() not in _NAME_LIKE_HEADS:
                break  # "bu Lestari TK Aisyiyah": the school she is of, never her name
            end = tok.end()
        found.append(NameMention(m.start(), end, text[m.start() : end]))
    return found


# "trip masjid itu", "rombongan masjid udh pulang": a trip named by its client's kind alone
# (the PO's one mosque, its one PKK); the bookings say which client that is. So is the
# client of a payment or a paper ("hapus pembayaran gkj td", "kwitansi dp masjid").
_TRIP_OF_RE = re.compile(
    r"\b(?:trip|tripnya|rombongan|rombongane|rombongannya|booking|bookingan|bookingnya"
    r"|pesanan|pesenan|carteran|sewaan|pembayaran|pembayarannya|bayaran|transferan|tagihan"
    r"|pelunasan|kwitansi|kuitansi|invoice|dp)\s+$"
)


# "gkj dp 2jt", "masjid tf 1,5jt bca": the head alone opening a payment names who paid.
_PAYS_RE = re.compile(
    r"\s+(?:(?:udh|udah|sudah|sdh|dah)\s+)?(?:dp|tf|trf|transfer|lunas|pelunasan|bayar|byr"
    r"|cicil|nyicil|nambah\s+dp)\b"
)


def _trip_of(lower: str, start: int, head: str) -> bool:
    """A head alone right after a trip word, or opening a payment, and not the kind of a
    person's group ("rombongan pengajian bu Hajjah Siti": the client is Bu Hajjah Siti)."""
    end = start + len(head)
    after_trip_word = _TRIP_OF_RE.search(lower[max(0, start - 20) : start]) is not None
    paying = not lower[:start].strip() and _PAYS_RE.match(lower, end) is not None
    return (
        len(head) >= 3
        and head.lower() not in _WEAK_HEADS
        and (after_trip_word or paying)
        and HONORIFIC_RE.match(lower, end + 1) is None
    )


# "berangkat jam 4 subuh dr masjid ngaglik", "jemput di SD 2": where the trip starts, not
# who booked it.
_WHERE_FROM_RE = re.compile(
    r"\b(?:berangkat|brangkat|brgkt|brkt|jemput\w*|dijemput|kumpul\w*|start|titik)\s+"
    r"(?:[\w.]+\s+){0,3}?(?:di|dr|dari)\s+$"
)


_PURPOSE_RE = re.compile(rf"(?:{PURPOSE})\b")


# Heads of a company's name, whose words ("PT maju bersama") may be typed in lower case.
_COMPANY_HEADS = words("pt cv ud koperasi kopdit kud toko")
# What follows "maju" moving a trip: a day, "ke", "sehari", "jadi", or a value read there.
_MOVED_AFTER_RE = re.compile(
    r"\s+(?:ke|sehari|seminggu|jadi|jd|tgl|tanggal|tg|hari|\d)\b|\s{2,}|\s*$"
)


_NIGHTS_AFTER_RE = re.compile(r"\s*(?:wengi|bengi|malam|malem|mlm|peuting)\b")


# Kinds of a gathering, not of a school or a company: no town is their name's own.
_GATHERING_HEADS = words("arisan pengajian yasinan tahlilan sholawatan rombongan paguyuban")


_TAG_PARTICLES = words("to tho toh ta tah")


# "solar trip bank nusa brp": a bank whose trip it is, its name typed in lower case (never
# "tf bank bri", the bank the money went to).
_TRIP_BEFORE_RE = re.compile(r"\b(?:trip|tripnya|rombongan|rombongane|rombongannya)\s+$")
_BANK_NAME_RE = re.compile(rf"\s+(?!(?:{payments.BANK_WORDS})\b)[a-z]{{3,}}\b")


def _bank_of_trip(lower: str, start: int, end: int) -> bool:
    if lower[start:end] != "bank" or not _TRIP_BEFORE_RE.search(lower, 0, start):
        return False
    name = _BANK_NAME_RE.match(lower, end)
    return name is not None and name.group().strip() not in STOP_WORDS


def find_organisations(text: str, lower: str) -> list[NameMention]:
    found: list[NameMention] = []
    for m in ORG_RE.finditer(lower):
        if _WHERE_FROM_RE.search(lower[max(0, m.start() - 40) : m.start()]):
            continue
        head = text[m.start() : m.end()]
        if head == "smp" and _arrived(lower, m.start(), m.end()):
            continue  # "udh smp garasi": sampai (arrived), not a junior high school
        if (
            head.lower() in _WEAK_HEADS
            and not head.isupper()
            and not _named_after(text, m.end())
            and not _bank_of_trip(lower, m.start(), m.end())
        ):
            continue
        capital_head = head[0].isupper()
        typed_lower = False  # "PT sinar abadi": the name after the head typed in lower case
        end = m.end()
        count = 0
        prev = ""  # the word before, lower-cased
        for tok in TOKEN_RE.finditer(text, m.end()):
            if not lower[tok.start() : tok.end()].strip() or " " in lower[tok.start() : tok.end()]:
                break  # a date, an amount or a bus already read there
            gap = text[end : tok.start()]
            if gap not in (" ", ". ") and not (gap == "." and count == 0):
                break
            word = tok.group()
            last = prev if count else head.split()[-1].lower()
            if gap == ". " and len(last) > 3 and not word[0].isdigit():
                break  # "Karang Taruna Tunas Muda Bantul. Mau pesan": the sentence ends it
            low = word.lower()
            # A capitalised word after a capitalised head is part of the name even when it is
            # also a verb ("PT Maju Mundur"); lower-case stop words end the name.
            title_word = capital_head and len(word) > 2 and word[0].isupper() and word[1:].islower()
            if low in MONTHS or low in WEEKDAYS:
                break
            legs = low.split("-")
            dash = re.match(r"\s*-\s*([a-z]+)", lower[tok.end() :])
            gathering = head.lower() in _GATHERING_HEADS
            if (len(legs) == 2 and legs[0] in PLACES and legs[1] in PLACES) or (
                low in PLACES and dash and (count or (gathering and dash.group(1) in PLACES))
            ):
                # "pt maju jaya smg-bali": the route after the name; "arisan jogja - wonosobo"
                # (two known places) right after a gathering's kind, too ("SMAN Kalasan -
                # Bandung" is the school of Kalasan).
                break
            if low.isdigit() and _NIGHTS_AFTER_RE.match(lower, tok.end()):
                break  # "penginapan sopir trip sd muh 2 wengi 400rb": two nights, no name
            if count and word.islower() and _PURPOSE_RE.match(lower, tok.start()):
                break  # "sman 2 ngaglik study tour ke jakarta": what the trip is for
            # "PT Sinar Mas Abadi", "PT Sinar Mas tgl 19": a capitalised "Mas" (gold) after
            # capitalised words of the name, a name word or none after it (no person it
            # could be the honorific of); anywhere else an honorific starts a person.
            hospital_of = low == "dr" and last.lower() in _HOSPITAL_HEADS  # "RSUP Dr. Sardjito"
            if (
                low in HONORIFICS
                and not hospital_of
                and not (
                    low in _NAME_HONORIFICS
                    and count
                    and capital_head
                    # ("SD Negeri 3 Yu Sri": its teacher; "PT Gudeg Yu Djum": the name.)
                    and (low == "mas" or head.lower() in _COMPANY_HEADS)
                    and word[0].isupper()
                    and word[1:].islower()
                    and (_next_is_title(text, tok.end()) or not _next_is_capital(text, tok.end()))
                )
            ):
                break
            # "PKK RT 05", "SMA N 2": short capitals belong to an organisation's name.
            acronym = (
                word.isupper()
                and len(word) <= 4
                and low not in STOP_WORDS
                and low not in NOT_AN_ACRONYM
            )
            # ("arisan rt 05 condongcatur": a neighbourhood's number, typed in lower case.)
            ward = low in ("rt", "rw") and re.match(r"\s+\d{1,3}\b", lower[tok.end() :])
            kept = title_word or acronym or hospital_of or bool(ward)
            if not kept and low not in NAMES_LIKE_WORDS and low in NOT_A_PERSON:
                break
            if low in _TAG_PARTICLES and word.islower():
                break  # "..., karang taruna to": the Javanese "isn't it", no part of the name
            if word.islower() and _TRIP_KIND_RE.match(lower, tok.start()):
                break  # "sma n 3 jogja studi wisata bali": what the trip is, after the name
            # "trip masjid untung brp", "rombongan pkk untungnya": a word of the question
            # (typed in lower case) ends the name.
            # "PT maju bersama", "pt maju jaya": a word names are made of ("maju", "jaya")
            # right after a company's head is the name's, not the verb ("PKK maju ke tgl 5",
            # "SD 2 maju sehari", "PT maju jadi tgl 6": the trip moved).
            name_like = (
                low in NAMES_LIKE_WORDS
                and word.islower()
                and not count
                and head.lower() in _COMPANY_HEADS
                and not _MOVED_AFTER_RE.match(lower, tok.end())
            )
            keyword = any(r.fullmatch(low) for r in (*KEYWORD_RES, PROFIT_RE))
            if word.islower() and keyword and not name_like:
                break
            numbered = prev.lower() in ("n", "negeri") and low in NUMBER_WORDS  # "negeri satu"
            if (
                re.fullmatch(r"\d{1,3}", word)
                or low in ("n", "negeri", "al", "st", "st.")
                or numbered
            ):
                pass
            elif _lower_after_acronym(head, word, count) or name_like:
                typed_lower = True  # "SD muhammadiyah", typed in a hurry: a name follows
            elif (prev == "al" or (count == 1 and prev.isupper() and prev.isalpha())) and (
                _lower_after_acronym(head.upper(), word, 0)
            ):
                # "MTs al hikmah", "SMP IT insan mulia": the name after its article or its
                # kind in capitals, typed in lower case.
                typed_lower = True
            elif _town_of_school(text, lower, head, tok, count):
                pass  # "SMA 1 sleman": the town a numbered school is of, typed in lower case
            elif (
                capital_head
                and not (typed_lower and word.islower())
                and not (word[0].isupper() or word[0].isdigit())
                # "SD muhammadiyah": a short head in capitals, then its name as typed.
                and not (count == 0 and head.isupper() and len(head) <= 4 and len(word) > 3)
            ) or not re.fullmatch(r"[A-Za-z0-9'’-]+", word):
                break
            end = tok.end()
            count += 1
            prev = word if word.isupper() else low
            if count >= 5:
                break
        if count == 0 and not re.search(r"\s", head) and not _trip_of(lower, m.start(), head):
            continue  # "karang taruna" alone still names one (its members say it so)
        found.append(NameMention(m.start(), end, text[m.start() : end], organisation=True))
    # Words of what a trip is, read here only: kept out of module scope, so they explain
    # no message to the coverage check (coverage.KEYWORDS).
    not_an_agency = words(
        """study studi stady paket objek obyek tempat lokasi kota bus bis armada agen biro jasa
        kegiatan program city religi alam kuliner edukasi sekolah ziarah perjalanan"""
    )
    for m in _AGENCY_RE.finditer(lower):
        word = m.group("word")
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        if word in NOT_A_PERSON or word in not_an_agency or word in PLACES:
            continue
        if word in MONTHS or word in WEEKDAYS or any(r.fullmatch(word) for r in KEYWORD_RES):
            continue
        found.append(NameMention(m.start(), m.end(), text[m.start() : m.end()], organisation=True))
    return found


# "studi wisata", "study tour": the kind of trip said right after the group's name.
_TRIP_KIND_RE = re.compile(r"(?:studi|study|stady)\s+(?:wisata|tour|tur)\b|studytour\b")


# "arjuna tour", "lintas wisata", "sekar travel": a tour agent, one word and its trade after
# it, typed in lower case; never what a trip is ("study tour", "paket wisata", "bus wisata").
_AGENCY_RE = re.compile(r"\b(?P<word>[a-z]{3,15})\s+(?:tour|tours|travel|wisata)\b")


# "rombongan pkk aman", "tamu2 aman semua pak": a driver reassuring the owner that the
# group he carries is fine, said beside what he reports (a flat tyre on the road); it names
# no client the message is about.
REASSURED_RE = re.compile(
    r"\b(?:rombongan\w*|tamu\w*|penumpang\w*|peserta\w*|anak2|semua\w*)"
    r"(?:\s+[a-z0-9]+){0,3}?\s+(?:aman|selamat|sehat|baik|baik2|aman2|ok|oke|gpp)"
    r"(?:\s+(?:kok|semua|smua|aja|aj|pak|bos|bu|mas|terkendali))*(?=\s*(?:[,.;!\n]|$))"
)


def reassured(lower: str) -> list[tuple[int, int]]:
    """Where a message says its group is fine ("rombongan pkk aman"): nobody named there."""
    return [m.span() for m in REASSURED_RE.finditer(lower)]


# "a.n. Rudi Hartono", "atas nama Budi", "nama: Pak Hendra" (an honorific is read elsewhere).
ON_BEHALF_RE = re.compile(
    r"(?:\ba\.\s?n\.?|\ban\.|\ba/n|\batas\s+nama|\bnama\s*:|\bpemesan\s*:?)\s*(?=[A-Za-z])"
)


# "terima dp dari Budi": in a payment, a capitalised name after "dari".
FROM_PAYER_RE = re.compile(
    rf"\b(?:{PAY}|{TRANSFER}|{DP}|{SETTLE}|terima|masuk|uang)\b[^,\n]*?\b(?:dari|dr)"
    r"\s+(?=[a-z])"
)


def find_on_behalf(text: str, lower: str) -> NameMention | None:
    m = ON_BEHALF_RE.search(lower)
    if not m:
        m = FROM_PAYER_RE.search(lower)
        if not m or not text[m.end()].isupper():
            return None
    tokens = list(islice(TOKEN_RE.finditer(text, m.end()), 3))
    if not tokens or tokens[0].start() != m.end() or not _is_name_word(tokens[0].group()):
        return None
    if tokens[0].group().lower() in PLACES:
        return None
    end = tokens[0].end()
    capital = tokens[0].group()[0].isupper()
    for tok in tokens[1:]:
        word = tok.group()
        if text[end : tok.start()] != " " or not (capital and word[0].isupper()):
            break
        if not _is_name_word(word) or word.lower() in PLACES:
            break
        end = tok.end()
    return NameMention(m.end(), end, text[m.end() : end])


def find_known_client(
    lower: str, clients: tuple[str, ...], team: tuple[str, ...]
) -> NameMention | None:
    """A client the PO already has, named without the title its booking wrote ("hendra sisa
    brp" for Pak Hendra). The PO's own people, everyday words and places are never taken
    for a client."""
    own = {name_key(t).split()[0] for t in team if name_key(t)}
    found = (
        mentioned(lower, clients, own | NOT_A_PERSON | PLACES)
        or _by_kind_alone(lower, clients, own)
        or _by_last_word(lower, clients, own | NOT_A_PERSON)
    )
    if found is None:
        return None
    # "sari roti buat snack 200rb", "jaya motor servis bus 02": a shop named after a person.
    after = lower[found[1] :].split()
    if after and after[0] in SHOP_WORDS:
        return None
    return NameMention(*found)


# A trip named by a word of its group: "yg kotagede", "trip kotagede", "rombongan kotagede".
_TRIP_NAMED_BY_RE = re.compile(r"\b(?:yg|yang|sing|trip|tripnya|rombongan|booking)\s+$")


def _by_last_word(
    lower: str, clients: tuple[str, ...], never: Collection[str]
) -> tuple[int, int, str] | None:
    """A group named by the last word of its name after a word naming a trip ("brp hari yg
    kotagede?" for SD Muhammadiyah Kotagede), when exactly one known group's name ends so;
    alone the word is a place ("jemput di kotagede", "solar di spbu kotagede")."""
    found: dict[str, tuple[int, int, str]] = {}
    for client in clients:
        key = name_key(client)
        words = key.split()
        if key != " ".join(client.casefold().split()) or len(words) < 2:
            continue  # a titled person, or a name of one word
        last = words[-1]
        if len(last) < 5 or last in never:
            continue
        for m in re.finditer(rf"\b{re.escape(last)}\b", lower):
            # ("solar 500rb di spbu kotagede", "jemput di condongcatur": a place, no group.)
            before = lower[: m.start()]
            at_a_place = re.search(
                r"\b(?:di|ke|dr|dari|daerah|spbu|pom|bengkel|toko|jl|jln|arah|lewat|via|neng|ning)\s+$",
                before,
            )
            # ("arisan rt 05 condongcatur sewa srikandi": another group of that place.)
            other = guards.OTHER_GROUP_BEFORE_RE.search(before)
            if other is not None and other["kind"] not in words:
                continue
            if _TRIP_NAMED_BY_RE.search(before) or (last not in PLACES and not at_a_place):
                found.setdefault(key, (m.start(), m.end(), client))
    [(_, only)] = found.items() if len(found) == 1 else [("", None)]
    return only


# A place before the kind of organisation makes it a place: "jemput di masjid".
_PLACE_BEFORE_RE = re.compile(r"\b(?:di|ke|dari|dr|depan|dekat|dkt|samping|belakang)\s+$")
_SHORT = 5  # words: a follow-up ("kalo masjid?", "pkk sisa brp"), not a new request


# Money from someone: "uang dr pkk 1,5jt", "titipan dari masjid", "sisa masjid 2,3jt": whose
# money, never a place.
_MONEY_FROM_RE = re.compile(
    r"\b(?:uang\w*|duit\w*|titipan\w*|pelunasan\w*|dp\w*|sisa\w*|bayaran\w*|setoran\w*"
    r"|pembayaran\w*|tunai|cash"
    # "uang jalan pkk sesuk 500rb ...": a cost of that group's trip.
    r"|uang\s+jalan|premi)\s+(?:(?:dari|dr)\s+)?$"
)
# What a group's trip cost, its costs listed after it: "biaya pkk: uang jalan 750rb, tol
# 350rb", "biaya pkk uang jalan ..." (never a price asked: "biaya sd brp kalo ke bali").
_COSTS_OF_RE = re.compile(rf"\b(?:{COSTS_NAMED})\s+$")


_DRIVES_FOR_RE = re.compile(
    r"\b(?:nyopir|nyopiri|nyetir|nyupir|bawa|nggowo|nggawa|narik|megang|pegang|ngeterke|nganter)"
    r"(?:in|ke|i)?\s+$"
    # ("isi solar bus 03 buat besok pkk 1,2jt": the trip the money is for.)
    r"|\b(?:buat|untuk|utk|nggo|kanggo)\s+(?:(?:besok|bsk|sesuk|lusa|trip|tripnya)\s+)?$"
)
_SUBJECT_BEFORE_RE = re.compile(
    r"\W*(?:(?:bu|bpk|pak|ibu|bapak)\s+)?(?:(?:ketua|kepala|bendahara|pengurus)\s+)?"
)
# What a group does, said right after its kind: "pkk nego", "masjid minta": no other name.
# (Every word table here is a keyword to coverage.py: only words already read elsewhere.)
_TOLD_WORDS = frozenset(["nego", "minta", "mau", "bilang", "tanya"])
# What was spent on a group's trip, said right after its kind: "biaya pkk uang jalan 750rb",
# "pkk solar 1,2jt": a cost, no other name.
_SPENT_WORDS = frozenset(["uang", "solar", "tol", "parkir", "bensin", "premi", "makan"])


def _by_kind_alone(
    lower: str, clients: tuple[str, ...], own: Collection[str] = ()
) -> tuple[int, int, str] | None:
    """An organisation named by its kind alone in a short message ("kalo masjid?" after
    another client's balance, "karang taruna udh dp?"), or as whose money it is ("uang dr
    pkk 1,5jt sy pegang"): the one known client of that kind. Two of a kind, or a kind said
    as a place, name nobody."""
    short = len(lower.split()) <= _SHORT
    for m in ORG_RE.finditer(lower):
        head = " ".join(m.group().split())
        money_from = _MONEY_FROM_RE.search(lower[: m.start()])
        # ("slamet yg nyopir pkk ke borobudur": the group whose trip a driver takes.)
        money_from = money_from or _DRIVES_FOR_RE.search(lower[: m.start()])
        after = [w.strip(",.;:!?") for w in lower[m.end() :].split()]
        listed = bool(re.match(r"\s*(?:\w+\s+)?[:(]", lower[m.end() :])) or (
            bool(after) and after[0] in _SPENT_WORDS
        )
        money_from = money_from or (_COSTS_OF_RE.search(lower[: m.start()]) if listed else None)
        # "bu ketua pkk nego, potongan 1jt aja ...": the group opening the message, or its
        # head's, is what the message is about, however long.
        subject = _SUBJECT_BEFORE_RE.fullmatch(lower[: m.start()]) is not None
        if head in _WEAK_HEADS or not (short or money_from or subject):
            continue
        if not money_from and _PLACE_BEFORE_RE.search(lower[: m.start()]):
            continue
        # ("masjid tolong dicatat ...": an everyday word after it; "pkk rw 05": its unit.)
        # ("pkk besok slamet yg bawa": one of the PO's people after it, its crew.)
        told = bool(after) and (
            after[0] in _TOLD_WORDS
            or after[0] in _SPENT_WORDS
            or after[0] in own
            or (after[0] in NOT_A_PERSON and after[0] not in ("rt", "rw"))
        )
        if (
            after
            and not (told or after[0] in NOT_A_PERSON)
            and after[0].isalpha()
            and len(after[0]) > 3
        ):
            continue  # "masjid agung": another name, not the known one
        if subject and not (short or money_from or told):
            continue  # "pkk rw 05 sewa ...", "masjid al ikhlas ...": another group
        kind = [c for c in clients if name_key(c).startswith(head + " ")]
        if len({name_key(c) for c in kind}) == 1:
            return m.start(), m.end(), kind[0]
    return None


SHOP_WORDS = words(
    """roti motor mobil toko mart bengkel jaya abadi makmur sentosa ban oli service servis
    sparepart spare part diesel travel trans cell bakery catering katering rm resto warung"""
)


# "trip sinar mulya rampung", "trip sinar mulya untung piro": a client named bare after
# "trip", with no title or head, right before the trip is said done or its profit asked.
_TRIP_CLIENT_RE = re.compile(
    r"\btrip\s+(?P<name>[a-z]{3,}(?:\s+[a-z]{3,})?)\s+(?=(?:(?:udh|udah|sudah|sdh|wis|wes)\s+)?"
    r"(?:rampung|selesai|beres|kelar|untung\w*|laba\w*|rugi\w*)\b)"
)


def find_trip_client(text: str, lower: str) -> NameMention | None:
    """The client of a trip named bare after "trip" (`_TRIP_CLIENT_RE`); never a place, a
    month, a day or a word of a rule ("trip bali untung brp" is the trip by its place)."""
    m = _TRIP_CLIENT_RE.search(lower)
    if m is None:
        return None
    for word in m.group("name").split():
        if word in NOT_A_PERSON or word in PLACES or word in MONTHS or word in WEEKDAYS:
            return None
        if any(k.fullmatch(word) for k in KEYWORD_RES):
            return None
    return NameMention(m.start("name"), m.end("name"), text[m.start("name") : m.end("name")])


def find_leading_name(text: str) -> NameMention | None:
    """A capitalised name opening the message without an honorific ("Budi sewa bus ...")."""
    m = re.match(r"\s*((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})(?=[\s,:]|$)", text)
    if not m:
        return None
    words = m.group(1).split()
    if any(w.lower() in NOT_A_PERSON or w.lower() in PLACES for w in words):
        return None
    if any(w.lower() in MONTHS or w.lower() in WEEKDAYS for w in words):
        return None
    # "Servis besar hdd 1", "Ganti oli bus 3": an opening keyword is an action, not a name.
    if any(regex.fullmatch(w.lower()) for w in words for regex in KEYWORD_RES):
        return None
    return NameMention(m.start(1), m.end(1), m.group(1))
