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
