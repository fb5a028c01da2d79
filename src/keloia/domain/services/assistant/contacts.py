"""A number asked by chat, answered in one line. A teammate's ("nomor admin brp ya pak",
"no hp pak budi dong", "nomor sopir joko brp") from the team: a driver gets the owner's
and the admins' numbers (the trip card prints the admin's already); another crew member's
number is the team's data (permissions: TEAM read), so he is pointed to the admin. A
client's ("no hp pak hendra brp", a driver's "no hp klien nya") from their booking: a
driver gets it only for a trip he rides, to call the group at pickup."""

from __future__ import annotations

import re

from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import mentioned, mentioned_by_kind, name_key
from keloia.domain.model.conversation import asks_number
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
        return f"Maaf, nomor rekan kru bisa ditanyakan ke admin{_admin(team)}."
    return "; ".join(_line(u) for u in named) + "."


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
    elif _CLIENT_WORD_RE.search(low):
        trips = _talked_about(ctx)
    else:
        return None
    if ctx.actor.role is Role.DRIVER:
        trips = [t for t in trips if t.involves(ctx.actor.id)]
        if not trips:
            return (
                "Maaf, nomor klien hanya bisa saya berikan untuk trip Anda sendiri. "
                f"Tanyakan ke admin{_admin(ctx.team)}."
            )
    if not trips:
        return None
    lines: dict[str, str] = {}
    for trip in trips:
        key = trip.client_phone or name_key(trip.client_name)
        if key not in lines:
            lines[key] = _client_line(ctx, trip)
    return "\n".join(lines.values())


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
        f" Tanyakan ke admin{_admin(ctx.team)}."
        if ctx.actor.role is Role.DRIVER
        else f' Untuk mencatatnya, tulis "no hp {trip.client_name.lower()} 08..."'
    )


def _admin(team: list[User]) -> str:
    """ ": Sari 0812-0000-0002", the admin to ask, or nothing when the PO has none."""
    admins = [u for u in team if u.active and u.role is Role.ADMIN]
    return f": {admins[0].name} {local_phone(admins[0].phone)}" if admins else ""
