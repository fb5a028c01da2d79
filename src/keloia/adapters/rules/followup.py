"""A message that leans on the last answer (ExtractionContext.topic, what that answer was
about): "kalo minggu ini" after the month's income, "jemputnya dmn jam brp" after a
driver's trips, "biaya paling gede apa" after a trip's profit, "pake wahyu aja" after who
drives a trip. It is read so only when it is elliptical: nothing in it but the words of a
follow-up and its values; a message that says enough to stand alone is read on its own."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from keloia.adapters.rules.costs import COST_WORDS, find_cost_type
from keloia.adapters.rules.crew import crew_lines
from keloia.adapters.rules.dates import WEEKDAYS
from keloia.adapters.rules.fields import (
    DEPARTURE_WORDS,
    PICKUP_WORDS,
    PLACE_ASKED_RE,
    crew_asked,
    debt_rank,
    fields_for,
    iso,
    lately,
    listed_buses,
    swap,
    trip_detail,
    until_dates,
)
from keloia.adapters.rules.gazetteer import PLACE_RE
from keloia.adapters.rules.intents import (
    BUS_SWAPPED_FIRST_RE,
    DATE_ASKED_RE,
    DONT_APART_RE,
    EH_DONT_APART_RE,
    HOLIDAYS_RE,
    NO_BUS_RE,
    NO_DRIVER_RE,
    PROBLEM_RE,
    QUESTION_RE,
    UNDERWAY_RE,
)
from keloia.adapters.rules.intents import NOT_RENEWED_RE as NOT_YET_RENEWED_RE
from keloia.adapters.rules.newbus import SEATS_RE, read_seats
from keloia.adapters.rules.papers import paper_fields
from keloia.adapters.rules.reading import DOC_KIND_RES, Found
from keloia.adapters.rules.routes import Route
from keloia.adapters.rules.text import words
from keloia.adapters.rules.vocabulary import (
    BALANCE,
    CREW_WORD_RE,
    DRIVER,
    DRIVER_WORD_RE,
    KERNET,
    KERNET_WORD_RE,
    NO,
    NOT_YET,
    word_re,
)
from keloia.domain.model.clients import name_key
from keloia.domain.model.fleet import BUS_DOCUMENTS, PERSON_DOCUMENTS
from keloia.domain.model.intents import Extraction, Intent, follow_up_fields
from keloia.domain.model.moves import seat_asked_in
from keloia.domain.model.text import MONTHS

# What a follow-up is made of besides its values: how it leans on what came before
# ("kalo", "trus"), whom it is said to, softeners and question words.
LEAD_WORDS = words(
    """kalo kalau klo kl kalo2 lek nek trus terus truss trs lalu lha lho nah sedangkan gimana
    gmn gmana bagaimana brp berapa brapa apa ya yah sih dong deh aja saja pak bu mbak mba mas
    min bos kak yg yang itu nya juga jg jd jadi jadinya brarti berarti berati brati artinya oh o
    ok oke okey sip hmm wah eh skrg sekarang trip to tu
    tripnya dia dianya beliau kok lho loh kan lah tuh nih td tadi tdi
    maksudku maksudnya maksude maksud"""
)
# After a schedule answer: what else about the trips shown ("jemputnya dmn jam brp",
# "sopirnya sapa", "berangkat jam brp").
TRIP_DETAIL_WORDS = words(
    """jemput jemputnya penjemputan dijemput kumpul kumpulnya titik brgkt berangkat
    berangkatnya brkt brangkat jam jamnya pukul sopir sopirnya sopire supir supirnya supire
    driver drivernya kernet kernetnya kernete kenek keneknya keneke bus busnya bis rute rutenya
    nyopir nyupir nyetir
    tujuan tujuannya
    pulang pulangnya plg balik baliknya dimana dmn dmna mana kemana kmn lokasi lokasinya
    alamat alamatnya tempat tempatnya sapa siapa sp kapan kpn di ke lewat lwt jalur jalurnya
    tgl tglnya tanggal tanggalnya hari harinya rombongan rombongannya rombongane klien
    kliennya tamu tamunya penumpang penumpangnya pelanggan pelanggannya dr dari asal
    asalnya armada armadanya unit unitnya kendaraan kendaraannya
    e ne tetap tetep ttp masih msh"""
)
# "pake bus apa pak?", "sy bawa unit yg mana": how the trip shown rides, asked. Said with
# no bus named and a question, never "pake bus 04 aja" (a change).
RIDE_WORDS = words("pake pakai pakek make naik bawa nyetir sy saya aku")
THERE_IS_WORDS = words("ada ga gak nggak ngga enggak ora tidak tdk")
# "kernete ada ga? opo aku dewean": or does he go alone, asked with it.
ALONE_WORDS = words("opo apa atau ato aku sy saya dewean dewekan dewe sendiri sendirian")
# After a period's income: who paid most ("yg paling gede dari siapa").
BIGGEST_WORDS = words("paling terbesar gede gedhe besar banyak byk bnyk terbanyak")
# After a period's income: how it came in ("yg cash brp, yg tf brp"), which its answer splits.
HOW_PAID_WORDS = words(
    "cash tunai cashnya tunainya tf transfer transferan trf tfnya transfernya qris"
)
HOW_PAID_JOINERS = words("lewat via sama sm dan masing2 masing-masing")
PAYER_WORDS = words("siapa sapa sp dari dr masuk bayar bayarnya pembayaran uang duit")
# After a schedule: what its trips are worth together ("total nilainya brp").
VALUE_WORDS = words("nilai nilainya harga harganya total totalnya semua semuanya jumlah jumlahnya")
# A trip named by where it goes: "kalo yg ke bandung?", "yg malang brgkt jam brp?".
TO_WORDS = words("ke k arah tujuan")
THE_ONE_AT_RE = re.compile(rf"\b(?:yg|yang)\s+(?P<place>{PLACE_RE.pattern})")
# After an answer that is a sum (the income, the costs, the profit of a period): "total",
# said with another period, asks the same sum ("bulan ini total?" after last week's income).
SUM_WORDS = words(
    """total totalnya totale semua semuanya kabeh kabehe jumlah jumlahnya jumlahe keseluruhan
    seluruhnya"""
)
SUMS = frozenset(
    {
        Intent.QUERY_INCOME,
        Intent.QUERY_TRIP_COSTS,
        Intent.QUERY_PROFIT,
        Intent.QUERY_BUS_REVENUE,
        Intent.QUERY_WORKSHOP_COSTS,
    }
)
# After a trip's profit or costs: what its client has paid ("dp nya udh masuk brp"), the
# trips shown with what each has paid (query_schedule's detail "paid").
PAID_WORDS = words("dp dpnya panjar panjernya bayar byr dibayar bayarnya terbayar lunas tf")
PAID_DETAIL_WORDS = PAID_WORDS | words(
    """udh udah sudah sdh dah masuk msk brp berapa brapa blm belum apa uang muka um klien
    kliennya tamu tamunya rombongan rombongannya mereka mrk"""
)
ABOUT_A_TRIPS_MONEY = frozenset({Intent.QUERY_PROFIT, Intent.QUERY_TRIP_COSTS})
# After a day's trips: what their clients have paid ("udh bayar brp mereka").
PAID_AFTER = ABOUT_A_TRIPS_MONEY | {Intent.QUERY_SCHEDULE}
# After a trip's profit: what it cost ("biaya paling gede apa", "rincian biayanya").
COST_DETAIL_WORDS = words(
    """biaya biayanya biaya2 biaya2nya apa pengeluaran pengeluarannya ongkos ongkosnya paling
    gede gedhe besar
    terbesar banyak byk bnyk terbanyak gede2 rincian rinciannya rinci detail detailnya apa2 aja
    terbesarnya tergede tergedenya terbanyaknya gedenya besarnya termahal termahalnya mahal
    habis abis hbs hbis abs habisnya abisnya hbsnya ngabisin menghabiskan dihabiskan
    keluar keluarnya kluar klr kena kenanya kene doang tok thok total totalnya sm sama dan ama
    karo buat untuk utk di"""
)
COST_WORD_RE = word_re(r"biaya\w*|pengeluaran\w*|ongkos\w*")
# After the income: the money going out ("yg keluar brp").
OUT_WORDS = words("keluar keluarnya")
# The words of each kind of cost ("uang jalannya", "solar"), as words.
COST_TYPE_WORDS = words(
    " ".join(
        w + suffix
        for _, alt in COST_WORDS
        for w in re.findall(r"[a-z]+", alt)
        for suffix in ("", "nya")
    )
)
# Taking the person or bus named for the trip just talked about ("pake wahyu aja").
# "kasih wahyu aja": the trip given to a person (never "kasih tau wahyu": a word besides
# these and the person's name is no change).
# "pasang bus 04 sopir wahyu": the bus (and crew) put on the trip.
GIVE_WORDS = words(
    "kasih kasi kasihin kasiin kasihkan serahin serahkan serahkeun pasang pasangin dipasang"
)
ADDRESS_WORDS = words("pak bu mbak mba mas bos min kak eh oh")
# "ya ampun lali, slamet deh", "oh iya lupa, bus 03 aja": the slip owned (forgetting) before
# the value that puts it right; no yes, no other request.
REMEMBERED_WORDS = words(
    """iya iyo iyaa ampun astaga astagfirullah waduh wadoh aduh duh wah walah oalah lali
    lupa kelalen"""
) | words("gitu gt gtu gito begitu bgt ngono ngunu")  # "joko aja klo gt": then that one
# "oh iya dia izin", "dia kan libur": the absence of the one proposed, owned.
ABSENCE_OWNED_WORDS = words(
    "dia dianya izin ijin libur cuti sakit off halangan berhalangan ga gak gk nggak tdk bisa bs kan"
)
CHANGE_WORDS = GIVE_WORDS | words(
    """pake pakai pakek ganti diganti gantinya yaudah yaudh yowis yowes wis udah udh sdh
    sudah aja saja sekalian sekalan skalian ya sama sm dong deh ok oke sip jadi jd buat utk untuk"""
)
# Who stands in for the one who is off, said of the one named: "joko aja yg gantiin", "biar
# wahyu yg nggantiin", "penggantinya joko".
STANDS_IN_WORDS = words(
    """yg yang biar biarin gantiin gantikan gantiken nggantiin ngegantiin nggantikan
    menggantikan ngganti gantinya penggantinya pengganti narik nyopir nyetir bawa"""
)
# "pindah ke bus 03 aja", "dipindah ke srikandi": the trip just shown moved to a bus (a
# bus only: "pindah ke" a person says nothing).
MOVED_TO_WORDS = words(
    """pindah pindahin pindahkan pindahno dipindah dipindahin dipindahkan mindah mindahin
    ke"""
)
# After who owes: which of them ("yg paling lama siapa", "yg utangnya paling gede").
BALANCE_WORDS = words(" ".join(re.findall(r"\w+", BALANCE)))
DEBT_DETAIL_WORDS = BALANCE_WORDS | words(
    """paling lama lm terlama telat molor lawas terlambat gede gedhe besar bsr banyak byk gd
    terbesar terbanyak siapa sapa sp nunggak nunggaknya utang utangnya hutang hutangnya
    tagihan tagihannya belum blm lunas bayar ngutang total totalnya totale jumlah jumlahnya
    semua smua semuanya"""
)
_TOTAL_WORDS = words("total totalnya totale jumlah jumlahnya")
# After a bus's status (its last service shown): when the next is due ("trs kapan hrs
# ganti lg", "servis berikutnya kapan").
SERVICE_DETAIL_WORDS = words(
    """kapan kpn hrs harus perlu musti mesti kudu ganti servis service lg lagi berikutnya
    selanjutnya brktnya berikut next oli tune up jadwal jadwalnya jatuh tempo waktunya"""
)
ASKS_WHEN = words("kapan kpn kapankah")
# After a bus's status or papers: its km or its service again ("km nya terakhir brp",
# "olinya kapan").
BUS_DETAIL_WORDS = words(
    """km kmnya kilometer kilometernya odometer odometernya odo odonya spido spidometer
    speedometer oli olinya servis servisnya service"""
)
KM_ASKED_WORDS = BUS_DETAIL_WORDS | words(
    "terakhir trakhir terahir posisi angka angkanya sampe sampai smp udah udh sudah"
    # "km nya brp waktu itu": at the service just told.
    " waktu wkt pas saat"
)
# Answers about one bus that a question of its km or service may follow.
# After the earnings per bus: what one bus brought in ("bus 01 dpt brp", "kalo srikandi").
EARNED_WORDS = words(
    """dpt dapat dapet dpet dapatnya dapetnya hasil hasilnya ngasilin menghasilkan pendapatan
    pendapatannya omset omsetnya omzet untung untungnya laba labanya bersih bersihnya"""
)
_ABOUT_A_BUS = frozenset({Intent.QUERY_BUS_STATUS, Intent.QUERY_DOCUMENTS})
# "lha sing kosong opo?" right after one bus was asked free that day: every free bus then.
_FREE_RE = re.compile(r"\b(?:kosong|kosongan|nganggur|free|lowong|selo|ready|standby)\b")
_WHO_CAN_RE = re.compile(
    r"\b(?:siapa|sapa|sopo|sp|spa)\b.*\b(?:bisa|bs|iso|isa|kosong|nganggur|free|ready|available)\b"
    r"|\b(?:bisa|bs|iso|kosong|nganggur|free)\b.*\b(?:siapa|sapa|sopo|sp|spa)\b"
)
FREE_WHICH_WORDS = words(
    """kosong kosongan nganggur free lowong selo ready standby sing seng opo apa aja wae mana
    endi bus bis lain lainnya liyane liane yg yang"""
)
# "yg paling gede bus mana" right after one bus's takings: the bus that earned most then (on
# its own it may ask the biggest bus, by seats).
_MOST_RE = re.compile(
    r"\b(?:paling|plg|ter)\s*(?:gede|gedhe|besar|bsr|banyak|byk|bnyk|akeh|tinggi)\b"
)
MOST_WORDS = words(
    "paling plg gede gedhe besar bsr banyak byk bnyk akeh tinggi bus bis mana mn endi sing"
)
# After trips were shown: the trip that comes after them ("trs abis itu kapan lg?", "abis
# itu kmn lg", "sesudahnya narik kmn").
AFTER_THAT_RE = re.compile(
    # (Javanese "abis kui", "bar iku", "sakwise kuwi".)
    r"\b(?:(?:abis|habis|sehabis|sesudah|setelah|stlh|stl|bar|mari|sakwise|sakbare)"
    r"\s+(?:itu|ini|tu|kui|kuwi|iku|iki)"
    r"|sesudahnya|setelahnya|abis\s+tu|berikutnya|selanjutnya"
    # "yg 1 lg kmn?" after "Sesudahnya: 1 trip lagi".
    r"|(?:yg|yang)\s+(?:1|satu|atu|siji)\s+(?:trip\s+)?(?:lg|lagi|lgi))\b"
)
# "trus?" alone, asked right after a list of trips (after one client's trip it asks "so
# what now?", no next trip).
_BARE_THEN_RE = re.compile(r"^\W*(?:trus|terus|trs|lalu|trusnya|terusnya|truse|teruse)\s*\?+\W*$")
AFTER_THAT_WORDS = ASKS_WHEN | words(
    """abis habis sehabis sesudah setelah stlh stl itu ini tu sesudahnya setelahnya
    berikutnya selanjutnya lg lagi kmn kemana kmana kemna narik jalan brgkt berangkat
    ada sy saya aku trip tripnya jadwal jadwalnya siapa sapa sp 1 satu atu siji lgi
    ga gak gk nggak ngga enggak engga tidak apa pak mas bar mari sakwise sakbare kui kuwi
    iku iki meneh maneh trus terus"""
)
# What answers may show trips, for "abis itu kapan lg" to come after.
SHOWS_TRIPS = frozenset(
    {Intent.QUERY_SCHEDULE, Intent.QUERY_TRIP_COSTS, Intent.QUERY_OUTSTANDING, Intent.QUERY_PROFIT}
)
# After the free buses of a day: who of the crew is free then ("sopir yg kosong hr itu
# sapa").
FREE_CREW_WORDS = words(
    """kosong nganggur free lowong longgar libur senggang selo available hr hari itu tsb
    tersebut sama sm juga jg sopirnya supirnya drivernya sopir supir driver kernet kenek
    kernetnya keneknya crew kru siapa sapa sp aja saja apa
    semua semuanya kabeh to kan ga gak nggak"""
)
# "klo busnya yg kosong apa aja" after the drivers free on a day: the buses free then.
FREE_BUS_WORDS = words("bus busnya bis bisnya armada armadanya unit unitnya mobil mobilnya")
NO_DRIVER_WORDS = words(
    "blm belum blum ada tanpa ga gak nggak tdk tidak ditentukan diisi dapet dapat dpt dipilih"
    " armada armadanya unit unitnya"
)
CREW_WORDS = words(" ".join(re.findall(r"\w+", f"{DRIVER} {KERNET}")))
# What a clause giving a trip to a person is made of besides the name ("kasih slamet aja",
# "sopirnya pake wahyu ya"), and the words that settle it (a bare "slamet aja" may ask).
GIVEN_WORDS = CHANGE_WORDS | CREW_WORDS | LEAD_WORDS
# "kalo blm (ada), kasih slamet aja": the answer to the question guessed, then the change.
IF_NOT_YET_RE = re.compile(rf"^\W*(?:kalo|kalau|klo|kl|kalo2)\s+(?:{NOT_YET}|{NO})(?:\s+ada)?\b")
SETTLE_WORDS = GIVE_WORDS | words("pake pakai pakek ganti diganti")
# Questions whose answer shows bookings: a change may lean on them.
ABOUT_BOOKINGS = frozenset({Intent.QUERY_SCHEDULE, Intent.QUERY_OUTSTANDING})
# Follow-ups that must name a detail (a bare "ok" after them is no question).
SAID_DETAIL = frozenset({Intent.QUERY_SCHEDULE, Intent.QUERY_BUS_STATUS})
# A follow-up of a question of the first kind asking for details of the second: more of
# the trips shown, or what they cost ("uang jalannya brp" after a driver's trip).
DETAILS = (
    (Intent.QUERY_SCHEDULE, TRIP_DETAIL_WORDS, Intent.QUERY_SCHEDULE),
    (Intent.QUERY_SCHEDULE, COST_DETAIL_WORDS, Intent.QUERY_TRIP_COSTS),
    (Intent.QUERY_PROFIT, COST_DETAIL_WORDS, Intent.QUERY_TRIP_COSTS),
    (Intent.QUERY_TRIP_COSTS, COST_DETAIL_WORDS, Intent.QUERY_TRIP_COSTS),
    # "pengeluarannya?" after the month's income: the same period's spending.
    (Intent.QUERY_INCOME, COST_DETAIL_WORDS, Intent.QUERY_TRIP_COSTS),
    (Intent.QUERY_OUTSTANDING, DEBT_DETAIL_WORDS, Intent.QUERY_OUTSTANDING),
    # "sisanya tinggal brp skrg" right after pak Hendra's payment (his trip the topic).
    (Intent.QUERY_SCHEDULE, BALANCE_WORDS | words("tinggal tinggale"), Intent.QUERY_OUTSTANDING),
    # "brgkt kapan dia" after what pak Hendra owes: his trip.
    (Intent.QUERY_OUTSTANDING, TRIP_DETAIL_WORDS, Intent.QUERY_SCHEDULE),
    # "brgkt tgl brp" after the uang jalan of the Bandung trip: that trip.
    (Intent.QUERY_TRIP_COSTS, TRIP_DETAIL_WORDS, Intent.QUERY_SCHEDULE),
    # "yg nyopir sapa" after a trip's profit: that trip's crew.
    (Intent.QUERY_PROFIT, TRIP_DETAIL_WORDS, Intent.QUERY_SCHEDULE),
    (Intent.QUERY_BUS_STATUS, SERVICE_DETAIL_WORDS, Intent.QUERY_BUS_STATUS),
    # "itu sopirnya sapa" after the surat jalan of tomorrow's trip: that trip.
    (Intent.REQUEST_PAPER, TRIP_DETAIL_WORDS, Intent.QUERY_SCHEDULE),
    (Intent.QUERY_FREE_BUSES, FREE_CREW_WORDS | FREE_BUS_WORDS, Intent.QUERY_FREE_BUSES),
)

Verdict = tuple[Intent, float, dict[str, Any]]
# Asking the same paper of another client ("kalo bu rina jg bisa?", "buat pak agus jg").
PAPER_FOR_WORDS = words(
    "bisa bs bsa buat utk untuk punya punyanya minta tlg tolong sekalian skalian"
)
DAY_WORDS = frozenset(w for w in WEEKDAYS if w.isalpha()) | words("hari hr")


def _rest(found: Found, allowed: frozenset[str]) -> list[str]:
    """The message's words outside its values (a paper's name among them) and `allowed`."""
    text = found.masked or found.lower
    for _, pattern in DOC_KIND_RES:
        text = pattern.sub(" ", text)
    said = re.findall(r"[a-z0-9]+", text)
    member = (found.team_member or "").casefold().split()
    # "yg ke malang brgkt jam brp": a place of the route is a value too.
    places = f"{found.route.route_from or ''} {found.route.route_to or ''}".casefold().split()
    # "kalo kamis tgl 3?": the weekday said beside the date read names that same day.
    day = DAY_WORDS if found.dates else frozenset()
    return [
        w for w in said if w not in allowed and w not in member and w not in places and w not in day
    ]


def _words(found: Found) -> set[str]:
    return _words_of(found.lower)


def _has_values(found: Found) -> bool:
    return bool(found.dates or found.client or found.buses or found.team_member)


def _crew_said(found: Found) -> bool:
    """ "sopirnya slamet aja", "kernetnya wahyu ya": a team member named for a crew place,
    settled ("aja", "pake", "ganti"), with nothing that asks."""
    named = found.team_member or found.driver or found.kernet
    if not named or not CREW_WORD_RE.search(found.lower) or QUESTION_RE.search(found.lower):
        return False
    # "kernetnya wahyu": the role and one of the team, nothing else, is said as settled too.
    name = found.team_member or found.kernet or (found.driver.text if found.driver else "")
    # "trus sd muh sopire wahyu" right after another trip's change: the next one settled.
    allowed = CREW_WORDS | ADDRESS_WORDS | LEAD_WORDS | words(name.casefold())
    if found.buses:
        # "sopirnya wahyu, busnya srikandi": the bus given with the crew, settled too.
        allowed |= _BUS_GIVEN_WORDS | {w for b in found.buses for w in _words_of(b.text)}
    return bool(_words(found) & CHANGE_WORDS) or not _rest(found, allowed)


_BUS_GIVEN_WORDS = words("bus busnya bis bise bisnya e")


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


# "wahyu aja", "joko aja deh": said of the one trip whose crew was just shown, a teammate
# settled ("aja") is who is to drive it; "wahyu?", "kalo wahyu" still ask his trips.
SETTLED_WORDS = SETTLE_WORDS | words("aja saja ajah deh dong")


def _crew_given(found: Found, topic: Extraction) -> bool:
    """ "wahyu aja" right after "bu dewi sopirnya sapa" was answered (topic query_schedule,
    detail "crew", one client), or after one bus's trip of a day was shown ("bus 04 jumat
    sopirnya sapa?"): Wahyu is to drive that trip, no question of his trips."""
    f = topic.fields
    # ("yg ke pangandaran sopire sapa": one trip by where it goes, as by its client.)
    one_trip = (f.detail == "crew" and (f.client_name or f.route_to)) or (
        f.bus and f.date and not f.date_to
    )
    if topic.intent is not Intent.QUERY_SCHEDULE or not one_trip:
        return False
    if not found.team_member or found.buses or found.dates or found.client or found.money:
        return False
    if "?" in found.lower or QUESTION_RE.search(found.lower):
        return False
    # ("wahyu" alone, right after who drives it was asked: the answer given to it.)
    bare = not _rest(found, ADDRESS_WORDS)
    settled = bool(_words(found) & SETTLED_WORDS) or bare
    return settled and not _rest(found, CHANGE_WORDS | ADDRESS_WORDS)


def one_free_taken(found: Found, topic: Extraction) -> bool:
    """ "srikandi aja" right after the free buses were listed, while an action waits (a
    booking refused for a clash): one of those listed taken for what waits, no question of
    that bus ("srikandi?", "kalo srikandi" still ask)."""
    if topic.intent is not Intent.QUERY_FREE_BUSES or found.money or found.dates:
        return False
    if not (found.buses or found.team_member) or found.client:
        return False
    if "?" in found.lower or QUESTION_RE.search(found.lower):
        return False
    return bool(_words(found) & SETTLED_WORDS) and not _rest(
        found, CHANGE_WORDS | CREW_WORDS | ADDRESS_WORDS | LEAD_WORDS
    )


_GIVEN_AFTER_LACK_RE = re.compile(
    r"\b(?:blm|belum|durung|dereng)\s+(?:dpt|dapet|dapat|ada|ono)\s+(?:bus|bis|sopir|supir|kernet)"
    r"\w*\s+(?P<verb>pasang|pasangin|kasih|kasi|pake|pakai|pakein)\b"
)


def asked_then_given(found: Found) -> Verdict | None:
    """ "trip bu dewi tgl 4 blm ada sopirnya kan? kasih slamet aja", "karang taruna tgl 12
    blm dpt bus ya? kasih bus 03, sopir slamet": a question about the crew or the bus of a
    trip named (by its client or day), then, after the question mark, one of the team or a
    bus given the trip. The instruction is the point: that trip's driver (its kernet, when
    the kernet is the role said) or bus changed, proposed for a "ya"; the proposal shows
    what it had before, which answers the question. Naming no trip ("sopirnya blm ada kan?
    pake pak slamet" right after a booking was saved or changed), it is about that one (the
    assistant's, or asked whose); a bus then would name a trip of its own, so only a person
    is given."""
    head, mark, tail = found.lower.rpartition("?")
    asked = bool(mark)
    if not mark and (lacking := _GIVEN_AFTER_LACK_RE.search(found.lower)) is not None:
        # "tgl 12 yg blm dpt bus pasang bus 01 ya": the giving verb ends what it lacks.
        at = lacking.start("verb")
        head, mark, tail = found.lower[:at], " ", found.lower[at:]
    elif not mark:
        # "tgl 12 yg blm dpt bus, pasang srikandi ya": the trip lacking it said, then given.
        head, mark, tail = found.lower.rpartition(",")
    trip_named = bool(found.client or found.dates)
    given = [b for b in found.buses if b.start > len(head)] if trip_named else []
    tail = IF_NOT_YET_RE.sub(" ", tail)  # "kalo blm, kasih slamet aja": the answer guessed
    member = found.team_member
    if not mark or not (member or given) or found.money:
        return None
    said = re.findall(r"[a-z0-9]+", tail)
    name = member.casefold().split() if member else []
    bus_words = {w for b in given for w in re.findall(r"[a-z0-9]+", b.text.lower())}
    if not said or not set(name) <= set(said) or QUESTION_RE.search(tail):
        return None
    # ("pasang bus 01 ya, sopirnya wahyu": the role said before whom it goes to.)
    roles = {w for w in said if member and CREW_WORD_RE.fullmatch(w)}
    if [w for w in said if w not in name and w not in bus_words | roles and w not in GIVEN_WORDS]:
        return None
    if not (set(said) & SETTLE_WORDS or CREW_WORD_RE.search(tail)):
        return None  # "? slamet aja" may still ask
    if not (CREW_WORD_RE.search(head) or NO_DRIVER_RE.search(head) or NO_BUS_RE.search(head)):
        return None  # the question is about something else than who or what rides the trip
    if not asked and not (NO_DRIVER_RE.search(head) or NO_BUS_RE.search(head)):
        # Without a question, the part before the comma must say what the trip lacks: "kernet
        # pak heru diganti slamet, busnya pake bus 03" is a change of its own, not a lack.
        return None
    kernet = KERNET_WORD_RE.search(tail) or (
        KERNET_WORD_RE.search(head) and not DRIVER_WORD_RE.search(head)
    )
    named = fields_for(Intent.UPDATE_BOOKING, found)
    fields: dict[str, Any] = {k: v for k, v in named.items() if k in ("client_name", "ref_date")}
    if member:
        fields["kernet" if kernet else "driver"] = member
    if given:
        fields["bus"] = given[0].text
    # Naming no trip, the reading leans on the conversation: a little less sure.
    return (
        Intent.UPDATE_BOOKING,
        0.85 if named.keys() & {"client_name", "ref_date"} else 0.8,
        fields,
    )


# "yg tgl 12 kasih srikandi aja": what may name the trip before the bus is given it,
# besides its day or client.
TRIP_NAMING_WORDS = words("yg yang trip tripnya booking bookingan rombongan buat utk untuk")
GIVE_RE = word_re("|".join(sorted(GIVE_WORDS, key=len, reverse=True)))


def given_to_trip(found: Found) -> Verdict | None:
    """ "yg tgl 12 kasih srikandi aja": a trip named by its day (or client) and nothing
    else, then a bus given it with no question asked. The bus goes on that trip (the domain
    finds the trip of that day still waiting for a bus, and asks which when several are),
    proposed for a "ya"."""
    give = GIVE_RE.search(found.lower)
    if give is None or found.money or QUESTION_RE.search(found.lower) or "?" in found.lower:
        return None
    head = found.masked[: give.start()] if found.masked else ""
    trip = [d.start for d in found.dates] + ([found.client.start] if found.client else [])
    given = [b for b in found.buses if b.start > give.start()]
    if not trip or max(trip) > give.start() or not given or len(given) < len(found.buses):
        return None
    if [w for w in re.findall(r"[a-z0-9]+", head) if w not in TRIP_NAMING_WORDS | LEAD_WORDS]:
        return None  # "bsk kasih tau pak hendra ...": more than the trip said before it
    tail = found.masked[give.end() :]
    if [w for w in re.findall(r"[a-z0-9]+", tail) if w not in GIVEN_WORDS]:
        return None
    named = fields_for(Intent.UPDATE_BOOKING, found)
    fields: dict[str, Any] = {k: v for k, v in named.items() if k in ("client_name", "ref_date")}
    if not fields:
        return None
    fields["bus"] = given[0].text
    return Intent.UPDATE_BOOKING, 0.85, fields


def _by_place(found: Found, topic: Extraction) -> Found:
    """ "yg malang brgkt jam brp?" right after trips were shown: the one of them going to
    Malang, as "yg ke malang" would say (a place right after "yg", no "ke")."""
    if topic.intent not in SHOWS_TRIPS or found.route.route_to or found.route.route_from:
        return found
    m = THE_ONE_AT_RE.search(found.lower)
    if m is None:
        return found
    to = found.text[m.start("place") : m.end("place")]
    return replace(found, route=Route(route_to=to, to_start=m.start("place")))


# After the free buses of a day: only those of a size ("yg 50 seat keatas aja", "kalo yg
# 45 kursi ke atas?").
SIZE_WORDS = words(
    """seat seats seater kursi tempat duduk kapasitas kapasitasnya muat ke atas keatas di
    diatas lebih lbh minimal minim paling sedikit dikit plus bus busnya bis unit armada
    cukup"""
)


def _of_size(found: Found, topic: Extraction) -> Verdict | None:
    """ "yg 50 seat keatas aja" right after the free buses of the 24th: the free buses that
    day of at least 50 seats (the day and the buses needed kept)."""
    if topic.intent is not Intent.QUERY_FREE_BUSES or _has_values(found) or found.money:
        return None
    seats = read_seats(SEATS_RE, found.masked or found.lower, [])
    if seats is None or _rest(found, LEAD_WORDS | SIZE_WORDS | {str(seats)}):
        return None
    said: dict[str, Any] = {"seats": seats}
    if found.bus_count:
        said["bus_count"] = found.bus_count  # "yg 50 seat keatas, 2 bus aja"
    fields = follow_up_fields(topic, Intent.QUERY_FREE_BUSES, said)
    fields.pop("detail", None)  # after the free drivers too, the buses of that size
    return Intent.QUERY_FREE_BUSES, 0.85, fields


# "slamet aja?", "slamet yg gantiin?" to "Siapa penggantinya?": a choice put as a question
# (proposed, and it waits for "ya"); "kalo slamet?" may ask about him.
STAND_IN_CHOSEN_WORDS = words(
    """aja saja gantiin gantikan gantiken nggantiin ngegantiin nggantikan menggantikan
    ngganti gantinya penggantinya pengganti"""
)


def _puts_in(found: Found) -> bool:
    return "?" not in found.lower or bool(_words(found) & STAND_IN_CHOSEN_WORDS)


_CREW_BOTH_RE = re.compile(
    r"(?:(?<=sopir)|(?<=supir)|(?<=kernet)|(?<=sopirnya)|(?<=sopire))\s+(?:sm|sama|dan|karo|ama)\b"
    r"(?=\s+(?:sopir|supir|kernet|kenek))"
)
_BUS_PLACE_RE = re.compile(r"\b(?:bus|bis|busnya|bengkel|pool|garasi|kandang|depo)\b")
_STILL_THERE_RE = re.compile(
    r"\b(?:tetap|tetep|ttp|masih|msh)\s+(?:di|neng|ning|nang)\s+(?P<place>(?:[a-z]+\s+){0,3}?)"
    r"(?=(?:kan|ya|to|tho|kah|khan)\W*$)"
)


def question(found: Found, topic: Extraction, recent_turns: tuple[str, ...] = ()) -> Verdict | None:
    """The same question about another period, person or bus ("kalo minggu ini", "kalo
    pak hendra?"), or a detail of what the answer showed ("jemputnya dmn jam brp").
    `recent_turns`: the conversation's last lines, oldest first (buses_asked_first)."""
    if found.money or found.odometer_km is not None:
        return None
    if found.bus_count and _words(found) & words("jadi jd") and "?" not in found.lower:
        return None  # "busnya jd 2 ya": how many buses the trip takes, changed
    if found.passengers and "?" not in found.lower:
        return None  # "bu dewi pesertanya jd 150": how many travel, told
    found = _by_place(found, topic)
    checked = _STILL_THERE_RE.search(found.masked or found.lower)
    if checked is not None and not found.buses and not _BUS_PLACE_RE.search(found.lower):
        # "tempatnya ttp di balai desa kan?": where it still is, checked; the place said is
        # what the answer shows, no word left unread.
        text = found.masked or found.lower
        found = replace(found, masked=text[: checked.start("place")] + text[checked.end("place") :])
    if (both := _CREW_BOTH_RE.search(found.masked or found.lower)) is not None:
        # "sopir sm kernet e sapa": both seats asked, the "and" between them no other word.
        text = found.masked or found.lower
        found = replace(found, masked=text[: both.start()] + " " + text[both.end() :])
    if len(crew_lines(found.text, found.lower, found.buses, found.team)) > 1:
        # "sopir bus 01 wahyu, bus 03 slamet" gives each bus its crew: no question. Only the
        # first name is taken as the driver; the last, left as the team member asked about,
        # would make "sopir ... slamet" read as a detail of Slamet's trips.
        return None
    if (paper := _other_paper(found, topic)) is not None:
        return paper
    if (days_off := _holidays_of_period(found, topic)) is not None:
        return days_off
    if (sized := _of_size(found, topic)) is not None:
        return sized
    if found.document_kind and topic.intent not in _PAPER_HOLDERS:
        # "kalo sim slamet?" after Joko's trips asks a paper, not Slamet's trips.
        if _rest(found, LEAD_WORDS | EXPIRY_WORDS | HOLDERS):
            return None
        return Intent.QUERY_DOCUMENTS, 0.85, fields_for(Intent.QUERY_DOCUMENTS, found)
    if (
        topic.intent is Intent.REQUEST_PAPER
        and topic.fields.paper
        and (found.client or found.dates)
        and not _rest(found, LEAD_WORDS | PAPER_FOR_WORDS)
    ):
        # "kalo bu rina?" right after Pak Hendra's kwitansi: the same paper of hers.
        said = {k: v for k, v in topic.fields.stated().items() if k == "payment_type"}
        return Intent.REQUEST_PAPER, 0.85, said | paper_fields(topic.fields.paper, found)
    if (
        topic.intent in _ABOUT_A_BUS
        and topic.fields.bus
        and not _has_values(found)
        and _words(found) & BUS_DETAIL_WORDS
        and not _rest(found, LEAD_WORDS | SERVICE_DETAIL_WORDS | KM_ASKED_WORDS)
    ):
        # "km nya terakhir brp" after Bus 02's KIR: that bus's km and service.
        return Intent.QUERY_BUS_STATUS, 0.85, {"bus": topic.fields.bus}
    if (
        topic.intent is Intent.QUERY_BUS_REVENUE
        and len(found.buses) == 1
        and not (found.dates or found.client or found.team_member)
        and not _rest(found, LEAD_WORDS | EARNED_WORDS)
    ):
        # "bus 01 dpt brp" after the earnings per bus: that bus's share, the same period.
        said = {"bus": found.buses[0].text}
        return Intent.QUERY_PROFIT, 0.85, follow_up_fields(topic, Intent.QUERY_PROFIT, said)
    if (
        topic.intent is Intent.QUERY_FREE_BUSES
        and topic.fields.detail is None
        and DRIVER_WORD_RE.search(found.lower)
        and _WHO_CAN_RE.search(found.lower)
        and not (_has_values(found) or found.buses or found.client or found.team_member)
    ):
        # "sopirnya siapa aja yg bisa?" after the free buses of 7-9 Des: the free drivers then.
        said = {k: v for k, v in topic.fields.stated().items() if k in ("date", "date_to")}
        return Intent.QUERY_FREE_BUSES, 0.85, said | {"detail": "crew"}
    if (
        topic.intent is Intent.QUERY_FREE_BUSES
        and topic.fields.bus
        and not (_has_values(found) or found.buses or found.client or found.team_member)
        and _FREE_RE.search(found.lower)
        and not _rest(found, LEAD_WORDS | FREE_WHICH_WORDS)
    ):
        # "lha sing kosong opo?" after Srikandi was asked of the 26th: the free buses then.
        said = {k: v for k, v in topic.fields.stated().items() if k in ("date", "date_to")}
        return Intent.QUERY_FREE_BUSES, 0.85, said
    if (
        topic.intent is Intent.QUERY_PROFIT
        and topic.fields.bus
        and not (_has_values(found) or found.buses or found.client or found.team_member)
        and _MOST_RE.search(found.lower)
        and not _rest(found, LEAD_WORDS | MOST_WORDS | EARNED_WORDS)
    ):
        # "yg paling gede bus mana" after a bus's takings of November: every bus's then.
        return Intent.QUERY_BUS_REVENUE, 0.85, follow_up_fields(topic, Intent.QUERY_BUS_REVENUE, {})
    if (
        topic.intent is Intent.QUERY_DOCUMENTS
        and not _has_values(found)
        # "kir mau abis ga?" names its paper: read as that question on its own.
        and not found.document_kind
        and _words(found) & OTHERS_EXPIRING_WORDS
        and not _rest(found, LEAD_WORDS | OTHERS_EXPIRING_WORDS | HOLDERS)
    ):
        # "yg lain ada yg mau abis ga?" after Bus 01's KIR: every paper running out soon.
        return Intent.QUERY_DOCUMENTS, 0.85, {}
    if _crew_said(found):
        return None  # "sopirnya slamet aja" right after a trip: who drives it, not a question
    if topic.fields.detail == "absent" and found.team_member and _puts_in(found):
        return None  # "slamet aja" to "Siapa penggantinya?": the one in his place
    if _crew_given(found, topic):
        return None  # "wahyu aja" after Bu Dewi's trip was said to have no driver: a change
    if (
        topic.intent in SHOWS_TRIPS
        and (
            AFTER_THAT_RE.search(found.lower)
            or (_BARE_THEN_RE.match(found.lower) and not topic.fields.client_name)
        )
        and not _has_values(found)
        and not _rest(found, LEAD_WORDS | AFTER_THAT_WORDS)
    ):
        # "trs abis itu kapan lg?" after a trip was shown: the trip after it (of the same
        # driver, after "joko abis ini jalan kmn?").
        whose = {"driver": topic.fields.driver} if topic.fields.driver else {}
        return Intent.QUERY_SCHEDULE, 0.85, {"detail": "next", **whose}
    sums = SUM_WORDS if topic.intent in SUMS else frozenset()
    to = found.route.route_to
    going = TO_WORDS if to else frozenset()
    # "kalo srikandi kapan?" after the KIR running out: when Srikandi's runs out (a day said,
    # "kir bus 02 smp 5 jan 2027", tells it).
    asks_expiry = topic.intent is Intent.QUERY_DOCUMENTS and not found.dates
    expiry = EXPIRY_WORDS if asks_expiry else frozenset()
    # "yg ke bandung 3 hari brp?": the trip by its place and its length, as the answer says.
    lasting = _trip_length(found.lower) if to else frozenset()
    if (_has_values(found) or to) and not _rest(
        found, LEAD_WORDS | sums | going | expiry | lasting
    ):
        if topic.intent is Intent.QUERY_DOCUMENTS and (papers := _papers_of_other(found, topic)):
            return Intent.QUERY_DOCUMENTS, 0.85, papers
        said = fields_for(topic.intent, found)
        if said:
            fields = follow_up_fields(topic, topic.intent, said)
            if (
                topic.intent is Intent.QUERY_FREE_BUSES
                and crew_asked(found.lower) is None
                and topic.fields.detail != "fleet_crew"
                and (topic.fields.detail is None or buses_asked_first(recent_turns))
            ):
                # "kalo kamis tgl 3?" after the free buses, then the free drivers: the
                # first question again, of another day (the buses free then). After the
                # buses and the drivers asked together, both again; after the drivers
                # asked first ("tgl 7 sopir yg kosong siapa", "kalo tgl 2?"), the drivers.
                fields.pop("detail", None)
            return topic.intent, 0.85, _day_asked(found, topic, _trip_named(found, topic, fields))
    if (
        topic.intent is Intent.QUERY_SCHEDULE
        and (NO_DRIVER_RE.search(found.lower) or NO_BUS_RE.search(found.lower))
        and not _rest(found, LEAD_WORDS | TRIP_DETAIL_WORDS | NO_DRIVER_WORDS)
        and not topic.fields.client_name
    ):
        # "yg blm ada sopirnya yg mana" after the week's trips: those of them lacking one;
        # "yg blm ada busnya?", those lacking a bus. After one client's trip (its card, or
        # its booking just saved) the question is of every trip, never of that one alone.
        said = fields_for(Intent.QUERY_SCHEDULE, found)
        return Intent.QUERY_SCHEDULE, 0.85, follow_up_fields(topic, Intent.QUERY_SCHEDULE, said)
    if (
        topic.intent is Intent.QUERY_OUTSTANDING
        and not (found.client or found.dates)
        and fields_for(Intent.QUERY_OUTSTANDING, found).get("detail") == "overdue"
    ):
        # "yg udh lewat jatuh tempo aja" after who owes what: only those overdue.
        return Intent.QUERY_OUTSTANDING, 0.85, {"detail": "overdue"}
    if (
        (topic.intent in SUMS or topic.intent is Intent.QUERY_OUTSTANDING)
        and _words(found) & SUM_WORDS
        and not _has_values(found)
        and not _rest(found, LEAD_WORDS | SUM_WORDS)
    ):
        # "totalnya brp semua" after a period's income: the answer again, which ends with
        # the total; after who owes what, the sum alone (detail "total").
        fields = follow_up_fields(topic, topic.intent, {})
        if topic.intent is Intent.QUERY_OUTSTANDING and "rank" in fields:
            # After "yg paling gede sp": the total of everyone it was picked from, not of
            # the one client the answer named.
            fields = {k: v for k, v in fields.items() if k not in {"rank", "client_name"}}
        if topic.intent is Intent.QUERY_OUTSTANDING and not {"detail", "rank"} & fields.keys():
            fields |= {"detail": "total"}
        return topic.intent, 0.85, fields
    if (
        topic.intent is Intent.QUERY_INCOME
        and _words(found) & BIGGEST_WORDS
        and not _rest(found, LEAD_WORDS | BIGGEST_WORDS | PAYER_WORDS)
    ):
        # "yg paling gede dari siapa" after a period's income: who paid most.
        fields = follow_up_fields(topic, Intent.QUERY_INCOME, {}) | {"rank": "largest"}
        return Intent.QUERY_INCOME, 0.85, fields
    if (
        topic.intent is Intent.QUERY_INCOME
        and _words(found) & HOW_PAID_WORDS
        and not _has_values(found)
        and not _rest(found, LEAD_WORDS | HOW_PAID_WORDS | HOW_PAID_JOINERS)
    ):
        # "yg cash brp, yg tf brp" after a period's income: the same answer, which splits
        # it by how it was paid.
        return Intent.QUERY_INCOME, 0.85, follow_up_fields(topic, Intent.QUERY_INCOME, {})
    if (
        topic.intent is Intent.QUERY_SCHEDULE
        and _words(found) & VALUE_WORDS
        and not _rest(found, LEAD_WORDS | VALUE_WORDS)
    ):
        # "total nilainya brp" after December's trips: what those trips are worth together.
        fields = follow_up_fields(topic, Intent.QUERY_SCHEDULE, {}) | {"detail": "value"}
        return Intent.QUERY_SCHEDULE, 0.85, fields
    if (
        topic.intent in PAID_AFTER
        and _words(found) & PAID_WORDS
        and not _has_values(found)
        and not _rest(found, LEAD_WORDS | PAID_DETAIL_WORDS)
    ):
        # "dp nya udh masuk brp?" after the Bandung trip's profit: that trip, with what its
        # client has paid.
        fields = follow_up_fields(topic, Intent.QUERY_SCHEDULE, {}) | {"detail": "paid"}
        return Intent.QUERY_SCHEDULE, 0.85, fields
    # "paling byk buat apa" after the month's costs: the costs are what "paling" ranks;
    # "yg keluar brp" after the month's income, the money going out.
    cost = (
        find_cost_type(found.lower) is not None
        or COST_WORD_RE.search(found.lower) is not None
        or (topic.intent is Intent.QUERY_TRIP_COSTS and "paling" in _words(found))
        or (topic.intent is Intent.QUERY_INCOME and bool(_words(found) & OUT_WORDS))
    )
    asks_ride = QUESTION_RE.search(found.lower) is not None and not _has_values(found)
    for asked, detail_words, intent in DETAILS:
        if topic.intent is not asked or (intent is Intent.QUERY_TRIP_COSTS) != bool(cost):
            continue
        ride = RIDE_WORDS if asks_ride and intent is Intent.QUERY_SCHEDULE else frozenset()
        # "kernete ada?": whether the trips shown have one of the crew (never "ada trip apa").
        if intent is Intent.QUERY_SCHEDULE and _words(found) & CREW_WORDS:
            ride |= THERE_IS_WORDS | ALONE_WORDS
        if _rest(found, LEAD_WORDS | detail_words | COST_TYPE_WORDS | ride):
            continue
        if intent in SAID_DETAIL and not (_words(found) & detail_words):
            continue
        if (found.times or found.pickup) and not QUESTION_RE.search(found.lower):
            continue  # "jam 5 pagi jemputnya": the pickup given, not asked
        if intent is Intent.QUERY_BUS_STATUS and not topic.fields.bus:
            continue  # the next service of which bus? the answer was the whole fleet
        if intent is Intent.QUERY_BUS_STATUS and found.client is not None:
            # "pak hendra ganti bus 01 ya" after Bus 02 went to the workshop: a client's
            # trip given another bus, no question of a bus's next service.
            continue
        rank = debt_rank(found.lower) if intent is Intent.QUERY_OUTSTANDING else None
        # "kurange?" after what one client owes asks it again; of everyone, which one.
        again = topic.fields.client_name and _words(found) & BALANCE_WORDS
        # "totalnya brp smua" after who owes: the same list, its total.
        again = again or _words(found) & _TOTAL_WORDS
        if intent is Intent.QUERY_OUTSTANDING and rank is None and not again:
            continue
        trips_of_debtor = asked is Intent.QUERY_OUTSTANDING and intent is Intent.QUERY_SCHEDULE
        if trips_of_debtor and not topic.fields.client_name:
            continue  # the trips of whom? "siapa yg blm lunas" named nobody
        said = fields_for(intent, found) | ({"rank": rank} if rank else {})
        if trips_of_debtor and _words(found) & ASKS_WHEN:
            # "lha dia tripnya kapan to kmrn": the date is what is asked; a day said with it
            # is a guess at the answer, not a filter.
            said = {k: v for k, v in said.items() if not k.startswith("date")}
        fields = follow_up_fields(topic, intent, said)
        fields = _day_asked(found, topic, _trip_named(found, topic, fields))
        # The detail asked now, never the one asked before ("kernetnya sapa" after
        # "jemputnya dmn" wants the whole trip again).
        fields.pop("detail", None)
        if intent is Intent.QUERY_SCHEDULE and (detail := trip_detail(found)) is not None:
            fields["detail"] = detail
        if intent is Intent.QUERY_FREE_BUSES:
            crew = crew_asked(found.lower)
            if crew is not None:
                fields["detail"] = crew  # "kalo kernet?" after the free drivers: the kernet
            elif topic.fields.detail is None or not _words(found) & FREE_BUS_WORDS:
                continue  # "hr itu apa aja" after the free buses asks nothing new
            # else "klo busnya yg kosong?" after the free drivers: the buses, the same day
        if "cost_type" not in said:
            fields.pop("cost_type", None)  # "rincian biayanya" after the solar: every cost
        return intent, 0.85, fields
    return None


_TRIP_LENGTH_RE = re.compile(r"\b(\d{1,2}|dua|tiga|empat|lima)\s*(hari|hr)\b")


def _trip_length(low: str) -> frozenset[str]:
    """The words of a trip's length said with its place ("3 hari"), none when not said."""
    m = _TRIP_LENGTH_RE.search(low)
    return frozenset(m.groups()) if m else frozenset()


# "yg besok sopirnya sapa", "yang tgl 2 jam brp": a trip named by its day.
THE_ONE_ON_RE = re.compile(r"\b(?:yg|yang)\s+(?:(?:tgl|tanggal|hari|hr)\s+)?$")


def _trip_named(found: Found, topic: Extraction, fields: dict[str, Any]) -> dict[str, Any]:
    """A follow-up naming its trip anew names it by one thing: "(trus) yg ke malang brgkt jam
    brp" after tomorrow's trip is the trip going to Malang whatever its day (a period asked
    before, "minggu ini", still holds, unless its day is what is asked: "yg ke bandung
    kapan?" after this week's trips is the Bandung trip whenever it goes); "yg besok
    sopirnya sapa" after the Malang trip is tomorrow's trip, wherever it goes."""
    one_day = topic.fields.date_to in (None, topic.fields.date)
    period_kept = not (one_day or DATE_ASKED_RE.search(found.lower))
    if "route_to" in fields and found.route.route_to and not found.dates and not period_kept:
        return {k: v for k, v in fields.items() if k not in ("date", "date_to")}
    by_day = found.dates and THE_ONE_ON_RE.search(found.lower[: found.dates[0].start])
    if by_day and not found.route.route_to and topic.fields.route_to:
        return {k: v for k, v in fields.items() if k != "route_to"}
    return fields


def _day_asked(found: Found, topic: Extraction, fields: dict[str, Any]) -> dict[str, Any]:
    """ "pak hendra kapan brgkt?" after tomorrow's schedule: the client's day is what is
    asked, the one day shown before is no filter (a week shown before still is)."""
    one_day = topic.fields.date_to in (None, topic.fields.date)
    if found.client and not found.dates and one_day and DATE_ASKED_RE.search(found.lower):
        return {k: v for k, v in fields.items() if k not in ("date", "date_to")}
    asked = DATE_ASKED_RE.search(found.lower) or PLACE_ASKED_RE.search(found.lower)
    if asked and found.dates and all(lately(found, d) for d in found.dates):
        # "bu rina kmrn jalan kmn?" after tomorrow's schedule: her trip of lately, asked
        # by its own "kemarin", not one of the day shown before.
        return {k: v for k, v in fields.items() if k not in ("date", "date_to")}
    return fields


# "bu dewi kernetnya sapa": which seat of the crew the person asked about last.
_SEAT_ASKED_RE = re.compile(
    r"\b(?P<seat>sopir|supir|driver|kernet|kenek|kernek)\w*\s+(?:\w+\s+)?(?:sapa|siapa|sp|spa)\b"
)


# "tanggal merahnya apa aja", "ada hari libur ga": the public holidays asked, nothing else.
HOLIDAY_ASKED_WORDS = words(
    """tanggal tgl tanggal2 merah merahnya merahe abang abange hari hr libur liburnya nasional
    nasionalnya cuti bersama bersamanya harpitnas ada apa aja saja ae wae kapan kpn ga gak nggak
    ngga engga enggak tidak brp berapa"""
)
# Answers about a period the holidays of which may be asked next.
_OF_A_PERIOD = frozenset({Intent.QUERY_SEASON, Intent.QUERY_SCHEDULE})


def _holidays_of_period(found: Found, topic: Extraction) -> Verdict | None:
    """ "tanggal merahnya apa aja" right after "bulan depan rame ga?" (or December's trips):
    the public holidays of that period, not of the weeks from today."""
    if topic.intent not in _OF_A_PERIOD or topic.fields.date is None or found.dates:
        return None
    if not HOLIDAYS_RE.search(found.lower) or _has_values(found):
        return None
    if _rest(found, LEAD_WORDS | HOLIDAY_ASKED_WORDS):
        return None
    start = topic.fields.date
    end = max(start, topic.fields.date_to or start)
    return (
        Intent.QUERY_SEASON,
        0.85,
        {"date": iso(start), "date_to": iso(end), "detail": "holidays"},
    )


# "bus apa aja yg kosong", "Bus kosong Rabu, 2 Des: ...": the free buses asked or told.
_BUSES_FREE_RE = re.compile(
    r"\b(?:bus|bis|armada|unit)\w*\b.*\b(?:kosong|free|available|ready|nganggur|nyantai)\b"
    r"|\b(?:kosong|free|available|nganggur)\b.*\b(?:bus|bis|armada|unit)\b"
)


def buses_asked_first(recent_turns: tuple[str, ...]) -> bool:
    """The free crew was asked right after the free buses ("rabu tgl 2 bus apa aja yg
    kosong?", "sopirnya yg kosong siapa?"): a side question of the buses one, so that a next
    day ("kalo kamis tgl 3?") asks the buses again. Drivers asked first ("tgl 7 sopir yg
    kosong siapa") are what a next day asks."""
    for text in reversed(recent_turns):
        lower = text.lower()
        if crew_asked(lower) is None:
            return _BUSES_FREE_RE.search(lower) is not None
    return False


def seat_asked(recent_turns: tuple[str, ...]) -> str | None:
    """ "kernet" or "driver": the crew seat the latest question of the conversation asked
    about ("bu dewi kernetnya sapa"), so that "wahyu aja" after its answer fills it."""
    for text in reversed(recent_turns):
        if m := _SEAT_ASKED_RE.search(text.lower()):
            return "kernet" if KERNET_WORD_RE.search(m.group("seat")) else "driver"
    return None


def change(found: Found, topic: Extraction, seat: str | None = None) -> Verdict | None:
    """ "pake wahyu aja", "ganti bus 04 aja" right after an answer about a trip: that
    trip's driver (kernet) or bus; which trip is the conversation's to say (the bookings
    the answer showed). `seat`: the crew seat asked about last (seat_asked)."""
    if found.client and (listed := _given_one_listed(found, topic)) is not None:
        return listed
    if (free := _given_one_free(found, topic)) is not None:
        return free
    # "yaudah sopirnya wahyu" right after Bu Dewi's surat jalan: the trip it was drawn for.
    leaned = topic.intent in ABOUT_BOOKINGS or topic.intent is Intent.REQUEST_PAPER
    if not leaned or found.money or found.dates or found.client:
        return None
    if not (found.team_member or found.buses or found.driver or found.kernet):
        return None
    # "wahyu aja (pak)" right after who drives one trip was shown: its driver given.
    given = _crew_given(found, topic)
    moved = MOVED_TO_WORDS if found.buses else frozenset()
    # "joko aja yg gantiin", "biar joko yg ganti" to "Siapa penggantinya?": the one said to
    # stand in, in the words the question was asked with; "slamet yg gantiin?" too, a
    # choice put as a question (the change is proposed and waits for "ya" all the same).
    absent = topic.fields.detail == "absent"
    stands_in = STANDS_IN_WORDS if absent else frozenset()
    if _rest(
        found,
        CHANGE_WORDS | CREW_WORDS | moved | stands_in | (ADDRESS_WORDS if given else frozenset()),
    ):
        return None
    said_change = _words(found) & (
        CHANGE_WORDS - {"aja", "saja", "ya", "dong", "deh"} | moved - {"ke"}
    )
    # "slamet aja" to "Siapa penggantinya?" (someone's absence passed on): the answer.
    answers = given or absent
    if not said_change and not CREW_WORD_RE.search(found.lower) and not answers:
        return None  # "wahyu aja?" might ask; a change says pake, ganti or the role
    fields: dict[str, Any] = {}
    if found.crew_of is not None and found.kernet is not None:
        # "kernet wahyu slamet" after the trip was shown: its kernet Slamet (Wahyu says whose
        # trip or place it is, the assistant checks; extractor.crew_of).
        fields["kernet"] = found.kernet
    elif found.team_member:
        kernet = KERNET_WORD_RE.search(found.lower) or (given and seat == "kernet")
        fields["kernet" if kernet else "driver"] = found.team_member
    elif found.driver is not None:
        # "ganti sopir bus 03 jadi slamet": the person after the change word is read as the
        # driver (and so is no team member asked about).
        fields["driver"] = found.driver.text
    elif found.kernet is not None:
        fields["kernet"] = found.kernet
    if found.buses:
        fields["bus"] = found.buses[0].text
        fields |= swap(found, found.buses[0])  # "srikandi diganti bus 02"
    if buses := listed_buses(found):
        fields["buses"] = buses  # "bus 01, bus 03 sm srikandi" after a trip of 3 buses
    if len(crew := crew_lines(found.text, found.lower, found.buses, found.team)) > 1:
        # "sopir bus 01 joko, bus 03 slamet" after a 2-bus trip: each bus its own crew; the
        # single fields hold the first named of each role, as the contract says (not the
        # team member the message happens to end with).
        fields["crew"] = crew
        for role in ("driver", "kernet"):
            named = [line[role] for line in crew if line.get(role)]
            if named:
                fields[role] = named[0]
            else:
                fields.pop(role, None)
    return Intent.UPDATE_BOOKING, 0.85, fields


# What a pickup given for the trip just shown is said with besides its place and time
# ("jemput di terminal giwangan jam 5 pagi", "jemputnya di masjid agung aja ya").
PICKUP_GIVEN_WORDS = (
    (PICKUP_WORDS | DEPARTURE_WORDS) - words("dimana dmn dmna kapan kpn")
) | words("di dr dari depan pagi subuh siang sore malam malem mlm")
# ("majuin jam 4 aja, biar ga kesiangan": the hour moved, said with the verb.)
PICKUP_GIVEN_WORDS |= words("maju majuin dimajuin majukan dimajukan mundur mundurin dimundurin")


def pickup_given(found: Found, topic: Extraction) -> Verdict | None:
    """ "jemput di terminal giwangan jam 5 pagi" right after the trip was shown (its pickup
    not recorded, say): that trip's pickup place and time, proposed for a "ya"; which trip
    is the conversation's to say, as for `change`. A bare "jam 5 pagi" only right after
    its pickup or departure was asked."""
    if topic.intent not in ABOUT_BOOKINGS or found.money or _has_values(found):
        return None
    if "?" in found.lower or QUESTION_RE.search(found.lower):
        return None
    named = fields_for(Intent.UPDATE_BOOKING, found)
    fields = {k: v for k, v in named.items() if k in ("pickup_place", "depart_time")}
    # (The hour asked as "jemputnya jam brp" reads as the departure asked.)
    if not fields or (not found.pickup and topic.fields.detail not in ("pickup", "departure")):
        return None
    place = set(re.findall(r"[a-z0-9]+", (found.pickup or "").casefold()))
    allowed = PICKUP_GIVEN_WORDS | CHANGE_WORDS | ADDRESS_WORDS | LEAD_WORDS | place
    if _rest(found, allowed):
        return None
    return Intent.UPDATE_BOOKING, 0.85, fields


def seat_answered(
    found: Found, waiting: Extraction, recent_turns: tuple[str, ...]
) -> Verdict | None:
    """ "slamet aja" to "Sopir *Bu Dewi, ...* (sekarang Wahyu) mau diganti siapa?" (a change
    of a booking waiting with nothing to change yet): the one who takes that seat."""
    said = set(waiting.fields.stated()) - {"client_name", "ref_date"}
    if waiting.intent is not Intent.UPDATE_BOOKING or said or not recent_turns:
        return None
    seat = seat_asked_in(recent_turns[-1])
    if seat is None or not found.team_member or found.buses or found.money:
        return None
    if found.client and name_key(found.client.text) != name_key(found.team_member):
        return None  # "pak joko" is read as a client too: one of the PO's people here
    if found.dates or "?" in found.lower or _rest(found, GIVEN_WORDS | ADDRESS_WORDS):
        return None
    return Intent.CORRECT, 0.85, {seat: found.team_member}


_PERSON_PUT_RIGHT_RE = re.compile(
    # ("eh salah ding, wahyu aja": the slip owned with its "ding" first.)
    r"\W*(?:(?:eh|ehh|oh|waduh)\W+)?(?P<slip>(?:salah|keliru|maaf|sori|sorry)(?:\s+(?:ding|dink|deng))?\W+)?"
    # ("eh salah, maksude slamet": the one meant.)
    r"(?:(?P<should>harusnya|hrsnya|seharusnya|mestinya|yg\s+bener|yang\s+benar|maksudnya|maksude"
    r"|maksudku|maksud\s+(?:saya|sy|aku))\s+)?"
    r"(?P<right>[a-z]{3,15})(?:\s+(?:aja|saja))?(?P<ding>\s+(?:ding|dink|deng))?"
    r"(?:\W+(?:bukan|bkn)\s+(?P<wrong>[a-z]{3,15}))?\W*"
)


_NO_FIRST_WORDS = words("eh ehh oh wah waduh aduh lho loh jgn jangan jngn ojo ojok")


def crew_corrected(found: Found, waiting: Extraction) -> Verdict | None:
    """ "slamet aja" (after Ubah) while a booking naming its driver waits: the one named
    takes that seat instead (the kernet's, when only a kernet waits or "kernet" is said)."""
    if waiting.intent not in (Intent.UPDATE_BOOKING, Intent.CREATE_BOOKING):
        return None
    f = waiting.fields
    seats = [seat for seat in ("driver", "kernet") if getattr(f, seat)]
    if len(seats) != 1 or f.crew or not found.team_member:
        return None
    if found.buses or found.money or found.dates or found.times or "?" in found.lower:
        return None
    put_right = _PERSON_PUT_RIGHT_RE.fullmatch(found.lower)
    if (
        put_right
        # (said to be a put-right: "td slamet", "eh joko" alone name nobody for the seat)
        and any(put_right.group(g) for g in ("slip", "should", "wrong", "ding"))
        and put_right.group("right") in found.team
        and not KERNET_WORD_RE.search(found.lower)
    ):
        # "eh salah, harusnya wahyu bukan slamet": the one named right takes the seat.
        # ("salah, joko" while Joko waits: the same one, nothing changes; never a no.)
        wrong = put_right.group("wrong")
        now = name_key(str(getattr(f, seats[0]) or ""))
        if wrong is None or name_key(wrong) == now or name_key(put_right.group("right")) == now:
            return Intent.CORRECT, 0.85, {seats[0]: put_right.group("right").title()}
    if found.client and name_key(found.client.text) != name_key(found.team_member):
        return None
    # "oh iya dia izin. wahyu aja" after the warning that the one proposed is off that day:
    # his absence owned, then the one settled on instead.
    owned = ABSENCE_OWNED_WORDS if _words(found) & words("dia dianya") else frozenset()
    if owned and not _words(found) & SETTLED_WORDS:
        return None
    # "eh ojo, slamet wae": the one proposed refused, the one named instead.
    no_first = DONT_APART_RE.match(found.lower) or EH_DONT_APART_RE.match(found.lower)
    refused = _NO_FIRST_WORDS if no_first else frozenset()
    if QUESTION_RE.search(found.lower) or _rest(
        found, GIVEN_WORDS | ADDRESS_WORDS | REMEMBERED_WORDS | owned | refused
    ):
        return None
    seat, person = seats[0], found.team_member
    if (kernet_word := KERNET_WORD_RE.search(found.lower)) is not None:
        # "iya slamet, kernetnya wahyu" while Slamet waits as driver: the one after the
        # kernet word is the kernet (the one before it, a yes to the driver).
        after = re.match(
            r"(?:nya|ne|e)?\s+(?:(?:pak|mas|bang|kang)\s+)?([a-z]+)",
            found.lower[kernet_word.end() :],
        )
        named = after.group(1) if after else None
        if named is not None and named in found.team:
            seat, person = "kernet", named.title()
        elif named is not None:
            return None
        else:
            seat = "kernet"
    if name_key(str(getattr(f, seat) or "")) == name_key(person):
        return None  # the same person again: nothing corrected
    return Intent.CORRECT, 0.85, {seat: person}


def _given_one_free(found: Found, topic: Extraction) -> Verdict | None:
    """ "yaudah joko aja" right after the drivers free on one day were listed ("bu dewi tgl
    4 sopire blm ada, sing kosong sapa"): one of them settled as the driver (the kernet,
    when the kernets were asked) of that day's trip; the domain finds the trip of that day
    and asks which when several are. Proposed for a "ya"."""
    f = topic.fields
    if topic.intent is not Intent.QUERY_FREE_BUSES or f.date is None or f.date_to is not None:
        return None
    if f.detail in (None, "fleet_crew") and len(found.buses) == 1 and not found.team_member:
        return _given_free_bus(found, f.date)
    if f.detail not in ("crew", "kernet") or not found.team_member:
        return None
    if found.money or found.dates or found.buses or found.client or "?" in found.lower:
        return None
    if QUESTION_RE.search(found.lower) or not _words(found) & SETTLED_WORDS:
        return None  # "joko?", "kalo joko" may still ask
    if _rest(found, CHANGE_WORDS | CREW_WORDS | ADDRESS_WORDS | LEAD_WORDS):
        return None
    seat = "kernet" if f.detail == "kernet" or KERNET_WORD_RE.search(found.lower) else "driver"
    return Intent.UPDATE_BOOKING, 0.85, {"ref_date": iso(f.date), seat: found.team_member}


def _given_free_bus(found: Found, day: dt.date) -> Verdict | None:
    """ "pake bus 04 aja" right after the buses free on one day were listed (the answer
    names the trip that day still lacking a bus): that bus for that day's trip; the domain
    finds the trip (the one lacking a bus, else asks which). Proposed for a "ya"."""
    if found.money or found.dates or found.client or "?" in found.lower:
        return None
    if QUESTION_RE.search(found.lower) or not _words(found) & SETTLE_WORDS:
        return None  # "bus 04?", "kalo bus 04" may still ask; a bus given says pake
    if _rest(found, CHANGE_WORDS | ADDRESS_WORDS | LEAD_WORDS):
        return None
    return Intent.UPDATE_BOOKING, 0.85, {"ref_date": iso(day), "bus": found.buses[0].text}


def _given_one_listed(found: Found, topic: Extraction) -> Verdict | None:
    """ "bu dewi kasih joko" right after the trips still lacking a driver were listed: one
    of them, named by its client (its day too, perhaps), given one of the team (or a bus,
    after those lacking a bus), proposed for a "ya"."""
    lacking = topic.fields.detail in ("no_driver", "no_bus")
    if topic.intent is not Intent.QUERY_SCHEDULE or not lacking or found.money:
        return None
    if not (found.team_member or found.buses) or "?" in found.lower:
        return None
    if QUESTION_RE.search(found.lower) or not _words(found) & SETTLE_WORDS:
        return None
    if _rest(found, CHANGE_WORDS | CREW_WORDS | ADDRESS_WORDS | LEAD_WORDS):
        return None
    named = fields_for(Intent.UPDATE_BOOKING, found)
    fields: dict[str, Any] = {k: v for k, v in named.items() if k in ("client_name", "ref_date")}
    if found.team_member:
        fields["kernet" if KERNET_WORD_RE.search(found.lower) else "driver"] = found.team_member
    if found.buses:
        fields["bus"] = found.buses[0].text
        if len(listed := listed_buses(found)) > 1:
            fields["buses"] = listed  # "smp n 4 pakem pake bus 01 sm bus 02": both
    return Intent.UPDATE_BOOKING, 0.85, fields


# "itu aslinya brgkt tgl brp to" while a move waits: the trip as it is now ("aslinya",
# "awalnya": before the change).
AS_IT_IS_WORDS = words(
    """asli aslinya awal awalnya semula semulanya sebelumnya tadinya lama lamanya skrg
    sekarang saat ini"""
)
# What a waiting change of a booking is about: its trip, asked while the change waits.
_CHANGES_A_TRIP = frozenset({Intent.UPDATE_BOOKING, Intent.CANCEL_BOOKING})


# "sisanya emg 8jt kan?", "kurangnya brp?" while a client's payment waits: what is left.
_BALANCE_ASKED_RE = re.compile(r"\b(?:sisa|kurang|kekurangan)(?:nya|ne|e)?\b")


def balance_of_waiting(found: Found, waiting: Extraction) -> Verdict | None:
    """What the client of a waiting payment still owes, asked (checked against an amount
    said: "sisanya emg 8jt kan?"); the payment keeps waiting."""
    client = waiting.fields.client_name
    if waiting.intent is not Intent.RECORD_PAYMENT or not client or "?" not in found.lower:
        return None
    if found.client is not None or not _BALANCE_ASKED_RE.search(found.lower):
        return None
    return Intent.QUERY_OUTSTANDING, 0.85, {"client_name": client}


def about_waiting(found: Found, waiting: Extraction) -> Verdict | None:
    """ "itu aslinya brgkt tgl brp to" while the move of SD Muhammadiyah waits: a question
    about the trip the waiting change is of, answered as the trip is now; the change keeps
    waiting (a question never confirms nor corrects it). Only a question naming nothing
    of its own and asking only the trip's details."""
    client = waiting.fields.client_name
    if waiting.intent not in _CHANGES_A_TRIP or not client:
        return None
    if found.money or _has_values(found) or found.times or found.pickup:
        return None
    if not (QUESTION_RE.search(found.lower) and _words(found) & TRIP_DETAIL_WORDS):
        return None
    if _rest(found, LEAD_WORDS | TRIP_DETAIL_WORDS | AS_IT_IS_WORDS):
        return None
    fields: dict[str, Any] = {"client_name": client}
    if waiting.fields.ref_date:
        fields["date"] = iso(waiting.fields.ref_date)
    if (detail := trip_detail(found)) is not None:
        fields["detail"] = detail
    return Intent.QUERY_SCHEDULE, 0.85, fields


# A paper asked or renewed: "kir nya?", "sampai kapan", "udh diperpanjang smp 20 des 2027".
EXPIRY_WORDS = words(
    """habis hbs abis expired exp kadaluarsa kedaluwarsa berlaku mati sampai sampe smp hingga
    kapan kpn tgl tanggal brp berapa"""
)
# After one paper's expiry: the others running out ("yg lain ada yg mau abis ga?").
OTHERS_EXPIRING_WORDS = words(
    """lain lainnya laine habis hbs abis expired exp kadaluarsa kedaluwarsa mati mau bakal
    segera dekat deket ada ga gak nggak ngga engga enggak surat surat2 dokumen lg lagi"""
)
RENEWED_WORDS = words(
    """udh udah sudah sdh dah barusan td tadi perpanjang diperpanjang perpanjangan
    diperpanjangin diperbarui diperbaharui diurus beres selesai baru jadi jd mulai mau
    ding dink deng tak sy saya aku wis uwis urus perbarui pagi siang sore malam malem
    uji diuji ujinya lulus lolos
    bayar dibayar pajak pajaknya pajek pajeknya pajeke pajake e skrg sekarang saiki
    katanya katane ktnya jare jarene catet catat dicatet dicatat catetin catatin lha lho"""
)
# "udh tak perpanjang" is Javanese "I renewed it"; "tak diperpanjang" is "not renewed".
NOT_RENEWED_RE = re.compile(r"\btak\s+di\w+")
# Said of a paper of a list, what says it was renewed (not only asked of).
RENEWING_WORDS = words(
    """perpanjang diperpanjang perpanjangan diperpanjangin diperbarui diperbaharui diurus
    urus perbarui uji diuji lulus lolos"""
)


def _holder(paper: str, topic: Extraction) -> dict[str, Any] | None:
    """Whose paper the last answer was about, when `paper` is one such a holder has: a SIM
    is a driver's, every other paper a bus's."""
    held = topic.fields.stated()
    key = "driver" if paper == "sim" else "bus"
    return {key: held[key]} if key in held else None


# Answers about a bus (or a driver's papers) whose holder a paper asked next belongs to.
_PAPER_HOLDERS = frozenset({Intent.QUERY_DOCUMENTS, Intent.QUERY_BUS_STATUS})


# Who holds papers, said with the paper asked ("kalo stnk bus?", "sim sopirnya?").
HOLDERS = words("bus bis busnya armada sopir supir driver sopirnya supirnya semua smua")


def _papers_of_other(found: Found, topic: Extraction) -> dict[str, Any]:
    """ "kalo slamet?" / "kalo bus 02?" right after a paper's answer, naming another holder
    and no paper: the paper asked before when the new holder has that kind, else the
    holder's own papers. A driver holds a SIM only, so "kalo slamet?" after Bus 03's KIR
    is Slamet's SIM; a bus holds no SIM, so "kalo bus 02?" after Joko's SIM is Bus 02's
    papers (KIR, STNK...), all of them unless a bus's paper was the one asked."""
    if found.document_kind or found.client or found.dates or len(found.buses) > 1:
        return {}
    fields: dict[str, Any]
    if found.team_member and not found.buses:
        fields, held = {"driver": found.team_member}, PERSON_DOCUMENTS
    elif found.buses and not found.team_member:
        fields, held = {"bus": fields_for(Intent.QUERY_DOCUMENTS, found)["bus"]}, BUS_DOCUMENTS
    else:
        return {}
    kind = topic.fields.document_kind
    if kind is not None and kind in held:
        fields["document_kind"] = kind
    elif len(held) == 1:
        fields["document_kind"] = next(iter(held))  # a driver's one paper, his SIM
    return fields


def _other_paper(found: Found, topic: Extraction) -> Verdict | None:
    """ "kir nya?" right after the STNK of Bus 02, "stnk nya?" right after Bus 04's status:
    the same holder's paper."""
    if topic.intent not in _PAPER_HOLDERS or not found.document_kind:
        return None
    if found.dates or _has_values(found) or _rest(found, LEAD_WORDS | EXPIRY_WORDS | HOLDERS):
        return None
    holder = _holder(found.document_kind, topic)
    if holder is None and topic.intent is Intent.QUERY_DOCUMENTS:
        # "kalo stnk bus?" after every driver's SIM: every bus's STNK.
        holder = {} if not (topic.fields.bus or topic.fields.driver) else None
    if holder is None:
        return None
    fields = holder | {"document_kind": found.document_kind}
    if not holder and topic.fields.detail == "expiring":
        fields["detail"] = "expiring"  # "kalo stnk?" after the KIR running out soon
    return Intent.QUERY_DOCUMENTS, 0.85, fields


def renewal(found: Found, topic: Extraction) -> Verdict | None:
    """ "oh udh diperpanjang kmrn, smp 20 des 2027" right after the KIR date of Bus 01 was
    asked: that paper renewed, valid until the date said after "sampai" (or the last one);
    "oh udah diperpanjang ding" (the owner putting himself right) is one too, its new expiry
    asked. After that paper of every bus ("kir yg mau abis apa aja"), "yg itu udah
    diperpanjang" names no holder: the assistant takes the one the list flagged as running
    out (assistant/topics.py). "bus 01 udh diperpanjang kok smp 20 des 2027" names the bus:
    its paper of the kind just shown."""
    if topic.intent is not Intent.QUERY_DOCUMENTS or found.money:
        return None
    paper = found.document_kind or topic.fields.document_kind
    if paper is None or found.client or found.team_member:
        return None
    named = _bus_named(found, topic) if paper in BUS_DOCUMENTS else None
    if found.buses and named is None:
        return None
    if _rest(found, LEAD_WORDS | EXPIRY_WORDS | RENEWED_WORDS) or NOT_RENEWED_RE.search(
        found.lower
    ):
        return None
    said = set(re.findall(r"[a-z]+", found.lower))
    holder = named or _holder(paper, topic)
    if not found.dates:
        # No date: only a renewal said done, of a holder known, its new expiry then asked.
        if holder is None or not (RENEWING_WORDS & said and DONE_WORDS & said):
            return None
        if NOT_YET_RENEWED_RE.search(found.lower) or UNDERWAY_RE.search(found.lower):
            return None
        return Intent.RECORD_DOCUMENT, 0.8, holder | {"document_kind": paper}
    until = until_dates(found)
    planned = NOT_YET_RENEWED_RE.search(found.lower) or UNDERWAY_RE.search(found.lower)
    if planned and not until:
        # "ok kir bus 01 besok tak urus": the renewal meant for tomorrow, no new expiry.
        return None
    expires = (until or sorted(found.dates, key=lambda d: d.date))[-1].date
    if holder is None and not (topic.fields.bus or topic.fields.driver):
        holder = {} if RENEWING_WORDS & said else None
    if holder is None or expires <= found.today:
        return None
    fields = holder | {"document_kind": paper, "date": iso(expires)}
    return Intent.RECORD_DOCUMENT, 0.85, fields


def renewal_planned(found: Found, topic: Extraction) -> Verdict | None:
    """ "ok besok tak urus", "wah mepet. minggu dpn sy urus pak" right after a paper's expiry
    was shown: its renewal meant for later, none done (detail not_renewed: nothing to
    record; a driver's word goes to the owner and admins)."""
    if topic.intent is not Intent.QUERY_DOCUMENTS or found.money or found.client:
        return None
    paper = found.document_kind or topic.fields.document_kind
    if paper is None or found.team_member or not NOT_YET_RENEWED_RE.search(found.lower):
        return None
    named = _bus_named(found, topic) if paper in BUS_DOCUMENTS else None
    if found.buses and named is None:
        return None
    holder = named or _holder(paper, topic)
    if holder is None and paper != "sim":  # a driver's own licence needs no name
        return None
    if len(_rest(found, LEAD_WORDS | RENEWED_WORDS | _PLANNED_WORDS)) > 2:
        return None
    return (
        Intent.RECORD_DOCUMENT,
        0.8,
        (holder or {}) | {"document_kind": paper, "detail": "not_renewed"},
    )


# When a renewal is meant for ("besok", "minggu dpn") and small words around it.
_PLANNED_WORDS = words(
    """besok bsk besuk nanti nnti ntar ntr entar lusa minggu mgg pekan bulan bln depan dpn
    ngarep ngarepe tak tk ku kuurus diurus ngurus urus urusin uruske tak urus"""
)


# A renewal said done ("udh diperpanjang"), not only planned ("mau diperpanjang").
DONE_WORDS = words("udh udah sudah sdh dah barusan td tadi beres selesai wis uwis")


def _bus_named(found: Found, topic: Extraction) -> dict[str, Any] | None:
    """The one bus named after a bus paper's answer (of one bus or of every bus): the
    paper just shown is the one renewed ("bus 01 udh diperpanjang smp 20 des 2027" after
    the KIR running out)."""
    if len(found.buses) != 1 or topic.fields.driver:
        return None
    return {"bus": fields_for(Intent.QUERY_DOCUMENTS, found)["bus"]}


# "udh lunas blm dia", "mrk brgkt kpn": a client spoken of as a person, not named.
THEM_RE = word_re(r"dia|beliau|mrk|mereka|doi|orangnya")
_THEY_RE = word_re(r"mrk|mereka")


# "slamet kosong gak tgl itu": the day the last answer was about.
THAT_DAY_RE = re.compile(r"\b(?:tgl|tanggal|hari|hr|pas)\s+(?:itu|tsb|tersebut|segitu)\b")


def that_day(found: Found, topic: Extraction | None) -> str | None:
    """The day of the last answer, written out, when the message says "tgl itu" and no
    day of its own."""
    if topic is None or found.dates or not THAT_DAY_RE.search(found.lower):
        return None
    f = topic.fields
    day = f.date or f.ref_date or f.depart_date
    if day is None:
        return None
    last = f.date_to if f.date else f.return_date if day == f.depart_date else None
    if last is not None and last > day:
        # "sopir yg kosong tgl segitu" right after a trip of 23 to 27 Dec was saved: its days.
        return f"tgl {day.day} {_month_of(day)} - {last.day} {_month_of(last)} {last.year}"
    return f"tgl {day.day} {_month_of(day)} {day.year}"


def _month_of(day: dt.date) -> str:
    return MONTHS[day.month - 1].lower()


# Answers about one of the team (his papers, his trips): "dia" next is that person.
_ABOUT_A_MEMBER = frozenset({Intent.QUERY_DOCUMENTS, Intent.QUERY_SCHEDULE})


# A client's money just shown: what they owe, have paid, or their trip's card.
_ABOUT_A_CLIENTS_MONEY = frozenset({Intent.QUERY_OUTSTANDING, Intent.QUERY_SCHEDULE})
# Money said paid, no one named: "udh dilunasin barusan tf", "barusan dilunasi cash".
_PAID_SAID_RE = re.compile(
    r"\b(?:lunas|dilunasi|dilunasin|lunasin|lunasi|pelunasan|tf|transfer|ditransfer|bayar"
    r"|dibayar|byr)\b"
)


def paid_by_them(found: Found, topic: Extraction | None) -> str | None:
    """The client whose balance (or trip) the last answer showed, when the message says
    money was paid and names nobody: after "masjid baitussalam kurang brp", "udh dilunasin
    barusan tf" is the masjid's settling payment (read as if named; the reading decides)."""
    if topic is None or topic.intent not in _ABOUT_A_CLIENTS_MONEY:
        return None
    name = topic.fields.client_name
    if not name or found.client or found.team_member or found.buses or "?" in found.lower:
        return None
    # Money not said paid by them: not (yet), if, maybe, or paid to someone else ("bengkel
    # udh tak lunasin", "ga usah dilunasin dulu", "nek wis lunas kabari", "harusnya udh
    # lunas, coba cek mutasi", "gaji sopir udh tak tf"). (A local pattern: its words explain
    # no other message to the coverage check.)
    not_theirs = re.search(
        r"\b(?:ga|gak|gk|nggak|ngga|tidak|tdk|ndak|ora|blm|belum|durung|jangan|jgn|ojo|usah"
        r"|nek|kalo|klo|kalau|lek|misal|harusnya|hrsnya|mestinya|coba|cek|mungkin|kayaknya"
        r"|kyknya|bengkel|sopir|supir|kernet|gaji|premi|solar|tol|parkir|uang\s+jalan)\b",
        found.lower,
    )
    if not_theirs:
        return None
    return name if _PAID_SAID_RE.search(found.lower) else None


def swap_said_with_fault(found: Found, topic: Extraction | None) -> tuple[str, str] | None:
    """ "ganti srikandi aja, bus 03 ac nya mati" right after a trip was shown: the swap, said
    first (returned, to be read alone), and the bus at fault after it, the one given up
    (the assistant checks the trip has it)."""
    if topic is None or topic.intent not in ABOUT_BOOKINGS or len(found.buses) != 2:
        return None
    opening = BUS_SWAPPED_FIRST_RE.match(found.masked)
    if opening is None or found.money or found.dates:
        return None
    why = found.lower[opening.end() :]
    if not PROBLEM_RE.search(why) or found.buses[1].start < opening.end():
        return None
    return found.text[: opening.end() - 1], found.buses[1].text


def them(found: Found, topic: Extraction | None) -> str | None:
    """The client the last answer was about, when the message names nobody but says "dia":
    after Bu Rina's trip profit, "udh lunas blm dia" is about Bu Rina. With no client, the
    one of the team it was about: after Joko's SIM, "dia minggu dpn jalan gak?" is Joko."""
    name = topic.fields.client_name if topic is not None else None
    if name is None and topic is not None and topic.intent in _ABOUT_A_MEMBER:
        # Written as the team's names are typed ("joko"), never read as a client's.
        name = topic.fields.driver.casefold() if topic.fields.driver else None
    if not name or found.client or THEM_RE.search(name.lower()):
        return None  # a name read as a pronoun again would be substituted forever
    if found.team_member and not (
        topic and topic.fields.client_name and _THEY_RE.search(found.lower)
    ):
        # "dia" beside a teammate may be him; "mereka" is the client's group ("td pagi
        # mereka lunasin cash ke slamet").
        return None
    return name if THEM_RE.search(found.lower) else None
