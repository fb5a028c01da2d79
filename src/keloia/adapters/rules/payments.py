"""How money moved: payment type (dp / pelunasan / refund / other) and method
(cash, qris, transfer, transfer_<bank>)."""

from __future__ import annotations

import re

from keloia.adapters.rules.text import first_listed, word_patterns
from keloia.adapters.rules.vocabulary import (
    ACCOUNT,
    ALREADY,
    CASH,
    DP,
    NOT_YET,
    PAY,
    PUT_BACK,
    QRIS,
    REFUND,
    SETTLE,
    TRANSFER,
    word_re,
)
from keloia.domain.model.payments import PaymentType

BANKS = {
    "bca": "bca",
    "bri": "bri",
    "bni": "bni",
    "mandiri": "mandiri",
    "bsi": "bsi",
    "btn": "btn",
    "cimb": "cimb",
    "niaga": "cimb",
    "danamon": "danamon",
    "permata": "permata",
    "jago": "jago",
    "bjb": "bjb",
    "jateng": "jateng",
    "jatim": "jatim",
    "dki": "dki",
    "muamalat": "muamalat",
    "ocbc": "ocbc",
    "panin": "panin",
    "mega": "mega",
    "seabank": "seabank",
    "maybank": "maybank",
    "bpd": "bpd",
    "btpn": "btpn",
    "jenius": "btpn",
    # The banks' own apps, whose notices admins paste: "BRImo", "KlikBCA", "myBCA", "Livin'".
    "brimo": "bri",
    "klikbca": "bca",
    "mybca": "bca",
    "livin": "mandiri",
}
_BANK_RE = "|".join(sorted(BANKS, key=len, reverse=True))
# "tf BCA", "transfer ke bri", "masuk bca", "rek BRI", "via mandiri", "ke rekening bni".
BANK_RE = re.compile(
    rf"\b(?:{TRANSFER}|{ACCOUNT}|trans|masuk|via|ke|lewat|bank|m-banking|mbanking)\b"
    rf"(?:\s+(?:\w+\s+){{0,2}}?)?\s*\b({_BANK_RE})\b"
)
BANK_WORDS = _BANK_RE  # the banks' names, for patterns of other modules
BARE_BANK_RE = re.compile(rf"\b({_BANK_RE})\b")
# The banks named for a province ("jatim", "jateng", "dki") are that province after a word of
# going ("study tour ke jatim park", "mudik ke jateng"): a bank only after a word of money
# moving ("tf jatim", "masuk rek bank jateng"), and never when a place's word follows
# ("jatim park", "jateng fair").
REGION_BANKS = frozenset({"jateng", "jatim", "dki"})
_MONEY_LEAD_RE = re.compile(rf"(?:{TRANSFER}|{ACCOUNT}|trans|masuk|bank|m-banking|mbanking)")
_PLACE_AFTER_RE = re.compile(r"\s*(?:park|expo|fair|land|world)\b")
_GOING_BEFORE_RE = re.compile(r"\b(?:ke|dari|dr|di|via|lewat|mampir|daerah|wilayah|arah)\s+$")
TRANSFER_RE = word_re(TRANSFER, ACCOUNT)
CASH_RE = word_re(CASH)
QRIS_RE = word_re(QRIS)

# "bayar sisanya tunai", "tf kekurangannya": what was left, paid (not "bayar sisanya nanti");
# "td pagi dtg ke kantor lunasin sisanya, cash": paid off, said as done (never "belum bisa
# lunasin sisanya", "suruh lunasin sisanya", "lunasin sisanya lusa").
PAID_REST_RE = re.compile(
    rf"\b(?:{PAY}|bayarin|{TRANSFER}|ngasih|ngasi|kasih|setor|nyetor|nitip|titip)"
    r"\s+(?:sisa(?:nya)?|kurangnya|kekurangan(?:nya)?)\b"
    r"(?!\s+(?:nanti|besok|bsk|di|kapan|kpn)\b)"
    r"|\b(?:td|tadi|barusan|brusan|udh|udah|sudah|sdh|wis|wes|kemarin|kmrn)\b"
    r"(?![^.?!]*\b(?:blm|belum|durung|bisa|bs|suruh|tolong|tlg|mau|akan|harus|hrs|minta|janji"
    r"|tagih|ingetin|ga|gak|gk|nggak|ngga|tidak|tdk|ndak|ora|lupa|waktunya|wayahe|kalo|klo"
    r"|kalau|buat|untuk|utk)\b[^.?!]*\b(?:lunasin|lunasi|melunasi))"
    r"[^.?!]*\b(?:lunasin|lunasi|melunasi|nglunasi|nglunasin|ngelunasi|ngelunasin)"
    r"\s+(?:sisa(?:nya)?|kurangnya|kekurangan(?:nya)?)\b"
    r"(?![^.?!]*\b(?:nanti|besok|bsk|lusa|minggu|bulan|tgl|pas|habis|abis|h-\d+)\b)"
)
# "sisane masuk bca td pagi", "sisanya udh ditransfer": the rest paid, told.
REST_CAME_IN_RE = re.compile(
    r"\bsisa(?:nya|ne|e)?\s+(?:(?:(?:udh|udah|sudah|sdh|wis|wes)\s+)?(?:masuk|msk)"
    r"|(?:udh|udah|sudah|sdh|wis|wes)\s+(?:ditransfer|di\s*tf|ditf|dibayar|dilunasi|lunas)"
    # "sisanya tf bri barusan", "sisanya udh tf bca": sent, by the bank or when said.
    r"|(?:(?:udh|udah|sudah|sdh|wis|wes|barusan|td|tadi)\s+)?(?:tf|trf|transfer|ditransfer|ditf)"
    r"(?=\s+(?:bca|bri|bni|mandiri|bsi|btn|barusan|td|tadi|udh|udah|sudah|ke)\b))\b"
    # ("sisanya cash pas brgkt", "sisanya dibayar tgl 2": to come.)
    r"(?![^.]*\b(?:pas|nanti|ntar|besok|bsk|lusa|tgl|minggu\s+depan|akhir\s+bulan|habis|abis"
    r"|katanya\s+mau|mau|ya)\b)"
    # "sisane bu dewi lunas, tf bri": the rest of a client's, paid off (its client between).
    r"|\bsisa(?:nya|ne|e)?\s+(?:[a-z.]+\s+){1,5}?(?:(?:udh|udah|sudah|sdh|wis|wes)\s+)?"
    r"(?:lunas|dilunasi|dilunasin)\b(?![^.?]*\b(?:nanti|ntar|besok|bsk|lusa|mau|blm|belum)\b)"
)
SETTLE_RE = re.compile(
    # "sisanya katanya mau dilunasi minggu depan": to come, not this payment's kind.
    rf"(?<!belum )(?<!blm )(?<!blum )(?<!ga )(?<!gak )(?<!tdk )(?<!mau )(?<!akan )(?<!baru )"
    rf"\b(?:{SETTLE})\b"
    rf"|{PAID_REST_RE.pattern}"
    rf"|\bsisa(?:nya)?\b(?=.*\b(?:masuk|{ALREADY}|diterima)\b)"
    # "sisa 2,2jt dibayar cash": the rest paid now, not "dibayar pas brkt" (to come).
    # "sisanya 12jt ditf bca hr ini": the rest sent, not "ditf minggu depan" (to come).
    rf"|\bsisa(?:nya)?\s+(?!(?:mau|akan|baru|katanya)\b)\S+\s+(?:(?:{ALREADY})\s+)?"
    rf"(?:dibayar|dibayarkan|dilunasi|{TRANSFER})\b"
    r"(?!\s+(?:pas|nanti|besok|bsk|lusa|minggu|saat|waktu|kalo|klo|pd|pada|di|nyusul|belakangan)\b)"
    # "sisa pembayaran smk 2 klaten 4jt td di tf": the rest of what is owed, its amount and
    # how it came right after (never to come, "ditransfer besok").
    r"|\bsisa\s+(?:pembayaran|pembayarannya|bayar|bayarnya)\b[^.;?]*?\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)"
    r"\s+(?:(?:td|tadi|barusan|udh|udah|sudah|sdh)\s+)?(?:di\s*)?(?:tf|transfer|trf|masuk)\b"
    r"(?![^.;?]*\b(?:besok|bsk|nanti|ntar|lusa|minggu\s+depan|pas|mau|akan|nyusul)\b)"
    # "telah diterima pembayaran sisa dari bapak rudi": the rest of what is owed, received.
    r"|\b(?:pembayaran|pelunasan)\s+sisa\b(?![^.;?]*\b(?:besok|bsk|nanti|ntar|lusa|mau|akan|nyusul)\b)"
    # "tf 750rb ..., buat sisa": what the money is for.
    r"|\b(?:buat|bwt|utk|untuk|bt)\s+(?:bayar\s+)?(?:sisa(?:nya)?|kekurangan(?:nya)?|kurangnya)\b"
    # "pak tono sisanya 2,2jt cash": the rest with the way it came, nothing said to come.
    r"|\bsisa(?:nya|ne)?\s+\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?\s+(?:cash|tunai|qris|tf|transfer)\b"
    r"(?![^,.;]*\b(?:pas|nanti|ntar|besok|bsk|lusa|minggu|mau|akan|nyusul|katanya|kalo|klo|waktu"
    r"|wkt|saat|sebelum)\b)"
)


def _bank_led(lower: str) -> str | None:
    """The bank after a word that leads to it. After a word of money moving ("tf bni", "rek
    bri", "masuk bca") it wins over one after "ke"/"via" said before it ("ke jatim park ... dp
    8jt tf bni": the trip's place, then the bank)."""
    weak = None
    for m in BANK_RE.finditer(lower):
        if _PLACE_AFTER_RE.match(lower, m.end(1)):
            continue
        if _MONEY_LEAD_RE.fullmatch(lower[m.start() :].split(maxsplit=1)[0]):
            return m.group(1)
        if m.group(1) not in REGION_BANKS:
            weak = weak or m.group(1)
    return weak


def _bank_alone(lower: str) -> str | None:
    """A bank named with no word leading to it, unless it names a place there."""
    for m in BARE_BANK_RE.finditer(lower):
        went = _GOING_BEFORE_RE.search(lower, 0, m.start())
        if _PLACE_AFTER_RE.match(lower, m.end(1)) or (m.group(1) in REGION_BANKS and went):
            continue
        return m.group(1)
    return None


def find_method(lower: str) -> str | None:
    if bank := _bank_led(lower):
        return f"transfer_{BANKS[bank]}"
    if QRIS_RE.search(lower):
        return "qris"
    if TRANSFER_RE.search(lower):
        bank = _bank_alone(lower)
        return f"transfer_{BANKS[bank]}" if bank else "transfer"
    if CASH_RE.search(lower):
        return "cash"
    # "dp masuk 2jt (mandiri)": a bank named alone in a payment is a transfer to it.
    bank = _bank_alone(lower)
    return f"transfer_{BANKS[bank]}" if bank else None


# The kinds of payment by the words people use; said together, the first listed wins
# ("refund dp" is a refund). Settling needs more than words: "belum lunas" is not.
PAYMENT_TYPES = (
    *word_patterns(
        (
            (
                PaymentType.REFUND,
                REFUND,
            ),
            (
                PaymentType.OTHER,
                r"overtime|over\s*time|lembur|kelebihan\s+jam|tambahan\s+jam|extra\s+jam|tambah\s+jam"
                r"|uang\s+makan|tip|tips|denda|biaya\s+tambahan|charge|tambahan",
            ),
            (
                PaymentType.DP,
                DP,
            ),
        )
    ),
    (PaymentType.PELUNASAN, SETTLE_RE),
)


# "dp tambahan 2jt", "tambahan dp 1jt": more of the DP, not an extra charge.
MORE_DP_RE = word_re(rf"(?:{DP})\s+tambahan|tambahan\s+(?:{DP})")


_PUT_BACK_RE = re.compile(rf"\b{PUT_BACK}")
# "pak hendra barusan tf 3jt, skrg udh lunas blm": whether it is settled, asked at the end;
# the money said before is no pay-off for the asking.
_SETTLED_ASKED_RE = re.compile(
    rf"[,.;]\s*(?:\w+\s+)?(?:(?:{ALREADY})\s+)?(?:lunas|dilunasi)\s+(?:(?:apa|ato|atau)\s+)?"
    rf"(?:{NOT_YET})\b[^.,;]*$"
)


def find_payment_type(lower: str) -> PaymentType | None:
    lower = _PUT_BACK_RE.sub(" ", lower)  # "balikin ke 2jt": a value set back, no refund
    lower = _SETTLED_ASKED_RE.sub(" ", lower)
    if MORE_DP_RE.search(lower) and not re.search(rf"\b(?:{REFUND})\b", lower):
        return PaymentType.DP
    return first_listed(PAYMENT_TYPES, lower)
