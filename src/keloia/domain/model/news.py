"""News with nothing to record: a cancellation called off ("pak hendra ga jadi cancel,
tetep berangkat tgl 14") and a client's question or enquiry passed on ("bu dewi nanya bisa
dp 1jt dulu ga", "pak agus nanya2 harga ke dieng 2 hari, blm deal"), a cancellation only
guessed or heard of ("bu dewi katanya mau batal, tp blm pasti") and a rate set from a day
on ("uang jalan mulai bulan dpn 800rb per hari"). The offline reader
reads no action in them (adapters/rules) and the assistant acknowledges them
(assistant.talk); both use these words, so what one calls news the other does too."""

from __future__ import annotations

import re

from keloia.domain.model.undo import JUST_SAVED, TAKE_BACK

# No, not: "ga jadi", "tdk bisa", "blm masuk"; closing a question: "ada ga", "udah tau
# belum". Javanese "ora" and "durung", "nda" of the east. The one list the domain and the
# reader (adapters/rules/vocabulary.py) spell these words by. Never "tak": it is also
# Javanese "I" ("tak batalin": I cancel it).
NO = r"ga|gak|gk|nggak|ngga|nggk|enggak|engga|tidak|tdk|ndak|nda|ora"
NOT_YET = r"belum|blm|blom|blum|durung|rung|gurung"
# "g" is "ga" only right before the verb it negates ("g jadi", "g usah", "g bisa"): closing
# a message or before any word it may be a plate's letter ("bus AD 1234 G sopirnya siapa").
NO_BEFORE_VERB = rf"{NO}|g"
# Called off: "ga jadi", "gak jd", "tidak jadi", "gajadi" (alone a cancellation; before a
# value, that value dropped for another: "ga jadi bandung tp ke jakarta").
CALLED_OFF = rf"(?:{NO_BEFORE_VERB}|ra)\s*(?:jadi|jd|sido)"  # Javanese "gak sido", "ra sido"
_NO_NEED = rf"jangan|jgn|(?:{NO_BEFORE_VERB}|ra|rak)\s+(?:usah|perlu)|gausah|gusah|gaperlu"
_CANCEL = r"(?:di-?|mem|nge)?(?:batal|cancel)\w*"  # "jangan di-cancel dulu" too
# The client going back on a booking just saved ("hapus yg barusan, orgnya ga jadi",
# "kliennya batal"): a cancellation, with the PO's fee, not a slip of whoever saved it
# ("hapus yg barusan, salah input"), which costs nothing.
_THE_CLIENT = r"(?:org|orang|klien|client|customer|rombongan|pelanggan|tamu)\w*|beliau|dianya"
CLIENT_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF})\b|\b(?:{_THE_CLIENT})\s+(?:\w+\s+)?(?:batal|cancel)\w*"
)
# The cancellation itself called off or refused: "ga jadi cancel", "gak jd dibatalin",
# "batal batalnya", "jangan dicancel", "ga usah dibatalin", "tidak dibatalkan".
UNCANCELLED_RE = re.compile(
    rf"\b(?:(?:{CALLED_OFF})\s+{_CANCEL}|batal\s+batal\w*|(?:{_NO_NEED}|{NO_BEFORE_VERB})\s+{_CANCEL}"
    # "eh bukan batal ding, cuma mundur": what was said put right.
    rf"|(?:bukan|bkn)\s+{_CANCEL}(?:\s+(?:ding|deng|kok|sih|ya))?)"
)

# Asking, said of someone: "nanya", "tanya2", "nanyain", "menanyakan", "ditanya", Javanese
# "takon".
_ASK = (
    r"(?:nanya|nanyain|nanyak|nanyakan|menanyakan|tanya|tanyain|tanyak|ditanya|ditanyain"
    r"|ditanyakan|takon|nakon)(?:2|-nanya|-tanya)?"
)
# What is asked of the PO: whether something may be done ("bisa dp 1jt dulu ga", "boleh
# bayar setengah?", "kalo tf besok gpp?"), what a trip would cost ("harga ke dieng 2 hari")
# or a hire enquired of ("ada yg nanya sewa elf buat 15 org").
_ASKED = (
    r"bisa|bs|boleh|blh|gimana|gmn|bagaimana|berapa|brp|brapa|kapan|kpn|apa|apakah|kalau|kalo"
    r"|klo|gpp|harga\w*|tarif\w*|ongkos\w*|biaya\w*|paket\w*|sewa|nyewa|carter|charter"
)
# A question of the client's passed on: the asking word, then in the same clause what is
# asked; or a price list or an offer asked for ("minta penawaran ke bromo 2 bus").
PASSED_ON_QUESTION_RE = re.compile(
    rf"\b{_ASK}\b[\s,:]*(?:[^,.;!?\n]*?\b)?(?:{_ASKED})\b"
    r"|\bminta\s+(?:penawaran|quotation|pricelist|price\s+list|daftar\s+harga"
    # "minta harga ke bromo", never "minta harga diskon jadi 8jt" (a price agreed).
    r"|harga(?=\s+(?:ke|buat|untuk|utk|bus|sewa|paket|trip)\b))\b"
)
# An enquiry said not to be a deal yet: "blm deal", "belum fix booking", "masih nego".
NO_DEAL_RE = re.compile(
    rf"\b(?:(?:{NOT_YET})\s+(?:deal|dil|sepakat|jadi|fix|pasti|acc|oke|ok|booking)"
    r"|masih\s+(?:nego|tanya\w*|nanya\w*|mikir\w*|pikir\w*))\b"
)


def passed_on_question(text: str) -> re.Match[str] | None:
    """Where a client's question or enquiry is passed on in the text (lower case)."""
    return PASSED_ON_QUESTION_RE.search(text)


def uncancelled(text: str) -> re.Match[str] | None:
    """Where the text (lower case) calls a cancellation off."""
    return UNCANCELLED_RE.search(text)


# Word already passed on: "sy td udh bilang ke joko", "udah sy kabarin wahyu", "barusan
# tak sampaikan ke pak budi".
ALREADY_TOLD_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|dah|wis|wes|td|tadi|barusan)\s+"
    r"(?:(?:sy|saya|aku|aq|tak|dah|udh|udah|sudah|sdh)\s+){0,2}"
    r"(?:bilang|bilangin|bilangi|kabari|kabarin|kabarkan|ngabarin|ngabari|sampaikan|sampein"
    r"|sampaiin|infokan|infoin|kasih\s+tau|kasih\s+tahu|telpon|telp|nelpon|ngomong)\b"
)


# A rate set from a day on, not money spent: "uang jalan sopir mulai bulan dpn naik jd
# 800rb per hari", "premi kernet tiap trip naik 50rb mulai juli". Nothing to record on a
# trip (the reader reads no cost) and the assistant says how a cost is recorded.
_MONTH = r"jan\w*|feb\w*|mar\w*|apr\w*|mei|jun\w*|jul\w*|agu\w*|agt|sep\w*|okt\w*|nov\w*|des\w*"
FROM_NOW_RE = re.compile(
    r"\bmulai\s+(?:dari\s+)?(?:skrg|sekarang|hari\s+ini|besok|bsk|lusa|minggu|mgg|pekan|bulan"
    rf"|bln|tahun|thn|taun|tgl|tanggal|tg|{_MONTH}|\d)"
    r"|\b(?:ke\s*depan(?:nya)?|seterusnya|selanjutnya)\b"
)
_RATE_RE = re.compile(
    r"\b(?:per|tiap|setiap|/)\s*(?:hari|hr|trip|bus|unit|orang|org|malam|mlm|rit|perjalanan)\b"
    r"|/\s*(?:hari|hr|trip|bus|org)\b|\b(?:sehari|naik|turun|jadi|jd|dinaikin|diturunin)\b"
)


# "uang jalan joko 750rb/hari", "premi 100rb per hari": an amount said per day is a rate
# too, whether or not a day it starts from is said (never money spent on one trip).
_PER_DAY_AMOUNT_RE = re.compile(
    r"\d\s*(?:rb|ribu|rebu|k|jt|juta)?\s*(?:/|per|tiap|setiap)\s*(?:hari|hr)\b"
)


def rate_from_now(text: str) -> bool:
    """Whether the text (lower case) sets a rate: from a day on, or per day."""
    return bool(FROM_NOW_RE.search(text) and _RATE_RE.search(text)) or bool(
        _PER_DAY_AMOUNT_RE.search(text)
    )


# A cancellation only guessed or heard of: "bu dewi katanya mau batal, tp blm pasti", "pak
# hendra kayaknya mau cancel", "mungkin batal".
_GUESS = r"kayaknya|kayanya|keknya|kyknya|sepertinya|spertinya|mungkin|mgkn|katanya|katane|jarene"
GUESSED_CANCEL_RE = re.compile(
    rf"\b(?:{_GUESS})\s+(?:(?:mau|mo|pengen|pingin|ingin|bakal|akan|jadi|jd)\s+)?"
    r"(?:batal|cancel|dibatal\w*|batalin|dicancel|ngebatalin|ngecancel)\b"
    # ("kyknya pak joni bakal batal deh": a guess, whose trip standing between.)
    r"|\b(?:kayaknya|kayanya|keknya|kyknya|sepertinya|spertinya|mungkin|mgkn)\s+"
    r"(?:(?!batal|cancel)[\w.]+\s+){1,3}?(?:mau|mo|bakal|akan)\s+(?:batal|cancel)\w*\b"
    # "mau batal, tp blm pasti": the cancellation itself not sure (not "batal, blm pasti
    # jadwal barunya").
    r"|\b(?:batal|cancel)\w*[^.?!\n]*?\b(?:belum|blm|blom)\s+(?:pasti|tentu|fix|jelas)"
    r"(?:\s+(?:sih|si|ya|yah|kok|deh|lho|pak|bu|mbak|mba|mas))*\s*(?:[.,;!?\n]|$)"
)


def guessed_cancel(text: str) -> bool:
    """Whether the text (lower case) speaks of a cancellation only guessed or heard of."""
    return GUESSED_CANCEL_RE.search(text) is not None


# Work on a bus called off: "oli bus 03 ga jadi diganti td, bengkelnya tutup", "td ga jadi
# ganti aki bus 04", "bus 02 ga jadi servis hari ini": nothing was done, so nothing is
# recorded, and no record is taken back (that names the record: "yg td ga jadi, hapus").
WORK_CALLED_OFF_RE = re.compile(
    rf"\b(?:{CALLED_OFF}|batal)\s+(?:di)?(?:ganti(?!\s+(?:bus|bis|unit|armada|sopir|supir|driver"
    r"|kernet|kru|jadwal|tgl|tanggal|jam|hari|tujuan|rute))|servis|service|cek|check|perbaiki|benerin"
    r"|betulin|tambal|pasang|spooring|balancing|tune\s*up|masuk\s+bengkel|ke\s+bengkel)\b"
)
# A record named: taken back ("hapusin", "yg td"), or the record itself ("catatan").
_RECORD_NAMED_RE = re.compile(
    rf"\b(?:{TAKE_BACK})\w*|\b(?:yg|yang)\s+(?:{JUST_SAVED})\b"
    r"|\b(?:dicatat|dicatet|diinput|catatan)\b"
)


def work_called_off(text: str) -> bool:
    """Whether the text (lower case) says work on a bus did not happen, no record named."""
    return bool(WORK_CALLED_OFF_RE.search(text)) and not _RECORD_NAMED_RE.search(text)


# Told not to record it yet: "jgn dicatet dulu", "ga usah diinput dulu", "blm usah dicatat"
# (not "jd batal, ga usah dicatet lg": no longer, the trip called off).
_RECORD = r"(?:di)?(?:catat|catet|input|inputin|simpan|simpen|rekam|masukin|masukkan)\w*"
DONT_RECORD_RE = re.compile(
    rf"\b(?:{_NO_NEED})\s+{_RECORD}\s+(?:\w+\s+)?(?:dulu|dl|duluan)\b"
    rf"|\b(?:{NOT_YET})\s+(?:usah|perlu)\s+{_RECORD}\b"
)


def dont_record(text: str) -> bool:
    """Whether the text (lower case) asks that nothing be recorded yet."""
    return DONT_RECORD_RE.search(text) is not None


# "kalau", "misal", "seandainya": a condition said.
IF = (
    r"kalau|kalo|klo|kl|jika|jikalau|misal|misalnya|seandainya|andai|andaikan|umpama|umpamanya"
    r"|bila|apabila"
)
# "dp nya nanti sore katanya", "pelunasannya nyusul", "pak agus dp nya minggu dpn": a
# client's money to come, no amount yet (the reader reads no booking in it; the assistant
# answers it, assistant.smalltalk.paid_later).
MONEY_LATER_RE = re.compile(
    r"\b(?P<what>dp|dpnya|uang\s+muka|bayar\w*|pembayaran\w*|pelunasan\w*|transfer\w*|tf\w*"
    r"|trf)\b(?:\s+\w+){0,3}?\s+(?:nanti|ntar|nti|tar|besok|bsk|besuk|lusa|nyusul|menyusul"
    r"|belakangan|(?:minggu|bulan)\s+(?:depan|dpn)|sore|malam|malem|siang)\b",
    re.IGNORECASE,
)
# A character of the same sentence: no full stop, but the point of a title shortened before
# a name ("kalo bu Hj. Muslikhah batal ...", "Bpk. Drs. Bambang").
IN_SENTENCE = r"(?:[^.?!\n]|(?<=\bhj)\.|(?<=\bh)\.|(?<=\bdr)\.|(?<=\bdrs)\.|(?<=\bbpk)\.)"
# What to do if a trip is called off later, said ahead: "kalo bu rina nanti jadi batal dp
# nya balikin aja semua", "misal pak agus cancel, refund full ya". Nothing is cancelled
# now. Never "kalo gitu batalin aja" (in that case: now), nor a condition not met yet
# ("kalo smp tgl 5 blm dp batalin aja": the cancellation itself, its condition checked).
IF_CANCELLED_RE = re.compile(
    rf"\b(?:{IF})\b(?!\s+(?:gitu|gt|gtu|begitu|bgitu|gini)\b){IN_SENTENCE}*?\b{_CANCEL}"
)


# A crew member's own pay not given yet: "premi sy trip kmrn blm dikasih", "uang premi blm
# cair", "uang jalan blm sy terima", "gaji bulan ini blm ditransfer". Nothing to record: the
# reader reads no action in it (adapters/rules) and the assistant passes it on to the owner
# and admins (assistant.crew_answers.pay_owed).
# The crew's own pay, by the words drivers use.
CREW_PAY = r"premi|uang\s+jalan|uj|sangu|uang\s+makan|gaji|upah|insentif"
_CREW_PAY_RE = re.compile(
    rf"\b(?P<pay>{CREW_PAY})"
    r"(?:nya|ne|e|ku|an)?\b"
)
_NOT_GIVEN_RE = re.compile(
    rf"\b(?:{NOT_YET})\s+(?:(?:sy|saya|aku|aq|gw|gue|tak|kulo)\s+)?"
    # ("durung tak tompo": Javanese, not received.)
    r"(?:di)?(?:kasih|kasi|kirim|terima|cair|transfer|tf|bayar|turun|masuk|tompo|tampa|tampi"
    r"|nompo|nampa)\w*\b"
)


def crew_pay_owed(low: str) -> str | None:
    """The pay (as written: "premi", "uang jalan", "gaji"...) a (lower-cased) message says
    its sender has not been given yet; None when it says no such thing."""
    pay = _CREW_PAY_RE.search(low)
    if pay is None or not _NOT_GIVEN_RE.search(low):
        return None
    return " ".join(pay.group("pay").split())


# Running late on the road ("sy telat 30 menit", "macet, telat kira2 1 jam"): a late word,
# and how late or why: a span of minutes or hours, a little, or the road. The reader reads
# such a message as report_delay (adapters/rules/intents.py); the assistant passes on one
# said beside something to record ("ban bocor, telat kira2 1 jam. tambal ban 100rb").
DELAY_RE = re.compile(r"\b(?:telat|telatnya|terlambat|molor|ngaret|kesiangan|delay)\b")
DELAY_SAID_RE = re.compile(
    # "20 menitan", "sejaman": about that long; "tiga puluh menit", "lima belas menit" in
    # words as voice typing writes them.
    r"\b(?:\d+|se|setengah|stgh|satu|dua|tiga|seperempat|empat|lima|enam|tujuh|delapan"
    r"|sembilan|sepuluh|sebelas|belas|puluh)\s*(?:menit|mnt|jam|jm)(?:an)?\b"
    r"|\bsejam(?:an)?\b"
    # "kita br bisa jalan jam 8": the later hour the trip can start, said.
    r"|\b(?:baru|br|bru)\s+(?:bisa|bs)\s+(?:jalan|brgkt|berangkat|brangkat|brkt|budal)\s+"
    r"(?:jam|jm|pukul)\s*\d"
    # Javanese "sekedhik" / "sithik" (a little), "sekedap" / "sedhela" (a moment).
    r"|\b(?:dikit|sedikit|bentar|sebentar|agak|rada|sekedhik|sekedik|sakedhik|sithik|sitik"
    r"|sekedap|sedhela|sedela)\b"
    # "telat, ban bocor ganti serep": what held him up on the road.
    r"|\bban\w*\s+(?:\w+\s+)?(?:bocor|pecah|kempes|gembos)\b"
    r"|\b(?:macet|macetnya|hujan|banjir|antri|antre|ramai|rame|padat|kecelakaan|laka)\b"
    # "rombongan telat, baru brgkt jam 7": the trip leaves (or arrives) later than set.
    r"|\bbaru\s+(?:bisa\s+)?(?:brgkt|berangkat|brangkat|jalan|jln|sampe|sampai|nyampe)\b"
    # "sy telat pak, baru keluar rumah": where he is, just setting off.
    r"|\b(?:baru|br)\s+(?:aja\s+)?(?:keluar|kluar|metu|bangun|otw)\b"
    # The party not ready: "rombongan blm lengkap", "peserta blm kumpul", "msh nunggu 3 org".
    r"|\b(?:belum|blm|blom)\s+(?:\w+\s+)?(?:lengkap|kumpul|ngumpul|siap|dateng|datang|turun)\b"
    r"|\b(?:nunggu|menunggu|nungguin|tunggu)\b"
)
# A driver's "berangkatnya mundur kira2 setengah jam": the trip leaves later by minutes or
# an hour or two, on the day (a day moved, "mundur ke tgl 5", is a change of the booking).
LATE_START_RE = re.compile(
    r"\b(?:brgkt|berangkat|brangkat|brkt|budal|mangkat|berangkatnya|brangkatnya|brgktnya"
    r"|brktnya|jalannya|jalan|jln)\s+"
    r"(?:\w+\s+)?(?:mundur|molor|diundur|mundurin)\s+"
    r"(?:(?:kira\s*kira|kira2|kurleb|sekitar|skitar|sktr|paling|palingan)\s+)?"
    r"(?:\d+|se|setengah|stgh|satu|dua|seperempat)\s*(?:menit|mnt|jam|jm)(?:an)?\b"
)
# Money late ("telat bayar", "pelunasannya molor 2 hari") is no lateness on the road.
_PAID_LATE_RE = re.compile(
    r"\b(?:telat|terlambat|molor|ngaret)\s+(?:\w+\s+)?(?:bayar\w*|byr|transfer\w*|tf|lunas\w*"
    r"|dp\w*|cicil\w*)\b|\b(?:bayar\w*|pelunasan\w*|dp\w*|tf|transfer\w*)\s+(?:\w+\s+)?"
    r"(?:telat|terlambat|molor|ngaret)\b"
)


# "gak telat kok", "blm telat", "aman ga molor": lateness denied is none.
_NOT_LATE_RE = re.compile(
    rf"\b(?:{NO}|{NOT_YET}|g)\s+(?:\w+\s+)?(?:telat|terlambat|molor|ngaret|kesiangan|delay)\b"
)


# Work in the workshop running over ("servis bus 02 molor, bengkelnya antri") is the bus's
# repair taking longer, not its crew late on the road; "telat" said too still is.
_WORK_RUNS_OVER_RE = re.compile(
    r"\b(?:bengkel\w*|servis\w*|service\w*|perbaikan\w*|dibenerin|sparepart|onderdil)\b"
    r"[^.?!\n]*\bmolor\b|\bmolor\b[^.?!\n]*\b(?:bengkel\w*|servis\w*|perbaikan\w*|sparepart)\b"
)
_ON_THE_ROAD_LATE_RE = re.compile(r"\b(?:telat|telatnya|terlambat|kesiangan|delay)\b")


def running_late(low: str) -> bool:
    """Whether a lowercase message says its sender runs late: a late word with how late
    or why; never money paid late, a repair running over, nor lateness denied."""
    late = DELAY_RE.search(low) or LATE_START_RE.search(low)
    said = bool(late and DELAY_SAID_RE.search(low))
    if _WORK_RUNS_OVER_RE.search(low) and not _ON_THE_ROAD_LATE_RE.search(low):
        return False
    return said and not _PAID_LATE_RE.search(low) and not _NOT_LATE_RE.search(low)


# The day's talk that no record of the PO answers: the weather, and the price of fuel or
# gold going up or down. The reader finds no request in it (adapters/rules); the market's
# news the assistant answers as talk, pointing to what it does (assistant.smalltalk), even
# with "solar" in it, a word the PO's own costs use too.
_WEATHER = r"cuaca\w*|hujan|ujan|gerimis|mendung|badai|ramalan\s+cuaca|prakiraan\s+cuaca|bmkg"
_MARKET = r"solar|bbm|bensin|pertalite|pertamax|dexlite|emas|antam|dolar|dollar"
WEATHER_RE = re.compile(rf"\b(?:{_WEATHER})\b")
MARKET_TALK_RE = re.compile(
    rf"\bharga\s+(?:{_MARKET})\b"
    # ("solar e larang yo": Javanese "larang", dear.)
    rf"|\b(?:{_MARKET})\s+(?:\w+\s+)?(?:naik|turun|mahal|murah|langka|antri|antre|larang)\b"
)


# What to do if something happens, asked ("pak, kalo bus 02 mogok lg di jalan sy hrs gmn?"):
# nothing has happened; the reader finds no report in it (adapters/rules), the assistant
# says how such news is sent and whom to call (assistant.smalltalk).
IF_IT_HAPPENS_RE = re.compile(
    r"(?:\W*(?:pak|bu|mbak|mas|bos|om)\W+)*(?:kalo|kalau|klo|kl|misal|misalnya|seandainya|nek|yen)"
    # ("kalo kaya gini sy harus gimana, ban bus 02 pecah": the situation at hand.)
    r"\b(?!\s+(?:(?:kaya|kayak|kyk|kek|koyo|koyok)\s+)?(?:gini|gitu|begini|begitu|ngene|ngono|ini)\b)"
    r"[^?]*\b(?:hrs|harus|musti|mesti|kudu)\s+(?:gmn|gimana|bgmn|bagaimana|ngapain|piye)\b[^?]*\?+\W*$"
)


# A salary asked ("sopir kita gajinya brp", "gaji joko bulan ini brp"): Keloia keeps no
# salaries, only what each trip pays its crew (premi, uang jalan, as trip costs).
SALARY_RE = re.compile(r"\b(?:gaji|gajinya|gajine|gajian|upah|upahnya|honor|honornya)\b")


# Kept as it is: "tetep bus 04 aja deh", "ga jadi, tgl 4 aja", "balikin ke bus 04". Said of
# a change waiting for a yes, with the value the record already has, it takes the change
# back (assistant.converse); without such a word the value may only name the trip ("bu dewi
# yg brgkt tgl 4, bukan yg lain"), and the change keeps waiting.
KEPT_AS_IT_IS_RE = re.compile(
    rf"\b(?:tetep|tetap|ttp|ajalah|(?:{NO})\s*(?:jadi|jd)|gajadi|gajd|balik\w*|kembali\w*"
    r"|semula|sebelumnya|aja|saja|ae|wae)\b"
)


# A season's wishes: "met taun baru pak budi, mugi2 tambah berkah", "selamat natal ya
# mbak", "mohon maaf lahir batin": no request, whatever else they name.
NEW_YEAR_RE = re.compile(
    r"\b(?:selamat|slamat|slmt|met|happy)\s+(?:tahun|taun|thn)\s+baru\b|\bhappy\s+new\s+year\b"
    r"|\bhny\b",
    re.IGNORECASE,
)
CHRISTMAS_RE = re.compile(r"\b(?:selamat|slamat|met|merry)\s+(?:natal|christmas|xmas)\b", re.I)
EID_RE = re.compile(
    r"\bmohon\s+maaf\s+lahir\s+(?:dan\s+)?batin\b|\bminal\s+aidin\b|\bmaaf\s+lahir\s+batin\b"
    r"|\b(?:selamat|met)\s+(?:hari\s+raya|idul\s+fitri|lebaran|idul\s+adha)\b",
    re.IGNORECASE,
)
SEASON_WISH_RE = re.compile(
    "|".join(f"(?:{r.pattern})" for r in (NEW_YEAR_RE, CHRISTMAS_RE, EID_RE)), re.IGNORECASE
)
