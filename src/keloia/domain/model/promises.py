"""Money promised, not yet moved: the words that say it. The assistant answers a promise
("pak hendra mau tf 2jt": nothing is recorded until the money comes, smalltalk.paid_later)
and the offline reader reads one (adapters/rules: no payment, no price, no DP paid); both
use these words, so what one calls a promise the other does too."""

from __future__ import annotations

import re

from keloia.domain.model.news import NO, NOT_YET

# Money moving, as typed: paying and transferring.
PAY = r"bayar|byr|dibayar|bayarnya|membayar|mbayar"  # Javanese "mbayar" too
TRANSFER = r"tf|trf|ditf|transfer|transferan|ditransfer|transfr|tranfer|trnsfer|trasfer|trnsf"
# A down payment, as typed: "dp", "panjar", "uang muka", "tanda jadi".
DP = r"dp|dpnya|dp-nya|down\s*payment|uang\s+muka|panjar|persekot|tanda\s+jadi|uang\s+jadi"
# Recording or telling of money (not moving it): "mau *input* tf 2jt dari pak hendra".
RECORDING = (
    r"catat|catet|nyatat|nyatet|input|inputin|masukin|masukkan|lapor|laporin|konfirmasi|konfirm"
    r"|cek|ngecek|info|infoin|kabarin|update|rekap"
)
# Meaning to do something, not done yet: "mau", "akan", "janji", "rencananya".
# ("3jt nanti tf minggu depan": later, not done.)
INTEND = r"mau|mo|akan|bakal|janji|rencana|rencananya|berencana|nanti|ntar|kate|kape"
# What is promised: money to move ("mau tf", "janji bayar", "mau dp 2jt", "mau ditf").
PROMISED_MOVE = (
    rf"{PAY}|{TRANSFER}|bayarin|dibayarin|ditf|lunasin|lunasi|melunasi|nglunasin|nglunasi"
    r"|ngelunasi|dilunasi|dilunasin|transferin|ngetf"
    r"|nge-tf|dp|dpnya"
)
# Money only promised: "mau tf", "janji bayar", "baru akan transfer", "mau dp 2jt" (never
# "mau catat tf 2jt", the admin recording money that came). One word may stand between
# ("mau langsung tf", "janji mau bayar").
# The client told or asked to pay ("sy blg ke pak hendra tf 8jt aja sisanya", "tak kon
# transfer sesuk"): what the PO asked for, not money come.
# ("pak hendra bilang udh tf 2jt" is money said done: hearsay of a payment.)
DONE = r"udh|udah|sudah|sdh|dah|wis|uwis|wes|barusan|td|tadi|langsung|lgsg|lgsung"
TOLD_TO = (
    r"(?:blg|bilang|ngomong)\s+(?:ke|sama|sm|ama|k)"
    r"|bilangin|blgin|blangin|ingetin|ngingetin|ingatkan|ngingatkan"
    r"|suruh|nyuruh|disuruh|kon|kongkon|dikon|minta(?!\s+maaf)|mintain|tagih|nagih|tagihin|ditagih"
)
PROMISE = (
    rf"\b(?:{INTEND})\s+(?:(?!(?:{RECORDING})\b)\w+\s+)?(?:{PROMISED_MOVE})\b"
    rf"|\b(?:{TOLD_TO})\s+(?:(?:ke|sama|sm|ama)\s+)?(?:(?!(?:{RECORDING}|{DONE})\b)[\w,.]+\s+){{0,5}}?"
    rf"(?:{PROMISED_MOVE})\b"
)

# Money said not (yet) come: "transferan bu dewi ternyata belum masuk", "bu dewi blm tf",
# "kata pak hendra udh tf 3jt tp di rekening blm masuk". Nothing to record until it comes.
NOT_IN = rf"\b(?:{NOT_YET}|{NO})\s+(?:\w+\s+)?"
ARRIVED = r"masuk|msk|nyampe|sampe|sampai|diterima"
_MONEY = rf"{TRANSFER}|{PAY}|{DP}|uang\w*|duit\w*|pembayaran\w*"
_SENT_NOT_IN = rf"\b(?:{_MONEY})\b[^,.!?\n]*?{NOT_IN}(?:{ARRIVED}|ada)\b"
PAYMENT_NOT_IN_RE = re.compile(rf"{_SENT_NOT_IN}|\b(?:{NOT_YET})\s+(?:{TRANSFER}|{PAY})\b")
_SENT_NOT_IN_RE = re.compile(_SENT_NOT_IN)
# "tf 2jt udh masuk": some of it in ("... yg 1jt blm masuk" is then only the rest).
_SOME_IN_RE = re.compile(rf"\b(?:udh|udah|sudah|sdh|dah)\s+(?:{ARRIVED})\b")
# "blm masuk?", "udh tf tp blm masuk ya": whether it came is asked.
_ASKED_RE = re.compile(rf"\?|\b(?:{NOT_YET})\W*(?:ya|yah|kah|sih|pak|bu|mbak)?\W*$")


def sent_not_in(low: str) -> bool:
    """Money said sent and not in, told (not asked): "kata pak hendra dia udh tf 3jt tp di
    rekening blm masuk, tak cek dulu". None of it is recorded."""
    said = _SENT_NOT_IN_RE.search(low)
    return bool(
        said
        and re.search(r"\d", low)
        and not _SOME_IN_RE.search(said.group(0))
        and not _ASKED_RE.search(low)
    )
