"""Asking for a paper: "kirim konfirmasi booking pak agus", "kwitansi dp bu wati",
"surat jalan besok", "kartu kelaikan bus 01". Read before everything else: the paper's
name is unmistakable, and the rest of the message only says which record it is about."""

from __future__ import annotations

import re
from typing import Any

from keloia.adapters.rules.reading import Found
from keloia.adapters.rules.vocabulary import word_re
from keloia.domain.model.papers import PaperKind

# ("tagihane": Javanese "-e", the bill.)
INVOICE_RE = word_re(r"invoice|invoicenya|invois|faktur|tagihan|tagihannya|tagihane")
PAPERS: list[tuple[PaperKind, re.Pattern[str]]] = [
    (PaperKind.RECEIPT, re.compile(r"\b(?:kwitansi|kuitansi|kwitasi|kwintansi)(?:nya)?\b")),
    (
        PaperKind.TRIP_SHEET,
        re.compile(
            r"\bsurat\s+(?:jalan|tugas)(?:nya)?\b"
            # "sj pak hendra ke malang", "kirim sj nya": its short form, asked (never the
            # "sj" of "sy sj", saja).
            r"|^\W*sj(?:nya)?\s+(?=(?:pak|bu|mas|mbak|trip|yg|yang|buat|utk|untuk|rombongan|pkk|sd"
            r"|smp|sma|smk|masjid|pt|karang)\b)"
        ),
    ),
    (
        PaperKind.ROADWORTHINESS,
        re.compile(r"\b(?:kartu\s+)?(?:kelaikan|laik\s+jalan)\b|\bkartu\s+laik\b"),
    ),
    # An invoice is a bill: the paper that shows what is still owed and by when is the
    # booking's konfirmasi (price, DP, paid, balance, payment deadline), not a kwitansi.
    (PaperKind.CONFIRMATION, INVOICE_RE),
    (
        PaperKind.CONFIRMATION,
        re.compile(
            r"\b(?:konfirmasi|bukti|surat)\s+(?:booking|bookingan|pesanan|sewa|order|carter)\b"
            r"|\b(?:surat|pdf|file|berkas|lembar)\s+konfirmasi\b"
        ),
    ),
]
# "konfirmasi booking bu lilis" is how an admin says "confirm the booking" (the action
# confirm_booking): only a request for the paper counts here, by a verb of sending or by
# naming the paper itself (surat, bukti, pdf).
# (Javanese "kirimi", "kirimke", "gaweke": send it, make it.)
SEND_RE = word_re(
    r"kirim|kirimkan|kirimin|kirimi|kirimke|minta|buatkan|buatin|bikin|bikinin|bikinkan|gaweke"
    r"|cetak|pdf"
)

# After a paper: the next one asked ("kalo konfirmasi booking bu dewi bisa?", "sm
# konfirmasi bookingnya jg"), never "konfirmasi booking bu dewi" said plainly (the action).
ASKED_NEXT_RE = re.compile(
    r"\?|^\W*(?:kalo|kalau|klo|kl|sm|sama|trs|trus|terus)\b|\b(?:jg|juga|bisa|bs)\b"
)
PAPER_NAME_RE = word_re(r"surat|bukti|pdf|file|berkas|lembar")
# A paper said sent already ("invoice PT Graha udh sy kirim ke email mereka", "kwitansinya
# sudah dikirim"): told, not asked for.
SENT_ALREADY_RE = re.compile(
    r"\b(?:udh|udah|uda|sudah|sdh|dah|telah|tlh)\s+(?:(?:sy|saya|aku|kami|kita|tak)\s+)?"
    r"(?:di|ku|ter)?(?:kirim|email|forward|share|cetak)\w*"
)

# A paper said not to be sent ("kwitansinya jgn dikirim dulu", "ga usah kirim invoice"):
# never asked for.
NOT_TO_SEND_RE = re.compile(
    r"\b(?:jgn|jangan|jngn|ojo|ga\s+usah|gak\s+usah|gausah|ngga\s+usah|nggak\s+usah"
    r"|tidak\s+usah|tdk\s+usah|ra\s+usah)\s+(?:di|ku)?(?:kirim|email|forward|share|cetak)\w*"
)

# The paper itself held back, said as a clause of its own: "kwitansinya jgn dikirim dulu".
PAPER_HELD_RE = re.compile(
    r"\b(?:kwitansi|kuitansi|kwitasi|kwintansi|invoice|invois|surat\s+jalan)(?:\s?nya|ne)?\s+"
    + NOT_TO_SEND_RE.pattern
    + r"(?:\s+(?:dulu|dl|dlu|sik|sek|ya|pak|bu|mbak|mas))*\W*$"
)


def _paper_held(low: str) -> bool:
    """A paper and "don't send" in one clause ("kwitansinya jgn dikirim dulu"); never "ojo
    dikirim, ... tulung gawekke surat jalan", where the paper is asked for apart."""
    return any(
        NOT_TO_SEND_RE.search(part) and any(p.search(part) for _, p in PAPERS)
        for part in re.split(r"[,.;!?\n]", low)
    )


_PAID_BEFORE_RE = re.compile(
    r"\b(?:lunas|lunasin|dilunasi|pelunasan|dp|bayar|byr|tf|transfer)\b[^,.;]*\d[^,.;]*[,.;]"
)


def paper_request(
    found: Found, after_paper: bool = False
) -> tuple[PaperKind, dict[str, Any]] | None:
    """The paper asked for, if any. `after_paper`: the last answer was about a paper, so
    "kalo konfirmasi booking bu dewi bisa?" asks for the next one (no verb of sending)."""
    low = found.lower
    if SENT_ALREADY_RE.search(low) or _paper_held(low):
        return None
    papers = PAPERS
    named = sorted((m.start(), i) for i, (_, p) in enumerate(PAPERS) if (m := p.search(low)))
    if len(named) > 1 and _PAPER_PUT_RIGHT_RE.search(low, 0, named[-1][0]):
        # "kwitansi dp bu lestari, eh surat jalan nya aja": the paper put right is asked.
        papers = [PAPERS[named[-1][1]]]
    for kind, pattern in papers:
        match = pattern.search(low)
        if match is None:
            continue
        if re.search(r"\b(?:di|dlm|dalam|menurut|sesuai|ning|neng)\s+$", low[: match.start()]):
            # "padahal di surat jalan jam 6, gmn?": what the paper says, not a paper asked.
            continue
        if re.match(
            r"\s*(?:dr\s+|dari\s+)?(?:bengkel|toko|spbu|pom|hotel|resto)\w*", low[match.end() :]
        ):
            continue  # "kwitansi bengkelnya masih dibawa pak kernet": another's paper

        asked_next = after_paper and ASKED_NEXT_RE.search(low)
        sent = SEND_RE.search(low) or asked_next
        if pattern is INVOICE_RE and match.group().startswith("tagihan") and not sent:
            continue  # "sisa tagihan pak hendra brp": a balance asked
        if (
            kind is PaperKind.CONFIRMATION
            and pattern is not INVOICE_RE
            and not (sent or PAPER_NAME_RE.search(low))
        ):
            continue
        moved = re.search(r"\b(?:tf|transfer\w*|bayar\w*|dp|lunas\w*|udh|udah|sudah)\b", low)
        asked_bill = pattern is INVOICE_RE and sent and not moved
        if found.money and kind is not PaperKind.RECEIPT and not asked_bill:
            # "konfirmasi booking pak agus 15jt" is a booking, not a paper ("kirimin invoice
            # bu dewi, tagihannya 6,5jt" asks the invoice, its amount said).
            continue
        if found.money and _PAID_BEFORE_RE.search(low, 0, match.start()):
            # "bu rina lunas 2,2jt cash, mau tak terke kwitansine": the payment told, its
            # receipt the sender's own errand (offered anyway once the payment is saved).
            continue
        return kind, paper_fields(kind, found)
    return None


def paper_fields(kind: PaperKind, found: Found) -> dict[str, Any]:
    fields: dict[str, Any] = {"paper": kind.value}
    if found.client is not None:
        fields["client_name"] = found.client.text
    # ("invoice ... trip solo kmrn": yesterday says the trip was lately, no day to find it by.)
    concrete = [
        d
        for d in found.dates
        if not d.vague and not (found.client and d.relative and d.date < found.today)
    ]
    if concrete:
        # A trip sheet's or a bus's card's day is the paper's own; a booking's paper is
        # named by its trip's day, as is a trip sheet's said for a client ("surat jalan
        # pak yanto tgl 24": his trip of the 24th).
        own_day = kind in (PaperKind.TRIP_SHEET, PaperKind.ROADWORTHINESS) and found.client is None
        fields["date" if own_day else "ref_date"] = concrete[0].date
    if found.buses:
        fields["bus"] = found.buses[0].text
    if found.payment_type and kind in (PaperKind.RECEIPT, PaperKind.CONFIRMATION):
        fields["payment_type"] = found.payment_type
    return fields


_PAPER_PUT_RIGHT_RE = re.compile(r"\b(?:eh+|salah|bukan|bkn)\b[\s,]*$")
