"""One understood message turned into its answers: which path it takes (a tap, a yes,
a no, a correction, an action, a report, a question, small talk) given what waits."""

from __future__ import annotations

import re
from datetime import date, timedelta

from keloia.domain.errors import AlreadyCancelled, DomainError, Forbidden
from keloia.domain.model.channel import InboxItem
from keloia.domain.model.clients import same_client
from keloia.domain.model.conversation import (
    Conversation,
    PendingAction,
    Topic,
    plain_yes,
    takes_up_again,
    yes_to_both,
)
from keloia.domain.model.crew import typed_ready
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    QUERY_INTENTS,
    ExtractedFields,
    Extraction,
    Intent,
)
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.moves import impossible_date
from keloia.domain.model.news import KEPT_AS_IT_IS_RE
from keloia.domain.model.text import day_label
from keloia.domain.services.assistant import (
    after_save,
    contacts,
    crew_answers,
    document_answers,
    open_questions,
    paper_dates,
    paper_news,
    plans,
    problems,
    proposals,
    queries,
    refusals,
    relay,
    replies,
    several,
    talk,
    targets,
    team_answers,
    topics,
    understanding,
)
from keloia.domain.services.assistant import papers as paper_chat
from keloia.domain.services.assistant.context import MessageContext


def reply_to(
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
    if not understanding.is_text(item):
        return proposals.tapped(ctx, conversation, pending, message.reply_id, lapsed)
    if extraction is None:
        return [replies.text(to, replies.not_understood(ctx.actor.role))]
    if pending is not None and pending.choices:
        chosen = proposals.picked(ctx, pending, message.text)
        if chosen is not None:
            return proposals.propose(
                ctx, conversation, pending.extraction, chosen, pending.media_id
            )
    extraction = several.actions_first(extraction)
    notes, renewal = paper_news.noted(ctx, extraction)
    if notes:
        # "kir bus 02 udah diperpanjang sampai 20 jan 2028, stnk nya masih proses": the
        # STNK said in hand first, then the KIR's renewal proposed.
        first, *rest = reply_to(ctx, conversation, item, renewal, stale)
        return [first.model_copy(update={"body": "\n".join([*notes, "", first.body])}), *rest]
    if (
        held := crew_answers.held_cash(
            ctx, extraction, problems.told_of_problems(ctx), message.text
        )
    ) is not None:
        # A driver holding a client's money: the owner and admins are told (nothing is
        # recorded as paid); what else he said (the trip's end) goes on as usual.
        passed, then = held
        if then is None:
            return [proposals.reminding(replies.text(to, passed), pending)]
        try:
            return [replies.text(to, passed), *reply_to(ctx, conversation, item, then, stale)]
        except DomainError as error:
            # "trip pak hendra selesai, pelunasan 5jt cash ke saya" before the trip left: the
            # end is refused and explained, and the money news stays told (a refusal rolls
            # the message's transaction back, the CashHeld notice with it).
            return [replies.text(to, f"{passed}\n\n{refusals.explain(ctx, error, then)}")]
    if pending is None and (
        coming := crew_answers.cash_to_come(
            ctx, extraction, problems.told_of_problems(ctx), message.text
        )
    ):
        # A client's money to come through a driver: passed on, nothing recorded.
        return [replies.text(to, coming)]
    owed = crew_answers.pay_owed(ctx, extraction, problems.told_of_problems(ctx), message.text)
    if owed is not None:
        # A driver's own premi or uang jalan not given yet: passed on, nothing recorded.
        return [proposals.reminding(replies.text(to, owed), pending)]
    intent = extraction.intent
    asked_to_read = (*ACTION_INTENTS, *QUERY_INTENTS, Intent.CORRECT, Intent.UNKNOWN)
    if intent in asked_to_read and (no_such_day := impossible_date(message.text)):
        return paper_dates.ask_the_day(ctx, conversation, extraction, pending, no_such_day)
    by_month = paper_dates.paper_by_month(ctx, conversation, extraction, pending, message.text)
    if by_month is not None:
        return by_month
    if stale and (intent in ACTION_INTENTS or intent is Intent.CONFIRM):
        return proposals.stale(ctx, conversation, item, extraction, pending, lapsed)
    called_off = conversation.live_called_off(ctx.deps.clock.now())
    taking_up = called_off is not None and takes_up_again(message.text)
    if taking_up and called_off is not None and intent not in (Intent.UNKNOWN, Intent.CONFIRM):
        # "yg bu wati td jadi dicatat ya": read unsure as something else, naming what was
        # called off (its client), it is that one taken up.
        named = extraction.fields.client_name
        was_for = called_off.extraction.fields.client_name
        unsure = extraction.confidence < understanding.SURE_YES
        taking_up = unsure and bool(named and was_for and same_client(named, was_for))
    if called_off is not None and taking_up:
        # "eh ternyata bener udh lunas, catat yg tadi" after its Batal: proposed again.
        conversation.called_off = None
        return proposals.propose(ctx, conversation, called_off.extraction, called_off.target_id)
    if called_off is not None and pending is None and intent is Intent.CORRECT_LAST:
        # "eh td salah liat, dp bu dewi 1jt masuknya ke bri" right after its Batal: what was
        # called off, put right, is proposed again (nothing was saved to correct).
        redone = _called_off_put_right(called_off.extraction, extraction, message.text.lower())
        if redone is not None:
            conversation.called_off = None
            return proposals.propose(ctx, conversation, redone, called_off.target_id)
    refused = conversation.live_refused(ctx.deps.clock.now())
    # A reading refused as too low is taken up by the right number or dropped by a no; a
    # "ya" after "mohon dicek lagi angkanya" is no answer to it (a driver's "ya" may be
    # his Siap to a trip notice, asked below).
    taken_up = (*understanding.YES_NO, Intent.CORRECT)
    if refused is not None and refused.reading_low:
        taken_up = (Intent.REJECT, Intent.CORRECT)
    if refused is not None and intent in taken_up:
        return proposals.take_up(ctx, conversation, refused, extraction)
    if refused is not None and not refused.reading_low and proposals.renames(refused, extraction):
        # "pk hendra pake bus 03 aja": the client keeps the name the refused booking gave him.
        kept = extraction.fields.model_copy(update={"client_name": None})
        return proposals.take_up(
            ctx, conversation, refused, extraction.model_copy(update={"fields": kept})
        )
    days = frozenset[date]() if plain_yes(message.text) else typed_ready(message.text, ctx.today)
    if pending is None and days is not None and (ready := crew_answers.ready(ctx, days)):
        topics.about_trip_shown(ctx, conversation)
        return [ready]  # "siap" right after a trip notice, with nothing else waiting
    if intent not in ACTION_INTENTS and (waiting := crew_answers.unanswered(ctx, message.text)):
        return [proposals.reminding(replies.text(to, waiting), pending)]  # "yg blm jawab sapa"
    if intent not in ACTION_INTENTS and (team := team_answers.answer(ctx, message.text)):
        # "sopir kita ada brp orang" reads as the schedule, "tim kita sapa aja" as nothing:
        # the team is told, and what waits still waits.
        return [proposals.reminding(replies.text(to, team), pending)]
    # "slamet udh jawab blm?" may read as word to pass on to him: what he answered is said.
    asks_crew = intent not in ACTION_INTENTS or crew_answers.answer_asked(extraction, message.text)
    client = extraction.fields.client_name
    if asks_crew and (heard := crew_answers.told(ctx, message.text, client)):
        return [
            proposals.reminding(replies.text(to, heard), pending)
        ]  # "wahyu udah dikabarin blm?"
    if intent not in ACTION_INTENTS and (sent := crew_answers.tell(ctx, message.text, extraction)):
        return [proposals.reminding(replies.text(to, sent), pending)]  # "kabari wahyu trip malang"
    # A question about one teammate may read as one to ask of them ("slamet td knp?"):
    # what the records answer is said instead.
    answerable = intent not in ACTION_INTENTS or intent is Intent.RELAY_MESSAGE
    if answerable and (heard := crew_answers.reported(ctx, message.text)):
        return [proposals.reminding(replies.text(to, heard), pending)]  # "slamet td knp"
    just_done = conversation.recently_applied(ctx.deps.clock.now())
    if pending is not None and open_questions.day_to_come(pending, extraction, message.text):
        return open_questions.kept_on_its_day(ctx, conversation, pending)
    if pending is not None and open_questions.buses_to_come(pending, extraction, message.text):
        return open_questions.crew_kept_out(ctx, conversation, pending)
    if intent is Intent.CONFIRM:
        if extraction.confidence < understanding.SURE_YES:
            # An unsure yes applies nothing: the person is asked again.
            waiting = replies.still_waiting(pending) if pending else ""
            return [replies.text(to, f"{replies.NOT_A_YES} {waiting}".strip())]
        if pending is not None:
            # "yo catet. pkk dipindah bus 04 wae": what follows the yes is proposed next.
            follows = [e for e in extraction.more if e.intent in ACTION_INTENTS]
            both = len(conversation.queue) == 1 and not follows and yes_to_both(message.text)
            conversation.queue = [*follows, *conversation.queue]
            replied = proposals.apply(ctx, conversation, pending)
            if both:
                # "dua2nya catet": the one queued behind it is applied too.
                replied = proposals.applied_too(ctx, conversation, replied)
            # "ya. abis itu bu nining brgkt tgl brp?": asked after the yes, answered after it
            # ("ok. sekalian kirim kwitansinya" after a payment: its kwitansi is offered).
            paid = pending.extraction.intent is Intent.RECORD_PAYMENT
            for after_yes in extraction.more:
                if after_yes.intent in QUERY_INTENTS:
                    # Asked beyond the sender's role: refused, the yes still applied.
                    replied.append(replies.text(to, _answered(ctx, after_yes)))
                elif after_yes.intent is Intent.REQUEST_PAPER and not paid:
                    replied += paper_chat.answer(ctx, after_yes)
            return replied
        # A second "ya" after a save says plainly that nothing waits: it never claims a
        # record (the person may have meant something the bot did not take as a request).
        if lapsed is not None:
            return [replies.text(to, replies.EXPIRED)]
        return [replies.text(to, talk.nothing_waits(ctx, just_done is not None))]
    if intent is Intent.REJECT:
        conversation.call_off(ctx.deps.clock.now())
        if pending is None and just_done is not None:
            # "batal yang tadi" right after a save: taking it back is proposed, not done.
            return after_save.propose(ctx, conversation, just_done, extraction)
        let_go = replies.dropped(pending.extraction) if pending else replies.NOTHING_PENDING
        if pending is not None and extraction.more:
            return several.dropped_then(ctx, conversation, pending, extraction.more)
        answer = [replies.text(to, let_go)]
        return answer + proposals.next_queued(ctx, conversation)
    if pending is not None and (change := _of_waiting_booking(pending, extraction)) is not None:
        # "td ditawar pak tono jd 12,5jt" while his new booking waits: the booking not yet
        # saved is what changes, as "mundur tgl 16 ding" would change it.
        extraction, intent = change, Intent.CORRECT
    if intent is Intent.CORRECT:
        if pending is None and just_done is not None:
            return after_save.propose(ctx, conversation, just_done, extraction)
        if pending is None:
            return [replies.text(to, replies.EXPIRED if lapsed else replies.NOTHING_PENDING)]
        queued = open_questions.money_of_queued(
            ctx, conversation, pending, extraction, message.text
        )
        queued = queued or open_questions.of_queued_client(ctx, conversation, pending, extraction)
        if queued is not None:
            return queued
        if (crew_asked := open_questions.crew_of_asked(pending, extraction)) is not None:
            return [proposals.reminding(replies.text(to, crew_asked), pending)]
        corrected = ExtractedFields.model_validate(
            proposals.merged_correction(pending.extraction.fields, extraction.fields)
        )
        merged = pending.extraction.model_copy(update={"fields": corrected})
        open_questions.refund_of_queued(conversation, merged, extraction)
        paid_on = corrected.paid_date
        if merged.intent is Intent.RECORD_PAYMENT and paid_on and paid_on > ctx.today:
            # "ok kata bos, besok aja": the money comes later. Proposing it dated then
            # would record money that has not moved (payments.record_payment refuses it),
            # and keeping it waiting dated today would record it today on a "ya".
            conversation.drop_pending()
            later = replies.payment_later(merged, _when(paid_on, ctx.today))
            return [replies.text(to, later), *proposals.next_queued(ctx, conversation)]
        # A correction naming another client or date names another booking: found anew.
        names_other = {"client_name", "ref_date"} & set(extraction.fields.stated())
        shares = [e for e in extraction.more if e.intent in ACTION_INTENTS]
        if shares:
            # "pak hendra 8jt aja. yg 2jt itu buat bu dewi": the other client's share is
            # proposed once the corrected payment is settled.
            conversation.queue = [*shares, *conversation.queue]
        try:
            proposed = proposals.propose(
                ctx, conversation, merged, None if names_other else pending.target_id
            )
        except plans.Unchanged as same:
            if not KEPT_AS_IT_IS_RE.search(message.text.lower()):
                raise  # "bu dewi yg brgkt tgl 4, bukan yg lain": which trip, said
            # "eh tetep bus 04 aja deh" while the trip's move to Bus 05 waits: corrected
            # back to what the record says, the change is taken back, never left waiting
            # for a "ya" that would still make it.
            conversation.drop_pending()
            taken_back = replies.text(to, f"Baik, tidak jadi diubah: {same.kept}.")
            return [taken_back, *proposals.next_queued(ctx, conversation)]
        if not shares or not proposed:
            # What still waits behind the one put right is named again, as when first said.
            return proposals.tell_next(proposed, conversation.queue)
        head, *rest = proposed
        later = "\n".join(replies.share_later(e) for e in shares)
        told, _, ask = head.body.rpartition("\n\n")
        body = f"{told}\n\n{later}\n\n{ask}" if told else f"{ask}\n\n{later}"
        return [head.model_copy(update={"body": body}), *rest]
    if intent is Intent.CANCEL_BOOKING and extraction.fields.condition:
        return [
            proposals.reminding(
                replies.text(to, open_questions.cancel_later(ctx, extraction.fields)), pending
            )
        ]
    news = paper_news.answer(ctx, extraction, message.text, problems.told_of_problems(ctx))
    if news is not None:
        # A paper's renewal with nothing to record: a driver's word passed on, a renewal in
        # hand or asked for (the owner's request proposed as word to the admins).
        if news.relay is None or pending is not None:
            return [proposals.reminding(replies.text(to, news.said), pending)]
        first, *rest = proposals.propose(ctx, conversation, news.relay, None)
        return [first.model_copy(update={"body": f"{news.said}\n\n{first.body}"}), *rest]
    if intent in ACTION_INTENTS:
        told = problems.told_of_problems(ctx)
        late = crew_answers.late_beside(ctx, extraction, told, message.text)
        if late is None:
            return _action(ctx, conversation, item, extraction, pending, just_done)
        # "ban bocor di tol, telat kira2 1 jam. tambal ban 100rb": the delay is passed on
        # at once, as a plain "telat 1 jam" is; the repair is proposed as usual.
        try:
            proposed = _action(ctx, conversation, item, extraction, pending, just_done)
        except DomainError as error:
            why = f"{late}\n\n{refusals.explain(ctx, error, extraction)}"
            return [proposals.reminding(replies.text(to, why), pending)]
        head, *after = proposed
        return [head.model_copy(update={"body": f"{late}\n\n{head.body}"}), *after]
    if intent is Intent.REPORT_PROBLEM:
        reply, reading = problems.report_problem(ctx, extraction)
        # "... trus sesok aku prei to": a question said with the report, answered beside it.
        answered = several.questions_also_asked(ctx, extraction)
        # "km bus 03 151.800, rem agak blong": the reading is proposed with the report
        # (held behind what already waits), never dropped; so is what is done about the
        # problem ("bus 03 mogok. pkk bsk pake bus 02 aja": the trip's other bus).
        following = [*([reading] if reading else []), *several.actions_told(extraction)]
        if following:
            step, *then_asked = following
            try:
                if pending is not None:
                    asked = proposals.hold(ctx, conversation, pending, step)
                    conversation.queue = [*conversation.queue, *then_asked]
                else:
                    conversation.queue = [*then_asked, *conversation.queue]
                    asked = proposals.tell_next(
                        proposals.propose(ctx, conversation, step, None), then_asked
                    )
            except DomainError as error:
                # An action that does not hold is explained; the report still went out.
                explained = replies.text(to, f"{reply}\n\n{refusals.explain(ctx, error, step)}")
                return proposals.once(
                    [explained, *proposals.next_queued(ctx, conversation), *answered]
                )
            first, *rest = asked
            return [first.model_copy(update={"body": f"{reply}\n\n{first.body}"}), *rest, *answered]
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply), *answered]
    if intent is Intent.REPORT_DELAY:
        # "sy telat 30 menit": the owner and admins hear it; nothing is recorded.
        reply = crew_answers.delay(ctx, extraction, problems.told_of_problems(ctx))
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply)]
    if intent is Intent.RETRACT_DECLINE:
        # "tgl 14 ga jadi izin, sy bisa narik": nothing to confirm, as the "tidak bisa" was not.
        reply = crew_answers.retract(ctx, extraction)
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply)]
    if intent is Intent.OFFER_TRIP:
        # "tgl 4 sy aja yg bawa", "sy tukeran sm wahyu": passed on, nothing is changed.
        reply = crew_answers.offer(ctx, extraction)
        if pending is not None:
            reply += "\n\n" + replies.still_waiting(pending)
        return [replies.text(to, reply)]
    if intent is Intent.DECLINE_TRIP and (declined := crew_answers.decline(ctx, extraction)):
        # "... aku ra iso, anakku nikahan. nek pkk sesuk tetep aku to?": then what he asked.
        questions = [e for e in extraction.more if e.intent in QUERY_INTENTS]
        return [
            proposals.reminding(declined, pending),
            *(replies.text(to, queries.answer(ctx, e)) for e in questions),
        ]
    if intent is Intent.REQUEST_PAPER:
        earlier = list(ctx.shown)
        ctx.shown.clear()
        reply_papers = paper_chat.answer(ctx, extraction)
        # "kalo konfirmasi booking bu dewi bisa?" next asks for another paper; "itu sopirnya
        # sapa", "yaudah sopirnya wahyu" lean on the trips the papers were drawn for.
        drawn_for = tuple(ctx.shown)
        topics.talked_about(ctx, conversation, intent, extraction.fields, drawn_for)
        ctx.shown[:0] = [i for i in earlier if i not in ctx.shown]
        if pending is not None and reply_papers:
            first, *rest = reply_papers
            waiting = "\n\n" + replies.still_waiting(pending)
            return [first.model_copy(update={"body": first.body + waiting}), *rest]
        return reply_papers
    if intent in QUERY_INTENTS:
        # Several questions in one message are answered in one reply, in the order asked.
        *before, last = document_answers.papers_together(
            [extraction.model_copy(update={"more": ()}), *extraction.more]
        )
        answers = [_answered(ctx, e) for e in before]
        # The last question asked is what a next "kalo masjid baitussalam?" follows up
        # ("jadwal bsk apa? trus bu rina kurang brp": a balance), with what its answer showed.
        earlier = list(ctx.shown)
        ctx.shown.clear()
        # (One question alone refused is explained as any refusal is, flow._refuse.)
        answers.append(_answered(ctx, last) if before else queries.answer(ctx, last))
        conversation.topic = Topic(
            asked=topics.ranked_client(ctx, last),
            bookings=tuple(ctx.shown),
            at=ctx.deps.clock.now(),
        )
        ctx.shown[:0] = [i for i in earlier if i not in ctx.shown]
        if (number := contacts.answer(message.text, ctx.actor, ctx.team)) is not None:
            answers.append(number)  # "uang jalan bsk brp? trs nomer admin brp": both asked
        elif (numbers := contacts.crew_numbers(ctx, message.text)) is not None:
            answers.append(numbers)  # "sopire sapa, nomere piro": the crew just shown
        reply = "\n\n".join(answers)
    elif intent is Intent.HELP:
        reply = replies.help_for(ctx.actor.role, extraction.fields.record_kind, message.text)
    elif extraction.fields.amount is not None and pending is None:
        # "3500000" alone: asked what it is for; the next message is read with it.
        reply = replies.amount_for_what(extraction.fields.amount, ctx.actor.role)
        topics.talked_about(ctx, conversation, Intent.UNKNOWN, extraction.fields)
    else:
        reply = talk.unknown(ctx, message.text, pending)
    if pending is not None:
        reply += "\n\n" + replies.still_waiting(pending)
    return [replies.text(to, reply)]


# Requests that change a booking, whose booking may be found cancelled already.
_CHANGES_OF_A_TRIP = frozenset(
    {
        Intent.UPDATE_BOOKING,
        Intent.CANCEL_BOOKING,
        Intent.CONFIRM_BOOKING,
        Intent.COMPLETE_BOOKING,
    }
)


def _action(
    ctx: MessageContext,
    conversation: Conversation,
    item: InboxItem,
    extraction: Extraction,
    pending: PendingAction | None,
    just_done: PendingAction | None,
) -> list[OutboundMessage]:
    """An action asked: proposed for a "ya" (held behind what already waits), with the
    others said in the same message queued after it and the questions asked beside it
    answered."""
    to = ctx.actor.phone
    head, *more = several.one_by_one(
        relay.with_balance(
            ctx,
            conversation,
            topics.of_the_bus(
                ctx, conversation, topics.paper_flagged(ctx, conversation, extraction)
            ),
        )
    )
    head = topics.in_place_of_absent(ctx, conversation, head)
    head = topics.in_place_of_declined(ctx, head)
    if pending is not None and proposals.books_first(pending, head):
        # "pak agus booking tgl 20 ..." asked which booking a payment is for: the new
        # booking first, the payment after it (then owed by the new one).
        conversation.drop_pending()
        f = head.fields
        paid_said = (f.dp_amount and not f.dp_promised) or f.paid_in_full
        paid = [] if paid_said else [pending.extraction]
        conversation.queue = [*paid, *more, *conversation.queue]
        return proposals.tell_next(proposals.propose(ctx, conversation, head, None), paid)
    if pending is not None and proposals.answers_what_lacked(pending, head):
        # What the waiting change lacked, given with its trip: proposed in its place.
        conversation.drop_pending()
        conversation.queue = [*more, *conversation.queue]
        return proposals.propose(ctx, conversation, head, None)
    if pending is not None and proposals.retyped_instead(pending, head, item.message.text):
        # Proposed in its place, as a correction is (a tap on the old one's button is told
        # it was replaced); refused, it leaves what waited waiting.
        was = replies.pending_label(pending.extraction)
        first, *rest = proposals.propose(ctx, conversation, head, None)
        conversation.queue = [*more, *conversation.queue]
        instead = f"Baik, *{was}* tidak saya catat; ini gantinya.\n\n{first.body}"
        return [first.model_copy(update={"body": instead}), *rest]
    if pending is not None and head.intent in _CHANGES_OF_A_TRIP:
        try:
            targets.target(ctx, head.fields)
        except AlreadyCancelled as gone:
            # "tolong kabarin joko trip pkk bsk batal" while PKK's refund waits: answered at
            # once, never queued behind it to be refused later.
            return [replies.text(to, f"{gone}\n\n{replies.still_waiting(pending)}")]
        except DomainError:
            pass  # which trip is asked when its turn comes
    if pending is not None:
        answer = proposals.hold(ctx, conversation, pending, head)
        conversation.queue = [*conversation.queue, *more]
        return answer
    answered = several.questions_also_asked(ctx, extraction)
    if not more:
        target = topics.just_done_booking(
            head, just_done, conversation.live_topic(ctx.deps.clock.now())
        )
        if targets.names_another_trip(ctx, head.fields, target):
            target = None
        if target is not None and not targets.gives_up_its_bus(ctx, head.fields, target):
            # "tak kirim bus 03" after Bus 01's breakdown, minutes after another trip was
            # saved: the trip is the one of the bus given up, never the one just saved.
            target = None
        try:
            return (
                proposals.propose(ctx, conversation, head, target, _media_of(ctx, item)) + answered
            )
        except DomainError as error:
            if not answered:
                raise  # refused as any single action is (flow._refuse)
            return [replies.text(to, refusals.explain(ctx, error, head)), *answered]
    conversation.queue = [*more, *conversation.queue]
    try:
        proposal = proposals.propose(ctx, conversation, head, None, _media_of(ctx, item))
    except DomainError as error:
        # One of several refused (a client not found): said, and the next proposed.
        said = replies.text(to, refusals.explain(ctx, error, head))
        return proposals.once([said, *proposals.next_queued(ctx, conversation), *answered])
    return proposals.tell_next(proposal, more) + answered


def _of_waiting_booking(pending: PendingAction, extraction: Extraction) -> Extraction | None:
    """A change said of the new booking that still waits for its "ya" (its client or none
    named, no other day): that change as a correction of the proposal ("jd 2 bus, hrgnya
    jd 13jt", "bu wati pake bus 02 aja"), since the booking to change is not saved yet."""
    waiting = pending.extraction
    if waiting.intent is not Intent.CREATE_BOOKING or pending.choices:
        return None
    if extraction.intent is not Intent.UPDATE_BOOKING or extraction.more:
        return None
    f, w = extraction.fields, waiting.fields
    if f.client_name and not same_client(f.client_name, w.client_name or ""):
        return None
    if f.ref_date is not None and f.ref_date not in (w.depart_date, w.return_date):
        return None
    changed = f.model_copy(update={"client_name": None, "ref_date": None})
    if not changed.stated():
        return None
    return extraction.model_copy(update={"intent": Intent.CORRECT, "fields": changed})


def _when(day: date, today: date) -> str:
    """ "besok (Selasa, 1 Des)", or "Jumat, 4 Des": a day to come, as said in a reply."""
    label = day_label(day, today)
    return f"besok ({label})" if day == today + timedelta(days=1) else f"pada {label}"


def _media_of(ctx: MessageContext, item: InboxItem) -> str:
    """The id of the photo or file kept with this message, if any."""
    if item.message.media is None:
        return ""
    kept = ctx.uow.media.for_message(ctx.actor.tenant_id, item.message.wa_message_id)
    return kept.id if kept else ""


def _answered(ctx: MessageContext, question: Extraction) -> str:
    """One question of several: asked beyond the sender's role, it is refused in words and
    the others are still answered ("pak hendra wis lunas? trus rebo jemput jam piro")."""
    try:
        return queries.answer(ctx, question)
    except Forbidden as refusal:
        return str(refusal)


# What a payment called off may have had wrong: the amount, how and when it came, its kind.
_PAYMENT_PUT_RIGHT = frozenset({"amount", "method", "paid_date", "payment_type"})
_OTHER_THING_RE = re.compile(r"\b(?:bukan|bkn|dudu|sanes)\b")


def _called_off_put_right(
    called: Extraction, correction: Extraction, correction_text: str
) -> Extraction | None:
    """A payment called off, with the values a correction of it gives (a bank, an amount, a
    day, its kind), or None when the correction names another client, refuses something or
    changes nothing."""
    if called.intent is not Intent.RECORD_PAYMENT or _OTHER_THING_RE.search(correction_text):
        return None  # ("1,2jt itu harga sewa bus, bkn solar": not the same thing put right)
    said = correction.fields.stated()
    named, was_for = said.get("client_name"), called.fields.client_name
    if named and not (was_for and same_client(str(named), was_for)):
        return None
    before = called.fields.stated()
    values = {k: v for k, v in said.items() if k in _PAYMENT_PUT_RIGHT and before.get(k) != v}
    if not values:
        return None  # nothing said differs from what was called off
    fields = ExtractedFields.model_validate(before | values)
    return called.model_copy(update={"fields": fields})
