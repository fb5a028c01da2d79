"""One WhatsApp message, start to end: who wrote, what they mean, what to propose or
apply, and what to answer. Each inbox message is processed exactly once: its effects, the
replies and the "processed" mark commit in one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from keloia.domain.errors import (
    ClientNotFound,
    DomainError,
    Forbidden,
    ReadingBelowLast,
    ScheduleConflict,
)
from keloia.domain.model.activity import MessageSource
from keloia.domain.model.alerts import MANAGERS, AlertKind
from keloia.domain.model.channel import InboxItem, InboxState
from keloia.domain.model.clients import name_key
from keloia.domain.model.common import DateRange
from keloia.domain.model.conversation import TOPIC_TTL, Conversation, PendingAction, Turn
from keloia.domain.model.events import ReplyWritten
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    QUERY_INTENTS,
    ExtractedFields,
    Extraction,
    Intent,
)
from keloia.domain.model.messages import InboundKind, OutboundMessage
from keloia.domain.model.tenants import User
from keloia.domain.services.assistant import (
    converse,
    onboarding,
    refusals,
    replies,
    topics,
    understanding,
)
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import LOOKAHEAD, LOOKBACK
from keloia.domain.services.deps import Deps, Transaction

READABLE = frozenset({InboundKind.TEXT, InboundKind.BUTTON_REPLY, InboundKind.LIST_REPLY})
# A business-scoped user id as Meta writes it ("ID.1234…"): anything else gets no reply.
USER_ID_RE = re.compile(r"^[A-Z]{2}\.[A-Za-z0-9.]{1,200}$")


def is_valid_recipient(user_id: str) -> bool:
    return bool(USER_ID_RE.match(user_id))


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
    extraction = understanding.understand(deps, item, loaded)

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
        extraction = understanding.understand(deps, current, loaded)
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
    conversation = uow.conversations.get(user.tenant_id, user.id)
    return MessageContext(
        deps=deps,
        actor=user,
        tenant=tenant,
        today=deps.clock.today(),
        team=uow.users.all(user.tenant_id),
        buses=uow.buses.all(user.tenant_id),
        # Client names are for reading text: a tapped button or list row names none.
        clients=_clients(uow, user.tenant_id, deps.clock.today())
        if understanding.is_text(item)
        else (),
        conversation=conversation,
        text=item.message.text or "",
        alerted_bus=_alerted_bus(uow, user, conversation, deps.clock.now()),
    )


def _alerted_bus(
    uow: Transaction, user: User, conversation: Conversation, now: datetime
) -> str | None:
    """The bus of the latest problem alert sent to `user` since their conversation last
    moved (and within a topic's life). Only managers are alerted of problems: a driver's
    message costs no query."""
    if user.role not in MANAGERS:
        return None
    since = max(now - TOPIC_TTL, conversation.last_activity or now - TOPIC_TTL)
    alerted = [
        a
        for a in uow.alerts.for_user(user.tenant_id, user.id, since=since)
        if a.kind is AlertKind.BUS_PROBLEM and a.entity == "bus"
    ]
    if not alerted:
        return None
    bus = uow.buses.get(user.tenant_id, max(alerted, key=lambda a: a.created_at).entity_id)
    return bus.name if bus is not None else None


def _clients(uow: Transaction, tenant_id: str, today: date) -> tuple[str, ...]:
    """Each client booked around today, once, in the spelling of their latest booking."""
    window = DateRange(start=today - LOOKBACK, end=today + LOOKAHEAD)
    latest: dict[str, str] = {}
    for name in uow.bookings.client_names(tenant_id, window):  # in the order they were booked
        latest[name_key(name)] = name
    return tuple(latest.values())


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
    if message.kind is InboundKind.MEDIA and not understanding.is_text(item):
        kept = uow.media.for_message(ctx.actor.tenant_id, message.wa_message_id) is not None
        said = replies.media_without_text(message.media, kept)
        return ctx.actor.tenant_id, [replies.text(to, said)]
    if message.kind not in READABLE and not understanding.is_text(item):
        return ctx.actor.tenant_id, [replies.text(to, replies.ONLY_TEXT)]
    now = deps.clock.now()
    conversation = ctx.conversation
    conversation.add_turn(Turn(speaker="user", text=message.text[:500], at=now))
    stale = item.is_stale(deps.stale_after)
    talked_about = conversation.topic
    answers = converse.reply_to(ctx, conversation, item, extraction, stale)
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
    text = refusals.explain(ctx, error, extraction)
    conversation = ctx.conversation
    conversation.topic = None  # a refused question or action is no answer to lean on
    if extraction is not None and (
        extraction.intent is Intent.REQUEST_PAPER
        or (isinstance(error, Forbidden) and extraction.intent in QUERY_INTENTS)
    ):
        # A paper refused (PDF off, no such payment) is still what was asked: "kalo
        # konfirmasi booking bu dewi bisa?" next asks for another paper. So is a question
        # beyond the sender's role: a driver refused Pak Hendra's money may ask "lha masjid
        # baitussalam?", the trip he drives today (whose "lunas" he may hear). Only the
        # question is kept, not whom it named: "brgkt jam brp?" next is his own trip's.
        asked = extraction.fields
        if extraction.intent is not Intent.REQUEST_PAPER:
            asked = ExtractedFields()
        topics.talked_about(ctx, conversation, extraction.intent, asked)
    if extraction is not None and extraction.intent is Intent.CORRECT and conversation.pending:
        # A correction that does not hold leaves the proposal as it was.
        text += "\n\n" + replies.STILL_PENDING
    else:
        refused_action = extraction is not None and extraction.intent in ACTION_INTENTS
        if isinstance(error, ScheduleConflict) and extraction is not None and refused_action:
            # Kept aside: "ok pake bus 04 aja" takes it up again with the bus named.
            # A saved booking's change keeps which booking it was ("yg ke bandung sopirnya
            # wahyu", then "slamet wae": the trip to Bandung, not the one saved last).
            changed = error.booking_id
            if changed is not None and ctx.uow.bookings.get(ctx.actor.tenant_id, changed) is None:
                changed = None
            conversation.refused = PendingAction(
                id=ctx.deps.ids.new_id(),
                extraction=extraction,
                proposed_at=now,
                crew_clash=all(c.resource == "crew" for c in error.clashes),
                target_id=changed,
            )
        elif isinstance(error, ClientNotFound) and extraction is not None and refused_action:
            # "pak joni dp 2jt" with no such booking: "maksudnya pak hendra" takes it up.
            conversation.refused = PendingAction(
                id=ctx.deps.ids.new_id(),
                extraction=extraction,
                proposed_at=now,
                client_unknown=True,
            )
        elif (
            isinstance(error, ReadingBelowLast)
            and extraction is not None
            and extraction.intent is Intent.RECORD_ODOMETER
            and not extraction.fields.readings
        ):
            # "km bus 03 51.800" below the last reading: "eh salah, 151.800" takes it up
            # for the same bus, as a correction of the reading refused.
            conversation.refused = PendingAction(
                id=ctx.deps.ids.new_id(),
                extraction=extraction,
                proposed_at=now,
                reading_low=True,
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
