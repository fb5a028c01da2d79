"""Several requests in one message ("jadwal bsk apa? trus pak hendra dp 1jt", "bu rina
tf 2,2jt, sekalian bsk pkk jemputnya jam 6"): the actions proposed one after the other, the
questions answered beside them."""

from __future__ import annotations

from keloia.domain.errors import DomainError
from keloia.domain.model.clients import same_client
from keloia.domain.model.conversation import Conversation, PendingAction
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    QUERY_INTENTS,
    ExtractedFields,
    Extraction,
    Intent,
    PaymentLine,
)
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.payments import PaymentType
from keloia.domain.services.assistant import proposals, queries, refusals, replies
from keloia.domain.services.assistant.context import MessageContext


def dropped_then(
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
        proposal = proposals.propose(
            ctx, conversation, following, dropped.target_id if same else None
        )
    except DomainError as error:
        said = replies.text(
            ctx.actor.phone, f"{let_go}\n\n{refusals.explain(ctx, error, following)}"
        )
        return [said, *proposals.next_queued(ctx, conversation)]
    first, *others = proposal
    return [first.model_copy(update={"body": f"{let_go}\n\n{first.body}"}), *others]


def actions_first(extraction: Extraction) -> Extraction:
    """Of several requests in one message ("jadwal bsk apa? trus pak hendra dp 1jt"), the
    first action leads: it is proposed, the questions are answered beside it. A no leads
    what follows it ("blm masuk, bookingnya cancel aja"): what waits is dropped first, and
    a problem told leads what is done about it ("bus 03 mogok. pkk bsk pake bus 02 aja"), and
    a correction of what waits what it hands on ("pak hendra 8jt aja. yg 2jt itu buat bu
    dewi": the waiting payment corrected, then Bu Dewi's share)."""
    # A yes leads what follows it too ("yo catet. pkk dipindah bus 04 wae").
    leads = (*ACTION_INTENTS, Intent.CONFIRM, Intent.REJECT, Intent.REPORT_PROBLEM, Intent.CORRECT)
    if extraction.intent in leads or not extraction.more:
        return extraction
    said = [extraction.model_copy(update={"more": ()}), *extraction.more]
    lead = next((e for e in said if e.intent in ACTION_INTENTS), None)
    if lead is None:
        return extraction
    return lead.model_copy(update={"more": tuple(e for e in said if e is not lead)})


def actions_told(extraction: Extraction) -> list[Extraction]:
    """The actions told beside a problem ("pkk bsk pake bus 02 aja"), each to propose."""
    return [e for e in extraction.more if e.intent in ACTION_INTENTS]


def questions_also_asked(ctx: MessageContext, extraction: Extraction) -> list[OutboundMessage]:
    """The answers to the questions asked beside an action in one message."""
    asked = [e for e in extraction.more if e.intent in QUERY_INTENTS]
    return [replies.text(ctx.actor.phone, queries.answer(ctx, e)) for e in asked]


def one_by_one(extraction: Extraction) -> list[Extraction]:
    """Each request of a message ("bu rina tf 2,2jt, sekalian bsk pkk jemputnya jam 6") is
    a proposal of its own, confirmed one after the other, and so are the parts of one."""
    alone = extraction.model_copy(update={"more": ()})
    later = [e for e in extraction.more if e.intent in ACTION_INTENTS]
    parts = [part for said in (alone, *later) for part in _parts_of(said)]
    return [p for i, p in enumerate(parts) if not _confirmed_by_payment(parts[:i], p)]


def _confirmed_by_payment(before: list[Extraction], part: Extraction) -> bool:
    """ "jadi brgkt. dp 1jt cash": money in confirms a waiting booking by itself
    (Booking.record_payment), so a confirmation of the same client said beside the payment
    is already in it, not asked again."""
    if part.intent is not Intent.CONFIRM_BOOKING or part.fields.amount:
        return False
    return any(
        p.intent is Intent.RECORD_PAYMENT
        and p.fields.payment_type is not PaymentType.REFUND
        and same_client(p.fields.client_name or "", part.fields.client_name or "")
        for p in before
    )


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
                    update={
                        "ref_date": None,
                        **line.model_dump(exclude={"paid_on"}),
                        "payment_type": kind,
                        "paid_on": line.paid_on or base.paid_on,
                        # A day said with this payment is its own, not the first one's.
                        "paid_date": None if line.paid_on else base.paid_date,
                    }
                )
            }
        )
        for line, kind in zip(lines, _kinds_carried(lines), strict=True)
    ]


def _kinds_carried(lines: list[PaymentLine]) -> list[PaymentType | None]:
    """Each line's kind; a line naming none takes the kind of the client's line before it
    ("bu dewi dp nya dikirim 2x, td pagi 1jt trus barusan 1,5jt": both are the DP, never
    the second a part of the rest)."""
    kinds: list[PaymentType | None] = []
    last: dict[str, PaymentType] = {}
    for line in lines:
        who = line.client_name or ""
        kind = line.payment_type or last.get(who)
        if kind is not None:
            last[who] = kind
        kinds.append(kind)
    return kinds
