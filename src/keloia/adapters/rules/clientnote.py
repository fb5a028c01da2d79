"""Who the client is, said right after the name of a new booking's client: "booking pak
bambang *guru smp 2 depok* tgl 12 des ke dieng", "bu sartini *pengajian ngaglik* mau sewa 2
bus". The name stays the name; the words describing the client are kept as the booking's
note, never glued to the name and never dropped."""

from __future__ import annotations

import re

from keloia.adapters.rules.reading import Found
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.domain.model.clients import HONORIFICS

# Words after a name that describe nobody: a polite ending, a part of the day, a filler.
FILLERS = words(
    """
    nggih ngih njih yah ya yaa gan min bro sis deh dong nih sih tuh loh lho kok mbak mba
    kak om bapak ibu pagi siang sore malam malem subuh tadi td barusan mohon tolong tlg
    sekitar kira2 kurang lebih insyaallah insya allah aja saja lagi lg eh ehh ehm anu
    assalamualaikum asalamualaikum wr wb warahmatullah wabarakatuh salam halo hallo permisi
    """
)
# Words after a name that go on to something else: the client's number.
_GOES_ON = words("no nomor nmr nomer hp wa telp tlp telepon cp kontak")
# What the trip is for, not who the client is: "bpk agung, wisata kebumen ke pangandaran".
_PURPOSES = words(
    """
    wisata ziarah tour study studi kunker kunjungan outbound piknik rekreasi liburan
    darmawisata karyawisata jalan2 field tamasya family gathering outing umroh umrah haji
    """
)
# How long the trip is, never who the client is: "pak broto pp sehari tgl 31 ...".
_TRIP_LENGTH = words("pp sehari seharian nginep menginap")
# Words shortened with a dot, which goes on to the rest of the name: "gereja st. paulus",
# "warga jl. kaliurang", "masjid kh. ahmad dahlan".
_SHORTENED = words("st sta sto jl jln kec kab ds dsn kel no gg perum kh hj h dr ir prof pdt rm")
_TOKEN_RE = re.compile(r"\S+")
_EDGE = " ,.;:!?-–—()\"'"


def client_note(found: Found) -> str | None:
    """The words describing the client, from just after the client's name to where the
    message goes on to the trip (a date, an amount, "ke", "mau sewa"...), as written; None
    when nothing but the name (or only fillers) is there."""
    client = found.client
    if client is None or client.organisation:
        return None  # "SMK N 1 Wonosari study tour ke bandung": the trip's purpose follows
    organisations = [
        p for p in found.people if p.organisation and p is not client and p.start >= client.end
    ]
    starts = {found.route.from_start, found.route.to_start} - {-1}
    kept: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(found.text, client.end):
        start, end = m.start(), m.end()
        if found.text[client.end if not kept else kept[-1][1] : start].count("\n"):
            break  # a new line is a new thing said
        if any(o.start <= start < o.end for o in organisations):
            kept.append((start, end))  # "smp 2 depok", "pengajian ngaglik"
        else:
            word = found.lower[start:end].strip(_EDGE)
            if not kept and not word and found.text[start:end].strip() in ",-–—:":
                continue  # "pak bambang, guru smp 2": the separator after the name
            if (
                not word
                or start in starts
                or not found.masked[start:end].strip()  # a value read: date, money, bus...
                or word in STOP_WORDS
                or word in HONORIFICS
                or word in _GOES_ON
                or word in _TRIP_LENGTH
                # "muslimat NU ranting sumbersari ziarah ke kudus": what the trip is for
                # ends who the client is.
                or (kept and word in _PURPOSES)
                or not (re.search(r"[a-z]", word) or (kept and word.isdigit()))
            ):
                break
            kept.append((start, end))
        said = found.text[start:end].rstrip()
        if said[-1:] in ",.;:!?" and not (said[-1] == "." and said[:-1].lower() in _SHORTENED):
            break  # the description ends with its clause ("gereja st. paulus" goes on)
    while kept and found.lower[kept[-1][0] : kept[-1][1]].strip(_EDGE) in FILLERS:
        kept.pop()
    if not kept or found.lower[kept[0][0] : kept[0][1]].strip(_EDGE) in _PURPOSES:
        return None
    said = found.text[kept[0][0] : kept[-1][1]].strip(_EDGE)
    if not any(w.strip(_EDGE) not in FILLERS for w in said.lower().split()):
        return None
    return said[:200] or None
