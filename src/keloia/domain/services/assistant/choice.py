"""Which one? When a message fits several bookings ("Pak Agus yang mana?"), the person is
shown them numbered, as a WhatsApp list too, and picks by tapping a row, typing its number,
or saying it ("yang tgl 12", "yang ke solo"). The pick continues the same proposal: the
action waiting is planned again with the chosen booking as its target.

How a plan builder uses it: raise `Ambiguous(question, bookings)` (`targets.booking_meant`
does so for every action naming a booking). The flow keeps the proposal
waiting with the candidates' ids (`PendingAction.choices`), sends `ask(...)`, and on the
reply calls the builder again with `target_id` set to the chosen booking."""

from __future__ import annotations

import re
from datetime import date

from keloia.domain.errors import DomainError
from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import name_key
from keloia.domain.model.conversation import plain_yes
from keloia.domain.model.messages import ListRow, MessageKind, OutboundMessage
from keloia.domain.model.text import SHORT_MONTHS, days_label
from keloia.domain.services.assistant.replies import PICK_PREFIX, short

# A list on WhatsApp holds at most 10 rows.
MAX_CHOICES = 10


class Ambiguous(DomainError):
    """The message fits more than one record: the person picks, we never guess."""

    def __init__(self, message: str, candidates: list[Booking]) -> None:
        super().__init__(message)
        self.candidates = candidates[:MAX_CHOICES]


def label(booking: Booking, today: date) -> str:
    route = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
    when = days_label(booking.depart_date, booking.return_date, today)
    return ", ".join(p for p in (booking.client_name, route, when) if p)


def ask(to: str, pending_id: str, choice: Ambiguous, today: date) -> OutboundMessage:
    """The question with the candidates numbered in the text (for typing a number) and as
    list rows (for tapping)."""
    lines = [choice.message]
    lines += [f"{n}. {label(b, today)}" for n, b in enumerate(choice.candidates, 1)]
    lines.append("Balas nomornya, atau pilih dari daftar.")
    rows = tuple(
        ListRow(
            id=f"{PICK_PREFIX}{pending_id}:{b.id}",
            title=short(f"{n}. {b.client_name}")[:24],
            description=label(b, today).removeprefix(b.client_name).strip(", ")[:72],
        )
        for n, b in enumerate(choice.candidates, 1)
    )
    return OutboundMessage(
        to=to, kind=MessageKind.LIST, body="\n".join(lines), rows=rows, list_button="Pilih"
    )


ORDINALS = {"pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5}
NUMBER_RE = re.compile(
    r"^(?:(?:yg|yang|no|nomor|nomer|pilih|opsi|nmr)\.?\s*)*(?:ke\s*-?\s*)?(\d{1,2})"
    r"(?:\s+(?:aja|saja|ya|pak|bu|mbak|mas|min|kak))*$"
)
DAY_RE = re.compile(r"\b(?:tgl|tanggal|tang|tg)\.?\s*(\d{1,2})\b|\b(\d{1,2})\s*([a-z]{3,9})\b")
# "yg itu", "itu aja", "betul yang itu": the one shown, when only one was.
THAT_ONE_RE = re.compile(
    r"^(?:(?:ya|iya|ok|oke|betul|bener|benar)\s+)?(?:yg|yang)?\s*itu"
    r"(?:\s+(?:aja|saja|ya|pak|bu|mbak|mas|min|kak))*$"
)
PICK_WORDS = 8
# Words that say the message is something new, not a pick ("pak agus dp 1jt").
# "eh salah, bukan pak agus, pak hendra maksudnya" puts the request right instead.
# "ga jadi, yg tgl 2 dibatalin aja", "yg ke solo, tp sopirnya ganti wahyu", "jgn yg
# pangandaran": more than a pick, or one ruling a trip out (never picking it).
NEW_MESSAGE_RE = re.compile(
    r"\d\s*(?:jt|juta|rb|ribu|k)\b|\b(?:juta|ribu)\b|rp|\b(?:salah|bukan|bkn)\b"
    r"|\b(?:ga|gak|nggak|tidak|tdk)\s+jadi\b|\b(?:ganti|diganti|tp|tapi|jangan|jgn)\b|\b(?:di)?batal\w*"
)


def pick(candidates: list[Booking], text: str) -> Booking | None:
    """The candidate a short reply names: its number ("2", "yg ke 2", "kedua"), its date
    ("yang tgl 12", "12 des"), or a word of its route or client ("yang ke solo"); None when
    the reply names none of them, or more than one."""
    said = " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
    if len(candidates) == 1 and (plain_yes(text) or THAT_ONE_RE.match(said)):
        # "Booking Bu Dewi tgl 5 tidak ada. Maksudnya yang mana? 1. ... 4 Des": "ya" is
        # the one shown.
        return candidates[0]
    # ("yg tgl 27 mbak, yg udh jalan itu", "yg ke solo kmrn pak, bu rina": a pick said with
    # why; longer is a message of its own.)
    if not said or len(said.split()) > PICK_WORDS or NEW_MESSAGE_RE.search(said):
        return None
    number = NUMBER_RE.match(said)
    index = int(number.group(1)) if number else None
    for word, n in ORDINALS.items():
        if re.search(rf"\b{word}\b", said):
            index = n
    if index is not None:
        return candidates[index - 1] if 1 <= index <= len(candidates) else None
    by_date = _by_date(candidates, said)
    if by_date is not None:
        return by_date
    words = {w for w in said.split() if len(w) >= 4}
    # The one the reply names most words of, its route's and its client's: "pak agus yg ke
    # solo" of two Pak Agus trips, "yg bu rina" of trips of different clients; a tie
    # ("yg sma klaten": SMA 1 Klaten's trip, or Bu Rina's to Klaten) picks none.
    scores = [(len(words & (_route_words(b) | _client_words(b))), b) for b in candidates]
    best = max((score for score, _ in scores), default=0)
    fits = [b for score, b in scores if score == best]
    return fits[0] if best and len(fits) == 1 else None


def _by_date(candidates: list[Booking], said: str) -> Booking | None:
    for m in DAY_RE.finditer(said):
        day = int(m.group(1) or m.group(2))
        month = _month(m.group(3)) if m.group(3) else None
        if m.group(3) and month is None:
            continue  # "2 bus", "3 hari": a number, not a date
        fits = [
            b
            for b in candidates
            if b.depart_date.day == day and (month is None or b.depart_date.month == month)
        ]
        if len(fits) == 1:
            return fits[0]
    return None


def _month(word: str) -> int | None:
    for n, name in enumerate(SHORT_MONTHS, 1):
        if word.startswith(name.casefold()[:3]):
            return n
    return None


def _route_words(booking: Booking) -> set[str]:
    return _long_words(f"{booking.route_from} {booking.route_to}")


def _client_words(booking: Booking) -> set[str]:
    return _long_words(name_key(booking.client_name))  # its title left out


def _long_words(text: str) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", " ", text.casefold()).split() if len(w) >= 4}
