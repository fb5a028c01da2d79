"""What a message means in its conversation: the extractor's reading checked against
what waits, what was just saved and the message's own words (a yes that is only a yes, a
cancellation that moves the day, a hold that is no request)."""

from __future__ import annotations

import re

from keloia.domain.model.channel import InboxItem
from keloia.domain.model.clients import name_key, same_client
from keloia.domain.model.conversation import (
    MIND_CHANGED_RE,
    SLIP_RE,
    PendingAction,
    plain_yes,
    yes_after_all,
    yes_naming_it,
    yes_to_both,
    yes_with_own_verb,
)
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    SURE_READING,
    ExtractedFields,
    Extraction,
    ExtractionContext,
    Intent,
)
from keloia.domain.model.messages import InboundKind
from keloia.domain.model.moves import moves_the_day, put_off_undated
from keloia.domain.model.undo import JUST_SAVED, RecordKind
from keloia.domain.services.assistant import after_save, smalltalk
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.deps import Deps

YES_NO = frozenset({Intent.CONFIRM, Intent.REJECT})
# A booking just made or changed: details said next naming no booking are its own.
_BOOKING_SAVED = frozenset({Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING})


# A yes read with less confidence than this applies nothing (the plain-yes test comes first).
SURE_YES = 0.75


def understand(deps: Deps, item: InboxItem, ctx: MessageContext | None) -> Extraction | None:
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
    if ctx is None or not is_text(item):
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
    asked = topic.asked if topic else None
    if ctx.alerted_bus is not None:
        # A bus's problem was the last thing the person was told: "tak kirim bus 02 buat
        # gantiin" leans on that bus, as on a last answer about it.
        about = ExtractedFields(bus=ctx.alerted_bus)
        asked = Extraction(
            intent=Intent.QUERY_BUS_STATUS, confidence=1.0, source="rules", fields=about
        )
    context = ExtractionContext(
        today=ctx.today,
        role=ctx.actor.role,
        pending=pending.extraction if pending else None,
        topic=asked,
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
    called_off = conversation.live_called_off(now) if pending is None else None
    if called_off is not None and (again := _called_off_said_again(called_off, extraction)):
        return again
    if extraction.drops_waiting and pending is not None and not stand_in:
        # "ga usah, blm kok. catet dp karang taruna 1jt": the no, then the request.
        request = extraction.model_copy(update={"drops_waiting": False})
        return Extraction(
            intent=Intent.REJECT, confidence=0.9, source=extraction.source, more=(request,)
        )
    on_its_own = context.model_copy(update={"pending": None})
    said_it = pending is not None and (
        yes_with_own_verb(item.message.text, pending.extraction)
        or yes_naming_it(item.message.text, pending.extraction)
        or yes_after_all(item.message.text)
        # "dua2nya catet" to a proposal with another queued behind it: a yes to both.
        or (len(conversation.queue) == 1 and yes_to_both(item.message.text))
        # "yo catet. pkk dipindah bus 04 wae": a plain yes, then a request of its own.
        or (extraction.intent is Intent.CONFIRM and bool(extraction.more))
    )
    if extraction.intent is Intent.CONFIRM and said_it and extraction.confidence < SURE_YES:
        # "oh ok. dp nya catet aja": the yes naming what waits, sure as the rules say it is.
        extraction = extraction.model_copy(update={"confidence": SURE_YES})
    if (
        extraction.intent is Intent.CONFIRM
        and not plain_yes(item.message.text, context.team_names)
        and not said_it
    ):
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
            pending is None or after_save.taking_back(pending, extraction) is None
        )
        # "eh koreksi, yg pak rudi jemputnya jam 04.30" right after his booking was saved:
        # no value a taking-back can carry (an hour), the booking's detail below instead.
        valueless = _nothing_put_right(alone)
        saved_booking = pending is not None and pending.extraction.intent in _BOOKING_SAVED
        if (
            saved_booking
            and extraction.intent is Intent.CORRECT
            and bool(extraction.fields.driver or extraction.fields.kernet)
            and alone.intent is Intent.CORRECT_LAST
            and alone.fields.record_kind in (None, RecordKind.BOOKING)
            and (details := _details_of_saved(extraction, _nothing_said(alone))) is not None
        ):
            # "bukan joko, slamet. joko tgl 4 mau ngurus sim" right after Joko was put on a
            # trip: the crew put right in what was saved; the paper named is the reason,
            # never a record to correct.
            return details
        if take_back and not unnamed and not (valueless and extraction.fields.stated()):
            kind = after_save.saved_kind(pending.extraction) if pending else None
            if alone.fields.record_kind is None and kind is not None:
                fields = alone.fields.model_copy(update={"record_kind": kind})
                alone = alone.model_copy(update={"fields": fields})
            alone = _date_as_corrected(alone, extraction, pending)
            said = alone.fields
            if said.record_kind is RecordKind.ODOMETER and said.amount and not said.odometer_km:
                # "eh salah ketik, 142.100" after a reading: a bare number is its km.
                fields = said.model_copy(update={"odometer_km": said.amount, "amount": None})
                alone = alone.model_copy(update={"fields": fields})
            return alone
        # A plain no is about the saved action (after_save.propose); anything else is
        # a new message ("bu dewi bayar 1jt"), as read on its own. A new booking saved is
        # cancelled, not taken back, by a cancel naming its client ("bu sinta barusan
        # telp, tripnya batal"), which calls off the same booking while it waits; after a
        # payment or a change, "ga jadi, bu dewi blm tf" takes that back. A no that reads
        # alone as another request ("yg ke malang tgl 2 sy ga bisa pak" after a cost saved:
        # a driver declining a trip) never takes the saved record back.
        if saved_booking and (details := _details_of_saved(extraction, alone)) is not None:
            # "busnya 01 dan 03 ya", "jemputnya jam 5 pagi di depan kantor kelurahan",
            # "busnya 01 sm 02, sopir joko sm wahyu" right after a booking was saved: the
            # buses (and crew), the pickup, are given to that booking, as a change to
            # confirm.
            return details
        cancels = saved_booking and alone.intent is Intent.CANCEL_BOOKING
        cancels = cancels and bool(alone.fields.client_name)
        taking_back = (Intent.UNKNOWN, Intent.UNDO_LAST, Intent.CORRECT_LAST, Intent.CANCEL_BOOKING)
        said_alone = alone.intent not in taking_back and alone.confidence >= SURE_READING
        plain_no = extraction.intent is Intent.REJECT and not (cancels or said_alone)
        # "eh salah mbak, itu bu dewi bukan pak hendra" right after Pak Hendra's payment:
        # a slip in what was saved, put right there (after_save.propose), unless it reads
        # alone as a sure request of its own.
        slipped = SLIP_RE.search(item.message.text) is not None
        if not slipped and pending is not None and MIND_CHANGED_RE.search(item.message.text):
            # "bus 02 aja deh" right after a bus was put on a trip: that value changed;
            # "lusa aja deh" after it names something the change never said.
            saved = set(pending.extraction.fields.stated())
            slipped = bool(saved) and set(extraction.fields.stated()) <= saved
        if not slipped and pending is not None and _AFTERTHOUGHT_RE.match(item.message.text):
            # "oh iya km nya pas ganti oli 140.200" right after the oil change was saved: a
            # value it lacked, added to it (never one it holds changed unasked).
            saved = set(pending.extraction.fields.stated())
            added = set(extraction.fields.stated())
            slipped = bool(added) and not added & saved
        opens_slip = _SLIP_OPENS_RE.match(item.message.text) is not None
        if opens_slip and pending is not None and (again := _said_again(alone, pending.extraction)):
            # "eh salah, bu rina baru bayar 2jt, kurang 200rb" right after her pay-off of
            # 2,2jt was saved: the same record of the same client said again as a slip, the
            # saved one put right with the values that differ (never a second payment).
            extraction, said_alone = _with_slip_values(again, extraction, pending), False
        if slipped and said_alone and extraction.intent is Intent.CORRECT:
            # "eh bus 03 aja deh" after a change: a question of the last answer only by
            # leaning on it ("kalo bus 03?"), a slip when read without it.
            plain = extract(on_its_own.model_copy(update={"topic": None}))
            said_alone = plain.intent not in taking_back and plain.confidence >= SURE_READING
        slip = extraction.intent is Intent.CORRECT and not (cancels or said_alone)
        slip = slip and slipped
        return extraction if plain_no or slip else alone
    waiting = None if stand_in else conversation.pending
    if waiting is not None and extraction.intent is Intent.CORRECT:
        # "koreksi dp pak hendra harusnya 1,5jt" while a booking waits names a saved
        # payment, not the proposal: read on its own, it is a new action (held while the
        # proposal waits), never merged into the proposal as another client and price.
        alone = extract(on_its_own)
        kind = alone.fields.record_kind
        elsewhere = kind is not None and kind != after_save.saved_kind(waiting.extraction)
        # "iya tp dp nya 1,5jt ding" while a booking with its DP waits: that DP put right.
        own = _own_value_put_right(extraction, alone, waiting.extraction, item.message.text)
        if alone.intent is Intent.CORRECT_LAST and elsewhere and not own:
            return alone
        # "kernet karang taruna wahyu" while Bu Dewi's change waits: a request of its own
        # for another client, held behind the waiting one, never merged into it. Said as a
        # slip ("eh salah, pak hendra yg tf"), or with only the waiting values again ("pak
        # hendra yg tf 2jt"), it puts the waiting one's client right.
        text = item.message.text
        if _of_another_client(alone, waiting.extraction, text) and not (
            SLIP_RE.search(text) or _restated(alone, waiting.extraction)
        ):
            return alone
    if waiting is not None and extraction.intent is Intent.UNKNOWN:
        # "bu dewi batal" again while Bu Dewi's cancellation waits: nothing new to the
        # waiting action (the reader says so), read on its own the very request that waits.
        # It is that request, said twice: what waits is recalled, never "belum bisa bantu".
        alone = extract(on_its_own)
        if _says_again(alone, waiting.extraction):
            return waiting.extraction
    taken_up = refused is not None and extraction.intent is Intent.CORRECT
    if refused is not None and taken_up:
        # "pkk caturtunggal kernetnya ganti slamet" right after "Booking Bu Rani tidak
        # ditemukan": no correction of the one refused, as above.
        alone = extract(on_its_own)
        if _of_another_client(alone, refused.extraction, item.message.text):
            return alone
        if refused.client_unknown and _of_another_trip(alone, refused.extraction):
            return alone
    just_saved = pending.extraction.intent if pending is not None else None
    of_the_saved = (
        just_saved is Intent.RECORD_TRIP_COST and extraction.intent is Intent.QUERY_TRIP_COSTS
    ) or (
        just_saved in (Intent.CREATE_BOOKING, Intent.RECORD_PAYMENT)
        and extraction.intent is Intent.QUERY_OUTSTANDING
    )
    if stand_in and of_the_saved:
        # "totalnya jadi brp? sisa brp" after the action that stands in (the one just
        # applied, mostly): that trip's costs or that client's balance.
        return extraction
    if stand_in and extraction.intent not in YES_NO and not taken_up:
        # The stand-in was only there to recognise a late yes or no: anything else is a
        # new message ("bayar lagi 1jt"), read with nothing pending.
        given = extraction
        extraction = extract(on_its_own)
        saved_booking = pending is not None and pending.extraction.intent in _BOOKING_SAVED
        if saved_booking and (details := _details_of_saved(given, extraction)) is not None:
            # "..., supir pak slamet di bus 02 terus pak wahyu di bus 04" naming no
            # booking, right after one was saved: that booking's crew, as above.
            return details
    return extraction if waiting is None else _held_on(extraction, item.message.text)


# "oh iya, km nya 140.200", "o ya lupa, ...": something left out, remembered.
_AFTERTHOUGHT_RE = re.compile(
    r"\W*(?:(?:eh|oh|o|owh)\s+(?:iya|ya|iyo|yo)|oiya|(?:(?:td|tadi)\s+)?(?:lupa|kelupaan))\b",
    re.IGNORECASE,
)

# "eh salah, bu rina baru bayar 2jt": the message opens owning a slip (never "bu dewi tf
# lagi 1jt, bukan dp tp cicilan", money more, whose kind is said).
_SLIP_OPENS_RE = re.compile(
    r"\W*(?:(?:eh|ehh|waduh|duh|maaf|mf|sori|sorry|pak|bu|mbak|mas)\W+)*"
    r"(?:salah|keliru|ralat|koreksi|salah\s+(?:catat|input|ketik))\b(?![^.?!]*\b(?:lagi|lg)\b)",
    re.IGNORECASE,
)


def _said_again(alone: Extraction, saved: Extraction) -> Extraction | None:
    """`alone` as a correction of `saved` when it is the same kind of record for the same
    client with other values; None otherwise."""
    named, was = alone.fields.client_name, saved.fields.client_name
    if alone.intent is not saved.intent or not named or not was or not same_client(named, was):
        return None
    before = saved.fields.stated()
    changed = {
        k: v
        for k, v in alone.fields.stated().items()
        if k not in ("client_name", "ref_date") and before.get(k) != v
    }
    if not changed:
        return None
    fields = ExtractedFields.model_validate(changed)
    return alone.model_copy(update={"intent": Intent.CORRECT, "fields": fields, "more": ()})


def _with_slip_values(again: Extraction, slip: Extraction, saved: PendingAction) -> Extraction:
    """`again` with the values the slip reading puts right that it lacks: "waduh salah, bus
    04 kekecilan, mereka 45 org. ganti bus 03 aja" reads alone as the saved bus said again
    (the one given up), read as a slip as the bus put in its place."""
    if slip.intent is not Intent.CORRECT:
        return again
    before = saved.extraction.fields.stated()
    has = again.fields.stated()
    more = {k: v for k, v in slip.fields.stated().items() if k not in has and before.get(k) != v}
    if not more:
        return again
    fields = ExtractedFields.model_validate(again.fields.stated() | more)
    return again.model_copy(update={"fields": fields})


def _restated(alone: Extraction, before: Extraction) -> bool:
    """Every value the message gives, but whose it is, is the waiting action's own."""
    said = alone.fields.stated()
    waiting = before.fields.stated()
    own = set(said) - {"client_name", "ref_date"}
    return all(waiting.get(k) == said[k] for k in own)


def _date_as_corrected(
    alone: Extraction, given: Extraction, saved: PendingAction | None
) -> Extraction:
    """ "eh salah, tgl 30 bukan 29" right after KIR to 29 Jan 2028 was saved: read on its
    own, a bare day is the next 30th from today; read as a correction of what was saved, it
    is near the date it corrects (30 Jan 2028). That reading's date is the one taken."""
    if alone.fields.date is None or saved is None or given.intent is not Intent.CORRECT:
        return alone
    against = after_save.taking_back(saved, given)
    day = against.fields.date if against is not None else None
    if day is None or day == alone.fields.date:
        return alone
    return alone.model_copy(update={"fields": alone.fields.model_copy(update={"date": day})})


def _called_off_said_again(called_off: PendingAction, read: Extraction) -> Extraction | None:
    """ "maaf pak salah orang. yg bayar td bu rina, pelunasan 2,2jt cash" right after Bu
    Dewi's payment was called off (nothing saved), or "parkir borobudur 45rb ding salah"
    right after a cost was: that payment or cost said again as it should have been,
    proposed anew (never a correction of a record that does not exist). Only with a value
    of its own that differs (a client or an amount)."""
    was = called_off.extraction
    said_again = _SAID_AGAIN.get(was.intent)
    if said_again is None or read.intent not in (Intent.CORRECT, Intent.CORRECT_LAST):
        return None
    kind, names, renamed = said_again
    said = read.fields.stated()
    if said.get("record_kind") not in (None, kind):
        return None
    values = {renamed.get(k, k): v for k, v in said.items() if k in renamed or k in names}
    had = was.fields.stated()
    if not any(values.get(k) not in (None, had.get(k)) for k in ("client_name", "amount")):
        return None
    fields = ExtractedFields.model_validate(had | values)
    return was.model_copy(update={"fields": fields, "confidence": read.confidence})


# What a correction may say again of an action called off: its record's kind, the values
# it carries, and the names a correction gives them.
_SAID_AGAIN = {
    Intent.RECORD_PAYMENT: (
        RecordKind.PAYMENT,
        frozenset({"client_name", "amount", "payment_type", "method"}),
        {"date": "paid_date"},
    ),
    Intent.RECORD_TRIP_COST: (
        RecordKind.TRIP_COST,
        frozenset({"client_name", "amount", "cost_type", "bus"}),
        {},
    ),
}


def _nothing_put_right(alone: Extraction) -> bool:
    """A taking-back that carries no value (only whose record, of which kind)."""
    stated = set(alone.fields.stated())
    return alone.intent is Intent.CORRECT_LAST and stated <= {"client_name", "record_kind"}


def _nothing_said(reading: Extraction) -> Extraction:
    """The reading as one that says nothing of its own."""
    return Extraction(intent=Intent.UNKNOWN, confidence=reading.confidence, source=reading.source)


def _details_of_saved(given: Extraction, alone: Extraction) -> Extraction | None:
    """Details (buses, crew, pickup) read as given to the booking just saved, as a change of
    it: when, read on their own, they are no request, or a change of a booking they do not
    name (no client, no day), kept as read alone (all it says) and as sure as the details
    were read for the saved booking (alone they were unsure only of which booking)."""
    if _nothing_put_right(alone) and after_save.gives_details(given, naming_client=True):
        # "eh koreksi, yg pak rudi jemputnya jam 04.30": his booking's hour, a change of it.
        return given.model_copy(update={"intent": Intent.UPDATE_BOOKING})
    if not after_save.gives_details(given):
        return None
    if alone.intent is Intent.UNKNOWN:
        return given.model_copy(update={"intent": Intent.UPDATE_BOOKING})
    f = alone.fields
    if alone.intent is Intent.UPDATE_BOOKING and not (f.client_name or f.ref_date):
        return alone.model_copy(update={"confidence": max(alone.confidence, given.confidence)})
    return None


def _says_again(alone: Extraction, before: Extraction) -> bool:
    """A sure request, read alone, of the waiting action's kind, for its client (or naming
    none), giving no value but the waiting action's own."""
    sure = alone.intent in ACTION_INTENTS and alone.confidence >= SURE_READING
    named, was = alone.fields.client_name, before.fields.client_name
    same_party = not named or bool(was and same_client(named, was))
    return sure and alone.intent is before.intent and same_party and _restated(alone, before)


# "yg td", "barusan": a record already saved is meant, never the proposal that waits.
_SAVED_MEANT_RE = re.compile(rf"\b(?:{JUST_SAVED})\b", re.I)


def _own_value_put_right(
    read: Extraction, alone: Extraction, waiting: Extraction, text: str
) -> bool:
    """ "iya tp dp nya 1,5jt ding" while a booking with a DP of 1jt waits: a value the
    waiting action itself states, put right, naming no other client and no record saved
    before ("yg td", "barusan"): a correction of what waits, not of a payment saved."""
    said = set(read.fields.stated())
    own = set(waiting.fields.stated())
    if "dp_amount" in own:
        # "eh dp nya blm masuk ding" while a booking with its DP waits: that DP only promised.
        own.add("dp_promised")
    named = alone.fields.client_name or read.fields.client_name or ""
    was = waiting.fields.client_name or ""
    if not was and waiting.intent is Intent.RECORD_TRIP_COST:
        # "eh bus 02 ding salah ketik, trip pak hendra" while a cost found for Bus 03's
        # trip waits: the trip it was spent on is the cost's own to put right.
        own.add("client_name")
        was = named
    other = bool(named) and not (was and same_client(named, was))
    return bool(said) and said <= own and not other and not _SAVED_MEANT_RE.search(text)


def _of_another_client(alone: Extraction, before: Extraction, text: str) -> bool:
    """A sure request of its own, read alone, naming another client than `before` and what
    to change for them: no correction of `before` ("bukan bu rani, bu rina" still is, and
    so is one naming the client of `before`: "bukan bu rani tp bu rina, sopirnya slamet")."""
    own = set(alone.fields.stated()) - {"client_name", "ref_date"}
    named = alone.fields.client_name or ""
    was = before.fields.client_name or ""
    sure = alone.intent in ACTION_INTENTS and alone.confidence >= SURE_READING
    words = set(name_key(text).split())
    renamed = bool(was) and bool(set(name_key(was).split()) & words)
    return sure and bool(named) and bool(own) and not same_client(named, was) and not renamed


def _of_another_trip(alone: Extraction, refused: Extraction) -> bool:
    """ "maksud sy yg ke solo kmrn, solar 450rb" after "Booking Pak Hendra tidak
    ditemukan": a sure request of its own naming another trip by where it went, no
    correction of the one refused."""
    to = (alone.fields.route_to or "").lower()
    sure = alone.intent in ACTION_INTENTS and alone.confidence >= SURE_READING
    was = bool(refused.fields.client_name) and not alone.fields.client_name
    return sure and was and bool(to) and to != (refused.fields.route_to or "").lower()


def is_text(item: InboxItem) -> bool:
    """Text, or a photo or file whose caption says something (read as its text)."""
    message = item.message
    if message.kind is InboundKind.MEDIA:
        voice = message.media is not None and message.media.kind == "audio"
        return not voice and bool(message.text.strip())
    return message.kind is InboundKind.TEXT
