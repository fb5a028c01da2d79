"""English words a young admin mixes into Indonesian chat, read as the Indonesian the rules
know: "pak andri udh settle" (lunas), "ada bus available ga" (kosong), "wahyu free ga tgl
20" (kosong), "mau aku chase satu2" (tagih), "tgl 26 udh fully booked" (penuh).

Only words with one meaning in a PO's chat and no Indonesian word spelt so: "free" and
"available" are "kosong" only where it is asked whether a bus or a person is free ("free
ga?", "yg avail siapa", "free tgl 20?"), never told of a bus back in service ("available
lagi") nor before a thing ("free parkir" is free of charge). A name after
a title ("mas free") stays, and what a record keeps as written (a report, a word passed on)
keeps the words typed, as with krama (extractor._as_written)."""

from __future__ import annotations

import re

from keloia.adapters.rules.spelling import after_title
from keloia.adapters.rules.wordtable import tongue_table

# Several words read as one.
PHRASES = {
    r"fully\s+booked|full\s+booked|full\s+booking|fullbooked|booked\s+full": "penuh",
    r"fully\s+paid|paid\s+off|full\s+payment": "lunas",
}
_PHRASE_RE = re.compile(
    "|".join(rf"(?P<p{i}>\b(?:{p})\b)" for i, p in enumerate(PHRASES)), re.IGNORECASE
)
_PHRASE_SAID = list(PHRASES.values())
# One English word, its Indonesian reading (tongues/english.toml).
_TABLE = tongue_table("english")
# Free, of a bus or a person, when asked ("ada bus available ga?", "wahyu free ga tgl 20?",
# "free tgl 20?") or of the free ones ("yg avail siapa"): "kosong". Said ("medium 3
# available lagi mulai hari ini") it is a bus back in service, read by the status rules.
_FREE_RE = re.compile(
    r"(?<![\w'])(?:free|available|availabe|avail)(?:nya)?(?![\w'])", re.IGNORECASE
)
_ASKED_RE = re.compile(
    r"\?|\b(?:ga|gak|gk|g|nggak|ngga|ngak|enggak|engga|nda|ndak|tdk|tidak|kah|ato|atau|apa"
    r"|siapa|sapa|mana|dmn|yg\s+mana|blm|belum)\b"
)
_FREE_ONES_RE = re.compile(r"\b(?:yg|yang)\s+$")
_CLAUSE_END_RE = re.compile(r"[.!,;\n]")
# "free parkir", "free snack": free of charge, never asked of a bus.
_OF_CHARGE_RE = re.compile(r"\s+(?:parkir|tol|makan|snack|air|wifi|ongkir|biaya|charge)\b")


def _free(m: re.Match[str]) -> str:
    text = m.string
    if _OF_CHARGE_RE.match(text, m.end()):
        return m.group()
    end = _CLAUSE_END_RE.search(text, m.end())
    rest = text[m.end() : end.start() if end else len(text)].lower()
    if _ASKED_RE.search(rest) or _FREE_ONES_RE.search(text[: m.start()].lower()):
        if after_title(m):
            return m.group()  # "mas free": a name
        return "kosongnya" if m.group().lower().endswith("nya") else "kosong"
    return m.group()


def in_english_read(text: str) -> str:
    """The message with the English words mixed in read in Indonesian."""
    text = _PHRASE_RE.sub(lambda m: _PHRASE_SAID[int(str(m.lastgroup)[1:])], text)
    text = _TABLE.read(text)
    return _FREE_RE.sub(_free, text)
