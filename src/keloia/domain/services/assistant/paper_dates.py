"""The day of a paper's expiry when the message does not give it whole: a day that
does not exist ("tgl 31 nov") or a month alone ("kir bus 03 habis des 2027") is asked
once, and the answer completes what waits."""

from __future__ import annotations

from datetime import date

from keloia.domain.model.conversation import Conversation, PendingAction
from keloia.domain.model.intents import ACTION_INTENTS, Extraction, Intent
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.moves import MonthSaid, day_alone, end_of_month_said, month_without_day
from keloia.domain.services.assistant import paper_news, proposals, replies
from keloia.domain.services.assistant.context import MessageContext

# The days an action is given: asked again when the message said one that does not exist.
_NEW_DAYS = {"depart_date", "return_date", "shift_days", "date", "date_to", "more_dates"}


def ask_the_day(
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


def paper_by_month(
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
    if f.detail is not None:
        # "tolong perpanjang kir bus 02 sblm akhir januari": a renewal asked of someone (or
        # under way), by a month that is no expiry; nothing to record.
        return None
    month = month_without_day(text, today)
    if month is None:
        return None
    if month.end:
        whole = extraction.model_copy(
            update={"fields": f.model_copy(update={"date": month.last_day})}
        )
        return proposals.propose(ctx, conversation, whole, None)
    question = paper_news.asks_day(ctx, f, month)
    if question is None:
        return None
    asked = ask_the_day(ctx, conversation, extraction, None, question)
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
    first, *rest = proposals.propose(ctx, conversation, merged, pending.target_id)
    if not note:
        return [first, *rest]
    return [first.model_copy(update={"body": f"{note}\n\n{first.body}"}), *rest]
