"""Which booking a message is about: named by client and day, the one just saved or
shown, the trip a crew member or a bus is on; several that fit are asked about."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from difflib import SequenceMatcher

from keloia.domain.errors import AlreadyCancelled, ClientNotFound, InvalidInput, NotFound
from keloia.domain.model import money as money_rules
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import (
    BY_DESTINATION_RE,
    LOOSE_YESTERDAY_RE,
    Booking,
    BookingStatus,
)
from keloia.domain.model.clients import name_key, same_title
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.payments import PaymentType, format_rupiah
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import as_written, day_label, days_label, names_joined
from keloia.domain.services.assistant import plans, replies
from keloia.domain.services.assistant.choice import Ambiguous
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import (
    bookings_named,
    find_bookings,
    find_bus,
    find_driver,
    shown_bookings,
    trips_ran,
)


def named_bus(ctx: MessageContext, named: str | None) -> Bus:
    if not named:
        raise plans.NeedMore("Bus yang mana?")
    bus = find_bus(ctx.buses, named)
    if bus is None:
        fleet_names = ", ".join(b.name for b in ctx.buses) or "belum ada bus terdaftar"
        raise NotFound(f'Bus "{named}" tidak ada di armada. Armada Anda: {fleet_names}.')
    return bus


def named_driver(ctx: MessageContext, named: str, role_word: str = "Sopir") -> User:
    driver = find_driver(ctx.team, named)
    if driver is None:
        may_invite = can(ctx.actor.role, Action.CREATE, Resource.INVITE)
        raise NotFound(replies.not_in_team(role_word, named, may_invite))
    return driver


LIVE = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})


def target(ctx: MessageContext, f: ExtractedFields) -> Booking:
    """The one booking `f` names, or a question when it is not clear which: for what names a
    trip outside the booking actions ("bilangin sopir pak hendra ...": whose driver)."""
    return booking_meant(ctx, f, None)


def target_of(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Booking:
    """The booking a waiting booking action is about (its target when already found)."""
    return booking_meant(ctx, f, target_id)


def booking_meant(
    ctx: MessageContext,
    f: ExtractedFields,
    target_id: str | None,
    *,
    running: bool = False,
    with_money: bool = False,
    statuses: frozenset[BookingStatus] = frozenset(
        {BookingStatus.PENDING, BookingStatus.CONFIRMED}
    ),
    paying: bool = False,
    kind: PaymentType | None = None,
    bus_given: bool = False,
) -> Booking:
    """The one booking the message means, or a question when it is not clear which.
    `with_money`: finished trips count too (a cost of last week's trip). `paying`: the
    booking that holds the money for a payment of this `kind` (None: unsaid) is looked for,
    cancelled ones included (a refund of a cancelled booking's DP goes there). `bus_given`:
    a bus said is the new one for the trip, not which trip (a change of a booking)."""
    if target_id is not None:
        # The id comes back from a tapped list row, which a client can forge: a driver is
        # answered only about own trips, exactly as when the booking does not exist.
        booking = ctx.uow.bookings.get(ctx.actor.tenant_id, target_id)
        if booking is None or (
            ctx.actor.role.value == "driver" and not booking.involves(ctx.actor.id)
        ):
            raise NotFound("Booking itu tidak ditemukan lagi.")
        return booking
    if (
        f.route_to
        and not (f.client_name or with_money or paying)
        and BY_DESTINATION_RE.search(ctx.text)
    ):
        # "yg ke malang ganti bus 01 aja", "yg ke malang ganti joko aja": the trip going to
        # Malang (on the road or coming) is the one named, whatever bus is said (the new
        # one) or trip was shown or declined last; never a new destination for another.
        going = _going_to(ctx, f.route_to, f.ref_date, statuses, ctx.today)
        if len(going) > 1:
            raise Ambiguous(f"Trip ke {as_written(f.route_to)} yang mana?", going)
        if going:
            return going[0]
    if bus_given and f.replaced_bus and f.bus and not f.client_name:
        # "bus 01 mogok, diganti bus 03": the trip is the one of the bus given up.
        given_up = f.model_copy(update={"bus": f.replaced_bus, "replaced_bus": None})
        return booking_meant(ctx, given_up, None, running=running, statuses=statuses)
    bus_id = named_bus(ctx, f.bus).id if f.bus and not f.client_name else None
    if bus_id is not None and bus_given and not f.ref_date:
        # "pasang bus 04 sopir wahyu" right after Karang Taruna's trip was shown: the bus
        # goes to that trip, never to the trip Bus 04 already has.
        shown = shown_bookings(ctx, statuses, drivers_own=True)
        if len(shown) > 1:
            return _shown_for_bus(ctx, f, shown, bus_id)
        talked_about = shown[0] if shown else just_saved_booking(ctx)
        if (
            talked_about is not None
            and talked_about.status in statuses
            and (
                _gives_bus(ctx, f)
                or bus_id in talked_about.bus_ids()
                or talked_about.unassigned_buses() > 0
            )
        ):
            return talked_about
        # "bus 03 ganti sopir joko" right after Pak Hendra's trip (Bus 02) was shown: the
        # crew of Bus 03 changes, so the trip is the one Bus 03 has (looked up below). A
        # shown trip still waiting for a bus takes it ("bus 03 ya, sopir slamet").
    if with_money or paying:
        # Before the trip talked about is looked for too: "udh tf barusan 1jt" right after
        # what Bu Rina owes pays her finished trip, the one that answer showed.
        statuses |= {BookingStatus.COMPLETED}
    if not f.client_name and bus_id is None:
        # A driver's "trip hari ini selesai": his own trip on the road today (or that came
        # back yesterday), when there is just one.
        own = _drivers_running_trips(ctx, statuses) if running and not f.ref_date else []
        if len(own) == 1:
            return own[0]
        # "sore ini dia mau nambah cash 3jt" right after a payment of Pak Hendra: the booking
        # just saved is the one talked about (the summary names it before any "ya").
        # "pake wahyu aja" right after who drives Bu Dewi's trip: the trip the last answer
        # showed (several shown are offered to pick from). An answer is newer than any
        # save: a message that is no question ends what it was about.
        shown = shown_bookings(ctx, statuses, drivers_own=True) if not f.ref_date else []
        if len(shown) > 1 and bool(f.driver) != bool(f.kernet) and not REPLACES_RE.search(ctx.text):
            # "kasih wahyu aja" after the week's trips, one of them without a driver: that
            # one. "ganti wahyu aja" replaces someone: which trip is asked.
            lacking = [b for b in shown if lacks(b, "driver" if f.driver else "kernet")]
            shown = lacking if len(lacking) == 1 else shown
        if len(shown) > 1:
            raise Ambiguous("Booking yang mana?", shown)
        # "ok ganti wahyu aja sopirnya" after Slamet's "tgl 12 sy ga bisa" alert: the trip
        # he cannot take, when the alert came after anything saved.
        declined = declined_trip(ctx, statuses) if (f.driver or f.kernet) else None
        talked_about = shown[0] if shown else declined or just_saved_booking(ctx)
        # ("uang jalan slamet nang magelang" right after Pak Hendra's payment: the trip
        # going where it says, not his.)
        elsewhere = f.route_to is not None and not (
            talked_about is not None and talked_about.goes_to(f.route_to)
        )
        if talked_about is not None and not f.ref_date and not elsewhere:
            return talked_about
        # "yg ke malang ganti slamet aja": the coming trip going there, when one is; money
        # ("uang jalan 500rb buat yg ke magelang") also of a trip of the past week.
        since, done = ctx.today, frozenset[BookingStatus]()
        if with_money:
            since, done = ctx.today - timedelta(days=7), frozenset({BookingStatus.COMPLETED})
        going = _going_to(ctx, f.route_to, f.ref_date, statuses | done, since) if f.route_to else []
        if (
            not going
            and with_money
            and f.route_to
            and f.ref_date == ctx.today - timedelta(days=1)
            and LOOSE_YESTERDAY_RE.search(ctx.text)
        ):
            # "wahyu lapor biaya trip bali kmrn ...": no trip there yesterday, so the one
            # of the past week that went there ("kmrn" said loosely).
            going = _going_to(ctx, f.route_to, None, statuses | done, since)
        if len(going) > 1:
            raise Ambiguous(f"Trip ke {as_written(f.route_to or '')} yang mana?", going)
        if going:
            return going[0]
        # "bsk pkk jemputnya ganti jam 6": the trips of the day said, when nobody is named
        # (the proposal names the booking before any "ya").
        day = f.ref_date
        that_day = (
            find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day, statuses=statuses)
            if day and ctx.actor.role is not Role.DRIVER
            else []
        )
        if day and len(that_day) > 1:
            # "wahyu aja deh" right after Bu Dewi's Bus 04 of that day was shown: that one.
            seen = {b.id for b in shown_bookings(ctx, statuses)}
            shown_then = [b for b in that_day if b.id in seen]
            if len(shown_then) == 1:
                return shown_then[0]
            raise Ambiguous(f"Booking {day_label(day, ctx.today)} yang mana?", that_day)
        if that_day:
            return that_day[0]
        if with_money and not paying:
            # "uang jalan 750rb" naming no trip: a cost is asked of by its trip.
            raise plans.NeedMore("Biaya ini untuk trip siapa? Sebutkan nama klien atau tanggalnya.")
        raise plans.NeedMore("Booking atas nama siapa?")
    if paying:
        # A cancelled booking is looked for by name only (a refund of its DP), never as
        # the trip talked about.
        statuses |= {BookingStatus.CANCELLED}

    def bookings_on(on: date | None, client_name: str | None = f.client_name) -> list[Booking]:
        found = find_bookings(
            ctx.uow,
            ctx.actor.tenant_id,
            ctx.today,
            client_name=client_name,
            on=on,
            bus_id=bus_id,
            statuses=statuses,
        )
        if ctx.actor.role.value == "driver":
            found = [b for b in found if b.involves(ctx.actor.id)]
        return money_rules.payment_candidates(found, kind) if paying else found

    found = bookings_on(f.ref_date or (ctx.today if running and not f.client_name else None))
    if not found and bus_given and bus_id is not None and f.ref_date and _gives_bus(ctx, f):
        # "yg tgl 12 blm ada busnya ya? kasih srikandi": no trip that day has the bus, so it
        # is the bus given to the trip of that day (the one still waiting for a bus).
        found = _given_bus_on(ctx, f.ref_date, bus_id, statuses)
        if len(found) > 1:
            raise Ambiguous(f"Booking {day_label(f.ref_date, ctx.today)} yang mana?", found)
    if not found and f.client_name:
        found = named_with_destination(f.client_name, lambda name: bookings_on(f.ref_date, name))
    who = f.client_name or (f.bus or "")
    if not found:
        when = f" {day_label(f.ref_date, ctx.today)}" if f.ref_date else ""
        other_days = bookings_on(None) if f.ref_date and f.client_name else []
        if other_days:
            # A day misread or misremembered: the client's bookings on other days are
            # offered to pick from rather than a dead end.
            named = other_days[0].client_name
            if len({name_key(b.client_name) for b in other_days}) > 1:
                named = who
            raise Ambiguous(f"Booking {named}{when} tidak ada. Maksudnya yang mana?", other_days)
        if running and bus_id is not None and not f.client_name:
            # "rombongan udh pulang, km bus 01 ..." from a driver with no trip on Bus 01 today:
            # no trip to finish (the km said with it is still proposed).
            mine = " Anda" if ctx.actor.role is Role.DRIVER else ""
            on_day = day_label(f.ref_date, ctx.today) if f.ref_date else "hari ini"
            raise NotFound(
                f"Tidak ada trip{mine} dengan {as_written(who)} {on_day}, jadi belum ada "
                "perjalanan yang saya catat selesai."
            )
        if paying and f.client_name and kind is not PaymentType.REFUND:
            _refuse_cancelled(ctx, f, kind)
        if f.client_name and not (with_money or paying):
            _refuse_cancelled(ctx, f, None, paying=False)
        if f.client_name and not f.ref_date and not (with_money or paying or running):
            # "kernet bu rina wahyu" when Bu Rina's trip is over: said so, never "not found".
            _refuse_past(ctx, f.client_name)
        close = _names_close(ctx, f.client_name, statuses) if f.client_name else []
        if close:
            # "harga tk al azhar jd 7,5jt" for "TK Islam Al Azhar": a word of the name left
            # out. Another client by the rule (name_key: "mi huda" is not "MI Nurul Huda"),
            # so never taken unasked: offered to pick.
            raise Ambiguous(
                f"Booking {as_written(who)}{when} tidak ditemukan. Maksudnya ini?", close
            )
        hint = ""
        if f.client_name and not f.ref_date and ctx.actor.role is not Role.DRIVER:
            # Money or a change for a client never booked: most often the booking itself
            # was never sent.
            hint = (
                " Kalau ini klien baru, kirim dulu bookingnya: nama, tanggal, rute, bus dan harga."
            )
        missing = ClientNotFound if f.client_name else NotFound
        raise missing(f"Booking {as_written(who)}{when} tidak ditemukan.{hint}")
    if paying and kind is not PaymentType.REFUND and not f.ref_date:
        ask_when_all_paid(found, f)
    if len(found) > 1:
        # "pak hendra yg ke malang lunas", "pak hendra yg ke malang batal": of the client's
        # trips, the one going where it says (the place read, or the word after "yg ke").
        there = [b for b in found if any(b.goes_to(p) for p in _places_said(ctx, f))]
        if len(there) == 1:
            return there[0]
        one_name = len({name_key(b.client_name) for b in found}) == 1
        raise Ambiguous(f"{found[0].client_name if one_name else who} yang mana?", found)
    return found[0]


def named_with_destination(said: str, bookings_of: Callable[[str], list[Booking]]) -> list[Booking]:
    """ "trip pkk borobudur" for PKK Caturtunggal's trip to Borobudur: the client named by
    a word of their name and the trip's destination after it (one or two words)."""
    words = said.split()
    for cut in (1, 2):
        if len(words) <= cut:
            break
        name, place = " ".join(words[:-cut]), " ".join(words[-cut:])
        there = [b for b in bookings_of(name) if b.goes_to(place)]
        if there:
            return there
    return []


# The word after "yg ke" ("yg ke malang"): a place, when it is a word of letters.
_PLACE_AFTER_RE = re.compile(r"\s+([a-z]{3,})", re.IGNORECASE)


def _places_said(ctx: MessageContext, f: ExtractedFields) -> list[str]:
    """Where the message says the trip goes: the destination read, and the word after
    "yg ke" the reading may have left with the client's name."""
    places = [f.route_to] if f.route_to else []
    said = BY_DESTINATION_RE.search(ctx.text)
    word = _PLACE_AFTER_RE.match(ctx.text, said.end()) if said else None
    return places + ([word.group(1)] if word else [])


def _refuse_cancelled(
    ctx: MessageContext, f: ExtractedFields, kind: PaymentType | None, paying: bool = True
) -> None:
    """ "karang taruna tf dp 500rb" after Karang Taruna's booking was cancelled: money
    cannot go on a cancelled booking; said so, never "not found" with an invitation to
    send the booking again. Nor is a change made to it: "tolong kabarin joko trip pkk bsk
    batal" right after PKK's trip was cancelled hears that it is (its crew was told then)."""
    cancelled = find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=f.client_name,
        on=f.ref_date,
        statuses=frozenset({BookingStatus.CANCELLED}),
    )
    # A trip long gone that was called off says nothing of money for a new one.
    cancelled = [b for b in cancelled if b.return_date >= ctx.today]
    if ctx.actor.role is Role.DRIVER:
        cancelled = [b for b in cancelled if b.involves(ctx.actor.id)]
    if not cancelled:
        return
    booking = cancelled[0]
    when = days_label(booking.depart_date, booking.return_date, ctx.today)
    if not paying:
        names = {u.id: u.name for u in ctx.team}
        crew = [names[i] for i in booking.crew_ids() if i in names and i != ctx.actor.id]
        told = f" {names_joined(crew)} sudah diberi tahu waktu itu." if crew else ""
        said = f"Booking {booking.client_name} ({when}) sudah dibatalkan"
        raise AlreadyCancelled(f"{said}, jadi tidak ada yang saya ubah.{told}")
    money = "DP" if kind is PaymentType.DP else "pembayaran"
    raise NotFound(
        f"Booking {booking.client_name} ({when}) sudah dibatalkan, jadi {money} ini tidak bisa "
        "dicatat ke booking itu dan belum saya catat. Kalau tripnya ternyata tetap jalan, "
        "kirim lagi bookingnya dulu, lalu DP-nya."
    )


def _names_close(
    ctx: MessageContext, said: str, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    """The coming bookings whose client's name holds every word said, in order, and one
    word more ("tk al azhar": "TK Islam Al Azhar"); three words said at least."""
    words = name_key(said).split()
    found = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, statuses=statuses)
    if ctx.actor.role is Role.DRIVER:
        found = [b for b in found if b.involves(ctx.actor.id)]
    # ("bu dwi dp 500rb" for Bu Dewi: one word mistyped.)
    close = [b for b in found if _one_word_mistyped(said, b.client_name)]
    if len(words) >= 3:
        close += [b for b in found if _one_word_more(words, name_key(b.client_name).split())]
    return close[:5]


def _one_word_mistyped(said: str, name: str) -> bool:
    """ "bu dwi" for "Bu Dewi": the title and every word the same but one, typed nearly
    right (a letter dropped, added or swapped)."""
    mine, theirs = said.lower().split(), name.lower().split()
    if len(mine) != len(theirs) or len(mine) < 2:
        return False
    differ = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if mine[0] != theirs[0] and same_title(mine[0], theirs[0]):
        differ = differ[1:]  # "pk hendar" for "Pak Hendra": the title typed short
    if len(differ) != 1 or not same_title(mine[0], theirs[0]):
        return False
    typed, meant = differ[0]
    return len(meant) >= 4 and (
        _one_letter_off(typed, meant) or SequenceMatcher(None, typed, meant).ratio() >= 0.8
    )


# Letters a name is spelt either way with ("Dewy"/"Dewi", "Yoko"/"Joko", "Sutrisna"/
# "Sutrisno"); "Desi" is not "Dewi".
_SPELT_EITHER_WAY = frozenset(
    frozenset(pair) for pair in ("yi", "ie", "uo", "ao", "jy", "fp", "vf", "kq", "ck", "dt")
)


def _one_letter_off(typed: str, meant: str) -> bool:
    """ "dewy" for "dewi", "hendar" for "hendra": one letter spelt the other common way, or
    two side by side swapped (a short name's ratio falls below the bar then)."""
    if len(typed) != len(meant):
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(differ) == 1:
        return frozenset((typed[differ[0]], meant[differ[0]])) in _SPELT_EITHER_WAY
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and typed[differ[0]] == meant[differ[1]]
        and typed[differ[1]] == meant[differ[0]]
    )


def _one_word_more(said: list[str], name: list[str]) -> bool:
    return len(name) == len(said) + 1 and any(
        name[:i] + name[i + 1 :] == said for i in range(1, len(name) - 1)
    )


def _refuse_past(ctx: MessageContext, client_name: str) -> None:
    """A change of a client whose only recent trip is over: that it is over, with its day."""
    ended = [
        b
        for b in trips_ran(ctx, client_name)
        if b.return_date < ctx.today
        and (ctx.actor.role is not Role.DRIVER or b.involves(ctx.actor.id))
    ]
    if ended:
        trip = ended[0]
        when = days_label(trip.depart_date, trip.return_date, ctx.today)
        raise InvalidInput(f"Trip {trip.client_name} ({when}) sudah lewat, jadi tidak saya ubah.")


def trip_of_crewmate(ctx: MessageContext, f: ExtractedFields, named: str) -> str:
    """ "kernet joko slamet": the trip Joko is on, as its driver or as the kernet Slamet
    replaces; of the client or day said, else of the trip shown, else of the coming ones.
    Joko only says which trip: he is never made its driver, and a trip he is not on is
    asked about, never changed."""
    person = find_driver(ctx.team, named)
    who = as_written(named).title()
    statuses = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})
    shown = [] if f.client_name or f.ref_date or f.route_to else shown_bookings(ctx, statuses)
    if f.client_name or f.ref_date:
        trips = find_bookings(
            ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=f.client_name, on=f.ref_date
        )
    else:
        trips = shown or find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today)
    trips = [b for b in trips if (b.return_date or b.depart_date) >= ctx.today]
    if ctx.actor.role is Role.DRIVER:
        trips = [b for b in trips if b.involves(ctx.actor.id)]
    if f.route_to:
        # "slamet gantiin wahyu yg ke malang": the trip of his going there.
        trips = [b for b in trips if b.goes_to(f.route_to)]
    on = [b for b in trips if person is not None and person.id in b.crew_ids()]
    declined = declined_trip(ctx, statuses) if len(on) > 1 else None
    if declined is not None and declined.id in {b.id for b in on}:
        # "ok slamet gantiin wahyu" right after Wahyu's "tidak bisa": the trip he declined.
        return declined.id
    if len(on) > 1:
        raise Ambiguous(f"Trip {who} yang mana?", on)
    if on:
        return on[0].id
    where = "yang akan datang"
    if len(trips) == 1 and (f.client_name or f.route_to or f.ref_date or shown):
        where = f"*{plans.label(ctx, trips[0])}*"
    if f.kernet:
        asked = f"{as_written(f.kernet).title()} jadi kernet di trip yang mana?"
    else:
        asked = f"{as_written(f.driver or '').title()} menggantikan di trip yang mana?"
    raise plans.NeedMore(
        f"{who} tidak ada di trip {where}. {asked} Sebut kliennya atau tanggalnya."
    )


def seat_taken(ctx: MessageContext, extraction: Extraction, target_id: str) -> Extraction:
    """ "slamet gantiin wahyu" where Wahyu is the trip's kernet: Slamet takes the kernet's
    seat, never the driver's."""
    f = extraction.fields
    person = find_driver(ctx.team, extraction.crew_of or "")
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, target_id)
    if not f.driver or f.kernet or person is None or booking is None:
        return extraction
    seat = next((a for a in booking.assignments if person.id in a.crew_ids()), None)
    if seat is None:
        return extraction
    if seat.co_driver_id != person.id:
        if len(booking.assignments) > 1 and not f.bus:
            # "wahyu aja yg gantiin slamet" on a trip of two buses: Slamet's bus.
            bus = next((b.name for b in ctx.buses if b.id == seat.bus_id), None)
            if bus is not None:
                return extraction.model_copy(update={"fields": f.model_copy(update={"bus": bus})})
        return extraction
    kernet = f.model_copy(update={"driver": None, "kernet": f.driver})
    return extraction.model_copy(update={"fields": kernet})


# "pasang bus 04 sopir wahyu", "ganti bus 03": the bus said right after the change word is
# the one the trip gets (not the bus whose crew changes, as in "ganti sopir bus 03").
NEW_BUS_RE = re.compile(
    r"\b(?:pasang\w*|dipasang\w*|pake|pakai|pakek|dipake|dipakai|ganti|diganti|gnti|tuker|"
    r"tukar|dituker|jadi|jd|kasih|ksh|kasi)\s+(?:bus|bis)\b",
    re.I,
)


def _given_bus_on(
    ctx: MessageContext, day: date, bus_id: str, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    """The trips of `day` a bus given for that day may go to: those still waiting for a bus
    when there are some, else every trip of the day without it (which one is then asked)."""
    if ctx.actor.role is Role.DRIVER:
        return []
    that_day = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day, statuses=statuses)
    without = [b for b in that_day if bus_id not in b.bus_ids()]
    waiting = [b for b in without if b.unassigned_buses() > 0]
    return waiting or without


def _gives_bus(ctx: MessageContext, f: ExtractedFields) -> bool:
    """The bus a change names is the trip's new bus (a bus given with no crew, or right
    after "pasang"/"ganti"), not the bus whose crew changes ("bus 03 ganti sopir joko")."""
    return not (f.driver or f.kernet) or bool(NEW_BUS_RE.search(ctx.text))


def _shown_for_bus(
    ctx: MessageContext, f: ExtractedFields, shown: list[Booking], bus_id: str
) -> Booking:
    """A change naming a bus after several trips were shown: the one trip it fits, or which
    is asked, never the trip the bus happens to have. A bus given with no crew, or right
    after "pasang"/"ganti", is the trip's new bus: it fits the trips without it. A crew
    member given for the bus ("ganti sopir bus 03 jadi slamet") fits the trips with it."""
    new_bus = _gives_bus(ctx, f)
    fits = [b for b in shown if (bus_id in b.bus_ids()) != new_bus]
    if f.route_to:
        # "yg ke malang ganti bus 04": the shown trip going there.
        going = [b for b in fits or shown if b.goes_to(f.route_to)]
        fits = going or fits
    if len(fits) == 1:
        return fits[0]
    raise Ambiguous("Booking yang mana?", fits or shown)


def ask_when_all_paid(found: list[Booking], f: ExtractedFields) -> None:
    """Money for a client who owes nothing on any booking ("pak agus dp 2jt" when his one
    trip is done and paid): which booking, or a new one, is asked; an overpayment is only
    proposed on a booking the person picks."""
    if any(b.owed > 0 or (b.is_live and not b.priced) for b in found):
        return
    latest = sorted(found, key=lambda b: b.depart_date, reverse=True)[:3]
    money = f" {format_rupiah(f.amount)}" if f.amount else ""
    raise Ambiguous(
        f"Semua booking {latest[0].client_name} sudah lunas, tidak ada tagihan. Pembayaran"
        f"{money} ini untuk booking yang mana, atau untuk booking baru? Kalau booking baru, "
        "tulis bookingnya (tanggal, rute, harga); pembayarannya saya catat sesudahnya. "
        "Booking terakhir:",
        latest,
    )


def gives_up_its_bus(ctx: MessageContext, f: ExtractedFields, booking_id: str) -> bool:
    """Whether the bus `f` says is given up (if any) is one of that booking's own."""
    if not f.replaced_bus:
        return True
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, booking_id)
    bus = find_bus(ctx.buses, f.replaced_bus)
    return booking is not None and bus is not None and bus.id in booking.bus_ids()


def just_saved_booking(ctx: MessageContext) -> Booking | None:
    done = ctx.conversation.recently_applied(ctx.deps.clock.now())
    if done is None or done.target_id is None:
        return None
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, done.target_id)
    if booking is None or (ctx.actor.role is Role.DRIVER and not booking.involves(ctx.actor.id)):
        return None
    return booking


# How long a crew member's "tidak bisa" stays the trip an unnamed replacement is for.
REPLACEMENT_WINDOW = timedelta(hours=12)


def declined_trip(ctx: MessageContext, statuses: frozenset[BookingStatus]) -> Booking | None:
    """The trip of the latest "tidak bisa" the person was alerted to lately, unless an
    action was saved since (then that is what is talked about)."""
    now = ctx.deps.clock.now()
    done = ctx.conversation.recently_applied(now)
    since = max(now - REPLACEMENT_WINDOW, done.proposed_at if done else now - REPLACEMENT_WINDOW)
    alerts = [
        a
        for a in ctx.uow.alerts.for_user(ctx.actor.tenant_id, ctx.actor.id, since)
        if a.kind is AlertKind.TRIP_DECLINED and a.entity == "booking"
    ]
    if not alerts:
        return None
    latest = max(alerts, key=lambda a: a.created_at)
    booking = ctx.uow.bookings.get(ctx.actor.tenant_id, latest.entity_id)
    if booking is None or booking.status not in statuses or booking.depart_date < ctx.today:
        return None
    return booking


# How sure a reading naming no booking is at most (the rules' cap): the rest of it is sure.
BOOKING_UNNAMED_CAP = 0.7


def _crew_change_only(extraction: Extraction) -> bool:
    """A booking change naming only a driver or kernet ("ok ganti slamet aja"), no trip."""
    f = extraction.fields
    crew_only = set(f.stated()) <= {"driver", "kernet"} and bool(f.driver or f.kernet)
    return extraction.intent is Intent.UPDATE_BOOKING and crew_only


def named_by_decline(ctx: MessageContext, extraction: Extraction, target_id: str | None) -> bool:
    """ "ok ganti slamet aja" right after Joko's "tidak bisa": a crew change naming no trip,
    unsure only for that, whose trip is the one just declined. The conversation names it,
    so the reading is clear (no "kurang yakin" note)."""
    if not _crew_change_only(extraction) or target_id is None:
        return False
    if extraction.confidence < BOOKING_UNNAMED_CAP:
        return False
    declined = declined_trip(ctx, LIVE)
    return declined is not None and declined.id == target_id


def pinned_to_decline(ctx: MessageContext, extraction: Extraction) -> Extraction:
    """ "slamet aja yg gantiin joko" said right after Joko's "tidak bisa", but held behind a
    payment waiting for a yes: once the payment is saved, the decline is no longer what is
    talked about, so the trip it means now is written into the request before it waits."""
    f = extraction.fields
    if not _crew_change_only(extraction):
        return extraction
    declined = declined_trip(ctx, LIVE)
    if declined is None:
        return extraction
    named = {"client_name": declined.client_name, "ref_date": declined.depart_date}
    # Unsure only for the trip it did not name (as named_by_decline): now it names it.
    sure = (
        max(extraction.confidence, 0.9)
        if extraction.confidence >= BOOKING_UNNAMED_CAP
        else extraction.confidence
    )
    return extraction.model_copy(update={"fields": f.model_copy(update=named), "confidence": sure})


def names_another_trip(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> bool:
    """ "yg ke bandung sopirnya wahyu" right after Pak Darto's trip to Solo was saved: the
    trip named by where it goes is another one (booking_meant finds it), never the one just
    saved given a new destination."""
    if target_id is None or not f.route_to or f.client_name:
        return False
    if not BY_DESTINATION_RE.search(ctx.text):
        return False
    saved = ctx.uow.bookings.get(ctx.actor.tenant_id, target_id)
    return saved is not None and not saved.goes_to(f.route_to)


# "ganti slamet aja", "diganti joko": a crew member replaced, not a crew place filled.
REPLACES_RE = re.compile(r"\b(?:ganti|diganti|gantiin|gantinya|tuker|tukar|dituker)\b", re.I)


def lacks(booking: Booking, role: str) -> bool:
    """The booking has a bus (or a bus still to come) without its driver (kernet)."""
    if len(booking.assignments) < booking.bus_count or not booking.assignments:
        return role == "driver"
    seats = booking.assignments
    return any(not (a.driver_id if role == "driver" else a.co_driver_id) for a in seats)


def _going_to(
    ctx: MessageContext,
    place: str,
    on: date | None,
    statuses: frozenset[BookingStatus],
    since: date,
) -> list[Booking]:
    """The trips on the road or leaving from `since` on (that day, when said) going to
    `place`; a driver's own only."""
    found = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=on, statuses=statuses)
    return [
        b
        for b in found
        if b.goes_to(place)
        and b.return_date >= since
        and (ctx.actor.role is not Role.DRIVER or b.involves(ctx.actor.id))
    ]


def _drivers_running_trips(
    ctx: MessageContext, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    if ctx.actor.role is not Role.DRIVER:
        return []
    days = DateRange(start=ctx.today - timedelta(days=1), end=ctx.today)
    return [
        b
        for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
        if b.status in statuses and b.involves(ctx.actor.id) and b.depart_date <= ctx.today
    ]


def found_in(ctx: MessageContext, f: ExtractedFields, status: BookingStatus) -> Booking | None:
    """The nearest booking in `status` the message names (to say why it was not found)."""
    found = bookings_named(ctx, f, frozenset({status}))
    mine = [b for b in found if b.involves(ctx.actor.id) or ctx.actor.role is not Role.DRIVER]
    return mine[0] if mine else None


def buses_to_assign(booking: Booking) -> str:
    """The buses a saved booking still lacks, counted when some are already chosen."""
    missing = booking.unassigned_buses()
    if missing <= 0:
        return ""
    if booking.assignments:
        return f" {missing} bus lagi belum ditentukan."
    return " Busnya belum ditentukan."


def days_of(f: ExtractedFields, today: date) -> DateRange:
    start = f.date or today
    end = f.date_to if f.date_to and f.date_to >= start else start
    return DateRange(start=start, end=end)
