"""A teammate's number asked by chat: "nomor admin brp ya pak", "no hp pak budi dong",
"nomor sopir joko brp". Answered in one line from the team. A driver gets the owner's and
the admins' numbers (the trip card prints the admin's already); another crew member's
number is the team's data (permissions: TEAM read), so he is pointed to the admin."""

from __future__ import annotations

import re

from keloia.domain.model.conversation import asks_number
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.model.text import local_phone

_ROLE_WORDS = (
    (Role.OWNER, re.compile(r"\b(?:pemilik|owner|bos|boss|juragan)\b")),
    (Role.ADMIN, re.compile(r"\b(?:admin|adminnya|kantor)\b")),
)


def _named(text: str, team: list[User], actor: User) -> list[User]:
    """The teammates the message names, by role word or by first name."""
    people = [u for u in team if u.active and u.id != actor.id]
    named = [u for u in people if _first(u) and re.search(rf"\b{_first(u)}\b", text)]
    if named:
        return named
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
    managers = (Role.OWNER, Role.ADMIN)
    if actor.role not in managers and any(u.role not in managers for u in named):
        admins = [u for u in team if u.active and u.role is Role.ADMIN]
        ask = f": {admins[0].name} {local_phone(admins[0].phone)}" if admins else ""
        return f"Maaf, nomor rekan kru bisa ditanyakan ke admin{ask}."
    return "; ".join(_line(u) for u in named) + "."


def _line(user: User) -> str:
    return f"{user.name} ({ROLE_LABELS[user.role]}): {local_phone(user.phone)}"
