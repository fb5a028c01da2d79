"""query_activity: who changed what in the PO's records ("td sari catat apa aja", "hari ini
ada perubahan apa aja", "siapa yg ubah booking pak hendra"), from the paper trail, in the
words of the Aktivitas page; the page itself for more."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from keloia.domain.model.action_words import ACTIONS, CONFIRMED_BY_MONEY, OTHER_ACTION
from keloia.domain.model.activity import ActivityEntry, ActivityFilter, booking_ids, bus_ids
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import Extraction
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.text import as_written, day_label, days_label
from keloia.domain.services import activity
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.relay import team_by_role
from keloia.domain.services.assistant.resolve import client_named, find_member
from keloia.domain.services.assistant.targets import days_of
from keloia.domain.services.assistant.undo import booking_changes

MAX_LINES = 8  # a chat answer stays short; the page has the rest
# A client's changes asked with no day: the bookings' recent history, as far back as the
# Aktivitas page looks on one page.
CLIENT_LOOKBACK = timedelta(days=92)
# A change to a client's booking is on a trip leaving at most this long before the period
# asked (a late payment) or after it (booked ahead).
BOOKED_BEFORE = timedelta(days=366)
BOOKED_AFTER = timedelta(days=731)
ONE_DAY = timedelta(days=1)
SYSTEM = "Sistem"  # an entry of no one: a scheduled job
FORMER = "Mantan anggota"


def answer(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    person = find_member(ctx.team, f.driver) if f.driver else None
    if f.driver and person is None:
        # "td dodi catat apa aja" with no Dodi: said so, with who is on the team (never the
        # whole day's changes instead).
        return (
            f"Tidak ada anggota tim bernama {as_written(f.driver)}, jadi belum bisa saya "
            f"carikan perubahannya. Tim Anda: {team_by_role(ctx)}."
        )
    zone = ZoneInfo(ctx.tenant.settings.timezone)
    if f.client_name and not f.date:
        days = DateRange(start=ctx.today - CLIENT_LOOKBACK, end=ctx.today)
        when = ""
    else:
        days = days_of(f, ctx.today)
        when = f" {_when(days, ctx)}"
    start = datetime.combine(days.start, time(), zone)
    end = datetime.combine(days.end + ONE_DAY, time(), zone)
    of = ActivityFilter(
        actor_id=person.id if person else None,
        booking_ids=_bookings_of(ctx, f.client_name, days) if f.client_name else None,
    )
    found, total = activity.entries(ctx.deps, ctx.actor, start, end, MAX_LINES, of)
    about = _abouts(ctx, found)
    whose = f" oleh {person.name}" if person else ""
    client = (client_named(ctx, f.client_name) or f.client_name) if f.client_name else ""
    what = f" booking {client}" if client else " data"
    if not found:
        return f"Belum ada perubahan{what}{whose}{when}."
    several_days = days.start != days.end
    # One phone screen: how many, the newest few, and the page for the rest.
    newest = f", {len(found)} terbaru dulu" if total > len(found) else ", terbaru dulu"
    lines = [f"{total} perubahan{what}{whose}{when}{newest if total > 1 else ''}:"]
    for entry in found:
        local = entry.at.astimezone(zone)
        at = f"{_day(local.date(), ctx)}, {local:%H.%M}" if several_days else f"{local:%H.%M}"
        subject = "" if f.client_name else about.get(entry.id, "")
        money = _amount(entry)
        changed = booking_changes(ctx, entry)
        lines.append(
            f"• {at} {_who(ctx, entry)} {ACTIONS.get(entry.action, OTHER_ACTION)}"
            + (f" {format_rupiah(money)}" if money else "")
            + (f" ({subject})" if subject else "")
            + (f": {', '.join(changed)}" if changed else "")
            + (CONFIRMED_BY_MONEY if entry.snapshot.get("confirmed_booking") is True else "")
        )
    more = f"…dan {total - len(found)} lainnya. " if total > len(found) else ""
    lines.append(f"{more}Lihat lengkapnya di dashboard, halaman Aktivitas (/aktivitas).")
    return "\n".join(lines)


MONEY_ENTITIES = frozenset({"payment", "trip_cost", "maintenance"})


def _amount(entry: ActivityEntry) -> int | None:
    """The money of a payment, a trip's cost or a workshop bill an entry records (as it is
    after a correction): what "mencatat pembayaran" is worth, said beside it."""
    if entry.entity not in MONEY_ENTITIES:
        return None
    snap = entry.snapshot
    after = snap.get("after")
    for source in (after if isinstance(after, dict) else {}, snap):
        for key in ("amount", "cost"):
            value = source.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
    return None


def _bookings_of(ctx: MessageContext, named: str, days: DateRange) -> frozenset[str]:
    """The bookings of the client named that a change in `days` may be on: any status,
    leaving up to a year before the period or two years after it."""
    around = DateRange(start=days.start - BOOKED_BEFORE, end=days.end + BOOKED_AFTER)
    found = ctx.uow.bookings.overlapping(ctx.actor.tenant_id, around)
    return frozenset(b.id for b in found if same_client(b.client_name, named))


def _when(days: DateRange, ctx: MessageContext) -> str:
    """ "hari ini", "kemarin", "Jumat, 27 Nov", "Senin, 23 – Minggu, 29 Nov"."""
    if days.start != days.end:
        return days_label(days.start, days.end, ctx.today)
    said = _day(days.start, ctx)
    return said.lower() if days.start >= ctx.today - ONE_DAY else said


def _day(day: date, ctx: MessageContext) -> str:
    if day == ctx.today:
        return "Hari ini"
    return "Kemarin" if day == ctx.today - ONE_DAY else day_label(day, ctx.today)


def _who(ctx: MessageContext, entry: ActivityEntry) -> str:
    if entry.actor_id is None:
        return SYSTEM
    return next((u.name for u in ctx.team if u.id == entry.actor_id), FORMER)


def _abouts(ctx: MessageContext, found: list[ActivityEntry]) -> dict[str, str]:
    """What each entry is about, by its id: the client of its booking, or its bus."""
    ids = sorted({i for e in found for i in booking_ids(e)})
    bookings = {b.id: b for b in ctx.uow.bookings.get_many(ctx.actor.tenant_id, ids)}
    buses = {b.id: b.name for b in ctx.buses}
    out: dict[str, str] = {}
    for entry in found:
        client = next((bookings[i].client_name for i in booking_ids(entry) if i in bookings), "")
        named = entry.snapshot.get("client_name")
        client = client or (named if isinstance(named, str) else "")
        bus = next((buses[i] for i in bus_ids(entry) if i in buses), "")
        if client or bus:
            out[entry.id] = client or bus
    return out
