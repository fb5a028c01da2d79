"""The cron jobs (APScheduler), in the business's time zone, declared in one registry
(JOBS). Every job is idempotent per tenant and day, so `keloia scheduler` may run in
more than one place.

To add a job: a use case in domain/services/ that claims its (job, tenant, day) through
`uow.jobs.claim` and does its work in that transaction (see domain/services/daily.py),
a runner here taking the wired Keloia, and one `Job(...)` row in JOBS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from keloia.bootstrap import Keloia
from keloia.domain.services.daily import run_daily_alerts

MORNING_HOUR = 6


@dataclass(frozen=True)
class Job:
    name: str  # the APScheduler job id
    run: Callable[[Keloia], object]
    hour: int  # local time, the business's time zone
    minute: int = 0
    day_of_week: str = "*"  # cron syntax: "mon", "mon-fri", "*"
    # A daily job started after its time (a restart, a deploy) runs once now. Only for jobs
    # that are idempotent per day; before the time nobody wants a message.
    catch_up: bool = True


def daily_alerts(keloia: Keloia) -> None:
    run_daily_alerts(keloia.deps, keloia.deps.clock.today())


JOBS: tuple[Job, ...] = (Job("daily_alerts", daily_alerts, hour=MORNING_HOUR),)


def add_jobs(scheduler: BaseScheduler, keloia: Keloia, jobs: tuple[Job, ...] = JOBS) -> None:
    timezone = keloia.settings.timezone
    # The clock port, not the wall clock: tests and the demo may move time.
    local = keloia.deps.clock.now().astimezone(ZoneInfo(timezone))
    for job in jobs:
        scheduler.add_job(
            job.run,
            CronTrigger(
                day_of_week=job.day_of_week, hour=job.hour, minute=job.minute, timezone=timezone
            ),
            args=[keloia],
            id=job.name,
            replace_existing=True,
            coalesce=True,
        )
        daily = job.day_of_week == "*"
        if job.catch_up and daily and (local.hour, local.minute) >= (job.hour, job.minute):
            scheduler.add_job(job.run, args=[keloia], id=f"{job.name}_catch_up")
