"""Money in as a bank shows it, pasted into the chat: an account statement ("mutasi") of
one transfer a line, or a bank's notice of one transfer forwarded:

    mutasi bca hr ini tolong dicocokke:
    30/11 TRSF E-BANKING CR SUPARMAN 1.500.000 (masjid baitussalam)
    30/11 TRSF E-BANKING CR 3011/FTSCY/WS95051 2,000,000.00 PAK HENDRA

    ini dp dr bu dewi yg ke pangandaran
    [BCA] 30/11/26 08:47 Dana masuk Rp 2.000.000,00 dr DEWI KUSUMAWATI ke rek 0373xxx881.

Each money-in line is a payment of its own, dated by its line; whose it is comes from the
note in brackets the admin added, or the words said around a single notice, or else the
sender the bank names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from keloia.adapters.rules import payments
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent, PaymentLine

# How banks mark money coming in, and going out ("kr" is left out: in a chat it is "kurang").
_IN_RE = re.compile(r"\b(?:cr|kredit|credit)\b|\b(?:dana|transfer)\s+masuk\b|\bmenerima\s+dana\b")
_OUT_RE = re.compile(r"\b(?:db|debet|debit)\b|\b(?:dana|uang)\s+keluar\b")
# What only a bank writes: its kinds of transfer, "[BCA]" or "BNI:" heading its notice, a
# day opening the line; or a sender in its capitals ("HENDRA WIJAYA").
_BANK_WRITES_RE = re.compile(
    r"\b(?:trsf|e-banking|ebanking|bi-fast|bifast|switching|klikbca|mybca|brimo|livin)\b"
    r"|^\W*\[\w+\]|^\s*(?:bca|bri|bni|mandiri|bsi|btn|cimb)\s*:|^\s*\d{1,2}[/-]\d{1,2}\b",
    re.IGNORECASE,
)
_CAPITALS_RE = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{1,})+\b")
# The amount as a bank writes it: "1.500.000", "1,500,000.00", "Rp 8.000.000,00".
_AMOUNT_RE = re.compile(
    r"(?:\brp\.?\s*)?(?<![\d.,])\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:[.,]\d{2})?(?![\d.,])"
)
# Its day: "30/11", "30-11-2026", "29/11/26 20:47", anywhere but inside a reference code.
_DAY_RE = re.compile(
    r"(?<![\w/])(?P<day>\d{1,2})[/-](?P<month>\d{1,2})(?:[/-](?P<year>\d{4}|\d{2}))?(?![\w/])"
)
_NOTE_RE = re.compile(r"\((?P<note>[^()]{2,80})\)")
# What a bank writes around the sender's name: kinds of transfer, the account, the time,
# and its own remark ("Ket: DP BUS PANGANDARAN"), none of them a name.
_NOT_NAME_RE = re.compile(
    r"\[[^\]]*\]|\b(?:ket|keterangan|berita|catatan)\b.*$|\bke\s+rek\w*.*$|\brek\w*\s+\S+"
    r"|\b\S*\d\S*\b|\b(?:trsf|trf|transfer|e-banking|ebanking|m-banking|mbanking|bi-fast"
    r"|bifast|switching|setoran|setor|tunai|antar\s+bank|sesama|cr|kr|kredit|credit|dana"
    r"|uang|masuk|menerima|dari|dr|from|rp|tgl|mutasi|bca|bri|bni|mandiri|bsi|btn|cimb"
    r"|brimo|livin|mybca|klikbca|notif|anda|e|berhasil)\b|\bsaldo\b.*$|[^\w\s]",
    re.IGNORECASE,
)


def _amount(said: str) -> int:
    digits = re.sub(r"^rp\.?\s*", "", said)
    digits = (
        re.sub(r"[.,]\d{2}$", "", digits) if re.search(r"[.,]\d{3}[.,]\d{2}$", digits) else digits
    )
    return int(re.sub(r"[.,]", "", digits))


def _day(line: str, today: dt.date) -> dt.date | None:
    """The day the line says, if it says one (never later than today)."""
    said = _DAY_RE.search(line)
    if said is None:
        return None
    year = int(said["year"]) if said["year"] else today.year
    year += 2000 if year < 100 else 0
    try:
        day = dt.date(year, int(said["month"]), int(said["day"]))
    except ValueError:
        return None
    if not said["year"] and day > today + dt.timedelta(days=7):
        day = day.replace(year=year - 1)  # "28/12" pasted on 3 January: last year's
    return min(day, today)


def _banked(line: str) -> bool:
    """A line as a bank writes money in: its mark, its amount, and something only a bank
    writes ("pak hendra transfer masuk 3.000.000" is a person telling it; "bu rina msh kr
    2.200.000" money still owed)."""
    lower = line.lower()
    return (
        _IN_RE.search(lower) is not None
        and _AMOUNT_RE.search(lower) is not None
        and "?" not in line  # ("kemarin dana masuk 15.000.000 ya?": asked, no notice)
        and (_BANK_WRITES_RE.search(line) is not None or _CAPITALS_RE.search(line) is not None)
    )


def _sender(line: str) -> str:
    """The sender the bank names: its capitals when it writes them ("SUPARMAN pd 29/11"),
    else the words left once the bank's own are taken out."""
    left = " ".join(_NOT_NAME_RE.sub(" ", line).split())
    capitals = [w for w in left.split() if w.isupper()]
    return " ".join(capitals) if capitals else left


def _fuller(client: str, sender: str) -> str:
    """The bank's fuller name of the client said ("PT Anugerah" sent as "PT ANUGERAH
    TEKSTIL", in a bank's capitals), else the client as said."""
    said = client.lower().split()
    banks = sender.isupper() and set(said) <= set(sender.lower().split())
    return sender if said and banks else client


def bank_statement(
    text: str, today: dt.date, read: Callable[[str], Extraction]
) -> Extraction | None:
    """The payments of pasted bank lines, one per money-in line, in their order; None
    unless the message holds such lines. A statement with money going out as well is
    left to the whole reading (an outgoing line is no client's payment). `read` reads a
    payment said plainly ("masjid baitussalam tf 1500000") to find whose it is."""
    lines = [line.strip() for line in text.splitlines()]
    banked = [line for line in lines if _banked(line)]
    if not banked or any(_OUT_RE.search(line.lower()) for line in lines):
        return None
    method = payments.find_method(text.lower()) or "transfer"
    if len(banked) == 1:
        return _one_notice(lines, banked[0], method, today, read)
    found: list[PaymentLine] = []
    sure = 0.9
    for line in banked:
        amount = _amount(_AMOUNT_RE.search(line.lower()).group())  # type: ignore[union-attr]
        note = _NOTE_RE.search(line)
        who = note["note"] if note else _sender(line)
        said = read(f"{who} tf {amount}") if who else None
        if said is None or said.intent is not Intent.RECORD_PAYMENT:
            return None
        # The sender as the bank names him when the reader knows no client in it ("RINA
        # W"): the assistant finds the booking or asks, never a line dropped.
        client = said.fields.client_name or who
        if not client:
            return None
        sure = min(sure, said.confidence if said.fields.client_name else 0.7)
        found.append(
            PaymentLine(
                client_name=client,
                amount=amount,
                method=method,
                payment_type=said.fields.payment_type,
                paid_on=_day(line, today),
            )
        )
    if len(found) > 10:
        return None  # more than one message of proposals holds: read whole, and asked
    first = found[0]
    fields = ExtractedFields(
        client_name=first.client_name,
        amount=first.amount,
        method=method,
        payment_type=first.payment_type,
        paid_date=first.paid_on,
        payments=found,
    )
    return Extraction(intent=Intent.RECORD_PAYMENT, confidence=sure, source="rules", fields=fields)


def _one_notice(
    lines: list[str],
    line: str,
    method: str,
    today: dt.date,
    read: Callable[[str], Extraction],
) -> Extraction | None:
    """One transfer forwarded: whose it is from its note, or its sender (named as said
    around it when the words around name the same person: "ini dp dr bu dewi yg ke
    pangandaran" above "... dr DEWI KUSUMAWATI", which also says it is her DP)."""
    amount = _amount(_AMOUNT_RE.search(line.lower()).group())  # type: ignore[union-attr]
    note = _NOTE_RE.search(line)
    sender = _sender(line)
    who = note["note"] if note else sender
    said = read(f"{who} tf {amount}") if who else None
    if said is None or said.intent is not Intent.RECORD_PAYMENT:
        return None
    f = said.fields
    client = f.client_name or who
    kept: dict[str, object] = {}
    around = " ".join(x for x in lines if x and x != line)
    told = read(f"{around} tf {amount}") if around and not note else None
    if (
        told is not None
        and told.intent is Intent.RECORD_PAYMENT
        and told.fields.client_name
        and _same_person(told.fields.client_name, sender)
    ):
        # The kind and the trip said around it are this money's; never a day said there
        # ("katanya besok tf" is no day this transfer came).
        client = _fuller(told.fields.client_name, sender)
        kept = {"payment_type": told.fields.payment_type, "ref_date": told.fields.ref_date}
    if not client:
        return None
    fields = f.model_copy(
        update={
            "client_name": client,
            "amount": amount,
            "method": method if method != "transfer" or not f.method else f.method,
            "paid_date": _day(line, today),
            "payments": None,
            **{k: v for k, v in kept.items() if v is not None},
        }
    )
    sure = said.confidence if f.client_name else min(said.confidence, 0.7)
    return said.model_copy(update={"fields": fields, "more": (), "confidence": sure})


def _same_person(client: str, sender: str) -> bool:
    """Whether the client said around a notice shares a name with its sender ("bu dewi",
    "DEWI KUSUMAWATI"), titles aside."""
    titles = {"pak", "bu", "ibu", "bapak", "mas", "mbak", "bpk", "sdr"}
    said = {w for w in client.lower().split() if w not in titles}
    return bool(said & set(sender.lower().split()))
