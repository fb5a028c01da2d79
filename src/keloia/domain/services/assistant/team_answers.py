"""Who is on the team, asked by chat ("tim kita skrg sapa aja?", "sopir kita ada brp orang",
"ada brp sopir", and "yg admin?" right after such an answer): one short message with the
active members by role and how many. Who may be told what is team.roster's rule (names
and roles to every member, no numbers: those are contacts.answer's). A question of a
trip's crew or of one teammate ("sopir bu dewi sapa", "pkk sopirnya sapa", "joko besok
jalan kmn", "sopir yg kosong tgl 4 sapa aja") is the schedule's: a day, a trip's work, a
client, a bus or a teammate named leaves the message to it."""

from __future__ import annotations

import re

from keloia.domain.model.clients import mentioned, mentioned_by_kind, name_key
from keloia.domain.model.conversation import TOPIC_TTL
from keloia.domain.model.moves import TGL, WEEKDAY_RE
from keloia.domain.model.tenants import ROLE_LABELS, Role
from keloia.domain.services import team as team_service
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import MAKE_INVITE

# A part of the team, by its word: "sopir2 kita", "para admin". The office rides no trip,
# so "adminnya siapa" (Javanese "admin e") is the PO's admin; "sopirnya sapa" is a trip's.
_ROLE_WORDS = (
    (Role.OWNER, re.compile(r"\b(?:pemilik|owner)(?:nya|\s+e)?\b")),
    (Role.ADMIN, re.compile(r"\badmin(?:2|-admin|nya|\s+e)?\b")),
    (Role.DRIVER, re.compile(r"\b(?:sopir|supir|driver)(?:2|-sopir|-supir)?\b(?!\s*nya\b)")),
)
# Kernets join as drivers (an invite is for an admin or a driver) and ride as either, so
# the kernets asked are the drivers, said so.
_KERNET_RE = re.compile(r"\b(?:kernet|kenek|kernek)2?\b(?!\s*nya\b)")
_TEAM_RE = re.compile(
    r"\b(?:tim|team|anggota|kru|crew|karyawan|pegawai|personil|personel)\b(?!\s*nya\b)"
)
# Asked, not told ("sopir kita lagi di jalan"): who, how many, the list.
_ASKED_RE = re.compile(r"\b(?:siapa|sapa|spa|sp|siapa2|sapa2|brp|berapa|jumlah|jml|daftar|list)\b")
# The crew's word alone may be a trip's ("trus sopir sapa?" after a trip card): the PO's
# own people are asked with "kita", "semua", a count.
_OURS_RE = re.compile(
    r"\b(?:kita|kami|kt|disini|di\s+sini|semua|semuanya|total|jumlah|jml|daftar|list)\b"
    r"|\bada\s+(?:brp|berapa|siapa|sapa)\b|\b(?:brp|berapa)\s+(?:orang|org)\b"
)
# What makes it a question of trips, not of the team: a day or a number (a date, a bus;
# not the 2 of "sopir2"), a trip's work, a day free or off, word heard or passed on, a
# client or a bus, a number to call (contacts), their pay, who recorded what, or a change
# to the team or a trip.
_OF_TRIPS_RE = re.compile(
    rf"(?<![a-z])\d|\b{TGL}|\b{WEEKDAY_RE}"
    r"|\b(?:besok|bsk|besuk|sesuk|lusa|hari\s+ini|hr\s+ini|td|tadi|kemarin|kmrn|jam|bulan"
    r"|bln|pekan|minggu\s+(?:ini|depan|dpn|lalu)"
    r"|trip\w*|jalan|jln|narik|nyopir|berangkat|brangkat|brgkt|jadwal\w*|tugas|bertugas|bawa"
    r"|pegang|jemput\w*|pulang|plg|rute"
    r"|kosong|free|nganggur|longgar|libur|izin|ijin|off|cuti|standby|sakit|bisa|siap|ready"
    r"|jawab|dijawab|kabar\w*|dikabar\w*|lapor\w*|bilang\w*|sampaikan|suruh|telat"
    r"|bus|armada|klien|client|rombongan|booking|tamu"
    r"|sim|nomor|nomer|no|hp|wa|kontak|telp|telpon|telfon"
    r"|gaji|premi|uang|bayar|upah|honor|bonus|komisi|persen|makan|dapet|dapat|sisa|lunas|dp"
    r"|kurang|utang|hutang|tagih\w*|harga"
    r"|catat\w*|dicatat|nyatet|input\w*|ubah\w*|diubah|ngubah|masukin"
    r"|tambah\w*|nambah\w*|hapus|undang\w*|pecat|keluar\w*|nonaktif\w*|ganti|tukar|tuker"
    r"|pake|pakai"
    r"|mana|kmn|kemana|dmn|dimana)(?:nya)?\b"
)
# Right after the team was told, a part of it asked alone: "yg admin?", "kalo sopirnya?",
# "kernet brp orang". Any other word makes it another question.
_FOLLOW_ROLES = {
    "pemilik": Role.OWNER,
    "owner": Role.OWNER,
    "admin": Role.ADMIN,
    "sopir": Role.DRIVER,
    "supir": Role.DRIVER,
    "driver": Role.DRIVER,
}
_FOLLOW_KERNET = frozenset({"kernet", "kenek", "kernek"})
_FOLLOW_ALL = frozenset({"tim", "team", "anggota", "semua", "semuanya"})
_FOLLOW_FILLER = frozenset(
    (
        *("yg", "yang", "kalo", "kalau", "klo", "kl", "trus", "terus", "trs", "lalu", "nah"),
        *("utk", "untuk", "buat", "kita", "sapa", "siapa", "spa", "sp", "aja", "saja"),
        *("brp", "berapa", "ada", "orang", "org", "sih", "pak", "bu", "mas", "mbak"),
        *("dong", "ya", "juga", "jg", "skrg", "sekarang", "gmn", "gimana", "nya"),
    )
)


def answer(ctx: MessageContext, text: str) -> str | None:
    """The team, or the part of it asked, in one message; None when the message does not
    ask who is on the team."""
    low = " ".join(text.lower().split())
    asked = _follow_up(ctx, low) or _asked(ctx, low)
    if asked is None:
        return None
    roles, kernet = asked
    return _told(ctx, roles, kernet)


def _asked(ctx: MessageContext, low: str) -> tuple[tuple[Role, ...], bool] | None:
    """The roles a question of the team asks (none: everyone) and whether kernets were
    asked; None when it is no such question."""
    roles = tuple(role for role, words in _ROLE_WORDS if words.search(low))
    kernet = _KERNET_RE.search(low) is not None
    team = _TEAM_RE.search(low) is not None
    if not (roles or kernet or team) or not _ASKED_RE.search(low) or _OF_TRIPS_RE.search(low):
        return None
    crew_only = (kernet or Role.DRIVER in roles) and not team
    if crew_only and not _OURS_RE.search(low):
        return None
    if _names_someone(ctx, low):
        return None
    return _with_kernet(roles, kernet), kernet


def _follow_up(ctx: MessageContext, low: str) -> tuple[tuple[Role, ...], bool] | None:
    """ "yg admin?" right after the team was told: that part of it."""
    before = ctx.conversation.turns[:-1]  # the last is this message
    if not before or before[-1].speaker != "bot" or not before[-1].text.startswith(_head(ctx)):
        return None
    if ctx.deps.clock.now() - before[-1].at > TOPIC_TTL:
        return None
    roles: list[Role] = []
    kernet = everyone = False
    for word in re.findall(r"[a-z0-9]+", low):
        word = word.removesuffix("nya") or word
        if word in _FOLLOW_ROLES:
            roles.append(_FOLLOW_ROLES[word])
        elif word in _FOLLOW_KERNET:
            kernet = True
        elif word in _FOLLOW_ALL:
            everyone = True
        elif word not in _FOLLOW_FILLER:
            return None
    if not (roles or kernet or everyone):
        return None
    ordered = tuple(r for r in team_service.ROSTER_ORDER if r in roles)
    return _with_kernet(() if everyone else ordered, kernet), kernet


def _with_kernet(roles: tuple[Role, ...], kernet: bool) -> tuple[Role, ...]:
    if kernet and Role.DRIVER not in roles:
        return tuple(r for r in team_service.ROSTER_ORDER if r in (*roles, Role.DRIVER))
    return roles


def _names_someone(ctx: MessageContext, low: str) -> bool:
    """A teammate, a client or a bus named: a question of their trips, not of the team."""
    said = set(re.findall(r"[a-z]+", low))
    own = {key.split()[0] for u in ctx.team if (key := name_key(u.name))}
    if own & said:
        return True
    if any(re.search(rf"\b{re.escape(name_key(b.name))}\b", low) for b in ctx.buses):
        return True
    never = own | {"tim", "team", "kru", "crew", "anggota", "kita"}
    return (
        mentioned(low, ctx.clients, never) or mentioned_by_kind(low, ctx.clients, never)
    ) is not None


def _head(ctx: MessageContext) -> str:
    """How every answer here begins, so a next "yg admin?" is known to follow one."""
    return f"Tim {ctx.tenant.name}"


def _told(ctx: MessageContext, roles: tuple[Role, ...], kernet: bool) -> str:
    """One part asked in a sentence; several, or everyone, a line per role."""
    roster = team_service.roster(ctx.actor, ctx.team)
    head = _head(ctx)
    kernets = (
        " Kernet tidak dicatat terpisah: setiap sopir bisa ditugaskan sebagai sopir atau kernet."
        if kernet
        else ""
    )
    if len(roles) == 1:
        [role] = roles
        names, label = roster.names[role], ROLE_LABELS[role]
        if not names:
            add = f" Untuk menambah, {MAKE_INVITE}." if roster.manages else ""
            return f"{head} belum punya {label}.{add}{kernets}"
        return f"{head} punya {len(names)} {label}: {', '.join(names)}.{kernets}"
    shown = roles or team_service.ROSTER_ORDER
    if not roles and ctx.actor.role is Role.OWNER and len(roster.names[Role.OWNER]) == 1:
        # The only owner asking knows he is the owner: his team is the others.
        shown = tuple(r for r in shown if r is not Role.OWNER)
    lines = [f"{head}:"]
    for role in shown:
        names = roster.names[role]
        listed = f"({len(names)}): {', '.join(names)}" if names else ": belum ada"
        lines.append(f"• {ROLE_LABELS[role].capitalize()} {listed}")
    if kernets:
        lines.append(kernets.strip())
    if roster.manages and not roles:
        lines.append("Tambah atau ubah anggota lewat dashboard, halaman Tim (/tim).")
    return "\n".join(lines)
