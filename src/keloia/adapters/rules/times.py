"""Clock times as people type them: "jam 6 pagi", "05.30", "jam 7 malam", "jam setengah 6"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.adapters.rules.vocabulary import HALF, NUMBER_WORDS, number_in_words


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    value: str  # "HH:MM", 24 h


_PART = r"(?:\s*(pagi|pg|subuh|shubuh|siang|sore|malam|malem|mlm|dini\s+hari|pm|am))?"
JAM_RE = re.compile(
    rf"\b(?:jam|jm|pukul|pkl|pk|jamnya|jam\s+nya)\.?\s*((?:{HALF})\s+)?(\d{{1,2}})(?:[.:](\d{{2}}))?"
    r"(?:\s*an\b)?(?:\s*(?:wib|wita))?" + _PART + r"(?!\d|[.,]\d)"
)
# A bare clock time needs a colon or an hour with a leading zero ("05.30"), or a part of
# the day after it, so that "2.5jt" or "6.3" never read as times.
BARE_RE = re.compile(
    r"(?<![\w.,/])(?:(\d{1,2}):(\d{2})|(0\d)\.(\d{2})|(\d{1,2})\.(\d{2})(?=\s*(?:wib|pagi|siang"
    r"|sore|malam|mlm)))(?:\s*wib)?" + _PART + r"(?![\d/]|[.,]\d|\s*(?:jt|juta|rb|ribu|k\b|m\b))"
)
# "brkt 7.30" / "berangkat 6" without "jam"; a form's "*Jam:* 21.00".
AFTER_VERB_RE = re.compile(
    r"\b(?:brkt|berangkat|jemput|start|kumpul|jam\s+\w+|jam(?=\s*:)|waktu|pukul)\s*:?[*_]*\s*"
    r"(\d{1,2})[.:](\d{2})" + _PART + r"(?!\d|[.,]\d)"
)


# "brkt 7 pagi", "jemput 5 sore": a verb, an hour and a part of the day, without "jam".
VERB_HOUR_RE = re.compile(
    r"\b(?:brkt|berangkat|jemput|start|kumpul|dijemput|jd|jadi|menjadi)\s+(\d{1,2})(?:[.:](\d{2}))?\s*"
    r"(pagi|pg|subuh|shubuh|siang|sore|malam|malem|mlm)\b"
)

# "berangkatnya setengah 6 aja", "jemput setengah 7 pagi": half an hour said after the verb
# without "jam" (a half of money or of a day is never after these words).
VERB_HALF_RE = re.compile(
    r"\b(?:brkt|brktnya|berangkat|berangkatnya|jemput|jemputnya|dijemput|start|kumpul|kumpulnya)"
    rf"\s+(?:(?:jd|jadi|aja|saja)\s+)?(?P<half>{HALF})\s+(\d{{1,2}})"
    + _PART
    + r"(?![\d.,]|\s*(?:jt|juta|rb|ribu|hari|jam|menit)\b)"
)

# "setengah 6 mas bkn jam 6", the whole message: the half hour put in place of the hour.
HALF_NOT_HOUR_RE = re.compile(
    rf"^\W*(?P<half>{HALF})\s+(\d{{1,2}})\s+(?:(?:mas|pak|bu|mbak|ya|yo)\s+)?"
    r"(?:bkn|bukan|dudu)\s+jam\s+\d{1,2}\W*(?:(?:ya|yo|mas|pak|bu|mbak)\W*)*$"
)

# The hours a part of the day moves past noon: "jam 1 siang" is 13.00 but "jam 10 siang"
# still the late morning; "jam 2 malam" is the small hours, "jam 7 malam" 19.00.
_AFTERNOON_HOURS = {
    "siang": range(1, 6),
    "sore": range(1, 12),
    **dict.fromkeys(("malam", "malem", "mlm"), range(5, 12)),
}


def to_24h(hour: int, minute: int, part: str | None) -> str | None:
    part = (part or "").split()[0] if part else ""
    if part in _AFTERNOON_HOURS and hour in _AFTERNOON_HOURS[part]:
        hour += 12
    elif part in ("malam", "malem", "mlm") and hour == 12:
        # "jam 12 malam" is midnight; "jam 2 malam" (1 to 4) is the small hours.
        hour = 0
    elif part == "pm" and hour < 12:
        hour += 12
    elif part == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


# The part of the day said just before the hour, in the same clause: "besok sore jemput jam
# 4", "nanti malam jam 9", "siang ini jam 2". Only hours that part can hold follow it
# ("tadi malam jam 2" is two at night, "siang jam 11" late morning).
_PART_BEFORE_RE = re.compile(r"\b(siang|sore|malam|malem|mlm)(?:\s+[^\W\d]+){0,2}\s*$")
_HOURS_OF = {"siang": range(1, 4), "sore": range(1, 9), "malam": range(6, 12)}


def _part_before(before: str, hour: int) -> str | None:
    m = _PART_BEFORE_RE.search(re.split(r"[.;:!?\n]", before)[-1].replace(",", " "))
    if m is None:
        return None
    part = "malam" if m.group(1) in ("malem", "mlm") else m.group(1)
    return part if hour in _HOURS_OF[part] else None


# An hour said in words after "jam" ("jam empat pagi", "jam setengah enam", "jam dua
# belas"), read in digits in its place (the same length, the digits closing the words'
# room so the time's span covers them).
_HOUR_IN_WORDS_RE = re.compile(
    rf"\b(?:jam|pukul|jamnya)\s+(?:(?:{HALF})\s+)?(?P<said>sepuluh|sebelas|dua\s+belas"
    rf"|{'|'.join(NUMBER_WORDS)})\b(?!\s+(?:puluh|belas|ratus|ribu|juta|jam|hari|menit|orang))"
)


def _hour_in_digits(m: re.Match[str]) -> str:
    start, end = m.start("said") - m.start(), m.end("said") - m.start()
    return m.group()[:start] + str(number_in_words(m.group("said"))).rjust(end - start)


def find_times(lower: str) -> list[TimeMention]:
    found: list[TimeMention] = []
    work = _HOUR_IN_WORDS_RE.sub(_hour_in_digits, lower)
    for m in JAM_RE.finditer(work):
        hour, minute = int(m.group(2)), int(m.group(3) or 0)
        if m.group(1):  # "setengah 6" is half past five
            hour, minute = hour - 1, 30
        part = m.group(4) or _part_before(work[: m.start()], hour)
        value = to_24h(hour, minute, part)
        if value:
            found.append(TimeMention(m.start(), m.end(), value))
            work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]
    if put := HALF_NOT_HOUR_RE.match(lower):
        value = to_24h(int(put.group(2)) - 1 or 12, 30, None)
        if value:
            found.append(TimeMention(put.start("half"), put.end(2), value))
            work = (
                work[: put.start("half")]
                + " " * (put.end(2) - put.start("half"))
                + work[put.end(2) :]
            )
    for m in VERB_HALF_RE.finditer(work):
        value = to_24h(int(m.group(2)) - 1 or 12, 30, m.group(3))  # "setengah 1" is 12.30
        if value:
            found.append(TimeMention(m.start("half"), m.end(), value))
            work = work[: m.start("half")] + " " * (m.end() - m.start("half")) + work[m.end() :]
    for m in VERB_HOUR_RE.finditer(work):
        value = to_24h(int(m.group(1)), int(m.group(2) or 0), m.group(3))
        if value:
            found.append(TimeMention(m.start(1), m.end(), value))
            work = work[: m.start(1)] + " " * (m.end() - m.start(1)) + work[m.end() :]
    for regex in (AFTER_VERB_RE, BARE_RE):
        for m in regex.finditer(work):
            groups = [g for g in m.groups()[:-1] if g is not None]
            if len(groups) < 2:
                continue
            start = m.start(1) if regex is AFTER_VERB_RE else m.start()
            value = to_24h(int(groups[0]), int(groups[1]), m.groups()[-1])
            if value:
                found.append(TimeMention(start, m.end(), value))
                work = work[:start] + " " * (m.end() - start) + work[m.end() :]
    found.sort(key=lambda t: t.start)
    return found
