"""The cron jobs (APScheduler), in the business's time zone. Every job is idempotent per
tenant and day, so `keloia scheduler` may run in more than one place."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from keloia.bootstrap import Keloia
from keloia.domain.services.daily import run_daily_alerts

MORNING_HOUR = 6


def daily_alerts(keloia: Keloia) -> None:
    run_daily_alerts(keloia.deps, keloia.deps.clock.today())


def add_jobs(scheduler: BaseScheduler, keloia: Keloia) -> None:
    scheduler.add_job(
        daily_alerts,
        CronTrigger(hour=MORNING_HOUR, minute=0, timezone=keloia.settings.timezone),
        args=[keloia],
        id="daily_alerts",
        replace_existing=True,
        coalesce=True,
    )
    # Started after 06:00 (a restart, a deploy): the day's run happens now, once; before
    # 06:00 nobody wants a message.
    local = datetime.now(ZoneInfo(keloia.settings.timezone))
    if local.hour >= MORNING_HOUR:
        scheduler.add_job(daily_alerts, args=[keloia], id="daily_alerts_catch_up")
