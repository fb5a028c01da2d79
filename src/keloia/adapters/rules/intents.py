"""Which intent a message carries, and how sure the rules are.

The decision is an ordered list of rules over keyword families and what the field finders
saw (a date, an amount, a route, a bus...). Each rule carries the confidence it earned on
the labelled examples: a rule that fired on strong, unambiguous evidence says ~0.9, a
fallback guess says less than 0.75 so that the router asks Claude when a key is set.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from keloia.adapters.rules import dates, guards, money
from keloia.adapters.rules.buses import PLURAL_BUS_RE, TAKEN_BY_RE, WEEKDAY_NAMES
from keloia.adapters.rules.costs import (
    BUS_WASHED,
    COST_OPENS_RE,
    COST_WORDS,
    WASHED_AFTER_TRIP,
    cost_lines,
    cost_types,
    find_cost_type,
    kind_said_after,
)
from keloia.adapters.rules.fleet import (
    BREAKDOWN_RE,
    CARRIES_ON_RE,
    IN_PLACE_OF_RE,
    breakdown_only,
    broken_down_replaced,
    find_maintenance_type,
    work_done_at_workshop,
)
from keloia.adapters.rules.gazetteer import PLACE_RE
from keloia.adapters.rules.newbus import SEATS_RE
from keloia.adapters.rules.payments import BARE_BANK_RE, PAID_REST_RE, REST_CAME_IN_RE
from keloia.adapters.rules.text import STOP_WORDS, mask, words
from keloia.adapters.rules.vocabulary import (
    AFTER_TOMORROW,
    ALREADY,
    ARRIVE,
    ASKS_RE,
    BALANCE,
    CALLED_OFF,
    CASH,
    CHANGE,
    CREW_WORD_RE,
    DEPART,
    DP,
    DRIVER,
    DRIVES,
    ESTIMATE,
    FLEET,
    GOT,
    HONORIFIC,
    HOW_MUCH,
    IF_OR_MAYBE,
    KERNET,
    ME,
    MOST,
    NO,
    NO_BEFORE_VERB,
    NOT_THIS,
    NOT_YET,
    OOPS,
    PASSED_ON,
    PAY,
    PEOPLE,
    PERMIT,
    PRICE_WHY,
    PROMISE,
    PUT_BACK,
    REFUND,
    RIGHT_VALUE,
    SEAT,
    SETTLE,
    TEAM_TITLE,
    TODAY,
    TOMORROW,
    TRANSFER,
    WHEN,
    YESTERDAY,
    word_re,
)
from keloia.domain.model import news
from keloia.domain.model.bookings import BY_DESTINATION_RE
from keloia.domain.model.conversation import NO_MATTER_RE, THANKS, WELL_THEN, asks_number, plain_yes
from keloia.domain.model.fleet import SPARE_SWAP_RE
from keloia.domain.model.intents import Intent
from keloia.domain.model.money import CostCategory
from keloia.domain.model.moves import month_only_said, moves_the_day, shift_said
from keloia.domain.model.payments import CASH_WITH_ME_RE, PAYERS_ASKED_RE
from keloia.domain.model.promises import PAYMENT_NOT_IN_RE, sent_not_in
from keloia.domain.model.undo import JUST_SAVED, TAKE_BACK

log = logging.getLogger("keloia.rules")


# The writing down of a record as a thing done ("nyatetnya", "lapornya"), and how, asked.
_HOW_NOUN = (
    r"nyatetnya|nyatatnya|catatnya|catetnya|mencatatnya|nginputnya|inputnya|lapornya"
    r"|ngelapornya|laporinnya|ngisinya|nulisnya"
)
_HOW_WORD = r"gimana|gmn|gmna|gimn|bagaimana|piye|kepiye"
HELP_RE = word_re(
    # Javanese "iso"/"isa"/"saged" (can): "bot iki iso ngapain wae".
    r"fitur|fiturnya|(?:bisa|bs|iso|isa|saged)\s+(?:apa(?:\s+aja)?|ngapain)|caranya|cara\s+\w+|help"
    r"|bantuan|menu|panduan\w*|tutorial\w*|perintah\s+apa|perintahnya|cara\s+pakai|cara\s+pake"
    r"|baru\s+pakai|baru\s+pake|bot\b.*\b(?:bisa|iso|isa|saged)|bot\b.*\b(?:buat|untuk|fungsi)\s+apa|fungsi\w*\s+bot|(?:bisa|bs)\s+(?:buat|untuk|dipake\s+buat|dipakai\s+untuk)"
    r"\s+(?:catat|nyatet|nyatat|input|apa|ngapain)"
    r"|contoh\s+format|formatnya|gimana\s+(?:pake|pakai|make)"
    # "bisa input booking lewat sini?": whether (and so how) a thing is written here.
    r"|(?:bisa|bs|boleh)\s+(?:\w+\s+){0,3}(?:lewat|via|di)\s+(?:sini|wa|whatsapp|chat|bot)\b"
    # "format pesannya seperti apa": how a record is written.
    r"|format\s+(?:pesan|penulisan|tulisan|chat|wa)\w*"
    # "sy bisa ngetik apa aja ya ke sini?", "contohnya gmn?", "salah catat gmn benerinnya?"
    r"|(?:bisa|bs|boleh)\s+(?:ngetik|nulis|ketik|tulis|kirim)\s+apa"
    r"|(?:bisa|bs|boleh)\s+(?:nanya|tanya)\s+apa\s+(?:aja|saja)"
    rf"|contoh\w*\s+(?:\w+\s+)?(?:{_HOW_WORD})|(?:catat|nyatet|nyatat|input)\w*\s+(?:\w+\s+){{0,2}}contoh\w*"
    rf"|salah\s+(?:catat|input|ketik|nulis|masuk)\w*\s+(?:\w+\s+)?(?:{_HOW_WORD})"
    rf"|(?:{_HOW_WORD})\s+(?:cara\s+)?(?:koreksi|ngoreksi|ralat|benerin\s+(?:catatan|yg\s+salah))\w*"
    # "format buat input km bus gimana": the format of writing a record, asked how.
    r"|format\s+(?:(?:buat|untuk|utk|bwt)\s+)?(?:input|catat|nyatet|nyatat|ngisi|isi|lapor)\w*"
    rf"\s+(?:\w+\s+){{0,2}}?(?:{_HOW_WORD})"
    r"|bagaimana\s+(?:cara|pakai)|bantu\s+apa|pake\s+bot|bot\s*nya\s+bisa|apa\s+aja\s+yang\s+bisa"
    # "nyatetnya gmn ya", "gmn lapornya": how the writing down is done, asked.
    rf"|(?:{_HOW_NOUN})\s+(?:\w+\s+)?(?:{_HOW_WORD})|(?:{_HOW_WORD})\s+(?:\w+\s+)?(?:{_HOW_NOUN})"
)
CANCEL_RE = word_re(
    # ("wis lunas urung", "dp masuk urung": Javanese "not yet?" closing a question.)
    r"\w*batal\w*|cancel|cancell?ed|dicancel"
    r"|(?<!lunas\s)(?<!bayar\s)(?<!mbayar\s)(?<!dp\s)(?<!masuk\s)(?<!mlebu\s)(?<!budal\s)"
    r"(?<!metu\s)(?<!rampung\s)(?<!beres\s)urung|diurungkan|hapus\s+(?:booking|pesanan|order)",
    CALLED_OFF,
)
# Told to finish: "diselesaikan", "beresin" (a trip, or money owed: MONEY_FINISHED_RE).
_FINISH_TOLD = r"(?:di)?(?:selesaikan|selesaiin|kelarin|beresin)"
COMPLETE_RE = word_re(
    r"selesai|kelar|beres|rampung|done|finish|finished|sudah\s+pulang|udah\s+pulang|sdh\s+pulang"
    r"|udh\s+pulang|sudah\s+balik|udah\s+balik|sdh\s+balik|udh\s+balik|sudah\s+sampai|udah\s+sampe"
    r"|sdh\s+sampai|udah\s+sampai|sdh\s+sampe|sudah\s+tiba|sdh\s+tiba|tiba\s+di\s+pool"
    # Javanese "wis mulih" (gone home).
    rf"|(?:{ALREADY})\s+(?:{ARRIVE}|pulang|plg|balik|kembali|mulih)"
    r"|sampai\s+pool|sampe\s+pool|pulang\s+dengan\s+selamat|antar\s+pulang|(?:balik|kembali)"
    r"\s+(?:ke\s+)?(?:pool|garasi|kandang)|otw\s+pool"
    # Told to mark it done: "trip sdit salsabila diselesaikan aja"; "tripnya bisa ditutup".
    rf"|{_FINISH_TOLD}"
    r"|(?:trip|tripnya|perjalanan|perjalanannya)\s+(?:(?:bisa|sudah|udah|udh|sdh)\s+)?(?:ditutup|tutup|diclose)"
)
# "rombongan masjid udh turun semua, km akhir bus 01 122.400": every passenger dropped off,
# the trip's end when its closing reading is said with it (alone, a stop on the way).
DROPPED_ALL_RE = re.compile(
    rf"\b(?:rombongan|penumpang|peserta|tamu)(?:nya)?\s+(?:\w+\s+){{0,3}}?(?:{ALREADY})\s+"
    r"(?:turun|diturunin|diturunkan|didrop|diantar|dianter)\s+(?:semua|smua|semuanya|kabeh)\b"
    r"(?=[^?]*\bkm\s+(?:akhir|terakhir)\b[^?]*$)"
)
UPDATE_RE = word_re(
    r"pindah|dipindah|ganti|diganti|gantinya|ubah|diubah|rubah|dirubah|revisi|direvisi|mundur"
    r"|diundur|diundurin|undurin|dimundurin|mundurin|undur|maju|dimajukan|dimajuin|majuin"
    r"|naik|turun|nambah|tambah|ditambah"
    r"|tambahin|nambahin|ditambahin"
    # "rutenya diperpanjang sampe malang": the route taken further.
    r"|(?:rute|rutenya|tujuan|tujuannya|trip|tripnya)\s+(?:\w+\s+)?(?:diperpanjang|dilanjut|dilanjutin)"
    # "harga karang taruna naikin jd 3,2jt": the change, never part of the client's name.
    r"|(?:di)?(?:naik|turun)(?:in|kan|kin)|dinaikan"
    r"|jadinya|reschedule|resched|berubah|perubahan|update|koreksi|bukan|bkn"
    r"|geser|digeser|jadi\s+(?:ke|jam|tgl|tanggal|pake)"
    r"|(?:tujuan|tujuannya|harga|harganya|jam|jamnya|brkt|berangkat|berangkatnya|rute|rutenya"
    r"|bus|busnya|sopir|sopirnya|tanggal|tanggalnya|tgl|tglnya|hari|harinya|waktu|waktunya"
    r"|jemput|jemputnya|penjemputan|pulang|pulangnya)\s+(?:\w+\s+)?(?:jadi|jd)|diskon|potongan"
    # "jadi gini pak, ...": "so", opening what is told, changes nothing.
    r"|(?:jadi|jd)(?!\s+(?:gini|begini|gitu|begitu|ceritanya))"
    r"|tuker|dituker|tukar|ditukar|tukeran|\w+nya\s+(?:\w+\s+)?(?:jadi|jd)"
)
# Change words that also appear when a booking is first described ("minta jemput jam 5"):
# they make an update only when the message does not describe a whole trip.
WEAK_UPDATE_RE = word_re(
    r"pake|pakai|minta|jemput|jemputnya|lebih\s+pagi|lebih\s+awal|lebih\s+siang|lebih\s+malam"
    r"|sopirnya|sopire|supirnya|supire|driver\s*nya"
    # "pak hendra mampir jatim park": a stop added to that client's trip ("sy mampir ke
    # rumah pak hendra": the driver's own way).
    r"|(?<!sy\s)(?<!saya\s)(?<!aku\s)(?<!aq\s)(?<!kita\s)(?:mampir|singgah)"
)
CREATE_RE = word_re(
    r"pickup|pick\s+up|drop\s+(?:ke|di)|antar\s+ke|anter\s+ke|antar\s+jemput|pemesanan|sewa|nyewa|menyewa|disewa|booking|book|booked|order|orderan|pesan|pesen|pesanan|pesenan"
    r"|carter|charter|carteran|borong|jadi\s+ambil|ambil\s+bus|reservasi|job\s+baru|trip\s+baru"
    r"|rombongan\s+baru|mau\s+ke|rental|dp"
)
# Kinds of trip: evidence of a booking, but a finished or cancelled trip names them too.
TRIP_RE = word_re(
    r"study\s+tour|studi\s+tour|field\s+trip|trip\s+ke|kunjungan|tour|wisata|ziarah|outing"
    r"|piknik|rekreasi|kunker|liburan|jalan-jalan|jalan2"
    # A tour package's length: "4 hari 3 malam", "3hr2mlm", and the bare letters only
    # written together, "3h2m", "2d1n" ("1 h 2 m" is an hour and two minutes, or metres).
    r"|\d\s*(?:hari|hr)\s*\d\s*(?:malam|mlm)|\dh\dm|\dd\dn"
)
NEW_BOOKING_RE = word_re(
    # "harga sewa koperasi sejahtera tgl 30 jadi 7,5jt": the hire's price, no hiring said.
    r"(?<!harga\s)(?<!hrg\s)(?<!biaya\s)(?<!ongkos\s)(?<!tarif\s)sewa|nyewa|menyewa|carter|charter|borong|jadi\s+ambil|reservasi|order\s+baru|booking\s+baru"
    r"|pesanan\s+baru|pesenan\s+baru|job\s+baru|trip\s+baru|rental|pesan\s+(?:bus|elf|hdd|shd)"
    # English in the office: "New booking: pak yusuf, ...", "new order".
    r"|new\s+(?:booking|order|trip|job)"
    # "bu dewi jadi booking tgl 24 ...": goes ahead and books, as "jadi ambil" does.
    r"|(?:jadi|jd)\s+(?:booking|boking|bokin|book|pesan|pesen|order)"
    r"|order\s+dari|booking\s+dr|booking\s+dari|pesen\s+(?:bus|elf|hdd)|ada\s+booking"
    # "mau booking lagi tgl 20 des": a client booking again is a new trip, whatever else
    # of theirs is booked.
    r"|(?:booking|boking|bokin|book|pesan|pesen|order|sewa)\s+(?:bus\s+|bis\s+)?(?:lagi|lg|lgi)"
    # "input booking pak suroso tgl 5 des ...": a booking typed in to be kept, a new one;
    # never "buat" ("for": "buat booking bu dewi ..."), nor with a change said after it
    # ("tambah booking bu dewi jadi 2 bus", "bikin booking bu dewi yg tgl 4 jadi tgl 5").
    r"|(?:input|inputin|masukin|masukkan|tambah|tambahin|bikin|bikinin|buatin)"
    r"\s+(?:booking|boking|bokin|order|orderan|pesanan)\b"
    r"(?![^.\n]*\b(?:ganti|diganti|gnti|jadi|jd|pindah|dipindah|mundur|maju|diundur|dimajukan"
    r"|geser|digeser|batal|cancel|salah|keliru|koreksi|harusnya|hrsnya|seharusnya)\b)"
    # "catet booking bu ratna tgl 26 des pake bus 04": written down, the same; never money or
    # a detail of a booking made ("tolong catet booking bu dewi udh dp 1jt td cash").
    r"|(?:catat|catet|catatin|catetin)\s+(?:booking|boking|bokin|order|orderan|pesanan)\b"
    r"(?![^.\n]*\b(?:ganti|diganti|gnti|jadi|jd|pindah|dipindah|mundur|maju|diundur|dimajukan"
    r"|geser|digeser|batal|cancel|salah|keliru|koreksi|harusnya|hrsnya|seharusnya|dp|lunas\w*"
    r"|pelunasan|bayar\w*|byr|tf|transfer|trf|cash|tunai|sisa\w*|jemput\w*|sopir\w*|supir\w*"
    r"|kernet\w*|udh|udah|sudah|sdh)\b)"
)
# "orderan: Pak Kyai Anwar ...", "order baru: ...": a new order headed as one.
ORDER_HEADED_RE = re.compile(r"\W*(?:orderan|order|pesanan|pesenan)(?:\s+baru)?\s*:")
# "mbak, ada yg mau booking nih. pak rudi dr kalasan": someone wants to book, told, not
# asked ("ada yg" otherwise asks: "bsk ada yg brgkt ga?"); the words around it may still
# ask ("tgl 2 des ada bus nganggur ga, ada yg mau sewa sehari").
WANTS_TO_BOOK_RE = re.compile(
    r"\bada\s+(?:yg|yang|org|orang)\s+(?:mau|mo|pengen|pingin|ingin|minta)\s+"
    r"(?:booking|boking|bokin|book|sewa|nyewa|carter|charter|pesan|pesen|order)\b"
)
# "ada yg booking tgl 20 des jogja-solo 1 bus": someone booked, told with the trip's
# route (only read so when nothing asks: "tgl 20 ada yg booking?", "ada yg sewa ke solo
# ga?" ask whether anyone did).
SOMEONE_BOOKED_RE = re.compile(
    r"\bada\s+(?:yg|yang|org|orang)\s+(?:booking|boking|bokin|book|sewa|nyewa|carter"
    # ("ada yang telepon namanya bu yayuk mau ke pangandaran ...": someone called to book.)
    r"|charter|pesan|pesen|order"
    r"|(?:telepon|telpon|telp|tlp|nelpon|nelepon)(?!\s+(?:\w+\s+)?(?:nanya|tanya|nanyain)\b))\b"
)
PAYMENT_RE = word_re(
    PAY,
    TRANSFER,
    SETTLE,
    DP,
    REFUND,
    r"masuk|terima|diterima|nerima|setor|titip|cash|tunai|qris|kirim|dikirim|pembayaran"
    r"|nyicil|cicil|cicilan|angsuran",
)
# "bus 06 kurang sopir", "sopir e kurang siji": short of crew or buses, no money owed.
# ("titipan bu dewi lewat sopire kurang pira?": how much of the money is short.)
_SHORT_OF = "".join(
    rf"(?!(?<={crew}{suffix} )kurang\b(?!\s+(?:pira|piro|brp|berapa|brapa)\b))"
    for crew in ("sopir", "supir", "driver", "kernet", "kenek")
    for suffix in ("", " e", "e", "ne", "nya")
) + (r"(?!kurang\s+(?:\d{1,2}\s+)?(?:sopir|supir|driver|kernet|kenek|crew|kru|bus|armada|unit)\w*)")
# Money stuck (with the clients): "duit yg nyangkut", "nyangkut di klien".
_STUCK = r"nyangkut|nyantol|ketahan|tertahan"
OUTSTANDING_RE = word_re(
    _SHORT_OF + rf"(?:{BALANCE})",
    r"tagihannya|hutangnya|utangnya|piutangnya"
    rf"|(?:{PAY}|{SETTLE}|{TRANSFER}|{DP})\s+(?:\w+\s+)?(?:{NOT_YET})"
    # Javanese "durung" / "dereng" (belum): "sing durung mbayar lunas sopo wae".
    rf"|(?:durung|dereng)\s+(?:\w+\s+)?(?:{PAY}|{SETTLE}|{DP})"
    r"|belum\s+bayar|blm\s+bayar|belum\s+lunas|blm\s+lns|belum\s+lns"
    r"|blm\s+lunas|belum\s+masuk|blm\s+masuk|belum\s+dibayar|blm\s+dibayar|piutang|tagihan"
    r"|hutang|utang|tunggakan|outstanding|nunggak|menunggak|belum\s+pelunasan|blm\s+pelunasan"
    r"|(?:lewat|lwt|melewati)\s+(?:jatuh\s+tempo|tempo)|(?:telat|terlambat)\s+(?:bayar|byr)"
    r"|overdue"
    # Money stuck with the clients ("yg msh nyangkut di klien", "duit yg nyangkut"), not a
    # bus stuck somewhere.
    rf"|(?:duit|uang|dana|piutang)\s+(?:\w+\s+){{0,2}}?(?:{_STUCK})"
    rf"|(?:{_STUCK})\s+(?:di\s+)?(?:klien|client|pelanggan|customer"
    r"|konsumen|penyewa|orang)"
    r"|ngutang|berhutang|berutang|tanggungan\w*|kurang\s+bayar|belum\s+beres|blm\s+beres"
    rf"|lunas\s+(?:{NOT_YET})|(?:{NOT_YET})\s+(?:\w+\s+)?(?:membayar|melunasi|dilunasi)"
    rf"|(?:bayar|tf|transfer|dp)\s+(?:{NOT_YET})\s*\?",
)
SCHEDULE_RE = word_re(
    rf"jadwal|jadwalnya|jdwl|agenda|trip|tripnya|keberangkatan|(?:{DEPART})(?:nya)?|job|jobnya"
    r"|orderan"
    r"|kemana|ke\s+mana|narik|booking|bookingan|pesanan|jalan|tugas|penugasan|sewaan|rute"
    # ("lajeng tujuanipun pundi": where the trip goes, asked.)
    r"|tujuan(?:nya|ne)?\s+(?:mana|kemana|kmn|dimana|dmn|pundi|ndi|endi|ngendi)"
    r"|full|penuh|kosong|free|libur|dipake|dipakai|ada\s+yg\s+(?:pake|pakai|sewa|booking)"
)
BUS_QUERY_RE = word_re(
    r"dimana|di\s+mana|dmn|dmna|posisi|posisinya|lokasi|lokasinya|kondisi|kondisinya|status"
    r"|statusnya|keadaan|pool|ready|kosong|nganggur|tersedia|rusak|sehat|aman|armada|unit"
    r"|bengkel|siap|lg\s+apa|lagi\s+apa|ngapain|skrg|sekarang|dipake\s+siapa|dipakai\s+siapa"
    r"|(?:lg|lagi|sedang)\s+(?:jalan|di)|bisa\s+(?:dipake|dipakai|jalan)|(?:udah|sudah|sdh)\s+bener"
)
# The words QUESTION_RE's branches share: a particle after a closing "kan" or "durung"
# ("... kan pak"), up to two after a closing no ("... ga ya pak"), the closing no itself, and
# what is needed after it ("... ga, butuh 2").
_AFTER_TAG = r"ya|yah|sih|pak|bu|mbak|mba|mas|min|bos"
_AFTER_NO = r"ya|yah|sih|nih|mbak|mba|pak|bu|mas|min|bos"
_NEEDED = r"butuh|butuhnya|perlu|perlunya|kebutuhan|mau|buat|utk|untuk"
_CLOSING_NO = r"ga|gak|gk|nggak|ngga|enggak|ndak"
QUESTION_RE = re.compile(
    rf"\?|\b(?:apa|apakah|siapa|{HOW_MUCH}|gimana|gmn|gmana|bagaimana|{WHEN}|mana|dimana|dmn"
    # "belum" anywhere asks; not Javanese "durung" ("pak hendra durung dp" tells), nor "blm
    # bisa" before what cannot be done yet ("ac bus 02 mati blm bs dibenerin" tells), nor a
    # price "belum deal" (not agreed yet).
    r"|kah|ya\s+gak|gak\s+sih|(?:belum|blm)(?!\s+(?:bisa|bs|bsa)\s+[a-z])(?!\s+(?:deal|fix|pasti)\b)"
    r"|ada\s+ga|ada\s+gak"
    # "td ada yg nanya, aku tolak": someone asked, told; "ada yg kosong" asks.
    # "ga ada yg lain": none, told.
    r"|(?<!ga\s)(?<!gak\s)(?<!tidak\s)(?<!tdk\s)(?<!nggak\s)"
    r"ada\s+(?:yg|yang)(?!\s+(?:nanya|nanyain|tanya|menanyakan|nelpon|telpon|wa)\b)"
    r"|kenapa|knp|mengapa|ngapain|napa|kmn|kemana|kmana|kemna|dmana|sapa"
    # "ada bus kosong nggak yang gede buat 50 orang": the closing no said mid-sentence,
    # right after the free word, still asks.
    r"|(?<=kosong\s)(?:ga|gak|gk|nggak|ngga|engga|enggak|ndak|tdk)(?=\s+(?:yg|yang|buat|utk|untuk)\b)"
    # Javanese: "sopo" / "sinten" (siapa), "nopo" (apa), "piye" (gimana), "pundi" / "endi" (mana).
    r"|sopo|sinten|nopo|piye|pundi|endi|ngendi|ndi)\b"
    # "bsk kernet sy sp": "sp" (siapa) closing the message; "bus 04 besok kosong ga".
    # A closing "ga?" asks ("bus 04 bisa dipake ga"), and "kok" wonders ("kok msh di bengkel");
    # a "kok" closing a clause asserts ("tetep jalan kok", "udh beres kok, bus 05 ...").
    # "tgl 4 ada bus nganggur ga ya": a particle may follow the closing "ga".
    # Its own list of the closing no: "tidak" closing a message answers as often as it asks
    # ("sopirnya bisa, kernetnya tidak"), and "g" may be a plate's letter ("AD 1234 G").
    # "masih nginep di bengkel ga bus 05": the bus asked of named after the closing no.
    r"|\b(?:masih|msh|masi|isih|udh|udah|sudah|sdh)\b[^.?!,]*\s(?:ga|gak|gk|nggak|ngga|engga|enggak)"
    r"\s+(?:bus|bis|unit)\s*\d{1,3}\W*$"
    # ("sesuk bus 01 nganggur ra": the Javanese "ra" closes a question right after a state.)
    r"|\b(?:nganggur|kosong|iso|isa|bisa|ana|ono|onok|siap|aman|free|mlaku|budal|dipake|dipakai"
    r"|dinggo|dienggo)\s+ra\W*$"
    # ("bus serayu tgl 24 kosong tidak ya": a state, then the spoken "or not".)
    r"|\b(?:nganggur|kosong|bisa|ada|siap|aman|free)\s+(?:atau\s+)?tidak(?:\s+(?:ya|sih|kah))?\W*$"
    # ("pt sinar abadi wingi lunas ra", "pak hendra lunas rung": whether it is paid, asked.)
    r"|\b(?:lunas|dilunasi|mbayar|bayar|dp|masuk|mlebu|metu|rampung|beres)\s+(?:ra|rung|urung)"
    rf"(?:\s+(?:{_AFTER_TAG}))?\W*$"
    r"|\bsp\W*$|\b(?:ga|gak|gk|nggak|ngga|nggk|engga|enggak|ndak|tdk|mboten|ora)"
    r"(?:\s+(?:ya|yah|sih|nih|kah|pak|bu|mbak|mba|mas))?"
    # "baru tf 2jt kok bkn 3jt": "kok" before the value refused asserts ("kok bukan joko
    # yg nyetir" opening the message still wonders).
    # ("lho wis diperpanjang kok kmrn, ...": "kok" before when it was done asserts.)
    r"\W*$|\bkok\b(?![^\w?]*$|\s*[,.!;\n]|\s+(?:bukan|bkn)\b|\s+(?:kmrn|kemarin|kemaren|wingi|td|tadi)\b)"
    r"|^\W*kok\s+(?:bukan|bkn)\b"
    # "bus 03 tgl 12 kosong kan", "slamet bsk libur kan pak": a closing "kan" checks what it
    # says, as a closing "ya?" does.
    # ("brarti bu rina udh lunas kan ya skrg": "now" after the particles.)
    rf"|\b(?:kan|khan)(?:\s+(?:{_AFTER_TAG}|skrg|sekarang|skrang))" + "{0,2}" + r"\W*$"
    # Javanese "to"/"tho" closing a state checks it as "kan" does: "sesok aku prei to".
    r"|\b(?:libur|prei|preian|kosong|nganggur|lunas|free|longgar|bisa|iso|isa|aman)"
    rf"\s+(?:to|tho|toh)(?:\s+(?:{_AFTER_TAG}))?\W*$"
    # "bus 05 wis metu bengkel durung", "udh dp durung": a closing Javanese "durung" after
    # "wis"/"udah" asks whether it is done yet, as "belum" does.
    # (A closing "rung"/"ra" after a thing's "-nya" tells what is not done yet: "rem e wis
    # beres ac e rung".)
    r"|\b(?:udah|udh|sudah|sdh|dah|wis|wes)\b[^.?!,;]*(?:\bdurung|(?<!nya\s)\b(?:rung|urung|ra))"
    rf"(?:\s+(?:{_AFTER_TAG}))?\W*$"
    # "lusa ada bus nganggur ga mbak": "ada ... ga" closing the message asks, with no "?".
    r"|\b(?:ada|wonten)\b[^.?!]*\b(?:ga|gak|nggak|ngga|enggak|ndak|mboten)"
    rf"(?:\s+(?:{_AFTER_NO})){{0,2}}\W*$"
    # "lusa ada bus kosong ga, butuh 2": the closing "ga" of a clause, what is needed after.
    rf"|\b(?:ada|wonten)\b[^.?!,;]*\b(?:{_CLOSING_NO}|mboten)"
    rf"(?:\s+(?:{_AFTER_NO})){{0,2}}\s*[,;]\s*(?:{_NEEDED})\b"
    # Voice typing writes no comma: "ada nggak eh butuh dua bus", "bus 02 kosong nggak pak
    # mau saya cuci": a filler or a word to the reader closes the question.
    rf"|\b(?:ada|wonten|kosong|nganggur)\b[^.?!,;]*\b(?:{_CLOSING_NO})"
    rf"\s+(?:ya\s+|sih\s+)?(?:eh+|pak|bu|mbak|mba|mas|min|bos)\s+(?:{_NEEDED})\b"
    # "ada bus kosong ga tgl 14-16 maret", "wahyu nganggur gak besok": the day asked of
    # follows the closing "ga".
    rf"|\b(?:kosong|nganggur|free|available)\s+(?:{_CLOSING_NO})\s+"
    r"(?=\d|(?:tgl|tanggal|tg|besok|bsk|lusa|minggu|senin|selasa|rabu|kamis|jumat|sabtu)\b)"
    r"|^\W*(?:tolong\s+|mohon\s+|min\W+|pak\W+)?(?:cek|lihat|liat|list|daftar|info|rekap"
    # "info dari client pak hendra: ...": word brought, not asked for.
    r"|tampilkan)\b(?!\s+(?:dari|dr|dri)\b)"
)
# A request put as a question: "bisa tandain trip pak hendra udh selesai?", "bus 05 ...
# bisa dicatet?", "hapus yg barusan bisa ga?", "bisa bikin booking baru? pak yanto ...":
# the asking is politeness, what is asked for is done in the records. Only the writing
# down, marking, making, deleting or confirming of a record is asked so ("bus 02 bisa
# dipake ga", "bisa cek jadwal besok?" still ask).
_RECORD_DONE = (
    r"(?:di)?(?:catat|catet|catatin|catetin|cateti|input|inputin|inputkan|tandai|tandain"
    r"|masukin|masukkan|simpan|simpen|hapus|apus|konfirmasi|konfirm|batalin|batalkan"
    r"|selesaikan|selesaiin)|nyatat|nyatet|nginput|bikin(?:in|kan)?|dibikin(?:in|kan)?|buatin"
    r"|dibuatin|(?:di)?buatkan"
)
_CAN_ASK = r"bisa|bs|bsa|tolong|tlg|mohon|mhn|minta|boleh|blh"
_ASK_TAIL = (
    r"(?:\s+(?:ga|gak|gk|nggak|ngga|enggak|tdk|tidak|ndak|kah|kan|ya|yah|gitu|ngga|dong|pak|bu"
    r"|mbak|mba|mas|min|bos|sekalian|skalian|aja|saja))*(?:\s*\?+|(?=\s*(?:[.!\n]|$)))"
)
REQUEST_ASKED_RE = re.compile(
    # "bisa tandain ... ?", "tolong dicatet ya?", "minta dihapus ya": the request opening
    # its clause, its "?" closing it.
    rf"\b(?:{_CAN_ASK})\s+(?:(?:tolong|tlg|sekalian|skalian|langsung|lgsg)\s+)?"
    rf"(?=(?:{_RECORD_DONE})\b)(?P<body>[^?.!\n]*?){_ASK_TAIL}"
    # "hapus yg barusan bisa ga?", "bus 05 ... dicatet bisa?": the request closing its clause.
    rf"|(?<![\w])(?=(?:{_RECORD_DONE})\b)(?P<before>[^?.!\n]*?)\s+(?:bisa|bs|bsa|boleh|blh)"
    rf"{_ASK_TAIL}"
)
# "booking pak darto udh fix ya? konfirmasi aja": an order after the question, closing the
# message, answers it: what is said is done.
ORDER_AFTER_RE = re.compile(
    rf"\?\s*(?:(?:tolong|tlg|mohon|mhn|langsung|lgsg|sekalian|skalian|yaudah|ya\s+udah"
    rf"|udah|udh)\s+)?(?:{_RECORD_DONE})\b[^?]*$"
)


# A driver's own news closed by a tag asking leave or whether he is still wanted: "sy
# telat 30 menit, macet. gpp kan?", "tgl 20 sy ga bisa narik gpp ya?", "ternyata tgl 10 sy
# bisa narik, masih butuh ga?": the news is what he says, the tag asks nothing of records.
CREW_TAG_RE = re.compile(
    r"\b(?:(?:gpp|gapapa|gppa|(?:ga|gak|gk|nggak|ngga|ndak|tdk|tidak)\s*(?:papa|apa2|apa-apa"
    r"|apa\s+apa|masalah))|(?:masih|msh)\s+(?:butuh|perlu|dibutuhin|dibutuhkan|diperlukan)"
    r"(?:\s+(?:sy|saya|aku|tenaga\s+\w+))?)"
    r"(?:\s+(?:ga|gak|gk|nggak|ngga|ndak|tdk|kan|ya|yah|to|tho|kah|pak|bu|mbak|mba|mas|bos|min))*"
    r"\s*\?*(?=\s*(?:[.!,\n]|$)|\s)"
)


# "pak tgl 19 sy ga bs narik ya? anak sy nikahan": leave asked with the decline, its "ya?"
# a tag, nothing asked of the records.
_DECLINE_TAG_RE = re.compile(
    r"(\b(?:ga|gak|nggak|ngga|tdk|tidak|ndak|ora|gk)\s+(?:bisa|bs|iso|saged)\s+"
    r"(?:narik|nyopir|nyupir|jalan|brgkt|berangkat|ikut|bawa|masuk)\b)\s+(?:ya|yah|yaa)"
    r"(?:\s+(?:pak|bu|mbak|mas|bos))?\s*\?+"
)


_RECORD_IT_TAG_RE = re.compile(
    r"[,.]?\s*(?:tlg|tolong|mohon|minta)\s+(?:di)?(?:update|apdet|catet|catat|simpan|simpen|input)"
    r"\w*\s+(?:ya|yaa|yah)(?:\s+(?:pak|bu|mbak|mas|min))?\s*\?+\s*$"
)


# ("tolong tanyain pak hendra, ... bisa ga?": someone is to be asked, nothing done.)
_PLEASE_OPENING_RE = re.compile(
    r"\W*(?:tolong|tlg|mohon)\s+(?!(?:tanya|tanyain|tanyakan|cek|cekin|lihat|liat|kabari)\w*\b)"
)
# "..., bisa kan?", "bisa ya?": it can be done, assumed; the request's tag ("bisa ga?" asks).
_CAN_IT_TAG_RE = re.compile(
    r"[,.]?\s*(?:bisa|bs|boleh)\s+(?:kan|ya|yaa)(?:\s+(?:pak|bu|mbak|mas|min))?\s*\?+\s*$"
)


def request_unasked(low: str, crew: bool = False) -> str:
    """The message with a request put as a question said plainly: "bisa tandain X?" is
    "tandain X", "X? konfirmasi aja" is "konfirmasi aja"; a driver's "..., gpp ya?" drops
    its tag."""
    # "kir bus 01 udh diperpanjang smp 12 jan 2028, tlg diupdate ya?": asked to record it.
    low = _RECORD_IT_TAG_RE.sub(" ", low)
    if _PLEASE_OPENING_RE.match(low):
        # "tolong trip bu tini tgl 9 ganti pake bus 05 bisa kan?": asked to do it.
        low = _CAN_IT_TAG_RE.sub(" ", low)
    if crew:
        low = _DECLINE_TAG_RE.sub(r"\1", CREW_TAG_RE.sub(" ", low))
    order = ORDER_AFTER_RE.search(low)
    if order is not None:
        return low[order.start() + 1 :]

    def plain(m: re.Match[str]) -> str:
        body = m.group("body")
        return f" {body if body is not None else m.group('before')} "

    return REQUEST_ASKED_RE.sub(plain, low)


PRICE_ASKED_RE = re.compile(
    rf"\b(?:harga|harganya|hrg|total|totalnya)\b.*\b(?:{HOW_MUCH})\b"
    rf"|\b(?:{HOW_MUCH})\s+(?:sih\s+)?(?:harga|harganya|hrg|totalnya)\b"
)
# Money beyond the ledger: questions, never actions. "kalau batal kena berapa" asks about a
# cancellation without asking for one.
IF_WORDS = news.IF
IF_RE = word_re(IF_WORDS)
ASKS_AMOUNT_RE = word_re(HOW_MUCH, r"gimana|gmn|bagaimana")
IF_CANCEL_RE = re.compile(
    rf"\b(?:{IF_WORDS})\b{news.IN_SENTENCE}*"
    r"\b(?:batal|dibatal\w*|batalin|mbatal\w*|cancel\w*"
    # "kalo ga jadi, dendanya brp?": not going is the cancellation.
    r"|(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|ndak|ora)\s+(?:jadi|jd|sida|sido)"
    # (never "ga jadi brgkt jam 5 tapi jam 7": another plan, not called off)
    r"(?=\s*(?:[,.?!]|$)|\s+(?:ya|sih|nih|deh|nanti|ntar|kena|dendanya|dendane|biayanya|pak|bu"
    r"|mas|mbak|min)\b))\b"
    r"|\b(?:denda|biaya|potongan)\s+(?:pem)?batal(?:an|nya)?\b"
    # "bu dewi batal gimana?", "bu dewi batal kena brp?": the cancellation and the question
    # about it in one breath, without "kalau", ask what it would mean; nothing is cancelled
    # ("bu dewi batal, dp nya gimana?" says she did, then asks).
    r"|\b(?:batal|dibatal\w*|batalin|cancel\w*)(?:\s+(?:jadinya|jadi|nya|itu|ya|sih|tuh))*"
    rf"\s+(?:kena\s+)?(?:gimana|gmn|gmana|bagaimana|piye|{HOW_MUCH})\b"
    # "bu ratna yg tgl 25 mau cancel, potongannya brp": a cancellation meant, its cost asked.
    r"|\b(?:mau|pengen|pingin|pgn|rencana|niat)\s+(?:batal|cancel)\w*\b[^.!\n]*"
    r"\b(?:potongan|potongannya|denda|dendanya|biayanya|biaya\s+batalnya|kena|charge|hangus)\b"
    r"[^.!\n]*(?:\?|\b(?:brp|berapa|brapa|gmn|gimana|piye|takut|ga|gak|nggak|ngga|enggak|gk)\b"
    r"|\bbisa\s*\W*$)"
    r"|\b(?:mau|pengen|rencana)\s+(?:batal|cancel)\w*\b[^.!\n]*\b(?:tanya|takut)\s+(?:kena\s+)?"
    r"(?:denda|potongan|biaya|hangus)\w*"
)
HOW_MUCH_RE = word_re(HOW_MUCH, r"kena|denda|dendanya|potong|potongan|hangus|biaya|biayanya|balik")
PROFIT_RE = word_re(
    # ("labane sasi iki piro": the profit; "untunge" is "luckily", never the profit.)
    r"untung|untungnya|laba|labanya|labane|profit|profitnya|rugi|ruginya|margin|marginnya|cuan"
    r"|keuntungan|keuntungannya|kerugian|hasil\s+bersih|bersihnya"
    # Javanese "bathi" (profit): "bathine piro?".
    r"|bathi|bathine|bathinya|bati|batine"
    # "dpt brp bersih e?", "bersihe brp": what a trip left, the Javanese "-e" for "-nya".
    r"|bersih\s+e|bersihe|(?:dapat|dpt|dapet|dpet)\s+(?:\w+\s+)?bersih"
    r"|bersih\s+(?:brp|berapa|brapa)"
)
EARNS_RE = re.compile(
    r"\b(?:paling|ter)\s*(?:(?:banyak|byk|bnyk|gede|besar)\s+)?(?:menghasilkan|ngasilin"
    r"|ngehasilin|ngasilke|ngasilno|hasilin|hasilnya|pendapatannya|untung|laku|laris|produktif|cuan|banyak\s+jalan"
    r"|sering\s+jalan|rame|ramai|sibuk)\b|\butilisasi\w*|\b(?:menghasilkan|ngasilin"
    # "bis endi sing paling akeh narik?": the bus most on the road.
    r"|(?:paling|plg)\s+(?:banyak|byk|bnyk|akeh|sering|srg)\s+(?:narik|jalan|jln|dipake|dipakai)"
    r"|ngehasilin)\b|\b(?:pendapatan|rekap|laporan|omset|omzet)\s+(?:per|tiap|setiap|masing2|masing-masing)\s+bus"
)
# "yg ga jalan sama sekali bulan ini apa aja": the buses that stood idle all the period,
# as the days on the road per bus show them.
IDLE_ALL_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|enggak|tidak|tdk|ndak|blm|belum|ra|ora)\s+(?:pernah\s+)?"
    r"(?:jalan|narik|keluar|operasi|dipake|dipakai)\s+(?:sama\s+sekali|samsek|blas|babar\s+blas)\b"
)
BUSY_RE = word_re(r"ramai|rame|sepi|musim\s+\w+|musimnya|peak\s+season|high\s+season|low\s+season")
SEASON_RE = re.compile(
    BUSY_RE.pattern
    + r"|\b(?:libur\s+(?:anak\s+)?sekolah|lebaran|mudik|liburan|long\s+weekend|harpitnas)\b"
)
# A season named only as the time of what is asked, how busy it is not said: "mudik tgl 6
# sopire lengkap?" (the crew of the trips), "premi sy brp buat trip mudik kmrn" (his pay).
SEASON_AS_TIME_RE = word_re(
    DRIVER, KERNET, r"premi\w*|uang\s+jalan|trip|tripnya|booking\w*|bookingan\w*|jadwal\w*"
)
# The public holidays asked ("ada tanggal merah bulan ini?", "minggu dpn ada libur ga"),
# not how busy the season is.
HOLIDAYS_RE = word_re(
    # Javanese "tanggal abang".
    # "tanggal merahnya apa aja": the holidays of the period just talked about.
    r"(?:tanggal|tgl|tanggal2)\s+(?:merah|abang)(?:nya|ne|e)?|(?:hari|hr)\s+libur(?:nya)?"
    r"|libur\s+nasional(?:nya)?|cuti\s+bersama(?:nya)?|ada\s+libur|ada\s+liburnya|harpitnas"
)
WHICH_DAYS_RE = word_re(WHEN, rf"apa\s+aja|apa\s+saja|(?:tgl|tanggal)\s+(?:{HOW_MUCH})")
# The day of a season asked ("libur sekolah kapan", "lebaran tgl brp"), not how busy it is
# ("libur sekolah rame ga?") nor what is booked then ("pas lebaran ada booking apa aja").
DAY_OF_ASKED_RE = word_re(
    rf"{WHEN}|tgl\s+(?:{HOW_MUCH})|tanggal\s*(?:nya\s+)?(?:{HOW_MUCH})|tglnya\s+(?:{HOW_MUCH})"
    r"|mulai\s+(?:tgl|tanggal|kapan|kpn)|jatuh\s+(?:tgl|tanggal|hari|pada)|hari\s+apa"
)
SCHOOL_BREAK_RE = word_re(
    r"(?:libur|liburan)\s+(?:anak\s+)?(?:sekolah|semester|kenaikan\s+kelas)"
    # "kapan anak sekolah libur?", "anak sekolah libur tgl brp": the same break asked, said
    # the other way round (never the break only why: "bu dewi kapan berangkat? nunggu anak
    # sekolah libur" asks her trip).
    r"|(?<=kapan\s)anak\s+(?:sekolah|sekolahan)\s+(?:pada\s+|pd\s+)?(?:libur|liburan)"
    r"|anak\s+(?:sekolah|sekolahan)\s+(?:pada\s+|pd\s+)?(?:libur|liburan)(?:nya)?"
    r"(?=\s+(?:kapan|tgl\s+brp|tgl\s+berapa|tanggal\s+berapa|mulai\s+kapan)\b)"
)
LEBARAN_RE = word_re(r"lebaran|lebarannya|idul\s*fitri|iedul\s*fitri|idulfitri|riyoyo|riyaya")
# "libur januari ada apa aja": the holidays of the period said.
HOLIDAY_WORD_RE = word_re(r"libur|liburnya|liburan")
WAIVE_RE = word_re(
    # (Javanese "dibebaske", "dibebasno", "digratiske": let go.)
    r"bebaskan|dibebaskan|bebasin|dibebasin|bebaske|dibebaske|bebasno|dibebasno|gratiskan"
    r"|digratiskan|gratisin|digratisin|gratiske|digratiske|hapus"
    rf"|hapuskan|dihapus|hapusin|dihapusin|(?:{NO})\s+usah"
    r"|gausah|ikhlaskan|diikhlaskan|ikhlasin|diikhlasin|relakan|direlakan|waive"
    # "ga dikenain biaya batal": not charged, the fee let go as it is said.
    rf"|(?:{NO})\s+(?:di)?kena(?:in|kan|kin)?"
    # "ga perlu bayar denda", Sundanese "teu kudu mayar denda" / "teu usah": need not pay it.
    rf"|(?:{NO}|teu)\s+(?:usah|kudu|perlu|prlu)\s+(?:bayar|mayar|byr|ngebayar)|teu\s+usah"
)
FEE_WORD_RE = re.compile(
    r"\b(?:biaya|denda|potongan)\s+(?:pem)?batal(?:an|nya)?\b|\bdenda(?:nya)?\b|\bbiaya\s+cancel"
    # "cancellation fee PT Cahaya Abadi dibebaskan": the English business word.
    r"|\b(?:cancellation|cancel)\s+fee\b"
    # "ga usah kena potongan": a deduction charged is the fee ("kasih potongan" a discount).
    r"|\bkena\s+(?:potongan|potong)\b"
)
INCLUDED_RE = word_re(r"termasuk|include|included|sdh\s+trmsk|all\s+in")
TRIP_WORD_RE = word_re(r"trip|rombongan|perjalanan|tour|sewa|carteran|charter")
DOUBT_RE = word_re(NO, NOT_YET, r"kah|gimana|gmn|bagaimana")
# "bus2 pd dmn aja": the buses (buses.PLURAL_BUS_RE); "bus2 ban bocor" is Bus 2.
FLEET_RE = re.compile(f"{word_re(FLEET, r'hdd|shd|medium|mobil').pattern}|{PLURAL_BUS_RE.pattern}")
# "yg", "yg masih", "yang lagi": the ones (still) free, before the word saying so.
_THE_ONES = r"\b(?:yg|yang|sing)\s+(?:lagi\s+|lg\s+|masih\s+|msh\s+)?"
# The sender asking whether they themselves are free: "sy nganggur", "aku sesuk libur to".
# "kosong ga", "bus 03 tgl 12 bisa dipake?": whether a bus or a teammate is free.
FREE_WORD_RE = re.compile(
    r"\b(?:kosong|free|available|ready|nganggur|longgar|prei)\b|\bbisa\s+(?:dipake|dipakai|jalan)\b"
    rf"|{_THE_ONES}siap\s+(?:jalan|jln|dipake|dipakai|berangkat|brgkt)\b"
    # "lusa ada unit yg standby?": the ones standing by are the free ones ("sopir standby
    # di pool jam 4" is where one waits).
    rf"|{_THE_ONES}(?:standby|stand\s+by|stanby)\b"
)
# Who can take a teammate's place, asked: "siapa yg bisa gantiin joko", "sopo sing iso
# nggantike joko" (never "joko bisa gantiin?", whether he can).
WHO_STANDS_IN_RE = re.compile(
    r"\b(?:siapa|sapa|sp|sopo|spa)\s+(?:(?:yg|yang|sing)\s+)?(?:bisa|bs|iso|isa|mau|gelem)\s+"
    r"(?:gantiin|nggantiin|gantikan|menggantikan|gantike|nggantike|nggantosi)\b"
)
# Where a teammate is now, or how far along his trip of today: "slamet skrg lg dmn",
# "posisi joko dmn", "joko udh brgkt blm", "slamet udh nyampe blm". His trip of today
# answers it (the client, route, bus), never word passed on to him.
MEMBER_NOW_ASKED_RE = re.compile(
    r"\b(?:di\s*mana|dmn|dmna|dmana|dimn|posisi\w*|lokasi\w*)\b"
    rf"|\b(?:{ALREADY})\s+(?:{DEPART}|{ARRIVE}|jalan|jln|otw|pulang|balik)\b"
)
# A bus short of its crew: "bus 02 kurang kernet", "bus 04 blm ada sopir".
CREW_WANTED_RE = re.compile(
    rf"\b(?:kurang|(?:{NOT_YET}|ga|gak|nggak|tidak|tdk)\s+ada|tanpa)\s+"
    r"(?:sopir|supir|driver|kernet|kenek|kernek)\w*"
)
SELF_FREE_RE = re.compile(
    r"\b(?:sy|saya|aku|aq|gue|gw)\b.*\b(?:kosong|nganggur|libur|free|lowong|off|senggang|longgar|prei)\b"
    r"|\b(?:kosong|nganggur|libur|free|lowong|senggang|longgar|prei)\b.*\b(?:sy|saya|aku|aq|gue|gw)\b"
)
_BOOKING_WORDS = (
    r"booking|bookingan|pesanan|pesenan|order|orderan|sewa|sewaan|trip|carter|charter|jadwal"
    r"|perjalanan|rombongan|keberangkatan"
)
BOOKING_WORD_RE = word_re(_BOOKING_WORDS)
# "bookingnya", "tripnya": the booking itself named.
THE_BOOKING_RE = word_re(rf"(?:{_BOOKING_WORDS})(?:nya|ne)?")
REPAIR_RE = word_re(
    r"ganti|diganti|servis|service|benerin|dibenerin|diperbaiki|perbaikan|bengkel|beli|pasang"
    r"|dipasang|las|dilas|reparasi"
)
CHECK_RE = word_re(r"cek|lihat|liat|list|daftar|info|rekap|tampilkan|kasih\s+tau|kasih\s+tahu")

# Taking back what was just saved: "hapus yang barusan", "koreksi dp bu wati 1,5jt".
# "batal yg tadi", "ga jadi yg barusan": calling off, with a record just saved named.
UNDO_RE = word_re(TAKE_BACK, r"batal|gak\s+jadi|ga\s+jadi|nggak\s+jadi")
# The record just saved taken back: "batalke sing barusan", "hapus yg td".
TAKE_BACK_JUST_RE = re.compile(rf"\b(?:{TAKE_BACK})\s+(?:yg|yang|sing)\s+(?:{JUST_SAVED})\b")
THE_TRIP_RE = re.compile(r"\b(?:trip|rombongan|perjalanan|acara|tour)\w*")
_SAVED_WRONG = r"salah\s+(?:catat|input|ketik|masuk|kirim|nulis|tulis)|dobel|double|kedobel"
JUST_SAVED_RE = word_re(JUST_SAVED, _SAVED_WRONG)
# "dobel", "salah input": a record said to be saved twice or wrongly, never a trip called off.
SAVED_WRONG_RE = word_re(_SAVED_WRONG)
# "astaga kelebihan nol": a figure typed with a zero too many (or too few).
_ZERO_SLIP_RE = re.compile(
    r"\b(?:kelebihan|kebanyakan|ketambahan)\s+(?:satu\s+|1\s+)?(?:nol|angka\s+nol)\b"
)
# A bill or a reading, whose figure a zero too many is said of (never the sender's record).
_BILL_OR_READING_RE = re.compile(r"\b(?:nota|bon|struk|tagihan|kwitansi|invoice|km|odo\w*)\b")
FIX_RE = word_re(
    r"koreksi|ralat|revisi|harusnya|seharusnya|mestinya|hrsnya|yg\s+bener|yang\s+benar"
    rf"|yg\s+benar|yang\s+bener|salah|keliru|{NOT_THIS}"
    # "eh parkirnya 175rb dink": the particle of a slip put right.
    r"|ding|dink|deng"
    # "td pak wahid tf 5jt sy catet bri, ternyata bca": recorded as one, it was another.
    r"|(?:sy|saya|aku|td|tadi)\s+(?:catet|catat|input|tulis)\b[^.?]*?\bternyata"
    rf"|{PUT_BACK}"
)
EXPLICIT_FIX_RE = word_re(
    r"koreksi|ralat|revisi|salah\s+(?:catat|input|ketik|nulis|tulis)"
    r"|(?:sy|saya|aku|td|tadi)\s+(?:catet|catat|input|tulis)\b[^.?]*?\bternyata"
    rf"|{PUT_BACK}"
)


# Every keyword family: a word one of them reads is an action, never part of a name.
KEYWORD_RES: tuple[re.Pattern[str], ...] = (
    CANCEL_RE,
    COMPLETE_RE,
    UPDATE_RE,
    WEAK_UPDATE_RE,
    CREATE_RE,
    NEW_BOOKING_RE,
    PAYMENT_RE,
    OUTSTANDING_RE,
    SCHEDULE_RE,
    REPAIR_RE,
    CHECK_RE,
    HELP_RE,
)

CONFIRM_WORDS = words(
    """ya iya iyaa iyaaa yaa yes yess yup yap yoi yo iyo y ok oke okey okay okee okeh okai
    sip sipp sippp
    siap gas gass gaskan betul bener benar setuju lanjut lanjutkan mantap mantab simpan
    simpen catat dicatat catet dicatet sesuai cocok acc deal fix good pas tepat boleh bisa confirm
    konfirmasi valid lengkap udah sudah sdh udh benarr beneran nggih inggih injih njih ngih
    leres sampun monggo mangga sumangga silakan silahkan muhun sumuhun"""
)
# ("ra sah", "ora sah": Javanese "no need", its "sah" short for "usah".)
_RA_NEED_RE = re.compile(r"\b(?:ra|rak|ora)\s+(usah|sah|perlu|sido)\b")
_CANNOT_RE = re.compile(
    r"\b(?:ra|rak|ora|ga|gak|gk|nggak|ngga|ndak|tidak|tdk)\s+(?:bisa|iso|isa)\b"
)
_CANNOT_ALONE_RE = re.compile(
    rf"\W*{_CANNOT_RE.pattern}(?:\s+(?:pak|bu|mas|mbak|bos|ya|yo|og|kok))*\W*"
)
FILLER_WORDS = words(
    """gpp gapapa pak bu mas mbak bos boss kak om min admin itu aja saja deh dong sudah udah sdh udh
    semua semuanya data nya datanya yg yang ini tsb tersebut kok kak ya lah gan min sih
    langsung tolong silakan silahkan mohon tadi td insyaallah alhamdulillah makasih terima
    kasih trims thanks thx nggih njih injih monggo"""
)
REJECT_WORDS = words(
    """batal batalin batalkan bukan bkn jangan jgn tidak tdk gak ga gk nggak ngga enggak engga
    no nope hapus cancel salah keliru ndak ora stop gausah urungkan ulang
    ojo ojok mboten abaikan diabaikan cuekin"""
)  # Javanese "ojo sik" (not yet), "mboten" (no)
FLAT_NO = words(
    """gak ga gk nggak ngga enggak engga tidak tdk jangan jgn batal batalin cancel no nope
    hapus ndak ora gausah abaikan diabaikan cuekin"""
)
RIGHT_VALUE_RE = word_re(RIGHT_VALUE)
# "iya tp dp nya 1,5jt", "ok tapi tgl 14 ya": a yes granted, then what waits put right.
YES_BUT_RE = re.compile(
    r"^\W*(?:ya|iya|iyaa|iye|yup|ok|oke|okey|okay|sip|siap|betul|bener|benar)\W+"
    r"(?:\w+\W+)?(?:tapi|tp|tpi|tetapi|cuma|cuman|hanya)\b"
)
# "jgn dulu, blm masuk ternyata di mutasi", "ojo sik pak": what waits held off, opening the
# reply and set apart; why may follow, though it says "blm" (no question of its own).
HOLD_OFF_RE = re.compile(
    r"^\W*(?:(?:eh|ehh|oh|wah|waduh|aduh)\W+)?"
    r"(?:jgn|jangan|jngn|ojo|ojok|ga|gak|nggak|ngga|ndak)\s+(?:dulu|dl|dlu|sik|sek)\b"
    r"(?=\s*(?:[,.!]|$)|\s+(?:ya|yah|pak|bu|bli|mas|mbak|deh|aja|bang|kang|cak|kak|om|mbok)\b)"
)
# "ntar dulu", "bentar ya", "tunggu sebentar", "antosan": what waits held on for now.
_WAIT_A_BIT_RE = re.compile(
    # (Krama "sekedap nggih pak", Sundanese "sakedap": a moment.)
    r"\b(?:bentar|sebentar|bntr|btr|tunggu|tunggu2|antosan|sik|sek|sekedap|sekedhap|sakedap)\b"
    # "ntar ya pak lg nyetir": later, said first.
    r"|^\W*(?:ntar|nanti|nnti|entar|tar)\s+(?:ya|yaa|dulu|dl|aja|pak|bu|mas|mbak)\b"
    r"|\b(?:ntar|nanti|nnti|entar|tar|engke|ngke|mengko)\s+(?:\w+\s+)?(?:dulu|dl|dlu|heula)\b"
)
# "ok, yg ini nanti ya": later, said last.
_LATER_CLOSING_RE = re.compile(r"\b(?:nanti|ntar|entar|engke|mengko)\W*(?:ya|aja|dulu|dl|sih)?\W*$")
# ("ya catat, nanti dp nyusul": recorded now, the rest later.)
_KEEP_WORD_RE = re.compile(r"\b(?:catat|catet|dicatat|dicatet|simpan|simpen|lanjut\w*|gas)\b")
# "jgn, itu blm masuk rekening": a bare "don't" set apart opens a no to what waits, the
# rest why (when it gives no new value: "jgn, tgl 15 aja" corrects).
DONT_APART_RE = re.compile(
    r"^\W*(?:jgn|jangan|jngn|ojo|ojok)(?:\s+(?:pak|bu|mas|mbak|bos|min))?\s*[,.!]"
)
# "eh jgn, itu blm masuk rekening ternyata": the same no after an interjection ("waduh jgn,
# tgl 6" puts a value in instead).
EH_DONT_APART_RE = re.compile(
    r"^\W*(?:eh|ehh|oh|wah|waduh|aduh|lho|loh)\W+(?:jgn|jangan|jngn|ojo|ojok)"
    r"(?:\s+(?:pak|bu|mas|mbak|bos|min))?\s*[,.!]"
)
CORRECTION_RE = word_re(
    NOT_THIS,  # "bukan", and Javanese "dudu bus 03 sing rusak, bus 05"
    r"salah|harusnya|seharusnya|mestinya|yang\s+bener|yg\s+bener|yang\s+benar"
    r"|yg\s+benar|koreksi|ralat|maksudnya|maksud\s+saya|eh|ganti|diganti|ubah|jadi|jd|revisi"
    r"|nawar|ditawar|nego|dinego"  # "td dia nawar, jd 3,75jt ya": the price agreed instead
    r"|lupa|kelupaan|lali|kelalen"  # "oh iya lupa, tgl 10 sampe 11 aja", "waduh lali"
    r"|ding|dink|deng"  # "dp nya 1,5jt ding": the particle of a slip put right
    # "yaudah bengkelnya mulai tgl 10 aja": then that value instead.
    r"|(?:yaudah|yaudh|yawis|yowis|yowes)(?=\s.*\b(?:aja|saja|ajah|wae|ae)\b)"
    # "oh iya bus 02 dipake. pake bus 01 aja": another value to use instead.
    r"|(?:pake|pakai|make)(?=\s.*\b(?:aja|saja|ajah)\b)"
    # "oh iya ada bu dewi, kalau gitu tgl 5 sampai 6 aja": then another value instead.
    r"|(?:kalau|kalo|klo|kl|klu)\s+(?:gitu|begitu|gt)(?=\s.*\b(?:aja|saja|ajah)\b)",
)


@dataclass(frozen=True)
class Signals:
    """What the field finders saw in a message, for the intent rules."""

    lower: str
    # `lower` with the values read blanked out, so a name like "PT Maju Mundur" or
    # "Koperasi Batal Jaya" does not count as a change or cancel word.
    masked: str = ""
    # Spans of `lower` where a value was taken back for the next at once ("1jt, eh 1,2jt
    # ding"): a slip of this message, no correction of a record saved before.
    slips: tuple[tuple[int, int], ...] = ()
    has_pending: bool = False
    n_dates: int = 0
    # A date said as a span ("tgl 10-12"), not a single day.
    has_span: bool = False
    n_money: int = 0
    has_time: bool = False
    has_route: bool = False
    has_route_to: bool = False
    has_bus: bool = False
    n_buses: int = 0  # distinct buses named
    has_phone: bool = False
    has_client: bool = False
    has_driver: bool = False
    has_method: bool = False
    has_payment_type: bool = False
    has_maintenance_type: bool = False
    has_bus_status: bool = False
    has_notes: bool = False
    has_odometer: bool = False
    has_kernet: bool = False
    has_pickup: bool = False
    has_added_buses: bool = False  # "nambah 1 bus lg": buses joining a booking
    has_stops: bool = False  # "mampir jatim park": a stop on the way
    has_passengers: bool = False  # "pesertanya 90an org": how many travel
    has_bus_count: bool = False  # "busnya jd 2": how many buses
    has_team_member: bool = False  # one of the PO's people named by first name
    # A teammate given the trip named after him: "yaudah joko yg ke malang" (reading.py).
    takes_trip: bool = False
    bus_for_client: bool = False  # "srikandi buat karang taruna": a bus given to a trip
    drops_bus: bool = False  # "smp 1 mlati bus 03 ga jadi": a client's trip gives up a bus
    bus_called_off: bool = False  # "..., srikandi ga jd": a bus said given up right after it
    adds_bus: bool = False
    edits_bus: bool = False  # a new name, plate, seat count or service interval
    from_crew: bool = False  # sent by a driver or kernet (the role, never the text)
    # One of the PO's people named as the one who cannot ("wahyu ga bisa narik tgl 2"):
    # the decline is his, passed on, never the sender's own.
    other_cannot: bool = False
    # The same said of a first name the reader does not know as a teammate.
    unknown_cannot: bool = False


def _words(lower: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", lower)


def _squeezed(word: str) -> str:
    """ "siip", "okee", "yaaa" -> "sip", "oke", "ya": stretched words in chat."""
    return re.sub(r"(.)\1+", r"\1", word)


# "ga jadi deh", "gausah aja", "ga usah dicatat": calling off what waits. "ga jadi
# berangkat" says something else happened (a yes to the cancellation it proposes).
# The particles and forms of address that may close a call-off ("ga jadi deh pak").
_CLOSING_WORDS = (
    r"deh|dah|aja|ajah|saja|ya|yaa|yah|lah|dong|sih|dulu|pak|bu|mas|mbak|mba|kak|min|bos|boss|om"
)
CALL_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF}|(?:{NO})\s+usah|gausah|gusah)"
    rf"(?=(?:\s+(?:{_CLOSING_WORDS}|dicatat|dicatet|disimpan|catat)){{0,3}}\s*(?:[,.!]|$))"
)


# Nothing after a call-off but particles: it closes the message.
_CLOSING_RE = re.compile(rf"(?:\W*\b(?:{_CLOSING_WORDS})\b)*\W*")


# "kernetnya ga usah", "dp ga usah": one part of what waits is dropped, not all of it.
_PART_RE = re.compile(r"(?:\w+nya|dp|kernet|kenek|sopir|supir|jemput|tol|parkir|makan|premi)\W*$")


def _calls_off(lower: str) -> bool:
    m = CALL_OFF_RE.search(lower)
    return m is not None and not _PART_RE.search(lower[: m.start()])


# "ga jadi tgl 4", "gak jadi bus 02", "ga jd jumat": a value of what waits called off (for
# the one said after it, a correction), not the action itself ("ga jadi ganti bus").
_ONLY_SO_FAR_RE = re.compile(r"\bbaru\s+(?:tf|trf|transfer|bayar|byr|masuk|dp|nyicil)\w*\s+\d")
CALLED_OFF_VALUE_RE = re.compile(
    rf"^\W*(?:(?:{OOPS})\W+)?(?:{CALLED_OFF})\s+(?:(?:tgl|tanggal|hari|hr|jam|bus|pake|pakai|ke)\s*)?"
    rf"(?:\d|{dates.WEEKDAY_RE}|{TOMORROW}|{AFTER_TOMORROW})"
)


# "sy tanya kepseknya dulu jd apa ngga", "tak tanya dulu ke orangnya": the answer asked of
# someone else first, so neither a yes nor a no (its "ngga" is "or not").
ASKED_ELSEWHERE_FIRST_RE = re.compile(
    # ("bentar ya pak, sy cek dulu ke kliennya": checked with someone first.)
    r"\b(?:tanya|tanyain|nanya|tak\s+tanya|konfirmasi|konfirm|kabari|ngabari|cek|ngecek)\w*\s+"
    r"(?:\w+\s+){0,3}(?:dulu|dl|dlu)\b"
    r"|\b(?:jadi|jd)\s+(?:apa|ato|atau)\s+(?:ngga|nggak|gak|ga|tidak|tdk|enggak|engga|ndak|ora)\b"
    # ("batal dulu, tak tanya bu dewi": the sender will ask the client.)
    r"|\b(?:tak|sy|saya|aku|aq|gw|gue)\s+(?:tanya|tanyain|tanyakan|takon|takoni|konfirmasi|konfirm)"
    r"\s+(?:(?:dulu|dl|dlu)\s+)?(?:(?:ke|sama|sm)\s+)?(?:pak|bu|mbak|mas|orangnya|kliennya|klien|mrk|mereka)\b"
)
# "batal dulu", "ga jadi dulu": the request dropped for now (with the client asked first).
_DROPPED_FOR_NOW_RE = re.compile(
    rf"\b(?:{CALLED_OFF}|batal|cancel|ga\s+usah|gausah)\s+(?:dulu|dl|dlu)\b"
)


_INTERJECTIONS = words("eh oh wah waduh aduh lho loh lah duh")
# "eh jgn bus 01, pake bus 02 aja", "eh ga dulu, dp nya 2,5jt bukan 2jt": another value
# put in, so no plain no.
_PUT_IN_RE = re.compile(r"\b(?:bukan|bkn|pake|pakai|ganti|aja|saja|harusnya|hrsnya)\b")
_WHY_NOT_RE = re.compile(r"\b(?:itu|soalnya|soale|krn|karena|kan|msh|masih|udh|udah|sudah)\b")
_STILL_RIGHT_RE = re.compile(r"\b(?:udh|udah|sudah|sdh|wis|wes)\s+(?:bener|benar|betul)\b")
_KEPT_RE = re.compile(r"\b(?:tetep|tetap|ttp|tetp)\b")
# "no hp nya 0812 ...": the "no" of a phone number (nomor), never a no.
_PHONE_NO_RE = re.compile(r"\W*no\.?\s*(?:hp|wa|telp|tlp|telepon|handphone|hape)\w*\b")


# "semalem nonton bola gak mbak?", "ini bener gak sih", "tadi bu dewi telp gak?": a question
# closed by its "or not" asks something; its "gak" is no "no" (nor "bener" a yes) to what
# waits. "tgl 24 bisa gak?" asks for a change, read as one.
_ADDRESSED = "pak|bu|mas|mbak|mba|min|kak|bos|om|bang"
_TAG_PARTICLES = ("ya", "yah", "sih", "kah", "to", "toh", "tho")
# The "or not" closing a question: "... gak mbak?", "... gak sih".
_OR_NOT_AT_END_RE = re.compile(
    rf"\b(?:{NO})(?P<tail>(?:\s+(?:{'|'.join(_TAG_PARTICLES)}|{_ADDRESSED}))*)\s*(?P<asked>\?+)?\W*$"
)
# "tgl 24 bisa gak?": a change asked for, read as one.
_MAY_IT_RE = re.compile(rf"\b(?:bisa|bs|boleh)\s+(?:{NO})\b")
# Words before a no that still leave it a plain no: "maaf pak nggak ya", "kayaknya gak ya".
_BEFORE_A_PLAIN_NO = words(
    "maaf mf sori sorry sory duh aduh waduh eh oh wah hmm kayaknya kyknya kayanya sepertinya"
    f" mungkin mgkn ya {_ADDRESSED.replace('|', ' ')}"
)


def asks_or_not(low: str) -> bool:
    """ "semalem nonton bola gak mbak?", "ini bener gak sih": a question closed by its "or
    not" (a question mark or a particle after it), with something asked before it."""
    m = _OR_NOT_AT_END_RE.search(low)
    if m is None or _MAY_IT_RE.search(low):
        return False
    asked = m["asked"] or set(m["tail"].split()) & set(_TAG_PARTICLES)
    before = [w for w in re.findall(r"[a-z0-9']+", low[: m.start()]) if w not in _BEFORE_A_PLAIN_NO]
    return bool(asked and before)


# "ga ada yg salah", "udh ga ada yg keliru": nothing wrong in what waits (never "ga ada
# potongan", a value).
_NOTHING_WRONG_RE = re.compile(
    r"\W*(?:(?:udh|udah|sudah|sdh)\s+)?(?:ga|gak|nggak|ngga|tidak|tdk|ora|nda|ndak)\s+ada\s+"
    r"(?:yg|yang|sing)\s+(?:salah|keliru|lepat)\b(?:\W+(?:kok|koq|lagi|lg|ya|pak|bu|mbak|mas"
    r"|kang|teh|min|bos|lanjut|kirim|kirimin|bilangin|kabarin|sampaikan|catat|catet|simpan"
    r"|simpen|gas|ok|oke|sip|siap))*\W*$"
)
_VALUE_REFUSED_THEN_RE = re.compile(
    rf"\W*(?:{NOT_THIS})\s+(?:(?:bus|bis)\s*\d+\s*[,.]?\s*(?:(?:tp|tapi|yg|yang|sing)\s+)?"
    rf"|(?:\d\S*|(?:tgl|tanggal)\s*\d+)\s*[,.]?\s*(?:tp|tapi|yg|yang|sing)\s+)"
    r"(?!(?:salah|keliru|itu|ini|deh|dong|aja|saja|pak|bapak|mbak|mas|kok|sih|lho|kan|bener|benar"
    r"|betul|bnr|batal|batalin|hapus|kurang|lebih|ngaco|kebanyakan|kemahalan|kosongin|ga|gak)\b)"
    r"[a-z]{3,}\W*$"
)
_NONE_OF_RE = re.compile(
    r"\W*(?:ga|gak|nggak|ngga|tidak|tdk|ora|nda|ndak)\s+ada\s+(?:potongan|denda|biaya)\b"
    # "ga ada tol, cuma parkir 50rb": none of that, then what it is instead.
    r"|\W*(?:ga|gak|nggak|ngga|tidak|tdk|ora|nda|ndak)\s+ada(?:\s+\w+)?\s*,"
)
# "ga, itu parkir bukan tol", "ga, itu 500rb": after the no, the right value, said beside
# the one it replaces or as what the waiting one is.
_NO_THEN_RIGHT_RE = re.compile(
    # ("tidak, itu stnk, bukan kir": the value meant, then the one it is not.)
    rf"\W*\w+(?:\W+(?:{_AFTER_TAG}|bang|kak|bos))?\W+(?:itu\s+\d|[^.;?]*?\b(?:{NOT_THIS})\s+\w"
    # "ga, ganti aja jd 2 bus, srikandi sm bus 04": no, then what to change it to.
    r"|(?:ganti|diganti|gantiin|pake|pakai)\s+(?:aja\s+|saja\s+)?(?:jd|jadi|ke|dengan|dgn|sama)?\s*\d)"
)
# "ga, itu bus 04", "ora, iku bus 06": a plain no, then only the bus meant (never "batal,
# bus 04": the call-off word says what it does).
_NO_THEN_BUS_RE = re.compile(
    r"\W*(?:ga|gak|gk|nggak|ngga|enggak|engga|ora|ndak|nda|bukan|bkn|salah|sanes|mboten)"
    rf"(?:\W+(?:{_AFTER_TAG}|bang|kak|bos))?\W+(?:(?:itu|iku|kuwi|yg\s+bener|harusnya)\s+)?"
    rf"(?:bus|bis|unit|armada)\s*\d{{1,2}}\W*(?:{_AFTER_TAG})?\W*$"
)
_INSTEAD_RE = re.compile(r"\b(?:aja|saja|aj|mawon|wae|ae|sj)\W*$")


_TAG_YES = frozenset(words("ya yaa y yah pak bu mbak mas bot min kak bos bang"))
_TAG_ONLY = frozenset(words("ya yaa yah"))
# A no and nothing else (never "batalin", which says yes to a cancellation waiting).
_PLAIN_NO = frozenset(words("ga gak nggak ngga kagak kaga tidak tdk enggak engga ndak nda ora teu"))
# Said just before a yes word, it denies it: "blm acc", "belum oke", "ga setuju".
_NOT_YET = _PLAIN_NO | frozenset(words("blm belum blom durung dereng urung rung"))
_PUT_INSTEAD_RE = re.compile(
    rf"\b(?:{NOT_THIS})\b[^,.;]*[,.;]?\s*(?:pake|pakai|pk|harusnya|hrsnya|seharusnya)\s+"
    r"(?!(?:hapus|batal|jangan|jgn|dihapus|dibatal)\w*\b)[a-z0-9]"
    # "pake srikandi aja jgn bus 02": the one wanted, then the one refused.
    r"|^\W*(?:pake|pakai|pk)\s+[a-z0-9]+(?:\s+\d{1,3})?\s+(?:aja|saja|ae|wae)?\s*,?\s*"
    r"(?:jgn|jangan|jngn|ojo|bukan|bkn)\s+(?:bus|bis|unit)\b"
)
_REMINDER_RE = re.compile(
    r"\W*(?:(?:eh|ehh|oh|lho|loh)\W+)?(?:jgn|jangan|jngn|ojo)\s+(?:sampe\s+|sampai\s+)?(?:lupa|lali)\b"
)
# "eh jgn lupa ya, catat": the reminder ends in a yes to what waits.
_REMINDED_YES_RE = re.compile(
    r"\W*(?:\w+\W+){0,2}(?:lupa|lali)\W+(?:(?:ya|yo|yah|pak|bu|mbak|mas)\W+)*"
    r"(?:catat|catet|dicatat|dicatet|simpan|disimpan)\W*$"
)


# "ini apa?", "niki nopo to?": what waits (or why it is asked) asked.
_WHAT_IS_IT_RE = re.compile(r"\b(?:kenapa|knp|ngapain|ngapa|napa|nopo|opo|apa|apaan)\b")


# "eh ga jadi deh, bu dewi tetep jalan katanya" while her cancellation waits: the cancelling
# called off, the trip going ahead (the client named is why, no value put right).
CALLED_OFF_STILL_GOES_RE = re.compile(
    r"\W*(?:(?:eh|oh|waduh|wah|lho|loh|maaf)\W+)?(?:ga|gak|nggak|ngga|enggak|ndak|ora)\s+"
    r"(?:jadi|jd|sido)\b.*\b(?:tetep|tetap|ttp)\s+(?:jalan|jln|berangkat|brgkt|brangkat|budhal"
    r"|mangkat)\b"
)


_TYPO_OWNED_RE = re.compile(r"\b(?:salah|keliru)\s+(?:ketik|tik|tulis|nulis|input)\b|\btypo\b")


# A message opened by laughter ("wkwk mahal jg ya ban skrg", "wkwk pak joko td salah masuk
# tol"): a remark, its "ya" or "salah" no answer to what waits.
_LAUGH_OPENS_RE = re.compile(r"^\W*(?:wk(?:wk)+\w*|(?:ha){2,}\w*|(?:he){2,}\w*|(?:hi){2,}\w*)\b")


_ON_RECORD_ALREADY_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|dah|wis|wes)\s+(?:ke|ter)(?:catet|catat)\b(?![^.?!]*\?)"
    r"|\b(?:chat|pesan|wa)\s+(?:lawas|lama)\b"
)


_AMOUNT_SLIP_RE = word_re(r"salah|keliru|ralat|koreksi")


# "salah, maksudnya ...", "maksude ...": what was meant follows (a value, read or not).
_MEANT_THEN_RE = re.compile(
    r"\b(?:maksudnya|maksude|maksudku|maksud\s+(?:saya|sy|aku|ku))\s+(?!(?:di)?(?:batal|cancel)\w*"
    r"|(?:ga|gak|gk|gausah|nggak|ngga|engga\w*|tidak|tdk|jangan|jgn|ora|ndak|ra)\b)\w"
)


def pending_reply(sig: Signals, has_new_values: bool) -> tuple[Intent, float] | None:
    """confirm / reject / correct: only while an action awaits confirmation."""
    # "ga papa, catat aja", "ra popo": no matter, never a no.
    # ("ra usah pak, wis diurus mbak sari": Javanese "no need", as "ga usah" is.)
    low = _RA_NEED_RE.sub(
        lambda m: f"ga {'usah' if m[1] == 'sah' else m[1]}", NO_MATTER_RE.sub("gpp", sig.lower)
    )
    # "ga usah nunggu", "ga usah khawatir": no need to do something else than record it (a
    # local pattern: its words explain no message to the coverage check).
    needless = re.search(
        r"\b(?:ga|gak|gk|nggak|ngga|tidak|tdk|ndak)\s+usah\s+(?:nunggu\w*|ditunggu|ngenteni|nenteni"
        r"|khawatir|kuatir|kuwatir|bingung|repot|takut|ragu\w*|mikir|dipikir\w*)\b",
        low,
    )
    if needless and any(
        w in CONFIRM_WORDS or _squeezed(w) in CONFIRM_WORDS for w in _words(low[needless.end() :])
    ):
        # "ra sah ngenteni bos, simpen wae", "ga usah khawatir, udah bener": no need to wait
        # or worry, then a yes; the "ga usah" is no no to what waits.
        low = f"{low[: needless.start()]} {low[needless.end() :]}"
    sig = replace(sig, lower=low)
    words = _words(sig.lower)
    if asks_or_not(sig.lower):
        return None
    laugh = _LAUGH_OPENS_RE.match(sig.lower)
    if laugh and not has_new_values:
        after = [_squeezed(w) for w in _words(sig.lower[laugh.end() :])[:2]]
        if not set(after) & (CONFIRM_WORDS | REJECT_WORDS):
            return None  # ("wkwk iya bener", "wkwk yaudah simpan aja": a yes after the laugh)
    if _REMINDER_RE.match(sig.lower):
        if not has_new_values and _REMINDED_YES_RE.match(sig.lower):
            return Intent.CONFIRM, 0.85
        # "jgn lupa bus 01 dicek ya": a reminder, neither a yes nor a no; "jgn lupa, itu
        # 2,5jt bukan 2jt": what waits put right.
        put_right = has_new_values and re.search(
            rf"\b(?:{NOT_THIS})\s+(?:\d|dp\b|pelunasan\b|cash\b|tf\b|transfer\b|tgl\b)", sig.lower
        )
        return (Intent.CORRECT, 0.85) if put_right else None
    if _ON_RECORD_ALREADY_RE.search(sig.lower) and not has_new_values:
        # "udah kecatet kok, abaikan aja": what waits is on record already; recording it
        # again would count it twice. Without a word to drop it ("udah kecatet kok" right
        # after a save) it is no yes and no no: a remark.
        dropped = re.search(
            r"\b(?:abaikan|diabaikan|cuekin|ga\s+usah|gausah|jangan|jgn)\b", sig.lower
        )
        return (Intent.REJECT, 0.85) if dropped else None
    if HELP_RE.search(sig.lower) and not has_new_values:
        return None  # "klo salah catat gmn benerinnya?": how, asked; what waits keeps waiting
    if ASKED_ELSEWHERE_FIRST_RE.search(sig.lower) and not has_new_values:
        # "bentar, tak tanya dulu ke orangnya": it waits; "batal dulu, tak tanya bu dewi":
        # dropped until the client says.
        return (Intent.REJECT, 0.85) if _DROPPED_FOR_NOW_RE.search(sig.lower) else None
    if not has_new_values and _VALUE_REFUSED_THEN_RE.match(sig.lower):
        return None  # "bukan bus 02, yg arjuna": another value meant, not read; no plain no
    if not has_new_values and _MEANT_THEN_RE.search(sig.lower):
        return None  # "eh salah, maksudnya yg ke magelang": another value meant, not read
    if not has_new_values and re.match(
        rf"\W*(?:(?:eh|ehh|lho|loh|wah|aduh|waduh)\W+)?(?:{NOT_THIS})\s+(?:tgl\s*|tanggal\s*|jam\s*)?"
        r"\d[\d.,]*\s*[,.;]?\s*(?:tp\s+|tapi\s+)?\d[\d.,]*(?:\s+(?:ya|pak|bu|mbak|mas|min|ding))*\W*$",
        sig.lower,
    ):
        return None  # "eh bukan 15, 16": one number put right by another, not a plain no
    if _NOTHING_WRONG_RE.match(sig.lower.replace("?", " ")) and not has_new_values:
        if "?" in sig.lower:
            return None  # "ga ada yg salah?": asked of what waits, neither a yes nor a no
        return Intent.CONFIRM, 0.85  # "ga ada yg salah, kirim": all of it right
    # "gak, elf 2 masih bisa jalan": a plain no, whatever values follow; "bukan X, Y" and
    # "gak, tapi ..." correct instead.
    field_word = re.search(
        r"\b(?:tanggalnya|tglnya|jamnya|harganya|tujuannya|busnya|nominalnya|biayanya|sopirnya"
        r"|dpnya|pulangnya|rutenya|namanya|berangkatnya|brktnya|jumlahnya)\b",
        sig.lower,
    )
    # "eh jgn deh, tetep bus 04 aja": a no after an interjection, keeping what is, opens the
    # message too ("eh ga jd, pake bus 01 aja" puts another value instead: a correction).
    opening = words[0] if words else ""
    # ("waduh jgn, itu msh mau dipake": an interjection, then the no.)
    no_next = len(words) > 1 and _squeezed(words[1]) in FLAT_NO and not _PUT_IN_RE.search(sig.lower)
    # ("waduh jgn, tgl 6" puts a value in; "waduh jgn, itu msh mau dipake ..." says why not.)
    no_next = no_next and (not has_new_values or bool(_WHY_NOT_RE.search(sig.lower)))
    if words and _squeezed(words[0]) in _INTERJECTIONS and (_KEPT_RE.search(sig.lower) or no_next):
        opening = next((w for w in words if _squeezed(w) not in _INTERJECTIONS), "")
    if (
        opening
        and _squeezed(opening) in FLAT_NO
        and not _PHONE_NO_RE.match(sig.lower)
        # ("nggak, bus 02 udh bener kok": what is there is right, no new value.)
        and not (
            RIGHT_VALUE_RE.search(_STILL_RIGHT_RE.sub(" ", sig.lower))
            or (field_word and has_new_values)
        )
        and not (has_new_values and CALLED_OFF_VALUE_RE.search(sig.lower))
        # "ga ga, pak wawan baru tf 3jt, sisane 500 mengko sore": only so much came.
        and not (has_new_values and _ONLY_SO_FAR_RE.search(sig.lower))
        # "ga jadi, majuin sehari lg" while a move waits: a day from the one proposed.
        and not (has_new_values and dates.further_shift(sig.lower))
        # "mboten, bus 04 mawon", "ga, bus 04 aja": no to what waits, this one instead.
        and not (
            has_new_values and _INSTEAD_RE.search(sig.lower) and not _KEPT_RE.search(sig.lower)
        )
        and not (has_new_values and _NO_THEN_RIGHT_RE.match(sig.lower))
        and not (has_new_values and _NO_THEN_BUS_RE.match(sig.lower))
        # "ga ada potongan, dp dikembalikan semua": none of something, a value.
        and not (has_new_values and _NONE_OF_RE.match(sig.lower))
        # "ulah, 160rb pak, salah ketik": a typo owned, the value put right.
        and not (has_new_values and _TYPO_OWNED_RE.search(sig.lower))
    ):
        return Intent.REJECT, 0.88
    said_values = (sig.n_money, sig.n_dates, sig.has_time, sig.has_bus, sig.has_client)
    if has_new_values and not any(said_values) and _calls_off(sig.lower):
        # "oh iya ya udh lunas, gak jadi deh": a kind of payment granted, the end decides.
        m = CALL_OFF_RE.search(sig.lower)
        if m is not None and _CLOSING_RE.fullmatch(sig.lower, m.end()):
            return Intent.REJECT, 0.9
    if has_new_values and (
        CORRECTION_RE.search(sig.lower) or YES_BUT_RE.match(sig.lower) or len(words) <= 6
    ):
        return Intent.CORRECT, 0.85
    if has_new_values:
        return None
    if _calls_off(sig.lower):
        # "wah iya ding ada trip, ga jadi deh": the "iya" grants a point, the end decides.
        return Intent.REJECT, 0.9
    if _PUT_INSTEAD_RE.search(sig.lower):
        # "bukan bus 02, pake srikandi" with no bus Srikandi known: another value put in
        # place of one, never a plain no (what waits keeps waiting).
        return None
    if words and "?" not in sig.lower and plain_yes(sig.lower) and set(words) & WELL_THEN:
        return Intent.CONFIRM, 0.85  # "yowis", "oh yaudah pak": well then, go ahead
    if not has_new_values and _CANNOT_ALONE_RE.fullmatch(sig.lower):
        return Intent.REJECT, 0.88  # "ra iso pak" alone: a no, as "ga bisa pak" is
    other_yes = [w for w in _words(_CANNOT_RE.sub(" ", sig.lower)) if w in CONFIRM_WORDS]
    if not has_new_values and _CANNOT_RE.search(sig.lower) and not other_yes:
        return None  # "ra iso, ...": can't, never the yes its "iso" (bisa) would be
    if not has_new_values and "?" not in sig.lower and _SAVED_BEFORE_RE.search(sig.lower):
        return Intent.REJECT, 0.88  # "dobel itu, udh dicatat kemarin": no second record
    if sig.n_money and _AMOUNT_SLIP_RE.search(sig.lower):
        # "eh salah, makan 150rb" while tol and parkir wait: an amount put right somewhere
        # not found; never a no that drops what waits.
        return None
    for i, word in enumerate(words):
        if word in REJECT_WORDS or _squeezed(word) in REJECT_WORDS:
            return Intent.REJECT, 0.9
        denied = (
            i and words[i - 1] in _NOT_YET and re.search(rf"\b{words[i - 1]} {word}\b", sig.lower)
        )
        if denied and not re.match(r"\W*(?:ya|iya|y)\b", sig.lower):
            continue  # "bos blm acc, batal dulu": the yes word denied, no yes
        if word in CONFIRM_WORDS or _squeezed(word) in CONFIRM_WORDS:
            rest = [
                w
                for w in words
                if _squeezed(w) not in CONFIRM_WORDS
                and w not in CONFIRM_WORDS
                and w not in FILLER_WORDS
            ]
            if set(words) & THANKS and set(words) <= THANKS | _TAG_YES:
                return None  # "makasih ya 🙏": thanks, its "ya" a tag, no yes to what waits
            sure = len(rest) <= 1 or plain_yes(sig.lower)
            later = _LATER_CLOSING_RE.search(sig.lower)
            waits = later or _WAIT_A_BIT_RE.search(sig.lower)
            if len(words) == 2 and any(_squeezed(w) in _PLAIN_NO for w in words):
                return None  # "iye, kagak": a yes and a no, neither
            if waits and not _KEEP_WORD_RE.search(sig.lower):
                return None  # "ntar dl ya, sy telp orangnya dulu": held on, no yes
            after_asked = sig.lower.rsplit("?", 1)[-1]
            yes_after = any(w in CONFIRM_WORDS for w in _words(after_asked))
            if "?" in sig.lower and not sure and not yes_after:
                return None  # "ini yg nunggu dijawab apa ya? lupa sy": asked, no yes
            if not sure and _WHAT_IS_IT_RE.search(sig.lower.rpartition("?")[0]):
                return None  # "niki nopo to pak? kok nyuwun konfirmasi": the yes word asked of
            if not sure and words[0] in THANKS:
                return None  # "suwun mas bot wis dibantu tadi pagi": thanks, no yes

            yes_said = {w for w in words if w in CONFIRM_WORDS or _squeezed(w) in CONFIRM_WORDS}
            if not sure and yes_said <= _TAG_ONLY and words[0] not in yes_said:
                return None  # "wah desember rame ya, alhamdulillah": its "ya" a tag, no yes
            # "wes oke kata bos, ya lanjut catat": a yes with only why it is one.
            return Intent.CONFIRM, 0.93 if sure else 0.7
    if not words:  # only an emoji: 👍 is a yes, anything else is unclear
        return (Intent.CONFIRM, 0.8) if "👍" in sig.lower or "👌" in sig.lower else None
    return None


Verdict = tuple[Intent, float]

# What waits is already on record ("dobel itu", "udh dicatat kemarin", "udah diinput td"):
# its "dicatat" is no yes; saving it again would make a second record.
_SAVED_BEFORE_RE = re.compile(
    r"\b(?:itu|tu|ini|iku|jadi|jd|nanti|ntar|jgn|jangan|ojo)\s+(?:sampe\s+)?(?:dobel|double)\b"
    r"|\bkedobel\b"
    r"|\b(?:dobel|double)\s+(?:itu|tu|ini|iku)\b"
    r"|\b(?:udh|udah|sudah|sdh|wis|wes|dah)\s+(?:(?:di|ke|ter)?(?:catat|catet|input|simpan|simpen)\w*)"
    r"\s+(?:(?:dari|dr|sejak)\s+)?(?:kemarin|kmrn|kemaren|td|tadi|sebelumnya|duluan|wingi)"
    r"(?=\s*(?:kok|lho|loh|ya|yo|deh|pak|bu|mbak|mas)?\s*[.!]*\s*$)"
)


@dataclass(frozen=True)
class _Reading:
    """What every rule looks at: the signals and a few things derived from them once."""

    sig: Signals
    low: str
    masked: str
    words: list[str]
    question: bool
    new_booking: bool
    money: bool
    # `low` with a request put as a question said plainly (request_unasked).
    unasked: str

    @property
    def fleet_only(self) -> bool:
        return self.sig.has_bus and not (self.sig.has_client or self.sig.has_route)

    @property
    def asks(self) -> bool:
        """A question even with a "belum" inside the sentence taken as said, not asked
        ("kir bus 02 blm diperpanjang", "tol 85rb blm dicatat"): only a closing one asks."""
        return self.question and bool(QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", self.unasked)))

    @property
    def booking_shape(self) -> bool:
        sig = self.sig
        return (sig.has_route and (sig.n_dates > 0 or sig.has_bus or sig.has_time)) or (
            sig.n_dates > 0 and sig.has_bus and (sig.has_time or self.money) and sig.has_client
        )

    @property
    def evidence(self) -> int:
        sig = self.sig
        return sum(
            (sig.has_client, sig.has_route, sig.n_dates > 0, self.money, sig.has_bus, sig.has_phone)
        )


# "bu tutik dp 500rb utk sewa elf tgl 16": money paid for a rent already booked, no new one.
_PAID_FOR_RENT_RE = re.compile(
    r"\b(?:dp|tf|transfer|trf|bayar|byr|lunas|pelunasan)\s+\S*\d\S*\s+(?:utk|untuk|buat|bwt)\s+"
    r"(?:sewa|carter|charter|nyewa)\b"
)


# A bank's receipt pasted: "Transaksi Berhasil", "Nominal Rp8.000.000", "Biaya Admin Rp0".
RECEIPT_RE = re.compile(
    r"\b(?:transaksi|transfer|pembayaran)\s+berhasil\b|\bnominal\b|\bbiaya\s+admin\b"
    r"|\b(?:rekening|rek|bank)\s+tujuan\b"
)
# "pak sudah sy transfer dp 5 juta ... utk trip tgl 2 april ke bromo": a client's DP sent
# for a trip booked; its day and place say which, none is made.
_DP_SENT_FOR_TRIP_RE = re.compile(
    r"\b(?:sudah|udah|udh|sdh)\s+(?:\w+\s+)?(?:transfer|tf|trf|bayar)\s+"
    r"(?:dp|pelunasan|pelunasannya|sisa\w*|cicilan)\b[^.?!]*?"
    # ("sy sdh transfer pelunasan utk bus ke Malang tgl 2": the trip the money is for.)
    r"\b(?:utk|untuk|buat|bwt)\s+(?:trip|sewa|perjalanan|tour|bus|bis|yg|yang)\b"
)
# "tf dp 3jt dr pak ahmad buat ziarah ke demak tgl 12": money come in from a client, opening
# the message; the trip it is for says which booking, none is made.
_RECEIVED_FROM_RE = re.compile(
    r"\W*(?:\[\w+\]\s*)?(?:tf|trf|transfer|transferan|terima|nerima|masuk)\s+"
    r"(?:(?:dp|pelunasan|sisa|cicilan)\s+)?(?:rp\.?\s*)?\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\s+"
    r"(?:dr|dari)\b"
)
# "tf 2,5jt buat dp trip tgl 16 ke dieng", "terima cash 2jt utk pelunasan sewa tgl 27":
# money paid as the DP (or the rest) of a trip already booked.
_PAID_AS_DP_OF_RE = re.compile(
    r"\b(?:buat|utk|untuk|bwt)\s+(?:dp|pelunasan|pelunasannya|lunasin|ngelunasin|bayar)\s+"
    r"(?:trip|tripnya|sewa|carter|charter|perjalanan|(?:yg|yang)\s+(?:tgl|tanggal|ke))\b"
    # "bu rina tf 1jt bca, nyicil sisa yg ke solo kmrn": part of what is left of that trip.
    r"|\b(?:nyicil|nyicilin|cicil|nyaur|nglunasi|ngelunasi|lunasi|lunasin|bayar)\s+"
    r"(?:sisa\w*\s+)?(?:(?:yg|yang|sing)\s+(?:tgl|tanggal|ke)|trip|tripnya)\b"
)


def _empty(r: _Reading) -> Verdict | None:
    return (Intent.UNKNOWN, 0.6) if not r.words else None


def _season_wish(r: _Reading) -> Verdict | None:
    """ "met taun baru pak budi, mugi2 tambah berkah nggih": a wish, no request (the
    assistant answers it in kind), unless it carries business (a figure, a bus, a day)."""
    if not news.SEASON_WISH_RE.search(r.low) or r.money or r.sig.has_bus or r.sig.n_dates:
        return None
    rest = news.SEASON_WISH_RE.sub(" ", r.low)
    # ("met taun baru pak budi": whom it is for, named after a title.)
    rest = re.sub(r"\b(?:pak|bu|mbak|mba|mas|bos|kang|bapak|ibu)\s+[a-z]+", " ", rest)
    if any(w not in guards.WISH_WORDS for w in re.findall(r"[a-z]+", rest)):
        return None  # "selamat natal, trip bu dewi dibatalin ya": the request is read
    return Intent.UNKNOWN, 0.8


def _number_asked(r: _Reading) -> Verdict | None:
    """ "nomor sopir joko brp", "no hp admin dong": a teammate's phone number asked, no
    intent (not his schedule): the assistant answers it from the team."""
    if not asks_number(r.low) or r.money:
        return None
    # "uang jalan bsk brp pak? trs nomer admin brp": another question asked apart is read
    # as itself; the number is answered beside it (assistant.converse).
    asked = [p for p in r.low.split("?") if p.strip()]
    if len(asked) > 1 and any(QUESTION_RE.search(p) and not asks_number(p) for p in asked):
        return None
    return Intent.UNKNOWN, 0.8


# "no hp pak hendra 0812 3456 7890", "nomor bu dewi 0813...": a client's number given.
NUMBER_WORD_RE = word_re(r"nomor\w*|nomer\w*|nmr|no|hp\w*|wa|kontak\w*|cp\w*|telp\w*|tlp")


# "buat yg tgl 27", "yg tanggal 27": the booking named by its day, no new day said.
TRIP_OF_DAY_RE = re.compile(
    rf"\b(?:yg|yang|trip|tripnya|booking|bookingan)\s+(?:(?:{DEPART})(?:nya)?\s+)?"
    r"(?:tgl|tanggal|tg|hari|hr)\s*\d{1,2}\b"
)


def _client_number_given(r: _Reading) -> Verdict | None:
    """A known booking's client and a phone, nothing else: the client's number recorded on
    the booking (not a new booking, which says a date or a trip); a day may name which one
    ("pak hendra no hp nya 0813 2277 4501, buat yg tgl 27")."""
    sig = r.sig
    if not (sig.has_phone and sig.has_client and NUMBER_WORD_RE.search(r.low)):
        return None
    by_day = sig.n_dates == 1 and TRIP_OF_DAY_RE.search(r.low)
    if r.new_booking or r.money or (sig.n_dates and not by_day) or sig.has_route:
        return None
    return Intent.UPDATE_BOOKING, 0.85


# "bisa bikin laporan bulanan ga?", "rekap bulan november", "laporan keuangan bln ini": the
# month's money (what came in and what was spent), not the trips ("rekap jadwal november").
REPORT_RE = word_re(r"laporan|laporannya|rekap|rekapan|rekapnya|rekapitulasi|report")
REPORT_OF_RE = word_re(
    r"bulanan|keuangan|keuangannya|uang|duit|bulan|bln|bulan\s+ini|minggu\s+ini|mingguan"
    r"|pemasukan|pengeluaran|omzet|omset|laba|untung|rugi"
)


# "rekap februari", "laporan desember": the report of a month named.
REPORT_MONTH_RE = re.compile(rf"{REPORT_RE.pattern}\s+(?:{dates.MONTH_RE})\b")


def _report(r: _Reading) -> Verdict | None:
    if not REPORT_RE.search(r.low):
        return None
    if not r.money and re.search(
        r"\b(?:rekap|laporan)\s+(?:per|tiap|setiap)\s+(?:bus|bis)\b", r.low
    ):
        return Intent.QUERY_BUS_REVENUE, 0.88  # "rekap per bus bulan ini dong": per bus
    if not (REPORT_OF_RE.search(r.low) or REPORT_MONTH_RE.search(r.low)):
        return None
    # A name beside it is no client's money asked: "mas bot, ..." reads as a name.
    # "laporan bus 02 bulan ini" is one bus's figures, not the whole month's money.
    if r.money or r.sig.has_bus or SCHEDULE_RE.search(r.low):
        return None
    return Intent.QUERY_INCOME, 0.85


# "..., sy baru mulai kerja hr ini 🙏": a clause of the sender's own, its day said of
# themself (when they started), never a day asked about.
_OF_ONESELF_RE = re.compile(
    rf"(?:^|(?<=[.,!?;\n]))\s*(?:(?:soalnya|krn|karena|maklum|kebetulan)\s+)?(?:{ME})\b[^.,!?;\n]*"
)
# Any day will do: only whether a day is said is looked at.
_SOME_DAY = dt.date(2026, 1, 1)


def _help(r: _Reading) -> Verdict | None:
    if not HELP_RE.search(r.low) or r.money:
        return None
    if r.sig.n_dates == 0:
        return Intent.HELP, 0.88
    # "klo mau nyatet booking baru caranya gmn ya? sy baru mulai kerja hr ini": how to
    # write a booking, asked; the day is the sender's own first day, no schedule asked.
    asked = _OF_ONESELF_RE.sub(" ", r.low)
    if HELP_RE.search(asked) and not dates.find_dates(asked, _SOME_DAY):
        return Intent.HELP, 0.88
    return None


# A bus's or a driver's paper by its short name: "kir", "stnknya", "sim".
_PAPER = r"(?:(?:kir|stnk|pajak|asuransi|kps|sim)(?:nya)?|simku)"
DOC_WORD_RE = word_re(
    _PAPER,
    PERMIT,
    r"surat2|surat2nya|suratnya|surat|dokumen|dokumen2|dokumennya",
)
EXPIRY_RE = word_re(
    r"(?:habis|hbs|abis|expired|exp|kadaluarsa|kedaluwarsa|berlaku|jatuh\s+tempo|mati|sampai|sampe"
    r"|smp)(?:nya)?"
)
# Running out soon: "mau abis", "hampir habis", "bentar lg expired", "yg dah mau mati".
DUE_SOON_RE = re.compile(
    # Javanese "meh/arep/kate entek": about to run out.
    r"\b(?:mau|mo|meh|arep|kate|hampir|hmpr|segera|akan|bakal|sebentar\s+(?:lagi|lg)|bentar\s+(?:lagi|lg)"
    # "deket2 ini expired": soon, said as near.
    r"|sbntr\s+(?:lagi|lg)|deket|dekat|deket2|dekat2|deket-deket|dekat-dekat|mepet)"
    r"\s+(?:ini\s+)?(?:\w+\s+)?"
    # "stnk yg mau jatuh tempo apa aja": its due day near is its end near.
    r"(?:habis|hbs|abis|entek|expired|exp|kadaluarsa|kedaluwarsa|mati|jatuh\s+tempo)(?:nya)?\b"
)
# A paper by its kind (not "surat", which may be a trip's surat jalan) and its date asked.
PAPER_RE = word_re(r"(?:kir|stnk|asuransi|kps)(?:nya)?", PERMIT, "sim")
DATE_ASKED_RE = word_re(WHEN, rf"(?:tgl|tanggal|tglnya|tanggalnya)\s+(?:{HOW_MUCH})")
# The parts of a bus a fault or a look is said of.
_PART = (
    r"rem\w*|ac\b\w*|ban\w*|mesin\w*|kopling\w*|aki\w*|lampu\w*|wiper\w*|radiator\w*"
    r"|gardan\w*|setir\w*|knalpot\w*|oli\w*"
)
PROBLEM_RE = word_re(
    # (Javanese "ac ne ra adem": not cool.)
    rf"bunyi|bunyi2|berisik|rusak|mogok|bocor|(?:{NO}|ra|kurang)\s+(?:dingin|adem)|panas"
    r"|overheat|error|aneh|getar"
    # A look asked for: "perlu dicek", "nanti tlg dicek", "mohon dicek ya".
    r"|(?:perlu|prlu|tolong|tlg|tulung|minta|mohon|mhn|harus|hrs)\s+(?:di)?(?:cek|cekin|check|periksa)"
    # ("bus 03 mau dicek remnya": a look to come at a part, no repair done; "ac nya lg
    # bermasalah". Never a bill or a schedule "mau dicek".)
    rf"|(?:mau|arep|meh)\s+di(?:cek|periksa)\s+(?:{_PART})"
    rf"|(?:{_PART})(?:\s+\w+){{0,3}}\s+(?:(?:mau|arep|meh)\s+di(?:cek|periksa)|bermasalah)\b"
    # "ban kiri kurang angin", "oli rembes", "kopling agak berat": a part not as it should be.
    r"|kurang\s+(?:angin|tekanan|pakem|nggigit|gigit|enak)|rembes|ngerembes|netes|menetes"
    # "remnya lg ga enak": a part not right (never "ga enak badan", the food, the place).
    rf"|(?:rem|ac|mesin|kopling|ban)\w*\s+"
    rf"(?:\w+\s+)?(?:{NO}|ra)\s+(?:enak|beres|pakem)"
    r"|(?:agak|rada|rodo|makin|kok)\s+(?:berat|bunyi|keras|panas|susah)"
    # "rem nya agak dalem": a brake pedal sinking further than it should.
    r"|(?:rem|remnya|rem\s+nya|pedal\w*)(?:\s+(?:bus|bis)\s*\w+)?\s+"
    r"(?:(?:agak|rada|rodo|makin|kok|kerasa|terasa)\s+)?(?:dalem|dalam)"
    # (Sundanese "paeh", dead: "AC na paeh di jalan".)
    r"|goyang|oblak|blong|jebol|jebel|ambrol|kempes|ngempos|gembos|lemah|mati|paeh|trouble|masalah"
    r"|ngadat|macet|putus"
    r"|keras|bau|ngebul|soak|tekor|berasap|nyendat|tersendat|selip|slip|ngelos|bergetar|retak|pecah|bengkok"
    r"|gundul|botak|aus|tipis|menipis|sobek|benjol|ngelupas"  # "ban depan kanan gundul"
    # A knock on the road: "bumper belakang bus 01 kesrempet tiang, lecet dikit".
    r"|kesrempet|keserempet|diserempet|nyerempet|kesenggol|disenggol|nyenggol"
    r"|ketabrak|ditabrak|nabrak|kebentur|kepentok|penyok|lecet|baret"
    # "mesinnya ngelitik": an engine knocking; "mending dicek": a look advised.
    r"|ngelitik|nglitik|kelitik|(?:mending|mendingan|sebaiknya|kudu|musti|mesti)\s+dicek"
    # "mesinnya brebet2": an engine sputtering; "jgn dipake dl smp dicek": kept off the road
    # until it is looked at.
    r"|brebet|brebet2|mbrebet|mbrebet2|brebet-brebet"
    # "mesinnya ada suara kemlotak, saya tidak berani bawa jauh": a noise, a bus the
    # driver dares not take far.
    rf"|ada\s+suara|(?:{NO})\s+(?:berani|brani)\s+(?:bawa|jalan|pakai|pake|buat)"
    r"|(?:smp|sampe|sampai|sblm|sebelum)\s+(?:di)?(?:cek|periksa|dicek|diperiksa)"
    # A part that does not work: "wiper ga gerak", "lampu sein ga nyala", "klakson ga bunyi".
    rf"|(?:{NO_BEFORE_VERB}|ra)\s+(?:mau\s+)?(?:gerak|bergerak"
    r"|nyala|menyala|idup|hidup|fungsi|berfungsi|muter|berputar|bunyi|jalan\s+normal)"
    # A warning light: "lampu dashboard kedip2", "lampu aki nyala terus" (never a cabin
    # light left on: "lampu kabin nyala terus, tolong dimatiin").
    r"|(?:indikator|dashboard|dasbor|aki|oli|engine|abs|temperatur|suhu)\s+"
    r"(?:(?:bus\s+)?\w+\s+){0,2}?"
    r"(?:kedip\w*|berkedip\w*|kedap\W?kedip|(?:nyala|menyala)\s+(?:terus|trs|mulu|wae))"
    # "lampu abs nyala pas sy panasin", "lampu check engine bus 02 nyala": a warning lamp lit.
    r"|lampu\s+(?:indikator|aki|oli|check\s+engine|cek\s+engine|engine|abs|temperatur|suhu)"
    r"(?:nya)?\s+(?:(?:bus\s+)?\w+\s+){0,2}?(?:nyala|menyala|idup|hidup|muncul)\b"
)
# "perlu diganti", "minta dicek", "lg ganti serep": the work is needed or under way, not
# done (DONE_RE reads "diganti").
NEEDED_RE = word_re(
    r"(?:perlu|prlu|harus|hrs|musti|mesti|kudu|minta|tolong|mohon|butuh|lg|lagi|sedang|mau"
    # "mending diganti dulu": a repair advised, not done; "mbok sesok dibenerke": asked.
    r"|mending|mendingan|sebaiknya|baiknya|lebih\s+baik|lbh\s+baik|mbok|mbokya|tulung|tlg)"
    r"\s+(?:(?:segera|besok|bsk|sesok|ssk|nanti|ntar|mengko)\s+)?"
    r"(?:di)?(?:ganti|cek|check|servis|service|benerin|benerke|perbaiki|betulin|betulke|tambal)\w*"
)
# The everyday words of "not" ("ga", "gak", "tdk", Javanese "ora"), one source for what is
# declined, who is off work and what is not renewed.
# Here "tak" is "not" too ("tak bisa"), which the domain's NO leaves out (Javanese "I").
_NOT = rf"{NO_BEFORE_VERB}|tak"
DECLINE_RE = word_re(
    # Javanese too: "ora iso", "ra iso", "mboten saged" (krama); Sundanese "teu tiasa".
    rf"(?:{_NOT}|ra|mboten|boten|teu)\s*"
    r"(?:bisa|bs|sanggup|dapat|iso|isa|saged|saget|tiasa)|berhalangan|halangan"
    rf"|izin\s+(?:{_NOT})\s+narik"
    # "sy ga sempet narik tgl 10": no time to drive ("td ga sempet ngabarin" is no decline).
    rf"|(?:{_NOT})\s*(?:sempet|sempat)\s+(?:narik|nyopir|nyupir|nyetir|bawa|bw|jalan|berangkat|brgkt)"
    # "hr ini ga kuat narik": too ill or tired to drive.
    # (Javanese "ra kuat" too, never of the bus: "bus e ra kuat nggowo 60 wong".)
    rf"|(?<!bus\se\s)(?<!bis\se\s)(?<!busnya\s)(?<!bus\s)(?<!bis\s)(?:{_NOT}|ra|ora|blm|belum|durung)\s*kuat\s+(?!\w+\s+(?:malam|malem|jauh|lama)\b)(?:narik|nyetir|nyopir|nyupir|bawa|jalan|jln|berangkat|brgkt|ikut)"
    # "tgl 18 sy ga jd kernet ya": his own seat given up (never the trip called off, another
    # seat taken instead, an hour moved or a question: "sy ga jd kernet, jd sopir").
    rf"|\b(?:{ME})\s+(?:{_NOT}|ra|ora)\s*(?:jadi|jd|sido|dadi)\s+(?:narik|nyopir|nyupir|nyetir"
    r"|kernet|ngernet)\b(?![^,.?!\n]*\?)(?![^.?!\n]*\b(?:batal|cancel|jam|jd\s+sopir|jadi\s+sopir)\b)"
)
# A driver's "trip bu yuli sy mundur", "sy mundur dr trip bu dewi": his place on the trip
# given up, the trip named and nothing more of the word (never "sy mundur ke jam 7",
# "sy mundur pelan2", reversing the bus, or quitting the job).
GIVES_UP_TRIP_RE = re.compile(
    rf"\btrip\s+(?:[a-z.]+\s+){{0,4}}?(?:{ME})\s+(?:mundur|undur\s+diri|mengundurkan\s+diri)"
    r"\s*(?:[,.!]|$|(?:ya|yo|pak|mas|bu|mbak|dulu|sik)\b[\s,.!]*(?:$|[a-z]+\s+(?:sy|saya|aku)\b))"
    rf"|\b(?:{ME})\s+(?:mundur|undur\s+diri|mengundurkan\s+diri)\s+(?:dr|dari)\s+trip\b"
)
# "tgl 8 des sy ijin ya", "tgl 5 sy ijin libur": a day off asked, said with a day ("ijin
# tanya" asks leave to ask something).
DAY_OFF_RE = word_re(
    # (Never a permit: "izin trayek", "izin usaha", "izin angkutan".)
    r"(?:izin|ijin|ijn|cuti)(?!\s+(?:tanya|tny|nanya|bertanya|mau|numpang|trayek|usaha|angkutan"
    r"|operasional|operasi|prinsip|insidentil|rombongan|pariwisata|dishub))"
    # "tgl 4 sy libur ya, ada hajatan": the sender's own day off, told (never asked).
    r"|(?:sy|saya|aku|aq|gw|gue)\s+(?:mau\s+|minta\s+|izin\s+)?libur(?:\s+dulu)?"
    r"(?!\s*(?:ga|gak|nggak|ngga|kah|ato|atau)\b|\s*\?)"
)
# "joko sakit", "slamet lagi demam": a teammate sick, so off work (reading._other_cannot).
SICK_RE = re.compile(
    # (Right after his name: "sopirnya bukan joko, sakit" gives why, after a comma.)
    r"(?<![,;.])(?<![,;.]\s)\b(?:(?:lagi|lg|sedang|sdg|masih|msh)\s+)?(?:sakit|demam|meriang"
    r"|masuk\s+angin|opname|dirawat|tipes|diare)\b"
)
# "joko ga masuk besok", "slamet bsk absen": a teammate off work, said of him by name
# (reading._other_cannot), as "joko izin besok" is. Not "libur" ("wahyu libur" may ask
# whether he is free).
NOT_IN_RE = word_re(rf"(?:{_NOT}|gabisa)\s*(?:masuk|msk)(?:\s+kerja)?|absen|bolos")
# "wa ke joko ga masuk", "telpon joko ga masuk dari tadi", "tf nya ga masuk": a message, a
# call or money that did not get through, nobody off work.
_CHANNEL_RE = word_re(
    r"wa|whatsapp|pesan\w*|chat\w*|sms|telp\w*|telf\w*|telepon\w*|tlp\w*|nelpon\w*"
    r"|ditelpon\w*|sinyal\w*|tf\w*|transfer\w*|email|dm|notif\w*|pulsa|kuota"
)


def not_in(low: str) -> list[re.Match[str]]:
    """Each "ga masuk" that says someone is off work: none after a message, call or
    transfer word of the same sentence ("wa ke joko ga masuk")."""
    said = []
    for m in NOT_IN_RE.finditer(low):
        sentence = re.split(r"[.!?\n]", low[: m.start()])[-1]
        if not _CHANNEL_RE.search(sentence):
            said.append(m)
    return said


DONE_RE = word_re(r"ganti|diganti|sudah|udah|sdh|udh|selesai|beres|dibenerin|diperbaiki|servis")
INCOME_RE = word_re(
    # "masuk bengkel", "msk garasi": a bus going in somewhere, no money in.
    r"(?:masuk|msk|mlebu)(?!\s+(?:ke\s+)?(?:bengkel|garasi|garase|pool|kandang|workshop))"
    r"|(?:pemasukan|omzet|omset|pendapatan|penghasilan)(?:nya)?|uang\s+masuk|income"
    # "bulan kemarin dapet brp", Javanese "sasi wingi oleh piro": what a period brought in.
    # ("bus 03 bulan ini dapet brp" asks the bus's, "sopir ... dapet brp premi nya" his pay.)
    r"|^\W*(?:(?:pak|bu|bos|kita|min|mbak|mas)\W+)?(?:(?:bulan|bln|minggu|mgg|pekan|sasi|tahun|taun"
    r"|hari|hr)\s+(?:ini|kemarin|kmrn|kemaren|lalu|wingi|iki)|kemarin|kmrn|kemaren|wingi)\s+"
    r"(?:dapet|dapat|oleh|olih)(?=\s+(?:brp|berapa|brapa|piro|pira|pinten|sabaraha)\b"
    r"(?![^,.?]*\b(?:premi|uang|liter|solar|bensin|makan|gaji)\b))"
)
PERIOD_RE = word_re(
    r"bulan\s+ini|minggu\s+ini|hari\s+ini|bln\s+ini|mgg\s+ini|pekan\s+ini",
    rf"(?:bulan|bln|minggu|mgg|pekan)\s+(?:lalu|{YESTERDAY})",
)
REFUND_WORD_RE = word_re(REFUND)
# All that was paid goes back, no amount said: "dp dikembalikan", "dp nya balikin semua",
# "uangnya kembaliin full", "refund full". A negation ("dp ga dibalikin") or a part
# ("dibalikin separo") is no such thing.
BACK_IN_FULL_RE = re.compile(
    rf"\b(?:(?:{DP})|uang\w*|duit\w*|bayaran\w*|pembayaran\w*)\s+(?:nya\s+)?"
    rf"(?:{REFUND}|(?:di)?(?:balik|kembali)(?:in|kan)?)\b"
    rf"|\b(?:{REFUND}|(?:di)?(?:balik|kembali)(?:in|kan)?)\s+"
    r"(?:semua\w*|full|utuh|penuh|100\s*%)"
)
# What was paid said kept, no amount: "dp hangus", "dp nya ga balik", "dp tidak
# dikembalikan", "uangnya hangus aja". The fee is then what the client paid (the domain's
# forfeit), nothing goes back and nothing more is owed; asked or put off ("dp hangus ga?")
# it is not decided.
# Its "nya" may be Javanese "ne" or "e" ("dp ne hangus", "dp e hangus", "dpne ga balik";
# "uange" is uang\w*).
_PAID_MONEY = rf"(?:{DP})|uang\w*|duit\w*|bayaran\w*|pembayaran\w*"
_ITS = r"(?:\s*-?(?:nya|ne|e)\b)?"
DP_FORFEITED_RE = re.compile(
    rf"\b(?:{_PAID_MONEY}){_ITS}\s+(?:(?:jadi|jd|biar|aja|saja)\s+)?hangus\b"
    rf"|\b(?:{_PAID_MONEY}){_ITS}\s+(?:{NO})\s+"
    # (Javanese "dp ne ora bali": the DP does not go back.)
    rf"(?:usah\s+|perlu\s+)?(?:{REFUND}|(?:di)?(?:balik|kembali)(?:in|kan)?|bali|mbalik)\b"
)
# "dp 3jt hangus": a DP kept by a cancellation, its amount said (never money coming in).
DP_SUM_FORFEITED_RE = re.compile(
    rf"\b(?:{_PAID_MONEY}){_ITS}\s+\d+(?:[.,]\d+)?\s*(?:jt|juta|rb|ribu|k)\s+"
    r"(?:(?:jadi|jd|biar|aja|saja)\s+)?hangus\b"
)
# Asked or put off, not decided: "dp nya dikembalikan ga?", "dp dikembalikan nanti aja".
_PUT_OFF = rf"\?|\b(?:nanti|ntar|{WHEN}|{HOW_MUCH})\b|\b(?:{NO})\W*$"
UNDECIDED_RE = re.compile(rf"{_PUT_OFF}|\b(?:kalo|kalau|klo|gimana|gmn)\b")
PART_BACK_RE = re.compile(
    rf"\b(?:{NO}|jangan|jgn|{NOT_YET}|bukan)\s+(?:\w+\s+)?(?:{REFUND}|(?:di)?(?:balik|kembali))"
    rf"|\b(?:sebagian|separo|separuh|setengah|potong\w*|dipotong|hangus)\b|{_PUT_OFF}"
)
# The money to give back asked: "dp nya dibalikin brp", "refund bu sinta brp", "yg blm
# direfund siapa".


# Given to a trip: "dikasih sopir", "dikasi bus", "diberi sopir".
_HANDED = r"dikasih|dikasi|diberi|dikasihkan"


def _lacking(thing: str, given: str, kind: str) -> re.Pattern[str]:
    """Trips still lacking `thing` (a regex), not had or not `given` yet: "yg blm ada
    sopirnya", "yang belum dikasih sopirnya", "trip yg busnya belum ditentukan"; or its
    own one (`kind` with "nya") said empty: "trip yg sopirnya masih kosong" ("sopir yg
    kosong" asks who is free instead)."""
    return re.compile(
        rf"\b(?:{NOT_YET}|tanpa|{NO})\s+(?:(?:ada|{GOT}|{_HANDED})\s+)?{thing}"
        rf"|\b{thing}\s+(?:{NOT_YET})\s+(?:ada|{GOT}|{given})\b"
        rf"|\b(?:yg|yang|sing)\s+(?:{kind})(?:nya|ne)\s+(?:masih\s+|msh\s+)?(?:kosong|ksg)\b"
    )


NO_DRIVER_RE = _lacking(
    r"(?:sopir|supir|driver)\w*", r"ditentukan|diisi|dipasang", r"sopir|supir|driver"
)
NO_BUS_RE = _lacking(
    r"(?:bus|bis|armada|unit)(?:nya)?\b", r"ditentukan|diisi|dipasang|dipilih", r"bus|bis|armada"
)
# "yg blm bayar sama sekali", "belum dp samsek": only those who paid nothing yet.
NOTHING_PAID_RE = re.compile(
    # "sing blas durung mbayar": not at all, said first (Javanese).
    rf"\b(?:blas|babar\s+blas)\s+(?:{NOT_YET}|{NO})\s+(?:m?bayar|byr|dp|tf|transfer)\b|"
    # "blm ada bayar sama sekali", "blm ada yg bayar apa2": no payment there at all.
    rf"\b(?:{NOT_YET}|{NO})\s+(?:ada\s+(?:yg\s+|yang\s+)?)?(?:pernah\s+)?"
    r"(?:bayar|byr|dp|transfer|tf|pembayaran|bayaran|bayarane)"
    r"\s*(?:apa[\s-]*apa|apa2|sama\s+sekali|sm\s+sekali|sama\s+skali|samsek|sepeserpun|sepeser\s+pun"
    # "sing durung bayar blas": Javanese "not at all".
    r"|(?:babar\s+)?blas|blas[\s-]*blasan)\b"
    # "yg blm dp sapa?", "booking yg belum bayar dp mana aja": no DP, so nothing paid yet.
    rf"|\b(?:yg|yang)\s+(?:{NOT_YET})\s+(?:ada\s+)?(?:(?:bayar|byr|tf|transfer|kasih|ngasih)\s+)?"
    r"(?:dp|ngedp|ngdp|panjar|uang\s+muka)\b"
)
# "yg lewat jatuh tempo siapa aja", "yg telat bayar siapa": only the balances past due.
OVERDUE_ASKED_RE = word_re(
    r"(?:lewat|lwt|lewati|melewati|liwat)\s+(?:dari\s+)?(?:jatuh\s+tempo|jatuh\s+temponya|jt|tempo)"
    r"|(?:telat|terlambat|telad)\s+(?:bayar|byr|bayarnya|lunas|pelunasan|pelunasannya)|overdue"
    # "sing wis jatuh tempo tp durung mbayar": past the day already (never "jatuh tempo
    # minggu ini", due soon).
    r"|(?:udh|udah|sudah|sdh|wis|wes|uwis|sampun)\s+(?:lewat\s+)?(?:jatuh\s+tempo|jt\s+tempo)"
)
REFUND_ASKED_RE = word_re(
    r"dibalikin|balikin|dikembalikan|dikembaliin|kembaliin|kembalinya|pengembalian"
    r"|refund\w*|direfund"
)
# "perlu dibalikin ga?", "harus dikembalikan?": whether money is owed back, asked.
_REFUND_DUE_ASKED_RE = re.compile(
    r"\b(?:perlu|harus|hrs|kudu|mesti)\s+(?:di)?(?:balikin|kembalikan|kembaliin|balekke|refund)\b"
)
# "waktunya", and "wktnya" as chats shorten it.
_TIME_FOR = r"waktunya|wktnya|wktunya|jatahnya|jatah"  # "udh jatahnya servis" too
SERVICE_DUE_RE = word_re(
    rf"{_TIME_FOR}|jadwal|jadwalnya|jatuh\s+tempo|harus|hrs|perlu|due|kapan|kpn"
)
# "bus mana yg sebentar lg ganti oli?", "yg mau servis apa aja": work coming up, asked of
# the fleet (a question: "bus 01 mau ganti oli" alone tells).
SERVICE_SOON_RE = word_re(
    r"(?:se)?bentar\s+(?:lagi|lg)|sbntr\s+(?:lagi|lg)|bntr\s+(?:lagi|lg)|segera|dekat|deket"
    r"|mendekati|mau|mo|bakal|akan"
)
# "abis bus 01, bus mana lg ...", "selain bus 01 yg mau ganti oli apa lg": the other buses
# asked, the one named set aside.
OTHER_BUSES_RE = re.compile(
    r"\b(?:bus|bis|armada|unit)\s+(?:mana|apa|apa\s+aja|apa\s+saja)\b"
    r"|\b(?:selain|kecuali)\s+(?:bus|bis)\b|\b(?:bus|bis)\s+(?:yg\s+|yang\s+)?lain\w*\b"
    r"|\b(?:yg|yang)\s+lain\w*\b"
)
# "yg nyopir pak hendra siapa": who drives, asked by the verb.
# ("bu dewi yg bawa sapa?", "bus 02 dibawa siapa?": who takes the trip, asked.)
WHO_DRIVES_RE = re.compile(
    rf"\b(?:yg|yang)\s+(?:{DRIVES})\b|\b(?:yg|yang|sing)\s+(?:bawa|nggowo)\s+(?:sapa|siapa|sp|sopo)\b"
    r"|\b(?:dibawa|digowo|dipegang|disopiri|disupiri)\s+(?:sapa|siapa|sp|sopo|sinten)\b"
    # ("besok siapa yg bawa PKK?": the question word first.)
    r"|\b(?:sapa|siapa|sp|sopo|sinten)\s+(?:yg|yang|sing)\s+(?:bawa|bw|nggowo|mbeto|pegang)\b"
    # ("sing bawa pak hendra ke malang sopo?": the trip named between.)
    r"|^\W*(?:yg|yang|sing)\s+(?:bawa|bw|nggowo|gowo)\s+[^?]{1,40}?\s(?:sapa|siapa|sp|sopo|sinten)\W*$"
)
# A trip's departure asked: "brgkt kpn", "jalan kapan", "jemput jam brp".
DUE_ASKED_RE = word_re(r"lunasnya|lunase|pelunasan\w*|jatuh\s+tempo\w*|tempo\w*")
WHEN_ASKED_RE = word_re(
    rf"(?:(?:{DEPART})(?:nya)?|jalan|jemput|jemputnya)\s+(?:\w+\s+)?"
    rf"(?:{WHEN}|(?:tgl|tanggal|jam)\s+(?:{HOW_MUCH}))"
    rf"|(?:{WHEN})\s+(?:\w+\s+)?(?:(?:{DEPART})(?:nya)?|jalan)"
)
# When or where a trip starts, asked without naming it: "jemput dmn", "kumpul jam brp",
# "jam brp jemputnya".
_MEET = rf"(?:{DEPART})(?:nya)?|jemput\w*|dijemput|kumpul\w*"
# ("kumpul neng ndi?", "jemputipun teng pundi?", "kumpul dimana": Javanese and krama where.)
_WHEN_WHERE = rf"{WHEN}|jam\s+(?:brp|berapa)|di\s*mana|dmn|dmna|mana|ndi|endi|ngendi|pundi"
MEET_ASKED_RE = word_re(
    rf"(?:{_MEET})\s+(?:\w+\s+)?(?:{_WHEN_WHERE})", rf"(?:{_WHEN_WHERE})\s+(?:{_MEET})"
)
CLIENT_TRIP_RE = word_re(
    rf"(?:{DEPART})(?:nya)?",
    r"jalan|trip|jadwal\w*|kapan|jemput|jemputnya|dijemput|penjemputan",
    # "yg ke bandung pulange tgl pinten": the day the trip comes back.
    rf"(?:pulang|plg|balik|kembali)(?:nya|e)?\s+(?:tgl|tanggal|hari|hr|jam)\s+(?:{HOW_MUCH}|apa)",
)


# The polite words a short request may end with ("kir bus 01 dong", "jadwal wahyu ya pak").
_POLITE = r"dong|donk|ya|pak|bu|min|mbak|mas|bos|kak"
# "stnk srikandi", "kir bus 01 dong": a paper and its holder (blanked out of the masked
# text), nothing else.
# "kir bus 03 aman to?", "stnk srikandi msh aman kan": whether the paper is still good is
# its expiry asked (never the bus's status).
_STILL_GOOD = (
    r"(?:(?:msh|masih)\s+)?aman|(?:msh|masih)\s+(?:berlaku|hidup|idup|aktif|aktip|jalan)"
    r"|to|tho|kan|ga|gak"
)
PAPER_ONLY_RE = re.compile(
    # ("kalo kir bus 01?": the follow-up of a paper asked of another bus.)
    rf"\s*(?:(?:kalo|klo|kalau|kl|terus|trs|lha|lah|nek|ari)\s+)?{_PAPER}\s*"
    rf"(?:(?:nya|{_POLITE}|gmn|gimana|{_STILL_GOOD})\s*)*[.!?]*\s*"
)


# A bus's papers named as a whole ("surat2 srikandi", "dokumen bus 03"), and whether they
# are still good ("aman smua", "lengkap", "msh berlaku").
PAPERS_KEPT_RE = word_re(
    r"surat2|surat-surat|surat\s+surat|suratnya|surat2nya|dokumen|dokumen2|dokumennya|berkas"
    r"|surat(?=\s+(?:bus|bis)\b)"
)
STILL_GOOD_RE = word_re(_STILL_GOOD, r"lengkap|komplit|beres|oke|ok|hidup|idup|berlaku")


_RENEWING = r"(?:di)?perpanjang\w*|perpanjangan\w*|(?:di)?perbaru?i\w*|(?:di)?perbaharui\w*"
# ("sim yanto udh ada", "sim baru udh jadi": the paper in hand now, its expiry to ask.)
RENEWED_RE = word_re(
    rf"{_RENEWING}|diurus|beres", r"(?:udh|udah|sudah|sdh|dah|wis)\s+(?:ada|jadi|jd|keluar|kelar)"
)
# The paperwork itself: "diurus", "proses", "ngurus".
_PROCESS = r"diurus\w*|urus\w*|ngurus\w*|proses\w*|diproses\w*|pengurusan"
# "stnk bus 03 lagi diurus", "kir bus 02 blm diperpanjang, msh proses", "stnk sedang
# diperpanjang": the renewal said to be in hand, nothing renewed yet (no new expiry to
# ask). Only when said so: "ga diperpanjang" is no paperwork (NOT_RENEWED_RE).
UNDERWAY_RE = re.compile(
    r"\b(?:lagi|lg|sedang|sdg|masih|msh|otw)\s+(?:(?:di|dalam|dlm)\s+)?"
    rf"(?:{_RENEWING}|{_PROCESS})\b"
    rf"|\b(?:proses|dalam\s+proses|dlm\s+proses|pengurusan)\s+(?:{_RENEWING}|pengurusan)\b"
)
# "kir bus 05 ga diperpanjang, busnya mau dijual", "kir bus 02 blm diperpanjang", "baru mau
# diurus": not renewed, and no paperwork said to be under way; nothing to record. "kir bus
# 01 besok sy urus", "nanti tak perpanjang": a renewal meant for later, none done (its day
# is no expiry).
_LATER = (
    r"besok|bsk|besuk|nanti|nnti|ntar|ntr|entar|lusa"
    r"|(?:minggu|mgg|pekan|bulan|bln)\s+(?:depan|dpn|ngarep|ngarepe)"
)
_ME = r"sy|saya|aku|aq|gw|gue|tak|tk|kami|kita"
NOT_RENEWED_RE = re.compile(
    # (Javanese "ra usah diperpanjang", "rasah diperpanjang": no need to renew it.)
    rf"\b(?:{_NOT}|ra|{NOT_YET}|mau|akan|baru\s+mau|{_LATER})\s+(?:(?:perlu|usah|sempet|sempat|{_ME})\s+)?"
    # ("blm sempat kuurus": the Medan "ku-" of "I" glued to the verb.)
    rf"(?:ku)?(?:{_RENEWING}|{_PROCESS})\b|\brasah\s+(?:{_RENEWING})\b"
)
# "sim sy udh mati", "kir bus 05 ternyata udah lewat": a paper said run out, no new expiry
# (word for whoever renews it; nothing renewed to record).
EXPIRED_TOLD_RE = re.compile(
    r"\b(?:kir|stnk|sim|asuransi|kps|izin|ijin)\w*\s+(?:[^\s,.;]+\s+){0,3}?"
    r"(?:(?:ternyata|trnyata)\s+)?(?:"
    r"(?:udh|udah|sudah|sdh|dah|wis|wes)\s+"
    r"(?:mati|habis|abis|hbs|expired|kadaluarsa|kedaluwarsa|lewat)\b(?!\s+(?:tgl|tanggal|\d))"
    # "waduh kir bus 01 abis.", "lho sim joko abis to": run out, said and left there (never
    # "kir bus 03 habis ya tgl 12": its day follows).
    r"|(?:mati|habis|abis|hbs|expired)(?=\s*(?:[.,!;]|$|\b(?:to|tho|ya|lho|loh|pak|bu|min|kok)\b))"
    r"(?![\s,.]*(?:(?:to|tho|ya|lho|loh|pak|bu|min|kok)\b[\s,.]*)*(?:tgl|tanggal|\d|bsk|besok|lusa"
    r"|bulan|minggu|akhir|awal))"
    r")"
)
# "tolong perpanjang kir bus 02", "kir bus 02 tolong diurus", "tolong kir bus 02
# diperpanjang": the renewal asked of someone ("ga perlu diperpanjang" asks nothing).
RENEW_ASKED_RE = re.compile(
    rf"(?<!\bga )(?<!\bgak )(?<!\btdk )(?<!\btidak )(?<!\bnggak )"
    r"\b(?:tolong|tlg|mohon|minta|suruh|segera|harus|hrs|perlu|musti|mesti|kudu|jangan\s+lupa"
    r"|jgn\s+lupa)\s+(?:\w+\s+|(?:kir|stnk|sim|asuransi|kps)\w*\s+(?:[^\s,.;?]+\s+){0,2}?)?"
    rf"(?:{_RENEWING}|diurus\w*|urus\w*|uruskan)\b"
)
# "msh aktif ga", "masih berlaku kan": whether a paper is still good, asked.
_STILL_GOOD_ASKED_RE = re.compile(
    r"\b(?:msh|masih)\s+(?:aktif|aktip|berlaku|hidup|idup|aman|jalan)\b[^.!]*(?:\?|\b(?:ga|gak|nggak|ngga|kan|to|tho|blm)\b)"
)


# "bus yg sy bawa", "bus sing tak gowo", "busku": the bus the sender drives.
_MY_BUS_RE = re.compile(
    r"\b(?:bus|bis)\s+(?:yg|yang|sing)\s+(?:sy|saya|tak|aku|kulo)\s+"
    r"(?:bawa|gowo|pake|pakai|setir|sopiri|pegang)\b|\b(?:busku|bisku)\b"
)
_PAPER_GOOD_ASKED_RE = re.compile(
    r"\b(?:aman|berlaku|aktif|aktip)\s+(?:to|tho|kan|ga|gak|nggak|ngga|ora|ra|ya|yo)\b"
    r"|\b(?:aman|berlaku|aktif|aktip)\b[^.!?]*\?"
)


# "udh kecatet blm", "sudah diinput belum?": whether something is on record, asked.
RECORDED_ASKED_RE = re.compile(
    r"\b(?:ke|di|ter)?(?:catat|catet|cetat|cetet|input|simpan|simpen|data)(?:kan|in)?\b"
    r"(?:\s+(?:\w+\s+)?(?:blm|belum|durung|ga|gak|nggak|kah)\b|.*\?)"
)
# "sim sy", "sim kulo", "SIM B1 umum ku", "simku": his own licence, its class said or not.
OWN_LICENCE_RE = re.compile(
    rf"\bsim(?:nya)?(?:\s+(?:a|b1|b2|b|c|umum|polos|baru|anyar))*(?:\s+(?:{ME})|\s*ku)\b"
)


# "kir bus 01 wis lulus uji, berlaku nganti 20 juni 2027": a paper valid until a day.
_PAPER_VALID_RE = re.compile(
    r"\b(?:kir|stnk|sim|asuransi|kps|izin|ijin)(?:nya|ne|ku)?\b.{0,60}?\b(?:berlaku|aktif|valid)\w*\s+"
    r"(?:s/d|sampai|sampe|smp|smpe|smpai|sampek|ampe|hingga|nganti|ngantos|sampun|sd|until)\b"
)


# A trip's crew member swapped for another named ("sopire ganti slamet").
_CREW_SWAPPED_RE = re.compile(
    rf"\b(?:{DRIVER}|{KERNET})(?:nya|ne|e)?\s+(?:{CHANGE}|diganti|dganti)\s+(?:(?:pak|mas|kang)\s+)?[a-z]+"
)


def _crew_swapped_for_a_paper(r: _Reading) -> bool:
    """A driver named in a crew member's place, the paper only said to have run out (no new
    expiry, no renewal, nothing asked): the swap is the request, the paper why."""
    if r.sig.from_crew or not r.sig.has_driver or r.question or RENEWED_RE.search(r.low):
        return False
    paper = PAPER_RE.search(r.low)
    told = re.split(r"[,.;\n]", r.low[paper.end() :])[0] if paper else ""
    if re.search(r"\d", told):
        return False  # ("kir bus 04 habis tgl 15 des, ...": an expiry told)
    return _CREW_SWAPPED_RE.search(r.low) is not None


def _document(r: _Reading) -> Verdict | None:
    """ "KIR bus 03 habis 20 Desember": a paper's expiry; "surat2 yg mau habis?": a question."""
    if not DOC_WORD_RE.search(r.low):
        return None
    if _crew_swapped_for_a_paper(r):
        return None  # "bsk pkk sopire ganti slamet, sim joko mati": the paper says why
    # "sim sy udh diperpanjang" from a driver: his own licence (the assistant knows whose).
    own_licence = r.sig.from_crew and OWN_LICENCE_RE.search(r.low)
    holder = r.sig.has_bus or r.sig.has_client or r.sig.has_driver or bool(own_licence)
    if r.money:
        renewed_to = PAPER_RE.search(r.low) and RENEWED_RE.search(r.low) and EXPIRY_RE.search(r.low)
        renewed_to = renewed_to or _PAPER_VALID_RE.search(r.low)
        if holder and renewed_to and r.sig.n_dates and not r.question:
            # "stnk bus 04 udh diperpanjang, bayar pajak 2,3jt, habis 14 maret 2028": the
            # paper's new expiry; what the renewal cost is no repair of the bus.
            return Intent.RECORD_DOCUMENT, 0.8
        return None
    in_hand = (
        UNDERWAY_RE.search(r.low)
        or RENEW_ASKED_RE.search(r.low)
        or NOT_RENEWED_RE.search(r.low)
        or (EXPIRED_TOLD_RE.search(r.low) and not (r.sig.n_dates or RENEWED_RE.search(r.low)))
    )
    # "pak sim sy udh mati, gmn?": his own licence run out, what now asked: the word for the
    # owner all the same (a local pattern: its words explain no message to coverage).
    what_now = re.search(
        r"\b(?:gmn|gimana|gmana|bagaimana|pripun|piye)(?:\s+(?:niki|ini|iki|ya|pak|nggih))*\W*$",
        r.low,
    )
    expiry_told = r.sig.n_dates and EXPIRY_RE.search(r.low)  # "sim kulo habis tgl 10 april"
    if own_licence and (in_hand or expiry_told) and what_now:
        return Intent.RECORD_DOCUMENT, 0.8
    if holder and PAPER_RE.search(r.low) and in_hand and not r.asks:
        # "stnk bus 03 lagi diurus", "tolong perpanjang kir bus 02 sebelum tgl 20": no
        # renewal yet, a paper in hand or asked for (detail underway / requested; a day said
        # is no expiry); nothing to record.
        return Intent.RECORD_DOCUMENT, 0.8
    if holder and PAPER_RE.search(r.low) and not r.sig.n_dates and RECORDED_ASKED_RE.search(r.low):
        # "pak sim sy yg baru udh kecatet blm": whether the new paper is on record is the
        # expiry on record asked.
        return Intent.QUERY_DOCUMENTS, 0.82
    if (
        (r.sig.has_bus or r.sig.has_driver or own_licence)
        and PAPER_RE.search(r.low)
        and _PAPER_GOOD_ASKED_RE.search(r.low)
        and not (EXPIRY_RE.search(r.low) or RENEWED_RE.search(r.low))
    ):
        # "kir srikandi aman to buat ke bandung", "kir bus 02 aman ga buat ke malang rabu":
        # whether it is good for a trip, its expiry asked (the trip's day is no expiry).
        return Intent.QUERY_DOCUMENTS, 0.8
    if PAPER_RE.search(r.low) and _MY_BUS_RE.search(r.low) and r.question and not r.money:
        # "kir bus sing tak gowo sesuk piye": the papers of the bus he drives (the day says
        # which trip's bus, no expiry).
        return Intent.QUERY_DOCUMENTS, 0.8
    if r.sig.n_dates and holder and not r.question:
        return Intent.RECORD_DOCUMENT, 0.88
    if (
        holder
        and PAPER_RE.search(r.low)
        and (EXPIRY_RE.search(r.low) or RENEWED_RE.search(r.low))
        and month_only_said(r.low)
        and not r.question
    ):
        # "kir bus 03 habis des 2027": an expiry said by its month alone, its day asked
        # (assistant/paper_dates.py), never a repair of the bus.
        return Intent.RECORD_DOCUMENT, 0.8
    if holder and PAPER_RE.search(r.low) and RENEWED_RE.search(r.low) and not r.question:
        # "stnk srikandi udah diperpanjang", "perpanjang kir bus 02 sampe des 2027": a paper
        # renewed, its new expiry asked when no whole date is said (never a repair).
        return Intent.RECORD_DOCUMENT, 0.8
    renewal = RENEWED_RE.search(r.low) or NOT_RENEWED_RE.search(r.low)
    if holder and PAPER_RE.search(r.low) and renewal and r.question:
        # "kir bus 02 udah diperpanjang blm?": whether it was renewed is its expiry asked
        # (the one on record answers), never the bus's status.
        return Intent.QUERY_DOCUMENTS, 0.8
    if (
        r.sig.has_bus
        and (PAPERS_KEPT_RE.search(r.low) or PAPER_RE.search(r.low))
        and (r.question or STILL_GOOD_RE.search(r.low))
        and _STILL_GOOD_ASKED_RE.search(r.low)
    ) or (
        r.sig.has_bus
        and PAPERS_KEPT_RE.search(r.low)
        and (r.question or STILL_GOOD_RE.search(r.low))
    ):
        # "asuransi bus 04 msh aktif ga ya?": whether it is still good, its expiry asked.
        # "surat2 srikandi aman smua kan?", "dokumen bus 03 lengkap?": the bus's papers,
        # how long each is good (never the bus's status).
        return Intent.QUERY_DOCUMENTS, 0.82
    if (r.sig.has_bus or r.sig.has_driver) and PAPER_ONLY_RE.fullmatch(r.masked):
        # Its expiry asked (naming a paper is no repair of the bus, nor a change of a trip).
        return Intent.QUERY_DOCUMENTS, 0.82
    if EXPIRY_RE.search(r.low) and (r.question or re.search(r"\b(?:apa|mana|yg|yang)\b", r.low)):
        return Intent.QUERY_DOCUMENTS, 0.82
    if DUE_SOON_RE.search(r.low) and not r.sig.n_dates:
        # "kir mau abis": the papers of that kind running out soon, asked without a "?".
        return Intent.QUERY_DOCUMENTS, 0.82
    # "kir bus 01 tgl brp tepatnya": the date of a paper named, asked.
    if holder and not r.sig.n_dates and PAPER_RE.search(r.low) and DATE_ASKED_RE.search(r.low):
        return Intent.QUERY_DOCUMENTS, 0.82
    return None


def _work_done(low: str) -> bool:
    """A done word not describing a state: "udah tipis", "sdh agak aus" say how a part is,
    not that work was done; nor what the party did ("penumpang udh turun semua", "rombongan
    sdh pindah ke bus lain")."""
    for m in DONE_RE.finditer(low):
        after = STATE_OPENER_RE.match(low, m.end())
        if after and PROBLEM_RE.match(low, after.end()):
            continue
        if PARTY_BEFORE_RE.search(low[max(0, m.start() - 30) : m.start()]):
            continue
        if _HELP_CALLED_RE.match(low, m.end()):
            continue  # "mogok di tol, udh telpon derek": help called for, no work done
        if _LOOKED_AT_RE.match(low, m.end()):
            continue  # "sein mati, sekring wis tak cek aman": looked at, nothing repaired
        if _ARRIVED_RE.match(low, m.end()):
            continue  # "ac ne ora adem ... iki wis tekan magelang": where the bus is now
        if _UNDONE_BEFORE_RE.search(low, max(0, m.start() - 24), m.start()):
            continue  # "... kalo blm dibenerin": the work not done, or only supposed
        return True
    return False


_IF_UNFIXED_RE = re.compile(
    r"\b(?:kalo|klo|kalau|nek|menawi|yen)\s+(?:blm|belum|ga|gak|nggak|tidak|tdk|durung|dereng|ora)"
    r"\s+(?:di)?(?:cek|benerin|benerke|perbaiki|dandani|dandanke|servis|ganti|ganti\w*)"
)
_UNDONE_BEFORE_RE = re.compile(
    r"\b(?:blm|belum|blom|durung|dereng|urung|kalo|klo|kalau|nek|menawi|yen|sebelum)"
    r"(?:\s+(?:di|saya|sy|tak|aku))?\s+$"
)


_ARRIVED_RE = re.compile(r"\s+(?:sampe|sampai|nyampe|nyampai|tekan|tiba|nang|neng)\s+\w")
_ONLY_LOOKED_AT_RE = re.compile(
    r"\b(?:udh|udah|sdh|sudah|wis|wes|dah)\s+(?:(?:saya|sy|aku|tak|ku)\s*)?(?:di)?(?:cek|check|periksa)\b"
)
_WORK_VERB_RE = re.compile(
    r"\b(?:di)?(?:ganti|servis|service|isi|tambah|tambal|benerin|perbaiki|las|pasang|kuras)\w*\b"
)
_LOOKED_AT_RE = re.compile(
    r"\s+(?:(?:saya|sy|aku|tak|ku)\s*)?(?:di)?(?:cek|cek2|check|periksa|liat|lihat|lihatin)\b"
)
_HELP_CALLED_RE = re.compile(
    r"\s+(?:(?:saya|sy|aku|tak)\s+)?(?:telpon|telp|tlp|telepon|nelpon|hubungi|ngubungi|panggil"
    r"|manggil|kabari|kabarin|ngabarin|lapor|laporan|minta|wa|chat)\b"
)
STATE_OPENER_RE = re.compile(r"\s+(?:(?:agak|mulai|pada|makin|semakin|rada)\s+)?")


def _breakdown_reported(low: str) -> bool:
    """A breakdown and, besides it, what is wrong ("mogok, aki soak")."""
    return breakdown_only(low) and PROBLEM_RE.search(BREAKDOWN_RE.sub(" ", low)) is not None


# Running late: "sy telat 30 menit", "pak, macet, telat kira2 1 jam", "agak molor dikit".
# Running late, and how late or why: the words the assistant knows too (domain/model/news.py).
DELAY_RE = news.DELAY_RE
DELAY_SAID_RE = news.DELAY_SAID_RE
LATE_START_RE = news.LATE_START_RE
# The party the trip carries: "rombongan masjid telat" is the trip running late, no
# client's lateness with money or a service.
_PARTY = r"rombongan|rombongane|rombongannya|tamu|tamunya|peserta|pesertanya|penumpang|penumpangnya"
PARTY_RE = word_re(_PARTY)
# The party, then a word at most, right before a done word: what they did, not the work.
PARTY_BEFORE_RE = re.compile(rf"\b(?:{_PARTY})\s+(?:\w+\s+)?$")
# The road holding the bus up: a driver's "mbak sari macet parah di prambanan, telat sejam"
# is he running late whoever he names (the person spoken to), never a client's lateness.
ROAD_RE = word_re(r"macet|macetnya|kecelakaan|laka|banjir|longsor|antri|antre")
# Where he is late to: "sy telat 20 menit ke sd sapen, ban bocor": the client named is
# the trip he is driving to, never a client's lateness.
LATE_TO_RE = re.compile(
    r"\b(?:telat|terlambat)\b(?:\s+(?:\d+|kira2|kira-kira|sekitar|dikit|sedikit|sejam\w*|"
    r"menit\w*|mnt|jam|an|ya|pak|bu))*\s+(?:ke|jemput|sampe|nyampe)\s"
)
# His own ride failing him on the way: "motor sy mogok", "motornya bocor" (no bus of the PO).
OWN_RIDE_RE = re.compile(
    rf"\b(?:motor|motore|motornya|mtr)\s+(?:(?:{ME})\s+)?(?:\w+\s+)?"
    r"(?:mogok|rusak|bocor|mati|trouble|macet)\b"
)


# "tgl 14 ga jadi izin", "izinnya batal", "ternyata sy bisa", "besok sy bisa narik kok": a
# crew member's own "tidak bisa" taken back.
_CAN = r"bisa|bs|iso|saged"
RETRACT_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|enggak|tidak|tdk|ndak|gk|g|ora|nda|kagak|ra)\s+(?:jadi|jd|sido)\s+"
    # "gak jadi pulang kampung": the plan that kept him away called off.
    r"(?:izin|ijin|libur|cuti|off|pulang\s+kampung|plg\s+kampung|pulkam|mudik|kondangan)\b"
    # "pak tgl 17 sido iso narik kok": able after all on the day said right before.
    rf"|\b(?:tgl\s*\d{{1,2}}|tanggal\s+\d{{1,2}}|besok|bsk|sesuk|lusa)\s+"
    rf"(?:(?:sy|saya|aku|kulo)\s+)?(?:sido|jadi|jd)\s+(?:{_CAN})\s+"
    r"(?:narik|nyopir|nyupir|nyetir|bertugas)\b"
    r"|\bbatal\s+(?:izin|ijin|libur|cuti)\b"
    r"|\b(?:izin|ijin)(?:nya|ku)?(?:\s+[\w.]+){0,4}?\s+(?:batal|dibatalin|dibatalkan|"
    r"(?:ga|gak|gk|nggak|ndak)\s+(?:jadi|jd))\b"
    rf"|\b(?:ternyata|trnyata|tnyata)\s+(?:sy\s+|saya\s+|aku\s+|kulo\s+)?(?:{_CAN})\b"
    rf"|\b(?:sy|saya|aku|aq|kulo|gue|gw|gua)\s+(?:jadi\s+|jd\s+|tetep\s+|tetap\s+)?(?:{_CAN})\s+"
    r"(?:narik|nyopir|nyupir|nyetir|ikut|brgkt|berangkat|jalan|bertugas|kok|ko)\b"
    # "mbak ga sido, wis mendingan. bsk sy siap narik": ready after all, said taken back.
    r"|^\W*(?:(?:mbak|mba|pak|bu|mas|bos)\W+)?(?:ga|gak|nggak|ora|ra|ndak)\s+(?:jadi|jd|sido)\b"
    r"(?![\s,]*(?:di)?(?:batal|cancel))[^?]*\b(?:sy|saya|aku|aq|kulo)\s+siap\s+"
    r"(?:narik|nyopir|nyupir|nyetir|berangkat|brgkt)\b(?!\s+(?:yg|yang)\b)"
    # "eh gk jd mbak, udh mendingan. bsk tetep brgkt": still going after all.
    r"|^(?![^?]*\b(?:batal|cancel|dibatal\w*)\b)\W*(?:(?:eh|mbak|mba|pak|bu|mas|bos)\W+)*"
    r"(?:ga|gak|gk|nggak|ora|ra|ndak)\s+(?:jadi|jd|sido)\b[^?]*\b(?:tetep|tetap|ttp)\s+"
    r"(?:(?:bisa|bs|iso)\s+)?(?:narik|nyopir|nyupir|nyetir|berangkat|brgkt|jalan|budal|mangkat)\b"
    # "eh pak ga sido, sy bisa tgl 4": what kept him away called off, then able that day.
    r"|^(?![^?]*\b(?:batal|cancel|dibatal\w*)\b)\W*(?:(?:eh|mbak|mba|pak|bu|mas|bos)\W+)*"
    r"(?:ga|gak|nggak|ora|ra|ndak)\s+(?:jadi|jd|sido)\b[^?]*\b(?:sy|saya|aku|aq|kulo)\s+"
    r"(?:bisa|bs|iso|saged)\s+"
    r"(?:tgl\s*\d{1,2}|tanggal\s+\d{1,2}|besok|bsk|sesuk|narik|nyopir|nyupir|nyetir|berangkat"
    r"|brgkt)\b"
    # "td sy bilang ga bisa, ternyata anak sy udh sembuh. tgl 9 sy siap": the "ga bisa"
    # said before, then ready.
    r"|(?:^\W*|\b(?:sy|saya|aku|aq|kulo|td|tadi|kmrn|kemarin|kemaren|yg|yang|maaf)\s+(?:\w+\s+)?)"
    r"(?:bilang|blg|ngomong)\s+(?:ga|gak|nggak|tidak|tdk|ndak|tak)\s+(?:bisa|bs|sanggup)\b"
    r"[^?]*\b(?:sy|saya|aku|aq|kulo)\s+(?:siap|bisa|bs)\W*$"
    # "ternyata acara keluarga diundur, senin sy bisa ke bandung": what kept him away
    # moved or called off, then able.
    r"|\b(?:acara\s+(?:keluarga|kluarga|sy|saya|aku|kulo)|acaraku|urusan\s+keluarga|hajatan"
    r"|nikahan|kondangan|layat\w*|melayat|takziah)(?:\s+\w+){0,2}?\s+"
    r"(?:diundur|dimundurin|dimundurkan|mundur|batal|dibatalin|dibatalkan|ga\s+jadi|gak\s+jadi"
    r"|ga\s+jd|gk\s+jd|nggak\s+jadi|ora\s+sido|ra\s+sido|tidak\s+(?:jadi|sido))\b"
    r"(?![^?]*\b(?:ga|gak|gk|nggak|tidak|tdk|ora|ra|mboten)\s+(?:bisa|bs|iso|saged)\b)"
    rf"[^?]*?\b(?:sy|saya|aku|aq|kulo)\s+(?:jadi\s+|jd\s+|tetep\s+|tetap\s+)?(?:{_CAN})\b"
    # "eh bisa ding, acaranya diundur. siap pak": able after all, the slip's particle said.
    rf"|^\W*(?:(?:eh|ehh|oh|lho|loh|wah|iya|iyo|ya|mbak|mba|pak|bu|mas)\W+)*"
    rf"(?:(?:sy|saya|aku|kulo)\s+)?(?:{_CAN})\s+(?:ding|deng|dink|dng)\b"
    # (never what he can do next: "bisa ding pak, jam 3 sy bawa" answers a question.)
    r"(?![^.!?]*\?)"
    # "tgl 7 sy tetep bisa ke bandung": able after all to go where the trip goes.
    rf"|\b(?:sy|saya|aku|aq|kulo)\s+(?:tetep|tetap)\s+(?:{_CAN})\s+ke\s"
    r"(?!bengkel|kantor|pool|garasi|garase)"
    # "eh ra sido bu, urusane wis beres. tgl 7 aku tetep budal bandung": what kept him away
    # called off, then going after all.
    # (Only when what is called off goes unnamed: never "ra sido lewat tol, aku tetep budal".)
    r"|^(?![^?]*\b(?:batal|cancel|dibatal\w*)\b)\W*"
    r"(?:(?:eh|mbak|mba|pak|bu|mas|bos|ngapunten|maaf|sori|sepurane|punten)\W+)*"
    r"(?:ga|gak|nggak|ora|ra|ndak)\s+(?:jadi|jd|sido)(?:\s+(?:bu|pak|mas|mbak|ya|yo|kok|ding))*"
    r"\s*[,.!][^?]*\b(?:sy|saya|aku|aq|kulo)\s+"
    r"(?:tetep|tetap|jadi|jd|sido)\s+(?:budal|berangkat|brgkt|mangkat|narik|nyopir|jalan)\b"
    # "ralat pak, sabtu sy bisa": his "cannot" put right, the day said.
    r"|^\W*(?:eh\W+)?(?:ralat|koreksi)\W+(?:(?:pak|mas|bu|mbak|mba|bos)\W+)?"
    r"(?:(?!jam\b|jm\b|pukul\b|\d)\w+\s+){0,2}?"
    rf"(?:sy|saya|aku|aq|kulo)\s+(?:{_CAN})(?:\s+(?:narik|kok|ko))?\W*$"
    # "sy bisa bawa bus kok": the bus (or the party) taken, never "bawa anak ke rs".
    rf"|\b(?:sy|saya|aku|aq|kulo)\s+(?:jadi\s+|jd\s+|tetep\s+|tetap\s+)?(?:{_CAN})\s+"
    r"(?:bawa|bw)\s+(?:bus\w*|bis\w*|rombongan\w*|tamu\w*|trip\w*|armada)\b"
)
# What a "sy bisa ..." offering to stand in for someone says: that is no day off taken back.
_STANDS_IN_RE = re.compile(r"\b(?:gantiin|gantikan|menggantikan|nggantiin|ganti|backup|bantu)\b")


_CAN_GO_AFTER_ALL_RE = re.compile(
    rf"\b(?:sy|saya|aku|aq|kulo)\s+(?:jadi|jd)\s+(?:{_CAN})\s+ke\s(?!bengkel|kantor|pool|garasi)"
    # "yg ke pangandaran sabtu sy jadi bisa": the trip named first.
    rf"|\b(?:yg|yang)\s+ke\s+\w+[^.,;]*?\b(?:sy|saya|aku|aq|kulo)\s+(?:jadi|jd)\s+(?:{_CAN})\b"
    r"(?!\s+(?:istirahat|libur|santai|tidur|rehat|pulang|ngopi|makan|ke|kemana|kmn)\b)"
)


# "eh maaf pak, bisa kok, td salah liat jadwal": can after all, said first and owned.
_CAN_AFTER_ALL_BARE_RE = re.compile(
    r"\W*(?:eh+\W+)?(?:(?:maaf|maap|sori|sorry|ngapunten|nyuwun\s+sewu)\W+)?(?:(?:pak|mas|bos|bu)\W+)?"
    rf"(?:(?:sy|saya|aku|aq|kulo)\s+)?(?:ternyata\s+)?(?:{_CAN})\s+(?:kok|ko|lho|loh|ding)\b"
    r"(?=.*\b(?:salah|keliru|lupa|kelalen)\b)"
)


_HEDGED_RE = re.compile(
    r"\b(?:(?:blm|belum|durung|dereng)\s+(?:tentu|pasti|mesti|tau|tahu|yakin)|mudah2an"
    r"|mudah-mudahan|moga2|moga-moga|semoga|insyaallah|kalo|klo|kalau|kl|nek|yen|mungkin"
    r"|kayake|kayaknya|sepertinya)\b|\b(?:ga|gak|nggak)\s+ya\b"
)


_HOW_OPENING_RE = re.compile(r"^\W*(?:gimana|gmn|gmana|piye)\s*(?:(?:bang|pak|bos|mas|lae)\s*)?,")


# "yg ke ancol masih kosong kan?" closing the message: the trip checked still open.
_STILL_OPEN_ASKED_RE = re.compile(
    r"(?<=[.,;!])\s*(?:(?:yg|yang|nyang|sing)\s+(?:ke\s+)?[a-z ]{2,30}?\s+)?"
    r"(?:masih|msh|mash|masi)\s+(?:kosong|ksg|ada|butuh\s+sopir)\s+(?:kan|ya|kah|to)\W*$"
)


def _retract(r: _Reading) -> Verdict | None:
    """ "pak tgl 14 ga jadi izin, sy bisa narik", "ternyata sy bisa pak yg ke malang": a
    driver or kernet can work after all on a day or trip they said they could not. Never a
    question ("sy bisa narik ga?"), never an offer to stand in for a teammate."""
    if not r.sig.from_crew or r.money or r.new_booking:
        return None
    # "besok sy bisa narik kok pak": its "kok" is a closing particle, not "kok ...?"; an
    # opening "gimana bang," (Medan "cemana") greets, it asks nothing.
    unasked = NOT_YET_SAID_RE.sub(" ", re.sub(r"\bk?ok\b", " ", r.unasked))
    unasked = _HOW_OPENING_RE.sub(" ", unasked)
    # ("..., nyang ke ancol masih kosong kan?": the trip taken back, its seat still open,
    # checked after the news; no question of its own.)
    unasked = _STILL_OPEN_ASKED_RE.sub(" ", unasked) if RETRACT_RE.search(r.low) else unasked
    if "?" in unasked or QUESTION_RE.search(unasked):
        return None
    if _HEDGED_RE.search(r.low):
        return None  # "besok sy blm tentu jadi bisa narik", "moga2 sido iso": not yet sure
    found = RETRACT_RE.search(r.low) or _CAN_AFTER_ALL_BARE_RE.match(r.low)
    if found is None and r.sig.n_dates and r.sig.has_route_to:
        # "tgl 7 sy jadi bisa ke bandung": a day and the trip's place with it (never "sy jd
        # bisa ke nikahan adik", where he goes instead).
        found = _CAN_GO_AFTER_ALL_RE.search(r.low)
    if found is None or _STANDS_IN_RE.search(r.low) or r.sig.has_team_member:
        return None
    if re.search(r"\b(?:ga|gak|tidak|tdk|ndak|gk|nggak|ora|belum|blm)\s*$", r.low[: found.start()]):
        return None  # "sy ga jadi bisa"
    if re.search(
        # ("..., kmrn sy bilang ga bisa": the "tidak bisa" said before, taken back.)
        rf"(?<!bilang )(?<!blg )(?<!ngomong )\b(?:ga|gak|tidak|tdk|ndak|gk|nggak|ora|ra)"
        rf"\s+(?:{_CAN})\b",
        r.low[found.end() :],
    ):
        return None  # "tgl 4 sy bisa kok, yg ga bisa tgl 6": which day he cannot, put right
    return Intent.RETRACT_DECLINE, 0.85


# A crew member putting himself forward for a trip, or telling of a swap agreed with a
# teammate: "sy aja yg bawa", "biar sy yg narik", "sopir bu dewi ganti sy aja", "sy bisa
# gantiin joko", "sy ikut jd kernet wahyu", "sy tukeran sm wahyu".
_TAKES = (
    rf"bawa|bw|mbeto|mbekta|mbekto|narik|nyopir|nyupir|nyetir|{DRIVES}|pegang|handle|jalan|brgkt"
    r"|berangkat|budal"
)
_ALONE = r"aja|saja|sj|wae|ae|mawon"
# ("biar gantian nyetir": taking turns at the wheel on one trip, no swap of trips.)
# Riding beside a teammate, as his kernet: "sy mau nemenin joko".
_KEEPS_COMPANY = r"nemenin|nemani|menemani|ngancani"
_SWAP_WORD = (
    r"tukeran|tukaran|tuker|tukar|gantian(?!\s+(?:nyetir|nyopir|nyupir|setir|bawa|bw|pegang))"
)
# The swaps and stand-ins an offer says, and OFFER_MATE_RES finds the teammate in: "tukeran
# (jadwal) sm wahyu", "sy sm wahyu (udh) tukeran", "gantiin joko".
# ("tukeran karo slamet": the ngoko "karo" reads "dan".)
_SWAP_WITH = rf"(?:{_SWAP_WORD})\s+(?:(?:jadwal|trip|tugas)\s+)?(?:sm|sama|ama|dgn|dengan|karo|dan)"
_ME_AND = rf"\b(?:{ME})\s+(?:sm|sama|ama|dan|dgn|dengan|karo)\s+"
_SWAPPED = (
    r"(?:(?:udh|udah|sdh|mau|wis|wes)\s+)?(?:(?:sepakat|setuju|janjian|deal|sepakat\s+mau)\s+)?"
    rf"(?:{_SWAP_WORD})\b"
)
_STAND_FOR = (
    r"gantiin|gantikan|nggantiin|menggantikan|gantiken"
    r"|ngganteni|nggantosi|gantosi|nggentosi"  # Javanese, ngoko and krama
)
# "klo joko ga bisa", "nek slamet mboten saged": whether a teammate cannot, a condition.
# "kalo joko", "nek slamet": another, said as a condition (never "klo sy").
_IF_ANOTHER = rf"\b(?:kalo|kalau|klo|kl|nek|lek|yen|misal)\s+(?!(?:{ME})\b)"
# ("kalo joko ga sempet": a teammate who may not make it; "ga sempet" alone is no decline:
# "td ga sempet ngabarin".)
_MAY_NOT_GO = rf"(?:{DECLINE_RE.pattern}|(?:{_NOT})\s+(?:sempet|sempat))"
IF_OTHER_CANNOT_RE = re.compile(
    rf"{_IF_ANOTHER}(?:(?:{TEAM_TITLE})\s+)?[a-z]{{3,15}}\s+{_MAY_NOT_GO}"
)
# "pak tgl 10 joko ga bisa, sy bisa gantiin": a teammate cannot (not the sender), said
# before the sender's own offer.
OTHER_CANNOT_RE = re.compile(
    rf"\b(?!(?:{ME}|{_NOT}|yg|yang|sing|bus|bis|mobil|unit|besok|bsk|lusa|hari|ini|juga|jg|tgl"
    r"|tanggal|kayaknya|kyknya|mungkin|sesuk|dina|kiye|mesin\w*|ban\w*|ac\w*|pak|bu|mas|mbak|bos)\b)"
    rf"(?:(?:{TEAM_TITLE})\s+)?[a-z]{{3,15}}(?:\s+(?:tgl|tanggal)\s*\d{{1,2}})?"
    # ("pak joko tgl 7 gk bisa ke bandung katanya, sy aja yg gantiin": his day, where, heard.)
    rf"\s+(?:{DECLINE_RE.pattern})(?=\s+(?:itu|kuwe|kuwi|kan|to|ya)\b|\s*,|[^,.?!]{{0,40}}"
    r"\b(?:katanya|ktnya|jarene|jare|ceunah),)"
)
_NO_DRIVER_YET = (
    r"\b(?:blm|belum|durung|dereng|urung)\s+(?:ada|ana|ono|onok|enek|wonten)\s+"
    rf"(?:{DRIVER})(?:ipun|e|nya)?\b"
)
_NO_DRIVER_YET_RE = re.compile(_NO_DRIVER_YET)
# "kalo butuh sopir", "nek butuh kernet": should one be needed.
_IF_NEEDED = (
    r"\b(?:kalo|kalau|klo|kl|nek|yen|lek|misal)\s+(?:(?:masih|msh|isih)\s+)?"
    r"(?:butuh|perlu|mbutuhke|kurang)\s+"
)
OFFER_RE = re.compile(
    rf"\b(?:{ME})\s+(?:(?:{_ALONE})\s+)?(?:yg|yang|sing)\s+(?:{_TAKES}|ngernet|gantiin)\b"
    rf"(?:(?!\?).)*$"
    rf"|\bbiar\s+(?:{ME})\s+(?:(?:{_ALONE})\s+)?(?:(?:yg|yang|sing)\s+)?(?:{_TAKES}|ngernet)\b"
    rf"|\b(?:{DRIVER}|{KERNET})\b[^.?!]{{0,40}}?\b(?:di)?ganti\s+(?:{ME})\s+(?:{_ALONE})\b"
    # "tgl 26 yg ke ciwidey bu iis, sopirnya sy aja pak" ("sopirna abdi wae").
    # ("sopir e pak agung tgl 29 aku ae pak, aku kosong": whose trip and its day between.)
    rf"|\b(?:{DRIVER}|{KERNET})(?:nya|na|ne|e|\s+n?e)?\s+"
    r"(?:(?!(?:hubungi|kabari\w*|kabarin|telp\w*|tlp\w*|wa|chat|ketemu|ke|sama|sm|ama|dgn|dengan"
    r"|tolong|tlg|nanti|ntar)\b)[\w.]+\s+){0,5}?"
    rf"(?:{ME})\s+(?:{_ALONE})"
    r"(?:\s+(?:pak|bu|mas|mbak|bos|bang|kang|ya|yo|nggih|ngih))*\s*(?:[,.!]|$)"
    rf"|\b(?:{ME})\s+(?:(?:bisa|bs|siap|mau|sanggup|iso|gelem|aja|saja)\s+)?"
    # ("joko ga bisa, sy bisa gantiin": the one stood in for said before.)
    rf"(?:{_STAND_FOR})(?:\s+(?!(?:{ME})\b)[a-z]|[^\w?]*$)"
    rf"|\b(?:{ME})\s+(?:(?:tgl|tanggal)\s*\d{{1,2}}\s+|(?:besok|bsk|lusa)\s+)?"
    rf"(?:(?:ikut|mau|bisa|siap|aja)\s+)?(?:jd|jadi|dadi)\s+(?:{KERNET})\b"
    rf"|\b(?:{ME})\s+(?:(?:ikut|mau|bisa|siap|aja)\s+)?ngernet(?:in)?\b"
    # "yg malang tgl 2 sy aja ya gantiin wahyu", "kulo mawon sing dados kernet nggih":
    # himself put forward, then what he would do.
    rf"|\b(?:{ME})\s+(?:{_ALONE})\s+(?:(?:ya|yah|nggih|ngih|njih|pak|bu|mbak|mas)\s+)*"
    rf"(?:(?:yg|yang|sing)\s+)?(?:{_STAND_FOR}|(?:jd|jadi|dadi|dados)\s+(?:{KERNET}|{DRIVER}))\b"
    # "kalo ada trip yg blm ada sopir minggu ini sy siap narik": ready for one without a driver.
    rf"|\b(?:kalo|kalau|klo|kl)\s+ada\s+(?:trip|jadwal|carteran|order\w*|yg|yang)\b[^?]*"
    rf"\b(?:{ME})\s+(?:siap|bisa|bs|mau|sanggup)\s+(?:narik|nyopir|bawa|jalan|berangkat)\b"
    # "sy pgn ikut trip ke bali tgl 5, jd sopir cadangan boleh?": a seat as a second driver.
    rf"|\b(?:{ME})\s+(?:(?:pgn|pengen|pingin|ingin|mau|boleh|bisa)\s+)?ikut\b[^.?!]{{0,40}}?"
    rf"\b(?:jd|jadi|dadi|sbg|sebagai)\s+(?:{DRIVER})\s+(?:cadangan|serep|tambahan|kedua|ke\s*2|pendamping)\b"
    # "sy udh sepakat tukeran sm wahyu": a swap agreed.
    rf"|\b(?:{ME})\s+(?:(?:udh|udah|sdh|wis|wes)\s+)?(?:(?:sepakat|setuju|janjian|deal)\s+)?"
    rf"{_SWAP_WITH}\b"
    # "pak sy tgl 2 ada acara, udh tukeran sm mas slamet": a clause of his own, "sy" said
    # before it.
    rf"|(?:^|[,.;]\s*)(?:udh|udah|sdh|wis|wes)\s+{_SWAP_WITH}\s+(?!bus|bis|unit)"
    r"(?!(?:\w+\s+){0,3}(?:ga|gak|nggak|ora|ndak|tidak|tdk)\s+(?:jadi|jd|mau|sido|gelem))"
    # "sy udh ngomong sm joko, kita tukeran": the two of them swap.
    # "tgl 13 dereng wonten sopiripun, kula saged", "aku iso kok, durung ono sopir e to": a
    # trip still without a driver, and he can take it.
    rf"|{_NO_DRIVER_YET}[^?]*?\b(?:{ME})\s+(?:(?:juga|jg|wae|aja|mawon)\s+)?(?:{_CAN}|siap|sanggup)"
    r"(?:\s+(?:kok|lho|loh|pak|mas|bos|nggih|ngih|ya|yo|aja|wae|mawon|narik|nyopir|bawa|mbeto|mbekto|jalan"
    r"|berangkat|mangkat|budal|tindak|nyetir))*\s*(?:[,.!]|$)"
    rf"|\b(?:{ME})\s+(?:{_CAN}|siap|sanggup)(?:\s+(?:kok|lho|loh|pak|mas|bos|nggih|ya|yo))*"
    rf"\s*,\s*{_NO_DRIVER_YET}"
    rf"|\b(?:kita|kami|awake\s+dewe)\s+(?:(?:udh|udah|sdh|wis|wes|mau|sepakat)\s+)?(?:{_SWAP_WORD})\b"
    # "blm ada kernet, sy mau nemenin joko": a seat beside a teammate.
    rf"|\b(?:{ME})\s+(?:(?:mau|bisa|siap|aja)\s+)?(?:{_KEEPS_COMPANY})\s+"
    r"(?:pak\s+|mas\s+)?[a-z]{3,}\b"
    # "nek butuh kernet nggo sing nang pangandaran sy siap": ready if one is needed.
    rf"|{_IF_NEEDED}(?:{DRIVER}|{KERNET})\b[^?]*?\b(?:{ME})\s+(?:{_CAN}|siap|sanggup|mau|gelem)\b"
    # "yg ke pangandaran blm ada sopir kan pak? sy siap": the trip with no driver asked, then
    # himself offered.
    rf"|\b(?:blm|belum|durung|gak|ga|tidak)\s+ada\s+(?:{DRIVER})\b[^?]*\?\s*(?:pak\s+)?(?:{ME})\s+"
    r"(?:siap|sanggup|bisa|bs|mau|gelem|iso)\W*(?:(?:pak|bu|mas|mbak|bos)\W*)?$"
    rf"|{_ME_AND}\w+(?:\s+\w+)?\s+{_SWAPPED}"
    rf"|\b(?:kalo|kalau|klo|kl)\s+(?:blm|belum|ga|gak|ndak|tdk|tidak)\s+ada\s+(?:{DRIVER}|{KERNET})"
    rf"\b[^.?!]*?\b(?:{ME})\s+(?:siap|bisa|mau|sanggup|aja)\b"
    # "yg ke karimun tgl 9 blm ada sopirnya kan? sy siap bawa": asked, then put forward.
    rf"|\b(?:blm|belum|durung)\s+(?:ada|ono|onok)\s+(?:{DRIVER}|{KERNET})\w*\b[^.!?]*\?\s*"
    rf"(?:pak\s+)?(?:{ME})\s+(?:(?:siap|bisa|mau|sanggup)\s+(?:{_TAKES})|{_ALONE})\b[^?]*$"
    # "yg ke pacitan tgl 2 sopire sopo? nek durung ono aku wae": who drives asked, then
    # himself put forward if nobody does.
    rf"|\b(?:{DRIVER}|{KERNET})\w*\b[^.!?]*\?\s*(?:kalo|kalau|klo|kl|nek|yen)\s+"
    rf"(?:blm|belum|durung)\s+(?:(?:ada|ono|onok)\w*\s+)?(?:pak\s+)?(?:{ME})\s+"
    rf"(?:siap|bisa|mau|sanggup|{_ALONE})\b[^?]*$"
    # "sopir e kurang siji to? kulo mawon": a trip short of its driver, himself put forward.
    rf"|\b(?:{DRIVER}|{KERNET})(?:\s?e|ne|nya)?\s+kurang\b"
    r"(?!\s+(?:tidur|istirahat|sehat|enak|fit|pira|piro|brp|berapa)\b)"
    rf"(?![^.!]*\b(?:jgn|jangan|ojo)\b)[^.!]*?\b(?:{ME})\s+(?:{_ALONE})\W*$"
    # "nek slamet mboten saged, kulo mawon sing mbeto": another's "cannot" as a condition.
    rf"|{IF_OTHER_CANNOT_RE.pattern}[^.?!]*?\b(?:{ME})\s+(?:{_ALONE})\b"
    # (Never asked, nor his own "sy aja lg sakit"; "..., gpp kan pak?" only asks leave.)
    rf"(?![^?]*\?)(?![^.!]*\b(?:sakit|{DECLINE_RE.pattern})\b)"
)
# Words that put oneself forward even inside a question ("... blm ada sopir kan pak? sy aja
# yg bawa"): "sy aja", "biar sy", "sy bisa gantiin", a swap.
PUT_FORWARD_RE = re.compile(
    rf"\b(?:{ME})\s+(?:{_ALONE})\b|\bbiar\s+(?:{ME})\b"
    rf"|\b(?:blm|belum|durung|gak|ga|tidak)\s+ada\s+(?:{DRIVER})\b[^?]*\?\s*(?:pak\s+)?(?:{ME})\s+"
    r"(?:siap|sanggup|bisa|bs|mau|gelem|iso)\W*(?:(?:pak|bu|mas|mbak|bos)\W*)?$"
    rf"|\?\s*(?:pak\s+)?(?:{ME})\s+(?:siap|sanggup|bisa|bs|mau)\s+(?:{_TAKES})\b[^?]*$"
    # "... sopire sopo? nek durung ono aku siap": himself, if nobody is yet.
    rf"|\?\s*(?:kalo|kalau|klo|kl|nek|yen)\s+(?:blm|belum|durung)\s+(?:(?:ada|ono|onok)\w*\s+)?"
    rf"(?:pak\s+)?(?:{ME})\s+(?:siap|sanggup|bisa|mau|iso|gelem|{_ALONE})\b[^?]*$"
    r"|\b(?:bisa|bs|siap|mau|sanggup|iso|gelem)\s+(?:gantiin|gantikan|nggantiin|menggantikan)\b"
    rf"|\b(?:{_SWAP_WORD})\b"
    rf"|\b(?:jd|jadi|dadi|sbg|sebagai)\s+(?:{DRIVER})\s+(?:cadangan|serep|tambahan|kedua|pendamping)\b"
    rf"|\bikut\s+(?:jd|jadi|dadi)\s+(?:{KERNET})\b"
)
STILL_MINE_RE = re.compile(rf"\b(?:tetep|tetap|ttp|masih)\s+(?:{ME})\b")
SWAP_OFFER_RE = re.compile(rf"\b(?:{_SWAP_WORD})\b")
KERNET_OFFER_RE = re.compile(
    rf"\b(?:jd|jadi|dadi)\s+(?:{KERNET})\b|\bngernet|\bkernet\w*\s+(?:{ME})\b"
    rf"|{_IF_NEEDED}(?:{KERNET})\b"
    rf"|\b(?:{_KEEPS_COMPANY})\b"
    # "... blm ada kernet to? kulo mawon": the kernet's seat still open, taken.
    rf"|\b(?:blm|belum)\s+ada\s+(?:{KERNET})\w*\b[^.!?]*\?\s*(?:pak\s+)?(?:{ME})\b"
)

# The teammate an offer names: stood in for, driven beside, or swapped with.
# ("tukeran karo sam rizal": Malang's "sam", mas said backwards, before the name too.)
_MATE = rf"(?P<said>(?:(?:{TEAM_TITLE}|{guards.MALANG_TITLE})\s+)?(?P<name>[a-z]+))"
OFFER_MATE_RES = (
    re.compile(
        rf"\b(?:{_STAND_FOR}|ngernet(?:in)?|(?:jd|jadi|dadi)\s+(?:{KERNET})|{_SWAP_WITH})"
        rf"\s+{_MATE}\b"
    ),
    re.compile(rf"{_ME_AND}{_MATE}\s+{_SWAPPED}"),
    # "nek slamet mboten saged, kulo mawon": the teammate who may not go.
    re.compile(rf"{_IF_ANOTHER}{_MATE}\s+{_MAY_NOT_GO}"),
    # "yanto ora bisa kuwe, inyong bisa nggantiaken": the teammate who cannot.
    re.compile(rf"\b{_MATE}\s+(?:{DECLINE_RE.pattern})(?=\s+(?:itu|kuwe|kuwi|kan|to|ya)\b|\s*,)"),
    # "sy udh ngomong sm joko, ...", "..., joko gantian ke dieng": the one the swap was
    # agreed with, or who takes the other trip in turn.
    re.compile(
        r"\b(?:ngomong|omong|ngobrol|bilang|sepakat|janjian|deal)\s+(?:sm|sama|ama|dgn|dengan|karo)"
        rf"\s+{_MATE}\b"
    ),
    re.compile(rf"(?:^|[,.;]\s*){_MATE}\s+(?:gantian|genten|gentian)\b"),
    re.compile(rf"\b(?:{_KEEPS_COMPANY})\s+{_MATE}\b"),
    # "sy aja yg bawa, joko kan lg opname", "pak, heri lagi demam": the teammate away, told
    # as a clause of its own.
    re.compile(
        rf"(?:^|[,.;]\s*){_MATE}\s+(?:kan\s+)?(?:(?:lg|lagi|lgi|masih|msh)\s+)?"
        r"(?:sakit|demam|opname|dirawat|izin|ijin|cuti|berhalangan|meriang|flu|mudik"
        r"|ada\s+acara|ada\s+urusan|pulang\s+kampung)\b"
    ),
)


def offer_mate(low: str) -> str | None:
    """The teammate an offer names, as written ("gantiin joko", "jd kernet wahyu", "tukeran
    sm mas wahyu", "sy sm joko tukeran"); None when it names nobody."""
    for pattern in OFFER_MATE_RES:
        for m in pattern.finditer(low):
            if m.group("name") not in _NO_STAND_IN | STOP_WORDS | _KIN:
                return m.group("said")
    return None


_LEAVE_ASKED_RE = re.compile(
    r"[\s,.]*\b(?:gpp|gapapa|ga\s+papa|boleh|oke|ok)(?:\s+(?:kan|ya|to|toh|ga|gak|nggak))?"
    r"(?:\s+(?:pak|bu|mbak|mas|bos))?\s*\?+\s*$"
)


def _offer(r: _Reading) -> Verdict | None:
    """ "tgl 4 yg ke pangandaran blm ada sopir kan pak? sy aja yg bawa", "sy bisa gantiin
    joko tgl 7", "pak tgl 2 sy ikut jd kernet wahyu", "sy tukeran sm wahyu, sy yg ke malang
    tgl 2, wahyu yg ke bandung tgl 7": a driver or kernet offers to take a trip (or a seat on
    it) or tells of a swap; the managers decide. Never his own "tidak bisa" (a decline, with
    a swap or a stand-in suggested), never money."""
    if not r.sig.from_crew or r.money or r.new_booking:
        return None
    # "..., sy aja yg bawa, gpp kan pak?": leave asked for the offer, no question of it.
    low = _LEAVE_ASKED_RE.sub("", r.low)
    declined = DECLINE_RE.search(OTHER_CANNOT_RE.sub(" ", IF_OTHER_CANNOT_RE.sub(" ", low)))
    offered = OFFER_RE.search(low)
    if not offered or declined or _replaced_on_request(r):
        return None
    if re.search(_KEEPS_COMPANY, offered.group()) and not re.search(rf"\b(?:{KERNET})", low):
        return None  # "sy nemenin istri ke rs": company kept, no kernet's seat
    if (RETRACT_RE.search(r.low) or STILL_MINE_RE.search(r.low)) and not _NO_DRIVER_YET_RE.search(
        r.low
    ):
        return None  # "ternyata sy bisa, ... tetep sy yg bawa": his own trip kept, no offer
    if r.asks and not PUT_FORWARD_RE.search(r.low):
        return None  # "bsk sy jd kernet ya pak? sopirnya sapa" asks of his own trip
    return Intent.OFFER_TRIP, 0.8


# "baru naik jam 8", "br kumpul jam 7": the hour the party at last got on, said by the crew.
_BOARDED_LATE_RE = re.compile(
    r"\b(?:baru|br|bru)\s+(?:pada\s+)?(?:naik|kumpul|ngumpul|lengkap|masuk\s+bus)\s+"
    r"(?:jam|jm|pukul)\s*\d"
)


_NOT_ALL_HERE_RE = re.compile(
    r"\b(?:blm|belum|durung|urung|dereng)\s+(?:(?:pd|pada|semua|smua|sami)\s+)?"
    r"(?:dtg|datang|teko|rawuh|kumpul|ngumpul|lengkap|komplit|naik)\b"
    r"|\b(?:baru|br|bru)\s+\d+\s*(?:an)?\s*(?:org|orang|wong|tiyang)\b"
)


def _delay(r: _Reading) -> Verdict | None:
    """ "sy telat 30 menit", "pak, macet, telat kira2 1 jam": the sender is running late on
    the road; news for the owner and admins. Money late ("telat bayar"), a client's or a
    bus's lateness for its service are not this."""
    late = DELAY_RE.search(r.low) or (r.sig.from_crew and LATE_START_RE.search(r.low))
    # ("rombongannya molor, baru naik jam 8 dari monas": the party boarded late, a driver's.)
    # (Never of a day to come: "acara besok molor, rombongan baru naik jam 8" is a plan.)
    boarded_late = (
        r.sig.from_crew
        and _BOARDED_LATE_RE.search(r.low)
        and not re.search(r"\b(?:besok|bsk|besuk|sesuk|mene|lusa|nanti|ntar)\b", r.low)
    )
    # ("pesertanya blm pd dtg pak, molor kyke, br 20an org": the party still gathering.)
    gathering = (
        r.sig.from_crew
        and PARTY_RE.search(r.low)
        and _NOT_ALL_HERE_RE.search(r.low)
        and not re.search(r"\b(?:besok|bsk|besuk|sesuk|mene|lusa|nanti|ntar|acara)\b", r.low)
    )
    if not late or not (
        DELAY_SAID_RE.search(r.low) or OWN_RIDE_RE.search(r.low) or boarded_late or gathering
    ):
        return None
    # "sy telat 20 menit, ban bocor di ring road": a driver late for what held him up on the
    # road (a flat tyre, no bus named to look at); a part of a named bus is its problem.
    held_up = r.sig.from_crew and not r.sig.has_bus
    if r.money or r.asks or (r.sig.has_maintenance_type and not held_up):
        return None
    on_the_road = r.sig.from_crew and bool(
        ROAD_RE.search(r.low) or OWN_RIDE_RE.search(r.low) or LATE_TO_RE.search(r.low)
    )
    if r.sig.has_client and not (PARTY_RE.search(r.low) or on_the_road):
        return None
    if PAYMENT_RE.search(r.low) or re.search(rf"\b(?:{PAY})", r.low):
        return None
    return Intent.REPORT_DELAY, 0.85


def _broken_bus_replaced(r: _Reading) -> Verdict | None:
    """ "bus 01 yg bawa rombongan masjid mogok di secang, radiatornya bocor. tak kirim bus 02
    buat gantiin": the owner or admin sends another bus in place of one broken down on a
    trip. The swap is the change (the breakdown noted on the trip)."""
    sig = r.sig
    if sig.from_crew or r.money or r.question or sig.n_buses != 2:
        return None
    if (
        broken_down_replaced(r.low) is None
        and IN_PLACE_OF_RE.search(r.low) is None
        and not (
            _BUS_REPLACED_RE.match(r.low)
            and not sig.has_client
            # ("bus 03 ganti bus 01 besok ga jadi", "... kalo bus 01 udh beres": called off,
            # or only if.)
            and not _NOT_SO_RE.search(r.low)
        )
    ):
        return None
    return Intent.UPDATE_BOOKING, 0.88


def _bus_carries_on(r: _Reading) -> Verdict | None:
    """ "kirim bus 02 ke secang buat lanjutin rombongan masjid baitussalam hari ini": a bus
    sent to carry on a client's trip under way is that trip's bus now, never a new booking."""
    sig = r.sig
    if sig.from_crew or r.money or r.question or sig.n_buses != 1 or not sig.has_client:
        return None
    if CARRIES_ON_RE.search(r.low) is None:
        return None
    if sig.has_route and not _CARRY_ON_VERB_RE.search(r.low):
        return None  # "kirim bus 03 buat rombongan bu rina ke solo": a trip of its own
    today = re.search(r"\b(?:hari\s+ini|hr\s+ini|skrg|sekarang|saiki|dino\s+iki)\b", r.low)
    if sig.n_dates and not today:
        return None  # "... buat jemput rombongan pengajiannya tgl 14 ke demak": a trip to come
    return Intent.UPDATE_BOOKING, 0.8


# "buat lanjutin rombongan ...": carrying on a trip under way.
_CARRY_ON_VERB_RE = re.compile(
    r"\b(?:lanjut\w*|nglanjut\w*|ngelanjut\w*|melanjut\w*|nerus\w*|terusin)\b"
)

_NOT_SO_RE = re.compile(
    r"\b(?:ga|gak|nggak|ora|ndak|tidak|tdk)\s+(?:jadi|jd|sido|usah)\b|\bgausah\b|\bbatal\w*"
    r"|\b(?:kalo|klo|kalau|kl|nek|yen|mungkin|tetep|tetap)\b"
)


# "yg bus 01 ganti bus 04", "bus 01 diganti srikandi, mogok": the trip of the bus named
# first takes the other one (the bus said first, the one after "ganti" the new one).
_BUS_REPLACED_RE = re.compile(
    r"\W*(?:(?:yg|yang|sing|trip\s+yg|trip\s+yang|trip\s+sing)\s+(?:pake\s+|pakai\s+|nganggo\s+)?)?"
    r"(?:bus|bis)\s*\w+\s+(?:di)?(?:ganti|gantiin|ganti\s+pake|ganti\s+karo|ganti\s+sama|ganti\s+dgn"
    r"|ganti\s+dengan)\s+(?!oli|ban|aki|kampas|rem|sopir|supir|kernet|driver)"
)


# Work on a bus said to be due, not done: "bus 03 udh 10rb km blm ganti oli", "bus 02 blm
# servis, udh lewat jadwal", "oli bus 01 udh waktunya ganti".
WORK_DUE_RE = re.compile(
    rf"\b(?:{NOT_YET})\s+(?:di)?(?:ganti|servis|service|cek|check|tune\s*up)\b"
    rf"|\b(?:{ALREADY})\s+(?:{_TIME_FOR}|wayahe|jatuh\s+tempo|lewat\s+jadwal|telat\s+servis)\b"
)
WORK_DUE_ASKED_RE = re.compile(rf"\?|\b(?:{WHEN}|{HOW_MUCH}|apa|apakah|{NOT_YET})\W*$")


def _overdue_work(r: _Reading) -> Verdict | None:
    """Work due on a bus, told: a driver's report for the owner to see to (no repair
    done); from the owner or an admin, the bus's state (its service due), unsure."""
    sig = r.sig
    if not sig.has_bus or r.money or sig.has_client or not WORK_DUE_RE.search(r.low):
        return None
    if WORK_DUE_ASKED_RE.search(r.low):
        return None
    return (Intent.REPORT_PROBLEM, 0.8) if sig.from_crew else (Intent.QUERY_BUS_STATUS, 0.6)


# A look asked for: "tolong dicek", "tolong nanti dicek ya", "mohon segera diperiksa".
CHECK_ASKED_RE = re.compile(
    r"\b(?:tolong|tlg|mohon|minta|perlu|prlu|harus|hrs)\s+(?:\w+\s+){0,2}?"
    r"(?:di)?(?:cek|check|periksa|priksa)\w*"
)

# Wondering about a fault, asking nothing: "kok kerasa dalem", "ada yang putus".
_WONDER_RE = re.compile(r"\bkok\b|\bada\s+(?:yg|yang)\b")


# "gmn ini pak", "trus gmn dong", "harus piye iki": a driver in trouble asking what to do,
# said with what is wrong; not a question of how the bus is.
PLEA_RE = re.compile(
    r"\b(?:(?:trus|terus|trs|jadi|jd|harus|hrs|enaknya|baiknya|sebaiknya)\s+)?"
    r"(?:gimana|gmn|gmana|gmna|bagaimana|piye)"
    r"(?:\s+(?:ini|nih|ni|iki|dong|donk|yo|ya|pak|bos|bu|mas))+\b\W*"
    r"|\b(?:trus|terus|trs|harus|hrs|enaknya|baiknya)\s+(?:gimana|gmn|gmana|gmna|piye)\b\W*"
)


# Whether to fix a fault just told, asked closing the message: "sekalian diganti ga?",
# "perlu dibawa ke bengkel gak pak?".
FIX_ASKED_RE = re.compile(
    r"[,.]?\s*\b(?:(?:sekalian|skalian|perlu|mau|langsung|apa)\s+)?(?:di)?(?:ganti|gantiin|benerin"
    r"|betulin|perbaiki|servis|tambal|cek|bawa\s+ke\s+bengkel)(?:\s+(?:baru|aja|sekalian))?"
    r"\s+(?:ga|gak|gk|nggak|ngga|enggak|tdk|ndak|ora|ra)(?:\s+(?:pak|bu|bos|ya|mas))?\W*$"
)


# "..., lusa ke malang aman ga ya?", "masih kuat ga pak?": whether the bus is fit to go,
# asked of the owner after the fault is told.
SAFE_ASKED_RE = re.compile(
    r"(?:\b(?:lusa|besok|bsk|nanti|ntar|tgl\s*\d{1,2}|hr\s+ini|hari\s+ini)\b[^,.?]*?)?"
    r"\b(?:masih\s+|msh\s+|isih\s+)?(?:aman|kuat|layak"
    # "sesuk isih iso budhal ra?": whether it may still go, in Javanese too.
    r"|(?:bisa|bs|iso|isa)\s+(?:jalan|dipake|dipakai|berangkat|brgkt|budhal|budal|narik))"
    rf"\s+(?:{NO}|ra|ora)(?:\s+(?:ya|yah|pak|bu|bos|mas|sih))*\W*$"
)


# "bus 02 aman ta buat rabu? kmrn ... remnya kerasa agak blong": whether the bus is fit to
# go asked first, the fault told after it.
_SAFE_ASKED_FIRST_RE = re.compile(
    r"\b(?:masih\s+|msh\s+|isih\s+)?(?:aman|kuat|layak)\s+(?:ta|to|tho|ga|gak|gk|nggak|ngga"
    r"|ra|ora|kah|ya|ndak|tidak)\b[^?\n]*\?"
)


def fit_to_go_asked(low: str) -> re.Match[str] | None:
    """The fault told, then whether the bus may still go asked (a report for the owner), or
    that asked first and the fault told after it."""
    m = SAFE_ASKED_RE.search(low)
    if m and PROBLEM_RE.search(low[: m.start()]):
        return m
    first = _SAFE_ASKED_FIRST_RE.search(low)
    return first if first and PROBLEM_RE.search(low[first.end() :]) else None


def _workshop_only_asked(low: str) -> bool:
    """ "remnya bunyi, perlu dibawa ke bengkel ga?": the workshop only asked about, closing
    the message; the bus is not said to be there."""
    asked = FIX_ASKED_RE.search(low)
    return bool(asked and "bengkel" in asked.group() and "bengkel" not in low[: asked.start()])


_NO_PROBLEM_RE = re.compile(rf"\b(?:{_NOT})\s+(?:ada\s+)?(?:masalah|trouble|kendala)\b")


def _advice_asked(r: _Reading) -> Verdict | None:
    """ "pak, kalo bus 02 mogok lg di jalan sy hrs gmn?": what to do if something happens,
    asked; nothing has happened and no record answers it."""
    if not r.sig.from_crew or r.money or not news.IF_IT_HAPPENS_RE.match(r.low):
        return None
    return Intent.UNKNOWN, 0.7


# "kalo misal ada yg sewa ke bali 5 hari, kira2 brp ya harganya": a price to quote, asked of
# a trip only supposed; no record holds it.
_QUOTE_ASKED_RE = re.compile(
    r"^\W*(?:(?:pak|bu|mbak|mas|min|eh)\W+)*(?:kalo|kalau|klo|kl|misal|misalnya|seandainya|nek)\b"
    r".*\b(?:harga\w*|tarif\w*|rego\w*)\b"
)


def _quote_asked(r: _Reading) -> Verdict | None:
    # "pak agus mau sewa lg bulan depan, enaknya dikasih harga brp ya?": advice on the price
    # to give, no record's. The client's trips (with what each was worth) help, unsure (a
    # local pattern: its words explain no message to the coverage check).
    to_give = (
        r"\b(?:enak\w*|pantes\w*|pantas\w*|cocok\w*|sebaik\w*|bagus\w*)\s+(?:nya\s+)?"
        r"(?:di)?(?:kasih|kasi|ksh|kasik|pasang|patok|tawarin|tawarkan)\s+(?:harga|hrg|rego)\b"
    )
    if r.question and not r.money and re.search(to_give, r.low):
        return (Intent.QUERY_SCHEDULE if r.sig.has_client else Intent.UNKNOWN), 0.7
    if not r.question or r.money or r.sig.has_client or not _QUOTE_ASKED_RE.search(r.low):
        return None
    if FREE_WORD_RE.search(r.low) or r.sig.n_dates:
        return None  # "kalo tgl 12 ke bandung, bus kosong ga? harganya brp": the free buses
    return (Intent.UNKNOWN, 0.7) if re.search(rf"\b(?:{HOW_MUCH})\b", r.low) else None


def _problem(r: _Reading) -> Verdict | None:
    """ "bus 02 rem bunyi, perlu dicek": a driver's report, not a repair done."""
    sig = r.sig
    # "AC kantor mati", "lampu gudang mati": a part of a building, no bus's fault (a local
    # pattern: its words explain no message to the coverage check).
    place_part = r"\b(?:ac|lampu|pintu|aki)(?:nya)?\s+(?:kantor|rumah|gudang|ruangan|garasi|pool)\b"
    if not sig.has_bus and re.search(place_part, r.low):
        return None
    # "semoga ... bus2 nya aman semua, ga ada yg mogok di jalan": a wish, nothing wrong yet.
    wish = re.search(
        r"\b(?:semoga|smoga|moga2|moga-moga|mudah2an|mudah-mudahan|mugi2|muga2)\b", r.low
    )
    told = r.low[: wish.start()] if wish else ""
    if wish and (
        not PROBLEM_RE.search(_NO_PROBLEM_RE.sub(" ", told)) or _SAID_FINE_RE.search(told)
    ):
        # What a wish hopes for is no report; a fault told before it is, unless said seen
        # to ("agak panas, udh sy cek aman, semoga lancar").
        return None
    # Without a bus, the part that fails must be named ("ac ga dingin, perlu dicek").
    subject = sig.has_bus or sig.has_maintenance_type
    # A driver's breakdown on the road ("bus 02 mogok di tol ngawi, kayane kopling") is his
    # report whatever is wrong; the party he carries ("rombongan pak hendra lg nunggu",
    # "rombongan pkk pd kepanasan") is no client's business of the message.
    road_breakdown = sig.from_crew and breakdown_only(r.low)
    # "bus 04 nggak ada masalah pak aman semua, ... sudah saya cek": all is well, told.
    fault = PROBLEM_RE.search(_NO_PROBLEM_RE.sub(" ", r.low))
    if not (subject and (fault or road_breakdown)) or r.money or _declined_with_reason(r):
        return None
    if sig.has_client and not sig.from_crew:
        return None
    # "mogok, masuk bengkel": the bus's status is what changes. A breakdown said with what
    # is wrong ("bus 01 mogok di muntilan, radiatornya bocor") is a problem reported on the
    # road, passed on as a flat tyre is: the owner decides whether it goes to the workshop.
    # ("rem bus 02 bunyi, besok ga bisa jalan kalo ga dicek dulu": a state only if it stays
    # unfixed, his report all the same.)
    if sig.has_bus_status and not (
        _breakdown_reported(r.low)
        or road_breakdown
        or _workshop_only_asked(r.low)
        or (sig.from_crew and _IF_UNFIXED_RE.search(r.low))
    ):
        return None
    # "... remnya kok kerasa dalem ... tolong dicek pak": a look asked for, no "?", is the
    # report; its "kok" or "ada yang putus" wonders about the fault, it asks nothing. "...
    # belum saya bawa ke bengkel" tells what is not done yet, it asks nothing either.
    question = r.asks
    if question and "?" not in r.low and (asked := CHECK_ASKED_RE.search(r.low)):
        rest = f"{r.low[: asked.start()]} {r.low[asked.end() :]}"
        question = bool(QUESTION_RE.search(_WONDER_RE.sub(" ", rest))) or not PROBLEM_RE.search(
            rest
        )
    told = r.low
    if question and PLEA_RE.search(r.low):
        # "bus 02 mogok di ciamis, ... gmn ini pak": help asked for, no question of the bus.
        question = bool(QUESTION_RE.search(PLEA_RE.sub(" ", r.low)))
    if question and (fix_asked := FIX_ASKED_RE.search(r.low) or fit_to_go_asked(r.low)):
        # "ban serep bus 01 gundul, sekalian diganti ga?": the fault told, the owner asked
        # whether to fix it (no fix done); the report is what the owner reads. "ac nya kok
        # kurang dingin ya, perlu dicek ga?": its "kok" wonders about the fault.
        told = f"{r.low[: fix_asked.start()]} {r.low[fix_asked.end() :]}"
        question = bool(QUESTION_RE.search(_WONDER_RE.sub(" ", told))) or not PROBLEM_RE.search(
            told
        )
    # "..., ga tau apa 🤔": what the fault is, not known (a local pattern: its words explain
    # no message to the coverage check).
    unsure = rf"\b(?:(?:{NO})\s*(?:tau|tahu)|gatau)\s+apa\b"
    if question and sig.from_crew and (_WONDER_RE.search(r.low) or re.search(unsure, r.low)):
        # A driver's "bus 01 ac nya kok kurang dingin ya?": the fault wondered about, asked
        # of nobody; his report all the same.
        wondered = _WONDER_RE.sub(" ", re.sub(unsure, " ", r.low))
        question = bool(QUESTION_RE.search(wondered.replace("?", " ")))
    if (_work_done(told) and not NEEDED_RE.search(told)) or question:
        return None
    # Without a bus named the rules cannot tell a bus name they do not know from other
    # words: under the threshold, so Claude (when set) reads it again.
    return Intent.REPORT_PROBLEM, 0.8 if sig.has_bus else 0.74


# "sopirnya ganti slamet", "kernet diganti wahyu": a trip's crew changed to someone named.
CREW_CHANGED_RE = re.compile(
    rf"\b(?:{DRIVER}|{KERNET})\s+(?:\w+\s+)?(?:{CHANGE}|pake|pakai)\b"
    rf"|\b(?:{CHANGE})\s+(?:{DRIVER}|{KERNET})\b"
)
# "sopirnya slamet" (the name read, so blanked out): the crew member set, no change word.
CREW_SET_RE = re.compile(rf"\b(?:{DRIVER}|{KERNET})\s{{3,}}(?:[,.;\n]|$)")
# Someone put in the place of one who cannot: "pak hendra ganti slamet", "diganti wahyu".
REPLACED_RE = re.compile(r"\b(?:ganti|diganti|gantiin|digantiin|digantikan|pake|pakai)\s+\w")
# "yg ke malang tgl 2", "trip ke bali": a trip named by where it goes, not a new route.
NAMED_BY_DESTINATION_RE = re.compile(r"\b(?:yg|yang|trip|tripnya)\s+ke\b")
# An errand of the sender's own, somewhere he goes: "mudik ke wonosobo", "pulang kampung ke
# brebes", "jenguk ibu ke rs".
ERRAND_RE = re.compile(
    r"\b(?:mudik|pulkam|pulang\s+kampung|nengok|jenguk|kondangan|layat|melayat|ngelayat)"
    r"(?:\s+\w+){0,2}?\s+ke\b"
)


# "masuk rs", "masuk angin": somewhere one goes into, or falls ill; no money comes in.
GONE_INTO_RE = re.compile(
    r"\bmasuk\s+(?:rs|rsud|rumah\s+sakit|igd|ugd|klinik|puskesmas|angin|kerja|sekolah)\b"
)


# "bisa diganti slamet ga?", "gantiin wahyu aja gmn?": who might take the trip instead, asked
# by the one declining it, in a clause of its own. It asks nothing else: still the decline.
STAND_IN = r"(?:di|ng|pe?ng)?(?:ganti|gantiin|gantikan|gantiken|carikan|cariin|cariken)(?:nya)?"
STAND_IN_RE = word_re(STAND_IN)
# Asked, or asked politely ("diganti wahyu nggih", "diganti slamet wae pak").
STAND_IN_ASKED_RE = re.compile(
    rf"[^.,;!?]*\b{STAND_IN}\b[^.,;!?]*(?:\?|\b(?:nggih|ngih|njih|ya+|yah|aja|saja|wae|mawon"
    r"|ga|gak|gk|nggak|ngga|enggak|ndak|tdk|tidak)"
    r"(?:\s+(?:pak|bos|bu|mas))?\s*(?:[.!,]|$))"
)
# The one suggested, named right after the verb ("diganti joko", "gantiin sama mas wahyu"),
# whether or not the PO's team is known to the reader.
STAND_IN_NAME_RE = re.compile(
    rf"\b{STAND_IN}\s+(?:(?:sama|sm|ama|ma|oleh|olh|dgn|dengan|ke)\s+)?"
    rf"(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))\b"
)
# Or named before it: "bisa minta slamet yg gantiin?", "biar wahyu aja yg gantiin ya",
# "pak wahyu bisa gantiin ga?".
STAND_IN_NAME_BEFORE_RE = re.compile(
    r"\b(?P<said>(?:(?:pak|mas|kang|bang|mbak|mba|om|bu)\s+)?(?P<name>[a-z]+))"
    rf"(?:\s+(?:aja|saja|wae|mawon|sj))?\s+(?:yg|yang|sing|bisa|bs|bsa|mau|sanggup|iso|isa)"
    rf"\s+{STAND_IN}\b"
)
# Or offered as a guess, no stand-in verb: "mungkin wahyu bisa", "kayaknya slamet kosong",
# "wahyu mungkin bisa pak" (said after the decline, in a clause of its own).
_GUESS = r"mungkin|mgkn|kayaknya|kyknya|kykny|sepertinya|barangkali|coba|mbok"
STAND_IN_GUESS_RE = re.compile(
    rf"(?:^|[.,;!?]\s*|\b(?:tp|tapi|{_GUESS})\s+)(?:(?:{_GUESS})\s+)?"
    r"(?:(?:tanya|tny|tanyain|hubungi)\s+)?"
    rf"(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))"
    rf"(?:\s+(?:{_GUESS}|aja|saja|wae|sj))*"
    r"\s+(?:bisa|bs|bsa|kosong|ksg|free|nganggur|longgar|mau|gelem)\b"
)
_GUESS_RE = re.compile(rf"\b(?:{_GUESS})\b")
# Or the stand-in verb opening a clause of its own after the decline, no "?" closing it:
# "mungkin bisa diganti bagus", "bisa digantiin sm wahyu".
STAND_IN_OPENS_RE = re.compile(
    # ("nek iso diganti wawan": Javanese "if he can".)
    rf"(?:^|[.,;!?]\s*)(?:(?:{_GUESS})\s+)?(?:(?:nek|kalo|kalau|klo|kl)\s+)?"
    rf"(?:bisa|bs|bsa|biar|tak|iso|isok|isa)\s+{STAND_IN}\s+"
    r"(?:(?:sama|sm|ama|ma|oleh|olh|dgn|dengan)\s+)?"
    rf"(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))\b"
)
# Or named alone in a sentence of its own after the decline: "cak Fandi ae yo" (read "cak
# Fandi aja ya"), "mas wahyu aja pak".
STAND_IN_ALONE_RE = re.compile(
    rf"(?:^|[.,;!?]\s*)(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))"
    r"\s+(?:aja|saja|wae|mawon|sj)(?:\s+(?:ya|yo|yah|ya+|pak|bos|bu|mas|cak|rek))*\s*(?:[.!]|$)"
)
# Or the teammate the day is swapped with: "tukeran libur sm wahyu", "tuker jadwal sama joko".
STAND_IN_SWAP_RE = re.compile(
    r"\b(?:tukeran|tukaran|tuker|tukar|gantian|genten|gentenan)\s+"
    r"(?:(?:libur|liburnya|jadwal|jadwalnya|shift|hari|narik|trip|jatah)\s+)?"
    r"(?:dan|dn|sama|sm|ama|dgn|dengan|karo)\s+"
    rf"(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))\b"
)
# Or the one written to, asked to take the sender's place: "jok gantiin sy tgl 2 ya".
STAND_IN_ADDRESSED_RE = re.compile(
    rf"(?:^|[.,;!?]\s*)(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))"
    rf"\s+(?:(?:tolong|tlg|bisa|bs)\s+)?(?:gantiin|gantikan|gantiken|nggantiin)\s+(?:{ME})\b"
)
# Or the trip given to another, after the decline: "kasih sama Togar aja", "kasih Poltak aja".
STAND_IN_GIVEN_RE = re.compile(
    r"\b(?:kasih|kasihkan|kasihin|serahin|serahkan|lempar)\s+(?:(?:sama|sm|ke|k|ama)\s+)?"
    rf"(?P<said>(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]+))\s+(?:aja|saja|ae|wae|bae)\b"
)
_GUESS_WORDS = frozenset(_GUESS.split("|"))
_NOT_SOMEONE = words(
    "jadwal hari tanggal tgl trip bus bis unit armada jam waktu tempat mereka dia kantor admin"
    " owner bos orang lain siapa yg yang"
)
# Kin, never the teammate stood in for ("istri sakit": the reason of a decline).
_KIN = words("istri istriku bini anak anakku ortu keluarga adik kakak ibu bapak")
_NO_STAND_IN = words(
    """
    ga gak gk g nggak ngga enggak engga tdk ya yah dulu aja dong deh gmn gimana apa siapa sapa
    sp orang org yg lain yang temen teman sopir supir kernet driver lainnya sy saya aku aq gue
    pengganti penggantinya ganti gantiin nggih ngih njih nggeh wae mawon pak bu mas bos
    gw sementara nanti ntar besok bsk lusa kapan dl kah sih
    """
)


@functools.cache
def _not_stand_ins() -> frozenset[str]:
    """Words after "sm ... aja" that are nobody to stand in: family ("sm istri aja") among
    them, kept out of the module's word lists so that coverage never counts them as said."""
    kin = words("istri bojo suami anak anake keluarga mertua ortu ibu bapak adik adek kakak")
    kin |= words("serep cadangan")  # "sm serep aja": a spare bus or driver, nobody named
    return _NO_STAND_IN | STOP_WORDS | _NOT_SOMEONE | kin


# "sy ga bisa ke bali, ada urusan keluarga. sm wahyu aja": the trip left to him, closing.
_STAND_IN_WITH_RE = re.compile(
    rf"[.,;]\s*(?:sm|sama|karo|kalih)\s+{_MATE}\s+(?:aja|saja|sj|wae|ae|mawon)\W*$"
)


def stand_in(low: str) -> str | None:
    """Who a driver declining a trip asks to take it instead ("bisa diganti joko ga?"), as
    written; None when the stand-in is not asked or names nobody ("diganti siapa ya?")."""
    for clause in STAND_IN_ASKED_RE.finditer(low):
        for m in (
            STAND_IN_NAME_RE.search(clause.group()),
            STAND_IN_NAME_BEFORE_RE.search(clause.group()),
        ):
            if m and m.group("name") not in _NO_STAND_IN | STOP_WORDS:
                return m.group("said")
    for m in STAND_IN_OPENS_RE.finditer(low):
        name = m.group("name")
        # "bisa diganti jadwalnya": a thing with its "-nya" changed, no one named.
        thing = name.endswith("nya") or name in _NOT_SOMEONE
        if (
            name not in _NO_STAND_IN | STOP_WORDS
            and not thing
            and DECLINE_RE.search(low, 0, m.start())
        ):
            return m.group("said")
    m = _STAND_IN_WITH_RE.search(low)
    if m and DECLINE_RE.search(low, 0, m.start()) and m.group("name") not in _not_stand_ins():
        return m.group("said")
    for m in STAND_IN_GUESS_RE.finditer(low):
        if (
            m.group("name") not in _NO_STAND_IN | STOP_WORDS | _GUESS_WORDS
            and _GUESS_RE.search(m.group())
            and DECLINE_RE.search(low, 0, m.start("said"))
        ):
            return m.group("said")
    for m in STAND_IN_ALONE_RE.finditer(low):
        if m.group("name") not in _NO_STAND_IN | STOP_WORDS and DECLINE_RE.search(
            low, 0, m.start("said")
        ):
            return m.group("said")
    addressed = STAND_IN_ADDRESSED_RE.search(low)
    if addressed and addressed.group("name") not in _NO_STAND_IN | STOP_WORDS:
        return addressed.group("said")
    swap = STAND_IN_SWAP_RE.search(low)
    if swap and swap.group("name") not in _NO_STAND_IN | STOP_WORDS:
        return swap.group("said")
    given = STAND_IN_GIVEN_RE.search(low)
    if (
        given
        and given.group("name") not in _NO_STAND_IN | STOP_WORDS | _NOT_SOMEONE
        and DECLINE_RE.search(low, 0, given.start())
    ):
        return given.group("said")  # "awak tak bisa, kau kasih sama Togar aja lah"
    return None


# The sender saying who he is: "sy dodi kernet bus 03", "saya sopir bus 02".
OWN_CREW_BUS_RE = re.compile(
    rf"\b(?:{ME})(?:\s+[a-z]+)?\s+(?:{DRIVER}|{KERNET})\s+(?:bus|bis)\s*\w+"
    # "sy ga bisa jd kernet bus 03 lusa": the seat he cannot take, on its bus.
    rf"|\b(?:{ME})\s+(?:{DECLINE_RE.pattern})\s+(?:jd|jadi|nyopir|nyupir)?\s*(?:{DRIVER}|{KERNET})?"
    r"\s*(?:bus|bis)\s*\w+"
)


# A driver asking to be replaced on his trip declines it: "jok gantiin sy tgl 2 ke malang
# ya" (the one addressed takes it), or the crew changed with his own reason ("sopir pkk bsk
# ganti slamet ya pak, sy ga enak badan").
# ("sopir pkk ganti sy aja", "digantiin sy" put the sender in, never out).
REPLACE_ME_RE = re.compile(
    rf"(?<!di)\b(?:gantiin|gantikan|gantiken|nggantiin)\s+(?:{ME})\b"
    # "tgl 7 saya minta diganti sopir lain ya": asked to be replaced, his own trip given up
    # (never "sy mau gantiin slamet", his offer).
    rf"|\b(?:{ME})\s+(?:minta|mohon|tolong|pengen|mau)\s+di(?:ganti|gantiin|gantikan)\b"
)
OWN_REASON_RE = re.compile(
    rf"\b(?:{ME})\s+(?:lagi\s+|lg\s+|sedang\s+|ada\s+)?"
    rf"(?:(?:{_NOT})\s*enak\s+(?:badan|bdn|awak)|sakit|meriang|demam|pusing|opname"
    r"|urusan|keperluan|acara|kondangan|nikahan|layatan|lelayu)\b"
)


def _replaced_on_request(r: _Reading) -> bool:
    """A driver's own trip given up by asking someone take it (REPLACE_ME_RE, OWN_REASON_RE);
    never "ganti sy" said of the one offering himself ("sopir pkk ganti sy aja")."""
    if not r.sig.from_crew:
        return False
    return bool(REPLACE_ME_RE.search(r.low)) or bool(
        (CREW_CHANGED_RE.search(r.masked) or _STAND_IN_PUT_RE.search(r.low))
        and OWN_REASON_RE.search(r.low)
        and not re.search(rf"\b(?:{CHANGE})\s+(?:{ME})\b", r.low)
    )


# "sesok slamet wae sing nyopir pkk, aku ono acara": a teammate put in his place.
_STAND_IN_PUT_RE = re.compile(
    # (Never a time of day: "pagi aja yg jalan pak, sore sy ada acara".)
    rf"\b(?!(?:{ME}|pagi|siang|sore|malam|malem|mbengi|bengi|esuk|isuk|subuh|besok|bsk|sesok"
    r"|lusa|bus|bis|unit)\b)[a-z]{3,15}\s+(?:aja|saja|wae|ae|mawon)\s+(?:yg|yang|sing)\s+"
    r"(?:nyopir|nyupir|nyetir|bawa|narik|jalan)\b"
)


# "sy ga bisa ke malang", "sy ga bisa bawa yg ke borobudur": one's own trip declined.
_TRIP_DECLINED_RE = re.compile(
    rf"{DECLINE_RE.pattern}\s+(?:\w+\s+)?(?:ke|bawa|narik|nyopir|nyupir|nyetir|jalan|jln"
    r"|berangkat|brgkt|brkt|ikut|nganter|ngantar|anter|antar|jemput)\b"
)


# "pak bsk sy ga bisa": the sender himself, a day between at most (not "ac ga bisa dingin").
_SELF_BEFORE_RE = re.compile(
    r"\b(?:sy|saya|aku|aq|kulo)\s+(?:(?:bsk|besok|lusa|tgl\s*\d{1,2}|hr\s+ini|hari\s+ini)\s+)?$"
)


def _declined_with_reason(r: _Reading) -> bool:
    """ "pak bsk sy ga bisa ke malang, msh di borobudur nungguin bus 03 dibenerin", "sy ga
    bisa bawa yg ke borobudur, disuruh jemput bus 01 yg mogok": a driver's own trip declined
    first; the bus named after it (and its fault) is why, no report of his."""
    # ("pak bsk sy ga bisa, bus 02 kan msh di bengkel": declined in so many words.)
    declined = _TRIP_DECLINED_RE.search(r.low)
    bare = DECLINE_RE.search(r.low)
    if declined is None and bare and _SELF_BEFORE_RE.search(r.low[: bare.start()]):
        declined = bare
    if not r.sig.from_crew or declined is None or not OWN_RE.search(r.low, 0, declined.start()):
        return False
    if not (r.sig.n_dates or r.sig.has_route_to):
        return False  # "sy ga bisa jalan pak, bus 02 mogok di tol": stuck on the road now
    if r.sig.has_bus and PROBLEM_RE.search(_NO_PROBLEM_RE.sub(" ", r.low[: declined.start()])):
        # "lampu sein srikandi mati pak, besok ga bisa berangkat kalo blm dibenerin": the
        # fault told first, the trip it stops after it: his report.
        return False
    bus = re.search(r"\b(?:bus|bis|unit)\b", r.low)
    return bus is None or bus.start() > declined.end()


_UNREACHABLE_RE = re.compile(
    rf"\b(?:{_NOT})\s*(?:bisa|bs)\s+(?:di(?:hubungi|hubungin|hub|telp\w*|telf\w*|tlp\w*|kontak\w*)"
    r"|nyambung)\b"
)


def _declines_beside(low: str) -> bool:
    """A decline said beside the unreachability ("..., bsk sy ga bisa narik")."""
    return bool(DECLINE_RE.search(_UNREACHABLE_RE.sub(" ", low)))


_NOT_YET_STRONG_RE = re.compile(r"\b(?:blm|belum|durung)\s*kuat\b")


def _decline(r: _Reading) -> Verdict | None:
    """ "ga bisa narik", "maaf pak tgl 4 saya tidak bisa", "yg ke malang tgl 2 sy ga bisa":
    a driver cannot take a trip. A bus that "gak bisa jalan" is a problem with the bus,
    money "gak bisa bayar" is not this. A decline is one's own: "sopirnya ganti slamet ya,
    joko izin" (the admin) changes the crew of someone else's absence."""
    sig = r.sig
    if (
        not sig.from_crew
        and sig.has_client
        and not OWN_RE.search(r.low)
        and not (sig.other_cannot or sig.unknown_cannot or sig.has_team_member)
    ):
        # "bu dewi ga bisa tgl 4, minta diundur" from the office: the client cannot, no
        # one of the crew declines.
        return None
    off = sig.n_dates > 0 and DAY_OFF_RE.search(r.low)
    asks = r.question and bool(QUESTION_RE.search(_NOT_YET_STRONG_RE.sub(" ", r.low)))
    anyone = sig.from_crew and OWN_RE.search(r.low)
    if (
        asks
        and (sig.has_team_member or stand_in(r.low) or anyone)
        and STAND_IN_ASKED_RE.search(r.low)
    ):
        # "pak sy tgl 7 ga bisa nyopir. bisa diganti slamet ga?": the stand-in is asked,
        # nothing else; so is anyone in his place ("ada yg bisa gantiin?", "bisa dicarikan
        # pengganti?").
        asks = bool(QUESTION_RE.search(STAND_IN_ASKED_RE.sub(" ", r.low)))
    # "joko ga masuk besok" (the owner), "sy bsk ga masuk" (the driver himself).
    own_day = OWN_RE.search(r.low) and sig.n_dates > 0
    absent = (sig.other_cannot or sig.unknown_cannot or own_day) and bool(not_in(r.low))
    requested = _replaced_on_request(r)
    if requested:
        asks = False
    # A driver's "besok belum bisa jalan dulu" (ill): not yet able to drive, said of himself
    # ("rombongan blm bisa berangkat", "bus 02 blm bisa jalan" are others' news).
    not_yet_able = (
        sig.from_crew
        and not sig.has_bus
        and sig.n_dates > 0
        and re.search(
            r"\b(?:blm|belum|durung|dereng)\s+(?:bisa|bs|iso|saged)\s+(?:narik|nyetir|nyopir"
            r"|nyupir|jalan|jln|berangkat|brgkt|ikut|masuk|kerja)\b",
            r.low,
        )
        and not re.search(r"\b(?:rombongan\w*|tamu\w*|penumpang\w*|peserta\w*|klien\w*)\b", r.low)
    )
    gives_up = sig.from_crew and GIVES_UP_TRIP_RE.search(r.low)
    # "joko sakit" from the office: a teammate off sick, his trips to cover.
    sick = sig.other_cannot and not sig.from_crew and SICK_RE.search(r.low)
    if (
        not (
            DECLINE_RE.search(r.low)
            or off
            or absent
            or requested
            or not_yet_able
            or gives_up
            or sick
        )
        or r.money
        or asks
        or r.new_booking
    ):
        return None
    unreachable = _UNREACHABLE_RE.search(r.low) and not sig.other_cannot
    phone_trouble = re.search(
        r"\b(?:hp|hape|lowbat|low\s+bat|batre|baterai|sinyal|pulsa|kuota)\b", r.low
    )
    if unreachable and (sig.has_client or phone_trouble) and not _declines_beside(r.low):
        # "bu lastri yg tgl 10 dibatalin aja, orangnya ga bisa dihubungi", "pak hendra ga
        # bisa ditelpon pak", "hp sy lowbat, kl ga bisa dihubungi ...": someone out of
        # reach, nobody's trip declined ("sy ga bisa dihubungi besok, ada acara keluarga"
        # is a day away).
        return None
    # "sy dodi kernet bus 03 ijin gk bs ikut ...": the bus he crews, said of himself, is no
    # bus of the message's own; nor is one in his reason after the decline.
    bus = sig.has_bus and not (
        (sig.from_crew and OWN_CREW_BUS_RE.search(r.low)) or _declined_with_reason(r)
    )
    by_destination = NAMED_BY_DESTINATION_RE.search(r.low) and not (bus or sig.has_time)
    # "sy lusa ga bisa nderek ke pangandaran": a driver's own trip, named by its day and
    # where it goes.
    # "..., pak wahyu bisa gantiin ga?": the one asked to take it is nobody's client.
    own_trip = (
        sig.from_crew
        and OWN_RE.search(r.low)
        and not (sig.has_client and not (STAND_IN_ASKED_RE.search(r.low) or stand_in(r.low)))
    )
    # "trip bu endah tgl 25 sy ga bisa, mau mudik ke wonosobo": where the sender goes on an
    # errand of his own is his reason, no trip's route.
    # ("joko izin tgl 7, mau kondangan ke purworejo": a teammate's day off passed on, and
    # where he goes; no trip booked.)
    errand = bool(
        (
            (sig.from_crew and OWN_RE.search(r.low))
            or (sig.other_cannot and not (r.money or sig.has_client))
        )
        and ERRAND_RE.search(r.low)
    )
    # "ga bisa narik ke kintamani bsk pak": a driver names his trip by where it goes and
    # its day, "saya" left unsaid (he books nothing).
    his_trip = sig.from_crew and not (sig.has_client or r.money)
    shaped = r.booking_shape and not (by_destination or own_trip or errand or his_trip)
    # "sy bsk ga bisa jalan, anak sy sakit masuk rs": the sender cannot go, no bus and no
    # part of one is named; its "ga bisa jalan" is no bus off the road, its "masuk" (into
    # hospital) no money in.
    himself = OWN_RE.search(r.low) and not (
        FLEET_RE.search(r.low) or sig.has_maintenance_type or PROBLEM_RE.search(r.low)
    )
    # "joko tgl 3 ga masuk, lagi opname": a teammate in hospital, no bus in the workshop.
    passed_on = sig.other_cannot or (sig.unknown_cannot and not sig.from_crew)
    teammate = passed_on and not (FLEET_RE.search(r.low) or sig.has_maintenance_type)
    off_road = sig.has_bus_status and not (himself or teammate or _declined_with_reason(r))
    # A crew member's "masuk angin" / "masuk rs" is where he went, never money in, with or
    # without "sy" ("bsk ga bisa nyetir pak, masuk angin"), and so when his absence is
    # passed on ("slamet ga bisa nyetir, masuk angin").
    said = GONE_INTO_RE.sub(" ", r.low) if himself or sig.from_crew or teammate else r.low
    # "joko ga masuk besok": his "masuk" is to work, no money in.
    paid = PAYMENT_RE.search(NOT_IN_RE.sub(" ", said) if absent else said)
    if bus or off_road or shaped or paid:
        return None
    if requested:
        return Intent.DECLINE_TRIP, 0.8
    if sig.has_driver and CREW_CHANGED_RE.search(r.masked) and not OWN_RE.search(r.low):
        return None
    if sig.has_driver and sig.other_cannot and CREW_SET_RE.search(r.masked) and not r.question:
        # "pkk bsk sopirnya slamet, joko izin": the one put in his place said with it.
        return None
    if sig.other_cannot and not OWN_RE.search(r.low):
        # "wahyu ga bisa narik tgl 2, pak hendra ganti slamet" (the owner): another's
        # absence passed on, with the crew change it calls for read as one. With no one
        # put in his place ("joko izin tgl 4", "slamet besok ga bisa, sakit"), his trips
        # that day are shown and who replaces him asked (query_schedule, detail "absent").
        if sig.from_crew or REPLACED_RE.search(r.masked):
            return None
        return Intent.QUERY_SCHEDULE, 0.85
    if sig.unknown_cannot and not (sig.from_crew or OWN_RE.search(r.low)):
        # "joko izin tgl 8, anaknya nikahan" from the admin: the owner and admins take no
        # trips, so it is someone else's absence passed on, as above; but the one named is
        # no teammate the reader knows (none may be known), so the reading is unsure.
        if REPLACED_RE.search(r.masked):
            return None
        return Intent.QUERY_SCHEDULE, 0.7
    return Intent.DECLINE_TRIP, 0.82


INCOME_ALONE_RE = re.compile(
    r"\s*(?:total\s+|jumlah\s+)?(?:pemasukan|pemasukkan|omzet|omset|pendapatan|penghasilan"
    r"|income|uang\s+masuk)(?:nya)?(?:\s+\w+){1,2}\W*$"
)


# "yg transfer paling gede bulan ini dr siapa": who paid the most, the payments ranked.
PAID_MOST_RE = re.compile(
    r"(?:\b(?:transfer\w*|tf|trf|bayar\w*|pembayaran\w*|masuk|pemasukan\w*)\s+(?:\w+\s+)?"
    rf"(?:{MOST})\b"
    # "yg plg gede bayarnya sapa": the rank said first.
    rf"|\b(?:{MOST})\s+(?:transfer\w*|tf|trf|bayar\w*|pembayaran\w*)\b)"
    r".*\b(?:siapa|sapa|spa)\b"
)


# "udh ada duit masuk blm?": "already ... or not yet?", the closing "blm" a question's tag,
# nothing said to be owed.
ALREADY_OR_NOT_RE = re.compile(
    rf"\b(?:{ALREADY})\b.*\b(?:{NOT_YET})(?:\W+(?:ya|yah|sih|pak|bu|kah|nih|ni))*"
    # ("hari ini udh ada duit masuk blm? brp": and how much, asked after it.)
    rf"(?:\W+(?:{HOW_MUCH}|piro|pira|sing\s+mlebu))?\W*$"
)


# "pendapatan bus 01 bulan ini", "bus 01 omsetnya": the money of one bus (not a bus
# named beside it: "pendapatan bulan ini brp, bus 01 sm bus 02").
_INCOME_WORD = r"(?:pendapatan|omset|omzet|penghasilan|pemasukan)\w*"
_PERIOD_WORD = (
    r"(?:bulan|bln|minggu|mgg|pekan|tgl|tanggal|tahun|thn|selama|jan\w*|feb\w*|mar\w*|apr\w*"
    r"|mei|jun\w*|jul\w*|agu\w*|sep\w*|okt\w*|nov\w*|des\w*)"
)
_INCOME_OF_BUS_RE = re.compile(
    rf"\b{_INCOME_WORD}\s+(?:(?:dari|dr)\s+)?(?:bus|bis)\s*\d{{1,2}}\b"
    r"(?!\s*(?:,|sama|sm|dan|&)\s*(?:bus|bis))"
    rf"|\b{_INCOME_WORD}\s+(?:(?:dari|dr)\s+)?(?!{_PERIOD_WORD}\b)[a-z]{{4,}}\s+{_PERIOD_WORD}\b"
    rf"|\b(?:bus|bis)\s*\d{{1,2}}\s+(?:\w+\s+)?{_INCOME_WORD}"
)


_MONEY_CAME_IN_RE = re.compile(
    r"\b(?:uang|uangnya|duit|duite|duitnya)\s+(?:(?:yg|yang|sing)\s+)?"
    r"(?:(?:udah|udh|sdh|sudah|wis|wes|dah)\s+)?(?:masuk|msk|mlebu)\b"
)


def _income(r: _Reading) -> Verdict | None:
    """ "bulan ini udah masuk berapa?": money received in a period."""
    if PAID_MOST_RE.search(r.low) and not (r.money or r.sig.has_client or r.new_booking):
        return Intent.QUERY_INCOME, 0.85
    # "minggu ini yg bayar sapa aja?": who paid over a period (each payment, its client).
    # (Not of a period to come, "minggu depan yg bayar sapa aja" asks who is due; nor of a
    # cost, "bulan ini uang jalan dr sapa aja".)
    if (
        PAYERS_ASKED_RE.search(r.low)
        and (PERIOD_RE.search(r.low) or r.sig.n_dates)
        and not (r.money or r.sig.has_client or r.new_booking)
        and not re.search(rf"\b(?:depan|dpn|ngarep|{TOMORROW}|{AFTER_TOMORROW})\b", r.low)
        and find_cost_type(r.low) is None
    ):
        return Intent.QUERY_INCOME, 0.85
    # "pemasukan bulan lalu": the noun and a period alone ask as well.
    asks = r.question or re.search(rf"\b(?:{HOW_MUCH})\b", r.low) or INCOME_ALONE_RE.match(r.low)
    # "uang masuk november brp", "omset tgl 1-15": a period named any way.
    period = INCOME_RE.search(r.low) and (PERIOD_RE.search(r.low) or r.sig.n_dates)
    owed = re.search(rf"\b(?:{NOT_YET})\b", r.low) and not ALREADY_OR_NOT_RE.search(r.low)
    # "jadwal bulan depan udh brp yg masuk": how many trips are booked, not money.
    trips_counted = bool(
        re.search(r"\b(?:jadwal|booking|bookingan|order|orderan|trip)\w*\b", r.low)
        and not re.search(
            r"\b(?:uang|duit|pemasukan|omset|omzet|pendapatan|penghasilan|income|setoran)\w*", r.low
        )
    )
    # "uang masuk brp", "duite wis mlebu piro": the PO's takings asked with no period
    # (this month so far), never a client's debt.
    # ("uang masuk dr trip bandung brp": one trip's money, its card answers.)
    came_in = _MONEY_CAME_IN_RE.search(r.low) and not (
        r.sig.has_bus or r.sig.has_team_member or r.sig.has_route or THE_TRIP_RE.search(r.low)
    )
    if came_in and asks and not (period or r.money or r.sig.has_client or owed or trips_counted):
        return Intent.QUERY_INCOME, 0.8
    if period and asks and not (r.money or r.sig.has_client or owed or trips_counted):
        # "pendapatan bus 01 bulan ini brp": one bus's share, as its profit shows it.
        of_bus = r.sig.has_bus and _INCOME_OF_BUS_RE.search(r.low) is not None
        return (Intent.QUERY_PROFIT if of_bus else Intent.QUERY_INCOME), 0.85
    # "bus 01 dapet brp bulan ini": what one bus brought in (a local pattern: its words
    # explain no other message to the coverage check).
    earned = re.search(
        rf"\b(?:dapat|dapet|dpt|dpet|entuk|olih)\s+(?:{HOW_MUCH}|pira|piro)\b"
        r"(?!\s+(?:trip|kali|x|premi|liter|ltr|solar|penumpang|org|orang|hari(?!\s+ini)|km|rit))",
        r.low,
    )
    period = PERIOD_RE.search(r.low) or r.sig.n_dates
    if earned and r.sig.has_bus and period and not (r.money or r.sig.has_client):
        return Intent.QUERY_PROFIT, 0.85
    # "bln ini po dpt brp duit?": what the PO (not a bus, not the sender) took in that period.
    po_earned = re.search(
        r"\b(?:po|kita|perusahaan|kantor)\s+(?:dapat|dapet|dpt|dpet|entuk|olih)\b", r.low
    )
    if earned and po_earned and period and not (r.money or r.sig.has_client or r.sig.has_bus):
        return Intent.QUERY_INCOME, 0.85
    # "bulan ini udh dapet brp", "dr tgl 1 smp hr ini udh dapet brp": what has come in so
    # far, said by the owner of the PO's takings.
    so_far = re.search(rf"\b(?:{ALREADY})\s+(?:dapat|dapet|dpt|entuk|olih)\b", r.low)
    named = r.sig.has_client or r.sig.has_bus or r.sig.has_team_member
    if earned and so_far and period and not (r.money or named):
        return Intent.QUERY_INCOME, 0.8
    return None


# "abis dr bali", "baru pulang dari malang": where the bus just came back from, an aside
# to a reading, never the route of a new trip.
JUST_BACK_RE = re.compile(
    r"\b(?:abis|habis|hbs|baru|br|pulang|balik)\s+(?:(?:pulang|balik)\s+)?(?:dari|dr)\s+\w+"
    # ("km srikandi 201.450 pak br nyampe pool": back at the home base.)
    rf"|\b(?:{ARRIVE})\s+(?:di\s+)?(?:pool|garasi|garase|kandang)\b"
)


# An odometer's figure (thousands: "151.820", "151820"), never a toll road's marker ("rest
# area km 379").
_READING_ALONE_RE = re.compile(
    r"\b(?:km|odo|odometer|kilometer)\b.*?(?<![\d.,])(?:\d{1,3}(?:[.,]\d{3})+|\d{4,7})\b"
)


_STARTING_KM_RE = re.compile(r"\b(?:km|odo|odometer|kilometer)\s+(?:awal|berangkat|brgkt|start)\b")


def _only_looked_at(low: str) -> bool:
    """ "oli bus 02 udh sy cek": a part looked at, no work done on it."""
    return bool(_ONLY_LOOKED_AT_RE.search(low)) and not _WORK_VERB_RE.search(low)


def _odometer(r: _Reading) -> Verdict | None:
    """ "bus srikandi km 197.850": a reading of the odometer, nothing else ("km srikandi
    198750 abis dr bali": where it came back from is an aside; "..., wis tak cek oli ban
    aman": parts only looked at)."""
    sig = r.sig
    parts_only_looked_at = sig.has_maintenance_type and _only_looked_at(r.low)
    reading = (
        sig.has_odometer
        and sig.has_bus
        and not r.money
        and (not sig.has_maintenance_type or parts_only_looked_at)
    )
    routed = sig.has_route and not (sig.n_dates == 0 and JUST_BACK_RE.search(r.low))
    if reading and not (sig.has_client or routed or r.question):
        return Intent.RECORD_ODOMETER, 0.9
    if reading and sig.from_crew and not r.question and _STARTING_KM_RE.search(r.low):
        # "otw jemput rombongan pak hendra. km awal bus 02 151.200": the trip he sets off
        # on named, and its starting reading told.
        return Intent.RECORD_ODOMETER, 0.85
    if reading and routed and sig.from_crew and not (sig.has_client or r.question):
        # "pak km bus 03 151.820, bsk sy bawa ke borobudur": the reading in its own clause,
        # where the bus goes next an aside after it.
        head = re.split(r"[,;\n]|\.(?!\d)", r.low, maxsplit=1)[0]
        # (Local patterns: their words explain no message to the coverage check.)
        where = re.search(r"\b(?:ke|dari|dr|k|rest\s+area|tol|ruas|exit|gerbang)\b", head)
        if _READING_ALONE_RE.search(head) and not where:
            return Intent.RECORD_ODOMETER, 0.85
    # "km skrg 128.400" from a driver: his bus's reading (the bus he drives today).
    bare = sig.has_odometer and not (sig.has_bus or r.money or sig.has_maintenance_type)
    if bare and not (sig.has_client or sig.has_route or sig.n_dates or r.question):
        return Intent.RECORD_ODOMETER, 0.85
    return None


# "nunggu mutasi dulu, blm masuk kayaknya": waiting for the bank (or someone) before
# going on, said, not asked: its "blm" is no question.
WAITING_RE = re.compile(
    r"\b(?:nunggu|nungguin|tunggu|tungguin|menunggu)\s+(?:\w+\s+){0,2}?"
    r"(?:dulu|dl|mutasi|mutasinya|konfirmasi|kabar|masuk)\b"
)
# "udh dp brp", "sdh bayar brp", "udh lunas blm" about trips: what they have paid.
PAID_ASKED_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:dp|bayar|byr|dibayar|lunas|transfer|tf)\b"
    rf"|\b(?:dp|dpnya|bayar|dibayar|tf)\s+(?:\w+\s+)?(?:{HOW_MUCH})\b|\blunas\s+(?:{NOT_YET})\b"
    # "dp nya udh masuk brp": what came in of it.
    rf"|\b(?:dp|dpnya|bayar|tf)\s+(?:nya\s+)?(?:(?:{ALREADY})\s+)?(?:masuk|msk)\s+(?:{HOW_MUCH})\b"
)
# "karang taruna udh dp?", "pak hendra dp nya udh masuk?": whether a DP was paid.
# "bu rina terakhir bayar kapan", "kapan terakhir dia tf", "pembayaran terakhirnya tgl brp":
# the day of the client's latest payment asked, not the trip.
_PAID_WORD = r"bayar|byr|tf|transfer|trf|nyicil|dp|setor|pembayaran|pembayarannya|bayarnya"
_LAST = r"terakhir|trakhir|terahir|terakhirnya|trakhirnya"
LAST_PAID_ASKED_RE = re.compile(
    rf"\b(?:{_LAST})\s+(?:kali\s+)?(?:\w+\s+){{0,2}}(?:{_PAID_WORD})\b"
    rf"|\b(?:{_PAID_WORD})\s+(?:\w+\s+)?(?:{_LAST})\b"
)
DP_ASKED_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:{DP})\b"
    # "pak yusuf udh tf dp blm", "dp bu rina 2jt udh masuk blm ya": whether it came.
    rf"|\b(?:{ALREADY})\s+(?:tf|transfer|bayar|byr|ngasih|ngasi|kasih|ngirim|kirim|setor|nyetor)"
    rf"\s+(?:{DP})\b"
    rf"|\b(?:{DP})\b.*\b(?:{ALREADY})\s+(?:masuk|msk|diterima|ditf|ditransfer)\s+(?:{NOT_YET})\b"
    # "pak agus blm dp?": asked, closing the message.
    rf"|\b(?:{NOT_YET})\s+(?:{DP})(?:\s+(?:ya|yah|kah|kan|to|tho))?\s*(?:\?|$)"
    rf"|\b(?:{DP})\s+(?:nya\s+)?(?:{ALREADY})\s+(?:masuk|ada|dibayar|bayar|tf|transfer)\b"
    # "mrk udh ada dp nya blm": whether there is a DP at all.
    rf"|\b(?:{ALREADY})\s+(?:ada|masuk)\s+(?:{DP})\b"
)
# "pak agus blm dp, nanti tf besok": no DP yet, only promised: what the client owes is
# shown (the promise itself is recorded when the money comes), never a new booking for
# the promise's day.
DP_NOT_YET_PROMISED_RE = re.compile(
    rf"\b(?:{NOT_YET})\s+(?:{DP})\s*[,.]?\s*(?:tapi\s+|tp\s+)?"
    r"(?:nanti|ntar|ntr|katanya|ktnya|katane|jare|mau|baru|janji|rencana|rencananya)\b"
)


# Facts of a trip asked: how many days, which bus, when, who drives, where it picks up.
TRIP_FACT_ASKED_RE = re.compile(
    rf"\b(?:{HOW_MUCH})\s+hari\b|\b(?:bus|busnya|bis)\s+(?:\w+\s+)?(?:apa|mana|yg\s+mana)\b"
    # "pak bowo tgl 16 bawa bus brp?", "bus nomer brp": which bus, by its number.
    r"|\b(?:bawa|bw|pake|pakai|pegang)\s+(?:bus|bis)\s+(?:no\.?\s*|nomer\s+|nomor\s+)?(?:brp|berapa)\b"
    r"|\b(?:bus|bis)\s+(?:no|nomer|nomor)\s+(?:brp|berapa)\b"
    rf"|\b(?:{WHEN}|jam\s+(?:{HOW_MUCH}))\b|\b(?:sopir|supir|kernet)\w*\s+(?:sapa|siapa)\b"
    rf"|\b(?:yg|yang)\s+(?:{DRIVES})\b"
    r"|\b(?:jemput|jemputnya)\s+(?:dmn|dimana|di\s+mana)\b"
    # "karang taruna blm ada busnya ya?", "busnya udh dipasang?": whether it has its bus.
    rf"|\b(?:{NOT_YET}|udh|udah|sudah|sdh)\s+(?:(?:ada|{GOT})\s+)?(?:bus|bis)(?:nya)?\b"
    rf"|\b(?:bus|bis)(?:nya)?\s+(?:{NOT_YET}|udh|udah|sudah|sdh)\s+"
    rf"(?:ada|ditentukan|diisi|{GOT}|dipasang)\b"
)


# "pesertanya bu dewi brp org?", "rombongan pak hendra brp orang": how many travel, asked
# (not "brp orang ya? 45 katanya": asked, then told).
PASSENGERS_ASKED_RE = re.compile(
    rf"\b(?:peserta|penumpang)(?:nya)?\b[^?]*?\b(?:{HOW_MUCH})\b"
    rf"|\b(?:{HOW_MUCH})\s+(?:org|orang|peserta|penumpang|pax)\b"
)


def by_destination_asked(r: _Reading) -> bool:
    """A fact asked of a trip named by where it goes ("yg ke bandung brp hari")."""
    named = r.sig.has_route_to and BY_DESTINATION_RE.search(r.low)
    return bool(named and TRIP_FACT_ASKED_RE.search(r.low))


def _waiting(r: _Reading) -> Verdict | None:
    unsettled = PRICE_UNSETTLED_RE.search(r.low)
    waits = WAITING_RE.search(r.low)
    # Told with what only a booking has (its bus or buses, its hour), never a trip named by
    # its day and place alone ("bu dewi tgl 4 ke pangandaran harganya blm fix").
    whole_trip = r.sig.has_route and r.sig.n_dates > 0
    told = whole_trip and bool(
        r.new_booking or r.sig.has_bus or r.sig.has_time or BUSES_COUNTED_RE.search(r.low)
    )
    for_price = unsettled and waits and unsettled.start() < waits.start()
    if told and for_price and not (_TENTATIVE_RE.search(r.low) or _STILL_OPEN_RE.search(r.low)):
        # "... bus 02, jemput jam 5. harga blm fix, nunggu kabar": booked, its price to come
        # (never "bu tari tanya 2 bus ...", nor a trip named by its day and place alone).
        return None
    if WAITING_RE.search(r.low) and not (ASKS_RE.search(r.low) or r.money):
        return Intent.UNKNOWN, 0.7
    return None


# "nunggu kabar dulu", "nunggu konfirmasi jadi/ngga", "baru dicatat": not decided yet.
_STILL_OPEN_RE = re.compile(
    r"\b(?:dulu|dl|konfirmasi|baru\s+dicatat|jadi\W*(?:ngga|nggak|ga|gak|tidak|enggak))\b"
)
# "bu tari tanya 2 bus", "rencana 2 bus": an enquiry or a plan, nothing booked.
_TENTATIVE_RE = re.compile(r"\b(?:tanya|nanya|nanyain|rencana|rencananya|kayaknya|mungkin)\b")
# "harga blm fix", "harganya nyusul": a booking's price not agreed yet.
PRICE_UNSETTLED_RE = re.compile(
    rf"\bharga\w*\s+(?:\w+\s+)?(?:{NOT_YET}|nyusul|menyusul|masih\s+nego)\b"
)


# Whether a trip is still on, asked: "bu dewi jumat jd kan?", "pak hendra jadi ya?", "trip
# tgl 12 jd ga". Its "jadi" asks; it changes nothing.
# The words a yes-or-no question closes with: "jadi ga?", "batal blm", "lunas kah".
_TAG = rf"{NO}|{NOT_YET}|kah"
STILL_ON_ASKED_RE = re.compile(
    rf"\b(?:jadi|jd)\s+(?:(?:{_TAG}|kan)\b[^\w?]*(?:\?|$)|(?:ya|yah|to|toh|tho)\b[^\w?]*\?)"
    # "bu dewi tetep jumat kan?": still as it is, checked (never "tetep tgl 2 aja", kept).
    r"|\b(?:tetep|tetap|ttp|masih|msh)\s+(?:(?!(?:aja|saja|ae|wae)\b)\w+\s+){0,3}?"
    r"(?:kan|kn|bukan|to|toh|tho)\b[^\w?]*\?"
)


# A driver checking where his trip picks up: "tempatnya ttp di balai desa kan?",
# "jemputnya masih di terminal jombor ya?" (a tag or a question mark closes it).
PLACE_CHECKED_RE = re.compile(
    r"\b(?:tempat|tempatnya|lokasi|lokasinya|titik|titiknya|jemput\w*|dijemput|kumpul\w*)"
    r"\s+(?:(?:tetap|tetep|ttp|masih|msh|jg|juga|tetap\s+aja)\s+)?di\s+\w[^?]*?"
    r"(?:\b(?:kan|kn|bukan|bkn|toh|tho)(?:\s+(?:pak|bu|mas|mbak|bos|min|ya))?\b[^\w?]*\??|\?)\s*$"
)


BUS_CHECKED_RE = re.compile(
    r"^\W*(?:pak\s+|bu\s+|mbak\s+|mas\s+)?(?:bus|bis)\s?(?:nya|e|ne)\s+(?:(?:pake|pakai)\s+)?"
    r"(?:bus|bis)?\s*\w+\s+(?:to|kan|kn|ya|toh|tho|ta|nggih|bukan|bkn)\b"
    r"\W*(?:(?:pak|bu|mbak|mas|bos|min)\W*)?"
    # ("busnya bus 04 ya pak yg ke dieng?", "... besok?": which trip, said after.)
    r"(?:(?:yg|yang)\s+(?:ke\s+)?\w+|besok|bsk|lusa|(?:yg\s+|yang\s+)?tgl\s+\d+)?\W*\?\s*$"
)


WEATHER_ASKED_RE = news.WEATHER_RE
SCHEDULE_WORD_RE = word_re(
    r"jadwal\w*|jdwl|brgkt|berangkat\w*|brkt|trip\w*|jalan|booking\w*|jemput\w*|sopir\w*"
    r"|supir\w*|bus\w*|kosong|pulang\w*"
)


def service_due_of_fleet(low: str, bus_named: bool) -> bool:
    """The services coming due across the fleet asked ("bus mana yg udh waktunya servis",
    "yg sebentar lg ganti oli apa aja"); a bus named only as the one set aside ("abis bus
    01, bus mana lg ...", "selain bus 01") asks of the others. The caller knows a job is
    named and a question asked."""
    if bus_named and not OTHER_BUSES_RE.search(low):
        return False
    return bool(SERVICE_DUE_RE.search(low) or SERVICE_SOON_RE.search(low))


# "jadi tambah bus ga?", "jd diundur?", "jadi ganti tgl blm": whether a change was made,
# asked (closed by a question mark or its "or not").
CHANGE_DONE_ASKED_RE = re.compile(
    r"\b(?:jadi|jd)\s+(?:(?:di)?(?:tambah|nambah|ganti|pindah|undur|mundur|maju|majuin|ubah"
    r"|rubah|geser|naik|turun)\w*)\b"
    rf"[^.!?,]*?(?:\?|\b(?:{NO}|{NOT_YET})\W*$)"
)


# "tgl 24 ada bus kosong ga? ada yg nanya ke bali nawar 25jt": the enquiry told after the
# question is why it is asked; its place and money book nothing.
_ENQUIRY_AFTER_RE = re.compile(
    r"\?\s*(?:soalnya\s+|krn\s+|karena\s+)?ada\s+(?:yg|yang|org|orang|calon|klien|tamu)\b"
)


# "ada bus kosong ga", "bus yg nganggur ada gak?": whether one is free, asked.
_FREE_ASKED_RE = re.compile(
    r"\b(?:kosong|nganggur|free|available|lowong)\s*(?:ga|gak|gk|nggak|ngga|enggak|tidak|ndak"
    r"|ora|nda|nggih|to|kah|\?)(?=\s|[?,.!]|$)"
)


# "jemputnya mundur jd jam 8", "berangkatnya dimajuin ke jam 5": the hour moved.
_TIME_MOVED_RE = re.compile(
    r"\b(?:jemput|jemputnya|berangkat|berangkatnya|brgkt|brgktnya)\s+(?:\w+\s+)?"
    r"(?:mundur|maju|diundur|dimajukan|dimajuin|dimundurin)\s+"
    r"(?:(?:jadi|jd|ke)\s+)?(?:jam|jm|pukul|pkl)\s*\d"
    r"(?![^,.]*\b(?:apa|atau|ato|kan|bisa\s+ga\w*|bs\s+ga\w*)\b)"
)
_SAID_FINE_RE = re.compile(r"\b(?:aman|normal|beres|udh\s+ga|udah\s+ga|udh\s+gak|sudah\s+tidak)\b")
# "kpn terakhir diservis", "servis terakhir kapan", "terakhir ganti oli": the last service.
_LAST_SERVICE_RE = re.compile(
    r"\b(?:terakhir|trakhir|terahir)\s+(?:di)?(?:servis|service|ganti\s+oli|cek|dicek)\b"
    r"|\b(?:di)?(?:servis|service)\s+(?:terakhir|trakhir|terahir)\b"
)


_NO_BUS_YET_RE = re.compile(
    rf"\b(?:{NOT_YET})\s+(?:ada|dapet|dapat|dpt)\s+(?:bus|bis|armada|unit)(?:nya)?\b"
    r"(?!.*\b(?:kosong|nganggur|free|siap|ready|sisa|bisa|dipake|dipakai|masuk|bengkel|tambahan)\b)"
)


# A driver checking the trip he takes: "sy bawa ... ke bandung to?", "sy yg narik kan?".
_OWN_TRIP_ASKED_RE = re.compile(
    rf"\b(?:{ME})\s+(?:yg\s+|yang\s+)?(?:bawa|narik|nyopir|pegang|jalan|brgkt|berangkat)\b"
    r"[^?]*?\b(?:to|kan|ya|toh|tho|ta|nggih|gk|ga|bukan)\s*\?"
)
# "tgl 9 sy bawa bus opo pak, bus 02 kan neng bengkel": which bus he drives that day; a bus
# named beside it is why he asks, not the bus whose trips are asked.
WHICH_BUS_DRIVEN_RE = re.compile(
    rf"\b(?:{ME})\s+(?:bawa|pegang|nyopir|pake|pakai)\s+(?:bus|bis)\s+"
    r"(?:opo|apa|apaan|endi|mana|yg\s+mana|yang\s+mana|no\s+brp|nomer\s+brp|nomor\s+brp)\b"
)


# "srikandi aman kan tgl 10-12?", "bus 03 kosong ga tgl 5-7": a bus free over days, asked.
_SAFE_ASKED_RE = re.compile(r"\b(?:aman|kosong|free|nganggur|available|lowong|longgar)\b")


# "kalo kernet?", "klo kernetnya?": the kernet asked after, nothing else said.
_KERNET_ALONE_RE = re.compile(
    r"\s*(?:kalo|klo|kalau|kl|kalu|trs|terus)\s+(?:kernet|kenek)(?:nya|e)?\s*\?+\s*"
)


# A day in what is asked (a bus's number is no day): "bus 02 kapan servis lg tgl 5?".
_DAY_IN_ASKED_RE = re.compile(
    r"\d|\b(?:besok|bsk|lusa|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|tgl|tanggal)\b"
)


def _day_only_after_asked(low: str) -> bool:
    """ "bus 02 kapan servis lg? rabu mau dipake ke malang": the day is in the remark after
    the question (why it is asked), not in what is asked."""
    asked, mark, remark = low.rpartition("?")
    if not mark or not remark.strip() or QUESTION_RE.search(remark):
        return False
    return not _DAY_IN_ASKED_RE.search(re.sub(r"\b(?:bus|bis)\s*\d+", " ", asked))


def _problem_what_now(r: _Reading) -> Verdict | None:
    """ "pak bus 02 kopling e jebol, lagi tak gowo neng bengkel. lusa kan trip pak yusuf,
    piye?": a crew member's problem with a bus, what now asked of it: his report (the owner
    and admins hear it), never the schedule he names."""
    what_now = r"\b(?:piye|pripun|gmn|gimana|gmana|kumaha)\W*$"  # local: no coverage word
    sig = r.sig
    if (
        sig.from_crew
        and sig.has_bus
        and sig.has_maintenance_type  # a part of the bus named: "kopling e jebol"
        and not r.money
        and PROBLEM_RE.search(r.low)
        and re.search(what_now, r.low)
        and not _work_done(r.low)
    ):
        return Intent.REPORT_PROBLEM, 0.8
    return None


def _own_pay_or_leave(r: _Reading) -> Verdict | None:
    """A crew member's own pay or leave asked ("jatah libur sy bulan ini masih brp hari",
    "THR kapan cair", "sy bs ambil cuti 3 hari abis lebaran ga?"): nothing Keloia keeps,
    never his schedule nor the season ("besok sy narik kmn? sekalian ambil gaji" asks the
    schedule). Local patterns: their words explain no message to the coverage check."""
    own_pay = r"\b(?:jatah\s+(?:libur|cuti)|cuti|thr|gaji|gajian|kasbon|slip\s+gaji)\b"
    trip_asked = r"\b(?:narik|jadwal\w*|trip\w*|kemana|kmn|brgkt|berangkat|jemput\w*)\b"
    if re.search(
        r"\b(?:kasbon|kas\s+bon|ngebon|(?:pinjem|pinjam)\s+(?:uang|duit))\b", r.low
    ) and not re.search(
        r"\b(?:bus|bis|unit|dp|pelunasan|lunas\w*|tf|transfer|solar|tol|parkir|uang\s+jalan"
        r"|premi|makan|nitip|titip)\b",
        r.low,
    ):
        # "pak bs minta kasbon 500rb ga buat bayar sekolah anak": an advance on a crew
        # member's pay, asked or given, is no client's money (nothing Keloia keeps).
        return Intent.UNKNOWN, 0.7
    asked = r.question or re.search(r"\b(?:brp|berapa|kapan|piro|pira|sabaraha)\b", r.low)
    day = r"\b(?:besok|bsk|lusa|sesuk|tgl|tanggal|senin|selasa|rabu|kamis|jumat|sabtu)\b"
    if not (r.sig.from_crew and asked) or r.money or re.search(day, r.low):
        return None  # ("sy cuti besok, yg gantiin sy siapa?": his day off, told)
    # ("bulan depan rame ga pak? pengen ambil cuti sehari": the season asked, the leave why.)
    asked_of = asked_part(r.low)
    if re.search(own_pay, asked_of) and not re.search(trip_asked, r.low):
        return Intent.UNKNOWN, 0.7
    return None


# After the question, the sender's own errand: "aku kosong ra? arep kondangan ning solo".
OWN_ERRAND_AFTER_RE = re.compile(
    r"\?\s*(?:(?:pak|bu|mas|mbak|soale|soalnya|krn|karena)\s+)?(?:sy\s+|aku\s+|saya\s+)?"
    r"(?:arep|mau|mo|meh|ameh|pengen|pgn)\s+(?:kondangan|nikahan|kawinan|mantenan|layat|takziah"
    r"|pulang|mudik|bali|nengok|jenguk|ngeterke|nganter|nganterin|acara)\b"
)
# "aku budal dewe po piye", "brgkt sendiri atau gimana": what to do, asked as "or how?".
# "sopir bus 03 besok sapa? joko apa gimana?": who is asked, its "apa gimana" a tag.
WHO_ASKED_RE = re.compile(r"\b(?:sapa|siapa|sp|sopo|sinten|sapose)\b")
_OR_WHAT_RE = re.compile(
    r"\b(?:po|opo|apa|ap|atau|ato|apa\s+ya)\s+(?:piye|kepiye|pripun|gimana|gmn|gmana|bagaimana)\b"
)


# "lha sampeyan wes mangan?": after the person asked, no meal of a trip.
_HOW_ARE_YOU_RE = re.compile(
    r"\b(?:sampeyan|sampean|njenengan|panjenengan|kowe|awakmu|km|kamu|situ|anda)\s+(?:\w+\s+)?"
    r"(?:wes|wis|uwis|udah|udh|sudah|sdh|dah|dereng|durung|blm|belum)\s+"
    r"(?:makan|mangan|maem|dahar|sarapan|ngopi|istirahat|tidur|turu|sholat|solat|mandi|adus)\b"
    # ("bu sari udh makan blm? 😄": asked of someone named, or of nobody, and nothing else.)
    r"|^\W*(?:(?:pak|bu|mbak|mba|mas|bos|kak)\s+[a-z]+\s+)?(?:wes|wis|uwis|udah|udh|sudah|sdh"
    r"|dah)\s+(?:makan|mangan|maem|dahar|sarapan|ngopi|istirahat|tidur|turu|sholat|solat"
    r"|mandi|adus)\s+(?:blm|belum|durung|dereng|lom|lum)\W*(?:(?:pak|bu|mbak|mas|bos)\W*)?$"
)


_HIRE_RE = re.compile(r"\b(?:sewa|nyewa|nyewo|nyewani|carter|charter|rental|booking)\b")


def _question(r: _Reading) -> Verdict | None:
    sig, low = r.sig, r.low
    if (sig.has_team_member or sig.has_driver) and r.question and WHO_STANDS_IN_RE.search(low):
        # "sopo sing iso nggantike joko tgl 7-9": who is free to take his place those days.
        return Intent.QUERY_FREE_BUSES, 0.85
    if (
        not sig.from_crew
        and re.search(r"\b(?:sopir|supir|driver|kru|crew)\w*", low)
        and re.search(r"\b(?:dimana|dmn|di\s+mana|posisi\w*|neng\s+ndi|nang\s+ndi)\b", low)
        and not (sig.has_client or sig.has_bus or r.money)
    ):
        # "sopir2 pada dimana skrg?": where the crew are, today's trips say.
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.has_team_member and re.search(
        r"\b(?:bawa|bw|pake|pakai|nyopir|nyupir|megang)\s+(?:bus|bis)\s+(?:apa|mana|brp|berapa|opo)\b",
        low,
    ):
        # "slamet bawa bus apa?": the bus of his trip, asked.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.has_team_member
        and not (sig.has_client or r.money)
        and re.search(
            r"\b(?:bawa|bw|megang|pegang)\s+(?:rombongan\w*|tamu\w*|trip\w*|klien\w*|penumpang\w*)"
            r"\s+(?:siapa|sapa|sp|sopo|apa|mana|mn|endi|ngendi|kemana|kmn)\b",
            low,
        )
    ):
        # "slamet saiki nggowo rombongan sopo": whose trip he is on, asked.
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.from_crew and re.search(
        # ("aku nyopir kapan wae siap": any time, told.)
        r"\b(?:nyopir|nyupir|nyetir)\b(?:\s+\w+)?\s+(?:kapan|kpn)\b(?!\s+(?:wae|aja|saja|ae|pun))"
        r"|\b(?:kapan|kpn)\s+(?:\w+\s+)?(?:nyopir|nyupir|nyetir)\b",
        low,
    ):
        # "trus sing aku nyopir dewe kapan": his own next trips, asked.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.from_crew
        and not sig.n_dates
        and not re.search(r"\b(?:kapan|kpn|jam\s+(?:brp|berapa))\b", low)
        and re.search(
            r"\b(?:bales|balas|jawab|respon)\w*\s+(?:apa|gimana|gmn|bagaimana|piye)\b", low
        )
    ):
        # "kalau nanti dapat jadwal saya harus bales apa ya?": how a notice is answered
        # (assistant.smalltalk says), no schedule asked.
        return Intent.UNKNOWN, 0.7
    if re.search(
        r"\b(?:kurang|kelebihan|lebih|kelewat)\s+(?:\w+\s+)?(?:angka\w*|digit\w*|nol)\b", low
    ):
        # "kok kayane kurang siji angka": a number misread, no money owed.
        return Intent.UNKNOWN, 0.6
    if sig.from_crew and OFFER_RE.search(low) and PUT_FORWARD_RE.search(low):
        return None  # "... dereng wonten kernet to? kulo mawon pak": asked, then offered
    if (
        CREW_WORD_RE.search(low)
        and FREE_ONES_RE.search(low)
        and not (sig.has_client or sig.has_bus or sig.has_route or r.money or sig.n_dates)
    ):
        return Intent.QUERY_FREE_BUSES, 0.8  # "kalo sopirnya yg kosong siapa?": free crew
    if _KERNET_ALONE_RE.fullmatch(low) and not sig.from_crew:
        # "kalo kernet?" with nothing asked before it: the one crew question it goes on
        # from is who is free (after a schedule it asks that trip's kernet: followup.py).
        return Intent.QUERY_FREE_BUSES, 0.8
    if sig.from_crew and PLACE_CHECKED_RE.search(low) and not (r.money or sig.has_bus):
        # His own trip's pickup, asked as a check: the place recorded answers it.
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.from_crew and BUS_CHECKED_RE.search(low) and not r.money:
        # "bus e bus 04 to pak?": his trip's bus, asked as a check; his trip answers it.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.from_crew
        and (_OWN_TRIP_ASKED_RE.search(low) or WHICH_BUS_DRIVEN_RE.search(low))
        and not r.money
        and not PROBLEM_RE.search(_NO_PROBLEM_RE.sub(" ", low))
    ):
        # "pak tgl 7 sy bawa rombongan sd ke bandung to? pake bus apa, jemput dmn": his own
        # trip's card (its bus, pickup and hour), not the fleet's status.
        return Intent.QUERY_SCHEDULE, 0.85
    still_on = STILL_ON_ASKED_RE.search(low)
    enquiry = _ENQUIRY_AFTER_RE.search(low)
    if enquiry and FREE_WORD_RE.search(low, 0, enquiry.start()) and FLEET_RE.search(low):
        # "tgl 24 ada bus kosong ga? ada yg nanya ke bali nawar 25jt": the free buses; the
        # enquiry after the question is why it is asked, its place and money book nothing.
        return Intent.QUERY_FREE_BUSES, 0.85
    free_asked = _FREE_ASKED_RE.search(low)
    enquiry_said = re.search(
        r"\b(?:nanya\w*|tanya\w*|takon\w*|kalo\s+ada|klo\s+ada|kalau\s+ada)\b", low
    )
    # "tgl 24 ada bus kosong ga? ke bali nawar 25jt": a general question, no client named.
    bare = not (r.money or sig.has_route) or not (sig.has_client or sig.has_bus)
    if (
        free_asked
        and sig.n_dates
        and (enquiry_said or bare)
        and FLEET_RE.search(low)
        and not BOOKED_WORD_RE.search(low)
        and not re.search(r"\b(?:catat|catet|input)\w*", low)
    ):
        # "bu dewi nanya tgl 27 ada bus kosong ga, kalo ada mau ke solo", "ada yg nanya tgl
        # 24 ada bus kosong ga? mau ke bali nawar 25jt": whether a bus is free, asked for
        # an enquiry; where it would go and the money offered book nothing yet.
        return Intent.QUERY_FREE_BUSES, 0.85
    if not (r.question or still_on) or r.money:
        return None
    to_record = PRICE_UNSETTLED_RE.search(low) or re.search(r"\b(?:di)?(?:catat|catet)\w*", low)
    # ("bisa dicatat dulu? harga blm fix": the request to record it put as a question.)
    record_asked = re.sub(r"(?:catat|catet)\w*(?:\s+(?:dulu|dl|ya|yaa|ya\s+pak))*\s*\?", " ", low)
    asked_else = QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", record_asked))
    if r.booking_shape and not asked_else and to_record:
        # "... jemput di sekolah jam 20.00. tolong dicatat dulu, harga blm deal": a booking
        # told, its "blm" of the price (_create).
        return None
    if _NO_BUS_YET_RE.search(low) and not (sig.has_bus or sig.has_client or sig.n_dates):
        # "yg blm ada busnya apa aja?": the trips still lacking a bus (detail no_bus); "ga
        # ada bus yg kosong?" asks of the fleet.
        return Intent.QUERY_SCHEDULE, 0.8
    if "?" not in low and _TIME_MOVED_RE.search(low):
        return None  # "jemputnya mundur jd jam 8 ya, gurunya blm lengkap": told, not asked
    if sig.has_bus and _LAST_SERVICE_RE.search(low) and not sig.has_client:
        # "bus 03 kpn terakhir diservis? bsk sy bawa ke borobudur": its last service asked,
        # the trip it goes on next only why.
        return Intent.QUERY_BUS_STATUS, 0.85
    if sig.from_crew and sig.has_bus and fit_to_go_asked(low):
        # "ban belakang bus 02 udh gundul, lusa ke malang aman ga ya?": his report (_problem).
        return None
    if not (r.asks or still_on) and moves_the_day(low):
        # "trip pak hartono diundur sehari ya, rombongannya blm siap": a trip moved, with
        # why; its "blm" tells, it asks nothing.
        return None
    if WEATHER_ASKED_RE.search(low) and not (
        sig.has_client or sig.has_bus or sig.has_driver or SCHEDULE_WORD_RE.search(low)
    ):
        # "besok cuaca dieng gimana ya, hujan ga": the weather, which no record answers.
        return Intent.UNKNOWN, 0.7
    if _market_only(low) and not (sig.has_client or sig.has_bus or sig.has_driver):
        # "harga emas antam hr ini brp ya", "solar naik gak sih minggu ini": the market.
        return Intent.UNKNOWN, 0.7
    in_workshop = (
        r"\b(?:yg|yang)\s+(?:(?:lg|lagi|masih|msh)\s+)?(?:di|masuk)\s+bengkel\b"
        # "bengkel skrg isinya apa aja", "isi bengkel apa aja": what the workshop holds.
        r"|(?<!nota )(?<!kwitansi )(?<!bon )(?<!struk )(?<!tagihan )\bbengkel\s+"
        r"(?:(?:skrg|sekarang|saiki|hr\s+ini|hari\s+ini)\s+)?isi(?:nya|ne)?\s+(?:apa|opo)\s+"
        r"(?:aja|saja|wae|bae|ae|aje)\b"
        r"|\bisi(?:nya|ne)?\s+bengkel\s+(?:(?:skrg|sekarang|saiki|hr\s+ini|hari\s+ini)\s+)?"
        r"(?:apa|opo)\s+(?:aja|saja|wae|bae|ae|aje)\b"
    )
    if re.search(in_workshop, low) and not (sig.has_client or sig.has_bus or sig.n_dates):
        # "yg lg di bengkel apa?": which buses are in the workshop, the fleet's status (a
        # local pattern: its words explain no message to the coverage check).
        return Intent.QUERY_BUS_STATUS, 0.85
    other_asked = (
        sig.has_client
        or sig.has_route
        or sig.has_bus
        or sig.has_team_member
        or sig.n_dates
        or FREE_WORD_RE.search(low)
        or re.search(
            r"\b(?:jadwal\w*|jdwl|brgkt|berangkat\w*|brkt|trip\w*|narik|booking\w*|jemput\w*"
            r"|kmn|kemana|pulang\w*)\b",
            low,
        )
    )
    if news.SALARY_RE.search(low) and not (other_asked or r.money):
        # "sopir kita gajinya brp": no record keeps salaries (assistant.smalltalk says what
        # does), never the day's schedule.
        return Intent.UNKNOWN, 0.7
    refund_of_cancelled = _ONE_CANCELLED_RE.search(low) and REFUND_ASKED_RE.search(low)
    if (
        sig.has_client
        and (cancel := CANCEL_RE.search(r.masked))
        and not _cancel_asked(low, cancel)
        and not (refund_of_cancelled and _asks_amount(low))
    ):
        # "karang taruna batal, ga ada potongan krn blm bayar apa2": a cancellation told,
        # its reason holding a question word; "bu dewi batal ya, dp blm bayar kan?": told,
        # then a question of its own after it.
        return None
    if sig.has_client and CANCEL_RE.search(r.masked) and CANCEL_OFF_ASKED_RE.search(low):
        # "bu dewi jadi batal?", "bu dewi apa jadi batal": whether the trip is off, asked;
        # its card says (a cancelled trip is no longer there). Nothing is cancelled.
        return Intent.QUERY_SCHEDULE, 0.8
    values = r.money or sig.n_dates or sig.has_bus or sig.has_time or re.search(r"\d", low)
    if sig.has_client and not values and CHANGE_DONE_ASKED_RE.search(low):
        # "pak hendra jadi tambah bus ga?", "bu dewi jd diundur?": whether a change was
        # made, asked; the trip's card says (its buses, days), nothing is changed.
        return Intent.QUERY_SCHEDULE, 0.8
    paid_how_much = re.search(
        rf"\b(?:bayar|dibayar|masuk|tf|dp|dpnya)\s+(?:\w+\s+)?(?:{HOW_MUCH})\b", low
    )
    if paid_how_much is None and sig.has_client:
        # "yg udah masuk dr pak hendra brp": what came in from the client (named between).
        paid_how_much = re.search(
            rf"\b(?:bayar|dibayar|masuk|msk|tf)\s+(?:dari|dr|dri)\s+(?:{HOW_MUCH})\b",
            re.sub(r"\s+", " ", r.masked),
        )
    paid_asked = paid_how_much or OUTSTANDING_RE.search(low) or re.search(r"\blunas\b", low)
    if by_destination_asked(r) and not sig.has_client:
        # "yg ke bandung brp hari pak, pake bus apa": that trip's card (days, bus, crew).
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.has_route and not sig.has_client and PAID_ASKED_RE.search(low):
        # "yg ke bandung udh dp brp": the trips going there, with what each has paid.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.has_client
        and not sig.n_dates
        and LAST_PAID_ASKED_RE.search(low)
        and not re.search(rf"\b(?:{DEPART})", low)
        and re.search(rf"\b(?:{WHEN}|(?:tgl|tanggal|hari|hr)\s+(?:apa|{HOW_MUCH}))\b", low)
    ):
        # "bu rina terakhir bayar kapan?": the day of her latest payment.
        return Intent.QUERY_OUTSTANDING, 0.85
    due_asked = DUE_ASKED_RE.search(low) and not re.search(rf"\b(?:{DEPART})", low)
    if sig.has_client and not sig.n_dates and due_asked and re.search(rf"\b(?:{WHEN})\b", low):
        # "pak hendra kapan lunasnya", "jatuh temponya kapan": when the balance is due.
        return Intent.QUERY_OUTSTANDING, 0.82
    if sig.has_client and not sig.n_dates and WHEN_ASKED_RE.search(low) and paid_asked:
        # "rombongan sd X brgkt kpn, udh bayar brp": when the trip leaves and what is paid,
        # both on the client's trip answer (its days, price, paid and what is left).
        return Intent.QUERY_SCHEDULE, 0.82
    crew_asked = re.search(r"\b(?:sopir|supir|kernet|kenek|driver)\w*\s+(?:sapa|siapa|sp)\b", low)
    if sig.has_client and crew_asked and PAID_ASKED_RE.search(low):
        # "trip pak hendra sopirnya sapa, udh dp brp": the trip with its crew, and what it
        # has paid (query_schedule's detail "paid").
        return Intent.QUERY_SCHEDULE, 0.82
    settled_asked = re.search(r"\b(?:lunas|dilunasi)\b", low)
    # ("bu dewi jumat jd kan? dp nya brp": whether the trip goes is asked too, its card.)
    # (Nor "pak agus tgl 20 des mau carter lg, dp brp dulu?", "... kalo nambah 1 bus",
    # a driver's "sy dibayar brp": a new trip, a supposed one, his own pay.)
    other_than_paid = re.search(
        r"\b(?:jadi|jd|jdi|enaknya|dibayar)\b"
        r"|\b(?:mau|arep|pengen)\s+(?:carter|charter|sewa|nyewa|booking|boking|pesan|pesen)\b"
        r"|\b(?:booking|carter|sewa)\s+(?:lg|lagi)\b"
        r"|\b(?:kalo|kalau|klo|nek)\s+(?:nambah|tambah|ganti|pake|pakai)\b",
        low,
    )
    if (settled_asked or paid_how_much) and (
        not sig.n_dates or (sig.has_client and (settled_asked or not other_than_paid))
    ):
        # "trip pkk caturtunggal bsk udh lunas blm?", "pak hendra yg rabu dpnya brp": the
        # day names the client's trip.
        return Intent.QUERY_OUTSTANDING, 0.8
    if (
        sig.has_client
        and not sig.n_dates
        and (PAID_ASKED_RE.search(low) or DP_ASKED_RE.search(low))
    ) or (sig.has_client and not r.money and DP_NOT_YET_PROMISED_RE.search(low)):
        # "karang taruna udh dp?", "pak hendra udh bayar?": what the client has paid.
        return Intent.QUERY_OUTSTANDING, 0.8
    if REFUND_ASKED_RE.search(low) and re.search(rf"\b(?:{HOW_MUCH}|siapa|sapa|sp)\b", low):
        # "dp nya dibalikin brp", "refund bu sinta brp": the money to give back.
        return Intent.QUERY_OUTSTANDING, 0.8
    if (
        sig.has_client
        and not r.money
        and _REFUND_DUE_ASKED_RE.search(low)
        and re.search(r"\b(?:dp|uang|duit|refund|sisa\w*|pembayaran|bayaran)\b", low)
    ):
        # "dp pak hendra perlu dibalikin ga?", "ga ada yg perlu dibalikin kan?": whether any
        # money goes back (the answer says how much, or that none does).
        return Intent.QUERY_OUTSTANDING, 0.8
    if OUTSTANDING_RE.search(low) and not SCHEDULE_RE.search(low.replace("sisa", "")):
        return Intent.QUERY_OUTSTANDING, 0.9
    if NOTHING_PAID_RE.search(low):
        # "booking yg blm ada bayar sama sekali siapa aja": who owes everything, though
        # "booking" alone would ask the schedule.
        return Intent.QUERY_OUTSTANDING, 0.85
    if OUTSTANDING_RE.search(low):
        return Intent.QUERY_OUTSTANDING, 0.72
    if sig.has_maintenance_type and service_due_of_fleet(low, sig.has_bus):
        # "bus mana yg udh waktunya servis", "abis bus 01, bus mana lg yg sebentar lg ganti
        # oli?": the services due, across the fleet.
        return Intent.QUERY_BUS_STATUS, 0.85
    asks_due = SERVICE_DUE_RE.search(low) and (not sig.n_dates or _day_only_after_asked(low))
    if sig.has_maintenance_type and sig.has_bus and asks_due:
        # "bus 01 kpn jadwal ganti oli lg": that bus's next service, not the schedule.
        return Intent.QUERY_BUS_STATUS, 0.85
    fleet_word = sig.has_bus or FLEET_RE.search(low)
    free_word = FREE_WORD_RE.search(low)
    # ("tgl 28 aku kosong ra? arep kondangan ning solo": where he goes himself, why asked.)
    own_errand = sig.has_route_to and OWN_ERRAND_AFTER_RE.search(low)
    if SELF_FREE_RE.search(low) and not (
        fleet_word or sig.has_client or (sig.has_route_to and not own_errand)
    ):
        # A driver's "sy hr ini nganggur ya?", "sy kosong kapan aja minggu ini": their own
        # schedule for the day or the days, not the free buses.
        return Intent.QUERY_SCHEDULE, 0.85
    not_today = sig.n_dates and not re.search(r"\b(?:hari\s+ini|skrg|sekarang)\b", low)
    in_use = re.search(r"\bada\s+(?:yg|yang)\s+(?:pake|pakai|sewa|booking)\b", low)
    if (
        free_word
        and sig.has_team_member
        and not (fleet_word or sig.has_client or FREE_ONES_RE.search(low))
    ):
        # "wahyu besok kosong ga": whether that teammate is free, his trips of the day
        # (not the free buses; "sopir yg kosong besok" asks the free ones instead).
        return Intent.QUERY_SCHEDULE, 0.85
    if sig.has_bus and free_word and CREW_WANTED_RE.search(low) and not sig.has_client:
        # "bus 02 kurang kernet, yg kosong siapa": who is free for the bus's trip.
        return Intent.QUERY_FREE_BUSES, 0.85
    # "tolong tampilkan jadwal tgl 1-6, mau cek crew sama fleet yg standby": the schedule
    # asked for, the free ones why.
    shown = re.search(
        r"\b(?:tampilkan|tampilin|lihat|liat|cek|kirim|kirimin|minta)\s+(?:jadwal|jdwl|schedule)",
        low,
    )
    if (free_word or (in_use and sig.has_bus)) and not_today and not shown:
        # "besok bus apa yg kosong", "bus 03 tgl 12 kosong kan?": free that day.
        return Intent.QUERY_FREE_BUSES, 0.85
    # ("pak darmo: kulo badhe nyewa bis tgl 2 januari ..., regane pinten?": an enquiry for a
    # trip to come, its price asked of the PO; no trip of the client's on record is asked.)
    hiring = bool(sig.n_dates and _HIRE_RE.search(low))
    if sig.has_client and not sig.has_bus and PRICE_ASKED_RE.search(low) and not hiring:
        # "harga total bu dewi brp sih?": the client's trip answer carries price and balance;
        # sure enough to be answered while a confirmation waits.
        return Intent.QUERY_SCHEDULE, 0.86
    if sig.has_client and still_on and not (sig.has_bus or sig.has_time):
        # "bu dewi jumat jd kan?": whether her trip is still on, its card.
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.has_client and CLIENT_TRIP_RE.search(low) and not sig.has_bus:
        # "pak hendra brgkt kapan?": that client's trip.
        return Intent.QUERY_SCHEDULE, 0.8
    passengers_asked = PASSENGERS_ASKED_RE.search(low) and not sig.has_passengers
    if (
        sig.has_client
        and not sig.has_bus
        and (TRIP_FACT_ASKED_RE.search(r.masked) or passengers_asked)
    ):
        # "bu dewi skrg pake bus apa", "busnya bu dewi apa": a fact of the client's trip,
        # on its card (not the fleet's status, nor a change of the trip).
        return Intent.QUERY_SCHEDULE, 0.8
    if sig.has_route_to and CLIENT_TRIP_RE.search(low) and not (sig.has_bus or sig.n_dates):
        # "yg ke malang brgkt jam brp": the trip going there.
        return Intent.QUERY_SCHEDULE, 0.8
    unnamed = not (sig.has_client or sig.has_bus or sig.has_route or sig.n_dates)
    if sig.from_crew and unnamed and MEET_ASKED_RE.search(low):
        # A driver's "jemput jam brp pak", "kumpul dmn", "brgkt jam brp": his own next
        # trip, the one trip he can mean without naming it.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.from_crew
        and sig.n_dates == 1
        and not (sig.has_client or sig.has_bus or sig.has_route)
        and not guards.PARTY_KIND_RE.search(low)
        and not guards.NOT_A_TRIP_MEET_RE.search(low)
        and MEET_ASKED_RE.search(low)
    ):
        # "rebo jemput jam piro", "bsk kumpul dmn": his own trip of that day.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        sig.has_team_member
        and MEMBER_NOW_ASKED_RE.search(low)
        and not (fleet_word or sig.has_client or sig.has_route_to)
    ):
        # "slamet skrg lg dmn ya", "joko udh brgkt blm": his trip of today.
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        (CREW_WORD_RE.search(low) or WHO_DRIVES_RE.search(low))
        and not free_word
        and not (_OR_WHAT_RE.search(low) and not WHO_ASKED_RE.search(low))
    ):
        # "bsk kernet sy sp", "sopir bus 02 besok siapa": the crew is on the trip's card
        # (never "kernete ra teko, aku budal dewe po piye": what to do, asked).
        return Intent.QUERY_SCHEDULE, 0.8
    if (
        not_today
        and re.search(r"\bstatus(?:nya)?\s+(?:semua\s+)?(?:bus\w*|bis\w*|armada|fleet|unit)\b", low)
        and not (sig.has_client or sig.has_route_to)
    ):
        # "status bus tgl 14 gmn, kan banyak yg jalan": the fleet's status that day asked,
        # the trips why.
        return Intent.QUERY_BUS_STATUS, 0.86
    if not_today and SCHEDULE_RE.search(low) and not re.search(r"\b(?:posisi|kondisi)", low):
        # "tgl 3 des bus 09 dipake siapa?": a question about a day is about the schedule.
        return Intent.QUERY_SCHEDULE, 0.85
    if sig.has_bus and sig.has_span and r.question and _SAFE_ASKED_RE.search(low):
        # "srikandi aman kan tgl 10-12?": whether the bus is free those days, all of them.
        return Intent.QUERY_FREE_BUSES, 0.85
    if (
        BUS_QUERY_RE.search(low)
        and fleet_word
        and not re.search(r"\b(?:jadwal|jdwl|agenda)\b", low)
    ):
        return Intent.QUERY_BUS_STATUS, 0.86 if sig.has_bus or re.search(
            r"\b(?:armada|fleet)\b", low
        ) else 0.78
    if SCHEDULE_RE.search(low) and not (_OR_WHAT_RE.search(low) and not sig.n_dates):
        return Intent.QUERY_SCHEDULE, 0.9 if sig.n_dates else 0.8
    if sig.has_bus and not sig.n_dates:
        return Intent.QUERY_BUS_STATUS, 0.65
    sized = BUSES_SIZED_RE.search(low) and AVAILABLE_ASKED_RE.search(low)
    # "tgl 5-6 des butuh 2 bus ke dieng, ada ga", "tgl 12 ke bandung 2 bus ada ga": where a
    # client needs them to go; "yg ke bandung 2 bus ada ga" names a trip instead.
    routed = (
        sig.has_route and NAMED_BY_DESTINATION_RE.search(low) and not _NEEDS_BUSES_RE.search(low)
    )
    if sized and sig.n_dates and not (sig.has_client or routed or sig.n_money):
        # "tgl 12 butuh 2 bus 50 seat ada ga", "bsk bisa 2 bus yg 50 kursi?": free that day.
        return Intent.QUERY_FREE_BUSES, 0.8
    if sig.n_dates and not sig.has_client:
        # A question about a day is almost always about the schedule.
        return Intent.QUERY_SCHEDULE, 0.7
    return None


# "hr ini sy bawa rombongan masjid ya", "bsk saya yg nyopir bus 03 kan": a driver checking
# his own trip of a day, said as a statement with a tag.
OWN_TRIP_RE = re.compile(
    r"\b(?:sy|saya|aku|gw|gue|kulo|kula)\s+(?:yg\s+|yang\s+)?"
    r"(?:bawa|bw|nyopir|nyupir|nyetir|pegang|megang|ngantar|nganter|ngawal|ngurus)\b"
)


# "yg ke malang gmn", "sing neng bali piye": how the trip going there stands (its card).
_HOW_IS_TRIP_TO_RE = re.compile(
    r"^\W*(?:yg|yang|sing)\s+(?:ke|neng|nang|ning)\s+[a-z]+(?:\s+[a-z]+)?\s+"
    r"(?:gmn|gimana|gmana|gimn|piye|pie|kepriye)\W*(?:\s+(?:pak|bu|mbak|mas|min|ya|yo))?\W*$"
)


def _trip_by_destination_asked(r: _Reading) -> Verdict | None:
    if r.sig.has_route_to and not r.money and _HOW_IS_TRIP_TO_RE.match(r.low):
        return Intent.QUERY_SCHEDULE, 0.8
    return None


# "jadi jam brp pak?", "jam piro?": the hour alone asked by a driver, of his own trip.
# (The whole message: "jam brp nyampe malang", "jam piro saiki" ask something else; "jam 4
# po?" after it checks the hour.)
_HOUR_ONLY_ASKED_RE = re.compile(
    r"^\W*(?:(?:jadi|jd|dadi|jadine|dadine|terus|trus|lha|lho)\s+)?(?:jam|jm)\s*"
    r"(?:brp|berapa|brapa|piro|pira|pinten)"
    r"(?:\s+(?:pak|bu|mas|mbak|min|bos|ya|yo|to|sih|nih|tho))*\W*"
    r"(?:(?:jam|jm)\s*\d{1,2}(?:[.:]\d{2})?(?:\s+(?:po|ya|yo|to|kan|tho|apa))?\W*)?$"
)


def _own_trip_checked(r: _Reading) -> Verdict | None:
    sig = r.sig
    if (
        sig.from_crew
        and _HOUR_ONLY_ASKED_RE.search(r.low)
        and not (sig.has_client or sig.has_bus or sig.n_dates or r.money)
    ):
        return Intent.QUERY_SCHEDULE, 0.8
    day_said = r.sig.n_dates or re.search(rf"\b(?:{TODAY}|skrg|sekarang)\b", r.low)
    # "sy bawa bus 03 ke bengkel hr ini" takes a bus somewhere: no trip asked.
    errand = (
        r.sig.has_bus_status or r.sig.has_maintenance_type or (r.sig.has_bus and r.sig.has_route_to)
    )
    if OWN_TRIP_RE.search(r.low) and day_said and not (r.money or errand):
        return Intent.QUERY_SCHEDULE, 0.85
    return None


# A number of buses or a bus size ("2 bus", "50 seat"), and whether there are ("ada ga",
# "bisa", "cukup"): a question about free buses.
BUSES_SIZED_RE = re.compile(
    rf"\b\d{{1,3}}\s*-?\s*(?:{SEAT})\b|\b\d{{1,2}}\s*(?:bus|bis|unit|armada)\b"
)
AVAILABLE_ASKED_RE = word_re(r"ada|bisa|cukup|sanggup|masih")
_NEEDS_BUSES_RE = re.compile(
    r"\b(?:butuh|perlu|nyari|cari)\w*\s+\d{1,2}\s*(?:bus|bis|unit|armada)\b"
)


# "kalo smp tgl 5 blm dp batalin aja": a cancellation on a condition not met yet.
UNPAID_IF_RE = re.compile(
    # (Suroboyoan "lek": if.)
    rf"\b(?:{IF_WORDS}|lek)\b[^.?!\n]*\b(?:{NOT_YET}|{NO})\s+"
    r"(?:\w+\s+)?(?:dp|bayar|byr|lunas|pelunasan|dilunasi|transfer|tf|ngabari|kabar|konfirmasi|jelas)\w*\b"
    # "kalo smp tgl 10 dp nya blm masuk": the money named first, its not coming after.
    rf"|\b(?:{IF_WORDS})\b[^.?!\n]*\b(?:dp|uang\s+muka|pelunasan|pelunasane|bayaran|transferan)"
    rf"(?:\s*nya|ne|e|\s+(?:pak|bu|mas|mbak|mba)\s+\w+)?\s+(?:{NOT_YET}|{NO})\s+(?:juga\s+|jg\s+)?"
    r"(?:masuk|ada|dibayar|dibayarkan|ditransfer|ditf|lunas|dilunasi|cair)\b"
)


def _conditional_cancel(r: _Reading) -> Verdict | None:
    if UNPAID_IF_RE.search(r.low) and CANCEL_RE.search(r.masked) and not r.money:
        return Intent.CANCEL_BOOKING, 0.85
    return None


# The fee a cancellation keeps, said beside the money paid ("kena potongan 2jt dr dp nya");
# "dp nya 500rb hangus": the DP paid is kept, all of it the fee.
KEPT_FEE_RE = word_re(
    r"potongan\w*|dipotong|potong|denda\w*|biaya\s+(?:batal|pembatalan|cancel)|hangus"
)
# "mau bayar potongan 1jt aja. batalin": the fee the client pays, then the order to call the
# trip off closing the message (never "batal nya ga jadi", "batalin? gmn pak", "batalnya
# besok dikabari").
FEE_THEN_CANCEL_RE = re.compile(
    r"(?<!ga\smau\s)(?<!gak\smau\s)(?<!tidak\smau\s)(?<!ogah\s)\b(?:bayar|byr|kasih|ngasih)\s+(?:potongan|denda|biaya\s+(?:batal|pembatalan|cancel))\w*"
    r"\s+(?:rp\.?\s*)?\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\b(?:[^?]{0,20}?[.,]\s*|\s+)"
    r"(?:(?:yaudah|yowes|yawes|udah|jadi|jd|trus|terus|tolong|tlg|tripnya|bookingnya)\s+)*"
    r"(?:di)?(?:batalin|batalkan|cancel|cancelin|batal)(?:\s+(?:aja|saja|ae|wae|pak|bu|ya))*[^\w?]*$"
)
# Whether a trip is off, asked: "pak hendra jadi batal?", "karang taruna batal ga".
_WHETHER = r"apa|apakah|jadi|jd"
# A particle or a title may close it: "bu dewi batal blm ya", "pak hendra batal ga pak".
_ASKED_TAIL = r"(?:\W+(?:ya|yaa|yah|sih|pak|bu|mbak|mba|mas|sar))*"
CANCEL_ASKED_RE = re.compile(rf"\?|\b(?:{_TAG}|kan){_ASKED_TAIL}\W*$|\b(?:{_WHETHER})\s+batal")
_CLAUSE_END_RE = re.compile(r"[,.;!?\n]")
# The trip's being off itself asked ("jadi batal?", "apa batal", "batal ga?"), not a
# cancellation told with a question beside it ("bu dewi batal ya?" asks to confirm it).
CANCEL_OFF_ASKED_RE = re.compile(
    rf"\b(?:{_WHETHER})\s+(?:jadi\s+|jd\s+)?batal\b"
    rf"|\bbatal\s+(?:{_TAG})\b{_ASKED_TAIL}[^\w?]*\??\s*$"
)


def _cancel_asked(low: str, cancel: re.Match[str]) -> bool:
    """Whether the cancellation is asked about ("bu dewi jadi batal?"), judged in the
    clause that says it: a question after it is one of its own."""
    end = _CLAUSE_END_RE.search(low, cancel.end())
    if end is None:
        clause = low
    elif end.group() == "?":
        clause = low[: end.end()]
    else:
        clause = low[: end.start()].rstrip()
    return CANCEL_ASKED_RE.search(clause) is not None


# The destination changed, said by its word: "ganti tujuan", "tujuannya pindah", "rute
# diubah".
_CHANGE_VERB = r"ganti|diganti|gnti|pindah|dipindah|ubah|diubah|rubah|dirubah|berubah|tuker|tukar"
_ROUTE_WORD = r"tujuan\w*|rute\w*|destinasi\w*|arah\w*"
ROUTE_CHANGE_RE = word_re(
    rf"(?:{_CHANGE_VERB})\s+(?:{_ROUTE_WORD})",
    rf"(?:{_ROUTE_WORD})\s+(?:\w+\s+)?(?:{_CHANGE_VERB}|jadi|jd)",
)
# A destination called off for another: "ga jadi bandung tp ke jakarta", "gak jadi ke dieng,
# ganti ke pangandaran", "ga jadi pangandaran, dieng aja" (the old one a known place, or any
# word with the new one after "ke").
_TRIP_VERB = rf"{DEPART}|sewa|booking|pesan|pesen|jalan|pergi|ikut|berangkatnya|brgktnya"
CALLED_OFF_FOR_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:ke\s+)?(?:(?:{PLACE_RE.pattern})"
    rf"|(?!(?:{_TRIP_VERB})\b)[a-z]\w*(?:\s+[a-z]\w*)?\W+(?:(?:{RIGHT_VALUE}|{CHANGE}|pindah)\s+)?"
    r"(?:ke|jadi\s+ke)\s+\w)"
)


def route_changed(r: _Reading) -> bool:
    """The trip's destination changed ("ganti tujuan", "ga jadi bandung tp ke jakarta"): a
    change of the booking, never its cancellation, whatever call-off word it holds."""
    if ROUTE_CHANGE_RE.search(r.masked):
        return True
    called_off = CALLED_OFF_FOR_RE.search(r.low)
    return bool(called_off and r.sig.has_route_to)


# A day called off for another: "ga jadi tgl 2, tp tgl 4", "gak jadi hari rabu, jadinya
# kamis", "ga jadi besok, lusa aja".
_DAY_WORD = (
    r"(?:tgl|tanggal|hari|hr)?\s*(?:\d{1,2}\b|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu"
    rf"|{TOMORROW}|lusa)"
)
CALLED_OFF_DAY_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:(?:{DEPART}|jalan|pergi)(?:nya)?\s+)?{_DAY_WORD}"
)


def day_moved(r: _Reading) -> bool:
    """The trip's day changed, said as one day called off for another or for a shift ("ga
    jadi tgl 2, diundur 2 hari"): a move of the booking, never its cancellation."""
    if CANCEL_RE.search(r.masked) and r.sig.n_dates >= 2 and moves_the_day(r.low):
        return True  # "batal tgl 2, diundur ke tgl 6": the new day said with the move
    moved = r.sig.n_dates >= 2 or moves_the_day(r.low)
    return moved and bool(CALLED_OFF_DAY_RE.search(r.low))


def _route_change(r: _Reading) -> Verdict | None:
    if day_moved(r):
        return _update(r) or (Intent.UPDATE_BOOKING, 0.75)
    if not route_changed(r):
        return None
    return _update(r) or (Intent.UPDATE_BOOKING, 0.7 if r.sig.has_route_to else 0.6)


def _uncancelled(low: str) -> re.Match[str] | None:
    """The last cancellation called off ("ga jadi cancel"), when every cancel word is in
    one: "batal aja, eh ga jadi batal" is called off, "ga jadi batal bu dewi, pak hendra
    yg batal" is not."""
    kept = list(news.UNCANCELLED_RE.finditer(low))
    said = list(CANCEL_RE.finditer(low))
    if not kept:
        return None
    for c in said:
        if any(k.start() <= c.start() < k.end() for k in kept):
            continue
        # "bu dewi td pagi bilang mau batal, barusan telp lg ga jadi batal": a wish to
        # cancel, said before it was called off, is called off with it.
        wished = _WISHED_RE.search(low[: c.start()])
        if wished is None or c.start() > kept[-1].start():
            return None
    return kept[-1]


_WISHED_RE = re.compile(r"\b(?:mau|mo|pengen|pingin|ingin|minta)\s+(?:\w+\s+)?$")


# "ga jadi 2 bus, cukup 1 aja": a count of buses called off for another (a change).
# The trip itself called off beside a move called off: "ga jd geser, cancel aja", "ga jadi
# mundur, malah batal" (never "majunya dibatalin aja", "batal mundur": the move).
_WHOLE_TRIP_CANCELLED_RE = re.compile(
    r"(?<!majunya )(?<!mundurnya )(?<!pindahnya )(?<!geserannya )(?<!perubahannya )"
    r"(?<!perubahan )\b(?:cancel|batal|batalin|dibatalin|dibatalkan)\s+(?:aja|saja|semua|semuanya"
    r"|total)\b"
    r"|\bmalah\s+(?:batal|cancel)"
)
MOVE_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:di)?(?:maju|majuin|majukan|mundur|mundurin|undur|pindah|geser)\w*\b"
)
# "jemputnya ga jadi di balai desa", "jamnya ga jadi jam 5": a detail called off for another.
_DETAIL_CALLED_OFF_RE = re.compile(
    # (The word itself, never "jamaahnya" nor "tempat kerjanya".)
    r"\b(?:jemput(?:nya|an|annya|e)?|penjemputan|kumpul(?:nya|e)?|titik\s+kumpul|jam(?:nya|e)?"
    r"|lokasi(?:nya)?|tempat(?:nya|e)?(?:\s+(?:jemput|kumpul))?)"
    rf"(?:\s+(?:jg|juga|kyknya|kayaknya|katanya|sih|tuh))?\s+(?:{CALLED_OFF})\b"
)
# "ga jadi nginep", "ora sido mampir": a night away or a stop called off, never the trip.
_STAY_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:nginep|nginap|menginap|nginepe|bermalam|mampir|singgah|transit)\b"
)
# "ga jadi, bu dewi ttp tgl 4": the trip keeps its day, what is called off is a move.
DAY_KEPT_RE = re.compile(
    r"\b(?:tetep|tetap|ttp|tetp)\s+(?:di\s+|pada\s+)?(?:(?:tgl|tanggal)\s*\d{1,2}\b"
    rf"|\d{{1,2}}\s+(?:{dates.MONTH_RE})\b|\d{{1,2}}(?=\s*(?:aja|saja|ya)?\W*$)"
    rf"|(?:hari\s+|hr\s+)?(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|{TOMORROW}|lusa)\b)"
    # ("ttp besok tapi pake mobil sendiri": they still go, without us: a cancellation.)
    r"(?![^.]*\b(?:tapi|tp|tpi|sendiri)\b)"
)
COUNT_CALLED_OFF_RE = re.compile(rf"\b(?:{CALLED_OFF})\s+\d+\s*(?:bus|bis|unit|armada)\b")


def _bus_dropped(r: _Reading) -> Verdict | None:
    """ "smp negeri 1 mlati jd 2 bus aja, bus 03 ga jadi": one bus of the client's trip
    given up, the trip kept (never the trip cancelled)."""
    if not r.sig.drops_bus or r.question:
        return None
    return Intent.UPDATE_BOOKING, 0.88


# "bu yuni (yg batal minggu lalu) ...", "yg udh batal kmrn": a booking named by its
# cancellation gone by, no cancellation asked.
_CANCELLED_BEFORE_RE = re.compile(
    r"\b(?:yg|yang)\s+(?:(?:udh|udah|sudah|sdh|dah|wis)\s+)?(?:batal|cancel|dibatalin|dibatalkan"
    r"|dicancel)\b(?:\s+(?:minggu|bulan|bln|hari)\s+(?:lalu|kemarin|kmrn|kmren)"
    r"|\s+(?:kemarin|kmrn|kemaren|kmren|td|tadi|kapan\s+hari|wingi))"
)


@functools.cache
def _some_drop_out_re() -> re.Pattern[str]:
    """ "sd muh 5 siswa batal ikut": a few of the party drop out (a local pattern: its words
    explain no message to the coverage check)."""
    return re.compile(
        r"\b\d\s*(?:org|orang|siswa|siswi|murid|anak|guru|peserta|jamaah|jemaah|penumpang)\w*"
        r"\s+(?:\w+\s+)?(?:batal|ga\s+jadi|gak\s+jadi|nggak\s+jadi|ga\s+ikut|gak\s+ikut"
        r"|tidak\s+ikut)|\bbatal\s+ikut\b"
    )


# "bu ratna yg batal", Javanese "sing batal": the one already called off.
_ONE_CANCELLED_RE = re.compile(
    r"\b(?:yg|yang|sing)\s+(?:(?:udh|udah|sudah|wis)\s+)?(?:batal|cancel)"
)


_DISCOUNT_OR_REFUND_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:(?:dapet|dapat|dpt|dikasih|dikasi|pake|pakai|ada)\s+)?(?:di\s*)?"
    r"(?:diskon\w*|dibalik\w*|dibalek\w*|dikembali\w*|balikin|direfund|refund\w*)\b"
    rf"|\bdiskon\w*\s+(?:\w+\s+){{0,4}}?(?:{CALLED_OFF}|dibatal\w*|batal\w*|cancel\w*)"
)
# "batalin aja, dp ga jadi dibalikin": the trip itself called off as well.
_TRIP_CANCELLED_TOO_RE = re.compile(
    r"\b(?:batalin|batalkan|dibatalin|dibatalkan|cancel(?:in)?|batal|mbatalke|batalke)\b"
)
_ERRAND_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\s+(?:pulang\s+kampung|plg\s+kampung|mudik|cuti|izin|ijin|libur"
    r"|kondangan|ke\s+nikahan|nikahan|layat|melayat|mulih|pulkam)\b"
)


def _asks_amount(low: str) -> bool:
    return re.search(rf"\b(?:{HOW_MUCH})\b", low) is not None


MEMBER_DROPS_OUT_RE = re.compile(
    r"^\W*(?:(?:pak|mas|kang|cak)\s+)?[a-z]{3,15}\s+(?:ga|gak|gk|nggak|ngga|tidak|tdk|batal|ora|ndak)"
    r"\s+(?:jadi\s+|jd\s+|sido\s+|bisa\s+|bs\s+)?(?:ikut|ikutan|melu|berangkat|brgkt|jalan|narik)\b"
)


# A change said not to happen: "ora sido ganti slamet", "jgn diganti", "ga usah dipindah".
_CHANGE_CALLED_OFF_RE = re.compile(
    r"\b(?:(?:ga|gak|gk|nggak|ngga|ora|ra|tidak|tdk|ndak)\s+(?:jadi|jd|sido|usah|perlu)"
    r"|jangan|jgn|ojo|gausah|gak\s+usah|ga\s+usah)\s+(?:di)?(?:ganti|gantiin|pindah|tuker|tukar"
    r"|undur|mundur|majuin|ubah|rubah)\w*\b"
    # "bu dewi dimundurke 2 hari ra sido": the move said, then called off.
    r"|\b(?:di)?(?:undur|mundur|maju|pindah)\w*\s+(?:\S+\s+){0,3}?"
    r"(?:ga|gak|gk|nggak|ngga|ora|ra|tidak|tdk|ndak)\s+(?:jadi|jd|sido)\W*$"
)


def _change_called_off(r: _Reading) -> bool:
    """A change said not to happen, and no other said instead ("ga jadi mundur, malah
    dimajuin jd jumat" moves it the other way)."""
    sig = r.sig
    instead = sig.n_dates or sig.has_bus or sig.has_time or r.money
    off = _CHANGE_CALLED_OFF_RE.search(r.low)
    # ("ora sido ganti bus, pak hendra batal wae": the trip called off after it.)
    return off is not None and not instead and not CANCEL_RE.search(r.masked, off.end())


# "eh ga jadi ding", "wah gak jadi deh": the speaker's own word just said, taken back.
_WORD_TAKEN_BACK_RE = re.compile(
    r"\W*(?:(?:eh|ehh|oh|lho|loh|wah|waduh|duh|sori|sorry|maaf)\W+)*"
    r"(?:ga|gak|nggak|ngga|ora|ra|tidak|tdk)\s+(?:jadi|jd|sido)\s+(?:ding|deng|dink)\b"
)
# "bu dewi balekke bus 04", "balikin lg ke bus 04": the trip put back on its bus.
_BUS_PUT_BACK_RE = re.compile(
    r"\b(?:kembalikan|kembaliin|balikin|dibalikin|dikembalikan|balikkan)\s+(?:lagi\s+|lg\s+)?"
    r"(?:ke\s+)?(?:bus|bis)\b(?!\s+\w+\s+(?:ke|dari|dr|nang|saka)\s)"
)


# A length called off for another: "ga jadi 3 hari, 2 hari aja", "gak sido 3 dino, 2 dino wae".
_LENGTH_NOT_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|tidak|tdk|ora|kagak)\s+(?:jadi|jd|sido)\s+(?:\d+|se)\s*"
    r"(?:hari|hr|dino|malam|mlm)\b[^.?]*?\b(?:\d+|se)\s*(?:hari|hr|dino)\b"
)


_BUS_PUT_IN_RE = re.compile(
    r"\b(?:di)?ganti(?:in|kan)?\s+(?:(?:pake|pakai|dgn|sama|sm)\s+)?(?:bus|bis)\b"
)


def _cancel(r: _Reading) -> Verdict | None:
    sig = r.sig
    told = r.masked
    for gone in _CANCELLED_BEFORE_RE.finditer(r.low):  # on the words as typed, not masked
        told = told[: gone.start()] + " " * len(gone.group()) + told[gone.end() :]
    cancel = CANCEL_RE.search(told)
    if cancel is not None and _some_drop_out_re().search(r.low):
        return None  # "sd muh 5 siswa batal ikut": a few of the party, no trip
    if cancel is not None and _LENGTH_NOT_RE.search(r.low):
        return None  # "sd muh ga jadi 3 hari, 2 hari aja": the length, not the trip
    if cancel is not None and sig.has_team_member and MEMBER_DROPS_OUT_RE.search(r.low):
        # "slamet ga jadi ikut pak hendra, sakit": one of the crew off the trip, never the
        # trip called off (who replaces him is asked).
        return Intent.QUERY_SCHEDULE, 0.8
    if cancel is None or sig.has_maintenance_type:
        return None
    if sig.n_buses > 1 and sig.bus_called_off and _BUS_PUT_IN_RE.search(r.low, 0, cancel.start()):
        # "bus sd muh tgl 7 diganti bus 02 ya, srikandi ga jd": a bus put in, and the one it
        # replaces said given up right after its name; the trip kept ("..., bu dewi batal"
        # names no bus, and cancels hers).
        return Intent.UPDATE_BOOKING, 0.85
    if ASKED_ELSEWHERE_FIRST_RE.search(r.low) and _DROPPED_FOR_NOW_RE.search(r.low):
        # "batal dulu, tak tanya bu dewi": the request put off until the client is asked,
        # no trip called off.
        return Intent.UNKNOWN, 0.7
    if _change_called_off(r):
        # "pkk ora sido ganti slamet", "bu dewi ga jadi pindah": a change called off, the
        # trip kept; nothing to cancel, nothing to change.
        return Intent.UNKNOWN, 0.7
    taken_back = _WORD_TAKEN_BACK_RE.match(r.low)
    instead = sig.has_bus or sig.n_dates or sig.has_team_member
    if taken_back and instead and not CANCEL_RE.search(told, taken_back.end()):
        # "eh ora sido ding, bengkel e penuh. bu dewi balekke bus 04": the sender's own last
        # word taken back ("ga jadi ding"), then what stands instead; no trip called off.
        return None
    if _DISCOUNT_OR_REFUND_CALLED_OFF_RE.search(r.low) and not _TRIP_CANCELLED_TOO_RE.search(
        _DISCOUNT_OR_REFUND_CALLED_OFF_RE.sub(" ", r.low)
    ):
        # "bu dewi ga jadi diskon", "pak hendra tetep sido, dp ne ora sido dibalekke": the
        # discount or the refund called off, the trip kept; asked, never cancelled.
        return Intent.UNKNOWN, 0.7
    if r.sig.from_crew and _ERRAND_CALLED_OFF_RE.search(r.low):
        # "tgl 12 jadi bisa awak, gak jadi pulang kampung": the sender's own plan called
        # off (so he can drive after all), never a trip.
        return None
    if _ONE_CANCELLED_RE.search(r.low) and REFUND_ASKED_RE.search(r.low) and _asks_amount(r.low):
        # "dp bu ratna yg batal dibalikin brp": what goes back of a trip called off, asked.
        return None
    called_off_crew = _CREW_CALLED_OFF_RE.search(r.masked)
    if (
        CREW_CHANGED_RE.search(r.masked)
        and called_off_crew
        and called_off_crew.start(1) == cancel.start()
    ):
        # "sopir bu ningsih tgl 12 ganti wahyu, joko ga jadi": the driver put out is who is
        # called off, the trip stays (the crew change).
        return None
    if news.guessed_cancel(r.low) and not r.money:
        # Heard of or guessed, nothing to cancel yet; its fee asked is read before this.
        return Intent.UNKNOWN, 0.6
    uncancelled = re.search(rf"\b(?:{CALLED_OFF})\s+(?:di)?(?:batal|cancel)", r.low)
    if _DETAIL_CALLED_OFF_RE.search(r.low) and not _WHOLE_TRIP_CANCELLED_RE.search(r.low):
        # "jemputnya ga jadi di balai desa, pindah ke masjid": the pickup called off for
        # another, the trip kept (the change).
        return None
    stay_off = _STAY_CALLED_OFF_RE.search(r.low)
    rest = _STAY_CALLED_OFF_RE.sub(" ", told) if stay_off else ""
    if stay_off and not CANCEL_RE.search(rest) and not _WHOLE_TRIP_CANCELLED_RE.search(r.low):
        # "tgl 28 pp sehari aja, ga jadi nginep": the night away called off, the trip kept
        # (its new length the change); "ga jadi mampir batu" alone is asked, never a stop.
        return (
            None
            if TRIP_LENGTH_RE.search(r.low) or re.search(r"\bsehari\b", r.low)
            else (
                Intent.UNKNOWN,
                0.7,
            )
        )
    moves_off = MOVE_CALLED_OFF_RE.search(r.low) or (DAY_KEPT_RE.search(r.low) and not uncancelled)
    if moves_off and not _WHOLE_TRIP_CANCELLED_RE.search(r.low):
        # "bu dewi tetep tgl 4 aja, ga jadi maju": the move called off, the trip kept ("ga
        # jd geser, cancel aja" still cancels).
        return None
    if (
        COUNT_CALLED_OFF_RE.search(r.low)
        or (BUS_CALLED_OFF_FOR_RE.search(r.low) and sig.n_buses >= 2)
        or DAY_CALLED_OFF_FOR_RE.search(r.low)
    ):
        # "pak darto ga jadi 2 bus, cukup 1 aja": a count called off for another, a change;
        # "bu dewi ga jadi pake bus 04, ganti bus 01": a bus for another.
        return None
    not_in = PAYMENT_NOT_IN_RE.search(r.low)
    if not_in and not_in.end() <= cancel.start() and not (r.money or THE_BOOKING_RE.search(r.low)):
        # "transferan bu dewi ternyata belum masuk, cancel aja": the money not in, then
        # "cancel": the payment called off (what waits, see the extractor), or, nothing
        # waiting, what the client has paid and owes; never her trip cancelled unasked.
        return Intent.QUERY_OUTSTANDING, 0.7
    if (kept := _uncancelled(r.low)) is not None:
        # "pak hendra ga jadi cancel, tetep berangkat tgl 14", "jangan dicancel dulu": the
        # trip stays. Never a cancellation; a move said with it ("ga jadi batal, diundur tgl
        # 5") is read by the rules after this one.
        rest = r.low[kept.end() :]
        return None if moves_the_day(rest) or shift_said(rest) else (Intent.UNKNOWN, 0.6)
    if PAYMENT_RE.search(r.low) and r.money:
        # "pak hendra cancel, dp 3jt dibalikin": the cancellation, with its refund after it.
        # Said the other way round ("refund bu sri 1,5jt krn ada yg batal ikut") it is a
        # refund only.
        refund = REFUND_WORD_RE.search(r.low)
        # "batal trip tgl 25 ke malino, dp 3jt dikembalikan lewat bni": the trip by its day.
        named = sig.has_client or (sig.n_dates and THE_BOOKING_RE.search(r.low))
        if named and refund and cancel.start() < refund.start():
            return Intent.CANCEL_BOOKING, 0.86
        # "sd X batal, kena potongan 2jt dr dp nya": the fee is kept out of the DP paid.
        fee = KEPT_FEE_RE.search(r.low)
        if (
            sig.has_client
            and fee
            and (cancel.start() < fee.start() or FEE_THEN_CANCEL_RE.search(r.low))
        ):
            return Intent.CANCEL_BOOKING, 0.86
        if DP_SUM_FORFEITED_RE.search(r.low) and not UNDECIDED_RE.search(r.low):
            # "wes batalin wae, dp 3jt hangus": the trip talked about, its DP kept; which
            # trip is asked when none was (never a payment of that DP).
            return Intent.CANCEL_BOOKING, 0.86 if sig.has_client else 0.7
        return None
    if sig.has_client or sig.n_dates:
        return Intent.CANCEL_BOOKING, 0.9
    if (
        BOOKING_WORD_RE.search(r.low)
        or (
            # "batal, dp dikembalikan": the booking that holds the DP, the one talked about.
            BACK_IN_FULL_RE.search(r.low) and not PART_BACK_RE.search(r.low)
        )
        or (DP_FORFEITED_RE.search(r.low) and not UNDECIDED_RE.search(r.low))
    ):
        # "batal, dp nya hangus" too: a DP kept is a booking's.
        return Intent.CANCEL_BOOKING, 0.7
    # A bare "batal" with nothing pending names nothing to cancel.
    return Intent.UNKNOWN, 0.5


_NOT_GOING = r"(?:ga|gak|nggak|ngga|g|gk|tidak|tdk|ndak|nda)\s+(?:jadi|jd)"
# "trip pak hendra ga jadi, ganti tgl 10", "tgl 4 ga jadi, diganti 28 des": the day called
# off for another, the trip kept.
DAY_CALLED_OFF_FOR_RE = re.compile(
    rf"\b{_NOT_GOING}\W+(?:(?:di)?ganti|pindah|dipindah|diundur|mundur|dimajukan)\s+(?:ke\s+)?"
    rf"(?:(?:tgl|tanggal|hari|{WEEKDAY_NAMES})\b|\d{{1,2}}\s*(?:/\s*\d{{1,2}}\b|(?:{dates.MONTH_RE})))"
)
# ("srikandi": a bus by its name; two buses named, see _cancel.)
_BUS_NAMED = r"(?:(?:bus|bis)\s*)?\w+"
# "ga jadi pake bus 04, ganti bus 01", "bus 04 nya ga jadi, pake bus 01 aja", "ganti bus
# 01, ga jadi pake bus 04": one bus called off for another, the trip kept.
BUS_CALLED_OFF_FOR_RE = re.compile(
    rf"\b(?:{_NOT_GOING}\s+(?:pake|pakai|make|naik)\s+{_BUS_NAMED}"
    rf"|(?:bus|bis)\s*\w+\s*(?:nya\s*)?{_NOT_GOING}(?:\s+(?:dipake|dipakai))?)\W+"
    rf"(?:(?:di)?ganti|pake|pakai|tuker|tukar)\s+(?:(?:aja|ke|jd|jadi)\s+)?{_BUS_NAMED}"
    rf"|\b(?:(?:di)?ganti|pake|pakai)\s+(?:(?:aja|ke|jd|jadi)\s+)?{_BUS_NAMED}(?:\s+aja)?\W+"
    rf"{_NOT_GOING}\s+(?:pake|pakai|make|naik)\s+{_BUS_NAMED}"
)


# ", joko ga jadi": one person, by a bare name, called off after a clause.
_CREW_CALLED_OFF_RE = re.compile(
    r"(?:^|[,.;]\s*)(?!(?:trip|tripnya|booking|bookingnya|acara|acaranya|rombongan|dia|mereka"
    rf"|yg|yang|semua|sewa|sewanya)\b)[a-z]+\s+({CALLED_OFF})\b"
)


# A bus about to go into the workshop: "mau masuk bengkel", "lg servis".
_ABOUT_TO = r"mau|akan|mo|arep|lagi|lg|masih|msh|sedang"
_INTO_WORKSHOP = (
    r"masuk\s+bengkel|msk\s+bengkel|di\s*bengkel|ke\s+bengkel|maintenance|(?:di)?servis|service"
)
_SWAP_FOR_REASON_RE = re.compile(
    r"\b(?:di)?(?:ganti|tukar|tuker)\b.*\b(?:karena|krn|soalnya|soale|sebab|gara2|gara-gara)\s"
    rf"(?:(?:bus|bis)\s*\w+\s+)?(?:{_ABOUT_TO})?\s*(?:{_INTO_WORKSHOP})"
    # "yg srikandi tgl 9 ganti bus 02, srikandi mau masuk bengkel": the reason said after a
    # comma, the bus given up named again.
    r"|\b(?:di)?(?:ganti|tukar|tuker)\s+(?:pake\s+|pakai\s+|ke\s+)?(?:bus|bis)\s*\w+\s*[,.;]\s*"
    rf"(?:(?:bus|bis)\s*)?\w+\s+(?:{_ABOUT_TO})\s+(?:{_INTO_WORKSHOP})"
)


_PATCHED_ON_THE_ROAD_RE = re.compile(
    r"\b(?:kempes|bocor|pecah|gembos)\b.*\b(?:lg|lagi|sedang|lgi|nembe)\s+(?:di)?(?:tambal|tambel"
    r"|benerin|perbaiki|betulin|servis)\b"
)


# An amount said as a guess: "kira2 1,5jt", "estimasi 2jt", "sekitar 800rb".
# (The word right before the amount: "paling 2 jam", "kira2 3 hari, dp 500rb" guess no cost.)
ESTIMATED_AMOUNT_RE = re.compile(
    rf"\b(?:{ESTIMATE})\s+(?:rp\.?\s*)?\d[\d.,]*\s*(?:jt|juta|rb|ribu|rebu|k)\b"
)


def _bus_status(r: _Reading) -> Verdict | None:
    sig = r.sig
    # A client may be named ("bus 06 siap dipake buat trip pak hendro") unless the trip is
    # what finished ("rombongan pak X sdh pulang, bus 3 selesai").
    # Nor when a trip named by where it goes has its bus swapped for the status ("bis dua
    # yang ke malang ganti bis satu aja, bis dua mau diservis": the trip's change).
    status_only = not (sig.has_client or sig.has_route_to) or not (
        COMPLETE_RE.search(r.masked) or UPDATE_RE.search(r.masked)
    )
    # "bus 03 diganti srikandi karena bus 03 mau maintenance": the workshop is why a bus
    # is swapped, said after it; the swap is the request.
    status_only = status_only and not _SWAP_FOR_REASON_RE.search(r.low)
    # "trip bus 02 kemarin sudah beres, tandai selesai": the trip on the bus is what is done.
    if re.search(r"\b(?:trip|tripnya|perjalanan|rombongan)\b", r.low) and re.search(
        r"\b(?:tandai|tandain)\b", r.low
    ):
        return None
    goes_in = _GOES_IN_RE.search(r.low)
    done = COMPLETE_RE.search(r.masked)
    if (
        goes_in
        and (done is None or done.start() > goes_in.start())
        and not re.search(
            r"\b(?:trip|rombongan|buat|untuk|utk|(?:di)?(?:ganti|tukar|tuker)\w*)\b", r.low
        )
    ):
        status_only = True  # "bus 03 masuk bengkel pak man, kata pak man kelar jumat"
    if sig.has_bus_status and _declined_with_reason(r):
        # "pak bsk sy ga bisa, bus 02 kan msh di bengkel": his decline, the bus why.
        return Intent.DECLINE_TRIP, 0.82
    if sig.from_crew and not r.money and _PATCHED_ON_THE_ROAD_RE.search(r.low):
        # "ban belakang bus 01 kempes, lg tambal di bengkel deket artos": a driver's trouble
        # on the road being fixed, passed on as a problem; no workshop stay of the bus.
        return (Intent.REPORT_PROBLEM, 0.8) if sig.has_bus and sig.has_bus_status else None
    # "bus 01 sesok masuk bengkel benerin ac, kira2 1,5jt": a stay to come, with what it may
    # cost (an estimate, no cost paid yet).
    estimated = (
        r.money
        and goes_in is not None
        and ESTIMATED_AMOUNT_RE.search(r.low) is not None
        and re.search(rf"\b(?:{TOMORROW}|{AFTER_TOMORROW})\b", r.low) is not None
    )
    # "bus 05 kenapa di bengkel?" asks; it never sets the status.
    if (
        sig.has_bus_status
        and (not r.money or estimated)
        and status_only
        and not r.new_booking
        and not r.question
    ):
        if sig.has_maintenance_type and work_done_at_workshop(r.low):
            return None  # "bus 02 td pagi ganti oli di bengkel": the work done (_maintenance)
        if sig.has_bus:
            return Intent.UPDATE_BUS_STATUS, 0.9
        if FLEET_RE.search(r.low):
            return Intent.UPDATE_BUS_STATUS, 0.6
    return None


# Work that could not be done yet: "ac bus 02 mati blm bs dibenerin", "rem ga bisa diganti
# hari ini": no repair to record.
WORK_UNDONE_RE = re.compile(
    rf"\b(?:{NOT_YET}|{_NOT})\s+(?:bisa|bs|bsa|sempat|sempet)\s+(?:di)?(?:benerin|perbaiki"
    r"|betulin|ganti|servis|service|tambal|las|kerjain|kerjakan)\b"
)


# "..., aman buat bu endang tgl 9": the bus said fit for a client's trip, nothing changed.
_FIT_FOR_RE = re.compile(
    r"\b(?:aman|siap|udh\s+bisa|sudah\s+bisa|bisa\s+dipake|bisa\s+dipakai)\s+(?:buat|untuk|utk|bwt)\b"
)


# A part compared, not worked on: "ban bus 04 luwih anyar", "ac ne bus 02 lebih adem" (a
# short list: every word of a pattern counts as explained to coverage.py).
_COMPARED_RE = re.compile(
    r"\b(?:lebih|lbh|luwih|lewih|leuwih)\s+(?:baru|anyar|adem|tebal|tebel|kandel)\b"
)
_WORK_TO_COME_RE = re.compile(
    r"\b(?:arep|mau|mo|meh|akan|rencana|rencananya|pengen|pingin)\s+"
    r"(?:(?:tak|sy|saya|aku|aq|kita|tk)\s+)?(?:di|tak|nge)?(?:servis|service|ganti|ganti\s+oli"
    r"|cat|perbaiki|benerin|betulin|bengkelke|spooring)"
    r"(?:ne|nya|in|kan|ke|ake)?\b"  # "arep tak servisne", "mau sy servisin"
)
# "bulan depan bus 05 mau tak cat ulang kyknya": work meant for a month, or only maybe.
_WORK_MAYBE_RE = re.compile(
    r"\b(?:kyknya|kayaknya|kayane|kyke|mungkin|rencananya|rencana|paling)\b"
    r"|\b(?:bulan|bln|sasi|tahun|taun)\s+(?:depan|dpn|ngarep)\b"
)


# Work said done ("udh ganti oli, ban mau diganti jg"), or named before the work to come
# ("bus 02 ganti ban depan, mau sy ganti oli sekalian"): the record is of that work.
_WORK_DONE_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|wis|wes|uwis|td|tadi|kemarin|kmrn|barusan|beres|selesai|kelar)\b"
)
_WORK_WORD_RE = re.compile(r"\b(?:servis|service|ganti|oli|ban|rem|aki|kampas|tune\s*up)\b")


# "bus 05 kmrn udh diservis sm mas anto, ganti kampas rem 1,1jt": who did the work, named
# after it, is the mechanic, never a client whose trip changes.
_WORKED_ON_BY_RE = re.compile(
    r"\b(?:di)?(?:servis|service|benerin|betulin|perbaiki|cek|ganti|pasang)\w*\s+"
    r"(?:sm|sama|ama|oleh|karo|ro|dr|dari|di)\s+(?:mas|pak|bang|kang|om|cak|bengkel)\b"
    # "AC srikandi udh dibenerin mas anto": the passive, then who did it.
    r"|\bdi(?:servis|service|benerin|betulin|perbaiki|pasang)\w*\s+(?:mas|bang|kang|om|cak)\s+[a-z]+"
)


_TOW_AWAITED_RE = re.compile(
    r"(?<!usah )(?<!ga )(?<!gak )(?<!jgn )(?<!jangan )"
    r"\b(?:nunggu|nungguin|ngenteni|manggil|panggil|telpon|telp|nelpon|cari|nyari)\s+(?:\w+\s+)?"
    r"(?:derek|derekan|towing)\b"
)
# A tow paid for beside the trip's other costs ("biaya derek 750 ribu sama makan penumpang
# nunggu 300 ribu"): the costs of the trip it broke down on, every one of them.
_TOW_RE = re.compile(r"\b(?:derek|derekan|towing)\b")
# A tyre patched at a roadside stall by the crew, paid with the trip's other costs ("tambal
# ban 75rb karo solar 600rb"): never with other work on the bus, nor in a workshop.
_PATCHED_ON_ROAD_RE = re.compile(r"\b(?:tambal|tambel|nambal|nambel)\s+ban\b")
_WORKSHOP_WORK_RE = re.compile(
    r"\b(?:bengkel|kampas|rem|oli|aki|spooring|sporing|balancing|servis|service|ganti|diganti"
    r"|mesin\w*|kopling|radiator\w*|perbaik\w*|benerin|dibenerin)\b"
)
_TRIP_COST_BESIDE_TOW_RE = re.compile(
    r"\b(?:makan|mkn|konsumsi|mamin|tol|parkir|penginapan|hotel|nginep|solar|bbm)\b"
)


def _tow_among_costs(r: _Reading) -> bool:
    if r.sig.n_money < 2 or _TRIP_COST_BESIDE_TOW_RE.search(r.low) is None:
        return False
    if _TOW_RE.search(r.low):
        return _WORK_BESIDE_TOW_RE.search(r.low) is None
    return (
        r.sig.from_crew
        and _PATCHED_ON_ROAD_RE.search(r.low) is not None
        and _WORKSHOP_WORK_RE.search(r.low) is None
    )


# Work done or to do said beside the tow ("udh ganti radiator ..., td nunggu derek").
_WORK_BESIDE_TOW_RE = re.compile(
    r"\b(?:ganti|diganti|servis|service|diservis|benerin|dibenerin|tambal|ditambal|perbaik\w*)\b"
)


# The paper alone as the work named ("kir bus 01 kyke bntr lg to"), and what says work
# was done for it ("uji kir", "kir udh diperpanjang", "bayar pajak").
_PAPER_ONLY_RE = re.compile(
    r"^(?!.*\b(?:servis|service|ganti|oli|rem|ban|ac|aki|cuci|derek|towing|mesin\w*)\b)"
    r".*\b(?:kir|stnk|pajak|asuransi)\b"
)
_PAPER_WORKED_RE = re.compile(
    rf"\b(?:uji|diuji|lulus|lolos|perpanjang\w*|diperpanjang\w*|bayar|dibayar|urus|diurus|ngurus"
    rf"|{ALREADY}|wis|wes|td|tadi|barusan|kemarin|kmrn|wingi)\b"
)


# A bus (blanked out in the masked text) put in first: "ganti srikandi aja, ...", "diganti
# bus 04 aja, ...".
BUS_SWAPPED_FIRST_RE = re.compile(
    r"^\W*(?:(?:pkk|yg|yang)\s+\w+\s+)?(?:di)?ganti\s+(?:ke\s+|pake\s+|pakai\s+)?\s{3,}"
    r"(?:aja|saja|wae|ae)?\s*[,.;]"
)


def _maintenance(r: _Reading) -> Verdict | None:
    sig = r.sig
    # "bus 05 udh keluar bengkel, isi freon ... 3,2jt. aman buat bu endang tgl 9": the work
    # done on the bus, whose trip it is fit for after it (never a price of that trip).
    fit_for = _FIT_FOR_RE.search(r.low)
    # "..., siap buat trip pak hendra, harganya jadi 12jt": that trip's price changed after it.
    fit = sig.has_bus and fit_for and not re.search(r"\bharga\w*", r.low[fit_for.end() :])
    # ("diservis sm mas anto": the mechanic named, no client.)
    fit = fit or (sig.has_bus and _WORKED_ON_BY_RE.search(r.low) is not None)
    if not sig.has_maintenance_type or r.new_booking or (sig.has_client and not fit):
        return None
    if sig.n_buses >= 2 and BUS_SWAPPED_FIRST_RE.match(r.masked):
        # "ganti srikandi aja, bus 03 ac nya mati": a trip's bus swapped, the fault why.
        return None
    if _PAPER_VALID_RE.search(r.low):
        return None  # "kir bus 01 wis lulus uji, berlaku nganti 20 juni 2027": a paper's date
    if (
        sig.has_bus
        and _PAPER_ONLY_RE.search(r.low)
        and not (r.money or _PAPER_WORKED_RE.search(r.low))
    ):
        # "kir bus 01 kyke bntr lg to": the paper talked of, no work done on it.
        return Intent.UNKNOWN, 0.55
    if not r.money and _TOW_AWAITED_RE.search(r.low) and not _WORK_BESIDE_TOW_RE.search(r.low):
        return None  # "slamet nunggu derek": help on its way, no work on the bus named
    if _tow_among_costs(r):
        return None  # the tow and the meals of a trip: its costs, not work on the bus
    washed = re.search(r"\b(?:di)?cuci\w*", r.low) and not re.search(
        r"\b(?:servis|service|ganti|oli|rem|ban|ac|aki|kir|perbaik\w*|benerin|dibenerin"
        r"|radiator\w*|karbu\w*|injek\w*|klep|mesin\w*|setel|stel)\b",
        r.low,
    )
    if washed and not r.money and not r.question:
        # "bus 06 udh sy cuci, bersih 👍": washed, told; no work to keep a record of.
        return Intent.UNKNOWN, 0.7
    # ("tambal ban bus 04 td 50rb nang ciamis": a driver's repair on the road, paid; its
    # "nang" (read "ke") says where, no trip booked.)
    on_the_road = (
        sig.from_crew
        and r.money
        and sig.has_bus
        and not (sig.has_client or sig.n_dates)
        and _WORK_VERB_RE.search(r.low)
        and re.search(rf"\b(?:{ALREADY}|td|tadi|barusan|wingi|kemarin|kmrn)\b", r.low)
    )
    if sig.has_route and not (fit or on_the_road):
        return None
    if WORK_UNDONE_RE.search(r.low) and not r.money:
        # The fault told, its repair not done: the crew's report; the office's, the bus's
        # state (unsure).
        return (Intent.REPORT_PROBLEM, 0.8) if sig.from_crew else (Intent.QUERY_BUS_STATUS, 0.6)
    if SPARE_SWAP_RE.search(r.low) and sig.from_crew and not r.money and not r.question:
        # A driver on the road; the owner's or admin's "ganti ban serep" (a new spare
        # bought, its receipt to come) is the repair it was.
        return Intent.REPORT_PROBLEM, 0.8 if sig.has_bus else 0.74
    if not r.money and _only_looked_at(r.low):
        # "oli bus 02 udh sy cek": a part looked at and found fine, no work to record;
        # with a km ("km bus 03 168920, wis tak cek oli ban aman") the reading told.
        return None if sig.has_odometer and sig.has_bus else (Intent.UNKNOWN, 0.6)
    if not r.money and _COMPARED_RE.search(r.low) and not _WORK_VERB_RE.search(r.low):
        # "ban bus 04 luwih anyar, dalan malang lunyu": a part compared, why a bus is
        # chosen; no work done.
        return Intent.UNKNOWN, 0.6
    switched = r"\b(?:di)?(?:matiin|matikan|mateni|nyalain|nyalakan|idupin|hidupkan)\b"
    if not r.money and re.search(switched, r.low) and not _WORK_VERB_RE.search(r.low):
        # "lampu kabin bus 02 nyala terus, tolong dimatiin": someone asked to switch a thing
        # off or on, no work done on the bus (a local pattern: its words explain no message
        # to the coverage check).
        return Intent.UNKNOWN, 0.6
    to_come = _WORK_TO_COME_RE.search(r.low)
    done_first = to_come and (
        _WORK_DONE_RE.search(r.low) or _WORK_WORD_RE.search(r.low, 0, to_come.start())
    )
    if not r.money and to_come and not done_first and _WORK_MAYBE_RE.search(r.low):
        return Intent.UNKNOWN, 0.6  # work only meant, some month or maybe: nothing to record
    if not r.money and not sig.n_dates and to_come and not done_first:
        # "bus 02 arep tak servis, ...": work still to come, on no day said; nothing done
        # to record (with a day, "mau diservis senin", it is the bus's workshop stay).
        return Intent.UNKNOWN, 0.6
    if r.money or sig.has_bus:
        return Intent.LOG_MAINTENANCE, 0.9 if r.money and sig.has_bus else 0.78
    # A part named without a bus or a cost ("ban serep tinggal 2") records nothing.
    return Intent.UNKNOWN, 0.55


def _paid_for_trip_named(r: _Reading) -> Verdict | None:
    """ "Bu Lilis yang ke Bandung tanggal 22 pelunasannya 7,5jt sudah masuk Mandiri": a
    payment on the trip named by where it goes ("yang ke Bandung"), never a new booking."""
    sig = r.sig
    named = NAMED_BY_DESTINATION_RE.search(r.low)
    if named is None or r.new_booking or r.question or sig.n_money != 1 or sig.has_bus:
        return None
    if not (sig.has_payment_type or sig.has_method):
        return None
    pay = PAYMENT_RE.search(r.low, named.end())
    # "Teh Rina udah bayar DP 2jt cash, yg ke Ciater tgl 26", "tf 3jt ke BNI, buat pelunasan
    # yg ke Pangandaran tgl 16": the trip the money is for, named after it.
    if _STILL_OWED_RE.search(r.low):
        return None  # "dp pak sugeng yg ke dieng kurang 500rb": what is missing, not paid
    paid_before = PAYMENT_RE.search(r.low[: named.start()]) and (
        _FOR_TRIP_NAMED_RE.search(r.low[: named.end()])
        # "itu dp pak sugeng yg ke dieng tgl 3 jan, 2.750.000": the payment opens it.
        or _PAYMENT_OPENS_RE.match(r.low)
    )
    return (Intent.RECORD_PAYMENT, 0.8) if pay or paid_before else None


_STILL_OWED_RE = re.compile(r"\b(?:kurang|kurangnya|sisa\w*|tagih\w*|ditagih|nagih|ditagihin)\b")
_PAYMENT_OPENS_RE = re.compile(
    r"\W*(?:(?:itu|ini|nah|trus|terus)\s+)?(?:dp|dpnya|pelunasan|pelunasannya|pelunasane|dpne)\b"
)


_FOR_TRIP_NAMED_RE = re.compile(
    r"(?:,|\bbuat|\butk|\buntuk)\s+(?:(?:pelunasan|pelunasannya|dp|dpnya|lunas)\s+)?(?:yg|yang)\s+ke$"
)


def _payment_naming_booking(r: _Reading) -> Verdict | None:
    # "bu Tutik dp 500rb utk sewa elf tgl 16": a payment that names its booking.
    sig = r.sig
    pay = PAYMENT_RE.search(r.low)
    book = NEW_BOOKING_RE.search(r.low)
    if (
        pay
        and book
        and pay.start() < book.start()
        and sig.n_money == 1
        and not (sig.has_route or sig.has_bus or sig.has_time)
        # ("bu dewi mau dp 1jt utk sewa bus tgl 4": promised, nothing paid: _payment.)
        and not PROMISE_RE.search(r.low)
    ):
        return Intent.RECORD_PAYMENT, 0.8
    return None


# A trip's end said as such, next to money: a word of its own for it ("tandai selesai",
# "tripnya kelar") or the party back home ("rombongan udh pulang"); "tf 2jt udah beres"
# is the payment alone.
TRIP_ENDED_RE = word_re(
    r"(?:tandai|tandain|ditandai|set|jadikan)\s+(?:\w+\s+)?(?:selesai|kelar|beres|done|complete)"
    r"|selesaikan|diselesaikan|selesaiin"
    r"|(?:trip|tripnya|perjalanan|perjalanannya|booking|bookingnya|job|jobnya|status|statusnya"
    r"|tour|tournya|jalannya)\s+(?:\w+\s+)?"
    # "trip magelang wis rampung": done said as done already.
    rf"(?:(?:{ALREADY})\s+)?(?:selesai|kelar|rampung|done|complete)"
    # "trip pak agus beres": a trip sorted out is over (a booking "beres" is only arranged).
    # "trip kaliurang udh beres" (not "trip bu dewi tf 2jt udah beres": the money sorted).
    r"|(?:trip|tripnya|perjalanan|perjalanannya|tour|tournya)\s+"
    rf"(?:(?!(?:{TRANSFER}|{PAY}|{DP})\b)\w+\s+)?(?:(?:{ALREADY})\s+)?beres"
    rf"|(?:{ALREADY})\s+(?:pulang|plg|balik|kembali|mulih|{ARRIVE})"
)


def _settle_and_complete(r: _Reading) -> Verdict | None:
    """ "udh pulang, sisanya 2,3jt udh dilunasi cash. tandai selesai ya": a payment and the
    trip's end in one message, neither dropped (the payment is proposed first, then the
    completion)."""
    sig = r.sig
    if not (r.money and PAYMENT_RE.search(r.low) and sig.has_client) or r.question:
        return None
    if r.new_booking or r.booking_shape or sig.n_money > 1:
        return None
    if TRIP_ENDED_RE.search(r.masked) and not REFUND_WORD_RE.search(r.low):
        return Intent.COMPLETE_BOOKING, 0.86
    return None


# "pak hendra mau tf 2jt", "janji bayar 2jt": money promised, not yet moved; "udah tf 2jt,
# mau bayar sisanya besok" is a payment made (money spoken of before the promise).
PROMISE_RE = re.compile(PROMISE)
DAY_TO_COME_RE = word_re(TOMORROW, AFTER_TOMORROW)
# "pak agus yg tgl 20 tf 1jt", "dp 2jt buat trip besok": the words before a trip's day.
TRIP_DATE_RE = re.compile(
    r"\b(?:buat|untuk|utk|trip|yg|yang|booking|sewa|brkt|berangkat|acara|tour|keberangkatan"
    r"|perjalanan|perjalanannya)"
    # "utk trip 2 bus tgl 2 Des", "utk sewa bus tgl 26": the buses it takes may stand between.
    r"(?:\s+(?:\d{1,2}\s+)?(?:bus|bis|unit))?"
    r"\W*(?:tgl|tanggal|hari)?\W*$"
)


def day_to_come(low: str) -> bool:
    """A day to come said in `low`, not as the trip's ("mau tf 2jt buat trip besok")."""
    return any(
        not TRIP_DATE_RE.search(low[max(0, m.start() - 20) : m.start()])
        for m in DAY_TO_COME_RE.finditer(low)
    )


# "dp nya br 3jt ya? kurange brp": what was paid, checked with a tag question, no new money.
# "udh masuk blm?", "sudah ditransfer belum", "wis mlebu durung": "already ... or not yet",
# asked.
ARRIVED_ASKED_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:masuk|msk|diterima|ditf|ditransfer|di\s*tf|tf|transfer"
    r"|bayar|dibayar|lunas|dilunasi|cair|mlebu)\s+(?:[a-z]+\s+){0,2}?"
    rf"(?:(?:apa|ato|atau)\s+)?(?:{NOT_YET})"
    # (closing what is asked: "udh tf 1jt blm lunas" tells)
    r"(?:\s+(?:ya|yah|yaa|sih|kah|pak|bu|mbak|mas|min|kak))*\s*(?:\?|$)"
    # "pak hendra dp 3jt masuk rung", "sisane 2,2jt wis mlebu ra": Javanese "not yet?"
    # closing the message after the money's coming in.
    r"|\b(?:masuk|msk|mlebu|diterima|cair|lunas)\s+(?:rung|urung|ra|durung)"
    r"(?:\s+(?:ya|yo|pak|bu|mbak|mas|min|kak))*\s*(?:\?|$)"
)
PAID_CHECKED_RE = re.compile(
    r"\b(?:dp|dpnya|bayar\w*|byr|tf|transfer\w*)(?:\s+nya)?\s+(?:baru|br|cuma|cm|hanya)\s+"
    r"[^?.,]*?(?:\s+(?:ya|yah|kan|kn|to|toh|tho|bukan|bkn))?\s*\?"
)


# A proof of payment opening the message: "bukti tf terlampir", "Bukti bayar Pak Anton:",
# a bank's "Transfer Berhasil".
PROOF_RE = re.compile(
    r"^\W*(?:bukti\s+(?:tf|trf|transfer|bayar|pembayaran|pelunasan|dp)"
    r"|(?:transfer|tf|trf|pembayaran)\s+(?:berhasil|sukses))\b"
)


# "diundur 2 hari, dp yg 1jt tetep", "dp nya tetep 2jt": the DP already paid stays with
# the booking; no money comes in.
DP_KEPT_RE = re.compile(
    rf"\b(?:{DP})(?:\s?nya|\s?ne)?\s+(?:(?:yg|yang)\s+)?(?:[\d.,]+\s*(?:jt|juta|rb|ribu|k)?\s+)?"
    r"(?:(?:tetep|tetap|ttp)\b(?!\s+(?:tf|trf|transfer|bayar|byr|dibayar|ditf|masuk|cash|tunai|lunas))"
    r"|masih\s+(?:ada|berlaku|dipake|dipakai)\b)"
    r"(?:\s+[\d.,]+\s*(?:jt|juta|rb|ribu|k)\b)?"
)


def _amount_promised(low: str, at: int) -> bool:
    """The amount of the clause is the money promised at `at`, nothing in the clause said
    done: "pelunasan 8jt mau dibayar pas hari H"; not when the promise is of the rest ("bu
    dewi tf 2jt sisanya mau dibayar minggu depan": the 2jt paid)."""
    start = max((low.rfind(c, 0, at) for c in ",.;\n"), default=-1) + 1
    end = min((i for i in (low.find(c, at) for c in ",.;\n") if i != -1), default=len(low))
    amounts = list(_AMOUNT_RE.finditer(low, start, end))
    if not amounts or _DONE_RE.search(low, start, end):
        return False
    before = [m for m in amounts if m.end() <= at]
    return not (before and _REST_WORD_RE.search(low, before[-1].end(), at))


_AMOUNT_RE = re.compile(r"\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)\b")
# "... bayar 2jt katanya minggu depan": when the money is to come, heard or promised.
_LATER_SAID_RE = re.compile(
    r"\b(?:katanya|katane|janji\w*|baru)\s+(?:(?:minggu|bulan)\s+depan|nanti|ntar|nyusul)\b"
    # ("sisanya 8jt cash waktu jemput": when the trip starts, still to come.)
    r"|\b(?:waktu|wkt|pas|saat)\s+(?:jemput|berangkat|brangkat|brgkt|brkt|hari\s*h|ketemu)\b"
    # ("pak hendra tf 2jt nanti sore": later today, not come yet.)
    r"|\b(?:nanti|ntar|entar|mengko|engko)\s+(?:sore|siang|malam|malem|mlm|bengi|pagi|jam\s*\d)"
)


# The payment itself heard to come later: "katanya lunas minggu depan", "janji tf nanti".
_HEARD_LATER_RE = re.compile(
    r"\b(?:katanya|katane|jare|janji\w*)\s+(?:mau\s+|akan\s+)?(?:lunas\w*|bayar\w*|byr|tf|transfer\w*"
    r"|dp)\s+(?:(?:minggu|bulan)\s+depan|nanti|ntar|nyusul)\b"
)


def _paid_later(r: _Reading) -> bool:
    """One amount of a client's, heard or promised to come later ("bayar 2jt katanya minggu
    depan", "tf 2jt janji nanti"; "besok" or "lusa" date the payment, which the assistant
    then refuses as not moved yet), nothing said done, no rest named between ("bayar 2jt,
    sisanya katanya minggu depan" paid 2jt now)."""
    if r.sig.n_money != 1 or r.new_booking or r.sig.has_route or not PAYMENT_RE.search(r.low):
        return False
    amount = _AMOUNT_RE.search(r.low)
    heard = _HEARD_LATER_RE.search(r.low)
    if heard and amount and heard.start() < amount.start() and not _DONE_RE.search(r.low):
        return True  # "pak darto katanya lunas minggu depan 4,5jt"
    # ("pak hendra sisanya 8jt cash waktu jemput": the rest, to come.)
    paid_word = PAYMENT_RE.search(r.low[: amount.start()]) if amount else None
    if amount is None or not (paid_word or re.search(r"\bsisa\w*\W*$", r.low[: amount.start()])):
        return False
    if re.search(r"\b(?:harga\w*|hrg|total)\W*$", r.low[: amount.start()]):
        return False  # "harga 36jt, dp nyusul": the price, with the DP to come
    clause = re.search(r"[,.;\n]", r.low[amount.end() :])
    end = amount.end() + clause.start() if clause else len(r.low)
    later = _LATER_SAID_RE.search(r.low, amount.end(), end)  # ", uangnya balik besok": no
    if later is None or _DONE_RE.search(r.low):
        return False
    return not _REST_WORD_RE.search(r.low, amount.end(), later.start())


# ("bu dewi bayar 3jt cash kemarin pas brgkt": a day gone by, done.)
_DONE_RE = word_re(ALREADY, "td|tadi|barusan|masuk|msk|diterima|kemarin|kmrn|kmarin|wingi")
_REST_WORD_RE = re.compile(r"\b(?:sisa\w*|pelunasan\w*|lunas\w*|kekurangan\w*|kurang\w*)\b")


# "kok dp nya 3jt", "kok bayarnya segitu": money wondered at (a complaint), nothing paid.
_MONEY_WONDERED_RE = re.compile(
    r"(?<!udah )(?<!udh )(?<!sudah )(?<!sdh )(?<!lunas )(?<!barusan )"
    r"\bkok\s+(?:dp|bayar|tf|transfer|pelunasan)\w*\s+(?:nya\s+)?"
    r"(?:\d|segitu|cuma|cuman|kurang|lebih|gede|kecil)"
)


_DP_LATER_RE = re.compile(
    r"\b(?:dp|dpnya|dp\s+nya|uang\s+muka)\s+(?:(?:baru\s+)?(?:nyusul|menyusul|belakangan|nanti|ntar)"
    r"|(?:blm|belum|durung)(?!\s+(?:lunas|masuk)\b))\b"
)
# "dp 5jt", "tf 5jt": money said paid beside it.
_PAID_NOW_RE = re.compile(
    r"\b(?:dp|dpnya|tf|transfer|trf|bayar|dibayar|masuk)\s+(?:(?:nya|udh|udah|sdh|sudah)\s+)?\d"
)
# ("harga bu dewi jadi 7jt, dp nyusul": whose price, and what it becomes, between.)
_TOTAL_SAID_RE = re.compile(r"\b(?:total|harga|hrg|harganya|totalnya)\b[^,.;?\d]{0,40}\d")


# "dikirim" the only payment word: something sent (a receipt), not money.
_ONLY_SENT_RE = re.compile(
    r"^(?!.*\b(?:bayar\w*|tf|transfer\w*|dp|lunas\w*|pelunasan|masuk|cash|tunai)\b).*\b(?:kirim|dikirim)\b"
)


def _costs_beside_receipt(r: _Reading) -> bool:
    """ "solar 1,2jt, tol 450rb ... trip pak hendra. nota ne tak foto, dikirim nang ndi?":
    a trip's costs, every amount with its own cost word, and a receipt sent; no money in."""
    return bool(_ONLY_SENT_RE.search(r.low)) and _all_costs(r)


def _all_costs(r: _Reading) -> bool:
    """Every amount said with a trip cost's own word ("solar 1,2jt, tol 450rb")."""
    amounts = money.find_money(r.low)
    lines = cost_lines(r.low, amounts)
    every = len(lines) == len(amounts)
    return bool(lines) and every and all(kind is not CostCategory.OTHER for kind, _ in lines)


# The workshop's bill paid by the PO: "metu bengkel ... biaya 2,75jt tak bayar cash".
_WORKSHOP_BILL_RE = re.compile(
    r"^(?!.*\b(?:dp|pelunasan|lunas|lunasin|sisa|rombongan|nyicil)\b)"
    r".*\bbengkel\b.*\b(?:biaya\w*|ongkos\w*|habis|abis|ngabisin)\b"
)


# Money handed to the crew for a trip ("uang jalan joko 3 hari 2.250rb udh tak kasih cash"):
# a cost of the trip, never the client's payment.
_CREW_MONEY_GIVEN_RE = re.compile(
    r"\b(?:uang|duit|ongkos)\s+(?:jalan|makan|premi|saku)\b[^?!\n]{0,30}?\d[^?!\n]{0,30}?"
    r"\b(?:kasih|kasi|dikasih|dikasi|wenehi|diwenehi|diberikan|dikasihkan|serahkan|diserahkan)\b"
)
_CLIENT_MONEY_WORD_RE = re.compile(r"\b(?:dp|pelunasan|lunas\w*|cicil\w*|termin|nyicil)\b")


_PASSED_ON_RE = word_re(PASSED_ON)
_CREW_PAY_SAID_RE = re.compile(
    r"\b(?:uang|duit|ongkos)\s+(?:jalan|makan|premi|saku|bensin|solar)\b|\bpremi\b"
)


# "udh kecatat blm?", "sdh dicatat belum", "wis dicatet rung": whether it is on record.
_RECORDED_ASKED_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:ke|di|ter)(?:catat|catet)\w*\s+(?:(?:apa|ato|atau)\s+)?(?:{NOT_YET})\b"
)


def _paid_then_settled_asked(low: str, asked: re.Match[str]) -> bool:
    """ "bu dewi wis dp 2jt tf bca, lunas rung": money told paid in a clause of its own,
    then whether the trip is settled asked. The payment is proposed (its summary shows
    what is left, which answers the question); whether money came is not what is asked."""
    if not re.search(r"\b(?:lunas|dilunasi)\b", asked.group()):
        return False
    told = low[: max(low.rfind(mark, 0, asked.start()) for mark in ",.;\n")]
    return bool(
        told
        and "?" not in told
        and PAYMENT_RE.search(told)
        and money.find_money(told)
        and not sent_not_in(told)
        and not _PASSED_ON_RE.search(told)
        # ("uang jalan wahyu nang malang 1,5jt cash. eh hendra wis lunas durung?": the
        # crew's money, then another question.)
        and not _CREW_PAY_SAID_RE.search(told)
    )


# "dp tetep 5jt", "dp nya masih 5jt": the DP as it stands, said beside a change; no money in.
_DP_KEPT_RE = re.compile(r"\bdp(?:nya|ne)?\s+(?:tetep|tetap|ttp|masih|msh|sama)\s+\d")
# A trip's price named: "harga 9 juta", "hrg total 12jt".
_PRICE_WORD_RE = re.compile(r"\b(?:harga|harganya|hrg|rego|tarif)\b")
_CHANGE_SAID_RE = re.compile(r"\b(?:nambah|tambah\w*|total\s+(?:jd|jadi)|harga\w*\s+(?:jd|jadi))\b")


def _payment(r: _Reading) -> Verdict | None:
    sig = r.sig
    if _DP_KEPT_RE.search(r.low) and sig.n_money > 1 and _CHANGE_SAID_RE.search(r.low):
        return None  # "eh pak joni nambah 1 bus, total jd 35jt, dp tetep 5jt": a change
    if _CREW_MONEY_GIVEN_RE.search(r.low) and not _CLIENT_MONEY_WORD_RE.search(r.low):
        return None  # the crew's money for the trip: the cost rules read it
    if (
        _DP_LATER_RE.search(r.low)
        and _TOTAL_SAID_RE.search(r.low)
        and not _PAID_NOW_RE.search(r.low)
    ):
        # "..., total 78jt, dp nyusul": the DP is to come, the amount said is the trip's
        # whole price: no payment.
        return None
    if _MONEY_WONDERED_RE.search(r.low):
        return Intent.UNKNOWN, 0.7  # "bu dewi protes, kok dp nya 3jt": wondered at, not paid
    if _costs_beside_receipt(r):
        return None
    if sig.has_bus and not sig.has_client and _WORKSHOP_BILL_RE.search(r.low):
        return None  # "bus 05 udh metu bengkel ... total biaya 2,75jt tak bayar cash": its repair
    if DP_KEPT_RE.search(r.low) and (moves_the_day(r.low) or dates.shift_days(r.low) is not None):
        return None  # the booking moved, its DP kept: the change (_update)
    if _RECORDED_ASKED_RE.search(r.low) and sig.has_client:
        # "sari bilang sd muhammadiyah tf lagi 4jt kemarin, udh kecatat blm?": whether it is
        # on record, asked; what the client has paid so far answers it.
        return Intent.QUERY_OUTSTANDING, 0.8
    arrived = ARRIVED_ASKED_RE.search(r.low)
    if arrived and sig.has_client and not _paid_then_settled_asked(r.low, arrived):
        # "dp bu rina 2jt udh masuk blm ya": whether the money came, asked; nothing paid.
        return Intent.QUERY_OUTSTANDING, 0.8
    if PAID_CHECKED_RE.search(r.low) and sig.has_client:
        # The client's paid amount asked back: what the client owes answers it.
        return Intent.QUERY_OUTSTANDING, 0.8
    promised = PROMISE_RE.search(r.low)
    # "mau tf 2jt besok" is a payment dated then (fields.py), which the domain refuses as
    # money not yet moved; with no day to come, no payment is read at all.
    only_promised = (
        promised
        and sig.n_money == 1
        and not (r.new_booking or r.booking_shape)
        and (
            not PAYMENT_RE.search(r.low[: promised.start()])
            # "pelunasan 8jt mau dibayar pas hari H": the money named, then promised, in one
            # clause with nothing said done ("dp 2jt udh masuk, sisanya mau tf" paid some).
            or _amount_promised(r.low, promised.start())
        )
    )
    if _paid_later(r):
        return Intent.UNKNOWN, 0.8  # "pak hendra bayar 2jt katanya minggu depan": to come
    if only_promised and FEE_THEN_CANCEL_RE.search(r.low):
        return None  # "mau bayar potongan 1jt aja. batalin": the fee agreed (_cancel)
    if only_promised and not day_to_come(r.low):
        return Intent.UNKNOWN, 0.8  # assistant.smalltalk.paid_later answers it
    if only_promised and r.money:
        # "pak darmaji janji transfer 5jt sesuk": money promised for a day to come is no
        # payment by the contract; read as one dated then (refused, not yet moved), but
        # never trusted: money recorded that never came is the worst misreading.
        return Intent.RECORD_PAYMENT, 0.7
    if PROOF_RE.match(r.low) and r.money and not r.question:
        # "bukti tf terlampir\nan. Siti Aminah\nBRI 2.500.000 ... utk dp trip ke
        # pangandaran": a proof of payment; the trip it names is what it pays for.
        return Intent.RECORD_PAYMENT, 0.92 if sig.has_client and sig.has_method else 0.7
    booked = BOOKING_WORD_RE.search(r.low)
    paid = PAYMENT_RE.search(r.low)
    priced = _PRICE_WORD_RE.search(r.low)
    if (
        sig.n_money > 1
        and sig.n_dates
        and booked
        and paid
        and priced
        and booked.start() < min(paid.start(), priced.start())
        and not _CHANGE_SAID_RE.search(r.low)
        and not re.search(rf"\b(?:yg|yang)\s+{BOOKING_WORD_RE.pattern}", r.low)
        and not re.search(r"\b(?:barusan|masuk|mlebu)\b", r.low)
    ):
        # "catat booking bu sinta tgl 27 des 2 bus harga 9 juta dp 3 juta": a booking told
        # with its price and its DP (no place said yet), never the DP alone.
        return None
    if PAYMENT_RE.search(r.low) and r.money and not r.new_booking and not r.booking_shape:
        if sent_not_in(r.low):
            # "kata pak hendra udh tf 3jt tp di rekening blm masuk": not come, no payment
            # (the assistant says so: smalltalk.news_only).
            return Intent.UNKNOWN, 0.7
        if sig.has_client or sig.has_method or sig.has_payment_type:
            return Intent.RECORD_PAYMENT, 0.92
        return Intent.RECORD_PAYMENT, 0.7
    return None


# "nitip sisa e ke sy": the rest of the price, a client's payment.
_REST_OF_PRICE_RE = re.compile(r"\bsisa(?:nya|ne|e)?\b")


def _cash_in_hand(r: _Reading) -> Verdict | None:
    """A client's money the sender holds: received (a crew member's is passed on to the
    owner and admins, who record it once it reaches them: assistant.crew_answers)."""
    if not r.money or r.question or r.new_booking or r.sig.n_money > 1:
        return None
    held = CASH_WITH_ME_RE.search(r.low)
    # "bu rina yg ke solo jumat kmrn nitip pelunasan ke sy 2,2jt": the trip named by its
    # place and day is whose money it is, no booking (with a client's payment named).
    paid = r.sig.has_payment_type or _REST_OF_PRICE_RE.search(r.low)
    if r.booking_shape and not (held and paid and r.sig.has_client):
        return None
    # "nanti sy bawa" is money to come; "..., nanti sy setor" after it is the handing in.
    if not held or LATER_RE.search(r.low[: held.start()]):
        return None
    return Intent.RECORD_PAYMENT, 0.86 if r.sig.has_client else 0.7


# "kurang bayar", "blm bayar", "belum dibayar": what is still owed, the payment word in it
# moving no money.
UNPAID_RE = word_re(
    rf"(?:kurang|masih\s+kurang|{NOT_YET})\s+(?:di)?(?:bayar|byr|lunas|lns|transfer|tf|dp)"
)


def _owed_told(r: _Reading) -> Verdict | None:
    """ "bu rina kurang bayar 500rb, tolong ditagih", "pak hendra blm bayar 2jt": what a client
    still owes, said (often to have it chased), is never a payment; their balance is answered.
    "dp 2jt, sisanya blm bayar" is the DP paid (a payment word outside what is owed)."""
    if not (r.money and r.sig.has_client) or r.new_booking or r.booking_shape:
        return None
    # "blm bayar sisanya 500rb": the rest not paid ("bayar sisanya" alone is it paid).
    unpaid = UNPAID_RE.search(r.low)
    # ("..., pesertane kurang. harga jd 30jt": fewer people, no money short.)
    low = _fewer_people_re().sub(" ", PAID_REST_RE.sub(" ", UNPAID_RE.sub(" ", r.low)))
    owed = unpaid or OUTSTANDING_RE.search(low)
    if owed is None or PAYMENT_RE.search(OUTSTANDING_RE.sub(" ", low)):
        return None
    # "rego paroki kurang, ... dadiin 22,5jt per bus": the price too low, raised (never "bu
    # dewi kurang bayar 1jt, harga jd 8jt kan", what she owes).
    too_low = re.search(r"\b(?:harga|rego)\w*\s+(?:\S+\s+){0,4}?kurang\b(?!\s+(?:bayar|byr))", low)
    if too_low and re.search(r"\b(?:jadi|jd)\s+(?:rp\.?\s*)?\d", low):
        return None
    return Intent.QUERY_OUTSTANDING, 0.8


@functools.cache
def _fewer_people_re() -> re.Pattern[str]:
    """ "pesertane kurang": fewer people (a local pattern: its words explain no message to
    the coverage check)."""
    return re.compile(
        rf"\b(?:{PEOPLE}|siswa|murid|jamaah|jemaah)(?:nya|ne|e)?\s+(?:\w+\s+)?kurang\b"
        r"(?!\s*\d)"
    )


SETTLE_RE = word_re(SETTLE)
LATER_RE = word_re(
    r"nanti|ntar|mau|akan|rencana|rencananya|janji|katanya|nyusul|menyusul", TOMORROW
)


_SAID_PAID_RE = re.compile(rf"\b(?:{ALREADY})\s+(?:di)?lunas\w*")


def _paid_off(r: _Reading) -> Verdict | None:
    """ "pak hendra lunas hr ini, cash": a client pays off what is left, the amount unsaid
    (the balance is proposed). "udah lunas belum?" asks instead."""
    sig = r.sig
    if r.money or r.question or not sig.has_client or r.new_booking or r.booking_shape:
        return None
    # "bu rina barusan bayar sisanya tunai": what was left, paid (its "sisa" asks nothing).
    rest_paid = PAID_REST_RE.search(r.low) or REST_CAME_IN_RE.search(r.low)
    owed = OUTSTANDING_RE.search(REST_CAME_IN_RE.sub(" ", PAID_REST_RE.sub(" ", r.low)))
    if sig.has_bus or sig.has_route or sig.n_dates > 1 or owed:
        return None
    if UPDATE_RE.search(r.masked):
        return None  # "jadinya brgkt tgl 4, pelunasan nanti tgl 3": a change
    later = {m.group() for m in LATER_RE.finditer(r.low)}
    if later == {"katanya"} and _SAID_PAID_RE.search(r.low):
        # "pak hendra barusan telp, udh lunas katanya, tf mandiri": his word that it is
        # paid; proposed unsure (the money may still be checked), never dropped.
        return Intent.RECORD_PAYMENT, 0.7
    if later:
        return None  # "pelunasan nanti tgl 3": a promise
    return (Intent.RECORD_PAYMENT, 0.86) if SETTLE_RE.search(r.masked) or rest_paid else None


CONFIRM_BOOKING_RE = word_re(
    r"konfirmasi\w*|dikonfirmasi|terkonfirmasi|konfirm|dikonfirm|confirm|confirmed|dikonfirmasikan"
)
# "booking pak darto udah fix", "bookingnya bu lilis sampun deal": agreed, so confirmed.
SETTLED_RE = re.compile(rf"\b(?:{ALREADY})\s+(?:fix|fiks|deal|pasti)\b")
# "sma 1 depok dp 5jt via bsi, booking mereka fix ya": the booking said agreed, closing a
# message that tells its DP paid (never "kalo ... dp, bookingnya fix ya", nor "pak agus
# nanya, bookingnya fix ya").
_FIX_AFTER_PAID_RE = re.compile(
    r"[,.]\s*(?:booking|bookingan|pesanan)(?:nya|ne)?\s+(?:(?:mereka|dia|beliau)\s+)?"
    r"(?:fix|fiks|deal)(?:\W+(?:ya|yah|yaa|min|pak|bu|mbak|mba|mas|nggih|ok|oke))*\W*$"
)
_UNSURE_OR_IF_RE = re.compile(rf"\b(?:{IF_OR_MAYBE}|nanya|tanya)\b")
_SETTLED_ALONE_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:fix|fiks|deal|pasti)(?:\s+(?:jadi|jd|dadi))?"
    r"(?:\W+(?:ya|yah|yaa|min|pak|bu|mbak|mba|mas|kak|bos|nggih|ok|oke|kok|lho|deh|ges))*\W*$"
)
# "..., dp nyusul minggu ngarep": the DP said to come later, no amount, closing the message.
_DP_LATER_TAIL_RE = re.compile(
    r"[,.]\s*(?:dp|dpnya|dp\s+nya|dpne|uang\s+muka\w*)\s+(?:katanya\s+)?(?:nyusul|menyusul"
    r"|belakangan|blkgn)\b[^,.?]*$"
)


# ("yg tgl 4 ke pangandaran": the trip by its day and where it goes.)
TRIP_NAMED_BY_PLACE_RE = re.compile(
    r"\b(?:yg|yang)\s+(?:(?:tgl|tanggal)\s*\d{1,2}\s+)?(?:ke|k)\s+[a-z]"
)
FROM_SAID_RE = re.compile(r"\b(?:dari|dr|asal)\s|\s-\s")


def _settled_alone(low: str, n_dates: int) -> bool:
    """ "bu dewi udah fix ya" and nothing else; "..., dp nyusul minggu ngarep" may close it
    (its day is the DP's, not the trip's)."""
    rest = _DP_LATER_TAIL_RE.sub("", low)
    return bool(_SETTLED_ALONE_RE.search(rest)) and n_dates <= (1 if rest != low else 0)


# "udh fix ya, jadi": "jadi" closing the message says the trip is on; nothing changes.
# ("udah fix jadi": agreed and on, its "jadi" no change either.)
_ON_CLOSING_RE = re.compile(
    r"(?:[,.]\s*|(?<=fix)\s+|(?<=fiks)\s+|(?<=deal)\s+)(?:jadi|jd|dadi)"
    r"(?:\s+(?:ya|yaa|kok|pak|bu|mbak|mas|min))?\W*$"
)


def _told_on(r: _Reading) -> str:
    """The masked text without a closing "jadi" (the trip is on)."""
    on = _ON_CLOSING_RE.search(r.low)
    return r.masked if on is None else r.masked[: on.start()]


def _confirm_booking(r: _Reading) -> Verdict | None:
    """ "konfirmasi booking bu lilis", "booking pak darto udah fix, tolong dikonfirmasi": a
    waiting booking becomes confirmed. Never a new booking: a price or a route makes it one."""
    sig = r.sig
    # "bu dewi udh dp 2jt tf mandiri, bookingnya sekalian dikonfirmasi": one payment said
    # with the confirmation of the booking is recorded with it ("pak anton confirm jadi, tf
    # dp 1,5jt" is the payment alone).
    # "sekalian konfirmasi ya bookingnya": the confirmation said before its booking;
    # "booking bu lilis dikonfirmasi ya, udh dp 2jt": its client between.
    asked = re.search(
        r"\b(?:booking|pesanan)\w*\s+(?:\w+\s+){0,3}?(?:di)?konfirm"
        r"|\b(?:di)?konfirm\w*\s+(?:\w+\s+)?(?:booking|pesanan)",
        r.low,
    )
    booking_word = re.search(r"\b(?:booking|pesanan|pesenan|order|orderan|trip)\w*", r.low)
    settled = (
        SETTLED_RE.search(r.masked)
        # "pengajian al ikhlas udah fix ya min": the client alone names the booking, when
        # nothing else is said ("pak hendra udah fix batal", "... udah fix sopirnya joko"
        # say more than that it is agreed).
        and (booking_word or (sig.has_client and _settled_alone(r.low, sig.n_dates)))
        and sig.n_dates < 2
        and not UPDATE_RE.search(_told_on(r))
    )
    # "booking pak darto udh fix ya, tadi dia udh tf dp 3jt ke bca": agreed and paid, the
    # payment proposed first, then the confirmation (neither dropped).
    fix_after_paid = _FIX_AFTER_PAID_RE.search(r.low) is not None and not _UNSURE_OR_IF_RE.search(
        r.low
    )
    settled = settled or (fix_after_paid and sig.n_dates < 2)
    paid = sig.n_money == 1 and sig.has_client and PAYMENT_RE.search(r.low) and (asked or settled)
    if fix_after_paid and not paid:
        settled = False
    # "booking Lae Pardosi yg ke tuktuk udah fix": the trip named by where it goes, no
    # new route.
    named_trip = TRIP_NAMED_BY_PLACE_RE.search(r.low) and not FROM_SAID_RE.search(r.low)
    route = sig.has_route and not (named_trip and sig.has_client)
    if r.question or (r.money and not paid) or route or sig.has_time or r.new_booking:
        return None
    if CONFIRM_BOOKING_RE.search(r.masked) and (sig.has_client or booking_word):
        return Intent.CONFIRM_BOOKING, 0.88 if sig.has_client else 0.7
    if settled:
        # Without the booking's client it may be any agreement: under the threshold.
        return Intent.CONFIRM_BOOKING, 0.82 if sig.has_client else 0.7
    return None


def _add_bus(r: _Reading) -> Verdict | None:
    """ "tambah bus baru AB 1234 XY, 45 seat, nama Srikandi": a bus joins the fleet."""
    sig = r.sig
    if not sig.adds_bus or sig.has_client or r.question or sig.has_route:
        return None
    return Intent.ADD_BUS, 0.88


def _update_bus(r: _Reading) -> Verdict | None:
    """ "bus 03 ganti nama jadi Arjuna", "bus 01 servis tiap 10rb km": a bus of the fleet
    changed (its name, plate, seats or service interval), never a trip or a repair."""
    sig = r.sig
    if not sig.edits_bus or sig.has_client or r.question or sig.has_route or r.money:
        return None
    return Intent.UPDATE_BUS, 0.88 if sig.has_bus else 0.7


# "sopir sd muhammadiyah dikosongin dulu", "sopir pak hendra dicopot aja": a trip's driver
# taken off, with nobody put in his place yet.
DRIVER_OFF_RE = re.compile(
    rf"\b(?:{DRIVER})(?:nya|ne|e)?\b(?P<trip>[^.?!\n]{{0,40}}?)\b(?:dikosongin|dikosongkan|dikosongke"
    r"|dikosongi|kosongin|kosongkan|kosongke|dicopot|dilepas|dicabut|ditarik)\b"
)


def driver_off(low: str) -> re.Match[str] | None:
    """ "sopir sd muhammadiyah dikosongin dulu": the driver taken off and nothing more of
    the crew, whose trip said between the seat and the word (or nowhere). Not someone put
    in ("dicopot, ganti wahyu"), nor a part or a paper taken off ("spion kiri dicopot",
    "SIM nya dicabut")."""
    off = DRIVER_OFF_RE.search(low)
    if off is None or REPLACED_RE.search(low, off.end()) or _NOT_THE_SEAT_RE.search(off["trip"]):
        return None
    trip = off["trip"].strip(" ,")
    return off if not trip or _TRIP_NAMED_RE.match(trip) else None


def _crew_off(r: _Reading) -> Verdict | None:
    """ "joko gk jd ke bandung, sopir sd muhammadiyah dikosongin dulu": the trip's driver
    taken off with no one in his place, never a cancellation of the trip. A day, an hour or
    a bus said besides ("pindah bus 02, sopirnya dikosongin") is a change of its own."""
    off = driver_off(r.low)
    if r.question or r.money or r.new_booking or off is None:
        return None
    if r.sig.n_dates or r.sig.has_bus or r.sig.has_time or r.sig.has_pickup:
        return None
    named = r.sig.has_client or r.sig.has_route_to or bool(off["trip"].strip(" ,"))
    return Intent.UPDATE_BOOKING, 0.85 if named else 0.6


# Whose trip, as a trip is named before the word: a client with a title, a school, a group.
_TRIP_NAMED_RE = re.compile(
    r"(?:pak|bu|ibu|bapak|mas|mbak|mba|sd|smp|sma|smk|tk|mi|mts|pkk|pt|cv|masjid|msjd|rt|rw"
    r"|karang|takmir|rombongan|trip|yg|yang|klien)\b"
)
_NOT_THE_SEAT_RE = re.compile(
    r"\b(?:bilang|sim|spion|ban|kaca|lampu|udh|udah|sudah|wis|wes|td|tadi|sm|sama|oleh|polisi)\b"
)


CREW_FIRST_RE = re.compile(rf"(?:{DRIVER}|{KERNET})(?:nya|ne)?\s+(?:{HONORIFIC})\s")


def _crew_change(r: _Reading) -> Verdict | None:
    """ "sopir bu dewi pak joko", "tgl 14 pak harun kernetnya pak slamet": new crew for a
    client's trip (a whole new trip names a route or a price as well)."""
    sig = r.sig
    crew = (sig.has_driver or sig.has_kernet) and CREW_WORD_RE.search(r.low)
    # ("tgl 4 bu dewi yg bawa wahyu": the one who drives named after "yg bawa".)
    crew = crew or (
        sig.has_driver
        and not sig.has_route_to
        and "?" not in r.low
        and (
            re.search(rf"\b(?:yg|yang|sing)\s+(?:{DRIVES}|bawa|nggowo)\s+[a-z]", r.low)
            # ("sesuk bus 03 slamet sing nyopir": the one who drives, named before it.)
            or (sig.has_bus and re.search(rf"\b(?:yg|yang|sing)\s+(?:{DRIVES})\W*$", r.low))
        )
    )
    # "srikandi yg ke bandung tgl 7 kernete andi": the trip named by where it goes and its
    # day (a route said so names the booking, never a new one's).
    by_place = sig.has_route_to and sig.n_dates and BY_DESTINATION_RE.search(r.low)
    if sig.takes_trip and (sig.has_client or sig.has_route_to or sig.n_dates):
        # "ok slamet yg bawa bu dewi", "yaudah joko yg ke malang": the trip is named; where it
        # goes names it, never a new route.
        return Intent.UPDATE_BOOKING, 0.85
    # "sopir bu dewi slamet ya, jumat ke pangandaran": the crew of a client's trip, said
    # first; the day and the place after it name that trip, never a new one.
    crew_first = crew and sig.has_client and sig.has_driver and CREW_FIRST_RE.match(r.low)
    named_trip = bool(by_place) or bool(crew_first and sig.n_dates)
    if crew and not ((sig.has_route and not named_trip) or r.money or r.new_booking or r.question):
        # Without a client it is about the booking just saved, or the reply asks whose.
        return Intent.UPDATE_BOOKING, 0.85 if sig.has_client or named_trip else 0.6
    if (
        sig.has_client
        and sig.has_team_member
        and not (sig.from_crew or r.money or r.question or sig.has_route)
        and CLIENT_THEN_MATE_RE.match(r.low)
    ):
        # "yowis bu dewi joko wae" after a driver's "tidak bisa": her trip, then who drives.
        return Intent.UPDATE_BOOKING, 0.85
    return None


CLIENT_THEN_MATE_RE = re.compile(
    r"\W*(?:(?:ya|iya|yaudah|yowis|yawis|ok|oke|yo|wis|wes)\W+)*(?:pak|bu|mbak|mas|ibu)\s+[a-z]+"
    # ("yaudah bu dewi jumat sama slamet aja": her trip's day, then with whom.)
    r"\s+(?:(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|besok|bsk|lusa|tgl\s*\d{1,2})\s+)?"
    r"(?:(?:sama|sm|karo|ama|pake|pakai|sopire|sopirnya)\s+)?"
    r"(?:(?:pak|mas|kang|cak)\s+)?[a-z]+\s+(?:aja|wae|ae|saja|mawon)\W*$"
)


# "udh nyampe magelang, rombongan lg sholat": arrived where the trip goes, not back home.
# ("udh sampe jogja lagi" is back home.)
ARRIVED_AT_RE = re.compile(
    rf"\b(?:{ARRIVE})\s+(?:di\s+)?(?P<place>[a-z]+)\b(?!\s+(?:lagi|lg|lgi)\b)"
)
HOME_WORDS = words("pool garasi garase kandang rumah base kantor markas")
BACK_RE = word_re(r"pulang|plg|balik|kembali")


def arrived_away(low: str) -> bool:
    """Arrived at a place away from home ("udh sampe malang"), not back."""
    arrived = ARRIVED_AT_RE.search(low)
    # ("udah sampe Parapat, ... besok pagi balik": going back later is no being back.)
    back = BACK_RE.search(_BACK_LATER_RE.sub(" ", low))
    return bool(arrived and arrived.group("place") not in HOME_WORDS and not back)


# Going back some time later: "besok pagi balik", "nanti pulang".
_BACK_LATER_RE = re.compile(
    r"\b(?:besok|bsk|sesuk|nanti|ntar|mengko|ngko)\s+(?:(?:pagi|siang|sore|malam|subuh)\s+)?"
    r"(?:balik|pulang|plg|kembali)\b"
)


_OWN_ERRAND_RE = re.compile(
    r"\b(?:sy|saya|aku|kulo)\s+(?:\w+\s+)?(?:jemput|bawa|antar|nganter|ngantar|berangkat|brgkt)\b"
)


# "harga bu tini jd 5,5jt sekalian dp 1jt cash": the new price and a payment in one message;
# the booking's day may name it between ("harga pak tarmizi yg tgl 10 jadi 9,5jt"), a
# group's longer name too ("harga majelis taklim al-hidayah dadi 42jt").
PRICE_CHANGED_RE = re.compile(
    r"\bharga\w*\s+(?:[\w.'-]+\s+){0,5}?(?:(?:yg|yang|sing)\s+)?"
    # "harga PT Mitra Logistik yg tgl 4 juli jd 11jt": the trip by its day, then the change.
    rf"(?:(?:tgl|tanggal)\s+\d{{1,2}}\s+(?:(?:{dates.MONTH_RE})\s+)?)?"
    r"(?:jd|jadi|menjadi|naik|turun|berubah|diubah|ganti)\b"
)
# "pak gito deal di 4,5jt, dp 1jt": the price agreed after haggling, beside a payment.
_PRICE_AGREED_RE = re.compile(
    r"\b(?:deal|dil|sepakat|disepakati)\s+(?:di\s+)?(?:harga\s+)?(?:rp\.?\s*)?\d"
)


def price_told(low: str) -> bool:
    """A saved booking's price said to change or agreed ("harga ... jd 5jt", "deal di
    4,5jt", before the money paid: "bayar 1jt, deal di 5jt kmrn" tells of the deal)."""
    agreed = _PRICE_AGREED_RE.search(low)
    paid = PAYMENT_RE.search(low)
    agreed_first = agreed is not None and (paid is None or agreed.start() < paid.start())
    return bool(PRICE_CHANGED_RE.search(low) or agreed_first)


# "sekalian busnya pake bus 04", "kasih bus 04": a bus given to the trip.
BUS_GIVEN_RE = re.compile(
    r"\b(?:bus|bis|armada)(?:\s?nya)?\s+(?:pake|pakai|pk|ganti|diganti|jadi|jd)\b"
    r"|\b(?:pake|pakai|kasih|dikasih)\s+(?:bus|bis)\b"
)


def change_beside_payment(low: str, masked: str, crew_said: bool) -> bool:
    """ "karang taruna dp 1jt cash, sekalian busnya pake bus 04 sopir wahyu": a change of
    the booking (its bus, its crew) said beside the one payment, no new price."""
    # "dp 1jt tf bca ke sopir joko", "sisanya 2,3jt cash dibawa pak slamet": the money went
    # through him; he is no new crew. A crew change names the role ("sopirnya wahyu").
    crew_said = crew_said and bool(re.search(r"\b(?:sopir|supir|driver|kernet|kenek)", low))
    crew_said = crew_said and not re.search(
        r"\b(?:ke|lewat|lwt|via|(?:di)?titip\w*)\s+(?:sopir|supir|kernet|pak|mas)\b", low
    )
    # "nambah dp 1jt tf bri, sekalian brgkt nya jam 6 pagi": the hour of the trip with it.
    hour_said = re.search(
        r"\b(?:sekalian|skalian|trus|terus)\s+(?:brgkt|berangkat|jemput)\w*\s+(?:nya\s+)?(?:jd\s+|jadi\s+)?jam\b",
        low,
    )
    # "bu dewi diundur 2 hari, sekalian dp 500rb cash": the trip moved beside the payment.
    # ("dp 2jt nya dipindah ke tgl itu aja": the DP paid before goes with it, none paid now.)
    # (The move word outside the names: "pt maju jaya" moves nothing.)
    moved = (
        _MOVED_WORD_RE.search(masked or low)
        and (dates.shift_days(low) is not None or re.search(r"\b(?:tgl|tanggal)\s*\d", low))
        and re.search(r"\b(?:masuk|msk|tf|trf|transfer\w*|bayar\w*|cash|tunai)\b", low)
    )
    changed = BUS_GIVEN_RE.search(low) or crew_said or hour_said or moved
    # ("pak heru jadi ke solo tgl 23, pake bus 03, 3,5jt. dp nyusul": no DP paid, the amount
    # is the trip's price.)
    return bool(changed) and not re.search(r"\bharga", low) and not DP_FOLLOWS_RE.search(low)


_MOVED_WORD_RE = re.compile(
    r"\b(?:di)?(?:undur|mundur|maju|majukan|majuin|majuke|pindah|geser|reschedule)\w*\b"
)


# "..., 18jt, dp nyusul": a DP said to come later, no money paid with it.
DP_FOLLOWS_RE = re.compile(
    rf"\b(?:{DP})(?:\s+nya)?\s+(?:nyusul|menyusul|belakangan|blkgn|nanti|ntar)\W*$"
)


def _price_and_payment(r: _Reading) -> Verdict | None:
    sig = r.sig
    said = sig.has_client and not (r.new_booking or r.question)
    paid = (sig.has_payment_type and not DP_FOLLOWS_RE.search(r.low)) or sig.has_method
    price_changed = sig.n_money >= 2 and (
        PRICE_CHANGED_RE.search(r.low) or (price_told(r.low) and not r.booking_shape)
    )
    crew_said = sig.has_driver or sig.has_kernet
    changed = price_changed or (
        sig.n_money == 1 and change_beside_payment(r.low, r.masked, crew_said)
    )
    if r.booking_shape and sig.has_phone and sig.has_time:
        # "mas andi 0857-1122-3344 tgl 10 jemput tugu jam 9 ke borobudur, ..., 2,8jt lunas
        # cash": a whole trip told with the client's number, paid up: a booking, no change.
        return None
    whole_trip = BUSES_COUNTED_RE.search(r.low) or sig.n_dates > 1
    if r.booking_shape and whole_trip and _BOOKING_TO_RECORD_RE.match(r.low):
        # "catet booking pa komar, 2 bus ke dieng 1-3 okt, ..., 30jt, udh lunas cash": a
        # whole trip to write down, paid up: a booking, no change.
        return None
    return (Intent.UPDATE_BOOKING, 0.88) if said and paid and changed else None


_BOOKING_TO_RECORD_RE = re.compile(
    r"\W*(?:tolong\s+|tlg\s+)?(?:catat|catet|catatin|catetin|input|inputin)\s+(?:booking|boking|order)\b"
)


# "tagihan pak hendra tolong diselesaikan", "beresin tagihan bu dewi": money to settle (its
# object), no trip marked done.
_MONEY_OWED = r"(?:tagihan|pembayaran|pelunasan|sisa|bayar|bayaran|hutang|utang|tunggakan)(?:nya)?"
MONEY_FINISHED_RE = re.compile(
    rf"\b{_MONEY_OWED}\b[^,.;?!]*?\b{_FINISH_TOLD}\b"
    rf"|\b{_FINISH_TOLD}\s+(?:\w+\s+)?{_MONEY_OWED}\b"
)


# The trip itself said done, beside any arrival: "trip beres", "tripnya selesai".
TRIP_DONE_RE = re.compile(
    r"\b(?:trip|tripnya|perjalanan|tour)\s+(?:[a-z]+\s+)??(?:(?:udh|udah|sdh|sudah|wis|dah)\s+)?"
    r"(?:selesai|kelar|beres|rampung|done|finish|ditutup|tutup)\b"
)


_NOT_DONE_YET_RE = re.compile(
    r"\b(?:blm|belum|blom|durung|dereng|urung|ga|gak|tidak|tdk|ora)\s+(?:juga\s+)?"
    r"(?:selesai|kelar|beres|rampung|pulang|balik|sampai|sampe|nyampe|mulih)\b"
)
# "..., km akhir 145.820, selesai": the end said last, on its own, with the closing reading.
_DONE_CLOSING_RE = re.compile(
    r"^(?!.*\b(?:sesuk|besok|bsk|nanti|ntar|mengko|ngko)\b)[^?]*\bkm\s+(?:akhir|terakhir)\s*:?\s*\d"
    r"[^?]*[,.]\s*(?:udh\s+|udah\s+|sudah\s+|sdh\s+)?(?:selesai|beres|rampung|kelar)[\s.!]*$"
)


# "masjid berarti udh beres ya?" after its pay-off: a conclusion checked, asked.
_CONCLUDED_ASKED_RE = re.compile(
    rf"\b(?:berarti|brarti|berati|brati)\b.*\b(?:{ALREADY})\s+(?:beres|lunas|clear|aman)\b.*\?"
)


def _complete(r: _Reading) -> Verdict | None:
    if _CONCLUDED_ASKED_RE.search(r.low) and r.sig.has_client:
        return Intent.QUERY_OUTSTANDING, 0.8
    ended = TRIP_DONE_RE.search(r.low) or _DONE_CLOSING_RE.search(r.low)
    if arrived_away(r.low) and not ended:
        # "udh sampe malang" is the trip under way; "udh sampe jogja, trip beres" is its end.
        return None
    told = PURPOSE_TAIL_RE.sub(" ", MONEY_FINISHED_RE.sub(" ", r.masked))
    # "remnya lg diservis, baru beres kamis": done only then, nothing is done now.
    told = re.sub(r"\b(?:baru|br)\s+(?:beres|selesai|kelar|rampung)\b", " ", told)
    # "pak hendra blm selesai, masih di malang": not done yet.
    told = _NOT_DONE_YET_RE.sub(" ", told)
    stop_on_the_way = re.search(
        r"\?|\b(?:nanti|ntar|lanjut|jemput\s+(?:lg|lagi)|balik\s+(?:lg|lagi))\b", r.low
    ) or _BACK_LATER_RE.search(r.low)
    if DROPPED_ALL_RE.search(r.low) and not (r.money or stop_on_the_way) and r.sig.from_crew:
        return Intent.COMPLETE_BOOKING, 0.88 if r.sig.has_client else 0.7
    if COMPLETE_RE.search(told) and not r.money and not r.new_booking:
        trip_word = re.search(r"\b(?:trip|rombongan|tandai|perjalanan|tour)\b", r.low)
        goes_in = _GOES_IN_RE.search(r.low)
        done = COMPLETE_RE.search(told)
        if not trip_word and goes_in and done and done.start() > goes_in.start():
            # "bus 03 hr ini masuk bengkel pak man, kata pak man kelar jumat": its repair
            # ("bu rina selesai, ke bengkel dulu pak": the trip done first).
            return None
        if r.sig.has_client or trip_word:
            return Intent.COMPLETE_BOOKING, 0.88
        if r.fleet_only:
            return Intent.COMPLETE_BOOKING, 0.6
        if (
            r.sig.from_crew
            and HOME_REACHED_RE.search(r.low)
            and not (r.asks or r.sig.n_dates or WHEN_ARRIVED_RE.search(r.low))
        ):
            # A driver's "pak sy udh sampe pool": back home, his trip under way is over (the
            # assistant finds it, or asks which).
            return Intent.COMPLETE_BOOKING, 0.6
    return None


# A bus going into the workshop: what is then "kelar" is its repair, no trip.
_GOES_IN_RE = re.compile(r"\b(?:masuk|msk|mlebu|ke|dibawa\s+ke)\s+bengkel\b")


# "nanti kukabari kalo udh sampe pool": word promised for when home is reached, not yet.
WHEN_ARRIVED_RE = re.compile(
    r"\b(?:kalo|kalau|klo|kl|jika|begitu|pas)\s+(?:(?:udh|udah|sdh|sudah|dah)\s+)?"
    r"(?:sampe|sampai|nyampe|nyampai|tiba)\b"
)


# "... jam 2 malam, biar subuh udh sampe": what a change is for, not news that it happened.
PURPOSE_TAIL_RE = re.compile(r"\b(?:biar|supaya|agar|spy)\b(?!\s+(?:aja|saja|aj)\b).*$")

HOME_REACHED_RE = word_re(
    r"(?:nyampe|nyampai|sampe|sampai|smp|tiba|balik|kembali|pulang|plg|masuk)\s+(?:ke\s+|di\s+)?"
    r"(?:pool|garasi|garase|kandang|markas)"
)


# "yg ke malang ...": a booking named by where it goes, not a new destination.
TRIP_TO_RE = re.compile(r"\btrip(?:nya)?\s+(?:ke\s+)?[a-z]")
TRIP_LENGTH_RE = re.compile(r"\b\d{1,2}\s*(?:hari|hr|malam|mlm)\b|\bpp\s+sehari\b")
BOOKS_A_DAY_RE = re.compile(
    # After the client ("pak darto booking tgl 14"); opening the message ("booking tgl 14
    # jemputnya ...") it names the booking to change.
    r"(?<=\w)\s+(?:booking|boking|bokin|book|mau\s+booking)\s+(?:(?:bus|untuk|buat|utk|bwt)\s+)?"
    r"(?:tgl|tanggal|tg|hari|besok|bsk|lusa|minggu\s+depan|\d)"
)


# "2 bus", "3 unit": how many buses a trip takes ("bus 3" names one; "2 bus 50 seat" counts).
BUSES_COUNTED_RE = re.compile(
    r"(?<![\d/.:-])\b\d{1,2}\s*(?:bus|unit|armada|bis)\b(?!\s*\d+\b(?!\s*seat))"
)


# A detail of a trip said changed: "harganya naik jd", "jemputnya ganti", "busnya diganti".
FIELD_CHANGED_RE = word_re(
    r"(?:harga|harganya|hrg|hrgnya|jam|jamnya|jemput|jemputnya|bus|busnya|tujuan|tujuannya"
    r"|rute|rutenya)\s+(?:naik|turun|jadi|jd|ganti|diganti|pindah|dipindah|berubah"
    r"|nambah|tambah|ditambah)"
)


# "ok ganti slamet aja", "yaudah diganti wahyu", "pake slamet aja": one of the PO's people
# put on a trip, the whole message; the trip is the one somebody just said they cannot do
# (assistant/targets.py `declined_trip`), or asked.
# A teammate settled on for a trip: "slamet aja", "biar slamet", "slamet yg bawa".
MEMBER_GIVEN_RE = re.compile(
    r"\b(?:aja|saja|wae|ae)\b|\bbiar\b|\b(?:yg|yang)\s+(?:bawa|nyopir|narik|pegang|jalan)\b"
)
# "wahyu yg ke bandung" (the owner, after who is free was listed): Wahyu takes the trip
# going there, the one named first in the message.
MEMBER_GOES_RE = re.compile(
    r"^(?:(?:ok|oke|okk?|sip|yaudah|ya\s+udah|yaudh|yowis|yowes|udah|udh)\W+)*"
    r"(?:(?:pak|mas)\s+)?[a-z]{3,15}\s+(?:(?:aja|saja|wae)\s+)?(?:yg|yang|sing)\s+ke\b"
)
# "slamet tak pasang ke bu dewi tgl 4": one of the crew put on a client's trip.
PUT_ON_TRIP_RE = re.compile(
    r"^\W*(?:(?:pak|mas)\s+)?[a-z]{3,15}\s+(?:(?:tak|sy|saya|aku|kita)\s+)?"
    r"(?:pasang|pasangin|masukin|taruh|tempatin|plot|jadwalin|tak\s+jadwal|pindah|dipindah|pindahin)\s+(?:ke|nang|buat|utk|untuk|di)\s"
)
MEMBER_PUT_ON_RE = re.compile(
    r"^(?:(?:ok|oke|okay|okey|okk?|sip|siap|yaudah|ya\s+udah|yaudh|yowis|yowes|ya|y|udah|udh"
    r"|kalo\s+gitu|klo\s+gitu|kalau\s+begitu)\W+)*"
    r"(?:(?:sopir|supir|driver)(?:nya)?\s+)?"
    rf"(?:{CHANGE}|gantiin|digantiin|pake|pakai)\s+(?:ke\s+|jadi\s+|jd\s+)?(?:pak\s+|mas\s+)?"
    r"[a-z]+(?:\W+(?:aja|saja|ya|yaa|dulu|pak|bos|deh|lah|gpp))*\W*$"
)


# What the owner thinks, asked: "minta diskon 500rb, enaknya dikasih ga pak?" (the client's
# ask referred up, nothing changed yet).
ADVICE_ASKED_RE = re.compile(
    r"\b(?:enaknya|enake|baiknya|sebaiknya|mending|mendingan)\b"
    r"|\b(?:di)?(?:kasih|kasi|acc|terima|turuti|turutin)\s+(?:ga|gak|gk|nggak|ngga|enggak|tdk|ora|ra)\b"
)


# Money said as what something cost ("biaya ganti ban 2jt", "ongkos derek 1,5jt"), no
# price word beside it: spent on the trip or the bus, never the trip's new price.
_COST_SAID_RE = word_re(r"biaya|biayanya|ongkos|ongkose|ongkosnya|pengeluaran")
_PRICE_SAID_RE = word_re(r"harga|harganya|hrg|tarif|tarifnya|sewa|sewanya|deal|nego")


# "potongan 1jt": an amount taken off, said as such (never "minta potongan, jadi 6jt": the
# new price after it).
_DEDUCTION_SAID_RE = re.compile(r"\bpotongan(?:nya)?\s+(?:rp\.?\s*)?\d")
_NEW_PRICE_RE = re.compile(r"\b(?:jd|jadi|menjadi)\s+(?:rp\.?\s*)?\d")


# "bu dewi bayarnya diundurin tgl 10", "tagihan pak hendra diundur": when money is due
# moved, never the trip.
_PAY_DAY_MOVED_RE = re.compile(
    r"(?<!blm )(?<!belum )(?<!udh )(?<!sdh )(?<!sudah )"
    # ("tf ne bu dewi dimundurke 2 hari": the transfer late, not the trip.)
    r"\b(?:bayar\w*|byr\w*|tagihan\w*|pelunasan\w*|pelunasane|jatuh\s+tempo\w*|tf\s*(?:nya|ne|e)"
    r"|tfnya|transfer\s*(?:nya|ne|e)|transfernya|dp\s*(?:nya|ne|e)|dpnya)\s+"
    r"(?:(?:pak|bu|mbak|mas)\s+\w+\s+)?(?:di)?(?:undur|mundur|tunda|majukan|maju)\w*"
)


# "nawar jadi 5jt": an amount offered, said right after its word.
_OFFERED_RE = re.compile(
    r"\b(?:nawar|menawar|ditawar|dinego|minta|mintanya)\s+(?:jadi\s+|jd\s+|di\s+)?(?:rp\.?\s*)?\d"
)


# A discount's own words, and the amount or share right after it with at most a client's
# name between ("diskon pak hendra 500rb", "kasih diskon bu dewi 10%"): nothing else.
_DISCOUNT_SAID_RE = re.compile(
    r"\b(?:diskon|diskonnya|potongan\s+harga|(?<=kasih\s)potongan|(?<=kasi\s)potongan"
    # ("pak hendra minta potongan 500rb, pak budi udh acc": a cut asked, granted after.)
    r"|(?<=minta\s)potongan|(?<=njaluk\s)potongan|(?<=mintak\s)potongan)"
    r"(?:\s+(?:buat|utk|untuk|ke|kpd)?\s*"
    r"(?:pak|bu|bapak|ibu|mas|mbak|mba|kak|om|koh|ci|bang|karang|pkk|sd|smp|sma|masjid|pt"
    r"|[a-z]+)){0,4}?\s+(?:sebesar\s+)?(?:rp\.?\s*)?\d+(?:[.,]\d+)?\s*(?:%|(?:persen|rb|ribu|k|jt|juta)\b)"
)
# A discount asked, then given with its amount after a well-then ("minta diskon, langganan
# lama. yowes kasih 500rb").
_ASKED_THEN_GIVEN_RE = re.compile(
    r"\b(?:minta|njaluk|nyuwun|mintak)\s+(?:diskon|potongan)\b[^?]*?"
    r"\b(?:yowes|yowis|yawis|yaudah|yodah|ok|oke|wis|wes)\s+(?:tak\s+|sy\s+|saya\s+)?"
    r"(?:kasih|kasi|wenehi|acc)\s+(?:rp\.?\s*)?\d+(?:[.,]\d+)?\s*(?:rb|ribu|k|jt|juta|%)\W*$"
)
# A grant: "yowis tak kasih", "pak budi udh acc", "kasih diskon", "disetujui".
_GRANTED_RE = re.compile(
    r"\b(?:tak\s+kasih|tak\s+kasi|tak\s+wenehi|dikasih|dikasi|kasih|kasi|acc|di-?acc|approve"
    r"|diapprove|disetujui|setuju|deal|oke|ok|boleh)\b(?!\s+(?:tau|tahu|kabar|info))"
)
# What keeps a discount from being granted now: a no before the grant, a request, a
# question, history or habit, a condition, a paper, a payment or booking said with it, a
# share per person, or a discount put right or called off (each is asked, never guessed).
_NOT_GRANTED_RE = re.compile(
    r"\b(?:blm|belum|durung|rung|urung|dereng|ga|gak|gk|nggak|ngga|enggak|ora|ra|mboten"
    r"|tidak|tdk|ndak|jgn|jangan|ojo|aja|usah|tanpa)\s+(?:\w+\s+)?(?:tak\s+|sy\s+|di)?"
    r"(?:kasih|kasi|dikasih|dikasi|acc|setuju|boleh|ok|oke|iyain|diparingi|dikei|diwenehi"
    r"|wenehi|diskon)\b"
    r"|\b(?:minta|mnta|mintak|menta|njaluk|nyuwun|nawar|nego|pengen|pingin|pengin|pgn|ngarep"
    r"|mau|nanya|tanya|ditawari|ditawarin|katanya|pernah|biasa|biasane|biasanya|lalu|kalo|kalau"
    r"|klo|kl|nek|misal|invoice|nota|kwitansi|keterangan|bengkel|servis|lunas|pelunasan|dp"
    r"|bayar\w*|tf|transfer|cash|booking|pesen|pesan|carter|sewa|brp|berapa|harusnya|hrsnya"
    r"|salah|bukan|bkn|koreksi|ganti|diganti|jadi|jd|stlh|setelah|sesudah|habis|abis|hangus"
    r"|dibatal\w*|batal\w*|cancel\w*|jdi|dadi|sampai|sampe|smp|hingga|ke|totalnya|total"
    r"|akhirnya|jatuhnya|pas|cukup|nett|net|final|mentok|bulat|dibulatkan|hrg\w*|tarif\w*"
    r"|ongkos\w*|biaya\w*|price|seandainya|andai|jika|jikalau|asal|asalkan|diinput|dicatat"
    r"|tercatat|kemarin|kmrn|kemaren|depan|berikutnya|next|tiap|setiap|tau|tahu|kabar|nambah"
    r"|tambah)\b"
    r"|\bharga\s+diskon|\bper\s+(?:orang|org|kursi|seat|pax|kepala|bus|unit|hari)\b|/\s*\w|\?"
)


# "harga diskon 6jt", "harga diskonnya 10jt": the price after it, never the amount off.
_DISCOUNTED_PRICE_RE = re.compile(r"\bharga\w*\s+(?:\w+\s+){0,2}?diskon")


_GIVER_BEFORE_RE = re.compile(r"\b(?:tak|tk|dak|sy|saya|aku|kulo)\s+$")


def discount_granted(low: str) -> bool:
    """A discount given now, said plainly: "pak hendra minta diskon 500rb, yowis tak kasih"
    (asked, then granted), "karang taruna diskon 10%, pak budi udh acc", "kasih diskon bu dewi
    10%", "diskon pak hendra 500rb ya" (an order). Anything less plain is asked."""
    if _ASKED_THEN_GIVEN_RE.search(low) and "?" not in low:
        return True  # "pak hendra minta diskon, langganan lama. yowes kasih 500rb"
    said = _DISCOUNT_SAID_RE.search(low)
    if said is None or _DISCOUNTED_PRICE_RE.search(low):
        return False
    granted = _GRANTED_RE.search(low, said.end()) or _GRANTED_RE.search(low[: said.start()])
    # "bu dewi tak diskon 500rb": the sender gives it ("tak", "sy"), said right before.
    granted = granted or _GIVER_BEFORE_RE.search(low[: said.start()])
    # What stands between the word and its amount is checked too ("diskon bu dewi sampai 6jt").
    between = re.sub(
        r"^\S+|(?:rp\.?\s*)?[\d.,]+\s*(?:%|persen|rb|ribu|k|jt|juta)?\s*$", " ", said.group()
    )
    rest = low[: said.start()] + " " + between + " " + low[said.end() :]
    asked = re.search(r"\b(?:minta|njaluk|nyuwun|mintak|menta)\b", low)
    if asked and granted is not None and granted.start() < said.start():
        granted = None  # "ok bos, bu dewi minta diskon 500rb": the "ok" answers nothing
    if granted is not None:
        # The request answered by the grant ("minta diskon 500rb, yowis tak kasih").
        rest = re.sub(r"\b(?:minta|njaluk|nyuwun|mintak|menta)\b", " ", rest)
    return not _NOT_GRANTED_RE.search(rest) and (granted is not None or said.start() < 12)


# A new booking written as one: "booking baru: ...", "order baru ...".
_BOOKING_OPENS_RE = re.compile(r"\W*(?:booking|bookingan|order|pesanan|orderan)\s+(?:baru|anyar)\b")


def _discount(r: _Reading) -> Verdict | None:
    """A discount talked of: granted plainly, the booking's price is lowered (`_update`
    reads it); otherwise it is asked, whatever else the message says ("kasih diskon bu dewi
    500rb jika lunas" records no payment). A cancellation said with it is read as one, and a
    new price said ("harga ... jadi 9jt") is the change."""
    if not _DISCOUNT_WORD_RE.search(r.low) or PRICE_CHANGED_RE.search(r.low):
        return None
    if r.new_booking and _BOOKING_OPENS_RE.match(r.low):
        return None  # "booking baru: ..., harga normal 7jt minta diskon, tak kasih 6,5jt"
    called_off = _DISCOUNT_OR_REFUND_CALLED_OFF_RE.search(r.low)
    if not called_off and _TRIP_CANCELLED_TOO_RE.search(r.low):
        return None  # "pak hendra batal, diskonnya hangus": the cancellation
    # ("..., kasih ga ya enaknya": advice asked, nothing granted.)
    advice = re.search(r"\b(?:enaknya|enake|baiknya|sebaiknya|gimana|gmn|piye)\b", r.low)
    if r.sig.has_client and discount_granted(r.low) and not (r.sig.from_crew or r.question):
        return None if advice else (Intent.UPDATE_BOOKING, 0.8)
    asked_only = re.match(r"[^,.;]*\b(?:minta|njaluk|mintak|nawar)\b[^,.;]*", r.low)
    if asked_only and r.sig.n_money == 2 and _PAID_AFTER_RE.match(r.low, asked_only.end()):
        # "bu rina minta potongan 200rb, trs sisane 2jt dia tf bca td": the discount only
        # asked (nothing to record), the money that came is the payment (never dropped).
        return None
    to_price = _DISCOUNTED_TO_RE.search(r.low)
    asked = re.search(r"\b(?:minta|njaluk|nyuwun|mintak|menta|nawar|nego)\b", r.low)
    refused = re.search(
        r"\b(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|ora|ra|usah|gausah|jangan|jgn|blm|belum)\b",
        r.low,
    )
    if to_price and (asked or refused or r.sig.n_money > 2):
        to_price = None
    # "dewi njaluk diskon, wis tak acc dadi 6jt wae": asked, granted, and the new price.
    to_price = to_price or (None if refused else GRANTED_TO_PRICE_RE.search(r.low))
    if to_price and r.sig.has_client and not r.sig.from_crew and not r.question:
        # "bu dewi tak diskon 500rb ya, dadi 6jt": the new price said, the change.
        return Intent.UPDATE_BOOKING, 0.8
    return Intent.UNKNOWN, 0.7


_PAID_AFTER_RE = re.compile(
    r"\s*[,.;]\s*(?:(?:trs|terus|trus|tapi|tp|nah)\s+)?[^,.;?]*\b(?:tf|transfer|ditf|bayar|dibayar"
    r"|lunas\w*|cash|tunai)\b[^?]*$"
)


# ("pak hendra tak kasih potongan 10%": a cut of the price given is a discount; "potongan 1jt"
# beside a cancellation is its fee.)
_DISCOUNT_WORD_RE = re.compile(
    r"\bdiskon\w*|\bpotongan\s+harga"
    r"|\b(?:kasih|kasi|dikasih|beri|diberi|wenehi)\s+potongan\b(?!\s+(?:biaya|pembatalan|batal))"
    # ("minta potongan 500rb": a cut of that much asked, then perhaps granted.)
    r"|\b(?:minta|njaluk|mintak)\s+potongan(?=\s+(?:rp\.?\s*)?\d)"
)
# "bu dewi tak diskon 500rb ya, dadi 6jt": the price the discount brings it to, said after.
_DISCOUNTED_TO_RE = re.compile(
    r"\b(?:diskon\w*|potongan)\b[^.?!]*?\d[^.?!]*?\b(?:jadi|jd|dadi|menjadi)\s+(?:rp\.?\s*)?\d"
)


GRANTED_TO_PRICE_RE = re.compile(
    r"\b(?:diskon\w*|potongan)\b[^.?!]*?(?<!kalo )(?<!klo )(?<!kalau )(?<!nek )"
    r"\b(?:acc|di-?acc|tak\s+kasih|tak\s+kasi|setuju|deal)\b[^.?!\d]*?\b(?:jadi|jd|dadi|menjadi)"
    r"\s+(?:rp\.?\s*)?\d"
    # "bu dewi nawar trs, yowes tak kasih diskon 300rb dadi 6,2jt": granted, then the word.
    r"|\b(?:acc|tak\s+kasih|tak\s+kasi|tak\s+kei|tak\s+wenehi)\s+(?:diskon\w*|potongan)\b[^.?!]*?\d"
    r"[^.?!]*?\b(?:jadi|jd|dadi|menjadi)\s+(?:rp\.?\s*)?\d"
)


_TEAM_PUT_ON_RE = re.compile(
    # ("pak hendra malang pake joko, sd muhammadiyah bandung pake wahyu": each its driver.)
    r"\b(?:(?:di)?(?:ganti|gantiin|gantikan|tuker|tukar)|pake|pakai|pakek|nganggo)\s+"
    r"(?:(?:sm|sama|ke|jadi|jd|dgn|dengan)\s+)?"
    r"(?:(?:pak|mas|kang|cak)\s+)?[a-z]{3,}\b"
)


# "yaudah slamet aja yg gantiin", "ya wis, slamet sing nggantekke": who takes the place of
# the one who cannot go (the owner or an admin, after the "tidak bisa" reached them).
STAND_IN_NAMED_RE = re.compile(
    r"^\W*(?:(?:ya|iya|yaudah|yowis|yawis|wis|wes|udah|sudah|udh|ok|oke|yo)\W+)*(?:(?:pak|mas|kang)\s+)?"
    r"[a-z]{3,15}\s+(?:aja\s+|wae\s+|ae\s+|saja\s+)?(?:yg|yang|sing)\s+(?:gantiin|gantikan|nggantiin"
    r"|menggantikan|nggantekke|nggantike|gantike|ganti|ngganti|bawa|nyopir)"
    r"(?:\s+(?:ya|yo|pak|bu|mas|mbak|aja))*\W*$"
)


def _stand_in_named(r: _Reading) -> Verdict | None:
    named = r.sig.has_team_member or r.sig.has_driver
    if r.sig.from_crew or not named or r.question or r.money:
        return None
    if r.sig.has_client and not r.sig.has_bus and DRIVES_TRIP_RE.search(r.low):
        # "PKK besok slamet yg bawa", "ok wahyu ya yg bawa bu dewi": who drives that trip.
        return Intent.UPDATE_BOOKING, 0.85
    if r.sig.has_client or r.sig.has_bus or r.sig.n_dates:
        return None
    return (Intent.UPDATE_BOOKING, 0.7) if STAND_IN_NAMED_RE.match(r.low) else None


DRIVES_TRIP_RE = re.compile(
    r"\b[a-z]{3,15}\s+(?:(?:ya|aja|wae|ae|saja)\s+)?(?:yg|yang|sing)\s+"
    r"(?:bawa|bw|nyopir|nyupir|nyetir|pegang|nggowo)\b(?!\s+(?:bus|bis|uang|duit|kunci|surat))"
)


# "hr ini sy bawa bus brp pak?": which bus the driver himself takes, asked.
_OWN_BUS_ASKED_RE = re.compile(
    r"\b(?:sy|saya|aku|aq|kulo|gue|gw)\s+(?:bawa|bw|pake|pakai|pegang|nyopir|nyetir|gowo|nggowo)\s+"
    r"(?:bus|bis|unit)\s+(?:brp|berapa|brapa|apa|opo|mana|endi|yg\s+mana|nomer\s+brp|no\s+brp|piro)\b"
)


def _own_bus_asked(r: _Reading) -> Verdict | None:
    """ "hr ini sy bawa bus brp pak? jemput dmn?": a driver's own trip asked (its bus, its
    pickup), never the fleet's state."""
    if not r.sig.from_crew or r.money or not _OWN_BUS_ASKED_RE.search(r.low):
        return None
    return Intent.QUERY_SCHEDULE, 0.85


# "yg masih pending apa aja?", "booking yg blm dikonfirmasi siapa aja": the bookings not
# confirmed yet, asked.
UNCONFIRMED_ASKED_RE = re.compile(
    r"\b(?:yg|yang|booking\w*|trip|order\w*|pesanan|jadwal)\s+(?:masih\s+|msh\s+|lagi\s+)?"
    r"(?:pending|(?:blm|belum|durung|urung)\s+(?:di)?(?:konfirm\w*|fix|pasti|deal|acc))\b"
)


_CONFIRMED_ASKED_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|wis|wes|dah)\s+(?:di)?(?:konfirmasi|konfirm|confirm|fix)\w*"
    r"(?:\s+(?:blm|belum|durung|apa\s+belum|po\s+durung))?\W*(?:\?|$)"
)


def _unconfirmed_asked(r: _Reading) -> Verdict | None:
    """ "yg masih pending apa aja?": the coming bookings still to be confirmed."""
    if not r.question or r.money or r.sig.has_bus or r.sig.from_crew:
        return None
    if r.sig.has_client and re.search(r"\b(?:masih|msh)\s+pending\b", r.low):
        return Intent.QUERY_SCHEDULE, 0.8  # "bu dewi masih pending?": her trip, its status
    if r.sig.has_client and _CONFIRMED_ASKED_RE.search(r.low):
        # "bu dewi wis konfirmasi?", "bu dewi udh dikonfirmasi blm?": her trip, its status.
        return Intent.QUERY_SCHEDULE, 0.8
    if r.sig.has_client or not UNCONFIRMED_ASKED_RE.search(r.low):
        return None
    if _OWED_OR_CREW_RE.search(r.low):
        return None  # "tagihan yg masih pending", "yg blm fix busnya": owed, or a bus lacking
    return Intent.QUERY_SCHEDULE, 0.85


_OWED_OR_CREW_RE = re.compile(
    r"\b(?:tagihan\w*|utang\w*|hutang\w*|piutang|bayar\w*|pelunasan|dp\w*|sisa\w*|lunas"
    r"|bus\w*|bis|sopir\w*|supir\w*|kernet\w*|jemput\w*|jam\w*|harga\w*|tanggal\w*|tgl\w*)\b"
)


# ("bu dewi busnya 03 atau 04?" asks; "busnya 1 aja cukup" counts, as "busnya 35 seat" sizes.)
_ITS_BUS_SAID_RE = re.compile(
    r"\b(?:busnya|bisnya|buse)\s+(?:(?:bus|bis)\s+)?0\d\b"
    # (Said closing its clause: never "busnya 03 penuh", "busnya 01 lg bermasalah".)
    r"(?=\s*(?:(?:aja|saja|ya|yaa|ding|deh|wae|ae|dong|pak|bu|mbak|mas)\s*)*(?:[,.;!\n]|$))"
)


def _update(r: _Reading) -> Verdict | None:
    sig = r.sig
    if sig.from_crew and sig.has_odometer and not r.money:
        # "otw jemput rombongan pak hendra. km awal bus 02 151.200": a driver's reading, the
        # trip he is on only named (a driver changes no booking).
        return None
    if _PAY_DAY_MOVED_RE.search(r.low):
        return Intent.UNKNOWN, 0.6
    if _change_called_off(r):
        return Intent.UNKNOWN, 0.7  # "pkk jgn diganti slamet": no change
    if sig.has_client and sig.has_bus and not r.money and _BUS_PUT_BACK_RE.search(r.low):
        return Intent.UPDATE_BOOKING, 0.85
    crewed = sig.has_driver or sig.has_bus
    unpaid_undated = not (r.money or r.new_booking or sig.n_dates)
    if sig.has_client and crewed and unpaid_undated and _CLIENTS_TRIP_HEADED_RE.match(r.low):
        return Intent.UPDATE_BOOKING, 0.8  # "Pak Gunawan yg ke tawangmangu: bus 01 ..."
    if sig.from_crew and _OWN_ERRAND_RE.search(r.low) and not UPDATE_RE.search(r.masked):
        return None  # "siap pak, bsk sy jemput rombongan pengajian jam 5": his own day told
    opens_booking = r.new_booking and _BOOKING_OPENS_RE.match(r.low)
    discount = re.search(r"\bdiskon\w*|\bpotongan\s+harga", r.low)
    if discount and not PRICE_CHANGED_RE.search(r.low) and not opens_booking:
        # "pak hendra minta diskon 500rb, yowis tak kasih", "kasih diskon bu dewi 10%": a
        # discount granted lowers the saved price. "bu kepsek ... minta diskon 2jt, katanya
        # langganan. gmn pak?": only asked for, it is news for the one who decides.
        if sig.has_client and discount_granted(r.low) and not sig.from_crew:
            return Intent.UPDATE_BOOKING, 0.8
        return Intent.UNKNOWN, 0.7
    if r.money and _COST_SAID_RE.search(r.low) and not _PRICE_SAID_RE.search(r.low):
        return None
    if r.money and _OFFERED_RE.search(r.low) and news.NO_DEAL_RE.search(r.low):
        # "bu lastri nawar jadi 5jt, blm deal sih": a price offered, not agreed; news.
        return Intent.UNKNOWN, 0.6
    new_price = PRICE_CHANGED_RE.search(r.low) or _NEW_PRICE_RE.search(r.low)
    if _DEDUCTION_SAID_RE.search(r.low) and not new_price:
        # "potongan 1jt aja": an amount taken off (a cancellation's fee, or off the price),
        # never the new price nor money paid; what it is for is asked.
        return Intent.UNKNOWN, 0.7
    if r.question and ADVICE_ASKED_RE.search(r.low):
        return Intent.UNKNOWN, 0.7
    if sig.has_team_member and not sig.has_client and MEMBER_PUT_ON_RE.match(r.low):
        return Intent.UPDATE_BOOKING, 0.8
    if sig.has_team_member and sig.has_client and not r.money and PUT_ON_TRIP_RE.match(r.low):
        return Intent.UPDATE_BOOKING, 0.85  # "slamet tak pasang ke bu dewi tgl 4 ya"
    by_place = sig.has_route_to and BY_DESTINATION_RE.search(r.low)
    given = MEMBER_GIVEN_RE.search(r.low) or (MEMBER_GOES_RE.match(r.low) and not sig.from_crew)
    settled = given and not (sig.has_client or r.question or r.money)
    if by_place and sig.has_team_member and settled:
        # "yg ke malang slamet aja yg bawa": the trip going there given to Slamet.
        return Intent.UPDATE_BOOKING, 0.8
    # A bus size asked for ("minta bus 45 seat") is what a new booking states: with the
    # client, the trip and its price it is the whole trip, and its "minta" no change.
    size_asked = SEATS_RE.search(r.low) is not None
    # So is a number of buses ("pak haryo minta 2 bus tgl 20, jogja - malang, 22jt").
    size_asked = size_asked or BUSES_COUNTED_RE.search(r.low) is not None
    conditional = re.search(
        r"\b(?:kalo|kalau|klo|kl|nek|yen|misal)\s+(?:jadi|jd|fix|deal)\b", r.low
    )
    first_change = UPDATE_RE.search(r.masked)
    # "gimana kalo pak gun pindah tgl 2, bus nya ada ga?": a move only thought of, asked
    # about; nothing changes.
    what_if = r.question and re.match(
        r"(?:\W*(?:pak|bu|mbak|mas|eh|terus|trs|tp|tapi)\W+)*(?:(?:gimana|gmn|gmana|bgmn|bagaimana)\s+)?"
        r"(?:kalo|kalau|klo|kl|misal|misalnya|andaikan|seandainya)\b"
        r"(?!\s+(?:(?:kaya|kayak|kyk|kek)\s+)?(?:gitu|gini|begitu|begini|ngono|ngene)\b)",
        r.low,
    )
    if what_if and (first_change is None or what_if.end() <= first_change.start()):
        # ("..., bus nya ada ga?": whether a bus is free that day is what is asked.)
        buses_asked = re.search(
            r"\b(?:bus|bis|armada)\w*\s+(?:\w+\s+)?(?:ada|kosong|free)\b", r.low
        )
        return (Intent.QUERY_FREE_BUSES, 0.8) if buses_asked and sig.n_dates == 1 else None
    if conditional and (first_change is None or conditional.start() <= first_change.start()):
        # "pak hendra kalo jadi tgl 5 ya, blm pasti", "nanti kalo jadi tak kabari": what may
        # happen, nothing to change yet ("bu dewi mundur ke tgl 6, kalo jadi nanti dia tf
        # dp" changes first; a local pattern).
        return Intent.UNKNOWN, 0.7
    # So is how long it lasts ("jember - solo, tgl 9 januari 4 hari"), unless the trip is
    # moved by days ("diundur 2 hari").
    lasts = TRIP_LENGTH_RE.search(r.low) is not None and dates.shift_days(r.low) is None
    whole_trip = r.booking_shape and r.evidence + sig.has_time + size_asked + lasts >= 5
    # "pak darto booking tgl 14 ..., jemput di terminal jombor": booking a day is a new
    # booking; a weak change word ("jemput") there is one of its details.
    books_a_day = BOOKS_A_DAY_RE.search(r.low)
    # ("pak toni busnya 01 ding": the trip's bus said; blanked with the bus in `masked`.)
    its_bus = _ITS_BUS_SAID_RE.search(r.low) and not r.question
    weak = (WEAK_UPDATE_RE.search(r.masked) or its_bus) and not (whole_trip or books_a_day)
    # "tgl 12 srikandi buat karang taruna": a bus given to a trip, no new one (no route).
    given = sig.bus_for_client and not (r.booking_shape or r.money or sig.has_route)
    # "mbak tgl 5 des jadi ya, 30 org ke pantai indrayanti": the trip said to be on (a
    # client's yes), no change made.
    on = r.masked
    for said_on in re.finditer(r"\b(?:jadi|jd)\s+(?:ya|yaa|yah|kok|mbak|mba|pak|bu|mas)\b", r.low):
        on = on[: said_on.start()] + " " * len(said_on.group()) + on[said_on.end() :]
    changing = UPDATE_RE.search(on) or weak or given
    by_destination = sig.has_route_to and BY_DESTINATION_RE.search(r.low)
    named = sig.has_client or sig.n_dates or by_destination
    # "harganya naik jd 27jt", "jemputnya ganti jam 5": a detail changed naming no booking
    # (the one just saved, or asked whose).
    new_value = r.money or sig.has_time or sig.has_bus or sig.has_route_to or sig.has_stops
    unnamed = not named and new_value and FIELD_CHANGED_RE.search(r.masked)
    if changing and not r.new_booking and unnamed:
        return Intent.UPDATE_BOOKING, 0.7
    if changing and not r.new_booking and named:
        changes = sum(
            (
                sig.n_dates > 0,
                dates.shift_days(r.low) is not None,
                r.money,
                sig.has_time,
                sig.has_route,
                sig.has_bus,
                sig.has_driver,
                sig.has_pickup,
                sig.has_added_buses,
                sig.has_stops,
                sig.has_passengers,
                sig.has_bus_count,
                # "PKK ganti slamet aja": one of the PO's people put on the trip.
                sig.has_team_member and bool(_TEAM_PUT_ON_RE.search(r.low)),
            )
        )
        if changes:
            return Intent.UPDATE_BOOKING, 0.88 if sig.has_client else 0.76
        if sig.has_client and shift_said(r.masked) is not None:
            # "bu dewi diundur aja": that client's trip moved, its new day asked.
            return Intent.UPDATE_BOOKING, 0.8
        return Intent.UPDATE_BOOKING, 0.6
    return None


# A booking said in so many words ("booking", "sewa", "order", "carter"), not only a trip's
# shape (a place to go and a day).
BOOKED_WORD_RE = word_re(
    r"booking|boking|bokin|book|booked|bookingan|order|orderan|pesan|pesen|pesanan|pesenan"
    r"|sewa|nyewa|menyewa|disewa|carter|charter|carteran|borong|reservasi|rental|dp"
)


def _road_news(r: _Reading) -> Verdict | None:
    """A driver's word from the road ("udh sampe hotel, bsk pagi lanjut ke tanah lot",
    "rombongan pak hendra abis ini ke malioboro jam 2"): where his trip goes next, with its
    day or time, is news, no new booking (nor one he may make) and no question of the
    schedule unless it asks."""
    sig = r.sig
    if not sig.from_crew or r.new_booking or BOOKED_WORD_RE.search(r.low) or r.money:
        return None
    if DECLINE_RE.search(r.low):  # "sy lusa ga bisa ke pangandaran": his decline
        return None
    if not (r.booking_shape or (sig.has_route_to and (sig.n_dates or sig.has_time))):
        return None
    return None if r.question else (Intent.UNKNOWN, 0.7)


# A ticket or a room of another way to travel: "tolong pesenin tiket kereta buat aku ke
# jakarta jumat", "pesenin tiket pesawat ke bali", "booking hotel di jogja tgl 5".
OTHER_TRAVEL_RE = re.compile(
    r"\b(?:tiket|tiketnya|kereta|krl|pesawat|kapal|hotel|kamar|travel|ojek|ojol|grab|gojek"
    r"|taksi|taxi)\b"
)


def _other_travel(r: _Reading) -> Verdict | None:
    """ "tolong pesenin tiket kereta buat aku ke jakarta jumat ya pak": a ticket, a seat or a
    room of another way to travel booked for someone, never a charter of the PO's buses
    (no bus, no client, no price said): nothing to record."""
    sig = r.sig
    if not OTHER_TRAVEL_RE.search(r.low) or FLEET_RE.search(r.low):
        return None
    if r.money or sig.has_bus or sig.has_client or sig.has_pending:
        return None
    return Intent.UNKNOWN, 0.7


# "bus 01 udah pulang dari bali": back from where the trip went.
RETURNED_FROM_RE = re.compile(
    rf"\b(?:{ALREADY})\s+(?:pulang|plg|balik|kembali|mulih)\s+(?:dari|dr|dri)\b"
)


_READY_OPENING_RE = re.compile(r"^\W*(?:siap|siyap|siaap|sip|oke|ok|nggih|inggih)\b")


_TRIP_BY_PLACE_OPENS_RE = re.compile(r"\W*(?:(?:trip|rombongan)\s+)?(?:yg|yang)\s+(?:ke|k)\s+[a-z]")


# "pak gunawan yg ke tawangmangu:": a client's trip named by its place, heading what follows.
_CLIENTS_TRIP_HEADED_RE = re.compile(
    r"\W*(?:[a-z.]+\s+){1,4}?(?:yg|yang|sing)\s+(?:ke|k|nang)\s+[a-z]+(?:\s+[a-z]+)?\s*:"
)


# "biaya yg ke bali kmrn ... blm sy laporin": a trip's costs reported, no trip booked.
_COSTS_REPORTED_RE = re.compile(
    r"\b(?:biaya|pengeluaran|ongkos)\w*\b.*\b(?:lapor|laporin|laporkan|dilaporin|setor|setorin"
    # ("biaya trip bali ada yg blm dicatat: hotel sopir 600rb, ...": the ones left out.)
    r"|dicatat|dicatet|kecatat|kecatet|diinput|masuk)\b[^?]*:"
)
# "bu sinta udh pernah sewa blm sih sblmnya?": whether the client hired before, asked.
_HIRED_BEFORE_ASKED_RE = re.compile(
    r"\bpernah\s+(?:sewa|nyewa|booking|pesan|pesen|carter|order|pake|pakai|ikut)\b"
)


# "wingi sinar abadi kita kasih piro?", "dulu pak agus harganya brp": a past price asked.
_PRICE_BEFORE_ASKED_RE = re.compile(
    rf"\b(?:wingi|{YESTERDAY}|dulu|biyen|mbiyen|waktu\s+itu|wkt\s+itu|terakhir|biasane|biasanya)\b"
    rf".*\b(?:{HOW_MUCH})\b"
)


# "besok kayaknya pak yudi mau booking 2 bus": a booking only guessed at, to come.
_BOOKING_GUESSED_RE = re.compile(
    r"\b(?:kayaknya|kyknya|kayanya|kynya|mungkin|sepertinya|kemungkinan|kira2|kiranya)\b"
    r"[^.?!]*\b(?:mau|mo|akan|bakal|pengen|pingin)\s+(?:booking|boking|sewa|nyewa|carter|pesan|pesen)\b"
)


# "pak joni fix tgl 20 des srikandi, blg dp nya minggu depan": the trip itself said on.
_BOOKED_WORD_RE = re.compile(r"\b(?:fix|jadi|jd|booking\w*|sewa|carter|charter|order\w*)\b")


# "dia kan bawa sd muhammadiyah tgl 7 ke bandung": the trip someone of the crew drives,
# told as the reason of a question; no booking.
_CREW_CARRIES_RE = re.compile(
    r"\b(?:dia|doi|beliau)\s+(?:kan\s+|khan\s+|kn\s+|to\s+)?"
    r"(?:bawa|nyopir|narik|pegang|megang|ngantar|nganter|ngeterke)\b"
)


# A crew member's report opening his message: "lapor pak, ...", "laporan trip ...".
_REPORT_OPENS_RE = re.compile(r"\W*(?:lapor|laporan|laporin|report)\b")


def _create(r: _Reading) -> Verdict | None:
    low = r.low
    if _CREW_CARRIES_RE.search(low) and not r.money:
        return None
    if (
        _BOOKING_GUESSED_RE.search(low)
        and not r.money
        and not re.search(r"\b(?:tolong|tlg|catat\w*|catet\w*|dicatat|dicatet|input\w*)\b", low)
    ):
        return Intent.UNKNOWN, 0.7
    if (PROMISE_RE.search(low) or news.MONEY_LATER_RE.search(low)) and not (
        r.money or r.sig.has_route or r.new_booking or r.sig.has_bus or _BOOKED_WORD_RE.search(low)
    ):
        # "bu dewi janji dp minggu depan": money promised for a day, no trip told (the
        # assistant answers the promise: smalltalk.paid_later).
        return Intent.UNKNOWN, 0.8
    hired = _HIRED_BEFORE_ASKED_RE.search(low)
    # ("booking bu sinta tgl 20 ke bali 20jt, dulu pernah sewa jg kan?": the trip first.)
    said_trip = hired and re.search(r"\d|\bke\s+[a-z]", low[: hired.start()])
    if r.question and r.sig.has_client and hired and not said_trip:
        return Intent.QUERY_SCHEDULE, 0.8  # the client's trips answer it
    if r.question and r.sig.has_client and not r.money and _PRICE_BEFORE_ASKED_RE.search(low):
        # "wingi sinar abadi ke bali kita kasih piro yo?": what a client's past trip was
        # priced at, asked; their trips (with the price) answer it, no booking is made.
        return Intent.QUERY_SCHEDULE, 0.8
    if _COSTS_REPORTED_RE.search(low) and not r.new_booking:
        return None  # "biaya yg ke bali kmrn ada yg blm sy laporin: makan kru 450rb, ..."
    told_new = r.new_booking or BUSES_COUNTED_RE.search(low)
    if (
        r.money
        and COST_OPENS_RE.match(low)
        and not (told_new or _HIRE_RE.search(low) or _CLIENT_MONEY_RE.search(low))
    ):
        return None  # "uang jalan joko bsk ke borobudur 500rb, parkir 50rb": a trip's costs
    if _GOES_IN_RE.search(low) and not (r.sig.has_client or r.new_booking):
        # "habis dari malang langsung masuk bengkel jumat smp minggu": a bus's workshop
        # days, the place where it comes back from; no trip booked.
        return None
    if r.sig.from_crew and _READY_OPENING_RE.match(low) and not r.money:
        return None  # "siap pak, bsk subuh sy otw garasi ambil bus 01": his Siap, no booking
    if r.sig.from_crew and _REPORT_OPENS_RE.match(low) and not r.new_booking:
        return None  # "lapor pak trip pkk ... aman, udh balik garasi ...": his report
    if r.sig.from_crew and DECLINE_RE.search(low) and not (r.money or r.new_booking):
        return None  # "ga bisa narik ke kintamani bsk pak, demam": his trip declined
    if r.sig.has_team_member and DAY_OFF_RE.search(low) and not (r.money or r.new_booking):
        return None  # "joko izin tgl 7, mau kondangan ke purworejo": his day off, and why
    # "bus 02 tgl 15 dipakai rombongan pak harno": a bus taken by a party on a day.
    taken = TAKEN_BY_RE.search(low) and r.sig.has_bus and r.sig.n_dates
    if _PAID_FOR_RENT_RE.search(low) and not (r.sig.has_route or r.sig.has_time):
        return None
    told_new = r.new_booking or BUSES_COUNTED_RE.search(low)
    if _CANCELLED_BEFORE_RE.search(low):
        return None  # "yg batal kemarin pak hendra, tgl 12 ke bandung": a trip called off
    if not told_new and _TRIP_BY_PLACE_OPENS_RE.match(low) and not r.money:
        return None  # "yg ke jakarta smk n 2 depok: bus 02 sopir wahyu ...": a trip booked
    if not (told_new or r.money or r.sig.n_dates) and _CLIENTS_TRIP_HEADED_RE.match(low):
        return None  # "Pak Gunawan yg ke tawangmangu: bus 01 sopir slamet ...": his trip
    if not told_new and RECEIPT_RE.search(low):
        return (
            None  # a pasted transfer receipt: its day, hour and "Rekening Tujuan" are the money's
        )
    if not told_new and _paid_later(r):
        return None  # "... pak hendra bayar 2jt katanya minggu depan": money to come
    # ("terima dp 2jt dr pak gatot, dia mau ke dieng tgl 20 jemput jam 5", "... tgl 20 ke
    # semarang bus 03, harga 8jt": a new booking told with its DP; "yg ke malang tgl 2" names
    # a trip booked.)
    new_trip = re.search(r"\b(?:mau|pengen|pingin|jemput\w*|harga\w*)\b", low) or r.sig.has_bus
    told_trip = new_trip and r.sig.has_route and not re.search(r"\b(?:yg|yang)\b", low)
    received = _RECEIVED_FROM_RE.match(low) and not told_trip
    sent_for_trip = _DP_SENT_FOR_TRIP_RE.search(low) and not told_trip
    if r.money and (_PAID_AS_DP_OF_RE.search(low) or received or sent_for_trip) and not told_new:
        # "pak agus tf 2,5jt buat dp trip tgl 16 ke dieng": the DP of a trip booked, its day
        # and place say which; no new booking.
        return None
    if RETURNED_FROM_RE.search(low) and not (r.new_booking or CREATE_RE.search(low)):
        return None  # "bus 01 udah pulang dari bali": a trip come back, no new one
    if r.new_booking or CREATE_RE.search(low) or r.booking_shape or TRIP_RE.search(low) or taken:
        if r.evidence >= 3:
            return Intent.CREATE_BOOKING, 0.93
        if r.evidence == 2:
            return Intent.CREATE_BOOKING, 0.8
        if r.evidence == 1 and r.new_booking:
            return Intent.CREATE_BOOKING, 0.65
    return None


# "pak hendra udh tf", "bu dewi barusan transfer": a client's money said come, its amount
# not said (the assistant asks it), nothing else in the message.
_PAID_UNSAID_RE = re.compile(
    rf"^\W*(?:(?:{ALREADY}|barusan|br|baru)\s+)?(?:(?:{ALREADY}|barusan|br|baru)\s+)?"
    rf"(?:{TRANSFER}|{PAY}|{DP}|lunas|ngelunasi|melunasi|dilunasi|pelunasan)"
    r"(?:\s+(?:ya|pak|bu|mbak|mba|mas|min|kak|bos|tuh|kok|ini))*\W*$"
)


def _payment_word(r: _Reading) -> Verdict | None:
    if DP_SUM_FORFEITED_RE.search(r.low):
        return None  # "dp 3jt hangus": kept by a cancellation, no money coming in
    if _costs_beside_receipt(r):
        return None
    if r.sig.has_bus and not r.sig.has_client and _WORKSHOP_BILL_RE.search(r.low):
        return None  # "bus 05 udh metu bengkel ... total biaya 2,75jt tak bayar cash"
    if r.sig.has_client and not (r.money or r.question or r.sig.from_crew):
        said = r.masked.strip()
        if _PAID_UNSAID_RE.match(said) and re.search(rf"\b(?:{ALREADY}|barusan)\b", said):
            return Intent.RECORD_PAYMENT, 0.7
    return (Intent.RECORD_PAYMENT, 0.7) if PAYMENT_RE.search(r.low) and r.money else None


def _client_new_values(r: _Reading) -> Verdict | None:
    # "bu Ningsih brkt jam 4 pagi ya, harga 4.750rb": new values for a known client.
    sig = r.sig
    price_word = re.search(r"\b(?:harga|harganya|hrg|biaya|ongkos|tarif)\b", r.low)
    if RECEIPT_RE.search(r.low):
        return None  # a pasted transfer receipt: its hour and "Biaya Admin" are the money's
    if sig.has_client and (sig.has_time or (r.money and price_word)) and not sig.has_route:
        return Intent.UPDATE_BOOKING, 0.6
    if sig.has_client and sig.has_passengers and not (r.question or r.money or sig.has_route):
        # "rombongan bu dewi pesertanya 90an org": the count of a booked trip, told.
        return Intent.UPDATE_BOOKING, 0.8
    return None


def _repair_cost(r: _Reading) -> Verdict | None:
    sig = r.sig
    if sig.has_bus and r.money and REPAIR_RE.search(r.low) and not sig.has_client:
        return Intent.LOG_MAINTENANCE, 0.65
    return None


FIXED_RE = word_re(
    r"dibenerin|benerin|diperbaiki|dibetulin|betulin|dibetulkan|dilas|ditambal|tambal"
    r"|diservis|diservice|bengkel|bengkelin|dibengkelin|perbaikan|reparasi"
    rf"|(?:{ALREADY})\s+(?:di)?ganti"
)


def _repair_unnamed(r: _Reading) -> Verdict | None:
    """ "udh dibenerin di bengkel pinggir jalan 350rb": a repair paid, its bus unsaid (the
    one just reported, or the driver's): unsure, so Claude (when set) reads it again."""
    sig = r.sig
    if not r.money or r.question or sig.has_client or sig.has_route or r.new_booking:
        return None
    if FIXED_RE.search(r.low) and not PAYMENT_RE.search(r.low):
        return Intent.LOG_MAINTENANCE, 0.7
    return None


# A schedule asked plainly ends with a polite word at most: "... dong", "... ya pak".
_PLAIN_END = rf"(?:\s+(?:{_POLITE}))?\s*[.!]*\s*"
# The words naming a schedule, a teammate's or a client's (CLIENT_SCHEDULE_RE).
_SCHEDULE_WORD = r"jadwal|jadwalnya|jdwl|agenda|trip|tripnya"
# "jadwal wahyu", "trip slamet dong": a schedule word and one of the team, nothing else.
MEMBER_SCHEDULE_RE = re.compile(rf"\s*(?:{_SCHEDULE_WORD}|job|jobnya)\s+[a-z]{{3,15}}{_PLAIN_END}")


# "sopir yg nganggur tgl 2", "sopir bus yg kosong tgl 2": the free ones of a day asked
# without a question word.
FREE_ONES_RE = re.compile(
    rf"{_THE_ONES}(?:kosong|nganggur|free|available|ready|lowong|senggang|longgar|prei|standby|stand\s+by|stanby"
    # "bsk bus yg siap jalan apa aja": the ones ready to go out.
    r"|siap\s+(?:jalan|jln|dipake|dipakai|berangkat|brgkt))\b"
)


# "pak narto bsk free ga, buat gantiin yg ke sarangan": whether someone is free, asked, to
# stand in on a trip (never a booking for him, nor the free buses).
_FREE = r"kosong|free|nganggur|longgar|senggang|lowong"
FREE_TO_STAND_IN_RE = re.compile(
    rf"\b(?:{_FREE})\s*(?:\?|(?:{NO})\b[^.?!]*\b{STAND_IN}\b)"
    rf"|\b{STAND_IN}\b[^.?!]*\b(?:{_FREE})\s*(?:\?|(?:{NO})\b)"
)


def _free_to_stand_in(r: _Reading) -> Verdict | None:
    sig = r.sig
    if r.money or sig.has_bus or not (sig.has_client or sig.has_team_member):
        return None
    if FREE_TO_STAND_IN_RE.search(r.low) and STAND_IN_RE.search(r.low):
        return Intent.QUERY_SCHEDULE, 0.8
    return None


# "bus opo sing cukup?", "bis apa yg muat?": which bus holds a group, asked.
_BIG_ENOUGH_RE = re.compile(
    r"\b(?:bus|bis|unit)\s+(?:apa|opo|mana|ndi|sing\s+endi|yg\s+mana)\s+(?:yg\s+|yang\s+|sing\s+)?"
    r"(?:cukup|cukop|muat|mua|nampung|kuat|pas)\b"
)
# A group's size: "55 orang", "pesertane 55 wong", "45an org".
_GROUP_SIZE_RE = re.compile(
    r"\b\d{1,3}(?:an)?\s*(?:orang|org|wong|peserta|pax|penumpang|jiwa)\b"
    r"|\b(?:peserta|penumpang|rombongan)\w*\s+\d{1,3}\b"
)


def _bus_big_enough(r: _Reading) -> Verdict | None:
    """ "karang taruna 12 des pesertane 55 wong, bus opo sing cukup?": the free buses big
    enough for the group that day (the seats it needs), never the schedule of that day. A
    client's group grown, asking whether its bus holds it ("sd muhammadiyah pesertane nambah
    dadi 75 bocah, srikandi cukup ra?"): the count to record, whose proposal says whether
    the trip's seats hold it."""
    if "?" not in r.low or r.money:
        return None
    # "..., srikandi cukup ra?" beside the group grown or shrunk to a count ("pesertane
    # nambah dadi 75 bocah"). (Local patterns: their words explain no other message to the
    # coverage check.)
    its_bus_enough = re.search(
        r"\b(?:cukup|cukop|muat|nampung|kuat)\s+(?:ra|ora|ga|gak|nggak|tidak|tdk|gk|ndak|po|ya"
        r"|kan)?\W*\?",
        r.low,
    )
    group_now = re.search(
        r"\b(?:jadi|jd|dadi|nambah\s+(?:jadi|jd|dadi)|berkurang\s+(?:jadi|jd)|kurang\s+(?:jadi|jd))"
        r"\s+\d{1,3}\s*(?:orang|org|wong|peserta|pax|penumpang|bocah|anak|siswa|murid)\b",
        r.low,
    )
    if r.sig.has_client and group_now and its_bus_enough:
        return Intent.UPDATE_BOOKING, 0.8
    if not _BIG_ENOUGH_RE.search(r.low):
        return None
    return (Intent.QUERY_FREE_BUSES, 0.8) if _GROUP_SIZE_RE.search(r.low) else None


def _free_asked(r: _Reading) -> Verdict | None:
    sig = r.sig
    if not (sig.n_dates and FREE_ONES_RE.search(r.low)) or r.money:
        return None
    if sig.has_client or sig.has_bus or sig.has_route:
        return None
    if FLEET_RE.search(r.low) or CREW_WORD_RE.search(r.low):
        return Intent.QUERY_FREE_BUSES, 0.8
    return None


# "jadwal pak hendra", "tripnya bu dewi dong": a schedule word and a client, nothing else
# (the client blanked out of the masked text).
CLIENT_SCHEDULE_RE = re.compile(rf"\s*(?:{_SCHEDULE_WORD}){_PLAIN_END}")


# "hendra brp", "bu dewi berapa?": how much, of a client and nothing else.
CLIENT_HOW_MUCH_RE = re.compile(rf"\s*(?:brp|berapa|brapa|piro|pinten)\s*\??{_PLAIN_END}\??\s*")


# "Jadwal", "jadwal dong pak", "agenda": the schedule word alone asks for the schedule
# (today's, or a driver's next trips), as "jadwal?" does.
SCHEDULE_ALONE_RE = re.compile(
    rf"\s*(?:jadwal|jdwl|agenda)\s*(?:(?:{_POLITE}|nih|sih|skrg|sekarang)\s*)*"
    r"[.!]*\s*"
)
# "jadwal sy", "jadwalku", "minta jdwl narik sy mbak", "trip saya dong": the sender's own
# trips asked with no day and no question word (a driver's are his, answered as "jadwal
# saya kapan?" is).
OWN_SCHEDULE_ALONE_RE = re.compile(
    r"\s*(?:(?:minta|cek|liat|lihat|kirim|info)\s+)?"
    r"(?:jadwal|jdwl|agenda|trip|job|orderan|tugas)"
    rf"(?:ku|\s+(?:(?:narik|nyopir|jalan|kerja)\s+)?(?:{ME}))"
    rf"\s*(?:(?:{_POLITE}|nih|sih|skrg|sekarang)\s*)*[.!]*\s*"
)


# "tgl 26 udh penuh", "sabtu udh full": the fleet told all booked that day.
FULL_TOLD_RE = re.compile(rf"\b(?:{ALREADY})\s+(?:full|penuh|fullbook\w*)\b")


def _day_told_full(r: _Reading) -> Verdict | None:
    """ "tgl 26 udh fully booked yaa, td ada yg nanya aku tolak": a day said to be full, an
    enquiry turned down, is news: nothing asked, nothing to record ("tgl 26 udh penuh
    blm?" asks, read by the questions)."""
    if r.question or r.money or not FULL_TOLD_RE.search(r.low):
        return None
    return Intent.UNKNOWN, 0.7


def _schedule(r: _Reading) -> Verdict | None:
    low = r.low
    if SCHEDULE_ALONE_RE.fullmatch(low) or OWN_SCHEDULE_ALONE_RE.fullmatch(low):
        return Intent.QUERY_SCHEDULE, 0.85
    if r.sig.has_team_member and not r.sig.has_client and MEMBER_SCHEDULE_RE.fullmatch(low):
        # That person's trips, asked without a day or a question mark.
        return Intent.QUERY_SCHEDULE, 0.8
    if r.sig.has_client and not r.money and CLIENT_SCHEDULE_RE.fullmatch(r.masked):
        return Intent.QUERY_SCHEDULE, 0.85  # that client's trips, asked without a "?"
    if (
        r.sig.has_client
        and not (r.money or r.sig.from_crew or r.sig.n_dates)
        and CLIENT_HOW_MUCH_RE.fullmatch(r.masked)
    ):
        # "hendra brp", "bu dewi berapa?": the client's money, asked bare; the balance
        # (price, paid, what is left) answers whichever was meant. Unsure, so under the
        # threshold: with a key, Claude reads it.
        return Intent.QUERY_OUTSTANDING, 0.7
    if SCHEDULE_RE.search(low) and (r.sig.n_dates or CHECK_RE.search(low)) and not r.money:
        return Intent.QUERY_SCHEDULE, 0.85 if re.search(r"\b(?:jadwal|agenda)\b", low) else 0.7
    return None


def _outstanding(r: _Reading) -> Verdict | None:
    low = r.low
    if PROMISE_RE.search(low) and not (r.money or r.question):
        # "bu ratna janji bayar sisanya tgl 10": a promise passed on, nothing asked or
        # recorded (the promise of money alone is unknown, as in _payment).
        return Intent.UNKNOWN, 0.8
    if REST_CAME_IN_RE.search(low) and not r.question:
        return None  # "pt sumber makmur udh lunas ya, sisane masuk bca td pagi": paid off
    if OUTSTANDING_RE.search(low) and not r.money and (r.sig.has_client or CHECK_RE.search(low)):
        return Intent.QUERY_OUTSTANDING, 0.7
    return None


def _fleet_status(r: _Reading) -> Verdict | None:
    # "status semua bus dong": asked without a question mark.
    if re.search(r"\b(?:status|posisi|kondisi|lokasi)\w*\b", r.low) and (
        r.sig.has_bus or FLEET_RE.search(r.low)
    ):
        return Intent.QUERY_BUS_STATUS, 0.75
    if (
        re.search(r"\b(?:posisi|lokasi)\w*\b", r.low)
        and r.sig.has_team_member
        and not (r.sig.has_client or FLEET_RE.search(r.low) or r.money)
    ):
        return Intent.QUERY_SCHEDULE, 0.75  # "posisi slamet skrg": his trip of today
    return None


_OWED_ASKED_RE = re.compile(
    r"\b(?:blm|belum|durung)\s+(?:lunas|bayar|byr)\b|\b(?:nunggak|utang|hutang|piutang)\b"
)


def _holidays(r: _Reading) -> Verdict | None:
    """The public holidays of a period asked: anyone may ask, it tells no money. A person's
    own day off ("sy libur tgl 5 ya") is not this."""
    # "libur anak sekolah kapan ya, biar sy siapin armada": the "libur" of the school break
    # is nobody's day off, whoever is named after it.
    if r.money or SELF_FREE_RE.search(SCHOOL_BREAK_RE.sub(" ", r.low)):
        return None
    if _OWED_ASKED_RE.search(r.low):
        return None  # "abis long weekend kmrn sapa aja yg blm lunas?": who owes, the days why
    if (SCHOOL_BREAK_RE.search(r.low) or LEBARAN_RE.search(r.low)) and DAY_OF_ASKED_RE.search(
        r.low
    ):
        return Intent.QUERY_SEASON, 0.85  # "libur sekolah kapan", "lebaran tgl brp"
    days_off = HOLIDAYS_RE.search(r.low) or (
        # "libur januari ada apa aja": the holidays of the month, no trip or person's day off
        HOLIDAY_WORD_RE.search(r.low)
        and r.sig.n_dates
        and not (r.sig.has_bus or r.sig.has_client or r.sig.has_team_member or r.sig.has_driver)
        and not FLEET_RE.search(r.low)
        and not re.search(rf"\b(?:{DRIVER}|{KERNET})", r.low)
    )
    if not days_off:
        return None
    if not (r.question or DOUBT_RE.search(r.low) or WHICH_DAYS_RE.search(r.low)):
        return None
    return Intent.QUERY_SEASON, 0.85


# The costs of a trip listed, asked: "biaya trip bu dewi apa aja", "rincian pengeluarannya".
_COST_WORD = r"(?:biaya|pengeluaran|ongkos)\w*"
_LISTED = r"apa\s+(?:aja|saja|aj|ae|wae)|rincian\w*|rinci\w*|detail\w*|detil\w*|perincian\w*"
COSTS_LISTED_RE = re.compile(
    rf"\b{_COST_WORD}\b[^,.;?!\n]*?\b(?:{_LISTED})\b|\b(?:{_LISTED})\s+(?:\w+\s+)?{_COST_WORD}\b"
)
# The profit itself asked by its amount: "untungnya brp", "brp labanya".
PROFIT_ASKED_RE = re.compile(
    rf"{PROFIT_RE.pattern}[^,.;?!\n]*?\b(?:brp|berapa|brapa|gimana|gmn)\b"
    rf"|\b(?:brp|berapa|brapa)\s+(?:\w+\s+)?{PROFIT_RE.pattern}"
)


# A wish heard of someone: "kata pak ujang mau nambah bus", "ceuk pa ujang bade ...".
_WISH_HEARD_RE = re.compile(
    r"\b(?:kata|katanya|ktnya|jare|jarene|ceuk|ceunah)\b[^.?!\n]*\b(?:mau|bade|pengen|pingin|pgn"
    r"|arep|hoyong)\b"
)


def _for_later(r: _Reading) -> Verdict | None:
    """Nothing to record now: what to do if a trip is called off later ("kalo bu rina nanti
    jadi batal dp nya balikin aja semua", "kalo pak agus batal, dp nya hangus aja"); what it
    would cost, asked, is a question ("kalo bu dewi batal kena brp")."""
    asked = r.question or ASKS_AMOUNT_RE.search(r.low) or re.search(r"\bkena\b", r.low)
    if news.IF_CANCELLED_RE.search(r.masked) and not asked:
        return Intent.UNKNOWN, 0.8
    # "rencananya bus 02 mau tak masukin bengkel abis tahun baru, tp blm pasti": a plan
    # said to be unsure; "makasih pak, nanti sy cek lg tf yg blm masuk": the sender's own
    # check promised. Neither asks or records anything. (Local patterns: their words
    # explain no message to the coverage check.)
    unsure = re.search(
        r"\b(?:blm|belum|durung|dereng|ga|gak|tdk|tidak)\s+(?:pasti|fix|tentu)\b", r.low
    )
    planned = re.search(r"\b(?:rencana(?:nya)?|kyknya|kayaknya|mungkin|niatnya)\b", r.low)
    own_check = re.search(
        r"^\W*(?:makasih|makasi|mksh|trims|thx|suwun|nuhun|ok|oke|siap)\b.*"
        r"\b(?:nanti|ntar|tar|mengko|engke)\s+(?:sy|saya|aku|kulo|tak)\s+(?:cek|liat|lihat|tanya)",
        r.low,
    )
    # ("mungkin tgl 20an kir bus 01 tak urus sendiri, liat nanti lah": left for later.)
    later = re.search(r"\b(?:liat|lihat|diliat|dilihat|ndelok)\s+(?:nanti|ntar|mengko)\b", r.low)
    # (Said beside money, a reading or a booking, the plan is only part of the message:
    # "pak hendra lunas 8jt cash barusan. nanti sy cek lg" records the payment.)
    told_more = r.money or r.sig.has_odometer or r.new_booking or r.booking_shape
    # (A price quoted to someone who asked is no money moved: "sy jawab 15jt".)
    money_moved = r.sig.has_odometer or re.search(
        r"\b(?:dp|tf|transfer\w*|bayar\w*|byr|lunas\w*|pelunasan|cash|tunai|solar|tol|parkir)\b",
        r.low,
    )
    if (
        "?" not in r.low
        and not told_more
        # ("kata pak ujang mau nambah bus, tapi belum pasti": a wish, said unsure.)
        and (
            (unsure and (planned or (_WISH_HEARD_RE.search(r.low) and not asked)))
            or own_check
            or (later and planned)
        )
    ):
        return Intent.UNKNOWN, 0.7
    # "td ada yg telp sy nanya bus kosong tgl 1 juli, sy bilang nanti dikabari kantor":
    # someone else's question, answered already.
    # ("ntar kalo ade yg nanya bus ke bali kite bilang penuh aje kali ye?": what to answer
    # such a question, asked of a colleague.)
    if_asked = re.search(
        r"\b(?:kalo|kalau|klo|kl|nek)\s+(?:ada|ade|onok|ono)\s+(?:yg|yang)\s+", r.low
    )
    if (
        ("?" not in r.low or if_asked)
        and not money_moved
        and re.search(r"\b(?:nanya|nanyain|tanya|takon)\b", r.low)
        and re.search(r"\b(?:sy|saya|aku|tak|kita|kite)\s+(?:bilang|blg|jawab|jwb)\b", r.low)
    ):
        return Intent.UNKNOWN, 0.7
    # "besok2 kita coba cari klien di solo raya yuk, sapa tau rame": "who knows", no question.
    if (
        "?" not in r.low
        and not told_more
        and re.search(r"\b(?:sapa|siapa|sopo|saha)\s+(?:tau|tahu|tw|ngerti)\b", r.low)
    ):
        return Intent.UNKNOWN, 0.7
    # "bus srikandi klo bisa ngomong pasti minta pensiun 🤣", "kyknya bln dpn bus 03 perlu
    # turun mesin deh, tp nanti aja diliat": a joke, a wish or a maybe, no request.
    joke = re.search(r"🤣|😂|😆|😅|\bwk(?:wk)+\b|\bha(?:ha)+\b", r.low)
    if (
        joke
        and not told_more
        and re.search(r"\b(?:kalo|kalau|klo|kl|nek|andai\w*|seandainya)\b", r.low)
    ):
        return Intent.UNKNOWN, 0.7
    maybe = re.search(r"\b(?:kyknya|kayaknya|kayane|kyke|sepertinya|mungkin)\b", r.low)
    needs = re.search(r"\b(?:perlu|harus|kudu|butuh)\b", r.low)
    if (
        maybe
        and needs
        and not told_more
        and not r.sig.from_crew  # ("kayaknya rem bus 02 harus dicek, nanti sore...": his report)
        and re.search(r"\b(?:nanti|ntar|mengko)\b", r.low)
        and "?" not in r.low
    ):
        return Intent.UNKNOWN, 0.7
    # "kalo bus 03 masuk bengkel minggu depan, jadwalnya nanti tak atur ulang sendiri",
    # "jgn lupa ya sar, kalo pak koko udh pulang nanti km akhirnya dicatat": what is to be
    # done once something happens, nothing that has.
    if not money_moved and re.search(
        r"^\W*(?:(?:jgn|jangan|ojo)\s+lupa\w*\W+(?:\w+\W+){0,2})?(?:kalo|kalau|klo|kl|nek|misal)\b"
        r".*\b(?:nanti|ntar|mengko|engke)\b.*\b(?:di|tak\s+|sy\s+|aku\s+)?"
        r"(?:atur|urus|catat|kabar|kabari|kabarin|omongin|bilang)\w*",
        r.low,
    ):
        return Intent.UNKNOWN, 0.7
    # "bu rahma minta pulangnya diundur sehari, sy bilang tanya bapak dulu": the client's
    # wish, not yet agreed by whoever decides.
    if re.search(
        r"\b(?:tanya|tanyain|takon|nanya|izin|ijin)\s+(?:ke\s+)?(?:bapak|ibu|pak\s+\w+|bos|boss"
        r"|owner|juragan|pimpinan)\s+(?:dulu|dl|disik|sek)\b",
        r.low,
    ) and (
        re.search(r"\b(?:minta|pengen|pingin|mau|nanya)\b", r.low)
        and not (r.money or r.new_booking)
        and "?" not in r.low
    ):
        return Intent.UNKNOWN, 0.7
    # "td penumpang ngasih tips 100rb ke sy": a tip to the crew is no client's payment.
    if (
        re.search(r"\b(?:tips|tip|tipnya|tipsnya|persenan)\b", r.low)
        and r.sig.from_crew
        and r.sig.n_money == 1
        and not re.search(
            r"\b(?:dp|pelunasan|lunas\w*|sisa\w*|nitip|titip|solar|bbm|tol|parkir|makan)\b", r.low
        )
    ):
        return Intent.UNKNOWN, 0.7
    # "bulan ini solar abis banyak banget ya, hampir 20jt": a month's spending remarked on,
    # no cost of one trip.
    if (
        re.search(r"\b(?:bulan|bln|minggu|tahun|thn)\s+(?:ini|kemarin|kmrn|lalu)\b", r.low)
        and re.search(r"\b(?:hampir|sekitar|kira2|kira-kira|kurang\s+lebih|banyak|boros)\b", r.low)
        and r.money
        and not (r.sig.has_client or r.sig.has_bus or r.question)
        and not re.search(r"\b(?:catat|catet|input)\b", r.low)
    ):
        return Intent.UNKNOWN, 0.7
    return None


def _money_question(r: _Reading) -> Verdict | None:
    """Cancellation fee, profit, the best bus, the season: asked, never recorded."""
    low = r.low
    # "pak hendra batal, dp 3jt dibalikin 2jt, yg 1jt hangus buat biaya batal" tells what
    # was agreed (a cancellation), it asks nothing.
    agreed = r.money and not (r.question or ASKS_AMOUNT_RE.search(low) or IF_RE.search(low))
    # "kalo bu dewi batal kena brp", "kalau bu dewi batal gimana?": what a cancellation
    # would cost, asked; nothing is cancelled.
    what_then = HOW_MUCH_RE.search(low) or ASKS_AMOUNT_RE.search(low)
    if IF_CANCEL_RE.search(low) and what_then and not agreed:
        return Intent.QUERY_CANCELLATION_FEE, 0.88
    if IF_CANCEL_RE.search(low) and low.rstrip().endswith("?") and not r.money:
        # "trus nek bu dewi sing batal?": what it would cost if she cancelled, asked.
        return Intent.QUERY_CANCELLATION_FEE, 0.85
    if r.money or not (r.question or DOUBT_RE.search(low)):
        return None
    if EARNS_RE.search(low) and FLEET_RE.search(low):
        return Intent.QUERY_BUS_REVENUE, 0.88
    idle = IDLE_ALL_RE.search(low) and (PERIOD_RE.search(low) or r.sig.n_dates)
    person = r.sig.from_crew or r.sig.has_team_member or r.sig.has_maintenance_type
    if idle and not (r.sig.has_client or r.sig.has_bus or person):
        return Intent.QUERY_BUS_REVENUE, 0.85
    if PROFIT_RE.search(low):
        if COSTS_LISTED_RE.search(low) and not PROFIT_ASKED_RE.search(low):
            # "biaya trip bu dewi apa aja, kok untungnya tipis": the costs are asked, the
            # profit only remarked on.
            return Intent.QUERY_TRIP_COSTS, 0.8
        return Intent.QUERY_PROFIT, 0.88
    # "tgl 21 sy ga bisa narik, mudik ke kampung istri": the sender declining a day, the
    # season his reason (_decline), never asked.
    declines = DECLINE_RE.search(low) and (r.sig.from_crew or OWN_RE.search(low))
    asked = asked_part(low)
    if SEASON_AS_TIME_RE.search(low) and not BUSY_RE.search(asked):
        return None
    if _OWED_ASKED_RE.search(low):
        return None  # "abis long weekend kmrn sapa aja yg blm lunas?": who owes, dated
    if re.search(rf"\b{_INCOME_WORD}\s+(?:\w+\s+)?(?:{HOW_MUCH})\b", low):
        return None  # "minggu ini pemasukan brp, rame ga": the income asked, its busy-ness aside
    if r.sig.from_crew and _ERRAND_CALLED_OFF_RE.search(low):
        return None  # "sy jadi bisa narik, ga jadi mudik": his own trip home called off
    if r.sig.has_client and CANCEL_RE.search(r.masked) and not IF_RE.search(low):
        return None  # "pak bayu cancel mbak, ga jadi liburan. dp hangus ya": his trip cancelled
    if SEASON_RE.search(asked) and not declines and not season_remarked(asked):
        unwondered = re.sub(r"\bkok\b", " ", low)
        if unwondered != low and not (QUESTION_RE.search(unwondered) or DOUBT_RE.search(low)):
            # "kok sepi yo awal taun ngene iki": wondering at the quiet now, asking nothing.
            return Intent.UNKNOWN, 0.7
        if _TODAY_RE.search(low) and not QUESTION_RE.search(low):
            # "hr iki sepi ya, ra ono sing telpon": the quiet of today remarked, no question.
            return Intent.UNKNOWN, 0.7
        if FREE_WORD_RE.search(low) and FLEET_RE.search(low):
            # "tgl 20 sampe 22 ada bus yg kosong ga, musim mudik": the buses free on the days
            # said (the rules on questions); "pas lebaran ada bus kosong ga": no day to ask.
            return None if r.sig.n_dates else (Intent.QUERY_FREE_BUSES, 0.7)
        return Intent.QUERY_SEASON, 0.85
    return None


# A question of something else that a season word only dates: "abis lebaran bus mana yg
# udh waktunya ganti oli" (the buses due for work).
SEASON_DATES_RE = word_re(
    rf"(?:{_TIME_FOR}|jadwal|jatuh\s+tempo)\s+(?:servis\w*|service|ganti|tune\s*up|perawatan|cek)"
)


_TODAY_RE = re.compile(r"\b(?:hr|hari|ari|dina|dino)\s+(?:iki|ini|iki|niki)\b")


def season_remarked(asked: str) -> bool:
    """The season said beside a question of its own clause ("bulan maret total duit masuk
    brp sih, lebaran kmrn kan rame", "sebelum musim mudik, surat2 bus yg mau abis apa aja",
    "yg masih ngutang siapa aja, jgn smp lewat lebaran"): the season is a remark or the
    time of what is asked, never the question."""
    if SEASON_DATES_RE.search(asked):
        return True
    clauses = [c for c in re.split(r"[,.;\n]+", asked) if c.strip()]
    seasonal = [c for c in clauses if SEASON_RE.search(c)]
    others = [c for c in clauses if not SEASON_RE.search(c)]
    # ("bulan kemarin dapet brp, kok sepi gini": its "kok" wonders at the quiet, no question.)
    wondered = [re.sub(r"\bkok\b", " ", c) for c in seasonal]
    if not others or any(QUESTION_RE.search(c) or DOUBT_RE.search(c) for c in wondered):
        return False
    return any(QUESTION_RE.search(c) for c in others)


def asked_part(low: str) -> str:
    """What a message asks, without a remark said after its last "?" ("bulan maret masuk
    brp total? rame bgt kyknya pas lebaran": the income asked, the busy season remarked)."""
    return low[: low.rindex("?") + 1] if "?" in low.rstrip("? ") else low


# Workshop work and its money ("bengkelnya", "servisan", "spare part"): one list for every
# rule (a second, narrower one once shadowed this one unseen).
WORKSHOP_RE = word_re(
    r"bengkel\w*|servis\w*|service|perawatan|perbaikan|reparasi|maintenance|maintenis|onderdil"
    r"|sparepart|spare\s+part"
)
SPENT_RE = word_re(
    r"biaya\w*|ongkos\w*|pengeluaran\w*|spend|belanja|nombok|keluar\s+(?:duit|uang)|tagihan\w*"
    rf"|(?:duit|uang)\s+keluar|(?:habis|abis|hbs)\s+(?:\w+\s+)?(?:{HOW_MUCH})"
    # "ngabisin brp di bengkel": what it used up.
    rf"|(?:ngabisin|ngabisain|ngehabisin|menghabiskan|habisin|abisin)\s+(?:\w+\s+)?(?:{HOW_MUCH})"
)


def _workshop_costs(r: _Reading) -> Verdict | None:
    """ "total biaya bengkel bulan ini brp": what the workshop cost, asked, never a repair
    recorded (that names its cost)."""
    asks = re.search(rf"\b(?:{HOW_MUCH}|rekap|total|totalnya|jumlah)\b", r.low)
    if r.money or r.sig.has_client or not asks:
        return None
    if WORKSHOP_RE.search(r.low) and SPENT_RE.search(r.low):
        return Intent.QUERY_WORKSHOP_COSTS, 0.86
    if (
        WORKSHOP_RE.search(r.low)
        # ("total servis kmrn dadi piro": the total of a day's.)
        and (_A_PERIOD_RE.search(r.low) or re.search(r"\btotal\w*\b", r.low))
        and re.search(rf"\b(?:{HOW_MUCH})\b", r.low)
        and not _BUSES_COUNTED_RE.search(r.low)
        and not _NOT_MONEY_ASKED_RE.search(r.low)
    ):
        # "skrg bengkel bulan ini jd brp": a period's workshop, asked how much, is its
        # money ("brp bus di bengkel" counts buses).
        return Intent.QUERY_WORKSHOP_COSTS, 0.86
    return None


# "bulan ini", "minggu lalu", "bulan november": a period asked about.
_A_PERIOD_RE = re.compile(
    r"\b(?:bulan|bln|minggu|mgg|tahun|thn)\s+(?:ini|lalu|kemarin|kmrn|kmarin)\b"
    rf"|\b(?:bulan|bln)\s+(?:{dates.MONTH_RE})\b"
    # "bengkel bus 05 november piro": a month named alone, no day before it.
    rf"|(?:^|(?<![\d\s])\s+|\bbus\s+\d{{1,2}}\s+)(?:{dates.MONTH_RE})\b"
)
# Buses counted ("brp bus di bengkel"), not one bus named ("bengkel bus 03 ... brp").
_BUSES_COUNTED_RE = re.compile(r"\b(?:bus|bis|armada|unit|mobil)\w*\b(?!\s*\d)")
# "brp kali ke bengkel", "brp hari", "tgl brp": how often or when, never money.
_NOT_MONEY_ASKED_RE = re.compile(
    r"\b(?:brp|berapa)\s+(?:kali|x|hari|trip|lama)\b|\btgl\s+brp\b|\bkm\b|\b(?:kosong|jadwal)\b"
)


def _waive_fee(r: _Reading) -> Verdict | None:
    """ "bebaskan biaya batal bu dewi": the owner lets a cancellation fee go."""
    # "... soalnya blm dp apa2": a reason given ("blm" there asks nothing).
    # "bu dewi protes, blm bayar apa2 kok kena denda. dibebasin aja ya": the client's
    # complaint told ("kok" closed by a full stop), no question.
    told = NOT_YET_SAID_RE.sub(" ", REASON_TAIL_RE.sub(" ", _COMPLAINT_RE.sub(" ", r.low)))
    # ("gpp kok bebasin aja": its "kok" asks nothing, a request follows.)
    told = re.sub(r"\bkok\b(?=[^.?!\n]*\b(?:aja|saja|dong|deh)\b)", " ", told)
    asks = r.question and QUESTION_RE.search(told)
    # ("kok denda bu dewi dihapus.": why it was let go, asked; no request outside it.)
    if WAIVE_RE.search(_COMPLAINT_RE.sub(" ", r.low)) and FEE_WORD_RE.search(r.low) and not asks:
        if CANCELS_TOO_RE.search(CANCELLED_BEFORE_RE.sub(" ", FEE_WORD_RE.sub(" ", r.low))):
            # "bu dewi batal, biaya batalnya ga usah": the cancellation itself, free.
            return Intent.CANCEL_BOOKING, 0.88 if r.sig.has_client else 0.75
        return Intent.WAIVE_CANCELLATION_FEE, 0.88 if r.sig.has_client else 0.75
    return None


# ("gpp kok bebasin aja ...": a request after all, with its "aja".)
_COMPLAINT_RE = re.compile(r"\bkok\b(?![^.?!\n]*\b(?:aja|saja|ae|wae|dong|deh)\b)[^.?!\n]*[.!\n]")
REASON_TAIL_RE = re.compile(r"\b(?:soalnya|soale|karena|karna|krn|krna|sebab)\b.*$")

# A cancellation said besides its fee ("bu dewi batal, biaya batalnya ga usah").
CANCELS_TOO_RE = word_re(r"batal|cancel|dibatalkan|dibatalin|batalin|gajadi|ga\s+jadi|gak\s+jadi")
# The one that cancelled already, pointed at: "yg batal kmrn si Inang Nainggolan bebasin
# aja biaya batalnya" (the fee of a past cancellation let go, no new one).
CANCELLED_BEFORE_RE = re.compile(
    r"\b(?:yg|yang)\s+(?:udh\s+|udah\s+|sudah\s+|sdh\s+)?batal\s+"
    r"(?:kmrn|kemarin|kemaren|kmarin|td|tadi|minggu\s+lalu|kmrn\s+dulu|itu|kuwi|iku)\b"
)


EXTRA_PAID_RE = word_re(r"tambahan|tambah")


def _rate_set(r: _Reading) -> Verdict | None:
    """ "uang jalan sopir mulai bulan dpn naik jd 800rb per hari": a rate set from a day on
    (domain.model.news), no money spent on a trip: nothing to record."""
    if not (r.money and news.rate_from_now(r.low)) or r.sig.has_client or r.asks:
        return None
    return (Intent.UNKNOWN, 0.7) if find_cost_type(r.masked) is not None else None


_WASH_RE = word_re(BUS_WASHED)


_WASHED_AFTER_TRIP_RE = word_re(WASHED_AFTER_TRIP)


# The tow truck called for a bus broken down on the road ("biaya derek 1,5jt").
_TOWED_RE = word_re(r"derek|derekan|towing")


# Work on the bus put on a client's trip by the one paying it: "biaya ganti ban 2jt, masukin
# trip masjid", "ongkos las body 500rb dibebankan ke trip bu dewi".
_CHARGED_TO_TRIP_RE = re.compile(
    r"\b(?:masukin|masukkan|masukan|msk(?:in)?|bebankan|dibebankan|bebanin|dibebanin|tagihkan"
    r"|ditagihkan|taruh|taro|catat|catet)\s+(?:(?:ke|k|di|dlm|dalam)\s+)?(?:biaya\s+)?"
    r"(?:trip|tripnya|perjalanan|rombongan)\b"
)


def _washed_for_trip(r: _Reading) -> bool:
    """ "ongkos cuci bus 75rb trip sdn 1 ungaran": a wash paid for a client's trip; "cuci
    srikandi abis trip 150rb": for the bus's trip just done; "biaya derek bus 01 yg mogok
    1,5jt, masukin trip masjid": the tow its trip needed, no other work on the bus named."""
    trip = r.sig.has_client and TRIP_WORD_RE.search(r.low)
    return bool(
        (trip and _WASH_RE.search(r.low))
        or (
            trip
            and _TOWED_RE.search(r.low)
            and find_maintenance_type(_TOWED_RE.sub(" ", r.low)) is None
        )
        or (trip and _CHARGED_TO_TRIP_RE.search(r.low))
        or _WASHED_AFTER_TRIP_RE.search(r.low)
        or _wash_among_costs(r.low)
    ) and not FIXED_RE.search(r.low)


def _wash_among_costs(low: str) -> bool:
    """ "• uang jalan 500rb\n• solar 650rb\n• cuci bus 50rb": the wash listed with the
    trip's other costs, and no other work on the bus, is one of them."""
    wash = _WASH_RE.search(low)
    if wash is None or len(cost_types(low)) < 2:
        return False
    return find_maintenance_type(low[: wash.start()] + " " + low[wash.end() :]) is None


_PRICE_THEN_WHY_RE = re.compile(
    r"\bharga(?:nya|ne)?\b(?:(?!\b(?:tol|solar|bbm|bensin|parkir|makan|inap|hotel|liter)\b)[^.?!])*?\d"
    rf"[^.?!]*?\b(?:{PRICE_WHY})\b"
)
# "tol ke jakarta skrg 400rb lebih, mahal bgt": what a thing costs these days, remarked
# (nothing said paid: "tol td 400rb, mahal bgt" is a cost of the trip).
_PRICE_NOW_TALK_RE = re.compile(
    r"^(?!.*\b(?:td|tadi|barusan|kmrn|kemarin|kemaren|wingi|bayar|byr|abis|habis|keluar|kluar"
    r"|isi|ngisi|beli|tuku)\b)"
    r"(?=.*\b(?:skrg|skrang|sekarang|saiki|skg)\b)"
    # "400rb lebih", "sekitar 400rb": what it costs these days, roughly.
    r"(?=.*(?:\d\s*(?:rb|ribu|jt|juta|k)?\s*(?:lebih|lbh|an)\b|\b(?:sekitar|kira2|hampir|rata2)\b))"
    r".*\b(?:mahal|muahal|larang|murah)\b"
)


_COST_OF_TRIP_GONE_RE = re.compile(
    r"^\W*(?:biaya\s+|ongkos\s+)?(?:tol|etol|solar|bbm|bensin|parkir|makan|uang\s+makan)\b"
    r"[^.?!]*\b(?:pas|wkt|waktu|wktu)\s+(?:ke|nang)\b"
)


# "uang jalan joko trip solo bu rina, 1 hari", "uang jalan buat trip pak hendra": the crew's
# money for a trip named, with no amount (the PO's daily rate makes it).
_UANG_JALAN_NAMED_RE = re.compile(r"^\W*(?:catat\w*\s+)?(?:uang|duit)\s+jalan\b")


def _uang_jalan_by_rate(r: _Reading) -> Verdict | None:
    if r.money or r.question or not _UANG_JALAN_NAMED_RE.match(r.low):
        return None
    if not (r.sig.has_client or BY_DESTINATION_RE.search(r.low)):
        return None
    return Intent.RECORD_TRIP_COST, 0.8


# A line opening with a cost's word and saying an amount: "solar 550rb", "- parkir 80rb".
COST_LINE_RE = re.compile(
    rf"^[\W\d]*?(?:{'|'.join(words for _, words in COST_WORDS)})(?:nya|e)?\b[^\n]*?"
    rf"(?:{_AMOUNT_RE.pattern}|\d{{1,3}}(?:[.,]\d{{3}})+\b)",
    re.MULTILINE,
)
# A line of a bus's km: "bus 03 km 98.655" (proposed with the costs, no cost itself).
_KM_LINE_RE = re.compile(r"^[^\n]*\b(?:km|odo\w*)\b[^\n]*\d", re.MULTILINE)
# Money of a client's, never a cost: a price, a DP, a pay-off, a transfer, cash handed over.
_CLIENT_MONEY_RE = re.compile(
    r"\b(?:dp|lunas\w*|pelunasan|cicil\w*|nyicil|transfer|tf|trf|harga\w*|hrg|sewa\w*|bayar\w*"
    r"|cash|tunai)\b"
)


def _cost_report(r: _Reading) -> Verdict | None:
    """ "lapor pak trip pkk ... udh balik garasi\nbus 03 km 98.655\nsolar 550rb\nparkir
    80rb\n...": a list of a trip's costs, a line each (from a driver or the office; whose
    trip, its end or its km may be said beside): the costs are the request, the km proposed
    with them (costs_listed)."""
    if r.new_booking or r.asks:
        return None
    return (Intent.RECORD_TRIP_COST, 0.85) if costs_listed(r.low, r.sig.n_money) else None


def costs_listed(low: str, n_money: int) -> bool:
    """A trip's costs typed a line each, every amount of the message on a cost's line or
    the km's ("ini catetan slamet pas ke semarang tgl 16 (pak agus), tolong masukin:\nsolar
    950rb\ntol 380rb ..."): one request, never a booking of that day; never with a client's
    money or a problem of the bus beside them (each read on its own)."""
    if _CLIENT_MONEY_RE.search(low) or PROBLEM_RE.search(low):
        return False
    lines = len(COST_LINE_RE.findall(low))
    return lines >= 2 and lines + len(_KM_LINE_RE.findall(low)) >= n_money


def _trip_cost(r: _Reading) -> Verdict | None:
    """ "biaya solar trip bu dewi 1,2jt": money spent on a trip, never a price or a payment."""
    sig, low = r.sig, r.low
    if (
        r.money
        # "tol 85rb ... blm dicatat" says what is not recorded yet; it asks nothing ("biaya
        # yg ke bali ada yg blm sy laporin: ..." neither).
        and (not r.asks or _COSTS_REPORTED_RE.search(low))
        # A cost word in a note ("ket: nabrak tiang di parkiran") names no cost; work on the
        # bus charged to a trip ("biaya ganti ban 2jt, masukin trip masjid") is one.
        # "harga bu tini jd 6,5jt ya, solar naik soalnya": the market's news gives a price
        # change its reason; it names no cost of the trip.
        and (
            find_cost_type(news.MARKET_TALK_RE.sub(" ", r.masked)) is not None
            or bool(_COST_SAID_RE.search(low) and _washed_for_trip(r))
        )
        and not r.new_booking
        # "yg ke solo kmrn tol nya 120rb": a trip named by where it went is no new booking.
        # So is one named by "trip" and its place ("parkir trip dieng kemarin 230rb").
        and not (
            sig.has_route
            and sig.n_dates
            and not (BY_DESTINATION_RE.search(low) or TRIP_TO_RE.search(low))
            # ("pak tol buat ke malang rabu nanti udh tak isi etoll 650rb": a driver books no
            # trip; the place and day name his.)
            and not sig.from_crew
            # ("tol bus 03 pas ke solo bu rina tgl 27 kmrn 150rb": the cost said first, of a
            # trip gone by.)
            and not _COST_OF_TRIP_GONE_RE.search(low)
            # ("uang jalan joko bsk ke borobudur 500rb": the cost said first, of his trip.)
            and not COST_OPENS_RE.match(low)
        )
        and not INCLUDED_RE.search(low)
        and not _PRICE_NOW_TALK_RE.search(low)
        # "harga pak joni harusnya 5,5jt, lupa tambah tol": the price, the toll why.
        and not _PRICE_THEN_WHY_RE.search(low)
        # A repair done ("ganti filter solar", "ban bocor di tol") is maintenance; the bus
        # washed for a client's trip is the trip's ("ongkos cuci bus 75rb trip sdn 1").
        and not (sig.has_maintenance_type and not (_washed_for_trip(r) or _tow_among_costs(r)))
        # "bu yuli bayar parkir & tol tambahan 450rb cash": the client pays an extra.
        and not (sig.has_method and EXTRA_PAID_RE.search(low))
        and not sig.has_time
    ):
        if _MORE_ASKED_RE.search(low) and not _GIVEN_RE.search(low) and r.sig.n_money == 1:
            return Intent.UNKNOWN, 0.7  # "uang jalan kurang, minta tambah 500rb": asked, not spent
        return Intent.RECORD_TRIP_COST, 0.88 if sig.has_client or TRIP_WORD_RE.search(low) else 0.8
    return None


# What says the money was handed over after all ("udh sy kasih", "wis tak kei").
_GIVEN_RE = re.compile(
    rf"\b(?:{ALREADY}|wis|wes)\s+(?:\w+\s+)?(?:di)?(?:kasih|kasi|ksh|kei|tf|transfer|cair)\w*\b"
)
# "uang jalan ke bali kurang pak, minta tambah 500rb": more money asked for, not spent.
_MORE_ASKED_RE = re.compile(
    r"\b(?:minta|mohon|nyuwun|njaluk|butuh|perlu)\s+(?:di)?(?:tambah|tambahan|tambahin|nambah|tambahi)\b"
)


# "premi sopir trip kudus kmrn blm dikasih pak", "uang jalan sy blm cair": the crew's own
# pay not handed over yet, told (word for the owner), neither the trip's costs nor its
# schedule asked. A closing "udh dikasih blm?" still asks.
_KOK_RE = re.compile(r"\bkok\b")
# "... blm dikasih, udah kau tf?": the one paying asked whether they sent it, the same
# complaint (nothing the assistant answers).
_SENT_ASKED_RE = re.compile(
    r"[,.]?\s*(?:udah|udh|sudah|sdh)\s+(?:(?:kamu|km|kau|abang|bang|bapak|pak)\s+)?"
    r"(?:tf|transfer|trf|ditf|ditransfer|dikirim|kirim)\s*\?+\s*$"
)


# ("uang jalan blm sy terima pak, piye?": what now, after a comma, closing it.)
_WHAT_NOW_RE = re.compile(
    r"\b(?:piye|pripun|gmn|gimana|kumaha)\s+(?:iki|niki|ini|ieu)\W*$"
    r"|[,.]\s*(?:terus\s+|trus\s+|trs\s+|lha\s+)?(?:piye|pripun|gmn|gimana|kumaha)"
    r"(?:\s+(?:pak|bu|bos|mas|mbak))?\W*$"
)
_NOT_GIVEN_TAG_RE = re.compile(
    r"\b(?:blm|belum|durung)\s+(?:di)?(?:kasih|kasi|cair|terima|bayar|transfer|tf)\w*"
    r"\W+(?:ya|yah|yaa)(?:\s+(?:pak|bu|bos|mas|mbak))?\s*\?+\s*$"
)


def _crew_pay_not_given(r: _Reading) -> Verdict | None:
    """ "premi sy trip kmrn blm dikasih pak": one's own pay not given yet, no action (the
    assistant passes it on to the owner and admins; the words in domain/model/news.py).
    "premi saya ... kok belum dikasih ya" wonders, it asks nothing."""
    # "premi sy trip kmrn kok blm cair ya pak?": its "?" wonders with the "kok" too.
    kok = _KOK_RE.search(r.low) or _SENT_ASKED_RE.search(r.low)
    unwondered = NOT_YET_SAID_RE.sub(" ", _KOK_RE.sub(" ", _SENT_ASKED_RE.sub(" ", r.low)))
    wondered = r.question and not QUESTION_RE.search(
        unwondered.replace("?", " ") if kok else unwondered
    )
    # ("premi sy trip kmrn blm dikasih ya pak?": its "ya?" a tag of the complaint; "...,
    # piye iki": what now, wondered.)
    wondered = wondered or bool(_NOT_GIVEN_TAG_RE.search(r.low) or _WHAT_NOW_RE.search(r.low))
    # ("premi sy trip malang blm dikasih pak, 300rb": how much is owed, no cost paid; never
    # "solar 800rb, uang jalan blm dikasih", a cost beside the complaint.)
    pay = news.crew_pay_owed(r.low)
    owed_sum = (
        r.money
        and r.sig.from_crew
        and r.sig.n_money == 1
        and pay is not None
        and find_cost_type(r.low.replace(pay, " ")) is None
    )
    if (r.asks and not wondered) or (r.money and not owed_sum):
        return None
    return (Intent.UNKNOWN, 0.7) if news.crew_pay_owed(r.low) else None


# "trip pak hendra smp skrg keluar brp aja": what went out for it.
# A driver's "uang jalanku brp", "uang jalane piro": his own, said by the ending.
OWN_UANG_JALAN_RE = re.compile(r"\buang\s+jalan(?:nya|ne|e|ku)\b")
COST_ASKED_RE = word_re(
    r"biaya\w*|pengeluaran\w*|ongkos\w*|cost|costs",
    rf"keluar(?:nya)?\s+(?:{HOW_MUCH})",
    # "trip masjid wis metu duit piro": the money spent on the trip (never "pak hendra udh
    # keluar duit brp", what a client has paid).
    rf"trip\b[^?]*\b(?:keluar|metu)\s+(?:duit|uang|dhuwit)\s+(?:{HOW_MUCH}|piro|pira)",
)
OWN_RE = word_re(ME)


# Fuel or a toll road talked about as the news talks of them, said of the word itself:
# its price moving (news.MARKET_TALK_RE), the road built ("tol jogja solo udh jadi blm"),
# open or jammed; never a word elsewhere ("uang jalan sy bsk brp? sy naik dr pool jam 4").
_ROAD_NEWS_RE = re.compile(
    r"\btol\s+(?:[a-z]+\s+){0,3}?(?:macet|dibuka|ditutup|lancar|(?:udah|udh|sudah|sdh|dah|wis"
    r"|blm|belum)\s+jadi)\b"
)


def _market_only(low: str) -> bool:
    """The market's news and no cost of the PO's own beside it: "harga solar naik lagi ya?",
    never "harga bensin naik, uang jalan sopir tgl 7 brp?" (the driver's money asked)."""
    said = news.MARKET_TALK_RE.search(low)
    return said is not None and find_cost_type(news.MARKET_TALK_RE.sub(" ", low)) is None


def _trip_costs(r: _Reading) -> Verdict | None:
    """ "uang jalan sy bsk brp", "biaya trip sinar abadi apa aja": what a trip costs, asked
    (never recorded: no amount is said). Workshop money is the fleet's, not a trip's."""
    sig = r.sig
    # "biaya operasional bulan ini": a cost word and a period, no amount, asks too.
    # ("solar durung isi pak, ngko nang bantul": its "belum" tells what is not done yet.)
    asked = (r.question and QUESTION_RE.search(NOT_YET_SAID_RE.sub(" ", r.low))) or (
        sig.n_dates and COST_ASKED_RE.search(r.low)
    )
    if not asked or r.money or sig.has_maintenance_type or WORKSHOP_RE.search(r.low):
        return None
    # "jadwal besok apa aja? biar sy siapin uang jalannya": the money readied is why the
    # schedule is asked (a local pattern: its words explain no message to the coverage check).
    readied = (
        r"\b(?:biar|supaya|spy|agar|buat|utk|untuk)\s+(?:\w+\s+){0,2}"
        r"(?:siapin|nyiapin|siapkan|nyiapkan)\b.*$"
    )
    kind = find_cost_type(re.sub(readied, " ", r.masked))
    own_uang_jalan = sig.from_crew and OWN_UANG_JALAN_RE.search(r.low)
    if kind is None and not (COST_ASKED_RE.search(re.sub(readied, " ", r.low)) or own_uang_jalan):
        return None
    # A trip is named (its client, its day, the word): "harga solar naik lg ya?" is talk.
    # "uang jalan yg ke malang brp" names it by its destination, "uang jalan sy" is one's own.
    whose = (
        sig.has_client
        or sig.n_dates
        or sig.has_route_to
        or TRIP_WORD_RE.search(r.low)
        or OWN_RE.search(r.low)
        or own_uang_jalan
    )
    # "harga" asks a price, not a cost; the market's price told beside it is talk
    # ("harga bensin naik, uang jalan sopir tgl 7 brp?" asks the uang jalan).
    if not whose or re.search(r"\bharga\w*", news.MARKET_TALK_RE.sub(" ", r.low)):
        return None
    if not sig.has_client and (_market_only(r.low) or _ROAD_NEWS_RE.search(r.low)):
        return None  # "solar naik gak sih minggu ini", "tol jogja solo udh jadi blm": talk
    return Intent.QUERY_TRIP_COSTS, 0.8 if kind is not None or sig.has_client else 0.7


# "blm bayar ternyata": "belum" inside a sentence says what has not happened; only a
# closing one asks ("yg barusan udh kehapus blm"), a particle or a title after it too ("bu
# dewi batal blm ya", "udh lunas blm pak?").
NOT_YET_SAID_RE = re.compile(
    rf"\b(?:{NOT_YET})\b(?!(?:\W+(?:ya|yaa|yah|kah|sih|to|tho|kan|pak|bu|mbak|mba|mas|sar))*\W*$)"
)


def _how_are_you(r: _Reading) -> Verdict | None:
    """ "lha sampeyan wes mangan? aku sek nang sumenep": after the person, small talk."""
    return (Intent.UNKNOWN, 0.7) if _HOW_ARE_YOU_RE.search(r.low) and not r.money else None


def _not_to_record(r: _Reading) -> Verdict | None:
    """ "pak agus bilang mau booking 2 bus akhir bulan tp blm pasti, jgn dicatet dulu": told
    not to record it (domain.model.news), nothing is an action; a question still asks."""
    if r.sig.has_pending or not news.dont_record(r.low):
        return None
    if r.asks and not _booking_told_rising(r):
        return None
    return Intent.UNKNOWN, 0.7


# "pak agus mau booking 2 bus tgl 10 juli? jgn diinput dulu": a booking someone wants, told
# with a rising "?" and no question word, beside "don't record it yet": news, not a question.
WANTS_BOOKING_RE = word_re(
    r"(?:mau|mo|pengen|pingin|ingin|rencana|rencananya)\s+(?:booking|boking|bokin|book|sewa"
    r"|nyewa|carter|charter|pesan|pesen|order)"
)


def _booking_told_rising(r: _Reading) -> bool:
    unmarked = NOT_YET_SAID_RE.sub(" ", r.low).replace("?", " ")
    return bool(WANTS_BOOKING_RE.search(r.low)) and not QUESTION_RE.search(unmarked)


def _work_called_off(r: _Reading) -> Verdict | None:
    """ "oli bus 03 ga jadi diganti td pak, bengkelnya tutup": work on a bus that did not
    happen (domain.model.news), neither a repair to record nor a record to take back."""
    if r.money or r.asks or not news.work_called_off(r.low):
        return None
    if not (r.sig.has_maintenance_type or WORKSHOP_RE.search(r.low)):
        return None  # "ga jadi ganti bus": the trip's bus kept
    return Intent.UNKNOWN, 0.7


_PAYMENT_ERASED_RE = re.compile(
    rf"\b(?:{TAKE_BACK})\s+(?:aja\s+)?(?:pembayaran|bayaran|transferan|pelunasan)(?:nya)?\b"
    rf"|\b(?:hapus|hapusin|apus|delete)\s+(?:aja\s+)?(?:dp|dpnya|tf|tfnya)\b"
    # "pembayaran pak hendra yg 1jt td hapus aja": the payment named first, then erased.
    r"|\b(?:pembayaran|bayaran|transferan|pelunasan|dp)(?:nya)?\b(?:[^.,;\n]|(?<=\d)[.,](?=\d)){0,40}?"
    r"(?<!jangan )(?<!jgn )(?<!usah )(?<!gausah )(?<!ga )(?<!gak )(?<!perlu )(?<!tdk )(?<!tidak )"
    r"\b(?:hapus|hapusin|dihapus|dihapusin|apus|apusin|diapus|delete)\b"
    # "dp bu dewi yg 1jt td kecatet dobel kyknya, tolong hapus", "sari td nyatet karang
    # taruna dp 2,8jt, itu salah, ... hapus aja": a DP said saved twice or wrongly, then
    # erased closing the message (nothing else named to erase between).
    r"|\b(?:dp|dpnya|pembayaran|bayaran|transferan|pelunasan)\b"
    r"(?=[^?]*\b(?:kecatet|kecatat|tercatat|dicatat|dicatet|nyatet|nyatat|dobel|double|salah|keliru)\b)"
    r"(?:(?!\b(?:booking|bus|biaya|catatan|yg\s+\d)\b)[^?])*"
    r"(?<!jangan )(?<!jgn )(?<!usah )(?<!gausah )(?<!ga )(?<!gak )(?<!perlu )(?<!tdk )(?<!tidak )"
    r"\b(?:hapus|hapusin|dihapus|apus|apusin|diapus|delete)(?:\s+(?:aja|saja|ya|yaa|dong|mbak|pak))*\W*$"
)


_A_COST = rf"(?:biaya\s+)?(?:{'|'.join(words for _, words in COST_WORDS)})(?:nya|ne|e)?"
_ERASE = r"(?:hapus|hapusin|dihapus|dihapusin|apus|apusin|diapus|delete)"
_NOT_ERASED = (
    r"(?<!jangan )(?<!jgn )(?<!ojo )(?<!aja )(?<!usah )(?<!gausah )(?<!ga )(?<!gak )"
    r"(?<!perlu )(?<!tdk )(?<!tidak )(?<!wis )(?<!wes )(?<!sudah )(?<!udah )(?<!udh )"
    r"(?<!sdh )(?<!dah )(?<!tak )"
)
# A clause ends at a mark, never at the comma inside an amount ("1,5jt").
_COST_CLAUSE_END_RE = re.compile(r"[,;.!?\n](?!\d)")
# What may close an erase: particles, and "one" of two saved ("hapus satu ya").
_ERASE_TAIL = r"(?:\s+(?:aja|saja|wae|ae|ya|yaa|dong|mbak|pak|mas|bu|min|satu|siji|1))*"
# The record just saved, saved twice or wrongly, said in the cost's own clause.
_JUST_SAVED_COST_RE = re.compile(
    r"\b(?:barusan|brusan|tadi|td|dobel|double|kecatet|kecatat|dicatet|dicatat|salah)\b"
)
# "hapus parkir 50rb yg barusan", "hapus catatan parkir 50rb tadi": erased first.
_ERASE_FIRST_RE = re.compile(
    rf"^\W*(?:(?:tolong|tlg|mbak|mba|pak|mas|min|bu)\W+)*{_ERASE}\s+(?:aja\s+)?"
    rf"(?:(?:catatan|catetan)\s+)?{_A_COST}\b"
)
# "..., hapus aja": erased closing the message, its clause saying nothing else.
_ERASE_CLOSING_RE = re.compile(
    r"(?:^|[,;.!?\n](?!\d))\s*(?:(?:yg|yang|sing|itu|iku|kuwi|tolong|tlg|dong|di|mohon|pls"
    r"|dobel|double|salah|barusan|td|tadi|kecatet|kecatat|dicatet|dicatat|tercatat|pak|mas|mbak"
    r"|bu|min)\s+)*"
    rf"{_NOT_ERASED}{_ERASE}{_ERASE_TAIL}\W*$"
)
# A value put right instead ("hapus tol 285rb yg barusan, harusnya 258rb").
_PUT_RIGHT_INSTEAD_RE = re.compile(
    r"\b(?:harusnya|hrsnya|seharusnya|mestinya|mestine|kudune|hrse|harus e)\b"
)


def _cost_erased(low: str) -> bool:
    """ "parkir 50rb bus 01 yg barusan dicatet sari itu dobel, hapus aja", "hapus parkir
    50rb yg barusan": a trip cost named to be taken back, said just saved (or twice, or
    wrongly) in its own clause; never a cost to record beside something else erased
    ("solar 1,2jt tadi, fotonya kepencet hapus"), one erased already ("wis tak hapus"), one
    kept ("ojo dihapus"), nor one put right ("..., harusnya 258rb")."""
    if _PUT_RIGHT_INSTEAD_RE.search(low):
        return False
    if _ERASE_FIRST_RE.search(low):
        return _JUST_SAVED_COST_RE.search(low) is not None
    closing = _ERASE_CLOSING_RE.search(low)
    for m in re.finditer(rf"\b{_A_COST}\b", low):
        end = _COST_CLAUSE_END_RE.search(low, m.end())
        clause = low[m.start() : end.start() if end else len(low)]
        if not _JUST_SAVED_COST_RE.search(clause):
            continue
        # ("cuci bus 01 tadi 150rb sm apus coretan": something else erased, not the cost.)
        erase = re.search(rf"{_NOT_ERASED}\b{_ERASE}{_ERASE_TAIL}$", clause.rstrip(" !?"))
        if erase or closing:
            return True
    return False


# "hapus booking smp 2 kalasan yg td sy masukin": the booking the sender just put in.
_PUT_IN_BY_ME_RE = re.compile(
    r"\b(?:yg|yang|sing)\s+(?:td|tadi|barusan|brusan)\s+(?:(?:sy|saya|aku|aq|gw|gue|tak)\s+)?"
    r"(?:masukin|masukan|masukkan|input|inputin|catat|catet|simpan|simpen)\b"
)


def _undo_last(r: _Reading) -> Verdict | None:
    """ "hapus yang barusan", "yg td salah, hapus aja": take back a record just saved. A
    booking named with its client is a cancellation ("batal booking bu wati yg tadi"),
    unless it is said saved twice or wrongly ("hapus booking pak tono td, dobel")."""
    sig = r.sig
    if sig.from_crew and RETRACT_RE.search(r.low):
        return None  # "pak maaf yg td ga jadi, ... tgl 7 sy tetep bisa": his decline taken back
    # ("pak hendra batalin td malam": when the client called it off, no record just saved.)
    just = [
        m
        for m in JUST_SAVED_RE.finditer(r.low)
        if not _PART_OF_DAY_RE.match(r.low, m.end())
        or re.search(r"\b(?:yg|yang|sing)\s+$", r.low[: m.start()])  # "hapus yg td pagi"
    ]
    if not (UNDO_RE.search(r.masked) and just) or r.money:
        if (_PAYMENT_ERASED_RE.search(r.low) or _cost_erased(r.low)) and not r.asks:
            # "hapus pembayaran dp pak hendra yg 3jt, salah itu": a payment named to be
            # taken back, its amount saying which (never a payment to record); one not
            # saved by the sender today is refused with where it can be changed.
            return Intent.UNDO_LAST, 0.85
        return None
    if r.asks:
        return None
    # "bu sinta barusan telp, tripnya batal": her trip is cancelled.
    trip = BOOKING_WORD_RE.search(r.low) or THE_TRIP_RE.search(r.low)
    # "ga jadi sewa. batal aja, mrk blm bayar apa2 kok": a payment said not made is none.
    # "hapus booking pak tono td, dobel": the booking itself saved twice is taken back.
    paid = PAYMENT_RE.search(UNPAID_RE.sub(" ", r.low))
    # ("salah trip, ... batalke sing barusan": the record just saved, taken back by name.)
    taken_back = TAKE_BACK_JUST_RE.search(r.low) or _PUT_IN_BY_ME_RE.search(r.low)
    if sig.has_client and trip and not paid and not SAVED_WRONG_RE.search(r.low) and not taken_back:
        return None
    # "td pak hendra telp, minta jemputnya dimajuin ..., trus tujuannya ganti ke batu aja ga
    # jadi malang": "td" dates the client's call, "ga jadi" calls off a value for another;
    # no record just saved is taken back.
    called = CLIENT_CALLED_RE.search(r.low)
    if sig.has_client and called and not JUST_SAVED_RE.search(CLIENT_CALLED_RE.sub(" ", r.low)):
        return None
    return Intent.UNDO_LAST, 0.88


# "td malam", "tadi siang", "td bengi": a time of the day, not the record just saved.
_PART_OF_DAY_RE = re.compile(r"\s+(?:pagi|siang|sore|malam|malem|mlm|bengi|esuk|isuk|subuh)\b")
# "td pak hendra telp", "barusan bu dewi wa": when a client got in touch.
CLIENT_CALLED_RE = re.compile(
    r"\b(?:barusan|brusan|tadi|td)\s+(?:\w+\s+){0,4}?"
    r"(?:telp|telpon|telepon|tlp|nelp|nelpon|call|wa|chat|sms|bilang|ngabarin|ngomong|kabar\w*)\b"
)


# "yg pak hendra itu salah, harusnya 1,5jt", "itu yg pak hendra salah": the record just
# spoken of (an answer's, a teammate's save) put right.
SPOKEN_OF_RE = re.compile(
    r"\b(?:yg|yang)\s+(?:\w+\s+){1,3}?(?:itu|tuh)\b|^(?:\W*\w+\W+)?(?:itu|tuh)\s+(?:yg|yang)\b"
)


_OWNED_SLIP_RE = re.compile(r"\b(?:koreksi|ralat|revisi|salah|harusnya|hrsnya|seharusnya|keliru)\b")
_MORE_MONEY_RE = re.compile(
    r"\b(?:tf|trf|transfer|bayar|byr|masuk|nambah)\w*\s+(?:\S+\s+)?\d[\d.,]*\s*"
    r"(?:jt|juta|rb|ribu|k)?\s+(?:lagi|lg)\b"
)


# "tadi pak haji mukhlis telpon", "td bu rina wa katanya": someone called a while ago.
_CALLED_EARLIER_RE = re.compile(
    r"(?:tadi|td|barusan)\s+(?:[a-z]+\s+){1,4}?(?:telpon|telepon|tlp|telp|nelpon|wa|chat|sms"
    r"|bilang|ngabarin|ngabari|ngomong|katanya|kata)\b"
)


def _correct_last(r: _Reading) -> Verdict | None:
    """ "koreksi dp bu wati harusnya 1,5jt bukan 1jt", "km nya 120.500 bukan 125.000": one
    value of a record just saved put right. With a client and no sign that it was just
    saved, it is an ordinary change of a booking instead."""
    sig = r.sig
    if re.search(r"\bdiskon", r.low) and FIX_RE.search(r.low):
        # "koreksi diskon bu dewi harusnya 300rb": a discount put right is asked (the new
        # price said, not read as the price itself).
        return Intent.UNKNOWN, 0.7
    zero = _ZERO_SLIP_RE.search(r.low)
    if (
        zero
        and r.money
        and not (r.asks or r.new_booking)
        and not re.search(r"\d", r.low[: zero.start()])
        and not _BILL_OR_READING_RE.search(r.low)
    ):
        # "astaga kelebihan nol, hrg pak yanto 3,5jt": the figure saved had a zero too many;
        # the one said after it is right ("tf 10jt eh kelebihan nol, 1jt" is its own slip).
        return Intent.CORRECT_LAST, 0.86
    # "yg barusan salah, blm lunas, baru 1jt": a "blm" not closing the message says, not asks.
    if not FIX_RE.search(r.low) or r.asks or r.new_booking:
        return None
    if TAKE_BACK_JUST_RE.search(r.low) and not r.money:
        # "waduh salah trip, sing mundur ki karang taruna dudu sd muh. batalke sing barusan":
        # what was wrong said, and the record taken back (_undo_last), not renamed ("hapus
        # yg td, solar 500rb itu salah" puts a value right).
        return None
    if r.money and _MORE_MONEY_RE.search(r.low) and not _OWNED_SLIP_RE.search(r.low):
        return None  # "pak hendro td tf 1jt lagi, bukan dp, buat tambahan jam": more money
    if sig.has_client and _OTHER_PAYER_RE.match(r.low) and PAYMENT_RE.search(r.low):
        # "itu bukan masjid, itu bu rina yg bayar 1jt. pindahin ya": the payment just saved
        # was another client's; put right, never a second payment beside it.
        return Intent.CORRECT_LAST, 0.86
    should = _SHOULD_HAVE_BEEN_RE.search(r.low)
    # ("bu rina tf 1jt, harusnya kan 2,2jt bukan 1jt": money come, then what was due.)
    paid_first = (
        should
        and PAYMENT_RE.search(r.low, 0, should.start())
        and re.search(r"\d", r.low[: should.start()])
    )
    # ("..., wis tak cek mutasi": the bank statement checked, so money received; a local
    # pattern, its word explains no message to the coverage check.)
    statement = re.search(r"\bmutasi\w*", r.low) and not re.search(r"\b(?:harga|hrg)\w*", r.low)
    paid_said = PAYMENT_RE.search(r.low) or statement
    if should and r.money and paid_said and not paid_first:
        # "dp karang taruna harusnya 750rb bukan 500rb": what a payment should have been,
        # the amount recorded refused; a payment put right, never a new one.
        return Intent.CORRECT_LAST, 0.86
    if r.money and _WROTE_EARLIER_RE.search(r.low):
        # "td sy nulis tol 350rb, salah, yg bener 385rb": the slip is in what the sender
        # wrote before, not in this message; that record put right, never a second one.
        return Intent.CORRECT_LAST, 0.86
    # "bu rina barusan tf 1jt, eh 1,2jt ding": the slip put right is this message's own; it
    # is a new record, with the value meant.
    if not FIX_RE.search(functools.reduce(lambda low, span: mask(low, *span), sig.slips, r.low)):
        return None
    # ("yg sy ga bisa tgl 1 bukan tgl 7. tgl 7 sy bisa": the day off moved, put right.)
    moved = _REJECTED_RE.search(r.low) and DECLINE_RE.search(r.low)
    if sig.from_crew and RETRACT_RE.search(r.low) and not (r.money or sig.has_odometer or moved):
        # "yg ke demak tgl 22 sy bisa kok, kmrn sy salah liat tgl": the driver can go after
        # all; the mistake he owns is his own, no record put right.
        return None
    if (
        _FIX_LATER_RE.search(r.low)
        and _LATER_RE.search(r.low)
        and not _RIGHT_OR_NOT_RE.search(r.low)
        and not (r.money or sig.has_odometer or sig.has_client or sig.has_bus)
        and not (sig.has_method or sig.has_payment_type)
    ):
        # "td salah semua inputnya, sesuk tak benerin": the sender will put it right
        # later; the day is when, nothing is put right now.
        return Intent.UNKNOWN, 0.7
    new_value = r.money or sig.n_dates or sig.has_odometer or sig.has_client or sig.has_bus
    # "eh salah, bca", "salah, itu dp bukan pelunasan": how or as what it was paid.
    new_value = new_value or sig.has_method or sig.has_payment_type
    new_value = new_value or bool(DAY_WORD_RE.search(dates.days_in_digits(r.low)))
    just = JUST_SAVED_RE.search(r.low)
    if just and _CALLED_EARLIER_RE.match(r.low, just.start()):
        just = None  # "tadi pak haji mukhlis telpon katanya ...": news, no record just saved
    recent = EXPLICIT_FIX_RE.search(r.low) or just
    recent = recent or SPOKEN_OF_RE.search(r.low)
    # "dp bu dewi salah, 1jt bukan 1,5jt": money said wrong and refused is a payment put
    # right, never a new one ("harga pak hendra salah, 12jt bukan 11jt" changes the price).
    recent = recent or (WRONG_NOT_RE.search(r.low) and PAYMENT_RE.search(r.low))
    # "harusnya tf bca bukan cash yg dp pak darto": how a payment was made put right.
    if not recent and sig.has_method and not r.money:
        recent = _METHOD_REJECTED_RE.search(r.low)
    # "yg tadi bukan solar tp tol": the kind of a cost (or of work) just saved put right.
    if recent and _REJECTED_RE.search(r.low):
        new_value = new_value or find_cost_type(r.masked) is not None
        new_value = new_value or sig.has_maintenance_type
    wrong = _WRONG_WORD_RE.search(r.low)
    if recent and wrong and find_cost_type(r.low[: wrong.start()]) is not None:
        # "yg td tak catet ongkos parkir, salah, itu makan sopir": the kind said wrong, then
        # the right one (in the same sentence).
        new_value = new_value or find_cost_type(r.low[wrong.end() :].split(".")[0]) is not None
    should_be = re.search(r"\b(?:harusnya|seharusnya|mestinya|hrsnya|hrusnya)\b", r.low)
    if (
        recent
        and should_be
        and find_cost_type(r.low[: should_be.start()]) is not None
        and kind_said_after(r.low, should_be.end()) is not None
    ):
        new_value = True  # "eh yg td solar harusnya tol": the kind just saved, the one meant
    if new_value and (recent or not sig.has_client):
        return Intent.CORRECT_LAST, 0.86 if recent else 0.76
    if sig.has_client and sig.n_dates and not r.money and _TRIP_DAY_WRONG_RE.search(r.low):
        # "tgl bu dewi salah, harusnya 5 des": her trip's day put right (a change of it).
        return Intent.CORRECT_LAST, 0.8
    return None


# "td sy nulis", "tadi aku input", "barusan sy ketik": what the sender wrote before.
_WROTE_EARLIER_RE = re.compile(
    r"\b(?:td|tadi|barusan|brusan)\s+(?:sy|saya|aku|ak|aq|gw|gue)\s+(?:\w+\s+)?"
    r"(?:nulis|tulis|nyatet|nyatat|catat|catet|input|nginput|ketik|ngetik)\b"
)
_WRONG_WORD_RE = re.compile(r"\b(?:salah|keliru)\b")
_OTHER_PAYER_RE = re.compile(
    r"^\W*(?:(?:eh|ehh|waduh|lho|itu|maaf)\W+)*(?:bukan|bkn|dudu)\s+[a-z][a-z ]{2,30}?\s*[,.]\s*"
    r"(?:(?:itu|tp|tapi|yg\s+bener|harusnya)\s+)?[a-z][a-z .]{2,40}?\s+(?:yg|yang|sing)\s+"
    r"(?:bayar|byr|tf|transfer|dp|lunasin|ngelunasi)\b"
)
_TRIP_DAY_WRONG_RE = re.compile(
    r"\b(?:tgl|tanggal|tanggale|tanggalnya|tglnya)\b[^.?!]*\b(?:salah|keliru)\b"
)


_REJECTED_RE = word_re(NOT_THIS)
# "... bukan cash", "tf bri bkn bca": a way of paying refused for the one said.
_METHOD_REJECTED_RE = re.compile(
    rf"\b(?:{NOT_THIS})\s+(?:(?:tf|transfer|trf|via|lewat)\s+)?"
    rf"(?:{CASH}|{BARE_BANK_RE.pattern}|tf|transfer|trf)\b"
)
# "sesuk tak benerin", "nanti sy betulin": the sender putting it right himself, later
# (with no right value said: "nanti sy benerin, harusnya tgl 14" puts it right now).
_RIGHT_OR_NOT_RE = word_re(RIGHT_VALUE, NOT_THIS)
_FIX_LATER_RE = re.compile(
    r"\b(?:tak|tk|dak|sy|saya|aku|aq|ak|gw|gue|kulo|kula)\s+(?:\w+\s+)?"
    r"(?:benerin|bnrin|benerke|benakke|betulin|btlin|betulke|benahi|dandani|perbaiki|revisi"
    r"|ralat|koreksi|edit|ubah)(?:nya|ne|e)?\b"
)
_LATER_RE = word_re(
    r"nanti|nnti|ntar|ntr|entar|besok|bsk|besuk|sesuk|mengko|ngko|engko|mangke|ngke"
)
# "dp bu dewi harusnya 1,5jt bukan 1jt": what it should have been, the amount recorded refused.
_SHOULD_HAVE_BEEN_RE = re.compile(
    r"\b(?:harusnya|seharusnya|mestinya|hrsnya|hrusnya|harusny)\b[^.?!]*?\d[^.?!]*?"
    r"\b(?:bukan|bkn|dudu)\s+(?:\w+\s+)?\d"
)
# "salah, baru tf 2jt kok bkn 3jt": a value called wrong, the one recorded refused.
WRONG_NOT_RE = re.compile(r"\b(?:salah|keliru)\b.*\b(?:bukan|bkn)\s+(?:\w+\s+)?\d")

# "tanggalnya 13": a day of month said as the date field, in a correction.
# "tanggalnya 13"; said in words ("tanggalnya tiga belas") once dates.days_in_digits reads it.
DAY_WORD_RE = re.compile(r"\b(?:tanggal|tgl)\s*nya\s+(\d{1,2})\b")


def _client_money(r: _Reading) -> Verdict | None:
    if not (r.money and r.sig.has_client):
        return None
    if r.sig.n_money == 1 and re.search(
        r"\d\s*(?:jt|juta|rb|ribu|k)?\s*(?:kan|to|tho|ya|bukan|toh)\s*\?\s*$", r.low
    ):
        return None  # "total e masjid piro to? 3,8 kan?": a sum asked back, nothing paid
    # "karang taruna nego pak, akhire deal 2,5jt dr 2,8": a price bargained and agreed.
    bargained = re.search(r"\b(?:nego|dinego|negoan|nawar|ditawar|tawar\w*)\b", r.low)
    # (Not agreed yet, or refused: a pattern of its own here, its words no keyword.)
    not_yet = re.search(
        r"\b(?:blm|belum|durung|dereng|ga|gak|belom)\s+(?:deal|sepakat)\b"
        r"|\b(?:pengen|pingin|mau|minta|njaluk|tolak|ditolak)\b",
        r.low,
    )
    # ("bu dewi nawar terus, yowis tak kasih 6jt wae": the price given in to, agreed.)
    given_in = re.search(
        r"\b(?:tak|sy|saya|aku|tk|dikasih|dikasi|diwenehi|dikei)\s+(?:kasih|kasi|ksh|wenehi|kei)?"
        r"\s*(?:rp\.?\s*)?\d",
        r.low,
    )
    agreed = bargained and (_PRICE_AGREED_RE.search(r.low) or given_in) and not not_yet
    # (With a route or a day it is a trip told whole, read by the booking rules.)
    trip_told = r.sig.has_route or r.sig.n_dates or r.new_booking
    # (Money paid said with it is a payment beside the price: _price_and_payment's.)
    if agreed and not (PAYMENT_RE.search(r.low) or r.question or trip_told):
        return Intent.UPDATE_BOOKING, 0.8
    return Intent.RECORD_PAYMENT, 0.5


# What the PO's paper trail holds, asked: who changed what ("td sari catat apa aja", "hari
# ini ada perubahan apa aja", "siapa yg ubah booking pak hendra"). The verbs of changing
# a record (never "ganti": "siapa yg gantiin joko" asks who replaces him).
_CHANGED = (
    r"(?:di|meng|me|ng|ny)?(?:ubah|rubah|robah|edit|input|inputin|catat|catet|nyatet|nyatat"
    r"|masukin|masukkan|hapus|apus|koreksi|batalin|update|apdet)(?:in|kan|nya)?"
    r"(?:2|-\w+)?"  # "ngubah2", "ngubah-ngubah": said again and again
)
# "ganti" changes a record only when the part of it changed follows: "yg ganti harga booking
# masjid baitussalam siapa", "siapa yg ganti tanggal booking bu lilis".
_RECORD_PART = (
    r"harga|hrg|tanggal|tgl|jam|jadwal|booking|bookingan|data|nominal|dp|catatan|nama|tujuan"
    r"|rute|pembayaran|bayaran|jemput|jemputan|titik"
)
# ("gnti": "siapa yg gnti harga booking sma 1 klaten", typed short.)
_CHANGED_ANY = rf"{_CHANGED}|(?:di|nge|ng)?ga?nti(?:in|kan)?(?=\s+(?:{_RECORD_PART})(?:nya)?\b)"
_CHANGED_BARE = rf"{_CHANGED}|(?:di|nge|ng|n)?g?ga?nti\b"
_WHO = r"siapa|sapa|sp|spa|sopo|sinten"
_AJA = r"aja|saja|aj|ae|wae|sj"
_WHO_CHANGED_RE = re.compile(
    rf"\b(?:{_WHO})\s+(?:yg|yang|sing)\s+(?:{_CHANGED_ANY})\b[^?]*\?"
    rf"|\b(?:yg|yang|sing)\s+(?:{_CHANGED_ANY})\b[^?]*\b(?:{_WHO})\s*\?"
)
_ALL_OF = rf"apa\s+(?:{_AJA})"
ACTIVITY_ASKED_RE = re.compile(
    # "siapa yg ubah booking pak hendra", "sapa yg input dp bu dewi"
    # (Javanese "sopo sing ngubah ...").
    rf"\b(?:siapa|sapa|sp|spa|sopo|sinten)\s+(?:(?:aja|saja|aj)\s+)?(?:yg|yang|sing)\s+"
    rf"(?:{_CHANGED_ANY})\b"
    # "yg ganti harga booking masjid baitussalam siapa", "booking bu rina yg edit siapa"
    rf"|\b(?:yg|yang)\s+(?:{_CHANGED_ANY})\b[^.?!\n]*?\b(?:siapa|sapa|spa)\b"
    # "harga pak hendra kok berubah, siapa yg ganti?", "kok jd tgl 9? sing ngganti sopo?":
    # a change noticed, then who made it asked last.
    rf"|\b(?:berubah|brubah|berganti|kok)\b[^?]*?[,.?]\s*(?:(?:{_WHO})\s+(?:yg|yang|sing)\s+"
    rf"(?:{_CHANGED_BARE})|(?:yg|yang|sing)\s+(?:{_CHANGED_BARE})\s+(?:{_WHO}))\W*$"
    # "sapa ngubah apa", "siapa input apa aja": who changed what.
    rf"|\b(?:{_WHO})\s+(?:{_CHANGED})\s+(?:apa|apaan|opo)\b"
    # "td sari catat apa aja", "apa aja yg diubah hari ini"
    rf"|\b(?:{_CHANGED})\s+{_ALL_OF}\b|\b{_ALL_OF}\s+(?:yg|yang)\s+(?:{_CHANGED})\b"
    # "td sari nyatet pembayaran apa aja": the kind of record between.
    rf"|\b(?:{_CHANGED})\s+(?:pembayaran|bayaran|booking|biaya|transferan|perubahan)\s+{_ALL_OF}\b"
    # "hari ini ada perubahan apa aja", "aktivitas kemarin apa aja", "log hari ini"
    rf"|\b(?:perubahan|aktivitas|aktifitas|riwayat|histori|history)\w*\b.*\b(?:{_ALL_OF}|siapa|sapa)\b"
    rf"|\b(?:{_ALL_OF}|siapa|sapa)\b.*\b(?:perubahan|aktivitas|aktifitas|riwayat)\b"
    # "hr ini ada yg berubah apa aja?", "hr ini udh ada yg dicatat blm?": anything changed.
    rf"|\bada\s+(?:yg|yang|sing)\s+(?:berubah|{_CHANGED})\b[^.?!\n]*?"
    rf"(?:\b(?:{_ALL_OF}|blm|belum|durung|ga|gak)\b|\?)"
    # "td sy udh nyatet dp bu dewi blm ya? takut dobel": whether a record was made, asked.
    # (A record named: "pak hendra jemputnya dmn ya, udh dicatet blm?" asks the trip.)
    rf"|\b(?:udh|udah|sudah|sdh|wis|wes)\s+(?:{_CHANGED})\s+(?:\w+\s+)?"
    r"(?:dp|dpnya|pembayaran|bayaran|transferan|pelunasan|booking|bookingan|tf)\b"
    r"[^.?!\n]*?\b(?:blm|belum|durung)\b"
)

# When the changes asked were made: "td", "kemarin", "hari ini", "tadi pagi".
_WHEN_DONE = (
    rf"(?:td|tadi|barusan|brusan|{YESTERDAY}|{TODAY}|seharian)(?:\s+(?:pagi|siang|sore|malam))?"
)
# "td dodi catat apa aja": the one word before the change asked, whose changes they are
# (a teammate's name, or a name no one on the team has); "sari td catat apa aja", "sari
# mau nyatet opo ae" (Suroboyoan "mau": earlier) with when between.
ACTIVITY_BY_RE = re.compile(
    rf"\b([a-z]+)\s+(?:(?:{_WHEN_DONE}|mau)\s+)?(?:{_CHANGED})\s+{_ALL_OF}\b"
)
# A teammate, then what they changed, opening the message: "sari td catat apa aja", "td
# sari ngapain aja", "mbak sari hari ini input apa aja" (the group `name`: who).
DOER_RE = re.compile(
    rf"^\W*(?:(?P<before>{_WHEN_DONE})\s+)?(?:(?:{TEAM_TITLE})\s+)?(?P<name>[a-z]{{3,15}})"
    rf"\s+(?:(?P<after>{_WHEN_DONE})\s+)?(?:{_CHANGED}|ngapain|ngapa2in)\b"
)
# "td sari ngapain aja": what a teammate did today, said by when and whom alone, is what
# they changed in the records.
_DID_WHAT_RE = re.compile(
    # "mbak dewi td ngubah apa": what they changed, asked the same way.
    rf"\b(?:ngapain|ngapa2in|(?:{_CHANGED})\s+apa)(?:\s+(?:{_AJA}))?"
    # "sari td ngapain aja di sistem": where it was done, the records themselves.
    r"(?:\s+(?:di|dlm|dalam)\s*(?:sistem|system|aplikasi|app|apps|keloia|bot|sini|catatan|dashboard))?"
    r"(?:\s+(?:sih|si|ya|nih|tuh))?\W*$"
)


def _may_name(word: str) -> bool:
    """A word that may be someone's name: no keyword of a rule, not the party carried."""
    return word not in STOP_WORDS and not any(
        k.fullmatch(word) for k in (*KEYWORD_RES, PARTY_RE, PROFIT_RE)
    )


def _activity(r: _Reading) -> Verdict | None:
    """Who changed what in the PO's records, asked: never a change itself (it asks)."""
    # ("sapa yg ganti harga pak hendra? kok jd 12jt": the new price noticed, who asked.)
    if r.money and not _WHO_CHANGED_RE.search(r.low):
        return None
    doer = DOER_RE.match(r.low)
    did_what = (
        doer is not None
        and (doer.group("before") or doer.group("after"))
        and _DID_WHAT_RE.search(r.low)
        and not r.sig.has_bus
        and _may_name(doer.group("name"))
    )
    if not (ACTIVITY_ASKED_RE.search(r.low) or did_what):
        return None
    if HOW_TO_RE.search(r.low):
        return None  # "sy harus catat apa aja", "siapa yg bisa input": not what was done
    return Intent.QUERY_ACTIVITY, 0.85


HOW_TO_RE = word_re(r"harus|hrs|perlu|mesti|musti|wajib|bisa|bs|boleh|blh|sebaiknya")


# The rules, in the order they are tried: the first that returns a verdict decides.
RULES: tuple[tuple[str, Callable[[_Reading], Verdict | None]], ...] = (
    ("discount", _discount),
    ("empty", _empty),
    ("season_wish", _season_wish),
    ("report", _report),
    ("help", _help),
    ("advice_asked", _advice_asked),
    ("quote_asked", _quote_asked),
    ("activity", _activity),
    ("number_asked", _number_asked),
    ("client_number_given", _client_number_given),
    ("add_bus", _add_bus),
    ("update_bus", _update_bus),
    ("how_are_you", _how_are_you),
    ("not_to_record", _not_to_record),
    ("confirm_booking", _confirm_booking),
    ("waive_fee", _waive_fee),
    ("work_called_off", _work_called_off),
    ("undo_last", _undo_last),
    ("correct_last", _correct_last),
    ("workshop_costs", _workshop_costs),
    ("crew_off", _crew_off),
    ("conditional_cancel", _conditional_cancel),
    ("holidays", _holidays),
    ("for_later", _for_later),
    ("own_pay_or_leave", _own_pay_or_leave),
    ("money_question", _money_question),
    ("income", _income),
    ("document", _document),
    ("offer", _offer),
    ("retract", _retract),
    ("delay", _delay),
    ("broken_bus_replaced", _broken_bus_replaced),
    ("bus_carries_on", _bus_carries_on),
    ("overdue_work", _overdue_work),
    ("problem", _problem),
    ("waiting", _waiting),
    ("decline", _decline),
    ("rate_set", _rate_set),
    ("crew_pay_not_given", _crew_pay_not_given),
    ("uang_jalan_by_rate", _uang_jalan_by_rate),
    ("cost_report", _cost_report),
    ("trip_cost", _trip_cost),
    ("trip_costs", _trip_costs),
    ("odometer", _odometer),
    ("free_to_stand_in", _free_to_stand_in),
    ("problem_what_now", _problem_what_now),
    ("stand_in_named", _stand_in_named),
    ("own_bus_asked", _own_bus_asked),
    ("unconfirmed_asked", _unconfirmed_asked),
    ("bus_big_enough", _bus_big_enough),
    ("question", _question),
    ("trip_by_destination_asked", _trip_by_destination_asked),
    ("own_trip_checked", _own_trip_checked),
    ("route_change", _route_change),
    ("bus_dropped", _bus_dropped),
    ("cancel", _cancel),
    ("free_asked", _free_asked),
    ("bus_status", _bus_status),
    ("maintenance", _maintenance),
    ("price_and_payment", _price_and_payment),
    ("payment_naming_booking", _payment_naming_booking),
    ("paid_for_trip_named", _paid_for_trip_named),
    ("settle_and_complete", _settle_and_complete),
    ("owed_told", _owed_told),
    ("cash_in_hand", _cash_in_hand),
    ("payment", _payment),
    ("paid_off", _paid_off),
    ("complete", _complete),
    ("crew_change", _crew_change),
    ("update", _update),
    ("road_news", _road_news),
    ("other_travel", _other_travel),
    ("create", _create),
    ("payment_word", _payment_word),
    ("client_new_values", _client_new_values),
    ("repair_cost", _repair_cost),
    ("repair_unnamed", _repair_unnamed),
    ("day_told_full", _day_told_full),
    ("schedule", _schedule),
    ("outstanding", _outstanding),
    ("fleet_status", _fleet_status),
    ("client_money", _client_money),
)


def classify(sig: Signals) -> Verdict:
    """The intent and a confidence in [0, 1]; `unknown` when nothing fits. Which rule
    decided is logged (debug), to see why a message was read as it was."""
    low = sig.lower
    words = _words(low)
    told = WANTS_TO_BOOK_RE
    if sig.has_route and "?" not in low:
        somebody = SOMEONE_BOOKED_RE.search(low)
        if somebody and not any(QUESTION_RE.search(p) for p in SOMEONE_BOOKED_RE.split(low)):
            told = re.compile(f"{WANTS_TO_BOOK_RE.pattern}|{SOMEONE_BOOKED_RE.pattern}")
    unasked = request_unasked(low, sig.from_crew)
    reading = _Reading(
        sig=sig,
        low=low,
        masked=sig.masked or low,
        words=words,
        # ("bus serayu tgl 24 kosong tidak ya soalnya ada yang mau carter": asked, then why.)
        question=any(
            QUESTION_RE.search(part)
            or QUESTION_RE.search(REASON_TAIL_RE.sub("", part).rstrip(" ,"))
            for part in told.split(unasked)
        ),
        unasked=unasked,
        new_booking=bool(
            NEW_BOOKING_RE.search(low) or told.search(low) or ORDER_HEADED_RE.match(low)
        ),
        money=sig.n_money > 0,
    )
    for name, rule in RULES:
        verdict = rule(reading)
        if verdict is not None:
            log.debug("intent rule fired", extra={"rule": name, "intent": verdict[0].value})
            return verdict
    log.debug("intent rule fired", extra={"rule": "none", "intent": Intent.UNKNOWN.value})
    return Intent.UNKNOWN, 0.7 if len(words) <= 12 else 0.55
