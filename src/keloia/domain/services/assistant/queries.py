"""Questions answered straight away, fitted to the asker's role: a driver sees own trips
only and never money. The table of which module answers which query intent; each
pillar's answers live beside it (schedule_answers, fleet_answers, document_answers,
income_answers, money_answers, activity_answers)."""

from __future__ import annotations

import re
from collections.abc import Callable

from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import days_label
from keloia.domain.services import crew as crew_service
from keloia.domain.services.assistant import (
    activity_answers,
    document_answers,
    fleet_answers,
    holidays,
    income_answers,
    money_answers,
    schedule_answers,
)
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.targets import days_of


def answer(ctx: MessageContext, extraction: Extraction) -> str:
    f = extraction.fields
    if f.date and f.more_dates:
        # "bsk bus 03 sopirnya sapa, trs lusa?": the same question of each day, in turn.
        return "\n\n".join(
            answer(ctx, extraction.model_copy(update={"fields": f.model_copy(update=day)}))
            for day in (
                {"date": d, "date_to": None, "more_dates": None} for d in (f.date, *f.more_dates)
            )
        )
    if _own_day_asked(ctx, extraction):
        # "tgl 4 kosong?" of a driver: whether he is free that day (his own schedule).
        said = schedule_answers.schedule(
            ctx, extraction.model_copy(update={"intent": Intent.QUERY_SCHEDULE})
        )
        days = days_of(f, ctx.today)
        coming = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
        if any(b.days.overlaps(days) for b in coming):
            when = days_label(days.start, days.end, ctx.today)
            return f"Tidak kosong, Anda ada trip {when}.\n\n{said}"
        return said
    return ANSWERS[extraction.intent](ctx, extraction)


_FLEET_WORD_RE = re.compile(r"\b(?:bus\w*|armada\w*|unit\w*|kendaraan\w*|mobil\w*)\b", re.I)


def _own_day_asked(ctx: MessageContext, extraction: Extraction) -> bool:
    """A driver's or kernet's "kosong?" of a day, no bus named: his own day, never the
    free buses (the owner's and the admins' to plan with)."""
    f = extraction.fields
    return (
        extraction.intent is Intent.QUERY_FREE_BUSES
        and ctx.actor.role is Role.DRIVER
        and not (f.bus or f.detail or f.seats or f.bus_count)
        and not _FLEET_WORD_RE.search(ctx.text)
    )


def _free_buses(ctx: MessageContext, extraction: Extraction) -> str:
    """query_free_buses; with a teammate named beside the bus ("wahyu tgl 5 kosong ga? mau
    tak suruh bawa srikandi"), whether he is free that day too, as "wahyu tgl 5 kosong ga"
    alone is answered."""
    said = fleet_answers.free_buses(ctx, extraction)
    f = extraction.fields
    if not f.driver or ctx.actor.role is Role.DRIVER:
        return said
    person = f.model_copy(update={"bus": None, "detail": "free"})
    asked = extraction.model_copy(update={"intent": Intent.QUERY_SCHEDULE, "fields": person})
    return f"{said}\n{schedule_answers.schedule(ctx, asked)}"


def _season(ctx: MessageContext, extraction: Extraction) -> str:
    """query_season: the public holidays of a period (anyone may ask), else how busy the
    weeks ahead are (managers: it is about business volume)."""
    if extraction.fields.detail in ("holidays", "school_break", "lebaran"):
        return holidays.answer(ctx, extraction.fields)
    return money_answers.answer(ctx, extraction)


# An answer for every query intent (domain/model/intents.py).
ANSWERS: dict[Intent, Callable[[MessageContext, Extraction], str]] = {
    Intent.QUERY_SCHEDULE: schedule_answers.schedule,
    Intent.QUERY_OUTSTANDING: money_answers.outstanding,
    Intent.QUERY_TRIP_COSTS: money_answers.trip_costs,
    Intent.QUERY_BUS_STATUS: fleet_answers.bus_status,
    **dict.fromkeys(money_answers.MONEY_INTENTS, money_answers.answer),
    Intent.QUERY_SEASON: _season,
    Intent.QUERY_FREE_BUSES: _free_buses,
    Intent.QUERY_INCOME: income_answers.income,
    Intent.QUERY_DOCUMENTS: document_answers.documents,
    Intent.QUERY_WORKSHOP_COSTS: fleet_answers.workshop_costs,
    Intent.QUERY_ACTIVITY: activity_answers.answer,
}
