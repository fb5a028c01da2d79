"""The per-tenant scheduled jobs: their names, when each is due in the tenant's own time
zone, and until when what it sends is still worth sending. What each job says is
elsewhere (the briefing and the weekly summary: domain/model/briefing.py); running them
once per tenant and day is domain/services/briefing.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from keloia.domain.model.common import Value
from keloia.domain.model.tenants import Tenant

BRIEFING_JOB = "briefing"
WEEKLY_JOB = "weekly_summary"
REMINDER_JOB = "reminder"
# A briefing that could not go out by then (Keloia was down) is not sent that day: news
# of 05:00 read at noon misleads. Five hours after the briefing time (10:00 by default).
LATE_AFTER = timedelta(hours=5)
WEEKLY_DAY = 0  # Monday
WEEKLY_TIME = time(7, 0)


class DueJob(Value):
    job: str
    tenant_id: str
    day: date  # the local date the run is for


def due_jobs(tenant: Tenant, local_now: datetime, briefing_at: time | None = None) -> list[DueJob]:
    """Which of the tenant's jobs should have run by `local_now` (its own time zone) and
    may still run: the briefing from its time until LATE_AFTER, the weekly summary on
    Monday from 07:00 for as long. `briefing_at` overrides the tenant's time (operators,
    tests)."""
    day = local_now.date()
    found = []
    at = briefing_at or tenant.settings.briefing_time
    if _within(local_now, at):
        found.append(DueJob(job=BRIEFING_JOB, tenant_id=tenant.id, day=day))
    if day.weekday() == WEEKLY_DAY and _within(local_now, WEEKLY_TIME):
        found.append(DueJob(job=WEEKLY_JOB, tenant_id=tenant.id, day=day))
    return found


def _within(local_now: datetime, at: time) -> bool:
    start = datetime.combine(local_now.date(), at, tzinfo=local_now.tzinfo)
    return start <= local_now < start + LATE_AFTER


def send_by(local_day: date, at: time, zone: tzinfo) -> datetime:
    """When a briefing stops being worth sending (its time-to-live)."""
    return datetime.combine(local_day, at, tzinfo=zone) + LATE_AFTER
