"""Who a client is. Bookings carry the client's name as typed and, sometimes, a phone: "Pak
Hendra", "pak hendra" and "Bapak Hendra" are one client, and so are two bookings with the
same phone whatever the name says."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache

# The titles people put before a person's name, written once: the client keys below and
# the rules extractor's honorifics (vocabulary.HONORIFIC, names.HONORIFICS) start from them.
NAME_TITLES = ("pak", "bapak", "mas", "om", "bu", "ibu", "mbak")
# Titles before a name, with their short forms; they do not make another person ("dek
# wahyu", "bang slamet" are Wahyu and Slamet of the team). The Sundanese ones too: "teh
# dini" (teteh, an elder sister), "aa ujang", "akang", "ceu" (euceu), "mang" (mamang).
SUNDANESE_TITLES = ("teh", "teteh", "aa", "akang", "ceu", "mang", "pa")
# The Balinese ones: "Bli Putu" (an elder brother), "Mbok Ayu" (an elder sister), "Gek Sri"
# (a young woman), "nak Ketut" (a person, "anak"), "Jro Mangku" (a temple's own).
BALINESE_TITLES = ("bli", "mbok", "gek", "nak", "jro")
# The North and West Sumatran ones: Batak "Lae Pardosi" (a man of another clan), "Ito"
# (a sister or brother), "Amang Sitorus" and "Inang Nainggolan" (a father, a mother);
# Minang "Uda Hendri" (an elder brother) and "Uni Rahmi" (an elder sister). "Uda" is also
# "udah" typed short ("uda tf"): the rules take it for a title only written "Uda". Palembang
# "Cik Ana" (an elder woman).
SUMATRAN_TITLES = ("lae", "ito", "amang", "inang", "uni", "uda", "cik")
# The Banyumasan ones (Tegal, Brebes, Purwokerto): "Yu Karsih" (mbakyu, an elder sister),
# "pak Kaji Rohmat" (haji).
BANYUMAS_TITLES = ("yu", "kaji")
# The Makassar and Bugis ones: "Daeng Rudi", "Puang Haji" (an elder, a noble).
MAKASSAR_TITLES = ("daeng", "puang")
HONORIFICS = frozenset(
    {*NAME_TITLES, "bpk", "bp", "sdr", "kak", "mba", "bang", "kang", "dek", "dik", "adek"}
    | set(SUNDANESE_TITLES)
    | set(BALINESE_TITLES)
    | set(SUMATRAN_TITLES)
    | set(BANYUMAS_TITLES)
    | set(MAKASSAR_TITLES)
)


# A state school written in full or short: "SMP N 4", "SMPN 4", "SMP Negeri 4" and "smp 4"
# are one school (a private one carries its own name: "SMP Muhammadiyah 4").
_SCHOOL = r"sd|smp|sma|smk|slb|mts|mi"
_STATE = r"\s*n|\s+negeri|\s+neg"
_STATE_SCHOOL_RE = re.compile(rf"\b({_SCHOOL})(?:{_STATE})\b")


def name_key(name: str) -> str:
    """'Pak  Hendra', 'bapak hendra' and 'hendra' name the same person; 'SMP N 4 Depok'
    and 'smp 4 depok' the same school."""
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return _STATE_SCHOOL_RE.sub(r"\1", " ".join(words))


def same_client(a: str, b: str) -> bool:
    """Loose, for finding what a message names: "pak agus" finds "Pak Agus Salim"."""
    ka, kb = name_key(a), name_key(b)
    if not (ka and kb):
        return False
    if ka == kb or ka in kb or kb in ka or _shortened(ka, kb) or _shortened(kb, ka):
        return True
    # "masjid baitusalam" for Masjid Baitussalam: a doubled letter typed once.
    sa, sb = _single_letters(ka), _single_letters(kb)
    return sa == sb or sa in sb or sb in sa or _split(ka, kb) or _split(kb, ka)


def _split(said: str, full: str) -> bool:
    """ "masjid baitus salam", "kota gede" for Masjid Baitussalam, SD Muhammadiyah Kotagede:
    a word split in two, as voice typing writes it (never a short name inside a word)."""
    joined, whole = said.replace(" ", ""), full.replace(" ", "")
    return " " in said and len(joined) >= 6 and (joined == whole or joined in whole)


def _single_letters(key: str) -> str:
    return re.sub(r"(\w)\1+", r"\1", key)


# The titles that say a man or a woman: "pak agus" and "bu agus" are two people, "pk
# hendra" and "bapak hendra" one.
_MAN = frozenset({"pak", "pk", "bp", "bpk", "bapak", "mas", "om"})
_WOMAN = frozenset({"bu", "ibu", "mbak", "mba"})


def same_title(a: str, b: str) -> bool:
    """ "pk" and "pak", "ibu" and "bu": one title however it is typed."""
    a, b = a.casefold(), b.casefold()
    return a == b or {a, b} <= _MAN or {a, b} <= _WOMAN


def same_person(a: str, b: str) -> bool:
    """Stricter than same_client, for one client named twice in a conversation: the same
    name, and not a man's title on one and a woman's on the other."""
    if not same_client(a, b):
        return False
    titles = [w[0] for w in (a.casefold().split(), b.casefold().split()) if w]
    sexes = {("m" if t in _MAN else "f") for t in titles if t in _MAN | _WOMAN}
    return len(sexes) < 2


def _shortened(short: str, full: str) -> bool:
    """ "sd muh kotagede" for "SD Muhammadiyah Kotagede": the same words in a row, some
    cut short (three letters at least), one word at least written whole."""
    said, words = short.split(), full.split()
    if len(said) < 2 or len(said) > len(words):
        return False
    for i in range(len(words) - len(said) + 1):
        window = words[i : i + len(said)]
        pairs = list(zip(said, window, strict=True))
        if all(s == w or (len(s) >= 3 and w.startswith(s)) for s, w in pairs) and any(
            s == w for s, w in pairs
        ):
            return True
    return False


def client_keys(clients: Iterable[tuple[str, str | None]]) -> list[str]:
    """One key per (name, phone), equal for entries that are one client: the phone when
    there is one; a name without a phone joins the phone its name goes with elsewhere
    (when that name goes with exactly one phone), else the name itself."""
    entries = list(clients)
    phones_of: dict[str, set[str]] = {}
    for name, phone in entries:
        if phone:
            phones_of.setdefault(name_key(name), set()).add(phone)
    keys = []
    for name, phone in entries:
        known = phones_of.get(name_key(name), set())
        if phone:
            keys.append(phone)
        elif len(known) == 1:
            keys.append(next(iter(known)))
        else:
            keys.append("name:" + name_key(name))
    return keys


def known_client(
    name: str, phone: str | None, earlier: Iterable[tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    """The name and phone an earlier booking used for this same client (same phone, or the
    same name whatever its case and title), or None for a new client."""
    key = name_key(name)
    # The spelling with capitals first: "Pak Hendra" over a hurried "pak hendra".
    for old_name, old_phone in sorted(earlier, key=lambda e: e[0] == e[0].lower()):
        if (phone and old_phone == phone) or (
            name_key(old_name) == key and not (phone and old_phone and old_phone != phone)
        ):
            return old_name, phone or old_phone
    return None


def mentioned(
    text: str, clients: Iterable[str], never: Collection[str] = ()
) -> tuple[int, int, str] | None:
    """Where a lowercase text names a known client without the title their booking wrote,
    and which: "hendra sisa brp" names Pak Hendra (a titled person by the first name, as
    "Pak Hendra Wijaya" by "hendra"), "karang taruna condongcatur dp 1jt" its whole name.
    A word in `never` (the PO's own people, everyday words) is nobody's name here. The
    first client of `clients` named wins."""
    for form, pattern, client in _name_forms(tuple(clients)):
        # The plain substring test first: most names are not in the text at all (of a
        # school, the words after "smp", written with or without "n").
        if re.sub(rf"^(?:{_SCHOOL})\s", "", form) not in text or form in never:
            continue
        m = pattern.search(text)
        if m:
            return m.start(), m.end(), client
    return None


def mentioned_by_kind(
    text: str, clients: Iterable[str], never: Collection[str] = ()
) -> tuple[int, int, str] | None:
    """A group named by the first word of its name alone ("no hp pkk nya brp" for PKK
    Caturtunggal, "masjid" for Masjid Al-Ikhlas), when exactly one known client's name
    starts so; a person (titled) never, nor a word in `never`."""
    found: dict[str, tuple[int, int, str]] = {}
    for client in clients:
        key = name_key(client)
        plain = " ".join(client.casefold().split())
        words = key.split()
        if key != plain or len(words) < 2 or len(words[0]) < 3 or words[0] in never:
            continue
        m = re.search(rf"\b{re.escape(words[0])}(?:nya)?\b", text)
        if m is not None:
            found.setdefault(key, (m.start(), m.end(), client))
    [(_, only)] = found.items() if len(found) == 1 else [("", None)]
    return only


@lru_cache(maxsize=64)
def _name_forms(clients: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """What `mentioned` looks for of each client, with its word-bounded pattern: made once
    per set of names (a message's context is the PO's clients around today, the same for
    every message until a booking changes them), not per client per message."""
    forms = []
    for client in clients:
        key = name_key(client)
        plain = _STATE_SCHOOL_RE.sub(r"\1", " ".join(client.casefold().split()))
        titled = key != plain
        form = key.split()[0] if titled and key else key
        if len(form) >= 3:
            forms.append((form, _word(form), client))
    return tuple(forms)


@lru_cache(maxsize=4096)
def _word(form: str) -> re.Pattern[str]:
    """A name as a whole word (or words), a state school's written either way ("smp 4
    depok" finds "smp n 4 depok" too); shared by every set of names it is in."""
    written = re.sub(rf"^({_SCHOOL})\\ ", lambda m: rf"{m[1]}(?:{_STATE})?\s+", re.escape(form))
    return re.compile(rf"\b{written}\b")
