"""A number asked by chat, answered in one line. A teammate's ("nomor admin brp ya pak",
"no hp pak budi dong", "nomor sopir joko brp") from the team: a driver gets the owner's
and the admins' numbers (the trip card prints the admin's already); another crew member's
number is the team's data (permissions: TEAM read), so he is pointed to the admin. A
client's ("no hp pak hendra brp", a driver's "no hp klien nya") from their booking: a
driver gets it only for a trip he rides, to call the group at pickup."""

from __future__ import annotations

import re
from datetime import date, timedelta

from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import mentioned, mentioned_by_kind, name_key
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import asks_number
from keloia.domain.model.moves import TGL, WEEKDAY_RE, WEEKDAYS
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.model.text import day_label, local_phone
from keloia.domain.services import crew as crew_service
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import find_bookings, shown_bookings

_ROLE_WORDS = (
    (Role.OWNER, re.compile(r"\b(?:pemilik|owner|bos|boss|juragan)\b")),
    (Role.ADMIN, re.compile(r"\b(?:admin|adminnya|kantor)\b")),
)


def _named(text: str, team: list[User], actor: User) -> list[User]:
    """The teammates the message names, by role word or by first name (the asker only
    when nobody else is named: "no hp pak budi brp" from Pak Budi himself)."""
    people = [u for u in team if u.active and u.id != actor.id]
    named = [u for u in [actor, *people] if _first(u) and re.search(rf"\b{_first(u)}\b", text)]
    if named:
        return [u for u in named if u.id != actor.id] or named
    for role, words in _ROLE_WORDS:
        if words.search(text):
            return [u for u in people if u.role is role]
    return []


def _first(user: User) -> str:
    """The name a person is called by: "Budi" of "Pak Budi"."""
    parts = [p for p in user.name.lower().split() if p not in ("pak", "bu", "mas", "mbak")]
    return re.escape(parts[0]) if parts and len(parts[0]) >= 3 else ""


def answer(text: str, actor: User, team: list[User]) -> str | None:
    """The number(s) asked, in one line; None when no teammate's number is asked."""
    if not asks_number(text):
        return None
    low = text.lower()
    named = _named(low, team, actor)
    if not named:
        return None
    if named == [actor]:
        return f"Itu nomor Anda sendiri: {local_phone(actor.phone)}."
    managers = (Role.OWNER, Role.ADMIN)
    if actor.role not in managers and any(u.role not in managers for u in named):
        return f"Maaf, nomor rekan kru bisa ditanyakan ke admin{admin_to_ask(team)}."
    return "; ".join(_line(u) for u in named) + "."


# "sopire sapa, nomere piro" after a trip was shown: its crew's numbers.
_CREW_WORD_RE = re.compile(r"\b(?:sopir|supir|driver|kernet|kenek|kru|crew)\w*")


_OTHER_TRIP_NAMED_RE = re.compile(r"\b(?:bus|bis)\s*\d|\b(?:yg|yang|sing)\s+ke\b")


def crew_numbers(ctx: MessageContext, text: str) -> str | None:
    """The numbers of the crew of the trips just shown (ctx.shown, or the last answer's),
    when a number of "the driver" is asked naming no one; for the owner and admins (the
    team's data); None otherwise."""
    low = text.lower()
    if not asks_number(low) or not _CREW_WORD_RE.search(low) or _named(low, ctx.team, ctx.actor):
        return None
    if ctx.actor.role not in (Role.OWNER, Role.ADMIN):
        return None
    # "no sopir bus 03 brp?", "... yg ke pangandaran", "... sd muhammadiyah": another
    # trip's crew, not the one shown.
    heads = {" ".join(name_key(c).split()[:2]) for c in ctx.clients}
    named = mentioned(low, ctx.clients) or any(h in low for h in heads if " " in h)
    if _OTHER_TRIP_NAMED_RE.search(low) or named:
        return None
    if any(re.search(rf"\b{re.escape(b.name.lower())}\b", low) for b in ctx.buses):
        return None
    trips = ctx.uow.bookings.get_many(ctx.actor.tenant_id, ctx.shown) or shown_bookings(ctx)
    people = {u.id: u for u in ctx.team}
    crew = dict.fromkeys(who for trip in trips for who in trip.crew_ids() if who in people)
    return "; ".join(_line(people[who]) for who in crew) + "." if crew else None


def _line(user: User) -> str:
    return f"{user.name} ({ROLE_LABELS[user.role]}): {local_phone(user.phone)}"


# "no hp klien nya", "cp rombongannya brp": the client of the trip talked about.
_CLIENT_WORD_RE = re.compile(
    r"\b(?:klien\w*|client\w*|customer\w*|pelanggan\w*|penyewa\w*|rombongan\w*|pemesan\w*"
    r"|tamu\w*|cp\w*)\b"
)


def client_number(ctx: MessageContext, text: str) -> str | None:
    """The phone of the client a message names, or of the trip just talked about; None
    when no client's number is asked."""
    if not asks_number(text):
        return None
    low = text.lower()
    own = {name_key(u.name).split()[0] for u in ctx.team if name_key(u.name)}
    named = mentioned(low, ctx.clients, own) or mentioned_by_kind(low, ctx.clients, own)
    if named is not None:
        trips = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=named[2])
    elif _CLIENT_WORD_RE.search(low) and (said := _trip_said(low, ctx.today)) is not None:
        # "rabu ke malang cp nya sp": the trip of that day, going there (not the next one).
        trips = _trips_said(ctx, *said)
        if not trips:
            mine = " Anda" if ctx.actor.role is Role.DRIVER else ""
            return f"Tidak ada trip{mine} {_described(ctx, *said)} di catatan."
    elif _CLIENT_WORD_RE.search(low):
        trips = _talked_about(ctx)
    else:
        return None
    if ctx.actor.role is Role.DRIVER:
        trips = [t for t in trips if t.involves(ctx.actor.id)]
        if not trips:
            return (
                "Maaf, nomor klien hanya bisa saya berikan untuk trip Anda sendiri. "
                f"Tanyakan ke admin{admin_to_ask(ctx.team)}."
            )
    if not trips:
        return None
    lines: dict[str, str] = {}
    for trip in trips:
        key = trip.client_phone or name_key(trip.client_name)
        if key not in lines:
            lines[key] = _client_line(ctx, trip)
    return "\n".join(lines.values())


# A trip told by its day and where it goes: "rabu", "tgl 2", "besok", "ke malang".
# "minggu ini", "minggu depan": a week, not Sunday.
_WEEKDAY_SAID_RE = re.compile(
    rf"\b(?:(?:hari|hr)\s+)?(?P<day>{WEEKDAY_RE})(?<!minggu)"
    r"|\b(?:hari|hr)\s+(?P<sunday>minggu)\b"
    r"|\b(?P<sun>minggu)\b(?!\s+(?:ini|depan|dpn|lalu|kemarin|kmrn|lagi|lg|ke|besok|bsk))"
)
_DATE_SAID_RE = re.compile(rf"\b{TGL}(?P<n>\d{{1,2}})\b")
_NEAR_SAID = (
    (re.compile(r"\b(?:hari\s+ini|hr\s+ini|skrg|sekarang)\b"), 0),
    (re.compile(r"\b(?:besok|bsk|besuk|sesuk)\b"), 1),
    (re.compile(r"\blusa\b"), 2),
)
_PLACE_SAID_RE = re.compile(r"\b(?:ke|kearah|arah|tujuan)\s+(?P<place>[a-z]{3,}(?:\s+[a-z]{3,})?)")
# Words after "ke" that are no destination: "ke admin", "ke sana".
_NO_PLACE = frozenset(
    (
        *("mana", "sana", "sini", "situ", "admin", "kantor", "pool", "garasi", "bapak"),
        *("ibu", "pak", "bu", "mas", "mbak", "saya", "klien", "kliennya", "rombongan"),
        *("tamu", "nomor"),
    )
)


def _trip_said(low: str, today: date) -> tuple[date | None, str | None] | None:
    """The day and the destination a message tells a trip by ("rabu ke malang": the coming
    Wednesday, Malang); None when it tells neither."""
    day: date | None = None
    if (m := _WEEKDAY_SAID_RE.search(low)) is not None:
        named = m.group("day") or m.group("sunday") or m.group("sun")
        day = today + timedelta(days=(WEEKDAYS[named] - today.weekday()) % 7)
    elif (m := _DATE_SAID_RE.search(low)) is not None:
        n = int(m.group("n"))
        month, year = (
            (today.month, today.year)
            if n >= today.day
            else (today.month % 12 + 1, today.year + (today.month == 12))
        )
        try:
            day = date(year, month, n)
        except ValueError:
            day = None
    else:
        day = next((today + timedelta(days=k) for r, k in _NEAR_SAID if r.search(low)), None)
    place = None
    if (m := _PLACE_SAID_RE.search(low)) is not None:
        said = m.group("place").split()
        if said[0] not in _NO_PLACE:
            place = said[0]
    return None if day is None and place is None else (day, place)


def _trips_said(ctx: MessageContext, day: date | None, place: str | None) -> list[Booking]:
    """The trips of that day going there: a driver's own, else the PO's coming ones."""
    if ctx.actor.role is Role.DRIVER:
        trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    else:
        trips = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today)
    on = DateRange(start=day, end=day) if day is not None else None
    return [
        t
        for t in trips
        if (on is None or t.days.overlaps(on)) and (place is None or t.goes_to(place))
    ]


def _described(ctx: MessageContext, day: date | None, place: str | None) -> str:
    said = [day_label(day, ctx.today)] if day is not None else []
    if place is not None:
        said.append(f"ke {place.title()}")
    return " ".join(said)


def _talked_about(ctx: MessageContext) -> list[Booking]:
    """The trips the last answer showed; for a driver with none, his next trip."""
    shown = shown_bookings(ctx)
    if shown or ctx.actor.role is not Role.DRIVER:
        return shown
    return crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)[:1]


def _client_line(ctx: MessageContext, trip: Booking) -> str:
    when = day_label(trip.depart_date, ctx.today)
    if trip.client_phone:
        return f"{trip.client_name} (trip {when}): {local_phone(trip.client_phone)}."
    return f"Nomor {trip.client_name} (trip {when}) belum dicatat." + (
        f" Tanyakan ke admin{admin_to_ask(ctx.team)}."
        if ctx.actor.role is Role.DRIVER
        else f' Untuk mencatatnya, tulis "no hp {trip.client_name.lower()} 08..."'
    )


def admin_to_ask(team: list[User]) -> str:
    """ ": Sari 0812-0000-0002", the admin to ask, or nothing when the PO has none."""
    admins = [u for u in team if u.active and u.role is Role.ADMIN]
    return f": {admins[0].name} {local_phone(admins[0].phone)}" if admins else ""
