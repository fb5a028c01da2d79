"""A bus of the fleet changed by chat: "bus 03 ganti nama jadi Arjuna", "plat bus 02 sekarang
AB 7788 KL", "bus 04 kursinya sekarang 39", "bus 01 servis tiap 10rb km". Read before dates
and money, so "AB 7788 KL" is not an amount and "10rb km" not a price."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.adapters.rules.fleet import find_work
from keloia.adapters.rules.newbus import (
    LOWER_PLATE_RE,
    PLATE_MARK,
    PLATE_RE,
    BusSaid,
    plate_text,
    read_seats,
)
from keloia.adapters.rules.vocabulary import BUS, DAY_UNIT, MONTH_UNIT, PEOPLE, SEAT, WEEK_UNIT

_CHANGE = r"(?:di)?(?:ganti|ubah|rubah)|jadi|jd|menjadi|sekarang|skrg|baru"
# A name of more words when each is capitalised: "dadi Sunan Giri", "jadi Sri Rejeki 2".
_NAME = r"(?P<name>[a-z][\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*){0,2}(?:\s+\d{1,3}\b)?)"
# "ganti nama jadi Arjuna", "nama bus 05 diganti Gatotkaca", "namanya diubah ke Arjuna".
_INTO = r"(?:jadi|jd|dadi|menjadi|ke)\s+"  # Javanese "dadi"
_TO = rf"(?:{_INTO})?"
RENAME_RES = (
    re.compile(
        rf"\b(?:(?:di)?(?:ganti|ubah|rubah)|rename)\s+(?:nama(?:nya)?|jeneng(?:e)?)"
        # "ganti nama bus 03 jadi Prabu": the bus named between, the new name after "jadi".
        rf"(?:\s+(?:{BUS})\s+\w+\s+{_INTO}|\s+{_TO}){_NAME}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bnama(?:nya)?(?:\s+(?:{BUS})\s+\w+)?\s+(?:(?:di)?(?:ganti|ubah|rubah)|jadi|jd"
        rf"|menjadi)\s+{_TO}{_NAME}",
        re.IGNORECASE,
    ),
    re.compile(
        # "bus 04 namane tak ganti Werkudara": the bus named right before its name, then who
        # changed it (Javanese "tak", I); never a driver's bus ("sopir bus 02 namanya ...")
        # nor "tak jadi ganti" (not renamed).
        rf"(?<!sopir\s)(?<!supir\s)(?<!kernet\s)\b(?:{BUS})\s+\w+\s+(?:namanya|namane|jenenge)"
        r"\s+(?:tak|sy|saya|aku|wis|wes|udh|udah|sudah|sdh)\s+(?:di)?(?:ganti|ubah|rubah)"
        rf"\s+{_TO}{_NAME}",
        re.IGNORECASE,
    ),
)
PLATE_CHANGE_RE = re.compile(rf"\b{PLATE_MARK}(?:nya)?\b", re.IGNORECASE)
# After the plate word, the new plate follows a change word when typed in lower case.
LOWER_AFTER_CHANGE_RE = re.compile(rf"\b(?:{_CHANGE})\s+(?:(?:jadi|jd|ke)\s+)?$")
SEATS_CHANGE_RE = re.compile(
    rf"\b(?:{SEAT}|kapasitas)(?:nya)?\s+(?:(?:{_CHANGE}|cuma|tinggal)\s+)?:?\s*(?P<m>\d{{1,3}})\b"
    # (never money: "bus 50 seat 8,5jt" is the price after the seats)
    rf"(?![.,]\d|\s*(?:{PEOPLE}|{DAY_UNIT}|km|jt|juta|rb|ribu|k)\b)"
    rf"|\b(?:{_CHANGE})\s+(?P<n>\d{{1,3}})\s*-?\s*(?:{SEAT})\b"
)
# "tiap 10rb km", "setiap 60 hari atau 10.000 km", "per 3 bulan".
_MEASURE = (
    r"(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,7})\s*(?P<k>rb|ribu|k)?\s*"
    rf"(?P<unit>km|kilometer|kilo|{DAY_UNIT}|{WEEK_UNIT}|{MONTH_UNIT})\b"
)
EVERY_RE = re.compile(rf"\b(?:tiap|setiap|per|sekali)\s+{_MEASURE}")
# "servis tiap 10rb", "ganti oli setiap 8 ribu": thousands with no unit, of a job said, are
# kilometres (no one services a bus every 10.000 rupiah).
EVERY_THOUSAND_RE = re.compile(
    r"\b(?:tiap|setiap|per)\s+(?P<n>\d{1,3})\s*(?P<k>rb|ribu|k)\b(?P<unit>)(?!\s*(?:rupiah|perak))"
)
# Beside a distance interval, thousands said bare are distances too: the value it replaces
# ("tiap 10rb km aja, jgn 15rb", "kmrn 15rb kelamaan"), never money unless a money word
# comes right before it ("biayanya 850rb").
KM_BESIDE_RE = re.compile(
    r"\b\d{1,2}\s*(?:rb|ribu|k)\b(?:\s*(?:km|kilo)\b)?(?!\s*(?:rupiah|perak))"
)
MONEY_BEFORE_RE = re.compile(
    r"\b(?:biaya|harga|ongkos|bayar|abis|habis|total|tf|transfer|rp)\w*\W*(?:\w+\W+){0,2}$"
)
# "... tiap 60 hari atau 10.000 km": the second measure right after the first.
ALSO_RE = re.compile(rf"\s*(?:,|/|\batau\b|\batw\b|\bdan\b)\s*(?:(?:tiap|setiap)\s+)?{_MEASURE}")


def _days(unit: str) -> int:
    """The days in one measure's unit: a week is 7, a month 30."""
    if re.fullmatch(WEEK_UNIT, unit):
        return 7
    return 30 if re.fullmatch(MONTH_UNIT, unit) else 1


@dataclass(frozen=True)
class BusEdit(BusSaid):
    """`name`: the bus's new name; `every_km`, `every_days`: its service interval."""

    every_km: int | None = None
    every_days: int | None = None

    def __bool__(self) -> bool:
        values = (self.name, self.plate, self.seats, self.every_km, self.every_days)
        return any(v is not None for v in values)


def find_bus_edit(text: str, lower: str) -> BusEdit:
    """What a message changing a bus says of it (nothing when it changes none)."""
    spans: list[tuple[int, int]] = []
    name = None
    renamed = next((m for rx in RENAME_RES if (m := rx.search(text))), None)
    if renamed:
        name = renamed.group("name").strip(" ,.")
        spans.append((renamed.start("name"), renamed.end("name")))
    plate = _new_plate(text, lower)
    if plate is not None:
        spans.append(plate[1:])
    seats = read_seats(SEATS_CHANGE_RE, lower, spans)
    every_km = every_days = None
    measures = list(EVERY_RE.finditer(lower))
    if not measures and find_work(lower) is not None:
        measures = list(EVERY_THOUSAND_RE.finditer(lower))
    if measures and (also := ALSO_RE.match(lower, measures[0].end())):
        measures.append(also)
    for m in measures:
        n = int(m.group("n").replace(".", ""))
        if m.group("k"):
            n *= 1000
        if m.group("unit") in ("km", "kilometer", "kilo", ""):
            every_km = n if 100 <= n <= 1_000_000 else None
        else:
            days = n * _days(m.group("unit"))
            every_days = days if days <= 3650 else None
        spans.append((m.start(), m.end()))
    if every_km is not None:
        spans.extend(_km_beside(lower, spans))
    plate_said = plate[0] if plate else None
    return BusEdit(name, plate_said, seats, tuple(spans), every_km=every_km, every_days=every_days)


def _km_beside(lower: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other thousands said bare beside a distance interval: distances, not money."""
    return [
        (m.start(), m.end())
        for m in KM_BESIDE_RE.finditer(lower)
        if not any(start <= m.start() < end for start, end in taken)
        and not MONEY_BEFORE_RE.search(lower[: m.start()])
    ]


def _new_plate(text: str, lower: str) -> tuple[str, int, int] | None:
    """The plate after a plate word: as written in capitals, or after a change word."""
    mark = PLATE_CHANGE_RE.search(text)
    if mark is None:
        return None
    upper = PLATE_RE.search(text, mark.end())
    if upper is not None:
        return plate_text(upper.group(0)), upper.start(), upper.end()
    for m in LOWER_PLATE_RE.finditer(lower, mark.end()):
        if LOWER_AFTER_CHANGE_RE.search(lower[mark.end() : m.start()]):
            return plate_text(m.group(0)), m.start(), m.end()
    return None
