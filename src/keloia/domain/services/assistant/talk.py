"""A message that is neither a request nor a question the records answer: small talk,
a yes with nothing waiting, word to pass on, who may do what was refused, off-topic talk."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from keloia.domain.errors import DomainError
from keloia.domain.model import clients, news
from keloia.domain.model.alerts import MANAGERS
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.conversation import (
    PendingAction,
    plain_call_off,
    plain_yes,
    yes_among_words,
)
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import ROLE_LABELS, Role
from keloia.domain.model.text import as_written, day_label
from keloia.domain.services.assistant import (
    actions,
    contacts,
    crew_answers,
    problems,
    relay,
    replies,
    smalltalk,
)
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import find_bookings


def nothing_waits(ctx: MessageContext, just_saved: bool) -> str:
    """A yes with nothing waiting. Right after an answer to a question, "oke siap" only
    acknowledges it; otherwise it is said plainly that nothing waits, never claiming a
    record (the person may have meant something not taken as a request)."""
    if not just_saved and ctx.conversation.live_topic(ctx.deps.clock.now()) is not None:
        return replies.NOTED
    return replies.NOTHING_PENDING


# Whose question is passed on, by title before the asking word: "bu sri tanya ...".
_ASKER_RE = re.compile(r"\b(?:pak|bu|bapak|ibu|mas|mbak|mba|kak)\s+[a-z]+\b")
# A question of the trip itself: its pickup, its hour, its day.
_OF_THE_TRIP_RE = re.compile(
    r"\b(?:jemput\w*|berangkat\w*|brangkat\w*|brgkt\w*|pulang\w*|plg|jam|jm|pukul|pkl)\b"
)
_HOUR_RE = re.compile(r"\b(?:jam|jm|pukul|pkl)\s*(\d{1,2}(?:[.:]\d{2})?)\b")


def trip_enquiry(ctx: MessageContext, text: str) -> str | None:
    """A client's question about their trip passed on ("bu sri tanya bisa jemput jam 4
    ga"): nothing is changed; the trip as recorded (its pickup) is said so the sender can
    answer, and how to record the change once agreed, or that the client has no trip yet.
    None when it is no such question."""
    low = text.lower()
    asked = news.passed_on_question(low)
    if asked is None or not _OF_THE_TRIP_RE.search(low[asked.start() :]):
        return None
    asker = _ASKER_RE.search(low[: asked.start()])
    if asker is None:
        return None
    named = asker.group()
    coming = [
        b
        for b in find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=named)
        if b.return_date >= ctx.today
    ]
    if not coming:
        return (
            f"Baik, belum ada yang saya catat: {as_written(named).title()} belum punya trip "
            "di catatan. Kalau jadi pesan, kirim detailnya (tanggal, rute, jam jemput, harga)."
        )
    trip = coming[0]
    pickup = f"jemput jam {replies.clock(trip.pickup_time)}" if trip.pickup_time else ""
    place = f" di {as_written(trip.pickup_place)}" if trip.pickup_place else ""
    now = f"{pickup}{place}" or "jam jemputnya belum dicatat"
    hour = _HOUR_RE.search(low[asked.start() :])
    example = f"jemput {named} jadi jam {hour.group(1)}" if hour else f"jemput {named} jadi jam 6"
    return (
        f"Baik, belum ada yang saya ubah. Trip {trip.client_name} "
        f"{day_label(trip.depart_date, ctx.today)}: {now}. Kalau sudah disepakati, kirim "
        f"perubahannya, misalnya: *{example}*."
    )


def _cancelled_already(ctx: MessageContext, text: str) -> str | None:
    """ "karang taruna ternyata jadi, ga jadi batal" when that booking is already cancelled:
    never "it goes on" (it does not); how to book it again instead."""
    low = text.lower()
    if news.uncancelled(low) is None:
        return None
    named = clients.mentioned(low, ctx.clients) or clients.mentioned_by_kind(low, ctx.clients)
    if named is None:
        return None
    statuses = frozenset({BookingStatus.CANCELLED})
    found = find_bookings(
        ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=named[2], statuses=statuses
    )
    live = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=named[2])
    gone = [b for b in found if b.return_date >= ctx.today]
    if not gone or live:
        return None
    trip = gone[0]
    return (
        f"Booking {trip.client_name} ({day_label(trip.depart_date, ctx.today)}) sudah "
        "dibatalkan dan tidak bisa dikembalikan lewat chat. Kalau tripnya tetap jalan, kirim "
        "lagi bookingnya (tanggal, rute, bus, harga), lalu DP-nya."
    )


_ALERTS_ASKED_RE = re.compile(r"\b(?:peringatan\w*|alert\w*|notif\w*)\b")
_ASKED_RE = re.compile(r"\?|\b(?:apa|ada|brp|berapa|mana|apa\s+aja|cek)\b")
ALERTS_SHOWN = 5


def alerts_asked(ctx: MessageContext, text: str) -> str | None:
    """ "ada peringatan apa?" from the owner or an admin: their alerts not yet read, newest
    first, as the dashboard's Peringatan page lists them."""
    low = text.lower()
    if ctx.actor.role not in MANAGERS or not (
        _ALERTS_ASKED_RE.search(low) and _ASKED_RE.search(low)
    ):
        return None
    if re.search(
        r"\b(?:kir|stnk|pajak|asuransi|sim|izin|kps|dokumen\w*|surat\w*|servis|service)\b", low
    ):
        return None  # "peringatan kir apa aja": the papers expiring, asked (not the alerts)
    unread = sorted(
        ctx.uow.alerts.unread(ctx.actor.tenant_id, ctx.actor.id),
        key=lambda a: a.created_at,
        reverse=True,
    )
    if not unread:
        return "Tidak ada peringatan yang belum dibaca 👍"
    lines = [f"Peringatan yang belum dibaca ({len(unread)}):"]
    lines += [f"• {a.text}" for a in unread[:ALERTS_SHOWN]]
    if len(unread) > ALERTS_SHOWN:
        lines.append(f"…dan {len(unread) - ALERTS_SHOWN} lagi.")
    lines.append("Semuanya ada di dashboard, halaman Peringatan (/peringatan).")
    return "\n".join(lines)


def unknown(ctx: MessageContext, text: str, pending: PendingAction | None) -> str:
    """Not an action nor a question: greetings and thanks in kind, a plain yes with nothing
    waiting said so, off-topic talk pointed to what Keloia does."""
    if pending is None and (answered := relay.answer_to_relayed(ctx, text)) is not None:
        return answered
    hour = ctx.deps.clock.now().astimezone(ZoneInfo(ctx.tenant.settings.timezone)).hour
    social = (
        smalltalk.reply(text, ctx.actor, hour)
        or smalltalk.laughter(text)
        or smalltalk.remark_then_thanks(text, ctx.actor, hour)
    )
    if social is not None:
        return social  # what waits, if anything, is said after it
    if pending is None and plain_yes(text):
        just_done = ctx.conversation.recently_applied(ctx.deps.clock.now())
        return nothing_waits(ctx, just_done is not None)
    if pending is None and plain_call_off(text):
        return replies.nothing_to_call_off(ctx.actor.role)
    records_money = can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
    if (later := smalltalk.paid_later(text, records_money=records_money)) is not None:
        return later  # what waits, if anything, is said after it
    if records_money and (asked := trip_enquiry(ctx, text)) is not None:
        return asked  # what waits, if anything, is said after it
    if (gone := _cancelled_already(ctx, text)) is not None:
        return gone
    if (told := smalltalk.news_only(text, records=records_money)) is not None:
        return told  # what waits, if anything, is said after it
    if pending is not None and smalltalk.asks_if_done(text):
        # "trs jam jemputnya udh diganti?" while the change waits: not yet, and what waits.
        try:
            summary = actions.plan(ctx, pending.extraction, pending.target_id).summary
        except DomainError:
            summary = ""
        return "\n".join(["Belum, ini masih menunggu jawaban Anda:", summary]).strip()
    if pending is not None and smalltalk.holding_on(text) and "?" not in text:
        return "Baik, saya simpan dulu, belum dicatat."  # what waits is said after it
    now = ctx.deps.clock.now()
    if (
        pending is None
        and ctx.conversation.live_topic(now) is not None
        and smalltalk.thinking_first(text)
    ):
        # "bentar ya tak tanya pak budi dulu" right after an answer: time asked, nothing
        # waits; the next message may still lean on that answer.
        ctx.conversation.hold_topic(now)
        return "Baik, silakan. Kabari saya kalau sudah ada kepastiannya 🙏"
    if (who := _who_may(ctx, text)) is not None:
        return who
    if (relayed := _relay(ctx, text)) is not None:
        return relayed
    if (collect := relay.collect_said(ctx, text)) is not None:
        return collect
    if (news := problems.problem_news(ctx, text)) is not None:
        return news
    if (news := crew_answers.cash_news(ctx, text, problems.told_of_problems(ctx))) is not None:
        return news
    if (asked := smalltalk.what_if(text, ctx.actor, ctx.team)) is not None:
        return asked
    if (road := smalltalk.on_the_road(text, ctx.actor)) is not None:
        return road  # what waits, if anything, is said after it
    if (standing := alerts_asked(ctx, text)) is not None:
        return standing
    if (how := smalltalk.how_to_answer_a_trip(text, ctx.actor)) is not None:
        return how
    if (number := contacts.answer(text, ctx.actor, ctx.team)) is not None:
        return number
    if (number := contacts.client_number(ctx, text)) is not None:
        return number
    if (number := contacts.crew_numbers(ctx, text)) is not None:
        return number
    if pending is not None and yes_among_words(text):
        # "udh fix batal mbak": what waits is said after it, with how to confirm it.
        return "Belum saya catat: cukup balas *ya* saja, tanpa kata lain."
    if (discount := smalltalk.discount_asked(text, records_money=records_money)) is not None:
        return discount
    return smalltalk.off_topic(text, ctx.tenant.name) or replies.not_understood(ctx.actor.role)


# "tolong sampaikan ke pak budi nggih": passing word on to someone of the PO.
_RELAY_RE = re.compile(rf"\b(?:{relay.PASS_ON}|terusin|teruskan|infokan|infoin)\b")


# "oke tak kabari klien nya dulu ya", "nanti sy sampaikan ke orangnya": the sender will
# pass the word on herself (Javanese "tak", I), nothing asked of the assistant.
_SELF_RELAY_RE = re.compile(
    r"\b(?:tak|tk|sy|saya|aku|aq|ak|gw|gue|ku)\s+(?:(?:yg|yang|aja|dulu)\s+)?"
    rf"(?:{relay.PASS_ON}|infokan|infoin)\b"
)


# What the last answer said it passed on: a driver's "tidak bisa" or a problem report.
_TOLD_RE = re.compile(r"sudah saya teruskan ke (?P<to>[^.;]+)")


def _relay(ctx: MessageContext, text: str) -> str | None:
    """ "tolong sampaikan ke pak budi": right after the bot passed a report on, that it
    did; otherwise what to pass on is asked (said with it, it is proposed: relay.py)."""
    if not _RELAY_RE.search(text.lower()):
        return None
    if _SELF_RELAY_RE.search(text.lower()):
        return "Baik, silakan 👍"
    said = [t.text for t in ctx.conversation.turns if t.speaker == "bot"]
    told = _TOLD_RE.search(said[-1]) if said else None
    if told is not None:
        who = told.group("to").strip()
        return f"Sudah 👍 Tadi sudah saya teruskan ke {who}."
    return relay.what_to_pass_on(ctx, text)


# "trus yg bisa nyatet siapa?" right after "Maaf, ... hanya bisa diubah pemilik."
_WHO_MAY_RE = re.compile(r"\b(?:siapa|sapa|sp|spa)\b")


_REFUSED_TO_RE = re.compile(r"^Maaf, .*\bhanya\b(?P<who>.*)$")


def _who_may(ctx: MessageContext, text: str) -> str | None:
    """Who may do what the last answer refused, by name, when that is asked next."""
    if not _WHO_MAY_RE.search(text.lower()):
        return None
    said = [t.text for t in ctx.conversation.turns if t.speaker == "bot"]
    refused = _REFUSED_TO_RE.match(said[-1]) if said else None
    if refused is None:
        return None
    roles = [r for r in (Role.OWNER, Role.ADMIN) if ROLE_LABELS[r] in refused.group("who")]
    people = [
        f"{ROLE_LABELS[r]} ({', '.join(u.name for u in ctx.team if u.role is r and u.active)})"
        for r in roles
        if any(u.role is r and u.active for u in ctx.team)
    ]
    if not people:
        return None
    return f"Yang bisa: {' dan '.join(people)}. Silakan sampaikan ke beliau."
