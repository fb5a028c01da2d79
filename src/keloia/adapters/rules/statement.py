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

# How banks mark money coming in, and going out.
_IN_RE = re.compile(
    r"\b(?:cr|kr|kredit|credit)\b|\b(?:dana|uang|transfer)\s+masuk\b|\bmenerima\s+dana\b"
)
_OUT_RE = re.compile(r"\b(?:db|debet|debit)\b|\b(?:dana|uang)\s+keluar\b")
# The amount as a bank writes it: "1.500.000", "1,500,000.00", "Rp 8.000.000,00".
_AMOUNT_RE = re.compile(
    r"(?:\brp\.?\s*)?(?<![\d.,])\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:[.,]\d{2})?(?![\d.,])"
)
# Its day: "30/11", "30-11-2026", "30/11/26", at the line's start or after "tgl".
_DAY_RE = re.compile(
    r"(?:^|\btgl\.?\s*)(?P<day>\d{1,2})[/-](?P<month>\d{1,2})(?:[/-](?P<year>\d{4}|\d{2}))?\b"
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


def _sender(line: str) -> str:
    return " ".join(_NOT_NAME_RE.sub(" ", line).split())


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
    banked = [
        line
        for line in lines
        if _IN_RE.search(line.lower())
        and _AMOUNT_RE.search(line.lower())
        and not _NOTE_RE.fullmatch(line)
        and "?" not in line  # ("kemarin uang masuk 15.000.000 ya?": asked, no notice)
    ]
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
    """One transfer forwarded: whose and what it is from the words said around it ("ini dp
    dr bu dewi yg ke pangandaran"), or from its note and sender."""
    amount = _amount(_AMOUNT_RE.search(line.lower()).group())  # type: ignore[union-attr]
    note = _NOTE_RE.search(line)
    sender = _sender(line)
    around = " ".join(x for x in lines if x and x != line)
    said = read(f"{around} tf {amount}") if around else None
    who = note["note"] if note else sender
    if said is None or said.intent is not Intent.RECORD_PAYMENT or not said.fields.client_name:
        said = read(f"{who} tf {amount}") if who else None
    if said is None or said.intent is not Intent.RECORD_PAYMENT:
        return None
    f = said.fields
    if not f.client_name:
        # The sender as the bank names him, no client the reader knows: the assistant
        # finds the booking or asks.
        said = said.model_copy(update={"confidence": min(said.confidence, 0.7)})
    client = who
    if f.client_name:
        client = f.client_name if note else _fuller(f.client_name, sender)
    if not client:
        return None
    fields = f.model_copy(
        update={
            "client_name": client,
            "amount": amount,
            "method": method if method != "transfer" or not f.method else f.method,
            "paid_date": _day(line, today) or f.paid_date,
            "payments": None,
        }
    )
    return said.model_copy(update={"fields": fields, "more": ()})
