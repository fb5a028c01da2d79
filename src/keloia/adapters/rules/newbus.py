"""A new bus described by chat ("tambah bus baru AB 1234 XY, 45 seat, nama Srikandi"): its
number plate, seats, class and name. Read before dates and money, so "AB 1234 XY" is not an
amount and "45 seat" not a passenger count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.adapters.rules.vocabulary import BUS, FLEET, SEAT

# Adding to the fleet: a verb of adding with a fleet word, or "bus baru" / "unit baru".
ADD_BUS_RE = re.compile(
    r"\b(?:tambah|tambahin|tambahkan|nambah|daftar|daftarin|daftarkan|masukin|masukkan|input"
    r"|inputin|catat|catatkan|regist(?:er|rasi)|beli)\w*\W+(?:\w+\W+){0,2}?"
    rf"(?:{FLEET})\b|\b(?:{FLEET})\s+baru\b"
)
PLATE_MARK = r"(?:plat|platnya|plat\s+nomor|nopol|no\.?\s*pol|nomor\s+polisi|no\s+polisi)"


def _plate(letters: str) -> str:
    """A number plate ("AB 1234 XY", "B 7001 KA", "AD 7788 BC") written in `letters`: one or
    two letters, up to four digits, one to three letters, each a group."""
    return rf"([{letters}]{{1,2}}) ?(\d{{1,4}}) ?([{letters}]{{1,3}})"


# A plate in upper case as people write plates, or in any case after a plate word.
PLATE_RE = re.compile(rf"(?<![\w-]){_plate('A-Z')}(?![\w-])")
MARKED_PLATE_RE = re.compile(
    rf"\b{PLATE_MARK}\s*:?\s*(?P<plate>{_plate('a-z')})(?![\w-])", re.IGNORECASE
)
LOWER_PLATE_RE = re.compile(rf"(?<![\w-]){_plate('a-z')}(?![\w-])")
SEATS_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}})\s*-?\s*(?:{SEAT}|tempat\s+duduk)\b"
    rf"|\b(?:{SEAT}|kapasitas)(?:nya|ne)?\s*:?\s*(?P<m>\d{{1,3}})\b"
)
CLASS_RE = re.compile(
    r"\b(?P<c>big\s*bus|medium\s*bus|medium|micro\s*bus|mini\s*bus|elf|hiace|shd|hdd|uhd"
    r"|executive|eksekutif|vip|luxury|sleeper|double\s+decker|ekonomi)\b"
)
NAME_RE = re.compile(
    # "namain Gatotkaca", "dinamain Arimbi": named so, said in a hurry.
    r"\b(?:nama|namanya|dinamai|dinamakan|diberi\s+nama|kasih\s+nama|julukan|namain|dinamain)"
    r"\s*:?\s+"
    # "nama Gajah Mada": the capitalised words after the first are the name's too.
    r"(?P<name>[a-z][\w'-]*(?:\s+(?!big|medium|micro|mini|executive|vip|luxury|seat)"
    r"(?-i:[A-Z][a-z'-]+)\b)*(?:\s+\d{1,3}\b)?)",
    re.IGNORECASE,
)
# "bus baru Arimbi AB ...", "tambahin bus: Sadewa, ...": the word after the fleet word.
AFTER_KIND_RE = re.compile(
    rf"\b(?:{BUS})\s*(?:baru\s*)?:?\s+(?P<name>[A-Z][\w'-]{{2,}}(?:\s+\d{{1,3}}\b)?)"
)


@dataclass(frozen=True)
class BusSaid:
    """What a message says of a bus, new or changed; `spans`: what was read, to be masked."""

    name: str | None = None
    plate: str | None = None
    seats: int | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class NewBus(BusSaid):
    bus_class: str | None = None


# Letters after a number that say what it counts or costs, never a plate's last letters.
_NO_PLATE_TAIL = frozenset({"jt", "rb", "k", "bus", "bis", "hr", "hri", "org", "x"})


def adds_bus(lower: str) -> bool:
    return ADD_BUS_RE.search(lower) is not None


def find_plate(text: str, lower: str, adding: bool) -> tuple[str, int, int] | None:
    marked = MARKED_PLATE_RE.search(text)
    if marked:
        return plate_text(marked.group("plate")), marked.start("plate"), marked.end("plate")
    m = PLATE_RE.search(text) or (LOWER_PLATE_RE.search(lower) if adding else None)
    if m is None or m.group(1).lower() in ("km", "tf", "dp", "rp", "jt", "rb"):
        return None
    if m.re is LOWER_PLATE_RE and m.group(3) in _NO_PLATE_TAIL:
        # "harganya jd 12jt": an amount after "jadi", not a plate; "jd 3 bus": a count.
        return None
    return plate_text(m.group(0)), m.start(), m.end()


def read_seats(pattern: re.Pattern[str], lower: str, spans: list[tuple[int, int]]) -> int | None:
    """A bus's seats as `pattern` finds them (its group n or m), 1 to 100; what was read
    joins `spans`."""
    found = pattern.search(lower)
    if found is None:
        return None
    n = int(found.group("n") or found.group("m"))
    if not 1 <= n <= 100:
        return None
    spans.append((found.start(), found.end()))
    return n


def plate_text(raw: str) -> str:
    m = re.fullmatch(_plate("a-z"), raw.strip(), re.IGNORECASE)
    return " ".join(m.groups()).upper() if m else raw.strip().upper()


def find_new_bus(text: str, lower: str, *, adding: bool = False) -> NewBus:
    """What a message adding a bus says of it; nothing when it does not add one (unless
    `adding`: a reply completing a new bus waiting for confirmation, "nama Srikandi")."""
    adding = adding or adds_bus(lower)
    if not adding:
        return NewBus()
    spans: list[tuple[int, int]] = []
    plate = find_plate(text, lower, adding)
    if plate is not None:
        spans.append(plate[1:])
    seats = read_seats(SEATS_RE, lower, spans)
    name_m = NAME_RE.search(text)
    name = name_m.group("name") if name_m else None
    if name_m is None:
        after = AFTER_KIND_RE.search(text)
        if after is not None and not (plate and after.start("name") == plate[1]):
            name = after.group("name")
    if name is not None:
        name = name.strip(" ,.")
    class_m = CLASS_RE.search(lower)
    bus_class = None
    if class_m and not (name and class_m.group("c") in name.lower()):
        bus_class = re.sub(r"\s+", " ", class_m.group("c"))
    plate_said = plate[0] if plate else None
    return NewBus(name, plate_said, seats, tuple(spans), bus_class=bus_class)
