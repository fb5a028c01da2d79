"""What someone else said they will do, or what the sender wonders: no request of the
sender's own. "bu rina katanya mau lunasin sisanya minggu depan", "td pak agus bilang
pelunasannya mau ditf senin", "bu dewi bilang mau nambah 5 orang, kira2 muat ga ya bus 04"
pass on a plan or ask whether something would work; a reading of them as a change, a
payment or a balance asked is built from words that only report it. Such a reading is
unsure (`coverage.capped`): asked, never proposed as sure.

"mas rudi tf 1jt, katanya sisanya dibayar di tempat" reports the rest only: the payment said
apart from the report (its money outside the clause) is read as before, and so is a
question asked of what is reported ("katanya mau bayar senin, sisanya brp?")."""

from __future__ import annotations

import re

from keloia.adapters.rules.reading import Found
from keloia.adapters.rules.vocabulary import ASKS_RE, NO, PASSED_ON, word_re
from keloia.domain.model import news
from keloia.domain.model.intents import Extraction, Intent, IntentKind, of_kind
from keloia.domain.model.promises import INTEND

# What is only meant, not done: "mau ditf", "rencananya", "janji", "bakal": the words a
# promise of money is made with (domain.model.promises.INTEND), and wishes passed on ("bu
# dewi pengen nambah 5 orang"), which are plans but never promise money.
_MEANT = rf"{INTEND}|pengen|pingin|ingin"
# Wondering whether it would work: "kira2 muat ga ya", "kira-kira cukup gak".
_WONDER = r"kira2|kira-kira|kira\s+kira|kirakira"

_CLAUSE_RE = re.compile(r"[^.,;!?\n]+")
_SAID_RE = word_re(PASSED_ON)
_MEANT_RE = word_re(_MEANT)
_WONDER_RE = re.compile(rf"\b(?:{_WONDER})\b.*\b(?:{NO})\b")

# Leave asked for what was said before, closing the message: "rombongan minta mampir jatim
# park dulu boleh ga", "bu dewi mau tambah 5 orang, boleh?". Whoever wants it, the sender
# asks whether it may be done; nothing is told to be recorded yet.
_MAY_WE_RE = re.compile(
    rf"\b(?:boleh|blh|bolehkah)(?:\s+(?:{NO}))?(?:\s+(?:ya|yah|pak|bu|mbak|mas))?\W*$"
)

_QUERIES = of_kind(IntentKind.QUERY)
# A yes or no to what waits, and `unknown`, are what they are whatever is reported.
_NOT_CONCERNED = frozenset({Intent.CONFIRM, Intent.REJECT, Intent.CORRECT, Intent.UNKNOWN})


def _reports(clause: str) -> bool:
    return bool(_SAID_RE.search(clause) and _MEANT_RE.search(clause))


def reported(found: Found, extraction: Extraction) -> list[str]:
    """The clauses that only report a plan or wonder, when the reading is built from them
    (no amount said apart from them). A query is concerned only by a plan reported with
    nothing asked: a wondering ("kira2 bus 04 bisa dipake tgl 5 ga") is its question."""
    if extraction.intent in _NOT_CONCERNED:
        return []
    query = extraction.intent in _QUERIES
    if not query and (may := _MAY_WE_RE.search(found.lower)):
        return [may.group().strip()]
    spans = [
        m
        for m in _CLAUSE_RE.finditer(found.lower)
        if _reports(m.group()) or (not query and _WONDER_RE.search(m.group()))
    ]
    if not spans or (query and (ASKS_RE.search(found.lower) or _WONDER_RE.search(found.lower))):
        return []
    if any(not any(s.start() <= m.start < s.end() for s in spans) for m in found.money):
        return []
    return [s.group().strip() for s in spans]


_CLAUSE_END_RE = re.compile(r"[,.;!?\n]")


def passed_on(found: Found) -> bool:
    """A client's question or enquiry passed on, no action of the sender's: "bu dewi nanya
    bisa dp 1jt dulu ga", "pak agus kemarin nanya2 harga ke dieng 2 hari, blm deal", "bu
    rina minta penawaran ke bromo 2 bus". Money said outside the question is money told
    ("bu dewi tf 1jt, nanya sisanya brp"), unless the enquiry is said to be no deal yet."""
    asked = news.passed_on_question(found.lower)
    if asked is None:
        return False
    end = _CLAUSE_END_RE.search(found.lower, asked.end())
    clause_end = end.start() if end else len(found.lower)
    outside = any(not asked.start() <= m.start < clause_end for m in found.money)
    return not outside or news.NO_DEAL_RE.search(found.lower) is not None


# Whether something may be done, asked: "bisa jemput jam 4 ga", "boleh bayar setengah".
_MAY_IT_RE = re.compile(r"\b(?:bisa|bs|boleh|blh|gpp|kalau|kalo|klo)\W*$")
# Someone by title, or the party, named before the asking word.
_ASKER_RE = re.compile(
    r"\b(?:pak|bu|bapak|ibu|mas|mbak|mba|kak|klien\w*|customer\w*|cust|orangnya|tamu\w*"
    r"|rombongan\w*|panitia\w*|pelanggan\w*|penyewa\w*)\b"
)
# The sender asking for themself: "sy mau tanya", "numpang tanya", "mau nanya".
_OWN_ASK_RE = re.compile(r"\b(?:sy|saya|aku|aq|gw|gue|mau|mo|numpang|izin|ijin)\s+$")


def someone_asks_if_may(found: Found) -> bool:
    """A client's question whether something may be done, passed on: "bu sri tanya bisa
    jemput jam 4 ga", "pak hendra nanya boleh bayar setengah dulu". It asks nothing of the
    records (a question of the sender's own: "sy mau tanya bisa jemput jam 4?")."""
    asked = news.passed_on_question(found.lower)
    if asked is None or not _MAY_IT_RE.search(asked.group()):
        return False
    before = found.lower[: asked.start()]
    if _OWN_ASK_RE.search(before):
        return False
    client = found.client is not None and found.client.start < asked.start()
    return client or _ASKER_RE.search(before) is not None
