"""Greetings, thanks and talk that is not about the business: answered in kind, briefly,
instead of with the not-understood menu (or worse, as if something had been saved)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from keloia.domain.model import news, promises
from keloia.domain.model.clients import HONORIFICS
from keloia.domain.model.conversation import AROUND_YES, THANKS, YES_WORDS
from keloia.domain.model.promises import PROMISE
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import local_phone

GREETINGS = frozenset(
    [
        "pagi",
        "siang",
        "sore",
        "malam",
        "halo",
        "hallo",
        "helo",
        "hai",
        "hi",
        "hello",
        "selamat",
        "met",
        "permisi",
        "salam",
        # Javanese "sugeng enjing / siang / sonten / dalu", Sundanese "wilujeng enjing".
        "sugeng",
        "wilujeng",
        "enjing",
        "sonten",
        "dalu",
    ]
)
# The assistant greeted or thanked by its name: "pagi keloia 🙏", "ok suwun keloia".
ASSISTANT_NAME = frozenset(["keloia"])
# The time of day as greeted in Javanese and Sundanese, said back in Indonesian.
_GREETED_AS = {"enjing": "pagi", "sonten": "sore", "dalu": "malam"}
SALAM = re.compile(r"\bass?alamu?\W?alaikum|\bass?ala+mualaikum|\bassalam\b", re.IGNORECASE)
# "maaf ya pak", "sori mbak", "nyuwun sewu": an apology, taken kindly.
SORRY = frozenset(["maaf", "sori", "sorry", "sory", "ngapunten"])
# Polite words beside an apology ("mohon maaf", "nyuwun sewu"): alone they ask for
# something, so they are no apology by themselves.
SORRY_AROUND = frozenset(["mohon", "nyuwun", "sewu"])
# What an apology is for, beside it ("maaf ya pak ngrepotin", "maaf jd merepotkan"): still
# an apology, answered in kind; never words alone.
SORRY_FOR = frozenset(
    [
        "ngrepotin",
        "ngerepotin",
        "ngrepotkan",
        "ngerepotkan",
        "merepotkan",
        "repotin",
        "ngerepoti",
        "nyusahin",
        "menyusahkan",
        "ganggu",
        "ngganggu",
        "mengganggu",
        "jadi",
        "jd",
        # How sorry: "mohon maaf sanget", "maaf banget ya mbak".
        "sanget",
        "banget",
        "bgt",
        "sekali",
        "skali",
    ]
)
# "sehat?", "apa kabar", "piye kabare": asking after the other, answered in kind.
ASKING_AFTER = frozenset(
    ["sehat", "kabar", "kabarnya", "kabare", "gimana", "gmn", "piye", "pripun", "damang"]
)
# Words that may stand next to a greeting or thanks without making it a request.
SOCIAL = frozenset(
    [
        "terima",
        "kasih",
        "banyak",
        "juga",
        "semua",
        "selamat",
        "wr",
        "wb",
        "warahmatullahi",
        "wabarakatuh",
        "kembali",
        # "ok suwun infonya", "makasih infonya": thanks for what was told
        "infonya",
        "infone",
        "ya",
        "yaa",
        "sama",
        "sami",
        "ok",
        "oke",
        "siap",
        "sip",
        "baik",
        "noted",
        "mantap",
        # wishes said with thanks: "ok makasih, semangat ya", "sukses terus"
        "semangat",
        "sukses",
        "lancar",
        "amin",
        "aamiin",
        # who is greeted: "assalamualaikum bot", "pagi min"
        "bot",
        "min",
        "admin",
    ]
)
# Where one goes when taking leave: "tak tinggal ngopi dulu", "pamit sholat dulu".
_ERRANDS = frozenset(
    [
        "ngopi",
        "ngopi2",
        "makan",
        "maem",
        "sholat",
        "solat",
        "shalat",
        "mandi",
        "rapat",
        "meeting",
        "tidur",
        "istirahat",
    ]
)
# Passing the answer on later, said with thanks: "nanti tak laporin ke pak budi".
_WILL_TELL = frozenset(
    [
        # "oke, makasih ya. besok lanjut": more another day.
        "besok",
        "bsk",
        "lanjut",
        "lagi",
        "nanti",
        "ntar",
        "nti",
        "tak",
        "sy",
        "saya",
        "aku",
        "laporin",
        "laporkan",
        "lapor",
        "sampaikan",
        "sampein",
        "kabarin",
        "kabari",
        "teruskan",
        "terusin",
        "infoin",
    ]
)
# Said before thanks to show it was understood: "ooh gitu, yowes makasih", "owalah, yowes
# makasih mbak".
_UNDERSTOOD = frozenset(
    [
        "oh",
        "ooh",
        "oo",
        "ohh",
        "owalah",
        "oalah",
        "walah",
        "gitu",
        "gt",
        "begitu",
        "ngono",
        "ngunu",
        "yowes",
        "yowis",
        "yaudah",
        "yasudah",
        "udah",
        "udh",
    ]
)
# Taking leave: "wis tak tinggal boarding dulu ya", "sy pamit dulu", "duluan ya pak".
LEAVING = frozenset(["pamit", "duluan", "tinggal", "boarding", "istirahat", "tidur"])
# Without one of these, "tinggal" is what is left ("tinggal 2jt"), not taking leave.
_LEAVING_SURELY = frozenset(["pamit", "duluan", "dulu", "dl", "sik", "sek"])
LEAVING_AROUND = frozenset(["dulu", "dl", "sik", "sek", "wis", "wes", "tak", "sy", "saya", "aku"])
# Words that make a message about the business even when it is not understood.
BUSINESS = re.compile(
    # A figure, not the "2" of a doubled word ("kira2", "hati2").
    r"(?<![a-z])\d|\b(?:bus|booking|book|carter|sewa|dp|bayar|transfer|tf|lunas|jadwal|trip|sopir"
    r"|kernet|servis|service|bengkel|oli|ban|rute|jemput|tgl|tanggal|klien|rombongan|tamu"
    r"|penumpang|peserta|nyampe|sampe|smpe|sampai|tiba|berangkat|brgkt|pulang|km|solar|tol"
    r"|parkir|armada|garasi|pool)\b",
    re.IGNORECASE,
)


# "tak tanya pak budi dulu", "tak pikir sek": someone to ask, or thinking, first.
_ASKED_FIRST = (
    r"(?:tanya|tanyain|tanyakan|tanyak|nanya|konfirmasi|konfirm|cek|pastikan|pastiin|diskusi"
    r"|rembug|rembugan|omongin|obrolin|pikir|pikir2|mikir|takon|takoni)\s+(?:\w+\s+){0,3}?"
    r"(?:dulu|dl|dlu|sik|sek|disik|riyin)"
)
# "bentar ya, tak tanya dulu", "jam jemputnya blm fix", "sy tanyain orgnya dulu", "nanti
# sy kabari lagi", "sek yo tak takon sik": asked to wait before saying yes.
HOLD_ON = re.compile(
    r"\b(?:bentar|sebentar|bntr|tunggu|tungguin|nunggu|menunggu|wait|sek|sik|takon\w*|sekedap|sakedap|antosan"
    r"|(?:ntar|nanti|nti|tar)\s+(?:\w+\s+){0,2}?(?:dulu|kabari\w*|kabar|kabarkan|info\w*"
    r"|konfirmasi|konfirm|dikabari|dikonfirmasi)"
    rf"|{_ASKED_FIRST}"
    rf"|(?:{news.NOT_YET})\s+(?:fix|pasti|jelas|tau|tahu|ada\s+kabar|masuk))\b",
    re.IGNORECASE,
)


# "pak hendra minta diskon 500rb, gmn?": a discount asked for, not granted yet.
_DISCOUNT_WORD = re.compile(r"\b(?:diskon\w*|potongan\s+harga)\b", re.IGNORECASE)
_DISCOUNT_CHANGED = re.compile(
    r"\b(?:koreksi|salah|harusnya|hrsnya|bukan|bkn|diganti|ga\s+jadi|gak\s+jadi|ora\s+sido"
    r"|dibatal\w*|batal\w*)\b",
    re.IGNORECASE,
)


def discount_asked(text: str, *, records_money: bool) -> str | None:
    """A discount talked of but not granted (a granted one is a change of the price): how to
    record it once agreed; None for anything else, or for whoever records no money."""
    if not records_money or not _DISCOUNT_WORD.search(text):
        return None
    if _DISCOUNT_CHANGED.search(text):
        # "koreksi diskon bu dewi harusnya 300rb", "bu dewi ga jadi diskon": the price it
        # ends at is what to say.
        return (
            "Diskon yang sudah tercatat saya ubah lewat harganya. Tulis harga yang berlaku "
            "sekarang, misalnya *harga Pak Agus jadi 6,2jt*; saya minta konfirmasi dulu."
        )
    return (
        "Diskonnya belum saya catat. Kalau sudah disetujui, tulis misalnya *diskon Pak Agus "
        "500rb* atau *diskon Pak Agus 10%*; harga barunya saya hitungkan dan saya minta "
        "konfirmasi dulu."
    )


# Time asked to think or ask first: "bentar tak pikir sek", "tak tanya pak budi dulu".
_THINKING_FIRST = re.compile(rf"\b{_ASKED_FIRST}\b", re.IGNORECASE)


def thinking_first(text: str) -> bool:
    """The person asks for time to think or to ask someone, and asks nothing."""
    return "?" not in text and len(text) <= 80 and bool(_THINKING_FIRST.search(text))


def holding_on(text: str) -> bool:
    """The person asks for time before confirming what waits."""
    return bool(HOLD_ON.search(text))


# "trs jam jemputnya udh diganti?", "udah dicatat blm?": whether what waits was done.
_ASKS_IF_DONE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|dah)\s+(?:di[a-z]+|ganti|berubah|kecatat|tercatat|masuk|beres)\b"
    rf"(?=.*(?:\?|\b(?:{news.NOT_YET})\W*$))",
    re.IGNORECASE,
)


def asks_if_done(text: str) -> bool:
    return bool(_ASKS_IF_DONE.search(text))


# "pak hendra mau tf 2jt", "janji bayar dp 1jt", "mau dp 2jt": money promised, an amount
# said or not (never "mau catat tf dari pak hendra": money that came, to record); the words
# the offline reader reads a promise by (domain.model.promises).
_PROMISED = re.compile(PROMISE, re.IGNORECASE)


_NO_DAY_NAMED_RE = re.compile(
    r"\b(?:nanti|ntar|nti|nyusul|menyusul|(?:minggu|bulan)\s+depan)$", re.IGNORECASE
)
_ASKS_HOW = re.compile(
    r"\?|\b(?:berapa|brp|kapan|kpn|gimana|gmn|bagaimana|bisa|bs|boleh|mana|apa)\b", re.IGNORECASE
)


def paid_later(text: str, *, records_money: bool = True) -> str | None:
    """The answer to money announced for later or promised: nothing is recorded until it
    comes. `records_money`: the sender may record payments (a driver is told who does)."""
    said = _PROMISED.search(text)
    if said is not None and _ASKS_HOW.search(text):
        return None  # "pak hendra mau tf ke rek mana?" asks
    if said is None:
        said = news.MONEY_LATER_RE.search(text)
        # ("bayar 2jt besok" is a payment dated then, refused as not moved yet; "bayar 2jt
        # katanya minggu depan" names no day, so nothing is proposed at all.)
        if said is None or (re.search(r"\d", text) and not _NO_DAY_NAMED_RE.search(said.group(0))):
            return None
    # What is promised is the last word of the promise ("janji bayar dp": "dp").
    last = said.group(0).split()[-1] if said.re is _PROMISED else said.group("what")
    what = "DP-nya" if last.lower().startswith(("dp", "uang")) else "pembayarannya"
    if not records_money:
        told = what[0].upper() + what[1:]
        return f"Baik, terima kasih infonya. {told} dicatat pemilik atau admin saat sudah masuk."
    return f"Baik, {what} dicatat nanti saat sudah masuk (cukup kirim misalnya: *dp 2jt tf bca*)."


class _Acknowledged(NamedTuple):
    """News with nothing to record (domain.model.news): how it is found in the text (lower
    case) and what the assistant answers."""

    test: Callable[[str], object]
    reply: str
    # Only to a sender who may record bookings and payments (a driver is only thanked).
    to_recorders: bool = False


_THANKS_FOR_NEWS = "Baik, terima kasih infonya 🙏"
# Read in order: the first that finds its news answers.
_NEWS_ACKNOWLEDGED = (
    _Acknowledged(news.uncancelled, "Baik, booking-nya tetap berjalan; tidak ada yang saya ubah."),
    _Acknowledged(
        news.passed_on_question,
        "Baik, belum ada yang saya catat. Kalau sudah deal atau uangnya sudah masuk, "
        "kirim detailnya untuk dicatat.",
        to_recorders=True,
    ),
    # Said ahead for a cancellation to come: nothing is cancelled nor kept for later.
    _Acknowledged(
        news.IF_CANCELLED_RE.search,
        "Baik, untuk sekarang tidak ada yang saya ubah; booking-nya tetap berjalan. Kalau "
        "nanti benar batal, kirim pembatalannya beserta pengembalian DP-nya untuk dicatat.",
        to_recorders=True,
    ),
    _Acknowledged(
        promises.sent_not_in,
        "Baik, belum saya catat karena uangnya belum masuk. Kalau sudah masuk, kirim "
        "detailnya untuk dicatat (misalnya: *dp 2jt tf bca*).",
        to_recorders=True,
    ),
    _Acknowledged(promises.sent_not_in, _THANKS_FOR_NEWS),
    _Acknowledged(news.passed_on_question, _THANKS_FOR_NEWS),
    _Acknowledged(news.ALREADY_TOLD_RE.search, _THANKS_FOR_NEWS),
    _Acknowledged(
        news.dont_record,
        "Baik, belum ada yang saya catat. Kalau sudah pasti, kirim detailnya untuk dicatat.",
    ),
    _Acknowledged(
        news.work_called_off, "Baik, terima kasih infonya 🙏 Tidak ada perbaikan yang saya catat."
    ),
    _Acknowledged(
        news.guessed_cancel,
        "Baik, belum ada yang saya batalkan. Kalau sudah pasti, kirim misalnya *bu dewi "
        "batal*; dendanya bisa ditanya dulu: *kalau bu dewi batal kena berapa?*",
        to_recorders=True,
    ),
    _Acknowledged(
        lambda low: news.rate_from_now(low) and re.search(r"\d", low),
        "Baik, belum ada yang saya catat. Biaya dicatat per trip saat dikeluarkan (misalnya: "
        "*uang jalan trip bu dewi 800rb*); tarif uang jalan per hari diatur di dashboard, "
        "menu Pengaturan (/pengaturan).",
        to_recorders=True,
    ),
)


def news_only(text: str, *, records: bool = True) -> str | None:
    """The answer to news with nothing to record (domain.model.news): a cancellation
    called off, a client's question or enquiry passed on, something not to record yet, what
    to do if a trip is called off later, word already passed on. `records`:
    the sender may record bookings and payments (a driver is only thanked)."""
    low = text.lower()
    for news_said in _NEWS_ACKNOWLEDGED:
        if (records or not news_said.to_recorders) and news_said.test(low):
            return news_said.reply
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _time_of_day(hour: int) -> str:
    if hour < 11:
        return "pagi"
    if hour < 15:
        return "siang"
    if hour < 18:
        return "sore"
    return "malam"


# "oh maaf salah kirim", "kepencet mbak, abaikan aja": a message sent by mistake.
MISSENT = re.compile(
    r"\bsalah\s+(?:kirim|kirm|krm|chat|ketik|grup|group|kamar|orang|org|nomor|no)\b|\bkepencet\b"
    r"|\b(?:abaikan|diabaikan|cuekin)\b",
    re.IGNORECASE,
)
MISSENT_WORDS = frozenset(
    [
        "salah",
        "kirim",
        "kirm",
        "krm",
        "chat",
        "ketik",
        "grup",
        "group",
        "kamar",
        "orang",
        "org",
        "nomor",
        "no",
        "kepencet",
        "abaikan",
        "diabaikan",
        "cuekin",
        "maaf",
        "mohon",
        "sori",
        "sorry",
        "oh",
        "eh",
        "mbak",
        "mba",
        "pak",
        "bu",
        "mas",
        "min",
        "kak",
        "ya",
        "yg",
        "tadi",
        "td",
        "aja",
        "saja",
        "hehe",
        "wkwk",
        "nggih",
    ]
)
MISSENT_ANSWER = "Baik, tidak apa-apa 🙏"


# "hari ini sdh sampe magelang pak", "otw jemput rombongan", "lg macet di kartasura": a
# driver telling where he is on the road; nothing to record, but it deserves an answer.
ON_THE_ROAD = re.compile(
    r"\b(?:sampe|sampai|nyampe|nyampai|tiba|otw|macet|mampir)\b|\bon\s+the\s+way\b"
    r"|\b(?:lagi|lg|sdg|sedang|masih|msh)\s+(?:di\s+)?(?:jalan|perjalanan|tol|rest\s*area)\b"
    # Where the trip goes next: "bsk pagi lanjut ke tanah lot", "abis ini ke malioboro",
    # "besok jam 7 berangkat ke kawah ijen"; a night's stop: "udh check in hotel".
    r"|\b(?:lanjut|brkt|brgkt|berangkat|brangkat|jalan|jln)\s+(?:lagi\s+|lg\s+)?ke\b"
    r"|\b(?:abis|habis|hbs|sehabis|setelah|stlh)\s+(?:ini|itu)\s+(?:\w+\s+)?ke\b"
    r"|\b(?:check\s*in|cek\s*in|nginep|menginap|inap)\b",
    re.IGNORECASE,
)
ON_THE_ROAD_ANSWER = "Baik, terima kasih kabarnya 🙏 Hati-hati di jalan."
# "udh smp pak", "dah nyampe", "smp pak", "sampun dugi", "wis tekan magelang" (Javanese),
# "atos nepi" (Sundanese): the driver has got there. "smp" is
# also a school ("smp 4"), so short only after "sudah" or alone with a word of address.
_GOT_THERE = r"(?:sampe|sampai|sampek|nyampe|nyampai|nyampek|smp|tiba|dugi|tekan|tekane|nepi)"
_ALREADY = (
    r"(?:udh|udah|uda|sudah|sdh|sudh|dah|wes|wis|uwis|sampun|alhamdulillah|br|baru|barusan"
    r"|atos|parantos)"
)
_ADDRESS = r"(?:pak|pk|bu|mas|mbak|mba|bos|boss|om|min|gan|ya|yo|nggih|ngih|kok|kak|bang)"
ARRIVED = re.compile(
    rf"\b{_ALREADY}\s+(?:aja\s+|kok\s+)?{_GOT_THERE}\b(?!\s+(?:mana|jam|kapan|kpn)\b)"
    rf"|^\W*{_GOT_THERE}(?:\s+{_ADDRESS})*\W*$",
    re.IGNORECASE,
)
ARRIVED_ANSWER = "Alhamdulillah, sudah sampai. Terima kasih kabarnya 🙏"
# "pak sy udh brgkt dr pool", "sudah jalan dr pool", "brgkt skrg pak": the trip has set off.
# The product keeps no departure (a trip is only confirmed, then done), so it is road news
# like the rest: acknowledged, nothing recorded and no one else told.
_SET_OFF = r"(?:berangkat|brangkat|brgkt|brkt|bgkt|jalan|jln|start|cabut)"
SET_OFF = re.compile(
    rf"\b(?:udh|udah|sudah|sdh|dah|wes|wis|uwis|barusan|baru)\s+(?:aja\s+)?{_SET_OFF}\b"
    rf"|\b{_SET_OFF}\s+(?:dr|dari|dri)\s+(?:pool|garasi|kandang|rumah|basecamp)\b"
    rf"|\b{_SET_OFF}\s+(?:skrg|sekarang|skrng|saiki)\b",
    re.IGNORECASE,
)
# "izin makan dulu", "sholat dulu pak", "istirahat bentar": a break of the crew's own
# (never "uang makan", "jatah makan": money for it).
BREAK = re.compile(
    r"\b(?<!uang\s)(?<!jatah\s)(?<!biaya\s)(?<!ongkos\s)(?<!duit\s)"
    r"(?:makan|maem|mangan|sholat|solat|shalat|ngopi|ngaso|istirahat|mandi|toilet|pipis"
    r"|kencing)\b",
    re.IGNORECASE,
)
# "boleh istirahat dulu?", "makan dimana pak": asked, not told.
_ASKED = re.compile(r"\?|\b(?:boleh|bolehkah|blh|gimana|gmn|dimana|dmn|mana|kapan|kpn)\b", re.I)


def on_the_road(text: str, user: User) -> str | None:
    """A driver's word from the road or of a break, with nothing else understood in it:
    acknowledged."""
    if user.role is not Role.DRIVER or re.search(r"\d{3}", text):
        return None
    if ARRIVED.search(text) and not _ASKED.search(text):
        return ARRIVED_ANSWER  # "udh smp pak?" asks whether they are there: not news
    if ON_THE_ROAD.search(text):
        return ON_THE_ROAD_ANSWER
    if SET_OFF.search(text) and not _ASKED.search(text):
        return ON_THE_ROAD_ANSWER  # "brgkt skrg pak?" asks whether to leave: not news
    if not BREAK.search(text) or _ASKED.search(text):
        return None
    return ON_THE_ROAD_ANSWER


# "😂😂😂", "wkwkwk", "hahaha", "xixixi": laughter alone, a light answer in kind (what waits,
# if anything, is said after it).
_LAUGH_WORD = r"(?:w?k+w+k+[wk]*|(?:h+[aeiou]+){2,}h*|(?:a*ha){2,}|x+i+x+i+[xi]*|lol|lmao|ngakak)"
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]"
LAUGHTER = re.compile(rf"^(?:\s|[.!?,~]|{_EMOJI}|\b{_LAUGH_WORD}\b)+$", re.IGNORECASE)
# Laughing and smiling faces: 😂 🤣 😆 😁 😄 😅 (😊 only smiles).
_LAUGHING_FACES = "\U0001f602\U0001f923\U0001f606\U0001f601\U0001f604\U0001f605"
_LAUGHING = re.compile(rf"[{_LAUGHING_FACES}]|[a-z]", re.I)
LAUGHTER_ANSWER = "😄"


_SMILING_RE = re.compile(f"[{_LAUGHING_FACES}\U0001f60a]")


def laughter(text: str) -> str | None:
    """Laughter (words or laughing faces) and nothing else: a smile back."""
    if not text.strip() or not LAUGHTER.match(text) or not _LAUGHING.search(text):
        return None
    return LAUGHTER_ANSWER


_INTRO_WORDS = frozenset(
    [
        "salam",
        "kenal",
        "saya",
        "sy",
        "aku",
        "nama",
        "namaku",
        "perkenalkan",
        "kenalkan",
        "baru",
        "di",
        "po",
        "sini",
        "disini",
        "ya",
        "yg",
        "yang",
        "jadi",
        "sebagai",
        "pak",
        "bu",
        "mas",
        "mbak",
        "mba",
        "bos",
        "kak",
    ]
)
_ROLE_WORDS = frozenset(["admin", "sopir", "supir", "driver", "kernet", "pengemudi"])


# A season's wishes (news.py), said back in kind.
_WISHES = (
    (news.NEW_YEAR_RE, "Selamat tahun baru juga, {name}! Semoga lancar dan berkah. 🙏"),
    (news.CHRISTMAS_RE, "Terima kasih, {name}. Selamat Natal juga! 🙏"),
    (news.EID_RE, "Sama-sama, {name}. Mohon maaf lahir dan batin juga. 🙏"),
)


def _wished(text: str, user: User) -> str | None:
    """A season's wish with no business in it, answered in kind."""
    if BUSINESS.search(text):
        return None
    for wish, answer in _WISHES:
        if wish.search(text):
            return answer.format(name=user.name)
    return None


def reply(text: str, user: User, hour: int) -> str | None:
    """The answer to a greeting or thanks, or None when the message is something else."""
    words = _words(text)
    if not words and not text.strip():
        return None
    if (wished := _wished(text, user)) is not None:
        return wished
    if MISSENT.search(text) and set(words) <= MISSENT_WORDS:
        return MISSENT_ANSWER
    known = (
        GREETINGS
        | THANKS
        | SOCIAL
        | AROUND_YES
        | YES_WORDS
        | ASKING_AFTER
        | SORRY
        | SORRY_AROUND
        | ASSISTANT_NAME
    )
    salam = bool(SALAM.search(text))
    # "pagi pak budi, sehat?": whom the greeting is for, named after a title.
    addressed = {b for a, b in itertools.pairwise(words) if a in HONORIFICS}
    rest = [w for w in words if w not in known and w not in addressed]
    # ("tinggal" alone is what is left, "tinggal 2jt"; with "dulu" or "pamit", leave taken.)
    leaving = any(w in LEAVING - {"tinggal"} for w in words) or (
        "tinggal" in words and any(w in _LEAVING_SURELY for w in words)
    )
    if any(w in THANKS for w in words):
        # "ok nanti tak laporin. suwun": word to pass on later, with the thanks; "makasih,
        # lancar terus": a wish (never "terus?", which asks what next).
        told = _WILL_TELL | _UNDERSTOOD | ({"terus"} if "?" not in text else frozenset())
        rest = [w for w in rest if w not in told]
    if leaving:
        rest = [w for w in rest if w not in LEAVING | LEAVING_AROUND | _ERRANDS]
    if any(w in SORRY for w in words):
        rest = [w for w in rest if w not in SORRY_FOR]
    if salam:
        rest = [w for w in rest if not SALAM.search(w) and w not in ("ass", "assalam")]
    # "halo, saya Dina admin baru di PO, salam kenal ya": a newcomer introducing themself.
    own = set(user.name.lower().split())
    intro = "kenal" in words or (bool(own & set(words)) and bool(set(words) & _ROLE_WORDS))
    if intro:
        rest = [w for w in rest if w not in _INTRO_WORDS | _ROLE_WORDS | own]
    # (An introduction names the role, "sopir baru", which is no business asked.)
    if rest or (BUSINESS.search(text) and not intro):
        return None
    name = user.name
    if intro and salam:
        return (
            f"Wa'alaikumsalam, {name}! 👋 Salam kenal dan selamat bergabung. Ketik *bantuan* "
            "untuk contohnya."
        )
    if intro:
        return (
            f"Salam kenal, {name}! 👋 Selamat bergabung. Ketik *bantuan* untuk melihat apa "
            "saja yang bisa saya bantu."
        )
    fine = " Alhamdulillah baik." if any(w in ASKING_AFTER for w in words) else ""
    if salam:
        return f"Wa'alaikumsalam, {name}!{fine} Ada yang bisa saya bantu?"
    if any(w in THANKS or w == "terima" for w in words):
        return "Sama-sama 🙏"
    if leaving:
        return "Baik, hati-hati 🙏"
    sorry = any(w in SORRY for w in words) or "nyuwun sewu" in " ".join(words)
    if sorry and not any(w in GREETINGS for w in words):
        return "Tidak apa-apa 🙏"
    if any(w in GREETINGS for w in words):
        said = next(
            (
                _GREETED_AS.get(w, w)
                for w in words
                if w in ("pagi", "siang", "sore", "malam", *_GREETED_AS)
            ),
            None,
        )
        plain_hello = said is None and any(
            w in ("halo", "hallo", "helo", "hai", "hi") for w in words
        )
        greeting = "Halo" if plain_hello else f"Selamat {said or _time_of_day(hour)}"
        return f"{greeting}, {name}!{fine} Ada yang bisa saya bantu?"
    return None


# "kalau nanti dapat jadwal saya harus bales apa ya?": how a trip's notice is answered.
_HOW_TO_ANSWER_RE = re.compile(
    r"\b(?:bales|balas|jawab|respon)\w*\s+(?:apa|gimana|gmn|bagaimana|piye)\b"
    r"|\b(?:gimana|gmn|bagaimana|piye)\s+(?:cara\s+)?(?:bales|balas|jawab)\w*\b"
)
_TRIP_NOTICE_RE = re.compile(r"\b(?:jadwal\w*|trip\w*|tugas\w*|notif\w*|pesan\w*)\b")


def how_to_answer_a_trip(text: str, user: User) -> str | None:
    """A crew member asking how to answer a trip's notice: the buttons, or the same words
    typed."""
    low = text.lower()
    if user.role is not Role.DRIVER or not (
        _HOW_TO_ANSWER_RE.search(low) and _TRIP_NOTICE_RE.search(low)
    ):
        return None
    return (
        "Setiap ada trip untuk Anda, saya kirim rinciannya (tanggal, jam, bus, tempat jemput, "
        "rute) dengan tombol *Siap* dan *Tidak bisa*. Tekan salah satunya, atau ketik saja "
        "*siap* / *tidak bisa* (boleh dengan alasannya); admin dan pemilik langsung tahu."
    )


def what_if(text: str, user: User, team: Sequence[User]) -> str | None:
    """A driver's "pak, kalo bus 02 mogok lg di jalan sy hrs gmn?": how such news is sent,
    and whom to call when it cannot wait; None for anything else."""
    if user.role is not Role.DRIVER or not news.IF_IT_HAPPENS_RE.match(text.lower()):
        return None
    owners = [u for u in team if u.role is Role.OWNER and u.active]
    call = (
        f" Kalau mendesak, telepon {owners[0].name} di {local_phone(owners[0].phone)}."
        if owners
        else ""
    )
    return (
        "Kalau itu terjadi, kabari di sini apa yang terjadi dan di mana (misalnya *bus 02 "
        "mogok di tol ngawi, kopling*): pemilik dan admin langsung diberi tahu." + call
    )


def remark_then_thanks(text: str, user: User, hour: int) -> str | None:
    """ "wah solar e larang yo. yowes suwun": talk of the day (the weather, the market's
    prices), then thanks in a sentence of its own: the thanks answered."""
    parts = [p for p in re.split(r"[.!\n]+", text) if p.strip()]
    if len(parts) < 2 or "?" in text:
        return None
    head = " ".join(parts[:-1]).lower()
    if re.search(r"\d", head):
        return None  # "solar mahal bgt skrg. td isi 1,2jt ...": a cost told, not talk
    if not (news.MARKET_TALK_RE.search(head) or news.WEATHER_RE.search(head)):
        return None
    if not any(w in THANKS for w in _words(parts[-1])):
        return None
    return reply(parts[-1], user, hour)


# Talk to the assistant itself: "km udh sarapan blm 😄", "wah pinter jg km ya 👍" ("km"
# there is "kamu", never kilometres: no figure follows).
_TO_THE_BOT = re.compile(r"\b(?:kamu|kmu|sampeyan|panjenengan|bot|keloia|km(?!\s*\d))\b", re.I)
_PRAISED = re.compile(
    r"\b(?:pinter\w*|pintar|hebat|mantap|mantul|keren|canggih|cerdas|jos|top)\b", re.I
)
_MEAL_ASKED = re.compile(
    r"\b(?:udh|udah|sudah|sdh|blm|belum|wis|wes)\s+(?:sarapan|makan|maem|mangan|ngopi|ngeteh)\b",
    re.I,
)
_SCOLDED = re.compile(r"\b(?:lemot|lambat|lelet|bodoh|goblok|error|jelek|payah|ngaco)\b", re.I)


def to_the_bot(text: str) -> str | None:
    """A remark to the assistant itself, answered in kind: praise thanked, a meal asked
    after smiled at; None for anything else (business talk included)."""
    low = text.lower()
    if not _TO_THE_BOT.search(low) or len(low.split()) > 12:
        return None
    asks = "?" in low and not (_MEAL_ASKED.search(low) or _PRAISED.search(low))
    if re.search(r"\b(?:tolong|tlg|minta|catat|cek)\b|\d", low) or asks or _SCOLDED.search(low):
        return None
    if _PRAISED.search(low):
        return "Terima kasih 🙏 Senang bisa membantu."
    if _MEAL_ASKED.search(low):
        return "Terima kasih sudah bertanya 😄 Saya siap membantu kapan saja."
    return None


_ADVANCE_RE = re.compile(r"\b(?:kasbon|kas\s+bon|ngebon)\b")


def off_topic(text: str, tenant_name: str) -> str | None:
    """Talk that is plainly not about the business: a polite pointer to what Keloia does.
    None when the message looks like business that was not understood."""
    if (kind := to_the_bot(text)) is not None:
        return kind
    if news.SALARY_RE.search(text.lower()):
        return (
            "Gaji belum dicatat di Keloia. Yang tercatat per trip: premi dan uang jalan "
            "kru, sebagai biaya trip; tanyakan misalnya *uang jalan trip bsk brp?*"
        )
    if _ADVANCE_RE.search(text.lower()):
        # "pak bs minta kasbon 500rb ga": an advance on pay is the owner's to give.
        return "Maaf, kasbon belum bisa dicatat atau diajukan lewat Keloia 🙏"
    # "harga solar naik lagi ya?": the market's news, though "solar" is the PO's cost too.
    if BUSINESS.search(text) and not news.MARKET_TALK_RE.search(text.lower()):
        return None
    asks = re.search(r"\b(?:tolong|tlg|minta|bikin\w*|buat\w*|kirim\w*|mohon)\b", text.lower())
    if _SMILING_RE.search(text) and len(text.split()) <= 12 and not asks:
        # "wah pagi ini rame tenan ya, kabeh pd ngetik 😅": a light remark, smiled back at.
        return LAUGHTER_ANSWER
    return (
        "Maaf, soal itu saya belum bisa bantu. Saya asisten "
        f"{tenant_name} untuk booking, pembayaran, jadwal dan armada. "
        "Ketik *bantuan* untuk contohnya."
    )
