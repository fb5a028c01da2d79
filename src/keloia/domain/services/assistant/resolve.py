"""Finding the records a message names: "bus 3", "pak joko", "Pak Agus yang tgl 15"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.clients import name_key
from keloia.domain.model.clients import same_client as same_client  # re-exported for callers
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus, bus_number
from keloia.domain.model.intents import ExtractedFields, Intent
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.spelling import slips_of
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import as_written
from keloia.domain.services.assistant.context import MessageContext
from keloia.ports.storage import UnitOfWork

# How far around today a booking named without a date is looked for.
LOOKBACK = timedelta(days=45)
LOOKAHEAD = timedelta(days=400)


def bus_key(name: str) -> str:
    """'Bus 01', 'bus 1', 'bis 01', 'BUS-1' and 'bis satu' name the same bus."""
    number = bus_number(name)
    if number is not None:
        return str(number)
    text = re.sub(r"\b(?:bus|bis)(?=\b|\d)", " ", name.casefold())
    text = re.sub(r"(?<!\d)0+(?=\d)", "", text)
    return re.sub(r"[^0-9a-z]+", "", text)


def find_bus(buses: list[Bus], named: str) -> Bus | None:
    key = bus_key(named)
    exact = [b for b in buses if bus_key(b.name) == key or bus_key(b.plate) == key]
    if len(exact) == 1:
        return exact[0]
    partial = [b for b in buses if key and (key in bus_key(b.name))]
    if not partial:
        # "karang taruna pake srikndi": the fleet's name typed with one slip.
        partial = [b for b in buses if key in slips_of(bus_key(b.name))]
    return partial[0] if len(partial) == 1 else None


def find_driver(team: list[User], named: str) -> User | None:
    return find_member([u for u in team if u.role is Role.DRIVER], named)


def find_member(team: list[User], named: str) -> User | None:
    """The one active person of `team` a name says, its title left out: "pak budi" is Pak
    Budi, "joko" is Joko; None when nobody or several fit."""
    key = name_key(named)
    people = [u for u in team if u.active]
    exact = [u for u in people if name_key(u.name) == key]
    if len(exact) == 1:
        return exact[0]
    partial = [u for u in people if key and key in name_key(u.name).split()]
    return partial[0] if len(partial) == 1 else None


# Every booking but a cancelled one (Booking.is_live).
NOT_CANCELLED = frozenset(BookingStatus) - {BookingStatus.CANCELLED}


def shown_bookings(
    ctx: MessageContext,
    statuses: frozenset[BookingStatus] = NOT_CANCELLED,
    *,
    drivers_own: bool = False,
) -> list[Booking]:
    """The bookings the last answer showed (Conversation.topic; none once it is stale), as
    they are now, in the order shown, still in `statuses`. `drivers_own`: a driver's own
    trips only (what a driver may change or report on)."""
    topic = ctx.conversation.live_topic(ctx.deps.clock.now())
    if topic is None or not topic.bookings:
        return []
    found = ctx.uow.bookings.get_many(ctx.actor.tenant_id, topic.bookings)
    mine = not drivers_own or ctx.actor.role is not Role.DRIVER
    return [b for b in found if b.status in statuses and (mine or b.involves(ctx.actor.id))]


def find_bookings(
    uow: UnitOfWork,
    tenant_id: str,
    today: date,
    *,
    client_name: str | None = None,
    on: date | None = None,
    bus_id: str | None = None,
    statuses: frozenset[BookingStatus] = frozenset(
        {BookingStatus.PENDING, BookingStatus.CONFIRMED}
    ),
) -> list[Booking]:
    """Bookings matching what the message says, nearest to today first."""
    days = DateRange.single(on) if on else DateRange(start=today - LOOKBACK, end=today + LOOKAHEAD)
    found = [
        b
        for b in uow.bookings.overlapping(tenant_id, days)
        if b.status in statuses
        and (client_name is None or same_client(b.client_name, client_name))
        and (bus_id is None or bus_id in b.bus_ids())
    ]
    return sorted(found, key=lambda b: (abs((b.depart_date - today).days), b.depart_date))


def trips_ran(ctx: MessageContext, client_name: str) -> list[Booking]:
    """A client's trips that left before today (done, or not yet marked so), nearest first."""
    ran = frozenset({BookingStatus.COMPLETED, BookingStatus.CONFIRMED})
    found = find_bookings(
        ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=client_name, statuses=ran
    )
    return [b for b in found if b.depart_date < ctx.today]


def bookings_named(
    ctx: MessageContext, f: ExtractedFields, statuses: frozenset[BookingStatus]
) -> list[Booking]:
    """The bookings in `statuses` of the client and day the message names, nearest first."""
    return find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=f.client_name,
        on=f.ref_date,
        statuses=statuses,
    )


def client_named(ctx: MessageContext, named: str) -> str | None:
    """The client a message names as the bookings spell it, from any booking of theirs
    around today (whatever its status), or None: nobody by that name."""
    found = find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=named,
        statuses=frozenset(BookingStatus),
    )
    return found[0].client_name if found else None


def not_found_client(ctx: MessageContext, named: str) -> str:
    """A name no booking carries: said so, never answered as if that client were known;
    a new booking of that name still waiting for a yes is said to wait, with its money."""
    conversation = ctx.conversation
    waiting = [conversation.pending.extraction] if conversation.pending is not None else []
    for extraction in [*waiting, *conversation.queue]:
        f = extraction.fields
        if (
            extraction.intent is Intent.CREATE_BOOKING
            and f.client_name
            and same_client(f.client_name, named)
        ):
            money = [
                f"{label} {format_rupiah(amount)}"
                for label, amount in (("harga", f.price), ("DP", f.dp_amount))
                if amount
            ]
            said = f" ({', '.join(money)})" if money else ""
            return (
                f"Belum ada booking {as_written(f.client_name)} yang tercatat; booking barunya "
                f"masih menunggu jawaban Anda{said}."
            )
    return (
        f"Saya tidak menemukan klien bernama {as_written(named)}. Coba cek lagi penulisan namanya."
    )
