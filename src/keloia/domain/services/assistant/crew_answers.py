"""A driver or kernet answering their trip on WhatsApp: the "Siap" / "Tidak bisa" buttons
of the notice (domain/model/crew.py), a typed "siap" right after it, or a typed "ga bisa
narik" / "maaf pak tgl 4 saya tidak bisa" (intent decline_trip); and an owner or admin
asking whether the crew heard of a trip and answered ("wahyu udah dikabarin blm?")."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.errors import NotFound
from keloia.domain.model import crew
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind, managers_except
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.clients import mentioned, mentioned_by_kind, name_key, same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import HeldCash
from keloia.domain.model.events import (
    CREW_BACK_ON_DUTY,
    CREW_DAY_OFF,
    CREW_DECLINED,
    CREW_READY,
    DELAY_REPORTED,
    MESSAGE_RELAYED,
    ODOMETER_READ,
    PROBLEM_REPORTED,
    TRIP_OFFERED,
)
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.model.messages import DeliveryState, ListRow, MessageKind, OutboundMessage
from keloia.domain.model.money import CostCategory
from keloia.domain.model.news import NO, NOT_YET, crew_pay_owed, running_late
from keloia.domain.model.payments import CASH_WITH_ME_RE, PAYMENT_LABELS, PaymentType, format_rupiah
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import (
    as_written,
    day_label,
    days_label,
    format_km,
    local_phone,
    names_joined,
)
from keloia.domain.services import crew as crew_service
from keloia.domain.services import team as team_service
from keloia.domain.services.assistant import replies
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized
from keloia.domain.services.assistant.resolve import find_bookings, find_member, shown_bookings
from keloia.domain.services.assistant.targets import just_saved_booking


def tapped(ctx: MessageContext, reply_id: str) -> str:
    """A tapped "Siap" or "Tidak bisa" (or a row of the "which trip?" list). The booking
    id in the button is only a hint: the answer counts only for the person's own trip."""
    ready = reply_id.startswith(crew.READY_PREFIX)
    booking_id = reply_id.split(":", 1)[1]
    try:
        booking = crew_service.answer_trip(ctx.deps, ctx.actor, booking_id, ready=ready)
    except NotFound as missing:
        return missing.message
    if ready:
        ctx.show([booking.id])  # "brp hari pak? plg tgl brp" next is about this trip
    return _thanks(ctx, booking, ready)


def ready(ctx: MessageContext, days: frozenset[date] = frozenset()) -> OutboundMessage | None:
    """A plain "siap" with nothing waiting for confirmation, right after a trip notice:
    the answer to that notice. None when no notice waits for an answer, or when the days
    said with it ("siap pak, sabtu sy bawa") are none of the trip's."""
    waiting, sent_at = crew_service.awaiting_since(ctx.deps, ctx.actor, latest_only=not days)
    waiting = [b for b in waiting if crew.on_days(b, days)]
    if not waiting:
        return None
    if sent_at is not None and _wrote_since(ctx, sent_at) and not _just_shown(ctx, waiting):
        # Talk since the notice: the yes may answer that talk ("ya" to "mohon dicek lagi
        # angkanya"), so the notice's own buttons settle it. Unless the talk was about that
        # very trip ("trip pangandaran budal jam piro" answered, then "siap").
        return _ask_again(ctx, waiting)
    if len(waiting) == 1:
        [booking] = waiting
        crew_service.answer_trip(ctx.deps, ctx.actor, booking.id, ready=True)
        ctx.show([booking.id])  # "jemput jam brp pak?" next is about this trip
        return replies.text(ctx.actor.phone, _thanks(ctx, booking, True))
    if waiting:
        return _which(ctx, waiting, crew.READY_PREFIX, "Siap untuk trip yang mana?")
    return None


_ASKED_AGAIN = "Maksudnya siap untuk trip"


def _just_shown(ctx: MessageContext, waiting: list[Booking]) -> bool:
    """The last answer showed the one trip whose notice waits, and nothing else."""
    if len(waiting) != 1:
        return False
    return [b.id for b in shown_bookings(ctx)] == [waiting[0].id]


def _wrote_since(ctx: MessageContext, sent_at: datetime) -> bool:
    """Whether the person wrote anything between the notice and this message (a yes to
    the notice asked again answers it)."""
    before = ctx.conversation.turns[:-1]  # the last is this message
    if before and before[-1].speaker == "bot" and before[-1].text.startswith(_ASKED_AGAIN):
        return False
    return any(t.speaker == "user" and t.at >= sent_at for t in before)


def _ask_again(ctx: MessageContext, trips: list[Booking]) -> OutboundMessage:
    if len(trips) > 1:
        return _which(ctx, trips, crew.READY_PREFIX, "Siap untuk trip yang mana?")
    [booking] = trips
    return OutboundMessage(
        to=ctx.actor.phone,
        kind=MessageKind.BUTTONS,
        body=f"{_ASKED_AGAIN} {_trip(booking, ctx.today)}? {crew.ASK_ANSWER}",
        buttons=crew.answer_buttons(booking.id),
    )


def delay(ctx: MessageContext, extraction: Extraction, told: str) -> str:
    """ "sy telat 30 menit": passed on to `told` (the owner and admins) with the sender's trip
    of today; a short thanks back, nothing recorded."""
    trip = crew_service.report_delay(ctx.deps, ctx.actor, extraction.fields.description or "")
    about = f" soal trip {trip.client_name} hari ini" if trip is not None else ""
    return (
        f"Baik, terima kasih kabarnya. Sudah saya teruskan ke {told}{about}. Hati-hati di jalan 🙏"
    )


# Only money with him (domain.model.payments) is passed on as his to hand in: a payment
# spoken of, promised or still to come ("blm bayar", "mau tf besok", "udah tf katanya": to
# the PO's account) is not his.
_NOT_YET_RE = re.compile(
    rf"\b(?:{NOT_YET}|nanti|ntar|mau|akan|janji|besok|bsk|lusa|minta|nanya|tanya|rek|rekening)\b"
)


# "sisa e dibayar cash 7jt" from a driver on the trip: paid in cash into his hands, unless
# said paid to someone else ("dibayar cash ke kantor", "... ke mbak sari").
_PAID_IN_CASH_RE = re.compile(
    r"\b(?:di)?(?:bayar|byr|lunas|lunasin|kasih)\w*\s+(?:pake\s+|pakai\s+|pk\s+|secara\s+)?"
    r"(?:cash|tunai|kontan)\b"
    r"(?!\s+(?:ke|sm|sama|lewat|via)\s+(?!sy\b|saya\b|aku\b|aq\b|gw\b|gue\b))"
)


def _with_him(low: str) -> re.Match[str] | None:
    return CASH_WITH_ME_RE.search(low) or _PAID_IN_CASH_RE.search(low)


def _held_clause_end(low: str, with_him: re.Match[str]) -> int:
    """Where the clause saying the money is with him ends."""
    rest = re.split(r"[,.;\n]", low[with_him.end() :], maxsplit=1)[0]
    return with_him.end() + len(rest)


def holds_cash(text: str) -> bool:
    """Whether a driver's message says a client's money is with him now."""
    low = text.lower()
    with_him = _with_him(low)
    if with_him is None:
        return False
    # Its own clause says whether it is there yet ("dititip ke sy besok"); a clause after
    # it may plan the handing in ("..., nanti sy setor").
    return not _NOT_YET_RE.search(low[: _held_clause_end(low, with_him)])


# What he says after the money held, passed on with it: the rest still to come ("kurang
# 1jt katanya ditf besok") or when he hands it in ("tak setor bsk pagi").
_SAID_AFTER_RE = re.compile(rf"{_NOT_YET_RE.pattern}|\b(?:kurang|sisa\w*|nyusul)\b")


def _said_after(text: str) -> str:
    """The words after the money held that say more of it, as written ("" when none)."""
    low = text.lower()
    with_him = _with_him(low)
    if with_him is None:
        return ""
    after = text[_held_clause_end(low, with_him) :]
    clauses = [c.strip() for c in re.split(r"[,.;\n]", after)]
    said = [
        c
        for c in clauses
        if c and (_SAID_AFTER_RE.search(c.lower()) or _HAND_IN_RE.search(c.lower()))
    ]
    return ", ".join(said)


def held_cash(
    ctx: MessageContext, extraction: Extraction, told: str, text: str
) -> tuple[str, Extraction | None] | None:
    """ "trip pak agus beres, pelunasan 2jt dititip ke sy cash" from a driver, who may not
    record money: the money he holds is passed on to `told` (the owner and admins), who
    record it once it reaches them. Returns the thanks and what else the message asked (the
    trip's end, to propose as usual); None when this is not a driver's money."""
    f = extraction.fields
    paying = extraction.intent in (Intent.RECORD_PAYMENT, Intent.COMPLETE_BOOKING)
    if (
        not paying
        or not f.amount
        or f.payment_type is PaymentType.REFUND
        or can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
        or not holds_cash(text)
    ):
        return None
    # "sisa e dibayar cash 7jt, kurang 1jt katanya ditf besok": the transfer is the rest's.
    cash = f.method == "cash" or bool(_PAID_IN_CASH_RE.search(text.lower()))
    more = _said_after(text)
    trip = crew_service.report_cash_held(
        ctx.deps, ctx.actor, f.client_name, f.amount, f.payment_type, cash, more
    )
    client = trip.client_name if trip is not None else as_written(f.client_name or "")
    # "nanti sore sy setor ke kantor" next is news of this money (cash_news).
    held = HeldCash(
        booking_id=trip.id if trip is not None else None,
        client_name=client,
        amount=f.amount,
        payment_type=f.payment_type,
        cash=cash,
        at=ctx.deps.clock.now(),
    )
    ctx.conversation.held = held
    with_words = f', dengan pesan Anda: "{more}"' if more else ""
    said = f"Baik, {_money_of(held)} sudah saya teruskan ke {told}{with_words}. {_RECORDED_LATER}"
    rest: Extraction | None = None
    if extraction.intent is Intent.COMPLETE_BOOKING:
        done = f.model_copy(update={"amount": None, "method": None, "payment_type": None})
        rest = extraction.model_copy(update={"fields": done})
    elif extraction.more:
        first, *later = extraction.more
        rest = first.model_copy(update={"more": (*first.more, *later)})
    return capitalized(said), rest


_RECORDED_LATER = "Pembayarannya dicatat setelah uangnya diterima pemilik atau admin."

# A client's money named: "pelunasan pak hendra", "dp nya", "uang bu dewi", "sisanya".
_CLIENT_MONEY_RE = re.compile(
    r"\b(?:dp\w*|pelunasan\w*|lunas\w*|sisa\w*|bayar\w*|pembayaran\w*|uang\w*|duit\w*)\b"
)


# "kata pak takmir nambah 300rb nanti dibayar ke kantor": the client's money to come, to
# the office.
_PAID_AT_OFFICE_RE = re.compile(
    r"\b(?:di)?(?:bayar|transfer|tf|lunasi|lunasin)\w*\s+(?:\w+\s+)?(?:ke|di|nang|neng)\s+kantor"
)


def cash_to_come(ctx: MessageContext, extraction: Extraction, told: str, text: str) -> str | None:
    """ "pelunasan pak hendra dititip ke sy besok" from a driver, who may not record money: a
    client's money still to come through him (or to the office, "nanti dibayar ke kantor").
    Nothing is recorded; his words go to `told` (the owner and admins) at once, as a delay
    does. None when it is not that."""
    low = text.lower()
    if (
        extraction.intent not in (Intent.RECORD_PAYMENT, Intent.UNKNOWN)
        or can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
        or not (
            (CASH_WITH_ME_RE.search(low) and _CLIENT_MONEY_RE.search(low))
            # (never "nanti sore sy setor ke kantor": his own errand with money held.)
            or (_PAID_AT_OFFICE_RE.search(low) and re.search(r"\d", low))
        )
        or holds_cash(text)
    ):
        return None
    _to_managers(ctx, text)
    return f"Baik, terima kasih infonya. Kabar ini sudah saya teruskan ke {told}. {_RECORDED_LATER}"


def pay_owed(ctx: MessageContext, extraction: Extraction, told: str, text: str) -> str | None:
    """ "premi sy trip kmrn blm dikasih pak", "uang premi blm cair" from a driver or kernet:
    his own pay not given yet, nothing to record (news.crew_pay_owed). His words go to
    `told` (the owner and admins) at once, as money to come through him does. None when it
    is not that."""
    pay = crew_pay_owed(text.lower())
    # "premi sy trip bu rina kmrn brp ya? blm dikasih": how much asked with it; the trip's
    # costs are not his to read, his pay not given is still passed on (his uang jalan "blm
    # dikasih tau" is not being told it, which he may read: answered instead).
    low = text.lower()
    answerable = re.search(r"\buang\s+jalan\w*", low) and re.search(
        r"\b(?:dikasih|dikasi|dikash)\s+(?:tau|tahu|info|kabar)\b", low
    )
    asked = extraction.intent is Intent.UNKNOWN or (
        extraction.intent is Intent.QUERY_TRIP_COSTS and not answerable
    )
    if not asked or ctx.actor.role is not Role.DRIVER or not pay:
        return None
    _to_managers(ctx, text)
    return f"Baik, pesan Anda soal {pay} sudah saya teruskan ke {told}."


def _to_managers(ctx: MessageContext, text: str) -> None:
    """A crew member's words passed on as written to the owner and the admins."""
    managers = [
        u
        for u in ctx.team
        if u.active and u.id != ctx.actor.id and u.role in (Role.OWNER, Role.ADMIN)
    ]
    said = re.sub(r"\b(?:sy|sya)\b", "saya", " ".join(text.split()), flags=re.IGNORECASE)
    for person in managers:
        team_service.relay_message(ctx.deps, ctx.actor, person.id, said)


def _money_of(held: HeldCash) -> str:
    """ "uang Rp2.300.000 tunai dari Masjid Baitussalam", "pelunasan Rp2.000.000 dari ..."."""
    kind = PAYMENT_LABELS[held.payment_type] if held.payment_type else "uang"
    how = " tunai" if held.cash else ""
    source = f" dari {held.client_name}" if held.client_name else ""
    return f"{kind} {format_rupiah(held.amount)}{how}{source}"


# Handing the money in: "nanti sore sy setor ke kantor", "udh sy serahin ke bu sari",
# "sy anter ke kantor bsk pagi", "udh sy kasih ke mbak sari".
_HAND_IN_RE = re.compile(
    r"\b(?:setor\w*|nyetor\w*|disetor\w*|serahk\w*|serahin\w*|diserahk\w*|diserahin\w*"
    r"|(?:antar|anter|bawa|kasih|kasi|titip)\w*\s+(?:ke\s+)?(?:kantor|pool|garasi"
    # or to a teammate by title: "udh sy kasih ke mbak sari", "sy titip ke pak budi"
    r"|(?:pak|bapak|bu|ibu|mbak|mba|mas)\s+[a-z]+)"
    r"|(?:ke|di)\s+kantor)\b"
)


def cash_news(ctx: MessageContext, text: str, told: str) -> str | None:
    """ "nanti sore sy setor ke kantor" from a crew member right after he said he holds a
    client's money: news of that money, passed on to `told` (the owner and admins) as the
    first word was; nothing is recorded. None when it is not about handing that money in."""
    held = ctx.conversation.live_held(ctx.deps.clock.now())
    if held is None or not _HAND_IN_RE.search(text.lower()):
        return None
    crew_service.report_cash_news(ctx.deps, ctx.actor, held, text)
    return (
        f"Baik, terima kasih. Kabar soal {_money_of(held)} sudah saya teruskan ke {told}. "
        f"{_RECORDED_LATER}"
    )


def decline(ctx: MessageContext, extraction: Extraction) -> OutboundMessage | None:
    """Which trip "tidak bisa" is about: the day or client named, else the notice just
    sent, else the only trip ahead; several: the person picks one. None for someone with
    no trips ahead who is not a driver (an admin's "gak bisa pak" is not about a trip)."""
    f, to = extraction.fields, ctx.actor.phone
    if f.ref_date is not None and f.more_dates:
        return _several_days(ctx, extraction, [f.ref_date, *f.more_dates])
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
        # "bisa diganti slamet ga?": the teammate suggested goes to the managers with it.
        stand_in = find_member(ctx.team, f.driver) if f.driver else None
        if stand_in is not None and stand_in.id == ctx.actor.id:
            stand_in = None
        crew_service.answer_trip(
            ctx.deps, ctx.actor, booking.id, ready=False, reason=reason, stand_in=stand_in
        )
        return replies.text(to, _thanks(ctx, booking, False, stand_in))
    if trips:
        return _which(ctx, trips, crew.DECLINE_PREFIX, "Trip yang mana yang tidak bisa Anda bawa?")
    return replies.text(to, NO_TRIPS) if ctx.actor.role is Role.DRIVER else None


def _several_days(
    ctx: MessageContext, extraction: Extraction, days: list[date]
) -> OutboundMessage | None:
    """ "tgl 5 sm 6 sy izin ga narik": each day answered as if said alone (its trip
    declined, or the day off passed on), in one reply; a day whose trip must be picked
    from a list is asked first, the others after it. A trip of several days is declined
    once ("tgl 7 smp 9 sy ga bisa narik": its three days are one trip)."""
    answers = []
    trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    declined: set[str] = set()
    for day in days:
        covering = {t.id for t in trips if t.depart_date <= day <= t.return_date}
        if covering and covering <= declined:
            continue
        declined |= covering
        fields = extraction.fields.model_copy(update={"ref_date": day, "more_dates": None})
        answer = decline(ctx, extraction.model_copy(update={"fields": fields}))
        if answer is None:
            continue
        if answer.kind is not MessageKind.TEXT:
            return answer
        answers.append(answer.body)
    if not answers:
        return None
    thanks = "Baik, terima kasih sudah mengabari. "
    said = [answers[0]] + [a.removeprefix(thanks) for a in answers[1:]]
    return replies.text(ctx.actor.phone, "\n".join(dict.fromkeys(said)))


# Words saying a person cannot work that day, trip or not: "izin", "libur", "ga bisa narik".
OFF_WORK_RE = re.compile(
    r"\b(?:izin|ijin|libur|cuti|off|narik|nyopir|nyupir|bertugas|tugas|kerja|masuk)\b"
    # ("lagi demam, besok belum bisa jalan dulu": ill, not able to work that day.)
    r"|\b(?:sakit|demam|meriang|opname|dirawat)\b|\b(?:belum|blm)\s+(?:bisa|bs)\s+(?:jalan|jln)\b",
    re.IGNORECASE,
)


def _free_day(ctx: MessageContext, trips: list[Booking], extraction: Extraction) -> bool:
    """ "tgl 10 izin ga bisa narik" from a driver with no trip that day, saying he cannot
    work (not only "tidak bisa", which is about a trip: he is told it is not his) and naming
    no trip by client or destination ("mbak sari, ..." is the person spoken to): he is off
    that day, news for the managers all the same."""
    f = extraction.fields
    if ctx.actor.role is Role.OWNER or f.ref_date is None or f.ref_date < ctx.today:
        return False  # an admin's "sy besok ga masuk" is news for the owner too
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
    if ctx.actor.role is Role.ADMIN:
        said = "Baik, terima kasih sudah mengabari"
        if told:
            # Queued to them with this change, not yet read: passed on, never "told".
            said += f"; kabar izin Anda untuk {day} sudah saya teruskan ke " + names_joined(told)
        return said + "."
    if told:
        # Queued to them with this change, not yet read: passed on, never "told".
        said += (
            "; kabar bahwa Anda tidak bisa bertugas hari itu sudah saya teruskan ke "
            + names_joined(told)
        )
    return said + "."


def retract(ctx: MessageContext, extraction: Extraction) -> str:
    """ "tgl 14 ga jadi izin, sy bisa narik", "ternyata sy bisa pak yg ke malang": a "tidak
    bisa" taken back. A trip declined is answered "Siap" (the managers hear it changed);
    else a day off said is taken back; the one the message names by day, client or
    destination, or the only one."""
    f, when = extraction.fields, extraction.fields.ref_date
    said = f.description or ""
    declined = crew_service.declined_ahead(ctx.deps, ctx.actor, ctx.today)
    named = bool(f.ref_date or f.client_name or f.route_to)
    trips = _named(declined, extraction) if named else declined
    days = crew_service.days_off_ahead(ctx.deps, ctx.actor, ctx.today)
    if when is not None:
        days = [d for d in days if d == when]
    elif f.client_name or f.route_to:
        days = []
    told = names_joined(u.name for u in managers_except(ctx.team, ctx.actor.id))
    passed = f" Kabar ini sudah saya teruskan ke {told}." if told else ""
    if len(trips) + len(days) > 1:
        listed = [f"• trip {b.client_name} ({crew.when(b, ctx.today)})" for b in trips]
        listed += [f"• izin {day_label(d, ctx.today)}" for d in days]
        return (
            "Yang mana yang ternyata bisa? Sebelumnya Anda bilang tidak bisa untuk:\n"
            + "\n".join(listed)
            + "\nSebutkan tanggalnya, misalnya: *tgl 14 sy bisa narik*."
        )
    if trips:
        [booking] = trips
        crew_service.answer_trip(ctx.deps, ctx.actor, booking.id, ready=True, reason=said)
        trip = f"*{booking.client_name}* ({crew.when(booking, ctx.today)})"
        return f"Baik, tercatat Anda bisa bertugas di trip {trip}.{passed}"
    if days:
        crew_service.back_on_duty(ctx.deps, ctx.actor, days[0], said)
        day = day_label(days[0], ctx.today)
        return f"Baik, izin Anda {day} dibatalkan: Anda bisa dijadwalkan hari itu.{passed}"
    on = f" {day_label(when, ctx.today)}" if when is not None else ""
    return (
        f"Anda tidak tercatat izin atau menolak trip{on}, jadi tidak ada yang perlu "
        "dibatalkan: Anda tetap bisa dijadwalkan."
    )


def offer(ctx: MessageContext, extraction: Extraction) -> str:
    """ "tgl 4 yg ke pangandaran sy aja yg bawa", "sy bisa gantiin joko tgl 7", "sy ikut jd
    kernet wahyu ke malang", "sy tukeran sm wahyu, sy yg ke malang tgl 2, wahyu yg ke
    bandung tgl 7": a crew member's offer or swap. Nothing changes; the owner and admins
    hear it with the trips named (by day, place, client, and the teammate's or his own
    trips in a swap) and decide."""
    f, me = extraction.fields, ctx.actor
    seat = "kernet" if f.detail == "kernet" else "sopir"
    if me.role in (Role.OWNER, Role.ADMIN):
        # The owner or an admin may make the change himself.
        first = name_key(me.name).split()[0]
        return (
            f'Untuk menetapkan Anda di trip itu, kirim misalnya: "{seat} <nama klien> ganti '
            f'{first}". Saya tanyakan dulu sebelum mencatatnya.'
        )
    teammate = find_member(ctx.team, f.driver) if f.driver else None
    if teammate is not None and teammate.id == me.id:
        teammate = None
    swap = f.detail == "swap" and teammate is not None
    named = any(v is not None for v in (f.ref_date, f.client_name, f.route_to))
    ahead = crew_service.trips_ahead(ctx.deps, me, ctx.today)
    trips = _offered(ahead, extraction, me, teammate, swap) if named else []
    if not swap and trips and all(_holds(b, me, seat) for b in trips):
        return f"Anda sudah tercatat sebagai {seat} di trip {_trip(trips[0], ctx.today)}."
    trips = [b for b in trips if swap or not _holds(b, me, seat)]
    clashes = crew_service.offer_trip(
        ctx.deps,
        me,
        trips,
        f.description or "",
        teammate=teammate,
        as_kernet=seat == "kernet",
        swap=swap,
        named=named,
    )
    told = names_joined(u.name for u in managers_except(ctx.team, me.id)) or "pemilik PO"
    if swap:
        assert teammate is not None
        said = f"Baik, kabar tukar trip Anda dengan {teammate.name} sudah saya teruskan ke {told}"
    elif trips:
        which = " dan ".join(_trip(b, ctx.today, at=False) for b in trips[:2])
        said = f"Baik, tawaran Anda untuk trip {which} sudah saya teruskan ke {told}"
    elif named:
        said = f"Trip itu belum ada di jadwal; tawaran Anda tetap sudah saya teruskan ke {told}"
    else:
        said = f"Baik, tawaran Anda sudah saya teruskan ke {told}"
    said += (
        ". Belum ada yang diubah; kalau mereka menetapkan Anda, kabar tripnya saya kirim ke Anda."
    )
    for b in clashes[:1]:
        said += f" Catatan: di hari itu Anda sudah ada trip {_trip(b, ctx.today, at=False)}."
    return said


def _holds(booking: Booking, member: User, seat: str) -> bool:
    place = crew.seat(booking, member.id)
    if place is None:
        return False
    return (place.co_driver_id if seat == "kernet" else place.driver_id) == member.id


def _offered(
    ahead: list[Booking], extraction: Extraction, me: User, teammate: User | None, swap: bool
) -> list[Booking]:
    """The trips an offer names: by day, place and client; of those, the teammate's when he
    is named (the one stood in for, or driven beside). A swap names a trip of each of the
    two on each day said."""
    f = extraction.fields
    if swap and teammate is not None:
        days = [d for d in (f.ref_date, *(f.more_dates or ())) if d is not None]
        pair = [b for b in ahead if b.involves(me.id) or b.involves(teammate.id)]
        return [b for b in pair if any(b.depart_date <= d <= b.return_date for d in days)]
    named = _named(ahead, extraction)
    if teammate is not None:
        return [b for b in named if b.involves(teammate.id)] or named
    return named


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


def _trip(booking: Booking, today: date, *, at: bool = True) -> str:
    """ "*Pak Hendra* (Rabu, 9 – Kamis, 10 Des, jam 05.30, Jogja – Malang)": whose trip, its
    days (and pickup time, when `at`) and its route, when it has one."""
    if at:
        days = crew.when(booking, today)
    else:
        days = days_label(booking.depart_date, booking.return_date, today)
    where = crew.route(booking)
    return f"*{booking.client_name}* ({days}{', ' + where if where else ''})"


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


def _thanks(
    ctx: MessageContext, booking: Booking, ready: bool, stand_in: User | None = None
) -> str:
    trip = f"*{booking.client_name}* ({crew.when(booking, ctx.today)})"
    if ready:
        return f"Terima kasih, {ctx.actor.name}. Tercatat Anda siap untuk trip {trip}."
    told = [u.name for u in managers_except(ctx.team, ctx.actor.id)]
    said = f"Baik, terima kasih sudah mengabari. Tercatat Anda tidak bisa bertugas di trip {trip}."
    if told and stand_in is not None:
        said += (
            f" Kabar ini, termasuk usul diganti {stand_in.name}, sudah saya teruskan ke "
            f"{' dan '.join(told)}; mereka yang memutuskan penggantinya."
        )
    elif told:
        said += f" Kabar ini sudah saya teruskan ke {' dan '.join(told)}."
    return said + " Sampai krunya diganti, Anda masih tercatat di trip itu."


# "wahyu udah dikabarin blm?", "sopirnya udah dikasih tau?": whether the crew heard of a
# trip. Asked, never said ("kabarin wahyu ya" is an instruction, not this question).
TOLD_RE = re.compile(
    r"\b(?:di)?(?:kabar(?:i|in|kan)|infoin|infokan|beritahu|beritahukan|bilangin|kabarin)\b"
    r"|\b(?:di)?(?:kasih|kasi|beri)\s+(?:tau|tahu|kabar|info)\b"
    r"|\b(?:dapet|dapat|terima|nerima)\s+(?:kabar|info|notif\w*|pemberitahuan|pesan\w*|wa)\b"
    r"|\b(?:udah|udh|sudah|sdh|dah)\s+(?:tau|tahu)\b",
    re.IGNORECASE,
)
TOLD_ASKED_RE = re.compile(
    rf"\?|\b(?:apa|apakah|kah|{NO})\W*$|\b(?:{NOT_YET})\b",
    re.IGNORECASE,
)
DRIVER_WORD_RE = re.compile(r"\b(?:sopir|supir|driver)\w*", re.IGNORECASE)
KERNET_WORD_RE = re.compile(r"\b(?:kernet|kenek)\w*", re.IGNORECASE)
CREW_WORD_RE = re.compile(
    r"\b(?:sopir|supir|driver|kernet|kenek|kru|crew)\w*|\b(?:anak2|anak-anak)\b", re.IGNORECASE
)
STATE_SAID = {
    DeliveryState.QUEUED: "masih dalam antrean kirim (belum terkirim)",
    DeliveryState.SENT: "sudah terkirim",
    DeliveryState.DELIVERED: "sudah sampai di WhatsApp-nya",
    DeliveryState.READ: "sudah dibaca",
}


# "slamet td jawab apa soal trip bu dewi?", "joko udh bales blm?": what a crew member
# answered his trip's notice (Siap or Tidak bisa), asked by the owner or an admin; `told`
# answers it with the notice. "jawab apa" asks wherever it stands.
ANSWERED_RE = re.compile(r"\b(?:di|me|nge?)?(?:jawab|bales|balas|respon)\w*", re.IGNORECASE)
ANSWER_ASKED_RE = re.compile(
    r"\b(?:jawab|bales|balas|respon)\w*\s+(?:apa|apaan|gmn|gimana|bagaimana)\b", re.IGNORECASE
)


def answer_asked(extraction: Extraction, text: str) -> bool:
    """ "slamet udh jawab blm?" read as word to pass on to Slamet: it asks what he answered,
    which the records say (`told`), never a message sent to him."""
    return extraction.intent is Intent.RELAY_MESSAGE and bool(
        ANSWERED_RE.search(text)
        and (TOLD_ASKED_RE.search(text.strip()) or ANSWER_ASKED_RE.search(text))
    )


def told(ctx: MessageContext, text: str, client: str | None = None) -> str | None:
    """ "wahyu udah dikabarin blm?" right after Pak Hendra's trip was moved: whether and
    when Keloia sent the crew member the notice of the trip talked about (of the client the
    message names, when it names one: `client` read, or a client's name in `text`), its
    WhatsApp message's delivery state, and whether they answered Siap or Tidak bisa. Only
    what the records hold is said: no notice recorded is said as such. None when the
    message does not ask this, or names no trip and nobody."""
    if ctx.actor.role not in (Role.OWNER, Role.ADMIN):
        return None
    question = TOLD_ASKED_RE.search(text.strip()) or ANSWER_ASKED_RE.search(text)
    if not (TOLD_RE.search(text) or ANSWERED_RE.search(text)) or not question:
        return None
    # "udh jawab blm?" is not answered "Sudah." when the notice went out but no answer came.
    of_answer = not TOLD_RE.search(text)
    said = set(re.findall(r"[a-z]+", text.casefold()))
    named = _people_named(ctx, said)
    if not named and not CREW_WORD_RE.search(text):
        return None
    trips = _talked_about(ctx)
    own = {name_key(u.name).split()[0] for u in ctx.team if name_key(u.name)}
    low = text.casefold()
    found = mentioned(low, ctx.clients, own) or mentioned_by_kind(low, ctx.clients, own)
    client = client or (found[2] if found else None)
    if client:
        # "slamet td jawab apa soal trip bu dewi?": that client's trip still to come, not
        # the one talked about last.
        theirs = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=client)
        trips = [b for b in theirs if b.return_date >= ctx.today] or trips
    if named:
        person = named[0]
        trip = next((b for b in trips if b.involves(person.id) or _notices(ctx, person, b)), None)
        if trip is None and trips:
            return f"{person.name} tidak bertugas di trip {_trip(trips[0], ctx.today, at=False)}."
        trip = trip or last_noticed(ctx, person)
        if trip is None:
            return f"Belum ada pemberitahuan trip yang akan datang untuk {person.name}."
        return _told_line(ctx, person, trip, of_answer)
    if not trips:
        return None
    trip = trips[0]
    drivers = {a.driver_id for a in trip.assignments if a.driver_id}
    kernets = {a.co_driver_id for a in trip.assignments if a.co_driver_id}
    asked = drivers | kernets
    if DRIVER_WORD_RE.search(text) and not KERNET_WORD_RE.search(text):
        asked = drivers
    elif KERNET_WORD_RE.search(text) and not DRIVER_WORD_RE.search(text):
        asked = kernets
    crew_of = [u for u in ctx.team if u.id in asked and u.id != ctx.actor.id]
    if not crew_of:
        trip_said = _trip(trip, ctx.today, at=False)
        return f"Trip {trip_said} belum ada kru yang ditugaskan."
    return "\n".join(_told_line(ctx, person, trip, of_answer) for person in crew_of)


# "sopir yg blm jawab siapa aja", "siapa yg belum konfirmasi": the crew who have not
# answered their trip notices yet, asked by the owner or an admin.
UNANSWERED_RE = re.compile(
    rf"\b(?:{NOT_YET})\s+(?:(?:di|me|nge?)?(?:jawab|bales|balas|respon|konfirmasi|konfirm)\w*"
    r"|(?:kasih|kasi|ngasih|beri|memberi)\s+(?:jawaban|kabar|konfirmasi))\b",
    re.IGNORECASE,
)
WHO_ASKED_RE = re.compile(r"\b(?:siapa|sapa|spa|sp|mana)\b|\?", re.IGNORECASE)
# How far ahead the trips whose notices are looked at go.
UNANSWERED_AHEAD_DAYS = 60


def unanswered(ctx: MessageContext, text: str) -> str | None:
    """ "sopir yg blm jawab siapa aja": each crew member sent the notice of a trip still to
    come who has answered neither *Siap* nor *Tidak bisa* since, with that trip. None when
    the message does not ask this."""
    if ctx.actor.role not in (Role.OWNER, Role.ADMIN):
        return None
    if not UNANSWERED_RE.search(text) or not WHO_ASKED_RE.search(text):
        return None
    if _people_named(ctx, set(re.findall(r"[a-z]+", text.casefold()))):
        return None  # "joko udh jawab blm": one person, answered by `told`
    ahead = DateRange(start=ctx.today, end=ctx.today + timedelta(days=UNANSWERED_AHEAD_DAYS))
    trips = sorted(
        (
            b
            for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, ahead)
            if b.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED)
        ),
        key=lambda b: b.depart_date,
    )
    waiting: dict[str, list[str]] = {}
    for booking in trips:
        for person in ctx.team:
            if not booking.involves(person.id) or not (notices := _notices(ctx, person, booking)):
                continue
            answered = any(
                e.actor_id == person.id
                and e.action in (CREW_READY, CREW_DECLINED)
                and e.at >= notices[-1].created_at
                for e in ctx.uow.activity.all(ctx.actor.tenant_id, entity_id=booking.id)
            )
            if not answered:
                days = days_label(booking.depart_date, booking.return_date, ctx.today)
                waiting.setdefault(person.name, []).append(f"*{booking.client_name}* ({days})")
    lines = [f"• {who}: {', '.join(trips_of)}" for who, trips_of in waiting.items()]
    if not lines:
        return "Semua kru sudah menjawab pemberitahuan trip yang akan datang."
    head = "Yang belum menjawab *Siap* atau *Tidak bisa* untuk pemberitahuan tripnya:"
    return "\n".join([head, *lines])


def _talked_about(ctx: MessageContext) -> list[Booking]:
    """The booking just saved or changed, then those the last answer showed (a cancelled
    one too)."""
    saved = just_saved_booking(ctx)
    shown = shown_bookings(ctx, frozenset(BookingStatus))
    if saved is None:
        return shown
    return [saved, *(b for b in shown if b.id != saved.id)]


def _notices(ctx: MessageContext, person: User, booking: Booking) -> list[Alert]:
    """The trip notices sent to `person` about `booking`, oldest first."""
    sent = ctx.uow.alerts.for_user(ctx.actor.tenant_id, person.id)
    return sorted(
        (a for a in sent if a.kind in crew_service.NOTICES and a.entity_id == booking.id),
        key=lambda a: a.created_at,
    )


def last_noticed(
    ctx: MessageContext, person: User, since: datetime | None = None
) -> Booking | None:
    """The trip still ahead of the latest notice `person` got (since `since`, when given)."""
    sent = sorted(
        (
            a
            for a in ctx.uow.alerts.for_user(ctx.actor.tenant_id, person.id)
            if a.kind in crew_service.NOTICES and (since is None or a.created_at >= since)
        ),
        key=lambda a: a.created_at,
        reverse=True,
    )
    for notice in sent:
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, notice.entity_id)
        if booking is not None and booking.return_date >= ctx.today:
            return booking
    return None


def _told_line(ctx: MessageContext, person: User, booking: Booking, of_answer: bool = False) -> str:
    """Whether `person` was sent the notice of `booking`, when, whether it went out, and
    the Siap / Tidak bisa they answered since (`of_answer`: the answer was asked, so no
    "Sudah." opens it)."""
    done = "" if of_answer else "Sudah. "
    trip = f"trip {_trip(booking, ctx.today, at=False)}"
    notices = _notices(ctx, person, booking)
    if not notices:
        if not booking.involves(person.id):
            return f"{person.name} tidak bertugas di {trip}."
        return (
            f"Belum ada pemberitahuan {trip} yang saya kirim ke {person.name}. "
            f"Mohon kabari langsung bila perlu ({local_phone(person.phone)})."
        )
    notice = notices[-1]
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    at = notice.created_at.astimezone(zone)
    day = "hari ini" if at.date() == ctx.today else day_label(at.date(), ctx.today)
    when = f"{day} jam {at:%H.%M}"
    on_trip = booking.involves(person.id)
    if notice.kind is AlertKind.TRIP_ASSIGNED:
        what = f"pemberitahuan tugas {trip}"
    elif on_trip:
        what = f"kabar perubahan {trip}"
    else:
        what = f"kabar bahwa ia tidak lagi bertugas di {trip}"
    answers = [
        e
        for e in ctx.uow.activity.all(ctx.actor.tenant_id, entity_id=booking.id)
        if e.actor_id == person.id
        and e.action in (CREW_READY, CREW_DECLINED)
        and e.at >= notice.created_at
    ]
    # An answer shows the notice reached the person, whatever the outbox says.
    state = _delivery(ctx, person, notice) if not answers else None
    if state is DeliveryState.FAILED:
        return (
            f"{capitalized(what)} untuk {person.name} saya buat {when}, tetapi pesannya gagal "
            "terkirim. "
            f"Mohon kabari langsung ({local_phone(person.phone)})."
        )
    if state is DeliveryState.QUEUED:
        line = f"{capitalized(what)} untuk {person.name} dibuat {when} dan sedang dikirim."
    elif state is None and not answers:
        # No message found to say whether it went out: only that it was passed on.
        line = f"{done}{capitalized(what)} untuk {person.name} saya teruskan {when}."
    else:
        went = f" ({STATE_SAID[state]})" if state is not None else ""
        line = f"{done}{person.name} dikirimi {what} {when}{went}."
    if not on_trip:
        return line
    if not answers:
        return f"{line} Belum ada jawaban *Siap* atau *Tidak bisa* darinya."
    last = answers[-1]
    answered = last.at.astimezone(zone)
    if last.action == CREW_READY:
        return f"{line} Ia sudah menjawab *Siap* (jam {answered:%H.%M})."
    reason = str(last.snapshot.get("reason") or "").strip()
    why = f': "{reason}"' if reason else ""
    return f"{line} Ia menjawab *Tidak bisa* (jam {answered:%H.%M}){why}."


def _delivery(ctx: MessageContext, person: User, notice: Alert) -> DeliveryState | None:
    """The WhatsApp state of the message that carried `notice` (the outbox keeps it), if
    one is found: sent to the person's number, its text opening with the notice's."""
    head = notice.text.split("\n", 1)[0]
    for item in reversed(ctx.uow.outbox.recent(person.phone, 50)):
        if item.created_at < notice.created_at:
            break
        bodies = [item.message.body or ""]
        if item.message.fallback is not None:
            bodies.append(item.message.fallback.body or "")
        if any(head and body.startswith(head) for body in bodies):
            return item.state
    return None


# "kabari wahyu trip malang tgl 2", "tolong infokan ke joko jadwalnya": an instruction to
# tell a crew member of his trip (a question, "wahyu udah dikabarin?", is `told`). Not the
# speaker's own promise ("nanti sy kabari") nor a passive ("dikabari").
TELL_RE = re.compile(
    r"(?<!\bsaya )(?<!\bsy )(?<!\baku )(?<!\bnanti )(?<!\bntar )(?<!\btak )"
    r"\b(?:kabar(?:i|in|kan)|infoin|infokan|info(?=\s+ke\b)|beritahu|beritahukan|bilangin"
    r"|ingatkan|ingetin|kirim(?:in|kan)?(?=\s+(?:lagi\s+)?(?:jadwal|trip|info|notif))"
    r"|(?:kasih|kasi|beri)\s+(?:tau|tahu|kabar|info))\b",
    re.IGNORECASE,
)


def tell(ctx: MessageContext, text: str, extraction: Extraction) -> str | None:
    """ "kabari wahyu trip malang tgl 2": the notice of that trip (the one an assignment
    sends, with the Siap / Tidak bisa buttons) is queued to Wahyu at once (a message, no
    record changes), and the owner or admin is told so. The trip is the one the words
    name (a date in it, a place of its route), else the trip talked about, else his next
    one. None when the message is not such an instruction naming one crew member."""
    if ctx.actor.role not in (Role.OWNER, Role.ADMIN):
        return None
    if not TELL_RE.search(text) or TOLD_ASKED_RE.search(text.strip()):
        return None
    said = set(re.findall(r"[a-z]+", text.casefold()))
    named = [u for u in _people_named(ctx, said) if u.role is Role.DRIVER]
    if len(named) != 1:
        return None
    person = named[0]
    trips = crew_service.upcoming_of(ctx.deps, ctx.actor, person, ctx.today)
    fields = extraction.fields
    day = fields.date or fields.depart_date or fields.ref_date
    if day is not None:
        trips = [b for b in trips if b.depart_date <= day <= b.return_date]
    places = [b for b in trips if _route_said(b, said)]
    trips = places or trips
    talked = [b for b in _talked_about(ctx) if any(b.id == t.id for t in trips)]
    if day is None and not places and talked:
        trips = talked
    if not trips:
        when = f" {day_label(day, ctx.today)}" if day is not None else " yang akan datang"
        return f"{person.name} tidak punya trip{when}, jadi belum ada yang saya kirim."
    if day is None and not places and len(trips) > 1 and not talked:
        # Not said which: his next trip, the one he needs first.
        trips = trips[:1]
    if len(trips) > 1:
        listed = "\n".join(f"• trip {_trip(b, ctx.today, at=False)}" for b in trips)
        return f"{person.name} punya beberapa trip:\n{listed}\nTrip yang mana yang dikabarkan?"
    try:
        booking = crew_service.resend_notice(ctx.deps, ctx.actor, trips[0].id, person)
    except NotFound as missing:
        return missing.message
    return (
        f"Baik, pemberitahuan trip {_trip(booking, ctx.today, at=False)} akan saya kirim ke "
        f"{person.name}, dengan tombol *Siap* / *Tidak bisa* untuk menjawabnya."
    )


# "slamet td knp", "joko tadi lapor apa", "ada laporan dari wahyu?": what a teammate
# reported today. A report word, or today's "td"/"tadi" with "knp"/"bilang"/"kabar"...;
# and a question.
_EARLIER = r"\b(?:td|tdi|tadi|barusan|bsn|hari\s+ini|hr\s+ini|pagi\s+ini)\b"
_WHAT_HAPPENED = (
    r"\b(?:knp|kenapa|napa|ngapa|ngapain|bilang|blg|ngomong|kabar|kabarnya|ngabarin|ngabari"
    r"|ada\s+apa|gmn|gimana|bagaimana)\b"
)
REPORT_WORD_RE = re.compile(r"\b(?:lapor\w*|ngelapor\w*|melapor\w*)\b", re.IGNORECASE)
REPORTED_RE = re.compile(
    rf"{_EARLIER}.*{_WHAT_HAPPENED}|{_WHAT_HAPPENED}.*{_EARLIER}", re.IGNORECASE
)
# Besides the name, all a "td knp" question says ("slamet td knp sih", "joko tadi bilang
# apa?"): anything more is another question ("jadwal joko hari ini gimana").
_REPORTED_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        """
    td tdi tadi barusan bsn hari hr ini pagi siang sore knp kenapa napa ngapa ngapain bilang
    blg ngomong kabar kabarnya ngabarin ngabari ada apa apaan gmn gimana bagaimana pak mas
    mbak mba bu bang kang si sih kok ya yg yang dia dianya itu min kak emang memang
    opo piye kenopo naon wingi
    """,
    )
)
# A report of the business, not a person's word ("laporan bulan ini", "laporan keuangan").
_BUSINESS_REPORT_RE = re.compile(
    r"\b(?:jadwal\w*|keuangan|uang|bulan\w*|minggu\w*|pemasukan|pengeluaran|untung|laba|omzet"
    r"|omset|pendapatan|rugi)\b",
    re.IGNORECASE,
)
REPORTED_ASKED_RE = re.compile(
    # Javanese "opo", "piye", "kenopo", Sundanese "naon": asked the same.
    rf"\?|\b(?:apa|apaan|knp|kenapa|napa|ngapa|ngapain|gmn|gimana|bagaimana|kah|opo|piye|kenopo"
    rf"|naon|{NO}|{NOT_YET})\b",
    re.IGNORECASE,
)


def reported(ctx: MessageContext, text: str) -> str | None:
    """ "slamet td knp", "joko tadi lapor apa": what that teammate answered, reported or
    passed on today, as the records keep it (their activity entries: a "tidak bisa" and
    its reason, a day off, a problem with a bus, word passed on through Keloia), each with
    its time; nothing recorded is said as such. For the owner and admins; None when the
    message does not ask this of one teammate."""
    if ctx.actor.role not in (Role.OWNER, Role.ADMIN):
        return None
    if not REPORTED_ASKED_RE.search(text) or _BUSINESS_REPORT_RE.search(text):
        return None
    said = re.findall(r"[a-z]+", text.casefold())
    named = _people_named(ctx, set(said))
    if len(named) != 1:
        return None
    person = named[0]
    if not REPORT_WORD_RE.search(text):
        own = set(name_key(person.name).split())
        if not REPORTED_RE.search(text) or not set(said) - own <= _REPORTED_WORDS:
            return None
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    start = datetime.combine(ctx.today, time(), tzinfo=zone)
    entries = crew_service.said_today(ctx.deps, ctx.actor, person, start)
    lines = [line for e in entries if (line := _said_line(ctx, e, zone))]
    if not lines:
        return (
            f"Hari ini belum ada laporan dari {person.name} yang tercatat: tidak ada kabar "
            "tidak bisa bertugas, izin, terlambat, kendala bus, biaya yang ia catat, atau pesan "
            "yang ia titipkan lewat saya."
        )
    return f"Yang disampaikan {person.name} hari ini:\n" + "\n".join(lines)


def _said_line(ctx: MessageContext, entry: ActivityEntry, zone: ZoneInfo) -> str | None:
    """ "• 09.12 tidak bisa bertugas di trip *PKK Caturtunggal* (...): "anak sakit"" for an
    entry that is the person's word; None for one that is not (a booking they typed in)."""
    snap = entry.snapshot

    def quoted(key: str) -> str:
        said = " ".join(str(snap.get(key) or "").split())
        return f': "{said}"' if said else ""

    def trip() -> str:
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, entry.entity_id)
        return f"trip {_trip(booking, ctx.today, at=False)}" if booking else "sebuah trip"

    bus = next((b.name for b in ctx.buses if b.id == entry.entity_id), "bus")
    if entry.action == CREW_DECLINED:
        what = f"tidak bisa bertugas di {trip()}{quoted('reason')}"
    elif entry.action == CREW_READY:
        what = f"siap bertugas di {trip()}"
    elif entry.action == CREW_DAY_OFF and snap.get("day"):
        day = day_label(date.fromisoformat(str(snap["day"])), ctx.today)
        what = f"izin tidak bisa bertugas {day}{quoted('reason')}"
    elif entry.action == CREW_BACK_ON_DUTY and snap.get("day"):
        day = day_label(date.fromisoformat(str(snap["day"])), ctx.today)
        what = f"membatalkan izinnya, bisa bertugas {day}{quoted('reason')}"
    elif entry.action == PROBLEM_REPORTED:
        what = f"melaporkan kendala {bus}{quoted('report')}"
    elif entry.action == DELAY_REPORTED:
        of = f" untuk {trip()}" if entry.entity == "booking" else ""
        what = f"mengabarkan terlambat{of}{quoted('said')}"
    elif entry.action == TRIP_OFFERED:
        what = f"menawarkan diri bertugas{quoted('said')}"
    elif entry.action == MESSAGE_RELAYED:
        what = f"meneruskan pesan ke {snap.get('to') or 'rekan tim'}{quoted('text')}"
    elif entry.action == "booking.completed":
        what = f"menandai {trip()} selesai"
    elif entry.action == ODOMETER_READ and snap.get("odometer_km") is not None:
        what = f"mencatat km {bus}: {format_km(int(snap['odometer_km']))}"
    elif entry.action == "trip_cost.recorded" and isinstance(snap.get("amount"), int):
        # A cost he recorded on the road is what he reported of it.
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, str(snap.get("booking_id")))
        of = f" untuk trip {_trip(booking, ctx.today, at=False)}" if booking else ""
        kind = CostCategory(snap["category"]).label if snap.get("category") else "lain-lain"
        what = f"mencatat biaya {kind} {format_rupiah(snap['amount'])}{of}{quoted('note')}"
    elif entry.action == "maintenance.logged" and snap.get("type"):
        done_on = next((b.name for b in ctx.buses if b.id == snap.get("bus_id")), "bus")
        cost = f" {format_rupiah(snap['cost'])}" if snap.get("cost") else ""
        kind = MaintenanceType(snap["type"]).label
        what = f"mencatat perawatan {done_on} ({kind}){cost}{quoted('description')}"
    else:
        return None
    return f"• {entry.at.astimezone(zone):%H.%M} {what}"


def _route_said(booking: Booking, said: set[str]) -> bool:
    words = set(re.findall(r"[a-z]+", crew.route(booking).casefold()))
    return bool(words & said)


def _people_named(ctx: MessageContext, said: set[str]) -> list[User]:
    """The active teammates (not the sender) whose name, its title left out, the message
    says: "Pak Joko" is named by "joko", never by "pak"."""
    return [
        u
        for u in ctx.team
        if u.active
        and u.id != ctx.actor.id
        and (key := name_key(u.name).split())
        and key[0] in said
    ]


# What a delay is passed on beside: something to record. A report or a relay carries his
# words already, a delay alone is report_delay, and money paid late is no lateness.
_NOT_BESIDE = frozenset(
    {Intent.REPORT_DELAY, Intent.REPORT_PROBLEM, Intent.RELAY_MESSAGE, Intent.RECORD_PAYMENT}
)


def late_beside(ctx: MessageContext, extraction: Extraction, told: str, text: str) -> str | None:
    """ "pak ban bocor di tol ngawi, telat kira2 1 jam. tambal ban 100rb": a driver running
    late says so beside something to record. The delay is passed on to `told` (the owner and
    admins) with his words and his trip of today, as a plain "telat 1 jam" is, before the
    rest is proposed; the thanks for it is returned. None when he says no delay."""
    if (
        ctx.actor.role is not Role.DRIVER
        or extraction.intent in _NOT_BESIDE
        or not running_late(text.lower())
    ):
        return None
    trip = crew_service.report_delay(ctx.deps, ctx.actor, text)
    about = f" soal trip {trip.client_name} hari ini" if trip is not None else ""
    return f"Kabar telatnya sudah saya teruskan ke {told}{about}. Hati-hati di jalan 🙏"
