"""Strangers on the PO's number: an invite code makes them a member of its team (within
team.redeem_from_message's guessing limits); anyone else is most likely a customer."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from keloia.domain.errors import AlreadyRegistered, InviteInvalid
from keloia.domain.model.events import ReplyWritten
from keloia.domain.model.messages import InboundMessage, OutboundMessage
from keloia.domain.model.tenants import INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, Role
from keloia.domain.services import team
from keloia.domain.services.assistant import replies
from keloia.domain.services.deps import Deps
from keloia.domain.services.transaction import Transaction

# Our invite codes, typed in either case.
_CODE_CHARS = INVITE_CODE_ALPHABET + INVITE_CODE_ALPHABET.lower()
CODE_RE = re.compile(rf"\b[{_CODE_CHARS}]{{{INVITE_CODE_LENGTH}}}\b")
CODE_WORD_RE = re.compile(r"\b(?:kode|code|undangan)\b", re.IGNORECASE)
# "sy anton sopir baru", "saya kernet yg baru gabung": someone saying they join the team,
# not a customer (who asks for a bus, a date or a price).
CREW_WORD_RE = re.compile(
    r"\b(?:sopir|supir|driver|pengemudi|kernet|kenek|knek|kondektur|admin|karyawan|pegawai)\b",
    re.IGNORECASE,
)
JOINING_RE = re.compile(
    r"\b(?:baru|gabung|bergabung|daftar|mendaftar|didaftarkan|diterima|direkrut|anggota|tim"
    r"|kerja|bekerja|masuk)\b",
    re.IGNORECASE,
)
CUSTOMER_RE = re.compile(
    r"\b(?:sewa|nyewa|carter|charter|booking|pesan|harga|brp|berapa|tarif|rombongan|tgl"
    r"|tanggal)\b",
    re.IGNORECASE,
)
# "salah sambung" (a wrong number), said by someone who meant to reach somebody else.
WRONG_NUMBER_RE = re.compile(r"\bsalah\s+(?:sambung|nomor|nomer|no|kirim|chat|orang)\b")
# The claim (in job_runs) that the owner was told of a stranger on a day.
LEAD_JOB = "stranger_told"
# How many of a stranger's messages a day reach the owner: the first, and what they go on
# to ask ("klo tgl 12 ada yg kosong ga?"), up to this many; past it (a flood, a bot) the
# owner has heard enough to call back.
LEAD_MESSAGES_A_DAY = 5
# A follow-up worth the owner's reading: it asks ("?", "bisa", "ada ga") or says a detail
# of the trip (a number, a date, a price word); "ok mas nanti sy kabari lg" or thanks do not.
# (CUSTOMER_RE's words, and these.)
_ASKS_OR_TELLS_RE = re.compile(
    r"\?|\d|\b(?:bisa|boleh|ada|apa|kapan|gimana|gmn|jam|besok|lusa|minggu|bulan|hari"
    r"|jemput|tujuan|ke)\b",
    re.IGNORECASE,
)

_ROLE_WORDS = {"supir": "sopir", "driver": "sopir", "pengemudi": "sopir", "kenek": "kernet"}
_ROLE_WORDS |= {"knek": "kernet", "kondektur": "kernet", "pegawai": "karyawan"}


def joining_as(text: str) -> str | None:
    """The role a stranger says they join the PO's team in ("sopir", "kernet", "admin",
    "karyawan"), when they ask for nothing a customer asks: they need an invite code, and
    are no lead."""
    role = CREW_WORD_RE.search(text)
    if role is None or not JOINING_RE.search(text) or CUSTOMER_RE.search(text):
        return None
    word = role.group().lower()
    return _ROLE_WORDS.get(word, word)


def invite_codes(text: str) -> list[str]:
    """What in a stranger's message may be an invite code. An ordinary 8-letter word
    ("Semarang") only counts when the message says it is a code or is nothing else."""
    words = CODE_RE.findall(text)
    if CODE_WORD_RE.search(text) or len(text.split()) == 1:
        return [w.upper() for w in words]
    return [w.upper() for w in words if any(ch.isdigit() for ch in w)]


def stranger(uow: Transaction, message: InboundMessage) -> tuple[str | None, list[OutboundMessage]]:
    """A message from a number nobody registered, without an invite code: most likely a
    customer. When this WhatsApp number serves one PO, they are answered in its name and its
    owner hears of the lead (or, when they say they are new crew, that they need an invite
    code); otherwise they are told how to join."""
    to = message.from_phone or ""
    tenants = uow.tenants.all()
    if len(tenants) != 1:
        return None, [replies.text(to, replies.ASK_INVITE)]
    [tenant] = tenants
    owners = [u for u in uow.users.all(tenant.id) if u.role is Role.OWNER and u.active]
    # A profile name that is only the number again is not said twice.
    named = message.profile_name and re.sub(r"\D", "", message.profile_name) != re.sub(
        r"\D", "", to
    )
    who = f"{message.profile_name} ({to})" if named else to
    day = uow.deps.clock.now().astimezone(ZoneInfo(tenant.settings.timezone)).date()
    key = f"{tenant.id}:{to}"
    if WRONG_NUMBER_RE.search(message.text.lower()):
        # "oh maaf salah sambung": nobody to call back, nothing for the owner; remembered
        # for the day, so the "iya maaf ganggu 🙏" after it is no lead either.
        uow.jobs.claim(LEAD_JOB, f"{key}:wrong", day)
        return tenant.id, [replies.text(to, replies.WRONG_NUMBER)]
    wrong_today = bool(uow.jobs.claimed(LEAD_JOB, [(f"{key}:wrong", day)]))
    if wrong_today and _courtesy_only(message.text):
        return tenant.id, [replies.text(to, replies.WRONG_NUMBER)]
    role = joining_as(message.text)
    if role is None:
        news, answer = replies.lead_for_owner(who, message.text), replies.lead_answer(tenant.name)
    else:
        news = replies.joiner_for_owner(who, role, message.text)
        answer = replies.joiner_answer(tenant.name)
    # The owner hears of a stranger as a lead once a day; what a customer goes on to ask
    # that day ("klo tgl 12 ada yg kosong?") reaches him too, as the same number writing
    # again (thanks and greetings do not); the stranger is answered every time.
    if not uow.jobs.claim(LEAD_JOB, key, day):
        asks = role is None and not _courtesy_only(message.text)
        if asks and _follow_up_claimed(uow, key, day):
            news = replies.lead_follow_up(who, message.text)
            answer = replies.lead_passed_on(tenant.name)
        else:
            # Not "sudah kami teruskan" to a customer: this message was not, the owner knows
            # of the number. A would-be crew member still needs the invite code said.
            again = replies.lead_again(tenant.name) if role is None else answer
            return tenant.id, [replies.text(to, again)]
    for owner in owners:
        news_item = replies.text(owner.phone, news)
        uow.record(ReplyWritten(message=news_item, tenant_id=tenant.id))
    return tenant.id, [replies.text(to, answer)]


def _courtesy_only(text: str) -> bool:
    """ "ok makasih min 🙏", "ok mas nanti sy kabari lg": nothing in it for the owner."""
    return not (CUSTOMER_RE.search(text) or _ASKS_OR_TELLS_RE.search(text))


def _follow_up_claimed(uow: Transaction, key: str, day: date) -> bool:
    """One more of the stranger's messages of `day` may reach the owner (a claim each, so
    two workers never both pass the same one on, and never more than the day's share)."""
    return any(uow.jobs.claim(LEAD_JOB, f"{key}:{n}", day) for n in range(1, LEAD_MESSAGES_A_DAY))


def onboard(deps: Deps, text: str, phone: str, profile_name: str) -> str:
    """An unknown number: an invite code links it to its PO and role, within the guessing
    limits of team.redeem_from_message."""
    codes = invite_codes(text)
    if not codes:
        return replies.ASK_INVITE
    try:
        user, tenant = team.redeem_from_message(deps, codes, phone, profile_name or phone)
    except InviteInvalid as invalid:
        return invalid.message
    except AlreadyRegistered:
        return replies.INACTIVE
    return (
        f"Selamat datang, {user.name}! {replies.membership(user, tenant)}\n"
        "Ketik *bantuan* untuk melihat yang bisa saya bantu."
    )
