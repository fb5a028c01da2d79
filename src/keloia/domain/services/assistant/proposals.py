"""Confirm before save: an action is checked and proposed, waits for its "ya" (or a
tap), is applied once, and what was queued behind it comes next. A new action while one
waits is held, never dropped."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from keloia.domain.errors import DomainError, NotFound, ScheduleConflict, WarningsNotAcknowledged
from keloia.domain.model import crew
from keloia.domain.model.action_words import ACTIONS, OTHER_ACTION
from keloia.domain.model.activity import MessageSource
from keloia.domain.model.channel import InboxItem
from keloia.domain.model.clients import same_client, same_person
from keloia.domain.model.conversation import Conversation, PendingAction
from keloia.domain.model.intents import SURE_READING, ExtractedFields, Extraction, Intent
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.moves import change_asked
from keloia.domain.model.payments import PAYMENT_LABELS, PaymentType, format_rupiah
from keloia.domain.model.text import as_written, day_label
from keloia.domain.services import bookings
from keloia.domain.services.assistant import (
    actions,
    booking_plans,
    choice,
    crew_answers,
    relay,
    replies,
    resolve,
    targets,
    topics,
    undo,
)
from keloia.domain.services.assistant import papers as paper_chat
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.plans import NeedMore


def merged_correction(before: ExtractedFields, correction: ExtractedFields) -> dict[str, object]:
    """Merge a correction; moving the departure of a multi-day trip moves its return too,
    and a new driver or kernet of a booking with crew per bus goes to the bus the
    correction names ("bus 02 sopirnya wahyu aja"), else to the first."""
    merged = before.stated() | correction.stated()
    moved = correction.depart_date is not None and correction.return_date is None
    if moved and before.depart_date and before.return_date and correction.depart_date:
        length = before.return_date - before.depart_date
        merged["return_date"] = (correction.depart_date + length).isoformat()
    ahead = correction.date is not None and correction.date_to is None
    if (
        ahead
        and before.date
        and before.date_to
        and correction.date
        and correction.date > before.date_to
    ):
        # "ora sido sesuk, rebo wae" while a workshop stay of tomorrow waits: the stay moves,
        # as long as it was (its old end would come before its new start).
        merged["date_to"] = (correction.date + (before.date_to - before.date)).isoformat()
    placed = before.crew and all(line.bus for line in before.crew)
    if placed and not correction.crew and (correction.driver or correction.kernet):
        lines = [line.model_dump(exclude_none=True) for line in before.crew or []]
        named = correction.bus or lines[0]["bus"]
        line = next((x for x in lines if resolve.bus_key(x["bus"]) == resolve.bus_key(named)), None)
        if line is None:
            line = {"bus": named}
            lines.append(line)
        line.update(correction.model_dump(include={"driver", "kernet"}, exclude_none=True))
        merged["crew"] = lines
        if before.bus:
            merged["bus"] = before.bus  # the bus named is the one whose crew changes
    if before.documents and not correction.documents and correction.date:
        # "yg stnk bus 03 salah, harusnya 15 mei 2027" while two papers wait: that paper's
        # date, the others as they were.
        merged.update(_paper_put_right(before, correction))
    if before.readings and not correction.readings and correction.odometer_km and correction.bus:
        # "eh bus 04 nya 166.800" while two readings wait: that bus's reading.
        merged.update(_reading_put_right(before, correction.bus, correction.odometer_km))
    if correction.replaced_bus and correction.bus:
        swapped = _swapped(before, correction.replaced_bus, correction.bus)
        if swapped:
            merged.pop("replaced_bus", None)
            merged.update(swapped)
    let_go = correction.replaced_bus and not (correction.bus or correction.buses)
    if let_go and correction.replaced_bus and (before.buses or before.bus):
        # "jd 2 bus aja, bus 02 ga jadi" while a new booking of three waits: that bus and
        # its crew taken off it (a saved booking lets it go in booking_plans); the one bus
        # of a new booking let go leaves it waiting for a bus.
        merged.pop("replaced_bus", None)
        merged.update(_without(before, correction.replaced_bus, correction.bus_count))
    return merged


def _reading_put_right(before: ExtractedFields, bus: str, km: int) -> dict[str, object]:
    lines = [line.model_dump(exclude_none=True, mode="json") for line in before.readings or []]
    meant = [x for x in lines if resolve.bus_key(str(x.get("bus", ""))) == resolve.bus_key(bus)]
    if len(meant) != 1:
        return {}
    meant[0]["odometer_km"] = km
    return {"readings": lines, "bus": lines[0]["bus"], "odometer_km": lines[0]["odometer_km"]}


def _paper_put_right(before: ExtractedFields, correction: ExtractedFields) -> dict[str, object]:
    lines = [line.model_dump(exclude_none=True, mode="json") for line in before.documents or []]

    def fits(line: dict[str, object]) -> bool:
        kind = correction.document_kind
        if kind is not None and line.get("document_kind") != kind.value:
            return False
        if correction.bus and resolve.bus_key(str(line.get("bus", ""))) != resolve.bus_key(
            correction.bus
        ):
            return False
        return (
            not correction.driver
            or str(line.get("driver", "")).lower() == correction.driver.lower()
        )

    meant = [line for line in lines if fits(line)]
    if len(meant) != 1 or correction.date is None:
        return {}
    meant[0]["date"] = correction.date.isoformat()
    first = lines[0]
    # The single fields hold the first paper, as when it was read.
    kept = {"document_kind": first.get("document_kind"), "date": first.get("date")}
    kept |= {k: first[k] for k in ("bus", "driver") if k in first}
    return {"documents": lines, **kept}


def _without(before: ExtractedFields, bus: str, count: int | None) -> dict[str, object]:
    """A waiting booking's buses and crew without `bus`, and how many buses it keeps."""
    key = resolve.bus_key(bus)
    buses = [b for b in before.buses or [before.bus or ""] if b and resolve.bus_key(b) != key]
    crew = [
        line.model_dump(exclude_none=True)
        for line in before.crew or []
        if resolve.bus_key(line.bus or "") != key
    ]
    had = max(before.bus_count or 0, len(before.buses or []), 1)
    # (A list holds two or more: one bus left is the booking's bus alone.)
    out: dict[str, object] = {
        "buses": buses if len(buses) > 1 else None,
        "bus": buses[0] if buses else None,
        "crew": crew if len(crew) > 1 else None,
    }
    out["bus_count"] = count or max(1, had - 1)
    one = crew[0] if crew else {}
    out["driver"] = one.get("driver") if crew else (before.driver if buses else None)
    out["kernet"] = one.get("kernet") if crew else (before.kernet if buses else None)
    return out


def _swapped(before: ExtractedFields, old: str, new: str) -> dict[str, object]:
    """ "yg srikandi ganti bus 02" while a booking of several buses waits: that bus is
    swapped for the other in its list and its crew line, the crew kept. A bus the waiting
    action does not name is the saved booking's, left to the change (`replaced_bus`)."""
    key = resolve.bus_key(old)
    buses = before.buses or []
    if not any(resolve.bus_key(b) == key for b in [*buses, before.bus or ""]):
        return {}
    swapped: dict[str, object] = {}
    swapped["bus"] = new if resolve.bus_key(before.bus or "") == key else before.bus
    if buses:
        swapped["buses"] = [new if resolve.bus_key(b) == key else b for b in buses]
    if before.crew:
        lines = [line.model_dump(exclude_none=True) for line in before.crew]
        for line in lines:
            if line.get("bus") and resolve.bus_key(line["bus"]) == key:
                line["bus"] = new
        swapped["crew"] = lines
    return swapped


def reminding(answer: OutboundMessage, pending: PendingAction | None) -> OutboundMessage:
    """An answer to something else, with the short reminder of what still waits."""
    if pending is None:
        return answer
    return answer.model_copy(update={"body": answer.body + "\n\n" + replies.still_waiting(pending)})


def take_up(
    ctx: MessageContext, conversation: Conversation, refused: PendingAction, extraction: Extraction
) -> list[OutboundMessage]:
    """After a clash refusal: "ok pake bus 04 aja" proposes the same action with bus 04; a
    "ya" saves nothing (nothing was proposed) and says so; a no lets it go."""
    to = ctx.actor.phone
    if extraction.intent is Intent.REJECT:
        conversation.refused = None
        return [replies.text(to, replies.REFUSED_DROPPED)]
    if extraction.intent is Intent.CONFIRM:
        said = replies.CLIENT_UNKNOWN_NOT_SAVED if refused.client_unknown else None
        said = said or (replies.CREW_REFUSED_NOT_SAVED if refused.crew_clash else None)
        return [replies.text(to, said or replies.REFUSED_NOT_SAVED)]
    conversation.refused = None
    corrected = ExtractedFields.model_validate(
        merged_correction(refused.extraction.fields, extraction.fields)
    )
    merged = refused.extraction.model_copy(update={"fields": corrected})
    # A correction naming another client or day names another booking: found anew.
    names_other = {"client_name", "ref_date"} & set(extraction.fields.stated())
    target = None if names_other else refused.target_id
    return propose(ctx, conversation, merged, target, refused.media_id)


def renames(refused: PendingAction, extraction: Extraction) -> bool:
    """ "yowes pak gatot pake bus 03 aja" right after Pak Gatot's new booking was refused for
    its bus: a change naming the refused booking's client is the refused booking changed (it
    was never saved, so no saved one of his is meant)."""
    new, said = refused.extraction, extraction.fields.stated()
    # What clashed put right (the bus, or the crew), with the hour or pickup beside it; a day
    # or a place said names a saved trip ("bu dewi yg tgl 4 pake bus 03"), and so does a
    # change of something that did not clash ("bu dewi sopirnya wahyu" after her bus clashed).
    fix = {"driver", "kernet"} if refused.crew_clash else {"bus"}
    return (
        new.intent is Intent.CREATE_BOOKING
        and extraction.intent is Intent.UPDATE_BOOKING
        and set(said) <= {"client_name", "bus", "driver", "kernet", "depart_time", "pickup_place"}
        and bool(fix & set(said))
        and same_person(new.fields.client_name or "", extraction.fields.client_name or "")
    )


def once(answers: list[OutboundMessage]) -> list[OutboundMessage]:
    """Requests refused for one reason ("harga bu tini jd 5jt sekalian dp 1jt": no such
    booking) are told so once."""
    return [a for i, a in enumerate(answers) if i == 0 or a != answers[i - 1]]


def tell_next(proposal: list[OutboundMessage], more: list[Extraction]) -> list[OutboundMessage]:
    """The first of several proposals says what follows, so nothing said seems dropped."""
    if not more or not proposal:
        return proposal
    names = ", ".join(replies.pending_label(e) for e in more)
    first, *rest = proposal
    note = f"\n\n_Sesudah ini saya tanyakan juga: {names}._"
    return [first.model_copy(update={"body": first.body + note}), *rest]


def books_first(pending: PendingAction, new: Extraction) -> bool:
    """A payment waits for its booking to be picked, and a new booking of the same client is
    said: the booking the payment is for (targets.ask_when_all_paid asks exactly that)."""
    paying = pending.extraction
    return (
        bool(pending.choices)
        and paying.intent is Intent.RECORD_PAYMENT
        and new.intent is Intent.CREATE_BOOKING
        and same_client(paying.fields.client_name or "", new.fields.client_name or "")
    )


# Changes whose request typed again with another value means the other value instead.
_RETYPED = (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING)
# The days that say which trip: a request typed again names the same one.
_WHICH_TRIP = ("ref_date", "depart_date", "return_date", "date")
# "nambah 1 bus lagi", "booking juga tgl 22", "diskon lagi 100rb": one more, not instead.
_ONE_MORE_RE = re.compile(r"\b(?:lagi|lg|juga|jg|sekalian|pisan|maneh|meneh)\b")


def retyped_instead(pending: PendingAction, new: Extraction, text: str) -> bool:
    """ "pkk besok nambah 1 bus pake bus 05", warned it is in the workshop, then "pkk besok
    nambah 1 bus pake bus 01": the same request of the same client for the same trip, typed
    again nearly word for word with another value, is the request put right (what waits is
    replaced, and the person is told so), never a second one queued behind it. "Lagi",
    "juga" say one more."""
    waiting = pending.extraction
    if pending.choices or pending.asked or new.intent not in _RETYPED:
        return False
    if new.intent is not waiting.intent or new.more or _ONE_MORE_RE.search(text.lower()):
        return False
    before, now = waiting.fields.stated(), new.fields.stated()
    client_before, client_now = before.get("client_name", ""), now.get("client_name", "")
    if not (client_before and client_now and same_client(client_before, client_now)):
        return False
    if before.keys() != now.keys() or before == now:
        return False
    if any(before.get(key) != now.get(key) for key in _WHICH_TRIP):
        return False
    said_before = pending.source_text.lower()
    return difflib.SequenceMatcher(None, said_before, text.lower()).ratio() >= 0.8


# What names a trip to change, and nothing of the change itself.
_TRIP_NAMED = frozenset({"client_name", "ref_date", "route_to", "bus"})


def answers_what_lacked(pending: PendingAction, new: Extraction) -> bool:
    """ "yaudah bus 04 tambahin buat pkk besok, sopirnya slamet" while "Apa yang mau diubah
    dari booking itu?" waits for the trip to Borobudur tomorrow: the change it lacked, of
    the same trip (no day said otherwise), proposed in its place; never queued behind a
    question that no "ya" can answer."""
    waiting = pending.extraction
    if not pending.asked or pending.choices:
        return False
    if waiting.intent is not Intent.UPDATE_BOOKING or new.intent is not Intent.UPDATE_BOOKING:
        return False
    before, now = waiting.fields.stated(), new.fields.stated()
    if set(before) - _TRIP_NAMED or not set(now) - _TRIP_NAMED:
        return False
    return all(now.get(key, before[key]) == before[key] for key in _WHICH_TRIP if key in before)


def hold(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction, extraction: Extraction
) -> list[OutboundMessage]:
    """A new action while one waits: the new one is queued, the waiting one is asked about
    again (with its buttons), so neither is dropped. The same request typed again is not
    queued twice."""
    same = extraction.model_copy(update={"confidence": 0.0, "source": "rules"})
    known = [pending.extraction, *conversation.queue]
    if any(same == e.model_copy(update={"confidence": 0.0, "source": "rules"}) for e in known):
        body = "Itu sama dengan yang sedang menunggu konfirmasi (belum disimpan).\n"
        body += replies.still_waiting(pending)
        return [replies.confirmation(ctx.actor.phone, body, pending.id)]
    conversation.queue = [*conversation.queue, targets.pinned_to_decline(ctx, extraction)]
    if pending.choices or pending.asked:
        # Nothing to say "ya" to yet: what it lacks is asked again.
        lacking = pending.asked or "pilih bookingnya dulu (balas nomornya)."
        body = (
            f"Sebentar, *{replies.pending_label(pending.extraction)}* belum lengkap: "
            f"{lacking} Jawab dulu atau balas *batal*; sesudah itu saya lanjutkan dengan "
            f"{replies.pending_label(extraction)}."
        )
        return [replies.text(ctx.actor.phone, body)]
    not_yet, verb, yes = replies.hold_wording(pending.extraction)
    body = (
        f"Sebentar, *{replies.pending_label(pending.extraction)}* {not_yet}. "
        f"Balas *ya* untuk {verb} atau *batal* untuk membuangnya; sesudah itu saya "
        f"lanjutkan dengan {replies.pending_label(extraction)}."
    )
    return [replies.confirmation(ctx.actor.phone, body, pending.id, yes)]


def _new_trip_described(extraction: Extraction) -> Extraction | None:
    """A change for a client with no booking that describes a whole trip (where to, the
    day, the price or the bus) is that trip, booked: a client's own message forwarded ("mau
    konfirmasi booking ya. Atas nama Bapak Sutrisno ... ke Pangandaran tanggal 26 Desember
    ... jadi 1 bus ... 8,5 juta") reads like a change but asks for a new booking; the number
    it gives ("Nomor hp saya 0813-2222-3333") is the client's."""
    f = extraction.fields
    day = f.depart_date or f.ref_date
    if extraction.intent is not Intent.UPDATE_BOOKING or not f.client_name:
        return None
    # "pak yanto tgl 20 des jogja - semarang pake bus 03": the bus is the trip's too, its
    # price asked after (never "Booking Pak Yanto tidak ditemukan").
    if not (f.route_to and day and (f.price or f.bus or f.buses or f.bus_count)):
        return None
    phone = f.client_phone or extraction.said_phone
    fields = f.model_copy(update={"depart_date": day, "ref_date": None, "client_phone": phone})
    return extraction.model_copy(
        update={"intent": Intent.CREATE_BOOKING, "fields": fields, "said_phone": None}
    )


def next_queued(ctx: MessageContext, conversation: Conversation) -> list[OutboundMessage]:
    """Once nothing waits, the next queued action is proposed."""
    if conversation.pending is not None or not conversation.queue:
        return []
    following, *rest = conversation.queue
    conversation.queue = rest
    # The talk moves on to the next request: the record just done (or the answer just
    # given) is no longer what a bare answer leans on ("tgl 6" to "Bu Dewi diundur ke
    # tanggal berapa?" right after Pak Hendra's cancellation is Bu Dewi's new day).
    conversation.topic = None
    try:
        return propose(ctx, conversation, following, None)
    except DomainError as error:
        # Refused before anything is written: said, and the one after it proposed.
        return [replies.text(ctx.actor.phone, error.message), *next_queued(ctx, conversation)]


def propose(
    ctx: MessageContext,
    conversation: Conversation,
    extraction: Extraction,
    target_id: str | None,
    media_id: str = "",
) -> list[OutboundMessage]:
    """Check the action now, keep it pending, and ask the person to confirm it."""
    to = ctx.actor.phone
    extraction, target_id = relay.as_trip_change(ctx, extraction, target_id)
    pending_id = ctx.deps.ids.new_id()
    conversation.propose(pending_id)
    now = ctx.deps.clock.now()
    asked = ctx.deps.joined.source if ctx.deps.joined is not None else None
    keep = PendingAction(
        id=pending_id,
        extraction=extraction,
        target_id=target_id,
        proposed_at=now,
        media_id=media_id,
        source_message_id=asked.wa_message_id if asked else "",
        source_text=asked.text if asked else "",
    )
    try:
        plan = actions.plan(ctx, extraction, target_id)
    except NotFound:
        described = _new_trip_described(extraction)
        if described is None or target_id is not None:
            raise
        return propose(ctx, conversation, described, None, media_id)
    except NeedMore as question:
        said = question.message
        if said == booking_plans.WHAT_CHANGES and keep.source_text:
            # "pak hendra tujuan ganti": what changes is said, only not to what.
            whose = as_written(extraction.fields.client_name or "")
            said = change_asked(keep.source_text, whose) or said
        # Kept pending, so the answer ("tgl 15") completes it as a correction.
        conversation.pending = keep.model_copy(update={"asked": said})
        return [replies.text(to, said)]
    except Ambiguous as question:
        conversation.pending = keep.model_copy(
            update={"choices": [b.id for b in question.candidates]}
        )
        return [choice.ask(to, pending_id, question, ctx.today)]
    warnings: list[str] = []
    try:
        plan.check()
    except WarningsNotAcknowledged as warned:
        warnings = warned.warnings
    except ScheduleConflict as conflict:
        # Proposing a clashing booking on WhatsApp is an attempt: the managers hear of it.
        ctx.uow.record_refusal(bookings.conflict_refused(ctx.actor, conflict))
        raise
    if plan.proposed is not None:
        proposed = extraction.model_copy(update={"fields": plan.proposed})
        keep = keep.model_copy(update={"extraction": proposed})
    conversation.pending = keep.model_copy(update={"target_id": plan.target_id})
    body = plan.summary
    if media_id:
        body += "\n• Lampiran: foto/berkas yang Anda kirim disimpan bersama catatan ini."
    if warnings:
        body += "\n\n⚠️ Perhatian: " + " ".join(warnings)
    clear_here = plan.clear or targets.named_by_decline(ctx, extraction, plan.target_id)
    if extraction.confidence < SURE_READING and not clear_here:
        # Read without certainty (the rules unsure with no Claude to ask, or Claude unsure):
        # the person is told to check it, not only asked to confirm it.
        body += f"\n\n{replies.UNSURE_READING}"
    verb, yes = replies.yes_wording(extraction)
    if conversation.pending.awaits_price:
        # The price may come hours later, from the client: the proposal waits for it.
        body += (
            "\n\nBenar? Harganya belum ada: kirim harganya bila sudah disepakati, atau "
            "balas *ya* untuk mencatatnya dulu tanpa harga."
        )
    else:
        body += f"\n\nBenar? Balas *ya* untuk {verb}, atau tulis koreksinya."
    return [replies.confirmation(to, body, pending_id, yes)]


def apply(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction
) -> list[OutboundMessage]:
    if pending.source_text:
        # The plan is made again from the words that asked for it, as when it was shown,
        # not from the "ya" ("hapus yg barusan, orgnya ga jadi" is the client's cancellation).
        ctx = replace(ctx, text=pending.source_text)
    changed = changed_since(ctx, pending)
    if changed:
        # Someone else changed the booking after this was proposed: a plain "ya" never
        # undoes their decision unseen. What they changed is said, and the proposal is put
        # again against the booking as it is now (or dropped with "batal").
        first, *rest = propose(
            ctx, conversation, pending.extraction, pending.target_id, pending.media_id
        )
        return [first.model_copy(update={"body": f"{changed}\n\n{first.body}"}), *rest]
    try:
        plan = actions.plan(ctx, pending.extraction, pending.target_id)
    except (NeedMore, Ambiguous):
        # "ya" to a question or a list: the question (or list) again, still pending.
        return propose(ctx, conversation, pending.extraction, pending.target_id, pending.media_id)
    since = fleet_since(ctx, pending) or paid_since(ctx, pending, plan.target_id)
    if since:
        first, *rest = propose(
            ctx, conversation, pending.extraction, pending.target_id, pending.media_id
        )
        return [first.model_copy(update={"body": f"{since}\n\n{first.body}"}), *rest]
    if ctx.deps.joined is not None and pending.source_message_id:
        # What is applied now was asked in an earlier message: the trail keeps that one.
        ctx.deps.joined.source = MessageSource(pending.source_message_id, pending.source_text)
    done = plan.apply()
    done_on = plan.target_id or pending.target_id
    conversation.mark_applied(
        pending.model_copy(update={"target_id": done_on}), ctx.deps.clock.now()
    )
    if done_on and (saved := ctx.uow.bookings.get(ctx.actor.tenant_id, done_on)):
        # "sopirnya sekalian slamet ya" right after moving Bu Dewi's trip leans on it.
        topics.about_booking(ctx, conversation, saved)
    elif pending.extraction.intent in topics.BUS_ACTIONS and pending.extraction.fields.bus:
        # "ganti oli lagi kapan" right after Bus 03's km is about Bus 03.
        bus = ExtractedFields(bus=pending.extraction.fields.bus)
        topics.talked_about(ctx, conversation, Intent.QUERY_BUS_STATUS, bus)
    elif pending.extraction.intent is Intent.RECORD_DOCUMENT:
        # "yg lain ada yg mau abis ga?" right after Bus 01's KIR renewed: the papers.
        said = pending.extraction.fields
        paper = ExtractedFields(bus=said.bus, driver=said.driver, document_kind=said.document_kind)
        topics.talked_about(ctx, conversation, Intent.QUERY_DOCUMENTS, paper)
    answers = [replies.text(ctx.actor.phone, done)]
    if pending.extraction.intent is Intent.RECORD_PAYMENT and plan.target_id:
        answers += paper_chat.after_payment(ctx, plan.target_id, pending.media_id)
    return answers + next_queued(ctx, conversation)


def applied_too(
    ctx: MessageContext, conversation: Conversation, replied: list[OutboundMessage]
) -> list[OutboundMessage]:
    """ "dua2nya catet": the action proposed next, right after the first was applied, is
    applied as well, its own summary not asked of again. Left waiting when it needs an
    answer first (a choice, a missing value) or was refused."""
    following = conversation.pending
    if following is None or following.choices or following.asked or not replied:
        return replied
    asked = replied[-1]
    if not asked.buttons or "⚠️" in asked.body or replies.UNSURE_READING in asked.body:
        return replied  # a warning or an unsure reading is read before its own yes
    return [*replied[:-1], *apply(ctx, conversation, following)]


# The proposals that change a booking, and the changes by another person that make a "ya"
# to them stale.
_CHANGES_BOOKING = frozenset({Intent.UPDATE_BOOKING, Intent.CANCEL_BOOKING})
_CHANGED_BY_OTHERS = frozenset({"booking.updated", "booking.cancelled", "booking.corrected"})


def changed_since(ctx: MessageContext, pending: PendingAction) -> str:
    """What another person changed on the booking a waiting proposal is about since it was
    proposed ("Pak Budi mengubah booking ini jam 08.02: bus Bus 04 → Srikandi"), or ""."""
    if pending.extraction.intent not in _CHANGES_BOOKING or not pending.target_id:
        return ""
    since = [
        e
        for e in ctx.uow.activity.all(ctx.actor.tenant_id, entity_id=pending.target_id)
        if e.action in _CHANGED_BY_OTHERS
        and e.at > pending.proposed_at
        and e.actor_id is not None
        and e.actor_id != ctx.actor.id
    ]
    if not since:
        return ""
    lines = []
    for e in since:
        assert e.actor_id is not None
        what = ", ".join([*undo.booking_changes(ctx, e), *_crew_changed(ctx, e.snapshot)])
        did = _someone_did(ctx, e.actor_id, ACTIONS.get(e.action, OTHER_ACTION), e.at)
        lines.append(did + (f": {what}" if what else ""))
    return (
        "⚠️ Sejak usulan Anda dibuat, booking ini sudah diubah orang lain:\n"
        + "\n".join(lines)
        + "\nUsulan Anda belum saya catat. Berikut usulan yang sama, disesuaikan dengan data"
        " terbaru; balas *ya* bila tetap mau, atau *batal*."
    )


# The proposals that put a bus on a trip, and a bus's status changed by another person
# ("masuk bengkel tgl 14 nganti 16") that a "ya" to them must not pass over unseen.
_GIVES_A_BUS = frozenset({Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING})


def fleet_since(ctx: MessageContext, pending: PendingAction) -> str:
    """What another person did to the bus a waiting booking (or change) puts on the trip,
    since it was proposed ("Pak Budi mengubah status bus jam 10.05"), or ""."""
    f = pending.extraction.fields
    named = [n for n in (f.bus, *(f.buses or [])) if n]
    if pending.extraction.intent not in _GIVES_A_BUS or not named:
        return ""
    buses = {b.id: b for n in named if (b := resolve.find_bus(ctx.buses, n)) is not None}
    lines = [
        _someone_did(
            ctx,
            e.actor_id,
            f"{ACTIONS.get(e.action, OTHER_ACTION)} {buses[e.entity_id].name}",
            e.at,
        )
        for bus_id in buses
        for e in ctx.uow.activity.all(ctx.actor.tenant_id, entity_id=bus_id)
        if e.action == "bus.status"
        # (Within the same instant, the entry made after the proposal: ids are made in order.)
        and (e.at > pending.proposed_at or (e.at == pending.proposed_at and e.id > pending.id))
        and e.actor_id is not None
        and e.actor_id != ctx.actor.id
    ]
    if not lines:
        return ""
    return (
        "⚠️ Sejak usulan Anda dibuat, busnya diubah orang lain:\n"
        + "\n".join(lines)
        + "\nUsulan Anda belum saya catat. Berikut usulan yang sama dengan data terbaru; balas"
        " *ya* bila tetap mau, atau tulis koreksinya."
    )


def paid_since(ctx: MessageContext, pending: PendingAction, booking_id: str | None) -> str:
    """Money recorded on the booking a waiting payment goes to, by someone else since it
    was proposed, or "": the same transfer told by two people is not counted twice on a
    plain "ya"."""
    if pending.extraction.intent is not Intent.RECORD_PAYMENT or booking_id is None:
        return ""
    since = [
        p
        for p in ctx.uow.payments.for_booking(ctx.actor.tenant_id, booking_id)
        if p.created_at > pending.proposed_at and p.recorded_by != ctx.actor.id
    ]
    if not since:
        return ""
    lines = [
        _someone_did(
            ctx,
            p.recorded_by,
            f"mencatat {_money_kind(p.type)} {format_rupiah(p.amount)}",
            p.created_at,
        )
        for p in since
    ]
    return (
        "⚠️ Sejak usulan Anda dibuat, sudah ada pembayaran lain yang dicatat untuk booking ini:\n"
        + "\n".join(lines)
        + "\nUsulan Anda belum saya catat. Bila itu uang yang sama, balas *batal*; bila"
        " pembayaran lain, balas *ya*."
    )


def _money_kind(kind: PaymentType) -> str:
    """A payment named without claiming it settles the trip ("pembayaran", not "pelunasan":
    whether it paid the trip off depends on what came after it)."""
    return PAYMENT_LABELS[kind] if kind in (PaymentType.DP, PaymentType.REFUND) else "pembayaran"


def _someone_did(ctx: MessageContext, user_id: str, did: str, at: datetime) -> str:
    """One line of what another person did meanwhile: "• Pak Budi mencatat DP ... jam 08.02"."""
    who = next((u.name for u in ctx.team if u.id == user_id), "Orang lain")
    return f"• {who} {did} jam {at.astimezone(ZoneInfo(ctx.tenant.settings.timezone)):%H.%M}"


def _crew_changed(ctx: MessageContext, snap: dict[str, object]) -> list[str]:
    """ "bus & kru Bus 04 (sopir Slamet) → Srikandi (sopir Joko)", from a booking's entry."""
    before = snap.get("before")
    if not isinstance(before, dict) or "assignments" not in before:
        return []
    names = {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}

    def said(assignments: object) -> str:
        out = []
        for a in assignments if isinstance(assignments, list) else []:
            if not isinstance(a, dict):
                continue
            crew = [
                f"{role} {names.get(str(a.get(key)), '?')}"
                for role, key in (("sopir", "driver_id"), ("kernet", "co_driver_id"))
                if a.get(key)
            ]
            bus = names.get(str(a.get("bus_id")), "?")
            out.append(f"{bus} ({', '.join(crew)})" if crew else bus)
        return "; ".join(out) or "belum ada"

    old, new = said(before["assignments"]), said(snap.get("assignments"))
    return [f"bus & kru {old} → {new}"] if old != new else []


def picked(ctx: MessageContext, pending: PendingAction, text: str) -> str | None:
    """The id of the booking a typed reply picks from the list the person was shown."""
    shown = [ctx.uow.bookings.get(ctx.actor.tenant_id, i) for i in pending.choices]
    found = choice.pick([b for b in shown if b is not None], text)
    return found.id if found else None


def tapped(
    ctx: MessageContext,
    conversation: Conversation,
    pending: PendingAction | None,
    reply_id: str,
    lapsed: PendingAction | None,
) -> list[OutboundMessage]:
    """A tapped button or list row: they name the pending action they belong to (`lapsed`:
    the one that waited past its time, if any)."""
    to = ctx.actor.phone
    if reply_id.startswith(paper_chat.SEND_PREFIX):
        return paper_chat.send_chosen(ctx, reply_id)
    if reply_id.startswith(crew.ANSWER_PREFIXES):
        answered = replies.text(to, crew_answers.tapped(ctx, reply_id))
        topics.about_trip_shown(ctx, conversation)  # as after a typed "siap"
        return [reminding(answered, pending)]
    prefix, _, rest = reply_id.partition(":")
    pending_id, _, booking_id = rest.partition(":")
    if prefix + ":" not in replies.PENDING_PREFIXES:
        # A button of something else (a template's quick reply): what Keloia can do.
        return [replies.text(to, replies.HELP[ctx.actor.role])]
    if not conversation.knows(pending_id):
        # Another person's button (forwarded, or its id forged): nothing of it is applied,
        # and nothing false is said of the person's own proposals.
        return [reminding(replies.text(to, replies.NOT_YOUR_BUTTON), pending)]
    if pending_id in conversation.applied:
        return [replies.text(to, replies.ALREADY_DONE)]
    if pending is not None and pending.id != pending_id:
        # A button of an earlier proposal, replaced since (a correction): never applies
        # the one now waiting, which the person has not confirmed.
        return [replies.text(to, replies.SUPERSEDED)]
    if pending is None:
        # Said as it is: called off, waited too long, or replaced by what is no longer
        # waiting either.
        if pending_id in conversation.dropped:
            return [replies.text(to, replies.CALLED_OFF)]
        lapsed_here = lapsed is not None and lapsed.id == pending_id
        return [replies.text(to, replies.EXPIRED if lapsed_here else replies.NO_LONGER_WAITING)]
    if prefix + ":" == replies.CONFIRM_PREFIX:
        return apply(ctx, conversation, pending)
    if prefix + ":" == replies.EDIT_PREFIX:
        return [replies.text(to, replies.ASK_CORRECTION)]
    if prefix + ":" == replies.CANCEL_PREFIX:
        conversation.call_off(ctx.deps.clock.now())
        said = replies.dropped(pending.extraction)
        return [replies.text(to, said), *next_queued(ctx, conversation)]
    if prefix + ":" == replies.PICK_PREFIX and booking_id:
        return propose(ctx, conversation, pending.extraction, booking_id, pending.media_id)
    return [replies.text(to, replies.not_understood(ctx.actor.role))]


def stale(
    ctx: MessageContext,
    conversation: Conversation,
    item: InboxItem,
    extraction: Extraction,
    pending: PendingAction | None,
    lapsed: PendingAction | None,
) -> list[OutboundMessage]:
    """An old message (Meta retried it after an outage) is not acted on blindly: the
    person is told it came late and asked to confirm again, in one bubble."""
    sent = item.message.sent_at.astimezone(ZoneInfo(ctx.tenant.settings.timezone))
    note = replies.STALE.format(when=f"{day_label(sent.date(), ctx.today)} jam {sent:%H.%M}")
    if extraction.intent is Intent.CONFIRM:
        if pending is None:
            gone = replies.EXPIRED if lapsed is not None else replies.NOTHING_PENDING
            return [replies.text(ctx.actor.phone, note + "\n" + gone)]
        proposal = propose(ctx, conversation, pending.extraction, pending.target_id)
    else:
        proposal = propose(ctx, conversation, extraction, None)
    first, *rest = proposal
    return [first.model_copy(update={"body": f"{note}\n\n{first.body}"}), *rest]
