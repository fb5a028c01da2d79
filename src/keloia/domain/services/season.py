"""The season ahead as a use case: the weeks coming, with their holidays and school
breaks, the buses already taken, and how busy the same weeks were in the PO's past years.
The rules are in domain/model/season.py."""

from __future__ import annotations

from datetime import date, timedelta

from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import BusStatus
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.season import LEBARAN_BEFORE, WeekOutlook, season_outlook
from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps
from keloia.domain.services.money import departing
from keloia.ports.calendar import HolidayCalendar

# How many past years the season's history looks back on.
HISTORY_YEARS = 3


def outlook(
    deps: Deps, actor: User, calendar: HolidayCalendar | None, weeks: int = 4
) -> list[WeekOutlook]:
    """The weeks ahead: holidays and school breaks, buses already taken, and how busy the
    same weeks were in the PO's past years. Managers only: it is about business volume."""
    require(actor, Action.READ, Resource.PAYMENT)
    today = deps.clock.today()
    ahead = DateRange(start=today, end=today + timedelta(days=7 * (weeks + 1) + 6))
    with deps.uow() as uow:
        fleet = [b for b in uow.buses.all(actor.tenant_id) if b.status is not BusStatus.RETIRED]
        coming = uow.bookings.overlapping(actor.tenant_id, ahead)
        past: list[date] = []
        for years in range(1, HISTORY_YEARS + 1):
            window = DateRange(
                start=ahead.start - timedelta(days=364 * years + 7),
                end=ahead.end - timedelta(days=364 * years - 7),
            )
            past += [b.depart_date for b in departing(uow, actor.tenant_id, window) if b.is_live]
    # Idul Fitri up to a week past the last week asked still makes that week Lebaran.
    margin = timedelta(days=LEBARAN_BEFORE)
    official = calendar.between(ahead.start - margin, ahead.end + margin) if calendar else []
    return season_outlook(
        today=today,
        weeks=weeks,
        fleet=len(fleet),
        bookings=coming,
        past_departures=past,
        # Without a calendar the school breaks still count; holidays and Lebaran do not.
        holidays={h.day: h.name for h in official},
        lebaran_days=[h.day for h in official if h.lebaran],
        years_back=HISTORY_YEARS,
    )
