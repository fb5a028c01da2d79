"""A driver or kernet answering their trip on WhatsApp: the "Siap" / "Tidak bisa" buttons
of the notice (domain/model/crew.py), a typed "siap" right after it, or a typed "ga bisa
narik" / "maaf pak tgl 4 saya tidak bisa" (intent decline_trip)."""

from __future__ import annotations

import re
from datetime import date

from keloia.domain.errors import NotFound
from keloia.domain.model import crew
from keloia.domain.model.alerts import managers_except
from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import same_client
from keloia.domain.model.intents import Extraction
from keloia.domain.model.messages import ListRow, MessageKind, OutboundMessage
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label
from keloia.domain.services import crew as crew_service
from keloia.domain.services.assistant import replies
from keloia.domain.services.assistant.context import MessageContext


def tapped(ctx: MessageContext, reply_id: str) -> str:
    """A tapped "Siap" or "Tidak bisa" (or a row of the "which trip?" list). The booking
    id in the button is only a hint: the answer counts only for the person's own trip."""
    ready = reply_id.startswith(crew.READY_PREFIX)
    booking_id = reply_id.split(":", 1)[1]
    try:
        booking = crew_service.answer_trip(ctx.deps, ctx.actor, booking_id, ready=ready)
    except NotFound as missing:
        return missing.message
    return _thanks(ctx, booking, ready)


def ready(ctx: MessageContext) -> OutboundMessage | None:
    """A plain "siap" with nothing waiting for confirmation, right after a trip notice:
    the answer to that notice. None when no notice waits for an answer."""
    waiting = crew_service.awaiting_answer(ctx.deps, ctx.actor)
    if len(waiting) == 1:
        [booking] = waiting
        crew_service.answer_trip(ctx.deps, ctx.actor, booking.id, ready=True)
        ctx.show([booking.id])  # "jemput jam brp pak?" next is about this trip
        return replies.text(ctx.actor.phone, _thanks(ctx, booking, True))
    if waiting:
        return _which(ctx, waiting, crew.READY_PREFIX, "Siap untuk trip yang mana?")
    return None


def decline(ctx: MessageContext, extraction: Extraction) -> OutboundMessage | None:
    """Which trip "tidak bisa" is about: the day or client named, else the notice just
    sent, else the only trip ahead; several: the person picks one. None for someone with
    no trips ahead who is not a driver (an admin's "gak bisa pak" is not about a trip)."""
    f, to = extraction.fields, ctx.actor.phone
    trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    if f.ref_date is not None or f.client_name is not None or f.route_to is not None:
        named = _named(trips, extraction)
        if not named and _free_day(ctx, trips, extraction):
            return replies.text(to, _day_off(ctx, extraction))
        if not named:
            others = _named(crew_service.trips_ahead(ctx.deps, ctx.actor, ctx.today), extraction)
            return replies.text(to, not_assigned(others, trips, ctx.today))
        trips = named
    else:
        trips = crew_service.awaiting_answer(ctx.deps, ctx.actor) or trips
    if len(trips) == 1:
        [booking] = trips
        reason = f.description or ""
        crew_service.answer_trip(ctx.deps, ctx.actor, booking.id, ready=False, reason=reason)
        return replies.text(to, _thanks(ctx, booking, False))
    if trips:
        return _which(ctx, trips, crew.DECLINE_PREFIX, "Trip yang mana yang tidak bisa Anda bawa?")
    return replies.text(to, NO_TRIPS) if ctx.actor.role is Role.DRIVER else None


# Words saying a person cannot work that day, trip or not: "izin", "libur", "ga bisa narik".
OFF_WORK_RE = re.compile(
    r"\b(?:izin|ijin|libur|cuti|off|narik|nyopir|nyupir|bertugas|tugas|kerja|masuk)\b",
    re.IGNORECASE,
)


def _free_day(ctx: MessageContext, trips: list[Booking], extraction: Extraction) -> bool:
    """ "tgl 10 izin ga bisa narik" from a driver with no trip that day, saying he cannot
    work (not only "tidak bisa", which is about a trip: he is told it is not his) and naming
    no trip by client or destination ("mbak sari, ..." is the person spoken to): he is off
    that day, news for the managers all the same."""
    f = extraction.fields
    if ctx.actor.role is not Role.DRIVER or f.ref_date is None or f.ref_date < ctx.today:
        return False
    if not OFF_WORK_RE.search(f.description or ""):
        return False
    named = f.client_name or ""
    if f.route_to is not None or (named and not any(same_client(u.name, named) for u in ctx.team)):
        return False
    return not any(b.depart_date <= f.ref_date <= b.return_date for b in trips)


def _day_off(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    assert f.ref_date is not None
    crew_service.day_off(ctx.deps, ctx.actor, f.ref_date, f.description or "")
    day = day_label(f.ref_date, ctx.today)
    said = f"Baik, terima kasih sudah mengabari. Anda tidak punya trip {day}"
    told = [u.name for u in managers_except(ctx.team, ctx.actor.id)]
    if told:
        said += f"; {' dan '.join(told)} sudah saya beri tahu bahwa Anda tidak bisa bertugas"
    return said + " hari itu." if told else said + "."


def _named(trips: list[Booking], extraction: Extraction) -> list[Booking]:
    """The trips the message names by day, destination and client. A "client" that is
    none of them next to a day or place ("mbak saya ga bisa ... yg ke malang") is the
    person being spoken to, not a trip."""
    f = extraction.fields
    found = [
        b
        for b in trips
        if (f.ref_date is None or b.depart_date <= f.ref_date <= b.return_date)
        and (f.route_to is None or f.route_to.lower() in b.route_to.lower())
    ]
    if f.client_name is None:
        return found
    by_client = [b for b in found if same_client(b.client_name, f.client_name)]
    return by_client if by_client or (f.ref_date is None and f.route_to is None) else found


def _which(ctx: MessageContext, trips: list[Booking], prefix: str, ask: str) -> OutboundMessage:
    rows = tuple(
        ListRow(
            id=prefix + b.id,
            title=replies.short(b.client_name)[:24],
            description=f"{crew.when(b, ctx.today)} {crew.route(b)}".strip()[:72],
        )
        for b in trips[:10]
    )
    return OutboundMessage(
        to=ctx.actor.phone,
        kind=MessageKind.LIST,
        body=f"{ask} Pilih dari daftar.",
        rows=rows,
        list_button="Pilih trip",
    )


def _trip(booking: Booking, today: date) -> str:
    return f"*{booking.client_name}* ({crew.when(booking, today)}, {crew.route(booking)})"


def not_assigned(named: list[Booking], own: list[Booking], today: date) -> str:
    """What a crew member is told when the trip he says he cannot take is not his: whose
    trip it is (`named`, the trips of others his words fit), or that he has no such trip,
    and his own next trips (`own`, soonest first), or that he has none."""
    if named:
        trips = " maupun ".join(_trip(b, today) for b in named[:3])
        said = f"Anda tidak ditugaskan di trip {trips}, jadi tidak perlu izin untuk trip itu."
    else:
        said = "Trip itu tidak ada di jadwal Anda."
    if not own:
        return f"{said} Saat ini Anda belum punya trip berikutnya."
    if len(own) == 1:
        return f"{said} Trip Anda berikutnya: {_trip(own[0], today)}."
    lines = [f"• {_trip(b, today)}" for b in own[:3]]
    return "\n".join([f"{said} Trip Anda berikutnya:", *lines])


NO_TRIPS = (
    "Anda tidak punya trip dalam 60 hari ke depan, jadi tidak ada yang perlu dibatalkan. "
    "Kalau ada hal lain, silakan hubungi admin."
)


def _thanks(ctx: MessageContext, booking: Booking, ready: bool) -> str:
    trip = f"*{booking.client_name}* ({crew.when(booking, ctx.today)})"
    if ready:
        return f"Terima kasih, {ctx.actor.name}. Tercatat Anda siap untuk trip {trip}."
    told = [u.name for u in managers_except(ctx.team, ctx.actor.id)]
    said = f"Baik, terima kasih sudah mengabari. Tercatat Anda tidak bisa bertugas di trip {trip}."
    if told:
        said += f" {' dan '.join(told)} sudah saya beri tahu."
    return said + " Sampai krunya diganti, Anda masih tercatat di trip itu."
