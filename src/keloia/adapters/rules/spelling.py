"""Words as fast thumbs type them, read as the rules spell them: a letter held for emphasis
("lunass", "macettt", "bataal", "600rbb"), a key word of the domain typed with a letter
dropped or swapped ("sopri", "pembyaran", "kosng", "hpus"), and a mark glued to its value
("dp2jt", "bsokpagi").

Conservative by design, so a name, a plate, a time, a phone number or an amount is never
changed: a word is only respelled when the respelling is a word the rules know and the word
as typed is not, and a mark is only split from a value or a day word the rules know."""

from __future__ import annotations

import re

from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.vocabulary import TEAM_TITLE

# Words a held letter is taken off to find, beside the stop words (which are the rules'
# commonest words): the domain's key words, the replies and the faults said with emphasis.
_EMPHASISED = words(
    """
    mati blong macet bunyi bocor mogok rusak panas oke okey siap sip gas mantap makasih
    jangan jgn mana dong order boking booking cancel batal lunas cash telat tlt ya yuk
    rb jt bener bnr benar pasti nggak gak ga enggak tunggu hapus kosong
    """
)
# Words spelt with a doubled last letter on purpose: "ketep pass" is a place, not "pas".
_SPELT_DOUBLED = words("pass mall hall")
KNOWN = STOP_WORDS | _EMPHASISED | _SPELT_DOUBLED

# The domain's key words as they are mistyped (a letter dropped, two swapped), each with
# the spelling the rules read. Only words no name and no other word is spelt as.
TYPOS: dict[str, str] = {
    # booking
    "bookng": "booking",
    "bkg": "booking",  # "ada bkg baru nih"
    "slanjutnya": "selanjutnya",
    "jadwalku": "jadwal sy",  # "jadwalku desember apa aja": mine
    "slnjtnya": "selanjutnya",
    "bokng": "boking",
    "bookin": "booking",
    "bokingan": "bookingan",
    # crew
    "sopri": "sopir",
    "spoir": "sopir",
    "sopr": "sopir",
    # the pickup and its hour ("bsk pkk jmpt jm brp y?")
    "jmpt": "jemput",
    "jmput": "jemput",
    "jm": "jam",
    # days ("mingu ini udh msk brp?"; "mingu" is no name or word of its own)
    "mingu": "minggu",
    "minngu": "minggu",
    "slasa": "selasa",
    "snin": "senin",
    "kmis": "kamis",
    "sbtu": "sabtu",
    # ("eh koreksi, dp karang taruna hrsnya 1jt": never part of a name)
    "hrsnya": "harusnya",
    "hrsny": "harusnya",
    # called off, done, confirmed
    "btal": "batal",
    "bataln": "batalin",
    "selese": "selesai",
    "selsai": "selesai",
    "slesai": "selesai",
    "konfrimasi": "konfirmasi",
    "konfirmsi": "konfirmasi",
    # the schedule
    "jadwl": "jadwal",
    "jdwal": "jadwal",
    # money
    "hrg": "harga",
    "hrgnya": "harganya",
    "pelunsan": "pelunasan",
    "pelunsn": "pelunasan",
    "pembyaran": "pembayaran",
    "pembyrn": "pembayaran",
    "pembayarn": "pembayaran",
    # changes, questions
    "gnti": "ganti",
    "hpus": "hapus",
    "kosng": "kosong",
    "ksong": "kosong",
    "bengkl": "bengkel",
    "bngkel": "bengkel",
    "menghasilkn": "menghasilkan",
    "tlat": "telat",
    "tlt": "telat",
    "bwt": "buat",
    "bsok": "besok",
    "msuk": "masuk",
    "brpa": "berapa",
    # word for a teammate
    "blgin": "bilangin",
    "blngin": "bilangin",
    "kbrin": "kabarin",
    "kbarin": "kabarin",
}

# Two words together, the second mistyped or swapped by autocorrect where the first makes it
# plain: "uang jln", "surat jln" (a street's "jln" stays as written), "masuk bengkak" (a bus
# is not swollen), "isi sola" (the fuel cut short).
_PAIRS_RE = re.compile(
    r"\b(?P<first>uang|surat)\s+(?P<jln>jln|jl)\b"
    r"|\b(?P<into>masuk|ke|di|dr|dari)\s+(?P<swollen>bengkak)\b"
    r"|\b(?P<fill>isi)\s+(?P<fuel>sola|solat)\b",
    re.IGNORECASE,
)
_PAIR_SPELT = {"jln": "jalan", "swollen": "bengkel", "fuel": "solar"}

# A money mark glued to an amount ("dp2jt", "tf500rb") and a day glued to a part of it
# ("bsokpagi", "lsamalam").
_GLUED_RE = re.compile(
    r"\b(?P<mark>dp|tf|trf|byr|bayar|lunas|harga|hrg)(?=\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)\b)"
    r"|\b(?P<day>besok|bsk|bsok|lusa|lsa|nanti|ntar)(?=(?:pagi|siang|sore|malam|mlm)\b)",
    re.IGNORECASE,
)

_TOKEN_RE = re.compile(r"(?<![\w'])(?P<num>\d+)?(?P<word>[A-Za-z]+)(?![\w'])")
# A word right after a title is a name ("pak supri", "bu sopri", "pak Dadi", "kyai Hasan"):
# every reading step (respelling, krama, ngoko, English) keeps it as written.
_TITLE_BEFORE_RE = re.compile(
    rf"\b(?:{TEAM_TITLE}|mbah|kyai|kiai|yai|ustadz|ust)\.?\s+$", re.IGNORECASE
)


def after_title(m: re.Match[str]) -> bool:
    """The word matched follows a title: a name, whatever else it could mean."""
    return _TITLE_BEFORE_RE.search(m.string[max(0, m.start() - 12) : m.start()]) is not None


_RUN_RE = re.compile(r"([a-z])\1+")
_LONG_RUN_RE = re.compile(r"([a-z])\1{2,}")


def _unheld(word: str) -> str | None:
    """The word with a letter held for emphasis let go, when that makes a known word: a
    run of three or more is always emphasis ("macettt"); a doubled letter only at the end
    ("lunass", "600rbb") or a doubled vowel ("bataal"), so "ttd" and a plate's "KK" stay."""
    if len(word) < 3 or word in KNOWN:
        return None
    once = _LONG_RUN_RE.sub(r"\1", word)
    twice = _LONG_RUN_RE.sub(r"\1\1", word)
    for candidate in (twice, once):
        if candidate != word and candidate in KNOWN:
            return candidate
    held = _RUN_RE.sub(
        lambda m: m.group(1) if m.end() == len(once) or m.group(1) in "aeiou" else m.group(),
        once,
    )
    if len(held) >= 2 and held in KNOWN:
        return held
    return once if once != word and len(once) >= 2 else None


def _respelt(m: re.Match[str]) -> str:
    word = m.group("word")
    # A name, unless no name could be spelt so (no vowel, a letter held three times).
    low = word.lower()
    if (
        after_title(m)
        and re.search("[aeiou]", word, re.IGNORECASE)
        and not _LONG_RUN_RE.search(word)
        # ("pak jadwl sy minggu ini": a slip of a word no one is named, after "pak".)
        and TYPOS.get(low) not in STOP_WORDS
    ):
        return m.group()  # "pak supri" is a name; "pak tlt dikit", "pak macettt" are not
    spelt = TYPOS.get(low) if m.group("num") is None else None
    if spelt is None:
        spelt = _unheld(low)
    return m.group() if spelt is None else (m.group("num") or "") + spelt


def as_spelt(text: str) -> str:
    """The message with its typing slips read as the rules spell the words."""
    text = _GLUED_RE.sub(lambda m: m.group() + " ", text)
    text = _PAIRS_RE.sub(_pair_spelt, text)
    return _TOKEN_RE.sub(_respelt, text)


def _pair_spelt(m: re.Match[str]) -> str:
    out = m.group()
    for group, spelt in _PAIR_SPELT.items():
        if m.group(group) is not None:
            start, end = m.start(group) - m.start(), m.end(group) - m.start()
            out = out[:start] + spelt + out[end:]
    return out
