"""Bus references as the message names them: "Bus 01", "bus 3", "bus srikandi", "elf 2",
"HDD 3", "hiace premio". Matching a reference to a fleet record is the domain's job."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from keloia.adapters.rules.dates import MONTHS, WEEKDAYS
from keloia.adapters.rules.gazetteer import PLACES
from keloia.adapters.rules.text import STOP_WORDS

# Kinds of vehicle a PO names its units by; a number or a name follows.
KINDS = (
    "big bus",
    "bigbus",
    "medium bus",
    "mediumbus",
    "micro bus",
    "microbus",
    "mini bus",
    "minibus",
    "bus",
    "bis",
    "elf",
    "hdd",
    "shd",
    "sdd",
    "uhd",
    "hd",
    "medium",
    "micro",
    "hiace",
    "engkel",
    "jetbus",
    "legacy",
    "avanza",
    "innova",
)
_KIND_RE = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in KINDS)
BUS_RE = re.compile(
    rf"\b(?P<kind>{_KIND_RE})(?:\s*[-#.]?\s*(?P<num>\d{{1,3}}[a-z]?)\b"
    r"|\s+(?P<name>[a-z][a-z'’-]{2,}))"
)
# Words after "bus" that describe rather than name it.
NOT_A_NAME = STOP_WORDS | frozenset(
    """pariwisata besar kecil lain lainnya nya kita kami sy saya mogok rusak baru semua
    yg mana apa aja siapa ini itu tsb tersebut dipake dipakai nganggur ada kosong ready
    sedang full premium executive eksekutif ekonomi ac non seat kursi yang lagi masih
    sudah udah sdh belum blm dulu buat untuk utk dr dari ke di keluar masuk balik pulang
    berangkat brkt jalan sewaan bareng bersama selesai dicuci cuci diservis servis service
    bengkel turun ganti sama sm dengan dgn dan atau tdk tidak gak ga nggak engga enggak
    harga biaya pool garasi kandang""".split()
)


@dataclass(frozen=True)
class BusMention:
    start: int
    end: int
    text: str  # as written


def find_buses(text: str, lower: str, fleet_names: Iterable[str] = ()) -> list[BusMention]:
    found: list[BusMention] = []
    for name in fleet_names:
        for m in re.finditer(rf"\b{re.escape(name.lower())}\b", lower):
            found.append(BusMention(m.start(), m.end(), text[m.start() : m.end()]))
    for m in BUS_RE.finditer(lower):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        kind = m.group("kind")
        name = m.group("name")
        if name is not None:
            if name in NOT_A_NAME or name in MONTHS or name in WEEKDAYS:
                continue
            if kind not in ("bus", "bis", "hiace", "elf", "legacy", "jetbus"):
                continue
            if name in PLACES and kind in ("bus", "bis"):
                # "bus jogja" names a bus, "bus ke jogja" does not; a bare place right
                # after "bus" is rarer than a trip to it, so only keep a capitalised one.
                if not text[m.start("name")].isupper():
                    continue
        found.append(BusMention(m.start(), m.end(), text[m.start() : m.end()]))
    found.sort(key=lambda b: b.start)
    return found
