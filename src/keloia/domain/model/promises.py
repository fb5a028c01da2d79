"""Money promised, not yet moved: the words that say it. The assistant answers a promise
("pak hendra mau tf 2jt": nothing is recorded until the money comes, smalltalk.paid_later)
and the offline reader reads one (adapters/rules: no payment, no price, no DP paid); both
use these words, so what one calls a promise the other does too."""

from __future__ import annotations

# Money moving, as typed: paying and transferring.
PAY = r"bayar|byr|dibayar|bayarnya|membayar|mbayar"  # Javanese "mbayar" too
TRANSFER = r"tf|trf|ditf|transfer|transferan|ditransfer|transfr|tranfer|trnsfer|trasfer|trnsf"
# Recording or telling of money (not moving it): "mau *input* tf 2jt dari pak hendra".
RECORDING = (
    r"catat|catet|nyatat|nyatet|input|inputin|masukin|masukkan|lapor|laporin|konfirmasi|konfirm"
    r"|cek|ngecek|info|infoin|kabarin|update|rekap"
)
# Meaning to do something, not done yet: "mau", "akan", "janji", "rencananya".
INTEND = r"mau|mo|akan|bakal|janji|rencana|rencananya|berencana"
# What is promised: money to move ("mau tf", "janji bayar", "mau dp 2jt", "mau ditf").
PROMISED_MOVE = (
    rf"{PAY}|{TRANSFER}|bayarin|dibayarin|ditf|lunasin|melunasi|nglunasin|transferin|ngetf"
    r"|nge-tf|dp|dpnya"
)
# Money only promised: "mau tf", "janji bayar", "baru akan transfer", "mau dp 2jt" (never
# "mau catat tf 2jt", the admin recording money that came). One word may stand between
# ("mau langsung tf", "janji mau bayar").
PROMISE = rf"\b(?:{INTEND})\s+(?:(?!(?:{RECORDING})\b)\w+\s+)?(?:{PROMISED_MOVE})\b"
