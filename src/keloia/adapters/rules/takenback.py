"""A word taken back inside the message itself: "katanya batal.. eh bukan batal ding, mundur
ke tgl 19 des" means the trip is moved, never cancelled. The word taken back and the
taking back are dropped; what is meant is read."""

from __future__ import annotations

import re

from keloia.adapters.rules.vocabulary import OOPS, SLIP, SORRY

# The words that turn what a message asks (a cancellation, a pay-off, a trip done, a move):
# only these are taken back, so a name or an amount said again ("eh bukan pak hendra") is
# left to the corrections that read them.
_TURNING = (
    r"batal|dibatalin|batalin|dibatalkan|cancel|lunas|pelunasan|selesai|mundur|maju|diundur"
    r"|dimajuin|dimajukan|ganti|tambah|kurang"
)
TAKEN_BACK_RE = re.compile(
    rf"[\s.,]*\b(?:{OOPS})\s+(?:{SLIP}|{SORRY})\s+"
    rf"(?P<word>{_TURNING})\b(?:\s+(?:ding|deng|dink|dng|kok))?\s*(?:[,.!]+|$)\s*",
    re.IGNORECASE,
)


def taken_back(text: str) -> str:
    """The message without the word it takes back ("batal.. eh bukan batal ding, mundur ke
    tgl 19 des" -> "mundur ke tgl 19 des"); as it is when nothing is taken back or nothing
    follows."""
    said = TAKEN_BACK_RE.search(text)
    if said is None or not text[said.end() :].strip():
        return text
    before = text[: said.start()]
    earlier = list(re.finditer(rf"\b{re.escape(said['word'])}\b", before, re.IGNORECASE))
    if not earlier:
        return text
    word = earlier[-1]
    kept = f"{before[: word.start()]}{before[word.end() :]}".rstrip(" .,")
    return f"{kept}, {text[said.end() :]}"


# A value said, then put right at once by another of its kind: "jam 5 eh setengah 5 ding",
# "diundur 2 hari, eh 1 hari ding", "tf eh cash ding", "bulan ini? eh bulan lalu ding",
# "habis 28 jan 2028 eh 29 jan 2028". The value taken back and the slip are dropped; what is
# meant is read (a closing "ding" or "maksudnya", or two whole dates, says it is a slip).
_MONTH = r"(?:jan|feb|mar|apr|mei|jun|jul|agu|agt|ags|sep|okt|nov|des)[a-z]*"
_VALUE = (
    r"(?:(?:jam|jm|pukul|tgl|tanggal)\s*)?(?:setengah\s+)?\d{1,3}(?:[.,:]\d+)*"
    r"(?:\s*(?:jt|juta|rb|ribu|k|hari|hr|orang|org|bus|unit))?"
    rf"(?:\s+{_MONTH}(?:\s+\d{{4}})?)?"
    r"|besok|bsk|lusa|hari\s+ini|hr\s+ini|kemarin|kmrn"
    r"|(?:bulan|bln|minggu|pekan)\s+(?:ini|lalu|kemarin|kmrn|depan|dpn)"
    r"|tf|transfer|cash|tunai|qris|bca|bri|bni|mandiri"
    r"|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu"
)
_MEANT = r"ding|dink|deng|maksudnya|maksudku|maksude|mksdnya|mksde"
_VALUE_SLIP_RE = re.compile(
    # (What was said of it may stand between, up to its question mark or comma: "bulan ini
    # udh masuk brp? eh maksudnya bulan lalu", "tgl 20 sy ga bisa, eh salah tgl 21 maksudnya".)
    rf"\b(?P<a>{_VALUE})(?P<asked>(?:\s+(?!(?:pak|bu|mbak|mas|bus|bis)\b)[a-z]+){{0,3}}\s*[?,])?"
    rf"\s*[,.]?\s*(?:{OOPS})\s*[,.]?\s+"
    rf"(?:(?:salah|keliru)\s+)?(?:(?P<meant_first>{_MEANT})\s+)?(?P<b>{_VALUE})\b"
    rf"(?:\s*[,.]?\s*(?P<meant>{_MEANT})\b)?",
    re.IGNORECASE,
)
_LISTED_BEFORE_RE = re.compile(r"\b(?:kalih|karo|sama|sm|dan|&|sampai|sampe|smp|-)\s*$")
_WHOLE_DATE_RE = re.compile(rf"\d{{1,2}}\s+{_MONTH}", re.IGNORECASE)


_AMOUNT_RE = re.compile(r"\d(?:[.,]\d+)*\s*(?:jt|juta|rb|ribu|k)$", re.IGNORECASE)
_UNSURE_OR_ANOTHER_RE = re.compile(
    r"[\s,]*(?:apa|ap|opo|kaya\w*|kyk\w*|kyny\w*|mungkin|kan|lupa|coba|cek|kalo|klo"
    r"|buat|bwt|untuk|utk|nggo|kanggo|sama|sm|karo|dan|trus|terus)\b",
    re.IGNORECASE,
)


def _owned(m: re.Match[str]) -> bool:
    """A slip owned as one: a closing "ding" or "maksudnya", two whole dates, or two amounts
    with nothing between but the "eh" ("dp 1jt eh 1,5jt cash", "solar 700rb eh 750rb")."""
    marked = m["meant"] or m["meant_first"]
    between = m.string[m.end("a") : m.start("b")]
    amounts = (
        re.fullmatch(rf"\s+(?:{OOPS})\s+", between, re.IGNORECASE)
        and _AMOUNT_RE.search(m["a"])
        and _AMOUNT_RE.search(m["b"])
        # ("dp 1jt eh 1,5jt ya? lupa", "solar 700rb eh 300rb buat tol": unsure, or another.)
        and not _UNSURE_OR_ANOTHER_RE.match(m.string, m.end("b"))
        and "?" not in m.string[m.end("b") :]
    )
    whole_dates = _WHOLE_DATE_RE.match(m["a"]) and _WHOLE_DATE_RE.match(m["b"])
    return bool(marked or whole_dates or amounts)


def put_right_at_once(text: str, start: int) -> bool:
    """Whether the value said at `start` is taken back at once by another of its kind
    ("jam 5 eh jam 4.30 ding", "tgl 16 eh 17 ding"): the one after it is the one meant."""
    m = _VALUE_SLIP_RE.match(text, start)
    return m is not None and _owned(m)


def values_put_right(text: str) -> str:
    """The message with each value taken back at once dropped for the one meant."""

    def meant(m: re.Match[str]) -> str:
        before = text[: m.start()].lower()
        if not _owned(m) or _LISTED_BEFORE_RE.search(before):
            return m.group()  # ("tgl 7 kalih 8, eh maksude tgl 12 kalih 13": a list)
        if re.search(rf"\b{re.escape(m['a'].lower())}\b", before):
            return m.group()  # said before too: the reading of the whole message drops it
        said = m["b"]
        month = re.search(rf"\s+{_MONTH}(?:\s+\d{{4}})?$", m["a"], re.IGNORECASE)
        if month and not re.search(_MONTH, said, re.IGNORECASE):
            said += month.group()  # "tgl 16 juni eh salah tgl 17 ding": the 17th of June
        unit = re.match(r"(?:jam|jm|pukul|tgl|tanggal)\b", m["a"], re.IGNORECASE)
        if unit and not re.match(r"(?:jam|jm|pukul|tgl|tanggal)\b", said, re.IGNORECASE):
            said = f"{unit.group()} {said}"  # "jam 5 eh setengah 5 ding": jam setengah 5
        return said + (m["asked"] or "")

    return _VALUE_SLIP_RE.sub(meant, text)


# "sopirnya wahyu aja, eh jgn dink blm tentu sembuh, joko aja": one teammate said, taken
# back ("eh jgn", "eh ga jadi", "eh bukan") with or without why, then another said instead.
_ALONE = r"(?:aja|saja|wae|ae|mawon)"
_PERSON_SLIP_RE = re.compile(
    rf"\b(?P<a>[a-z]{{3,15}})\s+{_ALONE}\s*[,.]*\s*(?:{OOPS})\s+"
    r"(?:jgn|jangan|ojo|aja\s+deh|ga\s+usah|gausah|ga\s+jadi|gak\s+jadi|gk\s+jadi|ra\s+sido"
    r"|ora\s+sido|bukan|bkn|salah)\b[^,.;\n]*[,.;]\s*(?P<b>[a-z]{3,15})\s+" + _ALONE + r"\b",
    re.IGNORECASE,
)


def person_put_right(text: str, team: tuple[str, ...]) -> str:
    """The message with a teammate taken back at once dropped for the one said instead;
    as it is unless both are of the team."""
    known = {n.lower().split()[-1] for n in team}

    def meant(m: re.Match[str]) -> str:
        if m["a"].lower() not in known or m["b"].lower() not in known:
            return m.group()
        said = m.group().lower()
        if re.search(r"\d|\b(?:lupa|lali|kelalen)\b", said):
            return m.group()  # "eh jgn lupa kernetnya", "eh bukan tgl 5": no teammate taken back
        if re.match(r"\s*(?:sopir|supir|driver|kernet|kenek|nyopir|nyetir)", text[m.end() :], re.I):
            return m.group()  # "..., wahyu aja kernetnya": the other seat
        return f"{m['b']} aja"

    return _PERSON_SLIP_RE.sub(meant, text)
