"""Routes: "X - Y", "X ke Y", "dari X ke Y", "tujuan Y", "brkt dr X". Values are copied as
written. Known places come from the gazetteer; an unknown word is accepted only in the
explicit "X - Y" form, where nothing else could be meant."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.adapters.rules.dates import MONTHS, WEEKDAYS
from keloia.adapters.rules.gazetteer import PLACE_RE
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.vocabulary import CALLED_OFF, NOT_THIS, PURPOSE, mark_re


@dataclass(frozen=True)
class Route:
    route_from: str | None = None
    route_to: str | None = None
    from_start: int = -1
    to_start: int = -1
    # Words after a destination marker that are no place the rules know ("tujuannya ke
    # kebun teh nglinggo"): kept to be shown as not recorded, never dropped.
    unplaced: str | None = None
    # "jogja - pangandaran - green canyon": the places between the two ends, in order.
    via: tuple[str, ...] = ()


_WORD = r"[a-z][a-z'’]+"
# "klaten - blitar", "kendal ➡ bandungan", "sukoharjo-bali"; one or two words each side.
DASH_RE = re.compile(
    rf"(?<![\w-])(?P<a>{_WORD}(?: {_WORD})?)\s*(?:-+>?|–|—|>|→|➝|➡|➡️|=>|ke>)\s*"
    rf"(?P<b>{_WORD}(?: {_WORD})?)(?![\w-])"
)
FROM_RE = mark_re(
    r"dari|dr|dri|asal|start|jemput di|jemput dr|brkt dr|brkt dari|kota asal|titik jemput"
)
TO_RE = mark_re(
    r"ke|kearah|arah|tujuan|tujuannya|tujuan nya|tjn|tuj|destinasi|wisata ke|trip ke|tour ke"
    r"|ziarah ke|jadi ke|jadi|jd ke|jd|tour|wisata|ziarah|piknik|rekreasi|liburan|outing"
    r"|kota tujuan|ganti|diganti|gnti|ganti ke|diganti ke"
    # "tujuan terakhir Cirebon": the last stop, the trip's destination.
    r"|tujuan terakhir|tujuan akhir|tujuan terakhirnya|tujuan akhirnya"
    # Javanese "to": "sing nang gunungkidul", "menyang wonosari".
    r"|nang|menyang|nyang|mrene|mrana"
    # A tour around it: "sewa 1 bus keliling danau toba 3 hari".
    r"|keliling"
    # A route taken further: "rutenya diperpanjang sampe malang".
    r"|diperpanjang sampe|diperpanjang sampai|diperpanjang smp|diperpanjang ke"
)
# "trip bali sy tdk bisa ikut", "tripnya dieng": a trip named by where it goes.
TRIP_NAMED_RE = re.compile(r"\b(?:trip|tripnya|trip\s+yg|trip\s+yang)\s+$")
# "bu ani yg dulu ke pangandaran mau booking lg, ... ke dieng": a trip of before named to say
# who the client is; a place said after it is the trip's own.
PAST_TRIP_RE = re.compile(
    r"\b(?:dulu|dl|pernah|kemarin|kemaren|kmrn|kmren|kmarin|wkt\s+itu|waktu\s+itu"
    r"|(?:tahun|thn|th|bulan|bln)\s+(?:lalu|kemarin|kmrn|kmaren))\s+(?:ke|k|nang)\s+$"
)
# "uang jalan bandung brp": a known place right after the uang jalan names the trip going
# there, as "uang jalan (yg) ke bandung" would.
UANG_JALAN_OF_RE = mark_re(r"uang\s+jalan(?:nya)?(?:\s+(?:buat|utk|untuk|trip|yg|yang))?")
# "solar srikandi trip bandung 2,3jt", "hotel sopir 2 malam 400rb trip bali": a cost of the
# trip named by where it goes.
TRIP_COST_RE = re.compile(
    r"\b(?:solar|bbm|bensin|tol|parkir|uang\s+jalan|premi|biaya|penginapan|hotel|losmen"
    r"|homestay|nginep|menginap|makan)\b"
    r".*\btrip(?:nya)?\s+$"
)
# A place known by its letters ("ke WBL, budhal jam 7"): never a bank, a kind of place
# named before its name ("SPBU jombor", "SDN 1", "GOR amongrogo") nor an errand ("ke RSUD").
_ACRONYM_PLACE_RE = re.compile(
    r"(?!(?:BCA|BRI|BNI|BSI|BTN|SPBU|POM|ATM|SD|SDN|SMP|SMPN|SMA|SMAN|SMK|SMKN|GOR|RS|RSUD|RSU"
    r"|KUA|PT|CV|TK|MI|MTS|MAN|UD|KTP|SIM|STNK|KIR|PDF)\b)[A-Z]{3,5}\b"
)
# ("ke WBL", "ke TMII": a place known by its letters, written in capitals.)
CAPITAL_PLACE_RE = re.compile(
    r"\b(ke|tujuan|dari|dr|asal)[\s:]+([A-Z][a-z]{2,}|[A-Z]{3,5})\b(?![-'])"
)
NEGATED_RE = re.compile(rf"\b(?:(?:{NOT_THIS})(?:\s+ke)?|jangan|batal ke|tidak ke)\s+$")
# "bukan parangtritis tp pantai baron": the place said instead of the one refused, known to
# the rules or not.
_INSTEAD_OF_REFUSED_RE = re.compile(
    r"\s*,?\s*(?:tp|tapi|tpi|melainkan|jadinya|jdnya)\s+(?:ke\s+)?"
    r"((?:(?:pantai|pulau|gunung|candi|curug|danau|telaga|goa|gua|museum|taman|kebun|pasar)\s+)?"
    r"[a-z]{3,})\b"
)
# "ga jadi (ke) bandung": the destination called off, the one said after it is the trip's.
CALLED_OFF_RE = re.compile(rf"\b(?:{CALLED_OFF})(?:\s+ke)?\s+$")
# "mampir ke Malioboro", "via Jepara": a stop on the way is neither end of the route; nor
# is a destination added to a trip ("nambah tujuan ke batu": Malang stays, Batu joins it).
_ADDED = r"(?:nambah|tambah|ditambah|tambahan|plus)\s+(?:tujuan|destinasi)(?:nya)?"
_STOP = r"mampir|mampir2|singgah|nyinggah|transit"
STOPOVER_RE = re.compile(
    rf"\b(?:{_STOP}|via|lewat|melalui|{_ADDED})"
    r"\s+(?:dulu\s+)?(?:ke|di)?\s*$"
)


# "joko tak suruh nyusul ke ngawi": where a person goes to join a trip, no end of its route.
_JOINS_RE = re.compile(r"\b(?:nyusul|menyusul|nyusulin|susul|disusul|nyusulke)\s+(?:ke\s+)?$")


# "jember - wali 9", "malang - wali songo": the pilgrimage round of the saints' tombs as
# where the trip goes, its count part of its name (never "wali 5 hari": five days of it).
CIRCUIT_RE = re.compile(
    r"wali\s+(?:songo|sanga|lima|limo|pitu|[579])\b(?!\s*(?:hari|hr|malam|mlm|dino|dina)\b)"
)


# "... - pangandaran - green canyon": a known place after a dash continuing the route.
NEXT_LEG_RE = re.compile(r"[ \t]*(?:-+>?|–|—|>|→|➝|➡|➡️|=>)[ \t]*")


def _chained(
    text: str, lower: str, start: int, end: int, home: str = ""
) -> tuple[tuple[str, ...], int, int]:
    """A route said in more than two places ("jogja - pangandaran - green canyon", "jogja -
    batu - malang"): the last known place is the destination, those between are stops on the
    way. Returns the stops and where the destination is."""
    legs = [(start, end)]
    while (dash := NEXT_LEG_RE.match(lower, legs[-1][1])) is not None and dash.group(0).strip():
        place = PLACE_RE.match(lower, dash.end())
        if place is None or (place.end() < len(lower) and lower[place.end()].isalnum()):
            break
        legs.append((place.start(), place.end()))
    # "jogja – semarang – jogja": the route back home; where it goes is the last place
    # before home.
    if len(legs) > 1 and lower[legs[-1][0] : legs[-1][1]] == home:
        legs.pop()
    via = tuple(text[a:b] for a, b in legs[:-1])
    return via, legs[-1][0], legs[-1][1]


PAIR_RE = re.compile(r"\s+(?:(?:ke|k|sampai|smp|menuju)\s+)?")


# Where a bus goes that is no trip's destination: "diderek ke Bengkel Pak Man", "balik ke
# garasi", "ke pool dulu".
_NOT_A_DESTINATION = words("bengkel bengkelnya garasi garasinya pool poolnya")


def _clean(word: str) -> bool:
    parts = word.split()
    return all(
        p not in STOP_WORDS
        and p not in MONTHS
        and p not in WEEKDAYS
        and p not in _NOT_A_DESTINATION
        for p in parts
    )


def _a_place_said(text: str, instead: re.Match[str]) -> bool:
    """The words after "bukan X tp" name a place: a known one, a spot of a kind ("pantai
    baron") or a town written in capitals; never a hedge ("tapi mungkin surabaya") nor
    "pantai lain"."""
    said = instead.group(1)
    last = said.split()[-1]
    if last in ("lain", "lainnya", "deket", "dekat", "sebelah") or not _clean(last):
        return False
    return bool(PLACE_RE.fullmatch(said) or " " in said or text[instead.start(1)].isupper())


def find_route(text: str, lower: str) -> Route:
    """`text` and `lower` are masked copies: dates, money, names and buses already blanked."""
    route_from: str | None = None
    route_to: str | None = None
    from_start = to_start = -1
    for m in DASH_RE.finditer(lower):
        a, b = m.group("a"), m.group("b")
        a_words, b_words = a.split(), b.split()
        # Two-word sides are only taken when the words form a known place.
        a_start = m.start("a")
        if len(a_words) == 2 and not PLACE_RE.fullmatch(a):
            a_start = m.start("a") + a.rfind(" ") + 1
            a = a_words[-1]
        b_end = m.end("b")
        longer = PLACE_RE.match(lower, m.start("b")) or CIRCUIT_RE.match(lower, m.start("b"))
        if longer is not None and longer.end() >= b_end:
            # "karanganyar - kebun binatang gembira loka": a destination longer than two words.
            b_end = longer.end()
        elif (
            len(b_words) == 2
            and not PLACE_RE.fullmatch(b)
            and not (
                # "ungaran - wbl lamongan": a spot the rules do not know, then its town.
                longer is None and _clean(b_words[0]) and PLACE_RE.fullmatch(b_words[1])
            )
        ):
            b_end = m.start("b") + len(b_words[0])
            b = b_words[0]
        if not (_clean(a) and _clean(b)) or a == b:
            continue  # "kira-kira" is a word, not a route
        gap = lower[m.end("a") : m.start("b")]
        if len(gap) > 5:
            continue  # a masked value sits between: the two words are not a route
        line_start = lower.rfind("\n", 0, a_start) + 1
        line_end = lower.find("\n", m.end())
        line = lower[line_start : len(lower) if line_end < 0 else line_end]
        # Two unknown towns are a route only when they fill their own line ("rute X - Y").
        alone = re.fullmatch(
            r"\s*(?:rute|route|trayek)?\s*:?\s*" + re.escape(m.group(0)) + r"\W*", line
        )
        if not (PLACE_RE.fullmatch(a) or PLACE_RE.fullmatch(b) or alone):
            continue
        via, b_start, b_end = _chained(
            text, lower, m.start("b"), b_end, lower[a_start : m.end("a")]
        )
        return Route(text[a_start : m.end("a")], text[b_start:b_end], a_start, b_start, via=via)
    for m in PLACE_RE.finditer(lower):
        # "lamongan ke jogja": a known place, "ke", another known place; "jogja dieng": two
        # known places side by side, the dash left out.
        pair = PAIR_RE.match(lower, m.end())
        nxt = PLACE_RE.match(lower, pair.end()) if pair else None
        before = lower[max(0, m.start() - 25) : m.start()]
        # "ke demak kudus", "ziarah ke makam gus dur jombang": after "ke" both are stops.
        stops = pair is not None and not pair.group(0).strip() and TO_RE.search(before)
        if nxt and not NEGATED_RE.search(before) and not stops:
            return Route(
                text[m.start() : m.end()], text[nxt.start() : nxt.end()], m.start(), nxt.start()
            )
    called_off = False
    past: tuple[str, int] | None = None
    refused_end = -1
    for m in PLACE_RE.finditer(lower):
        before = lower[max(0, m.start() - 25) : m.start()]
        if CALLED_OFF_RE.search(before):
            called_off = True
            continue
        if NEGATED_RE.search(before):
            refused_end = m.end()
            continue
        if STOPOVER_RE.search(before) or _JOINS_RE.search(before):
            continue
        value = text[m.start() : m.end()]
        if FROM_RE.search(before) and route_from is None:
            route_from, from_start = value, m.start()
        elif (
            route_to is None
            and past is None
            # the day of that trip ("yg kmrn ke bali") is blanked in `lower`, not in `text`
            and PAST_TRIP_RE.search(text.lower(), max(0, m.start() - 25), m.start())
        ):
            past = value, m.start()  # the trip of before: the destination only if no other
        elif route_to is None and (
            TO_RE.search(before)
            or UANG_JALAN_OF_RE.search(before)
            or TRIP_COST_RE.search(lower[: m.start()])
            or called_off
        ):
            # "ga jadi pangandaran, dieng aja": the place said after the one called off.
            route_to, to_start = value, m.start()
    if route_to is None and past is not None:
        route_to, to_start = past
    if route_to is not None and to_start is not None:
        # "ke makam sunan kalijaga demak", "ziarah ke demak kudus": a known place written
        # right after the destination belongs to it (its town, or the next stop), never
        # dropped.
        end = to_start + len(route_to)
        for m in PLACE_RE.finditer(lower, end):
            if lower[end : m.start()].strip():
                break
            route_to, end = text[to_start : m.end()], m.end()
    if route_to is None and refused_end >= 0:
        instead = _INSTEAD_OF_REFUSED_RE.match(lower, refused_end)
        if instead is not None and _a_place_said(text, instead):
            route_to, to_start = text[instead.start(1) : instead.end(1)], instead.start(1)
    # "tujuan Garut" / "ke Ciamis": an unknown place after an unmistakable marker.
    if route_to is None:
        m2 = re.search(rf"\b(?:tujuan|tujuannya|destinasi|jadi ke)[\s:]+({_WORD})", lower)
        if m2 and _clean(m2.group(1)) and not CALLED_OFF_RE.search(lower[: m2.start(1)]):
            route_to, to_start = text[m2.start(1) : m2.end(1)], m2.start(1)
    # "ke Wonosalam": a capitalised unknown word after "ke" / "dari" is a place too.
    if route_to is None or route_from is None:
        for m5 in CAPITAL_PLACE_RE.finditer(text):
            word = m5.group(2)
            if not lower[m5.start(2)].strip() or not _clean(word.lower()):
                continue
            if word.isupper() and not _ACRONYM_PLACE_RE.match(text, m5.start(2), len(text)):
                continue  # "ke SPBU jombor", "ke RSUD kontrol", "tf ke BCA": no destination
            before = lower[max(0, m5.start() - 25) : m5.start(2)]
            if STOPOVER_RE.search(before) or CALLED_OFF_RE.search(before):
                continue
            if m5.group(1).lower() in ("dari", "dr", "asal") and route_from is None:
                route_from, from_start = word, m5.start(2)
            elif m5.group(1).lower() in ("ke", "tujuan") and route_to is None:
                route_to, to_start = word, m5.start(2)
    m4 = re.search(rf"\b(?:dari|dr)\s+({_WORD})\s+ke\s+({_WORD})", lower)
    if (
        m4
        and route_from is None
        and route_to is None
        and _clean(m4.group(1))
        and _clean(m4.group(2))
    ):
        route_from, from_start = text[m4.start(1) : m4.end(1)], m4.start(1)
        route_to, to_start = text[m4.start(2) : m4.end(2)], m4.start(2)
    if route_from is None:
        m3 = re.search(rf"\b(?:dari|dr)\s+({_WORD})\s+(?:ke|-)\s", lower)
        if m3 and _clean(m3.group(1)):
            route_from, from_start = text[m3.start(1) : m3.end(1)], m3.start(1)
    unplaced = None
    if route_to is None and (m6 := UNPLACED_TO_RE.search(lower)):
        words = list(re.finditer(_WORD, lower[m6.end() :]))
        kept: list[re.Match[str]] = []
        for w in words[:4]:
            gap = lower[m6.end() + kept[-1].end() : m6.end() + w.start()] if kept else ""
            # The first word must be no keyword; the place ends at a masked value, a comma
            # or a word that starts the next detail.
            masked = len(gap) > 2  # a value read there ("ke pangandran bsk"), blanked
            first = _clean(w.group(0)) if not kept else _goes_on(w.group(0))
            if gap.strip() or masked or not first:
                break
            kept.append(w)
        if kept and not lower[m6.end() : m6.end() + kept[0].start()].strip():
            start, end = m6.end() + kept[0].start(), m6.end() + kept[-1].end()
            before = lower[: m6.end()]
            if len(kept) == 1 and (PURPOSE_TO_RE.search(before) or TRIP_TO_RE.search(before)):
                # "ziarah ke sendangsono", "piknik ke nglanggeran pp": one word the trip is
                # said to go to is its destination, known or not (a longer unknown one,
                # "ke kebun teh nglinggo", is shown as not recorded).
                route_to, to_start = text[start:end], start
            else:
                unplaced = text[start:end]
    return Route(route_from, route_to, from_start, to_start, unplaced)


# What the trip is for, then where it goes: "ziarah ke", "study tour ke", "piknik ke".
PURPOSE_TO_RE = re.compile(rf"\b(?:{PURPOSE})(?:nya)?\s+(?:ke|k)[\s:]+$")


# A trip named by where it goes: "yg ke pangandran bsk jemputnya dmn", "trip ke sendangsono".
TRIP_TO_RE = re.compile(r"\b(?:yg|yang|trip|tripnya)\s+(?:ke|k)[\s:]+$")


# Words that start the next detail of a booking, ending an unknown place.
NEXT_DETAIL_RE = re.compile(
    r"(?:dan|sama|sm|jam|tgl|tanggal|bus|unit|pulang|plg|untuk|buat|utk|dp|harga|jemput|sopir"
    r"|supir|kernet|orang|pax|hari|brgkt|berangkat|ya|yg|yang|dari|dr|via|mampir|lewat|pp)"
)


def _goes_on(word: str) -> bool:
    return not NEXT_DETAIL_RE.fullmatch(word) and word not in MONTHS and word not in WEEKDAYS


# A destination marker whose place the rules could not read: "tujuannya ke ...", "ke ...".
UNPLACED_TO_RE = re.compile(
    r"\b(?:(?:tujuan|tujuannya|tujuan nya|destinasi)(?:\s+ke)?|ke|trip ke|wisata ke)[\s:]+"
)


# "mampir batu", "singgah di Kaliurang": a stop typed right after its word, known or not.
STOP_WORD_RE = re.compile(
    rf"\b(?:{_STOP}|{_ADDED})\s+(?:dulu\s+)?(?:ke\s+|di\s+)?"
    rf"({_WORD})"
)


# What is done at a stop, not where: "mampir oleh2 dulu", "mampir makan", "singgah sholat".
_NOT_A_STOP = words(
    """oleh makan maem sarapan ngopi jajan sholat solat shalat istirahat ngaso toilet pipis
    kencing mandi isi ngisi beli belanja foto jemput ambil"""
)


def find_stops(text: str, lower: str) -> list[str]:
    """Places to stop at on the way ("mampir batu", "via Jepara", "lewat Kudus"): a known
    place after any stop word, or any word right after "mampir" / "singgah"."""
    stops: dict[int, str] = {}
    for m in PLACE_RE.finditer(lower):
        before = lower[max(0, m.start() - 25) : m.start()]
        if STOPOVER_RE.search(before) or _STOP_LABEL_RE.search(before):
            stops[m.start()] = text[m.start() : m.end()]
    for m in STOP_WORD_RE.finditer(lower):
        if m.start(1) not in stops and _clean(m.group(1)) and m.group(1) not in _NOT_A_STOP:
            end = m.end(1)
            # "mampir Gedong Songo": a place unknown, written capitalised, goes on while its
            # words are.
            while (more := _CAPITALISED_NEXT_RE.match(text, end)) and text[m.start(1)].isupper():
                if not _clean(more.group(1).lower()):
                    break
                end = more.end()
            stops[m.start(1)] = text[m.start(1) : _spot_in_town(lower, end)]
    # "mampir Tuban dan Kudus" (Javanese "karo"): a known place joined to a stop is one too.
    for m in PLACE_RE.finditer(lower):
        last = max((k for k in stops if k < m.start()), default=None)
        if m.start() in stops or last is None:
            continue
        joined = _STOP_JOINED_RE.fullmatch(lower, last + len(stops[last]), m.start())
        # "via ketapang gilimanuk": the ports of one crossing, one after the other.
        crossing = (
            lower[last : last + len(stops[last])] in _PORTS
            and m.group() in _PORTS
            and not lower[last + len(stops[last]) : m.start()].strip()
        )
        if joined and joined.group().strip() == "," and not _LIST_GOES_ON_RE.match(lower, m.end()):
            joined = None  # "mampir batu, solo jemput tgl 9": the next clause, no stop
        if joined or crossing:
            stops[m.start()] = text[m.start() : m.end()]
    return [stops[k] for k in sorted(stops)]


def _spot_in_town(lower: str, end: int) -> int:
    """Where a stop named by a spot the rules do not know ends: at its known town when one
    of the next three words is ("mampir trans studio bandung"), else where it was."""
    said = re.match(r"(?: [a-z]+){1,3}", lower[end:])
    if said is None:
        return end
    after = said.group().split()
    for n, word in enumerate(after):
        if PLACE_RE.fullmatch(word):
            if all(_clean(w) and w not in STOP_WORDS for w in after[:n]):
                return end + len(" " + " ".join(after[: n + 1]))
            break
    return end


# A list of places goes on, or ends ("via demak, kudus, tuban. brgkt ...").
_LIST_GOES_ON_RE = re.compile(r"\s*(?:[,.;!]|$|\s(?:dan|dn|&|sm|sama|karo)\b)")
# The ports a bus crosses the sea between, said as a pair ("via ketapang gilimanuk").
_PORTS = words("ketapang gilimanuk merak bakauheni padangbai lembar kayangan pototano")
# "... dan Kudus", and the next line of a list of stops ("*Mampir:*\n• Demak\n• Kudus").
_STOP_JOINED_RE = re.compile(
    r"\s*(?:&|\+|\s(?:dan|dn|sama|sm|karo|kalih))\s+|[ \t]*\n[ \t]*(?:[•\-*]|\d+[.)])[ \t]*"
    # ("via demak, kudus, tuban": a list of known places after the stop word.)
    r"|[ \t]*,[ \t]*"
)
# "*Mampir:*\n• Demak": the stops listed under their label.
_STOP_LABEL_RE = re.compile(rf"\b(?:{_STOP}|via|lewat)\W*:[*_\s]*(?:[•\-*]|\d+[.)])?\s*$")
_CAPITALISED_NEXT_RE = re.compile(r" ([A-Z][a-z]+)\b")


def find_places(text: str, lower: str) -> list[tuple[int, str]]:
    """Every known place with its offset, for corrections ("tujuannya cirebon")."""
    return [(m.start(), text[m.start() : m.end()]) for m in PLACE_RE.finditer(lower)]
