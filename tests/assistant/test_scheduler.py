"""The cron wiring: the morning job in the business's time zone."""

from __future__ import annotations

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from keloia.apps.scheduler import MORNING_HOUR, add_jobs, daily_alerts

from .conftest import World
from .test_worker import keloia


def test_the_morning_job_runs_at_six_in_jakarta(world: World) -> None:
    app = keloia(world)
    scheduler = BackgroundScheduler(timezone="Asia/Jakarta")
    add_jobs(scheduler, app)
    job = scheduler.get_job("daily_alerts")
    assert isinstance(job.trigger, CronTrigger)
    assert str(job.trigger.timezone) == "Asia/Jakarta"
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert fields["hour"] == str(MORNING_HOUR) and fields["minute"] == "0"


def test_the_job_alerts_once_a_day(world: World) -> None:
    from datetime import timedelta

    from keloia.domain.model.fleet import DocumentKind
    from keloia.domain.services.fleet import add_document

    add_document(
        world.deps,
        world.owner,
        DocumentKind.KIR,
        world.clock.today() + timedelta(days=3),
        bus_id=world.buses["Bus 01"],
    )
    app = keloia(world)
    daily_alerts(app)
    daily_alerts(app)
    kir = [a for a in world.state().alerts.values() if "KIR" in a.text]
    assert {a.user_id for a in kir} == {world.owner.id, world.admin.id}
    assert len(kir) == 2
