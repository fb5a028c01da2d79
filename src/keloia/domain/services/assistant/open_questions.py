"""Answers to a question asked while an action waits that a yes cannot answer (a new
day, which buses), and conditions Keloia does not act on by itself ("kalo smp tgl 5 blm
dp batalin aja")."""

from __future__ import annotations

import re

from keloia.domain.errors import DomainError
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.clients import same_client
from keloia.domain.model.conversation import SLIP_RE, Conversation, PendingAction, plain_yes
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.moves import shift_said
from keloia.domain.model.payments import PaymentType, method_label
from keloia.domain.model.text import as_written, day_label
from keloia.domain.services.assistant import proposals, replies, smalltalk, targets
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import bookings_named


def cancel_later(ctx: MessageContext, f: ExtractedFields) -> str:
    """ "kalo smp tgl 5 blm dp batalin aja": Keloia does not act later on its own, so nothing
    is cancelled; the booking stays and the person is told what to send when the day comes."""
    live = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})
    found = bookings_named(ctx, f, live) if f.client_name else []
    when = f"sampai {day_label(f.date, ctx.today)}" if f.date else "nanti"
    if not found:
        return (
            "Pembatalan dengan syarat belum bisa saya jalankan sendiri. "
            f"Bila {when} syaratnya tidak terpenuhi, kirim *batal booking* + nama kliennya "
            "dan saya siapkan pembatalannya."
        )
    b = found[0]
    trip = f"{b.client_name} ({day_label(b.depart_date, ctx.today)})"
    return (
        f"Baik. Pembatalan dengan syarat belum bisa saya jalankan sendiri, jadi booking {trip} "
        f"tetap tercatat. Bila {when} syaratnya tidak terpenuhi, kirim *batal booking "
        f"{b.client_name}* dan saya siapkan pembatalannya."
    )


def crew_of_asked(pending: PendingAction, extraction: Extraction) -> str | None:
    """ "kernet joko slamet" while a new booking waits that Joko is not on: whether Joko
    drives it is asked, never guessed (nor Joko dropped)."""
    named = extraction.crew_of
    if not named or pending.extraction.intent is not Intent.CREATE_BOOKING:
        return None
    f = pending.extraction.fields
    if named.casefold() in {(f.driver or "").casefold(), (f.kernet or "").casefold()}:
        return None
    kernet = extraction.fields.kernet or ""
    return (
        f"{named} sopirnya dan {kernet} kernetnya? Kalau ya, tulis misalnya "
        f"*sopir {named.lower()} kernet {kernet.lower()}*."
    )


# The words that name a booking's price: "harganya 4,5jt" is the change's own.
_PRICE_WORD_RE = re.compile(r"\b(?:harga|hrg|hrga|tarif)")


def money_of_queued(
    ctx: MessageContext,
    conversation: Conversation,
    pending: PendingAction,
    extraction: Extraction,
    text: str,
) -> list[OutboundMessage] | None:
    """ "eh salah, 4,5jt" right after "pak hendra tf 4jt" was queued behind a waiting change
    ("harga bu dewi jd 6jt, sekalian dp 4jt tf bca"): the amount put right is the payment's,
    the one said last; never the waiting change's price."""
    said = extraction.fields.stated()
    money = [said[name] for name in ("price", "amount") if name in said]
    if not conversation.queue or len(said) != 1 or len(money) != 1:
        return None
    if pending.extraction.intent is Intent.CREATE_BOOKING:
        return None  # a new booking with no price yet: the sum is its price
    low = text.lower()
    if _PRICE_WORD_RE.search(low) or not SLIP_RE.search(low):
        return None  # only a slip owned ("eh salah, 4,5jt") puts the sum just said right
    *earlier, queued = conversation.queue
    if queued.intent is not Intent.RECORD_PAYMENT or queued.fields.amount is None:
        return None
    mended = queued.model_copy(
        update={"fields": queued.fields.model_copy(update={"amount": money[0]})}
    )
    conversation.queue = [*earlier, mended]
    said_back = f"Baik, {replies.pending_label(mended)}: saya catat sesudah yang ini."
    body = f"{said_back}\n\n{replies.still_waiting(pending)}"
    yes = replies.hold_wording(pending.extraction)[2]
    return [replies.confirmation(ctx.actor.phone, body, pending.id, yes)]


def of_queued_client(
    ctx: MessageContext,
    conversation: Conversation,
    pending: PendingAction,
    extraction: Extraction,
) -> list[OutboundMessage] | None:
    """ "eh yg bu rina tf bca ding" while Bu Dewi's DP waits with Bu Rina's pay-off queued
    behind it ("dp bu dewi 1jt sama pelunasan bu rina 2,2jt, semua cash"): the value put
    right is the queued payment's, never the waiting one moved to her."""
    said = extraction.fields.stated()
    named = said.pop("client_name", None)
    waiting = pending.extraction.fields.client_name
    if not named or not said or not waiting or same_client(named, waiting):
        return None
    at = [
        n
        for n, queued in enumerate(conversation.queue)
        if queued.fields.client_name and same_client(named, queued.fields.client_name)
    ]
    if len(at) != 1:
        return None
    queued = conversation.queue[at[0]]
    mended = queued.model_copy(
        update={"fields": ExtractedFields.model_validate(queued.fields.stated() | said)}
    )
    conversation.queue = [mended if n == at[0] else q for n, q in enumerate(conversation.queue)]
    method = mended.fields.method
    how = f" lewat {method_label(method)}" if method and "method" in said else ""
    said_back = f"Baik, {replies.pending_label(mended)}{how}: saya ajukan sesudah yang ini."
    body = f"{said_back}\n\n{replies.still_waiting(pending)}"
    yes = replies.hold_wording(pending.extraction)[2]
    return [replies.confirmation(ctx.actor.phone, body, pending.id, yes)]


def refund_of_queued(conversation: Conversation, merged: Extraction, said: Extraction) -> None:
    """ "eh potong 400rb aja, jd baliknya 3,8jt" while a cancellation waits with its refund
    queued behind it: the refund queued is the amount now said (and its way, when said),
    never the one first said."""
    f = said.fields
    if merged.intent is not Intent.CANCEL_BOOKING:
        return
    if f.amount is None and f.cancellation_fee is not None:
        # "eh potongane 1jt wae": the fee put right, so the refund is what is owed back
        # once the cancellation is recorded with it (money_plans.record_payment).
        f = f.model_copy(update={"amount": None, "payment_type": PaymentType.REFUND})
    elif f.amount is None:
        return
    if f.payment_type not in (None, PaymentType.REFUND):
        return
    mended = []
    for queued in conversation.queue:
        q = queued.fields
        same = not q.client_name or not merged.fields.client_name
        same = same or same_client(q.client_name or "", merged.fields.client_name or "")
        if queued.intent is Intent.RECORD_PAYMENT and q.payment_type is PaymentType.REFUND and same:
            update: dict[str, object] = {"amount": f.amount}
            update |= {"method": f.method} if f.method else {}
            queued = queued.model_copy(update={"fields": q.model_copy(update=update)})
        mended.append(queued)
    conversation.queue = mended


def day_to_come(pending: PendingAction, extraction: Extraction, text: str) -> bool:
    """ "ok" / "ok nanti dikabari" to "Diundur ke tanggal berapa?" (a trip put off, its new
    day asked): the day will be told later. Not a yes to anything (nothing is recorded),
    and the question is not asked again."""
    f = pending.extraction.fields
    # Only the day was asked: the change names its trip and nothing else to change.
    only_the_trip = not set(f.stated()) - {"client_name", "ref_date", "condition"}
    named = (f.client_name or "").lower() or "\0"  # its words are no verb ("PT Maju Mundur")
    waits_for_day = (
        bool(pending.asked)
        and pending.extraction.intent is Intent.UPDATE_BOOKING
        and only_the_trip
        and bool(f.condition or shift_said(pending.source_text.lower().replace(named, " ")))
    )
    return waits_for_day and _told_later(extraction, text)


def _told_later(extraction: Extraction, text: str) -> bool:
    """A yes or a "nanti dikabari" to a question a yes cannot answer: it will be told later."""
    if extraction.intent is Intent.CONFIRM:
        return True
    return extraction.intent is Intent.UNKNOWN and (plain_yes(text) or smalltalk.holding_on(text))


def kept_on_its_day(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction
) -> list[OutboundMessage]:
    """The put-off trip closed politely: nothing changes, it stays on its day."""
    conversation.drop_pending()
    try:
        booking = targets.target_of(ctx, pending.extraction.fields, pending.target_id)
    except DomainError:
        booking = None
    if booking is None:
        said = "Baik, tanggalnya tidak saya ubah. Kabari saya tanggal barunya begitu sudah pasti."
    else:
        day = day_label(booking.depart_date, ctx.today)
        said = (
            f"Baik, trip {booking.client_name} tidak saya ubah: tetap tercatat berangkat {day}. "
            "Kabari saya tanggal barunya begitu sudah pasti."
        )
    return [replies.text(ctx.actor.phone, said), *proposals.next_queued(ctx, conversation)]


def buses_to_come(pending: PendingAction, extraction: Extraction, text: str) -> bool:
    """ "ya" / "ok nanti dikabari" to "Sopir Joko dan Wahyu untuk bus yang mana?" (people
    named in order for a trip of several buses, the buses or who goes on which asked): a yes
    answers nothing there, so the question is not asked again; the crew waits for the
    buses."""
    f = pending.extraction.fields
    waits_for_buses = (
        bool(pending.asked)
        and pending.extraction.intent is Intent.UPDATE_BOOKING
        and len(f.crew or ()) > 1
        and not any(line.bus for line in f.crew or ())
        and not f.bus
        and not f.buses
    )
    return waits_for_buses and _told_later(extraction, text)


def crew_kept_out(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction
) -> list[OutboundMessage]:
    """The crew named in order closed politely: nothing is recorded until the buses are
    said."""
    conversation.drop_pending()
    f = pending.extraction.fields
    crew = f.crew or []
    said = " dan ".join(line.driver or line.kernet or "" for line in crew)
    role = "sopir" if crew[0].driver else "kernet"
    try:
        booking: Booking | None = targets.target_of(ctx, f, pending.target_id)
    except DomainError:
        booking = None
    whose = f" di trip {booking.client_name}" if booking is not None else ""
    client = as_written(booking.client_name).lower() if booking is not None else ""
    first = (crew[0].driver or crew[0].kernet or "").lower()
    had = booking.assignments if booking is not None else []
    chosen = [b.name for a in had for b in ctx.buses if b.id == a.bus_id]
    if booking is not None and chosen:
        why, then = "siapa di bus yang mana belum disebut", "siapa di bus yang mana"
    else:
        why, then = "busnya belum ditentukan", "busnya begitu sudah pasti"
    example = " ".join(w for w in (role, client, (chosen or ["bus 02"])[0].lower(), first) if w)
    text = (
        f"Baik, {role} {said} belum saya catat{whose}: {why}. "
        f"Kabari saya {then}, misalnya: *{example}*."
    )
    return [replies.text(ctx.actor.phone, text), *proposals.next_queued(ctx, conversation)]
