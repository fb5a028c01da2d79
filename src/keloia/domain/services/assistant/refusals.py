"""A refused request explained with a way forward: after a clash, the buses or crew
still free those days and how to take one."""

from __future__ import annotations

import re

from keloia.domain.errors import DomainError, Forbidden, ScheduleConflict
from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import ACTION_INTENTS, QUERY_INTENTS, Extraction, Intent
from keloia.domain.model.text import as_written, days_label
from keloia.domain.services import fleet, team
from keloia.domain.services.assistant import replies, resolve, understanding
from keloia.domain.services.assistant.context import MessageContext


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


# The business's money asked of by name ("bulan ini pemasukan po brp", "untungnya brp").
_MONEY_ASKED_RE = re.compile(
    r"\b(?:pemasukan\w*|pengeluaran\w*|pendapatan\w*|penghasilan\w*|untung\w*|laba\w*"
    r"|rugi\w*|omzet\w*|omset\w*|keuangan|income|profit"
    # "pak hendra udh lunas blm pak? takut ditanyain di jalan": what a client has paid.
    r"|lunas\w*|tagihan\w*|piutang\w*|hutang\w*|utang\w*)\b",
    re.IGNORECASE,
)


def explain(ctx: MessageContext, error: DomainError, extraction: Extraction | None) -> str:
    """A refusal with a way forward."""
    if (
        isinstance(error, Forbidden)
        and extraction
        and extraction.confidence < understanding.SURE_YES
        and not (extraction.intent in QUERY_INTENTS and _MONEY_ASKED_RE.search(ctx.text))
        # A new bus with its plate, from someone who may not add one: surely asked.
        and not (extraction.intent is Intent.ADD_BUS and extraction.fields.plate)
    ):
        # Read unsurely as something this person may not do ("sy udh smpe magelang" by a
        # driver, as a booking change): more likely misread than asked for. A question
        # naming the PO's money ("oya pak bulan ini pemasukan po brp") is asked all the
        # same: it is told whose figures those are.
        return replies.not_understood(ctx.actor.role)
    text = error.message
    if isinstance(error, ScheduleConflict) and extraction is not None:
        f = extraction.fields
        if f.client_name and extraction.intent in (Intent.CREATE_BOOKING, Intent.UPDATE_BOOKING):
            # "pkk caturtunggal diundur dadi tgl 2": whose booking was not changed, first.
            done = "ubah" if extraction.intent is Intent.UPDATE_BOOKING else "catat"
            text = f"Booking {as_written(f.client_name)} belum saya {done}. {text}"
        day = f.depart_date or f.ref_date
        said = DateRange(start=day, end=max(f.return_date or day, day)) if day else None
        # The days of the booking refused (ScheduleConflict.days): a change of a saved
        # booking ("pak hendra sopirnya ganti slamet") names none, or only one of them.
        days = error.days or said
        if days is not None:
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
