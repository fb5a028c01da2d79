"""One WhatsApp message, start to end: who wrote, what they mean, what to propose or
apply, and what to answer. Each inbox message is processed exactly once: its effects, the
replies and the "processed" mark commit in one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.errors import (
    ClientNotFound,
    DomainError,
    Forbidden,
    NotFound,
    ScheduleConflict,
    WarningsNotAcknowledged,
)
from keloia.domain.model import crew
from keloia.domain.model.activity import MessageSource
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.channel import InboxItem, InboxState
from keloia.domain.model.clients import name_key, same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import (
    Conversation,
    PendingAction,
    ReportedProblem,
    Topic,
    Turn,
    plain_call_off,
    plain_yes,
    yes_among_words,
    yes_with_own_verb,
)
from keloia.domain.model.events import ReplyWritten
from keloia.domain.model.fleet import SPARE_SWAP_RE
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    QUERY_INTENTS,
    SURE_READING,
    ExtractedFields,
    Extraction,
    ExtractionContext,
    Intent,
)
from keloia.domain.model.messages import (
    InboundKind,
    OutboundMessage,
)
from keloia.domain.model.moves import (
    MonthSaid,
    change_asked,
    day_alone,
    end_of_month_said,
    impossible_date,
    month_without_day,
    moves_the_day,
    put_off_undated,
    shift_said,
)
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.model.text import as_written, day_label, days_label
from keloia.domain.model.undo import RecordKind
from keloia.domain.services import bookings, fleet, team
from keloia.domain.services.assistant import (
    actions,
    choice,
    contacts,
    crew_answers,
    onboarding,
    paper_news,
    queries,
    relay,
    replies,
    resolve,
    smalltalk,
)
from keloia.domain.services.assistant import papers as paper_chat
from keloia.domain.services.assistant.actions import NeedMore
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import (
    LOOKAHEAD,
    LOOKBACK,
    bookings_named,
    find_member,
)
from keloia.domain.services.deps import Deps, Transaction

READABLE = frozenset({InboundKind.TEXT, InboundKind.BUTTON_REPLY, InboundKind.LIST_REPLY})
YES_NO = frozenset({Intent.CONFIRM, Intent.REJECT})
# A yes read with less confidence than this applies nothing (the plain-yes test comes first).
SURE_YES = 0.75
# A business-scoped user id as Meta writes it ("ID.1234…"): anything else gets no reply.
USER_ID_RE = re.compile(r"^[A-Z]{2}\.[A-Za-z0-9.]{1,200}$")


def is_valid_recipient(user_id: str) -> bool:
    return bool(USER_ID_RE.match(user_id))


def _corrected(before: ExtractedFields, correction: ExtractedFields) -> dict[str, object]:
    """Merge a correction; moving the departure of a multi-day trip moves its return too,
    and a new driver or kernet of a booking with crew per bus goes to the bus the
    correction names ("bus 02 sopirnya wahyu aja"), else to the first."""
    merged = before.stated() | correction.stated()
    moved = correction.depart_date is not None and correction.return_date is None
    if moved and before.depart_date and before.return_date and correction.depart_date:
        length = before.return_date - before.depart_date
        merged["return_date"] = (correction.depart_date + length).isoformat()
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
    if correction.replaced_bus and correction.bus:
        swapped = _swapped(before, correction.replaced_bus, correction.bus)
        if swapped:
            merged.pop("replaced_bus", None)
            merged.update(swapped)
    return merged


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


def handle_inbound(deps: Deps, wa_message_id: str) -> bool:
    """Process one stored message. False when there is nothing to do (unknown id, or
    already processed: a redelivered task is a no-op). The rate limit is the worker's:
    a message over it waits its turn and then comes here like any other."""
    if getattr(deps.extractor, "local", False):
        return _handle_at_once(deps, wa_message_id)
    with deps.read() as uow:  # no write lock while reading, nor while the extractor thinks
        item = uow.inbox.get(wa_message_id)
        if item is None or item.state is InboxState.PROCESSED:
            return False
        # Who wrote, their PO, conversation, fleet and team: read once, here, for the
        # whole message (the sender's lock keeps their conversation ours meanwhile).
        loaded = _load(deps, uow, item)
    extraction = _understand(deps, item, loaded)

    try:
        return deps.retry_on_race(
            lambda: _finish(
                deps, item, lambda uow, current: _respond(deps, uow, current, loaded, extraction)
            )
        )
    except DomainError as error:
        # The change was refused: nothing it wrote is kept (that transaction rolled back).
        # The explanation is written on its own.
        refusal = error
    return _finish(
        deps, item, lambda uow, current: _refuse(uow, current, loaded, extraction, refusal)
    )


Respond = Callable[[Transaction, InboxItem], tuple[str | None, list[OutboundMessage]]]


def _finish(deps: Deps, item: InboxItem | str, respond: Respond) -> bool:
    """One transaction: what the message caused, its replies, and the processed mark.
    Given the message's id alone, it reads the message in that transaction too."""
    with deps.uow() as uow:
        if isinstance(item, str):
            found = uow.inbox.get(item)
            if found is None or found.state is InboxState.PROCESSED:
                return False
            item = found
        wa_message_id = item.message.wa_message_id
        # The mark first: it is also the check that no other worker handled the message
        # meanwhile, in one statement rather than reading the row again. Whatever
        # follows is refused or fails: the transaction takes the mark back with it.
        if not uow.inbox.mark_processed(wa_message_id):
            return False
        uow.source = MessageSource(wa_message_id, item.message.text or "")
        tenant_id, answers = respond(uow, item)
        for message in answers:
            uow.record(
                ReplyWritten(message=message, tenant_id=tenant_id, in_reply_to=wa_message_id)
            )
        uow.commit()
        return True


def _handle_at_once(deps: Deps, wa_message_id: str) -> bool:
    """handle_inbound when the extractor answers without a network call (the rules): no
    model to wait for, so the message is read, understood and answered in the one writing
    transaction. The team and the fleet are then read once, under the write lock, and serve
    the conflict check too (Transaction keeps them), where reading first and writing after
    read them twice and began two transactions."""
    read: list[tuple[MessageContext | None, Extraction | None]] = []

    def respond(uow: Transaction, current: InboxItem) -> tuple[str | None, list[OutboundMessage]]:
        loaded = _load(deps, uow, current)
        extraction = _understand(deps, current, loaded)
        read[:] = [(loaded, extraction)]
        return _respond(deps, uow, current, loaded, extraction)

    try:
        return deps.retry_on_race(lambda: _finish(deps, wa_message_id, respond))
    except DomainError as error:
        if not read:  # refused before it was understood: nothing to explain it with
            raise
        refusal = error
    [(loaded, extraction)] = read
    return _finish(
        deps, wa_message_id, lambda uow, current: _refuse(uow, current, loaded, extraction, refusal)
    )


def give_up(deps: Deps, wa_message_id: str) -> bool:
    """A message that kept failing (a bug, not a refusal) is closed with an apology, so the
    sender's later messages are not stuck behind it. False when it was already processed."""
    with deps.uow() as uow:
        item = uow.inbox.get(wa_message_id)
        if item is None or not uow.inbox.mark_processed(wa_message_id):
            return False
        to = item.message.from_phone
        if to is not None:
            user = _sender(uow, item)
            uow.record(
                ReplyWritten(
                    message=replies.text(to, replies.FAILED),
                    tenant_id=user.tenant_id if user else None,
                    in_reply_to=wa_message_id,
                )
            )
        uow.commit()
    return True


def _sender(uow: Transaction, item: InboxItem) -> User | None:
    phone = item.message.from_phone
    user = uow.users.by_phone(phone) if phone else None
    return user if user is not None and user.active else None


def _load(deps: Deps, uow: Transaction, item: InboxItem) -> MessageContext | None:
    """The message's context, or None for a stranger (or a PO that is gone)."""
    user = _sender(uow, item)
    tenant = uow.tenants.get(user.tenant_id) if user else None
    if user is None or tenant is None:
        return None
    return MessageContext(
        deps=deps,
        actor=user,
        tenant=tenant,
        today=deps.clock.today(),
        team=uow.users.all(user.tenant_id),
        buses=uow.buses.all(user.tenant_id),
        # Client names are for reading text: a tapped button or list row names none.
        clients=_clients(uow, user.tenant_id, deps.clock.today()) if _is_text(item) else (),
        conversation=uow.conversations.get(user.tenant_id, user.id),
        text=item.message.text or "",
    )


def _clients(uow: Transaction, tenant_id: str, today: date) -> tuple[str, ...]:
    """Each client booked around today, once, in the spelling of their latest booking."""
    window = DateRange(start=today - LOOKBACK, end=today + LOOKAHEAD)
    latest: dict[str, str] = {}
    for name in uow.bookings.client_names(tenant_id, window):  # in the order they were booked
        latest[name_key(name)] = name
    return tuple(latest.values())


def _understand(deps: Deps, item: InboxItem, ctx: MessageContext | None) -> Extraction | None:
    """What the message means, whichever extractor read it, checked against its words."""
    extraction = _read(deps, item, ctx)
    if extraction is None:
        return None
    return _put_off_undated(_moved_not_cancelled(extraction, item.message.text), item.message.text)


def _put_off_undated(extraction: Extraction, text: str) -> Extraction:
    """A trip put off with no new day ("ga jadi tgl 4, diundur aja sampe ada kabar"), read
    as its cancellation or as a change with nothing to change, is a change waiting for its
    day (update_booking with `condition`): never a cancellation with a fee, nor a move."""
    if extraction.intent not in (Intent.CANCEL_BOOKING, Intent.UPDATE_BOOKING) or extraction.more:
        return extraction
    until = put_off_undated(text)
    f = extraction.fields
    if until is None or f.depart_date or f.shift_days or f.return_date:
        return extraction
    fields = ExtractedFields(client_name=f.client_name, ref_date=f.ref_date, condition=until)
    return extraction.model_copy(update={"intent": Intent.UPDATE_BOOKING, "fields": fields})


def _moved_not_cancelled(extraction: Extraction, text: str) -> Extraction:
    """A cancellation read in a message that gives the trip a new day ("ga jadi tgl 2,
    diundur 2 hari", "tp tgl 4") is a move of the trip: cancelling would cost the client a
    fee. Only the trip it names is kept; the new day is what the move then asks for (or
    the rules have read)."""
    if extraction.intent is not Intent.CANCEL_BOOKING or extraction.more:
        return extraction
    if not moves_the_day(text):
        return extraction
    f = extraction.fields
    fields = ExtractedFields(client_name=f.client_name, ref_date=f.ref_date)
    return extraction.model_copy(update={"intent": Intent.UPDATE_BOOKING, "fields": fields})


def _held_on(extraction: Extraction, text: str) -> Extraction:
    """ "bentar ya, tak tanya bu dewi dulu jadi apa ngga" while a change of Bu Dewi waits:
    time asked before the yes. A request the words only seem to make (unsure) is none: the
    message is a hold, and what waits keeps waiting (not a second change queued)."""
    unsure_action = extraction.intent in ACTION_INTENTS and extraction.confidence < SURE_READING
    # "tak tanya pak kepala sekolah dulu": the one asked is no new client of what waits
    # ("bentar, bukan bu wati tp bu dewi" still renames it).
    named = extraction.fields.client_name or ""
    renames = (
        extraction.intent is Intent.CORRECT
        and set(extraction.fields.stated()) == {"client_name"}
        and re.search(
            rf"\b(?:tanya\w*|takon\w*|nanya\w*|konfirm\w*|cek)\s+(?:ke\s+|sama\s+|sm\s+)?"
            rf"{re.escape(named.lower())}",
            text.lower(),
        )
        is not None
    )
    if (unsure_action or renames) and smalltalk.holding_on(text):
        return Extraction(intent=Intent.UNKNOWN, confidence=extraction.confidence, source="rules")
    return extraction


def _read(deps: Deps, item: InboxItem, ctx: MessageContext | None) -> Extraction | None:
    """What the message means. Understanding may take a network call (Claude): done
    outside any transaction, so the database is never held while a model thinks."""
    if ctx is None or not _is_text(item):
        return None
    assert deps.extractor is not None, "the assistant needs Deps.extractor"
    conversation = ctx.conversation.clone()  # its checks tidy as they read
    # An expired proposal, or with nothing pending the action just applied, stands in: a
    # late "ya" is then read as a confirmation (and answered as expired or as nothing
    # waiting) rather than as noise.
    now = deps.clock.now()
    refused = conversation.live_refused(now)
    pending = conversation.pending or refused or conversation.recently_applied(now)
    stand_in = pending is not None and conversation.live_pending(now) is None
    topic = conversation.live_topic(now)
    context = ExtractionContext(
        today=ctx.today,
        role=ctx.actor.role,
        pending=pending.extraction if pending else None,
        topic=topic.asked if topic else None,
        recent_turns=tuple(t.text for t in conversation.turns[-6:]),
        bus_names=tuple(b.name for b in ctx.buses),
        team_names=tuple(u.name for u in ctx.team),
        sender_name=ctx.actor.name,
        client_names=ctx.clients,
    )
    extractor, text = deps.extractor, item.message.text
    read: list[tuple[ExtractionContext, Extraction]] = []

    def extract(context: ExtractionContext) -> Extraction:
        """The message read in this context: asked of the extractor once per context (with
        nothing pending, the reading "on its own" is the first one again)."""
        for seen, reading in read:
            if seen == context:
                return reading
        read.append((context, extractor.extract(text, context)))
        return read[-1][1]

    extraction = extract(context)
    on_its_own = context.model_copy(update={"pending": None})
    said_it = pending is not None and yes_with_own_verb(item.message.text, pending.extraction)
    if extraction.intent is Intent.CONFIRM and not plain_yes(item.message.text) and not said_it:
        # Only a yes and nothing else applies what waits ("siap, nanti saya kabari" does
        # not), or a yes with the waiting action's own verb ("ya udah mundurin" to a move):
        # the rest is read on its own and the action keeps waiting.
        return _held_on(extract(on_its_own), item.message.text)
    if stand_in and refused is None and extraction.intent in (Intent.REJECT, Intent.CORRECT):
        # A no or a correction right after a save. Read on its own, the message says
        # whether it takes something back and which ("koreksi dp bu wati 1,5jt", "eh
        # bukan 2jt tp 2,5jt"); the saved action tells the kind when the message does not.
        alone = extract(on_its_own)
        take_back = alone.intent in (Intent.UNDO_LAST, Intent.CORRECT_LAST)
        # Naming nothing, after what cannot be taken back (a cancellation, an undo), it
        # must not reach for some other record of the day.
        unnamed = not alone.fields.stated() and (
            pending is None or _taking_back(pending, extraction) is None
        )
        if take_back and not unnamed:
            kind = _saved_kind(pending.extraction) if pending else None
            if alone.fields.record_kind is None and kind is not None:
                fields = alone.fields.model_copy(update={"record_kind": kind})
                alone = alone.model_copy(update={"fields": fields})
            said = alone.fields
            if said.record_kind is RecordKind.ODOMETER and said.amount and not said.odometer_km:
                # "eh salah ketik, 142.100" after a reading: a bare number is its km.
                fields = said.model_copy(update={"odometer_km": said.amount, "amount": None})
                alone = alone.model_copy(update={"fields": fields})
            return alone
        # A plain no is about the saved action (_converse's _take_back); anything else is
        # a new message ("bu dewi bayar 1jt"), as read on its own. A new booking saved is
        # cancelled, not taken back, by a cancel naming its client ("bu sinta barusan
        # telp, tripnya batal"), which calls off the same booking while it waits; after a
        # payment or a change, "ga jadi, bu dewi blm tf" takes that back. A no that reads
        # alone as another request ("yg ke malang tgl 2 sy ga bisa pak" after a cost saved:
        # a driver declining a trip) never takes the saved record back.
        saved_booking = pending is not None and pending.extraction.intent is Intent.CREATE_BOOKING
        if saved_booking and alone.intent is Intent.UNKNOWN and _gives_details(extraction):
            # "busnya 01 dan 03 ya", "jemputnya jam 5 pagi di depan kantor kelurahan" right
            # after a booking was saved: the buses (and crew), the pickup, are given to that
            # booking, as a change to confirm.
            return extraction.model_copy(update={"intent": Intent.UPDATE_BOOKING})
        cancels = saved_booking and alone.intent is Intent.CANCEL_BOOKING
        cancels = cancels and bool(alone.fields.client_name)
        taking_back = (Intent.UNKNOWN, Intent.UNDO_LAST, Intent.CORRECT_LAST, Intent.CANCEL_BOOKING)
        said_alone = alone.intent not in taking_back and alone.confidence >= SURE_READING
        plain_no = extraction.intent is Intent.REJECT and not (cancels or said_alone)
        return extraction if plain_no else alone
    waiting = None if stand_in else conversation.pending
    if waiting is not None and extraction.intent is Intent.CORRECT:
        # "koreksi dp pak hendra harusnya 1,5jt" while a booking waits names a saved
        # payment, not the proposal: read on its own, it is a new action (held while the
        # proposal waits), never merged into the proposal as another client and price.
        alone = extract(on_its_own)
        kind = alone.fields.record_kind
        elsewhere = kind is not None and kind != _saved_kind(waiting.extraction)
        if alone.intent is Intent.CORRECT_LAST and elsewhere:
            return alone
    taken_up = refused is not None and extraction.intent is Intent.CORRECT
    if refused is not None and taken_up:
        # "pkk caturtunggal kernetnya ganti slamet" right after "Booking Bu Rani tidak
        # ditemukan": a sure request of its own, naming another client and what to change,
        # is no correction of the one refused ("bukan bu rani, bu rina" still is, and so is
        # one naming the refused client: "bukan bu rani tp bu rina, sopirnya slamet").
        alone = extract(on_its_own)
        own = set(alone.fields.stated()) - {"client_name", "ref_date"}
        named = alone.fields.client_name or ""
        before = refused.extraction.fields.client_name or ""
        sure = alone.intent in ACTION_INTENTS and alone.confidence >= SURE_READING
        words = set(name_key(item.message.text).split())
        renamed = bool(before) and bool(set(name_key(before).split()) & words)
        if sure and named and own and not same_client(named, before) and not renamed:
            return alone
    if stand_in and extraction.intent not in YES_NO and not taken_up:
        # The stand-in was only there to recognise a late yes or no: anything else is a
        # new message ("bayar lagi 1jt"), read with nothing pending.
        given = extraction
        extraction = extract(on_its_own)
        saved_booking = pending is not None and pending.extraction.intent is Intent.CREATE_BOOKING
        if saved_booking and extraction.intent is Intent.UNKNOWN and _gives_details(given):
            # "..., supir pak slamet di bus 02 terus pak wahyu di bus 04" naming no
            # booking, right after one was saved: that booking's crew, as above.
            return given
    return extraction if waiting is None else _held_on(extraction, item.message.text)


def _respond(
    deps: Deps,
    uow: Transaction,
    item: InboxItem,
    loaded: MessageContext | None,
    extraction: Extraction | None,
) -> tuple[str | None, list[OutboundMessage]]:
    message = item.message
    if message.kind is InboundKind.REACTION:
        return None, []
    if message.from_phone is None:
        # A username without a visible number: Keloia knows people by their number, so
        # they are asked to register with it (answered at their business-scoped id).
        if not is_valid_recipient(message.wa_user_id):
            return None, []
        return None, [replies.text(message.wa_user_id, replies.NO_PHONE)]
    to = message.from_phone
    if loaded is None:
        if not onboarding.invite_codes(message.text):
            return onboarding.stranger(uow, message)
        joined = deps.within(uow)
        welcome = onboarding.onboard(joined, message.text, to, message.profile_name)
        return None, [replies.text(to, welcome)]
    ctx = loaded.joined(uow)
    if message.kind is InboundKind.MEDIA and not _is_text(item):
        kept = uow.media.for_message(ctx.actor.tenant_id, message.wa_message_id) is not None
        said = replies.media_without_text(message.media, kept)
        return ctx.actor.tenant_id, [replies.text(to, said)]
    if message.kind not in READABLE and not _is_text(item):
        return ctx.actor.tenant_id, [replies.text(to, replies.ONLY_TEXT)]
    now = deps.clock.now()
    conversation = ctx.conversation
    conversation.add_turn(Turn(speaker="user", text=message.text[:500], at=now))
    stale = item.is_stale(deps.stale_after)
    talked_about = conversation.topic
    answers = _converse(ctx, conversation, item, extraction, stale)
    if conversation.topic is talked_about:
        # Not a question answered: what the last answer was about is no longer what a
        # next "yg itu" or "kalo minggu ini" leans on.
        conversation.topic = None
    for answer in answers:
        conversation.add_turn(Turn(speaker="bot", text=answer.body[:500], at=now))
    uow.conversations.save(conversation)
    return ctx.actor.tenant_id, answers


def _refuse(
    uow: Transaction,
    item: InboxItem,
    loaded: MessageContext | None,
    extraction: Extraction | None,
    error: DomainError,
) -> tuple[str | None, list[OutboundMessage]]:
    """Explain a refusal with a way forward; the proposal it concerned is dropped."""
    if loaded is None:
        return None, []
    ctx = loaded.joined(uow)
    now = ctx.deps.clock.now()
    text = _explain(ctx, error, extraction)
    conversation = ctx.conversation
    conversation.topic = None  # a refused question or action is no answer to lean on
    if extraction is not None and extraction.intent is Intent.REQUEST_PAPER:
        # A paper refused (PDF off, no such payment) is still what was asked: "kalo
        # konfirmasi booking bu dewi bisa?" next asks for another paper.
        _talked_about(ctx, conversation, Intent.REQUEST_PAPER, extraction.fields)
    if extraction is not None and extraction.intent is Intent.CORRECT and conversation.pending:
        # A correction that does not hold leaves the proposal as it was.
        text += "\n\n" + replies.STILL_PENDING
    else:
        refused_action = extraction is not None and extraction.intent in ACTION_INTENTS
        if isinstance(error, ScheduleConflict) and extraction is not None and refused_action:
            # Kept aside: "ok pake bus 04 aja" takes it up again with the bus named.
            conversation.refused = PendingAction(
                id=ctx.deps.ids.new_id(), extraction=extraction, proposed_at=now
            )
        elif isinstance(error, ClientNotFound) and extraction is not None and refused_action:
            # "pak joni dp 2jt" with no such booking: "maksudnya pak hendra" takes it up.
            conversation.refused = PendingAction(
                id=ctx.deps.ids.new_id(),
                extraction=extraction,
                proposed_at=now,
                client_unknown=True,
            )
        conversation.pending = None
    if conversation.queue:
        # What was said while the refused action waited is not dropped without a word.
        later = ", ".join(replies.pending_label(e) for e in conversation.queue)
        text += f"\n\nBelum saya proses: {later}. Silakan kirim ulang pesannya."
        conversation.queue = []
    conversation.add_turn(Turn(speaker="user", text=item.message.text[:500], at=now))
    conversation.add_turn(Turn(speaker="bot", text=text[:500], at=now))
    uow.conversations.save(conversation)
    return ctx.actor.tenant_id, [replies.text(ctx.actor.phone, text)]


def _is_text(item: InboxItem) -> bool:
    """Text, or a photo or file whose caption says something (read as its text)."""
    message = item.message
    if message.kind is InboundKind.MEDIA:
        voice = message.media is not None and message.media.kind == "audio"
        return not voice and bool(message.text.strip())
    return message.kind is InboundKind.TEXT


def _converse(
    ctx: MessageContext,
    conversation: Conversation,
    item: InboxItem,
    extraction: Extraction | None,
    stale: bool,
) -> list[OutboundMessage]:
    message, to = item.message, ctx.actor.phone
    had = conversation.pending
    pending = conversation.live_pending(ctx.deps.clock.now())
    lapsed = had if pending is None else None  # waited past its time
    if not _is_text(item):
        return _choice(ctx, conversation, pending, message.reply_id, lapsed)
    if extraction is None:
        return [replies.text(to, replies.not_understood(ctx.actor.role))]
    if pending is not None and pending.choices:
        chosen = _picked(ctx, pending, message.text)
        if chosen is not None:
            return _propose(ctx, conversation, pending.extraction, chosen, pending.media_id)
    extraction = _actions_first(extraction)
    notes, renewal = paper_news.noted(ctx, extraction)
    if notes:
        # "kir bus 02 udah diperpanjang sampai 20 jan 2028, stnk nya masih proses": the
        # STNK said in hand first, then the KIR's renewal proposed.
        first, *rest = _converse(ctx, conversation, item, renewal, stale)
        return [first.model_copy(update={"body": "\n".join([*notes, "", first.body])}), *rest]
    if (
        held := crew_answers.held_cash(ctx, extraction, _told_of_problems(ctx), message.text)
    ) is not None:
        # A driver holding a client's money: the owner and admins are told (nothing is
        # recorded as paid); what else he said (the trip's end) goes on as usual.
        passed, then = held
        if then is None:
            return [_reminding(replies.text(to, passed), pending)]
        try:
            return [replies.text(to, passed), *_converse(ctx, conversation, item, then, stale)]
        except DomainError as error:
            # "trip pak hendra selesai, pelunasan 5jt cash ke saya" before the trip left: the
            # end is refused and explained, and the money news stays told (a refusal rolls
            # the message's transaction back, the CashHeld notice with it).
            return [replies.text(to, f"{passed}\n\n{_explain(ctx, error, then)}")]
    intent = extraction.intent
    asked_to_read = (*ACTION_INTENTS, *QUERY_INTENTS, Intent.CORRECT, Intent.UNKNOWN)
    if intent in asked_to_read and (no_such_day := impossible_date(message.text)):
        return _ask_the_day(ctx, conversation, extraction, pending, no_such_day)
    by_month = _paper_by_month(ctx, conversation, extraction, pending, message.text)
    if by_month is not None:
        return by_month
    if stale and (intent in ACTION_INTENTS or intent is Intent.CONFIRM):
        return _stale(ctx, conversation, item, extraction, pending, lapsed)
    refused = conversation.live_refused(ctx.deps.clock.now())
    if refused is not None and intent in (*YES_NO, Intent.CORRECT):
        return _take_up(ctx, conversation, refused, extraction)
    if pending is None and plain_yes(message.text) and (ready := crew_answers.ready(ctx)):
        _about_trip_shown(ctx, conversation)
        return [ready]  # "siap" right after a trip notice, with nothing else waiting
    if intent not in ACTION_INTENTS and (heard := crew_answers.told(ctx, message.text)):
        return [_reminding(replies.text(to, heard), pending)]  # "wahyu udah dikabarin blm?"
    if intent not in ACTION_INTENTS and (sent := crew_answers.tell(ctx, message.text, extraction)):
        return [_reminding(replies.text(to, sent), pending)]  # "kabari wahyu trip malang"
    # A question about one teammate may read as one to ask of them ("slamet td knp?"):
    # what the records answer is said instead.
    answerable = intent not in ACTION_INTENTS or intent is Intent.RELAY_MESSAGE
    if answerable and (heard := crew_answers.reported(ctx, message.text)):
        return [_reminding(replies.text(to, heard), pending)]  # "slamet td knp"
    just_done = conversation.recently_applied(ctx.deps.clock.now())
    if pending is not None and _day_to_come(pending, extraction, message.text):
        return _kept_on_its_day(ctx, conversation, pending)
    if pending is not None and _buses_to_come(pending, extraction, message.text):
        return _crew_kept_out(ctx, conversation, pending)
    if intent is Intent.CONFIRM:
        if extraction.confidence < SURE_YES:
            # An unsure yes applies nothing: the person is asked again.
            waiting = replies.still_waiting(pending) if pending else ""
            return [replies.text(to, f"{replies.NOT_A_YES} {waiting}".strip())]
        if pending is not None:
            return _apply(ctx, conversation, pending)
        # A second "ya" after a save says plainly that nothing waits: it never claims a
        # record (the person may have meant something the bot did not take as a request).
        if lapsed is not None:
            return [replies.text(to, replies.EXPIRED)]
        return [replies.text(to, _nothing_waits(ctx, just_done is not None))]
    if intent is Intent.REJECT:
        conversation.drop_pending()
        if pending is None and just_done is not None:
            # "batal yang tadi" right after a save: taking it back is proposed, not done.
            return _take_back(ctx, conversation, just_done, extraction)
        let_go = replies.dropped(pending.extraction) if pending else replies.NOTHING_PENDING
        if pending is not None and extraction.more:
            return _dropped_then(ctx, conversation, pending, extraction.more)
        answer = [replies.text(to, let_go)]
        return answer + _next_queued(ctx, conversation)
    if intent is Intent.CORRECT:
        if pending is None and just_done is not None:
            return _take_back(ctx, conversation, just_done, extraction)
        if pending is None:
            return [replies.text(to, replies.EXPIRED if lapsed else replies.NOTHING_PENDING)]
        if (crew_asked := _crew_of_asked(pending, extraction)) is not None:
            return [_reminding(replies.text(to, crew_asked), pending)]
        corrected = ExtractedFields.model_validate(
            _corrected(pending.extraction.fields, extraction.fields)
        )
        merged = pending.extraction.model_copy(update={"fields": corrected})
        paid_on = corrected.paid_date
        if merged.intent is Intent.RECORD_PAYMENT and paid_on and paid_on > ctx.today:
            # "ok kata bos, besok aja": the money comes later. Proposing it dated then
            # would record money that has not moved (payments.record_payment refuses it),
            # and keeping it waiting dated today would record it today on a "ya".
            conversation.drop_pending()
            later = replies.payment_later(merged, _when(paid_on, ctx.today))
            return [replies.text(to, later), *_next_queued(ctx, conversation)]
        # A correction naming another client or date names another booking: found anew.
        names_other = {"client_name", "ref_date"} & set(extraction.fields.stated())
        return _propose(ctx, conversation, merged, None if names_other else pending.target_id)
    if intent is Intent.CANCEL_BOOKING and extraction.fields.condition:
        return [_reminding(replies.text(to, _cancel_later(ctx, extraction.fields)), pending)]
    news = paper_news.answer(ctx, extraction, message.text, _told_of_problems(ctx))
    if news is not None:
        # A paper's renewal with nothing to record: a driver's word passed on, a renewal in
        # hand or asked for (the owner's request proposed as word to the admins).
        if news.relay is None or pending is not None:
            return [_reminding(replies.text(to, news.said), pending)]
        first, *rest = _propose(ctx, conversation, news.relay, None)
        return [first.model_copy(update={"body": f"{news.said}\n\n{first.body}"}), *rest]
    if intent in ACTION_INTENTS:
        head, *more = _one_by_one(
            _of_the_bus(ctx, conversation, _paper_flagged(ctx, conversation, extraction))
        )
        head = _in_place_of_absent(ctx, conversation, head)
        if pending is not None and _books_first(pending, head):
            # "pak agus booking tgl 20 ..." asked which booking a payment is for: the new
            # booking first, the payment after it (then owed by the new one).
            conversation.drop_pending()
            paid = (
                []
                if head.fields.dp_amount and not head.fields.dp_promised
                else [pending.extraction]
            )
            conversation.queue = [*paid, *more, *conversation.queue]
            return _tell_next(_propose(ctx, conversation, head, None), paid)
        if pending is not None:
            answer = _hold(ctx, conversation, pending, head)
            conversation.queue = [*conversation.queue, *more]
            return answer
        answered = _questions_also_asked(ctx, extraction)
        if not more:
            target = _just_done_booking(
                head, just_done, conversation.live_topic(ctx.deps.clock.now())
            )
            try:
                return _propose(ctx, conversation, head, target, _media_of(ctx, item)) + answered
            except DomainError as error:
                if not answered:
                    raise  # refused as any single action is (_refuse)
                return [replies.text(to, _explain(ctx, error, head)), *answered]
        conversation.queue = [*more, *conversation.queue]
        try:
            proposal = _propose(ctx, conversation, head, None, _media_of(ctx, item))
        except DomainError as error:
            # One of several refused (a client not found): said, and the next proposed.
            said = replies.text(to, _explain(ctx, error, head))
            return _once([said, *_next_queued(ctx, conversation), *answered])
        return _tell_next(proposal, more) + answered
    if intent is Intent.REPORT_PROBLEM:
        reply, reading = _report_problem(ctx, extraction)
        if reading is not None:
            # "km bus 03 151.800, rem agak blong": the reading is proposed with the report
            # (held behind what already waits), never dropped.
            try:
                if pending is not None:
                    asked = _hold(ctx, conversation, pending, reading)
                else:
                    asked = _propose(ctx, conversation, reading, None)
            except DomainError as error:
                # A reading that does not hold is explained; the report still went out.
                return [replies.text(to, f"{reply}\n\n{_explain(ctx, error, reading)}")]
            first, *rest = asked
            return [first.model_copy(update={"body": f"{reply}\n\n{first.body}"}), *rest]
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply)]
    if intent is Intent.REPORT_DELAY:
        # "sy telat 30 menit": the owner and admins hear it; nothing is recorded.
        reply = crew_answers.delay(ctx, extraction, _told_of_problems(ctx))
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply)]
    if intent is Intent.DECLINE_TRIP and (declined := crew_answers.decline(ctx, extraction)):
        return [_reminding(declined, pending)]
    if intent is Intent.REQUEST_PAPER:
        reply_papers = paper_chat.answer(ctx, extraction)
        # "kalo konfirmasi booking bu dewi bisa?" next asks for another paper.
        _talked_about(ctx, conversation, intent, extraction.fields)
        if pending is not None and reply_papers:
            first, *rest = reply_papers
            waiting = "\n\n" + replies.still_waiting(pending)
            return [first.model_copy(update={"body": first.body + waiting}), *rest]
        return reply_papers
    if intent in QUERY_INTENTS:
        # Several questions in one message are answered in one reply, in the order asked.
        *before, last = [extraction.model_copy(update={"more": ()}), *extraction.more]
        answers = [queries.answer(ctx, e) for e in before]
        # The last question asked is what a next "kalo masjid baitussalam?" follows up
        # ("jadwal bsk apa? trus bu rina kurang brp": a balance), with what its answer showed.
        earlier = list(ctx.shown)
        ctx.shown.clear()
        answers.append(queries.answer(ctx, last))
        conversation.topic = Topic(
            asked=_ranked_client(ctx, last),
            bookings=tuple(ctx.shown),
            at=ctx.deps.clock.now(),
        )
        ctx.shown[:0] = [i for i in earlier if i not in ctx.shown]
        reply = "\n\n".join(answers)
    elif intent is Intent.HELP:
        reply = replies.HELP[ctx.actor.role]
    elif extraction.fields.amount is not None and pending is None:
        # "3500000" alone: asked what it is for; the next message is read with it.
        reply = replies.amount_for_what(extraction.fields.amount, ctx.actor.role)
        _talked_about(ctx, conversation, Intent.UNKNOWN, extraction.fields)
    else:
        reply = _unknown(ctx, message.text, pending)
    if pending is not None:
        reply += "\n\n" + replies.still_waiting(pending)
    return [replies.text(to, reply)]


def _when(day: date, today: date) -> str:
    """ "besok (Selasa, 1 Des)", or "Jumat, 4 Des": a day to come, as said in a reply."""
    label = day_label(day, today)
    return f"besok ({label})" if day == today + timedelta(days=1) else f"pada {label}"


# The days an action is given: asked again when the message said one that does not exist.
_NEW_DAYS = {"depart_date", "return_date", "shift_days", "date", "date_to", "more_dates"}


def _ask_the_day(
    ctx: MessageContext,
    conversation: Conversation,
    extraction: Extraction,
    pending: PendingAction | None,
    question: str,
) -> list[OutboundMessage]:
    """ "tgl 31 nov", "tgl 40": a day that does not exist is asked about, never read as
    another. An action waits without the days it was given, so the answer completes it."""
    to = ctx.actor.phone
    if pending is not None:
        return [replies.text(to, f"{question}\n\n{replies.still_waiting(pending)}")]
    if extraction.intent in ACTION_INTENTS:
        fields = extraction.fields.model_copy(update=dict.fromkeys(_NEW_DAYS))
        pending_id = ctx.deps.ids.new_id()
        conversation.propose(pending_id)
        conversation.pending = PendingAction(
            id=pending_id,
            extraction=extraction.model_copy(update={"fields": fields, "more": ()}),
            proposed_at=ctx.deps.clock.now(),
            asked=question,
        )
    return [replies.text(to, question)]


def _paper_by_month(
    ctx: MessageContext,
    conversation: Conversation,
    extraction: Extraction,
    pending: PendingAction | None,
    text: str,
) -> list[OutboundMessage] | None:
    """A paper's expiry said by its month alone ("kir bus 03 habis des 2027"): its day is
    asked once ("... tanggal berapa di Desember 2027?"), and a day alone answers it ("15").
    Its end said ("akhir des 2027"), or the month said again instead of a day, is the
    month's last day, said so in the proposal. None when this is no such case."""
    today = ctx.today
    waits = pending.extraction if pending is not None else None
    if waits is not None and waits.intent is Intent.RECORD_DOCUMENT and waits.fields.date is None:
        assert pending is not None
        asked_of = _month_asked(pending)
        day = day_alone(text)
        if asked_of is not None and day is not None:
            on = asked_of.on(day)
            if on is None:
                return [
                    replies.text(
                        ctx.actor.phone,
                        f"{asked_of.label} tidak punya tanggal {day}. {pending.asked}",
                    )
                ]
            return _paper_expiring(ctx, conversation, pending, waits, on, "")
        if asked_of is not None and end_of_month_said(text):
            # "gatau, akhir bulan aja": the end of the month asked about.
            return _paper_expiring(ctx, conversation, pending, waits, asked_of.last_day, "")
        # "des" answering "... di Desember 2027?": that month of that year.
        month = month_without_day(text, today, asked_of)
        if month is None or extraction.intent not in (Intent.CORRECT, Intent.UNKNOWN):
            return None
        if month.end or asked_of is not None:
            note = "" if month.end else paper_news.end_of_month_note(month, today)
            return _paper_expiring(ctx, conversation, pending, waits, month.last_day, note)
        question = paper_news.asks_day(ctx, waits.fields, month)
        if question is None:
            return None
        conversation.pending = pending.model_copy(
            update={"asked": question, "month_asked": month.on(1)}
        )
        return [replies.text(ctx.actor.phone, question)]
    f = extraction.fields
    if pending is not None or extraction.intent is not Intent.RECORD_DOCUMENT or f.date:
        return None
    month = month_without_day(text, today)
    if month is None:
        return None
    if month.end:
        whole = extraction.model_copy(
            update={"fields": f.model_copy(update={"date": month.last_day})}
        )
        return _propose(ctx, conversation, whole, None)
    question = paper_news.asks_day(ctx, f, month)
    if question is None:
        return None
    asked = _ask_the_day(ctx, conversation, extraction, None, question)
    if conversation.pending is not None:
        conversation.pending = conversation.pending.model_copy(update={"month_asked": month.on(1)})
    return asked


def _month_asked(pending: PendingAction) -> MonthSaid | None:
    """The month whose day the waiting question asked, None when it asked none."""
    first = pending.month_asked
    if not pending.asked or first is None:
        return None
    return MonthSaid(first.year, first.month, end=False)


def _paper_expiring(
    ctx: MessageContext,
    conversation: Conversation,
    pending: PendingAction,
    waits: Extraction,
    on: date,
    note: str,
) -> list[OutboundMessage]:
    """The waiting paper proposed with the expiry the answer gave (and `note` before it)."""
    # The day answered completes the paper: the reading is no longer short of anything.
    dated = waits.fields.model_copy(update={"date": on})
    sure = max(waits.confidence, 0.85)
    merged = waits.model_copy(update={"fields": dated, "confidence": sure})
    first, *rest = _propose(ctx, conversation, merged, pending.target_id)
    if not note:
        return [first, *rest]
    return [first.model_copy(update={"body": f"{note}\n\n{first.body}"}), *rest]


def _ranked_client(ctx: MessageContext, asked: Extraction) -> Extraction:
    """ "yg paling gede sapa" after who owes names one client by its answer, not by its
    words: that client is who a next "dia brgkt kpn" is about. So does what the trips of a
    day have paid ("dp nya udh masuk brp" after the Bandung trip's profit) when they are one
    client's: a next "sisanya?" is that client's balance, not everyone's."""
    f = asked.fields
    ranked = asked.intent is Intent.QUERY_OUTSTANDING and f.rank is not None
    paid = asked.intent is Intent.QUERY_SCHEDULE and f.detail == "paid"
    if not (ranked or paid) or f.client_name:
        return asked
    shown = [ctx.uow.bookings.get(ctx.actor.tenant_id, i) for i in ctx.shown]
    names = {b.client_name for b in shown if b is not None}
    if len(names) != 1:
        return asked
    fields = f.model_copy(update={"client_name": names.pop()})
    return asked.model_copy(update={"fields": fields})


def _about_trip_shown(ctx: MessageContext, conversation: Conversation) -> None:
    """After "siap" for a trip, that trip is what a next "jemput jam brp pak?" asks about,
    as if its card had just been shown."""
    if len(ctx.shown) != 1:
        return
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, ctx.shown[0])
    if booking is not None:
        _about_booking(ctx, conversation, booking)


def _about_booking(ctx: MessageContext, conversation: Conversation, booking: Booking) -> None:
    """`booking` is what a next elliptical message leans on, as if its card had just been
    shown."""
    about = ExtractedFields(client_name=booking.client_name)
    _talked_about(ctx, conversation, Intent.QUERY_SCHEDULE, about, (booking.id,))


def _talked_about(
    ctx: MessageContext,
    conversation: Conversation,
    intent: Intent,
    fields: ExtractedFields,
    bookings: tuple[str, ...] = (),
) -> None:
    """What a next elliptical message leans on, as if this question had just been answered."""
    asked = Extraction(intent=intent, confidence=1.0, source="rules", fields=fields)
    conversation.topic = Topic(asked=asked, bookings=bookings, at=ctx.deps.clock.now())


# Records of one bus that, said without one, are of the bus the last answer was about.
_BUS_RECORDS = frozenset({Intent.LOG_MAINTENANCE, Intent.RECORD_ODOMETER})
# Actions on one bus: once done, what a next elliptical question ("ganti oli lagi kapan")
# is about, as if that bus's status had been asked (_apply).
_BUS_ACTIONS = _BUS_RECORDS | {Intent.UPDATE_BUS_STATUS}
# Answers about one bus (its status and services, its km, its repairs, a paper of it). A
# topic is never an action: a done action on a bus leaves that bus's status (_apply).
_ABOUT_A_BUS = frozenset(
    {Intent.QUERY_BUS_STATUS, Intent.QUERY_DOCUMENTS, Intent.QUERY_WORKSHOP_COSTS}
)


def _of_the_bus(
    ctx: MessageContext, conversation: Conversation, extraction: Extraction
) -> Extraction:
    """ "kmrn udh ganti oli 900rb, km 131000" right after Bus 01's next oil change was
    shown: the repair (or km) is of Bus 01, the bus just talked about, unless this person
    has just reported a problem (the repair is of that one)."""
    f = extraction.fields
    if extraction.intent not in _BUS_RECORDS or f.bus or f.buses:
        return extraction
    now = ctx.deps.clock.now()
    topic = conversation.live_topic(now)
    if topic is None or conversation.live_reported(now) is not None:
        return extraction
    asked = topic.asked
    if asked.intent not in _ABOUT_A_BUS or not asked.fields.bus or asked.fields.buses:
        return extraction
    bus = resolve.find_bus(ctx.buses, asked.fields.bus)
    if bus is None:
        return extraction
    fields = f.model_copy(update={"bus": bus.name})
    return extraction.model_copy(update={"fields": fields})


def _paper_flagged(
    ctx: MessageContext, conversation: Conversation, extraction: Extraction
) -> Extraction:
    """ "yg itu udah diperpanjang, sampe 20 des 2027" right after the KIR of every bus: the
    paper renewed is the one that list flagged as running out, when it flagged one (with
    several, or none, the holder is asked for)."""
    f = extraction.fields
    if extraction.intent is not Intent.RECORD_DOCUMENT or f.bus or f.driver or f.documents:
        return extraction
    topic = conversation.live_topic(ctx.deps.clock.now())
    asked = topic.asked if topic is not None else None
    if asked is None or asked.intent is not Intent.QUERY_DOCUMENTS or f.document_kind is None:
        return extraction
    if asked.fields.bus or asked.fields.driver or asked.fields.document_kind != f.document_kind:
        return extraction
    flagged = [
        d
        for d in fleet.expiring_documents(ctx.deps, ctx.actor, ctx.today)
        if d.kind is f.document_kind
    ]
    if len(flagged) != 1:
        return extraction
    doc = flagged[0]
    bus = next((b.name for b in ctx.buses if b.id == doc.bus_id), None)
    driver = next((u.name for u in ctx.team if u.id == doc.user_id), None)
    held = f.model_copy(update={"bus": bus, "driver": driver})
    return extraction.model_copy(update={"fields": held})


def _cancel_later(ctx: MessageContext, f: ExtractedFields) -> str:
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


def _crew_of_asked(pending: PendingAction, extraction: Extraction) -> str | None:
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


def _reminding(answer: OutboundMessage, pending: PendingAction | None) -> OutboundMessage:
    """An answer to something else, with the short reminder of what still waits."""
    if pending is None:
        return answer
    return answer.model_copy(update={"body": answer.body + "\n\n" + replies.still_waiting(pending)})


# Changes that, naming no booking, are about the one just saved ("sopirnya ganti pak joko"
# right after the booking was recorded).
ABOUT_THE_LAST = frozenset({Intent.UPDATE_BOOKING, Intent.CONFIRM_BOOKING})


def _in_place_of_absent(
    ctx: MessageContext, conversation: Conversation, head: Extraction
) -> Extraction:
    """ "slamet aja" to "Siapa penggantinya?" after a kernet's absence ("wahyu izin besok"):
    Slamet takes the kernet's place on the trip shown, not the driver's."""
    topic = conversation.live_topic(ctx.deps.clock.now())
    f = head.fields
    if topic is None or topic.asked.fields.detail != "absent" or not topic.bookings:
        return head
    if head.intent is not Intent.UPDATE_BOOKING or not f.driver or f.kernet or f.crew or f.bus:
        return head
    absent = find_member(ctx.team, topic.asked.fields.driver or "")
    trip = ctx.uow.bookings.get(ctx.actor.tenant_id, topic.bookings[0])
    if trip is None or absent is None:
        return head
    place = crew.seat(trip, absent.id)
    if place is None or place.co_driver_id != absent.id:
        return head
    said = f.model_copy(update={"driver": None, "kernet": f.driver})
    return head.model_copy(update={"fields": said})


def _just_done_booking(
    extraction: Extraction, just_done: PendingAction | None, topic: Topic | None
) -> str | None:
    f = extraction.fields
    if just_done is None or extraction.intent not in ABOUT_THE_LAST:
        return None
    shown_since = topic is not None and topic.bookings and topic.at >= just_done.proposed_at
    if shown_since and topic is not None and topic.bookings != (just_done.target_id,):
        # An answer showing other trips came after the save: the change is about those
        # (actions._target), not the booking saved before it.
        return None
    moved_to = just_done.extraction.fields.depart_date
    if f.ref_date and f.ref_date == moved_to and not f.client_name:
        # "ga jadi tgl 4, tgl 5 aja" right after the trip was moved to the 4th: that trip.
        return just_done.target_id
    if f.client_name or f.ref_date or just_done.extraction.intent is Intent.RECORD_PAYMENT:
        return None
    return just_done.target_id


def _take_up(
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
        return [replies.text(to, said or replies.REFUSED_NOT_SAVED)]
    conversation.refused = None
    corrected = ExtractedFields.model_validate(
        _corrected(refused.extraction.fields, extraction.fields)
    )
    merged = refused.extraction.model_copy(update={"fields": corrected})
    return _propose(ctx, conversation, merged, refused.target_id, refused.media_id)


# What a correction of a just-saved action names, as correct_last's fields.
_SAME_VALUE = {
    "amount": "amount",
    "cost": "amount",
    "dp_amount": "amount",
    "price": "price",
    "depart_date": "date",
    "paid_date": "date",
    "performed_date": "date",
    "date": "date",
    "odometer_km": "odometer_km",
    "method": "method",
    "bus": "bus",
    "client_name": "client_name",
    "maintenance_type": "maintenance_type",
    "cost_type": "cost_type",
}
_SAVED_AS = {
    Intent.RECORD_PAYMENT: RecordKind.PAYMENT,
    Intent.LOG_MAINTENANCE: RecordKind.MAINTENANCE,
    Intent.RECORD_DOCUMENT: RecordKind.DOCUMENT,
    Intent.RECORD_TRIP_COST: RecordKind.TRIP_COST,
    Intent.RECORD_ODOMETER: RecordKind.ODOMETER,
    Intent.CREATE_BOOKING: RecordKind.BOOKING,
    Intent.UPDATE_BOOKING: RecordKind.BOOKING,
    Intent.CONFIRM_BOOKING: RecordKind.BOOKING,
    Intent.COMPLETE_BOOKING: RecordKind.BOOKING,
    Intent.CANCEL_BOOKING: RecordKind.BOOKING,
}


def _saved_kind(done: Extraction) -> RecordKind | None:
    """What kind of record an applied action saved (a correction: the one it corrected)."""
    if done.intent in (Intent.UNDO_LAST, Intent.CORRECT_LAST):
        return done.fields.record_kind
    return _SAVED_AS.get(done.intent)


def _take_back(
    ctx: MessageContext, conversation: Conversation, done: PendingAction, said: Extraction
) -> list[OutboundMessage]:
    taking = _taking_back(done, said)
    if taking is None:
        undone = done.extraction.intent is Intent.UNDO_LAST
        answer = replies.NO_UNDO_OF_UNDO if undone else replies.TOO_LATE_TO_DROP
        return [replies.text(ctx.actor.phone, answer)]
    return _propose(ctx, conversation, taking, None)


# What a booking just saved may be given after it, naming no booking: its buses and crew,
# its pickup.
_DETAIL_FIELDS = frozenset(
    {
        *("bus", "buses", "replaced_bus", "driver", "kernet", "crew"),
        *("depart_time", "pickup_place", "stops"),
    }
)


def _gives_details(extraction: Extraction) -> bool:
    said = set(extraction.fields.stated())
    about = extraction.intent in (Intent.CORRECT, Intent.UPDATE_BOOKING)
    return about and bool(said) and said <= _DETAIL_FIELDS


def _taking_back(done: PendingAction, said: Extraction) -> Extraction | None:
    """A no or a correction right after a save, read as undo_last / correct_last of what
    was saved: its kind, and the corrected values under correct_last's names. None when
    what was done cannot be taken back this way (an undo itself)."""
    kind = _saved_kind(done.extraction)
    if kind is None or done.extraction.intent is Intent.UNDO_LAST:
        return None
    stated = said.fields.stated()
    if said.intent is Intent.REJECT:
        fields = {"record_kind": kind.value}
        return Extraction(
            intent=Intent.UNDO_LAST,
            confidence=said.confidence,
            source=said.source,
            fields=ExtractedFields.model_validate(fields),
        )
    fields = {_SAME_VALUE[k]: v for k, v in stated.items() if k in _SAME_VALUE}
    if "dp_amount" in stated:  # the DP of a booking just made is a payment
        kind = RecordKind.PAYMENT
        fields["payment_type"] = "dp"
    fields["record_kind"] = kind.value
    return Extraction(
        intent=Intent.CORRECT_LAST,
        confidence=said.confidence,
        source=said.source,
        fields=ExtractedFields.model_validate(fields),
    )


def _dropped_then(
    ctx: MessageContext,
    conversation: Conversation,
    dropped: PendingAction,
    then: tuple[Extraction, ...],
) -> list[OutboundMessage]:
    """ "blm masuk, bookingnya cancel aja" while a payment waits: the payment is let go and
    said so, and what the message asks next (the cancellation of the booking it was for) is
    proposed in the same reply."""
    label = replies.pending_label(dropped.extraction)
    let_go = f"Baik, {label[:1].lower()}{label[1:]} tidak dicatat."
    following, *rest = then
    conversation.queue = [*rest, *conversation.queue]
    same = following.fields.client_name == dropped.extraction.fields.client_name
    try:
        proposal = _propose(ctx, conversation, following, dropped.target_id if same else None)
    except DomainError as error:
        said = replies.text(ctx.actor.phone, f"{let_go}\n\n{_explain(ctx, error, following)}")
        return [said, *_next_queued(ctx, conversation)]
    first, *others = proposal
    return [first.model_copy(update={"body": f"{let_go}\n\n{first.body}"}), *others]


def _actions_first(extraction: Extraction) -> Extraction:
    """Of several requests in one message ("jadwal bsk apa? trus pak hendra dp 1jt"), the
    first action leads: it is proposed, the questions are answered beside it. A no leads
    what follows it ("blm masuk, bookingnya cancel aja"): what waits is dropped first."""
    if extraction.intent in (*ACTION_INTENTS, Intent.REJECT) or not extraction.more:
        return extraction
    said = [extraction.model_copy(update={"more": ()}), *extraction.more]
    lead = next((e for e in said if e.intent in ACTION_INTENTS), None)
    if lead is None:
        return extraction
    return lead.model_copy(update={"more": tuple(e for e in said if e is not lead)})


def _questions_also_asked(ctx: MessageContext, extraction: Extraction) -> list[OutboundMessage]:
    """The answers to the questions asked beside an action in one message."""
    asked = [e for e in extraction.more if e.intent in QUERY_INTENTS]
    return [replies.text(ctx.actor.phone, queries.answer(ctx, e)) for e in asked]


def _one_by_one(extraction: Extraction) -> list[Extraction]:
    """Each request of a message ("bu rina tf 2,2jt, sekalian bsk pkk jemputnya jam 6") is
    a proposal of its own, confirmed one after the other, and so are the parts of one."""
    alone = extraction.model_copy(update={"more": ()})
    later = [e for e in extraction.more if e.intent in ACTION_INTENTS]
    return [part for said in (alone, *later) for part in _parts_of(said)]


def _parts_of(extraction: Extraction) -> list[Extraction]:
    """Several clients' payments in one message are one proposal each; a cancellation said
    with its refund is the cancellation, then the refund; a trip's end said with its
    payment is the payment, then the completion; a change said with a payment is the
    change, then the payment."""
    f = extraction.fields
    if extraction.intent is Intent.COMPLETE_BOOKING and f.amount:
        payment = f.model_copy(update={"bus": None, "odometer_km": None})
        done = f.model_copy(update={"amount": None, "method": None, "payment_type": None})
        return [
            extraction.model_copy(update={"intent": Intent.RECORD_PAYMENT, "fields": payment}),
            extraction.model_copy(update={"fields": done}),
        ]
    if extraction.intent is Intent.UPDATE_BOOKING and f.amount:
        # "harga jd 7jt sekalian dp 1jt cash": the change, then the payment at the new price.
        change = f.model_copy(update={"amount": None, "method": None, "payment_type": None})
        payment = ExtractedFields(
            client_name=f.client_name,
            ref_date=f.ref_date,
            amount=f.amount,
            payment_type=f.payment_type,
            method=f.method,
        )
        both = [
            extraction.model_copy(update={"fields": change}),
            extraction.model_copy(update={"intent": Intent.RECORD_PAYMENT, "fields": payment}),
        ]
        # "dp 1jt cash, sekalian busnya pake bus 04 sopir wahyu": no new price, so the money
        # comes first, as it was said.
        return both if f.price is not None or f.price_per_bus is not None else both[::-1]
    if extraction.intent is Intent.CANCEL_BOOKING and f.amount:
        if f.payment_type is not PaymentType.REFUND:
            cancel = f.model_copy(update={"amount": None, "method": None, "payment_type": None})
            return [extraction.model_copy(update={"fields": cancel})]
        # The cancellation keeps the refund said: it tells the fee agreed (actions).
        cancel = f.model_copy(update={"method": None})
        refund = f.model_copy(update={"cancellation_fee": None})
        return [
            extraction.model_copy(update={"fields": cancel}),
            extraction.model_copy(update={"intent": Intent.RECORD_PAYMENT, "fields": refund}),
        ]
    lines = f.payments
    if extraction.intent is not Intent.RECORD_PAYMENT or not lines:
        return [extraction]
    base = extraction.fields.model_copy(update={"payments": None})
    return [
        extraction.model_copy(
            update={
                "fields": base.model_copy(
                    update={"paid_date": base.paid_date, "ref_date": None, **line.model_dump()}
                )
            }
        )
        for line in lines
    ]


def _once(answers: list[OutboundMessage]) -> list[OutboundMessage]:
    """Requests refused for one reason ("harga bu tini jd 5jt sekalian dp 1jt": no such
    booking) are told so once."""
    return [a for i, a in enumerate(answers) if i == 0 or a != answers[i - 1]]


def _tell_next(proposal: list[OutboundMessage], more: list[Extraction]) -> list[OutboundMessage]:
    """The first of several proposals says what follows, so nothing said seems dropped."""
    if not more or not proposal:
        return proposal
    names = ", ".join(replies.pending_label(e) for e in more)
    first, *rest = proposal
    note = f"\n\n_Sesudah ini saya tanyakan juga: {names}._"
    return [first.model_copy(update={"body": first.body + note}), *rest]


def _media_of(ctx: MessageContext, item: InboxItem) -> str:
    """The id of the photo or file kept with this message, if any."""
    if item.message.media is None:
        return ""
    kept = ctx.uow.media.for_message(ctx.actor.tenant_id, item.message.wa_message_id)
    return kept.id if kept else ""


def _told_of_problems(ctx: MessageContext) -> str:
    """Who hears a problem report besides its sender: "pemilik dan admin", "pemilik" (an
    admin reporting, the only admin) or "admin" (the owner reporting)."""
    others = {u.role for u in ctx.team if u.active and u.id != ctx.actor.id}
    told = [
        label for role, label in ((Role.OWNER, "pemilik"), (Role.ADMIN, "admin")) if role in others
    ]
    return " dan ".join(told) or "pemilik"


def _report_problem(ctx: MessageContext, extraction: Extraction) -> tuple[str, Extraction | None]:
    """A problem with a bus goes to the owner and admins at once; nothing is recorded as
    repaired. The person is told who was told. A km said with it is returned as the bus's
    odometer reading to propose."""
    f = extraction.fields
    bus = resolve.find_bus(ctx.buses, f.bus) if f.bus else actions.drivers_bus(ctx)
    if bus is None:
        ask = "Bus yang mana yang bermasalah? Sebutkan nama busnya, misalnya: bus 02 rem bunyi."
        return ask, None
    fleet.report_problem(ctx.deps, ctx.actor, bus.id, f.description or "")
    # "udh dibenerin 350rb" next is the repair of this bus (actions._log_maintenance).
    ctx.conversation.reported = ReportedProblem(
        bus_id=bus.id, maintenance_type=f.maintenance_type, at=ctx.deps.clock.now()
    )
    later = "catat perbaikannya nanti setelah dikerjakan."
    if SPARE_SWAP_RE.search((f.description or "").lower()):
        # "ban bus 01 udh diganti serep, aman": dealt with on the road; the flat tyre's
        # patch or replacement is the repair to record, when it is done.
        later = "kalau ban yang bocor sudah ditambal atau diganti, kirim biayanya untuk dicatat."
    said = (
        f"Terima kasih, laporan soal {bus.name} sudah saya teruskan ke {_told_of_problems(ctx)}. "
        f"Belum dicatat sebagai perbaikan; {later}"
    )
    if f.odometer_km is None:
        return said, None
    km = ExtractedFields(bus=bus.name, odometer_km=f.odometer_km)
    reading = extraction.model_copy(update={"intent": Intent.RECORD_ODOMETER, "fields": km})
    return said, reading


def _day_to_come(pending: PendingAction, extraction: Extraction, text: str) -> bool:
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


def _kept_on_its_day(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction
) -> list[OutboundMessage]:
    """The put-off trip closed politely: nothing changes, it stays on its day."""
    conversation.drop_pending()
    try:
        booking = actions.target_of(ctx, pending.extraction.fields, pending.target_id)
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
    return [replies.text(ctx.actor.phone, said), *_next_queued(ctx, conversation)]


def _buses_to_come(pending: PendingAction, extraction: Extraction, text: str) -> bool:
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


def _crew_kept_out(
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
        booking: Booking | None = actions.target_of(ctx, f, pending.target_id)
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
    return [replies.text(ctx.actor.phone, text), *_next_queued(ctx, conversation)]


def _nothing_waits(ctx: MessageContext, just_saved: bool) -> str:
    """A yes with nothing waiting. Right after an answer to a question, "oke siap" only
    acknowledges it; otherwise it is said plainly that nothing waits, never claiming a
    record (the person may have meant something not taken as a request)."""
    if not just_saved and ctx.conversation.live_topic(ctx.deps.clock.now()) is not None:
        return replies.NOTED
    return replies.NOTHING_PENDING


def _unknown(ctx: MessageContext, text: str, pending: PendingAction | None) -> str:
    """Not an action nor a question: greetings and thanks in kind, a plain yes with nothing
    waiting said so, off-topic talk pointed to what Keloia does."""
    hour = ctx.deps.clock.now().astimezone(ZoneInfo(ctx.tenant.settings.timezone)).hour
    social = smalltalk.reply(text, ctx.actor, hour)
    if social is not None:
        return social
    if pending is None and plain_yes(text):
        just_done = ctx.conversation.recently_applied(ctx.deps.clock.now())
        return _nothing_waits(ctx, just_done is not None)
    if pending is None and plain_call_off(text):
        return replies.nothing_to_call_off(ctx.actor.role)
    records_money = can(ctx.actor.role, Action.CREATE, Resource.PAYMENT)
    if (later := smalltalk.paid_later(text, records_money=records_money)) is not None:
        return later  # what waits, if anything, is said after it
    if pending is not None and smalltalk.asks_if_done(text):
        # "trs jam jemputnya udh diganti?" while the change waits: not yet, and what waits.
        try:
            summary = actions.plan(ctx, pending.extraction, pending.target_id).summary
        except DomainError:
            summary = ""
        return "\n".join(["Belum, ini masih menunggu jawaban Anda:", summary]).strip()
    if pending is not None and smalltalk.holding_on(text):
        return "Baik, saya simpan dulu, belum dicatat."  # what waits is said after it
    if (who := _who_may(ctx, text)) is not None:
        return who
    if (relayed := _relay(ctx, text)) is not None:
        return relayed
    if (news := _problem_news(ctx, text)) is not None:
        return news
    if (road := smalltalk.on_the_road(text, ctx.actor)) is not None:
        return road  # what waits, if anything, is said after it
    if (number := contacts.answer(text, ctx.actor, ctx.team)) is not None:
        return number
    if (number := contacts.client_number(ctx, text)) is not None:
        return number
    if pending is not None and yes_among_words(text):
        # "udh fix batal mbak": what waits is said after it, with how to confirm it.
        return "Belum saya catat: cukup balas *ya* saja, tanpa kata lain."
    return smalltalk.off_topic(text, ctx.tenant.name) or replies.not_understood(ctx.actor.role)


# "udh diganti ban serep, lanjut jalan", "sudah beres, jalan lagi": news that the problem
# reported before is dealt with, or that the trip goes on.
_PROBLEM_NEWS_RE = re.compile(
    r"\b(?:(?:di)?(?:ganti|tambal|benerin|betulin|perbaiki|servis)\w*|serep|serap|cadangan"
    r"|beres|aman|normal|lanjut|jalan\s+(?:lagi|lg)|bisa\s+jalan|udah\s+jalan|udh\s+jalan)\b"
)

# News that is of the problem or the trip itself even beside a break: it was dealt with,
# or the trip waits ("istirahat dulu, lanjut besok pagi").
_PROBLEM_DEALT_RE = re.compile(
    r"\b(?:(?:di)?(?:ganti|tambal|benerin|betulin|perbaiki|servis)\w*|serep|serap|cadangan"
    r"|beres|bisa\s+jalan|jalan\s+(?:lagi|lg)|besok|bsk|lusa|nginep|menginap|mundur|telat"
    r"|terlambat|jam\s*\d+|nunggu|menunggu|derek|bengkel|mogok|rusak|parah)\b"
)

_AMOUNT_RE = re.compile(r"\d{3}|\d\s*(?:rb|ribu|jt|juta|k)\b")


def _problem_news(ctx: MessageContext, text: str) -> str | None:
    """ "udh diganti ban serep, lanjut jalan" right after the sender reported a problem
    with a bus: news of it, passed on to the owner and admins as the report was. Nothing
    is recorded (a repair with its cost is read as one, never here)."""
    reported = ctx.conversation.live_reported(ctx.deps.clock.now())
    if reported is None or not _PROBLEM_NEWS_RE.search(text.lower()) or "?" in text:
        return None
    if _AMOUNT_RE.search(text.lower()):
        return None  # a cost or a km: never passed on as mere news ("bus 01" may be said)
    if smalltalk.BREAK.search(text) and not _PROBLEM_DEALT_RE.search(text.lower()):
        return None  # "izin makan dulu, aman kok": his own break, no news of the problem
    bus = fleet.report_problem(ctx.deps, ctx.actor, reported.bus_id, text, follow_up=True)
    told = _told_of_problems(ctx)
    return f"Baik, terima kasih. Kabar soal {bus.name} sudah saya teruskan ke {told}."


# "tolong sampaikan ke pak budi nggih": passing word on to someone of the PO.
_RELAY_RE = re.compile(
    r"\b(?:sampaikan|sampein|sampaiin|sampekan|kabari|kabarin|kabarkan|bilangin|bilangi"
    r"|terusin|teruskan|infokan|infoin)\b"
)
# What the last answer said it passed on: a driver's "tidak bisa" or a problem report.
_TOLD_RE = re.compile(r"sudah saya teruskan ke (?P<to>[^.;]+)")


def _relay(ctx: MessageContext, text: str) -> str | None:
    """ "tolong sampaikan ke pak budi": right after the bot passed a report on, that it
    did; otherwise what to pass on is asked (said with it, it is proposed: relay.py)."""
    if not _RELAY_RE.search(text.lower()):
        return None
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


def _books_first(pending: PendingAction, new: Extraction) -> bool:
    """A payment waits for its booking to be picked, and a new booking of the same client is
    said: the booking the payment is for (actions._ask_when_all_paid asks exactly that)."""
    paying = pending.extraction
    return (
        bool(pending.choices)
        and paying.intent is Intent.RECORD_PAYMENT
        and new.intent is Intent.CREATE_BOOKING
        and same_client(paying.fields.client_name or "", new.fields.client_name or "")
    )


def _hold(
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
    conversation.queue = [*conversation.queue, extraction]
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
    day, the price) is that trip, booked: a client's own message forwarded ("mau konfirmasi
    booking ya. Atas nama Bapak Sutrisno ... ke Pangandaran tanggal 26 Desember ... jadi 1
    bus ... 8,5 juta") reads like a change but asks for a new booking; the number it gives
    ("Nomor hp saya 0813-2222-3333") is the client's."""
    f = extraction.fields
    day = f.depart_date or f.ref_date
    if extraction.intent is not Intent.UPDATE_BOOKING or not f.client_name:
        return None
    if not (f.route_to and day and f.price):
        return None
    phone = f.client_phone or extraction.said_phone
    fields = f.model_copy(update={"depart_date": day, "ref_date": None, "client_phone": phone})
    return extraction.model_copy(
        update={"intent": Intent.CREATE_BOOKING, "fields": fields, "said_phone": None}
    )


def _next_queued(ctx: MessageContext, conversation: Conversation) -> list[OutboundMessage]:
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
        return _propose(ctx, conversation, following, None)
    except DomainError as error:
        # Refused before anything is written: said, and the one after it proposed.
        return [replies.text(ctx.actor.phone, error.message), *_next_queued(ctx, conversation)]


def _propose(
    ctx: MessageContext,
    conversation: Conversation,
    extraction: Extraction,
    target_id: str | None,
    media_id: str = "",
) -> list[OutboundMessage]:
    """Check the action now, keep it pending, and ask the person to confirm it."""
    to = ctx.actor.phone
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
        return _propose(ctx, conversation, described, None, media_id)
    except NeedMore as question:
        said = question.message
        if said == actions.WHAT_CHANGES and keep.source_text:
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
    conversation.pending = keep.model_copy(update={"target_id": plan.target_id})
    body = plan.summary
    if media_id:
        body += "\n• Lampiran: foto/berkas yang Anda kirim disimpan bersama catatan ini."
    if warnings:
        body += "\n\n⚠️ Perhatian: " + " ".join(warnings)
    if extraction.confidence < SURE_READING:
        # Read without certainty (the rules unsure with no Claude to ask, or Claude unsure):
        # the person is told to check it, not only asked to confirm it.
        body += f"\n\n{replies.UNSURE_READING}"
    verb, yes = replies.yes_wording(extraction)
    body += f"\n\nBenar? Balas *ya* untuk {verb}, atau tulis koreksinya."
    return [replies.confirmation(to, body, pending_id, yes)]


def _apply(
    ctx: MessageContext, conversation: Conversation, pending: PendingAction
) -> list[OutboundMessage]:
    try:
        plan = actions.plan(ctx, pending.extraction, pending.target_id)
    except (NeedMore, Ambiguous):
        # "ya" to a question or a list: the question (or list) again, still pending.
        return _propose(ctx, conversation, pending.extraction, pending.target_id, pending.media_id)
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
        _about_booking(ctx, conversation, saved)
    elif pending.extraction.intent in _BUS_ACTIONS and pending.extraction.fields.bus:
        # "ganti oli lagi kapan" right after Bus 03's km is about Bus 03.
        bus = ExtractedFields(bus=pending.extraction.fields.bus)
        _talked_about(ctx, conversation, Intent.QUERY_BUS_STATUS, bus)
    answers = [replies.text(ctx.actor.phone, done)]
    if pending.extraction.intent is Intent.RECORD_PAYMENT and plan.target_id:
        answers += paper_chat.after_payment(ctx, plan.target_id, pending.media_id)
    return answers + _next_queued(ctx, conversation)


def _picked(ctx: MessageContext, pending: PendingAction, text: str) -> str | None:
    """The id of the booking a typed reply picks from the list the person was shown."""
    shown = [ctx.uow.bookings.get(ctx.actor.tenant_id, i) for i in pending.choices]
    found = choice.pick([b for b in shown if b is not None], text)
    return found.id if found else None


def _choice(
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
        return [_reminding(answered, pending)]
    prefix, _, rest = reply_id.partition(":")
    pending_id, _, booking_id = rest.partition(":")
    if prefix + ":" not in replies.PENDING_PREFIXES:
        # A button of something else (a template's quick reply): what Keloia can do.
        return [replies.text(to, replies.HELP[ctx.actor.role])]
    if not conversation.knows(pending_id):
        # Another person's button (forwarded, or its id forged): nothing of it is applied,
        # and nothing false is said of the person's own proposals.
        return [_reminding(replies.text(to, replies.NOT_YOUR_BUTTON), pending)]
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
        return _apply(ctx, conversation, pending)
    if prefix + ":" == replies.EDIT_PREFIX:
        return [replies.text(to, replies.ASK_CORRECTION)]
    if prefix + ":" == replies.CANCEL_PREFIX:
        conversation.drop_pending()
        said = replies.dropped(pending.extraction)
        return [replies.text(to, said), *_next_queued(ctx, conversation)]
    if prefix + ":" == replies.PICK_PREFIX and booking_id:
        return _propose(ctx, conversation, pending.extraction, booking_id, pending.media_id)
    return [replies.text(to, replies.not_understood(ctx.actor.role))]


def _stale(
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
        proposal = _propose(ctx, conversation, pending.extraction, pending.target_id)
    else:
        proposal = _propose(ctx, conversation, extraction, None)
    first, *rest = proposal
    return [first.model_copy(update={"body": f"{note}\n\n{first.body}"}), *rest]


def _free_crew(
    ctx: MessageContext, error: ScheduleConflict, extraction: Extraction, days: DateRange
) -> str:
    """After a driver or kernet clash: who is free those days, and how to take one."""
    f = extraction.fields
    named = [f.driver, f.kernet] + [n for line in f.crew or [] for n in (line.driver, line.kernet)]
    people = [resolve.find_driver(ctx.team, n) for n in named if n]
    taken = {p.id for p in people if p is not None}  # already on this trip
    free = [u for u in team.available_crew(ctx.deps, ctx.actor, days) if u.id not in taken]
    when = days_label(days.start, days.end, ctx.today)
    text = f"\nSopir/kernet yang masih kosong {when}: " + (
        ", ".join(u.name for u in free) if free else "tidak ada."
    )
    if free and extraction.intent in ACTION_INTENTS:
        held = {c.resource_id for c in error.clashes}
        kernet = resolve.find_driver(ctx.team, f.kernet) if f.kernet else None
        role = "kernetnya" if kernet is not None and kernet.id in held else "sopirnya"
        bus = ""
        for line in f.crew or []:
            on_bus = [resolve.find_driver(ctx.team, n) for n in (line.driver, line.kernet) if n]
            if line.bus and any(p is not None and p.id in held for p in on_bus):
                bus = f"{line.bus.lower()} "
                break
        # The refused proposal is kept aside for this (Conversation.refused).
        text += f"\nMau ganti? Balas misalnya: *{bus}{role} {free[0].name.lower()} aja*."
    return text


def _explain(ctx: MessageContext, error: DomainError, extraction: Extraction | None) -> str:
    """A refusal with a way forward."""
    if isinstance(error, Forbidden) and extraction and extraction.confidence < SURE_YES:
        # Read unsurely as something this person may not do ("sy udh smpe magelang" by a
        # driver, as a booking change): more likely misread than asked for.
        return replies.not_understood(ctx.actor.role)
    text = error.message
    if isinstance(error, ScheduleConflict) and extraction is not None:
        f = extraction.fields
        day = f.depart_date or f.ref_date
        if day is not None:
            days = DateRange(start=day, end=max(f.return_date or day, day))
            if all(c.resource == "crew" for c in error.clashes):
                return text + _free_crew(ctx, error, extraction, days)
            free = fleet.available_buses(ctx.deps, ctx.actor, days)
            text += f"\nBus yang masih kosong {days_label(days.start, days.end, ctx.today)}: " + (
                ", ".join(b.name for b in free) if free else "tidak ada."
            )
            if free and extraction.intent in ACTION_INTENTS:
                # The refused proposal is kept aside for this (Conversation.refused).
                text += f"\nMau pakai bus lain? Balas misalnya: *pake {free[0].name.lower()} aja*."
    return text
