"""The scheduled jobs: each tenant's morning briefing and the owner's Monday summary.

A job decides and writes to the outbox; the delivery worker sends. Each (job, tenant,
local date) is claimed in the same transaction as the messages it writes, so two
schedulers, a restart mid-run or a run by hand give one set of messages: the loser's
claim finds the row and it does nothing, a crash rolls back claim and messages together."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from keloia.domain.errors import found
from keloia.domain.model.briefing import (
    HOLIDAY_HORIZON_DAYS,
    LOOKAHEAD_DAYS,
    Briefing,
    Morning,
    briefings,
    money_lines,
    week_figures,
    weekly_briefing,
)
from keloia.domain.model.common import DateRange
from keloia.domain.model.events import BriefingsComposed
from keloia.domain.model.fleet import BusStatus, service_warning_days, services_due
from keloia.domain.model.jobs import (
    BRIEFING_JOB,
    REMINDER_JOB,
    WEEKLY_JOB,
    WEEKLY_TIME,
    DueJob,
    due_jobs,
    send_by,
)
from keloia.domain.model.messages import OutboundMessage, window_open
from keloia.domain.model.money import aging_report, profit_report
from keloia.domain.model.reminders import document_horizon, reminders
from keloia.domain.model.season import season_outlook
from keloia.domain.model.tenants import Role, Tenant
from keloia.domain.services.deps import Deps
from keloia.domain.services.money import departing
from keloia.domain.services.transaction import Transaction
from keloia.ports.calendar import HolidayCalendar

log = logging.getLogger("keloia.briefing")


class Planned(BaseModel):
    """One person's message of a run: what `keloia briefing` prints."""

    model_config = ConfigDict(frozen=True)

    briefing: Briefing
    message: OutboundMessage


def run_due(deps: Deps, calendar: HolidayCalendar, briefing_at: time | None = None) -> list[DueJob]:
    """The scheduler's tick: run every job that is due by now and not done yet, tenant by
    tenant (one tenant's failure leaves the others' mornings alone). Returns those run."""
    now = deps.clock.now()
    with deps.uow() as uow:
        tenants = uow.tenants.all()
        due = [
            job
            for tenant in tenants
            for job in due_jobs(tenant, now.astimezone(_zone(tenant)), briefing_at)
        ]
        done = {
            (job, key, day)
            for job in {j.job for j in due}
            for key, day in uow.jobs.claimed(
                job, [(j.tenant_id, j.day) for j in due if j.job == job]
            )
        }
    ran = []
    for job in due:
        if (job.job, job.tenant_id, job.day) in done:
            continue
        try:
            if job.job == BRIEFING_JOB:
                planned = morning(deps, calendar, job.tenant_id, job.day, briefing_at=briefing_at)
            else:
                planned = weekly(deps, calendar, job.tenant_id, job.day)
        except Exception:
            log.exception("scheduled job failed", extra={"job": job.job, "tenant": job.tenant_id})
            continue
        if planned is not None:
            ran.append(job)
            log.info(
                "scheduled job ran",
                extra={"job": job.job, "tenant": job.tenant_id, "messages": len(planned)},
            )
    return ran


def morning(
    deps: Deps,
    calendar: HolidayCalendar,
    tenant_id: str,
    day: date,
    *,
    dry_run: bool = False,
    briefing_at: time | None = None,
) -> list[Planned] | None:
    """Each person's briefing for `day`, queued (or only shown, with dry_run). None when the
    day's briefing was already queued. A number of queries that does not grow with the
    tenant's bookings or people."""
    now = deps.clock.now()
    with deps.uow() as uow:
        tenant = _tenant(uow, tenant_id)
        if not dry_run and not uow.jobs.claim(BRIEFING_JOB, tenant_id, day):
            return None
        m = load_morning(uow, calendar, tenant, day)
        candidates = list({r.claim: r for r in reminders(m)}.values())
        claims = [r.claim for r in candidates]
        if dry_run:
            done = uow.jobs.claimed(REMINDER_JOB, claims)
            fresh = [r for r in candidates if r.claim not in done]
        else:
            won = uow.jobs.claim_many(REMINDER_JOB, claims)
            fresh = [r for r in candidates if r.claim in won]
        planned = _plan(uow, briefings(m, fresh), now)
        if not dry_run:
            expires = send_by(day, briefing_at or tenant.settings.briefing_time, _zone(tenant))
            _queue(uow, tenant_id, planned, expires)
            uow.commit()
    return planned


def weekly(
    deps: Deps, calendar: HolidayCalendar, tenant_id: str, monday: date, *, dry_run: bool = False
) -> list[Planned] | None:
    """The owner's Monday summary of last week and the week ahead."""
    now = deps.clock.now()
    with deps.uow() as uow:
        tenant = _tenant(uow, tenant_id)
        if not dry_run and not uow.jobs.claim(WEEKLY_JOB, tenant_id, monday):
            return None
        team = uow.users.all(tenant_id)
        buses = uow.buses.all(tenant_id)
        weeks = DateRange(start=monday - timedelta(days=7), end=monday + timedelta(days=6))
        both_weeks = uow.bookings.overlapping(tenant_id, weeks)
        open_balances = uow.bookings.with_balance(tenant_id)
        figures = week_figures(
            monday,
            tenant,
            buses,
            both_weeks,
            uow.payments.between(tenant_id, weeks.start, monday - timedelta(days=1)),
            open_balances,
        )
        last = figures.last_week
        profit = profit_report(
            departing(uow, tenant_id, last),
            uow.trip_costs.for_trips_between(tenant_id, last.start, last.end),
        )
        due = {b.id: b.settlement_due(tenant.settings) for b in open_balances}
        official = calendar.between(monday - timedelta(days=7), monday + timedelta(days=13))
        # The week from this Monday: season_outlook starts at the week after `today`'s.
        [ahead] = season_outlook(
            today=monday - timedelta(days=1),
            weeks=1,
            fleet=sum(1 for b in buses if b.status is not BusStatus.RETIRED),
            bookings=both_weeks,
            past_departures=[],
            holidays={h.day: h.name for h in official},
            lebaran_days=[h.day for h in official if h.lebaran],
            years_back=0,
        )
        extra = money_lines(profit, aging_report(open_balances, due, monday), ahead)
        figures = figures.model_copy(update={"extra": figures.extra + extra})
        m = Morning(
            tenant=tenant,
            day=monday,
            team=team,
            buses=buses,
            bookings=[],
            open_balances=[],
            documents=[],
            services=[],
            odometer_dates={},
            yesterday_payments=[],
            holidays=calendar.between(monday, monday + timedelta(days=6)),
        )
        owners = [u for u in team if u.active and u.role is Role.OWNER]
        planned = _plan(uow, [weekly_briefing(m, o, figures) for o in owners], now)
        if not dry_run:
            _queue(uow, tenant_id, planned, send_by(monday, WEEKLY_TIME, _zone(tenant)))
            uow.commit()
    return planned


def load_morning(uow: Transaction, calendar: HolidayCalendar, tenant: Tenant, day: date) -> Morning:
    tid = tenant.id
    buses = uow.buses.all(tid)
    return Morning(
        tenant=tenant,
        day=day,
        team=uow.users.all(tid),
        buses=buses,
        bookings=uow.bookings.overlapping(
            tid, DateRange(start=day, end=day + timedelta(days=LOOKAHEAD_DAYS))
        ),
        open_balances=uow.bookings.with_balance(tid),
        documents=uow.documents.expiring(
            tid, day + timedelta(days=document_horizon(tenant.settings))
        ),
        services=services_due(
            uow.maintenance.intervals(tid),
            uow.maintenance.latest(tid),
            buses,
            day,
            service_warning_days(tenant.settings),
        ),
        odometer_dates=uow.maintenance.last_readings(tid),
        yesterday_payments=uow.payments.between(
            tid, day - timedelta(days=1), day - timedelta(days=1)
        ),
        holidays=calendar.between(day, day + timedelta(days=HOLIDAY_HORIZON_DAYS)),
    )


def _plan(uow: Transaction, found: Sequence[Briefing], now: datetime) -> list[Planned]:
    """Free text to whoever wrote within WhatsApp's 24-hour window, a template to the rest."""
    seen = uow.inbox.last_seen([b.user.phone for b in found])
    return [
        Planned(briefing=b, message=b.message(window_open(seen.get(b.user.phone), now)))
        for b in found
    ]


def _queue(uow: Transaction, tenant_id: str, planned: list[Planned], expires: datetime) -> None:
    """Who hears what is decided; the handler table queues it (handlers.queue_briefings)."""
    uow.record(
        BriefingsComposed(
            tenant_id=tenant_id,
            messages=tuple(p.message for p in planned),
            expires_at=expires,
        )
    )


def _tenant(uow: Transaction, tenant_id: str) -> Tenant:
    return found(uow.tenants.get(tenant_id), "PO")


def _zone(tenant: Tenant) -> ZoneInfo:
    return ZoneInfo(tenant.settings.timezone)
