"""What a message says of a trip's day or destination, read from its words: the checks the
conversation puts on any reading (the rules' or Claude's) before it proposes anything.

- A trip given a new day ("ga jadi tgl 2, diundur 2 hari", "tp tgl 4", "pindah ke rabu") is
  moved, never cancelled: a cancellation would cost the client a fee.
- A day that does not exist ("tgl 31 nov", "tgl 40", "bulan 13") is asked about, never read
  as some other day.
- A trip put off with no new day ("diundur aja sampe ada kabar") is neither moved nor
  cancelled: it keeps its day until a new one is given.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from keloia.domain.model.clients import HONORIFICS
from keloia.domain.model.news import CALLED_OFF, NOT_YET

# The months as people write them, with the number of each.
MONTH_WORDS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        ("januari", "jan"),
        ("februari", "pebruari", "febuari", "feb", "peb"),
        ("maret", "mar", "mrt"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "jun"),
        ("juli", "jul"),
        ("agustus", "agust", "agst", "agus", "agt", "agu", "ags", "aug"),
        ("september", "sept", "sep", "spt"),
        ("oktober", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "des", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTH_WORDS[_name] = _num


def _slips(name: str) -> set[str]:
    """A long month's name typed in a hurry: two neighbouring letters swapped or one left
    out, its first letter kept ("novemebr", "desmber", "septmber")."""
    swapped = {name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(1, len(name) - 1)}
    dropped = {name[:i] + name[i + 1 :] for i in range(1, len(name))}
    return {w for w in swapped | dropped if len(w) >= 6 and w != name}


for _name, _num in list(MONTH_WORDS.items()):
    if len(_name) >= 7:
        for _slip in _slips(_name):
            MONTH_WORDS.setdefault(_slip, _num)
MONTH_NAMES = [
    *("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"),
    *("September", "Oktober", "November", "Desember"),
]
# Longest first so "agustus" wins over "agus".
MONTH_RE = "(?:" + "|".join(sorted(MONTH_WORDS, key=len, reverse=True)) + r")\b"
# "pak agus", "bu juli", "mbak april", "mas mei": a month's name right after a title is a
# person's name, never a date.
_TITLED_MONTH_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(HONORIFICS, key=len, reverse=True))})\s+(?P<month>{MONTH_RE})"
)


# "sy sm agus udh sepakat tuker jadwal": Agus, a teammate named after "sama", not August.
_WITH_AGUS_RE = re.compile(r"\b(?:sm|sama|ama|dan|dgn|dengan|karo|bareng)\s+(?P<month>agus)\b")


def without_named_people(low: str) -> str:
    """The (lower-cased) text with each month's name said as a person's blanked out, the
    offsets kept: what the months and days are read from. A name said so once is the
    person wherever else it is written without a year ("... tgl 13 agus yg ke jogja")."""
    people = {m.group("month") for m in _TITLED_MONTH_RE.finditer(low)}
    people |= {m.group("month") for m in _WITH_AGUS_RE.finditer(low)}
    for m in _TITLED_MONTH_RE.finditer(low):
        low = low[: m.start("month")] + " " * len(m.group("month")) + low[m.end("month") :]
    for name in people:
        for m in re.finditer(rf"\b{re.escape(name)}\b(?!\s*(?:(?:tahun|thn|th)\s+)?\d{{4}})", low):
            after_day = _DAY_BEFORE_RE.search(low, 0, m.start())
            if after_day and not _WHO_AFTER_RE.match(low, m.end()):
                continue  # "pak agus ... tgl 17 agus ke bali": the month, after its day
            low = low[: m.start()] + " " * len(name) + low[m.end() :]
    return low


# A day of the month right before a name that is also a month's: "tgl 17 agus" is August
# unless what follows says who ("tgl 13 agus yg ke jogja": Agus drives it).
_DAY_BEFORE_RE = re.compile(r"\b\d{1,2}\s*$")
_WHO_AFTER_RE = re.compile(r"\s+(?:yg|yang|sing|aja|saja|wae)\b")


# The days of the week as people write them, with the number of each (Monday 0).
WEEKDAYS: dict[str, int] = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jumaat": 4,
    "jum’at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
WEEKDAY_RE = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b"
# Before a day's number: "tgl 5", "tanggal 12", "tg.3". The domain's and the reader's
# (adapters/rules/dates.py) one spelling.
TGL = r"(?:tgl|tanggal|tangal|tg|tnggl|kaping)\.?\s*"  # Javanese, Sundanese "kaping 4"
# A day named: "tgl 5", "tanggal empat", "rabu", "besok".
_A_DAY = rf"{TGL}\w+|(?:(?:hari|hr)\s+)?{WEEKDAY_RE}|besok|bsk|besuk|lusa"
# Pushed later or brought forward: "diundur", "mundurin", "dimajukan", "geser", "pindah".
_SHIFT = r"(?:di)?(?:undur|mundur|maju|geser|pindah)\w*|resched\w*"
# The new day said instead: "tp tgl 4", "jadinya rabu", "ganti tanggal 5".
_INSTEAD = r"tp|tapi|tpi|jadi|jd|jadinya|jdnya|ganti|diganti|gnti|pindah|dipindah"
MOVE_RE = re.compile(
    rf"\b(?:{_SHIFT})\s+(?:(?:jadi|jd|ke)\s+)*(?:(?:\d+\s*|se|\w+\s+)(?:hari|hr|minggu|pekan)\b"
    rf"|seminggu\b|{_A_DAY})"
    rf"|\b(?:{_INSTEAD})\s+(?:ke\s+)?(?:{_A_DAY})"
)
# "ga jadi tgl 2" calls a day off: its "jadi" says no new day.
_CALLED_OFF_RE = re.compile(rf"\b(?:{CALLED_OFF})\b")
# The destination changed: "tujuan ganti", "ganti tujuan", "rutenya berubah".
_CHANGE = r"ganti|diganti|gnti|pindah|dipindah|ubah|diubah|rubah|dirubah|berubah"
_ROUTE = r"tujuan\w*|rute\w*|destinasi\w*"
ROUTE_CHANGE_RE = re.compile(
    rf"\b(?:(?:{_CHANGE})\s+(?:{_ROUTE})|(?:{_ROUTE})\s+(?:\w+\s+){{0,3}}(?:{_CHANGE}))\b"
)


# A part of a trip said to change with no new value: "bus nya pak hendra mau diganti",
# "ganti sopir bu dewi", "jam jemputnya diubah". "jam jemput" is the time, not the place.
_PARTS = (
    ("bus", r"bus\w*|bis|bisnya|armada\w*|unit\w*"),
    ("driver", r"sopir\w*|supir\w*|driver\w*"),
    ("kernet", r"kernet\w*|kenek\w*"),
    ("time", r"jam\w*|pukul"),
    ("pickup", r"(?<!jam\s)(?:jemput\w*|penjemputan|titik\s+kumpul\w*)"),
)
_PART_RES = tuple(
    (
        part,
        re.compile(
            rf"\b(?:(?:{_CHANGE})\s+(?:{words})|(?:{words})\s+(?:\w+\s+){{0,4}}?(?:mau\s+|mo\s+)?"
            rf"(?:{_CHANGE}))\b"
        ),
    )
    for part, words in _PARTS
)


def part_changed(text: str) -> str | None:
    """Which part of a trip the message says changes ("bus", "driver", "kernet", "time",
    "pickup") when it names one only; None when it names none or several."""
    low = text.lower()
    said = {part for part, pattern in _PART_RES if pattern.search(low)}
    if said == {"time", "pickup"}:
        said = {"time"}  # "jemputnya jamnya diganti": its hour
    return said.pop() if len(said) == 1 else None


# Who takes a crew seat said to change, asked: "Sopir *Bu Dewi, ...* (sekarang Wahyu) mau
# diganti siapa?". Written once: the assistant asks it, the reader knows an answer to it.
_SEATS = {"driver": "Sopir", "kernet": "Kernet"}
_SEAT_QUESTION_RE = re.compile(r"^(Sopir|Kernet) .* mau (?:diganti|pakai) siapa\?$", re.S)


def seat_question(part: str, which: str, now: str) -> str:
    """The question for a crew seat ("driver", "kernet") of the trip `which` said to
    change; `now`: who holds it ("" when nobody does)."""
    if not now:
        return f"{_SEATS[part]} {which} belum ditentukan. Mau pakai siapa?"
    return f"{_SEATS[part]} {which} (sekarang {now}) mau diganti siapa?"


def seat_asked_in(question: str) -> str | None:
    """The crew seat ("driver", "kernet") `question` (a turn of the assistant's) asks who
    takes, or None."""
    if question.startswith(tuple(f"{word} " for word in _SEATS.values())) and (
        question.endswith("belum ditentukan. Mau pakai siapa?") or _SEAT_QUESTION_RE.match(question)
    ):
        return "kernet" if question.startswith("Kernet") else "driver"
    return None


def moves_the_day(text: str) -> bool:
    """True when the message gives a trip a new day or shifts it ("diundur 2 hari")."""
    return MOVE_RE.search(_CALLED_OFF_RE.sub(" ", text.lower())) is not None


# Put off: "diundur", "ditunda", "dipending", "mundur".
_PUT_OFF = r"(?:di)?(?:undur|mundur|tunda|pending)\w*"
# ... with no day yet: "sampe ada kabar", "sampai waktu yang belum ditentukan", "tanggalnya
# belum tau", "nunggu kabar", "blm ada tanggal".
_NO_DAY_YET = (
    r"(?:sampai|sampe|smp|sampek|ampe|hingga)\s+(?:ada\s+)?(?:kabar|info|konfirmasi|kepastian)\w*"
    # "smp ada kabar dr sekolahnya": whose word is awaited, kept with it.
    r"(?:\s+(?:dari|dr|dri)\s+(?!(?:sy|saya|kami)\b)[a-z]+(?:\s+(?!(?:ya|yah|pak|bu|dulu|dl|blm|belum|tp|tapi)\b)[a-z]+)?)?"
    rf"|(?:sampai|sampe|smp|hingga)\s+(?:waktu|wkt)\s+(?:yg|yang)\s+(?:{NOT_YET})\s+\w+"
    r"|(?:nunggu|menunggu|tunggu)\s+(?:kabar|info|kepastian|konfirmasi)\w*"
    rf"|(?:tanggal|tgl)\w*\s+(?:\w+\s+)?(?:{NOT_YET})\s+(?:tau|tahu|pasti|jelas|ada|ditentukan)"
    rf"|(?:{NOT_YET})\s+(?:ada|tau|tahu|pasti)\s+(?:tanggal|tgl)\w*"
    r"|tanpa\s+(?:tanggal|tgl)|(?:batas|waktu)\s+yang\s+tidak\s+ditentukan"
    # "smp jalur selatan dibuka lg", "sampe banjirnya surut": until something clears, no day.
    r"|(?:sampai|sampe|smp|sampek|ampe|hingga)\s+(?!(?:tgl|tanggal|besok|bsk|lusa|minggu|pekan"
    r"|bulan|bln|akhir|awal|hari|hr|senin|selasa|rabu|kamis|jumat|sabtu|ahad)\b|\d)"
    r"(?:[a-z]+\s+){1,4}?(?:(?:udh|udah|sudah|sdh|bisa|bs)\s+)?"
    r"(?:dibuka|buka|kebuka|surut|reda|aman|normal|membaik|dilewati|dilewatin|dilalui|lewat"
    r"|dibersihkan|dibersihin|bersih|selesai|beres|kering|berhenti|mereda)\b(?:\s+(?:lg|lagi))?"
)
_UNTIL_NOTICE_RE = re.compile(rf"\b{_PUT_OFF}\b(?:\W+\w+){{0,4}}?\W+(?P<until>{_NO_DAY_YET})\b")


def put_off_undated(text: str) -> str | None:
    """ "sampe ada kabar" when the message puts a trip off with no new day ("diundur aja
    sampe ada kabar", "ditunda dulu, tanggalnya blm tau"); None when it gives one."""
    low = text.lower()
    m = _UNTIL_NOTICE_RE.search(low)
    if m is None or moves_the_day(low):
        return None
    return m.group("until")


# A shift verb said with no day at all: "diundur aja", "majuin", "digeser". Not "pindah":
# "jemputnya pindah" moves the pickup, not the day.
_SHIFT_WORD_RE = re.compile(r"\b(?:di)?(?:undur|mundur|maju|geser)\w*|\bresched\w*")
# How the question names each shift: pushed later, brought forward, or moved.
_SHIFT_ASKED = (
    ("undur", "Diundur"),
    ("mundur", "Diundur"),
    ("maju", "Dimajukan"),
    ("geser", "Digeser"),
)


def shift_said(text: str) -> str | None:
    """ "Diundur" / "Dimajukan" / "Digeser" when the message shifts a trip with a verb of its
    own ("bu dewi diundur aja", "majuin ya") but names no day for it; None otherwise."""
    low = _CALLED_OFF_RE.sub(" ", text.lower())
    m = _SHIFT_WORD_RE.search(low)
    if m is None or moves_the_day(low):
        return None
    verb = m.group()
    return next((asked for stem, asked in _SHIFT_ASKED if stem in verb), "Dipindah")


def change_asked(text: str, whose: str = "") -> str | None:
    """The question for a change that says what changes but not to what (`whose`: the
    trip's client, named in the question: "Bu Dewi diundur ke tanggal berapa?")."""
    low = text.lower()
    if ROUTE_CHANGE_RE.search(low):
        return "Tujuannya ganti ke mana?"
    if moves_the_day(low):
        return "Pindah ke tanggal berapa?"
    # The client's own words are no verb ("PT Maju Mundur").
    if (shifted := shift_said(low.replace(whose.lower(), " ") if whose else low)) is not None:
        lead = f"{whose} {shifted.lower()}" if whose else shifted
        return f"{lead} ke tanggal berapa?"
    return None


_DAY_SAID_RE = re.compile(
    rf"\b{TGL}(\d{{1,3}})\b(?:\s*(?:/|\s(?:bulan|bln)\s*)(\d{{1,3}})\b|\s*({MONTH_RE}))?"
    rf"|\b(\d{{1,2}})\s*({MONTH_RE})"
)
_WHICH_DAY = "Maksudnya tanggal berapa?"
_MONTH_SAID_RE = re.compile(r"\b(?:bulan|bln)\s+(\d{1,3})\b")


def impossible_date(text: str) -> str | None:
    """The polite question for a day that does not exist ("tgl 31 nov", "tgl 40", "tgl 0",
    "bulan 13"), or None when every day said is a real one."""
    low = text.lower()
    for m in _DAY_SAID_RE.finditer(low):
        day = int(m.group(1) or m.group(4))
        month_word = m.group(3) or m.group(5)
        month = MONTH_WORDS[month_word] if month_word else int(m.group(2) or 0) or None
        if month is not None and not 1 <= month <= 12:
            return f"Bulan {month} tidak ada. Maksudnya bulan apa?"
        if not 1 <= day <= 31:
            return f"Tanggal {day} tidak ada. {_WHICH_DAY}"
        last = calendar.monthrange(2028, month)[1] if month is not None else 31  # a leap year
        if month is not None and day > last:
            up_to = "28 (29 di tahun kabisat)" if month == 2 else f"{last}"
            return f"{MONTH_NAMES[month - 1]} hanya sampai tanggal {up_to}. {_WHICH_DAY}"
    for m in _MONTH_SAID_RE.finditer(low):
        if not 1 <= int(m.group(1)) <= 12:
            return f"Bulan {int(m.group(1))} tidak ada. Maksudnya bulan apa?"
    return None


# A month said with no day of it: "des 2027", "desember", "akhir des 2027", "bulan 12 2027".
_MONTH_ONLY_RE = re.compile(
    rf"(?P<end>\b(?:akhir|akir|ahir|ujung|penghujung)\s+(?:(?:bulan|bln)\s+)?)?"
    rf"\b(?:(?P<word>{MONTH_RE})|(?:bulan|bln)\s+(?P<num>1[0-2]|0?[1-9])\b)"
    r"(?:\s*(?:th|thn|tahun)?\s*(?:(?P<year>20\d\d)\b|"
    # "agustus dua ribu dua puluh delapan": the year in words, as voice typing writes it.
    r"dua\s+ribu\s+(?P<tens>dua|tiga)\s+puluh"
    r"(?:\s+(?P<unit>satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?\b))?"
)
_UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}
_UNITS |= {"delapan": 8, "sembilan": 9}
# A day said anywhere: "tgl 20", "20 des", "20/12", "20-12-2027".
_ANY_DAY_RE = re.compile(
    rf"\b{TGL}\d{{1,2}}\b|\b\d{{1,2}}\s*[-/.]?\s*{MONTH_RE}|\b\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\b"
    r"|\b\d{1,2}\s+(?:bulan|bln)\s+\d"
)


@dataclass(frozen=True)
class MonthSaid:
    """A month named without its day; `end`: its end said ("akhir des 2027")."""

    year: int
    month: int
    end: bool

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def on(self, day: int) -> date | None:
        """That day of the month, None when the month has no such day."""
        try:
            return date(self.year, self.month, day)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


# "akhir bulan aja": the end of the month talked about, no month named.
_END_OF_MONTH_RE = re.compile(r"\b(?:akhir|akir|ahir|ujung|penghujung)\s+(?:bulan|bln)\b")


def end_of_month_said(text: str) -> bool:
    """ "gatau, akhir bulan aja": a month's end said with no month named."""
    low = text.lower()
    return bool(_END_OF_MONTH_RE.search(low)) and not _MONTH_ONLY_RE.search(low)


def month_without_day(text: str, today: date, asked: MonthSaid | None = None) -> MonthSaid | None:
    """The month a message names with no day of it ("kir bus 03 habis des 2027", "akhir
    desember"), the year being the one said, else the year of the month `asked` when it is
    that month ("des" answering "tanggal berapa di Desember 2027?"), else the month's next
    coming; None when a day is said too, or when no month or several are."""
    low = without_named_people(text.lower())
    if _ANY_DAY_RE.search(low):
        return None
    found = list(_MONTH_ONLY_RE.finditer(low))
    if len(found) != 1:
        return None
    m = found[0]
    month = MONTH_WORDS[m.group("word")] if m.group("word") else int(m.group("num"))
    year = int(m.group("year")) if m.group("year") else None
    if m.group("tens"):
        year = 2000 + (20 if m.group("tens") == "dua" else 30) + _UNITS.get(m.group("unit"), 0)
    if year is None and asked is not None and asked.month == month:
        year = asked.year
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    return MonthSaid(year, month, bool(m.group("end")))


# "15", "tgl 15", "tanggal 15 aja", "15 ya": a day of the month alone, as an answer.
_DAY_ALONE_RE = re.compile(
    rf"\W*(?:{TGL})?(?P<day>\d{{1,2}}|(?P<words>[a-z]+(?:\s+[a-z]+){{0,2}}?))\W*"
    r"(?:aja|saja|ya|yaa|pak|bu|min)?\W*"
)
# "tujuh belas", "dua puluh satu": a day said in words, as voice typing writes it.
_TEENS = {"sepuluh": 10, "sebelas": 11}


def _day_in_words(said: str) -> int | None:
    words = said.split()
    if len(words) == 1:
        return _UNITS.get(words[0]) or _TEENS.get(words[0])
    if len(words) == 2 and words[1] == "belas":
        unit = _UNITS.get(words[0])
        return 10 + unit if unit else None
    if len(words) in (2, 3) and words[0] in ("dua", "tiga") and words[1] == "puluh":
        unit = _UNITS.get(words[2], -100) if len(words) == 3 else 0
        day = (20 if words[0] == "dua" else 30) + unit
        return day if 1 <= day <= 31 else None
    return None


def day_alone(text: str) -> int | None:
    """The day of month a short answer says ("15", "tgl 15 aja", "tanggal tujuh belas"),
    else None."""
    m = _DAY_ALONE_RE.fullmatch(text.lower().strip())
    if m is None:
        return None
    return _day_in_words(m.group("words")) if m.group("words") else int(m.group("day"))


def month_only_said(text: str) -> bool:
    """Whether a message names one month and no day ("kir bus 03 habis des 2027")."""
    return month_without_day(text, date(2000, 1, 1)) is not None
