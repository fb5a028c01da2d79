"""The scheduled jobs (APScheduler), in `keloia serve` and in `keloia scheduler`, declared
in one registry (JOBS).

One tick every KELOIA_SCHEDULER_TICK_SECONDS asks the domain which tenant's jobs are due by
now in that tenant's own time zone (the briefing at its briefing time, the weekly summary
on Monday 07:00) and runs the ones not done yet. A tick rather than a cron line per job:
each tenant has its own hour and zone, and the first tick right at start-up catches up a
morning missed while Keloia was down (until 10:00; later the day's briefing is skipped).
Every run is claimed per (job, tenant, local date) in the database, so any number of
schedulers may tick.

To add a per-tenant daily or weekly job: when it is due in
`domain/model/jobs.due_jobs`, what it does in a use case of
`domain/services/briefing.py` (claim its day with `uow.jobs.claim`, record an event), and
its branch in `run_due`. A job of another rhythm: a runner here and one `Job(...)` row."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from keloia.bootstrap import Keloia
from keloia.domain.services.briefing import run_due

log = logging.getLogger("keloia.scheduler")


@dataclass(frozen=True)
class Job:
    name: str  # the APScheduler job id
    run: Callable[[Keloia], object]
    what: str  # for the operator (docs/operations.md, "Scheduled jobs")


def scheduled_jobs_tick(keloia: Keloia) -> None:
    run_due(keloia.deps, keloia.calendar, keloia.settings.briefing_time)


JOBS: tuple[Job, ...] = (
    Job(
        "scheduled_jobs_tick",
        scheduled_jobs_tick,
        "morning briefings (05:00 local) and the Monday summary (07:00), once each",
    ),
)


def add_jobs(scheduler: BaseScheduler, keloia: Keloia, jobs: tuple[Job, ...] = JOBS) -> None:
    for job in jobs:
        scheduler.add_job(
            job.run,
            IntervalTrigger(seconds=keloia.settings.scheduler_tick_seconds),
            args=[keloia],
            id=job.name,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            next_run_time=datetime.now(UTC),  # at once: catch up a missed morning
        )


def start(scheduler: BaseScheduler) -> None:
    """Start it running. Not `scheduler.start` as a Litestar startup hook: Litestar passes
    the app to a hook that takes an argument, and APScheduler takes it as `paused`."""
    # A line per tick is noise; a job that fails is still logged, as an error.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    log.info("scheduler starting", extra={"jobs": [j.id for j in scheduler.get_jobs()]})
    scheduler.start(paused=False)
